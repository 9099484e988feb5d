//! Where output goes: standard output, or a file replaced whole (a
//! temporary file beside it, renamed at the end, so that a reader never
//! sees half a file and an error leaves the old file as it was).

use crate::inputs::Input;
use anyhow::{Context, Result, bail};
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use std::io::{BufWriter, IsTerminal, Write};
use std::path::{Path, PathBuf};

pub enum Sink {
    Stdout(BufWriter<std::io::Stdout>),
    /// The reader closed the pipe (e.g. `| head`): the rest is dropped.
    Closed,
    File {
        temp: BufWriter<tempfile::NamedTempFile>,
        path: PathBuf,
    },
}

impl Sink {
    /// Opens the output; `None` is standard output. Refuses a folder, and
    /// any of `inputs`, as the output.
    pub fn open(output: Option<&Path>, inputs: &[&Path]) -> Result<Sink> {
        let Some(path) = output else {
            return Ok(Sink::Stdout(BufWriter::new(std::io::stdout())));
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
                "-o {shown} is one of the input files: choose another output file so the input is not overwritten"
            );
        }
        let dir = match path.parent() {
            Some(parent) if !parent.as_os_str().is_empty() => parent,
            _ => Path::new("."),
        };
        let temp = tempfile::NamedTempFile::new_in(dir).with_context(|| {
            format!(
                "cannot write {shown}: check that the folder {} exists and is writable",
                dir.display()
            )
        })?;
        Ok(Sink::File {
            temp: BufWriter::new(temp),
            path: path.to_path_buf(),
        })
    }

    pub fn write(&mut self, text: &str) -> Result<()> {
        match self {
            Sink::Stdout(out) => match out.write_all(text.as_bytes()) {
                Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => {
                    *self = Sink::Closed;
                    Ok(())
                }
                other => other.context("cannot write to standard output"),
            },
            Sink::Closed => Ok(()),
            Sink::File { temp, path } => temp
                .write_all(text.as_bytes())
                .with_context(|| format!("cannot write {}", path.display())),
        }
    }

    /// Flushes standard output, or puts the file in place.
    pub fn finish(self) -> Result<()> {
        match self {
            Sink::Stdout(mut out) => match out.flush() {
                Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
                other => other.context("cannot write to standard output"),
            },
            Sink::Closed => Ok(()),
            Sink::File { temp, path } => {
                let shown = path.display();
                let temp = temp
                    .into_inner()
                    .map_err(|e| e.into_error())
                    .with_context(|| format!("cannot write {shown}"))?;
                temp.persist(&path)
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
                path.display()
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
        if let Ok(style) =
            ProgressStyle::with_template("{spinner} {pos} inputs assessed ({per_sec}, {elapsed})")
        {
            bar.set_style(style);
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
}
