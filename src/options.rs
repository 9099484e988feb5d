//! The articles' remedies (SPEC section 5), each applied alone and sized by
//! the plan engine: the smallest amount on the plan's grid that reaches the
//! best score the remedy alone can reach, capped at the target. An option
//! is a profile -> profile transformation (a plan `Choice`), priced by the
//! general cost of a change between two profiles.

use crate::model::{Assessment, Band, Rating, leadership_rating, scored};
use crate::plan::{Choice, PlanSettings, STEP_HOURS, apply_choice_onto, describe, fit_single};
use crate::profile::{Change, Leadership, Profile, Structure, changes};
use crate::round;
use serde::Serialize;
use std::collections::BTreeMap;

/// Hours a week no option may push a value past (SPEC section 1).
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

    /// Switched on or off, never sized.
    pub fn on_off(self) -> bool {
        matches!(
            self,
            Remedy::CorporateResponsibility | Remedy::LeadershipStep
        )
    }
}

/// How big each option is. By default every option is fitted on the plan
/// grid; `--sizes fixed` uses the fixed steps for all, and a stated size
/// (`--deputy-hours 4`) fixes that option alone.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Sizing {
    pub fixed: bool,
    pub fewer_teaching_hours: Option<f64>,
    pub deputy_hours: Option<f64>,
    pub admin_hours: Option<f64>,
}

/// SPEC section 5's fixed steps.
pub const FIXED_FEWER_TEACHING_HOURS: f64 = 5.0;
pub const FIXED_DEPUTY_HOURS: f64 = 6.5;
pub const FIXED_ADMIN_HOURS: f64 = 10.0;
/// One lead TA for every this many TAs, each with this many hours.
pub const FIXED_TAS_PER_LEAD: u32 = 6;
pub const FIXED_LEAD_HOURS: f64 = 2.0;

/// Hours on the half-hour grid, to the nearest half hour.
fn half_hours(hours: f64) -> u32 {
    (hours.max(0.0) / STEP_HOURS).round() as u32
}

/// Hours on the half-hour grid, never more than given (a SENCO cannot
/// give up more teaching than they do).
fn half_hours_within(hours: f64) -> u32 {
    (hours.max(0.0) / STEP_HOURS + 1e-9).floor() as u32
}

impl Sizing {
    /// The size stated for a remedy, if it is not to be fitted.
    fn stated(&self, remedy: Remedy) -> Option<f64> {
        let (flag, step) = match remedy {
            Remedy::FewerTeaching => (self.fewer_teaching_hours, FIXED_FEWER_TEACHING_HOURS),
            Remedy::Deputy => (self.deputy_hours, FIXED_DEPUTY_HOURS),
            Remedy::AdminSupport => (self.admin_hours, FIXED_ADMIN_HOURS),
            // The lead-TA step is a pair, not hours: see `option_row`.
            Remedy::DistributedTa | Remedy::CorporateResponsibility | Remedy::LeadershipStep => {
                return None;
            }
        };
        flag.or(self.fixed.then_some(step))
    }

    /// How a remedy's row was sized, in words, when the user chose it
    /// rather than the plan engine fitting it.
    pub fn given(&self, remedy: Remedy) -> Option<&'static str> {
        let explicit = match remedy {
            Remedy::FewerTeaching => self.fewer_teaching_hours.is_some(),
            Remedy::Deputy => self.deputy_hours.is_some(),
            Remedy::AdminSupport => self.admin_hours.is_some(),
            Remedy::DistributedTa => false,
            Remedy::CorporateResponsibility | Remedy::LeadershipStep => return None,
        };
        if explicit {
            Some("at the size you gave")
        } else {
            self.fixed.then_some("at the fixed step")
        }
    }

    /// Whether the user gave a size for any remedy (not `--sizes fixed`).
    pub fn any_given(&self) -> bool {
        self.fewer_teaching_hours.is_some()
            || self.deputy_hours.is_some()
            || self.admin_hours.is_some()
    }
}

/// The choice for a remedy at `hours` the user gave (or the fixed step,
/// per `sizing`), or why it cannot be priced.
fn fixed_choice(
    remedy: Remedy,
    p: &Profile,
    hours: f64,
    sizing: &Sizing,
) -> Result<Choice, String> {
    let past = |what: &str, before: f64| {
        format!(
            "{} more hours would take {what} past {MAX_WEEKLY_HOURS} hours a week (it has {})",
            round::show(hours),
            round::show(before)
        )
    };
    match remedy {
        Remedy::FewerTeaching => {
            let s = &p.senco;
            if s.teaching_hours <= 0.0 {
                return Err("the SENCO does not teach".to_string());
            }
            let moved = half_hours_within(hours.min(s.teaching_hours));
            if s.senco_hours + f64::from(moved) * STEP_HOURS > MAX_WEEKLY_HOURS {
                return Err(past("SENCO time", s.senco_hours));
            }
            if moved == 0 {
                return Err("the SENCO teaches less than half an hour a week".to_string());
            }
            Ok(Choice {
                teaching_moved: moved,
                ..Choice::default()
            })
        }
        Remedy::Deputy => {
            let (has, full) = (p.deputy_hours(), p.full_time_hours());
            if has + hours > full + 1e-9 {
                let room = full - has;
                let what_to_give = if room < STEP_HOURS {
                    "the deputy has no room for more".to_string()
                } else if sizing.deputy_hours.is_some() {
                    format!("give --deputy-hours {} or less", round::show(room))
                } else {
                    format!("the fixed step is {} h", round::show(hours))
                };
                return Err(format!(
                    "{} more hours would make the deputy {} hours a week, more than a full-time post ({} h): {what_to_give}",
                    round::show(hours),
                    round::show(has + hours),
                    round::show(full)
                ));
            }
            Ok(Choice {
                deputy_added: half_hours(hours),
                ..Choice::default()
            })
        }
        Remedy::AdminSupport => {
            if p.admin_hours() + hours > MAX_WEEKLY_HOURS {
                return Err(past("admin support", p.admin_hours()));
            }
            Ok(Choice {
                admin_added: half_hours(hours),
                ..Choice::default()
            })
        }
        Remedy::DistributedTa => {
            let Some(tas) = p.tas.as_ref().filter(|t| t.count > 0) else {
                return Err("the school has no teaching assistants".to_string());
            };
            if tas.structure == Structure::Distributed && tas.lead_tas > 0 && tas.lead_hours > 0.0 {
                return Err("TA leadership is already distributed".to_string());
            }
            // Lead TAs and hours a school already pays for are kept.
            let lead_tas = tas.count.div_ceil(FIXED_TAS_PER_LEAD).max(tas.lead_tas);
            Ok(Choice {
                lead_tas_added: lead_tas - tas.lead_tas,
                lead_hours_added: half_hours(FIXED_LEAD_HOURS - tas.lead_hours),
                ..Choice::default()
            })
        }
        Remedy::CorporateResponsibility | Remedy::LeadershipStep => on_off_choice(remedy, p),
    }
}

/// The choice that switches an on/off remedy on, or why it cannot.
fn on_off_choice(remedy: Remedy, p: &Profile) -> Result<Choice, String> {
    match remedy {
        Remedy::CorporateResponsibility if p.whole_school.corporate_responsibility => {
            Err("class teachers already own SEN support".to_string())
        }
        Remedy::CorporateResponsibility => Ok(Choice {
            corporate: true,
            ..Choice::default()
        }),
        Remedy::LeadershipStep if p.senco.leadership == Leadership::Slt => {
            Err("the SENCO is already on the SLT".to_string())
        }
        _ => Ok(Choice {
            leadership_step: true,
            ..Choice::default()
        }),
    }
}

/// The default horizon, in years, over which one-off costs are spread when
/// costs are compared: a school's three-year budget forecast.
pub const DEFAULT_YEARS: u32 = 3;

/// What a change costs: a recurring part (pounds a year) and a one-off
/// part (pounds once), kept apart as a budget keeps them (SPEC section 5).
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Cost {
    pub recurring: f64,
    pub one_off: f64,
}

impl Cost {
    /// The cost a year over a horizon: recurring + one-off / years. Every
    /// ranking and bound by cost uses this.
    pub fn per_year(&self, years: u32) -> f64 {
        self.recurring + self.one_off / f64::from(years.max(1))
    }
}

/// The cost of changing school `a` into `b` (SPEC section 5); a negative
/// recurring part is a saving, and one-off training is never refunded.
/// Rates and weeks are `a`'s.
pub fn change_cost(a: &Profile, b: &Profile) -> Cost {
    let c = &a.costs;
    let weeks = a.weeks_per_year();
    let teaching_removed = a.senco.teaching_hours - b.senco.teaching_hours;
    let mut recurring = teaching_removed * weeks * c.teacher_hour;

    recurring += (b.deputy_hours() - a.deputy_hours()) * weeks * c.teacher_hour;
    match (a.deputy.is_some(), b.deputy.is_some()) {
        (false, true) => recurring += c.deputy_allowance,
        (true, false) => recurring -= c.deputy_allowance,
        _ => {}
    }
    recurring += (b.admin_hours() - a.admin_hours()) * weeks * c.admin_hour;
    recurring += (b.lead_ta_hours() - a.lead_ta_hours()) * weeks * c.ta_hour;
    recurring += (f64::from(b.lead_tas()) - f64::from(a.lead_tas())) * c.lead_ta_allowance;
    match (
        a.senco.leadership == Leadership::Slt,
        b.senco.leadership == Leadership::Slt,
    ) {
        (false, true) => recurring += c.slt_allowance,
        (true, false) => recurring -= c.slt_allowance,
        _ => {}
    }
    let one_off =
        if !a.whole_school.corporate_responsibility && b.whole_school.corporate_responsibility {
            f64::from(a.teachers()) * c.corporate_training_hours * c.teacher_hour
        } else {
            0.0
        };
    Cost { recurring, one_off }
}

/// One row of the options table (JSON `options`, SPEC section 7).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct OptionResult {
    #[serde(skip)]
    pub remedy: Remedy,
    pub option: &'static str,
    pub applicable: bool,
    /// Why the option cannot apply, or why it gains nothing, or what an
    /// SLT step trades (meeting hours for leadership).
    pub reason: Option<String>,
    /// The amount in plain English, e.g. "a deputy SENCO for 4.5 h a week".
    pub amount: Option<String>,
    /// Each dotted key changed, `[from, to]`: `--set KEY=TO` replays it.
    pub changes: BTreeMap<String, Change>,
    pub score: Option<u32>,
    pub band: Option<Band>,
    pub score_delta: Option<i64>,
    #[serde(serialize_with = "round::opt_hours")]
    pub shortfall_hours_per_week: Option<f64>,
    #[serde(serialize_with = "round::opt_hours")]
    pub shortfall_delta: Option<f64>,
    pub leadership_before: Rating,
    pub leadership_after: Option<Rating>,
    /// Recurring pounds a year.
    #[serde(serialize_with = "round::pounds")]
    pub annual_cost: Option<f64>,
    /// Pounds once (training).
    #[serde(serialize_with = "round::pounds")]
    pub one_off_cost: Option<f64>,
    /// Recurring + one-off spread over the horizon (`--years`).
    #[serde(serialize_with = "round::pounds")]
    pub cost_per_year: Option<f64>,
    /// Cost per year per hour a week of shortfall removed; none when the
    /// option removes none.
    #[serde(serialize_with = "round::pounds")]
    pub cost_per_weekly_hour_gained: Option<f64>,
    /// With `plan`: the share of its draws in which the row reaches the
    /// target, as each plan carries (`assess` draws none for options).
    #[serde(
        skip_serializing_if = "Option::is_none",
        serialize_with = "round::opt_ratio"
    )]
    pub chance: Option<f64>,
    /// The plan-grid point this row applies, for the plan engine's tests.
    #[serde(skip)]
    pub choice: Option<Choice>,
}

/// Why a remedy that applies gains no points.
fn no_gain_reason(remedy: Remedy) -> &'static str {
    match remedy {
        Remedy::FewerTeaching => {
            "no gain: the SENCO's own time already covers what no one else may do"
        }
        Remedy::Deputy => "no gain: the work a deputy may do is already covered",
        Remedy::AdminSupport => "no gain: the admin shares of the tasks are already covered",
        Remedy::DistributedTa => {
            "no gain: overseeing lead TAs would cost the SENCO as much time as they save"
        }
        Remedy::CorporateResponsibility => {
            "no gain: the training and CPD it adds take as much time as it saves"
        }
        Remedy::LeadershipStep => "no gain in hours",
    }
}

fn not_applicable(remedy: Remedy, p: &Profile, before: Rating, reason: String) -> OptionResult {
    OptionResult {
        remedy,
        option: remedy.name(p),
        applicable: false,
        reason: Some(reason),
        amount: None,
        changes: BTreeMap::new(),
        score: None,
        band: None,
        score_delta: None,
        shortfall_hours_per_week: None,
        shortfall_delta: None,
        leadership_before: before,
        leadership_after: None,
        annual_cost: None,
        one_off_cost: None,
        cost_per_year: None,
        cost_per_weekly_hour_gained: None,
        chance: None,
        choice: None,
    }
}

/// The row for a remedy applied as `choice`.
/// `scratch` is a copy of `p` to apply the choice onto.
fn row(
    remedy: Remedy,
    (p, scratch): (&Profile, &mut Profile),
    base: &Assessment,
    choice: &Choice,
    years: u32,
) -> OptionResult {
    apply_choice_onto(scratch, p, choice);
    let changed = &*scratch;
    let after = scored(changed);
    let rating_after = leadership_rating(changed);
    let cost = change_cost(p, changed);
    let gained = base.shortfall_hours_per_week - after.shortfall;
    let delta = i64::from(after.score) - i64::from(base.score);
    let reason = if remedy == Remedy::LeadershipStep {
        let meetings = after.demand - base.demand_hours_per_week;
        Some(format!(
            "leadership {} -> {}, for {} h a week more of leadership meetings",
            base.leadership.rating.as_str(),
            rating_after.as_str(),
            round::show(meetings)
        ))
    } else if delta <= 0 && gained >= 0.05 {
        // Fewer hours short, yet no point gained: say why, so the row does
        // not contradict its own shortfall column.
        let added = after.demand - base.demand_hours_per_week;
        Some(if added >= 0.05 {
            format!(
                "no points: it covers {} h a week more but adds {} h of work, so the share of the need covered does not rise",
                round::hours1(gained + added),
                round::hours1(added)
            )
        } else {
            format!(
                "no points: the {} h a week it removes from the shortfall is less than a point of the score",
                round::hours1(gained)
            )
        })
    } else if delta <= 0 {
        Some(no_gain_reason(remedy).to_string())
    } else {
        None
    };
    OptionResult {
        remedy,
        option: remedy.name(p),
        applicable: true,
        reason,
        amount: Some(describe(p, choice).join("; ")),
        changes: changes(p, changed),
        score: Some(after.score),
        band: Some(after.band),
        score_delta: Some(delta),
        shortfall_hours_per_week: Some(after.shortfall),
        shortfall_delta: Some(after.shortfall - base.shortfall_hours_per_week),
        leadership_before: base.leadership.rating,
        leadership_after: Some(rating_after),
        annual_cost: Some(cost.recurring),
        one_off_cost: Some(cost.one_off),
        cost_per_year: Some(cost.per_year(years)),
        // Below a minute a week the ratio is noise, not value.
        cost_per_weekly_hour_gained: (gained > 0.01).then(|| cost.per_year(years) / gained),
        chance: None,
        choice: Some(*choice),
    }
}

/// The row for one remedy: fitted by the plan engine, or at a fixed size.
/// `scratch` is a copy of `p` to work on.
fn option_row(
    remedy: Remedy,
    (p, scratch): (&Profile, &mut Profile),
    base: &Assessment,
    settings: &PlanSettings,
) -> OptionResult {
    let sizing = &settings.sizing;
    let before = base.leadership.rating;
    let choice = if remedy.on_off() {
        on_off_choice(remedy, p)
    } else if let Some(hours) = sizing.stated(remedy) {
        fixed_choice(remedy, p, hours, sizing)
    } else if sizing.fixed && remedy == Remedy::DistributedTa {
        fixed_choice(remedy, p, 0.0, sizing)
    } else {
        fit_single(p, base.score, remedy, settings)
    };
    match choice {
        Ok(choice) if choice == Choice::default() => {
            let mut none = row(remedy, (p, scratch), base, &choice, settings.years);
            none.amount = Some("none".to_string());
            none
        }
        Ok(choice) => row(remedy, (p, scratch), base, &choice, settings.years),
        Err(reason) => not_applicable(remedy, p, before, reason),
    }
}

/// Every remedy applied alone: best value first (the lowest cost per hour
/// a week gained among those that gain a point), then the rest by score
/// gained; options that cannot apply come last.
pub fn evaluate(p: &Profile, base: &Assessment, settings: &PlanSettings) -> Vec<OptionResult> {
    // One copy of the school for all the rows to work on.
    let mut scratch = p.clone();
    let mut rows: Vec<OptionResult> = Remedy::ALL
        .iter()
        .map(|&remedy| option_row(remedy, (p, &mut scratch), base, settings))
        .collect();
    let value = |r: &OptionResult| {
        r.score_delta
            .filter(|d| *d > 0)
            .and(r.cost_per_weekly_hour_gained)
    };
    rows.sort_by(|x, y| {
        y.applicable
            .cmp(&x.applicable)
            .then(value(y).is_some().cmp(&value(x).is_some()))
            .then(value(x).unwrap_or(0.0).total_cmp(&value(y).unwrap_or(0.0)))
            .then(y.score_delta.cmp(&x.score_delta))
            .then(
                x.cost_per_year
                    .unwrap_or(0.0)
                    .total_cmp(&y.cost_per_year.unwrap_or(0.0)),
            )
    });
    rows
}

/// The option that buys an hour a week of the shortfall most cheaply,
/// among those that gain at least a point.
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

    use crate::fixtures::as_of;
    use crate::model::assess;
    use crate::plan::apply_choice;

    fn oakfield() -> Profile {
        crate::fixtures::example("primary")
    }

    fn row<'a>(rows: &'a [OptionResult], name: &str) -> &'a OptionResult {
        rows.iter().find(|r| r.option == name).unwrap()
    }

    fn rows(p: &Profile, sizing: &Sizing) -> Vec<OptionResult> {
        let base = assess(p, as_of());
        let settings = PlanSettings {
            sizing: sizing.clone(),
            ..PlanSettings::default()
        };
        evaluate(p, &base, &settings)
    }

    fn fixed() -> Sizing {
        Sizing {
            fixed: true,
            ..Sizing::default()
        }
    }

    /// Oakfield at the fixed steps (model 2: demand 23.79, score 25,
    /// shortfall 17.915, SENCO 5.875 effective h):
    /// - fewer-teaching: 5 h x 39 x £70 = £13,650; SENCO min(11.5, 24.25) x
    ///   (1 - 0.25 x 7.5 / 32.5) = 10.836538 -> 10.836538 / 23.79 = 46;
    ///   per hour gained 13,650 / 4.961538 = £2,751.
    /// - deputy: 6.5 x 39 x £70 + £4,800 = £22,545; demand +1 supervision
    ///   = 24.79, covered 6.5 + 5.875 = 12.375 -> 50; shortfall -5.5.
    /// - admin-support: 10 x 39 x £23 = £8,970; admin takes its shares
    ///   0.4 x 176/39 + 0.25 x 165/39 + 0.3 x 0.2 + 0.2 x 67/39 + 0.2 x 0.92
    ///   = 3.450410 -> (3.450410 + 5.875) / 23.79 = 39.
    /// - distributed-ta: ceil(14 / 6) = 3 lead TAs x 2 h x 39 x £22 = £5,148
    ///   plus 3 x £1,500 = £9,648; they take the delegable 0.7 x 4.62 = 3.234,
    ///   the SENCO gains 3 x 0.5 = 1.5 h of oversight: 9.109 / 25.29 = 36.
    /// - corporate-responsibility: 20 teachers x 6 h x £70 = £8,400 once,
    ///   £2,800 a year over the 3-year horizon.
    #[test]
    fn oakfield_fixed_steps_by_hand() {
        let rows = rows(&oakfield(), &fixed());
        let fewer = row(&rows, "fewer-teaching");
        assert_eq!(fewer.annual_cost, Some(13650.0));
        assert_eq!(fewer.score, Some(46));
        assert_eq!(fewer.score_delta, Some(21));
        assert!((fewer.cost_per_weekly_hour_gained.unwrap() - 13650.0 / 4.961538).abs() < 0.01);
        let deputy = row(&rows, "deputy");
        assert_eq!(deputy.annual_cost, Some(22545.0));
        assert_eq!(deputy.score, Some(50));
        assert!((deputy.shortfall_delta.unwrap() + 5.5).abs() < 1e-9);
        let admin = row(&rows, "admin-support");
        assert_eq!(admin.annual_cost, Some(8970.0));
        assert_eq!(admin.score, Some(39));
        assert!((admin.shortfall_delta.unwrap() + 3.450410).abs() < 1e-6);
        let distributed = row(&rows, "distributed-ta");
        assert!((distributed.annual_cost.unwrap() - 9648.0).abs() < 1e-6);
        assert_eq!(distributed.score, Some(36));
        let corporate = row(&rows, "corporate-responsibility");
        assert_eq!(corporate.annual_cost, Some(0.0));
        assert_eq!(corporate.one_off_cost, Some(8400.0));
        assert_eq!(corporate.cost_per_year, Some(2800.0));
        let slt = row(&rows, "slt");
        assert!(!slt.applicable);
        assert_eq!(rows.last().map(|r| r.option), Some("slt"));
        // Best value first. Corporate responsibility halves SEN support
        // (-2.115385 h) but adds CPD (+20 x 2 / 39 = 1.025641 h): 1.089744 h
        // gained, 23.79 - 1.089744 = 22.700256 -> 5.875 / 22.700256 = 26;
        // £2,800 / 1.089744 = £2,569 a year per hour over 3 years, just
        // cheaper than admin's £8,970 / 3.450410 = £2,600; over 1 year,
        // £8,400 / 1.089744 = £7,708, and admin support is best.
        assert_eq!(corporate.score, Some(26));
        assert!((corporate.cost_per_weekly_hour_gained.unwrap() - 2800.0 / 1.089744).abs() < 0.01);
        assert_eq!(
            best_value(&rows).map(|r| r.option),
            Some("corporate-responsibility")
        );
        assert_eq!(
            rows.first().map(|r| r.option),
            Some("corporate-responsibility")
        );
        let base = assess(&oakfield(), as_of());
        let one_year = PlanSettings {
            years: 1,
            sizing: fixed(),
            ..PlanSettings::default()
        };
        let rows = evaluate(&oakfield(), &base, &one_year);
        assert_eq!(best_value(&rows).map(|r| r.option), Some("admin-support"));
    }

    /// Oakfield, fitted on the half-hour grid (model 2, demand 23.79):
    /// - admin-support: its shares are 3.450410 h, so 3.5 h covers them
    ///   (5.875 + 3.450410 = 9.325410 / 23.79 -> 39) and 3 h does not
    ///   (8.875 / 23.79 -> 37): 3.5 h, 3.5 x 39 x £23 = £3,139.50; gained
    ///   3.450410 h -> £910 a year per hour a week.
    /// - distributed-ta: one lead TA adds 0.5 h of oversight (demand
    ///   24.29) and may take 0.7 x 14 x 0.33 = 3.234 h: with 3.5 h,
    ///   9.109 / 24.29 = 0.37501 -> 38; with 3 h, 8.875 / 24.29 -> 37; more
    ///   lead TAs add oversight and score less. 1 x 3.5 x 39 x £22 + £1,500
    ///   = £4,503.
    /// - deputy: 18 h reaches 95 (demand 24.79; the deputy takes all 17.74
    ///   h of work a deputy may do, the SENCO 5.875 of the rest: 23.615 ->
    ///   95.3%; 17.5 h gives 23.375 -> 94): 18 x 39 x £70 + £4,800 = £53,940.
    #[test]
    fn oakfield_fitted_by_hand() {
        let rows = rows(&oakfield(), &Sizing::default());
        let admin = row(&rows, "admin-support");
        assert_eq!(
            admin.amount.as_deref(),
            Some("3.5 h a week of admin support")
        );
        assert_eq!(admin.score, Some(39));
        assert_eq!(admin.annual_cost, Some(3139.5));
        assert!((admin.cost_per_weekly_hour_gained.unwrap() - 3139.5 / 3.450410).abs() < 0.01);
        let distributed = row(&rows, "distributed-ta");
        assert_eq!(distributed.score, Some(38));
        assert!((distributed.annual_cost.unwrap() - 4503.0).abs() < 1e-6);
        assert_eq!(
            distributed
                .choice
                .map(|c| (c.lead_tas_added, c.lead_hours_added)),
            Some((1, 7))
        );
        let deputy = row(&rows, "deputy");
        assert_eq!(deputy.score, Some(95));
        assert_eq!(
            deputy.amount.as_deref(),
            Some("a deputy SENCO for 18 h a week")
        );
        assert_eq!(deputy.annual_cost, Some(53940.0));
        assert_eq!(best_value(&rows).map(|r| r.option), Some("admin-support"));
        // A stated size fixes that option alone: 10 x 39 x £23.
        let stated = rows_with(Sizing {
            admin_hours: Some(10.0),
            ..Sizing::default()
        });
        assert_eq!(row(&stated, "admin-support").annual_cost, Some(8970.0));
        assert_eq!(row(&stated, "deputy").score, Some(95));
    }

    fn rows_with(sizing: Sizing) -> Vec<OptionResult> {
        rows(&oakfield(), &sizing)
    }

    /// A school whose admin shares are already covered gains nothing from
    /// more admin time, and the row says so instead of pricing 10 hours.
    #[test]
    fn a_remedy_that_gains_nothing_says_so() {
        let mut p = oakfield();
        p.admin = Some(crate::profile::Admin { hours: 3.5 });
        let rows = rows(&p, &Sizing::default());
        let admin = row(&rows, "admin-support");
        assert!(admin.applicable);
        assert_eq!(admin.amount.as_deref(), Some("none"));
        assert_eq!(admin.annual_cost, Some(0.0));
        assert_eq!(admin.score_delta, Some(0));
        assert!(admin.reason.as_deref().unwrap().starts_with("no gain"));
    }

    #[test]
    fn the_leadership_step_is_named_after_where_it_leads() {
        let mut p = oakfield();
        p.senco.leadership = Leadership::Middle;
        assert_eq!(Remedy::LeadershipStep.name(&p), "associate-slt");
        let step = Choice {
            leadership_step: true,
            ..Choice::default()
        };
        let up = apply_choice(&p, &step);
        assert_eq!(up.senco.leadership, Leadership::AssociateSlt);
        assert_eq!(change_cost(&p, &up), Cost::default());
        assert_eq!(Remedy::LeadershipStep.name(&up), "slt");
        let top = apply_choice(&up, &step);
        assert_eq!(change_cost(&up, &top).recurring, 7500.0);
        // The row says what the step trades: meetings for leadership.
        let rows = rows(&p, &Sizing::default());
        let reason = row(&rows, "associate-slt").reason.clone().unwrap();
        assert!(reason.contains("leadership"), "{reason}");
        assert!(reason.contains("meetings"), "{reason}");
    }

    #[test]
    fn options_that_cannot_apply_say_why() {
        let mut p = oakfield();
        p.tas = None;
        p.senco.teaching_hours = 0.0;
        p.whole_school.corporate_responsibility = true;
        for sizing in [Sizing::default(), fixed()] {
            let rows = rows(&p, &sizing);
            let reason = |name| row(&rows, name).reason.clone().unwrap_or_default();
            assert!(reason("distributed-ta").contains("no teaching assistants"));
            assert!(reason("fewer-teaching").contains("does not teach"));
            assert!(reason("corporate-responsibility").contains("already own"));
            assert!(!row(&rows, "corporate-responsibility").applicable);
        }
    }

    #[test]
    fn the_cost_of_undoing_a_change_is_a_saving() {
        let p = oakfield();
        let deputy = Choice {
            deputy_added: 13,
            ..Choice::default()
        };
        // 13 half hours = 6.5 h: 6.5 x 39 x £70 + £4,800 = £22,545.
        let with_deputy = apply_choice(&p, &deputy);
        assert_eq!(change_cost(&p, &with_deputy).recurring, 22545.0);
        assert_eq!(change_cost(&with_deputy, &p).recurring, -22545.0);
        // One-off training is never refunded.
        let corporate = apply_choice(
            &p,
            &Choice {
                corporate: true,
                ..Choice::default()
            },
        );
        // 20 teachers x 6 h x £70.
        assert_eq!(change_cost(&p, &corporate).one_off, 8400.0);
        assert_eq!(change_cost(&corporate, &p), Cost::default());
    }
}
