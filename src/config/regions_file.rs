//! The SDK's regions file (`~/.huaweicloud/regions.yaml`, or `HUAWEICLOUD_SDK_REGIONS_FILE`):
//! YAML keyed by service name, each a list of `{id, endpoint}` or `{id, endpoints: [...]}`.
//! Only that shape is read, by a small line reader (no YAML library for one file of lists).

use std::collections::HashMap;
use std::path::PathBuf;

/// (SERVICE upper-cased, region id) -> endpoints, `endpoints` first then `endpoint`, as the
/// SDK orders them.
pub type Regions = HashMap<(String, String), Vec<String>>;

pub fn default_path() -> Option<PathBuf> {
    directories::BaseDirs::new().map(|d| d.home_dir().join(".huaweicloud").join("regions.yaml"))
}

fn unquote(s: &str) -> String {
    let s = s.trim();
    let quoted = s.len() >= 2
        && ((s.starts_with('"') && s.ends_with('"')) || (s.starts_with('\'') && s.ends_with('\'')));
    if quoted {
        s[1..s.len() - 1].to_string()
    } else {
        s.to_string()
    }
}

/// Drop a comment: a line starting with `#`, or ` #` and what follows.
fn strip_comment(line: &str) -> &str {
    if line.trim_start().starts_with('#') {
        return "";
    }
    match line.find(" #") {
        Some(i) => &line[..i],
        None => line,
    }
}

/// `key: value` (value may be empty); None for a plain scalar such as a URL.
fn key_value(s: &str) -> Option<(&str, &str)> {
    let (k, v) = match s.split_once(": ") {
        Some(kv) => kv,
        None => (s.strip_suffix(':')?, ""),
    };
    let k = k.trim();
    (!k.is_empty()
        && k.chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-'))
    .then_some((k, v.trim()))
}

#[derive(Default)]
struct Item {
    id: Option<String>,
    endpoint: Option<String>,
    endpoints: Vec<String>,
}

fn flush(service: &str, item: &mut Option<Item>, out: &mut Regions) {
    if let Some(it) = item.take()
        && let Some(id) = it.id.filter(|i| !i.is_empty())
    {
        let mut eps = it.endpoints;
        eps.extend(it.endpoint);
        if !eps.is_empty() {
            out.insert((service.to_ascii_uppercase(), id), eps);
        }
    }
}

pub fn parse(text: &str) -> Regions {
    let mut out = Regions::new();
    let mut service = String::new();
    let mut item: Option<Item> = None;
    let mut in_endpoints = false;
    for raw in text.lines() {
        let line = strip_comment(raw).trim_end();
        if line.trim().is_empty() {
            continue;
        }
        let indent = line.len() - line.trim_start().len();
        let content = line.trim_start();
        if indent == 0 && !content.starts_with('-') {
            flush(&service, &mut item, &mut out);
            service = content.trim_end_matches(':').trim().to_string();
            in_endpoints = false;
            continue;
        }
        let (is_dash, rest) = match content.strip_prefix('-') {
            Some(r) if r.is_empty() || r.starts_with(' ') => (true, r.trim()),
            _ => (false, content),
        };
        if is_dash && in_endpoints && key_value(rest).is_none() {
            if let Some(it) = item.as_mut() {
                it.endpoints.push(unquote(rest));
            }
            continue;
        }
        if is_dash {
            flush(&service, &mut item, &mut out);
            item = Some(Item::default());
            in_endpoints = false;
        }
        let Some((k, v)) = key_value(rest) else {
            continue;
        };
        let Some(it) = item.as_mut() else { continue };
        in_endpoints = false;
        match k {
            "id" => it.id = Some(unquote(v)),
            "endpoint" => it.endpoint = Some(unquote(v)).filter(|e| !e.is_empty()),
            "endpoints" if v.is_empty() => in_endpoints = true,
            "endpoints" => {
                let list = v.trim_start_matches('[').trim_end_matches(']');
                it.endpoints
                    .extend(list.split(',').map(unquote).filter(|e| !e.is_empty()));
            }
            _ => {}
        }
    }
    flush(&service, &mut item, &mut out);
    out
}

/// The first endpoint the regions file gives for APIG in `region`.
pub fn apig_endpoint(path: Option<PathBuf>, region: &str) -> Option<String> {
    let text = std::fs::read_to_string(path?).ok()?;
    parse(&text)
        .remove(&("APIG".to_string(), region.to_string()))
        .and_then(|eps| eps.into_iter().next())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn both_item_shapes_and_comments_are_read() {
        let r = parse(
            "# my regions\napig:\n  - id: 'cn-north-99'\n    endpoint: 'https://apig.example.com'\n\
             \x20 - id: eu-x\n    endpoints:\n      - https://a.example.com  # first\n      - \"https://b.example.com\"\n\
             \x20 - id: flow\n    endpoints: [https://c.example.com, https://d.example.com]\n\
             ECS:\n  - id: cn-north-99\n    endpoint: https://ecs.example.com\n",
        );
        let get = |s: &str, id: &str| r.get(&(s.to_string(), id.to_string())).cloned();
        assert_eq!(
            get("APIG", "cn-north-99"),
            Some(vec!["https://apig.example.com".into()])
        );
        assert_eq!(
            get("APIG", "eu-x"),
            Some(vec![
                "https://a.example.com".into(),
                "https://b.example.com".into()
            ])
        );
        assert_eq!(get("APIG", "flow").unwrap()[0], "https://c.example.com");
        assert_eq!(
            get("ECS", "cn-north-99").unwrap()[0],
            "https://ecs.example.com"
        );
    }

    #[test]
    fn junk_never_panics_and_items_without_id_are_skipped() {
        for text in [
            "",
            "-",
            "apig:\n  -\n",
            "apig:\n  - endpoint: x\n",
            ":\n- : :\n  endpoints:\n  - \n",
            "é:\n - id: é\n   endpoint: 'x",
        ] {
            let _ = parse(text);
        }
        assert!(parse("apig:\n  - endpoint: https://x\n").is_empty());
    }
}
