//! A local APIG (axum) with the same paths, rules and error codes as the real service
//! (spec apig-vpc-channel.md): one gateway, its VPC channels, members, groups and health checks.
//!
//! Choices where the spec leaves the real answer open (all documented in the spec's §6/§8):
//! - a path with another project id answers 401 APIG.1002 (credentials are project-scoped);
//!   another gateway id answers 404 APIG.3030;
//! - an unknown member group answers 404 APIG.3023 ("member group does not exist");
//! - deleting a group deletes its members;
//! - a PUT channel without `vpc_health_config` keeps the stored health check;
//! - a PUT channel on a server channel without `members` answers 400 APIG.2001 (the update
//!   page's own example); `null` means no members;
//! - members keep their id when a write leaves their identity (group, address, port) unchanged;
//! - any unknown channel id, whatever its shape, answers 404 APIG.3023 (never 400 APIG.2012);
//! - POST members / member groups answer the entries they added or updated; PUT members answers
//!   the resulting members of the channel (or of the named group);
//! - reference channels answer `type` 0 and no members; member writes on them are 403 APIG.3471;
//! - the Nacos password is echoed in answers (the schema has it) but written to the state file
//!   as `***`, so no secret lands on disk.

mod as_body;
mod auth;
mod body;
mod build;
mod channels;
mod conn;
mod demo;
pub mod errors;
pub mod faults;
mod groups;
mod members;
mod pagination;
mod server;
pub mod state;
mod store;

use std::path::PathBuf;

pub use auth::AuthConfig;
pub use demo::{Demo, start_demo};
pub use faults::FaultRates;
pub use server::{EmulatorHandle, serve};
pub use state::State;
pub use store::{DEMO_JSON, initial_state, save_state};

/// The gateway's default channel quota (spec §7).
pub const CHANNEL_QUOTA: usize = 200;

/// Everything a running emulator needs.
pub struct EmulatorConfig {
    pub project_id: String,
    pub instance_id: String,
    pub auth: AuthConfig,
    pub faults: FaultRates,
    /// Seed for the fault dice; None = a random one.
    pub seed: Option<u64>,
    /// The starting channels.
    pub state: State,
    /// Where to keep the state across restarts.
    pub state_file: Option<PathBuf>,
    pub channel_quota: usize,
}

impl std::fmt::Debug for EmulatorConfig {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("EmulatorConfig")
            .field("project_id", &self.project_id)
            .field("instance_id", &self.instance_id)
            .field("auth", &self.auth)
            .field("faults", &self.faults)
            .field("channels", &self.state.channels.len())
            .field("state_file", &self.state_file)
            .finish()
    }
}

impl EmulatorConfig {
    /// A gateway with these ids and channels, open to every caller, without faults.
    pub fn new(project_id: &str, instance_id: &str, state: State) -> Self {
        EmulatorConfig {
            project_id: project_id.to_string(),
            instance_id: instance_id.to_string(),
            auth: AuthConfig::default(),
            faults: FaultRates::default(),
            seed: None,
            state,
            state_file: None,
            channel_quota: CHANNEL_QUOTA,
        }
    }
}

/// What the handlers share.
pub struct App {
    pub project_id: String,
    pub instance_id: String,
    pub auth: AuthConfig,
    pub faults: faults::Faults,
    pub store: store::Store,
    pub channel_quota: usize,
}

impl App {
    fn new(cfg: EmulatorConfig) -> Self {
        App {
            project_id: cfg.project_id,
            instance_id: cfg.instance_id,
            auth: cfg.auth,
            faults: faults::Faults::new(cfg.faults, cfg.seed),
            store: store::Store::new(cfg.state, cfg.state_file),
            channel_quota: cfg.channel_quota,
        }
    }
}
