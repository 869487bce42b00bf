//! Print conventions and the rounding policy: how the figures of a document
//! are printed (decimals, thousands separator, zero, brackets …) and how far
//! a figure of each kind may be rounded.
//!
//! A profile declares its conventions (`[defaults]` and each `[[table]]` of
//! `templates/<profile>/tables.toml` take the fields of [`PrintStyle`]); a
//! document overrides them in its `排版` block ([`PrintOverrides`]). The
//! rounding policy ([`Rounding`]) is declared by the document (`转录精度`).

use super::money::{group_with, round, DisplayUnit, Money};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

/// Brackets in the printed labels of a table's rows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Brackets {
    /// As written (the catalog's or the author's).
    Keep,
    /// `(` `)`: 维修(护)费.
    Half,
    /// `（` `）`: 维修（护）费.
    Full,
}

impl Brackets {
    pub fn parse(word: &str) -> Option<Brackets> {
        match word {
            "原样" | "keep" => Some(Brackets::Keep),
            "半角" | "half" => Some(Brackets::Half),
            "全角" | "full" => Some(Brackets::Full),
            _ => None,
        }
    }
    pub fn apply(self, s: &str) -> String {
        match self {
            Brackets::Keep => s.to_string(),
            Brackets::Half => s.replace('（', "(").replace('）', ")"),
            Brackets::Full => s.replace('(', "（").replace(')', "）"),
        }
    }
}

/// How the amounts of a table print. Every field is optional: an unset
/// field falls back to the next level (document table → document → profile
/// table → profile defaults → [`NumberStyle::default`]).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct PrintStyle {
    /// Decimals of an amount in the table's unit (default: the unit's, 万元 2,
    /// 元 0). An exact table (元) never hides a non-zero 分: it prints as many
    /// decimals as the amount has.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub decimals: Option<u32>,
    /// Drop trailing zeros of the decimals: `25` for 25.00, `47.9` for 47.90.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub trim_zeros: Option<bool>,
    /// The thousands separator (`,` or empty).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub thousands: Option<String>,
    /// How a zero amount prints: ``, `0`, `0.00`, `-` ….
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub zero: Option<String>,
    /// How a zero amount prints in a table with no data at all (its 合计 row).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub empty_zero: Option<String>,
    /// Brackets in row labels.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub brackets: Option<Brackets>,
    /// The note a table with no data carries.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub empty_note: Option<String>,
}

impl PrintStyle {
    /// `self` where set, else `base`.
    pub fn or(&self, base: &PrintStyle) -> PrintStyle {
        PrintStyle {
            decimals: self.decimals.or(base.decimals),
            trim_zeros: self.trim_zeros.or(base.trim_zeros),
            thousands: self.thousands.clone().or_else(|| base.thousands.clone()),
            zero: self.zero.clone().or_else(|| base.zero.clone()),
            empty_zero: self.empty_zero.clone().or_else(|| base.empty_zero.clone()),
            brackets: self.brackets.or(base.brackets),
            empty_note: self.empty_note.clone().or_else(|| base.empty_note.clone()),
        }
    }
    pub fn is_empty(&self) -> bool {
        *self == PrintStyle::default()
    }
}

/// One table's override in a document's `排版` block.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct TablePrint {
    /// The profile's table id, e.g. `9`.
    pub table: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    #[serde(default)]
    pub style: PrintStyle,
    /// Where its `空表说明` is written.
    #[serde(skip)]
    pub note_span: Option<crate::diagnostic::Span>,
}

/// One wording choice of the profile's narrative a document makes
/// (`措辞 { 科目 是 }`): the profile declares the choices and their defaults
/// (`[wording]` in its document.toml), its template reads them.
#[derive(Debug, Clone, Default, Eq, Serialize, Deserialize)]
pub struct WordingChoice {
    pub name: String,
    pub on: bool,
    #[serde(skip)]
    pub span: crate::diagnostic::Span,
}

/// The same choice wherever it is written (the span is where, not what).
impl PartialEq for WordingChoice {
    fn eq(&self, other: &Self) -> bool {
        self.name == other.name && self.on == other.on
    }
}

/// A document's `排版` block: conventions for every table, then per table,
/// and the wording choices of the narrative.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct PrintOverrides {
    #[serde(default)]
    pub all: PrintStyle,
    #[serde(default)]
    pub tables: Vec<TablePrint>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub wording: Vec<WordingChoice>,
}

impl PrintOverrides {
    pub fn table(&self, id: &str) -> Option<&TablePrint> {
        self.tables.iter().find(|t| t.table == id)
    }
    pub fn is_empty(&self) -> bool {
        self.all.is_empty() && self.tables.is_empty() && self.wording.is_empty()
    }
}

/// The resolved number format of one table.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NumberStyle {
    pub unit: DisplayUnit,
    pub decimals: u32,
    pub trim_zeros: bool,
    pub thousands: String,
}

impl NumberStyle {
    pub fn new(unit: DisplayUnit, style: &PrintStyle) -> NumberStyle {
        NumberStyle {
            unit,
            decimals: style.decimals.unwrap_or(unit.decimals()),
            trim_zeros: style.trim_zeros.unwrap_or(false),
            thousands: style.thousands.clone().unwrap_or_else(|| ",".into()),
        }
    }

    /// An amount in 元 as printed, and the decimals printed. Amounts in 元
    /// are exact: a 分 is never rounded away. Amounts in 万元 are rounded
    /// half away from zero to `decimals`.
    pub fn print(&self, m: Money) -> (String, u32) {
        let v = m.in_unit(self.unit).normalize();
        let dp = match self.unit {
            DisplayUnit::Yuan => self.decimals.max(v.scale()),
            DisplayUnit::Wanyuan => self.decimals,
        };
        let mut s = format!("{:.*}", dp as usize, round(v, dp));
        if self.trim_zeros && s.contains('.') {
            s = s.trim_end_matches('0').trim_end_matches('.').to_string();
        }
        let shown = s.find('.').map(|i| (s.len() - i - 1) as u32).unwrap_or(0);
        (group_with(&s, &self.thousands), shown)
    }
}

/// Kinds of figures, each with its own declared rounding.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FigureKind {
    /// Lines of the main tables (收入, 支出, 基本支出, 项目).
    Table,
    /// The 三公 and 机关运行经费 figures (a summary table such as 表9).
    Summary,
    /// Figures of the narrative: 上年, 政府采购, 绩效概况 ….
    Narrative,
}

/// The declared rounding of each kind of figure, in 元; `None`: exact.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Rounding {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub summary: Option<Money>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub narrative: Option<Money>,
}

impl Rounding {
    pub fn is_exact(&self) -> bool {
        self.summary.is_none() && self.narrative.is_none()
    }
}

/// The rounding bound of `parts` figures each rounded to `step`: n × half
/// a step (the one place this tolerance is computed).
pub fn rounding_bound(step: Option<Money>, parts: usize) -> Money {
    match step {
        Some(s) => s * Decimal::from(parts as u64) / Decimal::from(2),
        None => Money::ZERO,
    }
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
    fn yuan_keeps_its_fen_and_wanyuan_rounds() {
        let yuan = NumberStyle::new(DisplayUnit::Yuan, &PrintStyle::default());
        assert_eq!(yuan.print(m("96282213.44")).0, "96,282,213.44");
        assert_eq!(yuan.print(m("371514655")).0, "371,514,655");
        let two = PrintStyle {
            decimals: Some(2),
            ..PrintStyle::default()
        };
        let yuan2 = NumberStyle::new(DisplayUnit::Yuan, &two);
        assert_eq!(yuan2.print(m("371514655")), ("371,514,655.00".into(), 2));
        let wan = NumberStyle::new(DisplayUnit::Wanyuan, &PrintStyle::default());
        assert_eq!(wan.print(m("1710062")), ("171.01".into(), 2));
    }

    #[test]
    fn trim_and_separator() {
        let st = PrintStyle {
            trim_zeros: Some(true),
            thousands: Some(String::new()),
            ..PrintStyle::default()
        };
        let wan = NumberStyle::new(DisplayUnit::Wanyuan, &st);
        assert_eq!(wan.print(m("250000")), ("25".into(), 0));
        assert_eq!(wan.print(m("479100")), ("47.91".into(), 2));
        assert_eq!(wan.print(m("13298400")), ("1329.84".into(), 2));
    }

    #[test]
    fn bound_is_n_half_steps() {
        assert_eq!(rounding_bound(Some(m("100")), 3), m("150"));
        assert_eq!(rounding_bound(None, 3), Money::ZERO);
    }
}
