//! Fields a level of the body does not define: warned about, with a "did you mean".

use super::fields::Obj;
use super::report::{At, Report};
use crate::limits::MAX_SHOWN_NAME;

/// The request fields of one object level, and the fields the server adds in responses
/// (harmless in a body, but not sent by a clean PUT).
pub(crate) struct Level {
    pub fields: &'static [&'static str],
    pub response_only: &'static [&'static str],
}

pub(crate) const CHANNEL: Level = Level {
    fields: &[
        "name",
        "port",
        "balance_strategy",
        "member_type",
        "type",
        "vpc_channel_type",
        "dict_code",
        "member_groups",
        "members",
        "vpc_health_config",
        "microservice_info",
    ],
    response_only: &["id", "create_time", "update_time", "status"],
};

pub(crate) const GROUP: Level = Level {
    fields: &[
        "member_group_name",
        "member_group_remark",
        "member_group_weight",
        "dict_code",
        "microservice_version",
        "microservice_port",
        "microservice_labels",
        "reference_vpc_channel_id",
    ],
    response_only: &["member_group_id", "create_time", "update_time"],
};

pub(crate) const MEMBER: Level = Level {
    fields: &[
        "host",
        "weight",
        "is_backup",
        "member_group_name",
        "status",
        "port",
        "ecs_id",
        "ecs_name",
    ],
    response_only: &[
        "id",
        "vpc_channel_id",
        "create_time",
        "member_group_id",
        "health_status",
    ],
};

pub(crate) const HEALTH: Level = Level {
    fields: &[
        "protocol",
        "path",
        "method",
        "port",
        "threshold_normal",
        "threshold_abnormal",
        "time_interval",
        "timeout",
        "http_code",
        "enable_client_ssl",
        "status",
    ],
    response_only: &["id", "vpc_channel_id", "create_time"],
};

pub(crate) const MICROSERVICE: Level = Level {
    fields: &[
        "service_type",
        "cse_info",
        "cce_info",
        "cce_service_info",
        "nacos_info",
    ],
    response_only: &["id", "instance_id", "create_time", "update_time"],
};

pub(crate) const CSE: Level = Level {
    fields: &["engine_id", "service_id"],
    response_only: &[
        "engine_name",
        "service_name",
        "register_address",
        "cse_app_id",
        "version",
    ],
};

pub(crate) const CCE: Level = Level {
    fields: &[
        "cluster_id",
        "namespace",
        "workload_type",
        "app_name",
        "label_key",
        "label_value",
    ],
    response_only: &["cluster_name"],
};

pub(crate) const CCE_SERVICE: Level = Level {
    fields: &["cluster_id", "namespace", "service_name"],
    response_only: &["cluster_name"],
};

pub(crate) const NACOS: Level = Level {
    fields: &[
        "namespace",
        "cluster_name",
        "group_name",
        "service_name",
        "server_config",
        "user_info",
    ],
    response_only: &[],
};

pub(crate) const NACOS_SERVER: Level = Level {
    fields: &["ip_address", "port", "grpc_port"],
    response_only: &[],
};

pub(crate) const NACOS_USER: Level = Level {
    fields: &["user_name", "password"],
    response_only: &[],
};

pub(crate) const LABEL: Level = Level {
    fields: &["label_name", "label_value"],
    response_only: &[],
};

/// Warn about every field of `obj` that `level` does not define.
pub(crate) fn check(r: &mut Report, obj: Obj, level: &Level) {
    for key in obj.map.keys() {
        if !level.fields.contains(&key.as_str()) {
            report(r, obj.at, key, level);
        }
    }
}

/// Warn about one field that `level` does not define.
pub(crate) fn report(r: &mut Report, parent: &At, key: &str, level: &Level) {
    let at = parent.key(key);
    if level.response_only.contains(&key) {
        r.warn(
            &at,
            "response_field",
            "response-only field; not part of a PUT body, the server ignores it".into(),
        );
        return;
    }
    let message = match suggest(key, level.fields) {
        Some(near) => format!("unknown field; did you mean `{near}`?"),
        None if crate::sanitize::cut(key, MAX_SHOWN_NAME).1 => format!(
            "unknown field with a name of {} bytes (cut here); known here: {}",
            key.len(),
            level.fields.join(", ")
        ),
        None => format!("unknown field; known here: {}", level.fields.join(", ")),
    };
    r.warn(&at, "unknown_field", message);
}

/// Most edits a suggestion may be away from the key.
const MAX_EDITS: usize = 3;

/// The closest known name, when it is close enough to be a likely typo. A name that cannot be
/// within [`MAX_EDITS`] of any known one (by length alone) costs no edit distance: a field
/// name of megabytes from a server is looked at once, up to the longest known name.
pub(crate) fn suggest(key: &str, known: &[&'static str]) -> Option<&'static str> {
    let longest = known.iter().map(|k| k.chars().count()).max()?;
    let (head, too_long) = crate::sanitize::cut(key, longest + MAX_EDITS);
    if too_long {
        return None;
    }
    let len = head.chars().count();
    let lower = head.to_ascii_lowercase();
    let (best, dist) = known
        .iter()
        .filter(|k| k.chars().count().abs_diff(len) <= MAX_EDITS)
        .map(|k| (*k, edit_distance(&lower, k)))
        .min_by_key(|(_, d)| *d)?;
    let limit = (best.chars().count() / 3).clamp(1, MAX_EDITS);
    (dist <= limit).then_some(best)
}

/// Levenshtein distance over characters, with adjacent transpositions counted as one edit
/// (`wieght` -> `weight`).
pub(crate) fn edit_distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    let w = b.len() + 1;
    let mut d = vec![0usize; (a.len() + 1) * w];
    for (j, cell) in d.iter_mut().take(w).enumerate() {
        *cell = j;
    }
    for i in 1..=a.len() {
        d[i * w] = i;
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut best = (d[(i - 1) * w + j] + 1)
                .min(d[i * w + j - 1] + 1)
                .min(d[(i - 1) * w + j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                best = best.min(d[(i - 2) * w + j - 2] + 1);
            }
            d[i * w + j] = best;
        }
    }
    d[a.len() * w + b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn typos_get_a_suggestion() {
        assert_eq!(suggest("wieght", MEMBER.fields), Some("weight"));
        assert_eq!(suggest("Weight", MEMBER.fields), Some("weight"));
        assert_eq!(suggest("hots", MEMBER.fields), Some("host"));
        assert_eq!(
            suggest("time_intervall", HEALTH.fields),
            Some("time_interval")
        );
        assert_eq!(suggest("zone", MEMBER.fields), None);
    }

    #[test]
    fn a_huge_name_gets_no_suggestion_and_no_distance() {
        let huge = "weight".repeat(1 << 20);
        assert_eq!(suggest(&huge, MEMBER.fields), None);
        assert_eq!(suggest("weightxx", MEMBER.fields), Some("weight"));
    }

    #[test]
    fn distance_counts_edits() {
        assert_eq!(edit_distance("kitten", "sitting"), 3);
        assert_eq!(edit_distance("", "abc"), 3);
        assert_eq!(edit_distance("ab", "ba"), 1);
    }
}
