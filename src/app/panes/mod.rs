//! Form logic shared by the panes: fields as data (path, label, kind), reading and writing
//! them in the draft, and the text <-> value conversions.

pub mod groups;
pub mod health;
pub mod members;
pub mod microservice;
pub mod overview;

use serde_json::Value;

use super::editor::Editor;
use super::rows::RowKind;
use super::state::Pane;
use crate::path::Path;

/// A fixed set of values a field cycles through.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Choices {
    BalanceStrategy,
    MemberType,
    Protocol,
    Method,
    MemberStatus,
    HealthStatus,
    ServiceType,
    Workload,
    /// The draft's group names, plus "none".
    Group,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Text,
    /// Shown masked, never in clear.
    Secret,
    Number {
        min: i64,
        max: i64,
    },
    Choice(Choices),
    Bool,
    /// `name=value, name=value` <-> `[{label_name, label_value}]`.
    Labels,
    /// `ip:port[:grpc_port], …` <-> Nacos `server_config`.
    Servers,
}

impl Kind {
    /// Typed in a text box (as opposed to cycled or toggled).
    pub fn is_typed(self) -> bool {
        matches!(
            self,
            Kind::Text | Kind::Secret | Kind::Number { .. } | Kind::Labels | Kind::Servers
        )
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Field {
    pub path: Path,
    pub label: &'static str,
    pub kind: Kind,
}

/// A field at `prefix` + `keys`, where `keys` may name nested objects (`cce_info.app_name`).
pub fn field(prefix: &Path, keys: &str, label: &'static str, kind: Kind) -> Field {
    Field {
        path: keys.split('.').fold(prefix.clone(), |p, k| p.key(k)),
        label,
        kind,
    }
}

/// The options of a choice as (wire value, shown label).
pub fn options(c: Choices, draft: &Value) -> Vec<(Value, String)> {
    use crate::model::*;
    fn ints<T: Copy>(
        all: &[T],
        code: impl Fn(T) -> i64,
        name: impl Fn(T) -> String,
    ) -> Vec<(Value, String)> {
        all.iter()
            .map(|v| (Value::from(code(*v)), name(*v)))
            .collect()
    }
    fn strs<T: Copy>(all: &[T], wire: impl Fn(T) -> &'static str) -> Vec<(Value, String)> {
        all.iter()
            .map(|v| (Value::from(wire(*v)), wire(*v).to_string()))
            .collect()
    }
    match c {
        Choices::BalanceStrategy => ints(
            BalanceStrategy::ALL,
            |v| v.code(),
            |v| format!("{} ({})", v.code(), v.name()),
        ),
        Choices::MemberType => strs(MemberType::ALL, |v| v.wire()),
        Choices::Protocol => strs(Protocol::ALL, |v| v.wire()),
        Choices::Method => strs(HttpMethod::ALL, |v| v.wire()),
        Choices::MemberStatus => ints(
            MemberStatus::ALL,
            |v| v.code(),
            |v| format!("{} ({})", v.code(), v.name()),
        ),
        Choices::HealthStatus => ints(
            HealthCheckStatus::ALL,
            |v| v.code(),
            |v| format!("{} ({})", v.code(), v.name()),
        ),
        Choices::ServiceType => strs(ServiceType::ALL, |v| v.wire()),
        Choices::Workload => strs(WorkloadType::ALL, |v| v.wire()),
        Choices::Group => {
            let mut out = vec![(Value::Null, "(none)".to_string())];
            for g in draft["member_groups"].as_array().into_iter().flatten() {
                if let Some(n) = g["member_group_name"].as_str() {
                    out.push((Value::from(n), crate::sanitize::line(n)));
                }
            }
            out
        }
    }
}

/// What the current value of a choice means, in words, for the help line under the form.
pub fn meaning(f: &Field, draft: &Value) -> Option<&'static str> {
    use crate::model::*;
    let v = f.path.get(draft)?;
    match f.kind {
        Kind::Choice(Choices::BalanceStrategy) => {
            BalanceStrategy::from_code(v.as_i64()?).map(|x| x.meaning())
        }
        Kind::Choice(Choices::MemberType) => {
            MemberType::from_wire_ci(v.as_str()?).map(|x| x.meaning())
        }
        Kind::Choice(Choices::Protocol) => Protocol::from_wire_ci(v.as_str()?).map(|x| x.meaning()),
        Kind::Choice(Choices::MemberStatus) => {
            MemberStatus::from_code(v.as_i64()?).map(|x| x.meaning())
        }
        Kind::Choice(Choices::ServiceType) => {
            ServiceType::from_wire_ci(v.as_str()?).map(|x| x.meaning())
        }
        Kind::Choice(Choices::Workload) => {
            WorkloadType::from_wire_ci(v.as_str()?).map(|x| x.meaning())
        }
        _ => None,
    }
}

/// The value after `current` in a choice (`step` = 1 or -1), wrapping around.
pub fn cycle(c: Choices, draft: &Value, current: Option<&Value>, step: isize) -> Value {
    let opts = options(c, draft);
    let norm = |v: &Value| match v {
        Value::String(s) => Value::from(s.to_ascii_uppercase()),
        other => other.clone(),
    };
    let cur = current.filter(|v| !v.is_null() && *v != "");
    // Unset is a place in the cycle when the choice offers it ("(none)" for groups);
    // otherwise the first step from it lands on either end.
    let at = match cur {
        Some(v) => opts.iter().position(|(o, _)| norm(o) == norm(v)),
        None => opts.iter().position(|(o, _)| o.is_null()),
    };
    let n = opts.len() as isize;
    if n == 0 {
        return Value::Null;
    }
    let next = match at {
        Some(i) => (i as isize + step).rem_euclid(n),
        None if step > 0 => 0,
        None => n - 1,
    };
    opts[next as usize].0.clone()
}

/// How a field's value is shown (sanitised; secrets masked; choices named).
pub fn display(f: &Field, draft: &Value) -> String {
    let v = f.path.get(draft);
    match (f.kind, v) {
        (_, None) | (_, Some(Value::Null)) => String::new(),
        (Kind::Secret, Some(_)) => "••••••".to_string(),
        (Kind::Choice(c), Some(v)) => {
            let opts = options(c, draft);
            let up = |x: &Value| x.as_str().map(str::to_ascii_uppercase);
            opts.iter()
                .find(|(o, _)| o == v || (up(o).is_some() && up(o) == up(v)))
                .map(|(_, l)| l.clone())
                .unwrap_or_else(|| format!("{} (unknown)", plain(v)))
        }
        (Kind::Bool, Some(Value::Bool(b))) => if *b { "yes" } else { "no" }.to_string(),
        (Kind::Labels, Some(v)) => labels_text(v),
        (Kind::Servers, Some(v)) => servers_text(v),
        (_, Some(v)) => plain(v),
    }
}

/// A value as one sanitised line: strings bare, the rest as JSON.
pub fn plain(v: &Value) -> String {
    match v {
        Value::String(s) => crate::sanitize::line(s),
        Value::Null => String::new(),
        other => crate::sanitize::line(&other.to_string()),
    }
}

/// The text a field's editor starts with (unmasked for secrets: the box masks it).
pub fn edit_text(f: &Field, draft: &Value) -> String {
    match f.path.get(draft) {
        None | Some(Value::Null) => String::new(),
        Some(Value::String(s)) => s.clone(),
        Some(v) if f.kind == Kind::Labels => labels_text(v),
        Some(v) if f.kind == Kind::Servers => servers_text(v),
        Some(v) => v.to_string(),
    }
}

/// Turn typed text into the value stored in the draft; `None` removes the key
/// (an empty field means "not set", as the server's `""` does).
pub fn parse_text(kind: Kind, text: &str) -> Result<Option<Value>, String> {
    let t = text.trim();
    match kind {
        _ if t.is_empty() => Ok(None),
        Kind::Number { .. } => t
            .parse::<i64>()
            .map(|n| Some(Value::from(n)))
            .map_err(|_| format!("not a number: {t}")),
        Kind::Labels => Ok(Some(parse_labels(t))),
        Kind::Servers => parse_servers(t).map(Some),
        _ => Ok(Some(Value::from(text.to_string()))),
    }
}

fn labels_text(v: &Value) -> String {
    v.as_array()
        .into_iter()
        .flatten()
        .map(|l| format!("{}={}", plain(&l["label_name"]), plain(&l["label_value"])))
        .collect::<Vec<_>>()
        .join(", ")
}

fn parse_labels(t: &str) -> Value {
    let items: Vec<Value> = t
        .split(',')
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(|item| {
            let (k, v) = item.split_once('=').unwrap_or((item, ""));
            serde_json::json!({"label_name": k.trim(), "label_value": v.trim()})
        })
        .collect();
    Value::Array(items)
}

fn servers_text(v: &Value) -> String {
    v.as_array()
        .into_iter()
        .flatten()
        .map(|s| {
            let mut out = format!("{}:{}", plain(&s["ip_address"]), plain(&s["port"]));
            if let Some(g) = s.get("grpc_port").filter(|g| !g.is_null()) {
                out.push(':');
                out.push_str(&plain(g));
            }
            out
        })
        .collect::<Vec<_>>()
        .join(", ")
}

fn parse_servers(t: &str) -> Result<Value, String> {
    let mut out = Vec::new();
    for item in t.split(',').map(str::trim).filter(|s| !s.is_empty()) {
        let mut parts = item.split(':');
        let ip = parts.next().unwrap_or_default();
        let port = parts.next().ok_or(format!("{item}: expected ip:port"))?;
        let port: i64 = port
            .parse()
            .map_err(|_| format!("{item}: port is not a number"))?;
        let mut entry = serde_json::json!({"ip_address": ip, "port": port});
        if let Some(g) = parts.next() {
            let g: i64 = g
                .parse()
                .map_err(|_| format!("{item}: grpc port is not a number"))?;
            entry["grpc_port"] = Value::from(g);
        }
        out.push(entry);
    }
    Ok(Value::Array(out))
}

/// The fields of the form on screen now: the pane's form, or the open row form.
pub fn current_fields(ed: &Editor) -> Vec<Field> {
    match ed.pane {
        Pane::Overview => overview::fields(),
        Pane::Health => health::fields(&ed.draft),
        Pane::Microservice => microservice::fields(&ed.draft),
        Pane::Groups | Pane::Members => {
            let Some(kind) = RowKind::of(ed.pane) else {
                return Vec::new();
            };
            match ed.table(kind).form {
                Some((i, _)) => kind.fields(&ed.draft, i),
                None => Vec::new(),
            }
        }
    }
}

/// The focus index of the form on screen now, if one is.
pub fn focus_mut(ed: &mut Editor) -> Option<&mut usize> {
    match ed.pane {
        Pane::Overview => Some(&mut ed.overview.focus),
        Pane::Health => Some(&mut ed.health_form.focus),
        Pane::Microservice => Some(&mut ed.micro.focus),
        Pane::Groups => ed.groups.form.as_mut().map(|(_, f)| &mut f.focus),
        Pane::Members => ed.members.form.as_mut().map(|(_, f)| &mut f.focus),
    }
}

pub fn focus(ed: &Editor) -> Option<usize> {
    match ed.pane {
        Pane::Overview => Some(ed.overview.focus),
        Pane::Health => Some(ed.health_form.focus),
        Pane::Microservice => Some(ed.micro.focus),
        Pane::Groups => ed.groups.form.map(|(_, f)| f.focus),
        Pane::Members => ed.members.form.map(|(_, f)| f.focus),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn form_paths_print_in_index_form_and_put_creates_objects() {
        let p = Path::root().key("members").index(1).key("weight");
        assert_eq!(p.to_string(), "members[1].weight");
        let mut v = json!({"members": [{}, {"host": "h"}]});
        p.put(&mut v, Some(json!(7))).unwrap();
        assert_eq!(v["members"][1]["weight"], 7);
        let h = Path::root().key("vpc_health_config").key("timeout");
        h.put(&mut v, Some(json!(5))).unwrap();
        assert_eq!(v["vpc_health_config"]["timeout"], 5);
        h.put(&mut v, None).unwrap();
        assert_eq!(v["vpc_health_config"], json!({}));
        h.put(&mut v, None).unwrap();
    }

    #[test]
    fn choices_cycle_and_wrap() {
        let d = json!({});
        assert_eq!(
            cycle(Choices::Protocol, &d, Some(&json!("http")), 1),
            json!("HTTPS")
        );
        assert_eq!(
            cycle(Choices::Protocol, &d, Some(&json!("HTTPS")), 1),
            json!("TCP")
        );
        assert_eq!(
            cycle(Choices::BalanceStrategy, &d, Some(&json!(1)), -1),
            json!(4)
        );
    }

    #[test]
    fn typed_text_becomes_values() {
        let n = Kind::Number { min: 0, max: 10 };
        assert_eq!(parse_text(n, "12"), Ok(Some(json!(12))));
        assert_eq!(parse_text(n, ""), Ok(None));
        assert_eq!(
            parse_text(Kind::Labels, "a=1, b=2"),
            Ok(Some(json!([{"label_name": "a", "label_value": "1"},
                {"label_name": "b", "label_value": "2"}])))
        );
        assert!(parse_text(Kind::Servers, "10.0.0.1:x").is_err());
    }
}
