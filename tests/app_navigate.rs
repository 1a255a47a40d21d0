//! Navigating a big member table: `n`/`N` between matches (highlighted), `s`/`S` sorting as a
//! view, marks on what the draft changed, and an add that keeps the filter.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use chanedit::app::changes;
use chanedit::app::rows::RowKind;
use chanedit::path::Path;
use common::Harness;
use crossterm::event::KeyCode;
use ratatui::style::Modifier;

fn selected_host(h: &Harness) -> String {
    let i = h.ed().members.row(h.ed().member_total()).unwrap();
    h.draft()["members"][i]["host"]
        .as_str()
        .unwrap()
        .to_string()
}

/// Members, in the order the table shows them.
fn shown_hosts(h: &Harness) -> Vec<String> {
    let total = h.ed().member_total();
    (0..h.ed().members.len(total))
        .map(|pos| {
            let i = match &h.ed().members.visible {
                Some(v) => v[pos],
                None => pos,
            };
            h.draft()["members"][i]["host"]
                .as_str()
                .unwrap()
                .to_string()
        })
        .collect()
}

fn filter(h: &mut Harness, text: &str) {
    h.key(KeyCode::Char('/'));
    h.chars(text);
    h.key(KeyCode::Enter);
}

/// The Members table, its form closed (`:set` opens the form of the row it sets).
fn members_table(h: &mut Harness) {
    h.key(KeyCode::Char('3'));
    if h.ed().members.form.is_some() {
        h.key(KeyCode::Esc);
    }
}

fn clear_filter(h: &mut Harness) {
    h.key(KeyCode::Char('/'));
    h.key(KeyCode::Esc);
}

#[test]
fn n_and_n_step_through_the_last_search_in_the_whole_table_wrapping() {
    let mut h = Harness::open(30);
    h.key(KeyCode::Char('3'));
    h.key(KeyCode::Char('n'));
    assert!(h.status().contains("No search yet"), "{}", h.status());
    // 10.0.0.3 and 10.0.0.30 match; the filter is cleared, so every row shows again.
    filter(&mut h, "0.0.3");
    assert_eq!(h.ed().members.len(30), 2);
    clear_filter(&mut h);
    assert_eq!(h.ed().members.len(30), 30);
    assert_eq!(selected_host(&h), "10.0.0.1");
    h.key(KeyCode::Char('n'));
    assert_eq!(selected_host(&h), "10.0.0.3");
    assert!(h.status().contains("/0.0.3: row 3"), "{}", h.status());
    h.key(KeyCode::Char('n'));
    assert_eq!(selected_host(&h), "10.0.0.30");
    h.key(KeyCode::Char('n'));
    assert_eq!(selected_host(&h), "10.0.0.3", "wraps to the top");
    assert!(h.status().contains("wrapped"), "{}", h.status());
    h.key(KeyCode::Char('N'));
    assert_eq!(selected_host(&h), "10.0.0.30", "wraps back to the bottom");
    h.key(KeyCode::Char('N'));
    assert_eq!(selected_host(&h), "10.0.0.3");
    assert!(h.status().contains("/0.0.3: row 3"), "{}", h.status());
}

#[test]
fn n_with_the_filter_in_force_moves_through_the_shown_rows() {
    let mut h = Harness::open(30);
    h.key(KeyCode::Char('3'));
    filter(&mut h, "10.0.0.2");
    h.key(KeyCode::Char('n'));
    assert_eq!(selected_host(&h), "10.0.0.20");
    h.key(KeyCode::Char('N'));
    h.key(KeyCode::Char('N'));
    assert_eq!(selected_host(&h), "10.0.0.29", "wrapped to the last match");
    filter(&mut h, "nowhere");
    h.key(KeyCode::Char('n'));
    assert!(h.status().contains("No row matches"), "{}", h.status());
}

#[test]
fn the_searched_text_is_highlighted_in_the_rows_without_colour() {
    let mut h = Harness::open(30);
    h.key(KeyCode::Char('3'));
    filter(&mut h, "0.0.3");
    clear_filter(&mut h);
    let mut t = ratatui::Terminal::new(ratatui::backend::TestBackend::new(80, 24)).unwrap();
    t.draw(|f| chanedit::ui::draw(f, &h.state, &chanedit::ui::Theme::plain()))
        .unwrap();
    let buf = t.backend().buffer().clone();
    let line = |y: u16| (0..80).map(|x| buf[(x, y)].symbol()).collect::<String>();
    let y = (0..24).find(|y| line(*y).contains("10.0.0.3 ")).unwrap();
    let l = line(y);
    let x = u16::try_from(l[..l.find("10.0.0.3").unwrap()].chars().count()).unwrap();
    let underlined = |x: u16| buf[(x, y)].modifier.contains(Modifier::UNDERLINED);
    // `1` and the first `0.` are outside the match; `0.0.3` is inside it.
    assert!(!underlined(x), "{}", line(y));
    assert!((x + 3..x + 8).all(underlined), "{}", line(y));
    let other = (0..24).find(|y| line(*y).contains("10.0.0.4 ")).unwrap();
    assert!((0..80).all(|x| !buf[(x, other)].modifier.contains(Modifier::UNDERLINED)));
}

#[test]
fn s_sorts_the_view_by_each_column_and_never_reorders_the_draft() {
    let mut h = Harness::open(5);
    h.command("set members[0].weight 30");
    h.command("set members[3].weight 5");
    h.command("set members[4].status 2");
    let order = h.draft()["members"].clone();
    members_table(&mut h);
    h.key(KeyCode::Home);
    h.key(KeyCode::Down); // 10.0.0.2 stays selected through every sort
    h.key(KeyCode::Char('s'));
    assert!(h.status().contains("Sorted by address ▲"), "{}", h.status());
    assert_eq!(shown_hosts(&h)[0], "10.0.0.1");
    h.key(KeyCode::Char('s'));
    assert!(h.status().contains("weight"), "{}", h.status());
    assert_eq!(
        shown_hosts(&h),
        ["10.0.0.4", "10.0.0.2", "10.0.0.3", "10.0.0.5", "10.0.0.1"],
        "by weight, equal weights in the channel's order"
    );
    assert_eq!(selected_host(&h), "10.0.0.2");
    h.key(KeyCode::Char('S'));
    assert_eq!(
        shown_hosts(&h),
        ["10.0.0.1", "10.0.0.2", "10.0.0.3", "10.0.0.5", "10.0.0.4"],
        "reversed; equal weights still in the channel's order"
    );
    let screen = common::render(&h.state, 80, 24);
    assert!(screen.contains("Weight▼"), "{screen}");
    h.key(KeyCode::Char('s')); // group: all equal
    h.key(KeyCode::Char('s')); // status
    assert_eq!(
        shown_hosts(&h)[4],
        "10.0.0.5",
        "disabled (2) after enabled (1)"
    );
    h.key(KeyCode::Char('s')); // health: healthy < unhealthy
    assert_eq!(shown_hosts(&h)[4], "10.0.0.1");
    h.key(KeyCode::Char('s'));
    assert!(h.status().contains("channel's order"), "{}", h.status());
    assert!(h.ed().members.visible.is_none());
    assert_eq!(h.draft()["members"], order, "the draft's order never moved");
}

#[test]
fn addresses_sort_as_addresses_and_the_sort_applies_inside_the_filter() {
    let mut h = Harness::open(30);
    h.key(KeyCode::Char('3'));
    filter(&mut h, "10.0.0.2");
    h.key(KeyCode::Char('S')); // by address, descending
    let shown = shown_hosts(&h);
    assert_eq!(shown.len(), 11);
    // 10.0.0.29 > 10.0.0.3 as addresses, though not as text.
    assert_eq!(shown[0], "10.0.0.29");
    assert_eq!(shown[10], "10.0.0.2");
    // The sort and the filter stay after a send and a reload.
    h.command("set port 81");
    h.key(KeyCode::Char('w'));
    h.key(KeyCode::Char('y'));
    h.key(KeyCode::Char('r'));
    assert_eq!(shown_hosts(&h), shown);
    assert!(h.ed().members.sort.descending);
}

#[test]
fn goto_a_row_the_filter_hides_shows_every_row_in_the_sort() {
    let mut h = Harness::open(30);
    h.key(KeyCode::Char('3'));
    h.key(KeyCode::Char('S'));
    filter(&mut h, "10.0.0.2");
    h.command("goto 10.0.0.5");
    assert!(h.ed().members.filter_text.is_empty());
    assert_eq!(selected_host(&h), "10.0.0.5");
    assert_eq!(shown_hosts(&h)[0], "10.0.0.30", "still sorted, descending");
}

#[test]
fn changed_and_new_rows_and_fields_are_marked_against_the_base() {
    let mut h = Harness::open(5);
    h.command("set members[3].weight 7");
    h.command("set port 81");
    h.command("set member_groups[0].member_group_remark x");
    let ed = h.ed();
    let members: Vec<bool> = (0..5)
        .map(|i| changes::row_changed(ed, RowKind::Members, i))
        .collect();
    assert_eq!(members, [false, false, false, true, false]);
    assert!(changes::row_changed(ed, RowKind::Groups, 0));
    let field = |p: &str| changes::field_changed(h.ed(), &p.parse::<Path>().unwrap());
    assert!(field("members[3].weight"));
    assert!(!field("members[3].host"));
    assert!(!field("members[2].weight"));
    assert!(field("port"));
    assert!(!field("balance_strategy"));
    // A deletion before it moves member 3 to index 2: the mark follows the member.
    h.command("del members[0]");
    let members: Vec<bool> = (0..4)
        .map(|i| changes::row_changed(h.ed(), RowKind::Members, i))
        .collect();
    assert_eq!(members, [false, false, true, false]);
    // Undoing the edit takes the mark away.
    h.key(KeyCode::Char('u'));
    h.key(KeyCode::Char('u'));
    h.key(KeyCode::Char('u'));
    h.key(KeyCode::Char('u'));
    assert!((0..5).all(|i| !changes::row_changed(h.ed(), RowKind::Members, i)));
}

#[test]
fn the_marks_show_as_a_glyph_in_the_table_and_the_form() {
    let mut h = Harness::open(5);
    h.command("set members[1].weight 7");
    members_table(&mut h);
    h.key(KeyCode::Home);
    let screen = common::render(&h.state, 80, 24);
    let row = |s: &str, host: &str| {
        s.lines()
            .find(|l| l.contains(&format!("{host} ")))
            .unwrap()
            .to_string()
    };
    assert!(
        row(&screen, "10.0.0.2").contains("│ ● 10.0.0.2"),
        "{screen}"
    );
    assert!(!row(&screen, "10.0.0.3").contains('●'), "{screen}");
    h.key(KeyCode::Down);
    h.key(KeyCode::Enter);
    let form = common::render(&h.state, 80, 24);
    let weight = form.lines().find(|l| l.contains("Weight")).unwrap();
    let host = form.lines().find(|l| l.contains("Host")).unwrap();
    assert!(weight.contains('●'), "{form}");
    assert!(!host.contains('●'), "{form}");
    // A new member: its row and its filled fields are marked.
    h.key(KeyCode::Esc);
    h.key(KeyCode::Char('a'));
    assert!(changes::row_changed(h.ed(), RowKind::Members, 5));
    let form = common::render(&h.state, 80, 24);
    let weight = form.lines().find(|l| l.contains("Weight")).unwrap();
    assert!(weight.contains('●'), "{form}");
}

#[test]
fn an_add_keeps_the_filter_and_selects_the_new_row_when_it_matches() {
    let mut h = Harness::open(30);
    h.key(KeyCode::Char('3'));
    filter(&mut h, "10.0.0.2");
    h.key(KeyCode::Char('a'));
    assert_eq!(h.ed().members.filter_text, "10.0.0.2", "the filter stays");
    assert_eq!(h.ed().members.form.map(|f| f.0), Some(30));
    // Type the host of the new row: it matches, so closing the form selects it.
    h.key(KeyCode::Enter);
    h.chars("10.0.0.250");
    h.key(KeyCode::Enter);
    h.key(KeyCode::Esc);
    assert!(h.ed().members.form.is_none());
    assert_eq!(h.ed().members.filter_text, "10.0.0.2");
    assert_eq!(selected_host(&h), "10.0.0.250");
    assert_eq!(h.ed().members.len(31), 12);
}

#[test]
fn an_added_row_the_filter_hides_is_named_when_its_form_closes() {
    let mut h = Harness::open(30);
    h.key(KeyCode::Char('3'));
    filter(&mut h, "10.0.0.2");
    h.key(KeyCode::Down);
    h.key(KeyCode::Char('a'));
    h.key(KeyCode::Enter);
    h.chars("192.168.9.9");
    h.key(KeyCode::Enter);
    h.key(KeyCode::Esc);
    assert!(
        h.status().contains("The filter /10.0.0.2 hides row 31"),
        "{}",
        h.status()
    );
    assert_eq!(h.ed().members.len(31), 11, "the filter is still in force");
    // `/` then Esc shows every row; n still finds the old matches.
    clear_filter(&mut h);
    assert_eq!(h.ed().members.len(31), 31);
}

#[test]
fn a_member_whose_port_moved_is_marked_by_its_address() {
    let mut h = Harness::open(5);
    h.command("set members[2].port 9000");
    let field = |p: &str| changes::field_changed(h.ed(), &p.parse::<Path>().unwrap());
    assert!(field("members[2].port"));
    assert!(
        !field("members[2].weight"),
        "the same member, found by its address"
    );
    assert!(!field("members[2].host"));
    assert!(changes::row_changed(h.ed(), RowKind::Members, 2));
    assert!(!changes::row_changed(h.ed(), RowKind::Members, 1));
}
