//! The `budget` binary end to end: exit codes, JSON output, builds.

#[path = "support/cli.rs"]
mod cli;

use cli::budget;
use std::path::{Path, PathBuf};

fn scratch(name: &str) -> PathBuf {
    cli::scratch_in("cli", name)
}

fn examples() -> Vec<PathBuf> {
    let mut v: Vec<PathBuf> =
        std::fs::read_dir(Path::new(env!("CARGO_MANIFEST_DIR")).join("examples"))
            .expect("examples/")
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.extension().map(|x| x == "budget").unwrap_or(false))
            .collect();
    v.sort();
    v
}

const BROKEN: &str = "年度 2024\n部门 甲\n口径 山西县级\n金额单位 万元\n单位 甲 { 类型 行政 }\n收入 {\n  一般公共预算 10\n  收入总计 11\n}\n支出 {\n  2011301 行政运行 基本 10\n}\n";

#[test]
fn every_example_checks_and_builds_identically() {
    let ex = examples();
    assert!(ex.len() >= 2);
    for f in ex {
        let f = f.to_string_lossy().into_owned();
        let out = budget(&["check", &f]);
        assert_eq!(
            out.status.code(),
            Some(0),
            "{f}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        let dir = scratch("examples");
        let d = dir.to_string_lossy().into_owned();
        let b1 = budget(&["build", &f, "--format", "json", "-o", &d]);
        assert_eq!(
            b1.status.code(),
            Some(0),
            "{}",
            String::from_utf8_lossy(&b1.stderr)
        );
        let stem = Path::new(&f)
            .file_stem()
            .expect("stem")
            .to_string_lossy()
            .into_owned();
        let json_path = dir.join(format!("{stem}.json"));
        let first = std::fs::read(&json_path).expect("json written");
        let v: serde_json::Value = serde_json::from_slice(&first).expect("valid json");
        assert!(
            v["derived"]["income_total"].is_string(),
            "money is a decimal string"
        );
        let b2 = budget(&["build", &f, "--format", "json", "-o", &d]);
        assert_eq!(b2.status.code(), Some(0));
        assert_eq!(
            first,
            std::fs::read(&json_path).expect("json"),
            "byte-identical rebuild"
        );
    }
}

#[test]
fn seed_json_carries_the_derived_figures() {
    let dir = scratch("seedjson");
    let d = dir.to_string_lossy().into_owned();
    let out = budget(&[
        "build",
        "examples/jinzhong-chanyelian-2024.budget",
        "-o",
        &d,
    ]);
    assert_eq!(out.status.code(), Some(0));
    let v: serde_json::Value = serde_json::from_slice(
        &std::fs::read(dir.join("jinzhong-chanyelian-2024.json")).expect("json"),
    )
    .expect("json");
    // amounts are exact 元
    assert_eq!(v["derived"]["income_total"], "13298400");
    assert_eq!(v["derived"]["expenditure"]["basic"], "128400");
    assert_eq!(v["derived"]["expenditure"]["project"], "13170000");
    assert_eq!(v["derived"]["projects_total"], "13170000");
    assert_eq!(v["derived"]["admin_cost"], "0");
    assert_eq!(v["projects"].as_array().map(|a| a.len()), Some(5));
}

#[test]
fn errors_exit_1_and_json_has_every_field() {
    let dir = scratch("broken");
    let f = dir.join("broken.budget");
    std::fs::write(&f, BROKEN).expect("write");
    let f = f.to_string_lossy().into_owned();
    let out = budget(&["check", &f]);
    assert_eq!(out.status.code(), Some(1));
    let out = budget(&["check", "--format", "json", &f]);
    assert_eq!(out.status.code(), Some(1));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json on stdout");
    assert_eq!(v["errors"], 1, "{v}");
    let d = &v["diagnostics"][0];
    assert_eq!(d["code"], "R1");
    assert_eq!(d["severity"], "error");
    assert_eq!(d["line"], 8);
    assert_eq!(d["column"], 8);
    assert_eq!(
        &BROKEN[d["start"].as_u64().expect("start") as usize
            ..d["end"].as_u64().expect("end") as usize],
        "11"
    );
    assert!(d["message"]
        .as_str()
        .expect("message")
        .contains("11.00万元"));
    assert!(d["help"].as_str().expect("help").contains("10.00万元"));
    assert!(d["labels"].is_array());
    assert_eq!(d["file"], f.as_str());
    let en = budget(&["check", "--format", "json", "--lang", "en", &f]);
    let v: serde_json::Value = serde_json::from_slice(&en.stdout).expect("json");
    assert!(v["diagnostics"][0]["message"]
        .as_str()
        .expect("msg")
        .starts_with("收入总计 (total income) is stated as 11.00万元"));
}

#[test]
fn usage_and_io_errors_exit_2() {
    assert_eq!(
        budget(&["check", "no/such/file.budget"]).status.code(),
        Some(2)
    );
    assert_eq!(budget(&["check"]).status.code(), Some(2));
    assert_eq!(
        budget(&[
            "check",
            "--lang",
            "fr",
            "examples/jinzhong-chanyelian-2024.budget"
        ])
        .status
        .code(),
        Some(2)
    );
    assert_eq!(budget(&["explain", "Z99"]).status.code(), Some(2));
}

#[test]
fn explain_prints_meaning_example_and_fix() {
    let out = budget(&["explain", "R5"]);
    assert_eq!(out.status.code(), Some(0));
    let s = String::from_utf8_lossy(&out.stdout);
    assert!(
        s.contains("R5") && s.contains("示例") && s.contains("修正"),
        "{s}"
    );
    let out = budget(&["explain", "--lang", "en", "P1c"]);
    let s = String::from_utf8_lossy(&out.stdout);
    assert!(s.contains("Example") && s.contains("Fix"), "{s}");
    let list = budget(&["explain", "--list"]);
    let s = String::from_utf8_lossy(&list.stdout);
    assert_eq!(s.lines().count(), budget::explain::ALL.len());
}

#[test]
fn build_with_errors_writes_nothing_unless_draft() {
    let dir = scratch("draft");
    let f = dir.join("broken.budget");
    std::fs::write(&f, BROKEN).expect("write");
    let out_dir = dir.join("out");
    let (fs, os) = (
        f.to_string_lossy().into_owned(),
        out_dir.to_string_lossy().into_owned(),
    );
    let out = budget(&["build", &fs, "-o", &os]);
    assert_eq!(out.status.code(), Some(1));
    assert!(!out_dir.join("broken.json").exists());
    let out = budget(&["build", &fs, "-o", &os, "--draft"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(out_dir.join("broken.json").exists());
}

#[test]
fn build_never_overwrites_its_input() {
    let dir = scratch("overwrite");
    let f = dir.join("x.json");
    std::fs::copy(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/jinzhong-chanyelian-2024.budget"),
        &f,
    )
    .expect("copy");
    let before = std::fs::read(&f).expect("read");
    let (fs, ds) = (
        f.to_string_lossy().into_owned(),
        dir.to_string_lossy().into_owned(),
    );
    let out = budget(&["build", &fs, "-o", &ds]);
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(before, std::fs::read(&f).expect("read"));
}

#[test]
fn user_catalog_extends_the_builtin() {
    let dir = scratch("catalog");
    let f = dir.join("a.budget");
    std::fs::write(
        &f,
        "年度 2024\n部门 甲\n口径 山西县级\n金额单位 万元\n单位 甲 { 类型 行政 }\n收入 { 一般公共预算 1 }\n支出 {\n  201 一般公共服务支出\n  20199 其他一般公共服务支出\n  2019999 其他一般公共服务支出 基本 1\n}\n",
    )
    .expect("write");
    let c = dir.join("codes.csv");
    std::fs::write(&c, "kind,code,name\nfunction,20199,其他一般公共服务支出\nfunction,2019999,其他一般公共服务支出\n").expect("write");
    let fs = f.to_string_lossy().into_owned();
    let out = budget(&["check", "--format", "json", &fs]);
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    // 20199 is in the built-in catalog; 2019999 is not, and warns
    assert_eq!(v["warnings"], 1, "an unknown code warns: {v}");
    let out = budget(&[
        "check",
        "--format",
        "json",
        "--catalog",
        &c.to_string_lossy(),
        &fs,
    ]);
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    assert_eq!(v["warnings"], 0, "{v}");
    assert_eq!(out.status.code(), Some(0));
}
