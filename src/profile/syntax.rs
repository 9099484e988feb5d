//! When a profile is not valid TOML: the lines a person typed as they
//! would in a form (`qualified-teacher = yes`, `appointed = 01/09/2025`,
//! `contract-fte = 80%`, `pupils = 1,305`, `teaching-hours = 15 hours`), each
//! named by its key with what to write instead, and keys or tables written
//! twice (SPEC section 1). TOML's own parser stops at the first mistake and
//! names no key; this reads line by line, so every such line is reported.

use super::Problem;
use super::read::{
    Found, HOURS_KEYS, MAX_PUPILS, MAX_STAFF, MAX_URN, MAX_WEEKLY_HOURS, MIN_CONTRACT_FTE,
    SCHOOL_KEYS, SENCO_KEYS, TAS_KEYS, WHOLE_SCHOOL_KEYS,
};
use crate::params::{ASSUMPTIONS, COSTS, GROWTH};
use chrono::NaiveDate;
use std::collections::HashMap;

/// What a key holds, for saying what a value of it looks like, with the
/// limits a suggested value must keep (a suggestion the reader would then
/// refuse is no help).
#[derive(Debug, Clone, Copy, PartialEq)]
enum Kind {
    YesNo,
    Date,
    Share,
    Count(f64, f64),
    Hours,
    Number(f64, f64),
    Text,
    Unknown,
}

fn kind_of(table: &str, key: &str) -> Kind {
    let table = table.trim().to_lowercase();
    let known = |keys: &[&str]| keys.contains(&key);
    let pupils = f64::from(MAX_PUPILS);
    let staff = f64::from(MAX_STAFF);
    match (table.as_str(), key) {
        (
            "senco",
            "qualified-teacher"
            | "headteacher-support"
            | "strategic-vision"
            | "influences-colleagues",
        )
        | ("whole-school", "corporate-responsibility") => Kind::YesNo,
        ("senco", "appointed") => Kind::Date,
        ("senco", "contract-fte") => Kind::Share,
        ("school", "pupils") => Kind::Count(1.0, pupils),
        ("school", "sen-support" | "ehcp" | "ehc-requests-per-year") => Kind::Count(0.0, pupils),
        ("school", "teachers") => Kind::Count(1.0, staff),
        ("school", "urn") => Kind::Count(1.0, f64::from(MAX_URN)),
        ("tas", "count" | "lead-tas") => Kind::Count(0.0, staff),
        ("senco", "teaching-hours" | "senco-hours" | "other-duties-hours")
        | ("deputy" | "admin", "hours")
        | ("tas", "lead-hours") => Kind::Hours,
        ("school", "weeks-per-year") => Kind::Number(1.0, 52.0),
        ("school", _) if known(SCHOOL_KEYS) => Kind::Text,
        ("senco", _) if known(SENCO_KEYS) => Kind::Text,
        ("tas", _) if known(TAS_KEYS) => Kind::Text,
        ("deputy" | "admin", _) if known(HOURS_KEYS) => Kind::Hours,
        ("whole-school", _) if known(WHOLE_SCHOOL_KEYS) => Kind::YesNo,
        ("assumptions", _) => ASSUMPTIONS
            .iter()
            .find(|p| p.key == key)
            .map_or(Kind::Unknown, |p| Kind::Number(p.min, p.max)),
        ("costs", _) => COSTS
            .iter()
            .find(|p| p.key == key)
            .map_or(Kind::Unknown, |p| Kind::Number(p.min, p.max)),
        ("growth", _) => GROWTH
            .iter()
            .find(|p| p.key == key)
            .map_or(Kind::Unknown, |p| Kind::Number(p.min, p.max)),
        _ => Kind::Unknown,
    }
}

/// A key or name as senco-plan spells it, from how a person might type it:
/// trimmed, lower case, with spaces, underscores and typographic dashes as
/// `-`. Profiles, time logs and `--only` all read names this way.
pub fn normal_key(typed: &str) -> String {
    typed
        .trim()
        .to_lowercase()
        .chars()
        .map(|c| match c {
            ' ' | '_' | '\u{2010}'..='\u{2015}' => '-',
            other => other,
        })
        .collect()
}

/// A key as a person might type it (`SEN support`, `teaching_hours`,
/// `teaching–hours`) read as the table's own, if it is one.
fn known_key(table: &str, typed: &str) -> Option<&'static str> {
    let normal = normal_key(typed);
    let table = table.trim().to_lowercase();
    super::known_keys()
        .into_iter()
        .find(|(name, _)| *name == table)
        .and_then(|(_, keys)| keys.iter().copied().find(|k| *k == normal))
}

/// Every line that TOML cannot read as written, and every key or table
/// written twice, with its byte offset.
pub(super) fn diagnose(file: &str, text: &str) -> Vec<Found> {
    let mut found = Vec::new();
    let mut table = String::new();
    // Where each table header and each key was first seen (line numbers).
    let mut tables: HashMap<String, usize> = HashMap::new();
    let mut keys: HashMap<(String, String), usize> = HashMap::new();
    let mut offset = 0;
    for (index, line) in text.split_inclusive('\n').enumerate() {
        let start = offset;
        offset += line.len();
        let number = index + 1;
        let trimmed = line.trim();
        let at_line = start + indent(line);
        if trimmed.is_empty() || trimmed.starts_with('#') {
            continue;
        }
        // A space from a word processor that is not a space to TOML.
        if line.contains('\u{a0}') {
            found.push(problem(
                file,
                &table,
                at_line,
                "this line holds a non-breaking space (pasted from a word processor), which TOML does not read as a space".to_string(),
                "delete the spaces on this line and type them again".to_string(),
            ));
            continue;
        }
        if let Some(rest) = trimmed.strip_prefix('[') {
            if rest.starts_with('[') {
                table.clear();
                continue;
            }
            let name = rest
                .split(']')
                .next()
                .unwrap_or_default()
                .trim()
                .trim_matches('"');
            table = name.to_string();
            if let Some(first) = tables.insert(table.clone(), number) {
                found.push(problem(
                    file,
                    &table,
                    at_line,
                    format!("the [{table}] table appears twice (first on line {first})"),
                    format!("keep one [{table}] line and put all its keys under it"),
                ));
            }
            continue;
        }
        let Some((key_part, value_part)) = line.split_once('=') else {
            found.extend(without_equals(file, &table, trimmed, at_line));
            continue;
        };
        let typed = key_part.trim();
        let bare = !typed.is_empty()
            && typed
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_');
        let value = without_comment(value_part.trim());
        if !bare {
            // `teaching hours = 10`, `SEN support = 40`: a known key typed
            // as a person would say it.
            if let Some(key) = known_key(&table, typed) {
                found.push(problem(
                    file,
                    &dotted(&table, key),
                    at_line,
                    format!("`{}` is not how the key is written", shown(typed)),
                    format!("write `{key} = {}`", shown(value)),
                ));
            }
            continue;
        }
        let key = typed;
        if let Some(first) = keys.insert((table.clone(), key.to_string()), number) {
            found.push(problem(
                file,
                &dotted(&table, key),
                at_line,
                format!("`{key}` is written twice in this table (first on line {first})"),
                "keep the line with the right value and delete the other".to_string(),
            ));
            continue;
        }
        let value_at =
            start + key_part.len() + 1 + (value_part.len() - value_part.trim_start().len());
        if value.is_empty() {
            found.push(problem(
                file,
                &dotted(&table, key),
                value_at,
                "has no value after the `=`".to_string(),
                format!(
                    "write the value, or delete the line to use the default: {}",
                    example(&table, key)
                ),
            ));
            continue;
        }
        // Arrays, inline tables and multi-line strings run over lines;
        // TOML's own message serves those.
        let raw = value_part.trim();
        if raw.starts_with(['[', '{']) || raw.starts_with("\"\"\"") || raw.starts_with("'''") {
            continue;
        }
        if toml::de::DeTable::parse(&format!("k = {raw}")).is_ok() {
            continue;
        }
        let (message, hint) = explain(&table, key, value);
        found.push(problem(file, &dotted(&table, key), value_at, message, hint));
    }
    found
}

fn dotted(table: &str, key: &str) -> String {
    if table.is_empty() {
        key.to_string()
    } else {
        format!("{table}.{key}")
    }
}

/// A line with no `=`: `pupils: 300`, or a table name without brackets.
fn without_equals(file: &str, table: &str, line: &str, at: usize) -> Option<Found> {
    if let Some((typed, value)) = line.split_once(':')
        && let Some(key) = known_key(table, typed)
    {
        let value = without_comment(value.trim());
        return Some(problem(
            file,
            &dotted(table, key),
            at,
            format!("`{}` has a colon where TOML has `=`", shown(line)),
            format!("write `{key} = {}`", shown(value)),
        ));
    }
    let word = line.trim().to_lowercase();
    super::known_keys()
        .iter()
        .find(|(name, _)| *name == word)
        .map(|(name, _)| {
            problem(
                file,
                name,
                at,
                format!("`{}` is a table name without its brackets", shown(line)),
                format!("write the header as [{name}]"),
            )
        })
}

fn indent(line: &str) -> usize {
    line.len() - line.trim_start().len()
}

fn problem(file: &str, key: &str, offset: usize, message: String, hint: String) -> Found {
    let mut problem = Problem::new(file, message).hint(hint);
    if !key.is_empty() {
        problem = problem.key(key);
    }
    (problem, Some(offset))
}

/// A value quoted in a message: at most 40 characters, controls escaped.
fn shown(value: &str) -> String {
    const MAX: usize = 40;
    let cut: String = value.chars().take(MAX).collect();
    let more = if value.chars().nth(MAX).is_some() {
        "..."
    } else {
        ""
    };
    format!("{}{more}", crate::safe_text::escape_controls(&cut))
}

/// The value as typed, less a trailing `# comment`.
fn without_comment(value: &str) -> &str {
    if value.starts_with(['"', '\'', '\u{201c}', '\u{2018}']) {
        return value;
    }
    value.split('#').next().unwrap_or(value).trim()
}

/// A line to copy for `key`, with a value of its kind.
fn example(table: &str, key: &str) -> String {
    let value = match kind_of(table, key) {
        Kind::YesNo => "true",
        Kind::Date => "2023-09-01",
        Kind::Share => "0.8",
        Kind::Count(..) => "420",
        Kind::Hours => "6.5",
        Kind::Number(..) | Kind::Unknown => "1",
        Kind::Text => "\"text in quotes\"",
    };
    format!("`{key} = {value}`")
}

/// The value `value` was meant to be, written as the key wants it, when it
/// means one beyond doubt and is within the key's limits (`1,305` ->
/// `1305`, `yes` -> `true`, `01/09/2025` -> `2025-09-01`); None otherwise.
/// TOML lines and roster cells both use it.
pub(super) fn corrected(table: &str, key: &str, value: &str) -> Option<String> {
    if crate::safe_text::has_control(value) {
        return None;
    }
    let number = crate::round::show;
    match kind_of(table, key) {
        Kind::YesNo => match unquoted(value).to_lowercase().as_str() {
            "yes" | "y" | "true" => Some("true".to_string()),
            "no" | "n" | "false" => Some("false".to_string()),
            _ => None,
        },
        Kind::Date => year_month_day(value)
            .and_then(|(y, m, d)| NaiveDate::from_ymd_opt(y, m, d))
            .map(|d| d.to_string()),
        Kind::Share => share(value).map(number),
        Kind::Count(min, max) => amount(value, COUNT_WORDS)
            .filter(|n| n.fract() == 0.0 && (min..=max).contains(n))
            .map(number),
        Kind::Hours => amount(value, HOURS_WORDS)
            .filter(|n| (0.0..=MAX_WEEKLY_HOURS).contains(n))
            .map(number),
        Kind::Number(min, max) => amount(value, MONEY_WORDS)
            .filter(|n| (min..=max).contains(n))
            .map(number),
        Kind::Text | Kind::Unknown => None,
    }
}

/// What is wrong with `value` for `key`, and the line to write instead: the
/// corrected value where there is one, else what a value looks like.
fn explain(table: &str, key: &str, value: &str) -> (String, String) {
    let typed = shown(value);
    let line = |v: &str| format!("`{key} = {v}`");
    // A value with a control character in it was not typed as in a form:
    // no guess at what was meant, just what a value looks like.
    if crate::safe_text::has_control(value) {
        return (
            format!("`{typed}` holds a control character"),
            format!("retype the value, e.g. {}", example(table, key)),
        );
    }
    let fixed = corrected(table, key, value);
    let or = |wording: &str, otherwise: String| match &fixed {
        Some(v) => format!("write {} ({wording})", line(v)),
        None => otherwise,
    };
    match kind_of(table, key) {
        Kind::YesNo => (
            format!("`{typed}` is not true or false"),
            or(
                "true or false, without quotes",
                format!("write {} or {}", line("true"), line("false")),
            ),
        ),
        Kind::Date => {
            let ymd = year_month_day(value);
            let message = if ymd.is_some() && fixed.is_none() {
                format!("`{typed}` is not a day of the calendar")
            } else {
                format!("`{typed}` is not a date written year-month-day")
            };
            (
                message,
                or(
                    "year-month-day",
                    format!("write dates year-month-day, e.g. {}", line("2023-09-01")),
                ),
            )
        }
        Kind::Share => (
            format!("`{typed}` is not a share of a full-time contract"),
            or(
                "a decimal: 1 is full time, 0.8 four days a week",
                format!(
                    "write the share as a decimal: {} for four days a week, {} for full time",
                    line("0.8"),
                    line("1.0")
                ),
            ),
        ),
        Kind::Count(..) => (
            format!("`{typed}` is not a whole number written in digits"),
            or(
                "digits only, no commas or words",
                format!("write the number in digits, e.g. {}", line("420")),
            ),
        ),
        kind @ (Kind::Hours | Kind::Number(..)) => {
            let what = if kind == Kind::Hours {
                "hours a week"
            } else {
                "a number"
            };
            (
                format!("`{typed}` is not {what} written as a number alone"),
                or(
                    "the number alone: no units, commas or words",
                    format!("write the number alone, e.g. {}", example(table, key)),
                ),
            )
        }
        Kind::Text => text(key, value),
        Kind::Unknown => (
            format!("`{typed}` is not a value TOML can read"),
            "write numbers alone (`pupils = 420`), true or false without quotes, text in double quotes (`phase = \"primary\"`) and dates as 2023-09-01".to_string(),
        ),
    }
}

/// Text typed without straight double quotes around it, with a comma after
/// it, or with curly quotes from a word processor; a choice (phase,
/// leadership, award, structure) is suggested as the word the reader takes.
fn text(key: &str, value: &str) -> (String, String) {
    let typed = shown(value);
    let curly = ['\u{201c}', '\u{201d}', '\u{2018}', '\u{2019}'];
    let inner = value
        .trim_end_matches(',')
        .trim()
        .trim_matches(|c| c == '"' || c == '\'' || curly.contains(&c))
        .trim()
        .replace('"', "");
    let lower = inner.to_lowercase();
    let choice = match key {
        "phase" => super::Phase::from_other_name(&inner).map(super::Phase::as_str),
        "leadership" => super::Leadership::from_word(&lower).map(super::Leadership::as_str),
        "award" => super::Award::from_word(&lower).map(super::Award::as_str),
        "structure" => super::Structure::from_word(&lower).map(super::Structure::as_str),
        _ => None,
    };
    let word = choice.map_or(inner.clone(), str::to_string);
    let message = if value.starts_with(curly) {
        format!("`{typed}` has curly quotes, which TOML does not read as quotes")
    } else if value.starts_with('"') && value.trim_end().ends_with("\",") {
        format!("`{typed}` has a comma after it: a TOML line ends with its value")
    } else if value.starts_with('"') && (value.len() < 2 || !value.ends_with('"')) {
        format!("`{typed}` has no closing quote")
    } else {
        format!("`{typed}` is text, and text goes in double quotes")
    };
    (message, format!("write `{key} = \"{}\"`", shown(&word)))
}

fn unquoted(value: &str) -> &str {
    value.trim().trim_matches(['"', '\'']).trim()
}

/// Words that may follow a count, an amount of hours or of money, and mean
/// nothing more than the unit.
const COUNT_WORDS: &[&str] = &[
    "pupils", "pupil", "children", "students", "teachers", "tas", "requests", "a year", "per year",
    "on roll",
];
const HOURS_WORDS: &[&str] = &[
    "hours a week",
    "hours per week",
    "hrs a week",
    "h a week",
    "hours",
    "hour",
    "hrs",
    "hr",
    "h",
    "a week",
    "per week",
    "pw",
];
const MONEY_WORDS: &[&str] = &["pounds", "a year", "per year", "an hour", "per hour"];

/// A number as people type it, when it means one number beyond doubt:
/// `1,305` (commas between threes), `£3,200`, `3.2k`, `1.3 thousand`,
/// `15 hours` (a unit from `units` and nothing else), or in words (`three
/// hundred and five`). `7,5`, `6h30`, `6:30`, `7½` and `1 day` are not.
fn amount(value: &str, units: &[&str]) -> Option<f64> {
    let text = unquoted(value).to_lowercase();
    let text = text.strip_prefix('£').unwrap_or(&text).trim();
    let digits_end = text
        .find(|c: char| !(c.is_ascii_digit() || c == ',' || c == '.'))
        .unwrap_or(text.len());
    let (digits, rest) = text.split_at(digits_end);
    if digits.is_empty() {
        return number_from_words(text).map(|n| n as f64);
    }
    let mut n = grouped(digits)?;
    let mut rest = rest.trim();
    for word in ["thousand", "k"] {
        if let Some(after) = rest.strip_prefix(word)
            && after.chars().next().is_none_or(|c| !c.is_alphanumeric())
        {
            n *= 1000.0;
            rest = after.trim();
            break;
        }
    }
    (rest.is_empty() || units.contains(&rest)).then_some(n)
}

/// `1,305` or `2.5`: a comma only between groups of three digits.
fn grouped(digits: &str) -> Option<f64> {
    let (whole, fraction) = digits.split_once('.').unwrap_or((digits, ""));
    let mut groups = whole.split(',');
    let first = groups.next()?;
    let thousands = whole.contains(',');
    if first.is_empty() || (thousands && first.len() > 3) || fraction.contains(['.', ',']) {
        return None;
    }
    if !groups.all(|g| g.len() == 3) {
        return None;
    }
    let plain = whole.replace(',', "");
    if fraction.is_empty() {
        plain.parse().ok()
    } else {
        format!("{plain}.{fraction}").parse().ok()
    }
}

/// `80%`, `0.8 FTE`, `4 days`, `full time`: the share of a full-time
/// (five-day) contract.
fn share(value: &str) -> Option<f64> {
    let lower = unquoted(value).to_lowercase();
    if matches!(lower.as_str(), "full time" | "full-time" | "fulltime") {
        return Some(1.0);
    }
    let end = lower
        .find(|c: char| !(c.is_ascii_digit() || c == '.'))
        .unwrap_or(lower.len());
    let number: f64 = lower.get(..end)?.parse().ok()?;
    let share = match lower.get(end..)?.trim() {
        "%" => number / 100.0,
        "days" | "day" | "days a week" => number / 5.0,
        "fte" | "" => number,
        _ => return None,
    };
    (MIN_CONTRACT_FTE..=1.0).contains(&share).then_some(share)
}

/// A date typed day first (British: `01/09/2025`, `1.9.25`), year first
/// with other marks (`2025/09/01`, `2025-9-1`), or in words (`1st
/// September 2025`, `1 Sep 2025`): its year, month and day, not yet
/// checked against the calendar.
fn year_month_day(value: &str) -> Option<(i32, u32, u32)> {
    let text = unquoted(value).to_lowercase();
    let parts: Vec<&str> = text
        .split(|c: char| matches!(c, '/' | '-' | '.' | ',') || c.is_whitespace())
        .filter(|p| !p.is_empty())
        .collect();
    let [a, b, c] = parts.as_slice() else {
        return None;
    };
    let year_of = |word: &str| -> Option<i32> {
        let year: i32 = word.parse().ok()?;
        match word.len() {
            4 => Some(year),
            2 => Some(2000 + year),
            _ => None,
        }
    };
    let month_of = |word: &str| -> Option<u32> {
        const MONTHS: [&str; 12] = [
            "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
        ];
        word.parse().ok().or_else(|| {
            MONTHS
                .iter()
                .position(|m| word.len() >= 3 && word.starts_with(m))
                .map(|i| i as u32 + 1)
        })
    };
    let day_of = |word: &str| -> Option<u32> {
        word.trim_end_matches(|c: char| c.is_alphabetic())
            .parse()
            .ok()
    };
    if a.len() == 4 {
        return Some((year_of(a)?, month_of(b)?, day_of(c)?));
    }
    Some((year_of(c)?, month_of(b)?, day_of(a)?))
}

const SMALL: [&str; 20] = [
    "zero",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
];
const TENS: [&str; 8] = [
    "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety",
];

/// English number words below a million, as people write them ("three
/// hundred and five", "one thousand two hundred", "twenty-one"): read only
/// if the number written back in words gives the same words, so that
/// "five five" or "one hundred hundred" mean nothing.
fn number_from_words(text: &str) -> Option<u64> {
    let words: Vec<&str> = text
        .split(|c: char| c.is_whitespace() || c == '-' || c == ',')
        .filter(|w| !w.is_empty() && *w != "and")
        .collect();
    if words.is_empty() || words.len() > 12 {
        return None;
    }
    let (mut total, mut current) = (0u64, 0u64);
    for word in &words {
        if let Some(n) = SMALL.iter().position(|w| w == word) {
            current += n as u64;
        } else if let Some(n) = TENS.iter().position(|w| w == word) {
            current += 20 + 10 * n as u64;
        } else if *word == "hundred" {
            current = current.max(1).checked_mul(100)?;
        } else if *word == "thousand" {
            total = total.checked_add(current.max(1).checked_mul(1000)?)?;
            current = 0;
        } else {
            return None;
        }
    }
    let n = total.checked_add(current)?;
    (n < 1_000_000 && in_words(n) == words.join(" ")).then_some(n)
}

/// A number below a million in words, without "and" or hyphens.
fn in_words(n: u64) -> String {
    fn below_thousand(n: u64, words: &mut Vec<&'static str>) {
        let small = |i: u64| SMALL.get(i as usize).copied().unwrap_or_default();
        if n >= 100 {
            words.extend([small(n / 100), "hundred"]);
        }
        let rest = n % 100;
        if rest >= 20 {
            words.push(
                TENS.get((rest / 10 - 2) as usize)
                    .copied()
                    .unwrap_or_default(),
            );
            if !rest.is_multiple_of(10) {
                words.push(small(rest % 10));
            }
        } else if rest > 0 || n == 0 {
            words.push(small(rest));
        }
    }
    let mut words = Vec::new();
    if n >= 1000 {
        below_thousand(n / 1000, &mut words);
        words.push("thousand");
        if !n.is_multiple_of(1000) {
            below_thousand(n % 1000, &mut words);
        }
    } else {
        below_thousand(n, &mut words);
    }
    words.join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn first(text: &str) -> (String, String, String) {
        let found = diagnose("t.toml", text);
        let (p, _) = found.first().expect("a problem");
        (
            p.key.clone().unwrap_or_default(),
            p.message.clone(),
            p.hint.clone().unwrap_or_default(),
        )
    }

    #[test]
    fn form_answers_are_named_by_key_with_the_line_to_write() {
        let (key, message, hint) = first("[senco]\nqualified-teacher = yes\n");
        assert_eq!(key, "senco.qualified-teacher");
        assert_eq!(message, "`yes` is not true or false");
        assert!(hint.contains("`qualified-teacher = true`"), "{hint}");

        let (key, _, hint) = first("[senco]\nappointed = 01/09/2025   # September\n");
        assert_eq!(key, "senco.appointed");
        assert!(hint.contains("`appointed = 2025-09-01`"), "{hint}");

        let (_, _, hint) = first("[senco]\ncontract-fte = 80%\n");
        assert!(hint.contains("`contract-fte = 0.8`"), "{hint}");

        let (_, _, hint) = first("[school]\npupils = 1,305\n");
        assert!(hint.contains("`pupils = 1305`"), "{hint}");

        let (_, _, hint) = first("[school]\npupils = three hundred and five\n");
        assert!(hint.contains("`pupils = 305`"), "{hint}");

        let (key, _, hint) = first("[senco]\nteaching-hours = 15 hours\n");
        assert_eq!(key, "senco.teaching-hours");
        assert!(hint.contains("`teaching-hours = 15`"), "{hint}");

        let (_, _, hint) = first("[school]\nphase = primary\n");
        assert!(hint.contains("`phase = \"primary\"`"), "{hint}");
    }

    #[test]
    fn keys_and_tables_written_twice_are_named() {
        let (key, message, _) = first("[school]\nehcp = 12\nehcp = 13\n");
        assert_eq!(key, "school.ehcp");
        assert_eq!(
            message,
            "`ehcp` is written twice in this table (first on line 2)"
        );
        let (key, message, _) = first("[school]\n[senco]\n[school]\n");
        assert_eq!(key, "school");
        assert!(message.contains("appears twice (first on line 1)"));
    }

    #[test]
    fn every_bad_line_is_found_and_good_ones_are_not() {
        let text = "[school]\npupils = 1,305\nehcp = 12 # fine\nname = \"A # B\"\n[senco]\nqualified-teacher = yes\n";
        let found = diagnose("t.toml", text);
        let keys: Vec<_> = found.iter().filter_map(|(p, _)| p.key.clone()).collect();
        assert_eq!(keys, ["school.pupils", "senco.qualified-teacher"]);
    }

    /// A suggestion is made only when the typed value means it beyond
    /// doubt: anything else gets what a value looks like, never a wrong
    /// number that would then be assessed without complaint.
    #[test]
    fn no_suggestion_is_a_guess() {
        for (line, wrong) in [
            ("[senco]\nsenco-hours = 1 day\n", "senco-hours = 1`"),
            ("[senco]\nsenco-hours = 6h30\n", "senco-hours = 6`"),
            ("[senco]\nsenco-hours = 6:30\n", "senco-hours = 6`"),
            ("[senco]\nsenco-hours = 7½\n", "senco-hours = 7`"),
            ("[senco]\nteaching-hours = 7,5\n", "teaching-hours = 75`"),
            ("[school]\npupils = zero\n", "pupils = 0`"),
            ("[school]\npupils = five five\n", "pupils = 10`"),
            (
                "[school]\npupils = one hundred hundred\n",
                "pupils = 10000`",
            ),
        ] {
            let (_, _, hint) = first(line);
            assert!(!hint.contains(wrong), "{line:?}: {hint}");
            assert!(hint.contains("e.g."), "{line:?}: {hint}");
        }
        for (line, right) in [
            (
                "[costs]\ndeputy-allowance = £3.2k\n",
                "`deputy-allowance = 3200`",
            ),
            ("[school]\npupils = 1 thousand\n", "`pupils = 1000`"),
            ("[school]\npupils = 1.3 thousand\n", "`pupils = 1300`"),
            ("[school]\npupils = 305 pupils\n", "`pupils = 305`"),
            ("[senco]\nsenco-hours = 7.5hrs\n", "`senco-hours = 7.5`"),
            ("[senco]\ncontract-fte = 0.8 FTE\n", "`contract-fte = 0.8`"),
            ("[senco]\ncontract-fte = 4 days\n", "`contract-fte = 0.8`"),
            (
                "[senco]\nappointed = 1st September 2025\n",
                "`appointed = 2025-09-01`",
            ),
            (
                "[senco]\nappointed = 2025/09/01\n",
                "`appointed = 2025-09-01`",
            ),
            (
                "[school]\nname = \"Oakfield Primary\",\n",
                "`name = \"Oakfield Primary\"`",
            ),
            (
                "[school]\nname = \u{201c}Ash Primary\u{201d}\n",
                "`name = \"Ash Primary\"`",
            ),
            ("[senco]\nleadership = SLT\n", "`leadership = \"slt\"`"),
        ] {
            let (_, _, hint) = first(line);
            assert!(hint.contains(right), "{line:?}: {hint}");
        }
        let (_, message, _) = first("[senco]\nappointed = 31/02/2025\n");
        assert_eq!(message, "`31/02/2025` is not a day of the calendar");
    }

    #[test]
    fn keys_typed_as_people_say_them_are_named() {
        let (key, message, hint) = first("[school]\nSEN support = 40\n");
        assert_eq!(key, "school.sen-support");
        assert!(message.contains("is not how the key is written"));
        assert_eq!(hint, "write `sen-support = 40`");
        let (key, _, hint) = first("[school]\npupils: 300\n");
        assert_eq!(key, "school.pupils");
        assert_eq!(hint, "write `pupils = 300`");
        let (key, _, hint) = first("senco\n");
        assert_eq!(key, "senco");
        assert_eq!(hint, "write the header as [senco]");
        let (_, message, _) = first("[school]\npupils = 300\u{a0}\n");
        assert!(message.contains("non-breaking space"));
        let (_, message, _) = first("[school]\npupils =\n");
        assert_eq!(message, "has no value after the `=`");
        // A wrong-case table still names the key's kind.
        let (_, _, hint) = first("[School]\npupils = 1,305\n");
        assert!(hint.contains("`pupils = 1305`"), "{hint}");
    }

    #[test]
    fn number_words_are_read_only_when_well_formed() {
        assert_eq!(number_from_words("three hundred and five"), Some(305));
        assert_eq!(number_from_words("one thousand two hundred"), Some(1200));
        assert_eq!(number_from_words("twenty-one"), Some(21));
        assert_eq!(number_from_words("lots"), None);
        assert_eq!(number_from_words("ninety-ten"), None);
        assert_eq!(number_from_words("a thousand thousand"), None);
        // Twenty "one hundred and"s: no overflow, no number.
        assert_eq!(number_from_words(&"one hundred and ".repeat(20)), None);
        assert_eq!(
            in_words(999_999),
            "nine hundred ninety nine thousand nine hundred ninety nine"
        );
        assert_eq!(share("4 days"), Some(0.8));
        assert_eq!(share("120%"), None);
        assert_eq!(year_month_day("1.9.25"), Some((2025, 9, 1)));
        assert_eq!(grouped("1,305"), Some(1305.0));
        assert_eq!(grouped("7,5"), None);
        assert_eq!(grouped("1,2,3"), None);
    }
}
