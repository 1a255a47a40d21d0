//! Unsent drafts, one file per channel, written atomically (temp file + rename) so a crash
//! never leaves half a draft. Secrets in a draft (the Nacos password) are stored as `"***"`.

use std::io::Write;
use std::path::{Path, PathBuf};

use serde_json::Value;

use super::paths::{ensure_dir, paths};

/// The draft file of a channel. The id is encoded so that no id can leave the directory.
pub fn draft_file(dir: &Path, channel_id: &str) -> PathBuf {
    dir.join(format!(
        "{}.json",
        crate::sign::encode(channel_id.as_bytes())
    ))
}

/// Write `contents` to `path` atomically, readable by the owner only.
pub fn write_atomic(path: &Path, contents: &[u8]) -> std::io::Result<()> {
    let dir = path.parent().unwrap_or(Path::new("."));
    ensure_dir(dir)?;
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let tmp = dir.join(format!(".{name}.{}.tmp", std::process::id()));
    let mut opts = std::fs::OpenOptions::new();
    opts.write(true).create(true).truncate(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        opts.mode(0o600);
    }
    let result = (|| {
        let mut f = opts.open(&tmp)?;
        f.write_all(contents)?;
        f.sync_all()?;
        std::fs::rename(&tmp, path)
    })();
    if result.is_err()
        && let Err(e) = std::fs::remove_file(&tmp)
        && e.kind() != std::io::ErrorKind::NotFound
    {
        tracing::warn!("cannot remove {}: {e}", tmp.display());
    }
    result
}

pub fn save_draft_in(dir: &Path, channel_id: &str, draft: &Value) -> anyhow::Result<()> {
    let mut v = draft.clone();
    crate::model::redact_secrets(&mut v);
    let text = serde_json::to_vec_pretty(&v)?;
    let path = draft_file(dir, channel_id);
    write_atomic(&path, &text)
        .map_err(|e| anyhow::anyhow!("cannot save the draft to {}: {e}", path.display()))
}

/// The saved draft, or `None` when there is none.
pub fn load_draft_in(dir: &Path, channel_id: &str) -> anyhow::Result<Option<Value>> {
    let path = draft_file(dir, channel_id);
    match std::fs::read(&path) {
        Ok(bytes) => serde_json::from_slice(&bytes)
            .map(Some)
            .map_err(|e| anyhow::anyhow!("the draft {} is not valid JSON: {e}", path.display())),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
        Err(e) => Err(anyhow::anyhow!("cannot read {}: {e}", path.display())),
    }
}

pub fn delete_draft_in(dir: &Path, channel_id: &str) -> anyhow::Result<()> {
    let path = draft_file(dir, channel_id);
    match std::fs::remove_file(&path) {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(()),
        Err(e) => Err(anyhow::anyhow!("cannot delete {}: {e}", path.display())),
    }
}

pub fn save_draft(channel_id: &str, draft: &Value) -> anyhow::Result<()> {
    save_draft_in(&paths()?.drafts_dir, channel_id, draft)
}

pub fn load_draft(channel_id: &str) -> anyhow::Result<Option<Value>> {
    load_draft_in(&paths()?.drafts_dir, channel_id)
}

pub fn delete_draft(channel_id: &str) -> anyhow::Result<()> {
    delete_draft_in(&paths()?.drafts_dir, channel_id)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn save_load_delete_round_trip_without_secrets() {
        let dir = tempfile::tempdir().unwrap();
        let d = dir.path().join("drafts");
        assert_eq!(load_draft_in(&d, "abc").unwrap(), None);
        let draft = json!({"name": "x", "microservice_info": {"nacos_info":
            {"user_info": {"user_name": "u", "password": "hunter2"}}}});
        save_draft_in(&d, "abc", &draft).unwrap();
        let back = load_draft_in(&d, "abc").unwrap().unwrap();
        assert_eq!(back["name"], "x");
        let text = std::fs::read_to_string(draft_file(&d, "abc")).unwrap();
        assert!(!text.contains("hunter2"));
        delete_draft_in(&d, "abc").unwrap();
        assert_eq!(load_draft_in(&d, "abc").unwrap(), None);
        delete_draft_in(&d, "abc").unwrap();
    }

    #[test]
    fn ids_cannot_escape_the_directory() {
        let f = draft_file(Path::new("/d"), "../../etc/passwd");
        assert_eq!(f.parent(), Some(Path::new("/d")));
    }
}
