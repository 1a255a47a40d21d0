//! `chanedit validate FILE`: check a body offline.
//!
//! Prints one line per diagnostic to stdout, errors first (`error PATH: message`,
//! `warning PATH: message`, `(body)` for the whole body). Exit 1 when any error, else 0.
//! A summary goes to stderr: `ok` when there is nothing to report, otherwise the counts.
//! A file that cannot be read or parsed is an error on stderr (`error: FILE:LINE:COL: ...`)
//! and exit 1.

use std::io::Read;
use std::path::Path;

use crate::sanitize;
use crate::validate::{self, Severity};

use super::{EXIT_FAIL, EXIT_OK};

pub fn run(file: &Path) -> i32 {
    let shown = display_name(file);
    let text = match read_input(file) {
        Ok(t) => t,
        Err(e) => {
            eprintln!(
                "error: cannot read {shown}: {}",
                sanitize::line(&e.to_string())
            );
            return EXIT_FAIL;
        }
    };
    let body = match validate::parse_body(&text) {
        Ok(v) => v,
        Err(e) => {
            eprintln!(
                "error: {shown}:{}:{}: {}",
                e.line,
                e.column,
                sanitize::line(&e.message)
            );
            return EXIT_FAIL;
        }
    };
    let diags = validate::validate(&body);

    let mut lines = String::with_capacity(diags.len() * 64);
    for d in &diags {
        lines.push_str(&sanitize::line(&d.to_string()));
        lines.push('\n');
    }
    super::common::print(&lines);

    let errors = diags
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .count();
    let warnings = diags.len() - errors;
    if diags.is_empty() {
        eprintln!("ok");
    } else {
        eprintln!(
            "{errors} error{}, {warnings} warning{}",
            plural(errors),
            plural(warnings)
        );
    }
    if errors > 0 { EXIT_FAIL } else { EXIT_OK }
}

fn plural(n: usize) -> &'static str {
    if n == 1 { "" } else { "s" }
}

fn display_name(file: &Path) -> String {
    if file.as_os_str() == "-" {
        "<stdin>".to_string()
    } else {
        sanitize::line(&file.display().to_string())
    }
}

fn read_input(file: &Path) -> std::io::Result<String> {
    let mut text = String::new();
    if file.as_os_str() == "-" {
        std::io::stdin().lock().read_to_string(&mut text)?;
    } else {
        text = std::fs::read_to_string(file)?;
    }
    Ok(text)
}
