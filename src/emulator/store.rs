//! The project's state behind a lock, and the state file (`--state`) that keeps it across
//! restarts. Seed files are read in `seed.rs`.

use std::path::{Path, PathBuf};
use std::sync::RwLock;

use anyhow::Context;

use super::errors::{ApiError, ApiResult};
use super::project::Project;
use super::state::State;

pub struct Store {
    project: RwLock<Project>,
    /// Serialises writes (and their persisting), so writes to a channel never interleave.
    write_gate: tokio::sync::Mutex<()>,
    state_file: Option<PathBuf>,
}

impl Store {
    pub fn new(project: Project, state_file: Option<PathBuf>) -> Self {
        Store {
            project: RwLock::new(project),
            write_gate: tokio::sync::Mutex::new(()),
            state_file,
        }
    }

    pub fn read_project<R>(&self, f: impl FnOnce(&Project) -> R) -> R {
        let guard = self.project.read().unwrap_or_else(|e| e.into_inner());
        f(&guard)
    }

    /// Read one gateway's state; 404 APIG.3030 when the project has no such gateway.
    pub fn read<R>(&self, gateway: &str, f: impl FnOnce(&State) -> ApiResult<R>) -> ApiResult<R> {
        self.read_project(|p| match p.gateway(gateway) {
            Some(g) => f(&g.state),
            None => Err(ApiError::no_gateway(gateway)),
        })
    }

    /// Run one write on one gateway. `f` must check before it changes anything: an error
    /// leaves the state as it was. With a state file, the new state is written (atomically)
    /// before it is served; when that fails the answer is 500 APIG.9999 and the state stays
    /// as it was.
    pub async fn write<R>(
        &self,
        gateway: &str,
        f: impl FnOnce(&mut State) -> ApiResult<R>,
    ) -> ApiResult<R> {
        let _gate = self.write_gate.lock().await;
        let Some(path) = self.state_file.clone() else {
            let mut guard = self.project.write().unwrap_or_else(|e| e.into_inner());
            let g = guard
                .gateway_mut(gateway)
                .ok_or_else(|| ApiError::no_gateway(gateway))?;
            return f(&mut g.state);
        };
        // The gate keeps other writers out, so this copy cannot miss a change.
        let mut next = self.read_project(Project::clone);
        let g = next
            .gateway_mut(gateway)
            .ok_or_else(|| ApiError::no_gateway(gateway))?;
        let result = f(&mut g.state)?;
        let next = tokio::task::spawn_blocking(move || save_state(&path, &next).map(|()| next))
            .await
            .map_err(|_| ApiError::system())?
            .map_err(|e| {
                tracing::warn!("cannot write the state file: {e:#}");
                ApiError::system()
            })?;
        *self.project.write().unwrap_or_else(|e| e.into_inner()) = next;
        Ok(result)
    }
}

/// Write the state file atomically: a temporary file beside it, then a rename. The Nacos
/// passwords are written as `***`.
pub fn save_state(path: &Path, project: &Project) -> anyhow::Result<()> {
    let mut v = serde_json::to_value(project)?;
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
