//! The arguments of the commands that read the journal or span gateways: `history`, `revert`,
//! `find`, `drain`, `undrain`.

use clap::Args;

#[derive(Debug, Args)]
#[command(
    long_about = "List the journal of sent changes (time, gateway, channel, the diff \
summary base -> sent, request id, outcome), oldest first. With a channel id or an operation id: \
only its entries. With an entry id, or a unique prefix of at least 4 characters: that entry in \
full, with its diff. Secrets are shown as ***."
)]
pub struct HistoryArgs {
    /// A channel id, an operation id (drain, undrain), or an entry id or prefix.
    pub target: Option<String>,
    /// Print JSON instead of text.
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Args)]
#[command(
    long_about = "Put a channel back as a journal entry found it: the entry's recorded \
base is sent as the complete body, with the live secrets where the journal keeps ***. The diff \
is shown against the channel as it is now, which may have moved on since (those later changes \
are undone too, and said so). Sent under the guards of apply: the body must validate, an update \
that removes more than half of the members needs --allow-mass-delete, and the channel is read \
again just before sending. The entry names its gateway, so --instance-id plays no part. The \
revert is journaled too."
)]
pub struct RevertArgs {
    /// The entry id, or a unique prefix of it (see `chanedit history`).
    pub entry: String,
    /// Do not ask; required when stdin is not a terminal.
    #[arg(long)]
    pub yes: bool,
    /// Allow a revert that empties the members list or removes more than half of them.
    #[arg(long)]
    pub allow_mass_delete: bool,
}

#[derive(Debug, Args)]
#[command(
    long_about = "List every channel where HOST (on PORT, when given) is a member, with \
the member's group, weight, status, backup flag and health. Every running gateway of the \
project is searched (ListInstancesV2; --instance-id plays no part), with --all-profiles those \
of every profile in config.toml. Exit code 1 when a gateway or channel could not be read (the \
result is then incomplete, and says what is missing)."
)]
pub struct FindArgs {
    /// The backend: an address or host name, with `:PORT` to match that port only
    /// (`[ADDR]:PORT` for IPv6).
    pub backend: String,
    /// Search the gateways of every profile in config.toml.
    #[arg(long)]
    pub all_profiles: bool,
    /// Print JSON instead of a table.
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Args)]
#[command(
    long_about = "Disable HOST[:PORT] in every channel where it is an enabled member, \
as one operation: the search of `find`, one review of every channel (its members to disable, \
the APIs behind it, its enabled members before and after), one question, then one \
batch-disable per channel, each verified by reading the channel back and journaled under the \
operation's id. When it would disable the last enabled member of a channel or of a group, the \
word `drain` or the host must be typed, even with --yes (read from stdin). Nothing is sent when \
the search could not read every gateway. Undo it with `chanedit undrain OPERATION`."
)]
pub struct DrainArgs {
    /// The backend: an address or host name, with `:PORT` to match that port only.
    pub backend: String,
    /// Drain it on the gateways of every profile in config.toml.
    #[arg(long)]
    pub all_profiles: bool,
    /// Do not ask y/N (a typed confirmation is still needed for a last enabled member).
    #[arg(long)]
    pub yes: bool,
}

#[derive(Debug, Args)]
#[command(
    long_about = "Re-enable exactly the members a drain disabled, and only those still \
disabled: a member removed or enabled since is left alone. One review, one question, one \
batch-enable per channel, verified and journaled as a new operation."
)]
pub struct UndrainArgs {
    /// The drain's operation id, or a unique prefix of it (printed by drain; see history).
    pub operation: String,
    /// Do not ask; required when stdin is not a terminal.
    #[arg(long)]
    pub yes: bool,
}
