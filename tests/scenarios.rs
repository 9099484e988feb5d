//! `compare` and `sweep` on the real binary.

use assert_cmd::Command;
use predicates::prelude::*;
use serde_json::Value;
use std::collections::HashSet;

const AS_OF: &str = "2026-11-22";

fn run(args: &[&str]) -> Command {
    let mut cmd = Command::cargo_bin("senco-plan").unwrap();
    cmd.args(args).args(["--as-of", AS_OF]);
    cmd
}

fn stdout_of(args: &[&str]) -> String {
    let out = run(args).output().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

fn json_of(args: &[&str]) -> Value {
    serde_json::from_str(&stdout_of(args)).unwrap()
}

const FILE_SCENARIOS: [&str; 5] = [
    "compare",
    "examples/primary.toml",
    "--scenario-file",
    "scenarios/primary.toml",
    "--format",
];

#[test]
fn compare_reports_each_scenario_against_the_baseline() {
    let json = json_of(&[&FILE_SCENARIOS[..], &["json"]].concat());
    assert_eq!(json["schema_version"], 2);
    assert_eq!(json["baseline"], "primary");
    let rows = json["scenarios"].as_array().unwrap();
    assert_eq!(rows.len(), 6);
    assert_eq!(rows[0]["name"], "primary");
    assert_eq!(rows[0]["score_delta"], 0);
    assert_eq!(rows[0]["annual_cost"], 0);
    // deputy+admin: 6.5 x 39 x £70 + £4,800 + 10 x 39 x £23 = £31,515.
    let both = &rows[3];
    assert_eq!(both["name"], "deputy+admin");
    assert_eq!(both["source"], "scenarios/primary.toml:13");
    assert_eq!(
        both["changes"]["deputy.hours"],
        serde_json::json!([null, 6.5])
    );
    assert_eq!(
        both["changes"]["admin.hours"],
        serde_json::json!([null, 10.0])
    );
    assert_eq!(both["annual_cost"], 31515);
    assert_eq!(both["assessment"]["score"], 64);
    assert_eq!(both["score_delta"], 39);
    assert_eq!(both["cost_per_point"], 808); // 31,515 / 39 = 808.1
}

#[test]
fn compare_summarises_in_plain_words() {
    let table = stdout_of(&[
        "compare",
        "examples/primary.toml",
        "--scenario",
        "deputy: deputy.hours=6.5",
    ]);
    assert!(
        table.contains(
            "- deputy: 25 -> 50 (unmanageable), +25 points for £22,545 a year (£902 a point)"
        ),
        "{table}"
    );
}

#[test]
fn a_scenario_equal_to_the_baseline_has_zero_deltas() {
    let json = json_of(&[
        "compare",
        "examples/secondary.toml",
        "--scenario",
        "same: deputy.hours=6.5, admin.hours=15",
        "-f",
        "json",
    ]);
    let same = &json["scenarios"][1];
    assert_eq!(same["name"], "same");
    assert_eq!(same["score_delta"], 0);
    assert_eq!(same["shortfall_delta"], 0.0);
    assert_eq!(same["annual_cost"], 0);
    assert_eq!(same["changes"], serde_json::json!({}));
    assert_eq!(same["cost_per_point"], Value::Null);
}

#[test]
fn compare_takes_other_profiles_and_sorts() {
    let json = json_of(&[
        "compare",
        "examples/primary.toml",
        "examples/small-primary.toml",
        "--scenario-file",
        "scenarios/primary.toml",
        "--sort",
        "score",
        "-f",
        "json",
    ]);
    let rows = json["scenarios"].as_array().unwrap();
    assert_eq!(rows[0]["name"], "primary", "the baseline stays first");
    let scores: Vec<u64> = rows[1..]
        .iter()
        .map(|r| r["assessment"]["score"].as_u64().unwrap())
        .collect();
    assert!(scores.windows(2).all(|w| w[0] >= w[1]), "{scores:?}");
    let other = rows.iter().find(|r| r["name"] == "small-primary").unwrap();
    assert_eq!(
        other["changes"]["school.pupils"],
        serde_json::json!([420, 92])
    );

    let by_cost = json_of(&[&FILE_SCENARIOS[..], &["json", "--sort", "cost"]].concat());
    let costs: Vec<i64> = by_cost["scenarios"].as_array().unwrap()[1..]
        .iter()
        .map(|r| r["annual_cost"].as_i64().unwrap())
        .collect();
    assert!(costs.windows(2).all(|w| w[0] <= w[1]), "{costs:?}");
}

#[test]
fn compare_in_every_format() {
    let csv = stdout_of(&[&FILE_SCENARIOS[..], &["csv"]].concat());
    let mut reader = csv::Reader::from_reader(csv.as_bytes());
    assert_eq!(&reader.headers().unwrap()[0], "name");
    assert_eq!(reader.records().count(), 6);
    let ndjson = stdout_of(&[&FILE_SCENARIOS[..], &["ndjson"]].concat());
    assert_eq!(ndjson.lines().count(), 6);
    let markdown = stdout_of(&[&FILE_SCENARIOS[..], &["markdown"]].concat());
    assert!(markdown.contains("| Scenario | Changes |"));
    insta::assert_snapshot!(
        "compare_table",
        stdout_of(&[&FILE_SCENARIOS[..], &["table"]].concat())
    );
    insta::assert_snapshot!("compare_csv", csv);
}

#[test]
fn compare_fail_under_checks_every_row() {
    run(&[
        "compare",
        "examples/primary.toml",
        "--scenario",
        "d: deputy.hours=13",
        "--fail-under",
        "30",
    ])
    .assert()
    .code(1);
    run(&[
        "compare",
        "examples/special.toml",
        "--scenario",
        "d: deputy.hours=20",
        "--fail-under",
        "90",
    ])
    .assert()
    .success();
}

#[test]
fn bad_scenarios_are_refused_with_name_key_and_line() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("s.toml");
    std::fs::write(
        &file,
        "[[scenario]]\nname = \"deputy\"\nset = { \"deputy.hours\" = 6.5 }\n\n[[scenario]]\nname = \"typo\"\nset = { \"deputy.hourz\" = 6.5 }\n",
    )
    .unwrap();
    let path = file.to_str().unwrap();
    run(&["compare", "examples/primary.toml", "--scenario-file", path])
        .assert()
        .code(2)
        .stdout("")
        .stderr(predicate::str::contains(format!(
            "{path}:7:9: scenario \"typo\": deputy.hourz: unknown key"
        )))
        .stderr(predicate::str::contains("did you mean `hours`?"));
    std::fs::write(
        &file,
        "[[scenario]]\nname = \"x\"\nset = { \"deputy.hours\" = \"lots\" }\n",
    )
    .unwrap();
    run(&["compare", "examples/primary.toml", "--scenario-file", path])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "scenario \"x\": deputy.hours: must be hours a week",
        ));
    std::fs::write(&file, "[[scenario]]\nset = {}\n[[scenarios]]\n").unwrap();
    run(&["compare", "examples/primary.toml", "--scenario-file", path])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "scenario.name: a scenario needs a name",
        ))
        .stderr(predicate::str::contains("unknown key `scenarios`"));
    run(&[
        "compare",
        "examples/primary.toml",
        "--scenario",
        "deputy.hours=6.5",
    ])
    .assert()
    .code(2)
    .stderr(predicate::str::contains("'NAME: KEY=VALUE, KEY=VALUE'"));
}

#[test]
fn sweeping_teaching_hours_never_raises_the_score() {
    let json = json_of(&[
        "sweep",
        "examples/primary.toml",
        "--vary",
        "senco.teaching-hours=0..20",
        "-f",
        "json",
    ]);
    assert_eq!(json["vary"], serde_json::json!(["senco.teaching-hours"]));
    let rows = json["rows"].as_array().unwrap();
    assert_eq!(rows.len(), 21);
    let scores: Vec<u64> = rows.iter().map(|r| r["score"].as_u64().unwrap()).collect();
    assert!(scores.windows(2).all(|w| w[0] >= w[1]), "{scores:?}");
    assert_eq!(rows[0]["values"]["senco.teaching-hours"], 0.0);
    assert_eq!(rows[20]["values"]["senco.teaching-hours"], 20.0);
}

#[test]
fn a_grid_has_every_combination_once() {
    let csv = stdout_of(&[
        "sweep",
        "examples/primary.toml",
        "--vary",
        "deputy.hours=0,3,6.5",
        "--vary",
        "admin.hours=0..20:5",
        "--vary",
        "tas.structure=flat,distributed",
        "-f",
        "csv",
    ]);
    let mut reader = csv::Reader::from_reader(csv.as_bytes());
    let header: Vec<String> = reader.headers().unwrap().iter().map(String::from).collect();
    assert_eq!(
        &header[..3],
        [
            "parameter_deputy.hours",
            "parameter_admin.hours",
            "parameter_tas.structure"
        ]
    );
    let combos: Vec<(String, String, String)> = reader
        .records()
        .map(|r| {
            let r = r.unwrap();
            (r[0].to_string(), r[1].to_string(), r[2].to_string())
        })
        .collect();
    assert_eq!(combos.len(), 3 * 5 * 2);
    assert_eq!(combos.iter().collect::<HashSet<_>>().len(), 30);
    assert_eq!(combos[0], ("0".into(), "0".into(), "flat".into()));
    assert_eq!(
        combos[29],
        ("6.5".into(), "20".into(), "distributed".into())
    );
}

#[test]
fn sweep_in_every_format() {
    let args = [
        "sweep",
        "examples/secondary.toml",
        "--vary",
        "admin.hours=0..30:10",
        "-f",
    ];
    let table = stdout_of(&[&args[..], &["table"]].concat());
    assert!(table.contains("admin.hours over 4 points"));
    assert!(
        !table.contains("Score by"),
        "no chart when the output is not a terminal"
    );
    assert_eq!(
        stdout_of(&[&args[..], &["ndjson"]].concat())
            .lines()
            .count(),
        4
    );
    assert!(stdout_of(&[&args[..], &["markdown"]].concat()).contains("| admin.hours | Band |"));
    insta::assert_snapshot!("sweep_csv", stdout_of(&[&args[..], &["csv"]].concat()));
    insta::assert_snapshot!("sweep_json", stdout_of(&[&args[..], &["json"]].concat()));
}

#[test]
fn bad_ranges_are_refused() {
    let cases = [
        ("senco.teaching-hours=0..20:0", "STEP must be more than 0"),
        ("senco.teaching-hours=20..0", "the range runs backwards"),
        ("senco.teaching-hours=0..lots", "END `lots` is not a number"),
        (
            "senco.teaching-hours=ten,twenty",
            "must be hours a week, not the text \"ten\"",
        ),
        ("school.pupils=100..200:0.5", "must be a whole number"),
        ("deputy.hours=0..70:10", "70 is outside 0 to 60"),
    ];
    for (vary, message) in cases {
        run(&["sweep", "examples/primary.toml", "--vary", vary])
            .assert()
            .code(2)
            .stdout("")
            .stderr(predicate::str::contains(message));
    }
    run(&[
        "sweep",
        "examples/primary.toml",
        "--vary",
        "deputy.hours=1..1000",
        "--vary",
        "admin.hours=1..1000",
        "--vary",
        "senco.senco-hours=1..2",
    ])
    .assert()
    .code(2)
    .stderr(predicate::str::contains("1000 x 1000 x 2 points"));
}

#[test]
fn sweep_fail_under_checks_every_point() {
    run(&[
        "sweep",
        "examples/special.toml",
        "--vary",
        "admin.hours=0,30",
        "--fail-under",
        "90",
    ])
    .assert()
    .code(1);
    run(&[
        "sweep",
        "examples/special.toml",
        "--vary",
        "admin.hours=25,30",
        "--fail-under",
        "90",
    ])
    .assert()
    .success();
}

/// `sensitivity` in every format (issue 14, SPEC section 8): the rows are
/// `key, low, high, score_low, score_high, swing, shortfall_low,
/// shortfall_high`, largest swing first; `--top` keeps the first N.
#[test]
fn sensitivity_in_every_format() {
    let json = json_of(&["sensitivity", "examples/primary.toml", "-f", "json"]);
    assert_eq!(json["schema_version"], 2);
    assert_eq!(json["score"], 25);
    let rows = json["rows"].as_array().unwrap();
    assert_eq!(rows.len(), 27);
    let swings: Vec<u64> = rows.iter().map(|r| r["swing"].as_u64().unwrap()).collect();
    assert!(swings.windows(2).all(|w| w[0] >= w[1]), "{swings:?}");
    for field in [
        "key",
        "low",
        "high",
        "score_low",
        "score_high",
        "shortfall_low",
        "shortfall_high",
    ] {
        assert!(rows[0].get(field).is_some(), "{field}");
    }
    let csv = stdout_of(&[
        "sensitivity",
        "examples/primary.toml",
        "--top",
        "3",
        "-f",
        "csv",
    ]);
    let mut lines = csv.lines();
    assert_eq!(
        lines.next(),
        Some(
            "source,key,basis,low,value,high,score_low,score_high,swing,shortfall_low,shortfall_high"
        )
    );
    assert_eq!(lines.count(), 3);
    let ndjson = stdout_of(&[
        "sensitivity",
        "examples/primary.toml",
        "--top",
        "5",
        "-f",
        "ndjson",
    ]);
    assert_eq!(ndjson.lines().count(), 5);
    for line in ndjson.lines() {
        let row: Value = serde_json::from_str(line).unwrap();
        assert_eq!(row["schema_version"], 2);
        assert_eq!(row["source"], "examples/primary.toml");
    }
    let table = stdout_of(&["sensitivity", "examples/primary.toml"]);
    assert!(table.contains(
        "The verdict, unmanageable, holds whichever single assumption is off by its full range."
    ));
    let markdown = stdout_of(&["sensitivity", "examples/special.toml", "-f", "markdown"]);
    assert!(
        markdown.contains("The verdict turns on ehcp-review-hours"),
        "{markdown}"
    );
}

/// With `--uncertainty`, compare and sweep give each row its 10th and 90th
/// percentile score (SPEC section 8), from the same draws for every row.
#[test]
fn compare_and_sweep_carry_the_plausible_range_when_asked() {
    let json = json_of(&[
        "compare",
        "examples/primary.toml",
        "--scenario",
        "d: deputy.hours=6.5",
        "--uncertainty",
        "--samples",
        "200",
        "-f",
        "json",
    ]);
    for row in json["scenarios"].as_array().unwrap() {
        let u = &row["assessment"]["uncertainty"];
        assert_eq!(u["samples"], 200);
        assert!(u["score_p10"].as_u64().unwrap() <= u["score_p90"].as_u64().unwrap());
    }
    let table = stdout_of(&[
        "compare",
        "examples/primary.toml",
        "--scenario",
        "d: deputy.hours=6.5",
        "--uncertainty",
    ]);
    assert!(table.contains("80% range"), "{table}");
    let csv = stdout_of(&[
        "sweep",
        "examples/primary.toml",
        "--vary",
        "deputy.hours=0,13",
        "--uncertainty",
        "--samples",
        "100",
        "-f",
        "csv",
    ]);
    assert!(
        csv.lines()
            .next()
            .unwrap()
            .ends_with(",score_p10,score_p90"),
        "{csv}"
    );
    assert_eq!(csv.lines().count(), 3);
    // Without it the columns are not there, and a sweep too large with
    // its draws is refused before it starts.
    let plain = stdout_of(&[
        "sweep",
        "examples/primary.toml",
        "--vary",
        "deputy.hours=0,13",
        "-f",
        "csv",
    ]);
    assert!(!plain.contains("score_p10"));
    let out = Command::cargo_bin("senco-plan")
        .unwrap()
        .args([
            "sweep",
            "examples/primary.toml",
            "--vary",
            "deputy.hours=0..60:0.5",
            "--vary",
            "admin.hours=0..60:0.5",
            "--uncertainty",
            "--samples",
            "10000",
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("a sweep with --uncertainty may take"));
}
