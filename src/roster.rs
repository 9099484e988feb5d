//! CSV rosters: one school a row, a header of dotted profile keys
//! (`school.name,school.phase,school.pupils,senco.teaching-hours,...`).
//! Cells are typed as the profile's keys are; an empty cell is an absent key.

use crate::profile::{Draft, MAX_PROBLEMS, Override, Problem, Profile, ProfileError};
use crate::safe_text::csv_unguard;

/// The column that lists, a row at a time, the keys filled by defaults.
pub const ASSUMED_COLUMN: &str = "assumed";

/// A roster's header, checked once for all its rows.
#[derive(Debug, Clone, PartialEq)]
pub struct RosterHeader {
    pub file: String,
    pub keys: Vec<String>,
}

fn problem(file: &str, row: Option<usize>, message: String, hint: &str) -> Problem {
    Problem::new(file, message)
        .via(row.map(|r| format!("row {r}")))
        .hint(hint)
}

impl RosterHeader {
    pub fn new(file: &str, header: &csv::StringRecord) -> Result<RosterHeader, ProfileError> {
        let mut keys: Vec<String> = header.iter().map(|k| k.trim().to_string()).collect();
        // A spreadsheet often exports empty columns after the last one used.
        while keys.len() > 1 && keys.last().is_some_and(String::is_empty) {
            keys.pop();
        }
        let mut problems = Vec::new();
        if keys.iter().all(String::is_empty) {
            problems.push(problem(
                file,
                Some(1),
                "the roster is empty".to_string(),
                "the first row names the profile keys (school.name,school.phase,...) and each row after it is a school",
            ));
        }
        // Problems past the first fifty are only counted, so that a header
        // of 200,000 bad columns costs no more memory than one of fifty.
        let mut seen = std::collections::HashSet::new();
        let mut more = 0;
        let mut add = |p: Problem| {
            if problems.len() < MAX_PROBLEMS {
                problems.push(p);
            } else {
                more += 1;
            }
        };
        for (i, key) in keys
            .iter()
            .enumerate()
            .filter(|(_, k)| !k.is_empty() || keys.len() > 1)
        {
            // The column `roster from-dfe` writes to say what it assumed.
            if key == ASSUMED_COLUMN {
                continue;
            }
            if Override::from_text(key, "0").is_err() {
                // `pupils` or `SEN support`: a key without its table.
                let typed = key.to_lowercase().replace([' ', '_'], "-");
                let dotted: Vec<String> = crate::profile::known_keys()
                    .into_iter()
                    .filter(|(_, keys)| keys.contains(&typed.as_str()))
                    .map(|(table, _)| format!("{table}.{typed}"))
                    .collect();
                let hint = match dotted.as_slice() {
                    [one] => format!("head it {one}: each column is headed by its table and key"),
                    _ => "head each column with a dotted profile key, e.g. school.name, school.pupils, senco.teaching-hours".to_string(),
                };
                add(problem(
                    file,
                    Some(1),
                    format!(
                        "column {} is headed `{key}`, which is not a profile key",
                        i + 1
                    ),
                    &hint,
                ));
            }
            if !seen.insert(key.as_str()) {
                add(problem(
                    file,
                    Some(1),
                    format!("column {} repeats the key `{key}`", i + 1),
                    "give each key one column",
                ));
            }
        }
        if more > 0 {
            problems.push(Problem::and_more(file, more));
        }
        if problems.is_empty() {
            Ok(RosterHeader {
                file: file.to_string(),
                keys,
            })
        } else {
            Err(ProfileError { problems })
        }
    }

    /// The name a row goes by in output: `schools.csv#row 3`.
    pub fn source(&self, row: usize) -> String {
        format!("{}#row {row}", self.file)
    }

    /// Builds and validates the profile of one row (`row` counts the
    /// header as row 1, as spreadsheets do). `edits` (from `--set`) apply
    /// after the row's own values.
    pub fn profile(
        &self,
        row: usize,
        cells: &csv::StringRecord,
        edits: &[Override],
    ) -> Result<Profile, ProfileError> {
        // Empty cells past the last column are a spreadsheet's padding.
        let used = cells
            .iter()
            .enumerate()
            .filter(|(_, c)| !c.trim().is_empty())
            .last()
            .map_or(0, |(i, _)| i + 1);
        if cells.len() < self.keys.len() || used > self.keys.len() {
            return Err(ProfileError {
                problems: vec![problem(
                    &self.file,
                    Some(row),
                    format!(
                        "the row has {} but the header has {}",
                        crate::round::counted(cells.len() as u64, "cell", "cells"),
                        crate::round::counted(self.keys.len() as u64, "column", "columns")
                    ),
                    "give every row one cell per column; leave a cell empty for a key the school does not have",
                )],
            });
        }
        let mut all = Vec::with_capacity(cells.len() + edits.len());
        let mut assumed = "";
        for (key, cell) in self.keys.iter().zip(cells.iter()) {
            if key == ASSUMED_COLUMN {
                assumed = cell;
                continue;
            }
            if cell.trim().is_empty() {
                continue;
            }
            // A cell senco-plan's CSV writer guarded reads back as it was.
            let cell = csv_unguard(cell);
            // The header was checked, so every key splits.
            if let Ok(edit) = Override::from_text(key, cell) {
                all.push(edit.via(format!("row {row}, column {key}")));
            }
        }
        all.extend(edits.iter().cloned());
        let mut result = Draft::roster_row(&self.file).build(&all);
        if let Err(err) = &mut result {
            for p in &mut err.problems {
                p.via.get_or_insert_with(|| format!("row {row}"));
            }
        }
        let mut profile = result?;
        // Keys the roster says were filled by a default are listed as
        // assumed, as a profile's own left-out keys are.
        for key in assumed.split(';').map(str::trim).filter(|k| !k.is_empty()) {
            match crate::profile::markable_key(key) {
                Some(key) if !profile.assumed.contains(&key) => profile.assumed.push(key),
                Some(_) => {}
                None => {
                    return Err(ProfileError {
                        problems: vec![problem(
                            &self.file,
                            Some(row),
                            format!(
                                "column assumed lists `{}`, which no default fills",
                                crate::safe_text::escape_controls(key)
                            ),
                            "list the dotted keys filled with defaults, separated by ;, e.g. senco.senco-hours; tas.count",
                        )],
                    });
                }
            }
        }
        Ok(profile)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const HEADER: &[&str] = &[
        "school.name",
        "school.phase",
        "school.pupils",
        "school.sen-support",
        "school.ehcp",
        "senco.contract-fte",
        "senco.teaching-hours",
        "senco.senco-hours",
        "senco.leadership",
        "senco.qualified-teacher",
        "senco.award",
        "deputy.hours",
    ];

    #[test]
    fn a_row_becomes_a_profile_and_empty_cells_are_absent() {
        let header = RosterHeader::new("r.csv", &csv::StringRecord::from(HEADER.to_vec())).unwrap();
        let row = csv::StringRecord::from(vec![
            "Ash Primary",
            "primary",
            "210",
            "30",
            "6",
            "1",
            "10",
            "5",
            "middle",
            "true",
            "npq-senco",
            "",
        ]);
        let p = header.profile(2, &row, &[]).unwrap();
        assert_eq!(p.school.name, "Ash Primary");
        assert_eq!(p.school.pupils, 210);
        assert!(p.deputy.is_none());
        assert_eq!(header.source(2), "r.csv#row 2");
    }

    #[test]
    fn row_problems_name_the_row_and_column() {
        let header = RosterHeader::new("r.csv", &csv::StringRecord::from(HEADER.to_vec())).unwrap();
        let row = csv::StringRecord::from(vec![
            "Ash",
            "primary",
            "lots",
            "30",
            "6",
            "1",
            "10",
            "5",
            "middle",
            "true",
            "npq-senco",
            "",
        ]);
        let err = header.profile(7, &row, &[]).unwrap_err().to_string();
        assert!(
            err.contains(
                "r.csv, row 7, column school.pupils: must be a whole number, not the text \"lots\""
            ),
            "{err}"
        );
        let short = csv::StringRecord::from(vec!["Ash", "primary"]);
        let err = header.profile(3, &short, &[]).unwrap_err().to_string();
        assert!(
            err.contains("the row has 2 cells but the header has 12 columns"),
            "{err}"
        );
    }

    /// Roster messages speak of rows, columns and cells, never of TOML
    /// lines; a spreadsheet's TRUE and a typed yes are read as true.
    #[test]
    fn row_problems_speak_in_spreadsheet_terms() {
        let header = |extra: &[&str]| {
            let mut keys = vec![
                "school.name",
                "school.phase",
                "school.pupils",
                "school.ehcp",
                "senco.teaching-hours",
                "senco.senco-hours",
                "senco.qualified-teacher",
            ];
            keys.extend(extra);
            RosterHeader::new("r.csv", &csv::StringRecord::from(keys)).unwrap()
        };
        let mut cells = vec!["Ash", "primary", "200", "5", "10", "5", "TRUE"];
        let err = header(&[])
            .profile(2, &csv::StringRecord::from(cells.clone()), &[])
            .unwrap_err()
            .to_string();
        assert_eq!(
            err,
            "error: r.csv, row 2: school.sen-support: the column school.sen-support is missing or empty\n  help: every school needs it: add a column headed school.sen-support and fill it in, e.g. 55"
        );
        let with_support = header(&["school.sen-support"]);
        cells[6] = "yes";
        cells.push("20");
        let p = with_support
            .profile(2, &csv::StringRecord::from(cells.clone()), &[])
            .unwrap();
        assert!(p.senco.qualified_teacher);
        cells[2] = "lots";
        let err = with_support
            .profile(3, &csv::StringRecord::from(cells), &[])
            .unwrap_err()
            .to_string();
        assert!(err.contains("write e.g. `420` in the cell"), "{err}");
        assert!(
            !err.contains("without quotes") && !err.contains(" = "),
            "{err}"
        );
    }

    #[test]
    fn a_bad_header_is_refused() {
        let err = RosterHeader::new(
            "r.csv",
            &csv::StringRecord::from(vec!["name", "school.pupils", "school.pupils"]),
        )
        .unwrap_err()
        .to_string();
        assert!(err.contains("column 1 is headed `name`"), "{err}");
        assert!(
            err.contains("column 3 repeats the key `school.pupils`"),
            "{err}"
        );
    }
}
