//! Health check pane.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::Line;

use super::theme::Theme;
use crate::app::panes::health;
use crate::app::state::Editor;

pub fn draw(frame: &mut Frame, area: Rect, ed: &Editor, theme: &Theme) {
    let fields = health::fields(&ed.draft);
    let info = if fields.is_empty() {
        vec![Line::raw(
            "  No health check is configured. Press a to add one.",
        )]
    } else {
        Vec::new()
    };
    let focus = (!fields.is_empty()).then_some(ed.health_form.focus);
    let view = super::form::FormView {
        fields: &fields,
        focus,
        title: " Health check ".into(),
        info,
    };
    super::form::draw(frame, area, ed, view, theme);
}
