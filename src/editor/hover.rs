//! Hover: what the thing under the cursor adds up to.
//!
//! * a 功能分类 code, name, cell or 合计 of a 支出 line: the catalog name, the
//!   computed total of the node with its parts (基本/项目, the 款 or 项 below
//!   it), its share of the department's 本年支出, and last year's figure;
//! * a 经济分类 line: the catalog name, 人员/公用 and the consolidated total;
//! * a stated total anywhere: stated against computed;
//! * a project, a unit, an income source, a section keyword: its figures;
//! * a performance indicator: its level (一级 › 二级 › 三级) and its value
//!   parsed (comparator, number, unit).

use super::{tr, Analysis, Position, Range};
use crate::catalog::{Catalog, CodeKind};
use crate::diagnostic::{Lang, Span};
use crate::model::money::{exact, percent};
use crate::model::*;
use crate::schema::{self, Place};
use crate::syntax::ast::Cmp;

/// A hover: Markdown, and the range it describes.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Hover {
    pub range: Range,
    pub markdown: String,
}

struct Ctx<'a> {
    a: &'a Analysis,
    b: &'a Budget,
    lang: Lang,
    catalog: &'a Catalog,
}

impl Ctx<'_> {
    fn t(&self, zh: impl Into<String>, en: impl Into<String>) -> String {
        tr(self.lang, zh, en)
    }
    fn m(&self, m: Money) -> String {
        exact(m, self.b.display_unit)
    }
    fn share(&self, part: Money, whole: Money, of_zh: &str, of_en: &str) -> Option<String> {
        let p = percent(part, whole)?;
        Some(self.t(format!("占{of_zh} {p}%"), format!("{p}% of {of_en}")))
    }
    /// Last year's figure and the change (model::change: direction, size,
    /// percentage), as a sentence.
    fn change(&self, now: Money, last: Money) -> String {
        let c = crate::model::change::change(now, last);
        if c.sign == crate::model::change::Sign::Same {
            return self.t(
                format!("上年 {}，持平", self.m(last)),
                format!("last year {}, unchanged", self.m(last)),
            );
        }
        let pct = c.percent();
        let pct_zh = pct
            .as_ref()
            .map(|p| format!("（{p}%）"))
            .unwrap_or_default();
        let pct_en = pct.map(|p| format!(" ({p}%)")).unwrap_or_default();
        self.t(
            format!(
                "上年 {}，{} {}{pct_zh}",
                self.m(last),
                c.sign.word(),
                self.m(c.diff)
            ),
            format!(
                "last year {}, {} {}{pct_en}",
                self.m(last),
                c.sign.key(),
                self.m(c.diff)
            ),
        )
    }
    /// The computed value of a stated total, from the checker's fix (a
    /// stated total without a diagnostic agrees with its parts).
    fn computed_of(&self, s: &Stated) -> Option<String> {
        self.a
            .checked
            .diagnostics
            .iter()
            .filter(|d| d.span == s.span)
            .find_map(|d| d.fix.as_ref().filter(|f| f.span == s.span))
            .map(|f| format!("{}{}", f.replacement, self.b.display_unit.symbol()))
    }
    fn stated_line(&self, s: &Stated) -> String {
        match self.computed_of(s) {
            Some(c) => self.t(
                format!("声明合计 {}，明细合计 {c} ✗", self.m(s.amount)),
                format!("stated {}, the parts add up to {c} ✗", self.m(s.amount)),
            ),
            None => self.t(
                format!("声明合计 {}，与明细一致 ✓", self.m(s.amount)),
                format!("stated {}, agrees with the parts ✓", self.m(s.amount)),
            ),
        }
    }
}

/// A keyword under the cursor: its doc from the schema, at the place the
/// syntax tree puts it (a block's keys are the schema's keys of that block).
fn keyword(a: &Analysis, off: usize, lang: Lang) -> Option<(Span, Vec<String>)> {
    let mut place = Some(Place::Top);
    let mut stmts = a.file.stmts.as_slice();
    loop {
        let s = stmts.iter().find(|s| contains(s.span, off))?;
        let at = place?;
        let word = s.keyword()?;
        let key = schema::find(at, word)?;
        let head = s.head()?.span;
        if contains(head, off) {
            let doc = tr(lang, key.zh, key.en);
            let mut lines = vec![format!("**{}** — {doc}", key.word)];
            if !key.variants.is_empty() {
                lines.push(tr(
                    lang,
                    format!("也可写作：{}", key.variants.join("、")),
                    format!("also written: {}", key.variants.join(", ")),
                ));
            }
            return Some((head, lines));
        }
        place = schema::block_of(key);
        stmts = s.children();
    }
}

fn contains(span: Span, offset: usize) -> bool {
    span.start <= offset && offset <= span.end && !(span.start == 0 && span.end == 0)
}

/// The hover at `pos`, if the place means something.
pub fn hover(a: &Analysis, pos: Position, lang: Lang, catalog: &Catalog) -> Option<Hover> {
    let off = a.offset(pos);
    let cx = Ctx {
        a,
        b: &a.checked.budget,
        lang,
        catalog,
    };
    let (span, lines) = find(&cx, off).or_else(|| keyword(a, off, lang))?;
    Some(Hover {
        range: a.range(span),
        markdown: lines.join("\n\n"),
    })
}

fn find(cx: &Ctx, off: usize) -> Option<(Span, Vec<String>)> {
    let b = cx.b;
    if let Some(h) = super::years::hover(cx.a, off, cx.lang) {
        return Some(h);
    }
    if let Some(h) = super::units::hover(cx.a, off, cx.lang) {
        return Some(h);
    }
    // 支出 lines
    for r in &b.expenditure.rows {
        if let Some(s) = r.stated_total.filter(|s| contains(s.span, off)) {
            let mut l = function_node(cx, &r.code, Some(r));
            l.push(cx.stated_line(&s));
            return Some((s.span, l));
        }
        if let Some(c) = r.cells.iter().find(|c| contains(c.span, off)) {
            let mut l = vec![cell(cx, c)];
            l.extend(function_node(cx, &r.code, Some(r)));
            return Some((c.span, l));
        }
        if contains(r.code_span, off) || contains(r.name.span, off) {
            let span = if contains(r.code_span, off) {
                r.code_span
            } else {
                r.name.span
            };
            return Some((span, function_node(cx, &r.code, Some(r))));
        }
    }
    // 基本支出 lines
    for blk in &b.economic {
        for r in &blk.rows {
            if contains(r.government_span, off) {
                if let Some(g) = &r.government_code {
                    return Some((r.government_span, government(cx, g)));
                }
            }
            let stated = r.stated_total.filter(|s| contains(s.span, off));
            if contains(r.code_span, off) || contains(r.name.span, off) || stated.is_some() {
                let mut l = economic(cx, blk, r);
                let span = match stated {
                    Some(s) => {
                        l.push(cx.stated_line(&s));
                        s.span
                    }
                    None if contains(r.code_span, off) => r.code_span,
                    None => r.name.span,
                };
                return Some((span, l));
            }
        }
    }
    if let Some(h) = named_thing(cx, off) {
        return Some(h);
    }
    // performance indicators
    if let Some(dp) = &b.department_performance {
        if let Some(h) = indicators(cx, &dp.indicators, off) {
            return Some(h);
        }
    }
    for p in &b.projects {
        if let Some(t) = &p.target {
            for ind in std::iter::once(&t.indicators_period).chain(t.indicators_year.as_ref()) {
                if let Some(h) = indicators(cx, ind, off) {
                    return Some(h);
                }
            }
        }
    }
    // stated totals elsewhere
    if let Some(h) = totals(cx, off) {
        return Some(h);
    }
    if let Some(h) = income_source(cx, off).or_else(|| last_year_line(cx, off)) {
        return Some(h);
    }
    // section keywords
    let (stmt, v) = cx.a.value_at(off)?;
    if stmt.values.first().map(|h| h.span) != Some(v.span) {
        return None;
    }
    section(cx, &v.text()).map(|l| (v.span, l))
}

/// An income source's line: its amount, share and the expenditure from it.
fn income_source(cx: &Ctx, off: usize) -> Option<(Span, Vec<String>)> {
    let b = cx.b;
    for (src, span) in &b.income.spans {
        if contains(*span, off) {
            let amount = b
                .derived
                .income_by_source
                .get(src)
                .copied()
                .unwrap_or_default();
            let mut l = vec![format!("**{}** {}", src.name_zh(), cx.m(amount))];
            if let Some(s) = cx.share(amount, b.derived.income_total, "收入总计", "total income")
            {
                l.push(s);
            }
            let spent = b
                .derived
                .expenditure
                .current_by_source
                .get(src)
                .copied()
                .unwrap_or_default();
            l.push(cx.t(
                format!("按此来源安排的当年支出 {}", cx.m(spent)),
                format!("this year's expenditure from it: {}", cx.m(spent)),
            ));
            return Some((*span, l));
        }
    }
    None
}

/// A 上年 line: last year's figure against this year's (and the linked
/// file's).
fn last_year_line(cx: &Ctx, off: usize) -> Option<(Span, Vec<String>)> {
    let b = cx.b;
    if contains(b.last_year.span, off) {
        if let Some((_, v)) = cx.a.value_at(off) {
            let key = v.text();
            let ly_key = LastYearKey::parse(&key);
            if let (Some(last), Some(k)) = (ly_key.and_then(|k| b.last_year.get(k)), ly_key) {
                let now = b.this_year(k);
                let mut l = vec![
                    format!("**{key}**"),
                    cx.t(
                        format!("本年 {}", cx.m(now)),
                        format!("this year {}", cx.m(now)),
                    ),
                    cx.change(now, last),
                ];
                let linked = b.last_year.linked.and_then(|id| cx.a.checked.file(id));
                if let Some(theirs) = linked.map(|f| f.checked.budget.this_year(k)) {
                    l.push(cx.t(
                        format!("上年的文件中为 {}", cx.m(theirs)),
                        format!("last year's file: {}", cx.m(theirs)),
                    ));
                }
                return Some((v.span, l));
            }
        }
    }
    None
}

/// A project's name, function code or unit; a unit's name (in its
/// declaration or in 机关运行经费).
fn named_thing(cx: &Ctx, off: usize) -> Option<(Span, Vec<String>)> {
    let b = cx.b;
    for p in &b.projects {
        if contains(p.name.span, off) {
            return Some((p.name.span, project(cx, p)));
        }
        if let Some(fc) = p.function_code.as_ref().filter(|f| contains(f.span, off)) {
            let row = b
                .expenditure
                .rows
                .iter()
                .find(|r| r.code == fc.text.as_str());
            return Some((fc.span, function_node(cx, &fc.text, row)));
        }
        if let Some(u) = p.unit.as_ref().filter(|u| contains(u.span, off)) {
            if let Some(unit) = b.units.iter().find(|x| x.name.text == u.text) {
                return Some((u.span, unit_lines(cx, unit)));
            }
        }
    }
    for u in &b.units {
        if contains(u.name.span, off) {
            return Some((u.name.span, unit_lines(cx, u)));
        }
    }
    for (n, _) in &b.admin_cost.by_unit {
        if contains(n.span, off) {
            if let Some(unit) = b.units.iter().find(|x| x.name.text == n.text) {
                return Some((n.span, unit_lines(cx, unit)));
            }
        }
    }
    None
}

fn cell(cx: &Ctx, c: &Cell) -> String {
    let dir = match c.direction {
        Direction::Basic => cx.t("基本支出", "basic expenditure"),
        Direction::Project => cx.t("项目支出", "project expenditure"),
    };
    let year = if c.carryover {
        cx.t("上年结转安排", "carried over from last year")
    } else {
        cx.t("当年预算安排", "this year's budget")
    };
    let src = match cx.lang {
        Lang::Zh => c.source.name_zh(),
        Lang::En => c.source.name_en(),
    };
    format!("**{}** · {dir} · {src} · {year}", cx.m(c.amount))
}

/// A 功能分类 node: name, computed total, parts, share, last year.
fn function_node(cx: &Ctx, code: &str, row: Option<&FunctionRow>) -> Vec<String> {
    let b = cx.b;
    let node = b.derived.functions.iter().find(|n| n.code == code);
    let entry = cx.catalog.get(CodeKind::Function, code);
    let level = match code.len() {
        3 => cx.t("类", "类 (class)"),
        5 => cx.t("款", "款 (section)"),
        _ => cx.t("项", "项 (item)"),
    };
    let name = row
        .map(|r| r.name.text.to_string())
        .filter(|n| !n.is_empty())
        .or_else(|| node.map(|n| n.name.clone()))
        .or_else(|| entry.map(|e| e.name.clone()))
        .unwrap_or_default();
    let mut l = vec![format!(
        "**{code} {name}** · {} {level}",
        cx.t("功能分类", "function classification")
    )];
    match entry {
        Some(e) if !Catalog::name_matches(e, &name) => l.push(cx.t(
            format!("目录名称：{}", e.name),
            format!("catalog name: {}", e.name),
        )),
        Some(_) => {}
        None => l.push(cx.t("不在目录中", "not in the catalog")),
    }
    let Some(n) = node else {
        return l;
    };
    let f = &n.figures;
    let mut total = cx.t(
        format!("合计 {}", cx.m(f.total)),
        format!("total {}", cx.m(f.total)),
    );
    if let Some(s) = cx.share(
        f.total,
        b.derived.expenditure.total,
        "本年支出",
        "this year's expenditure",
    ) {
        total.push_str(&format!(" · {s}"));
    }
    l.push(total);
    let mut parts = vec![
        format!("- {} {}", cx.t("基本支出", "basic"), cx.m(f.basic)),
        format!("- {} {}", cx.t("项目支出", "project"), cx.m(f.project)),
    ];
    if !f.carryover.is_zero() {
        parts.push(format!(
            "- {} {}",
            cx.t("其中上年结转安排", "of which carried over"),
            cx.m(f.carryover)
        ));
    }
    l.push(parts.join("\n"));
    // the nodes one level down
    let below = code.len() + 2;
    let kids: Vec<&FunctionNode> = b
        .derived
        .functions
        .iter()
        .filter(|k| k.code.len() == below && k.code.starts_with(code))
        .collect();
    if !kids.is_empty() {
        let mut t = vec![format!(
            "| {} | {} |\n|---|---:|",
            cx.t("明细", "part"),
            cx.t("金额", "amount")
        )];
        for k in kids.iter().take(20) {
            t.push(format!(
                "| {} {} | {} |",
                k.code,
                k.name,
                cx.m(k.figures.total)
            ));
        }
        if kids.len() > 20 {
            t.push(format!("| … {} | |", kids.len() - 20));
        }
        l.push(t.join("\n"));
    }
    if let Some(last) = row.and_then(|r| r.last_year) {
        l.push(cx.change(f.total, last));
    }
    l
}

fn economic(cx: &Ctx, blk: &EconomicBlock, r: &EconomicRow) -> Vec<String> {
    let b = cx.b;
    let entry = cx.catalog.get(CodeKind::EconomicDepartment, &r.code);
    let level = if r.level == CodeLevel::Lei {
        "类"
    } else {
        "款"
    };
    let name = if r.name.text.is_empty() {
        entry.map(|e| e.name.clone()).unwrap_or_default()
    } else {
        r.name.text.to_string()
    };
    let mut l = vec![format!(
        "**{} {name}** · {} {level}",
        r.code,
        cx.t("部门经济分类", "department economic classification")
    )];
    match entry {
        Some(e) if !r.name.text.is_empty() && !Catalog::name_matches(e, &r.name.text) => {
            l.push(cx.t(
                format!("目录名称：{}", e.name),
                format!("catalog name: {}", e.name),
            ))
        }
        Some(_) => {}
        None => l.push(cx.t("不在目录中", "not in the catalog")),
    }
    if let Some(n) = b.derived.economic.iter().find(|n| n.code == r.code) {
        let mut total = cx.t(
            format!("合计 {}", cx.m(n.total)),
            format!("total {}", cx.m(n.total)),
        );
        if let Some(s) = cx.share(
            n.total,
            b.derived.economic_total,
            "基本支出",
            "basic expenditure",
        ) {
            total.push_str(&format!(" · {s}"));
        }
        l.push(total);
        l.push(format!(
            "- {} {}\n- {} {}",
            cx.t("人员经费", "personnel"),
            cx.m(n.personnel),
            cx.t("公用经费", "public"),
            cx.m(n.public)
        ));
        if r.level == CodeLevel::Lei {
            let kids: Vec<&EconomicNode> = b
                .derived
                .economic
                .iter()
                .filter(|k| k.code.len() == 5 && k.code.starts_with(r.code.as_str()))
                .collect();
            if !kids.is_empty() {
                let mut t = vec![format!(
                    "| {} | {} |\n|---|---:|",
                    cx.t("明细", "part"),
                    cx.t("金额", "amount")
                )];
                for k in kids.iter().take(20) {
                    t.push(format!("| {} {} | {} |", k.code, k.name, cx.m(k.total)));
                }
                l.push(t.join("\n"));
            }
        }
    }
    if b.economic.len() > 1 {
        if let Some(u) = &blk.unit {
            l.push(cx.t(
                format!("本单位（{u}）此行 {}", cx.m(r.personnel + r.public)),
                format!("this unit ({u}): {}", cx.m(r.personnel + r.public)),
            ));
        }
    }
    if let Some(g) = &r.government_code {
        if let Some(e) = cx.catalog.get(CodeKind::EconomicGovernment, g) {
            l.push(cx.t(
                format!("政府经济分类 {g} {}", e.name),
                format!("government economic class {g} {}", e.name),
            ));
        }
    }
    l
}

fn government(cx: &Ctx, g: &str) -> Vec<String> {
    match cx.catalog.get(CodeKind::EconomicGovernment, g) {
        Some(e) => vec![format!(
            "**{g} {}** · {}",
            e.name,
            cx.t("政府经济分类", "government economic classification")
        )],
        None => vec![format!("**{g}**"), cx.t("不在目录中", "not in the catalog")],
    }
}

fn project(cx: &Ctx, p: &Project) -> Vec<String> {
    let b = cx.b;
    let mut l = vec![format!("**{}** · {}", p.name.text, cx.t("项目", "project"))];
    let mut total = cx.t(
        format!("金额 {}", cx.m(p.total())),
        format!("amount {}", cx.m(p.total())),
    );
    if let Some(s) = cx.share(
        p.total(),
        b.derived.expenditure.project,
        "项目支出",
        "project expenditure",
    ) {
        total.push_str(&format!(" · {s}"));
    }
    l.push(total);
    let mut parts: Vec<String> = p
        .amounts
        .iter()
        .map(|(s, m)| format!("- {} {}", s.name_zh(), cx.m(*m)))
        .collect();
    parts.extend(p.carryover.iter().map(|(s, m)| {
        format!(
            "- {} {} {}",
            cx.t("上年结转", "carried over"),
            s.name_zh(),
            cx.m(*m)
        )
    }));
    if !parts.is_empty() {
        l.push(parts.join("\n"));
    }
    let mut facts = Vec::new();
    if let Some(c) = p.category {
        facts.push(c.name_zh().to_string());
    }
    if let Some(fc) = &p.function_code {
        let name = cx
            .catalog
            .get(CodeKind::Function, &fc.text)
            .map(|e| e.name.clone())
            .unwrap_or_default();
        facts.push(format!("{} {} {name}", cx.t("功能", "function"), fc.text));
    }
    if let Some(u) = &p.unit {
        facts.push(u.text.to_string());
    }
    facts.push(if p.published {
        cx.t("绩效目标公开", "targets published")
    } else {
        cx.t("绩效目标不公开", "targets not published")
    });
    l.push(facts.join(" · "));
    l
}

fn unit_lines(cx: &Ctx, u: &Unit) -> Vec<String> {
    let b = cx.b;
    let mut l = vec![format!(
        "**{}** · {} · {}",
        u.name.text,
        cx.t("预算单位", "budget unit"),
        u.kind.name_zh()
    )];
    if let Some(c) = &u.code {
        l.push(cx.t(format!("编码 {c}"), format!("code {c}")));
    }
    let only = b.units.len() == 1;
    let ps: Vec<&Project> = b
        .projects
        .iter()
        .filter(|p| match &p.unit {
            Some(n) => n.text == u.name.text,
            None => only,
        })
        .collect();
    let total: Money = ps.iter().map(|p| p.total()).sum();
    l.push(cx.t(
        format!("项目 {} 个，合计 {}", ps.len(), cx.m(total)),
        format!("{} projects, {}", ps.len(), cx.m(total)),
    ));
    let basic: Money = b
        .economic
        .iter()
        .filter(|blk| match &blk.unit {
            Some(n) => *n == u.name.text,
            None => only,
        })
        .flat_map(|blk| blk.rows.iter())
        .map(|r| r.personnel + r.public)
        .sum();
    l.push(cx.t(
        format!("基本支出（经济分类）{}", cx.m(basic)),
        format!("basic expenditure (economic table) {}", cx.m(basic)),
    ));
    if let Some((_, m)) = b
        .derived
        .admin_cost_by_unit
        .iter()
        .find(|(n, _)| *n == u.name.text)
    {
        l.push(cx.t(
            format!("机关运行经费 {}", cx.m(*m)),
            format!("机关运行经费 {}", cx.m(*m)),
        ));
    }
    l
}

fn indicators(cx: &Ctx, ind: &Indicators, off: usize) -> Option<(Span, Vec<String>)> {
    let tax = crate::profiles::indicators_for(cx.b);
    for l1 in &ind.level1 {
        let n1 = tax.canonical(&l1.name.text);
        let allowed = tax.allowed_under(n1);
        if contains(l1.name.span, off) {
            let mut l = vec![format!(
                "**{}** · {}",
                l1.name.text,
                cx.t("一级指标", "level-1 indicator")
            )];
            match allowed {
                Some(c) => l.push(cx.t(
                    format!("二级指标：{}", c.join("、")),
                    format!("level-2 indicators: {}", c.join(", ")),
                )),
                None => l.push(cx.t("不是已知的一级指标", "not a known level-1 indicator")),
            }
            return Some((l1.name.span, l));
        }
        for l2 in &l1.level2 {
            if contains(l2.name.span, off) {
                let n2 = tax.canonical(&l2.name.text);
                let ok = allowed.as_ref().is_some_and(|c| c.contains(&n2));
                let mut l = vec![format!(
                    "**{}** · {} · {} › {}",
                    l2.name.text,
                    cx.t("二级指标", "level-2 indicator"),
                    l1.name.text,
                    l2.name.text
                )];
                if !ok {
                    l.push(cx.t(
                        format!("不属于一级指标“{}”", l1.name.text),
                        format!("does not belong under {}", l1.name.text),
                    ));
                }
                l.push(cx.t(
                    format!("三级指标 {} 个", l2.items.len()),
                    format!("{} level-3 indicators", l2.items.len()),
                ));
                return Some((l2.name.span, l));
            }
            for it in &l2.items {
                if contains(it.name.span, off) || contains(it.value.span, off) {
                    let span = if contains(it.name.span, off) {
                        it.name.span
                    } else {
                        it.value.span
                    };
                    let mut l = vec![
                        format!(
                            "**{}** · {}",
                            it.name.text,
                            cx.t("三级指标", "level-3 indicator")
                        ),
                        format!("{} › {} › {}", l1.name.text, l2.name.text, it.name.text),
                    ];
                    l.push(indicator_value(cx, &it.value));
                    return Some((span, l));
                }
            }
        }
    }
    None
}

fn indicator_value(cx: &Ctx, v: &IndicatorValue) -> String {
    let mut parts = vec![cx.t(
        format!("指标值 `{}`", v.text),
        format!("value `{}`", v.text),
    )];
    match v.number {
        Some(n) => {
            let cmp = v.cmp.map(|c| match (c, cx.lang) {
                (Cmp::Ge, Lang::Zh) => "不低于",
                (Cmp::Le, Lang::Zh) => "不高于",
                (Cmp::Gt, Lang::Zh) => "高于",
                (Cmp::Lt, Lang::Zh) => "低于",
                (Cmp::Eq, Lang::Zh) => "等于",
                (Cmp::Ge, Lang::En) => "at least",
                (Cmp::Le, Lang::En) => "at most",
                (Cmp::Gt, Lang::En) => "more than",
                (Cmp::Lt, Lang::En) => "less than",
                (Cmp::Eq, Lang::En) => "exactly",
            });
            let mut s = cx.t("定量：", "quantitative: ");
            if let Some(c) = cmp {
                s.push_str(c);
                s.push(' ');
            }
            s.push_str(&n.normalize().to_string());
            if let Some(u) = &v.unit {
                s.push_str(&cx.t(format!("，单位“{u}”"), format!(", unit `{u}`")));
            }
            parts.push(s);
        }
        None => parts.push(cx.t("定性（文字）", "qualitative (text)")),
    }
    parts.join(" · ")
}

/// (stated, name, English name, computed, key of last year's figure)
type Named<'a> = (
    Option<Stated>,
    &'a str,
    &'a str,
    Option<Money>,
    Option<LastYearKey>,
);

/// The stated totals outside the 支出/基本支出 lines, each with its
/// computed counterpart and last year's key.
fn named_totals(b: &Budget) -> Vec<Named<'static>> {
    let d = &b.derived;
    let e = &b.expenditure;
    vec![
        (
            b.income.stated_current_total,
            "本年收入合计",
            "income this year",
            Some(d.income_current),
            None,
        ),
        (
            b.income.stated_total,
            "收入总计",
            "total income",
            Some(d.income_total),
            Some(LastYearKey::IncomeTotal),
        ),
        (
            e.stated_current_total,
            "本年支出合计",
            "expenditure this year",
            Some(d.expenditure.total),
            None,
        ),
        (
            e.stated_basic_total,
            "基本支出合计",
            "basic expenditure",
            Some(d.expenditure.basic),
            None,
        ),
        (
            e.stated_project_total,
            "项目支出合计",
            "project expenditure",
            Some(d.expenditure.project),
            None,
        ),
        (
            e.stated_total,
            "支出总计",
            "total expenditure",
            Some(d.expenditure_total),
            Some(LastYearKey::ExpenditureTotal),
        ),
        (
            b.three_public.stated_vehicle_total,
            "公务用车购置及运行费",
            "official vehicles",
            Some(d.vehicle_total),
            None,
        ),
        (
            b.three_public.stated_total,
            "三公经费",
            "三公 total",
            Some(d.three_public_total),
            Some(LastYearKey::ThreePublic),
        ),
        (
            b.admin_cost.stated,
            "机关运行经费",
            "机关运行经费",
            None,
            Some(LastYearKey::AdminCost),
        ),
        (
            b.procurement.as_ref().and_then(|p| p.stated_total),
            "政府采购",
            "procurement",
            Some(d.procurement_total),
            None,
        ),
    ]
}

/// A stated total outside the 支出/基本支出 lines: stated against computed.
fn totals(cx: &Ctx, off: usize) -> Option<(Span, Vec<String>)> {
    let b = cx.b;
    let named = named_totals(b);
    for (s, zh, en, computed, last_key) in named {
        let Some(s) = s.filter(|s| contains(s.span, off)) else {
            continue;
        };
        let mut l = vec![format!("**{}**", cx.t(zh, en))];
        if let Some(c) = computed {
            l.push(cx.t(
                format!("计算值 {}", cx.m(c)),
                format!("computed {}", cx.m(c)),
            ));
        }
        l.push(cx.stated_line(&s));
        if let Some(last) = last_key.and_then(|k| b.last_year.get(k)) {
            l.push(cx.change(s.amount, last));
        }
        return Some((s.span, l));
    }
    for s in b.stated_totals() {
        if contains(s.span, off) {
            return Some((s.span, vec![cx.stated_line(&s)]));
        }
    }
    None
}

/// A section keyword at the top level.
fn section(cx: &Ctx, kw: &str) -> Option<Vec<String>> {
    let b = cx.b;
    let d = &b.derived;
    let lines = match kw {
        "收入" => income_section(cx),
        "支出" => expenditure_section(cx),
        "基本支出" => vec![
            format!(
                "**{}** {}",
                cx.t("基本支出（经济分类）", "basic expenditure (economic)"),
                cx.m(d.economic_total)
            ),
            format!(
                "- {} {}\n- {} {}",
                cx.t("人员经费", "personnel"),
                cx.m(d.personnel),
                cx.t("公用经费", "public"),
                cx.m(d.public)
            ),
        ],
        "三公经费" => three_public_section(cx),
        "机关运行经费" => {
            let mut l = vec![format!("**机关运行经费** {}", cx.m(d.admin_cost))];
            if let Some(last) = b.last_year.get(LastYearKey::AdminCost) {
                l.push(cx.change(d.admin_cost, last));
            }
            l
        }
        "政府采购" => vec![format!(
            "**{}** {}",
            cx.t("政府采购", "procurement"),
            cx.m(d.procurement_total)
        )],
        "项目" => vec![format!(
            "**{}** {} · {}",
            cx.t("项目", "projects"),
            b.projects.len(),
            cx.m(d.projects_total)
        )],
        _ => return None,
    };
    Some(lines)
}

/// The 收入 keyword: total income by source, against last year.
fn income_section(cx: &Ctx) -> Vec<String> {
    let b = cx.b;
    let d = &b.derived;
    let mut l = vec![format!(
        "**{}** {}",
        cx.t("收入总计", "total income"),
        cx.m(d.income_total)
    )];
    let mut parts: Vec<String> = d
        .income_by_source
        .iter()
        .filter(|(_, m)| !m.is_zero())
        .map(|(s, m)| format!("- {} {}", s.name_zh(), cx.m(*m)))
        .collect();
    if !d.income_carryover.is_zero() {
        parts.push(format!("- 上年结转 {}", cx.m(d.income_carryover)));
    }
    if !parts.is_empty() {
        l.push(parts.join("\n"));
    }
    if let Some(last) = b.last_year.get(LastYearKey::IncomeTotal) {
        l.push(cx.change(d.income_total, last));
    }
    l
}

/// The 支出 keyword: total expenditure, its parts and its 类, against last year.
fn expenditure_section(cx: &Ctx) -> Vec<String> {
    let b = cx.b;
    let d = &b.derived;
    let f = &d.expenditure;
    let mut l = vec![format!(
        "**{}** {}",
        cx.t("支出总计", "total expenditure"),
        cx.m(d.expenditure_total)
    )];
    l.push(format!(
        "- {} {}\n- {} {}\n- {} {}",
        cx.t("本年支出", "this year"),
        cx.m(f.total),
        cx.t("基本支出", "basic"),
        cx.m(f.basic),
        cx.t("项目支出", "project"),
        cx.m(f.project)
    ));
    let lei: Vec<String> = d
        .functions
        .iter()
        .filter(|n| n.level == CodeLevel::Lei)
        .map(|n| format!("| {} {} | {} |", n.code, n.name, cx.m(n.figures.total)))
        .collect();
    if !lei.is_empty() {
        l.push(format!(
            "| {} | {} |\n|---|---:|\n{}",
            cx.t("类", "class"),
            cx.t("金额", "amount"),
            lei.join("\n")
        ));
    }
    if let Some(last) = b.last_year.get(LastYearKey::ExpenditureTotal) {
        l.push(cx.change(d.expenditure_total, last));
    }
    l
}

/// The 三公经费 keyword: its four parts, against last year.
fn three_public_section(cx: &Ctx) -> Vec<String> {
    let b = cx.b;
    let d = &b.derived;
    let tp = &b.three_public;
    let mut l = vec![
        format!(
            "**{}** {}",
            cx.t("三公经费", "三公 total"),
            cx.m(d.three_public_total)
        ),
        format!(
            "- 因公出国（境）费 {}\n- 公务接待费 {}\n- 公务用车购置费 {}\n- 公务用车运行维护费 {}",
            cx.m(tp.abroad.total()),
            cx.m(tp.reception.total()),
            cx.m(tp.vehicle_purchase.total()),
            cx.m(tp.vehicle_running.total())
        ),
    ];
    if let Some(last) = b.last_year.get(LastYearKey::ThreePublic) {
        l.push(cx.change(d.three_public_total, last));
    }
    l
}
