//! `chanedit find HOST[:PORT] [--all-profiles] [--json]`: every channel, on every gateway of
//! the project (or of every profile), where that backend is a member, with the member's group,
//! weight, status, backup flag and health.

use serde::Serialize;

use crate::cli::GlobalArgs;
use crate::model::{Backend, effective_port};
use crate::sanitize;

use super::gateways::{Places, every_gateway};
use super::search::{Search, search};
use crate::commands::common::{json_text, or_dash, print, table};
use crate::commands::{EXIT_FAIL, EXIT_OK, EXIT_USAGE};

/// One member of one channel, as `--json` prints it.
#[derive(Debug, Serialize)]
pub struct Row {
    pub profile: Option<String>,
    pub gateway_id: String,
    pub gateway_name: String,
    pub channel_id: String,
    pub channel_name: String,
    pub member_id: Option<String>,
    pub host: Option<String>,
    /// The effective port (the channel's when the member names none).
    pub port: Option<i64>,
    pub member_group_name: Option<String>,
    pub weight: Option<i64>,
    pub status: Option<i64>,
    pub is_backup: Option<bool>,
    pub health_status: Option<String>,
}

#[derive(Debug, Serialize)]
struct Answer<'a> {
    backend: String,
    members: &'a [Row],
    /// Gateways left out on purpose (not running).
    skipped: &'a [String],
    /// What could not be read: the result is incomplete when this is not empty.
    errors: &'a [String],
}

pub async fn run(global: &GlobalArgs, target: &str, all_profiles: bool, json: bool) -> i32 {
    let backend = match Backend::parse(target) {
        Ok(b) => b,
        Err(e) => {
            eprintln!("error: {e}");
            return EXIT_USAGE;
        }
    };
    let places = match every_gateway(global, all_profiles).await {
        Ok(p) => p,
        Err(code) => return code,
    };
    let found = search(&places.places, &backend).await;
    let rows = rows(&places, &found);
    let mut errors = places.failed.clone();
    errors.extend(found.failed.iter().cloned());
    if json {
        print(&json_text(&Answer {
            backend: backend.label(),
            members: &rows,
            skipped: &places.skipped,
            errors: &errors,
        }));
    } else {
        print(&render(
            &backend,
            &rows,
            places.many_profiles,
            places.places.len(),
        ));
    }
    for s in &places.skipped {
        eprintln!("note: {s}");
    }
    for e in &errors {
        eprintln!("error: {e}");
    }
    if errors.is_empty() {
        EXIT_OK
    } else {
        eprintln!("error: the search is incomplete: see above");
        EXIT_FAIL
    }
}

/// One row per matching member, in the search's order.
pub fn rows(places: &Places, found: &Search) -> Vec<Row> {
    let mut out = Vec::new();
    for f in &found.found {
        let place = &places.places[f.gateway];
        for (_, m) in f.members() {
            out.push(Row {
                profile: place.profile.clone(),
                gateway_id: place.id.clone(),
                gateway_name: place.name.clone(),
                channel_id: f.channel_id.clone(),
                channel_name: f.name().to_string(),
                member_id: m.id.clone(),
                host: m.host.clone(),
                port: effective_port(m, f.loaded.detail.port),
                member_group_name: m.member_group_name.clone(),
                weight: m.weight,
                status: m.status,
                is_backup: m.is_backup,
                health_status: m.health_status.clone(),
            });
        }
    }
    out
}

pub use crate::model::status_name;

fn render(backend: &Backend, rows: &[Row], with_profile: bool, gateways: usize) -> String {
    let label = sanitize::line(&backend.label());
    if rows.is_empty() {
        return format!("{label} is a member of no channel on {gateways} gateway(s)\n");
    }
    let mut headers = vec![
        "GATEWAY", "CHANNEL", "ID", "GROUP", "PORT", "WEIGHT", "STATUS", "BACKUP", "HEALTH",
    ];
    if with_profile {
        headers.insert(0, "PROFILE");
    }
    let cells: Vec<Vec<String>> = rows
        .iter()
        .map(|r| {
            let mut row = vec![
                r.gateway_name.clone(),
                r.channel_name.clone(),
                r.channel_id.clone(),
                or_dash(r.member_group_name.as_deref()),
                or_dash(r.port),
                or_dash(r.weight),
                status_name(r.status),
                if r.is_backup == Some(true) {
                    "yes"
                } else {
                    "no"
                }
                .to_string(),
                or_dash(r.health_status.as_deref()),
            ];
            if with_profile {
                row.insert(0, or_dash(r.profile.as_deref()));
            }
            row
        })
        .collect();
    let mut channels: Vec<(&str, &str)> = rows
        .iter()
        .map(|r| (r.gateway_id.as_str(), r.channel_id.as_str()))
        .collect();
    channels.sort_unstable();
    channels.dedup();
    format!(
        "{}{label}: {} member(s) in {} channel(s), {gateways} gateway(s) searched\n",
        table(&headers, &cells),
        rows.len(),
        channels.len(),
    )
}
