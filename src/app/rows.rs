//! The two row tables, Members and Groups, served by one piece of logic: a [`RowKind`] says
//! which array of the body a table shows, and everything else (selection, filter, row form,
//! adding and deleting) is the same for both.

use serde_json::Value;

use super::draft;
use super::editor::{Editor, FormState};
use super::effects::Effect;
use super::panes::{self, Field, groups, members};
use super::state::{Confirm, LineInput, Pane, Popup, State};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RowKind {
    Members,
    Groups,
}

impl RowKind {
    pub const ALL: [RowKind; 2] = [RowKind::Members, RowKind::Groups];

    /// The table a pane shows, if it is a table pane.
    pub fn of(pane: Pane) -> Option<RowKind> {
        match pane {
            Pane::Members => Some(RowKind::Members),
            Pane::Groups => Some(RowKind::Groups),
            _ => None,
        }
    }

    /// The body array it shows.
    pub fn key(self) -> &'static str {
        match self {
            RowKind::Members => "members",
            RowKind::Groups => "member_groups",
        }
    }

    pub fn pane(self) -> Pane {
        match self {
            RowKind::Members => Pane::Members,
            RowKind::Groups => Pane::Groups,
        }
    }

    /// The fields of row `i`'s form.
    pub fn fields(self, draft: &Value, i: usize) -> Vec<Field> {
        match self {
            RowKind::Members => members::fields(draft, i),
            RowKind::Groups => groups::fields(draft, i),
        }
    }

    /// A new row, like `like` where that matters (a member joins the selected one's group).
    pub fn new_row(self, draft: &Value, like: Option<&Value>) -> Value {
        match self {
            RowKind::Members => members::new_member(draft, like),
            RowKind::Groups => groups::new_group(draft),
        }
    }

    /// How a row is named in messages.
    pub fn label(self, draft: &Value, row: &Value) -> String {
        match self {
            RowKind::Members => members::address(row, crate::model::is_ecs(draft)),
            RowKind::Groups => panes::plain(&row["member_group_name"]),
        }
    }

    /// Whether `row` matches `needle` (already lower case), as the filter means it.
    pub fn matches(self, draft: &Value, row: &Value, needle: &str) -> bool {
        match self {
            RowKind::Members => members::matches(row, crate::model::is_ecs(draft), needle),
            RowKind::Groups => groups::matches(row, needle),
        }
    }

    /// Rows matching the filter text (case-insensitive).
    pub fn filter(self, draft: &Value, needle: &str) -> Vec<usize> {
        match self {
            RowKind::Members => members::filter(draft, needle),
            RowKind::Groups => groups::filter(draft, needle),
        }
    }
}

/// Selection and scrolling of a table, its filter, and the row form when one is open.
#[derive(Debug, Default)]
pub struct Table {
    pub selected: usize,
    pub offset: usize,
    pub filter: Option<LineInput>,
    pub filter_text: String,
    /// The last filter text, for `n`/`N` and the highlight once the filter is cleared.
    pub last_search: String,
    /// The order rows are shown in (a view: the draft's order never changes).
    pub sort: super::sort::Sort,
    /// Rows passing the filter; `None` = every row.
    pub visible: Option<Vec<usize>>,
    /// The open row form: (row index in the body, focus).
    pub form: Option<(usize, FormState)>,
    /// Rows marked for a bulk action (body indices).
    pub marked: std::collections::BTreeSet<usize>,
    /// `V`: the row the range started at; moving marks every row between it and here.
    pub range_from: Option<usize>,
}

impl Table {
    pub fn len(&self, total: usize) -> usize {
        self.visible.as_ref().map_or(total, Vec::len)
    }

    /// The body index of the selected row.
    pub fn row(&self, total: usize) -> Option<usize> {
        match &self.visible {
            Some(v) => v.get(self.selected).copied(),
            None => (self.selected < total).then_some(self.selected),
        }
    }

    /// Keep the selection and the form inside a table of `total` rows.
    pub fn clamp(&mut self, total: usize) {
        let n = self.len(total);
        if self.selected >= n {
            self.selected = n.saturating_sub(1);
        }
        if self.offset > self.selected {
            self.offset = self.selected;
        }
        if self.form.is_some_and(|(i, _)| i >= total) {
            self.form = None;
        }
    }

    /// The rows an action applies to: the marked ones, or else the selected one.
    pub fn targets(&self, total: usize) -> Vec<usize> {
        if self.marked.is_empty() {
            self.row(total).into_iter().collect()
        } else {
            self.marked.iter().copied().filter(|i| *i < total).collect()
        }
    }

    /// After a move with `V` on: mark every row between the anchor and the selection.
    pub fn extend_range(&mut self, total: usize) {
        let (Some(from), Some(here)) = (self.range_from, self.row(total)) else {
            return;
        };
        let (a, b) = if from <= here {
            (from, here)
        } else {
            (here, from)
        };
        let shown: Vec<usize> = match &self.visible {
            Some(v) => v.iter().copied().filter(|i| (a..=b).contains(i)).collect(),
            None => (a..=b).collect(),
        };
        self.marked.extend(shown);
    }

    /// Select body row `i` if the table shows it; false when the filter hides it.
    pub fn select_row(&mut self, i: usize) -> bool {
        let pos = match &self.visible {
            Some(v) => v.iter().position(|r| *r == i),
            None => Some(i),
        };
        if let Some(pos) = pos {
            self.selected = pos;
        }
        pos.is_some()
    }

    /// What `n`/`N` look for and the table highlights: the filter in force, else the last one.
    pub fn search_text(&self) -> &str {
        if self.filter_text.is_empty() {
            &self.last_search
        } else {
            &self.filter_text
        }
    }
}

/// `a` in a table: append a new row and open its form.
pub fn add(state: &mut State, kind: RowKind) -> Vec<Effect> {
    let Some(ed) = state.editor.as_ref() else {
        return Vec::new();
    };
    let like = ed
        .table(kind)
        .row(ed.total(kind))
        .map(|i| &ed.rows(kind)[i]);
    let item = kind.new_row(&ed.draft, like);
    let fx = draft::change_or_say(state, |d| {
        let list = d
            .as_object_mut()
            .ok_or("the draft is not an object")?
            .entry(kind.key())
            .or_insert_with(|| Value::Array(Vec::new()));
        if !list.is_array() {
            *list = Value::Array(Vec::new());
        }
        if let Some(a) = list.as_array_mut() {
            a.push(item);
        }
        Ok(())
    });
    if let Some(ed) = state.editor.as_mut() {
        open_new_row(ed, kind);
    }
    state.info("Row added: fill in the form, Esc closes it");
    fx
}

/// Open the form of the last row of `kind` (after an add). The filter stays: the row is
/// selected if it matches, and closing the form says so if the filter hides it.
pub fn open_new_row(ed: &mut Editor, kind: RowKind) {
    let last = ed.total(kind).saturating_sub(1);
    let t = ed.table_mut(kind);
    t.select_row(last);
    t.form = Some((last, FormState::default()));
}

/// `d` in a table: remove the selected row, or every marked one, from the draft (one undo
/// step; nothing is sent).
pub fn delete(state: &mut State, kind: RowKind) -> Vec<Effect> {
    let Some(ed) = state.editor.as_ref() else {
        return Vec::new();
    };
    let targets = ed.table(kind).targets(ed.total(kind));
    if targets.len() > 1 {
        return delete_marked(state, kind, targets);
    }
    let Some(i) = targets.first().copied() else {
        return Vec::new();
    };
    let what = kind.label(&ed.draft, &ed.rows(kind)[i]);
    if kind == RowKind::Groups {
        let name = ed.rows(kind)[i]["member_group_name"].as_str().unwrap_or("");
        let members = groups::member_count(&ed.draft, name);
        if members > 0 {
            state.popup = Some(Popup::Confirm(Confirm::DeleteGroup {
                row: i,
                name: name.to_string(),
                members,
            }));
            return Vec::new();
        }
    }
    let fx = draft::change_or_say(state, |d| {
        if let Some(a) = d[kind.key()].as_array_mut()
            && i < a.len()
        {
            a.remove(i);
        }
        Ok(())
    });
    state.info(format!("Deleted {what} (u undoes)"));
    fx
}

fn delete_marked(state: &mut State, kind: RowKind, targets: Vec<usize>) -> Vec<Effect> {
    let n = targets.len();
    let fx = draft::change_or_say(state, |d| {
        let names: Vec<String> = targets
            .iter()
            .filter_map(|i| {
                d[kind.key()][*i]["member_group_name"]
                    .as_str()
                    .map(str::to_string)
            })
            .collect();
        if let Some(a) = d[kind.key()].as_array_mut() {
            for i in targets.iter().rev() {
                if *i < a.len() {
                    a.remove(*i);
                }
            }
        }
        // Deleting groups deletes their members, as the service does.
        if kind == RowKind::Groups
            && let Some(ms) = d["members"].as_array_mut()
        {
            ms.retain(|m| {
                !m["member_group_name"]
                    .as_str()
                    .is_some_and(|g| names.iter().any(|n| n == g))
            });
        }
        Ok(())
    });
    if let Some(ed) = state.editor.as_mut() {
        ed.table_mut(kind).marked.clear();
    }
    state.info(format!("Deleted {n} rows (u undoes)"));
    fx
}

/// A bulk action: change every target row (the marked ones, or the selected one) in one
/// undo step. Returns how many rows it touched.
pub fn bulk(
    state: &mut State,
    kind: RowKind,
    what: &str,
    f: impl Fn(&mut serde_json::Map<String, Value>),
) -> Vec<Effect> {
    let Some(ed) = state.editor.as_ref() else {
        return Vec::new();
    };
    let targets = ed.table(kind).targets(ed.total(kind));
    if targets.is_empty() {
        state.info("No row to act on");
        return Vec::new();
    }
    let fx = draft::change_or_say(state, |d| {
        for i in &targets {
            if let Some(row) = d[kind.key()].get_mut(*i).and_then(Value::as_object_mut) {
                f(row);
            }
        }
        Ok(())
    });
    let n = targets.len();
    state.info(format!(
        "{what}: {n} row{} (u undoes)",
        if n == 1 { "" } else { "s" }
    ));
    fx
}
