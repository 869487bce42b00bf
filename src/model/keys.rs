//! Typed keys of the model: the figures of the `上年` block
//! ([`LastYearKey`]), the top-level statements a rule depends on
//! ([`Section`]), and validated function and economic codes
//! ([`FunctionCode`], [`EconomicCode`]).
//!
//! Each is written in the language (and in the JSON model) by its Chinese
//! word or its digits; a model read back from JSON is validated by
//! deserialization, so that no later stage meets a code of the wrong length.

use super::CodeLevel;
use crate::diagnostic::Code;
use serde::{Deserialize, Serialize};
use std::fmt;

/// A figure of the `上年` block, with the rule that asks for a reason when
/// it changed (N1 totals, N7 三公).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum LastYearKey {
    #[serde(rename = "收入总计")]
    IncomeTotal,
    #[serde(rename = "支出总计")]
    ExpenditureTotal,
    #[serde(rename = "财政拨款")]
    Fiscal,
    #[serde(rename = "一般公共预算当年支出")]
    GeneralCurrent,
    #[serde(rename = "三公经费")]
    ThreePublic,
    #[serde(rename = "因公出国（境）费")]
    Abroad,
    #[serde(rename = "公务接待费")]
    Reception,
    #[serde(rename = "公务用车购置费")]
    VehiclePurchase,
    #[serde(rename = "公务用车运行维护费")]
    VehicleRunning,
    #[serde(rename = "公务用车购置及运行费")]
    Vehicle,
    #[serde(rename = "机关运行经费")]
    AdminCost,
    #[serde(rename = "政府性基金")]
    GovernmentFund,
    #[serde(rename = "国有资本经营")]
    StateCapital,
}

impl LastYearKey {
    /// Every key, in the order the `上年` block documents them.
    pub const ALL: [LastYearKey; 13] = [
        LastYearKey::IncomeTotal,
        LastYearKey::ExpenditureTotal,
        LastYearKey::Fiscal,
        LastYearKey::GeneralCurrent,
        LastYearKey::ThreePublic,
        LastYearKey::Abroad,
        LastYearKey::Reception,
        LastYearKey::VehiclePurchase,
        LastYearKey::VehicleRunning,
        LastYearKey::Vehicle,
        LastYearKey::AdminCost,
        LastYearKey::GovernmentFund,
        LastYearKey::StateCapital,
    ];

    /// The keyword of the `上年` block (its key in the schema).
    pub fn word(self) -> &'static str {
        match self {
            LastYearKey::IncomeTotal => "收入总计",
            LastYearKey::ExpenditureTotal => "支出总计",
            LastYearKey::Fiscal => "财政拨款",
            LastYearKey::GeneralCurrent => "一般公共预算当年支出",
            LastYearKey::ThreePublic => "三公经费",
            LastYearKey::Abroad => "因公出国（境）费",
            LastYearKey::Reception => "公务接待费",
            LastYearKey::VehiclePurchase => "公务用车购置费",
            LastYearKey::VehicleRunning => "公务用车运行维护费",
            LastYearKey::Vehicle => "公务用车购置及运行费",
            LastYearKey::AdminCost => "机关运行经费",
            LastYearKey::GovernmentFund => "政府性基金",
            LastYearKey::StateCapital => "国有资本经营",
        }
    }

    /// The key a keyword names.
    pub fn parse(word: &str) -> Option<LastYearKey> {
        LastYearKey::ALL.into_iter().find(|k| k.word() == word)
    }

    /// The code of the rule that asks for the reason of a change.
    pub fn rule(self) -> Code {
        match self {
            LastYearKey::ThreePublic
            | LastYearKey::Abroad
            | LastYearKey::Reception
            | LastYearKey::VehiclePurchase
            | LastYearKey::VehicleRunning
            | LastYearKey::Vehicle => Code::N7,
            _ => Code::N1,
        }
    }
}

impl fmt::Display for LastYearKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.word())
    }
}

/// A top-level statement whose figures a rule adds up: a rule is skipped
/// when one it reads lost a part to an error (rather than report a false
/// imbalance).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Section {
    Unit,
    Income,
    Expenditure,
    Economic,
    ThreePublic,
    AdminCost,
    Project,
    LastYear,
    Procurement,
    PerformanceSummary,
    Assets,
}

impl Section {
    /// The section a top-level keyword (in its canonical spelling) opens.
    pub fn of_keyword(word: &str) -> Option<Section> {
        Some(match word {
            "单位" => Section::Unit,
            "收入" => Section::Income,
            "支出" => Section::Expenditure,
            "基本支出" => Section::Economic,
            "三公经费" => Section::ThreePublic,
            "机关运行经费" => Section::AdminCost,
            "项目" => Section::Project,
            "上年" => Section::LastYear,
            "政府采购" => Section::Procurement,
            "绩效概况" => Section::PerformanceSummary,
            "国有资产" => Section::Assets,
            _ => return None,
        })
    }
}

/// The top-level statements that lost a part to an error of the syntax or
/// lowering stage.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Incomplete {
    /// A statement whose keyword was lost (every rule is skipped).
    pub unknown: bool,
    pub sections: Vec<Section>,
}

impl Incomplete {
    /// None of these sections lost a part.
    pub fn none_of(&self, sections: &[Section]) -> bool {
        !self.unknown && !self.sections.iter().any(|s| sections.contains(s))
    }
}

/// The error of a code that is not a code of its kind.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CodeError {
    pub code: String,
    pub kind: &'static str,
}

impl fmt::Display for CodeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "`{}` is not a {}", self.code, self.kind)
    }
}

impl std::error::Error for CodeError {}

/// A classification code of one kind ([`FunctionCode`], [`EconomicCode`]).
pub trait ClassCode: Sized {
    /// The digit counts a code of this kind has.
    const LENGTHS: &'static [usize];
    /// `code` if it is all ASCII digits of one of [`Self::LENGTHS`].
    fn parse(code: &str) -> Result<Self, CodeError>;
    /// 类 (3 digits), 款 (5) or 项 (7).
    fn level(&self) -> CodeLevel;
}

macro_rules! code_type {
    ($(#[$doc:meta])* $name:ident, $kind:literal, [$($len:literal),+]) => {
        $(#[$doc])*
        #[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
        #[serde(try_from = "String", into = "String")]
        pub struct $name(String);

        impl $name {
            /// The digit counts a code of this kind has.
            pub const LENGTHS: &'static [usize] = &[$($len),+];

            /// `code` if it is all ASCII digits of one of [`Self::LENGTHS`].
            pub fn new(code: &str) -> Result<$name, CodeError> {
                if Self::LENGTHS.contains(&code.len()) && code.bytes().all(|b| b.is_ascii_digit()) {
                    Ok($name(code.to_string()))
                } else {
                    Err(CodeError { code: code.to_string(), kind: $kind })
                }
            }

            pub fn as_str(&self) -> &str {
                &self.0
            }

            /// 类 (3 digits), 款 (5) or 项 (7).
            pub fn level(&self) -> CodeLevel {
                match self.0.len() {
                    3 => CodeLevel::Lei,
                    5 => CodeLevel::Kuan,
                    _ => CodeLevel::Xiang,
                }
            }

            /// The code of its 类 (its first 3 digits).
            pub fn lei(&self) -> &str {
                &self.0[..3]
            }

            /// The code of its parent (a 类 has none).
            pub fn parent(&self) -> Option<&str> {
                (self.0.len() > 3).then(|| &self.0[..self.0.len() - 2])
            }
        }

        impl ClassCode for $name {
            const LENGTHS: &'static [usize] = &[$($len),+];
            fn parse(code: &str) -> Result<$name, CodeError> {
                $name::new(code)
            }
            fn level(&self) -> CodeLevel {
                $name::level(self)
            }
        }

        impl TryFrom<String> for $name {
            type Error = CodeError;
            fn try_from(s: String) -> Result<$name, CodeError> {
                $name::new(&s)
            }
        }

        impl From<$name> for String {
            fn from(c: $name) -> String {
                c.0
            }
        }

        impl std::ops::Deref for $name {
            type Target = str;
            fn deref(&self) -> &str {
                &self.0
            }
        }

        impl AsRef<str> for $name {
            fn as_ref(&self) -> &str {
                &self.0
            }
        }

        impl std::borrow::Borrow<str> for $name {
            fn borrow(&self) -> &str {
                &self.0
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(&self.0)
            }
        }

        impl PartialEq<str> for $name {
            fn eq(&self, o: &str) -> bool {
                self.0 == o
            }
        }

        impl PartialEq<&str> for $name {
            fn eq(&self, o: &&str) -> bool {
                self.0 == *o
            }
        }

        impl PartialEq<String> for $name {
            fn eq(&self, o: &String) -> bool {
                &self.0 == o
            }
        }

        impl PartialEq<$name> for String {
            fn eq(&self, o: &$name) -> bool {
                *self == o.0
            }
        }

        impl PartialEq<$name> for &str {
            fn eq(&self, o: &$name) -> bool {
                *self == o.0
            }
        }

        impl PartialEq<$name> for str {
            fn eq(&self, o: &$name) -> bool {
                self == o.0
            }
        }
    };
}

code_type!(
    /// A 功能分类 code: 类 3 digits, 款 5, 项 7.
    FunctionCode,
    "function code (3, 5 or 7 digits)",
    [3, 5, 7]
);

code_type!(
    /// A 经济分类 code (部门 or 政府): 类 3 digits, 款 5.
    EconomicCode,
    "economic code (3 or 5 digits)",
    [3, 5]
);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_validated_when_made_and_read() {
        assert_eq!(
            FunctionCode::new("2011301").map(|c| c.level()),
            Ok(CodeLevel::Xiang)
        );
        assert_eq!(
            FunctionCode::new("20113").map(|c| c.parent().map(str::to_string)),
            Ok(Some("201".to_string()))
        );
        assert!(FunctionCode::new("20").is_err());
        assert!(FunctionCode::new("20a").is_err());
        assert!(EconomicCode::new("3020101").is_err());
        assert_eq!(
            EconomicCode::new("30201").map(|c| c.lei().to_string()),
            Ok("302".to_string())
        );
        let ok: Result<FunctionCode, _> = serde_json::from_str("\"201\"");
        assert_eq!(ok.ok().map(String::from).as_deref(), Some("201"));
        let err: Result<FunctionCode, _> = serde_json::from_str("\"20\"");
        assert!(err.is_err_and(|e| e.to_string().contains("`20` is not a function code")));
        assert_eq!(
            serde_json::to_string(&FunctionCode::new("201").ok())
                .ok()
                .as_deref(),
            Some("\"201\"")
        );
    }

    #[test]
    fn last_year_keys_are_their_words() {
        for k in LastYearKey::ALL {
            assert_eq!(LastYearKey::parse(k.word()), Some(k));
            assert_eq!(
                serde_json::to_string(&k).ok(),
                Some(format!("\"{}\"", k.word()))
            );
        }
        assert_eq!(LastYearKey::parse("胡说八道"), None);
        assert_eq!(LastYearKey::Reception.rule(), Code::N7);
        assert_eq!(LastYearKey::IncomeTotal.rule(), Code::N1);
    }

    #[test]
    fn a_lost_section_skips_only_its_rules() {
        let i = Incomplete {
            unknown: false,
            sections: vec![Section::Income],
        };
        assert!(!i.none_of(&[Section::Income, Section::Expenditure]));
        assert!(i.none_of(&[Section::Expenditure]));
        let all = Incomplete {
            unknown: true,
            sections: vec![],
        };
        assert!(!all.none_of(&[Section::Assets]));
    }
}
