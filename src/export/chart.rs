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

/// A tornado: for each row (label, score at low, score at high), a bar from
/// the lower score to the higher, around the school's score `now`; `|`
/// marks `now`. The widest swing fills the half-width either side.
pub(super) fn tornado(title: &str, now: u32, rows: &[(String, u32, u32)]) -> String {
    const HALF: usize = 20;
    let label_width = rows
        .iter()
        .map(|(l, _, _)| l.chars().count())
        .max()
        .unwrap_or(0);
    let reach = rows
        .iter()
        .flat_map(|(_, a, b)| [a.abs_diff(now), b.abs_diff(now)])
        .max()
        .unwrap_or(0)
        .max(1) as f64;
    let cells = |points: u32| ((f64::from(points) / reach) * HALF as f64).round() as usize;
    let mut out = format!("{title}\n");
    for (label, low, high) in rows {
        let (lo, hi) = (*low.min(high), *low.max(high));
        let left = cells(now.saturating_sub(lo)).min(HALF);
        let right = cells(hi.saturating_sub(now)).min(HALF);
        let bar = format!(
            "{}{}|{}{}",
            " ".repeat(HALF - left),
            "█".repeat(left),
            "█".repeat(right),
            " ".repeat(HALF - right)
        );
        out.push_str(&format!("{label:>label_width$} {bar} {lo}-{hi}\n"));
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

    #[test]
    fn a_tornado_spreads_each_range_around_the_score() {
        // Now 50: one range 40-60 (the widest, filling both halves), one
        // 50-55 (a quarter of a half, to the right only).
        let chart = tornado("t", 50, &[("a".into(), 40, 60), ("b".into(), 55, 50)]);
        let lines: Vec<_> = chart.lines().collect();
        assert_eq!(lines[1].matches('█').count(), 40);
        assert!(lines[1].ends_with(" 40-60"));
        let (left, right) = lines[2].split_once('|').unwrap();
        assert_eq!(left.matches('█').count(), 0);
        assert_eq!(right.matches('█').count(), 10);
        assert!(lines[2].ends_with(" 50-55"));
    }
}
