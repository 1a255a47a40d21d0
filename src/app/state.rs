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

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Status {
    pub text: String,
    pub level: Level,
}

/// A one-line text input (filters, command line, typed confirmations).
pub type LineInput = TextArea<'static>;

pub fn line_text(input: &LineInput) -> String {
    input.lines().first().cloned().unwrap_or_default()
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
}

impl Confirm {
    pub fn question(&self) -> &'static str {
        match self {
            Confirm::Quit => "Quit with unsent edits? The draft stays saved for next time.",
            Confirm::Reload => "Reload from the server and drop the unsent edits?",
            Confirm::Leave => "Back to the list? The unsent draft stays saved.",
            Confirm::RestoreDraft(_) => "A saved draft of this channel exists. Restore it?",
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
    },
    /// $EDITOR gave back text that does not parse; `e` reopens it with the error.
    JsonError {
        text: String,
        error: String,
    },
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
        self.status = Some(Status { text, level });
    }
}
