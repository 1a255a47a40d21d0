//! Paths and edits are bounded: a path of thousands of steps, a path of megabytes, or an edit
//! that would nest past the JSON limit is refused with a clear error, never a stack overflow.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use chanedit::limits::{MAX_JSON_DEPTH, MAX_PATH_BYTES, MAX_PATH_STEPS};
use chanedit::path::{PathError, parse};
use serde_json::{Value, json};

#[test]
fn a_path_of_five_thousand_steps_is_refused() {
    let text = vec!["a"; 5000].join(".");
    assert!(matches!(parse(&text), Err(PathError::TooLong { .. })));
    // Short enough to pass the length limit, still far too deep.
    let text = vec!["a"; 1000].join(".");
    let err = parse(&text).unwrap_err();
    assert_eq!(
        err,
        PathError::TooManySteps {
            max: MAX_PATH_STEPS
        }
    );
    assert_eq!(err.to_string(), "the path has more than 32 steps");
    let brackets = format!("members{}", "[0]".repeat(1000));
    assert!(matches!(
        parse(&brackets),
        Err(PathError::TooManySteps { .. })
    ));
}

#[test]
fn the_step_limit_is_exact() {
    let at_limit = vec!["a"; MAX_PATH_STEPS].join(".");
    assert_eq!(parse(&at_limit).unwrap().steps().len(), MAX_PATH_STEPS);
    let over = vec!["a"; MAX_PATH_STEPS + 1].join(".");
    assert!(parse(&over).is_err());
}

#[test]
fn a_path_of_megabytes_is_refused_by_its_length() {
    let text = "a".repeat(10 << 20);
    let err = parse(&text).unwrap_err();
    assert_eq!(
        err,
        PathError::TooLong {
            len: 10 << 20,
            max: MAX_PATH_BYTES
        }
    );
    assert!(err.to_string().len() < 100, "the path is not echoed: {err}");
}

fn nested(levels: usize) -> Value {
    (0..levels).fold(json!(1), |v, _| json!([v]))
}

#[test]
fn an_edit_that_would_nest_too_deep_is_refused_and_changes_nothing() {
    let mut body = json!({"name": "web"});
    let before = body.clone();
    let path = parse(&vec!["a"; 30].join(".")).unwrap();
    let err = path
        .set(&mut body, nested(MAX_JSON_DEPTH - 29))
        .unwrap_err();
    assert!(matches!(err, PathError::TooDeep { .. }), "{err}");
    assert!(err.to_string().contains("deeper than 100 levels"), "{err}");
    assert_eq!(body, before);
    let append = parse("members").unwrap();
    assert!(append.append(&mut body, nested(MAX_JSON_DEPTH)).is_err());
    assert_eq!(body, before);
    // Right at the limit the edit goes through, and the result reads back.
    path.set(&mut body, nested(MAX_JSON_DEPTH - 30)).unwrap();
    let text = body.to_string();
    assert_eq!(chanedit::validate::parse_body(&text).unwrap(), body);
}

#[test]
fn a_syntax_error_in_a_long_path_quotes_only_its_start() {
    let text = format!("{}]", "a".repeat(MAX_PATH_BYTES - 1));
    let err = parse(&text).unwrap_err().to_string();
    assert!(
        err.starts_with("expected '.' or '[' at column 4096 in \"aaaa"),
        "{err}"
    );
    assert!(err.len() < 200, "{} bytes", err.len());
    assert!(err.ends_with("…\""), "{err}");
}
