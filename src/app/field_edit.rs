//! Typing into a form field: Enter opens a text box for typed fields (choices and yes/no step
//! instead); each keystroke writes into the draft and re-validates just that part; Enter keeps
//! the edit as one undo step, Esc puts the old value back.

use std::sync::Arc;

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use serde_json::Value;

use super::draft;
use super::editor::{Editor, FieldEdit};
use super::effects::Effect;
use super::keymap::{Cmd, Scope};
use super::panes::{self, Choices, Field, Kind};
use super::state::{Confirm, Popup, State, line_input, line_text, type_into};
use super::undo::Delta;
use crate::path::{Path, Step};
use crate::validate::keeps_member_identity;

pub fn focused_field(ed: &Editor) -> Option<Field> {
    let i = panes::focus(ed)?;
    panes::current_fields(ed).into_iter().nth(i)
}

/// Enter on a form field: typed fields open a text box; choices and yes/no step forward.
pub fn begin(state: &mut State) -> Vec<Effect> {
    let Some(ed) = state.editor.as_mut() else {
        return Vec::new();
    };
    let Some(f) = focused_field(ed) else {
        return Vec::new();
    };
    if let Kind::Choice(c) = f.kind {
        super::popups::picker_open(state, f, c);
        return Vec::new();
    }
    if !f.kind.is_typed() {
        return step_choice(state, 1);
    }
    if is_member_identity(&f.path) {
        ed.index_identities();
    }
    let mut input = line_input(panes::edit_text(&f, &ed.draft));
    if f.kind == Kind::Secret {
        input.set_mask_char('•');
    }
    ed.edit = Some(FieldEdit {
        dirty_before: ed.dirty,
        before: f.path.get(&ed.draft).cloned(),
        path: f.path,
        kind: f.kind,
        input,
        refused: None,
    });
    state.status = None;
    Vec::new()
}

/// Left/Right on a choice or yes/no field.
pub fn step_choice(state: &mut State, step: isize) -> Vec<Effect> {
    let Some(ed) = state.editor.as_ref() else {
        return Vec::new();
    };
    let Some(f) = focused_field(ed) else {
        return Vec::new();
    };
    let cur = f.path.get(&ed.draft).cloned();
    let next = match f.kind {
        Kind::Choice(c) => panes::cycle(c, &ed.draft, cur.as_ref(), step),
        Kind::Bool => Value::Bool(!cur.and_then(|v| v.as_bool()).unwrap_or(false)),
        _ => return Vec::new(),
    };
    choose(state, &f, next)
}

/// Write `value` into a choice or yes/no field as one undo step (Null removes the key).
/// A member type that changes how members are identified asks first.
pub fn choose(state: &mut State, f: &Field, value: Value) -> Vec<Effect> {
    let Some(ed) = state.editor.as_ref() else {
        return Vec::new();
    };
    if let Kind::Choice(Choices::MemberType) = f.kind {
        let members = ed.member_total();
        let flips = crate::model::is_ecs(&ed.draft)
            != value.as_str().is_some_and(crate::model::is_ecs_type);
        if members > 0 && flips {
            state.popup = Some(Popup::Confirm(Confirm::MemberType { to: value, members }));
            return Vec::new();
        }
    }
    if let Some(row) = member_row(&f.path) {
        return choose_member(state, f, row, value);
    }
    draft::change_or_say(state, |d| {
        f.path
            .put(d, (!value.is_null()).then_some(value))
            .map_err(|e| e.to_string())
    })
}

/// [`choose`] for a field of member `row` (group, status, backup): one undo step that
/// re-checks that member alone (and, for its group, the members its identity shares).
fn choose_member(state: &mut State, f: &Field, row: usize, value: Value) -> Vec<Effect> {
    let Some(ed) = state.editor.as_mut() else {
        return Vec::new();
    };
    let before = f.path.get(&ed.draft).cloned();
    let now = (!value.is_null()).then_some(value);
    if before == now {
        return Vec::new();
    }
    let identity = is_member_identity(&f.path);
    if identity {
        ed.index_identities();
    }
    if let Err(e) = f.path.put(Arc::make_mut(&mut ed.draft), now) {
        state.error(crate::sanitize::line(&e.to_string()));
        return Vec::new();
    }
    ed.undo.record(Delta::at(f.path.clone(), before));
    ed.touched(&f.path);
    if identity {
        ed.revalidate_identity(&f.path);
    } else {
        ed.revalidate_at(&f.path);
    }
    ed.refilter_member(row);
    vec![draft::save_effect(ed)]
}

/// A key while a field's text box is open.
pub fn key(state: &mut State, ev: KeyEvent) -> Vec<Effect> {
    let read_only = state.read_only;
    let Some(ed) = state.editor.as_mut() else {
        return Vec::new();
    };
    match state.keys.lookup(&[Scope::Typing], read_only, &ev) {
        Some(Cmd::Accept) => return keep(ed),
        Some(Cmd::Back) => {
            cancel(ed);
            return Vec::new();
        }
        _ => {}
    }
    let Some(edit) = ed.edit.as_mut() else {
        return Vec::new();
    };
    let ctrl = ev.modifiers.contains(KeyModifiers::CONTROL);
    if let KeyCode::Char(c) = ev.code
        && !ctrl
        && matches!(edit.kind, Kind::Number { .. })
        && !c.is_ascii_digit()
    {
        edit.refused = Some(format!("'{}' refused: digits only", c.escape_default()));
        return Vec::new();
    }
    // A field is one line: no tabs, no line breaks (Ctrl-J / Ctrl-M are newlines to the box).
    if matches!(ev.code, KeyCode::Tab | KeyCode::BackTab)
        || (ctrl && matches!(ev.code, KeyCode::Char('j' | 'm')))
    {
        return Vec::new();
    }
    edit.refused = None;
    if type_into(&mut edit.input, ev) {
        typed(ed);
    }
    Vec::new()
}

/// The box's text changed: write it into the draft and re-check that part.
fn typed(ed: &mut Editor) {
    let Some(edit) = ed.edit.as_mut() else {
        return;
    };
    let text = line_text(&edit.input);
    match panes::parse_text(edit.kind, &text) {
        Ok(v) => {
            let path = edit.path.clone();
            if let Err(e) = path.put(Arc::make_mut(&mut ed.draft), v) {
                edit.refused = Some(e.to_string());
                return;
            }
            // Exact and cheap: only this field is compared with the base again.
            ed.touched(&path);
            ed.revalidate_at(&path);
        }
        Err(e) => edit.refused = Some(e),
    }
}

/// Enter: keep the edit as one undo step.
fn keep(ed: &mut Editor) -> Vec<Effect> {
    let Some(edit) = ed.edit.take() else {
        return Vec::new();
    };
    let now = edit.path.get(&ed.draft).cloned();
    if now == edit.before {
        ed.dirty = edit.dirty_before;
        if is_member_identity(&edit.path) {
            // Typing dropped this member's findings across members; bring them back.
            ed.revalidate_identity(&edit.path);
        }
        return Vec::new();
    }
    let mut back = Delta::at(edit.path.clone(), edit.before.clone());
    if let Some(row) = member_row(&edit.path) {
        ed.undo.record(back);
        // Each keystroke already re-checked this member (see revalidate_at) and compared it
        // with the base (see `Editor::touched`); an identity also changes the findings
        // across members, which the identity index re-checks for just this member.
        if !keeps_member_identity(&edit.path) {
            ed.revalidate_identity(&edit.path);
        }
        ed.refilter_member(row);
        return vec![draft::save_effect(ed)];
    }
    for i in rename_group_members(
        Arc::make_mut(&mut ed.draft),
        &edit.path,
        edit.before.as_ref(),
        now.as_ref(),
    ) {
        back = back.and(
            Path::root()
                .key("members")
                .index(i)
                .key("member_group_name"),
            edit.before.clone(),
        );
    }
    ed.undo.record(back);
    draft::after_change(ed)
}

/// Esc: put the old value back.
fn cancel(ed: &mut Editor) {
    let Some(edit) = ed.edit.take() else {
        return;
    };
    if let Err(e) = edit.path.put(Arc::make_mut(&mut ed.draft), edit.before) {
        tracing::warn!("cannot restore {}: {e}", edit.path);
    }
    ed.touched(&edit.path);
    if is_member_identity(&edit.path) {
        // Typing dropped the findings across members; bring them back exactly.
        ed.revalidate_identity(&edit.path);
    } else {
        ed.revalidate_at(&edit.path);
    }
}

/// The member a path is a field of (`members[3].weight` -> 3).
fn member_row(path: &Path) -> Option<usize> {
    match path.steps() {
        [Step::Key(k), Step::Index(i), Step::Key(_), ..] if k == "members" => Some(*i),
        _ => None,
    }
}

/// A field of a member that is part of its identity (host, port, group name, ecs_id).
fn is_member_identity(path: &Path) -> bool {
    member_row(path).is_some() && !keeps_member_identity(path)
}

/// Paste into an open text box (bracketed paste). A field is one line: a paste of several
/// lines is refused with a message rather than cut without a word.
pub fn paste(state: &mut State, text: &str) -> Vec<Effect> {
    let Some(ed) = state.editor.as_mut() else {
        return Vec::new();
    };
    let Some(edit) = ed.edit.as_mut() else {
        return Vec::new();
    };
    let text = text.trim_end_matches(['\r', '\n']);
    if text.contains(['\n', '\r']) {
        edit.refused = Some(format!(
            "paste refused: {} lines into a one-line field",
            text.lines().count()
        ));
        return Vec::new();
    }
    let number = matches!(edit.kind, Kind::Number { .. });
    let keep = |c: &char| !c.is_control() && (!number || c.is_ascii_digit());
    let clean: String = text.chars().filter(keep).collect();
    // As when typing: a number field takes the digits and says what it left out.
    edit.refused = (clean.chars().count() != text.chars().count()).then(|| {
        format!(
            "pasted {:?}; kept {clean:?} (digits only)",
            crate::sanitize::line(text)
        )
    });
    edit.input.insert_str(&clean);
    typed(ed);
    Vec::new()
}

/// A group renamed in its form takes its members along (the PUT body must name the group
/// each member is in; docs/api.md §5.4), in the same undo step. Gives the members it moved.
fn rename_group_members(
    draft: &mut Value,
    path: &Path,
    old: Option<&Value>,
    new: Option<&Value>,
) -> Vec<usize> {
    let is_group_name = matches!(path.steps(),
        [Step::Key(k), Step::Index(_), Step::Key(f)] if k == "member_groups" && f == "member_group_name");
    let (Some(Value::String(old)), Some(Value::String(new))) = (old, new) else {
        return Vec::new();
    };
    if !is_group_name || old.is_empty() {
        return Vec::new();
    }
    let Some(members) = draft["members"].as_array_mut() else {
        return Vec::new();
    };
    let mut moved = Vec::new();
    for (i, m) in members.iter_mut().enumerate() {
        if m["member_group_name"].as_str() == Some(old.as_str())
            && let Some(obj) = m.as_object_mut()
        {
            obj.insert("member_group_name".into(), Value::String(new.clone()));
            moved.push(i);
        }
    }
    moved
}
