//! Where a backend is a member: for every gateway, the channels the list's `member_host`
//! filter names, each loaded whole (detail and every member page) and its matching members
//! picked out. Calls run concurrently, [`CONCURRENCY`] at a time; a 429 or 5xx is retried
//! with backoff by the client's retry policy.

use futures::stream::{self, StreamExt};

use crate::api::{ChannelFilter, Loaded};
use crate::model::VpcMemberInfo;
use crate::sanitize;

use super::backend::Backend;
use super::gateways::{CONCURRENCY, Place};

/// A channel that has the backend as a member.
pub struct Found {
    /// Index into the searched places.
    pub place: usize,
    pub channel_id: String,
    pub loaded: Loaded,
    /// The members that are the backend, in the channel's order.
    pub members: Vec<VpcMemberInfo>,
    /// Their positions in `loaded.members` (and in the channel's body).
    pub positions: Vec<usize>,
}

impl Found {
    pub fn name(&self) -> &str {
        self.loaded.detail.name.as_deref().unwrap_or("")
    }
}

/// What a search found, and what it could not read (one line each).
pub struct Search {
    pub found: Vec<Found>,
    pub failed: Vec<String>,
}

pub async fn search(places: &[Place], backend: &Backend) -> Search {
    // The port is matched here, not by `member_port`: the filter compares the stored port,
    // which is 0 on members that use the channel's.
    let filter = ChannelFilter {
        member_host: Some(backend.host.clone()),
        ..Default::default()
    };
    let listed: Vec<_> = stream::iter(places.iter().enumerate())
        .map(|(i, p)| {
            let filter = &filter;
            async move { (i, p.client.list_channels_where(filter).await) }
        })
        .buffered(CONCURRENCY)
        .collect()
        .await;
    let mut failed = Vec::new();
    let mut channels = Vec::new();
    for (i, result) in listed {
        match result {
            Ok(list) => channels.extend(
                list.into_iter()
                    .filter_map(|c| c.id.filter(|id| !id.is_empty()))
                    .map(|id| (i, id)),
            ),
            Err(e) => failed.push(format!(
                "gateway {}: cannot list its channels: {e}",
                sanitize::line(&places[i].name)
            )),
        }
    }
    let loaded: Vec<_> = stream::iter(channels)
        .map(|(i, id)| async move {
            let result = places[i].client.load_channel(&id).await;
            (i, id, result)
        })
        .buffer_unordered(CONCURRENCY)
        .collect()
        .await;
    let mut found = Vec::new();
    for (place, channel_id, result) in loaded {
        match result {
            Ok(loaded) => {
                let port = loaded.detail.port;
                let positions: Vec<usize> = (0..loaded.members.len())
                    .filter(|i| backend.matches(&loaded.members[*i], port))
                    .collect();
                if !positions.is_empty() {
                    found.push(Found {
                        place,
                        channel_id,
                        members: positions
                            .iter()
                            .map(|i| loaded.members[*i].clone())
                            .collect(),
                        positions,
                        loaded,
                    });
                }
            }
            Err(e) => failed.push(format!(
                "gateway {}: cannot read channel {}: {e}",
                sanitize::line(&places[place].name),
                sanitize::line(&channel_id)
            )),
        }
    }
    found.sort_by(|a, b| {
        let key = |f: &Found| {
            let p = &places[f.place];
            (
                p.profile.clone(),
                p.name.clone(),
                f.name().to_string(),
                f.channel_id.clone(),
            )
        };
        key(a).cmp(&key(b))
    });
    Search { found, failed }
}
