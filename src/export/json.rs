use super::{ExportError, Exporter};
use crate::report::Report;

/// One input: one object; several: an array (SPEC section 7).
pub struct JsonExporter;

impl Exporter for JsonExporter {
    fn assess(&self, reports: &[Report]) -> Result<String, ExportError> {
        let mut text = match reports {
            [one] => serde_json::to_string_pretty(one)?,
            many => serde_json::to_string_pretty(many)?,
        };
        text.push('\n');
        Ok(text)
    }
}

/// One object a line, for streaming into other tools.
pub struct NdjsonExporter;

impl Exporter for NdjsonExporter {
    fn assess(&self, reports: &[Report]) -> Result<String, ExportError> {
        let mut text = String::new();
        for report in reports {
            text.push_str(&serde_json::to_string(report)?);
            text.push('\n');
        }
        Ok(text)
    }
}
