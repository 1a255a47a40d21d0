//! When the draft is written to its file: once the edits pause (50 ms), not at every edit. The
//! text is made (spooled to a file, see `config::DraftText`) on the editor's thread from the
//! draft as it is then, so no other task ever holds the draft: a second holder would make
//! the next edit copy the whole tree (10 MB at 10,000 members), and a save per `:set` would
//! write the channel a hundred times for a hundred edits. The save is written before anything
//! but a key, a paste, a click, a resize or a tick is handled, before the editor hands the
//! terminal to `$EDITOR`, and before quitting, so a pending save never outlives the draft it
//! is for.

use std::time::Duration;

use tokio::time::Instant;

use super::files::FileOp;
use crate::app::{Action, State};

/// Quiet time after the last edit before the draft is written: longer than the gap between
/// keys a terminal delivers in one burst (a paste of commands), shorter than a person's.
const PAUSE: Duration = Duration::from_millis(50);
/// The longest a save waits while edits keep coming.
const AT_MOST: Duration = Duration::from_secs(1);

struct Pending {
    id: String,
    first: Instant,
    due: Instant,
}

#[derive(Default)]
pub struct DraftSaves {
    pending: Option<Pending>,
}

impl DraftSaves {
    /// The core asked for channel `id`'s draft to be saved.
    pub fn asked(&mut self, id: String) {
        let now = Instant::now();
        let first = match &self.pending {
            Some(p) if p.id == id => p.first,
            _ => now,
        };
        self.pending = Some(Pending {
            id,
            first,
            due: (now + PAUSE).min(first + AT_MOST),
        });
    }

    /// The draft of `id` is to be deleted: a save waiting for it is moot.
    pub fn cancel(&mut self, id: &str) {
        if self.pending.as_ref().is_some_and(|p| p.id == id) {
            self.pending = None;
        }
    }

    /// When the waiting save is due.
    pub fn due(&self) -> Option<Instant> {
        self.pending.as_ref().map(|p| p.due)
    }

    /// Whether `action` may be handled with a save still waiting: user input and ticks never
    /// replace the open channel; results of effects (a load, a send) may.
    pub fn may_wait_through(action: &Action) -> bool {
        matches!(
            action,
            Action::Key(_)
                | Action::Paste(_)
                | Action::Mouse(_)
                | Action::Resize(..)
                | Action::Tick
        )
    }

    /// The write of the waiting save, made now from the open draft.
    pub fn take(&mut self, state: &State) -> Option<FileOp> {
        let p = self.pending.take()?;
        let Some(ed) = state.editor.as_ref().filter(|e| e.id == p.id) else {
            tracing::warn!("a draft save outlived its channel's editor");
            return None;
        };
        match crate::config::DraftText::of(&ed.draft) {
            Ok(text) => Some(FileOp::Save(p.id, text)),
            Err(e) => {
                tracing::warn!("cannot write the draft as text: {e:#}");
                None
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::{LoadPurpose, Loaded, init, update};
    use serde_json::json;

    /// The state with channel `c1` open, its port 80.
    fn open() -> State {
        let detail = serde_json::from_value(json!({"id": "c1", "name": "web", "port": 80,
            "balance_strategy": 1, "member_type": "ip", "vpc_channel_type": "builtin"}))
        .unwrap();
        let mut state = State::new(false);
        init(&mut state, Some("c1".into()));
        update(
            &mut state,
            Action::ChannelLoaded {
                id: "c1".into(),
                purpose: LoadPurpose::Open,
                result: Ok(Box::new(Loaded {
                    detail,
                    members: Vec::new(),
                })),
            },
        );
        state
    }

    fn saved_port(op: Option<FileOp>) -> serde_json::Value {
        match op {
            Some(FileOp::Save(id, mut text)) => {
                assert_eq!(id, "c1");
                let mut bytes = Vec::new();
                text.write_to(&mut bytes).unwrap();
                serde_json::from_slice::<serde_json::Value>(&bytes).unwrap()["port"].clone()
            }
            _ => panic!("no save"),
        }
    }

    #[tokio::test(start_paused = true)]
    async fn a_burst_of_edits_is_saved_once_after_its_pause_with_the_latest_draft() {
        let mut state = open();
        let mut saves = DraftSaves::default();
        let start = Instant::now();
        for port in [81, 82, 83] {
            std::sync::Arc::make_mut(&mut state.editor.as_mut().unwrap().draft)["port"] =
                json!(port);
            saves.asked("c1".into());
            tokio::time::advance(Duration::from_millis(10)).await;
        }
        assert_eq!(saves.due(), Some(start + Duration::from_millis(20) + PAUSE));
        assert_eq!(saved_port(saves.take(&state)), json!(83));
        assert!(saves.take(&state).is_none(), "written once");
    }

    #[tokio::test(start_paused = true)]
    async fn edits_that_never_pause_are_saved_within_a_second() {
        let mut saves = DraftSaves::default();
        let start = Instant::now();
        for _ in 0..200 {
            saves.asked("c1".into());
            tokio::time::advance(Duration::from_millis(10)).await;
        }
        assert_eq!(saves.due(), Some(start + AT_MOST));
    }

    #[test]
    fn a_delete_cancels_the_waiting_save_of_its_channel_only() {
        let mut saves = DraftSaves::default();
        saves.asked("c1".into());
        saves.cancel("c2");
        assert!(saves.due().is_some());
        saves.cancel("c1");
        assert!(saves.due().is_none());
    }

    #[test]
    fn only_input_and_ticks_are_handled_with_a_save_waiting() {
        let key = crossterm::event::KeyEvent::from(crossterm::event::KeyCode::Char('j'));
        assert!(DraftSaves::may_wait_through(&Action::Key(key)));
        assert!(DraftSaves::may_wait_through(&Action::Tick));
        assert!(!DraftSaves::may_wait_through(&Action::Terminate));
        assert!(!DraftSaves::may_wait_through(&Action::WatchTick));
    }
}
