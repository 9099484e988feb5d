//! `senco-plan audit` (SPEC section 9): a SENCO's time log turned into the
//! school's own rates, shown beside the model's, and the score they give.
//!
//! [`log`] reads the log; [`calibrate`] is pure arithmetic over a profile
//! and a log; [`write`] puts the rates into the profile's `[assumptions]`
//! without disturbing anything else in the file.

pub mod log;
pub mod write;

use crate::model::{Band, Cover, Task, Warning, assess, demand};
use crate::params::ASSUMPTIONS;
use crate::profile::{Leadership, Phase, Profile};
use crate::report::SCHEMA_VERSION;
use crate::round::{self, show};
use chrono::NaiveDate;
use log::{Log, Logged, Who};
use serde::Serialize;

/// Printed with every audit, not buried: what a log can and cannot show.
pub const CAVEAT: &str = "A log measures work done, not work needed: an overloaded SENCO leaves work undone, so the role's uncovered work is by definition under-logged. Treat rates from the log as the least the work takes.";

/// Fewer weeks than this are warned about: one term's pattern is not a year's.
pub const SHORT_AUDIT_WEEKS: u32 = 4;

/// Hours a week by who did the work (as the model's cover is split), and
/// in all.
#[derive(Debug, Clone, Copy, PartialEq, Default, Serialize)]
pub struct ByWho {
    #[serde(flatten)]
    pub by: Cover,
    #[serde(serialize_with = "round::hours")]
    pub total: f64,
}

/// One logged task: measured hours a week beside the model's demand.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TaskRow {
    pub task: Logged,
    pub entries: usize,
    pub measured: ByWho,
    /// The model's demand for the task (none for other-send and other).
    #[serde(serialize_with = "round::opt_hours")]
    pub modelled: Option<f64>,
    /// Measured / modelled; none where the model has no demand.
    #[serde(serialize_with = "round::opt_ratio")]
    pub ratio: Option<f64>,
}

/// How a calibrated rate was worked out.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Method {
    /// Hours per unit from the log's counts: a direct measure.
    PerUnit,
    /// From measured hours a week and the school's numbers.
    WeeklyHours,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Status {
    /// Worked out, within limits: `--write` writes it.
    Calibrated,
    /// Worked out, but outside the key's limits: not written.
    OutsideLimits,
    /// Worked out, but outside the profile's own `[ranges]`: not written.
    OutsideRange,
    /// Left out by `--only`.
    NotAsked,
    /// The log cannot give it (say why).
    NotCalibrated,
    /// The task has no entries: never calibrated to 0.
    NotLogged,
}

impl Status {
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Calibrated => "calibrated",
            Status::OutsideLimits => "outside-limits",
            Status::OutsideRange => "outside-range",
            Status::NotAsked => "not-asked",
            Status::NotCalibrated => "not-calibrated",
            Status::NotLogged => "not-logged",
        }
    }
}

/// One assumption the log speaks to.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Calibration {
    /// The `[assumptions]` key, or both keys where one figure cannot give two.
    pub key: String,
    pub task: Task,
    /// The profile's value now (none where the row names two keys).
    pub current: Option<f64>,
    /// The rate from the log, rounded to 2 decimals as `--write` stores it.
    pub value: Option<f64>,
    pub method: Option<Method>,
    /// The arithmetic, e.g. "49 h logged / 6 counted".
    pub working: Option<String>,
    pub status: Status,
    /// Why it is not written, in words.
    pub reason: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Audit {
    pub schema_version: u32,
    /// The log.
    pub source: String,
    pub profile: String,
    pub as_of: NaiveDate,
    pub first_date: Option<NaiveDate>,
    pub last_date: Option<NaiveDate>,
    pub weeks: u32,
    /// "log" (ISO weeks with entries) or "--weeks".
    pub weeks_from: &'static str,
    pub entries: usize,
    pub tasks: Vec<TaskRow>,
    /// Tasks the model expects time for that have no entries (not in
    /// `tasks`).
    pub not_logged: Vec<Task>,
    pub calibrations: Vec<Calibration>,
    pub score_before: u32,
    pub band_before: Band,
    /// With every calibrated rate (as rounded), the score and band.
    pub score_after: u32,
    pub band_after: Band,
    pub caveat: &'static str,
    pub warnings: Vec<Warning>,
}

impl Audit {
    /// "2026-09-07 to 2026-10-16, 6 weeks": for the profile's comments.
    pub fn period(&self) -> String {
        let weeks = round::counted(u64::from(self.weeks), "week", "weeks");
        match (self.first_date, self.last_date) {
            (Some(first), Some(last)) if first != last => format!("{first} to {last}, {weeks}"),
            (Some(day), _) => format!("{day}, {weeks}"),
            _ => weeks,
        }
    }

    /// The values `--write` writes: key and value.
    pub fn to_write(&self) -> Vec<(&str, f64)> {
        self.calibrations
            .iter()
            .filter(|c| c.status == Status::Calibrated)
            .filter_map(|c| c.value.map(|v| (c.key.as_str(), v)))
            .collect()
    }
}

/// The keys a log can calibrate, for checking `--only`.
pub fn calibratable_keys() -> &'static [&'static str] {
    &[
        "ehcp-review-hours",
        "ehc-request-hours",
        "sen-support-hours",
        "access-hours-per-100-pupils",
        "access-hours-primary",
        "agency-hours",
        "ta-management-hours",
        "cpd-hours-per-teacher",
        "meetings-slt-hours",
        "meetings-associate-slt-hours",
        "meetings-middle-hours",
        "deputy-supervision-hours",
        "study-hours",
    ]
}

/// What one task's measured hours a week calibrate: the key, and the rate
/// or why there is none.
enum Rate {
    /// The key, the rate, how, and the working in words.
    Value(&'static str, f64, Method, String),
    Not(String, String),
}

/// A rate from weekly hours: `hours a week x weeks a year / units`, or why
/// not when there are no units.
fn per_year(
    key: &'static str,
    weekly: f64,
    weeks: f64,
    (units, what): (f64, &str),
    none: &str,
) -> Rate {
    if units > 0.0 {
        Rate::Value(
            key,
            weekly * weeks / units,
            Method::WeeklyHours,
            format!(
                "{} h a week x {} weeks / {} {what}",
                show(weekly),
                show(weeks),
                show(units)
            ),
        )
    } else {
        Rate::Not(key.to_string(), format!("not calibrated: {none}"))
    }
}

/// A weekly figure taken as it is.
fn weekly_rate(key: &'static str, weekly: f64) -> Rate {
    Rate::Value(
        key,
        weekly,
        Method::WeeklyHours,
        format!("{} h a week", show(weekly)),
    )
}

/// The rate of a per-unit task: direct where every entry has a count.
fn per_unit(
    key: &'static str,
    row: &[&log::Entry],
    weekly: f64,
    weeks: f64,
    units: (f64, &str),
    none: &str,
) -> Rate {
    // Summed in 64 bits: a log's counts and minutes cannot overflow them.
    let counts: Option<u64> = row.iter().map(|e| e.count.map(u64::from)).sum();
    match counts {
        Some(n) if n > 0 => {
            let hours = row.iter().map(|e| u64::from(e.minutes)).sum::<u64>() as f64 / 60.0;
            Rate::Value(
                key,
                hours / n as f64,
                Method::PerUnit,
                format!("{} h logged / {} counted", show(hours), round::count(n)),
            )
        }
        _ => per_year(key, weekly, weeks, units, none),
    }
}

fn rate(p: &Profile, task: Task, entries: &[&log::Entry], weekly: f64) -> Rate {
    let a = &p.assumptions;
    let weeks = p.weeks_per_year();
    let school = &p.school;
    let sen_support = f64::from(school.sen_support);
    let ehcp = f64::from(school.ehcp);
    let not = |key: &str, why: &str| Rate::Not(key.to_string(), format!("not calibrated: {why}"));
    let two = "one figure cannot give two assumptions";
    match task {
        Task::EhcpReviews => per_unit(
            "ehcp-review-hours",
            entries,
            weekly,
            weeks,
            (ehcp, "EHC plans"),
            "no EHC plans",
        ),
        Task::EhcRequests => per_unit(
            "ehc-request-hours",
            entries,
            weekly,
            weeks,
            (f64::from(p.ehc_requests_per_year()), "requests a year"),
            "no requests for EHC needs assessments a year",
        ),
        Task::SenSupport if p.whole_school.corporate_responsibility => per_year(
            "sen-support-hours",
            weekly,
            weeks,
            (
                sen_support * a.corporate_factor,
                "pupils at SEN support x the corporate factor",
            ),
            "no pupils at SEN support",
        ),
        Task::SenSupport => per_year(
            "sen-support-hours",
            weekly,
            weeks,
            (sen_support, "pupils at SEN support"),
            "no pupils at SEN support",
        ),
        Task::AccessArrangements => match school.phase {
            Phase::Secondary | Phase::AllThrough | Phase::Special | Phase::AlternativeProvision => {
                Rate::Value(
                    "access-hours-per-100-pupils",
                    weekly * 100.0 / f64::from(school.pupils.max(1)),
                    Method::WeeklyHours,
                    format!("{} h a week x 100 / {} pupils", show(weekly), school.pupils),
                )
            }
            Phase::Primary | Phase::Middle => weekly_rate("access-hours-primary", weekly),
            Phase::Nursery => not(
                "access-hours-primary",
                "the model gives a nursery no access arrangements",
            ),
        },
        Task::ParentsAndAgencies => per_year(
            "agency-hours",
            weekly,
            weeks,
            (sen_support + ehcp, "pupils with SEND"),
            "no pupils with SEND",
        ),
        Task::TaLeadership if p.distributed() => not(
            "ta-management-hours",
            "TA leadership is distributed, so the log cannot tell the managing of TAs from the lead TAs' share",
        ),
        Task::TaLeadership if p.ta_count() == 0 => {
            not("ta-management-hours", "no teaching assistants")
        }
        Task::TaLeadership => Rate::Value(
            "ta-management-hours",
            weekly / f64::from(p.ta_count()),
            Method::WeeklyHours,
            format!("{} h a week / {} TAs", show(weekly), p.ta_count()),
        ),
        Task::StaffDevelopment if p.whole_school.corporate_responsibility => not(
            "cpd-hours-per-teacher",
            "with corporate responsibility on, its training is part of the same hours",
        ),
        Task::StaffDevelopment => per_year(
            "cpd-hours-per-teacher",
            weekly,
            weeks,
            (f64::from(p.teachers()), "teachers"),
            "no teachers",
        ),
        Task::Strategy => not("strategy-hours + strategy-hours-per-100-pupils", two),
        Task::Transition => not("transition-hours + transition-hours-per-100-pupils", two),
        Task::LeadershipMeetings => weekly_rate(
            match p.senco.leadership {
                Leadership::Slt => "meetings-slt-hours",
                Leadership::AssociateSlt => "meetings-associate-slt-hours",
                Leadership::Middle => "meetings-middle-hours",
            },
            weekly,
        ),
        Task::DeputySupervision => weekly_rate("deputy-supervision-hours", weekly),
        Task::QualificationStudy => weekly_rate("study-hours", weekly),
    }
}

/// The audit of `log` against `profile`: measured against modelled, the
/// rates the log gives, and the score with them. `weeks` overrides the
/// count of ISO weeks with entries; `only` limits the keys calibrated.
pub fn calibrate(
    profile: &Profile,
    profile_source: &str,
    log: &Log,
    weeks: Option<u32>,
    only: Option<&[String]>,
    as_of: NaiveDate,
) -> Audit {
    let (weeks, weeks_from) = match weeks {
        Some(w) => (w.max(1), "--weeks"),
        None => (
            u32::try_from(log.weeks_with_entries())
                .unwrap_or(u32::MAX)
                .max(1),
            "log",
        ),
    };
    let mut warnings = log.warnings.clone();
    if let (Some(first), Some(last)) = (log.first_date(), log.last_date()) {
        // Calendar weeks from the first entry's Monday to the last's Sunday.
        use chrono::Datelike;
        let monday = first - chrono::Days::new(u64::from(first.weekday().num_days_from_monday()));
        let spanned = u32::try_from((last - monday).num_days() / 7 + 1).unwrap_or(u32::MAX);
        if weeks > spanned {
            warnings.push(Warning {
                code: "weeks-beyond-dates",
                message: format!(
                    "--weeks {weeks} is more than the {} from the first entry to the last: hours a week are spread over weeks the log does not cover",
                    round::counted(u64::from(spanned), "calendar week", "calendar weeks")
                ),
            });
        }
    }
    if weeks < SHORT_AUDIT_WEEKS {
        warnings.push(Warning {
            code: "short-audit",
            message: format!(
                "the log covers {}: fewer than {SHORT_AUDIT_WEEKS} weeks may not be typical of the year; log for longer, across a term if you can",
                round::counted(u64::from(weeks), "week", "weeks")
            ),
        });
    }
    let modelled = demand(profile);
    let weekly = |minutes: u32| f64::from(minutes) / 60.0 / f64::from(weeks);

    let mut tasks = Vec::new();
    let mut not_logged = Vec::new();
    let mut calibrations = Vec::new();
    let logged_kinds = Task::ALL
        .iter()
        .map(|t| Logged::Task(*t))
        .chain([Logged::OtherSend, Logged::Other]);
    for kind in logged_kinds {
        let entries: Vec<&log::Entry> = log.entries.iter().filter(|e| e.task == kind).collect();
        let by = |who: Who| {
            weekly(
                entries
                    .iter()
                    .filter(|e| e.who == who)
                    .map(|e| e.minutes)
                    .sum(),
            )
        };
        let measured = ByWho {
            by: Cover {
                senco: by(Who::Senco),
                deputy: by(Who::Deputy),
                admin: by(Who::Admin),
                lead_tas: by(Who::LeadTa),
            },
            total: weekly(entries.iter().map(|e| e.minutes).sum()),
        };
        let model = match kind {
            Logged::Task(task) => modelled
                .iter()
                .find(|t| t.task == task)
                .map(|t| t.hours_per_week),
            Logged::OtherSend | Logged::Other => None,
        };
        if let Logged::Task(task) = kind {
            if entries.is_empty() && model.is_some_and(|m| m > 0.0) {
                not_logged.push(task);
            }
            calibrations.push(calibration(
                profile,
                task,
                &entries,
                measured.total,
                only,
                &mut warnings,
                weeks,
            ));
        }
        // A task with no entries is listed as not logged, never shown as
        // zero hours beside the model's.
        if entries.is_empty() {
            continue;
        }
        tasks.push(TaskRow {
            task: kind,
            entries: entries.len(),
            measured,
            modelled: model,
            ratio: model.filter(|m| *m > 0.0).map(|m| measured.total / m),
        });
    }

    let lower: Vec<&str> = calibrations
        .iter()
        .filter(|c| c.status == Status::Calibrated)
        .filter(|c| matches!((c.value, c.current), (Some(v), Some(now)) if v < now))
        .map(|c| c.key.as_str())
        .collect();
    if !lower.is_empty() {
        warnings.push(Warning {
            code: "below-model",
            message: format!(
                "the log gives less time than the model for {}: that may be work left undone rather than work that takes less; write only the rates you trust, with --only",
                lower.join(", ")
            ),
        });
    }
    let before = assess(profile, as_of);
    let mut calibrated = profile.clone();
    for c in calibrations
        .iter()
        .filter(|c| c.status == Status::Calibrated)
    {
        if let (Some(param), Some(value)) = (ASSUMPTIONS.iter().find(|p| p.key == c.key), c.value) {
            (param.set)(&mut calibrated.assumptions, value);
        }
    }
    let after = assess(&calibrated, as_of);
    Audit {
        schema_version: SCHEMA_VERSION,
        source: log.file.clone(),
        profile: profile_source.to_string(),
        as_of,
        first_date: log.first_date(),
        last_date: log.last_date(),
        weeks,
        weeks_from,
        entries: log.entries.len(),
        tasks,
        not_logged,
        calibrations,
        score_before: before.score,
        band_before: before.band,
        score_after: after.score,
        band_after: after.band,
        caveat: CAVEAT,
        warnings,
    }
}

fn calibration(
    profile: &Profile,
    task: Task,
    entries: &[&log::Entry],
    weekly: f64,
    only: Option<&[String]>,
    warnings: &mut Vec<Warning>,
    weeks: u32,
) -> Calibration {
    let current_of = |key: &str| {
        ASSUMPTIONS
            .iter()
            .find(|p| p.key == key)
            .map(|p| (p.get)(&profile.assumptions))
    };
    let rate = rate(profile, task, entries, weekly);
    let (key, value, method, working) = match rate {
        Rate::Not(key, reason) => {
            let current = current_of(&key);
            let (status, reason) = if entries.is_empty() {
                (Status::NotLogged, "not logged".to_string())
            } else {
                (Status::NotCalibrated, reason)
            };
            return Calibration {
                key,
                task,
                current,
                value: None,
                method: None,
                working: None,
                status,
                reason: Some(reason),
            };
        }
        Rate::Value(key, value, method, working) => {
            (key, round::to_places(value, 2), method, working)
        }
    };
    let mut row = Calibration {
        key: key.to_string(),
        task,
        current: current_of(key),
        value: Some(value),
        method: Some(method),
        working: Some(working),
        status: Status::Calibrated,
        reason: None,
    };
    if entries.is_empty() {
        row.value = None;
        row.method = None;
        row.working = None;
        row.status = Status::NotLogged;
        row.reason = Some("not logged".to_string());
        return row;
    }
    if value <= 0.0 {
        // A task that was logged never becomes no time at all.
        row.status = Status::NotCalibrated;
        row.reason =
            Some("not calibrated: too little logged to give a rate at two decimals".to_string());
        return row;
    }
    if method == Method::WeeklyHours && matches!(task, Task::EhcpReviews | Task::EhcRequests) {
        warnings.push(Warning {
            code: "from-weekly-hours",
            message: format!(
                "{key} was worked out from hours a week over {}, not from counts: {} come in waves through the year, so a few weeks may not be typical; give each entry a count for a direct measure",
                round::counted(u64::from(weeks), "week", "weeks"),
                if task == Task::EhcpReviews { "annual reviews" } else { "requests" }
            ),
        });
    }
    let limits = ASSUMPTIONS
        .iter()
        .find(|p| p.key == key)
        .map(|p| (p.min, p.max));
    let own_range = profile.ranges.iter().find(|(k, ..)| *k == key);
    if let Some((min, max)) = limits.filter(|(min, max)| value < *min || value > *max) {
        row.status = Status::OutsideLimits;
        row.reason = Some(format!(
            "outside its limits, {} to {}: not written",
            show(min),
            show(max)
        ));
        warnings.push(Warning {
            code: "outside-limits",
            message: format!(
                "the log gives {key} = {}, outside its limits ({} to {}): it is not written; check the log's entries for {}",
                show(value),
                show(min),
                show(max),
                task.as_str()
            ),
        });
    } else if let Some((_, low, high)) =
        own_range.filter(|(_, low, high)| value < *low || value > *high)
    {
        row.status = Status::OutsideRange;
        row.reason = Some(format!(
            "outside the profile's range for it, {} to {}: not written",
            show(*low),
            show(*high)
        ));
        warnings.push(Warning {
            code: "outside-range",
            message: format!(
                "the log gives {key} = {}, outside the profile's [ranges] for it ({} to {}): it is not written; widen the range if the log is right",
                show(value),
                show(*low),
                show(*high)
            ),
        });
    } else if only.is_some_and(|keys| !keys.iter().any(|k| k == key)) {
        row.status = Status::NotAsked;
        row.reason = Some("not in --only".to_string());
    }
    row
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fixtures::{as_of, example};

    fn audit_of(text: &str, profile: &Profile) -> Audit {
        let log = log::read_log("log.csv", text, as_of()).unwrap();
        calibrate(profile, "p.toml", &log, None, None, as_of())
    }

    fn row<'a>(a: &'a Audit, key: &str) -> &'a Calibration {
        a.calibrations.iter().find(|c| c.key == key).unwrap()
    }

    /// Six reviews of 540 minutes each, counted: 6 x 540 / 60 / 6 = 9 h a
    /// review, exactly, whatever the weeks.
    #[test]
    fn counted_reviews_give_hours_per_review_directly() {
        let oakfield = example("primary");
        let mut text = String::from("date,task,minutes,who,count\n");
        for day in [
            "2026-09-07",
            "2026-09-14",
            "2026-09-21",
            "2026-09-28",
            "2026-10-05",
            "2026-10-12",
        ] {
            text.push_str(&format!("{day},ehcp-reviews,540,senco,1\n"));
        }
        let audit = audit_of(&text, &oakfield);
        let review = row(&audit, "ehcp-review-hours");
        assert_eq!(review.value, Some(9.0));
        assert_eq!(review.method, Some(Method::PerUnit));
        assert_eq!(review.status, Status::Calibrated);
        assert_eq!(review.current, Some(8.0));
        assert_eq!(audit.weeks, 6);
        assert!(audit.warnings.iter().all(|w| w.code != "from-weekly-hours"));
        // 540 minutes a week = 9 h/wk measured; Oakfield's 12 plans x 8 h /
        // 39 weeks = 2.4615 h/wk modelled; ratio 3.656.
        let measured = audit
            .tasks
            .iter()
            .find(|t| t.task == Logged::Task(Task::EhcpReviews))
            .unwrap();
        assert!((measured.measured.total - 9.0).abs() < 1e-12);
        assert!((measured.modelled.unwrap() - 12.0 * 8.0 / 39.0).abs() < 1e-9);
        assert!((measured.ratio.unwrap() - 9.0 / (96.0 / 39.0)).abs() < 1e-9);
    }

    /// Without counts, reviews come from hours a week x weeks / plans, with
    /// a warning that a few weeks may not be typical.
    #[test]
    fn without_counts_reviews_come_from_weekly_hours_with_a_warning() {
        let oakfield = example("primary");
        let mut text = String::from("date,task,minutes\n");
        for day in ["2026-09-07", "2026-09-14", "2026-09-21", "2026-09-28"] {
            text.push_str(&format!("{day},ehcp-reviews,90\n"));
        }
        let audit = audit_of(&text, &oakfield);
        let review = row(&audit, "ehcp-review-hours");
        // 90 min a week = 1.5 h/wk; 1.5 x 39 / 12 = 4.875 -> 4.88.
        assert_eq!(review.value, Some(4.88));
        assert_eq!(review.method, Some(Method::WeeklyHours));
        assert!(audit.warnings.iter().any(|w| w.code == "from-weekly-hours"));
        assert!(audit.warnings.iter().all(|w| w.code != "short-audit"));
    }

    /// Each rate by hand for Oakfield (primary, 420 pupils, 55 at SEN
    /// support, 12 plans, 20 teachers, 39 weeks, 8 TAs flat, SLT): one
    /// week, each task 60 minutes = 1 h/wk.
    #[test]
    fn every_rate_is_worked_out_as_the_spec_says() {
        let oakfield = example("primary");
        let tasks = [
            "sen-support",
            "access-arrangements",
            "parents-and-agencies",
            "ta-leadership",
            "staff-development",
            "leadership-meetings",
            "deputy-supervision",
            "qualification-study",
            "strategy",
            "transition",
        ];
        let mut text = String::from("date,task,minutes\n");
        for t in tasks {
            text.push_str(&format!("2026-09-07,{t},60\n"));
        }
        let audit = audit_of(&text, &oakfield);
        let value = |key: &str| row(&audit, key).value;
        let teachers = f64::from(oakfield.teachers());
        let tas = f64::from(oakfield.ta_count());
        // 1 x 39 / 55 = 0.709 -> 0.71
        assert_eq!(value("sen-support-hours"), Some(0.71));
        assert_eq!(value("access-hours-primary"), Some(1.0));
        // 1 x 39 / (55 + 12) = 0.582 -> 0.58
        assert_eq!(value("agency-hours"), Some(0.58));
        assert_eq!(
            value("ta-management-hours"),
            Some(round::to_places(1.0 / tas, 2))
        );
        assert_eq!(
            value("cpd-hours-per-teacher"),
            Some(round::to_places(39.0 / teachers, 2))
        );
        assert_eq!(value("meetings-slt-hours"), Some(1.0));
        assert_eq!(value("deputy-supervision-hours"), Some(1.0));
        assert_eq!(value("study-hours"), Some(1.0));
        for two in [
            "strategy-hours + strategy-hours-per-100-pupils",
            "transition-hours + transition-hours-per-100-pupils",
        ] {
            assert_eq!(row(&audit, two).status, Status::NotCalibrated);
        }
        assert_eq!(row(&audit, "ehcp-review-hours").status, Status::NotLogged);
        assert!(audit.not_logged.contains(&Task::EhcpReviews));
        assert!(audit.warnings.iter().any(|w| w.code == "short-audit"));
        // The new score uses exactly the calibrated values.
        let mut calibrated = oakfield.clone();
        for (key, v) in audit.to_write() {
            let param = ASSUMPTIONS.iter().find(|p| p.key == key).unwrap();
            (param.set)(&mut calibrated.assumptions, v);
        }
        assert_eq!(audit.score_after, assess(&calibrated, as_of()).score);
        assert_ne!(audit.score_after, audit.score_before);
    }

    #[test]
    fn zero_divisors_and_limits_are_said_not_hidden() {
        let mut school = example("primary");
        school.school.ehcp = 0;
        school.school.sen_support = 0;
        let mut text = String::from(
            "date,task,minutes\n2026-09-07,ehcp-reviews,60\n2026-09-07,sen-support,60\n",
        );
        // Four 16-hour days of meetings in one week: 64 h a week, over the
        // 60-hour limit of a weekly figure.
        for day in 7..=10 {
            text.push_str(&format!("2026-09-{day:02},leadership-meetings,960\n"));
        }
        let audit = audit_of(&text, &school);
        assert_eq!(
            row(&audit, "ehcp-review-hours").reason.as_deref(),
            Some("not calibrated: no EHC plans")
        );
        assert_eq!(
            row(&audit, "sen-support-hours").reason.as_deref(),
            Some("not calibrated: no pupils at SEN support")
        );
        let meetings = row(&audit, "meetings-slt-hours");
        assert_eq!(meetings.status, Status::OutsideLimits);
        assert!(audit.warnings.iter().any(|w| w.code == "outside-limits"));
        assert!(audit.to_write().is_empty());
        assert_eq!(audit.score_after, audit.score_before);
    }
}
