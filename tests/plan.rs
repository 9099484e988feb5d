//! `plan` against plain brute force, and through the real binary.

use assert_cmd::Command;
use chrono::NaiveDate;
use predicates::prelude::*;
use senco_plan::model::assess;
use senco_plan::options::change_cost;
use senco_plan::plan::{Choice, Grid, PlanSettings, apply_choice, plan};
use senco_plan::profile::{Override, Profile, parse_profile};
use serde_json::Value;

fn as_of() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 22).unwrap()
}

fn example(name: &str, edits: &[&str]) -> Profile {
    let text = std::fs::read_to_string(format!("examples/{name}.toml")).unwrap();
    let edits: Vec<Override> = edits.iter().map(|e| Override::parse(e).unwrap()).collect();
    parse_profile(name, &text, &edits, as_of()).unwrap()
}

/// The cheapest plan reaching the target, trying every point of the grid.
fn brute_force(base: &Profile, s: &PlanSettings) -> Option<(f64, u32)> {
    let g = Grid::new(base, s);
    let mut best: Option<(f64, u32)> = None;
    for teaching_moved in 0..=g.teaching {
        for deputy_added in 0..=g.deputy {
            for admin_added in 0..=g.admin {
                for lead_tas_added in 0..=g.lead_tas {
                    for corporate in [false, true] {
                        if corporate && !g.corporate {
                            continue;
                        }
                        let c = Choice {
                            teaching_moved,
                            deputy_added,
                            admin_added,
                            lead_tas_added,
                            corporate,
                        };
                        let p = apply_choice(base, &c);
                        let score = assess(&p, as_of()).score;
                        let cost = change_cost(base, &p);
                        if score >= s.target
                            && s.budget.is_none_or(|b| cost <= b + 1e-6)
                            && best.is_none_or(|(c, _)| cost < c - 1e-6)
                        {
                            best = Some((cost, score));
                        }
                    }
                }
            }
        }
    }
    best
}

#[test]
fn the_search_finds_the_brute_force_optimum() {
    let cases: Vec<(Profile, PlanSettings)> = vec![
        (
            example("primary", &["tas.count=4"]),
            PlanSettings {
                target: 80,
                max_deputy_hours: 8.0,
                max_admin_hours: 6.0,
                keep_teaching: 7.5,
                ..PlanSettings::default()
            },
        ),
        (
            example("primary", &["tas.count=3"]),
            PlanSettings {
                target: 60,
                max_deputy_hours: 5.0,
                max_admin_hours: 5.0,
                keep_teaching: 9.0,
                ..PlanSettings::default()
            },
        ),
        (
            example("small-primary", &[]),
            PlanSettings {
                target: 95,
                max_deputy_hours: 6.0,
                max_admin_hours: 4.0,
                keep_teaching: 12.0,
                ..PlanSettings::default()
            },
        ),
        (
            example("secondary", &["tas.count=3"]),
            PlanSettings {
                target: 90,
                max_deputy_hours: 6.0,
                max_admin_hours: 6.0,
                keep_teaching: 4.0,
                ..PlanSettings::default()
            },
        ),
        (
            example("secondary", &["tas.count=2"]),
            PlanSettings {
                target: 85,
                budget: Some(12_000.0),
                max_deputy_hours: 6.0,
                max_admin_hours: 5.0,
                keep_teaching: 5.0,
                ..PlanSettings::default()
            },
        ),
        (
            example("special", &["tas.count=8", "tas.lead-tas=1"]),
            PlanSettings {
                target: 100,
                max_deputy_hours: 6.0,
                max_admin_hours: 6.0,
                ..PlanSettings::default()
            },
        ),
    ];
    for (i, (base, settings)) in cases.iter().enumerate() {
        let result = plan(base, "t", as_of(), settings).unwrap();
        let expected = brute_force(base, settings);
        match (result.plans.first(), expected) {
            (Some(best), Some((cost, _))) => {
                assert!(
                    (best.annual_cost - cost).abs() < 1e-6,
                    "case {i}: {} != {cost}",
                    best.annual_cost
                );
                assert!(best.score >= settings.target, "case {i}");
            }
            (None, None) => assert!(!result.feasible),
            (got, want) => panic!("case {i}: search {got:?}, brute force {want:?}"),
        }
    }
}

#[test]
fn plans_respect_the_limits_and_beat_every_single_remedy() {
    let base = example("secondary", &[]);
    let settings = PlanSettings {
        target: 90,
        keep_teaching: 4.0,
        max_deputy_hours: 10.0,
        max_admin_hours: 8.0,
        allow_corporate: false,
        top: 10,
        ..PlanSettings::default()
    };
    let result = plan(&base, "t", as_of(), &settings).unwrap();
    assert!(result.feasible);
    for p in &result.plans {
        let profile = apply_choice(&base, &p.choice);
        assert!(profile.senco.teaching_hours >= 4.0);
        assert!(profile.deputy_hours() - base.deputy_hours() <= 10.0);
        assert!(profile.admin_hours() - base.admin_hours() <= 8.0);
        assert!(!profile.whole_school.corporate_responsibility);
        assert!(p.score >= 90);
    }
    let costs: Vec<f64> = result.plans.iter().map(|p| p.annual_cost).collect();
    assert!(costs.windows(2).all(|w| w[0] <= w[1] + 1e-9), "{costs:?}");
    let best = result.plans[0].annual_cost;
    for single in result.single_remedies.iter().filter(|s| s.reaches_target) {
        assert!(
            single.plan.as_ref().unwrap().annual_cost >= best - 1e-6,
            "{}",
            single.remedy
        );
    }
}

fn senco(args: &[&str]) -> Command {
    let mut cmd = Command::cargo_bin("senco-plan").unwrap();
    cmd.args(args).args(["--as-of", "2026-11-22"]);
    cmd
}

fn json_of(args: &[&str]) -> Value {
    let out = senco(args).output().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap()
}

#[test]
fn every_plans_changes_reproduce_its_score_through_assess_set() {
    for example in ["primary", "secondary", "all-through"] {
        let file = format!("examples/{example}.toml");
        let result = json_of(&[
            "plan",
            &file,
            "--target",
            "90",
            "--top",
            "3",
            "--frontier",
            "-f",
            "json",
        ]);
        let mut plans: Vec<&Value> = result["plans"].as_array().unwrap().iter().collect();
        plans.extend(result["frontier"].as_array().unwrap().iter().take(5));
        assert!(!plans.is_empty(), "{example}");
        for p in plans {
            let mut args = vec![
                "assess".to_string(),
                file.clone(),
                "-f".into(),
                "json".into(),
            ];
            for (key, value) in p["changes"].as_object().unwrap() {
                let value = match value {
                    Value::String(s) => s.clone(),
                    other => other.to_string(),
                };
                args.push("--set".into());
                args.push(format!("{key}={value}"));
            }
            let args: Vec<&str> = args.iter().map(String::as_str).collect();
            let assessed = json_of(&args);
            assert_eq!(
                assessed["assessment"]["score"], p["score"],
                "{example}: {args:?}"
            );
        }
    }
}

#[test]
fn plan_json_has_the_documented_shape() {
    let json = json_of(&["plan", "examples/primary.toml", "-f", "json"]);
    assert_eq!(json["schema_version"], 1);
    assert_eq!(json["target"], 95);
    assert_eq!(json["budget"], Value::Null);
    assert_eq!(json["feasible"], true);
    let first = &json["plans"][0];
    assert_eq!(first["rank"], 1);
    assert!(first["annual_cost"].as_i64().unwrap() > 0);
    assert_eq!(first["band"], "manageable");
    assert_eq!(first["changes"]["senco.teaching-hours"], 0.5);
    assert_eq!(first["changes"]["senco.senco-hours"], 18.5);
    assert_eq!(json["single_remedies"].as_array().unwrap().len(), 5);
}

#[test]
fn a_budget_too_small_exits_one_with_the_best_it_can_do() {
    senco(&["plan", "examples/primary.toml", "--budget", "5000"])
        .assert()
        .code(1)
        .stdout(predicate::str::contains(
            "No plan within £5,000 a year reaches 95",
        ))
        .stdout(predicate::str::contains("The best within £5,000 a year:"));
    let out = senco(&[
        "plan",
        "examples/primary.toml",
        "--budget",
        "5000",
        "-f",
        "json",
    ])
    .output()
    .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let json: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(json["feasible"], false);
    assert!(json["best_within_budget"]["annual_cost"].as_i64().unwrap() <= 5000);
}

#[test]
fn target_band_and_limits_from_the_command_line() {
    let json = json_of(&[
        "plan",
        "examples/primary.toml",
        "--target-band",
        "stretched",
        "--keep-teaching",
        "10",
        "--max-admin-hours",
        "2",
        "--no-corporate",
        "-f",
        "json",
    ]);
    assert_eq!(json["target"], 80);
    for p in json["plans"].as_array().unwrap() {
        let changes = &p["changes"];
        assert!(changes["senco.teaching-hours"].as_f64().unwrap_or(12.5) >= 10.0);
        assert!(changes["admin.hours"].as_f64().unwrap_or(0.0) <= 2.0);
        assert!(
            changes
                .get("whole-school.corporate-responsibility")
                .is_none()
        );
    }
    senco(&[
        "plan",
        "examples/primary.toml",
        "--target",
        "90",
        "--target-band",
        "stretched",
    ])
    .assert()
    .code(2);
    senco(&["plan", "examples/primary.toml", "--budget", "lots"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("not an amount of pounds"));
}

#[test]
fn plan_table_snapshot() {
    let out = senco(&["plan", "examples/secondary.toml", "--top", "3"])
        .output()
        .unwrap();
    insta::assert_snapshot!(String::from_utf8(out.stdout).unwrap());
}
