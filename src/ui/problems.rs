//! The problems list: every diagnostic of the draft; Enter jumps to the field.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, List, ListItem, ListState};

use super::theme::{ERROR_GLYPH, Theme, WARN_GLYPH};
use crate::app::state::State;

pub fn draw(frame: &mut Frame, area: Rect, state: &State, selected: usize, theme: &Theme) {
    let Some(ed) = state.editor.as_ref() else {
        return;
    };
    let h = (ed.problems.len() as u16 + 2).min(area.height);
    let r = super::popup_area(frame, area, 78, h);
    let rows = usize::from(r.height.saturating_sub(2)).max(1);
    let start = (selected + 1).saturating_sub(rows);
    let items: Vec<ListItem> = ed
        .problems
        .iter()
        .skip(start)
        .take(rows)
        .map(|p| {
            let (g, st) = if p.is_error() {
                (ERROR_GLYPH, theme.error())
            } else {
                (WARN_GLYPH, theme.warn())
            };
            let path = if p.path.is_empty() {
                "(body)"
            } else {
                p.path.as_str()
            };
            ListItem::new(Line::from(vec![
                Span::styled(format!("{g} {path}: "), st),
                Span::raw(crate::sanitize::line(&p.message)),
            ]))
        })
        .collect();
    let title = format!(
        " Problems: {} errors, {} warnings — Enter jumps ",
        ed.error_count, ed.warning_count
    );
    let list = List::new(items)
        .block(
            Block::bordered()
                .title(Span::styled(title, theme.bold()))
                .border_style(theme.border()),
        )
        .highlight_style(theme.selected())
        .highlight_symbol("› ");
    let mut ls = ListState::default().with_selected(Some(selected - start));
    frame.render_stateful_widget(list, r, &mut ls);
}
