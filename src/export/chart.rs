//! A small bar chart of score against a varied value, for terminals:
//! people read a curve faster than a column.

const WIDTH: usize = 40;
const EIGHTHS: [char; 8] = [' ', '▏', '▎', '▍', '▌', '▋', '▊', '▉'];

/// One bar a row for scores, scaled so that 100 fills the width.
pub(super) fn score_bars(title: &str, rows: &[(String, u32)]) -> String {
    let rows: Vec<(String, f64, String)> = rows
        .iter()
        .map(|(label, score)| (label.clone(), f64::from(*score), format!("{score:>3}")))
        .collect();
    bars(title, &rows, 100.0)
}

/// One bar a row: (label, value, value as shown), scaled so that `most`
/// fills the width.
pub(super) fn bars(title: &str, rows: &[(String, f64, String)], most: f64) -> String {
    let label_width = rows
        .iter()
        .map(|(l, _, _)| l.chars().count())
        .max()
        .unwrap_or(0);
    let mut out = format!("{title}\n");
    for (label, value, shown) in rows {
        let share = if most > 0.0 {
            (value / most).clamp(0.0, 1.0)
        } else {
            0.0
        };
        let eighths = (share * (WIDTH * 8) as f64).round() as usize;
        let mut bar = "█".repeat(eighths / 8);
        if let Some(part) = EIGHTHS.get(eighths % 8).filter(|c| **c != ' ') {
            bar.push(*part);
        }
        out.push_str(&format!("{label:>label_width$} │{bar:<WIDTH$} {shown}\n"));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bars_are_proportional_to_the_score() {
        let chart = score_bars(
            "t",
            &[("0".into(), 100), ("10".into(), 50), ("20".into(), 0)],
        );
        let lines: Vec<_> = chart.lines().collect();
        assert_eq!(lines[1].matches('█').count(), 40);
        assert_eq!(lines[2].matches('█').count(), 20);
        assert_eq!(lines[3].matches('█').count(), 0);
        assert!(lines[1].starts_with(" 0 │"));
    }
}
