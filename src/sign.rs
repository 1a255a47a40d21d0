//! SDK-HMAC-SHA256 request signing and verification, as the official Huawei Cloud SDK does it
//! (docs/auth.md §1). The client signs with [`sign`]; a server (the emulator, the
//! test servers) checks with [`verify`]. Both build the canonical request the same way.

use hmac::{Hmac, KeyInit, Mac};
use sha2::{Digest, Sha256};
use subtle::ConstantTimeEq;
use time::macros::format_description;
use time::{OffsetDateTime, PrimitiveDateTime};

pub const ALGORITHM: &str = "SDK-HMAC-SHA256";
pub const UNSIGNED_PAYLOAD: &str = "UNSIGNED-PAYLOAD";
/// The largest accepted distance between `X-Sdk-Date` and the server clock.
pub const MAX_SKEW: time::Duration = time::Duration::minutes(15);

const EMPTY_SHA256: &str = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

/// A request about to be signed. `path` is the resource path as it will be sent; `query`
/// holds the raw (unencoded) pairs; `headers` are the headers set so far (Content-Type,
/// User-Agent, X-Project-Id, X-Security-Token, optionally a pinned X-Sdk-Date).
#[derive(Debug, Clone, Copy)]
pub struct SignRequest<'a> {
    pub method: &'a str,
    /// `host[:port]`, exactly as it will appear in the Host header.
    pub host: &'a str,
    pub path: &'a str,
    pub query: &'a [(String, String)],
    pub headers: &'a [(String, String)],
    pub body: &'a [u8],
}

/// The result of signing: the pieces (for tests and debugging) and the headers to send.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Signed {
    pub authorization: String,
    pub signed_headers: String,
    pub canonical_request: String,
    pub string_to_sign: String,
    pub signature: String,
    pub payload_hash: String,
    /// Every header to put on the wire, values trimmed, in the order the SDK adds them:
    /// the given ones, then X-Sdk-Date, X-Sdk-Content-Sha256, Host (when missing), and
    /// Authorization.
    pub headers: Vec<(String, String)>,
    /// Path plus `?` and the canonical query string: what the SDK puts on the wire.
    pub request_target: String,
}

/// Why a server refused a signature.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum VerifyError {
    #[error("the Authorization header is missing")]
    MissingAuthorization,
    #[error("the Authorization header is malformed: {0}")]
    Malformed(&'static str),
    #[error("unsupported signing algorithm")]
    UnsupportedAlgorithm,
    #[error("unknown access key")]
    UnknownAccessKey,
    #[error("the X-Sdk-Date header is missing")]
    MissingDate,
    #[error("the X-Sdk-Date header is not of the form YYYYMMDDTHHMMSSZ")]
    BadDate,
    #[error("the X-Sdk-Date header is more than 15 minutes away from the server clock")]
    ClockSkew,
    #[error("signed header {0} is not on the request")]
    MissingSignedHeader(String),
    #[error("the signature does not match")]
    SignatureMismatch,
}

/// Read access to received headers, so that [`verify`] takes an `http::HeaderMap` or a plain
/// list of pairs.
pub trait HeaderSource {
    /// The value of the header named `lower_name` (lower case), as received.
    fn header(&self, lower_name: &str) -> Option<String>;
}

impl HeaderSource for http::HeaderMap {
    fn header(&self, lower_name: &str) -> Option<String> {
        self.get(lower_name)
            .map(|v| String::from_utf8_lossy(v.as_bytes()).into_owned())
    }
}

impl HeaderSource for [(String, String)] {
    fn header(&self, lower_name: &str) -> Option<String> {
        self.iter()
            .rev()
            .find(|(k, _)| k.eq_ignore_ascii_case(lower_name))
            .map(|(_, v)| v.clone())
    }
}

impl HeaderSource for Vec<(String, String)> {
    fn header(&self, lower_name: &str) -> Option<String> {
        self.as_slice().header(lower_name)
    }
}

/// The current UTC time in the `X-Sdk-Date` form, e.g. `20240102T030405Z`.
pub fn sdk_date_now() -> String {
    format_sdk_date(OffsetDateTime::now_utc())
}

pub fn format_sdk_date(t: OffsetDateTime) -> String {
    let fmt = format_description!("[year][month][day]T[hour][minute][second]Z");
    let t = t.to_offset(time::UtcOffset::UTC);
    t.format(&fmt).unwrap_or_default()
}

pub fn parse_sdk_date(s: &str) -> Option<OffsetDateTime> {
    let fmt = format_description!("[year][month][day]T[hour][minute][second]Z");
    PrimitiveDateTime::parse(s, &fmt)
        .ok()
        .map(|t| t.assume_utc())
}

/// Percent-encode with only the RFC 3986 unreserved characters left as they are; upper-case
/// hex; works on bytes (UTF-8 for text).
pub fn encode(bytes: &[u8]) -> String {
    const HEX: &[u8; 16] = b"0123456789ABCDEF";
    let mut out = String::with_capacity(bytes.len());
    for &b in bytes {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b'~') {
            out.push(b as char);
        } else {
            out.push('%');
            out.push(HEX[(b >> 4) as usize] as char);
            out.push(HEX[(b & 15) as usize] as char);
        }
    }
    out
}

/// Plain percent-decoding (`+` stays `+`); a malformed escape is kept literally.
pub fn decode(s: &str) -> Vec<u8> {
    percent_encoding::percent_decode_str(s).collect()
}

/// Decode the path, split on `/`, encode every segment, join, and end with `/`
/// (docs/auth.md §1.3).
pub fn canonical_uri(path: &str) -> String {
    let decoded = decode(path);
    let mut out = decoded
        .split(|&b| b == b'/')
        .map(encode)
        .collect::<Vec<_>>()
        .join("/");
    if !out.ends_with('/') {
        out.push('/');
    }
    out
}

/// Sort the raw pairs (key, then value, by code point), then encode each side
/// (docs/auth.md §1.4).
pub fn canonical_query(pairs: &[(String, String)]) -> String {
    let mut sorted: Vec<&(String, String)> = pairs.iter().collect();
    // Byte order of UTF-8 is code point order, which is what the SDK sorts by.
    sorted.sort();
    sorted
        .iter()
        .map(|(k, v)| format!("{}={}", encode(k.as_bytes()), encode(v.as_bytes())))
        .collect::<Vec<_>>()
        .join("&")
}

/// The path plus the canonical query, the form the SDK sends.
pub fn request_target(path: &str, query: &[(String, String)]) -> String {
    let q = canonical_query(query);
    if q.is_empty() {
        path.to_string()
    } else {
        format!("{path}?{q}")
    }
}

/// Split a raw query string (`a=1&b=x%20y`) into decoded pairs.
pub fn parse_query(raw: &str) -> Vec<(String, String)> {
    raw.split('&')
        .filter(|p| !p.is_empty())
        .map(|p| {
            let (k, v) = p.split_once('=').unwrap_or((p, ""));
            (
                String::from_utf8_lossy(&decode(k)).into_owned(),
                String::from_utf8_lossy(&decode(v)).into_owned(),
            )
        })
        .collect()
}

fn sha256_hex(data: &[u8]) -> String {
    hex::encode(Sha256::digest(data))
}

fn hmac_hex(key: &[u8], data: &[u8]) -> String {
    // HMAC accepts keys of any length, so this cannot fail.
    let mut mac = match Hmac::<Sha256>::new_from_slice(key) {
        Ok(m) => m,
        Err(_) => return String::new(),
    };
    mac.update(data);
    hex::encode(mac.finalize().into_bytes())
}

fn trim_value(v: &str) -> &str {
    v.trim()
}

/// Signed header names (lower case, sorted, underscores excluded) and the canonical header
/// block. When two given names differ only in case, the SDK lists the name twice and uses the
/// last value for both lines; this does the same.
fn canonical_headers(headers: &[(String, String)]) -> (Vec<String>, String) {
    let mut names: Vec<String> = headers
        .iter()
        .map(|(k, _)| k.to_ascii_lowercase())
        .filter(|k| !k.contains('_'))
        .collect();
    names.sort();
    let mut block = String::new();
    for name in &names {
        push_header_line(&mut block, name, &headers.header(name).unwrap_or_default());
    }
    (names, block)
}

/// One `name:value` line of the canonical header block.
fn push_header_line(block: &mut String, name: &str, value: &str) {
    block.push_str(name);
    block.push(':');
    block.push_str(trim_value(value));
    block.push('\n');
}

/// The declared `X-Sdk-Content-Sha256` value, else the body's SHA-256 (docs/auth.md §1.6).
fn payload_hash(declared: Option<&str>, body: &[u8]) -> String {
    match declared {
        Some(v) => trim_value(v).to_string(),
        None if body.is_empty() => EMPTY_SHA256.to_string(),
        None => sha256_hex(body),
    }
}

fn has_header(headers: &[(String, String)], name: &str) -> bool {
    headers.iter().any(|(k, _)| k.eq_ignore_ascii_case(name))
}

fn canonical_request(
    method: &str,
    path: &str,
    canonical_query: &str,
    headers_block: &str,
    signed_headers: &str,
    payload_hash: &str,
) -> String {
    format!(
        "{}\n{}\n{}\n{}\n{}\n{}",
        method.to_ascii_uppercase(),
        canonical_uri(path),
        canonical_query,
        headers_block,
        signed_headers,
        payload_hash
    )
}

fn string_to_sign(date: &str, canonical_request: &str) -> String {
    format!(
        "{ALGORITHM}\n{date}\n{}",
        sha256_hex(canonical_request.as_bytes())
    )
}

/// Sign a request with AK/SK as the SDK's signer does (docs/auth.md §1.1–§1.8).
pub fn sign(req: &SignRequest<'_>, ak: &str, sk: &str) -> Signed {
    let mut headers: Vec<(String, String)> = req
        .headers
        .iter()
        .map(|(k, v)| (k.clone(), trim_value(v).to_string()))
        .collect();
    if !has_header(&headers, "X-Sdk-Date") {
        headers.push(("X-Sdk-Date".into(), sdk_date_now()));
    }
    let date = headers.header("x-sdk-date").unwrap_or_default();
    let needs_unsigned = headers.header("content-type").is_some_and(|ct| {
        !(ct.starts_with("application/json") || ct.starts_with("application/bson"))
    });
    if needs_unsigned && !has_header(&headers, "X-Sdk-Content-Sha256") {
        headers.push(("X-Sdk-Content-Sha256".into(), UNSIGNED_PAYLOAD.into()));
    }
    if !has_header(&headers, "Host") {
        headers.push(("Host".into(), req.host.to_string()));
    }
    let payload_hash = payload_hash(headers.header("x-sdk-content-sha256").as_deref(), req.body);
    let query = canonical_query(req.query);
    let (names, block) = canonical_headers(&headers);
    let signed_headers = names.join(";");
    let canonical_request = canonical_request(
        req.method,
        req.path,
        &query,
        &block,
        &signed_headers,
        &payload_hash,
    );
    let string_to_sign = string_to_sign(&date, &canonical_request);
    let signature = hmac_hex(sk.as_bytes(), string_to_sign.as_bytes());
    let authorization =
        format!("{ALGORITHM} Access={ak}, SignedHeaders={signed_headers}, Signature={signature}");
    headers.push(("Authorization".into(), authorization.clone()));
    Signed {
        authorization,
        signed_headers,
        canonical_request,
        string_to_sign,
        signature,
        payload_hash,
        headers,
        request_target: request_target(req.path, req.query),
    }
}

/// The three parts of an `Authorization: SDK-HMAC-SHA256 Access=…, SignedHeaders=…,
/// Signature=…` header.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AuthorizationParts {
    pub access: String,
    pub signed_headers: Vec<String>,
    pub signature: String,
}

pub fn parse_authorization(value: &str) -> Result<AuthorizationParts, VerifyError> {
    let value = value.trim();
    let (algorithm, rest) = value
        .split_once(' ')
        .ok_or(VerifyError::Malformed("no parameters after the algorithm"))?;
    if algorithm != ALGORITHM {
        return Err(VerifyError::UnsupportedAlgorithm);
    }
    let (mut access, mut signed, mut signature) = (None, None, None);
    for part in rest.split(',') {
        let (k, v) = part
            .trim()
            .split_once('=')
            .ok_or(VerifyError::Malformed("a parameter without '='"))?;
        match k {
            "Access" => access = Some(v.to_string()),
            "SignedHeaders" => signed = Some(v.to_string()),
            "Signature" => signature = Some(v.to_string()),
            _ => return Err(VerifyError::Malformed("unknown parameter")),
        }
    }
    let access = access.ok_or(VerifyError::Malformed("no Access"))?;
    let signed = signed.ok_or(VerifyError::Malformed("no SignedHeaders"))?;
    let signature = signature.ok_or(VerifyError::Malformed("no Signature"))?;
    if access.is_empty() || signed.is_empty() || signature.is_empty() {
        return Err(VerifyError::Malformed("an empty parameter"));
    }
    Ok(AuthorizationParts {
        access,
        signed_headers: signed.split(';').map(|s| s.to_ascii_lowercase()).collect(),
        signature,
    })
}

/// Check a received request's signature (docs/auth.md §1.10) against the server clock.
/// `raw_path` and `raw_query` are exactly as received (still percent-encoded); `lookup_sk` maps
/// an AK to its SK. Returns the AK on success.
pub fn verify<H, F>(
    method: &str,
    raw_path: &str,
    raw_query: &str,
    headers: &H,
    body: &[u8],
    lookup_sk: F,
) -> Result<String, VerifyError>
where
    H: HeaderSource + ?Sized,
    F: Fn(&str) -> Option<String>,
{
    verify_at(
        method,
        raw_path,
        raw_query,
        headers,
        body,
        lookup_sk,
        OffsetDateTime::now_utc(),
    )
}

/// [`verify`] with an explicit "now", for tests and for replaying recorded requests.
pub fn verify_at<H, F>(
    method: &str,
    raw_path: &str,
    raw_query: &str,
    headers: &H,
    body: &[u8],
    lookup_sk: F,
    now: OffsetDateTime,
) -> Result<String, VerifyError>
where
    H: HeaderSource + ?Sized,
    F: Fn(&str) -> Option<String>,
{
    let auth = headers
        .header("authorization")
        .ok_or(VerifyError::MissingAuthorization)?;
    let parts = parse_authorization(&auth)?;
    let sk = lookup_sk(&parts.access).ok_or(VerifyError::UnknownAccessKey)?;
    let date = headers
        .header("x-sdk-date")
        .ok_or(VerifyError::MissingDate)?;
    let date = date.trim();
    let when = parse_sdk_date(date).ok_or(VerifyError::BadDate)?;
    if (when - now).abs() > MAX_SKEW {
        return Err(VerifyError::ClockSkew);
    }
    let mut block = String::new();
    for name in &parts.signed_headers {
        let value = headers
            .header(name)
            .ok_or_else(|| VerifyError::MissingSignedHeader(name.clone()))?;
        push_header_line(&mut block, name, &value);
    }
    let unsigned = parts
        .signed_headers
        .iter()
        .any(|h| h == "x-sdk-content-sha256")
        .then(|| headers.header("x-sdk-content-sha256"))
        .flatten();
    let payload_hash = payload_hash(unsigned.as_deref(), body);
    let query = canonical_query(&parse_query(raw_query));
    let creq = canonical_request(
        method,
        raw_path,
        &query,
        &block,
        &parts.signed_headers.join(";"),
        &payload_hash,
    );
    let expected = hmac_hex(sk.as_bytes(), string_to_sign(date, &creq).as_bytes());
    let given = parts.signature.to_ascii_lowercase();
    if expected.as_bytes().ct_eq(given.as_bytes()).into() {
        Ok(parts.access)
    } else {
        Err(VerifyError::SignatureMismatch)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pairs(v: &[(&str, &str)]) -> Vec<(String, String)> {
        v.iter()
            .map(|(a, b)| (a.to_string(), b.to_string()))
            .collect()
    }

    #[test]
    fn root_path_stays_root() {
        assert_eq!(canonical_uri("/"), "/");
        assert_eq!(canonical_uri(""), "/");
    }

    #[test]
    fn encoded_slash_becomes_a_real_slash() {
        assert_eq!(canonical_uri("/a/b%2Fc"), "/a/b/c/");
    }

    #[test]
    fn query_sorts_on_raw_strings() {
        let q = pairs(&[("é", "1"), ("b", "2"), ("Z", "3"), ("b", "1")]);
        assert_eq!(canonical_query(&q), "Z=3&b=1&b=2&%C3%A9=1");
    }

    #[test]
    fn parse_query_round_trips_the_canonical_form() {
        let q = pairs(&[("q", "a+b=c&d/e?f#g"), ("empty", ""), ("sp", "a b")]);
        let canon = canonical_query(&q);
        assert_eq!(canonical_query(&parse_query(&canon)), canon);
        assert_eq!(parse_query("flag"), pairs(&[("flag", "")]));
    }

    #[test]
    fn authorization_parsing_rejects_junk() {
        for bad in [
            "",
            "SDK-HMAC-SHA256",
            "Bearer x",
            "SDK-HMAC-SHA256 Access=a, SignedHeaders=host",
            "SDK-HMAC-SHA256 Access=a SignedHeaders=host Signature=x",
            "SDK-HMAC-SHA256 Access=, SignedHeaders=host, Signature=ab",
        ] {
            assert!(parse_authorization(bad).is_err(), "{bad:?}");
        }
    }

    #[test]
    fn sdk_date_round_trips() {
        let now = sdk_date_now();
        assert_eq!(now.len(), 16);
        let t = parse_sdk_date(&now).unwrap();
        assert_eq!(format_sdk_date(t), now);
        assert!(parse_sdk_date("2024-01-02T03:04:05Z").is_none());
    }
}
