//! `H`: the channel's sent changes from the journal, newest first, and one entry's changes.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph};

use super::theme::Theme;
use crate::app::effects::HistoryRow;

pub fn draw(
    frame: &mut Frame,
    area: Rect,
    rows: &[HistoryRow],
    selected: usize,
    open: bool,
    theme: &Theme,
) {
    let r = super::popup_area(frame, area, area.width.saturating_sub(4), area.height);
    let height = usize::from(r.height.saturating_sub(2));
    let mut lines: Vec<Line> = Vec::new();
    let first = selected.saturating_sub(height.saturating_sub(1) / 2);
    for (i, row) in rows.iter().enumerate().skip(first) {
        let text = format!(
            "{} {:<20} {:<10} {}{}",
            if i == selected { "›" } else { " " },
            crate::sanitize::excerpt(&row.time, 20),
            crate::sanitize::line(&row.outcome),
            crate::sanitize::line(&row.summary),
            row.request_id
                .as_deref()
                .map(|r| format!("  request {}", crate::sanitize::line(r)))
                .unwrap_or_default()
        );
        let style = if i == selected {
            theme.selected()
        } else {
            ratatui::style::Style::default()
        };
        lines.push(Line::styled(text, style));
        if i == selected && open {
            for l in &row.lines {
                lines.push(Line::raw(format!("    {}", crate::sanitize::line(l))));
            }
        }
        if lines.len() >= height {
            break;
        }
    }
    let block = Block::bordered()
        .title(Span::styled(
            format!(
                " History ({}) — Enter shows, R reverts, Esc closes ",
                rows.len()
            ),
            theme.bold(),
        ))
        .border_style(theme.border());
    frame.render_widget(Paragraph::new(lines).block(block), r);
}
