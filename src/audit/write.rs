//! `audit --write`: calibrated rates into the profile's `[assumptions]`,
//! with a format-preserving TOML editor (as cargo edits Cargo.toml): every
//! comment, blank line and key order is kept; a key already there is
//! changed in place; each line written says where its value came from.

use crate::profile::normal_key;
use toml_edit::{DocumentMut, Item, Table, TableLike, value};

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum WriteError {
    #[error("the profile cannot be edited safely: it is not plain TOML ({0})")]
    NotToml(String),
    #[error(
        "the profile's `assumptions` is not a table: write the calibrated values under an [assumptions] header"
    )]
    NotATable,
    #[error(
        "the profile writes `assumptions = {{ ... }}` on one line, which has no room for a note of where each value came from: make it an [assumptions] table, one key a line"
    )]
    Inline,
}

/// `text` with each `(key, value)` set in `[assumptions]`, each followed
/// by `# {note}`. Nothing else in the text changes.
pub fn write_assumptions(
    text: &str,
    values: &[(&str, f64)],
    note: &str,
) -> Result<String, WriteError> {
    // The file's own byte-order mark and line endings are kept.
    let (bom, text) = match text.strip_prefix('\u{feff}') {
        Some(rest) => ("\u{feff}", rest),
        None => ("", text),
    };
    let crlf = text.contains("\r\n");
    let mut doc: DocumentMut = text
        .parse()
        .map_err(|e: toml_edit::TomlError| WriteError::NotToml(e.message().to_string()))?;
    let name = doc
        .iter()
        .map(|(k, _)| k.to_string())
        .find(|k| normal_key(k) == "assumptions")
        .unwrap_or_else(|| "assumptions".to_string());
    if doc
        .get(&name)
        .is_some_and(|item| item.as_inline_table().is_some())
    {
        return Err(WriteError::Inline);
    }
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
            .find(|k| normal_key(k) == *key);
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
    let written = doc.to_string();
    let written = if crlf {
        // toml_edit keeps a line's own ending; new lines get "\n".
        written.replace("\r\n", "\n").replace('\n', "\r\n")
    } else {
        written
    };
    Ok(format!("{bom}{written}"))
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
    fn line_endings_and_a_byte_order_mark_are_kept() {
        let text =
            "\u{feff}[school]\r\nname = \"A\"\r\n\r\n[assumptions]\r\nstudy-hours = 1 # mine\r\n";
        let written = write_assumptions(
            text,
            &[("study-hours", 2.0), ("agency-hours", 1.5)],
            "audit",
        )
        .unwrap();
        assert_eq!(
            written,
            "\u{feff}[school]\r\nname = \"A\"\r\n\r\n[assumptions]\r\nstudy-hours = 2.0 # audit\r\nagency-hours = 1.5 # audit\r\n"
        );
    }

    #[test]
    fn what_cannot_be_edited_safely_is_refused() {
        assert_eq!(
            write_assumptions(
                "assumptions = { study-hours = 1 }\n",
                &[("study-hours", 2.0)],
                "a"
            ),
            Err(WriteError::Inline)
        );
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
