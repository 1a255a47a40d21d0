//! `[keys]` in config.toml: an action's name and the key(s) it answers to instead of the
//! table's. What the names and keys mean is the key table's business (`app::remap`).
//!
//! ```toml
//! [keys]
//! editor.review = "W"            # one key
//! table.delete = ["x", "Del"]    # or several
//! ```

use super::sections::{self, LineError};

/// One line of `[keys]`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KeySetting {
    /// `scope.command`, as `chanedit keys` lists it.
    pub action: String,
    pub keys: Vec<String>,
    pub line: usize,
}

/// The `[keys]` settings of config.toml's text, in file order.
pub fn settings(text: &str) -> Result<Vec<KeySetting>, Vec<LineError>> {
    Ok(sections::read(text, "keys")?
        .into_iter()
        .map(|s| KeySetting {
            action: s.name,
            keys: s.values,
            line: s.line,
        })
        .collect())
}
