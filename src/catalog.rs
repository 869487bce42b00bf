//! The classification-code catalog (科目目录).
//!
//! Three code lists are known to the compiler:
//!
//! * 功能分类 (function classification): 类 3 digits, 款 5, 项 7;
//! * 部门经济分类 (department economic classification): 类 3 digits, 款 5;
//! * 政府经济分类 (government economic classification): 类 3 digits, 款 5.
//!
//! The built-in lists are the CSV files in `catalog/` at the crate root, compiled
//! into the binary. They are *not* the full national catalog: a code missing here
//! may still be valid. Users extend or override entries with a CSV file of their
//! own (see [`Catalog::extend_from_user_csv`] and `catalog/README.md`).
//!
//! This module is pure: it reads no files and prints nothing. Every malformed
//! row is reported as a [`CatalogError`] with its 1-based line number and a
//! message in Chinese and in English.

use std::collections::{BTreeMap, HashMap};
use std::fmt;
use std::ops::Bound;

const FUNCTION_CSV: &str = include_str!(concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/catalog/function-codes.csv"
));
const ECONOMIC_DEPARTMENT_CSV: &str = include_str!(concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/catalog/economic-department.csv"
));
const ECONOMIC_GOVERNMENT_CSV: &str = include_str!(concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/catalog/economic-government.csv"
));

// ---------------------------------------------------------------------------
// Kinds, levels, statuses
// ---------------------------------------------------------------------------

/// Which code list a code belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize)]
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

    /// The English identifier used in user CSV files:
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

    /// Parses a kind as written in a user CSV file: the English identifier
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
}

impl fmt::Display for CodeKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.id())
    }
}

/// The level of a code: 类 / 款 / 项.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
pub enum Level {
    /// 类
    Lei,
    /// 款
    Kuan,
    /// 项
    Xiang,
}

impl Level {
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
        [Level::Lei, Level::Kuan, Level::Xiang]
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
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub enum Status {
    /// Seen in a real published document.
    Observed,
    /// Compiled from the published national catalog, not yet seen in a document here.
    Compiled,
    /// Added or overridden by the user's own catalog file.
    User,
}

impl Status {
    /// `observed`, `compiled` or `user`.
    pub fn as_str(&self) -> &'static str {
        match self {
            Status::Observed => "observed",
            Status::Compiled => "compiled",
            Status::User => "user",
        }
    }
}

/// One catalog entry.
#[derive(Debug, Clone, serde::Serialize)]
pub struct Entry {
    pub kind: CodeKind,
    pub code: String,
    pub level: Level,
    pub name: String,
    /// The parent code (the code's prefix one level up); `None` for a 类.
    pub parent: Option<String>,
    pub status: Status,
    /// Known name variants that also identify this code.
    pub aliases: Vec<String>,
}

/// A problem in a catalog file, at a 1-based line number.
#[derive(Debug, Clone)]
pub struct CatalogError {
    pub line: usize,
    pub message_zh: String,
    pub message_en: String,
}

impl CatalogError {
    fn new(line: usize, message_zh: String, message_en: String) -> CatalogError {
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

// ---------------------------------------------------------------------------
// Code helpers
// ---------------------------------------------------------------------------

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
    [Level::Lei, Level::Kuan, Level::Xiang]
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

// ---------------------------------------------------------------------------
// The catalog
// ---------------------------------------------------------------------------

/// The code catalog: one ordered map per kind, keyed by code.
#[derive(Debug, Clone, Default)]
pub struct Catalog {
    function: BTreeMap<String, Entry>,
    economic_department: BTreeMap<String, Entry>,
    economic_government: BTreeMap<String, Entry>,
}

impl Catalog {
    /// The built-in catalog (the three files in `catalog/`).
    ///
    /// The shipped files are checked by the unit tests; should one ever fail to
    /// parse, its kind is left empty rather than panicking (see [`Catalog::try_builtin`]).
    pub fn builtin() -> Catalog {
        let mut catalog = Catalog::default();
        for (kind, text) in Self::shipped_texts() {
            if let Ok(entries) = Self::parse_shipped(kind, text) {
                for e in entries {
                    catalog.insert(e);
                }
            }
        }
        catalog
    }

    /// The built-in catalog, or every problem found in the shipped files.
    ///
    /// # Errors
    /// The problems found in the shipped files (none, as the unit tests check).
    pub fn try_builtin() -> Result<Catalog, Vec<CatalogError>> {
        let mut catalog = Catalog::default();
        let mut errors = Vec::new();
        for (kind, text) in Self::shipped_texts() {
            match Self::parse_shipped(kind, text) {
                Ok(entries) => entries.into_iter().for_each(|e| catalog.insert(e)),
                Err(mut errs) => errors.append(&mut errs),
            }
        }
        if errors.is_empty() {
            Ok(catalog)
        } else {
            Err(errors)
        }
    }

    fn shipped_texts() -> [(CodeKind, &'static str); 3] {
        [
            (CodeKind::Function, FUNCTION_CSV),
            (CodeKind::EconomicDepartment, ECONOMIC_DEPARTMENT_CSV),
            (CodeKind::EconomicGovernment, ECONOMIC_GOVERNMENT_CSV),
        ]
    }

    /// Parses a shipped catalog file of `kind`: header
    /// `code,level,name,parent,status,aliases` (columns matched by name),
    /// status `observed` or `compiled`, aliases separated by `|`.
    /// Every parent must itself be a row of the file; codes are unique.
    ///
    /// # Errors
    /// Every malformed row (wrong column count, non-digit code, code length not
    /// matching the level, parent not the code's prefix, missing parent, bad
    /// status, duplicate code) and every quoting error, with its line number.
    pub fn parse_shipped(kind: CodeKind, text: &str) -> Result<Vec<Entry>, Vec<CatalogError>> {
        let (records, mut errors) = parse_csv(text);
        let mut records = records.into_iter();
        let Some(header) = records.next() else {
            errors.push(missing_header());
            return Err(errors);
        };
        let cols = match map_header(&header, &SHIPPED_COLUMNS) {
            Ok(cols) => cols,
            Err(mut errs) => {
                errors.append(&mut errs);
                return Err(errors);
            }
        };
        let [code_i, level_i, name_i, parent_i, status_i, aliases_i] =
            [0, 1, 2, 3, 4, 5].map(|i| cols.get(i).copied().flatten().unwrap_or(usize::MAX));

        let mut entries: Vec<Entry> = Vec::new();
        let mut lines: Vec<usize> = Vec::new();
        let mut first_line: HashMap<String, usize> = HashMap::new();
        for rec in records {
            if rec.malformed {
                continue;
            }
            let Some(fields) = fit_width(&rec, header_width(&cols), &mut errors) else {
                continue;
            };
            let field = |i: usize| fields.get(i).map(|s| s.trim()).unwrap_or("");
            let mut row_errors = Vec::new();
            let checked = check_row(
                kind,
                rec.line,
                field(code_i),
                Some(field(level_i)),
                Some(field(parent_i)),
                true,
                field(name_i),
                &mut row_errors,
            );
            let status = match field(status_i) {
                "observed" => Some(Status::Observed),
                "compiled" => Some(Status::Compiled),
                other => {
                    row_errors.push(CatalogError::new(
                        rec.line,
                        format!("状态“{other}”无效，应为 observed 或 compiled"),
                        format!("invalid status \"{other}\"; expected observed or compiled"),
                    ));
                    None
                }
            };
            errors.append(&mut row_errors);
            let (Some((code, level, parent, name)), Some(status)) = (checked, status) else {
                continue;
            };
            if let Some(&first) = first_line.get(&code) {
                errors.push(duplicate_code(rec.line, kind, &code, first));
                continue;
            }
            first_line.insert(code.clone(), rec.line);
            entries.push(Entry {
                kind,
                code,
                level,
                name,
                parent,
                status,
                aliases: split_aliases(field(aliases_i)),
            });
            lines.push(rec.line);
        }
        for (e, &line) in entries.iter().zip(&lines) {
            if let Some(p) = &e.parent {
                if !first_line.contains_key(p) {
                    errors.push(CatalogError::new(
                        line,
                        format!("编码{}的上级编码{}不在本文件中", e.code, p),
                        format!("the parent {} of code {} is not in this file", p, e.code),
                    ));
                }
            }
        }
        if errors.is_empty() {
            Ok(entries)
        } else {
            Err(errors)
        }
    }

    /// Reads a user's extension file and merges it into the catalog.
    ///
    /// A user's extension file: header `kind,code,name` required, optional columns
    /// `level,parent,aliases` (any order, matched by header name);
    /// kind ∈ function|economic-department|economic-government or 功能分类|部门经济分类|政府经济分类.
    /// A user row replaces/extends the builtin (status User).
    ///
    /// A row replaces the whole entry of the same kind and code (its aliases are
    /// the row's only). `level` and `parent`, when given, must agree with the code
    /// (the parent is the code's prefix one level up); when omitted they are
    /// derived from the code. The file is applied all or nothing: on any error
    /// the catalog is unchanged. Returns the number of rows applied.
    ///
    /// # Errors
    /// Header problems (missing required or unknown or repeated column) and every
    /// malformed row (wrong column count, unknown kind, non-digit code, code length
    /// not matching the kind or level, parent not the code's prefix, empty name,
    /// duplicate kind and code), each with its 1-based line number.
    pub fn extend_from_user_csv(&mut self, text: &str) -> Result<usize, Vec<CatalogError>> {
        let (records, mut errors) = parse_csv(text);
        let mut records = records.into_iter();
        let Some(header) = records.next() else {
            errors.push(missing_header());
            return Err(errors);
        };
        let cols = match map_header(&header, &USER_COLUMNS) {
            Ok(cols) => cols,
            Err(mut errs) => {
                errors.append(&mut errs);
                return Err(errors);
            }
        };
        let col = |i: usize| cols.get(i).copied().flatten();
        let (kind_i, code_i, name_i) = (
            col(0).unwrap_or(usize::MAX),
            col(1).unwrap_or(usize::MAX),
            col(2).unwrap_or(usize::MAX),
        );
        let (level_i, parent_i, aliases_i) = (col(3), col(4), col(5));

        let mut entries: Vec<Entry> = Vec::new();
        let mut first_line: HashMap<(CodeKind, String), usize> = HashMap::new();
        for rec in records {
            if rec.malformed {
                continue;
            }
            let Some(fields) = fit_width(&rec, header_width(&cols), &mut errors) else {
                continue;
            };
            let field = |i: usize| fields.get(i).map(|s| s.trim()).unwrap_or("");
            let kind_text = field(kind_i);
            let Some(kind) = CodeKind::parse(kind_text) else {
                errors.push(CatalogError::new(
                    rec.line,
                    format!(
                        "分类“{kind_text}”无效，应为 功能分类、部门经济分类、政府经济分类 \
                         (或 function、economic-department、economic-government)"
                    ),
                    format!(
                        "invalid kind \"{kind_text}\"; expected function, economic-department \
                         or economic-government (or 功能分类, 部门经济分类, 政府经济分类)"
                    ),
                ));
                continue;
            };
            let Some((code, level, parent, name)) = check_row(
                kind,
                rec.line,
                field(code_i),
                level_i.map(field),
                parent_i.map(field),
                false,
                field(name_i),
                &mut errors,
            ) else {
                continue;
            };
            let key = (kind, code);
            if let Some(&first) = first_line.get(&key) {
                errors.push(duplicate_code(rec.line, kind, &key.1, first));
                continue;
            }
            first_line.insert(key.clone(), rec.line);
            entries.push(Entry {
                kind,
                code: key.1,
                level,
                name,
                parent,
                status: Status::User,
                aliases: aliases_i.map(field).map(split_aliases).unwrap_or_default(),
            });
        }
        if !errors.is_empty() {
            return Err(errors);
        }
        let added = entries.len();
        for e in entries {
            self.insert(e);
        }
        Ok(added)
    }

    /// Adds `e`, replacing any entry of the same kind and code.
    pub fn insert(&mut self, e: Entry) {
        self.map_mut(e.kind).insert(e.code.clone(), e);
    }

    /// The entry of `kind` with `code`.
    pub fn get(&self, kind: CodeKind, code: &str) -> Option<&Entry> {
        self.map(kind).get(code)
    }

    /// true when `name` is the entry's name or one of its aliases, comparing after normalisation:
    /// full-width and half-width parentheses equal ( （ ） vs ( ) ), surrounding white space ignored.
    pub fn name_matches(entry: &Entry, name: &str) -> bool {
        // (equal as written: equal once normalised; the common case, no allocation)
        if entry.name == name || entry.aliases.iter().any(|a| a == name) {
            return true;
        }
        let wanted = normalize_name(name);
        std::iter::once(&entry.name)
            .chain(entry.aliases.iter())
            .any(|n| normalize_name(n) == wanted)
    }

    /// Entries of a kind whose code starts with `prefix`, in code order (for editor completion).
    ///
    /// Code order is string order, so a 类 comes right before its 款 and each 款
    /// right before its 项.
    pub fn with_prefix<'a>(
        &'a self,
        kind: CodeKind,
        prefix: &'a str,
    ) -> impl Iterator<Item = &'a Entry> + 'a {
        self.map(kind)
            .range::<str, _>((Bound::Included(prefix), Bound::Unbounded))
            .take_while(move |(code, _)| code.starts_with(prefix))
            .map(|(_, e)| e)
    }

    /// All entries of a kind, in code order.
    pub fn iter(&self, kind: CodeKind) -> impl Iterator<Item = &Entry> + '_ {
        self.map(kind).values()
    }

    /// The entries directly below `code` (its 款 or 项), in code order.
    pub fn children<'a>(
        &'a self,
        kind: CodeKind,
        code: &'a str,
    ) -> impl Iterator<Item = &'a Entry> + 'a {
        self.with_prefix(kind, code)
            .filter(move |e| e.parent.as_deref() == Some(code))
    }

    /// Entries of a kind whose name or an alias matches `name` (see
    /// [`Catalog::name_matches`]), in code order. Several codes can share a name
    /// (e.g. 30901 and 31001 房屋建筑物购建).
    pub fn find_by_name<'a>(
        &'a self,
        kind: CodeKind,
        name: &'a str,
    ) -> impl Iterator<Item = &'a Entry> + 'a {
        self.map(kind)
            .values()
            .filter(move |e| Self::name_matches(e, name))
    }

    /// The number of entries of all kinds.
    pub fn len(&self) -> usize {
        self.function.len() + self.economic_department.len() + self.economic_government.len()
    }

    /// true when the catalog holds no entry.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    fn map(&self, kind: CodeKind) -> &BTreeMap<String, Entry> {
        match kind {
            CodeKind::Function => &self.function,
            CodeKind::EconomicDepartment => &self.economic_department,
            CodeKind::EconomicGovernment => &self.economic_government,
        }
    }

    fn map_mut(&mut self, kind: CodeKind) -> &mut BTreeMap<String, Entry> {
        match kind {
            CodeKind::Function => &mut self.function,
            CodeKind::EconomicDepartment => &mut self.economic_department,
            CodeKind::EconomicGovernment => &mut self.economic_government,
        }
    }
}

// ---------------------------------------------------------------------------
// Row checks
// ---------------------------------------------------------------------------

/// A column of a catalog file: its accepted header names and whether it is required.
struct ColSpec {
    names: &'static [&'static str],
    required: bool,
}

/// code, level, name, parent, status, aliases — all required.
const SHIPPED_COLUMNS: [ColSpec; 6] = [
    ColSpec {
        names: &["code"],
        required: true,
    },
    ColSpec {
        names: &["level"],
        required: true,
    },
    ColSpec {
        names: &["name"],
        required: true,
    },
    ColSpec {
        names: &["parent"],
        required: true,
    },
    ColSpec {
        names: &["status"],
        required: true,
    },
    ColSpec {
        names: &["aliases"],
        required: true,
    },
];

/// kind, code, name (required), level, parent, aliases (optional).
const USER_COLUMNS: [ColSpec; 6] = [
    ColSpec {
        names: &["kind"],
        required: true,
    },
    ColSpec {
        names: &["code"],
        required: true,
    },
    ColSpec {
        names: &["name"],
        required: true,
    },
    ColSpec {
        names: &["level"],
        required: false,
    },
    ColSpec {
        names: &["parent"],
        required: false,
    },
    ColSpec {
        names: &["aliases"],
        required: false,
    },
];

fn missing_header() -> CatalogError {
    CatalogError::new(
        1,
        "文件为空，缺少表头".to_string(),
        "the file is empty; a header line is required".to_string(),
    )
}

fn duplicate_code(line: usize, kind: CodeKind, code: &str, first: usize) -> CatalogError {
    CatalogError::new(
        line,
        format!("{}编码{}重复（第{}行已出现）", kind.name_zh(), code, first),
        format!(
            "duplicate {} code {} (first on line {})",
            kind.id(),
            code,
            first
        ),
    )
}

/// Maps each spec to the index of its header column.
fn map_header(header: &Record, specs: &[ColSpec]) -> Result<Vec<Option<usize>>, Vec<CatalogError>> {
    let line = header.line;
    let mut errors = Vec::new();
    if header.malformed {
        return Err(errors);
    }
    let mut found: Vec<Option<usize>> = vec![None; specs.len()];
    let width = trimmed_width(&header.fields);
    for (i, raw) in header.fields.iter().take(width).enumerate() {
        let name = raw.trim().to_ascii_lowercase();
        if name.is_empty() {
            errors.push(CatalogError::new(
                line,
                format!("表头第{}列没有列名", i + 1),
                format!("header column {} has no name", i + 1),
            ));
            continue;
        }
        match specs.iter().position(|s| s.names.contains(&name.as_str())) {
            Some(s) => match found.get_mut(s) {
                Some(slot @ None) => *slot = Some(i),
                _ => errors.push(CatalogError::new(
                    line,
                    format!("表头列“{name}”重复"),
                    format!("header column \"{name}\" appears twice"),
                )),
            },
            None => {
                let known = all_names(specs);
                errors.push(CatalogError::new(
                    line,
                    format!("未知的表头列“{name}”，可用的列：{known}"),
                    format!("unknown header column \"{name}\"; known columns: {known}"),
                ));
            }
        }
    }
    for (spec, slot) in specs.iter().zip(&found) {
        if spec.required && slot.is_none() {
            let name = spec.names.first().copied().unwrap_or("");
            errors.push(CatalogError::new(
                line,
                format!("表头缺少必需的列“{name}”"),
                format!("the header lacks the required column \"{name}\""),
            ));
        }
    }
    if errors.is_empty() {
        Ok(found)
    } else {
        Err(errors)
    }
}

fn all_names(specs: &[ColSpec]) -> String {
    specs
        .iter()
        .filter_map(|s| s.names.first().copied())
        .collect::<Vec<_>>()
        .join(",")
}

/// The number of columns the header declares.
fn header_width(cols: &[Option<usize>]) -> usize {
    cols.iter().flatten().map(|&i| i + 1).max().unwrap_or(0)
}

/// The number of fields once trailing empty fields are dropped.
fn trimmed_width(fields: &[String]) -> usize {
    fields
        .iter()
        .rposition(|f| !f.trim().is_empty())
        .map_or(0, |i| i + 1)
}

/// The row's fields if it has the header's width (extra trailing empty fields are ignored).
fn fit_width<'r>(
    rec: &'r Record,
    width: usize,
    errors: &mut Vec<CatalogError>,
) -> Option<&'r [String]> {
    let n = rec.fields.len();
    if n == width || (n > width && trimmed_width(&rec.fields) <= width) {
        return rec.fields.get(..width);
    }
    let shown = if n > width {
        trimmed_width(&rec.fields)
    } else {
        n
    };
    errors.push(CatalogError::new(
        rec.line,
        format!("本行有{shown}列，表头有{width}列"),
        format!("the row has {shown} columns, the header has {width}"),
    ));
    None
}

/// Checks code, level, parent and name of a row; returns
/// (code, level, parent, name) or pushes the problems onto `errors`.
/// `strict` (shipped files): level and parent must be written out; otherwise
/// (user files) an absent or empty level or parent is derived from the code.
#[allow(clippy::too_many_arguments)]
fn check_row(
    kind: CodeKind,
    line: usize,
    code: &str,
    level_text: Option<&str>,
    parent_text: Option<&str>,
    strict: bool,
    name: &str,
    errors: &mut Vec<CatalogError>,
) -> Option<(String, Level, Option<String>, String)> {
    let before = errors.len();
    let mut err = |zh: String, en: String| errors.push(CatalogError::new(line, zh, en));
    let (lengths_zh, lengths_en) = lengths_text(kind);

    if name.is_empty() {
        err(
            format!("编码{code}没有名称"),
            format!("code {code} has no name"),
        );
    }

    if code.is_empty() {
        err("缺少编码".to_string(), "the code is missing".to_string());
        return None;
    }
    if !code.bytes().all(|b| b.is_ascii_digit()) {
        err(
            format!("编码“{code}”含有非数字字符"),
            format!("code \"{code}\" contains a character that is not a digit"),
        );
        return None;
    }

    let declared = match level_text.filter(|t| !t.is_empty()) {
        None if strict => {
            err(
                format!("编码{code}缺少级次（类、款或项）"),
                format!("code {code} has no level (类, 款 or 项)"),
            );
            return None;
        }
        None => None,
        Some(t) => match Level::parse(t) {
            Some(Level::Xiang) if kind != CodeKind::Function => {
                err(
                    format!("{}没有“项”级", kind.name_zh()),
                    format!("{} codes have no 项 level", kind.id()),
                );
                return None;
            }
            Some(l) => Some(l),
            None => {
                err(
                    format!("级次“{t}”无效，应为 类、款 或 项"),
                    format!("invalid level \"{t}\"; expected 类, 款 or 项"),
                );
                return None;
            }
        },
    };

    let level = match (level_of(kind, code), declared) {
        (Some(actual), Some(d)) if actual != d => {
            err(
                format!(
                    "编码{code}有{}位，与级次“{}”不符（{}应为{}位）",
                    code.len(),
                    d.name_zh(),
                    d.name_zh(),
                    expected_len(kind, d)
                ),
                format!(
                    "code {code} has {} digits, which does not match level {} ({} digits)",
                    code.len(),
                    d.name_zh(),
                    expected_len(kind, d)
                ),
            );
            return None;
        }
        (Some(actual), _) => actual,
        (None, Some(d)) => {
            err(
                format!(
                    "编码{code}有{}位，与级次“{}”不符（{}应为{}位）",
                    code.len(),
                    d.name_zh(),
                    d.name_zh(),
                    expected_len(kind, d)
                ),
                format!(
                    "code {code} has {} digits, which does not match level {} ({} digits)",
                    code.len(),
                    d.name_zh(),
                    expected_len(kind, d)
                ),
            );
            return None;
        }
        (None, None) => {
            err(
                format!(
                    "编码{code}有{}位；{}编码应为{}位",
                    code.len(),
                    kind.name_zh(),
                    lengths_zh
                ),
                format!(
                    "code {code} has {} digits; {} codes have {} digits",
                    code.len(),
                    kind.id(),
                    lengths_en
                ),
            );
            return None;
        }
    };

    let derived = parent_code(kind, code).map(str::to_string);
    match (parent_text.filter(|p| !p.is_empty()), &derived) {
        (None, Some(d)) if strict => err(
            format!("编码{code}缺少上级编码（应为{d}）"),
            format!("code {code} has no parent (expected {d})"),
        ),
        (None, _) => {}
        (Some(p), None) => err(
            format!("“类”级编码{code}不应有上级编码（写了{p}）"),
            format!("code {code} is a 类 and has no parent, but {p} is given"),
        ),
        (Some(p), Some(d)) if p == d => {}
        (Some(p), Some(d)) if code.starts_with(p) => err(
            format!("上级编码{p}不是编码{code}的直接上级（应为{d}）"),
            format!("parent {p} is not the immediate parent of code {code} (expected {d})"),
        ),
        (Some(p), Some(d)) => err(
            format!("上级编码{p}不是编码{code}的前缀（应为{d}）"),
            format!("parent {p} is not a prefix of code {code} (expected {d})"),
        ),
    }

    if errors.len() > before {
        return None;
    }
    Some((code.to_string(), level, derived, name.to_string()))
}

fn lengths_text(kind: CodeKind) -> (&'static str, &'static str) {
    match kind {
        CodeKind::Function => ("3、5或7", "3, 5 or 7"),
        CodeKind::EconomicDepartment | CodeKind::EconomicGovernment => ("3或5", "3 or 5"),
    }
}

/// Splits an aliases field on `|`, trimming and dropping empty or repeated names.
fn split_aliases(text: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for a in text.split('|').map(str::trim).filter(|a| !a.is_empty()) {
        if !out.iter().any(|o| o == a) {
            out.push(a.to_string());
        }
    }
    out
}

// ---------------------------------------------------------------------------
// CSV
// ---------------------------------------------------------------------------

/// One CSV record: the line it starts on and its raw (untrimmed) fields.
#[derive(Debug)]
struct Record {
    line: usize,
    fields: Vec<String>,
    /// A quoting error was reported for this record; its fields are unreliable.
    malformed: bool,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum CsvState {
    /// At the start of a field (only white space read so far).
    FieldStart,
    /// Inside an unquoted field.
    Unquoted,
    /// Inside a quoted field.
    Quoted,
    /// After the closing quote of a quoted field.
    AfterQuote,
}

/// Splits `text` into records: RFC 4180 quoting with `""` escapes, CRLF / LF / CR
/// line ends, a leading BOM ignored, blank lines skipped. A quote inside an
/// unquoted field is taken literally.
fn parse_csv(text: &str) -> (Vec<Record>, Vec<CatalogError>) {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut records = Vec::new();
    let mut errors = Vec::new();

    let mut line = 1usize;
    let mut record_line = 1usize;
    let mut quote_line = 1usize;
    let mut fields: Vec<String> = Vec::new();
    let mut field = String::new();
    let mut quoted = false;
    let mut malformed = false;
    let mut state = CsvState::FieldStart;

    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        // A line end outside quotes ends the record; CRLF counts once.
        let line_end = (c == '\n' || c == '\r') && state != CsvState::Quoted;
        if c == '\r' && chars.peek() == Some(&'\n') && state != CsvState::Quoted {
            chars.next();
        }
        if line_end {
            fields.push(std::mem::take(&mut field));
            finish_record(
                &mut records,
                record_line,
                std::mem::take(&mut fields),
                quoted,
                malformed,
            );
            quoted = false;
            malformed = false;
            line += 1;
            record_line = line;
            state = CsvState::FieldStart;
            continue;
        }
        match state {
            CsvState::FieldStart | CsvState::Unquoted => match c {
                ',' => {
                    fields.push(std::mem::take(&mut field));
                    state = CsvState::FieldStart;
                }
                '"' if state == CsvState::FieldStart => {
                    field.clear();
                    quoted = true;
                    quote_line = line;
                    state = CsvState::Quoted;
                }
                c if state == CsvState::FieldStart && c.is_whitespace() => field.push(c),
                c => {
                    field.push(c);
                    state = CsvState::Unquoted;
                }
            },
            CsvState::Quoted => match c {
                '"' if chars.peek() == Some(&'"') => {
                    chars.next();
                    field.push('"');
                }
                '"' => state = CsvState::AfterQuote,
                '\r' => {
                    if chars.peek() == Some(&'\n') {
                        chars.next();
                        field.push('\r');
                        field.push('\n');
                    } else {
                        field.push('\r');
                    }
                    line += 1;
                }
                '\n' => {
                    field.push('\n');
                    line += 1;
                }
                c => field.push(c),
            },
            CsvState::AfterQuote => match c {
                ',' => {
                    fields.push(std::mem::take(&mut field));
                    state = CsvState::FieldStart;
                }
                c if c.is_whitespace() => {}
                c => {
                    if !malformed {
                        errors.push(CatalogError::new(
                            line,
                            format!("引号结束后出现字符“{c}”（字段内的引号应写作 \"\"）"),
                            format!(
                                "unexpected character '{c}' after a closing quote \
                                 (write a quote inside a field as \"\")"
                            ),
                        ));
                    }
                    malformed = true;
                    field.push(c);
                }
            },
        }
    }
    if state == CsvState::Quoted {
        errors.push(CatalogError::new(
            quote_line,
            "引号没有闭合".to_string(),
            "a quoted field is not closed".to_string(),
        ));
        malformed = true;
    }
    if !(fields.is_empty() && field.is_empty() && state == CsvState::FieldStart) {
        fields.push(field);
        finish_record(&mut records, record_line, fields, quoted, malformed);
    }
    (records, errors)
}

fn finish_record(
    records: &mut Vec<Record>,
    line: usize,
    fields: Vec<String>,
    quoted: bool,
    malformed: bool,
) {
    let blank = !quoted && !malformed && fields.iter().all(|f| f.trim().is_empty());
    if !blank {
        records.push(Record {
            line,
            fields,
            malformed,
        });
    }
}

// ---------------------------------------------------------------------------
// Tests
// ---------------------------------------------------------------------------

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used)]
mod tests {
    use super::*;

    fn rows(text: &str) -> usize {
        text.lines()
            .skip(1)
            .filter(|l| !l.trim().is_empty())
            .count()
    }

    #[test]
    fn builtin_loads_all_three_files() {
        let c = Catalog::try_builtin().unwrap();
        assert_eq!(c.iter(CodeKind::Function).count(), 109);
        assert_eq!(c.iter(CodeKind::EconomicDepartment).count(), 106);
        assert_eq!(c.iter(CodeKind::EconomicGovernment).count(), 76);
        assert_eq!(c.len(), 109 + 106 + 76);
        assert!(!c.is_empty());
        // counts follow the files themselves
        assert_eq!(c.iter(CodeKind::Function).count(), rows(FUNCTION_CSV));
        assert_eq!(
            c.iter(CodeKind::EconomicDepartment).count(),
            rows(ECONOMIC_DEPARTMENT_CSV)
        );
        assert_eq!(
            c.iter(CodeKind::EconomicGovernment).count(),
            rows(ECONOMIC_GOVERNMENT_CSV)
        );
        assert_eq!(Catalog::builtin().len(), c.len());
    }

    #[test]
    fn builtin_entries_are_consistent() {
        let c = Catalog::builtin();
        for kind in CodeKind::ALL {
            for e in c.iter(kind) {
                assert_eq!(e.kind, kind);
                assert_eq!(level_of(kind, &e.code), Some(e.level));
                assert_eq!(e.parent.as_deref(), parent_code(kind, &e.code));
                if let Some(p) = &e.parent {
                    assert!(c.get(kind, p).is_some(), "{} parent {}", e.code, p);
                }
                assert!(matches!(e.status, Status::Observed | Status::Compiled));
            }
        }
    }

    #[test]
    fn get_function_code() {
        let c = Catalog::builtin();
        let e = c.get(CodeKind::Function, "2011301").unwrap();
        assert_eq!(e.name, "行政运行");
        assert_eq!(e.parent.as_deref(), Some("20113"));
        assert_eq!(e.level, Level::Xiang);
        assert_eq!(e.status, Status::Observed);
        assert!(e.aliases.is_empty());
        let lei = c.get(CodeKind::Function, "201").unwrap();
        assert_eq!(lei.level, Level::Lei);
        assert_eq!(lei.parent, None);
        assert!(c.get(CodeKind::Function, "2011303").is_none());
        assert!(c.get(CodeKind::EconomicDepartment, "2011301").is_none());
        let kuan = c.get(CodeKind::EconomicDepartment, "30217").unwrap();
        assert_eq!(kuan.name, "公务接待费");
        assert_eq!(kuan.level, Level::Kuan);
    }

    #[test]
    fn alias_match_for_50601() {
        let c = Catalog::builtin();
        let e = c.get(CodeKind::EconomicGovernment, "50601").unwrap();
        assert_eq!(e.name, "资本性支出（一）");
        assert_eq!(e.aliases, vec!["资本性支出".to_string()]);
        assert!(Catalog::name_matches(e, "资本性支出"));
        assert!(Catalog::name_matches(e, "资本性支出（一）"));
        assert!(Catalog::name_matches(e, " 资本性支出(一) "));
        assert!(!Catalog::name_matches(e, "资本性支出（二）"));
        let found: Vec<_> = c
            .find_by_name(CodeKind::EconomicGovernment, "资本性支出")
            .map(|e| e.code.as_str())
            .collect();
        assert_eq!(found, ["50601"]);
    }

    #[test]
    fn parenthesis_normalisation() {
        let c = Catalog::builtin();
        let e = c.get(CodeKind::EconomicDepartment, "30212").unwrap();
        assert_eq!(e.name, "因公出国（境）费用");
        assert!(Catalog::name_matches(e, "因公出国(境)费用"));
        assert!(Catalog::name_matches(e, "因公出国（境)费用"));
        assert!(Catalog::name_matches(e, "\t因公出国（境）费用  "));
        assert!(!Catalog::name_matches(e, "因公出国境费用"));
        // Shanghai prints 维修(护)费 with half-width parentheses
        let e = c.get(CodeKind::EconomicDepartment, "30213").unwrap();
        assert!(Catalog::name_matches(e, "维修(护)费"));
        assert_eq!(normalize_name(" a(b) "), "a（b）");
    }

    #[test]
    fn with_prefix_in_code_order() {
        let c = Catalog::builtin();
        let codes: Vec<_> = c
            .with_prefix(CodeKind::Function, "2011")
            .map(|e| e.code.as_str())
            .collect();
        assert_eq!(codes, ["20113", "2011301", "2011302", "2011350", "2011399"]);
        let codes: Vec<_> = c
            .with_prefix(CodeKind::Function, "20113")
            .map(|e| e.code.as_str())
            .collect();
        assert_eq!(codes, ["20113", "2011301", "2011302", "2011350", "2011399"]);
        let codes: Vec<_> = c
            .with_prefix(CodeKind::Function, "201130")
            .map(|e| e.code.as_str())
            .collect();
        assert_eq!(codes, ["2011301", "2011302"]);
        assert_eq!(c.with_prefix(CodeKind::Function, "9").count(), 0);
        assert_eq!(
            c.with_prefix(CodeKind::Function, "").count(),
            c.iter(CodeKind::Function).count()
        );
        let children: Vec<_> = c
            .children(CodeKind::EconomicDepartment, "310")
            .map(|e| e.code.as_str())
            .take(2)
            .collect();
        assert_eq!(children, ["31001", "31002"]);
    }

    #[test]
    fn code_helpers() {
        assert_eq!(expected_len(CodeKind::Function, Level::Lei), 3);
        assert_eq!(expected_len(CodeKind::Function, Level::Kuan), 5);
        assert_eq!(expected_len(CodeKind::Function, Level::Xiang), 7);
        assert_eq!(expected_len(CodeKind::EconomicDepartment, Level::Kuan), 5);
        assert_eq!(expected_len(CodeKind::EconomicGovernment, Level::Xiang), 0);
        assert_eq!(level_of(CodeKind::Function, "2011301"), Some(Level::Xiang));
        assert_eq!(level_of(CodeKind::Function, "20113"), Some(Level::Kuan));
        assert_eq!(level_of(CodeKind::Function, "201"), Some(Level::Lei));
        assert_eq!(level_of(CodeKind::Function, "2011"), None);
        assert_eq!(level_of(CodeKind::Function, "20a"), None);
        assert_eq!(level_of(CodeKind::Function, "２０１"), None);
        assert_eq!(level_of(CodeKind::Function, ""), None);
        assert_eq!(level_of(CodeKind::EconomicDepartment, "3020101"), None);
        assert_eq!(
            level_of(CodeKind::EconomicGovernment, "50601"),
            Some(Level::Kuan)
        );
        assert_eq!(parent_code(CodeKind::Function, "2011301"), Some("20113"));
        assert_eq!(parent_code(CodeKind::Function, "20113"), Some("201"));
        assert_eq!(parent_code(CodeKind::Function, "201"), None);
        assert_eq!(CodeKind::parse("功能分类"), Some(CodeKind::Function));
        assert_eq!(
            CodeKind::parse(" Economic-Department "),
            Some(CodeKind::EconomicDepartment)
        );
        assert_eq!(CodeKind::parse("经济分类"), None);
        assert_eq!(Level::parse("款"), Some(Level::Kuan));
        assert_eq!(Level::parse("XIANG"), Some(Level::Xiang));
    }

    #[test]
    fn user_csv_adds_and_overrides() {
        let mut c = Catalog::builtin();
        let before = c.len();
        let text = "kind,code,name,aliases\n\
                    function,2010303,机关服务,\n\
                    economic-department,30201,办公经费,办公费|日常办公费\n";
        assert_eq!(c.extend_from_user_csv(text).unwrap(), 2);
        assert_eq!(c.len(), before + 1);
        let e = c.get(CodeKind::Function, "2010303").unwrap();
        assert_eq!(e.name, "机关服务");
        assert_eq!(e.level, Level::Xiang);
        assert_eq!(e.parent.as_deref(), Some("20103"));
        assert_eq!(e.status, Status::User);
        assert!(e.aliases.is_empty());
        let codes: Vec<_> = c
            .with_prefix(CodeKind::Function, "20103")
            .map(|e| e.code.as_str())
            .collect();
        assert_eq!(
            codes,
            ["20103", "2010301", "2010302", "2010303", "2010350", "2010399"]
        );
        let e = c.get(CodeKind::EconomicDepartment, "30201").unwrap();
        assert_eq!(e.name, "办公经费");
        assert_eq!(e.status, Status::User);
        assert!(Catalog::name_matches(e, "日常办公费"));
        assert!(Catalog::name_matches(e, "办公费"));
    }

    #[test]
    fn user_csv_chinese_kinds_any_column_order() {
        let mut c = Catalog::default();
        let text = "\u{feff}name,level,code,kind,parent\r\n\
                    商贸事务,款,20113,功能分类,201\r\n\
                    \r\n\
                    \"工资福利支出\",类,301,部门经济分类,\r\n\
                    设备购置,款,50306,政府经济分类,503,,\r\n";
        assert_eq!(c.extend_from_user_csv(text).unwrap(), 3);
        assert_eq!(c.len(), 3);
        assert_eq!(
            c.get(CodeKind::Function, "20113")
                .unwrap()
                .parent
                .as_deref(),
            Some("201")
        );
        assert_eq!(
            c.get(CodeKind::EconomicDepartment, "301").unwrap().name,
            "工资福利支出"
        );
        assert_eq!(
            c.get(CodeKind::EconomicGovernment, "50306").unwrap().level,
            Level::Kuan
        );
    }

    #[test]
    fn user_csv_bad_rows_reported_with_line_numbers() {
        let mut c = Catalog::builtin();
        let before = c.len();
        let text = "kind,code,name,level,parent\n\
                    function,2010303,机关服务,项,20103\n\
                    function,20a01,坏编码,,\n\
                    功能分类,2011,四位,,\n\
                    function,2010304,层级不符,款,\n\
                    function,2010305,上级错误,项,20104\n\
                    function,2010306,缺列\n\
                    经济分类,30201,办公费,,\n\
                    \n\
                    economic-government,5060101,太长,,\n\
                    function,2010303,重复,项,20103\n\
                    function,2010307,非直接上级,项,201\n\
                    economic-department,302,商品和服务支出,,\n\
                    economic-department,30201,,款,302\n";
        let errors = c.extend_from_user_csv(text).unwrap_err();
        let lines: Vec<usize> = errors.iter().map(|e| e.line).collect();
        assert_eq!(lines, [3, 4, 5, 6, 7, 8, 10, 11, 12, 14]);
        for e in &errors {
            assert!(!e.message_zh.is_empty() && !e.message_en.is_empty());
        }
        assert!(errors[0].message_en.contains("not a digit"));
        assert!(errors[1].message_en.contains("4 digits"));
        assert!(errors[2].message_en.contains("does not match level"));
        assert!(errors[3].message_en.contains("not a prefix"));
        assert!(errors[3].message_zh.contains("前缀"));
        assert!(errors[4].message_en.contains("3 columns"));
        assert!(errors[5].message_en.contains("invalid kind"));
        assert!(errors[7].message_en.contains("duplicate"));
        assert!(errors[7].message_en.contains("line 2"));
        assert!(errors[8].message_en.contains("immediate parent"));
        assert!(errors[9].message_en.contains("no name"));
        assert!(errors[0].to_string().starts_with("第3行："));
        // all or nothing: the valid row on line 2 was not applied
        assert_eq!(c.len(), before);
        assert!(c.get(CodeKind::Function, "2010303").is_none());
    }

    #[test]
    fn user_csv_header_errors() {
        let mut c = Catalog::default();
        let e = c.extend_from_user_csv("").unwrap_err();
        assert_eq!(e[0].line, 1);
        let e = c
            .extend_from_user_csv("\n\nkind,code\nfunction,201\n")
            .unwrap_err();
        assert_eq!(e.len(), 1);
        assert_eq!(e[0].line, 3);
        assert!(e[0].message_en.contains("\"name\""));
        let e = c
            .extend_from_user_csv("kind,code,name,alias\n")
            .unwrap_err();
        assert!(e[0].message_en.contains("unknown header column \"alias\""));
        let e = c.extend_from_user_csv("kind,code,name,code\n").unwrap_err();
        assert!(e[0].message_en.contains("twice"));
        assert_eq!(c.extend_from_user_csv("KIND,Code,name,\n").unwrap(), 0);
        assert!(c.is_empty());
    }

    #[test]
    fn shipped_parse_errors() {
        let text = "code,level,name,parent,status,aliases\n\
                    201,类,一般公共服务支出,,observed,\n\
                    20113,款,商贸事务,201,observed,\n\
                    2011301,款,行政运行,20113,observed,\n\
                    2011302,项,一般行政管理事务,,observed,\n\
                    2011350,项,事业运行,20113,guessed,\n\
                    20199,款,其他,201,compiled\n\
                    2019901,项,其他,20199,compiled,\n\
                    20113,款,商贸事务,201,observed,\n";
        let errors = Catalog::parse_shipped(CodeKind::Function, text).unwrap_err();
        let lines: Vec<usize> = errors.iter().map(|e| e.line).collect();
        assert_eq!(lines, [4, 5, 6, 7, 9, 8]);
        assert!(errors[1].message_en.contains("no parent"));
        assert!(errors[2].message_en.contains("invalid status"));
        assert!(errors[4].message_en.contains("duplicate"));
        assert!(errors[5].message_en.contains("not in this file"));

        let ok = Catalog::parse_shipped(
            CodeKind::EconomicGovernment,
            "aliases,status,parent,name,level,code\r\n\
             ,compiled,,对事业单位资本性补助,类,506\r\n\
             \"资本性支出|资本性支出(一)\",compiled,506,资本性支出（一）,款,50601\r\n",
        )
        .unwrap();
        assert_eq!(ok.len(), 2);
        assert_eq!(ok[1].aliases, ["资本性支出", "资本性支出(一)"]);
        let e = Catalog::parse_shipped(
            CodeKind::EconomicGovernment,
            "code,level,name,parent,status,aliases\n5060101,项,x,50601,compiled,\n",
        )
        .unwrap_err();
        assert!(e[0].message_en.contains("no 项 level"));
    }

    #[test]
    fn csv_tokenizer() {
        let (recs, errs) = parse_csv(
            "\u{feff}a,\"b,\"\"c\"\"\",d\r\n\r\n  \n\"multi\nline\",x\ny,\"open\" ,z\n,,\nlast",
        );
        assert!(errs.is_empty());
        let got: Vec<(usize, Vec<&str>)> = recs
            .iter()
            .map(|r| (r.line, r.fields.iter().map(String::as_str).collect()))
            .collect();
        assert_eq!(
            got,
            vec![
                (1, vec!["a", "b,\"c\"", "d"]),
                (4, vec!["multi\nline", "x"]),
                (6, vec!["y", "open", "z"]),
                (8, vec!["last"]),
            ]
        );
        let (recs, errs) = parse_csv("a,\"b\"c,d\ne,f\n\"unterminated,g\nh\n");
        assert_eq!(errs.len(), 2);
        assert_eq!(errs[0].line, 1);
        assert_eq!(errs[1].line, 3);
        assert!(recs[0].malformed);
        assert!(!recs[1].malformed);
        assert_eq!(recs[1].line, 2);
        assert!(recs[2].malformed);
        let (recs, errs) = parse_csv("x,y\ru,v");
        assert!(errs.is_empty());
        assert_eq!(recs.len(), 2);
        assert_eq!(recs[1].line, 2);
    }

    #[test]
    fn malformed_quote_in_user_csv() {
        let mut c = Catalog::default();
        let e = c
            .extend_from_user_csv(
                "kind,code,name\nfunction,201,\"一般\"公共\nfunction,202,\"外交\n",
            )
            .unwrap_err();
        let lines: Vec<usize> = e.iter().map(|e| e.line).collect();
        assert_eq!(lines, [2, 3]);
        assert!(c.is_empty());
    }
}
