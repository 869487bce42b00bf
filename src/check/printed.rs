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
use crate::diagnostic::{Diagnostic, Span};
use crate::model::money::{display, DisplayUnit};
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
                for h in headings(text) {
                    heading(&h, text, &at, b, catalog, diags);
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
        out.push(Heading {
            names,
            amount: amount_after(text, pos),
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

fn heading(
    h: &Heading,
    text: &str,
    at: &Place,
    b: &Budget,
    catalog: &Catalog,
    diags: &mut Vec<Diagnostic>,
) {
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
                return;
            }
        }
    }
    let (Some(n), Some((printed, decimals, s, e))) = (node, h.amount) else {
        return;
    };
    let fiscal: Decimal = n
        .figures
        .current_by_source
        .iter()
        .filter(|(src, _)| Source::is_fiscal(**src))
        .map(|(_, m)| *m)
        .sum();
    let step = Decimal::from(10_000) / Decimal::from(10u64.pow(decimals));
    let half = step / Decimal::from(2);
    let in_yuan = printed * Decimal::from(10_000);
    let fits = |m: Decimal| (in_yuan - m).abs() <= half;
    if fits(n.figures.total) || fits(fiscal) {
        return;
    }
    let shown = display(n.figures.total, DisplayUnit::Wanyuan).replace(',', "");
    let mut d = Diagnostic::error(
        "N16",
        at.span(s, e),
        t!("说明写“{}（项）”{}万元，支出表中该项为{}万元（{}元）", h.names[2].0, &text[s..e], shown, n.figures.total.normalize(); "the narrative prints {} at {}万元; the 支出 table has {}万元 ({}元)", h.names[2].0, &text[s..e], shown, n.figures.total.normalize()),
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
            "N17",
            span,
            t!("“{}（{}）”是旧名称：科目 {} 现名“{}”", name, word, entry.code, entry.name; "“{}” is an outdated name: {} is now “{}”", name, entry.code, entry.name),
        )
        .label(t!("旧名称", "outdated name"))
        .help(t!("用现行科目名称（与表中一致）。", "Use the current name, as the tables do."));
        return at.fix(d, s, e, &entry.name);
    }
    Diagnostic::warning(
        "N17",
        span,
        t!("说明中的“{}（{}）”不是本文件支出表中的{}", name, word, word; "“{}” in the narrative is not a {} of this file's 支出", name, word),
    )
    .label(t!("表中没有", "not in the tables"))
    .help(t!("核对名称：说明中的类、款、项名称应与支出表一致。", "Check the name: the narrative's 类/款/项 are the 支出 table's."))
}
