//! The documented character rules, compiled once, and the `http_code` grammar.

use std::sync::LazyLock;

use regex::Regex;

use super::fields::Text;

fn re(src: &str) -> Regex {
    // The sources below are constants checked by the tests of this module.
    Regex::new(src).unwrap_or_else(|e| unreachable!("bad built-in pattern {src}: {e}"))
}

/// Channel and group names (docs/api.md §3.1, §3.2, §8.8): a letter first, then letters, digits,
/// `-`, `_`, `.`; Chinese characters are accepted anywhere, as the Chinese pages allow.
pub(crate) static NAME: LazyLock<Regex> =
    LazyLock::new(|| re(r"^[A-Za-z\p{Han}][A-Za-z0-9_.\-\p{Han}]*$"));
pub(crate) const NAME_RULE: &str =
    "must start with a letter and contain only letters, digits, `-`, `_`, `.`";

/// `dict_code`: letters, digits, `-`, `_`, `.`.
pub(crate) static DICT_CODE: LazyLock<Regex> = LazyLock::new(|| re(r"^[A-Za-z0-9_.\-]*$"));

/// `ecs_id`: letters, digits, `-`, `_`.
pub(crate) static ECS_ID: LazyLock<Regex> = LazyLock::new(|| re(r"^[A-Za-z0-9_\-]*$"));

/// `ecs_name`: letters, digits, `-`, `_`, `.`, Chinese characters.
pub(crate) static ECS_NAME: LazyLock<Regex> = LazyLock::new(|| re(r"^[A-Za-z0-9_.\-\p{Han}]*$"));

/// Microservice labels (docs/api.md §3.6): alphanumeric at both ends, `-_.` inside.
pub(crate) static LABEL: LazyLock<Regex> =
    LazyLock::new(|| re(r"^[A-Za-z0-9]([A-Za-z0-9_.\-]*[A-Za-z0-9])?$"));

/// CCE `app_name`, `label_value`, CCE service `service_name`: a letter or a Chinese character
/// first, then letters, digits, Chinese characters, `.`, `-`, `_` (the SDK models, Go and
/// Python alike).
pub(crate) static CCE_WORD: LazyLock<Regex> =
    LazyLock::new(|| re(r"^[A-Za-z\p{Han}][A-Za-z0-9_.\-\p{Han}]*$"));
pub(crate) const CCE_WORD_RULE: &str = "must start with a letter or a Chinese character and \
contain only letters, digits, Chinese characters, `.`, `-`, `_`";

/// CCE `label_key`: a letter, digit or Chinese character first, then letters, digits, Chinese
/// characters, `-_./`, and parentheses and colons in both ASCII and full-width form (`（）：`).
pub(crate) static LABEL_KEY: LazyLock<Regex> =
    LazyLock::new(|| re(r"^[A-Za-z0-9\p{Han}][A-Za-z0-9_./:()（）：\-\p{Han}]*$"));
pub(crate) const LABEL_KEY_RULE: &str = "must start with a letter, digit or Chinese character \
and contain only letters, digits, Chinese characters, `-_./`, `()` `:` and their full-width \
forms `（）：`";

/// CCE service `namespace`: lowercase letters, digits, `-`; letter first; letter or digit last.
pub(crate) static K8S_NAMESPACE: LazyLock<Regex> =
    LazyLock::new(|| re(r"^[a-z]([a-z0-9\-]*[a-z0-9])?$"));

/// Nacos `namespace` and `cluster_name`: letters, digits, `-`, `_`.
pub(crate) static NACOS_WORD: LazyLock<Regex> = LazyLock::new(|| re(r"^[A-Za-z0-9_\-]*$"));

/// Nacos `group_name`: letters, digits, `-`, `_`, `.`, `:`.
pub(crate) static NACOS_GROUP: LazyLock<Regex> = LazyLock::new(|| re(r"^[A-Za-z0-9_.:\-]*$"));

/// Chinese characters, which some Nacos fields must not contain.
pub(crate) static HAN: LazyLock<Regex> = LazyLock::new(|| re(r"\p{Han}"));

pub(crate) fn name_rule() -> Text {
    Text::with(3, 64, &NAME, NAME_RULE)
}

/// `dict_code` of a channel or a group (docs/api.md §3.1, §3.2).
pub(crate) fn dict_code_rule() -> Text {
    Text::with(
        3,
        64,
        &DICT_CODE,
        "must contain only letters, digits, `-`, `_`, `.`",
    )
}

/// What is wrong with an `http_code` value (docs/api.md §3.4, §4.11).
#[derive(Debug, PartialEq, Eq)]
pub(crate) enum HttpCodeProblem {
    /// Not `code`, `code,code`, `code-code` or a mix; every code 100..599.
    Malformed(String),
    /// A range whose first code is above its second: the order rule is inferred, not
    /// documented (docs/api.md §3.4), so this is only a warning.
    Reversed(String),
}

pub(crate) const HTTP_CODE_RULE: &str = "must be codes 100..599 and ranges, e.g. `200`, \
`200,201`, `200-299` or `201,202,210-299`";

/// Check `item ("," item)*`, `item = code | code "-" code`.
pub(crate) fn check_http_code(s: &str) -> Result<(), HttpCodeProblem> {
    let mut reversed = None;
    for item in s.split(',') {
        match item.split_once('-') {
            None => {
                code(item).ok_or_else(|| HttpCodeProblem::Malformed(item.to_string()))?;
            }
            Some((a, b)) => {
                let bad = || HttpCodeProblem::Malformed(item.to_string());
                let lo = code(a).ok_or_else(bad)?;
                let hi = code(b).ok_or_else(bad)?;
                if lo > hi && reversed.is_none() {
                    reversed = Some(item.to_string());
                }
            }
        }
    }
    match reversed {
        Some(item) => Err(HttpCodeProblem::Reversed(item)),
        None => Ok(()),
    }
}

fn code(s: &str) -> Option<u16> {
    if s.len() != 3 || !s.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let n: u16 = s.parse().ok()?;
    (100..=599).contains(&n).then_some(n)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_follow_the_documented_rule() {
        for ok in ["VPC_demo", "a.b-c_d", "abc", "渠道名称", "a渠道"] {
            assert!(NAME.is_match(ok), "{ok}");
        }
        for bad in ["1abc", "_abc", "ab c", "ab/c", ""] {
            assert!(!NAME.is_match(bad), "{bad}");
        }
    }

    #[test]
    fn cce_words_take_chinese_characters() {
        for ok in ["orders", "订单", "订单v1", "a.b-c_d"] {
            assert!(CCE_WORD.is_match(ok), "{ok}");
        }
        for bad in ["1orders", "_a", "a b", ""] {
            assert!(!CCE_WORD.is_match(bad), "{bad}");
        }
        for ok in [
            "app",
            "1app",
            "应用",
            "app.kubernetes.io/name",
            "a(b):c",
            "标签（一）：甲",
        ] {
            assert!(LABEL_KEY.is_match(ok), "{ok}");
        }
        for bad in ["-app", "（app", "a b", "a;b"] {
            assert!(!LABEL_KEY.is_match(bad), "{bad}");
        }
    }

    #[test]
    fn labels_are_alphanumeric_at_both_ends() {
        assert!(LABEL.is_match("cluster_id"));
        assert!(LABEL.is_match("a"));
        assert!(!LABEL.is_match("-a"));
        assert!(!LABEL.is_match("a_"));
    }

    #[test]
    fn every_pattern_compiles() {
        for p in [
            &NAME,
            &DICT_CODE,
            &ECS_ID,
            &ECS_NAME,
            &LABEL,
            &CCE_WORD,
            &LABEL_KEY,
            &K8S_NAMESPACE,
            &NACOS_WORD,
            &NACOS_GROUP,
            &HAN,
        ] {
            let _ = p.is_match("x");
        }
    }

    #[test]
    fn http_code_grammar() {
        for ok in [
            "200",
            "200,201,202",
            "200-299",
            "201,202,210-299",
            "100",
            "599",
        ] {
            assert_eq!(check_http_code(ok), Ok(()), "{ok}");
        }
        for bad in [
            "",
            "20",
            "600",
            "099",
            "200,",
            "200-",
            "2OO",
            "200 ,201",
            "200-299-300",
        ] {
            assert!(
                matches!(check_http_code(bad), Err(HttpCodeProblem::Malformed(_))),
                "{bad}"
            );
        }
        assert_eq!(
            check_http_code("200,299-200"),
            Err(HttpCodeProblem::Reversed("299-200".into()))
        );
    }
}
