//! What the state machine asks the outside world to do, and the shapes the results come
//! back in. `update` returns effects; the terminal runner (`tui`) executes them and feeds the
//! results back as actions. Tests play the runner's part, with no sockets.

use serde_json::Value;

pub use crate::model::Loaded;

/// Why a channel is being (re-)read; decides what the result does.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LoadPurpose {
    /// First open from the list or the command line.
    Open,
    /// `r`: replace base and draft with the server state.
    Reload,
    /// Re-read before sending, to notice changes made elsewhere since load.
    CheckBeforeSend,
    /// Re-read after a successful send: the PUT answer lacks members and health check.
    AfterSend,
    /// Refresh (key or `--watch`): the base moves to the server's state, the draft's edits
    /// stay on top, and members whose health changed are marked.
    Refresh,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Effect {
    ListChannels,
    /// Count the members of these channels (the list call does not say).
    CountMembers {
        ids: Vec<String>,
    },
    Load {
        id: String,
        purpose: LoadPurpose,
    },
    /// Send the reviewed draft. `base` is what it was made from: when the answer is lost, a
    /// re-read is compared with both to tell what happened.
    Send {
        id: String,
        body: Value,
        base: Value,
        plan: Box<crate::api::plan::Plan>,
    },
    /// Take this channel's draft (its lock) and look for a saved one (offered back on open).
    LookupDraft {
        id: String,
    },
    /// Take the draft over from the editor that holds it (its draft is copied aside first).
    TakeOverDraft {
        id: String,
    },
    /// The APIs that route through this channel (shown in the Overview and the review).
    ListApis {
        id: String,
        name: String,
    },
    /// The journal's entries for this channel (`H`).
    ReadHistory {
        id: String,
    },
    /// Let go of this channel's draft (leaving it for the list or another channel).
    ReleaseDraft {
        id: String,
    },
    /// Save the open draft of channel `id` (secrets redacted). The runner writes it once the
    /// edits pause, from the draft as it is then: the effect holds no copy or share of it.
    SaveDraft {
        id: String,
    },
    DeleteDraft {
        id: String,
    },
    /// The draft could not be saved where drafts live: write it to a new file in the
    /// temporary folder and tell its path once the terminal is restored.
    WriteFallback {
        id: String,
        draft: std::sync::Arc<Value>,
    },
    /// Record an applied update (secrets redacted) so that it can be reverted.
    Journal {
        entry: Value,
    },
    /// Put `text` on the terminal's clipboard (OSC 52). The text is already sanitized,
    /// without secrets and within [`super::yank::CAP`].
    Clipboard {
        text: String,
    },
    /// `f` / `:find`: every channel, on every gateway of the project, where `HOST[:PORT]` is
    /// a member. `seq` tells the answer to the search that asked it from an older one.
    FindBackend {
        target: crate::model::Backend,
        seq: u64,
    },
    /// `D` on the results of search `seq`: the combined review of draining its backend.
    PlanDrain {
        seq: u64,
    },
    /// Drain as reviewed: a batch-disable per channel, verified and journaled as one
    /// operation.
    Drain {
        seq: u64,
    },
    /// Suspend the screen and edit `text` in $EDITOR.
    OpenEditor {
        text: String,
    },
    Quit,
}

/// A successful update: the request that went out (as the review named it) and the request
/// id the server gave it. The channel is re-read after it.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Updated {
    pub request: String,
    pub request_id: Option<String>,
}

/// An API that routes through a channel, as the Overview lists it (sanitized).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RoutedApi {
    pub name: String,
    pub method: String,
    pub path: String,
    /// Where it is published (`RELEASE`, …); empty when not published.
    pub environments: Vec<String>,
}

/// One sent change of a channel, as `H` lists it (sanitized; secrets masked).
#[derive(Debug, Clone, PartialEq)]
pub struct HistoryRow {
    pub id: String,
    pub time: String,
    pub outcome: String,
    pub request_id: Option<String>,
    /// The diff summary base -> sent, and its lines.
    pub summary: String,
    pub lines: Vec<String>,
    /// The channel before the change: what `R` restores.
    pub base: Value,
}

/// One member a search found, as the results list shows it (sanitized).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FoundRow {
    pub gateway_id: String,
    pub gateway_name: String,
    /// On the gateway this editor works on: Enter can open it here.
    pub here: bool,
    pub channel_id: String,
    pub channel_name: String,
    /// `HOST:PORT` (the effective port), as `:goto` takes it.
    pub address: String,
    pub group: String,
    pub weight: String,
    pub status: String,
    pub backup: bool,
    pub health: String,
}

/// What a search found, and what it could not read (sanitized).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FoundReport {
    pub rows: Vec<FoundRow>,
    /// Gateways searched.
    pub gateways: usize,
    /// Gateways not running, left out.
    pub skipped: Vec<String>,
    /// What could not be read: the result is incomplete when this is not empty.
    pub errors: Vec<String>,
}

/// The combined review of a drain (sanitized): one line per channel, then warnings.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DrainReview {
    pub lines: Vec<String>,
    /// Members to disable, and in how many channels.
    pub members: usize,
    pub channels: usize,
    /// It would leave a channel or group with no enabled member: the confirmation is typed.
    pub typed: bool,
}

/// What opening a channel's draft found.
#[derive(Debug, Clone, PartialEq)]
pub enum DraftLookup {
    /// The draft is ours now; a saved one, if any.
    Mine(Option<Value>),
    /// Taken over from another editor; where its draft was copied.
    TakenOver { draft: Option<Value>, copy: String },
    /// Another running editor holds it (who, where, since when).
    HeldBy(String),
    /// The saved draft could not be used (cut short, not a body): set aside, and why.
    Failed(String),
}

/// An update whose answer was lost, and what a re-read of the channel then showed.
#[derive(Debug, Clone, PartialEq)]
pub struct LostSend {
    pub error: BackendError,
    /// None when the re-read failed too: the outcome is unknown.
    pub verdict: Option<crate::api::Verdict>,
    pub now: Option<Box<Loaded>>,
}

/// A failed call, as the editor shows it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct BackendError {
    /// HTTP status, when the server answered.
    pub status: Option<u16>,
    pub error_code: Option<String>,
    pub error_msg: String,
    pub request_id: Option<String>,
    /// The body parameter the message names (`weight`, `members`), when it names one.
    pub parameter: Option<String>,
}

impl BackendError {
    pub fn network(msg: impl Into<String>) -> Self {
        BackendError {
            error_msg: msg.into(),
            ..Default::default()
        }
    }

    /// `APIG.2004 value out of range` or the transport message, sanitised for the screen.
    pub fn headline(&self) -> String {
        let msg = crate::sanitize::line(&self.error_msg);
        match &self.error_code {
            Some(code) => format!("{} {}", crate::sanitize::line(code), msg),
            None => msg,
        }
    }
}
