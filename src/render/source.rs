//! A model → `.budget` source: the inverse of checking, for the facts an
//! author writes (never the derived figures).
//!
//! `check_source(&to_source(b))` gives back `b` (compared as JSON, without
//! `derived`, which the checker computes) for every model the checker can
//! produce, with these exceptions, where the language has no way to say it:
//! a per-unit 机关运行经费 line for a unit named `合计`, a 车辆 entry named
//! `编制`, `实有` or `合计`, and a 上年 figure named `原因` (those keys mean
//! something else in their blocks). `tests/robust.rs` checks the round trip
//! on random models.
//!
//! Every amount is written in 元 with its unit (`128400元`), so the text
//! means the same whatever the file's 金额单位; every name is a quoted
//! string, so no name can read as a keyword, a number or a cell word. Pure:
//! no IO.

use crate::model::*;
use crate::syntax::write_text;
use std::fmt::Write as _;

/// `"…"` with `"` and `\` escaped (new lines kept as written): a string value
/// whatever the text, so that it never reads as a keyword or a number.
pub fn quoted(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\t' => out.push_str("\\t"),
            other => out.push(other),
        }
    }
    out.push('"');
    out
}

fn yuan(m: Money) -> String {
    format!("{}元", m.as_yuan().normalize())
}

struct Out {
    s: String,
    depth: usize,
}

impl Out {
    fn line(&mut self, text: impl AsRef<str>) {
        for _ in 0..self.depth {
            self.s.push_str("  ");
        }
        self.s.push_str(text.as_ref());
        self.s.push('\n');
    }
    fn open(&mut self, head: impl AsRef<str>) {
        self.line(format!("{} {{", head.as_ref()));
        self.depth += 1;
    }
    fn close(&mut self) {
        self.depth = self.depth.saturating_sub(1);
        self.line("}");
    }
    fn opt_text(&mut self, key: &str, v: &Option<String>) {
        if let Some(t) = v {
            self.line(format!("{key} {}", quoted(t)));
        }
    }
    fn opt_stated(&mut self, key: &str, v: &Option<Stated>) {
        if let Some(s) = v {
            self.line(format!("{key} {}", yuan(s.amount)));
        }
    }
}

/// The source text of a model.
fn style(o: &mut Out, st: &print::PrintStyle) {
    if let Some(d) = st.decimals {
        o.line(format!("小数位 {d}"));
    }
    if let Some(t) = &st.thousands {
        o.line(format!(
            "千分位 {}",
            if t.is_empty() {
                "无".into()
            } else {
                quoted(t)
            }
        ));
    }
    for (k, v) in [
        ("零值", &st.zero),
        ("空表零值", &st.empty_zero),
        ("空表说明", &st.empty_note),
    ] {
        if let Some(v) = v {
            o.line(format!("{k} {}", quoted(v)));
        }
    }
    if let Some(t) = st.trim_zeros {
        o.line(format!("去尾零 {}", if t { "是" } else { "否" }));
    }
    if let Some(br) = st.brackets {
        let w = match br {
            print::Brackets::Keep => "原样",
            print::Brackets::Half => "半角",
            print::Brackets::Full => "全角",
        };
        o.line(format!("括号 {w}"));
    }
}

/// `排版 { … }` and `舍入 { … }`.
fn print_conventions(o: &mut Out, p: &print::PrintOverrides, r: &print::Rounding) {
    if !p.is_empty() {
        o.open("排版");
        style(o, &p.all);
        for t in &p.tables {
            o.open(format!("表 {}", quoted(&t.table)));
            if let Some(title) = &t.title {
                o.line(format!("标题 {}", quoted(title)));
            }
            style(o, &t.style);
            o.close();
        }
        if !p.wording.is_empty() {
            o.open("措辞");
            for w in &p.wording {
                o.line(format!("{} {}", w.name, if w.on { "是" } else { "否" }));
            }
            o.close();
        }
        o.close();
    }
    if !r.is_exact() {
        o.open("舍入");
        if let Some(m) = r.summary {
            o.line(format!("三公表 {}", yuan(m)));
        }
        if let Some(m) = r.narrative {
            o.line(format!("说明 {}", yuan(m)));
        }
        o.close();
    }
}

pub fn to_source(b: &Budget) -> String {
    let mut o = Out {
        s: String::new(),
        depth: 0,
    };
    o.line(format!("年度 {}", b.year));
    o.line(format!("部门 {}", quoted(&b.department.text)));
    if let Some(c) = &b.department_code {
        o.line(format!("部门编码 {}", quoted(c)));
    }
    if !b.profile.is_empty() {
        let word = crate::check::lower::PROFILES
            .iter()
            .find(|(_, id)| *id == b.profile)
            .map(|(w, _)| *w)
            .unwrap_or(b.profile.as_str());
        o.line(format!("口径 {}", write_text(word)));
    }
    o.line(format!("金额单位 {}", b.display_unit.symbol()));
    if b.unit_document {
        o.line("文件类型 单位预算");
    }
    if let Some(step) = b.transcription_step {
        o.line(format!("转录精度 {}", yuan(step)));
    }
    print_conventions(&mut o, &b.print, &b.rounding);
    prose(&mut o, &b.prose);
    for u in &b.units {
        o.open(format!("单位 {}", quoted(&u.name.text)));
        o.line(format!("类型 {}", u.kind.name_zh()));
        o.opt_text("编码", &u.code);
        if u.merged {
            o.line("单列预算 否");
        }
        if let Some(f) = &u.file {
            o.line(format!("文件 {}", quoted(&f.text)));
        }
        o.close();
    }
    income(&mut o, &b.income);
    expenditure(&mut o, &b.expenditure);
    for blk in &b.economic {
        economic(&mut o, blk);
    }
    three_public(&mut o, &b.three_public);
    admin_cost(&mut o, &b.admin_cost);
    for p in &b.projects {
        project(&mut o, p);
    }
    if let Some(dp) = &b.department_performance {
        o.open("整体绩效");
        for (k, v) in &dp.facts {
            let is_count = matches!(
                k.as_str(),
                "内设职能部门数"
                    | "所属预算单位数"
                    | "核定编制"
                    | "在职人员"
                    | "在编人员"
                    | "其他人员"
            );
            if is_count {
                o.line(format!("{k} {v}"));
            } else {
                o.line(format!("{k} {}", quoted(v)));
            }
        }
        indicators(&mut o, "绩效指标", &dp.indicators, true);
        o.close();
    }
    if let Some(ps) = &b.performance_summary {
        o.open("绩效概况");
        if let Some(n) = ps.units {
            o.line(format!("单位数 {n}"));
        }
        if let Some(n) = ps.projects {
            o.line(format!("项目数 {n}"));
        }
        o.opt_stated("金额", &ps.amount);
        o.close();
    }
    if let Some(p) = &b.procurement {
        o.open("政府采购");
        o.line(format!("货物 {}", yuan(p.goods)));
        o.line(format!("工程 {}", yuan(p.works)));
        o.line(format!("服务 {}", yuan(p.services)));
        o.opt_stated("合计", &p.stated_total);
        o.opt_stated("中小企业预留", &p.sme_reserved);
        o.opt_stated("小微企业预留", &p.small_micro_reserved);
        o.close();
    }
    if let Some(a) = &b.assets {
        assets(&mut o, a);
    }
    last_year(&mut o, &b.last_year);
    if let Some(s) = &b.other_projects {
        o.line(format!("其余项目 {}", yuan(s.amount)));
    }
    o.s
}

fn prose(o: &mut Out, p: &Prose) {
    o.opt_text("职责", &p.duties);
    o.opt_text("机构设置", &p.organization);
    for (key, list) in [
        ("名词解释", &p.glossary),
        ("其他说明", &p.other),
        ("原文", &p.printed),
    ] {
        if list.is_empty() {
            continue;
        }
        o.open(key);
        for (k, v) in list {
            o.line(format!("{} {}", quoted(k), quoted(v)));
        }
        o.close();
    }
    if !p.claims.is_empty() {
        o.open("声明");
        for line in &p.claims {
            o.line(line.clone());
        }
        o.close();
    }
}

fn income(o: &mut Out, inc: &Income) {
    let empty = inc.sources.is_empty()
        && inc.carryover.is_empty()
        && inc.stated_current_total.is_none()
        && inc.stated_total.is_none()
        && inc.stated_fiscal.is_none();
    if empty {
        return;
    }
    o.open("收入");
    for (s, m) in &inc.sources {
        o.line(format!("{} {}", s.name_zh(), yuan(*m)));
    }
    for (s, m) in &inc.carryover {
        o.line(format!("上年结转 {} {}", s.name_zh(), yuan(*m)));
    }
    o.opt_stated("本年收入合计", &inc.stated_current_total);
    o.opt_stated("收入总计", &inc.stated_total);
    o.opt_stated("财政拨款收入", &inc.stated_fiscal);
    o.close();
}

fn expenditure(o: &mut Out, e: &Expenditure) {
    let empty = e.rows.is_empty()
        && e.stated_current_total.is_none()
        && e.stated_basic_total.is_none()
        && e.stated_project_total.is_none()
        && e.year_end_carryover.is_zero()
        && e.stated_total.is_none();
    if empty {
        return;
    }
    o.open("支出");
    for r in &e.rows {
        let mut line = r.code.to_string();
        if !r.name.text.is_empty() {
            line.push(' ');
            line.push_str(&quoted(&r.name.text));
        }
        for c in &r.cells {
            let dir = match c.direction {
                Direction::Basic => "基本",
                Direction::Project => "项目",
            };
            let _ = write!(line, " {dir} {}", c.source.name_zh());
            if c.carryover {
                line.push_str(" 结转");
            }
            let _ = write!(line, " {}", yuan(c.amount));
        }
        if let Some(s) = &r.stated_total {
            let _ = write!(line, " 合计 {}", yuan(s.amount));
        }
        if let Some(s) = &r.stated_basic {
            let _ = write!(line, " 基本 {}", yuan(s.amount));
        }
        if let Some(s) = &r.stated_project {
            let _ = write!(line, " 项目 {}", yuan(s.amount));
        }
        if let Some(s) = &r.facts.personnel {
            let _ = write!(line, " 人员 {}", yuan(s.amount));
        }
        if let Some(s) = &r.facts.public {
            let _ = write!(line, " 公用 {}", yuan(s.amount));
        }
        if let Some(m) = r.last_year.filter(|_| !r.facts.linked) {
            let key = match r.facts.basis {
                Basis::Budget => "上年",
                Basis::Executed => "上年执行",
            };
            let _ = write!(line, " {key} {}", yuan(m));
        }
        if let Some(t) = &r.facts.purpose {
            let _ = write!(line, " 用途 {}", quoted(t));
        }
        if let Some(t) = &r.facts.reason {
            let _ = write!(line, " 原因 {}", quoted(t));
        }
        if let Some(c) = &r.facts.claim {
            let _ = write!(line, " 变动 {}", c.text);
        }
        o.line(line);
    }
    o.opt_stated("本年支出合计", &e.stated_current_total);
    o.opt_stated("基本支出合计", &e.stated_basic_total);
    o.opt_stated("项目支出合计", &e.stated_project_total);
    if !e.year_end_carryover.is_zero() {
        o.line(format!("年终结转 {}", yuan(e.year_end_carryover)));
    }
    o.opt_stated("支出总计", &e.stated_total);
    o.close();
}

fn economic(o: &mut Out, blk: &EconomicBlock) {
    match &blk.unit {
        Some(u) => o.open(format!("基本支出 {}", quoted(u))),
        None => o.open("基本支出"),
    }
    for r in &blk.rows {
        let mut line = r.code.to_string();
        if !r.name.text.is_empty() {
            line.push(' ');
            line.push_str(&quoted(&r.name.text));
        }
        if let Some(g) = &r.government_code {
            let _ = write!(line, " 政府 {g}");
            if let Some(n) = &r.government_name {
                let _ = write!(line, " {}", quoted(n));
            }
        }
        if r.level != CodeLevel::Lei {
            let _ = write!(line, " 人员 {} 公用 {}", yuan(r.personnel), yuan(r.public));
        }
        if let Some(s) = &r.stated_total {
            let _ = write!(line, " 合计 {}", yuan(s.amount));
        }
        o.line(line);
    }
    o.opt_stated("合计", &blk.stated_total);
    o.opt_stated("人员经费合计", &blk.stated_personnel);
    o.opt_stated("公用经费合计", &blk.stated_public);
    for (key, list) in [
        ("人员经费列举", &blk.listed_personnel),
        ("公用经费列举", &blk.listed_public),
    ] {
        if let Some(names) = list {
            let names: Vec<String> = names.iter().map(|n| quoted(n)).collect();
            o.line(format!("{key} {}", names.join(" ")));
        }
    }
    o.close();
}

fn three_public(o: &mut Out, tp: &ThreePublic) {
    if !tp.written {
        return;
    }
    o.open("三公经费");
    for (key, item) in [
        ("因公出国（境）费", &tp.abroad),
        ("公务接待费", &tp.reception),
        ("公务用车购置费", &tp.vehicle_purchase),
        ("公务用车运行维护费", &tp.vehicle_running),
    ] {
        if item.by_source.is_empty() {
            continue;
        }
        let mut line = key.to_string();
        for (s, m) in &item.by_source {
            let _ = write!(line, " {} {}", s.name_zh(), yuan(*m));
        }
        o.line(line);
    }
    o.opt_stated("公务用车购置及运行费", &tp.stated_vehicle_total);
    o.opt_stated("合计", &tp.stated_total);
    o.close();
}

fn admin_cost(o: &mut Out, ac: &AdminCost) {
    if ac.by_unit.is_empty() {
        o.opt_stated("机关运行经费", &ac.stated);
        return;
    }
    o.open("机关运行经费");
    for (n, m) in &ac.by_unit {
        o.line(format!("{} {}", quoted(&n.text), yuan(*m)));
    }
    o.opt_stated("合计", &ac.stated);
    o.close();
}

fn project(o: &mut Out, p: &Project) {
    o.open(format!("项目 {}", quoted(&p.name.text)));
    if let Some(u) = &p.unit {
        o.line(format!("单位 {}", quoted(&u.text)));
    }
    if let Some(c) = p.category {
        o.line(format!("类别 {}", c.name_zh()));
    }
    if let Some(f) = &p.function_code {
        o.line(format!("功能 {}", f.text));
    }
    let mut written: Vec<Source> = Vec::new();
    for (s, m) in &p.amounts {
        // a source's first amount by its name, any further one by 金额
        if written.contains(s) {
            o.line(format!("金额 {} {}", s.name_zh(), yuan(*m)));
        } else {
            written.push(*s);
            o.line(format!("{} {}", s.name_zh(), yuan(*m)));
        }
    }
    for (s, m) in &p.carryover {
        o.line(format!("上年结转 {} {}", s.name_zh(), yuan(*m)));
    }
    o.line(format!(
        "绩效公开 {}",
        if p.published { "是" } else { "否" }
    ));
    if let Some(t) = &p.target {
        target(o, t);
    }
    o.close();
}

fn funding(o: &mut Out, key: &str, f: &FundingSplit) {
    o.open(key);
    o.line(format!("中央 {}", yuan(f.central)));
    o.line(format!("省级 {}", yuan(f.provincial)));
    o.line(format!("市县 {}", yuan(f.local)));
    o.line(format!("自筹 {}", yuan(f.own)));
    o.line(format!("其他 {}", yuan(f.other)));
    o.opt_stated("合计", &f.stated_total);
    o.close();
}

fn target(o: &mut Out, t: &ProjectTarget) {
    o.open("绩效目标");
    o.opt_text("项目属性", &t.attribute);
    o.opt_text("项目期", &t.period);
    if let Some(f) = &t.funding_period {
        funding(o, "实施期资金", f);
    }
    if let Some(f) = &t.funding_year {
        funding(o, "年度资金", f);
    }
    o.opt_text("概况", &t.overview);
    o.opt_text("立项依据", &t.basis);
    o.opt_text("必要性", &t.necessity);
    o.opt_text("保证措施", &t.safeguards);
    o.opt_text("实施计划", &t.plan);
    o.opt_text("实施期目标", &t.goal_period);
    o.opt_text("年度目标", &t.goal_year);
    indicators(o, "绩效指标 实施期", &t.indicators_period, false);
    if let Some(y) = &t.indicators_year {
        indicators(o, "绩效指标 年度", y, true);
    }
    o.opt_text("填报日期", &t.filed);
    o.close();
}

fn indicators(o: &mut Out, head: &str, ind: &Indicators, always: bool) {
    if ind.level1.is_empty() && !always {
        return;
    }
    o.open(head);
    for l1 in &ind.level1 {
        o.open(quoted(&l1.name.text));
        for l2 in &l1.level2 {
            o.open(quoted(&l2.name.text));
            for i in &l2.items {
                // a value read as a quantity is written as it was; a text is quoted
                let value = if i.value.number.is_some() {
                    i.value.text.to_string()
                } else {
                    quoted(&i.value.text)
                };
                o.line(format!("{} {value}", quoted(&i.name.text)));
            }
            o.close();
        }
        o.close();
    }
    o.close();
}

fn assets(o: &mut Out, a: &Assets) {
    o.open("国有资产");
    o.opt_text("截至", &a.as_of);
    if a.vehicle_quota.is_some() || a.vehicles_stated.is_some() || !a.vehicles.is_empty() {
        o.open("车辆");
        if let Some(n) = a.vehicle_quota {
            o.line(format!("编制 {n}"));
        }
        if let Some(n) = a.vehicles_stated {
            o.line(format!("实有 {n}"));
        }
        for (k, n) in &a.vehicles {
            o.line(format!("{} {n}", quoted(k)));
        }
        o.close();
    }
    if let Some(area) = a.office_area {
        o.line(format!("办公用房 {area}平方米"));
    }
    for (k, n) in &a.equipment {
        o.line(format!("设备 {} {n}", quoted(k)));
    }
    if !a.planned_vehicles.is_empty() || !a.planned_equipment.is_empty() {
        o.open("购置计划");
        if !a.planned_vehicles.is_empty() {
            o.open("车辆");
            for (k, n) in &a.planned_vehicles {
                o.line(format!("{} {n}", quoted(k)));
            }
            o.close();
        }
        for (k, n) in &a.planned_equipment {
            o.line(format!("设备 {} {n}", quoted(k)));
        }
        o.close();
    }
    o.close();
}

fn last_year(o: &mut Out, ly: &LastYear) {
    let empty =
        ly.figures.is_empty() && ly.reason.is_none() && ly.reasons.is_empty() && ly.file.is_none();
    if empty {
        return;
    }
    o.open("上年");
    if let Some(f) = &ly.file {
        o.line(format!("文件 {}", quoted(&f.text)));
    }
    for (k, m) in ly.figures.iter().filter(|(k, _)| !ly.from_file.contains(k)) {
        o.line(format!("{} {}", quoted(k.word()), yuan(*m)));
    }
    if let Some(r) = &ly.reason {
        o.line(format!("原因 {}", quoted(r)));
    }
    if !ly.reasons.is_empty() {
        o.open("原因");
        for (k, r) in &ly.reasons {
            o.line(format!("{} {}", quoted(k.word()), quoted(r)));
        }
        o.close();
    }
    o.close();
}
