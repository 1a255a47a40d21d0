//! serde types of the APIG v2 VPC channel API, field names exactly as on the wire.
//!
//! Every object keeps the fields it does not know in `extra`, so nothing is dropped between
//! load and send. Wire values stay raw; [`enums`] names them for display.

mod back_to_back;
mod backend;
mod base;
mod compact;
pub mod enums;
mod gateway;
mod identity;
mod loaded;
mod member_de;
pub mod member_status;
mod microservice;
mod names;
mod packed;
mod request;
mod response;
mod secrets;

use serde::{Deserialize, Deserializer};

pub use back_to_back::BackToBack;
pub use backend::{Backend, effective_port, status_name};
pub use base::{base_body, base_value, base_value_owned, with_members};
pub use compact::Base;
pub use enums::*;
pub use gateway::*;
pub use identity::{
    KeyContext, MemberKey, address_field, field, group_identity, is_ecs, is_ecs_type,
    member_identity, member_key, member_key_in, member_key_of,
};
pub use loaded::Loaded;
pub use microservice::*;
pub use names::Names;
pub use request::*;
pub use response::*;
pub use secrets::{
    MASK, has_secret, is_secret_key, masked_paths, masked_secret, redact_secrets, restore_secrets,
    without_secrets,
};

/// Unknown fields of an object, in the order they came.
pub type Extra = serde_json::Map<String, serde_json::Value>;

/// `null` and absent both mean "no items" for list fields.
pub(crate) fn null_as_empty<'de, D, T>(d: D) -> Result<Vec<T>, D::Error>
where
    D: Deserializer<'de>,
    T: Deserialize<'de>,
{
    Ok(Option::<Vec<T>>::deserialize(d)?.unwrap_or_default())
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn unknown_fields_survive_a_round_trip() {
        let src = json!({"name": "a1b", "port": 80, "future_field": {"x": 1},
            "members": [{"host": "10.0.0.1", "zone": "az1"}], "member_groups": []});
        let body: VpcCreate = serde_json::from_value(src.clone()).unwrap();
        assert_eq!(body.extra["future_field"], json!({"x": 1}));
        assert_eq!(serde_json::to_value(&body).unwrap(), src);
    }

    #[test]
    fn both_arrays_are_always_serialised() {
        let v = serde_json::to_value(VpcCreate::default()).unwrap();
        assert_eq!(v, json!({"member_groups": [], "members": []}));
    }
}
