//! Every stated total of the seed example is verified: changed beyond its
//! rounding bound it is an error at its own span; without the
//! rounded-transcription declaration even 0.01 is an error.

use budget::{check_source, Options};
use rust_decimal::Decimal;
use std::str::FromStr;

const SEED: &str = include_str!("../examples/jinzhong-chanyelian-2024.budget");

fn totals(src: &str) -> Vec<(usize, usize)> {
    let checked = check_source(src, &Options::default());
    let mut spans: Vec<(usize, usize)> = checked
        .budget
        .stated_totals()
        .iter()
        .map(|s| (s.span.start, s.span.end))
        .collect();
    spans.sort();
    spans
}

/// Add `by` 万元 to the amount written at `span` (which may carry a unit).
fn bump(src: &str, span: (usize, usize), by: &str) -> (String, (usize, usize)) {
    let old = &src[span.0..span.1];
    let split = old
        .find(|c: char| !(c.is_ascii_digit() || c == ',' || c == '.' || c == '-'))
        .unwrap_or(old.len());
    let (num, unit) = old.split_at(split);
    let digits: String = num.chars().filter(|c| *c != ',').collect();
    let mut delta = Decimal::from_str(by).expect("delta");
    if unit == "元" {
        delta *= Decimal::from(10_000);
    }
    let n = Decimal::from_str(&digits).expect("a number") + delta;
    let new = format!("{n:.2}{unit}");
    let out = format!("{}{}{}", &src[..span.0], new, &src[span.1..]);
    (out, (span.0, span.0 + new.len()))
}

fn has_error_at(src: &str, span: (usize, usize)) -> bool {
    check_source(src, &Options::default())
        .diagnostics
        .iter()
        .any(|d| d.is_error() && (d.span.start, d.span.end) == span)
}

fn assert_error_at(src: &str, span: (usize, usize), what: &str) {
    let checked = check_source(src, &Options::default());
    assert!(
        checked
            .diagnostics
            .iter()
            .any(|d| d.is_error() && (d.span.start, d.span.end) == span),
        "{what}: no error at {}..{} ({:?}); got {:?}",
        span.0,
        span.1,
        &src[span.0..span.1],
        checked
            .diagnostics
            .iter()
            .map(|d| (d.code.as_str(), d.span, d.severity))
            .collect::<Vec<_>>()
    );
}

#[test]
fn the_seed_states_many_totals() {
    assert!(totals(SEED).len() >= 15, "{}", totals(SEED).len());
}

#[test]
fn each_total_changed_beyond_rounding_is_an_error_at_its_span() {
    for span in totals(SEED) {
        // 0.50 万元 exceeds n × 0.005 for any n < 100 parts.
        let (src, at) = bump(SEED, span, "0.50");
        assert_error_at(&src, at, "+0.50");
    }
}

#[test]
fn without_the_declaration_each_total_changed_by_a_cent_is_an_error() {
    let exact: String = SEED
        .lines()
        .filter(|l| !l.trim_start().starts_with("转录精度"))
        .map(|l| format!("{l}\n"))
        .collect();
    assert!(exact.len() < SEED.len(), "the seed declares 转录精度");
    for span in totals(&exact) {
        let (src, at) = bump(&exact, span, "0.01");
        if has_error_at(&src, at) {
            continue;
        }
        // +0.01 landed on the exact sum: the seed's figure was 0.01 short
        // (表六's residuals), so it is an error as it stands, and -0.01 too.
        assert_error_at(&exact, span, "as written, exact");
        let (src, at) = bump(&exact, span, "-0.01");
        assert_error_at(&src, at, "-0.01 exact");
    }
}

#[test]
fn the_seed_checks_with_its_known_warnings_only() {
    let checked = check_source(SEED, &Options::default());
    assert_eq!(checked.error_count(), 0, "{:#?}", checked.diagnostics);
    let codes: Vec<&str> = checked
        .diagnostics
        .iter()
        .map(|d| d.code.as_str())
        .collect();
    // 表六: 11.85 vs 11.84 (302), 12.85 vs 12.84 (合计 and 公用经费合计)
    assert_eq!(codes.iter().filter(|c| **c == "R8").count(), 3, "{codes:?}");
    let r8: Vec<String> = checked
        .diagnostics
        .iter()
        .filter(|d| d.code == "R8")
        .map(|d| d.message.zh.to_string())
        .collect();
    assert!(
        r8[0].contains("11.84万元") && r8[0].contains("11.85万元"),
        "{}",
        r8[0]
    );
    assert!(
        r8[1].contains("12.84万元") && r8[1].contains("12.85万元"),
        "{}",
        r8[1]
    );
    // 产业扶持专项资金: a quality statement under 时效指标, 成本指标 under 效益指标,
    // a non-ecological 生态效益指标 item (and the same in the 整体绩效 table).
    assert!(codes.contains(&"P1c"));
    assert!(codes.contains(&"P1b"));
    assert_eq!(
        codes.iter().filter(|c| **c == "P1g").count(),
        2,
        "{codes:?}"
    );
    assert!(checked.diagnostics.iter().all(|d| !d.is_error()));
}
