//! A table's rows: code, label, and amounts placed in their columns.
//!
//! Columns come from the header: in tab form a header cell's index is its
//! column; in layout form the header's known column names are ordered by
//! their position, and each amount goes to the column whose right edge
//! (measured on the rows that fill every column, per page) is nearest.

use super::text::{amount, code_in_label, is_amount_token, split_code, Cell, Line, Table};
use rust_decimal::Decimal;

/// What a column holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Col {
    Total,
    Basic,
    Project,
    Personnel,
    Public,
    GeneralPublic,
    Fund,
    Capital,
    Special,
    UnitFunds,
    Fiscal,
    Business,
    Operating,
    Other,
    Carry,
}

/// Header words, longest first, and the column each names.
const HEADER_WORDS: &[(&str, Col)] = &[
    ("事业单位经营收入", Col::Operating),
    ("财政专户管理资金", Col::Special),
    ("一般公共预算", Col::GeneralPublic),
    ("政府性基金", Col::Fund),
    ("国有资本经营", Col::Capital),
    ("财政拨款收入", Col::Fiscal),
    ("经营收入", Col::Operating),
    ("事业收入", Col::Business),
    ("其他收入", Col::Other),
    ("单位资金", Col::UnitFunds),
    ("上年结转", Col::Carry),
    ("基本支出", Col::Basic),
    ("项目支出", Col::Project),
    ("人员经费", Col::Personnel),
    ("公用经费", Col::Public),
    ("合计", Col::Total),
    ("小计", Col::Total),
];

/// One data row.
#[derive(Debug, Clone)]
pub struct Row {
    /// Index into the line list.
    pub line: usize,
    pub code: Option<String>,
    /// The text cells before the amounts (the label first).
    pub labels: Vec<String>,
    /// By column (same length as the table's columns).
    pub amounts: Vec<Option<Decimal>>,
    /// The amounts as printed, by column.
    pub printed: Vec<Option<String>>,
    /// Text found where an amount belongs (tab form): column, text, byte span.
    pub bad: Vec<(usize, String, (usize, usize))>,
}

impl Row {
    pub fn label(&self) -> &str {
        self.labels.first().map(String::as_str).unwrap_or("")
    }
    pub fn get(&self, cols: &[Col], c: Col) -> Option<Decimal> {
        cols.iter()
            .position(|x| *x == c)
            .and_then(|i| self.amounts.get(i).copied().flatten())
    }
    pub fn printed(&self, cols: &[Col], c: Col) -> Option<&str> {
        cols.iter()
            .position(|x| *x == c)
            .and_then(|i| self.printed.get(i).and_then(|p| p.as_deref()))
    }
}

/// A table read into rows.
#[derive(Debug, Clone)]
pub struct Grid {
    pub columns: Vec<Col>,
    pub rows: Vec<Row>,
    /// Lines inside the table that are neither header, meta, note nor row.
    pub unplaced: Vec<usize>,
    pub unit: Option<String>,
    pub department: Option<String>,
    pub note: Option<String>,
}

fn meta_value(line: &Line, keys: &[&str]) -> Option<String> {
    for c in line.filled() {
        for k in keys {
            if let Some(v) = c.text.strip_prefix(k) {
                let v = v.trim_start_matches(['：', ':']).trim();
                if !v.is_empty() {
                    return Some(v.to_string());
                }
            }
        }
    }
    None
}

pub const DEPT_KEYS: &[&str] = &["编制部门", "部门名称", "编制单位", "单位名称"];

fn unit_of(line: &Line) -> Option<String> {
    for c in line.filled() {
        for p in ["单位：", "单位:"] {
            if let Some(v) = c.text.strip_prefix(p) {
                let v = v.trim();
                if v == "元" || v == "万元" {
                    return Some(v.to_string());
                }
            }
        }
    }
    None
}

/// A page number printed in the footer: `—6—`, `- 6 -`, `第6页`, `6`.
pub fn is_page_number(s: &str) -> bool {
    let t = s.trim_matches(|c: char| c.is_whitespace() || "—-－–".contains(c));
    let t = t
        .strip_prefix('第')
        .and_then(|r| r.strip_suffix('页'))
        .unwrap_or(t);
    !t.is_empty() && t.len() <= 4 && t.bytes().all(|b| b.is_ascii_digit())
}

/// A table's label line: `预算公开表1`, `表2`, `表十`.
fn is_label(s: &str) -> bool {
    let rest = s
        .strip_prefix("预算公开表")
        .or_else(|| s.strip_prefix('表'));
    rest.is_some_and(|r| {
        !r.is_empty()
            && r.chars()
                .all(|c| c.is_ascii_digit() || "一二三四五六七八九十".contains(c))
    })
}

/// The column numbers some tables print under their header (`1 2 3 … 7`).
fn is_numbering(cells: &[&Cell]) -> bool {
    cells.len() >= 3
        && cells
            .iter()
            .enumerate()
            .all(|(k, c)| c.text == (k + 1).to_string())
}

fn is_data(line: &Line) -> bool {
    let filled: Vec<&Cell> = line.filled().collect();
    if is_numbering(&filled) {
        return false;
    }
    let (code, _) = split_code(&filled);
    code.is_some()
        || filled
            .iter()
            .any(|c| is_amount_token(&c.text) && !is_code_like(&c.text))
}

/// `201`, `05`: code columns, not amounts (an amount has a separator or is
/// not 1–3, 5 or 7 digits in a code position; a bare `0` is an amount).
fn is_code_like(t: &str) -> bool {
    t.len() > 1 && t.len() <= 3 && t.bytes().all(|b| b.is_ascii_digit()) && t.starts_with('0')
}

/// The header columns of a tab-form table: column index → what it holds.
fn tab_columns(header: &[&Line]) -> Vec<(usize, Col)> {
    let mut by_index: Vec<(usize, Col)> = Vec::new();
    for line in header {
        for c in line.filled() {
            if let Some(col) = header_word(&c.text) {
                by_index.retain(|(i, _)| *i != c.col);
                by_index.push((c.col, col));
            }
        }
    }
    by_index.sort_by_key(|(i, _)| *i);
    by_index
}

pub fn header_word(s: &str) -> Option<Col> {
    HEADER_WORDS
        .iter()
        .find(|(w, _)| s.contains(w))
        .map(|(_, c)| *c)
}

/// The header columns of a layout-form table, left to right.
/// The header's column names, left to right, with the column where each
/// ends and the header line it is on.
fn layout_columns(header: &[&Line]) -> Vec<(usize, Col, usize)> {
    let mut found: Vec<(usize, Col, usize)> = Vec::new();
    for (n, line) in header.iter().enumerate() {
        for c in line.filled() {
            // a header word the PDF wrapped inside its cell (`一般公共预` over `算`)
            if c.text.chars().count() >= 4 && !HEADER_WORDS.iter().any(|(w, _)| c.text.contains(w))
            {
                if let Some((_, kind)) = HEADER_WORDS
                    .iter()
                    .find(|(w, _)| w.starts_with(c.text.as_str()))
                {
                    found.push((c.col, *kind, n));
                    continue;
                }
            }
            let mut rest = c.text.as_str();
            let mut col = c.col - c.text.chars().count();
            while !rest.is_empty() {
                let hit = HEADER_WORDS.iter().find(|(w, _)| rest.starts_with(w));
                let step = match hit {
                    Some((w, kind)) => {
                        found.push((col + w.chars().count(), *kind, n));
                        w.len()
                    }
                    None => rest.chars().next().map(char::len_utf8).unwrap_or(1),
                };
                col += rest[..step].chars().count();
                rest = &rest[step..];
            }
        }
    }
    found.sort_by_key(|(p, _, _)| *p);
    found
}

/// (line, code, labels, values with their end columns)
type RawRow = (
    usize,
    Option<String>,
    Vec<String>,
    Vec<(Decimal, String, usize)>,
);

/// Rows of a table where no row fills every column: the first amount is the
/// row's total (column 0), each other goes to the column whose header ends
/// nearest to where the amount ends.
fn by_header(raws: &[RawRow], located: &[(usize, Col)]) -> Vec<Row> {
    let n = located.len();
    raws.iter()
        .map(|(line, code, labels, values)| {
            let mut amounts = vec![None; n];
            let mut printed = vec![None; n];
            let mut next = 0;
            for (k, v) in values.iter().enumerate() {
                let best = if k == 0 {
                    0
                } else {
                    (next..n)
                        .min_by_key(|j| (located[*j].0 as i64 - v.2 as i64).abs())
                        .unwrap_or(next)
                };
                if best < n {
                    amounts[best] = Some(v.0);
                    printed[best] = Some(v.1.clone());
                    next = best + 1;
                }
            }
            Row {
                line: *line,
                code: code.clone(),
                labels: labels.clone(),
                amounts,
                printed,
                bad: Vec::new(),
            }
        })
        .collect()
}

/// Read a table's lines. `defaults` are the columns to use when the header
/// names none the reader knows.
pub fn read(table: &Table, lines: &[Line], defaults: &[Col]) -> Grid {
    let mut unit = None;
    let mut department = None;
    let mut note = None;
    let mut header: Vec<&Line> = Vec::new();
    let mut body: Vec<usize> = Vec::new();
    let mut text_lines: Vec<usize> = Vec::new();
    for &i in &table.lines {
        let line = &lines[i];
        if line.text.is_empty() {
            continue;
        }
        if let Some(u) = unit_of(line) {
            unit.get_or_insert(u);
        }
        if let Some(d) = meta_value(line, DEPT_KEYS) {
            department.get_or_insert(d);
            continue;
        }
        if line.text.starts_with("单位") || is_label(&line.text) {
            continue;
        }
        if line.text.starts_with('注') {
            note = Some(line.text.clone());
            continue;
        }
        if is_data(line) {
            body.push(i);
        } else if body.is_empty() {
            header.push(line);
        } else {
            text_lines.push(i);
        }
    }
    let tabbed = header.iter().any(|l| l.tabbed) || body.iter().any(|&i| lines[i].tabbed);
    let (columns, rows) = if tabbed {
        read_tabbed(&header, &body, lines, defaults)
    } else {
        read_layout(&header, &body, lines, defaults)
    };
    // a text line in the body that repeats a header, or a label wrapped
    // onto the next line, is not a row
    let (columns, mut rows) = (columns, rows);
    let text_lines = wrapped_above(&mut rows, text_lines, lines);
    let mut unplaced = Vec::new();
    for i in text_lines {
        let line = &lines[i];
        // a label wrapped onto the next line: one text cell right under a row
        let cells: Vec<&Cell> = line.filled().collect();
        let above = rows.iter_mut().rfind(|r| {
            r.line < i
                && lines[r.line].page == line.page
                && lines[r.line + 1..i].iter().all(|l| l.text.is_empty())
        });
        if is_page_number(&line.text) {
            continue;
        }
        if line.tabbed {
            // tab form: a label with blank amount cells is a row of blanks
            // (zero), which the facts leave unwritten
            continue;
        }
        if let (Some(row), [only]) = (above, cells.as_slice()) {
            if !row.labels.is_empty()
                && header_word(&only.text).is_none()
                && !only.text.starts_with('注')
            {
                row.labels[0].push_str(&only.text);
                continue;
            }
        }
        let repeats_header = line.filled().any(|c| header_word(&c.text).is_some())
            || line.text.contains("科目")
            || line.text.contains("项目")
            || ["类", "款", "项"].iter().any(|w| line.text.starts_with(w));
        if !repeats_header {
            unplaced.push(i);
        }
    }
    Grid {
        columns,
        rows,
        unplaced,
        unit,
        department,
        note,
    }
}

/// A label the PDF wrapped around its row's amounts (its first line above
/// them, the rest below, as a vertically centred cell prints): the text line
/// right above a row that has no label of its own starts that label. The
/// text lines left.
fn wrapped_above(rows: &mut [Row], text_lines: Vec<usize>, lines: &[Line]) -> Vec<usize> {
    let mut left = Vec::new();
    let mut taken = vec![false; text_lines.len()];
    for row in rows
        .iter_mut()
        .filter(|r| r.labels.is_empty() && r.line > 0)
    {
        let line = &lines[row.line];
        if line.tabbed || row.amounts.iter().all(Option::is_none) {
            continue;
        }
        let Some(k) = text_lines.iter().position(|&i| i + 1 == row.line) else {
            continue;
        };
        let above = &lines[text_lines[k]];
        let cells: Vec<&Cell> = above.filled().collect();
        if let [only] = cells.as_slice() {
            if above.page == line.page
                && header_word(&only.text).is_none()
                && !is_page_number(&only.text)
            {
                row.labels.push(only.text.clone());
                taken[k] = true;
            }
        }
    }
    for (k, i) in text_lines.into_iter().enumerate() {
        if !taken[k] {
            left.push(i);
        }
    }
    left
}

/// Code and labels from the cells before the first amount.
fn lead(cells: &[&Cell]) -> (Option<String>, Vec<String>, usize) {
    let (mut code, used) = split_code(cells);
    let mut labels = Vec::new();
    let mut n = used;
    while n < cells.len() && (!is_amount_token(&cells[n].text) || is_code_like(&cells[n].text)) {
        if !cells[n].text.is_empty() {
            labels.push(cells[n].text.clone());
        }
        n += 1;
    }
    if code.is_none() {
        if let Some((c, rest)) = labels.first().and_then(|l| code_in_label(l)) {
            code = Some(c);
            labels[0] = rest;
        }
    }
    if let Some(first) = labels.first_mut() {
        // `2011301 行政运行` in one cell
        let split = first
            .split_once(' ')
            .filter(|(h, _)| matches!(h.len(), 3 | 5 | 7) && h.bytes().all(|b| b.is_ascii_digit()))
            .map(|(h, r)| (h.to_string(), r.to_string()));
        if let (None, Some((h, r))) = (&code, split) {
            code = Some(h);
            *first = r;
        }
    }
    (code, labels, n)
}

fn read_tabbed(
    header: &[&Line],
    body: &[usize],
    lines: &[Line],
    defaults: &[Col],
) -> (Vec<Col>, Vec<Row>) {
    let mut cols = tab_columns(header);
    if cols.is_empty() {
        // no header: the amounts' own positions, named by the defaults
        let mut idx: Vec<usize> = body
            .iter()
            .flat_map(|&i| {
                lines[i]
                    .filled()
                    .filter(|c| amount(&c.text).is_some())
                    .map(|c| c.col)
                    .collect::<Vec<_>>()
            })
            .collect();
        idx.sort();
        idx.dedup();
        cols = idx.into_iter().zip(defaults.iter().copied()).collect();
    }
    let columns: Vec<Col> = cols.iter().map(|(_, c)| *c).collect();
    let mut rows = Vec::new();
    for &i in body {
        let line = &lines[i];
        let all: Vec<&Cell> = line.cells.iter().collect();
        let first_amount_col = cols.first().map(|(i, _)| *i).unwrap_or(usize::MAX);
        let leading: Vec<&Cell> = all
            .iter()
            .copied()
            .filter(|c| c.col < first_amount_col && !c.text.is_empty())
            .collect();
        let (code, labels, _) = lead(&leading);
        let mut amounts = vec![None; cols.len()];
        let mut printed = vec![None; cols.len()];
        let mut bad = Vec::new();
        for (k, (ci, _)) in cols.iter().enumerate() {
            let Some(c) = all.iter().find(|c| c.col == *ci) else {
                continue;
            };
            if c.text.is_empty() || c.text == "-" || c.text == "—" {
                continue;
            }
            match amount(&c.text) {
                Some(d) => {
                    amounts[k] = Some(d);
                    printed[k] = Some(c.text.clone());
                }
                None => bad.push((k, c.text.clone(), (c.start, c.end))),
            }
        }
        rows.push(Row {
            line: i,
            code,
            labels,
            amounts,
            printed,
            bad,
        });
    }
    (columns, rows)
}

fn read_layout(
    header: &[&Line],
    body: &[usize],
    lines: &[Line],
    defaults: &[Col],
) -> (Vec<Col>, Vec<Row>) {
    let raws: Vec<RawRow> = body
        .iter()
        .map(|&i| {
            let cells: Vec<&Cell> = lines[i].filled().collect();
            let (code, labels, n) = lead(&cells);
            let values = cells[n..]
                .iter()
                .filter_map(|c| amount(&c.text).map(|d| (d, c.text.clone(), c.col)))
                .collect();
            (i, code, labels, values)
        })
        .collect();
    let width = raws.iter().map(|r| r.3.len()).max().unwrap_or(0);
    let located = column_line(layout_columns(header), width);
    if located.len() > width && width > 0 && !raws.iter().any(|r| r.3.len() == located.len()) {
        return (
            located.iter().map(|(_, c)| *c).collect(),
            by_header(&raws, &located),
        );
    }
    let mut columns: Vec<Col> = located.into_iter().map(|(_, c)| c).collect();
    if columns.len() != width {
        columns = defaults.iter().copied().take(width).collect();
        while columns.len() < width {
            columns.push(Col::Total);
        }
    }
    (columns, by_edges(&raws, lines, width))
}

/// The column line is the header line naming the most columns; a group
/// heading over them (一般公共预算基本支出 over 合计 人员 公用) is another line,
/// whose words count only while the column line names too few.
fn column_line(mut located: Vec<(usize, Col, usize)>, width: usize) -> Vec<(usize, Col)> {
    if located.len() > width {
        let lines_of = |l: usize| located.iter().filter(|(_, _, m)| *m == l).count();
        let main = located
            .iter()
            .map(|(_, _, l)| *l)
            .max_by_key(|l| (lines_of(*l), *l))
            .unwrap_or(0);
        if lines_of(main) >= width {
            located.retain(|(_, _, l)| *l == main);
        }
    }
    located.into_iter().map(|(p, c, _)| (p, c)).collect()
}

/// The columns' right edges on a page: the median over the rows that fill
/// every column (on that page, else on any).
fn edges_on(full: &[(usize, Vec<usize>)], page: usize, width: usize) -> Option<Vec<usize>> {
    let on: Vec<&Vec<usize>> = full
        .iter()
        .filter(|(p, _)| *p == page)
        .map(|(_, e)| e)
        .collect();
    let pick: Vec<&Vec<usize>> = if on.is_empty() {
        full.iter().map(|(_, e)| e).collect()
    } else {
        on
    };
    if pick.is_empty() {
        return None;
    }
    Some(
        (0..width)
            .map(|k| {
                let mut v: Vec<usize> = pick.iter().filter_map(|e| e.get(k).copied()).collect();
                v.sort();
                v.get(v.len() / 2).copied().unwrap_or(0)
            })
            .collect(),
    )
}

/// Place each row's amounts by the columns' right edges.
fn by_edges(raws: &[RawRow], lines: &[Line], width: usize) -> Vec<Row> {
    let full: Vec<(usize, Vec<usize>)> = raws
        .iter()
        .filter(|r| r.3.len() == width && width > 0)
        .map(|r| (lines[r.0].page, r.3.iter().map(|v| v.2).collect()))
        .collect();
    let mut rows = Vec::new();
    for (line, code, labels, values) in raws {
        let mut amounts = vec![None; width];
        let mut printed = vec![None; width];
        let page = lines[*line].page;
        let edges = edges_on(&full, page, width).filter(|_| values.len() != width);
        match edges {
            Some(mut edges) => {
                // the page's own edges when it has full rows; else shift the
                // others so that the first amount (the row's total) is column 0
                if !full.iter().any(|(p, _)| *p == page) {
                    if let (Some(first), Some(e0)) = (values.first(), edges.first().copied()) {
                        let shift = first.2 as i64 - e0 as i64;
                        edges = edges
                            .iter()
                            .map(|e| (*e as i64 + shift).max(0) as usize)
                            .collect();
                    }
                }
                let mut next = 0;
                for v in values {
                    let best = (next..width)
                        .min_by_key(|k| (edges[*k] as i64 - v.2 as i64).abs())
                        .unwrap_or(next);
                    if best < width {
                        amounts[best] = Some(v.0);
                        printed[best] = Some(v.1.clone());
                        next = best + 1;
                    }
                }
            }
            None => {
                for (k, v) in values.iter().enumerate().take(width) {
                    amounts[k] = Some(v.0);
                    printed[k] = Some(v.1.clone());
                }
            }
        }
        rows.push(Row {
            line: *line,
            code: code.clone(),
            labels: labels.clone(),
            amounts,
            printed,
            bad: Vec::new(),
        });
    }
    rows
}
