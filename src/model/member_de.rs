//! Reading a [`VpcMemberInfo`] straight from the wire. The derived reader of a struct with a
//! flattened `extra` buffers every field of every member before typing it, which made reading
//! 100,000 members several times slower; this one types the known fields as they come and
//! keeps the rest in `extra`, with the same outcome: `null` is absent, a known field of the
//! wrong type or given twice is an error, unknown fields are kept in order.

use std::fmt;

use serde::de::{self, DeserializeSeed, Deserializer, MapAccess, Visitor};
use serde::{Deserialize, de::Error as _};
use serde_json::Value;

use super::VpcMemberInfo;

/// The name of a member field as read: a known one, or another kept as written.
enum Field {
    Id,
    Host,
    Weight,
    IsBackup,
    MemberGroupName,
    Status,
    Port,
    EcsId,
    EcsName,
    VpcChannelId,
    CreateTime,
    MemberGroupId,
    HealthStatus,
    Other(String),
}

impl Field {
    fn of(name: &str) -> Option<Field> {
        Some(match name {
            "id" => Field::Id,
            "host" => Field::Host,
            "weight" => Field::Weight,
            "is_backup" => Field::IsBackup,
            "member_group_name" => Field::MemberGroupName,
            "status" => Field::Status,
            "port" => Field::Port,
            "ecs_id" => Field::EcsId,
            "ecs_name" => Field::EcsName,
            "vpc_channel_id" => Field::VpcChannelId,
            "create_time" => Field::CreateTime,
            "member_group_id" => Field::MemberGroupId,
            "health_status" => Field::HealthStatus,
            _ => return None,
        })
    }
}

/// Reads a key without allocating for the known ones.
struct FieldSeed;

impl<'de> DeserializeSeed<'de> for FieldSeed {
    type Value = Field;

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Field, D::Error> {
        d.deserialize_identifier(FieldSeed)
    }
}

impl<'de> Visitor<'de> for FieldSeed {
    type Value = Field;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a field name")
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<Field, E> {
        Ok(Field::of(v).unwrap_or_else(|| Field::Other(v.to_string())))
    }

    fn visit_string<E: de::Error>(self, v: String) -> Result<Field, E> {
        Ok(Field::of(&v).unwrap_or(Field::Other(v)))
    }
}

/// Sets a known field once; a second time is an error, as the derived reader has it.
fn once<'de, A: MapAccess<'de>, T: Deserialize<'de>>(
    map: &mut A,
    slot: &mut Option<Option<T>>,
    name: &'static str,
) -> Result<(), A::Error> {
    if slot.is_some() {
        return Err(A::Error::duplicate_field(name));
    }
    *slot = Some(map.next_value()?);
    Ok(())
}

struct MemberVisitor;

impl<'de> Visitor<'de> for MemberVisitor {
    type Value = VpcMemberInfo;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a member object")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<VpcMemberInfo, A::Error> {
        let (mut id, mut host, mut weight, mut is_backup, mut group) =
            (None, None, None, None, None);
        let (mut status, mut port, mut ecs_id, mut ecs_name, mut channel) =
            (None, None, None, None, None);
        let (mut create_time, mut group_id, mut health) = (None, None, None);
        let mut extra = super::Extra::new();
        while let Some(key) = map.next_key_seed(FieldSeed)? {
            match key {
                Field::Id => once(&mut map, &mut id, "id")?,
                Field::Host => once(&mut map, &mut host, "host")?,
                Field::Weight => once(&mut map, &mut weight, "weight")?,
                Field::IsBackup => once(&mut map, &mut is_backup, "is_backup")?,
                Field::MemberGroupName => once(&mut map, &mut group, "member_group_name")?,
                Field::Status => once(&mut map, &mut status, "status")?,
                Field::Port => once(&mut map, &mut port, "port")?,
                Field::EcsId => once(&mut map, &mut ecs_id, "ecs_id")?,
                Field::EcsName => once(&mut map, &mut ecs_name, "ecs_name")?,
                Field::VpcChannelId => once(&mut map, &mut channel, "vpc_channel_id")?,
                Field::CreateTime => once(&mut map, &mut create_time, "create_time")?,
                Field::MemberGroupId => once(&mut map, &mut group_id, "member_group_id")?,
                Field::HealthStatus => once(&mut map, &mut health, "health_status")?,
                Field::Other(name) => {
                    let value: Value = map.next_value()?;
                    extra.insert(name, value);
                }
            }
        }
        Ok(VpcMemberInfo {
            id: id.flatten(),
            host: host.flatten(),
            weight: weight.flatten(),
            is_backup: is_backup.flatten(),
            member_group_name: group.flatten(),
            status: status.flatten(),
            port: port.flatten(),
            ecs_id: ecs_id.flatten(),
            ecs_name: ecs_name.flatten(),
            vpc_channel_id: channel.flatten(),
            create_time: create_time.flatten(),
            member_group_id: group_id.flatten(),
            health_status: health.flatten(),
            extra,
        })
    }
}

impl<'de> Deserialize<'de> for VpcMemberInfo {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_map(MemberVisitor)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn known_fields_are_typed_and_the_rest_kept_in_order() {
        let src = json!({"id": "m1", "host": "10.0.0.1", "weight": 3, "is_backup": false,
            "member_group_name": "g", "status": 1, "port": 80, "ecs_id": null,
            "zone": "az1", "tags": {"a": [1, 2]}, "health_status": "healthy"});
        let text = src.to_string();
        let m: VpcMemberInfo = serde_json::from_str(&text).unwrap();
        assert_eq!(m.id.as_deref(), Some("m1"));
        assert_eq!(m.weight, Some(3));
        assert_eq!(m.port, Some(80));
        assert_eq!(m.ecs_id, None);
        assert_eq!(m.health_status.as_deref(), Some("healthy"));
        let keys: Vec<&String> = m.extra.keys().collect();
        assert_eq!(keys, ["zone", "tags"]);
        assert_eq!(m.extra["tags"], json!({"a": [1, 2]}));
        // From a value as from text.
        assert_eq!(serde_json::from_value::<VpcMemberInfo>(src).unwrap(), m);
    }

    #[test]
    fn a_wrong_type_or_a_field_twice_is_an_error() {
        for bad in [
            r#"{"weight": "3"}"#,
            r#"{"port": 1.5}"#,
            r#"{"is_backup": 1}"#,
            r#"{"host": 7}"#,
            r#"{"id": "a", "id": "b"}"#,
            r#"[]"#,
            r#""m""#,
        ] {
            assert!(
                serde_json::from_str::<VpcMemberInfo>(bad).is_err(),
                "{bad} was accepted"
            );
        }
        let escaped: VpcMemberInfo = serde_json::from_str(r#"{"ho\u0073t": "h"}"#).unwrap();
        assert_eq!(escaped.host.as_deref(), Some("h"));
    }
}
