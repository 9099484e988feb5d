//! One or more profile keys over ranges or lists (`senco-plan sweep`):
//! every combination, assessed.

use crate::model::{Band, assess};
use crate::options::change_cost;
use crate::profile::{Draft, Override, Profile, ProfileError, Scalar, flatten};
use crate::report::SCHEMA_VERSION;
use crate::round;
use chrono::NaiveDate;
use serde::Serialize;
use std::collections::BTreeMap;

/// More points than this is a typing mistake, not a question.
pub const MAX_SWEEP_POINTS: u64 = 1_000_000;

/// One `--vary`: a key and its values, worked out one at a time so that a
/// grid's size is known, and refused, before anything is built.
#[derive(Debug, Clone, PartialEq)]
pub struct Vary {
    pub key: String,
    /// The argument as given, for messages.
    arg: String,
    values: Values,
}

#[derive(Debug, Clone, PartialEq)]
enum Values {
    /// `START..END[:STEP]`: `count` values from `start`.
    Range {
        start: f64,
        step: f64,
        count: u64,
        integral: bool,
    },
    List(Vec<String>),
}

impl Vary {
    /// The number of values.
    pub fn len(&self) -> u64 {
        match &self.values {
            Values::Range { count, .. } => *count,
            Values::List(values) => values.len() as u64,
        }
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The `i`th value, as `--set` would take it.
    pub fn value(&self, i: u64) -> String {
        match &self.values {
            Values::Range {
                start,
                step,
                integral,
                ..
            } => {
                let v = start + i as f64 * step;
                if *integral {
                    format!("{}", v as i64)
                } else {
                    format!("{}", round::to_places(v, 9))
                }
            }
            Values::List(values) => values
                .get(usize::try_from(i).unwrap_or(usize::MAX))
                .cloned()
                .unwrap_or_default(),
        }
    }

    /// The edit that sets the key to its `i`th value.
    pub fn edit(&self, i: u64) -> Result<Override, String> {
        let (key, value) = (&self.key, self.value(i));
        Override::parse(&format!("{key}={value}"))
            .map(|o| o.via(format!("--vary {}, at {key}={value}", self.arg)))
            .map_err(|e| format!("--vary {}: {e}", self.arg))
    }
}

fn number(text: &str, what: &str, arg: &str) -> Result<f64, String> {
    match text.trim().parse::<f64>() {
        Ok(v) if v.is_finite() => Ok(v),
        _ => Err(format!(
            "--vary {arg}: {what} `{}` is not a number; write KEY=START..END[:STEP], e.g. senco.teaching-hours=0..20:2.5",
            text.trim()
        )),
    }
}

/// Parses `KEY=START..END[:STEP]` (END included, STEP 1 by default) or
/// `KEY=A,B,C`. No value is built here: a range is only its bounds.
pub fn parse_vary(arg: &str) -> Result<Vary, String> {
    let Some((key, spec)) = arg.split_once('=') else {
        return Err(format!(
            "--vary {arg}: expected KEY=START..END[:STEP] or KEY=A,B,C, e.g. --vary senco.teaching-hours=0..20"
        ));
    };
    let key = key.trim();
    let values = if let Some((start, rest)) = spec.split_once("..") {
        let (end, step) = rest.split_once(':').unwrap_or((rest, "1"));
        let integral = [start, end, step]
            .iter()
            .all(|t| t.trim().parse::<i64>().is_ok());
        let (start_v, end_v, step_v) = (
            number(start, "START", arg)?,
            number(end, "END", arg)?,
            number(step, "STEP", arg)?,
        );
        if step_v <= 0.0 {
            return Err(format!("--vary {arg}: STEP must be more than 0"));
        }
        if end_v < start_v {
            return Err(format!(
                "--vary {arg}: the range runs backwards; write the smaller value first, e.g. {key}={end_v}..{start_v}"
            ));
        }
        // A little slack so that 0..1:0.1 includes 1 despite rounding.
        let steps = ((end_v - start_v) / step_v + 1e-9).floor();
        if steps + 1.0 > MAX_SWEEP_POINTS as f64 {
            return Err(format!(
                "--vary {arg}: {} values is more than the {MAX_SWEEP_POINTS} a sweep may have; use a larger STEP",
                steps + 1.0
            ));
        }
        Values::Range {
            start: start_v,
            step: step_v,
            count: steps as u64 + 1,
            integral,
        }
    } else {
        let values: Vec<String> = spec.split(',').map(|v| v.trim().to_string()).collect();
        if values.iter().any(String::is_empty) {
            return Err(format!("--vary {arg}: a value is empty; write KEY=A,B,C"));
        }
        Values::List(values)
    };
    let vary = Vary {
        key: key.to_string(),
        arg: arg.to_string(),
        values,
    };
    // Every value makes the same shape of edit, so checking one checks the key.
    vary.edit(0)?;
    Ok(vary)
}

/// The number of points in the grid, refusing grids over the limit.
pub fn grid_size(varies: &[Vary]) -> Result<u64, String> {
    let size = varies.iter().try_fold(1u64, |n, v| n.checked_mul(v.len()));
    match size {
        Some(n) if n <= MAX_SWEEP_POINTS => Ok(n),
        _ => Err(format!(
            "the grid has {} points, more than the {MAX_SWEEP_POINTS} a sweep may have: use fewer values or larger steps",
            varies
                .iter()
                .map(|v| v.len().to_string())
                .collect::<Vec<_>>()
                .join(" x ")
        )),
    }
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SweepRow {
    /// The varied keys' values at this point.
    pub values: BTreeMap<String, Scalar>,
    pub score: u32,
    pub band: Band,
    #[serde(serialize_with = "round::ratio")]
    pub coverage: f64,
    #[serde(serialize_with = "round::hours")]
    pub demand_hours_per_week: f64,
    #[serde(serialize_with = "round::hours")]
    pub shortfall_hours_per_week: f64,
    /// Recurring pounds a year against the profile as given (SPEC
    /// section 5).
    #[serde(serialize_with = "round::whole_pounds")]
    pub annual_cost: f64,
    /// Pounds once (training).
    #[serde(serialize_with = "round::whole_pounds")]
    pub one_off_cost: f64,
    /// The score's 10th and 90th percentiles over plausible assumptions,
    /// with `--uncertainty` (SPEC section 8).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub score_p10: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub score_p90: Option<u32>,
}

/// What a sweep is of, known before its first point.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SweepHead {
    pub schema_version: u32,
    pub source: String,
    pub as_of: NaiveDate,
    pub vary: Vec<String>,
    /// Each point carries its plausible range (`--uncertainty`).
    #[serde(skip)]
    pub ranged: bool,
}

/// The grid's points, assessed one at a time, the first key varying
/// slowest, so that a million-point sweep streams in constant memory.
pub struct Points<'a> {
    draft: &'a Draft,
    base_edits: &'a [Override],
    varies: &'a [Vary],
    as_of: NaiveDate,
    baseline: Profile,
    /// The odometer: each key's value index; `None` once every point is done.
    index: Option<Vec<u64>>,
    /// Draws for each point's plausible range, when asked for.
    draws: Option<&'a crate::uncertainty::Draws>,
}

impl<'a> Points<'a> {
    /// Each point also gets its plausible range, from these draws (the
    /// head says so, for the columns).
    pub fn with_draws(self, draws: &'a crate::uncertainty::Draws) -> Points<'a> {
        Points {
            draws: Some(draws),
            ..self
        }
    }
}

impl Iterator for Points<'_> {
    /// A point that does not validate gives its problems.
    type Item = Result<SweepRow, ProfileError>;

    fn next(&mut self) -> Option<Self::Item> {
        let index = self.index.as_mut()?;
        let at = index.clone();
        let mut edits = self.base_edits.to_vec();
        for (vary, &i) in self.varies.iter().zip(index.iter()) {
            match vary.edit(i) {
                Ok(edit) => edits.push(edit),
                Err(message) => {
                    self.index = None;
                    return Some(Err(ProfileError {
                        problems: vec![
                            crate::profile::Problem::new(self.draft.file(), message)
                                .key(vary.key.clone()),
                        ],
                    }));
                }
            }
        }
        // Odometer: the last key turns fastest.
        let mut done = true;
        for (position, vary) in self.varies.iter().enumerate().rev() {
            if let Some(i) = index.get_mut(position) {
                *i += 1;
                if *i < vary.len() {
                    done = false;
                    break;
                }
                *i = 0;
            }
        }
        if done {
            self.index = None;
        }
        let point = match self.draft.build(&edits) {
            Ok(point) => point,
            Err(err) => {
                self.index = None;
                return Some(Err(err));
            }
        };
        let flat = flatten(&point);
        let a = assess(&point, self.as_of);
        let cost = change_cost(&self.baseline, &point);
        let spread = self
            .draws
            .and_then(|draws| crate::uncertainty::uncertainty(&point, self.as_of, draws));
        Some(Ok(SweepRow {
            values: self
                .varies
                .iter()
                .zip(&at)
                .map(|(v, &i)| {
                    // A value that leaves a table out (deputy.hours = 0 is
                    // no deputy) is shown as it was asked for.
                    let shown = flat.get(&v.key).cloned().unwrap_or_else(|| {
                        let text = v.value(i);
                        text.parse::<f64>()
                            .map_or(Scalar::Text(text), Scalar::Number)
                    });
                    (v.key.clone(), shown)
                })
                .collect(),
            score: a.score,
            band: a.band,
            coverage: a.coverage,
            demand_hours_per_week: a.demand_hours_per_week,
            shortfall_hours_per_week: a.shortfall_hours_per_week,
            annual_cost: cost.recurring,
            one_off_cost: cost.one_off,
            score_p10: spread.as_ref().map(|u| u.score_p10),
            score_p90: spread.as_ref().map(|u| u.score_p90),
        }))
    }
}

/// The sweep's head and its points, to be assessed as they are read.
pub fn points<'a>(
    draft: &'a Draft,
    base_edits: &'a [Override],
    varies: &'a [Vary],
    as_of: NaiveDate,
) -> Result<(SweepHead, Points<'a>), ProfileError> {
    let baseline = draft.build(base_edits)?;
    let head = SweepHead {
        schema_version: SCHEMA_VERSION,
        source: draft.file().to_string(),
        as_of,
        vary: varies.iter().map(|v| v.key.clone()).collect(),
        ranged: false,
    };
    let empty = varies.iter().any(Vary::is_empty);
    let points = Points {
        draft,
        base_edits,
        varies,
        as_of,
        baseline,
        index: (!empty).then(|| vec![0; varies.len()]),
        draws: None,
    };
    Ok((head, points))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ranges_include_their_end_and_keep_whole_numbers_whole() {
        let v = parse_vary("senco.teaching-hours=0..20:5").unwrap();
        assert_eq!(v.len(), 5);
        assert_eq!(v.value(4), "20");
        assert!(
            v.edit(4)
                .unwrap()
                .via
                .ends_with("at senco.teaching-hours=20")
        );
        let v = parse_vary("assumptions.fragmentation=0..1:0.1").unwrap();
        assert_eq!(v.len(), 11);
        assert_eq!(v.value(3), "0.3");
        let v = parse_vary("tas.structure=flat,distributed").unwrap();
        assert_eq!(v.len(), 2);
        assert_eq!(v.value(1), "distributed");
    }

    #[test]
    fn bad_ranges_are_refused() {
        assert!(
            parse_vary("senco.teaching-hours=0..20:0")
                .unwrap_err()
                .contains("STEP must be more than 0")
        );
        assert!(
            parse_vary("senco.teaching-hours=20..0")
                .unwrap_err()
                .contains("backwards")
        );
        assert!(
            parse_vary("senco.teaching-hours=a..b")
                .unwrap_err()
                .contains("not a number")
        );
        assert!(
            parse_vary("senco.teaching-hours=0..1e9:0.001")
                .unwrap_err()
                .contains("more than")
        );
        assert!(parse_vary("senco.teaching-hours").is_err());
    }

    #[test]
    fn grids_over_the_limit_are_refused() {
        let big = parse_vary("senco.teaching-hours=1..1000").unwrap();
        assert_eq!(grid_size(std::slice::from_ref(&big)), Ok(1000));
        let grid = [big.clone(), big.clone(), big];
        assert!(grid_size(&grid).unwrap_err().contains("1000 x 1000 x 1000"));
        // Eight keys of a million values each: refused from the bounds alone.
        let huge = parse_vary("deputy.hours=0..999999").unwrap();
        assert_eq!(huge.len(), 1_000_000);
        let grid = vec![huge; 8];
        assert!(grid_size(&grid).is_err());
    }
}
