//! `senco-plan sweep`: keys over ranges or lists, every combination assessed.

use super::{EXIT_BELOW_THRESHOLD, edits_and_date, exporter_for, read_draft};
use crate::cli::SweepArgs;
use crate::inputs::is_stdio;
use crate::sink::Sink;
use anyhow::{Result, bail};
use senco_plan::sweep::{grid_size, parse_vary, points as sweep_points};
use std::process::ExitCode;

/// Sweep points a table or Markdown shows.
const MAX_TABLE_POINTS: usize = 10_000;

/// A sweep with `--uncertainty` assesses each point once a draw: at most
/// this many assessments (about a minute on two cores).
const MAX_RANGED_ASSESSMENTS: u64 = 20_000_000;

pub fn run(args: &SweepArgs) -> Result<ExitCode> {
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
    let (mut head, points) = sweep_points(&draft, &edits, &varies, as_of)?;
    let draws = args.spread.draws.draws();
    let points = if args.spread.uncertainty {
        // Every point is assessed once a draw: the grid and the draws
        // together are bounded as the grid alone is.
        let work = grid_size(&varies)
            .map_err(anyhow::Error::msg)?
            .saturating_mul(u64::from(args.spread.draws.samples));
        if work > MAX_RANGED_ASSESSMENTS {
            bail!(
                "{work} assessments (the grid's points x {} draws) is more than the {MAX_RANGED_ASSESSMENTS} a sweep with --uncertainty may take: use fewer values or fewer --samples",
                args.spread.draws.samples
            );
        }
        head.ranged = true;
        points.with_draws(&draws)
    } else {
        points
    };
    let exporter = exporter_for(&args.out);
    let output = args.out.to.output.as_deref().filter(|p| !is_stdio(p));
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
