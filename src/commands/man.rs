//! `chanedit man`: the man page (roff). clap_mangen renders the name, synopsis, description
//! and flags from the command line; the rest is generated here from the tables the program
//! runs on: each command's own flags (clap), the editor's keys (`app::keymap::BINDINGS`, as
//! `?` lists them), the `:` commands, the files (`config::Paths`) and the variables
//! (`config::env`). Nothing in it is a second copy that could drift.

use std::io::Write;

use clap::CommandFactory;
use roff::{Inline, Roff, bold, italic, roman};

use crate::app::command::COMMANDS;
use crate::app::keymap::{KeyMap, Scope};
use crate::cli::Cli;
use crate::config::env::{self, Variable};
use crate::config::regions;
use crate::ui::theme::Palette;

use super::{EXIT_FAIL, EXIT_OK};

pub fn run() -> i32 {
    // The keys in force, as `?` shows them; a broken [keys] is said, and the page shows the
    // defaults.
    let map = match super::look::load(false) {
        Ok(look) => look.keys,
        Err(errors) => {
            for e in &errors {
                eprintln!("warning: {}", crate::sanitize::line(e));
            }
            eprintln!("warning: the man page shows the default keys");
            KeyMap::default()
        }
    };
    let mut out = Vec::new();
    match render(&mut out, &map) {
        Ok(()) => {
            super::common::print(&String::from_utf8_lossy(&out));
            EXIT_OK
        }
        Err(e) => {
            eprintln!("error: cannot render the man page: {e}");
            EXIT_FAIL
        }
    }
}

/// The whole page.
pub fn render(w: &mut dyn Write, map: &KeyMap) -> std::io::Result<()> {
    let man = clap_mangen::Man::new(Cli::command());
    man.render_title(w)?;
    man.render_name_section(w)?;
    man.render_synopsis_section(w)?;
    man.render_description_section(w)?;
    man.render_options_section(w)?;
    let mut roff = Roff::new();
    commands(&mut roff);
    keys(&mut roff, map);
    command_line(&mut roff);
    configuration(&mut roff);
    files(&mut roff);
    environment(&mut roff);
    exit_status(&mut roff);
    roff.to_writer(w)?;
    man.render_version_section(w)
}

fn tagged(roff: &mut Roff, tag: impl Into<Vec<Inline>>, text: &str) {
    roff.control("TP", []);
    roff.text(tag);
    roff.text([roman(text)]);
}

fn para(roff: &mut Roff, text: &str) {
    roff.control("PP", []);
    roff.text([roman(text)]);
}

/// Lines shown as they are (an example).
fn example(roff: &mut Roff, text: &str) {
    roff.control("PP", []);
    roff.control("nf", []);
    roff.control("RS", ["4"]);
    for line in text.lines() {
        roff.text([roman(line)]);
    }
    roff.control("RE", []);
    roff.control("fi", []);
}

/// Every subcommand with its own flags (the global ones are under GLOBAL OPTIONS).
fn commands(roff: &mut Roff) {
    roff.control("SH", ["COMMANDS"]);
    // Not built: only each command's own arguments, without the propagated global ones.
    let cli = Cli::command();
    for sub in cli.get_subcommands().filter(|s| !s.is_hide_set()) {
        let mut usage = vec![bold(format!("chanedit {}", sub.get_name()))];
        for arg in sub.get_arguments().filter(|a| !a.is_hide_set()) {
            usage.push(roman(" "));
            let optional = !arg.is_required_set();
            if optional {
                usage.push(roman("["));
            }
            usage.extend(arg_tag(arg));
            if optional {
                usage.push(roman("]"));
            }
        }
        roff.control("SS", [sub.get_name()]);
        roff.text(usage);
        if let Some(about) = sub.get_long_about().or(sub.get_about()) {
            roff.control("br", []);
            roff.text([roman(about.to_string())]);
        }
        roff.control("RS", []);
        for arg in sub.get_arguments().filter(|a| !a.is_hide_set()) {
            let mut text = arg
                .get_long_help()
                .or(arg.get_help())
                .map(|h| h.to_string())
                .unwrap_or_default();
            if !text.is_empty() && !text.ends_with('.') {
                text.push('.');
            }
            if takes_value(arg) {
                let values: Vec<String> = arg
                    .get_possible_values()
                    .iter()
                    .filter(|v| !v.is_hide_set())
                    .map(|v| v.get_name().to_string())
                    .collect();
                if !values.is_empty() {
                    text.push_str(&format!(" One of: {}.", values.join(", ")));
                }
                let defaults: Vec<String> = arg
                    .get_default_values()
                    .iter()
                    .map(|v| v.to_string_lossy().into_owned())
                    .collect();
                if !defaults.is_empty() {
                    text.push_str(&format!(" Default: {}.", defaults.join(", ")));
                }
            }
            if !text.is_empty() {
                tagged(roff, arg_tag(arg), text.trim());
            }
        }
        roff.control("RE", []);
    }
}

/// `--name NAME` or `ID`, as the synopsis writes it.
fn arg_tag(arg: &clap::Arg) -> Vec<Inline> {
    let value = arg
        .get_value_names()
        .map(|v| v.iter().map(|s| s.as_str()).collect::<Vec<_>>().join(" "))
        .unwrap_or_else(|| arg.get_id().as_str().to_ascii_uppercase());
    match arg.get_long() {
        Some(long) if takes_value(arg) => {
            vec![bold(format!("--{long}")), roman(" "), italic(value)]
        }
        Some(long) => vec![bold(format!("--{long}"))],
        None => vec![italic(value)],
    }
}

/// A flag with a value (`--name NAME`), not a switch (`--json`).
fn takes_value(arg: &clap::Arg) -> bool {
    arg.get_action().takes_values()
}

/// The editor's keys, scope by scope, from the one key table.
fn keys(roff: &mut Roff, map: &KeyMap) {
    roff.control("SH", ["KEYS"]);
    para(
        roff,
        "The editor's keys, as ? lists them. Keys marked (writes) change the draft or the \
         server and are gone with --read-only. A popup or a stage of the review takes only \
         its own keys; any other key does nothing there. Each key's action has a name for \
         [keys] in config.toml (see CONFIGURATION); chanedit keys prints them with the keys \
         in force.",
    );
    para(
        roff,
        &format!(
            "Yank (y, then what) copies through OSC 52 to the clipboard of the terminal you \
             sit at, over SSH too; tmux passes it on with set-clipboard on. Secrets are \
             copied as ***, control characters as visible escapes, and nothing over {} bytes \
             is copied; the status line says what was copied, or why not.",
            crate::app::yank::CAP
        ),
    );
    for scope in Scope::ALL {
        let bindings: Vec<_> = map.active(&[scope], false).collect();
        if bindings.is_empty() {
            continue;
        }
        roff.control("SS", [scope.title()]);
        for b in bindings {
            let writes = if b.writes { " (writes)" } else { "" };
            let desc = format!("{}{writes}. In [keys]: {}.", b.desc, b.action_name());
            tagged(roff, [bold(b.label.as_ref())], &desc);
        }
    }
}

/// The `:` commands, from their one table.
fn command_line(roff: &mut Roff) {
    roff.control("SH", ["COMMAND LINE"]);
    para(
        roff,
        "In the editor, : opens a command line; Tab completes. PATH is a field path such as \
         vpc_health_config.timeout, members[2].weight, members[host=10.0.0.5].weight or \
         member_groups[member_group_name=blue].member_group_weight. VALUE is parsed as JSON \
         when it parses, else taken as a string.",
    );
    for c in COMMANDS {
        let desc = if c.writes {
            format!("{} (writes)", c.desc)
        } else {
            c.desc.to_string()
        };
        tagged(roff, [bold(c.usage)], &desc);
    }
}

/// A `config.toml` with every profile setting (tested to parse).
const CONFIG_EXAMPLE: &str = r#"default_profile = "prod"

[profiles.prod]
region = "cn-north-4"            # or endpoint = "https://..."
project_id = "0e0e1c8f5a0000b92f2ac0013ec0f8c3"
instance_id = "eddc4d25480b4cd6b512f270a1b8b341"
auth = "aksk"                    # aksk | token | password
credentials_file = "~/.huaweicloud/credentials"
connect_timeout = 10             # seconds
timeout = 60                     # seconds, per request
page_concurrency = 32            # pages of one list in flight at once
search_concurrency = 64          # channels find/drain/undrain handle at once
ca_cert = "~/corp-ca.pem"
insecure = false

[profiles.iam]
endpoint = "https://apig.cn-north-4.myhuaweicloud.com"
instance_id = "eddc4d25480b4cd6b512f270a1b8b341"
auth = "password"                # HW_USER_PASSWORD holds the password
user_name = "alice"
domain_name = "acme"
iam_endpoint = "https://iam.cn-north-4.myhuaweicloud.com"

[ui]
mouse = true                     # click selects a row (again opens it), wheel scrolls; off by default"#;

fn configuration(roff: &mut Roff) {
    roff.control("SH", ["CONFIGURATION"]);
    para(
        roff,
        "config.toml holds named profiles, each naming a gateway and how to authenticate; \
         --profile (or CHANEDIT_PROFILE) picks one, else default_profile, else a profile \
         called default. Flags win over the environment, which wins over the profile. \
         Secrets are refused there (they come from the environment or the credentials file), \
         and so is any unknown key; an error names the file, the line and the reason.",
    );
    example(roff, CONFIG_EXAMPLE);
    roff.control("SS", ["[keys]"]);
    para(
        roff,
        "Gives an action other keys. The action is named scope.command, as KEYS shows each \
         key's (chanedit keys prints them all with the keys in force); the value is one key \
         or a list, and replaces all of that action's keys. A key is one character (W is \
         Shift-w), C-x for Ctrl, or a name: Enter, Esc, Tab, S-Tab, Space, Backspace, Del, \
         Ins, Home, End, PgUp, PgDn, Up, Down, Left, Right, F1 to F12. Alt keys cannot be \
         bound, nor a plain character where text is typed. The editor does not start when a \
         setting names no action, a key does not read, or two actions would answer one key \
         where both apply (one scope, or a table or form, then the editor, then everywhere); \
         each error names the file, the line and the reason. --demo reads no real file and \
         keeps the defaults.",
    );
    example(roff, KEYS_EXAMPLE);
    roff.control("SS", ["[theme]"]);
    para(
        roff,
        "Sets the colour of a palette role: a name (red, lightblue, darkgray, reset for the \
         terminal's own, ...), a number 0 to 255, or #rrggbb. NO_COLOR still turns every \
         colour off. The roles, with their defaults:",
    );
    let defaults = Palette::default();
    let mut theme = String::from("[theme]\n");
    for (role, what, _) in Palette::ROLES {
        let line = format!("{role} = \"{}\"", defaults.written(role));
        theme.push_str(&format!("{line:<22}# {what}\n"));
    }
    example(roff, &theme);
}

const KEYS_EXAMPLE: &str = r#"[keys]
editor.review = "W"              # one key ...
table.delete = ["x", "Del"]      # ... or several
table.set_weight = "C-w"         # W was set_weight's: move it, or both would clash"#;

fn files(roff: &mut Roff) {
    use crate::config::Paths;
    roff.control("SH", ["FILES"]);
    para(
        roff,
        "With CHANEDIT_HOME set, every file is directly under it. Otherwise, on Linux, the \
         XDG folders: config.toml in $XDG_CONFIG_HOME/chanedit (~/.config/chanedit), drafts \
         and the journal in $XDG_DATA_HOME/chanedit (~/.local/share/chanedit), the log in \
         $XDG_STATE_HOME/chanedit (~/.local/state/chanedit); on macOS all in \
         ~/Library/Application Support/chanedit. --demo uses a temporary folder of its own, \
         removed at exit.",
    );
    let home = Paths::under("$CHANEDIT_HOME");
    let shown = |p: &std::path::Path| p.display().to_string();
    tagged(
        roff,
        [bold(shown(&home.config_file))],
        "Profiles, [keys] and [theme] (see CONFIGURATION).",
    );
    tagged(
        roff,
        [bold(format!("{}/", shown(&home.drafts_dir)))],
        "The unsent draft of each channel, written atomically on every change and on SIGHUP \
         or SIGTERM, offered back on the next open. A draft is locked (<draft>.json.lock) \
         while an editor has it; one that cannot be read back is kept as \
         <draft>.json.corrupt-<time>.",
    );
    tagged(
        roff,
        [bold(shown(&home.journal_file))],
        "One JSON line per sent change, written whole and fsync'd: time, gateway, channel, \
         base, sent body, request id, outcome (ok, failed, unknown) and, for an unknown one, \
         what a later read confirmed.",
    );
    tagged(
        roff,
        [bold(shown(&home.log_file))],
        "The log (stdout belongs to the screen); CHANEDIT_LOG sets its level. When it cannot \
         be written, chanedit warns once and goes on without it.",
    );
    tagged(
        roff,
        [bold("~/.huaweicloud/credentials")],
        "The official SDK's credentials file: ak, sk and project_id in its [basic] section; \
         chanedit warns when others can read it.",
    );
    tagged(
        roff,
        [bold("~/.huaweicloud/regions.yaml")],
        "The official SDK's regions file: APIG endpoints by region.",
    );
    para(
        roff,
        "No secret (AK, SK, token, password) is ever written to any of them; the Nacos \
         password is stored and shown as ***.",
    );
}

fn variables(roff: &mut Roff, vars: &[Variable]) {
    for v in vars {
        tagged(roff, [bold(v.names.join(", "))], v.what);
    }
}

fn environment(roff: &mut Roff) {
    roff.control("SH", ["ENVIRONMENT"]);
    para(
        roff,
        "Credentials, never taken from flags: an AK/SK pair (the SDK's names, then \
         Terraform's), else HW_AUTH_TOKEN, else a password login, else the profile's \
         credentials file. Where two names are given, the first one set wins; an empty value \
         counts as unset.",
    );
    variables(roff, env::CREDENTIALS);
    para(roff, "The gateway, when no flag or profile names it:");
    variables(roff, env::GATEWAY);
    tagged(
        roff,
        [bold(regions::override_var("<region>"))],
        &format!(
            "The APIG endpoint of one region, e.g. {} (a comma list: the first one).",
            regions::override_var("cn-north-4")
        ),
    );
    para(roff, "chanedit's own:");
    let cli = Cli::command();
    for arg in cli.get_arguments() {
        if let (Some(name), Some(long)) = (arg.get_env(), arg.get_long()) {
            tagged(
                roff,
                [bold(name.to_string_lossy().into_owned())],
                &format!("Like --{long}."),
            );
        }
    }
    tagged(
        roff,
        [bold("CHANEDIT_HOME")],
        "Keep every file under this folder (see FILES).",
    );
    tagged(
        roff,
        [bold("CHANEDIT_LOG")],
        "The log filter, e.g. debug or chanedit=trace (default info).",
    );
    tagged(
        roff,
        [bold("NO_COLOR")],
        "When set and not empty, no colour (no-color.org); no state is shown by colour alone.",
    );
    tagged(
        roff,
        [bold("VISUAL"), roman(", "), bold("EDITOR")],
        "The editor that e opens on the draft as JSON; VISUAL first.",
    );
}

fn exit_status(roff: &mut Roff) {
    roff.control("SH", ["EXIT STATUS"]);
    let codes = [
        (super::EXIT_OK, "ok"),
        (
            super::EXIT_FAIL,
            "a validation or API error, nothing changed; diff --all: a channel differs",
        ),
        (super::EXIT_USAGE, "a usage error"),
        (
            super::EXIT_UNCONFIRMED,
            "sent, but the outcome could not be confirmed: the answer was lost and reading the \
             channel back failed too. Check the channel with chanedit show; the next apply to \
             it checks again.",
        ),
    ];
    for (code, what) in codes {
        tagged(roff, [bold(code.to_string())], what);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_keys_example_is_a_valid_map_and_the_page_names_every_action_and_role() {
        let settings = crate::config::keys::settings(KEYS_EXAMPLE).unwrap();
        assert_eq!(settings.len(), 3);
        let map = KeyMap::remap(&settings).unwrap();
        let mut out = Vec::new();
        render(&mut out, &map).unwrap();
        let page = String::from_utf8(out).unwrap();
        for b in map.bindings() {
            assert!(page.contains(&b.action_name()), "{}", b.action_name());
        }
        assert!(page.contains("\\fBC\\-w\\fR"), "the remapped key is shown");
        for (role, _, _) in Palette::ROLES {
            assert!(page.contains(&format!("{role} = ")), "{role}");
        }
        assert!(page.contains("error = \"red\""), "defaults are shown");
    }

    #[test]
    fn the_config_example_is_a_valid_config_with_every_setting() {
        let c = crate::config::profile::ConfigFile::parse(CONFIG_EXAMPLE).unwrap();
        let p = &c.profiles["prod"];
        assert!(p.region.is_some() && p.ca_cert.is_some() && p.insecure.is_some());
        assert!(p.connect_timeout.is_some() && p.timeout.is_some());
        let iam = &c.profiles["iam"];
        assert!(iam.user_name.is_some() && iam.domain_name.is_some());
        assert!(iam.iam_endpoint.is_some() && iam.endpoint.is_some());
    }
}
