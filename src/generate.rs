//! Realistic random profiles, for benchmarks and tests of many schools.
//! Rates follow EVIDENCE.md (SEN support about 14%, EHC plans about 4%,
//! SLT membership 62% of primary and 21% of secondary SENCOs).

use crate::profile::Scalar;
use chrono::NaiveDate;

/// Every key a generated profile may have, in roster column order.
pub const ROSTER_KEYS: &[&str] = &[
    "school.name",
    "school.phase",
    "school.pupils",
    "school.sen-support",
    "school.ehcp",
    "school.ehc-requests-per-year",
    "senco.contract-fte",
    "senco.teaching-hours",
    "senco.senco-hours",
    "senco.other-duties-hours",
    "senco.leadership",
    "senco.qualified-teacher",
    "senco.award",
    "senco.appointed",
    "senco.headteacher-support",
    "senco.strategic-vision",
    "senco.influences-colleagues",
    "deputy.hours",
    "admin.hours",
    "tas.count",
    "tas.structure",
    "tas.lead-tas",
    "tas.lead-hours",
    "whole-school.corporate-responsibility",
];

fn halves(rng: &mut fastrand::Rng, low: f64, high: f64) -> f64 {
    let steps = ((high - low).max(0.0) * 2.0) as u32;
    low + f64::from(rng.u32(0..=steps)) / 2.0
}

fn share(rng: &mut fastrand::Rng, low: f64, high: f64) -> f64 {
    low + rng.f64() * (high - low)
}

/// One school's values, as (dotted key, value) pairs; absent keys are left out.
pub fn random_school(rng: &mut fastrand::Rng, index: usize) -> Vec<(&'static str, Scalar)> {
    let roll = rng.f64();
    let (phase, pupils) = match roll {
        r if r < 0.70 => ("primary", rng.u32(60..=650)),
        r if r < 0.85 => ("secondary", rng.u32(500..=1800)),
        r if r < 0.90 => ("special", rng.u32(40..=250)),
        r if r < 0.93 => ("all-through", rng.u32(900..=2400)),
        r if r < 0.96 => ("middle", rng.u32(300..=800)),
        r if r < 0.98 => ("nursery", rng.u32(40..=150)),
        _ => ("alternative-provision", rng.u32(20..=120)),
    };
    let p = f64::from(pupils);
    let (sen_rate, ehcp_rate) = match phase {
        "special" => (share(rng, 0.0, 0.05), share(rng, 0.9, 0.95)),
        "alternative-provision" => (share(rng, 0.4, 0.6), share(rng, 0.1, 0.2)),
        _ => (share(rng, 0.09, 0.2), share(rng, 0.015, 0.06)),
    };
    let sen = (p * sen_rate).round() as u32;
    let ehcp = ((p * ehcp_rate).round() as u32).min(pupils - sen);
    let requests = (f64::from(sen) * share(rng, 0.03, 0.12)).round() as u32;

    let fte = if rng.f64() < 0.7 {
        1.0
    } else {
        f64::from(rng.u32(6..=9)) / 10.0
    };
    let contract = 32.5 * fte;
    let teaching = halves(rng, 0.0, contract * 0.7);
    let room = contract - teaching * 1.1;
    let senco_hours = halves(rng, 0.5, room.max(1.0));
    let other = if rng.f64() < 0.6 {
        0.0
    } else {
        halves(rng, 1.0, 5.0)
    };
    let slt_rate = match phase {
        "primary" | "nursery" => 0.62,
        "secondary" => 0.21,
        _ => 0.5,
    };
    let leadership = match rng.f64() {
        r if r < slt_rate => "slt",
        r if r < slt_rate + 0.15 => "associate-slt",
        _ => "middle",
    };
    let award = match rng.f64() {
        r if r < 0.40 => "npq-senco",
        r if r < 0.80 => "nasenco",
        r if r < 0.95 => "in-progress",
        r if r < 0.98 => "none",
        _ => "exempt",
    };
    let start = NaiveDate::from_ymd_opt(2026, 11, 1).unwrap_or_default();
    let appointed = start - chrono::Duration::days(i64::from(rng.u32(30..=6000)));

    let mut out: Vec<(&'static str, Scalar)> = vec![
        ("school.name", Scalar::Text(format!("School {index:06}"))),
        ("school.phase", Scalar::Text(phase.to_string())),
        ("school.pupils", Scalar::Integer(pupils.into())),
        ("school.sen-support", Scalar::Integer(sen.into())),
        ("school.ehcp", Scalar::Integer(ehcp.into())),
        (
            "school.ehc-requests-per-year",
            Scalar::Integer(requests.into()),
        ),
        ("senco.contract-fte", Scalar::Number(fte)),
        ("senco.teaching-hours", Scalar::Number(teaching)),
        ("senco.senco-hours", Scalar::Number(senco_hours)),
        ("senco.other-duties-hours", Scalar::Number(other)),
        ("senco.leadership", Scalar::Text(leadership.to_string())),
        ("senco.qualified-teacher", Scalar::Bool(rng.f64() < 0.99)),
        ("senco.award", Scalar::Text(award.to_string())),
        ("senco.appointed", Scalar::Date(appointed)),
    ];
    for key in [
        "senco.headteacher-support",
        "senco.strategic-vision",
        "senco.influences-colleagues",
    ] {
        if rng.f64() < 0.8 {
            out.push((key, Scalar::Bool(rng.f64() < 0.7)));
        }
    }
    if rng.f64() < 0.35 {
        out.push(("deputy.hours", Scalar::Number(halves(rng, 2.0, 15.0))));
    }
    if rng.f64() < 0.4 {
        out.push(("admin.hours", Scalar::Number(halves(rng, 3.0, 25.0))));
    }
    let per_ta = match phase {
        "special" => 4.0,
        "secondary" | "all-through" => 80.0,
        _ => 30.0,
    };
    let tas = (p / per_ta).round() as u32;
    if tas > 0 {
        out.push(("tas.count", Scalar::Integer(tas.into())));
        if rng.f64() < 0.25 {
            out.push(("tas.structure", Scalar::Text("distributed".to_string())));
            out.push((
                "tas.lead-tas",
                Scalar::Integer(rng.u32(1..=(tas / 6).max(1)).into()),
            ));
            out.push(("tas.lead-hours", Scalar::Number(halves(rng, 1.0, 3.0))));
        }
    }
    out.push((
        "whole-school.corporate-responsibility",
        Scalar::Bool(rng.f64() < 0.3),
    ));
    out
}

/// The school as a profile file.
pub fn to_toml(values: &[(&str, Scalar)]) -> String {
    let mut text = String::from("# Generated by senco-plan gen-profiles: a made-up school.\n");
    let mut table = "";
    for (key, value) in values {
        let Some((t, k)) = key.split_once('.') else {
            continue;
        };
        if t != table {
            text.push_str(&format!("\n[{t}]\n"));
            table = t;
        }
        let literal = match value {
            Scalar::Text(s) => format!("\"{s}\""),
            other => other.to_string(),
        };
        text.push_str(&format!("{k} = {literal}\n"));
    }
    text
}

/// The school as a roster row, one cell per `ROSTER_KEYS` column.
pub fn to_roster_row(values: &[(&str, Scalar)]) -> Vec<String> {
    ROSTER_KEYS
        .iter()
        .map(|key| {
            values
                .iter()
                .find(|(k, _)| k == key)
                .map(|(_, v)| v.to_string())
                .unwrap_or_default()
        })
        .collect()
}

/// The DfE school-level file's documented columns, in its order
/// (EVIDENCE.md): a fixture in its shape, since the real file is not here.
pub fn dfe_columns() -> Vec<String> {
    let mut columns: Vec<String> = [
        "time_period",
        "time_identifier",
        "geographic_level",
        "country_code",
        "country_name",
        "region_name",
        "region_code",
        "old_la_code",
        "new_la_code",
        "la_name",
        "URN",
        "estab",
        "school_name",
        "laestab",
        "open_date",
        "sex_of_school_description",
        "phase_type_grouping",
        "type_of_establishment",
        "middle_school",
        "all_through",
        "hospital_school",
        "denomination",
        "admissions_policy",
        "district_administrative_code",
        "district_administrative_name",
        "parlc_code",
        "parlc_name",
        "ward_code",
        "ward_name",
        "urban_rural",
        "school_postcode",
        "LSOA11",
        "Total pupils",
        "SEN support",
        "EHC plan",
    ]
    .iter()
    .map(|c| c.to_string())
    .collect();
    let needs = [
        "spld", "mld", "sld", "pmld", "semh", "slcn", "hi", "vi", "msi", "pd", "asd", "oth", "nsa",
    ];
    for prefix in ["EHC_Primary_need_", "SUP_Primary_need_"] {
        columns.extend(needs.iter().map(|n| format!("{prefix}{n}")));
    }
    columns.extend(
        [
            "Prov_SPLD",
            "Prov_MLD",
            "Prov_SLD",
            "Prov_PMLD",
            "Prov_SEMH",
            "prov_slcn",
            "prov_hi",
            "prov_vi",
            "prov_msi",
            "prov_pd",
            "prov_asd",
            "prov_oth",
            "SEN_Unit",
            "RP_Unit",
        ]
        .iter()
        .map(|c| c.to_string()),
    );
    columns
}

/// `count` rows of a DfE-shaped school-level file, seeded: a realistic mix
/// of phases (primary, secondary, special, nursery, PRU, independent,
/// deemed middle, all-through, and a grouping senco-plan does not model)
/// and of suppressed counts (z, c, x, low, empty), with names that hold
/// commas, quotes and a formula.
pub fn dfe_file(count: usize, seed: u64) -> String {
    let mut rng = fastrand::Rng::with_seed(seed);
    let columns = dfe_columns();
    let mut writer = csv::Writer::from_writer(Vec::new());
    let _ = writer.write_record(&columns);
    let las = ["Leeds", "York", "Camden", "Cornwall", "Kent", "Bradford"];
    for i in 0..count {
        let (grouping, establishment, middle, through, pupils): (&str, &str, &str, &str, u32) =
            match rng.u32(0..100) {
                0..=59 => (
                    "State-funded primary",
                    "Academy converter",
                    "Not applicable",
                    "Not applicable",
                    rng.u32(60..=700),
                ),
                60..=61 => (
                    "State-funded primary",
                    "Community school",
                    "Deemed middle",
                    "Not applicable",
                    rng.u32(300..=700),
                ),
                62..=79 => (
                    "State-funded secondary",
                    "Academy sponsor led",
                    "Not applicable",
                    "Not applicable",
                    rng.u32(500..=2000),
                ),
                80..=82 => (
                    "State-funded secondary",
                    "Free schools",
                    "Not applicable",
                    "All-through",
                    rng.u32(900..=2200),
                ),
                83..=88 => (
                    "State-funded special school",
                    "Community special school",
                    "Not applicable",
                    "Not applicable",
                    rng.u32(40..=250),
                ),
                89 => (
                    "Non-maintained special school",
                    "Non-maintained special school",
                    "Not applicable",
                    "Not applicable",
                    rng.u32(30..=150),
                ),
                90..=91 => (
                    "State-funded nursery",
                    "Local authority nursery school",
                    "Not applicable",
                    "Not applicable",
                    rng.u32(40..=150),
                ),
                92..=93 => (
                    "Pupil referral unit",
                    "Pupil referral unit",
                    "Not applicable",
                    "Not applicable",
                    rng.u32(10..=90),
                ),
                94..=97 => (
                    "Independent school",
                    "Other independent school",
                    "Not applicable",
                    "Not applicable",
                    rng.u32(50..=1200),
                ),
                98 => (
                    "Independent school",
                    "Other independent special school",
                    "Not applicable",
                    "Not applicable",
                    rng.u32(20..=120),
                ),
                _ => (
                    "Further education",
                    "Further education",
                    "Not applicable",
                    "Not applicable",
                    rng.u32(200..=3000),
                ),
            };
        let special = grouping.contains("special") || establishment.contains("special");
        let ehcp = if special {
            pupils * rng.u32(85..=100) / 100
        } else {
            pupils * rng.u32(1..=6) / 100
        };
        let sen = if special {
            pupils - ehcp
        } else {
            (pupils * rng.u32(8..=20) / 100).min(pupils - ehcp)
        };
        let mut counts = [pupils.to_string(), sen.to_string(), ehcp.to_string()];
        // About one school in twenty has a suppressed count.
        if rng.u32(0..20) == 0 {
            let word = ["z", "c", "x", "low", ""][rng.usize(0..5)];
            counts[rng.usize(1..3)] = word.to_string();
        }
        let name = match i % 50 {
            7 => format!("St Mary's, Church of England School {i}"),
            13 => format!("The \"Oaks\" Academy {i}"),
            29 => format!("=HYPERLINK(\"x\") School {i}"),
            _ => format!("School {i}"),
        };
        let urn = (100_000 + i).to_string();
        let la = las[rng.usize(0..las.len())];
        let row: Vec<String> = columns
            .iter()
            .map(|c| match c.as_str() {
                "time_period" => "202425".to_string(),
                "time_identifier" => "Academic year".to_string(),
                "geographic_level" => "School".to_string(),
                "country_name" => "England".to_string(),
                "la_name" => la.to_string(),
                "URN" => urn.clone(),
                "school_name" => name.clone(),
                "phase_type_grouping" => grouping.to_string(),
                "type_of_establishment" => establishment.to_string(),
                "middle_school" => middle.to_string(),
                "all_through" => through.to_string(),
                "Total pupils" => counts[0].clone(),
                "SEN support" => counts[1].clone(),
                "EHC plan" => counts[2].clone(),
                "hospital_school" => "Not applicable".to_string(),
                other
                    if other.contains("need")
                        || other.starts_with("Prov")
                        || other.starts_with("prov") =>
                {
                    ["0", "1", "2", "z"][rng.usize(0..4)].to_string()
                }
                _ => "z".to_string(),
            })
            .collect();
        let _ = writer.write_record(&row);
    }
    writer
        .into_inner()
        .ok()
        .and_then(|bytes| String::from_utf8(bytes).ok())
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::profile::parse_profile;

    #[test]
    fn generated_profiles_are_valid() {
        let mut rng = fastrand::Rng::with_seed(7);
        for i in 0..500 {
            let school = random_school(&mut rng, i);
            let text = to_toml(&school);
            if let Err(e) = parse_profile("gen", &text, &[]) {
                panic!("{e}\n{text}");
            }
            assert_eq!(to_roster_row(&school).len(), ROSTER_KEYS.len());
        }
    }
}
