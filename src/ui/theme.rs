//! Styles. Only the 16 ANSI colours are used, and every state also has a glyph, bold or
//! reverse, so nothing is told by colour alone; NO_COLOR drops the colours entirely.

use ratatui::style::{Color, Modifier, Style};

pub const ERROR_GLYPH: &str = "✗";
pub const WARN_GLYPH: &str = "!";
pub const DIRTY_GLYPH: &str = "●";
pub const FOCUS_GLYPH: &str = "›";

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Theme {
    pub color: bool,
}

impl Theme {
    /// The caller decides on colour (NO_COLOR, `--color`); drawing never reads the environment.
    pub fn new(color: bool) -> Theme {
        Theme { color }
    }

    pub fn plain() -> Theme {
        Theme { color: false }
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
        self.fg(Color::Red).add_modifier(Modifier::BOLD)
    }
    pub fn warn(&self) -> Style {
        self.fg(Color::Yellow)
    }
    pub fn ok(&self) -> Style {
        self.fg(Color::Green)
    }
    pub fn dim(&self) -> Style {
        if self.color {
            Style::default().fg(Color::DarkGray)
        } else {
            Style::default()
        }
    }
    pub fn key(&self) -> Style {
        self.fg(Color::Cyan).add_modifier(Modifier::BOLD)
    }
    pub fn added(&self) -> Style {
        self.fg(Color::Green)
    }
    pub fn removed(&self) -> Style {
        self.fg(Color::Red)
    }
    pub fn changed(&self) -> Style {
        self.fg(Color::Yellow)
    }
    pub fn header(&self) -> Style {
        self.fg(Color::Cyan).add_modifier(Modifier::BOLD)
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
