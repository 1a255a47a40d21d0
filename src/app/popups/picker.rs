//! Enter on a choice field: a list of its values with a filter. Typing narrows the list,
//! arrows move, Enter writes the value through the normal field write (undoable, validated),
//! Esc closes without a change.

use crossterm::event::KeyEvent;
use serde_json::Value;

use crate::app::effects::Effect;
use crate::app::field_edit;
use crate::app::keymap::Cmd;
use crate::app::panes::{self, Choices, Field};
use crate::app::state::{Popup, State, line_input, line_text, type_into};

/// The picker's state: which field, what is typed, which shown row is selected.
#[derive(Debug)]
pub struct Picker {
    pub field: Field,
    pub choices: Choices,
    pub filter: Box<crate::app::state::LineInput>,
    pub selected: usize,
}

/// Open the picker on `f`, the current value selected.
pub fn open(state: &mut State, f: Field, choices: Choices) {
    let Some(ed) = state.editor.as_ref() else {
        return;
    };
    let cur = f.path.get(&ed.draft).cloned().unwrap_or(Value::Null);
    let opts = panes::options(choices, &ed.draft);
    let selected = opts.iter().position(|(v, _)| same(v, &cur)).unwrap_or(0);
    state.popup = Some(Popup::Picker(Box::new(Picker {
        field: f,
        choices,
        filter: Box::new(line_input(String::new())),
        selected,
    })));
}

/// A wire value equals the field's, strings without regard to case (as the server reads
/// them); unset and `""` are the "(none)" option.
fn same(option: &Value, current: &Value) -> bool {
    let unset = |v: &Value| v.is_null() || *v == "";
    match (option, current) {
        (a, b) if unset(a) || unset(b) => unset(a) && unset(b),
        (Value::String(a), Value::String(b)) => a.eq_ignore_ascii_case(b),
        (a, b) => a == b,
    }
}

/// The options that pass `filter` (case-insensitive, anywhere in the label).
pub fn shown(choices: Choices, draft: &Value, filter: &str) -> Vec<(Value, String)> {
    let needle = filter.to_lowercase();
    panes::options(choices, draft)
        .into_iter()
        .filter(|(_, label)| label.to_lowercase().contains(&needle))
        .collect()
}

pub fn key(state: &mut State, cmd: Option<Cmd>, ev: KeyEvent) -> Vec<Effect> {
    // Borrowed, not shared: a second owner of the draft would make the pick copy all of it.
    let Some(draft) = state.editor.as_ref().map(|e| &*e.draft) else {
        state.popup = None;
        return Vec::new();
    };
    let Some(Popup::Picker(p)) = state.popup.as_mut() else {
        return Vec::new();
    };
    let opts = shown(p.choices, draft, &line_text(&p.filter));
    let last = opts.len().saturating_sub(1);
    match cmd {
        Some(Cmd::Up) => p.selected = p.selected.saturating_sub(1),
        Some(Cmd::Down) => p.selected = (p.selected + 1).min(last),
        Some(Cmd::Top) => p.selected = 0,
        Some(Cmd::Bottom) => p.selected = last,
        Some(Cmd::Back) => state.popup = None,
        Some(Cmd::Accept) => {
            let Some((value, _)) = opts.get(p.selected).cloned() else {
                return Vec::new();
            };
            let field = p.field.clone();
            state.popup = None;
            return field_edit::choose(state, &field, value);
        }
        _ => {
            if type_into(&mut p.filter, ev) {
                p.selected = 0;
            }
        }
    }
    Vec::new()
}
