//! `offset`/`limit` as the service reads them (docs/api.md §1): offset < 0 -> 0, limit <= 0 -> 20,
//! limit > 500 -> 500; a value that is not a number is 400 APIG.2012.

use std::collections::HashMap;

use serde_json::{Value, json};

use super::errors::{ApiError, ApiResult};

pub type Query = HashMap<String, String>;

pub const DEFAULT_LIMIT: usize = 20;
pub const MAX_LIMIT: usize = 500;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Page {
    pub offset: usize,
    pub limit: usize,
}

fn int(q: &Query, name: &str) -> ApiResult<Option<i64>> {
    match q.get(name).map(|s| s.trim()).filter(|s| !s.is_empty()) {
        None => Ok(None),
        Some(s) => s
            .parse::<i64>()
            .map(Some)
            .map_err(|_| ApiError::invalid(name, "not an integer")),
    }
}

impl Page {
    pub fn from_query(q: &Query) -> ApiResult<Page> {
        let offset = int(q, "offset")?.unwrap_or(0).max(0);
        let limit = match int(q, "limit")?.unwrap_or(0) {
            l if l <= 0 => DEFAULT_LIMIT as i64,
            l => l.min(MAX_LIMIT as i64),
        };
        Ok(Page {
            offset: usize::try_from(offset).unwrap_or(usize::MAX),
            limit: limit as usize,
        })
    }

    /// `{"size", "total", <key>: [page items]}`; only the page's items are rendered.
    pub fn answer<T>(&self, key: &str, items: &[T], render: impl Fn(&T) -> Value) -> Value {
        let page: Vec<Value> = items
            .iter()
            .skip(self.offset)
            .take(self.limit)
            .map(render)
            .collect();
        json!({"size": page.len(), "total": items.len(), key: page})
    }
}

/// An optional integer query parameter.
pub fn query_int(q: &Query, name: &str) -> ApiResult<Option<i64>> {
    int(q, name)
}

/// An optional, non-empty string query parameter.
pub fn query_str<'a>(q: &'a Query, name: &str) -> Option<&'a str> {
    q.get(name).map(|s| s.as_str()).filter(|s| !s.is_empty())
}

/// Does `precise_search` (a comma-separated list of names) ask for an exact match on `name`?
pub fn precise(q: &Query, name: &str) -> bool {
    q.get("precise_search")
        .is_some_and(|p| p.split(',').any(|n| n.trim() == name))
}

/// Match a filter: exact when precise, else substring.
pub fn matches(value: &str, wanted: &str, exact: bool) -> bool {
    if exact {
        value == wanted
    } else {
        value.contains(wanted)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn q(pairs: &[(&str, &str)]) -> Query {
        pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect()
    }

    #[test]
    fn limits_are_coerced_and_offsets_clamped() {
        assert_eq!(
            Page::from_query(&q(&[])).unwrap(),
            Page {
                offset: 0,
                limit: 20
            }
        );
        assert_eq!(Page::from_query(&q(&[("limit", "0")])).unwrap().limit, 20);
        assert_eq!(Page::from_query(&q(&[("limit", "-3")])).unwrap().limit, 20);
        assert_eq!(
            Page::from_query(&q(&[("limit", "501")])).unwrap().limit,
            500
        );
        assert_eq!(Page::from_query(&q(&[("offset", "-5")])).unwrap().offset, 0);
        let e = Page::from_query(&q(&[("limit", "ten")])).unwrap_err();
        assert_eq!(e.code, "APIG.2012");
        assert!(e.msg.ends_with("parameterName:limit"));
    }

    #[test]
    fn a_page_reports_its_size_and_the_total() {
        let items: Vec<i32> = (0..45).collect();
        let v = Page {
            offset: 40,
            limit: 20,
        }
        .answer("x", &items, |i| json!(i));
        assert_eq!(v["size"], 5);
        assert_eq!(v["total"], 45);
        assert_eq!(v["x"][0], 40);
    }
}
