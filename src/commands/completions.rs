//! `senco-plan completions`: shell completions, from the same clap
//! definitions as the help.

use super::write_output;
use crate::cli::{Cli, CompletionsArgs};
use anyhow::Result;
use clap::CommandFactory;
use std::process::ExitCode;

pub fn run(args: &CompletionsArgs) -> Result<ExitCode> {
    let mut command = Cli::command();
    let mut text = Vec::new();
    clap_complete::generate(args.shell, &mut command, "senco-plan", &mut text);
    write_output(None, &[], &String::from_utf8_lossy(&text))?;
    Ok(ExitCode::SUCCESS)
}
