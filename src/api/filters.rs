//! The query filters of the list calls (SDK request models `ListVpcChannelsV2Request`,
//! `ListBackendInstancesV2Request`, `ListMemberGroupsRequest`, `ListInstancesV2Request`,
//! `ListApisV2Request`), each turned into query pairs in one place. Unset fields are not sent;
//! `offset` and `limit` are added by the pager.

use crate::model::VpcChannelType;

/// Query pairs under construction: only the fields that are set.
#[derive(Default)]
struct Pairs(Vec<(String, String)>);

impl Pairs {
    fn text(mut self, key: &str, value: &Option<String>) -> Self {
        if let Some(v) = value.as_deref().filter(|v| !v.is_empty()) {
            self.0.push((key.to_string(), v.to_string()));
        }
        self
    }

    fn number(mut self, key: &str, value: Option<impl ToString>) -> Self {
        if let Some(v) = value {
            self.0.push((key.to_string(), v.to_string()));
        }
        self
    }

    /// `precise_search` is one comma-separated list of field names.
    fn names(self, key: &str, names: &[&str]) -> Self {
        let joined = (!names.is_empty()).then(|| names.join(","));
        self.text(key, &joined)
    }
}

/// ListVpcChannelsV2 (E1).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ChannelFilter {
    pub id: Option<String>,
    /// Substring, unless `precise_search` names `name`.
    pub name: Option<String>,
    pub dict_code: Option<String>,
    /// Field names matched exactly: `name`, `member_group_name`.
    pub precise_search: Vec<&'static str>,
    /// Channels with a member at this address (always exact).
    pub member_host: Option<String>,
    pub member_port: Option<u16>,
    pub member_group_name: Option<String>,
    pub member_group_id: Option<String>,
    pub vpc_channel_type: Option<VpcChannelType>,
}

impl ChannelFilter {
    pub fn query(&self) -> Vec<(String, String)> {
        Pairs::default()
            .text("id", &self.id)
            .text("name", &self.name)
            .text("dict_code", &self.dict_code)
            .names("precise_search", &self.precise_search)
            .text("member_host", &self.member_host)
            .number("member_port", self.member_port)
            .text("member_group_name", &self.member_group_name)
            .text("member_group_id", &self.member_group_id)
            .text(
                "vpc_channel_type",
                &self.vpc_channel_type.map(|t| t.wire().to_string()),
            )
            .0
    }
}

/// ListBackendInstancesV2 (E6).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct MemberFilter {
    /// The member's (cloud server) name.
    pub name: Option<String>,
    pub member_group_name: Option<String>,
    pub member_group_id: Option<String>,
    /// Field names matched exactly: `name`, `member_group_name`.
    pub precise_search: Vec<&'static str>,
}

impl MemberFilter {
    pub fn query(&self) -> Vec<(String, String)> {
        Pairs::default()
            .text("name", &self.name)
            .text("member_group_name", &self.member_group_name)
            .text("member_group_id", &self.member_group_id)
            .names("precise_search", &self.precise_search)
            .0
    }
}

/// ListMemberGroups (E14).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct GroupFilter {
    pub member_group_name: Option<String>,
    pub dict_code: Option<String>,
    /// Field names matched exactly: `member_group_name`.
    pub precise_search: Vec<&'static str>,
}

impl GroupFilter {
    pub fn query(&self) -> Vec<(String, String)> {
        Pairs::default()
            .text("member_group_name", &self.member_group_name)
            .text("dict_code", &self.dict_code)
            .names("precise_search", &self.precise_search)
            .0
    }
}

/// ListInstancesV2 (E19).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct GatewayFilter {
    pub instance_id: Option<String>,
    pub instance_name: Option<String>,
    /// `Running`, `Frozen`, ...
    pub status: Option<String>,
}

impl GatewayFilter {
    pub fn query(&self) -> Vec<(String, String)> {
        Pairs::default()
            .text("instance_id", &self.instance_id)
            .text("instance_name", &self.instance_name)
            .text("status", &self.status)
            .0
    }
}

/// ListApisV2 (E20).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ApiFilter {
    pub id: Option<String>,
    pub name: Option<String>,
    pub group_id: Option<String>,
    pub req_protocol: Option<String>,
    pub req_method: Option<String>,
    pub req_uri: Option<String>,
    pub auth_type: Option<String>,
    pub env_id: Option<String>,
    /// 1 public, 2 private.
    pub type_code: Option<i64>,
    /// Field names matched exactly, e.g. `name`, `req_uri`, `vpc_channel_name`.
    pub precise_search: Vec<&'static str>,
    /// Newer gateways only; older ones ignore it.
    pub vpc_channel_id: Option<String>,
    pub vpc_channel_name: Option<String>,
}

impl ApiFilter {
    pub fn query(&self) -> Vec<(String, String)> {
        Pairs::default()
            .text("id", &self.id)
            .text("name", &self.name)
            .text("group_id", &self.group_id)
            .text("req_protocol", &self.req_protocol)
            .text("req_method", &self.req_method)
            .text("req_uri", &self.req_uri)
            .text("auth_type", &self.auth_type)
            .text("env_id", &self.env_id)
            .number("type", self.type_code)
            .names("precise_search", &self.precise_search)
            .text("vpc_channel_id", &self.vpc_channel_id)
            .text("vpc_channel_name", &self.vpc_channel_name)
            .0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pairs(q: &[(String, String)]) -> Vec<(&str, &str)> {
        q.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect()
    }

    #[test]
    fn only_set_fields_are_sent() {
        assert!(ChannelFilter::default().query().is_empty());
        let f = ChannelFilter {
            name: Some("web".into()),
            precise_search: vec!["name", "member_group_name"],
            member_host: Some("10.0.0.1".into()),
            member_port: Some(0),
            vpc_channel_type: Some(VpcChannelType::Reference),
            member_group_id: Some(String::new()),
            ..Default::default()
        };
        assert_eq!(
            pairs(&f.query()),
            [
                ("name", "web"),
                ("precise_search", "name,member_group_name"),
                ("member_host", "10.0.0.1"),
                ("member_port", "0"),
                ("vpc_channel_type", "reference"),
            ]
        );
    }

    #[test]
    fn api_filters_carry_the_channel() {
        let f = ApiFilter {
            vpc_channel_id: Some("c1".into()),
            vpc_channel_name: Some("web".into()),
            precise_search: vec!["vpc_channel_name"],
            type_code: Some(1),
            ..Default::default()
        };
        assert_eq!(
            pairs(&f.query()),
            [
                ("type", "1"),
                ("precise_search", "vpc_channel_name"),
                ("vpc_channel_id", "c1"),
                ("vpc_channel_name", "web"),
            ]
        );
    }
}
