//! `vpc_health_config` (docs/api.md §3.4, §5.2 items 4–6, §8.3, §8.4, §8.19).

use crate::model::{HealthCheckStatus, HttpMethod, Protocol};

use super::fields::{Need, Obj};
use super::patterns::{HTTP_CODE_RULE, HttpCodeProblem, check_http_code};
use super::report::{Report, quote};
use super::unknown;

/// API range, and the console's lower bound below which a value is only warned about.
struct Bounds {
    key: &'static str,
    lo: i64,
    hi: i64,
    console_lo: i64,
}

const THRESHOLD_NORMAL: Bounds = Bounds {
    key: "threshold_normal",
    lo: 1,
    hi: 10,
    console_lo: 2,
};
const THRESHOLD_ABNORMAL: Bounds = Bounds {
    key: "threshold_abnormal",
    lo: 1,
    hi: 10,
    console_lo: 2,
};
const TIME_INTERVAL: Bounds = Bounds {
    key: "time_interval",
    lo: 1,
    hi: 300,
    console_lo: 5,
};
const TIMEOUT: Bounds = Bounds {
    key: "timeout",
    lo: 1,
    hi: 30,
    console_lo: 2,
};

pub(crate) fn check(r: &mut Report, body: Obj) {
    let Some(map) = body.object(r, "vpc_health_config", Need::No) else {
        return;
    };
    let at = body.at.key("vpc_health_config");
    let h = Obj::new(map, &at);
    unknown::check(r, h, &unknown::HEALTH);

    let protocol = protocol(r, h);
    let web = matches!(protocol, Some(Protocol::Http | Protocol::Https));

    let path_need = if web {
        Need::When("when protocol is HTTP or HTTPS")
    } else {
        Need::No
    };
    h.string(r, "path", path_need);
    // The SDK models document GET and HEAD (any case, as the server echoes it) without
    // refusing others, so another method is a warning.
    if let Some(m) = h.string(r, "method", Need::No)
        && HttpMethod::from_wire_ci(m).is_none()
    {
        r.warn(
            &h.at.key("method"),
            "enum",
            format!(
                "the documented methods are {}; got {}",
                HttpMethod::allowed(),
                quote(m)
            ),
        );
    }
    h.int_range(r, "port", Need::No, 0, 65535);
    h.int_enum(r, "status", Need::No, &[1, 2], HealthCheckStatus::describe);

    bounded(r, h, &THRESHOLD_NORMAL);
    bounded(r, h, &THRESHOLD_ABNORMAL);
    let interval = bounded(r, h, &TIME_INTERVAL);
    let timeout = bounded(r, h, &TIMEOUT);
    if let (Some(interval), Some(timeout)) = (interval, timeout) {
        timeout_vs_interval(r, h, timeout, interval);
    }

    http_code(r, h, protocol);

    if h.boolean(r, "enable_client_ssl") == Some(true)
        && let Some(p) = protocol
        && p != Protocol::Https
    {
        r.warn(
            &h.at.key("enable_client_ssl"),
            "client_ssl",
            format!("only used with protocol HTTPS; protocol is {}", p.wire()),
        );
    }
}

/// `protocol` is required; the server echoes it lowercase, so any case is accepted
/// (docs/api.md §8.2).
fn protocol(r: &mut Report, h: Obj) -> Option<Protocol> {
    let p = h.string(r, "protocol", Need::Yes)?;
    let found = Protocol::from_wire_ci(p);
    if found.is_none() {
        r.error(
            &h.at.key("protocol"),
            "enum",
            format!("must be one of {}; got {}", Protocol::allowed(), quote(p)),
        );
    }
    found
}

fn bounded(r: &mut Report, h: Obj, b: &Bounds) -> Option<i64> {
    let v = h.int_range(r, b.key, Need::Yes, b.lo, b.hi)?;
    if v < b.console_lo {
        r.warn(
            &h.at.key(b.key),
            "console_range",
            format!(
                "the API allows {}..{} but the console only {}..{}; got {v}",
                b.lo, b.hi, b.console_lo, b.hi
            ),
        );
    }
    Some(v)
}

/// The rule is documented as strict on every page and equality is what sends a check past its interval,
/// so equal is refused too; docs/api.md §8.19 notes the live service once accepted `1 == 1`,
/// which the message mentions so the user knows why an old channel may already hold such
/// values.
fn timeout_vs_interval(r: &mut Report, h: Obj, timeout: i64, interval: i64) {
    let at = h.at.key("timeout");
    if timeout > interval {
        r.error(
            &at,
            "timeout_interval",
            format!("must be less than time_interval ({interval}); got {timeout}"),
        );
    } else if timeout == interval {
        r.error(
            &at,
            "timeout_interval",
            format!(
                "must be less than time_interval ({interval}); got {timeout} (documented as \
                 strict, though the service has accepted equal values)"
            ),
        );
    }
}

/// Required for HTTP; for HTTPS the sources disagree, so a missing one is a warning
/// (docs/api.md §8.3).
fn http_code(r: &mut Report, h: Obj, protocol: Option<Protocol>) {
    let need = match protocol {
        Some(Protocol::Http) => Need::When("when protocol is HTTP"),
        _ => Need::No,
    };
    let Some(codes) = h.string(r, "http_code", need) else {
        if protocol == Some(Protocol::Https) {
            r.warn(
                &h.at.key("http_code"),
                "required",
                "should be set when protocol is HTTPS (required for HTTP; the sources disagree \
                 for HTTPS)"
                    .into(),
            );
        }
        return;
    };
    let at = h.at.key("http_code");
    match check_http_code(codes) {
        Ok(()) => {}
        Err(HttpCodeProblem::Malformed(item)) => r.error(
            &at,
            "pattern",
            format!(
                "{HTTP_CODE_RULE}; got {} (bad item {})",
                quote(codes),
                quote(&item)
            ),
        ),
        Err(HttpCodeProblem::Reversed(item)) => r.warn(
            &at,
            "range_order",
            format!(
                "a range should run from the lower code to the higher; got {}",
                quote(&item)
            ),
        ),
    }
}
