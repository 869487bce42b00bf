//! Claims: the figures a received document prints, verified against its
//! facts. The seed as a reviewer receives it — the example with the published
//! narrative (`原文`, as `budget import` writes it) — reports the seed's real
//! narrative error and nothing the clean example does not.

#[path = "support/cli.rs"]
mod cli;

use budget::check::{check_source, check_tree, Options};
use budget::diagnostic::{Diagnostic, Severity};
use budget::model::claim::Figure;
use cli::{budget, root};

const SEED: &str = "examples/jinzhong-chanyelian-2024.budget";
const NARRATIVE: &str = "tests/claims/jinzhong-2024-narrative.budget";

fn read(p: &str) -> String {
    std::fs::read_to_string(root().join(p)).expect("read")
}

/// The seed example with its published narrative appended.
fn received() -> String {
    format!("{}\n{}", read(SEED), read(NARRATIVE))
}

fn key(src: &str, d: &Diagnostic) -> (String, Severity, String) {
    (
        d.code.to_string(),
        d.severity,
        src[d.span.start..d.span.end].to_string(),
    )
}

#[test]
fn the_seed_as_received_reports_its_real_errors_and_nothing_else() {
    let clean_src = read(SEED);
    let clean = check_source(&clean_src, &Options::default());
    let src = received();
    let got = check_source(&src, &Options::default());
    let mut extra: Vec<(String, Severity, String)> =
        got.diagnostics.iter().map(|d| key(&src, d)).collect();
    for d in &clean.diagnostics {
        let k = key(&clean_src, d);
        let i = extra
            .iter()
            .position(|e| *e == k)
            .expect("a finding of the clean example");
        extra.remove(i);
    }
    extra.sort();
    assert_eq!(
        extra,
        vec![
            // 公开项目绩效目标4个、1,017.00万元 of 1,317.00万元 项目支出: 77.22%
            ("N19".into(), Severity::Error, "78.23%".into()),
            // the published narrative's punctuation (its real prose findings)
            ("T5".into(), Severity::Warning, "。;".into()),
            ("T5".into(), Severity::Warning, "。。".into()),
            ("T5".into(), Severity::Warning, "。；".into()),
        ]
    );
    // the 整体绩效 cap 29.85万元 against the 29.84万元 it covers: a warning
    // of the example itself, so of the received copy too
    let caps: Vec<_> = clean
        .diagnostics
        .iter()
        .filter(|d| d.code == "P1h")
        .map(|d| key(&clean_src, d))
        .collect();
    assert_eq!(
        caps,
        vec![("P1h".into(), Severity::Warning, "≤29.85万元".into())]
    );
    let n19 = got
        .diagnostics
        .iter()
        .find(|d| d.code == "N19")
        .expect("N19");
    let report = n19.claim.as_ref().expect("claim report");
    assert_eq!(report.printed, "78.23%");
    assert_eq!(report.computed, "77.22%");
    assert_eq!(
        n19.fix.as_ref().map(|f| f.replacement.as_str()),
        Some("77.22%")
    );
}

#[test]
fn the_seed_narrative_is_read_as_claims() {
    let src = received();
    let (file, checked) = check_tree(&src, &Options::default());
    let claims = budget::check::narrative::recognised(&file, &checked.budget);
    let count = |f: fn(&Figure) -> bool| claims.iter().filter(|c| f(&c.figure)).count();
    let amounts = count(|f| matches!(f, Figure::Amount { .. }));
    let shares = count(|f| matches!(f, Figure::Share(_)));
    let changes = count(|f| matches!(f, Figure::Change(_)));
    let counts = count(|f| matches!(f, Figure::Count(_)));
    println!(
        "seed narrative: {amounts} amounts, {shares} shares, {changes} changes, {counts} counts"
    );
    for c in &claims {
        println!("  {} {}", c.about, c.text);
    }
    // what the seed prints: 收入 (total, current, 6 sources), 支出 (total,
    // 基本, 项目), 财政拨款 (total, 3 sources, 当年), 一般公共预算当年支出 and
    // its 2 类, 人员/公用经费, 三公 (total and 4 items), 政府采购 (4), 绩效
    // (all, published and their categories)
    let has = |about: &str, text: &str| claims.iter().any(|c| c.about == about && c.text == text);
    assert!(has("收入总计", "1,329.84万元"));
    assert!(has("收入总计", "增加1329.84万元"));
    assert!(has("基本支出", "0.97%"));
    assert!(has("201 一般公共服务支出", "2.24%"));
    assert!(has("公务接待费", "增加1.00万元"));
    assert!(has("因公出国（境）费", "相同"));
    assert!(has("政府采购货物预算", "1.40万元"));
    assert!(has("纳入绩效目标管理的项目", "5个"));
    assert!(has("公开绩效目标的项目", "78.23%"));
    assert!(
        has("特定目标类项目", "1个"),
        "the published projects' category"
    );
    assert!(amounts >= 30 && shares >= 10 && changes >= 6 && counts >= 5);
}

#[test]
fn json_carries_printed_computed_rule_and_place() {
    let dir = cli::scratch_in("claims", "json");
    let p = dir.join("received.budget");
    std::fs::write(&p, received()).expect("write");
    let o = budget(&["check", "--format", "json", p.to_str().expect("path")]);
    assert_eq!(o.status.code(), Some(1));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).expect("json");
    let d = v["diagnostics"]
        .as_array()
        .expect("diagnostics")
        .iter()
        .find(|d| d["code"] == "N19")
        .expect("N19")
        .clone();
    assert_eq!(d["claim"]["printed"], "78.23%");
    assert_eq!(d["claim"]["computed"], "77.22%");
    assert_eq!(d["claim"]["rule"], "公开绩效目标的项目 ÷ 项目支出 × 100");
    let place = d["claim"]["place"].as_str().expect("place");
    assert!(
        place.ends_with(&format!(":{}:{}", d["line"], d["column"])),
        "{place}"
    );
}

#[test]
fn build_prints_the_computed_figure_not_the_claim() {
    let dir = cli::scratch_in("claims", "build");
    let p = dir.join("received.budget");
    // the received copy, its wrong claim included: the document is built
    // from the facts (a draft, since the claim is an error)
    std::fs::write(&p, received()).expect("write");
    let out = dir.join("out");
    let o = budget(&[
        "build",
        "--draft",
        "--format",
        "html",
        "-o",
        out.to_str().expect("path"),
        p.to_str().expect("path"),
    ]);
    // a draft of a file with errors is written (and the errors reported)
    assert!(out.exists(), "{}", cli::stderr(&o));
    let html: String = std::fs::read_dir(&out)
        .expect("out")
        .filter_map(|e| std::fs::read_to_string(e.ok()?.path()).ok())
        .collect();
    assert!(html.contains("77.22%"), "the computed share is printed");
    assert!(!html.contains("78.23"));
}

/// `声明`: the same claims written by a reviewer, kept by `budget fmt` and by
/// the model printer, and checked as the printed sentence is.
#[test]
fn declared_claims_survive_fmt_and_the_model_printer() {
    let src = read("tests/diagnostics/N19-declared.budget");
    let formatted = budget::format::format(&src).expect("formats");
    assert!(formatted.contains("声明 {"));
    assert!(formatted.contains("占项目支出 78.23%"));
    let checked = check_source(&formatted, &Options::default());
    let codes: Vec<&str> = checked
        .diagnostics
        .iter()
        .map(|d| d.code.as_str())
        .collect();
    // (the compared year 比2024年 is T3's, as in any prose)
    assert_eq!(codes, vec!["N19", "N19", "T3"]);
    // the model printer writes the block back; the printed file reads the same
    let printed = budget::render::source::to_source(&checked.budget);
    assert!(printed.contains("声明 {"), "{printed}");
    let again = check_source(&printed, &Options::default());
    let texts = |s: &str, c: &budget::check::Checked| -> Vec<String> {
        c.diagnostics
            .iter()
            .map(|d| format!("{} {}", d.code, &s[d.span.start..d.span.end]))
            .collect()
    };
    assert_eq!(
        texts(&printed, &again),
        vec![
            "N19 78.23%".to_string(),
            "N19 增加2.00万元".to_string(),
            "T3 2024".to_string()
        ]
    );
}

/// The reviewer's report shows a wrong claim's printed and computed figures
/// and the rule.
#[test]
fn the_review_page_shows_printed_computed_and_rule() {
    let dir = cli::scratch_in("claims", "page");
    let p = dir.join("received.budget");
    std::fs::write(&p, received()).expect("write");
    let page = dir.join("review.html");
    let o = budget(&[
        "check",
        "--format",
        "html",
        "-o",
        page.to_str().expect("path"),
        p.to_str().expect("path"),
    ]);
    assert_eq!(o.status.code(), Some(1), "{}", cli::stderr(&o));
    let html = std::fs::read_to_string(&page).expect("page");
    assert!(
        html.contains("印出 <code>78.23%</code> · 计算 <code>77.22%</code> · 算法 公开绩效目标的项目 ÷ 项目支出 × 100"),
        "{html:.2000}"
    );
}
