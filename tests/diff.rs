//! `budget diff`: the semantic diff of two versions, its outputs (text, JSON,
//! HTML in a headless browser), its exit codes, and git's diff driver.

#[path = "support/browser.rs"]
mod browser;
#[path = "support/cli.rs"]
mod cli;

use cli::{budget, root, stderr, stdout};

use std::path::{Path, PathBuf};
use std::process::Command;

fn scratch(name: &str) -> PathBuf {
    cli::scratch_in("diff", name)
}

const WANLI: &str = "examples/shanghai-putuo-wanli-2024.budget";

/// The 万里 example with three edits: one 项 line's amount (257,700 → 257,800),
/// the 统战事务 款 and its 项 removed, a paragraph of 职责 reworded.
fn edited() -> String {
    let src = std::fs::read_to_string(root().join(WANLI)).expect("example");
    let mut out = String::new();
    for line in src.lines() {
        let t = line.trim_start();
        if t.starts_with("20134 ") || t.starts_with("2013402 ") {
            continue;
        }
        let line = if t.starts_with("2010507 ") {
            line.replace("257,700 基本", "257,800 基本")
                .replace("项目    257,700", "项目    257,800")
                .replace("项目 257,700", "项目 257,800")
        } else {
            line.replace(
                "九、承办区委、区政府交办的其他事项。",
                "九、完成区委、区政府交办的其他任务。",
            )
        };
        out.push_str(&line);
        out.push('\n');
    }
    assert_ne!(out, src);
    out
}

fn pair(name: &str) -> (PathBuf, PathBuf) {
    let d = scratch(name);
    let old = d.join("old.budget");
    let new = d.join("new.budget");
    std::fs::copy(root().join(WANLI), &old).expect("copy");
    std::fs::write(&new, edited()).expect("write");
    (old, new)
}

fn s(p: &Path) -> &str {
    p.to_str().expect("utf-8 path")
}

#[test]
fn the_same_file_is_no_difference() {
    let o = budget(&["diff", WANLI, WANLI]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(
        stdout(&o).contains("相同：表格与文字均无变化"),
        "{}",
        stdout(&o)
    );
}

#[test]
fn cells_rows_and_paragraphs_that_changed() {
    let (old, new) = pair("text");
    let o = budget(&["diff", s(&old), s(&new)]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let text = stdout(&o);
    // the changed 项 row, with both amounts, 元 and 万元, the change and its percentage
    assert!(text.contains("~ 201 05 07 专项普查活动"), "{text}");
    assert!(
        text.contains("合计：257,700（25.77万元） → 257,800（25.78万元）（+100元，+0.04%）"),
        "{text}"
    );
    // the removed rows
    assert!(text.contains("- 201 34 统战事务"), "{text}");
    assert!(text.contains("- 201 34 02 一般行政管理事务"), "{text}");
    // the reworded paragraph
    assert!(
        text.contains("  - 九、承办区委、区政府交办的其他事项。"),
        "{text}"
    );
    assert!(
        text.contains("  + 九、完成区委、区政府交办的其他任务。"),
        "{text}"
    );
    // no colour when not on a terminal
    assert!(!text.contains('\x1b'), "{text}");
}

#[test]
fn json_carries_exact_values_and_changes() {
    let (old, new) = pair("json");
    let o = budget(&["diff", "--format", "json", s(&old), s(&new)]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).expect("json");
    assert_eq!(v["old"]["year"], 2024);
    assert_eq!(v["old"]["errors"], 0);
    let t5 = v["tables"]
        .as_array()
        .expect("tables")
        .iter()
        .find(|t| {
            t["title"]
                .as_str()
                .is_some_and(|s| s.contains("一般公共预算支出功能分类"))
        })
        .expect("表5 changed");
    assert_eq!(t5["unit"], "元");
    let rows = t5["rows"].as_array().expect("rows");
    let row = rows
        .iter()
        .find(|r| r["row"] == "201 05 07 专项普查活动")
        .expect("changed row");
    assert_eq!(row["change"], "changed");
    let total = row["cells"]
        .as_array()
        .expect("cells")
        .iter()
        .find(|c| c["column"] == "合计")
        .expect("合计 cell");
    assert_eq!(total["old_value"], "257700");
    assert_eq!(total["new_value"], "257800");
    assert_eq!(total["delta"], "100");
    assert_eq!(total["percent"], "0.04");
    let gone = rows
        .iter()
        .find(|r| r["row"] == "201 34 统战事务")
        .expect("removed row");
    assert_eq!(gone["change"], "removed");
    assert!(gone["cells"]
        .as_array()
        .expect("cells")
        .iter()
        .any(|c| c["text"] == "119,100"));
    let para = v["sections"]
        .as_array()
        .expect("sections")
        .iter()
        .flat_map(|s| s["paragraphs"].as_array().expect("paragraphs"))
        .find(|p| p["change"] == "changed" && p["old"] == "九、承办区委、区政府交办的其他事项。")
        .expect("changed paragraph");
    assert_eq!(para["new"], "九、完成区委、区政府交办的其他任务。");
}

#[test]
fn two_departments_cannot_be_compared() {
    let o = budget(&["diff", WANLI, "examples/jinzhong-chanyelian-2024.budget"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("不是同一个部门"), "{}", stderr(&o));
    assert!(o.stdout.is_empty());
}

#[test]
fn usage_and_io_errors_exit_2() {
    let o = budget(&["diff", WANLI]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("budget diff OLD NEW"), "{}", stderr(&o));
    let o = budget(&["diff", WANLI, "no/such/file.budget"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("no/such/file.budget"), "{}", stderr(&o));
    // a file the checker cannot read at all
    let d = scratch("broken");
    let broken = d.join("broken.budget");
    std::fs::write(&broken, [0xff, 0xfe, 0x00]).expect("write");
    let o = budget(&["diff", WANLI, s(&broken)]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
}

#[test]
fn the_html_page_is_self_contained_and_shows_every_change() {
    let (old, new) = pair("html");
    let page = old.with_file_name("diff.html");
    let o = budget(&["diff", "--format", "html", "-o", s(&page), s(&old), s(&new)]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let html = std::fs::read_to_string(&page).expect("page");
    for banned in ["<script", "http://", "https://", "<link", "src="] {
        assert!(!html.contains(banned), "{banned} in the page");
    }
    let Some(dom) = browser::dump_dom(&page, &scratch("chromium-profile")) else {
        return;
    };
    assert!(dom.contains("</table>"), "no DOM: {dom:.300}");
    for shown in [
        "201 05 07 专项普查活动",
        "257,700",
        "257,800",
        "+100",
        "0.04%",
        "201 34 统战事务",
        "删除行",
        "九、完成区委、区政府交办的其他任务。",
    ] {
        assert!(dom.contains(shown), "{shown} not shown");
    }
}

#[test]
fn git_diff_shows_the_semantic_diff() {
    if Command::new("git").arg("--version").output().is_err() {
        return browser::missing("git not found");
    }
    let repo = scratch("git");
    let git = |args: &[&str]| {
        let o = Command::new("git")
            .args(args)
            .current_dir(&repo)
            .env("GIT_CONFIG_NOSYSTEM", "1")
            .env("HOME", &repo)
            .output()
            .expect("git");
        assert!(o.status.success(), "git {args:?}: {}", stderr(&o));
        stdout(&o)
    };
    git(&["init", "-q"]);
    git(&["config", "user.email", "t@example.invalid"]);
    git(&["config", "user.name", "t"]);
    let exe = env!("CARGO_BIN_EXE_budget");
    git(&[
        "config",
        "diff.budget.command",
        &format!("{exe} diff --git"),
    ]);
    std::fs::write(repo.join(".gitattributes"), "*.budget diff=budget\n").expect("attrs");
    std::fs::copy(root().join(WANLI), repo.join("wanli.budget")).expect("copy");
    git(&["add", "."]);
    git(&["commit", "-q", "-m", "2024"]);
    std::fs::write(repo.join("wanli.budget"), edited()).expect("edit");
    let text = git(&["diff"]);
    assert!(text.contains("budget diff wanli.budget"), "{text}");
    assert!(text.contains("~ 201 05 07 专项普查活动"), "{text}");
    assert!(text.contains("- 201 34 统战事务"), "{text}");
    // a new file: named as such
    std::fs::copy(root().join(WANLI), repo.join("new.budget")).expect("copy");
    git(&["add", "-N", "new.budget"]);
    let text = git(&["diff", "--", "new.budget"]);
    assert!(text.contains("budget diff new.budget: 文件新增"), "{text}");
}
