//! The reviewer's report: `budget check --format html -o review.html FILE…`,
//! one self-contained page, loaded in headless Chromium.

#[path = "support/browser.rs"]
mod browser;
#[path = "support/cli.rs"]
mod cli;

use cli::{budget, root, stderr};

use browser::missing;
use std::path::{Path, PathBuf};

fn scratch(name: &str) -> PathBuf {
    cli::scratch_in("review", name)
}

const SEED: &str = "examples/jinzhong-chanyelian-2024.budget";

/// The seed with three mistakes a reviewer finds: a stated total that is off
/// (R-rule error), a comparison with the wrong year and doubled punctuation
/// in its prose (T3, T5 warnings).
fn reviewed_seed(dir: &Path) -> PathBuf {
    let src = std::fs::read_to_string(root().join(SEED)).expect("seed");
    let mut out = String::new();
    let mut year_done = false;
    for line in src.lines() {
        if line.starts_with("职责 \"") && !year_done {
            out.push_str("职责 \"本部门比2024年预算增加。。");
            out.push_str(&line["职责 \"".len()..]);
            year_done = true;
        } else if line.trim_start().starts_with("收入总计") && line.contains("1329.84") {
            out.push_str(&line.replace("1329.84", "1339.84"));
        } else {
            out.push_str(line);
        }
        out.push('\n');
    }
    assert!(year_done, "the seed has a 职责");
    let p = dir.join("seed-reviewed.budget");
    std::fs::write(&p, out).expect("write");
    p
}

fn dump_dom(page: &Path) -> Option<String> {
    browser::dump_dom(page, &scratch("chromium-profile"))
}

fn assert_self_contained(html: &str) {
    for banned in [
        "<script", "http://", "https://", "<link", "src=", "@import", "url(",
    ] {
        assert!(!html.contains(banned), "{banned} in the page");
    }
}

#[test]
fn the_review_page_lists_every_finding_by_section() {
    let dir = scratch("one");
    let file = reviewed_seed(&dir);
    let page = dir.join("review.html");
    let o = budget(&[
        "check",
        "--format",
        "html",
        "-o",
        page.to_str().expect("path"),
        file.to_str().expect("path"),
    ]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let html = std::fs::read_to_string(&page).expect("page");
    assert_self_contained(&html);
    // the JSON report of the same file: every finding must be on the page
    let j = budget(&["check", "--format", "json", file.to_str().expect("path")]);
    let v: serde_json::Value = serde_json::from_slice(&j.stdout).expect("json");
    let diags = v["diagnostics"].as_array().expect("diagnostics");
    assert!(diags.iter().any(|d| d["code"] == "T3"));
    assert!(diags.iter().any(|d| d["code"] == "T5"));
    let Some(dom) = dump_dom(&page) else { return };
    assert!(dom.contains("预算公开审核报告"), "{dom:.300}");
    for d in diags {
        let code = d["code"].as_str().expect("code");
        let place = format!("行 {}:{}", d["line"], d["column"]);
        assert!(
            dom.contains(&format!("<code>{code}</code>")),
            "{code} missing"
        );
        assert!(dom.contains(&place), "{code} at {place} missing");
    }
    // sections: the prose findings under 职责, the total under 收入
    assert!(dom.contains("<h3>职责</h3>"));
    assert!(dom.contains("<h3>收入</h3>"));
    // the fix of the wrong year
    assert!(dom.contains("改为 <code>2023</code>"), "T3's fix");
    // the summary by kind counts the T3
    assert!(dom.contains("按类别"));
}

#[test]
fn a_folder_is_one_page_with_a_section_per_department() {
    let dir = scratch("folder");
    reviewed_seed(&dir);
    std::fs::copy(
        root().join("examples/shanghai-putuo-wanli-2024.budget"),
        dir.join("wanli.budget"),
    )
    .expect("copy");
    let page = dir.join("out.html");
    let o = budget(&[
        "check",
        "--format",
        "html",
        "--lang",
        "en",
        "-o",
        page.to_str().expect("path"),
        dir.to_str().expect("path"),
    ]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let html = std::fs::read_to_string(&page).expect("page");
    assert_self_contained(&html);
    assert_eq!(html.matches("<section class=\"file\"").count(), 2);
    assert!(html.contains("seed-reviewed.budget"));
    assert!(html.contains("wanli.budget"));
    assert!(html.contains("Budget disclosure review"));
    assert!(html.contains("2 file(s)"));
}

/// The published narrative kept as printed (`原文`) is read by the prose
/// checks, at its exact place, and is not printed by `budget build`.
#[test]
fn printed_narrative_is_checked_and_not_rendered() {
    let dir = scratch("printed");
    let src = std::fs::read_to_string(root().join(SEED)).expect("seed");
    // (its figure is the file's: the change of 收入 is a checked claim, N19)
    let sentence = "2024年本部门收入预算比2024年预算增加1329.84万元。";
    let file = dir.join("printed.budget");
    std::fs::write(
        &file,
        format!("{src}\n原文 {{\n  \"第3页 收支预算总体情况\" \"{sentence}\"\n}}\n"),
    )
    .expect("write");
    let o = budget(&["check", "--format", "json", file.to_str().expect("path")]);
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).expect("json");
    let t3: Vec<&serde_json::Value> = v["diagnostics"]
        .as_array()
        .expect("diagnostics")
        .iter()
        .filter(|d| d["code"] == "T3")
        .collect();
    assert_eq!(t3.len(), 1, "{v}");
    let line = src.lines().count() + 3;
    assert_eq!(t3[0]["line"], line);
    let text = std::fs::read_to_string(&file).expect("read");
    let (s, e) = (
        t3[0]["start"].as_u64().expect("start") as usize,
        t3[0]["end"].as_u64().expect("end") as usize,
    );
    assert_eq!(&text[s..e], "2024", "the second 2024: the compared year");
    assert!(text[..s].ends_with("比"));
    let out = dir.join("out");
    let b = budget(&[
        "build",
        file.to_str().expect("path"),
        "--format",
        "html",
        "-o",
        out.to_str().expect("path"),
    ]);
    assert_eq!(b.status.code(), Some(0), "{}", stderr(&b));
    let html = std::fs::read_to_string(out.join("printed.html")).expect("html");
    assert!(
        !html.contains("比2024年预算增加1329.84万元"),
        "原文 is not printed"
    );
}

/// A reviewer's flow on a published document with errors planted in its
/// narrative: imported, the printed narrative is checked, and each planted
/// error is reported with its code on its sentence.
#[test]
fn planted_narrative_errors_in_a_published_document_are_found() {
    planted_errors_are_found(
        "shanghai-putuo-wanli-2025-budget.txt",
        &[
            // (what is printed, what is planted, the code, the text it points at)
            (
                "比2024年预算增加3,355.65万元",
                "比2025年预算增加3,355.65万元",
                "T3",
                "2025",
            ),
            (
                "主要用于公共法律服务。",
                "主要用于公共法律服务。。",
                "T5",
                "。。",
            ),
            ("主要原因是项目调整。", "主要原因是。", "T4", "主要原因是"),
            // a heading amount that disagrees with the table (N16)
            (
                "公共法律服务（项）”科目30.00万元",
                "公共法律服务（项）”科目36.00万元",
                "N16",
                "36.00",
            ),
            // a name that is not the table's (N17)
            (
                "（类）统计信息事务（款）",
                "（类）统计事务（款）",
                "N17",
                "统计事务",
            ),
            // an outdated class name (N17, with the current name)
            (
                "“卫生健康支出（类）行政事业单位医疗（款）行政单位医疗（项）”",
                "“医疗卫生与计划生育支出（类）行政事业单位医疗（款）行政单位医疗（项）”",
                "N17",
                "医疗卫生与计划生育支出",
            ),
        ],
    );
}

/// The 万里 2024 style of item: this year's and last year's figures and the
/// change in percent, each checked (N16, N18).
#[test]
fn planted_changes_in_a_published_document_are_found() {
    planted_errors_are_found(
        "shanghai-putuo-wanli-2024-budget.txt",
        &[
            // a percentage that is not the figures' (57.14%)
            (
                "比2023年预算执行数减少57.14%",
                "比2023年预算执行数减少75.14%",
                "N18",
                "减少75.14%",
            ),
            // the wrong direction (42.60 against 45.41 is a decrease)
            (
                "比2023年预算执行数减少6.19%",
                "比2023年预算执行数增加6.19%",
                "N18",
                "增加6.19%",
            ),
            // this year's figure in the body that is not the line's (110.60)
            (
                "2024年预算安排110.60万元",
                "2024年预算安排116.00万元",
                "N16",
                "116.00",
            ),
        ],
    );
}

/// An empty table's note copied from the other empty table, and an empty
/// table without its note (N20): the import writes each empty table's note
/// as printed.
#[test]
fn planted_table_notes_are_found() {
    planted_errors_are_found(
        "shanghai-putuo-qufuban-2025-unit-budget.txt",
        &[
            (
                "注:本单位2025年无国有资本经营预算财政拨款安排的预算，故本表为空表。",
                "注:本单位2025年无政府性基金预算财政拨款安排的预算，故本表为空表。",
                "N20",
                "\"注:本单位2025年无政府性基金预算财政拨款安排的预算，故本表为空表。\"",
            ),
            // (now the first of the two 政府性基金 notes: 表6's) dropped
            (
                "注:本单位2025年无政府性基金预算财政拨款安排的预算，故本表为空表。",
                "",
                "N20",
                "\"\"",
            ),
        ],
    );
}

/// A unit's own document that speaks as the department (T8).
#[test]
fn planted_department_wording_in_a_unit_document_is_found() {
    planted_errors_are_found(
        "shanghai-putuo-qufuban-2025-unit-budget.txt",
        &[
            (
                "2025年本单位面向中小企业预留",
                "2025年本部门面向中小企业预留",
                "T8",
                "本部门",
            ),
            (
                "2025年单位预算安排购置车辆",
                "2025年部门预算安排购置车辆",
                "T8",
                "部门预算安排",
            ),
        ],
    );
}

/// Plant each (printed, planted, code, text it points at) in a copy of a
/// published document, import both, and find each planted error with its
/// code at its place, and nothing else new.
fn planted_errors_are_found(reference: &str, planted: &[(&str, &str, &str, &str)]) {
    let reference = root().join("../shared/reference").join(reference);
    let Ok(text) = std::fs::read_to_string(&reference) else {
        return missing("../shared/reference not found");
    };
    let planted = planted.to_vec();
    let mut doc = text.clone();
    for &(from, to, _, _) in &planted {
        assert!(doc.contains(from), "{from} is in the reference");
        doc = doc.replacen(from, to, 1);
    }
    let dir = scratch(&format!(
        "planted-{}",
        reference
            .file_stem()
            .and_then(|s| s.to_str())
            .unwrap_or("x")
    ));
    let clean_txt = dir.join("clean.txt");
    let planted_txt = dir.join("planted.txt");
    std::fs::write(&clean_txt, &text).expect("write");
    std::fs::write(&planted_txt, &doc).expect("write");
    let codes_of = |txt: &Path| -> Vec<(String, String)> {
        let out = txt.with_extension("budget");
        let o = budget(&[
            "import",
            txt.to_str().expect("path"),
            "-o",
            out.to_str().expect("path"),
            "--force",
        ]);
        assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
        let src = std::fs::read_to_string(&out).expect("imported");
        let j = budget(&["check", "--format", "json", out.to_str().expect("path")]);
        let v: serde_json::Value = serde_json::from_slice(&j.stdout).expect("json");
        v["diagnostics"]
            .as_array()
            .expect("diagnostics")
            .iter()
            .filter(|d| {
                d["code"].as_str().is_some_and(|c| {
                    c.starts_with('T') || ["N16", "N17", "N18", "N20"].contains(&c)
                })
            })
            .map(|d| {
                let (s, e) = (
                    d["start"].as_u64().expect("start") as usize,
                    d["end"].as_u64().expect("end") as usize,
                );
                (
                    d["code"].as_str().expect("code").to_string(),
                    src[s..e].to_string(),
                )
            })
            .collect()
    };
    let clean = codes_of(&clean_txt);
    let found = codes_of(&planted_txt);
    let mut detected = 0;
    for &(_, _, code, at) in &planted {
        let want = (code.to_string(), at.to_string());
        assert!(
            !clean.contains(&want),
            "{want:?} already in the clean document"
        );
        if found.contains(&want) {
            detected += 1;
        }
    }
    println!(
        "planted narrative errors detected: {detected}/{}",
        planted.len()
    );
    assert_eq!(detected, planted.len(), "found: {found:?}");
    // nothing else changed: the clean document's prose findings (its 比…持平) stay as they are
    let extra: Vec<&(String, String)> = found
        .iter()
        .filter(|f| !clean.contains(f) && !planted.iter().any(|p| f.0 == p.2 && f.1 == p.3))
        .collect();
    assert!(extra.is_empty(), "unexpected: {extra:?}");
}
