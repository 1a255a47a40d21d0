//! The caps that keep a broken or hostile server from taking the client's memory or time:
//! the decoded size of one answer, the members (items) of one list, the requests one list
//! read may take, and how often a list that changed while it was read is read again.
//!
//! Defaults (README, "Limits"): 64 MiB per answer (a channel detail with 10,000 members is
//! about 3 MB, a page of 500 members under 200 KB), 1,000,000 members per channel, which at
//! the 500 per page asked for is at most 2,000 page requests per read, and 3 reads of a list
//! that keeps changing.

/// Largest decoded (inflated) answer body read, in bytes.
pub const DEFAULT_MAX_ANSWER_BYTES: u64 = 64 << 20;

/// Most items (members, channels, groups) one list may have.
pub const DEFAULT_MAX_ITEMS: u64 = 1_000_000;

/// Reads of a list that showed signs of changing while it was read, the first included.
pub const DEFAULT_LOAD_TRIES: u32 = 3;

/// A page this many times smaller than asked for, while more items remain, is taken as a
/// broken server rather than a reason for thousands of requests. (Real gateways serve what is
/// asked up to 500; a proxy capping at 100 is still fine.)
pub const MIN_PAGE_DIVISOR: u64 = 10;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    pub max_answer_bytes: u64,
    pub max_items: u64,
    pub load_tries: u32,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_answer_bytes: DEFAULT_MAX_ANSWER_BYTES,
            max_items: DEFAULT_MAX_ITEMS,
            load_tries: DEFAULT_LOAD_TRIES,
        }
    }
}

impl Limits {
    /// Most page requests one read of a list may take when asking `limit` per page: what
    /// `max_items` needs at that page size.
    pub fn max_pages(&self, limit: u32) -> u64 {
        self.max_items.div_ceil(u64::from(limit.max(1))).max(1)
    }

    /// The smallest page accepted while more items remain, when `limit` were asked for.
    pub fn min_page(&self, limit: u32) -> u64 {
        (u64::from(limit) / MIN_PAGE_DIVISOR).max(1)
    }
}

/// `64 MiB`, `1.5 KiB`, `300 B`.
pub fn human_bytes(n: u64) -> String {
    const MIB: u64 = 1 << 20;
    const KIB: u64 = 1 << 10;
    if n >= MIB && n.is_multiple_of(MIB) {
        format!("{} MiB", n / MIB)
    } else if n >= MIB {
        format!("{:.1} MiB", n as f64 / MIB as f64)
    } else if n >= KIB {
        format!("{:.1} KiB", n as f64 / KIB as f64)
    } else {
        format!("{n} B")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_page_budget_follows_the_member_cap() {
        let l = Limits::default();
        assert_eq!(l.max_pages(500), 2000);
        assert_eq!(l.max_pages(100), 10_000);
        assert_eq!(l.min_page(500), 50);
        assert_eq!(l.min_page(5), 1);
        assert_eq!(human_bytes(DEFAULT_MAX_ANSWER_BYTES), "64 MiB");
        assert_eq!(human_bytes(1536), "1.5 KiB");
    }
}
