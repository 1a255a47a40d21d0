use clap::Parser;

fn main() {
    chanedit::tui::first_frame::mark_start();
    let cli = chanedit::cli::Cli::parse();
    if cli.opens_editor() {
        one_malloc_arena();
    }
    chanedit::install_crypto();
    // The demo touches no real file: its drafts, journal and log live in a temporary home
    // that is removed at exit.
    let demo_home = if cli.global.demo {
        match chanedit::config::paths::TempHome::enter() {
            Ok(home) => Some(home),
            Err(e) => {
                eprintln!("error: cannot create a temporary home for the demo: {e}");
                std::process::exit(1);
            }
        }
    } else {
        None
    };
    if cli.keeps_log() {
        chanedit::logging::init();
    }
    tracing::info!(version = env!("CARGO_PKG_VERSION"), "start");
    let runtime = match tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
    {
        Ok(rt) => rt,
        Err(e) => {
            eprintln!("error: cannot start the async runtime: {e}");
            std::process::exit(1);
        }
    };
    let code = runtime.block_on(chanedit::commands::run(cli));
    tracing::info!(code, "exit");
    // Stop the runtime before exit, which runs no destructors.
    drop(runtime);
    drop(demo_home);
    std::process::exit(code);
}

/// The editor keeps one channel in memory for as long as it runs: one malloc arena for all its
/// threads lets memory freed by one (the pages parsed on the runtime's workers) serve the
/// others, instead of each thread keeping its own (9 MB less at 10,000 members). Blocks of
/// 256 KB and more (a saved draft's text, a page being read) always get pages of their own,
/// given back when freed: by default the threshold grows to the largest block freed, and a
/// draft's text then stays in the heap after each save.
#[cfg(all(target_os = "linux", target_env = "gnu"))]
fn one_malloc_arena() {
    // SAFETY: called before any other thread starts; mallopt only sets allocator options.
    unsafe {
        libc::mallopt(libc::M_ARENA_MAX, 1);
        libc::mallopt(libc::M_MMAP_THRESHOLD, 256 * 1024);
    }
}

#[cfg(not(all(target_os = "linux", target_env = "gnu")))]
fn one_malloc_arena() {}
