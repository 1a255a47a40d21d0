//! Soak: 100 edit-review-send cycles of the editor's state machine, driven through the real
//! backend (`tui::ApiBackend`: the client, drafts and journal) against an in-process emulator
//! that drops connections, answers 500 and HTML pages, and applies writes without answering
//! (seeded). After every cycle, what the editor told the user is checked against what the
//! emulator holds: "applied" must be there, "not applied" must not, and an unknown outcome
//! must never later pass for a change made by someone else.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::collections::{BTreeMap, VecDeque};
use std::time::Duration;

use chanedit::api::{Auth, Client, ClientConfig};
use chanedit::app::{Action, Effect, State, update};
use chanedit::emulator::{EmulatorConfig, FaultRates, Project, serve};
use chanedit::tui::{ApiBackend, Backend, SendResult};
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

const PROJECT: &str = "0e0e1c8f5a0000b92f2ac0013ec0f8c3";
const INSTANCE: &str = "eddc4d25480b4cd6b512f270a1b8b341";
const WEB: &str = "3c4f0b1a7d2e4c58a1f29b6e8d7c0a11";
const TOKEN: &str = "soak-token";
const CYCLES: i64 = 100;

fn client(url: &str, patient: bool) -> Client {
    let mut cfg = ClientConfig::new(url, PROJECT, INSTANCE, Auth::Token(TOKEN.into()));
    cfg.retry.base_delay = Duration::from_millis(1);
    cfg.retry.max_delay = Duration::from_millis(4);
    if patient {
        // The truth reader gets through the faults by trying again.
        cfg.retry.attempts = 60;
    }
    Client::new(cfg).unwrap()
}

/// Run effects as the terminal runner does, until none is left.
async fn run(state: &mut State, backend: &ApiBackend, fx: Vec<Effect>) {
    let mut queue: VecDeque<Effect> = fx.into();
    while let Some(e) = queue.pop_front() {
        let action = match e {
            Effect::Load { id, purpose } => Some(Action::ChannelLoaded {
                result: backend.load_channel(id.clone()).await.map(Box::new),
                id,
                purpose,
            }),
            Effect::Send {
                id,
                body,
                base,
                plan,
            } => Some(
                match backend.update_channel(id.clone(), body, base, *plan).await {
                    SendResult::Answered(result) => Action::Sent { id, result },
                    SendResult::Lost(lost) => Action::SendLost {
                        id,
                        lost: Box::new(lost),
                    },
                },
            ),
            Effect::LookupDraft { id } => Some(Action::DraftFound {
                lookup: backend.lookup_draft(&id),
                id,
            }),
            Effect::SaveDraft { id } => {
                let draft = &state.editor.as_ref().unwrap().draft;
                let mut text = chanedit::config::DraftText::of(draft).unwrap();
                backend.save_draft(&id, &mut text).unwrap();
                None
            }
            Effect::DeleteDraft { id } => {
                backend.delete_draft(&id).unwrap();
                None
            }
            Effect::Journal { entry } => {
                backend.journal(&entry).unwrap();
                None
            }
            _ => None,
        };
        if let Some(a) = action {
            queue.extend(update(state, a));
        }
    }
}

async fn keys(state: &mut State, backend: &ApiBackend, text: &str) {
    for c in text.chars() {
        let code = if c == '\n' {
            KeyCode::Enter
        } else {
            KeyCode::Char(c)
        };
        let fx = update(state, Action::Key(KeyEvent::new(code, KeyModifiers::NONE)));
        run(state, backend, fx).await;
    }
}

async fn weight_held(truth: &Client) -> i64 {
    let l = truth.load_channel(WEB).await.unwrap();
    let base = l.base();
    base["members"][0]["weight"].as_i64().unwrap()
}

fn status(state: &State) -> String {
    state
        .status
        .as_ref()
        .map(|s| s.text.clone())
        .unwrap_or_default()
}

#[test]
fn a_hundred_editor_sends_under_faults_report_every_outcome_truly() {
    let home = tempfile::tempdir().unwrap();
    // SAFETY: set before the runtime starts, while this is the test binary's only thread
    // that reads the environment (this file holds one test).
    unsafe { std::env::set_var("CHANEDIT_HOME", home.path()) };
    let rt = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .unwrap();
    rt.block_on(async {
        chanedit::install_crypto();
        let mut cfg = EmulatorConfig::with_project(PROJECT, Project::demo(None).unwrap());
        cfg.auth.token = Some(TOKEN.into());
        cfg.seed = Some(20261202);
        cfg.faults = FaultRates {
            drop_rate: 0.05,
            error_rate: 0.05,
            garbage_rate: 0.05,
            drop_after_apply_rate: 0.3,
            ..FaultRates::default()
        };
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let emu = serve(cfg, listener).await;
        let url = emu.url();
        let truth = client(&url, true);
        let backend = ApiBackend::new(client(&url, false), chanedit::config::Gateway::default());
        let mut state = State::new(false);
        state.height = 40;
        let fx = chanedit::app::init(&mut state, Some(WEB.into()));
        run(&mut state, &backend, fx).await;
        let mut tally: BTreeMap<&str, usize> = BTreeMap::new();
        let mut wrong = Vec::new();
        for i in 0..CYCLES {
            if state.editor.is_none() {
                // The open failed under a fault: open again.
                let fx = chanedit::app::init(&mut state, Some(WEB.into()));
                run(&mut state, &backend, fx).await;
                *tally.entry("reopened").or_default() += 1;
                continue;
            }
            state.popup = None;
            let before = weight_held(&truth).await;
            let want = 100 + i;
            keys(
                &mut state,
                &backend,
                &format!(":set members[0].weight {want}\nwy"),
            )
            .await;
            let said = status(&state);
            let now = weight_held(&truth).await;
            let kind = if said.contains("changed since load") {
                // Nobody else edits: an earlier send of ours must never look like that.
                wrong.push(format!("cycle {i}: own change taken for another's: {said}"));
                "conflict"
            } else if said.contains("WAS applied") || said.starts_with("Sent") {
                if now != want {
                    wrong.push(format!(
                        "cycle {i}: said applied, server holds {now}: {said}"
                    ));
                }
                "applied"
            } else if said.contains("NOT applied")
                || said.contains("Send failed")
                || said.contains("before sending")
                || said.contains("Review refused")
            {
                if now == want && before != want {
                    wrong.push(format!(
                        "cycle {i}: said not applied, server has it: {said}"
                    ));
                }
                "not applied"
            } else if said.contains("UNKNOWN") {
                "unknown"
            } else {
                wrong.push(format!("cycle {i}: unexpected status: {said}"));
                "other"
            };
            *tally.entry(kind).or_default() += 1;
        }
        emu.shutdown().await;
        assert!(wrong.is_empty(), "{tally:?}\n{}", wrong.join("\n"));
        assert!(
            tally.get("applied").copied().unwrap_or(0) >= 50,
            "{tally:?}"
        );
        eprintln!("outcomes: {tally:?}");
    });
}
