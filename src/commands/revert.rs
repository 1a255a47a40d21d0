//! `chanedit revert ENTRY [--yes] [--allow-mass-delete]`: put a channel back as a journal
//! entry found it. The body is the entry's recorded base, with the live secrets where the
//! journal keeps only the mask; its diff is shown against the channel as it is now (which
//! may have moved on since), and it is sent under the guards of `apply`: validation, the
//! mass-delete rule, a question, a re-read just before sending. The revert is journaled too.

use serde_json::Value;

use crate::api::write_body::FULL_PUT_ARRAYS;
use crate::cli::GlobalArgs;
use crate::config::journal_lookup;
use crate::sanitize;

use super::common::{print, read_journal};
use super::fleet::gateways::reach;
use super::update::{self, Target};
use super::{EXIT_FAIL, EXIT_OK, EXIT_USAGE, file_body};

pub async fn run(global: &GlobalArgs, key: &str, yes: bool, allow_mass_delete: bool) -> i32 {
    if global.read_only {
        eprintln!("error: --read-only: revert is disabled");
        return EXIT_USAGE;
    }
    if let Err(code) = update::may_ask("revert", yes, false) {
        return code;
    }
    let journal = match read_journal() {
        Ok(j) => j,
        Err(code) => return code,
    };
    let entry = match journal_lookup::entry(&journal.entries, key) {
        Ok(e) => e,
        Err(e) => {
            eprintln!("error: {e}");
            return EXIT_USAGE;
        }
    };
    let mut draft = entry.base.clone();
    if let Some(missing) = FULL_PUT_ARRAYS
        .iter()
        .find(|k| draft.get(**k).is_none_or(|v| !v.is_array()))
    {
        eprintln!(
            "error: entry {} recorded no `{missing}` in its base, so the channel as it was is not \
             known; nothing sent",
            sanitize::line(&entry.id)
        );
        return EXIT_FAIL;
    }
    let (_session, client, gateway) = match reach(global, &entry.gateway).await {
        Ok(r) => r,
        Err(code) => return code,
    };
    let channel_id = entry.channel.as_str();
    let loaded = match client.load_channel(channel_id).await {
        Ok(l) => l,
        Err(e) => return super::common::api_failure(&e),
    };
    update::settle_earlier_send(channel_id, &loaded);
    let live = loaded.base();
    eprintln!(
        "revert entry {} of {}: the channel {} as it was before that change",
        sanitize::line(&entry.id),
        sanitize::line(&entry.time),
        sanitize::line(loaded.detail.name.as_deref().unwrap_or(channel_id)),
    );
    file_body::complete(&mut draft, &live);
    if crate::diff::diff(&live, &draft).is_empty() {
        print("the channel already is as that entry found it; nothing sent\n");
        return EXIT_OK;
    }
    note_what_happened_since(&journal.entries, entry, &live);
    match update::review(&live, &draft, allow_mass_delete) {
        Ok(Some(_)) => {}
        Ok(None) => return EXIT_OK,
        Err(code) => return code,
    }
    if !yes && !update::ask(&update::send_question(&loaded)) {
        eprintln!("cancelled; nothing sent");
        return EXIT_FAIL;
    }
    if let Err(code) = update::unchanged_since(&client, channel_id, &live).await {
        return code;
    }
    let to = Target {
        client: &client,
        gateway: &gateway,
        channel_id,
        action: Some(format!("revert {}", entry.id)),
    };
    update::send(&to, &live, &draft).await
}

/// Say when the revert undoes more than the entry: it never applied, or the channel moved on.
fn note_what_happened_since(
    all: &[crate::config::JournalEntry],
    entry: &crate::config::JournalEntry,
    live: &Value,
) {
    if !journal_lookup::applied(all, entry) {
        eprintln!(
            "note: that change's outcome was {}; its base is the channel as it was when it was \
             sent",
            sanitize::line(&journal_lookup::outcome(all, entry))
        );
        return;
    }
    let since = crate::diff::diff(
        &crate::model::without_secrets(&entry.sent),
        &crate::model::without_secrets(live),
    );
    if !since.is_empty() {
        eprintln!(
            "note: the channel changed after that entry ({}); the revert undoes those changes \
             too. The diff below is against the channel as it is now.",
            since.summary()
        );
    }
}
