//! One open channel: the base as loaded, the draft being edited, what validation says of it,
//! and where the user is (pane, tables, forms, the field being typed into).

use std::collections::{HashMap, HashSet};
use std::sync::Arc;

use serde_json::Value;

use super::modified::Modified;
use super::panes::Kind;
use super::rows::{RowKind, Table};
use super::state::{LineInput, Pane};
use super::undo::Undo;
use crate::model::{Base, Loaded, VpcChannel};
use crate::path::{Path, Step};
use crate::validate::Diagnostic;

/// How many refreshes a health change stays marked.
pub const HEALTH_MARK_REFRESHES: u32 = 5;

#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct FormState {
    pub focus: usize,
}

/// A field being typed into. Each keystroke writes the text into the draft, so validation
/// runs live; Esc puts `before` back.
#[derive(Debug)]
pub struct FieldEdit {
    pub path: Path,
    pub kind: Kind,
    pub input: LineInput,
    pub before: Option<Value>,
    /// Whether the draft differed from the base when the edit began.
    pub dirty_before: bool,
    /// Why the last key was refused (a letter in a number field).
    pub refused: Option<String>,
}

/// The server's answer to a send, kept beside the field it names.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ServerError {
    pub code: String,
    pub message: String,
    pub request_id: Option<String>,
    /// Index-form body path, when the message names a parameter we could place.
    pub path: Option<String>,
}

#[derive(Debug)]
pub struct Editor {
    pub id: String,
    pub detail: VpcChannel,
    /// `health_status` of loaded members by identity (read-only, not in the body).
    pub health: super::health::Health,
    /// Members (by identity, as [`super::health::Health::key`]) whose health changed, with the
    /// refresh it changed at: marked for a few refreshes, so that a fast `--watch` does not
    /// wipe the mark at once.
    pub health_changed: HashMap<u64, u32>,
    /// Refreshes so far.
    pub refreshes: u32,
    /// What the server holds, compactly (members are most of a big channel's memory).
    pub base: Base,
    /// The base's rows by identity, for the change marks (`changes.rs`).
    pub base_rows: super::changes::BaseRows,
    /// The base's member ids, in its order (narrow writes name members by id); empty when
    /// the base is not a read of the server (the sent body of an unconfirmed update).
    pub member_ids: crate::api::plan::MemberIds,
    /// Held here only: saves are made from it on this thread (`tui/draft_saves.rs`), so an
    /// edit never copies it.
    pub draft: Arc<Value>,
    pub undo: Undo,
    pub problems: Vec<Diagnostic>,
    pub error_count: usize,
    pub warning_count: usize,
    /// Rows with an error, and rows with only warnings (tables mark them differently).
    pub bad_members: HashSet<usize>,
    pub bad_groups: HashSet<usize>,
    pub warn_members: HashSet<usize>,
    pub warn_groups: HashSet<usize>,
    pub dirty: bool,
    /// What makes `dirty`, kept from what each change touched.
    modified: Modified,
    /// Every member's identity, for re-checking an identity edit without the whole list;
    /// made when such an edit begins, dropped whenever the whole draft is checked again.
    identities: Option<crate::validate::MemberIndex>,
    pub pane: Pane,
    pub overview: FormState,
    pub health_form: FormState,
    pub micro: FormState,
    pub groups: Table,
    pub members: Table,
    pub edit: Option<FieldEdit>,
    pub server_error: Option<ServerError>,
    /// The request id of the update just sent, shown once the channel is re-read.
    pub sent_request: Option<String>,
    /// The body of an update the server accepted but that no re-read has confirmed yet: it
    /// is what the server is expected to hold, never a conflict with the user's own change.
    pub expected: Option<Value>,
    /// The APIs that route through the channel; None until listed, Err when that failed.
    pub apis: Option<Result<Vec<super::effects::RoutedApi>, String>>,
    /// Why the last draft save failed, until one succeeds: quitting must not say "saved".
    pub save_failed: Option<String>,
}

impl Editor {
    pub fn new(id: String, mut loaded: Loaded) -> Editor {
        let member_ids = crate::api::plan::member_ids(&loaded);
        let statuses = super::health::Statuses::of(&loaded);
        // Everything else needed from the typed members is taken: they are freed one by one
        // as the base is made of them, so that the two never sit in memory whole together.
        let base =
            crate::model::base_value_owned(&loaded.detail, std::mem::take(&mut loaded.members));
        let health = statuses.by_identity(&base, None);
        let mut ed = Editor {
            id,
            member_ids,
            detail: loaded.detail,
            health,
            health_changed: HashMap::new(),
            refreshes: 0,
            base_rows: super::changes::BaseRows::of(&base),
            base: Base::of(&base),
            draft: Arc::new(base),
            undo: Undo::default(),
            problems: Vec::new(),
            error_count: 0,
            warning_count: 0,
            bad_members: HashSet::new(),
            bad_groups: HashSet::new(),
            warn_members: HashSet::new(),
            warn_groups: HashSet::new(),
            dirty: false,
            modified: Modified::default(),
            identities: None,
            pane: Pane::Overview,
            overview: FormState::default(),
            health_form: FormState::default(),
            micro: FormState::default(),
            groups: Table::default(),
            members: Table::default(),
            edit: None,
            server_error: None,
            sent_request: None,
            save_failed: None,
            expected: None,
            apis: None,
        };
        ed.revalidate();
        ed
    }

    /// A re-read of the channel while the draft stays: the base moves to `loaded`, the
    /// draft's edits are rebased onto it, and members whose health changed are noted.
    /// Err lists what both the server and the draft changed (nothing is moved then).
    pub fn refresh(&mut self, loaded: Loaded) -> Result<usize, Vec<String>> {
        let remote = loaded.base();
        let health = super::health::Statuses::of(&loaded).by_identity(&remote, Some(&self.health));
        self.refreshes += 1;
        let now = self.refreshes;
        let changed = self.health.changed_in(&health);
        let n = changed.len();
        self.health_changed
            .retain(|_, at| now.saturating_sub(*at) < HEALTH_MARK_REFRESHES);
        self.health_changed
            .extend(changed.into_iter().map(|k| (k, now)));
        self.health = health;
        let base = self.base.value();
        if crate::diff::diff(&base, &remote).is_empty() {
            return Ok(n);
        }
        let rebased = crate::diff::rebase(&base, &self.draft, &remote)?;
        drop(base);
        self.member_ids = crate::api::plan::member_ids(&loaded);
        self.detail = loaded.detail;
        self.set_base(remote);
        self.draft = Arc::new(rebased);
        // The old steps were made on a base the server has moved away from.
        self.undo.clear();
        self.revalidate();
        self.refilter();
        Ok(n)
    }

    /// Make `body` the base, its rows indexed by identity for the change marks.
    pub fn set_base(&mut self, body: Value) {
        self.base_rows = super::changes::BaseRows::of(&body);
        self.base = Base::new(body);
    }

    /// Take over where the user was in `old` (pane, tables with their filters, selection and
    /// marks), so that a send or a reload does not throw the place away.
    pub fn keep_place_from(&mut self, old: &mut Editor) {
        self.pane = old.pane;
        self.overview = old.overview;
        self.health_form = old.health_form;
        self.micro = old.micro;
        self.members = std::mem::take(&mut old.members);
        self.groups = std::mem::take(&mut old.groups);
        for t in [&mut self.members, &mut self.groups] {
            t.form = None;
            t.marked.clear();
            t.range_from = None;
        }
        self.refilter();
    }

    /// Whether a member's health changed at one of the last few refreshes.
    pub fn health_is_new(&self, identity: &str) -> bool {
        self.health_changed.contains_key(&self.health.key(identity))
    }

    /// Re-run validation and note which rows have problems (tables mark them).
    pub fn revalidate(&mut self) {
        self.identities = None;
        self.problems = crate::validate::validate(&self.draft);
        self.count_problems();
        self.recheck_dirty();
    }

    /// Compare the whole draft with the base again (after a change of unknown extent).
    pub fn recheck_dirty(&mut self) {
        self.modified = Modified::full(&self.base, &self.draft);
        self.dirty = self.modified.any(&self.base);
    }

    /// The base as JSON, and the diff from it to the draft made from what the edits touched:
    /// members the draft did not change are paired without being compared.
    pub fn base_and_diff(&self) -> (Value, crate::diff::Diff) {
        let base = self.base.value();
        let same_at = |i| self.modified.same_member_at(i);
        let d = crate::diff::diff_knowing(&base, &self.draft, &same_at);
        (base, d)
    }

    /// Whether the draft holds a secret (a save must blank it), without a walk of members.
    pub fn draft_has_secret(&self) -> bool {
        self.modified.has_secret(&self.draft)
    }

    /// The draft changed inside `path` only: re-compare just that part with the base.
    pub fn touched(&mut self, path: &Path) {
        self.modified.touched(&self.base, &self.draft, path);
        self.dirty = self.modified.any(&self.base);
    }

    /// Re-validate the part of the draft that `path` can affect, cheaply enough for every
    /// keystroke at any channel size (see `validate::revalidate_at`).
    pub fn revalidate_at(&mut self, path: &Path) {
        if crate::validate::revalidate_at(&self.draft, path, &mut self.problems) {
            self.count_problems();
        } else {
            self.revalidate();
        }
    }

    /// An edit of a member's identity field (host, port, group name) begins: index every
    /// member's identity as it is now, unless that is already kept.
    pub fn index_identities(&mut self) {
        if self.identities.is_none() {
            self.identities = Some(crate::validate::MemberIndex::of(&self.draft));
        }
    }

    /// The identity of member `path` names changed (nothing else did since
    /// [`Editor::index_identities`]): re-check that member and the findings its old and new
    /// identity take part in, exactly as a full check would.
    pub fn revalidate_identity(&mut self, path: &Path) {
        let row = match path.steps() {
            [Step::Key(k), Step::Index(i), ..] if k == RowKind::Members.key() => *i,
            _ => return self.revalidate(),
        };
        if !crate::validate::revalidate_at(&self.draft, path, &mut self.problems) {
            return self.revalidate();
        }
        let kept = self
            .identities
            .as_mut()
            .is_some_and(|ix| ix.update(&self.draft, row, &mut self.problems));
        if kept {
            self.count_problems();
        } else {
            self.revalidate();
        }
    }

    fn count_problems(&mut self) {
        self.error_count = self.problems.iter().filter(|p| p.is_error()).count();
        self.warning_count = self.problems.len() - self.error_count;
        for set in [
            &mut self.bad_members,
            &mut self.bad_groups,
            &mut self.warn_members,
            &mut self.warn_groups,
        ] {
            set.clear();
        }
        for p in &self.problems {
            let (members, groups) = if p.is_error() {
                (&mut self.bad_members, &mut self.bad_groups)
            } else {
                (&mut self.warn_members, &mut self.warn_groups)
            };
            if let Some(i) = Path::row_in_text(&p.path, RowKind::Members.key()) {
                members.insert(i);
            } else if let Some(i) = Path::row_in_text(&p.path, RowKind::Groups.key()) {
                groups.insert(i);
            }
        }
    }

    /// The table of a row kind.
    pub fn table(&self, kind: RowKind) -> &Table {
        match kind {
            RowKind::Members => &self.members,
            RowKind::Groups => &self.groups,
        }
    }

    pub fn table_mut(&mut self, kind: RowKind) -> &mut Table {
        match kind {
            RowKind::Members => &mut self.members,
            RowKind::Groups => &mut self.groups,
        }
    }

    /// The rows of a kind in the draft.
    pub fn rows(&self, kind: RowKind) -> &[Value] {
        self.draft[kind.key()].as_array().map_or(&[], Vec::as_slice)
    }

    pub fn total(&self, kind: RowKind) -> usize {
        self.rows(kind).len()
    }

    pub fn member_total(&self) -> usize {
        self.total(RowKind::Members)
    }

    pub fn group_total(&self) -> usize {
        self.total(RowKind::Groups)
    }

    /// Recompute the filtered and sorted row lists after the rows, filter or sort changed.
    pub fn refilter(&mut self) {
        for kind in RowKind::ALL {
            let visible = {
                let t = self.table(kind);
                let filtered =
                    (!t.filter_text.is_empty()).then(|| kind.filter(&self.draft, &t.filter_text));
                super::sort::order(self, kind, t.sort, filtered)
            };
            let total = self.total(kind);
            let t = self.table_mut(kind);
            t.visible = visible;
            t.clamp(total);
        }
    }

    /// Member `row` changed: move just that row in the member table's filtered and sorted
    /// order (a binary search), rather than filtering and sorting every row again.
    pub fn refilter_member(&mut self, row: usize) {
        let kind = RowKind::Members;
        let total = self.total(kind);
        let Some(mut visible) = self.members.visible.take() else {
            // Every row in the draft's order: nothing moves.
            return;
        };
        let t = &self.members;
        let shown = t.filter_text.is_empty()
            || self.rows(kind).get(row).is_some_and(|m| {
                super::panes::members::matches(
                    m,
                    crate::model::is_ecs(&self.draft),
                    &t.filter_text.to_lowercase(),
                )
            });
        super::sort::place(self, kind, t.sort, &mut visible, row, shown);
        self.members.visible = Some(visible);
        self.members.clamp(total);
    }

    /// The diagnostics of one field (index-form path).
    pub fn problems_at<'a>(&'a self, path: &'a str) -> impl Iterator<Item = &'a Diagnostic> {
        self.problems.iter().filter(move |p| p.path == path)
    }

    /// The server error, when it sits on this field.
    pub fn server_error_at(&self, path: &str) -> Option<&ServerError> {
        self.server_error
            .as_ref()
            .filter(|e| e.path.as_deref() == Some(path))
    }

    /// The name that must be typed for a mass delete: the channel's name as loaded.
    pub fn channel_name(&self) -> String {
        self.base
            .field("name")
            .and_then(Value::as_str)
            .unwrap_or_default()
            .to_string()
    }
}
