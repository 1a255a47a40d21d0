//! `journal.jsonl`: one line per applied update (time, gateway, channel, base, sent body,
//! request id, result, outcome), so that a change can be looked up and reverted. Secrets are
//! redacted first. A send whose answer was lost is journaled as `unknown` at once; the re-read
//! that settles it adds a line that `confirms` it with the verdict.
//!
//! Each entry is one complete line, written with one call and fsync'd. A line cut short by a
//! crash or a full disk is closed with a newline before the next entry, so it costs only
//! itself; reading skips such lines, says which ones, and keeps the rest.

use std::io::{Read, Seek, SeekFrom, Write};
use std::path::Path;

use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::paths::{ensure_parent, paths};
use crate::api::Verdict;

/// The gateway a change went to: entries from different gateways (or a demo) never mix.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Gateway {
    pub endpoint: String,
    #[serde(default)]
    pub region: Option<String>,
    pub project_id: String,
    pub instance_id: String,
    /// The config.toml profile, when one was used.
    #[serde(default)]
    pub profile: Option<String>,
}

impl Gateway {
    /// The gateway a client talks to; region and profile are not part of a client config.
    pub fn of(cfg: &crate::api::ClientConfig) -> Gateway {
        Gateway {
            endpoint: cfg.endpoint.clone(),
            region: None,
            project_id: cfg.project_id.clone(),
            instance_id: cfg.instance_id.clone(),
            profile: None,
        }
    }
}

/// A fresh id for an entry or an operation: 16 hex digits.
pub fn new_id() -> String {
    format!("{:016x}", rand::random::<u64>())
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct JournalEntry {
    /// RFC 3339, UTC.
    pub time: String,
    /// Empty in entries written before the journal recorded it.
    #[serde(default)]
    pub gateway: Gateway,
    pub channel: String,
    pub base: Value,
    pub sent: Value,
    /// The request that went out, as the review named it
    /// (`POST .../members/batch-disable (2 members)`); `sent` stays the state it was to give.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub request: Option<String>,
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
    /// The operation this entry belongs to: a drain or undrain spans channels, one entry each.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub operation: Option<String>,
    /// What made the change when it was not an edit: `drain HOST`, `undrain OPERATION`,
    /// `revert ENTRY`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub action: Option<String>,
}

impl JournalEntry {
    /// An entry for a change sent to `gateway`.
    pub fn to_gateway(
        gateway: &Gateway,
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
            gateway: gateway.clone(),
            channel: channel.to_string(),
            base: base.clone(),
            sent: sent.clone(),
            request: None,
            request_id,
            result: result.to_string(),
            id: new_id(),
            outcome: if result == "ok" { "ok" } else { "failed" }.to_string(),
            confirmed: None,
            confirms: None,
            operation: None,
            action: None,
        }
    }

    /// An entry whose gateway is not known to the caller (recorded empty); prefer
    /// [`JournalEntry::to_gateway`].
    pub fn new(
        channel: &str,
        base: &Value,
        sent: &Value,
        request_id: Option<String>,
        result: &str,
    ) -> Self {
        Self::to_gateway(&Gateway::default(), channel, base, sent, request_id, result)
    }

    /// The same entry with this outcome (`ok`, `failed`, `unknown`).
    pub fn with_outcome(mut self, outcome: &str) -> Self {
        self.outcome = outcome.to_string();
        self
    }

    /// The same entry naming the request that went out.
    pub fn with_request(mut self, request: &str) -> Self {
        self.request = Some(request.to_string());
        self
    }

    /// The same entry as part of an operation that spans channels.
    pub fn with_operation(mut self, operation: &str) -> Self {
        self.operation = Some(operation.to_string());
        self
    }

    /// The same entry, saying what made the change (`drain HOST`, `revert ENTRY`, ...).
    pub fn with_action(mut self, action: Option<String>) -> Self {
        self.action = action;
        self
    }

    /// The line that settles this `unknown` entry with what a re-read showed.
    pub fn confirmation(&self, verdict: Verdict) -> JournalEntry {
        let mut e = JournalEntry::to_gateway(
            &self.gateway,
            &self.channel,
            &self.base,
            &self.sent,
            self.request_id.clone(),
            &format!("confirmed {}", verdict.describe()),
        )
        .with_outcome("unknown");
        e.confirmed = Some(verdict);
        e.confirms = Some(self.id.clone());
        e.request = self.request.clone();
        e.operation = self.operation.clone();
        e.action = self.action.clone();
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
    opts.read(true).append(true).create(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        opts.mode(0o600);
    }
    let shown = path.display();
    let mut f = opts
        .open(path)
        .map_err(|err| anyhow::anyhow!("cannot open the journal {shown}: {err}"))?;
    if ends_mid_line(&mut f)? {
        // Close the cut line so that this entry starts on a line of its own.
        line.insert(0, b'\n');
    }
    // One write call per line keeps concurrent appenders from interleaving.
    f.write_all(&line)
        .map_err(|err| anyhow::anyhow!("cannot write to the journal {shown}: {err}"))?;
    f.sync_data()
        .map_err(|err| anyhow::anyhow!("cannot flush the journal {shown} to disk: {err}"))?;
    Ok(())
}

/// Whether the file's last byte is something other than a newline (a cut line).
fn ends_mid_line(f: &mut std::fs::File) -> anyhow::Result<bool> {
    let len = f.metadata()?.len();
    if len == 0 {
        return Ok(false);
    }
    f.seek(SeekFrom::Start(len - 1))?;
    let mut last = [0u8; 1];
    f.read_exact(&mut last)?;
    Ok(last[0] != b'\n')
}

pub fn append_journal(entry: &JournalEntry) -> anyhow::Result<()> {
    append_journal_to(&paths()?.journal_file, entry)
}

/// What a journal file holds: its readable entries and the lines that were not.
#[derive(Debug, Default)]
pub struct Journal {
    pub entries: Vec<JournalEntry>,
    /// 1-based numbers of the lines that are not an entry (cut short, edited, corrupt).
    pub bad_lines: Vec<usize>,
}

impl Journal {
    /// A warning naming the unreadable lines (at most ten numbers), or None when all read.
    pub fn problem(&self, path: &Path) -> Option<String> {
        let n = self.bad_lines.len();
        if n == 0 {
            return None;
        }
        let mut numbers: Vec<String> = self
            .bad_lines
            .iter()
            .take(10)
            .map(usize::to_string)
            .collect();
        if n > 10 {
            numbers.push(format!("and {} more", n - 10));
        }
        Some(format!(
            "{}: {n} unreadable line{} skipped (line{} {}); the other entries are kept",
            path.display(),
            if n == 1 { "" } else { "s" },
            if n == 1 { "" } else { "s" },
            numbers.join(", ")
        ))
    }
}

/// Every entry of a journal file; a line that is not an entry is skipped and counted.
pub fn read_journal(path: &Path) -> anyhow::Result<Journal> {
    read_journal_with(path, Some)
}

/// The journal read line by line, never whole: each entry goes through `keep`, which gives
/// back what to hold of it (the entry, a lighter copy, or nothing). A journal of large
/// channels runs to tens of megabytes; a listing needs a few hundred bytes of each entry.
pub fn read_journal_with(
    path: &Path,
    mut keep: impl FnMut(JournalEntry) -> Option<JournalEntry>,
) -> anyhow::Result<Journal> {
    use std::io::BufRead;
    let file = match std::fs::File::open(path) {
        Ok(f) => f,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Journal::default()),
        Err(e) => return Err(anyhow::anyhow!("cannot read {}: {e}", path.display())),
    };
    let mut reader = std::io::BufReader::new(file);
    let mut journal = Journal::default();
    // Bytes, not text: one line of bad UTF-8 must not cost the others.
    let mut line = Vec::new();
    for i in 0.. {
        line.clear();
        let n = reader
            .read_until(b'\n', &mut line)
            .map_err(|e| anyhow::anyhow!("cannot read {}: {e}", path.display()))?;
        if n == 0 {
            break;
        }
        if line.iter().all(u8::is_ascii_whitespace) {
            continue;
        }
        // serde_json's own nesting limit keeps a hostile line from exhausting the stack.
        match serde_json::from_slice::<JournalEntry>(&line) {
            Ok(entry) => journal.entries.extend(keep(entry)),
            Err(_) => journal.bad_lines.push(i + 1),
        }
    }
    Ok(journal)
}

impl JournalEntry {
    /// The entry without its bodies (`base` and `sent` null): what a listing keeps.
    pub fn without_bodies(mut self) -> JournalEntry {
        self.base = Value::Null;
        self.sent = Value::Null;
        self
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn gateway() -> Gateway {
        Gateway {
            endpoint: "https://apig.cn-north-4.myhuaweicloud.com".into(),
            region: Some("cn-north-4".into()),
            project_id: "p1".into(),
            instance_id: "gw1".into(),
            profile: Some("prod".into()),
        }
    }

    fn entry(channel: &str) -> JournalEntry {
        JournalEntry::to_gateway(&gateway(), channel, &json!({}), &json!({}), None, "ok")
    }

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
        let all = read_journal(&p).unwrap().entries;
        assert_eq!(all.len(), 2);
        assert_eq!(all[0].channel, "c1");
        assert_eq!(all[1].result, "APIG.2004");
        assert!(!std::fs::read_to_string(&p).unwrap().contains("hunter2"));
    }

    #[test]
    fn entries_record_their_gateway() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("journal.jsonl");
        append_journal_to(&p, &entry("c1")).unwrap();
        let back = read_journal(&p).unwrap().entries;
        assert_eq!(back[0].gateway, gateway());
        let line = std::fs::read_to_string(&p).unwrap();
        assert!(line.contains(r#""instance_id":"gw1""#), "{line}");
        assert!(line.contains(r#""profile":"prod""#), "{line}");
    }

    #[test]
    fn a_cut_line_costs_only_itself() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("journal.jsonl");
        append_journal_to(&p, &entry("c1")).unwrap();
        // A crash in the middle of the second append.
        let full = serde_json::to_string(&entry("c2")).unwrap();
        let mut f = std::fs::OpenOptions::new().append(true).open(&p).unwrap();
        f.write_all(&full.as_bytes()[..full.len() / 2]).unwrap();
        drop(f);
        append_journal_to(&p, &entry("c3")).unwrap();
        append_journal_to(&p, &entry("c4")).unwrap();
        let journal = read_journal(&p).unwrap();
        let channels: Vec<&str> = journal.entries.iter().map(|e| e.channel.as_str()).collect();
        assert_eq!(channels, ["c1", "c3", "c4"]);
        assert_eq!(journal.bad_lines, [2]);
        let text = std::fs::read_to_string(&p).unwrap();
        assert!(text.ends_with("}\n"), "every entry ends its line");
        assert_eq!(text.lines().count(), 4);
    }

    #[test]
    fn reading_skips_and_reports_bad_lines_and_keeps_the_rest() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("journal.jsonl");
        let good = serde_json::to_string(&entry("ok1")).unwrap();
        let mut bytes = format!("{good}\nnot json\n\n{{\"time\": 1}}\n").into_bytes();
        bytes.extend_from_slice(b"\xff\xfe{}\n");
        bytes.extend_from_slice(format!("{good}\n{}", &good[..10]).as_bytes());
        std::fs::write(&p, bytes).unwrap();
        let journal = read_journal(&p).unwrap();
        assert_eq!(journal.entries.len(), 2);
        assert_eq!(journal.bad_lines, [2, 4, 5, 7]);
        let problem = journal.problem(&p).unwrap();
        assert!(
            problem.ends_with(
                "4 unreadable lines skipped (lines 2, 4, 5, 7); the other entries are kept"
            ),
            "{problem}"
        );
    }

    #[test]
    fn entries_without_a_gateway_still_read() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("journal.jsonl");
        std::fs::write(
            &p,
            r#"{"time":"2024-01-01T00:00:00Z","channel":"c","base":{},"sent":{},"request_id":null,"result":"ok"}"#,
        )
        .unwrap();
        let journal = read_journal(&p).unwrap();
        assert_eq!(journal.entries[0].gateway, Gateway::default());
        assert!(journal.bad_lines.is_empty());
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
        let all = read_journal(&p).unwrap().entries;
        assert_eq!(
            unsettled(&all, "c1").map(|e| &e.sent),
            Some(&json!({"a": 2}))
        );
        assert!(unsettled(&all, "c2").is_none());

        append_journal_to(&p, &all[0].confirmation(Verdict::Applied)).unwrap();
        let all = read_journal(&p).unwrap().entries;
        assert!(unsettled(&all, "c1").is_none());
        assert_eq!(all[2].confirms.as_deref(), Some(all[0].id.as_str()));
        let line = std::fs::read_to_string(&p).unwrap();
        assert!(line.contains(r#""confirmed":"applied""#), "{line}");
    }
}
