//! `senco-plan assess`: one school in full, or many streamed as a batch.

use super::{
    EXIT_BAD_INPUT, EXIT_BELOW_THRESHOLD, check_stdin_once, edits_and_date, exporter_for, finish,
};
use crate::cli::{AssessArgs, BatchSort, RowSizeArgs, SizingArgs};
use crate::inputs::{self, Input, display_name, is_stdio, read_input};
use crate::sink::{OutputGuard, Progress, Sink};
use anyhow::{Result, bail};
use chrono::NaiveDate;
use rayon::prelude::*;
use senco_plan::batch::{Failure, Record, SchoolLine, Tally};
use senco_plan::export::ExportError;
use senco_plan::forecast::{ForecastSummary, forecast};
use senco_plan::plan::PlanSettings;
use senco_plan::profile::{Draft, Override};
use senco_plan::report::Report;
use senco_plan::round;
use senco_plan::uncertainty::{Draws, uncertainty};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::atomic::{AtomicBool, Ordering};

/// One input of a batch, assessed: its line for the summary, or why it
/// could not be assessed, and its record in the output format.
struct Done {
    line: Result<SchoolLine, Failure>,
    text: String,
}

/// An input of a chunk, assessed; `None` when --fail-fast stopped the
/// batch before it was (it is never written).
type Assessed = Result<Option<Done>, ExportError>;

/// What a batch keeps as its schools are written out, in order.
struct Written {
    /// The document's opening, written with the first record: a batch
    /// that finds nothing to assess writes nothing.
    start: Option<String>,
    keeps_lines: bool,
    fail_fast: bool,
    fail_under: Option<u32>,
    sink: Sink,
    progress: Progress,
    tally: Tally,
    lines: Vec<SchoolLine>,
    failed: usize,
    below: bool,
}

impl Written {
    /// Writes a chunk's records, in order; false once --fail-fast stops
    /// the batch.
    fn write(&mut self, done: Vec<Assessed>) -> Result<bool> {
        for done in done {
            let Some(done) = done? else {
                continue;
            };
            match done.line {
                Ok(line) => {
                    self.below |= self.fail_under.is_some_and(|t| line.score < t);
                    self.tally.add_line(&line);
                    if self.keeps_lines {
                        self.lines.push(line);
                    }
                }
                Err(failure) => {
                    self.tally.add_failure();
                    // A roster of bad rows would flood the terminal.
                    if self.failed < MAX_SHOWN_FAILURES {
                        self.progress.say(&failure.to_string());
                    }
                    self.failed += 1;
                }
            }
            if let Some(start) = self.start.take() {
                self.sink.write(&start)?;
            }
            self.sink.write(&done.text)?;
            self.progress.inc();
            if self.failed > 0 && self.fail_fast {
                return Ok(false);
            }
        }
        Ok(true)
    }
}

/// Failed inputs whose problems a batch prints; the rest are counted.
const MAX_SHOWN_FAILURES: usize = 50;

/// Schools go through the model this many at a time, in parallel; output
/// is written between chunks, so memory does not grow with the batch.
const CHUNK: usize = 1024;

fn assess_input(
    input: Input,
    edits: &[Override],
    as_of: NaiveDate,
    (limits, rows): (&SizingArgs, &RowSizeArgs),
    (draws, forecast_years): (Option<&Draws>, Option<u32>),
) -> Record {
    let (source, profile) = match input {
        Input::Failed(failure) => return Err(failure),
        Input::File(path) => {
            let name = display_name(&path);
            let text = read_input(&path).map_err(Failure::from)?;
            let profile = Draft::parse(&name, &text).and_then(|d| d.build(edits));
            (name, profile)
        }
        Input::Row { header, row, cells } => {
            (header.source(row), header.profile(row, &cells, edits))
        }
    };
    match profile {
        Ok(profile) => {
            let settings = PlanSettings {
                sizing: rows.sizing(),
                ..limits.settings(&profile, None)
            };
            let mut report = Report::new(&source, &profile, as_of, &settings);
            report.assessment.uncertainty =
                draws.and_then(|draws| uncertainty(&profile, as_of, draws));
            if let Some(years) = forecast_years {
                // The forecast's cost horizon is its years, as `forecast`'s.
                let settings = PlanSettings {
                    years,
                    ..limits.settings(&profile, None)
                };
                let ahead = forecast(&profile, &source, as_of, years, &settings)
                    .map_err(|e| Failure::message(&source, e.to_string()))?;
                report.forecast = Some(ForecastSummary::from(&ahead));
            }
            Ok(report)
        }
        Err(err) => Err(Failure {
            source,
            problems: err.problems,
        }),
    }
}

pub fn run(args: &AssessArgs) -> Result<ExitCode> {
    let (edits, as_of) = edits_and_date(&args.profile)?;
    let named: Vec<&Path> = args
        .files
        .iter()
        .chain(&args.roster)
        .map(PathBuf::as_path)
        .collect();
    check_stdin_once(&named)?;
    let exporter = exporter_for(&args.out);
    let draws = args.spread.draws.draws();

    // One profile: the whole report with its plausible range, or its
    // problems and nothing written.
    if let ([path], []) = (args.files.as_slice(), args.roster.as_slice())
        && !path.is_dir()
        && !args.summary_only
    {
        let report = assess_input(
            Input::File(path.clone()),
            &edits,
            as_of,
            (&args.sizing, &args.rows),
            (Some(&draws), args.forecast),
        )
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

    let output = args.out.to.output.as_deref().filter(|p| !is_stdio(p));
    let sink = Sink::open(output, &named)?;
    let guard = OutputGuard::new(output);
    let mut batch = Written {
        start: if args.summary_only {
            None
        } else {
            Some(exporter.batch_start(args.forecast)?)
        },
        keeps_lines: exporter.keeps_lines(),
        fail_fast: args.fail_fast,
        fail_under: args.check.fail_under,
        sink,
        progress: Progress::new(),
        tally: args
            .by
            .map_or_else(Tally::default, |by| Tally::grouped(by.into())),
        lines: Vec::new(),
        failed: 0,
        below: false,
    };
    let mut pending = inputs::enumerate(&args.files, &args.roster);
    let next_chunk = |pending: &mut dyn Iterator<Item = Input>| -> Result<Vec<Input>> {
        let chunk: Vec<Input> = pending.take(CHUNK).collect();
        for input in &chunk {
            guard.check(input)?;
        }
        Ok(chunk)
    };
    // One chunk is assessed while the one before is written out and the
    // one after is read in, so that neither core waits on the other.
    // Set when --fail-fast stops the batch: the chunk being assessed beside
    // it is then left unfinished (it will not be written).
    let stopping = AtomicBool::new(false);
    let assess_chunk = |chunk: Vec<Input>, first: bool| -> Vec<Assessed> {
        chunk
            .into_par_iter()
            .enumerate()
            .map(|(i, input)| {
                if stopping.load(Ordering::Relaxed) {
                    return Ok(None);
                }
                let draws = args.spread.uncertainty.then_some(&draws);
                let record = assess_input(
                    input,
                    &edits,
                    as_of,
                    (&args.sizing, &args.rows),
                    (draws, args.forecast),
                );
                // Each worker writes its school's record too: the output
                // is then only copied, in order.
                let text = if args.summary_only {
                    String::new()
                } else {
                    exporter.batch_record(first && i == 0, &record)?
                };
                Ok(Some(Done {
                    line: record.map(|report| SchoolLine::from(&report)),
                    text,
                }))
            })
            .collect()
    };
    let mut chunk = next_chunk(&mut pending)?;
    let mut assessed = Vec::new();
    let (mut first, mut stopped) = (true, false);
    loop {
        let to_write = std::mem::take(&mut assessed);
        let to_assess = std::mem::take(&mut chunk);
        let (now_assessed, written) = rayon::join(
            || assess_chunk(to_assess, first),
            || -> Result<Option<Vec<Input>>> {
                if batch.write(to_write)? {
                    next_chunk(&mut pending).map(Some)
                } else {
                    stopping.store(true, Ordering::Relaxed);
                    Ok(None)
                }
            },
        );
        first = false;
        let Some(upcoming) = written? else {
            stopped = true;
            break;
        };
        if now_assessed.is_empty() {
            break;
        }
        (assessed, chunk) = (now_assessed, upcoming);
    }
    let Written {
        mut sink,
        progress,
        tally,
        mut lines,
        failed,
        below,
        ..
    } = batch;
    progress.finish();
    match args.sort {
        BatchSort::Worst => lines.sort_by_key(|l| l.score),
        BatchSort::Best => lines.sort_by_key(|l| std::cmp::Reverse(l.score)),
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
        let in_place = sink.in_place().map(str::to_string);
        if sink.stdout_started() || output.is_none() || in_place.is_some() {
            sink.write(&end)?;
            sink.finish()?;
        }
        if failed > MAX_SHOWN_FAILURES {
            eprintln!(
                "... and {} more inputs could not be assessed (not shown).",
                failed - MAX_SHOWN_FAILURES
            );
        }
        let kept = match (output, in_place) {
            (_, Some(shown)) => format!(
                "; {shown} is not a file, so it could not be left as it was: it has a complete document, every school assessed and an error record for each that failed"
            ),
            (Some(_), None) => "; the -o file was not written (fix or leave out the inputs above, or write to standard output to keep the rest)".to_string(),
            (None, None) => String::new(),
        };
        if stopped {
            eprintln!(
                "Stopped at the first input that could not be assessed (--fail-fast): {} before it {}, the rest not read{kept}.",
                round::counted(summary.schools as u64, "school", "schools"),
                if summary.schools == 1 {
                    "was assessed"
                } else {
                    "were assessed"
                }
            );
        } else {
            eprintln!(
                "{failed} of {} inputs could not be assessed{kept}.",
                summary.schools + failed
            );
        }
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
