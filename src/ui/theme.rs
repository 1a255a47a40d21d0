//! Styles. By default only the 16 ANSI colours are used; `[theme]` in config.toml may set the
//! colour of each palette role. Every state also has a glyph, bold or reverse, so nothing is
//! told by colour alone; NO_COLOR drops the colours entirely.

use std::str::FromStr;

use ratatui::style::{Color, Modifier, Style};

use crate::config::sections::LineError;
use crate::config::theme::ThemeSetting;

pub const ERROR_GLYPH: &str = "✗";
pub const WARN_GLYPH: &str = "!";
pub const DIRTY_GLYPH: &str = "●";
pub const FOCUS_GLYPH: &str = "›";

/// The colour of each role of the palette.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Palette {
    pub error: Color,
    pub warn: Color,
    pub ok: Color,
    pub dim: Color,
    pub key: Color,
    pub header: Color,
    pub added: Color,
    pub removed: Color,
    pub changed: Color,
}

impl Default for Palette {
    fn default() -> Self {
        Palette {
            error: Color::Red,
            warn: Color::Yellow,
            ok: Color::Green,
            dim: Color::DarkGray,
            key: Color::Cyan,
            header: Color::Cyan,
            added: Color::Green,
            removed: Color::Red,
            changed: Color::Yellow,
        }
    }
}

impl Palette {
    /// Each role's name in `[theme]`, what it colours, and its slot.
    #[allow(clippy::type_complexity)]
    pub const ROLES: [(&'static str, &'static str, fn(&mut Palette) -> &mut Color); 9] = [
        ("error", "errors, the ✗ of a bad field or row", |p| {
            &mut p.error
        }),
        ("warn", "warnings, read-only mode", |p| &mut p.warn),
        ("ok", "healthy members, success", |p| &mut p.ok),
        ("dim", "borders, hints of lesser things", |p| &mut p.dim),
        ("key", "keys on the hint line and in help", |p| &mut p.key),
        ("header", "headings of help, tables and the review", |p| {
            &mut p.header
        }),
        ("added", "added lines of the diff", |p| &mut p.added),
        ("removed", "removed lines of the diff", |p| &mut p.removed),
        ("changed", "changed lines of the diff", |p| &mut p.changed),
    ];

    /// The defaults with `settings` applied, or every line that cannot be.
    pub fn with(settings: &[ThemeSetting]) -> Result<Palette, Vec<LineError>> {
        let mut p = Palette::default();
        let mut errors = Vec::new();
        for s in settings {
            let slot = Palette::ROLES.iter().find(|(n, _, _)| *n == s.role);
            let colour = parse_colour(&s.colour);
            match (slot, colour) {
                (Some((_, _, f)), Ok(c)) => *f(&mut p) = c,
                (None, _) => errors.push(LineError {
                    line: s.line,
                    reason: format!(
                        "{}: no such role (roles: {})",
                        crate::sanitize::line(&s.role),
                        Palette::ROLES.map(|r| r.0).join(", ")
                    ),
                }),
                (_, Err(reason)) => errors.push(LineError {
                    line: s.line,
                    reason: format!("{}: {reason}", s.role),
                }),
            }
        }
        if errors.is_empty() {
            Ok(p)
        } else {
            Err(errors)
        }
    }

    /// A role's colour as `[theme]` writes it.
    pub fn written(&self, role: &str) -> String {
        let mut p = *self;
        Palette::ROLES
            .iter()
            .find(|(n, _, _)| *n == role)
            .map(|(_, _, f)| colour_name(*f(&mut p)))
            .unwrap_or_default()
    }
}

/// A colour name (`red`, `lightblue`, `darkgray`, `reset` for the terminal's own), a number
/// 0-255, or `#rrggbb`.
fn parse_colour(text: &str) -> Result<Color, String> {
    let t = text.trim();
    if t.eq_ignore_ascii_case("default") {
        return Ok(Color::Reset);
    }
    Color::from_str(t).map_err(|_| {
        format!(
            "{:?} is not a colour: write a name (red, lightblue, darkgray, reset …), a number \
             0-255 or #rrggbb",
            crate::sanitize::line(text)
        )
    })
}

fn colour_name(c: Color) -> String {
    let s = c.to_string();
    // ratatui writes the names in CamelCase; `[theme]` reads any case.
    s.to_ascii_lowercase()
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Theme {
    pub color: bool,
    pub palette: Palette,
}

impl Theme {
    /// The caller decides on colour (NO_COLOR, `--color`); drawing never reads the environment.
    pub fn new(color: bool) -> Theme {
        Theme {
            color,
            palette: Palette::default(),
        }
    }

    pub fn plain() -> Theme {
        Theme::new(false)
    }

    /// This theme with the colours of `palette`.
    pub fn with_palette(self, palette: Palette) -> Theme {
        Theme { palette, ..self }
    }

    fn fg(&self, c: Color) -> Style {
        if self.color {
            Style::default().fg(c)
        } else {
            Style::default()
        }
    }

    pub fn bar(&self) -> Style {
        Style::default().add_modifier(Modifier::REVERSED)
    }
    pub fn selected(&self) -> Style {
        Style::default().add_modifier(Modifier::REVERSED)
    }
    pub fn bold(&self) -> Style {
        Style::default().add_modifier(Modifier::BOLD)
    }
    pub fn error(&self) -> Style {
        self.fg(self.palette.error).add_modifier(Modifier::BOLD)
    }
    pub fn warn(&self) -> Style {
        self.fg(self.palette.warn)
    }
    pub fn ok(&self) -> Style {
        self.fg(self.palette.ok)
    }
    pub fn dim(&self) -> Style {
        self.fg(self.palette.dim)
    }
    pub fn key(&self) -> Style {
        self.fg(self.palette.key).add_modifier(Modifier::BOLD)
    }
    pub fn added(&self) -> Style {
        self.fg(self.palette.added)
    }
    pub fn removed(&self) -> Style {
        self.fg(self.palette.removed)
    }
    pub fn changed(&self) -> Style {
        self.fg(self.palette.changed)
    }
    pub fn header(&self) -> Style {
        self.fg(self.palette.header).add_modifier(Modifier::BOLD)
    }
    pub fn border(&self) -> Style {
        self.dim()
    }
}

pub const MARK_GLYPH: &str = "+";

/// A table row's mark and style: ✗ for an error, ! for warnings only, + for a row marked for
/// a bulk action (also underlined, so that a marked row with an error still shows as marked).
pub fn row_mark(bad: bool, warn: bool, marked: bool, theme: &Theme) -> (&'static str, Style) {
    let (glyph, style) = if bad {
        (ERROR_GLYPH, theme.error())
    } else if warn {
        (WARN_GLYPH, theme.warn())
    } else if marked {
        (MARK_GLYPH, theme.bold())
    } else {
        (" ", Style::default())
    };
    if marked {
        (glyph, style.add_modifier(Modifier::UNDERLINED))
    } else {
        (glyph, style)
    }
}

/// A table row's mark cell: its mark (see [`row_mark`]), then ● when the draft changed the
/// row or added it.
pub fn mark_cell(mark: &'static str, changed: bool, theme: &Theme) -> ratatui::text::Line<'static> {
    let changed = if changed {
        ratatui::text::Span::styled(DIRTY_GLYPH, theme.changed())
    } else {
        ratatui::text::Span::raw(" ")
    };
    ratatui::text::Line::from(vec![ratatui::text::Span::raw(mark), changed])
}

/// ` — 3 marked` for a table title, or nothing.
pub fn marked_note(n: usize) -> String {
    if n == 0 {
        String::new()
    } else {
        format!("— {n} marked ")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn set(role: &str, colour: &str, line: usize) -> ThemeSetting {
        ThemeSetting {
            role: role.into(),
            colour: colour.into(),
            line,
        }
    }

    #[test]
    fn a_role_takes_a_name_a_number_or_rgb_and_the_rest_keep_their_default() {
        let p = Palette::with(&[
            set("error", "lightmagenta", 2),
            set("key", "#5fafff", 3),
            set("dim", "244", 4),
        ])
        .unwrap();
        assert_eq!(p.error, Color::LightMagenta);
        assert_eq!(p.key, Color::Rgb(0x5f, 0xaf, 0xff));
        assert_eq!(p.dim, Color::Indexed(244));
        assert_eq!(p.warn, Palette::default().warn);
        let t = Theme::new(true).with_palette(p);
        assert_eq!(t.error().fg, Some(Color::LightMagenta));
        assert_eq!(
            Theme::new(false).with_palette(p).error().fg,
            None,
            "NO_COLOR wins"
        );
    }

    #[test]
    fn an_unknown_role_or_colour_names_its_line() {
        let e = Palette::with(&[set("eror", "red", 2), set("ok", "grene", 5)]).unwrap_err();
        assert_eq!(e.iter().map(|e| e.line).collect::<Vec<_>>(), vec![2, 5]);
        assert!(e[0].reason.contains("no such role"), "{e:?}");
        assert!(e[1].reason.contains("not a colour"), "{e:?}");
    }

    #[test]
    fn the_defaults_are_written_as_they_read() {
        let d = Palette::default();
        for (role, _, _) in Palette::ROLES {
            let w = d.written(role);
            let back = Palette::with(&[set(role, &w, 1)]).unwrap();
            assert_eq!(back, d, "{role} = {w}");
        }
    }
}
