//! Changing the draft: every change is one undo step, re-validates, and saves the draft.

use std::sync::Arc;

use serde_json::Value;

use super::editor::Editor;
use super::effects::Effect;
use super::state::State;

/// One undoable change of the draft. On error the draft is left as it was.
pub fn change(
    state: &mut State,
    f: impl FnOnce(&mut Value) -> Result<(), String>,
) -> Result<Vec<Effect>, String> {
    let Some(ed) = state.editor.as_mut() else {
        return Err("no channel is open".into());
    };
    // A compact copy (a fraction of the tree's size) is what the state before costs while
    // `f` runs: it gives the step back, or the draft back when `f` refuses.
    let before = crate::model::Base::of(&ed.draft);
    if let Err(e) = f(Arc::make_mut(&mut ed.draft)) {
        ed.draft = Arc::new(before.value());
        return Err(e);
    }
    // One walk finds both whether anything changed and what to keep for undo.
    let back = super::undo::Delta::since(&before, &ed.draft);
    if back.is_empty() {
        return Ok(Vec::new());
    }
    ed.undo.record(back);
    Ok(after_change(ed))
}

/// [`change`] of one field whose parent exists (`:set members[3].weight 5`): the undo step is
/// that field's old value, not a compact copy of the whole draft (2 MB at 10,000 members).
/// None when the parent does not exist (setting would create it): [`change`] handles that.
pub fn change_one(
    state: &mut State,
    path: &crate::path::Path,
    value: Value,
) -> Result<Option<Vec<Effect>>, String> {
    let Some(ed) = state.editor.as_mut() else {
        return Err("no channel is open".into());
    };
    let parent_exists = path.parent().is_some_and(|p| p.get(&ed.draft).is_some());
    if !parent_exists {
        return Ok(None);
    }
    let before = path.get(&ed.draft).cloned();
    if before.as_ref() == Some(&value) {
        return Ok(Some(Vec::new()));
    }
    path.set(Arc::make_mut(&mut ed.draft), value)
        .map_err(|e| e.to_string())?;
    ed.undo.record(super::undo::Delta::at(path.clone(), before));
    Ok(Some(after_change(ed)))
}

/// [`change`] where a refusal only needs telling: it goes to the status line.
pub fn change_or_say(
    state: &mut State,
    f: impl FnOnce(&mut Value) -> Result<(), String>,
) -> Vec<Effect> {
    match change(state, f) {
        Ok(fx) => fx,
        Err(e) => {
            state.error(crate::sanitize::line(&e));
            Vec::new()
        }
    }
}

/// Replace the whole draft (restored draft, $EDITOR) as one undoable change.
pub fn replace(state: &mut State, mut with: Value, note: &str) -> Vec<Effect> {
    if let Some(ed) = state.editor.as_ref() {
        crate::model::restore_secrets(&mut with, &ed.draft);
    }
    let fx = change_or_say(state, |d| {
        *d = with;
        Ok(())
    });
    state.info(note);
    fx
}

/// After the draft changed: validate, refresh tables, and save the draft.
pub fn after_change(ed: &mut Editor) -> Vec<Effect> {
    ed.revalidate();
    ed.refilter();
    vec![save_effect(ed)]
}

/// Save the draft (secrets redacted), or forget it when it equals the server state.
pub fn save_effect(ed: &Editor) -> Effect {
    if !ed.dirty {
        return Effect::DeleteDraft { id: ed.id.clone() };
    }
    Effect::SaveDraft { id: ed.id.clone() }
}

/// Write the draft (secrets redacted) where it can be found when drafts cannot be saved.
pub fn fallback_effect(ed: &Editor) -> Effect {
    Effect::WriteFallback {
        id: ed.id.clone(),
        draft: redacted(ed),
    }
}

/// The draft as files may hold it: shared, not copied, unless a secret has to be blanked.
fn redacted(ed: &Editor) -> Arc<Value> {
    if ed.draft_has_secret() {
        let mut d = Value::clone(&ed.draft);
        crate::model::redact_secrets(&mut d);
        Arc::new(d)
    } else {
        Arc::clone(&ed.draft)
    }
}

/// `u` / `Ctrl-r`.
pub fn undo_redo(state: &mut State, undo: bool) -> Vec<Effect> {
    let Some(ed) = state.editor.as_mut() else {
        return Vec::new();
    };
    let done = if undo {
        ed.undo.undo(&mut ed.draft)
    } else {
        ed.undo.redo(&mut ed.draft)
    };
    if !done {
        state.info(if undo {
            "Nothing to undo"
        } else {
            "Nothing to redo"
        });
        return Vec::new();
    }
    let fx = after_change(ed);
    state.info(if undo { "Undone" } else { "Redone" });
    fx
}
