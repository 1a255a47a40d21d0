//! `chanedit undrain OPERATION [--yes]`: re-enable exactly the members a drain disabled, in
//! each channel its journal entries name, and only those still disabled (a member removed or
//! re-enabled since is left alone). One review, one question, a batch-enable per channel,
//! verified and journaled as a new operation.

use crate::cli::GlobalArgs;
use crate::config::journal::new_id;
use crate::config::journal_lookup;
use crate::sanitize;

use super::batch::{StatusWrite, worst_of};
use super::gateways::reach;
use crate::api::search::{concurrency, each_at_once};
use crate::api::{Client, Loaded};
use crate::commands::common::{Session, print, read_journal, short_id, table};
use crate::commands::update::{ask, may_ask};
use crate::commands::{EXIT_FAIL, EXIT_OK, EXIT_USAGE};
use crate::config::Gateway;
use crate::model::member_status::{self, Keys};

/// One channel to re-enable members in.
struct Undo {
    client: Client,
    gateway: Gateway,
    channel_id: String,
    name: String,
    base: serde_json::Value,
    ids: Vec<String>,
    keys: Keys,
    labels: Vec<String>,
    /// Members the drain disabled that are no longer there, or no longer disabled.
    left_alone: usize,
}

pub async fn run(global: &GlobalArgs, key: &str, yes: bool) -> i32 {
    if global.read_only {
        eprintln!("error: --read-only: undrain is disabled");
        return EXIT_USAGE;
    }
    if let Err(code) = may_ask("undrain", yes, false) {
        return code;
    }
    let journal = match read_journal() {
        Ok(j) => j,
        Err(code) => return code,
    };
    let (operation, entries) = match journal_lookup::operation(&journal.entries, key) {
        Ok(found) => found,
        Err(e) => {
            eprintln!("error: {e}");
            return EXIT_USAGE;
        }
    };
    let drained: Vec<_> = entries
        .iter()
        .filter(|e| e.action.as_deref().is_some_and(|a| a.starts_with("drain ")))
        .collect();
    if drained.is_empty() {
        eprintln!(
            "error: operation {} is not a drain; only a drain can be undone by undrain",
            sanitize::line(&operation)
        );
        return EXIT_USAGE;
    }

    // Sessions stay alive while their clients are used.
    let mut sessions: Vec<Session> = Vec::new();
    let mut undos = Vec::new();
    for e in drained {
        let channel = sanitize::line(&e.channel);
        if !journal_lookup::applied(&journal.entries, e) {
            eprintln!(
                "note: channel {channel}: the drain's write was {}; nothing to undo there",
                journal_lookup::outcome(&journal.entries, e)
            );
            continue;
        }
        let (session, client, gateway) = match reach(global, &e.gateway).await {
            Ok(r) => r,
            Err(code) => return code,
        };
        sessions.push(session);
        let now = match client.load_channel(&e.channel).await {
            Ok(now) => now,
            Err(err) => {
                eprintln!("error: cannot read channel {channel}: {err}; nothing sent");
                return EXIT_FAIL;
            }
        };
        undos.push(undo_of(
            client,
            gateway,
            &e.channel,
            &now,
            member_status::disabled_by(&e.base, &e.sent),
        ));
    }
    let todo: Vec<Undo> = undos
        .into_iter()
        .filter(|u| !u.ids.is_empty() || u.left_alone > 0)
        .collect();
    print(&review(&operation, &todo));
    let todo: Vec<Undo> = todo.into_iter().filter(|u| !u.ids.is_empty()).collect();
    if todo.is_empty() {
        print("nothing to re-enable; nothing sent\n");
        return EXIT_OK;
    }
    let members: usize = todo.iter().map(|u| u.ids.len()).sum();
    if !yes
        && !ask(&format!(
            "re-enable {members} member(s) in {} channel(s)?",
            todo.len()
        ))
    {
        eprintln!("not confirmed; nothing sent");
        return EXIT_FAIL;
    }
    let undo_op = new_id();
    let action = format!("undrain {operation}");
    let writes = todo.iter().map(|u| StatusWrite {
        client: &u.client,
        gateway: &u.gateway,
        channel_id: &u.channel_id,
        shown: format!("{} ({})", u.name, short_id(&u.gateway.instance_id)),
        base: u.base.clone(),
        ids: u.ids.clone(),
        keys: u.keys.clone(),
        status: member_status::ENABLED,
        operation: &undo_op,
        action: action.clone(),
    });
    let at_once = concurrency(todo.iter().map(|u| &u.client));
    let reports = each_at_once(writes, at_once, StatusWrite::send).await;
    let mut out = format!(
        "undrain {}, operation {undo_op}:\n",
        sanitize::line(&operation)
    );
    for r in &reports {
        out.push_str(&format!("  {}\n", r.line));
    }
    print(&out);
    drop(sessions);
    worst_of(reports.iter().map(|r| r.code))
}

/// The members of `now` the drain disabled and that are still disabled.
fn undo_of(
    client: Client,
    gateway: Gateway,
    channel_id: &str,
    now: &Loaded,
    drained: Keys,
) -> Undo {
    let base = now.base();
    let mut positions = Vec::new();
    let mut ids = Vec::new();
    let listed = base
        .get("members")
        .and_then(serde_json::Value::as_array)
        .cloned()
        .unwrap_or_default();
    for (i, (m, info)) in listed.iter().zip(&now.members).enumerate() {
        if !member_status::is_one_of(m, &base, &drained)
            || member_status::status(m) != member_status::DISABLED
        {
            continue;
        }
        if let Some(id) = info.id.as_deref().filter(|id| !id.is_empty()) {
            positions.push(i);
            ids.push(id.to_string());
        }
    }
    let labels = positions
        .iter()
        .filter_map(|i| listed.get(*i))
        .map(|m| crate::model::member_identity(m, &base))
        .collect();
    Undo {
        keys: member_status::keys_at(&base, &positions),
        left_alone: drained.len().saturating_sub(ids.len()),
        client,
        gateway,
        channel_id: channel_id.to_string(),
        name: now
            .detail
            .name
            .clone()
            .unwrap_or_else(|| channel_id.to_string()),
        base,
        ids,
        labels,
    }
}

fn review(operation: &str, todo: &[Undo]) -> String {
    let rows: Vec<Vec<String>> = todo
        .iter()
        .map(|u| {
            let mut enable = u.labels.join(", ");
            if u.left_alone > 0 {
                enable.push_str(&format!(
                    "{}{} left alone (removed or enabled since)",
                    if enable.is_empty() { "" } else { "; " },
                    u.left_alone
                ));
            }
            vec![
                short_id(&u.gateway.instance_id),
                u.name.clone(),
                u.channel_id.clone(),
                enable,
            ]
        })
        .collect();
    format!(
        "undrain {}:\n{}",
        sanitize::line(operation),
        table(&["GATEWAY", "CHANNEL", "ID", "ENABLE"], &rows)
    )
}
