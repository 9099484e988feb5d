//! `senco-plan init`: a profile to fill in, and its schema beside it.

use super::write_output;
use crate::cli::InitArgs;
use crate::inputs::{display_name, is_stdio};
use anyhow::{Result, bail};
use std::path::Path;
use std::process::ExitCode;

/// The schema's file name, written beside a new profile for editors.
const SCHEMA_FILE: &str = "senco-plan.schema.json";

pub fn run(args: &InitArgs) -> Result<ExitCode> {
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
