//! `senco-plan roster from-dfe`: the DfE's school-level file into a roster
//! (SPEC section 11), streamed a row at a time.

use super::{EXIT_BELOW_THRESHOLD, write_output};
use crate::cli::{FromDfeArgs, GenDfeArgs};
use crate::inputs::{csv_table, is_stdio};
use crate::sink::Sink;
use anyhow::{Result, anyhow};
use senco_plan::dfe::{DfeHeader, Filters, NATIONAL_COLUMNS, Outcome, ROSTER_COLUMNS};
use senco_plan::round::count;
use senco_plan::safe_text::csv_cell;
use std::process::ExitCode;

/// Skipped schools listed on standard error; the rest are counted.
const MAX_LISTED: usize = 50;

/// One CSV line, every cell through the formula guard.
fn csv_line<S: AsRef<str>>(cells: &[S]) -> Result<String> {
    let mut writer = csv::Writer::from_writer(Vec::new());
    writer.write_record(cells.iter().map(|c| csv_cell(c.as_ref()).into_owned()))?;
    let bytes = writer.into_inner().map_err(|e| anyhow!("{e}"))?;
    Ok(String::from_utf8(bytes)?)
}

pub fn from_dfe(args: &FromDfeArgs) -> Result<ExitCode> {
    let table = csv_table(&args.file, "the DfE file").map_err(|f| anyhow!(f))?;
    let header = DfeHeader::new(&table.name, &table.header)?;
    let filters = Filters {
        urns: args.urn.iter().copied().collect(),
        las: args.la.clone(),
        phase: args.phase.map(Into::into),
        include_independent: args.include_independent,
    };
    let output = args.to.output.as_deref().filter(|p| !is_stdio(p));
    let mut sink = Sink::open(output, &[args.file.as_path()])?;
    let national = args.senco_defaults.is_some();
    let mut columns: Vec<&str> = ROSTER_COLUMNS.to_vec();
    if national {
        columns.extend(NATIONAL_COLUMNS);
    }
    sink.write(&csv_line(&columns)?)?;
    let (mut written, mut skipped, mut unwanted) = (0u64, 0usize, 0u64);
    // A URN written twice would be one school assessed twice.
    let mut urns = std::collections::HashSet::new();
    for row in table.rows {
        let (row, record) = match row {
            Ok(read) => read,
            Err((row, why, true)) => return Err(anyhow!("{}, row {row}: {why}", table.name)),
            // A row that is not UTF-8 (a name saved from Excel in
            // Windows-1252) is skipped, not the whole file.
            Err((row, why, false)) => {
                if skipped < MAX_LISTED {
                    eprintln!("skipped: {}, row {row}: {why}", table.name);
                }
                skipped += 1;
                continue;
            }
        };
        match header.read(&record, &filters) {
            Outcome::School(school) if !urns.insert(school.urn) => {
                if skipped < MAX_LISTED {
                    eprintln!(
                        "skipped: {}, row {row} (URN {}): the URN is on an earlier row too; only the first is kept",
                        table.name, school.urn
                    );
                }
                skipped += 1;
            }
            Outcome::School(school) => {
                if let Some(note) = &school.note {
                    eprintln!(
                        "note: {}, row {row} (URN {}): {note}",
                        table.name, school.urn
                    );
                }
                sink.write(&csv_line(&school.roster_row(national))?)?;
                written += 1;
            }
            Outcome::Filtered => unwanted += 1,
            Outcome::Skipped(urn, why) => {
                if skipped < MAX_LISTED {
                    let urn = urn.map_or(String::new(), |u| format!(" (URN {u})"));
                    eprintln!("skipped: {}, row {row}{urn}: {why}", table.name);
                }
                skipped += 1;
            }
        }
    }
    if skipped > MAX_LISTED {
        eprintln!(
            "... and {} more schools skipped (not listed).",
            skipped - MAX_LISTED
        );
    }
    let next = if written == 0 {
        "No school matched: check --urn, --la and --phase; nothing was written to -o."
    } else if national {
        "The SENCO's figures are national ones, listed in the assumed column: replace them with each school's own where known, then run senco-plan assess --roster."
    } else {
        "Fill in each school's senco.teaching-hours and senco.senco-hours, then run senco-plan assess --roster."
    };
    eprintln!(
        "{} written, {} skipped, {} left out by the filters. {next}",
        senco_plan::round::counted(written, "school", "schools"),
        count(skipped as u64),
        count(unwanted)
    );
    if written == 0 {
        // Nothing matched: an -o file is left as it was (the sink's
        // temporary file goes with it).
        return Ok(ExitCode::from(EXIT_BELOW_THRESHOLD));
    }
    sink.finish()?;
    Ok(ExitCode::SUCCESS)
}

pub fn gen_dfe(args: &GenDfeArgs) -> Result<ExitCode> {
    let text = senco_plan::generate::dfe_file(args.count, args.seed);
    write_output(args.to.output.as_deref(), &[], &text)?;
    Ok(ExitCode::SUCCESS)
}
