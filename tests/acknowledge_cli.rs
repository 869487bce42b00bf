//! `budget check` with acknowledged warnings, `--all`, `-q`; `budget explain`
//! for a classification code; fixes in `--format json`.

#[path = "support/cli.rs"]
mod cli;

use cli::budget;
use std::path::PathBuf;

const SEED: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/examples/jinzhong-chanyelian-2024.budget"
);

/// The seed with its three R8 lines acknowledged on the line and its P1g
/// warnings for the whole file.
fn acknowledged_seed() -> PathBuf {
    let src = std::fs::read_to_string(SEED).expect("the seed");
    let mut out = String::from("# budget: 全文允许 P1g\n");
    for line in src.lines() {
        out.push_str(line);
        let t = line.trim_start();
        if t.starts_with("302 ")
            || (t.starts_with("合计") && t.contains("12.84"))
            || t.starts_with("公用经费合计")
        {
            out.push_str("  # budget: 允许 R8");
        }
        out.push('\n');
    }
    let dir = std::env::temp_dir().join(format!("budget-ack-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("a scratch folder");
    let p = dir.join("seed.budget");
    std::fs::write(&p, out).expect("write");
    p
}

#[test]
fn acknowledged_warnings_are_hidden_and_counted() {
    let p = acknowledged_seed();
    let path = p.to_str().expect("a UTF-8 path");
    let out = budget(&["check", path]);
    assert_eq!(out.status.code(), Some(0));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(!err.contains("R8\n") && !err.contains("P1g\n"), "{err}");
    assert!(err.contains("P1c"), "the others stay: {err}");
    assert!(
        err.contains("0 个错误，3 个警告（另有 5 个已允许的警告未显示，--all 显示）"),
        "{err}"
    );
    let all = budget(&["check", "--all", "--lang", "en", path]);
    let err = String::from_utf8_lossy(&all.stderr);
    assert!(
        err.contains("R8") && err.contains("0 error(s), 8 warning(s)"),
        "{err}"
    );
    let quiet = budget(&["check", "-q", path]);
    let err = String::from_utf8_lossy(&quiet.stderr);
    assert!(
        !err.contains("P1c") && err.contains("检查了 1 个文件"),
        "{err}"
    );
    let json = budget(&["check", "--format", "json", path]);
    let doc: serde_json::Value = serde_json::from_slice(&json.stdout).expect("json");
    assert_eq!(doc["acknowledged"], 5);
    assert_eq!(doc["warnings"], 3);
}

#[test]
fn fixes_are_in_json() {
    let out = budget(&[
        "check",
        "--format",
        "json",
        "tests/mistakes/unclosed-string.budget",
    ]);
    assert_eq!(out.status.code(), Some(1));
    let doc: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    let d = &doc["diagnostics"]
        .as_array()
        .expect("a list")
        .iter()
        .find(|d| d["code"] == "L001")
        .expect("L001")
        .clone();
    assert_eq!(d["line"], 109);
    assert_eq!(d["fix"]["replacement"], "\"");
    assert_eq!(d["fix"]["line"], 109);
}

#[test]
fn explain_looks_up_a_classification_code() {
    let out = budget(&["explain", "2011301"]);
    assert_eq!(out.status.code(), Some(0));
    let s = String::from_utf8_lossy(&out.stdout);
    assert!(s.starts_with("2011301 行政运行"), "{s}");
    assert!(s.contains("20113 商贸事务 → 201 一般公共服务支出"), "{s}");
    let out = budget(&["explain", "--lang", "en", "302"]);
    let s = String::from_utf8_lossy(&out.stdout);
    assert!(s.contains("30201 办公费") && s.contains("children:"), "{s}");
    assert_eq!(budget(&["explain", "9999999"]).status.code(), Some(2));
}
