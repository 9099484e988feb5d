//! What the verdict turns on (SPEC section 8): each ranged assumption moved
//! alone to its low and to its high, every other at the school's value, and
//! the score and shortfall each gives, largest swing first (a tornado).

use crate::model::{Band, assess};
use crate::params::ranged;
use crate::profile::Profile;
use crate::report::SCHEMA_VERSION;
use crate::round;
use chrono::NaiveDate;
use serde::Serialize;

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SensitivityRow {
    pub key: &'static str,
    /// "assumption range", or "published" (the NPQ's study hours).
    pub basis: &'static str,
    pub low: f64,
    pub value: f64,
    pub high: f64,
    pub score_low: u32,
    pub score_high: u32,
    pub band_low: Band,
    pub band_high: Band,
    /// |score at high - score at low|.
    pub swing: u32,
    #[serde(serialize_with = "round::hours")]
    pub shortfall_low: f64,
    #[serde(serialize_with = "round::hours")]
    pub shortfall_high: f64,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Sensitivity {
    pub schema_version: u32,
    pub source: String,
    pub as_of: NaiveDate,
    pub score: u32,
    pub band: Band,
    /// One sentence: the band holds across every single range, or the
    /// first assumption (in swing order) whose range crosses a band.
    pub verdict: String,
    pub rows: Vec<SensitivityRow>,
}

/// The tornado for `profile`: every ranged assumption, or the `top` with
/// the largest swing.
pub fn sensitivity(
    source: &str,
    profile: &Profile,
    as_of: NaiveDate,
    top: Option<usize>,
) -> Sensitivity {
    let base = assess(profile, as_of);
    let mut rows: Vec<SensitivityRow> = ranged(&profile.assumptions, &profile.ranges)
        .into_iter()
        .map(|r| {
            let at = |value: f64| {
                let mut changed = profile.clone();
                (r.param.set)(&mut changed.assumptions, value);
                assess(&changed, as_of)
            };
            let (low, high) = (at(r.low), at(r.high));
            SensitivityRow {
                key: r.param.key,
                basis: if r.published {
                    "published"
                } else {
                    "assumption range"
                },
                low: r.low,
                value: r.value,
                high: r.high,
                score_low: low.score,
                score_high: high.score,
                band_low: low.band,
                band_high: high.band,
                swing: low.score.abs_diff(high.score),
                shortfall_low: low.shortfall_hours_per_week,
                shortfall_high: high.shortfall_hours_per_week,
            }
        })
        .collect();
    rows.sort_by(|a, b| b.swing.cmp(&a.swing).then(a.key.cmp(b.key)));
    let verdict = verdict(base.band, &rows);
    if let Some(top) = top {
        rows.truncate(top);
    }
    Sensitivity {
        schema_version: SCHEMA_VERSION,
        source: source.to_string(),
        as_of,
        score: base.score,
        band: base.band,
        verdict,
        rows,
    }
}

/// "holds whichever single assumption is off", or what it turns on, in
/// the largest swing's order.
fn verdict(band: Band, rows: &[SensitivityRow]) -> String {
    let crossing = rows.iter().find_map(|r| {
        if r.band_high != band {
            Some((r, r.high, r.band_high))
        } else if r.band_low != band {
            Some((r, r.low, r.band_low))
        } else {
            None
        }
    });
    match crossing {
        None => format!(
            "The verdict, {}, holds whichever single assumption is off by its full range.",
            band.as_str()
        ),
        Some((r, at, other)) => format!(
            "The verdict turns on {}: at {} ({}; the school's value is {}) the role would be {}, not {}.",
            r.key,
            round::show(at),
            r.param_unit(),
            round::show(r.value),
            other.as_str(),
            band.as_str()
        ),
    }
}

impl SensitivityRow {
    /// The unit the key is counted in, from the registry.
    fn param_unit(&self) -> &'static str {
        crate::params::ASSUMPTIONS
            .iter()
            .find(|p| p.key == self.key)
            .map_or("", |p| p.unit)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fixtures::example;

    /// Oakfield (model 2: demand 23.79, the SENCO's 5.875 h covered, 25):
    /// - ehcp-review-hours 5: reviews 12 x 5 / 39 = 1.538462 instead of
    ///   2.461538, demand 22.866923 -> 5.875 / 22.866923 = 0.2569 -> 26;
    ///   14: 12 x 14 / 39 = 4.307692, demand 25.636154 -> 0.2292 -> 23;
    ///   swing 3; shortfall 16.991923 and 19.761154.
    /// - fragmentation 0.1: the SENCO keeps 6.5 x (1 - 0.1 x 12.5 / 32.5)
    ///   = 6.25 -> 6.25 / 23.79 = 0.2627 -> 26; 0.4: 6.5 x (1 - 0.4 x
    ///   12.5 / 32.5) = 5.5 -> 0.2312 -> 23; swing 3.
    ///
    /// No range lifts Oakfield out of unmanageable (below 60).
    #[test]
    fn oakfield_tornado_by_hand() {
        let p = example("primary");
        let as_of = crate::fixtures::as_of();
        let s = sensitivity("primary.toml", &p, as_of, None);
        assert_eq!(s.score, 25);
        assert_eq!(s.rows.len(), 27);
        let row = |key: &str| s.rows.iter().find(|r| r.key == key).unwrap();
        let reviews = row("ehcp-review-hours");
        assert_eq!(
            (reviews.score_low, reviews.score_high, reviews.swing),
            (26, 23, 3)
        );
        assert!((reviews.shortfall_low - 16.991923).abs() < 1e-5);
        assert!((reviews.shortfall_high - 19.761154).abs() < 1e-5);
        let fragmentation = row("fragmentation");
        assert_eq!(
            (fragmentation.score_low, fragmentation.score_high),
            (26, 23)
        );
        assert_eq!(row("study-hours").basis, "published");
        // Sorted by swing, largest first, ties by key.
        assert!(
            s.rows
                .windows(2)
                .all(|w| w[0].swing > w[1].swing
                    || (w[0].swing == w[1].swing && w[0].key < w[1].key))
        );
        assert_eq!(
            s.verdict,
            "The verdict, unmanageable, holds whichever single assumption is off by its full range."
        );
        assert_eq!(
            sensitivity("primary.toml", &p, as_of, Some(8)).rows.len(),
            8
        );
    }

    /// Brook Lane is manageable (97) by 2.14 h: a range that adds more
    /// than that to demand, or takes it from cover, makes it stretched.
    #[test]
    fn a_verdict_that_turns_names_the_assumption() {
        let p = example("special");
        let as_of = crate::fixtures::as_of();
        let s = sensitivity("special.toml", &p, as_of, None);
        assert_eq!(s.band, Band::Manageable);
        let first = s
            .rows
            .iter()
            .find(|r| r.band_low != Band::Manageable || r.band_high != Band::Manageable)
            .unwrap();
        assert!(
            s.verdict
                .starts_with(&format!("The verdict turns on {}: at ", first.key)),
            "{}",
            s.verdict
        );
        assert!(s.verdict.ends_with("not manageable."), "{}", s.verdict);
    }
}
