//! One module per command: each takes its parsed arguments (`crate::cli`)
//! and returns the exit code; what several commands share is here.

pub mod assess;
pub mod audit;
pub mod compare;
pub mod completions;
pub mod explain;
pub mod forecast;
pub mod gen_profiles;
pub mod init;
pub mod man;
pub mod plan;
pub mod report;
pub mod roster;
pub mod schema;
pub mod sensitivity;
pub mod sweep;

use crate::cli::{ColorArg, FailUnder, OutputArgs, ProfileArgs, ScenarioArgs};
use crate::inputs::{display_name, is_stdio, read_input};
use crate::sink::Sink;
use anyhow::{Result, bail};
use senco_plan::compare::Candidate;
use senco_plan::export::{Exporter, exporter};
use senco_plan::profile::{Draft, Override};
use std::io::IsTerminal;
use std::path::Path;
use std::process::ExitCode;

/// Exit codes (SPEC section 6).
pub const EXIT_BELOW_THRESHOLD: u8 = 1;

pub const EXIT_BAD_INPUT: u8 = 2;

pub fn read_draft(path: &Path) -> Result<Draft> {
    let text = read_input(path)?;
    Ok(Draft::parse(&display_name(path), &text)?)
}

pub fn check_stdin_once(paths: &[&Path]) -> Result<()> {
    if paths.iter().filter(|p| is_stdio(p)).count() > 1 {
        bail!("standard input (`-`) can be read only once");
    }
    Ok(())
}

/// The `--set` edits and the assessment date.
pub fn edits_and_date(args: &ProfileArgs) -> Result<(Vec<Override>, chrono::NaiveDate)> {
    let edits = args
        .set
        .iter()
        .map(|s| Override::parse(s))
        .collect::<Result<Vec<_>, String>>()
        .map_err(anyhow::Error::msg)?;
    let as_of = args
        .as_of
        .unwrap_or_else(|| chrono::Local::now().date_naive());
    Ok((edits, as_of))
}

/// The exporter for the output, with charts only when a person reads it
/// on a terminal.
pub fn exporter_for(out: &OutputArgs) -> Box<dyn Exporter> {
    let to_stdout = out.to.output.as_deref().is_none_or(is_stdio);
    let terminal = to_stdout && std::io::stdout().is_terminal();
    // Tables fit the terminal; a terminal that will not say gets 80 columns.
    let width = terminal
        .then(|| terminal_size::terminal_size().map_or(80, |(terminal_size::Width(w), _)| w));
    let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
    let colour = match out.color {
        ColorArg::Always => true,
        ColorArg::Never => false,
        ColorArg::Auto => terminal && !no_color,
    };
    exporter(out.format.into(), width, colour)
}

pub fn finish(
    out: &OutputArgs,
    check: &FailUnder,
    inputs: &[&Path],
    text: &str,
    scores: impl Iterator<Item = u32>,
) -> Result<ExitCode> {
    write_output(out.to.output.as_deref(), inputs, text)?;
    let mut scores = scores;
    let below = check
        .fail_under
        .is_some_and(|threshold| scores.any(|s| s < threshold));
    Ok(if below {
        ExitCode::from(EXIT_BELOW_THRESHOLD)
    } else {
        ExitCode::SUCCESS
    })
}

/// Writes to standard output, or replaces a file atomically.
pub fn write_output(output: Option<&Path>, inputs: &[&Path], text: &str) -> Result<()> {
    let mut sink = Sink::open(output.filter(|p| !is_stdio(p)), inputs)?;
    sink.write(text)?;
    sink.finish()
}

/// A short name for a profile in a comparison: its file name without `.toml`.
pub fn short_name(path: &Path) -> String {
    if is_stdio(path) {
        return "stdin".to_string();
    }
    // A file name can hold control characters: shown escaped, as every name.
    path.file_stem().map_or_else(
        || display_name(path),
        |s| senco_plan::safe_text::escape_controls(&s.to_string_lossy()).into_owned(),
    )
}

/// Each scenario applied to the baseline's TOML after the `--set` edits,
/// validated like any profile.
pub fn scenario_candidates(
    draft: &Draft,
    edits: &[Override],
    scenarios: Vec<senco_plan::scenario::Scenario>,
) -> Result<Vec<Candidate>> {
    scenarios
        .into_iter()
        .map(|scenario| {
            let mut all = edits.to_vec();
            all.extend(scenario.edits.iter().cloned());
            Ok(Candidate {
                profile: draft.build(&all)?,
                name: scenario.name,
                source: scenario.source,
            })
        })
        .collect()
}

/// The scenarios of `--scenario` and `--scenario-file`, in that order. A
/// value that belongs to the other flag (a scenario given as a file name,
/// or a file given as a scenario) is refused with the flag to use.
pub fn load_scenarios(args: &ScenarioArgs) -> Result<Vec<senco_plan::scenario::Scenario>> {
    let mut scenarios = Vec::new();
    for text in &args.scenario {
        if !text.contains('=') && (text.ends_with(".toml") || Path::new(text).is_file()) {
            bail!(
                "--scenario '{}' looks like a file: give a scenario file with --scenario-file {0}",
                senco_plan::safe_text::escape_controls(text)
            );
        }
        scenarios.push(senco_plan::scenario::parse_scenario_arg(text).map_err(anyhow::Error::msg)?);
    }
    if let Some(file) = &args.scenario_file {
        let named = file.to_string_lossy();
        if !is_stdio(file) && !file.exists() && named.contains(':') && named.contains('=') {
            bail!(
                "--scenario-file '{}' looks like a scenario, not a file: give it with --scenario '{0}'",
                senco_plan::safe_text::escape_controls(&named)
            );
        }
        let text = read_input(file)?;
        scenarios.extend(senco_plan::scenario::parse_scenario_file(
            &display_name(file),
            &text,
        )?);
    }
    Ok(scenarios)
}
