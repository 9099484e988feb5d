//! A report laid out as headings, paragraphs, lists and tables, once, so
//! the terminal table and markdown exporters differ only in how they draw.

use super::chart::{bars, score_bars, tornado};
use super::{ExportError, Exporter};
use crate::audit::{Audit, Status};
use crate::batch::{Record, SchoolLine, Summary};
use crate::compare::Comparison;
use crate::explain::{Explanation, ParamRow, Working};
use crate::forecast::Forecast;
use crate::model::{Area, Pools, TaskHours};
use crate::options::OptionResult;
use crate::plan::{Plan, PlanResult};
use crate::profile::Change;
use crate::report::Report;
use crate::round::{counted, hours1, money};
use crate::sensitivity::Sensitivity;
use crate::sweep::{SweepHead, SweepRow};

/// A format that draws laid-out blocks: the terminal table and markdown.
/// Both get every command's output from the one `Exporter` below.
pub(super) trait Draw {
    fn draw(&self, blocks: Vec<Block>) -> String;

    /// Whether to add charts (only on a terminal).
    fn charts(&self) -> bool {
        false
    }

    /// One forecast, laid out, with its chart on a terminal.
    fn forecast_one(&self, f: &Forecast) -> String {
        let mut out = self.draw(layout_forecast(f));
        if self.charts() {
            let rows: Vec<(String, u32)> = f
                .rows
                .iter()
                .flat_map(|r| {
                    [
                        (format!("year {} as now", r.year), r.score),
                        (format!("year {} with the plan", r.year), r.plan.score),
                    ]
                })
                .collect();
            out.push('\n');
            out.push_str(&score_bars(
                "Score by year: today's staffing and the staged plan",
                &rows,
            ));
        }
        out
    }
}

impl<T: Draw + Send + Sync> Exporter for T {
    fn assess(&self, reports: &[Report]) -> Result<String, ExportError> {
        let drawn: Vec<String> = reports.iter().map(|r| self.draw(layout(r))).collect();
        Ok(drawn.join("\n"))
    }

    fn compare(&self, comparison: &Comparison) -> Result<String, ExportError> {
        Ok(self.draw(layout_compare(comparison)))
    }

    fn sweep_start(&self, _: &SweepHead) -> Result<String, ExportError> {
        Ok(String::new())
    }

    /// Points are kept and drawn, as one table, at the end.
    fn sweep_point(&self, _: &SweepHead, _: bool, _: &SweepRow) -> Result<String, ExportError> {
        Ok(String::new())
    }

    fn keeps_points(&self) -> bool {
        true
    }

    fn sweep_end(&self, head: &SweepHead, rows: &[SweepRow]) -> Result<String, ExportError> {
        let mut out = self.draw(layout_sweep(head, rows));
        if let ([key], true) = (head.vary.as_slice(), self.charts()) {
            let bars: Vec<(String, u32)> = rows
                .iter()
                .map(|r| {
                    (
                        r.values
                            .get(key)
                            .map(ToString::to_string)
                            .unwrap_or_default(),
                        r.score,
                    )
                })
                .collect();
            out.push('\n');
            out.push_str(&score_bars(&format!("Score by {key}"), &bars));
        }
        Ok(out)
    }

    fn plan(&self, plan: &PlanResult) -> Result<String, ExportError> {
        let mut out = self.draw(layout_plan(plan));
        if let (Some(frontier), true) = (&plan.frontier, self.charts()) {
            let most = frontier.iter().map(|p| p.annual_cost).fold(0.0, f64::max);
            let rows: Vec<(String, f64, String)> = frontier
                .iter()
                .map(|p| (p.score.to_string(), p.annual_cost, money(p.annual_cost)))
                .collect();
            out.push('\n');
            out.push_str(&bars("Annual cost by score", &rows, most));
        }
        Ok(out)
    }

    /// Schools are kept as lines and drawn, sorted, at the end.
    fn batch_record(&self, _: bool, _: &Record) -> Result<String, ExportError> {
        Ok(String::new())
    }

    fn keeps_lines(&self) -> bool {
        true
    }

    fn batch_end(&self, summary: &Summary, schools: &[SchoolLine]) -> Result<String, ExportError> {
        Ok(self.draw(layout_batch(summary, schools)))
    }

    fn summary(&self, summary: &Summary) -> Result<String, ExportError> {
        Ok(self.draw(layout_summary(summary)))
    }

    fn explain(&self, explanation: &Explanation) -> Result<String, ExportError> {
        Ok(self.draw(layout_explain(explanation)))
    }

    fn sensitivity(&self, s: &Sensitivity) -> Result<String, ExportError> {
        let mut out = self.draw(layout_sensitivity(s));
        if self.charts() {
            let rows: Vec<(String, u32, u32)> = s
                .rows
                .iter()
                .map(|r| (r.key.to_string(), r.score_low, r.score_high))
                .collect();
            out.push('\n');
            out.push_str(&tornado(
                &format!("Score at each assumption's low and high (now {})", s.score),
                s.score,
                &rows,
            ));
        }
        Ok(out)
    }

    fn forecast(&self, forecasts: &[Forecast]) -> Result<String, ExportError> {
        let mut out = String::new();
        for (i, f) in forecasts.iter().enumerate() {
            if i > 0 {
                out.push('\n');
            }
            out.push_str(&self.forecast_one(f));
        }
        Ok(out)
    }

    fn audit(&self, audit: &Audit) -> Result<String, ExportError> {
        let mut out = self.draw(layout_audit(audit));
        if self.charts() {
            let most = audit
                .tasks
                .iter()
                .map(|t| t.measured.total.max(t.modelled.unwrap_or(0.0)))
                .fold(0.0, f64::max);
            let mut rows: Vec<(String, f64, String)> = Vec::new();
            for t in audit.tasks.iter().filter(|t| t.modelled.is_some()) {
                let modelled = t.modelled.unwrap_or(0.0);
                rows.push((
                    format!("{} logged", t.task.as_str()),
                    t.measured.total,
                    hours1(t.measured.total),
                ));
                rows.push((
                    format!("{} model", t.task.as_str()),
                    modelled,
                    hours1(modelled),
                ));
            }
            out.push('\n');
            out.push_str(&bars("Hours a week: logged against the model", &rows, most));
        }
        Ok(out)
    }
}

pub(super) enum Block {
    Title(String),
    Heading(String),
    Paragraph(String),
    List(Vec<String>),
    Table(Grid),
}

#[derive(Default)]
pub(super) struct Grid {
    pub header: Vec<String>,
    pub rows: Vec<Vec<String>>,
    /// Columns from this index on hold numbers and are right-aligned.
    pub numbers_from: usize,
    /// Rows that sum the rows below them (an area over its tasks, a
    /// total): Markdown sets them in bold so no one adds them in twice.
    pub sums: Vec<usize>,
}

fn cells<const N: usize>(items: [&str; N]) -> Vec<String> {
    items.iter().map(|s| s.to_string()).collect()
}

/// Hours with a sign, e.g. `-5.5`; zero prints as `0.0`.
fn signed_hours(value: f64) -> String {
    let text = hours1(value);
    if value > 0.0 && text != "0.0" {
        format!("+{text}")
    } else {
        text
    }
}

fn yes_no(value: bool) -> &'static str {
    if value { "yes" } else { "no" }
}

pub(super) fn layout(r: &Report) -> Vec<Block> {
    let s = &r.school;
    let mut blocks = vec![
        Block::Title(format!(
            "{} ({}{}, {} pupils: {} at SEN support, {} with an EHC plan)",
            s.name,
            s.identity().map_or(String::new(), |id| format!("{id}; ")),
            s.phase,
            s.pupils,
            s.sen_support,
            s.ehcp
        )),
        Block::Paragraph(format!("{}, assessed as of {}.", r.source, r.as_of)),
        Block::Paragraph(r.headline()),
    ];
    blocks.extend(r.band_shares_line().map(Block::Paragraph));
    blocks.extend(working(r));
    blocks.push(Block::Heading(
        "Leadership, resilience and compliance".to_string(),
    ));
    blocks.push(Block::List(checks(r)));
    blocks.extend(assumed(r));
    if !r.assessment.warnings.is_empty() {
        blocks.push(Block::Heading("Warnings".to_string()));
        blocks.push(Block::List(warnings(r)));
    }
    blocks.push(Block::Heading("Options, each applied alone".to_string()));
    blocks.push(Block::Table(options(&r.options)));
    blocks.push(Block::Paragraph(r.best_value_line()));
    blocks.extend(r.manageable_line().map(Block::Paragraph));
    if let Some(f) = &r.forecast {
        let worse = f
            .first_worse_year
            .map_or("the band holds with today's staffing".to_string(), |y| {
                format!("the band first gets worse in year {y} with today's staffing")
            });
        let short = if f.feasible {
            ""
        } else {
            " (some year cannot reach the target: see forecast)"
        };
        blocks.push(Block::Paragraph(format!(
            "Over the next {} as SEND numbers grow, {worse}; a staged plan costs {} over years 0 to {}{short}.",
            counted(u64::from(f.years), "year", "years"),
            money(f.total_cost),
            f.years
        )));
    }
    blocks
}

/// The hours by task and who covers them, then the SENCO's week.
pub(super) fn working(r: &Report) -> Vec<Block> {
    vec![
        Block::Heading("Tasks, hours a week".to_string()),
        Block::Table(tasks(r)),
        Block::Paragraph(capacity_line(r)),
        Block::Heading("The SENCO's week, hours".to_string()),
        Block::Table(senco_week(r)),
        Block::Paragraph(r.extra_hours_line()),
    ]
}

/// Leadership, resilience and compliance, a line each.
pub(super) fn checks(r: &Report) -> Vec<String> {
    let a = &r.assessment;
    let res = &a.resilience;
    let mut checks = vec![
        leadership_line(&a.leadership),
        format!(
            "Resilience: deputy {}, distributed TA leadership {}, admin support {}.",
            yes_no(res.deputy),
            yes_no(res.distributed_ta),
            yes_no(res.admin_support)
        ),
    ];
    if res.lone_senco {
        checks.push(
            "Lone SENCO: no deputy to share the work or succeed them; only 26% of SENCOs feel the role is manageable for one person (2018 survey)."
                .to_string(),
        );
    }
    let c = &a.compliance;
    // In words, not the JSON value: "not assessed", "non compliant".
    let mut compliance = format!("Compliance: {}.", c.status.as_str().replace('-', " "));
    for note in &c.notes {
        compliance.push(' ');
        compliance.push_str(note);
    }
    checks.push(compliance);
    checks
}

/// The defaults used for what the profile leaves out, so the reader knows
/// what to check (SPEC section 1); nothing when it leaves nothing out.
pub(super) fn assumed(r: &Report) -> Vec<Block> {
    let assumed = &r.assessment.assumed;
    if assumed.is_empty() {
        return Vec::new();
    }
    vec![
        Block::Heading("Assumed: defaults for what the profile leaves out".to_string()),
        Block::Paragraph(
            assumed
                .iter()
                .map(crate::model::Assumed::describe)
                .collect::<Vec<_>>()
                .join("; ")
                + ".",
        ),
    ]
}

pub(super) fn warnings(r: &Report) -> Vec<String> {
    r.assessment
        .warnings
        .iter()
        .map(|w| w.message.clone())
        .collect()
}

/// Capacity by pool, and the hours of any pool that no task is left for.
fn capacity_line(r: &Report) -> String {
    let a = &r.assessment;
    let p = &a.pools;
    let mut line = format!(
        "Capacity {} h a week: SENCO {} h effective, deputy {} h, admin {} h, lead TAs {} h.",
        hours1(a.capacity_hours_per_week),
        hours1(p.senco),
        hours1(p.deputy),
        hours1(p.admin),
        hours1(p.lead_tas)
    );
    let idle = idle_parts(r);
    if !idle.is_empty() {
        line.push_str(&format!(" Idle: {}.", idle.join("; ")));
    }
    line
}

/// The hours of each pool that no task is left for, in words.
pub(super) fn idle_parts(r: &Report) -> Vec<String> {
    let idle = &r.assessment.idle;
    [
        (idle.admin, "admin time has no admin work left to do"),
        (
            idle.lead_tas,
            "lead-TA time has no TA leadership left to do",
        ),
        (idle.deputy, "deputy time has no work a deputy may do left"),
        (idle.senco, "SENCO time has nothing left to do"),
    ]
    .iter()
    .filter(|(hours, _)| hours1(*hours) != "0.0")
    .map(|(hours, what)| format!("{} h of {what}", hours1(*hours)))
    .collect()
}

/// The SENCO's week as a column of hours, so it fits a narrow terminal.
fn senco_week(r: &Report) -> Grid {
    let w = &r.assessment.senco_week;
    let row = |label: &str, value: String| vec![label.to_string(), value];
    Grid {
        header: cells(["", "Hours a week"]),
        rows: vec![
            row("Contract (directed time)", hours1(w.contract)),
            row("Teaching", hours1(w.teaching)),
            row("Planning (PPA)", hours1(w.ppa)),
            row("Other duties", hours1(w.other_duties)),
            row("SENCO time allocated", hours1(w.allocated)),
            row(
                "Directed time booked",
                format!("{} of {}", hours1(w.directed_used), hours1(w.contract)),
            ),
            row(
                "SENCO time left after clashes with lessons",
                hours1(w.effective),
            ),
            row(
                "Extra hours the role needs beyond this",
                hours1(w.extra_needed),
            ),
        ],
        numbers_from: 1,
        ..Grid::default()
    }
}

fn leadership_line(l: &crate::model::LeadershipCheck) -> String {
    let mut line = format!(
        "Leadership: {} ({} of 4 points",
        l.rating.as_str(),
        l.points
    );
    for (label, items) in [
        ("yes", &l.met),
        ("no", &l.not_met),
        ("not answered", &l.unanswered),
    ] {
        if !items.is_empty() {
            line.push_str(&format!("; {label}: {}", items.join(", ")));
        }
    }
    line.push_str(").");
    line
}

/// The tasks grouped by area, areas in their fixed order.
pub(super) fn area_groups(r: &Report) -> Vec<(Area, Vec<&TaskHours>)> {
    let tasks = &r.assessment.tasks;
    let mut areas: Vec<Area> = tasks.iter().map(|t| t.area).collect();
    areas.sort();
    areas.dedup();
    areas
        .into_iter()
        .map(|area| (area, tasks.iter().filter(|t| t.area == area).collect()))
        .collect()
}

/// The hours each pool covers, summed over the tasks: the tasks table's
/// total row and the report's cover chart.
pub(super) fn covered_by_pool(r: &Report) -> Pools {
    let tasks = &r.assessment.tasks;
    let total = |f: &dyn Fn(&TaskHours) -> f64| tasks.iter().map(f).sum();
    Pools {
        senco: total(&|t| t.covered.senco),
        deputy: total(&|t| t.covered.deputy),
        admin: total(&|t| t.covered.admin),
        lead_tas: total(&|t| t.covered.lead_tas),
    }
}

fn tasks(r: &Report) -> Grid {
    let a = &r.assessment;
    let mut rows = Vec::new();
    let mut sums = Vec::new();
    for (area, in_area) in area_groups(r) {
        sums.push(rows.len());
        let sum = |f: &dyn Fn(&TaskHours) -> f64| in_area.iter().map(|t| f(t)).sum::<f64>();
        rows.push(vec![
            area.as_str().to_string(),
            hours1(sum(&|t| t.hours_per_week)),
            hours1(sum(&|t| t.covered.senco)),
            hours1(sum(&|t| t.covered.deputy)),
            hours1(sum(&|t| t.covered.admin)),
            hours1(sum(&|t| t.covered.lead_tas)),
            hours1(sum(&|t| t.uncovered)),
        ]);
        // Tasks that do not arise here (no deputy, no study) would be noise.
        for t in in_area.iter().filter(|t| t.hours_per_week > 0.0) {
            rows.push(vec![
                format!("  {}", t.task.as_str()),
                hours1(t.hours_per_week),
                hours1(t.covered.senco),
                hours1(t.covered.deputy),
                hours1(t.covered.admin),
                hours1(t.covered.lead_tas),
                hours1(t.uncovered),
            ]);
        }
    }
    let covered = covered_by_pool(r);
    sums.push(rows.len());
    rows.push(vec![
        "total".to_string(),
        hours1(a.demand_hours_per_week),
        hours1(covered.senco),
        hours1(covered.deputy),
        hours1(covered.admin),
        hours1(covered.lead_tas),
        hours1(a.shortfall_hours_per_week),
    ]);
    Grid {
        header: cells([
            "Area / task",
            "Needs",
            "SENCO",
            "Deputy",
            "Admin",
            "Lead TAs",
            "Uncovered",
        ]),
        rows,
        numbers_from: 1,
        sums,
    }
}

/// Each remedy alone, as `assess` and `plan` both show it (the same rows).
pub(super) fn options(options: &[OptionResult]) -> Grid {
    // `plan` gives each row its chance, as it gives each plan.
    let chances = options.iter().any(|o| o.chance.is_some());
    let rows = options
        .iter()
        .map(|o| {
            match (
                o.score,
                o.band,
                o.score_delta,
                o.shortfall_delta,
                o.annual_cost,
                o.one_off_cost,
            ) {
                (Some(score), Some(band), Some(delta), Some(shortfall), Some(cost), Some(once)) => {
                    let mut what = o.amount.clone().unwrap_or_default().replace("; ", "\n");
                    if let Some(reason) = &o.reason {
                        what.push_str(&format!("\n({reason})"));
                    }
                    let mut row = vec![
                        o.option.to_string(),
                        what,
                        band.as_str().to_string(),
                        score.to_string(),
                        format!("{delta:+}"),
                        signed_hours(shortfall),
                        money(cost),
                        money(once),
                        o.cost_per_weekly_hour_gained.map_or("-".to_string(), money),
                    ];
                    if chances {
                        row.insert(4, o.chance.map_or("-".to_string(), percent));
                    }
                    row
                }
                _ => {
                    let mut row = vec![
                        o.option.to_string(),
                        format!("not applicable: {}", o.reason.clone().unwrap_or_default()),
                    ];
                    row.extend(std::iter::repeat_n(
                        "-".to_string(),
                        7 + usize::from(chances),
                    ));
                    row
                }
            }
        })
        .collect();
    let mut header = cells([
        "Option",
        "What it means",
        "Band",
        "Score",
        "Change",
        "Shortfall change",
        "A year",
        "Once",
        "Per h/wk gained",
    ]);
    if chances {
        header.insert(4, "Chance".to_string());
    }
    Grid {
        header,
        rows,
        numbers_from: 3,
        ..Grid::default()
    }
}

/// A scenario's changes in words, a line each.
fn change_list(changes: &std::collections::BTreeMap<String, Change>) -> String {
    if changes.is_empty() {
        return "(baseline)".to_string();
    }
    changes
        .iter()
        .map(|(k, c)| c.describe(k))
        .collect::<Vec<_>>()
        .join("\n")
}

pub(super) fn layout_compare(c: &Comparison) -> Vec<Block> {
    let ranged = c
        .scenarios
        .iter()
        .any(|r| r.assessment.uncertainty.is_some());
    let rows = c
        .scenarios
        .iter()
        .map(|r| {
            let a = &r.assessment;
            let mut row = vec![
                r.name.clone(),
                change_list(&r.changes),
                a.band.as_str().to_string(),
                a.score.to_string(),
                format!("{:+}", r.score_delta),
                hours1(a.demand_hours_per_week),
                hours1(a.capacity_hours_per_week),
                hours1(a.covered_hours_per_week),
                hours1(a.shortfall_hours_per_week),
                signed_hours(r.shortfall_delta),
                money(r.annual_cost),
                money(r.one_off_cost),
                r.cost_per_point.map_or("-".to_string(), money),
            ];
            if ranged {
                row.push(a.uncertainty.as_ref().map_or("-".to_string(), |u| {
                    format!("{}-{}", u.score_p10, u.score_p90)
                }));
            }
            row
        })
        .collect();
    let mut blocks = vec![
        Block::Title(format!(
            "{} against {}, as of {}",
            counted(
                c.scenarios.len().saturating_sub(1) as u64,
                "scenario",
                "scenarios"
            ),
            c.baseline,
            c.as_of
        )),
        Block::Table(Grid {
            header: cells([
                "Scenario",
                "Changes",
                "Band",
                "Score",
                "Score change",
                "Needs h/wk",
                "Capacity h/wk",
                "Has h/wk",
                "Short h/wk",
                "Shortfall change",
                "A year",
                "Once",
                "Per point",
            ])
            .into_iter()
            .chain(ranged.then(|| "80% range".to_string()))
            .collect(),
            rows,
            numbers_from: 3,
            ..Grid::default()
        }),
    ];
    let summary = c.summary();
    if !summary.is_empty() {
        blocks.push(Block::Heading("Summary".to_string()));
        blocks.push(Block::List(summary));
    }
    blocks
}

pub(super) fn layout_sweep(s: &SweepHead, points: &[SweepRow]) -> Vec<Block> {
    let mut header: Vec<String> = s.vary.clone();
    let varied = header.len();
    header.extend(
        [
            "Band",
            "Score",
            "Coverage",
            "Needs h/wk",
            "Short h/wk",
            "Annual cost",
        ]
        .iter()
        .map(|h| h.to_string()),
    );
    if s.ranged {
        header.push("80% range".to_string());
    }
    let rows = points
        .iter()
        .map(|r| {
            let mut row: Vec<String> = s
                .vary
                .iter()
                .map(|k| r.values.get(k).map(ToString::to_string).unwrap_or_default())
                .collect();
            row.extend([
                r.band.as_str().to_string(),
                r.score.to_string(),
                format!("{:.0}%", r.coverage * 100.0),
                hours1(r.demand_hours_per_week),
                hours1(r.shortfall_hours_per_week),
                money(r.annual_cost),
            ]);
            if s.ranged {
                row.push(match (r.score_p10, r.score_p90) {
                    (Some(low), Some(high)) => format!("{low}-{high}"),
                    _ => "-".to_string(),
                });
            }
            row
        })
        .collect();
    vec![
        Block::Title(format!(
            "{}: {} over {} points, as of {}",
            s.source,
            s.vary.join(" x "),
            points.len(),
            s.as_of
        )),
        Block::Table(Grid {
            header,
            rows,
            numbers_from: varied + 1,
            ..Grid::default()
        }),
    ]
}

fn plan_rows<'a>(plans: impl Iterator<Item = &'a Plan>) -> Vec<Vec<String>> {
    plans
        .map(|p| {
            vec![
                p.rank.to_string(),
                p.summary.join("\n"),
                p.band.as_str().to_string(),
                p.score.to_string(),
                p.chance.map_or(String::new(), percent),
                money(p.annual_cost),
                money(p.one_off_cost),
                money(p.cost_per_year),
            ]
        })
        .collect()
}

pub(super) fn layout_plan(r: &PlanResult) -> Vec<Block> {
    let over = counted(u64::from(r.horizon_years), "year", "years");
    let budget = r
        .budget
        .map_or(String::new(), |b| format!(" within {} a year", money(b)));
    // "95", or with --confidence "95 in at least 80% of plausible cases".
    let goal = match r.confidence {
        Some(share) => format!("{} in {}", r.target, asked_share(share)),
        None => r.target.to_string(),
    };
    let mut blocks = vec![Block::Title(format!(
        "{}: the cheapest plans to reach {goal}{budget}, from {} ({}) now, as of {}",
        r.source,
        r.baseline.score,
        r.baseline.band.as_str(),
        r.as_of
    ))];
    let header = |first: &str| {
        vec![
            first.to_string(),
            "Changes".to_string(),
            "Band".to_string(),
            "Score".to_string(),
            "Chance".to_string(),
            "A year".to_string(),
            "Once".to_string(),
            format!("A year, one-offs over {over}"),
        ]
    };
    if r.feasible {
        blocks.push(Block::Table(Grid {
            header: header("Rank"),
            rows: plan_rows(r.plans.iter()),
            numbers_from: 3,
            ..Grid::default()
        }));
        if let Some(chance) = r.plans.first().and_then(|p| p.chance) {
            blocks.push(Block::Paragraph(chance_note(r, chance)));
        }
    } else {
        blocks.push(Block::Paragraph(format!(
            "No plan{budget} reaches {goal} on this grid."
        )));
        match (&r.best_within_budget, r.confidence) {
            (Some(best), None) => blocks.push(Block::Paragraph(format!(
                "The best{budget}: {} ({}) for {} a year (one-off costs spread over {over}), with: {}.",
                best.score,
                best.band.as_str(),
                money(best.cost_per_year),
                best.summary.join("; ")
            ))),
            (Some(best), Some(_)) => blocks.push(Block::Paragraph(format!(
                "The likeliest{budget}: it reaches {} in {} of plausible cases (it scores {} on the central assumptions), for {} a year (one-off costs spread over {over}), with: {}.",
                r.target,
                percent(best.chance.unwrap_or(0.0)),
                best.score,
                money(best.cost_per_year),
                best.summary.join("; ")
            ))),
            (None, Some(_)) => blocks.push(Block::Paragraph(format!(
                "No plan{budget} reaches {} in any plausible case.",
                r.target
            ))),
            (None, None) => {}
        }
    }

    // Within a budget each remedy is sized to it too, so the rows differ
    // from assess's, which has none.
    // What sized each row, and whose chance the Chance column is.
    let within = r
        .budget
        .map_or(String::new(), |b| format!(" within {} a year", money(b)));
    let sized = if r.sizing.fixed {
        ", at the fixed steps".to_string()
    } else if r.sizing.any_given() {
        format!(", at the sizes you gave, the rest fitted{within}")
    } else if r.budget.is_some() {
        format!(", fitted{within}")
    } else {
        String::new()
    };
    blocks.push(Block::Heading(format!(
        "Each remedy alone{sized} (Chance: of reaching {})",
        r.target
    )));
    blocks.push(Block::Table(options(&r.single_remedies)));
    if let Some(best) = r.plans.first() {
        blocks.push(Block::Paragraph(format!(
            "Best plan: {}, for {} a year (one-off costs spread over {over}).",
            best.summary.join("; "),
            money(best.cost_per_year)
        )));
    }
    if let Some(frontier) = &r.frontier {
        // Each step is a score on the central assumptions; its chance is
        // still of reaching the target, which the heading must say.
        blocks.push(Block::Heading(format!(
            "The cheapest plan for each score on the central assumptions (Chance: of reaching {})",
            r.target
        )));
        blocks.push(Block::Table(Grid {
            header: header("Step"),
            rows: plan_rows(frontier.iter()),
            numbers_from: 3,
            ..Grid::default()
        }));
    }
    blocks
}

/// What the Chance column means, and a plain warning when the cheapest
/// plan only just reaches the target on the central assumptions.
fn chance_note(r: &PlanResult, best: f64) -> String {
    let target = r.target;
    let meaning = format!(
        "Chance: the share of {} (each a draw of every assumption from its range, see explain) in which the plan still reaches {target}.",
        counted(r.samples as u64, "plausible case", "plausible cases")
    );
    if let Some(share) = r.confidence {
        format!(
            "{meaning} Each plan here reaches {target} in {}; its Score is on the central assumptions alone (run without --confidence for the cheapest plan that reaches {target} on them).",
            asked_share(share)
        )
    } else if best < 0.5 {
        format!(
            "{meaning} The cheapest plan reaches {target} on the central assumptions but falls short in {} of plausible cases, so treat its cost as the least to budget for; --confidence 0.8 finds the cheapest plan that reaches it in 80% of them.",
            percent(1.0 - best)
        )
    } else {
        meaning
    }
}

/// The share asked for, in percent as the user would write it: "at least
/// 80% of plausible cases", "at least 99.5% ...".
fn asked_share(share: f64) -> String {
    // Never "100%": a share under 1 is not every case.
    let text = format!("{:.3}", (share * 100.0).min(99.999));
    match text.trim_end_matches('0').trim_end_matches('.') {
        // Under 0.0005%: one draw of the at most 100,000 is enough.
        "0" => "at least one plausible case".to_string(),
        shown => format!("at least {shown}% of plausible cases"),
    }
}

/// A chance as a whole percentage, rounded down so that it never reads as
/// more than it is (0.796 is 79%, not the 80% a plan fell short of);
/// "under 1%" and "over 99%" at the ends so that a rare case never reads
/// as none or all.
fn percent(share: f64) -> String {
    // A hair of slack so that 0.29 (28.999...% in binary) reads as 29%.
    let whole = (share * 100.0 + 1e-9).floor();
    if share > 0.0 && whole < 1.0 {
        "under 1%".to_string()
    } else if share < 1.0 && whole > 99.0 {
        "over 99%".to_string()
    } else {
        format!("{whole:.0}%")
    }
}

/// The columns of a batch's headline figures, for the whole and each group.
const SUMMARY_COLUMNS: [&str; 7] = [
    "Manageable",
    "Stretched",
    "Overloaded",
    "Unmanageable",
    "Median score",
    "Total shortfall h/wk",
    "Best-value options, a year",
];

fn summary_cells(s: &Summary) -> Vec<String> {
    let b = &s.bands;
    vec![
        b.manageable.to_string(),
        b.stretched.to_string(),
        b.overloaded.to_string(),
        b.unmanageable.to_string(),
        s.median_score.map_or("-".to_string(), |m| format!("{m}")),
        hours1(s.total_shortfall_hours_per_week),
        money(s.best_value_total_annual_cost),
    ]
}

pub(super) fn layout_summary(s: &Summary) -> Vec<Block> {
    let b = &s.bands;
    let mut blocks = vec![Block::Title(format!(
        "{} assessed{}",
        counted(s.schools as u64, "school", "schools"),
        if s.failed > 0 {
            format!(", {} could not be read (see the errors above)", s.failed)
        } else {
            String::new()
        }
    ))];
    // With no school assessed the count says it all: no row of zeros.
    if s.schools == 0 {
        return blocks;
    }
    blocks.push(Block::Table(Grid {
        header: cells(SUMMARY_COLUMNS),
        rows: vec![summary_cells(s)],
        numbers_from: 0,
        ..Grid::default()
    }));
    blocks.push(Block::Paragraph(format!(
        "{} of {} schools ({:.0}%) are overloaded or unmanageable; every school's best-value option together would cost {} a year.",
        b.overloaded + b.unmanageable,
        s.schools,
        100.0 * (b.overloaded + b.unmanageable) as f64 / s.schools as f64,
        money(s.best_value_total_annual_cost)
    )));
    if let (Some(years), Some(worse), Some(cost)) = (
        s.forecast_years,
        s.worse_within_years,
        s.forecast_total_cost,
    ) {
        let worse_text = format!(
            "As SEND numbers grow, {} of {} schools {} worse within {} with today's staffing",
            worse,
            s.schools,
            if worse == 1 { "gets" } else { "get" },
            counted(u64::from(years), "year", "years"),
        );
        blocks.push(Block::Paragraph(match s.forecast_short.unwrap_or(0) {
            0 => format!(
                "{worse_text}; keeping every school at the target costs {} over years 0 to {years} (each school's staged plan, see forecast).",
                money(cost)
            ),
            short => format!(
                "{worse_text}; the schools' staged plans cost {} over years 0 to {years}, but {short} of them {} short of the target in some year: even the most each remedy may add does not reach it there (see each school's forecast).",
                money(cost),
                if short == 1 { "falls" } else { "fall" }
            ),
        }));
    }
    if !s.groups.is_empty() {
        blocks.push(Block::Heading(
            match s.by {
                Some("la") => "By local authority",
                _ => "By phase",
            }
            .to_string(),
        ));
        blocks.push(Block::Table(Grid {
            header: ["Group", "Schools"]
                .into_iter()
                .chain(SUMMARY_COLUMNS)
                .map(str::to_string)
                .collect(),
            rows: s
                .groups
                .iter()
                .map(|g| {
                    let mut row = vec![g.group.clone(), g.summary.schools.to_string()];
                    row.extend(summary_cells(&g.summary));
                    row
                })
                .collect(),
            numbers_from: 1,
            ..Grid::default()
        }));
    }
    blocks
}

/// A terminal table of more schools than this is read by no one.
const MAX_SCHOOL_ROWS: usize = 500;

pub(super) fn layout_batch(s: &Summary, schools: &[SchoolLine]) -> Vec<Block> {
    let mut blocks = layout_summary(s);
    if schools.is_empty() {
        return blocks;
    }
    let shown = schools.len().min(MAX_SCHOOL_ROWS);
    let forecast = s.forecast_years;
    // URN and authority columns only where some school gives them (a
    // trust's roster from the DfE's file), so a folder of profiles keeps
    // its width; when every school has a URN it finds the school, and the
    // source column makes way so the table still fits a terminal.
    let urns = schools.iter().any(|l| l.urn.is_some());
    let las = schools.iter().any(|l| l.la.is_some());
    let sources = !schools.iter().all(|l| l.urn.is_some());
    let identity = |l: &SchoolLine| {
        let mut cells = Vec::new();
        if urns {
            cells.push(l.urn.map_or("-".to_string(), |u| u.to_string()));
        }
        if las {
            cells.push(l.la.clone().unwrap_or_else(|| "-".to_string()));
        }
        cells
    };
    let rows = schools[..shown]
        .iter()
        .map(|l| {
            let mut row = vec![l.name.clone()];
            row.extend(identity(l));
            if sources {
                row.push(l.source.clone());
            }
            row.extend([
                l.band.as_str().to_string(),
                l.best_value.unwrap_or("-").to_string(),
                l.score.to_string(),
                hours1(l.shortfall_hours_per_week),
                l.best_value_annual_cost.map_or("-".to_string(), money),
            ]);
            if forecast.is_some() {
                row.push(
                    l.forecast
                        .and_then(|f| f.first_worse_year)
                        .map_or("-".to_string(), |y| y.to_string()),
                );
                row.push(l.forecast.map_or("-".to_string(), |f| {
                    let cost = money(f.total_cost);
                    if f.feasible {
                        cost
                    } else {
                        format!("{cost} (falls short)")
                    }
                }));
            }
            row
        })
        .collect();
    blocks.push(Block::Heading("Schools".to_string()));
    blocks.push(Block::Table(Grid {
        header: {
            let mut header = cells(["School"]);
            header.extend(
                [(urns, "URN"), (las, "LA"), (sources, "Source")]
                    .into_iter()
                    .filter(|(shown, _)| *shown)
                    .map(|(_, name)| name.to_string()),
            );
            header.extend(cells([
                "Band",
                "Best value",
                "Score",
                "Short h/wk",
                "Its cost a year",
            ]));
            if let Some(years) = forecast {
                header.push("Worse in year".to_string());
                header.push(format!("Staged plan, years 0-{years}"));
            }
            header
        },
        rows,
        numbers_from: 3 + usize::from(urns) + usize::from(las) + usize::from(sources),
        ..Grid::default()
    }));
    if schools.len() > shown {
        blocks.push(Block::Paragraph(format!(
            "... and {} more schools: use --format csv or ndjson for every one.",
            schools.len() - shown
        )));
    }
    blocks
}

fn param_rows(rows: &[ParamRow]) -> Vec<Vec<String>> {
    rows.iter()
        .map(|r| {
            let show = crate::round::show;
            let mut notes = Vec::new();
            if r.value != r.default {
                notes.push(format!("default {}", show(r.default)));
            }
            if let (Some(low), Some(high)) = (r.low, r.high) {
                notes.push(format!("range {}-{}", show(low), show(high)));
            }
            let value = if notes.is_empty() {
                show(r.value)
            } else {
                format!("{} ({})", show(r.value), notes.join("; "))
            };
            vec![
                r.key.to_string(),
                value,
                r.unit.to_string(),
                format!("{:?}", r.basis).to_lowercase(),
                r.source.to_string(),
            ]
        })
        .collect()
}

pub(super) fn layout_explain(e: &Explanation) -> Vec<Block> {
    let mut blocks = vec![Block::Title(
        "The model's numbers: every one can be overridden in a profile's [assumptions] or [costs]"
            .to_string(),
    )];
    blocks.extend(parameters(e));
    if let Some(w) = &e.working {
        blocks.push(Block::Heading(format!(
            "The working for {}, as of {}",
            w.source, w.as_of
        )));
        blocks.extend(formulas(w));
    }
    blocks
}

/// Every assumption and cost with its value, basis and source.
pub(super) fn parameters(e: &Explanation) -> Vec<Block> {
    let header = || cells(["Key", "Value", "Unit", "Basis", "Source"]);
    vec![
        Block::Heading("Assumptions".to_string()),
        Block::Table(Grid {
            header: header(),
            rows: param_rows(&e.assumptions),
            numbers_from: 5,
            ..Grid::default()
        }),
        Block::Heading("Costs (pounds)".to_string()),
        Block::Table(Grid {
            header: header(),
            rows: param_rows(&e.costs),
            numbers_from: 5,
            ..Grid::default()
        }),
        Block::Heading("Growth a year (forecast)".to_string()),
        Block::Table(Grid {
            header: header(),
            rows: param_rows(&e.growth),
            numbers_from: 5,
            ..Grid::default()
        }),
    ]
}

/// One school's numbers through each formula: demand, capacity, score.
pub(super) fn formulas(w: &Working) -> Vec<Block> {
    let mut blocks = vec![Block::Paragraph(
        "Demand: the hours a week each task needs.".to_string(),
    )];
    let mut rows: Vec<Vec<String>> = w
        .tasks
        .iter()
        .map(|t| {
            vec![
                t.task.as_str().to_string(),
                t.formula.clone(),
                t.working.clone(),
            ]
        })
        .collect();
    rows.push(vec![
        "demand".to_string(),
        "the tasks added up".to_string(),
        hours1(w.demand_hours_per_week),
    ]);
    blocks.push(Block::Table(Grid {
        header: cells([
            "Task",
            "Formula",
            "With this school's numbers (hours a week)",
        ]),
        rows,
        numbers_from: 3,
        ..Grid::default()
    }));
    blocks.push(Block::Paragraph(
        "Capacity: the pools fill the tasks in this order, each only with what it may do."
            .to_string(),
    ));
    blocks.push(Block::List(
        w.pools
            .iter()
            .enumerate()
            .map(|(i, p)| {
                format!(
                    "{}. {}: {} h; {}; covers {} h.",
                    i + 1,
                    p.pool,
                    hours1(p.hours),
                    p.working,
                    hours1(p.covered)
                )
            })
            .collect(),
    ));
    blocks.push(Block::Paragraph(format!("Score: {}.", w.score_working)));
    blocks
}

/// The tornado as a table: each ranged assumption at its low and high.
pub(super) fn layout_sensitivity(s: &Sensitivity) -> Vec<Block> {
    let show = crate::round::show;
    let rows = s
        .rows
        .iter()
        .map(|r| {
            vec![
                r.key.to_string(),
                r.basis.to_string(),
                show(r.low),
                show(r.value),
                show(r.high),
                r.score_low.to_string(),
                r.score_high.to_string(),
                r.swing.to_string(),
                hours1(r.shortfall_low),
                hours1(r.shortfall_high),
            ]
        })
        .collect();
    vec![
        Block::Title(format!(
            "{}: what the verdict turns on, as of {}",
            s.source, s.as_of
        )),
        Block::Paragraph(format!(
            "Now {} ({}). Each assumption below is moved alone to the low and the high end of its plausible range, every other kept at the school's value.",
            s.score,
            s.band.as_str()
        )),
        Block::Paragraph(s.verdict.clone()),
        Block::Table(Grid {
            header: cells([
                "Assumption",
                "Basis",
                "Low",
                "Value",
                "High",
                "Score at low",
                "Score at high",
                "Swing",
                "Short h/wk at low",
                "Short h/wk at high",
            ]),
            rows,
            numbers_from: 2,
            ..Grid::default()
        }),
    ]
}

pub(super) fn layout_audit(a: &Audit) -> Vec<Block> {
    let show = crate::round::show;
    let ratio = |r: Option<f64>| r.map_or("-".to_string(), |r| format!("{r:.2}"));
    let tasks = a
        .tasks
        .iter()
        .map(|t| {
            vec![
                t.task.as_str().to_string(),
                t.entries.to_string(),
                show(t.measured.by.senco),
                show(t.measured.by.deputy),
                show(t.measured.by.admin),
                show(t.measured.by.lead_tas),
                show(t.measured.total),
                t.modelled.map_or("-".to_string(), show),
                ratio(t.ratio),
            ]
        })
        .collect();
    let rates: Vec<Vec<String>> = a
        .calibrations
        .iter()
        .filter(|c| c.status != Status::NotLogged)
        .map(|c| {
            vec![
                c.key.clone(),
                c.current.map_or("-".to_string(), show),
                c.value.map_or("-".to_string(), show),
                c.working.clone().unwrap_or_else(|| "-".to_string()),
                match c.status {
                    Status::Calibrated => "writes it".to_string(),
                    _ => c.reason.clone().unwrap_or_default(),
                },
            ]
        })
        .collect();
    let dates = a.period();
    let mut blocks = vec![
        Block::Title(format!(
            "{}: time log of {dates}, against {}, as of {}",
            a.source, a.profile, a.as_of
        )),
        // Said before any figure, and marked, so that no one reads a rate
        // as the time the work needs.
        Block::Paragraph(format!("Read this first. {}", crate::audit::CAVEAT)),
        Block::Paragraph(format!(
            "{} over {} ({}). Hours a week are the log's minutes / 60 / {}.",
            counted(a.entries as u64, "entry", "entries"),
            counted(u64::from(a.weeks), "week", "weeks"),
            if a.weeks_from == "log" {
                "the weeks with at least one entry"
            } else {
                "as --weeks says"
            },
            a.weeks
        )),
        Block::Heading("Hours a week: logged against the model".to_string()),
        Block::Table(Grid {
            header: cells([
                "Task",
                "Entries",
                "SENCO",
                "Deputy",
                "Admin",
                "Lead TAs",
                "Logged h/wk",
                "Model h/wk",
                "Logged / model",
            ]),
            rows: tasks,
            numbers_from: 1,
            ..Grid::default()
        }),
    ];
    if !a.not_logged.is_empty() {
        let names: Vec<&str> = a.not_logged.iter().map(|t| t.as_str()).collect();
        blocks.push(Block::Paragraph(format!(
            "Not logged (the model expects time for these; nothing is calibrated from them): {}.",
            names.join(", ")
        )));
    }
    blocks.push(Block::Heading("The school's own rates".to_string()));
    let written = a.to_write().len();
    if rates.is_empty() {
        blocks.push(Block::Paragraph(
            "The log gives no rate: no task it logs calibrates an assumption.".to_string(),
        ));
    } else {
        blocks.push(Block::Table(Grid {
            header: cells([
                "Assumption",
                "Now",
                "From the log",
                "Working",
                "With --write",
            ]),
            rows: rates,
            // Words follow the numbers: nothing right-aligned.
            numbers_from: 5,
            ..Grid::default()
        }));
    }
    if written > 0 {
        blocks.push(Block::Paragraph(format!(
            "With the {} marked \"writes it\", the score would be {} ({}), against {} ({}) now.",
            counted(written as u64, "rate", "rates"),
            a.score_after,
            a.band_after.as_str(),
            a.score_before,
            a.band_before.as_str()
        )));
    }
    if !a.warnings.is_empty() {
        blocks.push(Block::Heading("Warnings".to_string()));
        blocks.push(Block::List(
            a.warnings.iter().map(|w| w.message.clone()).collect(),
        ));
    }
    blocks
}

pub(super) fn layout_forecast(f: &Forecast) -> Vec<Block> {
    let percent = |rate: f64| format!("{:+.1}%", rate * 100.0);
    let today = f.rows.first();
    let mut blocks = vec![
        Block::Title(format!(
            "{}{}: the next {}, as of {}",
            f.source,
            f.scenario.as_ref().map_or(String::new(), |name| format!(
                ", scenario {name} from year 1"
            )),
            counted(u64::from(f.years), "year", "years"),
            f.as_of
        )),
        Block::Paragraph(format!(
            "Each year EHC plans grow {}, pupils at SEN support {} and pupils {} (the profile's [growth], else national trends). Year 0 is now.",
            percent(f.growth.ehcp),
            percent(f.growth.sen_support),
            percent(f.growth.pupils)
        )),
        Block::Heading("With today's staffing".to_string()),
        Block::Table(Grid {
            header: cells([
                "Year",
                "Band",
                "Pupils",
                "SEN support",
                "EHC plans",
                "Score",
                "Short h/wk",
            ]),
            rows: f
                .rows
                .iter()
                .map(|r| {
                    vec![
                        r.year.to_string(),
                        r.band.as_str().to_string(),
                        r.pupils.to_string(),
                        r.sen_support.to_string(),
                        r.ehcp.to_string(),
                        r.score.to_string(),
                        hours1(r.shortfall_hours_per_week),
                    ]
                })
                .collect(),
            // The band is words: numbers from the pupils on.
            numbers_from: 2,
            ..Grid::default()
        }),
    ];
    blocks.push(Block::Paragraph(match (f.first_worse_year, today) {
        (Some(year), Some(now)) => {
            let band = f.rows.iter().find(|r| r.year == year).map_or("", |r| r.band.as_str());
            format!(
                "With today's staffing the role first gets worse in year {year}: from {} to {band}.",
                now.band.as_str()
            )
        }
        (None, Some(now)) => format!(
            "With today's staffing the role stays {} over the {}.",
            now.band.as_str(),
            counted(u64::from(f.years), "year", "years")
        ),
        _ => String::new(),
    }));
    let budget = f
        .budget
        .map_or(String::new(), |b| format!(" within {} a year", money(b)));
    blocks.push(Block::Heading(format!(
        "The staged plan: the cheapest each year to reach {}{budget}, never cutting what an earlier year added",
        f.target
    )));
    blocks.push(Block::Table(Grid {
        header: cells([
            "Year",
            "Changes from today's staffing",
            "Score",
            "A year",
            "Once",
            "Running total",
        ]),
        rows: f
            .rows
            .iter()
            .map(|r| {
                let score = if r.plan.reaches_target {
                    r.plan.score.to_string()
                } else {
                    format!("{} (short of {})", r.plan.score, f.target)
                };
                vec![
                    r.year.to_string(),
                    r.plan.summary.join("\n"),
                    score,
                    money(r.plan.recurring_cost),
                    money(r.plan.one_off_cost),
                    money(r.plan.running_total),
                ]
            })
            .collect(),
        numbers_from: 2,
        ..Grid::default()
    }));
    blocks.push(Block::Paragraph(if f.feasible {
        format!(
            "Staying at {} costs {} over years 0 to {}, recurring and one-off costs together.",
            f.target,
            money(f.total_cost),
            f.years
        )
    } else {
        let short: Vec<String> = f
            .rows
            .iter()
            .filter(|r| !r.plan.reaches_target)
            .map(|r| format!("year {} (best {})", r.year, r.plan.score))
            .collect();
        format!(
            "No plan on the grid{budget} reaches {} in {}: each such year shows the best it can do, and the next year builds on it. The plan costs {} over years 0 to {}.",
            f.target,
            short.join(", "),
            money(f.total_cost),
            f.years
        )
    }));
    if !f.warnings.is_empty() {
        blocks.push(Block::Heading("Warnings".to_string()));
        blocks.push(Block::List(
            f.warnings.iter().map(|w| w.message.clone()).collect(),
        ));
    }
    blocks
}
