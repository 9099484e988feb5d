//! A school's profile: plain data, read from TOML and validated.
//!
//! Profiles hold counts only, never a pupil's name or any personal data.

mod flat;
mod position;
mod problem;
mod read;
mod syntax;
mod tree;

pub use flat::{Change, Scalar, changes, flatten};
pub use position::LineIndex;
pub use problem::{MAX_PROBLEMS, Problem, ProfileError};
pub(crate) use read::first_problems;
pub use read::{Draft, MAX_PROFILE_BYTES, REQUIRED, parse_profile};
pub(crate) use read::{MAX_PUPILS, markable_key, nearest, truncate};
pub use syntax::normal_key;

/// The keys the reader accepts, table by table (assumptions and costs
/// are listed by `crate::params`).
pub fn known_keys() -> Vec<(&'static str, &'static [&'static str])> {
    vec![
        ("school", read::SCHOOL_KEYS),
        ("senco", read::SENCO_KEYS),
        ("deputy", read::HOURS_KEYS),
        ("admin", read::HOURS_KEYS),
        ("tas", read::TAS_KEYS),
        ("whole-school", read::WHOLE_SCHOOL_KEYS),
    ]
}
pub use tree::Override;

use crate::params::{Assumptions, Costs, Growth};
use chrono::NaiveDate;

/// Defines a closed set of kebab-case words, with the list users are shown.
macro_rules! choice {
    ($(#[$meta:meta])* $name:ident { $($variant:ident = $text:literal),+ $(,)? }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize, schemars::JsonSchema)]
        pub enum $name { $(#[serde(rename = $text)] $variant),+ }

        impl $name {
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            pub fn as_str(self) -> &'static str {
                match self { $($name::$variant => $text),+ }
            }

            pub fn from_word(word: &str) -> Option<Self> {
                match word { $($text => Some($name::$variant),)+ _ => None }
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.as_str())
            }
        }
    };
}

choice!(
    /// The school's phase of education.
    Phase {
        Nursery = "nursery",
        Primary = "primary",
        Middle = "middle",
        Secondary = "secondary",
        AllThrough = "all-through",
        Special = "special",
        AlternativeProvision = "alternative-provision",
    }
);

impl Phase {
    /// The other names schools use for a phase, read as the model's own:
    /// infant, junior and first schools are primary; upper and high schools
    /// secondary; a through school all-through; a PRU alternative provision.
    pub fn from_other_name(word: &str) -> Option<Phase> {
        let word = word.trim().to_lowercase();
        if let Some(phase) = Phase::from_word(&word) {
            return Some(phase);
        }
        let word = word.trim_end_matches(" school");
        match word {
            "infant" | "infants" | "junior" | "juniors" | "first" | "infant and junior"
            | "primary school" => Some(Phase::Primary),
            "upper" | "high" | "secondary school" => Some(Phase::Secondary),
            "through" | "all through" | "allthrough" => Some(Phase::AllThrough),
            "pru" | "pupil referral unit" | "ap" | "alternative provision" => {
                Some(Phase::AlternativeProvision)
            }
            _ => None,
        }
    }
}

choice!(
    /// Where the SENCO sits in the school's leadership.
    Leadership {
        Slt = "slt",
        AssociateSlt = "associate-slt",
        Middle = "middle",
    }
);

choice!(
    /// The SENCO's mandatory qualification.
    Award {
        NpqSenco = "npq-senco",
        Nasenco = "nasenco",
        InProgress = "in-progress",
        None = "none",
        Exempt = "exempt",
    }
);

choice!(
    /// How teaching assistants are led.
    Structure {
        Flat = "flat",
        Distributed = "distributed",
    }
);

#[derive(Debug, Clone, PartialEq)]
pub struct Profile {
    pub school: School,
    pub senco: Senco,
    pub deputy: Option<Deputy>,
    pub admin: Option<Admin>,
    pub tas: Option<Tas>,
    pub whole_school: WholeSchool,
    pub assumptions: Assumptions,
    pub costs: Costs,
    /// `[growth]`: how fast the SEND numbers rise a year (`forecast`).
    pub growth: Growth,
    /// The optional keys the profile leaves out, filled with defaults.
    pub assumed: Vec<&'static str>,
    /// What the reader took in another sense than written (a phase called
    /// "infant"), to be shown as warnings.
    pub read_as: Vec<String>,
    /// The school's own `[ranges]`: (key, low, high) for ranged assumptions.
    pub ranges: Vec<(&'static str, f64, f64)>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct School {
    pub name: String,
    pub phase: Phase,
    pub pupils: u32,
    pub sen_support: u32,
    pub ehcp: u32,
    pub ehc_requests_per_year: Option<u32>,
    pub teachers: Option<u32>,
    pub weeks_per_year: Option<f64>,
    /// The DfE's unique reference number, carried into every output.
    pub urn: Option<u32>,
    /// The local authority, for summaries by authority.
    pub la: Option<String>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Senco {
    pub contract_fte: f64,
    pub teaching_hours: f64,
    pub senco_hours: f64,
    pub other_duties_hours: f64,
    pub leadership: Leadership,
    pub qualified_teacher: bool,
    /// None when the profile does not say: compliance is then not assessed.
    pub award: Option<Award>,
    pub appointed: Option<NaiveDate>,
    pub headteacher_support: Option<bool>,
    pub strategic_vision: Option<bool>,
    pub influences_colleagues: Option<bool>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Deputy {
    pub hours: f64,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Admin {
    pub hours: f64,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Tas {
    pub count: u32,
    pub structure: Structure,
    pub lead_tas: u32,
    pub lead_hours: f64,
}

#[derive(Debug, Clone, PartialEq, Default)]
pub struct WholeSchool {
    pub corporate_responsibility: bool,
}

/// School weeks a year when the profile does not say (STPCD: 195 days).
pub const DEFAULT_WEEKS_PER_YEAR: f64 = 39.0;

impl Profile {
    pub fn weeks_per_year(&self) -> f64 {
        self.school.weeks_per_year.unwrap_or(DEFAULT_WEEKS_PER_YEAR)
    }

    /// Teachers on the staff, estimated from the pupil-teacher ratio when
    /// the profile does not say.
    pub fn teachers(&self) -> u32 {
        if let Some(teachers) = self.school.teachers {
            return teachers;
        }
        // The ratio is validated to be at least 1, so this fits in u32.
        (f64::from(self.school.pupils) / self.pupils_per_teacher()).round() as u32
    }

    /// The pupil-teacher ratio for the school's phase, that estimates the
    /// teachers when the profile does not say.
    pub fn pupils_per_teacher(&self) -> f64 {
        self.assumptions.pupils_per_teacher(self.school.phase)
    }

    /// EHC needs assessment requests a year, estimated from SEN support
    /// numbers when the profile does not say.
    pub fn ehc_requests_per_year(&self) -> u32 {
        self.school.ehc_requests_per_year.unwrap_or_else(|| {
            (self.assumptions.ehc_request_rate * f64::from(self.school.sen_support)).round() as u32
        })
    }

    pub fn deputy_hours(&self) -> f64 {
        self.deputy.as_ref().map_or(0.0, |d| d.hours)
    }

    pub fn admin_hours(&self) -> f64 {
        self.admin.as_ref().map_or(0.0, |a| a.hours)
    }

    pub fn ta_count(&self) -> u32 {
        self.tas.as_ref().map_or(0, |t| t.count)
    }

    /// Hours a week of management time given to lead TAs.
    pub fn lead_ta_hours(&self) -> f64 {
        self.tas
            .as_ref()
            .map_or(0.0, |t| f64::from(t.lead_tas) * t.lead_hours)
    }

    pub fn lead_tas(&self) -> u32 {
        self.tas.as_ref().map_or(0, |t| t.lead_tas)
    }

    pub fn distributed(&self) -> bool {
        self.tas
            .as_ref()
            .is_some_and(|t| t.structure == Structure::Distributed)
    }

    /// A full-time post's hours a week: the most one deputy may work.
    pub fn full_time_hours(&self) -> f64 {
        self.assumptions.contract_hours_per_week
    }

    pub fn contract_hours(&self) -> f64 {
        self.assumptions.contract_hours_per_week * self.senco.contract_fte
    }
}
