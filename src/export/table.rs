use super::document::{Block, Draw, Grid};
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

impl Draw for TableExporter {
    fn draw(&self, blocks: Vec<Block>) -> String {
        let mut out = String::new();
        render(blocks, &mut out, self.colour);
        out
    }

    fn charts(&self) -> bool {
        self.charts
    }
}
