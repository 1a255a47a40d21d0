//! Every documented rule of the channel body (docs/api.md §3, §4, §5, §8):
//! `(body) -> Vec<Diagnostic>`.
//!
//! The validator works on the JSON value, not the typed model, so that a wrong type is reported
//! with its path ("expected integer, got string") instead of failing the whole parse. Where the
//! sources disagree (docs/api.md §8), the stricter reading is a warning, not an error.
//!
//! Layout: `channel` (body fields, channel type) drives `microservice`, `groups`, `members` and
//! `health`; `fields` reads typed values; `patterns` holds the character rules; `unknown`
//! warns about fields no level defines; `report` builds paths lazily.

mod across;
mod channel;
mod diagnostic;
mod fields;
mod groups;
mod health;
mod incremental;
mod members;
mod microservice;
mod parse;
mod patterns;
mod report;
mod unknown;

use serde_json::Value;

pub use across::MemberIndex;
pub use diagnostic::{Diagnostic, Severity, compare_paths, display_order};
pub use incremental::{keeps_member_identity, revalidate_at};
pub use parse::{ParseError, parse_body};

/// Check a PUT (or create) body. Errors come first, then paths in order, array indices
/// compared as numbers.
pub fn validate(body: &Value) -> Vec<Diagnostic> {
    let mut report = report::Report::default();
    channel::check(&mut report, body);
    let mut diags = report.diags;
    diags.sort_by(display_order);
    diags
}

/// True when any diagnostic is an error.
pub fn has_errors(diags: &[Diagnostic]) -> bool {
    diags.iter().any(Diagnostic::is_error)
}

/// The objects a user can create field by field (`:add member k=v …`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ObjectKind {
    Member,
    Group,
}

/// Refuse a field name the object does not have, with the likely intended one.
/// The request fields of the object at `keys` (the path's keys, indices left out): `[]` is
/// the channel, `["members"]` a member, `["microservice_info", "cce_info"]` … None when
/// `keys` names no object level.
pub fn field_names(keys: &[&str]) -> Option<&'static [&'static str]> {
    let level = match keys {
        [] => &unknown::CHANNEL,
        ["members"] => &unknown::MEMBER,
        ["member_groups"] => &unknown::GROUP,
        ["member_groups", "microservice_labels"] => &unknown::LABEL,
        ["vpc_health_config"] => &unknown::HEALTH,
        ["microservice_info"] => &unknown::MICROSERVICE,
        ["microservice_info", "cse_info"] => &unknown::CSE,
        ["microservice_info", "cce_info"] => &unknown::CCE,
        ["microservice_info", "cce_service_info"] => &unknown::CCE_SERVICE,
        ["microservice_info", "nacos_info"] => &unknown::NACOS,
        ["microservice_info", "nacos_info", "server_config"] => &unknown::NACOS_SERVER,
        ["microservice_info", "nacos_info", "user_info"] => &unknown::NACOS_USER,
        _ => return None,
    };
    Some(level.fields)
}

/// Whether a field holds a list of objects (`members[…]`) rather than one object.
pub fn is_list_field(key: &str) -> bool {
    matches!(
        key,
        "members" | "member_groups" | "microservice_labels" | "server_config"
    )
}

pub fn check_field_name(kind: ObjectKind, key: &str) -> Result<(), String> {
    let level = match kind {
        ObjectKind::Member => &unknown::MEMBER,
        ObjectKind::Group => &unknown::GROUP,
    };
    if level.fields.contains(&key) {
        return Ok(());
    }
    let shown = crate::sanitize::excerpt(key, 40);
    let hint = match unknown::suggest(key, level.fields) {
        Some(s) => format!("; did you mean {s}?"),
        None => format!("; known: {}", level.fields.join(", ")),
    };
    Err(format!("unknown field {shown}{hint}"))
}
