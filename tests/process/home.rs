//! The one place where a test decides the environment of a child process: every per-user
//! location (CHANEDIT_HOME, HOME and the XDG folders) under a temporary folder, so no test
//! reads or writes the real home, and no inherited credential, profile or proxy setting
//! changes what the child does.

use std::path::{Path, PathBuf};
use std::process::Command;

/// The variables that decide where chanedit (and the Python SDK) keep per-user files.
pub fn home_vars(home: &Path) -> [(&'static str, PathBuf); 6] {
    [
        ("CHANEDIT_HOME", home.to_path_buf()),
        ("HOME", home.to_path_buf()),
        ("XDG_CONFIG_HOME", home.join(".config")),
        ("XDG_DATA_HOME", home.join(".local/share")),
        ("XDG_STATE_HOME", home.join(".local/state")),
        ("XDG_CACHE_HOME", home.join(".cache")),
    ]
}

/// An inherited variable that would change what the child does: credentials, a profile,
/// chanedit's own settings, or a proxy (loopback traffic must not leave the machine).
pub fn is_inherited_setting(name: &str) -> bool {
    name.starts_with("CHANEDIT_")
        || name.starts_with("HUAWEICLOUD_")
        || name.starts_with("HW_")
        || name.to_ascii_lowercase().ends_with("_proxy")
}

/// `cmd` with every per-user location under `home` and no inherited setting. Call after
/// `env_clear`, before the test's own variables.
pub fn isolate<'a>(cmd: &'a mut Command, home: &Path) -> &'a mut Command {
    for (name, _) in std::env::vars_os() {
        if name.to_str().is_some_and(is_inherited_setting) {
            cmd.env_remove(name);
        }
    }
    cmd.envs(home_vars(home))
}

/// [`isolate`] for a command run in a pseudo-terminal.
pub fn isolate_pty(cmd: &mut portable_pty::CommandBuilder, home: &Path) {
    for (name, _) in std::env::vars_os() {
        if name.to_str().is_some_and(is_inherited_setting) {
            cmd.env_remove(name);
        }
    }
    for (name, value) in home_vars(home) {
        cmd.env(name, value);
    }
}

/// The chanedit binary, isolated under `home`.
pub fn chanedit(home: &Path) -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_chanedit"));
    isolate(&mut cmd, home);
    cmd
}

/// A fresh temporary home, removed when dropped.
pub fn temp_home() -> tempfile::TempDir {
    tempfile::Builder::new()
        .prefix("chanedit-test-home-")
        .tempdir()
        .unwrap_or_else(|e| panic!("cannot create a temporary home: {e}"))
}
