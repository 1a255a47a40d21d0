//! Reading every page of a list: the first page tells the total and the page size the server
//! really uses, the rest are fetched concurrently (bounded) and checked to add up, so a
//! partial list is never mistaken for the whole (a PUT with a partial `members` list would
//! delete the rest). Pages overlap by one item: one member deleted and another added between
//! two pages leaves the total unchanged, but shifts the next page, and the overlap shows it.
//!
//! Two kinds of failure: [`ApiError::Inconsistent`] when the pages show that the list changed
//! while it was read (a total that moves, a page of the wrong size, an item on two pages, the
//! same page twice from a server that ignores `offset`) — worth reading again; and
//! [`ApiError::Refused`] when the list is beyond the caps of [`Limits`] or paged so finely that
//! reading it would take more requests than they allow — a broken server, not read further.

use std::collections::HashMap;
use std::future::Future;

use futures::{StreamExt, TryStreamExt};

use super::{ApiError, Limits};

/// One page of a list answer.
#[derive(Debug, Clone, PartialEq)]
pub struct Page<T> {
    pub total: i64,
    pub items: Vec<T>,
}

/// How to read one list.
#[derive(Debug, Clone, Copy)]
pub struct Paging {
    /// Items asked for per page.
    pub limit: u32,
    /// Pages in flight at once.
    pub concurrency: usize,
    pub limits: Limits,
    /// What the items are, for messages: `members`, `channels`.
    pub what: &'static str,
}

/// Fetch every page. `fetch(offset, limit)` gets one page; `id` gives an item's unique id
/// (items without one are not checked for duplicates).
pub async fn fetch_all<T, F, Fut, I>(paging: &Paging, fetch: F, id: I) -> Result<Vec<T>, ApiError>
where
    F: Fn(u64, u32) -> Fut,
    Fut: Future<Output = Result<Page<T>, ApiError>>,
    I: Fn(&T) -> Option<&str>,
{
    let what = paging.what;
    let limit = paging.limit.max(1);
    let first = fetch(0, limit).await?;
    let total = check_total(paging, first.total)?;
    let step = first.items.len() as u64;
    if step > total {
        return Err(ApiError::Inconsistent(format!(
            "the first page holds {step} {what} but the total is {total}; the list changed while it was read"
        )));
    }
    if step == 0 && total > 0 {
        return Err(ApiError::Inconsistent(format!(
            "the first page is empty but the total is {total} {what}"
        )));
    }
    let mut items = first.items;
    if step < total {
        let stride = stride(step);
        check_budget(paging, step, total)?;
        let offsets = (1..)
            .map(|k| k * stride)
            .take_while(|o| o + (step - stride) < total);
        let pages: Vec<(u64, Page<T>)> = futures::stream::iter(offsets)
            .map(|offset| {
                let page = fetch(offset, limit);
                async move { page.await.map(|p| (offset, p)) }
            })
            .buffered(paging.concurrency.max(1))
            .try_collect()
            .await?;
        items.reserve(total.saturating_sub(step) as usize);
        for (offset, page) in pages {
            if page.total != total as i64 {
                return Err(ApiError::Inconsistent(format!(
                    "the list changed while it was read (total {total}, then {})",
                    page.total
                )));
            }
            let expected = step.min(total - offset);
            if page.items.len() as u64 != expected {
                return Err(ApiError::Inconsistent(format!(
                    "the page at offset {offset} holds {} {what} where {expected} were due; \
                     the list changed while it was read",
                    page.items.len()
                )));
            }
            let mut page_items = page.items.into_iter();
            if stride < step {
                // The overlap: this page must start with the item the last one ended with.
                // A member removed or added before it since then shifts it.
                let overlap = page_items.next();
                let held = items.get(offset as usize);
                if let (Some(a), Some(b)) = (overlap.as_ref().and_then(&id), held.and_then(&id))
                    && a != b
                {
                    return Err(ApiError::Inconsistent(format!(
                        "the page at offset {offset} does not start where the one before ended \
                         ({} instead of {}): the list changed while it was read, or the server \
                         ignores offset",
                        crate::sanitize::excerpt(a, 80),
                        crate::sanitize::excerpt(b, 80)
                    )));
                }
            }
            items.extend(page_items);
        }
    }
    check_unique(&items, id, what)?;
    Ok(items)
}

fn check_total(paging: &Paging, total: i64) -> Result<u64, ApiError> {
    let what = paging.what;
    let max = paging.limits.max_items;
    match u64::try_from(total) {
        Err(_) => Err(ApiError::Refused(format!(
            "the server reported a total of {total} {what}"
        ))),
        Ok(t) if t > max => Err(ApiError::Refused(format!(
            "the server reports {t} {what}, more than the limit of {max} \
             (raise it with --max-members or CHANEDIT_MAX_MEMBERS)"
        ))),
        Ok(t) => Ok(t),
    }
}

/// How far apart the pages after the first start: one item less than a page, so that each
/// page repeats the last item of the one before (a shift shows there); pages of one item
/// cannot overlap.
fn stride(step: u64) -> u64 {
    if step >= 2 { step - 1 } else { step }
}

/// Pages needed for `total` items at `step` per page, overlapping as [`stride`] says.
fn pages_needed(step: u64, total: u64) -> u64 {
    if total <= step {
        return 1;
    }
    1 + (total - step).div_ceil(stride(step))
}

/// A page much smaller than asked while more remain, or more pages than the cap allows, is a
/// broken server: refuse before sending the rest.
fn check_budget(paging: &Paging, step: u64, total: u64) -> Result<(), ApiError> {
    let what = paging.what;
    let limit = paging.limit.max(1);
    let pages = pages_needed(step, total);
    let max_pages = paging.limits.max_pages(limit);
    if step < paging.limits.min_page(limit) || pages > max_pages {
        return Err(ApiError::Refused(format!(
            "the server answered {step} {what} per page where {limit} were asked for, with \
             {total} in all: reading them would take {pages} requests (at most {max_pages} \
             are made); the server is taken as broken"
        )));
    }
    Ok(())
}

fn check_unique<T, I>(items: &[T], id: I, what: &str) -> Result<(), ApiError>
where
    I: Fn(&T) -> Option<&str>,
{
    let mut seen: HashMap<&str, usize> = HashMap::with_capacity(items.len());
    for (i, item) in items.iter().enumerate() {
        if let Some(key) = id(item)
            && let Some(first) = seen.insert(key, i)
        {
            return Err(ApiError::Inconsistent(format!(
                "{} appears twice among the {what} (items {} and {}): the list changed while \
                 it was read, or the server ignores offset",
                crate::sanitize::excerpt(key, 80),
                first + 1,
                i + 1
            )));
        }
    }
    Ok(())
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

    fn paging(limit: u32, concurrency: usize) -> Paging {
        Paging {
            limit,
            concurrency,
            limits: Limits::default(),
            what: "members",
        }
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
            &paging(500, 4),
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
            &paging(500, 4),
            |o, l| serve(&all, 3, 500, o, l),
            |s: &String| Some(s.as_str()),
        ))
        .unwrap();
        assert_eq!(got.len(), 3);
        let none: Vec<String> = Vec::new();
        let got = block(fetch_all(
            &paging(500, 4),
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
            &paging(500, 4),
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
            &paging(500, 4),
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
            &paging(500, 4),
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
            &paging(100, 3),
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

    #[test]
    fn a_server_that_ignores_offset_is_caught() {
        let all = ids(1000);
        let err = block(fetch_all(
            &paging(500, 4),
            |_o, l| serve(&all, 1000, 500, 0, l),
            |s: &String| Some(s.as_str()),
        ))
        .unwrap_err();
        assert!(matches!(err, ApiError::Inconsistent(_)), "{err}");
        assert!(err.to_string().contains("ignores offset"), "{err}");
    }

    #[test]
    fn a_huge_claim_at_one_per_page_takes_one_request() {
        let all = ids(10);
        let calls = AtomicUsize::new(0);
        let err = block(fetch_all(
            &paging(500, 4),
            |o, l| {
                calls.fetch_add(1, Ordering::SeqCst);
                serve(&all, 1_000_000, 1, o, l)
            },
            |s: &String| Some(s.as_str()),
        ))
        .unwrap_err();
        assert!(matches!(err, ApiError::Refused(_)), "{err}");
        assert_eq!(calls.load(Ordering::SeqCst), 1);

        let err = block(fetch_all(
            &paging(500, 4),
            |o, l| serve(&all, 1_000_001, 500, o, l),
            |s: &String| Some(s.as_str()),
        ))
        .unwrap_err();
        assert!(err.to_string().contains("more than the limit"), "{err}");
    }

    #[test]
    fn a_page_of_the_wrong_size_is_a_change() {
        let all = ids(1000);
        let err = block(fetch_all(
            &paging(500, 4),
            |o, l| serve(&all, 1000, if o == 0 { 500 } else { 400 }, o, l),
            |s: &String| Some(s.as_str()),
        ))
        .unwrap_err();
        assert!(matches!(err, ApiError::Inconsistent(_)), "{err}");
    }
}
