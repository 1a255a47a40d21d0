//! Make text from the server or a file safe to put on a terminal.

/// Replace control characters (escape sequences, carriage returns, bells, C1 controls) with
/// U+FFFD so that no string from outside can move the cursor, recolour or retitle the
/// terminal. Tabs become a space; newlines are kept only when `keep_newlines`.
pub fn clean(s: &str, keep_newlines: bool) -> String {
    if !s.chars().any(|c| c.is_control()) {
        return s.to_string();
    }
    s.chars()
        .map(|c| match c {
            '\n' if keep_newlines => '\n',
            '\t' => ' ',
            c if c.is_control() => '\u{FFFD}',
            c => c,
        })
        .collect()
}

/// One-line form: every control character, newlines included, is neutralised.
pub fn line(s: &str) -> String {
    clean(s, false)
}

/// A short excerpt of a body for error messages: at most `max` characters, one line.
pub fn excerpt(s: &str, max: usize) -> String {
    let one_line: String = line(s.trim());
    if one_line.chars().count() <= max {
        one_line
    } else {
        let mut out: String = one_line.chars().take(max).collect();
        out.push('…');
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escape_sequences_never_get_through() {
        let evil = "ok\x1b[2J\x1b]0;title\x07\r\u{9b}31m";
        let out = line(evil);
        assert!(!out.chars().any(|c| c.is_control()), "{out:?}");
        assert!(out.starts_with("ok"));
    }

    #[test]
    fn excerpt_is_short_and_single_line() {
        let body = "<html>\n<body>Bad Gateway</body>\n</html>".repeat(20);
        let e = excerpt(&body, 40);
        assert_eq!(e.chars().count(), 41);
        assert!(!e.contains('\n'));
    }
}
