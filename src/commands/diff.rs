//! `chanedit diff ID FILE [--keep-missing] [--write full]`: what `apply` would change, as the
//! review shows it: the diff, the request that would go out, and the APIs that route through
//! the channel.

use std::path::Path;

use crate::cli::{ColorChoice, GlobalArgs, WriteChoice};
use crate::sanitize;

use super::EXIT_OK;
use super::common::{load, print, read_body, use_color};
use super::file_body;
use super::review::{plan_and_show, show_impact};

pub async fn run(
    global: &GlobalArgs,
    channel_id: &str,
    file: &Path,
    color: Option<ColorChoice>,
    keep_missing: bool,
    write: WriteChoice,
) -> i32 {
    let mut draft = match read_body(file) {
        Ok(v) => v,
        Err(code) => return code,
    };
    if let Err(code) = file_body::require_arrays(&draft, file, keep_missing) {
        return code;
    }
    let (session, loaded) = match load(global, channel_id).await {
        Ok(l) => l,
        Err(code) => return code,
    };
    let base = loaded.base();
    file_body::complete(&mut draft, &base);
    for d in crate::validate::validate(&draft) {
        eprintln!("{}", sanitize::line(&d.to_string()));
    }
    // The rendering ends with the summary line, or is `no changes`.
    let diff = crate::diff::diff(&base, &draft);
    print(&diff.render(use_color(color)));
    if !diff.is_empty() {
        plan_and_show(&loaded, &base, &draft, write);
        show_impact(&session.client, channel_id, &loaded).await;
    }
    EXIT_OK
}
