//! Draft and journal writes, done one at a time so that an older save never lands last.

use std::sync::Arc;

use serde_json::Value;
use tokio::sync::mpsc;

use super::backend::Backend;
use crate::app::Action;

pub enum FileOp {
    /// A draft's text, made on the editor's thread.
    Save(String, crate::config::DraftText),
    Delete(String),
    Journal(Value),
}

/// Run until every sender is gone; outcomes come back as actions so the screen tells them.
pub async fn writer(
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
        let outcome = tokio::task::spawn_blocking(move || match op {
            FileOp::Save(id, mut d) => match b.save_draft(&id, &mut d) {
                Ok(None) => Err(Box::new(Action::DraftSaved { id })),
                Ok(Some(aside)) => Err(Box::new(Action::DraftSavedAside(aside))),
                Err(e) => Err(Box::new(Action::DraftSaveFailed(e))),
            },
            FileOp::Delete(id) => {
                // A stale draft is offered back on the next open, and can be declined there.
                if let Err(e) = b.delete_draft(&id) {
                    tracing::warn!("cannot remove the draft: {e}");
                }
                Ok(())
            }
            FileOp::Journal(e) => b
                .journal(&e)
                .map_err(|e| Box::new(Action::JournalFailed(e))),
        })
        .await;
        // Saves report either way (a success clears an earlier failure); the rest only fail.
        let report = match outcome {
            Ok(Ok(())) => None,
            Ok(Err(action)) => Some(*action),
            Err(e) => Some(Action::DraftSaveFailed(format!("the writer stopped: {e}"))),
        };
        if let Some(action) = report
            && tx.send(action).is_err()
        {
            tracing::debug!("a file write finished after the editor closed");
        }
    }
}

/// Write a draft that could not be saved where drafts live to a new private file in the
/// temporary folder. Returns the line to print once the terminal is restored.
pub fn write_fallback(id: &str, draft: &serde_json::Value) -> String {
    let safe: String = id
        .chars()
        .filter(|c| c.is_ascii_alphanumeric())
        .take(64)
        .collect();
    let path = std::env::temp_dir().join(format!(
        "chanedit-draft-{safe}-{}-{}.json",
        std::process::id(),
        rand::random::<u32>()
    ));
    let text = serde_json::to_string_pretty(draft).unwrap_or_else(|_| draft.to_string());
    match write_new_private(&path, text.as_bytes()) {
        Ok(()) => format!(
            "chanedit: the unsaved draft of channel {} is in {} (secrets masked)",
            crate::sanitize::line(id),
            path.display()
        ),
        Err(e) => format!(
            "chanedit: cannot write the unsaved draft to {} ({e}); here it is (secrets \
             masked):\n{}",
            path.display(),
            crate::sanitize::clean(&text, true)
        ),
    }
}

/// A new file only its owner can read (drafts and bodies may name private hosts).
pub fn write_new_private(path: &std::path::Path, bytes: &[u8]) -> std::io::Result<()> {
    use std::io::Write;
    use std::os::unix::fs::OpenOptionsExt;
    let mut f = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .mode(0o600)
        .open(path)?;
    f.write_all(bytes)?;
    f.sync_all()
}
