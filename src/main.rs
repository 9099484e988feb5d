//! The senco-plan command line: parses arguments and hands each command to
//! its module in `commands`; everything it computes is in the library.

mod cli;
mod commands;
mod inputs;
mod sink;

use clap::FromArgMatches;
use cli::{Cli, Command};
use commands::EXIT_BAD_INPUT;
use senco_plan::batch::Failure;
use senco_plan::profile::ProfileError;
use std::process::ExitCode;

fn main() -> ExitCode {
    sink::remove_temporary_files_on_signals();
    let cli = match cli::command()
        .try_get_matches()
        .and_then(|matches| Cli::from_arg_matches(&matches))
    {
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
        Command::Assess(args) => commands::assess::run(&args),
        Command::Compare(args) => commands::compare::run(&args),
        Command::Sweep(args) => commands::sweep::run(&args),
        Command::Plan(args) => commands::plan::run(&args),
        Command::Sensitivity(args) => commands::sensitivity::run(&args),
        Command::Audit(args) => commands::audit::run(&args),
        Command::Forecast(args) => commands::forecast::run(&args),
        Command::Explain(args) => commands::explain::run(&args),
        Command::Report(args) => commands::report::run(&args),
        Command::Init(args) => commands::init::run(&args),
        Command::Schema(args) => commands::schema::run(&args),
        Command::Completions(args) => commands::completions::run(&args),
        Command::Man(args) => commands::man::run(&args),
        Command::GenProfiles(args) => commands::gen_profiles::run(&args),
        Command::Roster(crate::cli::RosterCommand::FromDfe(args)) => {
            commands::roster::from_dfe(&args)
        }
        Command::GenDfe(args) => commands::roster::gen_dfe(&args),
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
