//! `microservice_info` (docs/api.md §3.5, §5.5): only on microservice channels, where it is
//! required with a `service_type` and the matching `*_info`.

use serde_json::{Map, Value};

use crate::model::{ServiceType, VpcChannelType, WorkloadType};

use super::channel::{Channel, is_blank};
use super::fields::{Need, Obj, Text, type_error};
use super::groups::kind_name;
use super::patterns::{
    CCE_WORD, CCE_WORD_RULE, HAN, K8S_NAMESPACE, LABEL_KEY, LABEL_KEY_RULE, NACOS_GROUP, NACOS_WORD,
};
use super::report::{At, Report, quote};
use super::unknown;

/// The `*_info` object each service type needs.
const INFOS: [(ServiceType, &str); 4] = [
    (ServiceType::Cse, "cse_info"),
    (ServiceType::Cce, "cce_info"),
    (ServiceType::CceService, "cce_service_info"),
    (ServiceType::Nacos, "nacos_info"),
];

/// Check `microservice_info` against the channel type; returns the service type when valid.
pub(crate) fn check_channel(r: &mut Report, body: Obj, ch: &Channel) -> Option<ServiceType> {
    let at = body.at.key("microservice_info");
    let raw = body.get("microservice_info");
    let blank = raw.is_none_or(is_blank);
    match ch.kind {
        Some(VpcChannelType::Microservice) if blank => {
            let named = body
                .get("vpc_channel_type")
                .and_then(Value::as_str)
                .is_some_and(|s| !s.is_empty());
            if named {
                r.error(
                    &at,
                    "required",
                    "required on a microservice channel: service_type and its *_info object".into(),
                );
            } else {
                // With only the deprecated `type` 3, the server makes a server channel when
                // microservice_info is missing (docs/api.md §5.5) rather than failing.
                r.warn(
                    &at,
                    "required",
                    "type 3 without microservice_info makes a server channel; add \
                     microservice_info (service_type and its *_info object) or use type 2"
                        .into(),
                );
            }
            None
        }
        Some(VpcChannelType::Builtin | VpcChannelType::Reference) if !blank => {
            r.warn(
                &at,
                "ignored",
                format!(
                    "ignored by the service: only microservice channels (vpc_channel_type \
                     `microservice` or type 3) use it; this is a {}",
                    kind_name(ch)
                ),
            );
            None
        }
        _ if blank => None,
        _ => {
            let map = body.object(r, "microservice_info", Need::No)?;
            check_info(r, Obj::new(map, &at))
        }
    }
}

fn check_info(r: &mut Report, ms: Obj) -> Option<ServiceType> {
    unknown::check(r, ms, &unknown::MICROSERVICE);
    let allowed: Vec<&str> = INFOS.iter().map(|(t, _)| t.wire()).collect();
    // The SDK models mark service_type optional, so its absence is only a warning; without it
    // no *_info object is required.
    if !ms.has("service_type") {
        r.warn(
            &ms.at.key("service_type"),
            "required",
            format!(
                "not set: say which registry the channel uses ({})",
                allowed.join(", ")
            ),
        );
    }
    let service = ms
        .str_enum(r, "service_type", Need::No, &allowed)
        .and_then(ServiceType::from_wire);
    for (kind, key) in INFOS {
        let matching = service == Some(kind);
        if service.is_some() && !matching {
            if ms.get(key).is_some_and(|v| !is_blank(v)) {
                r.warn(
                    &ms.at.key(key),
                    "ignored",
                    format!(
                        "ignored: service_type is {}",
                        service.map(ServiceType::wire).unwrap_or_default()
                    ),
                );
            }
            continue;
        }
        let need = if matching {
            Need::When(match kind {
                ServiceType::Cse => "when service_type is CSE",
                ServiceType::Cce => "when service_type is CCE",
                ServiceType::CceService => "when service_type is CCE_SERVICE",
                ServiceType::Nacos => "when service_type is NACOS",
            })
        } else {
            Need::No
        };
        let Some(map) = ms.object(r, key, need) else {
            continue;
        };
        let at = ms.at.key(key);
        let info = Obj::new(map, &at);
        match kind {
            ServiceType::Cse => cse(r, info),
            ServiceType::Cce => cce(r, info),
            ServiceType::CceService => cce_service(r, info),
            ServiceType::Nacos => nacos(r, info),
        }
    }
    service
}

fn cse(r: &mut Report, o: Obj) {
    unknown::check(r, o, &unknown::CSE);
    o.text(r, "engine_id", Need::Yes, Text::len(1, 64));
    o.text(r, "service_id", Need::Yes, Text::len(1, 64));
}

fn cce(r: &mut Report, o: Obj) {
    unknown::check(r, o, &unknown::CCE);
    o.text(r, "cluster_id", Need::Yes, Text::len(1, 64));
    o.text(r, "namespace", Need::Yes, Text::len(1, 64));
    let workloads: Vec<&str> = WorkloadType::ALL.iter().map(|w| w.wire()).collect();
    o.str_enum(r, "workload_type", Need::Yes, &workloads);
    let word = Text::with(1, 64, &CCE_WORD, CCE_WORD_RULE);
    o.text(r, "app_name", Need::No, word);
    o.text(
        r,
        "label_key",
        Need::No,
        Text::with(1, 64, &LABEL_KEY, LABEL_KEY_RULE),
    );
    o.text(r, "label_value", Need::No, word);

    // Either app_name, or label_key with label_value (docs/api.md §3.5).
    let given = |k: &str| o.get(k).is_some_and(|v| !is_blank(v));
    if given("app_name") {
        return;
    }
    match (given("label_key"), given("label_value")) {
        (true, true) => {}
        (false, false) => r.error(
            &o.at.key("app_name"),
            "required",
            "app_name, or label_key with label_value, is required".into(),
        ),
        (true, false) => r.error(
            &o.at.key("label_value"),
            "required",
            "required with label_key when app_name is not given".into(),
        ),
        (false, true) => r.error(
            &o.at.key("label_key"),
            "required",
            "required with label_value when app_name is not given".into(),
        ),
    }
}

fn cce_service(r: &mut Report, o: Obj) {
    unknown::check(r, o, &unknown::CCE_SERVICE);
    o.text(r, "cluster_id", Need::Yes, Text::len(1, 64));
    o.text(
        r,
        "namespace",
        Need::Yes,
        Text::with(
            1,
            63,
            &K8S_NAMESPACE,
            "must start with a lowercase letter, end with a lowercase letter or digit, and \
             contain only lowercase letters, digits, `-`",
        ),
    );
    o.text(
        r,
        "service_name",
        Need::Yes,
        Text::with(1, 64, &CCE_WORD, CCE_WORD_RULE),
    );
}

fn nacos(r: &mut Report, o: Obj) {
    unknown::check(r, o, &unknown::NACOS);
    let word = "must contain only letters, digits, `-`, `_`";
    o.text(
        r,
        "namespace",
        Need::No,
        Text::with(0, 64, &NACOS_WORD, word),
    );
    o.text(
        r,
        "cluster_name",
        Need::No,
        Text::with(0, 64, &NACOS_WORD, word),
    );
    o.text(
        r,
        "group_name",
        Need::No,
        Text::with(
            0,
            128,
            &NACOS_GROUP,
            "must contain only letters, digits, `-`, `_`, `.`, `:`",
        ),
    );
    if let Some(name) = o.text(r, "service_name", Need::Yes, Text::len(1, 512)) {
        let at = o.at.key("service_name");
        let problem = if name.starts_with('@') {
            Some("must not start with `@`")
        } else if name.contains("@@") {
            Some("must not contain `@@`")
        } else if HAN.is_match(name) {
            Some("must not contain Chinese characters")
        } else {
            None
        };
        if let Some(p) = problem {
            r.error(&at, "pattern", format!("{p}; got {}", quote(name)));
        }
    }
    server_config(r, o);
    if let Some(map) = o.object(r, "user_info", Need::Yes) {
        let at = o.at.key("user_info");
        let u = Obj::new(map, &at);
        unknown::check(r, u, &unknown::NACOS_USER);
        u.text(r, "user_name", Need::Yes, Text::len(1, 64));
        // Only the length is ever reported: the password must not reach any output.
        u.text(r, "password", Need::Yes, Text::len(1, 64));
    }
}

fn server_config(r: &mut Report, o: Obj) {
    let Some(items) = o.array(r, "server_config", Need::Yes) else {
        return;
    };
    let list_at = o.at.key("server_config");
    if !(1..=9).contains(&items.len()) {
        r.error(
            &list_at,
            "count",
            format!("must have 1..9 entries; got {}", items.len()),
        );
    }
    for (i, item) in items.iter().enumerate() {
        let at = list_at.index(i);
        let Some(map) = as_object(r, &at, item) else {
            continue;
        };
        let s = Obj::new(map, &at);
        unknown::check(r, s, &unknown::NACOS_SERVER);
        if let Some(ip) = s.text(r, "ip_address", Need::Yes, Text::len(7, 128))
            && HAN.is_match(ip)
        {
            r.error(
                &at.key("ip_address"),
                "pattern",
                format!("must not contain Chinese characters; got {}", quote(ip)),
            );
        }
        let port = s.int_range(r, "port", Need::Yes, 1, 65535);
        s.int_range(r, "grpc_port", Need::No, 1, 65535);
        if let Some(p) = port.filter(|p| p + NACOS_GRPC_OFFSET > 65535)
            && !s.has("grpc_port")
        {
            r.warn(
                &at.key("grpc_port"),
                "range",
                format!(
                    "not set, so it defaults to port + {NACOS_GRPC_OFFSET} = {}, beyond 65535; \
                     set grpc_port",
                    p + NACOS_GRPC_OFFSET
                ),
            );
        }
    }
}

/// A Nacos server's gRPC port defaults to its HTTP port plus this (SDK model
/// NacosServerConfig).
const NACOS_GRPC_OFFSET: i64 = 1000;

fn as_object<'v>(r: &mut Report, at: &At, v: &'v Value) -> Option<&'v Map<String, Value>> {
    match v {
        Value::Object(m) => Some(m),
        _ => {
            type_error(r, at, "object", v);
            None
        }
    }
}
