//! The narrative's printed figures against the claims read from them.
//!
//! The import keeps the published narrative as `原文`; the checker reads
//! each of its figures that follows a fact it names as a claim (N18, N19).
//! Here the imported file is checked once more to see which of the printed
//! figures (an amount in 元/万元, a percentage, a count) no claim reads:
//! those are reported (I004), place by place, never silently left unchecked.

use crate::diagnostic::Span;
use crate::syntax::ast::ValueKind;

/// How many figures the narrative prints, and how many of them are claims.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct FigureCount {
    pub printed: usize,
    pub claims: usize,
}

/// The units a printed figure ends with (a count's measure words too).
const UNITS: &[&str] = &[
    "万元",
    "元",
    "%",
    "个",
    "家",
    "人",
    "辆",
    "台",
    "套",
    "项",
    "平方米",
];

/// The printed figures of a text: byte ranges of `1,329.84万元`, `78.23%`,
/// `4个`; a year, date or document number (`2024年`, `3月`, `〔2023〕1号`) is
/// not one.
pub fn figures(text: &str) -> Vec<(usize, usize)> {
    let b = text.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < b.len() {
        if !b[i].is_ascii_digit() || (i > 0 && (b[i - 1].is_ascii_digit() || b[i - 1] == b'.')) {
            i += 1;
            continue;
        }
        let s = i;
        while i < b.len() && (b[i].is_ascii_digit() || b[i] == b',' || b[i] == b'.') {
            i += 1;
        }
        let mut e = i;
        while e > s && (b[e - 1] == b',' || b[e - 1] == b'.') {
            e -= 1;
        }
        let rest = &text[e..];
        if let Some(u) = UNITS.iter().find(|u| rest.starts_with(**u)) {
            out.push((s, e + u.len()));
        }
    }
    out
}

/// Each `原文` place of the imported file: its printed figures, and those
/// of them no claim reads (as printed).
pub fn unread(budget: &str) -> Vec<(String, usize, Vec<String>)> {
    let (file, checked) = crate::check::check_tree(budget, &crate::check::Options::default());
    let claims: Vec<Span> = crate::check::narrative::recognised(&file, &checked.budget)
        .into_iter()
        .map(|c| c.span)
        .collect();
    let mut out = Vec::new();
    for s in file.stmts.iter().filter(|s| s.keyword() == Some("原文")) {
        for c in s.children() {
            let (Some(k), Some(v)) = (c.values.first(), c.values.get(1)) else {
                continue;
            };
            let (ValueKind::Str(place), ValueKind::Str(_)) = (&k.kind, &v.kind) else {
                continue;
            };
            let Some(raw) = budget.get(v.span.start..v.span.end) else {
                continue;
            };
            let found = figures(raw);
            let missed: Vec<String> = found
                .iter()
                .filter(|(a, b)| {
                    let (a, b) = (v.span.start + a, v.span.start + b);
                    !claims.iter().any(|c| c.start < b && a < c.end)
                })
                .map(|(a, b)| raw[*a..*b].to_string())
                .collect();
            out.push((place.clone(), found.len(), missed));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn figures_are_amounts_shares_and_counts_not_dates() {
        let t = "2024年3月19日，收入总计1,329.84万元，比上年增加1329.84万元，占78.23%；项目5个，〔2023〕1号，共0辆。";
        let got: Vec<&str> = figures(t).iter().map(|(a, b)| &t[*a..*b]).collect();
        assert_eq!(got, ["1,329.84万元", "1329.84万元", "78.23%", "5个", "0辆"]);
    }
}
