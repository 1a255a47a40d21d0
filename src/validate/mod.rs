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
