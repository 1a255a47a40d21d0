//! What the network commands share: building a client from the flags (or the demo), printing
//! to a stdout that may be a closed pipe, tables, and error reporting.

use std::io::Write;

use crate::api::{ApiError, Auth, Client, ClientConfig, Loaded};
use crate::cli::GlobalArgs;
use crate::sanitize;

use super::{EXIT_FAIL, EXIT_USAGE};

/// A connected client; holds the in-process demo server alive when `--demo` is on.
pub struct Session {
    pub client: Client,
    _demo: Option<crate::emulator::Demo>,
}

/// Start the in-process demo emulator and a config that reaches it.
async fn demo_config(global: &GlobalArgs) -> anyhow::Result<(ClientConfig, crate::emulator::Demo)> {
    let demo = crate::emulator::start_demo().await?;
    let mut cfg = ClientConfig::new(
        demo.endpoint.clone(),
        demo.project_id.clone(),
        demo.instance_id.clone(),
        Auth::Token(demo.token.clone()),
    );
    if let Some(s) = global.connect_timeout {
        cfg.connect_timeout = std::time::Duration::from_secs(s.max(1));
    }
    if let Some(s) = global.timeout {
        cfg.timeout = std::time::Duration::from_secs(s.max(1));
    }
    Ok((cfg, demo))
}

/// The client for this run, or the exit code after printing why there is none.
pub async fn connect(global: &GlobalArgs) -> Result<Session, i32> {
    if global.demo && global.insecure {
        // resolve() gives this warning otherwise; --insecure warns on every run.
        eprintln!("warning: --insecure: TLS certificates are not verified");
    }
    let (cfg, demo) = if global.demo {
        match demo_config(global).await {
            Ok((cfg, demo)) => (cfg, Some(demo)),
            Err(e) => {
                eprintln!(
                    "error: cannot start the demo: {}",
                    sanitize::line(&format!("{e:#}"))
                );
                return Err(EXIT_FAIL);
            }
        }
    } else {
        match crate::config::resolve(global) {
            Ok(cfg) => (cfg, None),
            Err(e) => {
                eprintln!("error: {}", sanitize::line(&format!("{e:#}")));
                return Err(EXIT_USAGE);
            }
        }
    };
    match Client::new(cfg) {
        Ok(client) => Ok(Session {
            client,
            _demo: demo,
        }),
        Err(e) => {
            eprintln!("error: {e}");
            Err(EXIT_USAGE)
        }
    }
}

/// Connect and load one channel with every member, or the exit code after printing why not.
pub async fn load(global: &GlobalArgs, channel_id: &str) -> Result<(Session, Loaded), i32> {
    let session = connect(global).await?;
    match session.client.load_channel(channel_id).await {
        Ok(loaded) => Ok((session, loaded)),
        Err(e) => Err(api_failure(&e)),
    }
}

/// Print an API error the way every command does and give the exit code.
pub fn api_failure(e: &ApiError) -> i32 {
    eprintln!("error: {e}");
    EXIT_FAIL
}

/// Write to stdout; a closed pipe (`| head`) ends the output quietly instead of panicking.
pub fn print(text: &str) {
    let mut out = std::io::stdout().lock();
    let _ = out.write_all(text.as_bytes());
    let _ = out.flush();
}

/// A plain text table: every cell sanitized, columns padded to their widest cell.
pub fn table(headers: &[&str], rows: &[Vec<String>]) -> String {
    let clean: Vec<Vec<String>> = rows
        .iter()
        .map(|r| r.iter().map(|c| sanitize::line(c)).collect())
        .collect();
    let mut widths: Vec<usize> = headers.iter().map(|h| h.chars().count()).collect();
    for row in &clean {
        for (i, cell) in row.iter().enumerate() {
            if i < widths.len() {
                widths[i] = widths[i].max(cell.chars().count());
            }
        }
    }
    let mut out = String::new();
    let mut line = |cells: Vec<&str>| {
        let mut l = String::new();
        for (i, cell) in cells.iter().enumerate() {
            if i + 1 == cells.len() {
                l.push_str(cell);
            } else {
                l.push_str(cell);
                let pad = widths[i] - cell.chars().count() + 2;
                l.extend(std::iter::repeat_n(' ', pad));
            }
        }
        out.push_str(l.trim_end());
        out.push('\n');
    };
    line(headers.to_vec());
    for row in &clean {
        line(row.iter().map(String::as_str).collect());
    }
    out
}

/// Read and parse a body file (`-` = stdin), or the exit code after printing why not.
pub fn read_body(file: &std::path::Path) -> Result<serde_json::Value, i32> {
    parse_file(file).map_err(|e| {
        eprintln!("error: {e}");
        EXIT_FAIL
    })
}

fn parse_file(file: &std::path::Path) -> Result<serde_json::Value, String> {
    let shown = sanitize::line(&file.display().to_string());
    let text = if file.as_os_str() == "-" {
        let mut s = String::new();
        std::io::Read::read_to_string(&mut std::io::stdin(), &mut s)
            .map_err(|e| format!("cannot read stdin: {e}"))?;
        s
    } else {
        std::fs::read_to_string(file).map_err(|e| format!("cannot read {shown}: {e}"))?
    };
    crate::validate::parse_body(&text).map_err(|e| {
        format!(
            "{shown}:{}:{}: {}",
            e.line,
            e.column,
            sanitize::line(&e.message)
        )
    })
}

/// Colour for the diff: `--color`, else only on a terminal and without NO_COLOR.
pub fn use_color(choice: Option<crate::cli::ColorChoice>) -> bool {
    use std::io::IsTerminal;
    match choice {
        Some(crate::cli::ColorChoice::Always) => true,
        Some(crate::cli::ColorChoice::Never) => false,
        _ => crate::config::env::color_allowed() && std::io::stdout().is_terminal(),
    }
}

/// `-` for a missing value.
pub fn or_dash<T: ToString>(v: Option<T>) -> String {
    v.map(|v| v.to_string())
        .filter(|s| !s.is_empty())
        .unwrap_or_else(|| "-".to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tables_align_and_sanitize() {
        let t = table(
            &["NAME", "ID"],
            &[
                vec!["a".into(), "1".into()],
                vec!["long\x1b[2Jname".into(), "22".into()],
            ],
        );
        let lines: Vec<&str> = t.lines().collect();
        assert_eq!(lines[0], "NAME          ID");
        assert_eq!(lines[1], "a             1");
        assert!(!t.contains('\x1b'));
    }
}
