//! Members pane: a table that lays out only the rows on screen, or one member's form.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Cell, Paragraph, Row, Table, TableState};

use super::theme::{DIRTY_GLYPH, Theme};
use crate::app::changes;
use crate::app::panes::{self, members};
use crate::app::rows::RowKind;
use crate::app::sort::Column;
use crate::app::state::{Editor, Table as TableSel};
use crate::model::MemberStatus;

// Column widths of the member table; the address takes what is left (see `fit_address`).
const W_MARK: u16 = 2;
const W_PORT: u16 = 6;
const W_WEIGHT: u16 = 7;
const W_GROUP: u16 = 12;
const W_BACKUP: u16 = 6;
const W_STATUS: u16 = 8;
const W_HEALTH: u16 = 11;

/// The first row to show so that `sel` is on screen, starting from the remembered offset.
pub fn window(t: &TableSel, rows: usize) -> usize {
    let rows = rows.max(1);
    if t.selected < t.offset {
        t.selected
    } else if t.selected >= t.offset + rows {
        t.selected + 1 - rows
    } else {
        t.offset
    }
}

/// The filter line of a table: the open input, or the filter in force.
pub fn filter_line(frame: &mut Frame, area: Rect, t: &TableSel, theme: &Theme) -> Rect {
    if t.filter.is_none() && t.filter_text.is_empty() {
        return area;
    }
    let [top, rest] = Layout::vertical([Constraint::Length(1), Constraint::Min(0)]).areas(area);
    let [label, input] = Layout::horizontal([Constraint::Length(8), Constraint::Min(1)]).areas(top);
    frame.render_widget(Paragraph::new(Span::styled(" filter/", theme.key())), label);
    match &t.filter {
        Some(i) => frame.render_widget(i, input),
        None => frame.render_widget(
            Paragraph::new(Span::raw(crate::sanitize::line(&t.filter_text))),
            input,
        ),
    }
    rest
}

pub fn draw(frame: &mut Frame, area: Rect, ed: &Editor, read_only: bool, theme: &Theme) {
    let total = ed.member_total();
    if let Some((i, f)) = ed.members.form {
        let fields = members::fields(&ed.draft, i);
        let title = format!(" Member {} of {} ", i + 1, total);
        let view = super::form::FormView {
            read_only,
            fields: &fields,
            focus: Some(f.focus),
            row: Some(format!("members[{i}]")),
            title,
            info: member_facts(ed, i, theme),
        };
        super::form::draw(frame, area, ed, view, theme);
        return;
    }
    let shown = ed.members.len(total);
    let marked = super::theme::marked_note(ed.members.marked.len());
    // Where the selection is, in thousands as people read them: 1,234/10,000.
    let at = if shown == 0 {
        0
    } else {
        ed.members.selected + 1
    };
    let title = if shown == total {
        format!(" Members {}/{} {marked}", grouped(at), grouped(total))
    } else {
        format!(
            " Members {}/{} of {} {marked}",
            grouped(at),
            grouped(shown),
            grouped(total)
        )
    };
    let block = Block::bordered()
        .title(Span::styled(title, theme.bold()))
        .title_bottom(Line::styled(
            format!(" * = channel port / group weight · {DIRTY_GLYPH} = changed "),
            theme.dim(),
        ))
        .border_style(theme.border());
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let mut inner = filter_line(frame, inner, &ed.members, theme);
    if let Some(b) = super::form::banner(ed, &[], theme) {
        let [top, rest] =
            Layout::vertical([Constraint::Length(1), Constraint::Min(0)]).areas(inner);
        frame.render_widget(Paragraph::new(b), top);
        inner = rest;
    }
    if shown == 0 {
        let msg = if total == 0 && read_only {
            "No members."
        } else if total == 0 {
            "No members. Press a to add one."
        } else {
            "No member matches the filter."
        };
        frame.render_widget(Paragraph::new(Line::styled(msg, theme.dim())), inner);
        return;
    }
    let rows_fit = usize::from(inner.height.saturating_sub(1));
    let start = window(&ed.members, rows_fit);
    let end = (start + rows_fit).min(shown);
    let ecs = ed.draft["member_type"].as_str() == Some("ecs");
    // Narrower than 80 columns: Backup and Health give way so the address stays readable.
    let narrow = inner.width < 76;
    let keep = |cols| keep_columns(narrow, cols);
    let keep_header = |cols| keep_columns(narrow, cols);
    let keep_widths = |cols| keep_columns(narrow, cols);
    // The address column's width, as the table lays it out (the fixed columns and one
    // space between each two).
    let fixed: u16 = if narrow {
        W_MARK + W_PORT + W_WEIGHT + W_GROUP + W_STATUS + 5
    } else {
        W_MARK + W_PORT + W_WEIGHT + W_GROUP + W_BACKUP + W_STATUS + W_HEALTH + 7
    };
    let address_w = usize::from(inner.width.saturating_sub(fixed));
    let all = ed.draft["members"]
        .as_array()
        .map_or(&[][..], Vec::as_slice);
    let needle = ed.members.search_text().to_lowercase();
    let rows: Vec<Row> = (start..end)
        .filter_map(|pos| {
            let i = match &ed.members.visible {
                Some(v) => *v.get(pos)?,
                None => pos,
            };
            let m = all.get(i)?;
            let bad = ed.bad_members.contains(&i)
                || ed
                    .server_error
                    .as_ref()
                    .and_then(|e| e.path.as_deref())
                    .is_some_and(|p| p.starts_with(&format!("members[{i}]")));
            let (port, port_inh) = members::effective_port(m, &ed.draft);
            let (weight, w_inh) = members::effective_weight(m, &ed.draft);
            let status = m["status"]
                .as_i64()
                .map(|s| MemberStatus::from_code(s).map_or(s.to_string(), |x| x.name().to_string()))
                .unwrap_or_default();
            let identity = crate::model::member_identity(m, &ed.draft);
            let health = ed.health.get(&identity).unwrap_or_default().to_string();
            let health = if ed.health_is_new(&identity) {
                format!("{} {health}", super::theme::DIRTY_GLYPH)
            } else {
                health
            };
            let warn = !bad && ed.warn_members.contains(&i);
            let marked = ed.members.marked.contains(&i);
            let (mark, style) = super::theme::row_mark(bad, warn, marked, theme);
            let changed = changes::row_changed(ed, RowKind::Members, i);
            let found = |text| super::matched::highlight(text, &needle, theme);
            Some(
                Row::new(keep(vec![
                    Cell::from(super::theme::mark_cell(mark, changed, theme)),
                    Cell::from(found(fit_address(m, ecs, address_w))),
                    Cell::from(format!("{port}{}", if port_inh { "*" } else { "" })),
                    Cell::from(format!("{weight}{}", if w_inh { "*" } else { "" })),
                    Cell::from(found(panes::plain(&m["member_group_name"]))),
                    Cell::from(if m["is_backup"] == true { "backup" } else { "" }),
                    Cell::from(status),
                    Cell::from(crate::sanitize::line(&health)),
                ]))
                .style(style),
            )
        })
        .collect();
    let sort = ed.members.sort;
    let head = |name: &str, c: Column| format!("{name}{}", sort.arrow(c));
    let header = Row::new(keep_header(vec![
        String::new(),
        head("Address", Column::Address),
        "Port".to_string(),
        head("Weight", Column::Weight),
        head("Group", Column::Group),
        "Backup".to_string(),
        head("Status", Column::Status),
        head("Health", Column::Health),
    ]))
    .style(theme.bold());
    let widths = keep_widths(vec![
        Constraint::Length(W_MARK),
        Constraint::Fill(1),
        Constraint::Length(W_PORT),
        Constraint::Length(W_WEIGHT),
        Constraint::Length(W_GROUP),
        Constraint::Length(W_BACKUP),
        Constraint::Length(W_STATUS),
        Constraint::Length(W_HEALTH),
    ]);
    let table = Table::new(rows, widths)
        .header(header)
        .row_highlight_style(theme.selected());
    let mut ts = TableState::default().with_selected(Some(ed.members.selected - start));
    frame.render_stateful_widget(table, inner, &mut ts);
}

/// What takes effect for member `i`: inherited port and weight, and its health.
fn member_facts(ed: &Editor, i: usize, theme: &Theme) -> Vec<Line<'static>> {
    let m = &ed.draft["members"][i];
    let fact = |k: &str, v: String| {
        Line::from(vec![
            Span::styled(format!("  {k:<20} "), theme.dim()),
            Span::raw(v),
        ])
    };
    let (port, port_inh) = members::effective_port(m, &ed.draft);
    let (weight, w_inh) = members::effective_weight(m, &ed.draft);
    let health = ed
        .health
        .get(&crate::model::member_identity(m, &ed.draft))
        .map_or("not reported".to_string(), crate::sanitize::line);
    vec![
        fact(
            "Effective port",
            if port_inh {
                format!("{port} (the channel port)")
            } else {
                port
            },
        ),
        fact(
            "Effective weight",
            if w_inh {
                format!("{weight} (the group weight overrides the member's)")
            } else {
                weight
            },
        ),
        fact("Health", health),
    ]
}

/// An ECS member's `name (id)` in `w` cells. Names are often alike (`billing-ecs-01`), and
/// the id is what tells members apart, so when both do not fit the id keeps its end
/// (`billing-ecs-01 (…4f5a61)`), and the name gives way before the last three characters
/// of the id do.
fn fit_address(m: &serde_json::Value, ecs: bool, w: usize) -> String {
    let full = members::address(m, ecs);
    let width = |s: &str| Span::raw(s).width();
    if !ecs || width(&full) <= w {
        return full;
    }
    let name = panes::plain(&m["ecs_name"]);
    let id: Vec<char> = panes::plain(&m["ecs_id"]).chars().collect();
    const MIN_TAIL: usize = 3;
    // " (…" and ")" around the tail.
    let frame = 4;
    let name_w = width(&name);
    let (name, tail) = if name_w + frame + MIN_TAIL <= w {
        (name, w - name_w - frame)
    } else {
        let room = w.saturating_sub(frame + MIN_TAIL);
        (cut(&name, room), MIN_TAIL)
    };
    let tail: String = id[id.len().saturating_sub(tail)..].iter().collect();
    format!("{name} (…{tail})")
}

/// `s` in at most `w` cells, ending in `…` when cut.
fn cut(s: &str, w: usize) -> String {
    if Span::raw(s).width() <= w {
        return s.to_string();
    }
    let mut out = String::new();
    let mut used = 0;
    for ch in s.chars() {
        let cw = Span::raw(ch.to_string()).width();
        if used + cw + 1 > w {
            break;
        }
        out.push(ch);
        used += cw;
    }
    out.push('…');
    out
}

/// The member table's columns without Backup (5) and Health (7) when `narrow`.
fn keep_columns<T>(narrow: bool, cols: Vec<T>) -> Vec<T> {
    cols.into_iter()
        .enumerate()
        .filter(|(i, _)| !(narrow && (*i == 5 || *i == 7)))
        .map(|(_, c)| c)
        .collect()
}

/// `12345` as `12,345`.
fn grouped(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}
