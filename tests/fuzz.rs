//! Fuzz targets (proptest) for the path parser, the validator and the command line: whatever
//! the input, no panic, no stack overflow, and limits hold. `cargo test --test fuzz` runs a
//! bounded number of cases; `PROPTEST_CASES=N` runs N per target (see README, Tests).
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use chanedit::limits::{MAX_JSON_DEPTH, MAX_PATH_BYTES, MAX_PATH_STEPS};
use proptest::prelude::*;
use serde_json::{Value, json};

/// `default` cases per target, unless PROPTEST_CASES asks for another number.
fn cases(default: u32) -> ProptestConfig {
    let mut config = ProptestConfig::default();
    if std::env::var_os("PROPTEST_CASES").is_none() {
        config.cases = default;
    }
    config
}

/// A channel body to walk paths over.
fn sample_body() -> Value {
    json!({"name": "web", "port": 80, "members": [
        {"host": "10.0.0.1", "weight": 1, "member_group_name": "blue"},
        {"host": "10.0.0.2", "port": 81, "member_group_name": "blue"}],
        "member_groups": [{"member_group_name": "blue", "microservice_labels": [{"label_name": "a"}]}],
        "vpc_health_config": {"timeout": 5}})
}

mod path {
    use super::*;
    use chanedit::path::parse;

    /// Text made of the path syntax's own characters, so that parses get far.
    const PATHISH: &str = r#"[a-z0-9_.\[\]=" \\*-]{0,300}"#;

    fn check_parsed(text: &str) -> Result<(), TestCaseError> {
        if let Ok(p) = parse(text) {
            prop_assert!(text.len() <= MAX_PATH_BYTES);
            prop_assert!(p.steps().len() <= MAX_PATH_STEPS);
            let again = parse(&p.to_string());
            prop_assert_eq!(again.as_ref(), Ok(&p), "{}", p);
            let mut body = sample_body();
            let _ = p.get(&body);
            let _ = p.set(&mut body.clone(), json!(1));
            let _ = p.append(&mut body.clone(), json!({"host": "h"}));
            let _ = p.unset(&mut body);
        }
        Ok(())
    }

    proptest! {
        #![proptest_config(cases(512))]

        #[test]
        fn any_text_parses_or_fails_cleanly(text in any::<String>()) {
            check_parsed(&text)?;
        }

        #[test]
        fn path_like_text_parses_or_fails_cleanly(text in PATHISH) {
            check_parsed(&text)?;
        }

        #[test]
        fn long_and_deep_paths_are_refused(
            steps in 1usize..20_000,
            step in prop::sample::select(vec![".a", "[0]", "[host=x]", ".\"k\"", ".a["]),
        ) {
            let text = format!("members{}", step.repeat(steps));
            match parse(&text) {
                Ok(p) => prop_assert!(p.steps().len() <= MAX_PATH_STEPS),
                Err(e) => prop_assert!(e.to_string().len() < 200, "{}", e),
            }
        }
    }
}

mod validator {
    use super::*;
    use chanedit::validate::{parse_body, validate};

    /// Text made of JSON's own characters and a few field names.
    const JSONISH: &str = r#"([\[\]{}",:0-9 ]|"members"|"host"|"name"|null|true){0,200}"#;

    /// JSON text nested `depth` levels, each level an array or a `members` object.
    fn nested_text(levels: &[bool]) -> String {
        let mut open = String::new();
        let mut close = String::new();
        for object in levels {
            if *object {
                open.push_str(r#"{"members":"#);
                close.insert(0, '}');
            } else {
                open.push('[');
                close.insert(0, ']');
            }
        }
        format!("{open}1{close}")
    }

    fn check(text: &str) -> Result<(), TestCaseError> {
        if let Ok(v) = parse_body(text) {
            for d in validate(&v) {
                prop_assert!(!d.message.is_empty());
                prop_assert!(d.to_string().len() < 2000, "{}", d);
            }
        }
        Ok(())
    }

    proptest! {
        #![proptest_config(cases(256))]

        #[test]
        fn any_text_is_parsed_and_validated_without_panic(text in any::<String>()) {
            check(&text)?;
        }

        #[test]
        fn json_like_text_is_parsed_and_validated_without_panic(text in JSONISH) {
            check(&text)?;
        }

        #[test]
        fn nesting_of_any_depth_is_refused_clearly_or_validated(
            levels in prop::collection::vec(any::<bool>(), 0..3000),
        ) {
            let text = nested_text(&levels);
            match parse_body(&text) {
                Ok(v) => {
                    prop_assert!(levels.len() <= MAX_JSON_DEPTH);
                    let _ = validate(&v);
                    let _ = chanedit::diff::diff(&sample_body(), &v);
                }
                Err(e) => {
                    prop_assert!(levels.len() > MAX_JSON_DEPTH);
                    prop_assert!(e.message.contains("nested deeper than"), "{}", e);
                }
            }
        }

        #[test]
        fn deep_values_in_known_fields_are_validated_without_panic(
            levels in prop::collection::vec(any::<bool>(), 0..(MAX_JSON_DEPTH - 3)),
            field in prop::sample::select(vec!["members", "member_groups", "vpc_health_config",
                "microservice_info", "name", "port"]),
        ) {
            let deep: Value = serde_json::from_str(&nested_text(&levels)).unwrap();
            let mut body = sample_body();
            body[field] = deep.clone();
            let _ = validate(&body);
            body = sample_body();
            body["members"][0]["host"] = deep;
            let _ = validate(&body);
        }

        #[test]
        fn huge_field_names_are_cut_in_every_message(
            len in 0usize..200_000,
            c in prop::sample::select(vec!['w', '名', '\u{202e}', '.', '"']),
            at in prop::sample::select(vec!["", "members", "vpc_health_config"]),
        ) {
            let key: String = std::iter::repeat_n(c, len).collect();
            let mut body = sample_body();
            let target = if at.is_empty() { &mut body } else if at == "members" {
                &mut body["members"][0]
            } else {
                &mut body[at]
            };
            target[key.as_str()] = json!(1);
            for d in validate(&body) {
                prop_assert!(d.to_string().len() < 2000, "{} bytes", d.to_string().len());
            }
        }
    }
}

mod command_line {
    use super::*;
    use chanedit::cli::Cli;
    use clap::{CommandFactory, Parser};

    /// Words the command line knows, and values for them.
    const WORDS: &[&str] = &[
        "list",
        "show",
        "validate",
        "diff",
        "apply",
        "export",
        "history",
        "revert",
        "find",
        "drain",
        "undrain",
        "--all-profiles",
        "emulator",
        "completions",
        "man",
        "help",
        "--demo",
        "--profile",
        "--endpoint",
        "--region",
        "--project-id",
        "--instance-id",
        "--read-only",
        "--insecure",
        "--ca-cert",
        "--connect-timeout",
        "--timeout",
        "--json",
        "--body",
        "--all",
        "--name",
        "--color",
        "--yes",
        "--allow-mass-delete",
        "--listen",
        "--data",
        "--state",
        "--ak",
        "--sk",
        "--token",
        "--latency-ms",
        "--error-rate",
        "--drop-rate",
        "--garbage-rate",
        "--seed",
        "--help",
        "--version",
        "-h",
        "-V",
        "--",
        "-",
        "bash",
        "always",
        "never",
        "auto",
        "0",
        "-1",
        "1e309",
        "NaN",
        "18446744073709551616",
        "127.0.0.1:0",
        "[::1]:80",
        "3c4f0b1a7d2e4c58a1f29b6e8d7c0a11",
        "body.json",
        "",
        "--timeout=",
        "--json=true",
        "-x",
    ];

    fn word() -> impl Strategy<Value = String> {
        prop_oneof![
            4 => prop::sample::select(WORDS).prop_map(str::to_string),
            1 => any::<String>(),
            1 => "--[a-z-]{0,20}(=.{0,10})?",
        ]
    }

    #[test]
    fn the_command_definition_is_consistent() {
        Cli::command().debug_assert();
    }

    proptest! {
        #![proptest_config(cases(512))]

        #[test]
        fn any_argument_vector_parses_or_is_refused_without_panic(
            args in prop::collection::vec(word(), 0..12),
        ) {
            let argv = std::iter::once("chanedit".to_string()).chain(args);
            if let Err(e) = Cli::try_parse_from(argv) {
                // Rendering the message (usage, suggestions) must not panic either.
                prop_assert!(!e.render().to_string().is_empty());
            }
        }
    }
}
