//! When a profile is not valid TOML: the lines a person typed as they
//! would in a form (`qualified-teacher = yes`, `appointed = 01/09/2025`,
//! `contract-fte = 80%`, `pupils = 1,305`, `teaching-hours = 15 hours`), each
//! named by its key with what to write instead, and keys or tables written
//! twice (SPEC section 1). TOML's own parser stops at the first mistake and
//! names no key; this reads line by line, so every such line is reported.

use super::Problem;
use super::read::{Found, HOURS_KEYS, SCHOOL_KEYS, SENCO_KEYS, TAS_KEYS, WHOLE_SCHOOL_KEYS};
use crate::params::{ASSUMPTIONS, COSTS};
use chrono::NaiveDate;
use std::collections::HashMap;

/// What a key holds, for saying what a value of it looks like.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Kind {
    YesNo,
    Date,
    Share,
    Count,
    Hours,
    Number,
    Text,
    Unknown,
}

fn kind_of(table: &str, key: &str) -> Kind {
    let known = |keys: &[&str]| keys.contains(&key);
    match (table, key) {
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
        (
            "school",
            "pupils" | "sen-support" | "ehcp" | "ehc-requests-per-year" | "teachers" | "urn",
        )
        | ("tas", "count" | "lead-tas") => Kind::Count,
        ("senco", "teaching-hours" | "senco-hours" | "other-duties-hours")
        | ("deputy" | "admin", "hours")
        | ("tas", "lead-hours") => Kind::Hours,
        ("school", "weeks-per-year") => Kind::Number,
        ("school", _) if known(SCHOOL_KEYS) => Kind::Text,
        ("senco", _) if known(SENCO_KEYS) => Kind::Text,
        ("tas", _) if known(TAS_KEYS) => Kind::Text,
        ("deputy" | "admin", _) if known(HOURS_KEYS) => Kind::Hours,
        ("whole-school", _) if known(WHOLE_SCHOOL_KEYS) => Kind::YesNo,
        ("assumptions", _) if ASSUMPTIONS.iter().any(|p| p.key == key) => Kind::Number,
        ("costs", _) if COSTS.iter().any(|p| p.key == key) => Kind::Number,
        _ => Kind::Unknown,
    }
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
        if trimmed.is_empty() || trimmed.starts_with('#') {
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
                    start + indent(line),
                    format!("the [{table}] table appears twice (first on line {first})"),
                    format!("keep one [{table}] line and put all its keys under it"),
                ));
            }
            continue;
        }
        let Some((key_part, value_part)) = line.split_once('=') else {
            continue;
        };
        let key = key_part.trim();
        if key.is_empty()
            || !key
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
        {
            continue;
        }
        let dotted = if table.is_empty() {
            key.to_string()
        } else {
            format!("{table}.{key}")
        };
        if let Some(first) = keys.insert((table.clone(), key.to_string()), number) {
            found.push(problem(
                file,
                &dotted,
                start + indent(line),
                format!("`{key}` is written twice in this table (first on line {first})"),
                "keep the line with the right value and delete the other".to_string(),
            ));
            continue;
        }
        let value = value_part.trim();
        // Arrays, inline tables and multi-line strings run over lines;
        // TOML's own message serves those.
        if value.starts_with(['[', '{']) || value.starts_with("\"\"\"") || value.starts_with("'''")
        {
            continue;
        }
        if toml::de::DeTable::parse(&format!("k = {value}")).is_ok() {
            continue;
        }
        let value_at =
            start + key_part.len() + 1 + (value_part.len() - value_part.trim_start().len());
        let (message, hint) = explain(&table, key, without_comment(value));
        found.push(problem(file, &dotted, value_at, message, hint));
    }
    found
}

fn indent(line: &str) -> usize {
    line.len() - line.trim_start().len()
}

fn problem(file: &str, key: &str, offset: usize, message: String, hint: String) -> Found {
    (
        Problem::new(file, message).key(key).hint(hint),
        Some(offset),
    )
}

/// The value as typed, less a trailing `# comment`.
fn without_comment(value: &str) -> &str {
    if value.starts_with(['"', '\'']) {
        return value;
    }
    value.split('#').next().unwrap_or(value).trim()
}

/// What is wrong with `value` for `key`, and the line to write instead.
fn explain(table: &str, key: &str, value: &str) -> (String, String) {
    let shown = crate::safe_text::escape_controls(value);
    // A value with a control character in it was not typed as in a form:
    // no guess at what was meant, just what a value looks like.
    if crate::safe_text::has_control(value) {
        return (
            format!("`{shown}` holds a control character"),
            "retype the value: numbers alone (`pupils = 420`), true or false, text in double quotes".to_string(),
        );
    }
    let line = |v: &str| format!("`{key} = {v}`");
    match kind_of(table, key) {
        Kind::YesNo => {
            let answer = match value.to_lowercase().trim_matches(['"', '\'']) {
                "yes" | "y" | "on" | "1" | "true" => Some("true"),
                "no" | "n" | "off" | "0" | "false" => Some("false"),
                _ => None,
            };
            (
                format!("`{shown}` is not true or false"),
                match answer {
                    Some(answer) => format!(
                        "write {} (true or false, without quotes)",
                        line(answer)
                    ),
                    None => format!("write {} or {}", line("true"), line("false")),
                },
            )
        }
        Kind::Date => (
            format!("`{shown}` is not a date written year-month-day"),
            match day_month_year(value) {
                Some(date) => format!("write {} (year-month-day)", line(&date.to_string())),
                None => format!("write dates year-month-day, e.g. {}", line("2023-09-01")),
            },
        ),
        Kind::Share => (
            format!("`{shown}` is not a share of a full-time contract"),
            match share(value) {
                Some(share) => format!(
                    "write {} (a decimal: 1 is full time, 0.8 four days a week)",
                    line(&crate::round::show(share))
                ),
                None => format!(
                    "write the share as a decimal: {} for four days a week, {} for full time",
                    line("0.8"),
                    line("1.0")
                ),
            },
        ),
        Kind::Count => (
            format!("`{shown}` is not a whole number written in digits"),
            match whole_number(value) {
                Some(n) => format!("write {} (digits only, no commas or words)", line(&n.to_string())),
                None => format!("write the number in digits, e.g. {}", line("420")),
            },
        ),
        Kind::Hours | Kind::Number => {
            let what = if kind_of(table, key) == Kind::Hours {
                "hours a week"
            } else {
                "a number"
            };
            (
                format!("`{shown}` is not {what} written as a number alone"),
                match leading_number(value) {
                    Some(n) => format!(
                        "write {} (the number alone: no units, commas or words)",
                        line(&crate::round::show(n))
                    ),
                    None => format!("write the number alone, e.g. {}", line("6.5")),
                },
            )
        }
        Kind::Text => {
            let word = value.trim_matches(['"', '\'']).trim();
            let unclosed = value.starts_with('"') && (value.len() < 2 || !value.ends_with('"'));
            (
                if unclosed {
                    format!("`{shown}` has no closing quote")
                } else {
                    format!("`{shown}` is text, and text goes in double quotes")
                },
                format!("write {}", line(&format!("\"{}\"", word.replace('"', "")))),
            )
        }
        Kind::Unknown => (
            format!("`{shown}` is not a value TOML can read"),
            "write numbers alone (`pupils = 420`), true or false without quotes, text in double quotes (`phase = \"primary\"`) and dates as 2023-09-01".to_string(),
        ),
    }
}

/// A British date, day first: 01/09/2025, 1-9-2025, 1.9.25.
fn day_month_year(value: &str) -> Option<NaiveDate> {
    let parts: Vec<&str> = value
        .trim_matches(['"', '\''])
        .split(['/', '-', '.'])
        .map(str::trim)
        .collect();
    let [day, month, year] = parts.as_slice() else {
        return None;
    };
    let (day, month, mut year): (u32, u32, i32) =
        (day.parse().ok()?, month.parse().ok()?, year.parse().ok()?);
    if year < 100 {
        year += 2000;
    }
    NaiveDate::from_ymd_opt(year, month, day)
}

/// `80%`, `80 %`, `0.8 FTE`, `4 days`, `full time`: the share of a
/// full-time (five-day) contract.
fn share(value: &str) -> Option<f64> {
    let lower = value.to_lowercase();
    let lower = lower.trim_matches(['"', '\'']).trim();
    if lower.starts_with("full") {
        return Some(1.0);
    }
    let number = leading_number(lower)?;
    let rest = lower
        .trim_start_matches(|c: char| c.is_ascii_digit() || c == '.')
        .trim();
    let share = if rest.starts_with('%') {
        number / 100.0
    } else if rest.starts_with("day") {
        number / 5.0
    } else {
        number
    };
    (share > 0.0 && share <= 1.0).then_some(share)
}

/// `1,305`, `1 305`, `305 pupils`, `three hundred and five`.
fn whole_number(value: &str) -> Option<u64> {
    let value = value.trim_matches(['"', '\'']).trim();
    let digits: String = value
        .chars()
        .take_while(|c| c.is_ascii_digit() || *c == ',' || *c == ' ')
        .filter(char::is_ascii_digit)
        .collect();
    if !digits.is_empty() {
        return digits.parse().ok();
    }
    number_from_words(value)
}

/// The number a value starts with: `15 hours`, `7.5hrs`, `£3,200`.
fn leading_number(value: &str) -> Option<f64> {
    let value = value
        .trim_matches(['"', '\''])
        .trim()
        .trim_start_matches('£');
    let number: String = value
        .chars()
        .take_while(|c| c.is_ascii_digit() || *c == '.' || *c == ',')
        .filter(|c| *c != ',')
        .collect();
    number
        .parse()
        .ok()
        .or_else(|| number_from_words(value).map(|n| n as f64))
}

/// English number words up to the thousands: "three hundred and five".
fn number_from_words(text: &str) -> Option<u64> {
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
    let (mut total, mut current, mut any) = (0u64, 0u64, false);
    for word in text
        .to_lowercase()
        .split(|c: char| c.is_whitespace() || c == '-' || c == ',')
        .filter(|w| !w.is_empty())
    {
        if let Some(n) = SMALL.iter().position(|w| *w == word) {
            current += n as u64;
        } else if let Some(n) = TENS.iter().position(|w| *w == word) {
            current += 20 + 10 * n as u64;
        } else {
            match word {
                "and" | "a" => continue,
                "hundred" => current = current.max(1) * 100,
                "thousand" => {
                    total += current.max(1) * 1000;
                    current = 0;
                }
                _ => return None,
            }
        }
        any = true;
    }
    any.then_some(total + current)
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

    #[test]
    fn number_words_are_read() {
        assert_eq!(number_from_words("three hundred and five"), Some(305));
        assert_eq!(number_from_words("one thousand two hundred"), Some(1200));
        assert_eq!(number_from_words("twenty-one"), Some(21));
        assert_eq!(number_from_words("lots"), None);
        assert_eq!(share("4 days"), Some(0.8));
        assert_eq!(share("120%"), None);
        assert_eq!(
            day_month_year("1.9.25"),
            NaiveDate::from_ymd_opt(2025, 9, 1)
        );
        assert_eq!(day_month_year("31/02/2025"), None);
    }
}
