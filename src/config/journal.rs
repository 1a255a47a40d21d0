//! `journal.jsonl`: one line per applied update (time, channel, base, sent body, request id,
//! result, outcome), so that a change can be looked up and reverted. Secrets are redacted
//! first. A send whose answer was lost is journaled as `unknown` at once; the re-read that
//! settles it adds a line that `confirms` it with the verdict.

use std::io::Write;
use std::path::Path;

use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::paths::{ensure_parent, paths};
use crate::api::Verdict;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct JournalEntry {
    /// RFC 3339, UTC.
    pub time: String,
    pub channel: String,
    pub base: Value,
    pub sent: Value,
    pub request_id: Option<String>,
    /// `ok`, or the error as shown to the user.
    pub result: String,
    /// This entry's own id, named by the line that confirms it.
    #[serde(default)]
    pub id: String,
    /// `ok`, `failed`, or `unknown` (the answer was lost).
    #[serde(default)]
    pub outcome: String,
    /// What a re-read showed of an `unknown` outcome.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub confirmed: Option<Verdict>,
    /// The id of the `unknown` entry this line settles.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub confirms: Option<String>,
}

impl JournalEntry {
    pub fn new(
        channel: &str,
        base: &Value,
        sent: &Value,
        request_id: Option<String>,
        result: &str,
    ) -> Self {
        let time = time::OffsetDateTime::now_utc()
            .format(&time::format_description::well_known::Rfc3339)
            .unwrap_or_default();
        JournalEntry {
            time,
            channel: channel.to_string(),
            base: base.clone(),
            sent: sent.clone(),
            request_id,
            result: result.to_string(),
            id: format!("{:016x}", rand::random::<u64>()),
            outcome: if result == "ok" { "ok" } else { "failed" }.to_string(),
            confirmed: None,
            confirms: None,
        }
    }

    /// The same entry with this outcome (`ok`, `failed`, `unknown`).
    pub fn with_outcome(mut self, outcome: &str) -> Self {
        self.outcome = outcome.to_string();
        self
    }

    /// The line that settles this `unknown` entry with what a re-read showed.
    pub fn confirmation(&self, verdict: Verdict) -> JournalEntry {
        let mut e = JournalEntry::new(
            &self.channel,
            &self.base,
            &self.sent,
            self.request_id.clone(),
            &format!("confirmed {}", verdict.describe()),
        )
        .with_outcome("unknown");
        e.confirmed = Some(verdict);
        e.confirms = Some(self.id.clone());
        e
    }

    /// Sent with an unknown outcome that no re-read has settled yet.
    pub fn is_unsettled(&self) -> bool {
        self.outcome == "unknown" && self.confirmed.is_none()
    }
}

/// The channel's last entry when it is an unsettled `unknown` send: what was sent is what the
/// server is expected to hold until a re-read settles it.
pub fn unsettled<'a>(entries: &'a [JournalEntry], channel: &str) -> Option<&'a JournalEntry> {
    entries
        .iter()
        .rev()
        .find(|e| e.channel == channel)
        .filter(|e| e.is_unsettled())
}

pub fn append_journal_to(path: &Path, entry: &JournalEntry) -> anyhow::Result<()> {
    let mut e = entry.clone();
    crate::model::redact_secrets(&mut e.base);
    crate::model::redact_secrets(&mut e.sent);
    let mut line = serde_json::to_vec(&e)?;
    line.push(b'\n');
    ensure_parent(path)?;
    let mut opts = std::fs::OpenOptions::new();
    opts.append(true).create(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        opts.mode(0o600);
    }
    let mut f = opts
        .open(path)
        .map_err(|err| anyhow::anyhow!("cannot open the journal {}: {err}", path.display()))?;
    // One write call per line keeps concurrent appenders from interleaving.
    f.write_all(&line)?;
    Ok(())
}

pub fn append_journal(entry: &JournalEntry) -> anyhow::Result<()> {
    append_journal_to(&paths()?.journal_file, entry)
}

/// Every entry of a journal file (unreadable lines are skipped).
pub fn read_journal(path: &Path) -> anyhow::Result<Vec<JournalEntry>> {
    let text = match std::fs::read_to_string(path) {
        Ok(t) => t,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(e) => return Err(e.into()),
    };
    Ok(text
        .lines()
        .filter_map(|l| serde_json::from_str(l).ok())
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn entries_append_and_secrets_are_redacted() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("sub").join("journal.jsonl");
        let sent = json!({"nacos_info": {"user_info": {"password": "hunter2"}}, "port": 80});
        append_journal_to(
            &p,
            &JournalEntry::new("c1", &json!({}), &sent, Some("r1".into()), "ok"),
        )
        .unwrap();
        append_journal_to(
            &p,
            &JournalEntry::new("c2", &json!({}), &sent, None, "APIG.2004"),
        )
        .unwrap();
        let all = read_journal(&p).unwrap();
        assert_eq!(all.len(), 2);
        assert_eq!(all[0].channel, "c1");
        assert_eq!(all[1].result, "APIG.2004");
        assert!(!std::fs::read_to_string(&p).unwrap().contains("hunter2"));
        assert_eq!(
            (all[0].outcome.as_str(), all[1].outcome.as_str()),
            ("ok", "failed")
        );
    }

    #[test]
    fn an_unknown_outcome_stays_unsettled_until_confirmed() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("journal.jsonl");
        let sent = JournalEntry::new("c1", &json!({"a": 1}), &json!({"a": 2}), None, "lost")
            .with_outcome("unknown");
        append_journal_to(&p, &sent).unwrap();
        append_journal_to(
            &p,
            &JournalEntry::new("c2", &json!({}), &json!({}), None, "ok"),
        )
        .unwrap();
        let all = read_journal(&p).unwrap();
        assert_eq!(
            unsettled(&all, "c1").map(|e| &e.sent),
            Some(&json!({"a": 2}))
        );
        assert!(unsettled(&all, "c2").is_none());

        append_journal_to(&p, &all[0].confirmation(Verdict::Applied)).unwrap();
        let all = read_journal(&p).unwrap();
        assert!(unsettled(&all, "c1").is_none());
        assert_eq!(all[2].confirms.as_deref(), Some(all[0].id.as_str()));
        let line = std::fs::read_to_string(&p).unwrap();
        assert!(line.contains(r#""confirmed":"applied""#), "{line}");
    }
}
