//! The Shanxi 绩效目标申报表 grids: the department's 整体支出 grid and one
//! 项目支出 grid per project, read from their rows (tab form, the
//! spreadsheet's sheets, or `pdftotext -layout` lines of short cells).
//!
//! A grid is found by its title (a line ending in `申报表` or `绩效目标表`)
//! and runs to the next grid, table or heading. Its rows are read by what
//! their first cell says (`项目名称`, `项目资金(元)`, `总体目标` …); the
//! indicator rows by what each cell is — a 一级 name (产出指标, 效益指标,
//! 满意度指标), a 二级 name (数量指标 … 服务对象满意度指标), else a 三级 name
//! and its value — because the published grids shift cells of merged
//! columns left or right. A two-sided grid (实施期 | 年度) starts its right
//! side at the second 二级 name or at the second 三级 pair of a row.

use super::text::{amount, is_title, Line};

/// 一级 → 二级 → (三级, 指标值).
pub type Tree = Vec<(String, Vec<(String, Vec<(String, String)>)>)>;

/// One side of a project's funding (`实施期资金` / `年度资金`), as printed.
#[derive(Debug, Default, Clone, PartialEq)]
pub struct Funding {
    pub parts: Vec<(&'static str, String)>,
}

/// A 项目支出绩效目标申报表.
#[derive(Debug, Default, Clone)]
pub struct ProjectGrid {
    pub title_line: usize,
    pub name: Option<String>,
    /// `(key, text)` in the language's words: 项目属性, 项目期, 概况 …
    pub texts: Vec<(&'static str, String)>,
    pub unit: String,
    pub funding: [Funding; 2],
    pub indicators: [Tree; 2],
    pub two_sided: bool,
    /// The 实施单位 printed (compared with the project's unit).
    pub implementer: Option<String>,
    /// Rows not read (kept as comments, reported).
    pub unplaced: Vec<Line>,
    /// A grid in layout form (a PDF's text) whose rows could not be rebuilt
    /// (no indicator header): only its 项目名称 is read; its lines are kept
    /// as comments.
    pub verbatim: Option<Vec<usize>>,
}

/// The department's 整体支出绩效目标申报表.
#[derive(Debug, Default, Clone)]
pub struct WholeGrid {
    pub title_line: usize,
    /// `(key, value)`: counts (`0`) and texts.
    pub facts: Vec<(&'static str, String)>,
    pub indicators: Tree,
    /// The 年度预算情况 rows: figures the renderer computes from the tables.
    pub computed: Vec<Line>,
    pub unplaced: Vec<Line>,
    /// In layout form without an indicator header: not read, its lines
    /// kept as comments.
    pub verbatim: Option<Vec<usize>>,
}

#[derive(Debug, Clone)]
pub enum Grid {
    Whole(WholeGrid),
    Project(ProjectGrid),
}

/// Is this line a grid's title?
pub fn is_grid_title(line: &Line) -> bool {
    let t = line.text.trim_start_matches('#').trim();
    let t = t.trim_end_matches('\t').trim();
    line.filled().count() == 1
        && t.chars().count() <= 60
        && !t.contains("……")
        && !t.contains(".....")
        && !t.contains('见')
        && (t.ends_with("申报表") || t.ends_with("绩效目标表"))
}

/// A section heading of the narrative in layout form: `十一、国有资产占有使用情况`.
fn is_section(l: &Line) -> bool {
    let t = l.text.as_str();
    let ordinal = t.split_once('、').is_some_and(|(h, _)| {
        !h.is_empty() && h.chars().all(|c| "一二三四五六七八九十".contains(c))
    });
    !l.tabbed && ordinal && l.filled().count() == 1 && t.chars().count() <= 30
}

/// The grids of the document, each with the lines it spans.
pub fn find(lines: &[Line]) -> Vec<(usize, Vec<usize>)> {
    let mut out: Vec<(usize, Vec<usize>)> = Vec::new();
    let mut open: Option<(usize, Vec<usize>)> = None;
    for (i, l) in lines.iter().enumerate() {
        if is_grid_title(l) {
            // the open grid's title repeated on a new page: it goes on
            if open.as_ref().is_some_and(|(t, _)| lines[*t].text == l.text) {
                continue;
            }
            if let Some(g) = open.take() {
                out.push(g);
            }
            open = Some((i, Vec::new()));
            continue;
        }
        if l.text.starts_with('#') || is_title(l) || is_section(l) {
            if let Some(g) = open.take() {
                out.push(g);
            }
            continue;
        }
        if let Some((_, v)) = open.as_mut() {
            if !l.text.is_empty() {
                v.push(i);
            }
            // a project grid ends with its 负责人 … 填报日期 row
            if l.filled()
                .any(|c| c.text.replace(' ', "").starts_with("填报日期"))
            {
                out.extend(open.take());
            }
        }
    }
    out.extend(open);
    out
}

/// The department's code where a grid prints it before the name
/// (`部门名称 623-山西…促进部`, `主管部门及代码 623-…`).
pub fn department_code(lines: &[Line], department: &str) -> Option<String> {
    lines.iter().find_map(|l| {
        let t = cells(l);
        let k = t
            .iter()
            .position(|c| c == "部门名称" || c.starts_with("主管部门及代码"))?;
        let (code, name) = t.get(k + 1)?.split_once('-')?;
        (name == department && !code.is_empty() && code.bytes().all(|b| b.is_ascii_digit()))
            .then(|| code.to_string())
    })
}

/// Read one grid.
pub fn read(title_line: usize, body: &[usize], lines: &[Line], input: &str) -> Grid {
    let title = &lines[title_line].text;
    let whole = title.contains("整体");
    let tabbed = body.iter().filter(|&&i| lines[i].tabbed).count();
    if tabbed * 2 < body.len() {
        // layout form: a cell's text wraps over several lines of the
        // column; its rows rebuilt as the tab form has them
        if let Some(rows) = super::layout_grid::rows(body, lines, input) {
            let all: Vec<usize> = (0..rows.len()).collect();
            return if whole {
                Grid::Whole(WholeGrid {
                    title_line,
                    ..read_whole(&all, &rows)
                })
            } else {
                Grid::Project(ProjectGrid {
                    title_line,
                    ..read_project(&all, &rows)
                })
            };
        }
        let name = body.iter().find_map(|&i| {
            let t = cells(&lines[i]);
            (t.first().map(String::as_str) == Some("项目名称"))
                .then(|| t.get(1).cloned())
                .flatten()
        });
        return if whole {
            Grid::Whole(WholeGrid {
                title_line,
                verbatim: Some(body.to_vec()),
                ..WholeGrid::default()
            })
        } else {
            Grid::Project(ProjectGrid {
                title_line,
                name,
                verbatim: Some(body.to_vec()),
                ..ProjectGrid::default()
            })
        };
    }
    if whole {
        Grid::Whole(WholeGrid {
            title_line,
            ..read_whole(body, lines)
        })
    } else {
        Grid::Project(ProjectGrid {
            title_line,
            ..read_project(body, lines)
        })
    }
}

fn cells(line: &Line) -> Vec<String> {
    line.filled()
        .map(|c| c.text.replace(' ', "").replace('：', ":"))
        .collect()
}

/// `(2024年度)`, `(2024)年度`: the grid's year line.
fn is_year_line(t: &[String]) -> bool {
    t.len() == 1 && t[0].contains("年度") && t[0].chars().count() <= 12
}

fn read_project(body: &[usize], lines: &[Line]) -> ProjectGrid {
    let mut g = ProjectGrid {
        unit: "元".to_string(),
        ..ProjectGrid::default()
    };
    let mut ind: Option<Indicators> = None;
    // after the `实施期目标 | 年度目标` header: the two goals
    let mut goals_next = false;
    for &i in body {
        let t = cells(&lines[i]);
        if t.is_empty() || is_year_line(&t) {
            continue;
        }
        if t[0].starts_with("负责人") || t.iter().any(|c| c.starts_with("填报日期")) {
            if let Some(v) = after(&t, "填报日期") {
                g.texts.push(("填报日期", v));
            }
            if let Some(state) = ind.take() {
                g.indicators = state.trees;
            }
            continue;
        }
        if let Some(state) = ind.as_mut() {
            state.row(&t, &lines[i]);
            continue;
        }
        if t[0] == "绩效指标" || t[0] == "年度绩效指标" {
            let sides = t.iter().filter(|c| *c == "二级指标").count();
            g.two_sided = sides == 2;
            ind = Some(Indicators::new(g.two_sided, split_col(&lines[i])));
            continue;
        }
        // the header row, with the merged 总体目标 label or without it
        let head = t.first().map(String::as_str) == Some("总体目标");
        if t[usize::from(head)..] == ["实施期目标", "年度目标"] {
            goals_next = true;
            continue;
        }
        if std::mem::take(&mut goals_next) && !head && t.len() <= 2 {
            g.texts.push(("实施期目标", t[0].clone()));
            if let Some(v) = t.get(1) {
                g.texts.push(("年度目标", v.clone()));
            }
            continue;
        }
        if !project_row(&mut g, &t) {
            g.unplaced.push(lines[i].clone());
        }
    }
    if let Some(state) = ind {
        g.indicators = state.trees;
    }
    g
}

/// The column where the right side of a two-sided grid starts (the second
/// `二级指标` of its header), for rows whose side their cells do not tell.
fn split_col(header: &Line) -> usize {
    header
        .filled()
        .filter(|c| c.text == "二级指标")
        .nth(1)
        .map(|c| c.col)
        .unwrap_or(usize::MAX)
}

/// The text after the cell that starts with `key`.
fn after(t: &[String], key: &str) -> Option<String> {
    let k = t.iter().position(|c| c.starts_with(key))?;
    let inline = t[k][key.len()..].trim_start_matches(':').trim();
    if !inline.is_empty() {
        return Some(inline.to_string());
    }
    t.get(k + 1).filter(|v| !v.ends_with(':')).cloned()
}

/// A non-indicator row of a project grid; false when not understood.
fn project_row(g: &mut ProjectGrid, t: &[String]) -> bool {
    let first = t[0].as_str();
    let rest = || t[1..].join("");
    let key: Option<&'static str> = match first {
        "项目名称" => {
            g.name = t.get(1).cloned();
            return g.name.is_some();
        }
        _ if first.starts_with("主管部门") => {
            g.implementer = after(t, "实施单位");
            return true;
        }
        "项目属性" => {
            if let Some(v) = t.get(1).filter(|v| !v.starts_with("项目期")) {
                g.texts.push(("项目属性", v.clone()));
            }
            if let Some(v) = after(t, "项目期") {
                g.texts.push(("项目期", v));
            }
            return true;
        }
        _ if first.starts_with("项目资金") => {
            if first.contains("万元") {
                g.unit = "万元".to_string();
            }
            return funding_row(g, &t[1..]);
        }
        "项目概况" => Some("概况"),
        "立项依据" => Some("立项依据"),
        "项目设立必要性" => Some("必要性"),
        _ if first.starts_with("保证项目实施") => Some("保证措施"),
        "项目实施计划" => Some("实施计划"),
        "实施期目标" => return true,
        "总体目标" => {
            if let Some(v) = t.get(1) {
                g.texts.push(("实施期目标", v.clone()));
            }
            if let Some(v) = t.get(2) {
                g.texts.push(("年度目标", v.clone()));
            }
            return t.len() <= 3;
        }
        _ => return funding_row(g, t),
    };
    match key {
        Some(k) if t.len() > 1 => {
            g.texts.push((k, rest()));
            true
        }
        _ => false,
    }
}

/// A funding row: `其中:中央财政资金 0 其中:中央财政资金 0`; the first
/// label is 实施期, the second 年度.
fn funding_row(g: &mut ProjectGrid, t: &[String]) -> bool {
    let key_of = |s: &str| -> Option<&'static str> {
        let s = s.trim_start_matches("其中:");
        [
            ("中央", "中央"),
            ("省级", "省级"),
            ("市县", "市县"),
            ("自筹", "自筹"),
            ("其他", "其他"),
            ("总额", "合计"),
        ]
        .iter()
        .find(|(w, _)| s.contains(w))
        .map(|(_, k)| *k)
    };
    let mut side = 0;
    let mut k = 0;
    let mut any = false;
    while k < t.len() {
        let Some(key) = key_of(&t[k]) else {
            return false;
        };
        any = true;
        let value = t.get(k + 1).filter(|v| amount(v).is_some());
        if let (Some(v), Some(f)) = (value, g.funding.get_mut(side)) {
            f.parts.push((key, v.clone()));
        }
        k += if value.is_some() { 2 } else { 1 };
        side += 1;
    }
    any && side <= 2
}

fn read_whole(body: &[usize], lines: &[Line]) -> WholeGrid {
    let mut g = WholeGrid::default();
    let mut ind: Option<Indicators> = None;
    let mut task_cols: Option<(usize, usize)> = None;
    let mut in_budget = false;
    for &i in body {
        let line = &lines[i];
        let t = cells(line);
        if t.is_empty() || is_year_line(&t) {
            continue;
        }
        if let Some(state) = ind.as_mut() {
            state.row(&t, line);
            continue;
        }
        if t[0] == "年度绩效指标" || t[0] == "绩效指标" {
            ind = Some(Indicators::new(false, usize::MAX));
            continue;
        }
        // the 年度预算情况 rows start at the label or the header it spans
        if t[0] == "年度预算情况" || t[0] == "按资金来源划分" {
            in_budget = true;
            g.computed.push(line.clone());
            continue;
        }
        let tasks = t[0] == "年度重点任务";
        if t.iter().any(|c| c == "核心职能") && t.iter().any(|c| c == "重点任务") {
            in_budget = false;
            let col = |w: &str| line.filled().find(|c| c.text == w).map(|c| c.col);
            task_cols = col("核心职能").zip(col("重点任务"));
            continue;
        }
        if tasks && t.len() == 1 {
            continue; // the merged label on a line of its own
        }
        if whole_row(&mut g, &t) {
            in_budget = false;
            continue;
        }
        if in_budget {
            g.computed.push(line.clone());
            continue;
        }
        if let Some((core, task)) = task_cols.take() {
            for c in line.filled().filter(|c| c.text != "年度重点任务") {
                let key = if c.col.abs_diff(core) <= c.col.abs_diff(task) {
                    "核心职能"
                } else {
                    "重点任务"
                };
                g.facts.push((key, c.text.clone()));
            }
            continue;
        }
        g.unplaced.push(line.clone());
    }
    if let Some(state) = ind {
        let [left, _] = state.trees;
        g.indicators = left;
    }
    g
}

/// A fact row of the 整体 grid: counts (`内设职能部门数 0个`) and texts.
fn whole_row(g: &mut WholeGrid, t: &[String]) -> bool {
    const COUNTS: &[(&str, &str)] = &[
        ("内设职能部门数", "内设职能部门数"),
        ("所属预算单位数", "所属预算单位数"),
        ("核定的人员编制数", "核定编制"),
        ("实际在职人员总数", "在职人员"),
        ("在编人员数", "在编人员"),
        ("其他人员数", "其他人员"),
    ];
    const TEXTS: &[(&str, &str)] = &[
        ("部门职责", "部门职责"),
        ("部门战略目标", "战略目标"),
        ("年度绩效目标", "年度目标"),
    ];
    let mut any = false;
    for (k, c) in t.iter().enumerate() {
        let label = c.trim_start_matches("其中:");
        if let Some((_, key)) = COUNTS.iter().find(|(w, _)| label == *w) {
            if let Some(v) = t.get(k + 1) {
                let n = v.trim_end_matches(['个', '人']);
                if n.bytes().all(|b| b.is_ascii_digit()) && !n.is_empty() {
                    g.facts.push((key, n.to_string()));
                    any = true;
                }
            }
        }
    }
    if any {
        return true;
    }
    // the department's name and code (read by [`department_code`])
    if t[0] == "部门基本信息" || t[0] == "部门名称" {
        return true;
    }
    if let Some((_, key)) = TEXTS.iter().find(|(w, _)| t[0] == *w) {
        if t.len() > 1 {
            g.facts.push((key, t[1..].join("")));
            return true;
        }
    }
    false
}

#[derive(Debug, Clone, Copy, PartialEq)]
enum Level {
    One,
    Two,
    Three,
}

const LEVEL1: &[&str] = &["产出指标", "效益指标", "满意度指标"];
const LEVEL2: &[&str] = &[
    "数量指标",
    "质量指标",
    "时效指标",
    "成本指标",
    "经济效益指标",
    "社会效益指标",
    "生态效益指标",
    "可持续影响指标",
    "可持续发展指标",
    "服务对象满意度",
    "服务对象满意度指标",
    "经济成本指标",
    "社会成本指标",
    "生态环境成本指标",
];

fn level(s: &str) -> Level {
    if LEVEL1.contains(&s) {
        Level::One
    } else if LEVEL2.contains(&s) {
        Level::Two
    } else {
        Level::Three
    }
}

/// The indicator rows read so far: one tree per side.
struct Indicators {
    two_sided: bool,
    split: usize,
    l1: Option<String>,
    trees: [Tree; 2],
}

impl Indicators {
    fn new(two_sided: bool, split: usize) -> Self {
        Indicators {
            two_sided,
            split,
            l1: None,
            trees: [Vec::new(), Vec::new()],
        }
    }

    /// The 二级 list of side `s` under the current 一级 (opened when needed).
    fn level2(&mut self, s: usize) -> &mut Vec<(String, Vec<(String, String)>)> {
        let l1 = self.l1.clone().unwrap_or_default();
        let tree = &mut self.trees[s];
        if tree.last().is_none_or(|(n, _)| *n != l1) {
            tree.push((l1, Vec::new()));
        }
        let last = tree.len() - 1;
        &mut tree[last].1
    }

    fn open2(&mut self, s: usize, name: &str) {
        self.level2(s).push((name.to_string(), Vec::new()));
    }

    fn item(&mut self, s: usize, name: String, value: String) {
        let l2 = self.level2(s);
        if l2.is_empty() {
            l2.push((String::new(), Vec::new()));
        }
        if let Some((_, items)) = l2.last_mut() {
            items.push((name, value));
        }
    }

    fn row(&mut self, t: &[String], line: &Line) {
        let mut s = 0;
        // one side's 三级 pair alone on a row: its column tells the side
        if self.two_sided && t.len() <= 2 && t.iter().all(|c| level(c) == Level::Three) {
            if let Some(c) = line.filled().next() {
                if c.col >= self.split {
                    s = 1;
                }
            }
        }
        let mut l2_seen = [false; 2];
        let mut done = [false; 2];
        let mut pending: [Option<String>; 2] = [None, None];
        for (k, c) in t.iter().enumerate() {
            let mut lv = level(c);
            // 成本指标 as a 一级 (财预〔2021〕101号) when a 成本 二级 follows it
            if c == "成本指标" && t.get(k + 1).is_some_and(|n| n.ends_with("成本指标")) {
                lv = Level::One;
            }
            match lv {
                Level::One if k == 0 => self.l1 = Some(c.clone()),
                Level::One | Level::Two => {
                    let busy = l2_seen[s] || done[s] || pending[s].is_some();
                    if busy && self.two_sided && s == 0 {
                        self.flush(s, &mut pending);
                        s = 1;
                    }
                    self.flush(s, &mut pending);
                    self.open2(s, c);
                    l2_seen[s] = true;
                }
                Level::Three => match pending[s].take() {
                    Some(name) => {
                        self.item(s, name, c.clone());
                        done[s] = true;
                    }
                    None if done[s] && self.two_sided && s == 0 => {
                        s = 1;
                        pending[s] = Some(c.clone());
                    }
                    None => pending[s] = Some(c.clone()),
                },
            }
        }
        for side in 0..2 {
            self.flush(side, &mut pending);
        }
    }

    /// A 三级 name left without a value.
    fn flush(&mut self, s: usize, pending: &mut [Option<String>; 2]) {
        if let Some(name) = pending[s].take() {
            self.item(s, name, String::new());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::text::lines;

    fn grid(text: &str) -> Grid {
        let ls = lines(text);
        let found = find(&ls);
        let (t, body) = found.first().cloned().unwrap_or_default();
        read(t, &body, &ls, text)
    }

    #[test]
    fn a_two_sided_grid_with_shifted_cells() {
        let text = "## 某项目支出绩效目标申报表\n项目名称\t\t培训费\n\
            项目资金(元)\t实施期资金总额:\t119,000\t年度资金总额:\t119,000\n\
            \t其中:中央财政资金\t0\t其中:中央财政资金\t0\n\
            \t其他资金\t\t其他资金\n\
            绩效指标\t一级指标\t二级指标\t三级指标\t指标值\t二级指标\t三级指标\t指标值\n\
            \t产出指标\t数量指标\t培训学习\t≥1次\t数量指标\t考察学习\t≥2次\n\
            \t\t\t考察学习\t≥2次\t\t培训学习\t≥1次\n\
            \t效益指标\t经济效益指标\t\t\t经济效益指标\n\
            \t可持续发展指标\t推动发展\t持续提升\t可持续发展指标\t推动发展\t持续提升\t\n\
            满意度指标\t服务对象满意度\t满意度\t100%\t服务对象满意度指标\t满意度\t100%\n\
            负责人:\t经办人:\t联系电话:\t填报日期:\t20240131165932\n";
        let Grid::Project(g) = grid(text) else {
            panic!("a project grid");
        };
        assert_eq!(g.name.as_deref(), Some("培训费"));
        assert_eq!(
            g.funding[0].parts,
            [("合计", "119,000".to_string()), ("中央", "0".to_string())]
        );
        assert!(g.two_sided);
        assert_eq!(
            names(&g.indicators[0]),
            [
                "产出指标/数量指标:培训学习=≥1次,考察学习=≥2次",
                "效益指标/经济效益指标:",
                "效益指标/可持续发展指标:推动发展=持续提升",
                "满意度指标/服务对象满意度:满意度=100%",
            ]
        );
        assert_eq!(
            names(&g.indicators[1])[0],
            "产出指标/数量指标:考察学习=≥2次,培训学习=≥1次"
        );
        assert_eq!(
            names(&g.indicators[1])[3],
            "满意度指标/服务对象满意度指标:满意度=100%"
        );
        assert!(g
            .texts
            .contains(&("填报日期", "20240131165932".to_string())));
        assert!(g.unplaced.is_empty());
    }

    /// `一级/二级:三级=值,…` for each 二级 of a tree.
    fn names(t: &Tree) -> Vec<String> {
        t.iter()
            .flat_map(|(a, l2)| {
                l2.iter().map(move |(b, items)| {
                    let i: Vec<String> = items.iter().map(|(c, v)| format!("{c}={v}")).collect();
                    format!("{a}/{b}:{}", i.join(","))
                })
            })
            .collect()
    }

    /// A line of layout text: each piece at its character column.
    fn at(pieces: &[(usize, &str)]) -> String {
        let mut line = String::new();
        for (col, text) in pieces {
            let n = line.chars().count();
            let pad = if n == 0 {
                *col
            } else {
                col.saturating_sub(n).max(1)
            };
            line.push_str(&" ".repeat(pad));
            line.push_str(text);
        }
        line
    }

    /// The layout text of the wrapped, centred grid of the test below, as
    /// pdftotext -layout writes such a grid (tests/fixtures/wrapped-grid.layout.txt).
    fn wrapped_layout() -> String {
        include_str!("../../tests/fixtures/wrapped-grid.layout.txt").to_string()
    }

    #[test]
    fn a_grid_in_layout_text_wrapped_and_centred() {
        // pdftotext -layout of a two-sided grid: cells wrap inside their
        // columns and are centred in their rows, the merged labels in the
        // middle of the rows they span; a label wraps (保证…、 / 措施); a
        // 三级 name breaks before `【2022】`, which did not fit; the right
        // side's cells drift left after wide text; a page break inside the
        // indicators (its footer, and the title, year and header repeated)
        let text = wrapped_layout();
        let Grid::Project(g) = grid(&text) else {
            panic!("a project grid");
        };
        assert!(g.verbatim.is_none());
        assert_eq!(g.name.as_deref(), Some("某某项目经费"));
        assert_eq!(g.implementer.as_deref(), Some("某某县某某局"));
        let text_of = |k: &str| {
            g.texts
                .iter()
                .find(|(kk, _)| *kk == k)
                .map(|(_, v)| v.as_str())
        };
        assert_eq!(text_of("项目属性"), Some("一次性项目"));
        assert_eq!(text_of("项目期"), Some("1年"));
        assert_eq!(
            text_of("概况"),
            Some("按照某某文件精神,对符合条件的企业给予奖励资金,支持企业发展。")
        );
        assert_eq!(
            text_of("保证措施"),
            Some("《某某县关于印发某某办法的通知》和《某某县某某实施方案》规定的各项制度。")
        );
        assert_eq!(text_of("实施计划"), Some("按年度计划实施。"));
        assert_eq!(text_of("实施期目标"), Some("完成奖励。"));
        assert_eq!(text_of("年度目标"), Some("完成奖励。"));
        assert_eq!(text_of("填报日期"), Some("20240131165932"));
        for side in &g.funding {
            assert_eq!(
                side.parts,
                [("合计", "10,000".to_string()), ("中央", "0".to_string())]
            );
        }
        assert!(g.two_sided);
        let want = [
            "产出指标/数量指标:对符合条件的企业进行奖励=≥47户",
            "产出指标/质量指标:综示晋开管发【2022】23号文件=严格执行",
            "产出指标/时效指标:完成时间=全年",
            "效益指标/经济效益指标:",
            "效益指标/社会效益指标:将党建工作与产业发展紧密结合=促进两项工作共同提升",
            "满意度指标/服务对象满意度:满意度=100%",
        ];
        assert_eq!(names(&g.indicators[0]), want);
        assert_eq!(names(&g.indicators[1]), want);
        assert!(g.unplaced.is_empty(), "{:?}", g.unplaced);
    }

    #[test]
    fn a_layout_grid_without_its_indicator_header_is_kept_as_printed() {
        let text = [
            at(&[(19, "某县项目支出绩效目标申报表")]),
            at(&[(0, "项目名称"), (15, "某某项目经费")]),
            at(&[(0, "项目概况"), (15, "某某概况")]),
            at(&[(0, "负责人:"), (15, "经办人:")]),
        ]
        .join("\n");
        let Grid::Project(g) = grid(&text) else {
            panic!("a project grid");
        };
        assert_eq!(g.name.as_deref(), Some("某某项目经费"));
        assert_eq!(g.verbatim.map(|v| v.len()), Some(3));
    }
}
