//! `senco-plan audit`: a time log against the model (SPEC section 9).

use super::{check_stdin_once, edits_and_date, exporter_for, read_draft, write_output};
use crate::cli::AuditArgs;
use crate::inputs::{Kind, display_name, is_stdio, read_input, read_text};
use crate::sink::Sink;
use anyhow::{Result, bail};
use senco_plan::audit::log::{MAX_LOG_BYTES, TEMPLATE, read_log};
use senco_plan::audit::write::write_assumptions;
use senco_plan::audit::{calibratable_keys, calibrate};
use senco_plan::profile::Draft;
use std::path::Path;
use std::process::ExitCode;

pub fn run(args: &AuditArgs) -> Result<ExitCode> {
    let output = args.out.to.output.as_deref();
    let (Some(log_path), Some(profile_path)) = (&args.log, &args.school) else {
        // Clap asks for both unless --template is given. A filled-in log
        // is never replaced by a blank one.
        if let Some(path) = output.filter(|p| !is_stdio(p) && p.is_file()) {
            bail!(
                "{} already exists: the template would replace it; give a new file name",
                display_name(path)
            );
        }
        write_output(output, &[], TEMPLATE)?;
        return Ok(ExitCode::SUCCESS);
    };
    check_stdin_once(&[log_path.as_path(), profile_path.as_path()])?;
    let only = checked_only(&args.only)?;
    if args.write {
        writable_profile(profile_path)?;
        if !args.profile.set.is_empty() {
            bail!(
                "--write with --set would write rates worked out for a school other than the one in the file: drop --set, or change the profile first"
            );
        }
    }
    let (edits, as_of) = edits_and_date(&args.profile)?;
    let draft = read_draft(profile_path)?;
    let profile = draft.build(&edits)?;
    let log_text = read_text(log_path, MAX_LOG_BYTES as u64, Kind::TimeLog)?;
    let log = read_log(&display_name(log_path), &log_text, as_of)?;
    let logged = log.weeks_with_entries();
    if let Some(weeks) = args.weeks.filter(|w| (*w as usize) < logged) {
        bail!(
            "--weeks {weeks}: the log has entries in {logged} different weeks, so it covers at least {logged}; leave --weeks out to count them"
        );
    }
    let audit = calibrate(
        &profile,
        draft.file(),
        &log,
        args.weeks,
        only.as_deref(),
        as_of,
    );

    // The report is laid out and its file checked before the profile is
    // touched, and finished only after: a failure leaves neither changed.
    let text = exporter_for(&args.out).audit(&audit)?;
    let mut sink = Sink::open(
        output.filter(|p| !is_stdio(p)),
        &[log_path.as_path(), profile_path.as_path()],
    )?;
    if args.write {
        let values = audit.to_write();
        if values.is_empty() {
            eprintln!(
                "note: nothing written to {}: the log gave no rate that can be written",
                display_name(profile_path)
            );
        } else {
            let text = read_input(profile_path)?;
            let note = format!("from time log {}, {}", audit.source, audit.period());
            let written = write_assumptions(&text, &values, &note)
                .map_err(|e| anyhow::anyhow!("{}: {e}", display_name(profile_path)))?;
            // What is written must read back as the same school with the
            // new rates; if not, nothing is written.
            Draft::parse(draft.file(), &written)?.build(&edits)?;
            write_output(Some(profile_path), &[log_path.as_path()], &written)?;
            let keys: Vec<String> = values
                .iter()
                .map(|(k, v)| format!("{k} = {}", senco_plan::round::show(*v)))
                .collect();
            eprintln!(
                "wrote to {}: {}",
                display_name(profile_path),
                keys.join(", ")
            );
        }
    }
    sink.write(&text)?;
    sink.finish()?;
    Ok(ExitCode::SUCCESS)
}

/// `--only`'s keys, each one a log can calibrate.
fn checked_only(only: &[String]) -> Result<Option<Vec<String>>> {
    if only.is_empty() {
        return Ok(None);
    }
    let known = calibratable_keys();
    let mut keys = Vec::new();
    for key in only.iter().map(|k| k.trim()).filter(|k| !k.is_empty()) {
        let normal = senco_plan::profile::normal_key(key);
        let normal = normal.strip_prefix("assumptions.").unwrap_or(&normal);
        match known.iter().find(|k| **k == normal) {
            Some(k) => keys.push((*k).to_string()),
            None => bail!(
                "--only {}: not an assumption a time log can calibrate; these can be: {}",
                senco_plan::safe_text::escape_controls(key),
                known.join(", ")
            ),
        }
    }
    Ok(Some(keys))
}

/// `--write` edits the profile in place: it must be a file, writable.
fn writable_profile(path: &Path) -> Result<()> {
    let shown = display_name(path);
    if is_stdio(path) {
        bail!("--write needs the profile as a file to write the rates into, not standard input");
    }
    match std::fs::metadata(path) {
        Ok(meta) if !meta.is_file() => {
            bail!("--write: {shown} is not a regular file, so the rates cannot be written into it")
        }
        Ok(meta) if meta.permissions().readonly() => bail!(
            "--write: {shown} is read-only, so it was left as it is: make it writable first (chmod u+w)"
        ),
        _ => Ok(()),
    }
}
