//! Enumerations of the v2 API with their meanings for display.
//!
//! Wire fields stay raw (`i64` / `String`) in the serde types so that an unexpected value from
//! the server is shown, not rejected; these helpers name the known values.

macro_rules! int_enum {
    ($(#[$m:meta])* $name:ident { $($variant:ident = $code:literal, $short:literal, $long:literal;)+ }) => {
        $(#[$m])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub enum $name { $($variant),+ }

        impl $name {
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            pub fn from_code(code: i64) -> Option<Self> {
                match code { $($code => Some($name::$variant),)+ _ => None }
            }
            pub fn code(self) -> i64 {
                match self { $($name::$variant => $code),+ }
            }
            /// Short name, e.g. `WRR`.
            pub fn name(self) -> &'static str {
                match self { $($name::$variant => $short),+ }
            }
            /// What the value means, in words.
            pub fn meaning(self) -> &'static str {
                match self { $($name::$variant => $long),+ }
            }
            /// `2 (WLC)` for known values, the bare number otherwise.
            pub fn describe(code: i64) -> String {
                match Self::from_code(code) {
                    Some(v) => format!("{} ({})", code, v.name()),
                    None => format!("{code} (unknown)"),
                }
            }
        }
    };
}

macro_rules! str_enum {
    ($(#[$m:meta])* $name:ident { $($variant:ident = $wire:literal, $long:literal;)+ }) => {
        $(#[$m])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub enum $name { $($variant),+ }

        impl $name {
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            /// Exact match on the wire value.
            pub fn from_wire(s: &str) -> Option<Self> {
                match s { $($wire => Some($name::$variant),)+ _ => None }
            }
            /// Case-insensitive match, for fields the server echoes in another case.
            pub fn from_wire_ci(s: &str) -> Option<Self> {
                $(if s.eq_ignore_ascii_case($wire) { return Some($name::$variant); })+
                None
            }
            pub fn wire(self) -> &'static str {
                match self { $($name::$variant => $wire),+ }
            }
            pub fn meaning(self) -> &'static str {
                match self { $($name::$variant => $long),+ }
            }
            /// The allowed wire values joined for messages: `ip, ecs`.
            pub fn allowed() -> String {
                [$($wire),+].join(", ")
            }
        }
    };
}

int_enum!(
    /// `balance_strategy` (docs/api.md §4.1).
    BalanceStrategy {
        Wrr = 1, "WRR", "weighted round robin";
        Wlc = 2, "WLC", "weighted least connections";
        SourceHash = 3, "SH", "source IP hash";
        UriHash = 4, "URI", "URI hash";
    }
);

int_enum!(
    /// Deprecated channel `type` (docs/api.md §4.3).
    ChannelTypeCode {
        Elb = 1, "elb", "private-network ELB channel (historical)";
        Server = 2, "server", "server channel";
        Microservice = 3, "microservice", "microservice channel";
    }
);

int_enum!(
    /// Channel `status` (docs/api.md §4.4).
    ChannelStatus {
        Normal = 1, "normal", "normal";
        Abnormal = 2, "abnormal", "abnormal";
    }
);

int_enum!(
    /// Member `status` (docs/api.md §4.5).
    MemberStatus {
        Enabled = 1, "enabled", "available, receives traffic";
        Disabled = 2, "disabled", "unavailable, receives no traffic";
    }
);

int_enum!(
    /// Health check `status` (docs/api.md §4.7).
    HealthCheckStatus {
        Normal = 1, "normal", "available";
        Abnormal = 2, "abnormal", "unavailable";
    }
);

str_enum!(
    /// `member_type` (docs/api.md §4.2).
    MemberType {
        Ip = "ip", "members are addresses (host)";
        Ecs = "ecs", "members are ECS instances (ecs_id, ecs_name)";
    }
);

str_enum!(
    /// `vpc_channel_type` (docs/api.md §4.3).
    VpcChannelType {
        Builtin = "builtin", "server channel";
        Microservice = "microservice", "microservice channel";
        Reference = "reference", "reference channel";
    }
);

str_enum!(
    /// Health check `protocol` (docs/api.md §4.6); the server echoes it lowercase.
    Protocol {
        Tcp = "TCP", "TCP connect";
        Http = "HTTP", "HTTP request";
        Https = "HTTPS", "HTTPS request";
    }
);

str_enum!(
    /// Health check `method` (docs/api.md §4.6).
    HttpMethod {
        Get = "GET", "GET request";
        Head = "HEAD", "HEAD request";
    }
);

str_enum!(
    /// `microservice_info.service_type` (docs/api.md §4.9).
    ServiceType {
        Cse = "CSE", "CSE registry";
        Cce = "CCE", "CCE workload";
        CceService = "CCE_SERVICE", "CCE Service";
        Nacos = "NACOS", "Nacos registry";
    }
);

str_enum!(
    /// `cce_info.workload_type` (docs/api.md §4.10).
    WorkloadType {
        Deployment = "deployment", "stateless";
        Statefulset = "statefulset", "stateful";
        Daemonset = "daemonset", "daemon set";
    }
);

str_enum!(
    /// Member `health_status` (docs/api.md §4.8), read-only.
    HealthStatus {
        Healthy = "healthy", "healthy";
        Unhealthy = "unhealthy", "unhealthy";
        Unknown = "unknown", "not health-checked";
    }
);

/// The channel's kind as the server decides it (docs/api.md §5.5): `vpc_channel_type` when set,
/// otherwise the deprecated `type` (3 with microservice info means microservice).
pub fn effective_channel_type(
    vpc_channel_type: Option<&str>,
    type_code: Option<i64>,
    has_microservice_info: bool,
) -> VpcChannelType {
    match vpc_channel_type.filter(|s| !s.is_empty()) {
        Some(s) => VpcChannelType::from_wire_ci(s).unwrap_or(VpcChannelType::Builtin),
        None if type_code == Some(3) && has_microservice_info => VpcChannelType::Microservice,
        None => VpcChannelType::Builtin,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn known_codes_have_names_and_unknown_codes_say_so() {
        assert_eq!(BalanceStrategy::describe(2), "2 (WLC)");
        assert_eq!(BalanceStrategy::describe(9), "9 (unknown)");
        assert_eq!(Protocol::from_wire_ci("http"), Some(Protocol::Http));
        assert_eq!(Protocol::from_wire("http"), None);
        assert_eq!(MemberType::allowed(), "ip, ecs");
    }

    #[test]
    fn channel_type_follows_spec_precedence() {
        use VpcChannelType::*;
        assert_eq!(
            effective_channel_type(Some("reference"), Some(2), false),
            Reference
        );
        assert_eq!(effective_channel_type(None, Some(3), true), Microservice);
        assert_eq!(effective_channel_type(None, Some(3), false), Builtin);
        assert_eq!(effective_channel_type(Some(""), Some(2), false), Builtin);
    }
}
