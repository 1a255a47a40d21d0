//! Microservice pane: the registry form of the channel's service type.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::Line;

use super::theme::Theme;
use crate::app::panes::microservice;
use crate::app::state::Editor;

pub fn draw(frame: &mut Frame, area: Rect, ed: &Editor, read_only: bool, theme: &Theme) {
    let fields = microservice::fields(&ed.draft);
    let info = if fields.is_empty() {
        vec![Line::raw(
            "  Not a microservice channel: members are listed explicitly (Members pane).",
        )]
    } else {
        Vec::new()
    };
    let focus = (!fields.is_empty()).then_some(ed.micro.focus);
    let view = super::form::FormView {
        read_only,
        row: None,
        fields: &fields,
        focus,
        title: " Microservice ".into(),
        info,
    };
    super::form::draw(frame, area, ed, view, theme);
}
