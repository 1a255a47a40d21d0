//! Reading answer bodies into model types: the one parser every call goes through, public so
//! that it can be fuzzed on its own. Nothing here panics on any input; what cannot be read is
//! an [`ApiError::BadBody`] with a short, sanitized excerpt.

use serde::Deserialize;
use serde::de::DeserializeOwned;

use super::ApiError;
use super::error::excerpt;
use super::member_check::Embedded;
use super::pages::Page;
use crate::model::{ListMembersResponse, ListVpcChannelsResponse, VpcChannel, VpcMemberInfo};

/// Decode a 2xx answer of a call; `what` names it in messages ("the member list").
pub fn parse<T: DeserializeOwned>(
    status: u16,
    request_id: Option<&str>,
    body: &[u8],
    what: &str,
) -> Result<T, ApiError> {
    let bad = |reason: String| ApiError::BadBody {
        status,
        reason,
        excerpt: excerpt(body),
        request_id: request_id.map(str::to_string),
    };
    if body.iter().all(u8::is_ascii_whitespace) {
        return Err(bad(format!("{what} came back empty")));
    }
    // The plain parse first: tracking the path of every value costs a fifth of reading
    // 10,000 members. Only a body that fails is read again, for where it went wrong.
    let mut de = serde_json::Deserializer::from_slice(body);
    if let Ok(value) = T::deserialize(&mut de)
        && de.end().is_ok()
    {
        return Ok(value);
    }
    let mut de = serde_json::Deserializer::from_slice(body);
    let value = serde_path_to_error::deserialize(&mut de).map_err(|e| {
        let inner = e.inner();
        let reason = if inner.is_eof() {
            format!("{what} is truncated JSON")
        } else if inner.is_syntax() {
            format!("{what} is not JSON ({inner})")
        } else {
            format!(
                "{what} has an unexpected shape at {}: {inner}",
                crate::sanitize::excerpt(&e.path().to_string(), 80)
            )
        };
        bad(crate::sanitize::line(&reason))
    })?;
    // Trailing bytes after the value are a broken answer, not something to ignore.
    de.end()
        .map_err(|e| bad(format!("{what} has bytes after the JSON ({e})")))?;
    Ok(value)
}

/// E2: the channel detail, with its embedded member copy reduced to what the load checks
/// (how many, and their ids): the members themselves are read through E6, and a second full
/// copy of 10,000 members would cost time and memory for nothing.
pub fn detail(body: &[u8]) -> Result<(VpcChannel, Option<Embedded>), ApiError> {
    detail_answer(200, None, body)
}

pub(super) fn detail_answer(
    status: u16,
    request_id: Option<&str>,
    body: &[u8],
) -> Result<(VpcChannel, Option<Embedded>), ApiError> {
    #[derive(Deserialize)]
    struct Detail {
        #[serde(flatten)]
        channel: VpcChannel,
        #[serde(default)]
        members: Option<Vec<EmbeddedMember>>,
    }
    #[derive(Deserialize)]
    struct EmbeddedMember {
        #[serde(default)]
        id: Option<String>,
    }
    let d: Detail = parse(status, request_id, body, "the channel")?;
    let embedded = d.members.map(|m| Embedded {
        count: m.len(),
        ids: m.into_iter().filter_map(|m| m.id).collect(),
    });
    Ok((d.channel, embedded))
}

/// E2 as a whole (the embedded members kept).
pub fn channel(body: &[u8]) -> Result<VpcChannel, ApiError> {
    parse(200, None, body, "the channel")
}

/// One page of E6.
pub fn members_page(body: &[u8]) -> Result<Page<VpcMemberInfo>, ApiError> {
    members_page_answer(200, None, body)
}

pub(super) fn members_page_answer(
    status: u16,
    request_id: Option<&str>,
    body: &[u8],
) -> Result<Page<VpcMemberInfo>, ApiError> {
    let r: ListMembersResponse = parse(status, request_id, body, "the member list")?;
    Ok(Page {
        total: r.total,
        items: r.members,
    })
}

/// One page of E1.
pub fn channels_page(body: &[u8]) -> Result<Page<VpcChannel>, ApiError> {
    let r: ListVpcChannelsResponse = parse(200, None, body, "the channel list")?;
    Ok(Page {
        total: r.total,
        items: r.vpc_channels,
    })
}

/// An error answer (status 400 and up), read as the SDK reads it.
pub fn error(status: u16, body: &[u8]) -> ApiError {
    super::error::from_error_answer(status, None, body)
}
