//! The real binary in a pseudo-terminal, with a small screen model to read what it shows.
//! Waits are deadlines on a condition variable fed by the reader thread, never fixed sleeps.

use std::io::{Read, Write};
use std::sync::{Arc, Condvar, Mutex};
use std::time::{Duration, Instant};

use portable_pty::{CommandBuilder, PtySize, native_pty_system};

/// Enough of a VT100 to follow ratatui's output: cursor moves, clears, text.
pub struct Screen {
    rows: usize,
    cols: usize,
    cells: Vec<Vec<char>>,
    row: usize,
    col: usize,
    pending: Vec<u8>,
    /// Everything received, for checks on raw sequences.
    pub raw: Vec<u8>,
    /// Inside a synchronized update: the frame is not complete yet.
    pub drawing: bool,
}

impl Screen {
    pub fn new(rows: usize, cols: usize) -> Screen {
        Screen {
            rows,
            cols,
            cells: vec![vec![' '; cols]; rows],
            row: 0,
            col: 0,
            pending: Vec::new(),
            raw: Vec::new(),
            drawing: false,
        }
    }

    pub fn text(&self) -> String {
        self.cells
            .iter()
            .map(|r| r.iter().collect::<String>().trim_end().to_string())
            .collect::<Vec<_>>()
            .join("\n")
    }

    fn put(&mut self, c: char) {
        if self.row < self.rows && self.col < self.cols {
            self.cells[self.row][self.col] = c;
        }
        self.col += 1;
    }

    pub fn feed(&mut self, bytes: &[u8]) {
        self.raw.extend_from_slice(bytes);
        self.pending.extend_from_slice(bytes);
        let buf = std::mem::take(&mut self.pending);
        let mut i = 0;
        while i < buf.len() {
            let b = buf[i];
            if b == 0x1b {
                match self.escape(&buf[i..]) {
                    Some(n) => i += n,
                    None => {
                        self.pending = buf[i..].to_vec();
                        return;
                    }
                }
                continue;
            }
            match b {
                b'\r' => self.col = 0,
                b'\n' => self.row += 1,
                0x08 => self.col = self.col.saturating_sub(1),
                0x00..=0x1f => {}
                _ => {
                    let len = match b {
                        0xf0..=0xff => 4,
                        0xe0..=0xef => 3,
                        0xc0..=0xdf => 2,
                        _ => 1,
                    };
                    if i + len > buf.len() {
                        self.pending = buf[i..].to_vec();
                        return;
                    }
                    if let Ok(s) = std::str::from_utf8(&buf[i..i + len]) {
                        for c in s.chars() {
                            self.put(c);
                        }
                    }
                    i += len;
                    continue;
                }
            }
            i += 1;
        }
    }

    /// Apply one escape sequence; its length, or None when it is incomplete.
    fn escape(&mut self, s: &[u8]) -> Option<usize> {
        match s.get(1)? {
            b'[' => {
                let end = s[2..].iter().position(|b| (0x40..=0x7e).contains(b))? + 2;
                let params = std::str::from_utf8(&s[2..end]).unwrap_or("");
                let nums: Vec<usize> = params
                    .trim_start_matches('?')
                    .split(';')
                    .map(|p| p.parse().unwrap_or(0))
                    .collect();
                let n = |i: usize| nums.get(i).copied().filter(|v| *v > 0).unwrap_or(1);
                match s[end] {
                    b'H' | b'f' => {
                        self.row = n(0) - 1;
                        self.col = n(1) - 1;
                    }
                    b'J' if nums.first() == Some(&2) => {
                        self.cells = vec![vec![' '; self.cols]; self.rows];
                    }
                    b'K' if self.row < self.rows => {
                        for c in self.col..self.cols {
                            self.cells[self.row][c] = ' ';
                        }
                    }
                    b'C' => self.col += n(0),
                    b'h' if params == "?2026" => self.drawing = true,
                    b'l' if params == "?2026" => self.drawing = false,
                    b'G' => self.col = n(0) - 1,
                    _ => {}
                }
                Some(end + 1)
            }
            b']' => {
                let end = s.iter().position(|b| *b == 0x07)?;
                Some(end + 1)
            }
            _ => Some(2),
        }
    }
}

pub struct Tui {
    pub screen: Arc<(Mutex<Screen>, Condvar)>,
    writer: Box<dyn Write + Send>,
    pub child: Box<dyn portable_pty::Child + Send + Sync>,
    _master: Box<dyn portable_pty::MasterPty + Send>,
}

/// The demo's `web_backend` channel: 10 ip members in groups blue and green.
pub const WEB_BACKEND: &str = "3c4f0b1a7d2e4c58a1f29b6e8d7c0a11";

impl Tui {
    /// The editor at 80x24 on the demo gateways, signed with the demo's token, with `extra`
    /// arguments after the gateway's (a channel id) and `env` besides the token.
    pub fn on_demo(
        demo: &chanedit::emulator::Demo,
        home: &std::path::Path,
        extra: &[&str],
        env: &[(&str, &str)],
    ) -> Tui {
        let mut args = vec![
            "--endpoint",
            demo.endpoint.as_str(),
            "--project-id",
            demo.project_id.as_str(),
            "--instance-id",
            demo.instance_id.as_str(),
        ];
        args.extend_from_slice(extra);
        let mut env = env.to_vec();
        env.push(("HW_AUTH_TOKEN", demo.token.as_str()));
        Tui::spawn(&args, home, &env, 80, 24)
    }

    /// The binary with `args` on a `cols`x`rows` terminal, its per-user files under `home`,
    /// and only PATH, TERM and `env` besides.
    pub fn spawn(
        args: &[&str],
        home: &std::path::Path,
        env: &[(&str, &str)],
        cols: u16,
        rows: u16,
    ) -> Tui {
        let pty = native_pty_system();
        let pair = pty
            .openpty(PtySize {
                rows,
                cols,
                pixel_width: 0,
                pixel_height: 0,
            })
            .expect("a pseudo-terminal");
        let mut cmd = CommandBuilder::new(env!("CARGO_BIN_EXE_chanedit"));
        cmd.args(args);
        cmd.env_clear();
        cmd.env("TERM", "xterm-256color");
        cmd.env("PATH", std::env::var("PATH").unwrap_or_default());
        super::process::isolate_pty(&mut cmd, home);
        for (k, v) in env {
            cmd.env(k, v);
        }
        let child = pair.slave.spawn_command(cmd).expect("spawn chanedit");
        drop(pair.slave);
        let mut reader = pair.master.try_clone_reader().unwrap();
        let writer = pair.master.take_writer().unwrap();
        let screen = Arc::new((
            Mutex::new(Screen::new(rows.into(), cols.into())),
            Condvar::new(),
        ));
        let feed = screen.clone();
        std::thread::spawn(move || {
            let mut buf = [0u8; 8192];
            loop {
                match reader.read(&mut buf) {
                    Ok(0) | Err(_) => break,
                    Ok(n) => {
                        feed.0
                            .lock()
                            .unwrap_or_else(|e| e.into_inner())
                            .feed(&buf[..n]);
                        feed.1.notify_all();
                    }
                }
            }
        });
        Tui {
            screen,
            writer,
            child,
            _master: pair.master,
        }
    }

    pub fn send(&mut self, keys: &str) {
        self.writer.write_all(keys.as_bytes()).unwrap();
        self.writer.flush().unwrap();
    }

    pub fn text(&self) -> String {
        self.screen.0.lock().unwrap().text()
    }

    /// Bytes received so far.
    pub fn raw_len(&self) -> usize {
        self.screen.0.lock().unwrap().raw.len()
    }

    /// Wait until the screen satisfies `cond`; panic with the screen after `secs`.
    pub fn wait_until(&self, what: &str, secs: u64, cond: impl Fn(&Screen) -> bool) -> String {
        let deadline = Instant::now() + Duration::from_secs(secs);
        let (lock, cv) = &*self.screen;
        let mut s = lock.lock().unwrap();
        loop {
            if !s.drawing && cond(&s) {
                return s.text();
            }
            let left = deadline.saturating_duration_since(Instant::now());
            if left.is_zero() {
                if let Ok(path) = std::env::var("CHANEDIT_PTY_DUMP") {
                    let _ = std::fs::write(path, &s.raw);
                }
                panic!("timed out waiting for {what}; screen:\n{}", s.text());
            }
            s = cv.wait_timeout(s, left).unwrap().0;
        }
    }

    pub fn wait_for(&self, text: &str) -> String {
        self.wait_until(text, 20, |s| s.text().contains(text))
    }

    /// Wait for the process to end; its exit status.
    pub fn wait_exit(&mut self, secs: u64) -> portable_pty::ExitStatus {
        let deadline = Instant::now() + Duration::from_secs(secs);
        loop {
            if let Some(st) = self.child.try_wait().unwrap() {
                return st;
            }
            assert!(
                Instant::now() < deadline,
                "chanedit did not exit:\n{}",
                self.text()
            );
            // Exit is not observable on the pty stream; wait for output or a short tick.
            let (lock, cv) = &*self.screen;
            let g = lock.lock().unwrap();
            let _ = cv.wait_timeout(g, Duration::from_millis(50)).unwrap();
        }
    }
}

pub const DOWN: &str = "\x1b[B";
pub const ENTER: &str = "\r";
pub const BACKSPACE: &str = "\x7f";
pub const ESC: &str = "\x1b";
