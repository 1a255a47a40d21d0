//! `chanedit keys`: the key map in force — the table with `[keys]` of config.toml applied —
//! one action per line: its name (what `[keys]` takes), its keys, what it does. `--json`
//! for scripts. A broken `[keys]` is reported as the editor reports it, exit 2.

use crate::app::keymap::{KeyMap, Scope, format_key};

use super::{EXIT_OK, EXIT_USAGE};

pub fn run(json: bool) -> i32 {
    let look = match super::look::load(false) {
        Ok(l) => l,
        Err(errors) => {
            for e in &errors {
                eprintln!("error: {}", crate::sanitize::line(e));
            }
            return EXIT_USAGE;
        }
    };
    let text = if json {
        as_json(&look.keys)
    } else {
        as_text(&look.keys)
    };
    super::common::print(&text);
    EXIT_OK
}

/// The keys of a binding as `[keys]` writes them, each once.
fn written(keys: &[crate::app::keymap::K]) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for k in keys {
        let w = format_key(k);
        if !out.contains(&w) {
            out.push(w);
        }
    }
    out
}

pub fn as_text(map: &KeyMap) -> String {
    // Valid TOML: a line copied into config.toml's [keys] remaps that action.
    let mut s = String::from("[keys]\n");
    for scope in Scope::ALL {
        let rows: Vec<_> = map.bindings().iter().filter(|b| b.scope == scope).collect();
        if rows.is_empty() {
            continue;
        }
        s.push_str(&format!("# {}\n", scope.title()));
        for b in rows {
            let keys = written(&b.keys)
                .iter()
                .map(|k| format!("{k:?}"))
                .collect::<Vec<_>>()
                .join(", ");
            let writes = if b.writes { " (writes)" } else { "" };
            s.push_str(&format!(
                "{:<24} = [{keys}]{}# {}{writes}\n",
                b.action_name(),
                " ".repeat(22usize.saturating_sub(keys.len() + 2).max(1)),
                b.desc
            ));
        }
        s.push('\n');
    }
    s
}

pub fn as_json(map: &KeyMap) -> String {
    let rows: Vec<serde_json::Value> = map
        .bindings()
        .iter()
        .map(|b| {
            serde_json::json!({
                "action": b.action_name(),
                "keys": written(&b.keys),
                "scope": b.scope.title(),
                "description": b.desc,
                "writes": b.writes,
            })
        })
        .collect();
    let text = serde_json::to_string_pretty(&rows).unwrap_or_default();
    format!("{}\n", crate::sanitize::json(text))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_printed_map_is_a_keys_section_that_reads_back_as_the_same_map() {
        let remapped = KeyMap::remap(
            &crate::config::keys::settings(
                "[keys]\neditor.review = \"C-s\"\ntable.delete = [\"x\", \"Del\"]\n",
            )
            .unwrap(),
        )
        .unwrap();
        for map in [KeyMap::default(), remapped] {
            let text = as_text(&map);
            let settings = crate::config::keys::settings(&text).unwrap();
            assert_eq!(settings.len(), map.bindings().len());
            let back = KeyMap::remap(&settings).unwrap();
            assert_eq!(as_text(&back), text);
        }
        let json: serde_json::Value = serde_json::from_str(&as_json(&KeyMap::default())).unwrap();
        let review = json
            .as_array()
            .unwrap()
            .iter()
            .find(|a| a["action"] == "editor.review")
            .unwrap();
        assert_eq!(review["keys"], serde_json::json!(["w"]));
        assert_eq!(review["writes"], true);
    }
}
