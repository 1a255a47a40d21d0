//! `chanedit apply ID FILE [--yes] [--allow-mass-delete] [--keep-missing]`: complete the
//! body (arrays, masked secrets), then review, confirm, send, re-read and journal it as
//! `update.rs` does for every full-body update.

use std::path::Path;

use crate::cli::GlobalArgs;

use super::common::{load, read_body};
use super::update::{self, Target};
use super::{EXIT_OK, EXIT_USAGE, file_body};

pub struct ApplyArgs<'a> {
    pub channel_id: &'a str,
    pub file: &'a Path,
    pub yes: bool,
    pub allow_mass_delete: bool,
    pub keep_missing: bool,
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
    if !args.yes {
        if !update::ask(&update::send_question(&loaded)) {
            eprintln!("cancelled; nothing sent");
            return super::EXIT_FAIL;
        }
        // The answer may have taken a while.
        if let Err(code) = update::unchanged_since(client, args.channel_id, &base).await {
            return code;
        }
    }
    let to = Target {
        client,
        gateway: &session.gateway,
        channel_id: args.channel_id,
        action: None,
    };
    update::send(&to, &base, &draft).await
}
