//! `senco-plan init`: a commented profile to fill in, with national
//! averages for the phase (EVIDENCE.md), that validates as it stands.

use crate::profile::Phase;

/// Typical pupils on roll, SEN support and EHC plan rates, and where the
/// SENCO usually sits, by phase.
fn averages(phase: Phase) -> (u32, f64, f64, &'static str, &'static str) {
    match phase {
        // About 275 pupils per primary school; 14.2% SEN support, 5.3% EHC
        // plans nationally (DfE 2024-25); 62% of primary SENCOs on the SLT.
        Phase::Primary | Phase::Nursery => (
            275,
            0.142,
            0.053,
            "slt",
            "DfE January 2024-25, 2018 SENCO survey",
        ),
        Phase::Middle => (
            500,
            0.142,
            0.053,
            "middle",
            "DfE January 2025 national rates",
        ),
        // About 1,065 pupils per secondary; 21% of secondary SENCOs on the SLT.
        Phase::Secondary => (
            1065,
            0.142,
            0.053,
            "middle",
            "DfE January 2024-25, 2018 SENCO survey",
        ),
        Phase::AllThrough => (1500, 0.142, 0.053, "slt", "DfE January 2025 national rates"),
        // Nearly every pupil in a special school has an EHC plan.
        Phase::Special => (
            120,
            0.02,
            0.95,
            "slt",
            "assumption: nearly all pupils have an EHC plan",
        ),
        Phase::AlternativeProvision => (
            60,
            0.4,
            0.15,
            "slt",
            "assumption: no national rate in EVIDENCE.md",
        ),
    }
}

/// The profile template for a phase, with a `#:schema` line for editors.
pub fn template(phase: Phase, schema: &str) -> String {
    let (pupils, support_rate, ehcp_rate, leadership, basis) = averages(phase);
    let sen_support = (f64::from(pupils) * support_rate).round() as u32;
    let ehcp = (f64::from(pupils) * ehcp_rate).round() as u32;
    let tas = match phase {
        Phase::Special => pupils / 4,
        Phase::Secondary | Phase::AllThrough => pupils / 80,
        _ => pupils / 30,
    };
    format!(
        r#"#:schema {schema}
# A senco-plan profile: replace the national averages below with your
# school's numbers, then run `senco-plan assess THIS-FILE`.
# Counts only: never put a pupil's name or any personal data here.
# Averages: {basis}.

[school]
name = "Our School"
phase = "{phase}"          # nursery | primary | middle | secondary | all-through | special | alternative-provision
pupils = {pupils}                 # number on roll
sen-support = {sen_support}              # pupils at SEN support
ehcp = {ehcp}                     # pupils with an EHC plan
# ehc-requests-per-year = 4  # EHC needs assessment requests a year (default: 8% of SEN support)
# teachers = 20              # default: pupils / 20.8 (primary), 16.7 (secondary), 6 (special)

[senco]
contract-fte = 1.0           # share of a full-time contract (0.8 = four days)
teaching-hours = 12.5        # timetabled teaching a week
senco-hours = 6.5            # protected SENCO time a week (the 2018 survey proposed at least 1.5 days)
other-duties-hours = 0       # other roles (DSL, head of year, ...) a week
leadership = "{leadership}"          # slt | associate-slt | middle
qualified-teacher = true     # the SENCO must be a qualified teacher
award = "npq-senco"          # npq-senco | nasenco | in-progress | none | exempt
# appointed = 2023-09-01     # needed when the award is in progress or none (three-year deadline)
# Health check (Murray 2018, "Models for the SENCO role: context, value and
# intent"): answer true or false, or leave out.
# headteacher-support = true
# strategic-vision = true
# influences-colleagues = true

# [deputy]                   # a deputy SENCO, if there is one
# hours = 6.5                # hours a week given to SEND

# [admin]                    # a SEN administrator, if there is one
# hours = 10

[tas]
count = {tas}                    # teaching assistants
structure = "flat"           # flat: the SENCO leads every TA | distributed: lead TAs do much of it
lead-tas = 0
lead-hours = 0               # management time per lead TA a week

[whole-school]
corporate-responsibility = false   # class teachers own assess-plan-do-review for SEN support

# [assumptions]              # override any model default (`senco-plan explain` lists them)
# ehcp-review-hours = 8
# [costs]                    # override any price, in pounds
# teacher-hour = 50
"#,
        phase = phase.as_str(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::profile::parse_profile;

    #[test]
    fn every_phase_template_validates() {
        let as_of = chrono::NaiveDate::from_ymd_opt(2026, 11, 22).unwrap();
        for phase in Phase::ALL {
            let text = template(*phase, "./senco-plan.schema.json");
            let p = parse_profile("init.toml", &text, &[], as_of)
                .unwrap_or_else(|e| panic!("{e}\n{text}"));
            assert_eq!(p.school.phase, *phase);
            assert!(text.starts_with("#:schema ./senco-plan.schema.json\n"));
        }
    }
}
