//! Named scenarios: a baseline profile plus edits, from `--scenario` or a
//! scenario file (`[[scenario]] name = "..." set = { "deputy.hours" = 6.5 }`).

use crate::profile::{LineIndex, Override, Problem, ProfileError, first_problems};
use crate::safe_text::{escape_controls, has_control};
use toml::de::{DeTable, DeValue};

#[derive(Debug, Clone, PartialEq)]
pub struct Scenario {
    pub name: String,
    /// Where it was defined: `--scenario`, or `FILE:LINE`.
    pub source: String,
    pub edits: Vec<Override>,
}

/// Parses `NAME: KEY=VALUE, KEY=VALUE`.
pub fn parse_scenario_arg(text: &str) -> Result<Scenario, String> {
    let usage = "write it as 'NAME: KEY=VALUE, KEY=VALUE', e.g. --scenario 'deputy+admin: deputy.hours=6.5, admin.hours=10'";
    let Some((name, edits)) = text.split_once(':') else {
        return Err(format!("--scenario '{text}': no name: {usage}"));
    };
    let name = name.trim();
    if name.is_empty() {
        return Err(format!("--scenario '{text}': the name is empty: {usage}"));
    }
    if has_control(name) {
        return Err(format!(
            "--scenario '{}': the name holds a control or invisible character (a line break, tab, terminal escape, or a zero-width or direction mark): write it as plain text",
            escape_controls(text)
        ));
    }
    let edits = edits
        .split(',')
        .map(str::trim)
        .filter(|e| !e.is_empty())
        .map(|edit| {
            Override::parse(edit)
                .map(|o| o.via(format!("--scenario '{name}: ...{edit}'")))
                .map_err(|e| format!("--scenario '{text}': {edit}: {e}"))
        })
        .collect::<Result<Vec<_>, _>>()?;
    Ok(Scenario {
        name: name.to_string(),
        source: "command line".to_string(),
        edits,
    })
}

struct FileReader<'a> {
    file: &'a str,
    index: LineIndex<'a>,
    problems: Vec<(Problem, Option<usize>)>,
}

impl FileReader<'_> {
    fn position(&self, offset: usize) -> (usize, usize) {
        self.index.position(offset)
    }

    fn report(&mut self, key: &str, offset: usize, message: String, hint: &str) {
        self.problems.push((
            Problem::new(self.file, message).key(key).hint(hint),
            Some(offset),
        ));
    }
}

const EXAMPLE: &str = "[[scenario]]\nname = \"deputy\"\nset = { \"deputy.hours\" = 6.5 }";

/// Reads a scenario file. Every problem is reported, each with the line;
/// the edits themselves are validated when applied to the baseline, with
/// the scenario's name and line in any message.
pub fn parse_scenario_file(file: &str, text: &str) -> Result<Vec<Scenario>, ProfileError> {
    let fail = |message: String, at: Option<(usize, usize)>| ProfileError {
        problems: vec![Problem::new(file, message).at(at).hint(format!(
            "a scenario file lists scenarios like this:\n{EXAMPLE}"
        ))],
    };
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut reader = FileReader {
        file,
        index: LineIndex::new(text),
        problems: Vec::new(),
    };
    let document = match DeTable::parse(text) {
        Ok(doc) => doc,
        Err(err) => {
            let at = err.span().map(|s| reader.position(s.start));
            return Err(fail(
                format!("this is not valid TOML: {}", err.message().trim_end()),
                at,
            ));
        }
    };
    let mut scenarios = Vec::new();
    for (key, _) in document.get_ref().iter() {
        if key.get_ref() != "scenario" {
            reader.report(
                key.get_ref(),
                key.span().start,
                format!("unknown key `{}`", key.get_ref()),
                "a scenario file holds only [[scenario]] tables",
            );
        }
    }
    match document
        .get_ref()
        .get("scenario")
        .map(|v| (v.get_ref(), v.span()))
    {
        Some((DeValue::Array(items), _)) => {
            for item in items.iter() {
                if let Some(s) = read_scenario(&mut reader, item.get_ref(), item.span().start) {
                    scenarios.push(s);
                }
            }
        }
        Some((_, span)) => reader.report(
            "scenario",
            span.start,
            "must be a list of tables".to_string(),
            "write each scenario under its own [[scenario]] header",
        ),
        None => {
            return Err(fail(
                "the file has no [[scenario]] tables".to_string(),
                None,
            ));
        }
    }
    let mut seen = std::collections::HashSet::new();
    for s in &scenarios {
        if !seen.insert(s.name.as_str()) {
            reader.problems.push((
                Problem::new(file, format!("the name \"{}\" is used twice", s.name))
                    .key("name")
                    .via(Some(s.source.clone()))
                    .hint("give every scenario its own name"),
                None,
            ));
        }
    }
    if reader.problems.is_empty() {
        Ok(scenarios)
    } else {
        Err(ProfileError {
            problems: first_problems(file, text, reader.problems, 0),
        })
    }
}

fn read_scenario(
    reader: &mut FileReader<'_>,
    value: &DeValue<'_>,
    offset: usize,
) -> Option<Scenario> {
    let DeValue::Table(table) = value else {
        reader.report("scenario", offset, "must be a table".to_string(), EXAMPLE);
        return None;
    };
    for (key, _) in table.iter() {
        if !matches!(key.get_ref().as_ref(), "name" | "set" | "scale") {
            let hint = if key.get_ref().contains('.') || key.get_ref() == "changes" {
                "put the profile keys inside `set`, e.g. set = { \"deputy.hours\" = 6.5 }"
            } else {
                "a scenario has only `name`, `set` and `scale`"
            };
            reader.report(
                &format!("scenario.{}", key.get_ref()),
                key.span().start,
                format!("unknown key `{}`", key.get_ref()),
                hint,
            );
        }
    }
    let name = match table.get("name").map(|v| (v.get_ref(), v.span())) {
        Some((DeValue::String(name), span)) if has_control(name) => {
            reader.report(
                "scenario.name",
                span.start,
                format!(
                    "\"{}\" holds a control or invisible character (a line break, tab, terminal escape, or a zero-width or direction mark)",
                    escape_controls(name)
                ),
                "write the name as plain text on one line, e.g. name = \"deputy\"",
            );
            return None;
        }
        Some((DeValue::String(name), _)) if !name.trim().is_empty() => name.trim().to_string(),
        Some((_, span)) => {
            reader.report(
                "scenario.name",
                span.start,
                "must be non-empty text".to_string(),
                "e.g. name = \"deputy\"",
            );
            return None;
        }
        None => {
            reader.report(
                "scenario.name",
                offset,
                "a scenario needs a name".to_string(),
                "e.g. name = \"deputy\"",
            );
            return None;
        }
    };
    let (line, _) = reader.position(offset);
    let source = format!("{}:{line}", reader.file);
    let mut edits = Vec::new();
    match table.get("set").map(|v| (v.get_ref(), v.span())) {
        Some((DeValue::Table(set), _)) => {
            for (key, value) in set.iter() {
                collect_edits(
                    reader,
                    (&name, false),
                    key.get_ref(),
                    key.span().start,
                    value,
                    &mut edits,
                );
            }
        }
        Some((_, span)) => reader.report(
            "scenario.set",
            span.start,
            "must be a table of profile keys".to_string(),
            "e.g. set = { \"deputy.hours\" = 6.5, \"admin.hours\" = 10 }",
        ),
        None => {}
    }
    // `scale`: numbers multiplied, so that a scenario respects the
    // school's own value (SPEC section 10).
    match table.get("scale").map(|v| (v.get_ref(), v.span())) {
        Some((DeValue::Table(scale), _)) => {
            for (key, value) in scale.iter() {
                collect_edits(
                    reader,
                    (&name, true),
                    key.get_ref(),
                    key.span().start,
                    value,
                    &mut edits,
                );
            }
        }
        Some((_, span)) => reader.report(
            "scenario.scale",
            span.start,
            "must be a table of assumptions and factors".to_string(),
            "e.g. scale = { \"assumptions.sen-support-hours\" = 1.25 }",
        ),
        None => {}
    }
    Some(Scenario {
        name,
        source,
        edits,
    })
}

/// `set` may hold quoted dotted keys (`"deputy.hours" = 6.5`) or, as TOML
/// also allows, nested ones (`deputy.hours = 6.5`, `deputy = { hours = 6.5 }`).
fn collect_edits(
    reader: &mut FileReader<'_>,
    (scenario, scale): (&str, bool),
    key: &str,
    offset: usize,
    value: &toml::Spanned<DeValue<'_>>,
    edits: &mut Vec<Override>,
) {
    if let DeValue::Table(inner) = value.get_ref()
        && !key.contains('.')
    {
        for (k, v) in inner.iter() {
            collect_edits(
                reader,
                (scenario, scale),
                &format!("{key}.{}", k.get_ref()),
                k.span().start,
                v,
                edits,
            );
        }
        return;
    }
    let (line, column) = reader.position(offset);
    let via = format!("{}:{line}:{column}: scenario \"{scenario}\"", reader.file);
    let edit = if scale {
        let factor = match value.get_ref() {
            DeValue::Integer(i) => i.as_str().to_string(),
            DeValue::Float(f) => f.as_str().to_string(),
            DeValue::String(text) => text.to_string(),
            _ => String::new(),
        };
        Override::scaled(key, &factor)
    } else {
        Override::from_toml(key, value.get_ref())
    };
    let table = if scale { "scale" } else { "set" };
    match edit {
        Ok(edit) => edits.push(edit.via(via)),
        Err(message) => reader.report(
            &format!("scenario.{table}.{key}"),
            offset,
            message,
            if scale {
                "scale an assumption by a factor, e.g. \"assumptions.sen-support-hours\" = 1.25 (or \"4/3\")"
            } else {
                "name a profile key as table.key, e.g. \"senco.teaching-hours\" = 7.5"
            },
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_scenario_argument_has_a_name_and_edits() {
        let s = parse_scenario_arg("deputy+admin: deputy.hours=6.5, admin.hours=10").unwrap();
        assert_eq!(s.name, "deputy+admin");
        assert_eq!(s.edits.len(), 2);
        assert_eq!(s.edits[1].key(), "admin.hours");
        assert!(parse_scenario_arg("deputy.hours=6.5").is_err());
        assert!(parse_scenario_arg(": deputy.hours=6.5").is_err());
        assert!(parse_scenario_arg("x: deputy=6.5").is_err());
    }

    /// `scale` multiplies; `KEY*=FACTOR` does the same on the command line.
    #[test]
    fn scenarios_may_scale_a_number() {
        let text = "[[scenario]]\nname = \"isp\"\nscale = { \"assumptions.sen-support-hours\" = \"4/3\", \"assumptions.agency-hours\" = 1.25 }\n";
        let scenarios = parse_scenario_file("s.toml", text).unwrap();
        let factors: Vec<Option<f64>> = scenarios[0].edits.iter().map(|e| e.scale).collect();
        // In key order: agency-hours, then sen-support-hours.
        assert_eq!(factors, [Some(1.25), Some(4.0 / 3.0)]);
        let arg = parse_scenario_arg("isp: assumptions.sen-support-hours*=1.5").unwrap();
        assert_eq!(arg.edits[0].scale, Some(1.5));
        let bad = parse_scenario_file(
            "s.toml",
            "[[scenario]]\nname = \"x\"\nscale = { \"school.pupils\" = 2 }\n",
        )
        .unwrap_err();
        assert!(
            bad.problems[0]
                .message
                .contains("only [assumptions], [costs] and [growth] numbers can be scaled")
        );
    }

    #[test]
    fn a_scenario_file_accepts_quoted_and_nested_keys() {
        let text = "[[scenario]]\nname = \"a\"\nset = { \"deputy.hours\" = 6.5 }\n\n[[scenario]]\nname = \"b\"\nset.admin.hours = 10\nset.tas = { structure = \"distributed\", lead-tas = 2 }\n";
        let scenarios = parse_scenario_file("s.toml", text).unwrap();
        assert_eq!(scenarios.len(), 2);
        assert_eq!(scenarios[0].source, "s.toml:1");
        let keys: Vec<_> = scenarios[1].edits.iter().map(Override::key).collect();
        assert_eq!(keys, ["admin.hours", "tas.lead-tas", "tas.structure"]);
    }

    #[test]
    fn a_bad_scenario_file_reports_every_problem_with_its_line() {
        let text = "[[scenario]]\nnme = \"a\"\n\n[[scenario]]\nname = \"b\"\nchanges = 1\n[[scenario]]\nname = \"b\"\n";
        let err = parse_scenario_file("s.toml", text).unwrap_err();
        let shown = err.to_string();
        assert!(
            shown.contains("s.toml, line 2, column 1: scenario.nme: unknown key `nme`"),
            "{shown}"
        );
        assert!(
            shown.contains("s.toml, line 6, column 1: scenario.changes: unknown key"),
            "{shown}"
        );
        assert!(shown.contains("the name \"b\" is used twice"), "{shown}");
    }
}
