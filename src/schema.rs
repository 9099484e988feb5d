//! The JSON Schema of a profile, for editors (taplo, Even Better TOML):
//! validation and autocompletion through a `#:schema` line. The types here
//! mirror the TOML for schemars only; the reader in `profile` is what
//! validates, and a test keeps the two in step.

use crate::params::{ASSUMPTIONS, Basis, COSTS, Param};
use crate::profile::{Award, Leadership, Phase, Structure};
use schemars::{JsonSchema, Schema, SchemaGenerator};
use serde_json::{Map, Value, json};

/// A school's profile for senco-plan: counts only, never a pupil's name.
#[derive(JsonSchema)]
#[serde(rename_all = "kebab-case", deny_unknown_fields)]
#[allow(dead_code)]
struct ProfileFile {
    school: SchoolTable,
    senco: SencoTable,
    /// A deputy SENCO; leave the table out when there is none.
    deputy: Option<HoursTable>,
    /// A SEN administrator.
    admin: Option<HoursTable>,
    /// Teaching assistants; leave the table out when there are none.
    tas: Option<TasTable>,
    whole_school: Option<WholeSchoolTable>,
    /// Overrides of the model's defaults (`senco-plan explain` lists them).
    #[serde(default)]
    #[schemars(schema_with = "assumptions_schema")]
    assumptions: Option<Map<String, Value>>,
    /// Overrides of the prices used for options and plans, in pounds.
    #[serde(default)]
    #[schemars(schema_with = "costs_schema")]
    costs: Option<Map<String, Value>>,
    /// A school's own plausible range for a ranged assumption, `[low, high]`
    /// (`senco-plan explain` shows the default ranges).
    #[serde(default)]
    #[schemars(schema_with = "ranges_schema")]
    ranges: Option<Map<String, Value>>,
    /// How fast the SEND numbers rise a year, for `forecast` (a share a
    /// year; a fall is negative).
    #[serde(default)]
    #[schemars(schema_with = "growth_schema")]
    growth: Option<Map<String, Value>>,
}

/// The school.
#[derive(JsonSchema)]
#[serde(rename_all = "kebab-case", deny_unknown_fields)]
#[allow(dead_code)]
struct SchoolTable {
    /// The school's name.
    name: String,
    /// The phase of education.
    phase: Phase,
    /// Pupils on roll.
    #[schemars(range(min = 1, max = 10000))]
    pupils: u32,
    /// Pupils at SEN support.
    #[schemars(range(max = 10000))]
    sen_support: u32,
    /// Pupils with an EHC plan.
    #[schemars(range(max = 10000))]
    ehcp: u32,
    /// EHC needs assessment requests the school makes a year (default: 8% of SEN support).
    #[schemars(range(max = 10000))]
    ehc_requests_per_year: Option<u32>,
    /// Teachers (default: pupils / 20.8 primary, 16.7 secondary, 6 special).
    #[schemars(range(min = 1, max = 2000))]
    teachers: Option<u32>,
    /// School weeks a year (default 39).
    #[schemars(range(min = 1, max = 52))]
    weeks_per_year: Option<f64>,
    /// The DfE's unique reference number (URN), carried into every output.
    #[schemars(range(min = 1, max = 999999))]
    urn: Option<u32>,
    /// The local authority, for summaries by authority.
    la: Option<String>,
}

/// The SENCO's time, role and qualification.
#[derive(JsonSchema)]
#[serde(rename_all = "kebab-case", deny_unknown_fields)]
#[allow(dead_code)]
struct SencoTable {
    /// The SENCO's contract as a share of full time (0.05 <= fte <= 1; default 1.0).
    #[schemars(range(min = 0.05, max = 1))]
    contract_fte: Option<f64>,
    /// Timetabled teaching, hours a week.
    #[schemars(range(min = 0, max = 60))]
    teaching_hours: f64,
    /// Protected time for the SENCO role, hours a week.
    #[schemars(range(min = 0, max = 60))]
    senco_hours: f64,
    /// Other responsibilities (DSL, head of year, ...), hours a week (default 0).
    #[schemars(range(min = 0, max = 60))]
    other_duties_hours: Option<f64>,
    /// Where the SENCO sits in the school's leadership (default "middle").
    leadership: Option<Leadership>,
    /// The SENCO must be a qualified teacher (SEND Code of Practice, ch. 6; default true).
    qualified_teacher: Option<bool>,
    /// The mandatory qualification: the NPQ for SENCOs from September 2024
    /// (left out: compliance is not assessed).
    award: Option<Award>,
    /// When the SENCO took up the role (for the three-year deadline), e.g. 2023-09-01.
    #[schemars(with = "Option<String>", extend("format" = "date"))]
    appointed: Option<()>,
    /// Health check: is the SENCO supported by the headteacher and SLT?
    headteacher_support: Option<bool>,
    /// Health check: is the strategic vision for SEND clear?
    strategic_vision: Option<bool>,
    /// Health check: is the SENCO able to influence colleagues?
    influences_colleagues: Option<bool>,
}

/// Hours a week given to the role.
#[derive(JsonSchema)]
#[serde(rename_all = "kebab-case", deny_unknown_fields)]
#[allow(dead_code)]
struct HoursTable {
    /// Hours a week.
    #[schemars(range(min = 0, max = 60))]
    hours: f64,
}

/// Teaching assistants and how they are led.
#[derive(JsonSchema)]
#[serde(rename_all = "kebab-case", deny_unknown_fields)]
#[allow(dead_code)]
struct TasTable {
    /// Teaching assistants.
    #[schemars(range(max = 2000))]
    count: u32,
    /// flat: the SENCO line-manages every TA; distributed: lead TAs do much of it.
    structure: Option<Structure>,
    /// Lead TAs (with distributed leadership), counted among `count`.
    #[schemars(range(max = 2000))]
    lead_tas: Option<u32>,
    /// Management time per lead TA, hours a week.
    #[schemars(range(min = 0, max = 60))]
    lead_hours: Option<f64>,
}

/// Responsibility for SEND across the school.
#[derive(JsonSchema)]
#[serde(rename_all = "kebab-case", deny_unknown_fields)]
#[allow(dead_code)]
struct WholeSchoolTable {
    /// Class teachers own assess-plan-do-review for pupils at SEN support.
    corporate_responsibility: Option<bool>,
}

fn basis(b: Basis) -> &'static str {
    match b {
        Basis::Published => "published figure",
        Basis::Derived => "derived from published figures",
        Basis::Assumption => "assumption",
    }
}

fn table_schema<T: Default>(params: &[Param<T>]) -> Schema {
    let properties: Map<String, Value> = params
        .iter()
        .map(|p| {
            let description = format!(
                "{} ({}; default {}; {}: {})",
                p.key,
                p.unit,
                p.default_value(),
                basis(p.basis),
                p.source
            );
            let schema = json!({
                "type": "number",
                "minimum": p.min,
                "maximum": p.max,
                "default": p.default_value(),
                "description": description,
            });
            (p.key.to_string(), schema)
        })
        .collect();
    closed_object(properties)
}

fn assumptions_schema(_: &mut SchemaGenerator) -> Schema {
    table_schema(ASSUMPTIONS)
}

fn costs_schema(_: &mut SchemaGenerator) -> Schema {
    table_schema(COSTS)
}

fn growth_schema(_: &mut SchemaGenerator) -> Schema {
    table_schema(crate::params::GROWTH)
}

/// A table that takes these keys and no others.
fn closed_object(properties: Map<String, Value>) -> Schema {
    let schema = json!({
        "type": "object",
        "additionalProperties": false,
        "properties": properties,
    });
    Schema::try_from(schema).unwrap_or_default()
}

/// `[ranges]`: for each ranged assumption, two numbers within its limits.
fn ranges_schema(_: &mut SchemaGenerator) -> Schema {
    let properties: Map<String, Value> = crate::params::RANGES
        .iter()
        .filter_map(|r| {
            let p = ASSUMPTIONS.iter().find(|p| p.key == r.key)?;
            let item = json!({"type": "number", "minimum": p.min, "maximum": p.max});
            Some((
                r.key.to_string(),
                json!({
                    "type": "array",
                    "items": item,
                    "minItems": 2,
                    "maxItems": 2,
                    "description": format!("{} as [low, high] (default {}-{})", r.key, r.low, r.high),
                }),
            ))
        })
        .collect();
    closed_object(properties)
}

/// The profile's JSON Schema (draft-07), pretty-printed.
pub fn profile_schema() -> String {
    let generator = schemars::generate::SchemaSettings::draft07().into_generator();
    let mut schema = generator.into_root_schema_for::<ProfileFile>();
    schema.insert("title".to_string(), json!("senco-plan profile"));
    let mut text = serde_json::to_string_pretty(&schema).unwrap_or_default();
    text.push('\n');
    text
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::profile::known_keys;

    fn schema() -> Value {
        serde_json::from_str(&profile_schema()).unwrap()
    }

    /// The schema requires what the reader requires (SPEC section 1), and
    /// nothing more.
    #[test]
    fn the_schema_requires_the_required_keys_alone() {
        let s = schema();
        assert_eq!(s["required"], json!(["school", "senco"]));
        let mut required = Vec::new();
        for (table, definition) in [("school", "SchoolTable"), ("senco", "SencoTable")] {
            for key in s["definitions"][definition]["required"].as_array().unwrap() {
                required.push(format!("{table}.{}", key.as_str().unwrap()));
            }
        }
        assert_eq!(required, crate::profile::REQUIRED);
    }

    #[test]
    fn the_schema_names_exactly_the_keys_the_reader_accepts() {
        let s = schema();
        let definitions = s["definitions"].as_object().unwrap();
        let table_type = |table: &str| -> String {
            let property = &s["properties"][table];
            let reference = property["$ref"]
                .as_str()
                .or_else(|| property["anyOf"][0]["$ref"].as_str())
                .unwrap_or_else(|| panic!("{table}: {property}"));
            reference.rsplit('/').next().unwrap().to_string()
        };
        for (table, keys) in known_keys() {
            let definition = &definitions[&table_type(table)];
            let mut in_schema: Vec<&str> = definition["properties"]
                .as_object()
                .unwrap()
                .keys()
                .map(String::as_str)
                .collect();
            in_schema.sort_unstable();
            let mut in_reader = keys.to_vec();
            in_reader.sort_unstable();
            assert_eq!(in_schema, in_reader, "[{table}]");
        }
        let assumptions = s["properties"]["assumptions"]["properties"]
            .as_object()
            .unwrap();
        assert_eq!(assumptions.len(), ASSUMPTIONS.len());
        assert_eq!(s["$schema"], "http://json-schema.org/draft-07/schema#");
    }

    #[test]
    fn every_field_has_a_description() {
        let s = schema();
        for (name, definition) in s["definitions"].as_object().unwrap() {
            if let Some(properties) = definition["properties"].as_object() {
                for (key, property) in properties {
                    assert!(
                        property.get("description").is_some(),
                        "{name}.{key} has no description"
                    );
                }
            }
        }
    }
}
