//! The figures the narrative templates read (`{{ income.total | wan }}` …),
//! all computed from the checked model. Amounts are exact decimal strings
//! in 元; shares are percentages rounded half-up to 2 decimals.

use super::figures::{named, shown};
use crate::model::money::{percent, Money};
use crate::model::*;
use serde_json::{json, Value};

fn m(x: Money) -> Value {
    Value::String(x.normalize().to_string())
}

fn share(part: Money, whole: Money) -> String {
    percent(part, whole).unwrap_or_else(|| "0".into())
}

/// "比上年增加1,329.84万元，主要原因是…" — `None` without last year's figure.
fn change(b: &Budget, key: LastYearKey, now: Money, wording: (&str, &str)) -> Value {
    let Some(last) = b.last_year.get(key) else {
        return Value::Null;
    };
    let (up, same) = wording;
    let c = crate::model::change::change(now, last);
    let reason = b
        .last_year
        .reason_for(key)
        .map(|r| format!("，主要原因是{}", r.trim_end_matches('。')))
        .unwrap_or_default();
    let text = if c.sign == crate::model::change::Sign::Same {
        same.to_string()
    } else {
        format!(
            "{up}{}{}万元{reason}",
            c.sign.word(),
            crate::model::money::display(c.diff, DisplayUnit::Wanyuan)
        )
    };
    Value::String(text)
}

/// The 人员/公用 经费 items the narrative lists: as the file lists them, else
/// every 款 with money in code order.
fn econ_items(b: &Budget, personnel: bool) -> Vec<String> {
    let d = &b.derived;
    // the items as the file lists them, else every 款 with money in code order
    let mut listed: Vec<String> = Vec::new();
    for blk in &b.economic {
        let list = if personnel {
            &blk.listed_personnel
        } else {
            &blk.listed_public
        };
        for n in list.iter().flatten() {
            if !listed.contains(n) {
                listed.push(n.clone());
            }
        }
    }
    if !listed.is_empty() {
        return listed;
    }
    d.economic
        .iter()
        .filter(|n| n.level == CodeLevel::Kuan)
        .filter(|n| {
            if personnel {
                !n.personnel.is_zero()
            } else {
                !n.public.is_zero()
            }
        })
        .map(|n| n.name.clone())
        .collect()
}

/// The performance-management figures: the projects, those published, by
/// category, and the summary of a department that lists none.
fn perf(b: &Budget) -> Value {
    let project_total = b.derived.expenditure.project;
    let cat = |list: &[&Project]| -> Vec<Value> {
        [ProjectCategory::Operating, ProjectCategory::SpecificTarget]
            .iter()
            .filter_map(|c| {
                let ps: Vec<&&Project> = list.iter().filter(|p| p.category == Some(*c)).collect();
                (!ps.is_empty()).then(|| {
                    let a: Money = ps.iter().map(|p| p.total()).sum();
                    json!({"name": c.name_zh(), "count": ps.len(), "amount": m(a)})
                })
            })
            .collect()
    };
    let all: Vec<&Project> = b.projects.iter().collect();
    let published: Vec<&Project> = b.projects.iter().filter(|p| p.published).collect();
    let pub_amount: Money = published.iter().map(|p| p.total()).sum();
    let perf_amount: Money = all.iter().map(|p| p.total()).sum();
    json!({
        "count": all.len(),
        "amount": m(perf_amount),
        "categories": cat(&all),
        "summary": b.performance_summary.as_ref().map(|s| json!({
            "units": s.units,
            "projects": s.projects.unwrap_or(all.len() as u64),
            "amount": m(s.amount.map(|a| a.amount).unwrap_or(perf_amount)),
        })),
        "published": {
            "count": published.len(),
            "amount": m(pub_amount),
            "share": share(pub_amount, project_total),
            "categories": cat(&published),
        },
    })
}

pub fn context(b: &Budget) -> Value {
    let d = &b.derived;
    let f = named(b);
    let g = |k: &str| f.get(k).copied().unwrap_or_default();
    let income_total = g("income.total");
    let labels = [
        (Source::GeneralPublic, "一般公共预算拨款收入"),
        (Source::GovernmentFund, "政府性基金预算拨款收入"),
        (Source::StateCapital, "国有资本经营预算拨款收入"),
        (Source::SpecialAccount, "财政专户管理资金收入"),
        (Source::UnitFunds, "单位资金"),
        (Source::BusinessIncome, "事业收入"),
        (Source::OperatingIncome, "事业单位经营收入"),
        (Source::OtherIncome, "其他收入"),
    ];
    let mut sources: Vec<Value> = labels
        .iter()
        .filter(|(s, _)| {
            // the sources this profile's documents list, and any with money
            matches!(
                s,
                Source::GeneralPublic
                    | Source::GovernmentFund
                    | Source::StateCapital
                    | Source::SpecialAccount
                    | Source::UnitFunds
            ) || !d
                .income_by_source
                .get(s)
                .copied()
                .unwrap_or_default()
                .is_zero()
        })
        .map(|(s, label)| {
            let a = d.income_by_source.get(s).copied().unwrap_or_default();
            json!({"key": super::figures::source_key(*s), "label": label, "amount": m(a), "share": share(a, income_total)})
        })
        .collect();
    sources.push(json!({"key": "carryover", "label": "上年结转", "amount": m(d.income_carryover), "share": share(d.income_carryover, income_total)}));

    let exp_total = g("exp.total");
    let fiscal_classes: Vec<Value> = d
        .functions
        .iter()
        .filter(|n| n.level == CodeLevel::Lei)
        .filter_map(|n| {
            let a: Money = n
                .figures
                .current_by_source
                .iter()
                .chain(n.figures.carryover_by_source.iter())
                .filter(|(s, _)| s.is_fiscal())
                .map(|(_, v)| *v)
                .sum();
            (!a.is_zero()).then(|| json!({"name": n.name, "amount": m(a)}))
        })
        .collect();
    let general_current = d
        .expenditure
        .current_by_source
        .get(&Source::GeneralPublic)
        .copied()
        .unwrap_or_default();
    let general_classes: Vec<Value> = d
        .functions
        .iter()
        .filter(|n| n.level == CodeLevel::Lei)
        .filter_map(|n| {
            let a = n
                .figures
                .current_by_source
                .get(&Source::GeneralPublic)
                .copied()
                .unwrap_or_default();
            (!a.is_zero()).then(
                || json!({"name": n.name, "amount": m(a), "share": share(a, general_current)}),
            )
        })
        .collect();
    let econ = super::figures::economic(b);
    let econ_total = econ.first().map(|r| r.money.clone()).unwrap_or_default();
    let tp = &b.three_public;
    let item = |name: &str, key: LastYearKey, amount: Money| -> Value {
        json!({"name": name, "amount": m(amount), "change": change(b, key, amount, ("与上年相比预算数", "与上年预算数相同"))})
    };
    let tp_items = vec![
        item("因公出国(境)费", LastYearKey::Abroad, tp.abroad.total()),
        item("公务接待费", LastYearKey::Reception, tp.reception.total()),
        item(
            "公务用车运行维护费",
            LastYearKey::VehicleRunning,
            tp.vehicle_running.total(),
        ),
        item(
            "公务用车购置费",
            LastYearKey::VehiclePurchase,
            tp.vehicle_purchase.total(),
        ),
    ];
    let assets = b.assets.clone().unwrap_or_default();
    let mut out = json!({
        "department": b.department.text,
        "year": b.year,
        "last_year": b.year - 1,
        "prose": {
            "duties": b.prose.duties.clone().unwrap_or_default(),
            "organization": b.prose.organization.clone().unwrap_or_default(),
        },
        "income": {
            "total": m(income_total),
            "current": m(g("income.current")),
            "carryover": m(d.income_carryover),
            "sources": sources,
            "business": m(d.income_by_source.get(&Source::BusinessIncome).copied().unwrap_or_default()),
            "operating": m(d.income_by_source.get(&Source::OperatingIncome).copied().unwrap_or_default()),
            "other": m(d.income_by_source.get(&Source::OtherIncome).copied().unwrap_or_default()),
        },
        "exp": {
            "total": m(exp_total),
            "grand_total": m(g("exp.grand_total")),
            "current": m(g("exp.current")),
            "carryover": m(g("exp.carryover")),
            "basic": m(g("exp.basic")),
            "project": m(g("exp.project")),
            "basic_share": share(g("exp.basic"), exp_total),
            "project_share": share(g("exp.project"), exp_total),
        },
        "fiscal": {
            "total": m(g("fiscal_income.total")),
            "current": m(g("fiscal_income.current")),
            "carryover": m(g("fiscal_income.carryover")),
            "general_public": m(g("income.general_public") + g("carry.general_public")),
            "government_fund": m(g("income.government_fund") + g("carry.government_fund")),
            "state_capital": m(g("income.state_capital") + g("carry.state_capital")),
            "classes": fiscal_classes,
        },
        "general": {"current": m(general_current), "classes": general_classes},
        "basic": {
            "total": m(econ_total.get("total").copied().unwrap_or_default()),
            "personnel": m(econ_total.get("personnel").copied().unwrap_or_default()),
            "public": m(econ_total.get("public").copied().unwrap_or_default()),
            "personnel_items": econ_items(b, true),
            "public_items": econ_items(b, false),
        },
        "tp": {"total": m(g("tp.total.total")), "items": tp_items},
        "admin": {"total": m(d.admin_cost)},
        "procurement": {
            "total": m(b.procurement.as_ref().map(|p| shown(b, d.procurement_total, p.stated_total.as_ref(), 3)).unwrap_or_default()),
            "goods": m(b.procurement.as_ref().map(|p| p.goods).unwrap_or_default()),
            "works": m(b.procurement.as_ref().map(|p| p.works).unwrap_or_default()),
            "services": m(b.procurement.as_ref().map(|p| p.services).unwrap_or_default()),
            "sme": b.procurement.as_ref().and_then(|p| p.sme_reserved).map(|s| m(s.amount)),
            "small_micro": b.procurement.as_ref().and_then(|p| p.small_micro_reserved).map(|s| m(s.amount)),
        },
        "perf": perf(b),
        "assets": {
            "as_of": assets.as_of.unwrap_or_default(),
            "vehicle_quota": assets.vehicle_quota.unwrap_or(0),
            "vehicles_total": assets.vehicles_stated.unwrap_or(d.vehicles_total),
            "vehicles": assets.vehicles.iter().map(|(n, c)| json!({"name": n, "count": c})).collect::<Vec<_>>(),
            "office_area": assets.office_area.map(|a| a.normalize().to_string()).unwrap_or_else(|| "0".into()),
            "equipment": assets.equipment.iter().map(|(n, c)| json!({"name": n, "count": c})).collect::<Vec<_>>(),
        },
        "change": {
            "income": change(b, LastYearKey::IncomeTotal, income_total, ("比上年", "与上年持平")),
            "expenditure": change(b, LastYearKey::ExpenditureTotal, g("exp.grand_total"), ("比上年", "与上年持平")),
            "general": change(b, LastYearKey::GeneralCurrent, general_current, ("比上年", "与上年持平")),
            "three_public": change(b, LastYearKey::ThreePublic, g("tp.total.total"), (&format!("比{}年", b.year - 1), &format!("与{}年持平", b.year - 1))),
            "admin": change(b, LastYearKey::AdminCost, d.admin_cost, ("比上年", "与上年持平")),
            "fiscal": change(b, LastYearKey::Fiscal, g("fiscal_income.total"), (&format!("比{}年预算", b.year - 1), &format!("与{}年预算持平", b.year - 1))),
        },
    });
    if let (Value::Object(o), Value::Object(n)) = (&mut out, super::narrative::context(b)) {
        o.extend(n);
    }
    out
}
