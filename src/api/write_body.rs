//! The last check before a write body leaves the client: no masked secret goes out, and the
//! full channel PUT always carries both arrays.

use std::borrow::Cow;

use serde_json::Value;

use super::ApiError;
use crate::model::{MASK, masked_secret};

/// The arrays a full channel PUT always sends: an omitted one is not "keep" (spec §5.1).
pub const FULL_PUT_ARRAYS: [&str; 2] = ["members", "member_groups"];

/// Encode a write body, refusing one that still holds a masked secret.
pub fn encode(body: &Value) -> Result<Vec<u8>, ApiError> {
    if let Some(path) = masked_secret(body) {
        return Err(ApiError::Config(format!(
            "refusing to send: {} holds the mask {} instead of the secret; nothing was sent \
             (put the real value there, or take the live one with a body loaded from the server)",
            crate::sanitize::excerpt(&path, 120),
            MASK
        )));
    }
    serde_json::to_vec(body).map_err(|e| ApiError::Config(format!("cannot encode the body: {e}")))
}

/// The full PUT body: a missing or `null` array is sent as `[]` (the callers' mass-delete
/// guard sees such a body as emptying that list).
pub fn full_put(body: &Value) -> Cow<'_, Value> {
    let missing = |k: &str| body.get(k).is_none_or(Value::is_null);
    if !body.is_object() || !FULL_PUT_ARRAYS.iter().any(|k| missing(k)) {
        return Cow::Borrowed(body);
    }
    let mut filled = body.clone();
    if let Some(map) = filled.as_object_mut() {
        for k in FULL_PUT_ARRAYS {
            if map.get(k).is_none_or(Value::is_null) {
                map.insert(k.to_string(), Value::Array(Vec::new()));
            }
        }
    }
    Cow::Owned(filled)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn a_mask_is_never_encoded() {
        let body = json!({"microservice_info": {"nacos_info": {"user_info": {"password": "***"}}}});
        let err = encode(&body).unwrap_err();
        assert!(
            err.to_string()
                .contains("microservice_info.nacos_info.user_info.password"),
            "{err}"
        );
        assert!(encode(&json!({"password": "real"})).is_ok());
    }

    #[test]
    fn both_arrays_are_filled() {
        let body = json!({"name": "a", "members": null});
        assert_eq!(
            *full_put(&body),
            json!({"name": "a", "members": [], "member_groups": []})
        );
        let whole = json!({"members": [1], "member_groups": []});
        assert!(matches!(full_put(&whole), Cow::Borrowed(_)));
    }
}
