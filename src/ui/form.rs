//! A form: one line per field (label, value, verdict beside it), and below it the full
//! messages of the focused field. Only the lines that fit are laid out.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph, Wrap};

use super::theme::{DIRTY_GLYPH, ERROR_GLYPH, FOCUS_GLYPH, Theme, WARN_GLYPH};
use crate::app::panes::{self, Field, Kind};
use crate::app::state::Editor;

const LABEL_W: usize = 22;

/// The server error as a line, when it is not on one of `fields` (then it shows there).
pub fn banner(ed: &Editor, fields: &[Field], theme: &Theme) -> Option<Line<'static>> {
    let e = ed.server_error.as_ref()?;
    let placed = e
        .path
        .as_deref()
        .is_some_and(|p| fields.iter().any(|f| f.path.to_string() == p));
    if placed {
        return None;
    }
    let on = e
        .path
        .as_deref()
        .map(|p| format!(" [{p}]"))
        .unwrap_or_default();
    let head = if e.code == "network" {
        format!("{ERROR_GLYPH} network:")
    } else {
        format!("{ERROR_GLYPH} server: {}", e.code)
    };
    Some(Line::from(vec![
        Span::styled(head, theme.error()),
        Span::styled(format!(" {}{on}", e.message), theme.error()),
    ]))
}

/// Findings about the row itself, or about a field the form does not show (at most two).
fn row_findings(ed: &Editor, fields: &[Field], row: &str, theme: &Theme) -> Vec<Line<'static>> {
    let shown = |p: &str| fields.iter().any(|f| f.path.to_string() == p);
    ed.problems
        .iter()
        .filter(|p| {
            p.path
                .strip_prefix(row)
                .is_some_and(|rest| rest.is_empty() || rest.starts_with(['.', '[']))
                && !shown(&p.path)
        })
        .take(2)
        .map(|p| {
            let (glyph, style) = if p.is_error() {
                (ERROR_GLYPH, theme.error())
            } else {
                (WARN_GLYPH, theme.warn())
            };
            let at = p
                .path
                .strip_prefix(row)
                .unwrap_or("")
                .trim_start_matches('.');
            let at = if at.is_empty() {
                String::new()
            } else {
                format!("{at}: ")
            };
            Line::styled(format!("{glyph} {at}{}", p.message), style)
        })
        .collect()
}

/// `s` in exactly `w` cells: cut with `…` when longer, padded with spaces when shorter.
fn pad(s: &str, w: usize) -> String {
    let total: usize = s.chars().map(unicode_width).sum();
    let room = if total > w { w.saturating_sub(1) } else { w };
    let mut out = String::new();
    let mut used = 0;
    for ch in s.chars() {
        let cw = unicode_width(ch);
        if used + cw > room {
            break;
        }
        out.push(ch);
        used += cw;
    }
    if total > w {
        out.push('…');
        used += 1;
    }
    out.push_str(&" ".repeat(w.saturating_sub(used)));
    out
}

fn unicode_width(c: char) -> usize {
    ratatui::text::Span::raw(c.to_string()).width()
}

/// Draw `fields` of `ed` in `area`, with `info` lines (read-only facts) after them.
/// What a pane shows as a form.
pub struct FormView<'a> {
    pub read_only: bool,
    pub fields: &'a [Field],
    pub focus: Option<usize>,
    pub title: String,
    /// Read-only facts shown after the fields.
    pub info: Vec<Line<'static>>,
    /// The row a row form edits (`members[3]`): findings about the row itself, such as a
    /// duplicate member, show at the top of the form.
    pub row: Option<String>,
}

pub fn draw(frame: &mut Frame, area: Rect, ed: &Editor, view: FormView, theme: &Theme) {
    let FormView {
        read_only,
        fields,
        focus,
        title,
        info,
        row,
    } = view;
    let block = Block::bordered()
        .title(Span::styled(title, theme.bold()))
        .border_style(theme.border());
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let mut top = inner;
    let mut notes: Vec<Line> = banner(ed, fields, theme).into_iter().collect();
    if let Some(row) = &row {
        notes.extend(row_findings(ed, fields, row, theme));
    }
    if !notes.is_empty() {
        let n = u16::try_from(notes.len()).unwrap_or(u16::MAX);
        let [b_area, rest] =
            Layout::vertical([Constraint::Length(n), Constraint::Min(0)]).areas(inner);
        frame.render_widget(Paragraph::new(notes), b_area);
        top = rest;
    }
    let detail_h = if top.height > 12 { 4 } else { 2 };
    let [list, detail] =
        Layout::vertical([Constraint::Min(1), Constraint::Length(detail_h)]).areas(top);
    let value_w = value_width(ed, fields, usize::from(list.width));
    let rows = usize::from(list.height);
    let start = focus.map_or(0, |f| (f + 1).saturating_sub(rows));
    let mut lines: Vec<Line> = Vec::new();
    for (i, f) in fields.iter().enumerate().skip(start).take(rows) {
        let path = f.path.to_string();
        let problem = ed.problems_at(&path).next();
        let server = ed.server_error_at(&path);
        let focused = focus == Some(i);
        let marker = if focused { FOCUS_GLYPH } else { " " };
        let (glyph, vstyle) = match (problem, server) {
            (_, Some(_)) => (ERROR_GLYPH, theme.error()),
            (Some(p), _) if p.is_error() => (ERROR_GLYPH, theme.error()),
            (Some(_), _) => (WARN_GLYPH, theme.warn()),
            _ => (" ", ratatui::style::Style::default()),
        };
        let label_style = if focused {
            theme.selected()
        } else {
            theme.bold()
        };
        let value = panes::display(f, &ed.draft);
        let shown = if value.is_empty() {
            "—".to_string()
        } else {
            value
        };
        // ● after the label: the draft changed this field (or its row is new).
        let changed = if crate::app::changes::field_changed(ed, &f.path) {
            Span::styled(DIRTY_GLYPH, theme.changed())
        } else {
            Span::raw(" ")
        };
        let mut spans = vec![
            Span::raw(marker.to_string()),
            Span::styled(glyph.to_string(), vstyle),
            Span::styled(pad(f.label, LABEL_W - 3), label_style),
            changed,
            Span::raw(" "),
            Span::styled(pad(&shown, value_w), vstyle),
        ];
        let note = match (server, problem) {
            (Some(s), _) => Some((format!(" {} {}", s.code, s.message), theme.error())),
            (None, Some(p)) => Some((format!(" {}", p.message), vstyle)),
            _ => None,
        };
        if let Some((text, st)) = note {
            spans.push(Span::styled(text, st));
        }
        lines.push(Line::from(spans));
    }
    if fields.is_empty() && info.is_empty() {
        lines.push(Line::styled("(nothing to edit here)", theme.dim()));
    }
    let info_room = rows.saturating_sub(lines.len());
    if !info.is_empty() && info_room > 1 {
        lines.push(Line::raw(""));
        lines.extend(info.into_iter().take(info_room - 1));
    }
    frame.render_widget(Paragraph::new(lines), list);
    if let (Some(fi), Some(edit)) = (focus, ed.edit.as_ref())
        && fi >= start
        && fi < start + rows
    {
        let cell = Rect {
            x: list.x + LABEL_W as u16 + 1,
            y: list.y + (fi - start) as u16,
            width: (value_w as u16).min(list.width.saturating_sub(LABEL_W as u16 + 1)),
            height: 1,
        };
        frame.render_widget(&edit.input, cell);
    }
    let focused = focus.and_then(|i| fields.get(i));
    detail_lines(frame, detail, ed, focused, read_only, theme);
}

/// How wide the value column is: as wide as the widest value (and the box being typed
/// into), within the pane's free width, leaving room for a message beside it when one shows.
fn value_width(ed: &Editor, fields: &[Field], width: usize) -> usize {
    let free = width.saturating_sub(LABEL_W + 3);
    let text_w = |s: &str| s.chars().map(unicode_width).sum::<usize>();
    let typing = ed
        .edit
        .as_ref()
        .map_or(0, |e| text_w(&crate::app::state::line_text(&e.input)) + 2);
    let widest = fields
        .iter()
        .map(|f| text_w(&panes::display(f, &ed.draft)))
        .max()
        .unwrap_or(0)
        .max(typing)
        + 1;
    let noted = fields.iter().any(|f| {
        let p = f.path.to_string();
        ed.problems_at(&p).next().is_some() || ed.server_error_at(&p).is_some()
    });
    let room = if noted { free.saturating_sub(28) } else { free };
    widest.clamp(16, room.max(16))
}

/// The focused field's full messages and how to change it.
fn detail_lines(
    frame: &mut Frame,
    area: Rect,
    ed: &Editor,
    f: Option<&Field>,
    read_only: bool,
    theme: &Theme,
) {
    let Some(f) = f else {
        return;
    };
    let path = f.path.to_string();
    let mut lines = Vec::new();
    if let Some(edit) = ed.edit.as_ref()
        && let Some(r) = &edit.refused
    {
        lines.push(Line::styled(format!("{ERROR_GLYPH} {r}"), theme.error()));
    }
    if let Some(s) = ed.server_error_at(&path) {
        let rid = s
            .request_id
            .as_deref()
            .map(|r| format!(" (request {r})"))
            .unwrap_or_default();
        lines.push(Line::styled(
            format!("{ERROR_GLYPH} server {}: {}{rid}", s.code, s.message),
            theme.error(),
        ));
    }
    for p in ed.problems_at(&path) {
        let (g, st) = if p.is_error() {
            (ERROR_GLYPH, theme.error())
        } else {
            (WARN_GLYPH, theme.warn())
        };
        lines.push(Line::styled(format!("{g} {path}: {}", p.message), st));
    }
    let how = match f.kind {
        _ if read_only => "read-only".to_string(),
        _ if ed.edit.is_some() => "Enter keeps · Esc cancels".to_string(),
        Kind::Choice(_) => match panes::meaning(f, &ed.draft) {
            Some(m) => format!("{m} · Enter lists · ←/→ choose"),
            None => "Enter lists · ←/→ choose".to_string(),
        },
        Kind::Bool => "Space toggles".to_string(),
        Kind::Number { min, max } => format!("Enter edits · {min}..{max}"),
        _ => "Enter edits".to_string(),
    };
    lines.push(Line::from(vec![
        Span::styled(path, theme.dim()),
        Span::styled(format!("  {how}"), theme.dim()),
    ]));
    frame.render_widget(Paragraph::new(lines).wrap(Wrap { trim: false }), area);
}

#[cfg(test)]
mod tests {
    use super::pad;

    #[test]
    fn pad_cuts_with_an_ellipsis_and_counts_wide_characters() {
        assert_eq!(pad("abc", 5), "abc  ");
        assert_eq!(pad("abcdef", 5), "abcd…");
        assert_eq!(pad("abcde", 5), "abcde");
        assert_eq!(pad("东京东京", 5), "东京…");
        assert_eq!(pad("东京", 5), "东京 ");
    }
}
