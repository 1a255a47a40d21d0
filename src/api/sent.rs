//! One write and its answer: the body encoded once, sent through the client's one request
//! path (signing, errors, and the retry rule that never repeats a write the server may have
//! applied), the answer decoded into a model type, and the request id kept for the journal.

use reqwest::Method;
use serde::Serialize;
use serde::de::DeserializeOwned;

use super::ApiError;
use super::client::{Client, decode};

/// What a write answered, and the request id the server gave it.
#[derive(Debug, Clone, PartialEq)]
pub struct Answered<T> {
    pub value: T,
    pub request_id: Option<String>,
}

fn encode<B: Serialize>(body: &B) -> Result<Vec<u8>, ApiError> {
    serde_json::to_vec(body).map_err(|e| ApiError::Config(format!("cannot encode the body: {e}")))
}

impl Client {
    /// A write whose answer is a JSON object of type `T`.
    pub(super) async fn send_json<B: Serialize, T: DeserializeOwned>(
        &self,
        method: Method,
        path: &str,
        body: Option<&B>,
        what: &str,
    ) -> Result<Answered<T>, ApiError> {
        let bytes = body.map(encode).transpose()?;
        let a = self.call(method, path, &[], bytes.as_deref()).await?;
        Ok(Answered {
            value: decode(&a, what)?,
            request_id: a.request_id.clone(),
        })
    }

    /// A write answered 204 No Content (or any 2xx): the body, if any, is not read.
    pub(super) async fn send_empty<B: Serialize>(
        &self,
        method: Method,
        path: &str,
        body: Option<&B>,
    ) -> Result<Answered<()>, ApiError> {
        let bytes = body.map(encode).transpose()?;
        let a = self.call(method, path, &[], bytes.as_deref()).await?;
        Ok(Answered {
            value: (),
            request_id: a.request_id,
        })
    }
}
