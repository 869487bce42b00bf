//! A department's units' own documents: `单位 "…" { 类型 行政; 文件 "units/x.budget" }`.
//!
//! Each file is read and checked through the [`Linker`] (its problems are
//! its own diagnostics; a path refused, a file missing, named twice or in a
//! cycle is one at the name: F001–F004). Then, at the string that names it:
//!
//! * **F011** — the file is not this unit's own document: not `文件类型
//!   单位预算`, another department or year, another unit, or a unit without a
//!   budget of its own (`单列预算 否`) given a file;
//! * **R10** — 部门 = Σ 单位, for what the department's tables print: income
//!   by source, 基本支出 and 项目支出, the 三公 items and total, 机关运行经费.
//!   Checked when every unit with a budget of its own names its file, each
//!   checked without errors (else **F012**, a warning at the unit that
//!   lacks one or whose file has errors, once some unit names a file); the
//!   message shows the department's figure, the sum and each unit's. Figures of a declared rounding (`舍入`, `转录精度`)
//!   may differ by half a step per unit.

use crate::check::Options;
use crate::diagnostic::Code;
use crate::diagnostic::{Diagnostic, Span, Text};
use crate::files::Linker;
use crate::model::money::{exact, Money};
use crate::model::print::{rounding_bound, FigureKind};
use crate::model::*;
use crate::t;

/// N21: a unit written `类型 未写明` (a published document counts its units
/// by kind without naming each one's, so `budget import` cannot tell). A
/// warning at each such unit: the checks that need its kind do not run for
/// it, and the document cannot be built until it is written.
pub fn unstated_kinds(b: &Budget, diags: &mut Vec<Diagnostic>) {
    for u in b.units.iter().filter(|u| u.kind == UnitKind::Unstated) {
        diags.push(
            Diagnostic::warning(
                Code::N21,
                u.name.span,
                t!("单位“{}”的类型未写明：机关运行经费不按单位核对，单位不按类型计数", u.name.text; "the kind of unit `{}` is not stated: 机关运行经费 is not checked by unit, and units are not counted by kind", u.name.text),
            )
            .label(Text::new("类型 未写明", "类型 未写明"))
            .help(Text::new(
                "写明 类型 行政、参公 或 事业（机构设置中的“行政单位 N 家”等可据以核对）；生成文档需要它",
                "write 类型 行政, 参公 or 事业 (the 机构设置's counts by kind can confirm it); building the document needs it",
            )),
        );
    }
}

/// Read and check each unit's file; verify it is that unit's, then the sums.
pub fn link(b: &mut Budget, options: &Options, linker: &mut Linker, diags: &mut Vec<Diagnostic>) {
    for i in 0..b.units.len() {
        let Some(name) = b.units[i].file.clone() else {
            continue;
        };
        match linker.check(linker.current(), &name.text, name.span, options) {
            Ok(id) => {
                let Some(f) = linker.get(id) else { continue };
                match mismatch(b, &b.units[i], &f.checked.budget) {
                    Some(why) => diags.push(not_this_units(&b.units[i], &name, why)),
                    None => b.units[i].linked = Some(id),
                }
            }
            Err(d) => diags.push(*d),
        }
    }
    sums(b, linker, diags);
}

/// Why the unit file `u` is not the unit `decl`'s own document, if it is not.
fn mismatch(b: &Budget, decl: &Unit, u: &Budget) -> Option<Text> {
    if decl.merged {
        return Some(Text::new(
            "这个单位不单列预算（单列预算 否），没有自己的单位预算",
            "this unit has no budget of its own (单列预算 否), so no document of its own",
        ));
    }
    if !u.unit_document {
        return Some(Text::new(
            "它不是单位预算：文件头没有 文件类型 单位预算",
            "it is not a unit's own document: its header has no 文件类型 单位预算",
        ));
    }
    if u.department.text != b.department.text {
        let (a, d) = (&u.department.text, &b.department.text);
        return Some(t!(
            "它是“{a}”的文件，不是“{d}”的",
            "it belongs to `{a}`, not `{d}`"
        ));
    }
    if u.year != b.year {
        let (a, y) = (u.year, b.year);
        return Some(t!(
            "它是 {a} 年的文件，本文件是 {y} 年",
            "it is for {a}, this file for {y}"
        ));
    }
    let own = u.own_unit().map(|x| x.name.text.as_str()).unwrap_or("");
    if own != decl.name.text {
        let n = &decl.name.text;
        return Some(t!(
            "它是单位“{own}”的文件，不是“{n}”的",
            "it is the unit `{own}`'s, not `{n}`'s"
        ));
    }
    // the unit's code, where both files write it
    let theirs = u.own_unit().and_then(|x| x.code.as_deref());
    if let (Some(c), Some(t)) = (decl.code.as_deref(), theirs) {
        if c != t {
            return Some(t!(
                "它的单位编码是 {t}，这里写的是 {c}",
                "its unit code is {t}, here it is {c}"
            ));
        }
    }
    None
}

fn not_this_units(u: &Unit, name: &Named, why: Text) -> Diagnostic {
    Diagnostic::error(
        Code::F011,
        name.span,
        t!("文件 {} 不是单位“{}”的单位预算：{}", name.text, u.name.text, why.zh; "{} is not the unit `{}`'s own document: {}", name.text, u.name.text, why.en),
    )
    .label(Text::new("单位的文件", "the unit's file"))
    .related(u.name.span, Text::new("单位在此声明", "the unit declared here"))
    .help(Text::new(
        "写这个单位自己的文件（文件类型 单位预算，部门、年度与本文件相同，单位名称与声明一致），或改正声明",
        "name the unit's own file (文件类型 单位预算, this file's 部门 and 年度, the unit's name as declared), or correct the declaration",
    ))
}

/// F012: 部门 = Σ 单位 is not checked, and why.
fn not_summed(span: Span, why: Text) -> Diagnostic {
    Diagnostic::warning(
        Code::F012,
        span,
        t!("部门 = Σ 单位 未核对：{}", why.zh; "部门 = Σ 单位 is not checked: {}", why.en),
    )
    .label(Text::new("缺少这个单位的数", "this unit's figures are missing"))
    .help(Text::new(
        "部门与各单位之和只在每个单列预算的单位都有自己的、没有错误的文件时核对：补上文件或改正其中的错误",
        "the department is checked against its units' sum only when every unit with a budget of its own has a file of its own without errors: name it, or correct its errors",
    ))
}

/// One figure the department's tables print and each unit's file gives.
struct Figure {
    what: Text,
    kind: FigureKind,
    span: Span,
    of: Of,
}

#[derive(Clone, Copy)]
enum Of {
    Income(Source),
    Basic,
    Project,
    ThreePublic,
    Abroad,
    Reception,
    VehiclePurchase,
    VehicleRunning,
    AdminCost,
}

impl Of {
    fn get(self, b: &Budget) -> Money {
        let tp = &b.three_public;
        match self {
            Of::Income(s) => b
                .derived
                .income_by_source
                .get(&s)
                .copied()
                .unwrap_or_default(),
            Of::Basic => b.derived.expenditure.basic,
            Of::Project => b.derived.expenditure.project,
            Of::ThreePublic => b.derived.three_public_total,
            Of::Abroad => tp.abroad.total(),
            Of::Reception => tp.reception.total(),
            Of::VehiclePurchase => tp.vehicle_purchase.total(),
            Of::VehicleRunning => tp.vehicle_running.total(),
            Of::AdminCost => b.derived.admin_cost,
        }
    }
}

/// The sources of income the department's tables print.
const INCOME: [Source; 6] = [
    Source::GeneralPublic,
    Source::GovernmentFund,
    Source::StateCapital,
    Source::BusinessIncome,
    Source::OperatingIncome,
    Source::OtherIncome,
];

/// The keyword a block statement starts with.
fn head(span: Span, keyword: &str) -> Span {
    Span::new(span.start, (span.start + keyword.len()).min(span.end))
}

fn figures(b: &Budget) -> Vec<Figure> {
    let fig = |what: Text, kind, span, of| Figure {
        what,
        kind,
        span,
        of,
    };
    let mut out = Vec::new();
    if !b.income.sources.is_empty() {
        let whole = head(b.income.span, "收入");
        for s in INCOME {
            let span = b.income.spans.get(&s).copied().unwrap_or(whole);
            let what = t!("收入 {}", s.name_zh(); "income from {}", s.name_en());
            out.push(fig(what, FigureKind::Table, span, Of::Income(s)));
        }
    }
    if !b.expenditure.rows.is_empty() {
        let e = &b.expenditure;
        let whole = head(e.span, "支出");
        let basic = e.stated_basic_total.map_or(whole, |s| s.span);
        let project = e.stated_project_total.map_or(whole, |s| s.span);
        out.push(fig(
            Text::new("基本支出", "基本支出 (basic expenditure)"),
            FigureKind::Table,
            basic,
            Of::Basic,
        ));
        out.push(fig(
            Text::new("项目支出", "项目支出 (project expenditure)"),
            FigureKind::Table,
            project,
            Of::Project,
        ));
    }
    let tp = &b.three_public;
    if tp.written {
        let whole = head(tp.span, "三公经费");
        let at = |s: Span| if s.is_empty() { whole } else { s };
        let items = [
            (
                "“三公”经费合计",
                "the 三公 total",
                tp.stated_total.map_or(whole, |s| s.span),
                Of::ThreePublic,
            ),
            (
                "因公出国（境）费",
                "因公出国（境）费",
                at(tp.abroad.span),
                Of::Abroad,
            ),
            (
                "公务接待费",
                "公务接待费",
                at(tp.reception.span),
                Of::Reception,
            ),
            (
                "公务用车购置费",
                "公务用车购置费",
                at(tp.vehicle_purchase.span),
                Of::VehiclePurchase,
            ),
            (
                "公务用车运行维护费",
                "公务用车运行维护费",
                at(tp.vehicle_running.span),
                Of::VehicleRunning,
            ),
        ];
        for (zh, en, span, of) in items {
            out.push(fig(Text::new(zh, en), FigureKind::Summary, span, of));
        }
    }
    let ac = &b.admin_cost;
    if ac.stated.is_some() || !b.economic.is_empty() {
        let span = ac.stated.map_or(head(ac.span, "机关运行经费"), |s| s.span);
        out.push(fig(
            Text::new("机关运行经费", "机关运行经费"),
            FigureKind::Summary,
            span,
            Of::AdminCost,
        ));
    }
    out
}

/// R10: 部门 = Σ 单位 for each figure, when every unit with a budget of its
/// own has its file, checked without errors.
fn sums(b: &Budget, linker: &Linker, diags: &mut Vec<Diagnostic>) {
    let separate: Vec<&Unit> = b.units.iter().filter(|u| !u.merged).collect();
    if separate.is_empty() || b.unit_document {
        return;
    }
    if !separate.iter().any(|u| u.file.is_some()) {
        return; // a department without its units' files: nothing to add up
    }
    let mut files: Vec<(&Unit, &Budget)> = Vec::new();
    let mut unchecked = false;
    for u in &separate {
        let n = &u.name.text;
        let Some(name) = &u.file else {
            let why = t!(
                "单位“{n}”没有自己的文件（文件 \"…\"）",
                "the unit `{n}` names no file of its own (文件 \"…\")"
            );
            diags.push(not_summed(u.name.span, why));
            unchecked = true;
            continue;
        };
        match u.linked.and_then(|id| linker.get(id)) {
            // refused or not the unit's: its error is at the name
            None => unchecked = true,
            Some(f) if f.checked.has_errors() => {
                let why = t!(
                    "单位“{n}”的文件有错误（在该文件中报告）",
                    "the unit `{n}`'s file has errors (reported in it)"
                );
                diags.push(not_summed(name.span, why));
                unchecked = true;
            }
            Some(f) => files.push((u, &f.checked.budget)),
        }
    }
    if unchecked {
        return;
    }
    for fig in figures(b) {
        let dept = fig.of.get(b);
        let each: Vec<Money> = files.iter().map(|(_, u)| fig.of.get(u)).collect();
        let sum: Money = each.iter().copied().sum();
        let step = files
            .iter()
            .filter_map(|(_, u)| u.step(fig.kind))
            .chain(b.step(fig.kind))
            .max();
        if (dept - sum).abs() <= rounding_bound(step, files.len() + 1) {
            continue;
        }
        let m = |x: Money| exact(x, b.display_unit);
        let (d, s) = (m(dept), m(sum));
        let parts: Vec<String> = files
            .iter()
            .zip(&each)
            .map(|((u, _), x)| format!("{} {}", u.name.text, m(*x)))
            .collect();
        let list = parts.join("，");
        let mut diag = Diagnostic::error(
            Code::R10,
            fig.span,
            t!("部门的{}为 {d}，各单位之和为 {s}（{list}）", fig.what.zh; "the department's {} is {d}, its units' sum {s} ({list})", fig.what.en),
        )
        .label(t!("部门的数：{d}", "the department's figure: {d}"))
        .help(Text::new(
            "部门预算是各单位预算之和：核对部门的数或各单位文件中的数",
            "a department's budget is the sum of its units': check the department's figure or the units' files",
        ));
        for (u, _) in &files {
            if let Some(f) = &u.file {
                diag = diag.related(
                    f.span,
                    t!("单位“{}”的文件", u.name.text; "the unit `{}`'s file", u.name.text),
                );
            }
        }
        diags.push(diag);
    }
}
