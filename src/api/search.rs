//! Where a backend is a member, across gateways: for each client (one per gateway), the
//! channels the list's `member_host` filter names, each loaded whole (detail and every member
//! page) and its matching members picked out. Calls run [`concurrency`] at a time
//! (`search_concurrency`); a 429 or 5xx is retried with backoff by the client's retry policy.

use futures::stream::{self, StreamExt};

use super::{ApiError, ChannelFilter, Client, Loaded};
use crate::model::{Backend, VpcMemberInfo};

/// Channels (or gateways) handled at once by a search and the writes after it: the setting of
/// the run's clients (they share one), or the default when there are none.
pub fn concurrency<'a>(mut clients: impl Iterator<Item = &'a Client>) -> usize {
    clients
        .next()
        .map_or(super::DEFAULT_SEARCH_CONCURRENCY, |c| {
            c.config().search_concurrency.max(1)
        })
}

/// A running gateway of the project, to search.
pub struct ProjectGateway {
    pub id: String,
    /// Its name, or its id when it has none.
    pub name: String,
    pub client: Client,
}

/// The gateways a search from `client` covers: the running gateways of its project, the
/// others named as skipped; when the project's list cannot be read, `client`'s own gateway
/// alone, and why.
pub async fn project_gateways(
    client: &Client,
) -> (Vec<ProjectGateway>, Vec<String>, Option<String>) {
    use crate::sanitize;
    let own = client.config().instance_id.clone();
    match client.list_gateways(&super::GatewayFilter::default()).await {
        Ok(list) => {
            let (mut places, mut skipped) = (Vec::new(), Vec::new());
            for info in list {
                let Some(id) = info.id.clone().filter(|i| !i.is_empty()) else {
                    continue;
                };
                let name = info
                    .instance_name
                    .clone()
                    .filter(|n| !n.is_empty())
                    .unwrap_or_else(|| id.clone());
                if info.is_running() {
                    places.push(ProjectGateway {
                        client: client.for_gateway(&id),
                        id,
                        name,
                    });
                } else {
                    skipped.push(format!(
                        "gateway {} is {}, not searched",
                        sanitize::line(&name),
                        sanitize::line(info.status.as_deref().unwrap_or("of unknown status"))
                    ));
                }
            }
            (places, skipped, None)
        }
        Err(e) => {
            let why = format!(
                "cannot list the project's gateways: {e}; searched only gateway {}",
                sanitize::line(&own)
            );
            let only = ProjectGateway {
                id: own.clone(),
                name: own,
                client: client.clone(),
            };
            (vec![only], Vec::new(), Some(why))
        }
    }
}

/// A channel that has the backend as a member.
pub struct Found {
    /// Index of the client (gateway) it was found with.
    pub gateway: usize,
    pub channel_id: String,
    pub loaded: Loaded,
    /// Positions of the backend's members in `loaded.members` (and in the channel's body).
    pub positions: Vec<usize>,
}

impl Found {
    pub fn name(&self) -> &str {
        self.loaded.detail.name.as_deref().unwrap_or("")
    }

    /// The backend's members, in the channel's order.
    pub fn members(&self) -> impl Iterator<Item = (usize, &VpcMemberInfo)> {
        self.positions
            .iter()
            .filter_map(|i| self.loaded.members.get(*i).map(|m| (*i, m)))
    }
}

/// What could not be read: the search is incomplete.
pub enum Unread {
    /// A gateway's channel list.
    Channels { gateway: usize, error: ApiError },
    /// One channel.
    Channel {
        gateway: usize,
        channel_id: String,
        error: ApiError,
    },
}

impl Unread {
    /// What could not be read, with `gateway` naming the gateway by its index; sanitized.
    pub fn describe(&self, gateway: impl Fn(usize) -> String) -> String {
        let text = match self {
            Unread::Channels { gateway: g, error } => {
                format!("gateway {}: cannot list its channels: {error}", gateway(*g))
            }
            Unread::Channel {
                gateway: g,
                channel_id,
                error,
            } => format!(
                "gateway {}: cannot read channel {channel_id}: {error}",
                gateway(*g)
            ),
        };
        crate::sanitize::line(&text)
    }
}

pub struct BackendSearch {
    /// By gateway, then channel name and id.
    pub found: Vec<Found>,
    pub unread: Vec<Unread>,
}

/// Run `call` on every item, `at_once` at a time, and give the results in the items' order.
/// Unordered inside: an ordered buffer counts a finished result against its limit until every
/// call before it is done, so one call backing off from a 429 would hold up the rest.
pub async fn each_at_once<I, F, Fut>(items: I, at_once: usize, mut call: F) -> Vec<Fut::Output>
where
    I: IntoIterator,
    F: FnMut(I::Item) -> Fut,
    Fut: std::future::Future,
{
    let mut out: Vec<(usize, Fut::Output)> = stream::iter(items.into_iter().enumerate())
        .map(|(i, item)| {
            let running = call(item);
            async move { (i, running.await) }
        })
        .buffer_unordered(at_once.max(1))
        .collect()
        .await;
    out.sort_by_key(|(i, _)| *i);
    out.into_iter().map(|(_, result)| result).collect()
}

/// Search the gateways of `clients` for `backend`.
pub async fn find_backend(clients: &[Client], backend: &Backend) -> BackendSearch {
    find_backend_then(clients, backend, |_, _, _| async {})
        .await
        .0
}

/// [`find_backend`], also running `then(client, channel id, channel name)` for each channel
/// the list names, beside its load and in the same slot, so that a step that needs the found
/// channels (the API counts of a drain) overlaps the search instead of waiting for all of it.
/// The list names only channels with a member of the host, so little of it is wasted. Its
/// results are kept for the channels found, in the order of `found`.
pub async fn find_backend_then<T, F, Fut>(
    clients: &[Client],
    backend: &Backend,
    then: F,
) -> (BackendSearch, Vec<T>)
where
    F: Fn(Client, String, Option<String>) -> Fut,
    Fut: std::future::Future<Output = T>,
{
    // The port is matched here, not by `member_port`: that filter compares the stored port,
    // which is 0 on members that use the channel's.
    let filter = ChannelFilter {
        member_host: Some(backend.host.clone()),
        ..Default::default()
    };
    // Each call owns its client and filter, so that the search is a `Send` future the
    // editor's runner can spawn. A gateway's channels are loaded as soon as its list is in:
    // one list slowed by a 429 holds up only its own channels.
    let at_once = concurrency(clients.iter());
    let then = &then;
    let loaded: Vec<_> = stream::iter(clients.iter().cloned().enumerate())
        .map(|(i, c)| {
            let filter = filter.clone();
            async move { (i, c.list_channels_where(&filter).await) }
        })
        .buffer_unordered(at_once)
        .flat_map(|(gateway, result)| {
            stream::iter(match result {
                Ok(list) => list
                    .into_iter()
                    .filter_map(|c| {
                        let id = c.id.filter(|id| !id.is_empty())?;
                        Some(Listed::Channel(gateway, id, c.name))
                    })
                    .collect(),
                Err(error) => vec![Listed::Unread(Unread::Channels { gateway, error })],
            })
        })
        .map(|listed| async move {
            let (gateway, id, name) = match listed {
                Listed::Channel(gateway, id, name) => (gateway, id, name),
                Listed::Unread(u) => return Err(u),
            };
            let client = clients[gateway].clone();
            let beside = then(client.clone(), id.clone(), name);
            let (loaded, after) = futures::join!(client.load_channel(&id), beside);
            let found = loaded.map(|loaded| matching(gateway, &id, loaded, backend));
            Ok((gateway, id, found, after))
        })
        .buffer_unordered(at_once)
        .collect()
        .await;
    let mut unread = Vec::new();
    let mut found = Vec::new();
    for one in loaded {
        let (gateway, channel_id, result, after) = match one {
            Ok(l) => l,
            Err(u) => {
                unread.push(u);
                continue;
            }
        };
        match result {
            Ok(Some(f)) => found.push((f, after)),
            Ok(None) => {}
            Err(error) => unread.push(Unread::Channel {
                gateway,
                channel_id,
                error,
            }),
        }
    }
    found.sort_by(|(a, _), (b, _)| {
        (a.gateway, a.name(), &a.channel_id).cmp(&(b.gateway, b.name(), &b.channel_id))
    });
    let (found, after) = found.into_iter().unzip();
    (BackendSearch { found, unread }, after)
}

/// What a gateway's channel list gave: a channel to load, or why there is none.
enum Listed {
    Channel(usize, String, Option<String>),
    Unread(Unread),
}

/// The channel as found, when `backend` is among its members.
fn matching(gateway: usize, channel_id: &str, loaded: Loaded, backend: &Backend) -> Option<Found> {
    let port = loaded.detail.port;
    let positions: Vec<usize> = (0..loaded.members.len())
        .filter(|i| backend.matches(&loaded.members[*i], port))
        .collect();
    (!positions.is_empty()).then(|| Found {
        gateway,
        channel_id: channel_id.to_string(),
        loaded,
        positions,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::Mutex;

    #[test]
    fn results_keep_the_items_order_and_a_slow_call_holds_up_no_other() {
        // The first call waits for the last one, which can only start once the eight between
        // are done: with two at once, the waiting call holds one slot and the rest must pass
        // through the other. An ordered buffer would wait for ever (the deadline ends it).
        let (tx, rx) = tokio::sync::oneshot::channel::<()>();
        let tx = Mutex::new(Some(tx));
        let rx = Mutex::new(Some(rx));
        let rt = tokio::runtime::Builder::new_current_thread()
            .enable_time()
            .build()
            .unwrap();
        let all = each_at_once(0..10, 2, |i| {
            let wait = if i == 0 {
                rx.lock().unwrap().take()
            } else {
                None
            };
            let release = if i == 9 {
                tx.lock().unwrap().take()
            } else {
                None
            };
            async move {
                if let Some(w) = wait {
                    let _ = w.await;
                }
                if let Some(t) = release {
                    let _ = t.send(());
                }
                i * 10
            }
        });
        let out = rt
            .block_on(async { tokio::time::timeout(std::time::Duration::from_secs(10), all).await })
            .expect("a waiting call held up the others");
        assert_eq!(out, (0..10).map(|i| i * 10).collect::<Vec<_>>());
    }
}
