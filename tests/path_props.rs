#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
use chanedit::path::{Path, Step, parse};
use proptest::prelude::*;

fn step() -> impl Strategy<Value = Step> {
    prop_oneof![
        any::<String>().prop_map(Step::Key),
        (0usize..100_000).prop_map(Step::Index),
        (any::<String>(), any::<String>()).prop_map(|(key, value)| Step::Select { key, value }),
    ]
}

proptest! {
    #[test]
    fn display_then_parse_gives_the_same_path(
        first in any::<String>(),
        rest in proptest::collection::vec(step(), 0..6),
    ) {
        let mut steps = vec![Step::Key(first)];
        steps.extend(rest);
        let path = Path::new(steps);
        let text = path.to_string();
        prop_assert_eq!(parse(&text).unwrap(), path, "{}", text);
    }

    #[test]
    fn parse_never_panics(text in any::<String>()) {
        let _ = parse(&text);
    }
}

proptest! {
    #[test]
    fn set_then_get_then_unset(
        keys in proptest::collection::vec("[a-z]{1,3}", 1..4),
        value in any::<i64>(),
    ) {
        let path = keys.iter().fold(Path::root(), |p, k| p.key(k.as_str()));
        let mut body = serde_json::json!({"members": [{"host": "h"}]});
        path.set(&mut body, value.into()).unwrap();
        prop_assert_eq!(path.get(&body), Some(&serde_json::Value::from(value)));
        let parsed = parse(&path.to_string()).unwrap();
        prop_assert_eq!(parsed.get(&body), Some(&serde_json::Value::from(value)));
        prop_assert_eq!(path.unset(&mut body).unwrap(), serde_json::Value::from(value));
        prop_assert_eq!(path.get(&body), None);
    }
}
