//! `chanedit diff ID FILE [--keep-missing]`: what `apply` would change, as the review shows it.

use std::path::Path;

use crate::cli::{ColorChoice, GlobalArgs};
use crate::sanitize;

use super::EXIT_OK;
use super::common::{load, print, read_body, use_color};
use super::file_body;

pub async fn run(
    global: &GlobalArgs,
    channel_id: &str,
    file: &Path,
    color: Option<ColorChoice>,
    keep_missing: bool,
) -> i32 {
    let mut draft = match read_body(file) {
        Ok(v) => v,
        Err(code) => return code,
    };
    if let Err(code) = file_body::require_arrays(&draft, file, keep_missing) {
        return code;
    }
    let (_session, loaded) = match load(global, channel_id).await {
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
    EXIT_OK
}
