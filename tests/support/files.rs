//! The files the CLI tests read and write: body files, and the journal of a test home.

use serde_json::Value;

/// Write `v` as a pretty body file `name` in `dir`; its path as an argument.
pub fn write_json(dir: &std::path::Path, name: &str, v: &Value) -> String {
    let p = dir.join(name);
    std::fs::write(&p, serde_json::to_string_pretty(v).unwrap()).unwrap();
    p.display().to_string()
}

/// Every line of the home's journal (none when there is no journal yet).
pub fn journal(home: &std::path::Path) -> Vec<Value> {
    std::fs::read_to_string(home.join("journal.jsonl"))
        .unwrap_or_default()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}
