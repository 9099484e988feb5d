//! `senco-plan schema`: the profile's JSON Schema, for editors.

use super::write_output;
use crate::cli::SchemaArgs;
use anyhow::Result;
use std::process::ExitCode;

pub fn run(args: &SchemaArgs) -> Result<ExitCode> {
    write_output(
        args.to.output.as_deref(),
        &[],
        &senco_plan::schema::profile_schema(),
    )?;
    Ok(ExitCode::SUCCESS)
}
