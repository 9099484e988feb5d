//! One school's full answer: the assessment, the options, and the headline
//! that every output format shares.

use crate::model::{Assessment, Warning, assess};
use crate::options::{OptionResult, Steps, best_value, evaluate};
use crate::profile::{Phase, Profile};
use crate::round::{hours1, money};
use chrono::NaiveDate;
use serde::Serialize;

/// Bumped whenever a field of the JSON output changes meaning or name.
pub const SCHEMA_VERSION: u32 = 1;

/// An option dearer than this a year is a mistyped cost, not a staffing
/// choice (a whole SLT post costs well under a tenth of it).
const IMPLAUSIBLE_COST: f64 = 1_000_000.0;

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SchoolSummary {
    pub name: String,
    pub phase: Phase,
    pub pupils: u32,
    pub sen_support: u32,
    pub ehcp: u32,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Report {
    pub schema_version: u32,
    pub source: String,
    pub as_of: NaiveDate,
    pub school: SchoolSummary,
    pub assessment: Assessment,
    pub options: Vec<OptionResult>,
    /// The option with the lowest cost per weekly hour gained, if any gains.
    pub best_value: Option<&'static str>,
}

impl Report {
    pub fn new(source: &str, profile: &Profile, as_of: NaiveDate, steps: &Steps) -> Report {
        let mut assessment = assess(profile, as_of);
        let options = evaluate(profile, &assessment, as_of, steps);
        if let Some(dearest) = options
            .iter()
            .filter_map(|o| o.annual_cost.map(|c| (c, o.option)))
            .filter(|(cost, _)| *cost > IMPLAUSIBLE_COST)
            .max_by(|a, b| a.0.total_cmp(&b.0))
        {
            assessment.warnings.push(Warning {
                code: "cost-over-a-million",
                message: format!(
                    "The {} option would cost {} a year, more than £1,000,000: check the [costs] table for a mistyped value.",
                    dearest.1,
                    money(dearest.0)
                ),
            });
        }
        let best_value = best_value(&options).map(|o| o.option);
        let s = &profile.school;
        Report {
            schema_version: SCHEMA_VERSION,
            source: source.to_string(),
            as_of,
            school: SchoolSummary {
                name: s.name.clone(),
                phase: s.phase,
                pupils: s.pupils,
                sen_support: s.sen_support,
                ehcp: s.ehcp,
            },
            assessment,
            options,
            best_value,
        }
    }

    /// One sentence a headteacher understands in one read.
    pub fn headline(&self) -> String {
        let a = &self.assessment;
        let mut line = format!(
            "The role needs {} h a week and has {} h: {}% covered ({})",
            hours1(a.demand_hours_per_week),
            hours1(a.covered_hours_per_week),
            a.score,
            a.band.as_str()
        );
        if hours1(a.shortfall_hours_per_week) == "0.0" {
            line.push('.');
        } else {
            line.push_str(&format!(
                ", {} h a week short.",
                hours1(a.shortfall_hours_per_week)
            ));
        }
        line
    }

    /// The best-value option in words, or why there is none.
    pub fn best_value_line(&self) -> String {
        let best = self
            .best_value
            .and_then(|name| self.options.iter().find(|o| o.option == name));
        match best {
            Some(o) => format!(
                "Best value: {}, {:+} points for {} a year ({} per hour a week gained).",
                o.option,
                o.score_delta.unwrap_or(0),
                money(o.annual_cost.unwrap_or(0.0)),
                money(o.cost_per_weekly_hour_gained.unwrap_or(0.0))
            ),
            None if self.assessment.shortfall_hours_per_week <= 0.0 => {
                "No option needed: the role's demand is covered.".to_string()
            }
            None => "No single option raises the score.".to_string(),
        }
    }
}
