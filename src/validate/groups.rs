//! `member_groups[]` (docs/api.md §3.2, §5.4, §5.5): each group's fields, unique names, and the
//! fields that only some channel types allow.

use serde_json::Value;

use crate::diff::hash::SeededHashMap;
use crate::model::{ServiceType, VpcChannelType};

use super::channel::{Channel, is_blank};
use super::fields::{Need, Obj, Text, type_error};
use super::patterns::{LABEL, dict_code_rule, name_rule};
use super::report::{Report, quote};
use super::unknown;

const MICROSERVICE_ONLY: [&str; 3] = [
    "microservice_version",
    "microservice_port",
    "microservice_labels",
];

/// The groups a member may name.
pub(crate) struct Groups<'v> {
    /// False when `member_groups` is absent (or not an array): whether the server keeps the
    /// existing groups then is undocumented, so members' group names cannot be checked.
    pub known: bool,
    /// Name -> index of its first group.
    pub names: SeededHashMap<&'v str, usize>,
}

pub(crate) fn check<'v>(r: &mut Report, o: Obj<'v, '_>, ch: &Channel) -> Groups<'v> {
    let mut groups = Groups {
        known: matches!(
            o.map.get("member_groups"),
            Some(Value::Null | Value::Array(_))
        ),
        names: SeededHashMap::default(),
    };
    let Some(items) = o.array(r, "member_groups", Need::No) else {
        return groups;
    };
    let list_at = o.at.key("member_groups");
    for (i, item) in items.iter().enumerate() {
        let at = list_at.index(i);
        let Value::Object(map) = item else {
            type_error(r, &at, "object", item);
            continue;
        };
        let g = Obj::new(map, &at);
        unknown::check(r, g, &unknown::GROUP);
        check_group(r, g, ch);

        // Even a badly formed name identifies the group, so members naming it are not
        // reported a second time.
        if let Some(Value::String(name)) = g.get("member_group_name")
            && !name.is_empty()
        {
            if let Some(first) = groups.names.get(name.as_str()) {
                r.error(
                    &at.key("member_group_name"),
                    "duplicate_group",
                    format!(
                        "group names must be unique; {} is also member_groups[{first}]",
                        quote(name)
                    ),
                );
            } else {
                groups.names.insert(name, i);
            }
        }
    }
    groups
}

fn check_group(r: &mut Report, g: Obj, ch: &Channel) {
    g.text(r, "member_group_name", Need::Yes, name_rule());
    g.text(r, "member_group_remark", Need::No, Text::len(0, 255));
    g.text(r, "dict_code", Need::No, dict_code_rule());
    g.int_range(r, "member_group_weight", Need::No, 0, 100);
    if ch.service == Some(ServiceType::Nacos) && g.has("member_group_weight") {
        r.error(
            &g.at.key("member_group_weight"),
            "not_allowed",
            "must not be set on a Nacos microservice channel".into(),
        );
    }

    // Fields of another channel type are dropped by the service, not refused (SDK models:
    // "only supported when the channel type is ..."), so they are warned about.
    let micro_allowed = matches!(ch.kind, None | Some(VpcChannelType::Microservice));
    for key in MICROSERVICE_ONLY {
        if !micro_allowed && g.get(key).is_some_and(|v| !is_blank(v)) {
            r.warn(
                &g.at.key(key),
                "ignored",
                format!(
                    "ignored by the service: only microservice channels use it; this is a {}",
                    kind_name(ch)
                ),
            );
        }
    }
    if micro_allowed {
        g.text(r, "microservice_version", Need::No, Text::len(0, 64));
        g.int_range(r, "microservice_port", Need::No, 0, 65535);
        labels(r, g);
    }

    let reference = ch.kind == Some(VpcChannelType::Reference);
    let ref_id = g.get("reference_vpc_channel_id");
    if ch.kind.is_some() && !reference && ref_id.is_some_and(|v| !is_blank(v)) {
        r.warn(
            &g.at.key("reference_vpc_channel_id"),
            "ignored",
            format!(
                "ignored by the service: only reference channels use it; this is a {}",
                kind_name(ch)
            ),
        );
    } else {
        g.text(r, "reference_vpc_channel_id", Need::No, Text::len(0, 64));
        if reference && ref_id.is_none_or(is_blank) {
            r.warn(
                &g.at.key("reference_vpc_channel_id"),
                "required",
                "a group of a reference channel should name the channel it references".into(),
            );
        }
    }
}

fn labels(r: &mut Report, g: Obj) {
    let Some(items) = g.array(r, "microservice_labels", Need::No) else {
        return;
    };
    let list_at = g.at.key("microservice_labels");
    let rule = Text::with(
        1,
        63,
        &LABEL,
        "must start and end with a letter or digit and contain only letters, digits, `-`, `_`, `.`",
    );
    for (i, item) in items.iter().enumerate() {
        let at = list_at.index(i);
        let Value::Object(map) = item else {
            type_error(r, &at, "object", item);
            continue;
        };
        let l = Obj::new(map, &at);
        unknown::check(r, l, &unknown::LABEL);
        l.text(r, "label_name", Need::Yes, rule);
        l.text(r, "label_value", Need::Yes, rule);
    }
}

pub(crate) fn kind_name(ch: &Channel) -> &'static str {
    match ch.kind {
        Some(VpcChannelType::Builtin) | None => "server channel",
        Some(VpcChannelType::Microservice) => "microservice channel",
        Some(VpcChannelType::Reference) => "reference channel",
    }
}
