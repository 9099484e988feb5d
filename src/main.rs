//! The `senco-plan` binary: reads files, calls the library, writes output.

mod cli;

use anyhow::{Context, Result, bail};
use clap::Parser;
use cli::{AssessArgs, Cli, Command};
use senco_plan::export::exporter;
use senco_plan::options::Steps;
use senco_plan::profile::{MAX_PROFILE_BYTES, Override, Profile, parse_profile};
use senco_plan::report::Report;
use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// Exit codes (SPEC section 6).
const EXIT_BELOW_THRESHOLD: u8 = 1;
const EXIT_BAD_INPUT: u8 = 2;

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Assess(args) => assess(&args),
    };
    match result {
        Ok(code) => code,
        Err(err) => {
            eprintln!("error: {err:#}");
            ExitCode::from(EXIT_BAD_INPUT)
        }
    }
}

fn display_name(path: &Path) -> String {
    if is_stdio(path) {
        "<stdin>".to_string()
    } else {
        path.display().to_string()
    }
}

fn is_stdio(path: &Path) -> bool {
    path.as_os_str() == "-"
}

/// Reads a profile's text, refusing anything that cannot be one before
/// reading it whole.
fn read_input(path: &Path) -> Result<String> {
    let name = display_name(path);
    let mut bytes = Vec::new();
    let limit = MAX_PROFILE_BYTES as u64 + 1;
    if is_stdio(path) {
        std::io::stdin()
            .take(limit)
            .read_to_end(&mut bytes)
            .context("cannot read standard input")?;
    } else {
        if path.is_dir() {
            bail!("{name} is a folder, not a profile: give the path of a .toml file");
        }
        let file = std::fs::File::open(path).map_err(|e| match e.kind() {
            std::io::ErrorKind::NotFound => {
                anyhow::anyhow!("cannot open {name}: there is no such file (check the path)")
            }
            std::io::ErrorKind::PermissionDenied => {
                anyhow::anyhow!(
                    "cannot open {name}: you are not allowed to read it (check its permissions)"
                )
            }
            _ => anyhow::anyhow!("cannot open {name}: {e}"),
        })?;
        file.take(limit)
            .read_to_end(&mut bytes)
            .with_context(|| format!("cannot read {name}"))?;
    }
    if bytes.len() as u64 >= limit {
        bail!(
            "{name} is larger than 1 MiB, far larger than any profile: check that it is a senco-plan profile"
        );
    }
    String::from_utf8(bytes).map_err(|e| {
        anyhow::anyhow!(
            "{name} is not a text file (invalid UTF-8 at byte {}): save the profile as UTF-8 text",
            e.utf8_error().valid_up_to()
        )
    })
}

fn assess(args: &AssessArgs) -> Result<ExitCode> {
    let as_of = args
        .as_of
        .unwrap_or_else(|| chrono::Local::now().date_naive());
    let overrides = args
        .set
        .iter()
        .map(|s| Override::parse(s))
        .collect::<Result<Vec<_>, String>>()
        .map_err(anyhow::Error::msg)?;
    if args.files.iter().filter(|f| is_stdio(f)).count() > 1 {
        bail!("standard input (`-`) can be read only once");
    }
    let steps = Steps {
        fewer_teaching_hours: args.fewer_teaching_hours,
        deputy_hours: args.deputy_hours,
        admin_hours: args.admin_hours,
        ..Steps::default()
    };

    // Read and validate everything first, so that bad input writes nothing.
    let mut profiles: Vec<(String, Profile)> = Vec::new();
    let mut failures = Vec::new();
    for path in &args.files {
        let name = display_name(path);
        match read_input(path) {
            Ok(text) => match parse_profile(&name, &text, &overrides, as_of) {
                Ok(profile) => profiles.push((name, profile)),
                Err(err) => failures.push(err.to_string()),
            },
            Err(err) => failures.push(format!("error: {err:#}")),
        }
    }
    if !failures.is_empty() {
        eprintln!("{}", failures.join("\n"));
        let n = failures.len();
        if args.files.len() > 1 {
            eprintln!(
                "{n} of {} profiles could not be read; nothing was written.",
                args.files.len()
            );
        }
        return Ok(ExitCode::from(EXIT_BAD_INPUT));
    }

    let reports: Vec<Report> = profiles
        .iter()
        .map(|(name, profile)| Report::new(name, profile, as_of, &steps))
        .collect();
    let text = exporter(args.format.into()).assess(&reports)?;
    write_output(args.output.as_deref(), &args.files, &text)?;

    let below = args
        .fail_under
        .is_some_and(|threshold| reports.iter().any(|r| r.assessment.score < threshold));
    Ok(if below {
        ExitCode::from(EXIT_BELOW_THRESHOLD)
    } else {
        ExitCode::SUCCESS
    })
}

/// Writes to standard output, or replaces a file atomically: a temporary
/// file beside it, then a rename, so a reader never sees half a file.
fn write_output(output: Option<&Path>, inputs: &[PathBuf], text: &str) -> Result<()> {
    let Some(path) = output.filter(|p| !is_stdio(p)) else {
        let mut stdout = std::io::stdout().lock();
        return match stdout
            .write_all(text.as_bytes())
            .and_then(|()| stdout.flush())
        {
            // A closed pipe (e.g. `| head`) is the reader's choice, not an error.
            Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
            other => other.context("cannot write to standard output"),
        };
    };
    let shown = path.display();
    if path.is_dir() {
        bail!("-o {shown} is a folder: give a file name, e.g. -o {shown}/assessment.txt");
    }
    if let Ok(target) = path.canonicalize()
        && inputs
            .iter()
            .filter_map(|i| i.canonicalize().ok())
            .any(|i| i == target)
    {
        bail!(
            "-o {shown} is one of the input profiles: choose another output file so the profile is not overwritten"
        );
    }
    let dir = match path.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent,
        _ => Path::new("."),
    };
    let mut temp = tempfile::NamedTempFile::new_in(dir).with_context(|| {
        format!(
            "cannot write {shown}: check that the folder {} exists and is writable",
            dir.display()
        )
    })?;
    temp.write_all(text.as_bytes())
        .with_context(|| format!("cannot write {shown}"))?;
    temp.persist(path)
        .map_err(|e| e.error)
        .with_context(|| format!("cannot write {shown}"))?;
    Ok(())
}
