//! Sending a plan: its one request, told apart as applied, failed or lost like the full PUT
//! (`outcome.rs`), and the re-reads before and after it.

use serde_json::Value;

use super::{Concurrent, Plan, Request, Reread};
use crate::api::{ApiError, Client, Loaded, SentPlan, Verdict};

impl Client {
    /// Send the plan's one request. A lost answer is never retried (the write may have been
    /// applied); [`Client::reread_plan`] settles it.
    pub async fn send_plan(&self, id: &str, plan: &Plan) -> SentPlan {
        // Each answer is read (a broken one is a lost answer); only its request id is kept,
        // since the re-read gives the channel as a whole.
        let result = match plan.request() {
            Request::Full { body, .. } => return self.send_update(id, body).await.into_plan(),
            Request::Enable { member_ids } => self
                .enable_members(id, member_ids)
                .await
                .map(|a| a.request_id),
            Request::Disable { member_ids } => self
                .disable_members(id, member_ids)
                .await
                .map(|a| a.request_id),
            Request::DeleteMember { member_id, .. } => self
                .delete_member(id, member_id)
                .await
                .map(|a| a.request_id),
            Request::HealthCheck(health) => self
                .update_health_check(id, health)
                .await
                .map(|a| a.request_id),
            Request::AddMembers(members) => {
                self.add_members(id, members).await.map(|a| a.request_id)
            }
            Request::ReplaceGroup { group, members } => self
                .replace_members(id, members, Some(group))
                .await
                .map(|a| a.request_id),
        };
        SentPlan::from_request_id(result)
    }

    /// Just before sending: read the channel again and say what changed on the server since
    /// `base` was loaded, where the plan writes and elsewhere.
    pub async fn check_plan(
        &self,
        id: &str,
        plan: &Plan,
        base: &Value,
    ) -> Result<(Concurrent, Loaded), ApiError> {
        let now = self.load_channel(id).await?;
        Ok((plan.concurrent(base, &now.base()), now))
    }

    /// After sending: read the channel again (detail and every member page) and compare it
    /// with the reviewed `draft` where the plan wrote; for a lost answer, the verdict says
    /// whether it was applied. An error here leaves the outcome unknown.
    pub async fn reread_plan(
        &self,
        id: &str,
        plan: &Plan,
        base: &Value,
        draft: &Value,
    ) -> Result<(Reread, Verdict, Loaded), ApiError> {
        let now = self.load_channel(id).await?;
        let body = now.base();
        Ok((
            plan.verify(draft, &body),
            plan.settle(base, draft, &body),
            now,
        ))
    }
}
