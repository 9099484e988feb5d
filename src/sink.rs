//! Where output goes (SPEC section 12): standard output; a regular file
//! replaced whole (a temporary file beside it, renamed at the end, so that
//! a reader never sees half a file and an error leaves the old file as it
//! was); or, for what is not a regular file (`/dev/null`, a FIFO), the
//! thing itself, written in place and never replaced. Symbolic links are
//! followed, so the link stays and its target is written.

use crate::inputs::{Input, display_name};
use anyhow::{Context, Result, bail};
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use std::fs::{File, Permissions};
use std::io::{BufWriter, IsTerminal, Write};
use std::os::unix::fs::{MetadataExt, PermissionsExt};
use std::path::{Path, PathBuf};
use std::sync::Mutex;

/// Temporary files not yet renamed into place, removed if the run is
/// interrupted (Ctrl-C, SIGTERM, SIGHUP).
static PENDING: Mutex<Vec<PathBuf>> = Mutex::new(Vec::new());

/// The exit code of a run stopped by a signal (as a shell reports Ctrl-C).
const EXIT_INTERRUPTED: i32 = 130;

/// Installs the handler that removes pending temporary files on Ctrl-C,
/// SIGTERM or SIGHUP, then ends the run.
pub fn remove_temporary_files_on_signals() {
    // Without a handler the run still stops; only the cleanup is lost.
    let _ = ctrlc::set_handler(|| {
        let removed = PENDING.lock().map_or(0, |pending| {
            pending
                .iter()
                .filter(|path| std::fs::remove_file(path).is_ok())
                .count()
        });
        if removed > 0 {
            eprintln!("Interrupted: the unfinished output was removed; the -o file is as it was.");
        } else {
            eprintln!("Interrupted.");
        }
        std::process::exit(EXIT_INTERRUPTED);
    });
}

/// A temporary file's path on the pending list while this lives.
pub struct Pending(PathBuf);

impl Pending {
    fn new(path: &Path) -> Pending {
        if let Ok(mut pending) = PENDING.lock() {
            pending.push(path.to_path_buf());
        }
        Pending(path.to_path_buf())
    }
}

impl Drop for Pending {
    fn drop(&mut self) {
        if let Ok(mut pending) = PENDING.lock() {
            pending.retain(|p| p != &self.0);
        }
    }
}

pub enum Sink {
    Stdout {
        out: BufWriter<std::io::Stdout>,
        /// Some of the document has been written.
        started: bool,
    },
    /// The reader closed the pipe (e.g. `| head`): the rest is dropped.
    Closed,
    /// A device or FIFO, written in place.
    InPlace {
        file: BufWriter<File>,
        shown: String,
    },
    File {
        temp: BufWriter<tempfile::NamedTempFile>,
        /// The regular file that will be replaced (symlinks resolved).
        target: PathBuf,
        shown: String,
        _pending: Pending,
    },
}

/// Follows a chain of symbolic links to the path they end at, even when
/// that path does not exist yet (a link to a file `-o` will create).
fn resolve_links(path: &Path) -> Result<PathBuf> {
    let mut current = path.to_path_buf();
    // As the kernel does, give up after 40 links.
    for _ in 0..40 {
        match std::fs::symlink_metadata(&current) {
            Ok(meta) if meta.file_type().is_symlink() => {
                let next = std::fs::read_link(&current).with_context(|| {
                    format!("cannot follow the link {}", display_name(&current))
                })?;
                current = match current.parent() {
                    Some(parent) => parent.join(next),
                    None => next,
                };
            }
            _ => return Ok(current),
        }
    }
    bail!(
        "-o {}: the symbolic links loop: point -o at a file",
        display_name(path)
    )
}

impl Sink {
    /// Opens the output; `None` is standard output. Refuses a folder, a
    /// read-only file, and any of `inputs`, as the output.
    pub fn open(output: Option<&Path>, inputs: &[&Path]) -> Result<Sink> {
        let Some(path) = output else {
            return Ok(Sink::Stdout {
                out: BufWriter::new(std::io::stdout()),
                started: false,
            });
        };
        let shown = display_name(path);
        if let Ok(target) = path.canonicalize()
            && inputs
                .iter()
                .filter_map(|i| i.canonicalize().ok())
                .any(|i| i == target)
        {
            bail!(
                "-o {shown} is one of the input files: choose another output file so the input is not overwritten"
            );
        }
        match std::fs::metadata(path) {
            Ok(meta) if meta.is_dir() => {
                let folder = shown.trim_end_matches('/');
                bail!(
                    "-o {shown} is a folder: give the name of a file in it, e.g. -o {folder}/NAME"
                )
            }
            Ok(meta) if !meta.is_file() => {
                let file = std::fs::OpenOptions::new()
                    .write(true)
                    .open(path)
                    .with_context(|| format!("cannot write to {shown}"))?;
                Ok(Sink::InPlace {
                    file: BufWriter::new(file),
                    shown,
                })
            }
            Ok(meta) => {
                if meta.permissions().readonly() {
                    bail!(
                        "-o {shown} is read-only, so it was left as it is: choose another file, or make it writable first (chmod u+w)"
                    );
                }
                let target = path
                    .canonicalize()
                    .with_context(|| format!("cannot write {shown}"))?;
                // Opening without truncating asks whether the user may
                // write it, as the shell's `>` would, and changes nothing.
                if let Err(err) = std::fs::OpenOptions::new().write(true).open(&target)
                    && err.kind() == std::io::ErrorKind::PermissionDenied
                {
                    bail!(
                        "-o {shown}: you are not allowed to write this file, so it was left as it is: choose another file"
                    );
                }
                // The file keeps its mode and owner, less set-user and
                // set-group ID: new content is not what was trusted to run.
                let mode = Permissions::from_mode(meta.permissions().mode() & 0o1777);
                let sink = Sink::temporary(target, shown, Some(mode))?;
                if let Sink::File { temp, .. } = &sink {
                    // Only root may give a file away; others keep their own.
                    let _ = std::os::unix::fs::fchown(
                        temp.get_ref().as_file(),
                        Some(meta.uid()),
                        Some(meta.gid()),
                    );
                }
                Ok(sink)
            }
            Err(_) => Sink::temporary(resolve_links(path)?, shown, None),
        }
    }

    /// A temporary file beside `target`, with the mode the target has, or
    /// for a new file the mode the umask gives (0666 less the umask).
    fn temporary(target: PathBuf, shown: String, mode: Option<Permissions>) -> Result<Sink> {
        let dir = match target.parent() {
            Some(parent) if !parent.as_os_str().is_empty() => parent.to_path_buf(),
            _ => PathBuf::from("."),
        };
        // The reason in words: the temporary file's own name means nothing
        // to the reader.
        let temp = tempfile::Builder::new()
            .permissions(Permissions::from_mode(0o666))
            .tempfile_in(&dir)
            .map_err(|err| {
                let why = match err.kind() {
                    std::io::ErrorKind::NotFound => "there is no such folder".to_string(),
                    std::io::ErrorKind::PermissionDenied => {
                        "you may not write in that folder".to_string()
                    }
                    kind => kind.to_string(),
                };
                anyhow::anyhow!(
                    "cannot write {shown}: {why} ({}): check the path",
                    display_name(&dir)
                )
            })?;
        if let Some(mode) = mode {
            temp.as_file()
                .set_permissions(mode)
                .with_context(|| format!("cannot write {shown}"))?;
        }
        let pending = Pending::new(temp.path());
        Ok(Sink::File {
            temp: BufWriter::new(temp),
            target,
            shown,
            _pending: pending,
        })
    }

    /// Whether part of a document has gone to standard output, which must
    /// then be closed even when the run fails (SPEC section 12).
    pub fn stdout_started(&self) -> bool {
        matches!(self, Sink::Stdout { started: true, .. } | Sink::Closed)
    }

    /// A device or FIFO written in place: what has gone to it cannot be
    /// taken back, so a failed run completes the document there too.
    pub fn in_place(&self) -> Option<&str> {
        match self {
            Sink::InPlace { shown, .. } => Some(shown),
            _ => None,
        }
    }

    pub fn write(&mut self, text: &str) -> Result<()> {
        match self {
            Sink::Stdout { out, started } => match out.write_all(text.as_bytes()) {
                Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => {
                    *self = Sink::Closed;
                    Ok(())
                }
                other => {
                    *started |= !text.is_empty();
                    other.context("cannot write to standard output")
                }
            },
            Sink::Closed => Ok(()),
            Sink::InPlace { file, shown } => file
                .write_all(text.as_bytes())
                .with_context(|| format!("cannot write to {shown}")),
            Sink::File { temp, shown, .. } => temp
                .write_all(text.as_bytes())
                .with_context(|| format!("cannot write {shown}")),
        }
    }

    /// Flushes standard output or the device, or puts the file in place.
    pub fn finish(self) -> Result<()> {
        match self {
            Sink::Stdout { mut out, .. } => match out.flush() {
                Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
                other => other.context("cannot write to standard output"),
            },
            Sink::Closed => Ok(()),
            Sink::InPlace { mut file, shown } => file
                .flush()
                .with_context(|| format!("cannot write to {shown}")),
            Sink::File {
                temp,
                target,
                shown,
                _pending,
            } => {
                let temp = temp
                    .into_inner()
                    .map_err(|e| e.into_error())
                    .with_context(|| format!("cannot write {shown}"))?;
                temp.persist(&target)
                    .map_err(|e| e.error)
                    .with_context(|| format!("cannot write {shown}"))?;
                Ok(())
            }
        }
    }
}

/// Stops a batch that would write its output over one of its inputs
/// (found in a folder, so not known before the batch starts).
pub struct OutputGuard(Option<PathBuf>);

impl OutputGuard {
    pub fn new(output: Option<&Path>) -> OutputGuard {
        OutputGuard(output.and_then(|p| p.canonicalize().ok()))
    }

    pub fn check(&self, input: &Input) -> Result<()> {
        if let (Some(out), Input::File(path)) = (&self.0, input)
            && path.canonicalize().is_ok_and(|p| &p == out)
        {
            bail!(
                "-o {} is one of the input files: choose another output file so the input is not overwritten",
                display_name(path)
            );
        }
        Ok(())
    }
}

/// Inputs a batch must have before a progress bar is worth showing.
const PROGRESS_AFTER: u64 = 50;

/// A count of schools assessed on standard error, shown only on a
/// terminal and only once a batch passes 50 inputs.
pub struct Progress {
    bar: ProgressBar,
    terminal: bool,
}

impl Progress {
    pub fn new() -> Progress {
        let bar = ProgressBar::with_draw_target(None, ProgressDrawTarget::hidden());
        if let Ok(style) = ProgressStyle::with_template(
            "{spinner} {pos} inputs assessed ({rate} a second, {elapsed})",
        ) {
            // Whole schools a second, with thousands separated: not
            // "5468.7354/s".
            bar.set_style(style.with_key(
                "rate",
                |state: &indicatif::ProgressState, w: &mut dyn std::fmt::Write| {
                    let _ = w.write_str(&senco_plan::round::count(
                        state.per_sec().max(0.0).round() as u64,
                    ));
                },
            ));
        }
        Progress {
            bar,
            terminal: std::io::stderr().is_terminal(),
        }
    }

    pub fn inc(&self) {
        self.bar.inc(1);
        if self.terminal && self.bar.position() == PROGRESS_AFTER + 1 {
            self.bar.set_draw_target(ProgressDrawTarget::stderr());
        }
    }

    pub fn finish(&self) {
        self.bar.finish_and_clear();
    }

    /// A line on standard error, with the count cleared first and drawn
    /// again after, so the two never share a line.
    pub fn say(&self, line: &str) {
        self.bar.suspend(|| eprintln!("{line}"));
    }
}
