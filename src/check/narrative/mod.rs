//! N19: the figures of the published narrative (`原文`) as claims.
//!
//! A sentence is read by its shape, not by its exact words: where it names a
//! fact (a label of [`facts::vocabulary`]: 收入总计, 基本支出, 公务接待费, a 类
//! name …), the figures that follow it up to the next fact named are about
//! that fact — the amount right after the label (`…预算数为1.00万元`), a count
//! (`4个`), a share (`占…的78.23%`, of the whole it names or else of the
//! sentence's first fact) and a change (`比上年增加1.00万元`, `与上年预算数相同`;
//! of the fact when it has a last-year figure, else of the sentence's first
//! fact). Each becomes a [`Claim`] verified by the one claim checker.
//!
//! The compared year (`比2025年`) is T3's; the 项 headings and their items
//! are N16–N18's (printed.rs).

pub(crate) mod declared;
pub mod facts;
mod implied;
pub mod scan;
mod thresholds;

use super::prose::Place;
use crate::diagnostic::Code;
use crate::diagnostic::{Diagnostic, Text};
use crate::model::claim::{Claim, Figure, Truth};
use crate::model::{Budget, Money};
use crate::syntax::ast::{File, ValueKind};
use crate::t;
use facts::{amounts, count, describe, last_year, Fact, Word};
use scan::{scan, Found};

/// The rounding of the figures a narrative prints (万元 to 0.01), in 元.
const PRINTED_STEP: i64 = 100;

pub fn check(file: &File, b: &Budget, diags: &mut Vec<Diagnostic>) {
    let vocab = facts::vocabulary(b);
    // (a compared year in the prose is T3's)
    let mut changes = Vec::new();
    printed(file, &vocab, |f, at| {
        if !matches!(f.claim.figure, Figure::Year(_)) {
            diags.extend(verify(b, f, at));
        }
        if matches!(f.claim.figure, Figure::Change(_)) {
            changes.push((f.clone(), at.clone()));
        }
    });
    // (the changes of the narrative against each other, without 上年: N22)
    implied::check(b, &changes, diags);
    thresholds::check(file, b, diags);
    let vocab = facts::declared_vocabulary(b);
    for s in file.stmts.iter().filter(|s| s.keyword() == Some("声明")) {
        declared::unread(s, &vocab, diags);
        let lines = declared::Lines::of(s);
        let found = scan(&lines.text, &vocab);
        for f in &found {
            let at = lines.place(f.claim.span);
            if let Some(d) = unverifiable(b, f, &at) {
                diags.push(d);
                continue;
            }
            // (a compared year is T3's, wherever it is written)
            if matches!(f.claim.figure, Figure::Year(_)) {
                continue;
            }
            let Some(d) = verify(b, f, &at) else { continue };
            diags.push(match lines.table_at(f.claim.span.start) {
                Some(table) => of_table(d, table, f, &found, &lines),
                None => d,
            });
        }
    }
}

/// A wrong claim of one printed table (`表5 201 29.94万元`): said so, with
/// the other tables' figures for the same fact.
fn of_table(
    mut d: Diagnostic,
    table: &str,
    f: &Found,
    found: &[Found],
    lines: &declared::Lines,
) -> Diagnostic {
    d.message = Text::new(
        format!("{table}：{}", d.message.zh),
        format!("{table}: {}", d.message.en),
    );
    let same_kind = |o: &Found| {
        std::mem::discriminant(&o.claim.figure) == std::mem::discriminant(&f.claim.figure)
    };
    for o in found.iter().filter(|o| o.fact == f.fact && same_kind(o)) {
        let Some(other) = lines.table_at(o.claim.span.start).filter(|t| *t != table) else {
            continue;
        };
        let (s, e) = (o.claim.span.start, o.claim.span.end);
        let text = o.claim.text.clone();
        d = d.related(
            lines.place(o.claim.span).span(s, e),
            t!("{other}印的是{text}", "{other} prints {text}"),
        );
    }
    d
}

/// Every claim recognised in the file's `原文`, with its span in the source
/// and what it is about (for a reviewer's summary and for tests).
pub fn recognised(file: &File, b: &Budget) -> Vec<Claim> {
    let mut out = Vec::new();
    each(file, b, |f, at| {
        let mut c = f.claim.clone();
        c.about = describe(b, &f.fact).0;
        c.span = at.span(c.span.start, c.span.end);
        out.push(c);
    });
    out
}

fn each(file: &File, b: &Budget, mut with: impl FnMut(&Found, &Place)) {
    let declared = facts::declared_vocabulary(b);
    for s in file.stmts.iter().filter(|s| s.keyword() == Some("声明")) {
        let lines = declared::Lines::of(s);
        for f in scan(&lines.text, &declared) {
            with(&f, &lines.place(f.claim.span));
        }
    }
    printed(file, &facts::vocabulary(b), with);
}

/// Every claim of the `原文` texts.
fn printed(file: &File, vocab: &[Word], mut with: impl FnMut(&Found, &Place)) {
    for s in file.stmts.iter().filter(|s| s.keyword() == Some("原文")) {
        for c in s.children() {
            let Some(v) = c.values.get(1) else { continue };
            if let ValueKind::Str(text) = &v.kind {
                let at = Place::of(v, text, 1);
                for f in scan(text, vocab) {
                    with(&f, &at);
                }
            }
        }
    }
}

/// The figure of `fact` a claim is about: the candidate its printed amount
/// (if any) rounds, else the first.
fn figure(b: &Budget, fact: &Fact, f: &Found, printed: Option<&Claim>) -> Option<Money> {
    let all = amounts(b, fact, f.group);
    let printed = printed.and_then(|a| match a.figure {
        Figure::Amount { value, unit } => Some(Money::from_unit(value, unit)),
        _ => None,
    });
    let step = Money::yuan(PRINTED_STEP.into());
    printed
        .and_then(|p| all.iter().copied().find(|m| (*m - p).abs() <= step))
        .or_else(|| all.first().copied())
}

/// The figure a claim is checked against; `None` when the file lacks it (no
/// `上年` figure, no projects listed …).
fn truth(b: &Budget, f: &Found) -> Option<Truth> {
    Some(match &f.claim.figure {
        Figure::Amount { .. } => Truth::Amount(*amounts(b, &f.fact, f.group).first()?),
        Figure::Count(_) => Truth::Count(count(b, &f.fact, f.group)?),
        Figure::Share(_) => {
            let (whole_fact, whole_printed) = f.whole.as_ref()?;
            Truth::Share {
                part: figure(b, &f.fact, f, f.amount.as_ref())?,
                whole: figure(b, whole_fact, f, whole_printed.as_ref())?,
                step: Money::yuan(PRINTED_STEP.into()),
            }
        }
        Figure::Change(_) => Truth::Change {
            now: figure(b, &f.fact, f, f.amount.as_ref())?,
            last: last_year(b, &f.fact)?,
        },
        Figure::Year(_) => Truth::Year(b.year - 1),
    })
}

/// N14 for a claim written in `声明` that nothing in the file can verify.
fn unverifiable(b: &Budget, f: &Found, at: &Place) -> Option<Diagnostic> {
    if matches!(f.claim.figure, Figure::Year(_)) || truth(b, f).is_some() {
        return None;
    }
    let (about, _) = describe(b, &f.fact);
    let what = match f.claim.figure {
        Figure::Change(_) => Text::new(
            "文件“上年”中没有它的上年数",
            "the file's 上年 has no figure for it",
        ),
        _ => Text::new("文件中没有这一事实", "the file does not state this fact"),
    };
    let span = at.span(f.claim.span.start, f.claim.span.end);
    Some(
        Diagnostic::error(
            Code::N14,
            span,
            t!("声明“{}”的“{}”无法核对：{}", about, f.claim.text, what.zh; "the claim `{}` about {} cannot be checked: {}", f.claim.text, about, what.en),
        )
        .label(Text::new("无从核对", "nothing to check it against"))
        .help(Text::new(
            "写上它所依据的事实（上年 { … }、项目 …），或删去这一声明",
            "write the fact it rests on (上年 { … }, the projects …), or remove the claim",
        )),
    )
}

fn verify(b: &Budget, f: &Found, at: &Place) -> Option<Diagnostic> {
    let mut claim = f.claim.clone();
    let (about, rule) = describe(b, &f.fact);
    claim.about = about;
    let (s, e) = (claim.span.start, claim.span.end);
    claim.span = at.span(s, e);
    let truth = truth(b, f)?;
    if let Figure::Amount { .. } = claim.figure {
        // any candidate (computed, stated) that the printed figure rounds
        let holds = amounts(b, &f.fact, f.group)
            .iter()
            .any(|m| crate::model::claim::verify(&claim, &Truth::Amount(*m)).is_ok());
        if holds {
            return None;
        }
    }
    let rule = match &claim.figure {
        Figure::Share(_) => {
            let (w, _) = describe(b, &f.whole.as_ref()?.0);
            t!("{} ÷ {} × 100", claim.about, w; "{} ÷ {} × 100", claim.about, w)
        }
        Figure::Year(_) => Text::new(
            "比较的是上一年度（年度 − 1）",
            "the comparison is with the year before (年度 − 1)",
        ),
        Figure::Change(_) => t!(
            "(本年 − 上年) ÷ 上年 × 100；上年为文件“上年”中的数",
            "(this year − last year) ÷ last year × 100, last year from the file's 上年"
        ),
        _ => rule,
    };
    let d = super::claims::check(Code::N19, &claim, &truth, rule)?;
    let computed = d
        .claim
        .as_ref()
        .map_or(String::new(), |c| c.computed.clone());
    Some(
        d.label(
            t!("{}：应为 {}", claim.about, computed; "{}: should be {}", claim.about, computed),
        ),
    )
}
