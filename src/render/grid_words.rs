//! The words of the 绩效目标 grids (`[performance.department]` and
//! `[performance.project]` in a profile's tables.toml): every label, header
//! and unit word the grids print, and the rows whose number is the
//! province's (the funding sources of the department grid, the texts of a
//! project grid). [`super::performance`] lays them out; a province with
//! other headings writes other words here, with no Rust to change.

use serde::{Deserialize, Serialize};

/// The grids a section may draw (`performance = "department"`,
/// `"projects"` or `"all"`): a grid the profile draws has its words.
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
pub struct Grids {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub department: Option<DepartmentGrid>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub project: Option<ProjectGrid>,
}

/// The block of indicators: its label in the first column and the header
/// of one side (一级, 二级, 三级 indicator, value). The project grid prints
/// the year's side without its 一级 column.
#[derive(Debug, Clone, Deserialize, Serialize)]
pub struct IndicatorWords {
    pub label: String,
    pub header: [String; 4],
}

/// The department's 整体支出绩效目标 grid.
#[derive(Debug, Clone, Deserialize, Serialize)]
pub struct DepartmentGrid {
    /// The line under the title (`{{ year }}` is the year).
    pub subtitle: String,
    pub info: DepartmentInfo,
    pub budget: DepartmentBudget,
    /// 年度重点任务, over [核心职能, 重点任务].
    pub tasks: String,
    pub tasks_header: [String; 2],
    /// 年度绩效目标.
    pub goal: String,
    pub indicators: IndicatorWords,
}

/// The 部门基本信息 rows as the province lays them out: each row a list of
/// cells, left to right.
#[derive(Debug, Clone, Deserialize, Serialize)]
pub struct DepartmentInfo {
    pub rows: Vec<Vec<InfoCell>>,
}

/// One cell of the 部门基本信息 rows: a label (`text`), a fact of
/// `整体绩效` (`fact`, its key, printed with `word` after it: 个, 人), or the
/// department's code and name (`department = true`); `{}` is a blank cell.
/// `cols` and `rows` are how many columns and rows it spans.
#[derive(Debug, Clone, Deserialize, Serialize)]
pub struct InfoCell {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub text: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub fact: Option<String>,
    #[serde(default)]
    pub word: String,
    #[serde(default)]
    pub department: bool,
    #[serde(default = "one")]
    pub cols: u32,
    #[serde(default = "one")]
    pub rows: u32,
}

fn one() -> u32 {
    1
}

/// The 年度预算情况 rows: a header, the 合计 row, then the funding by
/// source beside the funding by direction (基本支出, 项目支出), one row
/// per source.
#[derive(Debug, Clone, Deserialize, Serialize)]
pub struct DepartmentBudget {
    pub label: String,
    pub header: [String; 4],
    pub total: String,
    pub sources: Vec<FundRow>,
    /// The labels of 基本支出 and 项目支出.
    pub directions: [String; 2],
}

/// One source of the funding: its label, and the source whose income it
/// prints (a key of `income.SOURCE`); or `never = true` for a fund that a
/// department's budget never has (社会保险基金: its own budget), whose row
/// the grid still prints, as 0.00. One of the two is required (profile
/// check), so no figure the file lacks is printed as a zero by omission.
#[derive(Debug, Clone, Deserialize, Serialize)]
pub struct FundRow {
    pub label: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub never: bool,
}

/// A published project's 项目支出绩效目标 grid.
#[derive(Debug, Clone, Deserialize, Serialize)]
pub struct ProjectGrid {
    /// The line under the title (`{{ year }}` is the year).
    pub subtitle: String,
    /// 项目名称, 主管部门及代码, 实施单位, 项目属性, 项目期.
    pub name: String,
    pub department: String,
    pub unit: String,
    pub attribute: String,
    pub period: String,
    /// 项目资金(元), the period's and the year's total, then the labels of
    /// 中央, 省级, 市县, 自筹, 其他 (a zero 其他 prints blank).
    pub funds: String,
    pub funds_total: [String; 2],
    pub fund_sources: [String; 5],
    /// The project's texts, in the grid's order.
    pub texts: Vec<TextRow>,
    /// [实施期目标, 年度目标] over the 总体目标 row.
    pub goals_header: [String; 2],
    pub goals: String,
    pub indicators: IndicatorWords,
    /// 负责人, 经办人, 联系电话, 填报日期 (the last beside its date).
    pub signature: [String; 4],
}

/// A text row of the project grid: its label and the `绩效目标` fact it
/// prints.
#[derive(Debug, Clone, Deserialize, Serialize)]
pub struct TextRow {
    pub label: String,
    pub text: ProjectText,
}

/// The texts of a project's `绩效目标` a grid row may print.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ProjectText {
    /// 项目概况
    Overview,
    /// 立项依据
    Basis,
    /// 项目设立必要性
    Necessity,
    /// 保证项目实施的制度、措施
    Safeguards,
    /// 项目实施计划
    Plan,
}

/// The grid words' problems (dotted place in tables.toml, message): a
/// source the renderer does not know, a row without its source, an
/// information cell that is not one label, fact or the department, or whose
/// fact `整体绩效` does not have.
pub fn problems(g: &Grids) -> Vec<(String, String)> {
    let mut out = Vec::new();
    if let Some(d) = &g.department {
        for (r, row) in d.info.rows.iter().enumerate() {
            for (k, cell) in row.iter().enumerate() {
                let at = format!("performance.department.info.rows[{r}][{k}]");
                out.extend(info_cell_problem(cell).map(|m| (at, m)));
            }
        }
        for (i, s) in d.budget.sources.iter().enumerate() {
            let at = format!("performance.department.budget.sources[{i}]");
            match (&s.source, s.never) {
                (None, false) => out.push((at, "a row needs its `source`, or `never = true` for a fund a department's budget never has".into())),
                (Some(_), true) => out.push((at, "a row with a `source` cannot be `never`".into())),
                _ => {}
            }
            let Some(key) = &s.source else { continue };
            if super::figures::source_by_key(key).is_none() {
                out.push((
                    format!("performance.department.budget.sources[{i}].source"),
                    format!("unknown source `{key}`"),
                ));
            }
        }
    }
    out
}

/// What is wrong with one 部门基本信息 cell, if anything.
fn info_cell_problem(cell: &InfoCell) -> Option<String> {
    use crate::schema::{self, Place, ValueKind};
    let kinds = usize::from(cell.text.is_some())
        + usize::from(cell.fact.is_some())
        + usize::from(cell.department);
    if kinds > 1 {
        return Some("a cell is one of `text`, `fact` or `department = true`".into());
    }
    if !cell.word.is_empty() && cell.fact.is_none() {
        return Some("`word` follows a `fact`: this cell has none".into());
    }
    if cell.cols == 0 || cell.rows == 0 {
        return Some("`cols` and `rows` are at least 1".into());
    }
    let fact = cell.fact.as_deref()?;
    // a count or a text of 整体绩效 (not its indicators)
    let is_fact = |k: &&schema::Key| matches!(k.value, ValueKind::Count | ValueKind::Text);
    let known = schema::find(Place::DepartmentPerformance, fact)
        .filter(is_fact)
        .is_some_and(|k| k.word == fact);
    (!known).then(|| {
        let facts: Vec<&str> = schema::keys(Place::DepartmentPerformance)
            .filter(is_fact)
            .map(|k| k.word)
            .collect();
        format!("`整体绩效` has no fact `{fact}` ({})", facts.join(", "))
    })
}
