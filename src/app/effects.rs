//! What the state machine asks the outside world to do, and the shapes the results come
//! back in. `update` returns effects; the terminal runner (`tui`) executes them and feeds the
//! results back as actions. Tests play the runner's part, with no sockets.

use serde_json::Value;

pub use crate::model::Loaded;
use crate::model::VpcChannel;

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
    Send {
        id: String,
        body: Value,
    },
    /// Look for a saved draft of this channel (offered back on open).
    LookupDraft {
        id: String,
    },
    /// The draft with secrets already redacted.
    SaveDraft {
        id: String,
        draft: std::sync::Arc<Value>,
    },
    DeleteDraft {
        id: String,
    },
    /// Record an applied update (secrets redacted) so that it can be reverted.
    Journal {
        entry: Value,
    },
    /// Suspend the screen and edit `text` in $EDITOR.
    OpenEditor {
        text: String,
    },
    Quit,
}

/// A successful update: the PUT answer and the request id the server gave it.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Updated {
    pub channel: VpcChannel,
    pub request_id: Option<String>,
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
