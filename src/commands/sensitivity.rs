//! `senco-plan sensitivity`: what the verdict turns on (SPEC section 8).

use super::{edits_and_date, exporter_for, read_draft, write_output};
use crate::cli::SensitivityArgs;
use crate::inputs::display_name;
use anyhow::Result;
use std::process::ExitCode;

pub fn run(args: &SensitivityArgs) -> Result<ExitCode> {
    let (edits, as_of) = edits_and_date(&args.profile)?;
    let profile = read_draft(&args.file)?.build(&edits)?;
    let tornado = senco_plan::sensitivity::sensitivity(
        &display_name(&args.file),
        &profile,
        as_of,
        args.top.map(|n| n as usize),
    );
    let text = exporter_for(&args.out).sensitivity(&tornado)?;
    write_output(args.out.to.output.as_deref(), &[args.file.as_path()], &text)?;
    Ok(ExitCode::SUCCESS)
}
