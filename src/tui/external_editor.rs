//! `e`: hand the terminal to $VISUAL / $EDITOR on a private temporary file, then take it back.

use crossterm::event::{DisableBracketedPaste, EnableBracketedPaste};

/// Why the external editor gave nothing back.
pub enum EditorFailure {
    /// The editor could not run or its file could not be read; the screen is ours again.
    Failed(String),
    /// The terminal is gone (closed while the editor ran): save and leave.
    TerminalLost(String),
}

/// Edit `text`; the file is removed whatever happens.
pub fn edit(terminal: &mut ratatui::DefaultTerminal, text: &str) -> Result<String, EditorFailure> {
    let path = std::env::temp_dir().join(format!(
        "chanedit-{}-{}.json",
        std::process::id(),
        rand::random::<u32>()
    ));
    super::files::write_new_private(&path, text.as_bytes())
        .map_err(|e| EditorFailure::Failed(format!("cannot write {}: {e}", path.display())))?;
    let result = run_editor(terminal, &path);
    if let Err(e) = std::fs::remove_file(&path) {
        tracing::warn!("cannot remove {}: {e}", path.display());
    }
    result
}

fn run_editor(
    terminal: &mut ratatui::DefaultTerminal,
    path: &std::path::Path,
) -> Result<String, EditorFailure> {
    let editor = std::env::var("VISUAL")
        .or_else(|_| std::env::var("EDITOR"))
        .unwrap_or_else(|_| "vi".to_string());
    super::runner::leave_screen();
    // Through the shell so that EDITOR="code --wait" works.
    let status = std::process::Command::new("sh")
        .arg("-c")
        .arg(format!("{editor} \"$1\""))
        .arg("sh")
        .arg(path)
        .status();
    // A new terminal object has empty buffers, so the next frame redraws every cell; it does
    // not ask the terminal for the cursor position (Terminal::clear would, and that answer
    // does not arrive while the event reader is being replaced). Failing here means the
    // terminal is gone.
    let back = ratatui::try_init().and_then(|t| {
        *terminal = t;
        crossterm::execute!(
            std::io::stdout(),
            EnableBracketedPaste,
            crossterm::terminal::Clear(crossterm::terminal::ClearType::All)
        )
    });
    if let Err(e) = back {
        return Err(EditorFailure::TerminalLost(e.to_string()));
    }
    match status {
        Ok(s) if s.success() => std::fs::read_to_string(path)
            .map_err(|e| EditorFailure::Failed(format!("cannot read back the file: {e}"))),
        Ok(s) => Err(EditorFailure::Failed(format!("{editor} exited with {s}"))),
        Err(e) => Err(EditorFailure::Failed(format!("cannot start {editor}: {e}"))),
    }
}

/// Bracketed paste off, as the shell expects it.
pub fn disable_paste() {
    if let Err(e) = crossterm::execute!(std::io::stdout(), DisableBracketedPaste) {
        tracing::warn!("cannot turn bracketed paste off: {e}");
    }
}
