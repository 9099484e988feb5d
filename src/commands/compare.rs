//! `senco-plan compare`: scenarios and profiles against a baseline.

use super::{
    check_stdin_once, edits_and_date, exporter_for, finish, read_draft, scenario_candidates,
    short_name,
};
use crate::cli::{CompareArgs, SortArg};
use crate::inputs::{display_name, read_input};
use anyhow::{Result, bail};
use senco_plan::compare::{Candidate, SortBy, compare};
use senco_plan::scenario::{parse_scenario_arg, parse_scenario_file};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

pub fn run(args: &CompareArgs) -> Result<ExitCode> {
    let (edits, as_of) = edits_and_date(&args.profile)?;
    let mut inputs: Vec<&Path> = args.files.iter().map(PathBuf::as_path).collect();
    if let Some(file) = &args.scenarios {
        inputs.push(file);
    }
    check_stdin_once(&inputs)?;
    let mut scenarios = args
        .scenario
        .iter()
        .map(|s| parse_scenario_arg(s))
        .collect::<Result<Vec<_>, String>>()
        .map_err(anyhow::Error::msg)?;
    if let Some(file) = &args.scenarios {
        let text = read_input(file)?;
        scenarios.extend(parse_scenario_file(&display_name(file), &text)?);
    }

    let Some((base_path, other_paths)) = args.files.split_first() else {
        bail!(
            "give the baseline profile, e.g. senco-plan compare school.toml --scenario 'deputy: deputy.hours=6.5'"
        );
    };
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
        SortArg::Input => SortBy::Input,
        SortArg::Score => SortBy::Score,
        SortArg::Cost => SortBy::Cost,
        SortArg::Name => SortBy::Name,
    };
    let comparison = compare(&baseline, &others, as_of, sort, args.horizon.years);
    let text = exporter_for(&args.out).compare(&comparison)?;
    finish(
        &args.out,
        &args.check,
        &inputs,
        &text,
        comparison.scenarios.iter().map(|r| r.assessment.score),
    )
}
