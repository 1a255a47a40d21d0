//! Everything that can happen to the editor: keys from the user, results of effects, time.

use crossterm::event::KeyEvent;

use super::effects::{
    BackendError, DraftLookup, HistoryRow, LoadPurpose, LostSend, RoutedApi, Updated,
};
use crate::model::{Loaded, VpcChannel};

#[derive(Debug, Clone)]
pub enum Action {
    Key(KeyEvent),
    Paste(String),
    /// A click or the wheel, when `[ui] mouse` is on.
    Mouse(super::mouse::Mouse),
    Resize(u16, u16),
    /// Animation tick (spinner) while work is in progress.
    Tick,
    /// `--watch`: time to re-read the open channel.
    WatchTick,
    ChannelsListed(Result<Vec<VpcChannel>, BackendError>),
    MemberCount {
        id: String,
        count: usize,
    },
    ChannelLoaded {
        id: String,
        purpose: LoadPurpose,
        result: Result<Box<Loaded>, BackendError>,
    },
    Sent {
        id: String,
        result: Result<Box<Updated>, BackendError>,
    },
    /// The journal's entries for a channel, newest first (or why they could not be read).
    HistoryRead {
        id: String,
        result: Result<Vec<HistoryRow>, String>,
    },
    /// The APIs behind a channel (or why they could not be listed).
    ApisListed {
        id: String,
        result: Result<Vec<RoutedApi>, BackendError>,
    },
    /// The update's answer was lost; the re-read says what happened (see [`LostSend`]).
    SendLost {
        id: String,
        lost: Box<LostSend>,
    },
    /// A search of `f` / `:find` came back.
    BackendFound {
        seq: u64,
        report: Box<super::effects::FoundReport>,
    },
    /// The review of a drain (or why there is none).
    DrainPlanned {
        seq: u64,
        result: Result<Box<super::effects::DrainReview>, String>,
    },
    /// A drain finished: one summary line per channel, then how to undo it.
    Drained {
        seq: u64,
        summary: Vec<String>,
    },
    DraftFound {
        id: String,
        lookup: DraftLookup,
    },
    DraftSaved {
        id: String,
    },
    /// Another editor took this draft over: the save went to `note`'s file instead.
    DraftSavedAside(String),
    DraftSaveFailed(String),
    JournalFailed(String),
    /// $EDITOR returned: the file's text, or why it could not run.
    EditorClosed(Result<String, String>),
    /// SIGTERM / SIGHUP: save and leave.
    Terminate,
}
