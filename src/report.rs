//! One school's full answer: the assessment, the options, and the headline
//! that every output format shares.

use crate::model::{Assessment, Band, Warning, assess};
use crate::options::{OptionResult, best_value, evaluate};
use crate::params::SURVEY_SOURCE;
use crate::plan::PlanSettings;
use crate::profile::{Phase, Profile};
use crate::round::{counted, hours1, money, points};
use chrono::NaiveDate;
use serde::Serialize;

/// Bumped whenever a field of the JSON output changes meaning or name.
pub const SCHEMA_VERSION: u32 = 2;

/// An option dearer than this a year is a mistyped cost, not a staffing
/// choice (a whole SLT post costs well under a tenth of it).
const IMPLAUSIBLE_COST: f64 = 1_000_000.0;

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SchoolSummary {
    pub name: String,
    pub phase: Phase,
    pub urn: Option<u32>,
    pub la: Option<String>,
    pub pupils: u32,
    pub sen_support: u32,
    pub ehcp: u32,
}

impl SchoolSummary {
    /// The school's public identity beside its name, for titles:
    /// "URN 123456, Leeds"; none when the profile gives neither.
    pub fn identity(&self) -> Option<String> {
        let parts: Vec<String> = self
            .urn
            .map(|u| format!("URN {u}"))
            .into_iter()
            .chain(self.la.clone())
            .collect();
        (!parts.is_empty()).then(|| parts.join(", "))
    }
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
    /// The years one-off costs are spread over when costs are compared.
    pub horizon_years: u32,
    /// With `assess --forecast N`: the years ahead in a line.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub forecast: Option<crate::forecast::ForecastSummary>,
    /// How the options were sized, when the user chose (`--sizes fixed`
    /// or a size flag): what they reach is then said at those sizes.
    #[serde(skip)]
    pub sizing: crate::options::Sizing,
}

impl Report {
    pub fn new(
        source: &str,
        profile: &Profile,
        as_of: NaiveDate,
        settings: &PlanSettings,
    ) -> Report {
        let mut assessment = assess(profile, as_of);
        let options = evaluate(profile, &assessment, settings);
        if let Some(dearest) = options
            .iter()
            .filter_map(|o| o.cost_per_year.map(|c| (c, o.option)))
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
                urn: s.urn,
                la: s.la.clone(),
                pupils: s.pupils,
                sen_support: s.sen_support,
                ehcp: s.ehcp,
            },
            assessment,
            options,
            best_value,
            horizon_years: settings.years,
            forecast: None,
            sizing: settings.sizing.clone(),
        }
    }

    /// One sentence a headteacher understands in one read.
    pub fn headline(&self) -> String {
        let a = &self.assessment;
        let range = a
            .uncertainty
            .as_ref()
            .map_or(String::new(), |u| format!("; {}", u.range_words()));
        let mut line = format!(
            "The role needs {} h a week and has {} h: {}% covered ({}{range})",
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

    /// The bands across plausible assumptions, when the spread was asked
    /// for: "unmanageable in 97% of plausible cases, overloaded in 3%".
    pub fn band_shares_line(&self) -> Option<String> {
        self.assessment.uncertainty.as_ref().map(|u| {
            format!(
                "Across the plausible range of every assumption at once: {} ({} draws, seed {}; `senco-plan sensitivity` shows which assumption matters most).",
                u.band_words(),
                u.samples,
                u.seed
            )
        })
    }

    /// The extra hours the role needs, in words, beside the 2018 survey.
    pub fn extra_hours_line(&self) -> String {
        let w = &self.assessment.senco_week;
        let mut line = if hours1(w.extra_needed) == "0.0" {
            "The role fits in the time the school gives it.".to_string()
        } else {
            format!(
                "The role needs {} h a week more than the school gives it: they fall on the SENCO as unpaid extra hours, or are left undone.",
                hours1(w.extra_needed)
            )
        };
        if let Some(share) = w.survey_share_over_9h {
            let phase = match self.school.phase {
                Phase::Secondary | Phase::AllThrough => "secondary",
                _ => "primary",
            };
            line.push_str(&format!(
                " In {SURVEY_SOURCE}, {:.0}% of {phase} SENCOs worked more than 9 extra hours a week.",
                share * 100.0
            ));
        }
        line
    }

    /// What it takes to be manageable, when the best value does not get
    /// there: the cheapest option alone that does, or that none does.
    /// None when the role is manageable already or the best value makes it so.
    pub fn manageable_line(&self) -> Option<String> {
        let manageable = |band: Option<Band>| band == Some(Band::Manageable);
        if self.assessment.band == Band::Manageable {
            return None;
        }
        let best = self
            .best_value
            .and_then(|name| self.options.iter().find(|o| o.option == name));
        if best.is_some_and(|o| manageable(o.band)) {
            return None;
        }
        let cheapest = self
            .options
            .iter()
            .filter(|o| manageable(o.band))
            .filter_map(|o| o.cost_per_year.map(|c| (c, o)))
            .min_by(|a, b| a.0.total_cmp(&b.0));
        Some(match cheapest {
            Some((cost, o)) => format!(
                "To be manageable: of the options alone, {}{} gets there, for {} a year: {}. `senco-plan plan` finds the cheapest mix.",
                o.option,
                self.sizing
                    .given(o.remedy)
                    .map_or(String::new(), |how| format!(" ({how})")),
                money(cost),
                o.amount.as_deref().unwrap_or("")
            ),
            None => format!(
                "To be manageable: no option alone gets there{}; `senco-plan plan` finds the cheapest mix that does.",
                if self.sizing.fixed {
                    " at the fixed steps"
                } else if self.sizing.any_given() {
                    " (some at the sizes you gave)"
                } else {
                    ""
                }
            ),
        })
    }

    /// The best-value option in words, or why there is none.
    pub fn best_value_line(&self) -> String {
        let best = self
            .best_value
            .and_then(|name| self.options.iter().find(|o| o.option == name));
        match best {
            Some(o) => {
                let mut cost = money(o.annual_cost.unwrap_or(0.0)) + " a year";
                if o.one_off_cost.unwrap_or(0.0) > 0.0 {
                    cost.push_str(&format!(
                        " and {} once",
                        money(o.one_off_cost.unwrap_or(0.0))
                    ));
                }
                format!(
                    "Best value: {}, {}: {} for {cost}, {} a year per hour a week gained (the cheapest of the options that raise the score; one-off costs spread over {}).",
                    o.option,
                    o.amount.as_deref().unwrap_or(""),
                    points(o.score_delta.unwrap_or(0)),
                    money(o.cost_per_weekly_hour_gained.unwrap_or(0.0)),
                    counted(u64::from(self.horizon_years), "year", "years")
                )
            }
            None if self.assessment.shortfall_hours_per_week <= 0.0 => {
                "No option needed: the role's demand is covered.".to_string()
            }
            None => "No single option raises the score.".to_string(),
        }
    }
}
