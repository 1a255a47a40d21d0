//! The `:` command line: `:set PATH VALUE`, `:unset PATH`, `:add member k=v …`,
//! `:add group k=v …`, `:del PATH`, `:w`, `:q`, `:q!`. VALUE is JSON when it parses as
//! JSON, else a string.

use serde_json::{Map, Value};

use super::draft;
use super::effects::Effect;
use super::rows::RowKind;
use super::state::State;

pub struct CommandInfo {
    pub name: &'static str,
    pub usage: &'static str,
    pub desc: &'static str,
    pub writes: bool,
}

/// The one table of commands: help, completion and read-only filtering come from it.
pub static COMMANDS: &[CommandInfo] = &[
    CommandInfo {
        name: "set",
        usage: ":set PATH VALUE",
        desc: "set a field (VALUE as JSON, else text)",
        writes: true,
    },
    CommandInfo {
        name: "unset",
        usage: ":unset PATH",
        desc: "remove a field",
        writes: true,
    },
    CommandInfo {
        name: "add",
        usage: ":add member|group k=v …",
        desc: "add a member or a group",
        writes: true,
    },
    CommandInfo {
        name: "del",
        usage: ":del PATH",
        desc: "delete a member, group or field",
        writes: true,
    },
    CommandInfo {
        name: "w",
        usage: ":w",
        desc: "review the changes",
        writes: true,
    },
    CommandInfo {
        name: "q",
        usage: ":q",
        desc: "quit (asks when edits are unsent)",
        writes: false,
    },
    CommandInfo {
        name: "q!",
        usage: ":q!",
        desc: "quit now; the draft stays saved",
        writes: false,
    },
];

/// Complete the first word: the single command it starts, or the common prefix.
pub fn complete(line: &str, read_only: bool) -> Option<String> {
    if line.contains(' ') {
        let (head, rest) = line.split_once(' ')?;
        if head == "add" && !rest.contains(' ') {
            let opts: Vec<&str> = ["member", "group"]
                .into_iter()
                .filter(|o| o.starts_with(rest))
                .collect();
            return (opts.len() == 1).then(|| format!("add {} ", opts[0]));
        }
        return None;
    }
    let hits: Vec<&CommandInfo> = COMMANDS
        .iter()
        .filter(|c| c.name.starts_with(line) && !(read_only && c.writes))
        .collect();
    match hits.as_slice() {
        [one] => Some(format!("{} ", one.name)),
        _ => None,
    }
}

/// The value of `VALUE` / `k=v`: JSON when it parses, otherwise the text itself.
pub fn value_of(text: &str) -> Value {
    serde_json::from_str(text).unwrap_or_else(|_| Value::String(text.to_string()))
}

fn pairs(args: &[&str]) -> Result<Map<String, Value>, String> {
    let mut m = Map::new();
    for a in args {
        let (k, v) = a
            .split_once('=')
            .ok_or_else(|| format!("expected key=value, got {a}"))?;
        m.insert(k.to_string(), value_of(v));
    }
    Ok(m)
}

/// Run one command line (without the `:`). Err is shown under the command line.
pub fn run(state: &mut State, line: &str) -> Result<Vec<Effect>, String> {
    let line = line.trim();
    let (cmd, rest) = line.split_once(char::is_whitespace).unwrap_or((line, ""));
    let rest = rest.trim();
    let info = COMMANDS.iter().find(|c| c.name == cmd);
    match info {
        None => return Err(format!("unknown command :{cmd} (? lists them)")),
        Some(c) if c.writes && state.read_only => {
            return Err(format!(":{cmd} is disabled in read-only mode"));
        }
        Some(_) => {}
    }
    if state.editor.is_none() && !matches!(cmd, "q" | "q!") {
        return Err("open a channel first".into());
    }
    match cmd {
        "set" => {
            let (path, value) = rest
                .split_once(char::is_whitespace)
                .ok_or("usage: :set PATH VALUE")?;
            let value = value_of(value.trim());
            let fx = draft::change(state, |d| {
                let p = crate::path::parse(path).map_err(|e| e.to_string())?;
                p.set(d, value).map_err(|e| e.to_string())
            })?;
            show(state, path);
            Ok(fx)
        }
        "unset" | "del" => {
            if rest.is_empty() {
                return Err(format!("usage: :{cmd} PATH"));
            }
            let fx = draft::change(state, |d| {
                let p = crate::path::parse(rest).map_err(|e| e.to_string())?;
                p.unset(d).map(drop).map_err(|e| e.to_string())
            })?;
            state.info(format!("removed {rest} (u undoes)"));
            Ok(fx)
        }
        "add" => {
            let mut words = rest.split_whitespace();
            let what = words.next().unwrap_or("");
            let args: Vec<&str> = words.collect();
            let given = pairs(&args)?;
            let kind = match what {
                "member" => RowKind::Members,
                "group" => RowKind::Groups,
                _ => return Err("usage: :add member|group k=v …".into()),
            };
            let key = kind.key();
            let mut added = 0;
            let fx = draft::change(state, |d| {
                let mut item = kind.new_row(d, None);
                if let Some(obj) = item.as_object_mut() {
                    obj.extend(given);
                }
                let list = d
                    .as_object_mut()
                    .ok_or("the draft is not an object")?
                    .entry(key)
                    .or_insert_with(|| Value::Array(Vec::new()));
                let arr = list.as_array_mut().ok_or(format!("{key} is not a list"))?;
                arr.push(item);
                added = arr.len() - 1;
                Ok(())
            })?;
            show(state, &format!("{key}[{added}]"));
            if let Some(ed) = state.editor.as_mut() {
                ed.pane = kind.pane();
            }
            Ok(fx)
        }
        "w" => Ok(super::review::open(state)),
        "q" => Ok(super::intents::quit(state)),
        "q!" => Ok(super::intents::quit_saving(state)),
        _ => Err(format!("unknown command :{cmd}")),
    }
}

/// After a command changed `path`, show it and say whether it is valid.
fn show(state: &mut State, path: &str) {
    let Some(ed) = state.editor.as_mut() else {
        return;
    };
    let idx = resolve(path, &ed.draft);
    super::navigate::jump_to(ed, &idx);
    let msg = ed
        .problems
        .iter()
        .find(|p| p.path == idx || p.path.starts_with(&format!("{idx}.")))
        .map(|p| format!("{}: {}", p.path, p.message));
    match msg {
        Some(m) => state.error(m),
        None => state.info(format!("set {path}")),
    }
}

/// `members[host=1.2.3.4].weight` -> `members[3].weight` for jumping; other paths as given.
fn resolve(path: &str, draft: &Value) -> String {
    let Some(open) = path.find('[') else {
        return path.to_string();
    };
    let Some(close) = path[open..].find(']').map(|c| c + open) else {
        return path.to_string();
    };
    let inner = &path[open + 1..close];
    let Some((k, v)) = inner.split_once('=') else {
        return path.to_string();
    };
    let list = &path[..open];
    let at = draft[list].as_array().and_then(|a| {
        a.iter().position(|item| match &item[k] {
            Value::String(s) => s == v,
            other => v.parse::<Value>().ok().as_ref() == Some(other),
        })
    });
    match at {
        Some(i) => format!("{list}[{i}]{}", &path[close + 1..]),
        None => path.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn values_are_json_when_they_parse() {
        assert_eq!(value_of("5"), json!(5));
        assert_eq!(value_of("true"), json!(true));
        assert_eq!(value_of("/health"), json!("/health"));
        assert_eq!(value_of("\"5\""), json!("5"));
    }

    #[test]
    fn completion_finds_the_one_command() {
        assert_eq!(complete("un", false).as_deref(), Some("unset "));
        assert_eq!(complete("se", true), None, "read-only hides :set");
        assert_eq!(complete("add m", false).as_deref(), Some("add member "));
    }

    #[test]
    fn selectors_resolve_to_indices_for_jumping() {
        let d = json!({"members": [{"host": "a"}, {"host": "b"}]});
        assert_eq!(resolve("members[host=b].weight", &d), "members[1].weight");
    }
}
