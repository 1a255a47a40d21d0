//! Draft and journal writes, done one at a time so that an older save never lands last.

use std::sync::Arc;

use serde_json::Value;
use tokio::sync::mpsc;

use super::backend::Backend;
use crate::app::Action;

pub enum FileOp {
    Save(String, Arc<Value>),
    Delete(String),
    Journal(Value),
}

/// Run until every sender is gone; failures come back as actions so the screen tells them.
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
            FileOp::Save(id, d) => b
                .save_draft(&id, &d)
                .map_err(|e| Box::new(Action::DraftSaveFailed(e))),
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
        let failed = match outcome {
            Ok(Ok(())) => None,
            Ok(Err(action)) => Some(*action),
            Err(e) => Some(Action::DraftSaveFailed(format!("the writer stopped: {e}"))),
        };
        if let Some(action) = failed
            && tx.send(action).is_err()
        {
            tracing::warn!("a file write failed after the editor closed");
        }
    }
}
