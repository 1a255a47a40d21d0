//! Overview pane: the channel's own fields and read-only facts.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};

use super::theme::Theme;
use crate::app::panes::{overview, plain};
use crate::app::state::Editor;
use crate::model::{ChannelStatus, VpcChannelType};
use crate::sanitize::line;

pub fn draw(frame: &mut Frame, area: Rect, ed: &Editor, read_only: bool, theme: &Theme) {
    let fields = overview::fields();
    let d = &ed.detail;
    let fact = |k: &str, v: String| {
        Line::from(vec![
            Span::styled(format!("  {k:<20} "), theme.dim()),
            Span::raw(v),
        ])
    };
    let kind = d.channel_type();
    let status = d
        .status
        .map(|s| {
            ChannelStatus::from_code(s)
                .map(|x| format!("{s} ({})", x.name()))
                .unwrap_or_else(|| s.to_string())
        })
        .unwrap_or_default();
    let groups = ed.group_total();
    let members = ed.member_total();
    let info = vec![
        fact(
            "Channel type",
            format!(
                "{} ({})",
                kind.wire(),
                if kind == VpcChannelType::Builtin {
                    "server"
                } else {
                    kind.meaning()
                }
            ),
        ),
        fact("Status", status),
        fact("Id", line(d.id.as_deref().unwrap_or(""))),
        fact("Created", line(d.create_time.as_deref().unwrap_or(""))),
        fact("Groups / members", format!("{groups} / {members}")),
        fact(
            "Health check",
            plain(&ed.draft["vpc_health_config"]["protocol"]),
        ),
        fact("APIs", impact(ed)),
    ];
    let mut info = info;
    if let Some(Ok(apis)) = &ed.apis {
        for a in apis.iter().take(4) {
            let env = if a.environments.is_empty() {
                "not published".to_string()
            } else {
                a.environments.join(", ")
            };
            info.push(fact(
                "",
                format!("{} {}  {}  [{env}]", a.method, a.path, a.name),
            ));
        }
        if apis.len() > 4 {
            info.push(fact("", format!("… and {} more", apis.len() - 4)));
        }
    }
    let view = super::form::FormView {
        read_only,
        row: None,
        fields: &fields,
        focus: Some(ed.overview.focus),
        title: " Overview ".into(),
        info,
    };
    super::form::draw(frame, area, ed, view, theme);
}

/// How many APIs route through the channel, as the Overview and the review say it.
pub fn impact(ed: &Editor) -> String {
    match &ed.apis {
        None => "APIs routed through this channel: being listed…".to_string(),
        Some(Ok(apis)) if apis.is_empty() => "No API routes through this channel".to_string(),
        Some(Ok(apis)) => format!(
            "{} API{} route{} through this channel",
            apis.len(),
            if apis.len() == 1 { "" } else { "s" },
            if apis.len() == 1 { "s" } else { "" }
        ),
        Some(Err(e)) => format!("APIs routed through this channel: unknown ({e})"),
    }
}
