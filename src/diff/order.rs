//! Key order: a body shown in the order of the channel it came from, so that an edited,
//! rebased or reloaded draft reads like the loaded channel and not like the order edits left.

use serde_json::{Map, Value};

/// `value` with every object's keys in the order `like` has them (keys `like` lacks follow,
/// in their own order). The items of an array follow the key order of `like`'s items taken
/// together, so members keep the loaded members' layout whatever their position.
pub fn ordered_like(value: &Value, like: &Value) -> Value {
    ordered(value, Some(like))
}

fn ordered(value: &Value, like: Option<&Value>) -> Value {
    match (value, like) {
        (Value::Object(m), Some(Value::Object(l))) => {
            let mut out = Map::with_capacity(m.len());
            for (k, lv) in l {
                if let Some(v) = m.get(k) {
                    out.insert(k.clone(), ordered(v, Some(lv)));
                }
            }
            for (k, v) in m {
                if !l.contains_key(k) {
                    out.insert(k.clone(), v.clone());
                }
            }
            Value::Object(out)
        }
        (Value::Array(items), Some(Value::Array(l))) => {
            let layout = layout(l);
            Value::Array(items.iter().map(|v| ordered(v, layout.as_ref())).collect())
        }
        _ => value.clone(),
    }
}

/// The keys of the objects in `items`, in the order they first appear, each with its first
/// value (the layout of nested objects). `None` when no item is an object.
fn layout(items: &[Value]) -> Option<Value> {
    let mut keys = Map::new();
    let mut any = false;
    for item in items {
        let Value::Object(m) = item else { continue };
        any = true;
        // Members share one layout: most add no key, and that check is one lookup per key.
        for (k, v) in m {
            if !keys.contains_key(k) {
                keys.insert(k.clone(), v.clone());
            }
        }
    }
    any.then_some(Value::Object(keys))
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn keys_follow_the_loaded_order_and_new_keys_come_last() {
        let base = json!({"name": "c", "port": 80, "members": [
            {"host": "h1", "weight": 1, "status": 1},
            {"host": "h2", "weight": 1, "is_backup": true}
        ]});
        let draft = json!({"extra": 1, "members": [
            {"status": 2, "is_backup": false, "host": "h3", "weight": 5, "new": 0}
        ], "port": 81, "name": "c"});
        let shown = ordered_like(&draft, &base).to_string();
        assert_eq!(
            shown,
            r#"{"name":"c","port":81,"members":[{"host":"h3","weight":5,"status":2,"is_backup":false,"new":0}],"extra":1}"#
        );
    }
}
