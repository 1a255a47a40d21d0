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
    ];
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
