//! Choice pickers, `:` completion, the channel list's filter and the mouse, driven through
//! the state machine with no terminal.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use chanedit::app::state::Popup;
use common::Harness;
use crossterm::event::KeyCode;

/// Members pane, first member's form, focus on its Group field.
fn on_group_field(h: &mut Harness) {
    h.key(KeyCode::Char('3'));
    h.key(KeyCode::Home);
    h.key(KeyCode::Enter);
    h.key(KeyCode::Home);
    for _ in 0..3 {
        h.key(KeyCode::Down); // port, weight, group
    }
}

fn with_two_groups() -> Harness {
    let mut h = Harness::open(3);
    h.command("add group member_group_name=blue-canary");
    h.key(KeyCode::Esc);
    h
}

#[test]
fn enter_on_a_choice_opens_a_picker_and_typing_filters_it() {
    let mut h = with_two_groups();
    on_group_field(&mut h);
    h.key(KeyCode::Enter);
    let Some(Popup::Picker(p)) = &h.state.popup else {
        panic!("Enter on a choice opens the picker: {:?}", h.state.popup);
    };
    assert_eq!(
        p.selected, 1,
        "the current value is selected: (none), default, …"
    );
    // Letters go into the filter, not to the editor: `q` does not quit, `u` does not undo.
    h.chars("quc");
    assert!(!h.quit);
    assert!(matches!(h.state.popup, Some(Popup::Picker(_))));
    for _ in 0..3 {
        h.key(KeyCode::Backspace);
    }
    h.chars("CAN");
    let screen = common::render(&h.state, 80, 24);
    assert!(screen.contains("blue-canary"), "{screen}");
    assert!(!screen.contains("› default"), "filtered out: {screen}");
    h.key(KeyCode::Enter);
    assert!(h.state.popup.is_none());
    assert_eq!(h.draft()["members"][0]["member_group_name"], "blue-canary");
    assert!(h.ed().dirty);
    h.key(KeyCode::Char('u'));
    assert_eq!(
        h.draft()["members"][0]["member_group_name"],
        "default",
        "one undo step"
    );
}

#[test]
fn the_group_picker_offers_none_and_arrows_never_stick_on_it() {
    let mut h = with_two_groups();
    on_group_field(&mut h);
    h.key(KeyCode::Enter);
    h.key(KeyCode::Up); // from default up to (none)
    h.key(KeyCode::Enter);
    assert!(h.draft()["members"][0].get("member_group_name").is_none());
    // From "(none)" each step moves on, both ways, and comes round again.
    h.key(KeyCode::Char('l'));
    assert_eq!(h.draft()["members"][0]["member_group_name"], "default");
    h.key(KeyCode::Char('l'));
    assert_eq!(h.draft()["members"][0]["member_group_name"], "blue-canary");
    h.key(KeyCode::Char('l'));
    assert!(h.draft()["members"][0].get("member_group_name").is_none());
    h.key(KeyCode::Char('h'));
    assert_eq!(h.draft()["members"][0]["member_group_name"], "blue-canary");
}

#[test]
fn esc_closes_the_picker_without_a_change_and_no_match_picks_nothing() {
    let mut h = with_two_groups();
    on_group_field(&mut h);
    let before = h.draft().clone();
    h.key(KeyCode::Enter);
    h.key(KeyCode::Down);
    h.key(KeyCode::Esc);
    assert!(h.state.popup.is_none());
    assert_eq!(h.draft()["members"][0]["member_group_name"], "default");
    h.key(KeyCode::Enter);
    h.chars("zzz");
    h.key(KeyCode::Enter);
    assert!(
        matches!(h.state.popup, Some(Popup::Picker(_))),
        "nothing to pick"
    );
    assert_eq!(*h.draft(), before);
}

#[test]
fn picking_member_type_still_asks_before_reidentifying_members() {
    let mut h = Harness::open(2);
    h.key(KeyCode::Char('1'));
    h.key(KeyCode::Home);
    while chanedit::app::panes::current_fields(h.ed())[chanedit::app::panes::focus(h.ed()).unwrap()]
        .label
        != "Member type"
    {
        h.key(KeyCode::Down);
    }
    h.key(KeyCode::Enter);
    h.chars("ecs");
    h.key(KeyCode::Enter);
    assert!(
        matches!(h.state.popup, Some(Popup::Confirm(_))),
        "{:?}",
        h.state.popup
    );
    h.key(KeyCode::Char('y'));
    assert_eq!(h.draft()["member_type"], "ecs");
}

#[test]
fn a_yes_no_field_still_toggles_on_enter() {
    let mut h = Harness::open(2);
    on_group_field(&mut h);
    h.key(KeyCode::Down); // backup
    h.key(KeyCode::Enter);
    assert!(h.state.popup.is_none());
    assert_eq!(h.draft()["members"][0]["is_backup"], true);
}

/// The channel list with three channels that differ in each column.
fn channel_list() -> Harness {
    let mut h = Harness::new(2, false);
    let fx = chanedit::app::init(&mut h.state, None);
    h.auto = false;
    h.resolve(fx);
    let base = h.server.detail.clone();
    let mut ecs = base.clone();
    ecs.id = Some("ecsid".into());
    ecs.name = Some("billing".into());
    ecs.member_type = Some("ecs".into());
    ecs.status = Some(2);
    let mut pay = base.clone();
    pay.id = Some("payid".into());
    pay.name = Some("payments".into());
    h.act(chanedit::app::Action::ChannelsListed(Ok(vec![
        base, ecs, pay,
    ])));
    h
}

fn shown_ids(h: &Harness) -> Vec<String> {
    let l = &h.state.list;
    l.visible.iter().map(|i| l.rows[*i].id.clone()).collect()
}

#[test]
fn the_channel_list_filter_searches_every_column() {
    let mut h = channel_list();
    let status = h.state.list.rows[1].status.clone();
    assert_ne!(
        status, h.state.list.rows[0].status,
        "fixture: statuses differ"
    );
    h.key(KeyCode::Char('/'));
    h.chars(&status.to_uppercase());
    assert_eq!(shown_ids(&h), ["ecsid"], "status column");
    h.ctrl('u');
    h.chars("PAYID");
    assert_eq!(shown_ids(&h), ["payid"], "id column, any case");
    h.ctrl('u');
    // Every word must match some column: name and status together.
    h.chars(&format!("demo {}", h.state.list.rows[0].status));
    assert_eq!(shown_ids(&h), [common::ID]);
    h.ctrl('u');
    h.chars("nothing-like-it");
    assert!(shown_ids(&h).is_empty());
}

#[test]
fn enter_in_the_list_filter_opens_the_first_match_at_once() {
    let mut h = channel_list();
    h.key(KeyCode::Down);
    h.key(KeyCode::Down);
    h.key(KeyCode::Char('/'));
    h.chars("i");
    assert_eq!(h.state.list.selected, 0, "typing selects the first match");
    h.ctrl('u');
    h.chars("zzz");
    h.key(KeyCode::Enter);
    assert!(
        h.state.list.filter.is_some(),
        "no match: the box stays open"
    );
    assert!(
        !h.effects
            .iter()
            .any(|e| matches!(e, chanedit::app::Effect::Load { .. }))
    );
    h.ctrl('u');
    h.chars("bill");
    h.key(KeyCode::Enter);
    assert_eq!(
        h.effects.last(),
        Some(&chanedit::app::Effect::Load {
            id: "ecsid".into(),
            purpose: chanedit::app::LoadPurpose::Open
        })
    );
}

/// The text on the `:` line.
fn line(h: &Harness) -> String {
    match &h.state.popup {
        Some(Popup::Command { input, .. }) => chanedit::app::state::line_text(input),
        other => panic!("no command line: {other:?}"),
    }
}

fn tab(h: &mut Harness) -> String {
    h.key(KeyCode::Tab);
    line(h)
}

#[test]
fn tab_completes_command_names_and_paths_step_by_step() {
    let mut h = Harness::open(3);
    h.key(KeyCode::Char(':'));
    h.chars("un");
    assert_eq!(tab(&mut h), "unset ");
    h.ctrl('u');
    h.chars("set vpc_h");
    assert_eq!(tab(&mut h), "set vpc_health_config.");
    h.chars("time");
    assert_eq!(
        tab(&mut h),
        "set vpc_health_config.time",
        "two fields start so"
    );
    let screen = common::render(&h.state, 80, 24);
    assert!(
        screen.contains("time_interval") && screen.contains("timeout"),
        "{screen}"
    );
    assert_eq!(tab(&mut h), "set vpc_health_config.time_interval");
    assert_eq!(tab(&mut h), "set vpc_health_config.timeout");
    assert_eq!(
        tab(&mut h),
        "set vpc_health_config.time_interval",
        "round again"
    );
    h.ctrl('u');
    h.chars("set members[0].we");
    assert_eq!(tab(&mut h), "set members[0].weight ");
    h.ctrl('u');
    h.chars("del membe");
    assert_eq!(
        tab(&mut h),
        "del member",
        "members[, member_groups[, member_type"
    );
    h.ctrl('u');
    h.chars("set microservice_info.cce_info.app");
    assert_eq!(tab(&mut h), "set microservice_info.cce_info.app_name ");
}

#[test]
fn tab_completes_group_names_and_hosts_from_the_channel() {
    let mut h = Harness::open(30);
    h.command("add group member_group_name=blue-canary");
    h.key(KeyCode::Char('3'));
    h.key(KeyCode::Char(':'));
    h.chars("group bl");
    assert_eq!(tab(&mut h), "group blue-canary ");
    h.ctrl('u');
    h.chars("add member group=d");
    assert_eq!(tab(&mut h), "add member group=default ");
    h.chars("wei");
    assert_eq!(tab(&mut h), "add member group=default weight=");
    h.ctrl('u');
    h.chars("goto 10.0.0.2");
    // 10.0.0.2 and 10.0.0.20 … 10.0.0.29
    assert_eq!(tab(&mut h), "goto 10.0.0.2");
    assert_eq!(tab(&mut h), "goto 10.0.0.2");
    assert_eq!(tab(&mut h), "goto 10.0.0.20");
    h.ctrl('u');
    h.chars("set members[host=10.0.0.17");
    assert_eq!(tab(&mut h), "set members[host=10.0.0.17]");
    h.chars(".po");
    assert_eq!(tab(&mut h), "set members[host=10.0.0.17].port ");
    h.chars("8081");
    h.key(KeyCode::Enter);
    assert_eq!(h.draft()["members"][16]["port"], 8081);
}

#[test]
fn tab_on_the_word_under_the_cursor_keeps_the_rest_of_the_line() {
    let mut h = Harness::open(3);
    h.key(KeyCode::Char(':'));
    h.chars("se members[1].weight 5");
    h.ctrl('a');
    h.key(KeyCode::Right);
    h.key(KeyCode::Right);
    assert_eq!(tab(&mut h), "set members[1].weight 5");
    h.key(KeyCode::Enter);
    assert_eq!(h.draft()["members"][1]["weight"], 5);
}

#[test]
fn host_completion_lists_a_capped_number_at_ten_thousand_members() {
    let mut h = Harness::open(10_000);
    h.key(KeyCode::Char(':'));
    h.chars("goto 10.0.1");
    h.key(KeyCode::Tab);
    let Some(Popup::Command {
        completion: Some(c),
        ..
    }) = &h.state.popup
    else {
        panic!("several hosts start so: {:?}", h.state.popup);
    };
    assert_eq!(c.candidates.len(), chanedit::app::complete::MAX_CANDIDATES);
    assert!(c.candidates.iter().all(|x| x.starts_with("10.0.1")));
}

#[test]
fn read_only_completion_hides_commands_that_write() {
    let mut h = Harness::new(2, true);
    let fx = chanedit::app::init(&mut h.state, Some(common::ID.into()));
    h.resolve(fx);
    h.key(KeyCode::Char(':'));
    h.chars("se");
    assert_eq!(tab(&mut h), "se");
    h.ctrl('u');
    h.chars("go");
    assert_eq!(tab(&mut h), "goto ");
}

use chanedit::app::Action;
use chanedit::app::mouse::Mouse;

/// The screen line where `text` is drawn at 80x24.
fn line_of(h: &Harness, text: &str) -> u16 {
    let screen = common::render(&h.state, 80, 24);
    let y = screen
        .lines()
        .position(|l| l.contains(text))
        .unwrap_or_else(|| panic!("{text} not on screen:\n{screen}"));
    y as u16
}

fn click(h: &mut Harness, row: u16) {
    h.act(Action::Mouse(Mouse::Click { column: 10, row }));
}

#[test]
fn a_click_selects_the_member_row_drawn_there_and_a_second_opens_it() {
    let mut h = Harness::open(40);
    h.key(KeyCode::Char('3'));
    let y = line_of(&h, "10.0.0.7 ");
    click(&mut h, y);
    assert_eq!(h.ed().members.selected, 6);
    assert!(h.ed().members.form.is_none());
    click(&mut h, y);
    assert_eq!(
        h.ed().members.form.map(|f| f.0),
        Some(6),
        "second click opens"
    );
    h.key(KeyCode::Esc);
    // Scrolled down, and with a filter line on top: still the row under the pointer.
    h.key(KeyCode::End);
    let y = line_of(&h, "10.0.0.35 ");
    click(&mut h, y);
    assert_eq!(h.ed().members.selected, 34);
    h.key(KeyCode::Char('/'));
    h.chars("10.0.0.2");
    h.key(KeyCode::Enter);
    let y = line_of(&h, "10.0.0.23 ");
    click(&mut h, y);
    let t = &h.ed().members;
    assert_eq!(t.row(40), Some(22), "{:?}", t.selected);
    // Below the last row, on the border or the hint line: nothing.
    let before = h.ed().members.selected;
    click(&mut h, 22);
    click(&mut h, 23);
    assert_eq!(h.ed().members.selected, before);
}

#[test]
fn a_click_on_a_tab_shows_its_pane_and_clicks_never_reach_past_a_dialog() {
    let mut h = Harness::open(3);
    h.act(Action::Mouse(Mouse::Click { column: 30, row: 1 }));
    assert_eq!(
        h.ed().pane,
        chanedit::app::Pane::Members,
        "{}",
        common::render(&h.state, 80, 24)
    );
    h.act(Action::Mouse(Mouse::Click { column: 2, row: 1 }));
    assert_eq!(h.ed().pane, chanedit::app::Pane::Overview);
    h.key(KeyCode::Char('3'));
    let y = line_of(&h, "10.0.0.2");
    h.key(KeyCode::Char('?'));
    click(&mut h, y);
    click(&mut h, y);
    assert!(matches!(h.state.popup, Some(Popup::Help { .. })));
    assert_eq!(h.ed().members.selected, 0);
    assert!(h.ed().members.form.is_none());
}

#[test]
fn a_click_in_the_channel_list_selects_then_opens() {
    let mut h = channel_list();
    let y = line_of(&h, "payments");
    click(&mut h, y);
    assert_eq!(h.state.list.selected, 2);
    assert!(
        !h.effects
            .iter()
            .any(|e| matches!(e, chanedit::app::Effect::Load { .. }))
    );
    click(&mut h, y);
    assert_eq!(
        h.effects.last(),
        Some(&chanedit::app::Effect::Load {
            id: "payid".into(),
            purpose: chanedit::app::LoadPurpose::Open
        })
    );
}

#[test]
fn the_wheel_moves_three_rows_in_tables_and_pickers() {
    let mut h = Harness::open(40);
    h.key(KeyCode::Char('3'));
    h.act(Action::Mouse(Mouse::ScrollDown));
    h.act(Action::Mouse(Mouse::ScrollDown));
    assert_eq!(h.ed().members.selected, 6);
    h.act(Action::Mouse(Mouse::ScrollUp));
    assert_eq!(h.ed().members.selected, 3);
    // In a dialog the wheel is its arrow keys: the picker moves, the table does not.
    h.key(KeyCode::Enter);
    for _ in 0..3 {
        h.key(KeyCode::Down);
    }
    h.key(KeyCode::Enter);
    h.act(Action::Mouse(Mouse::ScrollUp));
    let Some(Popup::Picker(p)) = &h.state.popup else {
        panic!("picker: {:?}", h.state.popup);
    };
    assert_eq!(p.selected, 0);
    assert_eq!(h.ed().members.selected, 3);
}

#[test]
fn the_hint_line_keeps_the_cycled_candidate_in_view() {
    let mut h = Harness::open(30);
    h.key(KeyCode::Char(':'));
    h.chars("goto 10.0.0.");
    for _ in 0..20 {
        h.key(KeyCode::Tab);
    }
    let shown = line(&h);
    let host = shown.trim_start_matches("goto ");
    let screen = common::render(&h.state, 80, 24);
    let hints = screen.lines().nth(22).unwrap_or_default().to_string();
    assert!(hints.contains(host), "{host} listed: {hints}");
}
