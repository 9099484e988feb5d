//! `senco-plan completions`: shell completions, from the same clap
//! definitions as the help.

use super::write_output;
use crate::cli::CompletionsArgs;
use anyhow::Result;
use std::process::ExitCode;

pub fn run(args: &CompletionsArgs) -> Result<ExitCode> {
    // clap_complete offers hidden commands too; a user's shell should not
    // suggest the benchmark helper, so only the visible ones are kept.
    let top = crate::cli::command();
    let visible: Vec<clap::Command> = top
        .get_subcommands()
        .filter(|s| !s.is_hide_set())
        .cloned()
        .collect();
    let mut command = clap::Command::new(top.get_name().to_string())
        .version(top.get_version().unwrap_or_default().to_string())
        .about(top.get_about().cloned().unwrap_or_default())
        .subcommands(visible);
    let mut text = Vec::new();
    clap_complete::generate(args.shell, &mut command, "senco-plan", &mut text);
    write_output(None, &[], &String::from_utf8_lossy(&text))?;
    Ok(ExitCode::SUCCESS)
}
