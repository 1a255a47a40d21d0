//! The search of `find` and `drain` over the places of a run: `api::search` over their
//! clients, failures told with the gateway's name, results in the order tables show them
//! (profile, gateway name, channel name).

use crate::api::Client;
use crate::api::search::{Found, find_backend};
use crate::model::Backend;
use crate::sanitize;

use super::gateways::Place;

/// What a search found (`Found::gateway` indexes the places), and what it could not read.
pub struct Search {
    pub found: Vec<Found>,
    pub failed: Vec<String>,
}

pub async fn search(places: &[Place], backend: &Backend) -> Search {
    let clients: Vec<Client> = places.iter().map(|p| p.client.clone()).collect();
    let mut result = find_backend(&clients, backend).await;
    let name = |i: usize| sanitize::line(&places[i].name);
    let failed = result.unread.iter().map(|u| u.describe(&name)).collect();
    result.found.sort_by(|a, b| {
        let key = |f: &Found| {
            let p = &places[f.gateway];
            (
                p.profile.clone(),
                p.name.clone(),
                f.name().to_string(),
                f.channel_id.clone(),
            )
        };
        key(a).cmp(&key(b))
    });
    Search {
        found: result.found,
        failed,
    }
}
