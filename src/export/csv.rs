use super::{ExportError, Exporter};
use crate::audit::Audit;
use crate::audit::log::Logged;
use crate::batch::{Record, SchoolLine, Summary};
use crate::compare::Comparison;
use crate::explain::Explanation;
use crate::forecast::Forecast;
use crate::options::Remedy;
use crate::plan::{Plan, PlanResult};
use crate::profile::Change;
use crate::report::Report;
use crate::round::to_places;
use crate::safe_text::csv_cell;
use crate::sensitivity::Sensitivity;
use crate::sweep::{SweepHead, SweepRow};

/// One row per school: the headline figures and each option's score, with
/// stable column names so a spreadsheet can chart them.
pub struct CsvExporter;

/// The options' columns; the leadership step is one column whether it
/// leads to associate-slt or slt.
fn option_column(remedy: Remedy) -> &'static str {
    match remedy {
        Remedy::FewerTeaching => "score_with_fewer_teaching",
        Remedy::Deputy => "score_with_deputy",
        Remedy::DistributedTa => "score_with_distributed_ta",
        Remedy::AdminSupport => "score_with_admin_support",
        Remedy::CorporateResponsibility => "score_with_corporate_responsibility",
        Remedy::LeadershipStep => "score_with_leadership_step",
    }
}

const HEADLINE_COLUMNS: &[&str] = &[
    "source",
    "name",
    "urn",
    "la",
    "phase",
    "pupils",
    "sen_support",
    "ehcp",
    "score",
    "band",
    "coverage",
    "demand_hours_per_week",
    "capacity_hours_per_week",
    "covered_hours_per_week",
    "shortfall_hours_per_week",
    "senco_hours_allocated",
    "senco_hours_effective",
    "extra_hours_needed",
    "idle_hours_per_week",
    "leadership",
    "compliance",
    "warnings",
    "best_value",
];

/// The columns `assess --forecast` adds to each school's row.
const FORECAST_COLUMNS: [&str; 4] = [
    "forecast_years",
    "first_worse_year",
    "forecast_feasible",
    "forecast_total_cost",
];

fn assess_header() -> Vec<String> {
    let mut header: Vec<String> = HEADLINE_COLUMNS.iter().map(|c| c.to_string()).collect();
    header.extend(Remedy::ALL.iter().map(|r| option_column(*r).to_string()));
    header.push("assumed".to_string());
    header
}

fn assess_row(r: &Report) -> Vec<String> {
    let a = &r.assessment;
    let mut row = vec![
        r.source.clone(),
        r.school.name.clone(),
        r.school.urn.map(|u| u.to_string()).unwrap_or_default(),
        r.school.la.clone().unwrap_or_default(),
        r.school.phase.to_string(),
        r.school.pupils.to_string(),
        r.school.sen_support.to_string(),
        r.school.ehcp.to_string(),
        a.score.to_string(),
        a.band.as_str().to_string(),
        to_places(a.coverage, 4).to_string(),
        hours(a.demand_hours_per_week),
        hours(a.capacity_hours_per_week),
        hours(a.covered_hours_per_week),
        hours(a.shortfall_hours_per_week),
        hours(a.senco_week.allocated),
        hours(a.senco_week.effective),
        hours(a.senco_week.extra_needed),
        hours(a.idle.admin + a.idle.lead_tas + a.idle.deputy + a.idle.senco),
        a.leadership.rating.as_str().to_string(),
        a.compliance.status.as_str().to_string(),
        a.warnings.len().to_string(),
        r.best_value.unwrap_or("").to_string(),
    ];
    // Options are sorted by gain in the report; columns keep a fixed order.
    for remedy in Remedy::ALL {
        let score = r
            .options
            .iter()
            .find(|o| o.remedy == *remedy)
            .and_then(|o| o.score);
        row.push(score.map(|s| s.to_string()).unwrap_or_default());
    }
    let assumed: Vec<String> = a.assumed.iter().map(|d| d.describe()).collect();
    row.push(assumed.join("; "));
    row
}

/// A header row and one row per record; numbers unquoted.
fn write(
    header: &[String],
    rows: impl Iterator<Item = Vec<String>>,
) -> Result<String, ExportError> {
    write_rows(std::iter::once(header.to_vec()).chain(rows))
}

/// Every cell passes the formula guard, so no text from input reaches a
/// spreadsheet as a live formula (SPEC section 12).
fn write_rows(rows: impl Iterator<Item = Vec<String>>) -> Result<String, ExportError> {
    let mut writer = csv::Writer::from_writer(Vec::new());
    for row in rows {
        writer.write_record(row.iter().map(|c| csv_cell(c).into_owned()))?;
    }
    let bytes = writer
        .into_inner()
        .map_err(|e| ::csv::Error::from(e.into_error()))?;
    Ok(String::from_utf8(bytes)?)
}

/// Changes as `--set` takes them, `; ` between.
fn set_list(changes: &std::collections::BTreeMap<String, Change>) -> String {
    changes
        .iter()
        .map(|(k, c)| c.as_set(k))
        .collect::<Vec<_>>()
        .join("; ")
}

fn hours(value: f64) -> String {
    to_places(value, 2).to_string()
}

fn pounds(value: f64) -> String {
    to_places(value, 0).to_string()
}

impl Exporter for CsvExporter {
    fn assess(&self, reports: &[Report]) -> Result<String, ExportError> {
        write(&assess_header(), reports.iter().map(assess_row))
    }

    fn compare(&self, comparison: &Comparison) -> Result<String, ExportError> {
        let header: Vec<String> = [
            "name",
            "source",
            "score",
            "band",
            "coverage",
            "demand_hours_per_week",
            "capacity_hours_per_week",
            "covered_hours_per_week",
            "shortfall_hours_per_week",
            "score_delta",
            "shortfall_delta",
            "annual_cost",
            "one_off_cost",
            "cost_per_year",
            "cost_per_point",
            "changes",
        ]
        .iter()
        .map(|c| c.to_string())
        .collect();
        let ranged = comparison
            .scenarios
            .iter()
            .any(|r| r.assessment.uncertainty.is_some());
        let mut header = header;
        if ranged {
            header.extend(["score_p10".to_string(), "score_p90".to_string()]);
        }
        let rows = comparison.scenarios.iter().map(|r| {
            let a = &r.assessment;
            let mut row = vec![
                r.name.clone(),
                r.source.clone(),
                a.score.to_string(),
                a.band.as_str().to_string(),
                to_places(a.coverage, 4).to_string(),
                hours(a.demand_hours_per_week),
                hours(a.capacity_hours_per_week),
                hours(a.covered_hours_per_week),
                hours(a.shortfall_hours_per_week),
                r.score_delta.to_string(),
                hours(r.shortfall_delta),
                pounds(r.annual_cost),
                pounds(r.one_off_cost),
                pounds(r.cost_per_year),
                r.cost_per_point.map(pounds).unwrap_or_default(),
                set_list(&r.changes),
            ];
            if ranged {
                let u = a.uncertainty.as_ref();
                row.extend([
                    u.map(|u| u.score_p10.to_string()).unwrap_or_default(),
                    u.map(|u| u.score_p90.to_string()).unwrap_or_default(),
                ]);
            }
            row
        });
        write(&header, rows)
    }

    fn sweep_start(&self, head: &SweepHead) -> Result<String, ExportError> {
        // `parameter_<key>` columns, as hyperfine names its parameters.
        let mut header: Vec<String> = head.vary.iter().map(|k| format!("parameter_{k}")).collect();
        header.extend(
            [
                "score",
                "band",
                "coverage",
                "demand_hours_per_week",
                "shortfall_hours_per_week",
                "annual_cost",
                "one_off_cost",
            ]
            .iter()
            .map(|c| c.to_string()),
        );
        if head.ranged {
            header.extend(["score_p10".to_string(), "score_p90".to_string()]);
        }
        write_rows(std::iter::once(header))
    }

    fn sweep_point(&self, head: &SweepHead, _: bool, r: &SweepRow) -> Result<String, ExportError> {
        let mut row: Vec<String> = head
            .vary
            .iter()
            .map(|k| r.values.get(k).map(ToString::to_string).unwrap_or_default())
            .collect();
        row.extend([
            r.score.to_string(),
            r.band.as_str().to_string(),
            to_places(r.coverage, 4).to_string(),
            hours(r.demand_hours_per_week),
            hours(r.shortfall_hours_per_week),
            pounds(r.annual_cost),
            pounds(r.one_off_cost),
        ]);
        if head.ranged {
            let show = |p: Option<u32>| p.map(|v| v.to_string()).unwrap_or_default();
            row.extend([show(r.score_p10), show(r.score_p90)]);
        }
        write_rows(std::iter::once(row))
    }

    fn sweep_end(&self, _: &SweepHead, _: &[SweepRow]) -> Result<String, ExportError> {
        Ok(String::new())
    }

    fn plan(&self, result: &PlanResult) -> Result<String, ExportError> {
        let header: Vec<String> = [
            "kind",
            "rank",
            "remedy",
            "score",
            "band",
            "annual_cost",
            "one_off_cost",
            "cost_per_year",
            "changes",
            "chance",
        ]
        .iter()
        .map(|c| c.to_string())
        .collect();
        let row = |kind: &str, p: &Plan| {
            vec![
                kind.to_string(),
                p.rank.to_string(),
                String::new(),
                p.score.to_string(),
                p.band.as_str().to_string(),
                pounds(p.annual_cost),
                pounds(p.one_off_cost),
                pounds(p.cost_per_year),
                set_list(&p.changes),
                p.chance.map(|c| format!("{c:.4}")).unwrap_or_default(),
            ]
        };
        let mut rows: Vec<Vec<String>> = result.plans.iter().map(|p| row("plan", p)).collect();
        rows.extend(
            result
                .best_within_budget
                .iter()
                .map(|p| row("best-within-budget", p)),
        );
        rows.extend(
            result
                .single_remedies
                .iter()
                .filter(|o| o.applicable)
                .map(|o| {
                    vec![
                        "single-remedy".to_string(),
                        String::new(),
                        o.option.to_string(),
                        o.score.map(|s| s.to_string()).unwrap_or_default(),
                        o.band.map(|b| b.as_str().to_string()).unwrap_or_default(),
                        o.annual_cost.map(pounds).unwrap_or_default(),
                        o.one_off_cost.map(pounds).unwrap_or_default(),
                        o.cost_per_year.map(pounds).unwrap_or_default(),
                        set_list(&o.changes),
                        o.chance.map(|c| format!("{c:.4}")).unwrap_or_default(),
                    ]
                }),
        );
        rows.extend(result.frontier.iter().flatten().map(|p| row("frontier", p)));
        write(&header, rows.into_iter())
    }

    fn batch_start(&self, forecast_years: Option<u32>) -> Result<String, ExportError> {
        let mut header = assess_header();
        if forecast_years.is_some() {
            header.extend(FORECAST_COLUMNS.iter().map(|c| c.to_string()));
        }
        write_rows(std::iter::once(header))
    }

    /// Failed inputs are reported on standard error, not as rows.
    fn batch_record(&self, _: bool, record: &Record) -> Result<String, ExportError> {
        match record {
            Ok(report) => {
                let mut row = assess_row(report);
                if let Some(f) = &report.forecast {
                    row.extend([
                        f.years.to_string(),
                        f.first_worse_year
                            .map(|y| y.to_string())
                            .unwrap_or_default(),
                        f.feasible.to_string(),
                        pounds(f.total_cost),
                    ]);
                }
                write_rows(std::iter::once(row))
            }
            Err(_) => Ok(String::new()),
        }
    }

    fn batch_end(&self, _: &Summary, _: &[SchoolLine]) -> Result<String, ExportError> {
        Ok(String::new())
    }

    /// The assumptions and costs, a row each.
    fn explain(&self, e: &Explanation) -> Result<String, ExportError> {
        let header: Vec<String> = [
            "table", "key", "value", "default", "unit", "basis", "source", "low", "high",
        ]
        .iter()
        .map(|c| c.to_string())
        .collect();
        let rows = e
            .assumptions
            .iter()
            .chain(&e.costs)
            .chain(&e.growth)
            .map(|r| {
                vec![
                    r.table.to_string(),
                    r.key.to_string(),
                    r.value.to_string(),
                    r.default.to_string(),
                    r.unit.to_string(),
                    format!("{:?}", r.basis).to_lowercase(),
                    r.source.to_string(),
                    r.low.map(|v| v.to_string()).unwrap_or_default(),
                    r.high.map(|v| v.to_string()).unwrap_or_default(),
                ]
            });
        write(&header, rows)
    }

    /// One row; with `--by`, a first column `group` and a row for each
    /// group after the row for all (`all`).
    fn summary(&self, s: &Summary) -> Result<String, ExportError> {
        let mut header: Vec<String> = [
            "schools",
            "failed",
            "manageable",
            "stretched",
            "overloaded",
            "unmanageable",
            "median_score",
            "total_shortfall_hours_per_week",
            "best_value_total_annual_cost",
            "forecast_years",
            "worse_within_years",
            "forecast_total_cost",
            "forecast_short",
        ]
        .iter()
        .map(|c| c.to_string())
        .collect();
        let row = |s: &Summary| {
            vec![
                s.schools.to_string(),
                s.failed.to_string(),
                s.bands.manageable.to_string(),
                s.bands.stretched.to_string(),
                s.bands.overloaded.to_string(),
                s.bands.unmanageable.to_string(),
                s.median_score.map(|m| m.to_string()).unwrap_or_default(),
                hours(s.total_shortfall_hours_per_week),
                pounds(s.best_value_total_annual_cost),
                s.forecast_years.map(|y| y.to_string()).unwrap_or_default(),
                s.worse_within_years
                    .map(|n| n.to_string())
                    .unwrap_or_default(),
                s.forecast_total_cost.map(pounds).unwrap_or_default(),
                s.forecast_short.map(|n| n.to_string()).unwrap_or_default(),
            ]
        };
        if s.groups.is_empty() {
            return write(&header, std::iter::once(row(s)));
        }
        header.insert(0, "group".to_string());
        let all = std::iter::once(("all".to_string(), s));
        let groups = s.groups.iter().map(|g| (g.group.clone(), &g.summary));
        let rows = all.chain(groups).map(|(name, s)| {
            let mut cells = row(s);
            cells.insert(0, name);
            cells
        });
        write(&header, rows)
    }

    fn sensitivity(&self, s: &Sensitivity) -> Result<String, ExportError> {
        let header: Vec<String> = [
            "source",
            "key",
            "basis",
            "low",
            "value",
            "high",
            "score_low",
            "score_high",
            "swing",
            "shortfall_low",
            "shortfall_high",
        ]
        .iter()
        .map(|c| c.to_string())
        .collect();
        let rows = s.rows.iter().map(|r| {
            vec![
                s.source.clone(),
                r.key.to_string(),
                r.basis.to_string(),
                r.low.to_string(),
                r.value.to_string(),
                r.high.to_string(),
                r.score_low.to_string(),
                r.score_high.to_string(),
                r.swing.to_string(),
                hours(r.shortfall_low),
                hours(r.shortfall_high),
            ]
        });
        write(&header, rows)
    }

    /// One row per task of the model, then other-send and other when
    /// logged: the measured hours and the assumption the task calibrates.
    fn audit(&self, a: &Audit) -> Result<String, ExportError> {
        let header: Vec<String> = [
            "source",
            "task",
            "entries",
            "senco",
            "deputy",
            "admin",
            "lead_tas",
            "measured",
            "modelled",
            "ratio",
            "key",
            "current",
            "calibrated",
            "method",
            "status",
            "reason",
        ]
        .iter()
        .map(|c| c.to_string())
        .collect();
        let kinds = crate::model::Task::ALL
            .iter()
            .map(|t| Logged::Task(*t))
            .chain([Logged::OtherSend, Logged::Other]);
        let number = |v: Option<f64>| v.map(hours).unwrap_or_default();
        let rows = kinds.filter_map(|kind| {
            let row = a.tasks.iter().find(|t| t.task == kind);
            let calibration = match kind {
                Logged::Task(task) => a.calibrations.iter().find(|c| c.task == task),
                _ => None,
            };
            if row.is_none() && calibration.is_none() {
                return None;
            }
            let measured = row.map(|r| r.measured).unwrap_or_default();
            Some(vec![
                a.source.clone(),
                kind.as_str().to_string(),
                row.map_or(0, |r| r.entries).to_string(),
                hours(measured.by.senco),
                hours(measured.by.deputy),
                hours(measured.by.admin),
                hours(measured.by.lead_tas),
                hours(measured.total),
                number(row.and_then(|r| r.modelled)),
                row.and_then(|r| r.ratio)
                    .map(|r| to_places(r, 4).to_string())
                    .unwrap_or_default(),
                calibration.map(|c| c.key.clone()).unwrap_or_default(),
                number(calibration.and_then(|c| c.current)),
                number(calibration.and_then(|c| c.value)),
                calibration
                    .and_then(|c| c.method)
                    .map(|m| match m {
                        crate::audit::Method::PerUnit => "per-unit",
                        crate::audit::Method::WeeklyHours => "weekly-hours",
                    })
                    .unwrap_or_default()
                    .to_string(),
                calibration
                    .map(|c| c.status.as_str().to_string())
                    .unwrap_or_default(),
                calibration
                    .and_then(|c| c.reason.clone())
                    .unwrap_or_default(),
            ])
        });
        write(&header, rows)
    }

    /// One row per year: today's staffing, then the staged plan.
    fn forecast(&self, forecasts: &[Forecast]) -> Result<String, ExportError> {
        let header: Vec<String> = [
            "source",
            "scenario",
            "year",
            "pupils",
            "sen_support",
            "ehcp",
            "score",
            "band",
            "shortfall",
            "plan_score",
            "plan_band",
            "reaches_target",
            "changes",
            "recurring_cost",
            "one_off_cost",
            "running_total",
        ]
        .iter()
        .map(|c| c.to_string())
        .collect();
        let rows = forecasts
            .iter()
            .flat_map(|f| f.rows.iter().map(move |r| (f, r)))
            .map(|(f, r)| {
                vec![
                    f.source.clone(),
                    f.scenario.clone().unwrap_or_default(),
                    r.year.to_string(),
                    r.pupils.to_string(),
                    r.sen_support.to_string(),
                    r.ehcp.to_string(),
                    r.score.to_string(),
                    r.band.as_str().to_string(),
                    hours(r.shortfall_hours_per_week),
                    r.plan.score.to_string(),
                    r.plan.band.as_str().to_string(),
                    r.plan.reaches_target.to_string(),
                    set_list(&r.plan.changes),
                    pounds(r.plan.recurring_cost),
                    pounds(r.plan.one_off_cost),
                    pounds(r.plan.running_total),
                ]
            });
        write(&header, rows)
    }
}
