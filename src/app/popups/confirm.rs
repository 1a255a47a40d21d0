//! Yes/no questions: `y` answers yes, `n` or Esc no; any other key is ignored.

use crate::app::effects::Effect;
use crate::app::keymap::Cmd;
use crate::app::state::{Confirm, Popup, State};
use crate::app::{draft, intents};

pub fn key(state: &mut State, cmd: Option<Cmd>) -> Vec<Effect> {
    if !matches!(cmd, Some(Cmd::Yes | Cmd::No)) {
        return Vec::new();
    }
    // Taken, not copied: a draft offered back is the whole channel (10 MB at 10,000 members).
    let Some(Popup::Confirm(c)) = state.popup.take_if(|p| matches!(p, Popup::Confirm(_))) else {
        return Vec::new();
    };
    if cmd == Some(Cmd::Yes) {
        return yes(state, c);
    }
    if let Confirm::RestoreDraft(_) = c {
        state.info("Saved draft not restored; it is replaced on the next edit");
    }
    Vec::new()
}

fn yes(state: &mut State, c: Confirm) -> Vec<Effect> {
    match c {
        Confirm::Quit => intents::quit_saving(state),
        Confirm::Reload => intents::reload(state, true),
        Confirm::Leave => intents::leave(state),
        Confirm::RestoreDraft(d) => draft::replace(state, d, "Draft restored (u undoes)"),
        Confirm::MemberType { to, .. } => {
            let fx = draft::change_or_say(state, |d| {
                d["member_type"] = to;
                Ok(())
            });
            state.info("Member type switched (u undoes)");
            fx
        }
        Confirm::DeleteGroup { row, name, members } => {
            let fx = draft::change_or_say(state, |d| {
                if let Some(groups) = d["member_groups"].as_array_mut()
                    && row < groups.len()
                {
                    groups.remove(row);
                }
                if let Some(ms) = d["members"].as_array_mut() {
                    ms.retain(|m| m["member_group_name"].as_str() != Some(name.as_str()));
                }
                Ok(())
            });
            state.info(format!(
                "Deleted group {} and its {members} members (u undoes)",
                crate::sanitize::line(&name)
            ));
            fx
        }
        Confirm::QuitUnsaved { .. } => intents::quit_with_fallback(state),
        Confirm::QuitWhileSending => intents::quit_saving(state),
        Confirm::DraftHeld { .. } => Vec::new(),
    }
}

/// Another editor holds the draft: read-only, take over, or back to the list.
pub fn held(state: &mut State, cmd: Option<Cmd>) -> Vec<Effect> {
    let Some(id) = state.editor.as_ref().map(|e| e.id.clone()) else {
        return Vec::new();
    };
    match cmd {
        Some(Cmd::ReadOnly) => {
            state.popup = None;
            state.read_only = true;
            state.info("Read-only: another editor holds this channel's draft");
            Vec::new()
        }
        Some(Cmd::TakeOver) => {
            state.popup = None;
            vec![Effect::TakeOverDraft { id }]
        }
        Some(Cmd::Back) => {
            state.popup = None;
            intents::leave(state)
        }
        _ => Vec::new(),
    }
}
