//! Times `plan` on a realistic grid (teaching 20 h, 15 TAs, deputy and
//! admin up to 32.5 h) and reports model evaluations per second; then
//! `plan --confidence` on every shipped example (SPEC section 8's target:
//! under 2 s each with the default 1,000 draws).
//! Run with `cargo bench --bench plan`.

use chrono::NaiveDate;
use senco_plan::plan::{PlanSettings, plan};
use senco_plan::profile::{Override, Profile, parse_profile};
use senco_plan::uncertainty::{DEFAULT_SAMPLES, DEFAULT_SEED, Draws};
use std::time::{Duration, Instant};

/// The median time of `runs` plans, and the evaluations one made.
fn median_of(
    runs: usize,
    profile: &Profile,
    settings: &PlanSettings,
    draws: &Draws,
) -> (Duration, u64) {
    let as_of = NaiveDate::from_ymd_opt(2026, 11, 22).expect("a valid date");
    let mut times: Vec<Duration> = Vec::new();
    let mut evaluated = 0;
    for _ in 0..runs {
        let start = Instant::now();
        let result = plan(profile, "bench", as_of, settings, draws).expect("grid within limits");
        times.push(start.elapsed());
        evaluated = result.evaluated;
        std::hint::black_box(result);
    }
    times.sort();
    (times[times.len() / 2], evaluated)
}

fn main() {
    let text = include_str!("../examples/primary.toml");
    let edits: Vec<Override> = ["senco.teaching-hours=20", "tas.count=15"]
        .iter()
        .map(|e| Override::parse(e).expect("a valid edit"))
        .collect();
    let profile = parse_profile("primary.toml", text, &edits).expect("a valid profile");
    // One draw: the chance of the few plans shown costs next to nothing,
    // so this times the search itself.
    let one = Draws::new(1, DEFAULT_SEED);
    for (label, frontier) in [("plan", false), ("plan --frontier", true)] {
        let settings = PlanSettings {
            frontier,
            ..PlanSettings::default()
        };
        let runs = if frontier { 5 } else { 20 };
        let (median, evaluated) = median_of(runs, &profile, &settings, &one);
        println!(
            "{label}: median {:.1} ms over {runs} runs, {evaluated} evaluations, {:.1} million evaluations/s",
            median.as_secs_f64() * 1e3,
            evaluated as f64 / median.as_secs_f64() / 1e6
        );
    }

    let draws = Draws::new(DEFAULT_SAMPLES, DEFAULT_SEED);
    let examples = [
        ("all-through", include_str!("../examples/all-through.toml")),
        ("ash-primary", include_str!("../examples/ash-primary.toml")),
        ("primary", include_str!("../examples/primary.toml")),
        ("secondary", include_str!("../examples/secondary.toml")),
        (
            "small-primary",
            include_str!("../examples/small-primary.toml"),
        ),
        ("special", include_str!("../examples/special.toml")),
    ];
    for (name, text) in examples {
        let profile = parse_profile(name, text, &[]).expect("a valid example");
        for (confidence, budget) in [
            (0.1, None),
            (0.5, None),
            (0.8, None),
            (0.95, None),
            (0.8, Some(30_000.0)),
        ] {
            let settings = PlanSettings {
                confidence: Some(confidence),
                budget,
                ..PlanSettings::default()
            };
            let (median, evaluated) = median_of(3, &profile, &settings, &draws);
            let budget = budget.map_or(String::new(), |b| format!(" --budget {b}"));
            println!(
                "plan {name} --confidence {confidence}{budget}: median {:.0} ms, {evaluated} evaluations",
                median.as_secs_f64() * 1e3
            );
        }
    }
}
