//! `chanedit diff --all DIR`: channel by channel, where the live gateway differs from the
//! snapshot that `export --all` wrote in DIR (shown as snapshot -> live), and the channels
//! found on one side only. Exit 0 when everything matches, 1 when anything differs or could
//! not be compared.

use std::path::{Path, PathBuf};

use crate::cli::{ColorChoice, GlobalArgs};
use crate::model::restore_secrets;

use super::common::{api_failure, connect, print, read_body, use_color};
use super::snapshot::{self, label, shown};
use super::{EXIT_FAIL, EXIT_OK};

/// What the comparison found, for the summary line and the exit code.
#[derive(Default)]
struct Tally {
    equal: usize,
    changed: usize,
    only_live: usize,
    only_snapshot: usize,
    not_compared: usize,
}

impl Tally {
    fn all_equal(&self) -> bool {
        self.changed + self.only_live + self.only_snapshot + self.not_compared == 0
    }
}

pub async fn run(global: &GlobalArgs, dir: &Path, color: Option<ColorChoice>) -> i32 {
    let snapshots = match snapshot::files_in(dir) {
        Ok(f) => f,
        Err(e) => {
            eprintln!("error: cannot read the snapshot {}: {e}", shown(dir));
            return EXIT_FAIL;
        }
    };
    let session = match connect(global).await {
        Ok(s) => s,
        Err(code) => return code,
    };
    let loads = match snapshot::load_every_channel(&session.client).await {
        Ok(l) => l,
        Err(e) => return api_failure(&e),
    };
    let color = use_color(color);

    let mut out = String::new();
    let mut tally = Tally::default();
    for (channel, loaded) in &loads {
        let id = channel.id.as_deref().unwrap_or("");
        let what = label(channel);
        let files: Vec<&PathBuf> = snapshots
            .iter()
            .filter(|(i, _)| i == id)
            .map(|(_, p)| p)
            .collect();
        let file = match files.as_slice() {
            [] => {
                out.push_str(&format!("only on the gateway: {what}\n"));
                tally.only_live += 1;
                continue;
            }
            [one] => *one,
            many => {
                let names: Vec<String> = many.iter().map(|p| shown(p)).collect();
                eprintln!(
                    "error: {what}: {} snapshot files ({}); keep one",
                    many.len(),
                    names.join(", ")
                );
                tally.not_compared += 1;
                continue;
            }
        };
        let loaded = match loaded {
            Ok(l) => l,
            Err(e) => {
                eprintln!("error: {what}: {e}");
                tally.not_compared += 1;
                continue;
            }
        };
        // read_body has said what is wrong with the file.
        let Ok(mut snap) = read_body(file) else {
            tally.not_compared += 1;
            continue;
        };
        let live = loaded.base();
        // The snapshot holds `***` for a secret; the live one is not a difference.
        restore_secrets(&mut snap, &live);
        let d = crate::diff::diff(&snap, &live);
        if d.is_empty() {
            tally.equal += 1;
            continue;
        }
        tally.changed += 1;
        out.push_str(&format!("== {what}: {} -> live\n", shown(file)));
        out.push_str(&d.render(color));
        out.push('\n');
    }
    let live: Vec<&str> = loads.iter().filter_map(|(c, _)| c.id.as_deref()).collect();
    for (id, path) in snapshots
        .iter()
        .filter(|(id, _)| !live.contains(&id.as_str()))
    {
        out.push_str(&format!(
            "only in the snapshot: {} (channel {id})\n",
            shown(path)
        ));
        tally.only_snapshot += 1;
    }
    out.push_str(&summary(&tally, dir));
    print(&out);
    if tally.all_equal() {
        EXIT_OK
    } else {
        EXIT_FAIL
    }
}

fn summary(t: &Tally, dir: &Path) -> String {
    if t.all_equal() {
        return format!(
            "no differences: {} channel{} match {}\n",
            t.equal,
            if t.equal == 1 { "" } else { "s" },
            shown(dir)
        );
    }
    let mut s = format!(
        "{} differ, {} only on the gateway, {} only in the snapshot, {} equal",
        t.changed, t.only_live, t.only_snapshot, t.equal
    );
    if t.not_compared > 0 {
        s.push_str(&format!(", {} not compared", t.not_compared));
    }
    s.push('\n');
    s
}
