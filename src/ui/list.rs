//! The channel list: name, id, type, groups, members, status; `/` filters as you type.

use ratatui::Frame;
use ratatui::layout::{Constraint, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph, Row, Table, TableState, Wrap};

use super::theme::Theme;
use crate::app::state::State;

pub fn draw(frame: &mut Frame, area: Rect, state: &State, theme: &Theme) {
    let l = &state.list;
    let title = if l.visible.len() == l.rows.len() {
        format!(" Channels ({}) ", l.rows.len())
    } else {
        format!(" Channels ({} of {}) ", l.visible.len(), l.rows.len())
    };
    let block = Block::bordered()
        .title(Span::styled(title, theme.bold()))
        .border_style(theme.border());
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let sel = crate::app::state::Table {
        selected: l.selected,
        offset: l.offset,
        filter: None,
        filter_text: l.filter_text.clone(),
        visible: None,
        ..Default::default()
    };
    let inner = if l.filter.is_some() || !l.filter_text.is_empty() {
        let [top, rest] =
            ratatui::layout::Layout::vertical([Constraint::Length(1), Constraint::Min(0)])
                .areas(inner);
        let [label, input] =
            ratatui::layout::Layout::horizontal([Constraint::Length(8), Constraint::Min(1)])
                .areas(top);
        frame.render_widget(Paragraph::new(Span::styled(" filter/", theme.key())), label);
        match &l.filter {
            Some(i) => frame.render_widget(i, input),
            None => frame.render_widget(Paragraph::new(l.filter_text.clone()), input),
        }
        rest
    } else {
        inner
    };
    if l.visible.is_empty() {
        let msg = match (&l.error, l.loaded) {
            (Some(e), _) => e.clone(),
            (None, false) => "Loading channels…".to_string(),
            (None, true) if l.rows.is_empty() => "This gateway has no VPC channels.".to_string(),
            (None, true) => "No channel matches the filter.".to_string(),
        };
        let p = Paragraph::new(Line::styled(msg, theme.dim())).wrap(Wrap { trim: true });
        frame.render_widget(p, inner);
        return;
    }
    let rows_fit = usize::from(inner.height.saturating_sub(1));
    let start = super::members::window(&sel, rows_fit);
    let end = (start + rows_fit).min(l.visible.len());
    let rows: Vec<Row> = l.visible[start..end]
        .iter()
        .filter_map(|i| l.rows.get(*i))
        .map(|r| {
            Row::new(vec![
                r.name.clone(),
                r.id.clone(),
                r.kind.clone(),
                r.groups.to_string(),
                r.members.map_or("–".to_string(), |m| m.to_string()),
                r.status.clone(),
            ])
        })
        .collect();
    let table = Table::new(
        rows,
        [
            Constraint::Fill(2),
            Constraint::Fill(2),
            Constraint::Length(12),
            Constraint::Length(6),
            Constraint::Length(7),
            Constraint::Length(8),
        ],
    )
    .header(Row::new(["Name", "Id", "Type", "Groups", "Members", "Status"]).style(theme.bold()))
    .row_highlight_style(theme.selected());
    let mut ts = TableState::default().with_selected(Some(l.selected - start));
    frame.render_stateful_widget(table, inner, &mut ts);
}
