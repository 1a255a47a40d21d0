//! Reading every page of a list: the first page tells the total and the page size the server
//! really uses, the rest are fetched concurrently (bounded) and checked to add up, so a
//! partial list is never mistaken for the whole (a PUT with a partial `members` list would
//! delete the rest).

use std::collections::HashSet;
use std::future::Future;

use futures::{StreamExt, TryStreamExt};

use super::ApiError;

/// Larger totals are taken as a broken answer rather than a reason to loop for hours.
pub const MAX_TOTAL: i64 = 1_000_000;

/// One page of a list answer.
#[derive(Debug, Clone, PartialEq)]
pub struct Page<T> {
    pub total: i64,
    pub items: Vec<T>,
}

/// Fetch every page. `fetch(offset, limit)` gets one page; `id` gives an item's unique id
/// (items without one are not checked for duplicates).
pub async fn fetch_all<T, F, Fut, I>(
    limit: u32,
    concurrency: usize,
    fetch: F,
    id: I,
) -> Result<Vec<T>, ApiError>
where
    F: Fn(u64, u32) -> Fut,
    Fut: Future<Output = Result<Page<T>, ApiError>>,
    I: Fn(&T) -> Option<&str>,
{
    let first = fetch(0, limit).await?;
    let total = first.total;
    if !(0..=MAX_TOTAL).contains(&total) {
        return Err(ApiError::Inconsistent(format!(
            "the server reported an implausible total of {total}"
        )));
    }
    let total = total as u64;
    let step = first.items.len() as u64;
    let mut items = first.items;
    if step > 0 && step < total {
        let offsets = (1..).map(|i| i * step).take_while(|o| *o < total);
        let pages: Vec<Page<T>> = futures::stream::iter(offsets)
            .map(|offset| fetch(offset, limit))
            .buffered(concurrency.max(1))
            .try_collect()
            .await?;
        for page in pages {
            if page.total as u64 != total {
                return Err(ApiError::Inconsistent(format!(
                    "the list changed while it was read (total {total}, then {}); load again",
                    page.total
                )));
            }
            if page.items.is_empty() {
                break;
            }
            items.extend(page.items);
        }
    }
    if items.len() as u64 != total {
        return Err(ApiError::Inconsistent(format!(
            "the server reported {total} items but {} arrived; load again",
            items.len()
        )));
    }
    let mut seen = HashSet::with_capacity(items.len());
    for item in &items {
        if let Some(i) = id(item)
            && !seen.insert(i)
        {
            return Err(ApiError::Inconsistent(format!(
                "item {} appears on two pages (the list changed while it was read); load again",
                crate::sanitize::line(i)
            )));
        }
    }
    Ok(items)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::Mutex;
    use std::sync::atomic::{AtomicUsize, Ordering};

    fn ids(n: usize) -> Vec<String> {
        (0..n).map(|i| format!("m{i}")).collect()
    }

    async fn serve(
        all: &[String],
        total: i64,
        cap: u32,
        offset: u64,
        limit: u32,
    ) -> Result<Page<String>, ApiError> {
        let take = limit.min(cap) as usize;
        let start = (offset as usize).min(all.len());
        let end = (start + take).min(all.len());
        Ok(Page {
            total,
            items: all[start..end].to_vec(),
        })
    }

    fn block<F: Future>(f: F) -> F::Output {
        tokio::runtime::Builder::new_current_thread()
            .build()
            .unwrap()
            .block_on(f)
    }

    #[test]
    fn every_page_is_read_and_the_server_page_size_is_respected() {
        let all = ids(1234);
        let calls = AtomicUsize::new(0);
        let got = block(fetch_all(
            500,
            4,
            |o, l| {
                calls.fetch_add(1, Ordering::SeqCst);
                serve(&all, 1234, 100, o, l)
            },
            |s: &String| Some(s.as_str()),
        ))
        .unwrap();
        assert_eq!(got, all);
        assert_eq!(calls.load(Ordering::SeqCst), 13);
    }

    #[test]
    fn short_lists_take_one_call() {
        let all = ids(3);
        let got = block(fetch_all(
            500,
            4,
            |o, l| serve(&all, 3, 500, o, l),
            |s: &String| Some(s.as_str()),
        ))
        .unwrap();
        assert_eq!(got.len(), 3);
        let none: Vec<String> = Vec::new();
        let got = block(fetch_all(
            500,
            4,
            |o, l| serve(&none, 0, 500, o, l),
            |s: &String| Some(s.as_str()),
        ))
        .unwrap();
        assert!(got.is_empty());
    }

    #[test]
    fn a_total_larger_than_what_arrives_is_an_error() {
        let all = ids(700);
        let err = block(fetch_all(
            500,
            4,
            |o, l| serve(&all, 900, 500, o, l),
            |s: &String| Some(s.as_str()),
        ))
        .unwrap_err();
        assert!(matches!(err, ApiError::Inconsistent(_)), "{err}");
    }

    #[test]
    fn a_changing_total_or_a_duplicate_is_an_error() {
        let all = ids(1000);
        let first = Mutex::new(true);
        let err = block(fetch_all(
            500,
            4,
            |o, l| {
                let mut f = first.lock().unwrap();
                let total = if *f { 1000 } else { 1001 };
                *f = false;
                serve(&all, total, 500, o, l)
            },
            |s: &String| Some(s.as_str()),
        ))
        .unwrap_err();
        assert!(err.to_string().contains("changed"), "{err}");

        let mut dup = ids(1000);
        dup[600] = "m1".into();
        let err = block(fetch_all(
            500,
            4,
            |o, l| serve(&dup, 1000, 500, o, l),
            |s: &String| Some(s.as_str()),
        ))
        .unwrap_err();
        assert!(err.to_string().contains("m1"), "{err}");
    }

    #[test]
    fn concurrency_is_bounded() {
        let all = ids(5000);
        let in_flight = AtomicUsize::new(0);
        let peak = AtomicUsize::new(0);
        block(fetch_all(
            100,
            3,
            |o, l| {
                let all = &all;
                let in_flight = &in_flight;
                let peak = &peak;
                async move {
                    let now = in_flight.fetch_add(1, Ordering::SeqCst) + 1;
                    peak.fetch_max(now, Ordering::SeqCst);
                    tokio::task::yield_now().await;
                    let page = serve(all, 5000, 100, o, l).await;
                    in_flight.fetch_sub(1, Ordering::SeqCst);
                    page
                }
            },
            |s: &String| Some(s.as_str()),
        ))
        .unwrap();
        assert_eq!(peak.load(Ordering::SeqCst), 3);
    }
}
