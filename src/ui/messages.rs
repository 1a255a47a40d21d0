//! `:messages`: the recent status messages in full, with their time and channel (the status
//! line cuts a message at the screen's width).

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph, Wrap};

use super::theme::{ERROR_GLYPH, Theme, WARN_GLYPH};
use crate::app::state::{Level, State};

pub fn draw(frame: &mut Frame, area: Rect, state: &State, scroll: usize, theme: &Theme) {
    let r = super::popup_area(frame, area, area.width.saturating_sub(4), area.height);
    let mut lines: Vec<Line> = Vec::new();
    for m in state.messages.iter().rev() {
        let (glyph, style) = match m.level {
            Level::Error => (ERROR_GLYPH, theme.error()),
            Level::Warn => (WARN_GLYPH, theme.warn()),
            Level::Info => (" ", ratatui::style::Style::default()),
        };
        let channel = m.channel.as_deref().map_or_else(String::new, |c| {
            format!(" [{}]", crate::sanitize::excerpt(c, 12))
        });
        lines.push(Line::from(vec![
            Span::styled(format!("{glyph} {}{channel} ", m.at), theme.dim()),
            Span::styled(m.text.clone(), style),
        ]));
    }
    if lines.is_empty() {
        lines.push(Line::raw("No messages yet."));
    }
    let rows = usize::from(r.height.saturating_sub(2));
    let scroll = scroll.min(lines.len().saturating_sub(rows));
    let block = Block::bordered()
        .title(Span::styled(
            " Messages, newest first — Esc closes ",
            theme.bold(),
        ))
        .border_style(theme.border());
    let shown: Vec<Line> = lines.into_iter().skip(scroll).collect();
    frame.render_widget(
        Paragraph::new(shown)
            .wrap(Wrap { trim: false })
            .block(block),
        r,
    );
}
