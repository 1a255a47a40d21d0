//! Sorting a table by a column. A sort is a view — the order of `Table::visible` — and never
//! changes the order of the draft's rows. It is worked out when the rows or the filter change,
//! never when drawing.

use std::collections::HashMap;
use std::net::IpAddr;

use serde_json::Value;

use super::editor::Editor;
use super::rows::RowKind;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Column {
    Address,
    Weight,
    Group,
    Status,
    Health,
}

impl Column {
    /// The columns `s` steps through, in order, for a table (then back to the body's order).
    pub fn cycle(kind: RowKind) -> &'static [Column] {
        match kind {
            RowKind::Members => &[
                Column::Address,
                Column::Weight,
                Column::Group,
                Column::Status,
                Column::Health,
            ],
            RowKind::Groups => &[Column::Group, Column::Weight],
        }
    }

    /// How messages name the column.
    pub fn name(self, kind: RowKind) -> &'static str {
        match (self, kind) {
            (Column::Address, _) => "address",
            (Column::Weight, _) => "weight",
            (Column::Group, RowKind::Groups) => "name",
            (Column::Group, RowKind::Members) => "group",
            (Column::Status, _) => "status",
            (Column::Health, _) => "health",
        }
    }
}

/// A table's sort: a column, or none (the draft's order), and its direction.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Sort {
    pub by: Option<Column>,
    pub descending: bool,
}

impl Sort {
    /// `s`: the next column (ascending), and after the last one the draft's order.
    pub fn next(self, kind: RowKind) -> Sort {
        let cycle = Column::cycle(kind);
        let by = match self.by {
            None => cycle.first().copied(),
            Some(c) => cycle
                .iter()
                .position(|x| *x == c)
                .and_then(|i| cycle.get(i + 1))
                .copied(),
        };
        Sort {
            by,
            descending: false,
        }
    }

    /// `S`: the other direction (sorting by the first column when nothing was sorted).
    pub fn reversed(self, kind: RowKind) -> Sort {
        Sort {
            by: self.by.or_else(|| Column::cycle(kind).first().copied()),
            descending: !self.descending,
        }
    }

    /// The header mark of `column`: ▲ or ▼ when the table is sorted by it.
    pub fn arrow(self, column: Column) -> &'static str {
        match self.by {
            Some(c) if c == column && self.descending => "▼",
            Some(c) if c == column => "▲",
            _ => "",
        }
    }

    /// `sorted by weight ▲`, or `in the channel's order`, for messages.
    pub fn describe(self, kind: RowKind) -> String {
        match self.by {
            Some(c) => format!("Sorted by {} {}", c.name(kind), self.arrow(c)),
            None => "In the channel's order".to_string(),
        }
    }
}

/// What rows are compared by: numbers as numbers, addresses as addresses, a missing value
/// after every present one. Text is borrowed from the draft, so that keying 10,000 rows
/// allocates little.
#[derive(Debug, PartialEq, Eq, PartialOrd, Ord)]
enum Key<'a> {
    Num(i64),
    Ip(IpAddr),
    Text(&'a str),
    Missing,
}

fn text(v: &Value) -> Key<'_> {
    match v.as_str().filter(|s| !s.is_empty()) {
        Some(s) => Key::Text(s),
        None => Key::Missing,
    }
}

fn num(v: &Value) -> Key<'_> {
    v.as_i64().map_or(Key::Missing, Key::Num)
}

/// What a sort needs of the whole channel, worked out once per sort.
struct Ctx<'a> {
    ecs: bool,
    /// Group weights by name: a group's weight overrides its members' (docs/api.md §3.2).
    group_weight: HashMap<&'a str, i64>,
}

impl<'a> Ctx<'a> {
    fn of(ed: &'a Editor) -> Ctx<'a> {
        Ctx {
            ecs: crate::model::is_ecs(&ed.draft),
            group_weight: ed
                .rows(RowKind::Groups)
                .iter()
                .filter_map(|g| {
                    Some((
                        g["member_group_name"].as_str()?,
                        g["member_group_weight"].as_i64()?,
                    ))
                })
                .collect(),
        }
    }
}

fn key<'a>(ed: &'a Editor, ctx: &Ctx<'a>, kind: RowKind, by: Column, row: &'a Value) -> Key<'a> {
    match (kind, by) {
        (RowKind::Members, Column::Address) => {
            let addr = if ctx.ecs {
                &row["ecs_name"]
            } else {
                &row[crate::model::address_field(false)]
            };
            match addr.as_str().map(|a| (a, a.parse::<IpAddr>())) {
                Some((_, Ok(ip))) => Key::Ip(ip),
                Some(_) => text(addr),
                None => Key::Missing,
            }
        }
        (RowKind::Members, Column::Weight) => row["member_group_name"]
            .as_str()
            .and_then(|g| ctx.group_weight.get(g))
            .map_or_else(|| num(&row["weight"]), |w| Key::Num(*w)),
        (RowKind::Members, Column::Group) | (RowKind::Groups, Column::Group) => {
            text(&row["member_group_name"])
        }
        (RowKind::Members, Column::Status) => num(&row["status"]),
        (RowKind::Members, Column::Health) => ed
            .health
            .get(&crate::model::member_identity(row, &ed.draft))
            .map_or(Key::Missing, Key::Text),
        (RowKind::Groups, Column::Weight) => num(&row["member_group_weight"]),
        (RowKind::Groups, _) => Key::Missing,
    }
}

/// The rows to show, in order: `filtered` (or every row) sorted by `sort`; `None` when that
/// is every row in the draft's order.
pub fn order(
    ed: &Editor,
    kind: RowKind,
    sort: Sort,
    filtered: Option<Vec<usize>>,
) -> Option<Vec<usize>> {
    let Some(by) = sort.by else {
        return filtered;
    };
    let all = ed.rows(kind);
    let ctx = Ctx::of(ed);
    let rows = filtered.unwrap_or_else(|| (0..all.len()).collect());
    let mut keyed: Vec<(Key, usize)> = rows
        .into_iter()
        .filter_map(|i| Some((key(ed, &ctx, kind, by, all.get(i)?), i)))
        .collect();
    // Stable both ways: equal rows keep the draft's order.
    keyed.sort_by(|(a, _), (b, _)| compare(sort, a, b));
    Some(keyed.into_iter().map(|(_, i)| i).collect())
}

/// The order of two keys under `sort`: a missing value is last both ways.
fn compare(sort: Sort, a: &Key, b: &Key) -> std::cmp::Ordering {
    let missing = (*a == Key::Missing).cmp(&(*b == Key::Missing));
    missing.then_with(|| if sort.descending { b.cmp(a) } else { a.cmp(b) })
}

/// Row `row` changed: take it out of `visible` (rows in [`order`]'s order) and, when it is
/// `shown`, put it back where [`order`] would, found by a binary search.
pub fn place(
    ed: &Editor,
    kind: RowKind,
    sort: Sort,
    visible: &mut Vec<usize>,
    row: usize,
    shown: bool,
) {
    if let Some(at) = visible.iter().position(|i| *i == row) {
        visible.remove(at);
    }
    let all = ed.rows(kind);
    let Some(value) = all.get(row).filter(|_| shown) else {
        return;
    };
    let at = match sort.by {
        None => visible.partition_point(|i| *i < row),
        Some(by) => {
            let ctx = Ctx::of(ed);
            let k = key(ed, &ctx, kind, by, value);
            // The sort is stable over rows in the draft's order: equal keys go by index.
            visible.partition_point(|i| {
                all.get(*i).is_some_and(|v| {
                    compare(sort, &key(ed, &ctx, kind, by, v), &k)
                        .then(i.cmp(&row))
                        .is_lt()
                })
            })
        }
    };
    visible.insert(at, row);
}
