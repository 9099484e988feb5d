//! The workload model (SPEC sections 2-4): a pure function from a profile
//! to an assessment. No I/O, no formatting beyond what serde needs.

use crate::params::{SURVEY_OVER_9H_PRIMARY, SURVEY_OVER_9H_SECONDARY};
use crate::profile::{Award, Leadership, Phase, Profile, Scalar};
use crate::round;
use chrono::{Months, NaiveDate};
use serde::Serialize;

/// The tasks of the role, in the order the pools fill them: statutory
/// deadlines first, so a shortfall lands on strategy and development, as
/// SENCOs report it does.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Task {
    EhcpReviews,
    EhcRequests,
    SenSupport,
    AccessArrangements,
    ParentsAndAgencies,
    Transition,
    TaLeadership,
    StaffDevelopment,
    Strategy,
    LeadershipMeetings,
    DeputySupervision,
    QualificationStudy,
}

impl Task {
    /// Every task, in the order demand lists them.
    pub const ALL: [Task; 12] = [
        Task::EhcpReviews,
        Task::EhcRequests,
        Task::SenSupport,
        Task::AccessArrangements,
        Task::ParentsAndAgencies,
        Task::Transition,
        Task::TaLeadership,
        Task::StaffDevelopment,
        Task::Strategy,
        Task::LeadershipMeetings,
        Task::DeputySupervision,
        Task::QualificationStudy,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Task::EhcpReviews => "ehcp-reviews",
            Task::EhcRequests => "ehc-requests",
            Task::SenSupport => "sen-support",
            Task::AccessArrangements => "access-arrangements",
            Task::ParentsAndAgencies => "parents-and-agencies",
            Task::Transition => "transition",
            Task::TaLeadership => "ta-leadership",
            Task::StaffDevelopment => "staff-development",
            Task::Strategy => "strategy",
            Task::LeadershipMeetings => "leadership-meetings",
            Task::DeputySupervision => "deputy-supervision",
            Task::QualificationStudy => "qualification-study",
        }
    }
}

/// Norwich's four areas of the role (cited by Morewood 2018, "Time to rethink the 'effective SENCO'"), plus statutory casework.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub enum Area {
    #[serde(rename = "statutory casework")]
    StatutoryCasework,
    #[serde(rename = "teaching and learning")]
    TeachingAndLearning,
    #[serde(rename = "efficient deployment of staff and resources")]
    Deployment,
    #[serde(rename = "leading and managing staff")]
    LeadingStaff,
    #[serde(rename = "strategic direction")]
    StrategicDirection,
}

impl Area {
    pub fn as_str(self) -> &'static str {
        match self {
            Area::StatutoryCasework => "statutory casework",
            Area::TeachingAndLearning => "teaching and learning",
            Area::Deployment => "efficient deployment of staff and resources",
            Area::LeadingStaff => "leading and managing staff",
            Area::StrategicDirection => "strategic direction",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Band {
    Unmanageable,
    Overloaded,
    Stretched,
    Manageable,
}

impl Band {
    pub fn as_str(self) -> &'static str {
        match self {
            Band::Manageable => "manageable",
            Band::Stretched => "stretched",
            Band::Overloaded => "overloaded",
            Band::Unmanageable => "unmanageable",
        }
    }
}

/// Who did a task's hours.
#[derive(Debug, Clone, Copy, PartialEq, Default, Serialize)]
pub struct Cover {
    #[serde(serialize_with = "round::hours")]
    pub senco: f64,
    #[serde(serialize_with = "round::hours")]
    pub deputy: f64,
    #[serde(serialize_with = "round::hours")]
    pub admin: f64,
    #[serde(serialize_with = "round::hours")]
    pub lead_tas: f64,
}

impl Cover {
    pub fn total(&self) -> f64 {
        self.senco + self.deputy + self.admin + self.lead_tas
    }
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TaskHours {
    pub task: Task,
    pub area: Area,
    #[serde(serialize_with = "round::hours")]
    pub hours_per_week: f64,
    pub covered: Cover,
    #[serde(serialize_with = "round::hours")]
    pub uncovered: f64,
    /// Who besides the SENCO may do it.
    #[serde(skip)]
    pub rules: Delegation,
}

/// What share of a task others may take on.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Delegation {
    pub deputy: bool,
    pub admin_share: f64,
    /// Hours a week of the task that lead TAs may take.
    pub lead_ta_hours: f64,
}

/// The hours a week each pool has.
#[derive(Debug, Clone, Copy, PartialEq, Default, Serialize)]
pub struct Pools {
    #[serde(serialize_with = "round::hours")]
    pub admin: f64,
    #[serde(serialize_with = "round::hours")]
    pub lead_tas: f64,
    #[serde(serialize_with = "round::hours")]
    pub deputy: f64,
    /// The SENCO's effective hours: protected time that fits in the week,
    /// less what lessons fragment.
    #[serde(serialize_with = "round::hours")]
    pub senco: f64,
}

/// The SENCO's week (SPEC section 4): the time allocated to the role, what
/// is left of it after clashes with lessons, the directed time booked, and
/// the extra hours the role needs beyond the allocation.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SencoWeek {
    #[serde(serialize_with = "round::hours")]
    pub contract: f64,
    #[serde(serialize_with = "round::hours")]
    pub teaching: f64,
    #[serde(serialize_with = "round::hours")]
    pub ppa: f64,
    #[serde(serialize_with = "round::hours")]
    pub other_duties: f64,
    /// Protected SENCO time (`senco-hours`).
    #[serde(serialize_with = "round::hours")]
    pub allocated: f64,
    /// The allocation that fits in the week, less what lessons fragment.
    #[serde(serialize_with = "round::hours")]
    pub effective: f64,
    /// Teaching + PPA + other duties + SENCO time, against `contract`.
    #[serde(serialize_with = "round::hours")]
    pub directed_used: f64,
    /// The shortfall: hours the role needs beyond what the school gives
    /// it, which fall on the SENCO as unpaid extra hours or are left undone.
    #[serde(serialize_with = "round::hours")]
    pub extra_needed: f64,
    /// The 2018 survey's share of SENCOs in this phase working more than
    /// 9 extra hours a week; none for special and AP (not surveyed apart).
    pub survey_share_over_9h: Option<f64>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Rating {
    Strong,
    Sound,
    Partial,
    Weak,
    NotAssessed,
}

impl Rating {
    pub fn as_str(self) -> &'static str {
        match self {
            Rating::Strong => "strong",
            Rating::Sound => "sound",
            Rating::Partial => "partial",
            Rating::Weak => "weak",
            Rating::NotAssessed => "not-assessed",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct LeadershipCheck {
    pub rating: Rating,
    pub points: u32,
    /// The health-check points held, not held, and not answered.
    pub met: Vec<&'static str>,
    pub not_met: Vec<&'static str>,
    pub unanswered: Vec<&'static str>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Resilience {
    pub deputy: bool,
    pub distributed_ta: bool,
    pub admin_support: bool,
    pub lone_senco: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum ComplianceStatus {
    Compliant,
    NonCompliant,
    /// The award or the appointment date is not given.
    NotAssessed,
}

impl ComplianceStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            ComplianceStatus::Compliant => "compliant",
            ComplianceStatus::NonCompliant => "non-compliant",
            ComplianceStatus::NotAssessed => "not-assessed",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Compliance {
    pub status: ComplianceStatus,
    /// When the mandatory qualification is due, while it is outstanding.
    pub due: Option<NaiveDate>,
    pub notes: Vec<String>,
}

/// A default the profile relied on: the key left out and the value used
/// (null where there is none, e.g. no appointment date).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Assumed {
    pub key: &'static str,
    pub value: Option<Scalar>,
}

impl Assumed {
    /// The default in words: `senco.contract-fte = 1`, `deputy: none`,
    /// `senco.award: not given`.
    pub fn describe(&self) -> String {
        match &self.value {
            Some(Scalar::Text(none)) if none == "none" => format!("{}: none", self.key),
            Some(value) => format!("{} = {value}", self.key),
            None => format!("{}: not given", self.key),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Warning {
    pub code: &'static str,
    pub message: String,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Assessment {
    pub score: u32,
    pub band: Band,
    #[serde(serialize_with = "round::ratio")]
    pub coverage: f64,
    #[serde(serialize_with = "round::hours")]
    pub demand_hours_per_week: f64,
    #[serde(serialize_with = "round::hours")]
    pub capacity_hours_per_week: f64,
    #[serde(serialize_with = "round::hours")]
    pub covered_hours_per_week: f64,
    #[serde(serialize_with = "round::hours")]
    pub shortfall_hours_per_week: f64,
    pub tasks: Vec<TaskHours>,
    /// Each pool's hours a week (the SENCO's: effective hours).
    pub pools: Pools,
    /// Each pool's hours that no task it may do is left for: capacity =
    /// covered + idle.
    pub idle: Pools,
    pub senco_week: SencoWeek,
    pub leadership: LeadershipCheck,
    pub resilience: Resilience,
    pub compliance: Compliance,
    /// Every default used for a key the profile leaves out (SPEC section 1).
    pub assumed: Vec<Assumed>,
    pub warnings: Vec<Warning>,
    /// How sure the score is, when asked for (SPEC section 8): the spread
    /// over plausible values of every ranged assumption at once.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub uncertainty: Option<crate::uncertainty::Uncertainty>,
}

/// Exam and test access arrangements (model 2): by school size where
/// public exams are sat, a flat figure for key stage 2 tests, none in a
/// nursery.
pub fn access_hours(p: &Profile) -> f64 {
    let a = &p.assumptions;
    match p.school.phase {
        Phase::Secondary | Phase::AllThrough | Phase::Special | Phase::AlternativeProvision => {
            a.access_hours_per_100_pupils * f64::from(p.school.pupils) / 100.0
        }
        Phase::Primary | Phase::Middle => a.access_hours_primary,
        Phase::Nursery => 0.0,
    }
}

/// The hours a week each task needs, with who may share it (SPEC section 3).
pub fn demand(p: &Profile) -> Vec<TaskHours> {
    let a = &p.assumptions;
    let weeks = p.weeks_per_year();
    let sen_support = f64::from(p.school.sen_support);
    let ehcp = f64::from(p.school.ehcp);
    let teachers = f64::from(p.teachers());
    let pupils = f64::from(p.school.pupils);
    let corporate = p.whole_school.corporate_responsibility;

    let ta_management = f64::from(p.ta_count()) * a.ta_management_hours;
    let (ta_delegable, ta_oversight) = if p.distributed() {
        (
            a.distributed_share * ta_management,
            f64::from(p.lead_tas()) * a.lead_oversight_hours,
        )
    } else {
        (0.0, 0.0)
    };
    let sen_support_factor = if corporate { a.corporate_factor } else { 1.0 };
    let corporate_cpd = if corporate {
        a.corporate_cpd_hours
    } else {
        0.0
    };
    let meetings = match p.senco.leadership {
        Leadership::Slt => a.meetings_slt_hours,
        Leadership::AssociateSlt => a.meetings_associate_slt_hours,
        Leadership::Middle => a.meetings_middle_hours,
    };
    let supervision = if p.deputy.is_some() {
        a.deputy_supervision_hours
    } else {
        0.0
    };
    let study = if p.senco.award == Some(Award::InProgress) {
        a.study_hours
    } else {
        0.0
    };

    let deputy_and_admin = |share: f64| Delegation {
        deputy: true,
        admin_share: share,
        lead_ta_hours: 0.0,
    };
    let senco_only = Delegation::default();
    let rows = [
        (
            Task::EhcpReviews,
            Area::StatutoryCasework,
            ehcp * a.ehcp_review_hours / weeks,
            deputy_and_admin(a.admin_share_statutory),
        ),
        (
            Task::EhcRequests,
            Area::StatutoryCasework,
            f64::from(p.ehc_requests_per_year()) * a.ehc_request_hours / weeks,
            deputy_and_admin(a.admin_share_statutory),
        ),
        (
            Task::SenSupport,
            Area::TeachingAndLearning,
            sen_support * a.sen_support_hours * sen_support_factor / weeks,
            deputy_and_admin(a.admin_share_support),
        ),
        (
            Task::AccessArrangements,
            Area::TeachingAndLearning,
            access_hours(p),
            deputy_and_admin(a.admin_share_access),
        ),
        (
            Task::ParentsAndAgencies,
            Area::Deployment,
            (sen_support + ehcp) * a.agency_hours / weeks,
            deputy_and_admin(a.admin_share_agencies),
        ),
        (
            Task::Transition,
            Area::Deployment,
            a.transition_hours + a.transition_hours_per_100_pupils * pupils / 100.0,
            deputy_and_admin(a.admin_share_agencies),
        ),
        (
            Task::TaLeadership,
            Area::LeadingStaff,
            ta_management + ta_oversight,
            Delegation {
                deputy: true,
                admin_share: 0.0,
                lead_ta_hours: ta_delegable,
            },
        ),
        (
            Task::StaffDevelopment,
            Area::TeachingAndLearning,
            teachers * (a.cpd_hours_per_teacher + corporate_cpd) / weeks,
            deputy_and_admin(0.0),
        ),
        (
            Task::Strategy,
            Area::StrategicDirection,
            a.strategy_hours + a.strategy_hours_per_100_pupils * pupils / 100.0,
            senco_only,
        ),
        (
            Task::LeadershipMeetings,
            Area::StrategicDirection,
            meetings,
            senco_only,
        ),
        (
            Task::DeputySupervision,
            Area::LeadingStaff,
            supervision,
            senco_only,
        ),
        (
            Task::QualificationStudy,
            Area::StrategicDirection,
            study,
            senco_only,
        ),
    ];
    rows.into_iter()
        .map(|(task, area, hours, rules)| TaskHours {
            task,
            area,
            hours_per_week: hours,
            covered: Cover::default(),
            uncovered: hours,
            rules,
        })
        .collect()
}

/// The SENCO's effective hours a week for the role (SPEC section 4, pool 4).
pub fn senco_effective_hours(p: &Profile) -> f64 {
    let s = &p.senco;
    let contract = p.contract_hours();
    let ppa = p.assumptions.ppa_share * s.teaching_hours;
    let fits = (contract - s.teaching_hours - ppa - s.other_duties_hours).max(0.0);
    let kept = (1.0 - p.assumptions.fragmentation * s.teaching_hours / contract).max(0.0);
    s.senco_hours.min(fits) * kept
}

/// Spends `pool` hours on the tasks in order; `room` says how many hours
/// of a task (given what is left of it) this pool may take.
fn fill(
    tasks: &mut [TaskHours],
    mut pool: f64,
    room: impl Fn(&TaskHours) -> f64,
    mut credit: impl FnMut(&mut Cover, f64),
) {
    for task in tasks.iter_mut() {
        if pool <= 0.0 {
            break;
        }
        let take = room(task).min(task.uncovered).min(pool).max(0.0);
        credit(&mut task.covered, take);
        task.uncovered -= take;
        pool -= take;
    }
}

/// The hours a week each pool has (SPEC section 4).
pub fn pools(p: &Profile) -> Pools {
    Pools {
        admin: p.admin_hours(),
        lead_tas: p.lead_ta_hours(),
        deputy: p.deputy_hours(),
        senco: senco_effective_hours(p),
    }
}

/// Fills the tasks from the pools, in the SPEC's order: admin, lead TAs,
/// deputy, SENCO, each only with what it may do.
pub fn allocate(tasks: &mut [TaskHours], pools: &Pools) {
    fill(
        tasks,
        pools.admin,
        |t| t.rules.admin_share * t.hours_per_week,
        |c, h| c.admin += h,
    );
    fill(
        tasks,
        pools.lead_tas,
        |t| t.rules.lead_ta_hours,
        |c, h| c.lead_tas += h,
    );
    fill(
        tasks,
        pools.deputy,
        |t| if t.rules.deputy { t.uncovered } else { 0.0 },
        |c, h| c.deputy += h,
    );
    fill(tasks, pools.senco, |t| t.uncovered, |c, h| c.senco += h);
}

/// Coverage (the share of demand covered, at most 1; 1 when there is no
/// demand) and the score, round(100 x coverage).
pub fn coverage_and_score(demand: f64, covered: f64) -> (f64, u32) {
    let coverage = if demand > 0.0 {
        (covered / demand).min(1.0)
    } else {
        1.0
    };
    (coverage, (100.0 * coverage).round() as u32)
}

/// The demand, who covers it, and the score: what every option row needs
/// of an assessment, without the rest of it.
pub struct Scored {
    pub tasks: Vec<TaskHours>,
    pub pools: Pools,
    pub demand: f64,
    pub covered: f64,
    pub shortfall: f64,
    pub coverage: f64,
    pub score: u32,
    pub band: Band,
}

/// The first part of [`assess`].
pub fn scored(p: &Profile) -> Scored {
    let pools = pools(p);
    let mut tasks = demand(p);
    allocate(&mut tasks, &pools);
    let demand: f64 = tasks.iter().map(|t| t.hours_per_week).sum();
    let covered: f64 = tasks.iter().map(|t| t.covered.total()).sum();
    let (coverage, score) = coverage_and_score(demand, covered);
    Scored {
        tasks,
        pools,
        demand,
        covered,
        shortfall: (demand - covered).max(0.0),
        coverage,
        score,
        band: band(f64::from(score), &p.assumptions),
    }
}

/// Assesses a validated profile as of a date.
pub fn assess(p: &Profile, as_of: NaiveDate) -> Assessment {
    let a = &p.assumptions;
    let Scored {
        tasks,
        pools,
        demand,
        covered,
        shortfall,
        coverage,
        score,
        band,
    } = scored(p);

    let used = tasks.iter().fold(Cover::default(), |sum, t| Cover {
        senco: sum.senco + t.covered.senco,
        deputy: sum.deputy + t.covered.deputy,
        admin: sum.admin + t.covered.admin,
        lead_tas: sum.lead_tas + t.covered.lead_tas,
    });
    // Rounding inside the fill can leave a pool a hair below zero.
    let idle = Pools {
        admin: (pools.admin - used.admin).max(0.0),
        lead_tas: (pools.lead_tas - used.lead_tas).max(0.0),
        deputy: (pools.deputy - used.deputy).max(0.0),
        senco: (pools.senco - used.senco).max(0.0),
    };
    let s = &p.senco;
    let ppa = a.ppa_share * s.teaching_hours;
    let senco_week = SencoWeek {
        contract: p.contract_hours(),
        teaching: s.teaching_hours,
        ppa,
        other_duties: s.other_duties_hours,
        allocated: s.senco_hours,
        effective: pools.senco,
        directed_used: s.teaching_hours + ppa + s.other_duties_hours + s.senco_hours,
        extra_needed: shortfall,
        survey_share_over_9h: survey_share(p.school.phase),
    };

    Assessment {
        score,
        band,
        coverage,
        demand_hours_per_week: demand,
        capacity_hours_per_week: pools.admin + pools.lead_tas + pools.deputy + pools.senco,
        covered_hours_per_week: covered,
        shortfall_hours_per_week: shortfall,
        tasks,
        pools,
        idle,
        senco_week,
        leadership: leadership(p),
        resilience: resilience(p),
        compliance: compliance(p, as_of),
        assumed: assumed(p),
        warnings: warnings(p, demand, as_of),
        uncertainty: None,
    }
}

/// The value each left-out key took.
fn assumed(p: &Profile) -> Vec<Assumed> {
    p.assumed
        .iter()
        .map(|&key| {
            let value = match key {
                "school.ehc-requests-per-year" => {
                    Some(Scalar::Integer(p.ehc_requests_per_year().into()))
                }
                "school.teachers" => Some(Scalar::Integer(p.teachers().into())),
                "school.weeks-per-year" => Some(Scalar::Number(p.weeks_per_year())),
                "senco.contract-fte" => Some(Scalar::Number(p.senco.contract_fte)),
                "senco.other-duties-hours" => Some(Scalar::Number(p.senco.other_duties_hours)),
                "senco.leadership" => Some(Scalar::Text(p.senco.leadership.to_string())),
                "senco.qualified-teacher" => Some(Scalar::Bool(p.senco.qualified_teacher)),
                // Filled by `roster from-dfe --senco-defaults national`.
                "senco.senco-hours" => Some(Scalar::Number(p.senco.senco_hours)),
                "senco.teaching-hours" => Some(Scalar::Number(p.senco.teaching_hours)),
                "tas.count" => Some(Scalar::Integer(p.ta_count().into())),
                "tas.structure" => p
                    .tas
                    .as_ref()
                    .map(|t| Scalar::Text(t.structure.to_string())),
                "deputy" | "admin" | "tas" => Some(Scalar::Text("none".to_string())),
                "whole-school.corporate-responsibility" => {
                    Some(Scalar::Bool(p.whole_school.corporate_responsibility))
                }
                _ => None,
            };
            Assumed { key, value }
        })
        .collect()
}

/// The survey's share of SENCOs more than 9 hours a week over, for the
/// phase: primary's figure for nursery, primary and middle, secondary's for
/// secondary and all-through, none for special and AP (SPEC section 4).
pub fn survey_share(phase: Phase) -> Option<f64> {
    match phase {
        Phase::Nursery | Phase::Primary | Phase::Middle => Some(SURVEY_OVER_9H_PRIMARY),
        Phase::Secondary | Phase::AllThrough => Some(SURVEY_OVER_9H_SECONDARY),
        Phase::Special | Phase::AlternativeProvision => None,
    }
}

pub fn band(score: f64, a: &crate::params::Assumptions) -> Band {
    if score >= a.band_manageable {
        Band::Manageable
    } else if score >= a.band_stretched {
        Band::Stretched
    } else if score >= a.band_overloaded {
        Band::Overloaded
    } else {
        Band::Unmanageable
    }
}

/// Murray's four checks, each met, not met or unanswered.
fn leadership_checks(p: &Profile) -> [(&'static str, Option<bool>); 4] {
    let s = &p.senco;
    let on_slt = matches!(s.leadership, Leadership::Slt | Leadership::AssociateSlt);
    [
        ("on or attending the SLT", Some(on_slt)),
        ("headteacher support", s.headteacher_support),
        ("strategic vision", s.strategic_vision),
        ("influences colleagues", s.influences_colleagues),
    ]
}

/// The rating for the checks met and unanswered.
fn rating(points: u32, unanswered: usize) -> Rating {
    if unanswered == 3 {
        Rating::NotAssessed
    } else {
        match points {
            4 => Rating::Strong,
            3 => Rating::Sound,
            2 => Rating::Partial,
            _ => Rating::Weak,
        }
    }
}

/// The leadership rating alone, as [`assess`] gives it.
pub fn leadership_rating(p: &Profile) -> Rating {
    let checks = leadership_checks(p);
    let count = |wanted: Option<bool>| checks.iter().filter(|(_, v)| *v == wanted).count();
    rating(count(Some(true)) as u32, count(None))
}

/// Murray's health check (2018, "Models for the SENCO role: context, value and intent"): "impact not status".
fn leadership(p: &Profile) -> LeadershipCheck {
    let checks = leadership_checks(p);
    let pick = |wanted: Option<bool>| -> Vec<&'static str> {
        checks
            .iter()
            .filter(|(_, v)| *v == wanted)
            .map(|(name, _)| *name)
            .collect()
    };
    let (met, not_met, unanswered) = (pick(Some(true)), pick(Some(false)), pick(None));
    let points = met.len() as u32;
    LeadershipCheck {
        rating: rating(points, unanswered.len()),
        points,
        met,
        not_met,
        unanswered,
    }
}

fn resilience(p: &Profile) -> Resilience {
    let deputy = p.deputy_hours() > 0.0;
    Resilience {
        deputy,
        distributed_ta: p.distributed() && p.lead_ta_hours() > 0.0,
        admin_support: p.admin_hours() > 0.0,
        lone_senco: !deputy,
    }
}

fn compliance(p: &Profile, as_of: NaiveDate) -> Compliance {
    let s = &p.senco;
    let mut status = ComplianceStatus::Compliant;
    let mut due = None;
    let mut notes = Vec::new();
    if !s.qualified_teacher {
        status = ComplianceStatus::NonCompliant;
        notes.push(
            "The SENCO must be a qualified teacher working at the school (SEND Code of Practice, ch. 6)."
                .to_string(),
        );
    }
    if let Some(appointed) = s.appointed.filter(|&d| d > as_of) {
        notes.push(format!(
            "A planned appointment: the SENCO takes up the role on {appointed}, and the three-year deadline runs from then."
        ));
    }
    match (s.award, s.appointed) {
        (None, appointed) => {
            if status == ComplianceStatus::Compliant {
                status = ComplianceStatus::NotAssessed;
            }
            let add = if appointed.is_some() {
                "add senco.award (the SENCO's qualification)"
            } else {
                "add senco.award and senco.appointed (the SENCO's qualification and when they took up the role)"
            };
            notes.push(format!(
                "To check the three-year deadline for the NPQ for SENCOs, {add}."
            ));
        }
        (Some(Award::None | Award::InProgress), appointed) => {
            match appointed.and_then(|d| d.checked_add_months(Months::new(36))) {
                Some(deadline) if as_of > deadline => {
                    status = ComplianceStatus::NonCompliant;
                    notes.push(format!(
                        "The NPQ for SENCOs was due by {deadline}, three years after appointment, and is not held."
                    ));
                }
                Some(deadline) => {
                    due = Some(deadline);
                    notes.push(format!(
                        "The NPQ for SENCOs must be achieved by {deadline} (three years after appointment)."
                    ));
                }
                None => {
                    if status == ComplianceStatus::Compliant {
                        status = ComplianceStatus::NotAssessed;
                    }
                    notes.push(
                        "The award is outstanding: add senco.appointed (the date the SENCO took up the role) to check the three-year deadline."
                            .to_string(),
                    );
                }
            }
        }
        (Some(Award::NpqSenco | Award::Nasenco | Award::Exempt), _) => {}
    }
    Compliance { status, due, notes }
}

/// Hours in a week: demand beyond it means an assumption is mistyped.
const HOURS_IN_A_WEEK: f64 = 168.0;

/// An appointment further ahead than this is more likely a mistyped year
/// than a plan (a SENCO is appointed a term or two ahead).
const PLANNED_MONTHS_AHEAD: u32 = 12;

fn warnings(p: &Profile, demand: f64, as_of: NaiveDate) -> Vec<Warning> {
    let s = &p.senco;
    let a = &p.assumptions;
    let contract = p.contract_hours();
    let ppa = a.ppa_share * s.teaching_hours;
    let mut out: Vec<Warning> = p
        .read_as
        .iter()
        .map(|message| Warning {
            code: "read-as",
            message: message.clone(),
        })
        .collect();
    if let Some(appointed) = s.appointed
        && as_of
            .checked_add_months(Months::new(PLANNED_MONTHS_AHEAD))
            .is_some_and(|limit| appointed > limit)
    {
        out.push(Warning {
            code: "appointed-far-ahead",
            message: format!(
                "The SENCO's appointment date, {appointed}, is more than a year after {as_of}: check the year, since the three-year deadline for the NPQ for SENCOs runs from it."
            ),
        });
    }
    if demand > HOURS_IN_A_WEEK {
        out.push(Warning {
            code: "demand-beyond-a-week",
            message: format!(
                "The role would need {} h a week, more than the {HOURS_IN_A_WEEK} hours in a week: check the [assumptions] table for a mistyped value.",
                round::show(demand)
            ),
        });
    }
    let booked = s.teaching_hours + ppa + s.senco_hours + s.other_duties_hours;
    if booked > contract + 1e-9 {
        out.push(Warning {
            code: "week-does-not-fit",
            message: format!(
                "The week does not fit: teaching {} + PPA {} + SENCO time {} + other duties {} = {} h, more than the {} h contract.",
                round::show(s.teaching_hours),
                round::show(ppa),
                round::show(s.senco_hours),
                round::show(s.other_duties_hours),
                round::show(booked),
                round::show(contract)
            ),
        });
    }
    if s.teaching_hours > contract / 2.0 {
        out.push(Warning {
            code: "large-teaching-load",
            message: format!(
                "The SENCO teaches {} h, more than half the {} h contract: \"the SENCO rarely has time to undertake a large teaching load\" (Morewood 2018, \"Time to rethink the 'effective SENCO'\").",
                round::show(s.teaching_hours),
                round::show(contract)
            ),
        });
    }
    if let Some(deputy) = &p.deputy
        && deputy.hours < 2.0
    {
        out.push(Warning {
            code: "deputy-under-2-hours",
            message: format!(
                "The deputy gives {} h a week, under 2 h: supervising them may cost the SENCO more time than they save.",
                round::show(deputy.hours)
            ),
        });
    }
    if let Some(tas) = &p.tas {
        let distributed = p.distributed();
        if distributed && (tas.lead_tas == 0 || tas.lead_hours == 0.0) {
            out.push(Warning {
                code: "distributed-without-lead-tas",
                message: "TA leadership is `distributed` but no lead TA has management time: set tas.lead-tas and tas.lead-hours.".to_string(),
            });
        }
        if !distributed && tas.lead_tas > 0 && tas.lead_hours > 0.0 {
            out.push(Warning {
                code: "lead-tas-without-distribution",
                message: "Lead TAs have management time but tas.structure is `flat`, so they cannot take on TA leadership: set structure = \"distributed\".".to_string(),
            });
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::profile::parse_profile;

    fn date(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    fn profile(text: &str) -> Profile {
        parse_profile("test.toml", text, &[]).unwrap()
    }

    fn close(actual: f64, expected: f64) {
        assert!((actual - expected).abs() < 1e-4, "{actual} != {expected}");
    }

    fn task(a: &Assessment, which: Task) -> &TaskHours {
        a.tasks.iter().find(|t| t.task == which).unwrap()
    }

    const OAKFIELD: &str = include_str!("../examples/primary.toml");
    const LITTLE_HADLEY: &str = include_str!("../examples/small-primary.toml");
    const RIVERSIDE: &str = include_str!("../examples/secondary.toml");

    /// Oakfield Primary: 420 pupils, 55 SEN support, 12 EHCP, 4 requests,
    /// teachers round(420 / 20.8) = 20, SLT, award in progress, 14 TAs flat.
    ///   ehcp-reviews      12 x 8 / 39  = 96/39  = 2.4615
    ///   ehc-requests       4 x 20 / 39 = 80/39  = 2.0513
    ///   sen-support       55 x 3 / 39  = 165/39 = 4.2308
    ///   access (primary)                     = 0.2
    ///   parents           67 x 1 / 39  = 67/39  = 1.7179
    ///   transition        0.5 + 0.1 x 4.2    = 0.92
    ///   ta-leadership     14 x 0.33          = 4.62
    ///   staff-development 20 x 3 / 39  = 60/39  = 1.5385
    ///   strategy          1.5 + 0.25 x 4.2   = 2.55
    ///   meetings (slt)                       = 2.0
    ///   study (in progress)                  = 1.5
    ///   demand = 468/39 + 4.62 + 2.55 + 2 + 1.5 + 0.2 + 0.92
    ///          = 12 + 11.79 = 23.79 (model 1, without the last two: 22.67)
    /// SENCO: fits = 32.5 - 12.5 - 1.25 = 18.75, min(6.5, 18.75) = 6.5,
    ///   x (1 - 0.25 x 12.5 / 32.5) = 6.5 x 0.903846 = 5.875
    /// coverage 5.875 / 23.79 = 0.24695 -> score 25, unmanageable,
    /// shortfall 23.79 - 5.875 = 17.915.
    #[test]
    fn oakfield_primary_by_hand() {
        let a = assess(&profile(OAKFIELD), date(2026, 11, 22));
        close(task(&a, Task::EhcpReviews).hours_per_week, 96.0 / 39.0);
        close(task(&a, Task::EhcRequests).hours_per_week, 80.0 / 39.0);
        close(task(&a, Task::SenSupport).hours_per_week, 165.0 / 39.0);
        close(
            task(&a, Task::ParentsAndAgencies).hours_per_week,
            67.0 / 39.0,
        );
        close(task(&a, Task::AccessArrangements).hours_per_week, 0.2);
        close(task(&a, Task::Transition).hours_per_week, 0.92);
        close(task(&a, Task::TaLeadership).hours_per_week, 4.62);
        close(task(&a, Task::StaffDevelopment).hours_per_week, 60.0 / 39.0);
        close(task(&a, Task::Strategy).hours_per_week, 2.55);
        close(task(&a, Task::LeadershipMeetings).hours_per_week, 2.0);
        close(task(&a, Task::DeputySupervision).hours_per_week, 0.0);
        close(task(&a, Task::QualificationStudy).hours_per_week, 1.5);
        close(a.demand_hours_per_week, 23.79);
        close(a.pools.senco, 5.875);
        close(a.capacity_hours_per_week, 5.875);
        close(a.covered_hours_per_week, 5.875);
        close(a.shortfall_hours_per_week, 17.915);
        assert_eq!(a.score, 25);
        assert_eq!(a.band, Band::Unmanageable);
        // The SENCO's hours go to statutory work first: reviews 2.4615,
        // requests 2.0513, then 5.875 - 4.5128 = 1.3622 of SEN support.
        close(task(&a, Task::EhcpReviews).covered.senco, 96.0 / 39.0);
        close(
            task(&a, Task::SenSupport).covered.senco,
            5.875 - 176.0 / 39.0,
        );
        close(task(&a, Task::Strategy).uncovered, 2.55);
        // The SENCO's week: 12.5 + 1.25 + 0 + 6.5 = 20.25 of 32.5 directed;
        // 6.5 allocated, 5.875 effective, 17.915 extra needed (the
        // shortfall); the 2018 survey's primary line, 43%.
        close(a.senco_week.ppa, 1.25);
        close(a.senco_week.directed_used, 20.25);
        close(a.senco_week.allocated, 6.5);
        close(a.senco_week.effective, 5.875);
        close(a.senco_week.extra_needed, 17.915);
        assert_eq!(a.senco_week.survey_share_over_9h, Some(0.43));
        // Nothing is idle: capacity = covered + idle.
        close(
            a.idle.senco + a.idle.admin + a.idle.deputy + a.idle.lead_tas,
            0.0,
        );
        assert_eq!(a.leadership.rating, Rating::Sound);
        assert_eq!(a.leadership.points, 3);
        assert!(a.resilience.lone_senco);
        assert_eq!(a.compliance.status, ComplianceStatus::Compliant);
        assert_eq!(a.compliance.due, Some(date(2027, 9, 1)));
        assert!(a.warnings.is_empty(), "{:?}", a.warnings);
    }

    /// Little Hadley: 92 pupils, 13 SEN support, 3 EHCP, 1 request,
    /// 5 teachers, corporate responsibility, 5 TAs flat, SLT.
    ///   ehcp 24/39, requests 20/39, sen-support 13 x 3 x 0.5 = 19.5/39,
    ///   parents 16/39, staff-development 5 x (3 + 2) = 25/39
    ///   -> 104.5/39 = 2.679487; ta 5 x 0.33 = 1.65;
    ///   strategy 1.5 + 0.25 x 0.92 = 1.73; meetings 2.0;
    ///   access (primary) 0.2; transition 0.5 + 0.1 x 0.92 = 0.592
    ///   demand = 2.679487 + 1.65 + 1.73 + 2 + 0.2 + 0.592 = 8.851487
    /// SENCO: fits = 32.5 - 20 - 2 - 4 = 6.5, min(2.5, 6.5) = 2.5,
    ///   x (1 - 0.25 x 20 / 32.5) = 2.5 x 0.846154 = 2.115385: reviews
    ///   0.615385, requests 0.512821, sen-support 0.5, access 0.2, then
    ///   0.287179 of parents' 0.410256
    /// coverage 2.115385 / 8.851487 = 0.23899 -> 24; shortfall 6.736102.
    #[test]
    fn little_hadley_by_hand() {
        let a = assess(&profile(LITTLE_HADLEY), date(2026, 11, 22));
        close(task(&a, Task::SenSupport).hours_per_week, 19.5 / 39.0);
        close(task(&a, Task::StaffDevelopment).hours_per_week, 25.0 / 39.0);
        close(task(&a, Task::Strategy).hours_per_week, 1.73);
        close(task(&a, Task::Transition).hours_per_week, 0.592);
        close(task(&a, Task::AccessArrangements).covered.senco, 0.2);
        close(task(&a, Task::ParentsAndAgencies).covered.senco, 0.287179);
        close(a.demand_hours_per_week, 8.851487);
        close(a.pools.senco, 2.115385);
        close(a.shortfall_hours_per_week, 6.736102);
        assert_eq!(a.score, 24);
        close(a.senco_week.directed_used, 28.5);
        close(a.senco_week.extra_needed, 6.736102);
        let codes: Vec<_> = a.warnings.iter().map(|w| w.code).collect();
        assert_eq!(codes, ["large-teaching-load"]);
    }

    /// Riverside Academy: 1,100 pupils, 140 SEN support, 36 EHCP, 9
    /// requests, 66 teachers, middle leader, deputy 6.5 h, admin 15 h, 18 TAs.
    ///   ehcp 288/39 = 7.384615, requests 180/39 = 4.615385,
    ///   sen-support 420/39 = 10.769231, parents 176/39 = 4.512821,
    ///   ta 18 x 0.33 = 5.94, staff 198/39 = 5.076923,
    ///   strategy 1.5 + 0.25 x 11 = 4.25, meetings 0.5, supervision 1,
    ///   access (secondary) 0.25 x 11 = 2.75, transition 0.5 + 0.1 x 11 = 1.6
    ///   demand = 1262/39 + 11.69 + 4.35 = 48.398974
    /// admin takes its shares: 0.4 x 7.384615 = 2.953846, 0.4 x 4.615385
    ///   = 1.846154, 0.25 x 10.769231 = 2.692308, 0.3 x 2.75 = 0.825,
    ///   0.2 x 4.512821 = 0.902564, 0.2 x 1.6 = 0.32: 9.539872 of its 15 h
    ///   (the rest it may not spend).
    /// deputy 6.5: reviews' remaining 4.430769, then 2.069231 of requests.
    /// SENCO: min(16, 32.5 - 8 - 0.8) x (1 - 0.25 x 8 / 32.5) = 15.015385:
    ///   requests 0.7, sen-support 8.076923, access 1.925, parents
    ///   3.610257, then 0.703205 of transition's remaining 1.28 (0.576795
    ///   uncovered); ta-leadership's 5.94 all uncovered.
    /// covered 9.539872 + 6.5 + 15.015385 = 31.055257 -> 0.641651 -> 64,
    /// overloaded; shortfall 48.398974 - 31.055257 = 17.343717.
    /// idle: admin 15 - 9.539872 = 5.460128 (no admin work left); capacity
    ///   36.515385 = covered 31.055257 + idle 5.460128.
    /// secondary: the survey's 71% line.
    #[test]
    fn riverside_academy_by_hand() {
        let a = assess(&profile(RIVERSIDE), date(2026, 11, 22));
        close(a.demand_hours_per_week, 48.398974);
        let reviews = task(&a, Task::EhcpReviews);
        close(reviews.covered.admin, 2.953846);
        close(reviews.covered.deputy, 4.430769);
        close(reviews.covered.senco, 0.0);
        let requests = task(&a, Task::EhcRequests);
        close(requests.covered.admin, 1.846154);
        close(requests.covered.deputy, 2.069231);
        close(requests.covered.senco, 0.7);
        let access = task(&a, Task::AccessArrangements);
        close(access.hours_per_week, 2.75);
        close(access.covered.admin, 0.825);
        close(access.covered.senco, 1.925);
        let transition = task(&a, Task::Transition);
        close(transition.hours_per_week, 1.6);
        close(transition.covered.admin, 0.32);
        close(transition.covered.senco, 0.703205);
        close(transition.uncovered, 0.576795);
        let ta = task(&a, Task::TaLeadership);
        close(ta.covered.senco, 0.0);
        close(ta.uncovered, 5.94);
        close(task(&a, Task::Strategy).uncovered, 4.25);
        close(a.pools.admin, 15.0);
        close(a.pools.senco, 15.015385);
        close(a.capacity_hours_per_week, 36.515385);
        close(a.covered_hours_per_week, 31.055257);
        close(a.shortfall_hours_per_week, 17.343717);
        assert_eq!(a.score, 64);
        assert_eq!(a.band, Band::Overloaded);
        close(a.idle.admin, 5.460128);
        close(a.idle.senco + a.idle.deputy + a.idle.lead_tas, 0.0);
        close(
            a.capacity_hours_per_week,
            a.covered_hours_per_week + a.idle.admin,
        );
        assert_eq!(a.senco_week.survey_share_over_9h, Some(0.71));
        assert!(!a.resilience.lone_senco);
    }

    #[test]
    fn distributed_leadership_delegates_to_lead_tas() {
        // 12 TAs x 0.33 = 3.96 h; 0.7 of it (2.772) may go to lead TAs, who
        // have 2 x 1 = 2 h; oversight adds 2 x 0.5 = 1 h for the SENCO.
        let text = OAKFIELD
            .replace("count = 14", "count = 12")
            .replace("structure = \"flat\"", "structure = \"distributed\"")
            .replace("lead-tas = 0", "lead-tas = 2")
            .replace("lead-hours = 0", "lead-hours = 1");
        let a = assess(&profile(&text), date(2026, 11, 22));
        let ta = task(&a, Task::TaLeadership);
        close(ta.hours_per_week, 3.96 + 1.0);
        close(ta.covered.lead_tas, 2.0);
        assert!(a.resilience.distributed_ta);
    }

    #[test]
    fn bands_follow_the_thresholds() {
        let a = crate::params::Assumptions::default();
        assert_eq!(band(95.0, &a), Band::Manageable);
        assert_eq!(band(94.0, &a), Band::Stretched);
        assert_eq!(band(80.0, &a), Band::Stretched);
        assert_eq!(band(79.0, &a), Band::Overloaded);
        assert_eq!(band(60.0, &a), Band::Overloaded);
        assert_eq!(band(59.0, &a), Band::Unmanageable);
    }

    #[test]
    fn the_three_year_deadline_is_checked_against_the_date() {
        let text = OAKFIELD.replace("appointed = 2024-09-01", "appointed = 2023-06-01");
        let late = assess(&profile(&text), date(2026, 11, 22));
        assert_eq!(late.compliance.status, ComplianceStatus::NonCompliant);
        let p = parse_profile("t", &text, &[]).unwrap();
        let in_time = assess(&p, date(2026, 5, 31));
        assert_eq!(in_time.compliance.status, ComplianceStatus::Compliant);
        assert_eq!(in_time.compliance.due, Some(date(2026, 6, 1)));
    }

    #[test]
    fn no_demand_is_fully_covered() {
        let text = "[school]\nname = \"Empty\"\nphase = \"primary\"\npupils = 1\nsen-support = 0\nehcp = 0\nehc-requests-per-year = 0\nteachers = 1\n[senco]\ncontract-fte = 1\nteaching-hours = 0\nsenco-hours = 10\nleadership = \"middle\"\nqualified-teacher = true\naward = \"npq-senco\"\n[assumptions]\nstrategy-hours = 0\nstrategy-hours-per-100-pupils = 0\nmeetings-middle-hours = 0\ncpd-hours-per-teacher = 0\naccess-hours-primary = 0\ntransition-hours = 0\ntransition-hours-per-100-pupils = 0\n";
        let a = assess(&profile(text), date(2026, 11, 22));
        assert_eq!(a.demand_hours_per_week, 0.0);
        assert_eq!(a.coverage, 1.0);
        assert_eq!(a.score, 100);
        assert_eq!(a.leadership.rating, Rating::NotAssessed);
    }
}
