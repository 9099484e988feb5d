//! Command-line arguments. Everything here is parsing and help text.

use chrono::NaiveDate;
use clap::{Args, Parser, Subcommand, ValueEnum};
use senco_plan::export::Format;
use senco_plan::options::{DEFAULT_YEARS, Sizing};
use senco_plan::plan::{DEFAULT_MAX_HOURS, DEFAULT_MAX_LEAD_HOURS, PlanSettings};
use senco_plan::profile::Profile;
use std::path::PathBuf;

#[derive(Debug, Parser)]
#[command(
    name = "senco-plan",
    version,
    about = "How many hours a week does your SENCO role need, how many does it have, and which remedy buys the most manageability per pound?",
    long_about = "senco-plan reads a school profile (a short TOML file of counts: pupils, SEN support, EHC plans, the SENCO's teaching and protected time, TAs, deputy, admin) and shows, with its working, the hours a week the SENCO role needs, the hours it has, a manageability score, and what each remedy the sector recommends would change and cost.\n\nProfiles hold counts only: never put a pupil's name or any personal data in one.",
    after_help = "Examples:\n  senco-plan init school.toml\n  senco-plan assess examples/primary.toml\n  senco-plan assess examples/primary.toml \\\n      --set senco.teaching-hours=7.5 --set deputy.hours=6.5\n  senco-plan assess schools/ --roster more.csv --format csv -o all.csv\n  senco-plan compare examples/primary.toml \\\n      --scenario 'deputy: deputy.hours=6.5'\n  senco-plan plan examples/primary.toml --budget 20000\n  senco-plan explain examples/primary.toml\n  senco-plan report examples/primary.toml -o report.html\n  cat school.toml | senco-plan assess - --format json"
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Assess one or more school profiles and weigh the remedies.
    #[command(
        after_help = "Exit codes: 0 done; 1 a score is below --fail-under; 2 bad input, usage\nor I/O error (nothing is written).\n\nExamples:\n  senco-plan assess examples/primary.toml\n  senco-plan assess examples/primary.toml \\\n      --set deputy.hours=6.5 --set tas.structure=distributed\n  senco-plan assess examples/secondary.toml --format json -o secondary.json\n  senco-plan assess plan-2027.toml --fail-under 80 --format csv"
    )]
    Assess(AssessArgs),

    /// Compare scenarios side by side against a baseline profile.
    #[command(
        after_help = "The first profile is the baseline. Every other profile and every scenario\nis compared with it: score, band, hours, shortfall, the cost a year of the\nchanges and the cost per point gained.\n\nA scenario file is TOML:\n  [[scenario]]\n  name = \"deputy+admin\"\n  set = { \"deputy.hours\" = 6.5, \"admin.hours\" = 10 }\n\nExamples:\n  senco-plan compare examples/primary.toml \\\n      --scenario 'admin: admin.hours=10' \\\n      --scenario 'deputy: deputy.hours=6.5'\n  senco-plan compare examples/primary.toml \\\n      --scenario-file scenarios/primary.toml --sort best\n  senco-plan compare this-year.toml next-year.toml --format csv"
    )]
    Compare(CompareArgs),

    /// Vary one or more profile keys over ranges or lists and assess every combination.
    #[command(
        after_help = "--vary KEY=START..END[:STEP] (END included, STEP 1 by default) or\n--vary KEY=A,B,C. Several --vary make a grid of every combination (at most\n1,000,000 points). On a terminal, a sweep of one key also draws a chart of\nscore against the value.\n\nExamples:\n  senco-plan sweep examples/primary.toml --vary senco.teaching-hours=0..20:2.5\n  senco-plan sweep examples/primary.toml --vary deputy.hours=0,3,6.5,13 \\\n      --vary admin.hours=0..20:5 --format csv -o grid.csv"
    )]
    Sweep(SweepArgs),

    /// Find the cheapest mix of remedies that makes the role manageable.
    #[command(
        after_help = "The plan mixes: teaching hours moved to SENCO time, deputy hours, admin\nhours (all in half hours), lead TAs with hours each (distributed\nleadership, up to --max-lead-hours) and corporate responsibility. It finds\nthe cheapest mix on that grid that reaches the target, exactly, and shows\nwhat each remedy alone would take. Each plan's chance is the share of\nplausible values of the assumptions (--samples draws) in which it still\nreaches the target.\n\nExit codes: 0 a plan reaches the target; 1 none does within the budget;\n2 bad input.\n\nExamples:\n  senco-plan plan examples/primary.toml\n  senco-plan plan examples/primary.toml --target-band stretched --budget 20000\n  senco-plan plan examples/secondary.toml --keep-teaching 4 --frontier"
    )]
    Plan(PlanArgs),

    /// Show what the verdict turns on: each assumption's plausible range, one at a time.
    #[command(
        after_help = "Each ranged assumption (hours per review, per request, per pupil at SEN\nsupport, ...) is moved alone to the low and the high end of its range,\nevery other kept at the school's value; the rows are sorted by how far the\nscore swings. On a terminal a tornado chart follows. One sentence says\nwhether the band holds whichever single assumption is off.\n\nExamples:\n  senco-plan sensitivity examples/primary.toml\n  senco-plan sensitivity examples/special.toml --top 8\n  senco-plan sensitivity examples/secondary.toml --format csv -o tornado.csv"
    )]
    Sensitivity(SensitivityArgs),

    /// Project the school year by year and price a staged plan that stays at the target.
    #[command(
        after_help = "Pupils, SEN support and EHC plans grow at the profile's [growth] rates (by\ndefault national trends: EHC plans 11.4% a year, SEN support 4.2%, pupils\n0%). For each year: the score with today's staffing, and the cheapest plan\nthat reaches the target without cutting anything an earlier year added.\n--years is both how far ahead to look and the cost horizon.\n\nExit codes: 0 every year's plan reaches the target; 1 some year's does not;\n2 bad input.\n\nExamples:\n  senco-plan forecast examples/primary.toml\n  senco-plan forecast examples/secondary.toml --years 5 --format csv\n  senco-plan forecast examples/primary.toml --set growth.ehcp=0.05"
    )]
    Forecast(ForecastArgs),

    /// Turn a SENCO's time log into the school's own rates, beside the model's.
    #[command(
        after_help = "The log is a CSV with a header row: date (YYYY-MM-DD), task, minutes, and\noptionally who (senco, deputy, admin or lead-ta) and count (reviews held,\nrequests made). Any other column, such as a note, is not read. The tasks are\nthe model's (see the README), plus other-send and other.\n\nA log measures work done, not work needed: work left undone is not in it.\n\nExamples:\n  senco-plan audit --template -o log.csv\n  senco-plan audit log.csv --profile school.toml\n  senco-plan audit log.csv --profile school.toml --write\n  senco-plan audit log.csv --profile school.toml --write \\\n      --only ehcp-review-hours,ehc-request-hours"
    )]
    Audit(AuditArgs),

    /// Show every assumption and cost with its basis, and a school's full working.
    #[command(
        after_help = "Without a FILE: every default, its unit, whether it is a published figure\nor an assumption, and its source. With a FILE: that school's values (marked\nwhere they differ from the default) and the full working of its assessment.\n\nExamples:\n  senco-plan explain\n  senco-plan explain examples/primary.toml\n  senco-plan explain examples/primary.toml --format markdown -o working.md"
    )]
    Explain(ExplainArgs),

    /// Write the HTML report for governors: a summary page, then the working.
    #[command(
        after_help = "The page is self-contained (inline CSS and SVG, nothing fetched) and can\nbe emailed as it is. Printed on A4, its first page is the summary for\ngovernors; the working, the checks and the assumptions follow.\n\nExamples:\n  senco-plan report examples/primary.toml -o report.html\n  senco-plan report examples/primary.toml \\\n      --scenario-file scenarios/primary.toml -o report.html"
    )]
    Report(ReportArgs),

    /// Write a commented profile to fill in, with national averages for the phase.
    #[command(
        after_help = "Examples:\n  senco-plan init school.toml\n  senco-plan init --phase secondary riverside.toml\n  senco-plan init --phase special -"
    )]
    Init(InitArgs),

    /// Print the JSON Schema of a profile, for editor validation and autocompletion.
    #[command(
        after_help = "Editors with taplo (e.g. VS Code's Even Better TOML) read a first line\n`#:schema ./senco-plan.schema.json` in a profile; `init` writes both.\n\nExample:\n  senco-plan schema -o senco-plan.schema.json"
    )]
    Schema(SchemaArgs),

    /// Print shell completions (bash, zsh, fish, powershell, elvish).
    #[command(
        after_help = "Examples:\n  senco-plan completions bash \\\n      > ~/.local/share/bash-completion/completions/senco-plan\n  senco-plan completions zsh > ~/.zfunc/_senco-plan\n  senco-plan completions fish > ~/.config/fish/completions/senco-plan.fish"
    )]
    Completions(CompletionsArgs),

    /// Print the manual page (roff), or write one page a command with --dir.
    #[command(
        after_help = "Examples:\n  senco-plan man --dir ~/.local/share/man/man1 && man senco-plan-assess\n  senco-plan man > senco-plan.1"
    )]
    Man(ManArgs),

    /// Make a roster from public data.
    #[command(subcommand)]
    Roster(RosterCommand),

    /// Write N realistic random profiles and a roster of them (for benchmarks and tests).
    #[command(hide = true)]
    GenProfiles(GenArgs),

    /// Write a DfE-shaped school-level file of N made-up schools (for tests and benchmarks).
    #[command(hide = true)]
    GenDfe(GenDfeArgs),
}

#[derive(Debug, Subcommand)]
pub enum RosterCommand {
    /// Turn the DfE's school-level SEN file into a roster for `assess --roster`.
    #[command(
        after_help = "FILE is sen_school_level_underlying_data.csv from the DfE's \"Special\neducational needs in England\". Columns are found by name. A school whose\ncounts are suppressed (z, c, x, low or empty), or whose phase senco-plan\ndoes not model, is skipped and listed on standard error with its row, URN\nand reason. The SENCO's columns (senco.teaching-hours, senco.senco-hours)\nare left empty for the school or trust to fill before `assess --roster`.\n\nExit codes: 0 at least one school written; 1 none matched; 2 bad input.\n\nExamples:\n  senco-plan roster from-dfe sen_school_level_underlying_data.csv -o all.csv\n  senco-plan roster from-dfe FILE --la Leeds --la York -o trust.csv\n  senco-plan roster from-dfe FILE --urn 100001,100002 --phase secondary"
    )]
    FromDfe(FromDfeArgs),
}

#[derive(Debug, Args)]
pub struct FromDfeArgs {
    /// The DfE's school-level file (CSV). `-` reads standard input.
    #[arg(value_name = "FILE")]
    pub file: PathBuf,

    /// Only these schools, by URN (comma-separated).
    #[arg(long, value_name = "N", value_delimiter = ',')]
    pub urn: Vec<u32>,

    /// Only schools of this local authority (as the file names it, any case). Repeatable.
    #[arg(long, value_name = "NAME")]
    pub la: Vec<String>,

    /// Only schools of this phase.
    #[arg(long, value_enum, value_name = "PHASE")]
    pub phase: Option<PhaseArg>,

    /// Keep independent schools (their phase from their type, else from their roll).
    #[arg(long)]
    pub include_independent: bool,

    /// Fill the SENCO's time, teaching hours, contract and TAs with
    /// national figures by phase, each listed in the roster's `assumed`
    /// column (and so marked assumed in every assessment).
    #[arg(long, value_enum, value_name = "DEFAULTS")]
    pub senco_defaults: Option<SencoDefaults>,

    #[command(flatten)]
    pub to: OutputFile,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ByArg {
    /// Each local authority (`school.la`).
    La,
    /// Each phase.
    Phase,
}

impl From<ByArg> for senco_plan::batch::GroupBy {
    fn from(by: ByArg) -> Self {
        match by {
            ByArg::La => senco_plan::batch::GroupBy::La,
            ByArg::Phase => senco_plan::batch::GroupBy::Phase,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum SencoDefaults {
    /// The 2018 survey's typical allocations; teaching hours, contract and
    /// TAs per teacher as assumptions (SPEC section 11).
    National,
}

#[derive(Debug, Args)]
pub struct GenDfeArgs {
    /// How many schools.
    #[arg(long, default_value_t = 100)]
    pub count: usize,

    /// The random seed.
    #[arg(long, default_value_t = 1)]
    pub seed: u64,

    #[command(flatten)]
    pub to: OutputFile,
}

#[derive(Debug, Args)]
pub struct SchemaArgs {
    #[command(flatten)]
    pub to: OutputFile,
}

#[derive(Debug, Args)]
pub struct CompletionsArgs {
    /// The shell.
    pub shell: clap_complete::Shell,
}

#[derive(Debug, Args)]
pub struct ManArgs {
    /// Write senco-plan.1 and a page for every command (senco-plan-assess.1,
    /// ...) into this folder, instead of printing senco-plan.1.
    #[arg(long, value_name = "DIR")]
    pub dir: Option<PathBuf>,
}

#[derive(Debug, Args)]
pub struct SensitivityArgs {
    /// The school's profile. `-` reads standard input.
    #[arg(value_name = "FILE")]
    pub file: PathBuf,

    /// How many rows to show: plans cheapest first, or assumptions by how far the score swings.
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u32).range(1..=100))]
    pub top: Option<u32>,

    #[command(flatten)]
    pub profile: ProfileArgs,

    #[command(flatten)]
    pub out: OutputArgs,
}

#[derive(Debug, Args)]
pub struct ForecastArgs {
    /// The school's profile. `-` reads standard input.
    #[arg(value_name = "FILE")]
    pub file: PathBuf,

    /// The most the plan may cost, in pounds a year over the horizon
    /// (recurring costs plus one-off costs spread over --years).
    #[arg(long, value_name = "POUNDS", value_parser = parse_pounds)]
    pub budget: Option<f64>,

    #[command(flatten)]
    pub scenarios: ScenarioArgs,

    #[command(flatten)]
    pub sizing: SizingArgs,

    /// Taken only to be refused with a reason (hidden in `command()`): a
    /// forecast has no single-remedy rows to size.
    #[command(flatten)]
    pub rows: RowSizeArgs,

    #[command(flatten)]
    pub profile: ProfileArgs,

    #[command(flatten)]
    pub out: OutputArgs,
}

/// The command line as users see it: the derived definitions, with the
/// row-size flags hidden from `forecast`, which refuses them with a reason
/// rather than leave the parser to suggest a look-alike flag.
pub fn command() -> clap::Command {
    let rows = <RowSizeArgs as clap::Args>::augment_args(clap::Command::new("rows"));
    <Cli as clap::CommandFactory>::command().mut_subcommand("forecast", |forecast| {
        rows.get_arguments()
            .fold(forecast, |c, arg| c.mut_arg(arg.get_id(), |a| a.hide(true)))
    })
}

#[derive(Debug, Args)]
pub struct AuditArgs {
    /// The time log (CSV). `-` reads standard input.
    #[arg(value_name = "CSV", required_unless_present = "template")]
    pub log: Option<PathBuf>,

    /// Write a blank log to fill in: the header and two example rows.
    #[arg(long, conflicts_with_all = ["log", "school", "weeks", "write", "only"])]
    pub template: bool,

    /// The school's profile the log is read against. `-` reads standard input.
    #[arg(
        long = "profile",
        id = "school",
        value_name = "FILE",
        required_unless_present = "template"
    )]
    pub school: Option<PathBuf>,

    /// The weeks the log covers (default: the weeks with at least one entry).
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u32).range(1..=260))]
    pub weeks: Option<u32>,

    /// Write the rates into the profile's [assumptions], keeping its comments and layout.
    #[arg(long)]
    pub write: bool,

    /// Calibrate only these assumptions (comma-separated keys).
    #[arg(long, value_name = "KEYS", value_delimiter = ',')]
    pub only: Vec<String>,

    #[command(flatten)]
    pub profile: ProfileArgs,

    #[command(flatten)]
    pub out: OutputArgs,
}

#[derive(Debug, Args)]
pub struct ExplainArgs {
    /// A school's profile, to show its working. `-` reads standard input.
    #[arg(value_name = "FILE")]
    pub file: Option<PathBuf>,

    #[command(flatten)]
    pub profile: ProfileArgs,

    #[command(flatten)]
    pub out: OutputArgs,
}

#[derive(Debug, Args)]
pub struct ReportArgs {
    /// The school's profile. `-` reads standard input.
    #[arg(value_name = "FILE")]
    pub file: PathBuf,

    #[command(flatten)]
    pub scenarios: ScenarioArgs,

    /// A time log (CSV) to show against the model: see `senco-plan audit`.
    #[arg(long, value_name = "CSV")]
    pub audit: Option<PathBuf>,

    #[command(flatten)]
    pub draws: DrawArgs,

    /// The HTML file to write (standard output only when it is not a terminal).
    #[command(flatten)]
    pub to: OutputFile,

    #[command(flatten)]
    pub profile: ProfileArgs,

    #[command(flatten)]
    pub sizing: SizingArgs,

    #[command(flatten)]
    pub rows: RowSizeArgs,
}

#[derive(Debug, Args)]
pub struct InitArgs {
    /// The phase of education, for national averages.
    #[arg(long, value_enum, default_value_t = PhaseArg::Primary)]
    pub phase: PhaseArg,

    /// Where to write the profile (`-` for standard output).
    #[arg(value_name = "PATH", default_value = "school.toml")]
    pub path: PathBuf,

    /// Replace the file (and the schema beside it) if it exists.
    #[arg(long)]
    pub force: bool,

    /// Write no senco-plan.schema.json beside the profile, and no
    /// `#:schema` line pointing at one.
    #[arg(long)]
    pub no_schema: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum PhaseArg {
    Nursery,
    Primary,
    Middle,
    Secondary,
    AllThrough,
    Special,
    AlternativeProvision,
}

impl From<PhaseArg> for senco_plan::profile::Phase {
    fn from(p: PhaseArg) -> Self {
        use senco_plan::profile::Phase;
        match p {
            PhaseArg::Nursery => Phase::Nursery,
            PhaseArg::Primary => Phase::Primary,
            PhaseArg::Middle => Phase::Middle,
            PhaseArg::Secondary => Phase::Secondary,
            PhaseArg::AllThrough => Phase::AllThrough,
            PhaseArg::Special => Phase::Special,
            PhaseArg::AlternativeProvision => Phase::AlternativeProvision,
        }
    }
}

#[derive(Debug, Args)]
pub struct GenArgs {
    /// How many profiles.
    #[arg(long, default_value_t = 100)]
    pub count: usize,

    /// The folder to write them to (created if missing).
    #[arg(long, value_name = "DIR")]
    pub dir: PathBuf,

    /// Also write every profile as one CSV roster here.
    #[arg(long, value_name = "CSV")]
    pub roster: Option<PathBuf>,

    /// Seed for the random numbers, so that runs repeat.
    #[arg(long, default_value_t = 2026)]
    pub seed: u64,
}

/// `--sort` for many schools. The words mean the same in every command:
/// worst and best are by score, and `score` (hidden) keeps its old
/// meaning here, worst first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum BatchSort {
    /// Lowest score first (the default): the schools most in need on top.
    #[value(alias = "score")]
    Worst,
    /// Highest score first.
    Best,
    /// By name.
    Name,
    /// As read.
    Input,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum TargetBand {
    /// The manageable band's threshold (95 by default).
    Manageable,
    /// The stretched band's threshold (80 by default).
    Stretched,
}

#[derive(Debug, Args)]
pub struct PlanArgs {
    /// The school's profile. `-` reads standard input.
    #[arg(value_name = "FILE")]
    pub file: PathBuf,

    /// The most the plan may cost, in pounds a year over the horizon
    /// (recurring costs plus one-off costs spread over --years).
    #[arg(long, value_name = "POUNDS", value_parser = parse_pounds)]
    pub budget: Option<f64>,

    #[command(flatten)]
    pub sizing: SizingArgs,

    #[command(flatten)]
    pub rows: RowSizeArgs,

    /// How many rows to show: plans cheapest first, or assumptions by how far the score swings.
    #[arg(long, value_name = "N", default_value_t = 5, value_parser = clap::value_parser!(u32).range(1..=1000))]
    pub top: u32,

    /// Also show the cost-score trade-off: the cheapest plan for each reachable score.
    #[arg(long)]
    pub frontier: bool,

    /// Find the cheapest plans that reach the target in at least this
    /// share of plausible cases, not just on the central assumptions:
    /// 0.8 or 80% (between 0 and 1 exclusive).
    #[arg(long, value_name = "SHARE", value_parser = parse_share)]
    pub confidence: Option<f64>,

    #[command(flatten)]
    pub draws: DrawArgs,

    #[command(flatten)]
    pub profile: ProfileArgs,

    #[command(flatten)]
    pub out: OutputArgs,
}

/// The horizon costs are compared over, declared once for every command
/// that ranks by cost.
#[derive(Debug, Args)]
pub struct HorizonArgs {
    /// Years one-off costs (training) are spread over when costs are
    /// compared: a year's cost = recurring + one-off / YEARS (1-10; 3, a
    /// three-year budget forecast).
    #[arg(long, value_name = "YEARS", default_value_t = DEFAULT_YEARS, value_parser = clap::value_parser!(u32).range(1..=10))]
    pub years: u32,
}

/// How remedies are sized and bounded: the same flags and defaults for
/// `assess`'s options, `plan` and `report`.
#[derive(Debug, Args)]
#[command(next_help_heading = "Sizing remedies")]
pub struct SizingArgs {
    /// The score to size remedies for (0-100; default: the manageable band, 95).
    #[arg(long, value_name = "SCORE", value_parser = clap::value_parser!(u32).range(0..=100), conflicts_with = "target_band")]
    pub target: Option<u32>,

    /// Size remedies for a band instead of a score.
    #[arg(long, value_enum, value_name = "BAND")]
    pub target_band: Option<TargetBand>,

    /// Teaching hours the SENCO keeps, whatever the remedy.
    #[arg(long, value_name = "HOURS", default_value_t = 0.0, value_parser = parse_step)]
    pub keep_teaching: f64,

    /// The most deputy hours a week a remedy may add.
    #[arg(long, value_name = "HOURS", default_value_t = DEFAULT_MAX_HOURS, value_parser = parse_step)]
    pub max_deputy_hours: f64,

    /// The most admin hours a week a remedy may add.
    #[arg(long, value_name = "HOURS", default_value_t = DEFAULT_MAX_HOURS, value_parser = parse_step)]
    pub max_admin_hours: f64,

    /// The most management hours a week each lead TA may have.
    #[arg(long, value_name = "HOURS", default_value_t = DEFAULT_MAX_LEAD_HOURS, value_parser = parse_step)]
    pub max_lead_hours: f64,

    /// Leave corporate responsibility for SEND out.
    #[arg(long)]
    pub no_corporate: bool,

    #[command(flatten)]
    pub horizon: HorizonArgs,
}

/// How each remedy alone is sized for the option rows of `assess`, `plan`
/// and `report` (`forecast` sizes whole plans and takes none of these).
#[derive(Debug, Args)]
pub struct RowSizeArgs {
    /// fitted: each option is the smallest amount that reaches the best
    /// score it can (the default); fixed: the fixed steps (5 h less
    /// teaching, a 6.5 h deputy, 10 h admin, a lead TA per 6 TAs with 2 h).
    #[arg(long, value_enum, value_name = "HOW", default_value_t = SizesArg::Fitted)]
    pub sizes: SizesArg,

    /// Price this many hours moved from teaching to SENCO time, instead of fitting it.
    #[arg(long, value_name = "HOURS", value_parser = parse_step)]
    pub fewer_teaching_hours: Option<f64>,

    /// Price a deputy of this many hours a week, instead of fitting it.
    #[arg(long, value_name = "HOURS", value_parser = parse_step)]
    pub deputy_hours: Option<f64>,

    /// Price this many admin hours a week, instead of fitting them.
    #[arg(long, value_name = "HOURS", value_parser = parse_step)]
    pub admin_hours: Option<f64>,
}

impl RowSizeArgs {
    /// The flags given, as written.
    pub fn flags_given(&self) -> Vec<&'static str> {
        [
            (self.sizes == SizesArg::Fixed, "--sizes fixed"),
            (
                self.fewer_teaching_hours.is_some(),
                "--fewer-teaching-hours",
            ),
            (self.deputy_hours.is_some(), "--deputy-hours"),
            (self.admin_hours.is_some(), "--admin-hours"),
        ]
        .into_iter()
        .filter(|(given, _)| *given)
        .map(|(_, flag)| flag)
        .collect()
    }

    pub fn sizing(&self) -> Sizing {
        Sizing {
            fixed: self.sizes == SizesArg::Fixed,
            fewer_teaching_hours: self.fewer_teaching_hours,
            deputy_hours: self.deputy_hours,
            admin_hours: self.admin_hours,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum SizesArg {
    /// The smallest amount that reaches the best score the remedy can.
    Fitted,
    /// Fixed steps: 5 h less teaching, a 6.5 h deputy, 10 h admin, a lead TA per 6 TAs with 2 h.
    Fixed,
}

impl SizingArgs {
    /// The plan engine's settings for one profile: the target follows the
    /// profile's own band thresholds.
    pub fn settings(&self, profile: &Profile, budget: Option<f64>) -> PlanSettings {
        let bands = &profile.assumptions;
        let target = match (self.target, self.target_band) {
            (Some(score), _) => score,
            (None, Some(TargetBand::Stretched)) => bands.band_stretched.ceil() as u32,
            (None, _) => bands.band_manageable.ceil() as u32,
        };
        PlanSettings {
            target,
            budget,
            keep_teaching: self.keep_teaching,
            max_deputy_hours: self.max_deputy_hours,
            max_admin_hours: self.max_admin_hours,
            max_lead_hours: self.max_lead_hours,
            allow_corporate: !self.no_corporate,
            years: self.horizon.years,
            ..PlanSettings::default()
        }
    }
}

/// `--sort` for scenarios: the same words as for many schools, and
/// `score` (hidden) keeps its old meaning here, best first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum CompareSort {
    /// As read (the default).
    Input,
    /// Highest score first.
    #[value(alias = "score")]
    Best,
    /// Lowest score first.
    Worst,
    /// Cheapest first.
    Cost,
    /// By name.
    Name,
}

/// Where to write: the same `-o` for every command that writes.
#[derive(Debug, Args)]
pub struct OutputFile {
    /// Write to this file instead of standard output (`-` is standard output).
    /// The file is replaced whole, never half-written.
    #[arg(short, long, value_name = "PATH")]
    pub output: Option<PathBuf>,
}

/// How to write the result.
#[derive(Debug, Args)]
pub struct OutputArgs {
    /// Output format.
    #[arg(short, long, value_enum, value_name = "FORMAT", default_value_t = FormatArg::Table)]
    pub format: FormatArg,

    #[command(flatten)]
    pub to: OutputFile,

    /// Colour the bands in tables: auto (on a terminal, unless NO_COLOR is set), always or never.
    #[arg(long, value_enum, value_name = "WHEN", default_value_t = ColorArg::Auto)]
    pub color: ColorArg,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorArg {
    Auto,
    Always,
    Never,
}

/// How sure the answer is (SPEC section 8): every ranged assumption drawn
/// at once, many times. On for one school; `--uncertainty` for many.
#[derive(Debug, Args)]
#[command(next_help_heading = "How sure")]
pub struct UncertaintyArgs {
    /// Add the score's plausible range (10th-90th percentile) to every row:
    /// each school of a batch, scenario or sweep point (one school assessed
    /// alone always has it).
    #[arg(long)]
    pub uncertainty: bool,

    #[command(flatten)]
    pub draws: DrawArgs,
}

/// The draws of the assumptions, for every command that shows a range.
#[derive(Debug, Args)]
pub struct DrawArgs {
    /// How many draws of the assumptions (1-100000).
    #[arg(long, value_name = "N", default_value_t = senco_plan::uncertainty::DEFAULT_SAMPLES, value_parser = clap::value_parser!(u32).range(1..=100_000))]
    pub samples: u32,

    /// The random seed: the same seed gives the same answer on every machine.
    #[arg(long, value_name = "N", default_value_t = senco_plan::uncertainty::DEFAULT_SEED)]
    pub seed: u64,
}

impl DrawArgs {
    pub fn draws(&self) -> senco_plan::uncertainty::Draws {
        senco_plan::uncertainty::Draws::new(self.samples, self.seed)
    }
}

/// Exit with code 1 when a score is below a threshold.
#[derive(Debug, Args)]
pub struct FailUnder {
    /// Exit with code 1 when any score is below SCORE (0-100); the output is still written.
    #[arg(long, value_name = "SCORE", value_parser = clap::value_parser!(u32).range(0..=100))]
    pub fail_under: Option<u32>,
}

/// How to read the profiles.
#[derive(Debug, Args)]
pub struct ProfileArgs {
    /// Change a profile value before validation, e.g. `senco.teaching-hours=10`
    /// or `deputy.hours=6.5` (a missing table is created). Repeatable.
    #[arg(long = "set", value_name = "KEY=VALUE")]
    pub set: Vec<String>,

    /// The date to check the qualification deadline against (YYYY-MM-DD; default today).
    #[arg(long, value_name = "DATE", value_parser = parse_date)]
    pub as_of: Option<NaiveDate>,
}

/// Scenarios: changes to the baseline profile, given on the command line
/// or in a file. The same flags for `compare` and `report`.
#[derive(Debug, Args)]
#[command(next_help_heading = "Scenarios")]
pub struct ScenarioArgs {
    /// A scenario: 'NAME: KEY=VALUE, KEY=VALUE', applied to the baseline. Repeatable.
    #[arg(long, value_name = "NAME: KEY=VALUE, ...")]
    pub scenario: Vec<String>,

    /// A TOML file of [[scenario]] tables, each with a name and a `set`
    /// table. `-` reads standard input.
    #[arg(long, value_name = "FILE", alias = "scenarios")]
    pub scenario_file: Option<PathBuf>,
}

#[derive(Debug, Args)]
pub struct CompareArgs {
    /// The baseline profile, then any other profiles to compare with it. `-` reads standard input.
    #[arg(required = true, value_name = "FILE")]
    pub files: Vec<PathBuf>,

    #[command(flatten)]
    pub scenarios: ScenarioArgs,

    /// Order of the scenarios after the baseline.
    #[arg(long, value_enum, value_name = "ORDER", default_value_t = CompareSort::Input)]
    pub sort: CompareSort,

    #[command(flatten)]
    pub horizon: HorizonArgs,

    #[command(flatten)]
    pub profile: ProfileArgs,

    #[command(flatten)]
    pub out: OutputArgs,

    #[command(flatten)]
    pub check: FailUnder,

    #[command(flatten)]
    pub spread: UncertaintyArgs,
}

#[derive(Debug, Args)]
pub struct SweepArgs {
    /// The profile to vary. `-` reads standard input.
    #[arg(value_name = "FILE")]
    pub file: PathBuf,

    /// A key and its values: KEY=START..END[:STEP] or KEY=A,B,C. Repeatable: several make a grid.
    #[arg(long, required = true, value_name = "KEY=VALUES")]
    pub vary: Vec<String>,

    #[command(flatten)]
    pub profile: ProfileArgs,

    #[command(flatten)]
    pub out: OutputArgs,

    #[command(flatten)]
    pub check: FailUnder,

    #[command(flatten)]
    pub spread: UncertaintyArgs,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum FormatArg {
    /// Tables for reading in a terminal.
    Table,
    /// One JSON object (an array for several schools), for scripts.
    Json,
    /// One JSON object a line.
    Ndjson,
    /// A row each (school, scenario, point or plan), for spreadsheets.
    Csv,
    /// Markdown tables, for papers to governors.
    Markdown,
}

impl From<FormatArg> for Format {
    fn from(arg: FormatArg) -> Format {
        match arg {
            FormatArg::Table => Format::Table,
            FormatArg::Json => Format::Json,
            FormatArg::Ndjson => Format::Ndjson,
            FormatArg::Csv => Format::Csv,
            FormatArg::Markdown => Format::Markdown,
        }
    }
}

#[derive(Debug, Args)]
pub struct AssessArgs {
    /// School profiles (TOML), or folders searched for *.toml. `-` reads one from standard input.
    #[arg(value_name = "FILE", required_unless_present = "roster")]
    pub files: Vec<PathBuf>,

    /// A CSV roster: one school a row, headed by dotted profile keys
    /// (school.name,school.phase,school.pupils,...). Repeatable; `-` reads
    /// it from standard input.
    #[arg(long, value_name = "CSV", help_heading = "Many schools")]
    pub roster: Vec<PathBuf>,

    /// Stop at the first input that cannot be assessed.
    #[arg(long, conflicts_with = "keep_going", help_heading = "Many schools")]
    pub fail_fast: bool,

    /// Report inputs that cannot be assessed and go on with the rest (the default).
    #[arg(long, help_heading = "Many schools")]
    pub keep_going: bool,

    /// Order of the schools in the table of many.
    #[arg(long, value_enum, value_name = "ORDER", default_value_t = BatchSort::Worst, help_heading = "Many schools")]
    pub sort: BatchSort,

    /// Print the headline figures of the batch only.
    #[arg(long, help_heading = "Many schools")]
    pub summary_only: bool,

    #[command(flatten)]
    pub profile: ProfileArgs,

    #[command(flatten)]
    pub out: OutputArgs,

    #[command(flatten)]
    pub check: FailUnder,

    #[command(flatten)]
    pub sizing: SizingArgs,

    #[command(flatten)]
    pub rows: RowSizeArgs,

    #[command(flatten)]
    pub spread: UncertaintyArgs,

    /// Add a summary for each local authority or each phase (with the
    /// overall summary: the terminal table, and `--summary-only` in every
    /// format).
    #[arg(long, value_enum, value_name = "GROUP")]
    pub by: Option<ByArg>,

    /// With each school, its forecast over YEARS years (1-10) as SEND
    /// numbers grow: the year its band first gets worse and what a staged
    /// plan costs to stay at the target (see `forecast`).
    #[arg(long, value_name = "YEARS", value_parser = clap::value_parser!(u32).range(1..=10))]
    pub forecast: Option<u32>,
}

fn parse_date(text: &str) -> Result<NaiveDate, String> {
    NaiveDate::parse_from_str(text, "%Y-%m-%d")
        .map_err(|_| format!("`{text}` is not a date: write it as YYYY-MM-DD, e.g. 2026-09-01"))
}

fn parse_pounds(text: &str) -> Result<f64, String> {
    let cleaned: String = text
        .chars()
        .filter(|c| !matches!(c, ',' | '£' | '_'))
        .collect();
    match cleaned.parse::<f64>() {
        Ok(pounds) if pounds.is_finite() && pounds >= 0.0 => Ok(pounds),
        _ => Err(format!("`{text}` is not an amount of pounds, e.g. 20000")),
    }
}

/// A share strictly between 0 and 1, as a decimal or a percentage.
fn parse_share(text: &str) -> Result<f64, String> {
    let trimmed = text.trim();
    let share = match trimmed.strip_suffix('%') {
        Some(percent) => percent.trim().parse::<f64>().map(|p| p / 100.0),
        None => trimmed.parse::<f64>(),
    };
    match share {
        Ok(share) if share > 0.0 && share < 1.0 => Ok(share),
        _ => Err(format!(
            "`{text}` is not a share between 0 and 1: write e.g. 0.8 or 80%"
        )),
    }
}

fn parse_step(text: &str) -> Result<f64, String> {
    match text.parse::<f64>() {
        Ok(hours) if hours.is_finite() && (0.0..=60.0).contains(&hours) => Ok(hours),
        _ => Err(format!("`{text}` is not a number of hours from 0 to 60")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;
    use std::collections::BTreeMap;

    /// The placeholders options may use: one word for one kind of value.
    const PLACEHOLDERS: &[&str] = &[
        "FILE",
        "PATH",
        "DIR",
        "CSV",
        "HOURS",
        "SCORE",
        "POUNDS",
        "YEARS",
        "N",
        "DATE",
        "BAND",
        "HOW",
        "KEY=VALUE",
        "KEY=VALUES",
        "NAME: KEY=VALUE, ...",
        "FORMAT",
        "WHEN",
        "ORDER",
        "PHASE",
        "SHELL",
        "SHARE",
        "KEYS",
        "NAME",
        "DEFAULTS",
        "GROUP",
    ];

    /// The words `--sort` takes, in every command, and what each means.
    const SORT_WORDS: &[&str] = &["input", "best", "worst", "cost", "name"];

    /// One vocabulary across commands (issue 12): a flag that several
    /// commands take has one placeholder and one help text everywhere;
    /// placeholders come from one list; `--sort` uses the same words; no
    /// example in the help is wider than an 80-column terminal.
    #[test]
    fn every_command_speaks_one_vocabulary() {
        let top = Cli::command();
        let mut seen: BTreeMap<String, (String, String, String)> = BTreeMap::new();
        let mut problems = Vec::new();
        for sub in top.get_subcommands().filter(|s| !s.is_hide_set()) {
            let name = sub.get_name();
            for arg in sub.get_arguments() {
                let Some(long) = arg.get_long() else { continue };
                if !arg.get_action().takes_values() {
                    continue;
                }
                let placeholder = arg
                    .get_value_names()
                    .map(|v| {
                        v.iter()
                            .map(|n| n.to_string())
                            .collect::<Vec<_>>()
                            .join(" ")
                    })
                    .unwrap_or_default();
                let help = arg.get_help().map(|h| h.to_string()).unwrap_or_default();
                if !placeholder.is_empty() && !PLACEHOLDERS.contains(&placeholder.as_str()) {
                    problems.push(format!("{name} --{long}: placeholder <{placeholder}>"));
                }
                if long == "sort" {
                    for value in arg.get_possible_values() {
                        if !SORT_WORDS.contains(&value.get_name()) {
                            problems.push(format!("{name} --sort {}", value.get_name()));
                        }
                    }
                }
                match seen.get(long) {
                    Some((first, p, h)) if long != "sort" && (p != &placeholder || h != &help) => {
                        problems.push(format!(
                            "--{long}: `{first}` says <{p}> \"{h}\", `{name}` says <{placeholder}> \"{help}\""
                        ));
                    }
                    Some(_) => {}
                    None => {
                        seen.insert(long.to_string(), (name.to_string(), placeholder, help));
                    }
                }
            }
            let after = sub
                .get_after_help()
                .map(|h| h.to_string())
                .unwrap_or_default();
            for line in after.lines().filter(|l| l.chars().count() > 80) {
                problems.push(format!("{name}: help line over 80 columns: {line}"));
            }
        }
        let top_help = top
            .get_after_help()
            .map(|h| h.to_string())
            .unwrap_or_default();
        for line in top_help.lines().filter(|l| l.chars().count() > 80) {
            problems.push(format!("help line over 80 columns: {line}"));
        }
        assert!(problems.is_empty(), "{}", problems.join("\n"));
    }

    /// Scripts written against earlier versions keep working: renamed
    /// flags and words stay as hidden aliases with their old meaning.
    #[test]
    fn old_spellings_still_parse() {
        let parse = |args: &[&str]| Cli::try_parse_from(args).map(|c| c.command);
        let Ok(Command::Compare(c)) = parse(&[
            "senco-plan",
            "compare",
            "a.toml",
            "--scenarios",
            "s.toml",
            "--sort",
            "score",
        ]) else {
            panic!("compare --scenarios and --sort score");
        };
        assert_eq!(c.scenarios.scenario_file, Some(PathBuf::from("s.toml")));
        assert_eq!(c.sort, CompareSort::Best);
        let Ok(Command::Assess(a)) = parse(&["senco-plan", "assess", "a.toml", "--sort", "score"])
        else {
            panic!("assess --sort score");
        };
        assert_eq!(a.sort, BatchSort::Worst);
        let Ok(Command::Report(r)) =
            parse(&["senco-plan", "report", "a.toml", "--scenarios", "s.toml"])
        else {
            panic!("report --scenarios");
        };
        assert_eq!(r.scenarios.scenario_file, Some(PathBuf::from("s.toml")));
    }
}
