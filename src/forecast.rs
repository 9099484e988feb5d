//! `senco-plan forecast` (SPEC section 10): the school's SEND numbers
//! grown year by year, the score with today's staffing, and a staged plan
//! that stays at the target without cutting what an earlier year added.

use crate::model::{Band, Warning, assess};
use crate::options::change_cost;
use crate::plan::{Choice, PlanError, PlanSettings, apply_choice, describe, plan};
use crate::profile::{Change, Profile, changes};
use crate::report::SCHEMA_VERSION;
use crate::round;
use crate::uncertainty::Draws;
use chrono::NaiveDate;
use serde::Serialize;
use std::collections::BTreeMap;

/// The most years a forecast looks ahead.
pub const MAX_YEARS: u32 = 10;
pub const DEFAULT_YEARS: u32 = 3;

/// `count x (1 + rate)^years`, rounded half away from zero.
fn grown(count: u32, rate: f64, years: u32) -> u32 {
    let value = (f64::from(count) * (1.0 + rate).powi(years as i32)).round();
    value.clamp(0.0, f64::from(u32::MAX)) as u32
}

/// The school `year` years on: pupils, SEN support and EHC plans grown at
/// the profile's `[growth]` rates (requests with plans, teachers with
/// pupils, when the profile gives them); staffing as today. A warning when
/// SEN support (or plans) had to be cut to fit the roll.
pub fn project(p: &Profile, year: u32) -> (Profile, Option<Warning>) {
    let g = &p.growth;
    let s = &p.school;
    let mut projected = p.clone();
    let pupils = grown(s.pupils, g.pupils, year).max(1);
    let mut ehcp = grown(s.ehcp, g.ehcp, year);
    let mut sen_support = grown(s.sen_support, g.sen_support, year);
    let mut warning = None;
    if ehcp > pupils {
        warning = Some(format!(
            "year {year}: EHC plans would grow to {ehcp}, more than the {pupils} pupils: capped at {pupils}, with none at SEN support"
        ));
        ehcp = pupils;
        sen_support = 0;
    } else if sen_support + ehcp > pupils {
        let fits = pupils - ehcp;
        warning = Some(format!(
            "year {year}: SEN support would grow to {sen_support}, more than the {fits} pupils without an EHC plan: cut to {fits}"
        ));
        sen_support = fits;
    }
    // A roll grown past what a profile may hold is still worked out, but
    // said: the model was not made for it.
    let warning = warning.or_else(|| {
        (pupils > crate::profile::MAX_PUPILS).then(|| {
            format!(
                "year {year}: the roll would grow to {}, more than the {} pupils a profile may hold: treat this year as a rough guide",
                round::count(u64::from(pupils)),
                round::count(u64::from(crate::profile::MAX_PUPILS))
            )
        })
    });
    projected.school.pupils = pupils;
    projected.school.ehcp = ehcp;
    projected.school.sen_support = sen_support;
    // Requests grow with the plans as projected, so stop where plans are
    // capped at the roll.
    projected.school.ehc_requests_per_year = s.ehc_requests_per_year.map(|r| {
        if s.ehcp > 0 {
            (f64::from(r) * f64::from(ehcp) / f64::from(s.ehcp)).round() as u32
        } else {
            grown(r, g.ehcp, year)
        }
    });
    projected.school.teachers = s.teachers.map(|t| grown(t, g.pupils, year).max(1));
    (
        projected,
        warning.map(|message| Warning {
            code: "growth-capped",
            message,
        }),
    )
}

/// One year of the staged plan.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Stage {
    /// Whether this year's plan reaches the target; if not, it is the
    /// best score the grid allows, passed on as next year's floor.
    pub reaches_target: bool,
    pub score: u32,
    pub band: Band,
    /// Every profile key the plan changes from today's staffing.
    pub changes: BTreeMap<String, Change>,
    pub summary: Vec<String>,
    #[serde(serialize_with = "round::whole_pounds")]
    pub recurring_cost: f64,
    /// One-off costs first incurred this year.
    #[serde(serialize_with = "round::whole_pounds")]
    pub one_off_cost: f64,
    /// Every year's recurring and one-off costs so far.
    #[serde(serialize_with = "round::whole_pounds")]
    pub running_total: f64,
    #[serde(skip)]
    pub choice: Choice,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Year {
    pub year: u32,
    pub pupils: u32,
    pub sen_support: u32,
    pub ehcp: u32,
    /// Given in the profile and grown with EHC plans, or estimated.
    pub ehc_requests_per_year: u32,
    /// Given in the profile and grown with pupils, or estimated.
    pub teachers: u32,
    /// With today's staffing.
    pub score: u32,
    pub band: Band,
    #[serde(serialize_with = "round::hours")]
    pub shortfall_hours_per_week: f64,
    pub plan: Stage,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Growth {
    #[serde(serialize_with = "round::ratio")]
    pub ehcp: f64,
    #[serde(serialize_with = "round::ratio")]
    pub sen_support: f64,
    #[serde(serialize_with = "round::ratio")]
    pub pupils: f64,
}

/// A forecast in a line, for many schools at once (`assess --forecast`).
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct ForecastSummary {
    pub years: u32,
    /// The first year the band with today's staffing is worse than now.
    pub first_worse_year: Option<u32>,
    /// Whether the staged plan reaches the target every year.
    pub feasible: bool,
    /// The staged plan's recurring and one-off costs over years 0 to `years`.
    #[serde(serialize_with = "round::whole_pounds")]
    pub total_cost: f64,
}

impl From<&Forecast> for ForecastSummary {
    fn from(f: &Forecast) -> Self {
        ForecastSummary {
            years: f.years,
            first_worse_year: f.first_worse_year,
            feasible: f.feasible,
            total_cost: f.total_cost,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Forecast {
    pub schema_version: u32,
    pub source: String,
    /// The scenario applied from year 1, if any (`--scenario`).
    pub scenario: Option<String>,
    pub as_of: NaiveDate,
    pub target: u32,
    /// The most a year's plan may cost, pounds a year over the horizon.
    #[serde(serialize_with = "round::pounds")]
    pub budget: Option<f64>,
    pub years: u32,
    pub growth: Growth,
    pub rows: Vec<Year>,
    /// The first year the band with today's staffing is worse than now.
    pub first_worse_year: Option<u32>,
    /// Whether every year's plan reaches the target.
    pub feasible: bool,
    /// Recurring and one-off costs over years 0 to `years`.
    #[serde(serialize_with = "round::whole_pounds")]
    pub total_cost: f64,
    pub warnings: Vec<Warning>,
}

/// The forecast over `years` years: each year's school with today's
/// staffing, and the staged plan, the cheapest each year (by the plan
/// engine, with `settings`) that keeps every remedy of the year before.
pub fn forecast(
    p: &Profile,
    source: &str,
    as_of: NaiveDate,
    years: u32,
    settings: &PlanSettings,
) -> Result<Forecast, PlanError> {
    forecast_scenario(p, (p, None), source, as_of, years, settings)
}

/// [`forecast`] with a scenario (a policy, say) applied from year 1:
/// year 0 is `today`, later years `ahead`, grown.
pub fn forecast_scenario(
    today_profile: &Profile,
    (ahead, scenario): (&Profile, Option<&str>),
    source: &str,
    as_of: NaiveDate,
    years: u32,
    settings: &PlanSettings,
) -> Result<Forecast, PlanError> {
    let p = today_profile;
    let years = years.min(MAX_YEARS);
    // One draw: the staged plan ranks by cost; chances are not shown here.
    let draws = Draws::new(1, crate::uncertainty::DEFAULT_SEED);
    let today = assess(p, as_of);
    let mut rows = Vec::new();
    let mut warnings = Vec::new();
    let mut floor = Choice::default();
    let mut running_total = 0.0;
    for year in 0..=years {
        let (school, warning) = project(if year == 0 { p } else { ahead }, year);
        warnings.extend(warning);
        let now = assess(&school, as_of);
        // Training paid for in an earlier year is not paid again: from
        // then on the search starts from a school that has it.
        let mut base = school.clone();
        base.whole_school.corporate_responsibility |= floor.corporate;
        let step = PlanSettings {
            floor: Choice {
                corporate: false,
                ..floor
            },
            top: 1,
            frontier: false,
            ..settings.clone()
        };
        let found = plan(&base, source, as_of, &step, &draws)?;
        let (reaches_target, found_choice) =
            match (found.plans.first(), found.best_within_budget.as_ref()) {
                (Some(best), _) => (true, best.choice),
                (None, Some(best)) => (false, best.choice),
                // Nothing within the budget at all: keep last year's plan.
                (None, None) => (false, step.floor),
            };
        let choice = Choice {
            corporate: found_choice.corporate || floor.corporate,
            ..found_choice
        };
        let planned = apply_choice(&school, &choice);
        let assessed = assess(&planned, as_of);
        let cost = change_cost(&school, &planned);
        let one_off = if choice.corporate && !floor.corporate {
            cost.one_off
        } else {
            0.0
        };
        // Whole pounds a year, so that the running total is the sum of
        // the figures shown.
        let (recurring, one_off) = (cost.recurring.round(), one_off.round());
        running_total += recurring + one_off;
        rows.push(Year {
            year,
            pupils: school.school.pupils,
            sen_support: school.school.sen_support,
            ehcp: school.school.ehcp,
            ehc_requests_per_year: school.ehc_requests_per_year(),
            teachers: school.teachers(),
            score: now.score,
            band: now.band,
            shortfall_hours_per_week: now.shortfall_hours_per_week,
            plan: Stage {
                reaches_target,
                score: assessed.score,
                band: assessed.band,
                changes: changes(&school, &planned),
                summary: describe(&school, &choice),
                recurring_cost: recurring,
                one_off_cost: one_off,
                running_total,
                choice,
            },
        });
        floor = choice;
    }
    let first_worse_year = rows.iter().find(|r| r.band < today.band).map(|r| r.year);
    Ok(Forecast {
        schema_version: SCHEMA_VERSION,
        source: source.to_string(),
        scenario: scenario.map(str::to_string),
        as_of,
        target: settings.target,
        budget: settings.budget,
        years,
        growth: Growth {
            ehcp: p.growth.ehcp,
            sen_support: p.growth.sen_support,
            pupils: p.growth.pupils,
        },
        feasible: rows.iter().all(|r| r.plan.reaches_target),
        first_worse_year,
        total_cost: running_total,
        rows,
        warnings,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fixtures::{as_of, example};

    /// Oakfield: 420 pupils, 55 at SEN support, 12 plans; growth 11.4% and
    /// 4.2% a year. Year 1: 12 x 1.114 = 13.368 -> 13; 55 x 1.042 = 57.31
    /// -> 57. Year 2: 12 x 1.240996 = 14.892 -> 15; 55 x 1.085764 = 59.72
    /// -> 60. Year 3: 12 x 1.382469 = 16.590 -> 17; 55 x 1.131366 = 62.23
    /// -> 62. Pupils stay 420.
    #[test]
    fn growth_is_worked_out_by_hand() {
        let oakfield = example("primary");
        let counts: Vec<(u32, u32, u32)> = (0..=3)
            .map(|y| {
                let (p, warning) = project(&oakfield, y);
                assert!(warning.is_none());
                (p.school.pupils, p.school.sen_support, p.school.ehcp)
            })
            .collect();
        assert_eq!(
            counts,
            [(420, 55, 12), (420, 57, 13), (420, 60, 15), (420, 62, 17)]
        );
        // Half away from zero: 2.5 -> 3.
        assert_eq!(grown(5, -0.5, 1), 3);
        assert_eq!(grown(10, 0.05, 1), 11);
    }

    /// A special school where every pupil has a plan: plans are capped at
    /// the roll and SEN support is 0, with a warning naming the year.
    #[test]
    fn numbers_are_cut_to_fit_the_roll_with_a_warning() {
        let mut school = example("primary");
        school.school.pupils = 100;
        school.school.ehcp = 95;
        school.school.sen_support = 5;
        let (p, warning) = project(&school, 1);
        // 95 x 1.114 = 105.83 -> 106 > 100.
        assert_eq!((p.school.ehcp, p.school.sen_support), (100, 0));
        assert!(
            warning
                .unwrap()
                .message
                .starts_with("year 1: EHC plans would grow to 106")
        );
        school.school.ehcp = 80;
        school.school.sen_support = 15;
        let (p, warning) = project(&school, 1);
        // 80 x 1.114 = 89.12 -> 89; 15 x 1.042 = 15.63 -> 16; 89 + 16 > 100.
        assert_eq!((p.school.ehcp, p.school.sen_support), (89, 11));
        assert!(
            warning
                .unwrap()
                .message
                .starts_with("year 1: SEN support would grow to 16")
        );
    }

    /// Over 0 years a forecast is `assess` and `plan`: today's score, and
    /// the cheapest plan at its cost.
    #[test]
    fn a_forecast_of_no_years_is_assess_and_plan() {
        for name in ["primary", "secondary", "small-primary"] {
            let school = example(name);
            let settings = PlanSettings::default();
            let f = forecast(&school, "p", as_of(), 0, &settings).unwrap();
            assert_eq!(f.rows.len(), 1);
            let now = assess(&school, as_of());
            assert_eq!((f.rows[0].score, f.rows[0].band), (now.score, now.band));
            let best = plan(&school, "p", as_of(), &settings, &Draws::new(1, 1)).unwrap();
            let cheapest = &best.plans[0];
            assert_eq!(f.rows[0].plan.choice, cheapest.choice, "{name}");
            assert!((f.total_cost - cheapest.annual_cost - cheapest.one_off_cost).abs() < 1e-6);
        }
    }

    /// Staged plans never shrink, each year reaches the target, and the
    /// total is the sum of the years' costs.
    #[test]
    fn staged_plans_never_shrink_and_add_up() {
        let oakfield = example("primary");
        let f = forecast(&oakfield, "p", as_of(), 3, &PlanSettings::default()).unwrap();
        assert_eq!(f.rows.len(), 4);
        assert!(f.feasible);
        let mut total = 0.0;
        for pair in f.rows.windows(2) {
            let (a, b) = (&pair[0].plan.choice, &pair[1].plan.choice);
            assert!(
                b.teaching_moved >= a.teaching_moved
                    && b.deputy_added >= a.deputy_added
                    && b.admin_added >= a.admin_added
                    && b.lead_tas_added >= a.lead_tas_added
                    && b.lead_hours_added >= a.lead_hours_added
                    && (b.corporate || !a.corporate)
            );
        }
        for r in &f.rows {
            assert!(r.plan.reaches_target && r.plan.score >= 95);
            total += r.plan.recurring_cost + r.plan.one_off_cost;
            assert!((r.plan.running_total - total).abs() < 1e-6);
        }
        assert!((f.total_cost - total).abs() < 1e-6);
        // With today's staffing the score only falls as numbers rise.
        assert!(f.rows.windows(2).all(|w| w[1].score <= w[0].score));
    }
}
