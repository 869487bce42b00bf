//! `budget fmt`: idempotent, keeps every comment, never changes meaning —
//! over every example, every `tests/diagnostics/*.budget` that parses, and
//! generated documents.

use budget::syntax::ast::{Stmt, ValueKind};
use budget::{check_source, format, syntax, Options};
use proptest::prelude::*;
use std::path::{Path, PathBuf};

fn budget_files(dir: &str) -> Vec<PathBuf> {
    let mut v: Vec<PathBuf> = std::fs::read_dir(Path::new(env!("CARGO_MANIFEST_DIR")).join(dir))
        .map(|r| {
            r.filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|p| p.extension().is_some_and(|x| x == "budget"))
                .collect()
        })
        .unwrap_or_default();
    v.sort();
    v
}

/// The tree without spans: what the text means, syntactically.
#[derive(Debug, PartialEq)]
struct Shape(Vec<(Vec<ValueKind>, Option<Shape>)>);

fn shape(stmts: &[Stmt]) -> Shape {
    Shape(
        stmts
            .iter()
            .map(|s| {
                (
                    s.values.iter().map(|v| v.kind.clone()).collect(),
                    s.block.as_ref().map(|b| shape(&b.stmts)),
                )
            })
            .collect(),
    )
}

/// Byte spans, should one leak into the JSON, are positions, not meaning:
/// blank them.
fn without_spans(v: &mut serde_json::Value) {
    match v {
        serde_json::Value::Object(m) => {
            if m.len() == 2 && m.contains_key("start") && m.contains_key("end") {
                *v = serde_json::Value::Null;
            } else {
                m.values_mut().for_each(without_spans);
            }
        }
        serde_json::Value::Array(a) => a.iter_mut().for_each(without_spans),
        _ => {}
    }
}

fn model(src: &str) -> (serde_json::Value, Vec<(&'static str, String)>) {
    let c = check_source(src, &Options::default());
    let mut json = serde_json::to_value(&c.budget).expect("model serialises");
    without_spans(&mut json);
    let mut codes: Vec<(&'static str, String)> = c
        .diagnostics
        .iter()
        .map(|d| (d.code.as_str(), d.message.zh.to_string()))
        .collect();
    codes.sort();
    (json, codes)
}

/// Every property, for one text that formats.
fn assert_formats_well(name: &str, src: &str, out: &str) {
    let again = format::format(out)
        .unwrap_or_else(|e| panic!("{name}: output does not parse: {e:?}\n{out}"));
    assert_eq!(again, out, "{name}: not idempotent");
    assert_eq!(
        shape(&syntax::parse(src).file.stmts),
        shape(&syntax::parse(out).file.stmts),
        "{name}: the tree changed"
    );
    assert_eq!(
        format::comments(src),
        format::comments(out),
        "{name}: comments changed"
    );
    let (m1, d1) = model(src);
    let (m2, d2) = model(out);
    assert_eq!(m1, m2, "{name}: the checked model changed");
    assert_eq!(d1, d2, "{name}: the diagnostics changed");
    assert!(
        out.is_empty() || out.ends_with('\n'),
        "{name}: no final new line"
    );
    assert!(
        !out.contains('\r') || src.contains('\r'),
        "{name}: CR introduced"
    );
}

#[test]
fn examples_and_diagnostic_cases_format_well() {
    let mut files = budget_files("examples");
    assert!(files.len() >= 2);
    files.extend(budget_files("tests/diagnostics"));
    let mut formatted = 0;
    for f in files {
        let Ok(bytes) = std::fs::read(&f) else {
            continue;
        };
        let Ok(src) = std::str::from_utf8(&bytes) else {
            continue; // a case that is not UTF-8
        };
        let name = f.display().to_string();
        match format::format(src) {
            Ok(out) => {
                assert_formats_well(&name, src, &out);
                formatted += 1;
            }
            Err(diags) => assert!(
                diags.iter().any(|d| d.is_error()),
                "{name}: refused without an error"
            ),
        }
    }
    assert!(formatted >= 2);
}

#[test]
fn examples_are_formatted() {
    for f in budget_files("examples") {
        let src = std::fs::read_to_string(&f).expect("example is text");
        assert!(
            format::is_formatted(&src),
            "{} is not formatted: run `budget fmt {}`",
            f.display(),
            f.display()
        );
    }
}

#[test]
fn syntax_errors_are_refused() {
    for src in ["a {\n", "a ≥\n", "}\n", "a \"open\n"] {
        assert!(format::format(src).is_err(), "{src:?}");
    }
}

// ----- generated documents -----

/// A tiny deterministic generator (proptest picks the seeds).
struct Gen(u64);

impl Gen {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
    fn pick<'a>(&mut self, xs: &[&'a str]) -> &'a str {
        xs[self.below(xs.len())]
    }
    fn chance(&mut self, pct: usize) -> bool {
        self.below(100) < pct
    }
}

const WORDS: &[&str] = &[
    "收入",
    "支出",
    "一般公共预算",
    "行政运行",
    "合计",
    "基本",
    "项目",
    "年度",
    "部门",
    "单位",
    "类型",
    "行政",
    "事业",
    "产出指标",
    "数量指标",
    "因公出国（境）费",
    "a",
    "xyz",
    "功能",
    "满意度",
    "𠀀字",
    "上年结转",
    "政府",
];
const NUMBERS: &[&str] = &[
    "12.84",
    "1,329.84",
    "0",
    "-3",
    "2011301",
    "201",
    "30201",
    "119000元",
    "11.9万元",
    "≥47户",
    "≤11.9万元",
    "100%",
    "99年",
    ">=2",
    "220.22平方米",
    "2024",
];
const STRINGS: &[&str] = &[
    "\"甲 乙\"",
    "\"say \\\"hi\\\"\"",
    "\"back\\\\slash\"",
    "\"# not a comment\"",
    "\"多\n行\"",
    "\"\"",
];
const BLANKS: &[&str] = &[" ", "  ", "\t", "\u{3000}", "    "];
const COMMENTS: &[&str] = &["# 注释", "#x", "# a \"quote\"", "#", "# 表一 { }"];

fn value(g: &mut Gen, one_line: bool) -> String {
    match g.below(10) {
        0..=3 => g.pick(WORDS).to_string(),
        4..=7 => g.pick(NUMBERS).to_string(),
        _ => {
            let s = g.pick(STRINGS);
            if one_line && s.contains('\n') {
                "\"单行\"".to_string()
            } else {
                s.to_string()
            }
        }
    }
}

fn values(g: &mut Gen, one_line: bool) -> String {
    let n = 1 + g.below(4);
    let mut s = String::new();
    for i in 0..n {
        if i > 0 {
            s.push_str(g.pick(BLANKS));
        }
        // a head is a word or a string or a number
        s.push_str(&value(g, one_line));
    }
    s
}

fn inline_stmt(g: &mut Gen, depth: usize) -> String {
    let mut s = values(g, true);
    if depth < 3 && g.chance(25) {
        let n = g.below(3);
        let kids: Vec<String> = (0..n).map(|_| inline_stmt(g, depth + 1)).collect();
        s.push_str(" {");
        s.push_str(g.pick(BLANKS));
        s.push_str(&kids.join("; "));
        s.push_str(g.pick(BLANKS));
        s.push('}');
    }
    s
}

fn lines(g: &mut Gen, depth: usize, out: &mut String, nl: &str) {
    let n = g.below(6);
    for _ in 0..n {
        for _ in 0..g.below(3) {
            if g.chance(30) {
                out.push_str(nl);
            }
        }
        out.push_str(&" ".repeat(g.below(5)));
        match g.below(10) {
            0 => {
                out.push_str(g.pick(COMMENTS));
                out.push_str(nl);
                continue;
            }
            1 | 2 => out.push_str(&inline_stmt(g, depth)),
            3 if depth < 4 => {
                out.push_str(&values(g, false));
                out.push_str(" {");
                if g.chance(40) {
                    out.push(' ');
                    out.push_str(g.pick(COMMENTS));
                }
                out.push_str(nl);
                lines(g, depth + 1, out, nl);
                out.push_str(&" ".repeat(g.below(5)));
                out.push('}');
            }
            _ => out.push_str(&values(g, false)),
        }
        if g.chance(10) {
            out.push(';');
        }
        if g.chance(30) {
            out.push_str(g.pick(BLANKS));
            out.push_str(g.pick(COMMENTS));
        }
        out.push_str(nl);
    }
}

const HEADER: &str =
    "年度 2024\n部门 \"甲\"\n口径 山西县级\n金额单位 万元\n单位 甲 { 类型 行政 }\n";

fn document(seed: u64) -> String {
    let mut g = Gen(seed | 1);
    let nl = if g.chance(20) { "\r\n" } else { "\n" };
    let mut out = String::new();
    if g.chance(50) {
        out.push_str(&HEADER.replace('\n', nl));
    }
    if g.chance(50) {
        out.push_str(&format!(
            "收入 {{{nl}  一般公共预算 {}{nl}  收入总计 12.84 # stated{nl}}}{nl}支出 {{{nl}  201 一般公共服务支出 合计 12.84{nl}  2011301 行政运行 基本 {}{nl}}}{nl}",
            g.pick(&["12.84", "1.00", "119000元"]),
            g.pick(&["12.84", "12.85"]),
        ));
    }
    lines(&mut g, 0, &mut out, nl);
    out
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 300, ..ProptestConfig::default() })]

    #[test]
    fn generated_documents_format_well(seed in any::<u64>()) {
        let src = document(seed);
        if let Ok(out) = format::format(&src) {
            assert_formats_well(&format!("seed {seed}"), &src, &out);
        }
    }
}

#[test]
fn most_generated_documents_parse() {
    // The property above is only worth something if most inputs format.
    let ok = (1..200u64)
        .filter(|s| format::format(&document(s.wrapping_mul(0x9E37_79B9_7F4A_7C15))).is_ok())
        .count();
    assert!(ok > 100, "only {ok} of 199 generated documents parse");
}

// ----- the language server's incremental parse -----

#[test]
fn cached_parse_equals_parse() {
    let mut cache = syntax::ParseCache::new();
    let mut texts: Vec<String> = budget_files("examples")
        .into_iter()
        .chain(budget_files("tests/diagnostics"))
        .filter_map(|f| std::fs::read_to_string(f).ok())
        .collect();
    // every example again, edited line by line (what typing does)
    let edited: Vec<String> = texts
        .iter()
        .take(2)
        .flat_map(|t| {
            let lines: Vec<&str> = t.lines().collect();
            (0..lines.len())
                .step_by(7)
                .map(move |i| {
                    let mut l = lines.clone();
                    let changed = format!("{} ", l[i]);
                    l[i] = &changed;
                    l.join("\n")
                })
                .collect::<Vec<_>>()
        })
        .collect();
    texts.extend(edited);
    texts.extend((1..150u64).map(|s| document(s.wrapping_mul(0x2545_F491_4F6C_DD1D))));
    for t in &texts {
        let a = syntax::parse_cached(t, &mut cache);
        let b = syntax::parse(t);
        assert_eq!(a.file, b.file, "{t}");
        assert_eq!(a.diagnostics, b.diagnostics, "{t}");
    }
}

// ----- the command line -----

fn run(args: &[&str]) -> std::process::Output {
    std::process::Command::new(env!("CARGO_BIN_EXE_budget"))
        .args(args)
        .output()
        .expect("run budget")
}

#[test]
fn fmt_check_lists_and_fmt_rewrites() {
    let dir = std::env::temp_dir().join(format!("budget-fmt-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("dir");
    let messy = dir.join("messy.budget");
    let broken = dir.join("broken.budget");
    std::fs::write(&messy, "年度   2024\n收入 {\n一般公共预算 1 # c\n}\n").expect("write");
    std::fs::write(&broken, "年度 ≥\n").expect("write");
    let (m, b) = (messy.to_string_lossy(), broken.to_string_lossy());
    let out = run(&["fmt", "--check", &m]);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stdout).contains("messy.budget"));
    assert_eq!(run(&["fmt", &m]).status.code(), Some(0));
    assert_eq!(
        std::fs::read_to_string(&messy).expect("read"),
        "年度 2024\n收入 {\n  一般公共预算 1  # c\n}\n"
    );
    assert_eq!(run(&["fmt", "--check", &m]).status.code(), Some(0));
    assert_eq!(run(&["fmt", &b]).status.code(), Some(1));
    assert_eq!(std::fs::read_to_string(&broken).expect("read"), "年度 ≥\n");
    assert_eq!(run(&["fmt", "--check"]).status.code(), Some(2));
    // the JSON diagnostics carry the machine-readable fix
    let bad = dir.join("total.budget");
    std::fs::write(&bad, "年度 2024\n部门 甲\n口径 山西县级\n金额单位 万元\n单位 甲 { 类型 行政 }\n收入 {\n  一般公共预算 10\n  收入总计 11\n}\n支出 {\n  2011301 行政运行 基本 10\n}\n").expect("write");
    let out = run(&["check", "--format", "json", &bad.to_string_lossy()]);
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    let r1 = v["diagnostics"]
        .as_array()
        .and_then(|d| d.iter().find(|d| d["code"] == "R1" && !d["fix"].is_null()))
        .expect("R1 with a fix");
    assert_eq!(r1["fix"]["replacement"], "10.00");
    assert_eq!(r1["fix"]["line"], 8);
    let _ = std::fs::remove_dir_all(&dir);
}
