//! `chanedit export --all DIR`: one body file per channel, exactly what `show --body` prints,
//! as a snapshot to review or keep in Git; `diff --all DIR` compares the gateway with it.
//! Prints the path of each file written; exit 1 when any channel could not be exported (the
//! others are still written).

use std::path::Path;

use crate::cli::GlobalArgs;
use crate::config::drafts::write_atomic;

use super::common::{api_failure, connect, print};
use super::snapshot::{self, label, shown};
use super::{EXIT_FAIL, EXIT_OK};

pub async fn run(global: &GlobalArgs, dir: &Path) -> i32 {
    let session = match connect(global).await {
        Ok(s) => s,
        Err(code) => return code,
    };
    if let Err(e) = std::fs::create_dir_all(dir) {
        eprintln!("error: cannot create {}: {e}", shown(dir));
        return EXIT_FAIL;
    }
    let earlier = match snapshot::files_in(dir) {
        Ok(f) => f,
        Err(e) => {
            eprintln!("error: cannot read {}: {e}", shown(dir));
            return EXIT_FAIL;
        }
    };
    let loads = match snapshot::load_every_channel(&session.client).await {
        Ok(l) => l,
        Err(e) => return api_failure(&e),
    };

    let mut failed = 0;
    let mut written = 0;
    for (channel, loaded) in &loads {
        let what = label(channel);
        let loaded = match loaded {
            Ok(l) => l,
            Err(e) => {
                eprintln!("error: {what}: {e}; not exported");
                failed += 1;
                continue;
            }
        };
        let id = channel.id.as_deref().unwrap_or("");
        let Some(name) = snapshot::file_name(loaded.detail.name.as_deref(), id) else {
            eprintln!("error: {what}: the id cannot be part of a file name; not exported");
            failed += 1;
            continue;
        };
        let path = dir.join(name);
        if let Err(e) = write_atomic(&path, super::show::to_body(loaded).as_bytes()) {
            eprintln!("error: {what}: cannot write {}: {e}", shown(&path));
            failed += 1;
            continue;
        }
        // The channel's file from an earlier export, named after its old name.
        for (_, old) in earlier.iter().filter(|(i, p)| i == id && *p != path) {
            match std::fs::remove_file(old) {
                Ok(()) => eprintln!("note: {what} was renamed; removed {}", shown(old)),
                Err(e) => eprintln!("warning: cannot remove {}: {e}", shown(old)),
            }
        }
        print(&format!("{}\n", shown(&path)));
        written += 1;
    }

    let live: Vec<&str> = loads.iter().filter_map(|(c, _)| c.id.as_deref()).collect();
    for (_, path) in earlier
        .iter()
        .filter(|(id, _)| !live.contains(&id.as_str()))
    {
        eprintln!(
            "note: {} is of a channel the gateway no longer has; left as it is (diff --all lists it)",
            shown(path)
        );
    }
    eprintln!(
        "exported {written} of {} channel{} to {}",
        loads.len(),
        if loads.len() == 1 { "" } else { "s" },
        shown(dir)
    );
    if failed > 0 { EXIT_FAIL } else { EXIT_OK }
}
