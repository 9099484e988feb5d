use super::{ExportError, Exporter};
use crate::options::Remedy;
use crate::report::Report;
use crate::round::to_places;

/// One row per school: the headline figures and each option's score, with
/// stable column names so a spreadsheet can chart them.
pub struct CsvExporter;

/// The options' columns; the leadership step is one column whether it
/// leads to associate-slt or slt.
fn option_column(remedy: Remedy) -> &'static str {
    match remedy {
        Remedy::FewerTeaching => "score_with_fewer_teaching",
        Remedy::Deputy => "score_with_deputy",
        Remedy::DistributedTa => "score_with_distributed_ta",
        Remedy::AdminSupport => "score_with_admin_support",
        Remedy::CorporateResponsibility => "score_with_corporate_responsibility",
        Remedy::LeadershipStep => "score_with_leadership_step",
    }
}

const HEADLINE_COLUMNS: &[&str] = &[
    "source",
    "name",
    "phase",
    "pupils",
    "sen_support",
    "ehcp",
    "score",
    "band",
    "coverage",
    "demand_hours_per_week",
    "capacity_hours_per_week",
    "covered_hours_per_week",
    "shortfall_hours_per_week",
    "working_week_total",
    "beyond_contract",
    "leadership",
    "compliance",
    "warnings",
    "best_value",
];

impl Exporter for CsvExporter {
    fn assess(&self, reports: &[Report]) -> Result<String, ExportError> {
        let mut writer = csv::Writer::from_writer(Vec::new());
        let mut header: Vec<&str> = HEADLINE_COLUMNS.to_vec();
        header.extend(Remedy::ALL.iter().map(|r| option_column(*r)));
        writer.write_record(&header)?;
        for r in reports {
            let a = &r.assessment;
            let hours = |v: f64| to_places(v, 2).to_string();
            let mut row = vec![
                r.source.clone(),
                r.school.name.clone(),
                r.school.phase.to_string(),
                r.school.pupils.to_string(),
                r.school.sen_support.to_string(),
                r.school.ehcp.to_string(),
                a.score.to_string(),
                a.band.as_str().to_string(),
                to_places(a.coverage, 4).to_string(),
                hours(a.demand_hours_per_week),
                hours(a.capacity_hours_per_week),
                hours(a.covered_hours_per_week),
                hours(a.shortfall_hours_per_week),
                hours(a.working_week.total),
                hours(a.working_week.beyond_contract),
                a.leadership.rating.as_str().to_string(),
                a.compliance.status.as_str().to_string(),
                a.warnings.len().to_string(),
                r.best_value.unwrap_or("").to_string(),
            ];
            // Options are sorted by gain in the report; columns keep a fixed order.
            for remedy in Remedy::ALL {
                let score = r
                    .options
                    .iter()
                    .find(|o| o.remedy == *remedy)
                    .and_then(|o| o.score);
                row.push(score.map(|s| s.to_string()).unwrap_or_default());
            }
            writer.write_record(&row)?;
        }
        let bytes = writer
            .into_inner()
            .map_err(|e| ::csv::Error::from(e.into_error()))?;
        Ok(String::from_utf8(bytes)?)
    }
}
