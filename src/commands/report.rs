//! `senco-plan report`: the governors' HTML page.

use super::{check_stdin_once, edits_and_date, read_draft, scenario_candidates, write_output};
use crate::cli::ReportArgs;
use crate::inputs::{display_name, read_input};
use anyhow::Result;
use senco_plan::compare::{Candidate, SortBy, compare};
use senco_plan::report::Report;
use senco_plan::scenario::parse_scenario_file;
use std::path::Path;
use std::process::ExitCode;

pub fn run(args: &ReportArgs) -> Result<ExitCode> {
    let (edits, as_of) = edits_and_date(&args.profile)?;
    let mut inputs: Vec<&Path> = vec![args.file.as_path()];
    inputs.extend(args.scenarios.as_deref());
    check_stdin_once(&inputs)?;
    let draft = read_draft(&args.file)?;
    let profile = draft.build(&edits)?;
    let source = display_name(&args.file);
    let settings = args.sizing.settings(&profile, None);
    let report = Report::new(&source, &profile, as_of, &settings, &args.sizing.sizing());
    let comparison = match &args.scenarios {
        Some(file) => {
            let scenarios = parse_scenario_file(&display_name(file), &read_input(file)?)?;
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
        }
        None => None,
    };
    let explanation = senco_plan::explain::explain(Some((&source, &profile)), as_of);
    let html = senco_plan::export::report_html(&report, comparison.as_ref(), &explanation);
    write_output(args.output.as_deref(), &inputs, &html)?;
    Ok(ExitCode::SUCCESS)
}
