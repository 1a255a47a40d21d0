//! ListVpcChannelsV2 (E1) with every filter the SDK has. Show, create, update and delete are
//! in `calls.rs`.

use super::ApiError;
use super::client::Client;
use super::filters::ChannelFilter;
use super::pages::Page;
use crate::model::{ListVpcChannelsResponse, VpcChannel};

impl Client {
    /// E1, every page of the channels that match `filter`.
    pub async fn list_channels_where(
        &self,
        filter: &ChannelFilter,
    ) -> Result<Vec<VpcChannel>, ApiError> {
        let path = self.channels_path().await?;
        self.every_page(
            &path,
            &filter.query(),
            "the channel list",
            |r: ListVpcChannelsResponse| Page {
                total: r.total,
                items: r.vpc_channels,
            },
            |c| c.id.as_deref(),
        )
        .await
    }
}
