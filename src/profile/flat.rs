//! A profile as dotted keys and plain values, the form `--set` takes: used
//! to say what a scenario changes, in a way that `--set` can replay.

use super::Profile;
use crate::params::{ASSUMPTIONS, COSTS, GROWTH};
use chrono::NaiveDate;
use serde::Serialize;
use std::collections::BTreeMap;
use std::fmt;

#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(untagged)]
pub enum Scalar {
    Bool(bool),
    Integer(i64),
    Number(f64),
    Text(String),
    Date(NaiveDate),
}

impl fmt::Display for Scalar {
    /// Written so that `--set KEY=<this>` reads the same value back.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Scalar::Bool(b) => write!(f, "{b}"),
            Scalar::Integer(i) => write!(f, "{i}"),
            Scalar::Number(n) => write!(f, "{n}"),
            Scalar::Text(t) => f.write_str(t),
            Scalar::Date(d) => write!(f, "{d}"),
        }
    }
}

/// Every value the profile holds (optional values only when present),
/// under its dotted key.
pub fn flatten(p: &Profile) -> BTreeMap<String, Scalar> {
    flatten_parts(p, true)
}

/// [`flatten`], with or without the `[assumptions]`, `[costs]` and
/// `[growth]` numbers (most of the keys, and none of them change when a
/// remedy is applied).
fn flatten_parts(p: &Profile, numbers: bool) -> BTreeMap<String, Scalar> {
    let mut out = BTreeMap::new();
    let mut put = |key: &str, value: Scalar| {
        out.insert(key.to_string(), value);
    };
    let s = &p.school;
    put("school.name", Scalar::Text(s.name.clone()));
    put("school.phase", Scalar::Text(s.phase.to_string()));
    put("school.pupils", Scalar::Integer(s.pupils.into()));
    put("school.sen-support", Scalar::Integer(s.sen_support.into()));
    put("school.ehcp", Scalar::Integer(s.ehcp.into()));
    if let Some(v) = s.ehc_requests_per_year {
        put("school.ehc-requests-per-year", Scalar::Integer(v.into()));
    }
    if let Some(v) = s.teachers {
        put("school.teachers", Scalar::Integer(v.into()));
    }
    if let Some(v) = s.weeks_per_year {
        put("school.weeks-per-year", Scalar::Number(v));
    }
    if let Some(v) = s.urn {
        put("school.urn", Scalar::Integer(v.into()));
    }
    if let Some(v) = &s.la {
        put("school.la", Scalar::Text(v.clone()));
    }
    let c = &p.senco;
    put("senco.contract-fte", Scalar::Number(c.contract_fte));
    put("senco.teaching-hours", Scalar::Number(c.teaching_hours));
    put("senco.senco-hours", Scalar::Number(c.senco_hours));
    put(
        "senco.other-duties-hours",
        Scalar::Number(c.other_duties_hours),
    );
    put("senco.leadership", Scalar::Text(c.leadership.to_string()));
    put("senco.qualified-teacher", Scalar::Bool(c.qualified_teacher));
    if let Some(award) = c.award {
        put("senco.award", Scalar::Text(award.to_string()));
    }
    if let Some(d) = c.appointed {
        put("senco.appointed", Scalar::Date(d));
    }
    for (key, answer) in [
        ("senco.headteacher-support", c.headteacher_support),
        ("senco.strategic-vision", c.strategic_vision),
        ("senco.influences-colleagues", c.influences_colleagues),
    ] {
        if let Some(b) = answer {
            put(key, Scalar::Bool(b));
        }
    }
    if let Some(d) = &p.deputy {
        put("deputy.hours", Scalar::Number(d.hours));
    }
    if let Some(a) = &p.admin {
        put("admin.hours", Scalar::Number(a.hours));
    }
    if let Some(t) = &p.tas {
        put("tas.count", Scalar::Integer(t.count.into()));
        put("tas.structure", Scalar::Text(t.structure.to_string()));
        put("tas.lead-tas", Scalar::Integer(t.lead_tas.into()));
        put("tas.lead-hours", Scalar::Number(t.lead_hours));
    }
    put(
        "whole-school.corporate-responsibility",
        Scalar::Bool(p.whole_school.corporate_responsibility),
    );
    if !numbers {
        return out;
    }
    for param in ASSUMPTIONS {
        put(
            &format!("assumptions.{}", param.key),
            Scalar::Number((param.get)(&p.assumptions)),
        );
    }
    for param in COSTS {
        put(
            &format!("costs.{}", param.key),
            Scalar::Number((param.get)(&p.costs)),
        );
    }
    for param in GROWTH {
        put(
            &format!("growth.{}", param.key),
            Scalar::Number((param.get)(&p.growth)),
        );
    }
    out
}

/// A key's value before and after a change, written `[from, to]` in JSON;
/// `None` where the key is absent on that side. `--set KEY=TO` replays it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Change(pub Option<Scalar>, pub Option<Scalar>);

impl Change {
    /// The change as `--set` replays it: `deputy.hours=4.5`, or
    /// `deputy.hours removed`.
    pub fn as_set(&self, key: &str) -> String {
        match &self.1 {
            Some(to) => format!("{key}={to}"),
            None => format!("{key} removed"),
        }
    }

    /// The change in words: `deputy.hours 0 -> 4.5`, `deputy.hours removed`.
    pub fn describe(&self, key: &str) -> String {
        match self {
            Change(_, None) => format!("{key} removed"),
            Change(None, Some(to)) => format!("{key} = {to}"),
            Change(Some(from), Some(to)) => format!("{key} {from} -> {to}"),
        }
    }
}

/// The keys whose values differ from `a` to `b`.
pub fn changes(a: &Profile, b: &Profile) -> BTreeMap<String, Change> {
    // Each remedy leaves the model's numbers alone: comparing them key by
    // key, for every option of every school, was most of a batch's time.
    let numbers = a.assumptions != b.assumptions || a.costs != b.costs || a.growth != b.growth;
    let before = flatten_parts(a, numbers);
    let mut after = flatten_parts(b, numbers);
    let mut out = BTreeMap::new();
    for (key, from) in before {
        match after.remove(&key) {
            Some(to) if to == from => {}
            to => {
                out.insert(key, Change(Some(from), to));
            }
        }
    }
    for (key, to) in after {
        out.insert(key, Change(None, Some(to)));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::profile::{Override, parse_profile};

    #[test]
    fn every_flattened_value_replays_through_set() {
        let text = include_str!("../../examples/all-through.toml");
        let p = parse_profile("t", text, &[]).unwrap();
        let edits: Vec<Override> = flatten(&p)
            .iter()
            .map(|(k, v)| Override::parse(&format!("{k}={v}")).unwrap())
            .collect();
        let replayed = parse_profile("t", text, &edits).unwrap();
        assert_eq!(flatten(&replayed), flatten(&p));
        assert_eq!(replayed.assumptions, p.assumptions);
    }

    #[test]
    fn changes_name_only_what_differs() {
        let text = include_str!("../../examples/primary.toml");
        let a = parse_profile("t", text, &[]).unwrap();
        let edits = [Override::parse("deputy.hours=6.5").unwrap()];
        let b = parse_profile("t", text, &edits).unwrap();
        let diff = changes(&a, &b);
        assert_eq!(diff.len(), 1);
        assert_eq!(
            diff["deputy.hours"],
            Change(None, Some(Scalar::Number(6.5)))
        );
        assert_eq!(
            changes(&b, &a)["deputy.hours"],
            Change(Some(Scalar::Number(6.5)), None)
        );
        assert_eq!(
            changes(&b, &a)["deputy.hours"].describe("deputy.hours"),
            "deputy.hours removed"
        );
    }
}
