//! Overview pane: the channel's own fields; type, status, id and create time are read-only.

use super::{Choices, Field, Kind, field};
use crate::path::Path;

pub fn fields() -> Vec<Field> {
    let r = Path::root();
    vec![
        field(&r, "name", "Name", Kind::Text),
        field(&r, "port", "Port", Kind::Number { min: 1, max: 65535 }),
        field(
            &r,
            "balance_strategy",
            "Balance strategy",
            Kind::Choice(Choices::BalanceStrategy),
        ),
        field(
            &r,
            "member_type",
            "Member type",
            Kind::Choice(Choices::MemberType),
        ),
    ]
}
