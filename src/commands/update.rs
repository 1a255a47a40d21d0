//! An update of one channel as `apply` and `revert` make it: the guards before it
//! (validation, the mass-delete rule, a question, a re-read), the send of its one request
//! (`api::plan`: the narrowest that gives the reviewed body, or the full PUT), the read-back,
//! and the journal. A send whose answer was lost is settled by the re-read (applied, not
//! applied, changed by someone else); when that fails too the exit code is 3, and the next
//! update of the channel settles it first.

use std::io::{BufRead, IsTerminal, Write};

use serde_json::Value;

use crate::api::outcome::Pending;
use crate::api::plan::{Plan, Reread};
use crate::api::{Client, Loaded, Verdict};
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
    check_server(client, channel_id, &Plan::full(shown, false), shown).await
}

/// Read the channel again just before sending `plan`: a change made while the user looked at
/// the diff, where the request writes, would be overwritten unseen, so nothing is sent then;
/// a change elsewhere is reported and stays, since the request leaves it alone.
pub async fn check_server(
    client: &Client,
    channel_id: &str,
    plan: &Plan,
    shown: &Value,
) -> Result<(), i32> {
    let (seen, _) = client
        .check_plan(channel_id, plan, shown)
        .await
        .map_err(|e| {
            eprintln!("error: cannot read the channel again before sending: {e}; nothing sent");
            EXIT_FAIL
        })?;
    if !seen.overlapping.is_empty() {
        let where_ = if plan.is_full() {
            ""
        } else {
            ", where this request writes"
        };
        eprintln!(
            "error: the channel changed on the server since its diff was shown{where_}; nothing \
             sent. What changed there:"
        );
        eprint!("{}", seen.overlapping.render(false));
        eprintln!("Run the command again to review the change against the channel as it is now.");
        return Err(EXIT_FAIL);
    }
    if !seen.untouched.is_empty() {
        eprintln!(
            "note: the channel changed on the server since its diff was shown ({}), where this \
             request does not write; those changes stay. Sending.",
            seen.untouched.summary()
        );
        eprint!("{}", seen.untouched.render(false));
    }
    Ok(())
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

pub use crate::tui::status_write::request_note;

/// The journal's `result` for a send.
fn result_text<C>(sent: &crate::api::Sent<C>) -> String {
    match sent {
        crate::api::Sent::Ok { .. } => "ok".into(),
        crate::api::Sent::Failed(e) => e.to_string(),
        crate::api::Sent::Lost(e) => format!("answer lost: {e}"),
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

/// Send the complete body (the full PUT), journal it, read the channel back and say what it
/// holds.
pub async fn send(to: &Target<'_>, base: &Value, draft: &Value) -> i32 {
    send_plan(to, base, draft, &Plan::full(draft, false)).await
}

/// Send the plan's one request for `draft`, journal it, read the channel back and say what it
/// holds where the request wrote, and what changed elsewhere.
pub async fn send_plan(to: &Target<'_>, base: &Value, draft: &Value, plan: &Plan) -> i32 {
    use crate::api::Sent;
    let sent = to.client.send_plan(to.channel_id, plan).await;
    let entry = JournalEntry::to_gateway(
        to.gateway,
        to.channel_id,
        base,
        draft,
        sent.request_id().map(str::to_string),
        &result_text(&sent),
    )
    .with_outcome(sent.word())
    .with_action(to.action.clone())
    .with_request(&plan.describe());
    journal(&entry);
    let read = Reading {
        to,
        plan,
        base,
        draft,
    };
    match sent {
        Sent::Failed(e) => {
            let code = api_failure(&e);
            if let Some(field) = e.parameter_name() {
                eprintln!("  (the server names the field {})", sanitize::line(&field));
            }
            code
        }
        Sent::Ok { request_id, .. } => read.confirm_answered(request_id).await,
        Sent::Lost(lost) => read.settle_lost(&entry, &lost).await,
    }
}

/// What a read-back after a send compares with.
struct Reading<'a> {
    to: &'a Target<'a>,
    plan: &'a Plan,
    base: &'a Value,
    draft: &'a Value,
}

/// What the re-read shows beside the verdict: where the request wrote, whether the server
/// holds the reviewed body; elsewhere, the changes someone else made, which stay.
fn report_reread(reread: &Reread) {
    if !reread.differs.is_empty() {
        eprintln!("warning: the channel as read back differs from what was sent:");
        eprint!("{}", reread.differs.render(false));
    }
    if !reread.elsewhere.is_empty() {
        eprintln!(
            "note: the channel also holds changes made elsewhere, which this request left \
             alone ({}):",
            reread.elsewhere.summary()
        );
        eprint!("{}", reread.elsewhere.render(false));
    }
}

impl Reading<'_> {
    async fn reread(&self) -> Result<(Reread, Verdict, Loaded), crate::api::ApiError> {
        let to = self.to;
        to.client
            .reread_plan(to.channel_id, self.plan, self.base, self.draft)
            .await
    }

    /// The server answered: read the channel back (no answer carries the whole channel) and
    /// say what it holds now.
    async fn confirm_answered(&self, request_id: Option<String>) -> i32 {
        let id_note = request_note(request_id.as_deref());
        match self.reread().await {
            Ok((reread, _, now)) => {
                print_applied(&now, self.to.channel_id, &id_note);
                report_reread(&reread);
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
    async fn settle_lost(&self, entry: &JournalEntry, lost: &crate::api::ApiError) -> i32 {
        let channel_id = self.to.channel_id;
        eprintln!(
            "warning: the answer to the update was lost ({lost}); reading the channel back to \
             see whether it was applied"
        );
        let (reread, verdict, now) = match self.reread().await {
            Ok(v) => v,
            Err(e) => {
                eprintln!(
                    "error: the update was sent, but its outcome is unknown: the answer was lost \
                     and reading the channel back failed too ({e}). Check the channel with \
                     `chanedit show {}`; the next `chanedit apply` to it checks again.",
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
                report_reread(&reread);
                EXIT_OK
            }
            Verdict::NotApplied => {
                eprintln!(
                    "error: not applied: the answer was lost and the channel read back is as it \
                     was; nothing changed. Run the command again to send it."
                );
                EXIT_FAIL
            }
            Verdict::ChangedElsewhere => {
                eprintln!(
                    "error: the answer was lost and the channel read back is neither what was \
                     sent nor what it was: someone else changed it. How it differs from what \
                     was sent:"
                );
                eprint!("{}", reread.differs.render(false));
                EXIT_FAIL
            }
        }
    }
}
