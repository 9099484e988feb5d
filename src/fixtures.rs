//! What the unit tests share: the shipped examples and the date their
//! hand-worked figures are checked at.

use crate::profile::{Profile, parse_profile};
use chrono::NaiveDate;

/// A shipped example, read as `senco-plan` reads it (`name` without
/// `.toml`).
pub fn example(name: &str) -> Profile {
    let path = format!("{}/examples/{name}.toml", env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(&path).unwrap();
    parse_profile(&format!("{name}.toml"), &text, &[]).unwrap()
}

/// The date the hand-worked figures assume.
pub fn as_of() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 22).unwrap()
}
