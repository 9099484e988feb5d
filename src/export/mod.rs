//! Output formats, one exporter per file (as hyperfine's `src/export/`).
//! Every exporter renders the same reports; none recomputes the model.

mod chart;
mod csv;
mod document;
mod html;
mod json;
mod markdown;
mod table;

use crate::audit::Audit;
use crate::batch::{Record, SchoolLine, Summary};
use crate::compare::Comparison;
use crate::explain::Explanation;
use crate::forecast::Forecast;
use crate::plan::PlanResult;
use crate::report::Report;
use crate::sensitivity::Sensitivity;
use crate::sweep::{SweepHead, SweepRow};

pub use self::csv::CsvExporter;
pub use self::html::report_html;
pub use self::json::{JsonExporter, NdjsonExporter};
pub use self::markdown::MarkdownExporter;
pub use self::table::TableExporter;

#[derive(Debug, thiserror::Error)]
pub enum ExportError {
    #[error("could not write JSON: {0}")]
    Json(#[from] serde_json::Error),
    #[error("could not write CSV: {0}")]
    Csv(#[from] ::csv::Error),
    /// Text a writer made that is not UTF-8 (neither csv nor serde_json
    /// makes any from valid input).
    #[error("could not write the output as text: {0}")]
    Text(#[from] std::string::FromUtf8Error),
}

/// Turns results into the text of one output format; every command's
/// output goes through the same exporter for a format.
pub trait Exporter: Send + Sync {
    fn assess(&self, reports: &[Report]) -> Result<String, ExportError>;
    fn compare(&self, comparison: &Comparison) -> Result<String, ExportError>;

    /// A sweep, streamed as a batch is: the start, each point, then the
    /// end, which gets every point only where `keeps_points` (a table
    /// needs them all; CSV and JSON write each as it comes).
    fn sweep_start(&self, head: &SweepHead) -> Result<String, ExportError>;
    fn sweep_point(
        &self,
        head: &SweepHead,
        first: bool,
        row: &SweepRow,
    ) -> Result<String, ExportError>;
    fn sweep_end(&self, head: &SweepHead, rows: &[SweepRow]) -> Result<String, ExportError>;
    fn keeps_points(&self) -> bool {
        false
    }

    fn plan(&self, plan: &PlanResult) -> Result<String, ExportError>;

    /// Many schools, streamed: the start of the output, one record at a
    /// time in input order, then the end with the summary (and, where
    /// `keeps_lines`, every school's line, sorted as asked).
    /// `forecast_years`: with `--forecast`, so that CSV can head its columns.
    fn batch_start(&self, _forecast_years: Option<u32>) -> Result<String, ExportError> {
        Ok(String::new())
    }
    fn batch_record(&self, first: bool, record: &Record) -> Result<String, ExportError>;
    fn batch_end(&self, summary: &Summary, schools: &[SchoolLine]) -> Result<String, ExportError>;
    /// Whether `batch_end` needs every school's line (kept by the caller).
    fn keeps_lines(&self) -> bool {
        false
    }
    /// The summary alone (`--summary-only`).
    fn summary(&self, summary: &Summary) -> Result<String, ExportError>;

    /// The model's numbers and, with a school, its working.
    fn explain(&self, explanation: &Explanation) -> Result<String, ExportError>;

    /// What the verdict turns on: the tornado of one-at-a-time ranges.
    fn sensitivity(&self, sensitivity: &Sensitivity) -> Result<String, ExportError>;

    /// A time log against the model: measured, modelled, calibrated.
    fn audit(&self, audit: &Audit) -> Result<String, ExportError>;

    /// The years ahead: today's staffing against the staged plan.
    /// Without scenarios one forecast; with them, one for each.
    fn forecast(&self, forecasts: &[Forecast]) -> Result<String, ExportError>;
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Table,
    Json,
    Ndjson,
    Csv,
    Markdown,
}

/// The exporter for a format. `terminal` is the width of the terminal the
/// output is read on, if it is: the table format then adds charts and fits
/// its tables to the width; `colour` colours bands.
pub fn exporter(format: Format, terminal: Option<u16>, colour: bool) -> Box<dyn Exporter> {
    match format {
        Format::Table => Box::new(TableExporter {
            charts: terminal.is_some(),
            colour,
            width: terminal,
        }),
        Format::Json => Box::new(JsonExporter),
        Format::Ndjson => Box::new(NdjsonExporter),
        Format::Csv => Box::new(CsvExporter),
        Format::Markdown => Box::new(MarkdownExporter),
    }
}
