//! Secrets in channel bodies (the Nacos password): masked for display, logs, drafts and the
//! journal, and put back from the live value before anything is sent. The one home of both.

use serde_json::Value;

/// What a masked secret reads as.
pub const MASK: &str = "***";

/// Field names whose values are secrets wherever they appear.
pub fn is_secret_key(key: &str) -> bool {
    matches!(key, "password" | "sk" | "secret_key" | "security_token")
}

/// Replace every secret in a JSON value with [`MASK`].
pub fn redact_secrets(v: &mut Value) {
    match v {
        Value::Object(map) => {
            for (k, child) in map.iter_mut() {
                if is_secret_key(k) && !child.is_null() {
                    *child = Value::String(MASK.into());
                } else {
                    redact_secrets(child);
                }
            }
        }
        Value::Array(items) => items.iter_mut().for_each(redact_secrets),
        _ => {}
    }
}

/// True when [`redact_secrets`] would change `v`.
pub fn has_secret(v: &Value) -> bool {
    match v {
        Value::Object(map) => map
            .iter()
            .any(|(k, child)| (is_secret_key(k) && !child.is_null()) || has_secret(child)),
        Value::Array(items) => items.iter().any(has_secret),
        _ => false,
    }
}

/// Put secrets the user never saw (masked) back from `from`, the same place in the live body.
/// Returns how many were restored.
pub fn restore_secrets(into: &mut Value, from: &Value) -> usize {
    match (into, from) {
        (Value::Object(a), Value::Object(b)) => {
            let mut n = 0;
            for (k, v) in a.iter_mut() {
                match b.get(k) {
                    Some(orig) if is_secret_key(k) && *v == MASK => {
                        *v = orig.clone();
                        n += 1;
                    }
                    Some(orig) => n += restore_secrets(v, orig),
                    None => {}
                }
            }
            n
        }
        (Value::Array(a), Value::Array(b)) => a
            .iter_mut()
            .zip(b)
            .map(|(x, y)| restore_secrets(x, y))
            .sum(),
        _ => 0,
    }
}

/// The path of the first secret still masked, if any: such a body must never be sent.
pub fn masked_secret(v: &Value) -> Option<String> {
    fn walk(v: &Value, at: crate::path::Path) -> Option<String> {
        match v {
            Value::Object(map) => map.iter().find_map(|(k, child)| {
                if is_secret_key(k) && *child == MASK {
                    Some(at.clone().key(k.as_str()).to_string())
                } else {
                    walk(child, at.clone().key(k.as_str()))
                }
            }),
            Value::Array(items) => items
                .iter()
                .enumerate()
                .find_map(|(i, x)| walk(x, at.clone().index(i))),
            _ => None,
        }
    }
    walk(v, crate::path::Path::root())
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn nacos(password: &str) -> Value {
        json!({"microservice_info": {"nacos_info": {"user_info":
            {"user_name": "nacos", "password": password}}}})
    }

    #[test]
    fn redaction_hides_nacos_password_only() {
        let mut v = nacos("hunter2");
        assert!(has_secret(&v));
        redact_secrets(&mut v);
        let user = &v["microservice_info"]["nacos_info"]["user_info"];
        assert_eq!(user["password"], "***");
        assert_eq!(user["user_name"], "nacos");
        assert_eq!(
            masked_secret(&v).as_deref(),
            Some("microservice_info.nacos_info.user_info.password")
        );
    }

    #[test]
    fn a_mask_takes_the_live_value_and_an_edit_stays() {
        let live = nacos("hunter2");
        let mut masked = nacos("***");
        assert_eq!(restore_secrets(&mut masked, &live), 1);
        assert_eq!(masked, live);
        let mut edited = nacos("new-one");
        assert_eq!(restore_secrets(&mut edited, &live), 0);
        assert_eq!(masked_secret(&edited), None);
    }
}
