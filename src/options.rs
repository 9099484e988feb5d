//! The seeds' remedies (SPEC section 5): each is a profile -> profile
//! transformation, priced by the general cost of a change between profiles.

use crate::model::{Assessment, Band, assess};
use crate::profile::{Admin, Deputy, Leadership, Profile, Structure};
use crate::round::{self, show};
use chrono::NaiveDate;
use serde::Serialize;

/// Hours a week, or any other value, no option may push past.
const MAX_WEEKLY_HOURS: f64 = 60.0;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Remedy {
    FewerTeaching,
    Deputy,
    DistributedTa,
    AdminSupport,
    CorporateResponsibility,
    /// One step up the leadership ladder: middle -> associate-slt -> slt.
    LeadershipStep,
}

impl Remedy {
    pub const ALL: &'static [Remedy] = &[
        Remedy::FewerTeaching,
        Remedy::Deputy,
        Remedy::DistributedTa,
        Remedy::AdminSupport,
        Remedy::CorporateResponsibility,
        Remedy::LeadershipStep,
    ];

    /// The option's name for this profile; the leadership step is named
    /// after where it leads.
    pub fn name(self, profile: &Profile) -> &'static str {
        match self {
            Remedy::FewerTeaching => "fewer-teaching",
            Remedy::Deputy => "deputy",
            Remedy::DistributedTa => "distributed-ta",
            Remedy::AdminSupport => "admin-support",
            Remedy::CorporateResponsibility => "corporate-responsibility",
            Remedy::LeadershipStep => match profile.senco.leadership {
                Leadership::Middle => "associate-slt",
                Leadership::AssociateSlt | Leadership::Slt => "slt",
            },
        }
    }
}

/// The size of each option's change; the defaults are SPEC section 5's.
#[derive(Debug, Clone, PartialEq)]
pub struct Steps {
    pub fewer_teaching_hours: f64,
    pub deputy_hours: f64,
    pub admin_hours: f64,
    pub tas_per_lead: u32,
    pub lead_hours: f64,
}

impl Default for Steps {
    fn default() -> Self {
        Steps {
            fewer_teaching_hours: 5.0,
            deputy_hours: 6.5,
            admin_hours: 10.0,
            tas_per_lead: 6,
            lead_hours: 2.0,
        }
    }
}

/// Applies a remedy: the changed profile and the change in words, or why it
/// cannot apply to this school.
pub fn apply(remedy: Remedy, p: &Profile, steps: &Steps) -> Result<(Profile, String), String> {
    let mut next = p.clone();
    let change = match remedy {
        Remedy::FewerTeaching => {
            let s = &mut next.senco;
            let moved = steps
                .fewer_teaching_hours
                .min(s.teaching_hours)
                .min(MAX_WEEKLY_HOURS - s.senco_hours);
            if moved <= 0.0 {
                return Err(if s.teaching_hours <= 0.0 {
                    "the SENCO does not teach".to_string()
                } else {
                    "SENCO time is already 60 hours a week".to_string()
                });
            }
            let change = format!(
                "senco.teaching-hours {} -> {}, senco.senco-hours {} -> {}",
                show(s.teaching_hours),
                show(s.teaching_hours - moved),
                show(s.senco_hours),
                show(s.senco_hours + moved)
            );
            s.teaching_hours -= moved;
            s.senco_hours += moved;
            change
        }
        Remedy::Deputy => {
            let before = p.deputy_hours();
            let after = before + steps.deputy_hours;
            if after > MAX_WEEKLY_HOURS {
                return Err(format!(
                    "{} more hours would take the deputy past 60 hours a week",
                    show(steps.deputy_hours)
                ));
            }
            next.deputy = Some(Deputy { hours: after });
            format!("deputy.hours {} -> {}", show(before), show(after))
        }
        Remedy::DistributedTa => {
            let Some(tas) = next.tas.as_mut().filter(|t| t.count > 0) else {
                return Err("the school has no teaching assistants".to_string());
            };
            if tas.structure == Structure::Distributed && tas.lead_tas > 0 && tas.lead_hours > 0.0 {
                return Err("TA leadership is already distributed".to_string());
            }
            let lead_tas = tas.count.div_ceil(steps.tas_per_lead.max(1));
            let change = format!(
                "tas.structure {} -> distributed, tas.lead-tas {} -> {}, tas.lead-hours {} -> {}",
                tas.structure,
                tas.lead_tas,
                lead_tas,
                show(tas.lead_hours),
                show(steps.lead_hours)
            );
            tas.structure = Structure::Distributed;
            tas.lead_tas = lead_tas;
            tas.lead_hours = steps.lead_hours;
            change
        }
        Remedy::AdminSupport => {
            let before = p.admin_hours();
            let after = before + steps.admin_hours;
            if after > MAX_WEEKLY_HOURS {
                return Err(format!(
                    "{} more hours would take admin support past 60 hours a week",
                    show(steps.admin_hours)
                ));
            }
            next.admin = Some(Admin { hours: after });
            format!("admin.hours {} -> {}", show(before), show(after))
        }
        Remedy::CorporateResponsibility => {
            if p.whole_school.corporate_responsibility {
                return Err("class teachers already own SEN support".to_string());
            }
            next.whole_school.corporate_responsibility = true;
            "whole-school.corporate-responsibility false -> true".to_string()
        }
        Remedy::LeadershipStep => {
            let up = match p.senco.leadership {
                Leadership::Middle => Leadership::AssociateSlt,
                Leadership::AssociateSlt => Leadership::Slt,
                Leadership::Slt => return Err("the SENCO is already on the SLT".to_string()),
            };
            next.senco.leadership = up;
            format!("senco.leadership {} -> {}", p.senco.leadership, up)
        }
    };
    Ok((next, change))
}

/// The annual cost in pounds of changing school `a` into `b` (SPEC section
/// 5); negative is a saving. Rates and weeks are `a`'s.
pub fn change_cost(a: &Profile, b: &Profile) -> f64 {
    let c = &a.costs;
    let weeks = a.weeks_per_year();
    let teaching_removed = a.senco.teaching_hours - b.senco.teaching_hours;
    let mut cost = teaching_removed * weeks * c.teacher_hour;

    cost += (b.deputy_hours() - a.deputy_hours()) * weeks * c.teacher_hour;
    match (a.deputy.is_some(), b.deputy.is_some()) {
        (false, true) => cost += c.deputy_allowance,
        (true, false) => cost -= c.deputy_allowance,
        _ => {}
    }
    cost += (b.admin_hours() - a.admin_hours()) * weeks * c.admin_hour;
    cost += (b.lead_ta_hours() - a.lead_ta_hours()) * weeks * c.ta_hour;
    cost += (f64::from(b.lead_tas()) - f64::from(a.lead_tas())) * c.lead_ta_allowance;
    if !a.whole_school.corporate_responsibility && b.whole_school.corporate_responsibility {
        cost += f64::from(a.teachers()) * c.corporate_training_hours * c.teacher_hour;
    }
    match (
        a.senco.leadership == Leadership::Slt,
        b.senco.leadership == Leadership::Slt,
    ) {
        (false, true) => cost += c.slt_allowance,
        (true, false) => cost -= c.slt_allowance,
        _ => {}
    }
    cost
}

/// One row of the options table.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct OptionResult {
    #[serde(skip)]
    pub remedy: Remedy,
    pub option: &'static str,
    pub applicable: bool,
    pub change: Option<String>,
    /// Why the option cannot apply, when it cannot.
    pub reason: Option<String>,
    pub score: Option<u32>,
    pub band: Option<Band>,
    pub score_delta: Option<i64>,
    #[serde(serialize_with = "round::opt_hours")]
    pub shortfall_hours_per_week: Option<f64>,
    #[serde(serialize_with = "round::opt_hours")]
    pub shortfall_delta: Option<f64>,
    #[serde(serialize_with = "round::pounds")]
    pub annual_cost: Option<f64>,
    /// Annual cost per hour a week of shortfall removed; none when the
    /// option removes none.
    #[serde(serialize_with = "round::pounds")]
    pub cost_per_weekly_hour_gained: Option<f64>,
}

/// Applies every remedy to the profile one at a time, best score gain
/// first (cheaper first on ties); options that cannot apply come last.
pub fn evaluate(
    p: &Profile,
    base: &Assessment,
    as_of: NaiveDate,
    steps: &Steps,
) -> Vec<OptionResult> {
    let mut rows: Vec<OptionResult> = Remedy::ALL
        .iter()
        .map(|&remedy| {
            let option = remedy.name(p);
            match apply(remedy, p, steps) {
                Ok((changed, change)) => {
                    let after = assess(&changed, as_of);
                    let cost = change_cost(p, &changed);
                    let gained = base.shortfall_hours_per_week - after.shortfall_hours_per_week;
                    OptionResult {
                        remedy,
                        option,
                        applicable: true,
                        change: Some(change),
                        reason: None,
                        score: Some(after.score),
                        band: Some(after.band),
                        score_delta: Some(i64::from(after.score) - i64::from(base.score)),
                        shortfall_hours_per_week: Some(after.shortfall_hours_per_week),
                        shortfall_delta: Some(
                            after.shortfall_hours_per_week - base.shortfall_hours_per_week,
                        ),
                        annual_cost: Some(cost),
                        // Below a minute a week the ratio is noise, not value.
                        cost_per_weekly_hour_gained: (gained > 0.01).then(|| cost / gained),
                    }
                }
                Err(reason) => OptionResult {
                    remedy,
                    option,
                    applicable: false,
                    change: None,
                    reason: Some(reason),
                    score: None,
                    band: None,
                    score_delta: None,
                    shortfall_hours_per_week: None,
                    shortfall_delta: None,
                    annual_cost: None,
                    cost_per_weekly_hour_gained: None,
                },
            }
        })
        .collect();
    rows.sort_by(|x, y| {
        y.applicable
            .cmp(&x.applicable)
            .then(y.score_delta.cmp(&x.score_delta))
            .then(
                x.annual_cost
                    .unwrap_or(0.0)
                    .total_cmp(&y.annual_cost.unwrap_or(0.0)),
            )
    });
    rows
}

/// The option that buys an hour a week of the shortfall most cheaply.
pub fn best_value(rows: &[OptionResult]) -> Option<&OptionResult> {
    rows.iter()
        .filter(|r| r.score_delta.is_some_and(|d| d > 0))
        .filter_map(|r| r.cost_per_weekly_hour_gained.map(|c| (c, r)))
        .min_by(|(a, _), (b, _)| a.total_cmp(b))
        .map(|(_, r)| r)
}
