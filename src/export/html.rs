//! `senco-plan report`: one self-contained HTML page for governors, with
//! inline CSS and SVG, no scripts and nothing fetched from anywhere.
//!
//! The first printed page is the summary (the headline, the hours the role
//! needs and who covers them, the options, the best value); the working,
//! the checks, any scenarios and the assumptions follow. Everything after
//! the summary is the same laid-out blocks the terminal and Markdown show.

use super::document::{
    Block, Grid, area_groups, assumed, checks, covered_by_pool, formulas, idle_parts, layout_audit,
    layout_compare, layout_forecast, options, parameters, warnings, working,
};
use crate::audit::Audit;
use crate::compare::Comparison;
use crate::explain::Explanation;
use crate::forecast::Forecast;
use crate::model::Area;
use crate::report::Report;
use crate::round::hours1;
use crate::safe_text::html_text as esc;
use crate::sensitivity::Sensitivity;
use std::fmt::Write as _;

const STYLE: &str = r#"
:root { color: #1a1a1a; background: #ffffff; font-family: "Segoe UI", Arial, sans-serif; line-height: 1.45; }
* { print-color-adjust: exact; -webkit-print-color-adjust: exact; }
body { max-width: 60rem; margin: 2rem auto; padding: 0 1rem; overflow-wrap: break-word; }
h1 { font-size: 1.7rem; margin: 0 0 0.2rem; }
h2 { font-size: 1.25rem; margin-top: 1.6rem; border-bottom: 2px solid #1f4e79; padding-bottom: 0.2rem; color: #1f4e79; }
h3 { font-size: 1.05rem; margin: 1.2rem 0 0.3rem; }
.meta { color: #444444; margin: 0; }
.headline { font-size: 1.2rem; font-weight: 600; background: #eef3f8; border-left: 6px solid #1f4e79; padding: 0.6rem 1rem; }
.best { font-weight: 600; background: #eef6ee; border-left: 6px solid #0b6b2b; padding: 0.5rem 1rem; }
.note { color: #444444; font-size: 0.9rem; }
code { white-space: nowrap; }
.check { border: 2px solid #a1001c; background: #fdf0f0; padding: 0.3rem 0.8rem; margin: 0.5rem 0; }
.check-title { font-weight: 700; color: #a1001c; margin: 0.2rem 0; }
.check ul { margin: 0.2rem 0; padding-left: 1.2rem; }
table { border-collapse: collapse; width: 100%; margin: 0.4rem 0 0.8rem; font-size: 0.88rem; }
caption { text-align: left; color: #444444; font-size: 0.85rem; padding-bottom: 0.2rem; }
th, td { border: 1px solid #9aa5b1; padding: 0.25rem 0.45rem; text-align: left; vertical-align: top; }
th.long, td.long { overflow-wrap: anywhere; }
thead th { background: #e4e9ef; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
td.num { white-space: nowrap; }
thead th { overflow-wrap: normal; }
td span[class^="band-"] { white-space: nowrap; }
tr.sum th, tr.sum td { font-weight: 700; background: #f3f5f8; }
tr.sub th { font-weight: 400; padding-left: 1.4rem; }
tr.best-row th, tr.best-row td { background: #eef6ee; }
.tag { display: inline-block; font-size: 0.75rem; font-weight: 700; color: #ffffff; background: #0b6b2b; border-radius: 0.3rem; padding: 0 0.35rem; margin-left: 0.3rem; }
.band-manageable { color: #0b6b2b; font-weight: 600; }
.band-stretched { color: #7a5500; font-weight: 600; }
.band-overloaded { color: #8a2b7a; font-weight: 600; }
.band-unmanageable { color: #a1001c; font-weight: 600; }
figure { margin: 0.6rem 0; }
figcaption { color: #444444; font-size: 0.85rem; }
.chart-title { font-weight: 600; margin: 0.6rem 0 0.2rem; }
svg.bar { display: block; width: 100%; height: 1.8rem; }
ul.legend { list-style: none; margin: 0.3rem 0 0.4rem; padding: 0; display: flex; flex-wrap: wrap; gap: 0.2rem 1.1rem; font-size: 0.85rem; }
.swatch { display: inline-block; width: 0.85rem; height: 0.85rem; margin-right: 0.35rem; vertical-align: -0.1rem; border: 1px solid #555555; }
.area-statutory { fill: #1f3a93; background-color: #1f3a93; }
.area-teaching { fill: #2e7d32; background-color: #2e7d32; }
.area-deployment { fill: #c77c00; background-color: #c77c00; }
.area-leading { fill: #6a3d9a; background-color: #6a3d9a; }
.area-strategic { fill: #b3261e; background-color: #b3261e; }
.pool-senco { fill: #004d57; background-color: #004d57; }
.pool-deputy { fill: #00838f; background-color: #00838f; }
.pool-admin { fill: #4fb3bf; background-color: #4fb3bf; }
.pool-lead-tas { fill: #a7dbe0; background-color: #a7dbe0; }
.not-covered { background: repeating-linear-gradient(45deg, #ffffff 0 2px, #a1001c 2px 4px); }
footer { margin-top: 2rem; color: #444444; font-size: 0.85rem; border-top: 1px solid #9aa5b1; padding-top: 0.5rem; }
@page { size: A4; margin: 14mm; }
@media print {
  /* Every size is in rem, so this one line sets the whole printed page. */
  :root { font-size: 9pt; line-height: 1.35; }
  body { margin: 0; max-width: none; }
  h2 { break-after: avoid; margin-top: 1rem; }
  .summary h2 { margin-top: 0.6rem; }
  .summary p { margin: 0.4rem 0; }
  h3 { break-after: avoid; }
  .new-page { break-before: page; }
  tr, figure { break-inside: avoid; }
  table.wide { font-size: 0.8rem; }
  table.wide th, table.wide td { padding: 0.15rem 0.2rem; }
}
@media screen and (max-width: 40rem) {
  body { margin: 1rem auto; padding: 0 0.6rem; overflow-wrap: anywhere; }
  table, tbody, tr, th, td, caption { display: block; width: auto; }
  thead { display: none; }
  tr { border: 1px solid #9aa5b1; margin: 0 0 0.6rem; }
  th, td { border: 0; border-top: 1px solid #e4e9ef; }
  tr > :first-child { border-top: 0; }
  th[scope="row"] { background: #e4e9ef; }
  td[data-label]::before { content: attr(data-label) ": "; font-weight: 600; }
  td.num { text-align: left; }
}
"#;

/// A word longer than this (a pasted name, say) may break anywhere, so
/// that it cannot push a table off the page; shorter words stay whole.
const LONG_WORD: usize = 30;

/// Tables of more columns than this are set smaller.
const WIDE_TABLE: usize = 9;

/// The class that colours an area, in the demand chart and its legend.
fn area_class(area: Area) -> &'static str {
    match area {
        Area::StatutoryCasework => "area-statutory",
        Area::TeachingAndLearning => "area-teaching",
        Area::Deployment => "area-deployment",
        Area::LeadingStaff => "area-leading",
        Area::StrategicDirection => "area-strategic",
    }
}

/// A cell's text: escaped, with senco-plan's own line breaks kept, and a
/// band name in its band's colour.
fn cell_html(text: &str) -> String {
    let text = text.trim();
    if matches!(
        text,
        "manageable" | "stretched" | "overloaded" | "unmanageable"
    ) {
        return format!("<span class=\"band-{text}\">{text}</span>");
    }
    // Each line isolated, so that a name in a right-to-left script cannot
    // carry the numbers beside it into its own direction.
    text.split('\n')
        .map(|line| format!("<bdi>{}</bdi>", arrows(&esc(line))))
        .collect::<Vec<_>>()
        .join("<br>")
}

/// A list item: what comes before the first `: ` (a scenario's or a
/// check's name) isolated from the figures after it, as in table cells.
fn item_html(text: &str) -> String {
    match text.split_once(": ") {
        Some((name, rest)) => format!("<bdi>{}</bdi>: {}", esc(name), arrows(&esc(rest))),
        None => arrows(&esc(text)),
    }
}

/// Escaped text set for the page: senco-plan's `->` as an arrow that
/// cannot be split across two lines, and a command in backticks as code.
fn arrows(html: &str) -> String {
    let html = html.replace(" -&gt; ", "&nbsp;\u{2192} ");
    if !html.matches('`').count().is_multiple_of(2) {
        return html;
    }
    html.split('`')
        .enumerate()
        .map(|(i, part)| {
            if i % 2 == 1 {
                format!("<code>{part}</code>")
            } else {
                part.to_string()
            }
        })
        .collect()
}

/// A grid as an HTML table. Each data cell carries its column's name, so
/// on a narrow screen a row shows as a card of labelled values instead of
/// scrolling sideways. `best` marks one row (the best-value option).
fn table_html(grid: &Grid, caption: Option<&str>, best: Option<usize>) -> String {
    let class = |i: usize, text: &str| {
        let long = text
            .split_whitespace()
            .any(|w| w.chars().count() > LONG_WORD);
        match (i >= grid.numbers_from, long) {
            (true, _) => " class=\"num\"",
            (false, true) => " class=\"long\"",
            (false, false) => "",
        }
    };
    // A table of many columns is set smaller, so that it fits A4.
    let mut html = String::from(if grid.header.len() > WIDE_TABLE {
        "<table class=\"wide\">"
    } else {
        "<table>"
    });
    if let Some(caption) = caption {
        let _ = write!(html, "<caption>{}</caption>", esc(caption));
    }
    html.push_str("<thead><tr>");
    for (i, name) in grid.header.iter().enumerate() {
        let _ = write!(html, "<th scope=\"col\"{}>{}</th>", class(i, ""), esc(name));
    }
    html.push_str("</tr></thead><tbody>");
    for (r, row) in grid.rows.iter().enumerate() {
        let mut classes = Vec::new();
        if grid.sums.contains(&r) {
            classes.push("sum");
        }
        if row.first().is_some_and(|c| c.starts_with("  ")) {
            classes.push("sub");
        }
        if best == Some(r) {
            classes.push("best-row");
        }
        if classes.is_empty() {
            html.push_str("<tr>");
        } else {
            let _ = write!(html, "<tr class=\"{}\">", classes.join(" "));
        }
        for (i, text) in row.iter().enumerate() {
            if i == 0 {
                let tag = if best == Some(r) {
                    "<span class=\"tag\">best value</span>"
                } else {
                    ""
                };
                let _ = write!(
                    html,
                    "<th scope=\"row\"{}>{}{tag}</th>",
                    class(i, text),
                    cell_html(text)
                );
                continue;
            }
            let label = grid
                .header
                .get(i)
                .filter(|h| !h.is_empty())
                .map_or(String::new(), |h| format!(" data-label=\"{}\"", esc(h)));
            let _ = write!(
                html,
                "<td{}{label}>{}</td>",
                class(i, text),
                cell_html(text)
            );
        }
        html.push_str("</tr>");
    }
    html.push_str("</tbody></table>");
    html
}

/// Laid-out blocks as HTML, under a section's `<h2>`.
fn blocks_html(blocks: Vec<Block>) -> String {
    let mut html = String::new();
    for block in blocks {
        match block {
            Block::Title(text) | Block::Heading(text) => {
                let _ = write!(html, "<h3>{}</h3>", esc(&text));
            }
            Block::Paragraph(text) => {
                let _ = write!(html, "<p>{}</p>", arrows(&esc(&text)));
            }
            Block::List(items) => {
                html.push_str("<ul>");
                for item in items {
                    let _ = write!(html, "<li>{}</li>", item_html(&item));
                }
                html.push_str("</ul>");
            }
            Block::Table(grid) => html.push_str(&table_html(&grid, None, None)),
        }
    }
    html
}

/// One coloured part of a bar, and its line in the legend.
struct Segment {
    class: &'static str,
    label: String,
    hours: f64,
}

/// A bar of `segments`, the whole width being `whole` hours, as an SVG
/// with a text alternative; the labels are in the HTML legend beside it,
/// so they stay readable at any width.
fn bar(id: &str, title: &str, segments: &[Segment], whole: f64) -> String {
    let description: Vec<String> = segments
        .iter()
        .map(|s| format!("{} {} h", s.label, hours1(s.hours)))
        .collect();
    let mut svg = format!(
        "<svg class=\"bar\" role=\"img\" aria-labelledby=\"{id}-title {id}-desc\" viewBox=\"0 0 1000 30\" preserveAspectRatio=\"none\"><title id=\"{id}-title\">{}</title><desc id=\"{id}-desc\">{}</desc>",
        esc(title),
        esc(&description.join("; "))
    );
    if id == "cover" {
        svg.push_str("<defs><pattern id=\"hatch\" width=\"6\" height=\"6\" patternUnits=\"userSpaceOnUse\" patternTransform=\"rotate(45)\"><rect width=\"6\" height=\"6\" fill=\"#ffffff\"/><rect width=\"2.5\" height=\"6\" fill=\"#a1001c\"/></pattern></defs>");
    }
    let mut x = 0.0;
    // What rounds to 0.0 h is not drawn: a sliver would say there is some.
    for s in segments
        .iter()
        .filter(|s| hours1(s.hours) != "0.0" && whole > 0.0)
    {
        let width = s.hours / whole * 1000.0;
        let fill = if s.class == "not-covered" {
            " fill=\"url(#hatch)\" stroke=\"#a1001c\" stroke-width=\"2\""
        } else {
            ""
        };
        let _ = write!(
            svg,
            "<rect class=\"{}\" x=\"{x:.2}\" y=\"0\" width=\"{width:.2}\" height=\"30\"{fill}/>",
            s.class
        );
        x += width;
    }
    svg.push_str("</svg>");
    svg
}

fn legend(segments: &[Segment]) -> String {
    let mut html = String::from("<ul class=\"legend\">");
    for s in segments {
        let _ = write!(
            html,
            "<li><span class=\"swatch {}\"></span>{} {} h</li>",
            s.class,
            esc(&s.label),
            hours1(s.hours)
        );
    }
    html.push_str("</ul>");
    html
}

/// Two bars to one scale: what the role needs, by area, and who covers it
/// (with what is not covered), each with its own legend.
fn demand_and_cover(r: &Report) -> String {
    let a = &r.assessment;
    let needs: Vec<Segment> = area_groups(r)
        .into_iter()
        .map(|(area, tasks)| Segment {
            class: area_class(area),
            label: area.as_str().to_string(),
            hours: tasks.iter().map(|t| t.hours_per_week).sum(),
        })
        .collect();
    let covered = covered_by_pool(r);
    let mut cover: Vec<Segment> = [
        ("pool-senco", "SENCO", covered.senco),
        ("pool-deputy", "deputy SENCO", covered.deputy),
        ("pool-admin", "admin support", covered.admin),
        ("pool-lead-tas", "lead TAs", covered.lead_tas),
    ]
    .into_iter()
    // The SENCO is always shown, even at nothing; other pools when they
    // cover something.
    .filter(|(class, _, hours)| *class == "pool-senco" || hours1(*hours) != "0.0")
    .map(|(class, label, hours)| Segment {
        class,
        label: label.to_string(),
        hours,
    })
    .collect();
    cover.push(Segment {
        class: "not-covered",
        label: "not covered".to_string(),
        hours: a.shortfall_hours_per_week,
    });
    let whole = a.demand_hours_per_week;
    let needs_title = format!(
        "What the role needs: {} h a week, by area",
        hours1(a.demand_hours_per_week)
    );
    let cover_title = format!(
        "Who covers it: {} h a week covered, {} h not covered",
        hours1(a.covered_hours_per_week),
        hours1(a.shortfall_hours_per_week)
    );
    let mut html = format!(
        "<figure><p class=\"chart-title\">{}</p>{}{}<p class=\"chart-title\">{}</p>{}{}<figcaption>Both bars are drawn to the same scale: the whole width is the {} h a week the role needs. The colours of the two bars mean different things: areas of work above, people below.</figcaption></figure>",
        esc(&needs_title),
        bar("needs", &needs_title, &needs, whole),
        legend(&needs),
        esc(&cover_title),
        bar("cover", &cover_title, &cover, whole),
        legend(&cover),
        hours1(whole)
    );
    let idle = idle_parts(r);
    if !idle.is_empty() {
        let _ = write!(
            html,
            "<p class=\"note\">Time the school gives that no task is left for (not in the bars): {}.</p>",
            esc(&idle.join("; "))
        );
    }
    html
}

/// The first page: the headline, the chart, the options and the best value.
fn summary(r: &Report, explanation: &Explanation) -> String {
    let s = &r.school;
    let mut about = format!(
        "{}, {} pupils: {} at SEN support, {} with an EHC plan.",
        s.phase.as_str(),
        s.pupils,
        s.sen_support,
        s.ehcp
    );
    if let Some(urn) = s.urn {
        about.push_str(&format!(" URN {urn}."));
    }
    if let Some(la) = &s.la {
        about.push_str(&format!(" Local authority: {la}."));
    }
    let mut html = format!(
        "<section class=\"summary\"><header><h1>{}</h1><p class=\"meta\">{} {}, assessed as of {}.</p></header><p class=\"headline\">{}</p><p class=\"note\">{}</p>",
        esc(&s.name),
        esc(&about),
        esc(&r.source),
        r.as_of,
        esc(&r.headline()),
        esc(&r.extra_hours_line())
    );
    html.push_str(&check_first(r));
    html.push_str("<h2>The hours a week the role needs, and who covers them</h2>");
    html.push_str(&demand_and_cover(r));
    html.push_str("<h2>What would help: each option alone</h2>");
    let grid = options(&r.options);
    let best = r
        .best_value
        .and_then(|name| r.options.iter().position(|o| o.option == name));
    let band = |key: &str| {
        explanation
            .assumptions
            .iter()
            .find(|p| p.key == key)
            .map_or(String::new(), |p| crate::round::show(p.value))
    };
    let caption = format!(
        "Score: the share of the hours the role needs that are covered, out of 100, with the option in place (manageable from {}, stretched from {}, overloaded from {}, unmanageable below). Change: points gained. Shortfall change: hours a week fewer left uncovered. A year: the recurring cost; Once: the one-off cost. Per h/wk gained: the cost a year for each hour a week gained, one-off costs spread over {}.",
        band("band-manageable"),
        band("band-stretched"),
        band("band-overloaded"),
        crate::round::counted(u64::from(r.horizon_years), "year", "years")
    );
    html.push_str(&table_html(&grid, Some(&caption), best));
    let _ = write!(
        html,
        "<p class=\"best\">{}</p>",
        arrows(&esc(&r.best_value_line()))
    );
    if let Some(line) = r.manageable_line() {
        let _ = write!(html, "<p>{}</p>", arrows(&esc(&line)));
    }
    html.push_str("<p class=\"note\">The working, the checks and the assumptions behind every number follow.</p></section>");
    html
}

/// What a governor must not miss, on the first page: a compliance problem
/// and every warning about the profile.
fn check_first(r: &Report) -> String {
    let c = &r.assessment.compliance;
    let mut items: Vec<String> = Vec::new();
    if c.status != crate::model::ComplianceStatus::Compliant {
        let notes = c.notes.join(" ");
        items.push(match c.status {
            crate::model::ComplianceStatus::NonCompliant => format!("Not compliant: {notes}"),
            _ => format!("Compliance not assessed: {notes}"),
        });
    }
    items.extend(warnings(r));
    if items.is_empty() {
        return String::new();
    }
    let mut html =
        String::from("<div class=\"check\"><p class=\"check-title\">Check first</p><ul>");
    for item in items {
        let _ = write!(html, "<li>{}</li>", item_html(&item));
    }
    html.push_str("</ul></div>");
    html
}

/// The tornado: what the verdict turns on in a sentence, then for each of
/// the assumptions the score swings most with, a bar from the score at one
/// end of its range to the score at the other, on a 0-100 scale with the
/// school's score marked.
fn tornado_html(s: &Sensitivity) -> String {
    let mut html = format!(
        "<p>{}</p><table class=\"tornado\"><caption>Each assumption moved alone to the low and the high end of its plausible range; the line marks today's score, {}.</caption><thead><tr><th scope=\"col\">Assumption</th><th scope=\"col\" class=\"num\">Range</th><th scope=\"col\">Score from low to high</th></tr></thead><tbody>",
        esc(&s.verdict),
        s.score
    );
    for r in &s.rows {
        let (lo, hi) = (r.score_low.min(r.score_high), r.score_low.max(r.score_high));
        let now = f64::from(s.score);
        let _ = write!(
            html,
            "<tr><th scope=\"row\"><bdi>{}</bdi></th><td class=\"num\" data-label=\"Range\">{}-{}</td><td data-label=\"Score from low to high\"><svg class=\"bar\" role=\"img\" viewBox=\"0 0 100 10\" preserveAspectRatio=\"none\"><title>{}: {} at its low, {} at its high</title><rect class=\"pool-deputy\" x=\"{lo}\" y=\"1\" width=\"{}\" height=\"8\"/><rect x=\"{now:.1}\" y=\"0\" width=\"0.6\" height=\"10\" fill=\"#1a1a1a\"/></svg> {} to {}</td></tr>",
            esc(r.key),
            crate::round::show(r.low),
            crate::round::show(r.high),
            esc(r.key),
            r.score_low,
            r.score_high,
            (hi - lo).max(1),
            r.score_low,
            r.score_high
        );
    }
    html.push_str("</tbody></table>");
    html
}

/// The school's own time log: for each task logged, what the log measured
/// beside what the model assumes, on one scale; then the rates.
fn audit_html(a: &Audit) -> String {
    let most = a
        .tasks
        .iter()
        .map(|t| t.measured.total.max(t.modelled.unwrap_or(0.0)))
        .fold(0.0, f64::max)
        .max(0.1);
    let mut html = format!(
        "<p><strong>{}</strong></p><table class=\"tornado\"><caption>Hours a week for each task logged over {}: the dark bar is what the log measured, the light bar what the model assumes.</caption><thead><tr><th scope=\"col\">Task</th><th scope=\"col\">Logged against modelled</th></tr></thead><tbody>",
        esc(a.caveat),
        esc(&a.period())
    );
    for t in &a.tasks {
        let width = |hours: f64| hours / most * 100.0;
        let modelled = t
            .modelled
            .map_or("-".to_string(), |m| format!("{} h", hours1(m)));
        let _ = write!(
            html,
            "<tr><th scope=\"row\">{}</th><td data-label=\"Logged against modelled\"><svg class=\"bar\" role=\"img\" viewBox=\"0 0 100 10\" preserveAspectRatio=\"none\"><title>{}: logged {} h a week, modelled {}</title><rect class=\"pool-senco\" x=\"0\" y=\"0.5\" width=\"{:.2}\" height=\"4\"/><rect class=\"pool-admin\" x=\"0\" y=\"5.5\" width=\"{:.2}\" height=\"4\"/></svg> logged {} h, modelled {modelled}</td></tr>",
            esc(t.task.as_str()),
            esc(t.task.as_str()),
            hours1(t.measured.total),
            modelled,
            width(t.measured.total),
            width(t.modelled.unwrap_or(0.0)),
            hours1(t.measured.total),
        );
    }
    html.push_str("</tbody></table>");
    // The rest of the audit as every other format lays it out, less its
    // title and the caveat already given.
    html.push_str(&blocks_html(layout_audit(a).into_iter().skip(2).collect()));
    html
}

/// The years ahead: for each year the score with today's staffing beside
/// the staged plan's, on a 0-100 scale, then the tables.
fn forecast_html(f: &Forecast) -> String {
    let mut html = String::from(
        "<table class=\"tornado\"><caption>Score each year, 0 to 100: the dark bar with today's staffing, the light bar with the staged plan.</caption><thead><tr><th scope=\"col\">Year</th><th scope=\"col\">Score now and with the plan</th></tr></thead><tbody>",
    );
    for row in &f.rows {
        let _ = write!(
            html,
            "<tr><th scope=\"row\">{}</th><td data-label=\"Score now and with the plan\"><svg class=\"bar\" role=\"img\" viewBox=\"0 0 100 10\" preserveAspectRatio=\"none\"><title>Year {}: {} with today's staffing, {} with the plan</title><rect class=\"pool-senco\" x=\"0\" y=\"0.5\" width=\"{}\" height=\"4\"/><rect class=\"pool-admin\" x=\"0\" y=\"5.5\" width=\"{}\" height=\"4\"/></svg> {} now, {} with the plan</td></tr>",
            row.year,
            row.year,
            row.score,
            row.plan.score,
            row.score.min(100),
            row.plan.score.min(100),
            row.score,
            row.plan.score
        );
    }
    html.push_str("</tbody></table>");
    // The tables as every other format lays them out, less the title.
    html.push_str(&blocks_html(
        layout_forecast(f).into_iter().skip(1).collect(),
    ));
    html
}

/// The whole page.
pub fn report_html(
    r: &Report,
    scenarios: Option<&Comparison>,
    explanation: &Explanation,
    tornado: &Sensitivity,
    audit: Option<&Audit>,
    forecast: &Forecast,
) -> String {
    let mut body = summary(r, explanation);

    body.push_str("<section class=\"new-page\"><h2>The working</h2>");
    body.push_str(&blocks_html(working(r)));
    if let Some(w) = &explanation.working {
        body.push_str("<h3>How each number is worked out</h3>");
        body.push_str(&blocks_html(formulas(w)));
    }
    body.push_str("</section>");

    body.push_str("<section><h2>How sure is the answer?</h2>");
    if let Some(line) = r.band_shares_line() {
        let _ = write!(body, "<p>{}</p>", arrows(&esc(&line)));
    }
    body.push_str(&tornado_html(tornado));
    body.push_str("</section>");

    let _ = write!(
        body,
        "<section class=\"new-page\"><h2>The next {}</h2>",
        crate::round::counted(u64::from(forecast.years), "year", "years")
    );
    body.push_str(&forecast_html(forecast));
    body.push_str("</section>");

    if let Some(a) = audit {
        body.push_str("<section><h2>The school's own time log</h2>");
        body.push_str(&audit_html(a));
        body.push_str("</section>");
    }

    body.push_str("<section><h2>Leadership, resilience and compliance</h2>");
    body.push_str(&blocks_html(vec![Block::List(checks(r))]));
    body.push_str(&blocks_html(assumed(r)));
    body.push_str("</section>");
    if !r.assessment.warnings.is_empty() {
        body.push_str("<section><h2>Warnings</h2>");
        body.push_str(&blocks_html(vec![Block::List(warnings(r))]));
        body.push_str("</section>");
    }
    if let Some(c) = scenarios {
        body.push_str("<section><h2>Scenarios</h2>");
        body.push_str(&blocks_html(layout_compare(c)));
        body.push_str("</section>");
    }

    body.push_str("<section class=\"new-page\"><h2>Assumptions and sources</h2><p>Published figures are cited; the rest are the model's assumptions, which the school can replace with its own in the profile.</p>");
    body.push_str(&blocks_html(parameters(explanation)));
    body.push_str("</section>");

    format!(
        "<!DOCTYPE html>\n<html lang=\"en-GB\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>SENCO workload: {}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n<main>\n{body}\n</main>\n<footer>Made by senco-plan from {} on {}. The profile holds counts only: no pupil's name or personal data.</footer>\n</body>\n</html>\n",
        esc(&r.school.name),
        esc(&r.source),
        r.as_of
    )
}
