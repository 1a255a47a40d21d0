//! `f`: where a backend is a member, across the project's gateways, or the search under way.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph};

use super::theme::Theme;
use crate::app::state::{DrainStage, DrainView, FoundView, State};
use crate::sanitize::excerpt;

pub fn draw(frame: &mut Frame, area: Rect, state: &State, view: &FoundView, theme: &Theme) {
    let r = super::popup_area(frame, area, area.width.saturating_sub(4), area.height);
    let height = usize::from(r.height.saturating_sub(2));
    let wide = r.width >= 100;
    let (mut chan_w, mut gw_w, addr_w) = if wide { (24, 16, 22) } else { (16, 11, 0) };
    if let Some(rep) = view.report.as_ref().filter(|_| !wide) {
        // What the fixed columns leave goes to the gateway's name first (gateways of one
        // project often share a prefix), then to the channel's.
        let used = 2 + chan_w + 1 + gw_w + 1 + 8 + 1 + 3 + 1 + 8 + 1 + 3 + 1 + 8;
        let mut spare = usize::from(r.width.saturating_sub(2)).saturating_sub(used);
        let longest = |f: fn(&crate::app::effects::FoundRow) -> &str| {
            rep.rows.iter().map(|row| f(row).chars().count() + 1).max()
        };
        let more = longest(|row| &row.gateway_name)
            .map_or(0, |n| n.saturating_sub(gw_w))
            .min(spare);
        gw_w += more;
        spare -= more;
        chan_w += longest(|row| &row.channel_name)
            .map_or(0, |n| n.saturating_sub(chan_w))
            .min(spare);
    }
    let mut lines: Vec<Line> = Vec::new();
    let title = match &view.report {
        None => format!(
            " {} {} — searching every gateway; Esc drops it ",
            super::spinner(state),
            view.target
        ),
        Some(rep) => format!(
            " {}: {} member(s) on {} gateway(s) ",
            view.target,
            rep.rows.len(),
            rep.gateways
        ),
    };
    if let Some(rep) = &view.report {
        let mut head = format!(
            "  {:<chan_w$} {:<gw_w$} {:<8} {:>3} {:<8} {:<3} {:<8}",
            "CHANNEL", "GATEWAY", "GROUP", "WT", "STATUS", "BAK", "HEALTH"
        );
        if wide {
            head.push_str(&format!(" {:<addr_w$}", "ADDRESS"));
        }
        lines.push(Line::styled(head, theme.header()));
        for e in &rep.errors {
            lines.push(Line::styled(
                format!("  ! {}", excerpt(e, 200)),
                theme.error(),
            ));
        }
        for s in &rep.skipped {
            lines.push(Line::styled(format!("  {}", excerpt(s, 200)), theme.dim()));
        }
        if rep.rows.is_empty() {
            lines.push(Line::raw(format!(
                "  {} is a member of no channel on {} gateway(s)",
                view.target, rep.gateways
            )));
        }
        let room = height.saturating_sub(lines.len()).max(1);
        let first = view.selected.saturating_sub(room.saturating_sub(1));
        for (i, row) in rep.rows.iter().enumerate().skip(first).take(room) {
            let mut text = format!(
                "{} {:<chan_w$} {:<gw_w$} {:<8} {:>3} {:<8} {:<3} {:<8}",
                if i == view.selected { "›" } else { " " },
                excerpt(&row.channel_name, chan_w - 1),
                excerpt(&row.gateway_name, gw_w - 1),
                excerpt(&row.group, 7),
                excerpt(&row.weight, 2),
                excerpt(&row.status, 7),
                if row.backup { "yes" } else { "no" },
                excerpt(&row.health, 7),
            );
            if wide {
                text.push_str(&format!(" {:<addr_w$}", excerpt(&row.address, addr_w - 1)));
            }
            let style = if i == view.selected {
                theme.selected()
            } else if row.here {
                Style::default()
            } else {
                // Another gateway: listed, but not opened from this editor.
                theme.dim()
            };
            lines.push(Line::styled(text, style));
        }
    }
    let block = Block::bordered()
        .title(Span::styled(title, theme.bold()))
        .border_style(theme.border());
    frame.render_widget(Paragraph::new(lines).block(block), r);
}

/// `D`: the drain's review and its question, the writes under way, or the summary.
pub fn draw_drain(frame: &mut Frame, area: Rect, state: &State, d: &DrainView, theme: &Theme) {
    let r = super::popup_area(frame, area, area.width.saturating_sub(4), area.height);
    let width = usize::from(r.width.saturating_sub(2));
    let mut lines: Vec<Line> = Vec::new();
    let target = &d.results.target;
    let title = match &d.stage {
        DrainStage::Planning => format!(" {} drain {target}: reading ", super::spinner(state)),
        DrainStage::Review(_) => format!(" drain {target}: review "),
        DrainStage::Sending => format!(" {} drain {target}: sending ", super::spinner(state)),
        DrainStage::Done(_) => format!(" drain {target}: done — Esc closes "),
    };
    let shown: &[String] = match &d.stage {
        DrainStage::Review(rv) => &rv.lines,
        DrainStage::Done(summary) => summary,
        _ => &[],
    };
    for l in shown {
        let style = if l.starts_with("warning:") {
            theme.warn()
        } else {
            Style::default()
        };
        lines.push(Line::styled(excerpt(l, width.saturating_sub(1)), style));
    }
    if let DrainStage::Review(rv) = &d.stage {
        lines.push(Line::raw(""));
        let ask = match &d.typed {
            Some(_) => format!(
                "This leaves traffic with nowhere to go: type `{}` or the host, then Enter \
                 (Esc: nothing sent)",
                crate::api::drain::CONFIRM_WORD
            ),
            None => format!(
                "y disables {} member(s) in {} channel(s); Esc: nothing sent",
                rv.members, rv.channels
            ),
        };
        lines.push(Line::styled(ask, theme.bold()));
    }
    let block = Block::bordered()
        .title(Span::styled(title, theme.bold()))
        .border_style(theme.border());
    let height = usize::from(r.height.saturating_sub(2));
    let skip = lines.len().saturating_sub(height.saturating_sub(1));
    let lines: Vec<Line> = lines.into_iter().skip(skip).collect();
    let inner = block.inner(r);
    frame.render_widget(
        Paragraph::new(lines)
            .wrap(ratatui::widgets::Wrap { trim: false })
            .block(block),
        r,
    );
    if let (DrainStage::Review(_), Some(input)) = (&d.stage, &d.typed) {
        let row = Rect {
            y: inner.y + inner.height.saturating_sub(1),
            height: 1,
            ..inner
        };
        frame.render_widget(input, row);
    }
}
