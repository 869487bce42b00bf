//! The performance grids: the department's 整体支出绩效目标申报表 and each
//! published project's 项目支出绩效目标申报表, as tables with spans; their
//! words are the profile's ([`super::grid_words`]).

use super::document::{Block, Cell, Row, Table};
use super::grid_words::{DepartmentGrid, Grids, IndicatorWords, ProjectGrid, ProjectText};
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
                    l1.name.text.to_string(),
                    l2.name.text.to_string(),
                    String::new(),
                    String::new(),
                ]);
            }
            for it in &l2.items {
                out.push([
                    l1.name.text.to_string(),
                    l2.name.text.to_string(),
                    it.name.text.to_string(),
                    it.value.text.to_string(),
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

/// The department grid's 部门基本信息 rows, as the profile lays them out.
fn department_info(b: &Budget, dp: &DepartmentPerformance, w: &DepartmentGrid) -> Vec<Row> {
    let department = b
        .department_code
        .as_ref()
        .map(|c| format!("{c}-{}", b.department.text))
        .unwrap_or_else(|| b.department.text.to_string());
    w.info
        .rows
        .iter()
        .map(|cells| {
            row(cells
                .iter()
                .map(|cell| {
                    let text = match (&cell.text, &cell.fact, cell.department) {
                        (Some(t), _, _) => t.clone(),
                        (_, Some(f), _) => format!("{}{}", dept_fact(dp, f), cell.word),
                        (_, _, true) => department.clone(),
                        _ => String::new(),
                    };
                    c(text).span(cell.cols, cell.rows)
                })
                .collect())
        })
        .collect()
}

/// The department grid's 年度预算情况 rows: the funding by source beside
/// the funding by direction, one row per source of the profile's.
fn department_budget(b: &Budget, w: &DepartmentGrid) -> Vec<Row> {
    let d = &b.derived;
    let w = &w.budget;
    let src = |key: Option<&str>| {
        let s = key.and_then(super::figures::source_by_key);
        wan(s
            .and_then(|s| d.income_by_source.get(&s).copied())
            .unwrap_or_default())
    };
    let directions = [d.expenditure.basic, d.expenditure.project];
    let n = w.sources.len().max(directions.len());
    let mut head = vec![c(&w.label).span(1, n as u32 + 2)];
    head.extend(w.header.iter().map(c));
    let mut rows = vec![
        row(head),
        row(vec![
            c(&w.total),
            wan(d.income_total),
            c(&w.total),
            wan(d.income_total),
        ]),
    ];
    for k in 0..n {
        let (sl, sm) = match w.sources.get(k) {
            Some(f) => (c(&f.label), src(f.source.as_deref())),
            None => (c(""), c("")),
        };
        let (dl, dm) = match (w.directions.get(k), directions.get(k)) {
            (Some(l), Some(m)) => (c(l), wan(*m)),
            _ => (c(""), c("")),
        };
        rows.push(row(vec![sl, sm, dl, dm]));
    }
    rows
}

/// The header row of one indicator block: its label over `n` rows, then
/// the header of the period's side and, for a project, the year's side
/// without its 一级 column.
fn indicator_head(w: &IndicatorWords, n: usize, both: bool) -> Row {
    let mut cells = vec![c(&w.label).span(1, n as u32 + 1)];
    cells.extend(w.header.iter().map(c));
    if both {
        cells.extend(w.header[1..].iter().map(c));
    }
    row(cells)
}

fn department(b: &Budget, dp: &DepartmentPerformance, title: &str, w: &DepartmentGrid) -> Block {
    let fact = |k: &str| dept_fact(dp, k);
    let mut rows = department_info(b, dp, w);
    rows.extend(department_budget(b, w));
    rows.extend([
        row(vec![
            c(&w.tasks).span(1, 2),
            c(&w.tasks_header[0]).span(2, 1),
            c(&w.tasks_header[1]).span(2, 1),
        ]),
        row(vec![
            c(fact("核心职能")).span(2, 1),
            c(fact("重点任务")).span(2, 1),
        ]),
        row(vec![c(&w.goal), c(fact("年度目标")).span(4, 1)]),
    ]);
    let ind = flat(&dp.indicators);
    rows.push(indicator_head(&w.indicators, ind.len(), false));
    for r in ind {
        rows.push(row(r.iter().map(|t| c(t.clone())).collect()));
    }
    table(
        "perf-department".into(),
        title.to_string(),
        w.subtitle.clone(),
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

fn project(
    b: &Budget,
    p: &Project,
    t: &ProjectTarget,
    title: &str,
    n: usize,
    w: &ProjectGrid,
) -> Block {
    let code = b
        .department_code
        .as_ref()
        .map(|c| format!("{c}-{}", b.department.text))
        .unwrap_or_else(|| b.department.text.to_string());
    let unit = p
        .unit
        .as_ref()
        .map(|u| u.text.to_string())
        .or_else(|| b.units.first().map(|u| u.name.text.to_string()))
        .unwrap_or_default();
    let txt = |o: &Option<String>| o.clone().unwrap_or_default();
    let f = funding_rows(t.funding_period.as_ref(), t.funding_year.as_ref());
    let mut rows = vec![
        row(vec![
            c(&w.name).span(2, 1),
            c(p.name.text.to_string()).span(6, 1),
        ]),
        row(vec![
            c(&w.department).span(2, 1),
            c(code).span(2, 1),
            c(&w.unit),
            c(unit).span(3, 1),
        ]),
        row(vec![
            c(&w.attribute).span(2, 1),
            c(txt(&t.attribute)).span(2, 1),
            c(&w.period),
            c(txt(&t.period)).span(3, 1),
        ]),
    ];
    for (i, amounts) in f.iter().enumerate() {
        let (pl, yl) = match i {
            0 => (&w.funds_total[0], &w.funds_total[1]),
            _ => (&w.fund_sources[i - 1], &w.fund_sources[i - 1]),
        };
        let mut cells = Vec::new();
        if i == 0 {
            cells.push(c(&w.funds).span(2, f.len() as u32));
        }
        cells.extend([
            c(pl),
            amounts[0].clone(),
            c(yl),
            amounts[1].clone().span(3, 1),
        ]);
        rows.push(row(cells));
    }
    for r in &w.texts {
        let v = match r.text {
            ProjectText::Overview => &t.overview,
            ProjectText::Basis => &t.basis,
            ProjectText::Necessity => &t.necessity,
            ProjectText::Safeguards => &t.safeguards,
            ProjectText::Plan => &t.plan,
        };
        rows.push(row(vec![c(&r.label).span(2, 1), c(txt(v)).span(6, 1)]));
    }
    rows.extend(project_targets(t, w));
    let s = &w.signature;
    rows.push(row(vec![
        c(&s[0]).span(2, 1),
        c(&s[1]).span(2, 1),
        c(&s[2]).span(2, 1),
        c(&s[3]),
        c(txt(&t.filed)),
    ]));
    table(
        format!("perf-project-{n}"),
        title.to_string(),
        w.subtitle.clone(),
        8,
        rows,
    )
}

/// The project grid's 总体目标 and 绩效指标 rows: the period's indicators
/// beside the year's (the period's when the year has none of its own).
fn project_targets(t: &ProjectTarget, w: &ProjectGrid) -> Vec<Row> {
    let txt = |o: &Option<String>| o.clone().unwrap_or_default();
    let mut rows = Vec::new();
    let goal_year = t
        .goal_year
        .clone()
        .or_else(|| t.goal_period.clone())
        .unwrap_or_default();
    rows.push(row(vec![
        c("").span(2, 1),
        c(&w.goals_header[0]).span(3, 1),
        c(&w.goals_header[1]).span(3, 1),
    ]));
    rows.push(row(vec![
        c(&w.goals).span(2, 1),
        c(txt(&t.goal_period)).span(3, 1),
        c(goal_year).span(3, 1),
    ]));
    let per = flat(&t.indicators_period);
    let yr = flat(t.indicators_year.as_ref().unwrap_or(&t.indicators_period));
    let n_rows = per.len().max(yr.len());
    rows.push(indicator_head(&w.indicators, n_rows, true));
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

/// What a section draws (`performance = "…"`): the department's grid, the
/// projects' or both.
pub const WHICH: &[&str] = &["department", "projects", "all"];

/// Whether `which` draws the department's grid and the projects'.
pub fn draws(which: &str) -> Option<(bool, bool)> {
    match which {
        "department" => Some((true, false)),
        "projects" => Some((false, true)),
        "all" => Some((true, true)),
        _ => None,
    }
}

/// The grids `which` draws (`department`, `projects` or `all`), with the
/// profile's words; `subst` fills a subtitle's `{{ year }}`.
pub fn grids(
    b: &Budget,
    which: &str,
    titles: (&str, &str),
    words: &Grids,
    subst: &dyn Fn(&str) -> String,
) -> Result<Vec<Block>, RenderError> {
    let (dept, projects) = draws(which).ok_or_else(|| {
        RenderError::new(format!(
            "unknown performance `{which}` ({})",
            WHICH.join(", ")
        ))
    })?;
    let missing = |grid: &str| {
        RenderError::new(format!(
            "performance `{which}`: tables.toml has no [performance.{grid}] (the grid's words)"
        ))
    };
    let mut out = Vec::new();
    if dept {
        let mut w = words
            .department
            .clone()
            .ok_or_else(|| missing("department"))?;
        w.subtitle = subst(&w.subtitle);
        if let Some(dp) = &b.department_performance {
            out.push(department(b, dp, titles.0, &w));
        }
    }
    if projects {
        let mut w = words.project.clone().ok_or_else(|| missing("project"))?;
        w.subtitle = subst(&w.subtitle);
        for (i, p) in b.projects.iter().filter(|p| p.published).enumerate() {
            if let Some(t) = &p.target {
                out.push(project(b, p, t, titles.1, i + 1, &w));
            }
        }
    }
    Ok(out)
}
