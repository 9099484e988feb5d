//! Scenarios side by side against a baseline (`senco-plan compare`).

use crate::model::{Assessment, assess};
use crate::options::change_cost;
use crate::profile::{Change, Profile, changes};
use crate::report::SCHEMA_VERSION;
use crate::round::{self, money, points};
use chrono::NaiveDate;
use serde::Serialize;
use std::collections::BTreeMap;

/// A profile to compare, with where it came from.
pub struct Candidate {
    pub name: String,
    pub source: String,
    pub profile: Profile,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ComparisonRow {
    pub name: String,
    pub source: String,
    /// The profile keys that differ from the baseline, `[from, to]`.
    pub changes: BTreeMap<String, Change>,
    pub assessment: Assessment,
    pub score_delta: i64,
    #[serde(serialize_with = "round::hours")]
    pub shortfall_delta: f64,
    /// Recurring pounds a year, against the baseline (SPEC section 5);
    /// negative saves.
    #[serde(serialize_with = "round::whole_pounds")]
    pub annual_cost: f64,
    /// Pounds once (training).
    #[serde(serialize_with = "round::whole_pounds")]
    pub one_off_cost: f64,
    /// Recurring + one-off spread over the horizon.
    #[serde(serialize_with = "round::whole_pounds")]
    pub cost_per_year: f64,
    /// Cost per year per point of score gained; none without a gain.
    #[serde(serialize_with = "round::pounds")]
    pub cost_per_point: Option<f64>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Comparison {
    pub schema_version: u32,
    pub as_of: NaiveDate,
    pub baseline: String,
    pub horizon_years: u32,
    /// The baseline first, then every scenario.
    pub scenarios: Vec<ComparisonRow>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SortBy {
    Input,
    /// Highest score first.
    Best,
    /// Lowest score first.
    Worst,
    Cost,
    Name,
}

fn row(
    base: &Candidate,
    base_assessment: &Assessment,
    c: &Candidate,
    as_of: NaiveDate,
    years: u32,
) -> ComparisonRow {
    let assessment = assess(&c.profile, as_of);
    let score_delta = i64::from(assessment.score) - i64::from(base_assessment.score);
    let cost = change_cost(&base.profile, &c.profile);
    let per_year = cost.per_year(years);
    ComparisonRow {
        name: c.name.clone(),
        source: c.source.clone(),
        changes: changes(&base.profile, &c.profile),
        score_delta,
        shortfall_delta: assessment.shortfall_hours_per_week
            - base_assessment.shortfall_hours_per_week,
        annual_cost: cost.recurring,
        one_off_cost: cost.one_off,
        cost_per_year: per_year,
        cost_per_point: (score_delta > 0).then(|| per_year / score_delta as f64),
        assessment,
    }
}

/// Assesses the baseline and every candidate; the baseline stays first,
/// the rest are sorted as asked (best score, cheapest a year over the
/// horizon of `years`, by name, or as given).
pub fn compare(
    baseline: &Candidate,
    others: &[Candidate],
    as_of: NaiveDate,
    sort: SortBy,
    years: u32,
) -> Comparison {
    let base_assessment = assess(&baseline.profile, as_of);
    let mut rows: Vec<ComparisonRow> = others
        .iter()
        .map(|c| row(baseline, &base_assessment, c, as_of, years))
        .collect();
    match sort {
        SortBy::Input => {}
        SortBy::Best => rows.sort_by_key(|r| std::cmp::Reverse(r.assessment.score)),
        SortBy::Worst => rows.sort_by_key(|r| r.assessment.score),
        SortBy::Cost => rows.sort_by(|a, b| a.cost_per_year.total_cmp(&b.cost_per_year)),
        SortBy::Name => rows.sort_by(|a, b| a.name.cmp(&b.name)),
    }
    rows.insert(0, row(baseline, &base_assessment, baseline, as_of, years));
    Comparison {
        schema_version: SCHEMA_VERSION,
        as_of,
        baseline: baseline.name.clone(),
        horizon_years: years,
        scenarios: rows,
    }
}

impl Comparison {
    /// One line per scenario, as hyperfine sums up: "deputy: 26 -> 52
    /// (unmanageable), +26 points for £15,875 a year (£611 a point)".
    pub fn summary(&self) -> Vec<String> {
        let Some(base) = self.scenarios.first() else {
            return Vec::new();
        };
        self.scenarios
            .iter()
            .skip(1)
            .map(|r| {
                let mut line = format!(
                    "{}: {} -> {} ({}), {} for {} a year",
                    r.name,
                    base.assessment.score,
                    r.assessment.score,
                    r.assessment.band.as_str(),
                    points(r.score_delta),
                    money(r.annual_cost)
                );
                if r.one_off_cost > 0.0 {
                    line.push_str(&format!(" and {} once", money(r.one_off_cost)));
                }
                if let Some(per_point) = r.cost_per_point {
                    line.push_str(&format!(" ({} a point)", money(per_point)));
                }
                line
            })
            .collect()
    }
}
