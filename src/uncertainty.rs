//! How sure the answer is (SPEC section 8): every ranged assumption drawn
//! at once from its triangular distribution (low, the school's value,
//! high), many times, and the spread of the scores that gives.
//!
//! Draws come from one seeded ChaCha8 stream (`rand_chacha`, portable and
//! reproducible on every platform): each draw takes one uniform number per
//! ranged key, in `params::RANGES` order, so the same draws (common random
//! numbers) serve every school and figure of a run.

use crate::model::{Band, assess};
use crate::params::{RANGES, ranged};
use crate::profile::Profile;
use crate::round;
use chrono::NaiveDate;
use rand_chacha::ChaCha8Rng;
use rand_chacha::rand_core::{RngCore, SeedableRng};
use serde::Serialize;

pub const DEFAULT_SAMPLES: u32 = 1000;
pub const DEFAULT_SEED: u64 = 1;

/// The uniform numbers of a run: `samples` draws of one number per ranged
/// key.
pub struct Draws {
    pub seed: u64,
    uniforms: Vec<Vec<f64>>,
}

impl Draws {
    pub fn new(samples: u32, seed: u64) -> Draws {
        let mut rng = ChaCha8Rng::seed_from_u64(seed);
        // 53 random bits make a uniform number in [0, 1) exactly the same
        // way on every machine.
        let mut uniform = || (rng.next_u64() >> 11) as f64 / (1u64 << 53) as f64;
        let uniforms = (0..samples)
            .map(|_| RANGES.iter().map(|_| uniform()).collect())
            .collect();
        Draws { seed, uniforms }
    }

    pub fn samples(&self) -> usize {
        self.uniforms.len()
    }
}

/// The share of the draws in each band.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct BandShares {
    #[serde(serialize_with = "round::ratio")]
    pub manageable: f64,
    #[serde(serialize_with = "round::ratio")]
    pub stretched: f64,
    #[serde(serialize_with = "round::ratio")]
    pub overloaded: f64,
    #[serde(serialize_with = "round::ratio")]
    pub unmanageable: f64,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Uncertainty {
    pub samples: usize,
    pub seed: u64,
    pub score_p10: u32,
    pub score_p50: u32,
    pub score_p90: u32,
    #[serde(serialize_with = "round::hours")]
    pub shortfall_p10: f64,
    #[serde(serialize_with = "round::hours")]
    pub shortfall_p90: f64,
    pub bands: BandShares,
}

impl Uncertainty {
    /// "80% of plausible cases 21-30", for the headline.
    pub fn range_words(&self) -> String {
        if self.score_p10 == self.score_p90 {
            format!("{} in 80% of plausible cases", self.score_p10)
        } else {
            format!(
                "80% of plausible cases {}-{}",
                self.score_p10, self.score_p90
            )
        }
    }

    /// "unmanageable in 97% of plausible cases, overloaded in 3%".
    pub fn band_words(&self) -> String {
        let b = &self.bands;
        let mut shares = [
            ("manageable", b.manageable),
            ("stretched", b.stretched),
            ("overloaded", b.overloaded),
            ("unmanageable", b.unmanageable),
        ];
        shares.sort_by(|x, y| y.1.total_cmp(&x.1));
        let parts: Vec<String> = shares
            .iter()
            .filter(|(_, share)| *share > 0.0)
            .enumerate()
            .map(|(i, (band, share))| {
                let percent = (share * 100.0).round();
                let percent = if percent < 1.0 {
                    "under 1".to_string()
                } else {
                    percent.to_string()
                };
                if i == 0 {
                    format!("{band} in {percent}% of plausible cases")
                } else {
                    format!("{band} in {percent}%")
                }
            })
            .collect();
        parts.join(", ")
    }
}

/// A triangular distribution's inverse CDF: the value at probability `u`
/// for (low, mode, high).
pub fn triangular(u: f64, low: f64, mode: f64, high: f64) -> f64 {
    if high <= low {
        return mode;
    }
    let width = high - low;
    let split = (mode - low) / width;
    if u < split {
        low + (u * width * (mode - low)).sqrt()
    } else {
        high - ((1.0 - u) * width * (high - mode)).sqrt()
    }
}

/// The nearest-rank percentile `p` (0-100) of sorted values.
fn percentile<T: Copy>(sorted: &[T], p: f64) -> Option<T> {
    let n = sorted.len();
    let rank = ((p / 100.0) * n as f64).ceil().max(1.0) as usize;
    sorted.get(rank.min(n).saturating_sub(1)).copied()
}

/// The spread of the school's score over the draws. `None` with no draws.
pub fn uncertainty(profile: &Profile, as_of: NaiveDate, draws: &Draws) -> Option<Uncertainty> {
    spread(
        profile,
        &ranged(&profile.assumptions, &profile.ranges),
        as_of,
        draws,
    )
}

/// The share of the draws in which `profile` scores at least `target`:
/// how likely a plan is to do what it was chosen for.
pub fn chance(profile: &Profile, as_of: NaiveDate, draws: &Draws, target: u32) -> f64 {
    let ranges = ranged(&profile.assumptions, &profile.ranges);
    let reached = drawn_assessments(profile, &ranges, as_of, draws)
        .filter(|a| a.score >= target)
        .count();
    reached as f64 / draws.samples().max(1) as f64
}

/// The school assessed once per draw, each ranged assumption set to its
/// draw: the one place the draws meet the model.
fn drawn_assessments<'a>(
    profile: &Profile,
    ranges: &'a [crate::params::Ranged],
    as_of: NaiveDate,
    draws: &'a Draws,
) -> impl Iterator<Item = crate::model::Assessment> + 'a {
    let mut drawn = profile.clone();
    draws.uniforms.iter().map(move |uniforms| {
        set_to_draw(&mut drawn, ranges, uniforms);
        assess(&drawn, as_of)
    })
}

/// The school as it would be under each draw, for searches (`plan
/// --confidence`) that try many changes against the same draws.
pub fn drawn_profiles(profile: &Profile, draws: &Draws) -> Vec<Profile> {
    let ranges = ranged(&profile.assumptions, &profile.ranges);
    draws
        .uniforms
        .iter()
        .map(|uniforms| {
            let mut drawn = profile.clone();
            set_to_draw(&mut drawn, &ranges, uniforms);
            drawn
        })
        .collect()
}

fn set_to_draw(drawn: &mut Profile, ranges: &[crate::params::Ranged], uniforms: &[f64]) {
    for (r, u) in ranges.iter().zip(uniforms) {
        (r.param.set)(
            &mut drawn.assumptions,
            triangular(*u, r.low, r.value, r.high),
        );
    }
}

fn spread(
    profile: &Profile,
    ranges: &[crate::params::Ranged],
    as_of: NaiveDate,
    draws: &Draws,
) -> Option<Uncertainty> {
    let mut scores = Vec::with_capacity(draws.samples());
    let mut shortfalls = Vec::with_capacity(draws.samples());
    let mut counts = [0usize; 4];
    for a in drawn_assessments(profile, ranges, as_of, draws) {
        scores.push(a.score);
        shortfalls.push(a.shortfall_hours_per_week);
        let slot = match a.band {
            Band::Manageable => 0,
            Band::Stretched => 1,
            Band::Overloaded => 2,
            Band::Unmanageable => 3,
        };
        if let Some(count) = counts.get_mut(slot) {
            *count += 1;
        }
    }
    scores.sort_unstable();
    shortfalls.sort_by(f64::total_cmp);
    let n = scores.len() as f64;
    let share = |slot: usize| counts.get(slot).map_or(0.0, |c| *c as f64 / n);
    Some(Uncertainty {
        samples: scores.len(),
        seed: draws.seed,
        score_p10: percentile(&scores, 10.0)?,
        score_p50: percentile(&scores, 50.0)?,
        score_p90: percentile(&scores, 90.0)?,
        shortfall_p10: percentile(&shortfalls, 10.0)?,
        shortfall_p90: percentile(&shortfalls, 90.0)?,
        bands: BandShares {
            manageable: share(0),
            stretched: share(1),
            overloaded: share(2),
            unmanageable: share(3),
        },
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fixtures::{as_of, example};

    fn oakfield() -> Profile {
        example("primary")
    }

    #[test]
    fn the_triangular_inverse_is_hand_checked() {
        // (0, 1, 4): F(1) = 1/4. u = 0.25 -> 1 (the mode); u = 0.0625 ->
        // sqrt(0.0625 x 4 x 1) = 0.5; u = 0.75 -> 4 - sqrt(0.25 x 4 x 3) =
        // 4 - 1.732051 = 2.267949.
        assert!((triangular(0.25, 0.0, 1.0, 4.0) - 1.0).abs() < 1e-12);
        assert!((triangular(0.0625, 0.0, 1.0, 4.0) - 0.5).abs() < 1e-12);
        assert!((triangular(0.75, 0.0, 1.0, 4.0) - 2.267949).abs() < 1e-6);
        assert_eq!(triangular(0.3, 2.0, 2.0, 2.0), 2.0);
        assert_eq!(percentile(&[1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 10.0), Some(1));
        assert_eq!(percentile(&[1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 90.0), Some(9));
        assert_eq!(percentile(&[7], 50.0), Some(7));
    }

    #[test]
    fn the_same_seed_gives_the_same_answer_and_the_shares_add_up() {
        let a = uncertainty(&oakfield(), as_of(), &Draws::new(300, 7)).unwrap();
        let b = uncertainty(&oakfield(), as_of(), &Draws::new(300, 7)).unwrap();
        assert_eq!(a, b);
        assert!(a.score_p10 <= a.score_p50 && a.score_p50 <= a.score_p90);
        assert!(a.shortfall_p10 <= a.shortfall_p90);
        let bands = &a.bands;
        let total = bands.manageable + bands.stretched + bands.overloaded + bands.unmanageable;
        assert!((total - 1.0).abs() < 1e-9);
    }

    /// A plan's chance of reaching 95 is the manageable share of the same
    /// draws (manageable from 95), and the bounds are certain.
    #[test]
    fn the_chance_of_reaching_95_is_the_manageable_share() {
        let p = oakfield();
        let draws = Draws::new(500, 5);
        let u = uncertainty(&p, as_of(), &draws).unwrap();
        assert_eq!(chance(&p, as_of(), &draws, 95), u.bands.manageable);
        assert_eq!(chance(&p, as_of(), &draws, 0), 1.0);
        assert_eq!(chance(&p, as_of(), &draws, 101), 0.0);
        // Oakfield scores 25 on the central values; no draw reaches 95.
        assert_eq!(u.bands.manageable, 0.0);
        // Its cheapest plan reaches 95 only just, so some draws fall short
        // and some do not: the equality is tested where it can fail.
        let settings = crate::plan::PlanSettings::default();
        let best = crate::plan::plan(&p, "primary.toml", as_of(), &settings, &draws).unwrap();
        let planned = crate::plan::apply_choice(&p, &best.plans[0].choice);
        let shares = uncertainty(&planned, as_of(), &draws).unwrap().bands;
        let reached = chance(&planned, as_of(), &draws, 95);
        assert_eq!(reached, shares.manageable);
        assert!(reached > 0.0 && reached < 0.5, "{reached}");
    }

    #[test]
    fn with_every_range_closed_the_range_is_the_score() {
        let p = oakfield();
        let closed: Vec<_> = ranged(&p.assumptions, &p.ranges)
            .into_iter()
            .map(|r| crate::params::Ranged {
                low: r.value,
                high: r.value,
                ..r
            })
            .collect();
        let u = spread(&p, &closed, as_of(), &Draws::new(50, 3)).unwrap();
        let score = assess(&p, as_of()).score;
        assert_eq!(
            (u.score_p10, u.score_p50, u.score_p90),
            (score, score, score)
        );
        assert_eq!(u.bands.unmanageable, 1.0);
    }

    /// Widening one range never narrows the score's p10-p90 (the same
    /// draws, common random numbers).
    #[test]
    fn a_wider_range_never_narrows_the_spread() {
        let p = oakfield();
        let draws = Draws::new(400, 11);
        let narrow = spread(&p, &ranged(&p.assumptions, &p.ranges), as_of(), &draws).unwrap();
        let wide: Vec<_> = ranged(&p.assumptions, &p.ranges)
            .into_iter()
            .map(|r| {
                if r.param.key == "ehc-request-hours" {
                    crate::params::Ranged {
                        low: 5.0,
                        high: 60.0,
                        ..r
                    }
                } else {
                    r
                }
            })
            .collect();
        let wide = spread(&p, &wide, as_of(), &draws).unwrap();
        assert!(wide.score_p90 - wide.score_p10 >= narrow.score_p90 - narrow.score_p10);
    }
}
