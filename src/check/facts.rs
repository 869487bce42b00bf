//! The facts the narrative prints: a fact the document needs and the file
//! lacks is a diagnostic (N14), never a printed 0 or an empty place; a change
//! written as printed (`变动 减少57.14%`) is a claim verified against the
//! figures (N15); and a
//! file that describes only some of its projects states the rest as a total
//! (`其余项目`, verified by X6).

use super::rules::Ctx;
use crate::diagnostic::{Code, Diagnostic, Span, Text};
use crate::model::claim::Truth;
use crate::model::money::Money;
use crate::model::*;
use crate::t;

/// N14: the facts the profile's narrative prints (its `needs`), where the
/// file writes the part they belong to.
pub fn check(b: &Budget, diags: &mut Vec<Diagnostic>) {
    let data = crate::profiles::of(b);
    let needs = data.map(|p| p.needs(b.unit_document)).unwrap_or_default();
    let needs = |k: &str| needs.iter().any(|n| n == k);
    if let Some(ps) = b
        .performance_summary
        .as_ref()
        .filter(|_| needs("绩效概况.单位数"))
    {
        if ps.units.is_none() {
            diags.push(missing(
                head(ps.span, "绩效概况"),
                Text::new("绩效概况缺少“单位数”", "绩效概况 has no 单位数"),
                Text::new(
                    "文件写了 绩效概况，文档要印出“本部门N个预算单位开展了……绩效目标编报工作”",
                    "the document prints “本部门N个预算单位开展了……” from 绩效概况",
                ),
                Text::new(
                    "写上编报绩效目标的预算单位数，例如 单位数 2",
                    "write the number of units that set targets, e.g. 单位数 2",
                ),
            ));
        }
    }
    if let Some(a) = b.assets.as_ref().filter(|_| needs("国有资产.截至")) {
        if a.as_of.is_none() {
            diags.push(missing(
                head(a.span, "国有资产"),
                Text::new("国有资产缺少“截至”日期", "国有资产 has no 截至 date"),
                Text::new(
                    "文档印出“截至……，共有车辆……”",
                    "the document prints “截至…, 共有车辆…”",
                ),
                Text::new(
                    "写上资产数据的截止日期，例如 截至 \"2023年8月31日\"",
                    "write the date of the asset figures, e.g. 截至 \"2023年8月31日\"",
                ),
            ));
        }
    }
    if needs("项.上年") {
        lines_without_last_year(b, diags);
    }
    if needs("类.人员公用") {
        classes_without_split(b, diags);
    }
    change_claims(b, diags);
    wording_choices(b, diags);
    unit_layout(b, diags);
}

/// L005: `文件类型 单位预算` with a profile that has no unit document.
fn unit_layout(b: &Budget, diags: &mut Vec<Diagnostic>) {
    let Some(span) = b.unit_document_span else {
        return;
    };
    let data = crate::profiles::of(b);
    if b.profile.is_empty() || data.is_some_and(|p| p.has_unit_document()) {
        return;
    }
    let word = super::lower::PROFILES
        .iter()
        .find(|(_, id)| *id == b.profile)
        .map_or(b.profile.as_str(), |(w, _)| *w);
    diags.push(
        Diagnostic::error(
            Code::L005,
            span,
            t!("口径 {word} 没有单位预算的版式", "the profile {word} has no layout for a unit's own document"),
        )
        .label(Text::new("此口径不提供单位预算", "this profile offers no unit document"))
        .help(Text::new(
            "去掉 文件类型 单位预算（按部门预算生成），或使用有单位预算版式的口径（上海区级）",
            "drop 文件类型 单位预算 (a department's document), or use a profile with a unit layout (上海区级)",
        )),
    );
}

/// L005: a `措辞` choice the profile's narrative does not offer.
fn wording_choices(b: &Budget, diags: &mut Vec<Diagnostic>) {
    let offered = crate::profiles::of(b)
        .map(|p| p.wording())
        .unwrap_or_default();
    let names: Vec<&str> = offered.iter().map(|o| o.name.as_str()).collect();
    for w in b
        .print
        .wording
        .iter()
        .filter(|w| !names.contains(&w.name.as_str()))
    {
        let help = if names.is_empty() {
            Text::new(
                "此口径的说明没有可选措辞",
                "this profile's narrative offers no wording choices",
            )
        } else {
            t!("此处可写：{}", names.join("、"); "allowed here: {}", names.join(", "))
        };
        let word = &w.name;
        diags.push(
            Diagnostic::error(
                Code::L005,
                w.span,
                t!(
                    "排版 措辞中不能写“{word}”",
                    "`{word}` is not allowed in 排版 措辞"
                ),
            )
            .label(Text::new("无法识别的语句", "statement not understood"))
            .help(help),
        );
    }
}

/// N15: a change as printed (`变动 减少57.14%`) against the one computed
/// from the line's figures, by the one claim checker: the direction, and the
/// percentage half-up at its printed decimals from the exact or from the
/// printed (万元 to 0.01) figures, or the amount in 万元.
fn change_claims(b: &Budget, diags: &mut Vec<Diagnostic>) {
    for r in b
        .expenditure
        .rows
        .iter()
        .filter(|r| r.level == CodeLevel::Xiang)
    {
        let Some(claim) = &r.facts.claim else {
            continue;
        };
        let now: Money = r.cells.iter().map(|c| c.amount).sum();
        let Some(last) = r.last_year else {
            diags.push(
                Diagnostic::error(
                    Code::N15,
                    claim.span,
                    t!("{} 写了变动“{}”，但没有上年数", r.code, claim.text; "{} states the change `{}` but has no last-year figure", r.code, claim.text),
                )
                .label(Text::new("无从计算", "nothing to compute it from"))
                .help(Text::new("在这一行写 上年 X 或 上年执行 X", "write 上年 X or 上年执行 X on this line")),
            );
            continue;
        };
        let rule = Text::new(
            "(本年 − 上年) ÷ 上年 × 100，本年为该项各列之和",
            "(this year − last year) ÷ last year × 100, this year being the line's cells",
        );
        let truth = Truth::Change { now, last };
        if let Some(d) = super::claims::check(Code::N15, claim, &truth, rule) {
            diags.push(d);
        }
    }
}

/// Once a file gives last year's figure on its 项 lines, the document
/// prints a comparison for every 项 line with money: each needs its own.
fn lines_without_last_year(b: &Budget, diags: &mut Vec<Diagnostic>) {
    let xiang = || {
        b.expenditure
            .rows
            .iter()
            .filter(|r| r.level == CodeLevel::Xiang)
    };
    if !xiang().any(|r| r.last_year.is_some()) {
        return;
    }
    let money = |r: &&FunctionRow| r.cells.iter().map(|c| c.amount).sum::<Money>() != Money::ZERO;
    for r in xiang().filter(|r| r.last_year.is_none()).filter(money) {
        diags.push(missing(
            r.code_span,
            t!("{} {} 缺少上年数", r.code, r.name.text; "{} {} has no last-year figure", r.code, r.name.text),
            Text::new(
                "其他项科目写了上年数，文档为每个项科目印出“上年……为X万元，比上年……”",
                "other 项 lines give last year's figure; the document prints the comparison for every 项 line",
            ),
            Text::new(
                "在这一行写 上年 X（上年预算数）或 上年执行 X（上年预算执行数）",
                "write 上年 X (last year's budget) or 上年执行 X (its execution) on this line",
            ),
        ));
    }
}

/// `类.人员公用`: the document prints each class's 基本支出 as 人员经费 and
/// 公用经费 (a Shanghai unit's 表1), so every 类 with 基本支出 states them.
fn classes_without_split(b: &Budget, diags: &mut Vec<Diagnostic>) {
    for n in b
        .derived
        .functions
        .iter()
        .filter(|n| n.level == CodeLevel::Lei)
    {
        if n.figures.basic.is_zero() {
            continue;
        }
        let row = b.expenditure.rows.iter().find(|r| r.code == n.code);
        if row.is_some_and(|r| r.facts.personnel.is_some() || r.facts.public.is_some()) {
            continue;
        }
        let span = row
            .map(|r| r.code_span)
            .unwrap_or_else(|| head(b.expenditure.span, "支出"));
        diags.push(missing(
            span,
            t!("类 {} {} 缺少人员经费、公用经费", n.code, n.name; "类 {} {} has no 人员经费/公用经费", n.code, n.name),
            Text::new(
                "单位预算的财务收支预算总表按类印出基本支出的人员经费和公用经费",
                "the unit's 财务收支预算总表 prints each class's basic expenditure as 人员经费 and 公用经费",
            ),
            t!("在类行上写出，例如 {} {} 合计 … 人员 X 公用 Y", n.code, n.name; "write them on the 类 line, e.g. {} {} 合计 … 人员 X 公用 Y", n.code, n.name),
        ));
    }
}

/// The keyword a block statement starts with.
fn head(span: Span, keyword: &str) -> Span {
    Span::new(span.start, (span.start + keyword.len()).min(span.end))
}

fn missing(span: Span, message: Text, label: Text, help: Text) -> Diagnostic {
    Diagnostic::error(Code::N14, span, message)
        .label(label)
        .help(help)
}

/// X6 for `其余项目`: the projects listed one by one and the rest together
/// make the 项目支出 of the expenditure table. True when the file states the
/// rest (the listed projects then describe the lines only in part).
pub fn other_projects(cx: &mut Ctx) -> bool {
    let b = cx.b;
    let Some(rest) = b.other_projects else {
        return false;
    };
    let listed: Money = b.projects.iter().map(|p| p.total()).sum();
    let project = b.derived.expenditure.project;
    if listed + rest.amount != project {
        let (l, r, p) = (cx.money(listed), cx.money(rest.amount), cx.money(project));
        let e = cx.money(project - listed);
        cx.diags.push(
            Diagnostic::error(
                Code::X6,
                rest.span,
                t!("列出的项目 {l} 加其余项目 {r} 不等于项目支出 {p}", "the listed projects, {l}, and the rest, {r}, do not make the project expenditure {p}"),
            )
            .label(t!("其余项目 {r}", "the rest {r}"))
            .related(b.expenditure.span, t!("项目支出 {p}", "project expenditure {p}"))
            .help(t!("其余项目应为 {e}", "the rest should be {e}")),
        );
    }
    true
}
