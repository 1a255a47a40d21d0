//! Where a rule looks (`At`, rendered only when something is reported) and what it found.

use std::fmt::Write;

use super::diagnostic::{Diagnostic, Severity};
use crate::limits::MAX_SHOWN_NAME;

/// A path built on the stack while walking the body. Rendering to the index form
/// (`members[3].weight`) happens only for a diagnostic, so a clean member costs no allocation.
#[derive(Clone, Copy)]
pub(crate) enum At<'a> {
    Root,
    Key(&'a At<'a>, &'a str),
    Index(&'a At<'a>, usize),
}

impl<'a> At<'a> {
    pub fn key(&'a self, key: &'a str) -> At<'a> {
        At::Key(self, key)
    }

    pub fn index(&'a self, i: usize) -> At<'a> {
        At::Index(self, i)
    }

    pub fn render(&self) -> String {
        let mut out = String::new();
        self.write_to(&mut out);
        out
    }

    fn write_to(&self, out: &mut String) {
        match self {
            At::Root => {}
            At::Key(parent, key) => {
                parent.write_to(out);
                if !matches!(parent, At::Root) {
                    out.push('.');
                }
                push_key(out, key);
            }
            At::Index(parent, i) => {
                parent.write_to(out);
                let _ = write!(out, "[{i}]");
            }
        }
    }
}

/// A key in the path syntax of `crate::path`: bare when it can be, else a JSON string, so
/// that an unknown field named `a.b` or `x y` still yields a path that parses back to it. A
/// name longer than [`MAX_SHOWN_NAME`] characters is cut, quoted, with `…`: a message never
/// echoes megabytes.
fn push_key(out: &mut String, key: &str) {
    let bare = |c: char| {
        !(matches!(c, '.' | '[' | ']' | '=' | '"' | '\\') || c.is_whitespace() || c.is_control())
    };
    let (shown, was_cut) = crate::sanitize::cut(key, MAX_SHOWN_NAME);
    if was_cut {
        out.push_str(&serde_json::Value::String(format!("{shown}…")).to_string());
    } else if !key.is_empty() && key.chars().all(bare) {
        out.push_str(key);
    } else {
        out.push_str(&serde_json::Value::String(key.to_string()).to_string());
    }
}

/// Collects diagnostics.
#[derive(Default)]
pub(crate) struct Report {
    pub diags: Vec<Diagnostic>,
}

impl Report {
    pub fn error(&mut self, at: &At, code: &'static str, message: String) {
        self.push(at, Severity::Error, code, message);
    }

    pub fn warn(&mut self, at: &At, code: &'static str, message: String) {
        self.push(at, Severity::Warning, code, message);
    }

    pub fn push(&mut self, at: &At, severity: Severity, code: &'static str, message: String) {
        self.diags.push(Diagnostic {
            path: at.render(),
            severity,
            code,
            message,
        });
    }
}

/// A value from the file, quoted and shortened for a message. The terminal-safe form is made
/// by whoever prints the message; this also neutralises control characters early.
pub(crate) fn quote(s: &str) -> String {
    format!("`{}`", crate::sanitize::excerpt(s, 40))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_render_in_index_form() {
        let root = At::Root;
        let members = root.key("members");
        let third = members.index(3);
        assert_eq!(third.key("weight").render(), "members[3].weight");
        assert_eq!(root.render(), "");
        assert_eq!(root.key("name").render(), "name");
        assert_eq!(members.key("a.b c").render(), "members.\"a.b c\"");
        assert_eq!(root.key("").render(), "\"\"");
    }

    #[test]
    fn long_names_are_cut_in_paths() {
        let root = At::Root;
        let huge = "k".repeat(1 << 20);
        let path = root.key("members").index(0).key(&huge).render();
        assert_eq!(
            path,
            format!("members[0].\"{}…\"", "k".repeat(MAX_SHOWN_NAME))
        );
    }
}
