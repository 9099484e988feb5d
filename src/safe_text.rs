//! Text from a profile, roster, scenario or file name, made safe for the
//! medium it is written to (SPEC section 12): terminals never receive
//! control characters, CSV cells never hold a live formula, and Markdown
//! never carries raw HTML or stray Markdown.

use std::borrow::Cow;

/// Control characters (escape sequences, line breaks, tabs, NUL, DEL, the
/// C1 controls) and the invisible characters that can disguise a name:
/// zero-width spaces and joiners, direction overrides and isolates, line
/// and paragraph separators, the byte-order mark.
fn is_unsafe(c: char) -> bool {
    c.is_control()
        || matches!(c, '\u{200B}'..='\u{200F}' | '\u{2028}'..='\u{202E}' | '\u{2060}'..='\u{2069}' | '\u{FEFF}')
}

/// Whether the text holds a control or invisible character.
pub fn has_control(text: &str) -> bool {
    text.chars().any(is_unsafe)
}

/// Control characters written as `\u{1b}`, so that a quoted value shows
/// what it holds without acting on the terminal.
pub fn escape_controls(text: &str) -> Cow<'_, str> {
    escape_controls_except(text, None)
}

/// As [`escape_controls`], but line breaks (`\n`) are kept: for messages
/// whose lines senco-plan itself laid out.
pub fn escape_controls_keep_lines(text: &str) -> Cow<'_, str> {
    escape_controls_except(text, Some('\n'))
}

fn escape_controls_except(text: &str, keep: Option<char>) -> Cow<'_, str> {
    let unsafe_char = |c: char| is_unsafe(c) && Some(c) != keep;
    if !text.chars().any(unsafe_char) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        if unsafe_char(c) {
            out.push_str(&format!("\\u{{{:x}}}", u32::from(c)));
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// A plain decimal number as senco-plan writes one: `-12`, `0.25`, `1e3`
/// is not one (a spreadsheet would still read it as a number, harmlessly).
fn is_plain_number(cell: &str) -> bool {
    let digits = cell.strip_prefix('-').unwrap_or(cell);
    let (whole, fraction) = digits.split_once('.').unwrap_or((digits, "0"));
    !whole.is_empty()
        && !fraction.is_empty()
        && whole.bytes().all(|b| b.is_ascii_digit())
        && fraction.bytes().all(|b| b.is_ascii_digit())
}

/// A CSV cell that a spreadsheet would read as a formula gets a leading
/// `'` (OWASP's advice); numbers stay numbers, so a negative change is
/// still summed.
pub fn csv_cell(cell: &str) -> Cow<'_, str> {
    // A spreadsheet may skip leading spaces and invisible characters.
    let start =
        cell.trim_start_matches(|c: char| c == ' ' || is_unsafe(c) && c != '\t' && c != '\r');
    let risky = start.starts_with(['=', '+', '-', '@', '\t', '\r']);
    if risky && !is_plain_number(cell) {
        Cow::Owned(format!("'{cell}"))
    } else {
        Cow::Borrowed(cell)
    }
}

/// Undoes [`csv_cell`] when a roster written by senco-plan is read back.
pub fn csv_unguard(cell: &str) -> &str {
    match cell.strip_prefix('\'') {
        Some(rest) if rest.starts_with(['=', '+', '-', '@', '\t', '\r']) => rest,
        _ => cell,
    }
}

/// Text for a Markdown table cell or inside a line: `<` and `&` as
/// entities (so no tag or entity can form; a lone `>` is harmless inside a
/// line, and senco-plan's own `->` stays readable), Markdown's inline marks (`\`, `` ` ``, `*`, `_`, `[`,
/// `]`, `|`, `~`) escaped with a backslash.
pub fn markdown_inline(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    for c in escape_controls(text).chars() {
        match c {
            '<' => out.push_str("&lt;"),
            '&' => out.push_str("&amp;"),
            '\\' | '`' | '*' | '_' | '[' | ']' | '|' | '~' => {
                out.push('\\');
                out.push(c);
            }
            other => out.push(other),
        }
    }
    out
}

/// Text that starts a Markdown block (a paragraph, heading or list item):
/// as [`markdown_inline`], and a block mark at its start (`#`, `>`, `-`,
/// `+`, `=`, `1.`) escaped so that it cannot open a heading, quote or list.
pub fn markdown_block(text: &str) -> String {
    let mut out = markdown_inline(text);
    if out.starts_with(['#', '>', '-', '+', '=']) {
        out.insert(0, '\\');
    } else if let Some(i) = out.find(|c: char| !c.is_ascii_digit())
        && i > 0
        && out[i..].starts_with(['.', ')'])
    {
        out.insert(i, '\\');
    }
    out
}

/// Text for HTML, in an element or a quoted attribute: the five
/// characters that could open a tag, an entity or close a quote are
/// entities, and control characters are shown, not passed on.
pub fn html_text(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    for c in escape_controls(text).chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            other => out.push(other),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn control_characters_are_shown_not_obeyed() {
        assert_eq!(escape_controls("plain"), "plain");
        assert_eq!(escape_controls("a\u{1b}[2Jb"), "a\\u{1b}[2Jb");
        assert_eq!(escape_controls("a\nb\u{7f}"), "a\\u{a}b\\u{7f}");
        assert_eq!(escape_controls_keep_lines("a\nb\r"), "a\nb\\u{d}");
        assert!(has_control("x\u{9b}y"));
        assert!(!has_control("Ámbar Primary"));
        assert!(has_control("Oak\u{202e}field"));
        assert!(has_control("\u{feff}Oakfield"));
    }

    #[test]
    fn formulas_are_neutralised_and_numbers_kept() {
        assert_eq!(csv_cell("=HYPERLINK(\"x\")"), "'=HYPERLINK(\"x\")");
        assert_eq!(csv_cell("+SUM(1+1)"), "'+SUM(1+1)");
        assert_eq!(csv_cell("@SUM(A1)"), "'@SUM(A1)");
        assert_eq!(csv_cell("\tx"), "'\tx");
        assert_eq!(csv_cell("\rx"), "'\rx");
        assert_eq!(csv_cell("-2+3"), "'-2+3");
        assert_eq!(csv_cell("-"), "'-");
        assert_eq!(csv_cell("-5.5"), "-5.5");
        assert_eq!(csv_cell("-12"), "-12");
        assert_eq!(csv_cell("Oakfield = good"), "Oakfield = good");
        assert_eq!(csv_cell("\u{feff}=x"), "'\u{feff}=x");
        assert_eq!(csv_cell(" =x"), "' =x");
        for cell in ["=1", "+x", "-y", "@z", "plain", "-3"] {
            assert_eq!(csv_unguard(&csv_cell(cell)), cell);
        }
        assert_eq!(csv_unguard("'quoted"), "'quoted");
    }

    #[test]
    fn html_cannot_form_a_tag_entity_or_attribute() {
        assert_eq!(
            html_text("<b onclick='x'> & \"y\""),
            "&lt;b onclick=&#39;x&#39;&gt; &amp; &quot;y&quot;"
        );
        assert_eq!(html_text("&amp;"), "&amp;amp;");
        assert_eq!(html_text("a\u{1b}b"), "a\\u{1b}b");
        assert_eq!(html_text("Ámbar Primary"), "Ámbar Primary");
    }

    #[test]
    fn markdown_metacharacters_and_html_are_escaped() {
        assert_eq!(
            markdown_inline("<script>alert(1)</script>"),
            "&lt;script>alert(1)&lt;/script>"
        );
        assert_eq!(
            markdown_inline("*a* _b_ [c](d) |"),
            "\\*a\\* \\_b\\_ \\[c\\](d) \\|"
        );
        assert_eq!(markdown_inline("-5.5"), "-5.5");
        assert_eq!(markdown_block("# not a heading"), "\\# not a heading");
        assert_eq!(markdown_block("- not a list"), "\\- not a list");
        assert_eq!(markdown_block("> not a quote"), "\\> not a quote");
        assert_eq!(markdown_inline("a -> b & c"), "a -> b &amp; c");
        assert_eq!(markdown_block("12. not a list"), "12\\. not a list");
        assert_eq!(markdown_block("Oakfield Primary"), "Oakfield Primary");
        assert_eq!(
            markdown_block("26% covered (unmanageable)"),
            "26% covered (unmanageable)"
        );
    }
}
