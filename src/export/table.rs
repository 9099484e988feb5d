use super::chart::{bars, score_bars};
use super::document::{
    Block, Grid, layout, layout_batch, layout_compare, layout_explain, layout_plan, layout_summary,
    layout_sweep,
};
use super::{ExportError, Exporter};
use crate::batch::{Record, SchoolLine, Summary};
use crate::compare::Comparison;
use crate::explain::Explanation;
use crate::plan::PlanResult;
use crate::report::Report;
use crate::round::money;
use crate::sweep::Sweep;
use comfy_table::{
    Cell, CellAlignment, Color, ContentArrangement, Table, presets::UTF8_FULL_CONDENSED,
};

/// The terminal view: headlines, tables and checks.
pub struct TableExporter {
    /// Draw charts too (only on a terminal: a file or pipe gets plain tables).
    pub charts: bool,
    /// Colour the bands (a terminal without NO_COLOR, or --color always).
    pub colour: bool,
}

/// The colour a band is shown in, when colour is on.
fn band_colour(text: &str) -> Option<Color> {
    match text {
        "manageable" => Some(Color::Green),
        "stretched" => Some(Color::Yellow),
        "overloaded" => Some(Color::Magenta),
        "unmanageable" => Some(Color::Red),
        _ => None,
    }
}

fn draw(grid: &Grid, colour: bool) -> String {
    let mut table = Table::new();
    table
        .load_style(UTF8_FULL_CONDENSED)
        .set_content_arrangement(ContentArrangement::Disabled)
        .set_header(&grid.header);
    if colour {
        table.enforce_styling();
    } else {
        table.force_no_tty();
    }
    for row in &grid.rows {
        table.add_row(
            row.iter()
                .map(|text| match band_colour(text).filter(|_| colour) {
                    Some(c) => Cell::new(text).fg(c),
                    None => Cell::new(text),
                }),
        );
    }
    for index in grid.numbers_from..grid.header.len() {
        if let Some(column) = table.column_mut(index) {
            column.set_cell_alignment(CellAlignment::Right);
        }
    }
    table.to_string()
}

fn render(blocks: Vec<Block>, out: &mut String, colour: bool) {
    for block in blocks {
        match block {
            Block::Title(text) | Block::Paragraph(text) => out.push_str(&format!("{text}\n")),
            Block::Heading(text) => out.push_str(&format!("\n{text}\n")),
            Block::List(items) => {
                for item in items {
                    out.push_str(&format!("- {item}\n"));
                }
            }
            Block::Table(grid) => {
                out.push_str(&draw(&grid, colour));
                out.push('\n');
            }
        }
    }
}

impl Exporter for TableExporter {
    fn assess(&self, reports: &[Report]) -> Result<String, ExportError> {
        let mut out = String::new();
        for (i, report) in reports.iter().enumerate() {
            if i > 0 {
                out.push('\n');
            }
            render(layout(report), &mut out, self.colour);
        }
        Ok(out)
    }

    fn compare(&self, comparison: &Comparison) -> Result<String, ExportError> {
        let mut out = String::new();
        render(layout_compare(comparison), &mut out, self.colour);
        Ok(out)
    }

    fn sweep(&self, sweep: &Sweep) -> Result<String, ExportError> {
        let mut out = String::new();
        render(layout_sweep(sweep), &mut out, self.colour);
        if let ([key], true) = (sweep.vary.as_slice(), self.charts) {
            let rows: Vec<(String, u32)> = sweep
                .rows
                .iter()
                .map(|r| {
                    (
                        r.values
                            .get(key)
                            .map(ToString::to_string)
                            .unwrap_or_default(),
                        r.score,
                    )
                })
                .collect();
            out.push('\n');
            out.push_str(&score_bars(&format!("Score by {key}"), &rows));
        }
        Ok(out)
    }

    fn plan(&self, plan: &PlanResult) -> Result<String, ExportError> {
        let mut out = String::new();
        render(layout_plan(plan), &mut out, self.colour);
        if let (Some(frontier), true) = (&plan.frontier, self.charts) {
            let most = frontier.iter().map(|p| p.annual_cost).fold(0.0, f64::max);
            let rows: Vec<(String, f64, String)> = frontier
                .iter()
                .map(|p| (p.score.to_string(), p.annual_cost, money(p.annual_cost)))
                .collect();
            out.push('\n');
            out.push_str(&bars("Annual cost by score", &rows, most));
        }
        Ok(out)
    }

    fn batch_record(&self, _: bool, _: &Record) -> Result<String, ExportError> {
        Ok(String::new())
    }

    fn keeps_lines(&self) -> bool {
        true
    }

    fn batch_end(&self, summary: &Summary, schools: &[SchoolLine]) -> Result<String, ExportError> {
        let mut out = String::new();
        render(layout_batch(summary, schools), &mut out, self.colour);
        Ok(out)
    }

    fn explain(&self, explanation: &Explanation) -> Result<String, ExportError> {
        let mut out = String::new();
        render(layout_explain(explanation), &mut out, self.colour);
        Ok(out)
    }

    fn summary(&self, summary: &Summary) -> Result<String, ExportError> {
        let mut out = String::new();
        render(layout_summary(summary), &mut out, self.colour);
        Ok(out)
    }
}
