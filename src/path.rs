//! Paths into a channel body: `vpc_health_config.timeout`, `members[2].weight`,
//! `members[host=192.168.0.5].weight`, `member_groups[member_group_name=test].member_group_weight`.
//!
//! Grammar: `segment ("." segment)*`, `segment = name ("[" index-or-selector "]")*`.
//! A name, a selector key or a selector value may be written as a JSON string (`"a b"`) when it
//! holds characters the bare form cannot (`.`, `[`, `]`, `=`, `"`, spaces). A selector picks the
//! one array element whose field equals the value (`[port=80]` matches both `80` and `"80"`;
//! `[member_group_name=]` matches `""` and absent). A selector matching several elements is an
//! error rather than a guess, so an edit never lands on the wrong member.

mod parse;

use std::fmt;

use serde_json::{Map, Value};

use crate::limits::{MAX_JSON_DEPTH, MAX_PATH_BYTES};

/// One step of a path.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Step {
    Key(String),
    Index(usize),
    Select {
        key: String,
        value: String,
    },
    /// `[*]`: every element of an array, or every match of the selector before it. Only
    /// [`Path::expand`] takes it; single-value operations refuse it.
    Every,
}

/// A parsed path. `Display` writes it back in the same syntax.
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash)]
pub struct Path {
    steps: Vec<Step>,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PathError {
    #[error("expected {expected} at column {column} in \"{text}\"")]
    Syntax {
        expected: &'static str,
        column: usize,
        text: String,
    },
    #[error("empty path")]
    Empty,
    #[error("{at}: no such field")]
    Missing { at: String },
    #[error("{at}: [*] names many elements; this takes one")]
    Every { at: String },
    #[error("{at}: is {found}, not an object")]
    NotAnObject { at: String, found: &'static str },
    #[error("{at}: is {found}, not an array")]
    NotAnArray { at: String, found: &'static str },
    #[error("{at}: index {index} is out of range ({len} elements)")]
    OutOfRange {
        at: String,
        index: usize,
        len: usize,
    },
    #[error("{at}: no element matches [{selector}]")]
    NoMatch { at: String, selector: String },
    #[error("{at}: [{selector}] matches {count} elements; use an index")]
    Ambiguous {
        at: String,
        selector: String,
        count: usize,
    },
    #[error("the whole body cannot be removed")]
    RemoveRoot,
    #[error("the path is {len} bytes long; the limit is {max}")]
    TooLong { len: usize, max: usize },
    #[error("the path has more than {max} steps")]
    TooManySteps { max: usize },
    #[error("{at}: the value would nest deeper than {max} levels")]
    TooDeep { at: String, max: usize },
}

/// Parse a path. Errors name the 1-based column of the offending character. A path longer
/// than [`MAX_PATH_BYTES`] or with more than [`crate::limits::MAX_PATH_STEPS`] steps is refused: nothing in a
/// channel is that deep, and every walk over the result stays small.
pub fn parse(text: &str) -> Result<Path, PathError> {
    if text.len() > MAX_PATH_BYTES {
        return Err(PathError::TooLong {
            len: text.len(),
            max: MAX_PATH_BYTES,
        });
    }
    parse::Parser::new(text).parse()
}

impl std::str::FromStr for Path {
    type Err = PathError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        parse(s)
    }
}

impl Path {
    /// The whole body (displays as `""`).
    pub fn root() -> Self {
        Self::default()
    }

    pub fn new(steps: Vec<Step>) -> Self {
        Self { steps }
    }

    pub fn steps(&self) -> &[Step] {
        &self.steps
    }

    pub fn is_root(&self) -> bool {
        self.steps.is_empty()
    }

    /// This path followed by a field name.
    pub fn key(mut self, key: impl Into<String>) -> Self {
        self.steps.push(Step::Key(key.into()));
        self
    }

    /// This path followed by an array index.
    pub fn index(mut self, index: usize) -> Self {
        self.steps.push(Step::Index(index));
        self
    }

    /// This path followed by a `[key=value]` selector.
    pub fn select(mut self, key: impl Into<String>, value: impl Into<String>) -> Self {
        self.steps.push(Step::Select {
            key: key.into(),
            value: value.into(),
        });
        self
    }

    /// The path without its last step (`None` for the root).
    pub fn parent(&self) -> Option<Path> {
        let (_, rest) = self.steps.split_last()?;
        Some(Path::new(rest.to_vec()))
    }

    pub fn last(&self) -> Option<&Step> {
        self.steps.last()
    }

    /// A path of object keys only (`["vpc_health_config", "timeout"]`).
    pub fn of_keys<S: AsRef<str>>(keys: &[S]) -> Self {
        Path::new(
            keys.iter()
                .map(|k| Step::Key(k.as_ref().to_string()))
                .collect(),
        )
    }

    /// The last key (`weight` of `members[3].weight`), to match server parameter names.
    pub fn leaf(&self) -> Option<&str> {
        self.steps.iter().rev().find_map(|s| match s {
            Step::Key(k) => Some(k.as_str()),
            _ => None,
        })
    }

    /// Whether `self` is `prefix` or lies inside it (`members[2].weight` in `members[2]`).
    pub fn starts_with(&self, prefix: &Path) -> bool {
        self.steps.starts_with(&prefix.steps)
    }

    /// The row of an array at the top of the body: `members[12].weight` -> 12 for `members`.
    pub fn row_of(&self, key: &str) -> Option<usize> {
        match self.steps.as_slice() {
            [Step::Key(k), Step::Index(i), ..] if k == key => Some(*i),
            _ => None,
        }
    }

    /// [`Path::row_of`] on a path's text (a diagnostic's), without parsing the whole path:
    /// cheap enough for every finding on every keystroke.
    pub fn row_in_text(text: &str, key: &str) -> Option<usize> {
        let rest = text.strip_prefix(key)?.strip_prefix('[')?;
        rest[..rest.find(']')?].parse().ok()
    }

    /// Set the value, or with `None` remove it; removing what is not there is no error.
    pub fn put(&self, root: &mut Value, value: Option<Value>) -> Result<(), PathError> {
        match value {
            Some(v) => self.set(root, v),
            None => match self.unset(root) {
                Ok(_) | Err(PathError::Missing { .. }) => Ok(()),
                Err(e) => Err(e),
            },
        }
    }

    /// The value at this path, if there is exactly one.
    pub fn get<'a>(&self, root: &'a Value) -> Option<&'a Value> {
        self.try_get(root).ok()
    }

    /// Like [`Path::get`], with the reason when there is no value.
    pub fn try_get<'a>(&self, root: &'a Value) -> Result<&'a Value, PathError> {
        let mut cur = root;
        for (i, step) in self.steps.iter().enumerate() {
            cur = self.child(cur, i, step)?;
        }
        Ok(cur)
    }

    fn child<'a>(&self, cur: &'a Value, i: usize, step: &Step) -> Result<&'a Value, PathError> {
        match step {
            Step::Key(k) => match cur {
                Value::Object(m) => m.get(k).ok_or_else(|| self.missing(i)),
                other => Err(self.not_object(i, other)),
            },
            Step::Index(n) => {
                let items = self.array(cur, i)?;
                items
                    .get(*n)
                    .ok_or_else(|| self.out_of_range(i, *n, items.len()))
            }
            Step::Select { key, value } => {
                let items = self.array(cur, i)?;
                let n = self.find(items, i, key, value)?;
                Ok(&items[n])
            }
            Step::Every => Err(self.every(i)),
        }
    }

    fn child_mut<'a>(
        &self,
        cur: &'a mut Value,
        i: usize,
        create: bool,
    ) -> Result<&'a mut Value, PathError> {
        match &self.steps[i] {
            Step::Key(k) => {
                if create && cur.is_null() {
                    *cur = Value::Object(Map::new());
                }
                let found = type_name(cur);
                let Value::Object(m) = cur else {
                    return Err(PathError::NotAnObject {
                        at: self.prefix(i),
                        found,
                    });
                };
                if create {
                    Ok(m.entry(k.clone()).or_insert(Value::Null))
                } else {
                    m.get_mut(k).ok_or_else(|| self.missing(i))
                }
            }
            Step::Index(n) => {
                let items = self.array_mut(cur, i)?;
                let len = items.len();
                items
                    .get_mut(*n)
                    .ok_or_else(|| self.out_of_range(i, *n, len))
            }
            Step::Select { key, value } => {
                let items = self.array_mut(cur, i)?;
                let n = self.find(items, i, key, value)?;
                Ok(&mut items[n])
            }
            Step::Every => Err(self.every(i)),
        }
    }

    /// Set the value at this path. Missing object keys (and `null`s) on the way are created as
    /// objects; indexes and selectors must name an existing element (see [`Path::append`]).
    pub fn set(&self, root: &mut Value, value: Value) -> Result<(), PathError> {
        self.check_depth(self.steps.len(), &value)?;
        let mut cur = root;
        for i in 0..self.steps.len() {
            // Only a key can be created: an array element needs to exist already.
            let create = matches!(self.steps.get(i + 1), None | Some(Step::Key(_)))
                && matches!(self.steps[i], Step::Key(_));
            cur = self.child_mut(cur, i, create)?;
        }
        *cur = value;
        Ok(())
    }

    /// Append `value` to the array at this path (created when missing); returns its index.
    pub fn append(&self, root: &mut Value, value: Value) -> Result<usize, PathError> {
        self.check_depth(self.steps.len() + 1, &value)?;
        let mut cur = root;
        for i in 0..self.steps.len() {
            let create = matches!(self.steps[i], Step::Key(_))
                && matches!(self.steps.get(i + 1), None | Some(Step::Key(_)));
            cur = self.child_mut(cur, i, create)?;
        }
        if cur.is_null() {
            *cur = Value::Array(Vec::new());
        }
        let found = type_name(cur);
        let Value::Array(items) = cur else {
            return Err(PathError::NotAnArray {
                at: self.to_string(),
                found,
            });
        };
        items.push(value);
        Ok(items.len() - 1)
    }

    /// Remove the field or array element at this path and return it.
    pub fn unset(&self, root: &mut Value) -> Result<Value, PathError> {
        let Some((last, _)) = self.steps.split_last() else {
            return Err(PathError::RemoveRoot);
        };
        let last_i = self.steps.len() - 1;
        let mut cur = root;
        for i in 0..last_i {
            cur = self.child_mut(cur, i, false)?;
        }
        match last {
            Step::Key(k) => {
                let found = type_name(cur);
                let Value::Object(m) = cur else {
                    return Err(PathError::NotAnObject {
                        at: self.prefix(last_i),
                        found,
                    });
                };
                // shift_remove keeps the order of the remaining fields.
                m.shift_remove(k).ok_or_else(|| self.missing(last_i))
            }
            Step::Index(n) => {
                let items = self.array_mut(cur, last_i)?;
                if *n < items.len() {
                    Ok(items.remove(*n))
                } else {
                    Err(self.out_of_range(last_i, *n, items.len()))
                }
            }
            Step::Select { key, value } => {
                let items = self.array_mut(cur, last_i)?;
                let n = self.find(items, last_i, key, value)?;
                Ok(items.remove(n))
            }
            Step::Every => Err(self.every(last_i)),
        }
    }

    /// Refuse an edit that would put `value` `levels` containers deep past
    /// [`MAX_JSON_DEPTH`]: the body could not be read back (a draft, `show --json`), and the
    /// recursive walks over it would run out of stack.
    fn check_depth(&self, levels: usize, value: &Value) -> Result<(), PathError> {
        let too_deep =
            levels > MAX_JSON_DEPTH || crate::limits::deeper_than(value, MAX_JSON_DEPTH - levels);
        if too_deep {
            let at = self.to_string();
            return Err(PathError::TooDeep {
                at: if at.is_empty() { "body".into() } else { at },
                max: MAX_JSON_DEPTH,
            });
        }
        Ok(())
    }

    fn array<'a>(&self, cur: &'a Value, i: usize) -> Result<&'a Vec<Value>, PathError> {
        match cur {
            Value::Array(items) => Ok(items),
            other => Err(PathError::NotAnArray {
                at: self.prefix(i),
                found: type_name(other),
            }),
        }
    }

    fn array_mut<'a>(&self, cur: &'a mut Value, i: usize) -> Result<&'a mut Vec<Value>, PathError> {
        let found = type_name(cur);
        match cur {
            Value::Array(items) => Ok(items),
            _ => Err(PathError::NotAnArray {
                at: self.prefix(i),
                found,
            }),
        }
    }

    /// The index of the single element matching `[key=value]`.
    fn find(&self, items: &[Value], i: usize, key: &str, value: &str) -> Result<usize, PathError> {
        let mut hits = items
            .iter()
            .enumerate()
            .filter(|(_, item)| selector_matches(item, key, value));
        let Some((first, _)) = hits.next() else {
            return Err(PathError::NoMatch {
                at: self.prefix(i),
                selector: selector_text(key, value),
            });
        };
        let more = hits.count();
        if more > 0 {
            return Err(PathError::Ambiguous {
                at: self.prefix(i),
                selector: selector_text(key, value),
                count: more + 1,
            });
        }
        Ok(first)
    }

    /// The path up to (not including) step `i`, for error messages; the root reads "body".
    fn prefix(&self, i: usize) -> String {
        let p = Path::new(self.steps[..i].to_vec()).to_string();
        if p.is_empty() { "body".into() } else { p }
    }

    fn every(&self, i: usize) -> PathError {
        PathError::Every {
            at: Path::new(self.steps[..=i].to_vec()).to_string(),
        }
    }

    /// The index-form paths this path names in `root`: one, or with `[*]` steps every match
    /// (`members[member_group_name=green][*].status`). A selector without `[*]` that matches
    /// several elements is still an error. Steps past a missing field are kept as written.
    pub fn expand(&self, root: &Value) -> Result<Vec<Path>, PathError> {
        let mut found: Vec<(Vec<Step>, Option<&Value>)> = vec![(Vec::new(), Some(root))];
        let mut i = 0;
        while i < self.steps.len() {
            let step = &self.steps[i];
            let every_match = matches!(self.steps.get(i + 1), Some(Step::Every));
            let mut next = Vec::with_capacity(found.len());
            for (prefix, cur) in found {
                let indices: Vec<usize> = match (step, cur) {
                    (Step::Key(k), _) => {
                        let mut p = prefix;
                        p.push(Step::Key(k.clone()));
                        next.push((p, cur.and_then(|v| v.get(k.as_str()))));
                        continue;
                    }
                    (Step::Index(n), _) => vec![*n],
                    (Step::Select { key, value }, Some(v)) if every_match => {
                        let items = self.array(v, i)?;
                        let hits: Vec<usize> = items
                            .iter()
                            .enumerate()
                            .filter(|(_, x)| selector_matches(x, key, value))
                            .map(|(n, _)| n)
                            .collect();
                        if hits.is_empty() {
                            return Err(PathError::NoMatch {
                                at: self.prefix(i),
                                selector: selector_text(key, value),
                            });
                        }
                        hits
                    }
                    (Step::Select { key, value }, Some(v)) => {
                        vec![self.find(self.array(v, i)?, i, key, value)?]
                    }
                    (Step::Every, Some(v)) => (0..self.array(v, i)?.len()).collect(),
                    (Step::Select { .. } | Step::Every, None) => {
                        return Err(self.missing(i.saturating_sub(1)));
                    }
                };
                for n in indices {
                    let mut p = prefix.clone();
                    p.push(Step::Index(n));
                    next.push((p, cur.and_then(|v| v.get(n))));
                }
            }
            found = next;
            // `[sel][*]`: the selector took every match; the `[*]` is done with it.
            i += if every_match && matches!(step, Step::Select { .. }) {
                2
            } else {
                1
            };
        }
        Ok(found
            .into_iter()
            .map(|(steps, _)| Path::new(steps))
            .collect())
    }

    fn missing(&self, i: usize) -> PathError {
        PathError::Missing {
            at: Path::new(self.steps[..=i].to_vec()).to_string(),
        }
    }

    fn not_object(&self, i: usize, found: &Value) -> PathError {
        PathError::NotAnObject {
            at: self.prefix(i),
            found: type_name(found),
        }
    }

    fn out_of_range(&self, i: usize, index: usize, len: usize) -> PathError {
        PathError::OutOfRange {
            at: self.prefix(i),
            index,
            len,
        }
    }
}

/// Replace every selector of `path` by the index of the element it matches in `root`.
/// Steps past a missing field are kept as written when they hold no selector.
pub fn resolve_index_form(path: &Path, root: &Value) -> Result<Path, PathError> {
    let mut out = Vec::with_capacity(path.steps.len());
    let mut cur = Some(root);
    for (i, step) in path.steps.iter().enumerate() {
        let resolved = match (step, cur) {
            (Step::Select { key, value }, Some(v)) => {
                let items = path.array(v, i)?;
                Step::Index(path.find(items, i, key, value)?)
            }
            (Step::Select { .. }, None) => return Err(path.missing(i - 1)),
            (Step::Every, _) => return Err(path.every(i)),
            (other, _) => other.clone(),
        };
        cur = cur.and_then(|v| match &resolved {
            Step::Key(k) => v.get(k.as_str()),
            Step::Index(n) => v.get(*n),
            Step::Select { .. } | Step::Every => None,
        });
        out.push(resolved);
    }
    Ok(Path::new(out))
}

/// Whether an array element's `key` field equals the selector value: strings exactly,
/// numbers by value (`[port=80]` matches `80`, `80.0` and `"80"`), booleans by their text;
/// `""` matches an absent field.
pub fn selector_matches(item: &Value, key: &str, value: &str) -> bool {
    match item.get(key) {
        None | Some(Value::Null) => value.is_empty(),
        Some(Value::String(s)) => s == value,
        Some(Value::Number(n)) => numbers_equal(&n.to_string(), value),
        Some(Value::Bool(b)) => value == if *b { "true" } else { "false" },
        Some(_) => false,
    }
}

fn numbers_equal(a: &str, b: &str) -> bool {
    let parse = |s: &str| s.trim().parse::<f64>().ok().filter(|f| f.is_finite());
    match (a.trim().parse::<i128>(), b.trim().parse::<i128>()) {
        (Ok(x), Ok(y)) => x == y,
        _ => matches!((parse(a), parse(b)), (Some(x), Some(y)) if x == y),
    }
}

fn type_name(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

fn selector_text(key: &str, value: &str) -> String {
    // Values may hold dots and `=` bare (addresses, names); only brackets, quotes and spaces
    // need quoting, as the parser reads a bare value up to `]`.
    let bare_value = value
        .chars()
        .all(|c| !(matches!(c, '[' | ']' | '"' | '\\') || c.is_whitespace() || c.is_control()));
    let value = if bare_value {
        value.to_string()
    } else {
        serde_json::to_string(value).unwrap_or_default()
    };
    // A key that starts like an index would read as one.
    let key = if key.starts_with(|c: char| c.is_ascii_digit() || c == '-') {
        serde_json::to_string(key).unwrap_or_default()
    } else {
        quoted_if_needed(key)
    };
    format!("{key}={value}")
}

/// Bare names may hold anything but the path's own punctuation, quotes and whitespace.
pub(crate) fn is_bare_char(c: char) -> bool {
    !(matches!(c, '.' | '[' | ']' | '=' | '"' | '\\') || c.is_whitespace() || c.is_control())
}

fn quoted_if_needed(s: &str) -> String {
    if !s.is_empty() && s.chars().all(is_bare_char) {
        s.to_string()
    } else {
        serde_json::to_string(s).unwrap_or_default()
    }
}

impl fmt::Display for Path {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, step) in self.steps.iter().enumerate() {
            match step {
                Step::Key(k) => {
                    if i > 0 {
                        f.write_str(".")?;
                    }
                    f.write_str(&quoted_if_needed(k))?;
                }
                Step::Index(n) => write!(f, "[{n}]")?,
                Step::Select { key, value } => write!(f, "[{}]", selector_text(key, value))?,
                Step::Every => f.write_str("[*]")?,
            }
        }
        Ok(())
    }
}
