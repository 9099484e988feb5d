//! The model on many valid profiles: the fuzzer's bytes choose `--set`
//! edits to the example primary school (any key, values near and far from
//! its range); every valid result is assessed, its options applied, and
//! its figures checked to be finite and in range.
#![no_main]

use libfuzzer_sys::fuzz_target;
use senco_plan::model::assess;
use senco_plan::options::Sizing;
use senco_plan::plan::PlanSettings;
use senco_plan::profile::{Draft, Override, flatten};
use senco_plan::report::Report;

const BASE: &str = include_str!("../../examples/primary.toml");

fuzz_target!(|data: &[u8]| {
    let as_of = chrono::NaiveDate::from_ymd_opt(2026, 11, 22).unwrap();
    let Ok(draft) = Draft::parse("primary.toml", BASE) else {
        return;
    };
    let Ok(base) = draft.build(&[]) else {
        return;
    };
    let mut keys: Vec<String> = flatten(&base).into_keys().collect();
    keys.extend(["deputy.hours", "admin.hours"].map(String::from));
    let words = ["flat", "distributed", "slt", "middle", "associate-slt", "in-progress", "none", "true", "false"];
    let mut edits = Vec::new();
    for chunk in data.chunks(3).take(12) {
        let [k, a, b] = chunk else { break };
        let key = &keys[usize::from(*k) % keys.len()];
        let value = match a % 4 {
            0 => words[usize::from(*b) % words.len()].to_string(),
            1 => format!("{}", b),
            2 => format!("{}.{}", b / 4, b % 10),
            _ => format!("{}", f64::from(*b) / 255.0),
        };
        if let Ok(edit) = Override::parse(&format!("{key}={value}")) {
            edits.push(edit);
        }
    }
    let Ok(profile) = draft.build(&edits) else {
        return;
    };
    let a = assess(&profile, as_of);
    assert!(a.score <= 100);
    let w = &a.senco_week;
    for v in [
        a.coverage,
        a.demand_hours_per_week,
        a.capacity_hours_per_week,
        a.shortfall_hours_per_week,
        w.effective,
        w.extra_needed,
    ] {
        assert!(v.is_finite() && v >= 0.0);
    }
    let report = Report::new(
        "fuzz",
        &profile,
        as_of,
        &PlanSettings::default(),
        &Sizing::default(),
    );
    for option in &report.options {
        for cost in [option.annual_cost, option.one_off_cost, option.cost_per_year]
            .into_iter()
            .flatten()
        {
            assert!(cost.is_finite() && cost >= 0.0);
        }
    }
});
