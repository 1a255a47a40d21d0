//! `chanedit list [--json] [--name N]`: the gateway's channels.

use crate::cli::GlobalArgs;
use crate::model::{BalanceStrategy, ChannelStatus, ListVpcChannelsResponse, VpcChannel};

use super::EXIT_OK;
use super::common::{api_failure, connect, json_text, or_dash, print, table};

pub async fn run(global: &GlobalArgs, json: bool, name: Option<&str>) -> i32 {
    let session = match connect(global).await {
        Ok(s) => s,
        Err(code) => return code,
    };
    let channels = match session.client.list_channels(name).await {
        Ok(c) => c,
        Err(e) => return api_failure(&e),
    };
    if json {
        let answer = ListVpcChannelsResponse {
            size: channels.len() as i64,
            total: channels.len() as i64,
            vpc_channels: channels,
        };
        print(&json_text(&answer));
    } else {
        print(&render(&channels));
    }
    EXIT_OK
}

/// Name, id, type, member type, port, strategy by name, status.
pub fn render(channels: &[VpcChannel]) -> String {
    if channels.is_empty() {
        return "no channels\n".to_string();
    }
    let rows: Vec<Vec<String>> = channels
        .iter()
        .map(|c| {
            vec![
                or_dash(c.name.as_deref()),
                or_dash(c.id.as_deref()),
                c.channel_type().wire().to_string(),
                or_dash(c.member_type.as_deref()),
                or_dash(c.port),
                or_dash(c.balance_strategy.map(|b| {
                    BalanceStrategy::from_code(b).map_or(b.to_string(), |s| s.name().to_string())
                })),
                or_dash(c.status.map(|s| {
                    ChannelStatus::from_code(s).map_or(s.to_string(), |s| s.name().to_string())
                })),
            ]
        })
        .collect();
    table(
        &[
            "NAME",
            "ID",
            "TYPE",
            "MEMBER TYPE",
            "PORT",
            "STRATEGY",
            "STATUS",
        ],
        &rows,
    )
}
