//! Lines and columns of byte offsets, found in logarithmic time so that a
//! file with a hundred thousand problems is still reported in linear time
//! (SPEC section 12).

/// Every this many bytes, the number of characters before it is kept.
const CHECKPOINT_BYTES: usize = 4096;

pub struct LineIndex<'t> {
    text: &'t str,
    /// The byte offset each line starts at.
    line_starts: Vec<usize>,
    /// (byte offset, characters before it), at char boundaries, for
    /// columns in text that is not all ASCII.
    checkpoints: Vec<(usize, usize)>,
    /// All ASCII: a column is then a byte difference.
    ascii: bool,
}

impl<'t> LineIndex<'t> {
    pub fn new(text: &'t str) -> LineIndex<'t> {
        let mut line_starts = vec![0];
        line_starts.extend(text.match_indices('\n').map(|(i, _)| i + 1));
        let mut checkpoints = vec![(0, 0)];
        let ascii = text.is_ascii();
        if !ascii {
            let (mut chars, mut next) = (0, CHECKPOINT_BYTES);
            for (offset, _) in text.char_indices() {
                if offset >= next {
                    checkpoints.push((offset, chars));
                    next = offset + CHECKPOINT_BYTES;
                }
                chars += 1;
            }
        }
        LineIndex {
            text,
            line_starts,
            checkpoints,
            ascii,
        }
    }

    /// Characters before a byte offset (clamped to the text).
    fn chars_before(&self, offset: usize) -> usize {
        let offset = offset.min(self.text.len());
        if self.ascii {
            return offset;
        }
        let at = self.checkpoints.partition_point(|c| c.0 <= offset);
        let (from, chars) = self
            .checkpoints
            .get(at.saturating_sub(1))
            .copied()
            .unwrap_or((0, 0));
        // An offset inside a character counts the characters before it.
        chars
            + self.text.get(from..).map_or(0, |rest| {
                rest.char_indices()
                    .take_while(|(i, _)| from + i < offset)
                    .count()
            })
    }

    /// 1-based line and column (in characters) of a byte offset.
    pub fn position(&self, offset: usize) -> (usize, usize) {
        let line = self.line_starts.partition_point(|&s| s <= offset).max(1);
        let start = self.line_starts.get(line - 1).copied().unwrap_or(0);
        let column = self.chars_before(offset) - self.chars_before(start) + 1;
        (line, column)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// The obvious quadratic way, as the index must agree with it.
    fn by_scanning(text: &str, offset: usize) -> (usize, usize) {
        let before = text.get(..offset).unwrap_or(text);
        let line = before.matches('\n').count() + 1;
        let line_start = before.rfind('\n').map_or(0, |i| i + 1);
        let column = before.get(line_start..).map_or(0, |s| s.chars().count()) + 1;
        (line, column)
    }

    #[test]
    fn positions_are_one_based_lines_and_character_columns() {
        let text = "a = 1\nname = \"Ámbar\"\nb = 2";
        let line_column = |offset| LineIndex::new(text).position(offset);
        assert_eq!(line_column(0), (1, 1));
        assert_eq!(line_column(6), (2, 1));
        let b = text.find("b =").unwrap();
        assert_eq!(line_column(b), (3, 1));
        let quote_end = text.find("\"\n").unwrap();
        assert_eq!(line_column(quote_end), (2, 14));
    }

    proptest! {
        #[test]
        fn the_index_agrees_with_scanning(
            text in "(\\PC|\n){0,40}(é|ü|\n|a){0,9000}",
            pick in 0usize..10_000,
        ) {
            let boundaries: Vec<usize> = text.char_indices().map(|(i, _)| i).chain([text.len()]).collect();
            let offset = boundaries[pick % boundaries.len()];
            prop_assert_eq!(LineIndex::new(&text).position(offset), by_scanning(&text, offset));
        }
    }
}
