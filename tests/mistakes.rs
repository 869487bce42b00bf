//! Mistakes a finance officer makes, each in a copy of the seed example.
//!
//! `tests/mistakes/<name>.budget` is `examples/jinzhong-chanyelian-2024.budget`
//! with one mistake; `<name>.expect` says what the checker must make of it:
//!
//! ```text
//! # 期望: L001 error 109 "\""
//! # 修正: 无  -- why no fix can be known (optional)
//! ```
//!
//! For each case:
//! * the copy differs from the seed in one small region (a stale copy fails
//!   with a message, rather than testing something else);
//! * the first error is the expected one (code, severity, line, span text);
//! * it is the only new diagnostic, and every diagnostic of the clean seed is
//!   still reported (compared by code, severity and span text, so that a
//!   mistake that adds or removes a line does not move the comparison);
//! * its fix, applied, gives back a file that reports exactly what the seed
//!   does — unless `# 修正: 无` says why no fix can be known.

use budget::diagnostic::{line_col, Diagnostic, Severity};
use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

const DIR: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/mistakes");
const SEED: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/examples/jinzhong-chanyelian-2024.budget"
);

type Key = (String, Severity, String);

fn check(src: &str) -> Vec<Diagnostic> {
    budget::check_source(src, &budget::Options::default()).diagnostics
}

fn key(src: &str, d: &Diagnostic) -> Key {
    let text = src
        .get(d.span.start..d.span.end)
        .unwrap_or("<not a boundary>");
    (d.code.to_string(), d.severity, text.to_string())
}

fn multiset(src: &str, diags: &[Diagnostic]) -> BTreeMap<Key, usize> {
    let mut m = BTreeMap::new();
    for d in diags {
        *m.entry(key(src, d)).or_insert(0) += 1;
    }
    m
}

/// `a − b` as a multiset.
fn minus(a: &BTreeMap<Key, usize>, b: &BTreeMap<Key, usize>) -> Vec<Key> {
    let mut out = Vec::new();
    for (k, n) in a {
        let m = b.get(k).copied().unwrap_or(0);
        for _ in m..*n {
            out.push(k.clone());
        }
    }
    out
}

struct Expect {
    code: String,
    severity: Severity,
    line: usize,
    text: String,
    fix: bool,
}

fn unquote(s: &str) -> String {
    let s = s.trim();
    let inner = s
        .strip_prefix('"')
        .and_then(|r| r.strip_suffix('"'))
        .unwrap_or(s);
    inner
        .replace("\\n", "\n")
        .replace("\\t", "\t")
        .replace("\\\"", "\"")
        .replace("\\\\", "\\")
}

fn expectation(path: &Path) -> Expect {
    let s = fs::read_to_string(path).expect("an expectation file");
    let mut e = None;
    let mut fix = true;
    for l in s.lines() {
        if let Some(rest) = l.trim().strip_prefix("# 期望:") {
            let mut it = rest.trim().splitn(4, ' ');
            let code = it.next().expect("a code").to_string();
            let severity = match it.next() {
                Some("error") => Severity::Error,
                Some("warning") => Severity::Warning,
                other => panic!("{}: bad severity {other:?}", path.display()),
            };
            let line = it.next().and_then(|l| l.parse().ok()).expect("a line");
            let text = unquote(it.next().expect("a span text"));
            e = Some((code, severity, line, text));
        } else if l.trim().starts_with("# 修正: 无") {
            fix = false;
        }
    }
    let (code, severity, line, text) =
        e.unwrap_or_else(|| panic!("{} has no `# 期望:` line", path.display()));
    Expect {
        code,
        severity,
        line,
        text,
        fix,
    }
}

/// The copy is the seed with one small change: the lines that differ (after
/// the common first and last lines) are a few.
fn one_local_change(seed: &str, copy: &str) -> Result<(), String> {
    let a: Vec<&str> = seed.lines().collect();
    let b: Vec<&str> = copy.lines().collect();
    let pre = a.iter().zip(&b).take_while(|(x, y)| x == y).count();
    let post = a[pre..]
        .iter()
        .rev()
        .zip(b[pre..].iter().rev())
        .take_while(|(x, y)| x == y)
        .count();
    let (da, db) = (a.len() - pre - post, b.len() - pre - post);
    if da + db == 0 {
        return Err("is the seed itself".into());
    }
    if da > 3 || db > 3 {
        return Err(format!(
            "differs from the seed in {da}/{db} lines from line {}: regenerate it from examples/jinzhong-chanyelian-2024.budget",
            pre + 1
        ));
    }
    Ok(())
}

fn apply(src: &str, d: &Diagnostic) -> Option<String> {
    let f = d.fix.as_ref()?;
    let mut out = src.to_string();
    out.replace_range(f.span.start..f.span.end, &f.replacement);
    Some(out)
}

fn cases() -> Vec<PathBuf> {
    let mut v: Vec<PathBuf> = fs::read_dir(DIR)
        .expect("tests/mistakes")
        .map(|e| e.expect("an entry").path())
        .filter(|p| p.extension().is_some_and(|x| x == "budget"))
        .collect();
    v.sort();
    v
}

fn run_case(path: &Path, seed: &str, clean: &BTreeMap<Key, usize>) -> Result<(), String> {
    let src = fs::read_to_string(path).map_err(|e| e.to_string())?;
    one_local_change(seed, &src)?;
    let e = expectation(&path.with_extension("expect"));
    let diags = check(&src);
    let shown = |ds: &[Diagnostic], src: &str| -> String {
        ds.iter()
            .map(|d| {
                let (k, s, t) = key(src, d);
                format!("{k} {s:?} {} {t:?}", line_col(src, d.span.start).0)
            })
            .collect::<Vec<_>>()
            .join("; ")
    };
    let first = diags
        .iter()
        .find(|d| d.is_error() || e.severity == Severity::Warning)
        .ok_or_else(|| format!("no error at all: {}", shown(&diags, &src)))?;
    let (k, s, t) = key(&src, first);
    let line = line_col(&src, first.span.start).0;
    if (k.as_str(), s, line, t.as_str()) != (e.code.as_str(), e.severity, e.line, e.text.as_str()) {
        return Err(format!(
            "first diagnostic is {k} {s:?} line {line} {t:?}, expected {} {:?} line {} {:?}",
            e.code, e.severity, e.line, e.text
        ));
    }
    let got = multiset(&src, &diags);
    let new = minus(&got, clean);
    let lost = minus(clean, &got);
    if new.len() != 1 || !lost.is_empty() {
        return Err(format!(
            "new diagnostics {new:?}, lost {lost:?} (all: {})",
            shown(&diags, &src)
        ));
    }
    match (apply(&src, first), e.fix) {
        (None, true) => return Err("the diagnostic has no fix".into()),
        (Some(_), false) => return Err("declared `修正: 无` but it has a fix".into()),
        (None, false) => {}
        (Some(fixed), true) => {
            let after = check(&fixed);
            let m = multiset(&fixed, &after);
            if &m != clean {
                return Err(format!(
                    "after the fix: new {:?}, lost {:?}",
                    minus(&m, clean),
                    minus(clean, &m)
                ));
            }
        }
    }
    Ok(())
}

#[test]
fn each_mistake_gets_one_error_at_its_line_and_a_fix_that_fixes_it() {
    let seed = fs::read_to_string(SEED).expect("the seed example");
    let clean = multiset(&seed, &check(&seed));
    assert!(
        clean.keys().all(|k| k.1 == Severity::Warning),
        "the seed has errors"
    );
    let paths = cases();
    assert!(paths.len() >= 15, "only {} mistakes", paths.len());
    let failures: Vec<String> = paths
        .iter()
        .filter_map(|p| {
            run_case(p, &seed, &clean).err().map(|e| {
                format!(
                    "{}: {e}",
                    p.file_name().unwrap_or_default().to_string_lossy()
                )
            })
        })
        .collect();
    assert!(
        failures.is_empty(),
        "{} of {} mistakes fail:\n{}",
        failures.len(),
        paths.len(),
        failures.join("\n")
    );
}
