//! Names for `[keys]` in config.toml and `chanedit keys`: a stable name for each action
//! (`scope.command`, e.g. `editor.review`) and a written form of each key (`W`, `C-r`,
//! `S-Tab`, `PgDn`) that reads back as the same key.

use crossterm::event::{KeyCode, KeyModifiers};

use super::keymap::{Binding, Cmd, K, Scope};

impl Scope {
    /// The first half of an action's name in `[keys]`.
    pub fn key_name(self) -> &'static str {
        match self {
            Scope::Global => "global",
            Scope::List => "list",
            Scope::Editor => "editor",
            Scope::Table => "table",
            Scope::Form => "form",
            Scope::Typing => "typing",
            Scope::Review => "review",
            Scope::ReviewName => "review_name",
            Scope::ServerChanged => "server_changed",
            Scope::ServerClash => "server_clash",
            Scope::Waiting => "waiting",
            Scope::Confirm => "confirm",
            Scope::HelpPage => "help",
            Scope::ProblemList => "problems",
            Scope::CommandEntry => "command_line",
            Scope::JsonError => "json_error",
            Scope::MessageLog => "messages",
            Scope::DraftHeld => "draft_held",
            Scope::HistoryList => "history",
            Scope::Yanking => "yank",
            Scope::Picker => "picker",
            Scope::FoundList => "found",
            Scope::DrainReview => "drain_review",
            Scope::DrainTyped => "drain_typed",
            Scope::DrainDone => "drain_done",
        }
    }

    /// Scopes where the user types text: a plain character bound there could not be typed.
    pub fn takes_text(self) -> bool {
        matches!(
            self,
            Scope::Typing
                | Scope::ReviewName
                | Scope::CommandEntry
                | Scope::Picker
                | Scope::DrainTyped
        )
    }
}

impl Cmd {
    /// The second half of an action's name in `[keys]`.
    pub fn key_name(self) -> &'static str {
        match self {
            Cmd::Help => "help",
            Cmd::Quit => "quit",
            Cmd::NextPane => "next_pane",
            Cmd::PrevPane => "prev_pane",
            Cmd::Pane(0) => "pane1",
            Cmd::Pane(1) => "pane2",
            Cmd::Pane(2) => "pane3",
            Cmd::Pane(3) => "pane4",
            Cmd::Pane(_) => "pane5",
            Cmd::Up => "up",
            Cmd::Down => "down",
            Cmd::PageUp => "page_up",
            Cmd::PageDown => "page_down",
            Cmd::Top => "top",
            Cmd::Bottom => "bottom",
            Cmd::Open => "open",
            Cmd::EditField => "edit_field",
            Cmd::ChoicePrev => "choice_prev",
            Cmd::ChoiceNext => "choice_next",
            Cmd::Back => "back",
            Cmd::Add => "add",
            Cmd::Delete => "delete",
            Cmd::Undo => "undo",
            Cmd::Redo => "redo",
            Cmd::Filter => "filter",
            Cmd::CommandLine => "command_line",
            Cmd::OpenReview => "review",
            Cmd::Send => "send",
            Cmd::ToggleRaw => "toggle_raw",
            Cmd::Reload => "reload",
            Cmd::EditJson => "edit_json",
            Cmd::Problems => "problems",
            Cmd::Yes => "yes",
            Cmd::No => "no",
            Cmd::Accept => "accept",
            Cmd::Complete => "complete",
            Cmd::Rebase => "rebase",
            Cmd::ReadOnly => "read_only",
            Cmd::TakeOver => "take_over",
            Cmd::Refresh => "refresh",
            Cmd::ToggleFull => "toggle_full",
            Cmd::History => "history",
            Cmd::Revert => "revert",
            Cmd::Mark => "mark",
            Cmd::MarkRange => "mark_range",
            Cmd::MarkAll => "mark_all",
            Cmd::SetWeight => "set_weight",
            Cmd::Enable => "enable",
            Cmd::Disable => "disable",
            Cmd::ToggleBackup => "toggle_backup",
            Cmd::MoveToGroup => "move_to_group",
            Cmd::Yank => "yank",
            Cmd::YankHost => "host",
            Cmd::YankId => "id",
            Cmd::YankJson => "json",
            Cmd::YankDiff => "diff",
            Cmd::Find => "find",
            Cmd::NextMatch => "next_match",
            Cmd::PrevMatch => "prev_match",
            Cmd::Sort => "sort",
            Cmd::ReverseSort => "reverse_sort",
        }
    }
}

impl Binding {
    /// The action's name in `[keys]`: `editor.review`.
    pub fn action_name(&self) -> String {
        format!("{}.{}", self.scope.key_name(), self.cmd.key_name())
    }
}

/// Named keys, as written and as read (reading ignores case).
const NAMED: &[(&str, KeyCode)] = &[
    ("Enter", KeyCode::Enter),
    ("Esc", KeyCode::Esc),
    ("Tab", KeyCode::Tab),
    ("S-Tab", KeyCode::BackTab),
    ("Space", KeyCode::Char(' ')),
    ("Backspace", KeyCode::Backspace),
    ("Del", KeyCode::Delete),
    ("Ins", KeyCode::Insert),
    ("Home", KeyCode::Home),
    ("End", KeyCode::End),
    ("PgUp", KeyCode::PageUp),
    ("PgDn", KeyCode::PageDown),
    ("Up", KeyCode::Up),
    ("Down", KeyCode::Down),
    ("Left", KeyCode::Left),
    ("Right", KeyCode::Right),
];

/// Other spellings people write.
const ALIASES: &[(&str, KeyCode)] = &[
    ("Return", KeyCode::Enter),
    ("Escape", KeyCode::Esc),
    ("BackTab", KeyCode::BackTab),
    ("Delete", KeyCode::Delete),
    ("Insert", KeyCode::Insert),
    ("PageUp", KeyCode::PageUp),
    ("PageDown", KeyCode::PageDown),
];

/// A key as `[keys]` and `chanedit keys` write it.
pub fn format_key(k: &K) -> String {
    let base = match k.0 {
        KeyCode::Char(c) if c != ' ' => c.to_string(),
        KeyCode::F(n) => format!("F{n}"),
        code => NAMED
            .iter()
            .find(|(_, c)| *c == code)
            .map_or_else(|| format!("{code:?}"), |(n, _)| (*n).to_string()),
    };
    if k.1.contains(KeyModifiers::CONTROL) {
        format!("C-{base}")
    } else {
        base
    }
}

/// Read a key: one character (`W` is Shift-w), a name (`Enter`, `PgDn`, `F5`, `S-Tab`),
/// or `C-` / `Ctrl-` before either. Alt is refused: Esc typed quickly before a key arrives
/// as Alt+key, so the editor reads Alt as Esc.
pub fn parse_key(text: &str) -> Result<K, String> {
    let (ctrl, rest) = strip_ctrl(text);
    if rest.is_empty() {
        return Err(format!("{:?} names no key", crate::sanitize::line(text)));
    }
    let lower = rest.to_ascii_lowercase();
    if lower.starts_with("a-") || lower.starts_with("alt-") || lower.starts_with("m-") {
        return Err(
            "Alt keys cannot be bound (Esc typed quickly before a key reads as Alt)".into(),
        );
    }
    let mut chars = rest.chars();
    let code = match (chars.next(), chars.next()) {
        (Some(c), None) if !c.is_control() => KeyCode::Char(c),
        _ => named(&lower).ok_or_else(|| {
            format!(
                "{:?} is not a key: write one character, C-x, or a name such as Enter, Esc, \
                 Tab, S-Tab, Space, PgUp, PgDn, Home, End, Up, Down, Left, Right, Del, F1..F12",
                crate::sanitize::line(text)
            )
        })?,
    };
    Ok(match code {
        // Terminals send Ctrl with the lowercase letter.
        KeyCode::Char(c) if ctrl => (KeyCode::Char(c.to_ascii_lowercase()), KeyModifiers::CONTROL),
        _ if ctrl => (code, KeyModifiers::CONTROL),
        _ => (code, KeyModifiers::NONE),
    })
}

fn strip_ctrl(text: &str) -> (bool, &str) {
    for p in ["C-", "c-", "Ctrl-", "ctrl-", "CTRL-", "Ctrl+", "ctrl+", "^"] {
        if let Some(rest) = text.strip_prefix(p)
            && !rest.is_empty()
        {
            return (true, rest);
        }
    }
    (false, text)
}

fn named(lower: &str) -> Option<KeyCode> {
    if let Some(n) = lower.strip_prefix('f')
        && let Ok(n) = n.parse::<u8>()
        && (1..=12).contains(&n)
    {
        return Some(KeyCode::F(n));
    }
    NAMED
        .iter()
        .chain(ALIASES)
        .find(|(n, _)| n.eq_ignore_ascii_case(lower))
        .map(|(_, c)| *c)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::keymap::BINDINGS;

    #[test]
    fn every_key_of_the_table_reads_back_as_itself() {
        for b in BINDINGS {
            for k in b.keys.iter() {
                let written = format_key(k);
                let read = parse_key(&written).unwrap();
                // S-Tab is stored with and without Shift; matching ignores Shift on it.
                assert_eq!(read.0, k.0, "{written}");
            }
        }
    }

    #[test]
    fn spellings() {
        let c = KeyModifiers::CONTROL;
        assert_eq!(
            parse_key("W").unwrap(),
            (KeyCode::Char('W'), KeyModifiers::NONE)
        );
        assert_eq!(parse_key("C-r").unwrap(), (KeyCode::Char('r'), c));
        assert_eq!(parse_key("Ctrl-r").unwrap(), (KeyCode::Char('r'), c));
        assert_eq!(parse_key("pgdn").unwrap().0, KeyCode::PageDown);
        assert_eq!(parse_key("F5").unwrap().0, KeyCode::F(5));
        assert_eq!(parse_key("space").unwrap().0, KeyCode::Char(' '));
        assert!(parse_key("Alt-x").unwrap_err().contains("Alt"));
        assert!(parse_key("Ctlr-x").unwrap_err().contains("not a key"));
        assert!(parse_key("").is_err());
        assert!(parse_key("F13").is_err());
    }

    #[test]
    fn action_names_are_unique() {
        let mut names: Vec<String> = BINDINGS.iter().map(Binding::action_name).collect();
        let n = names.len();
        names.sort();
        names.dedup();
        assert_eq!(names.len(), n);
    }
}
