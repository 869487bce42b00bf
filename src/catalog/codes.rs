//! Code kinds, levels and provenance, the code-shape helpers and the error
//! type of catalog files.
//!
//! This file is also compiled into `build.rs` (with `rows.rs` and
//! `shipped.rs`), which validates the shipped catalog files before the crate
//! is built: it must stay free of `crate::` paths.

use std::fmt;

/// Which code list a code belongs to.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize,
)]
pub enum CodeKind {
    /// 功能分类
    Function,
    /// 部门经济分类
    EconomicDepartment,
    /// 政府经济分类
    EconomicGovernment,
}

impl CodeKind {
    /// All kinds, in catalog order.
    pub const ALL: [CodeKind; 3] = [
        CodeKind::Function,
        CodeKind::EconomicDepartment,
        CodeKind::EconomicGovernment,
    ];

    /// The English identifier used in catalog files:
    /// `function`, `economic-department`, `economic-government`.
    pub fn id(self) -> &'static str {
        match self {
            CodeKind::Function => "function",
            CodeKind::EconomicDepartment => "economic-department",
            CodeKind::EconomicGovernment => "economic-government",
        }
    }

    /// The Chinese name: 功能分类, 部门经济分类, 政府经济分类.
    pub fn name_zh(self) -> &'static str {
        match self {
            CodeKind::Function => "功能分类",
            CodeKind::EconomicDepartment => "部门经济分类",
            CodeKind::EconomicGovernment => "政府经济分类",
        }
    }

    /// Parses a kind as written in a catalog file: the English identifier
    /// (ASCII case-insensitive) or the Chinese name; surrounding white space is ignored.
    pub fn parse(s: &str) -> Option<CodeKind> {
        let s = s.trim();
        CodeKind::ALL
            .into_iter()
            .find(|k| s.eq_ignore_ascii_case(k.id()) || s == k.name_zh())
    }

    /// The deepest level of this kind: 项 for 功能分类, 款 for the economic lists.
    pub fn deepest_level(self) -> Level {
        match self {
            CodeKind::Function => Level::Xiang,
            CodeKind::EconomicDepartment | CodeKind::EconomicGovernment => Level::Kuan,
        }
    }

    /// The position of this kind in [`CodeKind::ALL`].
    pub fn index(self) -> usize {
        match self {
            CodeKind::Function => 0,
            CodeKind::EconomicDepartment => 1,
            CodeKind::EconomicGovernment => 2,
        }
    }
}

impl fmt::Display for CodeKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.id())
    }
}

/// The level of a code: 类 / 款 / 项. The one code-level type of the crate:
/// the model (`model::CodeLevel`) and the catalog share it.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize,
)]
pub enum Level {
    /// 类
    Lei,
    /// 款
    Kuan,
    /// 项
    Xiang,
}

impl Level {
    /// 类, 款 and 项, from the top.
    pub const ALL: [Level; 3] = [Level::Lei, Level::Kuan, Level::Xiang];

    /// 类, 款 or 项.
    pub fn name_zh(self) -> &'static str {
        match self {
            Level::Lei => "类",
            Level::Kuan => "款",
            Level::Xiang => "项",
        }
    }

    /// `lei`, `kuan` or `xiang`.
    pub fn id(self) -> &'static str {
        match self {
            Level::Lei => "lei",
            Level::Kuan => "kuan",
            Level::Xiang => "xiang",
        }
    }

    /// Parses 类/款/项 or lei/kuan/xiang (ASCII case-insensitive, trimmed).
    pub fn parse(s: &str) -> Option<Level> {
        let s = s.trim();
        Level::ALL
            .into_iter()
            .find(|l| s == l.name_zh() || s.eq_ignore_ascii_case(l.id()))
    }

    /// The level above this one (`None` for 类).
    pub fn parent(self) -> Option<Level> {
        match self {
            Level::Lei => None,
            Level::Kuan => Some(Level::Lei),
            Level::Xiang => Some(Level::Kuan),
        }
    }
}

/// Where an entry comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize)]
pub enum Provenance {
    /// Printed with this name in a real published document (the `source`
    /// column names the documents).
    Observed,
    /// From the published national standard (政府收支分类科目, the edition in
    /// `source`), not yet seen printed in a document of the corpus.
    Standard,
    /// Added or overridden by the user's own catalog file.
    User,
}

impl Provenance {
    /// `observed`, `standard` or `user`.
    pub fn as_str(self) -> &'static str {
        match self {
            Provenance::Observed => "observed",
            Provenance::Standard => "standard",
            Provenance::User => "user",
        }
    }

    /// 文件中所见 / 国家标准 / 用户目录.
    pub fn name_zh(self) -> &'static str {
        match self {
            Provenance::Observed => "见于已公开文件",
            Provenance::Standard => "国家标准科目表",
            Provenance::User => "用户目录文件",
        }
    }

    /// Parses `observed` or `standard` (the values of a shipped file).
    pub fn parse_shipped(s: &str) -> Option<Provenance> {
        match s.trim() {
            "observed" => Some(Provenance::Observed),
            "standard" => Some(Provenance::Standard),
            _ => None,
        }
    }
}

/// A problem in a catalog file, at a 1-based line number.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CatalogError {
    pub line: usize,
    pub message_zh: String,
    pub message_en: String,
}

impl CatalogError {
    pub fn new(line: usize, message_zh: String, message_en: String) -> CatalogError {
        CatalogError {
            line,
            message_zh,
            message_en,
        }
    }
}

impl fmt::Display for CatalogError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "第{}行：{} / line {}: {}",
            self.line, self.message_zh, self.line, self.message_en
        )
    }
}

impl std::error::Error for CatalogError {}

/// The number of digits of a code of `kind` at `level`:
/// 功能分类 3/5/7, economic 3/5; 0 for 项 of an economic kind (no such level).
pub fn expected_len(kind: CodeKind, level: Level) -> usize {
    match (kind, level) {
        (_, Level::Lei) => 3,
        (_, Level::Kuan) => 5,
        (CodeKind::Function, Level::Xiang) => 7,
        (CodeKind::EconomicDepartment | CodeKind::EconomicGovernment, Level::Xiang) => 0,
    }
}

/// The level of `code`, from its length; `None` if the code is not all ASCII
/// digits or has a length that no level of `kind` has.
pub fn level_of(kind: CodeKind, code: &str) -> Option<Level> {
    if code.is_empty() || !code.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    Level::ALL
        .into_iter()
        .find(|&l| expected_len(kind, l) == code.len())
}

/// The parent code of `code` (its prefix one level up); `None` for a 类 or an invalid code.
pub fn parent_code(kind: CodeKind, code: &str) -> Option<&str> {
    let parent_level = level_of(kind, code)?.parent()?;
    code.get(..expected_len(kind, parent_level))
}

/// The form in which names are compared: surrounding white space removed and
/// half-width parentheses turned into full-width ones.
pub fn normalize_name(name: &str) -> String {
    name.trim()
        .chars()
        .map(|c| match c {
            '(' => '（',
            ')' => '）',
            other => other,
        })
        .collect()
}
