//! The gateway's state behind a lock, seed files (`--data`) and the state file (`--state`).
//!
//! Seed file shape (also the shape of the state file and of `assets/demo.json`):
//! `{"channels": [CHANNEL, ...]}` where CHANNEL has the stored fields of a channel —
//! `name`, `port`, `balance_strategy`, `member_type`, `vpc_channel_type` (`builtin` when absent),
//! `dict_code`, `member_groups` (`member_group_name`, `member_group_remark`,
//! `member_group_weight`, `microservice_version`, `microservice_port`, `microservice_labels`,
//! `reference_vpc_channel_id`), `members` (`host`, `weight`, `is_backup`, `member_group_name`,
//! `status`, `port`, `ecs_id`, `ecs_name`, `health_status`), `vpc_health_config` (the
//! VpcHealthConfig fields) and `microservice_info` (`service_type` plus the `*_info` object).
//! Ids and times may be left out (they are generated), as may `port` 0 on members (the channel
//! port), ecs_id/ecs_name on ip members (the host), statuses (1). A channel may carry
//! `"generate_members": {"count": 2000, "first_host": "10.20.0.1", "port": 0, "weight": 1,
//! "groups": ["a", "b"]}` to get that many ip members without listing them.
//! The state file is this shape fully filled in, with Nacos passwords replaced by `***`.

use std::net::Ipv4Addr;
use std::path::{Path, PathBuf};
use std::sync::RwLock;

use anyhow::{Context, bail};

use super::as_body::channel_as_body;
use super::errors::{ApiError, ApiResult, body_problems};
use super::state::{State, new_id, now};

/// The demo data: one channel of each kind and one with 2,000 members.
pub const DEMO_JSON: &str = include_str!("../../assets/demo.json");

/// Generated members per channel at most: enough for any load test, small enough for memory.
const MAX_GENERATED: u32 = 200_000;

pub struct Store {
    state: RwLock<State>,
    /// Serialises writes (and their persisting), so writes to a channel never interleave.
    write_gate: tokio::sync::Mutex<()>,
    state_file: Option<PathBuf>,
}

impl Store {
    pub fn new(state: State, state_file: Option<PathBuf>) -> Self {
        Store {
            state: RwLock::new(state),
            write_gate: tokio::sync::Mutex::new(()),
            state_file,
        }
    }

    pub fn read<R>(&self, f: impl FnOnce(&State) -> R) -> R {
        let guard = self.state.read().unwrap_or_else(|e| e.into_inner());
        f(&guard)
    }

    /// Run one write. `f` must check before it changes anything: an error leaves the state as
    /// it was. With a state file, the new state is written (atomically) before it is served;
    /// when that fails the answer is 500 APIG.9999 and the state stays as it was.
    pub async fn write<R>(&self, f: impl FnOnce(&mut State) -> ApiResult<R>) -> ApiResult<R> {
        let _gate = self.write_gate.lock().await;
        let Some(path) = self.state_file.clone() else {
            let mut guard = self.state.write().unwrap_or_else(|e| e.into_inner());
            return f(&mut guard);
        };
        // The gate keeps other writers out, so this copy cannot miss a change.
        let mut next = self.read(State::clone);
        let result = f(&mut next)?;
        let next = tokio::task::spawn_blocking(move || save_state(&path, &next).map(|()| next))
            .await
            .map_err(|_| ApiError::system())?
            .map_err(|_| ApiError::system())?;
        *self.state.write().unwrap_or_else(|e| e.into_inner()) = next;
        Ok(result)
    }
}

/// Write the state file atomically: a temporary file beside it, then a rename.
pub fn save_state(path: &Path, state: &State) -> anyhow::Result<()> {
    let mut v = serde_json::to_value(state)?;
    crate::model::redact_secrets(&mut v);
    let text = serde_json::to_vec_pretty(&v)?;
    let dir = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let tmp = dir.join(format!(".{name}.{}.tmp", std::process::id()));
    std::fs::write(&tmp, &text).with_context(|| format!("cannot write {}", tmp.display()))?;
    std::fs::rename(&tmp, path).with_context(|| format!("cannot replace {}", path.display()))?;
    Ok(())
}

/// The starting state: the state file when it exists, else the seed file, else the demo data.
pub fn initial_state(data: Option<&Path>, state_file: Option<&Path>) -> anyhow::Result<State> {
    if let Some(p) = state_file.filter(|p| p.exists()) {
        let text =
            std::fs::read_to_string(p).with_context(|| format!("cannot read {}", p.display()))?;
        return State::from_seed(&text).with_context(|| format!("bad state file {}", p.display()));
    }
    match data {
        Some(p) => {
            let text = std::fs::read_to_string(p)
                .with_context(|| format!("cannot read {}", p.display()))?;
            State::from_seed(&text).with_context(|| format!("bad data file {}", p.display()))
        }
        None => State::demo(),
    }
}

impl State {
    /// The built-in demo data.
    pub fn demo() -> anyhow::Result<State> {
        State::from_seed(DEMO_JSON).context("bad demo data")
    }

    /// Parse a seed (or state) file and fill in what it leaves out; fails on a channel the
    /// service would not have accepted.
    pub fn from_seed(text: &str) -> anyhow::Result<State> {
        let mut state: State = serde_json::from_str(text)?;
        let t = now();
        let mut names = std::collections::HashSet::new();
        let mut ids = std::collections::HashSet::new();
        for ch in &mut state.channels {
            if ch.id.is_empty() {
                ch.id = new_id();
            }
            if ch.create_time.is_empty() {
                ch.create_time = t.clone();
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
            if !names.insert(ch.name.clone()) {
                bail!("channel name {:?} appears twice", ch.name);
            }
            if !ids.insert(ch.id.clone()) {
                bail!("channel id {:?} appears twice", ch.id);
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
                let first: Ipv4Addr = spec.first_host.parse().with_context(|| {
                    format!("channel {:?}: generate_members.first_host", ch.name)
                })?;
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
            if let Some(p) = body_problems(&channel_as_body(ch)).first() {
                bail!("channel {:?}: {}: {}", ch.name, p.path, p.message);
            }
        }
        Ok(state)
    }
}
