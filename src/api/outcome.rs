//! The outcome of a write (docs/api.md §5.6). A write whose answer is lost — the connection
//! dropped after the request went out, a timeout, a 2xx answer that is empty,
//! not JSON or not the documented shape — may or may not have been applied: its outcome is
//! *unknown* until the channel is read again and compared with what was sent and with the
//! base it was made from. Until then, what was sent is the state to expect (a re-read equal
//! to it is the user's own change, never a conflict).
//!
//! Used by `chanedit apply` and the editor's backend alike:
//! [`Client::send_update`] sends, [`Client::confirm`] re-reads and classifies, [`classify`]
//! (or [`Pending::settle`]) classifies a re-read made elsewhere.

use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::{ApiError, Client, Loaded};
use crate::model::VpcChannel;

/// What the server said to one write. `C` is what a success answers: the channel for the
/// full PUT ([`Client::send_update`]); for a plan ([`Client::send_plan`]) the channel when it
/// was the full PUT, none for the narrow requests, which answer no channel.
#[derive(Debug, Clone, PartialEq)]
pub enum Sent<C = Box<VpcChannel>> {
    /// The documented success answer: applied.
    Ok {
        channel: C,
        request_id: Option<String>,
    },
    /// An error answer, or nothing could be sent: not applied.
    Failed(ApiError),
    /// No usable answer: applied or not, only a re-read can tell.
    Lost(ApiError),
}

/// The outcome of a plan's one request.
pub type SentPlan = Sent<Option<Box<VpcChannel>>>;

impl Sent {
    /// Tell a write's result apart: a lost answer is not a failure.
    pub fn from_result(result: Result<(VpcChannel, Option<String>), ApiError>) -> Sent {
        match result {
            Ok((channel, request_id)) => Sent::Ok {
                channel: Box::new(channel),
                request_id,
            },
            Err(e) => Sent::not_ok(e),
        }
    }

    /// The same outcome as a plan's.
    pub fn into_plan(self) -> SentPlan {
        match self {
            Sent::Ok {
                channel,
                request_id,
            } => Sent::Ok {
                channel: Some(channel),
                request_id,
            },
            Sent::Failed(e) => Sent::Failed(e),
            Sent::Lost(e) => Sent::Lost(e),
        }
    }
}

impl SentPlan {
    /// A narrow write's result: its answer's request id, or why there is none.
    pub fn from_request_id(result: Result<Option<String>, ApiError>) -> SentPlan {
        match result {
            Ok(request_id) => Sent::Ok {
                channel: None,
                request_id,
            },
            Err(e) => Sent::not_ok(e),
        }
    }
}

impl<C> Sent<C> {
    fn not_ok(e: ApiError) -> Self {
        if e.answer_lost() {
            Sent::Lost(e)
        } else {
            Sent::Failed(e)
        }
    }

    /// The journal's word for it: `ok`, `failed` or `unknown`.
    pub fn word(&self) -> &'static str {
        match self {
            Sent::Ok { .. } => "ok",
            Sent::Failed(_) => "failed",
            Sent::Lost(_) => "unknown",
        }
    }

    pub fn request_id(&self) -> Option<&str> {
        match self {
            Sent::Ok { request_id, .. } => request_id.as_deref(),
            Sent::Failed(e) | Sent::Lost(e) => e.request_id(),
        }
    }
}

/// What a re-read shows about a write whose answer was lost.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Verdict {
    /// The channel is what was sent.
    Applied,
    /// The channel is as it was before.
    NotApplied,
    /// The channel is neither: someone else changed it (before or after this write).
    ChangedElsewhere,
}

impl Verdict {
    pub fn describe(self) -> &'static str {
        match self {
            Verdict::Applied => "applied",
            Verdict::NotApplied => "not applied",
            Verdict::ChangedElsewhere => "changed by someone else",
        }
    }
}

/// Classify `now` (the re-read channel, as a PUT body) against the `base` the write was made
/// from and the body `sent`. Secrets are left out of the comparison: a server may echo them,
/// mask them or leave them out, and the journal keeps only the mask.
pub fn classify(now: &Value, base: &Value, sent: &Value) -> Verdict {
    use crate::model::without_secrets;
    let now = without_secrets(now);
    if crate::diff::diff(&now, &without_secrets(sent)).is_empty() {
        Verdict::Applied
    } else if crate::diff::diff(&now, &without_secrets(base)).is_empty() {
        Verdict::NotApplied
    } else {
        Verdict::ChangedElsewhere
    }
}

/// A write whose outcome is not settled yet.
#[derive(Debug, Clone, PartialEq)]
pub struct Pending {
    /// The channel the write was made from.
    pub base: Value,
    /// What was sent: the state the server is expected to hold.
    pub sent: Value,
    pub request_id: Option<String>,
}

impl Pending {
    /// The state to compare a re-read with before the next write (not the old base).
    pub fn expected(&self) -> &Value {
        &self.sent
    }

    /// What a re-read says about it.
    pub fn settle(&self, now: &Loaded) -> Verdict {
        classify(&now.base(), &self.base, &self.sent)
    }
}

impl Client {
    /// E3, the full PUT (both arrays always, no masked secret), told apart as applied, failed
    /// or lost. A lost answer is never retried: the write may have been applied.
    pub async fn send_update(&self, id: &str, body: &Value) -> Sent {
        Sent::from_result(self.update_channel_traced(id, body).await)
    }

    /// After a lost answer: read the channel again (detail and every member page) and say
    /// what became of the write. An error here means the outcome stays unknown.
    pub async fn confirm(
        &self,
        id: &str,
        base: &Value,
        sent: &Value,
    ) -> Result<(Verdict, Loaded), ApiError> {
        let now = self.load_channel(id).await?;
        let verdict = classify(&now.base(), base, sent);
        Ok((verdict, now))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn body(weight: i64, name: &str) -> Value {
        json!({"name": name, "port": 80, "member_type": "ip", "balance_strategy": 1,
            "member_groups": [], "members": [{"host": "10.0.0.1", "weight": weight}],
            "microservice_info": {"nacos_info": {"user_info": {"password": "***"}}}})
    }

    #[test]
    fn a_reread_is_applied_not_applied_or_changed_elsewhere() {
        let base = body(1, "web");
        let sent = body(2, "web");
        assert_eq!(classify(&body(2, "web"), &base, &sent), Verdict::Applied);
        assert_eq!(classify(&body(1, "web"), &base, &sent), Verdict::NotApplied);
        assert_eq!(
            classify(&body(2, "web2"), &base, &sent),
            Verdict::ChangedElsewhere
        );
        let mut live = body(2, "web");
        live["microservice_info"]["nacos_info"]["user_info"]["password"] = json!("hunter2");
        assert_eq!(classify(&live, &base, &sent), Verdict::Applied);
    }

    #[test]
    fn only_lost_answers_are_unknown() {
        let lost = ApiError::Transport {
            detail: "reset".into(),
        };
        assert_eq!(Sent::from_result(Err(lost.clone())), Sent::Lost(lost));
        let empty_2xx = ApiError::BadBody {
            status: 200,
            reason: "empty".into(),
            excerpt: String::new(),
            request_id: None,
        };
        assert_eq!(Sent::from_result(Err(empty_2xx)).word(), "unknown");
        let rejected = ApiError::Service {
            status: 400,
            error_code: "APIG.2004".into(),
            error_msg: "weight".into(),
            request_id: None,
        };
        assert_eq!(Sent::from_result(Err(rejected)).word(), "failed");
        let html_502 = ApiError::BadBody {
            status: 502,
            reason: "not JSON".into(),
            excerpt: "<html>".into(),
            request_id: None,
        };
        assert_eq!(Sent::from_result(Err(html_502)).word(), "failed");
    }
}
