//! How numbers appear in every message, document and table: the way the 测算说明 writes them,
//! so that an official never sees a raw float ("尚缺0.275481367272吨/日") and the same
//! amount reads the same everywhere.

/// An amount in t/d or t/a with four decimals ("0.2755"); negative zero prints as "0.0000".
pub fn amount(v: f64) -> String {
    let s = format!("{v:.4}");
    if s == "-0.0000" {
        "0.0000".to_string()
    } else {
        s
    }
}

/// A fraction as a percentage with two decimals ("12.50%").
pub fn percent(fraction: f64) -> String {
    let s = format!("{:.2}%", fraction * 100.0);
    if s == "-0.00%" {
        "0.00%".to_string()
    } else {
        s
    }
}

/// Percentage points with two decimals ("20.00"), for gaps between two ratios.
pub fn points(fraction: f64) -> String {
    let s = format!("{:.2}", fraction * 100.0);
    if s == "-0.00" {
        "0.00".to_string()
    } else {
        s
    }
}

/// Any other quantity (days, kWh, a count written as a float): at most four decimals, without
/// trailing zeros ("300", "12.5").
pub fn quantity(x: f64) -> String {
    let s = format!("{x:.4}");
    let s = s.trim_end_matches('0').trim_end_matches('.');
    if s == "-0" {
        "0".to_string()
    } else {
        s.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_read_like_the_calculation_note() {
        assert_eq!(amount(0.275481367272), "0.2755");
        assert_eq!(amount(-0.0), "0.0000");
        assert_eq!(amount(4.0), "4.0000");
        assert_eq!(percent(0.125), "12.50%");
        assert_eq!(percent(50.24), "5024.00%");
        assert_eq!(percent(-0.0), "0.00%");
        assert_eq!(points(0.2), "20.00");
        assert_eq!(quantity(300.0), "300");
        assert_eq!(quantity(12.5), "12.5");
        assert_eq!(quantity(1.0 / 3.0), "0.3333");
        assert_eq!(quantity(-0.00001), "0");
    }
}
