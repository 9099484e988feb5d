//! `senco-plan compare`: scenarios and profiles against a baseline.

use super::{
    check_stdin_once, edits_and_date, exporter_for, finish, load_scenarios, read_draft,
    scenario_candidates, short_name,
};
use crate::cli::{CompareArgs, CompareSort};
use crate::inputs::display_name;
use anyhow::{Result, bail};
use senco_plan::compare::{Candidate, SortBy, compare};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

pub fn run(args: &CompareArgs) -> Result<ExitCode> {
    let (edits, as_of) = edits_and_date(&args.profile)?;
    let mut inputs: Vec<&Path> = args.files.iter().map(PathBuf::as_path).collect();
    inputs.extend(args.scenarios.scenario_file.as_deref());
    check_stdin_once(&inputs)?;
    let scenarios = load_scenarios(&args.scenarios)?;
    let Some((base_path, other_paths)) = args.files.split_first() else {
        bail!(
            "give the baseline profile, e.g. senco-plan compare school.toml --scenario 'deputy: deputy.hours=6.5'"
        );
    };
    if other_paths.is_empty() && scenarios.is_empty() {
        bail!(
            "nothing to compare {} with: give another profile, --scenario 'NAME: KEY=VALUE, ...' or --scenario-file FILE",
            display_name(base_path)
        );
    }
    let base_draft = read_draft(base_path)?;
    let baseline = Candidate {
        name: short_name(base_path),
        source: display_name(base_path),
        profile: base_draft.build(&edits)?,
    };
    let mut others = Vec::new();
    for path in other_paths {
        others.push(Candidate {
            name: short_name(path),
            source: display_name(path),
            profile: read_draft(path)?.build(&edits)?,
        });
    }
    others.extend(scenario_candidates(&base_draft, &edits, scenarios)?);
    let sort = match args.sort {
        CompareSort::Input => SortBy::Input,
        CompareSort::Best => SortBy::Best,
        CompareSort::Worst => SortBy::Worst,
        CompareSort::Cost => SortBy::Cost,
        CompareSort::Name => SortBy::Name,
    };
    let mut comparison = compare(&baseline, &others, as_of, sort, args.horizon.years);
    if args.spread.uncertainty {
        // The same draws for every row (common random numbers), matched to
        // its profile by name and source (the baseline is always first).
        let draws = args.spread.draws.draws();
        for row in &mut comparison.scenarios {
            let candidate = std::iter::once(&baseline)
                .chain(&others)
                .find(|c| c.name == row.name && c.source == row.source);
            row.assessment.uncertainty = candidate
                .and_then(|c| senco_plan::uncertainty::uncertainty(&c.profile, as_of, &draws));
        }
    }
    let text = exporter_for(&args.out).compare(&comparison)?;
    finish(
        &args.out,
        &args.check,
        &inputs,
        &text,
        comparison.scenarios.iter().map(|r| r.assessment.score),
    )
}
