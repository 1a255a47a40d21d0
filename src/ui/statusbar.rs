//! The hint line (from the keymap table) and the status bar (problems, edits, messages),
//! or the `:` command line in its place.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::theme::{DIRTY_GLYPH, ERROR_GLYPH, Theme, WARN_GLYPH};
use crate::app::keymap::{self, Scope};
use crate::app::state::{Level, Popup, ReviewStage, State, View};

pub fn hints(frame: &mut Frame, area: Rect, state: &State, theme: &Theme) {
    if let Some(Popup::Command { error: Some(e), .. }) = &state.popup {
        frame.render_widget(
            Paragraph::new(Line::styled(format!("{ERROR_GLYPH} {e}"), theme.error())),
            area,
        );
        return;
    }
    let pairs: Vec<(&str, &str)> = match &state.popup {
        Some(Popup::Review(rv)) => match rv.stage {
            ReviewStage::ServerChanged(ref sc) if sc.rebased.is_ok() && !state.read_only => {
                vec![("y", "rebase"), ("r", "reload"), ("Esc", "back")]
            }
            ReviewStage::ServerChanged(_) => vec![("r", "reload"), ("Esc", "back")],
            ReviewStage::ConfirmName => vec![("Enter", "confirm"), ("Esc", "cancel")],
            ReviewStage::Checking | ReviewStage::Sending => vec![("?", "help")],
            ReviewStage::Ready => keymap::hints(&[Scope::Review], state.read_only),
        },
        Some(Popup::Command { .. }) => {
            vec![("Enter", "run"), ("Tab", "complete"), ("Esc", "cancel")]
        }
        Some(Popup::Confirm(_)) => vec![("y", "yes"), ("n/Esc", "no")],
        Some(Popup::Problems { .. }) => vec![("↑↓", "select"), ("Enter", "jump"), ("Esc", "close")],
        Some(Popup::Help { .. }) => vec![("↑↓", "scroll"), ("Esc", "close")],
        Some(Popup::JsonError { .. }) => vec![("e", "reopen"), ("Esc", "drop the edit")],
        None => {
            let editing = state.editor.as_ref().is_some_and(|e| e.edit.is_some());
            if editing {
                vec![("Enter", "keep"), ("Esc", "cancel")]
            } else if state.view == View::Editor {
                keymap::hints(&crate::app::update::editor_scopes(state), state.read_only)
            } else {
                keymap::hints(&[Scope::List, Scope::Global], state.read_only)
            }
        }
    };
    let mut spans = Vec::new();
    for (k, d) in pairs {
        spans.push(Span::styled(k.to_string(), theme.key()));
        spans.push(Span::raw(format!(" {d}  ")));
    }
    frame.render_widget(Paragraph::new(Line::from(spans)), area);
}

pub fn status(frame: &mut Frame, area: Rect, state: &State, theme: &Theme) {
    if let Some(Popup::Command { input, .. }) = &state.popup {
        let [colon, rest] =
            Layout::horizontal([Constraint::Length(1), Constraint::Min(1)]).areas(area);
        frame.render_widget(Paragraph::new(Span::styled(":", theme.key())), colon);
        frame.render_widget(&**input, rest);
        return;
    }
    let mut spans = Vec::new();
    if let Some(ed) = state.editor.as_ref().filter(|_| state.view == View::Editor) {
        if ed.error_count > 0 {
            spans.push(Span::styled(
                format!(
                    "{ERROR_GLYPH} {} error{} ",
                    ed.error_count,
                    plural(ed.error_count)
                ),
                theme.error().patch(theme.bar()),
            ));
        }
        if ed.warning_count > 0 {
            spans.push(Span::styled(
                format!(
                    "{WARN_GLYPH} {} warning{} ",
                    ed.warning_count,
                    plural(ed.warning_count)
                ),
                theme.warn().patch(theme.bar()),
            ));
        }
        if ed.error_count == 0 && ed.warning_count == 0 {
            spans.push(Span::styled(" valid ", theme.ok().patch(theme.bar())));
        }
        if ed.dirty {
            spans.push(Span::styled(
                format!(" {DIRTY_GLYPH} modified "),
                theme.bold(),
            ));
        }
        spans.push(Span::raw(" "));
    }
    if let Some(s) = &state.status {
        let st = match s.level {
            Level::Info => ratatui::style::Style::default(),
            Level::Warn => theme.warn(),
            Level::Error => theme.error(),
        };
        let glyph = match s.level {
            Level::Error => format!("{ERROR_GLYPH} "),
            Level::Warn => format!("{WARN_GLYPH} "),
            Level::Info => String::new(),
        };
        spans.push(Span::styled(format!("{glyph}{}", s.text), st));
    }
    frame.render_widget(Paragraph::new(Line::from(spans)), area);
}

fn plural(n: usize) -> &'static str {
    if n == 1 { "" } else { "s" }
}
