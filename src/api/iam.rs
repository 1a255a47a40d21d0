//! IAM password login (docs/auth.md §6): a project-scoped token from
//! `POST {iam}/v3/auth/tokens`, kept and reused until it nears `expires_at`.

use serde_json::{Value, json};
use time::OffsetDateTime;
use time::format_description::well_known::Rfc3339;

use super::ApiError;
use super::error::{excerpt, from_error_answer};

/// A token is renewed when less than this (or half its lifetime, if shorter) remains.
pub const REFRESH_MARGIN: time::Duration = time::Duration::minutes(30);

/// A login result. The token itself is a secret: never print it.
#[derive(Clone)]
pub struct IamToken {
    pub token: String,
    pub expires_at: OffsetDateTime,
    /// Local clock at login: with `expires_at` it gives the lifetime.
    pub issued_at: OffsetDateTime,
    pub project_id: String,
}

impl IamToken {
    pub fn fresh_at(&self, now: OffsetDateTime) -> bool {
        let lifetime = self.expires_at - self.issued_at;
        let margin = REFRESH_MARGIN.min(lifetime / 2);
        self.expires_at - now > margin
    }
}

/// Which project the token is for: its id, or its name (the region id).
#[derive(Debug, Clone)]
pub enum ProjectScope {
    Id(String),
    Name(String),
}

/// The IAM endpoint: `HUAWEICLOUD_SDK_IAM_ENDPOINT`, then the region's, then the global one.
pub fn iam_endpoint(env_override: Option<&str>, region: Option<&str>) -> String {
    if let Some(e) = env_override.filter(|e| !e.trim().is_empty()) {
        return super::normalize_endpoint(e);
    }
    match region.filter(|r| !r.is_empty()) {
        Some(r) => format!("https://iam.{r}.myhuaweicloud.com"),
        None => "https://iam.myhuaweicloud.com".into(),
    }
}

pub fn login_body(user: &str, password: &str, domain: &str, scope: &ProjectScope) -> Value {
    let project = match scope {
        ProjectScope::Id(id) => json!({ "id": id }),
        ProjectScope::Name(name) => json!({ "name": name }),
    };
    json!({
        "auth": {
            "identity": {
                "methods": ["password"],
                "password": {
                    "user": { "name": user, "password": password, "domain": { "name": domain } }
                }
            },
            "scope": { "project": project }
        }
    })
}

pub async fn password_login(
    http: &reqwest::Client,
    iam_endpoint: &str,
    user: &str,
    password: &str,
    domain: &str,
    scope: &ProjectScope,
) -> Result<IamToken, ApiError> {
    let url = format!(
        "{}/v3/auth/tokens?nocatalog=true",
        iam_endpoint.trim_end_matches('/')
    );
    let body = serde_json::to_vec(&login_body(user, password, domain, scope))
        .map_err(|e| ApiError::Config(format!("cannot build the IAM login body: {e}")))?;
    let answer = http
        .post(&url)
        .header("Content-Type", "application/json;charset=utf8")
        .body(body)
        .send()
        .await
        .map_err(|e| ApiError::Connect {
            endpoint: crate::sanitize::line(iam_endpoint),
            detail: super::client::describe_reqwest(&e),
        })?;
    let status = answer.status().as_u16();
    let request_id = super::client::request_id(answer.headers());
    let token = answer
        .headers()
        .get("x-subject-token")
        .and_then(|v| v.to_str().ok())
        .map(str::to_string);
    let bytes = answer.bytes().await.map_err(|e| ApiError::Transport {
        detail: super::client::describe_reqwest(&e),
    })?;
    if status >= 400 {
        return Err(from_error_answer(status, request_id, &bytes));
    }
    let bad = |reason: &str| ApiError::BadBody {
        status,
        reason: format!("IAM login: {reason}"),
        excerpt: excerpt(&bytes),
        request_id: request_id.clone(),
    };
    let token = token.ok_or_else(|| bad("no X-Subject-Token header in the answer"))?;
    let v: Value = serde_json::from_slice(&bytes).map_err(|_| bad("the body is not JSON"))?;
    let expires_at = v["token"]["expires_at"]
        .as_str()
        .and_then(|s| OffsetDateTime::parse(s, &Rfc3339).ok())
        .ok_or_else(|| bad("no readable token.expires_at"))?;
    let project_id = match (v["token"]["project"]["id"].as_str(), scope) {
        (Some(id), _) => id.to_string(),
        (None, ProjectScope::Id(id)) => id.clone(),
        (None, ProjectScope::Name(_)) => return Err(bad("no token.project.id")),
    };
    Ok(IamToken {
        token,
        expires_at,
        issued_at: OffsetDateTime::now_utc(),
        project_id,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn endpoint_order_is_env_then_region_then_global() {
        assert_eq!(
            iam_endpoint(Some("iam.example.com"), Some("cn-north-4")),
            "https://iam.example.com"
        );
        assert_eq!(
            iam_endpoint(None, Some("cn-north-4")),
            "https://iam.cn-north-4.myhuaweicloud.com"
        );
        assert_eq!(iam_endpoint(None, None), "https://iam.myhuaweicloud.com");
    }

    #[test]
    fn body_scopes_to_a_project() {
        let b = login_body("u", "p", "d", &ProjectScope::Name("cn-north-4".into()));
        assert_eq!(b["auth"]["identity"]["methods"][0], "password");
        assert_eq!(
            b["auth"]["identity"]["password"]["user"]["domain"]["name"],
            "d"
        );
        assert_eq!(b["auth"]["scope"]["project"]["name"], "cn-north-4");
    }

    #[test]
    fn tokens_are_renewed_before_they_expire() {
        let now = OffsetDateTime::now_utc();
        let t = |mins| IamToken {
            token: String::new(),
            expires_at: now + time::Duration::minutes(mins),
            issued_at: now,
            project_id: String::new(),
        };
        let day = t(24 * 60);
        assert!(day.fresh_at(now));
        assert!(day.fresh_at(now + time::Duration::hours(23)));
        assert!(!day.fresh_at(now + time::Duration::minutes(24 * 60 - 20)));
        // A short-lived token is used for half its life.
        let short = t(10);
        assert!(short.fresh_at(now + time::Duration::minutes(4)));
        assert!(!short.fresh_at(now + time::Duration::minutes(6)));
        assert!(!t(0).fresh_at(now));
    }
}
