//! Many schools at once: the record each input gives, and the summary a
//! trust or local authority reads first.

use crate::model::Band;
use crate::profile::Phase;
use crate::profile::Problem;
use crate::report::{Report, SCHEMA_VERSION};
use crate::round;
use serde::Serialize;
use std::collections::BTreeMap;

/// An input that could not be assessed, with everything wrong with it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Failure {
    pub source: String,
    pub problems: Vec<Problem>,
}

impl Failure {
    /// A failure that is not about a key, such as a file that cannot be read.
    pub fn message(source: &str, message: String) -> Failure {
        Failure {
            source: source.to_string(),
            problems: vec![Problem::new(source, message)],
        }
    }
}

impl std::fmt::Display for Failure {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        for (i, p) in self.problems.iter().enumerate() {
            if i > 0 {
                f.write_str("\n")?;
            }
            write!(f, "error: {p}")?;
        }
        Ok(())
    }
}

impl std::error::Error for Failure {}

/// What one input gives: an assessed school or a failure.
pub type Record = Result<Report, Failure>;

/// The failure as it stands in JSON output, beside assessed schools.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ErrorRecord<'a> {
    pub schema_version: u32,
    pub source: &'a str,
    pub error: &'a [Problem],
}

impl<'a> From<&'a Failure> for ErrorRecord<'a> {
    fn from(f: &'a Failure) -> Self {
        ErrorRecord {
            schema_version: SCHEMA_VERSION,
            source: &f.source,
            error: &f.problems,
        }
    }
}

/// One school in the batch table: a line, not a whole report.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SchoolLine {
    pub source: String,
    pub name: String,
    pub score: u32,
    pub band: Band,
    #[serde(serialize_with = "round::hours")]
    pub shortfall_hours_per_week: f64,
    pub best_value: Option<&'static str>,
    #[serde(serialize_with = "round::pounds")]
    pub best_value_annual_cost: Option<f64>,
    /// With `--forecast`: the years ahead in a line.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub forecast: Option<crate::forecast::ForecastSummary>,
    /// The school's URN, for the list of schools.
    #[serde(skip)]
    pub urn: Option<u32>,
    /// For `--by` and the list of schools: the school's local authority
    /// and phase.
    #[serde(skip)]
    pub la: Option<String>,
    #[serde(skip)]
    pub phase: Option<Phase>,
}

impl From<&Report> for SchoolLine {
    fn from(r: &Report) -> Self {
        let best = r
            .best_value
            .and_then(|name| r.options.iter().find(|o| o.option == name));
        SchoolLine {
            source: r.source.clone(),
            name: r.school.name.clone(),
            score: r.assessment.score,
            band: r.assessment.band,
            shortfall_hours_per_week: r.assessment.shortfall_hours_per_week,
            best_value: r.best_value,
            best_value_annual_cost: best.and_then(|o| o.annual_cost),
            forecast: r.forecast,
            urn: r.school.urn,
            la: r.school.la.clone(),
            phase: Some(r.school.phase),
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
pub struct BandCounts {
    pub manageable: usize,
    pub stretched: usize,
    pub overloaded: usize,
    pub unmanageable: usize,
}

/// The headline figures of a batch.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Summary {
    pub schema_version: u32,
    pub schools: usize,
    pub failed: usize,
    pub bands: BandCounts,
    pub median_score: Option<f64>,
    #[serde(serialize_with = "round::hours")]
    pub total_shortfall_hours_per_week: f64,
    /// What each school's best-value option would cost, added up.
    #[serde(serialize_with = "round::whole_pounds")]
    pub best_value_total_annual_cost: f64,
    /// With `--forecast`: the years looked ahead, how many schools get
    /// worse within them, and every school's staged plan together.
    pub forecast_years: Option<u32>,
    pub worse_within_years: Option<usize>,
    #[serde(serialize_with = "round::pounds")]
    pub forecast_total_cost: Option<f64>,
    /// Schools whose staged plan falls short of the target in some year:
    /// the total is then not the cost of keeping every school there.
    pub forecast_short: Option<usize>,
    /// With `--by`: what the schools are grouped by, and each group's
    /// summary, in name order.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub by: Option<&'static str>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub groups: Vec<Group>,
}

/// One group's summary (`--by la|phase`).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Group {
    pub group: String,
    #[serde(flatten)]
    pub summary: Summary,
}

/// What `--by` groups schools by.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum GroupBy {
    La,
    Phase,
}

impl GroupBy {
    pub fn as_str(self) -> &'static str {
        match self {
            GroupBy::La => "la",
            GroupBy::Phase => "phase",
        }
    }

    /// The group a school falls in; a school with no local authority
    /// given is grouped as such, not dropped.
    fn of(self, line: &SchoolLine) -> String {
        match self {
            GroupBy::La => line
                .la
                .clone()
                .unwrap_or_else(|| "(no local authority given)".to_string()),
            GroupBy::Phase => line.phase.map_or_else(String::new, |p| p.to_string()),
        }
    }
}

/// Accumulates the summary as records arrive, in constant memory but for
/// one byte a school (the scores, for the median).
#[derive(Debug, Clone, Default)]
pub struct Tally {
    scores: Vec<u8>,
    failed: usize,
    bands: BandCounts,
    shortfall: f64,
    best_value_cost: f64,
    forecast_years: Option<u32>,
    worse: usize,
    short: usize,
    forecast_cost: f64,
    by: Option<GroupBy>,
    /// Each group under its name folded (case and spacing ignored, as
    /// `from-dfe --la` ignores case), with the name as first written.
    groups: BTreeMap<String, (String, Tally)>,
}

impl Tally {
    /// A tally that also sums each group (`--by`).
    pub fn grouped(by: GroupBy) -> Tally {
        Tally {
            by: Some(by),
            ..Tally::default()
        }
    }

    /// An input that could not be assessed.
    pub fn add_failure(&mut self) {
        self.failed += 1;
    }

    pub fn add_line(&mut self, line: &SchoolLine) {
        if let Some(by) = self.by {
            let name = by.of(line);
            let folded = name
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" ")
                .to_lowercase();
            self.groups
                .entry(folded)
                .or_insert_with(|| (name.trim().to_string(), Tally::default()))
                .1
                .add_line(line);
        }
        self.scores.push(line.score.min(100) as u8);
        match line.band {
            Band::Manageable => self.bands.manageable += 1,
            Band::Stretched => self.bands.stretched += 1,
            Band::Overloaded => self.bands.overloaded += 1,
            Band::Unmanageable => self.bands.unmanageable += 1,
        }
        self.shortfall += line.shortfall_hours_per_week;
        self.best_value_cost += line.best_value_annual_cost.unwrap_or(0.0);
        if let Some(f) = &line.forecast {
            self.forecast_years = Some(f.years);
            self.worse += usize::from(f.first_worse_year.is_some());
            self.short += usize::from(!f.feasible);
            self.forecast_cost += f.total_cost;
        }
    }

    pub fn summary(&self) -> Summary {
        let mut sorted = self.scores.clone();
        sorted.sort_unstable();
        let n = sorted.len();
        let median = match (sorted.get(n.saturating_sub(1) / 2), sorted.get(n / 2)) {
            (Some(a), Some(b)) if n > 0 => Some((f64::from(*a) + f64::from(*b)) / 2.0),
            _ => None,
        };
        Summary {
            schema_version: SCHEMA_VERSION,
            schools: n,
            failed: self.failed,
            bands: self.bands,
            median_score: median,
            total_shortfall_hours_per_week: self.shortfall,
            best_value_total_annual_cost: self.best_value_cost,
            forecast_years: self.forecast_years,
            worse_within_years: self.forecast_years.map(|_| self.worse),
            forecast_total_cost: self.forecast_years.map(|_| self.forecast_cost),
            forecast_short: self.forecast_years.map(|_| self.short),
            by: self.by.map(GroupBy::as_str),
            groups: self
                .groups
                .iter()
                .map(|(_, (name, tally))| Group {
                    group: name.clone(),
                    summary: tally.summary(),
                })
                .collect(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn line(score: u32, band: Band, shortfall: f64, cost: Option<f64>) -> SchoolLine {
        SchoolLine {
            source: String::new(),
            name: String::new(),
            score,
            band,
            shortfall_hours_per_week: shortfall,
            best_value: None,
            best_value_annual_cost: cost,
            forecast: None,
            urn: None,
            la: None,
            phase: None,
        }
    }

    #[test]
    fn the_summary_adds_up() {
        let mut tally = Tally::default();
        tally.add_line(&line(26, Band::Unmanageable, 16.8, Some(9750.0)));
        tally.add_line(&line(98, Band::Manageable, 1.4, None));
        tally.add_line(&line(68, Band::Overloaded, 14.1, Some(9750.0)));
        tally.add_line(&line(78, Band::Overloaded, 16.0, Some(7800.0)));
        tally.add_failure();
        let s = tally.summary();
        assert_eq!(s.schools, 4);
        assert_eq!(s.failed, 1);
        assert_eq!(s.bands.overloaded, 2);
        assert_eq!(
            s.bands.manageable + s.bands.stretched + s.bands.overloaded + s.bands.unmanageable,
            4
        );
        assert_eq!(s.median_score, Some(73.0)); // (68 + 78) / 2
        assert!((s.total_shortfall_hours_per_week - 48.3).abs() < 1e-9);
        assert_eq!(s.best_value_total_annual_cost, 27300.0);
    }

    #[test]
    fn local_authorities_group_whatever_their_case_and_spacing() {
        let mut tally = Tally::grouped(GroupBy::La);
        for (la, score) in [("Leeds", 50), ("leeds ", 70), ("Kent", 90), ("LEEDS", 60)] {
            tally.add_line(&SchoolLine {
                la: Some(la.to_string()),
                ..line(score, Band::Overloaded, 1.0, None)
            });
        }
        let s = tally.summary();
        let groups: Vec<(&str, usize)> = s
            .groups
            .iter()
            .map(|g| (g.group.as_str(), g.summary.schools))
            .collect();
        // Named as first written.
        assert_eq!(groups, [("Kent", 1), ("Leeds", 3)]);
    }

    #[test]
    fn no_schools_has_no_median() {
        assert_eq!(Tally::default().summary().median_score, None);
    }
}
