//! The `[ui]` table of config.toml: how the editor behaves on screen.
//!
//! ```toml
//! [ui]
//! mouse = true   # click a row to select it (again to open), wheel to scroll; default off
//! ```

use serde::Deserialize;

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct UiConfig {
    /// Off by default: with the mouse captured, the terminal's own selection (copying text
    /// over SSH) needs Shift held.
    #[serde(default)]
    pub mouse: bool,
}

#[cfg(test)]
mod tests {
    use super::super::profile::ConfigFile;

    #[test]
    fn mouse_is_off_unless_switched_on_and_unknown_keys_are_refused() {
        assert!(!ConfigFile::parse("").unwrap_or_default().ui.mouse);
        let on = ConfigFile::parse("[ui]\nmouse = true\n").map(|c| c.ui.mouse);
        assert!(matches!(on, Ok(true)));
        let typo = ConfigFile::parse("[ui]\nmose = true\n");
        assert!(typo.is_err_and(|e| e.to_string().contains("line 2")));
    }
}
