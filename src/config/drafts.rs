//! Unsent drafts, one file per channel, written atomically (temp file + rename) so a crash
//! never leaves half a draft. Secrets in a draft (the Nacos password) are stored as `"***"`.
//! A draft that cannot be read back (cut short, edited by hand, not a body) is never
//! overwritten: loading renames it to `<file>.corrupt-<time>` and says so. Locking is in
//! `drafts_lock.rs`.

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
    write_atomic_with(path, |f| f.write_all(contents))
}

/// [`write_atomic`] of what `write` writes into the file.
pub fn write_atomic_with(
    path: &Path,
    write: impl FnOnce(&mut std::fs::File) -> std::io::Result<()>,
) -> std::io::Result<()> {
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
        write(&mut f)?;
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

/// A draft as its file holds it: JSON text a member to a line, secrets as `"***"`. Copied
/// only when it holds a secret to blank: a draft of 10,000 members is written as it is.
pub fn draft_text(draft: &Value) -> anyhow::Result<Vec<u8>> {
    let mut text = Vec::new();
    write_draft(&mut text, draft)?;
    Ok(text)
}

fn write_draft(w: &mut impl Write, draft: &Value) -> anyhow::Result<()> {
    if crate::model::has_secret(draft) {
        let mut v = draft.clone();
        crate::model::redact_secrets(&mut v);
        super::line_per_member::to_writer(w, &v)?;
    } else {
        super::line_per_member::to_writer(w, draft)?;
    }
    Ok(())
}

/// A draft's text on its way to its file.
#[derive(Debug)]
pub enum DraftText {
    /// In a file of no name beside the drafts (gone once closed): the editor writes a big
    /// draft there as it is, instead of holding its text (1 MB at 10,000 members) while the
    /// file is written.
    Spooled(std::fs::File),
    Held(Vec<u8>),
}

impl DraftText {
    /// The text of `draft`, spooled beside the drafts when a file can be made there. When
    /// the spool cannot be written (a full disk), the text is held, and writing the draft's
    /// file says why it fails.
    pub fn of(draft: &Value) -> anyhow::Result<DraftText> {
        let spooled = paths()
            .ok()
            .and_then(|p| ensure_dir(&p.drafts_dir).ok().map(|()| p.drafts_dir))
            .and_then(|dir| spool(&dir, draft).ok());
        match spooled {
            Some(f) => Ok(DraftText::Spooled(f)),
            None => Ok(DraftText::Held(draft_text(draft)?)),
        }
    }

    /// Write the whole text into `w` (again from its start each time).
    pub fn write_to(&mut self, w: &mut impl Write) -> std::io::Result<()> {
        match self {
            DraftText::Held(text) => w.write_all(text),
            DraftText::Spooled(f) => {
                use std::io::Seek;
                f.rewind()?;
                std::io::copy(f, w).map(|_| ())
            }
        }
    }
}

fn spool(dir: &Path, draft: &Value) -> anyhow::Result<std::fs::File> {
    let mut w = std::io::BufWriter::new(tempfile::tempfile_in(dir)?);
    write_draft(&mut w, draft)?;
    Ok(w.into_inner()
        .map_err(std::io::IntoInnerError::into_error)?)
}

pub fn save_draft_in(dir: &Path, channel_id: &str, draft: &Value) -> anyhow::Result<()> {
    save_draft_text_in(dir, channel_id, &mut DraftText::Held(draft_text(draft)?))
}

/// Write a draft's text to its file.
pub fn save_draft_text_in(
    dir: &Path,
    channel_id: &str,
    text: &mut DraftText,
) -> anyhow::Result<()> {
    let path = draft_file(dir, channel_id);
    write_atomic_with(&path, |f| text.write_to(f))
        .map_err(|e| anyhow::anyhow!("cannot save the draft to {}: {e}", path.display()))
}

/// The saved draft, or `None` when there is none. A draft that does not read back as a body
/// is moved aside first (see [`set_aside`]) and the error names where it went, so the next
/// save cannot overwrite it.
pub fn load_draft_in(dir: &Path, channel_id: &str) -> anyhow::Result<Option<Value>> {
    let path = draft_file(dir, channel_id);
    let bytes = match std::fs::read(&path) {
        Ok(bytes) => bytes,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(anyhow::anyhow!("cannot read {}: {e}", path.display())),
    };
    let problem = match std::str::from_utf8(&bytes) {
        Err(_) => "it is not UTF-8 text".to_string(),
        Ok(text) => match crate::validate::parse_body(text) {
            Ok(v @ Value::Object(_)) => return Ok(Some(v)),
            Ok(_) => "it is not a JSON object".to_string(),
            Err(e) => format!("it is not valid JSON ({e})"),
        },
    };
    match set_aside(&path, "corrupt") {
        Ok(kept) => Err(anyhow::anyhow!(
            "the saved draft {} cannot be used: {problem}; it was kept as {} and nothing was \
             restored",
            path.display(),
            kept.display()
        )),
        Err(e) => Err(anyhow::anyhow!(
            "the saved draft {} cannot be used: {problem}; moving it aside failed too ({e}), \
             so it stays where it is",
            path.display()
        )),
    }
}

/// A free name beside `file` for a copy kept for the user: `<file>.<why>-<UTC time>`, with a
/// counter when that exists already.
pub(crate) fn aside_name(file: &Path, why: &str) -> PathBuf {
    let stamp = time::OffsetDateTime::now_utc()
        .format(time::macros::format_description!(
            "[year][month][day]T[hour][minute][second]Z"
        ))
        .unwrap_or_else(|_| "unknown-time".into());
    let base = format!("{}.{why}-{stamp}", file.display());
    let mut candidate = PathBuf::from(&base);
    let mut n = 1;
    while candidate.exists() {
        candidate = PathBuf::from(format!("{base}-{n}"));
        n += 1;
    }
    candidate
}

/// Rename `file` to a free [`aside_name`] and return the new name.
pub fn set_aside(file: &Path, why: &str) -> std::io::Result<PathBuf> {
    let target = aside_name(file, why);
    std::fs::rename(file, &target)?;
    tracing::warn!(from = %file.display(), to = %target.display(), "draft set aside");
    Ok(target)
}

pub fn delete_draft_in(dir: &Path, channel_id: &str) -> anyhow::Result<()> {
    let path = draft_file(dir, channel_id);
    match std::fs::remove_file(&path) {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(()),
        Err(e) => Err(anyhow::anyhow!("cannot delete {}: {e}", path.display())),
    }
}

/// Save a draft's text where drafts live.
pub fn save_draft_text(channel_id: &str, text: &mut DraftText) -> anyhow::Result<()> {
    save_draft_text_in(&paths()?.drafts_dir, channel_id, text)
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
    fn a_spooled_draft_is_written_whole_each_time_and_leaves_no_file() {
        let dir = tempfile::tempdir().unwrap();
        let members: Vec<Value> = (0..2000)
            .map(|i| json!({"host": format!("10.0.{}.{}", i / 256, i % 256), "weight": i % 9}))
            .collect();
        let draft = json!({"name": "x", "members": members, "microservice_info":
            {"nacos_info": {"user_info": {"user_name": "u", "password": "hunter2"}}}});
        let mut text = DraftText::Spooled(spool(dir.path(), &draft).unwrap());
        let ls = || std::fs::read_dir(dir.path()).unwrap().count();
        assert_eq!(ls(), 0, "the spool has no name");
        // Twice: a save that finds the draft taken over writes it again, aside.
        for _ in 0..2 {
            save_draft_text_in(dir.path(), "abc", &mut text).unwrap();
            let bytes = std::fs::read(draft_file(dir.path(), "abc")).unwrap();
            assert_eq!(bytes, draft_text(&draft).unwrap());
            let back: Value = serde_json::from_slice(&bytes).unwrap();
            assert_eq!(back["members"], draft["members"]);
            assert_eq!(
                back["microservice_info"]["nacos_info"]["user_info"]["password"],
                "***"
            );
        }
        assert_eq!(ls(), 1, "the draft's file only");
    }

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
    fn a_corrupt_draft_is_set_aside_and_reported_never_overwritten() {
        let dir = tempfile::tempdir().unwrap();
        let d = dir.path().join("drafts");
        let cut = br#"{"name": "half a dr"#;
        for bad in [&cut[..], b"", b"[1, 2]", b"\xff\xfe"] {
            std::fs::create_dir_all(&d).unwrap();
            std::fs::write(draft_file(&d, "abc"), bad).unwrap();
            let err = load_draft_in(&d, "abc").unwrap_err().to_string();
            assert!(err.contains("cannot be used"), "{err}");
            assert!(err.contains("nothing was restored"), "{err}");
            let kept: Vec<PathBuf> = std::fs::read_dir(&d)
                .unwrap()
                .map(|e| e.unwrap().path())
                .collect();
            assert_eq!(kept.len(), 1, "{kept:?}");
            let kept = &kept[0];
            assert!(
                kept.display().to_string().contains(".json.corrupt-"),
                "{err}"
            );
            assert!(err.contains(&kept.display().to_string()), "{err}");
            assert_eq!(std::fs::read(kept).unwrap(), bad, "kept byte for byte");
            // The next save goes to a fresh file; the corrupt one stays.
            assert_eq!(load_draft_in(&d, "abc").unwrap(), None);
            save_draft_in(&d, "abc", &json!({"name": "new"})).unwrap();
            assert_eq!(std::fs::read(kept).unwrap(), bad);
            std::fs::remove_dir_all(&d).unwrap();
        }
    }

    #[test]
    fn ids_cannot_escape_the_directory() {
        let f = draft_file(Path::new("/d"), "../../etc/passwd");
        assert_eq!(f.parent(), Some(Path::new("/d")));
    }
}
