//! `f` on the channel list: the search runs as an effect, its results come back as an
//! action, Esc drops a search under way, Enter opens the channel at the member.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use chanedit::app::Action;
use chanedit::app::effects::{Effect, FoundReport, FoundRow};
use chanedit::app::keymap::Scope;
use chanedit::app::scopes;
use chanedit::app::state::RowKind;
use chanedit::app::state::{Pane, Popup, View};
use common::{Harness, ID, render};
use crossterm::event::KeyCode;

fn row(channel_id: &str, name: &str, address: &str, here: bool) -> FoundRow {
    FoundRow {
        gateway_id: if here { "gw-here" } else { "gw-other" }.into(),
        gateway_name: if here { "apig-prod" } else { "apig-stage" }.into(),
        here,
        channel_id: channel_id.into(),
        channel_name: name.into(),
        address: address.into(),
        group: "default".into(),
        weight: "10".into(),
        status: "enabled".into(),
        backup: false,
        health: "healthy".into(),
    }
}

/// The channel list, loaded, with the search answering `rows`.
fn list_with(rows: Vec<FoundRow>) -> Harness {
    let mut h = Harness::new(300, false);
    let fx = chanedit::app::init(&mut h.state, None);
    h.resolve(fx);
    h.found = FoundReport {
        rows,
        gateways: 2,
        skipped: Vec::new(),
        errors: Vec::new(),
    };
    h
}

fn find(h: &mut Harness, target: &str) {
    h.key(KeyCode::Char('f'));
    h.chars(target);
    h.key(KeyCode::Enter);
}

#[test]
fn f_searches_and_lists_every_channel_where_the_backend_is() {
    let mut h = list_with(vec![
        row(ID, "VPC_demo", "10.0.1.8:8080", true),
        row("other-channel", "payments", "10.0.1.8:8080", false),
    ]);
    find(&mut h, "10.0.1.8");
    let asked: Vec<_> = h
        .effects
        .iter()
        .filter_map(|e| match e {
            Effect::FindBackend { target, .. } => Some(target.label()),
            _ => None,
        })
        .collect();
    assert_eq!(asked, ["10.0.1.8"]);
    assert_eq!(scopes(&h.state), [Scope::FoundList]);
    let screen = render(&h.state, 80, 24);
    assert!(
        screen.contains("10.0.1.8: 2 member(s) on 2 gateway(s)"),
        "{screen}"
    );
    assert!(screen.contains("VPC_demo"), "{screen}");
    assert!(screen.contains("payments"), "{screen}");
    assert!(screen.contains("apig-stage"), "{screen}");
    assert!(h.status().contains("2 member(s) found"), "{}", h.status());
    // A key the list does not take does nothing.
    h.key(KeyCode::Char('d'));
    assert!(matches!(h.state.popup, Some(Popup::Found(_))));
}

#[test]
fn a_bad_host_stays_on_the_line_with_its_error() {
    let mut h = list_with(Vec::new());
    find(&mut h, "10.0.0.1:99999");
    assert!(
        !h.effects
            .iter()
            .any(|e| matches!(e, Effect::FindBackend { .. }))
    );
    match &h.state.popup {
        Some(Popup::Command { error: Some(e), .. }) => assert!(e.contains("10.0.0.1:99999"), "{e}"),
        other => panic!("{other:?}"),
    }
}

#[test]
fn esc_drops_a_search_under_way_and_its_late_answer() {
    let mut h = list_with(vec![row(ID, "VPC_demo", "10.0.1.8:8080", true)]);
    h.auto = false;
    find(&mut h, "10.0.1.8");
    let seq = h
        .effects
        .iter()
        .find_map(|e| match e {
            Effect::FindBackend { seq, .. } => Some(*seq),
            _ => None,
        })
        .unwrap();
    assert!(
        h.state
            .busy
            .as_deref()
            .unwrap()
            .contains("searching for 10.0.1.8")
    );
    assert!(render(&h.state, 80, 24).contains("searching every gateway"));
    h.key(KeyCode::Esc);
    assert!(h.state.popup.is_none());
    assert!(h.state.busy.is_none());
    let report = Box::new(h.found.clone());
    h.act(Action::BackendFound { seq, report });
    assert!(h.state.popup.is_none(), "the late answer opens nothing");
}

#[test]
fn enter_opens_the_channel_at_the_member() {
    // Member 258 of the fixture is 10.0.1.9.
    let mut h = list_with(vec![row(ID, "VPC_demo", "10.0.1.9:8080", true)]);
    find(&mut h, "10.0.1.9");
    h.key(KeyCode::Enter);
    assert_eq!(h.state.view, View::Editor);
    let ed = h.ed();
    assert_eq!(ed.id, ID);
    assert_eq!(ed.pane, Pane::Members);
    assert_eq!(ed.table(RowKind::Members).selected, 258);
    assert!(h.status().contains("member 259 of 300"), "{}", h.status());
}

#[test]
fn a_result_on_another_gateway_is_named_not_opened() {
    let mut h = list_with(vec![row(
        "other-channel",
        "payments",
        "10.0.1.8:8080",
        false,
    )]);
    find(&mut h, "10.0.1.8");
    h.key(KeyCode::Enter);
    assert_eq!(h.state.view, View::List);
    assert!(
        !h.effects.iter().any(|e| matches!(e, Effect::Load { .. })),
        "nothing is loaded"
    );
    assert!(
        h.status().contains("--instance-id gw-other"),
        "{}",
        h.status()
    );
}

#[test]
fn read_only_can_search() {
    let mut h = Harness::new(10, true);
    let fx = chanedit::app::init(&mut h.state, None);
    h.resolve(fx);
    find(&mut h, "10.0.0.1");
    assert!(matches!(h.state.popup, Some(Popup::Found(_))));
}

fn review(typed: bool) -> chanedit::app::effects::DrainReview {
    chanedit::app::effects::DrainReview {
        lines: vec![
            "drain 10.0.1.8: disable 2 member(s) in 2 channel(s)".into(),
            "VPC_demo (apig-prod): 3 API(s), enabled 300 -> 299; disable 10.0.1.8:8080".into(),
        ],
        members: 2,
        channels: 2,
        typed,
    }
}

#[test]
fn d_reviews_then_y_drains_once() {
    let mut h = list_with(vec![
        row(ID, "VPC_demo", "10.0.1.8:8080", true),
        row("other-channel", "payments", "10.0.1.8:8080", false),
    ]);
    h.drain_review = review(false);
    find(&mut h, "10.0.1.8");
    h.key(KeyCode::Char('D'));
    assert_eq!(scopes(&h.state), [Scope::DrainReview]);
    let screen = render(&h.state, 80, 24);
    assert!(screen.contains("enabled 300 -> 299"), "{screen}");
    assert!(
        screen.contains("y disables 2 member(s) in 2 channel(s)"),
        "{screen}"
    );
    assert_eq!(h.drains, 0, "nothing sent before the answer");
    h.key(KeyCode::Char('y'));
    assert_eq!(h.drains, 1);
    let screen = render(&h.state, 80, 24);
    assert!(screen.contains("operation op1"), "{screen}");
    assert!(
        screen.contains("disabled 1 member(s), verified"),
        "{screen}"
    );
    h.key(KeyCode::Esc);
    assert!(h.state.popup.is_none());
}

#[test]
fn esc_on_the_review_sends_nothing_and_goes_back_to_the_results() {
    let mut h = list_with(vec![row(ID, "VPC_demo", "10.0.1.8:8080", true)]);
    h.drain_review = review(false);
    find(&mut h, "10.0.1.8");
    h.key(KeyCode::Char('D'));
    h.key(KeyCode::Esc);
    assert_eq!(h.drains, 0);
    assert!(matches!(h.state.popup, Some(Popup::Found(_))));
}

#[test]
fn leaving_a_channel_without_enabled_members_takes_the_word_typed() {
    let mut h = list_with(vec![row(ID, "VPC_demo", "10.0.1.8:8080", true)]);
    h.drain_review = review(true);
    find(&mut h, "10.0.1.8");
    h.key(KeyCode::Char('D'));
    assert_eq!(scopes(&h.state), [Scope::DrainTyped]);
    // `y` is only a letter typed here.
    h.key(KeyCode::Char('y'));
    h.key(KeyCode::Enter);
    assert_eq!(h.drains, 0, "a wrong word sends nothing");
    assert!(h.status().contains("Type `drain`"), "{}", h.status());
    h.ctrl('u');
    h.chars("drain");
    h.key(KeyCode::Enter);
    assert_eq!(h.drains, 1);
}

#[test]
fn an_incomplete_search_is_not_drained_and_read_only_has_no_drain() {
    let mut h = list_with(vec![row(ID, "VPC_demo", "10.0.1.8:8080", true)]);
    h.found.errors = vec!["gateway apig-stage: cannot list its channels".into()];
    find(&mut h, "10.0.1.8");
    h.key(KeyCode::Char('D'));
    assert!(matches!(h.state.popup, Some(Popup::Found(_))));
    assert!(h.status().contains("could miss channels"), "{}", h.status());

    let mut ro = Harness::new(10, true);
    let fx = chanedit::app::init(&mut ro.state, None);
    ro.resolve(fx);
    ro.found = h.found.clone();
    ro.found.errors.clear();
    find(&mut ro, "10.0.1.8");
    ro.key(KeyCode::Char('D'));
    assert!(matches!(ro.state.popup, Some(Popup::Found(_))));
    assert!(
        !ro.effects
            .iter()
            .any(|e| matches!(e, Effect::PlanDrain { .. }))
    );
}
