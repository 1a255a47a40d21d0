//! The hint line (from the keymap table) and the status bar (problems, edits, messages),
//! or the `:` command line in its place.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::theme::{DIRTY_GLYPH, ERROR_GLYPH, Theme, WARN_GLYPH};
use crate::app::state::{Level, Popup, State, View};

pub fn hints(frame: &mut Frame, area: Rect, state: &State, theme: &Theme) {
    if let Some(Popup::Command { error: Some(e), .. }) = &state.popup {
        frame.render_widget(
            Paragraph::new(Line::styled(format!("{ERROR_GLYPH} {e}"), theme.error())),
            area,
        );
        return;
    }
    if let Some(Popup::Command {
        completion: Some(c),
        ..
    }) = &state.popup
    {
        frame.render_widget(Paragraph::new(candidates(c, area.width, theme)), area);
        return;
    }
    let pairs = state
        .keys
        .hints(&crate::app::scopes(state), state.read_only);
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

/// Tab's candidates on the hint line, the one on the command line reversed, and how many
/// did not fit.
fn candidates(c: &crate::app::complete::Completion, width: u16, theme: &Theme) -> Line<'static> {
    let mut spans = vec![Span::styled("Tab ", theme.key())];
    let mut used = 4;
    let room = usize::from(width);
    let labels = c.labels();
    let widths: Vec<usize> = labels.iter().map(|l| Span::raw(*l).width() + 2).collect();
    // Start late enough that the candidate on the line is shown (room for "… " and "+N").
    let mut first = 0;
    if let Some(cur) = c.current {
        while first < cur && 4 + 2 + widths[first..=cur].iter().sum::<usize>() + 6 > room {
            first += 1;
        }
    }
    if first > 0 {
        spans.push(Span::styled("… ", theme.dim()));
        used += 2;
    }
    for (i, cand) in labels.iter().enumerate().skip(first) {
        let w = Span::raw(*cand).width() + 2;
        let more = format!("+{}", c.candidates.len() - i);
        if used + w + more.len() > room && i + 1 < c.candidates.len() || used + w > room {
            spans.push(Span::styled(more, theme.dim()));
            break;
        }
        let style = if c.current == Some(i) {
            theme.selected()
        } else {
            ratatui::style::Style::default()
        };
        spans.push(Span::styled(cand.to_string(), style));
        spans.push(Span::raw("  "));
        used += w;
    }
    Line::from(spans)
}

fn plural(n: usize) -> &'static str {
    if n == 1 { "" } else { "s" }
}
