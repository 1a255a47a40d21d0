//! `chanedit drain HOST[:PORT] [--all-profiles] [--yes]`: disable a backend in every channel
//! where it is a member, as one operation. The search of `find`, then one combined review
//! (channels, members, APIs behind each), one question (the word `drain` or the host typed
//! when a channel or group would be left with no enabled member), then a batch-disable per
//! channel, each verified by a re-read and journaled under the operation's id.

use crate::cli::GlobalArgs;
use crate::config::journal::new_id;
use crate::sanitize;

use super::batch::{StatusWrite, worst_of};
use super::gateways::{Place, every_gateway};
use super::search::search_then;
use crate::api::ApiError;
use crate::api::drain::{self, ChannelDrain};
use crate::api::search::Found;
use crate::api::search::{concurrency, each_at_once};
use crate::commands::common::{or_dash, print, table};
use crate::commands::update::{answer, ask, may_ask};
use crate::commands::{EXIT_FAIL, EXIT_OK, EXIT_USAGE};
use crate::model::Backend;
use crate::model::member_status;

pub use crate::api::drain::CONFIRM_WORD;

/// One channel's part of the plan.
struct ChannelPlan<'a> {
    found: &'a Found,
    place: &'a Place,
    drain: ChannelDrain,
    /// APIs routed through the channel; None when they could not be counted.
    apis: Option<usize>,
}

/// The plan of one channel; an API count that failed leaves `?` and a warning.
fn plan_of<'a>(
    found: &'a Found,
    place: &'a Place,
    apis: Result<usize, ApiError>,
) -> ChannelPlan<'a> {
    let apis = match apis {
        Ok(n) => Some(n),
        Err(e) => {
            eprintln!(
                "warning: cannot count the APIs of channel {}: {e}",
                sanitize::line(found.name())
            );
            None
        }
    };
    ChannelPlan {
        found,
        place,
        drain: drain::plan(found),
        apis,
    }
}

pub async fn run(global: &GlobalArgs, target: &str, all_profiles: bool, yes: bool) -> i32 {
    if global.read_only {
        eprintln!("error: --read-only: drain is disabled");
        return EXIT_USAGE;
    }
    let backend = match Backend::parse(target) {
        Ok(b) => b,
        Err(e) => {
            eprintln!("error: {e}");
            return EXIT_USAGE;
        }
    };
    if let Err(code) = may_ask("drain", yes, false) {
        return code;
    }
    let places = match every_gateway(global, all_profiles).await {
        Ok(p) => p,
        Err(code) => return code,
    };
    // The APIs behind each channel are counted beside its load, in its search slot: they only
    // inform the review, and need not wait for the whole search.
    let (found, apis) = search_then(&places.places, &backend, |client, id, name| async move {
        client
            .list_channel_apis(&id, name.as_deref())
            .await
            .map(|a| a.len())
    })
    .await;
    for s in &places.skipped {
        eprintln!("note: {s}");
    }
    let failed: Vec<&String> = places.failed.iter().chain(&found.failed).collect();
    if !failed.is_empty() {
        for e in &failed {
            eprintln!("error: {e}");
        }
        eprintln!(
            "error: the search did not cover every gateway, so a drain could miss channels; \
             nothing sent"
        );
        return EXIT_FAIL;
    }
    let label = sanitize::line(&backend.label());
    let plans: Vec<ChannelPlan> = found
        .found
        .iter()
        .zip(apis)
        .map(|(f, count)| plan_of(f, &places.places[f.gateway], count))
        .collect();
    if plans.is_empty() {
        print(&format!(
            "{label} is a member of no channel on {} gateway(s); nothing to drain\n",
            places.places.len()
        ));
        return EXIT_OK;
    }
    print(&review(&label, &plans, places.many_profiles));
    let todo: Vec<&ChannelPlan> = plans.iter().filter(|p| !p.drain.ids.is_empty()).collect();
    if todo.is_empty() {
        print(&format!(
            "{label} is already disabled in every channel that has it; nothing sent\n"
        ));
        return EXIT_OK;
    }
    if !confirmed(&backend, &todo, yes) {
        eprintln!("not confirmed; nothing sent");
        return EXIT_FAIL;
    }
    let operation = new_id();
    let action = format!("drain {}", backend.label());
    let writes = todo.iter().map(|p| StatusWrite {
        client: &p.place.client,
        gateway: &p.place.gateway,
        channel_id: &p.found.channel_id,
        shown: format!(
            "{} ({})",
            p.found.name(),
            p.place.shown(places.many_profiles)
        ),
        base: p.drain.base.clone(),
        ids: p.drain.ids.clone(),
        keys: p.drain.keys.clone(),
        status: member_status::DISABLED,
        operation: &operation,
        action: action.clone(),
    });
    let at_once = concurrency(todo.iter().map(|p| &p.place.client));
    let reports = each_at_once(writes, at_once, StatusWrite::send).await;
    let mut out = format!("drain {label}, operation {operation}:\n");
    for r in &reports {
        out.push_str(&format!("  {}\n", r.line));
    }
    out.push_str(&format!(
        "undo with: chanedit undrain {operation}   (see it with: chanedit history {operation})\n"
    ));
    print(&out);
    worst_of(reports.iter().map(|r| r.code))
}

/// The combined review: one row per channel, then what would be left with no enabled member.
fn review(label: &str, plans: &[ChannelPlan], with_profile: bool) -> String {
    let members: usize = plans.iter().map(|p| p.drain.ids.len()).sum();
    let channels = plans.iter().filter(|p| !p.drain.ids.is_empty()).count();
    let rows: Vec<Vec<String>> = plans
        .iter()
        .map(|p| {
            let (now, after) = p.drain.enabled_counts();
            let disable = p.drain.disables();
            vec![
                p.place.shown(with_profile),
                p.found.name().to_string(),
                p.found.channel_id.clone(),
                or_dash(p.apis.map(|n| n.to_string())),
                format!("{now} -> {after}"),
                disable,
            ]
        })
        .collect();
    let mut out = format!("drain {label}: disable {members} member(s) in {channels} channel(s)\n");
    out.push_str(&table(
        &["GATEWAY", "CHANNEL", "ID", "APIS", "ENABLED", "DISABLE"],
        &rows,
    ));
    for p in plans.iter().filter(|p| !p.drain.ids.is_empty()) {
        for why in &p.drain.last {
            out.push_str(&format!(
                "warning: in channel {} this disables {}\n",
                sanitize::line(p.found.name()),
                sanitize::line(why)
            ));
        }
    }
    out
}

/// One question for the whole drain. Leaving a channel or group with no enabled member takes
/// the word or the host typed, even with `--yes` (read from stdin, terminal or not); else
/// `--yes` answers.
fn confirmed(backend: &Backend, todo: &[&ChannelPlan], yes: bool) -> bool {
    let members: usize = todo.iter().map(|p| p.drain.ids.len()).sum();
    if drain::needs_typing(todo.iter().map(|p| &p.drain)) {
        let typed = answer(&format!(
            "this leaves traffic with nowhere to go; type `{CONFIRM_WORD}` or the host to \
             disable {members} member(s) in {} channel(s): ",
            todo.len()
        ));
        return typed.is_some_and(|t| drain::typed_confirms(backend, &t));
    }
    yes || ask(&format!(
        "disable {members} member(s) in {} channel(s)?",
        todo.len()
    ))
}
