//! The parsed TOML as a small tree that remembers where each value came
//! from (a span in the file, or a `--set` argument), so that `--set` edits
//! and file contents are validated, and reported, the same way.

use std::collections::BTreeMap;
use std::ops::Range;
use toml::de::{DeTable, DeValue};

#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Origin {
    File(Range<usize>),
    Set(String),
    /// The document itself, or a table no line holds.
    Implicit,
}

#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Value {
    Text(String),
    /// `None` when the integer does not fit in 64 bits, and then its text,
    /// for messages (empty otherwise).
    Integer(Option<i64>, String),
    Float(f64),
    Bool(bool),
    Date(toml::value::Datetime),
    /// A list: how many items, and the first few as numbers (None for an
    /// item that is not one); enough to check `[low, high]`.
    Array(usize, Vec<Option<f64>>),
    Table(Table),
}

impl Value {
    pub(crate) fn kind(&self) -> &'static str {
        match self {
            Value::Text(_) => "text",
            Value::Integer(..) => "a whole number",
            Value::Float(_) => "a number",
            Value::Bool(_) => "true/false",
            Value::Date(_) => "a date",
            Value::Array(..) => "a list",
            Value::Table(_) => "a table",
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Node {
    pub value: Value,
    pub origin: Origin,
}

#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Entry {
    pub key_origin: Origin,
    pub node: Node,
}

pub(crate) type Table = BTreeMap<String, Entry>;

/// Converts the parser's tree. Only two levels are kept (tables of values),
/// which is all a profile has; anything deeper is a mistake reported by kind.
pub(crate) fn from_document(doc: &DeTable<'_>) -> Table {
    convert_table(doc, 0)
}

fn convert_table(table: &DeTable<'_>, depth: usize) -> Table {
    table
        .iter()
        .map(|(key, value)| {
            let entry = Entry {
                key_origin: Origin::File(key.span()),
                node: Node {
                    value: convert_value(value.get_ref(), depth),
                    origin: Origin::File(value.span()),
                },
            };
            (key.get_ref().to_string(), entry)
        })
        .collect()
}

fn convert_value(value: &DeValue<'_>, depth: usize) -> Value {
    match value {
        DeValue::String(s) => Value::Text(s.to_string()),
        DeValue::Integer(i) => match i64::from_str_radix(i.as_str(), i.radix()) {
            Ok(value) => Value::Integer(Some(value), String::new()),
            Err(_) => Value::Integer(None, i.to_string()),
        },
        DeValue::Float(f) => Value::Float(parse_float(f.as_str())),
        DeValue::Boolean(b) => Value::Bool(*b),
        DeValue::Datetime(d) => Value::Date(*d),
        DeValue::Array(items) => Value::Array(
            items.len(),
            items
                .iter()
                .take(3)
                .map(|item| match item.get_ref() {
                    DeValue::Integer(i) => i64::from_str_radix(i.as_str(), i.radix())
                        .ok()
                        .map(|v| v as f64),
                    DeValue::Float(f) => Some(parse_float(f.as_str())),
                    _ => None,
                })
                .collect(),
        ),
        DeValue::Table(t) if depth == 0 => Value::Table(convert_table(t, depth + 1)),
        DeValue::Table(_) => Value::Table(Table::new()),
    }
}

/// TOML floats include `nan`, `inf` and out-of-range exponents such as
/// `1e309`; all become non-finite values here and are rejected by validation.
fn parse_float(text: &str) -> f64 {
    let parsed = if text.contains('_') {
        text.replace('_', "").parse()
    } else {
        text.parse()
    };
    parsed.unwrap_or(f64::NAN)
}

fn value_from_text(raw: &str) -> Value {
    match DeValue::parse(raw) {
        Ok(parsed) => match parsed.get_ref() {
            DeValue::Table(_) => Value::Text(raw.to_string()),
            other => convert_value(other, 1),
        },
        Err(_) => Value::Text(raw.to_string()),
    }
}

fn split_key(key: &str) -> Result<Vec<String>, String> {
    let path: Vec<String> = key
        .trim()
        .split('.')
        .map(|part| part.trim().to_string())
        .collect();
    if path.len() != 2 || path.iter().any(String::is_empty) {
        return Err(
            "the key must name a table and a key, e.g. senco.teaching-hours or deputy.hours"
                .to_string(),
        );
    }
    Ok(path)
}

/// A `--set KEY=VALUE` edit, applied to the parsed TOML before validation.
#[derive(Debug, Clone, PartialEq)]
pub struct Override {
    /// Where the edit came from, for messages: `--set KEY=VALUE` by default.
    pub(crate) via: String,
    pub(crate) path: Vec<String>,
    pub(crate) value: Value,
    /// `KEY*=FACTOR`: the value (the profile's, else the default) times
    /// this, instead of `value`.
    pub(crate) scale: Option<f64>,
}

/// The default of a number that may be scaled: `[assumptions]`, `[costs]`
/// and `[growth]` keys.
fn scalable_default(table: &str, key: &str) -> Option<f64> {
    use crate::params::{ASSUMPTIONS, COSTS, GROWTH};
    match table {
        "assumptions" => ASSUMPTIONS
            .iter()
            .find(|p| p.key == key)
            .map(|p| p.default_value()),
        "costs" => COSTS
            .iter()
            .find(|p| p.key == key)
            .map(|p| p.default_value()),
        "growth" => GROWTH
            .iter()
            .find(|p| p.key == key)
            .map(|p| p.default_value()),
        _ => None,
    }
}

/// A scale factor: a finite number above 0, or a fraction such as 4/3.
fn parse_factor(raw: &str) -> Option<f64> {
    let raw = raw.trim();
    let factor = match raw.split_once('/') {
        Some((top, bottom)) => {
            top.trim().parse::<f64>().ok()? / bottom.trim().parse::<f64>().ok()?
        }
        None => raw.parse::<f64>().ok()?,
    };
    (factor.is_finite() && factor > 0.0).then_some(factor)
}

impl Override {
    /// Parses `table.key=value`. The value is read as TOML (numbers, `true`,
    /// dates) and otherwise taken as text, so `tas.structure=distributed`
    /// needs no quotes.
    pub fn parse(argument: &str) -> Result<Override, String> {
        if let Some((key, raw)) = argument.split_once("*=") {
            return Override::scaled(key, raw).map_err(|e| format!("--set {argument}: {e}"));
        }
        let Some((key, raw)) = argument.split_once('=') else {
            return Err(format!(
                "--set {argument}: expected KEY=VALUE, e.g. --set senco.teaching-hours=10"
            ));
        };
        let path = split_key(key).map_err(|e| format!("--set {argument}: {e}"))?;
        Ok(Override {
            via: format!("--set {argument}"),
            path,
            value: value_from_text(raw.trim()),
            scale: None,
        })
    }

    /// `KEY*=FACTOR`: an assumption, cost or growth rate scaled, so that a
    /// scenario respects a school's own value (SPEC section 10).
    pub fn scaled(key: &str, raw: &str) -> Result<Override, String> {
        let path = split_key(key)?;
        let [table, name] = path.as_slice() else {
            return Err("the key must name a table and a key".to_string());
        };
        if scalable_default(table, name).is_none() {
            return Err(format!(
                "only [assumptions], [costs] and [growth] numbers can be scaled; `{}.{}` is not one",
                crate::safe_text::escape_controls(table),
                crate::safe_text::escape_controls(name)
            ));
        }
        let factor = parse_factor(raw).ok_or_else(|| {
            format!(
                "`{}` is not a factor: write a number above 0, e.g. 1.25 or 4/3",
                crate::safe_text::escape_controls(raw.trim())
            )
        })?;
        Ok(Override {
            via: format!("--set {key}*={}", raw.trim()),
            path,
            value: Value::Float(factor),
            scale: Some(factor),
        })
    }

    /// An edit from a key and a value written as text (a roster cell):
    /// read as TOML where it can be, else as text, as `--set` does.
    pub fn from_text(key: &str, raw: &str) -> Result<Override, String> {
        let path = split_key(key)?;
        Ok(Override {
            via: format!("--set {key}={raw}"),
            path,
            value: value_from_text(raw.trim()),
            scale: None,
        })
    }

    /// An edit whose value is already TOML, e.g. from a scenario file.
    pub fn from_toml(key: &str, value: &DeValue<'_>) -> Result<Override, String> {
        let path = split_key(key)?;
        Ok(Override {
            via: format!("--set {key}"),
            path,
            value: convert_value(value, 1),
            scale: None,
        })
    }

    /// Says where the edit came from in messages, e.g. a scenario file's line.
    pub fn via(mut self, label: String) -> Override {
        self.via = label;
        self
    }

    /// The dotted key this override sets.
    pub fn key(&self) -> String {
        self.path.join(".")
    }

    /// Applies the edit, creating the table if it is missing. When the
    /// table name holds a plain value instead, the edit is left for
    /// validation to report against that value.
    pub(crate) fn apply(&self, root: &mut Table) {
        let [table_name, key] = self.path.as_slice() else {
            return;
        };
        let entry = root.entry(table_name.clone()).or_insert_with(|| Entry {
            key_origin: Origin::Set(self.via.clone()),
            node: Node {
                value: Value::Table(Table::new()),
                origin: Origin::Implicit,
            },
        });
        if let Value::Table(table) = &mut entry.node.value {
            let value = match self.scale {
                // The profile's own number, else the default, scaled; a
                // value that is not a number is left for validation.
                Some(factor) => {
                    let current = match table.get(key).map(|e| &e.node.value) {
                        Some(Value::Integer(Some(i), _)) => Some(*i as f64),
                        Some(Value::Float(f)) => Some(*f),
                        Some(_) => None,
                        None => scalable_default(table_name, key),
                    };
                    match current {
                        Some(number) => Value::Float(number * factor),
                        None => return,
                    }
                }
                None => self.value.clone(),
            };
            table.insert(
                key.clone(),
                Entry {
                    key_origin: Origin::Set(self.via.clone()),
                    node: Node {
                        value,
                        origin: Origin::Set(self.via.clone()),
                    },
                },
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn set_values_are_typed_like_toml() {
        let ov = Override::parse("senco.teaching-hours=10").unwrap();
        assert_eq!(ov.value, Value::Integer(Some(10), String::new()));
        let ov = Override::parse("deputy.hours=6.5").unwrap();
        assert_eq!(ov.value, Value::Float(6.5));
        let ov = Override::parse("tas.structure=distributed").unwrap();
        assert_eq!(ov.value, Value::Text("distributed".into()));
        let ov = Override::parse("whole-school.corporate-responsibility=true").unwrap();
        assert_eq!(ov.value, Value::Bool(true));
        assert!(matches!(
            Override::parse("senco.appointed=2023-09-01").unwrap().value,
            Value::Date(_)
        ));
    }

    /// `KEY*=FACTOR` scales the profile's value, else the default; only
    /// assumptions, costs and growth rates scale, by a factor above 0.
    #[test]
    fn scaling_multiplies_what_is_there() {
        let ov = Override::parse("assumptions.sen-support-hours*=4/3").unwrap();
        assert_eq!(ov.scale, Some(4.0 / 3.0));
        let mut root = Table::new();
        ov.apply(&mut root);
        let value = |root: &Table| match &root["assumptions"].node.value {
            Value::Table(t) => t["sen-support-hours"].node.value.clone(),
            _ => Value::Bool(false),
        };
        // The default, 3 h, x 4/3 = 4 h.
        assert_eq!(value(&root), Value::Float(4.0));
        Override::parse("assumptions.sen-support-hours*=1.5")
            .unwrap()
            .apply(&mut root);
        assert_eq!(value(&root), Value::Float(6.0));
        assert!(
            Override::parse("school.pupils*=2")
                .unwrap_err()
                .contains("only [assumptions], [costs] and [growth] numbers can be scaled")
        );
        for bad in ["0", "-1", "x", "1/0", "nan"] {
            assert!(
                Override::parse(&format!("costs.teacher-hour*={bad}")).is_err(),
                "{bad}"
            );
        }
    }

    #[test]
    fn set_needs_a_dotted_key_and_a_value() {
        assert!(Override::parse("teaching-hours=10").is_err());
        assert!(Override::parse("senco.teaching-hours").is_err());
        assert!(Override::parse("a.b.c=1").is_err());
    }

    #[test]
    fn non_finite_floats_become_nan_or_infinity() {
        assert!(parse_float("nan").is_nan());
        assert!(parse_float("1e309").is_infinite());
        assert_eq!(parse_float("1_000.5"), 1000.5);
    }
}
