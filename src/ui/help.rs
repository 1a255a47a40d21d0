//! `?`: every key and command, generated from the keymap and command tables.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph};

use super::theme::Theme;
use crate::app::command::COMMANDS;
use crate::app::keymap::{KeyMap, Scope};
use crate::app::state::State;

/// The help text as lines (also used by tests to prove every binding is listed).
pub fn lines(keys: &KeyMap, read_only: bool, theme: &Theme) -> Vec<Line<'static>> {
    let mut out = Vec::new();
    for scope in Scope::ALL {
        let bindings: Vec<_> = keys.active(&[scope], read_only).collect();
        if bindings.is_empty() {
            continue;
        }
        out.push(Line::styled(scope.title().to_string(), theme.header()));
        for b in bindings {
            out.push(Line::from(vec![
                Span::styled(format!("  {:<8}", b.label), theme.key()),
                Span::raw(b.desc.to_string()),
            ]));
        }
    }
    out.push(Line::styled("Command line (:)", theme.header()));
    for c in COMMANDS.iter().filter(|c| !(read_only && c.writes)) {
        out.push(Line::from(vec![
            Span::styled(format!("  {:<26}", c.usage), theme.key()),
            Span::raw(c.desc.to_string()),
        ]));
    }
    out.push(Line::styled("Paths", theme.header()));
    out.push(Line::raw("  vpc_health_config.timeout  members[2].weight"));
    out.push(Line::raw(
        "  members[host=10.0.0.5].weight  member_groups[member_group_name=g1]",
    ));
    out
}

pub fn draw(frame: &mut Frame, area: Rect, state: &State, scroll: usize, theme: &Theme) {
    let r = super::popup_area(frame, area, 76, area.height);
    let all = lines(&state.keys, state.read_only, theme);
    let rows = usize::from(r.height.saturating_sub(2));
    let scroll = scroll.min(all.len().saturating_sub(rows));
    let block = Block::bordered()
        .title(Span::styled(" Help — ↑↓ scroll, Esc closes ", theme.bold()))
        .border_style(theme.border());
    frame.render_widget(
        Paragraph::new(all.into_iter().skip(scroll).take(rows).collect::<Vec<_>>()).block(block),
        r,
    );
}
