//! Seed files (`--data`), the state file (`--state`) and the demo data: parsed, checked as
//! the service would check them, and filled in where they leave things out.
//!
//! A seed describes one gateway — `{"channels": [CHANNEL, ...], "apis": [API, ...]}` — or
//! several — `{"gateways": [GATEWAY, ...]}` where GATEWAY is `{"id", "instance_name",
//! "status", "spec", "channels": [...], "apis": [...]}` (all but the lists optional;
//! `status` is `Running` unless told). The state file is always the second shape, fully
//! filled in, with Nacos passwords replaced by `***`.
//!
//! CHANNEL has the stored fields of a channel — `name`, `port`, `balance_strategy`,
//! `member_type`, `vpc_channel_type` (`builtin` when absent), `dict_code`, `member_groups`
//! (`member_group_name`, `member_group_remark`, `member_group_weight`,
//! `microservice_version`, `microservice_port`, `microservice_labels`,
//! `reference_vpc_channel_id`), `members` (`host`, `weight`, `is_backup`,
//! `member_group_name`, `status`, `port`, `ecs_id`, `ecs_name`, `health_status`),
//! `vpc_health_config` (the VpcHealthConfig fields) and `microservice_info` (`service_type`
//! plus the `*_info` object). Ids and times may be left out (they are generated), as may
//! `port` 0 on members (the channel port), ecs_id/ecs_name on ip members (the host),
//! statuses (1). A channel may carry `"generate_members": {"count": 2000, "first_host":
//! "10.20.0.1", "port": 0, "weight": 1, "groups": ["a", "b"]}` to get that many ip members
//! without listing them.
//!
//! API is an API whose backend routes through a channel: `name`, `req_method`, `req_uri`,
//! `vpc_channel_id` (a channel of the same gateway), and optionally `id`, `group_id`,
//! `group_name`, `req_protocol` (HTTPS), `auth_type` (APP), `type` (1 public, 2 private),
//! `run_env_name` / `run_env_id` (environments where it is published, joined with `|`).
//!
//! Gateway ids: the first gateway is served under the first `--instance-id` (for a
//! single-gateway seed that is its only gateway), unless a gateway already has that id;
//! without `--instance-id` it keeps its own id, else the default one. Every further
//! `--instance-id` adds an empty gateway.

use std::collections::HashSet;
use std::net::Ipv4Addr;
use std::path::Path;

use anyhow::{Context, bail};
use serde_json::Value;

use super::as_body::channel_as_body;
use super::errors::body_problems;
use super::project::Project;
use super::state::{Channel, State, new_id, now};

/// The demo data: two gateways; the first has one channel of each kind, one with 2,000
/// members, and APIs on some of them.
pub const DEMO_JSON: &str = include_str!("../../assets/demo.json");

/// The gateway id used when none is given (the demo's first gateway).
pub const DEFAULT_INSTANCE_ID: &str = "eddc4d25480b4cd6b512f270a1b8b341";

/// Generated members per channel at most: enough for any load test, small enough for memory.
const MAX_GENERATED: u32 = 200_000;

/// The starting project: the state file when it exists, else the seed file, else the demo
/// data. `first_id` is the first `--instance-id`, if one was given.
pub fn initial_state(
    data: Option<&Path>,
    state_file: Option<&Path>,
    first_id: Option<&str>,
) -> anyhow::Result<Project> {
    let read = |p: &Path| {
        std::fs::read_to_string(p).with_context(|| format!("cannot read {}", p.display()))
    };
    if let Some(p) = state_file.filter(|p| p.exists()) {
        return Project::from_seed(&read(p)?, first_id)
            .with_context(|| format!("bad state file {}", p.display()));
    }
    match data {
        Some(p) => Project::from_seed(&read(p)?, first_id)
            .with_context(|| format!("bad data file {}", p.display())),
        None => Project::demo(first_id),
    }
}

impl Project {
    /// The built-in demo data.
    pub fn demo(first_id: Option<&str>) -> anyhow::Result<Project> {
        Project::from_seed(DEMO_JSON, first_id).context("bad demo data")
    }

    /// Parse a seed or state file of either shape and fill in what it leaves out; fails on
    /// anything the service would not have accepted.
    pub fn from_seed(text: &str, first_id: Option<&str>) -> anyhow::Result<Project> {
        let v: Value = serde_json::from_str(text)?;
        let mut project = if v.get("gateways").is_some() {
            serde_json::from_value::<Project>(v)?
        } else {
            Project::single("", serde_json::from_value::<State>(v)?)
        };
        if project.gateways.is_empty() {
            bail!("no gateways");
        }
        name_first_gateway(&mut project, first_id);
        let mut gateway_ids = HashSet::new();
        let mut channel_ids = HashSet::new();
        for g in &mut project.gateways {
            if g.id.is_empty() {
                g.id = new_id();
            }
            if !gateway_ids.insert(g.id.clone()) {
                bail!("gateway id {:?} appears twice", g.id);
            }
            g.fill_defaults();
            fill_state(&mut g.state).with_context(|| format!("gateway {}", g.id))?;
            for ch in &g.state.channels {
                if !channel_ids.insert(ch.id.clone()) {
                    bail!("channel id {:?} appears twice", ch.id);
                }
            }
        }
        Ok(project)
    }
}

/// The first gateway takes the first `--instance-id`, unless another gateway has that id
/// already; an id-less first gateway otherwise gets the default.
fn name_first_gateway(project: &mut Project, first_id: Option<&str>) {
    let taken = |id: &str| project.gateways.iter().any(|g| g.id == id);
    let id = match first_id {
        Some(id) if !taken(id) => id.to_string(),
        _ if project.gateways[0].id.is_empty() && !taken(DEFAULT_INSTANCE_ID) => {
            DEFAULT_INSTANCE_ID.to_string()
        }
        _ => return,
    };
    project.gateways[0].id = id;
}

impl State {
    /// The demo's first gateway alone.
    pub fn demo() -> anyhow::Result<State> {
        let mut p = Project::demo(None)?;
        Ok(p.gateways.swap_remove(0).state)
    }

    /// Parse a single-gateway seed and fill in what it leaves out; fails on a channel or API
    /// the service would not have accepted.
    pub fn from_seed(text: &str) -> anyhow::Result<State> {
        let mut state: State = serde_json::from_str(text)?;
        fill_state(&mut state)?;
        Ok(state)
    }
}

/// One gateway's channels and APIs, checked and filled in.
fn fill_state(state: &mut State) -> anyhow::Result<()> {
    let t = now();
    let mut names = HashSet::new();
    let mut ids = HashSet::new();
    for ch in &mut state.channels {
        fill_channel(ch, &t)?;
        if !names.insert(ch.name.clone()) {
            bail!("channel name {:?} appears twice", ch.name);
        }
        if !ids.insert(ch.id.clone()) {
            bail!("channel id {:?} appears twice", ch.id);
        }
        if let Some(p) = body_problems(&channel_as_body(ch)).first() {
            bail!("channel {:?}: {}: {}", ch.name, p.path, p.message);
        }
    }
    let mut api_ids = HashSet::new();
    for api in &mut state.apis {
        api.fill(&t, &state.channels)?;
        if !api_ids.insert(api.id.clone()) {
            bail!("API id {:?} appears twice", api.id);
        }
    }
    Ok(())
}

fn fill_channel(ch: &mut Channel, now: &str) -> anyhow::Result<()> {
    if ch.id.is_empty() {
        ch.id = new_id();
    }
    if ch.create_time.is_empty() {
        ch.create_time = now.to_string();
    }
    if ch.status == 0 {
        ch.status = 1;
    }
    // Parts without their own time were made with the channel.
    let t = ch.create_time.clone();
    if ch.vpc_channel_type.is_empty() {
        ch.vpc_channel_type = "builtin".into();
    }
    if !matches!(
        ch.vpc_channel_type.as_str(),
        "builtin" | "microservice" | "reference"
    ) {
        bail!("channel {:?}: unknown vpc_channel_type", ch.name);
    }
    for g in &mut ch.member_groups {
        if g.member_group_id.is_empty() {
            g.member_group_id = new_id();
        }
        if g.create_time.is_empty() {
            g.create_time = t.clone();
        }
        if g.update_time.is_empty() {
            g.update_time = g.create_time.clone();
        }
    }
    if let Some(spec) = ch.generate_members.take() {
        if spec.count > MAX_GENERATED {
            bail!(
                "channel {:?}: generate_members.count is above {MAX_GENERATED}",
                ch.name
            );
        }
        let first: Ipv4Addr = spec
            .first_host
            .parse()
            .with_context(|| format!("channel {:?}: generate_members.first_host", ch.name))?;
        let base = u32::from(first);
        for i in 0..spec.count {
            let host = Ipv4Addr::from(base.wrapping_add(i)).to_string();
            let group = if spec.groups.is_empty() {
                String::new()
            } else {
                spec.groups[i as usize % spec.groups.len()].clone()
            };
            ch.members.push(super::state::Member {
                host,
                weight: spec.weight,
                member_group_name: group,
                port: spec.port,
                ..Default::default()
            });
        }
    }
    let port = ch.port;
    let ip = !crate::model::is_ecs_type(&ch.member_type);
    let groups: Vec<(String, String)> = ch
        .member_groups
        .iter()
        .map(|g| (g.member_group_name.clone(), g.member_group_id.clone()))
        .collect();
    for m in &mut ch.members {
        if m.id.is_empty() {
            m.id = new_id();
        }
        if m.create_time.is_empty() {
            m.create_time = t.clone();
        }
        if m.port == 0 {
            m.port = port;
        }
        if m.status == 0 {
            m.status = 1;
        }
        if ip {
            m.ecs_id = m.host.clone();
            m.ecs_name = m.host.clone();
        }
        if !m.member_group_name.is_empty() {
            match groups.iter().find(|(n, _)| *n == m.member_group_name) {
                Some((_, id)) => m.member_group_id = id.clone(),
                None => bail!(
                    "channel {:?}: member {} names the unknown group {:?}",
                    ch.name,
                    m.host,
                    m.member_group_name
                ),
            }
        }
    }
    if let Some(h) = &mut ch.vpc_health_config {
        if h.id.is_empty() {
            h.id = new_id();
        }
        if h.create_time.is_empty() {
            h.create_time = t.clone();
        }
        if h.status == 0 {
            h.status = 1;
        }
        h.protocol = h.protocol.to_ascii_lowercase();
    }
    if let Some(ms) = &mut ch.microservice_info {
        if ms.id.is_empty() {
            ms.id = new_id();
        }
        if ms.create_time.is_empty() {
            ms.create_time = t.clone();
        }
        if ms.update_time.is_empty() {
            ms.update_time = ms.create_time.clone();
        }
    }
    Ok(())
}
