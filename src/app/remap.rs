//! `[keys]` applied to the key table. A setting replaces all the keys of one action. The map
//! is refused as a whole when a setting names no action, a key does not read, or a remapped
//! key would be taken twice where both actions apply: in one scope, or in the stack the
//! editor looks up (a table or form, then the editor, then everywhere). The table itself
//! shadows on purpose (Esc closes a form before it leaves the editor), so only a clash that
//! involves a setting counts, and its line is the one reported.

use std::borrow::Cow;

use super::keymap::{BINDINGS, Binding, K, KeyMap, Scope, format_key, normal, parse_key};
use crate::config::keys::KeySetting;
use crossterm::event::{KeyCode, KeyModifiers};

/// Why `[keys]` cannot be used, and the line of config.toml that says so.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KeyMapError {
    pub line: usize,
    pub reason: String,
}

/// Scopes that are looked up together (most specific first); every other scope stands alone.
const STACKS: &[&[Scope]] = &[
    &[Scope::List, Scope::Global],
    &[Scope::Table, Scope::Editor, Scope::Global],
    &[Scope::Form, Scope::Editor, Scope::Global],
];

impl KeyMap {
    /// The table with `settings` applied, or every reason it cannot be, in line order.
    pub fn remap(settings: &[KeySetting]) -> Result<KeyMap, Vec<KeyMapError>> {
        let mut map = KeyMap::default();
        let mut errors = Vec::new();
        // Which line set each binding's keys, to name it in a clash.
        let mut set_at: Vec<Option<usize>> = vec![None; map.bindings.len()];
        for s in settings {
            let err = |reason: String| KeyMapError {
                line: s.line,
                reason: format!("{}: {reason}", crate::sanitize::line(&s.action)),
            };
            let Some(i) = map
                .bindings
                .iter()
                .position(|b| b.action_name() == s.action)
            else {
                errors.push(err(
                    "no such action (`chanedit keys` lists them with their keys)".into(),
                ));
                continue;
            };
            if let Some(first) = set_at[i] {
                errors.push(err(format!("set twice (also on line {first})")));
                continue;
            }
            match parse_keys(&s.keys, map.bindings[i].scope) {
                Ok(keys) => {
                    set_at[i] = Some(s.line);
                    rebind(&mut map.bindings[i], keys);
                }
                Err(reason) => errors.push(err(reason)),
            }
        }
        errors.extend(clashes(&map.bindings, &set_at));
        if errors.is_empty() {
            Ok(map)
        } else {
            errors.sort_by_key(|e| e.line);
            Err(errors)
        }
    }
}

fn parse_keys(written: &[String], scope: Scope) -> Result<Vec<K>, String> {
    if written.is_empty() {
        return Err("needs at least one key".into());
    }
    let mut keys = Vec::new();
    for w in written {
        let k = parse_key(w)?;
        if scope.takes_text() && k.1 == KeyModifiers::NONE && matches!(k.0, KeyCode::Char(_)) {
            return Err(format!(
                "{:?} would be typed as text there; bind a named key or C-x",
                crate::sanitize::line(w)
            ));
        }
        if !keys.contains(&k) {
            keys.push(k);
        }
    }
    Ok(keys)
}

fn rebind(b: &mut Binding, keys: Vec<K>) {
    let label: Vec<String> = keys.iter().map(format_key).collect();
    b.label = Cow::Owned(label.join("/"));
    b.keys = Cow::Owned(keys);
}

/// The same key to the user, as lookups compare them.
fn same(a: &K, b: &K) -> bool {
    normal(a.0, a.1) == normal(b.0, b.1)
}

fn clashes(bindings: &[Binding], set_at: &[Option<usize>]) -> Vec<KeyMapError> {
    let mut seen: Vec<(usize, usize)> = Vec::new();
    let mut out = Vec::new();
    let alone: Vec<[Scope; 1]> = Scope::ALL
        .iter()
        .filter(|s| !STACKS.iter().any(|st| st.contains(s)))
        .map(|s| [*s])
        .collect();
    let groups = STACKS.iter().copied().chain(alone.iter().map(|a| &a[..]));
    for group in groups {
        let idx: Vec<usize> = (0..bindings.len())
            .filter(|i| group.contains(&bindings[*i].scope))
            .collect();
        for (n, &i) in idx.iter().enumerate() {
            for &j in &idx[n + 1..] {
                if seen.contains(&(i, j)) || (set_at[i].is_none() && set_at[j].is_none()) {
                    continue;
                }
                // A key the two shared in the table already is its layering, not a clash:
                // the whole of `chanedit keys` pasted into [keys] reads back as it was.
                let table = (BINDINGS.get(i), BINDINGS.get(j));
                let Some(k) = bindings[i].keys.iter().find(|k| {
                    bindings[j].keys.iter().any(|o| same(k, o))
                        && !matches!(table, (Some(x), Some(y))
                            if x.keys.iter().any(|t| same(t, k)) && y.keys.iter().any(|t| same(t, k)))
                }) else {
                    continue;
                };
                seen.push((i, j));
                let line = set_at[i].max(set_at[j]).unwrap_or(0);
                out.push(KeyMapError {
                    line,
                    reason: format!(
                        "{} is the key of both {} and {} ({})",
                        format_key(k),
                        bindings[i].action_name(),
                        bindings[j].action_name(),
                        where_(group, bindings[i].scope, bindings[j].scope),
                    ),
                });
            }
        }
    }
    out
}

/// Where the two meet: one scope, or the more specific one of `group` hiding the other.
fn where_(group: &[Scope], a: Scope, b: Scope) -> String {
    let at = |s: Scope| group.iter().position(|g| *g == s);
    match (a == b, at(a) < at(b)) {
        (true, _) => format!("both in {}", a.title()),
        (false, true) => format!("{} would hide {} there", a.title(), b.title()),
        (false, false) => format!("{} would hide {} there", b.title(), a.title()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn set(action: &str, keys: &[&str], line: usize) -> KeySetting {
        KeySetting {
            action: action.into(),
            keys: keys.iter().map(|k| k.to_string()).collect(),
            line,
        }
    }

    #[test]
    fn the_default_table_has_no_clash_within_a_scope() {
        let b = KeyMap::default().bindings;
        for (i, x) in b.iter().enumerate() {
            for y in &b[i + 1..] {
                let shared =
                    x.scope == y.scope && x.keys.iter().any(|k| y.keys.iter().any(|o| same(k, o)));
                assert!(!shared, "{} and {}", x.action_name(), y.action_name());
            }
        }
    }

    #[test]
    fn a_remapped_action_answers_its_new_key_only() {
        let map = KeyMap::remap(&[set("editor.review", &["C-s", "F2"], 3)]).unwrap();
        let ev = |c, m| crossterm::event::KeyEvent::new(c, m);
        let scopes = [Scope::Form, Scope::Editor, Scope::Global];
        let cs = ev(KeyCode::Char('s'), KeyModifiers::CONTROL);
        assert_eq!(
            map.lookup(&scopes, false, &cs),
            Some(super::super::keymap::Cmd::OpenReview)
        );
        let w = ev(KeyCode::Char('w'), KeyModifiers::NONE);
        assert_eq!(map.lookup(&scopes, false, &w), None);
        let b = map
            .bindings()
            .iter()
            .find(|b| b.action_name() == "editor.review")
            .unwrap();
        assert_eq!(b.label, "C-s/F2");
    }

    #[test]
    fn a_remapped_shift_tab_matches_with_or_without_shift() {
        let map = KeyMap::remap(&[
            set("editor.next_pane", &["S-Tab"], 2),
            set("editor.prev_pane", &["Tab"], 3),
        ])
        .unwrap();
        let scopes = [Scope::Form, Scope::Editor, Scope::Global];
        for m in [KeyModifiers::NONE, KeyModifiers::SHIFT] {
            let ev = crossterm::event::KeyEvent::new(KeyCode::BackTab, m);
            assert_eq!(
                map.lookup(&scopes, false, &ev),
                Some(super::super::keymap::Cmd::NextPane)
            );
        }
    }

    #[test]
    fn clashes_unknown_names_and_bad_keys_name_their_line() {
        let errs = KeyMap::remap(&[
            set("editor.review", &["u"], 2),
            set("editor.reveiw", &["x"], 3),
            set("table.add", &["Alt-a"], 4),
            set("global.quit", &["d"], 5),
            set("typing.accept", &["x"], 6),
            set("editor.review", &["v"], 7),
        ])
        .unwrap_err();
        let lines: Vec<usize> = errs.iter().map(|e| e.line).collect();
        assert_eq!(lines, vec![2, 3, 4, 5, 6, 7], "{errs:?}");
        assert!(errs[0].reason.contains("editor.undo"), "{errs:?}");
        assert!(errs[1].reason.contains("no such action"), "{errs:?}");
        assert!(errs[2].reason.contains("Alt"), "{errs:?}");
        // `d` deletes in a table, which is looked up before "everywhere".
        assert!(errs[3].reason.contains("table.delete"), "{errs:?}");
        assert!(
            errs[3]
                .reason
                .contains("Groups and Members tables would hide Everywhere"),
            "{errs:?}"
        );
        assert!(errs[4].reason.contains("typed as text"), "{errs:?}");
        assert!(errs[5].reason.contains("set twice"), "{errs:?}");
    }
}
