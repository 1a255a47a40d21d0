//! The `:` command line: `:set PATH VALUE`, `:unset PATH`, `:add member k=v …`,
//! `:add group k=v …`, `:del PATH`, `:w`, `:q`, `:q!`. VALUE is JSON when it parses as
//! JSON, else a string.

use serde_json::{Map, Value};

use super::draft;
use super::effects::Effect;
use super::rows::RowKind;
use super::state::State;
use crate::validate::{ObjectKind, check_field_name};

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
        desc: "add a member or a group (group= is short for member_group_name=)",
        writes: true,
    },
    CommandInfo {
        name: "del",
        usage: ":del PATH",
        desc: "delete a member, group or field",
        writes: true,
    },
    CommandInfo {
        name: "weight",
        usage: ":weight N",
        desc: "set the weight of the marked rows, or the selected one",
        writes: true,
    },
    CommandInfo {
        name: "group",
        usage: ":group NAME",
        desc: "move the marked members, or the selected one, to a group",
        writes: true,
    },
    CommandInfo {
        name: "goto",
        usage: ":goto HOST[:PORT]",
        desc: "jump to the member with that address (host or ECS id)",
        writes: false,
    },
    CommandInfo {
        name: "find",
        usage: ":find HOST[:PORT]",
        desc: "every channel of the project where that backend is a member",
        writes: false,
    },
    CommandInfo {
        name: "messages",
        usage: ":messages",
        desc: "the recent messages in full, with time and channel",
        writes: false,
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

/// The value of `VALUE` / `k=v`: JSON when it parses, otherwise the text itself.
pub fn value_of(text: &str) -> Value {
    serde_json::from_str(text).unwrap_or_else(|_| Value::String(text.to_string()))
}

/// `k=v` pairs of `:add`, checked against the fields the object has (`group=` is short for
/// `member_group_name=`).
fn pairs(kind: RowKind, args: &[&str]) -> Result<Map<String, Value>, String> {
    let object = match kind {
        RowKind::Members => ObjectKind::Member,
        RowKind::Groups => ObjectKind::Group,
    };
    let mut m = Map::new();
    for a in args {
        let (k, v) = a
            .split_once('=')
            .ok_or_else(|| format!("expected key=value, got {a}"))?;
        let k = if k == "group" { "member_group_name" } else { k };
        check_field_name(object, k)?;
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
    if state.editor.is_none() && !matches!(cmd, "q" | "q!" | "messages" | "find") {
        return Err("open a channel first".into());
    }
    match cmd {
        "set" => {
            let (path, value) = rest
                .split_once(char::is_whitespace)
                .ok_or("usage: :set PATH VALUE")?;
            let value = value_of(value.trim());
            let one = match state.editor.as_ref() {
                Some(ed) => expand(path, &ed.draft)
                    .ok()
                    .filter(|t| t.len() == 1)
                    .and_then(|mut t| t.pop()),
                None => None,
            };
            if let Some(target) = one
                && let Some(fx) = draft::change_one(state, &target, value.clone())?
            {
                show(state, path, &[target]);
                return Ok(fx);
            }
            let mut targets = Vec::new();
            let fx = draft::change(state, |d| {
                targets = expand(path, d)?;
                for t in &targets {
                    t.set(d, value.clone()).map_err(|e| e.to_string())?;
                }
                Ok(())
            })?;
            show(state, path, &targets);
            Ok(fx)
        }
        "unset" | "del" => {
            if rest.is_empty() {
                return Err(format!("usage: :{cmd} PATH"));
            }
            let mut n = 0;
            let fx = draft::change(state, |d| {
                let targets = expand(rest, d)?;
                n = targets.len();
                // Last first, so that removing an element leaves the others' indices valid.
                for t in targets.iter().rev() {
                    t.unset(d).map_err(|e| e.to_string())?;
                }
                Ok(())
            })?;
            let what = if n == 1 {
                crate::sanitize::line(rest)
            } else {
                format!("{n} fields ({})", crate::sanitize::line(rest))
            };
            state.info(format!("removed {what} (u undoes)"));
            Ok(fx)
        }
        "add" => {
            let mut words = rest.split_whitespace();
            let what = words.next().unwrap_or("");
            let args: Vec<&str> = words.collect();
            let kind = match what {
                "member" => RowKind::Members,
                "group" => RowKind::Groups,
                _ => return Err("usage: :add member|group k=v …".into()),
            };
            let given = pairs(kind, &args)?;
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
            let at = crate::path::Path::root().key(key).index(added);
            show(state, &at.to_string(), &[at]);
            if let Some(ed) = state.editor.as_mut() {
                ed.pane = kind.pane();
            }
            Ok(fx)
        }
        "weight" => {
            let w: i64 = rest
                .parse()
                .map_err(|_| format!("usage: :weight N (a whole number), got {rest}"))?;
            let kind = table_here(state)?;
            let key = match kind {
                RowKind::Members => "weight",
                RowKind::Groups => "member_group_weight",
            };
            Ok(super::rows::bulk(state, kind, "Weight set", |row| {
                row.insert(key.into(), Value::from(w));
            }))
        }
        "group" => {
            if table_here(state)? != RowKind::Members {
                return Err(":group moves members: use it in the Members pane".into());
            }
            let known = state.editor.as_ref().is_some_and(|ed| {
                ed.rows(RowKind::Groups)
                    .iter()
                    .any(|g| g["member_group_name"] == rest)
            });
            if !known {
                return Err(format!(
                    "no group {} in this channel",
                    crate::sanitize::line(rest)
                ));
            }
            let name = rest.to_string();
            Ok(super::rows::bulk(state, RowKind::Members, "Moved", |row| {
                row.insert("member_group_name".into(), Value::from(name.clone()));
            }))
        }
        "find" => super::popups::find_start(state, rest),
        "goto" => {
            let ed = state.editor.as_mut().ok_or("open a channel first")?;
            let (host, port) = match rest.rsplit_once(':') {
                Some((h, p)) if !h.contains(':') && p.parse::<i64>().is_ok() => {
                    (h, p.parse::<i64>().ok())
                }
                _ => (rest, None),
            };
            let ecs = crate::model::is_ecs(&ed.draft);
            let channel_port = ed.draft["port"].as_i64();
            let at = ed.rows(RowKind::Members).iter().position(|m| {
                let addr = m[crate::model::address_field(ecs)].as_str() == Some(host)
                    || m["host"].as_str() == Some(host);
                let effective = match m["port"].as_i64() {
                    Some(p) if p != 0 => Some(p),
                    _ => channel_port,
                };
                addr && port.is_none_or(|p| effective == Some(p))
            });
            let Some(i) = at else {
                return Err(format!(
                    "no member {} in this channel",
                    crate::sanitize::line(rest)
                ));
            };
            super::navigate::jump_to(ed, &format!("members[{i}]"));
            ed.members.form = None;
            state.info(format!("member {} of {}", i + 1, ed_total(state)));
            Ok(Vec::new())
        }
        "messages" => {
            state.popup = Some(super::state::Popup::Messages { scroll: 0 });
            Ok(Vec::new())
        }
        "w" => Ok(super::review::open(state)),
        "q" => Ok(super::intents::quit(state)),
        "q!" => Ok(super::intents::quit_saving(state)),
        _ => Err(format!("unknown command :{cmd}")),
    }
}

fn ed_total(state: &State) -> usize {
    state.editor.as_ref().map_or(0, |e| e.member_total())
}

/// The table of the pane on screen, for the bulk commands.
fn table_here(state: &State) -> Result<RowKind, String> {
    state
        .editor
        .as_ref()
        .and_then(|ed| RowKind::of(ed.pane))
        .ok_or_else(|| "open the Members or Groups pane first".to_string())
}

/// The index-form paths `path` names in the draft (several with a `[*]` step).
fn expand(path: &str, draft: &Value) -> Result<Vec<crate::path::Path>, String> {
    let p = crate::path::parse(path).map_err(|e| e.to_string())?;
    p.expand(draft).map_err(|e| e.to_string())
}

/// After a command changed `targets`, show the first and say whether the change is valid.
fn show(state: &mut State, path: &str, targets: &[crate::path::Path]) {
    let Some(ed) = state.editor.as_mut() else {
        return;
    };
    let Some(first) = targets.first().map(ToString::to_string) else {
        return;
    };
    super::navigate::jump_to(ed, &first);
    let inside = |p: &str| {
        targets.iter().any(|t| {
            let t = t.to_string();
            p == t || p.starts_with(&format!("{t}."))
        })
    };
    let msg = ed
        .problems
        .iter()
        .find(|p| inside(&p.path))
        .map(|p| format!("{}: {}", p.path, p.message));
    let path = crate::sanitize::line(path);
    match msg {
        Some(m) => state.error(m),
        None if targets.len() > 1 => state.info(format!("set {} fields ({path})", targets.len())),
        None => state.info(format!("set {path}")),
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
    fn every_step_names_each_match() {
        let d = json!({"members": [{"host": "a", "g": 1}, {"host": "b", "g": 2}, {"host": "c", "g": 1}]});
        let all: Vec<String> = expand("members[g=1][*].weight", &d)
            .unwrap()
            .iter()
            .map(ToString::to_string)
            .collect();
        assert_eq!(all, ["members[0].weight", "members[2].weight"]);
        assert!(
            expand("members[g=1].weight", &d).is_err(),
            "several without [*]"
        );
        assert_eq!(expand("members[*].host", &d).unwrap().len(), 3);
    }
}
