//! What `diff` and `apply` show after the diff, as the editor's review does: the one request
//! that will go out, and the APIs that route through the channel (the impact of the change).

use crate::api::plan::{Plan, WriteMode};
use crate::api::{Client, Loaded};
use crate::cli::WriteChoice;

use super::common::{or_dash, print, table};

/// APIs listed by name; the rest are counted.
const MAX_LISTED: usize = 20;

pub fn write_mode(choice: WriteChoice) -> WriteMode {
    match choice {
        WriteChoice::Narrow => WriteMode::Narrowest,
        WriteChoice::Full => WriteMode::Full,
    }
}

/// The plan for `draft`, printed as the request line.
pub fn plan_and_show(
    loaded: &Loaded,
    base: &serde_json::Value,
    draft: &serde_json::Value,
    write: WriteChoice,
) -> Plan {
    let ids = crate::api::plan::member_ids(loaded);
    let plan = crate::api::plan::plan(base, &ids, draft, write_mode(write));
    print(&format!("request: {}\n", plan.describe()));
    plan
}

/// How many APIs route through the channel, and which (name, method, path, environment).
/// Not knowing is a warning: it does not stop the change.
pub async fn show_impact(client: &Client, channel_id: &str, loaded: &Loaded) {
    let name = loaded.detail.name.as_deref();
    let apis = match client.list_channel_apis(channel_id, name).await {
        Ok(apis) => apis,
        Err(e) => {
            eprintln!("warning: cannot tell which APIs route through this channel: {e}");
            return;
        }
    };
    if apis.is_empty() {
        print("APIs routed through this channel: none\n");
        return;
    }
    let rows: Vec<Vec<String>> = apis
        .iter()
        .take(MAX_LISTED)
        .map(|a| {
            vec![
                or_dash(a.name.as_deref()),
                or_dash(a.req_method.as_deref()),
                or_dash(a.req_uri.as_deref()),
                or_dash(a.run_env_name.as_deref()),
            ]
        })
        .collect();
    let mut text = format!("APIs routed through this channel: {}\n", apis.len());
    for line in table(&["NAME", "METHOD", "PATH", "ENVIRONMENT"], &rows).lines() {
        text.push_str(&format!("  {line}\n"));
    }
    if apis.len() > MAX_LISTED {
        text.push_str(&format!("  ... and {} more\n", apis.len() - MAX_LISTED));
    }
    print(&text);
}
