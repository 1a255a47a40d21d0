//! The calls the editor loads and saves with (docs/api.md §2: E1, E2, E3, E4, E5, E6, E14);
//! the other operations are in `channels.rs`, `members.rs`, `groups.rs`, `gateways.rs` and
//! `apis.rs`.

use std::future::Future;

use reqwest::Method;
use serde::de::DeserializeOwned;
use serde_json::Value;

use super::ApiError;
use super::answers;
use super::client::{Answer, Client, Loaded, decode};
use super::filters::{ChannelFilter, GroupFilter};
use super::member_check::{self, Embedded};
use super::pages::{self, Page, Paging};
use super::write_body;
use crate::model::{MemberGroupInfo, VpcChannel, VpcMemberInfo};

impl Client {
    async fn get(&self, path: &str, query: &[(String, String)]) -> Result<Answer, ApiError> {
        self.call(Method::GET, path, query, None).await
    }

    pub(super) async fn get_json<T: DeserializeOwned>(
        &self,
        path: &str,
        query: &[(String, String)],
        what: &str,
    ) -> Result<T, ApiError> {
        decode(&self.get(path, query).await?, what)
    }

    pub(super) fn paging(&self, what: &'static str) -> Paging {
        let cfg = self.config();
        Paging {
            limit: cfg.page_limit,
            concurrency: cfg.page_concurrency,
            limits: cfg.limits,
            what,
        }
    }

    /// Run a read of a list again while it shows signs of having changed under it, up to the
    /// configured number of reads; then fail, saying so.
    pub(super) async fn reread<T, F, Fut>(&self, read: F) -> Result<T, ApiError>
    where
        F: Fn() -> Fut,
        Fut: Future<Output = Result<T, ApiError>>,
    {
        let tries = self.config().limits.load_tries.max(1);
        let mut attempt = 1;
        loop {
            match read().await {
                Err(ApiError::Inconsistent(why)) if attempt < tries => {
                    tracing::warn!(
                        attempt,
                        "the list changed while it was read, reading it again: {why}"
                    );
                    tokio::time::sleep(self.config().retry.delay(attempt)).await;
                    attempt += 1;
                }
                Err(ApiError::Inconsistent(why)) => {
                    return Err(ApiError::Inconsistent(format!(
                        "{why}; read {tries} times, it never added up (the channel keeps \
                         changing, or the server is inconsistent); try again later"
                    )));
                }
                other => return other,
            }
        }
    }

    /// E1, every page. `name` filters by substring.
    pub async fn list_channels(&self, name: Option<&str>) -> Result<Vec<VpcChannel>, ApiError> {
        let filter = ChannelFilter {
            name: name.map(str::to_string),
            ..Default::default()
        };
        self.list_channels_where(&filter).await
    }

    /// E2.
    pub async fn get_channel(&self, id: &str) -> Result<VpcChannel, ApiError> {
        let path = self.channel_path(id).await?;
        self.get_json(&path, &[], "the channel").await
    }

    /// One page of E6.
    pub async fn list_members_page(
        &self,
        id: &str,
        offset: u64,
        limit: u32,
    ) -> Result<Page<VpcMemberInfo>, ApiError> {
        let path = format!("{}/members", self.channel_path(id).await?);
        let a = self.get(&path, &page_query(offset, limit)).await?;
        // Read on a task of its own: the pages that arrive together are typed on every worker,
        // while the rest are still on the way, instead of one after the other where they are
        // collected.
        tokio::spawn(async move {
            answers::members_page_answer(a.status, a.request_id.as_deref(), &a.body)
        })
        .await
        .map_err(|e| ApiError::Transport {
            detail: format!("reading a member page stopped: {e}"),
        })?
    }

    /// E6, every page, fetched concurrently and checked to add up, each id once. (Only
    /// [`Client::load_channel`] also checks identities and the detail.)
    pub async fn list_all_members(&self, id: &str) -> Result<Vec<VpcMemberInfo>, ApiError> {
        pages::fetch_all(
            &self.paging("members"),
            |offset, limit| self.list_members_page(id, offset, limit),
            |m: &VpcMemberInfo| m.id.as_deref(),
        )
        .await
    }

    /// All of E6, read again while it shows signs of changing: the members after a write
    /// that touched only them.
    pub async fn reread_members(&self, id: &str) -> Result<Vec<VpcMemberInfo>, ApiError> {
        self.reread(|| self.list_all_members(id)).await
    }

    /// E2 and all of E6: what the editor needs, checked to be a member set the server held
    /// (see `member_check::check`); read again while it shows signs of changing.
    pub async fn load_channel(&self, id: &str) -> Result<Loaded, ApiError> {
        self.reread(|| self.load_once(id)).await
    }

    async fn load_once(&self, id: &str) -> Result<Loaded, ApiError> {
        let ((detail, embedded), members) =
            tokio::try_join!(self.get_detail(id), self.list_all_members(id))?;
        member_check::check(&detail, embedded.as_ref(), &members)?;
        Ok(Loaded { detail, members })
    }

    /// E2 with its embedded member copy reduced to a count and ids.
    async fn get_detail(&self, id: &str) -> Result<(VpcChannel, Option<Embedded>), ApiError> {
        let path = self.channel_path(id).await?;
        let a = self.get(&path, &[]).await?;
        answers::detail_answer(a.status, a.request_id.as_deref(), &a.body)
    }

    /// E14, every page.
    pub async fn list_member_groups(&self, id: &str) -> Result<Vec<MemberGroupInfo>, ApiError> {
        self.list_member_groups_where(id, &GroupFilter::default())
            .await
    }

    /// E3: the complete body (both arrays). The answer lacks members and the health check:
    /// call [`Client::load_channel`] for the new state.
    pub async fn update_channel(&self, id: &str, body: &Value) -> Result<VpcChannel, ApiError> {
        Ok(self.update_channel_traced(id, body).await?.0)
    }

    /// [`Client::update_channel`], also giving the answer's request id (for the journal).
    /// Only the documented answer counts as success: 200 with this channel. Anything else
    /// that is 2xx is an error for which [`ApiError::answer_lost`] holds (see `outcome`).
    pub async fn update_channel_traced(
        &self,
        id: &str,
        body: &Value,
    ) -> Result<(VpcChannel, Option<String>), ApiError> {
        let path = self.channel_path(id).await?;
        let bytes = write_body::encode(&write_body::full_put(body))?;
        let a = self.call(Method::PUT, &path, &[], Some(&bytes)).await?;
        let undocumented = |reason: String| ApiError::BadBody {
            status: a.status,
            reason,
            excerpt: super::error::excerpt(&a.body),
            request_id: a.request_id.clone(),
        };
        if a.status != 200 {
            return Err(undocumented(
                "an undocumented status for an update (200 is the answer)".into(),
            ));
        }
        let channel: VpcChannel = decode(&a, "the update answer")?;
        if channel.id.as_deref() != Some(id) {
            return Err(undocumented(format!(
                "the update answer does not describe channel {}",
                crate::sanitize::excerpt(id, 64)
            )));
        }
        Ok((channel, a.request_id.clone()))
    }

    /// E4.
    pub async fn create_channel(&self, body: &Value) -> Result<VpcChannel, ApiError> {
        let path = self.channels_path().await?;
        let bytes = write_body::encode(&write_body::full_put(body))?;
        let a = self.call(Method::POST, &path, &[], Some(&bytes)).await?;
        decode(&a, "the create answer")
    }

    /// E5.
    pub async fn delete_channel(&self, id: &str) -> Result<(), ApiError> {
        let path = self.channel_path(id).await?;
        self.call(Method::DELETE, &path, &[], None).await?;
        Ok(())
    }
}

pub(super) fn page_query(offset: u64, limit: u32) -> Vec<(String, String)> {
    vec![
        ("offset".into(), offset.to_string()),
        ("limit".into(), limit.to_string()),
    ]
}
