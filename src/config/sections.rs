//! A section of config.toml (`[keys]`, `[theme]`) read with the line of each setting, so that
//! an error can say `config.toml:LINE: reason`. Nested tables flatten to dotted names:
//! `[keys] editor.review = "W"`, `[keys.editor] review = "W"` and `"editor.review" = "W"`
//! are the same setting.

use toml::Spanned;
use toml::de::{DeTable, DeValue};

/// One setting: its dotted name, its text (a string, or a list of strings), its line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Setting {
    pub name: String,
    pub values: Vec<String>,
    pub line: usize,
}

/// What is wrong on a line of config.toml.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LineError {
    pub line: usize,
    pub reason: String,
}

/// The settings of `[section]` in `text`, in file order (none when it is absent).
pub fn read(text: &str, section: &str) -> Result<Vec<Setting>, Vec<LineError>> {
    let doc = DeTable::parse(text).map_err(|e| {
        vec![LineError {
            line: e.span().map_or(0, |s| line_of(text, s.start)),
            reason: crate::sanitize::line(e.message().trim_end()),
        }]
    })?;
    let Some((_, value)) = doc.get_ref().iter().find(|(k, _)| k.get_ref() == section) else {
        return Ok(Vec::new());
    };
    let mut out = Vec::new();
    let mut errors = Vec::new();
    let DeValue::Table(t) = value.get_ref() else {
        return Err(vec![LineError {
            line: line_of(text, value.span().start),
            reason: format!("{section} must be a table"),
        }]);
    };
    walk(text, t, "", &mut out, &mut errors);
    if errors.is_empty() {
        out.sort_by_key(|s| s.line);
        Ok(out)
    } else {
        errors.sort_by_key(|e| e.line);
        Err(errors)
    }
}

fn walk(
    text: &str,
    table: &DeTable<'_>,
    path: &str,
    out: &mut Vec<Setting>,
    errors: &mut Vec<LineError>,
) {
    for (key, value) in table.iter() {
        let full = if path.is_empty() {
            key.get_ref().to_string()
        } else {
            format!("{path}.{}", key.get_ref())
        };
        let line = line_of(text, value.span().start);
        match value.get_ref() {
            DeValue::Table(t) => walk(text, t, &full, out, errors),
            v => match strings(v) {
                Some(values) => out.push(Setting {
                    name: full,
                    values,
                    line,
                }),
                None => errors.push(LineError {
                    line,
                    reason: format!(
                        "{}: expected a string or a list of strings",
                        crate::sanitize::line(&full)
                    ),
                }),
            },
        }
    }
}

fn strings(v: &DeValue<'_>) -> Option<Vec<String>> {
    match v {
        DeValue::String(s) => Some(vec![s.to_string()]),
        DeValue::Array(a) => a
            .iter()
            .map(|x: &Spanned<DeValue<'_>>| match x.get_ref() {
                DeValue::String(s) => Some(s.to_string()),
                _ => None,
            })
            .collect(),
        _ => None,
    }
}

/// The 1-based line of a byte offset.
pub fn line_of(text: &str, offset: usize) -> usize {
    let upto = &text.as_bytes()[..offset.min(text.len())];
    upto.iter().filter(|b| **b == b'\n').count() + 1
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dotted_nested_and_quoted_names_flatten_alike_with_their_lines() {
        let text = "[profiles.p]\nregion = \"r\"\n\n[keys]\neditor.review = \"W\"\n\
                    \"table.add\" = [\"a\", \"+\"]\n[keys.global]\nquit = \"Q\"\n";
        let s = read(text, "keys").unwrap();
        let got: Vec<(&str, usize)> = s.iter().map(|s| (s.name.as_str(), s.line)).collect();
        assert_eq!(
            got,
            vec![("editor.review", 5), ("table.add", 6), ("global.quit", 8)]
        );
        assert_eq!(s[1].values, vec!["a", "+"]);
        assert!(read(text, "theme").unwrap().is_empty());
    }

    #[test]
    fn a_value_of_the_wrong_type_names_its_line() {
        let e = read("[theme]\nerror = 3\n", "theme").unwrap_err();
        assert_eq!(e[0].line, 2);
        assert!(e[0].reason.contains("error"), "{e:?}");
    }
}
