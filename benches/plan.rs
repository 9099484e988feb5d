//! Times `plan` on a realistic grid (teaching 20 h, 15 TAs, deputy and
//! admin up to 32.5 h) and reports model evaluations per second.
//! Run with `cargo bench --bench plan`.

use chrono::NaiveDate;
use senco_plan::plan::{PlanSettings, plan};
use senco_plan::profile::{Override, parse_profile};
use std::time::{Duration, Instant};

fn main() {
    let as_of = NaiveDate::from_ymd_opt(2026, 11, 22).expect("a valid date");
    let text = include_str!("../examples/primary.toml");
    let edits: Vec<Override> = ["senco.teaching-hours=20", "tas.count=15"]
        .iter()
        .map(|e| Override::parse(e).expect("a valid edit"))
        .collect();
    let profile = parse_profile("primary.toml", text, &edits).expect("a valid profile");

    for (label, frontier) in [("plan", false), ("plan --frontier", true)] {
        let settings = PlanSettings {
            frontier,
            ..PlanSettings::default()
        };
        let mut times: Vec<Duration> = Vec::new();
        let mut evaluated = 0;
        let runs = if frontier { 5 } else { 20 };
        for _ in 0..runs {
            let start = Instant::now();
            let result = plan(&profile, "bench", as_of, &settings).expect("grid within limits");
            times.push(start.elapsed());
            evaluated = result.evaluated;
            std::hint::black_box(result);
        }
        times.sort();
        let median = times[times.len() / 2];
        println!(
            "{label}: median {:.1} ms over {runs} runs, {evaluated} evaluations, {:.1} million evaluations/s",
            median.as_secs_f64() * 1e3,
            evaluated as f64 / median.as_secs_f64() / 1e6
        );
    }
}
