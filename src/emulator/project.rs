//! The one project the emulator serves: one or more gateways, each with its own channels and
//! APIs.

use serde::{Deserialize, Serialize};

use super::state::State;

/// The gateways of the project, the first one first (it is the one a single-gateway seed
/// describes, and the one the start line names first).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Project {
    pub gateways: Vec<Gateway>,
}

/// One gateway (instance) and what it holds.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Gateway {
    pub id: String,
    pub instance_name: String,
    /// `Running` unless the seed says otherwise (e.g. `Frozen`, to rehearse skipping it).
    pub status: String,
    pub spec: String,
    /// Milliseconds since the epoch, as ListInstancesV2 answers it.
    pub create_time: i64,
    #[serde(flatten)]
    pub state: State,
}

impl Gateway {
    /// An empty running gateway with defaults for everything but its id.
    pub fn empty(id: &str) -> Gateway {
        let mut g = Gateway {
            id: id.to_string(),
            ..Default::default()
        };
        g.fill_defaults();
        g
    }

    pub fn fill_defaults(&mut self) {
        if self.instance_name.is_empty() {
            let short: String = self.id.chars().take(8).collect();
            self.instance_name = format!("apig-{short}");
        }
        if self.status.is_empty() {
            self.status = crate::model::GATEWAY_RUNNING.to_string();
        }
        if self.spec.is_empty() {
            self.spec = "PROFESSIONAL".to_string();
        }
        if self.create_time == 0 {
            self.create_time = now_millis();
        }
    }
}

impl Project {
    /// A project with one gateway holding `state`.
    pub fn single(instance_id: &str, state: State) -> Project {
        let mut g = Gateway::empty(instance_id);
        g.state = state;
        Project { gateways: vec![g] }
    }

    pub fn gateway(&self, id: &str) -> Option<&Gateway> {
        self.gateways.iter().find(|g| g.id == id)
    }

    pub fn gateway_mut(&mut self, id: &str) -> Option<&mut Gateway> {
        self.gateways.iter_mut().find(|g| g.id == id)
    }

    /// Add an empty gateway with this id, unless there is one already.
    pub fn add_empty_gateway(&mut self, id: &str) {
        if self.gateway(id).is_none() {
            self.gateways.push(Gateway::empty(id));
        }
    }

    pub fn ids(&self) -> Vec<&str> {
        self.gateways.iter().map(|g| g.id.as_str()).collect()
    }

    pub fn channel_count(&self) -> usize {
        self.gateways.iter().map(|g| g.state.channels.len()).sum()
    }
}

fn now_millis() -> i64 {
    let nanos = time::OffsetDateTime::now_utc().unix_timestamp_nanos();
    i64::try_from(nanos / 1_000_000).unwrap_or(0)
}
