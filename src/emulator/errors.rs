//! Error answers in the real service's shape: `{"error_code": "APIG.xxxx", "error_msg": "..."}`
//! (docs/api.md §6), and the mapping from validation diagnostics to those codes.

use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use serde_json::Value;

/// An error answer: HTTP status, APIG code and message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ApiError {
    pub status: StatusCode,
    pub code: &'static str,
    pub msg: String,
}

pub type ApiResult<T> = Result<T, ApiError>;

impl ApiError {
    pub fn new(status: StatusCode, code: &'static str, msg: impl Into<String>) -> Self {
        ApiError {
            status,
            code,
            msg: msg.into(),
        }
    }

    /// 401 APIG.1002: wrong, missing or stale credentials.
    pub fn bad_credentials() -> Self {
        Self::new(
            StatusCode::UNAUTHORIZED,
            "APIG.1002",
            "Incorrect token or token resolution failed",
        )
    }

    /// 400 APIG.2001: a required parameter is missing.
    pub fn missing(param: &str) -> Self {
        Self::new(
            StatusCode::BAD_REQUEST,
            "APIG.2001",
            format!("The request parameters must be specified, parameter name:{param}"),
        )
    }

    /// 400 APIG.2012: a parameter has an invalid value.
    pub fn invalid(param: &str, why: &str) -> Self {
        Self::new(
            StatusCode::BAD_REQUEST,
            "APIG.2012",
            format!("Invalid parameter value: {why},parameterName:{param}"),
        )
    }

    /// 400 APIG.2000, the generic parameter error with the reason in the message
    /// (docs/api.md §6.2): the body is not the JSON object the call expects. (APIG.2011 is an
    /// invalid value, as a query parameter's.)
    pub fn malformed_body(why: &str) -> Self {
        Self::new(
            StatusCode::BAD_REQUEST,
            "APIG.2000",
            format!("Parameter error: the request body is invalid: {why}"),
        )
    }

    /// 404 APIG.3030: the gateway in the path is not this one.
    pub fn no_gateway(id: &str) -> Self {
        Self::new(
            StatusCode::NOT_FOUND,
            "APIG.3030",
            format!("The instance does not exist,id:{id}"),
        )
    }

    /// 404 APIG.3023: no such channel.
    pub fn no_channel(id: &str) -> Self {
        Self::new(
            StatusCode::NOT_FOUND,
            "APIG.3023",
            format!("The VPC channel does not exist,id:{id}"),
        )
    }

    /// 400 APIG.2012 naming `id`: a batch enable/disable lists a member the channel does not
    /// have (the answer those pages document).
    pub fn unknown_member_id(id: &str) -> Self {
        Self::new(
            StatusCode::BAD_REQUEST,
            "APIG.2012",
            format!("Invalid parameter value: no such member {id},parameterName:id"),
        )
    }

    /// 404 APIG.3024: no such member in the channel.
    pub fn no_member(id: &str) -> Self {
        Self::new(
            StatusCode::NOT_FOUND,
            "APIG.3024",
            format!("The VPC instance does not exist,id:{id}"),
        )
    }

    /// 404 for an unknown member group. The sources give no code for this (docs/api.md
    /// §6.6); the channel code is the nearest documented one.
    pub fn no_group(id: &str) -> Self {
        Self::new(
            StatusCode::NOT_FOUND,
            "APIG.3023",
            format!("The VPC channel member group does not exist,id:{id}"),
        )
    }

    /// 400 APIG.3208: another channel of the gateway has this name.
    pub fn duplicate_name(name: &str) -> Self {
        Self::new(
            StatusCode::BAD_REQUEST,
            "APIG.3208",
            format!("The VPC channel name already exists,name:{name}"),
        )
    }

    /// 403 APIG.3109: the gateway's channel quota is used up.
    pub fn channel_quota(quota: usize) -> Self {
        Self::new(
            StatusCode::FORBIDDEN,
            "APIG.3109",
            format!("The number of VPC channels has reached the upper limit, limit:{quota}"),
        )
    }

    /// 403 APIG.3471: member writes on a reference channel.
    pub fn wrong_channel_type(what: &str) -> Self {
        Self::new(
            StatusCode::FORBIDDEN,
            "APIG.3471",
            format!("The operation is not supported for this type of VPC channel: {what}"),
        )
    }

    /// 403 APIG.3414: APIs route through the channel being deleted.
    pub fn in_use_by_apis(id: &str, apis: usize) -> Self {
        Self::new(
            StatusCode::FORBIDDEN,
            "APIG.3414",
            format!("The VPC channel is in use by {apis} API(s) and cannot be deleted,id:{id}"),
        )
    }

    /// 409 APIG.3719: a reference channel points at the channel being deleted.
    pub fn referenced(id: &str) -> Self {
        Self::new(
            StatusCode::CONFLICT,
            "APIG.3719",
            format!("The VPC channel is referenced by another VPC channel,id:{id}"),
        )
    }

    /// 404 APIG.0101: no such API (unknown path or method).
    pub fn no_api() -> Self {
        Self::new(
            StatusCode::NOT_FOUND,
            "APIG.0101",
            "The API does not exist or has not been published in the environment",
        )
    }

    /// 429 APIG.0308: past the gateway's throttling threshold.
    pub fn throttled() -> Self {
        Self::new(
            StatusCode::TOO_MANY_REQUESTS,
            "APIG.0308",
            "The throttling threshold has been reached",
        )
    }

    /// 500 APIG.9999.
    pub fn system() -> Self {
        Self::new(
            StatusCode::INTERNAL_SERVER_ERROR,
            "APIG.9999",
            "System error",
        )
    }

    pub fn body(&self) -> Value {
        serde_json::json!({"error_code": self.code, "error_msg": self.msg})
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        (self.status, axum::Json(self.body())).into_response()
    }
}

/// One rule a body breaks, as the shared validator reports it (errors only).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    /// Index-form path relative to the checked body, "" = the whole body.
    pub path: String,
    /// The validator's short code for the rule.
    pub code: String,
    pub message: String,
}

/// Rules the emulator does not answer with an error although the validator calls them errors:
/// a repeated member address is accepted by the service, which keeps the first (docs/api.md §2 E7).
const SERVER_ACCEPTS: &[&str] = &["duplicate_member"];

/// The errors (not warnings) that the shared validator finds in a channel body: the one place
/// the emulator calls into `validate`.
pub fn body_problems(body: &Value) -> Vec<Problem> {
    crate::validate::validate(body)
        .into_iter()
        .filter(|d| d.is_error() && !SERVER_ACCEPTS.contains(&d.code))
        .map(|d| Problem {
            path: d.path,
            code: d.code.to_string(),
            message: d.message,
        })
        .collect()
}

/// The field name a path ends with: `members[3].weight` -> `weight`.
pub fn field_of(path: &str) -> &str {
    let last = path.rsplit('.').next().unwrap_or(path);
    let last = last.split('[').next().unwrap_or(last);
    if last.is_empty() { "body" } else { last }
}

/// Whether a length message of the validator (`must be 3..64 characters; got 2`, `must be at
/// most 255 characters; got 300`) reports a value below the lower bound.
fn too_short(msg: &str) -> bool {
    let got = msg
        .rsplit_once("got ")
        .and_then(|(_, n)| n.trim().parse::<usize>().ok());
    let min = msg
        .split_once("must be ")
        .and_then(|(_, rest)| rest.split_once(".."))
        .and_then(|(lo, _)| lo.trim().parse::<usize>().ok());
    matches!((got, min), (Some(n), Some(lo)) if n < lo)
}

/// Answer a validation problem as the real service would: the code by the kind of rule, the
/// message ending with the parameter name.
pub fn from_problem(p: &Problem) -> ApiError {
    let field = field_of(&p.path);
    let msg = p.message.trim_end_matches('.');
    let (apig, text): (&'static str, String) = match p.code.as_str() {
        "required" => (
            "APIG.2001",
            format!("The request parameters must be specified, parameter name:{field}"),
        ),
        "range" => (
            "APIG.2004",
            format!(
                "The parameter value is outside the allowable range: {msg},parameterName:{field}"
            ),
        ),
        "length" if too_short(msg) => (
            "APIG.2005",
            format!("The parameter value is too short: {msg},parameterName:{field}"),
        ),
        "length" => (
            "APIG.2006",
            format!("The parameter value is too long: {msg},parameterName:{field}"),
        ),
        _ => (
            "APIG.2012",
            format!("Invalid parameter value: {msg},parameterName:{field}"),
        ),
    };
    ApiError::new(StatusCode::BAD_REQUEST, apig, text)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn length_problems_answer_too_short_or_too_long() {
        let code = |body: serde_json::Value| {
            let p = body_problems(&body)
                .into_iter()
                .find(|p| p.code == "length")
                .expect("a length problem");
            from_problem(&p).code
        };
        let body = |name: &str, remark: &str| {
            serde_json::json!({"name": name, "port": 80, "balance_strategy": 1,
                "member_type": "ip", "members": [],
                "member_groups": [{"member_group_name": "grp", "member_group_remark": remark}]})
        };
        assert_eq!(code(body("ab", "")), "APIG.2005");
        assert_eq!(code(body(&"a".repeat(65), "")), "APIG.2006");
        assert_eq!(code(body("abc", &"r".repeat(256))), "APIG.2006");
    }

    #[test]
    fn field_is_the_last_key_of_the_path() {
        assert_eq!(field_of("members[3].weight"), "weight");
        assert_eq!(field_of("members"), "members");
        assert_eq!(field_of("members[2]"), "members");
        assert_eq!(field_of(""), "body");
    }
}
