//! The search of `find` and `drain` over the places of a run: `api::search` over their
//! clients, failures told with the gateway's name, results in the order tables show them
//! (profile, gateway name, channel name).

use crate::api::Client;
use crate::api::search::{Found, find_backend_then};
use crate::model::Backend;
use crate::sanitize;

use super::gateways::Place;

/// What a search found (`Found::gateway` indexes the places), and what it could not read.
pub struct Search {
    pub found: Vec<Found>,
    pub failed: Vec<String>,
}

pub async fn search(places: &[Place], backend: &Backend) -> Search {
    search_then(places, backend, |_, _, _| async {}).await.0
}

/// [`search`], also running `then(client, channel id, channel name)` on each channel found as
/// soon as it is loaded (see `find_backend_then`); its results in the order of `found`.
pub async fn search_then<T, F, Fut>(
    places: &[Place],
    backend: &Backend,
    then: F,
) -> (Search, Vec<T>)
where
    F: Fn(Client, String, Option<String>) -> Fut,
    Fut: std::future::Future<Output = T>,
{
    let clients: Vec<Client> = places.iter().map(|p| p.client.clone()).collect();
    let (result, after) = find_backend_then(&clients, backend, then).await;
    let name = |i: usize| sanitize::line(&places[i].name);
    let failed = result.unread.iter().map(|u| u.describe(name)).collect();
    let mut found: Vec<(Found, T)> = result.found.into_iter().zip(after).collect();
    found.sort_by(|(a, _), (b, _)| {
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
    let (found, after) = found.into_iter().unzip();
    (Search { found, failed }, after)
}
