//! The model's invariants, on random valid profiles.

use chrono::NaiveDate;
use proptest::prelude::*;
use senco_plan::model::assess;
use senco_plan::options::{Sizing, change_cost};
use senco_plan::params::{Assumptions, Costs};
use senco_plan::profile::{
    Admin, Award, Deputy, Leadership, Phase, Profile, School, Senco, Structure, Tas, WholeSchool,
};

fn as_of() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 22).unwrap()
}

fn pick<T: Copy + std::fmt::Debug + 'static>(all: &'static [T]) -> impl Strategy<Value = T> {
    prop::sample::select(all)
}

fn school() -> impl Strategy<Value = School> {
    (1u32..3000, 0.0f64..0.5, 0.0f64..0.3)
        .prop_flat_map(|(pupils, sen_share, ehcp_share)| {
            let sen_support = (f64::from(pupils) * sen_share) as u32;
            let ehcp = ((f64::from(pupils) * ehcp_share) as u32).min(pupils - sen_support);
            (
                Just((pupils, sen_support, ehcp)),
                pick(Phase::ALL),
                prop::option::of(0u32..=pupils.min(30)),
                prop::option::of(1u32..200),
                prop::option::of(30.0f64..=52.0),
            )
        })
        .prop_map(
            |((pupils, sen_support, ehcp), phase, requests, teachers, weeks)| School {
                name: "Generated".to_string(),
                phase,
                pupils,
                sen_support,
                ehcp,
                ehc_requests_per_year: requests,
                teachers,
                weeks_per_year: weeks,
                urn: None,
                la: None,
            },
        )
}

fn senco() -> impl Strategy<Value = Senco> {
    (
        (0.1f64..=1.0, 0.0f64..=40.0, 0.0f64..=40.0, 0.0f64..=10.0),
        pick(Leadership::ALL),
        any::<bool>(),
        prop::option::of(pick(Award::ALL)),
        prop::option::of(0i64..5000),
        (
            prop::option::of(any::<bool>()),
            prop::option::of(any::<bool>()),
            prop::option::of(any::<bool>()),
        ),
    )
        .prop_map(
            |(
                (fte, teaching, senco_hours, other),
                leadership,
                qualified,
                award,
                days_ago,
                answers,
            )| Senco {
                contract_fte: fte,
                teaching_hours: teaching,
                senco_hours,
                other_duties_hours: other,
                leadership,
                qualified_teacher: qualified,
                award,
                appointed: days_ago.map(|d| as_of() - chrono::Duration::days(d)),
                headteacher_support: answers.0,
                strategic_vision: answers.1,
                influences_colleagues: answers.2,
            },
        )
}

fn tas() -> impl Strategy<Value = Option<Tas>> {
    prop::option::of((0u32..60).prop_flat_map(|count| {
        (
            pick(&[Structure::Flat, Structure::Distributed]),
            0u32..=count,
            0.0f64..=5.0,
        )
            .prop_map(move |(structure, lead_tas, lead_hours)| Tas {
                count,
                structure,
                lead_tas,
                lead_hours,
            })
    }))
}

prop_compose! {
    fn profile()(
        school in school(),
        senco in senco(),
        deputy in prop::option::of(0.0f64..=30.0),
        admin in prop::option::of(0.0f64..=30.0),
        tas in tas(),
        corporate in any::<bool>(),
    ) -> Profile {
        Profile {
            school,
            senco,
            deputy: deputy.map(|hours| Deputy { hours }),
            admin: admin.map(|hours| Admin { hours }),
            tas,
            whole_school: WholeSchool { corporate_responsibility: corporate },
            assumptions: Assumptions::default(),
            costs: Costs::default(),
            growth: senco_plan::params::Growth::default(),
            assumed: Vec::new(),
            read_as: Vec::new(),
            ranges: Vec::new(),
        }
    }
}

/// Each option's changed profile, fitted and at the fixed steps.
fn options_applied(p: &Profile) -> Vec<Profile> {
    let fixed = Sizing {
        fixed: true,
        ..Sizing::default()
    };
    [Sizing::default(), fixed]
        .into_iter()
        .flat_map(|sizing| {
            let settings = PlanSettings {
                sizing,
                ..PlanSettings::default()
            };
            Report::new("p", p, as_of(), &settings).options
        })
        .filter_map(|o| o.choice)
        .map(|c| apply_choice(p, &c))
        .collect()
}

fn score(p: &Profile) -> u32 {
    assess(p, as_of()).score
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]

    #[test]
    fn score_is_in_range_and_every_figure_is_finite(p in profile()) {
        let a = assess(&p, as_of());
        prop_assert!(a.score <= 100);
        for value in [
            a.coverage,
            a.demand_hours_per_week,
            a.capacity_hours_per_week,
            a.covered_hours_per_week,
            a.shortfall_hours_per_week,
            a.senco_week.directed_used,
            a.senco_week.effective,
            a.senco_week.extra_needed,
        ] {
            prop_assert!(value.is_finite() && value >= 0.0, "{value}");
        }
        prop_assert!(a.covered_hours_per_week <= a.demand_hours_per_week + 1e-9);
        prop_assert!(a.covered_hours_per_week <= a.capacity_hours_per_week + 1e-9);
        let by_task: f64 = a.tasks.iter().map(|t| t.covered.total() + t.uncovered).sum();
        prop_assert!((by_task - a.demand_hours_per_week).abs() < 1e-9);
        // Capacity is what the pools covered plus what they had no work for.
        let idle = a.idle.senco + a.idle.deputy + a.idle.admin + a.idle.lead_tas;
        prop_assert!((a.covered_hours_per_week + idle - a.capacity_hours_per_week).abs() < 1e-6);
        prop_assert!((a.senco_week.extra_needed - a.shortfall_hours_per_week).abs() < 1e-9);
    }

    #[test]
    fn more_deputy_admin_or_senco_hours_never_lower_the_score(p in profile(), extra in 0.0f64..=20.0) {
        let before = score(&p);
        let mut more = p.clone();
        if let Some(deputy) = more.deputy.as_mut() {
            deputy.hours += extra;
        }
        prop_assert!(score(&more) >= before, "deputy");
        let mut more = p.clone();
        more.admin = Some(Admin { hours: p.admin_hours() + extra });
        prop_assert!(score(&more) >= before, "admin");
        let mut more = p.clone();
        more.senco.senco_hours += extra;
        prop_assert!(score(&more) >= before, "senco-hours");
    }

    #[test]
    fn more_teaching_never_raises_the_score(p in profile(), extra in 0.0f64..=20.0) {
        let mut more = p.clone();
        more.senco.teaching_hours += extra;
        prop_assert!(score(&more) <= score(&p));
    }

    // `fit_single` halves its way along the teaching steps on this fact.
    #[test]
    fn moving_teaching_to_senco_time_never_lowers_the_score(p in profile(), steps in 0u32..=40) {
        let mut moved = p.clone();
        let hours = (f64::from(steps) * 0.5).min(p.senco.teaching_hours);
        moved.senco.teaching_hours -= hours;
        moved.senco.senco_hours += hours;
        prop_assert!(score(&moved) >= score(&p));
    }

    #[test]
    fn more_ehc_plans_never_lower_demand(p in profile(), extra in 0u32..50) {
        // Pupils on roll stay the same; only the number with a plan grows.
        let room = p.school.pupils - p.school.sen_support - p.school.ehcp;
        let mut more = p.clone();
        more.school.ehcp += extra.min(room);
        let before = assess(&p, as_of()).demand_hours_per_week;
        prop_assert!(assess(&more, as_of()).demand_hours_per_week >= before);
    }

    #[test]
    fn every_option_costs_something_or_nothing(p in profile()) {
        for changed in options_applied(&p) {
            let cost = change_cost(&p, &changed);
            prop_assert!(cost.recurring.is_finite() && cost.recurring >= 0.0, "{cost:?}");
            prop_assert!(cost.one_off.is_finite() && cost.one_off >= 0.0, "{cost:?}");
        }
    }
}

use senco_plan::params::{ASSUMPTIONS, COSTS};
use senco_plan::plan::{PlanSettings, apply_choice, plan};
use senco_plan::profile::{Draft, Override, flatten, parse_profile};
use senco_plan::report::Report;
use senco_plan::uncertainty::Draws;

/// Any assumptions and costs within their limits, bands in order.
fn tables() -> impl Strategy<Value = (Assumptions, Costs)> {
    let a: Vec<_> = ASSUMPTIONS.iter().map(|p| p.min..=p.max).collect();
    let c: Vec<_> = COSTS.iter().map(|p| p.min..=p.max).collect();
    (a, c).prop_map(|(a_values, c_values)| {
        let mut assumptions = Assumptions::default();
        for (p, v) in ASSUMPTIONS.iter().zip(a_values) {
            (p.set)(&mut assumptions, v);
        }
        let mut bands = [
            assumptions.band_manageable,
            assumptions.band_stretched,
            assumptions.band_overloaded,
        ];
        bands.sort_by(|x, y| y.total_cmp(x));
        assumptions.band_manageable = bands[0];
        assumptions.band_stretched = bands[1];
        assumptions.band_overloaded = bands[2];
        let mut costs = Costs::default();
        for (p, v) in COSTS.iter().zip(c_values) {
            (p.set)(&mut costs, v);
        }
        (assumptions, costs)
    })
}

/// Writes a profile back through `--set` edits on an empty profile: what
/// the reader makes of it is what validation says of it.
fn revalidate(
    p: &Profile,
) -> Result<std::collections::BTreeMap<String, senco_plan::profile::Scalar>, String> {
    let edits: Vec<Override> = flatten(p)
        .iter()
        .map(|(k, v)| Override::from_text(k, &v.to_string()))
        .collect::<Result<_, _>>()?;
    Draft::roster_row("check")
        .build(&edits)
        .map(|r| flatten(&r))
        .map_err(|e| e.to_string())
}

fn finite(values: &[f64]) -> bool {
    values.iter().all(|v| v.is_finite())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn every_figure_is_finite_whatever_the_assumptions(mut p in profile(), (a, c) in tables()) {
        p.assumptions = a;
        p.costs = c;
        let r = Report::new("p", &p, as_of(), &PlanSettings::default());
        let x = &r.assessment;
        prop_assert!(x.score <= 100);
        prop_assert!(finite(&[
            x.coverage, x.demand_hours_per_week, x.capacity_hours_per_week,
            x.covered_hours_per_week, x.shortfall_hours_per_week,
            x.senco_week.directed_used, x.senco_week.effective, x.senco_week.extra_needed,
            x.pools.senco, x.pools.deputy, x.pools.admin, x.pools.lead_tas,
        ]));
        for t in &x.tasks {
            prop_assert!(finite(&[t.hours_per_week, t.uncovered, t.covered.total()]));
        }
        for o in &r.options {
            let optional = [o.shortfall_hours_per_week, o.shortfall_delta, o.annual_cost, o.one_off_cost, o.cost_per_year, o.cost_per_weekly_hour_gained];
            prop_assert!(optional.iter().flatten().all(|v| v.is_finite()), "{o:?}");
        }
    }

    #[test]
    fn every_option_gives_a_profile_that_validates(p in profile()) {
        prop_assert_eq!(revalidate(&p), Ok(flatten(&p)));
        for changed in options_applied(&p) {
            prop_assert_eq!(revalidate(&changed), Ok(flatten(&changed)));
        }
    }

    #[test]
    fn json_output_round_trips(p in profile()) {
        let r = Report::new("p", &p, as_of(), &PlanSettings::default());
        let text = serde_json::to_string(&r).unwrap();
        let value: serde_json::Value = serde_json::from_str(&text).unwrap();
        let again: serde_json::Value = serde_json::from_str(&serde_json::to_string(&value).unwrap()).unwrap();
        prop_assert_eq!(&again, &value);
        prop_assert_eq!(serde_json::to_value(&r).unwrap(), value.clone());
        prop_assert_eq!(value["assessment"]["score"].as_u64(), Some(u64::from(r.assessment.score)));
        prop_assert!(value["assessment"]["demand_hours_per_week"].is_number());
        prop_assert!(value["assessment"]["coverage"].is_number());
    }
}

/// `--set KEY=VALUE` and editing the line in the file give the same profile.
#[test]
fn set_equals_editing_the_file() {
    let text = include_str!("../examples/primary.toml");
    let lines = [
        ("senco.teaching-hours", "teaching-hours = 12.5"),
        ("senco.senco-hours", "senco-hours = 6.5"),
        ("school.pupils", "pupils = 420"),
        ("school.sen-support", "sen-support = 55"),
        ("tas.count", "count = 14"),
        ("senco.leadership", "leadership = \"slt\""),
    ];
    let mut runner = proptest::test_runner::TestRunner::default();
    runner
        .run(
            &(0..lines.len(), 0u32..80, any::<bool>()),
            |(which, number, fraction)| {
                let (key, line) = lines[which];
                let value = if key == "senco.leadership" {
                    ["slt", "middle", "associate-slt", "chief"][number as usize % 4].to_string()
                } else if fraction {
                    format!("{}.5", number)
                } else {
                    number.to_string()
                };
                let (table_key, _) = line.split_once(" = ").unwrap();
                let literal = if key == "senco.leadership" {
                    format!("\"{value}\"")
                } else {
                    value.clone()
                };
                let edited = text.replacen(line, &format!("{table_key} = {literal}"), 1);
                let by_set = parse_profile(
                    "t",
                    text,
                    &[Override::parse(&format!("{key}={value}")).unwrap()],
                );
                let by_file = parse_profile("t", &edited, &[]);
                prop_assert_eq!(by_set.is_ok(), by_file.is_ok());
                if let (Ok(a), Ok(b)) = (&by_set, &by_file) {
                    prop_assert_eq!(a, b);
                }
                if let (Err(a), Err(b)) = (by_set, by_file) {
                    let messages = |e: senco_plan::profile::ProfileError| {
                        e.problems
                            .into_iter()
                            .map(|p| p.message)
                            .collect::<Vec<_>>()
                    };
                    prop_assert_eq!(messages(a), messages(b));
                }
                Ok(())
            },
        )
        .unwrap();
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(40))]

    /// The best plan is never beaten by a plan of one remedy alone.
    #[test]
    fn no_single_remedy_beats_the_best_plan(p in profile(), target in 40u32..=100) {
        let settings = PlanSettings {
            target,
            max_deputy_hours: 4.0,
            max_admin_hours: 4.0,
            keep_teaching: (p.senco.teaching_hours - 4.0).max(0.0),
            ..PlanSettings::default()
        };
        if let Ok(result) = plan(&p, "p", as_of(), &settings, &Draws::new(20, 1)) {
            if let Some(best) = result.plans.first() {
                prop_assert!(best.score >= target);
                for single in result.single_remedies.iter().filter(|s| s.score.is_some_and(|x| x >= target)) {
                    let cost = single.cost_per_year.unwrap_or(f64::INFINITY);
                    prop_assert!(cost >= best.cost_per_year - 1e-6, "{}", single.option);
                }
            } else {
                // The leadership step is no plan remedy: it never raises the score.
                prop_assert!(result
                    .single_remedies
                    .iter()
                    .all(|s| s.score.is_none_or(|x| x < target || x <= result.baseline.score)));
            }
        }
    }
}

/// Lines as people type them, and worse: known keys and tables, form
/// answers, units, words, stray quotes and marks.
fn typed_line() -> impl Strategy<Value = String> {
    let keys = prop::sample::select(vec![
        "pupils",
        "sen-support",
        "ehcp",
        "name",
        "phase",
        "teaching-hours",
        "senco-hours",
        "contract-fte",
        "qualified-teacher",
        "appointed",
        "award",
        "leadership",
        "hours",
        "count",
        "SEN support",
        "teaching hours",
        "x",
    ]);
    let values = prop::sample::select(vec![
        "1,305",
        "1,2,3",
        "yes",
        "Yes",
        "80%",
        "4 days",
        "0.8 FTE",
        "15 hours",
        "6h30",
        "7,5",
        "7½",
        "£3.2k",
        "1.3 thousand",
        "three hundred and five",
        "one hundred hundred",
        "five five",
        "01/09/2025",
        "31/02/2025",
        "1st September 2025",
        "2025/9/1",
        "\"unclosed",
        "\u{201c}curly\u{201d}",
        "\"a\",",
        "primary",
        "SLT",
        "",
        "99999999999999999999",
        "1e308",
        "nan",
        "-0",
        "[",
        "{",
        "\"\"\"",
    ]);
    let table = prop::sample::select(vec![
        "[school]", "[senco]", "[SENCO]", "[tas]", "[deputy", "senco", "[[x]]",
    ]);
    prop_oneof![
        (keys.clone(), values.clone()).prop_map(|(k, v)| format!("{k} = {v}")),
        (keys, values).prop_map(|(k, v)| format!("{k}: {v}")),
        table.prop_map(str::to_string),
        "\\PC{0,30}",
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    /// Whatever is typed, reading it never panics, and every problem it
    /// reports points at a line of the file (or just past its end, where
    /// an unclosed string or table runs out).
    #[test]
    fn any_typed_profile_is_read_or_refused_with_lines_that_exist(
        lines in prop::collection::vec(typed_line(), 0..25)
    ) {
        let text = lines.join("\n");
        let lines_in_file = text.lines().count().max(1);
        let problems = match Draft::parse("typed.toml", &text).and_then(|d| d.build(&[])) {
            Ok(_) => Vec::new(),
            Err(e) => e.problems,
        };
        for p in problems {
            prop_assert!(p.line.is_none_or(|l| l >= 1 && l <= lines_in_file + 1), "{p}");
            prop_assert!(!p.message.is_empty());
        }
    }
}
