//! `senco-plan plan`: the cheapest mix of remedies that reaches a target.

use super::{EXIT_BELOW_THRESHOLD, edits_and_date, exporter_for, read_draft, write_output};
use crate::cli::PlanArgs;
use anyhow::Result;
use senco_plan::plan::{PlanSettings, plan};
use std::process::ExitCode;

pub fn run(args: &PlanArgs) -> Result<ExitCode> {
    let (edits, as_of) = edits_and_date(&args.profile)?;
    let draft = read_draft(&args.file)?;
    let profile = draft.build(&edits)?;
    let settings = PlanSettings {
        top: args.top as usize,
        frontier: args.frontier,
        confidence: args.confidence,
        sizing: args.rows.sizing(),
        ..args.sizing.settings(&profile, args.budget)
    };
    let result = plan(
        &profile,
        draft.file(),
        as_of,
        &settings,
        &args.draws.draws(),
    )?;
    let text = exporter_for(&args.out).plan(&result)?;
    write_output(args.out.to.output.as_deref(), &[args.file.as_path()], &text)?;
    Ok(if result.feasible {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(EXIT_BELOW_THRESHOLD)
    })
}
