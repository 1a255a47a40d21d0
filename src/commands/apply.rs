//! `chanedit apply ID FILE [--yes] [--allow-mass-delete] [--keep-missing] [--write full]`:
//! complete the body (arrays, masked secrets), then review it (the diff, the one request that
//! will go out, the APIs routed through the channel), confirm, send, re-read and journal it
//! as `update.rs` does for every update.

use std::path::Path;

use crate::cli::{GlobalArgs, WriteChoice};

use super::common::{load, read_body};
use super::review::{plan_and_show, show_impact};
use super::update::{self, Target};
use super::{EXIT_OK, EXIT_USAGE, file_body};

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
    if let Err(code) = update::may_ask("apply", args.yes, args.file.as_os_str() == "-") {
        return code;
    }

    let (session, loaded) = match load(global, args.channel_id).await {
        Ok(l) => l,
        Err(code) => return code,
    };
    let client = &session.client;
    let base = loaded.base();
    update::settle_earlier_send(args.channel_id, &loaded);
    file_body::complete(&mut draft, &base);
    match update::review(&base, &draft, args.allow_mass_delete) {
        Ok(Some(_)) => {}
        Ok(None) => return EXIT_OK,
        Err(code) => return code,
    }
    let plan = plan_and_show(&loaded, &base, &draft, args.write);
    show_impact(client, args.channel_id, &loaded).await;
    if !args.yes {
        if !update::ask(&update::send_question(&loaded)) {
            eprintln!("cancelled; nothing sent");
            return super::EXIT_FAIL;
        }
        // The answer may have taken a while.
        if let Err(code) = update::check_server(client, args.channel_id, &plan, &base).await {
            return code;
        }
    }
    let to = Target {
        client,
        gateway: &session.gateway,
        channel_id: args.channel_id,
        action: None,
    };
    update::send_plan(&to, &base, &draft, &plan).await
}
