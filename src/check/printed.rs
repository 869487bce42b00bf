//! The published narrative (`原文`) against the document's own tables
//! (N16, N17): every function line the narrative names as
//! “A（类）B（款）C（项）” must be a 类, 款 and 项 of this file's 支出 under
//! those names, and the amount printed after it (`科目43.83万元`) must be that
//! line's figure, correctly rounded to the printed decimals.
//!
//! A reviewer's file keeps the narrative as printed; this is where its
//! headings become checked claims. A name that is an earlier edition's name of
//! a 类 is said to be outdated, with the current name as the fix.

use super::prose::Place;
use crate::catalog::{Catalog, CodeKind, Level};
use crate::diagnostic::Code;
use crate::diagnostic::{Diagnostic, Span};
use crate::model::money::{display, DisplayUnit, Money};
use crate::model::{Budget, FunctionNode, Source};
use crate::syntax::ast::{File, ValueKind};
use crate::t;
use rust_decimal::Decimal;
use std::str::FromStr;

pub fn check(file: &File, b: &Budget, catalog: &Catalog, diags: &mut Vec<Diagnostic>) {
    if b.derived.functions.is_empty() {
        return;
    }
    for s in file.stmts.iter().filter(|s| s.keyword() == Some("原文")) {
        for c in s.children() {
            let Some(v) = c.values.get(1) else { continue };
            if let ValueKind::Str(text) = &v.kind {
                let at = Place::of(v, text, 1);
                let mut hs = headings(text);
                hs.extend(dash_headings(text));
                hs.sort_by_key(|h| h.names[0].1);
                for (i, h) in hs.iter().enumerate() {
                    let Some(node) = heading(h, text, &at, b, catalog, diags) else {
                        continue;
                    };
                    // the item's sentences: up to the next heading or line
                    // (a line break inside an item is the PDF's wrapping; the last
                    // item ends with its paragraph)
                    let stop = match hs.get(i + 1) {
                        Some(n) => n.names[0].1.max(h.end),
                        None => text[h.end..].find("。\n").map_or(text.len(), |k| h.end + k),
                    };
                    body(node, text, (h.end, stop), &at, b, diags);
                }
            }
        }
    }
}

/// One “A（类）B（款）C（项）” heading: the names with their byte ranges,
/// and the amount printed after it.
struct Heading {
    names: [(String, usize, usize); 3],
    amount: Option<(Decimal, u32, usize, usize)>,
    /// Where the heading (with its amount) ends: its item's sentences follow.
    end: usize,
}

const MARKS: [&str; 3] = ["（类）", "（款）", "（项）"];

fn clean(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

fn headings(text: &str) -> Vec<Heading> {
    let text_norm = text; // brackets are compared as printed (full-width, as the documents print)
    let mut out = Vec::new();
    let mut from = 0;
    while let Some(k) = text_norm[from..].find(MARKS[0]) {
        let lei_end = from + k;
        // the 类 name runs back to the opening quote or a delimiter
        let start = text[..lei_end]
            .char_indices()
            .rev()
            .find(|(_, c)| matches!(c, '“' | '"' | '。' | '；' | '，' | '：' | '\n' | '、'))
            .map_or(0, |(i, c)| i + c.len_utf8());
        let mut names: Vec<(String, usize, usize)> =
            vec![(clean(&text[start..lei_end]), start, lei_end)];
        let mut pos = lei_end + MARKS[0].len();
        for mark in &MARKS[1..] {
            // the next name must follow directly (within a short distance)
            match text[pos..].find(mark) {
                Some(j)
                    if text[pos..pos + j].chars().count() <= 40
                        && !text[pos..pos + j].contains(['。', '；']) =>
                {
                    names.push((clean(&text[pos..pos + j]), pos, pos + j));
                    pos += j + mark.len();
                }
                _ => break,
            }
        }
        from = pos;
        let Ok(names) = <[(String, usize, usize); 3]>::try_from(names) else {
            continue;
        };
        let amount = amount_after(text, pos);
        out.push(Heading {
            names,
            end: amount.map_or(pos, |a| a.3),
            amount,
        });
    }
    out
}

/// “A-B-C” headings (the 科目短横 wording: “一般公共服务支出-统计信息事务-
/// 专项普查活动”科目43.83万元): the three names between the quotes.
fn dash_headings(text: &str) -> Vec<Heading> {
    let mut out = Vec::new();
    let mut from = 0;
    while let Some(k) = text[from..].find('“') {
        let open = from + k + '“'.len_utf8();
        let Some(len) = text[open..].find('”') else {
            break;
        };
        let close = open + len;
        from = close;
        let inner = &text[open..close];
        if inner.chars().count() > 80 || inner.contains(['。', '；']) {
            continue;
        }
        let mut names = Vec::new();
        let mut pos = open;
        for part in inner.split('-') {
            names.push((clean(part), pos, pos + part.len()));
            pos += part.len() + 1;
        }
        let Ok(names) = <[(String, usize, usize); 3]>::try_from(names) else {
            continue;
        };
        if names.iter().any(|n| n.0.is_empty()) {
            continue;
        }
        let after = close + '”'.len_utf8();
        let amount = amount_after(text, after);
        out.push(Heading {
            names,
            end: amount.map_or(after, |a| a.3),
            amount,
        });
    }
    out
}

/// `”科目43.83万元` / `”25.77万元` right after a heading: the amount, its decimals and range.
fn amount_after(text: &str, pos: usize) -> Option<(Decimal, u32, usize, usize)> {
    let rest = &text[pos..];
    let skip = rest.len() - rest.trim_start_matches(['”', '"', ' ']).len();
    let rest2 = &rest[skip..];
    let skip2 = if rest2.starts_with("科目") {
        "科目".len()
    } else {
        0
    };
    let s = pos + skip + skip2;
    let digits: usize = text[s..]
        .bytes()
        .take_while(|b| b.is_ascii_digit() || *b == b',' || *b == b'.')
        .count();
    if digits == 0 || !text[s + digits..].starts_with("万元") {
        return None;
    }
    let raw = text[s..s + digits].replace(',', "");
    let value = Decimal::from_str(&raw).ok()?;
    let decimals = raw.split_once('.').map_or(0, |(_, f)| f.len() as u32);
    Some((value, decimals, s, s + digits))
}

fn find<'a>(b: &'a Budget, level: Level, prefix: &str, name: &str) -> Option<&'a FunctionNode> {
    b.derived
        .functions
        .iter()
        .find(|n| n.level == level && n.code.starts_with(prefix) && clean(&n.name) == name)
}

/// Check a heading's names and amount; the 项 it names, when it is one of the file's.
fn heading<'b>(
    h: &Heading,
    text: &str,
    at: &Place,
    b: &'b Budget,
    catalog: &Catalog,
    diags: &mut Vec<Diagnostic>,
) -> Option<&'b FunctionNode> {
    let levels = [Level::Lei, Level::Kuan, Level::Xiang];
    let mut prefix = String::new();
    let mut node = None;
    for (i, (name, s, e)) in h.names.iter().enumerate() {
        match find(b, levels[i], &prefix, name) {
            Some(n) => {
                prefix = n.code.clone();
                node = Some(n);
            }
            None => {
                diags.push(unknown_name(
                    name,
                    levels[i],
                    &prefix,
                    at.span(*s, *e),
                    at,
                    (*s, *e),
                    b,
                    catalog,
                ));
                return None;
            }
        }
    }
    let n = node?;
    if let Some(a) = h.amount {
        amount_claim(n, &h.names[2].0, a, text, at, b, diags);
    }
    Some(n)
}

/// The exact figure of a 项 line in 元 that a printed 万元 amount may round: its
/// total or its 财政拨款 amount.
fn fits(n: &FunctionNode, printed: Decimal, decimals: u32) -> bool {
    let fiscal: Money = n
        .figures
        .current_by_source
        .iter()
        .filter(|(src, _)| Source::is_fiscal(**src))
        .map(|(_, m)| *m)
        .sum();
    let w = DisplayUnit::Wanyuan;
    let step = Money::from_unit(Decimal::ONE / Decimal::from(10u64.pow(decimals.min(8))), w);
    let half = step / Decimal::from(2);
    let in_yuan = Money::from_unit(printed, w);
    (in_yuan - n.figures.total).abs() <= half || (in_yuan - fiscal).abs() <= half
}

fn amount_claim(
    n: &FunctionNode,
    name: &str,
    (printed, decimals, s, e): (Decimal, u32, usize, usize),
    text: &str,
    at: &Place,
    b: &Budget,
    diags: &mut Vec<Diagnostic>,
) {
    if fits(n, printed, decimals) {
        return;
    }
    let shown = display(n.figures.total, DisplayUnit::Wanyuan).replace(',', "");
    let mut d = Diagnostic::error(
        Code::N16,
        at.span(s, e),
        t!("说明写“{}（项）”{}万元，支出表中该项为{}万元（{}元）", name, &text[s..e], shown, n.figures.total.as_yuan().normalize(); "the narrative prints {} at {}万元; the 支出 table has {}万元 ({}元)", name, &text[s..e], shown, n.figures.total.as_yuan().normalize()),
    )
    .label(t!("应为{}", "should be {}", shown))
    .help(t!("说明中的金额应与表中该项一致（按所印位数四舍五入）。", "The narrative's amount is the table's, rounded to the printed decimals."));
    if let Some(row) = b.expenditure.rows.iter().find(|r| r.code == n.code) {
        d = d.related(row.span, t!("支出表中的该项", "the line in 支出"));
    }
    diags.push(at.fix(d, s, e, &shown));
}

#[allow(clippy::too_many_arguments)]
fn unknown_name(
    name: &str,
    level: Level,
    prefix: &str,
    span: Span,
    at: &Place,
    (s, e): (usize, usize),
    b: &Budget,
    catalog: &Catalog,
) -> Diagnostic {
    let word = match level {
        Level::Lei => "类",
        Level::Kuan => "款",
        _ => "项",
    };
    // an earlier edition's name of a 类 the file has
    let renamed = catalog.iter(CodeKind::Function).find(|e| {
        e.level == level
            && e.code.starts_with(prefix)
            && e.old_names.iter().any(|o| clean(&o.name) == name)
    });
    if let Some(entry) = renamed.filter(|e| b.derived.functions.iter().any(|n| n.code == e.code)) {
        let d = Diagnostic::warning(
            Code::N17,
            span,
            t!("“{}（{}）”是旧名称：科目 {} 现名“{}”", name, word, entry.code, entry.name; "“{}” is an outdated name: {} is now “{}”", name, entry.code, entry.name),
        )
        .label(t!("旧名称", "outdated name"))
        .help(t!("用现行科目名称（与表中一致）。", "Use the current name, as the tables do."));
        return at.fix(d, s, e, &entry.name);
    }
    Diagnostic::warning(
        Code::N17,
        span,
        t!("说明中的“{}（{}）”不是本文件支出表中的{}", name, word, word; "“{}” in the narrative is not a {} of this file's 支出", name, word),
    )
    .label(t!("表中没有", "not in the tables"))
    .help(t!("核对名称：说明中的类、款、项名称应与支出表一致。", "Check the name: the narrative's 类/款/项 are the 支出 table's."))
}

/// A number followed by `unit` right after `lead` in `text[range]`: the value,
/// its decimals and its byte range.
fn figure_after(
    text: &str,
    (from, to): (usize, usize),
    lead: &str,
    unit: &str,
) -> Option<(Decimal, u32, usize, usize)> {
    let k = text[from..to].find(lead)?;
    let after = from + k + lead.len();
    // a number the PDF wrapped onto the next line
    let s = after + (text[after..to].len() - text[after..to].trim_start().len());
    let digits = text[s..to]
        .bytes()
        .take_while(|b| b.is_ascii_digit() || *b == b',' || *b == b'.')
        .count();
    if digits == 0 || !text[s + digits..to].starts_with(unit) {
        return None;
    }
    let raw = text[s..s + digits].replace(',', "");
    let value = Decimal::from_str(&raw).ok()?;
    let decimals = raw.split_once('.').map_or(0, |(_, f)| f.len() as u32);
    Some((value, decimals, s, s + digits))
}

/// The sentences of one item: `2024年预算安排25.77万元` is the line's figure
/// (N16); `比2023年预算执行数减少57.14%` agrees, in direction and in percent
/// (half-up at its printed decimals), with this year's and last year's figures
/// as printed in the item (`执行数为60.13万元`), or with the exact figure (N18).
fn body(
    n: &FunctionNode,
    text: &str,
    range: (usize, usize),
    at: &Place,
    b: &Budget,
    diags: &mut Vec<Diagnostic>,
) {
    let name = n.name.as_str();
    let this = figure_after(text, range, "预算安排", "万元");
    if let Some(a) = this {
        amount_claim(n, name, a, text, at, b, diags);
    }
    let last = figure_after(text, range, "执行数为", "万元")
        .or_else(|| figure_after(text, range, "预算数为", "万元"));
    let Some((last, _, ls, le)) = last else {
        return;
    };
    last_year_claim(n, (last, ls, le), text, at, b, diags);
    // the claim: the direction word with its percentage, or 持平, as printed
    // a percentage, or an amount (a change from 0 has no percentage)
    let pct = ["增加", "减少"].iter().find_map(|w| {
        figure_after(text, range, w, "%")
            .map(|p| (p.2.saturating_sub(w.len()), p.3 + 1))
            .or_else(|| {
                figure_after(text, range, w, "万元")
                    .map(|p| (p.2.saturating_sub(w.len()), p.3 + "万元".len()))
            })
    });
    let same = || {
        let k = text[range.0..range.1].find("持平")?;
        Some((range.0 + k, range.0 + k + "持平".len()))
    };
    let Some((cs, ce)) = pct.or_else(same) else {
        return;
    };
    let Some(printed) = text.get(cs..ce) else {
        return;
    };
    let Some(change) = crate::model::change::ChangeClaim::parse(printed) else {
        return;
    };
    let claim = crate::model::claim::Claim {
        about: name.to_string(),
        text: printed.to_string(),
        figure: crate::model::claim::Figure::Change(change),
        span: at.span(cs, ce),
    };
    let truth = crate::model::claim::Truth::Change {
        now: n.figures.total,
        last: Money::from_unit(last, DisplayUnit::Wanyuan),
    };
    let rule = t!(
        "(本年 − 上年) ÷ 上年 × 100，上年为所印的{}万元",
        "(this year − last year) ÷ last year × 100, last year being the printed {}万元",
        last
    );
    if let Some(d) = super::claims::check(Code::N18, &claim, &truth, rule) {
        diags.push(d.related(at.span(ls, le), t!("上年{}万元", "last year {}万元", last)));
    }
}

/// N16 for last year's figure an item prints (`执行数为60.13万元`) against
/// the line's `上年`/`上年执行`, when the file gives it.
fn last_year_claim(
    n: &FunctionNode,
    (printed, s, e): (Decimal, usize, usize),
    text: &str,
    at: &Place,
    b: &Budget,
    diags: &mut Vec<Diagnostic>,
) {
    let Some(row) = b.expenditure.rows.iter().find(|r| r.code == n.code) else {
        return;
    };
    let Some(last) = row.last_year else { return };
    let claim = crate::model::claim::Claim {
        about: format!("{} 上年数", n.name),
        figure: crate::model::claim::Figure::Amount {
            value: printed,
            unit: DisplayUnit::Wanyuan,
        },
        text: text[s..e].to_string(),
        span: at.span(s, e),
    };
    let rule = t!(
        "该项的上年数（支出中的 上年 / 上年执行）",
        "the line's last-year figure (上年 / 上年执行 in 支出)"
    );
    let truth = crate::model::claim::Truth::Amount(last);
    if let Some(d) = super::claims::check(Code::N16, &claim, &truth, rule) {
        let d = match row.facts.last_year_span {
            Some(sp) => d.related(sp, t!("文件中的上年数", "the file's last-year figure")),
            None => d,
        };
        diags.push(d);
    }
}
