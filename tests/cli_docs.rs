//! What a newcomer reads: `--help`, the man page and the README say the same things as the
//! program's own tables (keys, variables, flags).
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod process;

use chanedit::app::keymap::{BINDINGS, Scope};
use chanedit::config::env;

fn output(args: &[&str]) -> String {
    let home = process::temp_home();
    let out = process::chanedit(home.path()).args(args).output().unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

fn readme() -> String {
    std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md")).unwrap()
}

/// Every `HW_...` and `HUAWEICLOUD_SDK_...` name in a text.
fn variable_names(text: &str) -> Vec<String> {
    let re = regex::Regex::new(r"\b(HW|HUAWEICLOUD_SDK)_[A-Z0-9_]*[A-Z0-9]").unwrap();
    let mut names: Vec<String> = re.find_iter(text).map(|m| m.as_str().to_string()).collect();
    names.sort();
    names.dedup();
    names
}

/// The page as a reader sees its words: roff's escaped hyphens and quotes back to plain.
fn man_text() -> String {
    output(&["man"])
        .replace("\\-", "-")
        .replace("\\*(Aq", "'")
        .replace("\\(aq", "'")
        .replace("\\&", "")
}

#[test]
fn help_lists_every_credential_variable_the_readme_lists() {
    let help = output(&["--help"]);
    assert!(help.contains("HW_USER_NAME"), "{help}");
    let readme_names = variable_names(&readme());
    assert!(readme_names.contains(&"HW_DOMAIN_NAME".to_string()));
    for name in readme_names {
        assert!(help.contains(&name), "--help misses {name}:\n{help}");
    }
    for v in env::CREDENTIALS {
        for name in v.names {
            assert!(help.contains(name), "--help misses {name}");
        }
    }
}

#[test]
fn the_man_page_lists_every_key_and_variable_and_file() {
    let page = man_text();
    for section in [
        "KEYS",
        "COMMAND LINE",
        "CONFIGURATION",
        "FILES",
        "ENVIRONMENT",
        "EXIT STATUS",
    ] {
        assert!(
            page.contains(&format!(".SH \"{section}\""))
                || page.contains(&format!(".SH {section}")),
            "no {section}"
        );
    }
    for b in BINDINGS {
        assert!(
            page.contains(&format!("\\fB{}\\fR", b.label)),
            "the man page misses the key {} ({})",
            b.label,
            b.desc
        );
        assert!(page.contains(b.desc), "the man page misses {:?}", b.desc);
    }
    for scope in Scope::ALL {
        assert!(page.contains(scope.title()), "no {}", scope.title());
    }
    let vars = env::CREDENTIALS.iter().chain(env::GATEWAY);
    for name in vars.flat_map(|v| v.names.iter()) {
        assert!(page.contains(name), "the man page misses {name}");
    }
    for name in [
        "NO_COLOR",
        "EDITOR",
        "VISUAL",
        "CHANEDIT_LOG",
        "CHANEDIT_HOME",
        "CHANEDIT_PROFILE",
        "config.toml",
        "drafts/",
        "journal.jsonl",
        "chanedit.log",
        "XDG_CONFIG_HOME",
    ] {
        assert!(page.contains(name), "the man page misses {name}");
    }
    // Each command's own flags, not only the global ones.
    for flag in [
        "--name",
        "--color",
        "--body",
        "--all",
        "--keep-missing",
        "--latency-ms",
    ] {
        assert!(
            page.contains(&format!("\\fB{flag}\\fR")),
            "the man page misses {flag}"
        );
    }
}

#[test]
fn the_readme_names_every_command_and_flag() {
    let readme = readme();
    let cli = <chanedit::cli::Cli as clap::CommandFactory>::command();
    for sub in cli.get_subcommands() {
        assert!(
            readme.contains(&format!("chanedit {}", sub.get_name()))
                || readme.contains(&format!("chanedit [GLOBAL] {}", sub.get_name())),
            "the README misses the command {}",
            sub.get_name()
        );
        for arg in sub.get_arguments().chain(cli.get_arguments()) {
            if let Some(long) = arg.get_long() {
                assert!(
                    readme.contains(&format!("--{long}")),
                    "the README misses --{long}"
                );
            }
        }
    }
    assert!(readme.contains("cargo install --locked --path ."));
    assert!(readme.contains("validate FILE|-") || readme.contains("validate -"));
}

#[test]
fn the_readme_example_body_validates_clean() {
    let readme = readme();
    let from = readme.find("A body looks like this").unwrap();
    let block = &readme[from..];
    let start = block.find("```json\n").unwrap() + "```json\n".len();
    let text = &block[start..start + block[start..].find("```").unwrap()];
    let body = chanedit::validate::parse_body(text).unwrap();
    let diags = chanedit::validate::validate(&body);
    assert!(diags.is_empty(), "{diags:?}");
    assert_eq!(body["members"].as_array().unwrap().len(), 2);
}
