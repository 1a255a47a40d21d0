//! Health check pane.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::Line;

use super::theme::Theme;
use crate::app::panes::health;
use crate::app::state::Editor;

pub fn draw(frame: &mut Frame, area: Rect, ed: &Editor, read_only: bool, theme: &Theme) {
    let fields = health::fields(&ed.draft);
    let info = if fields.is_empty() {
        let add = if read_only {
            ""
        } else {
            " Press a to add one."
        };
        vec![Line::raw(format!("  No health check is configured.{add}"))]
    } else {
        Vec::new()
    };
    let focus = (!fields.is_empty()).then_some(ed.health_form.focus);
    let view = super::form::FormView {
        read_only,
        row: None,
        fields: &fields,
        focus,
        title: " Health check ".into(),
        info,
    };
    super::form::draw(frame, area, ed, view, theme);
}
