//! senco-plan: how many hours a week a school's SENCO role needs, how many
//! it has, and which remedies buy the most manageability per pound.
//!
//! The model is pure: [`profile::parse_profile`] reads and validates a
//! profile, [`model::assess`] turns it into an assessment, and
//! [`options::apply`] transforms one profile into another.

pub mod audit;
pub mod batch;
pub mod compare;
pub mod dfe;
pub mod explain;
pub mod export;
#[cfg(test)]
mod fixtures;
pub mod forecast;
pub mod generate;
pub mod init;
pub mod model;
pub mod options;
pub mod params;
pub mod plan;
pub mod profile;
pub mod report;
pub mod roster;
pub mod round;
pub mod safe_text;
pub mod scenario;
pub mod schema;
pub mod sensitivity;
pub mod sweep;
pub mod uncertainty;
