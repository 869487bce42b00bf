//! A semantic diff of two versions (or two years) of a department's budget.
//!
//! Both sides are compared as the documents they publish ([`Document`]), so
//! the diff speaks in the terms a reader of the document uses and fits every
//! profile without knowing its tables: table by table (matched by table id),
//! row by row (matched by the row's label cells — code and name), cell by
//! cell (matched by column header), with the change of every amount (exact,
//! in the table's unit, absolute and in percent); and the narrative section
//! by section (matched by section id), paragraph by paragraph (a longest
//! common subsequence: paragraphs added, removed, changed).
//!
//! Pure: [`diff`] computes, [`human`], [`html`] and serde (JSON) present.

use crate::model::money::{display, group, DisplayUnit, Money};
use crate::render::document::{Block, Cell, Document, Row, Table};
use rust_decimal::{Decimal, RoundingStrategy};
use serde::Serialize;
use std::collections::{BTreeMap, HashMap};
use std::str::FromStr;

/// One side of the comparison.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Side {
    pub department: String,
    pub year: i32,
    pub title: String,
    /// Errors the checker found in this side (the diff is still made).
    pub errors: usize,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Diff {
    pub old: Side,
    pub new: Side,
    pub tables: Vec<TableDiff>,
    pub sections: Vec<SectionDiff>,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct TableDiff {
    /// The table's id in the profile, e.g. `t1`.
    pub id: String,
    /// e.g. 预算公开表1 2025年财务收支预算总表 (the new side's, else the old's)
    pub title: String,
    /// The unit the table's amounts are in: 元 or 万元 (empty when not stated).
    pub unit: String,
    pub rows: Vec<RowChange>,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
#[serde(tag = "change", rename_all = "snake_case")]
pub enum RowChange {
    Added { row: String, cells: Vec<CellValue> },
    Removed { row: String, cells: Vec<CellValue> },
    Changed { row: String, cells: Vec<CellChange> },
}

/// A cell of an added or removed row.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct CellValue {
    pub column: String,
    pub text: String,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct CellChange {
    pub column: String,
    /// As printed.
    pub old: String,
    pub new: String,
    /// Exact amounts in the table's unit, when the cell is a number (a blank is 0).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub old_value: Option<Decimal>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub new_value: Option<Decimal>,
    /// new − old, in the table's unit.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub delta: Option<Decimal>,
    /// (new − old) / old × 100, to 2 decimals half-up; absent when old is 0.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub percent: Option<Decimal>,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct SectionDiff {
    pub id: String,
    /// The part's and the section's titles, e.g. 第一部分 … › 一、主要职能
    pub title: String,
    pub paragraphs: Vec<ParagraphChange>,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
#[serde(tag = "change", rename_all = "snake_case")]
pub enum ParagraphChange {
    Added { text: String },
    Removed { text: String },
    Changed { old: String, new: String },
}

impl Diff {
    pub fn is_empty(&self) -> bool {
        self.tables.is_empty() && self.sections.is_empty()
    }
    /// Changed, added and removed rows over all tables.
    pub fn row_changes(&self) -> usize {
        self.tables.iter().map(|t| t.rows.len()).sum()
    }
    /// Changed, added and removed paragraphs over all sections.
    pub fn paragraph_changes(&self) -> usize {
        self.sections.iter().map(|s| s.paragraphs.len()).sum()
    }
}

/// Why two documents cannot be compared.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Unrelated {
    Department { old: String, new: String },
}

impl Unrelated {
    pub fn message(&self, lang: crate::diagnostic::Lang) -> String {
        match (self, lang) {
            (Unrelated::Department { old, new }, crate::diagnostic::Lang::Zh) => {
                format!("两个文件不是同一个部门（“{old}”与“{new}”），无法比较")
            }
            (Unrelated::Department { old, new }, crate::diagnostic::Lang::En) => {
                format!("the files are of two different departments (“{old}” and “{new}”): nothing to compare")
            }
        }
    }
}

/// Compare two documents of one department. `errors` are each side's error counts.
pub fn diff(old: &Document, new: &Document, errors: (usize, usize)) -> Result<Diff, Unrelated> {
    if old.department.trim() != new.department.trim() {
        return Err(Unrelated::Department {
            old: old.department.clone(),
            new: new.department.clone(),
        });
    }
    let side = |d: &Document, errors| Side {
        department: d.department.clone(),
        year: d.year,
        title: d.title.clone(),
        errors,
    };
    Ok(Diff {
        old: side(old, errors.0),
        new: side(new, errors.1),
        tables: diff_tables(&tables(old), &tables(new)),
        sections: diff_sections(&sections(old), &sections(new)),
    })
}

// ---------------------------------------------------------------------------
// tables

fn tables(d: &Document) -> Vec<&Table> {
    d.parts
        .iter()
        .flat_map(|p| &p.sections)
        .flat_map(|s| &s.blocks)
        .filter_map(|b| match b {
            Block::Table(t) => Some(t),
            _ => None,
        })
        .collect()
}

/// Tables are matched by id; an id used twice (performance grids) by id and occurrence.
fn keyed<'a>(ts: &[&'a Table]) -> Vec<(String, &'a Table)> {
    let mut seen: HashMap<&str, usize> = HashMap::new();
    ts.iter()
        .map(|t| {
            let n = seen.entry(t.id.as_str()).or_insert(0);
            *n += 1;
            let key = if *n == 1 {
                t.id.clone()
            } else {
                format!("{}#{}", t.id, n)
            };
            (key, *t)
        })
        .collect()
}

fn diff_tables(old: &[&Table], new: &[&Table]) -> Vec<TableDiff> {
    let old = keyed(old);
    let new = keyed(new);
    let old_by: HashMap<&str, &Table> = old.iter().map(|(k, t)| (k.as_str(), *t)).collect();
    let new_keys: std::collections::HashSet<&str> = new.iter().map(|(k, _)| k.as_str()).collect();
    let mut out = Vec::new();
    for (key, n) in &new {
        let rows = match old_by.get(key.as_str()) {
            Some(o) => diff_rows(o, n),
            None => grid(n).into_iter().map(|(k, r)| added(k, &r)).collect(),
        };
        if !rows.is_empty() {
            out.push(table_diff(key, n, rows));
        }
    }
    for (key, o) in &old {
        if !new_keys.contains(key.as_str()) {
            let rows: Vec<RowChange> = grid(o).into_iter().map(|(k, r)| removed(k, &r)).collect();
            if !rows.is_empty() {
                out.push(table_diff(key, o, rows));
            }
        }
    }
    out
}

fn table_diff(id: &str, t: &Table, rows: Vec<RowChange>) -> TableDiff {
    let title = [t.label.as_str(), t.title.as_str()]
        .iter()
        .filter(|s| !s.is_empty())
        .copied()
        .collect::<Vec<_>>()
        .join(" ");
    TableDiff {
        id: id.to_string(),
        title,
        unit: unit_of(t),
        rows,
    }
}

/// `单位：元` / `单位：万元` among the lines under the title.
fn unit_of(t: &Table) -> String {
    for m in &t.meta {
        if let Some(i) = m.find("单位") {
            let rest = m[i + "单位".len()..].trim_start_matches([':', '：', ' ']);
            let unit: String = rest.chars().take_while(|c| !c.is_whitespace()).collect();
            if unit.ends_with('元') {
                return unit;
            }
        }
    }
    String::new()
}

/// A table as rows of (column name, cell), keyed by the row's label.
struct GridRow<'a> {
    cells: Vec<(String, &'a Cell)>,
}

/// The name of every column: the header texts above it, top to bottom, joined by `/`.
fn column_names(t: &Table) -> Vec<String> {
    let width = t.columns.max(1);
    let mut names: Vec<Vec<String>> = vec![Vec::new(); width];
    // cells a rowspan from an earlier header row still occupies: column → rows left
    let mut occupied: Vec<u32> = vec![0; width];
    for row in &t.header {
        let mut col = 0;
        let mut cells = row.iter();
        while col < width {
            if occupied[col] > 0 {
                occupied[col] -= 1;
                col += 1;
                continue;
            }
            let Some(c) = cells.next() else { break };
            let span = (c.colspan.max(1) as usize).min(width - col);
            for slot in col..col + span {
                let text = c.text.trim();
                if !text.is_empty() && names[slot].last().map(String::as_str) != Some(text) {
                    names[slot].push(text.to_string());
                }
                occupied[slot] = c.rowspan.max(1) - 1;
            }
            col += span;
        }
    }
    names
        .into_iter()
        .enumerate()
        .map(|(i, n)| {
            if n.is_empty() {
                format!("第{}列", i + 1)
            } else {
                n.join("/")
            }
        })
        .collect()
}

/// The rows of a table keyed by their label cells (the non-numeric ones);
/// a label that repeats gets its occurrence number.
fn grid(t: &Table) -> Vec<(String, GridRow<'_>)> {
    let names = column_names(t);
    let mut seen: HashMap<String, usize> = HashMap::new();
    let mut out = Vec::new();
    for (ri, row) in t.rows.iter().enumerate() {
        let cells = row_cells(row, &names);
        let label = row_label(row);
        let base = if label.is_empty() {
            format!("第{}行", ri + 1)
        } else {
            label
        };
        let n = seen.entry(base.clone()).or_insert(0);
        *n += 1;
        let key = if *n == 1 {
            base
        } else {
            format!("{base}（第{n}次）")
        };
        out.push((key, GridRow { cells }));
    }
    out
}

fn row_label(row: &Row) -> String {
    row.cells
        .iter()
        .filter(|c| !c.numeric && !c.text.trim().is_empty())
        .map(|c| c.text.trim())
        .collect::<Vec<_>>()
        .join(" ")
}

fn row_cells<'a>(row: &'a Row, names: &[String]) -> Vec<(String, &'a Cell)> {
    let mut col = 0;
    let mut out = Vec::new();
    for c in &row.cells {
        let name = names
            .get(col)
            .cloned()
            .unwrap_or_else(|| format!("第{}列", col + 1));
        out.push((name, c));
        col += c.colspan.max(1) as usize;
    }
    out
}

fn added(row: String, r: &GridRow) -> RowChange {
    RowChange::Added {
        row,
        cells: values(r),
    }
}

fn removed(row: String, r: &GridRow) -> RowChange {
    RowChange::Removed {
        row,
        cells: values(r),
    }
}

fn values(r: &GridRow) -> Vec<CellValue> {
    r.cells
        .iter()
        .filter(|(_, c)| c.numeric && !c.text.trim().is_empty())
        .map(|(column, c)| CellValue {
            column: column.clone(),
            text: c.text.clone(),
        })
        .collect()
}

fn diff_rows(old: &Table, new: &Table) -> Vec<RowChange> {
    let og = grid(old);
    let ng = grid(new);
    let old_by: HashMap<&str, &GridRow> = og.iter().map(|(k, r)| (k.as_str(), r)).collect();
    let new_keys: std::collections::HashSet<&str> = ng.iter().map(|(k, _)| k.as_str()).collect();
    let mut out = Vec::new();
    for (key, n) in &ng {
        match old_by.get(key.as_str()) {
            None => out.push(added(key.clone(), n)),
            Some(o) => {
                let cells = diff_cells(o, n);
                if !cells.is_empty() {
                    out.push(RowChange::Changed {
                        row: key.clone(),
                        cells,
                    });
                }
            }
        }
    }
    for (key, o) in &og {
        if !new_keys.contains(key.as_str()) {
            out.push(removed(key.clone(), o));
        }
    }
    out
}

fn value_of(c: &Cell) -> Option<Decimal> {
    if !c.numeric {
        return None;
    }
    match &c.value {
        Some(v) => Decimal::from_str(v).ok(),
        None if c.text.trim().is_empty() => Some(Decimal::ZERO),
        None => Decimal::from_str(&c.text.replace(',', "")).ok(),
    }
}

fn diff_cells(old: &GridRow, new: &GridRow) -> Vec<CellChange> {
    let old_by: BTreeMap<&str, &Cell> = old.cells.iter().map(|(k, c)| (k.as_str(), *c)).collect();
    let mut out = Vec::new();
    for (column, n) in &new.cells {
        let Some(o) = old_by.get(column.as_str()) else {
            continue;
        };
        let (ov, nv) = (value_of(o), value_of(n));
        let same = match (ov, nv) {
            (Some(a), Some(b)) => a == b,
            _ => o.text.trim() == n.text.trim(),
        };
        if same {
            continue;
        }
        let delta = ov.zip(nv).map(|(a, b)| b - a);
        let percent = ov
            .zip(delta)
            .filter(|(a, _)| !a.is_zero())
            .map(|(a, d)| percent(d, a));
        out.push(CellChange {
            column: column.clone(),
            old: o.text.clone(),
            new: n.text.clone(),
            old_value: ov,
            new_value: nv,
            delta,
            percent,
        });
    }
    out
}

/// `d / base × 100`, 2 decimals, half away from zero.
pub fn percent(d: Decimal, base: Decimal) -> Decimal {
    (d * Decimal::ONE_HUNDRED / base)
        .round_dp_with_strategy(2, RoundingStrategy::MidpointAwayFromZero)
}

// ---------------------------------------------------------------------------
// narrative

struct Sec {
    id: String,
    title: String,
    paragraphs: Vec<String>,
}

fn sections(d: &Document) -> Vec<Sec> {
    let mut out = Vec::new();
    for p in &d.parts {
        for s in &p.sections {
            let paragraphs: Vec<String> = s
                .blocks
                .iter()
                .filter_map(|b| match b {
                    Block::Paragraph { text } => Some(text.clone()),
                    _ => None,
                })
                .collect();
            let title = [p.title.as_str(), s.title.as_str()]
                .iter()
                .filter(|t| !t.is_empty())
                .copied()
                .collect::<Vec<_>>()
                .join(" › ");
            out.push(Sec {
                id: s.id.clone(),
                title,
                paragraphs,
            });
        }
    }
    out
}

fn diff_sections(old: &[Sec], new: &[Sec]) -> Vec<SectionDiff> {
    let old_by: HashMap<&str, &Sec> = old.iter().map(|s| (s.id.as_str(), s)).collect();
    let new_ids: std::collections::HashSet<&str> = new.iter().map(|s| s.id.as_str()).collect();
    let empty: Vec<String> = Vec::new();
    let mut out = Vec::new();
    for n in new {
        let before = old_by.get(n.id.as_str()).map_or(&empty, |o| &o.paragraphs);
        let paragraphs = diff_paragraphs(before, &n.paragraphs);
        if !paragraphs.is_empty() {
            out.push(SectionDiff {
                id: n.id.clone(),
                title: n.title.clone(),
                paragraphs,
            });
        }
    }
    for o in old.iter().filter(|o| !new_ids.contains(o.id.as_str())) {
        let paragraphs = diff_paragraphs(&o.paragraphs, &empty);
        if !paragraphs.is_empty() {
            out.push(SectionDiff {
                id: o.id.clone(),
                title: o.title.clone(),
                paragraphs,
            });
        }
    }
    out
}

/// Paragraphs added, removed and changed: a longest common subsequence, then
/// a run of removals next to a run of additions paired up as changes.
pub fn diff_paragraphs(old: &[String], new: &[String]) -> Vec<ParagraphChange> {
    let (n, m) = (old.len(), new.len());
    // lcs[i][j]: the LCS length of old[i..] and new[j..]
    let mut lcs = vec![vec![0usize; m + 1]; n + 1];
    for i in (0..n).rev() {
        for j in (0..m).rev() {
            lcs[i][j] = if old[i] == new[j] {
                lcs[i + 1][j + 1] + 1
            } else {
                lcs[i + 1][j].max(lcs[i][j + 1])
            };
        }
    }
    let mut out = Vec::new();
    let (mut i, mut j) = (0, 0);
    let (mut gone, mut came): (Vec<String>, Vec<String>) = (Vec::new(), Vec::new());
    while i < n || j < m {
        if i < n && j < m && old[i] == new[j] {
            flush(&mut out, &mut gone, &mut came);
            i += 1;
            j += 1;
        } else if j < m && (i == n || lcs[i][j + 1] >= lcs[i + 1][j]) {
            came.push(new[j].clone());
            j += 1;
        } else {
            gone.push(old[i].clone());
            i += 1;
        }
    }
    flush(&mut out, &mut gone, &mut came);
    out
}

fn flush(out: &mut Vec<ParagraphChange>, gone: &mut Vec<String>, came: &mut Vec<String>) {
    let pairs = gone.len().min(came.len());
    for (old, new) in gone.drain(..pairs).zip(came.drain(..pairs)) {
        out.push(ParagraphChange::Changed { old, new });
    }
    out.extend(gone.drain(..).map(|text| ParagraphChange::Removed { text }));
    out.extend(came.drain(..).map(|text| ParagraphChange::Added { text }));
}

// ---------------------------------------------------------------------------
// presentation

/// An amount as the table printed it, and in 万元 when the table is in 元.
fn amount(text: &str, value: Option<Decimal>, unit: &str) -> String {
    let shown = if text.trim().is_empty() {
        "（空）".to_string()
    } else {
        text.trim().to_string()
    };
    match value {
        Some(v) if unit == "元" && !v.is_zero() => {
            format!(
                "{shown}（{}万元）",
                display(Money::from_unit(v, DisplayUnit::Yuan), DisplayUnit::Wanyuan)
            )
        }
        _ => shown,
    }
}

/// A change in the table's unit, exact, with its sign: `+876,544.00`, `−25.77`.
fn signed(d: Decimal, unit: &str) -> String {
    let min_dp = if unit == "万元" { 2 } else { 0 };
    let v = d.abs().normalize();
    let abs = group(&format!("{:.*}", v.scale().max(min_dp) as usize, v));
    if d.is_sign_negative() && !d.is_zero() {
        format!("−{abs}")
    } else {
        format!("+{abs}")
    }
}

fn change_line(c: &CellChange, unit: &str) -> String {
    let mut s = format!(
        "{}：{} → {}",
        c.column,
        amount(&c.old, c.old_value, unit),
        amount(&c.new, c.new_value, unit)
    );
    if let Some(d) = c.delta {
        s.push_str(&format!("（{}{unit}", signed(d, unit)));
        match c.percent {
            Some(p) if p.is_sign_negative() && !p.is_zero() => {
                s.push_str(&format!("，{:.2}%", p));
            }
            Some(p) => s.push_str(&format!("，+{:.2}%", p)),
            None => s.push_str("，上年为0"),
        }
        s.push('）');
    }
    s
}

struct Paint {
    on: bool,
}

impl Paint {
    fn wrap(&self, code: &str, s: &str) -> String {
        if self.on {
            format!("\x1b[{code}m{s}\x1b[0m")
        } else {
            s.to_string()
        }
    }
    fn add(&self, s: &str) -> String {
        self.wrap("32", s)
    }
    fn del(&self, s: &str) -> String {
        self.wrap("31", s)
    }
    fn chg(&self, s: &str) -> String {
        self.wrap("33", s)
    }
    fn head(&self, s: &str) -> String {
        self.wrap("1", s)
    }
}

fn cells_text(cells: &[CellValue]) -> String {
    cells
        .iter()
        .map(|c| format!("{} {}", c.column, c.text))
        .collect::<Vec<_>>()
        .join("；")
}

/// The diff as text; `color` adds ANSI colours (for a terminal).
pub fn human(d: &Diff, color: bool) -> String {
    let p = Paint { on: color };
    let mut out = String::new();
    out.push_str(&p.head(&format!(
        "{} {}年 → {}年\n",
        d.new.department, d.old.year, d.new.year
    )));
    for (side, s) in [("旧", &d.old), ("新", &d.new)] {
        if s.errors > 0 {
            out.push_str(&format!(
                "注意：{side}文件有 {} 个错误（仍作比较）\n",
                s.errors
            ));
        }
    }
    for t in &d.tables {
        let unit = if t.unit.is_empty() {
            String::new()
        } else {
            format!("（单位：{}）", t.unit)
        };
        out.push_str(&p.head(&format!("\n{}{unit}\n", t.title)));
        for r in &t.rows {
            match r {
                RowChange::Added { row, cells } => {
                    out.push_str(&p.add(&format!("  + {row}  {}\n", cells_text(cells))));
                }
                RowChange::Removed { row, cells } => {
                    out.push_str(&p.del(&format!("  - {row}  {}\n", cells_text(cells))));
                }
                RowChange::Changed { row, cells } => {
                    out.push_str(&p.chg(&format!("  ~ {row}\n")));
                    for c in cells {
                        out.push_str(&format!("      {}\n", change_line(c, &t.unit)));
                    }
                }
            }
        }
    }
    for s in &d.sections {
        out.push_str(&p.head(&format!("\n{}\n", s.title)));
        for c in &s.paragraphs {
            match c {
                ParagraphChange::Added { text } => {
                    out.push_str(&p.add(&format!("  + {text}\n")));
                }
                ParagraphChange::Removed { text } => {
                    out.push_str(&p.del(&format!("  - {text}\n")));
                }
                ParagraphChange::Changed { old, new } => {
                    out.push_str(&p.del(&format!("  - {old}\n")));
                    out.push_str(&p.add(&format!("  + {new}\n")));
                }
            }
        }
    }
    out.push_str(&summary(d));
    out
}

fn summary(d: &Diff) -> String {
    if d.is_empty() {
        "\n相同：表格与文字均无变化\n".to_string()
    } else {
        format!(
            "\n{} 张表 {} 行有变化，{} 个部分 {} 段文字有变化\n",
            d.tables.len(),
            d.row_changes(),
            d.sections.len(),
            d.paragraph_changes()
        )
    }
}

/// Escape text for HTML (the same escaping the charts' SVG uses).
fn esc(s: &str) -> String {
    crate::render::charts::xml(s)
}

const STYLE: &str = "body{font-family:'Noto Sans CJK SC',sans-serif;margin:2em;color:#222}\
h1{font-size:1.4em}h2{font-size:1.1em;margin-top:1.6em;border-bottom:1px solid #ccc}\
table{border-collapse:collapse;margin:.5em 0}td,th{border:1px solid #bbb;padding:.2em .5em;vertical-align:top}\
th{background:#f3f3f3}.add{background:#e6ffed}.del{background:#ffeef0}.chg{background:#fff8e1}\
.num{text-align:right;white-space:nowrap}.summary{font-weight:bold}";

/// The diff as one self-contained HTML page (no scripts, no external resources).
pub fn html(d: &Diff) -> String {
    let mut o = String::new();
    o.push_str("<!DOCTYPE html>\n<html lang=\"zh-CN\"><head><meta charset=\"utf-8\">");
    o.push_str(&format!(
        "<title>{}</title><style>{STYLE}</style></head><body>\n",
        esc(&format!(
            "{} {}年 → {}年 比较",
            d.new.department, d.old.year, d.new.year
        ))
    ));
    o.push_str(&format!(
        "<h1>{}：{}年 → {}年</h1>\n<p class=\"summary\">{}</p>\n",
        esc(&d.new.department),
        d.old.year,
        d.new.year,
        esc(summary(d).trim())
    ));
    for t in &d.tables {
        html_table(&mut o, t);
    }
    for s in &d.sections {
        o.push_str(&format!(
            "<h2 id=\"{}\">{}</h2>\n<table class=\"prose\">",
            esc(&s.id),
            esc(&s.title)
        ));
        for c in &s.paragraphs {
            let (class, old, new) = match c {
                ParagraphChange::Added { text } => ("add", "", text.as_str()),
                ParagraphChange::Removed { text } => ("del", text.as_str(), ""),
                ParagraphChange::Changed { old, new } => ("chg", old.as_str(), new.as_str()),
            };
            o.push_str(&format!(
                "<tr class=\"{class}\"><td>{}</td><td>{}</td></tr>",
                esc(old),
                esc(new)
            ));
        }
        o.push_str("</table>\n");
    }
    o.push_str("</body></html>\n");
    o
}

fn html_table(o: &mut String, t: &TableDiff) {
    let unit = if t.unit.is_empty() {
        String::new()
    } else {
        format!("（单位：{}）", t.unit)
    };
    o.push_str(&format!(
        "<h2 id=\"{}\">{}{}</h2>\n<table><tr><th>行</th><th>栏</th><th>原</th><th>现</th><th>增减</th><th>%</th></tr>",
        esc(&t.id),
        esc(&t.title),
        esc(&unit)
    ));
    for r in &t.rows {
        match r {
            RowChange::Added { row, cells } | RowChange::Removed { row, cells } => {
                let is_add = matches!(r, RowChange::Added { .. });
                let class = if is_add { "add" } else { "del" };
                let text = esc(&cells_text(cells));
                let (old, new) = if is_add {
                    (String::new(), text)
                } else {
                    (text, String::new())
                };
                o.push_str(&format!(
                    "<tr class=\"{class}\"><td>{}</td><td>{}</td><td>{old}</td><td>{new}</td><td></td><td></td></tr>",
                    esc(row),
                    if is_add { "新增行" } else { "删除行" }
                ));
            }
            RowChange::Changed { row, cells } => {
                for c in cells {
                    let delta = c.delta.map(|d| signed(d, &t.unit)).unwrap_or_default();
                    let pct = c.percent.map(|p| format!("{p:.2}%")).unwrap_or_default();
                    o.push_str(&format!(
                        "<tr class=\"chg\"><td>{}</td><td>{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td></tr>",
                        esc(row),
                        esc(&c.column),
                        esc(&c.old),
                        esc(&c.new),
                        esc(&delta),
                        esc(&pct)
                    ));
                }
            }
        }
    }
    o.push_str("</table>\n");
}

#[cfg(test)]
mod tests {
    use super::*;

    fn s(v: &[&str]) -> Vec<String> {
        v.iter().map(|x| x.to_string()).collect()
    }

    #[test]
    fn paragraphs_added_removed_changed() {
        let d = diff_paragraphs(&s(&["a", "b", "c"]), &s(&["a", "B", "c", "d"]));
        assert_eq!(
            d,
            vec![
                ParagraphChange::Changed {
                    old: "b".into(),
                    new: "B".into()
                },
                ParagraphChange::Added { text: "d".into() }
            ]
        );
        assert_eq!(
            diff_paragraphs(&s(&["x", "y"]), &s(&["y"])),
            vec![ParagraphChange::Removed { text: "x".into() }]
        );
        assert!(diff_paragraphs(&s(&["x"]), &s(&["x"])).is_empty());
    }

    #[test]
    fn percent_is_half_up_to_two_places() {
        let p = percent(Decimal::new(-3413, 2), Decimal::new(6013, 2));
        assert_eq!(p.to_string(), "-56.76");
        assert_eq!(
            percent(Decimal::new(1, 0), Decimal::new(8, 0)).to_string(),
            "12.50"
        );
    }
}
