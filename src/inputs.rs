//! Where profiles come from: files, folders, standard input and CSV
//! rosters, enumerated lazily so that a batch never holds every input.

use anyhow::Result;
use senco_plan::batch::Failure;
use senco_plan::profile::MAX_PROFILE_BYTES;
use senco_plan::roster::RosterHeader;
use senco_plan::safe_text::escape_controls;
use std::io::{BufRead, Read};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};

pub fn is_stdio(path: &Path) -> bool {
    path.as_os_str() == "-"
}

/// A path as messages and outputs show it: `<stdin>` for `-`, and any
/// control character in a file name escaped (SPEC section 12).
pub fn display_name(path: &Path) -> String {
    if is_stdio(path) {
        "<stdin>".to_string()
    } else {
        escape_controls(&path.to_string_lossy()).into_owned()
    }
}

/// Reads an input's text, refusing anything that cannot be a profile or
/// scenario file before reading it whole.
pub fn read_input(path: &Path) -> Result<String, Unreadable> {
    read_text(path, MAX_PROFILE_BYTES as u64, Kind::Profile)
}

/// What a text input is, for its size limit and messages.
#[derive(Clone, Copy)]
pub enum Kind {
    Profile,
    TimeLog,
}

/// An input that cannot be read as text: the file as messages name it,
/// and what is wrong, each kept apart so that a batch's error record
/// names the file once.
#[derive(Debug)]
pub struct Unreadable {
    pub file: String,
    pub reason: String,
}

impl std::fmt::Display for Unreadable {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.file, self.reason)
    }
}

impl std::error::Error for Unreadable {}

impl From<Unreadable> for Failure {
    fn from(e: Unreadable) -> Failure {
        Failure::message(&e.file, e.reason)
    }
}

/// Reads a text input of at most `limit` bytes; a larger one (or
/// `/dev/zero`) is refused after reading `limit` bytes, never more.
pub fn read_text(path: &Path, limit: u64, kind: Kind) -> Result<String, Unreadable> {
    let (what, folder_hint, size) = match kind {
        Kind::Profile => ("a profile", "give the path of a .toml file", "1 MiB"),
        Kind::TimeLog => ("a time log", "give the path of a .csv file", "16 MiB"),
    };
    let fail = |reason: String| Unreadable {
        file: display_name(path),
        reason,
    };
    let mut bytes = Vec::new();
    let limit = limit + 1;
    if is_stdio(path) {
        std::io::stdin()
            .take(limit)
            .read_to_end(&mut bytes)
            .map_err(|e| fail(format!("it cannot be read: {e}")))?;
    } else {
        let file = std::fs::File::open(path).map_err(|e| {
            fail(match e.kind() {
                std::io::ErrorKind::NotFound => {
                    "there is no such file (check the path)".to_string()
                }
                std::io::ErrorKind::PermissionDenied => {
                    "you are not allowed to read it (check its permissions)".to_string()
                }
                _ => format!("it cannot be opened: {e}"),
            })
        })?;
        // One look at the open file: a folder opens, but is no profile;
        // a regular file's size sizes the buffer (a device says 0).
        let meta = file.metadata().ok();
        if meta.as_ref().is_some_and(std::fs::Metadata::is_dir) {
            return Err(fail(format!("it is a folder, not {what}: {folder_hint}")));
        }
        let expected = meta.map_or(0, |m| m.len()).min(limit);
        bytes.reserve_exact(usize::try_from(expected).unwrap_or(0) + 1);
        file.take(limit)
            .read_to_end(&mut bytes)
            .map_err(|e| fail(format!("it cannot be read: {e}")))?;
    }
    if bytes.len() as u64 >= limit {
        return Err(fail(format!(
            "it is larger than {size}, far larger than {what}: check that it is {what} for senco-plan"
        )));
    }
    let save_as = match kind {
        Kind::Profile => "save it as UTF-8 text",
        Kind::TimeLog => "save it as \"CSV UTF-8\" (Excel: File, Save As, CSV UTF-8)",
    };
    let text = String::from_utf8(bytes).map_err(|e| {
        fail(format!(
            "it is not a text file (invalid UTF-8 at byte {}): {save_as}",
            e.utf8_error().valid_up_to()
        ))
    })?;
    // Valid UTF-8 that starts with a NUL byte or holds several is binary
    // (a macOS `._` file beside the real one); a single stray NUL in a
    // text file is left for the reader to point at, by line and column.
    if text.starts_with('\0') || text.bytes().filter(|b| *b == 0).nth(1).is_some() {
        return Err(fail(format!(
            "it is not a text file (it holds NUL bytes): {save_as}"
        )));
    }
    Ok(text)
}

/// One school to assess, or an input that failed before it could be one.
pub enum Input {
    File(PathBuf),
    Row {
        header: Arc<RosterHeader>,
        row: usize,
        cells: csv::StringRecord,
    },
    Failed(Failure),
}

/// The files named, with folders searched for `*.toml` in a stable
/// sorted order; a symbolic-link loop or unreadable folder is a failed input.
fn files(paths: &[PathBuf]) -> impl Iterator<Item = Input> + Send + '_ {
    paths
        .iter()
        .flat_map(|path| -> Box<dyn Iterator<Item = Input> + Send> {
            if !path.is_dir() {
                return Box::new(std::iter::once(Input::File(path.clone())));
            }
            let walk = walkdir::WalkDir::new(path)
                .follow_links(true)
                .sort_by_file_name()
                .into_iter()
                .filter_map(|entry| match entry {
                    Ok(e) if e.file_type().is_dir() => None,
                    Ok(e)
                        if e.path()
                            .extension()
                            .is_some_and(|x| x.eq_ignore_ascii_case("toml")) =>
                    {
                        if e.file_type().is_file() {
                            return Some(Input::File(e.into_path()));
                        }
                        // A FIFO would block the batch, a device never
                        // end: said, and left out.
                        eprintln!(
                            "warning: {}: not a regular file (a pipe, device or socket); it was skipped",
                            display_name(e.path())
                        );
                        None
                    }
                    Ok(_) => None,
                    Err(err) => {
                        let at = err
                            .path()
                            .map_or_else(|| display_name(path), display_name);
                        if err.loop_ancestor().is_some() {
                            // Not a school: a warning, and the batch goes on.
                            eprintln!(
                                "warning: {at}: a symbolic link here loops back to a folder above it; it was skipped"
                            );
                            return None;
                        }
                        let why = format!("cannot read this folder entry: {err}");
                        Some(Input::Failed(Failure::message(&at, why)))
                    }
                });
            Box::new(walk)
        })
}

/// The longest roster row (or header) read: a school's counts take a few
/// hundred bytes, so a longer row is a wrong file or an attack (SPEC 12).
pub const MAX_ROW_BYTES: u64 = 1024 * 1024;

/// The CSV reader's look-ahead, which the row count may run ahead by.
const READ_AHEAD: u64 = 64 * 1024;

/// Passes a roster's bytes through, failing once a row grows past
/// [`MAX_ROW_BYTES`], so that `/dev/zero` or a 10 MB cell is refused in
/// bounded memory. The roster iterator resets the count after each row.
/// The CR of each CR LF is dropped: the CSV reader counts lines by their
/// LF, and a file saved on Windows would otherwise have its rows numbered
/// one short.
struct RowLimit<R> {
    inner: R,
    since_row: Arc<AtomicU64>,
}

impl<R: BufRead> Read for RowLimit<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let available = self.inner.fill_buf()?;
        let (mut taken, mut written) = (0, 0);
        let mut bytes = available.iter().peekable();
        while let Some(&byte) = bytes.next() {
            let Some(slot) = buf.get_mut(written) else {
                break;
            };
            match (byte, bytes.peek()) {
                (b'\r', Some(b'\n')) => {}
                // A CR at the end of what is buffered: its LF, if any, is
                // in the next buffer, so it waits for that (unless alone).
                (b'\r', None) if taken > 0 => break,
                _ => {
                    *slot = byte;
                    written += 1;
                }
            }
            taken += 1;
        }
        let lone_cr = available.len() == 1 && available.first() == Some(&b'\r');
        self.inner.consume(taken);
        if lone_cr && written == 1 && self.inner.fill_buf()?.first() == Some(&b'\n') {
            written = 0;
        }
        let total = self.since_row.fetch_add(taken as u64, Ordering::Relaxed) + taken as u64;
        if total > MAX_ROW_BYTES + READ_AHEAD {
            return Err(std::io::Error::new(
                std::io::ErrorKind::InvalidData,
                ROW_TOO_LONG,
            ));
        }
        if written == 0 && taken > 0 {
            // Only a CR of a CR LF was taken: go on to the LF.
            return self.read(buf);
        }
        Ok(written)
    }
}

const ROW_TOO_LONG: &str = "this row is longer than 1 MiB, far longer than a school's counts: check that the file is a CSV roster (one school a row)";

/// A CSV file read a row at a time, each row under its header, in bounded
/// memory: rosters and the DfE's school-level file. `-` is standard input.
pub struct CsvTable {
    pub name: String,
    pub header: csv::StringRecord,
    /// Each row as a spreadsheet numbers it (the header is row 1), or why
    /// it could not be read; none follow a read error.
    pub rows: Box<dyn Iterator<Item = CsvRow> + Send>,
}

/// A row and its number, or the number, why it could not be read, and
/// whether the rest of the file is lost with it (a read error; a row that
/// is not UTF-8 loses only itself).
pub type CsvRow = Result<(usize, csv::StringRecord), (usize, String, bool)>;

/// Opens a CSV file; `what` names it in messages ("the roster").
pub fn csv_table(path: &Path, what: &str) -> Result<CsvTable, Failure> {
    let name = display_name(path);
    let since_row = Arc::new(AtomicU64::new(0));
    let source: Result<Box<dyn Read + Send>, std::io::Error> = if is_stdio(path) {
        Ok(Box::new(std::io::stdin()))
    } else if path.is_dir() {
        Err(std::io::Error::other(
            "it is a folder: give the path of a .csv file",
        ))
    } else {
        std::fs::File::open(path).map(|f| Box::new(f) as Box<dyn Read + Send>)
    };
    let source = source.map_err(|err| {
        let why = match err.kind() {
            std::io::ErrorKind::NotFound => {
                format!("cannot open {what}: there is no such file (check the path)")
            }
            _ => format!("cannot open {what}: {err}"),
        };
        Failure::message(&name, why)
    })?;
    // A spreadsheet set to a European locale writes semicolons: the header
    // line says which.
    let mut source = std::io::BufReader::with_capacity(64 * 1024, source);
    let first_line = source
        .fill_buf()
        .map(|b| b.split(|c| *c == b'\n').next().unwrap_or_default().to_vec())
        .unwrap_or_default();
    // As for a profile: NUL bytes at the start, or several, mean binary.
    if first_line.first() == Some(&0) || first_line.iter().filter(|b| **b == 0).nth(1).is_some() {
        return Err(Failure::message(
            &name,
            "it is not a text file (it holds NUL bytes): save it as \"CSV UTF-8\" (Excel: File, Save As, CSV UTF-8)".to_string(),
        ));
    }
    let delimiter = if first_line.contains(&b';') && !first_line.contains(&b',') {
        b';'
    } else {
        b','
    };
    let mut reader = csv::ReaderBuilder::new()
        .flexible(true)
        .trim(csv::Trim::All)
        .delimiter(delimiter)
        .from_reader(RowLimit {
            inner: source,
            since_row: Arc::clone(&since_row),
        });
    let what_owned = what.to_string();
    let header = reader.headers().cloned().map_err(|err| {
        let why = format!(
            "cannot read {what}'s header row: {}",
            csv_reason(&err, what)
        );
        Failure::message(&name, why)
    })?;
    since_row.store(0, Ordering::Relaxed);
    // After a read error the rest of the file cannot be trusted to split
    // into rows, so the table ends there.
    let mut broken = false;
    let mut cells = csv::StringRecord::new();
    let rows = std::iter::from_fn(move || {
        loop {
            if broken {
                return None;
            }
            since_row.store(0, Ordering::Relaxed);
            let read = reader.read_record(&mut cells);
            // The row as a spreadsheet numbers it (header 1): the line the
            // record ends on, since the reader counts blank lines before a
            // record into its start.
            let start = cells.position().map_or(0, csv::Position::line);
            let end = reader.position().line();
            let row = (if end > start { end - 1 } else { start }) as usize;
            return match read {
                Ok(false) => None,
                // A row of empty cells is a spreadsheet's padding.
                Ok(true) if cells.iter().all(|c| c.trim().is_empty()) => continue,
                Ok(true) => Some(Ok((row, cells.clone()))),
                Err(err) => {
                    broken = matches!(err.kind(), csv::ErrorKind::Io(_));
                    let row = err.position().map_or(row, |p| p.line() as usize);
                    Some(Err((
                        row,
                        format!("cannot read this row: {}", csv_reason(&err, &what_owned)),
                        broken,
                    )))
                }
            };
        }
    });
    Ok(CsvTable {
        name,
        header,
        rows: Box::new(rows),
    })
}

/// A roster's rows, read one at a time; `-` is standard input.
fn roster(path: &Path) -> Box<dyn Iterator<Item = Input> + Send> {
    let table = match csv_table(path, "the roster") {
        Ok(table) => table,
        Err(failure) => return Box::new(std::iter::once(Input::Failed(failure))),
    };
    let header = match RosterHeader::new(&table.name, &table.header) {
        Ok(header) => Arc::new(header),
        Err(problems) => {
            return Box::new(std::iter::once(Input::Failed(Failure {
                source: table.name,
                problems: problems.problems,
            })));
        }
    };
    Box::new(table.rows.map(move |row| match row {
        // NUL bytes are binary, as in a profile: say so, rather than count
        // the row's cells. (A DfE file's reader names the cell instead.)
        Ok((row, cells)) if cells.iter().any(|c| c.contains('\0')) => Input::Failed(
            Failure::message(
                &header.source(row),
                "cannot read this row: it holds NUL bytes, so it is not text: save the roster as \"CSV UTF-8\" (Excel: File, Save As, CSV UTF-8)".to_string(),
            ),
        ),
        Ok((row, cells)) => Input::Row {
            header: Arc::clone(&header),
            row,
            cells,
        },
        Err((row, why, lost)) => {
            let why = if lost {
                format!("{why}; the rows after it were not read")
            } else {
                why
            };
            Input::Failed(Failure::message(&header.source(row), why))
        }
    }))
}

/// A CSV error in words, without the reader's internal positions.
fn csv_reason(err: &csv::Error, what: &str) -> String {
    match err.kind() {
        csv::ErrorKind::Io(io) if io.kind() == std::io::ErrorKind::InvalidData => io.to_string(),
        csv::ErrorKind::Utf8 { .. } => format!("it is not UTF-8 text: save {what} as CSV UTF-8"),
        _ => err.to_string(),
    }
}

/// Every input of a batch, in order: files and folders, then rosters.
pub fn enumerate<'a>(
    paths: &'a [PathBuf],
    rosters: &'a [PathBuf],
) -> impl Iterator<Item = Input> + Send + 'a {
    files(paths).chain(rosters.iter().flat_map(|r| roster(r)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_the_cr_of_a_cr_lf_is_dropped_wherever_buffers_end() {
        let text = "a,b\r\n1,2\r\n\r\nx\ry\r\r\n\r";
        for capacity in 1..=8 {
            let mut limited = RowLimit {
                inner: std::io::BufReader::with_capacity(capacity, text.as_bytes()),
                since_row: Arc::new(AtomicU64::new(0)),
            };
            let mut out = String::new();
            limited.read_to_string(&mut out).unwrap();
            assert_eq!(out, "a,b\n1,2\n\nx\ry\r\n\r", "capacity {capacity}");
        }
    }
}
