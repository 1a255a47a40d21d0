//! A snapshot folder, as `export --all` writes it and `diff --all` reads it: one body file per
//! channel, named `<name>.<id>.json`. The name part is for people (sanitized); the id part
//! is how a file is matched with its channel.

use std::path::{Path, PathBuf};

use futures::StreamExt;

use crate::api::{ApiError, Client, Loaded};
use crate::model::VpcChannel;
use crate::sanitize;

/// Longest name part of a file name, in characters.
const MAX_NAME: usize = 64;

/// Channels loaded at once: a gateway with hundreds of channels is read in a few round trips
/// per four channels, without flooding it.
const LOADS_AT_ONCE: usize = 4;

/// An id that can stand in a file name as it is, and be read back from it.
fn safe_id(id: &str) -> bool {
    !id.is_empty()
        && id.len() <= 64
        && id
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
}

/// The file name of a channel's body, or `None` when its id cannot be part of a file name.
/// Letters and digits of any script stay; anything else (path separators, control and
/// invisible characters, spaces) becomes `_`.
pub fn file_name(name: Option<&str>, id: &str) -> Option<String> {
    if !safe_id(id) {
        return None;
    }
    let mut part: String = name
        .unwrap_or("")
        .chars()
        .take(MAX_NAME)
        .map(|c| {
            if c.is_alphanumeric() || c == '-' || c == '_' {
                c
            } else {
                '_'
            }
        })
        .collect();
    if part.is_empty() {
        part.push_str("channel");
    }
    Some(format!("{part}.{id}.json"))
}

/// The channel id a snapshot file name carries (`<name>.<id>.json`).
pub fn id_of(file_name: &str) -> Option<&str> {
    let stem = file_name.strip_suffix(".json")?;
    let (_, id) = stem.rsplit_once('.')?;
    safe_id(id).then_some(id)
}

/// The snapshot files in `dir`, as (channel id, path), sorted by file name. Other files are
/// left alone.
pub fn files_in(dir: &Path) -> std::io::Result<Vec<(String, PathBuf)>> {
    let mut found = Vec::new();
    for entry in std::fs::read_dir(dir)? {
        let entry = entry?;
        let name = entry.file_name();
        let Some(id) = name.to_str().and_then(id_of) else {
            continue;
        };
        if entry.file_type()?.is_file() {
            found.push((id.to_string(), entry.path()));
        }
    }
    found.sort_by(|a, b| a.1.cmp(&b.1));
    Ok(found)
}

/// Every channel of the gateway with every member, in the list's order, a few at a time.
pub async fn load_every_channel(
    client: &Client,
) -> Result<Vec<(VpcChannel, Result<Loaded, ApiError>)>, ApiError> {
    let channels = client.list_channels(None).await?;
    let loads = futures::stream::iter(channels)
        .map(|c| async move {
            let loaded = match c.id.as_deref() {
                Some(id) => client.load_channel(id).await,
                None => Err(ApiError::Config(
                    "the gateway listed a channel without an id".into(),
                )),
            };
            (c, loaded)
        })
        .buffered(LOADS_AT_ONCE)
        .collect()
        .await;
    Ok(loads)
}

/// `name (id)` of a channel, sanitized for the terminal.
pub fn label(channel: &VpcChannel) -> String {
    format!(
        "{} ({})",
        sanitize::line(channel.name.as_deref().unwrap_or("-")),
        sanitize::line(channel.id.as_deref().unwrap_or("-"))
    )
}

/// A path for messages.
pub fn shown(path: &Path) -> String {
    sanitize::line(&path.display().to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_file_name_is_safe_and_gives_its_id_back() {
        let id = "3c4f0b1a7d2e4c58a1f29b6e8d7c0a11";
        let name = file_name(Some("web.backend"), id).unwrap();
        assert_eq!(name, format!("web_backend.{id}.json"));
        assert_eq!(id_of(&name), Some(id));

        let hostile = file_name(Some("../../etc/x\u{202e}y\x1b[2J 网关"), id).unwrap();
        assert_eq!(hostile, format!("______etc_x_y__2J_网关.{id}.json"));
        assert_eq!(id_of(&hostile), Some(id));

        assert_eq!(file_name(None, id).unwrap(), format!("channel.{id}.json"));
        assert_eq!(file_name(Some("a"), "../x"), None);
        assert_eq!(file_name(Some("a"), ""), None);
        let long = "n".repeat(300);
        assert!(file_name(Some(&long), id).unwrap().len() < 120);
    }

    #[test]
    fn only_snapshot_names_carry_an_id() {
        assert_eq!(id_of("README.md"), None);
        assert_eq!(id_of("notes.json"), None);
        assert_eq!(id_of("a.b c.json"), None);
        assert_eq!(id_of("web.abc-1_2.json"), Some("abc-1_2"));
    }
}
