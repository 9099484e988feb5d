use super::document::{Block, Draw, Grid};
use comfy_table::{
    Cell, CellAlignment, Color, ColumnConstraint, ContentArrangement, Table,
    presets::UTF8_FULL_CONDENSED,
};

/// The terminal view: headlines, tables and checks.
pub struct TableExporter {
    /// Draw charts too (only on a terminal: a file or pipe gets plain tables).
    pub charts: bool,
    /// Colour the bands (a terminal without NO_COLOR, or --color always).
    pub colour: bool,
    /// The terminal's width: tables wrap their cells to fit it. None (a
    /// file or pipe): rows stay whole, one line each.
    pub width: Option<u16>,
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

/// A text column is not squeezed below this many characters; a table that
/// cannot fit its width so is shown a record at a time instead.
const MIN_TEXT_WIDTH: usize = 16;

/// The widest line of a cell, in characters.
fn cell_width(text: &str) -> usize {
    text.lines().map(|l| l.chars().count()).max().unwrap_or(0)
}

/// A column's widest cell, header included.
fn column_width(grid: &Grid, index: usize) -> usize {
    std::iter::once(&grid.header)
        .chain(&grid.rows)
        .filter_map(|row| row.get(index))
        .map(|cell| cell_width(cell))
        .max()
        .unwrap_or(0)
}

/// The narrowest the table can be with numbers whole and text columns
/// at least `MIN_TEXT_WIDTH` wide: each column adds a space either side
/// and a rule.
fn narrowest(grid: &Grid) -> usize {
    1 + (0..grid.header.len())
        .map(|i| {
            let content = column_width(grid, i);
            let shown = if i >= grid.numbers_from {
                content
            } else {
                content.min(MIN_TEXT_WIDTH)
            };
            shown + 3
        })
        .sum::<usize>()
}

fn table(header: &[String], rows: &[Vec<String>], colour: bool) -> Table {
    let mut table = Table::new();
    table.load_style(UTF8_FULL_CONDENSED).set_header(header);
    if colour {
        table.enforce_styling();
    } else {
        table.force_no_tty();
    }
    for row in rows {
        table.add_row(
            row.iter()
                .map(|text| match band_colour(text).filter(|_| colour) {
                    Some(c) => Cell::new(text).fg(c),
                    None => Cell::new(text),
                }),
        );
    }
    table
}

/// A table as wide as its content (a file or pipe: rows stay whole); on a
/// terminal, fitted to its width with text columns wrapped, or, where even
/// that would not fit, one small table a record.
fn draw(grid: &Grid, colour: bool, width: Option<u16>) -> String {
    let mut whole = table(&grid.header, &grid.rows, colour);
    whole.set_content_arrangement(ContentArrangement::Disabled);
    for index in grid.numbers_from..grid.header.len() {
        if let Some(column) = whole.column_mut(index) {
            column.set_cell_alignment(CellAlignment::Right);
        }
    }
    let Some(width) = width else {
        return whole.to_string();
    };
    let text = whole.to_string();
    if text
        .lines()
        .all(|l| l.chars().count() <= usize::from(width))
    {
        return text;
    }
    if narrowest(grid) <= usize::from(width) {
        whole
            .set_content_arrangement(ContentArrangement::Dynamic)
            .set_width(width);
        for index in 0..grid.header.len() {
            if let Some(column) = whole.column_mut(index) {
                // Numbers and bands are never broken: the text columns wrap.
                let constraint = if index >= grid.numbers_from {
                    ColumnConstraint::ContentWidth
                } else {
                    ColumnConstraint::LowerBoundary(comfy_table::Width::Fixed(
                        column_width(grid, index).min(MIN_TEXT_WIDTH) as u16,
                    ))
                };
                column.set_constraint(constraint);
            }
        }
        return whole.to_string();
    }
    records(grid, colour, width)
}

/// Each row as a two-column table of its header and values, for tables
/// too wide for the terminal (as `psql`'s expanded display).
fn records(grid: &Grid, colour: bool, width: u16) -> String {
    let mut out = Vec::new();
    for row in &grid.rows {
        let (Some(first_header), Some(first)) = (grid.header.first(), row.first()) else {
            continue;
        };
        let pairs: Vec<Vec<String>> = grid
            .header
            .iter()
            .zip(row)
            .skip(1)
            .map(|(h, v)| vec![h.clone(), v.clone()])
            .collect();
        let mut record = table(&[first_header.clone(), first.clone()], &pairs, colour);
        record
            .set_content_arrangement(ContentArrangement::Dynamic)
            .set_width(width);
        if let Some(column) = record.column_mut(0) {
            column.set_constraint(ColumnConstraint::ContentWidth);
        }
        out.push(record.to_string());
    }
    out.join("\n")
}

fn render(blocks: Vec<Block>, out: &mut String, colour: bool, width: Option<u16>) {
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
                out.push_str(&draw(&grid, colour, width));
                out.push('\n');
            }
        }
    }
}

impl Draw for TableExporter {
    fn draw(&self, blocks: Vec<Block>) -> String {
        let mut out = String::new();
        render(blocks, &mut out, self.colour, self.width);
        out
    }

    fn charts(&self) -> bool {
        self.charts
    }
}
