//! The `senco-plan` binary: reads files, calls the library, writes output.

mod cli;

use anyhow::{Context, Result, bail};
use clap::Parser;
use cli::{
    AssessArgs, Cli, Command, CompareArgs, FailUnder, OutputArgs, PlanArgs, ProfileArgs, SortArg,
    SweepArgs, TargetBand,
};
use senco_plan::compare::{Candidate, SortBy, compare};
use senco_plan::export::{Exporter, exporter};
use senco_plan::options::Steps;
use senco_plan::plan::{PlanSettings, plan};
use senco_plan::profile::{Draft, MAX_PROFILE_BYTES, Override, Profile, ProfileError};
use senco_plan::report::Report;
use senco_plan::scenario::{parse_scenario_arg, parse_scenario_file};
use senco_plan::sweep::{grid_size, parse_vary, sweep};
use std::io::{IsTerminal, Read, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// Exit codes (SPEC section 6).
const EXIT_BELOW_THRESHOLD: u8 = 1;
const EXIT_BAD_INPUT: u8 = 2;

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Assess(args) => assess(&args),
        Command::Compare(args) => compare_command(&args),
        Command::Sweep(args) => sweep_command(&args),
        Command::Plan(args) => plan_command(&args),
    };
    match result {
        Ok(code) => code,
        Err(err) => {
            // Profile problems are already worded as errors, one a line.
            match err.downcast_ref::<ProfileError>() {
                Some(problems) => eprintln!("{problems}"),
                None => eprintln!("error: {err:#}"),
            }
            ExitCode::from(EXIT_BAD_INPUT)
        }
    }
}

fn display_name(path: &Path) -> String {
    if is_stdio(path) {
        "<stdin>".to_string()
    } else {
        path.display().to_string()
    }
}

fn is_stdio(path: &Path) -> bool {
    path.as_os_str() == "-"
}

/// Reads an input's text, refusing anything that cannot be a profile or
/// scenario file before reading it whole.
fn read_input(path: &Path) -> Result<String> {
    let name = display_name(path);
    let mut bytes = Vec::new();
    let limit = MAX_PROFILE_BYTES as u64 + 1;
    if is_stdio(path) {
        std::io::stdin()
            .take(limit)
            .read_to_end(&mut bytes)
            .context("cannot read standard input")?;
    } else {
        if path.is_dir() {
            bail!("{name} is a folder, not a profile: give the path of a .toml file");
        }
        let file = std::fs::File::open(path).map_err(|e| match e.kind() {
            std::io::ErrorKind::NotFound => {
                anyhow::anyhow!("cannot open {name}: there is no such file (check the path)")
            }
            std::io::ErrorKind::PermissionDenied => {
                anyhow::anyhow!(
                    "cannot open {name}: you are not allowed to read it (check its permissions)"
                )
            }
            _ => anyhow::anyhow!("cannot open {name}: {e}"),
        })?;
        file.take(limit)
            .read_to_end(&mut bytes)
            .with_context(|| format!("cannot read {name}"))?;
    }
    if bytes.len() as u64 >= limit {
        bail!(
            "{name} is larger than 1 MiB, far larger than any profile: check that it is a senco-plan profile"
        );
    }
    String::from_utf8(bytes).map_err(|e| {
        anyhow::anyhow!(
            "{name} is not a text file (invalid UTF-8 at byte {}): save it as UTF-8 text",
            e.utf8_error().valid_up_to()
        )
    })
}

fn read_draft(path: &Path) -> Result<Draft> {
    let text = read_input(path)?;
    Ok(Draft::parse(&display_name(path), &text)?)
}

fn check_stdin_once(paths: &[&Path]) -> Result<()> {
    if paths.iter().filter(|p| is_stdio(p)).count() > 1 {
        bail!("standard input (`-`) can be read only once");
    }
    Ok(())
}

/// The `--set` edits and the assessment date.
fn edits_and_date(args: &ProfileArgs) -> Result<(Vec<Override>, chrono::NaiveDate)> {
    let edits = args
        .set
        .iter()
        .map(|s| Override::parse(s))
        .collect::<Result<Vec<_>, String>>()
        .map_err(anyhow::Error::msg)?;
    let as_of = args
        .as_of
        .unwrap_or_else(|| chrono::Local::now().date_naive());
    Ok((edits, as_of))
}

/// The exporter for the output, with charts only when a person reads it
/// on a terminal.
fn exporter_for(out: &OutputArgs) -> Box<dyn Exporter> {
    let to_stdout = out.output.as_deref().is_none_or(is_stdio);
    exporter(
        out.format.into(),
        to_stdout && std::io::stdout().is_terminal(),
    )
}

fn finish(
    out: &OutputArgs,
    check: &FailUnder,
    inputs: &[&Path],
    text: &str,
    scores: impl Iterator<Item = u32>,
) -> Result<ExitCode> {
    write_output(out.output.as_deref(), inputs, text)?;
    let mut scores = scores;
    let below = check
        .fail_under
        .is_some_and(|threshold| scores.any(|s| s < threshold));
    Ok(if below {
        ExitCode::from(EXIT_BELOW_THRESHOLD)
    } else {
        ExitCode::SUCCESS
    })
}

fn assess(args: &AssessArgs) -> Result<ExitCode> {
    let (edits, as_of) = edits_and_date(&args.profile)?;
    let inputs: Vec<&Path> = args.files.iter().map(PathBuf::as_path).collect();
    check_stdin_once(&inputs)?;
    let steps = Steps {
        fewer_teaching_hours: args.fewer_teaching_hours,
        deputy_hours: args.deputy_hours,
        admin_hours: args.admin_hours,
        ..Steps::default()
    };

    // Read and validate everything first, so that bad input writes nothing.
    let mut profiles: Vec<(String, Profile)> = Vec::new();
    let mut failures = Vec::new();
    for path in &inputs {
        match read_draft(path).and_then(|d| Ok(d.build(&edits, as_of)?)) {
            Ok(profile) => profiles.push((display_name(path), profile)),
            Err(err) => failures.push(match err.downcast_ref::<ProfileError>() {
                Some(problems) => problems.to_string(),
                None => format!("error: {err:#}"),
            }),
        }
    }
    if !failures.is_empty() {
        eprintln!("{}", failures.join("\n"));
        if inputs.len() > 1 {
            eprintln!(
                "{} of {} profiles could not be read; nothing was written.",
                failures.len(),
                inputs.len()
            );
        }
        return Ok(ExitCode::from(EXIT_BAD_INPUT));
    }

    let reports: Vec<Report> = profiles
        .iter()
        .map(|(name, profile)| Report::new(name, profile, as_of, &steps))
        .collect();
    let text = exporter_for(&args.out).assess(&reports)?;
    finish(
        &args.out,
        &args.check,
        &inputs,
        &text,
        reports.iter().map(|r| r.assessment.score),
    )
}

/// A short name for a profile in a comparison: its file name without `.toml`.
fn short_name(path: &Path) -> String {
    if is_stdio(path) {
        return "stdin".to_string();
    }
    path.file_stem()
        .map_or_else(|| display_name(path), |s| s.to_string_lossy().into_owned())
}

fn compare_command(args: &CompareArgs) -> Result<ExitCode> {
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
        profile: base_draft.build(&edits, as_of)?,
    };
    let mut others = Vec::new();
    for path in other_paths {
        others.push(Candidate {
            name: short_name(path),
            source: display_name(path),
            profile: read_draft(path)?.build(&edits, as_of)?,
        });
    }
    for scenario in scenarios {
        let mut all = edits.clone();
        all.extend(scenario.edits.iter().cloned());
        others.push(Candidate {
            profile: base_draft.build(&all, as_of)?,
            name: scenario.name,
            source: scenario.source,
        });
    }
    let sort = match args.sort {
        SortArg::Input => SortBy::Input,
        SortArg::Score => SortBy::Score,
        SortArg::Cost => SortBy::Cost,
        SortArg::Name => SortBy::Name,
    };
    let comparison = compare(&baseline, &others, as_of, sort);
    let text = exporter_for(&args.out).compare(&comparison)?;
    finish(
        &args.out,
        &args.check,
        &inputs,
        &text,
        comparison.scenarios.iter().map(|r| r.assessment.score),
    )
}

fn sweep_command(args: &SweepArgs) -> Result<ExitCode> {
    let (edits, as_of) = edits_and_date(&args.profile)?;
    let varies = args
        .vary
        .iter()
        .map(|v| parse_vary(v))
        .collect::<Result<Vec<_>, String>>()
        .map_err(anyhow::Error::msg)?;
    for (i, vary) in varies.iter().enumerate() {
        if varies.iter().skip(i + 1).any(|other| other.key == vary.key) {
            bail!(
                "--vary {0} is given twice: give each key once, with all its values",
                vary.key
            );
        }
    }
    grid_size(&varies).map_err(anyhow::Error::msg)?;
    let draft = read_draft(&args.file)?;
    let result = sweep(&draft, &edits, &varies, as_of)?;
    let text = exporter_for(&args.out).sweep(&result)?;
    finish(
        &args.out,
        &args.check,
        &[args.file.as_path()],
        &text,
        result.rows.iter().map(|r| r.score),
    )
}

fn plan_command(args: &PlanArgs) -> Result<ExitCode> {
    let (edits, as_of) = edits_and_date(&args.profile)?;
    let draft = read_draft(&args.file)?;
    let profile = draft.build(&edits, as_of)?;
    let bands = &profile.assumptions;
    let target = match (args.target, args.target_band) {
        (Some(score), _) => score,
        (None, Some(TargetBand::Stretched)) => bands.band_stretched.ceil() as u32,
        (None, _) => bands.band_manageable.ceil() as u32,
    };
    let settings = PlanSettings {
        target,
        budget: args.budget,
        keep_teaching: args.keep_teaching,
        max_deputy_hours: args.max_deputy_hours,
        max_admin_hours: args.max_admin_hours,
        allow_corporate: !args.no_corporate,
        top: args.top as usize,
        frontier: args.frontier,
    };
    let result = plan(&profile, draft.file(), as_of, &settings)?;
    let text = exporter_for(&args.out).plan(&result)?;
    write_output(args.out.output.as_deref(), &[args.file.as_path()], &text)?;
    Ok(if result.feasible {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(EXIT_BELOW_THRESHOLD)
    })
}

/// Writes to standard output, or replaces a file atomically: a temporary
/// file beside it, then a rename, so a reader never sees half a file.
fn write_output(output: Option<&Path>, inputs: &[&Path], text: &str) -> Result<()> {
    let Some(path) = output.filter(|p| !is_stdio(p)) else {
        let mut stdout = std::io::stdout().lock();
        return match stdout
            .write_all(text.as_bytes())
            .and_then(|()| stdout.flush())
        {
            // A closed pipe (e.g. `| head`) is the reader's choice, not an error.
            Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
            other => other.context("cannot write to standard output"),
        };
    };
    let shown = path.display();
    if path.is_dir() {
        bail!("-o {shown} is a folder: give a file name, e.g. -o {shown}/assessment.txt");
    }
    if let Ok(target) = path.canonicalize()
        && inputs
            .iter()
            .filter_map(|i| i.canonicalize().ok())
            .any(|i| i == target)
    {
        bail!(
            "-o {shown} is one of the input files: choose another output file so the input is not overwritten"
        );
    }
    let dir = match path.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent,
        _ => Path::new("."),
    };
    let mut temp = tempfile::NamedTempFile::new_in(dir).with_context(|| {
        format!(
            "cannot write {shown}: check that the folder {} exists and is writable",
            dir.display()
        )
    })?;
    temp.write_all(text.as_bytes())
        .with_context(|| format!("cannot write {shown}"))?;
    temp.persist(path)
        .map_err(|e| e.error)
        .with_context(|| format!("cannot write {shown}"))?;
    Ok(())
}
