//! The figures the narrative templates read (`{{ income.total | wan }}` …),
//! all computed from the checked model. Amounts are exact decimal strings
//! in 元; shares are percentages rounded half-up to 2 decimals.

use super::figures::{class_amounts, fiscal_of, shown, source_key};
use super::narrative_data::{Figures, NarrativeDef, NarrativePrint};
use crate::model::money::{percent, Money};
use crate::model::*;
use serde_json::{json, Value};
use std::collections::BTreeMap;

fn m(x: Money) -> Value {
    Value::String(x.as_yuan().normalize().to_string())
}

fn share(part: Money, whole: Money) -> String {
    percent(part, whole).unwrap_or_else(|| "0".into())
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
    let perf_amount = b.derived.projects_total;
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

/// The funding sources of `income.sources`, as the profile lists and
/// labels them: those it lists always, the others when they have money.
fn sources(f: &Figures, def: &NarrativeDef, income_total: Money) -> Vec<Value> {
    def.sources
        .iter()
        .filter_map(|s| {
            let a = f.get(&format!("income.{}", s.key));
            (s.always || !a.is_zero()).then(|| {
                json!({"key": s.key, "label": s.label, "amount": m(a), "share": share(a, income_total)})
            })
        })
        .collect()
}

/// The 三公 items of `tp.items`, in the profile's order and words.
fn three_public_items(f: &Figures, def: &NarrativeDef) -> Vec<Value> {
    def.three_public
        .iter()
        .map(|i| {
            let amount = f.get(&i.figure);
            let change = def
                .three_public_change
                .as_ref()
                .and_then(|w| f.sentence(&i.last_year, amount, w));
            json!({"name": i.label, "amount": m(amount), "change": change})
        })
        .collect()
}

/// The change sentences (`change.NAME`) the profile words.
fn changes(f: &Figures, def: &NarrativeDef) -> Value {
    let map: serde_json::Map<String, Value> = def
        .change
        .iter()
        .map(|c| {
            let text = f.sentence(&c.last_year, f.get(&c.figure), &c.words);
            (c.name.clone(), text.map_or(Value::Null, Value::String))
        })
        .collect();
    Value::Object(map)
}

/// The 类 with money of one source's current expenditure, with their share.
fn classes_of(b: &Budget, source: Source, whole: Money) -> Vec<Value> {
    class_amounts(b, source)
        .into_iter()
        .map(|(name, a)| json!({"name": name, "amount": m(a), "share": share(a, whole)}))
        .collect()
}

/// The 类 with fiscal money (current and carried over).
fn fiscal_classes(b: &Budget) -> Vec<Value> {
    b.derived
        .functions
        .iter()
        .filter(|n| n.level == CodeLevel::Lei)
        .filter_map(|n| {
            let a = fiscal_of(&n.figures);
            (!a.is_zero()).then(|| json!({"name": n.name, "amount": m(a)}))
        })
        .collect()
}

fn income(b: &Budget, f: &Figures, def: &NarrativeDef) -> Value {
    let by = |s: Source| m(f.get(&format!("income.{}", source_key(s))));
    let total = f.get("income.total");
    json!({
        "total": m(total),
        "current": m(f.get("income.current")),
        "carryover": m(b.derived.income_carryover),
        "sources": sources(f, def, total),
        "business": by(Source::BusinessIncome),
        "operating": by(Source::OperatingIncome),
        "other": by(Source::OtherIncome),
    })
}

fn expenditure(f: &Figures) -> Value {
    let g = |k: &str| f.get(k);
    let total = g("exp.total");
    json!({
        "total": m(total),
        "grand_total": m(g("exp.grand_total")),
        "current": m(g("exp.current")),
        "carryover": m(g("exp.carryover")),
        "basic": m(g("exp.basic")),
        "project": m(g("exp.project")),
        "basic_share": share(g("exp.basic"), total),
        "project_share": share(g("exp.project"), total),
    })
}

fn fiscal(b: &Budget, f: &Figures) -> Value {
    let both = |k: &str| m(f.get(&format!("fiscal_income.{k}")));
    json!({
        "total": m(f.get("fiscal_income.total")),
        "current": m(f.get("fiscal_income.current")),
        "carryover": m(f.get("fiscal_income.carryover")),
        "general_public": both("general_public"),
        "government_fund": both("government_fund"),
        "state_capital": both("state_capital"),
        "classes": fiscal_classes(b),
    })
}

fn basic(b: &Budget) -> Value {
    let econ = super::figures::economic(b);
    let total = econ.first().map(|r| r.money.clone()).unwrap_or_default();
    let get = |k: &str| m(total.get(k).copied().unwrap_or_default());
    json!({
        "total": get("total"),
        "personnel": get("personnel"),
        "public": get("public"),
        "personnel_items": econ_items(b, true),
        "public_items": econ_items(b, false),
    })
}

fn procurement(b: &Budget) -> Value {
    let p = b.procurement.as_ref();
    let total = p.map(|p| shown(b, b.derived.procurement_total, p.stated_total.as_ref(), 3));
    json!({
        "total": m(total.unwrap_or_default()),
        "goods": m(p.map(|p| p.goods).unwrap_or_default()),
        "works": m(p.map(|p| p.works).unwrap_or_default()),
        "services": m(p.map(|p| p.services).unwrap_or_default()),
        "sme": p.and_then(|p| p.sme_reserved).map(|s| m(s.amount)),
        "small_micro": p.and_then(|p| p.small_micro_reserved).map(|s| m(s.amount)),
    })
}

fn assets(b: &Budget) -> Value {
    let a = b.assets.clone().unwrap_or_default();
    let counts = |list: &[(String, u64)]| -> Vec<Value> {
        list.iter()
            .map(|(n, c)| json!({"name": n, "count": c}))
            .collect()
    };
    json!({
        "as_of": a.as_of.unwrap_or_default(),
        "vehicle_quota": a.vehicle_quota.unwrap_or(0),
        "vehicles_total": a.vehicles_stated.unwrap_or(b.derived.vehicles_total),
        "vehicles": counts(&a.vehicles),
        "office_area": a.office_area.map(|x| x.normalize().to_string()).unwrap_or_else(|| "0".into()),
        "equipment": counts(&a.equipment),
    })
}

/// The template context of a checked budget: its named figures (computed
/// once, [`super::figures::named`]) and the rest of the model, in the words
/// of the profile's narrative data (`def`, `print`).
pub fn context(
    b: &Budget,
    named: &BTreeMap<String, Money>,
    def: &NarrativeDef,
    print: &NarrativePrint,
) -> Value {
    let f = Figures { b, named, print };
    let general_current = f.get("exp.current.general_public");
    let mut out = json!({
        "department": b.department.text,
        "year": b.year,
        "last_year": b.year - 1,
        "prose": {
            "duties": b.prose.duties.clone().unwrap_or_default(),
            "organization": b.prose.organization.clone().unwrap_or_default(),
        },
        "income": income(b, &f, def),
        "exp": expenditure(&f),
        "fiscal": fiscal(b, &f),
        "general": {
            "current": m(general_current),
            "classes": classes_of(b, Source::GeneralPublic, general_current),
        },
        "basic": basic(b),
        "tp": {"total": m(f.get("tp.total.total")), "items": three_public_items(&f, def)},
        "admin": {"total": m(b.derived.admin_cost)},
        "procurement": procurement(b),
        "perf": perf(b),
        "assets": assets(b),
        "change": changes(&f, def),
    });
    if let (Value::Object(o), Value::Object(n)) = (&mut out, super::narrative::context(b)) {
        o.extend(n);
    }
    out
}
