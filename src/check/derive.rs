//! Derived figures: the function tree, the consolidated economic table and
//! every total the documents print. Computed, never typed.

use crate::catalog::{Catalog, CodeKind};
use crate::model::*;
use std::collections::BTreeMap;

pub fn derive(b: &Budget, catalog: &Catalog) -> Derived {
    let mut d = Derived::default();
    for s in Source::ALL {
        d.income_by_source.insert(s, Money::ZERO);
    }
    for (s, m) in &b.income.sources {
        *d.income_by_source.entry(*s).or_default() += *m;
    }
    d.income_current = b.income.sources.iter().map(|(_, m)| *m).sum();
    d.income_carryover = b.income.carryover.iter().map(|(_, m)| *m).sum();
    d.income_total = d.income_current + d.income_carryover;

    functions(b, catalog, &mut d);
    d.expenditure_total = d.expenditure.total + b.expenditure.year_end_carryover;
    economic(b, catalog, &mut d);
    d.economic_total = d.personnel + d.public;

    let tp = &b.three_public;
    d.vehicle_total = tp.vehicle_purchase.total() + tp.vehicle_running.total();
    d.three_public_total = tp.abroad.total() + tp.reception.total() + d.vehicle_total;

    let (admin, by_unit) = admin_cost(b);
    d.admin_cost = admin;
    d.admin_cost_by_unit = by_unit;

    d.projects_total = b.projects.iter().map(Project::total).sum();
    if let Some(p) = &b.procurement {
        d.procurement_total = p.goods + p.works + p.services;
    }
    if let Some(a) = &b.assets {
        d.vehicles_total = a.vehicles.iter().map(|(_, n)| *n).sum();
    }
    d
}

/// A code with the codes of its 类 and 款 (3 and 5 digits), from the top.
/// The level is the code's own (a model read back from JSON may claim
/// another for its row); a code too short for it gives only the prefixes
/// it has.
fn lineage(code: &str, level: CodeLevel) -> Vec<(&str, CodeLevel)> {
    let mut out = Vec::new();
    if level != CodeLevel::Lei {
        if let Some(lei) = code.get(..3) {
            out.push((lei, CodeLevel::Lei));
        }
    }
    if level == CodeLevel::Xiang {
        if let Some(kuan) = code.get(..5) {
            out.push((kuan, CodeLevel::Kuan));
        }
    }
    out.push((code, level));
    out
}

/// The function tree: every 项 row adds to itself, its 款 and its 类.
fn functions(b: &Budget, catalog: &Catalog, d: &mut Derived) {
    let mut nodes: BTreeMap<String, FunctionNode> = BTreeMap::new();
    let names: BTreeMap<&str, &str> = b
        .expenditure
        .rows
        .iter()
        .filter(|r| !r.name.text.is_empty())
        .map(|r| (r.code.as_str(), r.name.text.as_str()))
        .collect();
    let node = |code: &str, level: CodeLevel| -> FunctionNode {
        let name = names
            .get(code)
            .map(|s| s.to_string())
            .or_else(|| {
                catalog
                    .get(CodeKind::Function, code)
                    .map(|e| e.name.clone())
            })
            .unwrap_or_default();
        FunctionNode {
            code: code.to_string(),
            name,
            level,
            figures: Figures::default(),
        }
    };
    for r in &b.expenditure.rows {
        for (code, level) in lineage(&r.code, r.code.level()) {
            let n = nodes
                .entry(code.to_string())
                .or_insert_with(|| node(code, level));
            for c in &r.cells {
                n.figures.add(c);
            }
        }
        for c in &r.cells {
            d.expenditure.add(c);
        }
    }
    d.functions = nodes.into_values().collect();
}

/// The economic table, consolidated over units.
fn economic(b: &Budget, catalog: &Catalog, d: &mut Derived) {
    let mut econ: BTreeMap<String, EconomicNode> = BTreeMap::new();
    for blk in &b.economic {
        for r in &blk.rows {
            for (code, level) in lineage(&r.code, r.code.level()) {
                let row = (code == r.code).then_some(r);
                economic_node(&mut econ, code, level, row, catalog);
                if r.level != CodeLevel::Lei {
                    if let Some(n) = econ.get_mut(code) {
                        n.personnel += r.personnel;
                        n.public += r.public;
                        n.total += r.personnel + r.public;
                    }
                }
            }
            if r.level != CodeLevel::Lei {
                d.personnel += r.personnel;
                d.public += r.public;
            }
        }
    }
    for n in econ.values_mut() {
        if n.name.is_empty() {
            if let Some(e) = catalog.get(CodeKind::EconomicDepartment, &n.code) {
                n.name = e.name.clone();
            }
        }
    }
    d.economic = econ.into_values().collect();
}

/// The node of `code`, created if new; a row of that code gives it its name
/// and its 政府经济分类 (the first row that has them).
fn economic_node(
    econ: &mut BTreeMap<String, EconomicNode>,
    code: &str,
    level: CodeLevel,
    row: Option<&EconomicRow>,
    catalog: &Catalog,
) {
    let n = econ
        .entry(code.to_string())
        .or_insert_with(|| EconomicNode {
            code: code.to_string(),
            name: String::new(),
            level,
            government_code: None,
            government_name: None,
            personnel: Money::ZERO,
            public: Money::ZERO,
            total: Money::ZERO,
        });
    let Some(row) = row else { return };
    if n.name.is_empty() {
        n.name = row.name.text.to_string();
    }
    if n.government_code.is_none() {
        n.government_code = row.government_code.as_ref().map(|c| c.to_string());
        n.government_name = row.government_name.clone().or_else(|| {
            row.government_code.as_ref().and_then(|g| {
                catalog
                    .get(CodeKind::EconomicGovernment, g)
                    .map(|e| e.name.clone())
            })
        });
    }
}

/// The unit an economic block belongs to: its named unit, or the only unit.
pub fn block_unit<'b>(b: &'b Budget, blk: &EconomicBlock) -> Option<&'b Unit> {
    match &blk.unit {
        Some(name) => b.units.iter().find(|u| u.name.text == *name),
        None if b.units.len() == 1 => b.units.first(),
        None => None,
    }
}

/// 机关运行经费 computed from units: `None` when some 基本支出 cannot be
/// attributed to a unit, or belongs to a unit whose kind is not stated.
pub fn computed_admin_cost(b: &Budget) -> Option<Vec<(String, Money)>> {
    let mut per: Vec<(String, Money)> = Vec::new();
    for blk in &b.economic {
        let u = block_unit(b, blk)?;
        let public: Money = blk.rows.iter().map(|r| r.public).sum();
        let amount = if u.kind.has_admin_cost()? {
            public
        } else {
            Money::ZERO
        };
        match per.iter_mut().find(|(n, _)| *n == u.name.text) {
            Some(e) => e.1 += amount,
            None => per.push((u.name.text.to_string(), amount)),
        }
    }
    Some(per)
}

/// The department's 机关运行经费: as stated, else per unit as stated, else computed.
fn admin_cost(b: &Budget) -> (Money, Vec<(String, Money)>) {
    let ac = &b.admin_cost;
    let by_unit: Vec<(String, Money)> = ac
        .by_unit
        .iter()
        .map(|(n, m)| (n.text.to_string(), *m))
        .collect();
    if let Some(s) = ac.stated {
        return (s.amount, by_unit);
    }
    if !by_unit.is_empty() {
        return (by_unit.iter().map(|(_, m)| *m).sum(), by_unit);
    }
    match computed_admin_cost(b) {
        Some(per) => (per.iter().map(|(_, m)| *m).sum(), per),
        None => (Money::ZERO, Vec::new()),
    }
}

#[cfg(test)]
mod tests {
    use crate::model::Budget;
    use crate::Options;

    const SEED: &str = include_str!("../../examples/jinzhong-chanyelian-2024.budget");

    /// The seed's model as JSON, its first 支出 row changed by `edit`.
    fn seed_json(edit: impl Fn(&mut serde_json::Value)) -> String {
        let b = crate::check_source(SEED, &Options::default()).budget;
        let mut v = serde_json::to_value(&b).expect("json");
        edit(&mut v["expenditure"]["rows"][0]);
        v.to_string()
    }

    #[test]
    fn a_model_with_a_two_digit_code_is_refused_when_read() {
        let json = seed_json(|r| r["code"] = "20".into());
        let err = serde_json::from_str::<Budget>(&json)
            .err()
            .map(|e| e.to_string());
        assert!(
            err.as_deref()
                .is_some_and(|e| e.contains("`20` is not a function code")),
            "{err:?}"
        );
        let json = seed_json(|r| r["code"] = "2011301x".into());
        assert!(serde_json::from_str::<Budget>(&json).is_err());
    }

    #[test]
    fn a_row_whose_level_is_not_its_codes_derives_by_its_code() {
        // a 类 code claimed as a 项 (a model not made by lowering)
        let json = seed_json(|r| {
            r["code"] = "201".into();
            r["level"] = serde_json::to_value(crate::model::CodeLevel::Xiang).expect("level");
        });
        let b: Budget = serde_json::from_str(&json).expect("valid codes read back");
        let catalog = &Options::default().catalog;
        let d = super::derive(&b, catalog);
        let node = d
            .functions
            .iter()
            .find(|n| n.code == "201")
            .expect("the 类");
        assert_eq!(node.level, crate::model::CodeLevel::Lei);
        let mut diags = Vec::new();
        crate::check::codes::check(&b, catalog, &mut diags);
    }
}
