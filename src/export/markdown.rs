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
use crate::sweep::Sweep;

/// Markdown to paste into a governors' paper.
pub struct MarkdownExporter;

fn escape(cell: &str) -> String {
    cell.trim().replace('|', "\\|").replace('\n', "<br>")
}

fn draw(grid: &Grid) -> String {
    let mut out = format!(
        "| {} |\n",
        grid.header
            .iter()
            .map(|h| escape(h))
            .collect::<Vec<_>>()
            .join(" | ")
    );
    let rule: Vec<&str> = (0..grid.header.len())
        .map(|i| {
            if i >= grid.numbers_from {
                "---:"
            } else {
                "---"
            }
        })
        .collect();
    out.push_str(&format!("| {} |\n", rule.join(" | ")));
    for row in &grid.rows {
        out.push_str(&format!(
            "| {} |\n",
            row.iter()
                .map(|c| escape(c))
                .collect::<Vec<_>>()
                .join(" | ")
        ));
    }
    out
}

fn render(blocks: Vec<Block>, out: &mut String) {
    for block in blocks {
        let text = match block {
            Block::Title(text) => format!("## {text}\n"),
            Block::Heading(text) => format!("### {text}\n"),
            Block::Paragraph(text) => format!("{text}\n"),
            Block::List(items) => items.iter().map(|i| format!("- {i}\n")).collect(),
            Block::Table(grid) => draw(&grid),
        };
        out.push_str(&text);
        out.push('\n');
    }
}

impl Exporter for MarkdownExporter {
    fn assess(&self, reports: &[Report]) -> Result<String, ExportError> {
        let mut out = String::new();
        for report in reports {
            render(layout(report), &mut out);
        }
        Ok(out)
    }

    fn compare(&self, comparison: &Comparison) -> Result<String, ExportError> {
        let mut out = String::new();
        render(layout_compare(comparison), &mut out);
        Ok(out)
    }

    fn sweep(&self, sweep: &Sweep) -> Result<String, ExportError> {
        let mut out = String::new();
        render(layout_sweep(sweep), &mut out);
        Ok(out)
    }

    fn plan(&self, plan: &PlanResult) -> Result<String, ExportError> {
        let mut out = String::new();
        render(layout_plan(plan), &mut out);
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
        render(layout_batch(summary, schools), &mut out);
        Ok(out)
    }

    fn explain(&self, explanation: &Explanation) -> Result<String, ExportError> {
        let mut out = String::new();
        render(layout_explain(explanation), &mut out);
        Ok(out)
    }

    fn summary(&self, summary: &Summary) -> Result<String, ExportError> {
        let mut out = String::new();
        render(layout_summary(summary), &mut out);
        Ok(out)
    }
}
