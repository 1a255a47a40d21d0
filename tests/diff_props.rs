#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
mod body_gen;

use body_gen::body;
use chanedit::diff::{LineKind, diff, normalize};
use proptest::prelude::*;
use serde_json::{Value, json};

/// The normalised body with members and groups in a fixed order, for comparing as sets.
fn canonical(body: &Value) -> Value {
    let mut n = normalize(body);
    for key in ["members", "member_groups"] {
        if let Some(Value::Array(items)) = n.get_mut(key) {
            items.sort_by_cached_key(sorted_text);
        }
    }
    n
}

/// JSON text with object keys sorted, so that equal values sort together.
fn sorted_text(v: &Value) -> String {
    match v {
        Value::Object(m) => {
            let mut entries: Vec<_> = m.iter().collect();
            entries.sort_by_key(|(k, _)| k.as_str());
            let inner: Vec<String> = entries
                .into_iter()
                .map(|(k, v)| format!("{k:?}:{}", sorted_text(v)))
                .collect();
            format!("{{{}}}", inner.join(","))
        }
        Value::Array(items) => {
            let inner: Vec<String> = items.iter().map(sorted_text).collect();
            format!("[{}]", inner.join(","))
        }
        other => other.to_string(),
    }
}

fn any_json() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::from),
        any::<i64>().prop_map(Value::from),
        ".{0,6}".prop_map(Value::from),
    ];
    leaf.prop_recursive(4, 40, 6, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..6).prop_map(Value::Array),
            prop::collection::btree_map(
                prop::sample::select(vec![
                    "members",
                    "member_groups",
                    "port",
                    "host",
                    "member_type",
                    "ecs_id",
                    "member_group_name",
                    "vpc_health_config",
                    "protocol",
                    "x",
                    "password",
                    "microservice_info",
                    "service_type",
                    "type",
                    "vpc_channel_type",
                ])
                .prop_map(String::from),
                inner,
                0..6
            )
            .prop_map(|m| Value::Object(m.into_iter().collect())),
        ]
    })
}

/// Small edits, most of them only in form (what the server echoes differently), some real.
fn mutate(mut b: Value, edits: &[(u8, usize)]) -> Value {
    let port = b["port"].clone();
    for &(op, at) in edits {
        let len = b["members"].as_array().map_or(0, Vec::len);
        if op == 7 {
            if let Some(p) = b["vpc_health_config"]["protocol"].as_str() {
                let lower = p.to_ascii_lowercase();
                b["vpc_health_config"]["protocol"] = json!(lower);
            }
            continue;
        }
        if len == 0 {
            continue;
        }
        let m = &mut b["members"][at % len];
        let host = m["host"].clone();
        let obj = m.as_object_mut().unwrap();
        match op {
            0 => {
                obj.insert("port".into(), json!(0));
            }
            1 => {
                obj.remove("port");
            }
            2 => {
                obj.insert("port".into(), port.clone());
            }
            3 => {
                let w = obj.get("weight").and_then(Value::as_i64).unwrap_or(0);
                obj.insert("weight".into(), json!(w + 1));
            }
            4 => {
                obj.entry("member_group_name").or_insert(json!(""));
            }
            5 => {
                obj.entry("status").or_insert(json!(1));
            }
            6 => {
                obj.insert("ecs_id".into(), host);
            }
            _ => {
                obj.insert("id".into(), json!("echoed"));
            }
        }
    }
    b
}

proptest! {
    #[test]
    fn diff_is_empty_exactly_when_normal_forms_match(
        a in body(),
        edits in prop::collection::vec((0u8..9, 0usize..20), 0..5),
    ) {
        let b = mutate(a.clone(), &edits);
        let d = diff(&a, &b);
        prop_assert_eq!(d.is_empty(), canonical(&a) == canonical(&b), "{}", d.render(false));
    }

    /// Told which members are equal at the same place (as the editor knows from its edits),
    /// the diff says what it says when it compares them itself.
    #[test]
    fn knowing_the_equal_members_changes_no_line(
        a in body(),
        edits in prop::collection::vec((0u8..9, 0usize..20), 0..5),
    ) {
        let b = mutate(a.clone(), &edits);
        let members = |v: &Value| v["members"].as_array().cloned().unwrap_or_default();
        let (am, bm) = (members(&a), members(&b));
        let same_at = |i: usize| am.get(i).is_some_and(|x| bm.get(i) == Some(x));
        let told = chanedit::diff::diff_knowing(&a, &b, &same_at);
        prop_assert_eq!(told.render(false), diff(&a, &b).render(false));
    }

    #[test]
    fn a_body_diffs_empty_against_itself(a in body()) {
        let d = diff(&a, &a);
        prop_assert!(d.is_empty(), "{}", d.render(false));
    }

    #[test]
    fn applying_the_diff_gives_the_draft(a in body(), b in body()) {
        let d = diff(&a, &b);
        let applied = d.apply(&a);
        prop_assert_eq!(canonical(&applied), canonical(&b), "{}", d.render(false));
        prop_assert!(diff(&applied, &b).is_empty());
    }

    #[test]
    fn normalising_twice_changes_nothing_more(a in body()) {
        let once = normalize(&a);
        prop_assert_eq!(normalize(&once), once);
    }

    #[test]
    fn member_order_never_matters(a in body(), seed in any::<u64>()) {
        let mut shuffled = a.clone();
        if let Some(items) = shuffled["members"].as_array_mut() {
            // A seeded rotation and reversal: a different order with the same members.
            let len = items.len().max(1);
            items.rotate_left((seed as usize) % len);
            if seed % 2 == 0 {
                items.reverse();
            }
        }
        prop_assert!(diff(&a, &shuffled).is_empty());
    }

    #[test]
    fn field_order_never_matters(a in body()) {
        let mut reordered = a.clone();
        for m in reordered["members"].as_array_mut().unwrap() {
            let fields: Vec<(String, Value)> =
                m.as_object().unwrap().clone().into_iter().rev().collect();
            *m = Value::Object(fields.into_iter().collect());
        }
        prop_assert!(diff(&a, &reordered).is_empty());
        prop_assert!(diff(&reordered, &a).is_empty());
    }

    #[test]
    fn summary_counts_one_line_per_change(a in body(), b in body()) {
        let d = diff(&a, &b);
        let s = d.summary();
        let lines = d.lines().iter().filter(|l| l.kind != LineKind::Header).count();
        prop_assert_eq!(s.changed + s.added + s.removed, lines);
    }

    #[test]
    fn text_without_colour_has_no_escape_bytes(a in body(), b in body()) {
        let d = diff(&a, &b);
        prop_assert!(!d.render(false).contains('\x1b'));
        if !d.is_empty() {
            prop_assert!(d.render(true).contains("\x1b["));
        }
    }

    #[test]
    fn arbitrary_json_never_panics(a in any_json(), b in any_json()) {
        let d = diff(&a, &b);
        let _ = d.render(true);
        let applied = d.apply(&a);
        prop_assert!(!d.render(false).contains('\x1b'));
        let _ = applied;
    }
}
