//! Keys as data. One table ([`BINDINGS`]) feeds the key handling, the `?` help, the hint line
//! and the man page, so none of them can drift from what the keys do. Popups and the review
//! are scopes like the panes: a key a scope does not list does nothing there. Read-only mode
//! removes every binding that writes instead of checking in the handlers.

use std::borrow::Cow;

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

pub use super::bindings::BINDINGS;
pub use super::keynames::{format_key, parse_key};
pub use super::remap::KeyMapError;

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
    /// Open the selected row (list, tables), or jump to the selected problem.
    Open,
    /// Start editing the focused field.
    EditField,
    /// Previous / next value of a choice, or toggle a yes/no field.
    ChoicePrev,
    ChoiceNext,
    /// Close, cancel, go back: the scope decides how far.
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
    /// A dialog's answers.
    Yes,
    No,
    /// Keep what was typed (field, filter, command line, typed confirmation).
    Accept,
    /// Complete the command line.
    Complete,
    /// After the server changed: move the edits onto its state.
    Rebase,
    /// Another editor holds the draft: look without editing, or take it over.
    ReadOnly,
    TakeOver,
    /// Re-read the channel keeping the draft (live health).
    Refresh,
    /// In the review: send as the full channel PUT instead of the narrowest request.
    ToggleFull,
    /// The channel's history from the journal, and reverting an entry of it.
    History,
    Revert,
    /// Marks for bulk actions in a table.
    Mark,
    MarkRange,
    MarkAll,
    /// Bulk actions on the marked rows, or the selected one.
    SetWeight,
    Enable,
    Disable,
    ToggleBackup,
    MoveToGroup,
    /// Copy to the clipboard (OSC 52): open the yank keys, then what to copy.
    Yank,
    YankHost,
    YankId,
    YankJson,
    YankDiff,
    /// The next / previous row matching the table's search.
    NextMatch,
    PrevMatch,
    /// Sort a table by the next column; reverse its sort.
    Sort,
    ReverseSort,
    /// Where a backend is a member, across the project's gateways.
    Find,
}

/// Where a binding applies. The editor looks up the most specific scope first; a popup's
/// scopes are the only ones while it is open.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope {
    Global,
    List,
    Editor,
    Table,
    Form,
    /// A field's text box, a filter box.
    Typing,
    Review,
    /// The review asks for the channel name (mass delete).
    ReviewName,
    /// The server changed since load, and the edits can move onto its state.
    ServerChanged,
    /// The server changed the same things as the edits: only reload or go back.
    ServerClash,
    /// The review waits for the server.
    Waiting,
    Confirm,
    HelpPage,
    ProblemList,
    CommandEntry,
    JsonError,
    MessageLog,
    /// Another running editor holds this channel's draft.
    DraftHeld,
    HistoryList,
    /// After the yank key: what to copy.
    Yanking,
    /// The list of a choice field's values (Enter on the field).
    Picker,
    /// The results of `f` (where a backend is a member).
    FoundList,
    /// A drain's review (`D` on the results of `f`).
    DrainReview,
    /// A drain's review that needs the word or the host typed.
    DrainTyped,
    /// A drain being planned or sent, or its summary.
    DrainDone,
}

impl Scope {
    /// In the order `?` lists them.
    pub const ALL: [Scope; 25] = [
        Scope::Global,
        Scope::List,
        Scope::Editor,
        Scope::Table,
        Scope::Form,
        Scope::Typing,
        Scope::Review,
        Scope::ReviewName,
        Scope::ServerChanged,
        Scope::ServerClash,
        Scope::Waiting,
        Scope::Confirm,
        Scope::HelpPage,
        Scope::ProblemList,
        Scope::CommandEntry,
        Scope::JsonError,
        Scope::MessageLog,
        Scope::DraftHeld,
        Scope::HistoryList,
        Scope::Yanking,
        Scope::Picker,
        Scope::FoundList,
        Scope::DrainReview,
        Scope::DrainTyped,
        Scope::DrainDone,
    ];

    pub fn title(self) -> &'static str {
        match self {
            Scope::Global => "Everywhere",
            Scope::List => "Channel list",
            Scope::Editor => "Editor",
            Scope::Table => "Groups and Members tables",
            Scope::Form => "Forms",
            Scope::Typing => "Typing in a field or filter",
            Scope::Review => "Review",
            Scope::ReviewName => "Review: typing the channel name",
            Scope::ServerChanged => "Review: the server changed",
            Scope::ServerClash => "Review: the server changed the same things",
            Scope::Waiting => "Review: waiting for the server",
            Scope::Confirm => "Questions",
            Scope::HelpPage => "Help",
            Scope::ProblemList => "Problems list",
            Scope::CommandEntry => "Command line",
            Scope::JsonError => "JSON that does not parse",
            Scope::MessageLog => "Messages (:messages)",
            Scope::DraftHeld => "The draft is open in another editor",
            Scope::HistoryList => "History (H)",
            Scope::Yanking => "Yank: copy to the clipboard (y, then)",
            Scope::Picker => "Choosing a value (Enter on a choice)",
            Scope::FoundList => "Where a backend is a member (f)",
            Scope::DrainReview => "Drain: review",
            Scope::DrainTyped => "Drain: typing the confirmation",
            Scope::DrainDone => "Drain: sending, summary",
        }
    }

    /// Popups and the review take only their own keys: nothing falls through to the editor.
    pub fn is_dialog(self) -> bool {
        !matches!(
            self,
            Scope::Global | Scope::List | Scope::Editor | Scope::Table | Scope::Form
        )
    }
}

pub type K = (KeyCode, KeyModifiers);

#[derive(Debug, Clone)]
pub struct Binding {
    pub scope: Scope,
    /// The table's keys, or the ones `[keys]` in config.toml gave instead.
    pub keys: Cow<'static, [K]>,
    /// How the keys are written in help and hints.
    pub label: Cow<'static, str>,
    pub cmd: Cmd,
    pub desc: &'static str,
    /// Changes the draft or the server: removed in read-only mode.
    pub writes: bool,
    /// Shown on the hint line.
    pub hint: bool,
}

/// A key as keys are compared: Shift is part of the character for letters (and of S-Tab).
pub(super) fn normal(code: KeyCode, mut mods: KeyModifiers) -> K {
    if matches!(code, KeyCode::Char(_) | KeyCode::BackTab) {
        mods.remove(KeyModifiers::SHIFT);
    }
    (code, mods)
}

/// Key equality as the user means it.
fn matches(k: &K, ev: &KeyEvent) -> bool {
    normal(k.0, k.1) == normal(ev.code, ev.modifiers)
}

/// The key table in force: [`BINDINGS`], with the keys `[keys]` remapped (see `remap.rs`).
/// The state holds it, so the keys, `?`, the hint line and the man page read the same one.
#[derive(Debug, Clone)]
pub struct KeyMap {
    pub(super) bindings: Vec<Binding>,
}

impl Default for KeyMap {
    fn default() -> Self {
        KeyMap {
            bindings: BINDINGS.to_vec(),
        }
    }
}

impl KeyMap {
    /// Every binding, in table order.
    pub fn bindings(&self) -> &[Binding] {
        &self.bindings
    }

    /// The bindings usable in `scopes` (most specific first).
    pub fn active<'a>(
        &'a self,
        scopes: &[Scope],
        read_only: bool,
    ) -> impl Iterator<Item = &'a Binding> + use<'a> {
        // Owned, so that the iterator outlives the caller's slice of scopes.
        let scopes: Vec<Scope> = scopes.to_vec();
        scopes.into_iter().flat_map(move |s| {
            self.bindings
                .iter()
                .filter(move |bd| bd.scope == s && !(read_only && bd.writes))
        })
    }

    pub fn lookup(&self, scopes: &[Scope], read_only: bool, ev: &KeyEvent) -> Option<Cmd> {
        self.active(scopes, read_only)
            .find(|bd| bd.keys.iter().any(|k| matches(k, ev)))
            .map(|bd| bd.cmd)
    }

    /// `key desc` pairs for the hint line.
    pub fn hints<'a>(&'a self, scopes: &[Scope], read_only: bool) -> Vec<(&'a str, &'static str)> {
        let mut out: Vec<(&'a str, &'static str)> = Vec::new();
        for bd in self.active(scopes, read_only).filter(|bd| bd.hint) {
            if !out.iter().any(|(l, _)| *l == bd.label) {
                out.push((&bd.label, short(bd.desc)));
            }
        }
        out
    }
}

/// First words of a description, for the narrow hint line.
fn short(desc: &'static str) -> &'static str {
    let cut = desc.find([' ', '(', ':']).unwrap_or(desc.len());
    let s = &desc[..cut];
    if s.is_empty() { desc } else { s }
}

#[cfg(test)]
mod tests {
    use super::Cmd::*;
    use super::Scope::*;
    use super::*;

    const N: KeyModifiers = KeyModifiers::NONE;
    const C: KeyModifiers = KeyModifiers::CONTROL;

    fn key(c: KeyCode, m: KeyModifiers) -> KeyEvent {
        KeyEvent::new(c, m)
    }

    fn lookup(scopes: &[Scope], read_only: bool, ev: &KeyEvent) -> Option<Cmd> {
        KeyMap::default().lookup(scopes, read_only, ev)
    }

    fn hints(scopes: &[Scope], read_only: bool) -> Vec<(String, &'static str)> {
        let map = KeyMap::default();
        let h = map.hints(scopes, read_only);
        h.into_iter().map(|(k, d)| (k.to_string(), d)).collect()
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
        assert!(h.iter().all(|(k, _)| k != "a" && k != "w"));
        assert!(h.iter().any(|(k, _)| k == "?"));
    }

    #[test]
    fn a_dialog_has_no_key_for_editing() {
        for c in ['d', 'e', ':', 'a'] {
            let ev = key(KeyCode::Char(c), N);
            assert_eq!(lookup(&[Confirm], false, &ev), None, "{c}");
        }
        assert_eq!(
            lookup(&[Confirm], false, &key(KeyCode::Char('y'), N)),
            Some(Yes)
        );
    }
}
