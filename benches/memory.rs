//! Peak heap of the editor with a 10,000-member channel open, after 100 `:set` edits, a walk
//! down the undo stack and back up: counted by a global allocator that tracks the bytes in
//! use and their high-water mark. Run with `cargo bench --bench memory`; the budget is 25 MB.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

#[path = "support/open.rs"]
mod open;

use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicUsize, Ordering::Relaxed};

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

struct Counting;

static NOW: AtomicUsize = AtomicUsize::new(0);
static PEAK: AtomicUsize = AtomicUsize::new(0);

// SAFETY: every call goes straight to the system allocator; only counters are added.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        let p = unsafe { System.alloc(layout) };
        if !p.is_null() {
            let now = NOW.fetch_add(layout.size(), Relaxed) + layout.size();
            PEAK.fetch_max(now, Relaxed);
        }
        p
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        unsafe { System.dealloc(ptr, layout) };
        NOW.fetch_sub(layout.size(), Relaxed);
    }
    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        let p = unsafe { System.realloc(ptr, layout, new_size) };
        if !p.is_null() {
            if new_size >= layout.size() {
                let now =
                    NOW.fetch_add(new_size - layout.size(), Relaxed) + new_size - layout.size();
                PEAK.fetch_max(now, Relaxed);
            } else {
                NOW.fetch_sub(layout.size() - new_size, Relaxed);
            }
        }
        p
    }
}

#[global_allocator]
static ALLOC: Counting = Counting;

fn mb(bytes: usize) -> String {
    format!("{:.1} MB", bytes as f64 / 1e6)
}

fn report(what: &str) {
    println!(
        "{what:<44} in use {:>9}   peak {:>9}",
        mb(NOW.load(Relaxed)),
        mb(PEAK.load(Relaxed))
    );
}

fn main() {
    // `cargo bench` passes `--bench`; `cargo test --benches` passes nothing and wants it quick.
    let n = if std::env::args().any(|a| a == "--bench") {
        10_000
    } else {
        100
    };
    report("start");
    let mut state = open::opened(n);
    report(&format!("{n} members open"));
    for i in 0..100 {
        open::command(
            &mut state,
            &format!("set members[{}].weight {}", i * (n / 100), 1 + i % 90),
        );
    }
    let ed = state.editor.as_ref().unwrap();
    assert!(ed.dirty, "the edits took");
    report("after 100 :set edits");
    let ctrl_r = KeyEvent::new(KeyCode::Char('r'), KeyModifiers::CONTROL);
    for _ in 0..100 {
        open::key(&mut state, KeyCode::Char('u'));
    }
    assert!(!state.editor.as_ref().unwrap().dirty, "every edit undone");
    report("after 100 undos");
    for _ in 0..100 {
        chanedit::app::update(&mut state, chanedit::app::Action::Key(ctrl_r));
    }
    assert!(state.editor.as_ref().unwrap().dirty, "every edit redone");
    report("after 100 redos");
    let peak = PEAK.load(Relaxed);
    println!("peak heap: {} (budget 25 MB for 10,000 members)", mb(peak));
    // The kernel's view: the process's resident high-water mark (heap, code, stacks).
    if let Ok(status) = std::fs::read_to_string("/proc/self/status")
        && let Some(line) = status.lines().find(|l| l.starts_with("VmHWM:"))
    {
        println!(
            "peak RSS ({})",
            line.split_whitespace().collect::<Vec<_>>().join(" ")
        );
    }
}
