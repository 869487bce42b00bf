//! Exact money. Every amount is a [`Decimal`] in 元; display units and
//! rounding apply only when a figure is shown.

use rust_decimal::prelude::*;
use serde::{Deserialize, Serialize};

pub type Money = Decimal;

/// The largest amount accepted: 10¹⁵ 元 (a thousand trillion). Sums of any
/// file's amounts then stay far inside `Decimal`'s range.
pub fn max_amount() -> Money {
    Decimal::from(1_000_000_000_000_000i64)
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum DisplayUnit {
    /// 万元, shown with 2 decimals.
    #[default]
    Wanyuan,
    /// 元, shown with 0 decimals.
    Yuan,
}

impl DisplayUnit {
    pub fn parse(word: &str) -> Option<DisplayUnit> {
        match word {
            "万元" => Some(DisplayUnit::Wanyuan),
            "元" => Some(DisplayUnit::Yuan),
            _ => None,
        }
    }
    /// 元 per display unit.
    pub fn factor(self) -> Decimal {
        match self {
            DisplayUnit::Wanyuan => Decimal::from(10_000),
            DisplayUnit::Yuan => Decimal::ONE,
        }
    }
    pub fn symbol(self) -> &'static str {
        match self {
            DisplayUnit::Wanyuan => "万元",
            DisplayUnit::Yuan => "元",
        }
    }
    pub fn decimals(self) -> u32 {
        match self {
            DisplayUnit::Wanyuan => 2,
            DisplayUnit::Yuan => 0,
        }
    }
    /// The smallest step a printed table shows, in 元.
    pub fn display_step(self) -> Money {
        match self {
            DisplayUnit::Wanyuan => Decimal::from(100),
            DisplayUnit::Yuan => Decimal::ONE,
        }
    }
}

/// Round half away from zero (四舍五入) to `dp` decimals.
pub fn round(x: Decimal, dp: u32) -> Decimal {
    x.round_dp_with_strategy(dp, RoundingStrategy::MidpointAwayFromZero)
}

/// An amount in the display unit, rounded for display: `1,329.84`.
pub fn display(m: Money, unit: DisplayUnit) -> String {
    let v = round(m / unit.factor(), unit.decimals());
    group(&format!("{:.*}", unit.decimals() as usize, v))
}

/// An exact amount in the display unit, without rounding, at least the
/// unit's decimals: `5.535万元`, `11.84万元`.
pub fn exact(m: Money, unit: DisplayUnit) -> String {
    let v = (m / unit.factor()).normalize();
    let dp = v.scale().max(unit.decimals());
    format!(
        "{}{}",
        group(&format!("{:.*}", dp as usize, v)),
        unit.symbol()
    )
}

/// An exact amount as a bare number in the display unit, as an author
/// writes it in a file with that 金额单位: `12.84`, `5.535`, `119000`.
pub fn plain(m: Money, unit: DisplayUnit) -> String {
    let v = (m / unit.factor()).normalize();
    let dp = v.scale().max(unit.decimals());
    format!("{:.*}", dp as usize, v)
}

/// Thousands separators in the integer part.
pub fn group(s: &str) -> String {
    group_with(s, ",")
}

/// `sep` between the thousands of the integer part (none when empty).
pub fn group_with(s: &str, sep: &str) -> String {
    let (sign, rest) = match s.strip_prefix('-') {
        Some(r) => ("-", r),
        None => ("", s),
    };
    let (int, frac) = match rest.find('.') {
        Some(i) => (&rest[..i], &rest[i..]),
        None => (rest, ""),
    };
    let mut out = String::new();
    for (i, ch) in int.chars().enumerate() {
        if i > 0 && (int.len() - i) % 3 == 0 {
            out.push_str(sep);
        }
        out.push(ch);
    }
    format!("{sign}{out}{frac}")
}

/// A share in percent, 2 decimals, half-up: `占0.97%` → "0.97".
pub fn percent(part: Money, whole: Money) -> Option<String> {
    if whole.is_zero() {
        return None;
    }
    let p = round(part * Decimal::from(100) / whole, 2);
    Some(format!("{p:.2}"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr;

    fn d(s: &str) -> Decimal {
        Decimal::from_str(s).expect("decimal")
    }

    #[test]
    fn display_rounds_half_up_in_wanyuan() {
        assert_eq!(display(d("55350"), DisplayUnit::Wanyuan), "5.54");
        assert_eq!(display(d("13298400"), DisplayUnit::Wanyuan), "1,329.84");
        assert_eq!(display(d("156211123"), DisplayUnit::Yuan), "156,211,123");
    }

    #[test]
    fn exact_keeps_all_digits() {
        assert_eq!(exact(d("55350"), DisplayUnit::Wanyuan), "5.535万元");
        assert_eq!(exact(d("118400"), DisplayUnit::Wanyuan), "11.84万元");
    }

    #[test]
    fn plain_is_a_bare_number_in_the_unit() {
        assert_eq!(plain(d("128400"), DisplayUnit::Wanyuan), "12.84");
        assert_eq!(plain(d("55350"), DisplayUnit::Wanyuan), "5.535");
        assert_eq!(plain(d("0"), DisplayUnit::Wanyuan), "0.00");
        assert_eq!(plain(d("119000"), DisplayUnit::Yuan), "119000");
        assert_eq!(plain(d("-100"), DisplayUnit::Wanyuan), "-0.01");
    }

    #[test]
    fn percent_half_up() {
        assert_eq!(percent(d("128400"), d("13298400")).as_deref(), Some("0.97"));
        assert_eq!(
            percent(d("10170000"), d("13170000")).as_deref(),
            Some("77.22")
        );
        assert_eq!(percent(d("1"), d("0")), None);
    }
}
