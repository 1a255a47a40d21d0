//! Subcommands: each one parses nothing (clap did), does its job, and returns an exit code.

use crate::cli::{Cli, Command};

mod apply;
pub mod common;
mod diff;
mod diff_all;
pub mod emulator;
mod export;
mod file_body;
mod fleet;
mod history;
mod json_out;
mod keys;
mod list;
pub mod look;
mod man;
mod revert;
mod review;
mod show;
mod snapshot;
mod tui;
mod update;
mod validate;

/// Exit codes (README, "Commands"): 0 ok, 1 validation or API error, 2 usage error, 3 sent
/// but the outcome could not be confirmed.
pub const EXIT_OK: i32 = 0;
pub const EXIT_FAIL: i32 = 1;
pub const EXIT_USAGE: i32 = 2;
pub const EXIT_UNCONFIRMED: i32 = 3;

/// Run the parsed command line; returns the process exit code.
pub async fn run(cli: Cli) -> i32 {
    match cli.command {
        Some(Command::Completions { shell }) => {
            let mut cmd = <Cli as clap::CommandFactory>::command();
            clap_complete::generate(shell, &mut cmd, "chanedit", &mut std::io::stdout());
            EXIT_OK
        }
        Some(Command::Emulator(args)) => {
            emulator::run(emulator::with_globals(*args, &cli.global)).await
        }
        Some(Command::Validate { file }) => validate::run(&file),
        Some(Command::List { json, name }) => list::run(&cli.global, json, name.as_deref()).await,
        Some(Command::Show {
            channel_id,
            json,
            body,
        }) => show::run(&cli.global, &channel_id, json, body).await,
        Some(Command::Diff {
            channel_id,
            file,
            all,
            color,
            keep_missing,
            write,
        }) => match (all, channel_id, file) {
            (Some(dir), _, _) => diff_all::run(&cli.global, &dir, color).await,
            (None, Some(id), Some(file)) => {
                diff::run(&cli.global, &id, &file, color, keep_missing, write).await
            }
            // clap requires CHANNEL_ID and FILE without --all.
            _ => EXIT_USAGE,
        },
        Some(Command::Export { all }) => export::run(&cli.global, &all).await,
        Some(Command::Apply {
            channel_id,
            file,
            yes,
            allow_mass_delete,
            keep_missing,
            write,
        }) => {
            let args = apply::ApplyArgs {
                channel_id: &channel_id,
                file: &file,
                yes,
                allow_mass_delete,
                keep_missing,
                write,
            };
            apply::run(&cli.global, args).await
        }
        Some(Command::History(a)) => history::run(a.target.as_deref(), a.json),
        Some(Command::Revert(a)) => {
            revert::run(&cli.global, &a.entry, a.yes, a.allow_mass_delete).await
        }
        Some(Command::Find(a)) => {
            fleet::find::run(&cli.global, &a.backend, a.all_profiles, a.json).await
        }
        Some(Command::Drain(a)) => {
            fleet::drain::run(&cli.global, &a.backend, a.all_profiles, a.yes).await
        }
        Some(Command::Undrain(a)) => fleet::undrain::run(&cli.global, &a.operation, a.yes).await,
        None => tui::run(&cli.global, cli.channel_id).await,
        Some(Command::Man) => man::run(),
        Some(Command::Keys { json }) => keys::run(json),
    }
}
