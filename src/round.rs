//! Rounding for output only: the arithmetic keeps full precision, and what
//! people and scripts read is rounded once, here.

use serde::Serializer;

/// Rounds half away from zero to `places` decimals; never returns -0.
pub fn to_places(value: f64, places: i32) -> f64 {
    let factor = 10f64.powi(places);
    let rounded = (value * factor).round() / factor;
    if rounded == 0.0 { 0.0 } else { rounded }
}

/// Hours: 2 decimals (SPEC section 7).
pub fn hours<S: Serializer>(value: &f64, serializer: S) -> Result<S::Ok, S::Error> {
    serializer.serialize_f64(to_places(*value, 2))
}

/// Shares such as coverage: 4 decimals.
pub fn ratio<S: Serializer>(value: &f64, serializer: S) -> Result<S::Ok, S::Error> {
    serializer.serialize_f64(to_places(*value, 4))
}

/// Optional shares: 4 decimals.
pub fn opt_ratio<S: Serializer>(value: &Option<f64>, serializer: S) -> Result<S::Ok, S::Error> {
    match value {
        Some(v) => serializer.serialize_f64(to_places(*v, 4)),
        None => serializer.serialize_none(),
    }
}

/// Pounds: whole pounds.
pub fn pounds<S: Serializer>(value: &Option<f64>, serializer: S) -> Result<S::Ok, S::Error> {
    match value {
        Some(v) => whole_pounds(v, serializer),
        None => serializer.serialize_none(),
    }
}

/// Pounds that are always known: whole pounds.
pub fn whole_pounds<S: Serializer>(value: &f64, serializer: S) -> Result<S::Ok, S::Error> {
    serializer.serialize_i64(to_places(*value, 0) as i64)
}

/// Optional hours.
pub fn opt_hours<S: Serializer>(value: &Option<f64>, serializer: S) -> Result<S::Ok, S::Error> {
    match value {
        Some(v) => serializer.serialize_f64(to_places(*v, 2)),
        None => serializer.serialize_none(),
    }
}

/// A number as a person writes it: at most 2 decimals, no trailing zeros.
pub fn show(value: f64) -> String {
    let text = with_places(to_places(value, 2), 2);
    let text = text.trim_end_matches('0').trim_end_matches('.');
    text.to_string()
}

/// Hours in running text and tables: 1 decimal.
pub fn hours1(value: f64) -> String {
    with_places(to_places(value, 1), 1)
}

/// `value`, already rounded to `places` decimals, written with exactly
/// that many, as `format!("{value:.places$}")` writes it: by whole
/// numbers, as the standard library's exact path is slow enough to show
/// in a batch's time.
fn with_places(value: f64, places: u32) -> String {
    let scale = 10i64.pow(places);
    let scaled = (value * scale as f64).round();
    // Past 10^15 a double no longer holds every hundredth.
    if !scaled.is_finite() || scaled.abs() >= 1e15 {
        return format!("{value:.*}", places as usize);
    }
    let n = scaled as i64;
    let (whole, part) = (
        n.unsigned_abs() / scale as u64,
        n.unsigned_abs() % scale as u64,
    );
    let mut digits = itoa::Buffer::new();
    let mut text = String::with_capacity(24);
    if n < 0 {
        text.push('-');
    }
    text.push_str(digits.format(whole));
    if places > 0 {
        text.push('.');
        let part = digits.format(part);
        // Leading zeros of the decimals: 5 hundredths is ".05".
        for _ in part.len()..places as usize {
            text.push('0');
        }
        text.push_str(part);
    }
    text
}

/// A change of score with its sign and noun: "+1 point", "-3 points",
/// "+0 points".
pub fn points(delta: i64) -> String {
    let noun = if delta.abs() == 1 { "point" } else { "points" };
    format!("{delta:+} {noun}")
}

/// A count and its noun, singular for one: "1 school", "2 schools".
pub fn counted(count: u64, one: &str, many: &str) -> String {
    format!(
        "{} {}",
        self::count(count),
        if count == 1 { one } else { many }
    )
}

/// A count with thousands separators, e.g. `110,950`.
pub fn count(value: u64) -> String {
    let digits = value.to_string();
    let mut grouped = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            grouped.push(',');
        }
        grouped.push(c);
    }
    grouped
}

/// Pounds with thousands separators, e.g. `£19,675`; negative is a saving.
pub fn money(value: f64) -> String {
    let whole = to_places(value, 0) as i64;
    let grouped = count(whole.unsigned_abs());
    if whole < 0 {
        format!("-£{grouped}")
    } else {
        format!("£{grouped}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rounding_is_half_away_from_zero_and_never_negative_zero() {
        assert_eq!(to_places(2.345, 0), 2.0);
        assert_eq!(to_places(2.5, 0), 3.0);
        assert_eq!(to_places(-0.001, 2), 0.0);
        assert!(to_places(-0.001, 2).is_sign_positive());
    }

    #[test]
    fn whole_number_formatting_matches_the_standard_library() {
        // Every hundredth up to 10,000 either way, and some far larger.
        for cents in (-1_000_000..=1_000_000).step_by(7) {
            let value = to_places(f64::from(cents) / 100.0, 2);
            assert_eq!(with_places(value, 2), format!("{value:.2}"), "{value}");
            let tenths = to_places(value, 1);
            assert_eq!(with_places(tenths, 1), format!("{tenths:.1}"), "{tenths}");
        }
        for value in [1e14 + 0.25, 9.99e14, 1e15, 1e300, f64::INFINITY, f64::NAN] {
            assert_eq!(with_places(value, 2), format!("{value:.2}"), "{value}");
        }
    }

    #[test]
    fn numbers_print_as_people_write_them() {
        assert_eq!(show(12.5), "12.5");
        assert_eq!(show(6.0), "6");
        assert_eq!(show(1.25), "1.25");
        assert_eq!(show(0.004), "0");
        assert_eq!(hours1(2.46), "2.5");
        assert_eq!(money(19675.4), "£19,675");
        assert_eq!(money(1_234_567.0), "£1,234,567");
        assert_eq!(money(-950.0), "-£950");
        assert_eq!(money(0.0), "£0");
        assert_eq!(count(110_950), "110,950");
        assert_eq!(count(999), "999");
        assert_eq!(points(1), "+1 point");
        assert_eq!(points(-3), "-3 points");
        assert_eq!(points(0), "+0 points");
        assert_eq!(counted(1, "school", "schools"), "1 school");
        assert_eq!(counted(1200, "school", "schools"), "1,200 schools");
    }
}
