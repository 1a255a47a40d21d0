//! A channel fixture and a harness that runs the state machine against an in-memory server:
//! effects are answered at once, as the runner would answer them later.
#![allow(dead_code)]
// Test helpers may fail loudly: a broken fixture is a failed test.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

#[path = "../process/mod.rs"]
pub mod process;
pub mod pty;

use chanedit::app::effects::{BackendError, DraftLookup, Effect, LoadPurpose, Loaded, Updated};
use chanedit::app::{Action, State, init, update};
use chanedit::model::{VpcChannel, VpcMemberInfo};
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use serde_json::{Value, json};

pub const ID: &str = "18174f5f4f1a4dc29f33aeadd9788e5f";

pub fn detail_json(members: usize) -> Value {
    json!({
        "id": ID, "name": "VPC_demo", "port": 80, "balance_strategy": 1,
        "member_type": "ip", "type": 2, "vpc_channel_type": "builtin", "dict_code": "",
        "status": 1, "create_time": "2026-11-20T07:11:57Z",
        "member_groups": [{"member_group_id": "g1id", "member_group_name": "default",
            "member_group_remark": "", "create_time": "t", "update_time": "t"}],
        "microservice_info": {"id": "", "service_type": ""},
        "vpc_health_config": {"protocol": "http", "path": "/health", "method": "GET",
            "port": 0, "threshold_normal": 2, "threshold_abnormal": 5, "time_interval": 10,
            "timeout": 5, "http_code": "200", "enable_client_ssl": false, "status": 1,
            "id": "h1", "vpc_channel_id": ID, "create_time": "t"},
        "members": Value::Array(member_list(members)),
    })
}

pub fn member_list(n: usize) -> Vec<Value> {
    (0..n)
        .map(|i| {
            json!({"id": format!("m{i}"), "host": format!("10.0.{}.{}", i / 250, i % 250 + 1),
                "ecs_id": format!("10.0.{}.{}", i / 250, i % 250 + 1),
                "weight": 10, "is_backup": false, "member_group_name": "default",
                "member_group_id": "g1id", "status": 1, "port": 8080, "vpc_channel_id": ID,
                "create_time": "t", "health_status": if i == 0 { "unhealthy" } else { "healthy" }})
        })
        .collect()
}

pub fn loaded(members: usize) -> Loaded {
    let v = detail_json(members);
    let detail: VpcChannel = serde_json::from_value(v.clone()).unwrap();
    let members: Vec<VpcMemberInfo> = serde_json::from_value(v["members"].clone()).unwrap();
    Loaded { detail, members }
}

/// The state machine plus a pretend server.
pub struct Harness {
    pub state: State,
    pub server: Loaded,
    pub sent: Vec<Value>,
    pub effects: Vec<Effect>,
    pub fail_next_send: Option<BackendError>,
    /// Fail the next read made for this purpose.
    pub fail_load: Option<(LoadPurpose, BackendError)>,
    /// The request id the pretend server gives each update.
    pub request_id: Option<String>,
    /// Journal entries the editor asked to write.
    pub journal: Vec<Value>,
    pub saved_draft: Option<Value>,
    /// Lose the next send's answer; the re-read then says this (None: it failed too).
    pub lose_next_send: Option<Option<chanedit::api::Verdict>>,
    /// The APIs routed through the channel, as the server lists them.
    pub apis: Vec<chanedit::app::effects::RoutedApi>,
    /// Another editor holds the draft (answered once to the next lookup).
    pub draft_holder: Option<String>,
    /// What the editor wrote to a fallback file because drafts could not be saved.
    pub fallback: Option<Value>,
    pub editor_text: Option<String>,
    pub quit: bool,
    /// When false, effects are recorded but not answered.
    pub auto: bool,
    /// What a search (`f`) finds.
    pub found: chanedit::app::effects::FoundReport,
    /// The review a drain (`D`) gets, and how many drains were sent.
    pub drain_review: chanedit::app::effects::DrainReview,
    pub drains: usize,
}

impl Harness {
    pub fn new(members: usize, read_only: bool) -> Harness {
        Harness {
            state: State::new(read_only),
            server: loaded(members),
            sent: Vec::new(),
            effects: Vec::new(),
            fail_next_send: None,
            fail_load: None,
            request_id: None,
            journal: Vec::new(),
            saved_draft: None,
            fallback: None,
            draft_holder: None,
            apis: vec![chanedit::app::effects::RoutedApi {
                name: "list_orders".into(),
                method: "GET".into(),
                path: "/orders".into(),
                environments: vec!["RELEASE".into()],
            }],
            lose_next_send: None,
            editor_text: None,
            quit: false,
            auto: true,
            found: Default::default(),
            drain_review: Default::default(),
            drains: 0,
        }
    }

    /// Start with the channel open.
    pub fn open(members: usize) -> Harness {
        let mut h = Harness::new(members, false);
        let fx = init(&mut h.state, Some(ID.to_string()));
        h.resolve(fx);
        h
    }

    pub fn act(&mut self, a: Action) {
        let fx = update(&mut self.state, a);
        self.resolve(fx);
    }

    pub fn key(&mut self, code: KeyCode) {
        self.act(Action::Key(KeyEvent::new(code, KeyModifiers::NONE)));
    }

    pub fn ctrl(&mut self, c: char) {
        self.act(Action::Key(KeyEvent::new(
            KeyCode::Char(c),
            KeyModifiers::CONTROL,
        )));
    }

    pub fn chars(&mut self, s: &str) {
        for c in s.chars() {
            self.key(KeyCode::Char(c));
        }
    }

    /// `:` + line + Enter.
    pub fn command(&mut self, line: &str) {
        self.key(KeyCode::Char(':'));
        self.chars(line);
        self.key(KeyCode::Enter);
    }

    pub fn resolve(&mut self, fx: Vec<Effect>) {
        for e in fx {
            self.effects.push(e.clone());
            if !self.auto {
                continue;
            }
            let next = match e {
                Effect::ListChannels => {
                    Some(Action::ChannelsListed(Ok(vec![self.server.detail.clone()])))
                }
                Effect::Load { id, purpose } => {
                    let fail = self.fail_load.as_ref().filter(|(p, _)| *p == purpose);
                    let result = match fail {
                        Some((_, e)) => Err(e.clone()),
                        None => Ok(Box::new(self.server.clone())),
                    };
                    if result.is_err() {
                        self.fail_load = None;
                    }
                    Some(Action::ChannelLoaded {
                        id,
                        purpose,
                        result,
                    })
                }
                Effect::Send { id, body, .. } if self.lose_next_send.is_some() => {
                    let verdict = self.lose_next_send.take().flatten();
                    // The write landed unless the re-read says it did not.
                    if verdict != Some(chanedit::api::Verdict::NotApplied) {
                        self.sent.push(body.clone());
                        self.apply(&body);
                    }
                    let now = verdict.map(|_| Box::new(self.server.clone()));
                    Some(Action::SendLost {
                        id,
                        lost: Box::new(chanedit::app::effects::LostSend {
                            error: BackendError::network("connection closed before the answer"),
                            verdict,
                            now,
                        }),
                    })
                }
                Effect::Send { id, body, .. } => {
                    let result = match self.fail_next_send.take() {
                        Some(err) => Err(err),
                        None => {
                            self.sent.push(body.clone());
                            self.apply(&body);
                            Ok(Box::new(Updated {
                                request: "PUT .../vpc-channels/{id}".into(),
                                request_id: self.request_id.clone(),
                            }))
                        }
                    };
                    Some(Action::Sent { id, result })
                }
                Effect::LookupDraft { id } | Effect::TakeOverDraft { id } => {
                    let lookup = match self.draft_holder.take() {
                        Some(holder) => DraftLookup::HeldBy(holder),
                        None => DraftLookup::Mine(self.saved_draft.clone()),
                    };
                    Some(Action::DraftFound { id, lookup })
                }
                Effect::ReleaseDraft { .. } => None,
                Effect::ReadHistory { id } => {
                    let rows = self
                        .journal
                        .iter()
                        .enumerate()
                        .rev()
                        .map(|(i, e)| {
                            let d = chanedit::diff::diff(&e["base"], &e["sent"]);
                            chanedit::app::effects::HistoryRow {
                                id: format!("e{i}"),
                                time: format!("2026-12-02T10:0{i}:00Z"),
                                outcome: e["result"].as_str().unwrap_or("").to_string(),
                                request_id: e["request_id"].as_str().map(str::to_string),
                                summary: d.summary().to_string(),
                                lines: d.lines().into_iter().map(|l| l.text).collect(),
                                base: e["base"].clone(),
                            }
                        })
                        .collect();
                    Some(Action::HistoryRead {
                        id,
                        result: Ok(rows),
                    })
                }
                Effect::ListApis { id, .. } => Some(Action::ApisListed {
                    id,
                    result: Ok(self.apis.clone()),
                }),
                // As the runner does: the open draft as its file holds it.
                Effect::SaveDraft { id } => {
                    let ed = self.state.editor.as_ref().filter(|e| e.id == id).unwrap();
                    let text = chanedit::config::draft_text(&ed.draft).unwrap();
                    self.saved_draft = Some(serde_json::from_slice(&text).unwrap());
                    None
                }
                Effect::DeleteDraft { .. } => {
                    self.saved_draft = None;
                    None
                }
                Effect::OpenEditor { text } => {
                    self.editor_text = Some(text);
                    None
                }
                Effect::Quit => {
                    self.quit = true;
                    None
                }
                Effect::Journal { entry } => {
                    self.journal.push(entry);
                    None
                }
                Effect::CountMembers { .. } => None,
                Effect::Clipboard { .. } => None,
                Effect::PlanDrain { seq } => Some(Action::DrainPlanned {
                    seq,
                    result: Ok(Box::new(self.drain_review.clone())),
                }),
                Effect::Drain { seq } => {
                    self.drains += 1;
                    Some(Action::Drained {
                        seq,
                        summary: vec![
                            "drain 10.0.1.8, operation op1:".into(),
                            "  VPC_demo (apig-prod): disabled 1 member(s), verified".into(),
                        ],
                    })
                }
                Effect::FindBackend { seq, .. } => Some(Action::BackendFound {
                    seq,
                    report: Box::new(self.found.clone()),
                }),
                Effect::WriteFallback { draft, .. } => {
                    self.fallback = Some(Value::clone(&draft));
                    None
                }
            };
            if let Some(a) = next {
                self.act(a);
            }
        }
    }

    /// What a server does with a PUT: the body becomes the channel.
    pub fn apply(&mut self, body: &Value) {
        let mut d = body.clone();
        d["id"] = json!(ID);
        d["status"] = json!(1);
        let members: Vec<VpcMemberInfo> =
            serde_json::from_value(body["members"].clone()).unwrap_or_default();
        if let Some(o) = d.as_object_mut() {
            o.remove("members");
        }
        self.server.detail = serde_json::from_value(d).unwrap();
        self.server.members = members;
    }

    pub fn ed(&self) -> &chanedit::app::state::Editor {
        self.state.editor.as_ref().expect("a channel is open")
    }

    pub fn draft(&self) -> &Value {
        &self.ed().draft
    }

    pub fn status(&self) -> String {
        self.state
            .status
            .as_ref()
            .map(|s| s.text.clone())
            .unwrap_or_default()
    }

    pub fn sends(&self) -> usize {
        self.effects
            .iter()
            .filter(|e| matches!(e, Effect::Send { .. }))
            .count()
    }
}

/// The screen as text, drawn at `w`x`h` without colour.
pub fn render(state: &State, w: u16, h: u16) -> String {
    let mut t = ratatui::Terminal::new(ratatui::backend::TestBackend::new(w, h)).unwrap();
    t.draw(|f| chanedit::ui::draw(f, state, &chanedit::ui::Theme::plain()))
        .unwrap();
    let buf = t.backend().buffer().clone();
    (0..h)
        .map(|y| (0..w).map(|x| buf[(x, y)].symbol()).collect::<String>())
        .collect::<Vec<_>>()
        .join("\n")
}
