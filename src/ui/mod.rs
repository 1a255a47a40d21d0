//! ratatui rendering: pure functions of the app state. One file per pane or popup.

pub mod confirm;
pub mod form;
pub mod found;
pub mod groups;
pub mod health;
pub mod help;
pub mod history;
pub mod list;
pub mod matched;
pub mod members;
pub mod messages;
pub mod microservice;
pub mod overview;
pub mod picker;
pub mod problems;
pub mod review;
pub mod statusbar;
pub mod theme;

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph};

use crate::app::state::{Pane, Popup, State, View};
pub use theme::Theme;

const SPINNER: [&str; 10] = ["⠋", "⠙", "⠹", "⠸", "⠼", "⠴", "⠦", "⠧", "⠇", "⠏"];

pub fn spinner(state: &State) -> &'static str {
    SPINNER[state.spinner % SPINNER.len()]
}

/// Draw the whole screen.
pub fn draw(frame: &mut Frame, state: &State, theme: &Theme) {
    let area = frame.area();
    let [title, tabs, body, hints, status] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Length(1),
        Constraint::Min(1),
        Constraint::Length(1),
        Constraint::Length(1),
    ])
    .areas(area);
    title_bar(frame, title, state, theme);
    match (state.view, state.editor.as_ref()) {
        (View::Editor, Some(ed)) => {
            tab_bar(frame, tabs, ed.pane, theme);
            match ed.pane {
                Pane::Overview => overview::draw(frame, body, ed, state.read_only, theme),
                Pane::Groups => groups::draw(frame, body, ed, state.read_only, theme),
                Pane::Members => members::draw(frame, body, ed, state.read_only, theme),
                Pane::Health => health::draw(frame, body, ed, state.read_only, theme),
                Pane::Microservice => microservice::draw(frame, body, ed, state.read_only, theme),
            }
        }
        _ => list::draw(frame, tabs.union(body), state, theme),
    }
    statusbar::hints(frame, hints, state, theme);
    statusbar::status(frame, status, state, theme);
    match state.popup.as_ref() {
        Some(Popup::Review(rv)) => review::draw(frame, tabs.union(body), state, rv, theme),
        Some(Popup::Help { scroll }) => help::draw(frame, tabs.union(body), state, *scroll, theme),
        Some(Popup::History {
            rows,
            selected,
            open,
        }) => history::draw(frame, tabs.union(body), rows, *selected, *open, theme),
        Some(Popup::Found(view)) => found::draw(frame, tabs.union(body), state, view, theme),
        Some(Popup::Drain(d)) => found::draw_drain(frame, tabs.union(body), state, d, theme),
        Some(Popup::Messages { scroll }) => {
            messages::draw(frame, tabs.union(body), state, *scroll, theme)
        }
        Some(Popup::Problems { selected }) => problems::draw(frame, body, state, *selected, theme),
        Some(Popup::Confirm(c)) => confirm::draw(frame, body, &c.question(), theme),
        Some(Popup::JsonError { error, .. }) => confirm::json_error(frame, body, error, theme),
        Some(Popup::Picker(p)) => picker::draw(frame, body, state, p, theme),
        // The hint line lists what `y` can copy.
        Some(Popup::Command { .. } | Popup::Yank) | None => {}
    }
}

fn title_bar(frame: &mut Frame, area: Rect, state: &State, theme: &Theme) {
    let mut spans = vec![Span::styled(" chanedit ", theme.bar().patch(theme.bold()))];
    let name = match state.editor.as_ref() {
        Some(ed) if state.view == View::Editor => {
            let name = crate::sanitize::line(&ed.channel_name());
            format!(" {name}  {}", crate::sanitize::line(&ed.id))
        }
        _ => match &state.opening {
            Some(id) => format!(" opening {}", crate::sanitize::line(id)),
            None => " channels".to_string(),
        },
    };
    spans.push(Span::styled(name, theme.bold()));
    if state.read_only {
        spans.push(Span::styled(
            " [READ-ONLY]",
            theme.warn().patch(theme.bold()),
        ));
    }
    if let Some(busy) = &state.busy {
        spans.push(Span::raw(format!("  {} {busy}…", spinner(state))));
    }
    frame.render_widget(Paragraph::new(Line::from(spans)), area);
}

fn tab_bar(frame: &mut Frame, area: Rect, current: Pane, theme: &Theme) {
    let mut spans = Vec::new();
    let short = Pane::short_tabs(area.width);
    for (i, p) in Pane::ALL.iter().enumerate() {
        let title = p.tab_title(short);
        let label = format!(" {} {title} ", i + 1);
        if *p == current {
            spans.push(Span::styled(label, theme.selected().patch(theme.bold())));
        } else {
            spans.push(Span::raw(label));
        }
        spans.push(Span::styled("│", theme.dim()));
    }
    frame.render_widget(Paragraph::new(Line::from(spans)), area);
}

/// A centred rectangle of at most `w` x `h` inside `area`, cleared.
pub fn popup_area(frame: &mut Frame, area: Rect, w: u16, h: u16) -> Rect {
    let w = w.min(area.width);
    let h = h.min(area.height);
    let r = Rect {
        x: area.x + (area.width - w) / 2,
        y: area.y + (area.height - h) / 2,
        width: w,
        height: h,
    };
    frame.render_widget(Clear, r);
    r
}
