//! Where a batch's time goes, school by school: the same generated schools
//! as `gen-profiles` (seed 2026), held in memory, each stage timed on one
//! thread, best of 5. Beside it, the batch bar's baseline (the toml crate
//! parsing the text, nothing else). `benches/batch-bar.sh` times the
//! whole batch; this says which stage to cut next.
//! Run with `cargo bench --bench batch_parts [-- COUNT]` (20,000 by default).

use chrono::NaiveDate;
use senco_plan::export::{Exporter, NdjsonExporter};
use senco_plan::generate;
use senco_plan::model::assess;
use senco_plan::options::{Remedy, Sizing, evaluate};
use senco_plan::plan::{PlanSettings, fit_single};
use senco_plan::profile::parse_profile;
use senco_plan::report::Report;
use std::time::{Duration, Instant};

/// The best of 5 runs of `stage`.
fn best(mut stage: impl FnMut()) -> Duration {
    (0..5)
        .map(|_| {
            let start = Instant::now();
            stage();
            start.elapsed()
        })
        .min()
        .unwrap_or_default()
}

fn main() {
    let count: usize = std::env::args()
        .skip(1)
        .find_map(|a| a.parse().ok())
        .unwrap_or(20_000);
    let as_of = NaiveDate::from_ymd_opt(2026, 11, 22).expect("a valid date");
    let mut rng = fastrand::Rng::with_seed(2026);
    let texts: Vec<String> = (0..count)
        .map(|i| generate::to_toml(&generate::random_school(&mut rng, i)))
        .collect();
    let profiles: Vec<_> = texts
        .iter()
        .map(|t| parse_profile("bench", t, &[]).expect("a generated school is valid"))
        .collect();
    let settings = PlanSettings::default();
    let assessed: Vec<_> = profiles.iter().map(|p| assess(p, as_of)).collect();
    let records: Vec<_> = profiles
        .iter()
        .map(|p| Ok(Report::new("bench", p, as_of, &settings)))
        .collect();

    let mut stages: Vec<(String, Duration)> = vec![
        (
            "toml crate only (the bar's baseline)".into(),
            best(|| {
                for t in &texts {
                    std::hint::black_box(t.parse::<toml::Table>().ok());
                }
            }),
        ),
        (
            "read and check a profile".into(),
            best(|| {
                for t in &texts {
                    std::hint::black_box(parse_profile("bench", t, &[]).ok());
                }
            }),
        ),
        (
            "assess".into(),
            best(|| {
                for p in &profiles {
                    std::hint::black_box(assess(p, as_of));
                }
            }),
        ),
    ];
    for remedy in [
        Remedy::FewerTeaching,
        Remedy::Deputy,
        Remedy::AdminSupport,
        Remedy::DistributedTa,
    ] {
        stages.push((
            format!("  fit {remedy:?}"),
            best(|| {
                for (p, a) in profiles.iter().zip(&assessed) {
                    std::hint::black_box(fit_single(p, a.score, remedy, &settings).ok());
                }
            }),
        ));
    }
    stages.push((
        "the six option rows, fitted".into(),
        best(|| {
            for (p, a) in profiles.iter().zip(&assessed) {
                std::hint::black_box(evaluate(p, a, &settings));
            }
        }),
    ));
    let fixed = PlanSettings {
        sizing: Sizing {
            fixed: true,
            ..Sizing::default()
        },
        ..PlanSettings::default()
    };
    stages.push((
        "  of which the rows alone (fixed sizes)".into(),
        best(|| {
            for (p, a) in profiles.iter().zip(&assessed) {
                std::hint::black_box(evaluate(p, a, &fixed));
            }
        }),
    ));
    stages.push((
        "the ndjson record".into(),
        best(|| {
            for r in &records {
                std::hint::black_box(NdjsonExporter.batch_record(false, r).ok());
            }
        }),
    ));
    println!("{count} generated schools, one thread, best of 5:");
    for (stage, time) in stages {
        let each = time.as_secs_f64() * 1e6 / count.max(1) as f64;
        println!(
            "{stage:<40} {:>8.1} ms {each:>8.2} µs a school",
            time.as_secs_f64() * 1e3
        );
    }
}
