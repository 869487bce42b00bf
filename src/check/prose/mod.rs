//! Prose checks (T1–T7): the mistakes a reviewer finds in the text of a
//! disclosure — repeated paragraphs, broken numbering, years that cannot be
//! right for the budget year, template leftovers, doubled punctuation,
//! unbalanced quotes and brackets, wording that does not fit.
//!
//! They read every string and word of the syntax tree (whatever statement it
//! belongs to), so any prose the language carries is checked, and they are
//! warnings: the text is the author's, the checker only points. Each has its
//! exact span in the text and, where the right text is knowable, a fix.

use crate::diagnostic::{Code, Diagnostic, Span, Text};
use crate::syntax::ast::{File, Stmt, Value, ValueKind};
use crate::t;

mod marks;

/// Check every text value of the file written for budget year `year`. A value
/// an earlier stage already reported an error in (an unclosed or oversized
/// string) is left alone: its text is not what the author meant.
pub fn check(file: &File, year: i32, unit_document: bool, diags: &mut Vec<Diagnostic>) {
    let mut broken: Vec<usize> = diags
        .iter()
        .filter(|d| d.is_error() && d.code.as_str().starts_with('L'))
        .map(|d| d.span.start)
        .collect();
    broken.sort_unstable();
    for s in &file.stmts {
        stmt(s, year, &broken, diags);
    }
    if unit_document {
        for s in file.stmts.iter().filter(|s| s.keyword() == Some("原文")) {
            for c in s.children() {
                if let Some(v) = c.values.get(1) {
                    if let ValueKind::Str(text) = &v.kind {
                        unit_wording(text, &Place::of(v, text, 1), diags);
                    }
                }
            }
        }
    }
}

/// The department's words in a unit's own document, and the unit's.
const DEPARTMENT_WORDS: &[(&str, &str)] = &[
    ("本部门", "本单位"),
    ("部门预算安排", "单位预算安排"),
    ("部门预算编制说明", "单位预算编制说明"),
    ("部门收入预算", "单位收入预算"),
    ("部门支出预算", "单位支出预算"),
];

/// T8: a unit's own document (`文件类型 单位预算`) that speaks as the department.
fn unit_wording(text: &str, at: &Place, diags: &mut Vec<Diagnostic>) {
    let mut hits: Vec<(usize, usize, &str, &str)> = Vec::new();
    for (dept, unit) in DEPARTMENT_WORDS {
        let mut from = 0;
        while let Some(k) = text[from..].find(dept) {
            let s = from + k;
            hits.push((s, s + dept.len(), dept, unit));
            from = s + dept.len();
        }
    }
    // overlapping words (本部门收入预算) are one finding, the first
    hits.sort_unstable();
    let mut covered = 0;
    for (s, e, dept, unit) in hits {
        if s < covered {
            continue;
        }
        covered = e;
        let d = Diagnostic::warning(
            Code::T8,
            at.span(s, e),
            t!("单位预算中写了“{}”：应为“{}”", dept, unit; "a unit's own document says “{}”: “{}”", dept, unit),
        )
        .label(t!("部门的说法", "the department's word"))
        .help(t!(
            "这是预算单位自己的文件（文件类型 单位预算），说“单位”。",
            "This is a unit's own document (文件类型 单位预算): it says 单位."
        ));
        diags.push(at.fix(d, s, e, unit));
    }
}

fn stmt(s: &Stmt, year: i32, broken: &[usize], diags: &mut Vec<Diagnostic>) {
    for v in &s.values {
        let first = broken.partition_point(|&b| b < v.span.start);
        if broken
            .get(first)
            .is_some_and(|&b| b < v.span.end.max(v.span.start + 1))
        {
            continue;
        }
        match &v.kind {
            ValueKind::Str(text) => {
                let at = Place::of(v, text, 1);
                paragraphs(text, &at, diags);
                inline(text, &at, year, diags);
            }
            ValueKind::Word(text) => inline(text, &Place::of(v, text, 0), year, diags),
            ValueKind::Quantity(_) => {}
        }
    }
    for c in s.children() {
        stmt(c, year, broken, diags);
    }
}

/// Where a text value is: byte offsets in the text map to the source one to
/// one when it has no escapes; otherwise every finding points at the value.
#[derive(Clone)]
pub(crate) struct Place {
    whole: Span,
    /// Source offset of the text's first byte, when offsets map one to one.
    base: Option<usize>,
}

impl Place {
    pub(crate) fn of(v: &Value, text: &str, quote: usize) -> Place {
        let exact = v.span.len() == text.len() + 2 * quote;
        Place {
            whole: v.span,
            base: exact.then_some(v.span.start + quote),
        }
    }
    /// A place for a text range `text_start..` found at source span `src`:
    /// offsets map one to one when `exact`, else every span is `src`.
    pub(crate) fn at(src: Span, text_start: usize, exact: bool) -> Place {
        Place {
            whole: src,
            base: exact.then(|| src.start.wrapping_sub(text_start)),
        }
    }
    pub(crate) fn span(&self, start: usize, end: usize) -> Span {
        match self.base {
            Some(b) => Span::new(b.wrapping_add(start), b.wrapping_add(end)),
            None => self.whole,
        }
    }
    /// A fix only where the span is exact.
    pub(crate) fn fix(&self, d: Diagnostic, start: usize, end: usize, with: &str) -> Diagnostic {
        match self.base {
            Some(_) => d.fix(self.span(start, end), with),
            None => d,
        }
    }
}

// ---------------------------------------------------------------------------
// paragraphs: T1 repeated, T2 numbering

/// A paragraph of a string: its byte range (trimmed) in the text.
struct Para<'a> {
    start: usize,
    end: usize,
    text: &'a str,
}

fn split_paragraphs(text: &str) -> Vec<Para<'_>> {
    let mut out = Vec::new();
    let mut pos = 0;
    for line in text.split_inclusive('\n') {
        let trimmed = line.trim();
        if !trimmed.is_empty() {
            let lead = line.len() - line.trim_start().len();
            let start = pos + lead;
            out.push(Para {
                start,
                end: start + trimmed.len(),
                text: trimmed,
            });
        }
        pos += line.len();
    }
    out
}

/// The shortest paragraph (in characters, without its number) whose repetition is reported.
const MIN_REPEAT_CHARS: usize = 10;

fn paragraphs(text: &str, at: &Place, diags: &mut Vec<Diagnostic>) {
    // one paragraph (most texts) repeats none and cannot skip a number
    if !text.contains('\n') {
        return;
    }
    let paras = split_paragraphs(text);
    let repeated = repeats(&paras, at, diags);
    numbering(&paras, &repeated, at, diags);
}

/// T1: a paragraph that repeats an earlier one; a run of repeats is one finding.
/// Returns the indices of the repeated paragraphs.
fn repeats(paras: &[Para], at: &Place, diags: &mut Vec<Diagnostic>) -> Vec<bool> {
    let mut repeated = vec![false; paras.len()];
    // a text of one paragraph repeats nothing (most texts: no map to build)
    if paras.len() < 2 {
        return repeated;
    }
    // each text's first paragraph (never itself a repeat)
    let mut first_seen: std::collections::HashMap<&str, usize> = std::collections::HashMap::new();
    let mut i = 0;
    while i < paras.len() {
        let first = *first_seen.entry(paras[i].text).or_insert(i);
        if first == i || strip_number(paras[i].text).1.chars().count() < MIN_REPEAT_CHARS {
            i += 1;
            continue;
        }
        // extend the run while the next paragraphs repeat the ones after `first`
        let mut n = 1;
        while i + n < paras.len() && first + n < i && paras[first + n].text == paras[i + n].text {
            n += 1;
        }
        for (k, r) in repeated.iter_mut().enumerate().skip(i).take(n) {
            *r = true;
            first_seen.entry(paras[k].text).or_insert(k);
        }
        let (start, end) = (paras[i].start, paras[i + n - 1].end);
        let d = Diagnostic::warning(
            Code::T1,
            at.span(start, end),
            if n == 1 {
                t!("这一段与前文重复", "This paragraph repeats an earlier one")
            } else {
                t!(
                    "这{}段与前文重复",
                    "These {} paragraphs repeat earlier ones",
                    n
                )
            },
        )
        .label(t!("重复", "repeated"))
        .related(
            at.span(paras[first].start, paras[first + n - 1].end),
            t!("前文已有", "first written here"),
        )
        .help(t!(
            "删去重复的内容（同一部分中每段只写一次）。",
            "Delete the repetition: each paragraph once in a part."
        ));
        // delete the run with the line break before it (first < i, so i ≥ 1)
        diags.push(at.fix(d, paras[i - 1].end, end, ""));
        i += n;
    }
    repeated
}

/// The numbering styles of a paragraph's start.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Style {
    /// 一、
    Chinese,
    /// （一）
    ChineseParen,
    /// 1. 1、 1．
    Arabic,
    /// （1）
    ArabicParen,
}

const NUMERALS: [char; 10] = ['零', '一', '二', '三', '四', '五', '六', '七', '八', '九'];

fn chinese_value(s: &str) -> Option<usize> {
    let digits: Vec<usize> = s
        .chars()
        .map(|c| {
            if c == '十' {
                Some(10)
            } else {
                NUMERALS.iter().position(|&n| n == c)
            }
        })
        .collect::<Option<_>>()?;
    match digits.as_slice() {
        [d] if *d < 10 && *d > 0 => Some(*d),
        [10] => Some(10),
        [10, d] if *d < 10 => Some(10 + d),
        [t, 10] if *t < 10 && *t > 1 => Some(t * 10),
        [t, 10, d] if *t < 10 && *t > 1 && *d < 10 => Some(t * 10 + d),
        _ => None,
    }
}

/// A paragraph's number, its style and the byte length of the number; and the rest.
fn strip_number(p: &str) -> (Option<(Style, usize, usize)>, &str) {
    let paren = |s: &str| -> Option<(String, usize)> {
        let rest = s.strip_prefix('（').or_else(|| s.strip_prefix('('))?;
        let close = rest.find(['）', ')'])?;
        let inner = &rest[..close];
        let close_len = rest[close..].chars().next()?.len_utf8();
        Some((inner.to_string(), s.len() - rest.len() + close + close_len))
    };
    if let Some((inner, len)) = paren(p) {
        if let Some(n) = chinese_value(&inner) {
            return (Some((Style::ChineseParen, n, len)), &p[len..]);
        }
        if !inner.is_empty() && inner.len() <= 3 && inner.bytes().all(|b| b.is_ascii_digit()) {
            if let Ok(n) = inner.parse() {
                return (Some((Style::ArabicParen, n, len)), &p[len..]);
            }
        }
        return (None, p);
    }
    if let Some(i) = p.find('、') {
        if let Some(n) = chinese_value(&p[..i]) {
            let len = i + '、'.len_utf8();
            return (Some((Style::Chinese, n, len)), &p[len..]);
        }
    }
    let digits = p.bytes().take_while(u8::is_ascii_digit).count();
    if (1..=3).contains(&digits) {
        let rest = &p[digits..];
        if let Some(sep) = ['.', '、', '．'].iter().find(|c| rest.starts_with(**c)) {
            // not a decimal number such as 3.5万元
            let after = &rest[sep.len_utf8()..];
            if !after.starts_with(|c: char| c.is_ascii_digit()) {
                if let Ok(n) = p[..digits].parse() {
                    let len = digits + sep.len_utf8();
                    return (Some((Style::Arabic, n, len)), &p[len..]);
                }
            }
        }
    }
    (None, p)
}

fn show(style: Style, n: usize) -> String {
    let cn = |n: usize| -> String {
        match n {
            1..=9 => NUMERALS[n].to_string(),
            10..=19 => format!(
                "十{}",
                if n > 10 {
                    NUMERALS[n % 10].to_string()
                } else {
                    String::new()
                }
            ),
            20..=99 if n.is_multiple_of(10) => format!("{}十", NUMERALS[n / 10]),
            20..=99 => format!("{}十{}", NUMERALS[n / 10], NUMERALS[n % 10]),
            _ => n.to_string(),
        }
    };
    match style {
        Style::Chinese => format!("{}、", cn(n)),
        Style::ChineseParen => format!("（{}）", cn(n)),
        Style::Arabic => format!("{n}."),
        Style::ArabicParen => format!("（{n}）"),
    }
}

/// T2: within each numbering style, a number that repeats or skips. A list
/// may start again at 1; a repeated run already reported as T1 is left out.
fn numbering(paras: &[Para], repeated: &[bool], at: &Place, diags: &mut Vec<Diagnostic>) {
    let mut last: Vec<(Style, usize, usize)> = Vec::new(); // (style, number, paragraph)
    for (i, p) in paras.iter().enumerate() {
        let (Some((style, n, len)), _) = strip_number(p.text) else {
            continue;
        };
        if repeated[i] {
            continue;
        }
        let prev = last.iter().position(|(s, _, _)| *s == style);
        if let Some(k) = prev {
            let (_, m, pi) = last[k];
            if n != 1 && n != m + 1 {
                let msg = if n <= m {
                    t!(
                        "编号“{}”重复（前面已到“{}”）",
                        "Number “{}” repeats (the list was at “{}”)",
                        show(style, n),
                        show(style, m)
                    )
                } else {
                    t!(
                        "编号从“{}”跳到“{}”",
                        "The numbering skips from “{}” to “{}”",
                        show(style, m),
                        show(style, n)
                    )
                };
                let d = Diagnostic::warning(Code::T2, at.span(p.start, p.start + len), msg)
                    .label(t!("应为“{}”", "expected “{}”", show(style, m + 1)))
                    .related(
                        at.span(
                            paras[pi].start,
                            paras[pi].start + strip_number(paras[pi].text).0.map_or(0, |x| x.2),
                        ),
                        t!("上一条", "the item before"),
                    )
                    .help(t!(
                        "核对条目是否遗漏或重复，再改正编号。",
                        "Check whether an item is missing or repeated, then correct the numbering."
                    ));
                diags.push(d);
            }
            last[k] = (style, n, i);
        } else {
            last.push((style, n, i));
        }
    }
}

// ---------------------------------------------------------------------------
// inline checks: T3 years, T4 leftovers, T5 punctuation, T6 brackets, T7 wording

/// One pass over the text's characters ([`marks::scan`]) finds what each
/// check looks at; each then runs only where it has something to read (a
/// check of the seed reads thousands of short words).
fn inline(text: &str, at: &Place, year: i32, diags: &mut Vec<Diagnostic>) {
    if marks::quiet(text) {
        return;
    }
    let m = marks::scan(text);
    // a file without its year (L008) has no year to hold a text to
    if !m.years.is_empty() && year != 0 {
        years(text, &m.years, at, year, diags);
    }
    placeholders(text, &m.placeholders, at, diags);
    if m.leads {
        missing_reasons(text, at, diags);
    }
    punctuation(text, &m.runs, at, diags);
    brackets(&m, at, diags);
    if m.level {
        wording(text, at, diags);
    }
}

/// T3 at each `YYYY年` `found` in the text.
fn years(
    text: &str,
    found: &[(usize, i32, usize)],
    at: &Place,
    year: i32,
    diags: &mut Vec<Diagnostic>,
) {
    for &(i, y, end) in found {
        let before = &text[..i];
        let after = &text[end..];
        // 比2025年… / 与2025年…相比 / 较2025年… : a comparison is with last year
        let compared = before.ends_with('比') || before.ends_with('与') || before.ends_with('较');
        if compared && y != year - 1 {
            let message = t!(
                "{}年度的预算与{}年比较：应与上年（{}年）比较",
                "A {} budget compared with {}: the comparison is with last year ({})",
                year,
                y,
                year - 1
            );
            let help = t!(
                "比较的年份是上一年度。",
                "The year compared with is the year before."
            );
            diags.push(wrong_year(at, i, year - 1, message, help));
            continue;
        }
        // 截至2023年… : a date the figures stand at, this year or last
        if before.ends_with("截至") || before.ends_with("截止") {
            if y != year && y != year - 1 {
                diags.push(
                    Diagnostic::warning(
                        Code::T3,
                        at.span(i, i + 4),
                        t!(
                            "{}年度的预算写“截至{}年”：截至日期应在{}年或{}年",
                            "A {} budget says “as of {}”: the date should be in {} or {}",
                            year,
                            y,
                            year - 1,
                            year
                        ),
                    )
                    .label(t!("年份不对", "wrong year"))
                    .help(t!("核对截至日期的年份。", "Check the year of the date.")),
                );
            }
            continue;
        }
        // 2024年预算安排 / 2023年（当年）预算执行数
        if after.starts_with("预算安排") && y != year {
            let message = t!(
                "“{}年预算安排”：本预算是{}年度的",
                "“{} budget”: this is the {} budget",
                y,
                year
            );
            let help = t!(
                "预算安排的年份是本年度。",
                "The budget's year is this year."
            );
            diags.push(wrong_year(at, i, year, message, help));
            continue;
        }
        // 2023年无部门预算 (a department new this year): not this year's
        let none = ["无部门预算", "无单位预算", "无预算"];
        if y == year && year > 0 && none.iter().any(|w| after.starts_with(w)) {
            let message = t!(
                "“{}年无预算”：本文件就是{}年度的预算",
                "“no budget in {}”: this is the {} budget",
                y,
                year
            );
            let help = t!(
                "没有预算的是上一年度（新成立的部门）。",
                "The year without a budget is the year before (a department new this year)."
            );
            diags.push(wrong_year(at, i, year - 1, message, help));
            continue;
        }
        if let Some(d) = sentence_year(text, i, y, at, year) {
            diags.push(d);
            continue;
        }
        if (after.starts_with("预算执行数") || after.starts_with("当年预算执行数")) && y != year - 1
        {
            let message = t!(
                "“{}年预算执行数”：{}年度预算比较的是上年（{}年）的执行数",
                "“{} outturn”: a {} budget compares with last year's ({}) outturn",
                y,
                year,
                year - 1
            );
            let help = t!("执行数的年份是上一年度。", "The outturn is last year's.");
            diags.push(wrong_year(at, i, year - 1, message, help));
        }
    }
    date_ranges(text, found, at, year, diags);
}

/// T3 for a year no budget narrative has where it stands: a year after the
/// budget year that no range or target (`到2027年`, `2025-2027年`,
/// `2025年至2027年`) explains, or a sentence that opens with a year other
/// than the budget year and states this budget (`2024年，本部门收入预算…`).
fn sentence_year(text: &str, i: usize, y: i32, at: &Place, year: i32) -> Option<Diagnostic> {
    // (no 年度 written: L008 says so, and no year is wrong for it)
    if year <= 0 {
        return None;
    }
    let before = text[..i].trim_end_matches([' ', '\u{3000}']);
    let end = i + 4 + '年'.len_utf8();
    let after = &text[end.min(text.len())..];
    let ranged = before.ends_with(['到', '至', '-', '—', '～', '~'])
        || after.starts_with(['到', '至', '-', '—', '～', '~'])
        || after.starts_with("起")
        || after.starts_with("以后")
        || after.starts_with("前");
    if y > year && !ranged {
        let message = t!(
            "{}年度的预算说明中出现{}年：晚于预算年度",
            "A {} budget's narrative names {}: after the budget year",
            year,
            y
        );
        let help = t!(
            "核对年份：说明的是{}年度的预算。",
            "Check the year: this is the {} budget.",
            year
        );
        return Some(wrong_year(at, i, year, message, help));
    }
    let opens = before.is_empty() || before.ends_with(['。', '\n', '；', '：']);
    let sentence_end = after.find('。').unwrap_or(after.len());
    let sentence = &after[..sentence_end];
    let states_budget = after.starts_with('，')
        && (sentence.contains("收入预算")
            || sentence.contains("支出预算")
            || sentence.contains("预算为"));
    if opens && states_budget && y != year && !ranged {
        let message = t!(
            "句首的{}年：这句说的是{}年度的预算",
            "The sentence opens with {}: it states the {} budget",
            y,
            year
        );
        let help = t!(
            "说明本年预算的句子以预算年度开头。",
            "A sentence stating this budget opens with the budget year."
        );
        return Some(wrong_year(at, i, year, message, help));
    }
    None
}

/// T3 at the 4 digits of a year at byte `i` that should be `right`, with the fix.
fn wrong_year(at: &Place, i: usize, right: i32, message: Text, help: Text) -> Diagnostic {
    let d = Diagnostic::warning(Code::T3, at.span(i, i + 4), message)
        .label(t!("应为{}", "should be {}", right))
        .help(help);
    at.fix(d, i, i + 4, &right.to_string())
}

/// `2025年1月1日-2025年12月31日`: a period that does not reach into the budget year.
fn date_ranges(
    text: &str,
    found: &[(usize, i32, usize)],
    at: &Place,
    year: i32,
    diags: &mut Vec<Diagnostic>,
) {
    for w in found.windows(2) {
        let (s, y1, e1) = w[0];
        let (s2, y2, e2) = w[1];
        let between = &text[e1..s2];
        // 1月1日- : month, day, then a range mark, nothing else
        let Some(dash) = between.find(['-', '—', '–', '~', '～', '至', '到']) else {
            continue;
        };
        let date = &between[..dash];
        let mark_len = between[dash..].chars().next().map_or(1, char::len_utf8);
        let tail = between[dash + mark_len..].trim_start_matches(['-', '—', '–']);
        if !date.contains('月') || !tail.trim().is_empty() || date.chars().count() > 8 {
            continue;
        }
        if y1 <= year && year <= y2 {
            continue;
        }
        let end = text[e2..]
            .find('日')
            .filter(|&k| k <= 8)
            .map_or(e2, |k| e2 + k + '日'.len_utf8());
        diags.push(
            Diagnostic::warning(
                Code::T3,
                at.span(s, end),
                t!(
                    "期间{}年至{}年不含预算年度{}年",
                    "The period {}–{} does not include the budget year {}",
                    y1,
                    y2,
                    year
                ),
            )
            .label(t!("年份不对", "wrong years"))
            .help(t!(
                "核对实施期间的起止年份。",
                "Check the years of the period."
            )),
        );
    }
}

/// Placeholders a template leaves when it is not filled in.
const LEFTOVERS: &[&str] = &[
    "XX",
    "xx",
    "××",
    "ＸＸ",
    "＊＊",
    "**",
    "增加（减少）",
    "增加(减少)",
    "增（减）",
    "增(减)",
    "增加/减少",
    "增加（降低）",
    "（增加/减少）",
];

/// T4 at the placeholders starting at any of `starts`.
fn placeholders(text: &str, starts: &[usize], at: &Place, diags: &mut Vec<Diagnostic>) {
    let mut seen_until = 0;
    for &i in starts {
        if i < seen_until {
            continue;
        }
        let rest = &text[i..];
        let hit = LEFTOVERS
            .iter()
            .find(|p| rest.starts_with(**p))
            .map(|p| p.len())
            .or_else(|| {
                // {单位} / ｛单位｝: a template variable
                let close = if rest.starts_with('{') {
                    '}'
                } else if rest.starts_with('｛') {
                    '｝'
                } else {
                    return None;
                };
                let inner_end =
                    rest[..crate::diagnostic::floor_char_boundary(rest, 64)].find(close)?;
                let open_len = rest.chars().next()?.len_utf8();
                let inner = &rest[open_len..inner_end];
                (!inner.is_empty()
                    && inner.chars().count() <= 12
                    && !inner.contains(char::is_whitespace))
                .then_some(inner_end + close.len_utf8())
            });
        if let Some(len) = hit {
            // extend XX to the run of X (XXX局)
            let mut end = i + len;
            while text[end..].starts_with(['X', 'x', '×']) {
                end += 1 + usize::from(text[end..].starts_with('×'));
            }
            diags.push(
                Diagnostic::warning(
                    Code::T4,
                    at.span(i, end),
                    t!(
                        "模板占位内容“{}”没有替换",
                        "The template placeholder “{}” was left in",
                        &text[i..end]
                    ),
                )
                .label(t!("未填写", "not filled in"))
                .help(t!(
                    "换成实际内容，或删去。",
                    "Replace it with the real text, or delete it."
                )),
            );
            seen_until = end;
        }
    }
}

/// T4: `主要原因是。` — a reason announced and not given.
fn missing_reasons(text: &str, at: &Place, diags: &mut Vec<Diagnostic>) {
    // each lead found at its 原 or 用 (a search for one character costs
    // nothing to set up; the texts are many and short)
    let at_main = |i: usize, lead: &'static str| (i - "主要".len(), lead);
    let reasons = text
        .match_indices('原')
        .filter(|&(i, _)| text[i..].starts_with("原因是"))
        .map(|(i, _)| {
            if text[..i].ends_with("主要") {
                at_main(i, "主要原因是")
            } else {
                (i, "原因是")
            }
        });
    let uses = text
        .match_indices('用')
        .filter(|&(i, _)| text[i..].starts_with("用于") && text[..i].ends_with("主要"))
        .map(|(i, _)| at_main(i, "主要用于"));
    for (s, lead) in reasons.chain(uses) {
        let e = s + lead.len();
        let after = text[e..].trim_start_matches(['：', ':', ' ']);
        if after.is_empty() || after.starts_with(['。', '；', '，', ';', ',']) {
            let stop = e + (text[e..].len() - after.len());
            diags.push(
                Diagnostic::warning(
                    Code::T4,
                    at.span(s, stop),
                    t!("“{}”后面没有内容", "Nothing follows “{}”", lead),
                )
                .label(t!("缺少说明", "missing"))
                .help(t!("写明原因（或用途）。", "Write the reason (or the use).")),
            );
        }
    }
}

const ENDS: &[char] = &['。', '！', '？'];

/// T5 at each run of two or more marks.
fn punctuation(text: &str, runs: &[(usize, usize, char)], at: &Place, diags: &mut Vec<Diagnostic>) {
    for &(start, end, first) in runs {
        let run = &text[start..end];
        let keep = run.chars().find(|c| ENDS.contains(c)).unwrap_or(first);
        let d = Diagnostic::warning(
            Code::T5,
            at.span(start, end),
            t!(
                "标点“{}”重复或混用",
                "Doubled or mixed punctuation “{}”",
                run
            ),
        )
        .label(t!("应为“{}”", "should be “{}”", keep))
        .help(t!("只保留一个标点。", "Keep one mark."));
        diags.push(at.fix(d, start, end, &keep.to_string()));
    }
}

/// T6: the brackets [`marks::scan`] found unmatched, then those never closed.
fn brackets(m: &marks::Marks, at: &Place, diags: &mut Vec<Diagnostic>) {
    let report =
        |i: usize, c: char, msg: Text, fix: Option<String>, diags: &mut Vec<Diagnostic>| {
            let d = Diagnostic::warning(Code::T6, at.span(i, i + c.len_utf8()), msg)
                .label(t!("不配对", "unmatched"))
                .help(t!(
                    "补上或删去对应的引号、括号。",
                    "Add or delete the matching quote or bracket."
                ));
            diags.push(match fix {
                Some(f) => at.fix(d, i, i + c.len_utf8(), &f),
                None => d,
            });
        };
    for b in &m.brackets {
        match *b {
            // （境) : a full-width bracket closed by a half-width one, or the reverse
            marks::Bracket::Mixed {
                at: i,
                close: c,
                open: o,
            } => {
                let right = if o == '（' { '）' } else { ')' };
                report(
                    i,
                    c,
                    t!("“{}”与“{}”不是一对括号", "“{}” does not close “{}”", c, o),
                    Some(right.to_string()),
                    diags,
                );
            }
            marks::Bracket::Extra { at: i, close: c } => {
                report(i, c, t!("多出的“{}”", "An unmatched “{}”", c), None, diags)
            }
        }
    }
    for &(i, o) in &m.unclosed {
        let close = marks::PAIRS
            .iter()
            .find(|(op, _)| *op == o)
            .map_or(' ', |p| p.1);
        report(
            i,
            o,
            t!(
                "“{}”没有对应的“{}”",
                "“{}” is never closed with “{}”",
                o,
                close
            ),
            None,
            diags,
        );
    }
}

/// 比…持平 is not Chinese: 与…持平.
fn wording(text: &str, at: &Place, diags: &mut Vec<Diagnostic>) {
    for (e, _) in text.match_indices('持') {
        if !text[e..].starts_with("持平") {
            continue;
        }
        let window_start = text[..e]
            .char_indices()
            .rev()
            .take(16)
            .last()
            .map_or(0, |x| x.0);
        let window = &text[window_start..e];
        if let Some(b) = window.rfind('比') {
            let s = window_start + b;
            // (与…相比持平 is Chinese: the 比 of 相比)
            let of_xiangbi = text[..s].ends_with('相');
            if !of_xiangbi && !text[s..e].contains(['，', '。', '；', ',']) {
                let d = Diagnostic::warning(
                    Code::T7,
                    at.span(s, e + "持平".len()),
                    t!("“比…持平”应为“与…持平”", "“比…持平” should be “与…持平”"),
                )
                .label(t!("用“与”", "use 与"))
                .help(t!(
                    "持平是与上年相同：写作“与{}持平”。",
                    "Unchanged is “与…持平”: 与{}持平.",
                    &text[s + '比'.len_utf8()..e]
                ));
                diags.push(at.fix(d, s, s + '比'.len_utf8(), "与"));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(src: &str) -> Vec<Diagnostic> {
        let parsed = crate::syntax::parse(src);
        let mut d = Vec::new();
        check(&parsed.file, 2026, false, &mut d);
        d
    }

    fn text_of<'a>(src: &'a str, d: &Diagnostic) -> &'a str {
        &src[d.span.start..d.span.end]
    }

    #[test]
    fn a_comparison_with_the_wrong_year() {
        let src = "职责 \"比2026年预算增加793.14万元。\"\n";
        let d = run(src);
        assert_eq!(d.len(), 1, "{d:?}");
        assert_eq!(d[0].code, "T3");
        assert_eq!(text_of(src, &d[0]), "2026");
        assert_eq!(
            d[0].fix.as_ref().map(|f| f.replacement.as_str()),
            Some("2025")
        );
    }

    #[test]
    fn last_years_comparison_is_fine() {
        assert!(run(
            "职责 \"比2025年预算增加10万元。2025年预算执行数为3万元，2026年预算安排4万元。\"\n"
        )
        .is_empty());
    }

    #[test]
    fn a_period_outside_the_year() {
        let src = "实施周期 \"2025年1月1日-2025年12月31日\"\n";
        let d = run(src);
        assert_eq!(d.len(), 1, "{d:?}");
        assert_eq!(text_of(src, &d[0]), "2025年1月1日-2025年12月31日");
        assert!(run("实施周期 \"2026年1月1日-2026年12月31日\"\n").is_empty());
    }

    #[test]
    fn repeated_items_are_one_finding() {
        let src = "职责 \"（一）负责甲工作的组织。\n（二）负责乙工作的统筹与协调。\n（三）负责丙工作的监督与检查。\n（二）负责乙工作的统筹与协调。\n（三）负责丙工作的监督与检查。\"\n";
        let d = run(src);
        assert_eq!(d.len(), 1, "{d:?}");
        assert_eq!(d[0].code, "T1");
        assert_eq!(
            text_of(src, &d[0]),
            "（二）负责乙工作的统筹与协调。\n（三）负责丙工作的监督与检查。"
        );
    }

    #[test]
    fn numbering_that_skips() {
        let src = "职责 \"一、甲。\n二、乙。\n四、丁。\"\n";
        let d = run(src);
        assert_eq!(d.len(), 1, "{d:?}");
        assert_eq!(d[0].code, "T2");
        assert_eq!(text_of(src, &d[0]), "四、");
    }

    #[test]
    fn leftovers_punctuation_brackets_wording() {
        let src = "说明 \"XX局预算增加（减少）5万元，主要原因是。。（境）费“未完\"\n";
        let codes: Vec<(&str, &str)> = run(src)
            .iter()
            .map(|d| (d.code.as_str(), text_of(src, d)))
            .collect();
        assert!(codes.contains(&("T4", "XX")), "{codes:?}");
        assert!(codes.contains(&("T4", "增加（减少）")), "{codes:?}");
        assert!(codes.contains(&("T4", "主要原因是")), "{codes:?}");
        assert!(codes.contains(&("T5", "。。")), "{codes:?}");
        assert!(codes.contains(&("T6", "“")), "{codes:?}");
        let d = run("说明 \"比2025年预算持平。\"\n");
        assert_eq!(d.len(), 1, "{d:?}");
        assert_eq!(d[0].code, "T7");
    }

    /// Each announced reason or use that nothing follows, once, at its
    /// whole lead (原因是 inside 主要原因是 is not a second finding); a
    /// lead followed by its content, and 用于 without 主要, are not findings.
    #[test]
    fn reasons_and_uses_announced_and_not_given() {
        let src = "说明 \"减少，原因是 。增加，主要原因是；用于，主要用于。原因是人员增加，主要用于办公。\"\n";
        let found: Vec<(&str, &str)> = run(src)
            .iter()
            .map(|d| (d.code.as_str(), text_of(src, d)))
            .collect();
        assert_eq!(
            found,
            vec![("T4", "原因是 "), ("T4", "主要原因是"), ("T4", "主要用于")]
        );
        // 比…持平 at its second 持 (the first is of 坚持)
        let src = "说明 \"坚持节约，比2025年预算持平。\"\n";
        let d = run(src);
        assert_eq!(d.len(), 1, "{d:?}");
        assert_eq!(
            (d[0].code.as_str(), text_of(src, &d[0])),
            ("T7", "比2025年预算持平")
        );
    }

    #[test]
    fn punctuation_runs_anywhere_in_a_text() {
        let src = "说明 \"甲，，乙、丙。；\"\n";
        let d = run(src);
        let found: Vec<(&str, &str, Option<&str>)> = d
            .iter()
            .map(|d| {
                (
                    d.code.as_str(),
                    text_of(src, d),
                    d.fix.as_ref().map(|f| f.replacement.as_str()),
                )
            })
            .collect();
        // a run inside the text (kept: its first mark) and one that ends it
        // (kept: the sentence's end)
        assert_eq!(
            found,
            [("T5", "，，", Some("，")), ("T5", "。；", Some("。"))]
        );
    }

    #[test]
    fn a_decimal_is_not_a_number() {
        assert!(run("职责 \"3.5万元用于培训。\n4.5万元用于会议。\"\n").is_empty());
    }
}
