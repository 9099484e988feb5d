//! `senco-plan forecast`: the years ahead (SPEC section 10).

use super::{
    EXIT_BELOW_THRESHOLD, check_stdin_once, edits_and_date, exporter_for, load_scenarios,
    read_draft, scenario_candidates, write_output,
};
use crate::cli::ForecastArgs;
use anyhow::{Result, bail};
use senco_plan::forecast::{forecast, forecast_scenario};
use std::path::Path;
use std::process::ExitCode;

pub fn run(args: &ForecastArgs) -> Result<ExitCode> {
    let (edits, as_of) = edits_and_date(&args.profile)?;
    let mut inputs: Vec<&Path> = vec![args.file.as_path()];
    inputs.extend(args.scenarios.scenario_file.as_deref());
    check_stdin_once(&inputs)?;
    let scenarios = load_scenarios(&args.scenarios)?;
    let given = args.rows.flags_given();
    if !given.is_empty() {
        bail!(
            "{} {} the options of assess, plan and report, one remedy at a time; a forecast sizes whole plans year by year, so leave {} out (the --max-* limits and --keep-teaching bound its plans)",
            given.join(" and "),
            if given.len() == 1 { "sizes" } else { "size" },
            if given.len() == 1 { "it" } else { "them" }
        );
    }
    let draft = read_draft(&args.file)?;
    let profile = draft.build(&edits)?;
    let settings = args.sizing.settings(&profile, args.budget);
    // --years is how far ahead to look and the cost horizon at once.
    let years = settings.years;
    let mut results = vec![forecast(&profile, draft.file(), as_of, years, &settings)?];
    // Each scenario (a policy, say) applies from year 1.
    for candidate in scenario_candidates(&draft, &edits, scenarios)? {
        results.push(forecast_scenario(
            &profile,
            (&candidate.profile, Some(&candidate.name)),
            draft.file(),
            as_of,
            years,
            &settings,
        )?);
    }
    // CSV has no room for words: its warnings go to standard error.
    if args.out.format == crate::cli::FormatArg::Csv {
        for w in results.iter().flat_map(|r| &r.warnings) {
            eprintln!("warning: {}", w.message);
        }
    }
    let text = exporter_for(&args.out).forecast(&results)?;
    write_output(args.out.to.output.as_deref(), &inputs, &text)?;
    Ok(if results.iter().all(|r| r.feasible) {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(EXIT_BELOW_THRESHOLD)
    })
}
