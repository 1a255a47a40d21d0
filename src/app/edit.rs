//! Changing the draft: every change is one undo step, re-validates, and saves the draft.

use std::collections::{HashMap, HashSet};
use std::sync::Arc;

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use serde_json::Value;

use super::effects::{Effect, Loaded};
use super::panes::{self, Field, FieldPath, Kind, members};
use super::rules;
use super::state::{Editor, FieldEdit, FormState, Pane, State, Table};
use super::undo::Undo;

impl Editor {
    pub fn new(id: String, loaded: Loaded) -> Editor {
        let base = crate::model::base_value(&loaded.detail, &loaded.members);
        let mut health = HashMap::new();
        if let Some(ms) = base["members"].as_array() {
            for (m, info) in ms.iter().zip(&loaded.members) {
                if let Some(h) = info.health_status.as_deref().filter(|h| !h.is_empty()) {
                    health.insert(panes::member_identity(m, &base), h.to_string());
                }
            }
        }
        let mut ed = Editor {
            id,
            detail: loaded.detail,
            health,
            draft: Arc::new(base.clone()),
            base,
            undo: Undo::default(),
            problems: Vec::new(),
            error_count: 0,
            warning_count: 0,
            bad_members: HashSet::new(),
            bad_groups: HashSet::new(),
            dirty: false,
            pane: Pane::Overview,
            overview: FormState::default(),
            health_form: FormState::default(),
            micro: FormState::default(),
            groups: Table::default(),
            members: Table::default(),
            group_form: None,
            member_form: None,
            edit: None,
            server_error: None,
            sent_request: None,
        };
        ed.revalidate();
        ed
    }

    /// Re-run validation and note which rows have problems (tables mark them).
    pub fn revalidate(&mut self) {
        self.problems = rules::validate(&self.draft);
        self.count_problems();
        self.dirty = *self.draft != self.base;
    }

    /// Re-validate the part of the draft that `path` can affect, cheaply enough for every
    /// keystroke at any channel size: a body holding only that member (or no members) is
    /// checked and its findings replace the old ones there. Rules across members (duplicates)
    /// are checked again in full when the edit is kept.
    pub fn revalidate_at(&mut self, path: &FieldPath) {
        use super::panes::Seg;
        let top = match path.0.first() {
            Some(Seg::Key(k)) => k.clone(),
            _ => return self.revalidate(),
        };
        let row = match path.0.get(1) {
            Some(Seg::Index(i)) => Some(*i),
            _ => None,
        };
        if top == "members" && row.is_none() {
            return self.revalidate();
        }
        let Value::Object(draft) = &*self.draft else {
            return self.revalidate();
        };
        let mut small = serde_json::Map::new();
        for (k, v) in draft {
            if k != "members" {
                small.insert(k.clone(), v.clone());
            }
        }
        let (scope, rename) = match row {
            Some(i) if top == "members" => {
                let m = self.draft["members"].get(i).cloned().unwrap_or(Value::Null);
                small.insert("members".into(), Value::Array(vec![m]));
                (
                    format!("members[{i}]"),
                    Some(("members[0]".to_string(), format!("members[{i}]"))),
                )
            }
            Some(i) => (format!("{top}[{i}]"), None),
            None => (top.clone(), None),
        };
        if top != "members" {
            small.insert("members".into(), Value::Array(Vec::new()));
        }
        let within = |p: &str, scope: &str| {
            p == scope || p.starts_with(&format!("{scope}.")) || p.starts_with(&format!("{scope}["))
        };
        let fresh: Vec<rules::Problem> = rules::validate(&Value::Object(small))
            .into_iter()
            .filter_map(|mut p| {
                if let Some((from, to)) = &rename {
                    if !within(&p.path, from) {
                        return None;
                    }
                    p.path = format!("{to}{}", &p.path[from.len()..]);
                }
                within(&p.path, &scope).then_some(p)
            })
            .collect();
        // Findings across members still hold while the member's identity is untouched; they
        // go after the member's own, as the full check emits them.
        let keep_cross = member_field_keeps_identity(path);
        let mut cross = Vec::new();
        self.problems.retain(|p| {
            if !within(&p.path, &scope) {
                return true;
            }
            if keep_cross && CROSS_MEMBER_CODES.contains(&p.code.as_str()) {
                cross.push(p.clone());
            }
            false
        });
        self.problems.extend(fresh);
        self.problems.extend(cross);
        // The full check's order: errors first, then paths (indices as numbers); stable.
        self.problems.sort_by(|a, b| {
            (!a.error)
                .cmp(&!b.error)
                .then_with(|| crate::validate::compare_paths(&a.path, &b.path))
        });
        self.count_problems();
    }

    fn count_problems(&mut self) {
        self.error_count = self.problems.iter().filter(|p| p.error).count();
        self.warning_count = self.problems.len() - self.error_count;
        self.bad_members.clear();
        self.bad_groups.clear();
        for p in &self.problems {
            if let Some(i) = row_of(&p.path, "members") {
                self.bad_members.insert(i);
            } else if let Some(i) = row_of(&p.path, "member_groups") {
                self.bad_groups.insert(i);
            }
        }
    }

    /// Recompute the filtered row lists after rows were added or removed.
    pub fn refilter(&mut self) {
        self.members.visible = (!self.members.filter_text.is_empty())
            .then(|| members::filter(&self.draft, &self.members.filter_text));
        self.groups.visible = (!self.groups.filter_text.is_empty()).then(|| {
            let needle = self.groups.filter_text.to_lowercase();
            rows(&self.draft, "member_groups")
                .iter()
                .enumerate()
                .filter(|(_, g)| {
                    panes::plain(&g["member_group_name"])
                        .to_lowercase()
                        .contains(&needle)
                })
                .map(|(i, _)| i)
                .collect()
        });
        let (mt, gt) = (self.member_total(), self.group_total());
        clamp(&mut self.members, mt);
        clamp(&mut self.groups, gt);
        if self.member_form.is_some_and(|(i, _)| i >= mt) {
            self.member_form = None;
        }
        if self.group_form.is_some_and(|(i, _)| i >= gt) {
            self.group_form = None;
        }
    }

    pub fn member_total(&self) -> usize {
        rows(&self.draft, "members").len()
    }

    pub fn group_total(&self) -> usize {
        rows(&self.draft, "member_groups").len()
    }

    /// The diagnostics of one field (index-form path).
    pub fn problems_at<'a>(&'a self, path: &'a str) -> impl Iterator<Item = &'a rules::Problem> {
        self.problems.iter().filter(move |p| p.path == path)
    }

    /// The server error, when it sits on this field.
    pub fn server_error_at(&self, path: &str) -> Option<&super::state::ServerError> {
        self.server_error
            .as_ref()
            .filter(|e| e.path.as_deref() == Some(path))
    }
}

/// The findings that compare members with each other; all of them depend only on each
/// member's identity (group, host or ecs_id, port).
const CROSS_MEMBER_CODES: [&str; 2] = ["duplicate_member", "mixed_groups"];

/// True for a field of one member that is not part of its identity (`members[3].weight`):
/// changing it cannot change any finding across members, so the one-member check is exact.
fn member_field_keeps_identity(path: &FieldPath) -> bool {
    use super::panes::Seg;
    matches!(path.0.as_slice(),
        [Seg::Key(top), Seg::Index(_), Seg::Key(field), ..] if top == "members"
            && !matches!(field.as_str(), "member_group_name" | "host" | "ecs_id" | "port"))
}

pub fn rows<'a>(draft: &'a Value, key: &str) -> &'a [Value] {
    draft[key].as_array().map_or(&[], Vec::as_slice)
}

/// `members[12].weight` -> Some(12) for key `members`.
pub fn row_of(path: &str, key: &str) -> Option<usize> {
    let rest = path.strip_prefix(key)?.strip_prefix('[')?;
    rest[..rest.find(']')?].parse().ok()
}

fn clamp(t: &mut Table, total: usize) {
    let n = t.len(total);
    if t.selected >= n {
        t.selected = n.saturating_sub(1);
    }
    if t.offset > t.selected {
        t.offset = t.selected;
    }
}

/// After the draft changed: validate, refresh tables, and save the draft.
pub fn after_change(ed: &mut Editor) -> Vec<Effect> {
    ed.revalidate();
    ed.refilter();
    vec![save_effect(ed)]
}

/// Save the draft (secrets redacted), or forget it when it equals the server state.
pub fn save_effect(ed: &Editor) -> Effect {
    if ed.dirty {
        // Shared, not copied, unless a secret has to be blanked first.
        let draft = if has_secret(&ed.draft) {
            let mut d = Value::clone(&ed.draft);
            crate::model::redact_secrets(&mut d);
            Arc::new(d)
        } else {
            Arc::clone(&ed.draft)
        };
        Effect::SaveDraft {
            id: ed.id.clone(),
            draft,
        }
    } else {
        Effect::DeleteDraft { id: ed.id.clone() }
    }
}

/// True when `redact_secrets` would change `v`.
fn has_secret(v: &Value) -> bool {
    match v {
        Value::Object(map) => map.iter().any(|(k, child)| {
            (crate::model::is_secret_key(k) && !child.is_null()) || has_secret(child)
        }),
        Value::Array(items) => items.iter().any(has_secret),
        _ => false,
    }
}

/// One undoable change of the draft. On error the draft is left as it was.
pub fn change(
    state: &mut State,
    f: impl FnOnce(&mut Value) -> Result<(), String>,
) -> Result<Vec<Effect>, String> {
    let Some(ed) = state.editor.as_mut() else {
        return Err("no channel is open".into());
    };
    let before = Arc::clone(&ed.draft);
    if let Err(e) = f(Arc::make_mut(&mut ed.draft)) {
        ed.draft = before;
        return Err(e);
    }
    if ed.draft == before {
        return Ok(Vec::new());
    }
    ed.undo.record(before);
    Ok(after_change(ed))
}

/// Put secrets the user never saw (`***` placeholders) back from `from`.
pub fn restore_secrets(into: &mut Value, from: &Value) {
    match (into, from) {
        (Value::Object(a), Value::Object(b)) => {
            for (k, v) in a.iter_mut() {
                match b.get(k) {
                    Some(orig) if crate::model::is_secret_key(k) && *v == "***" => {
                        *v = orig.clone()
                    }
                    Some(orig) => restore_secrets(v, orig),
                    None => {}
                }
            }
        }
        (Value::Array(a), Value::Array(b)) => {
            for (x, y) in a.iter_mut().zip(b) {
                restore_secrets(x, y);
            }
        }
        _ => {}
    }
}

pub fn focused_field(ed: &Editor) -> Option<Field> {
    let i = panes::focus(ed)?;
    panes::current_fields(ed).into_iter().nth(i)
}

/// Enter on a form field: typed fields open a text box; choices and yes/no step forward.
pub fn begin_edit(state: &mut State) -> Vec<Effect> {
    let Some(ed) = state.editor.as_mut() else {
        return Vec::new();
    };
    let Some(f) = focused_field(ed) else {
        return Vec::new();
    };
    if !f.kind.is_typed() {
        return step_choice(state, 1);
    }
    let mut input = super::state::line_input(panes::edit_text(&f, &ed.draft));
    if f.kind == Kind::Secret {
        input.set_mask_char('•');
    }
    ed.undo.record(Arc::clone(&ed.draft));
    state.status = None;
    let Some(ed) = state.editor.as_mut() else {
        return Vec::new();
    };
    ed.edit = Some(FieldEdit {
        dirty_before: ed.dirty,
        before: f.path.get(&ed.draft).cloned(),
        path: f.path,
        kind: f.kind,
        input,
        refused: None,
    });
    Vec::new()
}

/// Left/Right on a choice or yes/no field.
pub fn step_choice(state: &mut State, step: isize) -> Vec<Effect> {
    let Some(f) = state.editor.as_ref().and_then(focused_field) else {
        return Vec::new();
    };
    let r = change(state, |d| {
        let cur = f.path.get(d).cloned();
        let next = match f.kind {
            Kind::Choice(c) => panes::cycle(c, d, cur.as_ref(), step),
            Kind::Bool => Value::Bool(!cur.and_then(|v| v.as_bool()).unwrap_or(false)),
            _ => return Ok(()),
        };
        f.path.set(d, (!next.is_null()).then_some(next));
        Ok(())
    });
    r.unwrap_or_default()
}

/// A key while a field's text box is open.
pub fn edit_key(state: &mut State, key: KeyEvent) -> Vec<Effect> {
    let Some(ed) = state.editor.as_mut() else {
        return Vec::new();
    };
    let Some(edit) = ed.edit.as_mut() else {
        return Vec::new();
    };
    match key.code {
        KeyCode::Enter => {
            let now = edit.path.get(&ed.draft).cloned();
            let unchanged = now == edit.before;
            let dirty_before = edit.dirty_before;
            let (path, before) = (edit.path.clone(), edit.before.clone());
            ed.edit = None;
            if unchanged {
                ed.undo.drop_last();
                ed.dirty = dirty_before;
                return Vec::new();
            }
            if member_field_keeps_identity(&path) {
                // Each keystroke already re-checked this member exactly (see revalidate_at).
                ed.dirty = *ed.draft != ed.base;
                ed.refilter();
                return vec![save_effect(ed)];
            }
            rename_group_members(
                Arc::make_mut(&mut ed.draft),
                &path,
                before.as_ref(),
                now.as_ref(),
            );
            return after_change(ed);
        }
        KeyCode::Esc => {
            let path = edit.path.clone();
            let before = edit.before.clone();
            ed.dirty = edit.dirty_before;
            ed.edit = None;
            path.set(Arc::make_mut(&mut ed.draft), before);
            ed.undo.drop_last();
            if path.0.first() == Some(&super::panes::Seg::Key("members".into()))
                && !member_field_keeps_identity(&path)
            {
                // Typing dropped the findings across members; bring them back exactly.
                let dirty = ed.dirty;
                ed.revalidate();
                ed.dirty = dirty;
            } else {
                ed.revalidate_at(&path);
            }
            return Vec::new();
        }
        KeyCode::Char(c)
            if !key.modifiers.contains(KeyModifiers::CONTROL)
                && matches!(edit.kind, Kind::Number { .. })
                && !c.is_ascii_digit() =>
        {
            edit.refused = Some(format!("'{}' refused: digits only", c.escape_default()));
            return Vec::new();
        }
        _ => {}
    }
    // A field is one line: no tabs, no line breaks (Ctrl-J / Ctrl-M are newlines to the box).
    let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
    if matches!(key.code, KeyCode::Tab | KeyCode::BackTab)
        || (ctrl && matches!(key.code, KeyCode::Char('j' | 'm')))
    {
        return Vec::new();
    }
    edit.refused = None;
    if !edit.input.input(key) {
        return Vec::new();
    }
    let text = super::state::line_text(&edit.input);
    match panes::parse_text(edit.kind, &text) {
        Ok(v) => {
            let path = edit.path.clone();
            let changed = v != edit.before;
            path.set(Arc::make_mut(&mut ed.draft), v);
            // Exact on Enter; while typing, cheap: changed now, or already before.
            ed.dirty = edit.dirty_before || changed;
            ed.revalidate_at(&path);
        }
        Err(e) => edit.refused = Some(e),
    }
    Vec::new()
}

/// Paste into an open text box (bracketed paste), one line.
pub fn paste(state: &mut State, text: &str) -> Vec<Effect> {
    let line: String = text.lines().next().unwrap_or("").to_string();
    let mut out = Vec::new();
    for c in line.chars() {
        out.extend(edit_key(
            state,
            KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE),
        ));
    }
    out
}

/// Show `path` (index form): switch pane, select the row, open its form, focus the field.
pub fn jump_to(ed: &mut Editor, path: &str) {
    let pane = Pane::of_path(path);
    ed.pane = pane;
    let (table, key) = match pane {
        Pane::Members => (&mut ed.members, "members"),
        Pane::Groups => (&mut ed.groups, "member_groups"),
        _ => {
            focus_path(ed, path);
            return;
        }
    };
    let Some(i) = row_of(path, key) else {
        return;
    };
    let pos = match &table.visible {
        Some(v) => v.iter().position(|r| *r == i),
        None => Some(i),
    };
    let pos = pos.unwrap_or_else(|| {
        table.filter_text.clear();
        table.visible = None;
        i
    });
    table.selected = pos;
    let form = Some((i, FormState::default()));
    match pane {
        Pane::Members => ed.member_form = form,
        _ => ed.group_form = form,
    }
    focus_path(ed, path);
}

fn focus_path(ed: &mut Editor, path: &str) {
    let fields = panes::current_fields(ed);
    let at = fields
        .iter()
        .position(|f| f.path.to_string() == path)
        .or_else(|| {
            fields
                .iter()
                .position(|f| path.starts_with(&f.path.to_string()))
        });
    if let (Some(at), Some(focus)) = (at, panes::focus_mut(ed)) {
        *focus = at;
    }
}

/// A group renamed in its form takes its members along (the PUT body must name the group
/// each member is in; spec §5.4), in the same undo step.
fn rename_group_members(
    draft: &mut Value,
    path: &FieldPath,
    old: Option<&Value>,
    new: Option<&Value>,
) {
    use super::panes::Seg;
    let is_group_name = matches!(path.0.as_slice(),
        [Seg::Key(k), Seg::Index(_), Seg::Key(f)] if k == "member_groups" && f == "member_group_name");
    let (Some(Value::String(old)), Some(Value::String(new))) = (old, new) else {
        return;
    };
    if !is_group_name || old.is_empty() {
        return;
    }
    let Some(members) = draft["members"].as_array_mut() else {
        return;
    };
    for m in members {
        if m["member_group_name"].as_str() == Some(old.as_str())
            && let Some(obj) = m.as_object_mut()
        {
            obj.insert("member_group_name".into(), Value::String(new.clone()));
        }
    }
}
