//! Last year's file (`上年 文件 "…"`): read and checked through the
//! [`Linker`]; its figures become this year's 上年 figures.
//!
//! * F005: last year's file is another department's; F006: its 年度 is not
//!   this 年度 − 1 (both at the file name, and nothing is taken from it);
//! * F008 (warning): last year's file has errors: nothing is taken from it
//!   (this year's hand-written figures are still checked), one note;
//! * otherwise every key of the `上年` block ([`LastYearKey`]) is last
//!   year's own figure ([`Budget::this_year`] of last year's model): a key
//!   written by hand is a claim, equal within the declared rounding or
//!   F007 (showing both); a key not written is taken from the file;
//! * each 项 line's `上年 X` (预算数) is a claim against last year's line of
//!   the same code (its total; a line last year's budget lacks was 0); once
//!   the file gives any 项 line a last-year figure (so its document prints a
//!   comparison per line, N14), a 项 line without one takes last year's
//!   预算. `上年执行 X` (执行数) is kept: a budget file holds no 执行数.
//!
//! The rules (N1, N7, N14, N15) and the templates then read the figures
//! where hand-written ones are, [`LastYear::figures`] and
//! [`FunctionRow::last_year`].

use crate::check::Options;
use crate::diagnostic::Code;
use crate::diagnostic::{Diagnostic, Span, Text};
use crate::files::Linker;
use crate::model::money::exact;
use crate::model::print::{rounding_bound, FigureKind};
use crate::model::{Basis, Budget, CodeLevel, LastYearKey, Money};
use crate::t;

/// Read and check the file `上年 文件` names, then take its figures.
pub fn link(b: &mut Budget, options: &Options, linker: &mut Linker, diags: &mut Vec<Diagnostic>) {
    let Some(name) = b.last_year.file.clone() else {
        return;
    };
    let id = match linker.check(linker.current(), &name.text, name.span, options) {
        Ok(id) => id,
        Err(d) => {
            diags.push(*d);
            return;
        }
    };
    b.last_year.linked = Some(id);
    let Some(last) = linker.get(id).map(|f| &f.checked) else {
        return;
    };
    let at = name.span;
    let lb = &last.budget;
    // what the file could not state (its 部门 or 年度 lost to an error) is
    // not compared: its errors say so, and F008 below
    let mut refused = false;
    if !lb.department.text.is_empty() && lb.department.text != b.department.text {
        diags.push(other_department(
            at,
            &lb.department.text,
            &b.department.text,
        ));
        refused = true;
    }
    if lb.year != 0 && b.year != 0 && lb.year != b.year - 1 {
        diags.push(wrong_year(at, lb.year, b.year));
        refused = true;
    }
    if last.has_errors() && !refused {
        diags.push(broken(at, last.error_count()));
    }
    if refused || last.has_errors() {
        return;
    }
    totals(b, lb, at, diags);
    lines(b, lb, at, diags);
}

/// The figures of the `上年` block: claims checked, the rest taken.
fn totals(b: &mut Budget, lb: &Budget, at: Span, diags: &mut Vec<Diagnostic>) {
    for key in LastYearKey::ALL {
        let theirs = lb.this_year(key);
        match b.last_year.get(key) {
            Some(written) => {
                let kind = match key {
                    LastYearKey::ThreePublic
                    | LastYearKey::Abroad
                    | LastYearKey::Reception
                    | LastYearKey::VehiclePurchase
                    | LastYearKey::VehicleRunning
                    | LastYearKey::Vehicle
                    | LastYearKey::AdminCost => FigureKind::Summary,
                    _ => FigureKind::Table,
                };
                let bound = rounding_bound(b.step(FigureKind::Narrative), 1)
                    + rounding_bound(lb.step(kind), 1);
                if (written - theirs).abs() > bound {
                    let span = b.last_year.spans.get(&key).copied().unwrap_or(at);
                    diags.push(mismatch(b, span, at, key.word(), written, theirs));
                }
            }
            None => {
                b.last_year.figures.push((key, theirs));
                b.last_year.from_file.push(key);
            }
        }
    }
}

/// Last year's 预算 of each 项 line: its total (cells summed).
fn line_total(lb: &Budget, code: &str) -> Money {
    lb.expenditure
        .rows
        .iter()
        .filter(|r| r.code == code && r.level == CodeLevel::Xiang)
        .flat_map(|r| r.cells.iter().map(|c| c.amount))
        .sum()
}

/// Each 项 line's `上年 X` checked; lines without one filled once any has one.
fn lines(b: &mut Budget, lb: &Budget, at: Span, diags: &mut Vec<Diagnostic>) {
    let per_line = b
        .expenditure
        .rows
        .iter()
        .any(|r| r.level == CodeLevel::Xiang && r.last_year.is_some());
    let step = rounding_bound(b.step(FigureKind::Narrative), 1)
        + rounding_bound(lb.step(FigureKind::Table), 1);
    let mut found = Vec::new();
    for r in b
        .expenditure
        .rows
        .iter_mut()
        .filter(|r| r.level == CodeLevel::Xiang)
    {
        let theirs = line_total(lb, &r.code);
        match (r.last_year, r.facts.basis) {
            (Some(written), Basis::Budget) => {
                if (written - theirs).abs() > step {
                    let span = r.facts.last_year_span.unwrap_or(r.code_span);
                    let key = format!("{} {}", r.code, r.name.text);
                    found.push((span, key, written, theirs));
                }
            }
            (Some(_), Basis::Executed) => {}
            (None, _) if per_line => {
                r.last_year = Some(theirs);
                r.facts.basis = Basis::Budget;
                r.facts.linked = true;
            }
            (None, _) => {}
        }
    }
    for (span, key, written, theirs) in found {
        diags.push(mismatch(b, span, at, &key, written, theirs));
    }
}

fn mismatch(
    b: &Budget,
    span: Span,
    at: Span,
    key: &str,
    written: Money,
    theirs: Money,
) -> Diagnostic {
    let (w, t) = (
        exact(written, b.display_unit),
        exact(theirs, b.display_unit),
    );
    Diagnostic::error(
        Code::F007,
        span,
        t!(
            "{key}的上年数写作 {w}，上年的文件中为 {t}",
            "last year's {key} is written {w}; last year's file has {t}"
        ),
    )
    .label(t!("上年的文件中为 {t}", "last year's file: {t}"))
    .related(at, Text::new("上年的文件", "last year's file"))
    .help(Text::new(
        "改正这里的数字，或改正上年的文件；两者在声明的舍入（舍入 说明）之内才算一致",
        "correct the figure here or in last year's file; they agree only within the declared rounding (舍入 说明)",
    ))
}

fn other_department(at: Span, theirs: &str, ours: &str) -> Diagnostic {
    Diagnostic::error(
        Code::F005,
        at,
        t!(
            "上年的文件是“{theirs}”的，不是“{ours}”的",
            "last year's file is {theirs}'s, not {ours}'s"
        ),
    )
    .label(t!("“{theirs}”的文件", "{theirs}'s file"))
    .help(Text::new(
        "指定本部门上一年度的文件；部门名称须与 部门 完全一致",
        "name this department's file of last year; its 部门 must be written the same",
    ))
}

fn wrong_year(at: Span, theirs: i32, ours: i32) -> Diagnostic {
    let want = ours - 1;
    Diagnostic::error(
        Code::F006,
        at,
        t!(
            "上年的文件是 {theirs} 年度的，应为 {want} 年度",
            "last year's file is of {theirs}, not {want}"
        ),
    )
    .label(t!("{theirs} 年度的文件", "a file of {theirs}"))
    .help(t!("指定 {want} 年度的文件", "name the file of {want}"))
}

fn broken(at: Span, errors: usize) -> Diagnostic {
    Diagnostic::warning(
        Code::F008,
        at,
        t!(
            "上年的文件有 {errors} 个错误：未从中取数，依赖它的比较已跳过",
            "last year's file has {errors} error(s): no figure is taken from it, the comparisons that need one are skipped"
        ),
    )
    .label(Text::new("有错误的上年文件", "last year's file, with errors"))
    .help(Text::new(
        "先改正上年文件中的错误（budget check 列出）",
        "correct last year's file first (budget check lists its errors)",
    ))
}
