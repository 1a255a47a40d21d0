//! `[theme]` in config.toml: a colour for a palette role. Which roles exist and what a colour
//! may be is the palette's business (`ui::theme`).
//!
//! ```toml
//! [theme]
//! error = "lightred"
//! key = "#5fafff"
//! ```

use super::sections::{self, LineError};

/// One line of `[theme]`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ThemeSetting {
    pub role: String,
    pub colour: String,
    pub line: usize,
}

/// The `[theme]` settings of config.toml's text, in file order.
pub fn settings(text: &str) -> Result<Vec<ThemeSetting>, Vec<LineError>> {
    let mut out = Vec::new();
    let mut errors = Vec::new();
    for s in sections::read(text, "theme")? {
        match <[String; 1]>::try_from(s.values) {
            Ok([colour]) => out.push(ThemeSetting {
                role: s.name,
                colour,
                line: s.line,
            }),
            Err(_) => errors.push(LineError {
                line: s.line,
                reason: format!("{}: expected one colour", crate::sanitize::line(&s.name)),
            }),
        }
    }
    if errors.is_empty() {
        Ok(out)
    } else {
        Err(errors)
    }
}
