//! The printed tables as facts of the language, written as `.budget` text.

use super::rows::{self, Col, Grid, Row};
use super::text::{amount, is_amount_token, strip_ordinal, Line, Table};
use super::{unplaced, Writer};
use crate::catalog::{Catalog, CodeKind, Level};
use crate::diagnostic::Span;
use crate::t;
use rust_decimal::Decimal;
use std::collections::BTreeMap;

/// Per source word: the (基本, 项目) of each 项 code in that source's table.
type SourceTables = Vec<(&'static str, BTreeMap<String, (Decimal, Decimal)>)>;

/// What a table is, from its title.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Summary,
    FiscalSummary,
    IncomeTree,
    ExpenditureTree,
    GeneralPublic,
    Fund,
    Capital,
    Economic,
    ThreePublic,
    AdminCost,
    Projects,
    Other,
}

pub fn kind_of(title: &str) -> Kind {
    let has = |w: &str| title.contains(w);
    if has("三公") {
        Kind::ThreePublic
    } else if has("机关运行经费") {
        Kind::AdminCost
    } else if has("项目支出") {
        Kind::Projects
    } else if has("基本支出") && has("经济") {
        Kind::Economic
    } else if has("财政拨款收支") {
        Kind::FiscalSummary
    } else if (has("政府性基金") || has("国有资本经营")) && has("收入") {
        Kind::Other
    } else if has("收支") {
        Kind::Summary
    } else if has("收入") {
        Kind::IncomeTree
    } else if has("一般公共预算") && has("支出") {
        Kind::GeneralPublic
    } else if has("政府性基金") {
        Kind::Fund
    } else if has("国有资本经营") {
        Kind::Capital
    } else if has("支出") {
        Kind::ExpenditureTree
    } else {
        Kind::Other
    }
}

/// A read table with its kind and unit.
pub struct Read<'a> {
    pub table: &'a Table,
    pub kind: Kind,
    pub grid: Grid,
}

impl Read<'_> {
    pub fn unit(&self) -> &str {
        self.grid.unit.as_deref().unwrap_or("")
    }
}

const TREE: &[Col] = &[Col::Total, Col::Basic, Col::Project];
const ECONOMIC: &[Col] = &[Col::Total, Col::Personnel, Col::Public];

pub fn read_all<'a>(tables: &'a [Table], lines: &[Line], catalog: &Catalog) -> Vec<Read<'a>> {
    tables
        .iter()
        .map(|t| {
            let kind = kind_of(&t.title);
            let defaults = match kind {
                Kind::Economic => ECONOMIC,
                _ => TREE,
            };
            let mut grid = rows::read(t, lines, defaults);
            if matches!(
                kind,
                Kind::IncomeTree
                    | Kind::ExpenditureTree
                    | Kind::GeneralPublic
                    | Kind::Fund
                    | Kind::Capital
            ) {
                codes_by_name(&mut grid.rows, catalog);
            }
            Read {
                table: t,
                kind,
                grid,
            }
        })
        .collect()
}

/// Rows that print no code but a name (`一、一般公共服务支出`) get the code
/// the catalog gives that name under the rows above.
fn codes_by_name(rows: &mut [Row], catalog: &Catalog) {
    let mut parents: Vec<String> = Vec::new();
    for row in rows {
        if row.code.is_none() {
            row.code = function_code(catalog, strip_ordinal(row.label()), &parents);
            if let (Some(_), Some(first)) = (&row.code, row.labels.first_mut()) {
                *first = strip_ordinal(first).to_string();
            }
        }
        if let Some(c) = row.code.as_ref().filter(|c| c.len() < 7) {
            parents.retain(|p| p.len() < c.len());
            parents.push(c.clone());
        }
    }
}

/// An amount for the file: as printed when the table's unit is the file's,
/// else with its unit written after it.
pub fn money(
    printed: Option<&str>,
    value: Option<Decimal>,
    table_unit: &str,
    file_unit: &str,
) -> String {
    match (printed, value) {
        (Some(p), _) if table_unit == file_unit || table_unit.is_empty() => p.to_string(),
        (_, Some(v)) => format!("{}{}", v.normalize(), table_unit),
        _ => "0".to_string(),
    }
}

/// The income source a label names (the language's canonical word).
pub fn income_word(label: &str) -> Option<&'static str> {
    let l = strip_ordinal(label);
    let table: &[(&str, &str)] = &[
        ("一般公共预算", "一般公共预算"),
        ("政府性基金", "政府性基金预算"),
        ("国有资本经营", "国有资本经营预算"),
        ("财政专户", "财政专户管理资金"),
        ("单位资金", "单位资金"),
        ("事业单位经营收入", "事业单位经营收入"),
        ("事业收入", "事业收入"),
        ("其他收入", "其他收入"),
    ];
    table
        .iter()
        .find(|(k, _)| l.starts_with(k))
        .map(|(_, w)| *w)
}

/// The (label, first amount) pairs of a two-sided table, in order, with the
/// line each comes from.
fn pairs(t: &Read, lines: &[Line]) -> Vec<(usize, String, Option<String>)> {
    let mut out = Vec::new();
    for &i in &t.table.lines {
        let line = &lines[i];
        let cells: Vec<&super::text::Cell> = if line.tabbed {
            line.cells.iter().collect()
        } else {
            line.filled().collect()
        };
        let mut k = 0;
        while k < cells.len() {
            let c = &cells[k].text;
            if c.is_empty() || is_amount_token(c) {
                k += 1;
                continue;
            }
            let next = cells.get(k + 1).map(|c| c.text.clone());
            let amt = next.filter(|n| amount(n).is_some());
            out.push((i, c.clone(), amt));
            k += 1;
        }
    }
    out
}

/// The unit of the summary table (its 人员经费/公用经费 columns).
fn splits_unit(reads: &[Read]) -> String {
    reads
        .iter()
        .find(|r| r.kind == Kind::Summary)
        .map(|r| r.unit().to_string())
        .unwrap_or_default()
}

/// A unit's 表1 splits each class's 基本支出 into 人员经费 and 公用经费
/// (columns headed so): class name → (人员, 公用) as printed. Each amount
/// after a class's total goes under the nearest of the 人员经费, 公用经费
/// and 项目支出 headings (their centres, in character columns of the
/// layout text); a table without those headings, or in tab form, has none.
fn class_splits(
    reads: &[Read],
    lines: &[Line],
) -> BTreeMap<String, (Option<String>, Option<String>)> {
    type Split = (Option<String>, Option<String>);
    let mut out: BTreeMap<String, Split> = BTreeMap::new();
    let Some(t) = reads.iter().find(|r| r.kind == Kind::Summary) else {
        return out;
    };
    let rows: Vec<&Line> = t.table.lines.iter().map(|&i| &lines[i]).collect();
    if rows.iter().any(|l| l.tabbed) {
        return out;
    }
    // twice the centre column of a cell (integers: col is where it ends)
    let centre = |c: &super::text::Cell| 2 * c.col as i64 - c.text.chars().count() as i64;
    let heads: Vec<(i64, u8)> = rows
        .iter()
        .flat_map(|l| l.filled())
        .filter_map(|c| match c.text.as_str() {
            "人员经费" => Some((centre(c), 0)),
            "公用经费" => Some((centre(c), 1)),
            "项目支出" => Some((centre(c), 2)),
            _ => None,
        })
        .collect();
    if !(heads.iter().any(|h| h.1 == 0) && heads.iter().any(|h| h.1 == 1)) {
        return out;
    }
    for l in rows {
        let cells: Vec<&super::text::Cell> = l.filled().collect();
        for (k, c) in cells.iter().enumerate() {
            let name = strip_ordinal(&c.text);
            if is_amount_token(&c.text) || name.contains("总计") || name.contains("合计") {
                continue;
            }
            let amounts: Vec<&&super::text::Cell> = cells[k + 1..]
                .iter()
                .take_while(|x| is_amount_token(&x.text))
                .collect();
            let mut split: Split = (None, None);
            for a in amounts.iter().skip(1) {
                let at = centre(a);
                match heads.iter().min_by_key(|h| (h.0 - at).abs()).map(|h| h.1) {
                    Some(0) => split.0 = Some(a.text.clone()),
                    Some(1) => split.1 = Some(a.text.clone()),
                    _ => {}
                }
            }
            if split.0.is_some() || split.1.is_some() {
                out.insert(name.to_string(), split);
            }
        }
    }
    out
}

/// The summary table's expenditure side: each 类 it prints against the 支出
/// table's (the file holds the 支出 table's; a different one is reported),
/// and a unit document's 人员经费 / 公用经费 by 类 that could not be placed
/// under their headings ([`class_splits`]), reported once.
pub fn summary_expenditure(reads: &[Read], lines: &[Line], w: &mut Writer) {
    let Some(t) = reads.iter().find(|r| r.kind == Kind::Summary) else {
        return;
    };
    let Some(tree) = reads.iter().find(|r| r.kind == Kind::ExpenditureTree) else {
        return;
    };
    if t.unit() != tree.unit() {
        return;
    }
    let header: String = t
        .table
        .lines
        .iter()
        .take_while(|&&i| !lines[i].filled().any(|c| amount(&c.text).is_some()))
        .map(|&i| lines[i].text.as_str())
        .collect();
    if (header.contains("人员经费") || header.contains("公用经费"))
        && class_splits(reads, lines).is_empty()
    {
        w.warn(
            span_of_line(&lines[t.table.title_line]),
            t!("第{}页 表{} {}：按功能类印出的人员经费、公用经费未能对上栏目，未写入（类行上的 人员 X 公用 Y）", t.table.page, t.table.number, t.table.title;
               "page {}, table {} {}: its 人员经费 and 公用经费 by 类 could not be placed under their headings; not written (人员 X 公用 Y on the 类 lines)", t.table.page, t.table.number, t.table.title),
        );
    }
    for (i, label, amt) in pairs(t, lines) {
        let name = strip_ordinal(&label);
        let Some(printed) = amt.as_deref().and_then(amount) else {
            continue;
        };
        let row = tree.grid.rows.iter().find(|r| {
            r.code.as_ref().is_some_and(|c| c.len() == 3) && strip_ordinal(r.label()) == name
        });
        let Some(total) = row.and_then(|r| r.get(&tree.grid.columns, Col::Total)) else {
            continue;
        };
        if total != printed {
            w.warn_line(
                lines,
                i,
                t.table,
                &format!("{name} 印为 {printed}，支出表为 {total}：写出的是支出表的"),
                &format!("{name} is printed {printed}, the expenditure table's is {total}, which is written"),
            );
        }
    }
}

fn span_of_line(l: &Line) -> Span {
    Span::new(l.start, l.end)
}

/// `收入 { … }` and the stated totals of `支出` from the summary table.
pub fn income(
    reads: &[Read],
    lines: &[Line],
    file_unit: &str,
    w: &mut Writer,
) -> Vec<(String, String)> {
    let Some(t) = reads.iter().find(|r| r.kind == Kind::Summary) else {
        return Vec::new();
    };
    let unit = t.unit().to_string();
    let mut seen = BTreeMap::new();
    let mut stated_exp = Vec::new();
    let mut body = Vec::new();
    let mut carry_seen = false;
    for (i, label, amt) in pairs(t, lines) {
        let l = strip_ordinal(&label).to_string();
        let value = amt.as_deref().and_then(amount);
        let m = money(amt.as_deref(), value, &unit, file_unit);
        let key: Option<&str> = if l.starts_with("本年收入合计") {
            Some("本年收入合计")
        } else if l.starts_with("收入总计") {
            Some("收入总计")
        } else if l == "上年结转" || l.starts_with("上年财政拨款结转") {
            carry_seen = true;
            Some("上年结转")
        } else if l.starts_with("本年支出合计") {
            stated_exp.push(("本年支出合计".to_string(), m.clone()));
            None
        } else if l.starts_with("年终结转") {
            stated_exp.push(("年终结转".to_string(), m.clone()));
            None
        } else if l.starts_with("支出总计") {
            stated_exp.push(("支出总计".to_string(), m.clone()));
            None
        } else if carry_seen {
            // sources listed under 上年结转 are carry-over by source
            None
        } else {
            income_word(&l)
        };
        if let Some(k) = key {
            if seen.insert(k, i).is_none() {
                body.push((k.to_string(), m, lines[i].page));
            }
        }
    }
    if body.is_empty() {
        return stated_exp;
    }
    w.comment(&format!(
        "第{}页 表{} {}（{}）",
        t.table.page, t.table.number, t.table.title, unit
    ));
    w.open("收入");
    for (k, m, _) in body {
        w.line(&format!("{k} {m}"));
    }
    w.close();
    stated_exp
}

/// Per 项 code: (basic, project) of one source table.
fn by_code(r: &Read) -> BTreeMap<String, (Decimal, Decimal)> {
    let cols = &r.grid.columns;
    r.grid
        .rows
        .iter()
        .filter_map(|row| {
            let code = row.code.clone()?;
            let b = row.get(cols, Col::Basic).unwrap_or_default();
            let p = row.get(cols, Col::Project).unwrap_or_default();
            Some((code, (b, p)))
        })
        .collect()
}

/// The source a 收入 table row's money comes from, when only one non-fiscal
/// source is printed for it.
fn income_sources(reads: &[Read]) -> BTreeMap<String, Vec<(&'static str, Decimal)>> {
    let mut out = BTreeMap::new();
    let Some(t) = reads.iter().find(|r| r.kind == Kind::IncomeTree) else {
        return out;
    };
    let cols = &t.grid.columns;
    for row in &t.grid.rows {
        let Some(code) = row.code.clone() else {
            continue;
        };
        let mut v = Vec::new();
        for (c, word) in [
            (Col::GeneralPublic, "一般公共预算"),
            (Col::Fund, "政府性基金预算"),
            (Col::Capital, "国有资本经营预算"),
            (Col::Special, "财政专户管理资金"),
            (Col::UnitFunds, "单位资金"),
            (Col::Business, "事业收入"),
            (Col::Operating, "事业单位经营收入"),
            (Col::Other, "其他收入"),
            (Col::Carry, "结转"),
            (Col::Fiscal, "财政拨款"),
        ] {
            if let Some(d) = row.get(cols, c).filter(|d| !d.is_zero()) {
                v.push((word, d));
            }
        }
        out.insert(code, v);
    }
    out
}

/// The cells of one 项 line; `None` when the sources cannot be told apart.
fn cells_of(
    code: &str,
    basic: Decimal,
    project: Decimal,
    sources: &SourceTables,
    income: &BTreeMap<String, Vec<(&'static str, Decimal)>>,
) -> Option<Vec<(bool, &'static str, Decimal)>> {
    let mut cells = Vec::new();
    let (mut rb, mut rp) = (basic, project);
    for (word, map) in sources {
        if let Some((b, p)) = map.get(code) {
            if !b.is_zero() {
                cells.push((true, *word, *b));
            }
            if !p.is_zero() {
                cells.push((false, *word, *p));
            }
            rb -= b;
            rp -= p;
        }
    }
    if rb.is_zero() && rp.is_zero() {
        return Some(cells);
    }
    // the rest comes from the one other source the 收入 table prints for the row
    let covered: Vec<&str> = sources.iter().map(|(w, _)| *w).collect();
    let rest: Vec<(&'static str, Decimal)> = income
        .get(code)
        .map(|v| {
            v.iter()
                .filter(|(w, _)| !covered.contains(w) && *w != "财政拨款")
                .copied()
                .collect()
        })
        .unwrap_or_default();
    let only_general = sources.is_empty()
        && income.get(code).is_some_and(|v| {
            v.iter()
                .all(|(w, _)| *w == "一般公共预算" || *w == "财政拨款")
        });
    let word = match (rest.as_slice(), only_general) {
        ([(w, d)], _) if *d == rb + rp => *w,
        (_, true) => "一般公共预算",
        _ => return None,
    };
    if !rb.is_zero() {
        cells.push((true, word, rb));
    }
    if !rp.is_zero() {
        cells.push((false, word, rp));
    }
    Some(cells)
}

fn cell_text(basic: bool, word: &str, amount: String) -> String {
    let side = if basic { "基本" } else { "项目" };
    match word {
        "一般公共预算" => format!("{side} {amount}"),
        "结转" => format!("{side} 结转 {amount}"),
        w => format!("{side} {w} {amount}"),
    }
}

fn plain(d: Decimal, table_unit: &str, file_unit: &str) -> String {
    plain_like(d, None, table_unit, file_unit)
}

/// `d` with as many decimals as `like` (a printed amount of the same row).
fn plain_like(d: Decimal, like: Option<&str>, table_unit: &str, file_unit: &str) -> String {
    let mut d = d;
    match like
        .and_then(|l| l.split_once('.'))
        .map(|(_, f)| f.len() as u32)
    {
        Some(n) if n >= d.normalize().scale() => d.rescale(n),
        _ => d = d.normalize(),
    }
    if table_unit == file_unit || table_unit.is_empty() {
        d.to_string()
    } else {
        format!("{d}{table_unit}")
    }
}

/// `支出 { … }` from the 支出 table, sources from the per-source tables.
pub fn expenditure(
    reads: &[Read],
    lines: &[Line],
    file_unit: &str,
    stated: &[(String, String)],
    w: &mut Writer,
) -> bool {
    let Some(t) = reads
        .iter()
        .find(|r| r.kind == Kind::ExpenditureTree)
        .or_else(|| reads.iter().find(|r| r.kind == Kind::GeneralPublic))
    else {
        return false;
    };
    let unit = t.unit().to_string();
    let sources: SourceTables = [
        (Kind::GeneralPublic, "一般公共预算"),
        (Kind::Fund, "政府性基金预算"),
        (Kind::Capital, "国有资本经营预算"),
    ]
    .iter()
    .filter_map(|(k, word)| {
        reads
            .iter()
            .find(|r| r.kind == *k && !std::ptr::eq(*r, t))
            .map(|r| (*word, by_code(r)))
    })
    .collect();
    let income = income_sources(reads);
    let splits = class_splits(reads, lines);
    let cols = &t.grid.columns;
    w.comment(&format!(
        "第{}页 表{} {}（{}）",
        t.table.page, t.table.number, t.table.title, unit
    ));
    w.open("支出");
    let mut totals = Vec::new();
    for row in &t.grid.rows {
        match &row.code {
            Some(code) if code.len() == 7 => {
                match item_line(code, row, cols, &sources, &income, &unit, file_unit) {
                    Some(s) => w.line(&s),
                    None => unplaced(
                        w,
                        lines,
                        row.line,
                        t.table,
                        "未能分清各项资金来源",
                        "the sources of the row's money cannot be told apart",
                    ),
                }
            }
            Some(code) if code.len() == 3 || code.len() == 5 => {
                let split = splits_of(code, row, &splits, reads, file_unit);
                w.line(&class_line(code, row, cols, &unit, file_unit, &split));
            }
            Some(_) => unplaced(
                w,
                lines,
                row.line,
                t.table,
                "编码位数不对",
                "a code of the wrong length",
            ),
            None if strip_ordinal(row.label()).starts_with("合计") || row.label().is_empty() => {
                total_row(row, cols, &unit, file_unit, &mut totals, |key| {
                    w.warn_line(
                        lines,
                        row.line,
                        t.table,
                        &format!("{key}与前面印出的不同，未写出"),
                        &format!("{key} differs from the one printed before; not written"),
                    )
                });
            }
            None => unplaced(w, lines, row.line, t.table, "未能识别", "not recognised"),
        }
    }
    let mut keys: Vec<(String, String)> = totals
        .iter()
        .map(|(k, v)| (k.to_string(), v.clone()))
        .collect();
    for (k, v) in stated {
        match keys.iter().find(|(kk, _)| kk == k) {
            None => keys.push((k.clone(), v.clone())),
            Some((_, mine)) if mine.replace(',', "") == v.replace(',', "") => {}
            Some(_) => w.warn(
                Span::new(0, 0),
                t!("收支总表的{}（{}）与支出表的不同：写出的是支出表的", k, v;
                   "the summary's {} ({}) differs from the expenditure table's, which is written", k, v),
            ),
        }
    }
    for (k, v) in keys {
        w.line(&format!("{k} {v}"));
    }
    w.close();
    true
}

/// A 类 line's 人员/公用 split, where the unit's 表1 prints it.
fn splits_of(
    code: &str,
    row: &Row,
    splits: &BTreeMap<String, (Option<String>, Option<String>)>,
    reads: &[Read],
    file_unit: &str,
) -> String {
    splits
        .get(strip_ordinal(row.label()))
        .filter(|_| code.len() == 3)
        .map(|(p, q)| {
            let m = |a: &Option<String>, word: &str| {
                a.as_deref().map_or(String::new(), |a| {
                    let v = money(Some(a), amount(a), &splits_unit(reads), file_unit);
                    format!(" {word} {v}")
                })
            };
            format!("{}{}", m(p, "人员"), m(q, "公用"))
        })
        .unwrap_or_default()
}

/// A 类 or 款 line: its printed total, and its 基本 and 项目 as printed
/// (stated subtotals, R5), then its split.
fn class_line(
    code: &str,
    row: &Row,
    cols: &[Col],
    unit: &str,
    file_unit: &str,
    split: &str,
) -> String {
    let m = |c: Col| money(row.printed(cols, c), row.get(cols, c), unit, file_unit);
    let mut parts = String::new();
    for (c, word) in [(Col::Basic, "基本"), (Col::Project, "项目")] {
        if cols.contains(&c) {
            parts.push_str(&format!(" {word} {}", m(c)));
        }
    }
    format!(
        "{code} {} 合计 {}{parts}{split}",
        name_word(row.label()),
        m(Col::Total)
    )
}

/// A total row (合计, or no label): its totals, each once; one printed
/// again with another figure is `differs(key)`.
fn total_row(
    row: &Row,
    cols: &[Col],
    unit: &str,
    file_unit: &str,
    totals: &mut Vec<(&'static str, String)>,
    mut differs: impl FnMut(&str),
) {
    let m = |c: Col| money(row.printed(cols, c), row.get(cols, c), unit, file_unit);
    let these = [
        ("本年支出合计", Col::Total),
        ("基本支出合计", Col::Basic),
        ("项目支出合计", Col::Project),
    ];
    for (key, col) in these {
        if !cols.contains(&col) {
            continue;
        }
        match totals.iter().find(|(k, _)| *k == key) {
            None => totals.push((key, m(col))),
            Some((_, v)) if v.replace(',', "") == m(col).replace(',', "") => {}
            Some(_) => differs(key),
        }
    }
}

/// The 功能分类 code a row names when no code is printed (`一、一般公共服务支出`):
/// a 类 by its name, a 款 or 项 by its name under the 类 or 款 above it.
fn function_code(catalog: &Catalog, name: &str, parents: &[String]) -> Option<String> {
    if name.is_empty() || name.starts_with("合计") {
        return None;
    }
    let found: Vec<_> = catalog.find_by_name(CodeKind::Function, name).collect();
    let under = |p: &str| -> Vec<String> {
        found
            .iter()
            .filter(|e| e.parent.as_deref() == Some(p))
            .map(|e| e.code.clone())
            .collect()
    };
    for p in parents.iter().rev() {
        if let [one] = under(p).as_slice() {
            return Some(one.clone());
        }
    }
    let lei: Vec<_> = found.iter().filter(|e| e.level == Level::Lei).collect();
    match lei.as_slice() {
        [one] => Some(one.code.clone()),
        _ => None,
    }
}

/// One 项 line: code, name, the printed total and the cells by source;
/// `None` when the sources cannot be told apart.
fn item_line(
    code: &str,
    row: &Row,
    cols: &[Col],
    sources: &SourceTables,
    income: &BTreeMap<String, Vec<(&'static str, Decimal)>>,
    unit: &str,
    file_unit: &str,
) -> Option<String> {
    let b = row.get(cols, Col::Basic).unwrap_or_default();
    let p = row.get(cols, Col::Project).unwrap_or_default();
    let cells = cells_of(code, b, p, sources, income)?;
    let total = row.printed(cols, Col::Total);
    let mut s = format!("{code} {}", name_word(row.label()));
    if total.is_some() {
        let m = money(total, row.get(cols, Col::Total), unit, file_unit);
        s.push_str(&format!(" 合计 {m}"));
    }
    for (basic, word, d) in cells {
        s.push(' ');
        s.push_str(&cell_text(
            basic,
            word,
            plain_like(d, total, unit, file_unit),
        ));
    }
    Some(s)
}

/// A name as a word, or quoted when it is not one.
pub fn name_word(s: &str) -> String {
    let s = s.trim();
    let plain = !s.is_empty()
        && !s.starts_with(|c: char| c.is_ascii_digit() || "+-≥≤><=".contains(c))
        && !s.chars().any(|c| c.is_whitespace() || "\"{};#".contains(c));
    if plain {
        s.to_string()
    } else {
        super::quote(s)
    }
}

/// `基本支出 { … }` from the economic table; codes from code columns or
/// from the names (the catalog), 政府 codes from a printed 政府 name.
pub fn economic(
    reads: &[Read],
    lines: &[Line],
    file_unit: &str,
    catalog: &Catalog,
    w: &mut Writer,
) {
    let Some(t) = reads.iter().find(|r| r.kind == Kind::Economic) else {
        return;
    };
    let unit = t.unit().to_string();
    let cols = &t.grid.columns;
    w.comment(&format!(
        "第{}页 表{} {}（{}）",
        t.table.page, t.table.number, t.table.title, unit
    ));
    w.open("基本支出");
    let mut class: Option<String> = None;
    for row in &t.grid.rows {
        let m = |c: Col| money(row.printed(cols, c), row.get(cols, c), &unit, file_unit);
        let label = strip_ordinal(row.label()).to_string();
        if row.code.is_none() && label.starts_with("合计") {
            w.line(&format!("合计 {}", m(Col::Total)));
            w.line(&format!("人员经费合计 {}", m(Col::Personnel)));
            w.line(&format!("公用经费合计 {}", m(Col::Public)));
            continue;
        }
        let code = row
            .code
            .clone()
            .or_else(|| economic_code(catalog, &label, class.as_deref()));
        let Some(code) = code else {
            unplaced(
                w,
                lines,
                row.line,
                t.table,
                "未能确定经济分类科目编码",
                "no economic code found for the name",
            );
            continue;
        };
        let label = catalog_spelling(catalog, CodeKind::EconomicDepartment, &code, &label);
        if code.len() == 3 {
            class = Some(code.clone());
            w.line(&format!(
                "{code} {} 合计 {}",
                name_word(&label),
                m(Col::Total)
            ));
            continue;
        }
        let mut s = format!("{code} {}", name_word(&label));
        if let Some(gov) = row.labels.get(1) {
            match government_code(catalog, gov) {
                Some(g) => s.push_str(&format!(" 政府 {g} {}", name_word(gov))),
                None => w.warn_line(
                    lines,
                    row.line,
                    t.table,
                    &format!("政府经济分类“{gov}”对应的编码不唯一或不存在，未写出"),
                    &format!("the 政府经济分类 `{gov}` has no single code; not written"),
                ),
            }
        }
        let per = row.get(cols, Col::Personnel).unwrap_or_default();
        let publ = row.get(cols, Col::Public).unwrap_or_default();
        if !per.is_zero() || publ.is_zero() && code.starts_with("301") {
            s.push_str(&format!(" 人员 {}", m(Col::Personnel)));
        }
        if !publ.is_zero() || per.is_zero() && !code.starts_with("301") {
            s.push_str(&format!(" 公用 {}", m(Col::Public)));
        }
        w.line(&s);
    }
    w.close();
}

/// The catalog's name of `code` when the printed name is it with the other
/// bracket width (`维修(护)费` printed half-width by the document's 排版):
/// the name as the language writes it; else the printed name.
fn catalog_spelling(catalog: &Catalog, kind: CodeKind, code: &str, printed: &str) -> String {
    let norm = |s: &str| s.replace('（', "(").replace('）', ")");
    match catalog.get(kind, code) {
        Some(e) if e.name != printed && norm(&e.name) == norm(printed) => e.name.clone(),
        _ => printed.to_string(),
    }
}

fn economic_code(catalog: &Catalog, name: &str, class: Option<&str>) -> Option<String> {
    let found: Vec<_> = catalog
        .find_by_name(CodeKind::EconomicDepartment, name)
        .filter(|e| match (e.level, class) {
            (Level::Lei, _) => true,
            (_, Some(c)) => e.parent.as_deref() == Some(c),
            _ => true,
        })
        .collect();
    let lei: Vec<_> = found.iter().filter(|e| e.level == Level::Lei).collect();
    if lei.len() == 1 && found.len() == 1 {
        return Some(lei[0].code.clone());
    }
    let kuan: Vec<_> = found.iter().filter(|e| e.level == Level::Kuan).collect();
    match kuan.as_slice() {
        [one] => Some(one.code.clone()),
        _ => match lei.as_slice() {
            [one] => Some(one.code.clone()),
            _ => None,
        },
    }
}

fn government_code(catalog: &Catalog, name: &str) -> Option<String> {
    let found: Vec<_> = catalog
        .find_by_name(CodeKind::EconomicGovernment, name)
        .filter(|e| e.level == Level::Kuan)
        .collect();
    match found.as_slice() {
        [one] => Some(one.code.clone()),
        _ => None,
    }
}

/// `三公经费 { … }` (and 机关运行经费 when the same table prints it).
pub fn three_public(reads: &[Read], lines: &[Line], file_unit: &str, w: &mut Writer) {
    let Some(t) = reads.iter().find(|r| r.kind == Kind::ThreePublic) else {
        return;
    };
    let unit = t.unit().to_string();
    let with_admin = t.table.title.contains("机关运行经费");
    let labelled: Vec<&Row> = t
        .grid
        .rows
        .iter()
        .filter(|r| !r.label().is_empty())
        .collect();
    let mut items: Vec<(&str, String)> = Vec::new();
    let mut admin = None;
    if !labelled.is_empty() {
        for row in &labelled {
            let l = strip_ordinal(row.label())
                .replace(['(', ')'], "")
                .replace(['（', '）'], "");
            let Some(key) = three_public_key(&l) else {
                unplaced(w, lines, row.line, t.table, "未能识别", "not recognised");
                continue;
            };
            let v = row.get(&t.grid.columns, Col::Total);
            items.push((
                key,
                money(
                    row.printed(&t.grid.columns, Col::Total),
                    v,
                    &unit,
                    file_unit,
                ),
            ));
        }
    } else if let Some(row) = t.grid.rows.first() {
        // the line's own amounts, in order (the header names too few columns
        // to place them)
        let printed: Vec<&str> = lines[row.line]
            .filled()
            .map(|c| c.text.as_str())
            .filter(|t| amount(t).is_some())
            .collect();
        let values: Vec<Decimal> = printed.iter().filter_map(|p| amount(p)).collect();
        let like = printed.iter().find(|p| p.contains('.')).copied();
        match solve_grid(&values, with_admin) {
            Some(v) => {
                let fmt = |d: Decimal| match printed.iter().find(|p| amount(p) == Some(d)) {
                    Some(p) if unit == file_unit => p.to_string(),
                    _ => plain_like(d, like, &unit, file_unit),
                };
                let keys = [
                    "合计",
                    "因公出国（境）费",
                    "公务接待费",
                    "公务用车购置及运行费",
                    "公务用车购置费",
                    "公务用车运行维护费",
                ];
                for (k, d) in keys.iter().zip(v.iter()) {
                    items.push((k, fmt(*d)));
                }
                if with_admin {
                    admin = v.get(6).map(|d| fmt(*d));
                }
            }
            None => unplaced(
                w,
                lines,
                row.line,
                t.table,
                "各数未能对应到栏目（合计与分项不符）",
                "the figures do not fit the columns (the totals do not add up)",
            ),
        }
    }
    if !items.is_empty() {
        write_three_public(w, t, &unit, &items, admin);
    }
}

/// The 三公 item a row label names (brackets dropped).
fn three_public_key(label: &str) -> Option<&'static str> {
    Some(match label {
        "因公出国境费" => "因公出国（境）费",
        "公务接待费" => "公务接待费",
        "公务用车购置及运行费" | "公务用车购置及运行维护费" => {
            "公务用车购置及运行费"
        }
        "公务用车购置费" => "公务用车购置费",
        "公务用车运行维护费" | "公务用车运行费" => "公务用车运行维护费",
        "合计" => "合计",
        _ => return None,
    })
}

/// `三公经费 { … }` in the language's order, then 机关运行经费.
fn write_three_public(
    w: &mut Writer,
    t: &Read,
    unit: &str,
    items: &[(&str, String)],
    admin: Option<String>,
) {
    w.comment(&format!(
        "第{}页 表{} {}（{}）",
        t.table.page, t.table.number, t.table.title, unit
    ));
    w.open("三公经费");
    let order = [
        "因公出国（境）费",
        "公务接待费",
        "公务用车购置费",
        "公务用车运行维护费",
        "公务用车购置及运行费",
        "合计",
    ];
    for k in order {
        if let Some((_, v)) = items.iter().find(|(kk, _)| *kk == k) {
            w.line(&format!("{k} {v}"));
        }
    }
    w.close();
    if let Some(a) = admin {
        w.line(&format!("机关运行经费 {a}"));
    }
}

/// Place a value row of the 三公 grid (合计, 出国, 接待, 小计, 购置, 运行
/// [, 机关运行经费]) whose blank cells pdftotext dropped: the only placement
/// of the printed values, in order, under which 合计 = 出国 + 接待 + 小计
/// and 小计 = 购置 + 运行.
fn solve_grid(values: &[Decimal], with_admin: bool) -> Option<Vec<Decimal>> {
    let n = if with_admin { 7 } else { 6 };
    if values.len() > n {
        return None;
    }
    let mut found: Vec<Vec<Decimal>> = Vec::new();
    for mask in 0u32..(1 << n) {
        if mask.count_ones() as usize != values.len() {
            continue;
        }
        let mut v = vec![Decimal::ZERO; n];
        let mut k = 0;
        for (i, slot) in v.iter_mut().enumerate() {
            if mask & (1 << i) != 0 {
                *slot = values[k];
                k += 1;
            }
        }
        if v[0] == v[1] + v[2] + v[3] && v[3] == v[4] + v[5] && !found.contains(&v) {
            found.push(v);
        }
    }
    if found.len() == 1 {
        found.pop()
    } else {
        None
    }
}

/// `机关运行经费` from its own table (a 部门合计 row, or one row per unit).
pub fn admin_cost(reads: &[Read], file_unit: &str, w: &mut Writer) -> Option<Decimal> {
    let t = reads.iter().find(|r| r.kind == Kind::AdminCost)?;
    let unit = t.unit().to_string();
    let total = t
        .grid
        .rows
        .iter()
        .find(|r| r.label().contains("合计"))
        .and_then(|r| r.get(&t.grid.columns, Col::Total));
    if let Some(v) = total {
        w.comment(&format!(
            "第{}页 表{} {}（{}）",
            t.table.page, t.table.number, t.table.title, unit
        ));
        w.line(&format!("机关运行经费 {}", plain(v, &unit, file_unit)));
    }
    Some(total.unwrap_or_default())
}

/// The print conventions the tables in the file's unit show, as `排版`
/// statements (what the profile would print otherwise is the renderer's):
/// amounts in 元 printed with 分 on every nonzero figure (`小数位 2`; and
/// zeros left blank when none is printed), row labels with half-width brackets.
pub fn print_conventions(
    reads: &[Read],
    lines: &[Line],
    file_unit: &str,
    profile: Option<&crate::render::tables::TableFile>,
) -> Vec<String> {
    let mut out = file_conventions(reads, file_unit);
    if let Some(p) = profile {
        // one `表 ID { … }` per table, its conventions in the order found
        let mut by_table: Vec<(String, Vec<String>)> = Vec::new();
        for (id, stmt) in table_trim(reads, lines, p)
            .into_iter()
            .chain(table_notes(reads, lines, p))
        {
            match by_table.iter_mut().find(|(t, _)| *t == id) {
                Some((_, v)) => v.push(stmt),
                None => by_table.push((id, vec![stmt])),
            }
        }
        for (id, stmts) in by_table {
            out.push(format!("表 {id} {{ {} }}", stmts.join("; ")));
        }
    }
    out
}

/// Each read table with the profile's table it is (by its title).
fn with_defs<'r, 'p>(
    reads: &'r [Read<'r>],
    profile: &'p crate::render::tables::TableFile,
) -> impl Iterator<Item = (&'r Read<'r>, &'p crate::render::tables::TableDef)> {
    reads.iter().filter_map(move |r| {
        let key = super::title_key(&r.table.title);
        profile
            .table
            .iter()
            .find(|d| super::title_key(&d.title) == key)
            .map(|d| (r, d))
    })
}

/// `空表说明 "…"` for each table with no figure that the profile gives a
/// note when empty: the note as printed, or `""` when none is (what a
/// reviewer checks: N20).
fn table_notes(
    reads: &[Read],
    lines: &[Line],
    profile: &crate::render::tables::TableFile,
) -> Vec<(String, String)> {
    let mut out = Vec::new();
    for (r, def) in with_defs(reads, profile) {
        let has_note = def
            .style
            .empty_note
            .as_ref()
            .or(profile.defaults.style.empty_note.as_ref())
            .is_some();
        let empty = r.grid.rows.iter().all(|row| {
            lines[row.line]
                .filled()
                .all(|c| amount(&c.text).is_none_or(|d| d.is_zero()))
        });
        if has_note && empty {
            let note = crate::syntax::write_text(r.grid.note.as_deref().unwrap_or("").trim());
            // quoted, as a note reads best
            let note = if note.starts_with('"') {
                note
            } else {
                format!("\"{note}\"")
            };
            out.push((def.id.clone(), format!("空表说明 {note}")));
        }
    }
    out
}

/// Does a table keep the trailing zeros of its decimals (`839.00`), drop
/// them (`867.5` beside `213.28`), or not say (`None`)?
fn keeps_trailing_zeros(r: &Read, lines: &[Line]) -> Option<bool> {
    let (mut kept, mut dropped) = (false, false);
    let mut places = Vec::new();
    for row in &r.grid.rows {
        for c in lines[row.line].filled() {
            let t = c.text.as_str();
            if amount(t).is_none_or(|d| d.is_zero()) {
                continue;
            }
            let frac = t.split_once('.').map(|(_, f)| f).unwrap_or("");
            kept |= frac.len() > 1 && frac.ends_with('0') || frac == "0";
            places.push(frac.len());
        }
    }
    places.sort();
    places.dedup();
    dropped |= places.len() > 1;
    match (kept, dropped) {
        (true, false) => Some(true),
        (false, true) => Some(false),
        _ => None,
    }
}

/// `表 ID { 去尾零 … }` for each table printed otherwise than its profile
/// prints it (Shanghai's 表9 in 万元: 839.00 where the profile drops zeros).
fn table_trim(
    reads: &[Read],
    lines: &[Line],
    profile: &crate::render::tables::TableFile,
) -> Vec<(String, String)> {
    let mut out = Vec::new();
    for (r, def) in with_defs(reads, profile) {
        let trims = def
            .style
            .trim_zeros
            .or(profile.defaults.style.trim_zeros)
            .unwrap_or(false);
        match keeps_trailing_zeros(r, lines) {
            Some(true) if trims => out.push((def.id.clone(), "去尾零 否".to_string())),
            Some(false) if !trims => out.push((def.id.clone(), "去尾零 是".to_string())),
            _ => {}
        }
    }
    out
}

fn file_conventions(reads: &[Read], file_unit: &str) -> Vec<String> {
    let (mut with_cents, mut nonzero, mut zero_dotted, mut zero_plain) = (0, 0, 0, 0);
    let mut half_width = false;
    for r in reads.iter().filter(|r| r.unit() == file_unit) {
        for row in &r.grid.rows {
            half_width |= row
                .labels
                .iter()
                .any(|l| l.contains('(') || l.contains(')'));
            for p in row.printed.iter().flatten() {
                let bare = p.trim();
                match bare {
                    "0.00" => zero_dotted += 1,
                    "0" => zero_plain += 1,
                    _ => {
                        nonzero += 1;
                        if bare.rsplit_once('.').is_some_and(|(_, f)| f.len() == 2) {
                            with_cents += 1;
                        }
                    }
                }
            }
        }
    }
    let mut out = Vec::new();
    if file_unit == "元" && nonzero > 0 && with_cents == nonzero {
        out.push("小数位 2".to_string());
    }
    // a document that prints 分 and never a zero leaves its zero cells blank
    if out.len() == 1 && zero_dotted == 0 && zero_plain == 0 {
        out.push("零值 \"\"".to_string());
    }
    if half_width {
        out.push("括号 半角".to_string());
    }
    out
}

/// A table printed in 万元 in a file whose tables are in 元 (Shanghai's 表9):
/// its figures, and the narrative's, are rounded to 0.01万元 — a declared
/// rounding policy, so that a correctly rounded figure is no finding.
pub fn rounding(reads: &[Read], file_unit: &str) -> Option<&'static str> {
    (file_unit == "元" && reads.iter().any(|r| r.unit() == "万元"))
        .then_some("舍入 { 三公表 0.01万元; 说明 0.01万元 }")
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr;

    fn d(s: &str) -> Decimal {
        Decimal::from_str(s).unwrap_or_default()
    }

    #[test]
    fn the_grid_is_placed_by_its_sums() {
        let v = solve_grid(&[d("867.50"), d("839.00"), d("28.50"), d("213.28")], true);
        assert_eq!(
            v,
            Some(vec![
                d("867.50"),
                d("839.00"),
                d("28.50"),
                d("0"),
                d("0"),
                d("0"),
                d("213.28")
            ])
        );
        assert_eq!(solve_grid(&[d("1"), d("2")], false), None);
    }

    #[test]
    fn kinds_from_titles() {
        assert_eq!(kind_of("2025年部门财务收支预算总表"), Kind::Summary);
        assert_eq!(kind_of("2024年预算收入总表"), Kind::IncomeTree);
        assert_eq!(
            kind_of("2025年部门一般公共预算支出功能分类预算表"),
            Kind::GeneralPublic
        );
        assert_eq!(
            kind_of("2025年部门一般公共预算基本支出部门预算经济分类预算表"),
            Kind::Economic
        );
        assert_eq!(
            kind_of("部门“三公”经费和机关运行经费预算表"),
            Kind::ThreePublic
        );
    }
}
