//! Reading a body file: JSON with the position of the first syntax error.

use std::fmt;

use serde_json::Value;

use crate::limits::MAX_JSON_DEPTH;

/// Malformed JSON, with where it went wrong (1-based line and column).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParseError {
    pub line: usize,
    pub column: usize,
    pub message: String,
}

impl fmt::Display for ParseError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "line {}, column {}: {}",
            self.line, self.column, self.message
        )
    }
}

impl std::error::Error for ParseError {}

/// Parse a body. A leading byte-order mark is skipped (editors on some systems add one).
/// Nesting deeper than [`MAX_JSON_DEPTH`] is refused at the bracket that goes too deep.
pub fn parse_body(text: &str) -> Result<Value, ParseError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    if let Some((line, column)) = crate::limits::text_deeper_than(text, MAX_JSON_DEPTH) {
        return Err(ParseError {
            line,
            column,
            message: format!(
                "nested deeper than {MAX_JSON_DEPTH} levels of arrays and objects \
                 (a channel body needs 5)"
            ),
        });
    }
    serde_json::from_str(text).map_err(|e| {
        let full = e.to_string();
        // serde_json appends " at line L column C"; the position is kept in fields instead.
        let message = match full.rfind(" at line ") {
            Some(cut) => full[..cut].to_string(),
            None => full,
        };
        ParseError {
            line: e.line(),
            // serde_json reports column 0 for an error at the very start of a line (such as an
            // empty file); columns are 1-based everywhere else.
            column: e.column().max(1),
            message: crate::sanitize::line(&message),
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn errors_name_line_and_column() {
        let e = parse_body("{\n  \"name\": \"a\",\n  \"port\": ,\n}").unwrap_err();
        assert_eq!((e.line, e.column), (3, 11));
        assert_eq!(e.to_string(), "line 3, column 11: expected value");
    }

    #[test]
    fn empty_input_is_an_error_at_the_start() {
        let e = parse_body("").unwrap_err();
        assert_eq!(e.line, 1);
        assert!(e.message.contains("EOF"), "{e}");
    }

    #[test]
    fn deep_nesting_is_refused_where_it_goes_too_deep() {
        let deep = format!("{{\"a\":\n{}{}}}", "[".repeat(200), "]".repeat(200));
        let e = parse_body(&deep).unwrap_err();
        assert_eq!((e.line, e.column), (2, MAX_JSON_DEPTH));
        assert!(e.message.contains("nested deeper than 100 levels"), "{e}");
        let fits = format!(
            "{}{}",
            "[".repeat(MAX_JSON_DEPTH),
            "]".repeat(MAX_JSON_DEPTH)
        );
        assert!(parse_body(&fits).is_ok());
    }

    #[test]
    fn byte_order_mark_is_skipped() {
        assert!(parse_body("\u{feff}{}").is_ok());
    }
}
