//! The clipboard over the terminal: OSC 52 (`ESC ] 52 ; c ; BASE64 BEL`). The terminal that
//! shows the editor sets its own clipboard, so it works over SSH; tmux passes it on with
//! `set-clipboard on`. Whether the terminal took it cannot be known: none answers.

use std::io::Write;

use base64::Engine;

/// The bytes that ask the terminal to put `text` on the clipboard.
pub fn osc52(text: &str) -> Vec<u8> {
    let b64 = base64::engine::general_purpose::STANDARD.encode(text.as_bytes());
    let mut out = Vec::with_capacity(b64.len() + 8);
    out.extend_from_slice(b"\x1b]52;c;");
    out.extend_from_slice(b64.as_bytes());
    out.push(0x07);
    out
}

/// Write the sequence for `text` to `out` (the terminal), between frames.
pub fn write(out: &mut impl Write, text: &str) -> std::io::Result<()> {
    out.write_all(&osc52(text))?;
    out.flush()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_sequence_is_osc_52_with_the_base64_of_the_text() {
        assert_eq!(osc52("10.0.0.5"), b"\x1b]52;c;MTAuMC4wLjU=\x07".to_vec());
        assert_eq!(osc52(""), b"\x1b]52;c;\x07".to_vec());
        let mut buf = Vec::new();
        write(&mut buf, "é\n").unwrap();
        assert_eq!(buf, b"\x1b]52;c;w6kK\x07".to_vec());
    }
}
