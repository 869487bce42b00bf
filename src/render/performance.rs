//! The performance grids: the department's 整体支出绩效目标申报表 and each
//! published project's 项目支出绩效目标申报表, as tables with spans.

use super::document::{Block, Cell, Row, Table};
use super::tables::amount_cell;
use super::RenderError;
use crate::model::money::{DisplayUnit, Money};
use crate::model::print::{NumberStyle, PrintStyle};
use crate::model::*;

fn c(t: impl Into<String>) -> Cell {
    Cell::text(t)
}

fn row(cells: Vec<Cell>) -> Row {
    Row {
        cells,
        class: String::new(),
    }
}

/// An amount cell (a number in spreadsheets); zero shown as `0` / `0.00`.
fn yuan(m: Money) -> Cell {
    amount_cell(
        m,
        &NumberStyle::new(DisplayUnit::Yuan, &PrintStyle::default()),
        "0",
    )
}

fn wan(m: Money) -> Cell {
    amount_cell(
        m,
        &NumberStyle::new(DisplayUnit::Wanyuan, &PrintStyle::default()),
        "0.00",
    )
}

/// Flatten indicators: (一级, 二级, 三级, 指标值), an empty 二级 as one blank row.
fn flat(ind: &Indicators) -> Vec<[String; 4]> {
    let mut out = Vec::new();
    for l1 in &ind.level1 {
        for l2 in &l1.level2 {
            if l2.items.is_empty() {
                out.push([
                    l1.name.text.clone(),
                    l2.name.text.clone(),
                    String::new(),
                    String::new(),
                ]);
            }
            for it in &l2.items {
                out.push([
                    l1.name.text.clone(),
                    l2.name.text.clone(),
                    it.name.text.clone(),
                    it.value.text.clone(),
                ]);
            }
        }
    }
    // show a 一级/二级 name only where it changes
    let mut prev: [String; 2] = [String::new(), String::new()];
    for r in out.iter_mut() {
        let cur = [r[0].clone(), r[1].clone()];
        if cur[0] == prev[0] {
            r[0].clear();
            if cur[1] == prev[1] {
                r[1].clear();
            }
        }
        prev = cur;
    }
    out
}

fn table(id: String, title: String, subtitle: String, columns: usize, rows: Vec<Row>) -> Block {
    Block::Table(Table {
        id,
        label: String::new(),
        title,
        meta: vec![subtitle],
        header: Vec::new(),
        fit: super::columns::column_fit(&[], &rows, columns),
        rows,
        note: None,
        columns,
        widths: vec![3; columns],
        landscape: false,
        font_size: super::columns::FONT_SIZE,
        min_font_size: super::columns::MIN_FONT_SIZE,
    })
}

/// A fact of the department grid (`整体绩效 { 部门职责 "…" }`), or empty.
fn dept_fact(dp: &DepartmentPerformance, k: &str) -> String {
    dp.facts
        .iter()
        .find(|(x, _)| x == k)
        .map(|(_, v)| v.clone())
        .unwrap_or_default()
}

/// The department grid's 部门基本信息 rows.
fn department_info(b: &Budget, dp: &DepartmentPerformance) -> Vec<Row> {
    let fact = |k: &str| dept_fact(dp, k);
    let code = b
        .department_code
        .as_ref()
        .map(|c| format!("{c}-{}", b.department.text))
        .unwrap_or_else(|| b.department.text.clone());
    vec![
        row(vec![
            c("部门基本信息").span(1, 5),
            c("部门名称"),
            c(code).span(3, 1),
        ]),
        row(vec![
            c("内设职能部门数"),
            c(format!("{}个", fact("内设职能部门数"))),
            c("所属预算单位数"),
            c(format!("{}个", fact("所属预算单位数"))),
        ]),
        row(vec![
            c("核定的人员编制数"),
            c(format!("{}人", fact("核定编制"))),
            c("实际在职人员总数"),
            c(format!("{}人", fact("在职人员"))),
        ]),
        row(vec![
            c(""),
            c(""),
            c("其中:在编人员数"),
            c(format!("{}人", fact("在编人员"))),
        ]),
        row(vec![
            c("其他人员数"),
            c(format!("{}人", fact("其他人员"))).span(3, 1),
        ]),
        row(vec![c("部门职责"), c(fact("部门职责")).span(4, 1)]),
        row(vec![c("部门战略目标"), c(fact("战略目标")).span(4, 1)]),
    ]
}

/// The department grid's 年度预算情况 rows: the funding by source and by
/// direction.
fn department_budget(b: &Budget) -> Vec<Row> {
    let d = &b.derived;
    let src = |s: Source| wan(d.income_by_source.get(&s).copied().unwrap_or_default());
    vec![
        row(vec![
            c("年度预算情况").span(1, 8),
            c("按资金来源划分"),
            c("资金总额(万元)"),
            c("按资金方向划分"),
            c("资金总额(万元)"),
        ]),
        row(vec![
            c("合计"),
            (wan(d.income_total)),
            c("合计"),
            (wan(d.income_total)),
        ]),
        row(vec![
            c("其中:一般公共预算资金"),
            (src(Source::GeneralPublic)),
            c("其中:基本支出"),
            (wan(d.expenditure.basic)),
        ]),
        row(vec![
            c("政府性基金预算资金"),
            (src(Source::GovernmentFund)),
            c("项目支出"),
            (wan(d.expenditure.project)),
        ]),
        row(vec![
            c("国有资本经营预算资金"),
            (src(Source::StateCapital)),
            c(""),
            c(""),
        ]),
        row(vec![
            c("社会保险基金预算资金"),
            (wan(Money::ZERO)),
            c(""),
            c(""),
        ]),
        row(vec![
            c("专户管理资金"),
            (src(Source::SpecialAccount)),
            c(""),
            c(""),
        ]),
        row(vec![c("单位资金"), (src(Source::UnitFunds)), c(""), c("")]),
    ]
}

fn department(b: &Budget, dp: &DepartmentPerformance, title: &str) -> Block {
    let fact = |k: &str| dept_fact(dp, k);
    let mut rows = department_info(b, dp);
    rows.extend(department_budget(b));
    rows.extend([
        row(vec![
            c("年度重点任务").span(1, 2),
            c("核心职能").span(2, 1),
            c("重点任务").span(2, 1),
        ]),
        row(vec![
            c(fact("核心职能")).span(2, 1),
            c(fact("重点任务")).span(2, 1),
        ]),
        row(vec![c("年度绩效目标"), c(fact("年度目标")).span(4, 1)]),
    ]);
    let ind = flat(&dp.indicators);
    rows.push(row(vec![
        c("年度绩效指标").span(1, ind.len() as u32 + 1),
        c("一级指标"),
        c("二级指标"),
        c("三级指标"),
        c("指标值"),
    ]));
    for r in ind {
        rows.push(row(r.iter().map(|t| c(t.clone())).collect()));
    }
    table(
        "perf-department".into(),
        title.to_string(),
        format!("({})年度", b.year),
        5,
        rows,
    )
}

fn funding_rows(p: Option<&FundingSplit>, y: Option<&FundingSplit>) -> Vec<[Cell; 2]> {
    let get = |f: Option<&FundingSplit>, i: usize| -> Cell {
        f.map(|f| {
            let m = [f.total(), f.central, f.provincial, f.local, f.own, f.other][i];
            if i == 5 && m.is_zero() {
                c("")
            } else {
                yuan(m)
            }
        })
        .unwrap_or_else(|| c(""))
    };
    (0..6).map(|i| [get(p, i), get(y, i)]).collect()
}

fn project(b: &Budget, p: &Project, t: &ProjectTarget, title: &str, n: usize) -> Block {
    let code = b
        .department_code
        .as_ref()
        .map(|c| format!("{c}-{}", b.department.text))
        .unwrap_or_else(|| b.department.text.clone());
    let unit = p
        .unit
        .as_ref()
        .map(|u| u.text.clone())
        .or_else(|| b.units.first().map(|u| u.name.text.clone()))
        .unwrap_or_default();
    let txt = |o: &Option<String>| o.clone().unwrap_or_default();
    let f = funding_rows(t.funding_period.as_ref(), t.funding_year.as_ref());
    let labels = [
        "资金总额:",
        "其中:中央财政资金",
        "省级财政资金",
        "市县(区)财政资金",
        "单位自筹",
        "其他资金",
    ];
    let mut rows = vec![
        row(vec![
            c("项目名称").span(2, 1),
            c(p.name.text.clone()).span(6, 1),
        ]),
        row(vec![
            c("主管部门及代码").span(2, 1),
            c(code).span(2, 1),
            c("实施单位"),
            c(unit).span(3, 1),
        ]),
        row(vec![
            c("项目属性").span(2, 1),
            c(txt(&t.attribute)).span(2, 1),
            c("项目期"),
            c(txt(&t.period)).span(3, 1),
        ]),
    ];
    for (i, l) in labels.iter().enumerate() {
        let (pl, yl) = if i == 0 {
            ("实施期资金总额:".to_string(), "年度资金总额:".to_string())
        } else {
            (l.to_string(), l.to_string())
        };
        let mut cells = Vec::new();
        if i == 0 {
            cells.push(c("项目资金(元)").span(2, 6));
        }
        cells.extend([c(pl), f[i][0].clone(), c(yl), f[i][1].clone().span(3, 1)]);
        rows.push(row(cells));
    }
    for (l, v) in [
        ("项目概况", &t.overview),
        ("立项依据", &t.basis),
        ("项目设立必要性", &t.necessity),
        ("保证项目实施的制度、措施", &t.safeguards),
        ("项目实施计划", &t.plan),
    ] {
        rows.push(row(vec![c(l).span(2, 1), c(txt(v)).span(6, 1)]));
    }
    rows.extend(project_targets(t));
    rows.push(row(vec![
        c("负责人:").span(2, 1),
        c("经办人:").span(2, 1),
        c("联系电话:").span(2, 1),
        c("填报日期:"),
        c(txt(&t.filed)),
    ]));
    table(
        format!("perf-project-{n}"),
        title.to_string(),
        format!("({}年度)", b.year),
        8,
        rows,
    )
}

/// The project grid's 总体目标 and 绩效指标 rows: the period's indicators
/// beside the year's (the period's when the year has none of its own).
fn project_targets(t: &ProjectTarget) -> Vec<Row> {
    let txt = |o: &Option<String>| o.clone().unwrap_or_default();
    let mut rows = Vec::new();
    let goal_year = t
        .goal_year
        .clone()
        .or_else(|| t.goal_period.clone())
        .unwrap_or_default();
    rows.push(row(vec![
        c("").span(2, 1),
        c("实施期目标").span(3, 1),
        c("年度目标").span(3, 1),
    ]));
    rows.push(row(vec![
        c("总体目标").span(2, 1),
        c(txt(&t.goal_period)).span(3, 1),
        c(goal_year).span(3, 1),
    ]));
    let per = flat(&t.indicators_period);
    let yr = flat(t.indicators_year.as_ref().unwrap_or(&t.indicators_period));
    let n_rows = per.len().max(yr.len());
    rows.push(row(vec![
        c("绩效指标").span(1, n_rows as u32 + 1),
        c("一级指标"),
        c("二级指标"),
        c("三级指标"),
        c("指标值"),
        c("二级指标"),
        c("三级指标"),
        c("指标值"),
    ]));
    let blank = [String::new(), String::new(), String::new(), String::new()];
    for i in 0..n_rows {
        let a = per.get(i).unwrap_or(&blank);
        let y = yr.get(i).unwrap_or(&blank);
        rows.push(row(vec![
            c(a[0].clone()),
            c(a[1].clone()),
            c(a[2].clone()),
            c(a[3].clone()),
            c(y[1].clone()),
            c(y[2].clone()),
            c(y[3].clone()),
        ]));
    }
    rows
}

/// `which`: `department`, `projects` or `all`.
pub fn grids(b: &Budget, which: &str, titles: (&str, &str)) -> Result<Vec<Block>, RenderError> {
    let mut out = Vec::new();
    if matches!(which, "department" | "all") {
        if let Some(dp) = &b.department_performance {
            out.push(department(b, dp, titles.0));
        }
    }
    if matches!(which, "projects" | "all") {
        for (i, p) in b.projects.iter().filter(|p| p.published).enumerate() {
            if let Some(t) = &p.target {
                out.push(project(b, p, t, titles.1, i + 1));
            }
        }
    }
    if !matches!(which, "department" | "projects" | "all") {
        return Err(RenderError::new(format!("unknown performance `{which}`")));
    }
    Ok(out)
}
