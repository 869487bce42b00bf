//! The narrative facts of the templates: every figure with last year's
//! figure, its change, the direction of the change and its reason, the 项
//! lines of 部门预算编制说明, the units by kind, the planned purchases.
//!
//! A comparison is given as data, never as words: `sign` is `up`, `down`
//! or `same`; `change` is the absolute difference (exact, in 元); `pct` the
//! percentage of the change over last year's figure, half-up to 2 decimals,
//! from the exact figures, and `pct_printed` the same from the figures as
//! printed in 万元 to 0.01 (Shanghai documents compute it so); both are null
//! when last year's figure is 0: a change from nothing has no percentage.
//! The profile's templates word them (增加/减少/持平).

use crate::model::change::change;
use crate::model::money::Money;
use crate::model::*;
use serde_json::{json, Value};

fn m(x: Money) -> Value {
    Value::String(x.as_yuan().normalize().to_string())
}

/// This year's figure `now` compared with last year's `last`.
pub fn compare(now: Money, last: Option<Money>, reason: Option<&str>) -> Value {
    let reason = reason.map(|r| r.trim().trim_end_matches('。').to_string());
    let Some(last) = last else {
        return json!({"amount": m(now), "last": null, "sign": null, "change": null, "pct": null, "reason": reason});
    };
    let c = change(now, last);
    json!({"amount": m(now), "last": m(last), "sign": c.sign.key(), "change": m(c.diff),
           "pct": c.percent(), "pct_printed": c.percent_printed(), "reason": reason})
}

/// A key of the `上年` block compared with this year's figure.
fn keyed(b: &Budget, key: LastYearKey) -> Value {
    let now = b.this_year(key);
    compare(now, b.last_year.get(key), b.last_year.reason_for(key))
}

/// The 项 lines with money, in the order of the expenditure table, with
/// their 类 and 款 names and their narrative facts.
fn lines(b: &Budget) -> Vec<Value> {
    let d = &b.derived;
    let name_of = |code: &str| {
        d.functions
            .iter()
            .find(|n| n.code == code)
            .map(|n| n.name.clone())
            .unwrap_or_default()
    };
    d.functions
        .iter()
        .filter(|n| n.level == CodeLevel::Xiang && !n.figures.total.is_zero())
        .map(|n| {
            let row = b.expenditure.rows.iter().find(|r| r.code == n.code);
            let facts = row.map(|r| r.facts.clone()).unwrap_or_default();
            let mut v = compare(
                n.figures.total,
                row.and_then(|r| r.last_year),
                facts.reason.as_deref(),
            );
            let basis = match facts.basis {
                Basis::Budget => "budget",
                Basis::Executed => "executed",
            };
            if let Value::Object(o) = &mut v {
                o.insert("code".into(), json!(n.code));
                o.insert("name".into(), json!(n.name));
                o.insert("lei".into(), json!(name_of(&n.code[..3])));
                o.insert("kuan".into(), json!(name_of(&n.code[..5])));
                o.insert("purpose".into(), json!(facts.purpose));
                o.insert("basis".into(), json!(basis));
            }
            v
        })
        .collect()
}

/// Units by kind (all declared units, also those 不单列预算) and the ones
/// merged into the head office.
fn units(b: &Budget) -> Value {
    let count = |k: UnitKind| b.units.iter().filter(|u| u.kind == k).count();
    json!({
        "count": b.units.len(),
        "separate": b.units.iter().filter(|u| !u.merged).count(),
        "administrative": count(UnitKind::Administrative),
        "civil_service": count(UnitKind::CivilServiceManaged),
        "institution": count(UnitKind::Institution),
        "merged": b.units.iter().filter(|u| u.merged).map(|u| json!({"name": u.name.text, "kind": u.kind.name_zh()})).collect::<Vec<_>>(),
        "list": b.units.iter().map(|u| json!({"name": u.name.text, "kind": u.kind.name_zh(), "merged": u.merged})).collect::<Vec<_>>(),
    })
}

/// 三公 item by item, with the 购置及运行费 subtotal: last year's subtotal is
/// the written one, else the sum of its two parts when both are written.
fn three_public(b: &Budget) -> Value {
    let ly = &b.last_year;
    let vehicle_last = ly.get(LastYearKey::Vehicle).or_else(|| {
        Some(ly.get(LastYearKey::VehiclePurchase)? + ly.get(LastYearKey::VehicleRunning)?)
    });
    json!({
        "total": keyed(b, LastYearKey::ThreePublic),
        "abroad": keyed(b, LastYearKey::Abroad),
        "reception": keyed(b, LastYearKey::Reception),
        "purchase": keyed(b, LastYearKey::VehiclePurchase),
        "running": keyed(b, LastYearKey::VehicleRunning),
        "vehicle": compare(b.derived.vehicle_total, vehicle_last, ly.reason_for(LastYearKey::Vehicle)),
    })
}

/// Planned purchases (购置计划): vehicles by kind and their total, equipment.
fn plan(b: &Budget) -> Value {
    let a = b.assets.clone().unwrap_or_default();
    let total: u64 = a.planned_vehicles.iter().map(|(_, n)| n).sum();
    json!({
        "written": !a.planned_vehicles.is_empty() || !a.planned_equipment.is_empty(),
        "vehicles_total": total,
        "vehicles": a.planned_vehicles.iter().map(|(k, n)| json!({"name": k, "count": n})).collect::<Vec<_>>(),
        "equipment": a.planned_equipment.iter().map(|(k, n)| json!({"name": k, "count": n})).collect::<Vec<_>>(),
    })
}

/// The narrative part of the template context (`lines`, `units`, `cmp`,
/// `three`, `plan`).
pub fn context(b: &Budget) -> Value {
    json!({
        "lines": lines(b),
        "units": units(b),
        "three": three_public(b),
        "plan": plan(b),
        "cmp": {
            "income": keyed(b, LastYearKey::IncomeTotal),
            "expenditure": keyed(b, LastYearKey::ExpenditureTotal),
            "fiscal": keyed(b, LastYearKey::Fiscal),
            "general": keyed(b, LastYearKey::GeneralCurrent),
            "fund": keyed(b, LastYearKey::GovernmentFund),
            "capital": keyed(b, LastYearKey::StateCapital),
            "admin": keyed(b, LastYearKey::AdminCost),
        },
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn yuan(s: &str) -> Money {
        Money::yuan(s.parse().expect("decimal"))
    }

    #[test]
    fn a_comparison_computes_direction_change_and_percentages() {
        // 25.77万元 against 60.13万元: 减少57.14%
        let v = compare(yuan("257700"), Some(yuan("601300")), Some("项目调整。"));
        assert_eq!(v["sign"], "down");
        assert_eq!(v["change"], "343600");
        assert_eq!(v["pct"], "57.14");
        assert_eq!(v["reason"], "项目调整");
        // exact 243,120 against 203,000 is 19.76%; from the printed 24.31 and 20.30, 19.75%
        let v = compare(yuan("243120"), Some(yuan("203000")), None);
        assert_eq!(v["pct"], "19.76");
        assert_eq!(v["pct_printed"], "19.75");
        assert_eq!(v["sign"], "up");
    }

    #[test]
    fn the_organization_is_generated_from_the_units() {
        let src = "年度 2025\n部门 \"甲办\"\n口径 上海区级\n金额单位 万元\n单位 \"甲办本部\" { 类型 行政 }\n单位 \"乙中心\" { 类型 事业; 单列预算 否 }\n收入 { 一般公共预算 10.00 }\n支出 { 2010301 行政运行 基本 10.00 }\n";
        let opts = crate::check::Options::default();
        let c = crate::check::check_source(src, &opts);
        assert!(!c.has_errors(), "{:?}", c.diagnostics);
        let doc = crate::render::build(&c.budget, &opts.catalog, false).expect("build");
        let text: String = doc
            .parts
            .iter()
            .flat_map(|p| &p.sections)
            .flat_map(|s| &s.blocks)
            .filter_map(|b| match b {
                crate::render::document::Block::Paragraph { text } => Some(text.as_str()),
                _ => None,
            })
            .collect();
        assert!(
            text.contains("本部门中，行政单位1家，事业单位1家，具体包括："),
            "{text}"
        );
        assert!(
            text.contains("1. 甲办本部。2. 下属事业单位乙中心不单列预算，并入本部。"),
            "{text}"
        );
    }

    #[test]
    fn equal_figures_are_same_and_a_change_from_zero_has_no_percentage() {
        let v = compare(yuan("100000"), Some(yuan("100000")), None);
        assert_eq!(v["sign"], "same");
        assert_eq!(v["pct"], "0.00");
        let v = compare(yuan("250000"), Some(Money::ZERO), None);
        assert_eq!(v["sign"], "up");
        assert!(v["pct"].is_null() && v["pct_printed"].is_null());
        let v = compare(yuan("250000"), None, Some("x"));
        assert!(v["sign"].is_null() && v["last"].is_null());
    }
}
