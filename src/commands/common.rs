//! What the network commands share: building a client from the flags (or the demo), printing
//! to a stdout that may be a closed pipe, tables, and error reporting.

use std::io::Write;

use unicode_width::UnicodeWidthStr;

use crate::api::{ApiError, Auth, Client, ClientConfig, Loaded};
use crate::cli::GlobalArgs;
use crate::config::Gateway;
use crate::sanitize;

use super::{EXIT_FAIL, EXIT_USAGE};

/// A connected client; holds the in-process demo server alive when `--demo` is on.
pub struct Session {
    pub client: Client,
    /// Where changes go, as the journal records it.
    pub gateway: Gateway,
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
    crate::config::apply_limits(&mut cfg, global);
    if let Some(n) = global.page_concurrency {
        cfg.page_concurrency = n.max(1);
    }
    if let Some(n) = global.search_concurrency {
        cfg.search_concurrency = n.max(1);
    }
    Ok((cfg, demo))
}

impl Session {
    /// A client of another gateway of the session's project, and that gateway as the journal
    /// records it.
    pub fn at_gateway(&self, instance_id: &str) -> (Client, Gateway) {
        let gateway = Gateway {
            instance_id: instance_id.to_string(),
            ..self.gateway.clone()
        };
        (self.client.for_gateway(instance_id), gateway)
    }
}

/// The client for this run, or the exit code after printing why there is none.
pub async fn connect(global: &GlobalArgs) -> Result<Session, i32> {
    connect_to(global, true).await
}

/// [`connect`] for commands that span the project's gateways: no gateway id is needed.
pub async fn connect_project(global: &GlobalArgs) -> Result<Session, i32> {
    connect_to(global, false).await
}

async fn connect_to(global: &GlobalArgs, need_gateway: bool) -> Result<Session, i32> {
    if global.demo && global.insecure {
        // resolve() gives this warning otherwise; --insecure warns on every run.
        eprintln!("warning: --insecure: TLS certificates are not verified");
    }
    let (cfg, gateway, demo) = if global.demo {
        match demo_config(global).await {
            Ok((cfg, demo)) => (cfg.clone(), Gateway::of(&cfg), Some(demo)),
            Err(e) => {
                eprintln!(
                    "error: cannot start the demo: {}",
                    sanitize::line(&format!("{e:#}"))
                );
                return Err(EXIT_FAIL);
            }
        }
    } else {
        let resolved = if need_gateway {
            crate::config::resolve_gateway(global)
        } else {
            crate::config::resolve_project(global)
        };
        match resolved {
            Ok((cfg, gateway)) => (cfg, gateway, None),
            Err(e) => {
                eprintln!("error: {}", sanitize::line(&format!("{e:#}")));
                return Err(EXIT_USAGE);
            }
        }
    };
    match Client::new(cfg) {
        Ok(client) => Ok(Session {
            client,
            gateway,
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

/// The journal, its unreadable lines named on stderr; or the exit code after saying why it
/// cannot be read.
pub fn read_journal() -> Result<crate::config::Journal, i32> {
    read_journal_keeping(Some)
}

/// [`read_journal`], line by line, holding only what `keep` gives back of each entry.
pub fn read_journal_keeping(
    keep: impl FnMut(crate::config::JournalEntry) -> Option<crate::config::JournalEntry>,
) -> Result<crate::config::Journal, i32> {
    let fail = |e: anyhow::Error| {
        eprintln!("error: {}", sanitize::line(&format!("{e:#}")));
        EXIT_FAIL
    };
    let path = crate::config::paths().map_err(fail)?.journal_file;
    let journal = crate::config::read_journal_with(&path, keep).map_err(fail)?;
    if let Some(p) = journal.problem(&path) {
        eprintln!("warning: {}", sanitize::line(&p));
    }
    Ok(journal)
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

/// A plain text table: every cell sanitized, columns padded to their widest cell as the
/// terminal shows it (CJK and emoji take two columns).
pub fn table(headers: &[&str], rows: &[Vec<String>]) -> String {
    let clean: Vec<Vec<String>> = rows
        .iter()
        .map(|r| r.iter().map(|c| sanitize::line(c)).collect())
        .collect();
    let mut widths: Vec<usize> = headers.iter().map(|h| h.width()).collect();
    for row in &clean {
        for (i, cell) in row.iter().enumerate() {
            if i < widths.len() {
                widths[i] = widths[i].max(cell.width());
            }
        }
    }
    let mut out = String::new();
    let mut line = |cells: Vec<&str>| {
        let mut l = String::new();
        for (i, cell) in cells.iter().enumerate() {
            l.push_str(cell);
            if i + 1 < cells.len() {
                let pad = widths.get(i).map_or(0, |w| w.saturating_sub(cell.width())) + 2;
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

/// `--json` output: pretty JSON and a newline, every character that could act on a terminal
/// escaped as `\uXXXX` (see [`sanitize::json`]).
pub fn json_text<T: serde::Serialize>(value: &T) -> String {
    match serde_json::to_string_pretty(value) {
        Ok(text) => {
            let mut text = sanitize::json(text);
            text.push('\n');
            text
        }
        Err(e) => {
            tracing::warn!("cannot write the JSON output: {e}");
            "null\n".to_string()
        }
    }
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

/// An id cut to its first 8 characters, for tables (`--json` keeps it whole).
pub fn short_id(id: &str) -> String {
    id.chars().take(8).collect()
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
        assert_eq!(lines[0], "NAME               ID");
        assert_eq!(lines[1], "a                  1");
        assert_eq!(lines[2], "long\\u{1b}[2Jname  22");
        assert!(!t.contains('\x1b'));
    }

    #[test]
    fn tables_align_by_display_width() {
        let t = table(
            &["NAME", "ID"],
            &[
                vec!["网关通道".into(), "1".into()],
                vec!["🚀x".into(), "2".into()],
                vec!["abc".into(), "3".into()],
            ],
        );
        // The display column where the ID starts.
        let id_column: Vec<usize> = t
            .lines()
            .map(|l| l.width() - l.rsplit(' ').next().unwrap().width())
            .collect();
        assert_eq!(id_column, [10, 10, 10, 10], "{t}");
    }
}
