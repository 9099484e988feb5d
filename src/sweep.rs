//! One or more profile keys over ranges or lists (`senco-plan sweep`):
//! every combination, assessed.

use crate::model::{Band, assess};
use crate::options::change_cost;
use crate::profile::{Draft, Override, ProfileError, Scalar, flatten};
use crate::report::SCHEMA_VERSION;
use crate::round;
use chrono::NaiveDate;
use serde::Serialize;
use std::collections::BTreeMap;

/// More points than this is a typing mistake, not a question.
pub const MAX_SWEEP_POINTS: u64 = 1_000_000;

/// One `--vary`: a key and the edits that set it to each of its values.
#[derive(Debug, Clone, PartialEq)]
pub struct Vary {
    pub key: String,
    pub edits: Vec<Override>,
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
/// `KEY=A,B,C`.
pub fn parse_vary(arg: &str) -> Result<Vary, String> {
    let Some((key, spec)) = arg.split_once('=') else {
        return Err(format!(
            "--vary {arg}: expected KEY=START..END[:STEP] or KEY=A,B,C, e.g. --vary senco.teaching-hours=0..20"
        ));
    };
    let key = key.trim();
    let values: Vec<String> = if let Some((start, rest)) = spec.split_once("..") {
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
        (0..=steps as u64)
            .map(|i| {
                let v = start_v + i as f64 * step_v;
                if integral {
                    format!("{}", v as i64)
                } else {
                    format!("{}", round::to_places(v, 9))
                }
            })
            .collect()
    } else {
        spec.split(',').map(|v| v.trim().to_string()).collect()
    };
    if values.iter().any(String::is_empty) {
        return Err(format!("--vary {arg}: a value is empty; write KEY=A,B,C"));
    }
    let edits = values
        .iter()
        .map(|v| {
            Override::parse(&format!("{key}={v}"))
                .map(|o| o.via(format!("--vary {arg}, at {key}={v}")))
                .map_err(|e| format!("--vary {arg}: {e}"))
        })
        .collect::<Result<Vec<_>, _>>()?;
    Ok(Vary {
        key: key.to_string(),
        edits,
    })
}

/// The number of points in the grid, refusing grids over the limit.
pub fn grid_size(varies: &[Vary]) -> Result<u64, String> {
    let size = varies
        .iter()
        .try_fold(1u64, |n, v| n.checked_mul(v.edits.len() as u64));
    match size {
        Some(n) if n <= MAX_SWEEP_POINTS => Ok(n),
        _ => Err(format!(
            "the grid has {} points, more than the {MAX_SWEEP_POINTS} a sweep may have: use fewer values or larger steps",
            varies
                .iter()
                .map(|v| v.edits.len().to_string())
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
    /// Pounds a year against the profile as given (SPEC section 5).
    #[serde(serialize_with = "round::whole_pounds")]
    pub annual_cost: f64,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Sweep {
    pub schema_version: u32,
    pub source: String,
    pub as_of: NaiveDate,
    pub vary: Vec<String>,
    pub rows: Vec<SweepRow>,
}

/// Assesses every combination of the varied values, the first key varying
/// slowest. A point that does not validate stops the sweep with its problems.
pub fn sweep(
    draft: &Draft,
    base_edits: &[Override],
    varies: &[Vary],
    as_of: NaiveDate,
) -> Result<Sweep, ProfileError> {
    let baseline = draft.build(base_edits, as_of)?;
    let mut index = vec![0usize; varies.len()];
    let mut rows = Vec::new();
    let total = varies.iter().map(|v| v.edits.len()).product::<usize>();
    for _ in 0..total {
        let mut edits = base_edits.to_vec();
        for (vary, &i) in varies.iter().zip(&index) {
            edits.extend(vary.edits.get(i).cloned());
        }
        let point = draft.build(&edits, as_of)?;
        let flat = flatten(&point);
        let a = assess(&point, as_of);
        rows.push(SweepRow {
            values: varies
                .iter()
                .filter_map(|v| flat.get(&v.key).map(|s| (v.key.clone(), s.clone())))
                .collect(),
            score: a.score,
            band: a.band,
            coverage: a.coverage,
            demand_hours_per_week: a.demand_hours_per_week,
            shortfall_hours_per_week: a.shortfall_hours_per_week,
            annual_cost: change_cost(&baseline, &point),
        });
        // Odometer: the last key turns fastest.
        for (position, vary) in varies.iter().enumerate().rev() {
            if let Some(i) = index.get_mut(position) {
                *i += 1;
                if *i < vary.edits.len() {
                    break;
                }
                *i = 0;
            }
        }
    }
    Ok(Sweep {
        schema_version: SCHEMA_VERSION,
        source: draft.file().to_string(),
        as_of,
        vary: varies.iter().map(|v| v.key.clone()).collect(),
        rows,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ranges_include_their_end_and_keep_whole_numbers_whole() {
        let v = parse_vary("senco.teaching-hours=0..20:5").unwrap();
        let keys: Vec<_> = v.edits.iter().map(|e| e.via.clone()).collect();
        assert_eq!(keys.len(), 5);
        assert!(keys[4].ends_with("at senco.teaching-hours=20"), "{keys:?}");
        let v = parse_vary("assumptions.fragmentation=0..1:0.1").unwrap();
        assert_eq!(v.edits.len(), 11);
        assert!(v.edits[3].via.ends_with("=0.3"), "{}", v.edits[3].via);
        let v = parse_vary("tas.structure=flat,distributed").unwrap();
        assert_eq!(v.edits.len(), 2);
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
    }
}
