//! Review (`w`): the diff base -> draft as the server will see it, or the raw body; `y` goes on
//! to the send (see `send`), behind the mass-delete guard.

use std::cell::OnceCell;
use std::sync::Arc;

use crossterm::event::KeyEvent;
use serde_json::Value;

use super::effects::Effect;
use super::keymap::{Cmd, Scope};
use super::state::{Popup, Review, ReviewStage, State, line_input, line_text, type_into};
use crate::api::plan::{Plan, WriteMode};
use crate::diff::{Diff, LineKind, Lines};

/// The review's diff, ready to render. Its lines are formatted as they are shown: at 10,000
/// members, formatting them all would be most of the cost of opening the review.
#[derive(Debug, Clone, Default)]
pub struct DiffView {
    pub lines: Lines,
    pub summary: String,
    pub empty: bool,
    /// Why the channel name must be typed first (`Diff::mass_delete`).
    pub mass_delete: Option<String>,
}

impl DiffView {
    pub fn of(base: &Value, draft: &Value) -> DiffView {
        DiffView::from_diff(Arc::new(crate::diff::diff(base, draft)))
    }

    pub fn from_diff(d: Arc<Diff>) -> DiffView {
        DiffView {
            summary: d.summary().to_string(),
            empty: d.is_empty(),
            mass_delete: d.mass_delete(),
            lines: Lines::of(d),
        }
    }

    /// Every line, formatted.
    pub fn all_lines(&self) -> Vec<(LineKind, String)> {
        self.lines
            .all()
            .into_iter()
            .map(|l| (l.kind, l.text))
            .collect()
    }
}

/// `w`: refuse while errors remain or nothing changed, else show the diff.
pub fn open(state: &mut State) -> Vec<Effect> {
    let Some(ed) = state.editor.as_ref() else {
        return Vec::new();
    };
    if ed.error_count > 0 {
        let n = ed.error_count;
        state.error(format!(
            "Review refused: {n} error{} to fix first (p lists them)",
            if n == 1 { "" } else { "s" }
        ));
        return Vec::new();
    }
    // The diff is made once, for the view and the planner.
    let (base, d) = ed.base_and_diff();
    let d = Arc::new(d);
    if d.is_empty() {
        state.info("No changes to send");
        return Vec::new();
    }
    let diff = DiffView::from_diff(d);
    state.status = None;
    state.popup = Some(Popup::Review(Box::new(Review {
        diff,
        base,
        plan: OnceCell::new(),
        mode: WriteMode::default(),
        // Built when first shown (`t`): at 10,000 members it is most of the cost of opening.
        raw: Vec::new(),
        show_raw: false,
        scroll: 0,
        stage: ReviewStage::Ready,
        name_input: line_input(String::new()),
    })));
    Vec::new()
}

/// The PUT body as the raw view shows it: secrets hidden, keys in the loaded channel's order
/// (edits, undo and a rebase can leave them in another), one sanitised line each.
fn raw_body(ed: &super::editor::Editor, base: &Value) -> Vec<String> {
    let mut shown = crate::diff::ordered_like(&ed.draft, base);
    crate::model::redact_secrets(&mut shown);
    match serde_json::to_string_pretty(&shown) {
        Ok(text) => text.lines().map(crate::sanitize::line).collect(),
        Err(e) => vec![format!("(cannot show the body: {e})")],
    }
}

impl Review {
    /// The request the reviewed change goes out as, worked out on first use from the diff
    /// on screen.
    pub fn plan(&self, ed: &super::editor::Editor) -> &Plan {
        self.plan.get_or_init(|| {
            let d = self.diff.lines.diff();
            crate::api::plan::plan_with_diff(&self.base, &ed.member_ids, &ed.draft, self.mode, d)
        })
    }
}

/// The request a change goes out as, when no review has worked it out.
pub fn plan_for(ed: &super::editor::Editor, mode: WriteMode) -> Plan {
    crate::api::plan::plan(&ed.base.value(), &ed.member_ids, &ed.draft, mode)
}

/// The key scope of the review in its current stage.
pub fn scope(rv: &Review) -> Scope {
    match rv.stage {
        ReviewStage::Ready => Scope::Review,
        ReviewStage::ConfirmName => Scope::ReviewName,
        ReviewStage::ServerChanged(ref sc) if sc.rebased.is_ok() => Scope::ServerChanged,
        ReviewStage::ServerChanged(_) => Scope::ServerClash,
        ReviewStage::Checking | ReviewStage::Sending => Scope::Waiting,
    }
}

pub fn key(state: &mut State, ev: KeyEvent) -> Vec<Effect> {
    let read_only = state.read_only;
    let page = state.page_rows();
    let Some(Popup::Review(rv)) = state.popup.as_mut() else {
        return Vec::new();
    };
    let scope = scope(rv);
    let cmd = state.keys.lookup(&[scope], read_only, &ev);
    if scope == Scope::ReviewName {
        match cmd {
            Some(Cmd::Back) => rv.stage = ReviewStage::Ready,
            Some(Cmd::Accept) => {
                let typed = line_text(&rv.name_input);
                let want = state
                    .editor
                    .as_ref()
                    .map(|e| e.channel_name())
                    .unwrap_or_default();
                if typed == want {
                    return super::send::check_then_send(state);
                }
                state.error("The name does not match; nothing sent");
            }
            _ => {
                type_into(&mut rv.name_input, ev);
            }
        }
        return Vec::new();
    }
    let lines = match (&rv.stage, rv.show_raw) {
        (ReviewStage::ServerChanged(sc), _) => sc.lines.len() + 4,
        (_, true) => rv.raw.len(),
        (_, false) => rv.diff.lines.len() + 2,
    };
    let max = lines.saturating_sub(page);
    match cmd {
        Some(Cmd::Send) => {
            if rv.diff.mass_delete.is_some() {
                rv.stage = ReviewStage::ConfirmName;
                rv.name_input = line_input(String::new());
                return Vec::new();
            }
            return super::send::check_then_send(state);
        }
        Some(Cmd::Rebase) => {
            if let ReviewStage::ServerChanged(sc) = &rv.stage {
                let sc = (**sc).clone();
                return super::send::rebase_onto(state, sc);
            }
        }
        Some(Cmd::Reload) => {
            state.popup = None;
            return super::intents::reload(state, true);
        }
        Some(Cmd::ToggleFull) => {
            rv.mode = match rv.mode {
                WriteMode::Narrowest => WriteMode::Full,
                WriteMode::Full => WriteMode::Narrowest,
            };
            rv.plan = OnceCell::new();
        }
        Some(Cmd::ToggleRaw) => {
            if rv.raw.is_empty()
                && let Some(ed) = state.editor.as_ref()
            {
                rv.raw = raw_body(ed, &rv.base);
            }
            rv.show_raw = !rv.show_raw;
            rv.scroll = 0;
        }
        Some(Cmd::Back) => state.popup = None,
        Some(Cmd::Up) => rv.scroll = rv.scroll.saturating_sub(1),
        Some(Cmd::Down) => rv.scroll = (rv.scroll + 1).min(max),
        Some(Cmd::PageUp) => rv.scroll = rv.scroll.saturating_sub(page),
        Some(Cmd::PageDown) => rv.scroll = (rv.scroll + page).min(max),
        Some(Cmd::Top) => rv.scroll = 0,
        Some(Cmd::Bottom) => rv.scroll = max,
        Some(Cmd::Help) => state.popup = Some(Popup::Help { scroll: 0 }),
        Some(Cmd::Quit) => {
            state.popup = Some(Popup::Confirm(super::state::Confirm::QuitWhileSending));
        }
        _ => {}
    }
    Vec::new()
}
