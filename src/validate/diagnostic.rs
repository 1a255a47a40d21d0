//! One finding of the validator, and the order findings are shown in.

use std::cmp::Ordering;
use std::fmt;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Severity {
    /// The server would reject the body (or the rule is documented as strict).
    Error,
    /// Likely a mistake, or a rule the sources disagree on (docs/api.md §8).
    Warning,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
        }
    }
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    /// Index form relative to the PUT body (`members[3].weight`); `""` is the whole body.
    pub path: String,
    pub severity: Severity,
    /// Short stable name of the rule: `range`, `length`, `pattern`, `enum`, `required`, `type`,
    /// `timeout_interval`, `unknown_group`, `duplicate_member`, `duplicate_group`,
    /// `unknown_field`, ...
    pub code: &'static str,
    /// What is allowed and what was given.
    pub message: String,
}

impl Diagnostic {
    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }

    /// The path for display: `(body)` for the whole body.
    pub fn display_path(&self) -> &str {
        if self.path.is_empty() {
            "(body)"
        } else {
            &self.path
        }
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{} {}: {}",
            self.severity,
            self.display_path(),
            self.message
        )
    }
}

/// Errors first, then by path with array indices compared as numbers
/// (`members[2]` before `members[10]`).
pub fn display_order(a: &Diagnostic, b: &Diagnostic) -> Ordering {
    a.severity
        .cmp(&b.severity)
        .then_with(|| compare_paths(&a.path, &b.path))
}

/// Byte order, except that runs of digits compare by their numeric value.
pub fn compare_paths(a: &str, b: &str) -> Ordering {
    let (a, b) = (a.as_bytes(), b.as_bytes());
    let (mut i, mut j) = (0, 0);
    while i < a.len() && j < b.len() {
        if a[i].is_ascii_digit() && b[j].is_ascii_digit() {
            let ei = i + a[i..].iter().take_while(|c| c.is_ascii_digit()).count();
            let ej = j + b[j..].iter().take_while(|c| c.is_ascii_digit()).count();
            // Strip leading zeros, then a longer run is a bigger number.
            let da = trim_zeros(&a[i..ei]);
            let db = trim_zeros(&b[j..ej]);
            let ord = da.len().cmp(&db.len()).then_with(|| da.cmp(db));
            if ord != Ordering::Equal {
                return ord;
            }
            i = ei;
            j = ej;
        } else {
            if a[i] != b[j] {
                return a[i].cmp(&b[j]);
            }
            i += 1;
            j += 1;
        }
    }
    (a.len() - i).cmp(&(b.len() - j))
}

fn trim_zeros(d: &[u8]) -> &[u8] {
    let skip = d.iter().take_while(|c| **c == b'0').count();
    &d[skip..]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn indices_compare_numerically() {
        assert_eq!(compare_paths("members[2]", "members[10]"), Ordering::Less);
        assert_eq!(
            compare_paths("members[10].weight", "members[9].weight"),
            Ordering::Greater
        );
        assert_eq!(compare_paths("", "name"), Ordering::Less);
        assert_eq!(compare_paths("members", "members[0]"), Ordering::Less);
    }

    #[test]
    fn display_names_the_whole_body() {
        let d = Diagnostic {
            path: String::new(),
            severity: Severity::Error,
            code: "type",
            message: "expected object, got array".into(),
        };
        assert_eq!(d.to_string(), "error (body): expected object, got array");
    }
}
