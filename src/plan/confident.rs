//! `plan --confidence P`: the cheapest plans on the grid that reach the
//! target in at least a share P of the plausible draws of the assumptions
//! (SPEC section 8).
//!
//! Exact on the grid and the sample, by the facts the central search rests
//! on, applied to each draw: within a mix of the other remedies (a slice)
//! and a run of deputy steps, every draw's score never falls as deputy or
//! admin time grows, so neither does the count of draws that reach the
//! target. Hence:
//! - the least admin time that holds can only fall as deputy time rises
//!   (the staircase of the central search, one check per step);
//! - no plan dearer than the Nth cheapest found so far can make the top N,
//!   so slices are taken cheapest first and each is cut at that cost;
//! - a slice is skipped when even its most generous affordable corner (the
//!   most deputy time with the admin time affordable at the least) fails:
//!   every affordable point of it has no more of either;
//! - a check stops as soon as its answer is known: at the needed number of
//!   draws reached, or at one more miss than the draws that may miss.
//!   Draws are tried in the order most likely to settle the answer first.

use super::{
    Choice, Evaluator, Grid, PENNY, Prices, Slice, deputy_segments, make_slice, outer_choices,
};
use crate::profile::Profile;

/// The school under each draw, and the order in which to try the draws.
pub(super) struct Sample<'a> {
    drawn: &'a [Profile],
    /// Draw indices, the draw in which a reference plan covers most first.
    easiest_first: Vec<usize>,
}

impl<'a> Sample<'a> {
    /// `coverage` gives, for each draw, how well a reference plan covers
    /// the role in it: draws a plan covers well are the likeliest to
    /// reach the target whatever the plan.
    pub(super) fn new(drawn: &'a [Profile], coverage: &[f64]) -> Sample<'a> {
        let mut easiest_first: Vec<usize> = (0..drawn.len()).collect();
        easiest_first.sort_by(|a, b| {
            let of = |i: &usize| coverage.get(*i).copied().unwrap_or(0.0);
            of(b).total_cmp(&of(a)).then(a.cmp(b))
        });
        Sample {
            drawn,
            easiest_first,
        }
    }

    pub(super) fn len(&self) -> usize {
        self.drawn.len()
    }

    /// The draws needed for a chance of at least `share` (0 < share < 1).
    pub(super) fn needed_for(&self, share: f64) -> usize {
        // A hair below, so that 0.7 of 10 needs 7 and not 8.
        ((share * self.len() as f64 - 1e-9).ceil().max(1.0)) as usize
    }

    /// The lead TA pairs worth trying under any draw: those of the draw
    /// in which most TA leadership may be shared, a superset of every
    /// other draw's (more delegable hours make more lead hours useful).
    pub(super) fn lead_pairs(&self, grid: &Grid, base: &Profile) -> Vec<(u32, u32)> {
        let delegable =
            |p: &Profile| p.assumptions.distributed_share * p.assumptions.ta_management_hours;
        let widest = self
            .drawn
            .iter()
            .max_by(|a, b| delegable(a).total_cmp(&delegable(b)))
            .unwrap_or(base);
        grid.lead_pairs(widest)
    }
}

/// Building a slice for a draw (a profile copied, demand and pools worked
/// out) costs about this many model evaluations: counted towards the
/// search's ceiling, so that many draws cannot run it far past its time.
const BUILD_COST: u64 = 10;

/// One slice under every draw, each built when first needed.
struct Twins<'a> {
    drawn: &'a [Profile],
    outer: Choice,
    with_deputy: bool,
    /// Boxed, so that room for 100,000 draws is a pointer each.
    built: Vec<Option<Box<Slice>>>,
    /// How many have been built.
    builds: u64,
}

impl<'a> Twins<'a> {
    fn new(drawn: &'a [Profile], outer: Choice, with_deputy: bool) -> Twins<'a> {
        Twins {
            drawn,
            outer,
            with_deputy,
            built: Vec::new(),
            builds: 0,
        }
    }

    fn slice(&mut self, draw: usize) -> Option<&Slice> {
        let profile = self.drawn.get(draw)?;
        let (outer, with_deputy) = (self.outer, self.with_deputy);
        // Room for every draw, made when the slice is first tried.
        if self.built.is_empty() {
            self.built = (0..self.drawn.len()).map(|_| None).collect();
        }
        let slot = self.built.get_mut(draw)?;
        if slot.is_none() {
            self.builds += 1;
        }
        Some(slot.get_or_insert_with(|| Box::new(make_slice(profile, outer, with_deputy))))
    }
}

/// The plans kept so far, cheapest first, at most `top`.
struct Kept {
    plans: Vec<(f64, Choice)>,
    top: usize,
    budget: Option<f64>,
}

impl Kept {
    /// The most a plan may cost and still be kept.
    fn limit(&self) -> f64 {
        let worst = if self.plans.len() >= self.top {
            self.plans.last().map_or(f64::INFINITY, |(cost, _)| *cost)
        } else {
            f64::INFINITY
        };
        worst.min(self.budget.unwrap_or(f64::INFINITY))
    }

    fn offer(&mut self, cost: f64, choice: Choice) {
        if self.budget.is_some_and(|b| cost > b + 1e-6) {
            return;
        }
        let at = self
            .plans
            .iter()
            .position(|(c, other)| super::precedes(cost, &choice, *c, other))
            .unwrap_or(self.plans.len());
        self.plans.insert(at, (cost, choice));
        self.plans.truncate(self.top);
    }
}

impl Evaluator<'_> {
    /// Whether the search has done more work than it may: evaluations,
    /// and slices built, counted as evaluations.
    fn past_ceiling(&mut self, twins: &mut Twins<'_>) -> bool {
        self.built += std::mem::take(&mut twins.builds);
        self.spent()
    }

    pub(super) fn spent(&self) -> bool {
        self.evaluated + BUILD_COST * self.built > self.ceiling
    }

    /// Whether at least `needed` draws reach `target` with `deputy` and
    /// `admin` half hours added to the slice. The draw at the needed rank
    /// is tried first: if it reaches, the rest go easiest first (a pass
    /// is then proved in about `needed` evaluations), else hardest first
    /// (a fail in about draws - needed + 1).
    fn holds(
        &mut self,
        twins: &mut Twins<'_>,
        draws: &Sample<'_>,
        needed: usize,
        (deputy, admin): (u32, u32),
        target: u32,
    ) -> bool {
        let n = draws.len();
        if needed == 0 {
            return true;
        }
        // Past the ceiling every check fails, so the search ends at once
        // and `plan` reports it.
        if needed > n || self.past_ceiling(twins) {
            return false;
        }
        let mut reaches = |evaluator: &mut Self, draw: usize| {
            twins
                .slice(draw)
                .is_some_and(|slice| evaluator.score(slice, deputy, admin) >= target)
        };
        let Some(&pivot) = draws.easiest_first.get(needed - 1) else {
            return false;
        };
        let pivot_reaches = reaches(self, pivot);
        let (mut hits, mut misses) = (usize::from(pivot_reaches), usize::from(!pivot_reaches));
        let order: Box<dyn Iterator<Item = &usize>> = if pivot_reaches {
            Box::new(draws.easiest_first.iter())
        } else {
            Box::new(draws.easiest_first.iter().rev())
        };
        for &draw in order.filter(|d| **d != pivot) {
            if hits >= needed || misses > n - needed {
                break;
            }
            if reaches(self, draw) {
                hits += 1;
            } else {
                misses += 1;
            }
        }
        hits >= needed
    }

    /// The draws, of all of them, in which the point reaches the target.
    fn reached(
        &mut self,
        twins: &mut Twins<'_>,
        n: usize,
        point: (u32, u32),
        target: u32,
    ) -> usize {
        (0..n)
            .filter(|&draw| {
                twins
                    .slice(draw)
                    .is_some_and(|slice| self.score(slice, point.0, point.1) >= target)
            })
            .count()
    }

    /// Every mix of the other remedies, cheapest first.
    fn outers_by_cost(&mut self, grid: &Grid, pairs: Vec<(u32, u32)>) -> Vec<(f64, Choice)> {
        let mut outers: Vec<(f64, Choice)> = outer_choices(*grid, pairs)
            .map(|c| (self.cost(&c), c))
            .collect();
        outers.sort_by(|(ca, a), (cb, b)| super::order(*ca, a, *cb, b));
        outers
    }

    /// The `top` cheapest plans, each the least admin time for its point
    /// of the rest of the grid, that reach `target` in at least `needed`
    /// draws, within the budget.
    pub(super) fn confident_plans(
        &mut self,
        grid: &Grid,
        target: u32,
        draws: &Sample<'_>,
        needed: usize,
        budget: Option<f64>,
        top: usize,
    ) -> Vec<(f64, Choice)> {
        let mut kept = Kept {
            plans: Vec::new(),
            top: top.max(1),
            budget,
        };
        let segments = deputy_segments(self.base, grid);
        for (outer_cost, outer) in self.outers_by_cost(grid, draws.lead_pairs(grid, self.base)) {
            if outer_cost > kept.limit() + PENNY || self.spent() {
                break;
            }
            for (with_deputy, steps) in &segments {
                let prices = Prices::new(self, outer, *steps.start());
                let Some(last) = prices.deputy_within(steps, kept.limit()) else {
                    continue;
                };
                let mut twins = Twins::new(draws.drawn, outer, *with_deputy);
                // The least admin time that held at the last deputy step
                // found, once one has.
                let mut admin: Option<u32> = None;
                // Runs of deputy steps, the lowest first: each is tried at
                // its most generous affordable corner and halved while
                // that corner holds.
                let mut runs = vec![(*steps.start(), last)];
                while let Some((first, last)) = runs.pop() {
                    let Some(cap) = prices
                        .admin_within(first, kept.limit(), grid.admin)
                        .filter(|cap| *cap >= grid.floor.admin_added)
                    else {
                        continue;
                    };
                    let tried = admin.unwrap_or(grid.admin).min(cap);
                    // Admin time that held with less deputy time holds.
                    let known = admin == Some(tried);
                    if !known && !self.holds(&mut twins, draws, needed, (last, tried), target) {
                        continue;
                    }
                    if first < last {
                        let middle = first + (last - first) / 2;
                        runs.push((middle + 1, last));
                        runs.push((first, middle));
                        continue;
                    }
                    let least = self.least_admin(
                        &mut twins,
                        draws,
                        needed,
                        (first, grid.floor.admin_added),
                        tried,
                        target,
                    );
                    admin = Some(least);
                    let choice = Choice {
                        deputy_added: first,
                        admin_added: least,
                        ..outer
                    };
                    kept.offer(self.cost(&choice), choice);
                }
            }
        }
        kept.plans
    }

    /// The least admin time, no less than `least`, that holds with
    /// `deputy` steps, given that `holding` does: gallop down, then halve
    /// the gap.
    fn least_admin(
        &mut self,
        twins: &mut Twins<'_>,
        draws: &Sample<'_>,
        needed: usize,
        (deputy, least): (u32, u32),
        holding: u32,
        target: u32,
    ) -> u32 {
        super::least_holding(least, holding, |admin| {
            self.holds(twins, draws, needed, (deputy, admin), target)
        })
    }

    /// The most draws any plan within the budget reaches the target in.
    /// Each run of deputy steps is bounded by its most generous
    /// affordable corner and halved while the bound beats the best.
    pub(super) fn most_reached(
        &mut self,
        grid: &Grid,
        target: u32,
        draws: &Sample<'_>,
        budget: Option<f64>,
    ) -> usize {
        // Within the budget to a millionth, as the plans are kept, not
        // to the penny the bounds allow.
        let limit = budget.map_or(f64::INFINITY, |b| b + 1e-6 - PENNY);
        let mut best = 0;
        let segments = deputy_segments(self.base, grid);
        for (outer_cost, outer) in self.outers_by_cost(grid, draws.lead_pairs(grid, self.base)) {
            if outer_cost > limit + PENNY || best == draws.len() || self.spent() {
                break;
            }
            for (with_deputy, steps) in &segments {
                let prices = Prices::new(self, outer, *steps.start());
                let Some(last) = prices.deputy_within(steps, limit) else {
                    continue;
                };
                let mut twins = Twins::new(draws.drawn, outer, *with_deputy);
                let mut runs = vec![(*steps.start(), last)];
                while let Some((first, last)) = runs.pop() {
                    let floor = grid.floor.admin_added;
                    let Some(widest) = prices
                        .admin_within(first, limit, grid.admin)
                        .filter(|a| *a >= floor)
                    else {
                        continue;
                    };
                    if !self.holds(&mut twins, draws, best + 1, (last, widest), target) {
                        continue;
                    }
                    let narrowest = prices.admin_within(last, limit, grid.admin);
                    if narrowest == Some(widest) {
                        // The bound is a plan within the budget: count it.
                        best =
                            best.max(self.reached(&mut twins, draws.len(), (last, widest), target));
                    } else {
                        let middle = first + (last - first) / 2;
                        runs.push((first, middle));
                        runs.push((middle + 1, last));
                    }
                }
            }
        }
        best
    }
}

#[cfg(test)]
mod tests {
    use super::super::{PlanError, PlanSettings, plan_within};
    use crate::fixtures::{as_of, example};
    use crate::uncertainty::Draws;

    /// A search that would run past its ceiling stops soon after it and
    /// says so, rather than running for hours; with room it answers.
    #[test]
    fn a_search_past_its_ceiling_stops_and_says_so() {
        let oakfield = example("primary");
        let settings = PlanSettings {
            confidence: Some(0.8),
            ..PlanSettings::default()
        };
        let draws = Draws::new(100, 1);
        let stopped = plan_within(&oakfield, "p", as_of(), &settings, &draws, 10_000);
        assert_eq!(stopped, Err(PlanError::ConfidenceTooLarge));
        let answered = plan_within(&oakfield, "p", as_of(), &settings, &draws, 50_000_000).unwrap();
        assert!(answered.feasible);
        assert!(
            answered
                .plans
                .iter()
                .all(|p| p.chance.is_some_and(|c| c >= 0.8))
        );
    }
}
