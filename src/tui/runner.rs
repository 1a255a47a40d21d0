//! The event loop: set up and restore the screen, turn terminal events, effect results,
//! signals and ticks into actions, run effects as tokio tasks, draw after each change.

use std::sync::Arc;
use std::time::Duration;

use crossterm::event::{
    DisableMouseCapture, EnableBracketedPaste, EnableMouseCapture, Event, EventStream,
    KeyEventKind, MouseButton, MouseEvent, MouseEventKind,
};
use crossterm::terminal::{BeginSynchronizedUpdate, EndSynchronizedUpdate};
use futures::StreamExt;
use tokio::signal::unix::{SignalKind, signal};
use tokio::sync::mpsc;

use super::backend::{Backend, SendResult};
use super::draft_saves::DraftSaves;
use super::external_editor::{self, EditorFailure};
use super::files::{self, FileOp};
use crate::app::effects::DraftLookup;
use crate::app::{Action, Effect, State, init, update};
use crate::ui::{self, Theme};

/// Run the editor until the user quits. Err says why it could not run or had to stop.
pub async fn run(
    backend: Arc<dyn Backend>,
    channel_id: Option<String>,
    read_only: bool,
    watch: Option<u64>,
    look: super::Look,
) -> Result<(), String> {
    let mouse = look.mouse;
    let mut terminal = ratatui::try_init().map_err(|e| format!("cannot open the terminal: {e}"))?;
    if let Err(e) = crossterm::execute!(std::io::stdout(), EnableBracketedPaste) {
        tracing::warn!("cannot turn bracketed paste on: {e}");
    }
    if mouse && let Err(e) = crossterm::execute!(std::io::stdout(), EnableMouseCapture) {
        tracing::warn!("cannot turn the mouse on: {e}");
    }
    let prev = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        external_editor::disable_paste();
        prev(info);
    }));
    let mut farewell = Vec::new();
    let opts = LoopOptions {
        channel_id,
        read_only,
        watch,
        look,
    };
    let result = event_loop(&mut terminal, backend, opts, &mut farewell).await;
    leave_screen();
    // Said after the screen is back, so that the user can read and copy it.
    for line in farewell {
        eprintln!("{line}");
    }
    result
}

/// Give the terminal back as it was.
pub fn leave_screen() {
    external_editor::disable_paste();
    // Harmless when the mouse was never turned on.
    if let Err(e) = crossterm::execute!(std::io::stdout(), DisableMouseCapture) {
        tracing::warn!("cannot turn the mouse off: {e}");
    }
    ratatui::restore();
}

/// What the editor was started with.
struct LoopOptions {
    channel_id: Option<String>,
    read_only: bool,
    watch: Option<u64>,
    look: super::Look,
}

async fn event_loop(
    terminal: &mut ratatui::DefaultTerminal,
    backend: Arc<dyn Backend>,
    opts: LoopOptions,
    farewell: &mut Vec<String>,
) -> Result<(), String> {
    let LoopOptions {
        channel_id,
        read_only,
        watch,
        look,
    } = opts;
    let mouse = look.mouse;
    let theme = look.theme;
    let (tx, mut rx) = mpsc::unbounded_channel::<Action>();
    let (file_tx, file_rx) = mpsc::unbounded_channel::<FileOp>();
    let writer = tokio::spawn(files::writer(backend.clone(), file_rx, tx.clone()));
    let (mut sigterm, mut sighup) = match (
        signal(SignalKind::terminate()),
        signal(SignalKind::hangup()),
    ) {
        (Ok(t), Ok(h)) => (t, h),
        (Err(e), _) | (_, Err(e)) => return Err(format!("cannot watch for signals: {e}")),
    };
    let mut events = EventStream::new();
    let mut tick = tokio::time::interval(Duration::from_millis(100));
    let every = Duration::from_secs(watch.unwrap_or(3600));
    let mut watch_tick = tokio::time::interval_at(tokio::time::Instant::now() + every, every);
    let mut state = State::new(read_only);
    state.watch = watch;
    state.keys = look.keys;
    match terminal.size() {
        Ok(size) => {
            state.width = size.width;
            state.height = size.height;
        }
        Err(e) => tracing::warn!("cannot read the terminal size: {e}"),
    }
    state.now = clock();
    let mut pending = init(&mut state, channel_id);
    let mut saves = DraftSaves::default();
    let save_now = |saves: &mut DraftSaves, state: &State| {
        if let Some(op) = saves.take(state)
            && file_tx.send(op).is_err()
        {
            tracing::warn!("the file writer has stopped; a draft save is lost");
        }
    };
    let mut quit = false;
    let mut draw_failed = false;
    loop {
        for effect in pending.drain(..) {
            let op = match effect {
                Effect::Quit => {
                    save_now(&mut saves, &state);
                    quit = true;
                    continue;
                }
                Effect::OpenEditor { text } => {
                    save_now(&mut saves, &state);
                    // The event reader must stop, or it would steal the editor's keys.
                    drop(events);
                    // The editor blocks this thread until it exits: hand this worker's other
                    // tasks (a draft lookup just spawned, the file writer) to another thread.
                    let edited =
                        tokio::task::block_in_place(|| external_editor::edit(terminal, &text));
                    let action = match edited {
                        Ok(text) => Action::EditorClosed(Ok(text)),
                        Err(EditorFailure::Failed(e)) => Action::EditorClosed(Err(e)),
                        Err(EditorFailure::TerminalLost(e)) => {
                            tracing::warn!("the terminal went away during $EDITOR: {e}");
                            Action::Terminate
                        }
                    };
                    events = EventStream::new();
                    // Leaving the screen for the editor turned the mouse off.
                    if mouse
                        && let Err(e) = crossterm::execute!(std::io::stdout(), EnableMouseCapture)
                    {
                        tracing::warn!("cannot turn the mouse on: {e}");
                    }
                    send(&tx, action);
                    continue;
                }
                Effect::Clipboard { text } => {
                    if let Err(e) = super::clipboard::write(&mut std::io::stdout(), &text) {
                        tracing::warn!("cannot write to the terminal's clipboard: {e}");
                    }
                    continue;
                }
                Effect::WriteFallback { id, draft } => {
                    farewell.push(files::write_fallback(&id, &draft));
                    continue;
                }
                // Written once the edits pause, from the draft as it is then (`draft_saves`).
                Effect::SaveDraft { id, .. } => {
                    saves.asked(id);
                    continue;
                }
                Effect::DeleteDraft { id } => {
                    saves.cancel(&id);
                    FileOp::Delete(id)
                }
                Effect::Journal { entry } => FileOp::Journal(entry),
                other => {
                    // A draft's lock goes only after its last save.
                    if matches!(other, Effect::ReleaseDraft { .. }) {
                        save_now(&mut saves, &state);
                    }
                    spawn(other, backend.clone(), tx.clone());
                    continue;
                }
            };
            if file_tx.send(op).is_err() {
                tracing::warn!("the file writer has stopped; a draft or journal write is lost");
            }
        }
        if quit {
            break;
        }
        match draw(terminal, &state, &theme) {
            Ok(()) => super::first_frame::drawn(),
            // Once: a terminal that cannot be drawn on fails every frame.
            Err(e) if !draw_failed => {
                tracing::warn!("cannot draw: {e}");
                draw_failed = true;
            }
            Err(_) => {}
        }
        let action = tokio::select! {
            ev = events.next() => match ev {
                Some(Ok(Event::Key(k))) if k.kind != KeyEventKind::Release => Action::Key(k),
                Some(Ok(Event::Resize(w, h))) => Action::Resize(w, h),
                Some(Ok(Event::Paste(s))) => Action::Paste(s),
                Some(Ok(Event::Mouse(m))) => match mouse_action(m) {
                    Some(a) => a,
                    None => continue,
                },
                Some(Ok(_)) => continue,
                // The terminal went away: save and leave, as on SIGHUP.
                Some(Err(_)) | None => Action::Terminate,
            },
            Some(a) = rx.recv() => a,
            _ = tick.tick(), if state.busy.is_some() => Action::Tick,
            _ = watch_tick.tick(), if watch.is_some() => Action::WatchTick,
            _ = sigterm.recv() => Action::Terminate,
            _ = sighup.recv() => Action::Terminate,
            _ = tokio::time::sleep_until(saves.due().unwrap_or_else(far_off)), if saves.due().is_some() => {
                save_now(&mut saves, &state);
                continue;
            }
        };
        state.now = clock();
        if !DraftSaves::may_wait_through(&action) {
            save_now(&mut saves, &state);
        }
        pending = update(&mut state, action);
        // Fold in whatever else is already queued so one frame shows it all.
        while let Ok(a) = rx.try_recv() {
            if !DraftSaves::may_wait_through(&a) {
                save_now(&mut saves, &state);
            }
            pending.extend(update(&mut state, a));
        }
    }
    drop(file_tx);
    if tokio::time::timeout(Duration::from_secs(3), writer)
        .await
        .is_err()
    {
        return Err("the last draft or journal write did not finish in 3 s".into());
    }
    Ok(())
}

/// A deadline that never comes (the save timer's when no save waits).
fn far_off() -> tokio::time::Instant {
    tokio::time::Instant::now() + Duration::from_secs(86_400)
}

/// A left click or a wheel step; other mouse events mean nothing to the editor.
fn mouse_action(m: MouseEvent) -> Option<Action> {
    use crate::app::mouse::Mouse;
    let m = match m.kind {
        MouseEventKind::Down(MouseButton::Left) => Mouse::Click {
            column: m.column,
            row: m.row,
        },
        MouseEventKind::ScrollUp => Mouse::ScrollUp,
        MouseEventKind::ScrollDown => Mouse::ScrollDown,
        _ => return None,
    };
    Some(Action::Mouse(m))
}

fn send(tx: &mpsc::UnboundedSender<Action>, action: Action) {
    if tx.send(action).is_err() {
        tracing::warn!("an effect finished after the editor closed");
    }
}

fn draw(
    terminal: &mut ratatui::DefaultTerminal,
    state: &State,
    theme: &Theme,
) -> std::io::Result<()> {
    // Synchronized output: slow links never show a half-drawn frame.
    crossterm::queue!(std::io::stdout(), BeginSynchronizedUpdate)?;
    terminal.draw(|f| ui::draw(f, state, theme))?;
    crossterm::execute!(std::io::stdout(), EndSynchronizedUpdate)
}

fn spawn(effect: Effect, backend: Arc<dyn Backend>, tx: mpsc::UnboundedSender<Action>) {
    if let Effect::CountMembers { ids } = effect {
        tokio::spawn(async move {
            // A few at a time: counts are a nicety and must not crowd out real work.
            let mut counts = futures::stream::iter(ids)
                .map(|id| {
                    let b = backend.clone();
                    async move { (b.member_count(id.clone()).await, id) }
                })
                .buffer_unordered(4);
            while let Some((count, id)) = counts.next().await {
                if let Some(count) = count {
                    send(&tx, Action::MemberCount { id, count });
                }
            }
        });
        return;
    }
    if let Effect::ReleaseDraft { id } = &effect {
        backend.release_draft(id);
        return;
    }
    tokio::spawn(async move {
        let action = match effect {
            Effect::ListChannels => Action::ChannelsListed(backend.list_channels().await),
            Effect::ReadHistory { id } => {
                let b = backend.clone();
                let key = id.clone();
                let result = match tokio::task::spawn_blocking(move || b.read_history(&key)).await {
                    Ok(r) => r,
                    Err(e) => Err(format!("the journal read stopped: {e}")),
                };
                Action::HistoryRead { id, result }
            }
            Effect::ListApis { id, name } => Action::ApisListed {
                result: backend.list_apis(id.clone(), name).await,
                id,
            },
            Effect::Load { id, purpose } => {
                let result = backend.load_channel(id.clone()).await.map(Box::new);
                Action::ChannelLoaded {
                    id,
                    purpose,
                    result,
                }
            }
            Effect::Send {
                id,
                body,
                base,
                plan,
            } => match backend.update_channel(id.clone(), body, base, *plan).await {
                SendResult::Answered(result) => Action::Sent { id, result },
                SendResult::Lost(lost) => Action::SendLost {
                    id,
                    lost: Box::new(lost),
                },
            },
            Effect::FindBackend { target, seq } => Action::BackendFound {
                report: Box::new(backend.find_backend(target, seq).await),
                seq,
            },
            Effect::PlanDrain { seq } => Action::DrainPlanned {
                result: backend.plan_drain(seq).await.map(Box::new),
                seq,
            },
            Effect::Drain { seq } => Action::Drained {
                summary: backend.drain(seq).await,
                seq,
            },
            Effect::LookupDraft { id } => draft_found(backend, id, false).await,
            Effect::TakeOverDraft { id } => draft_found(backend, id, true).await,
            _ => return,
        };
        send(&tx, action);
    });
}

/// The wall clock for message times (`HH:MM:SS`, UTC); the state machine reads no clock.
fn clock() -> String {
    let now = time::OffsetDateTime::now_utc();
    format!("{:02}:{:02}:{:02}", now.hour(), now.minute(), now.second())
}

/// Take the channel's draft (or take it over) off the event loop's thread.
async fn draft_found(backend: Arc<dyn Backend>, id: String, take_over: bool) -> Action {
    let key = id.clone();
    let found = tokio::task::spawn_blocking(move || {
        if take_over {
            backend.take_over_draft(&key)
        } else {
            backend.lookup_draft(&key)
        }
    })
    .await;
    let lookup = match found {
        Ok(l) => l,
        Err(e) => DraftLookup::Failed(format!("the draft lookup stopped: {e}")),
    };
    Action::DraftFound { id, lookup }
}
