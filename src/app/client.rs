//! The real backend: the APIG client for calls, the config files for drafts and journal.

use futures::future::BoxFuture;
use serde_json::Value;

use super::effects::{Backend, BackendError, Loaded, Updated};
use crate::api::{ApiError, Client};
use crate::model::VpcChannel;

pub struct ApiBackend {
    pub client: Client,
}

impl From<ApiError> for BackendError {
    fn from(e: ApiError) -> Self {
        BackendError {
            status: e.status(),
            error_code: e.error_code().map(str::to_string),
            error_msg: e.error_msg().map_or_else(|| e.to_string(), str::to_string),
            request_id: e.request_id().map(str::to_string),
            parameter: e.parameter_name(),
        }
    }
}

impl Backend for ApiBackend {
    fn list_channels(&self) -> BoxFuture<'_, Result<Vec<VpcChannel>, BackendError>> {
        Box::pin(async move { Ok(self.client.list_channels(None).await?) })
    }

    fn load_channel(&self, id: String) -> BoxFuture<'_, Result<Loaded, BackendError>> {
        Box::pin(async move {
            let l = self.client.load_channel(&id).await?;
            Ok(Loaded {
                detail: l.detail,
                members: l.members,
            })
        })
    }

    fn update_channel(
        &self,
        id: String,
        body: Value,
    ) -> BoxFuture<'_, Result<Updated, BackendError>> {
        Box::pin(async move {
            let (channel, request_id) = self.client.update_channel_traced(&id, &body).await?;
            Ok(Updated {
                channel,
                request_id,
            })
        })
    }

    fn member_count(&self, id: String) -> BoxFuture<'_, Option<usize>> {
        Box::pin(async move {
            let page = self.client.list_members_page(&id, 0, 1).await.ok()?;
            usize::try_from(page.total).ok()
        })
    }

    fn load_draft(&self, id: &str) -> Option<Value> {
        crate::config::load_draft(id).ok().flatten()
    }

    fn save_draft(&self, id: &str, draft: &Value) -> Result<(), String> {
        crate::config::save_draft(id, draft).map_err(|e| e.to_string())
    }

    fn delete_draft(&self, id: &str) {
        let _ = crate::config::delete_draft(id);
    }

    fn journal(&self, entry: &Value) {
        let text = |k: &str| entry[k].as_str().unwrap_or_default().to_string();
        let e = crate::config::JournalEntry::new(
            &text("channel"),
            &entry["base"],
            &entry["sent"],
            entry["request_id"].as_str().map(str::to_string),
            &text("result"),
        );
        if let Err(err) = crate::config::append_journal(&e) {
            tracing::warn!("cannot append to the journal: {err}");
        }
    }
}

/// Open the editor on a gateway: `chanedit [CHANNEL_ID]`.
pub async fn run_tui(
    cfg: crate::api::ClientConfig,
    channel_id: Option<String>,
    read_only: bool,
) -> i32 {
    let client = match Client::new(cfg) {
        Ok(c) => c,
        Err(e) => {
            eprintln!("error: {e}");
            return crate::commands::EXIT_FAIL;
        }
    };
    run_with_client(client, channel_id, read_only).await
}

/// The editor on an existing client.
pub async fn run_with_client(client: Client, channel_id: Option<String>, read_only: bool) -> i32 {
    let backend = std::sync::Arc::new(ApiBackend { client });
    super::runner::run(backend, channel_id, read_only).await
}
