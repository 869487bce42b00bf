//! How a profile numbers a list of entries: the expanded entries of a
//! section (`numbering` of a `[[part.section]]` in document.toml) and the
//! 类 rows of a 收支总表 (`numbering` of a `[[table]]` in tables.toml).
//! The style is written as it prints its first entry: `一、`, `（一）`,
//! `1.`, `1、` or `（1）`; no `numbering`, no number.

use serde::{Deserialize, Serialize};

/// A numbering style (`numbering = "…"`): an unknown one is refused when
/// the profile is read (`budget profile check` gives its line).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Numbering {
    /// 一、二、… 十一、
    #[serde(rename = "一、")]
    Chinese,
    /// （一）（二）…
    #[serde(rename = "（一）")]
    ChineseParen,
    /// 1. 2. …
    #[serde(rename = "1.")]
    ArabicDot,
    /// 1、2、…
    #[serde(rename = "1、")]
    ArabicComma,
    /// （1）（2）…
    #[serde(rename = "（1）")]
    ArabicParen,
}

impl Numbering {
    /// The mark of the `n`th entry (from 1): `三、`, `（三）`, `3.`.
    pub fn mark(self, n: usize) -> String {
        match self {
            Numbering::Chinese => format!("{}、", chinese_number(n)),
            Numbering::ChineseParen => format!("（{}）", chinese_number(n)),
            Numbering::ArabicDot => format!("{n}."),
            Numbering::ArabicComma => format!("{n}、"),
            Numbering::ArabicParen => format!("（{n}）"),
        }
    }
}

/// The `n`th entry's mark in `style` (empty without a style).
pub fn mark(style: Option<Numbering>, n: usize) -> String {
    style.map(|s| s.mark(n)).unwrap_or_default()
}

const NUMERALS: [&str; 10] = ["", "一", "二", "三", "四", "五", "六", "七", "八", "九"];

/// 1 → 一, 15 → 十五, 30 → 三十.
pub fn chinese_number(n: usize) -> String {
    match n {
        0 => "零".into(),
        1..=9 => NUMERALS[n].into(),
        10..=19 => format!("十{}", NUMERALS[n % 10]),
        20..=99 => format!("{}十{}", NUMERALS[n / 10], NUMERALS[n % 10]),
        _ => n.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_style_numbers_from_one() {
        assert_eq!(Numbering::Chinese.mark(11), "十一、");
        assert_eq!(Numbering::ChineseParen.mark(3), "（三）");
        assert_eq!(Numbering::ArabicDot.mark(12), "12.");
        assert_eq!(Numbering::ArabicComma.mark(2), "2、");
        assert_eq!(Numbering::ArabicParen.mark(1), "（1）");
        assert_eq!(mark(None, 4), "");
        assert_eq!(chinese_number(30), "三十");
        assert_eq!(chinese_number(100), "100");
    }

    #[test]
    fn a_style_is_read_as_it_prints() {
        #[derive(Deserialize)]
        struct T {
            numbering: Numbering,
        }
        let t: Result<T, _> = toml::from_str("numbering = \"（一）\"");
        assert_eq!(t.map(|t| t.numbering).ok(), Some(Numbering::ChineseParen));
        let bad: Result<T, _> = toml::from_str("numbering = \"paren\"");
        let e = bad.err().map(|e| e.to_string()).unwrap_or_default();
        assert!(e.contains("unknown variant `paren`"), "{e}");
    }
}
