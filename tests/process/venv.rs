//! The official Huawei Cloud Python SDK for the SDK tests, in the project's `.venv`. It is
//! built on first use, once however many test binaries start at the same time (an exclusive
//! lock on `.venv.lock`, and a second look after taking it), and a test that needs it fails
//! with what is missing and how to fix it when it cannot be built: it never skips.

use std::fs::File;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::OnceLock;

/// The SDK package the tests use; its core (`huaweicloudsdkcore`) comes with it.
const PACKAGE: &str = "huaweicloudsdkapig";
const BY_HAND: &str = "python3 -m venv --clear .venv && .venv/bin/pip install huaweicloudsdkapig";

/// The Python of `.venv`, with the official SDK importable. Panics when it cannot be made.
pub fn sdk_python() -> PathBuf {
    static PYTHON: OnceLock<Result<PathBuf, String>> = OnceLock::new();
    let venv = Path::new(env!("CARGO_MANIFEST_DIR")).join(".venv");
    match PYTHON.get_or_init(|| ensure(&venv)) {
        Ok(python) => python.clone(),
        Err(why) => panic!(
            "the SDK tests need {} with the official Huawei Cloud SDK ({PACKAGE}), and it \
             could not be built: {why}\nFix: make python3 (with its venv module) and PyPI \
             reachable, then run the tests again, or build it by hand in {}:\n  {BY_HAND}",
            venv.join("bin/python").display(),
            env!("CARGO_MANIFEST_DIR"),
        ),
    }
}

fn ensure(venv: &Path) -> Result<PathBuf, String> {
    let python = venv.join("bin/python");
    if has_sdk(&python) {
        return Ok(python);
    }
    let lock_path = venv.with_file_name(".venv.lock");
    let lock = File::options()
        .create(true)
        .truncate(false)
        .write(true)
        .open(&lock_path)
        .map_err(|e| format!("cannot open {}: {e}", lock_path.display()))?;
    lock.lock()
        .map_err(|e| format!("cannot lock {}: {e}", lock_path.display()))?;
    // Another test binary may have built it while this one waited for the lock.
    if !has_sdk(&python) {
        build(venv, &python)?;
        if !has_sdk(&python) {
            return Err(format!("{PACKAGE} is installed but does not import"));
        }
    }
    drop(lock);
    Ok(python)
}

/// Whether `python` runs and imports the SDK (false for a missing or broken `.venv`).
fn has_sdk(python: &Path) -> bool {
    Command::new(python)
        .args(["-c", "import huaweicloudsdkcore, huaweicloudsdkapig"])
        .env("PYTHONDONTWRITEBYTECODE", "1")
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|s| s.success())
}

/// A fresh `.venv` (`--clear` replaces a broken one) with the SDK. pip keeps no cache, so
/// nothing is written under the home folder.
fn build(venv: &Path, python: &Path) -> Result<(), String> {
    eprintln!(
        "building {} for the SDK tests: python3 -m venv, pip install {PACKAGE}",
        venv.display()
    );
    run(
        Command::new("python3")
            .args(["-m", "venv", "--clear"])
            .arg(venv),
        "python3 -m venv --clear .venv",
    )?;
    run(
        Command::new(python).args([
            "-m",
            "pip",
            "install",
            "--quiet",
            "--disable-pip-version-check",
            "--no-cache-dir",
            PACKAGE,
        ]),
        &format!(".venv/bin/pip install {PACKAGE}"),
    )
}

fn run(cmd: &mut Command, what: &str) -> Result<(), String> {
    let out = cmd
        .env("PIP_NO_CACHE_DIR", "1")
        .stdin(Stdio::null())
        .output()
        .map_err(|e| match e.kind() {
            std::io::ErrorKind::NotFound => {
                format!(
                    "`{what}` could not start: {:?} is not on PATH",
                    cmd.get_program()
                )
            }
            _ => format!("`{what}` could not start: {e}"),
        })?;
    if out.status.success() {
        return Ok(());
    }
    let stderr = String::from_utf8_lossy(&out.stderr);
    let tail: Vec<&str> = stderr.lines().rev().take(20).collect();
    let tail: Vec<&str> = tail.into_iter().rev().collect();
    Err(format!(
        "`{what}` failed ({}):\n{}",
        out.status,
        tail.join("\n")
    ))
}
