//! The one place that masks and restores secrets (the Nacos password and the like).
//!
//! Shown, logged and journaled bodies carry [`MASK`] instead of a secret. A body that comes
//! back with the mask (a `show --json` file, an edited draft) gets the live secret back from
//! the loaded channel before it is sent; a mask that cannot be restored is never sent.

use serde_json::Value;

/// What a secret is shown as.
pub const MASK: &str = "***";

/// Field names whose values are secrets wherever they appear.
pub fn is_secret_key(key: &str) -> bool {
    matches!(key, "password" | "sk" | "secret_key" | "security_token")
}

/// Replace every secret in a JSON value with [`MASK`], for display, logs and the journal.
pub fn redact(v: &mut Value) {
    match v {
        Value::Object(map) => {
            for (k, child) in map.iter_mut() {
                if is_secret_key(k) && !child.is_null() {
                    *child = Value::String(MASK.into());
                } else {
                    redact(child);
                }
            }
        }
        Value::Array(items) => items.iter_mut().for_each(redact),
        _ => {}
    }
}

/// Put the secrets of `from` (the live channel) back where `into` holds the mask. An edited
/// secret (anything but the mask) is kept as given. Returns the paths restored, e.g.
/// `microservice_info.nacos_info.user_info.password`.
pub fn restore(into: &mut Value, from: &Value) -> Vec<String> {
    let mut restored = Vec::new();
    restore_at(into, from, &mut String::new(), &mut restored);
    restored
}

fn restore_at(into: &mut Value, from: &Value, at: &mut String, restored: &mut Vec<String>) {
    match (into, from) {
        (Value::Object(a), Value::Object(b)) => {
            for (k, v) in a.iter_mut() {
                let Some(orig) = b.get(k) else { continue };
                let len = at.len();
                push_key(at, k);
                if is_secret_key(k) && is_mask(v) {
                    // The live value may itself be the mask or absent: then nothing is
                    // restored, and the send refuses the body (see `masked_paths`).
                    if orig.as_str().is_some_and(|s| s != MASK) {
                        *v = orig.clone();
                        restored.push(at.clone());
                    }
                } else {
                    restore_at(v, orig, at, restored);
                }
                at.truncate(len);
            }
        }
        (Value::Array(a), Value::Array(b)) => {
            for (i, (x, y)) in a.iter_mut().zip(b).enumerate() {
                let len = at.len();
                at.push_str(&format!("[{i}]"));
                restore_at(x, y, at, restored);
                at.truncate(len);
            }
        }
        _ => {}
    }
}

/// The paths of secret fields that still hold the mask: a body with any must not be sent.
pub fn masked_paths(v: &Value) -> Vec<String> {
    let mut found = Vec::new();
    masked_at(v, &mut String::new(), &mut found);
    found
}

fn masked_at(v: &Value, at: &mut String, found: &mut Vec<String>) {
    match v {
        Value::Object(map) => {
            for (k, child) in map {
                let len = at.len();
                push_key(at, k);
                if is_secret_key(k) && is_mask(child) {
                    found.push(at.clone());
                } else {
                    masked_at(child, at, found);
                }
                at.truncate(len);
            }
        }
        Value::Array(items) => {
            for (i, child) in items.iter().enumerate() {
                let len = at.len();
                at.push_str(&format!("[{i}]"));
                masked_at(child, at, found);
                at.truncate(len);
            }
        }
        _ => {}
    }
}

/// A copy without any secret field, for comparing bodies whose secrets may be real, masked
/// or left out.
pub fn without_secrets(v: &Value) -> Value {
    match v {
        Value::Object(map) => Value::Object(
            map.iter()
                .filter(|(k, _)| !is_secret_key(k))
                .map(|(k, child)| (k.clone(), without_secrets(child)))
                .collect(),
        ),
        Value::Array(items) => Value::Array(items.iter().map(without_secrets).collect()),
        other => other.clone(),
    }
}

fn is_mask(v: &Value) -> bool {
    v.as_str() == Some(MASK)
}

fn push_key(at: &mut String, key: &str) {
    if !at.is_empty() {
        at.push('.');
    }
    at.push_str(key);
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn nacos(password: &str) -> Value {
        json!({"name": "c", "microservice_info": {"nacos_info": {"user_info":
            {"user_name": "nacos", "password": password}}}})
    }

    const PASSWORD: &str = "microservice_info.nacos_info.user_info.password";

    #[test]
    fn redaction_hides_the_nacos_password_only() {
        let mut v = nacos("hunter2");
        redact(&mut v);
        assert_eq!(v, nacos(MASK));
    }

    #[test]
    fn a_mask_gets_the_live_secret_back_and_an_edited_secret_stays() {
        let live = nacos("hunter2");
        let mut masked = nacos(MASK);
        assert_eq!(restore(&mut masked, &live), vec![PASSWORD.to_string()]);
        assert_eq!(masked, live);

        let mut edited = nacos("new-pass");
        assert!(restore(&mut edited, &live).is_empty());
        assert_eq!(edited, nacos("new-pass"));
    }

    #[test]
    fn a_mask_without_a_live_secret_stays_and_is_found() {
        let mut masked = nacos(MASK);
        assert!(restore(&mut masked, &nacos(MASK)).is_empty());
        assert!(restore(&mut masked, &json!({"name": "c"})).is_empty());
        assert_eq!(masked_paths(&masked), vec![PASSWORD.to_string()]);
        assert!(masked_paths(&nacos("hunter2")).is_empty());
        let in_array = json!({"servers": [{"sk": MASK}]});
        assert_eq!(masked_paths(&in_array), vec!["servers[0].sk".to_string()]);
    }

    #[test]
    fn without_secrets_drops_them_wherever_they_are() {
        let v = without_secrets(&nacos("hunter2"));
        assert_eq!(
            v,
            json!({"name": "c", "microservice_info": {"nacos_info": {"user_info":
                {"user_name": "nacos"}}}})
        );
    }
}
