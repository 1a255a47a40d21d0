//! Keys as data. One table feeds the key handling, the `?` help, the hint line and the
//! command-line completion, so none of them can drift from what the keys do. Read-only mode
//! removes every binding that writes instead of checking in the handlers.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

/// What a key asks for; the context decides the details.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Cmd {
    Help,
    Quit,
    NextPane,
    PrevPane,
    Pane(u8),
    Up,
    Down,
    PageUp,
    PageDown,
    Top,
    Bottom,
    /// Open the selected row (list, tables).
    Open,
    /// Start editing the focused field.
    EditField,
    /// Previous / next value of a choice, or toggle a yes/no field.
    ChoicePrev,
    ChoiceNext,
    Back,
    Add,
    Delete,
    Undo,
    Redo,
    Filter,
    CommandLine,
    OpenReview,
    Send,
    ToggleRaw,
    Reload,
    EditJson,
    Problems,
}

/// Where a binding applies. The editor looks up the most specific scope first.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope {
    Global,
    List,
    Editor,
    Table,
    Form,
    Review,
}

impl Scope {
    pub fn title(self) -> &'static str {
        match self {
            Scope::Global => "Everywhere",
            Scope::List => "Channel list",
            Scope::Editor => "Editor",
            Scope::Table => "Groups and Members tables",
            Scope::Form => "Forms",
            Scope::Review => "Review",
        }
    }
}

type K = (KeyCode, KeyModifiers);
const N: KeyModifiers = KeyModifiers::NONE;
const C: KeyModifiers = KeyModifiers::CONTROL;

const fn ch(c: char) -> K {
    (KeyCode::Char(c), N)
}

pub struct Binding {
    pub scope: Scope,
    pub keys: &'static [K],
    /// How the keys are written in help and hints.
    pub label: &'static str,
    pub cmd: Cmd,
    pub desc: &'static str,
    /// Changes the draft or the server: removed in read-only mode.
    pub writes: bool,
    /// Shown on the hint line.
    pub hint: bool,
}

const fn b(
    scope: Scope,
    keys: &'static [K],
    label: &'static str,
    cmd: Cmd,
    desc: &'static str,
    writes: bool,
    hint: bool,
) -> Binding {
    Binding {
        scope,
        keys,
        label,
        cmd,
        desc,
        writes,
        hint,
    }
}

use Cmd::*;
use Scope::{Editor, Form, Global, List, Review, Table};

pub static BINDINGS: &[Binding] = &[
    b(
        Global,
        &[ch('?')],
        "?",
        Help,
        "help: every key",
        false,
        true,
    ),
    b(
        Global,
        &[ch('q')],
        "q",
        Quit,
        "quit (asks when edits are unsent)",
        false,
        true,
    ),
    b(
        Global,
        &[(KeyCode::Up, N), ch('k')],
        "↑/k",
        Up,
        "move up",
        false,
        false,
    ),
    b(
        Global,
        &[(KeyCode::Down, N), ch('j')],
        "↓/j",
        Down,
        "move down",
        false,
        false,
    ),
    b(
        Global,
        &[(KeyCode::PageUp, N), (KeyCode::Char('u'), C)],
        "PgUp",
        PageUp,
        "page up",
        false,
        false,
    ),
    b(
        Global,
        &[(KeyCode::PageDown, N), (KeyCode::Char('d'), C)],
        "PgDn",
        PageDown,
        "page down",
        false,
        false,
    ),
    b(
        Global,
        &[(KeyCode::Home, N), ch('g')],
        "Home/g",
        Top,
        "first row",
        false,
        false,
    ),
    b(
        Global,
        &[(KeyCode::End, N), ch('G')],
        "End/G",
        Bottom,
        "last row",
        false,
        false,
    ),
    b(
        List,
        &[(KeyCode::Enter, N)],
        "Enter",
        Open,
        "open the channel",
        false,
        true,
    ),
    b(
        List,
        &[ch('/')],
        "/",
        Filter,
        "filter channels by name or id",
        false,
        true,
    ),
    b(
        List,
        &[ch('r')],
        "r",
        Reload,
        "reload the list",
        false,
        true,
    ),
    b(
        Editor,
        &[(KeyCode::Tab, N)],
        "Tab",
        NextPane,
        "next pane",
        false,
        false,
    ),
    b(
        Editor,
        &[
            (KeyCode::BackTab, KeyModifiers::SHIFT),
            (KeyCode::BackTab, N),
        ],
        "S-Tab",
        PrevPane,
        "previous pane",
        false,
        false,
    ),
    b(
        Editor,
        &[ch('1')],
        "1",
        Pane(0),
        "Overview pane",
        false,
        false,
    ),
    b(
        Editor,
        &[ch('2')],
        "2",
        Pane(1),
        "Groups pane",
        false,
        false,
    ),
    b(
        Editor,
        &[ch('3')],
        "3",
        Pane(2),
        "Members pane",
        false,
        false,
    ),
    b(
        Editor,
        &[ch('4')],
        "4",
        Pane(3),
        "Health check pane",
        false,
        false,
    ),
    b(
        Editor,
        &[ch('5')],
        "5",
        Pane(4),
        "Microservice pane",
        false,
        false,
    ),
    b(
        Editor,
        &[ch('w')],
        "w",
        OpenReview,
        "review the changes (then y sends)",
        true,
        true,
    ),
    b(Editor, &[ch('u')], "u", Undo, "undo", true, true),
    b(
        Editor,
        &[(KeyCode::Char('r'), C)],
        "C-r",
        Redo,
        "redo",
        true,
        false,
    ),
    b(
        Editor,
        &[ch('p')],
        "p",
        Problems,
        "problems list (Enter jumps)",
        false,
        true,
    ),
    b(
        Editor,
        &[ch(':')],
        ":",
        CommandLine,
        "command line (:set, :add, :del, :w, :q)",
        false,
        true,
    ),
    b(
        Editor,
        &[ch('r')],
        "r",
        Reload,
        "reload from the server",
        false,
        false,
    ),
    b(
        Editor,
        &[ch('e')],
        "e",
        EditJson,
        "edit the draft as JSON in $EDITOR",
        true,
        false,
    ),
    b(
        Editor,
        &[(KeyCode::Esc, N)],
        "Esc",
        Back,
        "back to the channel list",
        false,
        false,
    ),
    b(
        Table,
        &[(KeyCode::Enter, N)],
        "Enter",
        Open,
        "open the row's form",
        false,
        true,
    ),
    b(Table, &[ch('a')], "a", Add, "add a row", true, true),
    b(
        Table,
        &[ch('d'), (KeyCode::Delete, N)],
        "d",
        Delete,
        "delete the row (u undoes)",
        true,
        true,
    ),
    b(Table, &[ch('/')], "/", Filter, "filter rows", false, true),
    b(
        Form,
        &[(KeyCode::Enter, N)],
        "Enter",
        EditField,
        "edit the field (Enter keeps, Esc cancels)",
        true,
        true,
    ),
    b(
        Form,
        &[(KeyCode::Left, N), ch('h')],
        "←/h",
        ChoicePrev,
        "previous choice",
        true,
        false,
    ),
    b(
        Form,
        &[(KeyCode::Right, N), ch('l'), ch(' ')],
        "→/l",
        ChoiceNext,
        "next choice / toggle",
        true,
        true,
    ),
    b(
        Form,
        &[ch('a')],
        "a",
        Add,
        "add (health check, label …)",
        true,
        false,
    ),
    b(
        Form,
        &[(KeyCode::Esc, N)],
        "Esc",
        Back,
        "close the form, or back to the list",
        false,
        true,
    ),
    b(Review, &[ch('y')], "y", Send, "send the update", true, true),
    b(
        Review,
        &[ch('t')],
        "t",
        ToggleRaw,
        "toggle diff / raw JSON body",
        false,
        true,
    ),
    b(
        Review,
        &[(KeyCode::Esc, N), ch('q')],
        "Esc",
        Back,
        "back to editing",
        false,
        true,
    ),
];

/// Key equality as the user means it: Shift is part of the character for letters.
fn matches(k: &K, ev: &KeyEvent) -> bool {
    if k.0 != ev.code {
        return false;
    }
    let mut mods = ev.modifiers;
    if matches!(ev.code, KeyCode::Char(_) | KeyCode::BackTab) {
        mods.remove(KeyModifiers::SHIFT);
    }
    mods == k.1
}

/// The bindings usable in `scopes` (most specific first).
pub fn active(scopes: &[Scope], read_only: bool) -> impl Iterator<Item = &'static Binding> + '_ {
    scopes.iter().flat_map(move |s| {
        BINDINGS
            .iter()
            .filter(move |bd| bd.scope == *s && !(read_only && bd.writes))
    })
}

pub fn lookup(scopes: &[Scope], read_only: bool, ev: &KeyEvent) -> Option<Cmd> {
    active(scopes, read_only)
        .find(|bd| bd.keys.iter().any(|k| matches(k, ev)))
        .map(|bd| bd.cmd)
}

/// `key desc` pairs for the hint line.
pub fn hints(scopes: &[Scope], read_only: bool) -> Vec<(&'static str, &'static str)> {
    let mut out: Vec<(&str, &str)> = Vec::new();
    for bd in active(scopes, read_only).filter(|bd| bd.hint) {
        if !out.iter().any(|(l, _)| *l == bd.label) {
            out.push((bd.label, short(bd.desc)));
        }
    }
    out
}

/// First words of a description, for the narrow hint line.
fn short(desc: &'static str) -> &'static str {
    let cut = desc.find([' ', '(', ':']).unwrap_or(desc.len());
    let s = &desc[..cut];
    if s.is_empty() { desc } else { s }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(c: KeyCode, m: KeyModifiers) -> KeyEvent {
        KeyEvent::new(c, m)
    }

    #[test]
    fn specific_scope_wins_and_read_only_removes_writes() {
        let ev = key(KeyCode::Char('r'), N);
        assert_eq!(lookup(&[List, Global], false, &ev), Some(Reload));
        let w = key(KeyCode::Char('w'), N);
        assert_eq!(lookup(&[Editor, Global], false, &w), Some(OpenReview));
        assert_eq!(lookup(&[Editor, Global], true, &w), None);
        let redo = key(KeyCode::Char('r'), C);
        assert_eq!(lookup(&[Editor, Global], false, &redo), Some(Redo));
        let shift_g = key(KeyCode::Char('G'), KeyModifiers::SHIFT);
        assert_eq!(lookup(&[Global], false, &shift_g), Some(Bottom));
    }

    #[test]
    fn hints_hide_writes_in_read_only() {
        let h = hints(&[Table, Editor, Global], true);
        assert!(h.iter().all(|(k, _)| *k != "a" && *k != "w"));
        assert!(h.iter().any(|(k, _)| *k == "?"));
    }
}
