use super::document::{Block, Grid, layout};
use super::{ExportError, Exporter};
use crate::report::Report;
use comfy_table::{CellAlignment, ContentArrangement, Table, presets::UTF8_FULL_CONDENSED};

/// The terminal view: headline, tables and checks for each school.
pub struct TableExporter;

fn draw(grid: &Grid) -> String {
    let mut table = Table::new();
    table
        .load_style(UTF8_FULL_CONDENSED)
        .set_content_arrangement(ContentArrangement::Disabled)
        .set_header(&grid.header);
    for row in &grid.rows {
        table.add_row(row);
    }
    for index in grid.numbers_from..grid.header.len() {
        if let Some(column) = table.column_mut(index) {
            column.set_cell_alignment(CellAlignment::Right);
        }
    }
    table.to_string()
}

impl Exporter for TableExporter {
    fn assess(&self, reports: &[Report]) -> Result<String, ExportError> {
        let mut out = String::new();
        for (i, report) in reports.iter().enumerate() {
            if i > 0 {
                out.push('\n');
            }
            for block in layout(report) {
                match block {
                    Block::Title(text) => out.push_str(&format!("{text}\n")),
                    Block::Heading(text) => out.push_str(&format!("\n{text}\n")),
                    Block::Paragraph(text) => out.push_str(&format!("{text}\n")),
                    Block::List(items) => {
                        for item in items {
                            out.push_str(&format!("- {item}\n"));
                        }
                    }
                    Block::Table(grid) => {
                        out.push_str(&draw(&grid));
                        out.push('\n');
                    }
                }
            }
        }
        Ok(out)
    }
}
