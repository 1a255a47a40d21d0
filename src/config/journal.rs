//! `journal.jsonl`: one line per applied update (time, channel, base, sent body, request id,
//! result), so that a change can be looked up and reverted. Secrets are redacted first.

use std::io::Write;
use std::path::Path;

use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::paths::{ensure_parent, paths};

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
        }
    }
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
    }
}
