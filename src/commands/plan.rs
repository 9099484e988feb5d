//! `senco-plan plan`: the cheapest mix of remedies that reaches a target.

use super::{EXIT_BELOW_THRESHOLD, edits_and_date, exporter_for, read_draft, write_output};
use crate::cli::PlanArgs;
use anyhow::Result;
use senco_plan::plan::{PlanSettings, apply_choice, plan};
use senco_plan::uncertainty::chance;
use std::process::ExitCode;

pub fn run(args: &PlanArgs) -> Result<ExitCode> {
    let (edits, as_of) = edits_and_date(&args.profile)?;
    let draft = read_draft(&args.file)?;
    let profile = draft.build(&edits)?;
    let settings = PlanSettings {
        top: args.top as usize,
        frontier: args.frontier,
        ..args.sizing.settings(&profile, args.budget)
    };
    let mut result = plan(&profile, draft.file(), as_of, &settings)?;
    // How likely each plan is to reach the target, over plausible values
    // of every ranged assumption (the same draws for every plan).
    let draws = args.draws.draws();
    for p in result
        .plans
        .iter_mut()
        .chain(result.best_within_budget.iter_mut())
        .chain(result.frontier.iter_mut().flatten())
    {
        let planned = apply_choice(&profile, &p.choice);
        p.chance = Some(chance(&planned, as_of, &draws, settings.target));
    }
    let text = exporter_for(&args.out).plan(&result)?;
    write_output(args.out.to.output.as_deref(), &[args.file.as_path()], &text)?;
    Ok(if result.feasible {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(EXIT_BELOW_THRESHOLD)
    })
}
