//! The command line (clap). Shared by `main`, the shell completions and the man page.

use std::net::SocketAddr;
use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};

mod operations;
pub use operations::{DrainArgs, FindArgs, HistoryArgs, RevertArgs, UndrainArgs};

#[derive(Debug, Parser)]
#[command(
    name = "chanedit",
    version,
    about = "Edit Huawei Cloud API Gateway VPC channels (load balance channels) safely",
    long_about = long_about()
)]
pub struct Cli {
    #[command(flatten)]
    pub global: GlobalArgs,

    #[command(subcommand)]
    pub command: Option<Command>,

    /// Channel to open in the editor; without it the channel list opens.
    pub channel_id: Option<String>,
}

impl Cli {
    /// Whether this run opens the editor (no command: a channel, the list, or `--demo`).
    pub fn opens_editor(&self) -> bool {
        self.command.is_none()
    }

    /// Whether this run keeps the log file. Printing help text has nothing to record, and the
    /// emulator is a server whose access log goes to stderr: neither touches the user's home.
    pub fn keeps_log(&self) -> bool {
        !matches!(
            self.command,
            Some(
                Command::Emulator(_)
                    | Command::Completions { .. }
                    | Command::Man
                    | Command::Keys { .. }
            )
        )
    }
}

/// `--help`'s description. The variables come from their one list, `config::env`.
fn long_about() -> String {
    use crate::config::env;
    format!(
        "chanedit loads a VPC channel, lets you edit member groups, members and the health \
         check with live validation, shows the exact diff, and sends the update.\n\n\
         Credentials come from the environment, never from flags: an AK/SK pair (the SDK's \
         names, then Terraform's), else HW_AUTH_TOKEN, else a password login, else the \
         profile's credentials file. Where a line names two variables, the first one set wins.\n\
         {}\nThe gateway, when no flag or profile names it:\n{}\n\
         Exit codes: 0 ok, 1 validation or API error (nothing changed), 2 usage error, 3 sent \
         but the outcome could not be confirmed (the answer was lost and reading the channel \
         back failed too; check the channel, the next apply checks again).",
        env::describe(env::CREDENTIALS),
        env::describe(env::GATEWAY),
    )
}

#[derive(Debug, Clone, Default, Args)]
#[command(next_help_heading = "Global options")]
pub struct GlobalArgs {
    /// Run against a built-in emulator with demo data (no account needed).
    #[arg(long, global = true)]
    pub demo: bool,
    /// Profile in config.toml.
    #[arg(long, global = true, env = "CHANEDIT_PROFILE")]
    pub profile: Option<String>,
    /// APIG endpoint, e.g. https://apig.cn-north-4.myhuaweicloud.com (overrides --region).
    #[arg(long, global = true)]
    pub endpoint: Option<String>,
    /// Region id, e.g. cn-north-4; picks the APIG endpoint.
    #[arg(long, global = true)]
    pub region: Option<String>,
    /// Project id (path parameter and X-Project-Id).
    #[arg(long, global = true)]
    pub project_id: Option<String>,
    /// Gateway (instance) id. `emulator` takes it more than once: each one is a gateway.
    #[arg(long, global = true, action = clap::ArgAction::Append)]
    pub instance_id: Vec<String>,
    /// Hide and refuse every write.
    #[arg(long, global = true)]
    pub read_only: bool,
    /// Editor: re-read the open channel every SECONDS (live health); the draft stays.
    #[arg(long, global = true, value_name = "SECONDS", value_parser = clap::value_parser!(u64).range(1..))]
    pub watch: Option<u64>,
    /// Skip TLS certificate verification (warns on every run).
    #[arg(long, global = true)]
    pub insecure: bool,
    /// Extra CA certificate (PEM) to trust.
    #[arg(long, global = true, value_name = "FILE")]
    pub ca_cert: Option<PathBuf>,
    /// Connect timeout in seconds.
    #[arg(long, global = true, value_name = "SECS")]
    pub connect_timeout: Option<u64>,
    /// Total timeout per request in seconds.
    #[arg(long, global = true, value_name = "SECS")]
    pub timeout: Option<u64>,
    /// Refuse an answer that decodes to more than this many MiB [default: 64].
    #[arg(
        long,
        global = true,
        value_name = "MIB",
        env = "CHANEDIT_MAX_ANSWER_MIB"
    )]
    pub max_answer_mib: Option<u64>,
    /// Refuse a channel (or list) of more than this many members [default: 1000000].
    #[arg(long, global = true, value_name = "N", env = "CHANEDIT_MAX_MEMBERS")]
    pub max_members: Option<u64>,
    /// Member (and other list) pages in flight at once while a list is read [default: 32].
    #[arg(
        long,
        global = true,
        value_name = "N",
        env = "CHANEDIT_PAGE_CONCURRENCY"
    )]
    pub page_concurrency: Option<usize>,
    /// Channels find, drain and undrain read or write at once [default: 64].
    #[arg(
        long,
        global = true,
        value_name = "N",
        env = "CHANEDIT_SEARCH_CONCURRENCY"
    )]
    pub search_concurrency: Option<usize>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// List the gateway's channels.
    List {
        /// Print JSON instead of a table.
        #[arg(long)]
        json: bool,
        /// Only channels whose name contains this.
        #[arg(long)]
        name: Option<String>,
    },
    /// Show a channel with all its members.
    Show {
        channel_id: String,
        /// Print JSON (the detail with the complete member list).
        #[arg(long)]
        json: bool,
        /// Print the PUT body that leaves the channel as it is, ready to edit and `apply`.
        #[arg(long, conflicts_with = "json")]
        body: bool,
    },
    /// Check a channel body (PUT body) offline; `-` reads stdin.
    Validate { file: PathBuf },
    /// Show what `apply` would change; with --all, where the gateway differs from a snapshot.
    Diff {
        #[arg(required_unless_present = "all")]
        channel_id: Option<String>,
        #[arg(required_unless_present = "all")]
        file: Option<PathBuf>,
        /// Compare every channel with the snapshot in DIR (from `export --all`); exit 1 if any
        /// differs.
        #[arg(long, value_name = "DIR", conflicts_with_all = ["channel_id", "file", "keep_missing"])]
        all: Option<PathBuf>,
        /// Colour the output (default: when stdout is a terminal and NO_COLOR is unset).
        #[arg(long)]
        color: Option<ColorChoice>,
        /// Fill `members` or `member_groups` from the live channel when FILE leaves it out.
        #[arg(long)]
        keep_missing: bool,
        /// `full`: show the whole-channel PUT as the request, even where a narrower one would do.
        #[arg(long, value_enum, default_value = "narrow")]
        write: WriteChoice,
    },
    /// Validate, show the diff, confirm, and send a channel body.
    Apply {
        channel_id: String,
        file: PathBuf,
        /// Do not ask; required when stdin is not a terminal.
        #[arg(long)]
        yes: bool,
        /// Allow an update that empties the members list or removes more than half of them.
        #[arg(long)]
        allow_mass_delete: bool,
        /// Fill `members` or `member_groups` from the live channel when FILE leaves it out.
        #[arg(long)]
        keep_missing: bool,
        /// `full`: send the whole channel (PUT) even where a narrower request would do.
        #[arg(long, value_enum, default_value = "narrow")]
        write: WriteChoice,
    },
    /// Write one body file per channel (as `show --body` prints it) into a folder.
    Export {
        /// The folder (created when missing); a channel's earlier file in it is replaced.
        #[arg(long, value_name = "DIR")]
        all: PathBuf,
    },
    #[command(about = "List the journal of sent changes, or show one entry in full")]
    History(HistoryArgs),
    #[command(about = "Put a channel back as a journal entry found it")]
    Revert(RevertArgs),
    #[command(about = "Every channel, on every gateway, where a backend is a member")]
    Find(FindArgs),
    #[command(about = "Disable a backend in every channel where it is a member, as one operation")]
    Drain(DrainArgs),
    #[command(about = "Re-enable the members a drain disabled")]
    Undrain(UndrainArgs),
    /// Run a local APIG emulator.
    Emulator(Box<EmulatorArgs>),
    /// Print shell completions.
    Completions { shell: clap_complete::Shell },
    /// Print the man page (roff).
    Man,
    /// Print the key map in force: each action's name (for [keys] in config.toml), its keys,
    /// what it does.
    Keys {
        /// One JSON object per action.
        #[arg(long)]
        json: bool,
    },
}

/// The request a change goes out as: the narrowest that gives the reviewed state, or the
/// whole channel.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum WriteChoice {
    Narrow,
    Full,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ColorChoice {
    Auto,
    Always,
    Never,
}

#[derive(Debug, Clone, Args)]
pub struct EmulatorArgs {
    /// Address to listen on.
    #[arg(long, default_value = "127.0.0.1:8080")]
    pub listen: SocketAddr,
    /// The one project id served: the global --project-id, else this default. (Not a flag of
    /// its own: a second --project-id would clash with the global one.)
    #[arg(skip = String::from("0e0e1c8f5a0000b92f2ac0013ec0f8c3"))]
    pub emu_project_id: String,
    /// The gateway ids served: every global --instance-id, in order (none: the data's own).
    #[arg(skip)]
    pub emu_instance_ids: Vec<String>,
    /// Seed data (JSON); default: the demo data.
    #[arg(long)]
    pub data: Option<PathBuf>,
    /// Keep state in this file across restarts (written atomically).
    #[arg(long)]
    pub state: Option<PathBuf>,
    /// Access key accepted for AK/SK signatures.
    #[arg(long)]
    pub ak: Option<String>,
    /// Secret key for AK/SK signatures.
    #[arg(long)]
    pub sk: Option<String>,
    /// Accepted X-Auth-Token.
    #[arg(long)]
    pub token: Option<String>,
    /// Delay every answer by this many milliseconds.
    #[arg(long, default_value_t = 0)]
    pub latency_ms: u64,
    /// Fraction of requests answered 500 APIG.9999.
    #[arg(long, default_value_t = 0.0)]
    pub error_rate: f64,
    /// Fraction of requests answered 429 APIG.0308 (throttled).
    #[arg(long, default_value_t = 0.0)]
    pub throttle_rate: f64,
    /// Fraction of requests whose connection is closed without an answer.
    #[arg(long, default_value_t = 0.0)]
    pub drop_rate: f64,
    /// Fraction of requests answered with an HTML 502 page.
    #[arg(long, default_value_t = 0.0)]
    pub garbage_rate: f64,
    /// Fraction of writes carried out and then left unanswered (the connection is closed).
    #[arg(long, default_value_t = 0.0)]
    pub drop_after_apply_rate: f64,
    /// Seed for the fault dice, for repeatable runs.
    #[arg(long)]
    pub seed: Option<u64>,
}
