//! The picker of a choice field: the filter on top, then the values that pass it.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph};

use super::theme::Theme;
use crate::app::state::{State, line_text};
use crate::app::{Picker, picker_options};

pub fn draw(frame: &mut Frame, area: Rect, state: &State, p: &Picker, theme: &Theme) {
    let Some(ed) = state.editor.as_ref() else {
        return;
    };
    let filter = line_text(&p.filter);
    let opts = picker_options(p.choices, &ed.draft, &filter);
    let widest = opts
        .iter()
        .map(|(_, l)| Span::raw(l.as_str()).width())
        .max()
        .unwrap_or(0);
    let w = (widest + 6).clamp(36, 60) as u16;
    let h = (opts.len() + 3).max(4) as u16;
    let r = super::popup_area(frame, area, w, h);
    let rows = usize::from(r.height.saturating_sub(3)).max(1);
    let first = (p.selected + 1).saturating_sub(rows);
    let mut lines = vec![Line::from(vec![
        Span::styled("/ ", theme.key()),
        Span::raw(crate::sanitize::line(&filter)),
        Span::styled("▏", theme.dim()),
    ])];
    if opts.is_empty() {
        lines.push(Line::styled("  nothing matches", theme.dim()));
    }
    for (i, (_, label)) in opts.iter().enumerate().skip(first).take(rows) {
        let (mark, style) = if i == p.selected {
            ("› ", theme.selected())
        } else {
            ("  ", ratatui::style::Style::default())
        };
        lines.push(Line::styled(format!("{mark}{label}"), style));
    }
    let title = format!(" {} — type to filter ", p.field.label);
    let block = Block::bordered()
        .title(Span::styled(title, theme.bold()))
        .border_style(theme.border());
    frame.render_widget(Paragraph::new(lines).block(block), r);
}
