//! ListInstancesV2 (docs/api.md §2 E19): the gateways of the client's project, for searches
//! that span gateways.

use super::ApiError;
use super::client::Client;
use super::filters::GatewayFilter;
use super::pages::Page;
use crate::model::{InstanceInfo, ListInstancesResponse};

impl Client {
    /// Every page of the project's gateways that match `filter`. The configured instance id
    /// plays no part: this call is project-wide.
    pub async fn list_gateways(
        &self,
        filter: &GatewayFilter,
    ) -> Result<Vec<InstanceInfo>, ApiError> {
        let path = self.gateways_path().await?;
        self.every_page(
            &path,
            &filter.query(),
            "the gateway list",
            |r: ListInstancesResponse| Page {
                total: r.total,
                items: r.instances,
            },
            |g| g.id.as_deref(),
        )
        .await
    }
}
