//! Tab on the `:` line: complete the word before the cursor. The first word is a command;
//! after it, what the command takes: path steps and field names (`:set`, `:unset`, `:del`),
//! `k=` names and their values (`:add`), group names (`:group`, `group=`), member addresses
//! (`:goto`, `host=`). Several candidates: the first Tab puts their common start on the line
//! and lists them; each further Tab puts the next one on the line.

use serde_json::Value;

use super::command::COMMANDS;
use crate::validate::{field_names, is_list_field};

/// At most this many candidates are listed; addresses are matched by prefix, so a Tab stays
/// cheap at 10,000 members.
pub const MAX_CANDIDATES: usize = 50;

/// A completion in progress on the command line.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Completion {
    pub candidates: Vec<String>,
    /// The candidate on the line now, once Tab has cycled.
    pub current: Option<usize>,
    /// The line up to the completed word, and after the cursor.
    head: String,
    tail: String,
    /// The line as the last Tab left it: any other text starts a new completion.
    left: String,
}

impl Completion {
    /// The candidates as the hint line lists them: without the start they all share up to
    /// its last path step (`timeout`, not `vpc_health_config.timeout`); addresses whole.
    pub fn labels(&self) -> Vec<&str> {
        if self.candidates.is_empty() {
            return Vec::new();
        }
        let common = common_prefix(&self.candidates);
        // A dot after a digit is inside an address (`10.0.0.1`), not a path step.
        let mut cut = 0;
        let mut prev = ' ';
        for (i, c) in common.char_indices() {
            let step = c == '[' || c == '=' || (c == '.' && !prev.is_ascii_digit());
            if step {
                cut = i + 1;
            }
            prev = c;
        }
        self.candidates.iter().map(|c| &c[cut..]).collect()
    }
}

/// What a Tab does to `line` with the cursor at char `cursor`: the new line, the cursor
/// (chars) on it, and the completion to keep for the next Tab (None when nothing is left to
/// choose). `prev` is the completion the last Tab left, if any.
pub fn tab(
    line: &str,
    cursor: usize,
    prev: Option<&Completion>,
    draft: Option<&Value>,
    read_only: bool,
) -> Option<(String, usize, Option<Completion>)> {
    if let Some(p) = prev.filter(|p| p.left == line && !p.candidates.is_empty()) {
        let next = p.current.map_or(0, |i| (i + 1) % p.candidates.len());
        let word = &p.candidates[next];
        let new = format!("{}{word}{}", p.head, p.tail);
        let at = p.head.chars().count() + word.chars().count();
        let mut c = p.clone();
        c.current = Some(next);
        c.left = new.clone();
        return Some((new, at, Some(c)));
    }
    let split = line
        .char_indices()
        .nth(cursor)
        .map_or(line.len(), |(i, _)| i);
    let (before, tail) = line.split_at(split);
    let start = before.rfind(char::is_whitespace).map_or(0, |i| i + 1);
    let (head, word) = before.split_at(start);
    let words: Vec<&str> = head.split_whitespace().collect();
    let mut cands = candidates(&words, word, draft, read_only);
    cands.truncate(MAX_CANDIDATES);
    let put = |w: &str| {
        let new = format!("{head}{w}{tail}");
        let at = head.chars().count() + w.chars().count();
        (new, at)
    };
    match cands.as_slice() {
        [] => None,
        [one] => {
            let done = if one.ends_with(['.', '[', ']', '=']) || tail.starts_with(' ') {
                one.clone()
            } else {
                format!("{one} ")
            };
            let (new, at) = put(&done);
            Some((new, at, None))
        }
        many => {
            let common = common_prefix(many);
            let w = if common.len() > word.len() {
                common
            } else {
                word
            };
            let (new, at) = put(w);
            let c = Completion {
                candidates: many.to_vec(),
                current: None,
                head: head.to_string(),
                tail: tail.to_string(),
                left: new.clone(),
            };
            Some((new, at, Some(c)))
        }
    }
}

fn common_prefix(all: &[String]) -> &str {
    let first = all[0].as_str();
    let mut end = first.len();
    for s in &all[1..] {
        end = first
            .char_indices()
            .zip(s.chars())
            .find(|((_, a), b)| a != b)
            .map_or(end.min(s.len()), |((i, _), _)| i.min(end));
    }
    &first[..end]
}

/// The whole words that may replace `word`, given the words before it.
fn candidates(words: &[&str], word: &str, draft: Option<&Value>, read_only: bool) -> Vec<String> {
    let Some(cmd) = words.first() else {
        return COMMANDS
            .iter()
            .filter(|c| c.name.starts_with(word) && !(read_only && c.writes))
            .map(|c| c.name.to_string())
            .collect();
    };
    let Some(draft) = draft else {
        return Vec::new();
    };
    match (*cmd, words.len()) {
        ("add", 1) => ["member", "group"]
            .iter()
            .filter(|o| o.starts_with(word))
            .map(|o| o.to_string())
            .collect(),
        ("add", _) => pair(words[1], word, draft),
        ("set" | "unset" | "del", 1) => path(word, draft),
        ("set", 2) => {
            let key = words[1].rsplit(['.', '[']).next().unwrap_or("");
            value(key, word, draft)
        }
        ("goto", 1) => addresses(draft, word),
        ("group", 1) => groups(draft, word),
        _ => Vec::new(),
    }
}

/// `k=v` of `:add member|group`: the names the object has, then the value of the name.
fn pair(what: &str, word: &str, draft: &Value) -> Vec<String> {
    if let Some((k, v)) = word.split_once('=') {
        return value(k, v, draft)
            .into_iter()
            .map(|v| format!("{k}={v}"))
            .collect();
    }
    let list = match what {
        "member" => "members",
        "group" => "member_groups",
        _ => return Vec::new(),
    };
    let names = field_names(&[list]).unwrap_or(&[]);
    let short = (what == "member").then_some("group");
    names
        .iter()
        .copied()
        .chain(short)
        .filter(|n| n.starts_with(word))
        .map(|n| format!("{n}="))
        .collect()
}

/// Values of a field that the channel itself knows: its groups, its members' addresses.
fn value(key: &str, word: &str, draft: &Value) -> Vec<String> {
    match key {
        "member_group_name" | "group" => groups(draft, word),
        "host" | "ecs_id" => addresses(draft, word),
        _ => Vec::new(),
    }
}

fn groups(draft: &Value, word: &str) -> Vec<String> {
    draft["member_groups"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|g| g["member_group_name"].as_str())
        .filter(|n| n.starts_with(word) && !n.contains(char::is_whitespace))
        .map(crate::sanitize::line)
        .collect()
}

/// The members' addresses (host, or ECS id) that start with `word`, each once.
fn addresses(draft: &Value, word: &str) -> Vec<String> {
    let field = crate::model::address_field(crate::model::is_ecs(draft));
    let mut seen = std::collections::HashSet::new();
    let mut out = Vec::new();
    for m in draft["members"].as_array().into_iter().flatten() {
        let Some(a) = m[field].as_str() else {
            continue;
        };
        if a.starts_with(word) && !a.contains(char::is_whitespace) && seen.insert(a) {
            out.push(crate::sanitize::line(a));
            if out.len() == MAX_CANDIDATES {
                break;
            }
        }
    }
    out
}

/// A path being typed: the next field name after a `.`, a selector inside `[`, or a
/// top-level field.
fn path(word: &str, draft: &Value) -> Vec<String> {
    let open = word.rfind('[');
    if let Some(o) = open.filter(|o| !word[*o..].contains(']')) {
        let (before, sel) = (&word[..=o], &word[o + 1..]);
        let list = keys(&word[..o]);
        if let Some((k, v)) = sel.split_once('=') {
            return value(k, v, draft)
                .into_iter()
                .map(|v| format!("{before}{k}={v}]"))
                .collect();
        }
        let names = field_names(&list).unwrap_or(&[]);
        return std::iter::once("*]")
            .chain(names.iter().copied().filter(|n| !is_list_field(n)))
            .filter(|n| n.starts_with(sel))
            .map(|n| {
                if n == "*]" {
                    format!("{before}{n}")
                } else {
                    format!("{before}{n}=")
                }
            })
            .collect();
    }
    let (parent, part) = match word.rfind('.') {
        Some(d) => (&word[..d], &word[d + 1..]),
        None if word.ends_with(']') => return vec![format!("{word}.")],
        None => ("", word),
    };
    let Some(names) = field_names(&keys(parent)) else {
        return Vec::new();
    };
    names
        .iter()
        .filter(|n| n.starts_with(part))
        .map(|n| {
            let mut keys = keys(parent);
            keys.push(n);
            let suffix = if is_list_field(n) {
                "["
            } else if field_names(&keys).is_some() {
                "."
            } else {
                ""
            };
            if parent.is_empty() {
                format!("{n}{suffix}")
            } else {
                format!("{parent}.{n}{suffix}")
            }
        })
        .collect()
}

/// The keys of a path, selectors left out: `members[host=a].x` -> `["members", "x"]`.
fn keys(path: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut depth = 0usize;
    let mut start = 0;
    for (i, c) in path.char_indices() {
        match c {
            '[' => {
                if depth == 0 && start < i {
                    out.push(&path[start..i]);
                }
                depth += 1;
            }
            ']' => {
                depth = depth.saturating_sub(1);
                start = i + 1;
            }
            '.' if depth == 0 => {
                if start < i {
                    out.push(&path[start..i]);
                }
                start = i + 1;
            }
            _ => {}
        }
    }
    if depth == 0 && start < path.len() {
        out.push(&path[start..]);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_leave_selectors_out() {
        assert_eq!(keys("members[host=a.b].x"), ["members", "x"]);
        assert_eq!(
            keys("microservice_info.cce_info"),
            ["microservice_info", "cce_info"]
        );
        assert!(keys("").is_empty());
    }

    #[test]
    fn labels_drop_the_shared_path_but_keep_addresses_whole() {
        let c = |v: &[&str]| Completion {
            candidates: v.iter().map(|s| s.to_string()).collect(),
            ..Completion::default()
        };
        let path = c(&[
            "vpc_health_config.timeout",
            "vpc_health_config.time_interval",
        ]);
        assert_eq!(path.labels(), ["timeout", "time_interval"]);
        let hosts = c(&["10.0.0.11", "10.0.0.12"]);
        assert_eq!(hosts.labels(), ["10.0.0.11", "10.0.0.12"]);
        let sel = c(&["members[host=10.0.0.11]", "members[host=10.0.0.12]"]);
        assert_eq!(sel.labels(), ["10.0.0.11]", "10.0.0.12]"]);
    }

    #[test]
    fn common_prefix_of_several() {
        let v = vec![
            "member_groups[".to_string(),
            "members[".into(),
            "member_type".into(),
        ];
        assert_eq!(common_prefix(&v), "member");
    }
}
