//! Any bytes as a CSV roster: never a panic.
#![no_main]

use libfuzzer_sys::fuzz_target;
use senco_plan::report::Report;
use senco_plan::roster::RosterHeader;

fuzz_target!(|data: &[u8]| {
    let as_of = chrono::NaiveDate::from_ymd_opt(2026, 11, 22).unwrap();
    let mut reader = csv::ReaderBuilder::new().flexible(true).from_reader(data);
    let Ok(header) = reader.headers().map(|h| RosterHeader::new("fuzz.csv", h)) else {
        return;
    };
    let Ok(header) = header else {
        return;
    };
    for (i, record) in reader.records().enumerate().take(50) {
        let Ok(cells) = record else {
            continue;
        };
        if let Ok(profile) = header.profile(i + 2, &cells, &[]) {
            let _ = Report::new(&header.source(i + 2), &profile, as_of, &Default::default(), &Default::default());
        }
    }
});
