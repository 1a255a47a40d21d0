//! Members are loaded whole, page by page, and checked.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod support;

use std::collections::HashSet;

use axum::http::Method;
use chanedit::api::{ApiError, Client};
use support::*;

#[tokio::test]
async fn a_channel_with_1200_members_is_loaded_whole() {
    let server = TestServer::start().await;
    let id = server.add_channel("big", 1200);
    let client = Client::new(aksk_config(&server)).unwrap();
    let loaded = client.load_channel(&id).await.unwrap();
    assert_eq!(loaded.members.len(), 1200);
    let ids: HashSet<_> = loaded
        .members
        .iter()
        .map(|m| m.id.clone().unwrap())
        .collect();
    assert_eq!(ids.len(), 1200);
    // The detail's embedded copy (only a few members here) is not used: E6 is the truth.
    assert_eq!(loaded.detail.members, None);
    assert_eq!(
        loaded.detail_with_members().members.map(|m| m.len()),
        Some(1200)
    );
    // Each page after the first starts on the last member of the one before: a member
    // removed or added meanwhile shifts it, and the overlap shows that.
    let pages = server.requests(&Method::GET, "/members");
    let mut queries: Vec<_> = pages.iter().map(|p| p.query.clone()).collect();
    queries.sort();
    assert_eq!(
        queries,
        [
            "limit=500&offset=0",
            "limit=500&offset=499",
            "limit=500&offset=998"
        ]
    );
    // The base built from it keeps every member.
    assert_eq!(loaded.base()["members"].as_array().unwrap().len(), 1200);
}

#[tokio::test]
async fn a_server_with_smaller_pages_is_still_read_whole() {
    let server = TestServer::start().await;
    let id = server.add_channel("big", 1234);
    server.inner().page_cap = 100;
    let client = Client::new(aksk_config(&server)).unwrap();
    let members = client.list_all_members(&id).await.unwrap();
    assert_eq!(members.len(), 1234);
    assert_eq!(server.requests(&Method::GET, "/members").len(), 13);
}

#[tokio::test]
async fn a_list_that_changes_while_loading_is_refused() {
    let server = TestServer::start().await;
    let id = server.add_channel("big", 1200);
    server.inner().total_drift = 1;
    let client = Client::new(aksk_config(&server)).unwrap();
    let err = client.load_channel(&id).await.unwrap_err();
    assert!(matches!(err, ApiError::Inconsistent(_)), "{err}");
}

#[tokio::test]
async fn pages_overlap_up_to_the_configured_limit() {
    let server = TestServer::start().await;
    let id = server.add_channel("big", 5000);
    // Ten pages after the first. Each is held until four are in flight at once, which only
    // a client that overlaps pages ever reaches; a correct client never goes past its limit.
    server.inner().page_cap = 500;
    server.inner().hold_pages_until = Some(4);
    let mut cfg = aksk_config(&server);
    cfg.page_concurrency = 4;
    cfg.timeout = std::time::Duration::from_secs(60);
    let client = Client::new(cfg).unwrap();
    let members = client.list_all_members(&id).await.unwrap();
    assert_eq!(members.len(), 5000);
    let s = server.inner();
    assert!(
        !s.gate_timed_out,
        "four pages were never in flight at once (the most was {})",
        s.peak_pages_in_flight
    );
    assert_eq!(s.peak_pages_in_flight, 4, "never more than the limit");
}

#[tokio::test]
async fn member_groups_and_create_delete_work() {
    let server = TestServer::start().await;
    let id = server.add_channel("alpha", 4);
    let client = Client::new(aksk_config(&server)).unwrap();
    let groups = client.list_member_groups(&id).await.unwrap();
    assert_eq!(groups.len(), 2);

    let body = serde_json::json!({"name": "created", "port": 80, "balance_strategy": 1,
        "member_type": "ip", "type": 2, "member_groups": [],
        "members": [{"host": "192.168.0.1", "weight": 1}]});
    let created = client.create_channel(&body).await.unwrap();
    let new_id = created.id.unwrap();
    assert_eq!(server.member_count(&new_id), 1);
    client.delete_channel(&new_id).await.unwrap();
    let err = client.get_channel(&new_id).await.unwrap_err();
    assert_eq!(err.error_code(), Some("APIG.3023"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_10000_member_channel_has_every_page_in_flight_at_once_by_default() {
    let server = TestServer::start().await;
    let id = server.add_channel("huge", 10_000);
    // 21 pages of 500 overlapping by one: the 20 after the first are held until all 20 are
    // in flight, which only a client that sends them all at once reaches.
    server.inner().hold_pages_until = Some(20);
    let client = Client::new(aksk_config(&server)).unwrap();
    let loaded = client.load_channel(&id).await.unwrap();
    assert_eq!(loaded.members.len(), 10_000);
    let s = server.inner();
    assert!(
        !s.gate_timed_out,
        "the 20 pages were never in flight at once (the most was {})",
        s.peak_pages_in_flight
    );
    assert_eq!(s.peak_pages_in_flight, 20);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_search_loads_no_more_channels_at_once_than_its_limit() {
    let server = TestServer::start().await;
    for i in 0..6 {
        server.add_channel(&format!("c{i}"), 1200);
    }
    // Every channel has two pages after its first: three channels loading at once put six in
    // flight, which the gate waits for; a search past its limit would put up to twelve.
    server.inner().hold_pages_until = Some(6);
    let mut cfg = aksk_config(&server);
    cfg.search_concurrency = 3;
    cfg.timeout = std::time::Duration::from_secs(60);
    let client = Client::new(cfg).unwrap();
    let backend = chanedit::model::Backend::parse("10.0.0.1").unwrap();
    let result = chanedit::api::search::find_backend(&[client], &backend).await;
    assert!(result.unread.is_empty());
    assert_eq!(result.found.len(), 6, "10.0.0.1 is in every channel");
    let s = server.inner();
    assert!(
        !s.gate_timed_out,
        "three channels were never loading at once (the most pages in flight was {})",
        s.peak_pages_in_flight
    );
    assert_eq!(s.peak_pages_in_flight, 6, "never more than three channels");
}
