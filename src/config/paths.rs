//! Where chanedit keeps its files. `CHANEDIT_HOME` puts all of them under one directory
//! (tests, the demo); otherwise the XDG locations of the `directories` crate.

use std::path::PathBuf;

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
