//! Tables fit the terminal they are read on: run under a pseudo-terminal
//! (util-linux `script`) of 80 and 100 columns, every table line fits; in a
//! pipe, rows stay whole, one line each.

use std::path::PathBuf;
use std::process::Command;

const AS_OF: &str = "2026-11-22";

fn bin() -> PathBuf {
    assert_cmd::cargo::cargo_bin("senco-plan")
}

/// What a terminal of `columns` shows for `args`, or None without `script`.
fn on_terminal(columns: u16, args: &str) -> Option<String> {
    let line = format!(
        "stty cols {columns} rows 50; {} {args} --as-of {AS_OF} --color never",
        bin().display()
    );
    let out = Command::new("script")
        .args(["-qec", &line, "/dev/null"])
        .env("NO_COLOR", "1")
        .output()
        .ok()?;
    out.status.success().then(|| {
        String::from_utf8_lossy(&out.stdout)
            .replace('\r', "")
            .to_string()
    })
}

fn is_table_line(line: &str) -> bool {
    line.starts_with(['│', '┌', '├', '└', '╞', '╘'])
}

const COMMANDS: &[&str] = &[
    "assess examples/primary.toml",
    "assess examples/secondary.toml",
    "assess examples/special.toml",
    "assess examples/primary.toml examples/secondary.toml",
    "compare examples/primary.toml --scenario-file scenarios/primary.toml",
    "plan examples/secondary.toml --frontier",
    "explain",
    "explain examples/primary.toml",
    "sweep examples/primary.toml --vary deputy.hours=0..10",
    "sensitivity examples/special.toml",
];

#[test]
fn every_table_fits_a_terminal_of_80_and_100_columns() {
    if Command::new("script").arg("--version").output().is_err() {
        eprintln!("skipped: no `script` (util-linux) to make a pseudo-terminal");
        return;
    }
    for columns in [80u16, 100] {
        for args in COMMANDS {
            let shown =
                on_terminal(columns, args).unwrap_or_else(|| panic!("{args} failed on a terminal"));
            let tables: Vec<&str> = shown.lines().filter(|l| is_table_line(l)).collect();
            assert!(!tables.is_empty(), "{args}: no table in\n{shown}");
            for line in tables {
                assert!(
                    line.chars().count() <= usize::from(columns),
                    "{args} at {columns} columns: {} wide:\n{line}",
                    line.chars().count()
                );
            }
        }
    }
}

#[test]
fn in_a_pipe_rows_stay_whole() {
    let out = Command::new(bin())
        .args(["assess", "examples/primary.toml", "--as-of", AS_OF])
        .output()
        .unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    // The widest row is whole on one line, wider than any terminal check.
    let row = text
        .lines()
        .find(|l| l.contains("efficient deployment of staff and resources"))
        .unwrap();
    assert!(row.contains("2.6"), "{row}");
    assert!(text.lines().map(|l| l.chars().count()).max().unwrap() > 100);
}

/// HTML on a terminal is a screenful of tags: `report` without `-o` is
/// refused there, with the flag to use, and works in a pipe.
#[test]
fn the_report_is_not_poured_onto_a_terminal() {
    if Command::new("script").arg("--version").output().is_err() {
        eprintln!("skipped: no `script` (util-linux) to make a pseudo-terminal");
        return;
    }
    let line = format!(
        "{} report examples/primary.toml; echo exit=$?",
        bin().display()
    );
    let out = Command::new("script")
        .args(["-qec", &line, "/dev/null"])
        .output()
        .unwrap();
    let shown = String::from_utf8_lossy(&out.stdout).replace('\r', "");
    assert!(
        shown.contains("the report is an HTML page: write it to a file with -o report.html"),
        "{shown}"
    );
    assert!(shown.contains("exit=2"), "{shown}");
    assert!(!shown.contains("<html"), "{shown}");
    let piped = Command::new(bin())
        .args(["report", "examples/primary.toml"])
        .output()
        .unwrap();
    assert!(piped.status.success());
    assert!(String::from_utf8_lossy(&piped.stdout).starts_with("<!DOCTYPE html>"));
}
