//! `senco-plan man`: manual pages from the same clap definitions as the
//! help: `senco-plan(1)`, which lists the commands, and with `--dir` one
//! page a command, `senco-plan-assess(1)` and the rest, with every option.

use super::write_output;
use crate::cli::ManArgs;
use anyhow::{Context, Result};
use std::path::Path;
use std::process::ExitCode;

fn render(command: clap::Command) -> Result<String> {
    let mut text = Vec::new();
    clap_mangen::Man::new(command)
        .render(&mut text)
        .context("cannot render the manual page")?;
    Ok(String::from_utf8_lossy(&text).into_owned())
}

/// Every page: `senco-plan.1` and `senco-plan-COMMAND.1` for each command
/// a user sees, each command named as its page is.
pub fn pages() -> Result<Vec<(String, String)>> {
    let top = crate::cli::command();
    let mut pages = vec![("senco-plan.1".to_string(), render(top.clone())?)];
    for sub in top.get_subcommands().filter(|s| !s.is_hide_set()) {
        let name = format!("senco-plan-{}", sub.get_name());
        let command = sub
            .clone()
            .name(name.clone())
            .version(top.get_version().unwrap_or_default().to_string());
        pages.push((format!("{name}.1"), render(command)?));
    }
    Ok(pages)
}

pub fn run(args: &ManArgs) -> Result<ExitCode> {
    let Some(dir) = &args.dir else {
        write_output(None, &[], &render(crate::cli::command())?)?;
        return Ok(ExitCode::SUCCESS);
    };
    std::fs::create_dir_all(dir)
        .with_context(|| format!("cannot create the folder {}", dir.display()))?;
    let pages = pages()?;
    for (name, text) in &pages {
        write_output(Some(&dir.join(name)), &[], text)?;
    }
    eprintln!(
        "Wrote {} manual pages to {}: read them with `man {}`.",
        pages.len(),
        dir.display(),
        Path::new(dir).join("senco-plan.1").display()
    );
    Ok(ExitCode::SUCCESS)
}
