//! The path parser: one pass over the characters, errors naming the 1-based column.

use super::{Path, PathError, Step, is_bare_char};
use crate::limits::MAX_PATH_STEPS;

/// Most characters of the path quoted in a syntax error.
const SHOWN_CHARS: usize = 80;

pub(super) struct Parser<'a> {
    text: &'a str,
    chars: Vec<char>,
    pos: usize,
}

impl<'a> Parser<'a> {
    pub(super) fn new(text: &'a str) -> Self {
        Self {
            text,
            chars: text.chars().collect(),
            pos: 0,
        }
    }

    fn err(&self, expected: &'static str) -> PathError {
        // The column says where; a long path is cut so that the message stays readable.
        let (shown, was_cut) = crate::sanitize::cut(self.text, SHOWN_CHARS);
        let mut text: String = shown.chars().flat_map(char::escape_debug).collect();
        if was_cut {
            text.push('…');
        }
        PathError::Syntax {
            expected,
            column: self.pos + 1,
            text,
        }
    }

    fn peek(&self) -> Option<char> {
        self.chars.get(self.pos).copied()
    }

    fn skip_spaces(&mut self) {
        while self.peek().is_some_and(|c| c == ' ') {
            self.pos += 1;
        }
    }

    pub(super) fn parse(mut self) -> Result<Path, PathError> {
        if self.chars.is_empty() {
            return Err(PathError::Empty);
        }
        let mut steps = Vec::new();
        loop {
            if self.peek() != Some('[') || !steps.is_empty() {
                steps.push(Step::Key(self.name("a field name")?));
            }
            while self.peek() == Some('[') {
                self.pos += 1;
                steps.push(self.bracket()?);
            }
            if steps.len() > MAX_PATH_STEPS {
                return Err(PathError::TooManySteps {
                    max: MAX_PATH_STEPS,
                });
            }
            match self.peek() {
                None => return Ok(Path::new(steps)),
                Some('.') => self.pos += 1,
                Some(_) => return Err(self.err("'.' or '['")),
            }
        }
    }

    /// A bare or quoted name; `what` names it in the error.
    fn name(&mut self, what: &'static str) -> Result<String, PathError> {
        if self.peek() == Some('"') {
            return self.quoted();
        }
        let start = self.pos;
        while self.peek().is_some_and(is_bare_char) {
            self.pos += 1;
        }
        if self.pos == start {
            return Err(self.err(what));
        }
        Ok(self.chars[start..self.pos].iter().collect())
    }

    /// A JSON string literal starting at the current `"`.
    fn quoted(&mut self) -> Result<String, PathError> {
        let start = self.pos;
        self.pos += 1;
        loop {
            match self.peek() {
                None => return Err(self.err("a closing '\"'")),
                Some('\\') => self.pos += 2,
                Some('"') => break,
                Some(_) => self.pos += 1,
            }
        }
        self.pos += 1;
        let literal: String = self.chars[start..self.pos.min(self.chars.len())]
            .iter()
            .collect();
        serde_json::from_str(&literal).map_err(|_| {
            self.pos = start;
            self.err("a valid quoted string")
        })
    }

    /// The inside of `[...]`, the `[` already consumed.
    fn bracket(&mut self) -> Result<Step, PathError> {
        self.skip_spaces();
        if self.peek() == Some('-')
            && self
                .chars
                .get(self.pos + 1)
                .is_some_and(char::is_ascii_digit)
        {
            return Err(self.err("an index of 0 or more"));
        }
        let every = self.peek() == Some('*')
            && self.chars[self.pos + 1..]
                .iter()
                .find(|c| !c.is_whitespace())
                .is_some_and(|c| *c == ']');
        let step = if every {
            self.pos += 1;
            Step::Every
        } else if self.peek().is_some_and(|c| c.is_ascii_digit()) {
            let start = self.pos;
            while self.peek().is_some_and(|c| c.is_ascii_digit()) {
                self.pos += 1;
            }
            let digits: String = self.chars[start..self.pos].iter().collect();
            let n = digits.parse().map_err(|_| {
                self.pos = start;
                self.err("an index that fits in memory")
            })?;
            Step::Index(n)
        } else {
            let key = self.name("an index or key=value")?;
            self.skip_spaces();
            if self.peek() != Some('=') {
                return Err(self.err("'='"));
            }
            self.pos += 1;
            self.skip_spaces();
            let value = self.selector_value()?;
            Step::Select { key, value }
        };
        self.skip_spaces();
        if self.peek() != Some(']') {
            return Err(self.err("']'"));
        }
        self.pos += 1;
        Ok(step)
    }

    /// A quoted value, or everything up to `]` with surrounding spaces trimmed (IP addresses,
    /// names with dots and `=` need no quotes).
    fn selector_value(&mut self) -> Result<String, PathError> {
        if self.peek() == Some('"') {
            return self.quoted();
        }
        let start = self.pos;
        while self
            .peek()
            .is_some_and(|c| c != ']' && c != '[' && c != '"')
        {
            self.pos += 1;
        }
        let raw: String = self.chars[start..self.pos].iter().collect();
        Ok(raw.trim_end().to_string())
    }
}
