//! `chanedit apply ID FILE [--yes] [--allow-mass-delete]`: validate, show the diff, confirm,
//! send the complete body, re-read, print the result and journal it.

use std::io::{BufRead, IsTerminal, Write};
use std::path::Path;

use serde_json::Value;

use crate::api::{Client, Loaded};
use crate::cli::GlobalArgs;
use crate::config::JournalEntry;
use crate::sanitize;

use super::common::{api_failure, load, print, read_body, use_color};
use super::{EXIT_FAIL, EXIT_OK, EXIT_USAGE};

pub struct ApplyArgs<'a> {
    pub channel_id: &'a str,
    pub file: &'a Path,
    pub yes: bool,
    pub allow_mass_delete: bool,
}

pub async fn run(global: &GlobalArgs, args: ApplyArgs<'_>) -> i32 {
    if global.read_only {
        eprintln!("error: --read-only: apply is disabled");
        return EXIT_USAGE;
    }
    let draft = match read_body(args.file) {
        Ok(v) => v,
        Err(code) => return code,
    };
    let diags = crate::validate::validate(&draft);
    for d in &diags {
        eprintln!("{}", sanitize::line(&d.to_string()));
    }
    if crate::validate::has_errors(&diags) {
        eprintln!("error: the body does not validate; nothing sent");
        return EXIT_FAIL;
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
    let diff = crate::diff::diff(&base, &draft);
    if diff.is_empty() {
        print("no changes; nothing sent\n");
        return EXIT_OK;
    }
    print(&diff.render(use_color(None)));

    if let Some(why) = diff.mass_delete()
        && !args.allow_mass_delete
    {
        eprintln!("error: {why}; pass --allow-mass-delete if that is intended. Nothing sent.");
        return EXIT_FAIL;
    }

    if interactive && !confirm(&loaded) {
        eprintln!("cancelled; nothing sent");
        return EXIT_FAIL;
    }
    send(client, args.channel_id, &base, &draft).await
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

fn journal(channel_id: &str, base: &Value, sent: &Value, request_id: Option<String>, result: &str) {
    let entry = JournalEntry::new(channel_id, base, sent, request_id, result);
    if let Err(e) = crate::config::append_journal(&entry) {
        eprintln!(
            "warning: the change was not journaled: {}",
            sanitize::line(&format!("{e:#}"))
        );
    }
}

async fn send(client: &Client, channel_id: &str, base: &Value, draft: &Value) -> i32 {
    let request_id = match client.update_channel_traced(channel_id, draft).await {
        Ok((_, request_id)) => request_id,
        Err(e) => {
            journal(
                channel_id,
                base,
                draft,
                e.request_id().map(str::to_string),
                &e.to_string(),
            );
            let code = api_failure(&e);
            if let Some(field) = e.parameter_name() {
                eprintln!("  (the server names the field {})", sanitize::line(&field));
            }
            return code;
        }
    };
    journal(channel_id, base, draft, request_id.clone(), "ok");
    let id_note = request_id
        .map(|r| format!(" [request id {}]", sanitize::line(&r)))
        .unwrap_or_default();
    // The PUT answer lacks members and the health check: read the channel back.
    match client.load_channel(channel_id).await {
        Ok(now) => {
            print(&format!(
                "applied to {} ({}): now {} members, {} groups{id_note}\n",
                sanitize::line(now.detail.name.as_deref().unwrap_or("")),
                sanitize::line(channel_id),
                now.members.len(),
                now.detail.member_groups.as_ref().map_or(0, Vec::len),
            ));
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
