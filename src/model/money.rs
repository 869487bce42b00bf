//! Exact money. Every amount is a [`Money`]: a [`Decimal`] number of 元,
//! a type of its own so that an amount is never mixed up with a display
//! number (a value as printed in 万元, a percentage, a count). Display units
//! and rounding apply only when a figure is shown.
//!
//! Conversions say their unit: [`Money::yuan`] and [`Money::from_unit`]
//! build an amount, [`Money::as_yuan`] and [`Money::in_unit`] leave it.

use rust_decimal::prelude::*;
use serde::{Deserialize, Serialize};
use std::iter::Sum;
use std::ops::{Add, AddAssign, Div, Mul, Neg, Sub, SubAssign};

/// An exact amount in 元. Serialised as the bare [`Decimal`] it holds, so
/// the JSON model is the same as when amounts were plain decimals.
///
/// An amount and a display number do not mix; convert explicitly:
///
/// ```compile_fail
/// use budget::model::Money;
/// use rust_decimal::Decimal;
/// let shown_in_wanyuan = Decimal::ONE;
/// let _ = Money::ZERO + shown_in_wanyuan;
/// ```
///
/// ```
/// use budget::model::{DisplayUnit, Money};
/// use rust_decimal::Decimal;
/// let shown_in_wanyuan = Decimal::ONE;
/// let m = Money::ZERO + Money::from_unit(shown_in_wanyuan, DisplayUnit::Wanyuan);
/// assert_eq!(m, Money::yuan(Decimal::from(10_000)));
/// ```
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default, Serialize, Deserialize,
)]
#[serde(transparent)]
pub struct Money(Decimal);

impl Money {
    pub const ZERO: Money = Money(Decimal::ZERO);

    /// An amount of `x` 元.
    pub const fn yuan(x: Decimal) -> Money {
        Money(x)
    }
    /// An amount written as `x` in a display unit: 12.84 万元 → 128,400 元.
    pub fn from_unit(x: Decimal, unit: DisplayUnit) -> Money {
        Money(x * unit.factor())
    }
    /// [`Money::from_unit`], or `None` when the amount overflows.
    pub fn checked_from_unit(x: Decimal, unit: DisplayUnit) -> Option<Money> {
        x.checked_mul(unit.factor()).map(Money)
    }
    /// The same amount without trailing zeros: 128400.00 元 → 128400 元.
    pub fn normalize(self) -> Money {
        Money(self.0.normalize())
    }
    /// The number of 元, exact.
    pub const fn as_yuan(self) -> Decimal {
        self.0
    }
    /// The exact number in a display unit, not rounded: 55,350 元 → 5.535 万元.
    pub fn in_unit(self, unit: DisplayUnit) -> Decimal {
        self.0 / unit.factor()
    }
    pub fn abs(self) -> Money {
        Money(self.0.abs())
    }
    pub fn is_zero(self) -> bool {
        self.0.is_zero()
    }
    pub fn is_sign_negative(self) -> bool {
        self.0.is_sign_negative()
    }
    /// `self / whole` as a pure number; `None` when `whole` is zero.
    pub fn ratio(self, whole: Money) -> Option<Decimal> {
        (!whole.is_zero()).then(|| self.0 / whole.0)
    }
    /// `self` as a percentage of `whole`, exact; `None` when `whole` is zero.
    pub fn percent_of(self, whole: Money) -> Option<Decimal> {
        (!whole.is_zero()).then(|| self.0 * Decimal::ONE_HUNDRED / whole.0)
    }
    /// The amount rounded half away from zero to a multiple of `step`, as a
    /// table printing to that step shows it; itself when `step` is zero.
    pub fn round_to(self, step: Money) -> Money {
        if step.is_zero() {
            return self;
        }
        Money(round(self.0 / step.0, 0) * step.0)
    }
}

impl Add for Money {
    type Output = Money;
    fn add(self, o: Money) -> Money {
        Money(self.0 + o.0)
    }
}

impl Sub for Money {
    type Output = Money;
    fn sub(self, o: Money) -> Money {
        Money(self.0 - o.0)
    }
}

impl Neg for Money {
    type Output = Money;
    fn neg(self) -> Money {
        Money(-self.0)
    }
}

impl AddAssign for Money {
    fn add_assign(&mut self, o: Money) {
        self.0 += o.0;
    }
}

impl SubAssign for Money {
    fn sub_assign(&mut self, o: Money) {
        self.0 -= o.0;
    }
}

/// Scaling an amount by a pure number (a share, a count).
impl Mul<Decimal> for Money {
    type Output = Money;
    fn mul(self, k: Decimal) -> Money {
        Money(self.0 * k)
    }
}

/// Dividing an amount by a pure number (halving, a count of parts).
impl Div<Decimal> for Money {
    type Output = Money;
    fn div(self, k: Decimal) -> Money {
        Money(self.0 / k)
    }
}

impl Sum for Money {
    fn sum<I: Iterator<Item = Money>>(iter: I) -> Money {
        Money(iter.map(|m| m.0).sum())
    }
}

impl<'a> Sum<&'a Money> for Money {
    fn sum<I: Iterator<Item = &'a Money>>(iter: I) -> Money {
        Money(iter.map(|m| m.0).sum())
    }
}

/// The largest amount accepted: 10¹⁵ 元 (a thousand trillion). Sums of any
/// file's amounts then stay far inside `Decimal`'s range.
pub fn max_amount() -> Money {
    Money(Decimal::from(1_000_000_000_000_000i64))
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
    /// 元 per display unit. Private: convert with [`Money::from_unit`] and
    /// [`Money::in_unit`].
    fn factor(self) -> Decimal {
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
            DisplayUnit::Wanyuan => Money(Decimal::ONE_HUNDRED),
            DisplayUnit::Yuan => Money(Decimal::ONE),
        }
    }
}

/// Round half away from zero (四舍五入) to `dp` decimals.
pub fn round(x: Decimal, dp: u32) -> Decimal {
    x.round_dp_with_strategy(dp, RoundingStrategy::MidpointAwayFromZero)
}

/// An amount in the display unit, rounded for display: `1,329.84`.
pub fn display(m: Money, unit: DisplayUnit) -> String {
    let v = round(m.in_unit(unit), unit.decimals());
    group(&format!("{:.*}", unit.decimals() as usize, v))
}

/// An exact amount in the display unit, without rounding, at least the
/// unit's decimals: `5.535万元`, `11.84万元`.
pub fn exact(m: Money, unit: DisplayUnit) -> String {
    let v = m.in_unit(unit).normalize();
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
    let v = m.in_unit(unit).normalize();
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
    let p = round(part.percent_of(whole)?, 2);
    Some(format!("{p:.2}"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr;

    fn d(s: &str) -> Decimal {
        Decimal::from_str(s).expect("decimal")
    }

    fn m(s: &str) -> Money {
        Money::yuan(d(s))
    }

    #[test]
    fn display_rounds_half_up_in_wanyuan() {
        assert_eq!(display(m("55350"), DisplayUnit::Wanyuan), "5.54");
        assert_eq!(display(m("13298400"), DisplayUnit::Wanyuan), "1,329.84");
        assert_eq!(display(m("156211123"), DisplayUnit::Yuan), "156,211,123");
    }

    #[test]
    fn exact_keeps_all_digits() {
        assert_eq!(exact(m("55350"), DisplayUnit::Wanyuan), "5.535万元");
        assert_eq!(exact(m("118400"), DisplayUnit::Wanyuan), "11.84万元");
    }

    #[test]
    fn plain_is_a_bare_number_in_the_unit() {
        assert_eq!(plain(m("128400"), DisplayUnit::Wanyuan), "12.84");
        assert_eq!(plain(m("55350"), DisplayUnit::Wanyuan), "5.535");
        assert_eq!(plain(m("0"), DisplayUnit::Wanyuan), "0.00");
        assert_eq!(plain(m("119000"), DisplayUnit::Yuan), "119000");
        assert_eq!(plain(m("-100"), DisplayUnit::Wanyuan), "-0.01");
    }

    #[test]
    fn percent_half_up() {
        assert_eq!(percent(m("128400"), m("13298400")).as_deref(), Some("0.97"));
        assert_eq!(
            percent(m("10170000"), m("13170000")).as_deref(),
            Some("77.22")
        );
        assert_eq!(percent(m("1"), m("0")), None);
    }

    #[test]
    fn from_unit_is_exact_to_the_fen() {
        let w = DisplayUnit::Wanyuan;
        assert_eq!(Money::from_unit(d("1329.84"), w), m("13298400"));
        assert_eq!(Money::from_unit(d("1329.84"), w).as_yuan(), d("13298400"));
        assert_eq!(Money::from_unit(d("0.005"), w), m("50"));
        assert_eq!(Money::from_unit(d("0.000001"), w), m("0.01"));
        assert_eq!(
            Money::from_unit(d("119000"), DisplayUnit::Yuan),
            m("119000")
        );
        assert_eq!(Money::from_unit(d("-12.84"), w), m("-128400"));
    }

    #[test]
    fn in_unit_is_exact_and_not_rounded() {
        assert_eq!(m("55350").in_unit(DisplayUnit::Wanyuan), d("5.535"));
        assert_eq!(m("13298400").in_unit(DisplayUnit::Wanyuan), d("1329.84"));
        assert_eq!(m("50").in_unit(DisplayUnit::Wanyuan), d("0.005"));
        assert_eq!(m("0.01").in_unit(DisplayUnit::Wanyuan), d("0.000001"));
        assert_eq!(m("119000.5").in_unit(DisplayUnit::Yuan), d("119000.5"));
        let back = Money::from_unit(
            m("123456.78").in_unit(DisplayUnit::Wanyuan),
            DisplayUnit::Wanyuan,
        );
        assert_eq!(back, m("123456.78"));
    }

    #[test]
    fn arithmetic_stays_in_yuan() {
        let mut a = m("100.50");
        assert_eq!(a + m("0.50"), m("101"));
        assert_eq!(a - m("200"), m("-99.50"));
        assert_eq!(-a, m("-100.50"));
        a += m("1.25");
        assert_eq!(a, m("101.75"));
        a -= m("0.75");
        assert_eq!(a, m("101"));
        assert_eq!(m("300") * d("0.5"), m("150"));
        assert_eq!(m("301") / d("2"), m("150.5"));
        assert_eq!(m("-3").abs(), m("3"));
        assert!(m("-3").is_sign_negative() && !m("3").is_sign_negative());
        assert!(m("0.00").is_zero() && Money::ZERO.is_zero() && !m("0.01").is_zero());
        assert_eq!(Money::default(), Money::ZERO);
        assert!(m("99.99") < m("100") && m("-1") < Money::ZERO);
        assert_eq!(m("1.0"), m("1.00"));
    }

    #[test]
    fn round_to_a_step_is_half_away_from_zero() {
        let step = DisplayUnit::Wanyuan.display_step();
        assert_eq!(m("1710050").round_to(step), m("1710100"));
        assert_eq!(m("1710049.99").round_to(step), m("1710000"));
        assert_eq!(m("-150").round_to(step), m("-200"));
        assert_eq!(m("12.34").round_to(Money::ZERO), m("12.34"));
    }

    #[test]
    fn sums_of_values_and_references() {
        let list = [m("0.01"), m("128400"), m("-400")];
        let by_ref: Money = list.iter().sum();
        let by_value: Money = list.into_iter().sum();
        assert_eq!(by_ref, m("128000.01"));
        assert_eq!(by_value, by_ref);
        assert_eq!(std::iter::empty::<Money>().sum::<Money>(), Money::ZERO);
    }

    #[test]
    fn ratios_are_named_and_refuse_a_zero_whole() {
        assert_eq!(m("1").ratio(m("4")), Some(d("0.25")));
        assert_eq!(
            m("128400").percent_of(m("13298400")).map(|p| round(p, 4)),
            Some(d("0.9655"))
        );
        assert_eq!(m("1").percent_of(m("8")), Some(d("12.5")));
        assert_eq!(m("1").ratio(Money::ZERO), None);
        assert_eq!(m("1").percent_of(m("0.00")), None);
    }

    #[test]
    fn json_is_the_bare_decimal_as_before() {
        for s in ["13298400", "13298400.00", "-0.01", "0"] {
            let money = serde_json::to_string(&m(s)).expect("json");
            let decimal = serde_json::to_string(&d(s)).expect("json");
            assert_eq!(money, decimal);
            let back: Money = serde_json::from_str(&decimal).expect("read back");
            assert_eq!(back, m(s));
        }
        assert_eq!(
            serde_json::to_string(&m("12.50")).expect("json"),
            "\"12.50\""
        );
        let list = serde_json::to_string(&vec![m("1"), m("2.5")]).expect("json");
        assert_eq!(list, "[\"1\",\"2.5\"]");
    }
}
