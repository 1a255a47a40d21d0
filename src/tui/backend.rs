//! What the runner needs from the world — the API and the files on disk — and the real
//! implementation: the APIG client for calls, the config files for drafts and journal.

use futures::future::BoxFuture;
use serde_json::Value;

use crate::api::{ApiError, Client};
use crate::app::{BackendError, Updated};
use crate::model::{Loaded, VpcChannel};

/// The outside world, as the effects of the state machine need it. Tests of the runner use a
/// fake; the state machine itself never sees this trait.
pub trait Backend: Send + Sync {
    fn list_channels(&self) -> BoxFuture<'_, Result<Vec<VpcChannel>, BackendError>>;
    fn load_channel(&self, id: String) -> BoxFuture<'_, Result<Loaded, BackendError>>;
    fn update_channel(
        &self,
        id: String,
        body: Value,
    ) -> BoxFuture<'_, Result<Updated, BackendError>>;
    /// How many members a channel has, from one small page.
    fn member_count(&self, id: String) -> BoxFuture<'_, Option<usize>>;
    fn load_draft(&self, id: &str) -> Option<Value>;
    fn save_draft(&self, id: &str, draft: &Value) -> Result<(), String>;
    fn delete_draft(&self, id: &str) -> Result<(), String>;
    fn journal(&self, entry: &Value) -> Result<(), String>;
}

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
        Box::pin(async move { Ok(self.client.load_channel(&id).await?) })
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
            match self.client.list_members_page(&id, 0, 1).await {
                Ok(page) => usize::try_from(page.total).ok(),
                Err(e) => {
                    tracing::debug!("member count of {id}: {e}");
                    None
                }
            }
        })
    }

    fn load_draft(&self, id: &str) -> Option<Value> {
        match crate::config::load_draft(id) {
            Ok(d) => d,
            Err(e) => {
                tracing::warn!("cannot read the saved draft: {e:#}");
                None
            }
        }
    }

    fn save_draft(&self, id: &str, draft: &Value) -> Result<(), String> {
        crate::config::save_draft(id, draft).map_err(|e| format!("{e:#}"))
    }

    fn delete_draft(&self, id: &str) -> Result<(), String> {
        crate::config::delete_draft(id).map_err(|e| format!("{e:#}"))
    }

    fn journal(&self, entry: &Value) -> Result<(), String> {
        let text = |k: &str| entry[k].as_str().unwrap_or_default().to_string();
        let e = crate::config::JournalEntry::new(
            &text("channel"),
            &entry["base"],
            &entry["sent"],
            entry["request_id"].as_str().map(str::to_string),
            &text("result"),
        );
        crate::config::append_journal(&e)
            .map_err(|e| format!("cannot append to the journal: {e:#}"))
    }
}
