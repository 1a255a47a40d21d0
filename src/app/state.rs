//! The editor's whole state. Rendering reads it; only `update` changes it.

use serde_json::Value;
use tui_textarea::TextArea;

use super::review::DiffView;
use crate::diff::LineKind;
use crate::model::Loaded;

pub use super::editor::{Editor, FieldEdit, FormState, ServerError};
pub use super::rows::{RowKind, Table};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum View {
    List,
    Editor,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Pane {
    Overview,
    Groups,
    Members,
    Health,
    Microservice,
}

impl Pane {
    pub const ALL: [Pane; 5] = [
        Pane::Overview,
        Pane::Groups,
        Pane::Members,
        Pane::Health,
        Pane::Microservice,
    ];

    pub fn index(self) -> usize {
        Pane::ALL.iter().position(|p| *p == self).unwrap_or(0)
    }

    pub fn title(self) -> &'static str {
        match self {
            Pane::Overview => "Overview",
            Pane::Groups => "Groups",
            Pane::Members => "Members",
            Pane::Health => "Health check",
            Pane::Microservice => "Microservice",
        }
    }

    /// The pane's title on the tab bar, shortened when the screen is narrow.
    pub fn tab_title(self, short: bool) -> &'static str {
        match (short, self) {
            (true, Pane::Health) => "Health",
            (true, Pane::Microservice) => "Micro",
            _ => self.title(),
        }
    }

    /// Whether the tab bar shortens titles at this width.
    pub fn short_tabs(width: u16) -> bool {
        width < 72
    }

    /// The pane that shows a body path (`members[2].weight` -> Members).
    pub fn of_path(path: &str) -> Pane {
        let head = path.split(['.', '[']).next().unwrap_or("");
        match head {
            "members" => Pane::Members,
            "member_groups" => Pane::Groups,
            "vpc_health_config" => Pane::Health,
            "microservice_info" => Pane::Microservice,
            _ => Pane::Overview,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Level {
    Info,
    Warn,
    Error,
}

/// A message on the status line: what it is about (the channel open when it was said) and
/// when, so that it never stays on screen for a channel it was not about.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Status {
    pub text: String,
    pub level: Level,
    pub channel: Option<String>,
    /// The runner's clock (`HH:MM:SS`) when it was said.
    pub at: String,
}

/// How many messages `:messages` keeps.
pub const MESSAGES_KEPT: usize = 100;

/// A one-line text input (filters, command line, typed confirmations).
pub type LineInput = TextArea<'static>;

pub fn line_text(input: &LineInput) -> String {
    input.lines().first().cloned().unwrap_or_default()
}

/// A key typed into a one-line input, with the readline keys an SRE's fingers expect:
/// `Ctrl-u` clears to the start (the box's own binding would undo), `Ctrl-a` / `Ctrl-e` go to
/// the start / end, `Ctrl-w` deletes the word before the cursor. True when the text changed.
pub fn type_into(input: &mut LineInput, ev: crossterm::event::KeyEvent) -> bool {
    use crossterm::event::{KeyCode, KeyModifiers};
    use tui_textarea::CursorMove;
    if ev.modifiers == KeyModifiers::CONTROL {
        match ev.code {
            KeyCode::Char('u') => return input.delete_line_by_head(),
            KeyCode::Char('a') => {
                input.move_cursor(CursorMove::Head);
                return false;
            }
            KeyCode::Char('e') => {
                input.move_cursor(CursorMove::End);
                return false;
            }
            KeyCode::Char('w') => return input.delete_word(),
            _ => {}
        }
    }
    input.input(ev)
}

/// A one-line input holding `text`, cursor at the end, without the underlined cursor line.
pub fn line_input(text: String) -> LineInput {
    let mut t = TextArea::new(vec![text]);
    t.set_cursor_line_style(ratatui::style::Style::default());
    t.move_cursor(tui_textarea::CursorMove::End);
    t
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChannelRow {
    pub id: String,
    pub name: String,
    pub kind: String,
    pub groups: usize,
    pub members: Option<usize>,
    pub status: String,
}

#[derive(Debug, Default)]
pub struct ChannelList {
    pub rows: Vec<ChannelRow>,
    pub filter: Option<LineInput>,
    pub filter_text: String,
    /// Indices into `rows` that pass the filter.
    pub visible: Vec<usize>,
    pub selected: usize,
    pub offset: usize,
    pub loaded: bool,
    pub error: Option<String>,
}

#[derive(Debug, Clone, PartialEq)]
pub enum ReviewStage {
    Ready,
    /// Mass-delete guard: the channel name must be typed.
    ConfirmName,
    Checking,
    /// The server changed since load; nothing was sent.
    ServerChanged(Box<ServerChange>),
    Sending,
}

/// What the re-read before sending found, and whether the edits can move onto it.
#[derive(Debug, Clone, PartialEq)]
pub struct ServerChange {
    /// The diff base -> server now.
    pub lines: Vec<(LineKind, String)>,
    pub summary: String,
    /// The draft moved onto the server's state, or what both sides changed.
    pub rebased: Result<Value, Vec<String>>,
    pub remote: Loaded,
}

#[derive(Debug)]
pub struct Review {
    pub diff: DiffView,
    /// The base the diff was made from, as JSON: the request and the raw view are worked
    /// out from it.
    pub base: Value,
    /// The one request the change goes out as (narrowest, or the full PUT when toggled):
    /// worked out when first shown (below the diff) or sent, through [`Review::plan`]. At
    /// 10,000 changed members it costs as much as the diff.
    pub(super) plan: std::cell::OnceCell<crate::api::plan::Plan>,
    pub mode: crate::api::plan::WriteMode,
    /// The PUT body, pretty-printed with secrets redacted.
    pub raw: Vec<String>,
    pub show_raw: bool,
    pub scroll: usize,
    pub stage: ReviewStage,
    pub name_input: LineInput,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Confirm {
    Quit,
    Reload,
    /// Leave the editor for the channel list with unsent edits.
    Leave,
    RestoreDraft(Value),
    /// Switching `member_type` changes how every member is identified.
    MemberType {
        to: Value,
        members: usize,
    },
    /// Deleting a group that still has members deletes them too.
    DeleteGroup {
        row: usize,
        name: String,
        members: usize,
    },
    /// The last draft save failed: quitting would lose the edits unless written elsewhere.
    QuitUnsaved {
        reason: String,
    },
    /// Quit while an update is on its way: its outcome is checked on the next open.
    QuitWhileSending,
    /// Another running editor holds this channel's draft.
    DraftHeld {
        holder: String,
    },
}

impl Confirm {
    pub fn question(&self) -> String {
        match self {
            Confirm::Quit => "Quit with unsent edits? The draft stays saved for next time.".into(),
            Confirm::Reload => "Reload from the server and drop the unsent edits?".into(),
            Confirm::Leave => "Back to the list? The unsent draft stays saved.".into(),
            Confirm::RestoreDraft(_) => "A saved draft of this channel exists. Restore it?".into(),
            Confirm::MemberType { to, members } => {
                let to = crate::app::panes::plain(to);
                let key = if crate::model::is_ecs_type(&to) {
                    "ecs_id and ecs_name"
                } else {
                    "host"
                };
                format!(
                    "Switch member type to {to}? The {members} members are then identified by \
                     {key}, which each must have (u undoes)."
                )
            }
            Confirm::DeleteGroup { name, members, .. } => {
                format!("Delete group {name} and its {members} members? (u undoes)")
            }
            Confirm::DraftHeld { holder } => format!(
                "This channel's draft is open in another editor: {holder}. r opens it \
                 read-only; t takes the draft over (theirs is kept as a copy); Esc goes back."
            ),
            Confirm::QuitWhileSending => "Sending… Quit without waiting for the answer? The \
                draft is kept; opening the channel again shows whether the update was applied."
                .into(),
            Confirm::QuitUnsaved { reason } => format!(
                "The draft could NOT be saved ({reason}). Quit anyway? y writes it to a file \
                 in the temporary folder and prints its path."
            ),
        }
    }
}

#[derive(Debug)]
pub enum Popup {
    Help {
        scroll: usize,
    },
    Problems {
        selected: usize,
    },
    Confirm(Confirm),
    Review(Box<Review>),
    Command {
        input: Box<LineInput>,
        error: Option<String>,
        /// Tab's candidates, while Tab cycles through them.
        completion: Option<Box<super::complete::Completion>>,
    },
    /// $EDITOR gave back text that does not parse; `e` reopens it with the error.
    JsonError {
        text: String,
        error: String,
    },
    /// `:messages`: the recent status messages in full.
    Messages {
        scroll: usize,
    },
    /// `f` / `:find`: where a backend is a member; Enter opens the channel at the member.
    Found(Box<FoundView>),
    /// `D` on the results of `f`: the drain's review, its question, then its summary.
    Drain(Box<DrainView>),
    /// `H`: the channel's sent changes from the journal; Enter shows one, `R` reverts it.
    History {
        rows: Vec<super::effects::HistoryRow>,
        selected: usize,
        open: bool,
    },
    /// `y`: waiting for what to copy (host, id, JSON, diff).
    Yank,
    /// Enter on a choice field: its values, filtered by what is typed.
    Picker(Box<super::popups::Picker>),
}

/// The results of a search for a backend (or the search under way).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FoundView {
    /// `HOST[:PORT]` as searched.
    pub target: String,
    pub seq: u64,
    /// None while the search runs.
    pub report: Option<super::effects::FoundReport>,
    pub selected: usize,
}

/// Where a drain from the editor is.
#[derive(Debug, Clone, PartialEq)]
pub enum DrainStage {
    Planning,
    /// The review is shown; `y` (or the typed word) sends.
    Review(Box<super::effects::DrainReview>),
    Sending,
    /// The summary, or why nothing was sent.
    Done(Vec<String>),
}

#[derive(Debug)]
pub struct DrainView {
    pub target: crate::model::Backend,
    pub seq: u64,
    pub stage: DrainStage,
    /// The confirmation being typed, when the review needs it.
    pub typed: Option<LineInput>,
    /// The results the drain came from: Esc goes back to them.
    pub results: FoundView,
}

#[derive(Debug)]
pub struct State {
    pub read_only: bool,
    pub view: View,
    pub list: ChannelList,
    pub editor: Option<Editor>,
    pub popup: Option<Popup>,
    pub status: Option<Status>,
    /// Work in progress ("loading channel"); shows the spinner.
    pub busy: Option<String>,
    pub spinner: usize,
    pub width: u16,
    pub height: u16,
    pub quit: bool,
    /// The channel being opened (loading), shown in the title.
    pub opening: Option<String>,
    /// Recent status messages, oldest first (at most [`MESSAGES_KEPT`]).
    pub messages: std::collections::VecDeque<Status>,
    /// The time as the runner last told it (`HH:MM:SS`); the state machine reads no clock.
    pub now: String,
    /// `--watch SECONDS`: the runner sends a `WatchTick` this often.
    pub watch: Option<u64>,
    /// The key table in force (`[keys]` applied); keys, `?` and the hint line read it.
    pub keys: super::keymap::KeyMap,
    /// The last search asked for (`f`): an answer to an older one is dropped.
    pub find_seq: u64,
    /// A channel being opened from a search result, and the member (`HOST:PORT`) to show.
    pub goto_after_open: Option<(String, String)>,
}

impl State {
    pub fn new(read_only: bool) -> Self {
        State {
            read_only,
            view: View::List,
            list: ChannelList::default(),
            editor: None,
            popup: None,
            status: None,
            busy: None,
            spinner: 0,
            width: 80,
            height: 24,
            quit: false,
            opening: None,
            messages: std::collections::VecDeque::new(),
            now: String::new(),
            watch: None,
            keys: super::keymap::KeyMap::default(),
            find_seq: 0,
            goto_after_open: None,
        }
    }

    /// Rows a table shows at the current size (title, tabs, header, hints and status take 6).
    pub fn page_rows(&self) -> usize {
        usize::from(self.height.saturating_sub(7)).max(1)
    }

    pub fn info(&mut self, text: impl Into<String>) {
        self.say(Level::Info, text.into());
    }

    pub fn warn(&mut self, text: impl Into<String>) {
        self.say(Level::Warn, text.into());
    }

    pub fn error(&mut self, text: impl Into<String>) {
        self.say(Level::Error, text.into());
    }

    fn say(&mut self, level: Level, text: String) {
        let status = Status {
            text,
            level,
            channel: self.editor.as_ref().map(|e| e.id.clone()),
            at: self.now.clone(),
        };
        if self.messages.len() == MESSAGES_KEPT {
            self.messages.pop_front();
        }
        self.messages.push_back(status.clone());
        self.status = Some(status);
    }

    /// Drop a status message that was about another channel than the one now shown.
    pub fn forget_other_channels(&mut self) {
        let here = self.editor.as_ref().map(|e| e.id.as_str());
        if self
            .status
            .as_ref()
            .is_some_and(|s| s.channel.is_some() && s.channel.as_deref() != here)
        {
            self.status = None;
        }
    }
}
