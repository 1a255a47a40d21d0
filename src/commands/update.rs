//! A full-body update of one channel as `apply` and `revert` make it: the guards before it
//! (validation, the mass-delete rule, a question, a re-read), the send, the read-back, and
//! the journal. A send whose answer was lost is settled by the re-read (applied, not
//! applied, changed by someone else); when that fails too the exit code is 3, and the next
//! update of the channel settles it first.

use std::io::{BufRead, IsTerminal, Write};

use serde_json::Value;

use crate::api::outcome::Pending;
use crate::api::{Client, Loaded, Sent, Verdict};
use crate::config::{Gateway, JournalEntry};
use crate::diff::Diff;
use crate::sanitize;

use super::common::{api_failure, print, use_color};
use super::{EXIT_FAIL, EXIT_OK, EXIT_UNCONFIRMED, EXIT_USAGE};

/// Whether the command may ask its question: without `--yes` it needs a terminal on stdin
/// (`stdin_is_data`: stdin carries the body, so it cannot carry the answer too).
pub fn may_ask(command: &str, yes: bool, stdin_is_data: bool) -> Result<(), i32> {
    if yes || (!stdin_is_data && std::io::stdin().is_terminal()) {
        return Ok(());
    }
    eprintln!(
        "error: stdin is not a terminal, so {command} cannot ask; pass --yes to send without \
         asking"
    );
    Err(EXIT_USAGE)
}

/// Validate the draft, show its diff against `base` and apply the mass-delete rule. `Ok(None)`
/// when there is nothing to send (said on stdout); an exit code when it must not be sent.
pub fn review(base: &Value, draft: &Value, allow_mass_delete: bool) -> Result<Option<Diff>, i32> {
    let diags = crate::validate::validate(draft);
    for d in &diags {
        eprintln!("{}", sanitize::line(&d.to_string()));
    }
    if crate::validate::has_errors(&diags) {
        eprintln!("error: the body does not validate; nothing sent");
        return Err(EXIT_FAIL);
    }
    let diff = crate::diff::diff(base, draft);
    if diff.is_empty() {
        print("no changes; nothing sent\n");
        return Ok(None);
    }
    print(&diff.render(use_color(None)));
    if let Some(why) = diff.mass_delete()
        && !allow_mass_delete
    {
        eprintln!("error: {why}; pass --allow-mass-delete if that is intended. Nothing sent.");
        return Err(EXIT_FAIL);
    }
    Ok(Some(diff))
}

/// Ask on stderr and read one line: true only for `y` or `yes`.
pub fn ask(question: &str) -> bool {
    answer(&format!("{question} [y/N] "))
        .is_some_and(|a| matches!(a.to_ascii_lowercase().as_str(), "y" | "yes"))
}

/// Show `prompt` on stderr and read one line of stdin, trimmed; None at its end.
pub fn answer(prompt: &str) -> Option<String> {
    eprint!("{prompt}");
    if let Err(e) = std::io::stderr().flush() {
        tracing::warn!("cannot show the question: {e}");
    }
    let mut line = String::new();
    match std::io::stdin().lock().read_line(&mut line) {
        Ok(0) => None,
        Ok(_) => Some(line.trim().to_string()),
        Err(e) => {
            tracing::warn!("cannot read the answer: {e}");
            None
        }
    }
}

/// The question for a channel: `send this update to channel NAME?`.
pub fn send_question(loaded: &Loaded) -> String {
    let name = sanitize::line(loaded.detail.name.as_deref().unwrap_or(""));
    format!("send this update to channel {name}?")
}

/// Read the channel again just before sending: a change made while the user looked at the
/// diff would be overwritten unseen, so nothing is sent then.
pub async fn unchanged_since(client: &Client, channel_id: &str, shown: &Value) -> Result<(), i32> {
    let now = client.load_channel(channel_id).await.map_err(|e| {
        eprintln!("error: cannot read the channel again before sending: {e}; nothing sent");
        EXIT_FAIL
    })?;
    let moved = crate::diff::diff(shown, &now.base());
    if moved.is_empty() {
        return Ok(());
    }
    eprintln!(
        "error: the channel changed on the server since its diff was shown; nothing sent. \
         What changed there:"
    );
    eprint!("{}", moved.render(false));
    eprintln!("Run the command again to review the change against the channel as it is now.");
    Err(EXIT_FAIL)
}

pub fn journal(entry: &JournalEntry) {
    if let Err(e) = crate::config::append_journal(entry) {
        eprintln!(
            "warning: the change was not journaled: {}",
            sanitize::line(&format!("{e:#}"))
        );
    }
}

/// An earlier send to this channel whose outcome stayed unknown: what it sent is what the
/// server was expected to hold, so the channel as loaded now settles it (and it is never
/// taken for someone else's change).
pub fn settle_earlier_send(channel_id: &str, now: &Loaded) {
    let entries =
        match crate::config::paths().and_then(|p| crate::config::read_journal(&p.journal_file)) {
            Ok(j) => j.entries,
            Err(e) => {
                tracing::warn!("cannot read the journal: {e:#}");
                return;
            }
        };
    let Some(entry) = crate::config::unsettled(&entries, channel_id) else {
        return;
    };
    let pending = Pending {
        base: entry.base.clone(),
        sent: entry.sent.clone(),
        request_id: entry.request_id.clone(),
    };
    let verdict = pending.settle(now);
    journal(&entry.confirmation(verdict));
    let when = sanitize::line(&entry.time);
    let what = match verdict {
        Verdict::Applied => "it was applied: the channel holds what was sent".to_string(),
        Verdict::NotApplied => "it was not applied: the channel is as it was before".to_string(),
        Verdict::ChangedElsewhere => {
            "the channel is neither what was sent nor what it was: someone else changed it since"
                .to_string()
        }
    };
    eprintln!(
        "note: the update sent at {when}{} had an unknown outcome; now settled: {what}",
        request_note(pending.request_id.as_deref())
    );
}

pub fn request_note(request_id: Option<&str>) -> String {
    request_id
        .map(|r| format!(" [request id {}]", sanitize::line(r)))
        .unwrap_or_default()
}

/// The journal's `result` for a send.
fn result_text(sent: &Sent) -> String {
    match sent {
        Sent::Ok { .. } => "ok".into(),
        Sent::Failed(e) => e.to_string(),
        Sent::Lost(e) => format!("answer lost: {e}"),
    }
}

fn print_applied(now: &Loaded, channel_id: &str, note: &str) {
    print(&format!(
        "applied to {} ({}): now {} members, {} groups{note}\n",
        sanitize::line(now.detail.name.as_deref().unwrap_or("")),
        sanitize::line(channel_id),
        now.members.len(),
        now.detail.member_groups.as_ref().map_or(0, Vec::len),
    ));
}

/// Where an update goes and what the journal says made it.
pub struct Target<'a> {
    pub client: &'a Client,
    pub gateway: &'a Gateway,
    pub channel_id: &'a str,
    /// `revert ENTRY`; None for an edit.
    pub action: Option<String>,
}

/// Send the complete body, journal it, read the channel back and say what it holds.
pub async fn send(to: &Target<'_>, base: &Value, draft: &Value) -> i32 {
    let (client, channel_id) = (to.client, to.channel_id);
    let sent = client.send_update(channel_id, draft).await;
    let entry = JournalEntry::to_gateway(
        to.gateway,
        channel_id,
        base,
        draft,
        sent.request_id().map(str::to_string),
        &result_text(&sent),
    )
    .with_outcome(sent.word())
    .with_action(to.action.clone());
    journal(&entry);
    match sent {
        Sent::Failed(e) => {
            let code = api_failure(&e);
            if let Some(field) = e.parameter_name() {
                eprintln!("  (the server names the field {})", sanitize::line(&field));
            }
            code
        }
        Sent::Ok { request_id, .. } => {
            confirm_answered(client, channel_id, draft, request_id).await
        }
        Sent::Lost(lost) => settle_lost(client, channel_id, base, draft, &entry, &lost).await,
    }
}

/// The server answered: read the channel back (the answer lacks members and the health
/// check) and say what it holds now.
async fn confirm_answered(
    client: &Client,
    channel_id: &str,
    draft: &Value,
    request_id: Option<String>,
) -> i32 {
    let id_note = request_note(request_id.as_deref());
    match client.load_channel(channel_id).await {
        Ok(now) => {
            print_applied(&now, channel_id, &id_note);
            let left = crate::diff::diff(&now.base(), draft);
            if !left.is_empty() {
                eprintln!("warning: the channel as read back differs from what was sent:");
                eprint!("{}", left.render(false));
            }
            EXIT_OK
        }
        Err(e) => {
            print(&format!("applied{id_note}\n"));
            eprintln!("warning: sent, but reading the channel back failed: {e}");
            EXIT_OK
        }
    }
}

/// The answer was lost: a re-read tells what became of the update.
async fn settle_lost(
    client: &Client,
    channel_id: &str,
    base: &Value,
    draft: &Value,
    entry: &JournalEntry,
    lost: &crate::api::ApiError,
) -> i32 {
    eprintln!(
        "warning: the answer to the update was lost ({lost}); reading the channel back to see \
         whether it was applied"
    );
    let (verdict, now) = match client.confirm(channel_id, base, draft).await {
        Ok(v) => v,
        Err(e) => {
            eprintln!(
                "error: the update was sent, but its outcome is unknown: the answer was lost and \
                 reading the channel back failed too ({e}). Check the channel with `chanedit \
                 show {}`; the next `chanedit apply` to it checks again.",
                sanitize::line(channel_id)
            );
            return EXIT_UNCONFIRMED;
        }
    };
    journal(&entry.confirmation(verdict));
    match verdict {
        Verdict::Applied => {
            print_applied(
                &now,
                channel_id,
                " (the answer was lost; the channel read back holds the update)",
            );
            EXIT_OK
        }
        Verdict::NotApplied => {
            eprintln!(
                "error: not applied: the answer was lost and the channel read back is as it was; \
                 nothing changed. Run the command again to send it."
            );
            EXIT_FAIL
        }
        Verdict::ChangedElsewhere => {
            eprintln!(
                "error: the answer was lost and the channel read back is neither what was sent \
                 nor what it was: someone else changed it. How it differs from what was sent:"
            );
            eprint!("{}", crate::diff::diff(&now.base(), draft).render(false));
            EXIT_FAIL
        }
    }
}
