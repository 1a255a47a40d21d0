#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
use chanedit::path::{Path, PathError, Step, parse};

fn key(k: &str) -> Step {
    Step::Key(k.into())
}

fn sel(k: &str, v: &str) -> Step {
    Step::Select {
        key: k.into(),
        value: v.into(),
    }
}

#[test]
fn dotted_fields_parse_to_keys() {
    let p = parse("vpc_health_config.timeout").unwrap();
    assert_eq!(p.steps(), &[key("vpc_health_config"), key("timeout")]);
}

#[test]
fn index_and_selector_steps_parse() {
    assert_eq!(
        parse("members[2].weight").unwrap().steps(),
        &[key("members"), Step::Index(2), key("weight")]
    );
    assert_eq!(
        parse("members[host=192.168.0.5].weight").unwrap().steps(),
        &[key("members"), sel("host", "192.168.0.5"), key("weight")]
    );
    assert_eq!(
        parse("member_groups[member_group_name=test].member_group_weight")
            .unwrap()
            .steps(),
        &[
            key("member_groups"),
            sel("member_group_name", "test"),
            key("member_group_weight")
        ]
    );
    assert_eq!(
        parse("members[2]").unwrap().steps(),
        &[key("members"), Step::Index(2)]
    );
}

#[test]
fn quoted_selector_values_may_hold_spaces_and_brackets() {
    assert_eq!(
        parse(r#"members[host="a b"]"#).unwrap().steps(),
        &[key("members"), sel("host", "a b")]
    );
    assert_eq!(
        parse(r#"members[host="x]\"y"]"#).unwrap().steps(),
        &[key("members"), sel("host", "x]\"y")]
    );
}

#[test]
fn spaces_inside_brackets_are_ignored() {
    assert_eq!(
        parse("members[ host = 10.0.0.1 ]").unwrap(),
        parse("members[host=10.0.0.1]").unwrap()
    );
}

#[test]
fn empty_selector_value_is_allowed() {
    assert_eq!(
        parse("members[member_group_name=]").unwrap().steps(),
        &[key("members"), sel("member_group_name", "")]
    );
}

#[test]
fn display_writes_the_same_syntax_back() {
    for text in [
        "vpc_health_config.timeout",
        "members[2].weight",
        "members[host=192.168.0.5].weight",
        "member_groups[member_group_name=test].member_group_weight",
        "members[2]",
        r#"members[host="a b"].port"#,
        "members[member_group_name=]",
        r#""odd.key".x"#,
    ] {
        let p = parse(text).unwrap();
        assert_eq!(p.to_string(), text);
        assert_eq!(parse(&p.to_string()).unwrap(), p);
    }
}

#[test]
fn built_paths_display_in_index_form() {
    let p = Path::root().key("members").index(3).key("port");
    assert_eq!(p.to_string(), "members[3].port");
    assert_eq!(Path::root().to_string(), "");
}

fn syntax_error(text: &str) -> String {
    let e = parse(text).unwrap_err();
    assert!(matches!(e, PathError::Syntax { .. }), "{text}: {e:?}");
    e.to_string()
}

#[test]
fn unclosed_bracket_names_the_column() {
    assert_eq!(
        syntax_error("members[2.weight"),
        r#"expected ']' at column 10 in "members[2.weight""#
    );
    assert_eq!(
        syntax_error("members[2"),
        r#"expected ']' at column 10 in "members[2""#
    );
}

#[test]
fn other_syntax_errors_name_what_was_expected() {
    assert_eq!(
        syntax_error("members..weight"),
        r#"expected a field name at column 9 in "members..weight""#
    );
    assert_eq!(
        syntax_error("members[]"),
        r#"expected an index or key=value at column 9 in "members[]""#
    );
    assert_eq!(
        syntax_error("members[host]"),
        r#"expected '=' at column 13 in "members[host]""#
    );
    assert_eq!(
        syntax_error("members[0]x"),
        r#"expected '.' or '[' at column 11 in "members[0]x""#
    );
    assert_eq!(
        syntax_error("members."),
        r#"expected a field name at column 9 in "members.""#
    );
    assert_eq!(
        syntax_error(r#"members[host="a"#),
        r#"expected a closing '"' at column 16 in "members[host=\"a""#
    );
    assert_eq!(
        syntax_error("members[-1]"),
        r#"expected an index of 0 or more at column 9 in "members[-1]""#
    );
}

#[test]
fn empty_path_is_an_error() {
    assert_eq!(parse("").unwrap_err(), PathError::Empty);
}

#[test]
fn control_characters_in_a_bad_path_are_escaped_in_the_message() {
    let msg = syntax_error("a\u{1b}[2J");
    assert!(!msg.contains('\u{1b}'), "{msg:?}");
}
