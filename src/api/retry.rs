//! When and how long to wait before another try. GETs retry on connection errors, 429 and
//! 5xx; writes retry only when nothing reached the server, or when the gateway throttled them
//! (429: refused before anything was done). Throttling gets more tries than other failures: it
//! says "later", not "broken", and a search over many gateways meets it often.

use std::time::Duration;

use super::ApiError;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RetryPolicy {
    /// Tries in all, the first one included.
    pub attempts: u32,
    /// Tries in all when the answers are 429 (throttled).
    pub throttled_attempts: u32,
    pub base_delay: Duration,
    pub max_delay: Duration,
}

impl Default for RetryPolicy {
    fn default() -> Self {
        RetryPolicy {
            attempts: 3,
            // Short first waits, as the official SDKs' (their base is 10 ms), and enough tries
            // that the waits add up to several seconds (about 3 to 6.4 s) for a gateway that
            // keeps throttling: one call throttled twice must not hold up a whole search.
            throttled_attempts: 8,
            base_delay: Duration::from_millis(50),
            max_delay: Duration::from_secs(5),
        }
    }
}

impl RetryPolicy {
    /// Whether `err`, after try number `attempt` (1-based), deserves another try.
    pub fn should_retry(&self, idempotent: bool, attempt: u32, err: &ApiError) -> bool {
        if matches!(
            err,
            ApiError::Service { status: 429, .. } | ApiError::BadBody { status: 429, .. }
        ) {
            return attempt < self.throttled_attempts;
        }
        if attempt >= self.attempts {
            return false;
        }
        if idempotent {
            err.is_transient()
        } else {
            // A write that reached the server may have been applied: never send it twice.
            matches!(err, ApiError::Connect { .. })
        }
    }

    /// Exponential backoff with equal jitter: half fixed, half random.
    pub fn delay(&self, attempt: u32) -> Duration {
        let exp = self
            .base_delay
            .saturating_mul(1u32 << attempt.saturating_sub(1).min(16))
            .min(self.max_delay);
        let half = exp / 2;
        let jitter = rand::random_range(0..=half.as_millis() as u64);
        half + Duration::from_millis(jitter)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn service(status: u16) -> ApiError {
        ApiError::Service {
            status,
            error_code: "X".into(),
            error_msg: String::new(),
            request_id: None,
        }
    }

    #[test]
    fn gets_retry_transient_failures_only() {
        let p = RetryPolicy::default();
        assert!(p.should_retry(true, 1, &service(503)));
        assert!(p.should_retry(true, 2, &service(429)));
        assert!(
            !p.should_retry(true, 3, &service(503)),
            "three tries in all"
        );
        assert!(!p.should_retry(true, 1, &service(400)));
        assert!(!p.should_retry(true, 1, &service(401)));
        let dropped = ApiError::Transport {
            detail: "reset".into(),
        };
        assert!(p.should_retry(true, 1, &dropped));
    }

    #[test]
    fn throttling_is_retried_longer_for_reads_and_writes() {
        let p = RetryPolicy::default();
        for idempotent in [true, false] {
            assert!(p.should_retry(idempotent, 1, &service(429)));
            assert!(p.should_retry(idempotent, 7, &service(429)));
            assert!(
                !p.should_retry(idempotent, 8, &service(429)),
                "eight tries in all"
            );
        }
    }

    #[test]
    fn writes_retry_only_before_anything_was_sent() {
        let p = RetryPolicy::default();
        assert!(!p.should_retry(false, 1, &service(503)));
        let dropped = ApiError::Transport {
            detail: "reset".into(),
        };
        assert!(!p.should_retry(false, 1, &dropped));
        let refused = ApiError::Connect {
            endpoint: "x".into(),
            detail: "refused".into(),
        };
        assert!(p.should_retry(false, 1, &refused));
    }

    #[test]
    fn delays_grow_and_stay_capped() {
        let p = RetryPolicy::default();
        for attempt in 1..20 {
            let d = p.delay(attempt);
            assert!(d <= p.max_delay, "{d:?}");
        }
        assert!(p.delay(1) <= p.base_delay);
        assert!(p.delay(3) >= p.base_delay * 2);
    }
}
