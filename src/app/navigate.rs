//! Moving around: list and table selection, panes, row forms, filters, jumping to a field.

use crossterm::event::KeyEvent;

use super::editor::{Editor, FormState};
use super::effects::Effect;
use super::keymap::{Cmd, KeyMap, Scope};
use super::panes;
use super::rows::RowKind;
use super::state::{Pane, State, line_input, line_text, type_into};
use crate::path::Path;

/// The list filter: every word must be found in some column (name, id, type, groups,
/// members, status), without regard to case, so `ecs offline` narrows on two columns.
pub fn refilter_list(state: &mut State) {
    let needle = state.list.filter_text.to_lowercase();
    let words: Vec<&str> = needle.split_whitespace().collect();
    state.list.visible = state
        .list
        .rows
        .iter()
        .enumerate()
        .filter(|(_, r)| {
            let cols = [
                r.name.to_lowercase(),
                r.id.to_lowercase(),
                r.kind.to_lowercase(),
                r.groups.to_string(),
                r.members.map(|m| m.to_string()).unwrap_or_default(),
                r.status.to_lowercase(),
            ];
            words.iter().all(|w| cols.iter().any(|c| c.contains(w)))
        })
        .map(|(i, _)| i)
        .collect();
    let n = state.list.visible.len();
    state.list.selected = state.list.selected.min(n.saturating_sub(1));
    state.list.offset = state.list.offset.min(state.list.selected);
}

/// New selection after a movement key in a list of `n` rows showing `page` at a time.
pub fn moved(cmd: Cmd, selected: usize, n: usize, page: usize) -> usize {
    let last = n.saturating_sub(1);
    match cmd {
        Cmd::Up => selected.saturating_sub(1),
        Cmd::Down => (selected + 1).min(last),
        Cmd::PageUp => selected.saturating_sub(page),
        Cmd::PageDown => (selected + page).min(last),
        Cmd::Top => 0,
        Cmd::Bottom => last,
        _ => selected,
    }
}

fn scroll(offset: &mut usize, selected: usize, page: usize) {
    if selected < *offset {
        *offset = selected;
    } else if selected >= *offset + page {
        *offset = selected + 1 - page;
    }
}

pub fn move_list(state: &mut State, cmd: Cmd) {
    let page = state.page_rows();
    let l = &mut state.list;
    l.selected = moved(cmd, l.selected, l.visible.len(), page);
    scroll(&mut l.offset, l.selected, page);
}

/// A movement key in the editor: the table's selection, or the form's focus.
pub fn move_in_editor(ed: &mut Editor, cmd: Cmd, in_table: bool, page: usize) {
    match RowKind::of(ed.pane).filter(|_| in_table) {
        Some(kind) => {
            let total = ed.total(kind);
            let t = ed.table_mut(kind);
            t.selected = moved(cmd, t.selected, t.len(total), page);
            scroll(&mut t.offset, t.selected, page);
            t.extend_range(total);
        }
        None => {
            let n = panes::current_fields(ed).len();
            if let Some(f) = panes::focus_mut(ed) {
                *f = moved(cmd, *f, n, page);
            }
        }
    }
}

/// After a resize, keep every selection on screen.
pub fn keep_visible(state: &mut State) {
    let page = state.page_rows();
    scroll(&mut state.list.offset, state.list.selected, page);
    if let Some(ed) = state.editor.as_mut() {
        for kind in RowKind::ALL {
            let t = ed.table_mut(kind);
            scroll(&mut t.offset, t.selected, page);
        }
    }
}

/// `Tab`, `Shift-Tab`, `1`..`5`.
pub fn switch_pane(ed: &mut Editor, cmd: Cmd) {
    let i = ed.pane.index();
    ed.pane = match cmd {
        Cmd::NextPane => Pane::ALL[(i + 1) % Pane::ALL.len()],
        Cmd::PrevPane => Pane::ALL[(i + Pane::ALL.len() - 1) % Pane::ALL.len()],
        Cmd::Pane(n) => Pane::ALL[usize::from(n).min(Pane::ALL.len() - 1)],
        _ => ed.pane,
    };
}

/// `/` in a table: open its filter box.
pub fn open_filter(ed: &mut Editor) {
    if let Some(kind) = RowKind::of(ed.pane) {
        let t = ed.table_mut(kind);
        t.filter = Some(line_input(t.filter_text.clone()));
    }
}

/// Typing into a table's `/` filter; None when no filter box is open.
pub fn table_filter_key(ed: &mut Editor, keys: &KeyMap, ev: KeyEvent) -> Option<Vec<Effect>> {
    let kind = RowKind::of(ed.pane)?;
    let t = ed.table_mut(kind);
    let input = t.filter.as_mut()?;
    match keys.lookup(&[Scope::Typing], false, &ev) {
        Some(Cmd::Accept) => t.filter = None,
        Some(Cmd::Back) => {
            t.filter = None;
            t.filter_text.clear();
        }
        _ => {
            type_into(input, ev);
            t.filter_text = line_text(input);
        }
    }
    // Kept when the filter is cleared, so that n/N can step through the matches in place.
    if !t.filter_text.is_empty() {
        t.last_search.clone_from(&t.filter_text);
    }
    t.selected = 0;
    t.offset = 0;
    ed.refilter();
    Some(Vec::new())
}

/// Typing into the channel list's filter; None when no filter box is open. Enter opens the
/// first match at once; with none, the box stays open to fix the words.
pub fn list_filter_key(state: &mut State, ev: KeyEvent) -> Option<Vec<Effect>> {
    let input = state.list.filter.as_mut()?;
    match state.keys.lookup(&[Scope::Typing], false, &ev) {
        Some(Cmd::Accept) if state.list.visible.is_empty() => {
            state.info("No channel matches the filter");
            return Some(Vec::new());
        }
        Some(Cmd::Accept) => {
            state.list.filter = None;
            return Some(super::intents::open_selected(state));
        }
        Some(Cmd::Back) => {
            state.list.filter = None;
            state.list.filter_text.clear();
        }
        _ => {
            if type_into(input, ev) {
                state.list.filter_text = line_text(input);
                state.list.selected = 0;
                state.list.offset = 0;
            }
        }
    }
    refilter_list(state);
    Some(Vec::new())
}

/// A paste into whichever filter box is open (the first line of it).
pub fn paste_into_filter(state: &mut State, line: &str) {
    if let Some(input) = state.list.filter.as_mut() {
        input.insert_str(line);
        state.list.filter_text = line_text(input);
        state.list.selected = 0;
        state.list.offset = 0;
        refilter_list(state);
        return;
    }
    let Some(ed) = state.editor.as_mut() else {
        return;
    };
    let Some(kind) = RowKind::of(ed.pane) else {
        return;
    };
    let t = ed.table_mut(kind);
    if let Some(input) = t.filter.as_mut() {
        input.insert_str(line);
        t.filter_text = line_text(input);
        t.last_search.clone_from(&t.filter_text);
        t.selected = 0;
        t.offset = 0;
        ed.refilter();
    }
}

/// Enter in a table: open the selected row's form.
pub fn open_row(ed: &mut Editor) {
    if let Some(kind) = RowKind::of(ed.pane) {
        let total = ed.total(kind);
        let t = ed.table_mut(kind);
        if let Some(i) = t.row(total) {
            t.form = Some((i, FormState::default()));
        }
    }
}

/// Esc in a row form: close it and select its row. None when no form was open; else what
/// to tell the user (that the filter hides the row, as after adding one that does not match).
pub fn close_row_form(ed: &mut Editor) -> Option<Option<String>> {
    let kind = RowKind::of(ed.pane)?;
    let t = ed.table_mut(kind);
    let (i, _) = t.form.take()?;
    if t.select_row(i) {
        return Some(None);
    }
    Some(Some(format!(
        "The filter /{} hides row {} (/ then Esc shows all)",
        crate::sanitize::line(&t.filter_text),
        i + 1
    )))
}

/// Show `path` (index form): switch pane, select the row, open its form, focus the field.
pub fn jump_to(ed: &mut Editor, path: &str) {
    let pane = Pane::of_path(path);
    ed.pane = pane;
    if let Some(kind) = RowKind::of(pane) {
        let Some(i) = path.parse::<Path>().ok().and_then(|p| p.row_of(kind.key())) else {
            return;
        };
        if !ed.table_mut(kind).select_row(i) {
            // The filter hides it: show every row (in the table's sort) and select it.
            ed.table_mut(kind).filter_text.clear();
            ed.refilter();
            ed.table_mut(kind).select_row(i);
        }
        ed.table_mut(kind).form = Some((i, FormState::default()));
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

/// `Space`, `V`, `*` in a table; returns how many rows are marked now.
pub fn mark(ed: &mut Editor, kind: RowKind, cmd: Cmd, page: usize) -> usize {
    let total = ed.total(kind);
    let t = ed.table_mut(kind);
    match cmd {
        Cmd::Mark => {
            if let Some(i) = t.row(total)
                && !t.marked.remove(&i)
            {
                t.marked.insert(i);
            }
            // On to the next row, as in file managers: Space Space Space marks three.
            t.selected = moved(Cmd::Down, t.selected, t.len(total), page);
            scroll(&mut t.offset, t.selected, page);
        }
        Cmd::MarkRange => {
            t.range_from = match t.range_from {
                Some(_) => None,
                None => t.row(total),
            };
            t.extend_range(total);
        }
        Cmd::MarkAll => {
            let shown: Vec<usize> = match &t.visible {
                Some(v) => v.clone(),
                None => (0..total).collect(),
            };
            t.marked.extend(shown);
        }
        _ => {}
    }
    t.marked.len()
}

/// `n` / `N` in a table: select the next / previous row matching the search (the filter in
/// force, else the last one), wrapping at the ends as vim does. The scan stops at the first
/// match, so a press costs the distance to it. Returns what to tell the user.
pub fn search(ed: &mut Editor, kind: RowKind, forward: bool, page: usize) -> String {
    let total = ed.total(kind);
    let t = ed.table(kind);
    let needle = t.search_text().to_lowercase();
    if needle.is_empty() {
        return "No search yet: / filters the rows, then n/N step through the matches".into();
    }
    let rows = ed.rows(kind);
    let n = t.len(total);
    let here = t.selected;
    let matches = |pos: usize| {
        let i = match &t.visible {
            Some(v) => v.get(pos).copied(),
            None => Some(pos),
        };
        i.and_then(|i| rows.get(i))
            .is_some_and(|r| kind.matches(&ed.draft, r, &needle))
    };
    let found = (1..=n)
        .map(|step| {
            if forward {
                (here + step) % n
            } else {
                (here + n - step % n) % n
            }
        })
        .find(|pos| matches(*pos));
    let shown = crate::sanitize::line(t.search_text());
    let Some(pos) = found else {
        return format!("No row matches /{shown}");
    };
    let wrapped = match (forward, pos <= here, pos >= here) {
        (true, true, _) => " (wrapped past the bottom to the top)",
        (false, _, true) => " (wrapped past the top to the bottom)",
        _ => "",
    };
    let t = ed.table_mut(kind);
    t.selected = pos;
    scroll(&mut t.offset, t.selected, page);
    format!("/{shown}: row {}{wrapped}", pos + 1)
}

/// `s` / `S` in a table: sort by the next column / reverse the sort. Returns the message.
pub fn sort(ed: &mut Editor, kind: RowKind, reverse: bool) -> String {
    let total = ed.total(kind);
    let t = ed.table_mut(kind);
    let keep = t.row(total);
    t.sort = if reverse {
        t.sort.reversed(kind)
    } else {
        t.sort.next(kind)
    };
    let sort = t.sort;
    ed.refilter();
    // The selected row stays selected, wherever the sort puts it.
    if let Some(i) = keep {
        ed.table_mut(kind).select_row(i);
    }
    format!("{} (s: next column, S: reverse)", sort.describe(kind))
}
