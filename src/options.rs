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
                } else if steps.fewer_teaching_hours <= 0.0 {
                    "the option's size is 0 hours".to_string()
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
            // Lead TAs a school already pays for are kept, never cut.
            let lead_tas = tas
                .count
                .div_ceil(steps.tas_per_lead.max(1))
                .max(tas.lead_tas);
            let lead_hours = steps.lead_hours.max(tas.lead_hours);
            let change = format!(
                "tas.structure {} -> distributed, tas.lead-tas {} -> {}, tas.lead-hours {} -> {}",
                tas.structure,
                tas.lead_tas,
                lead_tas,
                show(tas.lead_hours),
                show(lead_hours)
            );
            tas.structure = Structure::Distributed;
            tas.lead_tas = lead_tas;
            tas.lead_hours = lead_hours;
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::profile::parse_profile;

    fn as_of() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 22).unwrap()
    }

    fn oakfield() -> Profile {
        parse_profile(
            "primary.toml",
            include_str!("../examples/primary.toml"),
            &[],
            as_of(),
        )
        .unwrap()
    }

    fn row<'a>(rows: &'a [OptionResult], name: &str) -> &'a OptionResult {
        rows.iter().find(|r| r.option == name).unwrap()
    }

    /// Oakfield (score 26, shortfall 16.795, SENCO 5.875 effective h):
    /// - fewer-teaching: 5 h x 39 x £50 = £9,750; SENCO min(11.5, 24.25) x
    ///   (1 - 0.25 x 7.5 / 32.5) = 10.836538 -> 10.836538 / 22.67 = 48;
    ///   per hour gained 9,750 / 4.961538 = £1,965.
    /// - deputy: 6.5 x 39 x £50 + £3,200 = £15,875; demand +1 supervision
    ///   = 23.67, covered 6.5 + 5.875 = 12.375 -> 52; shortfall -5.5.
    /// - admin-support: 10 x 39 x £21 = £8,190; admin takes its shares
    ///   0.4 x 176/39 + 0.25 x 165/39 + 0.2 x 67/39 = 3.206410 -> 40.
    /// - distributed-ta: ceil(14 / 6) = 3 lead TAs x 2 h x 39 x £21 = £4,914
    ///   + 3 x £1,000 = £7,914.
    /// - corporate-responsibility: 20 teachers x 6 h x £50 = £6,000.
    #[test]
    fn oakfield_options_by_hand() {
        let p = oakfield();
        let base = assess(&p, as_of());
        let rows = evaluate(&p, &base, as_of(), &Steps::default());
        let fewer = row(&rows, "fewer-teaching");
        assert_eq!(fewer.annual_cost, Some(9750.0));
        assert_eq!(fewer.score, Some(48));
        assert_eq!(fewer.score_delta, Some(22));
        assert!((fewer.cost_per_weekly_hour_gained.unwrap() - 1965.116).abs() < 0.01);
        let deputy = row(&rows, "deputy");
        assert_eq!(deputy.annual_cost, Some(15875.0));
        assert_eq!(deputy.score, Some(52));
        assert!((deputy.shortfall_delta.unwrap() + 5.5).abs() < 1e-9);
        let admin = row(&rows, "admin-support");
        assert_eq!(admin.annual_cost, Some(8190.0));
        assert_eq!(admin.score, Some(40));
        let distributed = row(&rows, "distributed-ta");
        assert!((distributed.annual_cost.unwrap() - 7914.0).abs() < 1e-6);
        assert_eq!(
            row(&rows, "corporate-responsibility").annual_cost,
            Some(6000.0)
        );
        let slt = row(&rows, "slt");
        assert!(!slt.applicable);
        assert_eq!(rows.last().map(|r| r.option), Some("slt"));
        // Sorted by score gained.
        assert_eq!(rows.first().map(|r| r.option), Some("deputy"));
        assert_eq!(best_value(&rows).map(|r| r.option), Some("fewer-teaching"));
    }

    #[test]
    fn the_leadership_step_is_named_after_where_it_leads() {
        let mut p = oakfield();
        p.senco.leadership = Leadership::Middle;
        assert_eq!(Remedy::LeadershipStep.name(&p), "associate-slt");
        let (up, _) = apply(Remedy::LeadershipStep, &p, &Steps::default()).unwrap();
        assert_eq!(up.senco.leadership, Leadership::AssociateSlt);
        assert_eq!(change_cost(&p, &up), 0.0);
        assert_eq!(Remedy::LeadershipStep.name(&up), "slt");
        let (top, _) = apply(Remedy::LeadershipStep, &up, &Steps::default()).unwrap();
        assert_eq!(change_cost(&up, &top), 5000.0);
    }

    #[test]
    fn options_that_cannot_apply_say_why() {
        let mut p = oakfield();
        p.tas = None;
        p.senco.teaching_hours = 0.0;
        p.whole_school.corporate_responsibility = true;
        let steps = Steps::default();
        assert!(
            apply(Remedy::DistributedTa, &p, &steps)
                .unwrap_err()
                .contains("no teaching assistants")
        );
        assert!(
            apply(Remedy::FewerTeaching, &p, &steps)
                .unwrap_err()
                .contains("does not teach")
        );
        assert!(apply(Remedy::CorporateResponsibility, &p, &steps).is_err());
    }

    #[test]
    fn the_cost_of_undoing_a_change_is_a_saving() {
        let p = oakfield();
        let (with_deputy, _) = apply(Remedy::Deputy, &p, &Steps::default()).unwrap();
        assert_eq!(change_cost(&p, &with_deputy), 15875.0);
        assert_eq!(change_cost(&with_deputy, &p), -15875.0);
        // One-off training saves nothing when switched off.
        let (corporate, _) = apply(Remedy::CorporateResponsibility, &p, &Steps::default()).unwrap();
        assert_eq!(change_cost(&corporate, &p), 0.0);
    }
}
