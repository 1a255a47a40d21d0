//! A body file given to `apply` or `diff`, made into what will be sent: both arrays present
//! (or taken from the live channel with `--keep-missing`), and the live secret wherever the
//! file holds the mask (`show --json` prints `***`). Each fill is said on stderr.

use std::path::Path;

use serde_json::Value;

use crate::api::write_body::FULL_PUT_ARRAYS;
use crate::model::{MASK, masked_paths, restore_secrets};
use crate::sanitize;

use super::EXIT_FAIL;

/// The arrays the body leaves out (absent or `null`).
fn missing_arrays(body: &Value) -> Vec<&'static str> {
    FULL_PUT_ARRAYS
        .into_iter()
        .filter(|k| body.get(*k).is_none_or(Value::is_null))
        .collect()
}

/// Before anything is loaded: a file that leaves an array out is an error naming it, unless
/// `--keep-missing` asks to fill it from the live channel.
pub fn require_arrays(body: &Value, file: &Path, keep_missing: bool) -> Result<(), i32> {
    if keep_missing || !body.is_object() {
        return Ok(());
    }
    let missing = missing_arrays(body);
    let Some(first) = missing.first() else {
        return Ok(());
    };
    eprintln!(
        "error: {} leaves out `{first}`: an update sends the whole channel, and a missing \
         `{first}` is not \"keep\". Add it (`[]` empties it), or pass --keep-missing to take it \
         from the live channel. Nothing sent.",
        sanitize::line(&file.display().to_string())
    );
    Err(EXIT_FAIL)
}

/// After loading: fill the left-out arrays from `live` (only reached with `--keep-missing`),
/// and put back the live secrets where the body holds the mask.
pub fn complete(body: &mut Value, live: &Value) {
    for key in missing_arrays(body) {
        let Some(map) = body.as_object_mut() else {
            break;
        };
        let kept = live.get(key).cloned().unwrap_or(Value::Array(Vec::new()));
        eprintln!(
            "note: `{key}` is not in the file; keeping the live one ({} entries), as \
             --keep-missing asks",
            kept.as_array().map_or(0, Vec::len)
        );
        map.insert(key.to_string(), kept);
    }
    let masked = masked_paths(body);
    if masked.is_empty() {
        return;
    }
    restore_secrets(body, live);
    // What is still masked had no live secret to take: the send refuses it, naming it.
    let left = masked_paths(body);
    for path in masked.iter().filter(|p| !left.contains(p)) {
        eprintln!(
            "note: {} holds the mask {MASK}; keeping the live secret",
            sanitize::line(path)
        );
    }
}
