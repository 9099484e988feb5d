//! `senco-plan audit` through the real binary (SPEC section 9).

use assert_cmd::Command;
use predicates::prelude::*;
use serde_json::Value;
use std::path::{Path, PathBuf};

const AS_OF: &str = "2026-11-30";

fn senco() -> Command {
    let mut cmd = Command::cargo_bin("senco-plan").unwrap();
    cmd.env("NO_COLOR", "1");
    cmd
}

/// A fresh folder holding a copy of an example profile.
fn folder(example: &str) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let profile = dir.path().join("school.toml");
    std::fs::copy(format!("examples/{example}.toml"), &profile).unwrap();
    (dir, profile)
}

fn write_log(dir: &Path, text: &str) -> PathBuf {
    let path = dir.join("log.csv");
    std::fs::write(&path, text).unwrap();
    path
}

/// Six weekly reviews of 540 minutes, each counted (or not).
fn reviews(counted: bool) -> String {
    let mut text = String::from("date,task,minutes,who,count\n");
    for day in ["07", "14", "21", "28"] {
        text.push_str(&format!(
            "2026-09-{day},ehcp-reviews,540,senco,{}\n",
            if counted { "1" } else { "" }
        ));
    }
    for day in ["05", "12"] {
        text.push_str(&format!(
            "2026-10-{day},ehcp-reviews,540,deputy,{}\n",
            if counted { "1" } else { "" }
        ));
    }
    text
}

fn audit_json(log: &Path, profile: &Path, more: &[&str]) -> Value {
    let out = senco()
        .args([
            "audit",
            log.to_str().unwrap(),
            "--profile",
            profile.to_str().unwrap(),
        ])
        .args(["--as-of", AS_OF, "-f", "json"])
        .args(more)
        .assert()
        .success();
    serde_json::from_slice(&out.get_output().stdout).unwrap()
}

fn calibration<'a>(audit: &'a Value, key: &str) -> &'a Value {
    audit["calibrations"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["key"] == key)
        .unwrap()
}

#[test]
fn the_template_is_a_log_that_reads() {
    let out = senco().args(["audit", "--template"]).assert().success();
    let template = String::from_utf8(out.get_output().stdout.clone()).unwrap();
    assert_eq!(
        template,
        "date,task,minutes,who,count\n2026-09-07,ehcp-reviews,90,senco,1\n2026-09-07,sen-support,45,senco,\n"
    );
    let (dir, profile) = folder("primary");
    let log = dir.path().join("blank.csv");
    senco()
        .args(["audit", "--template", "-o", log.to_str().unwrap()])
        .assert()
        .success();
    assert_eq!(std::fs::read_to_string(&log).unwrap(), template);
    let audit = audit_json(&log, &profile, &[]);
    assert_eq!(audit["entries"], 2);
    // Without a log, or with both, clap says what is missing.
    senco()
        .args(["audit"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("--profile"));
    senco()
        .args(["audit", "--template", "log.csv"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("cannot be used with"));
}

/// 6 reviews at 540 minutes, counted: exactly 9 hours a review. The same
/// log without counts: 9 h/wk x 39 weeks / 12 plans = 29.25, from weekly
/// hours, with the warning that a few weeks may not be typical.
#[test]
fn known_rates_come_back_exactly() {
    let (dir, profile) = folder("primary");
    let log = write_log(dir.path(), &reviews(true));
    let audit = audit_json(&log, &profile, &[]);
    let review = calibration(&audit, "ehcp-review-hours");
    assert_eq!(review["value"], 9.0);
    assert_eq!(review["method"], "per-unit");
    assert_eq!(review["status"], "calibrated");
    assert_eq!(audit["weeks"], 6);
    assert!(
        audit["caveat"]
            .as_str()
            .unwrap()
            .starts_with("A log measures work done, not work needed")
    );
    let row = &audit["tasks"][0];
    assert_eq!(row["task"], "ehcp-reviews");
    // 4 x 540 / 60 / 6 = 6 h/wk by the SENCO, 2 x 540 / 60 / 6 = 3 by the deputy.
    assert_eq!(
        (
            row["measured"]["senco"].as_f64(),
            row["measured"]["deputy"].as_f64()
        ),
        (Some(6.0), Some(3.0))
    );

    let log = write_log(dir.path(), &reviews(false));
    let audit = audit_json(&log, &profile, &[]);
    let review = calibration(&audit, "ehcp-review-hours");
    assert_eq!(review["value"], 29.25);
    assert_eq!(review["method"], "weekly-hours");
    let codes: Vec<&str> = audit["warnings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|w| w["code"].as_str().unwrap())
        .collect();
    assert!(codes.contains(&"from-weekly-hours"), "{codes:?}");
    // --weeks overrides the count of weeks: 9 h over 12 weeks is 4.5 h/wk.
    let audit = audit_json(&log, &profile, &["--weeks", "12"]);
    assert_eq!(audit["weeks_from"], "--weeks");
    assert_eq!(calibration(&audit, "ehcp-review-hours")["value"], 14.63);
}

/// `--write` on a commented profile: only the written lines change, each
/// with its note; the written profile assesses as `--set` would.
#[test]
fn write_keeps_every_comment_and_equals_set() {
    let (dir, profile) = folder("special");
    let before = std::fs::read_to_string(&profile).unwrap();
    let mut text = reviews(true);
    text.push_str(
        "2026-09-08,leadership-meetings,120,senco,\n2026-10-06,parents-and-agencies,600,admin,\n",
    );
    let log = write_log(dir.path(), &text);
    let audit = audit_json(&log, &profile, &["--write"]);
    let after = std::fs::read_to_string(&profile).unwrap();
    let written: Vec<(String, f64)> = audit["calibrations"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|c| c["status"] == "calibrated")
        .map(|c| {
            (
                c["key"].as_str().unwrap().to_string(),
                c["value"].as_f64().unwrap(),
            )
        })
        .collect();
    assert!(written.len() >= 3, "{written:?}");
    // Every line of the old file is still there, in order, except the
    // changed value's; every new or changed line carries the note.
    let old: Vec<&str> = before.lines().collect();
    let new: Vec<&str> = after.lines().collect();
    let note = "# from time log";
    let kept: Vec<&str> = new.iter().copied().filter(|l| !l.contains(note)).collect();
    let changed: Vec<&str> = old.iter().copied().filter(|l| !kept.contains(l)).collect();
    assert_eq!(changed, ["ehcp-review-hours = 10"], "{after}");
    assert_eq!(
        new.iter().filter(|l| l.contains(note)).count(),
        written.len()
    );
    assert!(after.contains("# Reviews here are longer: multi-agency meetings for every pupil.\nehcp-review-hours = 9.0 # from time log"));

    let mut set = vec![
        "assess".to_string(),
        "examples/special.toml".into(),
        "--as-of".into(),
        AS_OF.into(),
        "-f".into(),
        "json".into(),
    ];
    for (key, value) in &written {
        set.push("--set".into());
        set.push(format!("assumptions.{key}={value}"));
    }
    let by_set: Value =
        serde_json::from_slice(&senco().args(&set).assert().success().get_output().stdout).unwrap();
    let by_file: Value = serde_json::from_slice(
        &senco()
            .args([
                "assess",
                profile.to_str().unwrap(),
                "--as-of",
                AS_OF,
                "-f",
                "json",
            ])
            .assert()
            .success()
            .get_output()
            .stdout,
    )
    .unwrap();
    assert_eq!(by_file["assessment"], by_set["assessment"]);
    assert_eq!(by_file["assessment"]["score"], audit["score_after"]);

    // --only writes only what it names; a key no log calibrates is refused.
    let (dir, profile) = folder("primary");
    let log = write_log(dir.path(), &text);
    audit_json(&log, &profile, &["--write", "--only", "agency-hours"]);
    let after = std::fs::read_to_string(&profile).unwrap();
    assert_eq!(after.matches("# from time log").count(), 1, "{after}");
    assert!(after.contains("agency-hours = "));
    senco()
        .args([
            "audit",
            log.to_str().unwrap(),
            "--profile",
            profile.to_str().unwrap(),
            "--only",
            "ehcp-reviw-hours",
        ])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "--only ehcp-reviw-hours: not an assumption a time log can calibrate",
        ));
}

/// Bad logs: exit 2, every problem with its row and column, and the
/// profile untouched even with --write.
#[test]
fn a_bad_log_writes_nothing_and_says_where() {
    let (dir, profile) = folder("primary");
    let before = std::fs::read_to_string(&profile).unwrap();
    let log = write_log(
        dir.path(),
        "date,task,minutes,who,count\n2026-09-07,ehcp-review,60,senco,1\n2026-09-08,strategy,1000,,\n2027-09-08,strategy,10,,\n",
    );
    senco()
        .args([
            "audit",
            log.to_str().unwrap(),
            "--profile",
            profile.to_str().unwrap(),
            "--write",
            "--as-of",
            AS_OF,
        ])
        .assert()
        .code(2)
        .stdout("")
        .stderr(predicate::str::contains(
            "row 2, column task: `ehcp-review` is not a task",
        ))
        .stderr(predicate::str::contains("did you mean `ehcp-reviews`?"))
        .stderr(predicate::str::contains(
            "row 3, column minutes: `1000` is not a whole number of minutes from 1 to 960",
        ))
        .stderr(predicate::str::contains(
            "row 4, column date: `2027-09-08` is after 2026-11-30",
        ));
    assert_eq!(std::fs::read_to_string(&profile).unwrap(), before);
    let empty = write_log(dir.path(), "");
    senco()
        .args([
            "audit",
            empty.to_str().unwrap(),
            "--profile",
            profile.to_str().unwrap(),
        ])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("the log is empty"));
    // /dev/zero is refused in bounded time and memory.
    senco()
        .args(["audit", "/dev/zero", "--profile", profile.to_str().unwrap()])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "/dev/zero: it is larger than 16 MiB",
        ));
    // --write needs a file to write into.
    senco()
        .args(["audit", log.to_str().unwrap(), "--profile", "-", "--write"])
        .write_stdin(before.clone())
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "--write needs the profile as a file",
        ));
}

/// Whatever fails, the profile is not changed: an output that cannot be
/// written, --set beside --write, --weeks below the weeks logged; and a
/// filled-in log is never replaced by the template.
#[test]
fn a_failed_run_changes_nothing() {
    let (dir, profile) = folder("primary");
    let before = std::fs::read_to_string(&profile).unwrap();
    let log = write_log(dir.path(), &reviews(true));
    let run = |more: &[&str]| {
        senco()
            .args([
                "audit",
                log.to_str().unwrap(),
                "--profile",
                profile.to_str().unwrap(),
                "--write",
            ])
            .args(more)
            .assert()
            .code(2)
    };
    run(&["-o", log.to_str().unwrap()])
        .stderr(predicate::str::contains("is one of the input files"));
    run(&["-o", profile.to_str().unwrap()])
        .stderr(predicate::str::contains("is one of the input files"));
    run(&["-o", dir.path().to_str().unwrap()]).stderr(predicate::str::contains("is a folder"));
    run(&["--set", "school.sen-support=200"])
        .stderr(predicate::str::contains("--write with --set"));
    run(&["--weeks", "2"]).stderr(predicate::str::contains(
        "--weeks 2: the log has entries in 6 different weeks",
    ));
    assert_eq!(std::fs::read_to_string(&profile).unwrap(), before);
    senco()
        .args(["audit", "--template", "-o", log.to_str().unwrap()])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "already exists: the template would replace it",
        ));
    assert_eq!(std::fs::read_to_string(&log).unwrap(), reviews(true));
}

/// A note column is never read: a name, a formula or markup in it never
/// reaches any output; one warning says the column was skipped.
#[test]
fn notes_never_reach_any_output() {
    let (dir, profile) = folder("primary");
    let log = write_log(
        dir.path(),
        "date,task,minutes,note\n2026-09-07,sen-support,60,Jo Bloggs <b>=HYPERLINK(\"x\")\n2026-09-14,sen-support,60,\x1b[31mAmy\n",
    );
    for format in ["table", "json", "ndjson", "csv", "markdown"] {
        let out = senco()
            .args([
                "audit",
                log.to_str().unwrap(),
                "--profile",
                profile.to_str().unwrap(),
                "--as-of",
                AS_OF,
                "-f",
                format,
            ])
            .assert()
            .success();
        let text = String::from_utf8(out.get_output().stdout.clone()).unwrap();
        for secret in ["Jo", "Bloggs", "HYPERLINK", "Amy", "<b>", "\x1b"] {
            assert!(!text.contains(secret), "{format}: {secret} in\n{text}");
        }
        assert!(text.contains("sen-support"), "{format}");
        if format != "csv" {
            assert!(
                text.contains("column 4 of the log was not read"),
                "{format}:\n{text}"
            );
        }
    }
}

/// A rate outside the profile's own [ranges] is reported and not written.
#[test]
fn a_rate_outside_the_schools_range_is_not_written() {
    let (dir, profile) = folder("primary");
    let mut text = std::fs::read_to_string(&profile).unwrap();
    text.push_str("\n[ranges]\nehcp-review-hours = [6, 8.5]\n");
    std::fs::write(&profile, &text).unwrap();
    let log = write_log(dir.path(), &reviews(true));
    let audit = audit_json(&log, &profile, &["--write"]);
    let review = calibration(&audit, "ehcp-review-hours");
    assert_eq!(review["status"], "outside-range");
    assert_eq!(audit["score_after"], audit["score_before"]);
    assert_eq!(std::fs::read_to_string(&profile).unwrap(), text);
}
