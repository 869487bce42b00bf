//! `budget check` on many files and folders: recursion, order, the summary,
//! the JSON document, exit codes.

#[path = "support/cli.rs"]
mod cli;

#[path = "../benches/support/corpus.rs"]
mod corpus;

use cli::budget;
use std::path::{Path, PathBuf};

fn scratch(name: &str) -> PathBuf {
    cli::scratch_in("batch", name)
}

fn s(p: &Path) -> String {
    p.to_string_lossy().into_owned()
}

const SEED: &str = include_str!("../examples/jinzhong-chanyelian-2024.budget");
const BROKEN: &str = "年度 2024\n部门 甲\n口径 山西县级\n金额单位 万元\n单位 甲 { 类型 行政 }\n收入 {\n  一般公共预算 10\n  收入总计 11\n}\n支出 {\n  2011301 行政运行 基本 10\n}\n";

/// A tree: a/seed.budget, a/b/broken.budget, a/b/c/ok.budget (generated),
/// a/.hidden/x.budget (skipped), a/notes.txt (skipped).
fn tree(name: &str) -> PathBuf {
    let root = scratch(name);
    let a = root.join("a");
    std::fs::create_dir_all(a.join("b/c")).expect("dirs");
    std::fs::create_dir_all(a.join(".hidden")).expect("dirs");
    std::fs::write(a.join("seed.budget"), SEED).expect("write");
    std::fs::write(a.join("b/broken.budget"), BROKEN).expect("write");
    std::fs::write(a.join("b/c/ok.budget"), corpus::department(1, 0)).expect("write");
    std::fs::write(a.join(".hidden/x.budget"), BROKEN).expect("write");
    std::fs::write(a.join("notes.txt"), "not a budget").expect("write");
    root
}

#[test]
fn a_folder_is_searched_recursively_and_summarised() {
    let root = tree("human");
    let out = budget(&["check", &s(&root.join("a"))]);
    assert_eq!(out.status.code(), Some(1), "one file has an error");
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("检查了 3 个文件：1 个错误，8 个警告"), "{err}");
    assert!(
        err.contains("按代码：P1b ×1，P1c ×1，P1g ×2，P1h ×1，R1 ×1，R8 ×3"),
        "{err}"
    );
    // files are reported in path order: a/b/broken before a/seed
    let broken = err.find("broken.budget").expect("broken reported");
    let seed = err.find("seed.budget").expect("seed reported");
    assert!(broken < seed, "{err}");
    assert!(!err.contains("x.budget"), "hidden folders are skipped");
    // no progress bar when stderr is not a terminal
    assert!(!err.contains('\r') && !err.contains('\u{1b}'), "{err:?}");
    let en = budget(&["check", "--lang", "en", &s(&root.join("a"))]);
    let err = String::from_utf8_lossy(&en.stderr);
    assert!(
        err.contains("checked 3 file(s): 1 error(s), 8 warning(s)"),
        "{err}"
    );
    assert!(
        err.contains("by code: P1b ×1, P1c ×1, P1g ×2, P1h ×1, R1 ×1, R8 ×3"),
        "{err}"
    );
}

#[test]
fn json_has_per_file_results_and_counts_by_code() {
    let root = tree("json");
    let out = budget(&["check", "--format", "json", &s(&root.join("a"))]);
    assert_eq!(out.status.code(), Some(1));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("one JSON document");
    assert_eq!(v["errors"], 1);
    assert_eq!(v["warnings"], 8);
    assert_eq!(v["file_count"], 3);
    assert_eq!(v["diagnostics"].as_array().map(Vec::len), Some(9));
    assert_eq!(v["by_code"]["R8"], 3);
    assert_eq!(v["by_code"]["R1"], 1);
    let files = v["files"].as_array().expect("files");
    let names: Vec<&str> = files
        .iter()
        .map(|f| f["file"].as_str().expect("file"))
        .collect();
    let mut sorted = names.clone();
    sorted.sort();
    assert_eq!(names, sorted, "files in path order");
    assert!(names[0].ends_with("broken.budget") && names[2].ends_with("seed.budget"));
    assert_eq!(files[0]["errors"], 1);
    assert_eq!(files[0]["diagnostics"][0]["code"], "R1");
    assert_eq!(files[1]["errors"], 0);
    assert_eq!(files[1]["warnings"], 0);
    assert_eq!(files[2]["warnings"], 8);
    assert_eq!(files[2]["diagnostics"].as_array().map(Vec::len), Some(8));
    // the flat list is the per-file lists in order
    let flat: Vec<&serde_json::Value> = files
        .iter()
        .flat_map(|f| f["diagnostics"].as_array().expect("list").iter())
        .collect();
    let top: Vec<&serde_json::Value> = v["diagnostics"].as_array().expect("list").iter().collect();
    assert_eq!(flat, top);
}

#[test]
fn files_and_folders_mix_and_io_errors_exit_2() {
    let root = tree("mix");
    let seed = s(&root.join("a/seed.budget"));
    let c = s(&root.join("a/b/c"));
    let out = budget(&["check", &seed, &c]);
    assert_eq!(out.status.code(), Some(0));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("检查了 2 个文件：0 个错误，8 个警告"), "{err}");
    let out = budget(&["check", &seed, &s(&root.join("no/such.budget"))]);
    assert_eq!(out.status.code(), Some(2));
    let empty = root.join("empty");
    std::fs::create_dir_all(&empty).expect("dir");
    let out = budget(&["check", &s(&empty)]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("no .budget files"));
}

#[test]
fn a_generated_corpus_checks_clean() {
    let dir = scratch("corpus");
    corpus::write_corpus(20, &dir, corpus::DEFAULT_SEED).expect("corpus");
    let out = budget(&["check", &s(&dir)]);
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(0), "{err}");
    assert!(
        err.contains("检查了 20 个文件：0 个错误，0 个警告"),
        "{err}"
    );
    let out = budget(&["check", "--format", "json", &s(&dir)]);
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    assert_eq!(v["file_count"], 20);
    assert_eq!(v["by_code"], serde_json::json!({}));
}
