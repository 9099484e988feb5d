//! `senco-plan plan`: the cheapest mix of remedies that reaches a target
//! score, found exactly on a grid of half hours.
//!
//! The search rests on two facts the property tests check: the score never
//! falls when admin hours or (once there is a deputy) deputy hours grow.
//! So for each mix of the other remedies, the least admin time that
//! reaches the target can only fall as deputy time rises, and one walk
//! down a "staircase" finds it for every deputy time: exact, without
//! trying every admin time for every deputy time.

use crate::model::{Band, Pools, TaskHours, allocate, assess, coverage_and_score, demand, pools};
use crate::options::{DEFAULT_YEARS, OptionResult, Remedy, Sizing, change_cost, evaluate};
use crate::profile::{Admin, Change, Deputy, Leadership, Profile, Structure, changes};
use crate::report::SCHEMA_VERSION;
use crate::round::{self, counted, show};
use crate::uncertainty::{Draws, chance, drawn_profiles};
use chrono::NaiveDate;
use serde::Serialize;
use std::borrow::Borrow;
use std::cell::Cell;
use std::cmp::Ordering;
use std::collections::BTreeMap;
use std::ops::RangeInclusive;

mod confident;

/// Hours move in half hours: the grid's step.
pub const STEP_HOURS: f64 = 0.5;
/// Model evaluations one search may make; a larger grid is refused.
pub const MAX_EVALUATIONS: u64 = 30_000_000;
/// Model evaluations a `--confidence` search may make (10-30 s): its
/// bounds usually prune almost all the grid, but a large grid times many
/// draws could run for hours, so it stops instead.
pub const MAX_CONFIDENT_EVALUATIONS: u64 = 100_000_000;
/// Draws up to which a `--confidence` search has its whole ceiling.
const CEILING_DRAWS: u64 = 25_000;
/// The most deputy or admin hours a week a plan adds by default: a
/// full-time contract.
pub const DEFAULT_MAX_HOURS: f64 = 32.5;
/// The most management hours a week a lead TA has by default.
pub const DEFAULT_MAX_LEAD_HOURS: f64 = 5.0;

#[derive(Debug, Clone, PartialEq)]
pub struct PlanSettings {
    pub target: u32,
    pub budget: Option<f64>,
    /// Teaching hours the SENCO keeps, whatever the plan.
    pub keep_teaching: f64,
    pub max_deputy_hours: f64,
    pub max_admin_hours: f64,
    /// The most management hours a week each lead TA may have.
    pub max_lead_hours: f64,
    pub allow_corporate: bool,
    pub top: usize,
    pub frontier: bool,
    /// The horizon one-off costs are spread over when costs are compared.
    pub years: u32,
    /// The least of each remedy a plan may have (`forecast`'s staged plans
    /// never cut what an earlier year added); `Choice::default()`: none.
    pub floor: Choice,
    /// Plans must reach the target in at least this share of the draws
    /// (0 < share < 1), not just on the central assumptions.
    pub confidence: Option<f64>,
    /// How each remedy alone is sized for the option rows (`assess`'s
    /// options, `plan`'s single remedies): fitted, or as the user stated.
    pub sizing: Sizing,
}

impl Default for PlanSettings {
    fn default() -> Self {
        PlanSettings {
            target: 95,
            budget: None,
            keep_teaching: 0.0,
            max_deputy_hours: DEFAULT_MAX_HOURS,
            max_admin_hours: DEFAULT_MAX_HOURS,
            max_lead_hours: DEFAULT_MAX_LEAD_HOURS,
            allow_corporate: true,
            top: 5,
            frontier: false,
            years: DEFAULT_YEARS,
            floor: Choice::default(),
            confidence: None,
            sizing: Sizing::default(),
        }
    }
}

/// One point of the grid: how far each remedy goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
pub struct Choice {
    /// Half hours moved from teaching to SENCO time.
    pub teaching_moved: u32,
    /// Half hours of deputy time added.
    pub deputy_added: u32,
    /// Half hours of admin time added.
    pub admin_added: u32,
    /// Lead TAs added (TA leadership then distributed).
    pub lead_tas_added: u32,
    /// Half hours added to each lead TA's management time.
    pub lead_hours_added: u32,
    /// Corporate responsibility switched on.
    pub corporate: bool,
    /// One step up the leadership ladder (options only: it adds meetings,
    /// so no plan would choose it for the score).
    pub leadership_step: bool,
}

impl Choice {
    /// How many remedies the plan uses: fewer is simpler, on equal cost.
    pub fn remedies(&self) -> usize {
        [
            self.teaching_moved > 0,
            self.deputy_added > 0,
            self.admin_added > 0,
            self.lead_tas_added > 0 || self.lead_hours_added > 0,
            self.corporate,
            self.leadership_step,
        ]
        .iter()
        .filter(|used| **used)
        .count()
    }
}

fn halves(half_hours: u32) -> f64 {
    f64::from(half_hours) * STEP_HOURS
}

/// The profile a choice makes of the baseline.
pub fn apply_choice(base: &Profile, c: &Choice) -> Profile {
    let mut p = base.clone();
    apply_choice_onto(&mut p, base, c);
    p
}

/// Makes `p`, a copy of `base` in everything a choice does not touch, the
/// profile `c` makes of `base`: the searches reuse one copy rather than
/// copying the profile (its text and lists) for every point they try.
pub fn apply_choice_onto(p: &mut Profile, base: &Profile, c: &Choice) {
    let moved = halves(c.teaching_moved);
    p.senco.teaching_hours = base.senco.teaching_hours - moved;
    p.senco.senco_hours = base.senco.senco_hours + moved;
    p.deputy = if c.deputy_added > 0 {
        Some(Deputy {
            hours: base.deputy_hours() + halves(c.deputy_added),
        })
    } else {
        base.deputy.clone()
    };
    p.admin = if c.admin_added > 0 {
        Some(Admin {
            hours: base.admin_hours() + halves(c.admin_added),
        })
    } else {
        base.admin.clone()
    };
    p.tas = base.tas.clone();
    if (c.lead_tas_added > 0 || c.lead_hours_added > 0)
        && let Some(tas) = p.tas.as_mut()
    {
        tas.structure = Structure::Distributed;
        tas.lead_tas += c.lead_tas_added;
        tas.lead_hours += halves(c.lead_hours_added);
    }
    p.whole_school.corporate_responsibility =
        base.whole_school.corporate_responsibility || c.corporate;
    p.senco.leadership = match (c.leadership_step, base.senco.leadership) {
        (true, Leadership::Middle) => Leadership::AssociateSlt,
        (true, Leadership::AssociateSlt | Leadership::Slt) => Leadership::Slt,
        (false, leadership) => leadership,
    };
}

/// How far each remedy may go for this school, in grid steps.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Grid {
    pub teaching: u32,
    pub deputy: u32,
    pub admin: u32,
    pub lead_tas: u32,
    /// Half hours each lead TA's management time may grow by.
    pub lead_hours: u32,
    pub corporate: bool,
    /// The least of each remedy (see [`PlanSettings::floor`]).
    pub floor: Choice,
}

fn steps_up_to(hours: f64) -> u32 {
    (hours.max(0.0) / STEP_HOURS + 1e-9).floor() as u32
}

impl Grid {
    pub fn new(base: &Profile, s: &PlanSettings) -> Grid {
        let senco = &base.senco;
        Grid {
            teaching: steps_up_to(
                (senco.teaching_hours - s.keep_teaching).min(60.0 - senco.senco_hours),
            ),
            // One deputy, at most a full-time post.
            deputy: steps_up_to(
                s.max_deputy_hours
                    .min(base.full_time_hours() - base.deputy_hours()),
            ),
            admin: steps_up_to(s.max_admin_hours.min(60.0 - base.admin_hours())),
            lead_tas: base.ta_count().saturating_sub(base.lead_tas()),
            lead_hours: if base.ta_count() > 0 {
                steps_up_to(
                    s.max_lead_hours.min(60.0) - base.tas.as_ref().map_or(0.0, |t| t.lead_hours),
                )
            } else {
                0
            },
            corporate: s.allow_corporate && !base.whole_school.corporate_responsibility,
            floor: s.floor,
        }
    }

    /// Mixes of the remedies other than deputy and admin time.
    fn outer(&self, base: &Profile) -> u64 {
        u64::from(self.teaching + 1)
            * self.lead_pairs(base).len() as u64
            * (1 + u64::from(self.corporate))
    }

    /// Evaluations the staircase search makes, at most.
    pub fn search_evaluations(&self, base: &Profile) -> u64 {
        self.outer(base) * (2 * u64::from(self.deputy + 2) + u64::from(self.admin + 1))
    }

    /// Evaluations the search for the best within a budget makes, at most.
    pub fn budget_evaluations(&self, base: &Profile) -> u64 {
        let halvings = u64::from(32 - self.admin.leading_zeros()) + 1;
        self.outer(base) * u64::from(self.deputy + 1) * (1 + halvings)
    }

    /// Evaluations the frontier makes, at most.
    pub fn frontier_evaluations(&self, base: &Profile) -> u64 {
        self.outer(base) * u64::from(self.deputy + 1) * u64::from(self.admin + 1)
    }

    /// The (lead TAs added, lead half hours added) pairs worth trying: no
    /// lead hours without a lead TA, no lead TA without hours, and no more
    /// hours than the lead TAs together may use (the delegable share of TA
    /// leadership): past that a pair costs more and scores the same.
    pub fn lead_pairs(&self, base: &Profile) -> Vec<(u32, u32)> {
        let (existing, hours) = (
            base.lead_tas(),
            base.tas.as_ref().map_or(0.0, |t| t.lead_hours),
        );
        let a = &base.assumptions;
        let delegable = a.distributed_share * f64::from(base.ta_count()) * a.ta_management_hours;
        let mut pairs = vec![(0, 0)];
        for added in 0..=self.lead_tas {
            let leads = existing + added;
            if leads == 0 {
                continue;
            }
            let useful = ((delegable / f64::from(leads) - hours) / STEP_HOURS)
                .ceil()
                .max(0.0) as u32;
            for more in 0..=self.lead_hours.min(useful) {
                if (added, more) != (0, 0) && hours + halves(more) > 0.0 {
                    pairs.push((added, more));
                }
            }
        }
        pairs
    }
}

/// The demand and pools for fixed teaching, lead TAs and corporate
/// responsibility, with or without a deputy; deputy and admin hours vary.
struct Slice {
    tasks: Vec<TaskHours>,
    demand: f64,
    pools: Pools,
    outer: Choice,
    /// The last point scored, (deputy steps, admin steps, score): the
    /// searches for one remedy ask for the same point twice.
    last: Cell<Option<(u32, u32, u32)>>,
}

fn make_slice(base: &Profile, outer: Choice, with_deputy: bool) -> Slice {
    slice_onto(&mut base.clone(), base, outer, with_deputy)
}

/// [`make_slice`], with `scratch` (a copy of `base`) as the working copy.
fn slice_onto(scratch: &mut Profile, base: &Profile, outer: Choice, with_deputy: bool) -> Slice {
    // A deputy's presence adds supervision to demand; their hours do not.
    let shape = Choice {
        deputy_added: u32::from(with_deputy && base.deputy.is_none()),
        ..outer
    };
    apply_choice_onto(scratch, base, &shape);
    let tasks = demand(scratch);
    let mut pools = pools(scratch);
    pools.deputy = base.deputy_hours();
    Slice {
        demand: tasks.iter().map(|t| t.hours_per_week).sum(),
        tasks,
        pools,
        outer,
        last: Cell::new(None),
    }
}

/// Every mix of the remedies other than deputy and admin time, given the
/// lead TA pairs worth trying.
fn outer_choices(grid: Grid, pairs: Vec<(u32, u32)>) -> impl Iterator<Item = Choice> {
    let floor = grid.floor;
    let corporate: &'static [bool] = if floor.corporate {
        &[true]
    } else if grid.corporate {
        &[false, true]
    } else {
        &[false]
    };
    let pairs: Vec<(u32, u32)> = pairs
        .into_iter()
        .filter(|(tas, hours)| *tas >= floor.lead_tas_added && *hours >= floor.lead_hours_added)
        .collect();
    (floor.teaching_moved..=grid.teaching).flat_map(move |teaching_moved| {
        let pairs = pairs.clone();
        pairs
            .into_iter()
            .flat_map(move |(lead_tas_added, lead_hours_added)| {
                corporate.iter().map(move |&corporate| Choice {
                    teaching_moved,
                    lead_tas_added,
                    lead_hours_added,
                    corporate,
                    ..Choice::default()
                })
            })
    })
}

/// The runs of deputy steps over which the score cannot fall, each with
/// or without a deputy: creating a deputy adds supervision, so it starts a
/// run of its own.
fn deputy_segments(base: &Profile, grid: &Grid) -> Vec<(bool, RangeInclusive<u32>)> {
    let least = grid.floor.deputy_added;
    let segments = if base.deputy.is_some() {
        vec![(true, 0..=grid.deputy)]
    } else if grid.deputy > 0 {
        vec![(false, 0..=0), (true, 1..=grid.deputy)]
    } else {
        vec![(false, 0..=0)]
    };
    // No fewer deputy steps than the floor.
    segments
        .into_iter()
        .map(|(with, steps)| (with, (*steps.start()).max(least)..=*steps.end()))
        .filter(|(_, steps)| !steps.is_empty())
        .collect()
}

/// Every mix of the remedies other than deputy and admin time, each with
/// the deputy steps over which the score cannot fall; built one at a time.
fn slices<'a>(
    base: &'a Profile,
    grid: &Grid,
) -> impl Iterator<Item = (Slice, RangeInclusive<u32>)> + 'a {
    let segments = deputy_segments(base, grid);
    let mut scratch = base.clone();
    let mut outers = outer_choices(*grid, grid.lead_pairs(base));
    let (mut outer, mut segment) = (None, 0);
    // Each mix with each run in turn, without a list for every mix.
    std::iter::from_fn(move || {
        loop {
            if let Some(mix) = outer
                && let Some((with_deputy, steps)) = segments.get(segment)
            {
                segment += 1;
                return Some((
                    slice_onto(&mut scratch, base, mix, *with_deputy),
                    steps.clone(),
                ));
            }
            outer = Some(outers.next()?);
            segment = 0;
        }
    })
}

struct Evaluator<'a> {
    base: &'a Profile,
    /// A copy of `base` that each choice priced is applied onto.
    scratch: Profile,
    buffer: Vec<TaskHours>,
    evaluated: u64,
    /// Past this much work a `--confidence` search gives up.
    ceiling: u64,
    /// Slices built for draws by a `--confidence` search.
    built: u64,
    /// The horizon costs are compared over.
    years: u32,
}

impl<'a> Evaluator<'a> {
    fn new(base: &'a Profile, years: u32) -> Self {
        Evaluator {
            base,
            scratch: base.clone(),
            buffer: Vec::new(),
            evaluated: 0,
            ceiling: u64::MAX,
            built: 0,
            years,
        }
    }

    /// A choice's cost a year over the horizon: what every ranking uses.
    fn cost(&mut self, c: &Choice) -> f64 {
        apply_choice_onto(&mut self.scratch, self.base, c);
        change_cost(self.base, &self.scratch).per_year(self.years)
    }

    /// The score with `deputy` and `admin` half hours added: the model's
    /// own allocation, without rebuilding the profile.
    fn score(&mut self, slice: &Slice, deputy: u32, admin: u32) -> u32 {
        if let Some((d, a, score)) = slice.last.get()
            && (d, a) == (deputy, admin)
        {
            return score;
        }
        self.evaluated += 1;
        self.buffer.clone_from(&slice.tasks);
        let pools = Pools {
            deputy: slice.pools.deputy + halves(deputy),
            admin: slice.pools.admin + halves(admin),
            ..slice.pools
        };
        allocate(&mut self.buffer, &pools);
        let covered: f64 = self.buffer.iter().map(|t| t.covered.total()).sum();
        let score = coverage_and_score(slice.demand, covered).1;
        slice.last.set(Some((deputy, admin, score)));
        score
    }

    /// The score with `teaching` half hours moved to SENCO time, and no
    /// other remedy.
    fn score_teaching_moved(&mut self, teaching: u32) -> u32 {
        let outer = Choice {
            teaching_moved: teaching,
            ..Choice::default()
        };
        let slice = slice_onto(&mut self.scratch, self.base, outer, false);
        self.score(&slice, 0, 0)
    }

    /// [`fit_single`] for fewer teaching hours. Moving teaching to SENCO
    /// time never lowers the score (a property test checks) and never
    /// costs less, so both the most affordable and the least that reaches
    /// the goal are found by halving the steps: a handful of points, not
    /// every one.
    fn fit_teaching(
        &mut self,
        grid: &Grid,
        (base_score, cap): (u32, u32),
        budget: Option<f64>,
    ) -> Result<Choice, String> {
        let moved = |teaching_moved: u32| Choice {
            teaching_moved,
            ..Choice::default()
        };
        let affordable =
            |ev: &mut Self, steps: u32| budget.is_none_or(|b| ev.cost(&moved(steps)) <= b + 1e-6);
        if !affordable(self, 0) {
            return Err(over_budget(budget));
        }
        // The most steps affordable: the least that is not, less one.
        let most = first_holding(1..=grid.teaching, |steps| !affordable(self, steps)) - 1;
        let goal = self.score_teaching_moved(most).min(cap);
        if goal <= base_score {
            return Ok(Choice::default());
        }
        Ok(moved(first_holding(0..=most, |steps| {
            self.score_teaching_moved(steps) >= goal
        })))
    }

    /// For every point of the grid other than admin time, the least admin
    /// time that reaches the target, if any, with its cost a year; less
    /// those that cannot be among the `top` cheapest.
    fn least_plans<S: Borrow<(Slice, RangeInclusive<u32>)>>(
        &mut self,
        slices: impl IntoIterator<Item = S>,
        grid: &Grid,
        (target, top): (u32, usize),
    ) -> Vec<(f64, Choice)> {
        let mut found = Vec::new();
        for run in slices {
            let (slice, deputy_steps) = run.borrow();
            let prices = Prices::new(self, slice.outer, *deputy_steps.start());
            let mut admin = grid.admin;
            // The steps that miss the target with the most admin time come
            // first (the score never falls as deputy time grows): halve
            // to the first that reaches it.
            let first = first_holding(deputy_steps.clone(), |deputy| {
                self.score(slice, deputy, admin) >= target
            });
            // From there every step reaches it with the admin time the
            // step before needed, so only less admin time need be tried.
            // Once admin time is at its least, each further step is dearer
            // than the one before: `top` of them are all that can count.
            let mut at_least = 0;
            for deputy in first..=*deputy_steps.end() {
                admin = least_holding(grid.floor.admin_added, admin, |admin| {
                    self.score(slice, deputy, admin) >= target
                });
                if admin == grid.floor.admin_added && prices.deputy_step >= 0.0 {
                    if at_least == top {
                        break;
                    }
                    at_least += 1;
                }
                found.push((
                    prices.at(deputy, admin),
                    Choice {
                        deputy_added: deputy,
                        admin_added: admin,
                        ..slice.outer
                    },
                ));
            }
        }
        found
    }

    /// The best score within a budget (none: the whole grid), cheapest first
    /// on equal scores.
    fn best_within<S: Borrow<(Slice, RangeInclusive<u32>)>>(
        &mut self,
        slices: impl IntoIterator<Item = S>,
        grid: &Grid,
        budget: Option<f64>,
    ) -> Option<(u32, f64, Choice)> {
        let mut best: Option<(u32, f64, Choice)> = None;
        let mut offer = |score: u32, cost: f64, choice: Choice| {
            let better = best
                .as_ref()
                .is_none_or(|(s, c, _)| score > *s || (score == *s && cost < *c - 1e-6));
            if better {
                best = Some((score, cost, choice));
            }
        };
        for run in slices {
            let (slice, deputy_steps) = run.borrow();
            // Costs by arithmetic from the run's first step: copying the
            // profile to price every point was most of a batch's time.
            let prices = Prices::new(self, slice.outer, *deputy_steps.start());
            // The most admin time affordable with a deputy step, if any.
            let most_admin = |deputy: u32| {
                let fixed = prices.without_admin(deputy);
                let admin = match budget {
                    Some(limit) if fixed > limit + 1e-6 => return None,
                    Some(limit) if prices.admin_step > 0.0 => {
                        (((limit - fixed) / prices.admin_step + 1e-9).floor() as u32)
                            .min(grid.admin)
                    }
                    _ => grid.admin,
                };
                (admin >= grid.floor.admin_added).then_some(admin)
            };
            let choice = |deputy: u32, admin: u32| Choice {
                deputy_added: deputy,
                admin_added: admin,
                ..slice.outer
            };
            if grid.admin == grid.floor.admin_added && prices.deputy_step >= 0.0 {
                // One admin time: the affordable steps come first, the
                // score never falls along them and the cost never falls,
                // so the run's best is the least deputy time that scores
                // as well as its last affordable step.
                let admin = grid.admin;
                let beyond =
                    first_holding(deputy_steps.clone(), |deputy| most_admin(deputy).is_none());
                if beyond == *deputy_steps.start() {
                    continue;
                }
                let last = beyond - 1;
                let top = self.score(slice, last, admin);
                let least = first_holding(*deputy_steps.start()..=last, |deputy| {
                    self.score(slice, deputy, admin) >= top
                });
                offer(top, prices.at(least, admin), choice(least, admin));
                continue;
            }
            for deputy in deputy_steps.clone() {
                let Some(admin) = most_admin(deputy) else {
                    continue;
                };
                let score = self.score(slice, deputy, admin);
                // Admin time beyond what the score needs buys nothing: find
                // the least that gives the same score (it never falls).
                let least = first_holding(grid.floor.admin_added..=admin, |admin| {
                    self.score(slice, deputy, admin) >= score
                });
                offer(score, prices.at(deputy, least), choice(deputy, least));
            }
        }
        best
    }

    /// The cheapest plan for each score reachable on the grid.
    fn frontier(&mut self, grid: &Grid, budget: Option<f64>) -> BTreeMap<u32, (f64, Choice)> {
        let mut cheapest: BTreeMap<u32, (f64, Choice)> = BTreeMap::new();
        for (slice, deputy_steps) in slices(self.base, grid) {
            for deputy in deputy_steps {
                let mut previous = None;
                for admin in grid.floor.admin_added..=grid.admin {
                    let score = self.score(&slice, deputy, admin);
                    if previous.is_some_and(|p| score <= p) {
                        continue;
                    }
                    previous = Some(score);
                    let choice = Choice {
                        deputy_added: deputy,
                        admin_added: admin,
                        ..slice.outer
                    };
                    let cost = self.cost(&choice);
                    if budget.is_some_and(|b| cost > b + 1e-6) {
                        break;
                    }
                    let entry = cheapest.entry(score).or_insert((cost, choice));
                    if precedes(cost, &choice, entry.0, &entry.1) {
                        *entry = (cost, choice);
                    }
                    if score >= 100 {
                        break;
                    }
                }
            }
        }
        cheapest
    }
}

/// The least step of `steps` at which `holds` is true, given that once
/// true it stays true as the step grows (the step past the end when it
/// never is): halve the steps.
fn first_holding(steps: RangeInclusive<u32>, mut holds: impl FnMut(u32) -> bool) -> u32 {
    let (mut low, mut high) = (*steps.start(), steps.end().saturating_add(1));
    while low < high {
        let middle = low + (high - low) / 2;
        if holds(middle) {
            high = middle;
        } else {
            low = middle + 1;
        }
    }
    high
}

/// The least step, no less than `least`, at which `holds` is true, given
/// that it is at `holding` and stays true as the step grows: gallop down
/// from `holding`, then halve the gap. Cheap when the answer is near
/// `holding`, as it is along a staircase.
fn least_holding(least: u32, holding: u32, mut holds: impl FnMut(u32) -> bool) -> u32 {
    let (mut failing, mut passing) = (None, holding);
    let mut stride = 1u32;
    while passing > least {
        let probe = passing.saturating_sub(stride).max(least);
        if holds(probe) {
            passing = probe;
            stride = stride.saturating_mul(2);
        } else {
            failing = Some(probe);
            break;
        }
    }
    match failing {
        // The least that holds is above the one that fails.
        Some(fails) => first_holding(fails + 1..=passing, holds),
        None => passing,
    }
}

/// Leeway on money comparisons, a penny: a bound may let through a plan
/// that costs the same to the penny, and ranking then decides.
const PENNY: f64 = 0.01;

/// What a plan costs a year as deputy and admin steps are added to a
/// slice: both are paid by the hour, so the cost is linear in each.
struct Prices {
    /// The mix with the first deputy step of its run and no admin.
    start: f64,
    first_deputy: u32,
    deputy_step: f64,
    admin_step: f64,
}

impl Prices {
    fn new(evaluator: &mut Evaluator<'_>, outer: Choice, first_deputy: u32) -> Prices {
        let start = evaluator.cost(&Choice {
            deputy_added: first_deputy,
            ..outer
        });
        let base = evaluator.base;
        let weeks = base.weeks_per_year();
        Prices {
            start,
            first_deputy,
            deputy_step: halves(1) * weeks * base.costs.teacher_hour,
            admin_step: halves(1) * weeks * base.costs.admin_hour,
        }
    }

    fn without_admin(&self, deputy: u32) -> f64 {
        self.start + f64::from(deputy.saturating_sub(self.first_deputy)) * self.deputy_step
    }

    /// The cost a year with `deputy` and `admin` steps.
    fn at(&self, deputy: u32, admin: u32) -> f64 {
        self.without_admin(deputy) + f64::from(admin) * self.admin_step
    }

    /// The most admin steps affordable with `deputy` steps within `limit`.
    fn admin_within(&self, deputy: u32, limit: f64, most: u32) -> Option<u32> {
        let left = limit + PENNY - self.without_admin(deputy);
        if left < 0.0 {
            None
        } else if self.admin_step > 0.0 {
            Some(((left / self.admin_step + 1e-9).floor() as u32).min(most))
        } else {
            Some(most)
        }
    }

    /// The most deputy steps of `steps` affordable within `limit`.
    fn deputy_within(&self, steps: &RangeInclusive<u32>, limit: f64) -> Option<u32> {
        let left = limit + PENNY - self.start;
        if left < 0.0 {
            None
        } else if self.deputy_step > 0.0 {
            let more = (left / self.deputy_step + 1e-9)
                .floor()
                .min(f64::from(u32::MAX)) as u32;
            Some(steps.start().saturating_add(more).min(*steps.end()))
        } else {
            Some(*steps.end())
        }
    }
}

/// Cheaper first; on equal cost (to the penny) fewer remedies, then a
/// fixed order so that results never depend on search order.
fn precedes(cost: f64, c: &Choice, other_cost: f64, other: &Choice) -> bool {
    let pence = |v: f64| (v * 100.0).round() as i64;
    (pence(cost), c.remedies(), *c) < (pence(other_cost), other.remedies(), *other)
}

/// [`precedes`] as an ordering, for sorting.
fn order(cost: f64, c: &Choice, other_cost: f64, other: &Choice) -> Ordering {
    if precedes(cost, c, other_cost, other) {
        Ordering::Less
    } else if precedes(other_cost, other, cost, c) {
        Ordering::Greater
    } else {
        Ordering::Equal
    }
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Plan {
    pub rank: usize,
    /// Recurring pounds a year.
    #[serde(serialize_with = "round::whole_pounds")]
    pub annual_cost: f64,
    /// Pounds once (training).
    #[serde(serialize_with = "round::whole_pounds")]
    pub one_off_cost: f64,
    /// Recurring + one-off spread over the horizon: what plans are ranked by.
    #[serde(serialize_with = "round::whole_pounds")]
    pub cost_per_year: f64,
    pub score: u32,
    pub band: Band,
    /// Every profile key the plan changes, `[from, to]`: `assess --set
    /// KEY=TO ...` with them gives the plan's score.
    pub changes: BTreeMap<String, Change>,
    /// The changes in words.
    pub summary: Vec<String>,
    /// The share of plausible draws of the assumptions in which the plan
    /// reaches the target (SPEC section 8), when asked for.
    #[serde(
        skip_serializing_if = "Option::is_none",
        serialize_with = "round::opt_ratio"
    )]
    pub chance: Option<f64>,
    #[serde(skip)]
    pub choice: Choice,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Baseline {
    pub score: u32,
    pub band: Band,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PlanResult {
    pub schema_version: u32,
    pub source: String,
    pub as_of: NaiveDate,
    pub target: u32,
    /// With `--confidence`: the least share of the draws in which each
    /// plan must reach the target, as asked (not rounded).
    pub confidence: Option<f64>,
    /// The draws every plan's `chance` counts over.
    pub samples: usize,
    pub seed: u64,
    /// Pounds a year over the horizon.
    #[serde(serialize_with = "round::pounds")]
    pub budget: Option<f64>,
    pub horizon_years: u32,
    pub baseline: Baseline,
    /// Whether any plan on the grid, within the budget, reaches the target.
    pub feasible: bool,
    pub plans: Vec<Plan>,
    /// When no plan reaches the target: the best score within the budget.
    pub best_within_budget: Option<Plan>,
    /// Each remedy alone, sized as `assess` sizes its options (the same
    /// rows, from the same engine, within the budget when one is given),
    /// each with its chance over the plans' draws.
    pub single_remedies: Vec<OptionResult>,
    /// How the single remedies were sized, when the user chose
    /// (`--sizes fixed` or a size flag): those are priced as given.
    #[serde(skip)]
    pub sizing: Sizing,
    /// With `--frontier`: the cheapest plan for each reachable score.
    pub frontier: Option<Vec<Plan>>,
    /// Model evaluations the search made.
    pub evaluated: u64,
}

/// What stops a search before it starts.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PlanError {
    #[error(
        "the plan grid needs about {0} evaluations, more than the {MAX_EVALUATIONS} allowed: narrow it with --max-deputy-hours, --max-admin-hours or --keep-teaching (every TA is a possible lead TA, so many TAs make the grid large)"
    )]
    TooLarge(u64),
    #[error(
        "the --confidence search stopped before it found an answer: with these draws it would take too long on this grid; use fewer --samples (1,000 is the default), or narrow the grid with --max-deputy-hours, --max-admin-hours or --keep-teaching"
    )]
    ConfidenceTooLarge,
}

/// A choice in plain English, one remedy a line.
pub fn describe(base: &Profile, c: &Choice) -> Vec<String> {
    let mut out = Vec::new();
    if c.teaching_moved > 0 {
        let moved = halves(c.teaching_moved);
        out.push(format!(
            "move {} h a week of teaching to SENCO time (teaching {} -> {} h, SENCO time {} -> {} h)",
            show(moved),
            show(base.senco.teaching_hours),
            show(base.senco.teaching_hours - moved),
            show(base.senco.senco_hours),
            show(base.senco.senco_hours + moved)
        ));
    }
    if c.deputy_added > 0 {
        let hours = halves(c.deputy_added);
        out.push(match &base.deputy {
            None => format!("a deputy SENCO for {} h a week", show(hours)),
            Some(d) => format!(
                "{} h a week more for the deputy ({} -> {} h)",
                show(hours),
                show(d.hours),
                show(d.hours + hours)
            ),
        });
    }
    if c.admin_added > 0 {
        let hours = halves(c.admin_added);
        out.push(match &base.admin {
            Some(a) if a.hours > 0.0 => format!(
                "{} h a week more admin support ({} -> {} h)",
                show(hours),
                show(a.hours),
                show(a.hours + hours)
            ),
            _ => format!("{} h a week of admin support", show(hours)),
        });
    }
    if c.lead_tas_added > 0 || c.lead_hours_added > 0 {
        let existing = base.lead_tas();
        let hours = base.tas.as_ref().map_or(0.0, |t| t.lead_hours) + halves(c.lead_hours_added);
        let who = if c.lead_tas_added == 0 {
            format!("the {}", counted(existing.into(), "lead TA", "lead TAs"))
        } else if existing > 0 {
            format!(
                "{} more",
                counted(c.lead_tas_added.into(), "lead TA", "lead TAs")
            )
        } else {
            counted(c.lead_tas_added.into(), "lead TA", "lead TAs")
        };
        let each = if existing + c.lead_tas_added == 1 {
            ""
        } else {
            " each"
        };
        out.push(format!(
            "{who} with {} h a week{each} to lead the other TAs (distributed leadership)",
            show(hours)
        ));
    }
    if c.corporate {
        out.push("class teachers own SEN support (corporate responsibility)".to_string());
    }
    if c.leadership_step {
        let to = match base.senco.leadership {
            Leadership::Middle => "an associate member of the SLT",
            Leadership::AssociateSlt | Leadership::Slt => "a full member of the SLT",
        };
        out.push(format!("the SENCO becomes {to}"));
    }
    if out.is_empty() {
        out.push("no change".to_string());
    }
    out
}

fn make_plan(base: &Profile, as_of: NaiveDate, rank: usize, c: &Choice, years: u32) -> Plan {
    let profile = apply_choice(base, c);
    let assessment = assess(&profile, as_of);
    let cost = change_cost(base, &profile);
    Plan {
        rank,
        annual_cost: cost.recurring,
        one_off_cost: cost.one_off,
        cost_per_year: cost.per_year(years),
        score: assessment.score,
        band: assessment.band,
        changes: changes(base, &profile),
        summary: describe(base, c),
        chance: None,
        choice: *c,
    }
}

/// The N cheapest plans (a year, over the horizon) among those found.
fn cheapest(found: Vec<(f64, Choice)>, budget: Option<f64>, top: usize) -> Vec<(f64, Choice)> {
    let mut priced: Vec<(f64, Choice)> = found
        .into_iter()
        .filter(|(cost, _)| budget.is_none_or(|b| *cost <= b + 1e-6))
        .collect();
    priced.sort_by(|(ca, a), (cb, b)| order(*ca, a, *cb, b));
    priced.truncate(top);
    priced
}

impl Grid {
    /// This grid with only one remedy's dimensions left (none for the
    /// on/off remedies, which are not sized).
    pub fn only(&self, remedy: Remedy) -> Grid {
        let none = Grid {
            teaching: 0,
            deputy: 0,
            admin: 0,
            lead_tas: 0,
            lead_hours: 0,
            corporate: false,
            floor: Choice::default(),
        };
        match remedy {
            Remedy::FewerTeaching => Grid {
                teaching: self.teaching,
                ..none
            },
            Remedy::Deputy => Grid {
                deputy: self.deputy,
                ..none
            },
            Remedy::AdminSupport => Grid {
                admin: self.admin,
                ..none
            },
            Remedy::DistributedTa => Grid {
                lead_tas: self.lead_tas,
                lead_hours: self.lead_hours,
                ..none
            },
            Remedy::CorporateResponsibility | Remedy::LeadershipStep => none,
        }
    }
}

/// The grid of one remedy alone, or why the remedy cannot apply here.
fn single_grid(base: &Profile, remedy: Remedy, s: &PlanSettings) -> Result<Grid, String> {
    let full = Grid::new(base, s);
    let limited = |flag: &str, value: f64, what: &str, has: f64| {
        if value < STEP_HOURS {
            format!("{flag} is {}: raise it to size this option", show(value))
        } else {
            format!(
                "{what} already has {} hours a week, the most allowed",
                show(has)
            )
        }
    };
    let grid = full.only(remedy);
    match remedy {
        Remedy::FewerTeaching if full.teaching == 0 => Err(if base.senco.teaching_hours <= 0.0 {
            "the SENCO does not teach".to_string()
        } else if s.keep_teaching >= base.senco.teaching_hours {
            format!(
                "--keep-teaching keeps all {} teaching hours",
                show(base.senco.teaching_hours)
            )
        } else {
            "SENCO time is already 60 hours a week".to_string()
        }),
        Remedy::Deputy
            if full.deputy == 0 && base.deputy_hours() + STEP_HOURS > base.full_time_hours() + 1e-9 =>
        {
            let (has, full) = (base.deputy_hours(), base.full_time_hours());
            Err(if has > full + 1e-9 {
                format!(
                    "the deputy already has {} hours a week, more than a full-time post ({} h)",
                    show(has),
                    show(full)
                )
            } else if has >= full - 1e-9 {
                format!(
                    "the deputy already works full time ({} hours a week)",
                    show(has)
                )
            } else {
                format!(
                    "the deputy has {} hours a week, less than half an hour short of a full-time post ({} h): plans add half hours",
                    show(has),
                    show(full)
                )
            })
        }
        Remedy::Deputy if full.deputy == 0 => Err(limited(
            "--max-deputy-hours",
            s.max_deputy_hours,
            "the deputy",
            base.deputy_hours(),
        )),
        Remedy::AdminSupport if full.admin == 0 => Err(limited(
            "--max-admin-hours",
            s.max_admin_hours,
            "admin support",
            base.admin_hours(),
        )),
        Remedy::DistributedTa if base.ta_count() == 0 => {
            Err("the school has no teaching assistants".to_string())
        }
        Remedy::DistributedTa if grid.lead_pairs(base).len() <= 1 => Err(
            "TA leadership is already shared with lead TAs as far as it can be (the TAs, and --max-lead-hours, allow no more)"
                .to_string(),
        ),
        Remedy::CorporateResponsibility | Remedy::LeadershipStep => {
            Err("switched on or off, not sized".to_string())
        }
        _ => Ok(grid),
    }
}

/// Why one remedy cannot be sized within the budget.
fn over_budget(budget: Option<f64>) -> String {
    format!(
        "no amount of it fits within the budget of {} a year",
        crate::round::money(budget.unwrap_or(0.0))
    )
}

/// One remedy alone, sized on the plan's grid (SPEC section 5): the
/// smallest amount that reaches the best score this remedy alone can reach
/// (within the budget, if any), capped at the target, or at 100 when the
/// school already meets the target; the cheapest such amount a year over
/// the horizon, ties to fewer lead TAs. `Choice::default()` when the remedy
/// gains nothing. Exact on the grid, by the same search as `plan`.
/// `base_score` is the school's own score.
pub fn fit_single(
    base: &Profile,
    base_score: u32,
    remedy: Remedy,
    s: &PlanSettings,
) -> Result<Choice, String> {
    let grid = single_grid(base, remedy, s)?;
    let cap = if base_score >= s.target {
        100
    } else {
        s.target
    };
    let mut evaluator = Evaluator::new(base, s.years);
    if remedy == Remedy::FewerTeaching {
        return evaluator.fit_teaching(&grid, (base_score, cap), s.budget);
    }
    // One remedy's grid is small: its slices are built once for both
    // searches.
    let runs: Vec<_> = slices(base, &grid).collect();
    let Some((best, _, _)) = evaluator.best_within(&runs, &grid, s.budget) else {
        return Err(over_budget(s.budget));
    };
    let goal = best.min(cap);
    if goal <= base_score {
        return Ok(Choice::default());
    }
    let found = evaluator.least_plans(&runs, &grid, (goal, 1));
    Ok(cheapest(found, s.budget, 1)
        .first()
        .map_or_else(Choice::default, |(_, c)| *c))
}

/// Finds the cheapest plans that reach the target (SPEC section 5 costs,
/// ranked a year over the horizon), on the central assumptions or, with
/// `confidence`, in at least that share of `draws`. Every plan carries its
/// chance over `draws`.
pub fn plan(
    base: &Profile,
    source: &str,
    as_of: NaiveDate,
    s: &PlanSettings,
    draws: &Draws,
) -> Result<PlanResult, PlanError> {
    plan_within(base, source, as_of, s, draws, MAX_CONFIDENT_EVALUATIONS)
}

/// [`plan`], with the evaluations a `--confidence` search may make.
fn plan_within(
    base: &Profile,
    source: &str,
    as_of: NaiveDate,
    s: &PlanSettings,
    draws: &Draws,
    confident_evaluations: u64,
) -> Result<PlanResult, PlanError> {
    let grid = Grid::new(base, s);
    let work = grid.search_evaluations(base)
        + grid.budget_evaluations(base)
        + if s.frontier {
            grid.frontier_evaluations(base)
        } else {
            0
        };
    if work > MAX_EVALUATIONS {
        return Err(PlanError::TooLarge(work));
    }
    let base_assessment = assess(base, as_of);
    let mut evaluator = Evaluator::new(base, s.years);
    let planned = |rank: usize, c: &Choice| {
        let mut p = make_plan(base, as_of, rank, c, s.years);
        p.chance = Some(chance(&apply_choice(base, c), as_of, draws, s.target));
        p
    };

    let found = evaluator.least_plans(slices(base, &grid), &grid, (s.target, s.top.max(1)));
    let (plans, best_within_budget) = match s.confidence {
        None => {
            let plans: Vec<Plan> = cheapest(found, s.budget, s.top.max(1))
                .iter()
                .enumerate()
                .map(|(i, (_, c))| planned(i + 1, c))
                .collect();
            let best = if plans.is_empty() {
                evaluator
                    .best_within(slices(base, &grid), &grid, s.budget)
                    .map(|(_, _, c)| planned(1, &c))
            } else {
                None
            };
            (plans, best)
        }
        Some(share) => {
            // Draws are tried in the order the central cheapest plan (or,
            // if none, the school as it is) covers them.
            let reference = cheapest(found, None, 1)
                .first()
                .map_or_else(Choice::default, |(_, c)| *c);
            let drawn = drawn_profiles(base, draws);
            let coverage: Vec<f64> = drawn
                .iter()
                .map(|d| assess(&apply_choice(d, &reference), as_of).coverage)
                .collect();
            let sample = confident::Sample::new(&drawn, &coverage);
            let needed = sample.needed_for(share);
            // Past 25,000 draws each evaluation reaches further into
            // memory, so the ceiling shrinks in proportion: the search
            // stops in about the same time whatever the draws.
            let draws_over = (sample.len() as u64).div_ceil(CEILING_DRAWS).max(1);
            evaluator.ceiling = evaluator
                .evaluated
                .saturating_add(confident_evaluations / draws_over);
            let top = s.top.max(1);
            let plans: Vec<Plan> = evaluator
                .confident_plans(&grid, s.target, &sample, needed, s.budget, top)
                .iter()
                .enumerate()
                .map(|(i, (_, c))| planned(i + 1, c))
                .collect();
            let best = if plans.is_empty() {
                match evaluator.most_reached(&grid, s.target, &sample, s.budget) {
                    0 => None,
                    most => evaluator
                        .confident_plans(&grid, s.target, &sample, most, s.budget, 1)
                        .first()
                        .map(|(_, c)| planned(1, c)),
                }
            } else {
                None
            };
            if evaluator.spent() {
                return Err(PlanError::ConfidenceTooLarge);
            }
            (plans, best)
        }
    };
    let feasible = !plans.is_empty();
    // Each remedy alone with its chance over the plans' draws, so that
    // the two tables compare like with like.
    let mut single_remedies = evaluate(base, &base_assessment, s);
    for row in single_remedies.iter_mut().filter(|r| r.applicable) {
        if let Some(c) = row.choice {
            row.chance = Some(chance(&apply_choice(base, &c), as_of, draws, s.target));
        }
    }

    let frontier = s.frontier.then(|| {
        let cheapest_by_score = evaluator.frontier(&grid, s.budget);
        // The cheapest way to reach at least each score: the cheapest of
        // the plans at that score or above.
        let mut points: Vec<(f64, Choice)> = Vec::new();
        let mut best: Option<(f64, Choice)> = None;
        for (score, (cost, choice)) in cheapest_by_score.iter().rev() {
            if *score <= base_assessment.score {
                break;
            }
            if best.is_none_or(|(c, b)| precedes(*cost, choice, c, &b)) {
                best = Some((*cost, *choice));
            }
            if let Some(b) = best
                && points.last().is_none_or(|(_, last)| *last != b.1)
            {
                points.push(b);
            }
        }
        points
            .iter()
            .rev()
            .enumerate()
            .map(|(i, (_, c))| planned(i + 1, c))
            .collect()
    });

    Ok(PlanResult {
        schema_version: SCHEMA_VERSION,
        source: source.to_string(),
        as_of,
        target: s.target,
        confidence: s.confidence,
        samples: draws.samples(),
        seed: draws.seed,
        budget: s.budget,
        horizon_years: s.years,
        baseline: Baseline {
            score: base_assessment.score,
            band: base_assessment.band,
        },
        feasible,
        plans,
        best_within_budget,
        single_remedies,
        sizing: s.sizing.clone(),
        frontier,
        evaluated: evaluator.evaluated,
    })
}
