//! Groups pane: the table of member groups and the form of one group.

use serde_json::{Value, json};

use super::{Field, Kind, field};
use crate::model::VpcChannelType;
use crate::path::Path;

pub fn prefix(i: usize) -> Path {
    Path::root().key("member_groups").index(i)
}

pub fn channel_kind(draft: &Value) -> VpcChannelType {
    crate::model::effective_channel_type(
        draft["vpc_channel_type"].as_str(),
        draft["type"].as_i64(),
        draft["microservice_info"].is_object(),
    )
}

pub fn fields(draft: &Value, i: usize) -> Vec<Field> {
    let p = prefix(i);
    let mut out = vec![
        field(&p, "member_group_name", "Name", Kind::Text),
        field(
            &p,
            "member_group_weight",
            "Weight",
            Kind::Number { min: 0, max: 100 },
        ),
        field(&p, "member_group_remark", "Remark", Kind::Text),
    ];
    match channel_kind(draft) {
        VpcChannelType::Microservice => {
            out.push(field(
                &p,
                "microservice_version",
                "Microservice version",
                Kind::Text,
            ));
            out.push(field(
                &p,
                "microservice_port",
                "Microservice port",
                Kind::Number { min: 0, max: 65535 },
            ));
            out.push(field(
                &p,
                "microservice_labels",
                "Labels (k=v, …)",
                Kind::Labels,
            ));
        }
        VpcChannelType::Reference => {
            out.push(field(
                &p,
                "reference_vpc_channel_id",
                "Referenced channel",
                Kind::Text,
            ));
        }
        VpcChannelType::Builtin => {}
    }
    out
}

/// A new group with a name not yet used.
pub fn new_group(draft: &Value) -> Value {
    let names: Vec<&str> = draft["member_groups"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|g| g["member_group_name"].as_str())
        .collect();
    let name = (1..)
        .map(|n| format!("group{n}"))
        .find(|n| !names.contains(&n.as_str()))
        .unwrap_or_else(|| "group".into());
    json!({"member_group_name": name, "member_group_weight": 1})
}

/// Members of each group, by group name.
pub fn member_count(draft: &Value, name: &str) -> usize {
    draft["members"]
        .as_array()
        .into_iter()
        .flatten()
        .filter(|m| m["member_group_name"].as_str() == Some(name))
        .count()
}

/// Groups whose name contains `needle` (case-insensitive).
pub fn filter(draft: &Value, needle: &str) -> Vec<usize> {
    let needle = needle.to_lowercase();
    draft["member_groups"]
        .as_array()
        .into_iter()
        .flatten()
        .enumerate()
        .filter(|(_, g)| matches(g, &needle))
        .map(|(i, _)| i)
        .collect()
}

/// Whether a group's name contains `needle` (already lower case).
pub fn matches(g: &Value, needle: &str) -> bool {
    super::plain(&g["member_group_name"])
        .to_lowercase()
        .contains(needle)
}
