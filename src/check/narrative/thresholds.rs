//! N24: an equipment threshold the narrative prints that is none of the
//! province's.
//!
//! The 国有资产 sentences count equipment above an amount the province
//! sets (`单价100万元（含）以上设备（不含车辆）0台（套）` in Shanghai,
//! `价值50万元（原值）以上的通用设备` in Shanxi): the profile lists them
//! (`[rules] equipment_thresholds`). A printed threshold that is none of
//! them is a slip (`单价101万元`), or a sentence copied from another
//! province's document.

use super::super::prose::Place;
use crate::diagnostic::{Code, Diagnostic, Text};
use crate::model::money::DisplayUnit;
use crate::model::{Budget, Money};
use crate::syntax::ast::{File, ValueKind};
use crate::t;

/// The most characters between the amount and its `以上`
/// (`（含）`, `（原值）`).
const GAP: usize = 6;

pub fn check(file: &File, b: &Budget, diags: &mut Vec<Diagnostic>) {
    let Some(profile) = crate::profiles::of(b) else {
        return;
    };
    let rules = profile.rules();
    let allowed = rules.thresholds();
    if allowed.is_empty() {
        return;
    }
    for s in file.stmts.iter().filter(|s| s.keyword() == Some("原文")) {
        for c in s.children() {
            let Some(v) = c.values.get(1) else { continue };
            let ValueKind::Str(text) = &v.kind else {
                continue;
            };
            let at = Place::of(v, text, 1);
            for (start, end, m) in thresholds(text) {
                if allowed.contains(&m) {
                    continue;
                }
                let printed = &text[start..end];
                let list = rules.equipment_thresholds.join("、");
                diags.push(
                    Diagnostic::warning(
                        Code::N24,
                        at.span(start, end),
                        t!("设备的金额标准“{printed}”不是本口径的（{list}）", "the equipment threshold `{printed}` is none of this profile's ({list})"),
                    )
                    .label(Text::new("金额标准不对", "not the threshold"))
                    .help(t!("国有资产中按口径规定的金额标准（{list}）统计设备：核对这个数", "the 国有资产 count equipment above the profile's thresholds ({list}): check this amount")),
                );
            }
        }
    }
}

/// Every `单价N万元…以上` / `价值N万元…以上` of a text: (byte range of the
/// amount with its unit, the amount).
fn thresholds(text: &str) -> Vec<(usize, usize, Money)> {
    let mut out = Vec::new();
    for word in ["单价", "价值"] {
        for (i, w) in text.match_indices(word) {
            let start = i + w.len();
            let Some((Some(v), e)) = super::scan::number_at(text, start) else {
                continue;
            };
            let units = [("万元", DisplayUnit::Wanyuan), ("元", DisplayUnit::Yuan)];
            let Some((u, unit)) = units.iter().find(|(u, _)| text[e..].starts_with(u)) else {
                continue;
            };
            let end = e + u.len();
            let after: String = text[end..].chars().take(GAP + 2).collect();
            if !after.contains("以上") {
                continue;
            }
            if let Some(m) = Money::checked_from_unit(v, *unit) {
                out.push((start, end, m));
            }
        }
    }
    out.sort_by_key(|t| t.0);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_thresholds_of_both_provinces_wordings() {
        let t = "单价100万元（含）以上设备（不含车辆）0台（套）；占有使用价值50万元（原值）以上的通用设备0台（套）；单价5万元的设备";
        let found: Vec<&str> = thresholds(t).iter().map(|(s, e, _)| &t[*s..*e]).collect();
        assert_eq!(found, vec!["100万元", "50万元"]);
    }
}
