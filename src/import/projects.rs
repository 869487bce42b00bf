//! `项目 "…" { … }` from the 项目支出 tables and the 绩效目标申报表 grids,
//! and `整体绩效 { … }` from the department's grid.
//!
//! A project's amounts by source are the table's. What the table does not
//! print is found only where the document fixes it:
//! * `功能`: a code column of the table, else the one assignment of the
//!   projects to the 项 lines of the 支出 table under which every line's
//!   项目 cells are the sum of its projects;
//! * `类别`: the one split of the projects that the narrative's counts and
//!   amounts (`其他运转类项目3个，涉及金额17.00万元；特定目标类项目2个…`) allow;
//! * `绩效公开`: whether the document prints the project's 申报表.
//!
//! Anything else stays unwritten and is reported (I004).

use super::facts::{name_word, Kind, Read};
use super::grids::{self, Funding, Grid, ProjectGrid, Tree, WholeGrid};
use super::rows::Col;
use super::text::{amount, Line};
use super::{quote, span_of, unplaced, Writer};
use crate::diagnostic::Text;
use crate::model::money::{DisplayUnit, Money};
use crate::t;
use rust_decimal::Decimal;

/// One project read from the tables.
#[derive(Debug, Clone)]
struct Project {
    name: String,
    unit: Option<String>,
    /// (source word, amount as written in the file).
    amounts: Vec<(&'static str, String)>,
    carry: Vec<(&'static str, String)>,
    /// The total in 元, for placing it.
    total: Money,
    line: usize,
    code: Option<String>,
    category: Option<&'static str>,
}

const SOURCES: &[(Col, &str)] = &[
    (Col::GeneralPublic, "一般公共预算"),
    (Col::Fund, "政府性基金预算"),
    (Col::Capital, "国有资本经营预算"),
    (Col::Special, "财政专户管理资金"),
    (Col::UnitFunds, "单位资金"),
];

/// The unit of a table's printed amounts: 万元, else 元.
fn unit_of(unit: &str) -> DisplayUnit {
    if unit == "万元" {
        DisplayUnit::Wanyuan
    } else {
        DisplayUnit::Yuan
    }
}

/// The column-number row under a header (`1 2 3 4 5 6 7`).
fn is_numbering(values: &[Option<Decimal>], label: &str) -> bool {
    let v: Vec<Decimal> = values.iter().flatten().copied().collect();
    label.is_empty()
        && v.len() >= 2
        && v.windows(2).all(|p| p[1] - p[0] == Decimal::ONE)
        && v.iter().all(|d| d.fract().is_zero())
}

/// The projects of the 项目支出 tables (本年 and 上年结转), merged by name.
fn read_projects(
    reads: &[Read],
    lines: &[Line],
    units: &[String],
    department: Option<&str>,
    file_unit: &str,
    w: &mut Writer,
) -> Vec<Project> {
    let mut out: Vec<Project> = Vec::new();
    for r in reads.iter().filter(|r| r.kind == Kind::Projects) {
        let carry = r.table.title.contains("上年结转");
        let cols = &r.grid.columns;
        if !SOURCES.iter().any(|(c, _)| cols.contains(c)) {
            not_read(w, lines, r);
            continue;
        }
        let unit = r.unit().to_string();
        let mut current: Option<String> = None;
        for row in &r.grid.rows {
            let label = row.label().trim().to_string();
            if is_numbering(&row.amounts, &label) {
                continue;
            }
            if label.is_empty() {
                unplaced(w, lines, row.line, r.table, "未能识别", "not recognised");
                continue;
            }
            let is_unit = units.contains(&label) || department == Some(label.as_str());
            if is_unit || label.starts_with("合计") {
                if units.contains(&label) {
                    current = Some(label);
                }
                continue;
            }
            let mut amounts = Vec::new();
            let mut sum = Decimal::ZERO;
            for (col, word) in SOURCES {
                if let Some(d) = row.get(cols, *col).filter(|d| !d.is_zero()) {
                    let m = super::facts::money(row.printed(cols, *col), Some(d), &unit, file_unit);
                    amounts.push((*word, m));
                    sum += d;
                }
            }
            let total = row.get(cols, Col::Total).unwrap_or(sum);
            if amounts.is_empty() {
                unplaced(
                    w,
                    lines,
                    row.line,
                    r.table,
                    "项目没有按来源的金额",
                    "the project has no amount by source",
                );
                continue;
            }
            if total != sum {
                w.warn_line(
                    lines,
                    row.line,
                    r.table,
                    &format!("项目“{label}”的合计 {total} 不等于各来源之和 {sum}：按各来源写出"),
                    &format!("the project `{label}`'s total {total} is not the sum of its sources {sum}; the sources are written"),
                );
            }
            let total = Money::from_unit(sum, unit_of(&unit));
            match out.iter_mut().find(|p| p.name == label) {
                Some(p) if carry => {
                    p.carry.extend(amounts);
                    p.total += total;
                }
                Some(_) => w.warn_line(
                    lines,
                    row.line,
                    r.table,
                    &format!("项目“{label}”列出两次，第二次未写出"),
                    &format!("the project `{label}` is listed twice; the second is not written"),
                ),
                None => out.push(Project {
                    name: label,
                    unit: current.clone(),
                    amounts: if carry { Vec::new() } else { amounts.clone() },
                    carry: if carry { amounts } else { Vec::new() },
                    total,
                    line: row.line,
                    code: row.code.clone().filter(|c| c.len() == 7),
                    category: None,
                }),
            }
        }
    }
    out
}

/// A project table whose columns name no source: kept as comments, reported.
fn not_read(w: &mut Writer, lines: &[Line], r: &Read) {
    super::kept_as_comments(
        w,
        lines,
        r,
        Text::new(
            "栏目中没有资金来源，此表未能导入",
            "its columns name no source; not imported",
        ),
    );
}

/// The 项目 cells of each 项 line of the 支出 table, in 元.
fn project_lines(reads: &[Read]) -> Vec<(String, Money)> {
    let Some(t) = reads
        .iter()
        .find(|r| r.kind == Kind::ExpenditureTree)
        .or_else(|| reads.iter().find(|r| r.kind == Kind::GeneralPublic))
    else {
        return Vec::new();
    };
    let u = unit_of(t.unit());
    t.grid
        .rows
        .iter()
        .filter_map(|r| {
            let code = r.code.clone().filter(|c| c.len() == 7)?;
            let p = r.get(&t.grid.columns, Col::Project)?;
            (!p.is_zero()).then_some((code, Money::from_unit(p, u)))
        })
        .collect()
}

/// How many assignments of `items` to `bins` fill every bin exactly, up
/// to two (the first kept), within a bounded search.
struct Solver<'a> {
    items: &'a [Money],
    left: Vec<Money>,
    pick: Vec<usize>,
    found: Vec<Vec<usize>>,
    steps: usize,
}

const MAX_STEPS: usize = 200_000;

impl Solver<'_> {
    fn go(&mut self, k: usize) {
        if self.found.len() > 1 || self.steps > MAX_STEPS {
            return;
        }
        self.steps += 1;
        if k == self.items.len() {
            if self.left.iter().all(|m| m.is_zero()) {
                self.found.push(self.pick.clone());
            }
            return;
        }
        for b in 0..self.left.len() {
            if self.left[b] >= self.items[k] {
                self.left[b] -= self.items[k];
                self.pick.push(b);
                self.go(k + 1);
                self.pick.pop();
                self.left[b] += self.items[k];
            }
        }
    }
}

/// The one assignment of items to bins, if there is exactly one.
fn unique_assignment(items: &[Money], bins: &[Money]) -> Option<Vec<usize>> {
    let mut s = Solver {
        items,
        left: bins.to_vec(),
        pick: Vec::new(),
        found: Vec::new(),
        steps: 0,
    };
    s.go(0);
    (s.found.len() == 1 && s.steps <= MAX_STEPS).then(|| s.found.remove(0))
}

/// `功能` of the projects that print none, by the 支出 table's 项目 cells.
fn place_codes(projects: &mut [Project], reads: &[Read]) {
    let lines = project_lines(reads);
    let mut bins: Vec<(String, Money)> = lines.clone();
    for p in projects.iter().filter(|p| p.code.is_some()) {
        if let Some(b) = bins.iter_mut().find(|(c, _)| Some(c) == p.code.as_ref()) {
            b.1 -= p.total;
        }
    }
    let open: Vec<usize> = (0..projects.len())
        .filter(|&i| projects[i].code.is_none())
        .collect();
    if open.is_empty() || bins.iter().any(|(_, d)| d.is_sign_negative()) {
        return;
    }
    let items: Vec<Money> = open.iter().map(|&i| projects[i].total).collect();
    let amounts: Vec<Money> = bins.iter().map(|(_, d)| *d).collect();
    if let Some(pick) = unique_assignment(&items, &amounts) {
        for (&i, b) in open.iter().zip(pick) {
            projects[i].code = Some(bins[b].0.clone());
        }
    }
}

/// The narrative's `NAME项目N个，涉及金额X万元` for each category.
fn category_counts(input: &str) -> Vec<(&'static str, usize, Money)> {
    let mut out = Vec::new();
    for name in ["其他运转类", "特定目标类"] {
        let key = format!("{name}项目");
        let Some(i) = input.find(&key) else { continue };
        let rest = &input[i + key.len()..];
        let n: String = rest.chars().take_while(char::is_ascii_digit).collect();
        let Some(after) = rest[n.len()..].strip_prefix("个，涉及金额") else {
            continue;
        };
        let a: String = after
            .chars()
            .take_while(|c| c.is_ascii_digit() || *c == ',' || *c == '.')
            .collect();
        let unit_follows = after[a.len()..].starts_with("万元");
        let (Ok(n), Some(a), true) = (n.parse(), amount(&a), unit_follows) else {
            continue;
        };
        out.push((name, n, Money::from_unit(a, DisplayUnit::Wanyuan)));
    }
    out
}

/// `类别` of every project, when the narrative's counts and amounts allow
/// exactly one split.
fn place_categories(projects: &mut [Project], input: &str) {
    let counts = category_counts(input);
    if counts.is_empty() || counts.iter().map(|c| c.1).sum::<usize>() != projects.len() {
        return;
    }
    let items: Vec<Money> = projects.iter().map(|p| p.total).collect();
    let bins: Vec<Money> = counts.iter().map(|c| c.2).collect();
    let Some(pick) = unique_assignment(&items, &bins) else {
        return;
    };
    let ok = counts
        .iter()
        .enumerate()
        .all(|(b, c)| pick.iter().filter(|&&x| x == b).count() == c.1);
    if ok {
        for (p, b) in projects.iter_mut().zip(pick) {
            p.category = Some(counts[b].0);
        }
    }
}

/// Write the projects and the grids.
#[allow(clippy::too_many_arguments)]
pub fn write(
    w: &mut Writer,
    input: &str,
    lines: &[Line],
    reads: &[Read],
    units: &[String],
    department: Option<&str>,
    file_unit: &str,
) {
    let mut projects = read_projects(reads, lines, units, department, file_unit, w);
    place_codes(&mut projects, reads);
    // the narrative as one run of text: a sentence wrapped over lines is whole
    let joined: String = if lines.iter().any(|l| !l.tabbed) {
        lines.iter().map(|l| l.text.as_str()).collect()
    } else {
        input.to_string()
    };
    place_categories(&mut projects, &joined);
    let found: Vec<Grid> = grids::find(lines)
        .iter()
        .map(|(t, body)| grids::read(*t, body, lines, input))
        .collect();
    let mut used = vec![false; found.len()];
    for p in &projects {
        let grid = found.iter().enumerate().find_map(|(k, g)| match g {
            Grid::Project(pg) if pg.name.as_deref() == Some(p.name.as_str()) && !used[k] => {
                Some((k, pg))
            }
            _ => None,
        });
        if let Some((k, _)) = grid {
            used[k] = true;
        }
        write_project(w, lines, p, grid.map(|(_, g)| g), units, file_unit);
    }
    for (k, g) in found.iter().enumerate().filter(|(k, _)| !used[*k]) {
        match g {
            Grid::Whole(wg) => write_whole(w, lines, wg),
            Grid::Project(pg) => {
                let name = pg.name.clone().unwrap_or_default();
                w.comment(&format!(
                    "第{}页 项目支出绩效目标申报表“{name}”：项目表中没有这个项目，原文如下",
                    lines[pg.title_line].page
                ));
                keep_lines(w, lines, pg.title_line, &grids::find(lines)[k].1);
                w.warn(
                    span_of(&lines[pg.title_line]),
                    t!("第{}页 绩效目标申报表“{}”：项目支出表中没有这个项目，原文保留为注释", lines[pg.title_line].page, name;
                       "page {}, the 绩效目标申报表 of `{}`: no such project in the project table; kept as comments", lines[pg.title_line].page, name),
                );
            }
        }
    }
}

fn keep_lines(w: &mut Writer, lines: &[Line], title: usize, body: &[usize]) {
    w.comment(&lines[title].text);
    for &i in body {
        w.comment(&lines[i].text);
    }
}

fn write_project(
    w: &mut Writer,
    lines: &[Line],
    p: &Project,
    grid: Option<&ProjectGrid>,
    units: &[String],
    file_unit: &str,
) {
    w.comment(&format!("第{}页 项目支出表", lines[p.line].page));
    w.open(&format!("项目 {}", quote(&p.name)));
    if let (true, Some(u)) = (units.len() > 1, &p.unit) {
        w.line(&format!("单位 {}", quote(u)));
    }
    let own = p
        .unit
        .as_ref()
        .or(units.first().filter(|_| units.len() == 1));
    if let (Some(g), Some(own)) = (grid, own) {
        implementer(w, lines, g, own);
    }
    let at = span_of(&lines[p.line]);
    match p.category {
        Some(c) => w.line(&format!("类别 {c}")),
        None => w.warn(
            at,
            t!("项目“{}”的类别（其他运转类、特定目标类）文件中未能唯一确定，未写出", p.name;
            "the 类别 of the project `{}` is not fixed by the document; not written", p.name),
        ),
    }
    match &p.code {
        Some(c) => w.line(&format!("功能 {c}")),
        None => w.warn(at, t!("项目“{}”的功能科目未能从支出表唯一确定，未写出", p.name;
            "the 功能 code of the project `{}` is not fixed by the 支出 table; not written", p.name)),
    }
    for (s, m) in &p.amounts {
        w.line(&format!("{s} {m}"));
    }
    for (s, m) in &p.carry {
        w.line(&format!("上年结转 {s} {m}"));
    }
    w.line(if grid.is_some() {
        "绩效公开 是"
    } else {
        "绩效公开 否"
    });
    if let Some(g) = grid {
        write_target(w, lines, g, file_unit);
    }
    w.close();
    w.blank();
}

/// A 申报表 whose 实施单位 is not the unit the project table lists it under.
fn implementer(w: &mut Writer, lines: &[Line], g: &ProjectGrid, own: &str) {
    let Some(imp) = g.implementer.as_deref().filter(|i| *i != own) else {
        return;
    };
    w.comment(&format!("申报表的实施单位：{imp}"));
    w.warn(
        span_of(&lines[g.title_line]),
        t!("第{}页 绩效目标申报表：实施单位“{}”不是项目表中的所属单位“{}”", lines[g.title_line].page, imp, own;
           "page {}, 绩效目标申报表: the 实施单位 `{}` is not the unit `{}` the project table lists", lines[g.title_line].page, imp, own),
    );
}

fn funding_text(f: &Funding, unit: &str, file_unit: &str) -> String {
    f.parts
        .iter()
        .map(|(k, v)| {
            let zero = amount(v).is_some_and(|d| d.is_zero());
            if zero || unit == file_unit {
                format!("{k} {v}")
            } else {
                format!("{k} {v}{unit}")
            }
        })
        .collect::<Vec<_>>()
        .join("; ")
}

/// A grid in layout form that could not be rebuilt (no indicator header),
/// kept as comments with one warning.
fn verbatim(w: &mut Writer, lines: &[Line], title: usize, body: &[usize]) {
    let page = lines[title].page;
    let name = lines[title].text.trim_start_matches('#').trim();
    w.comment(&format!(
        "第{page}页 {name}：排版文本中的申报表没有指标表头（一级指标…三级指标），未能读出，原文如下"
    ));
    keep_lines(w, lines, title, body);
    w.warn(
        span_of(&lines[title]),
        t!("第{}页 {}：排版文本（PDF）中的申报表没有指标表头（一级指标…三级指标），未能读出，原文保留为注释", page, name;
           "page {}, {}: a grid in layout text (a PDF) without its indicator header (一级指标 … 三级指标) is not read; kept as comments", page, name),
    );
}

fn write_target(w: &mut Writer, lines: &[Line], g: &ProjectGrid, file_unit: &str) {
    if let Some(body) = &g.verbatim {
        verbatim(w, lines, g.title_line, body);
        return;
    }
    w.comment(&format!(
        "第{}页 {}",
        lines[g.title_line].page,
        lines[g.title_line].text.trim_start_matches('#').trim()
    ));
    w.open("绩效目标");
    let text = |w: &mut Writer, k: &str| {
        for (_, v) in g.texts.iter().filter(|(kk, _)| *kk == k) {
            let v = if k == "项目期" {
                value_text(v)
            } else {
                quote(v)
            };
            w.line(&format!("{k} {v}"));
        }
    };
    text(w, "项目属性");
    text(w, "项目期");
    for (k, f) in ["实施期资金", "年度资金"].iter().zip(&g.funding) {
        if !f.parts.is_empty() {
            w.line(&format!(
                "{k} {{ {} }}",
                funding_text(f, &g.unit, file_unit)
            ));
        }
    }
    for k in [
        "概况",
        "立项依据",
        "必要性",
        "保证措施",
        "实施计划",
        "实施期目标",
        "年度目标",
    ] {
        text(w, k);
    }
    let [period, year] = &g.indicators;
    if !g.two_sided || period == year {
        write_tree(w, "绩效指标", period);
    } else {
        write_tree(w, "绩效指标 实施期", period);
        write_tree(w, "绩效指标 年度", year);
    }
    if let Some((_, v)) = g.texts.iter().find(|(k, _)| *k == "填报日期") {
        w.line(&format!("填报日期 {}", value_text(v)));
    }
    for l in &g.unplaced {
        w.comment(&format!("未能识别：{}", l.text));
        w.warn(
            span_of(l),
            t!("第{}页 绩效目标申报表：此行未能识别", l.page;
               "page {}, 绩效目标申报表: this line is not recognised", l.page),
        );
    }
    w.close();
}

/// An indicator value: a quantity (`≥47户`, `100%`) as it is, else a word or string.
fn value_text(v: &str) -> String {
    let body = v.trim_start_matches(['≥', '≤', '>', '<', '=']);
    let digits = body.trim_start_matches(|c: char| c.is_ascii_digit() || c == '.' || c == ',');
    // the unit a word (`户`, `万元`, `%`): `≤1000万元,按等级兑现` is text
    let unit_word = digits
        .chars()
        .all(|c| c.is_alphabetic() || c == '%' || c == '‰');
    let quantity = body.starts_with(|c: char| c.is_ascii_digit())
        && unit_word
        && !v.chars().any(|c| c.is_whitespace() || "\"{};#".contains(c))
        && amount(&body[..body.len() - digits.len()]).is_some();
    if quantity {
        v.to_string()
    } else {
        name_word(v)
    }
}

fn write_tree(w: &mut Writer, head: &str, tree: &Tree) {
    w.open(head);
    for (l1, l2s) in tree {
        w.open(&name_word(l1));
        for (l2, items) in l2s {
            if items.is_empty() {
                w.line(&format!("{} {{}}", name_word(l2)));
                continue;
            }
            w.open(&name_word(l2));
            for (l3, v) in items {
                w.line(&format!("{} {}", name_word(l3), value_text(v)));
            }
            w.close();
        }
        w.close();
    }
    w.close();
}

fn write_whole(w: &mut Writer, lines: &[Line], g: &WholeGrid) {
    if let Some(body) = &g.verbatim {
        verbatim(w, lines, g.title_line, body);
        w.blank();
        return;
    }
    w.comment(&format!(
        "第{}页 {}",
        lines[g.title_line].page,
        lines[g.title_line].text.trim_start_matches('#').trim()
    ));
    w.open("整体绩效");
    for (k, v) in &g.facts {
        if v.bytes().all(|b| b.is_ascii_digit()) {
            w.line(&format!("{k} {v}"));
        } else {
            w.line(&format!("{k} {}", quote(v)));
        }
    }
    if let Some(first) = g.computed.first() {
        w.comment("年度预算情况：由各表计算，原文如下");
        for l in &g.computed {
            w.comment(&l.text);
        }
        w.warn(
            span_of(first),
            t!("第{}页 整体支出绩效目标申报表：年度预算情况的数由各表计算，所印的数未作核对，保留为注释", first.page;
               "page {}, 整体支出绩效目标申报表: the 年度预算情况 figures are computed from the tables; the printed ones are kept as comments, not checked", first.page),
        );
    }
    if !g.indicators.is_empty() {
        write_tree(w, "绩效指标", &g.indicators);
    }
    for l in &g.unplaced {
        w.comment(&format!("未能识别：{}", l.text));
        w.warn(
            span_of(l),
            t!("第{}页 整体支出绩效目标申报表：此行未能识别", l.page;
               "page {}, 整体支出绩效目标申报表: this line is not recognised", l.page),
        );
    }
    w.close();
    w.blank();
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr;

    fn d(s: &str) -> Decimal {
        Decimal::from_str(s).unwrap_or_default()
    }

    fn m(s: &str) -> Money {
        Money::yuan(d(s))
    }

    #[test]
    fn a_placement_is_written_only_when_it_is_the_only_one() {
        // 300 + 1000 on the 1300 line, 2.5 + 2.6 + 11.9 on the 17 line
        let items = [m("300"), m("1000"), m("2.5"), m("2.6"), m("11.9")];
        assert_eq!(
            unique_assignment(&items, &[m("17"), m("1300")]),
            Some(vec![1, 1, 0, 0, 0])
        );
        // two equal projects on two equal lines: either way round
        assert_eq!(
            unique_assignment(&[m("5"), m("5")], &[m("5"), m("5")]),
            None
        );
        // no placement at all
        assert_eq!(unique_assignment(&[m("4")], &[m("5")]), None);
    }

    #[test]
    fn the_narrative_counts_split_the_projects() {
        let text = "二级项目5个，共计金额1,317.00万元。其中：其他运转类项目3个，涉及金额17.00万元；\
                    特定目标类项目2个，涉及金额1,300.00万元。公开项目绩效目标4个，其中：其他运转类项目3个，涉及项目金额17.00万元";
        let c = category_counts(text);
        assert_eq!(
            c,
            [
                ("其他运转类", 3, m("170000")),
                ("特定目标类", 2, m("13000000"))
            ]
        );
        let mut ps: Vec<Project> = ["300", "1000", "2.5", "2.6", "11.9"]
            .iter()
            .enumerate()
            .map(|(k, a)| Project {
                name: format!("p{k}"),
                unit: None,
                amounts: Vec::new(),
                carry: Vec::new(),
                total: Money::from_unit(d(a), DisplayUnit::Wanyuan),
                line: 0,
                code: None,
                category: None,
            })
            .collect();
        place_categories(&mut ps, text);
        let got: Vec<Option<&str>> = ps.iter().map(|p| p.category).collect();
        assert_eq!(
            got,
            [
                Some("特定目标类"),
                Some("特定目标类"),
                Some("其他运转类"),
                Some("其他运转类"),
                Some("其他运转类")
            ]
        );
        // counts that do not fit: nothing is written
        let mut two = ps[..2].to_vec();
        for p in &mut two {
            p.category = None;
        }
        place_categories(&mut two, text);
        assert!(two.iter().all(|p| p.category.is_none()));
    }
}
