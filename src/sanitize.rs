//! Make text from the server or a file safe to put on a terminal or into `--json` output.
//!
//! Unsafe are the characters that can act on a terminal or hide what text says: C0 and C1
//! controls and DEL (escape sequences, carriage returns, bells), bidi embeddings, overrides,
//! isolates and marks (U+202A-U+202E, U+2066-U+2069, U+200E/U+200F, U+061C), zero-width and
//! other invisible format characters (U+200B-U+200D, U+2060-U+2064, U+FEFF, tag characters)
//! and the line and paragraph separators. Text shows each as a visible escape (`\u{202e}`);
//! JSON output escapes each as `\u202e`, which serde_json does not do by itself.

/// Whether `c` must not reach a terminal or JSON output as it is.
pub fn is_unsafe(c: char) -> bool {
    c.is_control()
        || matches!(
            c,
            '\u{061C}'
                | '\u{180E}'
                | '\u{200B}'..='\u{200F}'
                | '\u{2028}'..='\u{202E}'
                | '\u{2060}'..='\u{206F}'
                | '\u{FEFF}'
                | '\u{FFF9}'..='\u{FFFB}'
                | '\u{E0000}'..='\u{E007F}'
        )
}

/// Show every unsafe character as a visible escape (`\u{1b}`, `\u{202e}`) so that no string
/// from outside can move the cursor, recolour or retitle the terminal, or reorder what it
/// shows. Tabs become a space; newlines are kept only when `keep_newlines`.
pub fn clean(s: &str, keep_newlines: bool) -> String {
    if !s.chars().any(is_unsafe) {
        return s.to_string();
    }
    let mut out = String::with_capacity(s.len() + 16);
    for c in s.chars() {
        match c {
            '\n' if keep_newlines => out.push('\n'),
            '\t' => out.push(' '),
            c if is_unsafe(c) => out.extend(c.escape_unicode()),
            c => out.push(c),
        }
    }
    out
}

/// One-line form: every unsafe character, newlines included, is shown as an escape.
pub fn line(s: &str) -> String {
    clean(s, false)
}

/// JSON text (as serde_json writes it) with every unsafe character escaped as `\uXXXX`. Only
/// string contents can hold them: serde_json escapes C0 controls itself and writes nothing
/// else outside strings but structure, spaces and the newlines of pretty output.
pub fn json(text: String) -> String {
    let unsafe_here = |c: char| c != '\n' && is_unsafe(c);
    // Printable ASCII is never unsafe: most output is only that, and a byte test is cheap.
    let plain = |b: u8| (0x20..0x7f).contains(&b) || b == b'\n';
    if text.bytes().all(plain) || !text.chars().any(unsafe_here) {
        return text;
    }
    let mut out = String::with_capacity(text.len() + 16);
    for c in text.chars() {
        if unsafe_here(c) {
            let mut units = [0u16; 2];
            for u in c.encode_utf16(&mut units) {
                out.push_str(&format!("\\u{u:04x}"));
            }
        } else {
            out.push(c);
        }
    }
    out
}

/// The first `max` characters of `s`, and whether anything was cut. Looks at no more of `s`
/// than it keeps, so a name of megabytes costs what a short one does.
pub fn cut(s: &str, max: usize) -> (&str, bool) {
    match s.char_indices().nth(max) {
        Some((end, _)) => (&s[..end], true),
        None => (s, false),
    }
}

/// A short excerpt of a body for error messages: at most `max` characters, one line.
pub fn excerpt(s: &str, max: usize) -> String {
    let (head, was_cut) = cut(s.trim(), max);
    let one_line = line(head);
    // Escapes make the text longer than what was kept.
    let (shown, escapes_cut) = cut(&one_line, max);
    let mut out = shown.to_string();
    if was_cut || escapes_cut {
        out.push('…');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escape_sequences_never_get_through() {
        let evil = "ok\x1b[2J\x1b]0;title\x07\r\u{9b}31m";
        let out = line(evil);
        assert!(!out.chars().any(is_unsafe), "{out:?}");
        assert_eq!(out, "ok\\u{1b}[2J\\u{1b}]0;title\\u{7}\\u{d}\\u{9b}31m");
    }

    #[test]
    fn bidi_and_invisible_characters_are_shown_as_escapes() {
        let evil = "abc\u{202e}fed\u{2066}x\u{2069}\u{200b}\u{feff}\u{2060}\u{85}";
        assert_eq!(
            line(evil),
            "abc\\u{202e}fed\\u{2066}x\\u{2069}\\u{200b}\\u{feff}\\u{2060}\\u{85}"
        );
        assert_eq!(line("名前 ✓ café"), "名前 ✓ café");
        assert_eq!(clean("a\nb\tc", true), "a\nb c");
    }

    #[test]
    fn json_output_escapes_what_serde_json_leaves_raw() {
        let v = serde_json::json!({"name": "a\u{202e}b\u{9b}c\u{200b}\u{e0041}", "n": "名"});
        let text = json(serde_json::to_string_pretty(&v).unwrap());
        assert!(!text.chars().any(|c| c != '\n' && is_unsafe(c)), "{text}");
        assert!(
            text.contains(r"a\u202eb\u009bc\u200b\udb40\udc41"),
            "{text}"
        );
        let back: serde_json::Value = serde_json::from_str(&text).unwrap();
        assert_eq!(back, v);
    }

    #[test]
    fn excerpt_is_short_and_single_line() {
        let body = "<html>\n<body>Bad Gateway</body>\n</html>".repeat(20);
        let e = excerpt(&body, 40);
        assert_eq!(e.chars().count(), 41);
        assert!(!e.contains('\n'));
        assert_eq!(excerpt("short", 40), "short");
    }

    #[test]
    fn cut_keeps_whole_characters() {
        assert_eq!(cut("名前です", 2), ("名前", true));
        assert_eq!(cut("ab", 2), ("ab", false));
    }
}
