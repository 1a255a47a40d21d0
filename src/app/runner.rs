//! The terminal side: set up and restore the screen, turn terminal events, effect results,
//! signals and ticks into actions, run effects as tokio tasks, draw after each change.

use std::io::Write;
use std::sync::Arc;
use std::time::Duration;

use crossterm::event::{
    DisableBracketedPaste, EnableBracketedPaste, Event, EventStream, KeyEventKind,
};
use crossterm::terminal::{BeginSynchronizedUpdate, EndSynchronizedUpdate};
use futures::StreamExt;
use serde_json::Value;
use tokio::signal::unix::{SignalKind, signal};
use tokio::sync::mpsc;

use super::action::Action;
use super::effects::{Backend, Effect};
use super::state::State;
use super::update::{init, update};
use crate::ui::{self, Theme};

/// Draft and journal writes, done one at a time so that an older save never lands last.
enum FileOp {
    Save(String, Arc<Value>),
    Delete(String),
    Journal(Value),
}

/// Run the editor until the user quits; returns the exit code.
pub async fn run(backend: Arc<dyn Backend>, channel_id: Option<String>, read_only: bool) -> i32 {
    let mut terminal = ratatui::init();
    let _ = crossterm::execute!(std::io::stdout(), EnableBracketedPaste);
    let prev = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        let _ = crossterm::execute!(std::io::stdout(), DisableBracketedPaste);
        prev(info);
    }));
    let code = event_loop(&mut terminal, backend, channel_id, read_only).await;
    let _ = crossterm::execute!(std::io::stdout(), DisableBracketedPaste);
    ratatui::restore();
    code
}

async fn event_loop(
    terminal: &mut ratatui::DefaultTerminal,
    backend: Arc<dyn Backend>,
    channel_id: Option<String>,
    read_only: bool,
) -> i32 {
    let theme = Theme::from_env();
    let (tx, mut rx) = mpsc::unbounded_channel::<Action>();
    let (file_tx, file_rx) = mpsc::unbounded_channel::<FileOp>();
    let writer = tokio::spawn(file_writer(backend.clone(), file_rx, tx.clone()));
    let (Ok(mut sigterm), Ok(mut sighup)) = (
        signal(SignalKind::terminate()),
        signal(SignalKind::hangup()),
    ) else {
        return crate::commands::EXIT_FAIL;
    };
    let mut events = EventStream::new();
    let mut tick = tokio::time::interval(Duration::from_millis(100));
    let mut state = State::new(read_only);
    if let Ok(size) = terminal.size() {
        state.width = size.width;
        state.height = size.height;
    }
    let mut pending = init(&mut state, channel_id);
    let mut quit = false;
    loop {
        for effect in pending.drain(..) {
            match effect {
                Effect::Quit => quit = true,
                Effect::OpenEditor { text } => {
                    // The event reader must stop, or it would steal the editor's keys.
                    drop(events);
                    let result = external_editor(terminal, &text);
                    events = EventStream::new();
                    let _ = tx.send(Action::EditorClosed(result));
                }
                Effect::SaveDraft { id, draft } => {
                    let _ = file_tx.send(FileOp::Save(id, draft));
                }
                Effect::DeleteDraft { id } => {
                    let _ = file_tx.send(FileOp::Delete(id));
                }
                Effect::Journal { entry } => {
                    let _ = file_tx.send(FileOp::Journal(entry));
                }
                other => spawn(other, backend.clone(), tx.clone()),
            }
        }
        if quit {
            break;
        }
        draw(terminal, &state, &theme);
        let action = tokio::select! {
            ev = events.next() => match ev {
                Some(Ok(Event::Key(k))) if k.kind != KeyEventKind::Release => Action::Key(k),
                Some(Ok(Event::Resize(w, h))) => Action::Resize(w, h),
                Some(Ok(Event::Paste(s))) => Action::Paste(s),
                Some(Ok(_)) => continue,
                // The terminal went away: save and leave, as on SIGHUP.
                Some(Err(_)) | None => Action::Terminate,
            },
            Some(a) = rx.recv() => a,
            _ = tick.tick(), if state.busy.is_some() => Action::Tick,
            _ = sigterm.recv() => Action::Terminate,
            _ = sighup.recv() => Action::Terminate,
        };
        pending = update(&mut state, action);
        // Fold in whatever else is already queued so one frame shows it all.
        while let Ok(a) = rx.try_recv() {
            pending.extend(update(&mut state, a));
        }
    }
    drop(file_tx);
    let _ = tokio::time::timeout(Duration::from_secs(3), writer).await;
    crate::commands::EXIT_OK
}

fn draw(terminal: &mut ratatui::DefaultTerminal, state: &State, theme: &Theme) {
    // Synchronized output: slow links never show a half-drawn frame.
    let _ = crossterm::queue!(std::io::stdout(), BeginSynchronizedUpdate);
    let _ = terminal.draw(|f| ui::draw(f, state, theme));
    let _ = crossterm::execute!(std::io::stdout(), EndSynchronizedUpdate);
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
                    let _ = tx.send(Action::MemberCount { id, count });
                }
            }
        });
        return;
    }
    tokio::spawn(async move {
        let action = match effect {
            Effect::ListChannels => Action::ChannelsListed(backend.list_channels().await),
            Effect::Load { id, purpose } => {
                let result = backend.load_channel(id.clone()).await.map(Box::new);
                Action::ChannelLoaded {
                    id,
                    purpose,
                    result,
                }
            }
            Effect::Send { id, body } => {
                let result = backend.update_channel(id.clone(), body).await.map(Box::new);
                Action::Sent { id, result }
            }
            Effect::LookupDraft { id } => {
                let b = backend.clone();
                let key = id.clone();
                let draft = tokio::task::spawn_blocking(move || b.load_draft(&key))
                    .await
                    .ok()
                    .flatten();
                Action::DraftFound { id, draft }
            }
            _ => return,
        };
        let _ = tx.send(action);
    });
}

async fn file_writer(
    backend: Arc<dyn Backend>,
    mut rx: mpsc::UnboundedReceiver<FileOp>,
    tx: mpsc::UnboundedSender<Action>,
) {
    let mut next = None;
    loop {
        let mut op = match next.take() {
            Some(op) => op,
            None => match rx.recv().await {
                Some(op) => op,
                None => break,
            },
        };
        // Saves queued behind this one replace it: only the newest draft is worth writing.
        while let FileOp::Save(id, _) = &op {
            match rx.try_recv() {
                Ok(FileOp::Save(later_id, d)) if later_id == *id => op = FileOp::Save(later_id, d),
                Ok(other) => {
                    next = Some(other);
                    break;
                }
                Err(_) => break,
            }
        }
        let b = backend.clone();
        let r = tokio::task::spawn_blocking(move || match op {
            FileOp::Save(id, d) => b.save_draft(&id, &d),
            FileOp::Delete(id) => {
                b.delete_draft(&id);
                Ok(())
            }
            FileOp::Journal(e) => {
                b.journal(&e);
                Ok(())
            }
        })
        .await;
        if let Ok(Err(e)) = r {
            let _ = tx.send(Action::DraftSaveFailed(e));
        }
    }
}

/// Hand the terminal to $VISUAL / $EDITOR on a private temp file; give back its text.
fn external_editor(terminal: &mut ratatui::DefaultTerminal, text: &str) -> Result<String, String> {
    let path = std::env::temp_dir().join(format!(
        "chanedit-{}-{}.json",
        std::process::id(),
        rand::random::<u32>()
    ));
    write_private(&path, text).map_err(|e| format!("cannot write {}: {e}", path.display()))?;
    let editor = std::env::var("VISUAL")
        .or_else(|_| std::env::var("EDITOR"))
        .unwrap_or_else(|_| "vi".to_string());
    let _ = crossterm::execute!(std::io::stdout(), DisableBracketedPaste);
    ratatui::restore();
    // Through the shell so that EDITOR="code --wait" works.
    let status = std::process::Command::new("sh")
        .arg("-c")
        .arg(format!("{editor} \"$1\""))
        .arg("sh")
        .arg(&path)
        .status();
    *terminal = ratatui::init();
    let _ = crossterm::execute!(std::io::stdout(), EnableBracketedPaste);
    let _ = terminal.clear();
    let result = match status {
        Ok(s) if s.success() => {
            std::fs::read_to_string(&path).map_err(|e| format!("cannot read back the file: {e}"))
        }
        Ok(s) => Err(format!("{editor} exited with {s}")),
        Err(e) => Err(format!("cannot start {editor}: {e}")),
    };
    let _ = std::fs::remove_file(&path);
    result
}

fn write_private(path: &std::path::Path, text: &str) -> std::io::Result<()> {
    use std::os::unix::fs::OpenOptionsExt;
    let mut f = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .mode(0o600)
        .open(path)?;
    f.write_all(text.as_bytes())
}
