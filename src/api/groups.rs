//! The member-group calls of a channel: add or update by name (POST, E13), filtered list
//! (E14), show (E15), update or rename one (E16), delete one (E17).

use reqwest::Method;

use super::ApiError;
use super::auth::path_param;
use super::client::Client;
use super::filters::GroupFilter;
use super::pages::Page;
use super::sent::Answered;
use crate::model::{
    ListMemberGroupsResponse, MemberGroupCreate, MemberGroupInfo, MemberGroupsBody,
};

impl Client {
    async fn groups_path(&self, channel_id: &str) -> Result<String, ApiError> {
        Ok(format!(
            "{}/member-groups",
            self.channel_path(channel_id).await?
        ))
    }

    async fn group_path(&self, channel_id: &str, group_id: &str) -> Result<String, ApiError> {
        Ok(format!(
            "{}/{}",
            self.groups_path(channel_id).await?,
            path_param(group_id)
        ))
    }

    /// E14, every page of the groups that match `filter`.
    pub async fn list_member_groups_where(
        &self,
        channel_id: &str,
        filter: &GroupFilter,
    ) -> Result<Vec<MemberGroupInfo>, ApiError> {
        let path = self.groups_path(channel_id).await?;
        self.every_page(
            &path,
            &filter.query(),
            "the member group list",
            |r: ListMemberGroupsResponse| Page {
                total: r.total,
                items: r.member_groups,
            },
            |g| g.member_group_id.as_deref(),
        )
        .await
    }

    /// E13: add these groups, or update the ones whose name exists; answers them with their
    /// ids.
    pub async fn create_member_groups(
        &self,
        channel_id: &str,
        groups: &[MemberGroupCreate],
    ) -> Result<Answered<Vec<MemberGroupInfo>>, ApiError> {
        if groups.is_empty() {
            return Err(ApiError::Config("no member groups to create".into()));
        }
        let body = MemberGroupsBody {
            member_groups: groups.to_vec(),
            ..Default::default()
        };
        let path = self.groups_path(channel_id).await?;
        let a: Answered<ListMemberGroupsResponse> = self
            .send_json(
                Method::POST,
                &path,
                Some(&body),
                "the created member groups",
            )
            .await?;
        Ok(Answered {
            value: a.value.member_groups,
            request_id: a.request_id,
        })
    }

    /// E15.
    pub async fn get_member_group(
        &self,
        channel_id: &str,
        group_id: &str,
    ) -> Result<MemberGroupInfo, ApiError> {
        let path = self.group_path(channel_id, group_id).await?;
        self.get_json(&path, &[], "the member group").await
    }

    /// E16: update one group; a new `member_group_name` renames it.
    pub async fn update_member_group(
        &self,
        channel_id: &str,
        group_id: &str,
        group: &MemberGroupCreate,
    ) -> Result<Answered<MemberGroupInfo>, ApiError> {
        let path = self.group_path(channel_id, group_id).await?;
        self.send_json(Method::PUT, &path, Some(group), "the updated member group")
            .await
    }

    /// E17.
    pub async fn delete_member_group(
        &self,
        channel_id: &str,
        group_id: &str,
    ) -> Result<Answered<()>, ApiError> {
        let path = self.group_path(channel_id, group_id).await?;
        self.send_empty::<()>(Method::DELETE, &path, None).await
    }
}
