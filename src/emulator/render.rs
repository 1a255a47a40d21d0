//! Large answers written straight to bytes: a member page and the channel detail with its
//! embedded members, without first building a `serde_json::Value` per member (building and
//! freeing 100,000 of those took the emulator over a second). The keys and their order are
//! those of [`Member::to_json`] and [`Channel::detail_json`].

use axum::http::header;
use axum::response::{IntoResponse, Response};
use serde::Serialize;
use serde::ser::{SerializeMap, SerializeSeq, Serializer};
use serde_json::Value;

use super::errors::{ApiError, ApiResult};
use super::state::{Channel, Member};

/// One member as E6 and E2 show it.
struct MemberOut<'a> {
    m: &'a Member,
    channel_id: &'a str,
}

impl Serialize for MemberOut<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let m = self.m;
        let n = 12 + usize::from(m.health_status.is_some());
        let mut map = s.serialize_map(Some(n))?;
        map.serialize_entry("host", &m.host)?;
        map.serialize_entry("weight", &m.weight)?;
        map.serialize_entry("is_backup", &m.is_backup)?;
        map.serialize_entry("member_group_name", &m.member_group_name)?;
        map.serialize_entry("status", &m.status)?;
        map.serialize_entry("port", &m.port)?;
        map.serialize_entry("ecs_id", &m.ecs_id)?;
        map.serialize_entry("ecs_name", &m.ecs_name)?;
        map.serialize_entry("id", &m.id)?;
        map.serialize_entry("vpc_channel_id", self.channel_id)?;
        map.serialize_entry("create_time", &m.create_time)?;
        map.serialize_entry("member_group_id", &m.member_group_id)?;
        if let Some(h) = &m.health_status {
            map.serialize_entry("health_status", h)?;
        }
        SerializeMap::end(map)
    }
}

/// A run of members, as a JSON array.
struct MembersOut<'a, I> {
    members: std::cell::RefCell<Option<I>>,
    len: usize,
    channel_id: &'a str,
}

impl<'a, I: Iterator<Item = &'a Member>> Serialize for MembersOut<'a, I> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut seq = s.serialize_seq(Some(self.len))?;
        if let Some(members) = self.members.borrow_mut().take() {
            for m in members {
                seq.serialize_element(&MemberOut {
                    m,
                    channel_id: self.channel_id,
                })?;
            }
        }
        seq.end()
    }
}

fn members_out<'a, I: Iterator<Item = &'a Member>>(
    members: I,
    len: usize,
    channel_id: &'a str,
) -> MembersOut<'a, I> {
    MembersOut {
        members: std::cell::RefCell::new(Some(members)),
        len,
        channel_id,
    }
}

fn json_response(body: Vec<u8>) -> Response {
    ([(header::CONTENT_TYPE, "application/json")], body).into_response()
}

fn written(r: serde_json::Result<Vec<u8>>) -> ApiResult<Response> {
    r.map(json_response).map_err(|e| {
        tracing::warn!("cannot write an answer: {e}");
        ApiError::system()
    })
}

/// E6: `{"size", "total", "members"}`, the page of the members `keep` lets through.
pub fn member_page(
    ch: &Channel,
    offset: usize,
    limit: usize,
    keep: impl Fn(&Member) -> bool,
) -> ApiResult<Response> {
    written(member_page_bytes(ch, offset, limit, keep))
}

/// E2: the channel detail with every member embedded.
pub fn detail(ch: &Channel, instance_id: &str) -> ApiResult<Response> {
    written(detail_bytes(ch, instance_id))
}

fn member_page_bytes(
    ch: &Channel,
    offset: usize,
    limit: usize,
    keep: impl Fn(&Member) -> bool,
) -> serde_json::Result<Vec<u8>> {
    let total = ch.members.iter().filter(|m| keep(m)).count();
    let size = total.saturating_sub(offset).min(limit);
    let page = ch
        .members
        .iter()
        .filter(|m| keep(m))
        .skip(offset)
        .take(limit);
    let mut out = Vec::with_capacity(size * 400 + 64);
    let mut ser = serde_json::Serializer::new(&mut out);
    let result = (|| {
        let mut map = (&mut ser).serialize_map(Some(3))?;
        map.serialize_entry("size", &size)?;
        map.serialize_entry("total", &total)?;
        map.serialize_entry("members", &members_out(page, size, &ch.id))?;
        SerializeMap::end(map)
    })();
    result.map(|()| out)
}

fn detail_bytes(ch: &Channel, instance_id: &str) -> serde_json::Result<Vec<u8>> {
    let summary = ch.summary_json(instance_id);
    let no_fields = serde_json::Map::new();
    let fields = match &summary {
        Value::Object(f) => f,
        _ => &no_fields,
    };
    let mut out = Vec::with_capacity(ch.members.len() * 400 + 4096);
    let mut ser = serde_json::Serializer::new(&mut out);
    let result = (|| {
        let mut map = (&mut ser).serialize_map(None)?;
        for (k, v) in fields {
            // Laid over by the fields below, as `detail_json` inserts them.
            if k != "members" && k != "vpc_health_config" {
                map.serialize_entry(k, v)?;
            }
        }
        map.serialize_entry(
            "members",
            &members_out(ch.members.iter(), ch.members.len(), &ch.id),
        )?;
        if let Some(h) = &ch.vpc_health_config {
            map.serialize_entry("vpc_health_config", &h.to_json(&ch.id))?;
        }
        SerializeMap::end(map)
    })();
    result.map(|()| out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::emulator::state::State;

    #[test]
    fn the_bytes_are_those_of_the_values() {
        let state = State::demo().unwrap();
        for ch in &state.channels {
            let want = serde_json::to_vec(&ch.detail_json("gw")).unwrap();
            assert_eq!(detail_bytes(ch, "gw").unwrap(), want, "{}", ch.name);
            let items: Vec<&Member> = ch.members.iter().collect();
            for (offset, limit) in [(0, 500), (3, 7), (1999, 500), (5000, 20)] {
                let page = super::super::pagination::Page { offset, limit };
                let want =
                    serde_json::to_vec(&page.answer("members", &items, |m| m.to_json(&ch.id)))
                        .unwrap();
                let got = member_page_bytes(ch, offset, limit, |_| true).unwrap();
                assert_eq!(got, want, "{} {offset} {limit}", ch.name);
            }
        }
    }
}
