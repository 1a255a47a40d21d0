//! One channel's part of a drain or undrain, for `chanedit drain`/`undrain` and the editor's
//! drain alike: a batch-disable or batch-enable of its members, journaled (base, the body
//! expected after it, request id, outcome, operation), then verified by reading the channel
//! back. A lost answer is unknown until that re-read settles it, as for any write
//! (`api/outcome.rs`).

use serde_json::Value;

use crate::api::outcome::Pending;
use crate::api::{Client, Verdict};
use crate::config::{Gateway, JournalEntry};
use crate::sanitize;

use crate::model::member_status::{self, Keys};

/// What became of one channel's write.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    Done,
    Failed,
    /// The answer was lost and no re-read settled it.
    Unknown,
}
use Outcome::{Done as EXIT_OK, Failed as EXIT_FAIL, Unknown as EXIT_UNCONFIRMED};

/// Append to the journal; what went wrong, for the channel's summary line. The append waits
/// for the disk (fsync): off the runtime's threads, so that a drain's other channels go on.
async fn journal(entry: &JournalEntry) -> Option<String> {
    let line = entry.clone();
    let e = match tokio::task::spawn_blocking(move || crate::config::append_journal(&line)).await {
        Ok(written) => written.err()?,
        Err(e) => anyhow::anyhow!("the journal append stopped: {e}"),
    };
    tracing::warn!("the change was not journaled: {e:#}");
    Some(sanitize::line(&format!("{e:#}")))
}

/// ` [request id R]`, or nothing when the server gave none.
pub fn request_note(request_id: Option<&str>) -> String {
    request_id
        .map(|r| format!(" [request id {}]", sanitize::line(r)))
        .unwrap_or_default()
}

/// A status write to send.
pub struct StatusWrite<'a> {
    pub client: &'a Client,
    pub gateway: &'a Gateway,
    pub channel_id: &'a str,
    /// `NAME (GATEWAY)` as the summary shows it.
    pub shown: String,
    /// The channel as read before, as a PUT body.
    pub base: Value,
    pub ids: Vec<String>,
    pub keys: Keys,
    /// [`member_status::DISABLED`] or [`member_status::ENABLED`].
    pub status: i64,
    pub operation: &'a str,
    pub action: String,
}

/// What became of one channel: a summary line and its outcome.
pub struct Report {
    pub line: String,
    pub code: Outcome,
}

impl StatusWrite<'_> {
    fn verb(&self) -> &'static str {
        if self.status == member_status::DISABLED {
            "disabled"
        } else {
            "enabled"
        }
    }

    fn report(&self, code: Outcome, what: String) -> Report {
        Report {
            line: format!("{}: {what}", sanitize::line(&self.shown)),
            code,
        }
    }

    pub async fn send(self) -> Report {
        let expected = member_status::with_status(&self.base, &self.keys, self.status);
        let result = if self.status == member_status::DISABLED {
            self.client
                .disable_members(self.channel_id, &self.ids)
                .await
        } else {
            self.client.enable_members(self.channel_id, &self.ids).await
        };
        let (request_id, text, word) = match &result {
            Ok(a) => (a.request_id.clone(), "ok".to_string(), "ok"),
            Err(e) if e.answer_lost() => (
                e.request_id().map(str::to_string),
                format!("answer lost: {e}"),
                "unknown",
            ),
            Err(e) => (e.request_id().map(str::to_string), e.to_string(), "failed"),
        };
        let entry = JournalEntry::to_gateway(
            self.gateway,
            self.channel_id,
            &self.base,
            &expected,
            request_id.clone(),
            &text,
        )
        .with_outcome(word)
        .with_operation(self.operation)
        .with_action(Some(self.action.clone()));
        let unjournaled = journal(&entry).await;
        let n = self.ids.len();
        let mut report = match result {
            Ok(_) => self.verify(n, request_note(request_id.as_deref())).await,
            Err(e) if e.answer_lost() => self.settle(&entry, &expected, n).await,
            Err(e) => self.report(EXIT_FAIL, format!("failed, nothing changed: {e}")),
        };
        if let Some(e) = unjournaled {
            report.line.push_str(&format!("; NOT journaled: {e}"));
        }
        report
    }

    /// The server answered: read the members back (the write touched nothing else) and check
    /// each one's status.
    async fn verify(&self, n: usize, note: String) -> Report {
        let verb = self.verb();
        let now = self
            .client
            .reread_members(self.channel_id)
            .await
            .map(|members| crate::model::with_members(&self.base, &members));
        match now {
            Ok(Some(now)) => match member_status::still_to_change(&now, &self.keys, self.status) {
                0 => self.report(EXIT_OK, format!("{verb} {n} member(s), verified{note}")),
                left => {
                    tracing::warn!(channel = self.channel_id, left, "read back differs");
                    self.report(
                        EXIT_FAIL,
                        format!(
                            "sent{note}, but the channel read back has {left} of those members \
                             not {verb}; check it with `chanedit show {}`",
                            sanitize::line(self.channel_id)
                        ),
                    )
                }
            },
            Ok(None) => self.report(
                EXIT_OK,
                format!("{verb} {n} member(s){note}; the channel read before is not an object"),
            ),
            Err(e) => self.report(
                EXIT_OK,
                format!("{verb} {n} member(s){note}; reading the channel back failed: {e}"),
            ),
        }
    }

    /// The answer was lost: the re-read says whether the write was applied.
    async fn settle(&self, entry: &JournalEntry, expected: &Value, n: usize) -> Report {
        let pending = Pending {
            base: self.base.clone(),
            sent: expected.clone(),
            request_id: entry.request_id.clone(),
        };
        let now = match self.client.load_channel(self.channel_id).await {
            Ok(now) => now,
            Err(e) => {
                return self.report(
                    EXIT_UNCONFIRMED,
                    format!(
                        "sent, but the outcome is unknown: the answer was lost and reading the \
                         channel back failed too ({e}); check it with `chanedit show {}`",
                        sanitize::line(self.channel_id)
                    ),
                );
            }
        };
        let verdict = pending.settle(&now);
        if let Some(e) = journal(&entry.confirmation(verdict)).await {
            tracing::warn!("the settling line was not journaled: {e}");
        }
        match verdict {
            Verdict::Applied => self.report(
                EXIT_OK,
                format!(
                    "{} {n} member(s) (the answer was lost; the channel read back holds it)",
                    self.verb()
                ),
            ),
            Verdict::NotApplied => self.report(
                EXIT_FAIL,
                "not applied: the answer was lost and the channel read back is as it was".into(),
            ),
            Verdict::ChangedElsewhere => self.report(
                EXIT_FAIL,
                "the answer was lost and the channel read back is neither as it was nor as \
                 expected: someone else changed it; check it"
                    .into(),
            ),
        }
    }
}
