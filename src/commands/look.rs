//! `[keys]` and `[theme]` of config.toml made into the editor's key table and colours. A
//! section with any error stops the editor before it starts, every error named by file, line
//! and reason: a map half applied could answer a key with an action the user did not mean.

use std::path::Path;

use crate::app::keymap::KeyMap;
use crate::config::sections::LineError;
use crate::tui::Look;
use crate::ui::Theme;
use crate::ui::theme::Palette;

/// The look that config.toml asks for, with colour only when `color`; else one line per
/// error (`FILE:LINE: [keys] reason`).
pub fn load(color: bool) -> Result<Look, Vec<String>> {
    let paths = crate::config::paths().map_err(|e| vec![e.to_string()])?;
    load_from(&paths.config_file, color)
}

pub fn load_from(file: &Path, color: bool) -> Result<Look, Vec<String>> {
    let text = match std::fs::read_to_string(file) {
        Ok(t) => t,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => String::new(),
        Err(e) => return Err(vec![format!("cannot read {}: {e}", file.display())]),
    };
    let at = |section: &str, errs: Vec<LineError>| -> Vec<String> {
        errs.into_iter()
            .map(|e| format!("{}:{}: [{section}] {}", file.display(), e.line, e.reason))
            .collect()
    };
    let mut errors = Vec::new();
    let keys = crate::config::keys::settings(&text)
        .map_err(|e| at("keys", e))
        .and_then(|s| {
            KeyMap::remap(&s).map_err(|e| {
                let lines = e
                    .into_iter()
                    .map(|e| LineError {
                        line: e.line,
                        reason: e.reason,
                    })
                    .collect();
                at("keys", lines)
            })
        });
    let palette = crate::config::theme::settings(&text)
        .map_err(|e| at("theme", e))
        .and_then(|s| Palette::with(&s).map_err(|e| at("theme", e)));
    match (keys, palette) {
        (Ok(keys), Ok(palette)) => Ok(Look {
            keys,
            theme: Theme::new(color).with_palette(palette),
            mouse: false,
        }),
        (k, p) => {
            errors.extend(k.err().unwrap_or_default());
            errors.extend(p.err().unwrap_or_default());
            Err(errors)
        }
    }
}

/// Say why the editor does not start.
pub fn report(errors: &[String]) {
    for e in errors {
        eprintln!("error: {}", crate::sanitize::line(e));
    }
    eprintln!(
        "error: the editor does not start with a broken [keys] or [theme]; fix the lines \
         above (`chanedit keys` checks them again)"
    );
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn errors_of_both_sections_name_file_and_line() {
        let dir = tempfile::tempdir().unwrap();
        let f = dir.path().join("config.toml");
        std::fs::write(
            &f,
            "[keys]\neditor.review = \"u\"\n\n[theme]\nerror = \"blurple\"\n",
        )
        .unwrap();
        let e = load_from(&f, true).unwrap_err();
        assert_eq!(e.len(), 2, "{e:?}");
        let name = f.display().to_string();
        assert!(e[0].starts_with(&format!("{name}:2: [keys] ")), "{e:?}");
        assert!(e[1].starts_with(&format!("{name}:5: [theme] ")), "{e:?}");
        assert!(load_from(&dir.path().join("none.toml"), true).is_ok());
    }
}
