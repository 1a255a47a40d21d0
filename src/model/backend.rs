//! `HOST[:PORT]` as `find` and `drain` take it (and the editor's search): a backend address, with the port it serves
//! on when given. A member matches when its `host` is the host and, with a port, its effective
//! port (its own, or the channel's when it has 0 or none) is that port.

use super::VpcMemberInfo;
use crate::sanitize;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Backend {
    pub host: String,
    pub port: Option<u16>,
}

impl Backend {
    /// `10.0.0.1`, `10.0.0.1:8080`, `db.internal:5432`, `[fe80::1]:80`, `fe80::1`.
    pub fn parse(text: &str) -> Result<Backend, String> {
        let t = text.trim();
        let bad = |why: &str| {
            Err(format!(
                "{} is not HOST or HOST:PORT: {why}",
                sanitize::excerpt(text, 80)
            ))
        };
        if t.is_empty() {
            return bad("it is empty");
        }
        if t.chars()
            .any(|c| c.is_whitespace() || sanitize::is_unsafe(c))
        {
            return bad("it holds a space or a control character");
        }
        let (host, port) = if let Some(rest) = t.strip_prefix('[') {
            match rest.split_once(']') {
                Some((h, "")) => (h, None),
                Some((h, p)) => match p.strip_prefix(':') {
                    Some(p) => (h, Some(p)),
                    None => return bad("expected `:PORT` after `]`"),
                },
                None => return bad("`[` without `]`"),
            }
        } else if t.matches(':').count() > 1 {
            // A bare IPv6 address: its colons are not a port.
            (t, None)
        } else {
            match t.split_once(':') {
                Some((h, p)) => (h, Some(p)),
                None => (t, None),
            }
        };
        if host.is_empty() {
            return bad("the host is empty");
        }
        let port = match port {
            None => None,
            Some(p) => match p.parse::<u16>() {
                Ok(n) if n > 0 => Some(n),
                _ => return bad("the port must be a number from 1 to 65535"),
            },
        };
        Ok(Backend {
            host: host.to_string(),
            port,
        })
    }

    /// Whether `member` of a channel with port `channel_port` is this backend.
    pub fn matches(&self, member: &VpcMemberInfo, channel_port: Option<i64>) -> bool {
        if member.host.as_deref() != Some(self.host.as_str()) {
            return false;
        }
        match self.port {
            None => true,
            Some(want) => effective_port(member, channel_port) == Some(i64::from(want)),
        }
    }

    /// As the user would write it.
    pub fn label(&self) -> String {
        let host = if self.host.contains(':') {
            format!("[{}]", self.host)
        } else {
            self.host.clone()
        };
        match self.port {
            Some(p) => format!("{host}:{p}"),
            None => host,
        }
    }
}

/// The port a member serves on: its own, or the channel's when it names 0 or none.
/// A member's status by name: `enabled` when it names none (the API's default).
pub fn status_name(status: Option<i64>) -> String {
    use super::MemberStatus;
    let code = status.unwrap_or(MemberStatus::Enabled.code());
    MemberStatus::from_code(code).map_or_else(|| code.to_string(), |s| s.name().to_string())
}

pub fn effective_port(member: &VpcMemberInfo, channel_port: Option<i64>) -> Option<i64> {
    member.port.filter(|p| *p != 0).or(channel_port)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn member(host: &str, port: Option<i64>) -> VpcMemberInfo {
        VpcMemberInfo {
            host: Some(host.into()),
            port,
            ..Default::default()
        }
    }

    #[test]
    fn hosts_ports_and_ipv6_parse() {
        let b = |h: &str, p: Option<u16>| Backend {
            host: h.into(),
            port: p,
        };
        assert_eq!(Backend::parse("10.0.0.1").unwrap(), b("10.0.0.1", None));
        assert_eq!(
            Backend::parse(" db.internal:5432 ").unwrap(),
            b("db.internal", Some(5432))
        );
        assert_eq!(
            Backend::parse("[fe80::1]:80").unwrap(),
            b("fe80::1", Some(80))
        );
        assert_eq!(Backend::parse("fe80::1").unwrap(), b("fe80::1", None));
        assert_eq!(Backend::parse("[fe80::1]").unwrap().label(), "[fe80::1]");
        for bad in [
            "", "h:", "h:0", "h:70000", "h:x", ":80", "[fe80::1", "a b", "h\x1b[2J",
        ] {
            let err = Backend::parse(bad).unwrap_err();
            assert!(
                err.contains("HOST:PORT") && !err.contains('\x1b'),
                "{bad:?}: {err}"
            );
        }
    }

    #[test]
    fn a_port_matches_the_effective_port() {
        let any = Backend::parse("10.0.0.1").unwrap();
        let on_80 = Backend::parse("10.0.0.1:80").unwrap();
        assert!(any.matches(&member("10.0.0.1", Some(8080)), Some(80)));
        assert!(on_80.matches(&member("10.0.0.1", Some(0)), Some(80)));
        assert!(on_80.matches(&member("10.0.0.1", None), Some(80)));
        assert!(!on_80.matches(&member("10.0.0.1", Some(8080)), Some(80)));
        assert!(!any.matches(&member("10.0.0.10", None), Some(80)));
    }
}
