//! What the runner needs from the world — the API and the files on disk — and the real
//! implementation: the APIG client for calls, the config files for drafts and journal.

use std::collections::HashMap;
use std::sync::Mutex;

use futures::future::BoxFuture;
use serde_json::Value;

use crate::api::drain::ChannelDrain;
use crate::api::plan::Plan;
use crate::api::search::{Found, ProjectGateway};
use crate::api::{ApiError, Client, Sent};
use crate::app::effects::{
    DraftLookup, DrainReview, FoundReport, FoundRow, HistoryRow, LostSend, RoutedApi,
};
use crate::app::{BackendError, Updated};
use crate::config::{DraftLock, Gateway, JournalEntry, Saved};
use crate::model::{Loaded, VpcChannel};

/// How an update went.
pub enum SendResult {
    /// The server answered: applied, or refused with an error.
    Answered(Result<Box<Updated>, BackendError>),
    /// The answer was lost; the re-read that followed says what happened.
    Lost(LostSend),
}

/// The outside world, as the effects of the state machine need it. Tests of the runner use a
/// fake; the state machine itself never sees this trait.
pub trait Backend: Send + Sync {
    fn list_channels(&self) -> BoxFuture<'_, Result<Vec<VpcChannel>, BackendError>>;
    fn load_channel(&self, id: String) -> BoxFuture<'_, Result<Loaded, BackendError>>;
    /// Send `body` (made from `base`); a lost answer is settled by a re-read, journaled.
    /// Send the plan's one request (the reviewed `body`, made from `base`); a lost answer
    /// is settled by a re-read, journaled.
    fn update_channel(
        &self,
        id: String,
        body: Value,
        base: Value,
        plan: Plan,
    ) -> BoxFuture<'_, SendResult>;
    /// How many members a channel has, from one small page.
    fn member_count(&self, id: String) -> BoxFuture<'_, Option<usize>>;
    /// The channel's sent changes from the journal, newest first.
    fn read_history(&self, id: &str) -> Result<Vec<HistoryRow>, String>;
    /// The APIs that route through a channel.
    fn list_apis(
        &self,
        id: String,
        name: String,
    ) -> BoxFuture<'_, Result<Vec<RoutedApi>, BackendError>>;
    /// Every channel, on every gateway of the project, where `target` is a member.
    fn find_backend(&self, target: crate::model::Backend, seq: u64) -> BoxFuture<'_, FoundReport>;
    /// The review of draining the backend of search `seq` (Err: why there is none).
    fn plan_drain(&self, seq: u64) -> BoxFuture<'_, Result<DrainReview, String>>;
    /// Drain as reviewed; one summary line per channel, then how to undo it.
    fn drain(&self, seq: u64) -> BoxFuture<'_, Vec<String>>;
    /// Take the channel's draft lock and read its saved draft.
    fn lookup_draft(&self, id: &str) -> DraftLookup;
    /// Take the draft over from the editor holding it; its draft is copied aside first.
    fn take_over_draft(&self, id: &str) -> DraftLookup;
    fn release_draft(&self, id: &str);
    /// Save a draft's text. Ok(Some(note)) when the save went aside (another editor took the
    /// draft over).
    fn save_draft(
        &self,
        id: &str,
        text: &mut crate::config::DraftText,
    ) -> Result<Option<String>, String>;
    fn delete_draft(&self, id: &str) -> Result<(), String>;
    fn journal(&self, entry: &Value) -> Result<(), String>;
}

pub struct ApiBackend {
    pub client: Client,
    /// Where the changes go, recorded with every journal entry.
    pub gateway: Gateway,
    /// The draft locks this editor holds, by channel.
    pub locks: Mutex<HashMap<String, DraftLock>>,
    /// The last search (`f`), kept for its drain: the channels as read, and their plans.
    search: tokio::sync::Mutex<Option<LastSearch>>,
}

struct LastSearch {
    seq: u64,
    target: crate::model::Backend,
    places: Vec<ProjectGateway>,
    found: Vec<Found>,
    plans: Vec<ChannelDrain>,
}

impl ApiBackend {
    pub fn new(client: Client, gateway: Gateway) -> Self {
        ApiBackend {
            client,
            gateway,
            locks: Mutex::new(HashMap::new()),
            search: tokio::sync::Mutex::new(None),
        }
    }

    fn entry(
        &self,
        channel: &str,
        base: &Value,
        sent: &Value,
        rid: Option<String>,
        result: &str,
    ) -> JournalEntry {
        JournalEntry::to_gateway(&self.gateway, channel, base, sent, rid, result)
    }

    fn append(&self, entry: &JournalEntry) {
        if let Err(e) = crate::config::append_journal(entry) {
            tracing::warn!("cannot append to the journal: {e:#}");
        }
    }

    fn with_locks<T>(&self, f: impl FnOnce(&mut HashMap<String, DraftLock>) -> T) -> T {
        let mut guard = match self.locks.lock() {
            Ok(g) => g,
            // A panic elsewhere left the map as it was; the locks in it are still ours.
            Err(poisoned) => poisoned.into_inner(),
        };
        f(&mut guard)
    }

    /// Keep a freshly taken lock and read the draft through it.
    fn keep(&self, id: &str, lock: DraftLock, note: Option<String>) -> DraftLookup {
        let draft = lock.load();
        self.with_locks(|m| m.insert(id.to_string(), lock));
        match (draft, note) {
            (Ok(d), None) => DraftLookup::Mine(d),
            (Ok(draft), Some(copy)) => DraftLookup::TakenOver { draft, copy },
            (Err(e), _) => DraftLookup::Failed(format!("{e:#}")),
        }
    }
}

impl From<ApiError> for BackendError {
    fn from(e: ApiError) -> Self {
        BackendError {
            status: e.status(),
            error_code: e.error_code().map(str::to_string),
            error_msg: e.error_msg().map_or_else(|| e.to_string(), str::to_string),
            request_id: e.request_id().map(str::to_string),
            parameter: e.parameter_name(),
        }
    }
}

impl Backend for ApiBackend {
    fn list_channels(&self) -> BoxFuture<'_, Result<Vec<VpcChannel>, BackendError>> {
        Box::pin(async move { Ok(self.client.list_channels(None).await?) })
    }

    fn load_channel(&self, id: String) -> BoxFuture<'_, Result<Loaded, BackendError>> {
        Box::pin(async move { Ok(self.client.load_channel(&id).await?) })
    }

    fn update_channel(
        &self,
        id: String,
        body: Value,
        base: Value,
        plan: Plan,
    ) -> BoxFuture<'_, SendResult> {
        Box::pin(async move {
            let request = plan.describe();
            match self.client.send_plan(&id, &plan).await {
                Sent::Ok { request_id, .. } => SendResult::Answered(Ok(Box::new(Updated {
                    request,
                    request_id,
                }))),
                Sent::Failed(e) => SendResult::Answered(Err(e.into())),
                Sent::Lost(e) => {
                    let rid = e.request_id().map(str::to_string);
                    let mut unknown = self
                        .entry(&id, &base, &body, rid, &format!("answer lost: {e}"))
                        .with_outcome("unknown");
                    unknown.request = Some(request);
                    self.append(&unknown);
                    let error = BackendError::from(e);
                    // Judged where the request wrote, so that a change made elsewhere in the
                    // meantime does not hide whether this one landed.
                    match self.client.reread_plan(&id, &plan, &base, &body).await {
                        Ok((_, verdict, now)) => {
                            self.append(&unknown.confirmation(verdict));
                            SendResult::Lost(LostSend {
                                error,
                                verdict: Some(verdict),
                                now: Some(Box::new(now)),
                            })
                        }
                        Err(e) => {
                            tracing::warn!("the re-read after a lost answer failed: {e}");
                            SendResult::Lost(LostSend {
                                error,
                                verdict: None,
                                now: None,
                            })
                        }
                    }
                }
            }
        })
    }

    fn member_count(&self, id: String) -> BoxFuture<'_, Option<usize>> {
        Box::pin(async move {
            match self.client.list_members_page(&id, 0, 1).await {
                Ok(page) => usize::try_from(page.total).ok(),
                Err(e) => {
                    tracing::debug!("member count of {id}: {e}");
                    None
                }
            }
        })
    }

    fn list_apis(
        &self,
        id: String,
        name: String,
    ) -> BoxFuture<'_, Result<Vec<RoutedApi>, BackendError>> {
        Box::pin(async move {
            let apis = self.client.list_channel_apis(&id, Some(&name)).await?;
            Ok(apis
                .iter()
                .map(|a| RoutedApi {
                    name: crate::sanitize::line(a.name.as_deref().unwrap_or("")),
                    method: crate::sanitize::line(a.req_method.as_deref().unwrap_or("")),
                    path: crate::sanitize::line(a.req_uri.as_deref().unwrap_or("")),
                    environments: a
                        .environments()
                        .into_iter()
                        .map(crate::sanitize::line)
                        .collect(),
                })
                .collect())
        })
    }

    fn read_history(&self, id: &str) -> Result<Vec<HistoryRow>, String> {
        use crate::config::journal_lookup;
        let paths = crate::config::paths().map_err(|e| format!("{e:#}"))?;
        // Line by line, holding only this channel's entries (its settling lines included).
        let journal = crate::config::read_journal_with(&paths.journal_file, |e| {
            (e.channel == id).then_some(e)
        })
        .map_err(|e| format!("{e:#}"))?;
        let entries = &journal.entries;
        let mine: Vec<&crate::config::JournalEntry> = journal_lookup::sent_entries(entries)
            .filter(|e| e.channel == id)
            .collect();
        Ok(mine
            .into_iter()
            .rev()
            .map(|e| {
                let d = crate::diff::diff(&e.base, &e.sent);
                HistoryRow {
                    id: e.id.clone(),
                    time: e.time.clone(),
                    outcome: journal_lookup::outcome(entries, e),
                    request_id: e.request_id.clone(),
                    summary: d.summary().to_string(),
                    lines: d.lines().into_iter().map(|l| l.text).collect(),
                    base: e.base.clone(),
                }
            })
            .collect())
    }

    fn find_backend(&self, target: crate::model::Backend, seq: u64) -> BoxFuture<'_, FoundReport> {
        use crate::api::search::{find_backend, project_gateways};
        use crate::sanitize::line;
        Box::pin(async move {
            let (places, skipped, failed) = project_gateways(&self.client).await;
            let clients: Vec<Client> = places.iter().map(|p| p.client.clone()).collect();
            let found = find_backend(&clients, &target).await;
            let here = &self.client.config().instance_id;
            let mut rows = Vec::new();
            for f in &found.found {
                let place = &places[f.gateway];
                for (_, m) in f.members() {
                    let port = crate::model::effective_port(m, f.loaded.detail.port);
                    let host = m.host.as_deref().or(m.ecs_id.as_deref()).unwrap_or("");
                    rows.push(FoundRow {
                        gateway_id: line(&place.id),
                        gateway_name: line(&place.name),
                        here: &place.id == here,
                        channel_id: line(&f.channel_id),
                        channel_name: line(f.name()),
                        address: line(&match port {
                            Some(p) => format!("{host}:{p}"),
                            None => host.to_string(),
                        }),
                        group: line(m.member_group_name.as_deref().unwrap_or("-")),
                        weight: m.weight.map_or_else(|| "-".into(), |w| w.to_string()),
                        status: crate::model::status_name(m.status),
                        backup: m.is_backup == Some(true),
                        health: line(m.health_status.as_deref().unwrap_or("-")),
                    });
                }
            }
            let name = |i: usize| line(&places[i].name);
            let mut errors: Vec<String> = failed.into_iter().collect();
            errors.extend(found.unread.iter().map(|u| u.describe(name)));
            let report = FoundReport {
                rows,
                gateways: places.len(),
                skipped,
                errors,
            };
            *self.search.lock().await = Some(LastSearch {
                seq,
                target,
                places,
                found: found.found,
                plans: Vec::new(),
            });
            report
        })
    }

    fn plan_drain(&self, seq: u64) -> BoxFuture<'_, Result<DrainReview, String>> {
        use crate::sanitize::line;
        Box::pin(async move {
            let mut guard = self.search.lock().await;
            let Some(last) = guard.as_mut().filter(|s| s.seq == seq) else {
                return Err("the search is gone; search again".into());
            };
            last.plans = last.found.iter().map(crate::api::drain::plan).collect();
            let mut review = DrainReview {
                members: last.plans.iter().map(|p| p.ids.len()).sum(),
                channels: last.plans.iter().filter(|p| !p.ids.is_empty()).count(),
                typed: crate::api::drain::needs_typing(&last.plans),
                lines: Vec::new(),
            };
            review.lines.push(format!(
                "drain {}: disable {} member(s) in {} channel(s)",
                line(&last.target.label()),
                review.members,
                review.channels
            ));
            let mut warnings = Vec::new();
            for (f, p) in last.found.iter().zip(&last.plans) {
                let client = &last.places[f.gateway].client;
                let apis = match client
                    .list_channel_apis(&f.channel_id, f.loaded.detail.name.as_deref())
                    .await
                {
                    Ok(a) => a.len().to_string(),
                    Err(e) => {
                        tracing::warn!("cannot count the APIs of {}: {e}", f.channel_id);
                        "?".into()
                    }
                };
                let (now, after) = p.enabled_counts();
                review.lines.push(line(&format!(
                    "{} ({}): {apis} API(s), enabled {now} -> {after}; disable {}",
                    f.name(),
                    last.places[f.gateway].name,
                    p.disables()
                )));
                if !p.ids.is_empty() {
                    for why in &p.last {
                        warnings.push(line(&format!(
                            "warning: in channel {} this disables {why}",
                            f.name()
                        )));
                    }
                }
            }
            review.lines.extend(warnings);
            Ok(review)
        })
    }

    fn drain(&self, seq: u64) -> BoxFuture<'_, Vec<String>> {
        use crate::tui::status_write::StatusWrite;
        Box::pin(async move {
            let guard = self.search.lock().await;
            let Some(last) = guard.as_ref().filter(|s| s.seq == seq) else {
                return vec!["the search is gone; nothing sent".into()];
            };
            let operation = crate::config::journal::new_id();
            let action = format!("drain {}", last.target.label());
            let gateways: Vec<Gateway> = last
                .places
                .iter()
                .map(|p| Gateway {
                    instance_id: p.id.clone(),
                    ..self.gateway.clone()
                })
                .collect();
            let mut writes = Vec::new();
            for (f, p) in last.found.iter().zip(&last.plans) {
                if p.ids.is_empty() {
                    continue;
                }
                writes.push(StatusWrite {
                    client: &last.places[f.gateway].client,
                    gateway: &gateways[f.gateway],
                    channel_id: &f.channel_id,
                    shown: format!("{} ({})", f.name(), last.places[f.gateway].name),
                    base: p.base.clone(),
                    ids: p.ids.clone(),
                    keys: p.keys.clone(),
                    status: crate::model::member_status::DISABLED,
                    operation: &operation,
                    action: action.clone(),
                });
            }
            // A few channels at a time, in order; a plain loop keeps the future `Send`.
            let at_once = crate::api::search::concurrency(last.places.iter().map(|p| &p.client));
            let mut reports = Vec::new();
            let mut writes = writes.into_iter().peekable();
            while writes.peek().is_some() {
                let mut batch = Vec::new();
                for w in writes.by_ref().take(at_once) {
                    batch.push(w.send());
                }
                reports.extend(futures::future::join_all(batch).await);
            }
            let mut out = vec![format!(
                "drain {}, operation {operation}:",
                crate::sanitize::line(&last.target.label())
            )];
            out.extend(reports.into_iter().map(|r| format!("  {}", r.line)));
            out.push(format!("undo with: chanedit undrain {operation}"));
            out
        })
    }

    fn lookup_draft(&self, id: &str) -> DraftLookup {
        if self.with_locks(|m| m.contains_key(id)) {
            return match self.with_locks(|m| m.get(id).map(DraftLock::load)) {
                Some(Ok(d)) => DraftLookup::Mine(d),
                Some(Err(e)) => DraftLookup::Failed(format!("{e:#}")),
                None => DraftLookup::Mine(None),
            };
        }
        match DraftLock::acquire(id) {
            Ok(Ok(lock)) => self.keep(id, lock, None),
            Ok(Err(holder)) => DraftLookup::HeldBy(holder.to_string()),
            Err(e) => DraftLookup::Failed(format!("cannot lock the draft: {e:#}")),
        }
    }

    fn take_over_draft(&self, id: &str) -> DraftLookup {
        let holder = match DraftLock::acquire(id) {
            Ok(Ok(lock)) => return self.keep(id, lock, None),
            Ok(Err(holder)) => holder,
            Err(e) => return DraftLookup::Failed(format!("cannot lock the draft: {e:#}")),
        };
        match DraftLock::take_over(id, &holder) {
            Ok((lock, copy)) => {
                let note = copy.map_or_else(
                    || "it had no saved draft".to_string(),
                    |p| p.display().to_string(),
                );
                self.keep(id, lock, Some(note))
            }
            Err(e) => DraftLookup::Failed(format!("cannot take the draft over: {e:#}")),
        }
    }

    fn release_draft(&self, id: &str) {
        self.with_locks(|m| m.remove(id));
    }

    fn save_draft(
        &self,
        id: &str,
        text: &mut crate::config::DraftText,
    ) -> Result<Option<String>, String> {
        let saved = self.with_locks(|m| m.get(id).map(|lock| lock.save_text(text)));
        match saved {
            Some(Ok(Saved::InPlace)) => Ok(None),
            Some(Ok(Saved::Aside { file, by })) => Ok(Some(format!(
                "Another editor took this draft over; yours was saved to {}{}",
                file.display(),
                by.map(|h| format!(" (held by {h})")).unwrap_or_default()
            ))),
            Some(Err(e)) => Err(format!("{e:#}")),
            // Not locked (the lock could not be taken): save as before.
            None => crate::config::save_draft_text(id, text)
                .map(|()| None)
                .map_err(|e| format!("{e:#}")),
        }
    }

    fn delete_draft(&self, id: &str) -> Result<(), String> {
        crate::config::delete_draft(id).map_err(|e| format!("{e:#}"))
    }

    fn journal(&self, entry: &Value) -> Result<(), String> {
        let text = |k: &str| entry[k].as_str().unwrap_or_default().to_string();
        let mut e = self.entry(
            &text("channel"),
            &entry["base"],
            &entry["sent"],
            entry["request_id"].as_str().map(str::to_string),
            &text("result"),
        );
        e.request = entry["request"].as_str().map(str::to_string);
        crate::config::append_journal(&e)
            .map_err(|e| format!("cannot append to the journal: {e:#}"))
    }
}
