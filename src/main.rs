//! The `senco-plan` binary: reads files, calls the library, writes output.

mod cli;
mod inputs;
mod sink;

use anyhow::{Context, Result, bail};
use chrono::NaiveDate;
use clap::Parser;
use cli::{
    AssessArgs, BatchSort, Cli, ColorArg, Command, CompareArgs, ExplainArgs, FailUnder, GenArgs,
    InitArgs, OutputArgs, PlanArgs, ProfileArgs, ReportArgs, SortArg, SweepArgs,
};
use inputs::{Input, display_name, is_stdio, read_input};
use rayon::prelude::*;
use senco_plan::batch::{Failure, Record, SchoolLine, Tally};
use senco_plan::compare::{Candidate, SortBy, compare};
use senco_plan::export::{Exporter, exporter};
use senco_plan::generate;
use senco_plan::plan::{PlanSettings, plan};
use senco_plan::profile::{Draft, Override, ProfileError};
use senco_plan::report::Report;
use senco_plan::scenario::{parse_scenario_arg, parse_scenario_file};
use senco_plan::sweep::{grid_size, parse_vary, points as sweep_points};
use sink::{OutputGuard, Progress, Sink};
use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// Exit codes (SPEC section 6).
const EXIT_BELOW_THRESHOLD: u8 = 1;
const EXIT_BAD_INPUT: u8 = 2;

fn main() -> ExitCode {
    sink::remove_temporary_files_on_signals();
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(err) if !err.use_stderr() => err.exit(),
        // Usage errors quote what was typed: no control character from it
        // reaches the terminal (SPEC section 12).
        Err(err) => {
            eprint!(
                "{}",
                senco_plan::safe_text::escape_controls_keep_lines(&err.render().to_string())
            );
            return ExitCode::from(EXIT_BAD_INPUT);
        }
    };
    let result = match cli.command {
        Command::Assess(args) => assess(&args),
        Command::Compare(args) => compare_command(&args),
        Command::Sweep(args) => sweep_command(&args),
        Command::Plan(args) => plan_command(&args),
        Command::GenProfiles(args) => gen_profiles(&args),
        Command::Init(args) => init_command(&args),
        Command::Explain(args) => explain_command(&args),
        Command::Report(args) => report_command(&args),
        Command::Schema { output } => write_output(
            output.as_deref(),
            &[],
            &senco_plan::schema::profile_schema(),
        )
        .map(|()| ExitCode::SUCCESS),
        Command::Completions { shell } => {
            let mut command = <Cli as clap::CommandFactory>::command();
            let mut text = Vec::new();
            clap_complete::generate(shell, &mut command, "senco-plan", &mut text);
            write_output(None, &[], &String::from_utf8_lossy(&text)).map(|()| ExitCode::SUCCESS)
        }
        Command::Man => {
            let mut text = Vec::new();
            clap_mangen::Man::new(<Cli as clap::CommandFactory>::command())
                .render(&mut text)
                .context("cannot render the manual page")
                .and_then(|()| write_output(None, &[], &String::from_utf8_lossy(&text)))
                .map(|()| ExitCode::SUCCESS)
        }
    };
    match result {
        Ok(code) => code,
        Err(err) => {
            // Profile problems are already worded as errors, one a line.
            if let Some(problems) = err.downcast_ref::<ProfileError>() {
                eprintln!("{problems}");
            } else if let Some(failure) = err.downcast_ref::<Failure>() {
                eprintln!("{failure}");
            } else {
                // Messages may quote arguments and file names: no control
                // character reaches the terminal (SPEC section 12).
                eprintln!(
                    "error: {}",
                    senco_plan::safe_text::escape_controls_keep_lines(&format!("{err:#}"))
                );
            }
            ExitCode::from(EXIT_BAD_INPUT)
        }
    }
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
    let terminal = to_stdout && std::io::stdout().is_terminal();
    // Tables fit the terminal; a terminal that will not say gets 80 columns.
    let width = terminal
        .then(|| terminal_size::terminal_size().map_or(80, |(terminal_size::Width(w), _)| w));
    let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
    let colour = match out.color {
        ColorArg::Always => true,
        ColorArg::Never => false,
        ColorArg::Auto => terminal && !no_color,
    };
    exporter(out.format.into(), width, colour)
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

/// Sweep points a table or Markdown shows.
const MAX_TABLE_POINTS: usize = 10_000;

/// Failed inputs whose problems a batch prints; the rest are counted.
const MAX_SHOWN_FAILURES: usize = 50;

/// Schools go through the model this many at a time, in parallel; output
/// is written between chunks, so memory does not grow with the batch.
const CHUNK: usize = 1024;

fn assess_input(
    input: Input,
    edits: &[Override],
    as_of: NaiveDate,
    sizing: &cli::SizingArgs,
) -> Record {
    let (source, profile) = match input {
        Input::Failed(failure) => return Err(failure),
        Input::File(path) => {
            let name = display_name(&path);
            let text = read_input(&path).map_err(|e| Failure::message(&name, format!("{e:#}")))?;
            let profile = Draft::parse(&name, &text).and_then(|d| d.build(edits));
            (name, profile)
        }
        Input::Row { header, row, cells } => {
            (header.source(row), header.profile(row, &cells, edits))
        }
    };
    match profile {
        Ok(profile) => Ok(Report::new(
            &source,
            &profile,
            as_of,
            &sizing.settings(&profile, None),
            &sizing.sizing(),
        )),
        Err(err) => Err(Failure {
            source,
            problems: err.problems,
        }),
    }
}

fn assess(args: &AssessArgs) -> Result<ExitCode> {
    let (edits, as_of) = edits_and_date(&args.profile)?;
    let named: Vec<&Path> = args
        .files
        .iter()
        .chain(&args.roster)
        .map(PathBuf::as_path)
        .collect();
    check_stdin_once(&named)?;
    let exporter = exporter_for(&args.out);

    // One profile: the whole report, or its problems and nothing written.
    if let ([path], []) = (args.files.as_slice(), args.roster.as_slice())
        && !path.is_dir()
        && !args.summary_only
    {
        let report = assess_input(Input::File(path.clone()), &edits, as_of, &args.sizing)
            .map_err(|f| anyhow::anyhow!(f))?;
        let text = exporter.assess(std::slice::from_ref(&report))?;
        return finish(
            &args.out,
            &args.check,
            &named,
            &text,
            std::iter::once(report.assessment.score),
        );
    }

    let output = args.out.output.as_deref().filter(|p| !is_stdio(p));
    let mut sink = Sink::open(output, &named)?;
    let guard = OutputGuard::new(output);
    if !args.summary_only {
        sink.write(&exporter.batch_start()?)?;
    }
    let progress = Progress::new();
    let mut tally = Tally::default();
    let mut lines = Vec::new();
    let (mut first, mut failed, mut below) = (true, 0usize, false);
    let mut pending = inputs::enumerate(&args.files, &args.roster);
    loop {
        let chunk: Vec<Input> = pending.by_ref().take(CHUNK).collect();
        if chunk.is_empty() {
            break;
        }
        for input in &chunk {
            guard.check(input)?;
        }
        let records: Vec<Record> = chunk
            .into_par_iter()
            .map(|input| assess_input(input, &edits, as_of, &args.sizing))
            .collect();
        for record in &records {
            tally.add(record);
            match record {
                Ok(report) => {
                    below |= args
                        .check
                        .fail_under
                        .is_some_and(|t| report.assessment.score < t);
                    if exporter.keeps_lines() {
                        lines.push(SchoolLine::from(report));
                    }
                }
                Err(failure) => {
                    // A roster of bad rows would flood the terminal.
                    if failed < MAX_SHOWN_FAILURES {
                        eprintln!("{failure}");
                    }
                    failed += 1;
                }
            }
            if !args.summary_only {
                sink.write(&exporter.batch_record(first, record)?)?;
                first = false;
            }
            progress.inc();
            if failed > 0 && args.fail_fast {
                break;
            }
        }
        if failed > 0 && args.fail_fast {
            eprintln!("Stopped at the first input that could not be assessed (--fail-fast).");
            break;
        }
    }
    progress.finish();
    match args.sort {
        BatchSort::Score => lines.sort_by_key(|l| l.score),
        BatchSort::Name => lines.sort_by(|a, b| a.name.cmp(&b.name)),
        BatchSort::Input => {}
    }
    let summary = tally.summary();
    let end = if args.summary_only {
        exporter.summary(&summary)?
    } else {
        exporter.batch_end(&summary, &lines)?
    };
    if summary.schools == 0 && failed == 0 {
        bail!(
            "no profiles were found: give .toml files, folders that hold them, or a --roster with rows"
        );
    }
    if failed > 0 {
        // The run failed: an output file is left as it was (SPEC section
        // 12); standard output, which has the start of the document
        // already, gets a complete one, with an error record for each
        // input that failed.
        if sink.stdout_started() || output.is_none() {
            sink.write(&end)?;
            sink.finish()?;
        }
        if failed > MAX_SHOWN_FAILURES {
            eprintln!(
                "... and {} more inputs could not be assessed (not shown).",
                failed - MAX_SHOWN_FAILURES
            );
        }
        let kept = if output.is_some() {
            "; the -o file was not written (fix or leave out the inputs above, or write to standard output to keep the rest)"
        } else {
            ""
        };
        eprintln!(
            "{failed} of {} inputs could not be assessed{kept}.",
            summary.schools + failed
        );
        return Ok(ExitCode::from(EXIT_BAD_INPUT));
    }
    sink.write(&end)?;
    sink.finish()?;
    Ok(if below {
        ExitCode::from(EXIT_BELOW_THRESHOLD)
    } else {
        ExitCode::SUCCESS
    })
}

fn explain_command(args: &ExplainArgs) -> Result<ExitCode> {
    let (edits, as_of) = edits_and_date(&args.profile)?;
    let school = match &args.file {
        Some(path) => {
            let draft = read_draft(path)?;
            Some((display_name(path), draft.build(&edits)?))
        }
        None => None,
    };
    let explanation =
        senco_plan::explain::explain(school.as_ref().map(|(n, p)| (n.as_str(), p)), as_of);
    let text = exporter_for(&args.out).explain(&explanation)?;
    let inputs: Vec<&Path> = args.file.iter().map(PathBuf::as_path).collect();
    write_output(args.out.output.as_deref(), &inputs, &text)?;
    Ok(ExitCode::SUCCESS)
}

fn report_command(args: &ReportArgs) -> Result<ExitCode> {
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

/// The schema's file name, written beside a new profile for editors.
const SCHEMA_FILE: &str = "senco-plan.schema.json";

fn init_command(args: &InitArgs) -> Result<ExitCode> {
    // On standard output there is no folder to put the schema in, so no
    // `#:schema` line points at a file that is not there.
    if is_stdio(&args.path) {
        let text = senco_plan::init::template(args.phase.into(), None);
        write_output(None, &[], &text)?;
        return Ok(ExitCode::SUCCESS);
    }
    if args.path.exists() && !args.force {
        bail!(
            "{} already exists: choose another name, or add --force to replace it",
            args.path.display()
        );
    }
    let schema = (!args.no_schema).then(|| format!("./{SCHEMA_FILE}"));
    let text = senco_plan::init::template(args.phase.into(), schema.as_deref());
    write_output(Some(&args.path), &[], &text)?;
    let mut wrote = display_name(&args.path);
    if !args.no_schema {
        let folder = args
            .path
            .parent()
            .filter(|p| !p.as_os_str().is_empty())
            .unwrap_or(Path::new("."));
        let schema_path = folder.join(SCHEMA_FILE);
        // An existing schema is the user's (or an older copy): replaced
        // only with --force.
        if !schema_path.exists() || args.force {
            write_output(
                Some(&schema_path),
                &[],
                &senco_plan::schema::profile_schema(),
            )?;
            wrote.push_str(&format!(
                " and {} (for editors that check TOML; --no-schema leaves it out)",
                display_name(&schema_path)
            ));
        }
    }
    eprintln!(
        "Wrote {wrote}: replace the national averages with your school's numbers, then run `senco-plan assess {}`.",
        display_name(&args.path)
    );
    Ok(ExitCode::SUCCESS)
}

fn gen_profiles(args: &GenArgs) -> Result<ExitCode> {
    std::fs::create_dir_all(&args.dir)
        .with_context(|| format!("cannot create the folder {}", args.dir.display()))?;
    let mut rng = fastrand::Rng::with_seed(args.seed);
    let mut roster = match &args.roster {
        Some(path) => {
            let mut writer = csv::Writer::from_path(path)
                .with_context(|| format!("cannot write {}", path.display()))?;
            writer.write_record(generate::ROSTER_KEYS)?;
            Some(writer)
        }
        None => None,
    };
    let width = args.count.to_string().len().max(4);
    for i in 0..args.count {
        let school = generate::random_school(&mut rng, i);
        let path = args.dir.join(format!("school-{i:0width$}.toml"));
        std::fs::write(&path, generate::to_toml(&school))
            .with_context(|| format!("cannot write {}", path.display()))?;
        if let Some(writer) = roster.as_mut() {
            writer.write_record(generate::to_roster_row(&school))?;
        }
    }
    if let Some(mut writer) = roster {
        writer.flush()?;
    }
    Ok(ExitCode::SUCCESS)
}

/// A short name for a profile in a comparison: its file name without `.toml`.
fn short_name(path: &Path) -> String {
    if is_stdio(path) {
        return "stdin".to_string();
    }
    // A file name can hold control characters: shown escaped, as every name.
    path.file_stem().map_or_else(
        || display_name(path),
        |s| senco_plan::safe_text::escape_controls(&s.to_string_lossy()).into_owned(),
    )
}

/// Each scenario applied to the baseline's TOML after the `--set` edits,
/// validated like any profile.
fn scenario_candidates(
    draft: &Draft,
    edits: &[Override],
    scenarios: Vec<senco_plan::scenario::Scenario>,
) -> Result<Vec<Candidate>> {
    scenarios
        .into_iter()
        .map(|scenario| {
            let mut all = edits.to_vec();
            all.extend(scenario.edits.iter().cloned());
            Ok(Candidate {
                profile: draft.build(&all)?,
                name: scenario.name,
                source: scenario.source,
            })
        })
        .collect()
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
    let (head, points) = sweep_points(&draft, &edits, &varies, as_of)?;
    let exporter = exporter_for(&args.out);
    let output = args.out.output.as_deref().filter(|p| !is_stdio(p));
    let mut sink = Sink::open(output, &[args.file.as_path()])?;
    sink.write(&exporter.sweep_start(&head)?)?;
    // Points stream straight out, unless the format draws them as one table.
    let (mut kept, mut first, mut below, mut more_points) = (Vec::new(), true, false, 0u64);
    for point in points {
        let row = match point {
            Ok(row) => row,
            Err(err) => {
                if sink.stdout_started() {
                    sink.write(&exporter.sweep_end(&head, &[])?)?;
                    sink.finish()?;
                }
                return Err(err.into());
            }
        };
        below |= args.check.fail_under.is_some_and(|t| row.score < t);
        if exporter.keeps_points() {
            // A table of more points than this is read by no one, and would
            // hold the whole grid in memory: the rest are counted.
            if kept.len() < MAX_TABLE_POINTS {
                kept.push(row);
            } else {
                more_points += 1;
            }
        } else {
            sink.write(&exporter.sweep_point(&head, first, &row)?)?;
        }
        first = false;
    }
    sink.write(&exporter.sweep_end(&head, &kept)?)?;
    sink.finish()?;
    if more_points > 0 {
        eprintln!(
            "The table shows the first {MAX_TABLE_POINTS} points; {more_points} more were assessed but not shown: use --format csv or ndjson for every point."
        );
    }
    Ok(if below {
        ExitCode::from(EXIT_BELOW_THRESHOLD)
    } else {
        ExitCode::SUCCESS
    })
}

fn plan_command(args: &PlanArgs) -> Result<ExitCode> {
    let (edits, as_of) = edits_and_date(&args.profile)?;
    let draft = read_draft(&args.file)?;
    let profile = draft.build(&edits)?;
    let settings = PlanSettings {
        top: args.top as usize,
        frontier: args.frontier,
        ..args.sizing.settings(&profile, args.budget)
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

/// Writes to standard output, or replaces a file atomically.
fn write_output(output: Option<&Path>, inputs: &[&Path], text: &str) -> Result<()> {
    let mut sink = Sink::open(output.filter(|p| !is_stdio(p)), inputs)?;
    sink.write(text)?;
    sink.finish()
}
