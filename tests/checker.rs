//! Checker semantics beyond one-code-per-file: how rules combine.

use budget::{check_source, Options};

const HEAD: &str = "年度 2024\n部门 甲\n口径 山西县级\n金额单位 万元\n单位 甲 { 类型 行政 }\n收入 { 一般公共预算 10 }\n支出 { 2011301 行政运行 基本 10 }\n基本支出 { 30201 办公费 公用 10 }\n三公经费 { 公务接待费 2 }\n";

fn codes(src: &str) -> Vec<&'static str> {
    check_source(src, &Options::default())
        .diagnostics
        .iter()
        .map(|d| d.code.as_str())
        .collect()
}

#[test]
fn a_changed_figure_needs_its_own_or_the_general_reason() {
    let ly = "上年 { 三公经费 1; 公务接待费 1 }\n";
    assert_eq!(codes(&format!("{HEAD}{ly}")), vec!["N7", "N7"]);
    let own = "上年 { 三公经费 1; 公务接待费 1\n 原因 { 三公经费 \"接待增加\" } }\n";
    assert_eq!(codes(&format!("{HEAD}{own}")), vec!["N7"]);
    let general = "上年 { 三公经费 1; 公务接待费 1; 原因 \"接待增加\" }\n";
    assert!(codes(&format!("{HEAD}{general}")).is_empty());
}

#[test]
fn admin_cost_is_computed_from_unit_kinds() {
    let checked = check_source(HEAD, &Options::default());
    // one 行政 unit: all its 公用经费 is 机关运行经费
    assert_eq!(
        checked.budget.derived.admin_cost.as_yuan().to_string(),
        "100000"
    );
    let inst = HEAD.replace("类型 行政", "类型 事业");
    let checked = check_source(&inst, &Options::default());
    assert!(checked.budget.derived.admin_cost.is_zero());
    // stating a figure a 事业 unit cannot have is X9
    assert_eq!(codes(&format!("{inst}机关运行经费 10\n")), vec!["X9"]);
}

#[test]
fn a_rounding_residual_is_told_apart_from_an_imbalance() {
    let base = "年度 2024\n部门 甲\n口径 山西县级\n金额单位 万元\n转录精度 0.01\n单位 甲 { 类型 行政 }\n收入 { 一般公共预算 11.85 }\n支出 {\n 201 一般公共服务支出 合计 11.84\n 2011301 行政运行 基本 5.54\n 2011302 一般行政管理事务 基本 6.31\n}\n";
    let d = check_source(base, &Options::default()).diagnostics;
    assert_eq!(d.len(), 1);
    assert_eq!(d[0].code, "R5");
    assert!(!d[0].is_error());
    assert!(d[0].message.zh.contains("舍入尾差"), "{}", d[0].message.zh);
    let off = base.replace("合计 11.84", "合计 11.80");
    let d = check_source(&off, &Options::default()).diagnostics;
    assert!(d[0].is_error());
    assert!(
        d[0].message.zh.contains("超出舍入范围"),
        "{}",
        d[0].message.zh
    );
    let exact = base.replace("转录精度 0.01\n", "");
    let d = check_source(&exact, &Options::default()).diagnostics;
    assert!(d[0].is_error());
    assert!(
        d[0].message.zh.contains("在 2 项明细的舍入范围"),
        "{}",
        d[0].message.zh
    );
}

#[test]
fn diagnostics_are_ordered_by_position_with_every_problem_reported() {
    let src = "年度 2024\n部门 甲\n口径 山西县级\n金额单位 万元\n单位 甲 { 类型 行政 }\n收入 { 一般公共预算 10; 收入总计 11 }\n支出 {\n 2011301 行政运行 基本 10 合计 12\n 2011302 行政 基本 0\n}\n";
    let d = check_source(src, &Options::default()).diagnostics;
    let starts: Vec<usize> = d.iter().map(|d| d.span.start).collect();
    let mut sorted = starts.clone();
    sorted.sort();
    assert_eq!(starts, sorted);
    let codes: Vec<&str> = d.iter().map(|d| d.code.as_str()).collect();
    assert_eq!(codes, vec!["R1", "R6", "S1c"]);
}

#[test]
fn an_unreadable_amount_does_not_cascade_into_false_imbalances() {
    // the income amount cannot be read: only L004, no R1/X4 from the missing figure
    let src = HEAD.replace("一般公共预算 10 }", "一般公共预算 １０ }");
    assert_eq!(codes(&src), vec!["L004"]);
    // a broken expenditure cell: L006, and the totals that depend on it are not judged
    let src = HEAD.replace("基本 10 }", "基本 十 }");
    assert_eq!(codes(&src), vec!["L006"]);
    // the other tables are still checked: a wrong 三公 total is still found
    let src = format!(
        "{}三公经费 {{ 公务接待费 2; 合计 3 }}\n",
        HEAD.replace("一般公共预算 10 }", "一般公共预算 １０ }")
            .replace("三公经费 { 公务接待费 2 }\n", "")
    );
    assert_eq!(codes(&src), vec!["L004", "R9"]);
}
