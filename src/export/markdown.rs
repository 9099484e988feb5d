use super::document::{Block, Draw, Grid};

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

impl Draw for MarkdownExporter {
    fn draw(&self, blocks: Vec<Block>) -> String {
        let mut out = String::new();
        render(blocks, &mut out);
        out
    }
}
