//! Paths into a channel body: `vpc_health_config.timeout`, `members[2].weight`,
//! `members[host=192.168.0.5].weight`, `member_groups[member_group_name=test].member_group_weight`.
