//! The calls the editor loads and saves with (docs/api.md §2: E1, E2, E3, E4, E5, E6, E14);
//! the other operations are in `channels.rs`, `members.rs`, `groups.rs`, `gateways.rs` and
//! `apis.rs`.

use reqwest::Method;
use serde::de::DeserializeOwned;
use serde_json::Value;

use super::ApiError;
use super::client::{Client, Loaded, decode};
use super::filters::{ChannelFilter, GroupFilter};
use super::pages::{self, Page};
use crate::model::{ListMembersResponse, MemberGroupInfo, VpcChannel, VpcMemberInfo};

impl Client {
    pub(super) async fn get_json<T: DeserializeOwned>(
        &self,
        path: &str,
        query: &[(String, String)],
        what: &str,
    ) -> Result<T, ApiError> {
        let a = self.call(Method::GET, path, query, None).await?;
        decode(&a, what)
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
        let r: ListMembersResponse = self
            .get_json(&path, &page_query(offset, limit), "the member list")
            .await?;
        Ok(Page {
            total: r.total,
            items: r.members,
        })
    }

    /// E6, every page, fetched concurrently and checked to add up.
    pub async fn list_all_members(&self, id: &str) -> Result<Vec<VpcMemberInfo>, ApiError> {
        let cfg = self.config();
        pages::fetch_all(
            cfg.page_limit,
            cfg.page_concurrency,
            |offset, limit| self.list_members_page(id, offset, limit),
            |m: &VpcMemberInfo| m.id.as_deref(),
        )
        .await
    }

    /// E2 and all of E6 at once: what the editor needs.
    pub async fn load_channel(&self, id: &str) -> Result<Loaded, ApiError> {
        let (detail, members) = tokio::try_join!(
            self.get_channel_without_members(id),
            self.list_all_members(id)
        )?;
        Ok(Loaded { detail, members })
    }

    /// E2 with its embedded member copy skipped unread: the member list is read through E6,
    /// and a second copy of 10,000 members would cost time and memory for nothing.
    async fn get_channel_without_members(&self, id: &str) -> Result<VpcChannel, ApiError> {
        #[derive(serde::Deserialize)]
        struct Detail {
            #[serde(flatten)]
            channel: VpcChannel,
            #[serde(default)]
            #[allow(dead_code)]
            members: serde::de::IgnoredAny,
        }
        let path = self.channel_path(id).await?;
        let d: Detail = self.get_json(&path, &[], "the channel").await?;
        Ok(d.channel)
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
    pub async fn update_channel_traced(
        &self,
        id: &str,
        body: &Value,
    ) -> Result<(VpcChannel, Option<String>), ApiError> {
        let path = self.channel_path(id).await?;
        let bytes = body_bytes(body)?;
        let a = self.call(Method::PUT, &path, &[], Some(&bytes)).await?;
        Ok((decode(&a, "the update answer")?, a.request_id.clone()))
    }

    /// E4.
    pub async fn create_channel(&self, body: &Value) -> Result<VpcChannel, ApiError> {
        let path = self.channels_path().await?;
        let bytes = body_bytes(body)?;
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

fn body_bytes(body: &Value) -> Result<Vec<u8>, ApiError> {
    serde_json::to_vec(body).map_err(|e| ApiError::Config(format!("cannot encode the body: {e}")))
}
