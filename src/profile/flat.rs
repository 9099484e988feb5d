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
    let mut out = BTreeMap::new();
    visit(p, Parts::all(), &mut |key, value| {
        out.insert(key.dotted(), value.owned());
    });
    out
}

/// A dotted key: a profile table's own, or one of the model's numbers.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Key {
    Field(&'static str),
    Number(&'static str, &'static str),
}

impl Key {
    fn dotted(self) -> String {
        match self {
            Key::Field(key) => key.to_string(),
            Key::Number(table, key) => format!("{table}.{key}"),
        }
    }
}

/// A value as the profile holds it, borrowed, so that two profiles are
/// compared without copying either.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Value<'a> {
    Bool(bool),
    Integer(i64),
    Number(f64),
    Text(&'a str),
    Date(NaiveDate),
}

impl Value<'_> {
    fn owned(self) -> Scalar {
        match self {
            Value::Bool(b) => Scalar::Bool(b),
            Value::Integer(i) => Scalar::Integer(i),
            Value::Number(n) => Scalar::Number(n),
            Value::Text(t) => Scalar::Text(t.to_string()),
            Value::Date(d) => Scalar::Date(d),
        }
    }
}

/// Which parts of a profile to visit.
#[derive(Clone, Copy)]
struct Parts {
    school: bool,
    senco: bool,
    /// Deputy, admin, TAs and whole-school.
    staff: bool,
    /// The `[assumptions]`, `[costs]` and `[growth]` numbers.
    numbers: bool,
}

impl Parts {
    fn all() -> Parts {
        Parts {
            school: true,
            senco: true,
            staff: true,
            numbers: true,
        }
    }

    /// The parts in which two profiles differ.
    fn differing(a: &Profile, b: &Profile) -> Parts {
        Parts {
            school: a.school != b.school,
            senco: a.senco != b.senco,
            staff: a.deputy != b.deputy
                || a.admin != b.admin
                || a.tas != b.tas
                || a.whole_school != b.whole_school,
            numbers: a.assumptions != b.assumptions || a.costs != b.costs || a.growth != b.growth,
        }
    }
}

/// Calls `put` with every value the profile holds in the parts asked for,
/// always in the same order.
fn visit<'a>(p: &'a Profile, parts: Parts, put: &mut impl FnMut(Key, Value<'a>)) {
    let mut field = |key: &'static str, value: Value<'a>| put(Key::Field(key), value);
    if parts.school {
        visit_school(p, &mut field);
    }
    if parts.senco {
        visit_senco(p, &mut field);
    }
    if parts.staff {
        visit_staff(p, &mut field);
    }
    if parts.numbers {
        visit_numbers(p, put);
    }
}

fn visit_school<'a>(p: &'a Profile, field: &mut impl FnMut(&'static str, Value<'a>)) {
    let s = &p.school;
    field("school.name", Value::Text(&s.name));
    field("school.phase", Value::Text(s.phase.as_str()));
    field("school.pupils", Value::Integer(s.pupils.into()));
    field("school.sen-support", Value::Integer(s.sen_support.into()));
    field("school.ehcp", Value::Integer(s.ehcp.into()));
    if let Some(v) = s.ehc_requests_per_year {
        field("school.ehc-requests-per-year", Value::Integer(v.into()));
    }
    if let Some(v) = s.teachers {
        field("school.teachers", Value::Integer(v.into()));
    }
    if let Some(v) = s.weeks_per_year {
        field("school.weeks-per-year", Value::Number(v));
    }
    if let Some(v) = s.urn {
        field("school.urn", Value::Integer(v.into()));
    }
    if let Some(v) = &s.la {
        field("school.la", Value::Text(v));
    }
}

fn visit_senco<'a>(p: &'a Profile, field: &mut impl FnMut(&'static str, Value<'a>)) {
    let c = &p.senco;
    field("senco.contract-fte", Value::Number(c.contract_fte));
    field("senco.teaching-hours", Value::Number(c.teaching_hours));
    field("senco.senco-hours", Value::Number(c.senco_hours));
    field(
        "senco.other-duties-hours",
        Value::Number(c.other_duties_hours),
    );
    field("senco.leadership", Value::Text(c.leadership.as_str()));
    field("senco.qualified-teacher", Value::Bool(c.qualified_teacher));
    if let Some(award) = c.award {
        field("senco.award", Value::Text(award.as_str()));
    }
    if let Some(d) = c.appointed {
        field("senco.appointed", Value::Date(d));
    }
    for (key, answer) in [
        ("senco.headteacher-support", c.headteacher_support),
        ("senco.strategic-vision", c.strategic_vision),
        ("senco.influences-colleagues", c.influences_colleagues),
    ] {
        if let Some(b) = answer {
            field(key, Value::Bool(b));
        }
    }
}

fn visit_staff<'a>(p: &'a Profile, field: &mut impl FnMut(&'static str, Value<'a>)) {
    if let Some(d) = &p.deputy {
        field("deputy.hours", Value::Number(d.hours));
    }
    if let Some(a) = &p.admin {
        field("admin.hours", Value::Number(a.hours));
    }
    if let Some(t) = &p.tas {
        field("tas.count", Value::Integer(t.count.into()));
        field("tas.structure", Value::Text(t.structure.as_str()));
        field("tas.lead-tas", Value::Integer(t.lead_tas.into()));
        field("tas.lead-hours", Value::Number(t.lead_hours));
    }
    field(
        "whole-school.corporate-responsibility",
        Value::Bool(p.whole_school.corporate_responsibility),
    );
}

fn visit_numbers<'a>(p: &'a Profile, put: &mut impl FnMut(Key, Value<'a>)) {
    for param in ASSUMPTIONS {
        put(
            Key::Number("assumptions", param.key),
            Value::Number((param.get)(&p.assumptions)),
        );
    }
    for param in COSTS {
        put(
            Key::Number("costs", param.key),
            Value::Number((param.get)(&p.costs)),
        );
    }
    for param in GROWTH {
        put(
            Key::Number("growth", param.key),
            Value::Number((param.get)(&p.growth)),
        );
    }
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
    // Only the parts that differ are compared key by key: each remedy
    // leaves the school and the model's numbers alone, and comparing them
    // for every option of every school was most of a batch's time.
    let parts = Parts::differing(a, b);
    let listed = |p| {
        let mut values = Vec::with_capacity(32);
        visit(p, parts, &mut |key, value| values.push((key, value)));
        values
    };
    let (before, after) = (listed(a), listed(b));
    let mut unmatched: Vec<Option<(Key, Value)>> = after.into_iter().map(Some).collect();
    let mut out = BTreeMap::new();
    // Both lists are in the same order and few keys are optional, so each
    // key's match is found at or just past the last one's.
    let mut cursor = 0;
    for (key, from) in before {
        let found = (cursor..unmatched.len()).find(|&at| {
            unmatched
                .get(at)
                .is_some_and(|u| u.is_some_and(|(k, _)| k == key))
        });
        let to = found.and_then(|at| {
            cursor = at + 1;
            unmatched.get_mut(at).and_then(Option::take).map(|(_, v)| v)
        });
        if to != Some(from) {
            out.insert(
                key.dotted(),
                Change(Some(from.owned()), to.map(Value::owned)),
            );
        }
    }
    for (key, to) in unmatched.into_iter().flatten() {
        out.insert(key.dotted(), Change(None, Some(to.owned())));
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
