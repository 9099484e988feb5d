//! Any text as a scenario file: never a panic; valid scenarios are compared.
#![no_main]

use libfuzzer_sys::fuzz_target;
use senco_plan::compare::{Candidate, SortBy, compare};
use senco_plan::profile::Draft;
use senco_plan::scenario::parse_scenario_file;

const BASE: &str = include_str!("../../examples/primary.toml");

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let Ok(scenarios) = parse_scenario_file("fuzz.toml", text) else {
        return;
    };
    let as_of = chrono::NaiveDate::from_ymd_opt(2026, 11, 22).unwrap();
    let Ok(draft) = Draft::parse("primary.toml", BASE) else {
        return;
    };
    let Ok(profile) = draft.build(&[]) else {
        return;
    };
    let baseline = Candidate {
        name: "base".into(),
        source: "base".into(),
        profile,
    };
    let others: Vec<Candidate> = scenarios
        .iter()
        .filter_map(|s| {
            draft.build(&s.edits).ok().map(|profile| Candidate {
                name: s.name.clone(),
                source: s.source.clone(),
                profile,
            })
        })
        .collect();
    let _ = compare(&baseline, &others, as_of, SortBy::Best, 3).summary();
});
