//! `senco-plan explain`: every number with its basis, and a school's working.

use super::{edits_and_date, exporter_for, read_draft, write_output};
use crate::cli::ExplainArgs;
use crate::inputs::display_name;
use anyhow::Result;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

pub fn run(args: &ExplainArgs) -> Result<ExitCode> {
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
    write_output(args.out.to.output.as_deref(), &inputs, &text)?;
    Ok(ExitCode::SUCCESS)
}
