//! The key table: one line per binding. `W` marks a binding that writes (gone in read-only
//! mode), `H` one shown on the hint line.

use std::borrow::Cow;

use crossterm::event::{KeyCode, KeyModifiers};

use super::keymap::Cmd::*;
use super::keymap::Scope::*;
use super::keymap::{Binding, Cmd, K, Scope};

const N: KeyModifiers = KeyModifiers::NONE;
const C: KeyModifiers = KeyModifiers::CONTROL;
const S: KeyModifiers = KeyModifiers::SHIFT;

const fn ch(c: char) -> K {
    (KeyCode::Char(c), N)
}
const fn k(code: KeyCode) -> K {
    (code, N)
}

const W: u8 = 1;
const H: u8 = 2;

const fn b(
    scope: Scope,
    keys: &'static [K],
    label: &'static str,
    cmd: Cmd,
    desc: &'static str,
    flags: u8,
) -> Binding {
    Binding {
        scope,
        keys: Cow::Borrowed(keys),
        label: Cow::Borrowed(label),
        cmd,
        desc,
        writes: flags & W != 0,
        hint: flags & H != 0,
    }
}

const UP: &[K] = &[k(KeyCode::Up), ch('k')];
const DOWN: &[K] = &[k(KeyCode::Down), ch('j')];
const ESC: &[K] = &[k(KeyCode::Esc)];
const ENTER: &[K] = &[k(KeyCode::Enter)];

#[rustfmt::skip]
pub static BINDINGS: &[Binding] = &[
    b(Global, &[ch('?')], "?", Help, "help: every key", H),
    b(Global, &[ch('q'), (KeyCode::Char('c'), C)], "q", Quit, "quit (asks when edits are unsent)", H),
    b(Global, UP, "↑/k", Up, "move up", 0),
    b(Global, DOWN, "↓/j", Down, "move down", 0),
    b(Global, &[k(KeyCode::PageUp), (KeyCode::Char('u'), C)], "PgUp", PageUp, "page up", 0),
    b(Global, &[k(KeyCode::PageDown), (KeyCode::Char('d'), C)], "PgDn", PageDown, "page down", 0),
    b(Global, &[k(KeyCode::Home), ch('g')], "Home/g", Top, "first row", 0),
    b(Global, &[k(KeyCode::End), ch('G')], "End/G", Bottom, "last row", 0),

    b(List, ENTER, "Enter", Open, "open the channel", H),
    b(List, &[ch('/')], "/", Filter, "filter channels on every column (Enter opens the first match)", H),
    b(List, &[ch('r')], "r", Reload, "reload the list", H),
    b(List, ESC, "Esc", Back, "clear the filter", 0),
    b(List, &[ch(':')], ":", CommandLine, "command line (:messages, :q)", 0),
    b(List, &[ch('y')], "y", Yank, "yank (copy): then i the channel's id", 0),
    b(List, &[ch('f')], "f", Find, "find a backend HOST[:PORT] in every channel of the project", H),

    b(Editor, &[k(KeyCode::Tab)], "Tab", NextPane, "next pane", 0),
    b(Editor, &[(KeyCode::BackTab, S), k(KeyCode::BackTab)], "S-Tab", PrevPane, "previous pane", 0),
    b(Editor, &[ch('1')], "1", Pane(0), "Overview pane", 0),
    b(Editor, &[ch('2')], "2", Pane(1), "Groups pane", 0),
    b(Editor, &[ch('3')], "3", Pane(2), "Members pane", 0),
    b(Editor, &[ch('4')], "4", Pane(3), "Health check pane", 0),
    b(Editor, &[ch('5')], "5", Pane(4), "Microservice pane", 0),
    b(Editor, &[ch('w')], "w", OpenReview, "review the changes (then y sends)", W | H),
    b(Editor, &[ch('u')], "u", Undo, "undo", W | H),
    b(Editor, &[(KeyCode::Char('r'), C)], "C-r", Redo, "redo", W),
    b(Editor, &[ch('p')], "p", Problems, "problems list (Enter jumps)", H),
    b(Editor, &[ch(':')], ":", CommandLine, "command line (:set, :add, :del, :w, :q)", H),
    b(Editor, &[ch('r')], "r", Reload, "reload from the server", 0),
    b(Editor, &[ch('H')], "H", History, "history: this channel's sent changes (R reverts one)", 0),
    b(Editor, &[(KeyCode::Char('l'), C), k(KeyCode::F(5))], "C-l", Refresh, "refresh: re-read the channel, keep the draft, mark health changes", 0),
    b(Editor, &[ch('e')], "e", EditJson, "edit the draft as JSON in $EDITOR", W),
    b(Editor, ESC, "Esc", Back, "back to the channel list", 0),
    b(Editor, &[ch('y')], "y", Yank, "yank (copy): then h host, i id, j JSON, d diff", 0),

    b(Table, ENTER, "Enter", Open, "open the row's form", H),
    b(Table, &[ch('a')], "a", Add, "add a row", W | H),
    b(Table, &[ch('d'), k(KeyCode::Delete)], "d", Delete, "delete the row, or the marked ones (u undoes)", W | H),
    b(Table, &[ch('/')], "/", Filter, "filter rows", H),
    b(Table, &[ch('n')], "n", NextMatch, "next row matching the filter (or the last one), wrapping", 0),
    b(Table, &[ch('N')], "N", PrevMatch, "previous row matching the filter (or the last one), wrapping", 0),
    b(Table, &[ch('s')], "s", Sort, "sort by address, weight, group, status, health, none (cycles)", 0),
    b(Table, &[ch('S')], "S", ReverseSort, "reverse the sort", 0),
    b(Table, &[ch(' ')], "Space", Mark, "mark or unmark the row (then act on all marked)", 0),
    b(Table, &[ch('V')], "V", MarkRange, "mark a range as you move (V again stops)", 0),
    b(Table, &[ch('*')], "*", MarkAll, "mark every row the filter shows", 0),
    b(Table, &[ch('W')], "W", SetWeight, "set the weight of the marked rows (or this one)", W),
    b(Table, &[ch('E')], "E", Enable, "enable the marked members (status 1)", W),
    b(Table, &[ch('D')], "D", Disable, "disable the marked members (status 2)", W),
    b(Table, &[ch('B')], "B", ToggleBackup, "backup on/off for the marked members", W),
    b(Table, &[ch('M')], "M", MoveToGroup, "move the marked members to a group", W),

    b(Form, ENTER, "Enter", EditField, "edit the field, or pick a choice from a list", W | H),
    b(Form, &[k(KeyCode::Left), ch('h')], "←/h", ChoicePrev, "previous choice", W),
    b(Form, &[k(KeyCode::Right), ch('l'), ch(' ')], "→/l", ChoiceNext, "next choice / toggle", W | H),
    b(Form, &[ch('a')], "a", Add, "add (health check, label …)", W),
    b(Form, ESC, "Esc", Back, "close the form, or back to the list", H),

    b(Typing, ENTER, "Enter", Accept, "keep what was typed", H),
    b(Typing, ESC, "Esc", Back, "cancel", H),

    b(Review, &[ch('y')], "y", Send, "send the update", W | H),
    b(Review, &[ch('t')], "t", ToggleRaw, "toggle diff / raw JSON body", H),
    b(Review, &[ch('f')], "f", ToggleFull, "full: send the whole channel PUT instead (toggle)", W | H),
    b(Review, &[k(KeyCode::Esc), ch('q')], "Esc", Back, "back to editing", H),
    b(Review, UP, "↑/k", Up, "scroll up", 0),
    b(Review, DOWN, "↓/j", Down, "scroll down", 0),
    b(Review, &[k(KeyCode::PageUp), (KeyCode::Char('u'), C)], "PgUp", PageUp, "page up", 0),
    b(Review, &[k(KeyCode::PageDown), (KeyCode::Char('d'), C), ch(' ')], "PgDn", PageDown, "page down", 0),
    b(Review, &[k(KeyCode::Home), ch('g')], "Home/g", Top, "top", 0),
    b(Review, &[k(KeyCode::End), ch('G')], "End/G", Bottom, "bottom", 0),
    b(Review, &[ch('?')], "?", Help, "help", 0),

    b(ReviewName, ENTER, "Enter", Accept, "confirm the typed channel name", H),
    b(ReviewName, ESC, "Esc", Back, "cancel", H),

    b(ServerChanged, &[ch('y')], "y", Rebase, "rebase your edits onto the server's state", W | H),
    b(ServerChanged, &[ch('r')], "r", Reload, "reload and drop your edits", H),
    b(ServerChanged, &[k(KeyCode::Esc), ch('q')], "Esc", Back, "back to editing", H),
    b(ServerChanged, UP, "↑/k", Up, "scroll up", 0),
    b(ServerChanged, DOWN, "↓/j", Down, "scroll down", 0),

    b(ServerClash, &[ch('r')], "r", Reload, "reload and drop your edits", H),
    b(ServerClash, &[k(KeyCode::Esc), ch('q')], "Esc", Back, "back to editing", H),
    b(ServerClash, UP, "↑/k", Up, "scroll up", 0),
    b(ServerClash, DOWN, "↓/j", Down, "scroll down", 0),

    b(Waiting, &[ch('q'), k(KeyCode::Esc), (KeyCode::Char('c'), C)], "q", Quit, "quit without waiting (the draft is kept)", H),
    b(Waiting, &[ch('?')], "?", Help, "help", H),

    b(Confirm, &[ch('y'), ch('Y')], "y", Yes, "yes", H),
    b(Confirm, &[ch('n'), ch('N'), k(KeyCode::Esc)], "n/Esc", No, "no", H),

    b(HelpPage, UP, "↑/k", Up, "scroll up", H),
    b(HelpPage, DOWN, "↓/j", Down, "scroll down", 0),
    b(HelpPage, &[k(KeyCode::PageUp)], "PgUp", PageUp, "page up", 0),
    b(HelpPage, &[k(KeyCode::PageDown), ch(' ')], "PgDn", PageDown, "page down", 0),
    b(HelpPage, &[k(KeyCode::Esc), ch('q'), ch('?')], "Esc", Back, "close", H),

    b(ProblemList, UP, "↑/k", Up, "select", H),
    b(ProblemList, DOWN, "↓/j", Down, "select", 0),
    b(ProblemList, ENTER, "Enter", Open, "jump to the field", H),
    b(ProblemList, &[k(KeyCode::Esc), ch('q'), ch('p')], "Esc", Back, "close", H),

    b(CommandEntry, ENTER, "Enter", Accept, "run", H),
    b(CommandEntry, &[k(KeyCode::Tab)], "Tab", Complete, "complete", H),
    b(CommandEntry, ESC, "Esc", Back, "cancel", H),

    b(JsonError, &[ch('e'), k(KeyCode::Enter)], "e", EditJson, "reopen the editor with your text", W | H),
    b(JsonError, ESC, "Esc", Back, "drop the edit", H),

    b(MessageLog, UP, "↑/k", Up, "scroll up", H),
    b(MessageLog, DOWN, "↓/j", Down, "scroll down", 0),
    b(MessageLog, &[k(KeyCode::Esc), ch('q')], "Esc", Back, "close", H),

    b(HistoryList, UP, "↑/k", Up, "select", H),
    b(HistoryList, DOWN, "↓/j", Down, "select", 0),
    b(HistoryList, ENTER, "Enter", Open, "show the entry's changes", H),
    b(HistoryList, &[ch('R')], "R", Revert, "load the entry's revert into the draft, for review", W | H),
    b(HistoryList, &[k(KeyCode::Esc), ch('q')], "Esc", Back, "close", H),

    b(Picker, &[k(KeyCode::Up), (KeyCode::Char('p'), C)], "↑", Up, "previous value", H),
    b(Picker, &[k(KeyCode::Down), (KeyCode::Char('n'), C)], "↓", Down, "next value", 0),
    b(Picker, &[k(KeyCode::Home)], "Home", Top, "first value", 0),
    b(Picker, &[k(KeyCode::End)], "End", Bottom, "last value", 0),
    b(Picker, ENTER, "Enter", Accept, "set the field to the value (u undoes)", W | H),
    b(Picker, ESC, "Esc", Back, "close without a change", H),
    b(FoundList, UP, "↑/k", Up, "select", H),
    b(FoundList, DOWN, "↓/j", Down, "select", 0),
    b(FoundList, ENTER, "Enter", Open, "open the channel at that member", H),
    b(FoundList, &[ch('D')], "D", Disable, "drain: disable the backend in every channel listed (review first)", W | H),
    b(FoundList, &[k(KeyCode::Esc), ch('q')], "Esc", Back, "close (a search under way is dropped)", H),

    b(DrainReview, &[ch('y')], "y", Send, "drain: disable, verify and journal as one operation", W | H),
    b(DrainReview, &[k(KeyCode::Esc), ch('q')], "Esc", Back, "back to the results, nothing sent", H),
    b(DrainTyped, ENTER, "Enter", Accept, "drain when the word or the host was typed", W | H),
    b(DrainTyped, ESC, "Esc", Back, "back to the results, nothing sent", H),
    b(DrainDone, &[k(KeyCode::Esc), ch('q')], "Esc", Back, "close", H),

    b(DraftHeld, &[ch('r')], "r", ReadOnly, "open read-only (no edits, no sends)", H),
    b(DraftHeld, &[ch('t')], "t", TakeOver, "take the draft over (theirs is kept as a copy)", W | H),
    b(DraftHeld, ESC, "Esc", Back, "back to the channel list", H),

    b(Yanking, &[ch('h')], "h", YankHost, "host of the selected member", H),
    b(Yanking, &[ch('i')], "i", YankId, "id of the selected row, or of the channel", H),
    b(Yanking, &[ch('j')], "j", YankJson, "JSON of the selected member, or of the channel", H),
    b(Yanking, &[ch('d')], "d", YankDiff, "diff of the unsent edits, as the review shows it", H),
    b(Yanking, ESC, "Esc", Back, "cancel: copy nothing", H),
];
