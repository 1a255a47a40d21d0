//! The text a table's search matches, highlighted in a cell (underlined and bold, so that it
//! shows without colour and on the reversed selected row too).

use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};

use super::theme::Theme;

/// The style of matched text.
pub fn style(theme: &Theme) -> Style {
    theme
        .changed()
        .add_modifier(Modifier::UNDERLINED | Modifier::BOLD)
}

/// `text` (already sanitized) as a line with every match of `needle` (lower case, may be
/// empty) highlighted; matching ignores case as the filter does.
pub fn highlight(text: String, needle: &str, theme: &Theme) -> Line<'static> {
    if needle.is_empty() {
        return Line::raw(text);
    }
    let lower = text.to_lowercase();
    // Byte offsets of the lower-cased text are the original's only when lower-casing kept
    // every length (always for ASCII); otherwise the text is shown plain.
    if lower.len() != text.len() {
        return Line::raw(text);
    }
    let mut spans = Vec::new();
    let mut at = 0;
    for (start, m) in lower.match_indices(needle) {
        let end = start + m.len();
        let (Some(before), Some(hit)) = (text.get(at..start), text.get(start..end)) else {
            return Line::raw(text);
        };
        if !before.is_empty() {
            spans.push(Span::raw(before.to_string()));
        }
        spans.push(Span::styled(hit.to_string(), style(theme)));
        at = end;
    }
    if let Some(rest) = text.get(at..).filter(|r| !r.is_empty()) {
        spans.push(Span::raw(rest.to_string()));
    }
    Line::from(spans)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_match_is_its_own_span_ignoring_case() {
        let line = highlight("Web-1.web".into(), "web", &Theme::plain());
        let parts: Vec<(&str, bool)> = line
            .spans
            .iter()
            .map(|s| (s.content.as_ref(), s.style == style(&Theme::plain())))
            .collect();
        assert_eq!(parts, vec![("Web", true), ("-1.", false), ("web", true)]);
    }

    #[test]
    fn no_needle_or_no_match_is_plain_text() {
        assert_eq!(highlight("abc".into(), "", &Theme::plain()).spans.len(), 1);
        let line = highlight("abc".into(), "x", &Theme::plain());
        assert_eq!(line.spans.len(), 1);
        assert_eq!(line.spans[0].style, Style::default());
    }
}
