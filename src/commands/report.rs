//! `senco-plan report`: the governors' HTML page.

use super::{
    check_stdin_once, edits_and_date, load_scenarios, read_draft, scenario_candidates, write_output,
};
use crate::cli::ReportArgs;
use crate::inputs::{Kind, display_name, is_stdio, read_text};
use anyhow::{Result, bail};
use senco_plan::audit::calibrate;
use senco_plan::audit::log::{MAX_LOG_BYTES, read_log};
use senco_plan::compare::{Candidate, SortBy, compare};
use senco_plan::plan::PlanSettings;
use senco_plan::report::Report;
use std::io::IsTerminal;
use std::path::Path;
use std::process::ExitCode;

/// The report's tornado shows the assumptions the score swings most with.
const REPORT_TORNADO_ROWS: usize = 8;

pub fn run(args: &ReportArgs) -> Result<ExitCode> {
    // HTML on a terminal is a screenful of tags: the page goes to a file.
    if args.to.output.as_deref().is_none_or(is_stdio) && std::io::stdout().is_terminal() {
        bail!(
            "the report is an HTML page: write it to a file with -o report.html, then open it in a browser"
        );
    }
    let (edits, as_of) = edits_and_date(&args.profile)?;
    let mut inputs: Vec<&Path> = vec![args.file.as_path()];
    inputs.extend(args.scenarios.scenario_file.as_deref());
    inputs.extend(args.audit.as_deref());
    check_stdin_once(&inputs)?;
    let scenarios = load_scenarios(&args.scenarios)?;
    let draft = read_draft(&args.file)?;
    let profile = draft.build(&edits)?;
    let source = display_name(&args.file);
    let settings = PlanSettings {
        sizing: args.rows.sizing(),
        ..args.sizing.settings(&profile, None)
    };
    let mut report = Report::new(&source, &profile, as_of, &settings);
    report.assessment.uncertainty =
        senco_plan::uncertainty::uncertainty(&profile, as_of, &args.draws.draws());
    // What the verdict turns on: the eight assumptions it swings most with.
    let tornado =
        senco_plan::sensitivity::sensitivity(&source, &profile, as_of, Some(REPORT_TORNADO_ROWS));
    let comparison = if scenarios.is_empty() {
        None
    } else {
        let baseline = Candidate {
            name: "as it is".to_string(),
            source: source.clone(),
            profile: profile.clone(),
        };
        let others = scenario_candidates(&draft, &edits, scenarios)?;
        Some(compare(
            &baseline,
            &others,
            as_of,
            SortBy::Input,
            settings.years,
        ))
    };
    let audit = match &args.audit {
        Some(path) => {
            let text = read_text(path, MAX_LOG_BYTES as u64, Kind::TimeLog)?;
            let log = read_log(&display_name(path), &text, as_of)?;
            Some(calibrate(&profile, &source, &log, None, None, as_of))
        }
        None => None,
    };
    // The years ahead, over the horizon (--years).
    let forecast =
        senco_plan::forecast::forecast(&profile, &source, as_of, settings.years, &settings)?;
    let explanation = senco_plan::explain::explain(Some((&source, &profile)), as_of);
    let html = senco_plan::export::report_html(
        &report,
        comparison.as_ref(),
        &explanation,
        &tornado,
        audit.as_ref(),
        &forecast,
    );
    write_output(args.to.output.as_deref(), &inputs, &html)?;
    Ok(ExitCode::SUCCESS)
}
