//! ListApisV2 (docs/api.md §2 E20): the APIs of the gateway, and those that route through
//! one channel (the impact of a change).

use super::ApiError;
use super::client::Client;
use super::filters::ApiFilter;
use super::pages::Page;
use crate::model::{ApiInfo, ListApisResponse};

impl Client {
    /// Every page of the gateway's APIs that match `filter`.
    pub async fn list_apis(&self, filter: &ApiFilter) -> Result<Vec<ApiInfo>, ApiError> {
        let path = format!("{}/apis", self.gateway_path().await?);
        self.every_page(
            &path,
            &filter.query(),
            "the API list",
            |r: ListApisResponse| Page {
                total: r.total,
                items: r.apis,
            },
            |a| a.id.as_deref(),
        )
        .await
    }

    /// The APIs whose backend uses this channel. Older gateways ignore `vpc_channel_id`, so
    /// the channel's name is sent too, matched exactly; an API the answer says uses another
    /// channel is dropped.
    pub async fn list_channel_apis(
        &self,
        channel_id: &str,
        channel_name: Option<&str>,
    ) -> Result<Vec<ApiInfo>, ApiError> {
        let by_name = channel_name.filter(|n| !n.is_empty());
        let filter = ApiFilter {
            vpc_channel_id: Some(channel_id.to_string()),
            vpc_channel_name: by_name.map(str::to_string),
            precise_search: if by_name.is_some() {
                vec!["vpc_channel_name"]
            } else {
                Vec::new()
            },
            ..Default::default()
        };
        let mut apis = self.list_apis(&filter).await?;
        apis.retain(|a| a.vpc_channel_id().is_none_or(|c| c == channel_id));
        Ok(apis)
    }
}
