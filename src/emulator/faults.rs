//! Injected faults for tests: latency, 500 APIG.9999, 429 APIG.0308 throttling, dropped
//! connections, HTML 502 pages, and writes that are applied but never answered (the connection
//! drops after the change).
//!
//! Each request rolls one die from (seed, request, how many times this same request was seen),
//! so with a seed a given request sequence meets the same faults on every run, whatever the
//! interleaving with other requests, and a retry of a failed request rolls again.

use std::collections::HashMap;
use std::sync::Mutex;

use sha2::{Digest, Sha256};

#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct FaultRates {
    pub latency_ms: u64,
    pub error_rate: f64,
    pub drop_rate: f64,
    pub garbage_rate: f64,
    /// Answered 429 APIG.0308, as the gateway does past a throttling threshold.
    pub throttle_rate: f64,
    /// Of writes only: apply, then close the connection without an answer.
    pub drop_after_apply_rate: f64,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Fault {
    /// Close the connection without an answer.
    Drop,
    /// Answer 502 with an HTML page, as a broken proxy would.
    Garbage,
    /// Answer 500 APIG.9999.
    Error,
    /// Answer 429 APIG.0308: throttled, nothing done.
    Throttle,
    /// Carry out the write, then close the connection without an answer: the client cannot
    /// tell whether it was applied.
    DropAfterApply,
}

pub struct Faults {
    pub rates: FaultRates,
    seed: u64,
    seen: Mutex<HashMap<[u8; 32], u64>>,
}

/// What a misbehaving proxy in front of the gateway sends.
pub const GARBAGE_PAGE: &str = "<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n<center><h1>502 Bad Gateway</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n";

impl Faults {
    pub fn new(rates: FaultRates, seed: Option<u64>) -> Self {
        Faults {
            rates,
            seed: seed.unwrap_or_else(rand::random),
            seen: Mutex::new(HashMap::new()),
        }
    }

    fn any(&self) -> bool {
        self.rates.error_rate > 0.0
            || self.rates.drop_rate > 0.0
            || self.rates.garbage_rate > 0.0
            || self.rates.throttle_rate > 0.0
            || self.rates.drop_after_apply_rate > 0.0
    }

    /// The fault (if any) this request meets.
    pub fn roll(&self, method: &str, target: &str, body: &[u8]) -> Option<Fault> {
        if !self.any() {
            return None;
        }
        let mut h = Sha256::new();
        h.update(self.seed.to_le_bytes());
        h.update(method.as_bytes());
        h.update([0]);
        h.update(target.as_bytes());
        h.update([0]);
        h.update(body);
        let print: [u8; 32] = h.finalize().into();
        let n = {
            let mut seen = self.seen.lock().unwrap_or_else(|e| e.into_inner());
            let n = seen.entry(print).or_insert(0);
            *n += 1;
            *n
        };
        let mut h = Sha256::new();
        h.update(print);
        h.update(n.to_le_bytes());
        let d: [u8; 32] = h.finalize().into();
        let mut first = [0u8; 8];
        first.copy_from_slice(&d[..8]);
        let r = (u64::from_le_bytes(first) >> 11) as f64 / (1u64 << 53) as f64;
        let r1 = self.rates.drop_rate.max(0.0);
        let r2 = r1 + self.rates.garbage_rate.max(0.0);
        let r3 = r2 + self.rates.error_rate.max(0.0);
        let rt = r3 + self.rates.throttle_rate.max(0.0);
        // Reads have nothing to apply: the die for them ignores this rate.
        let r4 = if is_write(method) {
            rt + self.rates.drop_after_apply_rate.max(0.0)
        } else {
            rt
        };
        if r < r1 {
            Some(Fault::Drop)
        } else if r < r2 {
            Some(Fault::Garbage)
        } else if r < r3 {
            Some(Fault::Error)
        } else if r < rt {
            Some(Fault::Throttle)
        } else if r < r4 {
            Some(Fault::DropAfterApply)
        } else {
            None
        }
    }
}

fn is_write(method: &str) -> bool {
    !matches!(method, "GET" | "HEAD" | "OPTIONS")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rates(e: f64, d: f64, g: f64) -> FaultRates {
        FaultRates {
            latency_ms: 0,
            error_rate: e,
            drop_rate: d,
            garbage_rate: g,
            throttle_rate: 0.0,
            drop_after_apply_rate: 0.0,
        }
    }

    #[test]
    fn the_same_seed_gives_the_same_faults() {
        let a = Faults::new(rates(0.3, 0.3, 0.3), Some(7));
        let b = Faults::new(rates(0.3, 0.3, 0.3), Some(7));
        let run = |f: &Faults| {
            (0..50)
                .map(|i| f.roll("GET", &format!("/x/{}", i % 5), b""))
                .collect::<Vec<_>>()
        };
        assert_eq!(run(&a), run(&b));
    }

    #[test]
    fn rates_are_respected_roughly() {
        let f = Faults::new(rates(0.0, 0.0, 0.5), Some(1));
        let hits = (0..2000)
            .filter(|_| f.roll("GET", "/same", b"").is_some())
            .count();
        assert!((800..1200).contains(&hits), "{hits}");
        let none = Faults::new(rates(0.0, 0.0, 0.0), Some(1));
        assert!((0..100).all(|_| none.roll("GET", "/", b"").is_none()));
        let all = Faults::new(rates(1.0, 0.0, 0.0), Some(1));
        assert!((0..100).all(|_| all.roll("GET", "/", b"") == Some(Fault::Error)));
    }

    #[test]
    fn drop_after_apply_meets_writes_only() {
        let f = Faults::new(
            FaultRates {
                drop_after_apply_rate: 1.0,
                ..FaultRates::default()
            },
            Some(1),
        );
        assert_eq!(f.roll("GET", "/x", b""), None);
        assert_eq!(f.roll("PUT", "/x", b"{}"), Some(Fault::DropAfterApply));
        assert_eq!(f.roll("POST", "/x", b"{}"), Some(Fault::DropAfterApply));
    }

    #[test]
    fn throttling_meets_reads_and_writes() {
        let f = Faults::new(
            FaultRates {
                throttle_rate: 1.0,
                ..FaultRates::default()
            },
            Some(1),
        );
        assert_eq!(f.roll("GET", "/x", b""), Some(Fault::Throttle));
        assert_eq!(f.roll("PUT", "/x", b"{}"), Some(Fault::Throttle));
    }
}
