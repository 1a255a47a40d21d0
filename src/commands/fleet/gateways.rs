//! Every gateway a search covers: the project's gateways (ListInstancesV2) of the profile in
//! use, or with `--all-profiles` of every profile in config.toml, each project once. Gateways
//! that are not running are skipped and said so; a project whose list cannot be read falls
//! back to its configured gateway, if any, and the failure is said too.

use futures::stream::{self, StreamExt};

use crate::api::search::concurrency;
use crate::api::{Client, GatewayFilter};
use crate::cli::GlobalArgs;
use crate::config::Gateway;
use crate::model::InstanceInfo;
use crate::sanitize;

use crate::commands::EXIT_USAGE;
use crate::commands::common::{Session, connect_project};

/// One gateway to search or change.
pub struct Place {
    /// The config.toml profile it came from.
    pub profile: Option<String>,
    pub id: String,
    /// The gateway's name, or its id when it has none.
    pub name: String,
    pub client: Client,
    /// As the journal records it.
    pub gateway: Gateway,
}

impl Place {
    /// `name` as shown in tables, with the profile in front when there are several.
    pub fn shown(&self, with_profile: bool) -> String {
        match (&self.profile, with_profile) {
            (Some(p), true) => format!("{p}/{}", self.name),
            _ => self.name.clone(),
        }
    }
}

/// The gateways found, and what could not be searched.
pub struct Places {
    pub places: Vec<Place>,
    /// Gateways left out on purpose (not running), one line each.
    pub skipped: Vec<String>,
    /// What failed, one line each: the search is incomplete when this is not empty.
    pub failed: Vec<String>,
    /// Several profiles were searched (tables then show them).
    pub many_profiles: bool,
    /// Keeps the demo emulator running while the clients are used.
    _sessions: Vec<Session>,
}

/// The sessions to search from: the one of this run, or one per profile; and the profiles
/// that could not be used.
async fn sessions(
    global: &GlobalArgs,
    all_profiles: bool,
) -> Result<(Vec<Session>, Vec<String>), i32> {
    if !all_profiles || global.demo {
        return Ok((vec![connect_project(global).await?], Vec::new()));
    }
    if global.profile.is_some() || global.endpoint.is_some() || global.project_id.is_some() {
        eprintln!(
            "error: --all-profiles takes each profile's own endpoint and project; drop \
             --profile, --endpoint and --project-id"
        );
        return Err(EXIT_USAGE);
    }
    let names = crate::config::profile_names().map_err(|e| {
        eprintln!("error: {}", sanitize::line(&format!("{e:#}")));
        EXIT_USAGE
    })?;
    if names.is_empty() {
        eprintln!("error: --all-profiles: config.toml has no profiles");
        return Err(EXIT_USAGE);
    }
    let (mut out, mut failed): (Vec<Session>, Vec<String>) = (Vec::new(), Vec::new());
    for name in names {
        let per = GlobalArgs {
            profile: Some(name.clone()),
            ..global.clone()
        };
        let Ok(session) = connect_project(&per).await else {
            failed.push(format!(
                "profile {}: not searched (the error is above)",
                sanitize::line(&name)
            ));
            continue;
        };
        // Two profiles of one project would list the same gateways twice.
        let same = |s: &Session| {
            s.gateway.endpoint == session.gateway.endpoint
                && s.gateway.project_id == session.gateway.project_id
        };
        if !out.iter().any(same) {
            out.push(session);
        }
    }
    Ok((out, failed))
}

/// The gateways of one session's project.
async fn gateways_of(session: &Session) -> (Vec<Place>, Vec<String>, Vec<String>) {
    let profile = session.gateway.profile.clone();
    let of_profile = profile
        .as_deref()
        .map(|p| format!(" (profile {})", sanitize::line(p)))
        .unwrap_or_default();
    let place = |info: &InstanceInfo, id: &str| {
        let (client, gateway) = session.at_gateway(id);
        Place {
            profile: profile.clone(),
            id: id.to_string(),
            name: info
                .instance_name
                .clone()
                .filter(|n| !n.is_empty())
                .unwrap_or_else(|| id.to_string()),
            client,
            gateway,
        }
    };
    let (mut places, mut skipped, mut failed) = (Vec::new(), Vec::new(), Vec::new());
    match session
        .client
        .list_gateways(&GatewayFilter::default())
        .await
    {
        Ok(list) => {
            for info in list {
                let Some(id) = info.id.clone().filter(|i| !i.is_empty()) else {
                    continue;
                };
                if info.is_running() {
                    places.push(place(&info, &id));
                } else {
                    skipped.push(format!(
                        "gateway {} ({}){of_profile} is {}, not searched",
                        sanitize::line(info.instance_name.as_deref().unwrap_or("-")),
                        sanitize::line(&id),
                        sanitize::line(info.status.as_deref().unwrap_or("of unknown status")),
                    ));
                }
            }
        }
        Err(e) => {
            let own = session.client.config().instance_id.clone();
            let fallback = if own.is_empty() {
                String::new()
            } else {
                places.push(place(&InstanceInfo::default(), &own));
                format!(
                    "; searching only the configured gateway {}",
                    sanitize::line(&own)
                )
            };
            failed.push(format!(
                "cannot list the project's gateways{of_profile}: {e}{fallback}"
            ));
        }
    }
    (places, skipped, failed)
}

/// Every gateway the command covers, or the exit code when there is nothing to search from.
pub async fn every_gateway(global: &GlobalArgs, all_profiles: bool) -> Result<Places, i32> {
    let (sessions, unusable) = sessions(global, all_profiles).await?;
    let many_profiles = all_profiles && !global.demo;
    let at_once = concurrency(sessions.iter().map(|s| &s.client));
    let found: Vec<_> = stream::iter(sessions.iter().map(gateways_of))
        .buffered(at_once)
        .collect()
        .await;
    let mut all = Places {
        places: Vec::new(),
        skipped: Vec::new(),
        failed: unusable,
        many_profiles,
        _sessions: Vec::new(),
    };
    for (places, skipped, failed) in found {
        all.places.extend(places);
        all.skipped.extend(skipped);
        all.failed.extend(failed);
    }
    all._sessions = sessions;
    Ok(all)
}

/// A client of the gateway a journal entry names, with this run's credentials: the entry's
/// profile unless `--profile` says otherwise; `--instance-id` plays no part (the entry names
/// its gateway). Refused when this run reaches another endpoint or project than the entry's.
pub async fn reach(global: &GlobalArgs, gw: &Gateway) -> Result<(Session, Client, Gateway), i32> {
    let per = GlobalArgs {
        profile: global.profile.clone().or_else(|| gw.profile.clone()),
        instance_id: if gw.instance_id.is_empty() {
            global.instance_id.clone()
        } else {
            Vec::new()
        },
        ..global.clone()
    };
    let session = connect_project(&per).await?;
    let here = &session.gateway;
    let same_endpoint = crate::api::normalize_endpoint(&here.endpoint)
        == crate::api::normalize_endpoint(&gw.endpoint);
    // A password login learns its project from the token: nothing to compare then.
    let same_project = here.project_id.is_empty() || here.project_id == gw.project_id;
    // Entries written before the journal named the gateway have no endpoint to compare.
    let reached = gw.endpoint.is_empty() || (same_endpoint && same_project);
    if !reached {
        eprintln!(
            "error: that change went to {} project {}{}, but this run reaches {} project {}; \
             pass the --profile (or --endpoint and --project-id) that reaches it. Nothing sent.",
            sanitize::line(&gw.endpoint),
            sanitize::line(&gw.project_id),
            gw.profile
                .as_deref()
                .map(|p| format!(" (profile {})", sanitize::line(p)))
                .unwrap_or_default(),
            sanitize::line(&here.endpoint),
            sanitize::line(&here.project_id),
        );
        return Err(EXIT_USAGE);
    }
    let instance = if gw.instance_id.is_empty() {
        // Entries written before the journal named the gateway.
        session.client.config().instance_id.clone()
    } else {
        gw.instance_id.clone()
    };
    if instance.is_empty() {
        eprintln!("error: the journal entry names no gateway; pass --instance-id");
        return Err(EXIT_USAGE);
    }
    let (client, gateway) = session.at_gateway(&instance);
    Ok((session, client, gateway))
}
