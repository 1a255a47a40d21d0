//! Yes/no questions (the answer defaults to no) and the bad-JSON notice.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph, Wrap};

use super::theme::{ERROR_GLYPH, Theme};

pub fn draw(frame: &mut Frame, area: Rect, question: &str, theme: &Theme) {
    let r = super::popup_area(frame, area, 60, 6);
    let text = vec![
        Line::raw(question.to_string()),
        Line::raw(""),
        Line::from(vec![
            Span::styled("y", theme.key()),
            Span::raw(" yes    "),
            Span::styled("n/Esc", theme.key()),
            Span::raw(" no"),
        ]),
    ];
    let block = Block::bordered().title(Span::styled(" Confirm ", theme.bold()));
    frame.render_widget(
        Paragraph::new(text).wrap(Wrap { trim: true }).block(block),
        r,
    );
}

pub fn json_error(frame: &mut Frame, area: Rect, error: &str, theme: &Theme) {
    let r = super::popup_area(frame, area, 70, 8);
    let text = vec![
        Line::styled(
            format!("{ERROR_GLYPH} The edited JSON does not parse:"),
            theme.error(),
        ),
        Line::raw(error.to_string()),
        Line::raw(""),
        Line::raw("The draft is unchanged."),
        Line::from(vec![
            Span::styled("e", theme.key()),
            Span::raw(" reopen the editor with your text    "),
            Span::styled("Esc", theme.key()),
            Span::raw(" drop the edit"),
        ]),
    ];
    let block = Block::bordered().title(Span::styled(" $EDITOR ", theme.bold()));
    frame.render_widget(
        Paragraph::new(text).wrap(Wrap { trim: true }).block(block),
        r,
    );
}
