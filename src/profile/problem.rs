use crate::round::count;
use crate::safe_text::{escape_controls, escape_controls_keep_lines};
use std::fmt;

/// Problems shown for one file; past this, one more line says how many
/// were left out (fixing the first often fixes the rest).
pub const MAX_PROBLEMS: usize = 50;

/// One thing wrong with a profile, located as precisely as the input allows.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Problem {
    /// The file (or `<stdin>`) the profile came from.
    pub file: String,
    /// The dotted key, e.g. `senco.teaching-hours`, when one is to blame.
    pub key: Option<String>,
    pub line: Option<usize>,
    pub column: Option<usize>,
    /// Where the value came from when not the file, e.g. `--set deputy.hours=70`.
    pub via: Option<String>,
    pub message: String,
    /// What to write instead.
    pub hint: Option<String>,
}

impl Problem {
    /// A problem with `file`, placed and explained by the methods below.
    pub fn new(file: &str, message: String) -> Problem {
        Problem {
            file: file.to_string(),
            key: None,
            line: None,
            column: None,
            via: None,
            message,
            hint: None,
        }
    }

    pub fn key(mut self, key: impl Into<String>) -> Problem {
        self.key = Some(key.into());
        self
    }

    pub fn hint(mut self, hint: impl Into<String>) -> Problem {
        self.hint = Some(hint.into());
        self
    }

    pub fn via(mut self, via: Option<String>) -> Problem {
        self.via = via;
        self
    }

    /// At a line and column, when known.
    pub fn at(mut self, position: Option<(usize, usize)>) -> Problem {
        self.line = position.map(|p| p.0);
        self.column = position.map(|p| p.1);
        self
    }

    /// The line that stands for the problems not shown.
    pub fn and_more(file: &str, more: usize) -> Problem {
        let plural = if more == 1 { "problem" } else { "problems" };
        Problem::new(
            file,
            format!("and {} more {plural}, not shown", count(more as u64)),
        )
        .hint(format!(
            "fix the first {MAX_PROBLEMS} and run again; one mistake (a missing table header, say) often causes many"
        ))
    }
}

/// Control characters from input (a file name, a quoted value) are shown
/// escaped, never sent to the terminal (SPEC section 12).
impl fmt::Display for Problem {
    /// `school.toml, line 14, column 18: senco.award: ...`: positions in
    /// words, since the readers are not programmers. A roster row names its
    /// row and column instead (`via`), and then the key is not repeated.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", escape_controls(&self.file))?;
        if let Some(line) = self.line {
            write!(f, ", line {line}")?;
            if let Some(column) = self.column {
                write!(f, ", column {column}")?;
            }
        }
        if let Some(via) = &self.via {
            write!(f, ", {}", escape_controls(via))?;
        }
        f.write_str(": ")?;
        if let Some(key) = self.key.as_ref().filter(|k| {
            self.via
                .as_ref()
                .is_none_or(|via| !via.ends_with(&format!("column {k}")))
        }) {
            write!(f, "{}: ", escape_controls(key))?;
        }
        f.write_str(&escape_controls(&self.message))?;
        if let Some(hint) = &self.hint {
            write!(f, "\n  help: {}", escape_controls_keep_lines(hint))?;
        }
        Ok(())
    }
}

/// Everything wrong with one profile. Never empty.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub struct ProfileError {
    pub problems: Vec<Problem>,
}

impl fmt::Display for ProfileError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, problem) in self.problems.iter().enumerate() {
            if i > 0 {
                f.write_str("\n")?;
            }
            write!(f, "error: {problem}")?;
        }
        Ok(())
    }
}
