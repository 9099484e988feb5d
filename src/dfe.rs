//! The DfE's school-level SEN file (`sen_school_level_underlying_data.csv`,
//! "Special educational needs in England"), one row a school, read into a
//! roster (SPEC section 11). Columns are found by their header names, since
//! the DfE reorders and adds columns between years; a suppressed count is
//! never read as 0.

use crate::profile::{Phase, Problem, ProfileError};
use crate::safe_text::escape_controls;
use std::collections::BTreeSet;

/// The columns read, by their names in the DfE's file; the constants below
/// index this list.
const REQUIRED: [&str; 10] = [
    "URN",
    "school_name",
    "la_name",
    "phase_type_grouping",
    "type_of_establishment",
    "all_through",
    "middle_school",
    "Total pupils",
    "SEN support",
    "EHC plan",
];
const URN: usize = 0;
const NAME: usize = 1;
const LA: usize = 2;
const GROUPING: usize = 3;
const ESTABLISHMENT: usize = 4;
const ALL_THROUGH: usize = 5;
const MIDDLE: usize = 6;
const PUPILS: usize = 7;
const SEN_SUPPORT: usize = 8;
const EHCP: usize = 9;

/// Independent schools of unknown type: primary below this roll.
const INDEPENDENT_SECONDARY_FROM: u32 = 500;

/// Where each column read is, by position.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DfeHeader {
    at: [usize; 10],
}

impl DfeHeader {
    /// Finds the columns by name; every one missing is named.
    pub fn new(file: &str, header: &csv::StringRecord) -> Result<DfeHeader, ProfileError> {
        let names: Vec<&str> = header
            .iter()
            .map(|h| h.trim().trim_start_matches('\u{feff}'))
            .collect();
        if names.iter().all(|n| n.is_empty()) {
            return Err(ProfileError {
                problems: vec![Problem::new(file, "the file is empty".to_string()).hint(
                    "give the DfE's school-level file, sen_school_level_underlying_data.csv",
                )],
            });
        }
        let mut at = [0; 10];
        let mut problems = Vec::new();
        for (slot, wanted) in at.iter_mut().zip(REQUIRED) {
            match names.iter().position(|n| n.eq_ignore_ascii_case(wanted)) {
                Some(i) => *slot = i,
                None => problems.push(
                    Problem::new(file, format!("the file has no `{wanted}` column"))
                        .via(Some("row 1".to_string()))
                        .hint(
                            "give the DfE's school-level file, sen_school_level_underlying_data.csv from \"Special educational needs in England\"; it has URN, school_name, la_name, phase_type_grouping, type_of_establishment, all_through, middle_school, Total pupils, SEN support and EHC plan",
                        ),
                ),
            }
        }
        if problems.is_empty() {
            Ok(DfeHeader { at })
        } else {
            Err(ProfileError { problems })
        }
    }

    /// The cell of one of the [`REQUIRED`] columns; a short row reads as
    /// empty, which no count or name accepts.
    fn cell<'r>(&self, record: &'r csv::StringRecord, column: usize) -> &'r str {
        self.at
            .get(column)
            .and_then(|at| record.get(*at))
            .unwrap_or("")
            .trim()
    }
}

/// Which schools to keep.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Filters {
    /// Only these URNs, when given.
    pub urns: BTreeSet<u32>,
    /// Only these local authorities (compared without case), when given.
    pub las: Vec<String>,
    pub phase: Option<Phase>,
    pub include_independent: bool,
}

/// One school of the file, read.
#[derive(Debug, Clone, PartialEq)]
pub struct DfeSchool {
    pub urn: u32,
    pub name: String,
    pub la: String,
    pub phase: Phase,
    pub pupils: u32,
    pub sen_support: u32,
    pub ehcp: u32,
    /// Said of an independent school whose phase was guessed from its roll.
    pub note: Option<String>,
}

/// What one row gives.
#[derive(Debug, Clone, PartialEq)]
pub enum Outcome {
    School(DfeSchool),
    /// Not wanted by the filters: said nowhere.
    Filtered,
    /// Wanted, but it cannot be a profile: the URN (if read) and why.
    Skipped(Option<u32>, String),
}

/// A count, or why not: the DfE writes suppressed values as z, c, x or low.
fn count(text: &str, column: &str) -> Result<u32, String> {
    match text.to_ascii_lowercase().as_str() {
        "" => Err(format!("`{column}` is empty")),
        word @ ("z" | "c" | "x" | "low") => Err(format!(
            "`{column}` is suppressed ({word}) in the DfE's file: a count is needed, never taken as 0"
        )),
        // Commas only as thousands separators: "1,234", never "12,34".
        _ if text.split(',').skip(1).any(|group| group.len() != 3) => Err(format!(
            "`{column}` is `{}`, not a count",
            escape_controls(text)
        )),
        _ => text
            .replace(',', "")
            .parse::<u32>()
            .map_err(|_| format!("`{column}` is `{}`, not a count", escape_controls(text))),
    }
}

/// What a yes/no column of the file says: it names the thing ("Deemed
/// middle", "All-through": `word` is "middle" or "through") or says yes;
/// or it says "Not applicable" (the DfE's `z`), no, or nothing. `None`:
/// neither, which is never read as no (`x`, not available, is neither).
fn says(text: &str, word: &str) -> Option<bool> {
    let text = text.trim().to_ascii_lowercase();
    match text.as_str() {
        "" | "no" | "n" | "false" | "0" | "z" | "n/a" | "not applicable" => Some(false),
        "yes" | "y" | "true" | "1" => Some(true),
        _ if text.starts_with("not ") => Some(false),
        _ if text
            .split(|c: char| !c.is_ascii_alphabetic())
            .any(|w| w == word) =>
        {
            Some(true)
        }
        _ => None,
    }
}

impl DfeHeader {
    /// One row: the school, filtered out, or skipped with the reason.
    pub fn read(&self, record: &csv::StringRecord, filters: &Filters) -> Outcome {
        let urn = self.cell(record, URN).parse::<u32>().ok();
        let la = self.cell(record, LA);
        if !filters.urns.is_empty() && !urn.is_some_and(|u| filters.urns.contains(&u)) {
            return Outcome::Filtered;
        }
        if !filters.las.is_empty() && !filters.las.iter().any(|l| l.eq_ignore_ascii_case(la)) {
            return Outcome::Filtered;
        }
        let Some(urn) = urn else {
            return Outcome::Skipped(None, "the URN is not a number".to_string());
        };
        let skip = |why: String| Outcome::Skipped(Some(urn), why);
        let counts = (
            count(self.cell(record, PUPILS), REQUIRED[PUPILS]),
            count(self.cell(record, SEN_SUPPORT), REQUIRED[SEN_SUPPORT]),
            count(self.cell(record, EHCP), REQUIRED[EHCP]),
        );
        let (pupils, sen_support, ehcp) = match counts {
            (Ok(p), Ok(s), Ok(e)) => (p, s, e),
            (Err(why), ..) | (_, Err(why), _) | (.., Err(why)) => return skip(why),
        };
        if pupils == 0 {
            return skip("the school has no pupils".to_string());
        }
        if u64::from(sen_support) + u64::from(ehcp) > u64::from(pupils) {
            return skip(format!(
                "{sen_support} at SEN support and {ehcp} with EHC plans are more than its {pupils} pupils"
            ));
        }
        let grouping = self.cell(record, GROUPING);
        let establishment = self.cell(record, ESTABLISHMENT).to_ascii_lowercase();
        let mut note = None;
        let phase = match grouping.to_ascii_lowercase().as_str() {
            "state-funded primary" => Phase::Primary,
            "state-funded secondary" => Phase::Secondary,
            "state-funded special school" | "non-maintained special school" => Phase::Special,
            "state-funded nursery" => Phase::Nursery,
            "pupil referral unit" | "state-funded ap school" => Phase::AlternativeProvision,
            "independent school" if !filters.include_independent => {
                return skip(
                    "an independent school (give --include-independent to keep independent schools)"
                        .to_string(),
                );
            }
            "independent school" if establishment.contains("special") => Phase::Special,
            "independent school" => {
                let phase = if pupils < INDEPENDENT_SECONDARY_FROM {
                    Phase::Primary
                } else {
                    Phase::Secondary
                };
                note = Some(format!(
                    "an independent school whose type does not say its phase: taken as {phase} from its {pupils} pupils"
                ));
                phase
            }
            other if other.contains("alternative provision") => Phase::AlternativeProvision,
            _ => {
                return skip(format!(
                    "its phase_type_grouping, `{}`, is not one senco-plan models",
                    escape_controls(grouping)
                ));
            }
        };
        // A deemed-middle or all-through school takes that phase, whatever
        // its grouping, once the grouping is one that is kept.
        let flag = |column: usize, name: &str, word: &str, example: &str| {
            let text = self.cell(record, column);
            says(text, word).ok_or_else(|| {
                format!(
                    "its `{name}` is `{}`, neither yes nor no: the DfE writes \"{example}\" or \"Not applicable\"",
                    escape_controls(text)
                )
            })
        };
        let phase = match (
            flag(MIDDLE, "middle_school", "middle", "Deemed middle"),
            flag(ALL_THROUGH, "all_through", "through", "All-through"),
        ) {
            (Err(why), _) | (_, Err(why)) => return skip(why),
            (Ok(true), Ok(true)) => {
                return skip(
                    "it is marked both deemed middle and all-through: correct one of middle_school and all_through".to_string(),
                );
            }
            (Ok(true), _) => Phase::Middle,
            (_, Ok(true)) => Phase::AllThrough,
            _ => phase,
        };
        // Text that would reach a terminal or a spreadsheet as control
        // characters is refused here, as `assess` would refuse it.
        let name = self.cell(record, NAME);
        if crate::safe_text::has_control(name) || crate::safe_text::has_control(la) {
            return skip(
                "its name or local authority holds a control or invisible character".to_string(),
            );
        }
        if filters.phase.is_some_and(|wanted| wanted != phase) {
            return Outcome::Filtered;
        }
        Outcome::School(DfeSchool {
            urn,
            name: name.to_string(),
            la: la.to_string(),
            phase,
            pupils,
            sen_support,
            ehcp,
            note,
        })
    }
}

/// The roster's header: the profile keys `assess --roster` reads. The
/// SENCO's columns are left for the trust to fill.
pub const ROSTER_COLUMNS: [&str; 9] = [
    "school.urn",
    "school.name",
    "school.la",
    "school.phase",
    "school.pupils",
    "school.sen-support",
    "school.ehcp",
    "senco.teaching-hours",
    "senco.senco-hours",
];

/// The columns `--senco-defaults national` adds after [`ROSTER_COLUMNS`].
pub const NATIONAL_COLUMNS: [&str; 4] = [
    "senco.contract-fte",
    "tas.count",
    "tas.structure",
    crate::roster::ASSUMED_COLUMN,
];

/// What `--senco-defaults national` fills, by phase (SPEC section 11): the
/// 2018 survey's typical allocation (0.75, 3.25 or 2.5 days of 6.5 h),
/// teaching hours, and TAs per teacher from TAs' share of the workforce.
/// All but the allocations are assumptions.
fn national(phase: Phase) -> (f64, f64, f64) {
    match phase {
        Phase::Nursery | Phase::Primary | Phase::Middle => (4.875, 19.0, 0.78),
        Phase::Secondary | Phase::AllThrough => (21.125, 9.0, 0.25),
        Phase::Special | Phase::AlternativeProvision => (16.25, 5.0, 1.5),
    }
}

impl DfeSchool {
    /// The school's roster row, under [`ROSTER_COLUMNS`], and with national
    /// defaults the [`NATIONAL_COLUMNS`] too.
    pub fn roster_row(&self, national_defaults: bool) -> Vec<String> {
        let mut row = vec![
            self.urn.to_string(),
            self.name.clone(),
            self.la.clone(),
            self.phase.to_string(),
            self.pupils.to_string(),
            self.sen_support.to_string(),
            self.ehcp.to_string(),
        ];
        if !national_defaults {
            row.extend([String::new(), String::new()]);
            return row;
        }
        let (senco_hours, teaching, tas_per_teacher) = national(self.phase);
        let per_teacher = crate::params::Assumptions::default().pupils_per_teacher(self.phase);
        let teachers = (f64::from(self.pupils) / per_teacher).round();
        row.extend([
            // Written in full: 21.125 h, not rounded to 21.13.
            teaching.to_string(),
            senco_hours.to_string(),
            "1".to_string(),
            format!("{}", (teachers * tas_per_teacher).round()),
            "flat".to_string(),
            "senco.senco-hours; senco.teaching-hours; senco.contract-fte; tas.count; tas.structure"
                .to_string(),
        ]);
        row
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn header() -> csv::StringRecord {
        csv::StringRecord::from(vec![
            "time_period",
            "la_name",
            "URN",
            "school_name",
            "phase_type_grouping",
            "type_of_establishment",
            "middle_school",
            "all_through",
            "Total pupils",
            "SEN support",
            "EHC plan",
        ])
    }

    fn row(cells: [&str; 11]) -> csv::StringRecord {
        csv::StringRecord::from(cells.to_vec())
    }

    #[test]
    fn columns_are_found_by_name_and_each_missing_one_named() {
        assert!(DfeHeader::new("f.csv", &header()).is_ok());
        let short = csv::StringRecord::from(vec!["URN", "school_name", "EHC plan"]);
        let err = DfeHeader::new("f.csv", &short).unwrap_err();
        assert_eq!(err.problems.len(), 7);
        assert!(
            err.problems[0]
                .to_string()
                .contains("the file has no `la_name` column")
        );
    }

    #[test]
    fn phases_map_as_the_spec_says_and_suppressions_are_never_zero() {
        let h = DfeHeader::new("f.csv", &header()).unwrap();
        let all = Filters::default();
        let phase = |grouping: &str, middle: &str, through: &str| match h.read(
            &row([
                "202425", "Leeds", "100001", "A", grouping, "Academy", middle, through, "400",
                "50", "10",
            ]),
            &all,
        ) {
            Outcome::School(s) => Some(s.phase),
            _ => None,
        };
        assert_eq!(
            phase("State-funded primary", "Not applicable", "Not applicable"),
            Some(Phase::Primary)
        );
        assert_eq!(
            phase("State-funded primary", "Deemed middle", "Not applicable"),
            Some(Phase::Middle)
        );
        assert_eq!(
            phase("State-funded secondary", "Not applicable", "All-through"),
            Some(Phase::AllThrough)
        );
        assert_eq!(
            phase("State-funded special school", "", ""),
            Some(Phase::Special)
        );
        assert_eq!(
            phase("Non-maintained special school", "", ""),
            Some(Phase::Special)
        );
        assert_eq!(phase("State-funded nursery", "", ""), Some(Phase::Nursery));
        assert_eq!(
            phase("Pupil referral unit", "", ""),
            Some(Phase::AlternativeProvision)
        );
        assert_eq!(phase("Independent school", "", ""), None);
        assert_eq!(phase("Further education", "", ""), None);
        // Yes and no in other words; a value that is neither is a reason
        // to skip the school, not a silent "no".
        assert_eq!(
            phase("State-funded primary", "Yes", "No"),
            Some(Phase::Middle)
        );
        assert_eq!(
            phase("State-funded secondary", "0", "1"),
            Some(Phase::AllThrough)
        );
        assert_eq!(
            phase("State-funded primary", "Not deemed middle", "n/a"),
            Some(Phase::Primary)
        );
        assert_eq!(phase("State-funded primary", "Maybe", ""), None);
        assert_eq!(phase("State-funded secondary", "", "Sometimes"), None);
        // "Small" and "Overall" hold the letters of "all", not the word;
        // `x` (not available) is not "no"; both at once is a conflict.
        assert_eq!(phase("State-funded secondary", "", "Small"), None);
        assert_eq!(phase("State-funded secondary", "", "Overall"), None);
        assert_eq!(phase("State-funded secondary", "x", ""), None);
        assert_eq!(
            phase("State-funded secondary", "z", "All through"),
            Some(Phase::AllThrough)
        );
        assert_eq!(
            phase("State-funded primary", "Deemed middle", "All-through"),
            None
        );
        match h.read(
            &row([
                "202425",
                "Leeds",
                "100001",
                "A",
                "State-funded primary",
                "Academy",
                "Maybe",
                "",
                "400",
                "50",
                "10",
            ]),
            &all,
        ) {
            Outcome::Skipped(_, reason) => {
                assert!(reason.contains("`middle_school` is `Maybe`"), "{reason}");
            }
            _ => panic!("a school whose middle_school says neither yes nor no is skipped"),
        }
        for suppressed in ["z", "c", "x", "low", ""] {
            let out = h.read(
                &row([
                    "202425",
                    "Leeds",
                    "100002",
                    "B",
                    "State-funded primary",
                    "",
                    "",
                    "",
                    "300",
                    suppressed,
                    "4",
                ]),
                &all,
            );
            match out {
                Outcome::Skipped(Some(100002), why) => {
                    assert!(why.contains("SEN support"), "{why}")
                }
                other => panic!("{suppressed}: {other:?}"),
            }
        }
        let independent = Filters {
            include_independent: true,
            ..Filters::default()
        };
        match h.read(
            &row([
                "202425",
                "Leeds",
                "100003",
                "C",
                "Independent school",
                "Other independent school",
                "",
                "",
                "620",
                "40",
                "5",
            ]),
            &independent,
        ) {
            Outcome::School(s) => {
                assert_eq!(s.phase, Phase::Secondary);
                assert!(
                    s.note
                        .unwrap()
                        .contains("taken as secondary from its 620 pupils")
                );
            }
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn filters_keep_only_what_is_asked() {
        let h = DfeHeader::new("f.csv", &header()).unwrap();
        let school = row([
            "202425",
            "Leeds",
            "100001",
            "A",
            "State-funded primary",
            "",
            "",
            "",
            "400",
            "50",
            "10",
        ]);
        let by_la = Filters {
            las: vec!["LEEDS".to_string()],
            ..Filters::default()
        };
        assert!(matches!(h.read(&school, &by_la), Outcome::School(_)));
        let other_la = Filters {
            las: vec!["York".to_string()],
            ..Filters::default()
        };
        assert_eq!(h.read(&school, &other_la), Outcome::Filtered);
        let by_urn = Filters {
            urns: [100002].into_iter().collect(),
            ..Filters::default()
        };
        assert_eq!(h.read(&school, &by_urn), Outcome::Filtered);
        let by_phase = Filters {
            phase: Some(Phase::Secondary),
            ..Filters::default()
        };
        assert_eq!(h.read(&school, &by_phase), Outcome::Filtered);
    }
}
