//! Where chanedit keeps its files. `CHANEDIT_HOME` puts all of them under one directory
//! (tests); otherwise the XDG locations of the `directories` crate. The demo runs in a
//! [`TempHome`] of its own, so that it never reads or writes a real file.

use std::path::PathBuf;
use std::sync::Mutex;

/// The home a [`TempHome`] set for this process, ahead of `CHANEDIT_HOME` and XDG.
static TEMP_HOME: Mutex<Option<PathBuf>> = Mutex::new(None);

/// A private temporary folder that holds every file of this process (drafts, journal, log)
/// while it lives; dropping it removes the folder and its files.
pub struct TempHome {
    dir: tempfile::TempDir,
}

impl TempHome {
    /// Create the folder (readable by the owner only) and make [`paths`] resolve under it.
    pub fn enter() -> std::io::Result<TempHome> {
        let dir = tempfile::Builder::new()
            .prefix("chanedit-demo-")
            .tempdir()?;
        set_temp_home(Some(dir.path().to_path_buf()));
        Ok(TempHome { dir })
    }

    pub fn path(&self) -> &std::path::Path {
        self.dir.path()
    }
}

impl Drop for TempHome {
    fn drop(&mut self) {
        set_temp_home(None);
    }
}

fn set_temp_home(home: Option<PathBuf>) {
    // A poisoned lock still holds a usable value: a panic elsewhere must not stop this.
    let mut slot = TEMP_HOME.lock().unwrap_or_else(|p| p.into_inner());
    *slot = home;
}

fn temp_home() -> Option<PathBuf> {
    TEMP_HOME.lock().unwrap_or_else(|p| p.into_inner()).clone()
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Paths {
    pub config_file: PathBuf,
    pub drafts_dir: PathBuf,
    pub journal_file: PathBuf,
    pub log_file: PathBuf,
}

impl Paths {
    /// Everything under one root.
    pub fn under(root: impl Into<PathBuf>) -> Paths {
        let root = root.into();
        Paths {
            config_file: root.join("config.toml"),
            drafts_dir: root.join("drafts"),
            journal_file: root.join("journal.jsonl"),
            log_file: root.join("chanedit.log"),
        }
    }
}

pub fn paths() -> anyhow::Result<Paths> {
    if let Some(root) = temp_home() {
        return Ok(Paths::under(root));
    }
    if let Some(root) = std::env::var_os("CHANEDIT_HOME").filter(|r| !r.is_empty()) {
        return Ok(Paths::under(root));
    }
    let dirs = directories::ProjectDirs::from("", "", "chanedit")
        .ok_or_else(|| anyhow::anyhow!("cannot find a home directory; set CHANEDIT_HOME"))?;
    let data = dirs.data_dir();
    let state = dirs.state_dir().unwrap_or(data);
    Ok(Paths {
        config_file: dirs.config_dir().join("config.toml"),
        drafts_dir: data.join("drafts"),
        journal_file: data.join("journal.jsonl"),
        log_file: state.join("chanedit.log"),
    })
}

/// Create a file's parent directory, private to the user where the OS allows.
pub fn ensure_parent(file: &std::path::Path) -> std::io::Result<()> {
    if let Some(dir) = file.parent() {
        ensure_dir(dir)?;
    }
    Ok(())
}

pub fn ensure_dir(dir: &std::path::Path) -> std::io::Result<()> {
    if dir.as_os_str().is_empty() || dir.is_dir() {
        return Ok(());
    }
    let mut b = std::fs::DirBuilder::new();
    b.recursive(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::DirBuilderExt;
        b.mode(0o700);
    }
    b.create(dir)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_temp_home_holds_every_file_until_dropped() {
        let home = TempHome::enter().unwrap();
        let root = home.path().to_path_buf();
        assert_eq!(paths().unwrap(), Paths::under(&root));
        std::fs::write(paths().unwrap().journal_file, "x").unwrap();
        drop(home);
        assert!(!root.exists(), "removed with its files");
        assert_ne!(
            paths().ok().map(|p| p.journal_file),
            Some(root.join("journal.jsonl"))
        );
    }
}
