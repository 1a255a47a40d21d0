//! `chanedit diff ID FILE`: what `apply` would change, as the review shows it.

use std::path::Path;

use crate::cli::{ColorChoice, GlobalArgs};
use crate::sanitize;

use super::EXIT_OK;
use super::common::{load, print, read_body, use_color};

pub async fn run(
    global: &GlobalArgs,
    channel_id: &str,
    file: &Path,
    color: Option<ColorChoice>,
) -> i32 {
    let draft = match read_body(file) {
        Ok(v) => v,
        Err(code) => return code,
    };
    for d in crate::validate::validate(&draft) {
        eprintln!("{}", sanitize::line(&d.to_string()));
    }
    let (_session, loaded) = match load(global, channel_id).await {
        Ok(l) => l,
        Err(code) => return code,
    };
    // The rendering ends with the summary line, or is `no changes`.
    let diff = crate::diff::diff(&loaded.base(), &draft);
    print(&diff.render(use_color(color)));
    EXIT_OK
}
