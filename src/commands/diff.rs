//! `chanedit diff ID FILE`: what `apply` would change, as the review shows it.

use std::path::Path;

use crate::cli::{ColorChoice, GlobalArgs};
use crate::sanitize;

use super::common::{api_failure, connect, print, read_body, use_color};
use super::{EXIT_FAIL, EXIT_OK};

pub async fn run(
    global: &GlobalArgs,
    channel_id: &str,
    file: &Path,
    color: Option<ColorChoice>,
) -> i32 {
    let draft = match read_body(file) {
        Ok(v) => v,
        Err(e) => {
            eprintln!("error: {e}");
            return EXIT_FAIL;
        }
    };
    for d in crate::validate::validate(&draft) {
        eprintln!("{}", sanitize::line(&d.to_string()));
    }
    let session = match connect(global).await {
        Ok(s) => s,
        Err(code) => return code,
    };
    let loaded = match session.client.load_channel(channel_id).await {
        Ok(l) => l,
        Err(e) => return api_failure(&e),
    };
    // The rendering ends with the summary line, or is `no changes`.
    let diff = crate::diff::diff(&loaded.base(), &draft);
    print(&diff.render(use_color(color)));
    EXIT_OK
}
