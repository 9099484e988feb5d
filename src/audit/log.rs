//! A SENCO's time log (SPEC section 9): a CSV of dated entries, each a
//! task, minutes, who did it and optionally how many units were done.
//! Only those columns are read; any other (a `note`) is skipped unread,
//! since free text could hold a pupil's name.

use crate::model::{Task, Warning};
use crate::profile::{MAX_PROBLEMS, Problem, ProfileError, nearest, normal_key, truncate};
use crate::safe_text::csv_unguard;
use chrono::NaiveDate;
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet};

/// The largest log read: years of entries every few minutes fit in it.
pub const MAX_LOG_BYTES: usize = 16 * 1024 * 1024;
/// The longest row (SPEC section 12).
pub const MAX_ROW_BYTES: usize = 1024 * 1024;
/// The most minutes one entry may hold: a 16-hour day.
pub const MAX_MINUTES: u32 = 960;
/// The most units one entry may count: more is a typing slip.
pub const MAX_COUNT: u32 = 1000;
/// Warnings of one kind listed before the rest are only counted.
const MAX_LISTED: usize = 10;

/// The task an entry was logged against.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(into = "&'static str")]
pub enum Logged {
    Task(Task),
    /// SEND work the model has no task for: shown, never calibrated.
    OtherSend,
    /// Work that is not SEND: shown, never counted as the role's.
    Other,
}

impl Logged {
    pub fn as_str(self) -> &'static str {
        match self {
            Logged::Task(task) => task.as_str(),
            Logged::OtherSend => "other-send",
            Logged::Other => "other",
        }
    }

    /// Every name a log may use, in the order output lists them.
    pub fn names() -> Vec<&'static str> {
        Task::ALL
            .iter()
            .map(|t| t.as_str())
            .chain(["other-send", "other"])
            .collect()
    }

    fn from_name(name: &str) -> Option<Logged> {
        Task::ALL
            .iter()
            .map(|t| Logged::Task(*t))
            .chain([Logged::OtherSend, Logged::Other])
            .find(|l| l.as_str() == name)
    }
}

impl From<Logged> for &'static str {
    fn from(logged: Logged) -> &'static str {
        logged.as_str()
    }
}

/// Who did the work: every `who` counts towards the task.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Who {
    Senco,
    Deputy,
    Admin,
    LeadTa,
}

impl Who {
    pub const ALL: [Who; 4] = [Who::Senco, Who::Deputy, Who::Admin, Who::LeadTa];

    pub fn as_str(self) -> &'static str {
        match self {
            Who::Senco => "senco",
            Who::Deputy => "deputy",
            Who::Admin => "admin",
            Who::LeadTa => "lead-ta",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Entry {
    pub date: NaiveDate,
    pub task: Logged,
    pub minutes: u32,
    pub who: Who,
    /// Units done in the entry (reviews held, requests made), if given.
    pub count: Option<u32>,
}

/// A log read without errors, with what was noticed on the way.
#[derive(Debug, Clone, PartialEq)]
pub struct Log {
    pub file: String,
    pub entries: Vec<Entry>,
    pub warnings: Vec<Warning>,
}

impl Log {
    pub fn first_date(&self) -> Option<NaiveDate> {
        self.entries.iter().map(|e| e.date).min()
    }

    pub fn last_date(&self) -> Option<NaiveDate> {
        self.entries.iter().map(|e| e.date).max()
    }

    /// The ISO weeks with at least one entry.
    pub fn weeks_with_entries(&self) -> usize {
        use chrono::Datelike;
        let weeks: BTreeSet<(i32, u32)> = self
            .entries
            .iter()
            .map(|e| (e.date.iso_week().year(), e.date.iso_week().week()))
            .collect();
        weeks.len()
    }
}

/// The blank log `audit --template` writes: the header and two examples.
pub const TEMPLATE: &str = "date,task,minutes,who,count
2026-09-07,ehcp-reviews,90,senco,1
2026-09-07,sen-support,45,senco,
";

const REQUIRED: [&str; 3] = ["date", "task", "minutes"];
const OPTIONAL: [&str; 2] = ["who", "count"];

/// The columns the log uses, by position.
struct Columns {
    date: usize,
    task: usize,
    minutes: usize,
    who: Option<usize>,
    count: Option<usize>,
}

fn problem(file: &str, row: usize, column: Option<&str>, message: String, hint: &str) -> Problem {
    let via = match column {
        Some(c) => format!("row {row}, column {c}"),
        None => format!("row {row}"),
    };
    Problem::new(file, message).via(Some(via)).hint(hint)
}

/// Reads a log's text. `as_of` is the latest date an entry may have.
/// Every problem is reported (up to [`MAX_PROBLEMS`]), each with its row
/// (the header is row 1, as in a spreadsheet) and column.
pub fn read_log(file: &str, text: &str, as_of: NaiveDate) -> Result<Log, ProfileError> {
    let refuse = |message: String, hint: &str| ProfileError {
        problems: vec![Problem::new(file, message).hint(hint)],
    };
    if text.len() > MAX_LOG_BYTES {
        return Err(refuse(
            "the log is larger than 16 MiB, far larger than any time log".to_string(),
            "check that it is a senco-plan time log (senco-plan audit --template writes one)",
        ));
    }
    // Excel in much of Europe saves "CSV" with semicolons; a tab is a
    // spreadsheet copied as text. The header says which.
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let first = text.lines().next().unwrap_or("");
    let delimiter = if first.contains(',') {
        b','
    } else if first.contains(';') {
        b';'
    } else if first.contains('\t') {
        b'\t'
    } else {
        b','
    };
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(delimiter)
        .from_reader(text.as_bytes());
    let mut records = reader.records();
    let header = match records.next() {
        None => {
            return Err(refuse(
                "the log is empty".to_string(),
                "the first row names the columns (date,task,minutes,who,count) and each row after it is one entry; senco-plan audit --template writes a blank log",
            ));
        }
        Some(Err(e)) => {
            return Err(refuse(
                format!("row 1 cannot be read: {e}"),
                "save the log as CSV",
            ));
        }
        Some(Ok(h)) if h.as_slice().len() > MAX_ROW_BYTES => {
            return Err(refuse(
                "row 1, the header, is longer than 1 MiB, far longer than any log's".to_string(),
                "check that the file is a senco-plan time log",
            ));
        }
        Some(Ok(h)) => h,
    };
    let (columns, mut warnings) = columns(file, &header)?;

    let mut problems = Vec::new();
    let mut more = 0;
    let mut entries = Vec::new();
    // The row a spreadsheet shows, blank lines counted: lines before the
    // record's first byte, counted as the reader moves on.
    let (mut counted_to, mut line) = (0, 1);
    for (i, record) in records.enumerate() {
        let row = match record.as_ref().ok().and_then(|r| r.position()) {
            Some(p) => {
                // The reader's position is before any blank lines it skipped.
                let mut at = usize::try_from(p.byte())
                    .unwrap_or(counted_to)
                    .min(text.len());
                while matches!(text.as_bytes().get(at), Some(b'\n' | b'\r')) {
                    at += 1;
                }
                line += text
                    .get(counted_to..at)
                    .map_or(0, |t| t.matches('\n').count());
                counted_to = counted_to.max(at);
                line
            }
            None => i + 2,
        };
        let mut add = |p: Problem| {
            if problems.len() < MAX_PROBLEMS {
                problems.push(p);
            } else {
                more += 1;
            }
        };
        let record = match record {
            Ok(r) => r,
            Err(e) => {
                add(problem(
                    file,
                    row,
                    None,
                    format!("this row cannot be read: {e}"),
                    "save the log as CSV",
                ));
                break;
            }
        };
        if record.as_slice().len() > MAX_ROW_BYTES {
            add(problem(
                file,
                row,
                None,
                "this row is longer than 1 MiB, far longer than any entry".to_string(),
                "check that the file is a senco-plan time log",
            ));
            break;
        }
        if record.iter().all(|c| c.trim().is_empty()) {
            continue;
        }
        // A quote opened and never closed swallows every row after it into
        // one cell: refused, not read as one entry. Only the shape is
        // looked at (a line break followed by a date), never the text.
        if record.iter().any(swallowed_rows) {
            add(problem(
                file,
                row,
                None,
                "a quote (\") opened in this row is never closed, so the rows after it were read as part of one cell".to_string(),
                "close the quote, or remove it: senco-plan reads no text, so notes need no quotes",
            ));
            break;
        }
        match entry(file, row, &record, &columns, as_of) {
            Ok(e) => entries.push(e),
            Err(found) => found.into_iter().for_each(&mut add),
        }
    }
    if more > 0 {
        problems.push(Problem::and_more(file, more));
    }
    if problems.is_empty() && entries.is_empty() {
        problems.push(
            Problem::new(file, "the log has no entries, only its header".to_string())
                .hint("add one row for each piece of work: date,task,minutes (and who, count if you have them)"),
        );
    }
    if !problems.is_empty() {
        return Err(ProfileError { problems });
    }
    warnings.extend(long_days(&entries));
    Ok(Log {
        file: file.to_string(),
        entries,
        warnings,
    })
}

/// Finds the columns by their headings; any other column is skipped with
/// one warning that never quotes its contents.
fn columns(
    file: &str,
    header: &csv::StringRecord,
) -> Result<(Columns, Vec<Warning>), ProfileError> {
    let mut at: BTreeMap<&str, usize> = BTreeMap::new();
    let mut problems = Vec::new();
    let mut ignored = Vec::new();
    let known: Vec<&str> = REQUIRED.iter().chain(OPTIONAL.iter()).copied().collect();
    for (i, heading) in header.iter().enumerate() {
        let word = normal_key(csv_unguard(heading));
        if word.is_empty() {
            continue;
        }
        match known.iter().find(|k| **k == word) {
            Some(k) => {
                if at.insert(k, i).is_some() {
                    problems.push(problem(
                        file,
                        1,
                        Some(k),
                        format!("the column `{k}` appears twice"),
                        "keep one column of each name",
                    ));
                }
            }
            None => ignored.push(i + 1),
        }
    }
    for required in REQUIRED {
        if !at.contains_key(required) {
            problems.push(problem(
                file,
                1,
                None,
                format!("the log has no `{required}` column"),
                "the first row names the columns: date,task,minutes and optionally who,count (senco-plan audit --template writes one)",
            ));
        }
    }
    if !problems.is_empty() {
        return Err(ProfileError { problems });
    }
    let mut warnings = Vec::new();
    if !ignored.is_empty() {
        let mut numbers: Vec<String> = ignored
            .iter()
            .take(MAX_LISTED)
            .map(ToString::to_string)
            .collect();
        if ignored.len() > MAX_LISTED {
            numbers.push(format!("{} more", ignored.len() - MAX_LISTED));
        }
        warnings.push(Warning {
            code: "ignored-column",
            message: format!(
                "column {} of the log {} not read: senco-plan reads only date, task, minutes, who and count, never free text, which could hold a pupil's name",
                numbers.join(", "),
                if ignored.len() == 1 { "was" } else { "were" }
            ),
        });
    }
    let get = |k: &str| at.get(k).copied();
    Ok((
        Columns {
            date: get("date").unwrap_or(0),
            task: get("task").unwrap_or(0),
            minutes: get("minutes").unwrap_or(0),
            who: get("who"),
            count: get("count"),
        },
        warnings,
    ))
}

/// A cell's text with spreadsheet guards and spaces removed; its value is
/// quoted in errors only for the columns senco-plan reads.
fn cell(record: &csv::StringRecord, at: usize) -> &str {
    csv_unguard(record.get(at).unwrap_or("")).trim()
}

/// Quotes a value in an error message: short, and never a control character.
fn quoted(value: &str) -> String {
    format!("`{}`", truncate(value))
}

fn entry(
    file: &str,
    row: usize,
    record: &csv::StringRecord,
    columns: &Columns,
    as_of: NaiveDate,
) -> Result<Entry, Vec<Problem>> {
    let mut found = Vec::new();
    let date_text = cell(record, columns.date);
    let date = match parse_date(date_text) {
        Some(d) if d > as_of => {
            found.push(problem(
                file,
                row,
                Some("date"),
                format!(
                    "{} is after {as_of}, the date the audit is read as of",
                    quoted(date_text)
                ),
                "check the year, or give --as-of a later date",
            ));
            None
        }
        Some(d) => Some(d),
        None => {
            found.push(problem(
                file,
                row,
                Some("date"),
                if date_text.is_empty() {
                    "the date is missing".to_string()
                } else {
                    format!("{} is not a date", quoted(date_text))
                },
                "write the day the work was done as YYYY-MM-DD, e.g. 2026-09-07 (or 07/09/2026, the year in full)",
            ));
            None
        }
    };
    let task_text = cell(record, columns.task);
    let task = Logged::from_name(&normal_key(task_text));
    if task.is_none() {
        let names = Logged::names();
        let hint = match nearest(task_text, &names) {
            Some(near) => format!("did you mean `{near}`? The tasks are: {}", names.join(", ")),
            None => format!(
                "the tasks are: {} (other-send for SEND work none of these covers, other for work that is not SEND)",
                names.join(", ")
            ),
        };
        found.push(problem(
            file,
            row,
            Some("task"),
            if task_text.is_empty() {
                "the task is missing".to_string()
            } else {
                format!("{} is not a task", quoted(task_text))
            },
            &hint,
        ));
    }
    let minutes_text = cell(record, columns.minutes);
    let minutes = match minutes_text.parse::<u32>() {
        Ok(m) if (1..=MAX_MINUTES).contains(&m) => Some(m),
        _ => {
            found.push(problem(
                file,
                row,
                Some("minutes"),
                if minutes_text.is_empty() {
                    "the minutes are missing".to_string()
                } else {
                    format!("{} is not a whole number of minutes from 1 to {MAX_MINUTES}", quoted(minutes_text))
                },
                "write the time the work took in whole minutes, e.g. 90 for an hour and a half; split work over 16 hours into days",
            ));
            None
        }
    };
    let who =
        match columns
            .who
            .map(|at| cell(record, at))
            .filter(|w| !w.is_empty())
        {
            None => Some(Who::Senco),
            Some(text) => {
                let word = normal_key(text);
                let who = Who::ALL.into_iter().find(|w| w.as_str() == word);
                if who.is_none() {
                    found.push(problem(
                    file,
                    row,
                    Some("who"),
                    format!("{} is not one of senco, deputy, admin, lead-ta", quoted(text)),
                    "write who did the work: senco, deputy, admin or lead-ta (empty means senco)",
                ));
                }
                who
            }
        };
    let count = match columns
        .count
        .map(|at| cell(record, at))
        .filter(|c| !c.is_empty())
    {
        None => Some(None),
        Some(text) => match text.parse::<u32>() {
            Ok(n) if (1..=MAX_COUNT).contains(&n) => Some(Some(n)),
            _ => {
                found.push(problem(
                    file,
                    row,
                    Some("count"),
                    format!("{} is not a whole number from 1 to {MAX_COUNT}", quoted(text)),
                    "write how many reviews, requests or pupils the entry covers, e.g. 2, or leave it empty",
                ));
                None
            }
        },
    };
    match (date, task, minutes, who, count) {
        (Some(date), Some(task), Some(minutes), Some(who), Some(count)) => Ok(Entry {
            date,
            task,
            minutes,
            who,
            count,
        }),
        _ => Err(found),
    }
}

/// YYYY-MM-DD, or the UK's DD/MM/YYYY as spreadsheets in England export;
/// a year before 2000 is a two-digit year read wrongly, refused.
fn parse_date(text: &str) -> Option<NaiveDate> {
    use chrono::Datelike;
    NaiveDate::parse_from_str(text, "%Y-%m-%d")
        .or_else(|_| NaiveDate::parse_from_str(text, "%d/%m/%Y"))
        .ok()
        .filter(|d| d.year() >= 2000)
}

/// Whether a cell holds later rows of the log: a line break followed by
/// something shaped like a date and a separator.
fn swallowed_rows(cell: &str) -> bool {
    cell.split('\n').skip(1).any(|line| {
        let head: String = line.trim_start().chars().take(11).collect();
        let date = head.get(..10).is_some_and(|d| parse_date(d).is_some());
        date && head
            .chars()
            .nth(10)
            .is_some_and(|c| matches!(c, ',' | ';' | '\t'))
    })
}

/// A warning for each person and day with over 12 hours of SEND work.
fn long_days(entries: &[Entry]) -> Vec<Warning> {
    let mut minutes: BTreeMap<(NaiveDate, Who), u32> = BTreeMap::new();
    for e in entries.iter().filter(|e| e.task != Logged::Other) {
        *minutes.entry((e.date, e.who)).or_default() += e.minutes;
    }
    let long: Vec<((NaiveDate, Who), u32)> =
        minutes.into_iter().filter(|(_, m)| *m > 12 * 60).collect();
    let mut warnings: Vec<Warning> = long
        .iter()
        .take(MAX_LISTED)
        .map(|((date, who), m)| Warning {
            code: "long-day",
            message: format!(
                "{} logged {} h of SEND work on {date}, over 12 hours in a day: check for an entry logged twice",
                who.as_str(),
                crate::round::show(f64::from(*m) / 60.0)
            ),
        })
        .collect();
    if long.len() > MAX_LISTED {
        warnings.push(Warning {
            code: "long-day",
            message: format!("and {} more days over 12 hours", long.len() - MAX_LISTED),
        });
    }
    warnings
}

#[cfg(test)]
mod tests {
    use super::*;

    fn as_of() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 30).unwrap()
    }

    fn errors(text: &str) -> Vec<String> {
        read_log("log.csv", text, as_of())
            .unwrap_err()
            .problems
            .iter()
            .map(ToString::to_string)
            .collect()
    }

    #[test]
    fn the_template_reads_as_two_entries() {
        let log = read_log("t.csv", TEMPLATE, as_of()).unwrap();
        assert_eq!(log.entries.len(), 2);
        assert_eq!(log.entries[0].task, Logged::Task(Task::EhcpReviews));
        assert_eq!(log.entries[0].count, Some(1));
        assert_eq!(log.entries[1].count, None);
        assert!(log.warnings.is_empty());
    }

    #[test]
    fn every_error_names_its_row_and_column_and_what_to_write() {
        let text = "date,task,minutes,who,count
2026-13-01,ehcp-reviews,60,senco,1
2026-09-07,ehcp-review,60,senco,1
2026-09-07,strategy,0,senco,
2026-09-07,strategy,961,senco,
2026-09-07,strategy,90.5,senco,
2026-09-07,strategy,60,teacher,
2026-09-07,strategy,60,senco,1.5
2026-09-07,strategy,60,senco,0
2027-01-01,strategy,60,senco,
";
        let found = errors(text);
        let expect = [
            "log.csv, row 2, column date: `2026-13-01` is not a date",
            "log.csv, row 3, column task: `ehcp-review` is not a task\n  help: did you mean `ehcp-reviews`?",
            "log.csv, row 4, column minutes: `0` is not a whole number of minutes from 1 to 960",
            "log.csv, row 5, column minutes: `961` is not a whole number",
            "log.csv, row 6, column minutes: `90.5` is not a whole number",
            "log.csv, row 7, column who: `teacher` is not one of senco, deputy, admin, lead-ta",
            "log.csv, row 8, column count: `1.5` is not a whole number from 1 to 1000",
            "log.csv, row 9, column count: `0` is not a whole number from 1 to 1000",
            "log.csv, row 10, column date: `2027-01-01` is after 2026-11-30",
        ];
        assert_eq!(found.len(), expect.len(), "{found:#?}");
        for (got, want) in found.iter().zip(expect) {
            assert!(got.starts_with(want), "{got}\nshould start with\n{want}");
        }
    }

    #[test]
    fn empty_logs_and_missing_columns_are_refused() {
        assert!(errors("")[0].contains("the log is empty"));
        assert!(errors("date,task,minutes\n")[0].contains("no entries, only its header"));
        let found = errors("date,minutes,task,task\n2026-09-07,60,strategy,strategy\n");
        assert!(
            found[0].contains("row 1, column task: the column `task` appears twice"),
            "{found:?}"
        );
        let found = errors("day,task,mins\n");
        assert!(found.iter().any(|f| f.contains("no `date` column")));
        assert!(found.iter().any(|f| f.contains("no `minutes` column")));
    }

    /// A note column is skipped with one warning that never echoes it;
    /// headings and names are read forgivingly; UK dates are read.
    #[test]
    fn notes_are_never_read_and_spellings_are_forgiven() {
        let text = "Date,Task,Minutes,Who,Note,Count
07/09/2026,EHCP_reviews,60,Lead TA,Jo Bloggs's review =cmd|' /C calc'!A0,2
2026-09-08,other send,30,,<script>,
";
        let log = read_log("log.csv", text, as_of()).unwrap();
        assert_eq!(log.entries.len(), 2);
        assert_eq!(
            log.entries[0].date,
            NaiveDate::from_ymd_opt(2026, 9, 7).unwrap()
        );
        assert_eq!(log.entries[0].who, Who::LeadTa);
        assert_eq!(log.entries[0].count, Some(2));
        assert_eq!(log.entries[1].task, Logged::OtherSend);
        assert_eq!(log.warnings.len(), 1);
        let warning = &log.warnings[0];
        assert_eq!(warning.code, "ignored-column");
        assert!(
            warning
                .message
                .starts_with("column 5 of the log was not read")
        );
        assert!(!warning.message.contains("Jo") && !warning.message.contains("script"));
    }

    #[test]
    fn a_day_over_twelve_hours_of_send_work_is_flagged() {
        let text = "date,task,minutes,who
2026-09-07,strategy,480,senco
2026-09-07,sen-support,300,senco
2026-09-07,other,600,deputy
2026-09-07,sen-support,300,deputy
";
        let log = read_log("log.csv", text, as_of()).unwrap();
        assert_eq!(log.warnings.len(), 1, "{:?}", log.warnings);
        assert!(
            log.warnings[0]
                .message
                .starts_with("senco logged 13 h of SEND work on 2026-09-07")
        );
    }

    /// An unclosed quote would swallow the rows after it; semicolons and
    /// blank lines are read as a spreadsheet writes them; two-digit years
    /// are refused.
    #[test]
    fn spreadsheet_habits_are_read_or_refused_plainly() {
        let found = errors(
            "date,task,minutes,note\n2026-09-07,strategy,60,\"unclosed\n2026-09-08,strategy,60,x\n2026-09-09,strategy,60,x\n",
        );
        assert!(
            found[0].starts_with("log.csv, row 2: a quote (\") opened in this row is never closed"),
            "{found:?}"
        );
        let log = read_log(
            "log.csv",
            "\u{feff}date;task;minutes\r\n2026-09-07;strategy;60\r\n\r\n2026-09-08;strategy;30\r\n",
            as_of(),
        )
        .unwrap();
        assert_eq!(log.entries.len(), 2);
        let found = errors("date,task,minutes\n\n\n07/09/26,strategy,60\n");
        assert!(
            found[0].starts_with("log.csv, row 4, column date: `07/09/26` is not a date"),
            "{found:?}"
        );
    }

    #[test]
    fn a_row_over_a_mebibyte_is_refused() {
        let text = format!(
            "date,task,minutes,note\n2026-09-07,strategy,60,{}\n",
            "x".repeat(MAX_ROW_BYTES + 10)
        );
        let found = errors(&text);
        assert!(
            found[0].contains("row 2: this row is longer than 1 MiB"),
            "{found:?}"
        );
    }
}
