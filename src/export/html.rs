//! `senco-plan report`: one self-contained HTML page for governors, with
//! inline CSS and SVG, no scripts and nothing fetched from anywhere.

use crate::compare::Comparison;
use crate::explain::{Explanation, ParamRow};
use crate::model::{Area, Band};
use crate::report::Report;
use crate::round::{hours1, money, show};
use std::fmt::Write as _;

/// Escapes text for HTML.
fn esc(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
    out
}

const STYLE: &str = r#"
:root { color: #1a1a1a; background: #ffffff; font-family: "Segoe UI", Arial, sans-serif; line-height: 1.45; }
body { max-width: 60rem; margin: 2rem auto; padding: 0 1rem; }
h1 { font-size: 1.7rem; margin-bottom: 0.2rem; }
h2 { font-size: 1.25rem; margin-top: 2rem; border-bottom: 2px solid #1f4e79; padding-bottom: 0.2rem; color: #1f4e79; }
.headline { font-size: 1.2rem; font-weight: 600; background: #eef3f8; border-left: 6px solid #1f4e79; padding: 0.7rem 1rem; }
.meta { color: #444444; }
table { border-collapse: collapse; width: 100%; margin: 0.5rem 0 1rem; font-size: 0.92rem; }
th, td { border: 1px solid #9aa5b1; padding: 0.3rem 0.5rem; text-align: left; vertical-align: top; }
th { background: #e4e9ef; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
.band-manageable { color: #0b6b2b; font-weight: 600; }
.band-stretched { color: #7a5500; font-weight: 600; }
.band-overloaded { color: #a23b00; font-weight: 600; }
.band-unmanageable { color: #a1001c; font-weight: 600; }
figure { margin: 1rem 0; }
figcaption { color: #444444; font-size: 0.9rem; }
svg text { font-family: inherit; font-size: 13px; fill: #1a1a1a; }
footer { margin-top: 2.5rem; color: #444444; font-size: 0.85rem; border-top: 1px solid #9aa5b1; padding-top: 0.5rem; }
@page { size: A4; margin: 15mm; }
@media print {
  body { margin: 0; max-width: none; font-size: 10.5pt; }
  h2 { break-after: avoid; }
  table, figure { break-inside: avoid; }
}
"#;

const AREA_COLOURS: [(Area, &str); 5] = [
    (Area::StatutoryCasework, "#1f4e79"),
    (Area::TeachingAndLearning, "#2e7d32"),
    (Area::Deployment, "#8e5a00"),
    (Area::LeadingStaff, "#6a3d9a"),
    (Area::StrategicDirection, "#b3261e"),
];

fn band_cell(band: Band) -> String {
    format!("<span class=\"band-{0}\">{0}</span>", band.as_str())
}

/// Two stacked bars: demand by area, and who covers it.
fn demand_chart(r: &Report) -> String {
    let a = &r.assessment;
    let width = 640.0;
    let scale = if a.demand_hours_per_week > 0.0 {
        width / a.demand_hours_per_week.max(a.capacity_hours_per_week)
    } else {
        0.0
    };
    let mut svg = String::new();
    let mut x = 0.0;
    for (area, colour) in AREA_COLOURS {
        let hours: f64 = a
            .tasks
            .iter()
            .filter(|t| t.area == area)
            .map(|t| t.hours_per_week)
            .sum();
        let w = hours * scale;
        let _ = write!(
            svg,
            "<rect x=\"{:.1}\" y=\"20\" width=\"{w:.1}\" height=\"30\" fill=\"{colour}\"><title>{}: {} h</title></rect>",
            130.0 + x,
            esc(area.as_str()),
            hours1(hours)
        );
        x += w;
    }
    let pools = [
        (
            "SENCO",
            a.tasks.iter().map(|t| t.covered.senco).sum::<f64>(),
            "#1f4e79",
        ),
        (
            "deputy",
            a.tasks.iter().map(|t| t.covered.deputy).sum(),
            "#2e7d32",
        ),
        (
            "admin",
            a.tasks.iter().map(|t| t.covered.admin).sum(),
            "#8e5a00",
        ),
        (
            "lead TAs",
            a.tasks.iter().map(|t| t.covered.lead_tas).sum(),
            "#6a3d9a",
        ),
        ("uncovered", a.shortfall_hours_per_week, "#d9d9d9"),
    ];
    let mut x = 0.0;
    for (label, hours, colour) in pools {
        let w = hours * scale;
        let stroke = if label == "uncovered" {
            " stroke=\"#a1001c\" stroke-dasharray=\"4 2\""
        } else {
            ""
        };
        let _ = write!(
            svg,
            "<rect x=\"{:.1}\" y=\"70\" width=\"{w:.1}\" height=\"30\" fill=\"{colour}\"{stroke}><title>{label}: {} h</title></rect>",
            130.0 + x,
            hours1(hours)
        );
        x += w;
    }
    let description = format!(
        "The role needs {} hours a week; {} are covered ({}%), {} are not.",
        hours1(a.demand_hours_per_week),
        hours1(a.covered_hours_per_week),
        a.score,
        hours1(a.shortfall_hours_per_week)
    );
    let mut legend = String::new();
    for (i, (area, colour)) in AREA_COLOURS.iter().enumerate() {
        let lx = 130.0 + (i % 2) as f64 * 300.0;
        let ly = 125.0 + (i / 2) as f64 * 20.0;
        let _ = write!(
            legend,
            "<rect x=\"{lx}\" y=\"{}\" width=\"12\" height=\"12\" fill=\"{colour}\"/><text x=\"{}\" y=\"{}\">{}</text>",
            ly - 10.0,
            lx + 16.0,
            ly,
            esc(area.as_str())
        );
    }
    format!(
        "<figure><svg role=\"img\" aria-labelledby=\"demand-title demand-desc\" viewBox=\"0 0 790 190\" width=\"100%\"><title id=\"demand-title\">Demand by area against the hours covered</title><desc id=\"demand-desc\">{}</desc><text x=\"0\" y=\"40\">Needs {} h</text><text x=\"0\" y=\"90\">Covered {} h</text>{svg}{legend}</svg><figcaption>Top bar: the hours a week the role needs, by area. Bottom bar: who covers them (SENCO, deputy, admin, lead TAs in the same colours as statutory, teaching, deployment and leading staff), and the shortfall in grey.</figcaption></figure>",
        esc(&description),
        hours1(a.demand_hours_per_week),
        hours1(a.covered_hours_per_week)
    )
}

/// Bars of the score each option would gain.
fn options_chart(r: &Report) -> String {
    let rows: Vec<_> = r
        .options
        .iter()
        .filter_map(|o| o.score_delta.map(|d| (o.option, d)))
        .collect();
    let most = rows.iter().map(|(_, d)| *d).max().unwrap_or(1).max(1) as f64;
    let mut bars = String::new();
    for (i, (name, delta)) in rows.iter().enumerate() {
        let y = 10.0 + i as f64 * 28.0;
        let w = (*delta).max(0) as f64 / most * 420.0;
        let _ = write!(
            bars,
            "<text x=\"0\" y=\"{:.0}\">{}</text><rect x=\"190\" y=\"{y:.0}\" width=\"{w:.1}\" height=\"20\" fill=\"#1f4e79\"/><text x=\"{:.1}\" y=\"{:.0}\">{delta:+} points</text>",
            y + 15.0,
            esc(name),
            196.0 + w,
            y + 15.0
        );
    }
    let description: Vec<String> = rows
        .iter()
        .map(|(name, delta)| format!("{name} {delta:+} points"))
        .collect();
    format!(
        "<figure><svg role=\"img\" aria-labelledby=\"options-title options-desc\" viewBox=\"0 0 720 {}\" width=\"100%\"><title id=\"options-title\">Score gained by each option alone</title><desc id=\"options-desc\">{}</desc>{bars}</svg><figcaption>Points of score each option would add on its own (costs in the table below).</figcaption></figure>",
        20 + rows.len() * 28,
        esc(&description.join("; "))
    )
}

fn param_table(rows: &[ParamRow]) -> String {
    let mut html = String::from(
        "<table><thead><tr><th scope=\"col\">Key</th><th scope=\"col\" class=\"num\">Value</th><th scope=\"col\">Unit</th><th scope=\"col\">Basis</th><th scope=\"col\">Source</th></tr></thead><tbody>",
    );
    for r in rows {
        let value = if r.value == r.default {
            show(r.value)
        } else {
            format!("{} (default {})", show(r.value), show(r.default))
        };
        let _ = write!(
            html,
            "<tr><td>{}</td><td class=\"num\">{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
            esc(r.key),
            esc(&value),
            esc(r.unit),
            format!("{:?}", r.basis).to_lowercase(),
            esc(r.source)
        );
    }
    html.push_str("</tbody></table>");
    html
}

fn leadership_detail(l: &crate::model::LeadershipCheck) -> String {
    let parts: Vec<String> = [
        ("met", &l.met),
        ("not met", &l.not_met),
        ("not answered", &l.unanswered),
    ]
    .iter()
    .filter(|(_, items)| !items.is_empty())
    .map(|(label, items)| format!("{label}: {}", esc(&items.join(", "))))
    .collect();
    if parts.is_empty() {
        String::new()
    } else {
        format!(" ({})", parts.join("; "))
    }
}

/// The whole page.
pub fn report_html(
    r: &Report,
    scenarios: Option<&Comparison>,
    explanation: &Explanation,
) -> String {
    let a = &r.assessment;
    let s = &r.school;
    let mut body = String::new();
    let _ = write!(
        body,
        "<header><h1>{}</h1><p class=\"meta\">{}, {} pupils: {} at SEN support, {} with an EHC plan. Assessed as of {}.</p><p class=\"headline\">{}</p></header>",
        esc(&s.name),
        esc(s.phase.as_str()),
        s.pupils,
        s.sen_support,
        s.ehcp,
        r.as_of,
        esc(&r.headline())
    );

    body.push_str("<main><h2>Demand and capacity</h2>");
    body.push_str(&demand_chart(r));
    body.push_str("<table><caption>Hours a week by task, and who covers them</caption><thead><tr><th scope=\"col\">Task</th><th scope=\"col\">Area</th><th scope=\"col\" class=\"num\">Needs</th><th scope=\"col\" class=\"num\">SENCO</th><th scope=\"col\" class=\"num\">Deputy</th><th scope=\"col\" class=\"num\">Admin</th><th scope=\"col\" class=\"num\">Lead TAs</th><th scope=\"col\" class=\"num\">Uncovered</th></tr></thead><tbody>");
    for t in a.tasks.iter().filter(|t| t.hours_per_week > 0.0) {
        let _ = write!(
            body,
            "<tr><th scope=\"row\">{}</th><td>{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td></tr>",
            t.task.as_str(),
            esc(t.area.as_str()),
            hours1(t.hours_per_week),
            hours1(t.covered.senco),
            hours1(t.covered.deputy),
            hours1(t.covered.admin),
            hours1(t.covered.lead_tas),
            hours1(t.uncovered)
        );
    }
    let _ = write!(
        body,
        "</tbody><tfoot><tr><th scope=\"row\">Total</th><td></td><td class=\"num\">{}</td><td colspan=\"4\" class=\"num\">covered {}</td><td class=\"num\">{}</td></tr></tfoot></table>",
        hours1(a.demand_hours_per_week),
        hours1(a.covered_hours_per_week),
        hours1(a.shortfall_hours_per_week)
    );

    body.push_str("<h2>The options, each alone</h2>");
    body.push_str(&options_chart(r));
    body.push_str("<table><caption>What each remedy would change and cost</caption><thead><tr><th scope=\"col\">Option</th><th scope=\"col\">Change</th><th scope=\"col\" class=\"num\">New score</th><th scope=\"col\">Band</th><th scope=\"col\" class=\"num\">Score change</th><th scope=\"col\" class=\"num\">Annual cost</th><th scope=\"col\" class=\"num\">Per hour a week gained</th></tr></thead><tbody>");
    for o in &r.options {
        match (o.score, o.band, o.score_delta, o.annual_cost) {
            (Some(score), Some(band), Some(delta), Some(cost)) => {
                let _ = write!(
                    body,
                    "<tr><th scope=\"row\">{}</th><td>{}</td><td class=\"num\">{score}</td><td>{}</td><td class=\"num\">{delta:+}</td><td class=\"num\">{}</td><td class=\"num\">{}</td></tr>",
                    esc(o.option),
                    esc(&o.amount.clone().unwrap_or_default()),
                    band_cell(band),
                    esc(&money(cost)),
                    esc(&o.cost_per_weekly_hour_gained.map_or("-".to_string(), money))
                );
            }
            _ => {
                let _ = write!(
                    body,
                    "<tr><th scope=\"row\">{}</th><td colspan=\"6\">Not applicable: {}</td></tr>",
                    esc(o.option),
                    esc(&o.reason.clone().unwrap_or_default())
                );
            }
        }
    }
    let _ = write!(body, "</tbody></table><p>{}</p>", esc(&r.best_value_line()));

    if let Some(c) = scenarios {
        body.push_str("<h2>Scenarios</h2><table><caption>Scenarios against the school as it is</caption><thead><tr><th scope=\"col\">Scenario</th><th scope=\"col\">Changes</th><th scope=\"col\" class=\"num\">Score</th><th scope=\"col\">Band</th><th scope=\"col\" class=\"num\">Score change</th><th scope=\"col\" class=\"num\">Annual cost</th><th scope=\"col\" class=\"num\">Per point</th></tr></thead><tbody>");
        for row in &c.scenarios {
            let changes: Vec<String> = row.changes.iter().map(|(k, c)| c.describe(k)).collect();
            let _ = write!(
                body,
                "<tr><th scope=\"row\">{}</th><td>{}</td><td class=\"num\">{}</td><td>{}</td><td class=\"num\">{:+}</td><td class=\"num\">{}</td><td class=\"num\">{}</td></tr>",
                esc(&row.name),
                esc(&if changes.is_empty() {
                    "(as it is)".to_string()
                } else {
                    changes.join("; ")
                }),
                row.assessment.score,
                band_cell(row.assessment.band),
                row.score_delta,
                esc(&money(row.annual_cost)),
                esc(&row.cost_per_point.map_or("-".to_string(), money))
            );
        }
        body.push_str("</tbody></table>");
    }

    let w = &a.senco_week;
    let _ = write!(
        body,
        "<h2>The SENCO's week</h2><table><caption>Hours a week</caption><tbody><tr><th scope=\"row\">Contract (directed time)</th><td class=\"num\">{}</td></tr><tr><th scope=\"row\">Teaching</th><td class=\"num\">{}</td></tr><tr><th scope=\"row\">Planning (PPA)</th><td class=\"num\">{}</td></tr><tr><th scope=\"row\">Other duties</th><td class=\"num\">{}</td></tr><tr><th scope=\"row\">SENCO time allocated</th><td class=\"num\">{}</td></tr><tr><th scope=\"row\">SENCO time left after clashes with lessons</th><td class=\"num\">{}</td></tr><tr><th scope=\"row\">Extra hours the role needs beyond this</th><td class=\"num\">{}</td></tr></tbody></table><p>{}</p>",
        hours1(w.contract),
        hours1(w.teaching),
        hours1(w.ppa),
        hours1(w.other_duties),
        hours1(w.allocated),
        hours1(w.effective),
        hours1(w.extra_needed),
        esc(&r.extra_hours_line())
    );

    let yes_no = |b: bool| if b { "yes" } else { "no" };
    let res = &a.resilience;
    let _ = write!(
        body,
        "<h2>Leadership, resilience and compliance</h2><ul><li>Leadership: <strong>{}</strong>, {} of 4 points{}.</li><li>Resilience: deputy {}, distributed TA leadership {}, admin support {}.{}</li><li>Compliance: <strong>{}</strong>. {}</li></ul>",
        a.leadership.rating.as_str(),
        a.leadership.points,
        leadership_detail(&a.leadership),
        yes_no(res.deputy),
        yes_no(res.distributed_ta),
        yes_no(res.admin_support),
        if res.lone_senco {
            " A lone SENCO: only 26% of SENCOs feel the role is manageable for one person (2018 National SENCO Workload Survey)."
        } else {
            ""
        },
        a.compliance.status.as_str(),
        esc(&a.compliance.notes.join(" "))
    );
    if !a.warnings.is_empty() {
        body.push_str("<h2>Warnings</h2><ul>");
        for warning in &a.warnings {
            let _ = write!(body, "<li>{}</li>", esc(&warning.message));
        }
        body.push_str("</ul>");
    }

    body.push_str("<h2>Assumptions used</h2><p>Published figures are cited; the rest are the model's assumptions, which the school can replace with its own in the profile.</p>");
    body.push_str(&param_table(&explanation.assumptions));
    body.push_str("<h3>Costs (pounds)</h3>");
    body.push_str(&param_table(&explanation.costs));
    let _ = write!(
        body,
        "</main><footer>Made by senco-plan from {} on {}. The profile holds counts only: no pupil's name or personal data.</footer>",
        esc(&r.source),
        r.as_of
    );

    format!(
        "<!DOCTYPE html>\n<html lang=\"en-GB\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>SENCO workload: {}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n{body}\n</body>\n</html>\n",
        esc(&s.name)
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_is_escaped() {
        assert_eq!(esc("<b> & \"x\""), "&lt;b&gt; &amp; &quot;x&quot;");
    }
}
