//! `chanedit history [CHANNEL_ID | ENTRY | OPERATION] [--json]`: the journal. Without an
//! argument, or with a channel id or an operation id, one line per sent change (time,
//! gateway, channel, the diff summary base -> sent, request id, outcome); with an entry id
//! or a unique prefix of one, that entry in full. Secrets are masked and every string is
//! sanitized, in text and JSON alike: the journal is a file anyone may have edited.

use serde::Serialize;
use serde_json::Value;

use crate::config::journal_lookup::{self, confirmations, outcome, sent_entries};
use crate::config::{Gateway, JournalEntry};
use crate::sanitize;

use super::common::{json_text, or_dash, print, read_journal_keeping, short_id, table, use_color};
use super::{EXIT_FAIL, EXIT_OK, EXIT_USAGE};

pub fn run(target: Option<&str>, json: bool) -> i32 {
    let (journal, briefs) = match read_briefly() {
        Ok(j) => j,
        Err(code) => return code,
    };
    let all = &journal.entries;
    let listed = |entries: Vec<&JournalEntry>| list(all, &briefs, entries, json);
    let Some(key) = target else {
        return listed(sent_entries(all).collect());
    };
    let of_channel: Vec<&JournalEntry> = sent_entries(all).filter(|e| e.channel == key).collect();
    if !of_channel.is_empty() {
        return listed(of_channel);
    }
    match journal_lookup::entry(all, key) {
        Ok(e) => return show_full(all, e, json),
        Err(e) if e.contains("ambiguous") => {
            eprintln!("error: {e}");
            return EXIT_USAGE;
        }
        Err(_) => {}
    }
    match journal_lookup::operation(all, key) {
        Ok((_, of_op)) => listed(of_op),
        Err(e) if e.contains("ambiguous") => {
            eprintln!("error: {e}");
            EXIT_USAGE
        }
        Err(_) => {
            eprintln!(
                "error: no journal entry, operation or channel {} (see `chanedit history`)",
                sanitize::line(key)
            );
            EXIT_USAGE
        }
    }
}

/// What a listing shows of an entry's bodies, worked out as the line is read.
struct Brief {
    changed: usize,
    added: usize,
    removed: usize,
    channel_name: String,
}

/// The journal without its bodies, and the brief of each entry kept (same order): one line
/// is held at a time, so a journal of large channels costs a listing's worth of memory.
fn read_briefly() -> Result<(crate::config::Journal, Vec<Brief>), i32> {
    let mut briefs = Vec::new();
    let journal = read_journal_keeping(|e| {
        let s = crate::diff::diff(&e.base, &e.sent).summary();
        briefs.push(Brief {
            changed: s.changed,
            added: s.added,
            removed: s.removed,
            channel_name: channel_name(&e),
        });
        Some(e.without_bodies())
    })?;
    Ok((journal, briefs))
}

/// `show` of the entry a listing read found, its bodies read again from the file.
fn show_full(all: &[JournalEntry], brief: &JournalEntry, json: bool) -> i32 {
    let id = brief.id.clone();
    let mut full = None;
    let read = crate::config::paths().and_then(|p| {
        crate::config::read_journal_with(&p.journal_file, |e| {
            if full.is_none() && e.confirms.is_none() && e.id == id {
                full = Some(e);
            }
            None
        })
    });
    match (read, full) {
        (Ok(_), Some(e)) => show(all, &e, json),
        (Err(e), _) => {
            eprintln!("error: {}", sanitize::line(&format!("{e:#}")));
            EXIT_FAIL
        }
        (Ok(_), None) => {
            eprintln!(
                "error: journal entry {} went away while it was read",
                sanitize::line(&id)
            );
            EXIT_FAIL
        }
    }
}

/// One sent change, as `--json` lists it.
#[derive(Debug, Serialize)]
struct Line<'a> {
    id: &'a str,
    time: &'a str,
    gateway: &'a Gateway,
    channel: &'a str,
    channel_name: String,
    changed: usize,
    added: usize,
    removed: usize,
    request_id: Option<&'a str>,
    outcome: String,
    result: &'a str,
    operation: Option<&'a str>,
    action: Option<&'a str>,
}

fn line<'a>(all: &[JournalEntry], b: &Brief, e: &'a JournalEntry) -> Line<'a> {
    Line {
        id: &e.id,
        time: &e.time,
        gateway: &e.gateway,
        channel: &e.channel,
        channel_name: b.channel_name.clone(),
        changed: b.changed,
        added: b.added,
        removed: b.removed,
        request_id: e.request_id.as_deref(),
        outcome: outcome(all, e),
        result: &e.result,
        operation: e.operation.as_deref(),
        action: e.action.as_deref(),
    }
}

/// The channel's name as sent, else as it was.
fn channel_name(e: &JournalEntry) -> String {
    [&e.sent, &e.base]
        .iter()
        .find_map(|b| b.get("name").and_then(Value::as_str))
        .unwrap_or("")
        .to_string()
}

/// `2024-01-02 03:04:05` from an RFC 3339 UTC time; anything else as it is.
fn short_time(t: &str) -> String {
    match t.get(..19) {
        Some(head) if t.is_char_boundary(19) => head.replace('T', " "),
        _ => t.to_string(),
    }
}

/// `profile/gateway-id`, the id cut short.
fn short_gateway(g: &Gateway) -> String {
    let id = short_id(&g.instance_id);
    match &g.profile {
        Some(p) => format!("{p}/{}", or_dash(Some(id))),
        None => or_dash(Some(id)),
    }
}

fn list(all: &[JournalEntry], briefs: &[Brief], entries: Vec<&JournalEntry>, json: bool) -> i32 {
    // Entries are borrowed from `all`, so where they sit there finds their brief.
    let brief_of: std::collections::HashMap<*const JournalEntry, &Brief> = all
        .iter()
        .map(|e| e as *const JournalEntry)
        .zip(briefs)
        .collect();
    let entries: Vec<&JournalEntry> = entries
        .into_iter()
        .filter(|e| brief_of.contains_key(&(*e as *const JournalEntry)))
        .collect();
    let lines: Vec<Line> = entries
        .iter()
        .filter_map(|e| {
            brief_of
                .get(&(*e as *const JournalEntry))
                .map(|b| line(all, b, e))
        })
        .collect();
    if json {
        print(&json_text(&lines));
        return EXIT_OK;
    }
    if lines.is_empty() {
        print("the journal is empty\n");
        return EXIT_OK;
    }
    let rows: Vec<Vec<String>> = lines
        .iter()
        .zip(&entries)
        .map(|(l, e)| {
            vec![
                l.id.to_string(),
                short_time(l.time),
                short_gateway(l.gateway),
                or_dash(Some(l.channel_name.as_str())),
                format!(
                    "{} changed, {} added, {} removed",
                    l.changed, l.added, l.removed
                ),
                or_dash(l.request_id),
                l.outcome.clone(),
                or_dash(what(e).as_deref()),
            ]
        })
        .collect();
    print(&table(
        &[
            "ID",
            "TIME",
            "GATEWAY",
            "CHANNEL",
            "CHANGE",
            "REQUEST ID",
            "OUTCOME",
            "BY",
        ],
        &rows,
    ));
    EXIT_OK
}

/// What made the change: `drain 10.0.0.1 (operation 1a2b3c4d)`, `revert 5e6f...`.
fn what(e: &JournalEntry) -> Option<String> {
    match (&e.action, &e.operation) {
        (Some(a), Some(op)) => Some(format!("{a} (operation {op})")),
        (Some(a), None) => Some(a.clone()),
        (None, Some(op)) => Some(format!("operation {op}")),
        (None, None) => None,
    }
}

/// An entry with its secrets masked, whatever the file holds.
fn masked(e: &JournalEntry) -> JournalEntry {
    let mut e = e.clone();
    crate::model::redact_secrets(&mut e.base);
    crate::model::redact_secrets(&mut e.sent);
    e
}

#[derive(Debug, Serialize)]
struct Full {
    #[serde(flatten)]
    entry: JournalEntry,
    /// What became of it, settling lines included.
    settled: String,
    changed: usize,
    added: usize,
    removed: usize,
    confirmations: Vec<JournalEntry>,
}

fn show(all: &[JournalEntry], e: &JournalEntry, json: bool) -> i32 {
    let diff = crate::diff::diff(&e.base, &e.sent);
    let s = diff.summary();
    let settling = confirmations(all, &e.id);
    if json {
        print(&json_text(&Full {
            entry: masked(e),
            settled: outcome(all, e),
            changed: s.changed,
            added: s.added,
            removed: s.removed,
            confirmations: settling.into_iter().map(masked).collect(),
        }));
        return EXIT_OK;
    }
    let g = &e.gateway;
    let mut fields = vec![
        ("entry", e.id.clone()),
        ("time", e.time.clone()),
        (
            "gateway",
            format!(
                "{} (project {}, endpoint {}{}{})",
                or_dash(Some(g.instance_id.as_str())),
                or_dash(Some(g.project_id.as_str())),
                or_dash(Some(g.endpoint.as_str())),
                g.region
                    .as_deref()
                    .map(|r| format!(", region {r}"))
                    .unwrap_or_default(),
                g.profile
                    .as_deref()
                    .map(|p| format!(", profile {p}"))
                    .unwrap_or_default(),
            ),
        ),
        (
            "channel",
            format!("{} ({})", or_dash(Some(channel_name(e))), e.channel),
        ),
        ("request id", or_dash(e.request_id.as_deref())),
        ("result", e.result.clone()),
        ("outcome", outcome(all, e)),
        ("change", s.to_string()),
    ];
    if let Some(by) = what(e) {
        fields.insert(4, ("by", by));
    }
    let mut out = String::new();
    for (label, value) in fields {
        out.push_str(&format!("{label:<12}{}\n", sanitize::line(&value)));
    }
    out.push('\n');
    out.push_str(&diff.render(use_color(None)));
    out.push_str(&format!(
        "\nundo it with: chanedit revert {}\n",
        sanitize::line(&e.id)
    ));
    if let (Some(a), Some(op)) = (&e.action, &e.operation)
        && a.starts_with("drain ")
    {
        out.push_str(&format!(
            "or undo the whole drain with: chanedit undrain {}\n",
            sanitize::line(op)
        ));
    }
    print(&out);
    EXIT_OK
}
