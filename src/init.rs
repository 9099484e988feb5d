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

/// The column comments start at, so that they line up whatever the value.
const COMMENT_COLUMN: usize = 29;

/// A line of the template: `code`, then `# comment` at [`COMMENT_COLUMN`].
fn line(code: &str, comment: &str) -> String {
    if comment.is_empty() {
        return format!("{code}\n");
    }
    let pad = COMMENT_COLUMN.saturating_sub(code.chars().count()).max(1);
    format!("{code}{}# {comment}\n", " ".repeat(pad))
}

/// The profile template for a phase. `schema`, when given, is the path of
/// the JSON Schema for a `#:schema` line that lets editors check the file.
pub fn template(phase: Phase, schema: Option<&str>) -> String {
    let (pupils, support_rate, ehcp_rate, leadership, basis) = averages(phase);
    let sen_support = (f64::from(pupils) * support_rate).round() as u32;
    let ehcp = (f64::from(pupils) * ehcp_rate).round() as u32;
    let tas = match phase {
        Phase::Special => pupils / 4,
        Phase::Secondary | Phase::AllThrough => pupils / 80,
        _ => pupils / 30,
    };
    // The defaults the reader would use, shown for this phase (SPEC
    // section 1): so the commented-out lines say what leaving them out means.
    let defaults = crate::params::Assumptions::default();
    let ratio = defaults.pupils_per_teacher(phase);
    let ratio_phase = match phase {
        Phase::Nursery | Phase::Primary | Phase::Middle => "nursery, primary and middle",
        Phase::Secondary | Phase::AllThrough => "secondary and all-through",
        Phase::Special | Phase::AlternativeProvision => "special and AP",
    };
    let teachers = (f64::from(pupils) / ratio).round() as u32;
    let requests = (defaults.ehc_request_rate * f64::from(sen_support)).round() as u32;
    let ratio = crate::round::show(ratio);
    let rate = crate::round::show(defaults.ehc_request_rate * 100.0);
    let mut t = String::new();
    if let Some(schema) = schema {
        t.push_str(&format!("#:schema {schema}\n"));
    }
    t.push_str(&format!(
        "# A senco-plan profile: replace the national averages below with your\n\
         # school's numbers, then run `senco-plan assess THIS-FILE`.\n\
         # Counts only: never put a pupil's name or any personal data here.\n\
         # Averages: {basis}.\n\
         # A line starting with # is left out and its default used; the\n\
         # output lists every default it used under \"Assumed\".\n\n"
    ));
    t.push_str("[school]\n");
    t.push_str(&line("name = \"Our School\"", "required"));
    t.push_str(&line(
        &format!("phase = \"{phase}\""),
        "required: nursery | primary | middle | secondary | all-through | special | alternative-provision",
    ));
    t.push_str(&line(
        &format!("pupils = {pupils}"),
        "required: number on roll",
    ));
    t.push_str(&line(
        &format!("sen-support = {sen_support}"),
        "required: pupils at SEN support",
    ));
    t.push_str(&line(
        &format!("ehcp = {ehcp}"),
        "required: pupils with an EHC plan",
    ));
    t.push_str(&line(
        &format!("# ehc-requests-per-year = {requests}"),
        &format!("EHC needs assessment requests a year (default: {rate}% of SEN support)"),
    ));
    t.push_str(&line(
        &format!("# teachers = {teachers}"),
        &format!("default: pupils / {ratio}, the ratio for {ratio_phase} schools"),
    ));
    t.push_str(&line("# urn = 100000", "the DfE unique reference number"));
    t.push_str("\n[senco]\n");
    t.push_str(&line(
        "teaching-hours = 12.5",
        "required: timetabled teaching a week",
    ));
    t.push_str(&line(
        "senco-hours = 6.5",
        "required: protected SENCO time a week (6.5 h is a day; the 2018 survey proposed at least 1.5 days)",
    ));
    t.push_str(&line(
        "contract-fte = 1.0",
        "share of a full-time contract (0.8 = four days; default 1.0)",
    ));
    t.push_str(&line(
        "other-duties-hours = 0",
        "other roles (DSL, head of year, ...) a week (default 0)",
    ));
    t.push_str(&line(
        &format!("leadership = \"{leadership}\""),
        "slt | associate-slt | middle (default middle)",
    ));
    t.push_str(&line(
        "qualified-teacher = true",
        "the SENCO must be a qualified teacher (default true)",
    ));
    t.push_str(&line(
        "# award = \"in-progress\"",
        "npq-senco | nasenco | in-progress | none | exempt: say which",
    ));
    t.push_str(&line(
        "# appointed = 2024-09-01",
        "when the SENCO took up the role (three-year deadline)",
    ));
    t.push_str(
        "# Without award and appointed, compliance is \"not assessed\".\n\
         # Health check (Murray 2018, \"Models for the SENCO role: context, value and\n\
         # intent\"): answer true or false, or leave out.\n\
         # headteacher-support = true\n\
         # strategic-vision = true\n\
         # influences-colleagues = true\n\n",
    );
    t.push_str(&line("# [deputy]", "a deputy SENCO, if there is one"));
    t.push_str(&line("# hours = 6.5", "hours a week given to SEND"));
    t.push('\n');
    t.push_str(&line("# [admin]", "a SEN administrator, if there is one"));
    t.push_str(&line("# hours = 10", ""));
    t.push_str("\n[tas]\n");
    t.push_str(&line(&format!("count = {tas}"), "teaching assistants"));
    t.push_str(&line(
        "structure = \"flat\"",
        "flat: the SENCO leads every TA | distributed: lead TAs do much of it",
    ));
    t.push_str(&line("lead-tas = 0", "with distributed: how many lead TAs"));
    t.push_str(&line(
        "lead-hours = 0",
        "management time per lead TA a week",
    ));
    t.push_str("\n[whole-school]\n");
    t.push_str(&line(
        "corporate-responsibility = false",
        "class teachers own assess-plan-do-review for SEN support",
    ));
    t.push('\n');
    t.push_str(&line(
        "# [assumptions]",
        "override any model default (`senco-plan explain` lists them)",
    ));
    t.push_str("# ehcp-review-hours = 8\n");
    t.push_str(&line("# [costs]", "override any price, in pounds"));
    t.push_str(&format!(
        "# teacher-hour = {}\n",
        crate::round::show(crate::params::Costs::default().teacher_hour)
    ));
    t
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::profile::parse_profile;

    #[test]
    fn every_phase_template_validates() {
        for phase in Phase::ALL {
            let text = template(*phase, Some("./senco-plan.schema.json"));
            let p =
                parse_profile("init.toml", &text, &[]).unwrap_or_else(|e| panic!("{e}\n{text}"));
            assert_eq!(p.school.phase, *phase);
            assert!(text.starts_with("#:schema ./senco-plan.schema.json\n"));
            // No award is made up: the SENCO says which, or compliance is
            // not assessed.
            assert_eq!(p.senco.award, None);
            // The estimate shown for teachers is the one the reader makes.
            let shown = format!("# teachers = {}", p.teachers());
            assert!(text.contains(&shown), "{shown}\n{text}");
            // Every comment on a line with a value starts in one column.
            for l in text
                .lines()
                .filter(|l| l.contains(" = ") && l.contains("  # "))
            {
                let at = l.find("  # ").map(|i| l[..i + 2].chars().count());
                assert_eq!(at, Some(COMMENT_COLUMN), "{l}");
            }
        }
    }
}
