//! One editor per channel draft. Taking a channel's draft creates a lock file beside it,
//! `<draft>.lock`, naming the holder: pid, host and since when. A second editor is told who
//! holds it. A lock whose process is gone (same host) is stale and taken over silently; a
//! live holder's lock is taken over only on request, and then the holder's draft is first
//! copied aside, so that neither editor's work is lost. Dropping the lock releases it.
//!
//! Every save goes through the lock: once another editor has taken over, a save writes a
//! copy aside instead of overwriting the new holder's draft, and says where.

use std::fmt;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::drafts::{
    DraftText, aside_name, draft_file, draft_text, load_draft_in, save_draft_text_in, write_atomic,
    write_atomic_with,
};
use super::paths::{ensure_dir, paths};

/// Who holds a draft.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Holder {
    pub pid: u32,
    pub host: String,
    /// RFC 3339, UTC, to the nanosecond: it also tells two locks of one process apart.
    pub since: String,
}

impl Holder {
    fn this_process() -> Holder {
        Holder {
            pid: std::process::id(),
            host: host_name(),
            since: time::OffsetDateTime::now_utc()
                .format(&time::format_description::well_known::Rfc3339)
                .unwrap_or_default(),
        }
    }

    /// A holder whose lock file cannot be read.
    fn unknown() -> Holder {
        Holder {
            pid: 0,
            host: "an unknown host".into(),
            since: "an unknown time".into(),
        }
    }

    /// Whether the holder is known to be gone: a process of this host that no longer runs.
    /// A holder on another host may be alive; nothing here can tell.
    pub fn is_stale(&self) -> bool {
        self.host == host_name() && !process_alive(self.pid)
    }
}

impl fmt::Display for Holder {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "process {} on {} (since {})",
            self.pid,
            crate::sanitize::line(&self.host),
            crate::sanitize::line(&self.since)
        )
    }
}

/// Where a save through the lock went.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Saved {
    /// The channel's draft file, as usual.
    InPlace,
    /// Another editor holds the draft now (`by`, when its lock can be read): this draft was
    /// written to `file` instead, beside the draft.
    Aside { file: PathBuf, by: Option<Holder> },
}

/// The held lock of one channel's draft; released on drop.
#[derive(Debug)]
pub struct DraftLock {
    dir: PathBuf,
    channel_id: String,
    lock_file: PathBuf,
    holder: Holder,
}

/// The lock file of a channel's draft.
pub fn lock_file(dir: &Path, channel_id: &str) -> PathBuf {
    let mut name = draft_file(dir, channel_id).into_os_string();
    name.push(".lock");
    PathBuf::from(name)
}

impl DraftLock {
    /// Take the draft of `channel_id` under the drafts folder. `Ok(Err(holder))` when a
    /// running editor holds it; a stale lock (see [`Holder::is_stale`]) is taken over.
    pub fn acquire(channel_id: &str) -> anyhow::Result<Result<DraftLock, Holder>> {
        Self::acquire_in(&paths()?.drafts_dir, channel_id)
    }

    /// [`DraftLock::acquire`] in `dir`.
    pub fn acquire_in(dir: &Path, channel_id: &str) -> anyhow::Result<Result<DraftLock, Holder>> {
        let lock = Self::new_in(dir, channel_id);
        if lock.create()? {
            return Ok(Ok(lock));
        }
        match read_holder(&lock.lock_file) {
            Some(h) if !h.is_stale() => Ok(Err(h)),
            // Stale, unreadable, or released just now.
            found => {
                tracing::warn!(lock = %lock.lock_file.display(), holder = ?found, "taking over a stale draft lock");
                Ok(match lock.replace(found.as_ref())? {
                    Some(held) => Err(held),
                    None => Ok(lock),
                })
            }
        }
    }

    /// Take the draft from `from`, a live holder (as [`DraftLock::acquire`] reported it).
    /// Its draft is copied aside first; the copy's path is returned (None when it had no
    /// draft). Fails, taking nothing, when the lock is no longer `from`'s.
    pub fn take_over(
        channel_id: &str,
        from: &Holder,
    ) -> anyhow::Result<(DraftLock, Option<PathBuf>)> {
        Self::take_over_in(&paths()?.drafts_dir, channel_id, from)
    }

    /// [`DraftLock::take_over`] in `dir`.
    pub fn take_over_in(
        dir: &Path,
        channel_id: &str,
        from: &Holder,
    ) -> anyhow::Result<(DraftLock, Option<PathBuf>)> {
        let lock = Self::new_in(dir, channel_id);
        let draft = draft_file(dir, channel_id);
        // Copy first: from here on, the old holder's saves see the lock is gone and write
        // aside themselves, so every version it has is kept somewhere.
        let copy = match std::fs::read(&draft) {
            Ok(bytes) => {
                let copy = aside_name(&draft, &format!("taken-from-{}", from.pid));
                write_atomic(&copy, &bytes).map_err(|e| {
                    anyhow::anyhow!("cannot keep a copy of the draft {}: {e}", draft.display())
                })?;
                Some(copy)
            }
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => None,
            Err(e) => anyhow::bail!("cannot read the draft {}: {e}", draft.display()),
        };
        let replaced = lock.replace(Some(from));
        if !matches!(replaced, Ok(None))
            && let Some(c) = &copy
        {
            // The holder keeps its draft in place: the copy is not needed.
            remove_quietly(c);
        }
        match replaced? {
            None => Ok((lock, copy)),
            Some(held) => anyhow::bail!("the draft is now held by {held}; nothing was taken over"),
        }
    }

    fn new_in(dir: &Path, channel_id: &str) -> DraftLock {
        DraftLock {
            dir: dir.to_path_buf(),
            channel_id: channel_id.to_string(),
            lock_file: lock_file(dir, channel_id),
            holder: Holder::this_process(),
        }
    }

    pub fn holder(&self) -> &Holder {
        &self.holder
    }

    /// Whether the lock file still names this lock (another editor may have taken over).
    pub fn is_held(&self) -> bool {
        read_holder(&self.lock_file).as_ref() == Some(&self.holder)
    }

    /// The saved draft (see [`load_draft_in`]: a corrupt one is set aside and reported).
    pub fn load(&self) -> anyhow::Result<Option<Value>> {
        load_draft_in(&self.dir, &self.channel_id)
    }

    /// Save the draft in place while this lock holds it; otherwise (or when another editor
    /// takes over during the save) write it aside, so it never overwrites the new holder's.
    pub fn save(&self, draft: &Value) -> anyhow::Result<Saved> {
        self.save_text(&mut DraftText::Held(draft_text(draft)?))
    }

    /// [`DraftLock::save`] of a draft's text.
    pub fn save_text(&self, text: &mut DraftText) -> anyhow::Result<Saved> {
        if self.is_held() {
            save_draft_text_in(&self.dir, &self.channel_id, text)?;
            if self.is_held() {
                return Ok(Saved::InPlace);
            }
        }
        let target = aside_name(
            &draft_file(&self.dir, &self.channel_id),
            &format!("kept-by-{}", self.holder.pid),
        );
        write_atomic_with(&target, |f| text.write_to(f))
            .map_err(|e| anyhow::anyhow!("cannot save the draft to {}: {e}", target.display()))?;
        Ok(Saved::Aside {
            file: target,
            by: read_holder(&self.lock_file),
        })
    }

    /// Create the lock file with its whole content at once; false when it exists.
    fn create(&self) -> anyhow::Result<bool> {
        ensure_dir(&self.dir)
            .map_err(|e| anyhow::anyhow!("cannot create {}: {e}", self.dir.display()))?;
        let tmp = self
            .lock_file
            .with_extension(format!("lock.{}.tmp", self.holder.pid));
        let text = serde_json::to_vec(&self.holder)?;
        write_atomic(&tmp, &text)
            .map_err(|e| anyhow::anyhow!("cannot write {}: {e}", tmp.display()))?;
        // A hard link appears complete or not at all, and never replaces an existing lock.
        let linked = std::fs::hard_link(&tmp, &self.lock_file);
        if let Err(e) = std::fs::remove_file(&tmp) {
            tracing::warn!("cannot remove {}: {e}", tmp.display());
        }
        match linked {
            Ok(()) => Ok(true),
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => Ok(false),
            Err(e) => Err(anyhow::anyhow!(
                "cannot create the draft lock {}: {e}",
                self.lock_file.display()
            )),
        }
    }

    /// Replace the lock held by `expected` (None: an unreadable lock) with this one. Returns
    /// the holder found instead when someone else got there first.
    fn replace(&self, expected: Option<&Holder>) -> anyhow::Result<Option<Holder>> {
        // Move the old lock out of the way atomically, then check it was the expected one:
        // a lock that changed in between is put back, untouched.
        let moved = self
            .lock_file
            .with_extension(format!("lock.{}.old", self.holder.pid));
        let was_there = match std::fs::rename(&self.lock_file, &moved) {
            Ok(()) => true,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => false,
            Err(e) => anyhow::bail!("cannot take over {}: {e}", self.lock_file.display()),
        };
        if was_there {
            let found = read_holder(&moved);
            if found.as_ref() != expected {
                if let Err(e) = std::fs::hard_link(&moved, &self.lock_file) {
                    tracing::warn!("a draft lock changed while it was taken over: {e}");
                }
                remove_quietly(&moved);
                return Ok(Some(found.unwrap_or_else(Holder::unknown)));
            }
            remove_quietly(&moved);
        }
        if self.create()? {
            Ok(None)
        } else {
            Ok(Some(
                read_holder(&self.lock_file).unwrap_or_else(Holder::unknown),
            ))
        }
    }
}

impl Drop for DraftLock {
    fn drop(&mut self) {
        // Only our own lock: after a take-over the file is the new holder's.
        if self.is_held() {
            remove_quietly(&self.lock_file);
        }
    }
}

fn remove_quietly(path: &Path) {
    if let Err(e) = std::fs::remove_file(path)
        && e.kind() != std::io::ErrorKind::NotFound
    {
        tracing::warn!("cannot remove {}: {e}", path.display());
    }
}

fn read_holder(path: &Path) -> Option<Holder> {
    let bytes = std::fs::read(path).ok()?;
    serde_json::from_slice(&bytes).ok()
}

#[cfg(unix)]
fn host_name() -> String {
    rustix::system::uname()
        .nodename()
        .to_string_lossy()
        .into_owned()
}

#[cfg(not(unix))]
fn host_name() -> String {
    std::env::var("COMPUTERNAME").unwrap_or_default()
}

/// Whether a process with this id runs on this host. Permission to signal it is not needed:
/// "not permitted" means it exists.
#[cfg(unix)]
fn process_alive(pid: u32) -> bool {
    let Some(pid) = i32::try_from(pid)
        .ok()
        .and_then(rustix::process::Pid::from_raw)
    else {
        return false;
    };
    match rustix::process::test_kill_process(pid) {
        Ok(()) => true,
        Err(e) => e != rustix::io::Errno::SRCH,
    }
}

/// Without a way to ask, every holder counts as alive: a take-over stays explicit.
#[cfg(not(unix))]
fn process_alive(_pid: u32) -> bool {
    true
}
