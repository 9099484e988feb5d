//! Many schools at once: folders, rosters, failures that do not stop the
//! batch, streaming output and stable order.

use assert_cmd::Command;
use predicates::prelude::*;
use serde_json::Value;
use std::path::Path;

fn senco(args: &[&str]) -> Command {
    let mut cmd = Command::cargo_bin("senco-plan").unwrap();
    cmd.args(args);
    if args.first() != Some(&"gen-profiles") {
        cmd.args(["--as-of", "2026-11-22"]);
    }
    cmd
}

/// Writes `count` generated profiles and a roster of them into `dir`.
fn generate(dir: &Path, count: usize) {
    senco(&[
        "gen-profiles",
        "--count",
        &count.to_string(),
        "--dir",
        dir.join("schools").to_str().unwrap(),
        "--roster",
        dir.join("roster.csv").to_str().unwrap(),
    ])
    .assert()
    .success();
}

/// `assess --roster FILE -f ndjson`, run to the end.
fn roster_as_ndjson(roster: &std::path::Path) -> std::process::Output {
    senco(&[
        "assess",
        "--roster",
        roster.to_str().unwrap(),
        "-f",
        "ndjson",
    ])
    .output()
    .unwrap()
}

fn ndjson(out: &[u8]) -> Vec<Value> {
    String::from_utf8_lossy(out)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

#[test]
fn a_folder_with_bad_files_assesses_the_rest_and_exits_2() {
    let dir = tempfile::tempdir().unwrap();
    generate(dir.path(), 60);
    let schools = dir.path().join("schools");
    std::fs::create_dir(schools.join("nested")).unwrap();
    std::fs::write(schools.join("nested/broken.toml"), "[school\n").unwrap();
    std::fs::write(schools.join("bad-value.toml"), "[school]\nname = \"X\"\n").unwrap();
    std::fs::write(schools.join("notes.txt"), "not a profile, not read").unwrap();
    let out = senco(&["assess", schools.to_str().unwrap(), "-f", "ndjson"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let records = ndjson(&out.stdout);
    assert_eq!(records.len(), 62, "one record per input");
    let errors: Vec<&Value> = records
        .iter()
        .filter(|r| r.get("error").is_some())
        .collect();
    assert_eq!(errors.len(), 2);
    assert!(errors.iter().any(|e| {
        e["source"]
            .as_str()
            .unwrap()
            .ends_with("nested/broken.toml")
    }));
    assert_eq!(
        records
            .iter()
            .filter(|r| r.get("assessment").is_some())
            .count(),
        60
    );
    // Sorted order: files by name, folders searched in place.
    let sources: Vec<&str> = records
        .iter()
        .map(|r| r["source"].as_str().unwrap())
        .collect();
    let mut sorted = sources.clone();
    sorted.sort();
    assert_eq!(sources, sorted);
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(
        stderr.contains("bad-value.toml: senco: the [senco] table is missing"),
        "{stderr}"
    );
    assert!(
        stderr.contains("2 of 62 inputs could not be assessed"),
        "{stderr}"
    );
}

#[test]
fn roster_rows_are_assessed_and_bad_rows_named() {
    let dir = tempfile::tempdir().unwrap();
    generate(dir.path(), 20);
    let roster = dir.path().join("roster.csv");
    let mut text = std::fs::read_to_string(&roster).unwrap();
    let good_row = text.lines().nth(1).unwrap().to_string();
    let mut fields: Vec<&str> = good_row.split(',').collect();
    fields[0] = "Broken";
    fields[1] = "primry";
    text.push_str(&fields.join(","));
    text.push('\n');
    text.push_str("Ragged,primary,100\n");
    std::fs::write(&roster, &text).unwrap();
    let out = roster_as_ndjson(&roster);
    assert_eq!(out.status.code(), Some(2));
    let records = ndjson(&out.stdout);
    assert_eq!(records.len(), 22);
    assert_eq!(records[0]["source"], format!("{}#row 2", roster.display()));
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(
        stderr.contains(
            "roster.csv, row 22, column school.phase: \"primry\" is not one of the allowed values"
        ),
        "{stderr}"
    );
    assert!(
        stderr.contains("roster.csv, row 23: the row has 3 cells but the header has 24"),
        "{stderr}"
    );
    // The roster and the files give the same assessments.
    let files = senco(&[
        "assess",
        dir.path().join("schools").to_str().unwrap(),
        "-f",
        "csv",
    ])
    .output()
    .unwrap();
    let from_files: Vec<String> = String::from_utf8(files.stdout)
        .unwrap()
        .lines()
        .skip(1)
        .map(|l| l.split_once(',').unwrap().1.to_string())
        .collect();
    let rows = senco(&["assess", "--roster", roster.to_str().unwrap(), "-f", "csv"])
        .output()
        .unwrap();
    let from_roster: Vec<String> = String::from_utf8(rows.stdout)
        .unwrap()
        .lines()
        .skip(1)
        .map(|l| l.split_once(',').unwrap().1.to_string())
        .collect();
    assert_eq!(from_files, from_roster);
}

#[test]
fn output_is_the_same_whatever_the_thread_count() {
    let dir = tempfile::tempdir().unwrap();
    generate(dir.path(), 300);
    let run = |threads: &str| {
        let mut cmd = senco(&[
            "assess",
            dir.path().join("schools").to_str().unwrap(),
            "-f",
            "ndjson",
        ]);
        cmd.env("RAYON_NUM_THREADS", threads);
        let out = cmd.output().unwrap();
        assert!(out.status.success());
        out.stdout
    };
    let one = run("1");
    assert_eq!(one, run("2"));
    assert_eq!(one, run("2"));
    assert_eq!(ndjson(&one).len(), 300);
}

#[test]
fn the_summary_adds_up() {
    let dir = tempfile::tempdir().unwrap();
    generate(dir.path(), 120);
    std::fs::write(dir.path().join("schools/zz-bad.toml"), "nonsense = 1\n").unwrap();
    let out = senco(&[
        "assess",
        dir.path().join("schools").to_str().unwrap(),
        "--summary-only",
        "-f",
        "json",
    ])
    .output()
    .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let s: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(s["schools"], 120);
    assert_eq!(s["failed"], 1);
    let bands = &s["bands"];
    let total: u64 = ["manageable", "stretched", "overloaded", "unmanageable"]
        .iter()
        .map(|b| bands[b].as_u64().unwrap())
        .sum();
    assert_eq!(total, 120);
    // The same schools, record by record, give the same totals.
    let out = senco(&[
        "assess",
        dir.path().join("schools").to_str().unwrap(),
        "-f",
        "ndjson",
    ])
    .output()
    .unwrap();
    let records = ndjson(&out.stdout);
    let shortfall: f64 = records
        .iter()
        .filter_map(|r| r["assessment"]["shortfall_hours_per_week"].as_f64())
        .sum();
    assert!(
        (shortfall - s["total_shortfall_hours_per_week"].as_f64().unwrap()).abs() < 0.01 * 120.0
    );
    let manageable = records
        .iter()
        .filter(|r| r["assessment"]["band"] == "manageable")
        .count();
    assert_eq!(manageable as u64, bands["manageable"].as_u64().unwrap());
}

#[test]
fn the_table_shows_the_summary_then_the_worst_schools_first() {
    let out = senco(&["assess", "examples"]).output().unwrap();
    assert!(out.status.success());
    let table = String::from_utf8(out.stdout).unwrap();
    assert!(table.starts_with("6 schools assessed"), "{table}");
    let oakfield = table.find("Oakfield Primary").unwrap();
    let brook = table.find("Brook Lane School").unwrap();
    assert!(oakfield < brook, "worst first");
    let by_name = String::from_utf8(
        senco(&["assess", "examples", "--sort", "name"])
            .output()
            .unwrap()
            .stdout,
    )
    .unwrap();
    assert!(by_name.find("Brook Lane School").unwrap() < by_name.find("Oakfield Primary").unwrap());
    insta::assert_snapshot!(table);
}

#[cfg(unix)]
#[test]
fn a_symlink_loop_is_reported_not_followed_forever() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::copy("examples/primary.toml", dir.path().join("primary.toml")).unwrap();
    std::os::unix::fs::symlink(dir.path(), dir.path().join("loop")).unwrap();
    // The loop is a warning, not a failed school: the batch succeeds.
    senco(&["assess", dir.path().to_str().unwrap(), "-f", "csv"])
        .assert()
        .code(0)
        .stdout(predicate::str::contains("Oakfield Primary"))
        .stderr(predicate::str::contains("warning:"))
        .stderr(predicate::str::contains("loops back"));
}

#[test]
fn fail_fast_stops_at_the_first_bad_input() {
    let dir = tempfile::tempdir().unwrap();
    generate(dir.path(), 10);
    std::fs::write(dir.path().join("schools/a-bad.toml"), "x = 1\n").unwrap();
    let out = senco(&[
        "assess",
        dir.path().join("schools").to_str().unwrap(),
        "--fail-fast",
        "-f",
        "ndjson",
    ])
    .output()
    .unwrap();
    assert_eq!(out.status.code(), Some(2));
    // The bad file sorts first: its error record is the only line.
    let stdout = String::from_utf8(out.stdout).unwrap();
    let lines: Vec<&str> = stdout.lines().collect();
    assert_eq!(lines.len(), 1, "{stdout}");
    let record: serde_json::Value = serde_json::from_str(lines[0]).unwrap();
    assert!(record.get("error").is_some(), "{stdout}");
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(
        stderr.contains("(--fail-fast): 0 schools before it were assessed, the rest not read."),
        "{stderr}"
    );
    // Further in, the schools before it are written and counted.
    std::fs::remove_file(dir.path().join("schools/a-bad.toml")).unwrap();
    std::fs::write(dir.path().join("schools/school-0004b.toml"), "x = 1\n").unwrap();
    let out = senco(&[
        "assess",
        dir.path().join("schools").to_str().unwrap(),
        "--fail-fast",
        "-f",
        "ndjson",
    ])
    .output()
    .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(String::from_utf8(out.stdout).unwrap().lines().count(), 6);
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(
        stderr.contains("(--fail-fast): 5 schools before it were assessed, the rest not read."),
        "{stderr}"
    );
}

#[test]
fn an_output_file_inside_the_searched_folder_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    generate(dir.path(), 3);
    let target = dir.path().join("schools/school-0001.toml");
    let before = std::fs::read_to_string(&target).unwrap();
    senco(&[
        "assess",
        dir.path().join("schools").to_str().unwrap(),
        "-o",
        target.to_str().unwrap(),
    ])
    .assert()
    .code(2)
    .stderr(predicate::str::contains("is one of the input files"));
    assert_eq!(std::fs::read_to_string(&target).unwrap(), before);
}

#[test]
fn the_example_roster_is_assessed() {
    let out = senco(&["assess", "--roster", "examples/roster.csv", "-f", "json"])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let json: Value = serde_json::from_slice(&out.stdout).unwrap();
    let schools = json.as_array().unwrap();
    assert_eq!(schools.len(), 2);
    assert_eq!(schools[0]["source"], "examples/roster.csv#row 2");
    assert_eq!(schools[1]["school"]["name"], "Beech Academy");
}

#[test]
fn batch_ndjson_equals_each_file_assessed_alone() {
    let dir = tempfile::tempdir().unwrap();
    generate(dir.path(), 15);
    let schools = dir.path().join("schools");
    // One school has its plausible range always; a batch with --uncertainty,
    // from the same draws (common random numbers).
    let out = senco(&[
        "assess",
        schools.to_str().unwrap(),
        "--uncertainty",
        "-f",
        "ndjson",
    ])
    .output()
    .unwrap();
    assert!(out.status.success());
    let records = ndjson(&out.stdout);
    assert_eq!(records.len(), 15);
    for record in records {
        let source = record["source"].as_str().unwrap();
        let alone = senco(&["assess", source, "-f", "json"]).output().unwrap();
        let alone: Value = serde_json::from_slice(&alone.stdout).unwrap();
        assert_eq!(alone, record, "{source}");
    }
}

/// Rosters as spreadsheets export them (issue 12): semicolons, empty
/// columns after the last, rows of empty cells, blank lines, TRUE and FALSE;
/// problems name the row as the spreadsheet numbers it, and a header
/// without its table says which one.
#[test]
fn rosters_as_spreadsheets_export_them() {
    let dir = tempfile::tempdir().unwrap();
    let roster = dir.path().join("export.csv");
    std::fs::write(
        &roster,
        "school.name;school.phase;school.pupils;school.sen-support;school.ehcp;senco.teaching-hours;senco.senco-hours;senco.qualified-teacher;;\n\
         \n\
         Ash;primary;200;20;5;10;5;TRUE;;\n\
         ;;;;;;;;;\n\
         Oak;primry;300;20;5;10;5;FALSE;;\n",
    )
    .unwrap();
    let out = roster_as_ndjson(&roster);
    assert_eq!(out.status.code(), Some(2));
    let records = ndjson(&out.stdout);
    assert_eq!(records.len(), 2, "the padding row is not a school");
    assert_eq!(records[0]["school"]["name"], "Ash");
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(
        stderr.contains("export.csv, row 5, column school.phase: \"primry\""),
        "Oak is on line 5: {stderr}"
    );
    // Cells typed as in a form get the value meant, as TOML lines do.
    let typed = dir.path().join("typed.csv");
    std::fs::write(
        &typed,
        "school.name,school.phase,school.pupils,school.sen-support,school.ehcp,senco.teaching-hours,senco.senco-hours,senco.contract-fte,senco.appointed\n\
         Ash,primary,\"1,210\",20,5,10 hours,5,80%,01/09/2025\n",
    )
    .unwrap();
    let out = senco(&["assess", "--roster", typed.to_str().unwrap()])
        .output()
        .unwrap();
    let stderr = String::from_utf8(out.stderr).unwrap();
    for hint in [
        "column school.pupils: must be a whole number, not the text \"1,210\"\n  help: write `1210` in the cell",
        "help: write `10` in the cell",
        "help: write `0.8` in the cell",
        "help: write `2025-09-01` in the cell",
    ] {
        assert!(stderr.contains(hint), "{hint}\n{stderr}");
    }
    let plain = dir.path().join("plain.csv");
    std::fs::write(&plain, "name,pupils\nAsh,200\n").unwrap();
    senco(&["assess", "--roster", plain.to_str().unwrap()])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "column 2 is headed `pupils`, which is not a profile key\n  help: head it school.pupils",
        ));
}

/// The plausible range is reproducible: the same seed gives identical JSON
/// twice, and with 1 or 2 threads; another seed may differ.
#[test]
fn the_plausible_range_is_the_same_for_a_seed_whatever_the_threads() {
    let run = |threads: &str, seed: &str| {
        let out = Command::cargo_bin("senco-plan")
            .unwrap()
            .env("RAYON_NUM_THREADS", threads)
            .args([
                "assess",
                "examples",
                "--uncertainty",
                "--samples",
                "200",
                "--seed",
                seed,
                "--as-of",
                "2026-11-22",
                "-f",
                "ndjson",
            ])
            .output()
            .unwrap();
        assert!(out.status.success());
        out.stdout
    };
    let one = run("1", "7");
    assert_eq!(one, run("2", "7"));
    assert_eq!(one, run("1", "7"));
    let records = ndjson(&one);
    for r in &records {
        let u = &r["assessment"]["uncertainty"];
        assert_eq!(u["samples"], 200);
        assert_eq!(u["seed"], 7);
        let (p10, p50, p90) = (
            u["score_p10"].as_u64().unwrap(),
            u["score_p50"].as_u64().unwrap(),
            u["score_p90"].as_u64().unwrap(),
        );
        assert!(p10 <= p50 && p50 <= p90, "{u}");
        let b = &u["bands"];
        let total: f64 = ["manageable", "stretched", "overloaded", "unmanageable"]
            .iter()
            .map(|k| b[k].as_f64().unwrap())
            .sum();
        assert!((total - 1.0).abs() < 1e-3, "{u}");
    }
}

/// A batch with nothing to assess writes nothing on standard output (not
/// the opening `[` of a JSON array, nor a CSV header), only the error.
#[test]
fn a_batch_with_no_profiles_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let empty = dir.path().join("empty");
    std::fs::create_dir(&empty).unwrap();
    let header_only = dir.path().join("header.csv");
    std::fs::write(&header_only, "school.name,school.phase\n").unwrap();
    for format in ["json", "ndjson", "csv", "table", "markdown"] {
        for input in [
            vec![empty.to_str().unwrap()],
            vec!["--roster", header_only.to_str().unwrap()],
        ] {
            let mut args = vec!["assess", "-f", format];
            args.extend(&input);
            let out = senco(&args).output().unwrap();
            assert_eq!(out.status.code(), Some(2), "{format} {input:?}");
            assert_eq!(
                String::from_utf8_lossy(&out.stdout),
                "",
                "{format} {input:?}"
            );
            assert!(
                String::from_utf8_lossy(&out.stderr).contains("no profiles were found"),
                "{format} {input:?}"
            );
        }
    }
}

/// `-o` to what is not a regular file (a device, a FIFO) is written in
/// place, so a batch with a bad input still completes the document there,
/// and says so, rather than leaving half a JSON array.
#[test]
fn a_failed_batch_completes_a_document_written_in_place() {
    let dir = tempfile::tempdir().unwrap();
    generate(dir.path(), 2);
    std::fs::write(dir.path().join("schools/school-0001b.toml"), "x = 1\n").unwrap();
    let out = senco(&[
        "assess",
        dir.path().join("schools").to_str().unwrap(),
        "-f",
        "json",
        "-o",
        "/dev/stdout",
    ])
    .output()
    .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let stdout = String::from_utf8(out.stdout).unwrap();
    let records: Vec<serde_json::Value> = serde_json::from_str(&stdout).unwrap();
    assert_eq!(records.len(), 3, "{stdout}");
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(!stderr.contains("was not written"), "{stderr}");
    assert!(
        stderr.contains("/dev/stdout is not a file, so it could not be left as it was"),
        "{stderr}"
    );
}

/// A row the reader cannot get past ends the roster: the message says the
/// rest was not read, so no one takes the schools written for all of them.
#[test]
fn a_roster_that_cannot_be_read_on_says_where_it_stopped() {
    let dir = tempfile::tempdir().unwrap();
    let roster = dir.path().join("r.csv");
    let header = "school.name,school.phase,school.pupils,school.sen-support,school.ehcp,senco.teaching-hours,senco.senco-hours\n";
    let good = "A,primary,200,20,2,10,5\n";
    let huge = format!("{},primary,200,20,2,10,5\n", "B".repeat(2 << 20));
    std::fs::write(&roster, format!("{header}{good}{huge}{good}")).unwrap();
    let out = senco(&[
        "assess",
        "-f",
        "ndjson",
        "--roster",
        roster.to_str().unwrap(),
    ])
    .output()
    .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(stderr.contains("longer than 1 MiB"), "{stderr}");
    assert!(
        stderr.contains("the rows after it were not read"),
        "{stderr}"
    );
}

/// In a searched folder, a `.toml` that is not a regular file (a FIFO, a
/// link to a device) is skipped with a warning, not silently; `.TOML`
/// counts as `.toml`.
#[test]
fn a_folder_says_what_it_skips() {
    let dir = tempfile::tempdir().unwrap();
    generate(dir.path(), 1);
    let schools = dir.path().join("schools");
    std::fs::copy(schools.join("school-0000.toml"), schools.join("UPPER.TOML")).unwrap();
    std::os::unix::fs::symlink("/dev/null", schools.join("device.toml")).unwrap();
    let fifo = schools.join("pipe.toml");
    assert!(
        std::process::Command::new("mkfifo")
            .arg(&fifo)
            .status()
            .unwrap()
            .success()
    );
    let out = senco(&["assess", schools.to_str().unwrap(), "-f", "ndjson"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(String::from_utf8(out.stdout).unwrap().lines().count(), 2);
    let stderr = String::from_utf8(out.stderr).unwrap();
    for skipped in ["device.toml", "pipe.toml"] {
        assert!(
            stderr.contains(&format!("{skipped}: not a regular file")),
            "{stderr}"
        );
    }
}
