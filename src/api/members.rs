//! The member calls of a channel: filtered list (E6), add or update (POST, E7), overwrite
//! (PUT, of all members or of one group, E8), delete one (E9), batch enable and disable
//! (E10, E11), and the health check alone (E12).

use reqwest::Method;

use super::ApiError;
use super::auth::path_param;
use super::client::Client;
use super::filters::MemberFilter;
use super::pages::Page;
use super::sent::Answered;
use crate::model::{
    ListMembersResponse, MemberInfo, MembersBatchEnableOrDisable, MembersBody, VpcHealthConfig,
    VpcHealthConfigInfo, VpcMemberInfo,
};

impl Client {
    async fn members_path(&self, channel_id: &str) -> Result<String, ApiError> {
        Ok(format!("{}/members", self.channel_path(channel_id).await?))
    }

    /// E6, every page of the members that match `filter`. For building a PUT body use
    /// [`Client::load_channel`], which reads the complete list.
    pub async fn list_members_where(
        &self,
        channel_id: &str,
        filter: &MemberFilter,
    ) -> Result<Vec<VpcMemberInfo>, ApiError> {
        let path = self.members_path(channel_id).await?;
        self.every_page(
            &path,
            &filter.query(),
            "the member list",
            |r: ListMembersResponse| Page {
                total: r.total,
                items: r.members,
            },
            |m| m.id.as_deref(),
        )
        .await
    }

    /// E7: add these members, or update the ones whose address (group, host or ecs_id, port)
    /// already exists; the others stay. Answers the added and updated members.
    pub async fn add_members(
        &self,
        channel_id: &str,
        members: &[MemberInfo],
    ) -> Result<Answered<Vec<VpcMemberInfo>>, ApiError> {
        if members.is_empty() {
            return Err(ApiError::Config("no members to add".into()));
        }
        let body = MembersBody {
            members: members.to_vec(),
            ..Default::default()
        };
        let path = self.members_path(channel_id).await?;
        let a: Answered<ListMembersResponse> = self
            .send_json(Method::POST, &path, Some(&body), "the added members")
            .await?;
        Ok(members_of(a))
    }

    /// E8: replace every member of the channel with `members`, or, with `group`, only the
    /// members of that group (entries of other groups are ignored by the service). An empty
    /// list removes them all. Answers the resulting members (of the group).
    pub async fn replace_members(
        &self,
        channel_id: &str,
        members: &[MemberInfo],
        group: Option<&str>,
    ) -> Result<Answered<Vec<VpcMemberInfo>>, ApiError> {
        let body = MembersBody {
            members: members.to_vec(),
            member_group_name: group.map(str::to_string),
            ..Default::default()
        };
        let path = self.members_path(channel_id).await?;
        let a: Answered<ListMembersResponse> = self
            .send_json(Method::PUT, &path, Some(&body), "the replaced members")
            .await?;
        Ok(members_of(a))
    }

    /// E9: remove one member by its id.
    pub async fn delete_member(
        &self,
        channel_id: &str,
        member_id: &str,
    ) -> Result<Answered<()>, ApiError> {
        let path = format!(
            "{}/{}",
            self.members_path(channel_id).await?,
            path_param(member_id)
        );
        self.send_empty::<()>(Method::DELETE, &path, None).await
    }

    /// E10: set status 1 (enabled) on these members.
    pub async fn enable_members(
        &self,
        channel_id: &str,
        member_ids: &[String],
    ) -> Result<Answered<()>, ApiError> {
        self.batch_status(channel_id, member_ids, "batch-enable")
            .await
    }

    /// E11: set status 2 (disabled) on these members.
    pub async fn disable_members(
        &self,
        channel_id: &str,
        member_ids: &[String],
    ) -> Result<Answered<()>, ApiError> {
        self.batch_status(channel_id, member_ids, "batch-disable")
            .await
    }

    async fn batch_status(
        &self,
        channel_id: &str,
        member_ids: &[String],
        action: &str,
    ) -> Result<Answered<()>, ApiError> {
        if member_ids.is_empty() {
            return Err(ApiError::Config(format!("{action}: no member ids")));
        }
        let body = MembersBatchEnableOrDisable {
            member_ids: member_ids.to_vec(),
        };
        let path = format!("{}/{action}", self.members_path(channel_id).await?);
        self.send_empty(Method::POST, &path, Some(&body)).await
    }

    /// E12: replace the health check only; answers it as stored.
    pub async fn update_health_check(
        &self,
        channel_id: &str,
        health: &VpcHealthConfig,
    ) -> Result<Answered<VpcHealthConfigInfo>, ApiError> {
        let path = format!("{}/health-config", self.channel_path(channel_id).await?);
        self.send_json(Method::PUT, &path, Some(health), "the health check")
            .await
    }
}

fn members_of(a: Answered<ListMembersResponse>) -> Answered<Vec<VpcMemberInfo>> {
    Answered {
        value: a.value.members,
        request_id: a.request_id,
    }
}
