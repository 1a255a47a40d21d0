//! One access-log line per request: `METHOD PATH STATUS request_id=ID`, the query's secret-
//! looking values masked, every control character neutralised. `-` stands for the status of
//! a request whose connection was cut without an answer.

use std::sync::Arc;

/// Where the lines go. The command-line emulator writes them to stderr; the in-process demo
/// has none, since its stderr is the editor's screen.
pub type AccessLog = Arc<dyn Fn(&str) + Send + Sync>;

/// Lines to stderr, one `eprintln!` each so that concurrent requests never mix their lines.
pub fn to_stderr() -> AccessLog {
    Arc::new(|line| eprintln!("{line}"))
}

/// Query parameters whose values are never logged.
fn is_secret_param(name: &str) -> bool {
    let n = name.to_ascii_lowercase();
    crate::model::is_secret_key(&n)
        || [
            "token",
            "password",
            "secret",
            "signature",
            "credential",
            "auth",
        ]
        .iter()
        .any(|w| n.contains(w))
}

/// The query with secret-looking values replaced by `***`.
fn masked_query(query: &str) -> String {
    query
        .split('&')
        .map(|pair| match pair.split_once('=') {
            Some((k, _)) if is_secret_param(k) => format!("{k}=***"),
            _ => pair.to_string(),
        })
        .collect::<Vec<_>>()
        .join("&")
}

/// The line for one request; `status` None when no answer was sent.
pub fn line(
    method: &str,
    path: &str,
    query: Option<&str>,
    status: Option<u16>,
    request_id: &str,
) -> String {
    let target = match query.filter(|q| !q.is_empty()) {
        Some(q) => format!("{path}?{}", masked_query(q)),
        None => path.to_string(),
    };
    let status = status.map_or_else(|| "-".to_string(), |s| s.to_string());
    crate::sanitize::line(&format!(
        "{method} {target} {status} request_id={request_id}"
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_line_names_method_path_status_and_request_id() {
        assert_eq!(
            line(
                "POST",
                "/v2/p/apigw/instances/i/vpc-channels/c/members/batch-disable",
                None,
                Some(204),
                "r1"
            ),
            "POST /v2/p/apigw/instances/i/vpc-channels/c/members/batch-disable 204 request_id=r1"
        );
        assert_eq!(
            line("GET", "/x", Some(""), None, "r2"),
            "GET /x - request_id=r2"
        );
    }

    #[test]
    fn secrets_in_the_query_are_masked_and_controls_neutralised() {
        let l = line(
            "GET",
            "/x\u{1b}[2J",
            Some("limit=5&X-Auth-Token=abc&access_token=t&password=p&name=web"),
            Some(200),
            "r",
        );
        assert_eq!(
            l,
            "GET /x\\u{1b}[2J?limit=5&X-Auth-Token=***&access_token=***&password=***&name=web 200 request_id=r"
        );
    }
}
