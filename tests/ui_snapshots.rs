//! Every screen at 80x24 and 120x40 on ratatui's TestBackend, plus style checks that text
//! snapshots cannot see (state never told by colour alone).
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use chanedit::app::Action;
use chanedit::app::effects::{BackendError, LoadPurpose};
use chanedit::ui::{self, Theme};
use common::{Harness, ID};
use crossterm::event::KeyCode;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::style::{Color, Modifier};
use serde_json::json;

const SIZES: [(u16, u16); 2] = [(80, 24), (120, 40)];

fn terminal(h: &mut Harness, w: u16, hgt: u16, theme: &Theme) -> Terminal<TestBackend> {
    h.act(Action::Resize(w, hgt));
    let mut t = Terminal::new(TestBackend::new(w, hgt)).unwrap();
    t.draw(|f| ui::draw(f, &h.state, theme)).unwrap();
    t
}

/// Snapshot the screen built by `setup` at both sizes.
fn snap(name: &str, setup: impl Fn() -> Harness) {
    for (w, hgt) in SIZES {
        let mut h = setup();
        let t = terminal(&mut h, w, hgt, &Theme::plain());
        insta::assert_snapshot!(format!("{name}_{w}x{hgt}"), t.backend());
    }
}

fn list() -> Harness {
    let mut h = Harness::new(3, false);
    let fx = chanedit::app::init(&mut h.state, None);
    h.auto = false;
    h.resolve(fx);
    let mut other = h.server.detail.clone();
    other.id = Some("0d1e2f3a4b5c46d8e9f0aa11bb22cc33".into());
    other.name = Some("payments_东京".into());
    other.status = Some(2);
    h.act(Action::ChannelsListed(Ok(vec![
        h.server.detail.clone(),
        other,
    ])));
    h
}

#[test]
fn channel_list() {
    snap("list", list);
    snap("list_filtered", || {
        let mut h = list();
        h.key(KeyCode::Char('/'));
        h.chars("pay");
        h
    });
    snap("list_loading", || {
        let mut h = Harness::new(3, false);
        let fx = chanedit::app::init(&mut h.state, None);
        h.auto = false;
        h.resolve(fx);
        h
    });
}

#[test]
fn panes() {
    snap("overview", || Harness::open(4));
    snap("groups", || {
        let mut h = Harness::open(4);
        h.key(KeyCode::Char('2'));
        h
    });
    snap("members", || {
        let mut h = Harness::open(40);
        h.key(KeyCode::Char('3'));
        h.key(KeyCode::Down);
        h
    });
    snap("health", || {
        let mut h = Harness::open(4);
        h.key(KeyCode::Char('4'));
        h
    });
    snap("microservice_server_channel", || {
        let mut h = Harness::open(4);
        h.key(KeyCode::Char('5'));
        h
    });
}

#[test]
fn microservice_form_by_service_type() {
    snap("microservice_cce", || {
        let mut h = Harness::open(0);
        h.command("set vpc_channel_type microservice");
        h.command(r#"set microservice_info {"service_type":"CCE","cce_info":{"cluster_id":"c1","namespace":"default","workload_type":"deployment","app_name":"shop"}}"#);
        h.key(KeyCode::Char('5'));
        h
    });
}

#[test]
fn editing_and_validation() {
    snap("member_form_editing", || {
        let mut h = Harness::open(4);
        h.key(KeyCode::Char('3'));
        h.key(KeyCode::Enter);
        h.key(KeyCode::Down);
        h.key(KeyCode::Down);
        h.key(KeyCode::Enter);
        h.chars("5x");
        h
    });
    snap("health_error_inline", || {
        let mut h = Harness::open(4);
        h.command("set vpc_health_config.timeout 12");
        h
    });
    snap("problems", || {
        let mut h = Harness::open(4);
        h.command("set vpc_health_config.timeout 12");
        h.command("set members[1].weight 20000");
        h.key(KeyCode::Char('p'));
        h
    });
    snap("members_with_bad_row", || {
        let mut h = Harness::open(4);
        h.command("set members[2].weight 20000");
        h.key(KeyCode::Esc);
        h
    });
}

#[test]
fn a_filtered_table_sorted_by_weight_with_changed_rows() {
    snap("members_filtered_sorted_changed", || {
        let mut h = Harness::open(30);
        h.command("set members[21].weight 3");
        h.command("set members[24].weight 50");
        h.key(KeyCode::Esc);
        h.key(KeyCode::Char('/'));
        h.chars("10.0.0.2");
        h.key(KeyCode::Enter);
        h.key(KeyCode::Char('s'));
        h.key(KeyCode::Char('S'));
        h.key(KeyCode::Char('s'));
        h.key(KeyCode::Char('S'));
        h
    });
}

#[test]
fn review_screens() {
    let edited = || {
        let mut h = Harness::open(4);
        h.command("set members[1].weight 7");
        h.command("set vpc_health_config.timeout 3");
        h.key(KeyCode::Char('w'));
        h
    };
    snap("review_diff", edited);
    snap("review_raw", || {
        let mut h = edited();
        h.key(KeyCode::Char('t'));
        h
    });
    snap("review_checking", || {
        let mut h = edited();
        h.auto = false;
        h.key(KeyCode::Char('y'));
        h
    });
    snap("review_mass_delete", || {
        let mut h = Harness::open(4);
        h.command("del members[0]");
        h.command("del members[0]");
        h.command("del members[0]");
        h.key(KeyCode::Char('w'));
        h.key(KeyCode::Char('y'));
        h.chars("VPC");
        h
    });
    snap("review_server_changed", || {
        let mut h = edited();
        let mut other = h.ed().base.value();
        other["port"] = json!(81);
        h.apply(&other);
        h.key(KeyCode::Char('y'));
        h
    });
    snap("review_server_changed_clash", || {
        let mut h = edited();
        let mut other = h.ed().base.value();
        other["vpc_health_config"]["timeout"] = json!(4);
        other["members"][1]["weight"] = json!(2);
        h.apply(&other);
        h.key(KeyCode::Char('y'));
        h
    });
}

/// The review explains a group rename, a move, a weight the group overrides and the HTTP
/// fields a TCP check ignores.
#[test]
fn review_explains_itself() {
    snap("review_explained", || {
        let mut h = Harness::new(7, false);
        let mut canary = h.server.detail.member_groups.as_ref().unwrap()[0].clone();
        canary.member_group_name = Some("canary".into());
        canary.member_group_weight = Some(5);
        h.server.detail.member_groups.as_mut().unwrap().push(canary);
        for m in &mut h.server.members[5..] {
            m.member_group_name = Some("canary".into());
        }
        let fx = chanedit::app::init(&mut h.state, Some(ID.to_string()));
        h.resolve(fx);
        h.command("set member_groups[0].member_group_name main");
        for i in 0..5 {
            h.command(&format!("set members[{i}].member_group_name main"));
        }
        h.command("set members[6].member_group_name main");
        h.command("set members[5].weight 20");
        h.command("set vpc_health_config.protocol TCP");
        h.key(KeyCode::Char('w'));
        h
    });
}

fn weight_error() -> BackendError {
    BackendError {
        status: Some(400),
        error_code: Some("APIG.2004".into()),
        error_msg: "value out of range,parameterName:weight".into(),
        request_id: Some("4f7a9c".into()),
        parameter: Some("weight".into()),
    }
}

#[test]
fn errors_from_the_server() {
    snap("server_error_on_field", || {
        let mut h = Harness::open(4);
        h.command("set members[1].weight 9");
        h.fail_next_send = Some(weight_error());
        h.key(KeyCode::Char('w'));
        h.key(KeyCode::Char('y'));
        h
    });
    snap("network_error", || {
        let mut h = Harness::open(4);
        h.command("set port 81");
        h.fail_next_send = Some(BackendError::network(
            "cannot connect to http://127.0.0.1:9: connection refused",
        ));
        h.key(KeyCode::Char('w'));
        h.key(KeyCode::Char('y'));
        h
    });
    snap("load_error", || {
        let mut h = Harness::new(1, false);
        let fx = chanedit::app::init(&mut h.state, Some(ID.into()));
        h.auto = false;
        h.resolve(fx);
        h.act(Action::ChannelLoaded {
            id: ID.into(),
            purpose: LoadPurpose::Open,
            result: Err(BackendError {
                status: Some(404),
                error_code: Some("APIG.3023".into()),
                error_msg: "The VPC channel does not exist\u{1b}[2J,id:x".into(),
                ..Default::default()
            }),
        });
        h
    });
}

#[test]
fn popups() {
    snap("help", || {
        let mut h = Harness::open(1);
        h.key(KeyCode::Char('?'));
        h
    });
    snap("help_read_only", || {
        let mut h = Harness::new(1, true);
        let fx = chanedit::app::init(&mut h.state, Some(ID.into()));
        h.resolve(fx);
        h.key(KeyCode::Char('?'));
        h
    });
    snap("confirm_quit", || {
        let mut h = Harness::open(1);
        h.command("set port 81");
        h.key(KeyCode::Char('q'));
        h
    });
    snap("command_line", || {
        let mut h = Harness::open(1);
        h.key(KeyCode::Char(':'));
        h.chars("set vpc_health_config.timeout 4");
        h
    });
    snap("command_error", || {
        let mut h = Harness::open(1);
        h.command("set members[9].weight 1");
        h
    });
    snap("json_error", || {
        let mut h = Harness::open(1);
        h.key(KeyCode::Char('e'));
        h.act(Action::EditorClosed(Ok("{\n  \"name\": \n".into())));
        h
    });
    snap("restore_draft", || {
        let mut h = Harness::new(2, false);
        let mut d = h.server.clone();
        d.members[0].weight = Some(77);
        h.saved_draft = Some(chanedit::model::base_value(&d.detail, &d.members));
        let fx = chanedit::app::init(&mut h.state, Some(ID.into()));
        h.resolve(fx);
        h
    });
}

#[test]
fn ten_thousand_members_scrolled_to_the_end() {
    snap("members_10000_end", || {
        let mut h = Harness::open(10_000);
        h.key(KeyCode::Char('3'));
        h.key(KeyCode::End);
        h
    });
}

/// Find the first cell of `text` on screen.
fn find(t: &Terminal<TestBackend>, text: &str) -> (u16, u16) {
    let buf = t.backend().buffer();
    for y in 0..buf.area.height {
        let row: String = (0..buf.area.width)
            .map(|x| buf[(x, y)].symbol().to_string())
            .collect();
        if let Some(at) = row.find(text) {
            let x = row[..at].chars().count() as u16;
            return (x, y);
        }
    }
    panic!("{text} not on screen:\n{}", t.backend());
}

#[test]
fn errors_are_marked_without_colour_and_red_with_colour() {
    let mut h = Harness::open(4);
    h.command("set vpc_health_config.timeout 12");
    let plain = terminal(&mut h, 80, 24, &Theme::plain());
    let (x, y) = find(&plain, "✗ 1 error");
    let cell = &plain.backend().buffer()[(x, y)];
    assert_eq!(cell.fg, Color::Reset, "NO_COLOR: no colour");
    assert!(cell.modifier.contains(Modifier::BOLD), "but bold");
    assert!(cell.modifier.contains(Modifier::REVERSED), "and reversed");
    let (x, y) = find(&plain, "✗Timeout");
    assert_eq!(
        plain.backend().buffer()[(x, y)].symbol(),
        "✗",
        "glyph marks the field"
    );
    let coloured = terminal(&mut h, 80, 24, &Theme::new(true));
    let (x, y) = find(&coloured, "must be less than");
    assert_eq!(coloured.backend().buffer()[(x, y)].fg, Color::Red);
}

#[test]
fn the_selected_row_is_reversed() {
    let mut h = Harness::open(4);
    h.key(KeyCode::Char('3'));
    h.key(KeyCode::Down);
    let t = terminal(&mut h, 80, 24, &Theme::plain());
    let (x, y) = find(&t, "10.0.0.2 ");
    assert!(
        t.backend().buffer()[(x, y)]
            .modifier
            .contains(Modifier::REVERSED)
    );
    let (x, y) = find(&t, "10.0.0.1 ");
    assert!(
        !t.backend().buffer()[(x, y)]
            .modifier
            .contains(Modifier::REVERSED)
    );
}

#[test]
fn server_strings_cannot_reach_the_terminal_raw() {
    let mut h = Harness::new(1, false);
    let mut evil = h.server.clone();
    evil.detail.name = Some("evil\u{1b}]0;pwned\u{7}name".into());
    h.server = evil;
    let fx = chanedit::app::init(&mut h.state, Some(ID.into()));
    h.resolve(fx);
    let t = terminal(&mut h, 80, 24, &Theme::plain());
    let buf = t.backend().buffer();
    assert!(
        buf.content
            .iter()
            .all(|c| !c.symbol().chars().any(char::is_control))
    );
    find(&t, "evil");
}

#[test]
fn narrow_terminal_keeps_the_address_readable() {
    let mut h = Harness::open(5);
    h.key(KeyCode::Char('3'));
    let t = terminal(&mut h, 60, 16, &Theme::plain());
    insta::assert_snapshot!("members_60x16", t.backend());
    find(&t, "10.0.0.5");
}

#[test]
fn tiny_terminals_do_not_break_any_screen() {
    let setups: Vec<fn() -> Harness> = vec![
        list,
        || Harness::open(30),
        || {
            let mut h = Harness::open(30);
            h.key(KeyCode::Char('3'));
            h.key(KeyCode::Enter);
            h
        },
        || {
            let mut h = Harness::open(3);
            h.command("set port 81");
            h.key(KeyCode::Char('w'));
            h
        },
        || {
            let mut h = Harness::open(3);
            h.key(KeyCode::Char('?'));
            h
        },
        || {
            let mut h = Harness::open(3);
            h.command("set vpc_health_config.timeout 40");
            h.key(KeyCode::Char('p'));
            h
        },
    ];
    for setup in setups {
        for (w, hgt) in [(1, 1), (10, 4), (30, 8), (45, 12)] {
            let mut h = setup();
            terminal(&mut h, w, hgt, &Theme::plain());
        }
    }
}

#[test]
fn choice_picker() {
    snap("picker_group", || {
        let mut h = Harness::open(3);
        h.command("add group member_group_name=blue-canary");
        h.key(KeyCode::Esc);
        h.key(KeyCode::Char('3'));
        h.key(KeyCode::Home);
        h.key(KeyCode::Enter);
        for _ in 0..3 {
            h.key(KeyCode::Down);
        }
        h.key(KeyCode::Enter);
        h
    });
    snap("picker_filtered", || {
        let mut h = Harness::open(1);
        h.key(KeyCode::Char('4'));
        h.key(KeyCode::Enter);
        h.chars("http");
        h
    });
}

#[test]
fn command_line_completion() {
    snap("command_completion", || {
        let mut h = Harness::open(3);
        h.key(KeyCode::Char(':'));
        h.chars("set vpc_health_config.t");
        h.key(KeyCode::Tab);
        h.key(KeyCode::Tab);
        h.key(KeyCode::Tab);
        h
    });
}

/// An ECS channel whose members' names are alike and whose ids differ only at the end.
fn ecs_members() -> Harness {
    let mut h = Harness::new(3, false);
    h.server.detail.member_type = Some("ecs".into());
    for (i, m) in h.server.members.iter_mut().enumerate() {
        m.host = None;
        m.ecs_name = Some(format!("billing-ecs-0{}", i + 1));
        m.ecs_id = Some(format!("0b8a5f1e-3c2d-4e6f-9a7b-1c2d3e4f5a6{}", i + 1));
    }
    let fx = chanedit::app::init(&mut h.state, Some(ID.into()));
    h.resolve(fx);
    h.key(KeyCode::Char('3'));
    h
}

#[test]
fn ecs_members_are_told_apart_at_every_width() {
    snap("members_ecs", ecs_members);
    for (w, shown) in [
        (120, "billing-ecs-03 (0b8a5f1e-3c2d-4e6f-9a7b-1c2d3e4f5a63)"),
        (80, "billing-ecs… (…a63)"),
        (60, "billing-ec… (…a63)"),
    ] {
        let mut h = ecs_members();
        let t = terminal(&mut h, w, 24, &Theme::plain());
        find(&t, shown);
    }
}
