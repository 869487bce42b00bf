//! Year after year: a file names last year's (`上年 文件 "…"`), whose
//! checked model gives the 上年 figures; hand-written ones are claims.
//! The real pair: 万里 2025 (examples/shanghai-putuo-wanli-2025.budget)
//! linked to 万里 2024 (examples/shanghai-putuo-wanli-2024.budget).

#[path = "support/cli.rs"]
mod support;

use budget::diagnostic::{Diagnostic, Span};
use budget::model::{LastYearKey, Money};
use budget::{check_file, Checked, Options};
use rust_decimal::Decimal;
use std::path::{Path, PathBuf};
use std::process::Command;
use support::{read_disk, root, scratch_in, stderr, stdout};

const Y2025: &str = "examples/shanghai-putuo-wanli-2025.budget";
const Y2024: &str = "examples/shanghai-putuo-wanli-2024.budget";

fn example(rel: &str) -> (PathBuf, String) {
    let path = root().join(rel);
    let src = std::fs::read_to_string(&path).expect("read example");
    (path, src)
}

fn check(path: &Path, src: &str) -> Checked {
    check_file(path, src, &Options::default(), &read_disk)
}

fn yuan(n: i64) -> Money {
    Money::yuan(Decimal::from(n))
}

fn codes(ds: &[Diagnostic]) -> Vec<&'static str> {
    ds.iter().map(|d| d.code.as_str()).collect()
}

fn text<'a>(src: &'a str, d: &Diagnostic) -> &'a str {
    &src[d.span.start..d.span.end]
}

/// The 2025 document's printed 上年 figures agree with the 2024 document's
/// own: no F007. The figures the 2025 file does not write (收入总计, 支出总计,
/// 公务用车购置及运行费, 机关运行经费) are the 2024 file's, and their changes have no reason in the
/// 2025 document: the three N1 warnings the example acknowledges.
#[test]
fn wanli_2025_agrees_with_wanli_2024() {
    let (path, src) = example(Y2025);
    let c = check(&path, &src);
    assert!(!c.has_errors(), "{:?}", c.diagnostics);
    assert!(!codes(&c.diagnostics).contains(&"F007"));
    assert_eq!(c.files.len(), 1);
    let last = &c.files[0];
    assert!(last.path.ends_with(Y2024));
    assert_eq!(
        last.checked.error_count(),
        0,
        "{:?}",
        last.checked.diagnostics
    );
    let ly = &c.budget.last_year;
    assert_eq!(
        ly.from_file,
        [
            LastYearKey::IncomeTotal,
            LastYearKey::ExpenditureTotal,
            LastYearKey::Vehicle,
            LastYearKey::AdminCost
        ]
    );
    assert_eq!(ly.get(LastYearKey::Vehicle), Some(yuan(465_600)));
    assert_eq!(ly.get(LastYearKey::IncomeTotal), Some(yuan(156_211_123)));
    assert_eq!(
        ly.get(LastYearKey::ExpenditureTotal),
        Some(yuan(156_211_123))
    );
    assert_eq!(ly.get(LastYearKey::AdminCost), Some(yuan(4_431_800)));
    // a hand-written one stays as written (the claim holds)
    assert_eq!(ly.get(LastYearKey::Fiscal), Some(yuan(156_211_100)));
    assert_eq!(
        last.checked.budget.this_year(LastYearKey::Fiscal),
        yuan(156_211_123)
    );
    let n1: Vec<&str> = c
        .diagnostics
        .iter()
        .filter(|d| d.code == "N1")
        .map(|d| d.message.en.as_ref())
        .collect();
    assert_eq!(n1.len(), 3, "{n1:?}");
    assert!(n1[0].starts_with("收入总计 changed from 156,211,123元"));
    assert!(n1[2].starts_with("机关运行经费 changed from 4,431,800元"));
    let shown = budget::acknowledge::split(&src, &c.diagnostics).shown;
    assert!(!codes(&shown).contains(&"N1"));
}

/// A printed figure that disagrees with last year's file is F007 at the
/// figure, showing both: 三公 48.91 against the 2024 file's 47.91.
#[test]
fn a_wrong_claim_is_f007_at_the_figure() {
    let (path, src) = example(Y2025);
    let wrong = src.replace(
        "三公经费                47.91万元",
        "三公经费                48.91万元",
    );
    assert_ne!(wrong, src);
    let c = check(&path, &wrong);
    let f: Vec<&Diagnostic> = c.diagnostics.iter().filter(|d| d.code == "F007").collect();
    assert_eq!(f.len(), 1, "{:?}", c.diagnostics);
    assert_eq!(text(&wrong, f[0]), "三公经费                48.91万元");
    assert_eq!(
        f[0].message.en,
        "last year's 三公经费 is written 489,100元; last year's file has 479,100元"
    );
    // 0.01万元 rounding (舍入 说明) is not a disagreement: 47.914 is 47.91
    let close = src.replace("47.91万元", "47.914万元");
    let c = check(&path, &close);
    assert!(!codes(&c.diagnostics).contains(&"F007"));
}

/// A broken last-year file: its errors are its own, this year's diagnostics
/// are all still there, and one F008 says nothing was taken from it.
#[test]
fn a_broken_last_year_hides_nothing_of_this_year() {
    let dir = scratch_in("years", "broken");
    let (_, y24) = example(Y2024);
    let (_, y25) = example(Y2025);
    let broken = y24.replacen("年度 2024", "年度 2024\n收入 { 一般公共预算 x }", 1);
    std::fs::write(dir.join("shanghai-putuo-wanli-2024.budget"), broken).expect("write");
    // a wrong figure this year too: its own R-rule diagnostic stays
    let y25 = y25.replace(
        "三公经费                47.91万元",
        "三公经费                48.91万元",
    );
    let path = dir.join("this.budget");
    let c = check(&path, &y25);
    let f008: Vec<&Diagnostic> = c.diagnostics.iter().filter(|d| d.code == "F008").collect();
    assert_eq!(f008.len(), 1);
    assert_eq!(text(&y25, f008[0]), "\"shanghai-putuo-wanli-2024.budget\"");
    assert!(
        !codes(&c.diagnostics).contains(&"F007"),
        "nothing taken, nothing compared"
    );
    // this year's own N7 (48.91 → 37.91 has a reason): none; its 收入总计 is not linked
    assert!(c.budget.last_year.from_file.is_empty());
    let last = &c.files[0].checked;
    assert!(last.has_errors());
    assert!(codes(&last.diagnostics).contains(&"L006"));
    let _ = std::fs::remove_dir_all(&dir);
}

/// A small department over two years, with per-line last-year figures.
fn pair(dir: &Path, line_2025: &str) -> PathBuf {
    let doc = |year: i32, lines: &str, extra: &str| {
        format!(
            "年度 {year}\n部门 \"测试部门\"\n口径 山西县级\n金额单位 万元\n单位 \"测试部门\" {{ 类型 行政 }}\n收入 {{\n  一般公共预算 30.00\n}}\n支出 {{\n{lines}}}\n{extra}"
        )
    };
    let y24 = doc(
        2024,
        "  2011301 行政运行 基本 12.00\n  2011302 一般行政管理事务 项目 18.00\n",
        "",
    );
    let y25 = doc(
        2025,
        &format!("  2011301 行政运行 基本 10.00{line_2025}\n  2011350 事业运行 项目 20.00\n"),
        "上年 {\n  文件 \"../2024/d.budget\"\n  原因 \"调整\"\n}\n",
    );
    std::fs::create_dir_all(dir.join("2024")).expect("mkdir");
    std::fs::create_dir_all(dir.join("2025")).expect("mkdir");
    std::fs::write(dir.join("2024/d.budget"), y24).expect("write");
    let p = dir.join("2025/d.budget");
    std::fs::write(&p, y25).expect("write");
    p
}

fn check_allowing(path: &Path, root: &Path) -> (String, Checked) {
    let src = std::fs::read_to_string(path).expect("read");
    let opts = Options {
        allowed: vec![root.to_path_buf()],
        ..Options::default()
    };
    let c = check_file(path, &src, &opts, &read_disk);
    (src, c)
}

/// A 项 line's `上年 X` is a claim against last year's line of the same
/// code; once one line has one, the others take last year's 预算 (a line
/// last year's budget lacks was 0).
#[test]
fn line_figures_come_from_last_years_lines() {
    let dir = scratch_in("years", "lines");
    let p = pair(&dir, " 上年 12.00");
    let (_, c) = check_allowing(&p, &dir);
    assert!(!c.has_errors(), "{:?}", c.diagnostics);
    let row = |code: &str| {
        let r = c.budget.expenditure.rows.iter().find(|r| r.code == code);
        r.map(|r| (r.last_year, r.facts.linked))
    };
    assert_eq!(row("2011301"), Some((Some(yuan(120_000)), false)));
    assert_eq!(row("2011350"), Some((Some(yuan(0)), true)));
    let p = pair(&dir, " 上年 11.00");
    let (src, c) = check_allowing(&p, &dir);
    let f: Vec<&Diagnostic> = c.diagnostics.iter().filter(|d| d.code == "F007").collect();
    assert_eq!(f.len(), 1, "{:?}", c.diagnostics);
    assert_eq!(text(&src, f[0]), "上年 11.00");
    assert!(f[0].message.zh.contains("2011301 行政运行"));
    assert_eq!(
        f[0].message.zh,
        "2011301 行政运行的上年数写作 11.00万元，上年的文件中为 12.00万元"
    );
    let _ = std::fs::remove_dir_all(&dir);
}

fn run_in(dir: &Path, args: &[&str]) -> (Option<i32>, String, String) {
    let o = Command::new(env!("CARGO_BIN_EXE_budget"))
        .args(args)
        .current_dir(dir)
        .output()
        .expect("run budget");
    (o.status.code(), stdout(&o), stderr(&o))
}

/// The files `check --format json` reports, in order.
fn files_checked(json: &str) -> Vec<String> {
    let v: serde_json::Value = serde_json::from_str(json).expect("json");
    v["files"]
        .as_array()
        .expect("files")
        .iter()
        .filter_map(|f| f["file"].as_str().map(str::to_string))
        .collect()
}

/// The layout 2024/d.budget, 2025/d.budget outside any git repository:
/// `../2024` leaves the folder of the file checked, so it is F001 unless
/// `--allow-path`.
#[test]
fn the_cli_refuses_leaving_the_folder_unless_allowed() {
    let dir = scratch_in("years", "cli");
    pair(&dir, " 上年 12.00");
    let (code, _, err) = run_in(&dir, &["check", "2025/d.budget"]);
    assert_eq!(code, Some(1), "{err}");
    assert!(err.contains("F001"), "{err}");
    let (code, out, err) = run_in(
        &dir,
        &[
            "check",
            "--allow-path",
            ".",
            "--format",
            "json",
            "2025/d.budget",
        ],
    );
    assert_eq!(code, Some(0), "{err}");
    assert_eq!(files_checked(&out), ["2025/d.budget", "2024/d.budget"]);
    let _ = std::fs::remove_dir_all(&dir);
}

/// The same layout kept in a git repository (a `.git` at its root, as
/// `git init` leaves it): the repository is the project folder, so
/// `../2024/d.budget` is read without `--allow-path`, from the repository
/// root and from inside 2025/; a path leaving the repository is still F001.
#[test]
fn inside_a_repository_the_repository_is_the_project_folder() {
    let dir = scratch_in("years", "repo");
    pair(&dir, " 上年 12.00");
    std::fs::create_dir_all(dir.join(".git")).expect("mkdir .git");
    let (code, out, err) = run_in(&dir, &["check", "--format", "json", "2025/d.budget"]);
    assert_eq!(code, Some(0), "{err}");
    assert_eq!(files_checked(&out), ["2025/d.budget", "2024/d.budget"]);
    let (code, _, err) = run_in(&dir.join("2025"), &["check", "d.budget"]);
    assert_eq!(code, Some(0), "{err}");
    // a name that climbs out of the repository is refused as before
    let y25 = dir.join("2025/d.budget");
    let src = std::fs::read_to_string(&y25).expect("read");
    std::fs::write(
        &y25,
        src.replace("../2024/d.budget", "../../outside.budget"),
    )
    .expect("write");
    let (code, _, err) = run_in(&dir, &["check", "2025/d.budget"]);
    assert_eq!(code, Some(1), "{err}");
    assert!(err.contains("F001"), "{err}");
    let _ = std::fs::remove_dir_all(&dir);
}

/// Last year's file naming this year's: F003, reported in last year's file
/// (whose statement closes the cycle), and this year's gets F008.
#[test]
fn a_cycle_is_f003_in_the_file_that_closes_it() {
    let dir = scratch_in("years", "cycle");
    pair(&dir, "");
    let y24 = dir.join("2024/d.budget");
    let src = std::fs::read_to_string(&y24).expect("read");
    std::fs::write(&y24, format!("{src}上年 文件 \"../2025/d.budget\"\n")).expect("write");
    let (code, _, err) = run_in(&dir, &["check", "--allow-path", ".", "2025/d.budget"]);
    assert_eq!(code, Some(1), "{err}");
    let at = err.find("F003").expect("F003 reported");
    let in_file = err[at..]
        .find("─[2024/d.budget:")
        .expect("in 2024/d.budget");
    assert!(in_file < 200, "{err}");
    assert!(
        err.contains("“../2025/d.budget”形成循环：d.budget → ../2024/d.budget → d.budget"),
        "{err}"
    );
    assert!(err.contains("F008"), "{err}");
    let _ = std::fs::remove_dir_all(&dir);
}

/// A symbolic link inside the project folder that leads out of it is not
/// followed (the CLI checks the real path).
#[cfg(unix)]
#[test]
fn a_symbolic_link_out_of_the_folder_is_not_read() {
    let dir = scratch_in("years", "link");
    let outside = scratch_in("years", "outside");
    pair(&outside, "");
    let (_, y25) = example(Y2025);
    std::fs::write(dir.join("this.budget"), y25).expect("write");
    std::os::unix::fs::symlink(
        outside.join("2024/d.budget"),
        dir.join("shanghai-putuo-wanli-2024.budget"),
    )
    .expect("symlink");
    let (code, _, err) = run_in(&dir, &["check", "this.budget"]);
    assert_eq!(code, Some(1), "{err}");
    assert!(err.contains("F002"), "{err}");
    assert!(err.contains("symbolic link"), "{err}");
    let _ = std::fs::remove_dir_all(&dir);
    let _ = std::fs::remove_dir_all(&outside);
}

#[test]
fn a_text_alone_reads_no_file() {
    let (_, src) = example(Y2025);
    let c = budget::check_source(&src, &Options::default());
    let f: Vec<(&str, Span)> = c
        .diagnostics
        .iter()
        .filter(|d| d.code.as_str().starts_with('F'))
        .map(|d| (d.code.as_str(), d.span))
        .collect();
    let at = src
        .find("\"shanghai-putuo-wanli-2024.budget\"")
        .expect("named");
    assert_eq!(f, [("F002", Span::new(at, at + 34))]);
}

/// A last-year file that lost its 年度 to an error is F008 alone: no F006
/// about a year it does not state.
#[test]
fn a_year_lost_to_an_error_is_not_a_wrong_year() {
    let dir = scratch_in("years", "noyear");
    let p = pair(&dir, "");
    let y24 = dir.join("2024/d.budget");
    let src = std::fs::read_to_string(&y24).expect("read");
    std::fs::write(&y24, src.replacen("年度 2024", "年度 二〇二四", 1)).expect("write");
    let (_, c) = check_allowing(&p, &dir);
    let f: Vec<&str> = codes(&c.diagnostics)
        .into_iter()
        .filter(|c| c.starts_with('F'))
        .collect();
    assert_eq!(f, ["F008"]);
    assert!(c.files[0].checked.has_errors());
    let _ = std::fs::remove_dir_all(&dir);
}

/// `budget check examples/`: 万里 2024 is checked on its own and not again
/// as 万里 2025's last year; the review page has each file once.
#[test]
fn a_run_reports_a_linked_file_once() {
    let (code, _, err) = run_in(root(), &["check", "examples/"]);
    assert_eq!(code, Some(0), "{err}");
    // five examples, each once: the 2024 file and 区府办's unit file are
    // also named by another example
    assert!(err.contains("检查了 5 个文件"), "{err}");
    let (code, out, err) = run_in(root(), &["check", "--format", "html", Y2025]);
    assert_eq!(code, Some(0), "{err}");
    assert!(out.contains(Y2025), "the page names this year's file");
    assert!(out.contains(Y2024), "and last year's, as its own file");
}

/// The editor's hover on a figure shows last year's from the linked file
/// and the change: 机关运行经费 464.64万元 against the 2024 file's 443.18万元.
#[test]
fn hover_shows_last_years_figure_from_the_file() {
    let (path, src) = example(Y2025);
    let mut cache = budget::syntax::ParseCache::new();
    let opts = Options::default();
    let a = budget::editor::Analysis::for_file(&path, src.as_str(), &opts, &read_disk, &mut cache);
    let at = src.find("机关运行经费 464.64万元").expect("the statement");
    let pos = a.index.position(&a.text, at + 3);
    let h = budget::editor::hover::hover(&a, pos, budget::diagnostic::Lang::Zh, &opts.catalog)
        .expect("a hover");
    assert!(h.markdown.contains("上年 4,431,800元"), "{}", h.markdown);
    assert!(h.markdown.contains("增加 214,600元"), "{}", h.markdown);
}
