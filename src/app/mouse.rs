//! The optional mouse (`[ui] mouse = true`): a click on a table row or the channel list
//! selects it (a click on the row already selected opens it, as Enter), a click on a pane's
//! tab shows the pane, and the wheel moves three rows as the arrow keys do, through the key
//! table, so that an open dialog gets only what its own keys would do.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::effects::Effect;
use super::rows::RowKind;
use super::state::{Pane, State, View};
use super::{intents, navigate};

/// What the terminal reported, in the screen's cells.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mouse {
    Click { column: u16, row: u16 },
    ScrollUp,
    ScrollDown,
}

/// Rows one wheel step moves.
const WHEEL_ROWS: usize = 3;

pub fn input(state: &mut State, m: Mouse) -> Vec<Effect> {
    match m {
        Mouse::ScrollUp | Mouse::ScrollDown => {
            let code = if m == Mouse::ScrollUp {
                KeyCode::Up
            } else {
                KeyCode::Down
            };
            let mut fx = Vec::new();
            for _ in 0..WHEEL_ROWS {
                let key = KeyEvent::new(code, KeyModifiers::NONE);
                fx.extend(super::update::update(state, super::Action::Key(key)));
            }
            fx
        }
        Mouse::Click { column, row } => click(state, column, row),
    }
}

fn click(state: &mut State, x: u16, y: u16) -> Vec<Effect> {
    // A dialog or an open text box takes only keys.
    if state.popup.is_some()
        || super::update::scopes(state).first() == Some(&super::keymap::Scope::Typing)
    {
        return Vec::new();
    }
    let h = state.height;
    match (state.view, state.editor.as_mut()) {
        (View::Editor, Some(ed)) => {
            if y == 1 {
                if let Some(p) = tab_at(x, state.width) {
                    ed.pane = p;
                }
                return Vec::new();
            }
            let Some(kind) = RowKind::of(ed.pane).filter(|k| ed.table(*k).form.is_none()) else {
                return Vec::new();
            };
            // Body from row 2 (title, tabs), inside its border; the filter line and a
            // server error banner come before the header, as `ui::members` lays them out.
            let t = ed.table(kind);
            let filter = u16::from(t.filter.is_some() || !t.filter_text.is_empty());
            let banner = u16::from(ed.server_error.is_some());
            let first = 3 + filter + banner + 1;
            let fit = h.saturating_sub(4 + 2 + filter + banner + 1);
            let total = ed.total(kind);
            let Some(pos) = hit(t.selected, t.offset, t.len(total), first, fit, y) else {
                return Vec::new();
            };
            let again = pos == t.selected;
            let t = ed.table_mut(kind);
            t.selected = pos;
            t.offset = window(t.selected, t.offset, usize::from(fit));
            t.extend_range(total);
            if again {
                navigate::open_row(ed);
            }
            Vec::new()
        }
        _ => {
            // The list fills the screen from row 1, inside its border.
            let l = &state.list;
            let filter = u16::from(l.filter.is_some() || !l.filter_text.is_empty());
            let first = 2 + filter + 1;
            let fit = h.saturating_sub(3 + 2 + filter + 1);
            let Some(pos) = hit(l.selected, l.offset, l.visible.len(), first, fit, y) else {
                return Vec::new();
            };
            let again = pos == l.selected;
            state.list.selected = pos;
            state.list.offset = window(pos, state.list.offset, usize::from(fit));
            if again {
                return intents::open_selected(state);
            }
            Vec::new()
        }
    }
}

/// The first row a table of `fit` lines shows (as the drawing scrolls it).
fn window(selected: usize, offset: usize, fit: usize) -> usize {
    let fit = fit.max(1);
    if selected < offset {
        selected
    } else if selected >= offset + fit {
        selected + 1 - fit
    } else {
        offset
    }
}

/// The shown row at screen line `y`, when a row is there.
fn hit(selected: usize, offset: usize, len: usize, first: u16, fit: u16, y: u16) -> Option<usize> {
    if y < first || y >= first + fit {
        return None;
    }
    let pos = window(selected, offset, usize::from(fit)) + usize::from(y - first);
    (pos < len).then_some(pos)
}

/// The pane whose tab is at column `x` (labels ` N Title ` and a `│` after each).
fn tab_at(x: u16, width: u16) -> Option<Pane> {
    let short = Pane::short_tabs(width);
    let mut left = 0u16;
    for p in Pane::ALL {
        let title = p.tab_title(short);
        let w = title.chars().count() as u16 + 4;
        if x < left + w {
            return Some(p);
        }
        left += w + 1;
        if x < left {
            return None;
        }
    }
    None
}
