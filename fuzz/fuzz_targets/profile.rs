//! Any text as a profile: never a panic; a valid one is assessed and planned.
#![no_main]

use libfuzzer_sys::fuzz_target;
use senco_plan::export::{Format, exporter};
use senco_plan::plan::{PlanSettings, plan};
use senco_plan::profile::Draft;
use senco_plan::report::Report;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let as_of = chrono::NaiveDate::from_ymd_opt(2026, 11, 22).unwrap();
    let Ok(draft) = Draft::parse("fuzz.toml", text) else {
        return;
    };
    let Ok(profile) = draft.build(&[]) else {
        return;
    };
    let report = Report::new("fuzz.toml", &profile, as_of, &Default::default(), &Default::default());
    for format in [Format::Table, Format::Json, Format::Csv, Format::Markdown] {
        let _ = exporter(format, None, false).assess(std::slice::from_ref(&report));
    }
    let settings = PlanSettings {
        max_deputy_hours: 3.0,
        max_admin_hours: 3.0,
        ..PlanSettings::default()
    };
    let _ = plan(&profile, "fuzz.toml", as_of, &settings);
});
