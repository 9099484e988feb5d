//! `senco-plan forecast`: the years ahead (SPEC section 10).

use super::{EXIT_BELOW_THRESHOLD, edits_and_date, exporter_for, read_draft, write_output};
use crate::cli::ForecastArgs;
use anyhow::Result;
use senco_plan::forecast::forecast;
use std::process::ExitCode;

pub fn run(args: &ForecastArgs) -> Result<ExitCode> {
    let (edits, as_of) = edits_and_date(&args.profile)?;
    let draft = read_draft(&args.file)?;
    let profile = draft.build(&edits)?;
    let settings = args.sizing.settings(&profile, args.budget);
    // --years is how far ahead to look and the cost horizon at once.
    let years = settings.years;
    let result = forecast(&profile, draft.file(), as_of, years, &settings)?;
    let text = exporter_for(&args.out).forecast(&result)?;
    write_output(args.out.to.output.as_deref(), &[args.file.as_path()], &text)?;
    Ok(if result.feasible {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(EXIT_BELOW_THRESHOLD)
    })
}
