//! Reading catalog CSV files (shipped and user alike) with the `csv` crate:
//! records with their line numbers, header columns matched by name, and the
//! checks of one row's code, level, parent and name.
//!
//! Compiled into `build.rs` as well (see `codes.rs`): no `crate::` paths.

use super::codes::{expected_len, level_of, parent_code, CatalogError, CodeKind, Level};

/// One CSV record: the line it starts on and its fields, trimmed.
#[derive(Debug)]
pub struct Record {
    pub line: usize,
    pub fields: Vec<String>,
}

/// Splits `text` into records (RFC 4180, as the `csv` crate reads it): a
/// leading BOM is ignored, blank lines are skipped, fields are trimmed. A
/// field that contains a line break (an unclosed quote, usually) is reported.
pub fn records(text: &str, errors: &mut Vec<CatalogError>) -> Vec<Record> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes());
    let mut out = Vec::new();
    for result in reader.records() {
        let rec = match result {
            Ok(r) => r,
            Err(e) => {
                let line = e.position().map_or(0, |p| line_at(text, p.byte() as usize));
                errors.push(CatalogError::new(
                    line,
                    format!("无法读取 CSV：{e}"),
                    format!("cannot read the CSV: {e}"),
                ));
                continue;
            }
        };
        let line = rec
            .position()
            .map_or(0, |p| line_at(text, p.byte() as usize));
        if rec.iter().all(|f| f.trim().is_empty()) {
            continue;
        }
        if rec.iter().any(|f| f.contains(['\n', '\r'])) {
            errors.push(CatalogError::new(
                line,
                "字段中含有换行（引号没有闭合？）".to_string(),
                "a field contains a line break (is a quote not closed?)".to_string(),
            ));
            continue;
        }
        out.push(Record {
            line,
            fields: rec.iter().map(|f| f.trim().to_string()).collect(),
        });
    }
    out
}

/// The 1-based line of byte offset `at` (LF, CRLF and lone CR end a line).
/// The csv reader reports a record at the end of the line before any empty
/// lines it skipped: those line ends are skipped here.
fn line_at(text: &str, at: usize) -> usize {
    let bytes = text.as_bytes();
    let skipped = bytes.get(at..).map_or(0, |rest| {
        rest.iter()
            .take_while(|&&b| b == b'\n' || b == b'\r')
            .count()
    });
    let at = at + skipped;
    let before = text.as_bytes().get(..at).unwrap_or(text.as_bytes());
    let lf = before.iter().filter(|&&b| b == b'\n').count();
    let lone_cr = before
        .windows(2)
        .filter(|w| w[0] == b'\r' && w[1] != b'\n')
        .count()
        + usize::from(before.last() == Some(&b'\r'));
    1 + lf + lone_cr
}

/// A column of a catalog file: its header name and whether it is required.
pub struct ColSpec {
    pub name: &'static str,
    pub required: bool,
}

/// The header's columns: for each spec, the index of its column.
pub struct Header {
    pub cols: Vec<Option<usize>>,
    pub width: usize,
}

impl Header {
    /// The index of spec `i`'s column (`None` for an absent optional column).
    pub fn col(&self, i: usize) -> Option<usize> {
        self.cols.get(i).copied().flatten()
    }
}

/// Reads the header record: every column a known name, none twice, every
/// required one present. Names are ASCII case-insensitive.
pub fn header(rec: Option<&Record>, specs: &[ColSpec]) -> Result<Header, Vec<CatalogError>> {
    let Some(rec) = rec else {
        return Err(vec![CatalogError::new(
            1,
            "文件为空，缺少表头".to_string(),
            "the file is empty; a header line is required".to_string(),
        )]);
    };
    let line = rec.line;
    let mut errors = Vec::new();
    let mut cols: Vec<Option<usize>> = vec![None; specs.len()];
    let width = trimmed_width(&rec.fields);
    for (i, raw) in rec.fields.iter().take(width).enumerate() {
        let name = raw.to_ascii_lowercase();
        if name.is_empty() {
            errors.push(CatalogError::new(
                line,
                format!("表头第{}列没有列名", i + 1),
                format!("header column {} has no name", i + 1),
            ));
            continue;
        }
        match specs.iter().position(|s| s.name == name) {
            Some(s) => match cols.get_mut(s) {
                Some(slot @ None) => *slot = Some(i),
                _ => errors.push(CatalogError::new(
                    line,
                    format!("表头列“{name}”重复"),
                    format!("header column \"{name}\" appears twice"),
                )),
            },
            None => {
                let known: Vec<&str> = specs.iter().map(|s| s.name).collect();
                let known = known.join(",");
                errors.push(CatalogError::new(
                    line,
                    format!("未知的表头列“{name}”，可用的列：{known}"),
                    format!("unknown header column \"{name}\"; known columns: {known}"),
                ));
            }
        }
    }
    for (spec, slot) in specs.iter().zip(&cols) {
        if spec.required && slot.is_none() {
            errors.push(CatalogError::new(
                line,
                format!("表头缺少必需的列“{}”", spec.name),
                format!("the header lacks the required column \"{}\"", spec.name),
            ));
        }
    }
    if errors.is_empty() {
        Ok(Header { cols, width })
    } else {
        Err(errors)
    }
}

/// The number of fields once trailing empty fields are dropped.
fn trimmed_width(fields: &[String]) -> usize {
    fields
        .iter()
        .rposition(|f| !f.is_empty())
        .map_or(0, |i| i + 1)
}

/// The row's fields if it has the header's width (extra trailing empty fields
/// are ignored; missing trailing fields are an error).
pub fn fit<'r>(
    rec: &'r Record,
    h: &Header,
    errors: &mut Vec<CatalogError>,
) -> Option<&'r [String]> {
    let n = rec.fields.len();
    let shown = trimmed_width(&rec.fields);
    if n == h.width || (n > h.width && shown <= h.width) {
        return rec.fields.get(..h.width);
    }
    let shown = if n > h.width { shown } else { n };
    errors.push(CatalogError::new(
        rec.line,
        format!("本行有{shown}列，表头有{}列", h.width),
        format!("the row has {shown} columns, the header has {}", h.width),
    ));
    None
}

/// A row's code, level and parent, checked.
pub struct CheckedCode {
    pub code: String,
    pub level: Level,
    pub parent: Option<String>,
}

/// What a row says about its code: the text of each column (`None`: no such column).
pub struct RowCode<'a> {
    pub code: &'a str,
    pub level: Option<&'a str>,
    pub parent: Option<&'a str>,
    pub name: &'a str,
}

/// Checks code, level, parent and name of a row. `strict` (shipped files):
/// level and parent must be written out; otherwise (user files) an absent or
/// empty level or parent is derived from the code.
pub fn check_code(
    kind: CodeKind,
    line: usize,
    row: &RowCode<'_>,
    strict: bool,
    errors: &mut Vec<CatalogError>,
) -> Option<CheckedCode> {
    let before = errors.len();
    let code = row.code;
    let mut err = |zh: String, en: String| errors.push(CatalogError::new(line, zh, en));
    if row.name.is_empty() {
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
    let level = checked_level(kind, line, code, row.level, strict, errors)?;
    check_parent(kind, line, code, row.parent, strict, errors);
    if errors.len() > before {
        return None;
    }
    Some(CheckedCode {
        code: code.to_string(),
        level,
        parent: parent_code(kind, code).map(str::to_string),
    })
}

fn checked_level(
    kind: CodeKind,
    line: usize,
    code: &str,
    text: Option<&str>,
    strict: bool,
    errors: &mut Vec<CatalogError>,
) -> Option<Level> {
    let mut err = |zh: String, en: String| errors.push(CatalogError::new(line, zh, en));
    let declared = match text.filter(|t| !t.is_empty()) {
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
    match (level_of(kind, code), declared) {
        (Some(actual), None) => Some(actual),
        (Some(actual), Some(d)) if d == actual => Some(actual),
        (_, Some(d)) => {
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
            None
        }
        (None, None) => {
            let (zh, en) = match kind {
                CodeKind::Function => ("3、5或7", "3, 5 or 7"),
                CodeKind::EconomicDepartment | CodeKind::EconomicGovernment => ("3或5", "3 or 5"),
            };
            err(
                format!(
                    "编码{code}有{}位；{}编码应为{zh}位",
                    code.len(),
                    kind.name_zh()
                ),
                format!(
                    "code {code} has {} digits; {} codes have {en} digits",
                    code.len(),
                    kind.id()
                ),
            );
            None
        }
    }
}

fn check_parent(
    kind: CodeKind,
    line: usize,
    code: &str,
    text: Option<&str>,
    strict: bool,
    errors: &mut Vec<CatalogError>,
) {
    let mut err = |zh: String, en: String| errors.push(CatalogError::new(line, zh, en));
    match (text.filter(|p| !p.is_empty()), parent_code(kind, code)) {
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
}

/// The error for a code written twice in one file.
pub fn duplicate(line: usize, kind: CodeKind, code: &str, first: usize) -> CatalogError {
    CatalogError::new(
        line,
        format!("{}编码{code}重复（第{first}行已出现）", kind.name_zh()),
        format!(
            "duplicate {} code {code} (first on line {first})",
            kind.id()
        ),
    )
}

/// Splits a `|`-separated field, trimming and dropping empty or repeated names.
pub fn split_list(text: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for a in text.split('|').map(str::trim).filter(|a| !a.is_empty()) {
        if !out.iter().any(|o| o == a) {
            out.push(a.to_string());
        }
    }
    out
}
