//! Review: the diff base -> draft, colour-coded and marked with +/-/~, or the raw JSON body;
//! the mass-delete guard; what changed on the server when the re-read found changes.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph, Wrap};

use super::theme::{ERROR_GLYPH, Theme};
use crate::app::state::{Review, ReviewStage, State};
use crate::diff::LineKind;

fn diff_line<'a>(kind: LineKind, text: &str, theme: &Theme) -> Line<'a> {
    let (glyph, st) = match kind {
        LineKind::Added => ("+ ", theme.added()),
        LineKind::Removed => ("- ", theme.removed()),
        LineKind::Changed => ("~ ", theme.changed()),
        LineKind::Header => ("", theme.header()),
    };
    let text = crate::sanitize::line(text);
    let already = text.starts_with(glyph.trim_end()) && !glyph.is_empty();
    let shown = if already {
        text
    } else {
        format!("{glyph}{text}")
    };
    Line::styled(shown, st)
}

pub fn draw(frame: &mut Frame, area: Rect, state: &State, rv: &Review, theme: &Theme) {
    frame.render_widget(Clear, area);
    let title = if rv.show_raw {
        " Review: PUT body (secrets hidden) ".to_string()
    } else {
        format!(" Review: {} ", rv.diff.summary)
    };
    let block = Block::bordered()
        .title(Span::styled(title, theme.bold()))
        .border_style(theme.border());
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let footer_h = match rv.stage {
        ReviewStage::Ready => 1,
        ReviewStage::ServerChanged(_) => 0,
        _ => 3,
    };
    let [body, footer] =
        Layout::vertical([Constraint::Min(1), Constraint::Length(footer_h)]).areas(inner);
    let rows = usize::from(body.height);
    let lines: Vec<Line> = match &rv.stage {
        ReviewStage::ServerChanged(sc) => {
            let mut out = vec![Line::styled(
                format!(
                    "{ERROR_GLYPH} The server changed since you loaded the channel. Nothing was sent."
                ),
                theme.error(),
            )];
            match &sc.rebased {
                Ok(_) => out.push(Line::raw(
                    "  y moves your edits onto it (then review again) · r reloads · Esc back",
                )),
                Err(clash) => {
                    out.push(Line::styled(
                        format!("  Changed on both sides: {}", clash.join(", ")),
                        theme.error(),
                    ));
                    out.push(Line::raw(
                        "  r reloads the channel (your edits are dropped) · Esc goes back",
                    ));
                }
            }
            out.push(Line::styled(
                format!("Changed on the server ({}):", sc.summary),
                theme.bold(),
            ));
            out.extend(
                sc.lines
                    .iter()
                    .skip(rv.scroll)
                    .take(rows)
                    .map(|(k, t)| diff_line(*k, t, theme)),
            );
            out
        }
        _ if rv.show_raw => rv
            .raw
            .iter()
            .skip(rv.scroll)
            .take(rows)
            .map(|l| Line::raw(l.clone()))
            .collect(),
        _ => {
            let mut out: Vec<Line> = rv
                .diff
                .lines
                .range(rv.scroll, rows)
                .map(|l| diff_line(l.kind, &l.text, theme))
                .collect();
            if out.len() < rows {
                out.push(Line::raw(""));
                out.push(Line::styled(rv.diff.summary.clone(), theme.bold()));
                if let Some(ed) = state.editor.as_ref() {
                    out.push(Line::raw(format!("Request: {}", rv.plan(ed).describe())));
                    out.push(Line::raw(super::overview::impact(ed)));
                }
            }
            out
        }
    };
    frame.render_widget(Paragraph::new(lines).wrap(Wrap { trim: false }), body);
    let foot: Vec<Line> = match rv.stage {
        ReviewStage::Ready if state.read_only => vec![Line::raw("read-only: sending is disabled")],
        ReviewStage::Ready => vec![Line::from(vec![
            Span::styled("y", theme.key()),
            Span::raw(" send  "),
            Span::styled("t", theme.key()),
            Span::raw(if rv.show_raw {
                " diff  "
            } else {
                " raw JSON  "
            }),
            Span::styled("Esc", theme.key()),
            Span::raw(" back to editing"),
        ])],
        ReviewStage::Checking => vec![Line::raw(format!(
            "{} re-reading the channel to check for changes made elsewhere…",
            super::spinner(state)
        ))],
        ReviewStage::Sending => vec![Line::raw(format!("{} sending…", super::spinner(state)))],
        ReviewStage::ConfirmName => {
            let name = state
                .editor
                .as_ref()
                .map(|e| e.channel_name())
                .unwrap_or_default();
            vec![
                Line::styled(
                    format!(
                        "{ERROR_GLYPH} {}.",
                        capitalized(rv.diff.mass_delete.as_deref().unwrap_or_default())
                    ),
                    theme.error(),
                ),
                Line::raw(format!(
                    "Type the channel name ({}) and Enter to send; Esc cancels:",
                    crate::sanitize::line(&name)
                )),
            ]
        }
        ReviewStage::ServerChanged(_) => Vec::new(),
    };
    frame.render_widget(Paragraph::new(foot), footer);
    if rv.stage == ReviewStage::ConfirmName && footer.height >= 3 {
        let input = Rect {
            y: footer.y + 2,
            height: 1,
            ..footer
        };
        frame.render_widget(&rv.name_input, input);
    }
}

fn capitalized(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(first) => first.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}
