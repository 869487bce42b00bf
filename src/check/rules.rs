//! Arithmetic (R), cross-table (X) and narrative (N) rules over the model.
//!
//! A stated total is compared with the exact sum of its parts. When the file
//! declares `转录精度`, a difference within the parts' rounding (n × half a
//! step) is a rounding residual: a warning that gives both numbers.

use super::derive::computed_admin_cost;
use crate::diagnostic::{Code, Diagnostic, Severity, Span, Text};
use crate::model::money::exact;
use crate::model::print::{rounding_bound, FigureKind};
use crate::model::*;
use crate::t;
use std::collections::BTreeMap;
/// The kinds of a figure stated in a table and of its parts in the tables.
const TABLES: (FigureKind, FigureKind) = (FigureKind::Table, FigureKind::Table);

pub struct Ctx<'a> {
    pub b: &'a Budget,
    pub diags: &'a mut Vec<Diagnostic>,
}

impl Ctx<'_> {
    pub fn money(&self, m: Money) -> String {
        exact(m, self.b.display_unit)
    }

    /// Compare a stated total with the sum of its `parts` parts (figures of
    /// the main tables).
    pub fn verify(
        &mut self,
        code: Code,
        stated: &Stated,
        computed: Money,
        parts: usize,
        what: Text,
        related: &[(Span, Text)],
    ) {
        self.verify_kinds(code, stated, computed, parts, TABLES, what, related);
    }

    /// [`Ctx::verify`] for a stated figure of one kind against parts of
    /// another (`kinds`: the stated figure's, the parts'). A figure that is
    /// its exact counterpart correctly rounded (within half its declared
    /// step) is no finding at all.
    #[allow(clippy::too_many_arguments)]
    pub fn verify_kinds(
        &mut self,
        code: Code,
        stated: &Stated,
        computed: Money,
        parts: usize,
        kinds: (FigureKind, FigureKind),
        what: Text,
        related: &[(Span, Text)],
    ) {
        if self.agrees(stated, computed, kinds) {
            return;
        }
        let diff = stated.amount - computed;
        let parts = parts.max(1);
        let (severity, within, bound) = self.tolerance_kinds(diff, parts, kinds);
        let (s, c, dd, bd) = (
            self.money(stated.amount),
            self.money(computed),
            self.money(diff.abs()),
            self.money(bound),
        );
        let declared = self.b.step(kinds.0).is_some() || self.b.step(kinds.1).is_some();
        let message = if within && declared {
            t!("{}声明为 {s}，明细合计为 {c}，相差 {dd}：在 {parts} 项明细的舍入范围（±{bd}）之内，是舍入尾差", what.zh; "{} is stated as {s} but its parts add up to {c}, a difference of {dd}: within the rounding of {parts} parts (±{bd}), a rounding residual", what.en)
        } else if within {
            t!("{}声明为 {s}，明细合计为 {c}，相差 {dd}（在 {parts} 项明细的舍入范围 ±{bd} 之内，但本文件未声明转录精度，金额按精确值核对）", what.zh; "{} is stated as {s} but its parts add up to {c}, a difference of {dd} (within the rounding of {parts} parts, ±{bd}, but the file declares no 转录精度, so amounts are exact)", what.en)
        } else {
            t!("{}声明为 {s}，明细合计为 {c}，相差 {dd}，超出舍入范围（±{bd}）：合计与明细不符", what.zh; "{} is stated as {s} but its parts add up to {c}, a difference of {dd}, beyond rounding (±{bd}): the total does not match its parts", what.en)
        };
        let help = if within && declared {
            t!(
                "若有精确金额，把明细写成精确值即可消除尾差；否则这是转录表格时的正常舍入",
                "with the exact amounts written the residual disappears; otherwise it is the normal rounding of a transcribed table"
            )
        } else if within {
            t!(
                "若本文件的数字抄自四舍五入后的表格，请在文件开头声明 `转录精度 0.01`；否则把声明值改为 {c}",
                "if the figures are copied from a rounded table, declare `转录精度 0.01` at the top; otherwise change the stated value to {c}"
            )
        } else {
            t!(
                "把声明值改为 {c}，或核对明细中的金额",
                "change the stated value to {c}, or check the parts"
            )
        };
        let mut d = Diagnostic::new(code, severity, stated.span, message)
            .label(t!("合计在此声明：{s}", "the total is stated here: {s}"))
            .help(help)
            .fix(
                stated.span,
                crate::model::money::plain(computed, self.b.display_unit),
            );
        for (span, text) in related {
            d = d.related(*span, text.clone());
        }
        self.diags.push(d);
    }

    /// How a difference `diff` over `parts` rounded parts of the main tables
    /// is judged: the severity, whether it is within rounding (n × half a
    /// step), and the bound. Within rounding is a warning only when the file
    /// declares 转录精度.
    pub fn tolerance(&self, diff: Money, parts: usize) -> (Severity, bool, Money) {
        self.tolerance_kinds(diff, parts, (FigureKind::Table, FigureKind::Table))
    }

    /// [`Ctx::tolerance`] for a figure of kind `kinds.0` against `parts`
    /// figures of kind `kinds.1`: half the figure's step (when the kinds
    /// differ) plus n × half the parts' step.
    pub fn tolerance_kinds(
        &self,
        diff: Money,
        parts: usize,
        kinds: (FigureKind, FigureKind),
    ) -> (Severity, bool, Money) {
        let parts = parts.max(1);
        let own = self.b.step(kinds.0).filter(|_| kinds.0 != kinds.1);
        if own.is_none() && self.b.step(kinds.1).is_none() {
            let bound = rounding_bound(Some(self.b.display_unit.display_step()), parts);
            return (Severity::Error, diff.abs() <= bound, bound);
        }
        let bound = self.slack(parts, kinds);
        let within = diff.abs() <= bound;
        let severity = if within {
            Severity::Warning
        } else {
            Severity::Error
        };
        (severity, within, bound)
    }

    /// How far a figure of kind `kinds.0` may be from `parts` figures of kind
    /// `kinds.1` by their declared rounding alone (zero when none is declared).
    pub fn slack(&self, parts: usize, kinds: (FigureKind, FigureKind)) -> Money {
        let own = self.b.step(kinds.0).filter(|_| kinds.0 != kinds.1);
        rounding_bound(own, 1) + rounding_bound(self.b.step(kinds.1), parts)
    }

    /// A stated figure that [`Ctx::verify_kinds`] finds nothing in: equal
    /// to its parts' sum, or that sum correctly rounded (a caller may skip
    /// building the texts of a finding).
    pub fn agrees(
        &self,
        stated: &Stated,
        computed: Money,
        kinds: (FigureKind, FigureKind),
    ) -> bool {
        let diff = stated.amount - computed;
        diff.is_zero() || self.rounded_from(diff, kinds)
    }

    /// `diff` between a figure of kind `kinds.0` and an exact counterpart of
    /// another kind is only the figure's declared rounding (half a step).
    pub fn rounded_from(&self, diff: Money, kinds: (FigureKind, FigureKind)) -> bool {
        kinds.0 != kinds.1
            && self.b.step(kinds.1).is_none()
            && self.b.step(kinds.0).is_some()
            && diff.abs() <= rounding_bound(self.b.step(kinds.0), 1)
    }

    /// None of these top-level statements lost a part to an error.
    pub fn complete(&self, sections: &[Section]) -> bool {
        self.b.incomplete.none_of(sections)
    }

    fn push(&mut self, d: Diagnostic) {
        self.diags.push(d);
    }
}

fn parts_here() -> Text {
    Text::new("明细在此", "the parts are here")
}

pub fn check(b: &Budget, diags: &mut Vec<Diagnostic>) {
    let mut cx = Ctx { b, diags };
    income(&mut cx);
    expenditure(&mut cx);
    balance(&mut cx);
    economic(&mut cx);
    three_public(&mut cx);
    admin(&mut cx);
    projects(&mut cx);
    narrative(&mut cx);
}

fn income(cx: &mut Ctx) {
    if !cx.complete(&[Section::Income]) {
        return;
    }
    let b = cx.b;
    let d = &b.derived;
    let rel = [(b.income.span, parts_here())];
    if let Some(s) = &b.income.stated_current_total {
        cx.verify(
            Code::R2,
            s,
            d.income_current,
            b.income.sources.len(),
            Text::new("本年收入合计", "本年收入合计 (income this year)"),
            &rel,
        );
    }
    if let Some(s) = &b.income.stated_fiscal {
        let fiscal: Money = b
            .income
            .sources
            .iter()
            .filter(|(src, _)| src.is_fiscal())
            .map(|(_, m)| *m)
            .sum();
        let parts = b
            .income
            .sources
            .iter()
            .filter(|(src, _)| src.is_fiscal())
            .count();
        cx.verify(
            Code::R1,
            s,
            fiscal,
            parts,
            Text::new(
                "财政拨款收入（一般公共预算、政府性基金预算、国有资本经营预算之和）",
                "财政拨款收入 (the three budgets' appropriations)",
            ),
            &rel,
        );
    }
    if let Some(s) = &b.income.stated_total {
        cx.verify(
            Code::R1,
            s,
            d.income_total,
            b.income.sources.len() + b.income.carryover.len(),
            Text::new("收入总计", "收入总计 (total income)"),
            &rel,
        );
    }
}

/// R5 on a 类 or 款 line's stated 基本 and 项目 (`基本 X 项目 Y`, as 表3 and
/// 表5 print the line): each against the sum of its 项.
fn subtotals(cx: &mut Ctx, e: &Expenditure, r: &FunctionRow, n: &FunctionNode) {
    let level = match r.level {
        CodeLevel::Lei => "类",
        CodeLevel::Kuan => "款",
        CodeLevel::Xiang => return,
    };
    let related: Vec<(Span, Text)> = e
        .rows
        .iter()
        .filter(|x| x.level == CodeLevel::Xiang && x.code.starts_with(r.code.as_str()))
        .take(4)
        .map(|x| (x.span, t!("明细 {}", x.code; "part {}", x.code)))
        .collect();
    for (stated, figure, zh, en) in [
        (&r.stated_basic, n.figures.basic, "基本支出", "基本支出"),
        (&r.stated_project, n.figures.project, "项目支出", "项目支出"),
    ] {
        if let Some(s) = stated {
            let what = t!("{level} {} {} 的{zh}", r.code, r.name.text; "the {en} of {level} {} {}", r.code, r.name.text);
            cx.verify(Code::R5, s, figure, n.figures.parts, what, &related);
        }
    }
}

/// R6 on a line's stated 基本支出 split (`人员 X 公用 Y`, as a unit's 表1
/// prints a class): 人员 + 公用 = the line's 基本, reported at 公用 (its fix:
/// 基本 − 人员). With one of them written, the other is the rest, and the
/// one written must not exceed the 基本.
fn basic_split(cx: &mut Ctx, r: &FunctionRow, n: &FunctionNode) {
    let basic = n.figures.basic;
    let (stated, computed, what) = match (r.facts.personnel, r.facts.public) {
        (Some(p), Some(q)) => (
            q,
            basic - p.amount,
            t!("{} {} 的公用经费（基本支出 {} 减人员经费 {}）", r.code, r.name.text, cx.money(basic), cx.money(p.amount);
               "the 公用经费 of {} {} (基本 {} less 人员经费 {})", r.code, r.name.text, cx.money(basic), cx.money(p.amount)),
        ),
        (Some(one), None) | (None, Some(one)) if one.amount > basic => (
            one,
            basic,
            t!("{} {} 的人员经费或公用经费（不超过基本支出）", r.code, r.name.text; "the 人员经费 or 公用经费 of {} {} (at most its 基本)", r.code, r.name.text),
        ),
        _ => return,
    };
    cx.verify(
        Code::R6,
        &stated,
        computed,
        n.figures.parts,
        what,
        &[(
            r.span,
            Text::new("这一行的基本支出", "this line's basic expenditure"),
        )],
    );
}

fn expenditure(cx: &mut Ctx) {
    if !cx.complete(&[Section::Expenditure]) {
        return;
    }
    let b = cx.b;
    let e = &b.expenditure;
    let nodes: BTreeMap<&str, &FunctionNode> = b
        .derived
        .functions
        .iter()
        .map(|n| (n.code.as_str(), n))
        .collect();
    let mut seen: BTreeMap<&str, Span> = BTreeMap::new();
    for r in &e.rows {
        if let Some(prev) = seen.get(r.code.as_str()) {
            cx.push(
                Diagnostic::error(
                    Code::L007,
                    r.code_span,
                    t!("科目 {} 重复出现", r.code; "the code {} is written twice", r.code),
                )
                .label(Text::new("重复的科目", "repeated code"))
                .related(*prev, Text::new("第一次出现在此", "first written here"))
                .help(Text::new(
                    "把两行的金额合并到一行",
                    "merge the two lines into one",
                )),
            );
            continue;
        }
        seen.insert(&r.code, r.code_span);
        if let Some(n) = nodes.get(r.code.as_str()) {
            basic_split(cx, r, n);
            subtotals(cx, e, r, n);
        }
        let Some(stated) = &r.stated_total else {
            continue;
        };
        let Some(n) = nodes.get(r.code.as_str()) else {
            continue;
        };
        let (code, what) = match r.level {
            CodeLevel::Xiang => (
                Code::R6,
                t!("{} {} 的合计", r.code, r.name.text; "the total of {} {}", r.code, r.name.text),
            ),
            CodeLevel::Kuan => (
                Code::R5,
                t!("款 {} {} 的合计", r.code, r.name.text; "the total of 款 {} {}", r.code, r.name.text),
            ),
            CodeLevel::Lei => (
                Code::R5,
                t!("类 {} {} 的合计", r.code, r.name.text; "the total of 类 {} {}", r.code, r.name.text),
            ),
        };
        let related: Vec<(Span, Text)> = e
            .rows
            .iter()
            .filter(|x| {
                x.level == CodeLevel::Xiang
                    && x.code.starts_with(r.code.as_str())
                    && x.code != r.code
            })
            .take(4)
            .map(|x| (x.span, t!("明细 {}", x.code; "part {}", x.code)))
            .collect();
        cx.verify(
            code,
            stated,
            n.figures.total,
            n.figures.parts,
            what,
            &related,
        );
    }
    expenditure_totals(cx);
}

/// R5 on the expenditure table's stated totals (本年支出合计, 基本支出合计,
/// 项目支出合计, 支出总计).
fn expenditure_totals(cx: &mut Ctx) {
    let b = cx.b;
    let e = &b.expenditure;
    let f = &b.derived.expenditure;
    let rel = [(e.span, parts_here())];
    if let Some(s) = &e.stated_current_total {
        cx.verify(
            Code::R5,
            s,
            f.total,
            f.parts,
            Text::new("本年支出合计", "本年支出合计 (expenditure this year)"),
            &rel,
        );
    }
    if let Some(s) = &e.stated_basic_total {
        let n = e
            .rows
            .iter()
            .flat_map(|r| &r.cells)
            .filter(|c| c.direction == Direction::Basic)
            .count();
        cx.verify(
            Code::R6,
            s,
            f.basic,
            n,
            Text::new("基本支出合计", "基本支出合计 (basic expenditure)"),
            &rel,
        );
    }
    if let Some(s) = &e.stated_project_total {
        let n = e
            .rows
            .iter()
            .flat_map(|r| &r.cells)
            .filter(|c| c.direction == Direction::Project)
            .count();
        cx.verify(
            Code::R6,
            s,
            f.project,
            n,
            Text::new("项目支出合计", "项目支出合计 (project expenditure)"),
            &rel,
        );
    }
    if let Some(s) = &e.stated_total {
        cx.verify(
            Code::R1,
            s,
            b.derived.expenditure_total,
            f.parts + 1,
            Text::new("支出总计", "支出总计 (total expenditure)"),
            &rel,
        );
    }
}

/// R1: 收入总计 = 支出总计; X4: by source.
fn balance(cx: &mut Ctx) {
    if !cx.complete(&[Section::Income, Section::Expenditure]) {
        return;
    }
    let b = cx.b;
    let d = &b.derived;
    if b.income.sources.is_empty() && b.expenditure.rows.is_empty() {
        return;
    }
    let inc_span = b
        .income
        .stated_total
        .map(|s| s.span)
        .unwrap_or(b.income.span);
    let exp_span = b
        .expenditure
        .stated_total
        .map(|s| s.span)
        .unwrap_or(b.expenditure.span);
    if d.income_total != d.expenditure_total {
        let (i, e) = (cx.money(d.income_total), cx.money(d.expenditure_total));
        let diff = cx.money((d.income_total - d.expenditure_total).abs());
        cx.push(
            Diagnostic::error(
                Code::R1,
                inc_span,
                t!(
                    "收入总计 {i} 与支出总计 {e} 不相等，相差 {diff}",
                    "total income {i} does not equal total expenditure {e}: a difference of {diff}"
                ),
            )
            .label(t!("收入总计 {i}", "total income {i}"))
            .related(exp_span, t!("支出总计 {e}", "total expenditure {e}"))
            .help(Text::new(
                "收入（含上年结转）必须全部安排为支出（含年终结转）：核对收入各来源与支出各科目的金额",
                "all income (with carry-over) must be spent or carried forward: check the sources against the expenditure lines",
            )),
        );
        return;
    }
    if !b.expenditure.year_end_carryover.is_zero() {
        return;
    }
    for s in Source::ALL {
        let inc = d.income_by_source.get(&s).copied().unwrap_or_default();
        let exp = d
            .expenditure
            .current_by_source
            .get(&s)
            .copied()
            .unwrap_or_default();
        if inc != exp {
            let span = b.income.spans.get(&s).copied().unwrap_or(b.income.span);
            let (i, e) = (cx.money(inc), cx.money(exp));
            let d = cx.money((inc - exp).abs());
            let help = if inc > exp {
                t!("支出中按“{0}”安排的比收入少 {d}：在由它支付的支出栏目上写明来源，例如 基本 {0} {d}（未写来源的栏目算作一般公共预算）", s.name_zh(); "{d} less is spent from {0} than received: write the source on the cells it pays for, e.g. 基本 {0} {d} (a cell without a source is 一般公共预算)", s.name_zh())
            } else {
                t!("支出中按“{0}”安排的比收入多 {d}：其中有的栏目来自其他来源，请在这些栏目上写明来源（未写来源的栏目算作一般公共预算）", s.name_zh(); "{d} more is spent from {0} than received: some cells are paid from another source; write it on them (a cell without a source is 一般公共预算)", s.name_zh())
            };
            cx.push(
                Diagnostic::error(
                    Code::X4,
                    span,
                    t!("{}收入 {i} 与按该来源安排的当年支出 {e} 不相等", s.name_zh(); "{} income {i} does not equal this year's expenditure from that source, {e}", s.name_en()),
                )
                .label(t!("收入 {i}", "income {i}"))
                .related(b.expenditure.span, t!("支出中该来源合计 {e}", "expenditure from this source: {e}"))
                .help(help),
            );
        }
    }
}

fn economic(cx: &mut Ctx) {
    if !cx.complete(&[Section::Economic, Section::Expenditure]) {
        return;
    }
    let b = cx.b;
    for blk in &b.economic {
        // R8: a 类 line's stated total against its 款 in this block.
        for r in blk.rows.iter().filter(|r| r.level == CodeLevel::Lei) {
            let Some(s) = &r.stated_total else { continue };
            let kids: Vec<&EconomicRow> = blk
                .rows
                .iter()
                .filter(|x| x.level == CodeLevel::Kuan && x.code.starts_with(r.code.as_str()))
                .collect();
            let sum: Money = kids.iter().map(|x| x.personnel + x.public).sum();
            // (the texts of a finding only for a figure that needs one)
            if cx.agrees(s, sum, TABLES) {
                continue;
            }
            let related: Vec<(Span, Text)> = kids
                .iter()
                .take(4)
                .map(|x| (x.span, t!("明细 {}", x.name.text; "part {}", x.name.text)))
                .collect();
            cx.verify(
                Code::R8,
                s,
                sum,
                kids.len(),
                t!("经济分类 {} {} 的合计", r.code, r.name.text; "the total of economic class {} {}", r.code, r.name.text),
                &related,
            );
        }
        for r in blk.rows.iter().filter(|r| r.level == CodeLevel::Kuan) {
            let Some(s) = &r.stated_total else { continue };
            if !cx.agrees(s, r.personnel + r.public, TABLES) {
                cx.verify(
                    Code::R8,
                    s,
                    r.personnel + r.public,
                    2,
                    t!("{} {} 的合计", r.code, r.name.text; "the total of {} {}", r.code, r.name.text),
                    &[(r.span, parts_here())],
                );
            }
        }
        let kuan: Vec<&EconomicRow> = blk
            .rows
            .iter()
            .filter(|r| r.level == CodeLevel::Kuan)
            .collect();
        let personnel: Money = kuan.iter().map(|r| r.personnel).sum();
        let public: Money = kuan.iter().map(|r| r.public).sum();
        let rel = [(blk.span, parts_here())];
        let np = kuan.iter().filter(|r| !r.personnel.is_zero()).count();
        let nq = kuan.iter().filter(|r| !r.public.is_zero()).count();
        if let Some(s) = &blk.stated_total {
            cx.verify(
                Code::R8,
                s,
                personnel + public,
                kuan.len(),
                Text::new("基本支出经济分类合计", "the economic table's total"),
                &rel,
            );
        }
        if let Some(s) = &blk.stated_personnel {
            cx.verify(
                Code::R8,
                s,
                personnel,
                np,
                Text::new("人员经费合计", "人员经费 (personnel) total"),
                &rel,
            );
        }
        if let Some(s) = &blk.stated_public {
            cx.verify(
                Code::R8,
                s,
                public,
                nq,
                Text::new("公用经费合计", "公用经费 (public) total"),
                &rel,
            );
        }
        if let Some(u) = &blk.unit {
            if !b.units.iter().any(|x| x.name.text == *u) {
                unknown_unit(cx, u, blk.span);
            }
        }
    }
    x5(cx);
}

/// X5: the economic table = the 一般公共预算 当年 基本支出 of the expenditure table.
fn x5(cx: &mut Ctx) {
    let b = cx.b;
    if b.economic.is_empty() {
        return;
    }
    let exp = b
        .derived
        .expenditure
        .basic_by_source
        .get(&Source::GeneralPublic)
        .copied()
        .unwrap_or_default();
    let (econ, span, parts) = match (
        b.economic.len(),
        b.economic.first().and_then(|x| x.stated_total),
    ) {
        (1, Some(s)) => (s.amount, s.span, 1),
        _ => (
            b.derived.economic_total,
            b.economic.first().map(|x| x.span).unwrap_or_default(),
            b.economic.iter().map(|x| x.rows.len()).sum(),
        ),
    };
    let n_exp = b
        .expenditure
        .rows
        .iter()
        .flat_map(|r| &r.cells)
        .filter(|c| {
            c.direction == Direction::Basic && c.source == Source::GeneralPublic && !c.carryover
        })
        .count();
    if econ != exp {
        let diff = econ - exp;
        let (severity, within, bound) = cx.tolerance(diff, parts + n_exp);
        let residual = within && b.transcription_step.is_some();
        let (e, x, dd, bd) = (
            cx.money(econ),
            cx.money(exp),
            cx.money(diff.abs()),
            cx.money(bound),
        );
        let message = if residual {
            t!("基本支出经济分类表合计 {e}，支出表中一般公共预算当年基本支出 {x}，相差 {dd}：在舍入范围（±{bd}）之内，是舍入尾差", "the economic table's total {e} and the general-budget basic expenditure of the expenditure table, {x}, differ by {dd}: within rounding (±{bd}), a rounding residual")
        } else {
            t!("基本支出经济分类表合计 {e}，与支出表中一般公共预算当年基本支出 {x} 不相等，相差 {dd}", "the economic table's total {e} does not equal the general-budget basic expenditure of the expenditure table, {x}: a difference of {dd}")
        };
        let help = if residual {
            t!(
                "若有精确金额，把明细写成精确值即可消除尾差；否则这是转录表格时的正常舍入",
                "with the exact amounts written the residual disappears; otherwise it is the normal rounding of a transcribed table"
            )
        } else if within {
            t!("若本文件的数字抄自四舍五入后的表格，请在文件开头声明 `转录精度 0.01`；否则使经济分类表合计为 {x}", "if the figures are copied from a rounded table, declare `转录精度 0.01` at the top; otherwise make the economic table add up to {x}")
        } else {
            t!("两张表列的是同一笔基本支出：核对经济分类明细（合计应为 {x}），或改正支出表中的基本支出", "both tables show the same basic expenditure: check the economic lines (they must add up to {x}), or correct the expenditure table")
        };
        cx.push(
            Diagnostic::new(Code::X5, severity, span, message)
                .label(t!("经济分类表合计 {e}", "economic table total {e}"))
                .related(
                    b.expenditure.span,
                    t!(
                        "一般公共预算当年基本支出 {x}",
                        "general-budget basic expenditure {x}"
                    ),
                )
                .help(help),
        );
    }
}

fn unknown_unit(cx: &mut Ctx, name: &str, span: Span) {
    let names: Vec<&str> = cx.b.units.iter().map(|u| u.name.text.as_str()).collect();
    cx.push(
        Diagnostic::error(
            Code::L010,
            span,
            t!("没有声明名为“{name}”的单位", "no unit named `{name}` is declared"),
        )
        .label(Text::new("未声明的单位", "undeclared unit"))
        .help(if names.is_empty() {
            t!("先声明 单位 \"{name}\" {{ 类型 行政 }}", "declare 单位 \"{name}\" {{ 类型 行政 }} first")
        } else {
            t!("已声明的单位：{}；或新增 单位 \"{name}\" {{ … }}", names.join("、"); "declared units: {}; or add 单位 \"{name}\" {{ … }}", names.join(", "))
        }),
    );
}

fn three_public(cx: &mut Ctx) {
    if !cx.complete(&[Section::ThreePublic, Section::Economic]) {
        return;
    }
    let b = cx.b;
    let tp = &b.three_public;
    if !tp.written {
        return;
    }
    if let Some(s) = &tp.stated_vehicle_total {
        cx.verify_kinds(
            Code::R9,
            s,
            b.derived.vehicle_total,
            2,
            (FigureKind::Summary, FigureKind::Summary),
            Text::new("公务用车购置及运行费", "公务用车购置及运行费 (vehicles)"),
            &[
                (tp.vehicle_purchase.span, Text::new("购置费", "purchase")),
                (
                    tp.vehicle_running.span,
                    Text::new("运行维护费", "running costs"),
                ),
            ],
        );
    }
    if let Some(s) = &tp.stated_total {
        cx.verify_kinds(
            Code::R9,
            s,
            b.derived.three_public_total,
            4,
            (FigureKind::Summary, FigureKind::Summary),
            Text::new("“三公”经费合计", "the 三公 total"),
            &[(tp.span, parts_here())],
        );
    }
    // X8: a 三公 item covers at least its economic line.
    let econ = |codes: &[&str]| -> (Money, Option<Span>) {
        let mut sum = Money::ZERO;
        let mut span = None;
        for blk in &b.economic {
            for r in &blk.rows {
                if codes.contains(&r.code.as_str()) {
                    sum += r.personnel + r.public;
                    span.get_or_insert(r.span);
                }
            }
        }
        (sum, span)
    };
    // the items and their economic lines are the profile's rules data
    let covers = crate::profiles::of(b).map(|p| p.rules().three_public_economic.as_slice());
    for cover in covers.unwrap_or_default() {
        let Some((item, en)) = three_public_item(tp, &cover.item) else {
            continue;
        };
        let zh = cover.item.as_str();
        let codes: Vec<&str> = cover.codes.iter().map(String::as_str).collect();
        let codes = codes.as_slice();
        let (e, espan) = econ(codes);
        let Some(espan) = espan else { continue };
        let own = item.total();
        // 表9 figures may be rounded (舍入 三公表): within half a step is no shortfall
        if own + cx.slack(1, (FigureKind::Summary, FigureKind::Table)) < e {
            let (a, c) = (cx.money(own), cx.money(e));
            cx.push(
                Diagnostic::error(
                    Code::X8,
                    if item.span.is_empty() { tp.span } else { item.span },
                    t!("“三公”经费中的{zh} {a} 小于基本支出经济分类中的 {} {c}", codes.join("/"); "the 三公 {en} {a} is less than the economic line {} {c}", codes.join("/")),
                )
                .label(t!("{zh} {a}", "{en} {a}"))
                .related(espan, t!("经济分类 {c}", "economic line {c}"))
                .help(Text::new(
                    "“三公”经费包含基本支出中的同名经济科目（项目中也可能有），不能小于它：核对两处金额",
                    "a 三公 item includes the basic-expenditure line of the same name (projects may add more), so it cannot be smaller: check both",
                )),
            );
        }
    }
}

fn admin(cx: &mut Ctx) {
    if !cx.complete(&[Section::AdminCost, Section::Economic, Section::Unit]) {
        return;
    }
    let b = cx.b;
    let ac = &b.admin_cost;
    for (n, _) in &ac.by_unit {
        if !b.units.iter().any(|u| u.name.text == n.text) {
            unknown_unit(cx, &n.text, n.span);
        }
    }
    if let (Some(s), false) = (&ac.stated, ac.by_unit.is_empty()) {
        let sum: Money = ac.by_unit.iter().map(|(_, m)| *m).sum();
        cx.verify_kinds(
            Code::R10,
            s,
            sum,
            ac.by_unit.len(),
            (FigureKind::Summary, FigureKind::Summary),
            Text::new("机关运行经费合计", "the 机关运行经费 total"),
            &[(ac.span, parts_here())],
        );
        // the stated total is the computed 公用经费 (X9): the parts are wrong,
        // and writing their sum as the total would only move the error
        let agrees = computed_admin_cost(b)
            .is_some_and(|per| per.iter().map(|(_, m)| *m).sum::<Money>() == s.amount);
        if agrees && sum != s.amount {
            if let Some(d) = cx.diags.iter_mut().rev().find(|d| d.code == Code::R10) {
                d.fix = None;
                d.help = Some(Text::new(
                    "声明的合计等于按单位类型计算的机关运行经费（公用经费）：请核对按单位列出的金额",
                    "the stated total is the 机关运行经费 computed from the units' 公用经费: check the amounts by unit",
                ));
            }
        }
    }
    let stated = ac.stated.map(|s| (s.amount, s.span)).or_else(|| {
        (!ac.by_unit.is_empty()).then(|| (ac.by_unit.iter().map(|(_, m)| *m).sum(), ac.span))
    });
    let Some((amount, span)) = stated else { return };
    match computed_admin_cost(b) {
        Some(per) => {
            let computed: Money = per.iter().map(|(_, m)| *m).sum();
            let slack = cx.slack(1, (FigureKind::Summary, FigureKind::Table));
            if (computed - amount).abs() > slack {
                let (a, c) = (cx.money(amount), cx.money(computed));
                let kinds: Vec<String> = b
                    .units
                    .iter()
                    .map(|u| format!("{}（{}）", u.name.text, u.kind.name_zh()))
                    .collect();
                cx.push(
                    Diagnostic::error(
                        Code::X9,
                        span,
                        t!(
                            "机关运行经费为 {a}，但行政和参公单位的公用经费合计为 {c}",
                            "机关运行经费 is {a}, but the 公用经费 of the 行政 and 参公 units add up to {c}"
                        ),
                    )
                    .label(t!("机关运行经费 {a}", "机关运行经费 {a}"))
                    .help(t!("机关运行经费 = 行政单位和参公单位的公用经费（事业单位没有）。单位：{}。把金额改为 {c}，或核对单位类型", kinds.join("、"); "机关运行经费 = the 公用经费 of 行政 and 参公 units (a 事业 unit has none). Units: {}. Change the amount to {c}, or check the unit kinds", kinds.join(", "))),
                );
            }
        }
        None => {
            let public = b.derived.public;
            let slack = cx.slack(1, (FigureKind::Summary, FigureKind::Table));
            if amount > public + slack && !b.economic.is_empty() {
                let (a, c) = (cx.money(amount), cx.money(public));
                cx.push(
                    Diagnostic::error(
                        Code::X9,
                        span,
                        t!(
                            "机关运行经费 {a} 超过了全部公用经费 {c}",
                            "机关运行经费 {a} exceeds all 公用经费, {c}"
                        ),
                    )
                    .label(t!("机关运行经费 {a}", "机关运行经费 {a}"))
                    .help(Text::new(
                        "机关运行经费是公用经费的一部分：核对金额",
                        "机关运行经费 is part of 公用经费: check the amount",
                    )),
                );
            }
        }
    }
}

fn projects(cx: &mut Ctx) {
    if !cx.complete(&[Section::Project, Section::Expenditure]) {
        return;
    }
    let b = cx.b;
    for p in &b.projects {
        project_parts(cx, p);
    }
    // X6 with `其余项目`: the listed projects and the rest = 项目支出.
    let partial = crate::check::facts::other_projects(cx);
    if b.projects.is_empty() {
        return;
    }
    projects_by_code(cx, partial);
}

/// L008 for what a project lacks: its unit (when there are several), its
/// 类别, its 功能 code, its amount; an unknown unit.
fn project_parts(cx: &mut Ctx, p: &Project) {
    let b = cx.b;
    match &p.unit {
        Some(u) if !b.units.iter().any(|x| x.name.text == u.text) => {
            unknown_unit(cx, &u.text, u.span);
        }
        Some(_) => {}
        None if b.units.len() > 1 => cx.push(
            Diagnostic::error(
                Code::L008,
                p.name.span,
                t!("项目“{}”没有写所属单位", p.name.text; "the project `{}` names no unit", p.name.text),
            )
            .label(Text::new("哪个单位的项目？", "whose project?"))
            .help(Text::new("本部门有多个单位：在项目块中写 单位 \"单位名称\"", "this department has several units: add 单位 \"name\" to the project")),
        ),
        None => {}
    }
    if p.category.is_none() {
        cx.push(
            Diagnostic::error(
                Code::L008,
                p.name.span,
                t!("项目“{}”缺少“类别”", p.name.text; "the project `{}` has no 类别", p.name.text),
            )
            .label(Text::new("此项目", "this project"))
            .help(Text::new(
                "写 类别 其他运转类 或 类别 特定目标类",
                "write 类别 其他运转类 or 类别 特定目标类",
            )),
        );
    }
    if p.function_code.is_none() {
        cx.push(
            Diagnostic::error(Code::L008, p.name.span, t!("项目“{}”缺少“功能”科目", p.name.text; "the project `{}` has no 功能 code", p.name.text))
                .label(Text::new("此项目", "this project"))
                .help(Text::new("写出项目支出所在的 7 位功能科目，例如 功能 2011302", "give the 7-digit function code it is paid under, e.g. 功能 2011302")),
        );
    }
    if p.amounts.is_empty() && p.carryover.is_empty() {
        cx.push(
            Diagnostic::error(
                Code::L008,
                p.name.span,
                t!("项目“{}”没有金额", p.name.text; "the project `{}` has no amount", p.name.text),
            )
            .label(Text::new("此项目", "this project"))
            .help(Text::new(
                "按资金来源写金额，例如 一般公共预算 11.90",
                "give its amount by source, e.g. 一般公共预算 11.90",
            )),
        );
    }
}

/// X6: projects by function code = the 项目 cells of that row. Projects
/// under a code that 支出 lacks are the cause; a line whose project cells
/// miss exactly such a project's amount is its consequence, shown as a label
/// of the cause (with the line's code as the fix), not apart.
fn projects_by_code(cx: &mut Ctx, partial: bool) {
    let b = cx.b;
    let mut by_code: BTreeMap<&str, (Money, Vec<&Project>)> = BTreeMap::new();
    for p in &b.projects {
        if let Some(c) = &p.function_code {
            let e = by_code.entry(c.text.as_str()).or_default();
            e.0 += p.total();
            e.1.push(p);
        }
    }
    let rows: BTreeMap<&str, &FunctionRow> = b
        .expenditure
        .rows
        .iter()
        .filter(|r| r.level == CodeLevel::Xiang)
        .map(|r| (r.code.as_str(), r))
        .collect();
    let orphans: Vec<(&Project, &Named)> = b
        .projects
        .iter()
        .filter_map(|p| p.function_code.as_ref().map(|c| (p, c)))
        .filter(|(_, c)| !rows.contains_key(c.text.as_str()))
        .collect();
    let mut explained: Vec<Option<(&FunctionRow, Money)>> = vec![None; orphans.len()];
    for r in rows.values() {
        let project: Money = r
            .cells
            .iter()
            .filter(|c| c.direction == Direction::Project)
            .map(|c| c.amount)
            .sum();
        let (listed, ps) = by_code.get(r.code.as_str()).cloned().unwrap_or_default();
        // described only in part (`其余项目`): a line may hold more than its
        // listed projects
        if project == listed || (partial && listed < project) {
            continue;
        }
        let cause = orphans
            .iter()
            .enumerate()
            .position(|(i, (p, _))| explained[i].is_none() && p.total() == project - listed);
        if let Some(i) = cause {
            explained[i] = Some((r, project - listed));
            continue;
        }
        let (a, c) = (cx.money(project), cx.money(listed));
        let mut d = Diagnostic::error(
            Code::X6,
            r.span,
            t!("{} {} 的项目支出为 {a}，但列在此科目下的项目合计为 {c}", r.code, r.name.text; "the project expenditure of {} {} is {a}, but the projects listed under this code add up to {c}", r.code, r.name.text),
        )
        .label(t!("项目支出 {a}", "project expenditure {a}"))
        .help(t!("每个项目写明 功能 {}，并使这些项目的金额之和等于该科目的项目支出", r.code; "give each project 功能 {} and make their amounts add up to this line's project expenditure", r.code));
        for p in ps.iter().take(4) {
            d = d.related(
                p.name.span,
                t!("项目 {}", p.name.text; "project {}", p.name.text),
            );
        }
        cx.push(d);
    }
    orphan_projects(cx, &orphans, explained);
}

/// X6 for each project under a code the expenditure table lacks, with the
/// line its amount is missing from when one is.
fn orphan_projects(
    cx: &mut Ctx,
    orphans: &[(&Project, &Named)],
    explained: Vec<Option<(&FunctionRow, Money)>>,
) {
    for ((p, c), why) in orphans.iter().zip(explained) {
        let code = &c.text;
        let mut d = Diagnostic::error(
            Code::X6,
            c.span,
            t!("项目“{}”的功能科目 {code} 不在支出表中", p.name.text; "the project `{}` is paid under {code}, which is not in the expenditure table", p.name.text),
        )
        .label(Text::new("支出表中没有此科目", "not in the expenditure table"));
        d = match why {
            Some((r, short)) => {
                let m = cx.money(short);
                d.related(
                    r.span,
                    t!("因此 {} 的项目支出比列在其下的项目多 {m}：正是这个项目的金额", r.code; "hence {}'s project cells exceed its projects by {m}: this project's amount", r.code),
                )
                .help(t!("改为 功能 {}（支出表中缺少的正是这个项目的金额）", r.code; "write 功能 {} (the expenditure table misses exactly this project's amount there)", r.code))
                .fix(c.span, r.code.clone())
            }
            None => d.help(t!(
                "在 支出 中加上 {code} 这一行（含项目支出），或改正项目的功能科目",
                "add the line {code} with its 项目 cell to 支出, or correct the project's code"
            )),
        };
        cx.push(d);
    }
}

fn narrative(cx: &mut Ctx) {
    if !cx.complete(&[
        Section::LastYear,
        Section::Income,
        Section::Expenditure,
        Section::ThreePublic,
        Section::Procurement,
        Section::PerformanceSummary,
        Section::Project,
        Section::Assets,
    ]) {
        return;
    }
    let b = cx.b;
    let ly = &b.last_year;
    // N1, N7: a figure that changed needs a reason.
    {
        for key in LastYearKey::ALL {
            let code = key.rule();
            let now = b.this_year(key);
            if let Some(last) = ly.get(key) {
                // 上年 is a narrative figure: within half its step it is unchanged
                let slack = cx.slack(1, (FigureKind::Narrative, FigureKind::Narrative));
                let changed = (last - now).abs() > slack;
                if changed && ly.reason_for(key).is_none() {
                    let (a, c) = (cx.money(now), cx.money(last));
                    cx.push(
                        Diagnostic::warning(
                            code,
                            ly.span,
                            t!(
                                "{key}由上年的 {c} 变为 {a}，但没有说明原因",
                                "{key} changed from {c} last year to {a}, with no reason given"
                            ),
                        )
                        .label(Text::new("上年数在此", "last year's figures"))
                        .help(Text::new(
                            "在 上年 块中写 原因 \"…\" 说明增减变动的原因",
                            "add 原因 \"…\" to the 上年 block to explain the change",
                        )),
                    );
                }
            }
        }
    }
    procurement(cx);
    performance_summary(cx);
    vehicles(cx);
}

/// N9: 政府采购 (its kinds add up to its total).
fn procurement(cx: &mut Ctx) {
    let b = cx.b;
    let d = &b.derived;
    // N9: 政府采购.
    if let Some(p) = &b.procurement {
        if let Some(s) = &p.stated_total {
            cx.verify_kinds(
                Code::N9,
                s,
                d.procurement_total,
                3,
                (FigureKind::Narrative, FigureKind::Narrative),
                Text::new("政府采购预算总额", "the procurement total"),
                &[(p.span, parts_here())],
            );
        }
        let total = p
            .stated_total
            .map(|s| s.amount)
            .unwrap_or(d.procurement_total);
        if let Some(sme) = &p.sme_reserved {
            if sme.amount > total {
                let (a, c) = (cx.money(sme.amount), cx.money(total));
                cx.push(
                    Diagnostic::error(
                        Code::N9,
                        sme.span,
                        t!(
                            "面向中小企业预留 {a} 超过政府采购总额 {c}",
                            "the amount reserved for SMEs, {a}, exceeds the procurement total {c}"
                        ),
                    )
                    .label(t!("预留 {a}", "reserved {a}"))
                    .help(Text::new(
                        "预留额是采购总额的一部分：核对金额",
                        "the reserved amount is part of the total: check it",
                    )),
                );
            }
            if let Some(sm) = &p.small_micro_reserved {
                if sm.amount > sme.amount {
                    let (a, c) = (cx.money(sm.amount), cx.money(sme.amount));
                    cx.push(
                        Diagnostic::error(Code::N9, sm.span, t!("预留给小微企业的 {a} 超过面向中小企业预留的 {c}", "the amount reserved for small and micro firms, {a}, exceeds the SME reservation {c}"))
                            .label(t!("小微企业 {a}", "small and micro {a}"))
                            .related(sme.span, t!("中小企业 {c}", "SMEs {c}"))
                            .help(Text::new("小微企业预留是中小企业预留的一部分", "the small/micro reservation is part of the SME reservation")),
                    );
                }
            }
        }
    }
}

/// N10: the performance summary against the projects.
fn performance_summary(cx: &mut Ctx) {
    let b = cx.b;
    let d = &b.derived;
    // N10: the performance summary.
    if let Some(ps) = &b.performance_summary {
        if !b.projects.is_empty() {
            if let Some(n) = ps.projects {
                let listed = b.projects.len() as u64;
                if n != listed {
                    cx.push(
                        Diagnostic::error(Code::N10, ps.span, t!("绩效概况写项目 {n} 个，但文件列出了 {listed} 个项目", "the summary says {n} projects but the file lists {listed}"))
                            .label(t!("{n} 个", "{n} projects"))
                            .help(Text::new("列出了项目时项目数由文件计算：删除 项目数 或改正它", "with projects listed the count is computed: remove 项目数 or correct it")),
                    );
                }
            }
            if let Some(a) = &ps.amount {
                cx.verify_kinds(
                    Code::N10,
                    a,
                    d.projects_total,
                    b.projects.len(),
                    (FigureKind::Narrative, FigureKind::Table),
                    Text::new(
                        "纳入绩效目标管理的项目金额",
                        "the amount of projects under performance targets",
                    ),
                    &[],
                );
            }
        } else if let Some(a) = &ps.amount {
            let slack = cx.slack(1, (FigureKind::Narrative, FigureKind::Table));
            if a.amount > d.expenditure.project + slack {
                let (x, y) = (cx.money(a.amount), cx.money(d.expenditure.project));
                cx.push(
                    Diagnostic::error(Code::N10, a.span, t!("编报绩效目标的项目金额 {x} 超过项目支出总额 {y}", "the amount under performance targets, {x}, exceeds all project expenditure, {y}"))
                        .label(t!("编报绩效目标的金额 {x}", "amount under targets {x}"))
                        .related(b.expenditure.span, t!("项目支出合计 {y}", "project expenditure {y}"))
                        .help(t!("它是项目支出的一部分，不能超过 {y}：改正金额，或在支出表中写上项目支出", "it is part of project expenditure and cannot exceed {y}: correct it, or add the 项目 cells to the expenditure table")),
                );
            }
        }
    }
}

/// N11: vehicles by type add up to the stated number.
fn vehicles(cx: &mut Ctx) {
    let b = cx.b;
    let d = &b.derived;
    // N11: vehicles by type add up to the stated number.
    if let Some(a) = &b.assets {
        if let Some(n) = a.vehicles_stated {
            let span = a.vehicles_stated_span;
            if !a.vehicles.is_empty() && n != d.vehicles_total {
                let sum = d.vehicles_total;
                cx.push(
                    Diagnostic::error(
                        Code::N11,
                        span,
                        t!(
                            "车辆实有 {n} 辆，但按类型合计为 {sum} 辆",
                            "{n} vehicles are stated, but the types add up to {sum}"
                        ),
                    )
                    .label(t!("实有 {n}", "stated {n}"))
                    .related(a.span, parts_here())
                    .help(t!(
                        "把实有数改为 {sum}，或核对各类型车辆数",
                        "change the number to {sum}, or check the counts by type"
                    )),
                );
            }
        }
    }
}

/// A 三公 item by its key in the 三公经费 block, with its English name.
fn three_public_item<'a>(
    tp: &'a ThreePublic,
    key: &str,
) -> Option<(&'a SourcedAmount, &'static str)> {
    Some(match key {
        "因公出国（境）费" => (&tp.abroad, "travel abroad"),
        "公务接待费" => (&tp.reception, "official reception"),
        "公务用车购置费" => (&tp.vehicle_purchase, "vehicle purchase"),
        "公务用车运行维护费" => (&tp.vehicle_running, "vehicle running costs"),
        _ => return None,
    })
}
