//! The CSV and Markdown writers on hostile text: the fuzzer's bytes become
//! a school's name (and its file name), which every valid profile carries
//! into each format. No CSV cell may hold a live formula, and no Markdown
//! may hold a raw `<` (other than senco-plan's own `<br>`) or a control
//! character (SPEC section 12).
#![no_main]

use libfuzzer_sys::fuzz_target;
use senco_plan::export::{CsvExporter, Exporter, MarkdownExporter};
use senco_plan::profile::Draft;
use senco_plan::report::Report;

const BASE: &str = include_str!("../../examples/primary.toml");

fn no_live_formula(csv_text: &str) {
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(csv_text.as_bytes());
    for record in reader.records() {
        let record = record.expect("the CSV writer writes valid CSV");
        for cell in record.iter() {
            let live = cell.starts_with(['=', '+', '@', '\t', '\r'])
                || (cell.starts_with('-') && cell.parse::<f64>().is_err());
            assert!(!live, "live formula {cell:?}");
        }
    }
}

fuzz_target!(|data: &[u8]| {
    let Ok(name) = std::str::from_utf8(data) else {
        return;
    };
    let as_of = chrono::NaiveDate::from_ymd_opt(2026, 11, 22).unwrap();
    let quoted: String = name.chars().flat_map(char::escape_default).collect();
    let text = BASE.replace("\"Oakfield Primary\"", &format!("\"{quoted}\""));
    let Ok(profile) = Draft::parse(name, &text).and_then(|d| d.build(&[])) else {
        return;
    };
    let report = Report::new(name, &profile, as_of, &Default::default(), &Default::default());
    let reports = [report.clone(), report];
    let csv_text = CsvExporter.assess(&reports).expect("CSV is written");
    no_live_formula(&csv_text);
    let markdown = MarkdownExporter.assess(&reports).expect("Markdown is written");
    assert!(
        !markdown.replace("<br>", "").contains('<'),
        "raw < in {markdown}"
    );
    assert!(
        !markdown.chars().any(|c| c.is_control() && c != '\n'),
        "control character in {markdown:?}"
    );
});
