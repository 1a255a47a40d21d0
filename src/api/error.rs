//! The one error type of the client, and the SDK's way of reading error bodies
//! (docs/auth.md §5).

use std::time::Duration;

use serde_json::Value;

use crate::model::ErrorBody;
use crate::sanitize;

/// How many characters of an unreadable body an error message quotes.
pub const EXCERPT_CHARS: usize = 120;

#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum ApiError {
    /// The service answered with an error body it could be read from.
    #[error("{}", service_line(.status, .error_code, .error_msg, .request_id))]
    Service {
        status: u16,
        error_code: String,
        error_msg: String,
        request_id: Option<String>,
    },
    /// An answer whose body is not what the call expects: an HTML page from a proxy, an empty
    /// 502, truncated JSON, JSON of another shape.
    #[error("{}", bad_body_line(.status, .reason, .excerpt, .request_id))]
    BadBody {
        status: u16,
        reason: String,
        excerpt: String,
        request_id: Option<String>,
    },
    #[error("no answer within {} s ({what})", .after.as_secs_f64())]
    Timeout { after: Duration, what: String },
    /// The server could not be reached; nothing was sent.
    #[error("cannot connect to {endpoint}: {detail}")]
    Connect { endpoint: String, detail: String },
    /// The connection failed after the request went out (reset, closed mid-answer).
    #[error("the connection failed during the request: {detail}")]
    Transport { detail: String },
    /// The pages of a list do not add up (the list changed while it was read).
    #[error("inconsistent answer: {0}")]
    Inconsistent(String),
    /// Client-side problem before anything is sent (bad endpoint, unreadable CA file, login).
    #[error("{0}")]
    Config(String),
}

/// Append the request id the server gave, for quoting to support.
fn with_request_id(mut s: String, request_id: &Option<String>) -> String {
    if let Some(id) = request_id {
        s.push_str(&format!("  [request id {}]", sanitize::line(id)));
    }
    s
}

fn service_line(status: &u16, code: &str, msg: &str, request_id: &Option<String>) -> String {
    let s = format!(
        "{} ({status}): {}",
        sanitize::line(code),
        sanitize::line(msg)
    );
    with_request_id(s, request_id)
}

fn bad_body_line(status: &u16, reason: &str, excerpt: &str, request_id: &Option<String>) -> String {
    let reason_phrase = http::StatusCode::from_u16(*status)
        .ok()
        .and_then(|s| s.canonical_reason())
        .unwrap_or("");
    let mut s = format!("HTTP {status} {reason_phrase}: {}", sanitize::line(reason));
    if excerpt.is_empty() {
        s.push_str(" (empty body)");
    } else {
        s.push_str(&format!(": {excerpt}"));
    }
    with_request_id(s, request_id)
}

impl ApiError {
    pub fn status(&self) -> Option<u16> {
        match self {
            ApiError::Service { status, .. } | ApiError::BadBody { status, .. } => Some(*status),
            _ => None,
        }
    }

    pub fn error_code(&self) -> Option<&str> {
        match self {
            ApiError::Service { error_code, .. } => Some(error_code),
            _ => None,
        }
    }

    pub fn error_msg(&self) -> Option<&str> {
        match self {
            ApiError::Service { error_msg, .. } => Some(error_msg),
            _ => None,
        }
    }

    pub fn request_id(&self) -> Option<&str> {
        match self {
            ApiError::Service { request_id, .. } | ApiError::BadBody { request_id, .. } => {
                request_id.as_deref()
            }
            _ => None,
        }
    }

    /// The request parameter the server's message names, to place the error on a field.
    pub fn parameter_name(&self) -> Option<String> {
        let (code, msg) = (self.error_code()?, self.error_msg()?);
        ErrorBody::new(code, msg)
            .parameter_name()
            .map(str::to_string)
    }

    /// Worth another try for an idempotent call: the server was unreachable, busy or failing.
    pub fn is_transient(&self) -> bool {
        match self {
            ApiError::Connect { .. } | ApiError::Transport { .. } => true,
            ApiError::Service { status, .. } | ApiError::BadBody { status, .. } => {
                *status == 429 || *status >= 500
            }
            _ => false,
        }
    }

    /// The answer came from the server: anything with a status.
    pub fn server_answered(&self) -> bool {
        self.status().is_some()
    }
}

/// Turn an error answer into an [`ApiError`], reading the body as the SDK does: the pairs
/// `error_code`/`error_msg`, `errorCode`/`errorMsg`, `code`/`message`, at the top level and
/// then one level down.
pub fn from_error_answer(status: u16, request_id: Option<String>, body: &[u8]) -> ApiError {
    let bad = |reason: &str| ApiError::BadBody {
        status,
        reason: reason.to_string(),
        excerpt: excerpt(body),
        request_id: request_id.clone(),
    };
    if body.iter().all(u8::is_ascii_whitespace) {
        return bad("an error without a body");
    }
    let value: Value = match serde_json::from_slice(body) {
        Ok(v) => v,
        Err(e) if e.is_eof() => return bad("a truncated JSON error body"),
        Err(_) => return bad("an error body that is not JSON"),
    };
    match find_code_and_message(&value) {
        Some((code, msg)) => ApiError::Service {
            status,
            error_code: code,
            error_msg: msg,
            request_id,
        },
        None => bad("an error body without error_code / error_msg"),
    }
}

/// A short, one-line, terminal-safe excerpt of a body.
pub fn excerpt(body: &[u8]) -> String {
    sanitize::excerpt(&String::from_utf8_lossy(body), EXCERPT_CHARS)
}

fn scalar_text(v: &Value) -> Option<String> {
    match v {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        Value::Bool(b) => Some(b.to_string()),
        _ => None,
    }
}

fn pair_in(map: &serde_json::Map<String, Value>) -> Option<(String, String)> {
    const PAIRS: [(&str, &str); 3] = [
        ("error_code", "error_msg"),
        ("errorCode", "errorMsg"),
        ("code", "message"),
    ];
    PAIRS.iter().find_map(|(c, m)| {
        let code = map.get(*c).and_then(scalar_text);
        let msg = map.get(*m).and_then(scalar_text);
        match (code, msg) {
            (None, None) => None,
            (code, msg) => Some((code.unwrap_or_default(), msg.unwrap_or_default())),
        }
    })
}

fn find_code_and_message(v: &Value) -> Option<(String, String)> {
    let map = v.as_object()?;
    pair_in(map).or_else(|| map.values().filter_map(Value::as_object).find_map(pair_in))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn answer(status: u16, body: &str) -> ApiError {
        from_error_answer(status, Some("req-1".into()), body.as_bytes())
    }

    #[test]
    fn apig_error_body_reads_code_message_and_request_id() {
        let e = answer(
            401,
            r#"{"error_code":"APIG.1002","error_msg":"Incorrect token or token resolution failed"}"#,
        );
        assert_eq!(e.error_code(), Some("APIG.1002"));
        assert_eq!(e.status(), Some(401));
        assert_eq!(
            e.to_string(),
            "APIG.1002 (401): Incorrect token or token resolution failed  [request id req-1]"
        );
    }

    #[test]
    fn other_spellings_and_nesting_are_understood() {
        let e = answer(403, r#"{"errorCode":"X.1","errorMsg":"camel"}"#);
        assert_eq!(
            (e.error_code(), e.error_msg()),
            (Some("X.1"), Some("camel"))
        );
        let e = answer(400, r#"{"error":{"code":"IAM.0001","message":"nested"}}"#);
        assert_eq!(
            (e.error_code(), e.error_msg()),
            (Some("IAM.0001"), Some("nested"))
        );
        let e = answer(400, r#"{"code":400,"message":"numeric code"}"#);
        assert_eq!(e.error_code(), Some("400"));
    }

    #[test]
    fn unreadable_bodies_give_status_and_excerpt() {
        let e = answer(502, "<html><body>Bad Gateway</body></html>");
        let text = e.to_string();
        assert!(text.starts_with("HTTP 502 Bad Gateway"), "{text}");
        assert!(text.contains("not JSON"), "{text}");
        assert!(text.contains("<html><body>Bad Gateway"), "{text}");

        let e = answer(502, "");
        assert!(e.to_string().contains("empty body"), "{e}");

        let e = answer(500, r#"{"error_code":"APIG.9999","error_m"#);
        assert!(e.to_string().contains("truncated"), "{e}");
    }

    #[test]
    fn escape_sequences_in_bodies_do_not_reach_the_terminal() {
        let e = answer(
            400,
            "{\"error_code\":\"A\\u001b[2J\",\"error_msg\":\"m\\u0007\"}",
        );
        assert!(!e.to_string().chars().any(|c| c.is_control()));
        let e = answer(502, "\x1b]0;pwned\x07<html>");
        assert!(!e.to_string().chars().any(|c| c.is_control()));
    }

    #[test]
    fn parameter_name_comes_from_the_message() {
        let e = answer(
            400,
            r#"{"error_code":"APIG.2004","error_msg":"out of range,parameterName:weight. Please"}"#,
        );
        assert_eq!(e.parameter_name().as_deref(), Some("weight"));
    }

    proptest::proptest! {
        #[test]
        fn no_body_of_any_shape_panics(body in proptest::collection::vec(proptest::num::u8::ANY, 0..300), status in 400u16..600) {
            let e = from_error_answer(status, None, &body);
            proptest::prop_assert!(!e.to_string().chars().any(char::is_control));
            proptest::prop_assert_eq!(e.status(), Some(status));
        }

        #[test]
        fn json_shaped_bodies_never_panic(code in ".{0,20}", msg in ".{0,40}", nest in 0usize..3, key in proptest::sample::select(vec!["error_code", "errorCode", "code", "x"])) {
            let mut v = serde_json::json!({ key: code, "error_msg": msg, "message": msg });
            for _ in 0..nest {
                v = serde_json::json!({ "error": v });
            }
            let e = from_error_answer(500, Some("r".into()), v.to_string().as_bytes());
            proptest::prop_assert!(!e.to_string().chars().any(char::is_control));
        }
    }
}
