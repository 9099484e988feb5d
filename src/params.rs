//! The model's tunable numbers: `[assumptions]` and `[costs]`, with their
//! defaults, units, limits and the basis for each (EVIDENCE.md).
//!
//! Each table is a plain struct for the model to read, plus a registry that
//! names every field once so that the profile reader, `explain` and the
//! README can all list the same keys.

/// Whether a default is a published figure or the model's own assumption.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Basis {
    Published,
    Derived,
    Assumption,
}

/// One overridable number.
pub struct Param<T: 'static> {
    pub key: &'static str,
    pub unit: &'static str,
    pub min: f64,
    pub max: f64,
    pub basis: Basis,
    pub source: &'static str,
    pub get: fn(&T) -> f64,
    pub set: fn(&mut T, f64),
}

impl<T: Default> Param<T> {
    pub fn default_value(&self) -> f64 {
        (self.get)(&T::default())
    }
}

/// Defaults for the workload model (SPEC sections 2-4).
#[derive(Debug, Clone, PartialEq)]
pub struct Assumptions {
    pub contract_hours_per_week: f64,
    pub ppa_share: f64,
    pub ehcp_review_hours: f64,
    pub ehc_request_hours: f64,
    pub ehc_request_rate: f64,
    pub sen_support_hours: f64,
    pub access_hours_per_100_pupils: f64,
    pub access_hours_primary: f64,
    pub corporate_factor: f64,
    pub agency_hours: f64,
    pub admin_share_statutory: f64,
    pub admin_share_support: f64,
    pub admin_share_agencies: f64,
    pub admin_share_access: f64,
    pub transition_hours: f64,
    pub transition_hours_per_100_pupils: f64,
    pub ta_management_hours: f64,
    pub distributed_share: f64,
    pub lead_oversight_hours: f64,
    pub cpd_hours_per_teacher: f64,
    pub corporate_cpd_hours: f64,
    pub strategy_hours: f64,
    pub strategy_hours_per_100_pupils: f64,
    pub meetings_slt_hours: f64,
    pub meetings_associate_slt_hours: f64,
    pub meetings_middle_hours: f64,
    pub deputy_supervision_hours: f64,
    pub study_hours: f64,
    pub fragmentation: f64,
    pub pupils_per_teacher_primary: f64,
    pub pupils_per_teacher_secondary: f64,
    pub pupils_per_teacher_special: f64,
    pub band_manageable: f64,
    pub band_stretched: f64,
    pub band_overloaded: f64,
}

impl Assumptions {
    /// The pupil-teacher ratio for a phase (DfE school workforce figures):
    /// nursery, primary and middle share the primary one; all-through the
    /// secondary one; AP the special one.
    pub fn pupils_per_teacher(&self, phase: crate::profile::Phase) -> f64 {
        use crate::profile::Phase;
        match phase {
            Phase::Nursery | Phase::Primary | Phase::Middle => self.pupils_per_teacher_primary,
            Phase::Secondary | Phase::AllThrough => self.pupils_per_teacher_secondary,
            Phase::Special | Phase::AlternativeProvision => self.pupils_per_teacher_special,
        }
    }
}

impl Default for Assumptions {
    fn default() -> Self {
        Assumptions {
            contract_hours_per_week: 32.5,
            ppa_share: 0.10,
            ehcp_review_hours: 8.0,
            ehc_request_hours: 20.0,
            ehc_request_rate: 0.08,
            sen_support_hours: 3.0,
            access_hours_per_100_pupils: 0.25,
            access_hours_primary: 0.2,
            corporate_factor: 0.5,
            agency_hours: 1.0,
            admin_share_statutory: 0.4,
            admin_share_support: 0.25,
            admin_share_agencies: 0.2,
            admin_share_access: 0.3,
            transition_hours: 0.5,
            transition_hours_per_100_pupils: 0.1,
            ta_management_hours: 0.33,
            distributed_share: 0.7,
            lead_oversight_hours: 0.5,
            cpd_hours_per_teacher: 3.0,
            corporate_cpd_hours: 2.0,
            strategy_hours: 1.5,
            strategy_hours_per_100_pupils: 0.25,
            meetings_slt_hours: 2.0,
            meetings_associate_slt_hours: 1.5,
            meetings_middle_hours: 0.5,
            deputy_supervision_hours: 1.0,
            study_hours: 1.5,
            fragmentation: 0.25,
            pupils_per_teacher_primary: 20.8,
            pupils_per_teacher_secondary: 16.7,
            pupils_per_teacher_special: 6.0,
            band_manageable: 95.0,
            band_stretched: 80.0,
            band_overloaded: 60.0,
        }
    }
}

/// Prices used for the options and for any change between two profiles
/// (SPEC section 5). Pounds.
#[derive(Debug, Clone, PartialEq)]
pub struct Costs {
    pub teacher_hour: f64,
    pub deputy_allowance: f64,
    pub ta_hour: f64,
    pub lead_ta_allowance: f64,
    pub admin_hour: f64,
    pub corporate_training_hours: f64,
    pub slt_allowance: f64,
}

impl Default for Costs {
    fn default() -> Self {
        Costs {
            teacher_hour: 70.0,
            deputy_allowance: 4800.0,
            ta_hour: 22.0,
            lead_ta_allowance: 1500.0,
            admin_hour: 23.0,
            corporate_training_hours: 6.0,
            slt_allowance: 7500.0,
        }
    }
}

/// A ranged assumption's plausible low and high (SPEC section 8): most
/// demand figures are assumptions, so every answer can carry its range.
pub struct Spread {
    pub key: &'static str,
    pub low: f64,
    pub high: f64,
    /// A published range (the NPQ's study hours); the rest are the model's
    /// own assumption ranges.
    pub published: bool,
}

const fn spread(key: &'static str, low: f64, high: f64) -> Spread {
    Spread {
        key,
        low,
        high,
        published: false,
    }
}

/// Every ranged assumption, in SPEC section 8's order (the order draws are
/// taken in); the central value is the assumption's default.
pub static RANGES: &[Spread] = &[
    spread("ehcp-review-hours", 5.0, 14.0),
    spread("ehc-request-hours", 10.0, 40.0),
    spread("ehc-request-rate", 0.04, 0.12),
    spread("sen-support-hours", 1.5, 6.0),
    spread("corporate-factor", 0.3, 0.8),
    spread("agency-hours", 0.5, 2.0),
    spread("admin-share-statutory", 0.25, 0.5),
    spread("admin-share-support", 0.1, 0.35),
    spread("admin-share-agencies", 0.1, 0.3),
    spread("ta-management-hours", 0.2, 0.5),
    spread("distributed-share", 0.5, 0.8),
    spread("lead-oversight-hours", 0.25, 1.0),
    spread("cpd-hours-per-teacher", 1.5, 6.0),
    spread("corporate-cpd-hours", 1.0, 4.0),
    spread("strategy-hours", 1.0, 3.0),
    spread("strategy-hours-per-100-pupils", 0.1, 0.4),
    spread("access-hours-per-100-pupils", 0.1, 0.5),
    spread("access-hours-primary", 0.1, 0.5),
    spread("admin-share-access", 0.1, 0.5),
    spread("transition-hours", 0.25, 1.0),
    spread("transition-hours-per-100-pupils", 0.05, 0.2),
    spread("meetings-slt-hours", 1.0, 3.0),
    spread("meetings-associate-slt-hours", 1.0, 2.5),
    spread("meetings-middle-hours", 0.25, 1.0),
    spread("deputy-supervision-hours", 0.5, 2.0),
    Spread {
        key: "study-hours",
        low: 1.0,
        high: 2.0,
        published: true,
    },
    spread("fragmentation", 0.1, 0.4),
];

/// A ranged assumption as a school has it: its value, and its low and high.
/// A value the profile overrides moves its range with it, proportionally;
/// the range is kept within the key's limits.
pub struct Ranged {
    pub param: &'static Param<Assumptions>,
    pub low: f64,
    pub value: f64,
    pub high: f64,
    pub published: bool,
}

/// The ranged assumptions of `a`, in [`RANGES`] order; `own` holds a
/// school's `[ranges]`, (key, low, high), which take the place of the
/// moved default ranges.
pub fn ranged(a: &Assumptions, own: &[(&str, f64, f64)]) -> Vec<Ranged> {
    RANGES
        .iter()
        .filter_map(|r| {
            let param = ASSUMPTIONS.iter().find(|p| p.key == r.key)?;
            let value = (param.get)(a);
            if let Some((_, low, high)) = own.iter().find(|(key, ..)| *key == r.key) {
                return Some(Ranged {
                    param,
                    low: *low,
                    value,
                    high: *high,
                    published: r.published,
                });
            }
            let central = param.default_value();
            let scale = if central > 0.0 { value / central } else { 1.0 };
            let clamp = |v: f64| v.clamp(param.min, param.max);
            Some(Ranged {
                param,
                low: clamp(r.low * scale).min(value),
                value,
                high: clamp(r.high * scale).max(value),
                published: r.published,
            })
        })
        .collect()
}

const SHARE: (f64, f64) = (0.0, 1.0);
const WEEKLY: (f64, f64) = (0.0, 60.0);
const ANNUAL: (f64, f64) = (0.0, 1000.0);
const POUNDS: (f64, f64) = (0.0, 1_000_000.0);

macro_rules! param {
    ($t:ty, $key:literal, $field:ident, $unit:literal, $range:expr, $basis:ident, $source:literal) => {
        Param::<$t> {
            key: $key,
            unit: $unit,
            min: $range.0,
            max: $range.1,
            basis: Basis::$basis,
            source: $source,
            get: |t: &$t| t.$field,
            set: |t: &mut $t, value| t.$field = value,
        }
    };
}

/// Every `[assumptions]` key, in the order the SPEC introduces them.
pub static ASSUMPTIONS: &[Param<Assumptions>] = &[
    param!(
        Assumptions,
        "contract-hours-per-week",
        contract_hours_per_week,
        "hours a week (full time)",
        (1.0, 60.0),
        Derived,
        "STPCD: 1,265 directed hours over 39 weeks"
    ),
    param!(
        Assumptions,
        "ppa-share",
        ppa_share,
        "share of teaching time",
        SHARE,
        Published,
        "STPCD: PPA at least 10% of timetabled teaching"
    ),
    param!(
        Assumptions,
        "ehcp-review-hours",
        ehcp_review_hours,
        "hours a year per EHC plan",
        ANNUAL,
        Assumption,
        "assumption: annual review meeting 1-1.5 h plus reports circulated 2 weeks before (CoP 9.166, 9.176)"
    ),
    param!(
        Assumptions,
        "ehc-request-hours",
        ehc_request_hours,
        "hours per EHC needs assessment request",
        ANNUAL,
        Assumption,
        "assumption: a request 'takes several hours' (practitioner reports); 20-week process (SEN Regulations 2014)"
    ),
    param!(
        Assumptions,
        "ehc-request-rate",
        ehc_request_rate,
        "requests a year per pupil at SEN support",
        SHARE,
        Assumption,
        "assumption: used only when school.ehc-requests-per-year is absent"
    ),
    param!(
        Assumptions,
        "sen-support-hours",
        sen_support_hours,
        "hours a year per pupil at SEN support",
        ANNUAL,
        Assumption,
        "assumption: parents met at least three times a year (CoP 6.65)"
    ),
    param!(
        Assumptions,
        "access-hours-per-100-pupils",
        access_hours_per_100_pupils,
        "hours a week per 100 pupils (secondary, all-through, special, AP)",
        WEEKLY,
        Assumption,
        "practitioner judgment: about 60 access arrangement assessments and applications a year at about 2 h each in a secondary of ~1,000 (model 2)"
    ),
    param!(
        Assumptions,
        "access-hours-primary",
        access_hours_primary,
        "hours a week (primary and middle)",
        WEEKLY,
        Assumption,
        "practitioner judgment: key stage 2 test access arrangements (model 2)"
    ),
    param!(
        Assumptions,
        "corporate-factor",
        corporate_factor,
        "share of SEN support work left with the SENCO",
        SHARE,
        Assumption,
        "assumption: class teachers own assess-plan-do-review (Morewood 2018, \"Time to rethink the 'effective SENCO'\")"
    ),
    param!(
        Assumptions,
        "agency-hours",
        agency_hours,
        "hours a year per pupil with SEN",
        ANNUAL,
        Assumption,
        "assumption: parent meetings are the second most time-consuming task (2018 survey)"
    ),
    param!(
        Assumptions,
        "admin-share-statutory",
        admin_share_statutory,
        "share an administrator can do",
        SHARE,
        Assumption,
        "assumption: administration, especially EHC requests, takes most SENCO time (2021 survey)"
    ),
    param!(
        Assumptions,
        "admin-share-support",
        admin_share_support,
        "share an administrator can do",
        SHARE,
        Assumption,
        "assumption"
    ),
    param!(
        Assumptions,
        "admin-share-agencies",
        admin_share_agencies,
        "share an administrator can do",
        SHARE,
        Assumption,
        "assumption"
    ),
    param!(
        Assumptions,
        "admin-share-access",
        admin_share_access,
        "share an administrator can do",
        SHARE,
        Assumption,
        "assumption: applications and evidence files are administration (model 2)"
    ),
    param!(
        Assumptions,
        "transition-hours",
        transition_hours,
        "hours a week",
        WEEKLY,
        Assumption,
        "practitioner judgment: phase transfer, feeder schools, moves in and out (model 2)"
    ),
    param!(
        Assumptions,
        "transition-hours-per-100-pupils",
        transition_hours_per_100_pupils,
        "hours a week per 100 pupils",
        WEEKLY,
        Assumption,
        "practitioner judgment (model 2)"
    ),
    param!(
        Assumptions,
        "ta-management-hours",
        ta_management_hours,
        "hours a week per TA",
        WEEKLY,
        Assumption,
        "assumption: no published figure for TA line management"
    ),
    param!(
        Assumptions,
        "distributed-share",
        distributed_share,
        "share of TA leadership lead TAs can take",
        SHARE,
        Assumption,
        "assumption: distributed TA leadership (Morewood 2018, \"Time to rethink the 'effective SENCO'\")"
    ),
    param!(
        Assumptions,
        "lead-oversight-hours",
        lead_oversight_hours,
        "hours a week per lead TA",
        WEEKLY,
        Assumption,
        "assumption"
    ),
    param!(
        Assumptions,
        "cpd-hours-per-teacher",
        cpd_hours_per_teacher,
        "hours a year per teacher",
        ANNUAL,
        Assumption,
        "assumption: SENCO leads inclusive teaching CPD (Murray 2018, \"Models for the SENCO role: context, value and intent\")"
    ),
    param!(
        Assumptions,
        "corporate-cpd-hours",
        corporate_cpd_hours,
        "extra hours a year per teacher with corporate responsibility",
        ANNUAL,
        Assumption,
        "assumption"
    ),
    param!(
        Assumptions,
        "strategy-hours",
        strategy_hours,
        "hours a week",
        WEEKLY,
        Assumption,
        "assumption: strategic direction of SEND provision (Norwich, cited by Morewood 2018, \"Time to rethink the 'effective SENCO'\")"
    ),
    param!(
        Assumptions,
        "strategy-hours-per-100-pupils",
        strategy_hours_per_100_pupils,
        "hours a week per 100 pupils",
        WEEKLY,
        Assumption,
        "assumption"
    ),
    param!(
        Assumptions,
        "meetings-slt-hours",
        meetings_slt_hours,
        "hours a week",
        WEEKLY,
        Assumption,
        "assumption: SLT meetings (Murray 2018, \"Models for the SENCO role: context, value and intent\")"
    ),
    param!(
        Assumptions,
        "meetings-associate-slt-hours",
        meetings_associate_slt_hours,
        "hours a week",
        WEEKLY,
        Assumption,
        "assumption: attends SLT meetings without SLT duties (Murray 2018, \"Models for the SENCO role: context, value and intent\")"
    ),
    param!(
        Assumptions,
        "meetings-middle-hours",
        meetings_middle_hours,
        "hours a week",
        WEEKLY,
        Assumption,
        "assumption"
    ),
    param!(
        Assumptions,
        "deputy-supervision-hours",
        deputy_supervision_hours,
        "hours a week",
        WEEKLY,
        Assumption,
        "assumption: 'time to train the deputy' (Murray 2018, \"Models for the SENCO role: context, value and intent\")"
    ),
    param!(
        Assumptions,
        "study-hours",
        study_hours,
        "hours a week",
        WEEKLY,
        Published,
        "NPQ for SENCOs: 18-22 months, about 1-2 hours of study a week (gov.uk)"
    ),
    param!(
        Assumptions,
        "fragmentation",
        fragmentation,
        "share of protected time lost at a full teaching load",
        SHARE,
        Assumption,
        "assumption: short-notice meetings clash with lessons (Murray 2018, \"Models for the SENCO role: context, value and intent\")"
    ),
    param!(
        Assumptions,
        "pupils-per-teacher-primary",
        pupils_per_teacher_primary,
        "pupils per teacher (nursery, primary, middle)",
        (1.0, 100.0),
        Published,
        "DfE pupil-teacher ratio 2024/25"
    ),
    param!(
        Assumptions,
        "pupils-per-teacher-secondary",
        pupils_per_teacher_secondary,
        "pupils per teacher (secondary, all-through)",
        (1.0, 100.0),
        Published,
        "DfE pupil-teacher ratio 2024/25"
    ),
    param!(
        Assumptions,
        "pupils-per-teacher-special",
        pupils_per_teacher_special,
        "pupils per teacher (special, alternative provision)",
        (1.0, 100.0),
        Assumption,
        "assumption"
    ),
    param!(
        Assumptions,
        "band-manageable",
        band_manageable,
        "score",
        (0.0, 100.0),
        Assumption,
        "assumption"
    ),
    param!(
        Assumptions,
        "band-stretched",
        band_stretched,
        "score",
        (0.0, 100.0),
        Assumption,
        "assumption"
    ),
    param!(
        Assumptions,
        "band-overloaded",
        band_overloaded,
        "score",
        (0.0, 100.0),
        Assumption,
        "assumption"
    ),
];

/// The 2018 National SENCO Workload Survey: the share of SENCOs working
/// more than 9 hours a week beyond their allocation, by phase. Published
/// figures the SENCO's week is set beside; not assumptions to override.
pub const SURVEY_OVER_9H_PRIMARY: f64 = 0.43;
pub const SURVEY_OVER_9H_SECONDARY: f64 = 0.71;
pub const SURVEY_SOURCE: &str = "the 2018 National SENCO Workload Survey, \"It's about time\" (Curran, Moloney, Heavey and Boddison; Bath Spa University, NEU and nasen)";

/// Every `[costs]` key.
pub static COSTS: &[Param<Costs>] = &[
    param!(
        Costs,
        "teacher-hour",
        teacher_hour,
        "pounds per hour",
        POUNDS,
        Derived,
        "derived: 2025/26 main-to-upper pay (about £45,352-£51,048) with employer pension 28.68% and NI, over a 22.5-hour timetable, is £73-83 a timetabled hour a week (model 2; range 60-85)"
    ),
    param!(
        Costs,
        "deputy-allowance",
        deputy_allowance,
        "pounds a year",
        POUNDS,
        Assumption,
        "assumption: a TLR-sized allowance with on-costs (x1.44) (model 2)"
    ),
    param!(
        Costs,
        "ta-hour",
        ta_hour,
        "pounds per hour",
        POUNDS,
        Assumption,
        "assumption: a TA's term-time hour with holiday pay and on-costs (model 2)"
    ),
    param!(
        Costs,
        "lead-ta-allowance",
        lead_ta_allowance,
        "pounds a year per lead TA",
        POUNDS,
        Assumption,
        "assumption: with on-costs (x1.44) (model 2)"
    ),
    param!(
        Costs,
        "admin-hour",
        admin_hour,
        "pounds per hour",
        POUNDS,
        Assumption,
        "assumption: a SEN administrator's term-time hour, a grade above a TA, with on-costs (model 2)"
    ),
    param!(
        Costs,
        "corporate-training-hours",
        corporate_training_hours,
        "training hours per teacher, first year",
        ANNUAL,
        Assumption,
        "assumption"
    ),
    param!(
        Costs,
        "slt-allowance",
        slt_allowance,
        "pounds a year",
        POUNDS,
        Assumption,
        "assumption: the step from middle leader to SLT pay, with on-costs (x1.44) (model 2)"
    ),
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults_match_the_spec() {
        let a = Assumptions::default();
        assert_eq!(a.contract_hours_per_week, 32.5);
        assert_eq!(a.ehcp_review_hours, 8.0);
        assert_eq!(a.ta_management_hours, 0.33);
        assert_eq!(a.band_manageable, 95.0);
        // Model 2 (SPEC sections 3 and 5).
        assert_eq!(a.access_hours_per_100_pupils, 0.25);
        assert_eq!(a.access_hours_primary, 0.2);
        assert_eq!(a.admin_share_access, 0.3);
        assert_eq!(a.transition_hours, 0.5);
        assert_eq!(a.transition_hours_per_100_pupils, 0.1);
        let c = Costs::default();
        assert_eq!(c.teacher_hour, 70.0);
        assert_eq!(c.deputy_allowance, 4800.0);
        assert_eq!(c.slt_allowance, 7500.0);
        assert_eq!(c.lead_ta_allowance, 1500.0);
        assert_eq!(c.ta_hour, 22.0);
        assert_eq!(c.admin_hour, 23.0);
    }

    #[test]
    fn every_default_is_within_its_own_limits() {
        for p in ASSUMPTIONS {
            let d = p.default_value();
            assert!(p.min <= d && d <= p.max, "{}", p.key);
        }
        for p in COSTS {
            let d = p.default_value();
            assert!(p.min <= d && d <= p.max, "{}", p.key);
        }
    }

    /// The ranges are SPEC section 8's, each around its key's default and
    /// within its limits.
    #[test]
    fn every_range_brackets_its_default() {
        assert_eq!(RANGES.len(), 27);
        for r in RANGES {
            let p = ASSUMPTIONS.iter().find(|p| p.key == r.key).unwrap();
            let d = p.default_value();
            assert!(r.low <= d && d <= r.high, "{}", r.key);
            assert!(p.min <= r.low && r.high <= p.max, "{}", r.key);
        }
        // An override moves its range: ehcp-review-hours 16 (twice 8) has
        // the range 10-28.
        let a = Assumptions {
            ehcp_review_hours: 16.0,
            ..Assumptions::default()
        };
        let r = ranged(&a, &[]);
        let reviews = r
            .iter()
            .find(|r| r.param.key == "ehcp-review-hours")
            .unwrap();
        assert_eq!(
            (reviews.low, reviews.value, reviews.high),
            (10.0, 16.0, 28.0)
        );
        // A share stays a share: admin-share-statutory 0.8 (twice 0.4) has
        // 0.5-1, not 0.5-1.25.
        let a = Assumptions {
            admin_share_statutory: 0.8,
            ..Assumptions::default()
        };
        let r = ranged(&a, &[]);
        let share = r
            .iter()
            .find(|r| r.param.key == "admin-share-statutory")
            .unwrap();
        assert_eq!((share.low, share.high), (0.5, 1.0));
    }

    #[test]
    fn keys_are_unique() {
        let mut keys: Vec<_> = ASSUMPTIONS.iter().map(|p| p.key).collect();
        keys.extend(COSTS.iter().map(|p| p.key));
        let before = keys.len();
        keys.sort_unstable();
        keys.dedup();
        assert_eq!(before, keys.len());
    }
}

/// How fast a school's SEND numbers grow a year, for `forecast` (SPEC
/// section 10): constant rates, defaults from national trends.
#[derive(Debug, Clone, PartialEq)]
pub struct Growth {
    pub ehcp: f64,
    pub sen_support: f64,
    pub pupils: f64,
}

impl Default for Growth {
    fn default() -> Self {
        Growth {
            ehcp: 0.114,
            sen_support: 0.042,
            pupils: 0.0,
        }
    }
}

/// A rate a year: a fall of up to half, a rise of up to double.
const RATE: (f64, f64) = (-0.5, 1.0);

/// Every `[growth]` key.
pub static GROWTH: &[Param<Growth>] = &[
    param!(
        Growth,
        "ehcp",
        ehcp,
        "share a year",
        RATE,
        Derived,
        "derived: EHC plans in England, 389,171 (January 2023) to 482,640 (January 2025), 11.4% a year (DfE, Special educational needs in England)"
    ),
    param!(
        Growth,
        "sen-support",
        sen_support,
        "share a year",
        RATE,
        Derived,
        "derived: pupils at SEN support in England, 1,183,384 (January 2023) to 1,284,284 (January 2025), 4.2% a year (DfE, Special educational needs in England)"
    ),
    param!(
        Growth,
        "pupils",
        pupils,
        "share a year",
        RATE,
        Assumption,
        "assumption: no change in the roll; set the school's own"
    ),
];
