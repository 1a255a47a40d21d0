//! `chanedit apply ID FILE [--yes] [--allow-mass-delete] [--keep-missing] [--write full]`:
//! complete the body (arrays, masked secrets), validate, show the diff, the one request that
//! will go out (the narrowest that gives the reviewed state, `api::plan`) and the APIs that
//! route through the channel, confirm, re-read the channel (after a confirmation: a change
//! made meanwhile where the request writes stops the send, one elsewhere is reported), send,
//! re-read, print the result and journal it. A send whose answer was lost is settled by the
//! re-read (applied, not applied, changed by someone else); when that fails too the exit code
//! is 3, and the next apply to the channel settles it first.

use std::io::{BufRead, IsTerminal, Write};
use std::path::Path;

use serde_json::Value;

use crate::api::outcome::Pending;
use crate::api::plan::{Plan, Reread};
use crate::api::{Client, Loaded, Sent, Verdict};
use crate::cli::{GlobalArgs, WriteChoice};
use crate::config::{Gateway, JournalEntry};
use crate::sanitize;

use super::common::{api_failure, load, print, read_body, use_color};
use super::file_body;
use super::review::{indented, plan_and_show, show_impact};
use super::{EXIT_FAIL, EXIT_OK, EXIT_UNCONFIRMED, EXIT_USAGE};

pub struct ApplyArgs<'a> {
    pub channel_id: &'a str,
    pub file: &'a Path,
    pub yes: bool,
    pub allow_mass_delete: bool,
    pub keep_missing: bool,
    pub write: WriteChoice,
}

pub async fn run(global: &GlobalArgs, args: ApplyArgs<'_>) -> i32 {
    if global.read_only {
        eprintln!("error: --read-only: apply is disabled");
        return EXIT_USAGE;
    }
    let mut draft = match read_body(args.file) {
        Ok(v) => v,
        Err(code) => return code,
    };
    if let Err(code) = file_body::require_arrays(&draft, args.file, args.keep_missing) {
        return code;
    }
    let interactive = !args.yes;
    if interactive && (args.file.as_os_str() == "-" || !std::io::stdin().is_terminal()) {
        eprintln!(
            "error: stdin is not a terminal, so apply cannot ask; pass --yes to send without asking"
        );
        return EXIT_USAGE;
    }

    let (session, loaded) = match load(global, args.channel_id).await {
        Ok(l) => l,
        Err(code) => return code,
    };
    let client = &session.client;
    let base = loaded.base();
    settle_earlier_send(args.channel_id, &loaded);
    file_body::complete(&mut draft, &base);
    let diags = crate::validate::validate(&draft);
    for d in &diags {
        eprintln!("{}", sanitize::line(&d.to_string()));
    }
    if crate::validate::has_errors(&diags) {
        eprintln!("error: the body does not validate; nothing sent");
        return EXIT_FAIL;
    }
    let diff = crate::diff::diff(&base, &draft);
    if diff.is_empty() {
        print("no changes; nothing sent\n");
        return EXIT_OK;
    }
    print(&diff.render(use_color(None)));
    let plan = plan_and_show(&loaded, &base, &draft, args.write);
    show_impact(client, args.channel_id, &loaded).await;

    if let Some(why) = diff.mass_delete()
        && !args.allow_mass_delete
    {
        eprintln!("error: {why}; pass --allow-mass-delete if that is intended. Nothing sent.");
        return EXIT_FAIL;
    }

    if interactive {
        if !confirm(&loaded) {
            eprintln!("cancelled; nothing sent");
            return EXIT_FAIL;
        }
        // Time passed while the user read the review: the server may have changed.
        if let Err(code) = check_server(client, args.channel_id, &plan, &base).await {
            return code;
        }
    }
    let to = Target {
        client,
        gateway: &session.gateway,
        channel_id: args.channel_id,
        plan: &plan,
    };
    send(&to, &base, &draft).await
}

/// Re-read the channel before sending: a change made there since load where the request
/// writes stops the send (sending would undo it); one elsewhere is reported, and stays.
async fn check_server(
    client: &Client,
    channel_id: &str,
    plan: &Plan,
    base: &Value,
) -> Result<(), i32> {
    let (seen, _) = match client.check_plan(channel_id, plan, base).await {
        Ok(c) => c,
        Err(e) => {
            eprintln!("error: cannot re-read the channel before sending ({e}); nothing sent");
            return Err(EXIT_FAIL);
        }
    };
    if !seen.overlapping.is_empty() {
        eprintln!(
            "error: the channel changed on the server since it was loaded, where this request \
             writes; nothing sent. What changed there:"
        );
        eprint!("{}", indented(&seen.overlapping));
        eprintln!("Run apply again to start from the server's state.");
        return Err(EXIT_FAIL);
    }
    if !seen.untouched.is_empty() {
        eprintln!(
            "note: the channel changed on the server since it was loaded ({}), where this \
             request does not write; those changes stay. Sending.",
            seen.untouched.summary()
        );
        eprint!("{}", indented(&seen.untouched));
    }
    Ok(())
}

fn confirm(loaded: &Loaded) -> bool {
    let name = sanitize::line(loaded.detail.name.as_deref().unwrap_or(""));
    eprint!("send this update to channel {name}? [y/N] ");
    let _ = std::io::stderr().flush();
    let mut answer = String::new();
    if std::io::stdin().lock().read_line(&mut answer).is_err() {
        return false;
    }
    matches!(answer.trim().to_ascii_lowercase().as_str(), "y" | "yes")
}

fn journal(entry: &JournalEntry) {
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
fn settle_earlier_send(channel_id: &str, now: &Loaded) {
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

fn request_note(request_id: Option<&str>) -> String {
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

/// Where a change goes and as which request.
struct Target<'a> {
    client: &'a Client,
    gateway: &'a Gateway,
    channel_id: &'a str,
    plan: &'a Plan,
}

async fn send(to: &Target<'_>, base: &Value, draft: &Value) -> i32 {
    let sent = to.client.send_plan(to.channel_id, to.plan).await;
    let entry = JournalEntry::to_gateway(
        to.gateway,
        to.channel_id,
        base,
        draft,
        sent.request_id().map(str::to_string),
        &result_text(&sent),
    )
    .with_outcome(sent.word())
    .with_request(&to.plan.describe());
    journal(&entry);
    match sent {
        Sent::Failed(e) => {
            let code = api_failure(&e);
            if let Some(field) = e.parameter_name() {
                eprintln!("  (the server names the field {})", sanitize::line(&field));
            }
            code
        }
        Sent::Ok { request_id, .. } => confirm_answered(to, base, draft, request_id).await,
        Sent::Lost(lost) => settle_lost(to, base, draft, &entry, &lost).await,
    }
}

/// What the re-read shows beside the verdict: where the request wrote, whether the server
/// holds the reviewed draft; elsewhere, the changes someone else made, which stay.
fn report_reread(reread: &Reread) {
    if !reread.differs.is_empty() {
        eprintln!(
            "warning: where this request wrote, the channel as read back differs from the \
             reviewed change (server -> reviewed):"
        );
        eprint!("{}", indented(&reread.differs));
    }
    if !reread.elsewhere.is_empty() {
        eprintln!(
            "note: the channel also holds changes made elsewhere, which this request left \
             alone ({}):",
            reread.elsewhere.summary()
        );
        eprint!("{}", indented(&reread.elsewhere));
    }
}

/// The server answered: read the channel back (no answer carries the whole channel) and say
/// what it holds now.
async fn confirm_answered(
    to: &Target<'_>,
    base: &Value,
    draft: &Value,
    request_id: Option<String>,
) -> i32 {
    let id_note = request_note(request_id.as_deref());
    match to
        .client
        .reread_plan(to.channel_id, to.plan, base, draft)
        .await
    {
        Ok((reread, _, now)) => {
            print_applied(&now, to.channel_id, &id_note);
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
async fn settle_lost(
    to: &Target<'_>,
    base: &Value,
    draft: &Value,
    entry: &JournalEntry,
    lost: &crate::api::ApiError,
) -> i32 {
    eprintln!(
        "warning: the answer to the update was lost ({lost}); reading the channel back to see \
         whether it was applied"
    );
    let (reread, verdict, now) = match to
        .client
        .reread_plan(to.channel_id, to.plan, base, draft)
        .await
    {
        Ok(v) => v,
        Err(e) => {
            eprintln!(
                "error: the update was sent, but its outcome is unknown: the answer was lost and \
                 reading the channel back failed too ({e}). Check the channel with `chanedit \
                 show {}`; the next `chanedit apply` to it checks again.",
                sanitize::line(to.channel_id)
            );
            return EXIT_UNCONFIRMED;
        }
    };
    journal(&entry.confirmation(verdict));
    match verdict {
        Verdict::Applied => {
            print_applied(
                &now,
                to.channel_id,
                " (the answer was lost; the channel read back holds the update)",
            );
            report_reread(&reread);
            EXIT_OK
        }
        Verdict::NotApplied => {
            eprintln!(
                "error: not applied: the answer was lost and the channel read back is as it was; \
                 nothing changed. Run apply again to send it."
            );
            EXIT_FAIL
        }
        Verdict::ChangedElsewhere => {
            eprintln!(
                "error: the answer was lost and the channel read back is neither what was sent \
                 nor what it was: someone else changed it. How it differs from what was sent:"
            );
            eprint!("{}", reread.differs.render(false));
            EXIT_FAIL
        }
    }
}
