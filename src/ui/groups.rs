//! Groups pane: the table of member groups, or one group's form.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Cell, Paragraph, Row, Table, TableState};

use super::theme::Theme;
use crate::app::changes;
use crate::app::panes::{groups, plain};
use crate::app::rows::RowKind;
use crate::app::sort::Column;
use crate::app::state::Editor;
use crate::model::VpcChannelType;

pub fn draw(frame: &mut Frame, area: Rect, ed: &Editor, read_only: bool, theme: &Theme) {
    let total = ed.group_total();
    if let Some((i, f)) = ed.groups.form {
        let fields = groups::fields(&ed.draft, i);
        let title = format!(" Group {} of {} ", i + 1, total);
        let view = super::form::FormView {
            read_only,
            fields: &fields,
            focus: Some(f.focus),
            row: Some(format!("member_groups[{i}]")),
            title,
            info: Vec::new(),
        };
        super::form::draw(frame, area, ed, view, theme);
        return;
    }
    let block = Block::bordered()
        .title(Span::styled(
            format!(
                " Member groups ({total}) {}",
                super::theme::marked_note(ed.groups.marked.len())
            ),
            theme.bold(),
        ))
        .border_style(theme.border());
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let mut inner = super::members::filter_line(frame, inner, &ed.groups, theme);
    if let Some(b) = super::form::banner(ed, &[], theme) {
        let [top, rest] =
            Layout::vertical([Constraint::Length(1), Constraint::Min(0)]).areas(inner);
        frame.render_widget(Paragraph::new(b), top);
        inner = rest;
    }
    let shown = ed.groups.len(total);
    if shown == 0 {
        let msg = if total == 0 && read_only {
            "No member groups."
        } else if total == 0 {
            "No member groups. Press a to add one."
        } else {
            "No group matches the filter."
        };
        frame.render_widget(Paragraph::new(Line::styled(msg, theme.dim())), inner);
        return;
    }
    let micro = groups::channel_kind(&ed.draft) == VpcChannelType::Microservice;
    let rows_fit = usize::from(inner.height.saturating_sub(1));
    let start = super::members::window(&ed.groups, rows_fit);
    let end = (start + rows_fit).min(shown);
    let all = ed.draft["member_groups"]
        .as_array()
        .map_or(&[][..], Vec::as_slice);
    let needle = ed.groups.search_text().to_lowercase();
    let rows: Vec<Row> = (start..end)
        .filter_map(|pos| {
            let i = match &ed.groups.visible {
                Some(v) => *v.get(pos)?,
                None => pos,
            };
            let g = all.get(i)?;
            let bad = ed.bad_groups.contains(&i);
            let warn = !bad && ed.warn_groups.contains(&i);
            let marked = ed.groups.marked.contains(&i);
            let (mark, style) = super::theme::row_mark(bad, warn, marked, theme);
            let name = g["member_group_name"].as_str().unwrap_or("");
            let changed = changes::row_changed(ed, RowKind::Groups, i);
            let mut cells = vec![
                Cell::from(super::theme::mark_cell(mark, changed, theme)),
                Cell::from(super::matched::highlight(
                    plain(&g["member_group_name"]),
                    &needle,
                    theme,
                )),
                Cell::from(plain(&g["member_group_weight"])),
                Cell::from(groups::member_count(&ed.draft, name).to_string()),
            ];
            if micro {
                cells.push(Cell::from(plain(&g["microservice_version"])));
                cells.push(Cell::from(plain(&g["microservice_port"])));
            }
            cells.push(Cell::from(plain(&g["member_group_remark"])));
            Some(Row::new(cells).style(style))
        })
        .collect();
    let sort = ed.groups.sort;
    let mut head = vec![
        String::new(),
        format!("Name{}", sort.arrow(Column::Group)),
        format!("Weight{}", sort.arrow(Column::Weight)),
        "Members".to_string(),
    ];
    let mut widths = vec![
        Constraint::Length(2),
        Constraint::Length(24),
        Constraint::Length(7),
        Constraint::Length(7),
    ];
    if micro {
        head.extend(["Version".to_string(), "Port".to_string()]);
        widths.extend([Constraint::Length(10), Constraint::Length(6)]);
    }
    head.push("Remark".to_string());
    widths.push(Constraint::Fill(1));
    let table = Table::new(rows, widths)
        .header(Row::new(head).style(theme.bold()))
        .row_highlight_style(theme.selected());
    let mut ts = TableState::default().with_selected(Some(ed.groups.selected - start));
    frame.render_stateful_widget(table, inner, &mut ts);
}
