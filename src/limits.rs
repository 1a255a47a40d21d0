//! Caps on the shape of input from files, the command line and servers, so that hostile input
//! gets a clear error instead of exhausting the stack or the memory. One home for all of
//! them; the README's "Limits" section documents each.

use serde_json::Value;

/// Deepest nesting of JSON arrays and objects read from a body file, stdin, a draft or a
/// typed value, and that an edit may build. A channel body needs 5
/// (`member_groups[0].microservice_labels[0].label_name`). serde_json itself stops at 128, so
/// this is what a user sees first, with a position.
pub const MAX_JSON_DEPTH: usize = 100;

/// Most steps in a path: `members[2].weight` has three, the deepest field of a channel five.
pub const MAX_PATH_STEPS: usize = 32;

/// Longest path text, in bytes: room for selectors on long names and addresses.
pub const MAX_PATH_BYTES: usize = 4096;

/// Longest field name shown in a message, in characters; longer names are cut.
pub const MAX_SHOWN_NAME: usize = 64;

/// Whether `v` nests deeper than `max` levels of arrays and objects (a scalar is 0, `{}` 1).
/// Stops at the first branch past `max`, and uses no recursion, so any value is safe to ask.
pub fn deeper_than(v: &Value, max: usize) -> bool {
    let mut stack: Vec<(&Value, usize)> = vec![(v, 0)];
    while let Some((v, depth)) = stack.pop() {
        let children: Box<dyn Iterator<Item = &Value>> = match v {
            Value::Array(items) => Box::new(items.iter()),
            Value::Object(map) => Box::new(map.values()),
            _ => continue,
        };
        if depth + 1 > max {
            return true;
        }
        stack.extend(children.map(|c| (c, depth + 1)));
    }
    false
}

/// Where JSON text first nests deeper than `max` (1-based line and column of the bracket), or
/// None. One pass over the bytes that skips strings, so that the parser behind it never
/// recurses past `max`.
pub fn text_deeper_than(text: &str, max: usize) -> Option<(usize, usize)> {
    let (mut depth, mut line, mut line_start) = (0usize, 1usize, 0usize);
    let (mut in_string, mut escaped) = (false, false);
    for (i, b) in text.bytes().enumerate() {
        if in_string {
            match b {
                _ if escaped => escaped = false,
                b'\\' => escaped = true,
                b'"' => in_string = false,
                _ => {}
            }
            continue;
        }
        match b {
            b'"' => in_string = true,
            b'[' | b'{' => {
                depth += 1;
                if depth > max {
                    let column = text[line_start..i].chars().count() + 1;
                    return Some((line, column));
                }
            }
            b']' | b'}' => depth = depth.saturating_sub(1),
            b'\n' => {
                line += 1;
                line_start = i + 1;
            }
            _ => {}
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn depth_of_values() {
        assert!(!deeper_than(&json!(1), 0));
        assert!(deeper_than(&json!({}), 0));
        assert!(!deeper_than(&json!({"a": [1, {"b": 2}]}), 3));
        assert!(deeper_than(&json!({"a": [1, {"b": []}]}), 3));
    }

    #[test]
    fn depth_of_text_skips_strings_and_names_the_bracket() {
        assert_eq!(text_deeper_than(r#"{"a": "[[[[", "b": [1]}"#, 2), None);
        assert_eq!(text_deeper_than("{\n  \"a\": [[1]]}", 2), Some((2, 9)));
        assert_eq!(text_deeper_than(r#"["\"[[[", []]"#, 1), Some((1, 11)));
    }
}
