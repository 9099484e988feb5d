//! Reading and validating a profile: every problem in one pass, each with
//! its key, line and column, and what to write instead.

use super::position::LineIndex;
use super::problem::MAX_PROBLEMS;
use super::tree::{self, Entry, Node, Origin, Override, Table, Value};
use super::{
    Admin, Award, Deputy, Leadership, Phase, Problem, Profile, ProfileError, School, Senco,
    Structure, Tas, WholeSchool,
};
use crate::params::{ASSUMPTIONS, Assumptions, COSTS, Costs, GROWTH, Growth, Param};
use crate::safe_text::{escape_controls, has_control};
use chrono::NaiveDate;

/// Profiles are a page of counts; anything larger is a mistake, and reading
/// it whole would only waste memory.
pub const MAX_PROFILE_BYTES: usize = 1024 * 1024;

/// The most hours a week any one value may hold (SPEC section 1).
pub(super) const MAX_WEEKLY_HOURS: f64 = 60.0;
/// Larger than any school in England (the largest have about 4,000 pupils).
pub(crate) const MAX_PUPILS: u32 = 10_000;
pub(super) const MAX_STAFF: u32 = 2_000;
/// Longer than any school's or authority's name (the longest in England's
/// register are under 100 characters): a longer one is a paste gone wrong,
/// and would push the governors' summary off its page.
const MAX_NAME_CHARS: usize = 120;
/// DfE unique reference numbers have six digits.
pub(super) const MAX_URN: u32 = 999_999;
/// The smallest contract a SENCO can hold the role on (SPEC section 1):
/// 0.05 of 32.5 hours is about 1.6 hours a week.
pub(super) const MIN_CONTRACT_FTE: f64 = 0.05;

pub(crate) const TABLES: &[&str] = &[
    "school",
    "senco",
    "deputy",
    "admin",
    "tas",
    "whole-school",
    "assumptions",
    "costs",
    "ranges",
    "growth",
];
pub(crate) const SCHOOL_KEYS: &[&str] = &[
    "name",
    "phase",
    "pupils",
    "sen-support",
    "ehcp",
    "ehc-requests-per-year",
    "teachers",
    "weeks-per-year",
    "urn",
    "la",
];
pub(crate) const SENCO_KEYS: &[&str] = &[
    "contract-fte",
    "teaching-hours",
    "senco-hours",
    "other-duties-hours",
    "leadership",
    "qualified-teacher",
    "award",
    "appointed",
    "headteacher-support",
    "strategic-vision",
    "influences-colleagues",
];
pub(crate) const HOURS_KEYS: &[&str] = &["hours"];
/// The keys no default can stand in for (SPEC section 1).
pub const REQUIRED: &[&str] = &[
    "school.name",
    "school.phase",
    "school.pupils",
    "school.sen-support",
    "school.ehcp",
    "senco.teaching-hours",
    "senco.senco-hours",
];
pub(crate) const TAS_KEYS: &[&str] = &["count", "structure", "lead-tas", "lead-hours"];
pub(crate) const WHOLE_SCHOOL_KEYS: &[&str] = &["corporate-responsibility"];

/// A profile's TOML, parsed but not yet validated: the base that `--set`
/// edits, scenarios and sweep points are applied to, parsed once.
#[derive(Debug, Clone)]
pub struct Draft {
    file: String,
    text: String,
    root: Table,
    /// Built from a roster row's cells rather than a TOML file: messages
    /// then speak of columns and cells.
    roster: bool,
}

impl Draft {
    /// Parses TOML text; `file` names the input in messages.
    pub fn parse(file: &str, text: &str) -> Result<Draft, ProfileError> {
        let fail = |message: String, hint: &str, at: Option<(usize, usize)>| ProfileError {
            problems: vec![Problem::new(file, message).hint(hint).at(at)],
        };
        if text.len() > MAX_PROFILE_BYTES {
            return Err(fail(
                format!(
                    "the file is {} bytes; a profile is at most 1 MiB",
                    text.len()
                ),
                "check that this is a senco-plan profile; `senco-plan assess examples/primary.toml` shows what one looks like",
                None,
            ));
        }
        let text = text.strip_prefix('\u{feff}').unwrap_or(text);
        if text.trim().is_empty() {
            return Err(fail(
                "the file is empty".to_string(),
                "a profile needs at least a [school] and a [senco] table; copy one from examples/",
                None,
            ));
        }
        let root = match toml::de::DeTable::parse(text) {
            Ok(document) => tree::from_document(document.get_ref()),
            Err(_) => return Err(unreadable(file, text)),
        };
        Ok(Draft {
            file: file.to_string(),
            text: text.to_string(),
            root,
            roster: false,
        })
    }

    /// A profile with nothing in it yet, to be built entirely from a
    /// roster row's cells.
    pub fn roster_row(file: &str) -> Draft {
        Draft {
            file: file.to_string(),
            text: String::new(),
            root: Table::new(),
            roster: true,
        }
    }

    /// The name of the input, as messages show it.
    pub fn file(&self) -> &str {
        &self.file
    }

    /// Applies edits to a copy of the parsed TOML and validates the result.
    pub fn build(&self, overrides: &[Override]) -> Result<Profile, ProfileError> {
        // Most profiles are read once, unedited: no copy then.
        let edited;
        let root = if overrides.is_empty() {
            &self.root
        } else {
            let mut root = self.root.clone();
            for edit in overrides {
                edit.apply(&mut root);
            }
            edited = root;
            &edited
        };
        let mut reader = Reader {
            file: &self.file,
            problems: Vec::new(),
            dropped: 0,
            roster: self.roster,
            moved: Vec::new(),
            read_as: Vec::new(),
        };
        let profile = reader.profile(root);
        match profile {
            Some(profile) if reader.problems.is_empty() => Ok(profile),
            _ => Err(ProfileError {
                problems: first_problems(&self.file, &self.text, reader.problems, reader.dropped),
            }),
        }
    }
}

/// Everything wrong with a file TOML cannot read, in one report: the lines
/// typed as in a form, each named by its key (`syntax`); then, with those
/// lines blanked (to spaces, so every other line keeps its place), what
/// TOML or validation finds in the rest, less what is about the same keys.
fn unreadable(file: &str, text: &str) -> ProfileError {
    let mut found = super::syntax::diagnose(file, text);
    let index = LineIndex::new(text);
    let bad_lines: std::collections::HashSet<usize> = found
        .iter()
        .filter_map(|(_, offset)| offset.map(|o| index.position(o).0))
        .collect();
    let named: std::collections::HashSet<String> =
        found.iter().filter_map(|(p, _)| p.key.clone()).collect();
    let rest: String = text
        .split_inclusive('\n')
        .enumerate()
        .map(|(i, line)| {
            if bad_lines.contains(&(i + 1)) {
                let body = line.trim_end_matches(['\n', '\r']);
                format!("{}{}", " ".repeat(body.len()), &line[body.len()..])
            } else {
                line.to_string()
            }
        })
        .collect();
    let mut dropped = 0;
    match toml::de::DeTable::parse(&rest) {
        Ok(document) => {
            let mut reader = Reader {
                file,
                problems: Vec::new(),
                dropped: 0,
                roster: false,
                moved: Vec::new(),
                read_as: Vec::new(),
            };
            let root = tree::from_document(document.get_ref());
            reader.profile(&root);
            dropped = reader.dropped;
            // A key whose line was blanked is not also "missing".
            found.extend(
                reader
                    .problems
                    .into_iter()
                    .filter(|(p, _)| p.key.as_ref().is_none_or(|k| !named.contains(k))),
            );
        }
        Err(err) => found.push((
            Problem::new(
                file,
                format!("this is not valid TOML: {}", err.message().trim_end()),
            )
            .hint("fix the syntax here: keys look like `pupils = 420`, text is in quotes (\"primary\"), tables like [senco]"),
            err.span().map(|span| span.start),
        )),
    }
    ProfileError {
        problems: first_problems(file, text, found, dropped),
    }
}

/// Reads a profile from TOML text, applies `--set` edits, and validates it.
pub fn parse_profile(
    file: &str,
    text: &str,
    overrides: &[Override],
) -> Result<Profile, ProfileError> {
    Draft::parse(file, text)?.build(overrides)
}

/// The optional keys (and tables) a profile may leave out, whose defaults
/// the output lists as "assumed" so the reader knows what to check (SPEC
/// section 1). A table alone (`deputy`) stands for the whole table.
const DEFAULTABLE: &[(&str, Option<&str>, &str)] = &[
    (
        "school",
        Some("ehc-requests-per-year"),
        "school.ehc-requests-per-year",
    ),
    ("school", Some("teachers"), "school.teachers"),
    ("school", Some("weeks-per-year"), "school.weeks-per-year"),
    ("senco", Some("contract-fte"), "senco.contract-fte"),
    (
        "senco",
        Some("other-duties-hours"),
        "senco.other-duties-hours",
    ),
    ("senco", Some("leadership"), "senco.leadership"),
    (
        "senco",
        Some("qualified-teacher"),
        "senco.qualified-teacher",
    ),
    ("senco", Some("award"), "senco.award"),
    ("senco", Some("appointed"), "senco.appointed"),
    ("deputy", None, "deputy"),
    ("admin", None, "admin"),
    ("tas", None, "tas"),
    (
        "whole-school",
        Some("corporate-responsibility"),
        "whole-school.corporate-responsibility",
    ),
];

/// The defaultable keys the profile (after `--set` edits) leaves out.
/// Keys a roster's `assumed` column may mark as filled by a default (SPEC
/// section 11): those a profile may leave out, and those `roster from-dfe
/// --senco-defaults national` fills.
pub(crate) fn markable_key(key: &str) -> Option<&'static str> {
    const NATIONAL: [&str; 5] = [
        "senco.senco-hours",
        "senco.teaching-hours",
        "senco.contract-fte",
        "tas.count",
        "tas.structure",
    ];
    DEFAULTABLE
        .iter()
        .map(|(_, _, dotted)| *dotted)
        .chain(NATIONAL)
        .find(|k| *k == key)
}

fn defaulted(root: &Table) -> Vec<&'static str> {
    DEFAULTABLE
        .iter()
        .filter(|(table, key, _)| {
            let present = root.get(*table).is_some_and(|entry| match key {
                None => true,
                Some(key) => {
                    matches!(&entry.node.value, Value::Table(t) if t.contains_key(*key))
                }
            });
            !present
        })
        .map(|(_, _, dotted)| *dotted)
        .collect()
}

/// A table of the profile as read, with where it came from.
struct Section<'t> {
    name: &'static str,
    table: &'t Table,
    origin: &'t Origin,
}

/// A problem found, and the byte offset it was found at in the file (none
/// for a `--set` edit or a missing table); lines and columns are worked
/// out only for the problems shown.
pub(crate) type Found = (Problem, Option<usize>);

/// The problems to show: file order first (by offset), then edits in the
/// order given; at most [`MAX_PROBLEMS`], then one saying how many more.
pub(crate) fn first_problems(
    file: &str,
    text: &str,
    mut found: Vec<Found>,
    dropped: usize,
) -> Vec<Problem> {
    found.sort_by_key(|(p, offset)| (p.via.is_some(), *offset));
    let more = found.len().saturating_sub(MAX_PROBLEMS) + dropped;
    found.truncate(MAX_PROBLEMS);
    let index = LineIndex::new(text);
    let mut problems: Vec<Problem> = found
        .into_iter()
        .map(|(mut problem, offset)| {
            if let Some(offset) = offset {
                let (line, column) = index.position(offset);
                problem.line = Some(line);
                problem.column = Some(column);
            }
            problem
        })
        .collect();
    if more > 0 {
        problems.push(Problem::and_more(file, more));
    }
    problems
}

struct Reader<'a> {
    file: &'a str,
    problems: Vec<Found>,
    /// Problems found but already known not to be among the first shown:
    /// counted only, so that a file of 100,000 mistakes stays small.
    dropped: usize,
    /// Reading a roster row: hints speak of cells, not TOML lines.
    roster: bool,
    /// Keys already reported as under a missing table's header (and those
    /// tables), not to be reported again.
    moved: Vec<String>,
    /// Values read in another sense than written, for the warnings.
    read_as: Vec<String>,
}

impl Reader<'_> {
    /// How to write `example` for `key`: a TOML line, or a roster cell.
    fn eg(&self, key: &str, example: &str) -> String {
        if self.roster {
            format!("`{}` in the cell", example.trim_matches('"'))
        } else {
            format!("`{key} = {example}`")
        }
    }

    fn report(&mut self, key: Option<String>, origin: &Origin, message: String, hint: String) {
        let offset = match origin {
            Origin::File(span) => Some(span.start),
            _ => None,
        };
        let via = match origin {
            Origin::Set(label) => Some(label.clone()),
            _ => None,
        };
        // A value from `--set` is fixed on the command line, not in a file.
        let hint = match (origin, &key) {
            (Origin::Set(label), Some(dotted)) if label.starts_with("--set") => {
                let short = dotted.rsplit('.').next().unwrap_or(dotted);
                hint.replace(&format!("`{short} = "), &format!("`--set {dotted}="))
                    .replace(" (without quotes)", "")
            }
            _ => hint,
        };
        let mut problem = Problem::new(self.file, message).hint(hint).via(via);
        problem.key = key;
        self.problems.push((problem, offset));
        if self.problems.len() >= 4 * MAX_PROBLEMS {
            self.problems
                .sort_by_key(|(p, offset)| (p.via.is_some(), *offset));
            self.dropped += self.problems.len() - MAX_PROBLEMS;
            self.problems.truncate(MAX_PROBLEMS);
        }
    }

    fn profile(&mut self, root: &Table) -> Option<Profile> {
        self.misplaced_keys(root);
        for (name, entry) in root {
            if !TABLES.contains(&name.as_str()) && !self.moved.contains(name) {
                let hint = unknown_key_hint(name, TABLES, "tables");
                self.report(
                    Some(name.clone()),
                    &entry.key_origin,
                    format!("unknown table or key `{name}`"),
                    hint,
                );
            }
        }
        let school = self.required_section(root, "school", "[school]\nname = \"Oakfield Primary\"");
        let senco = self.required_section(root, "senco", "[senco]\nteaching-hours = 12.5");
        let school = school.and_then(|s| self.school(&s));
        let senco = senco.and_then(|s| self.senco(&s));
        // There is a deputy only when `deputy.hours` > 0 (SPEC section 1).
        let deputy = self
            .optional_section(root, "deputy")
            .map(|s| {
                let hours = self
                    .required(&s, "hours", "6.5")
                    .and_then(|n| self.hours(&s, "hours", n));
                self.finish(&s, HOURS_KEYS);
                Deputy {
                    hours: hours.unwrap_or(0.0),
                }
            })
            .filter(|d| d.hours > 0.0);
        let admin = self.optional_section(root, "admin").map(|s| {
            let hours = self
                .required(&s, "hours", "10")
                .and_then(|n| self.hours(&s, "hours", n));
            self.finish(&s, HOURS_KEYS);
            Admin {
                hours: hours.unwrap_or(0.0),
            }
        });
        let tas = self
            .optional_section(root, "tas")
            .and_then(|s| self.tas(&s));
        let whole_school = match self.optional_section(root, "whole-school") {
            Some(s) => {
                let corporate = self
                    .optional(&s, "corporate-responsibility")
                    .and_then(|n| self.boolean(&s, "corporate-responsibility", n));
                self.finish(&s, WHOLE_SCHOOL_KEYS);
                WholeSchool {
                    corporate_responsibility: corporate.unwrap_or(false),
                }
            }
            None => WholeSchool::default(),
        };
        let assumptions = self.params(root, "assumptions", ASSUMPTIONS, Assumptions::default());
        let costs = self.params(root, "costs", COSTS, Costs::default());
        let growth = self.params(root, "growth", GROWTH, Growth::default());
        let ranges = self.ranges(root, &assumptions);
        self.check_bands(root, &assumptions);

        self.cross_checks(root, school.as_ref(), tas.as_ref());
        Some(Profile {
            assumed: defaulted(root),
            read_as: std::mem::take(&mut self.read_as),
            ranges,
            school: school?,
            senco: senco?,
            deputy,
            admin,
            tas,
            whole_school,
            assumptions,
            costs,
            growth,
        })
    }

    /// Keys written under the wrong table because a table's header line
    /// is missing (`teaching-hours` under [school] when there is no
    /// [senco]): said once per missing table, at its first key, instead of
    /// once per key as unknown.
    fn misplaced_keys(&mut self, root: &Table) {
        let missing: Vec<(&str, &[&str])> = super::known_keys()
            .into_iter()
            .filter(|(table, _)| !root.contains_key(*table))
            .collect();
        // A key of two missing tables (`hours`: [deputy] or [admin]) says
        // nothing certain; it is left to the unknown-key message.
        let home_of = |key: &str| {
            let mut homes = missing.iter().filter(|(_, keys)| keys.contains(&key));
            match (homes.next(), homes.next()) {
                (Some((table, _)), None) => Some(*table),
                _ => None,
            }
        };
        // Where each stray key was read: a table present, or the top of
        // the file (before any table line).
        let mut stray: Vec<(&str, &str, &str, &Origin)> = Vec::new();
        for (name, entry) in root {
            match &entry.node.value {
                Value::Table(found) => {
                    let own = super::known_keys()
                        .into_iter()
                        .find(|(table, _)| table == name)
                        .map_or(&[][..], |(_, keys)| keys);
                    for (key, inner) in found {
                        if let Some(table) = home_of(key).filter(|_| !own.contains(&key.as_str())) {
                            stray.push((table, name, key, &inner.key_origin));
                        }
                    }
                }
                _ => {
                    if let Some(table) = home_of(name) {
                        stray.push((table, "", name, &entry.key_origin));
                    }
                }
            }
        }
        stray.sort_by_key(|(_, _, _, origin)| match origin {
            Origin::File(span) => span.start,
            _ => usize::MAX,
        });
        for (table, _) in &missing {
            let here: Vec<_> = stray.iter().filter(|(t, ..)| t == table).collect();
            let Some(&&(_, home, first, origin)) = here.first() else {
                continue;
            };
            let names: Vec<&str> = here.iter().map(|(_, _, key, _)| *key).collect();
            let verb = if names.len() == 1 {
                "belongs"
            } else {
                "belong"
            };
            let read = if home.is_empty() {
                "before any table".to_string()
            } else {
                format!("as part of [{home}]")
            };
            let origin = origin.clone();
            self.report(
                Some(format!("{table}.{first}")),
                &origin,
                format!(
                    "{} {verb} under [{table}], but the file has no [{table}] line, so {} read {read}",
                    names.join(", "),
                    if names.len() == 1 { "it was" } else { "they were" }
                ),
                format!("add a line [{table}] on its own just above `{first}`"),
            );
            self.moved.extend(here.iter().map(|(_, home, key, _)| {
                if home.is_empty() {
                    key.to_string()
                } else {
                    format!("{home}.{key}")
                }
            }));
            self.moved.push(table.to_string());
        }
    }

    fn required_section<'t>(
        &mut self,
        root: &'t Table,
        name: &'static str,
        example: &str,
    ) -> Option<Section<'t>> {
        if !root.contains_key(name) {
            if self.moved.iter().any(|m| m == name) {
                return None;
            }
            let (message, hint) = if self.roster {
                // A row can lack them by its header or by its empty cells
                // (a roster from `from-dfe` leaves the SENCO's to fill in).
                let keys: Vec<&str> = REQUIRED
                    .iter()
                    .filter(|k| k.strip_prefix(name).is_some_and(|k| k.starts_with('.')))
                    .copied()
                    .collect();
                let (these, are, them, columns) = match keys.as_slice() {
                    [one] => (one.to_string(), "is", "it", "a column"),
                    _ => (keys.join(" and "), "are", "them", "columns"),
                };
                (
                    format!("{these} {are} missing or empty in this row"),
                    format!(
                        "every school needs {them}: fill {them} in, in {columns} headed {}",
                        keys.join(", ")
                    ),
                )
            } else {
                (
                    format!("the [{name}] table is missing"),
                    format!(
                        "add it, e.g.\n{example}\n(`senco-plan init school.toml` writes a whole profile to fill in)"
                    ),
                )
            };
            self.report(Some(name.to_string()), &Origin::Implicit, message, hint);
            return None;
        }
        self.optional_section(root, name)
    }

    fn optional_section<'t>(&mut self, root: &'t Table, name: &'static str) -> Option<Section<'t>> {
        let entry = root.get(name)?;
        match &entry.node.value {
            Value::Table(table) => Some(Section {
                name,
                table,
                origin: &entry.key_origin,
            }),
            other => {
                self.report(
                    Some(name.to_string()),
                    &entry.node.origin,
                    format!("`{name}` must be a table, not {}", other.kind()),
                    format!("write it as a table header on its own line: [{name}]"),
                );
                None
            }
        }
    }

    fn optional<'t>(&mut self, section: &Section<'t>, key: &str) -> Option<&'t Node> {
        section.table.get(key).map(|entry| &entry.node)
    }

    fn required<'t>(
        &mut self,
        section: &Section<'t>,
        key: &str,
        example: &str,
    ) -> Option<&'t Node> {
        let node = self.optional(section, key);
        // A misspelling of this key is reported as an unknown key that
        // names this one; saying it is missing too would be noise.
        let misspelt = || {
            section
                .table
                .keys()
                .any(|k| k != key && nearest(k, &[key]).is_some())
        };
        if node.is_none() && !misspelt() {
            let (message, hint) = if self.roster {
                (
                    format!("the column {}.{key} is missing or empty", section.name),
                    format!(
                        "every school needs it: add a column headed {}.{key} and fill it in, e.g. {}",
                        section.name,
                        example.trim_matches('"')
                    ),
                )
            } else {
                (
                    format!("this key is missing from [{}]", section.name),
                    format!("add a line `{key} = {example}` under [{}]", section.name),
                )
            };
            // A roster row's table has no place of its own: the row says where.
            let origin = if self.roster {
                &Origin::Implicit
            } else {
                section.origin
            };
            self.report(
                Some(format!("{}.{key}", section.name)),
                origin,
                message,
                hint,
            );
        }
        node
    }

    /// Reports keys that the table does not have, suggesting the nearest.
    fn finish(&mut self, section: &Section<'_>, known: &[&str]) {
        for (key, entry) in section.table {
            let moved = || self.moved.contains(&format!("{}.{key}", section.name));
            if !known.contains(&key.as_str()) && !moved() {
                // A key of another table, written under the wrong header.
                let homes: Vec<String> = super::known_keys()
                    .into_iter()
                    .filter(|(table, keys)| *table != section.name && keys.contains(&key.as_str()))
                    .map(|(table, _)| format!("[{table}]"))
                    .collect();
                let hint = if homes.is_empty() {
                    unknown_key_hint(key, known, &format!("keys in [{}]", section.name))
                } else {
                    format!(
                        "`{key}` is a key of {}: move the line under that table's header",
                        homes.join(" or ")
                    )
                };
                self.report(
                    Some(format!("{}.{key}", section.name)),
                    &entry.key_origin,
                    format!("unknown key `{key}` in [{}]", section.name),
                    hint,
                );
            }
        }
    }

    fn wrong_type(
        &mut self,
        section: &Section<'_>,
        key: &str,
        node: &Node,
        wanted: &str,
        example: &str,
    ) {
        let found = match &node.value {
            Value::Text(t) => format!("the text \"{}\"", truncate(t)),
            other => other.kind().to_string(),
        };
        let quotes =
            if !self.roster && matches!(node.value, Value::Text(_)) && !wanted.contains("text") {
                " (without quotes)"
            } else {
                ""
            };
        // `"1,305"` in quotes, or a roster cell of `80%`: the value meant,
        // as the form-style reading of TOML lines would give it.
        let hint = match &node.value {
            Value::Text(t) => super::syntax::corrected(section.name, key, t)
                .map(|v| format!("write {}{quotes}", self.eg(key, &v))),
            _ => None,
        }
        .unwrap_or_else(|| format!("write e.g. {}{quotes}", self.eg(key, example)));
        self.report(
            Some(format!("{}.{key}", section.name)),
            &node.origin,
            format!("must be {wanted}, not {found}"),
            hint,
        );
    }

    /// A number within `[min, max]`; integers and floats are both accepted.
    fn number(
        &mut self,
        section: &Section<'_>,
        key: &str,
        node: &Node,
        (min, max): (f64, f64),
        what: &str,
        example: &str,
    ) -> Option<f64> {
        let value = match &node.value {
            Value::Integer(Some(i), _) => *i as f64,
            Value::Integer(None, text) => {
                self.report(
                    Some(format!("{}.{key}", section.name)),
                    &node.origin,
                    format!("{} is far too large", truncate(text)),
                    format!(
                        "write {what} from {min} to {max}, e.g. {}",
                        self.eg(key, example)
                    ),
                );
                return None;
            }
            Value::Float(f) => *f,
            _ => {
                self.wrong_type(section, key, node, what, example);
                return None;
            }
        };
        let message = if value.is_nan() {
            Some("nan is not a number".to_string())
        } else if value.is_infinite() {
            Some("the number is infinite (or too large to hold)".to_string())
        } else if value < 0.0 && min >= 0.0 {
            Some(format!("{} is negative", figure(value)))
        } else if value < min || value > max {
            Some(format!("{} is outside {min} to {max}", figure(value)))
        } else {
            None
        };
        if let Some(message) = message {
            self.report(
                Some(format!("{}.{key}", section.name)),
                &node.origin,
                message,
                format!(
                    "write {what} from {min} to {max}, e.g. {}",
                    self.eg(key, example)
                ),
            );
            return None;
        }
        // -0 and 0 are the same number of hours; print them the same way.
        Some(if value == 0.0 { 0.0 } else { value })
    }

    fn hours(&mut self, section: &Section<'_>, key: &str, node: &Node) -> Option<f64> {
        self.number(
            section,
            key,
            node,
            (0.0, MAX_WEEKLY_HOURS),
            "hours a week",
            "6.5",
        )
    }

    fn count(
        &mut self,
        section: &Section<'_>,
        key: &str,
        node: &Node,
        (min, max): (u32, u32),
        example: &str,
    ) -> Option<u32> {
        // Named only in a message: most counts are fine.
        let full_key = || format!("{}.{key}", section.name);
        let value = match &node.value {
            Value::Integer(Some(i), _) => *i,
            Value::Float(f) if f.is_finite() && f.fract() == 0.0 => {
                self.report(
                    Some(full_key()),
                    &node.origin,
                    format!(
                        "a whole number of {} is written without a decimal point",
                        noun(key)
                    ),
                    format!("write {}", self.eg(key, &format!("{f:.0}"))),
                );
                return None;
            }
            Value::Integer(None, _) | Value::Float(_) => {
                self.report(
                    Some(full_key()),
                    &node.origin,
                    format!(
                        "must be a whole number of {} from {min} to {max}",
                        noun(key)
                    ),
                    format!("write e.g. {}", self.eg(key, example)),
                );
                return None;
            }
            _ => {
                self.wrong_type(section, key, node, "a whole number", example);
                return None;
            }
        };
        match u32::try_from(value) {
            Ok(v) if (min..=max).contains(&v) => Some(v),
            _ => {
                let why = if value < 0 {
                    format!("{value} is negative")
                } else {
                    format!("{value} is outside {min} to {max}")
                };
                self.report(
                    Some(full_key()),
                    &node.origin,
                    why,
                    format!(
                        "write a whole number of {} from {min} to {max}, e.g. {}",
                        noun(key),
                        self.eg(key, example)
                    ),
                );
                None
            }
        }
    }

    fn boolean(&mut self, section: &Section<'_>, key: &str, node: &Node) -> Option<bool> {
        // A spreadsheet writes TRUE and FALSE, and people type yes and no:
        // in a roster cell these mean what they say.
        let cell = match &node.value {
            Value::Text(t) if self.roster => match t.trim().to_lowercase().as_str() {
                "true" | "yes" | "y" => Some(true),
                "false" | "no" | "n" => Some(false),
                _ => None,
            },
            _ => None,
        };
        match (&node.value, cell) {
            (Value::Bool(b), _) => Some(*b),
            (_, Some(b)) => Some(b),
            _ => {
                self.wrong_type(section, key, node, "true or false", "true");
                None
            }
        }
    }

    fn text(
        &mut self,
        section: &Section<'_>,
        key: &str,
        node: &Node,
        example: &str,
    ) -> Option<String> {
        match &node.value {
            Value::Text(t) if has_control(t) => {
                self.report(
                    Some(format!("{}.{key}", section.name)),
                    &node.origin,
                    format!(
                        "\"{}\" holds a control or invisible character (a line break, tab, terminal escape, or a zero-width or direction mark)",
                        truncate(t)
                    ),
                    format!(
                        "write it as plain text on one line, e.g. {}",
                        self.eg(key, example)
                    ),
                );
                None
            }
            Value::Text(t) if t.trim().chars().count() > MAX_NAME_CHARS => {
                self.report(
                    Some(format!("{}.{key}", section.name)),
                    &node.origin,
                    format!(
                        "is {} characters long; a name is at most {MAX_NAME_CHARS}",
                        t.trim().chars().count()
                    ),
                    format!("shorten it, e.g. {}", self.eg(key, example)),
                );
                None
            }
            Value::Text(t) if !t.trim().is_empty() => Some(t.trim().to_string()),
            Value::Text(_) => {
                self.report(
                    Some(format!("{}.{key}", section.name)),
                    &node.origin,
                    "is empty".to_string(),
                    format!("write e.g. {}", self.eg(key, example)),
                );
                None
            }
            _ => {
                self.wrong_type(section, key, node, "text in quotes", example);
                None
            }
        }
    }

    fn choice<T: Copy + std::fmt::Display>(
        &mut self,
        section: &Section<'_>,
        key: &str,
        node: &Node,
        all: &[T],
        parse: fn(&str) -> Option<T>,
    ) -> Option<T> {
        let words: Vec<String> = all.iter().map(|v| v.to_string()).collect();
        let example = format!("\"{}\"", words.first().map_or("", String::as_str));
        let Value::Text(word) = &node.value else {
            self.wrong_type(
                section,
                key,
                node,
                &format!("one of {}", words.join(", ")),
                &example,
            );
            return None;
        };
        // `SLT`, `Middle`, ` none `: the word meant, whatever its case.
        if let Some(value) = parse(word).or_else(|| parse(&word.trim().to_lowercase())) {
            return Some(value);
        }
        let refs: Vec<&str> = words.iter().map(String::as_str).collect();
        let suggestion = nearest(word, &refs)
            .map(|w| format!("did you mean \"{w}\"? "))
            .unwrap_or_default();
        self.report(
            Some(format!("{}.{key}", section.name)),
            &node.origin,
            format!("\"{}\" is not one of the allowed values", truncate(word)),
            format!("{suggestion}write one of: {}", words.join(", ")),
        );
        None
    }

    fn date(&mut self, section: &Section<'_>, key: &str, node: &Node) -> Option<NaiveDate> {
        let parsed = match &node.value {
            Value::Date(d) if d.time.is_none() && d.offset.is_none() => d.date.and_then(|d| {
                NaiveDate::from_ymd_opt(i32::from(d.year), u32::from(d.month), u32::from(d.day))
            }),
            // A quoted date is what most people would type; accept it.
            Value::Text(t) => NaiveDate::parse_from_str(t.trim(), "%Y-%m-%d").ok(),
            _ => None,
        };
        match (&node.value, parsed) {
            (_, Some(date)) => return Some(date),
            // A date and a time of day, or a day the calendar lacks.
            (Value::Date(d), None) => {
                let (message, example) = match d.date {
                    Some(day) if d.time.is_some() || d.offset.is_some() => (
                        "has a time of day: the appointment is a date alone".to_string(),
                        format!("{:04}-{:02}-{:02}", day.year, day.month, day.day),
                    ),
                    _ => (
                        "is not a day of the calendar".to_string(),
                        "2023-09-01".to_string(),
                    ),
                };
                self.report(
                    Some(format!("{}.{key}", section.name)),
                    &node.origin,
                    message,
                    format!("write e.g. {}", self.eg(key, &example)),
                );
            }
            _ => self.wrong_type(section, key, node, "a date (year-month-day)", "2023-09-01"),
        }
        None
    }

    fn school(&mut self, s: &Section<'_>) -> Option<School> {
        let name = self
            .required(s, "name", "\"Oakfield Primary\"")
            .and_then(|n| self.text(s, "name", n, "\"Oakfield Primary\""));
        let phase = self.required(s, "phase", "\"primary\"").and_then(|n| {
            let other = match &n.value {
                Value::Text(word) => Phase::from_other_name(word).map(|p| (word, p)),
                _ => None,
            };
            match other {
                Some((word, phase)) => {
                    if word.trim().to_lowercase() != phase.as_str() {
                        self.read_as.push(format!(
                            "The phase \"{}\" is read as \"{phase}\": write phase = \"{phase}\" to say so.",
                            truncate(word)
                        ));
                    }
                    Some(phase)
                }
                None => self.choice(s, "phase", n, Phase::ALL, Phase::from_word),
            }
        });
        let pupils = self
            .required(s, "pupils", "420")
            .and_then(|n| self.count(s, "pupils", n, (1, MAX_PUPILS), "420"));
        let sen_support = self
            .required(s, "sen-support", "55")
            .and_then(|n| self.count(s, "sen-support", n, (0, MAX_PUPILS), "55"));
        let ehcp = self
            .required(s, "ehcp", "12")
            .and_then(|n| self.count(s, "ehcp", n, (0, MAX_PUPILS), "12"));
        let requests = self
            .optional(s, "ehc-requests-per-year")
            .and_then(|n| self.count(s, "ehc-requests-per-year", n, (0, MAX_PUPILS), "4"));
        let teachers = self
            .optional(s, "teachers")
            .and_then(|n| self.count(s, "teachers", n, (1, MAX_STAFF), "20"));
        let weeks = self
            .optional(s, "weeks-per-year")
            .and_then(|n| self.number(s, "weeks-per-year", n, (1.0, 52.0), "weeks a year", "39"));
        let urn = self
            .optional(s, "urn")
            .and_then(|n| self.count(s, "urn", n, (1, MAX_URN), "100000"));
        let la = self
            .optional(s, "la")
            .and_then(|n| self.text(s, "la", n, "\"Northshire\""));
        let bad_optional = [
            s.table.contains_key("ehc-requests-per-year") && requests.is_none(),
            s.table.contains_key("teachers") && teachers.is_none(),
            s.table.contains_key("weeks-per-year") && weeks.is_none(),
            s.table.contains_key("urn") && urn.is_none(),
            s.table.contains_key("la") && la.is_none(),
        ];
        self.finish(s, SCHOOL_KEYS);
        if bad_optional.contains(&true) {
            return None;
        }
        Some(School {
            name: name?,
            phase: phase?,
            pupils: pupils?,
            sen_support: sen_support?,
            ehcp: ehcp?,
            ehc_requests_per_year: requests,
            teachers,
            weeks_per_year: weeks,
            urn,
            la,
        })
    }

    fn senco(&mut self, s: &Section<'_>) -> Option<Senco> {
        let fte = match self.optional(s, "contract-fte") {
            Some(n) => self.contract_fte(s, n),
            None => Some(1.0),
        };
        let teaching = self
            .required(s, "teaching-hours", "12.5")
            .and_then(|n| self.hours(s, "teaching-hours", n));
        let senco_hours = self
            .required(s, "senco-hours", "6.5")
            .and_then(|n| self.hours(s, "senco-hours", n));
        let other = match self.optional(s, "other-duties-hours") {
            Some(n) => self.hours(s, "other-duties-hours", n),
            None => Some(0.0),
        };
        let leadership = match self.optional(s, "leadership") {
            Some(n) => self.choice(s, "leadership", n, Leadership::ALL, Leadership::from_word),
            None => Some(Leadership::Middle),
        };
        let qualified = match self.optional(s, "qualified-teacher") {
            Some(n) => self.boolean(s, "qualified-teacher", n),
            None => Some(true),
        };
        // No default award: a made-up one would make compliance a guess.
        let award = match self.optional(s, "award") {
            Some(n) => self
                .choice(s, "award", n, Award::ALL, Award::from_word)
                .map(Some),
            None => Some(None),
        };
        // A date after --as-of is a planned appointment, not a mistake: the
        // model notes it and judges compliance from it (SPEC section 1).
        let appointed = match self.optional(s, "appointed") {
            Some(n) => self.date(s, "appointed", n).map(Some),
            None => Some(None),
        };
        let mut answer = |key: &str| match self.optional(s, key) {
            Some(n) => self.boolean(s, key, n).map(Some),
            None => Some(None),
        };
        let headteacher_support = answer("headteacher-support");
        let strategic_vision = answer("strategic-vision");
        let influences_colleagues = answer("influences-colleagues");
        self.finish(s, SENCO_KEYS);
        Some(Senco {
            contract_fte: fte?,
            teaching_hours: teaching?,
            senco_hours: senco_hours?,
            other_duties_hours: other?,
            leadership: leadership?,
            qualified_teacher: qualified?,
            award: award?,
            appointed: appointed?,
            headteacher_support: headteacher_support?,
            strategic_vision: strategic_vision?,
            influences_colleagues: influences_colleagues?,
        })
    }

    fn contract_fte(&mut self, s: &Section<'_>, n: &Node) -> Option<f64> {
        // `80` for 80%: a percentage where a share is wanted.
        let percent = match &n.value {
            Value::Integer(Some(i), _) => Some(*i as f64),
            Value::Float(f) => Some(*f),
            _ => None,
        }
        .filter(|v| (MIN_CONTRACT_FTE * 100.0..=100.0).contains(v) && *v > 1.0);
        if let Some(percent) = percent {
            let share = crate::round::show(percent / 100.0);
            self.report(
                Some("senco.contract-fte".into()),
                &n.origin,
                format!(
                    "{} is a percentage; the contract is a share of full time, from {MIN_CONTRACT_FTE} to 1",
                    crate::round::show(percent)
                ),
                format!("write {}", self.eg("contract-fte", &share)),
            );
            return None;
        }
        // At least a quarter of a day a week (0.05 of 32.5 hours).
        self.number(
            s,
            "contract-fte",
            n,
            (MIN_CONTRACT_FTE, 1.0),
            "a share of a full-time contract",
            "0.8",
        )
    }

    fn tas(&mut self, s: &Section<'_>) -> Option<Tas> {
        let count = self
            .required(s, "count", "14")
            .and_then(|n| self.count(s, "count", n, (0, MAX_STAFF), "14"));
        let structure = match self.optional(s, "structure") {
            Some(n) => self.choice(s, "structure", n, Structure::ALL, Structure::from_word),
            None => Some(Structure::Flat),
        };
        let lead_tas = match self.optional(s, "lead-tas") {
            Some(n) => self.count(s, "lead-tas", n, (0, MAX_STAFF), "2"),
            None => Some(0),
        };
        let lead_hours = match self.optional(s, "lead-hours") {
            Some(n) => self.hours(s, "lead-hours", n),
            None => Some(0.0),
        };
        self.finish(s, TAS_KEYS);
        Some(Tas {
            count: count?,
            structure: structure?,
            lead_tas: lead_tas?,
            lead_hours: lead_hours?,
        })
    }

    /// `[ranges]`: a school's own `key = [low, high]` for a ranged
    /// assumption (SPEC section 8), with low <= its value <= high, within
    /// the key's limits.
    fn ranges(&mut self, root: &Table, a: &Assumptions) -> Vec<(&'static str, f64, f64)> {
        let Some(section) = self.optional_section(root, "ranges") else {
            return Vec::new();
        };
        let keys: Vec<&str> = crate::params::RANGES.iter().map(|r| r.key).collect();
        let mut ranges = Vec::new();
        for (key, Entry { node, .. }) in section.table {
            let Some(param) = ASSUMPTIONS
                .iter()
                .find(|p| p.key == key && keys.contains(&p.key))
            else {
                continue;
            };
            let value = (param.get)(a);
            let show = crate::round::show;
            let example = format!(
                "[{}, {}]",
                show(param.min.max(value * 0.5)),
                show(value * 2.0)
            );
            match &node.value {
                Value::Array(2, items) => match items.as_slice() {
                    [Some(low), Some(high)]
                        if low.is_finite()
                            && high.is_finite()
                            && param.min <= *low
                            && *low <= value
                            && value <= *high
                            && *high <= param.max =>
                    {
                        ranges.push((param.key, *low, *high));
                    }
                    [Some(low), Some(high)] => self.report(
                        Some(format!("ranges.{key}")),
                        &node.origin,
                        format!(
                            "[{}, {}] must hold the value {} and stay within {} to {}",
                            figure(*low),
                            figure(*high),
                            show(value),
                            show(param.min),
                            show(param.max)
                        ),
                        format!(
                            "write the low first, then the high, e.g. {}",
                            self.eg(key, &example)
                        ),
                    ),
                    _ => self.wrong_type(&section, key, node, "two numbers, [low, high]", &example),
                },
                _ => self.wrong_type(&section, key, node, "two numbers, [low, high]", &example),
            }
        }
        self.finish(&section, &keys);
        ranges
    }

    fn params<T: Default>(
        &mut self,
        root: &Table,
        name: &'static str,
        registry: &[Param<T>],
        mut table: T,
    ) -> T {
        let Some(section) = self.optional_section(root, name) else {
            return table;
        };
        let keys: Vec<&str> = registry.iter().map(|p| p.key).collect();
        for (key, Entry { node, .. }) in section.table {
            let Some(param) = registry.iter().find(|p| p.key == key) else {
                continue;
            };
            let example = param.default_value().to_string();
            let what = format!("a number ({})", param.unit);
            if let Some(value) =
                self.number(&section, key, node, (param.min, param.max), &what, &example)
            {
                (param.set)(&mut table, value);
            }
        }
        self.finish(&section, &keys);
        table
    }

    fn check_bands(&mut self, root: &Table, a: &Assumptions) {
        if a.band_manageable >= a.band_stretched && a.band_stretched >= a.band_overloaded {
            return;
        }
        let origin = root
            .get("assumptions")
            .map_or(Origin::Implicit, |e| e.key_origin.clone());
        self.report(
            Some("assumptions.band-manageable".into()),
            &origin,
            format!(
                "the bands must go down in order: manageable {} >= stretched {} >= overloaded {}",
                a.band_manageable, a.band_stretched, a.band_overloaded
            ),
            "e.g. band-manageable = 95, band-stretched = 80, band-overloaded = 60".into(),
        );
    }

    /// Checks between values, on whichever parts were read without error.
    fn cross_checks(&mut self, root: &Table, school: Option<&School>, tas: Option<&Tas>) {
        let origin_of = |table: &str, key: &str| {
            root.get(table)
                .and_then(|e| match &e.node.value {
                    Value::Table(t) => t.get(key).map(|k| k.node.origin.clone()),
                    _ => None,
                })
                .unwrap_or(Origin::Implicit)
        };
        if let Some(s) = school {
            self.school_checks(&origin_of, s);
        }
        if let Some(tas) = tas
            && tas.lead_tas > tas.count
        {
            self.report(
                Some("tas.lead-tas".into()),
                &origin_of("tas", "lead-tas"),
                format!(
                    "{} lead TAs is more than the {} TAs in `count`",
                    tas.lead_tas, tas.count
                ),
                "lead TAs are counted among the TAs: make lead-tas at most count".into(),
            );
        }
    }

    fn school_checks(&mut self, origin_of: &dyn Fn(&str, &str) -> Origin, s: &School) {
        if u64::from(s.sen_support) + u64::from(s.ehcp) > u64::from(s.pupils) {
            self.report(
                Some("school.sen-support".into()),
                &origin_of("school", "sen-support"),
                format!(
                    "sen-support ({}) + ehcp ({}) is {}, more than the {} pupils on roll",
                    s.sen_support,
                    s.ehcp,
                    s.sen_support + s.ehcp,
                    s.pupils
                ),
                "count each pupil once: pupils at SEN support and pupils with an EHC plan are both part of `pupils`".into(),
            );
        }
        if let Some(requests) = s.ehc_requests_per_year
            && requests > s.pupils
        {
            self.report(
                Some("school.ehc-requests-per-year".into()),
                &origin_of("school", "ehc-requests-per-year"),
                format!("{requests} requests a year is more than the {} pupils on roll", s.pupils),
                "write the number of EHC needs assessment requests the school makes in a year, e.g. 4".into(),
            );
        }
    }
}

fn noun(key: &str) -> &'static str {
    match key {
        "pupils" | "sen-support" | "ehcp" => "pupils",
        "urn" => "digits",
        "teachers" => "teachers",
        "count" | "lead-tas" => "teaching assistants",
        "ehc-requests-per-year" => "requests",
        _ => "items",
    }
}

/// A number quoted in a message: as written for everyday sizes, in
/// scientific notation for huge and tiny ones (`1e308`, not 309 digits;
/// `1e-7`, not a rounded 0).
fn figure(value: f64) -> String {
    if value != 0.0 && (value.abs() >= 1e9 || value.abs() < 0.01) {
        format!("{value:e}")
    } else {
        crate::round::show(value)
    }
}

/// A value quoted in a message: at most 40 characters, control characters
/// escaped.
pub(crate) fn truncate(text: &str) -> String {
    const MAX: usize = 40;
    let cut: String = text.chars().take(MAX).collect();
    let more = if text.chars().nth(MAX).is_some() {
        "..."
    } else {
        ""
    };
    format!("{}{more}", escape_controls(&cut))
}

/// The known name closest to a misspelt one, if any is close enough:
/// same letters in another case or with `_` for `-`, or a few edits away.
pub(crate) fn nearest<'k>(word: &str, known: &[&'k str]) -> Option<&'k str> {
    let normal = |s: &str| s.to_lowercase().replace(['_', ' '], "-");
    let target = normal(word);
    if let Some(exact) = known.iter().find(|k| normal(k) == target) {
        return Some(exact);
    }
    // A word cut short, such as "npq" for "npq-senco".
    if target.len() >= 3
        && let Some(longer) = known.iter().find(|k| k.starts_with(&target))
    {
        return Some(longer);
    }
    known
        .iter()
        .map(|k| (strsim::levenshtein(&target, k), *k))
        .filter(|(distance, k)| *distance <= (k.len() / 3).max(2))
        .min_by_key(|(distance, _)| *distance)
        .map(|(_, k)| k)
}

fn unknown_key_hint(key: &str, known: &[&str], what: &str) -> String {
    let list = known.join(", ");
    match nearest(key, known) {
        Some(near) => format!("did you mean `{near}`? The {what} are: {list}"),
        None => format!("the {what} are: {list}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn near_misses_are_suggested() {
        assert_eq!(nearest("teching-hours", SENCO_KEYS), Some("teaching-hours"));
        assert_eq!(
            nearest("Teaching_Hours", SENCO_KEYS),
            Some("teaching-hours")
        );
        assert_eq!(nearest("SENCO-HOURS", SENCO_KEYS), Some("senco-hours"));
        assert_eq!(nearest("colour", SENCO_KEYS), None);
        assert_eq!(nearest("npq", &["npq-senco", "nasenco"]), Some("npq-senco"));
    }

    #[test]
    fn oversized_text_is_refused_before_parsing() {
        let text = "#".repeat(MAX_PROFILE_BYTES + 1);
        let err = parse_profile("big.toml", &text, &[]).unwrap_err();
        assert!(err.problems[0].message.contains("at most 1 MiB"));
    }
}
