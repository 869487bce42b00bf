//! Facts a published document prints only in its narrative.
//!
//! A Shanghai document has no 政府采购 table and no 国有资产 table: its
//! 其他相关情况说明 states them in sentences (`政府采购预算4821.20万元，其中：
//! 政府采购货物预算57.43万元、政府采购工程预算3780.72万元、政府采购服务预算
//! 983.05万元`; `共有车辆8辆，其中：…其他用车8辆`). Kept only as `原文`, such a
//! figure has nothing to be checked against. Read as the facts they are —
//! the parts and the printed total, as printed — the rules check that they
//! add up (N9, N11), and a figure mistyped in one of them shows.
//!
//! Read after the rest of the document is written, from its `原文`
//! sentences, with the narrative checker's own reader
//! ([`crate::check::narrative::scan`]): the same words the checker knows. A
//! block is written only when the document has none from a table, and only
//! with what was printed: a 政府采购 whose 货物, 工程 and 服务 are not all
//! printed, or vehicles without their kinds, stay as narrative.

use crate::catalog::Catalog;
use crate::check::narrative::facts::{vocabulary, Fact, Word};
use crate::check::narrative::scan::scan;
use crate::check::{check_source, Options};
use crate::model::claim::Figure;
use crate::model::money::DisplayUnit;
use crate::syntax::ast::ValueKind;

/// The blocks to add to the imported text `src` (already complete), or
/// `None` when its narrative prints nothing that the file lacks.
pub(crate) fn from_narrative(src: &str, catalog: &Catalog) -> Option<String> {
    let opts = Options {
        catalog: catalog.clone(),
        ..Options::default()
    };
    let checked = check_source(src, &opts);
    let b = &checked.budget;
    let texts = narrative(src);
    if texts.is_empty() {
        return None;
    }
    let mut out = String::new();
    if b.procurement.is_none() {
        out.push_str(&procurement(&texts, &vocabulary(b)).unwrap_or_default());
    }
    if b.assets.is_none() {
        out.push_str(&vehicles(&texts).unwrap_or_default());
    }
    (!out.is_empty()).then_some(out)
}

/// The `原文` strings: (place, text).
fn narrative(src: &str) -> Vec<(String, String)> {
    let file = crate::syntax::parse(src).file;
    let mut out = Vec::new();
    for s in file.stmts.iter().filter(|s| s.keyword() == Some("原文")) {
        for c in s.block.iter().flat_map(|b| &b.stmts) {
            let text = |i: usize| match c.values.get(i).map(|v| &v.kind) {
                Some(ValueKind::Str(t)) => Some(t.to_string()),
                _ => None,
            };
            if let (Some(place), Some(t)) = (text(0), text(1)) {
                out.push((place, t));
            }
        }
    }
    out
}

fn amount(value: rust_decimal::Decimal, unit: DisplayUnit) -> String {
    format!("{value}{}", unit.symbol())
}

/// `政府采购 { 货物 …; 工程 …; 服务 …; 合计 …; 中小企业预留 …; 小微企业预留 … }`
/// from the first sentence group that prints 货物, 工程 and 服务.
fn procurement(texts: &[(String, String)], vocab: &[Word]) -> Option<String> {
    for (place, text) in texts {
        let found = scan(text, vocab);
        let first = |fact: Fact| {
            found.iter().find_map(|f| match (&f.fact, &f.claim.figure) {
                (x, Figure::Amount { value, unit }) if *x == fact => Some(amount(*value, *unit)),
                _ => None,
            })
        };
        let (Some(goods), Some(works), Some(services)) = (
            first(Fact::Goods),
            first(Fact::Works),
            first(Fact::Services),
        ) else {
            continue;
        };
        let mut o = format!("# {place}：政府采购（叙述中印出的）\n政府采购 {{\n");
        o.push_str(&format!(
            "  货物 {goods}\n  工程 {works}\n  服务 {services}\n"
        ));
        for (fact, key) in [
            (Fact::Procurement, "合计"),
            (Fact::Sme, "中小企业预留"),
            (Fact::SmallMicro, "小微企业预留"),
        ] {
            if let Some(a) = first(fact) {
                o.push_str(&format!("  {key} {a}\n"));
            }
        }
        o.push_str("}\n\n");
        return Some(o);
    }
    None
}

/// `国有资产 { 车辆 { 编制 N; 实有 N; 领导用车 N … } }` from a sentence that
/// prints the vehicles in use (`共有车辆8辆` / `实有0辆`) and, after 其中,
/// each kind (`…用车N辆`); and `购置计划 { 车辆 { … } }` from one that prints
/// the vehicles to buy (`安排购置车辆1辆，其中：…其他用车1辆`).
fn vehicles(texts: &[(String, String)]) -> Option<String> {
    let sentences = || {
        texts
            .iter()
            .flat_map(|(place, text)| text.split(['。', '\n']).map(move |s| (place, s)))
    };
    let in_use = sentences().find_map(|(p, s)| vehicle_sentence(s).map(|v| (p, s, v)));
    let plan = sentences().find_map(|(p, s)| purchase_sentence(s).map(|v| (p, v)));
    let place = in_use
        .as_ref()
        .map(|(p, _, _)| *p)
        .or(plan.as_ref().map(|(p, _)| *p))?;
    let mut o = format!("# {place}：车辆（叙述中印出的）\n国有资产 {{\n");
    if let Some((_, sentence, (quota, in_use, kinds))) = &in_use {
        // `截至2024年8月31日，…`: the date the counts are as of
        if let Some((_, rest)) = sentence.split_once("截至") {
            let date: String = rest
                .chars()
                .take_while(|c| !"，,、；;".contains(*c))
                .collect();
            if !date.is_empty() && date.chars().count() <= 16 {
                o.push_str(&format!("  截至 {}\n", crate::syntax::write_text(&date)));
            }
        }
        o.push_str("  车辆 {\n");
        if let Some(q) = quota {
            o.push_str(&format!("    编制 {q}\n"));
        }
        o.push_str(&format!("    实有 {in_use}\n"));
        kinds_of(&mut o, kinds, "    ");
        o.push_str("  }\n");
    }
    if let Some((_, kinds)) = &plan {
        o.push_str("  购置计划 {\n    车辆 {\n");
        kinds_of(&mut o, kinds, "      ");
        o.push_str("    }\n  }\n");
    }
    o.push_str("}\n\n");
    Some(o)
}

fn kinds_of(o: &mut String, kinds: &[(String, u64)], indent: &str) {
    for (k, n) in kinds {
        o.push_str(&format!("{indent}{k} {n}\n"));
    }
}

/// The kinds of vehicles a sentence says the budget buys (`购置车辆1辆，
/// 其中：…`); the total stays in the narrative, as a claim the kinds check.
fn purchase_sentence(s: &str) -> Option<Vec<(String, u64)>> {
    let (head, tail) = s.split_once("其中")?;
    count_after(head, &["购置车辆", "购置公务用车"])?;
    kinds(tail)
}

/// Vehicle counts as one sentence prints them: (编制, 实有, each kind).
type VehicleCounts = (Option<u64>, u64, Vec<(String, u64)>);

/// The counts of one sentence, when it has 实有 and at least one kind.
fn vehicle_sentence(s: &str) -> Option<VehicleCounts> {
    let (head, tail) = s.split_once("其中")?;
    if head.contains("购置") {
        return None; // the vehicles to buy (purchase_sentence)
    }
    let in_use = count_after(head, &["共有车辆", "实有车辆", "实有"])?;
    let quota = count_after(head, &["车辆编制", "公务用车编制", "编制"]);
    Some((quota, in_use, kinds(tail)?))
}

/// `N` of the first `wordN辆` of `words` in `text`.
fn count_after(text: &str, words: &[&str]) -> Option<u64> {
    words.iter().find_map(|w| {
        let at = text.find(w)? + w.len();
        let digits: String = text[at..]
            .chars()
            .take_while(char::is_ascii_digit)
            .collect();
        let rest = &text[at + digits.len()..];
        (!digits.is_empty() && rest.starts_with('辆'))
            .then(|| digits.parse().ok())
            .flatten()
    })
}

/// Each `…用车N辆` of a list, once per kind; `None` without any.
fn kinds(tail: &str) -> Option<Vec<(String, u64)>> {
    let mut kinds: Vec<(String, u64)> = Vec::new();
    for item in tail.split(['、', '，', ',', '；', ';', '：', ':']) {
        let item = item.trim();
        let Some(body) = item.strip_suffix('辆') else {
            continue;
        };
        let digits = body.len() - body.trim_end_matches(|c: char| c.is_ascii_digit()).len();
        let (label, n) = body.split_at(body.len() - digits);
        if !label.ends_with("用车") || n.is_empty() || kinds.iter().any(|(k, _)| k == label) {
            continue;
        }
        kinds.push((label.to_string(), n.parse().ok()?));
    }
    (!kinds.is_empty()).then_some(kinds)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_vehicle_sentence_gives_its_counts() {
        let s = "截至2024年8月31日，共有车辆8辆，其中：部级领导干部用车0辆、机要通信用车0辆、其他用车8辆";
        let (q, n, kinds) = vehicle_sentence(s).unwrap_or_default();
        assert_eq!((q, n), (None, 8));
        assert_eq!(
            kinds,
            [
                ("部级领导干部用车".to_string(), 0),
                ("机要通信用车".to_string(), 0),
                ("其他用车".to_string(), 8)
            ]
        );
        let s = "共有公务用车编制2辆，实有1辆，其中：领导用车0辆，应急保障用车1辆";
        let (q, n, kinds) = vehicle_sentence(s).unwrap_or_default();
        assert_eq!((q, n, kinds.len()), (Some(2), 1, 2));
        assert!(vehicle_sentence("共有车辆8辆").is_none(), "no kinds");
    }

    #[test]
    fn a_purchase_sentence_gives_the_kinds_to_buy() {
        let s = "2024年部门预算安排购置车辆1辆，其中：部级领导干部用车0辆、其他用车1辆；部门预算安排购置单价100万元（含）以上设备（不含车辆）0台（套）";
        assert_eq!(
            purchase_sentence(s),
            Some(vec![
                ("部级领导干部用车".to_string(), 0),
                ("其他用车".to_string(), 1)
            ])
        );
        assert!(vehicle_sentence(s).is_none(), "not the vehicles in use");
    }
}
