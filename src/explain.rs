//! `senco-plan explain`: every number the model uses, with its basis, and
//! a school's full working: each task's formula with the school's numbers,
//! the pools filled step by step, and the score.

use crate::model::{Area, Band, Task, assess, senco_effective_hours};
use crate::params::{ASSUMPTIONS, Assumptions, Basis, COSTS, Costs, GROWTH, Growth, Param};
use crate::profile::{Award, Leadership, Phase, Profile};
use crate::report::SCHEMA_VERSION;
use crate::round::{self, show};
use chrono::NaiveDate;
use serde::Serialize;

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ParamRow {
    pub table: &'static str,
    pub key: &'static str,
    pub value: f64,
    pub default: f64,
    pub unit: &'static str,
    pub basis: Basis,
    pub source: &'static str,
    /// The plausible low and high of a ranged assumption (SPEC section 8),
    /// moved with the school's value; none for the rest.
    pub low: Option<f64>,
    pub high: Option<f64>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TaskWorking {
    pub task: Task,
    pub area: Area,
    /// The formula in the model's names.
    pub formula: String,
    /// The formula with this school's numbers.
    pub working: String,
    #[serde(serialize_with = "round::hours")]
    pub hours_per_week: f64,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PoolStep {
    pub pool: &'static str,
    #[serde(serialize_with = "round::hours")]
    pub hours: f64,
    pub working: String,
    #[serde(serialize_with = "round::hours")]
    pub covered: f64,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Working {
    pub source: String,
    pub as_of: NaiveDate,
    pub tasks: Vec<TaskWorking>,
    #[serde(serialize_with = "round::hours")]
    pub demand_hours_per_week: f64,
    pub pools: Vec<PoolStep>,
    #[serde(serialize_with = "round::hours")]
    pub covered_hours_per_week: f64,
    pub score: u32,
    pub band: Band,
    pub score_working: String,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Explanation {
    pub schema_version: u32,
    pub assumptions: Vec<ParamRow>,
    pub costs: Vec<ParamRow>,
    /// `[growth]`: how fast the numbers rise a year (`forecast`).
    pub growth: Vec<ParamRow>,
    pub working: Option<Working>,
}

fn rows<T: Default>(
    table: &'static str,
    params: &[Param<T>],
    values: &T,
    ranges: &[crate::params::Ranged],
) -> Vec<ParamRow> {
    params
        .iter()
        .map(|p| {
            let range = ranges.iter().find(|r| r.param.key == p.key);
            ParamRow {
                table,
                key: p.key,
                value: (p.get)(values),
                default: p.default_value(),
                unit: p.unit,
                basis: p.basis,
                source: p.source,
                low: range.map(|r| r.low),
                high: range.map(|r| r.high),
            }
        })
        .collect()
}

fn formula(p: &Profile, task: Task) -> (String, String) {
    let a = &p.assumptions;
    let weeks = show(p.weeks_per_year());
    let s = &p.school;
    match task {
        Task::EhcpReviews => (
            "ehcp x ehcp-review-hours / weeks".into(),
            format!("{} x {} / {weeks}", s.ehcp, show(a.ehcp_review_hours)),
        ),
        Task::EhcRequests => {
            let requests = match s.ehc_requests_per_year {
                Some(r) => r.to_string(),
                None => format!(
                    "{} (requests: {} x {}, rounded)",
                    p.ehc_requests_per_year(),
                    show(a.ehc_request_rate),
                    s.sen_support
                ),
            };
            (
                "requests x ehc-request-hours / weeks".into(),
                format!("{requests} x {} / {weeks}", show(a.ehc_request_hours)),
            )
        }
        Task::SenSupport => {
            if p.whole_school.corporate_responsibility {
                (
                    "sen-support x sen-support-hours x corporate-factor / weeks".into(),
                    format!(
                        "{} x {} x {} / {weeks}",
                        s.sen_support,
                        show(a.sen_support_hours),
                        show(a.corporate_factor)
                    ),
                )
            } else {
                (
                    "sen-support x sen-support-hours / weeks".into(),
                    format!(
                        "{} x {} / {weeks}",
                        s.sen_support,
                        show(a.sen_support_hours)
                    ),
                )
            }
        }
        Task::AccessArrangements => match s.phase {
            Phase::Secondary | Phase::AllThrough | Phase::Special | Phase::AlternativeProvision => {
                (
                    "access-hours-per-100-pupils x pupils / 100".into(),
                    format!(
                        "{} x {} / 100",
                        show(a.access_hours_per_100_pupils),
                        s.pupils
                    ),
                )
            }
            Phase::Primary | Phase::Middle => (
                "access-hours-primary (key stage 2 tests)".into(),
                show(a.access_hours_primary),
            ),
            Phase::Nursery => ("none in a nursery".into(), "0".into()),
        },
        Task::Transition => (
            "transition-hours + transition-hours-per-100-pupils x pupils / 100".into(),
            format!(
                "{} + {} x {} / 100",
                show(a.transition_hours),
                show(a.transition_hours_per_100_pupils),
                s.pupils
            ),
        ),
        Task::ParentsAndAgencies => (
            "(sen-support + ehcp) x agency-hours / weeks".into(),
            format!(
                "({} + {}) x {} / {weeks}",
                s.sen_support,
                s.ehcp,
                show(a.agency_hours)
            ),
        ),
        Task::TaLeadership => {
            let base = format!("{} x {}", p.ta_count(), show(a.ta_management_hours));
            if p.distributed() {
                (
                    "TAs x ta-management-hours + lead TAs x lead-oversight-hours (distributed-share of the first may go to lead TAs)".into(),
                    format!(
                        "{base} + {} x {} ({} of the first may go to lead TAs)",
                        p.lead_tas(),
                        show(a.lead_oversight_hours),
                        show(a.distributed_share)
                    ),
                )
            } else {
                ("TAs x ta-management-hours".into(), base)
            }
        }
        Task::StaffDevelopment => {
            let teachers = match s.teachers {
                Some(t) => t.to_string(),
                None => format!(
                    "{} (teachers: {} pupils / {}, rounded)",
                    p.teachers(),
                    s.pupils,
                    show(p.pupils_per_teacher())
                ),
            };
            if p.whole_school.corporate_responsibility {
                (
                    "teachers x (cpd-hours-per-teacher + corporate-cpd-hours) / weeks".into(),
                    format!(
                        "{teachers} x ({} + {}) / {weeks}",
                        show(a.cpd_hours_per_teacher),
                        show(a.corporate_cpd_hours)
                    ),
                )
            } else {
                (
                    "teachers x cpd-hours-per-teacher / weeks".into(),
                    format!("{teachers} x {} / {weeks}", show(a.cpd_hours_per_teacher)),
                )
            }
        }
        Task::Strategy => (
            "strategy-hours + strategy-hours-per-100-pupils x pupils / 100".into(),
            format!(
                "{} + {} x {} / 100",
                show(a.strategy_hours),
                show(a.strategy_hours_per_100_pupils),
                s.pupils
            ),
        ),
        Task::LeadershipMeetings => {
            let (key, hours) = match p.senco.leadership {
                Leadership::Slt => ("meetings-slt-hours", a.meetings_slt_hours),
                Leadership::AssociateSlt => (
                    "meetings-associate-slt-hours",
                    a.meetings_associate_slt_hours,
                ),
                Leadership::Middle => ("meetings-middle-hours", a.meetings_middle_hours),
            };
            (key.into(), show(hours))
        }
        Task::DeputySupervision => (
            "deputy-supervision-hours when there is a deputy".into(),
            if p.deputy.is_some() {
                show(a.deputy_supervision_hours)
            } else {
                "0 (no deputy)".into()
            },
        ),
        Task::QualificationStudy => (
            "study-hours while the award is in progress".into(),
            if p.senco.award == Some(Award::InProgress) {
                show(a.study_hours)
            } else {
                "0 (not studying)".into()
            },
        ),
    }
}

fn working(source: &str, p: &Profile, as_of: NaiveDate) -> Working {
    let a = assess(p, as_of);
    let tasks = a
        .tasks
        .iter()
        .map(|t| {
            let (formula, numbers) = formula(p, t.task);
            TaskWorking {
                task: t.task,
                area: t.area,
                formula,
                working: format!("{numbers} = {}", show(t.hours_per_week)),
                hours_per_week: t.hours_per_week,
            }
        })
        .collect();
    let sum =
        |f: fn(&crate::model::Cover) -> f64| a.tasks.iter().map(|t| f(&t.covered)).sum::<f64>();
    let s = &p.senco;
    let contract = p.contract_hours();
    let ppa = p.assumptions.ppa_share * s.teaching_hours;
    let fits = (contract - s.teaching_hours - ppa - s.other_duties_hours).max(0.0);
    let kept = (1.0 - p.assumptions.fragmentation * s.teaching_hours / contract).max(0.0);
    let pools = vec![
        PoolStep {
            pool: "admin",
            hours: a.pools.admin,
            working: format!(
                "admin.hours {} against the admin shares (statutory {}, SEN support {}, access arrangements {}, parents and transition {})",
                show(a.pools.admin),
                show(p.assumptions.admin_share_statutory),
                show(p.assumptions.admin_share_support),
                show(p.assumptions.admin_share_access),
                show(p.assumptions.admin_share_agencies)
            ),
            covered: sum(|c| c.admin),
        },
        PoolStep {
            pool: "lead TAs",
            hours: a.pools.lead_tas,
            working: format!(
                "lead-tas {} x lead-hours {} against the delegable share of TA leadership{}",
                p.lead_tas(),
                show(p.tas.as_ref().map_or(0.0, |t| t.lead_hours)),
                if p.distributed() {
                    ""
                } else {
                    " (none: structure is flat)"
                }
            ),
            covered: sum(|c| c.lead_tas),
        },
        PoolStep {
            pool: "deputy",
            hours: a.pools.deputy,
            working: format!(
                "deputy.hours {} against what remains of the tasks a deputy may do",
                show(a.pools.deputy)
            ),
            covered: sum(|c| c.deputy),
        },
        PoolStep {
            pool: "SENCO",
            hours: senco_effective_hours(p),
            working: format!(
                "min(senco-hours {}, contract {} - teaching {} - PPA {} - other duties {} = {}) x (1 - fragmentation {} x teaching {} / contract {} = {}) = {}",
                show(s.senco_hours),
                show(contract),
                show(s.teaching_hours),
                show(ppa),
                show(s.other_duties_hours),
                show(fits),
                show(p.assumptions.fragmentation),
                show(s.teaching_hours),
                show(contract),
                round::to_places(kept, 3),
                show(a.pools.senco)
            ),
            covered: sum(|c| c.senco),
        },
    ];
    let score_working = format!(
        "covered {} / demand {} = {} -> score round(100 x {}) = {} ({})",
        show(a.covered_hours_per_week),
        show(a.demand_hours_per_week),
        round::to_places(a.coverage, 4),
        round::to_places(a.coverage, 4),
        a.score,
        a.band.as_str()
    );
    Working {
        source: source.to_string(),
        as_of,
        tasks,
        demand_hours_per_week: a.demand_hours_per_week,
        pools,
        covered_hours_per_week: a.covered_hours_per_week,
        score: a.score,
        band: a.band,
        score_working,
    }
}

/// The defaults (or a school's values) and, with a school, its working.
pub fn explain(school: Option<(&str, &Profile)>, as_of: NaiveDate) -> Explanation {
    let defaults = (Assumptions::default(), Costs::default());
    let (a, c) = school.map_or((&defaults.0, &defaults.1), |(_, p)| {
        (&p.assumptions, &p.costs)
    });
    Explanation {
        schema_version: SCHEMA_VERSION,
        assumptions: rows(
            "assumptions",
            ASSUMPTIONS,
            a,
            &crate::params::ranged(a, school.map_or(&[][..], |(_, p)| &p.ranges)),
        ),
        costs: rows("costs", COSTS, c, &[]),
        growth: rows(
            "growth",
            GROWTH,
            school.map_or(&Growth::default(), |(_, p)| &p.growth),
            &[],
        ),
        working: school.map(|(source, p)| working(source, p, as_of)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::profile::parse_profile;

    #[test]
    fn the_working_adds_up_to_the_assessment() {
        let as_of = NaiveDate::from_ymd_opt(2026, 11, 22).unwrap();
        for text in [
            include_str!("../examples/primary.toml"),
            include_str!("../examples/secondary.toml"),
            include_str!("../examples/special.toml"),
            include_str!("../examples/all-through.toml"),
        ] {
            let p = parse_profile("t", text, &[]).unwrap();
            let a = assess(&p, as_of);
            let w = explain(Some(("t", &p)), as_of).working.unwrap();
            let tasks: f64 = w.tasks.iter().map(|t| t.hours_per_week).sum();
            assert!((tasks - a.demand_hours_per_week).abs() < 1e-9);
            let pools: f64 = w.pools.iter().map(|s| s.covered).sum();
            assert!((pools - a.covered_hours_per_week).abs() < 1e-9);
            assert_eq!(w.score, a.score);
            // Each task's written working ends in its hours.
            for t in &w.tasks {
                assert!(
                    t.working
                        .ends_with(&format!("= {}", show(t.hours_per_week))),
                    "{}",
                    t.working
                );
            }
        }
    }

    #[test]
    fn overrides_show_against_their_defaults() {
        let as_of = NaiveDate::from_ymd_opt(2026, 11, 22).unwrap();
        let text = include_str!("../examples/special.toml");
        let p = parse_profile("t", text, &[]).unwrap();
        let e = explain(Some(("t", &p)), as_of);
        let row = e
            .assumptions
            .iter()
            .find(|r| r.key == "ehcp-review-hours")
            .unwrap();
        assert_eq!((row.value, row.default), (10.0, 8.0));
        assert_eq!(explain(None, as_of).assumptions.len(), ASSUMPTIONS.len());
    }
}
