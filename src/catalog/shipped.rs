//! The shipped catalog files (`catalog/*.csv`): their format and validation.
//!
//! `build.rs` runs [`validate`] on the files before the crate is compiled and
//! fails the build on any problem; the rows are then embedded as Rust data
//! (see `embedded.rs`), so the library never parses them at run time. The
//! unit tests run the same functions on bad texts.
//!
//! Compiled into `build.rs` as well (see `codes.rs`): no `crate::` paths.

use super::codes::{normalize_name, CatalogError, CodeKind, Level, Provenance};
use super::rows::{self, ColSpec, RowCode};
use std::collections::{HashMap, HashSet};

/// The shipped files, relative to `catalog/`: one per kind, then the old names.
pub const FILES: [(CodeKind, &str); 3] = [
    (CodeKind::Function, "function-codes.csv"),
    (CodeKind::EconomicDepartment, "economic-department.csv"),
    (CodeKind::EconomicGovernment, "economic-government.csv"),
];

/// The file of outdated names (names a code had in earlier editions).
pub const RENAMED_FILE: &str = "old-names.csv";

/// code, level, name, parent, provenance, source, aliases — all required.
const CODE_COLUMNS: [ColSpec; 7] = [
    ColSpec {
        name: "code",
        required: true,
    },
    ColSpec {
        name: "level",
        required: true,
    },
    ColSpec {
        name: "name",
        required: true,
    },
    ColSpec {
        name: "parent",
        required: true,
    },
    ColSpec {
        name: "provenance",
        required: true,
    },
    ColSpec {
        name: "source",
        required: true,
    },
    ColSpec {
        name: "aliases",
        required: true,
    },
];

/// kind, code, old_name, until, source — all required.
const RENAMED_COLUMNS: [ColSpec; 5] = [
    ColSpec {
        name: "kind",
        required: true,
    },
    ColSpec {
        name: "code",
        required: true,
    },
    ColSpec {
        name: "old_name",
        required: true,
    },
    ColSpec {
        name: "until",
        required: true,
    },
    ColSpec {
        name: "source",
        required: true,
    },
];

/// One row of a shipped code file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ShippedRow {
    pub line: usize,
    pub code: String,
    pub level: Level,
    pub name: String,
    pub parent: Option<String>,
    pub provenance: Provenance,
    pub source: String,
    pub aliases: Vec<String>,
}

/// One row of the old-names file: `code` of `kind` was named `old_name` in the
/// editions up to and including `until`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RenamedRow {
    pub line: usize,
    pub kind: CodeKind,
    pub code: String,
    pub old_name: String,
    pub until: u16,
    pub source: String,
}

/// Every shipped file, validated.
#[derive(Debug, Clone, Default)]
pub struct Shipped {
    /// One list per kind, in [`CodeKind::ALL`] order.
    pub codes: [Vec<ShippedRow>; 3],
    pub renamed: Vec<RenamedRow>,
}

/// Validates every shipped file: `texts` in [`FILES`] order, then the old
/// names. Returns each problem with the file it is in.
///
/// # Errors
/// Every problem of every file, as (file name, error).
pub fn validate(
    texts: [&str; 3],
    renamed: &str,
) -> Result<Shipped, Vec<(&'static str, CatalogError)>> {
    let mut out = Shipped::default();
    let mut errors = Vec::new();
    for ((kind, file), text) in FILES.into_iter().zip(texts) {
        match parse_codes(kind, text) {
            Ok(rows) => out.codes[kind.index()] = rows,
            Err(e) => errors.extend(e.into_iter().map(|e| (file, e))),
        }
    }
    let current = |kind: CodeKind, code: &str| -> Option<String> {
        out.codes[kind.index()]
            .iter()
            .find(|r| r.code == code)
            .map(|r| r.name.clone())
    };
    match parse_renamed(renamed, &current) {
        Ok(rows) => out.renamed = rows,
        Err(e) => errors.extend(e.into_iter().map(|e| (RENAMED_FILE, e))),
    }
    if errors.is_empty() {
        Ok(out)
    } else {
        Err(errors)
    }
}

/// Parses a shipped code file of `kind`. Every parent must itself be a row of
/// the file; codes are unique; provenance is `observed` or `standard`, with a
/// non-empty source; aliases are separated by `|`.
///
/// # Errors
/// Every malformed row, with its line number.
pub fn parse_codes(kind: CodeKind, text: &str) -> Result<Vec<ShippedRow>, Vec<CatalogError>> {
    let mut errors = Vec::new();
    let recs = rows::records(text, &mut errors);
    let h = match rows::header(recs.first(), &CODE_COLUMNS) {
        Ok(h) => h,
        Err(mut e) => {
            errors.append(&mut e);
            return Err(errors);
        }
    };
    let mut out: Vec<ShippedRow> = Vec::new();
    let mut first_line: HashMap<String, usize> = HashMap::new();
    for rec in recs.iter().skip(1) {
        let Some(fields) = rows::fit(rec, &h, &mut errors) else {
            continue;
        };
        let field = |i: usize| {
            h.col(i)
                .and_then(|c| fields.get(c))
                .map_or("", |s| s.as_str())
        };
        let Some(row) = code_row(kind, rec.line, &field, &mut errors) else {
            continue;
        };
        if let Some(&first) = first_line.get(&row.code) {
            errors.push(rows::duplicate(rec.line, kind, &row.code, first));
            continue;
        }
        first_line.insert(row.code.clone(), rec.line);
        out.push(row);
    }
    for r in &out {
        if let Some(p) = r.parent.as_ref().filter(|p| !first_line.contains_key(*p)) {
            errors.push(CatalogError::new(
                r.line,
                format!("编码{}的上级编码{p}不在本文件中", r.code),
                format!("the parent {p} of code {} is not in this file", r.code),
            ));
        }
    }
    if errors.is_empty() {
        Ok(out)
    } else {
        Err(errors)
    }
}

fn code_row<'a>(
    kind: CodeKind,
    line: usize,
    field: &dyn Fn(usize) -> &'a str,
    errors: &mut Vec<CatalogError>,
) -> Option<ShippedRow> {
    let row = RowCode {
        code: field(0),
        level: Some(field(1)),
        name: field(2),
        parent: Some(field(3)),
    };
    let checked = rows::check_code(kind, line, &row, true, errors);
    let provenance = Provenance::parse_shipped(field(4));
    if provenance.is_none() {
        errors.push(CatalogError::new(
            line,
            format!("来源类型“{}”无效，应为 observed 或 standard", field(4)),
            format!(
                "invalid provenance \"{}\"; expected observed or standard",
                field(4)
            ),
        ));
    }
    let source = field(5);
    if source.is_empty() {
        errors.push(CatalogError::new(
            line,
            format!("编码{}缺少出处（source 列）", row.code),
            format!("code {} has no source", row.code),
        ));
    }
    let (checked, provenance) = (checked?, provenance?);
    if source.is_empty() {
        return None;
    }
    Some(ShippedRow {
        line,
        code: checked.code,
        level: checked.level,
        name: row.name.to_string(),
        parent: checked.parent,
        provenance,
        source: source.to_string(),
        aliases: rows::split_list(field(6)),
    })
}

/// Parses the old-names file. `current` gives the current name of a shipped
/// code; an old name must belong to a shipped code and differ from its
/// current name; `until` is a year (the last edition with the old name).
///
/// # Errors
/// Every malformed row, with its line number.
pub fn parse_renamed(
    text: &str,
    current: &dyn Fn(CodeKind, &str) -> Option<String>,
) -> Result<Vec<RenamedRow>, Vec<CatalogError>> {
    let mut errors = Vec::new();
    let recs = rows::records(text, &mut errors);
    let h = match rows::header(recs.first(), &RENAMED_COLUMNS) {
        Ok(h) => h,
        Err(mut e) => {
            errors.append(&mut e);
            return Err(errors);
        }
    };
    let mut out = Vec::new();
    let mut seen: HashSet<(CodeKind, String, String)> = HashSet::new();
    for rec in recs.iter().skip(1) {
        let Some(fields) = rows::fit(rec, &h, &mut errors) else {
            continue;
        };
        let field = |i: usize| {
            h.col(i)
                .and_then(|c| fields.get(c))
                .map_or("", |s| s.as_str())
        };
        let Some(row) = renamed_row(rec.line, &field, current, &mut errors) else {
            continue;
        };
        if !seen.insert((row.kind, row.code.clone(), normalize_name(&row.old_name))) {
            errors.push(CatalogError::new(
                rec.line,
                format!("旧名称“{}”（{}）重复", row.old_name, row.code),
                format!(
                    "the old name \"{}\" of {} is listed twice",
                    row.old_name, row.code
                ),
            ));
            continue;
        }
        out.push(row);
    }
    if errors.is_empty() {
        Ok(out)
    } else {
        Err(errors)
    }
}

fn renamed_row<'a>(
    line: usize,
    field: &dyn Fn(usize) -> &'a str,
    current: &dyn Fn(CodeKind, &str) -> Option<String>,
    errors: &mut Vec<CatalogError>,
) -> Option<RenamedRow> {
    let before = errors.len();
    let mut err = |zh: String, en: String| errors.push(CatalogError::new(line, zh, en));
    let (code, old_name, source) = (field(1), field(2), field(4));
    let kind = CodeKind::parse(field(0));
    if kind.is_none() {
        err(
            format!("分类“{}”无效", field(0)),
            format!(
                "invalid kind \"{}\"; expected function, economic-department or economic-government",
                field(0)
            ),
        );
    }
    let until = field(3)
        .parse::<u16>()
        .ok()
        .filter(|y| (1990..=2100).contains(y));
    if until.is_none() {
        err(
            format!("年度“{}”无效，应为四位年份", field(3)),
            format!("invalid edition year \"{}\"", field(3)),
        );
    }
    if old_name.is_empty() || source.is_empty() {
        err(
            format!("编码{code}的旧名称或出处为空"),
            format!("the old name or the source of code {code} is empty"),
        );
    }
    if let Some(k) = kind {
        match current(k, code) {
            None => err(
                format!("{}编码{code}不在目录文件中", k.name_zh()),
                format!("the {} code {code} is not in the catalog files", k.id()),
            ),
            Some(now) if normalize_name(&now) == normalize_name(old_name) => err(
                format!("旧名称“{old_name}”就是编码{code}的现名"),
                format!("the old name \"{old_name}\" is the current name of {code}"),
            ),
            Some(_) => {}
        }
    }
    if errors.len() > before {
        return None;
    }
    Some(RenamedRow {
        line,
        kind: kind?,
        code: code.to_string(),
        old_name: old_name.to_string(),
        until: until?,
        source: source.to_string(),
    })
}
