//! The README shows real output and every model default; these tests keep
//! it that way.

use assert_cmd::Command;
use senco_plan::params::{ASSUMPTIONS, COSTS};

fn readme() -> String {
    std::fs::read_to_string("README.md").unwrap()
}

#[test]
fn readme_shows_the_real_table_output() {
    let out = Command::cargo_bin("senco-plan")
        .unwrap()
        .args(["assess", "examples/primary.toml", "--as-of", "2026-11-22"])
        .output()
        .unwrap();
    let table = String::from_utf8(out.stdout).unwrap();
    assert!(
        readme().contains(table.trim_end()),
        "README.md's assess output is out of date; paste in:\n{table}"
    );
}

#[test]
fn readme_lists_every_assumption_and_cost_with_its_default() {
    let text = readme();
    let keys = ASSUMPTIONS
        .iter()
        .map(|p| (p.key, p.default_value()))
        .chain(COSTS.iter().map(|p| (p.key, p.default_value())));
    for (key, default) in keys {
        let row = format!("| `{key}` | {default} |");
        assert!(text.contains(&row), "README.md lacks the row {row}");
    }
}
