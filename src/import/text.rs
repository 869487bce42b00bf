//! The input as lines of cells, and the lines grouped into tables.
//!
//! Two forms of text are read: `pdftotext -layout` output (cells separated
//! by runs of two or more spaces, pages by form feeds) and tab-separated
//! lines (the seed's form, and the spreadsheet's sheets, see
//! [`super::sheets_to_text`]), where a blank cell keeps its place.

use rust_decimal::Decimal;
use std::str::FromStr;

/// One cell of a line.
#[derive(Debug, Clone)]
pub struct Cell {
    pub text: String,
    /// Tab form: the cell's index. Layout form: the character column where it ends.
    pub col: usize,
    /// Byte offsets in the input.
    pub start: usize,
    pub end: usize,
}

/// One line of the input.
#[derive(Debug, Clone)]
pub struct Line {
    /// 1-based line number in the input.
    pub no: usize,
    /// 1-based page (form feeds count pages; 1 when there are none).
    pub page: usize,
    pub start: usize,
    pub end: usize,
    /// The line without its form feed, trimmed.
    pub text: String,
    pub tabbed: bool,
    /// Non-empty cells (layout form) or every cell (tab form).
    pub cells: Vec<Cell>,
}

impl Line {
    pub fn filled(&self) -> impl Iterator<Item = &Cell> {
        self.cells.iter().filter(|c| !c.text.is_empty())
    }
}

/// An amount as printed: `1,329.84`, `91,016,775.35`, `0`, `-3`.
pub fn amount(s: &str) -> Option<Decimal> {
    let t = s.trim();
    let body = t.strip_prefix('-').unwrap_or(t);
    let (int, frac) = match body.split_once('.') {
        Some((i, f)) => (i, Some(f)),
        None => (body, None),
    };
    if int.is_empty()
        || frac.is_some_and(|f| f.is_empty() || !f.bytes().all(|b| b.is_ascii_digit()))
    {
        return None;
    }
    let digits: String = if int.contains(',') {
        let groups: Vec<&str> = int.split(',').collect();
        let first_ok = (1..=3).contains(&groups[0].len());
        if !first_ok || groups[1..].iter().any(|g| g.len() != 3) {
            return None;
        }
        groups.concat()
    } else {
        int.to_string()
    };
    if !digits.bytes().all(|b| b.is_ascii_digit()) || digits.len() > 18 {
        return None;
    }
    let norm = match frac {
        Some(f) => format!("{digits}.{f}"),
        None => digits,
    };
    Decimal::from_str(&norm)
        .ok()
        .map(|d| if t.starts_with('-') { -d } else { d })
}

/// A code piece: 3 digits (类), or 1–2 digits (款/项 in separate columns).
fn is_code_piece(s: &str) -> bool {
    !s.is_empty() && s.len() <= 7 && s.bytes().all(|b| b.is_ascii_digit())
}

/// Is this token an amount (not a code column such as `201` or `05`)?
pub fn is_amount_token(s: &str) -> bool {
    amount(s).is_some()
}

/// Split the input into lines of cells.
pub fn lines(input: &str) -> Vec<Line> {
    let mut out = Vec::new();
    let mut page = 1;
    let mut offset = 0;
    for (i, raw) in input.split('\n').enumerate() {
        let start = offset;
        offset += raw.len() + 1;
        let mut body = raw.strip_suffix('\r').unwrap_or(raw);
        let mut lead = 0;
        while let Some(rest) = body.strip_prefix('\u{c}') {
            page += 1;
            body = rest;
            lead += 1;
        }
        let base = start + lead;
        let tabbed = body.contains('\t');
        let cells = if tabbed {
            tab_cells(body, base)
        } else {
            layout_cells(body, base)
        };
        out.push(Line {
            no: i + 1,
            page,
            start: base,
            end: base + body.len(),
            text: body.trim().to_string(),
            tabbed,
            cells,
        });
    }
    out
}

fn tab_cells(body: &str, base: usize) -> Vec<Cell> {
    let mut cells = Vec::new();
    let mut pos = 0;
    for (i, piece) in body.split('\t').enumerate() {
        let lead = piece.len() - piece.trim_start().len();
        let t = piece.trim();
        cells.push(Cell {
            text: t.to_string(),
            col: i,
            start: base + pos + lead,
            end: base + pos + lead + t.len(),
        });
        pos += piece.len() + 1;
    }
    cells
}

/// Cells separated by two or more spaces (or an ideographic space); a piece
/// whose single-space-separated tokens include amounts is split at them
/// (pdftotext glues a label and an amount with one space).
fn layout_cells(body: &str, base: usize) -> Vec<Cell> {
    let chars: Vec<(usize, char)> = body.char_indices().collect();
    let mut pieces: Vec<(usize, usize, usize)> = Vec::new(); // (byte start, byte end, char end col)
    let mut i = 0;
    while i < chars.len() {
        if chars[i].1 == ' ' || chars[i].1 == '\u{3000}' {
            i += 1;
            continue;
        }
        let s = i;
        while i < chars.len() {
            let c = chars[i].1;
            if c == '\u{3000}' {
                break;
            }
            if c == ' ' && (i + 1 >= chars.len() || chars[i + 1].1 == ' ') {
                break;
            }
            i += 1;
        }
        let bs = chars[s].0;
        let be = if i < chars.len() {
            chars[i].0
        } else {
            body.len()
        };
        pieces.push((bs, be, i));
    }
    let mut cells = Vec::new();
    for (bs, be, col) in pieces {
        let piece = &body[bs..be];
        let toks: Vec<&str> = piece.split(' ').collect();
        if toks.len() > 1 && toks.iter().any(|t| is_amount_token(t) && !is_short_code(t)) {
            let mut at = bs;
            let mut buf_start: Option<usize> = None;
            let mut buf_end = bs;
            let col_of = |byte: usize| body[..byte].chars().count();
            for t in &toks {
                let ts = at;
                let te = at + t.len();
                at = te + 1;
                if is_amount_token(t) && !is_short_code(t) {
                    if let Some(s) = buf_start.take() {
                        cells.push(cell(body, base, s, buf_end, col_of(buf_end)));
                    }
                    cells.push(cell(body, base, ts, te, col_of(te)));
                } else if !t.is_empty() {
                    buf_start.get_or_insert(ts);
                    buf_end = te;
                }
            }
            if let Some(s) = buf_start {
                cells.push(cell(body, base, s, buf_end, col_of(buf_end)));
            }
        } else {
            cells.push(cell(body, base, bs, be, col));
        }
    }
    cells
}

/// `201`, `05`, `2011301`: code columns, which are never split off a label.
fn is_short_code(t: &str) -> bool {
    matches!(t.len(), 1..=3 | 5 | 7) && t.bytes().all(|b| b.is_ascii_digit())
}

fn cell(body: &str, base: usize, s: usize, e: usize, col: usize) -> Cell {
    let text: String = body[s..e].split(' ').collect::<Vec<_>>().join("");
    Cell {
        text,
        col,
        start: base + s,
        end: base + e,
    }
}

/// A printed table: its title line and the lines after it, up to the next
/// table or section.
#[derive(Debug, Clone)]
pub struct Table {
    pub number: usize,
    pub title: String,
    pub title_line: usize,
    pub page: usize,
    /// Indexes into the line list.
    pub lines: Vec<usize>,
}

const TITLE_ENDS: &[&str] = &[
    "总表",
    "预算表",
    "分类预算表",
    "科目表",
    "收入表",
    "支出表",
    "收支预算表",
    "经费预算表",
    "（本年预算）",
    "（上年结转）",
    "(本年预算)",
    "(上年结转)",
];

/// A section heading that ends the tables (the narrative after them).
const ENDS: &[&str] = &[
    "其他相关情况说明",
    "情况说明",
    "第三部分",
    "第四部分",
    "项目经费情况说明",
    "名词解释",
    "绩效目标申报表",
    "绩效目标表",
];

/// Strip markdown marks, an ordinal and a 表N label from a title line.
pub fn clean_title(s: &str) -> String {
    let mut t = s.trim().trim_start_matches('#').trim();
    for p in ["预算公开表"] {
        if let Some(r) = t.strip_prefix(p) {
            t = r.trim_start_matches(|c: char| c.is_ascii_digit()).trim();
        }
    }
    // an ordinal `3. ` / `4．` before the title (not the year's digits)
    let digits = t.len() - t.trim_start_matches(|c: char| c.is_ascii_digit()).len();
    let t = match t[digits..].strip_prefix(['.', '．', '、']) {
        Some(r) if digits > 0 && digits <= 2 => r.trim_start(),
        _ => t,
    };
    let t = match t.strip_prefix('表') {
        Some(r) => r.trim_start_matches(|c: char| "一二三四五六七八九十".contains(c)),
        None => t,
    };
    t.trim().to_string()
}

pub fn is_title(line: &Line) -> bool {
    let s = line.text.as_str();
    if s.is_empty() || s.contains("……") || s.contains(".....") || s.chars().count() > 60 {
        return false;
    }
    let t = clean_title(s);
    if t.starts_with("注") || t.contains('：') || t.contains(':') {
        return false;
    }
    let digits = t.chars().filter(|c| c.is_ascii_digit()).count();
    // a qualifier after the title: 科目表（不含上年结转）
    let core = match t
        .strip_suffix(['）', ')'])
        .and_then(|r| r.rfind(['（', '(']))
    {
        Some(i) if t[i..].contains("不含") || t[i..].contains("含") => &t[..i],
        _ => t.as_str(),
    };
    digits <= 4
        && TITLE_ENDS
            .iter()
            .any(|e| core.ends_with(e) || t.ends_with(e))
}

pub fn is_end(line: &Line) -> bool {
    let s = line.text.trim_start_matches('#').trim();
    s.chars().count() <= 40
        && !s.contains("……")
        // `详见单位的项目绩效目标表`: a sentence naming a grid, not its title
        && !s.contains('见')
        && !line.filled().any(|c| is_amount_token(&c.text))
        && ENDS.iter().any(|e| s.contains(e))
}

/// Group lines into tables.
pub fn tables(lines: &[Line]) -> Vec<Table> {
    let mut out: Vec<Table> = Vec::new();
    let mut current: Option<Table> = None;
    for (i, line) in lines.iter().enumerate() {
        if is_title(line) {
            if let Some(t) = current.take() {
                out.push(t);
            }
            current = Some(Table {
                number: out.len() + 1,
                title: clean_title(&line.text),
                title_line: i,
                page: line.page,
                lines: Vec::new(),
            });
            continue;
        }
        if is_end(line) {
            if let Some(t) = current.take() {
                out.push(t);
            }
            continue;
        }
        if let Some(t) = current.as_mut() {
            t.lines.push(i);
        }
    }
    if let Some(t) = current {
        out.push(t);
    }
    // a list of titles without dot leaders (a table of contents) is no table
    out.retain(|t| t.lines.iter().any(|&i| !lines[i].text.is_empty()));
    for (k, t) in out.iter_mut().enumerate() {
        t.number = k + 1;
    }
    out
}

/// A code written in a label: `204类06款01项`, `204（类）06（款）01（项）`.
pub fn code_in_label(label: &str) -> Option<(String, String)> {
    let norm = label.replace(['（', '('], "").replace(['）', ')'], "");
    let mut code = String::new();
    let mut rest = norm.as_str();
    for mark in ['类', '款', '项'] {
        let digits: String = rest.chars().take_while(|c| c.is_ascii_digit()).collect();
        if digits.is_empty() {
            break;
        }
        let after = &rest[digits.len()..];
        let Some(after) = after.strip_prefix(mark) else {
            break;
        };
        let want = if mark == '类' { 3 } else { 2 };
        if digits.len() > want {
            return None;
        }
        code.push_str(&format!("{digits:0>want$}"));
        rest = after;
    }
    if code.len() < 3 {
        return None;
    }
    Some((code, rest.trim().to_string()))
}

/// The leading code columns of a row: `201 03 01`, `2011301`, `301 2` (a
/// one-digit 款 is padded), then the rest of the cells.
pub fn split_code(cells: &[&Cell]) -> (Option<String>, usize) {
    let Some(first) = cells.first() else {
        return (None, 0);
    };
    let t = first.text.as_str();
    if !is_code_piece(t) {
        return (None, 0);
    }
    match t.len() {
        5 | 7 => (Some(t.to_string()), 1),
        3 => {
            let mut code = t.to_string();
            let mut used = 1;
            for c in cells.iter().skip(1).take(2) {
                if is_code_piece(&c.text) && c.text.len() <= 2 && !is_amount_with_sep(&c.text) {
                    code.push_str(&format!("{:0>2}", c.text));
                    used += 1;
                } else {
                    break;
                }
            }
            (Some(code), used)
        }
        _ => (None, 0),
    }
}

fn is_amount_with_sep(s: &str) -> bool {
    s.contains(',') || s.contains('.')
}

/// A label without its ordinal: `一、一般公共预算` → `一般公共预算`,
/// `1. 一般公共预算资金` → `一般公共预算资金`, `①公务用车购置费` → `公务用车购置费`.
pub fn strip_ordinal(s: &str) -> &str {
    let mut t = s.trim();
    if let Some((head, rest)) = t.split_once('、') {
        if !head.is_empty() && head.chars().all(|c| "一二三四五六七八九十百".contains(c))
        {
            t = rest;
        }
    }
    let t2 = t.trim_start_matches(|c: char| c.is_ascii_digit());
    if t2.len() != t.len() {
        // (`983.05万元` wrapped onto its own line is a number, not `983.`)
        if let Some(r) = t2
            .strip_prefix(['.', '．', '、'])
            .filter(|r| !r.starts_with(|c: char| c.is_ascii_digit()))
        {
            t = r;
        }
    }
    let t = t.trim_start_matches(|c: char| ('\u{2460}'..='\u{2473}').contains(&c));
    let t = if let Some(r) = t.strip_prefix(['（', '(']) {
        match r.split_once(['）', ')']) {
            Some((head, rest)) if head.chars().all(|c| "一二三四五六七八九十".contains(c)) => {
                rest
            }
            _ => t,
        }
    } else {
        t
    };
    t.trim()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn amounts() {
        assert_eq!(amount("1,329.84"), Decimal::from_str("1329.84").ok());
        assert_eq!(
            amount("91,016,775.35"),
            Decimal::from_str("91016775.35").ok()
        );
        assert_eq!(amount("12,34"), None);
        assert_eq!(amount("abc"), None);
        assert_eq!(amount("1."), None);
    }

    #[test]
    fn layout_cells_split_amounts() {
        let l = lines("201   03   01   行政运行                  12,029,501.84 12,029,501.84");
        let t: Vec<&str> = l[0].cells.iter().map(|c| c.text.as_str()).collect();
        assert_eq!(
            t,
            [
                "201",
                "03",
                "01",
                "行政运行",
                "12,029,501.84",
                "12,029,501.84"
            ]
        );
    }

    #[test]
    fn codes_in_labels() {
        assert_eq!(
            code_in_label("204类06款01项").map(|c| c.0),
            Some("2040601".into())
        );
        assert_eq!(
            code_in_label("204（类）6（款）1（项）司法").map(|c| c.0),
            Some("2040601".into())
        );
        assert_eq!(strip_ordinal("一、一般公共服务支出"), "一般公共服务支出");
        assert_eq!(strip_ordinal("1. 一般公共预算资金"), "一般公共预算资金");
        assert_eq!(strip_ordinal("①公务用车购置费"), "公务用车购置费");
    }

    #[test]
    fn titles() {
        let l = lines("## 2024年预算收支总表\n表一2024年预算收支总表.....\t2\n  5．2025年部门一般公共预算支出功能分类预算表");
        assert!(is_title(&l[0]));
        assert!(!is_title(&l[1]));
        assert!(is_title(&l[2]));
    }
}
