//! The header facts and the prose parts: 职责, 机构设置 (with the units it
//! lists), 名词解释, 其他说明. Any other part of the narrative is kept as
//! comments and reported.

use super::facts::{Kind, Read};
use super::rows::{Col, DEPT_KEYS};
use super::text::{is_amount_token, is_end, is_title, strip_ordinal, Line, Table};
use super::{quote, Writer};
use crate::diagnostic::Span;
use crate::t;

pub struct Header {
    pub year: Option<u32>,
    pub department: Option<String>,
    pub unit_document: bool,
}

fn year_in(s: &str) -> Option<u32> {
    let b = s.as_bytes();
    (0..b.len().saturating_sub(4)).find_map(|i| {
        let d = &s.get(i..i + 4)?;
        (d.starts_with("20")
            && d.bytes().all(|c| c.is_ascii_digit())
            && s[i + 4..].starts_with('年'))
        .then(|| d.parse().ok())
        .flatten()
    })
}

/// The department name the most tables print in their header (the first
/// of equals).
pub fn most_printed(reads: &[Read]) -> Option<String> {
    let mut counts: Vec<(&str, usize)> = Vec::new();
    for d in reads.iter().filter_map(|r| r.grid.department.as_deref()) {
        match counts.iter_mut().find(|(n, _)| *n == d) {
            Some(c) => c.1 += 1,
            None => counts.push((d, 1)),
        }
    }
    let top = counts.iter().map(|c| c.1).max()?;
    counts.iter().find(|c| c.1 == top).map(|c| c.0.to_string())
}

pub fn header(lines: &[Line], tables: &[Table], reads: &[Read]) -> Header {
    let year = tables
        .iter()
        .find_map(|t| year_in(&t.title))
        .or_else(|| lines.iter().take(40).find_map(|l| year_in(&l.text)));
    // the department most tables print (one table naming another is I009)
    let mut department = most_printed(reads);
    if department.is_none() {
        for l in lines.iter().take(60) {
            for k in ["预算主管部门", "预算单位", "部门名称", "编制部门"] {
                if let Some(v) = l.text.strip_prefix(k) {
                    let v = v.trim_start_matches(['：', ':']).trim();
                    if !v.is_empty() {
                        department.get_or_insert(v.to_string());
                    }
                }
            }
        }
    }
    let unit_document = tables
        .iter()
        .any(|t| t.title.contains("预算单位") || t.title.contains("年单位"))
        || lines.iter().take(20).any(|l| l.text.contains("单位预算"))
        || lines.iter().any(|l| l.text.starts_with(DEPT_KEYS[2]));
    Header {
        year,
        department,
        unit_document,
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Part {
    Duties,
    Organisation,
    Glossary,
    Other,
    ProjectNote,
    Narrative,
}

pub(crate) fn heading(line: &Line) -> Option<Part> {
    if super::grids::is_grid_title(line) {
        return Some(Part::Narrative);
    }
    let s = line.text.trim_start_matches('#').trim().replace("**", "");
    let is_md = line.text.starts_with('#');
    if s.is_empty() || s.contains("……") || s.contains(".....") || s.chars().count() > 40 {
        return None;
    }
    if line
        .filled()
        .any(|c| is_amount_token(&c.text) && c.text.len() > 4)
    {
        return None;
    }
    let centered =
        !is_md && s.chars().count() <= 30 && !s.ends_with(['。', '：', ':']) && !s.contains('，');
    if !is_md && !centered {
        return None;
    }
    let p = if s.contains("项目经费情况说明") {
        Part::ProjectNote
    } else if s.ends_with("职责")
        || s.ends_with("主要职能")
        || s.contains("职能") && s.chars().count() <= 12
    {
        Part::Duties
    } else if s.contains("机构设置") {
        Part::Organisation
    } else if s.ends_with("名词解释") {
        Part::Glossary
    } else if strip_ordinal(&s) == "其他说明" {
        Part::Other
    } else if s.contains("说明")
        || s.contains("部分")
        || s.contains("目录")
        || s.contains("目 录")
        || is_md
    {
        Part::Narrative
    } else {
        return None;
    };
    Some(p)
}

/// Paragraphs of a run of lines: a new one at a blank line, an indented
/// line or a list marker; wrapped lines are joined.
fn paragraphs(input: &str, lines: &[Line], range: std::ops::Range<usize>) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let mut open = false;
    for l in &lines[range] {
        let raw = input.get(l.start..l.end).unwrap_or("");
        let t = l.text.replace("**", "");
        let t = t.trim_start_matches('#').trim();
        if t.is_empty() || t == "仅供内部审核" {
            open = false;
            continue;
        }
        // a page's footer (`— 15 —`) between the lines of a paragraph
        if !l.tabbed && super::rows::is_page_number(t) {
            continue;
        }
        // an indented line starts a paragraph when the text before it ends a
        // sentence (a justified PDF line also starts with spaces: `“事业收入”、`)
        let after_sentence = out
            .last()
            .is_none_or(|p| p.ends_with(['。', '：', ':', '；', '！', '？', '”']));
        let lead = raw.len() - raw.trim_start_matches(' ').len();
        let indented =
            raw.starts_with('\u{3000}') || (1..=4).contains(&lead) || (lead > 4 && after_sentence);
        let marker = t.starts_with(['（', '(']) || strip_ordinal(t).len() != t.len();
        if open && !indented && !marker && !l.tabbed {
            if let Some(last) = out.last_mut() {
                last.push_str(t);
                continue;
            }
        }
        out.push(t.to_string());
        open = !l.tabbed;
    }
    out
}

/// The prose parts outside the tables: (kind, heading line, end line).
fn parts(lines: &[Line], tables: &[Table]) -> Vec<(Part, usize, usize)> {
    let mut in_table = vec![false; lines.len()];
    for t in tables {
        in_table[t.title_line] = true;
        for &i in &t.lines {
            in_table[i] = true;
        }
    }
    // the 绩效 grids are read by grids.rs, their cells are not headings
    for (title, body) in super::grids::find(lines) {
        in_table[title] = true;
        for i in body {
            in_table[i] = true;
        }
    }
    let mut parts = Vec::new();
    let mut i = 0;
    while i < lines.len() {
        let Some(p) = heading(&lines[i]).filter(|_| !in_table[i]) else {
            i += 1;
            continue;
        };
        let mut j = i + 1;
        while j < lines.len()
            && !in_table[j]
            && heading(&lines[j]).is_none_or(|q| {
                // a term heading inside 名词解释 (`### 六、财政专户管理资金：`)
                p == Part::Glossary && q == Part::Narrative && lines[j].text.ends_with('：')
                    // a numbered sub-heading of 其他说明 (`（一）政府购买服务指导性目录`)
                    || p == Part::Other && q == Part::Narrative && is_sub_heading(&lines[j])
            })
            && !is_title(&lines[j])
            && !is_end(&lines[j])
        {
            j += 1;
        }
        parts.push((p, i, j));
        i = j;
    }
    parts
}

/// A numbered heading: `（一）政府购买服务指导性目录`, `### 1、车辆情况：`.
fn is_sub_heading(line: &Line) -> bool {
    let t = line.text.trim_start_matches('#').trim();
    strip_ordinal(t).len() != t.len() && t.chars().count() <= 30 && !t.ends_with('。')
}

/// 其他说明 by its numbered sub-headings (each a key), or one `其他`.
fn other_parts(
    input: &str,
    lines: &[Line],
    range: std::ops::Range<usize>,
) -> Vec<(String, String)> {
    let mut out: Vec<(String, String)> = Vec::new();
    let mut start = range.start;
    let mut key: Option<String> = None;
    let flush =
        |key: &Option<String>, r: std::ops::Range<usize>, out: &mut Vec<(String, String)>| {
            let paras = paragraphs(input, lines, r);
            if !paras.is_empty() || key.is_some() {
                let k = key.clone().unwrap_or_else(|| "其他".to_string());
                out.push((k, paras.join("\n\n")));
            }
        };
    for i in range.clone() {
        let short =
            !lines[i].text.contains(['，', '。', '；']) && lines[i].text.chars().count() <= 20;
        if is_sub_heading(&lines[i]) && (heading(&lines[i]).is_some() || short) {
            flush(&key, start..i, &mut out);
            let t = lines[i]
                .text
                .trim_start_matches('#')
                .trim()
                .replace("**", "");
            key = Some(strip_ordinal(&t).trim_end_matches(['：', ':']).to_string());
            start = i + 1;
        }
    }
    flush(&key, start..range.end, &mut out);
    out
}

pub fn write_prose(
    w: &mut Writer,
    input: &str,
    lines: &[Line],
    tables: &[Table],
    department: Option<&str>,
    reads: &[Read],
) -> Vec<String> {
    let parts = parts(lines, tables);
    let mut units_written = Vec::new();
    let mut others: Vec<(String, String)> = Vec::new();
    let mut printed: Vec<(String, String)> = Vec::new();
    for &(p, h, end) in &parts {
        let paras = paragraphs(input, lines, h + 1..end);
        if paras.is_empty() {
            continue;
        }
        let page = lines[h].page;
        match p {
            Part::Duties => {
                w.comment(&format!(
                    "第{page}页 {}",
                    lines[h].text.trim_start_matches('#').trim()
                ));
                w.line(&format!("职责 {}", quote(&paras.join("\n\n"))));
                w.blank();
            }
            Part::Organisation => {
                w.comment(&format!(
                    "第{page}页 {}",
                    lines[h].text.trim_start_matches('#').trim()
                ));
                w.line(&format!("机构设置 {}", quote(&paras.join("\n\n"))));
                w.blank();
                units_written = units(w, lines, h + 1..end);
            }
            Part::Glossary => glossary(w, &paras, page, lines[h].start),
            Part::Other => others.extend(other_parts(input, lines, h + 1..end)),
            Part::ProjectNote => {
                let title = strip_ordinal(lines[h].text.trim_start_matches('#').trim()).to_string();
                let key = if title.ends_with("项目经费情况说明") && title != "项目经费情况说明"
                {
                    title
                } else {
                    "项目经费情况说明".to_string()
                };
                others.push((key, paras.join("\n\n")));
            }
            Part::Narrative => narrative_part(w, lines, h, &paras, &mut printed),
        }
    }
    if !printed.is_empty() {
        w.comment("公开文件中的叙述部分，按原文（供审核；budget build 不打印它）");
        w.open("原文");
        for (k, v) in printed {
            w.line(&format!("{} {}", quote(&k), quote(&v)));
        }
        w.close();
        w.blank();
    }
    if !others.is_empty() {
        w.open("其他说明");
        for (k, v) in others {
            w.line(&format!("{} {}", super::facts::name_word(&k), quote(&v)));
        }
        w.close();
        w.blank();
    }
    if units_written.is_empty() {
        if let Some(d) = department {
            single_unit(w, d, reads);
            units_written.push(d.to_string());
        }
    }
    units_written
}

/// A narrative part (the heading at line `h`) kept as printed, as one
/// `原文` entry named by its page and heading; a contents list, a bare table
/// label or a 绩效 grid is not narrative.
fn narrative_part(
    w: &mut Writer,
    lines: &[Line],
    h: usize,
    paras: &[String],
    printed: &mut Vec<(String, String)>,
) {
    let is_label = |p: &str| {
        let r = p
            .strip_prefix("预算公开表")
            .or_else(|| p.strip_prefix('表'));
        r.is_some_and(|r| {
            r.chars()
                .all(|c| c.is_ascii_digit() || "一二三四五六七八九十".contains(c))
        })
    };
    if paras
        .iter()
        .all(|p| p.contains("……") || p.contains(".....") || is_label(p))
    {
        return;
    }
    if super::grids::is_grid_title(&lines[h]) {
        // a 绩效 grid, not prose: src/import/grids.rs reads it
        return;
    }
    let page = lines[h].page;
    let name = lines[h].text.trim_start_matches('#').trim().to_string();
    w.warn(
        Span::new(lines[h].start, lines[h].end),
        t!("第{}页 {}：叙述部分按原文导入为 原文（文字检查和数字核对 N19 读它）；budget build 按口径重新生成叙述，不打印它", page, name;
           "page {}, {}: the narrative is imported as printed, as 原文 (the prose checks and N19's figure checks read it); budget build generates the narrative from the facts and does not print it", page, name),
    );
    let mut place = format!("第{page}页 {name}");
    let same = printed
        .iter()
        .filter(|(k, _)| k.starts_with(&place))
        .count();
    if same > 0 {
        place = format!("{place}（{}）", same + 1);
    }
    printed.push((place, paras.join("\n")));
}

fn glossary(w: &mut Writer, paras: &[String], page: usize, at: usize) {
    w.comment(&format!("第{page}页 名词解释"));
    w.open("名词解释");
    let mut pending: Option<String> = None;
    for p in paras {
        let body = strip_ordinal(p).trim().to_string();
        if let Some(term) = pending.take() {
            w.line(&format!(
                "{} {}",
                super::facts::name_word(&term),
                quote(&body)
            ));
            continue;
        }
        let split = body
            .split_once('：')
            .or_else(|| body.split_once(':'))
            .or_else(|| body.find("是指").map(|i| (&body[..i], &body[i..])))
            .or_else(|| body.find("是对").map(|i| (&body[..i], &body[i..])));
        match split {
            Some((term, def)) if !term.is_empty() && term.chars().count() <= 20 => {
                if def.trim().is_empty() {
                    pending = Some(term.trim().to_string());
                } else {
                    w.line(&format!(
                        "{} {}",
                        super::facts::name_word(term.trim()),
                        quote(def.trim())
                    ));
                }
            }
            _ => {
                w.comment(&format!("未能识别：{p}"));
                w.warn(
                    Span::new(at, at),
                    t!("第{}页 名词解释：“{}”未能分出词条", page, p.chars().take(20).collect::<String>();
                       "page {}, 名词解释: no term found in `{}`", page, p.chars().take(20).collect::<String>()),
                );
            }
        }
    }
    w.close();
    w.blank();
}

/// The department's 公用经费 (the economic table's 合计 row).
fn public_cost(reads: &[Read]) -> Option<rust_decimal::Decimal> {
    let t = reads.iter().find(|r| r.kind == Kind::Economic)?;
    t.grid
        .rows
        .iter()
        .find(|r| r.code.is_none() && strip_ordinal(r.label()).starts_with("合计"))
        .and_then(|r| r.get(&t.grid.columns, Col::Public))
}

fn printed_admin_cost(reads: &[Read]) -> Option<rust_decimal::Decimal> {
    let t = reads.iter().find(|r| r.kind == Kind::AdminCost)?;
    Some(
        t.grid
            .rows
            .iter()
            .find(|r| r.label().contains("合计"))
            .and_then(|r| r.get(&t.grid.columns, Col::Total))
            .unwrap_or_default(),
    )
}

/// One unit, the department itself: its kind only when the tables tell it
/// (公用经费 but no 机关运行经费: not 行政 or 参公, so 事业).
fn single_unit(w: &mut Writer, name: &str, reads: &[Read]) {
    let kind = match (printed_admin_cost(reads), public_cost(reads)) {
        (Some(a), Some(p)) if a.is_zero() && !p.is_zero() => Some("事业"),
        _ => None,
    };
    write_unit(w, name, kind);
}

fn write_unit(w: &mut Writer, name: &str, kind: Option<&str>) {
    match kind {
        Some(k) => w.line(&format!("单位 {} {{ 类型 {k} }}", quote(name))),
        // not guessed: `budget check` reports it (N21) and `build` needs it
        None => {
            w.comment("单位类型（行政、参公或事业）文件中未写明：请补上");
            w.line(&format!("单位 {} {{ 类型 未写明 }}", quote(name)));
        }
    }
}

/// The units listed under 机构设置 (`1. 上海市……（本部）。`), their kinds
/// from the list (`下属事业单位…`) or from the counts (`行政单位1家，…`)
/// when only one assignment fits. The names of the units written.
fn units(w: &mut Writer, lines: &[Line], range: std::ops::Range<usize>) -> Vec<String> {
    let text: String = lines[range.clone()]
        .iter()
        .map(|l| l.text.as_str())
        .collect::<Vec<_>>()
        .join("\n");
    let count = |word: &str| -> Option<usize> {
        let i = text.find(word)?;
        let rest = text[i + word.len()..].trim_start();
        let n: String = rest.chars().take_while(|c| c.is_ascii_digit()).collect();
        n.parse().ok()
    };
    let counts = [
        ("行政", count("行政单位")),
        ("参公", count("参公单位")),
        ("事业", count("事业单位")),
    ];
    let mut items: Vec<(String, Option<&str>, bool)> = Vec::new();
    for l in &lines[range] {
        let t = l.text.as_str();
        let stripped = strip_ordinal(t);
        if stripped.len() == t.len() || !t.starts_with(|c: char| c.is_ascii_digit()) {
            continue;
        }
        let name = stripped.trim_end_matches('。').trim();
        let merged = name.contains("不单列") || name.contains("并入");
        let mut kind = None;
        let mut clean = name.to_string();
        for (k, word) in [
            ("行政", "行政单位"),
            ("参公", "参公单位"),
            ("事业", "事业单位"),
        ] {
            if let Some(i) = name.find(word) {
                kind = Some(k);
                clean = name[i + word.len()..].to_string();
            }
        }
        if merged {
            clean = clean
                .split(['不', '，', ','])
                .next()
                .unwrap_or("")
                .to_string();
        }
        items.push((clean.trim().to_string(), kind, merged));
    }
    if items.is_empty() {
        return Vec::new();
    }
    let mut left: Vec<(&str, usize)> = counts
        .iter()
        .filter_map(|(k, n)| n.map(|n| (*k, n)))
        .collect();
    for (_, kind, _) in &items {
        if let Some(k) = kind {
            if let Some(e) = left.iter_mut().find(|(kk, _)| kk == k) {
                e.1 = e.1.saturating_sub(1);
            }
        }
    }
    left.retain(|(_, n)| *n > 0);
    let open: Vec<usize> = items
        .iter()
        .enumerate()
        .filter(|(_, (_, k, m))| k.is_none() && !m)
        .map(|(i, _)| i)
        .collect();
    if let [(k, n)] = left.as_slice() {
        if *n == open.len() {
            for &i in &open {
                items[i].1 = Some(k);
            }
        }
    }
    w.comment("机构设置所列预算单位");
    let mut names = Vec::new();
    for (name, kind, merged) in &items {
        if *merged {
            w.comment(&format!("{name}：不单列预算"));
            continue;
        }
        write_unit(w, name, *kind);
        names.push(name.clone());
    }
    w.blank();
    names
}
