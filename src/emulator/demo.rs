//! `--demo`: the emulator in-process on a loopback port with the demo data (two gateways) and
//! a random token. It writes no access log: its stderr is the editor's screen.

use super::{EmulatorConfig, EmulatorHandle, Project, serve};

/// Project and gateway ids of the demo (the CLI's defaults); the demo's second gateway has
/// its own id in `assets/demo.json`.
pub const DEMO_PROJECT_ID: &str = "0e0e1c8f5a0000b92f2ac0013ec0f8c3";
pub const DEMO_INSTANCE_ID: &str = super::DEFAULT_INSTANCE_ID;

/// A running demo emulator and what a client needs to reach it.
pub struct Demo {
    /// `http://127.0.0.1:PORT`.
    pub endpoint: String,
    pub project_id: String,
    /// The first gateway (the one commands open).
    pub instance_id: String,
    /// Every gateway of the demo, the first one first.
    pub instance_ids: Vec<String>,
    /// The X-Auth-Token it accepts (random, per run).
    pub token: String,
    pub handle: EmulatorHandle,
}

impl std::fmt::Debug for Demo {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Demo")
            .field("endpoint", &self.endpoint)
            .field("project_id", &self.project_id)
            .field("instance_ids", &self.instance_ids)
            .field("token", &"***")
            .finish()
    }
}

/// Start the demo emulator on 127.0.0.1 (a free port). It runs until `handle` is shut down
/// or dropped.
pub async fn start_demo() -> anyhow::Result<Demo> {
    let project = Project::demo(None)?;
    let instance_ids: Vec<String> = project.ids().iter().map(|s| s.to_string()).collect();
    let token = super::state::new_id();
    let mut cfg = EmulatorConfig::with_project(DEMO_PROJECT_ID, project);
    cfg.auth.token = Some(token.clone());
    let listener = tokio::net::TcpListener::bind(("127.0.0.1", 0)).await?;
    let handle = serve(cfg, listener).await;
    Ok(Demo {
        endpoint: handle.url(),
        project_id: DEMO_PROJECT_ID.to_string(),
        instance_id: DEMO_INSTANCE_ID.to_string(),
        instance_ids,
        token,
        handle,
    })
}
