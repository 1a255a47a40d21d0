//! JSON written to stdout as it is made, sanitized as [`crate::commands::common::json_text`]
//! does it, without holding the whole text: the output of 100,000 members would be a string
//! of tens of megabytes (and a copy while it grows).

use std::io::{self, Write};

use crate::sanitize;

/// Bytes gathered before they are sanitized and written.
const CHUNK: usize = 64 * 1024;

/// Pretty JSON of `value` and a newline on stdout; a closed pipe ends it quietly.
pub fn print_json<T: serde::Serialize>(value: &T) {
    let stdout = io::stdout().lock();
    let mut out = Sanitized {
        pending: Vec::with_capacity(CHUNK),
        out: io::BufWriter::new(stdout),
    };
    // serde_json writes in pieces of a few bytes: gathered first, they reach the sanitizer
    // in big ones.
    let mut gathered = io::BufWriter::with_capacity(CHUNK, &mut out);
    let written = serde_json::to_writer_pretty(&mut gathered, value)
        .map_err(io::Error::other)
        .and_then(|()| gathered.write_all(b"\n"))
        // Flushes the sanitizer too.
        .and_then(|()| gathered.flush());
    if let Err(e) = written
        && e.kind() != io::ErrorKind::BrokenPipe
    {
        tracing::warn!("cannot write the JSON output: {e}");
    }
}

/// Passes on what serde_json writes with unsafe characters escaped; sanitizing goes by
/// characters, so any run of whole ones can be done apart from the rest.
struct Sanitized<W: Write> {
    pending: Vec<u8>,
    out: W,
}

impl<W: Write> Sanitized<W> {
    /// Sanitize and write the whole characters gathered; a character cut at the end waits.
    fn pass(&mut self) -> io::Result<()> {
        let whole = match std::str::from_utf8(&self.pending) {
            Err(e) if e.error_len().is_none() => e.valid_up_to(),
            // Whole, or a byte that no character will complete (shown as U+FFFD).
            _ => self.pending.len(),
        };
        let text = String::from_utf8_lossy(&self.pending[..whole]).into_owned();
        self.out.write_all(sanitize::json(text).as_bytes())?;
        self.pending.drain(..whole);
        Ok(())
    }
}

impl<W: Write> Write for Sanitized<W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.pending.extend_from_slice(buf);
        if self.pending.len() >= CHUNK {
            self.pass()?;
        }
        Ok(buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        self.pass()?;
        if !self.pending.is_empty() {
            // A character cut at the very end: not to be lost silently.
            let rest = String::from_utf8_lossy(&self.pending).into_owned();
            self.out.write_all(sanitize::json(rest).as_bytes())?;
            self.pending.clear();
        }
        self.out.flush()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn written_in_pieces_it_equals_the_whole_text() {
        // Characters of one to four bytes and unsafe ones, cut at every byte.
        let v = json!({"a": "é\u{202e}x\u{1b}𝄞", "b": ["\u{200b}", "\u{200b}", "\u{200b}"]});
        let whole = crate::commands::common::json_text(&v);
        let text = serde_json::to_string_pretty(&v).unwrap() + "\n";
        for size in 1..8 {
            let mut s = Sanitized {
                pending: Vec::new(),
                out: Vec::new(),
            };
            for piece in text.as_bytes().chunks(size) {
                s.write_all(piece).unwrap();
                s.pass().unwrap();
            }
            s.flush().unwrap();
            assert_eq!(String::from_utf8(s.out).unwrap(), whole, "pieces of {size}");
        }
    }
}
