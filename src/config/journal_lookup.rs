//! Finding things in the journal: an entry by id or unique prefix, the entries of a channel
//! or of an operation, and what became of an entry once the lines that settle it are read.

use super::journal::JournalEntry;
use crate::sanitize;

/// The shortest prefix accepted for an entry or operation id, so that a stray character
/// never picks an entry by chance.
pub const MIN_PREFIX: usize = 4;

/// The sent changes: every entry but the lines that only settle an earlier one.
pub fn sent_entries(entries: &[JournalEntry]) -> impl Iterator<Item = &JournalEntry> {
    entries.iter().filter(|e| e.confirms.is_none())
}

/// The lines that settle the entry with this id, oldest first.
pub fn confirmations<'a>(entries: &'a [JournalEntry], id: &str) -> Vec<&'a JournalEntry> {
    entries
        .iter()
        .filter(|e| e.confirms.as_deref() == Some(id))
        .collect()
}

/// What became of a sent entry: `ok`, `failed`, `unknown`, or `unknown, then applied` once a
/// re-read settled it.
pub fn outcome(entries: &[JournalEntry], entry: &JournalEntry) -> String {
    let word = if entry.outcome.is_empty() {
        // Entries written before the journal had outcomes.
        if entry.result == "ok" { "ok" } else { "failed" }
    } else {
        entry.outcome.as_str()
    };
    match confirmations(entries, &entry.id)
        .last()
        .and_then(|c| c.confirmed)
        .or(entry.confirmed)
    {
        Some(v) if word == "unknown" => format!("unknown, then {}", v.describe()),
        _ => word.to_string(),
    }
}

/// Whether the change the entry describes is known to be on the server.
pub fn applied(entries: &[JournalEntry], entry: &JournalEntry) -> bool {
    let o = outcome(entries, entry);
    o == "ok" || o == "unknown, then applied"
}

/// One sent entry by its id or a unique prefix of it (at least [`MIN_PREFIX`] characters).
pub fn entry<'a>(entries: &'a [JournalEntry], key: &str) -> Result<&'a JournalEntry, String> {
    let sent: Vec<&JournalEntry> = sent_entries(entries).collect();
    if let Some(e) = sent.iter().find(|e| !e.id.is_empty() && e.id == key) {
        return Ok(e);
    }
    let found: Vec<&JournalEntry> = if key.len() >= MIN_PREFIX {
        sent.into_iter().filter(|e| e.id.starts_with(key)).collect()
    } else {
        Vec::new()
    };
    match found.as_slice() {
        [one] => Ok(one),
        [] => Err(format!(
            "no journal entry {}{}",
            sanitize::line(key),
            if key.len() < MIN_PREFIX {
                format!(" (a prefix needs at least {MIN_PREFIX} characters)")
            } else {
                String::new()
            }
        )),
        many => Err(ambiguous("entry", key, many.iter().map(|e| e.id.as_str()))),
    }
}

/// The sent entries of one operation, by its id or a unique prefix of it.
pub fn operation<'a>(
    entries: &'a [JournalEntry],
    key: &str,
) -> Result<(String, Vec<&'a JournalEntry>), String> {
    let mut ids: Vec<&str> = sent_entries(entries)
        .filter_map(|e| e.operation.as_deref())
        .filter(|op| *op == key || (key.len() >= MIN_PREFIX && op.starts_with(key)))
        .collect();
    ids.sort_unstable();
    ids.dedup();
    let id = match ids.as_slice() {
        [one] => one.to_string(),
        [] => {
            return Err(format!(
                "no operation {} in the journal",
                sanitize::line(key)
            ));
        }
        many if many.contains(&key) => key.to_string(),
        many => return Err(ambiguous("operation", key, many.iter().copied())),
    };
    let of_it = sent_entries(entries)
        .filter(|e| e.operation.as_deref() == Some(id.as_str()))
        .collect();
    Ok((id, of_it))
}

fn ambiguous<'a>(what: &str, key: &str, ids: impl Iterator<Item = &'a str>) -> String {
    let ids: Vec<&str> = ids.collect();
    let shown: Vec<String> = ids.iter().take(5).map(|i| sanitize::line(i)).collect();
    format!(
        "{what} {} is ambiguous: {} match ({}{}); give more characters",
        sanitize::line(key),
        ids.len(),
        shown.join(", "),
        if ids.len() > 5 { ", ..." } else { "" }
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::Verdict;
    use serde_json::json;

    fn sent(id: &str, outcome: &str) -> JournalEntry {
        let mut e =
            JournalEntry::new("c1", &json!({}), &json!({}), None, "ok").with_outcome(outcome);
        e.id = id.to_string();
        e
    }

    #[test]
    fn entries_are_found_by_id_or_unique_prefix() {
        let all = [
            sent("abcd1111", "ok"),
            sent("abcd2222", "ok"),
            sent("ffff0000", "ok"),
        ];
        assert_eq!(entry(&all, "ffff0000").unwrap().id, "ffff0000");
        assert_eq!(entry(&all, "abcd2").unwrap().id, "abcd2222");
        let err = entry(&all, "abcd").unwrap_err();
        assert!(
            err.contains("ambiguous") && err.contains("abcd1111"),
            "{err}"
        );
        let err = entry(&all, "ff").unwrap_err();
        assert!(err.contains("at least 4"), "{err}");
        assert!(entry(&all, "0000").is_err());
    }

    #[test]
    fn a_settled_unknown_shows_its_verdict_and_counts_as_applied() {
        let lost = sent("abcd1111", "unknown");
        let mut all = vec![lost.clone(), sent("ffff0000", "failed")];
        assert_eq!(outcome(&all, &all[0]), "unknown");
        assert!(!applied(&all, &all[0]));
        all.push(lost.confirmation(Verdict::Applied));
        assert_eq!(outcome(&all, &all[0]), "unknown, then applied");
        assert!(applied(&all, &all[0]));
        assert!(!applied(&all, &all[1]));
        // The settling line is not an entry of its own.
        assert_eq!(sent_entries(&all).count(), 2);
    }

    #[test]
    fn operations_are_found_by_id_or_prefix() {
        let all = [
            sent("e1", "ok").with_operation("op11aa"),
            sent("e2", "ok").with_operation("op11aa"),
            sent("e3", "ok").with_operation("op22bb"),
        ];
        let (id, of_it) = operation(&all, "op11").unwrap();
        assert_eq!((id.as_str(), of_it.len()), ("op11aa", 2));
        assert!(operation(&all, "op").unwrap_err().contains("no operation"));
        assert!(operation(&all, "zzzz").is_err());
    }
}
