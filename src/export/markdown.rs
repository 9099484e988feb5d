use super::document::{Block, Draw, Grid};
use crate::safe_text::{markdown_block, markdown_inline};

/// Markdown to paste into a governors' paper. Every text is escaped, since
/// names, sources and scenario names come from input (SPEC section 12).
pub struct MarkdownExporter;

/// A table cell: escaped, with senco-plan's own line breaks as `<br>`.
fn cell(text: &str) -> String {
    text.trim()
        .split('\n')
        .map(markdown_inline)
        .collect::<Vec<_>>()
        .join("<br>")
}

fn draw(grid: &Grid) -> String {
    let row = |cells: &[String], bold: bool| {
        let shown: Vec<String> = cells
            .iter()
            .map(|c| cell(c))
            .map(|c| {
                if bold && !c.is_empty() {
                    format!("**{c}**")
                } else {
                    c
                }
            })
            .collect();
        format!("| {} |\n", shown.join(" | "))
    };
    let mut out = row(&grid.header, false);
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
    for (i, cells) in grid.rows.iter().enumerate() {
        out.push_str(&row(cells, grid.sums.contains(&i)));
    }
    out
}

fn render(blocks: Vec<Block>, out: &mut String) {
    for block in blocks {
        let text = match block {
            Block::Title(text) => format!("## {}\n", markdown_inline(&text)),
            Block::Heading(text) => format!("### {}\n", markdown_inline(&text)),
            Block::Paragraph(text) => format!("{}\n", markdown_block(&text)),
            Block::List(items) => items
                .iter()
                .map(|i| format!("- {}\n", markdown_block(i)))
                .collect(),
            Block::Table(grid) => draw(&grid),
        };
        out.push_str(&text);
        out.push('\n');
    }
}

impl Draw for MarkdownExporter {
    fn draw(&self, blocks: Vec<Block>) -> String {
        let mut out = String::new();
        render(blocks, &mut out);
        out
    }
}
