//! `senco-plan forecast` through the real binary (SPEC section 10).

use assert_cmd::Command;
use predicates::prelude::*;
use serde_json::Value;

fn senco() -> Command {
    let mut cmd = Command::cargo_bin("senco-plan").unwrap();
    cmd.env("NO_COLOR", "1");
    cmd
}

fn forecast_json(args: &[&str]) -> (Value, i32) {
    let out = senco()
        .arg("forecast")
        .args(args)
        .args(["--as-of", "2026-11-22", "-f", "json"])
        .output()
        .unwrap();
    let code = out.status.code().unwrap_or(-1);
    (serde_json::from_slice(&out.stdout).unwrap(), code)
}

/// Each year's score with today's staffing is `assess` of the school with
/// that year's counts set; every staged plan keeps the year before's
/// changes; the exit code says whether every year reaches the target.
#[test]
fn each_year_is_assess_of_the_projected_school_for_every_example() {
    for example in [
        "primary",
        "secondary",
        "special",
        "all-through",
        "small-primary",
        "ash-primary",
    ] {
        let file = format!("examples/{example}.toml");
        let (f, code) = forecast_json(&[&file, "--years", "3"]);
        let rows = f["rows"].as_array().unwrap();
        assert_eq!(rows.len(), 4, "{example}");
        assert_eq!(code, if f["feasible"] == true { 0 } else { 1 }, "{example}");
        let mut total = 0.0;
        for row in rows {
            let set = |key: &str, field: &str| format!("school.{key}={}", row[field]);
            let out = senco()
                .args(["assess", &file, "--as-of", "2026-11-22", "-f", "json"])
                .args(["--set", &set("pupils", "pupils")])
                .args(["--set", &set("sen-support", "sen_support")])
                .args(["--set", &set("ehcp", "ehcp")])
                .args([
                    "--set",
                    &set("ehc-requests-per-year", "ehc_requests_per_year"),
                ])
                .args(["--set", &set("teachers", "teachers")])
                .assert()
                .success();
            let assessed: Value = serde_json::from_slice(&out.get_output().stdout).unwrap();
            assert_eq!(
                assessed["assessment"]["score"], row["score"],
                "{example} year {}",
                row["year"]
            );
            total += row["plan"]["recurring_cost"].as_f64().unwrap()
                + row["plan"]["one_off_cost"].as_f64().unwrap();
            assert_eq!(row["plan"]["running_total"].as_f64().unwrap(), total);
        }
        assert!(
            (f["total_cost"].as_f64().unwrap() - total).abs() <= 1.0,
            "{example}"
        );
    }
}

/// Growth comes from [growth] or --set; a year the grid cannot reach the
/// target says so with its best score and exits 1.
#[test]
fn growth_and_years_that_cannot_be_reached() {
    let (f, _) = forecast_json(&[
        "examples/primary.toml",
        "--set",
        "growth.ehcp=0.5",
        "--years",
        "2",
    ]);
    // 12 x 1.5 = 18; 12 x 2.25 = 27.
    let plans: Vec<&Value> = f["rows"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| &r["ehcp"])
        .collect();
    assert_eq!(
        plans,
        [&Value::from(12), &Value::from(18), &Value::from(27)]
    );
    assert_eq!(f["growth"]["ehcp"], 0.5);

    let stuck = [
        "examples/primary.toml",
        "--max-deputy-hours",
        "0",
        "--max-admin-hours",
        "0",
        "--no-corporate",
        "--keep-teaching",
        "12.5",
        "--max-lead-hours",
        "0",
        "--as-of",
        "2026-11-22",
    ];
    senco()
        .arg("forecast")
        .args(stuck)
        .assert()
        .code(1)
        .stdout(predicate::str::contains(
            "No plan on the grid reaches 95 in year 0 (best 25)",
        ))
        .stdout(predicate::str::contains("25 (short of 95)"));
    senco()
        .args(["forecast", "examples/primary.toml", "--years", "11"])
        .assert()
        .code(2);
    // A forecast has staged plans only, no single-remedy rows to size: a
    // stated size is refused rather than silently ignored, and its help
    // does not offer them.
    for sizing in [
        &["--deputy-hours", "2"][..],
        &["--fewer-teaching-hours", "1"],
        &["--admin-hours", "3"],
        &["--sizes", "fixed"],
    ] {
        senco()
            .args(["forecast", "examples/primary.toml"])
            .args(sizing)
            .assert()
            .code(2)
            .stdout("")
            .stderr(predicate::str::contains(format!("error: {}", sizing[0])))
            .stderr(predicate::str::contains(
                "a forecast sizes whole plans year by year, so leave it out",
            ))
            .stderr(predicate::str::contains("tip").not());
    }
    senco()
        .args(["forecast", "--help"])
        .assert()
        .success()
        .stdout(predicate::str::contains("--max-deputy-hours"))
        .stdout(predicate::str::contains("--deputy-hours ").not())
        .stdout(predicate::str::contains("--sizes").not());
}

#[test]
fn every_format_carries_the_years() {
    let out = senco()
        .args([
            "forecast",
            "examples/secondary.toml",
            "--as-of",
            "2026-11-22",
            "-f",
            "csv",
        ])
        .assert()
        .success();
    let text = String::from_utf8(out.get_output().stdout.clone()).unwrap();
    let mut lines = text.lines();
    assert_eq!(
        lines.next(),
        Some(
            "source,scenario,year,pupils,sen_support,ehcp,score,band,shortfall,plan_score,plan_band,reaches_target,changes,recurring_cost,one_off_cost,running_total"
        )
    );
    assert_eq!(lines.count(), 4);
    let out = senco()
        .args([
            "forecast",
            "examples/secondary.toml",
            "--as-of",
            "2026-11-22",
            "-f",
            "markdown",
        ])
        .assert()
        .success();
    let text = String::from_utf8(out.get_output().stdout.clone()).unwrap();
    assert!(
        text.contains("With today's staffing the role stays overloaded over the 3 years."),
        "{text}"
    );
    assert!(
        text.contains("the profile's \\[growth\\]"),
        "Markdown escapes brackets: {text}"
    );
    // Riverside stays overloaded for three years and tips in the fourth.
    let (f, _) = forecast_json(&["examples/secondary.toml"]);
    assert_eq!(f["years"], 3);
    assert_eq!(f["first_worse_year"], Value::Null);
    let (f, _) = forecast_json(&["examples/secondary.toml", "--years", "5"]);
    assert_eq!(f["first_worse_year"], 4);
}

/// The policy scenario scales the school's own rates from year 1: year 0
/// is today's school; year 1's score is `assess` of that year's counts with
/// the rates scaled on the command line.
#[test]
fn a_policy_scenario_applies_from_year_one() {
    let (f, _) = forecast_json(&[
        "examples/primary.toml",
        "--scenario-file",
        "scenarios/policy-isp-2026.toml",
    ]);
    let all = f.as_array().unwrap();
    assert_eq!(all.len(), 3);
    let (base, isp) = (&all[0]["rows"], &all[1]["rows"]);
    assert_eq!(all[1]["scenario"], "isp");
    assert_eq!(base[0], isp[0]);
    let year = &isp[1];
    let set = |key: &str, field: &str| format!("school.{key}={}", year[field]);
    let out = senco()
        .args([
            "assess",
            "examples/primary.toml",
            "--as-of",
            "2026-11-22",
            "-f",
            "json",
        ])
        .args([
            "--set",
            &set("sen-support", "sen_support"),
            "--set",
            &set("ehcp", "ehcp"),
        ])
        .args([
            "--set",
            &set("ehc-requests-per-year", "ehc_requests_per_year"),
        ])
        .args([
            "--set",
            "assumptions.sen-support-hours*=4/3",
            "--set",
            "assumptions.agency-hours*=1.25",
        ])
        .assert()
        .success();
    let assessed: Value = serde_json::from_slice(&out.get_output().stdout).unwrap();
    assert_eq!(assessed["assessment"]["score"], year["score"]);
    assert!(year["score"].as_u64() < base[1]["score"].as_u64());
}

/// Every figure of the README's table of what the ISP scenarios do to each
/// example school, from `compare` and `forecast`.
#[test]
fn the_readme_policy_table_is_what_the_binary_says() {
    let readme = std::fs::read_to_string("README.md").unwrap();
    let table = readme
        .split("### Policy: Individual Support Plans")
        .nth(1)
        .and_then(|rest| rest.split("\n## ").next())
        .unwrap();
    let rows: Vec<&str> = table
        .lines()
        .filter(|l| l.starts_with("| `examples/"))
        .collect();
    assert_eq!(rows.len(), 6);
    for row in rows {
        let cells: Vec<&str> = row
            .split('|')
            .map(str::trim)
            .filter(|c| !c.is_empty())
            .collect();
        let file = cells[0].trim_matches('`');
        let scenario_file = ["--scenario-file", "scenarios/policy-isp-2026.toml"];
        let out = senco()
            .args(["compare", file, "--as-of", "2026-11-22", "-f", "json"])
            .args(scenario_file)
            .assert()
            .success();
        let compared: Value = serde_json::from_slice(&out.get_output().stdout).unwrap();
        // The baseline first, then each scenario.
        let scores: Vec<String> = compared["scenarios"]
            .as_array()
            .unwrap()
            .iter()
            .map(|s| s["assessment"]["score"].to_string())
            .collect();
        assert_eq!(scores, cells[1..4], "{file}");
        let (f, _) = forecast_json(&[file, scenario_file[0], scenario_file[1]]);
        let costs: Vec<String> = f
            .as_array()
            .unwrap()
            .iter()
            .map(|x| {
                let pounds = x["total_cost"].as_u64().unwrap();
                let short = if x["feasible"] == true {
                    ""
                } else {
                    " (falls short)"
                };
                format!("£{}{short}", senco_plan::round::count(pounds))
            })
            .collect();
        assert_eq!(costs, cells[4..7], "{file}");
    }
}

/// A falling roll is a negative rate; training paid for once is not
/// charged again against a later year's budget; the budget is said.
#[test]
fn falling_rolls_and_budgets() {
    let (f, code) = forecast_json(&["examples/secondary.toml", "--set", "growth.pupils=-0.01"]);
    assert_eq!(code, 0);
    // 1,100 x 0.99 = 1,089; x 0.99^2 = 1,078.11 -> 1,078.
    let pupils: Vec<u64> = f["rows"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["pupils"].as_u64().unwrap())
        .collect();
    assert_eq!(pupils, [1100, 1089, 1078, 1067]);
    let args = [
        "examples/secondary.toml",
        "--set",
        "school.sen-support=400",
        "--set",
        "costs.corporate-training-hours=1",
        "--set",
        "growth.pupils=0.1",
        "--years",
        "2",
        "--budget",
        "74000",
    ];
    let (f, _) = forecast_json(&args);
    let rows = f["rows"].as_array().unwrap();
    assert!(rows[0]["plan"]["one_off_cost"].as_f64().unwrap() > 0.0);
    // Year 1 costs 72,246 a year with the training already paid: within
    // 74,000, so it reaches the target.
    assert_eq!(rows[1]["plan"]["reaches_target"], true);
    assert_eq!(rows[1]["plan"]["one_off_cost"], 0);
    assert_eq!(f["budget"], 74000);
    senco()
        .arg("forecast")
        .args(args)
        .args(["--as-of", "2026-11-22"])
        .assert()
        .stdout(predicate::str::contains(
            "to reach 95 within £74,000 a year",
        ));
}

/// Many schools: each record carries its forecast in a line, the same as
/// `forecast` gives; the summary counts the schools that get worse and
/// adds up every staged plan; CSV heads its forecast columns.
#[test]
fn a_batch_carries_each_schools_forecast_and_sums_them() {
    let out = senco()
        .args([
            "assess",
            "examples/",
            "--forecast",
            "5",
            "--as-of",
            "2026-11-22",
            "-f",
            "ndjson",
        ])
        .assert()
        .success();
    let text = String::from_utf8(out.get_output().stdout.clone()).unwrap();
    let mut total = 0.0;
    let (mut worse, mut short) = (0, 0);
    for line in text.lines() {
        let record: Value = serde_json::from_str(line).unwrap();
        let file = record["source"].as_str().unwrap();
        let (alone, _) = forecast_json(&[file, "--years", "5"]);
        let summary = &record["forecast"];
        assert_eq!(summary["years"], 5);
        assert_eq!(summary["total_cost"], alone["total_cost"], "{file}");
        assert_eq!(
            summary["first_worse_year"], alone["first_worse_year"],
            "{file}"
        );
        total += summary["total_cost"].as_f64().unwrap();
        worse += usize::from(!summary["first_worse_year"].is_null());
        short += usize::from(summary["feasible"] == false);
    }
    // Riverside tips in year 4 of 5.
    assert!(worse >= 1);
    let out = senco()
        .args([
            "assess",
            "examples/",
            "--forecast",
            "5",
            "--as-of",
            "2026-11-22",
            "--summary-only",
            "-f",
            "json",
        ])
        .assert()
        .success();
    let summary: Value = serde_json::from_slice(&out.get_output().stdout).unwrap();
    assert_eq!(summary["forecast_years"], 5);
    assert_eq!(summary["worse_within_years"], worse);
    assert_eq!(summary["forecast_total_cost"].as_f64().unwrap(), total);
    // The all-through school's staged plan falls short (its deputy is
    // full time by year 3): the summary counts it, and says so rather than
    // call the total the cost of keeping every school at the target.
    assert!(short >= 1);
    assert_eq!(summary["forecast_short"], short);
    senco()
        .args(["assess", "examples/", "--forecast", "5", "--summary-only"])
        .args(["--as-of", "2026-11-22"])
        .assert()
        .success()
        .stdout(predicate::str::contains(format!("{short} of them")))
        .stdout(predicate::str::contains("short of the target in some year"))
        .stdout(predicate::str::contains("keeping every school at the target").not());
    senco()
        .args(["assess", "examples/", "--forecast", "5", "--summary-only"])
        .args(["--as-of", "2026-11-22", "-f", "csv"])
        .assert()
        .success()
        .stdout(predicate::str::contains(
            "forecast_total_cost,forecast_short\n",
        ));
    let out = senco()
        .args([
            "assess",
            "examples/",
            "--forecast",
            "5",
            "--as-of",
            "2026-11-22",
            "-f",
            "csv",
        ])
        .assert()
        .success();
    let text = String::from_utf8(out.get_output().stdout.clone()).unwrap();
    assert!(
        text.lines()
            .next()
            .unwrap()
            .ends_with(",forecast_years,first_worse_year,forecast_feasible,forecast_total_cost")
    );
    assert!(text.lines().skip(1).all(|l| l.contains(",5,")));
    // Without --forecast, no forecast columns or fields.
    let out = senco()
        .args(["assess", "examples/", "--as-of", "2026-11-22", "-f", "csv"])
        .assert()
        .success();
    let text = String::from_utf8(out.get_output().stdout.clone()).unwrap();
    assert!(text.lines().next().unwrap().ends_with(",assumed"));
}
