use super::{ExportError, Exporter};
use crate::audit::Audit;
use crate::batch::{ErrorRecord, Record, SchoolLine, Summary};
use crate::compare::Comparison;
use crate::explain::Explanation;
use crate::forecast::Forecast;
use crate::plan::{Plan, PlanResult};
use crate::report::Report;
use crate::sensitivity::{Sensitivity, SensitivityRow};
use crate::sweep::{SweepHead, SweepRow};
use serde::Serialize;

fn pretty<T: Serialize + ?Sized>(value: &T) -> Result<String, ExportError> {
    let mut text = serde_json::to_string_pretty(value)?;
    text.push('\n');
    Ok(text)
}

/// One element of a streamed array, laid out as `pretty` would lay out the
/// whole array: a comma before all but the first, indented by `indent`.
fn element<T: Serialize + ?Sized>(
    first: bool,
    indent: &str,
    value: &T,
) -> Result<String, ExportError> {
    let text = serde_json::to_string_pretty(value)?;
    let indented: Vec<String> = text.lines().map(|l| format!("{indent}{l}")).collect();
    Ok(format!(
        "{}\n{}",
        if first { "" } else { "," },
        indented.join("\n")
    ))
}

fn lines<T: Serialize>(items: &[T]) -> Result<String, ExportError> {
    let mut text = String::new();
    for item in items {
        text.push_str(&serde_json::to_string(item)?);
        text.push('\n');
    }
    Ok(text)
}

/// One input: one object; several: an array (SPEC section 7).
pub struct JsonExporter;

impl Exporter for JsonExporter {
    fn assess(&self, reports: &[Report]) -> Result<String, ExportError> {
        match reports {
            [one] => pretty(one),
            many => pretty(many),
        }
    }

    fn compare(&self, comparison: &Comparison) -> Result<String, ExportError> {
        pretty(comparison)
    }

    /// The head's fields, then the rows one by one, laid out as
    /// `pretty` would lay out the whole sweep.
    fn sweep_start(&self, head: &SweepHead) -> Result<String, ExportError> {
        let text = serde_json::to_string_pretty(head)?;
        let open = text.strip_suffix("\n}").unwrap_or(&text);
        Ok(format!("{open},\n  \"rows\": ["))
    }

    fn sweep_point(
        &self,
        _: &SweepHead,
        first: bool,
        row: &SweepRow,
    ) -> Result<String, ExportError> {
        element(first, "    ", row)
    }

    fn sweep_end(&self, _: &SweepHead, _: &[SweepRow]) -> Result<String, ExportError> {
        Ok("\n  ]\n}\n".to_string())
    }

    fn plan(&self, plan: &PlanResult) -> Result<String, ExportError> {
        pretty(plan)
    }

    fn batch_start(&self, _: Option<u32>) -> Result<String, ExportError> {
        Ok("[".to_string())
    }

    fn batch_record(&self, first: bool, record: &Record) -> Result<String, ExportError> {
        match record {
            Ok(report) => element(first, "  ", report),
            Err(failure) => element(first, "  ", &ErrorRecord::from(failure)),
        }
    }

    fn batch_end(&self, _: &Summary, _: &[SchoolLine]) -> Result<String, ExportError> {
        Ok("\n]\n".to_string())
    }

    fn summary(&self, summary: &Summary) -> Result<String, ExportError> {
        pretty(summary)
    }

    fn explain(&self, explanation: &Explanation) -> Result<String, ExportError> {
        pretty(explanation)
    }

    fn sensitivity(&self, sensitivity: &Sensitivity) -> Result<String, ExportError> {
        pretty(sensitivity)
    }

    fn audit(&self, audit: &Audit) -> Result<String, ExportError> {
        pretty(audit)
    }

    fn forecast(&self, forecasts: &[Forecast]) -> Result<String, ExportError> {
        match forecasts {
            [one] => pretty(one),
            many => pretty(many),
        }
    }
}

/// A tornado row with the school it belongs to, for one-a-line output.
#[derive(Serialize)]
struct SensitivityLine<'a> {
    schema_version: u32,
    source: &'a str,
    as_of: chrono::NaiveDate,
    #[serde(flatten)]
    row: &'a SensitivityRow,
}

/// Room for one school's ndjson record.
const RECORD_BYTES: usize = 8 * 1024;

/// One object a line, for streaming into other tools: a school, a
/// scenario or a sweep point each.
pub struct NdjsonExporter;

impl Exporter for NdjsonExporter {
    fn assess(&self, reports: &[Report]) -> Result<String, ExportError> {
        lines(reports)
    }

    fn compare(&self, comparison: &Comparison) -> Result<String, ExportError> {
        lines(&comparison.scenarios)
    }

    fn sweep_start(&self, _: &SweepHead) -> Result<String, ExportError> {
        Ok(String::new())
    }

    fn sweep_point(&self, _: &SweepHead, _: bool, row: &SweepRow) -> Result<String, ExportError> {
        lines(std::slice::from_ref(row))
    }

    fn sweep_end(&self, _: &SweepHead, _: &[SweepRow]) -> Result<String, ExportError> {
        Ok(String::new())
    }

    fn plan(&self, plan: &PlanResult) -> Result<String, ExportError> {
        lines(&plan_lines(plan))
    }

    fn batch_record(&self, _: bool, record: &Record) -> Result<String, ExportError> {
        // A school's record is about 6 KB: room for it at once, rather
        // than a buffer doubled and copied seven times on the way.
        let mut bytes = Vec::with_capacity(RECORD_BYTES);
        match record {
            Ok(report) => serde_json::to_writer(&mut bytes, report)?,
            Err(failure) => serde_json::to_writer(&mut bytes, &ErrorRecord::from(failure))?,
        }
        bytes.push(b'\n');
        Ok(String::from_utf8(bytes)?)
    }

    fn batch_end(&self, _: &Summary, _: &[SchoolLine]) -> Result<String, ExportError> {
        Ok(String::new())
    }

    fn summary(&self, summary: &Summary) -> Result<String, ExportError> {
        lines(std::slice::from_ref(summary))
    }

    /// One line per assumption and cost, then the working if any.
    fn explain(&self, explanation: &Explanation) -> Result<String, ExportError> {
        let mut text = lines(&explanation.assumptions)?;
        text.push_str(&lines(&explanation.costs)?);
        text.push_str(&lines(&explanation.growth)?);
        text.push_str(&lines(explanation.working.as_slice())?);
        Ok(text)
    }

    fn sensitivity(&self, s: &Sensitivity) -> Result<String, ExportError> {
        let rows: Vec<SensitivityLine<'_>> = s
            .rows
            .iter()
            .map(|row| SensitivityLine {
                schema_version: s.schema_version,
                source: &s.source,
                as_of: s.as_of,
                row,
            })
            .collect();
        lines(&rows)
    }

    /// The whole audit on one line: its parts mean little apart.
    fn audit(&self, audit: &Audit) -> Result<String, ExportError> {
        lines(std::slice::from_ref(audit))
    }

    /// Each forecast on one line: its years are read together.
    fn forecast(&self, forecasts: &[Forecast]) -> Result<String, ExportError> {
        lines(forecasts)
    }
}

/// A plan with the list it belongs to, for one-line-a-record output.
#[derive(Serialize)]
struct PlanLine<'a> {
    kind: &'static str,
    #[serde(flatten)]
    plan: &'a Plan,
}

fn plan_lines(result: &PlanResult) -> Vec<PlanLine<'_>> {
    let mut out: Vec<PlanLine<'_>> = result
        .plans
        .iter()
        .map(|plan| PlanLine { kind: "plan", plan })
        .collect();
    out.extend(result.best_within_budget.iter().map(|plan| PlanLine {
        kind: "best-within-budget",
        plan,
    }));
    out.extend(result.frontier.iter().flatten().map(|plan| PlanLine {
        kind: "frontier",
        plan,
    }));
    out
}
