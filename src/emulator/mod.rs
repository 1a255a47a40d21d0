//! A local APIG (axum) with the same paths, rules and error codes as the real service
//! (docs/api.md): one project with one or more gateways, each with its VPC
//! channels, members, groups, health checks and the APIs that use them.
//!
//! Calls served: every VPC-channel operation of the SDK (E1–E17), ListInstancesV2 (the
//! project's gateways) and ListApisV2 (a gateway's APIs, filterable by channel), plus the
//! emulator-only `POST /_emulator/health` (see `control.rs`). Every request writes one
//! access-log line, `METHOD PATH STATUS request_id=...`, when the config has a log
//! (the command line sends it to stderr).
//!
//! Several gateways: a seed (`--data`) describes one gateway, `{"channels": [...], "apis":
//! [...]}`, or several, `{"gateways": [{"id", "instance_name", "status", "spec", "channels",
//! "apis"}, ...]}` (full format in `seed.rs`). The first gateway is served under the first
//! `--instance-id` unless a gateway already has that id; each further `--instance-id` adds an
//! empty gateway.
//!
//! Choices where the sources leave the real answer open (docs/api.md §6.6 and §8):
//! - a path with another project id answers 401 APIG.1002 (credentials are project-scoped);
//!   a gateway id the project does not have answers 404 APIG.3030;
//! - an unknown member group answers 404 APIG.3023 ("member group does not exist");
//! - deleting a group deletes its members;
//! - a PUT channel without `vpc_health_config` keeps the stored health check;
//! - a PUT channel on a server channel without `members` answers 400 APIG.2001 (the update
//!   page's own example); `null` means no members;
//! - members keep their id when a write leaves their identity (group, address, port) unchanged;
//! - any unknown channel id, whatever its shape, answers 404 APIG.3023 (never 400 APIG.2012);
//! - a batch enable/disable naming a member the channel does not have answers 400 APIG.2012
//!   `parameterName:id` and changes nothing; deleting an unknown member answers 404 APIG.3024;
//! - a body that is empty, not JSON or not an object answers 400 APIG.2000 (generic parameter
//!   error, reason in the message); a string too short 400 APIG.2005, too long APIG.2006;
//! - deleting a channel is refused with 409 APIG.3719 while a reference channel points at it,
//!   then with 403 APIG.3414 while an API routes through it;
//! - POST members / member groups answer the entries they added or updated; PUT members answers
//!   the resulting members of the channel (or of the named group);
//! - reference channels answer `type` 0 and no members; member writes on them are 403 APIG.3471;
//! - the Nacos password is echoed in answers (the schema has it) but written to the state file
//!   as `***`, so no secret lands on disk.

mod access_log;
mod apis;
mod as_body;
mod auth;
mod body;
mod build;
mod channels;
mod conn;
mod control;
mod demo;
pub mod errors;
pub mod faults;
mod gateways;
mod groups;
mod members;
mod pagination;
pub mod project;
mod render;
mod seed;
mod server;
pub mod state;
mod store;

use std::path::PathBuf;

pub use access_log::{AccessLog, to_stderr as access_log_to_stderr};
pub use apis::Api;
pub use auth::AuthConfig;
pub use demo::{Demo, start_demo};
pub use faults::FaultRates;
pub use project::{Gateway, Project};
pub use seed::{DEFAULT_INSTANCE_ID, DEMO_JSON, initial_state};
pub use server::{EmulatorHandle, serve};
pub use state::State;
pub use store::save_state;

/// The gateway's default channel quota (docs/api.md §7).
pub const CHANNEL_QUOTA: usize = 200;

/// Everything a running emulator needs.
pub struct EmulatorConfig {
    pub project_id: String,
    /// The gateways served and what they hold.
    pub project: Project,
    pub auth: AuthConfig,
    pub faults: FaultRates,
    /// Seed for the fault dice; None = a random one.
    pub seed: Option<u64>,
    /// Where to keep the state across restarts.
    pub state_file: Option<PathBuf>,
    /// Channels per gateway at most.
    pub channel_quota: usize,
    /// Where each request's access-log line goes; none unless set.
    pub access_log: Option<AccessLog>,
}

impl std::fmt::Debug for EmulatorConfig {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("EmulatorConfig")
            .field("project_id", &self.project_id)
            .field("gateways", &self.project.ids())
            .field("auth", &self.auth)
            .field("faults", &self.faults)
            .field("channels", &self.project.channel_count())
            .field("state_file", &self.state_file)
            .field("access_log", &self.access_log.is_some())
            .finish()
    }
}

impl EmulatorConfig {
    /// One gateway with these ids and channels, open to every caller, without faults.
    pub fn new(project_id: &str, instance_id: &str, state: State) -> Self {
        Self::with_project(project_id, Project::single(instance_id, state))
    }

    /// These gateways, open to every caller, without faults.
    pub fn with_project(project_id: &str, project: Project) -> Self {
        EmulatorConfig {
            project_id: project_id.to_string(),
            project,
            auth: AuthConfig::default(),
            faults: FaultRates::default(),
            seed: None,
            state_file: None,
            channel_quota: CHANNEL_QUOTA,
            access_log: None,
        }
    }
}

/// What the handlers share.
pub struct App {
    pub project_id: String,
    pub auth: AuthConfig,
    pub faults: faults::Faults,
    pub store: store::Store,
    pub channel_quota: usize,
    pub access_log: Option<AccessLog>,
}

impl App {
    fn new(cfg: EmulatorConfig) -> Self {
        App {
            project_id: cfg.project_id,
            auth: cfg.auth,
            faults: faults::Faults::new(cfg.faults, cfg.seed),
            store: store::Store::new(cfg.project, cfg.state_file),
            channel_quota: cfg.channel_quota,
            access_log: cfg.access_log,
        }
    }
}
