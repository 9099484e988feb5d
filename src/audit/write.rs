//! `audit --write`: calibrated rates into the profile's `[assumptions]`,
//! with a format-preserving TOML editor (as cargo edits Cargo.toml): every
//! comment, blank line and key order is kept; a key already there is
//! changed in place; each line written says where its value came from.

use toml_edit::{DocumentMut, Item, Table, TableLike, value};

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum WriteError {
    #[error("the profile cannot be edited safely: it is not plain TOML ({0})")]
    NotToml(String),
    #[error(
        "the profile's `assumptions` is not a table: write the calibrated values under an [assumptions] header"
    )]
    NotATable,
}

/// A key or table name as a person may have typed it: `Assumptions`,
/// `ehcp_review_hours`.
fn normal(word: &str) -> String {
    word.trim().to_lowercase().replace(['_', ' '], "-")
}

/// `text` with each `(key, value)` set in `[assumptions]`, each followed
/// by `# {note}`. Nothing else in the text changes.
pub fn write_assumptions(
    text: &str,
    values: &[(&str, f64)],
    note: &str,
) -> Result<String, WriteError> {
    let mut doc: DocumentMut = text
        .parse()
        .map_err(|e: toml_edit::TomlError| WriteError::NotToml(e.message().to_string()))?;
    let name = doc
        .iter()
        .map(|(k, _)| k.to_string())
        .find(|k| normal(k) == "assumptions")
        .unwrap_or_else(|| "assumptions".to_string());
    if !doc.contains_key(&name) {
        let mut table = Table::new();
        // A blank line before the new table, as a person would leave one.
        table.decor_mut().set_prefix("\n");
        doc.insert(&name, Item::Table(table));
    }
    let table: &mut dyn TableLike = doc
        .get_mut(&name)
        .and_then(Item::as_table_like_mut)
        .ok_or(WriteError::NotATable)?;
    for (key, number) in values {
        let existing = table
            .iter()
            .map(|(k, _)| k.to_string())
            .find(|k| normal(k) == *key);
        let mut item = value(*number);
        if let Some(v) = item.as_value_mut() {
            v.decor_mut().set_suffix(format!(" # {note}"));
        }
        match existing {
            Some(k) => {
                // The new value keeps the old one's leading space.
                if let Some(slot) = table.get_mut(&k) {
                    *slot = item;
                }
            }
            None => {
                table.insert(key, item);
            }
        }
    }
    Ok(doc.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    const PROFILE: &str = "# Oakfield, as the SENCO keeps it.
[school]
name = \"Oakfield\"   # the name governors know

[Assumptions]
# Reviews here are long.
EHCP_review_hours = 10   # from the 2025 audit
sen-support-hours = 3

[costs]
teacher-hour = 40
";

    #[test]
    fn existing_keys_change_in_place_and_new_ones_are_added() {
        let written = write_assumptions(
            PROFILE,
            &[("ehcp-review-hours", 9.0), ("agency-hours", 1.25)],
            "from audit log.csv, 2026-09-07 to 2026-10-12, 6 weeks",
        )
        .unwrap();
        let expected = "# Oakfield, as the SENCO keeps it.
[school]
name = \"Oakfield\"   # the name governors know

[Assumptions]
# Reviews here are long.
EHCP_review_hours = 9.0 # from audit log.csv, 2026-09-07 to 2026-10-12, 6 weeks
sen-support-hours = 3
agency-hours = 1.25 # from audit log.csv, 2026-09-07 to 2026-10-12, 6 weeks

[costs]
teacher-hour = 40
";
        assert_eq!(written, expected);
    }

    #[test]
    fn a_profile_without_the_table_gains_one_at_the_end() {
        let text = "[school]\nname = \"A\"\n";
        let written = write_assumptions(text, &[("study-hours", 2.0)], "audit").unwrap();
        assert_eq!(
            written,
            "[school]\nname = \"A\"\n\n[assumptions]\nstudy-hours = 2.0 # audit\n"
        );
    }

    #[test]
    fn what_cannot_be_edited_safely_is_refused() {
        assert!(matches!(
            write_assumptions("[school\n", &[("study-hours", 2.0)], "a"),
            Err(WriteError::NotToml(_))
        ));
        assert_eq!(
            write_assumptions("assumptions = 3\n", &[("study-hours", 2.0)], "a"),
            Err(WriteError::NotATable)
        );
    }
}
