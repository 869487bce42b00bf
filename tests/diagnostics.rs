//! One small document per diagnostic code, in `tests/diagnostics/`.
//!
//! # The case files
//!
//! `tests/diagnostics/<CODE>.budget` is a complete document that triggers
//! `CODE` and nothing else it does not declare; `<CODE>-<variant>.budget`
//! shows a distinct behaviour of the same code (`R5-residual.budget`: the
//! rounding-residual warning under `转录精度`). A case that names other
//! files (a unit's `文件 "…"`) keeps them in a folder of its stem
//! (`tests/diagnostics/F011/`); they are read from the disk, and only the
//! case's own diagnostics are compared. The file's expectations are
//! comment lines at its top:
//!
//! ```text
//! # 期望: R5 error 12 "30.00"
//! ```
//!
//! meaning: a diagnostic with code `R5`, severity `error` (or `warning`), whose
//! primary span starts on line 12 (1-based, counted in the file as written,
//! expectation lines included) and whose source text is exactly `30.00`. The
//! text is a double-quoted string with the escapes `\"`, `\\`, `\n` and `\t`.
//! Several `# 期望:` lines are allowed; the set of all diagnostics the file
//! produces must equal the set of its expectations exactly, so a stray extra
//! diagnostic fails, and so does a file without any expectation.
//!
//! # Files that are not text
//!
//! A file that is not valid UTF-8 (`L002.budget`) cannot carry its
//! expectations in a comment. They are in a sidecar `<stem>.expect` file (UTF-8,
//! same `# 期望:` lines; other lines are ignored). When decoding fails, the
//! diagnostic is the `budget::syntax::decode` error: its line is counted in the
//! raw bytes before its start offset, and its source text is always the empty
//! string `""` (the bytes it points at are not text). The snapshot of such a
//! file renders it decoded lossily (invalid bytes become U+FFFD; the offsets
//! before the first invalid byte are unchanged).
//!
//! # Snapshots
//!
//! Every case's diagnostics are rendered with `report::human` in Chinese and
//! in English (no colour) and snapshotted with insta under the file's stem, in
//! `tests/snapshots/diagnostics__<stem>.snap`. After a deliberate change to a
//! message, regenerate with `INSTA_UPDATE=always cargo test --test diagnostics`
//! and review the diff.
//!
//! # Coverage
//!
//! Every code in `explain::ALL` has its `<CODE>.budget` (which asserts the code
//! with the severity `explain` documents); every code in `explain::ALL` is
//! asserted by some case file. That every code the checker can emit has an
//! explanation is not tested here: codes are the enum `budget::code::Code`,
//! and a compile-time assertion in src/explain.rs proves `explain::ALL` holds
//! one explanation per variant.

use budget::diagnostic::{line_col, Diagnostic, Lang, Severity};
use budget::explain;
use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::{Path, PathBuf};

const DIR: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/diagnostics");
const MARK: &str = "# 期望:";

/// (code, severity, 1-based start line, span text)
type Expect = (String, Severity, usize, String);

/// A case file, decoded and checked.
struct Case {
    stem: String,
    /// The text rendered in snapshots (lossy for a file that is not UTF-8).
    text: String,
    diagnostics: Vec<Diagnostic>,
    actual: BTreeSet<Expect>,
    expected: BTreeSet<Expect>,
}

fn case_paths() -> Vec<PathBuf> {
    let mut v: Vec<PathBuf> = fs::read_dir(DIR)
        .expect("tests/diagnostics exists")
        .map(|e| e.expect("a directory entry").path())
        .filter(|p| p.extension().is_some_and(|x| x == "budget"))
        .collect();
    v.sort();
    assert!(!v.is_empty(), "no case files in {DIR}");
    v
}

fn stem(path: &Path) -> String {
    path.file_stem()
        .expect("a file name")
        .to_string_lossy()
        .into_owned()
}

/// Parse a quoted string with `\"`, `\\`, `\n`, `\t` escapes; the whole of `s`.
fn unquote(s: &str) -> Result<String, String> {
    let inner = s
        .strip_prefix('"')
        .and_then(|r| r.strip_suffix('"'))
        .filter(|_| s.len() >= 2)
        .ok_or_else(|| format!("the span text must be quoted: {s}"))?;
    let mut out = String::new();
    let mut chars = inner.chars();
    while let Some(c) = chars.next() {
        match c {
            '\\' => match chars.next() {
                Some('"') => out.push('"'),
                Some('\\') => out.push('\\'),
                Some('n') => out.push('\n'),
                Some('t') => out.push('\t'),
                other => return Err(format!("unknown escape \\{other:?} in {s}")),
            },
            '"' => return Err(format!("unescaped quote inside {s}")),
            c => out.push(c),
        }
    }
    Ok(out)
}

fn parse_expectation(line: &str) -> Result<Expect, String> {
    let rest = line
        .trim_start()
        .strip_prefix(MARK)
        .ok_or_else(|| format!("not an expectation: {line}"))?
        .trim();
    let mut it = rest.splitn(4, ' ');
    let (code, sev, ln, text) = match (it.next(), it.next(), it.next(), it.next()) {
        (Some(c), Some(s), Some(l), Some(t)) => (c, s, l, t),
        _ => {
            return Err(format!(
                "expected `{MARK} CODE SEVERITY LINE \"TEXT\"`: {line}"
            ))
        }
    };
    let severity = match sev {
        "error" => Severity::Error,
        "warning" => Severity::Warning,
        _ => {
            return Err(format!(
                "severity is `error` or `warning`, not `{sev}`: {line}"
            ))
        }
    };
    let ln: usize = ln
        .parse()
        .map_err(|_| format!("the line must be a number, not `{ln}`: {line}"))?;
    Ok((code.to_string(), severity, ln, unquote(text.trim())?))
}

fn expectations(text: &str) -> Result<BTreeSet<Expect>, String> {
    text.lines()
        .filter(|l| l.trim_start().starts_with(MARK))
        .map(parse_expectation)
        .collect()
}

fn load(path: &Path) -> Result<Case, String> {
    let bytes = fs::read(path).map_err(|e| format!("cannot read {}: {e}", path.display()))?;
    let sidecar = path.with_extension("expect");
    let mut expected = BTreeSet::new();
    if sidecar.exists() {
        let s = fs::read_to_string(&sidecar)
            .map_err(|e| format!("cannot read {}: {e}", sidecar.display()))?;
        expected.extend(expectations(&s)?);
    }
    let (text, diagnostics, actual) = match budget::syntax::decode(&bytes) {
        Ok(text) => {
            expected.extend(expectations(text)?);
            // files named by a case (`上年 文件 "files/…"`) are read from disk
            let read = |p: &Path| fs::read_to_string(p).map_err(|e| e.to_string());
            let checked = budget::check_file(path, text, &budget::Options::default(), &read);
            // what `budget check` shows: acknowledged warnings are not
            let shown = budget::acknowledge::split(text, &checked.diagnostics).shown;
            let actual = shown
                .iter()
                .map(|d| {
                    let span = text
                        .get(d.span.start..d.span.end)
                        .unwrap_or("<not a char boundary>");
                    (
                        d.code.to_string(),
                        d.severity,
                        line_col(text, d.span.start).0,
                        span.to_string(),
                    )
                })
                .collect();
            (text.to_string(), shown, actual)
        }
        Err(d) => {
            let start = d.span.start.min(bytes.len());
            let line = bytes[..start].iter().filter(|b| **b == b'\n').count() + 1;
            let actual = BTreeSet::from([(d.code.to_string(), d.severity, line, String::new())]);
            (
                String::from_utf8_lossy(&bytes).into_owned(),
                vec![*d],
                actual,
            )
        }
    };
    if expected.is_empty() {
        return Err(format!(
            "{} declares no `{MARK}` line (a file that is not UTF-8 declares them in {})",
            path.display(),
            sidecar.display()
        ));
    }
    Ok(Case {
        stem: stem(path),
        text,
        diagnostics,
        actual,
        expected,
    })
}

fn show(e: &Expect) -> String {
    let sev = match e.1 {
        Severity::Error => "error",
        Severity::Warning => "warning",
    };
    format!("{MARK} {} {sev} {} {:?}", e.0, e.2, e.3)
}

fn all_cases() -> Vec<Result<Case, String>> {
    case_paths().iter().map(|p| load(p)).collect()
}

/// What fails of every case: a case that does not load, and what `check`
/// says is wrong with one that does.
fn failures(mut check: impl FnMut(Case) -> Option<String>) -> Vec<String> {
    all_cases()
        .into_iter()
        .filter_map(|case| match case {
            Ok(c) => check(c),
            Err(e) => Some(e),
        })
        .collect()
}

#[test]
fn every_case_reports_exactly_what_it_declares() {
    let failures = failures(|case| {
        if case.actual == case.expected {
            return None;
        }
        let list = |v: Vec<String>| {
            if v.is_empty() {
                "(none)".to_string()
            } else {
                v.join("\n    ")
            }
        };
        let missing = list(case.expected.difference(&case.actual).map(show).collect());
        let extra = list(case.actual.difference(&case.expected).map(show).collect());
        Some(format!(
            "{}.budget:\n  declared but not reported:\n    {}\n  reported but not declared:\n    {}",
            case.stem, missing, extra
        ))
    });
    assert!(failures.is_empty(), "\n{}\n", failures.join("\n\n"));
}

#[test]
fn rendered_messages_match_the_reviewed_snapshots() {
    let failures = failures(|case| {
        let file = format!("tests/diagnostics/{}.budget", case.stem);
        let rendered = format!(
            "{}\n---- English ----\n\n{}",
            budget::report::human(&file, &case.text, &case.diagnostics, Lang::Zh, false),
            budget::report::human(&file, &case.text, &case.diagnostics, Lang::En, false),
        );
        let stem = case.stem.clone();
        let r = std::panic::catch_unwind(move || {
            insta::assert_snapshot!(stem, rendered);
        });
        r.is_err().then_some(case.stem)
    });
    assert!(
        failures.is_empty(),
        "snapshots differ: {}\n(review, then regenerate with INSTA_UPDATE=always cargo test --test diagnostics)",
        failures.join(", ")
    );
}

fn explained() -> BTreeMap<&'static str, Severity> {
    explain::ALL
        .iter()
        .map(|e| (e.code.as_str(), e.severity))
        .collect()
}

/// Every code in `explain::ALL` has its own case file, which asserts the code
/// with the severity `explain` documents.
#[test]
fn every_explained_code_has_a_case_file() {
    let mut failures = Vec::new();
    for (code, severity) in explained() {
        if code.starts_with('I') {
            // import diagnostics: their cases are imported documents (tests/import.rs)
            continue;
        }
        if code == "F004" {
            // no statement of the language names a second file yet (only 上年
            // 文件, one per file): budget::files::Linker's tests cover it
            continue;
        }
        let path = Path::new(DIR).join(format!("{code}.budget"));
        if !path.exists() {
            failures.push(format!("no tests/diagnostics/{code}.budget"));
            continue;
        }
        match load(&path) {
            Ok(case) => {
                if !case.expected.iter().any(|e| e.0 == code && e.1 == severity) {
                    failures.push(format!(
                        "{code}.budget does not assert {code} with the severity explain gives it ({severity:?})"
                    ));
                }
            }
            Err(e) => failures.push(e),
        }
    }
    assert!(failures.is_empty(), "\n{}\n", failures.join("\n"));
}

/// A variant `<CODE>-<what>.budget` asserts the code it is named after, and
/// every asserted code is a known one.
#[test]
fn case_files_are_named_after_a_code_they_assert() {
    let known = explained();
    let mut failures = Vec::new();
    for case in all_cases().into_iter().flatten() {
        let code = case.stem.split('-').next().unwrap_or_default();
        if !known.contains_key(code) {
            failures.push(format!("{}.budget is not named after a code", case.stem));
        } else if !case.expected.iter().any(|e| e.0 == code) {
            failures.push(format!("{}.budget does not assert {code}", case.stem));
        }
        for e in &case.expected {
            if !known.contains_key(e.0.as_str()) {
                failures.push(format!("{}.budget asserts unknown code {}", case.stem, e.0));
            }
        }
    }
    assert!(failures.is_empty(), "\n{}\n", failures.join("\n"));
}

#[test]
fn every_explained_code_is_asserted_by_a_case() {
    let mut asserted = BTreeSet::new();
    for case in all_cases().into_iter().flatten() {
        asserted.extend(case.expected.into_iter().map(|e| e.0));
    }
    let missing: Vec<&str> = explained()
        .into_keys()
        // import diagnostics are asserted by tests/import.rs
        // F004: no statement names a second file yet (see above)
        .filter(|c| !asserted.contains(*c) && !c.starts_with('I') && *c != "F004")
        .collect();
    assert!(
        missing.is_empty(),
        "no case file asserts: {}",
        missing.join(", ")
    );
}

#[test]
fn the_harness_reads_expectations() {
    assert_eq!(
        parse_expectation(r#"# 期望: L010 error 15 "\"甲\" a\\b""#),
        Ok((
            "L010".to_string(),
            Severity::Error,
            15,
            "\"甲\" a\\b".to_string()
        ))
    );
    assert!(parse_expectation("# 期望: R5 fatal 7 \"x\"").is_err());
    assert!(parse_expectation("# 期望: R5 error 7 x").is_err());
    assert!(parse_expectation("# 期望: R5 error seven \"x\"").is_err());
}

/// Every fix of every case file, applied alone, clears its diagnostic and
/// brings nothing new: the file re-checked reports a subset of what it did
/// (compared by code, severity and span text), without the fixed one.
#[test]
fn every_fix_fixes_and_brings_nothing_new() {
    type Key = (String, Severity, String);
    let keys = |src: &str, ds: &[Diagnostic]| -> BTreeMap<Key, usize> {
        let mut m = BTreeMap::new();
        for d in ds {
            let t = src.get(d.span.start..d.span.end).unwrap_or("").to_string();
            *m.entry((d.code.to_string(), d.severity, t)).or_insert(0) += 1;
        }
        m
    };
    let mut failures = Vec::new();
    let mut fixes = 0;
    for case in all_cases().into_iter().flatten() {
        let before = keys(&case.text, &case.diagnostics);
        for d in case.diagnostics.iter() {
            let Some(f) = &d.fix else { continue };
            fixes += 1;
            let mut fixed = case.text.clone();
            fixed.replace_range(f.span.start..f.span.end, &f.replacement);
            let after = budget::check_source(&fixed, &budget::Options::default());
            let after = keys(&fixed, &after.diagnostics);
            let this = (
                d.code.to_string(),
                d.severity,
                case.text[d.span.start..d.span.end].to_string(),
            );
            let grew: Vec<&Key> = after
                .iter()
                .filter(|(k, n)| before.get(*k).copied().unwrap_or(0) < **n)
                .map(|(k, _)| k)
                .collect();
            let still =
                after.get(&this).copied().unwrap_or(0) >= before.get(&this).copied().unwrap_or(0);
            if !grew.is_empty() || still {
                failures.push(format!(
                    "{}.budget: the fix of {} {:?} (→ {:?}): still there: {still}, new: {grew:?}",
                    case.stem, d.code, this.2, f.replacement
                ));
            }
        }
    }
    assert!(fixes >= 10, "only {fixes} fixes in the case files");
    assert!(failures.is_empty(), "\n{}\n", failures.join("\n"));
}
