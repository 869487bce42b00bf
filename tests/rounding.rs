//! Rounding as a declared policy per kind of figure (`舍入 { 三公表 0.01万元;
//! 说明 0.01万元 }`): the tables are exact in 元, 表9 and the narrative are in
//! 万元 to 0.01. A figure that is its exact counterpart correctly rounded is
//! never a finding; at the edges, half a step passes and just over half a step
//! fails — for every rule that compares a 万元 figure with 元 lines: X8, X9,
//! N10 and N1/N7 (上年).

use budget::diagnostic::Severity;
use budget::{check_source, Options};

const POLICY: &str = "舍入 { 三公表 0.01万元; 说明 0.01万元 }\n";

/// A Shanghai document in 元 with a 行政 unit whose 公用经费 are `office` +
/// `reception` 元, a 公务接待费 of `tp_reception`, a 机关运行经费 of
/// `admin`, and `extra` statements.
fn doc(office: &str, reception: &str, tp_reception: &str, admin: &str, extra: &str) -> String {
    format!(
        r#"年度 2025
部门 "测试部门"
口径 上海区级
金额单位 元
单位 "测试部门本部" {{ 类型 行政 }}
收入 {{
  一般公共预算 3,000,000
  收入总计     3,000,000
}}
支出 {{
  2010301 行政运行 基本 2,000,000 项目 1,000,000
}}
基本支出 {{
  30101 基本工资   人员 {personnel}
  30201 办公费     公用 {office}
  30217 公务接待费 公用 {reception}
}}
三公经费 {{
  因公出国（境）费   0万元
  公务接待费         {tp_reception}
  公务用车购置费     0万元
  公务用车运行维护费 0万元
}}
机关运行经费 {admin}
{extra}"#,
        personnel = personnel(office, reception),
    )
}

/// 基本 2,000,000 less the 公用经费, so that the basic lines add up.
fn personnel(office: &str, reception: &str) -> String {
    let n = |s: &str| s.replace(',', "").parse::<f64>().expect("number");
    let rest = 2_000_000.0 - n(office) - n(reception);
    format!("{rest:.2}")
}

fn codes(src: &str) -> Vec<(String, Severity)> {
    check_source(src, &Options::default())
        .diagnostics
        .iter()
        .map(|d| (d.code.to_string(), d.severity))
        .collect()
}

fn has(src: &str, code: &str) -> bool {
    codes(src).iter().any(|(c, _)| c == code)
}

#[test]
fn the_documents_own_figures_are_no_errors() {
    // 机关运行经费 171.01万元 against 公用经费 1,710,062元; 9.98万元 against a 99,840元 line
    let src = doc("1,610,222", "99,840", "9.98万元", "171.01万元", POLICY);
    assert_eq!(codes(&src), vec![], "{src}");
    // without the declared policy both are findings: figures are exact by default
    let bare = doc("1,610,222", "99,840", "9.98万元", "171.01万元", "");
    assert!(has(&bare, "X9"), "{:?}", codes(&bare));
    assert!(has(&bare, "X8"), "{:?}", codes(&bare));
}

#[test]
fn x9_at_the_edges() {
    // 171.01万元 = 1,710,100元; half a step is 50元
    let at = |office: &str| doc(office, "99,840", "9.98万元", "171.01万元", POLICY);
    assert!(!has(&at("1,610,210"), "X9"), "1,710,050: half a step below");
    assert!(!has(&at("1,610,310"), "X9"), "1,710,150: half a step above");
    assert!(
        has(&at("1,610,209.99"), "X9"),
        "1,710,049.99: just over half a step"
    );
    assert!(
        has(&at("1,610,310.01"), "X9"),
        "1,710,150.01: just over half a step"
    );
}

#[test]
fn x8_at_the_edges() {
    // 公务接待费 9.98万元 = 99,800元 covers an economic line up to 99,850元
    let at = |reception: &str| doc("1,610,222", reception, "9.98万元", "171.01万元", POLICY);
    let office_for = |r: f64| format!("{:.2}", 1_710_062.0 - r);
    let with = |r: &str| {
        let v: f64 = r.replace(',', "").parse().expect("number");
        doc(&office_for(v), r, "9.98万元", "171.01万元", POLICY)
    };
    assert!(!has(&at("99,840"), "X8"));
    assert!(!has(&with("99850"), "X8"), "half a step over");
    assert!(has(&with("99850.01"), "X8"), "just over half a step");
}

#[test]
fn n10_at_the_edges() {
    // 项目支出 1,000,000元; 编报绩效目标的金额 is a narrative figure in 万元
    let at = |amount: &str| {
        let extra = format!("{POLICY}绩效概况 {{ 单位数 1; 项目数 3; 金额 {amount} }}\n");
        doc("1,610,222", "99,840", "9.98万元", "171.01万元", &extra)
    };
    assert!(!has(&at("100.00万元"), "N10"));
    assert!(!has(&at("1000050元"), "N10"), "half a step over");
    assert!(has(&at("1000050.01元"), "N10"), "just over half a step");
}

#[test]
fn n1_and_n7_at_the_edges() {
    // 上年 (narrative, 0.01万元) against this year's exact 财政拨款 3,000,000元:
    // within half a step it is unchanged and needs no reason
    let at = |last: &str, reception: &str| {
        let extra = format!("{POLICY}上年 {{\n  财政拨款 {last}\n  公务接待费 {reception}\n}}\n");
        doc("1,610,222", "99,840", "9.98万元", "171.01万元", &extra)
    };
    let warned = |src: &str, code: &str| {
        codes(src)
            .iter()
            .any(|(c, s)| c == code && *s == Severity::Warning)
    };
    assert!(!warned(&at("300.00万元", "9.98万元"), "N1"));
    assert!(!warned(&at("2999950元", "9.98万元"), "N1"), "half a step");
    assert!(warned(&at("2999949.99元", "9.98万元"), "N1"), "just over");
    assert!(!warned(&at("300.00万元", "9.98万元"), "N7"));
    assert!(warned(&at("300.00万元", "9.97万元"), "N7"), "a step apart");
}
