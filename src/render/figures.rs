//! Named figures for the table definitions (`=income.general_public`) and the
//! rows of the tree, class, economic, unit and project datasets.
//!
//! Display totals: when a file is a rounded transcription (`转录精度`) and
//! the author stated a total that differs from its parts only by a rounding
//! residual, the stated total is the better figure (it is the rounded exact
//! total the transcription lost) and is the one shown.

use super::numbering::{self, Numbering};
use crate::catalog::{Catalog, CodeKind, Level};
use crate::check::derive::computed_admin_cost;
use crate::model::print::rounding_bound;
use crate::model::*;
use std::collections::BTreeMap;

/// A row of a dataset: text fields and amount fields by name.
#[derive(Debug, Clone, Default)]
pub struct DataRow {
    pub text: BTreeMap<&'static str, String>,
    pub money: BTreeMap<String, Money>,
    /// `total`, `group` or ``.
    pub class: &'static str,
}

impl DataRow {
    pub fn set(&mut self, key: impl Into<String>, m: Money) {
        self.money.insert(key.into(), m);
    }
}

/// The figure a stated total should show: the stated one when it is within
/// the declared rounding of its parts, else the computed one.
pub fn shown(b: &Budget, computed: Money, stated: Option<&Stated>, parts: usize) -> Money {
    match (stated, b.transcription_step) {
        (Some(s), Some(step)) => {
            let bound = rounding_bound(Some(step), parts.max(1));
            if (s.amount - computed).abs() <= bound {
                s.amount
            } else {
                computed
            }
        }
        _ => computed,
    }
}

/// Replace a total by its shown value and move the difference into the only
/// non-zero part, so that a row stays consistent.
fn adjust(total: &mut Money, shown: Money, parts: &mut [&mut Money]) {
    if *total == shown {
        return;
    }
    let nonzero: Vec<usize> = (0..parts.len()).filter(|i| !parts[*i].is_zero()).collect();
    if nonzero.len() == 1 {
        *parts[nonzero[0]] += shown - *total;
    }
    *total = shown;
}

/// The id of a source in figure names: `general_public` …
pub fn source_key(s: Source) -> &'static str {
    match s {
        Source::GeneralPublic => "general_public",
        Source::GovernmentFund => "government_fund",
        Source::StateCapital => "state_capital",
        Source::SpecialAccount => "special_account",
        Source::UnitFunds => "unit_funds",
        Source::BusinessIncome => "business_income",
        Source::OperatingIncome => "operating_income",
        Source::OtherIncome => "other_income",
    }
}

pub fn source_by_key(key: &str) -> Option<Source> {
    Source::ALL.into_iter().find(|s| source_key(*s) == key)
}

const FISCAL: [Source; 3] = [
    Source::GeneralPublic,
    Source::GovernmentFund,
    Source::StateCapital,
];

type Named = BTreeMap<String, Money>;

fn put(f: &mut Named, k: &str, m: Money) {
    f.insert(k.to_string(), m);
}

/// The flat figures the table definitions (`=income.total`) and the
/// narrative's data refer to, computed once per document.
pub fn named(b: &Budget) -> Named {
    let mut f = BTreeMap::new();
    income_figures(b, &mut f);
    expenditure_figures(b, &mut f);
    fiscal_figures(b, &mut f);
    three_public_figures(b, &mut f);
    let d = &b.derived;
    put(&mut f, "admin.total", d.admin_cost);
    put(&mut f, "procurement.total", d.procurement_total);
    put(&mut f, "projects.total", d.projects_total);
    f
}

/// `income.SOURCE`, `carry.SOURCE`, `income.current`, `.carryover`, `.total`.
fn income_figures(b: &Budget, f: &mut Named) {
    let d = &b.derived;
    for s in Source::ALL {
        let income = d.income_by_source.get(&s).copied().unwrap_or_default();
        put(f, &format!("income.{}", source_key(s)), income);
        let carry: Money = b
            .income
            .carryover
            .iter()
            .filter(|(x, _)| *x == s)
            .map(|(_, m)| *m)
            .sum();
        put(f, &format!("carry.{}", source_key(s)), carry);
    }
    let income_current = shown(
        b,
        d.income_current,
        b.income.stated_current_total.as_ref(),
        b.income.sources.len(),
    );
    let income_total = shown(
        b,
        d.income_total,
        b.income.stated_total.as_ref(),
        b.income.sources.len() + b.income.carryover.len(),
    );
    put(f, "income.current", income_current);
    put(f, "income.carryover", d.income_carryover);
    put(f, "income.total", income_total);
}

/// `exp.*`: the totals shown (a stated total within its rounding), the
/// current expenditure by source (`exp.current.SOURCE`).
fn expenditure_figures(b: &Budget, f: &mut Named) {
    let d = &b.derived;
    let e = &d.expenditure;
    let parts = e.parts;
    let stated = &b.expenditure;
    let exp_total = shown(b, e.total, stated.stated_current_total.as_ref(), parts);
    put(f, "exp.total", exp_total);
    put(f, "exp.current", exp_total - e.carryover);
    put(f, "exp.carryover", e.carryover);
    let basic = shown(b, e.basic, stated.stated_basic_total.as_ref(), parts);
    put(f, "exp.basic", basic);
    let project = shown(b, e.project, stated.stated_project_total.as_ref(), parts);
    put(f, "exp.project", project);
    put(f, "exp.year_end", stated.year_end_carryover);
    let (personnel, public) = class_splits(b);
    put(f, "exp.personnel", personnel);
    put(f, "exp.public", public);
    let grand = shown(
        b,
        d.expenditure_total,
        stated.stated_total.as_ref(),
        parts + 1,
    );
    put(f, "exp.grand_total", grand);
    put(f, "exp.grand_current", grand - e.carryover);
    for s in Source::ALL {
        let m = e.current_by_source.get(&s).copied().unwrap_or_default();
        put(f, &format!("exp.current.{}", source_key(s)), m);
    }
}

/// `fiscal_income.*` and `fiscal_exp.*`: the 财政拨款 sources.
fn fiscal_figures(b: &Budget, f: &mut Named) {
    let d = &b.derived;
    let e = &d.expenditure;
    let fiscal_current: Money = FISCAL
        .iter()
        .map(|s| d.income_by_source.get(s).copied().unwrap_or_default())
        .sum();
    let fiscal_carry: Money = b
        .income
        .carryover
        .iter()
        .filter(|(s, _)| s.is_fiscal())
        .map(|(_, m)| *m)
        .sum();
    for s in FISCAL {
        let income = d.income_by_source.get(&s).copied().unwrap_or_default();
        let carry = f
            .get(&format!("carry.{}", source_key(s)))
            .copied()
            .unwrap_or_default();
        put(
            f,
            &format!("fiscal_income.{}", source_key(s)),
            income + carry,
        );
    }
    put(f, "fiscal_income.current", fiscal_current);
    put(f, "fiscal_income.carryover", fiscal_carry);
    put(f, "fiscal_income.total", fiscal_current + fiscal_carry);
    let mut fiscal_exp = Money::ZERO;
    for s in FISCAL {
        let m = e.current_by_source.get(&s).copied().unwrap_or_default()
            + e.carryover_by_source.get(&s).copied().unwrap_or_default();
        fiscal_exp += m;
        put(f, &format!("fiscal_exp.{}", source_key(s)), m);
    }
    put(f, "fiscal_exp.total", fiscal_exp);
}

/// `tp.ITEM.SOURCE` and `tp.ITEM.total` of each 三公 item, the 购置及运行
/// subtotal (`vehicle`) and the total (`tp.total.*`).
fn three_public_figures(b: &Budget, f: &mut Named) {
    let tp = &b.three_public;
    let items: [(&str, Vec<&SourcedAmount>); 5] = [
        ("abroad", vec![&tp.abroad]),
        ("reception", vec![&tp.reception]),
        ("purchase", vec![&tp.vehicle_purchase]),
        ("running", vec![&tp.vehicle_running]),
        ("vehicle", vec![&tp.vehicle_purchase, &tp.vehicle_running]),
    ];
    let mut total_by: BTreeMap<Source, Money> = BTreeMap::new();
    for (name, parts) in items {
        let mut t = Money::ZERO;
        for s in Source::ALL {
            let m: Money = parts.iter().map(|p| p.of(s)).sum();
            t += m;
            put(f, &format!("tp.{name}.{}", source_key(s)), m);
            if name != "vehicle" {
                *total_by.entry(s).or_default() += m;
            }
        }
        put(f, &format!("tp.{name}.total"), t);
    }
    let tp_total = shown(b, b.derived.three_public_total, tp.stated_total.as_ref(), 4);
    for s in Source::ALL {
        let m = total_by.get(&s).copied().unwrap_or_default();
        put(f, &format!("tp.total.{}", source_key(s)), m);
    }
    put(f, "tp.total.total", tp_total);
}

/// The 类 with money of one source's current expenditure, in code order:
/// (name, amount) — what the narrative lists and a chart draws.
pub fn class_amounts(b: &Budget, source: Source) -> Vec<(String, Money)> {
    b.derived
        .functions
        .iter()
        .filter(|n| n.level == CodeLevel::Lei)
        .filter_map(|n| {
            let a = n
                .figures
                .current_by_source
                .get(&source)
                .copied()
                .unwrap_or_default();
            (!a.is_zero()).then(|| (n.name.clone(), a))
        })
        .collect()
}

/// A line's stated 基本支出 split (`人员 X 公用 Y`): with one written, the
/// other is the rest of the line's 基本.
pub fn basic_split(r: &FunctionRow, basic: Money) -> Option<(Money, Money)> {
    let (p, q) = (r.facts.personnel, r.facts.public);
    match (p, q) {
        (None, None) => None,
        (p, q) => {
            let p = p
                .map(|s| s.amount)
                .unwrap_or(basic - q.map(|s| s.amount).unwrap_or_default());
            let q = q.map(|s| s.amount).unwrap_or(basic - p);
            Some((p, q))
        }
    }
}

/// Σ of the 类 lines' stated 基本支出 split (人员经费, 公用经费): a unit's
/// 表1 total row.
fn class_splits(b: &Budget) -> (Money, Money) {
    let mut out = (Money::ZERO, Money::ZERO);
    for n in b
        .derived
        .functions
        .iter()
        .filter(|n| n.level == CodeLevel::Lei)
    {
        if let Some(r) = b.expenditure.rows.iter().find(|r| r.code == n.code) {
            if let Some((p, q)) = basic_split(r, n.figures.basic) {
                out.0 += p;
                out.1 += q;
            }
        }
    }
    out
}

/// Figures of a function node, optionally restricted to one source and/or
/// the current year.
fn node_fields(row: &mut DataRow, fg: &Figures, source: Option<Source>, current_only: bool) {
    let get = |m: &BTreeMap<Source, Money>, s: Source| m.get(&s).copied().unwrap_or_default();
    let (total, basic, project, current, carry) = match source {
        None => {
            if current_only {
                (
                    fg.current,
                    fg.basic_by_source.values().sum(),
                    fg.project_by_source.values().sum(),
                    fg.current,
                    Money::ZERO,
                )
            } else {
                let cb: Money = fg.basic_by_source.values().sum();
                let cp: Money = fg.project_by_source.values().sum();
                // carried-over money splits by direction too: total − current parts
                (fg.total, fg.basic, fg.project, cb + cp, fg.carryover)
            }
        }
        Some(s) => {
            let cur = get(&fg.current_by_source, s);
            let car = if current_only {
                Money::ZERO
            } else {
                get(&fg.carryover_by_source, s)
            };
            let b = get(&fg.basic_by_source, s);
            let p = get(&fg.project_by_source, s);
            (cur + car, b, p + car, cur, car)
        }
    };
    row.set("total", total);
    row.set("basic", basic);
    row.set("project", project);
    row.set("current", current);
    row.set("carryover", carry);
    for s in Source::ALL {
        let cur = get(&fg.current_by_source, s);
        row.set(format!("src.{}", source_key(s)), cur);
        let fs = cur + get(&fg.carryover_by_source, s);
        row.set(format!("fiscal.{}", source_key(s)), fs);
    }
    row.set("fiscal", fiscal_of(fg));
}

/// A node's 财政拨款 money: its fiscal sources, current and carried over.
pub fn fiscal_of(fg: &Figures) -> Money {
    fg.current_by_source
        .iter()
        .chain(fg.carryover_by_source.iter())
        .filter(|(s, _)| s.is_fiscal())
        .map(|(_, v)| *v)
        .sum()
}

/// The function tree: a 合计 row, then every 类, 款 and 项 with money.
pub fn tree(b: &Budget, source: Option<Source>, current_only: bool) -> Vec<DataRow> {
    let d = &b.derived;
    let mut rows = Vec::new();
    let mut total = DataRow {
        class: "total",
        ..DataRow::default()
    };
    insert_code(&mut total, "");
    total.text.insert("name", "合计".into());
    node_fields(&mut total, &d.expenditure, source, current_only);
    if source.is_none() && !current_only {
        let e = &d.expenditure;
        let mut t = total.money.get("total").copied().unwrap_or_default();
        let shown_total = shown(b, t, b.expenditure.stated_current_total.as_ref(), e.parts);
        let mut basic = total.money.get("basic").copied().unwrap_or_default();
        let mut project = total.money.get("project").copied().unwrap_or_default();
        adjust(&mut t, shown_total, &mut [&mut basic, &mut project]);
        total.set("total", t);
        total.set("basic", basic);
        total.set("project", project);
    }
    rows.push(total);
    let stated: BTreeMap<&str, (&Stated, usize)> = b
        .expenditure
        .rows
        .iter()
        .filter_map(|r| r.stated_total.as_ref().map(|s| (r.code.as_str(), s)))
        .filter_map(|(c, s)| {
            d.functions
                .iter()
                .find(|n| n.code == c)
                .map(|n| (c, (s, n.figures.parts)))
        })
        .collect();
    for n in &d.functions {
        let mut row = DataRow {
            class: if n.level == CodeLevel::Lei {
                "group"
            } else {
                ""
            },
            ..DataRow::default()
        };
        insert_code(&mut row, &n.code);
        row.text.insert("name", n.name.clone());
        node_fields(&mut row, &n.figures, source, current_only);
        if row
            .money
            .get("total")
            .copied()
            .unwrap_or_default()
            .is_zero()
        {
            continue;
        }
        if source.is_none() && !current_only {
            if let Some((s, parts)) = stated.get(n.code.as_str()) {
                let mut t = row.money.get("total").copied().unwrap_or_default();
                let sh = shown(b, t, Some(s), *parts);
                let mut basic = row.money.get("basic").copied().unwrap_or_default();
                let mut project = row.money.get("project").copied().unwrap_or_default();
                adjust(&mut t, sh, &mut [&mut basic, &mut project]);
                row.set("total", t);
                row.set("basic", basic);
                row.set("project", project);
            }
        }
        rows.push(row);
    }
    rows
}

/// `code` and its parts `code.lei` (201), `code.kuan` (05), `code.xiang` (07).
fn insert_code(row: &mut DataRow, code: &str) {
    row.text.insert("code", code.to_string());
    row.text
        .insert("code.lei", code.get(..3).unwrap_or(code).to_string());
    row.text
        .insert("code.kuan", code.get(3..5).unwrap_or("").to_string());
    row.text
        .insert("code.xiang", code.get(5..7).unwrap_or("").to_string());
}

/// The 类 rows of the expenditure side of a 收支总表, numbered in the
/// table's style (`numbering`; none without): every 类 of the catalog
/// (`all`) or only those with money.
pub fn classes(
    b: &Budget,
    catalog: &Catalog,
    all: bool,
    numbering: Option<Numbering>,
) -> Vec<DataRow> {
    let d = &b.derived;
    let mut codes: Vec<(String, String)> = Vec::new();
    if all {
        for e in catalog.iter(CodeKind::Function) {
            if e.level == Level::Lei {
                codes.push((e.code.clone(), e.name.clone()));
            }
        }
    }
    for n in d.functions.iter().filter(|n| n.level == CodeLevel::Lei) {
        if !codes.iter().any(|(c, _)| *c == n.code) {
            codes.push((n.code.clone(), n.name.clone()));
        }
    }
    codes.sort();
    let mut rows = Vec::new();
    let mut i = 0;
    for (code, name) in codes {
        let node = d.functions.iter().find(|n| n.code == code);
        let fg = node.map(|n| n.figures.clone()).unwrap_or_default();
        if !all && fg.total.is_zero() {
            continue;
        }
        i += 1;
        let name = node
            .map(|n| n.name.clone())
            .filter(|n| !n.is_empty())
            .unwrap_or(name);
        let mut row = DataRow::default();
        row.text.insert("code", code.clone());
        row.text
            .insert("name", format!("{}{name}", numbering::mark(numbering, i)));
        node_fields(&mut row, &fg, None, false);
        if let Some(r) = b.expenditure.rows.iter().find(|r| r.code == code) {
            if let Some((p, q)) = basic_split(r, fg.basic) {
                row.set("personnel", p);
                row.set("public", q);
            }
            if let Some(s) = &r.stated_total {
                let mut t = fg.total;
                let sh = shown(b, t, Some(s), fg.parts);
                let mut cur = row.money.get("current").copied().unwrap_or_default();
                let mut car = row.money.get("carryover").copied().unwrap_or_default();
                adjust(&mut t, sh, &mut [&mut cur, &mut car]);
                row.set("total", t);
                row.set("current", cur);
                row.set("carryover", car);
            }
        }
        rows.push(row);
    }
    rows
}

/// The economic table: 合计, then each 类 and its 款.
pub fn economic(b: &Budget) -> Vec<DataRow> {
    let d = &b.derived;
    let single = if b.economic.len() == 1 {
        b.economic.first()
    } else {
        None
    };
    let mut rows = Vec::new();
    let mk = |name: &str,
              gov: &str,
              total: Money,
              personnel: Money,
              public: Money,
              class: &'static str| {
        let mut r = DataRow {
            class,
            ..DataRow::default()
        };
        r.text.insert("name", name.to_string());
        r.text.insert("government_name", gov.to_string());
        r.set("total", total);
        r.set("personnel", personnel);
        r.set("public", public);
        r
    };
    let n_kuan = d
        .economic
        .iter()
        .filter(|n| n.level == CodeLevel::Kuan)
        .count();
    let (mut t, mut p, mut q) = (d.economic_total, d.personnel, d.public);
    if let Some(blk) = single {
        let np = d
            .economic
            .iter()
            .filter(|n| n.level == CodeLevel::Kuan && !n.personnel.is_zero())
            .count();
        let nq = d
            .economic
            .iter()
            .filter(|n| n.level == CodeLevel::Kuan && !n.public.is_zero())
            .count();
        p = shown(b, p, blk.stated_personnel.as_ref(), np);
        q = shown(b, q, blk.stated_public.as_ref(), nq);
        t = shown(b, t, blk.stated_total.as_ref(), n_kuan);
    }
    let mut total_row = mk("合计", "", t, p, q, "total");
    insert_code(&mut total_row, "");
    rows.push(total_row);
    for n in &d.economic {
        let row = match n.level {
            CodeLevel::Lei => {
                let (mut t, mut p, mut q) = (n.total, n.personnel, n.public);
                if let Some(s) = single
                    .and_then(|blk| blk.rows.iter().find(|r| r.code == n.code))
                    .and_then(|r| r.stated_total.as_ref())
                {
                    let parts = d
                        .economic
                        .iter()
                        .filter(|k| k.level == CodeLevel::Kuan && k.code.starts_with(&n.code))
                        .count();
                    let sh = shown(b, t, Some(s), parts);
                    adjust(&mut t, sh, &mut [&mut p, &mut q]);
                }
                mk(&n.name, "", t, p, q, "group")
            }
            _ => mk(
                &n.name,
                n.government_name.as_deref().unwrap_or(""),
                n.total,
                n.personnel,
                n.public,
                "",
            ),
        };
        let mut row = row;
        insert_code(&mut row, &n.code);
        rows.push(row);
    }
    rows
}

/// 机关运行经费 by unit: 部门合计, then each 行政/参公 unit.
pub fn admin_units(b: &Budget, total_label: &str) -> Vec<DataRow> {
    let d = &b.derived;
    let mut rows = Vec::new();
    let mut total = DataRow {
        class: "total",
        ..DataRow::default()
    };
    total.text.insert("name", total_label.to_string());
    total.set("total", d.admin_cost);
    total.set("src.general_public", d.admin_cost);
    rows.push(total);
    let per: Vec<(String, Money)> = if !d.admin_cost_by_unit.is_empty() {
        d.admin_cost_by_unit.clone()
    } else {
        computed_admin_cost(b).unwrap_or_default()
    };
    for (name, m) in per {
        if m.is_zero() {
            continue;
        }
        let mut r = DataRow::default();
        r.text.insert("name", name);
        r.set("total", m);
        r.set("src.general_public", m);
        rows.push(r);
    }
    rows
}

/// Projects: the 部门 row, then each 单位 row followed by its projects.
pub fn projects(b: &Budget, carryover: bool) -> Vec<DataRow> {
    let amounts = |p: &Project| -> Vec<(Source, Money)> {
        if carryover {
            p.carryover.clone()
        } else {
            p.amounts.clone()
        }
    };
    let fill = |row: &mut DataRow, list: &[(Source, Money)]| {
        let mut t = Money::ZERO;
        for s in Source::ALL {
            let m: Money = list.iter().filter(|(x, _)| *x == s).map(|(_, m)| *m).sum();
            let k = format!("src.{}", source_key(s));
            let prev = row.money.get(&k).copied().unwrap_or_default();
            row.set(k, prev + m);
            t += m;
        }
        let prev = row.money.get("total").copied().unwrap_or_default();
        row.set("total", prev + t);
    };
    let listed: Vec<&Project> = b
        .projects
        .iter()
        .filter(|p| !amounts(p).iter().all(|(_, m)| m.is_zero()))
        .collect();
    if listed.is_empty() {
        return Vec::new();
    }
    let unit_of = |p: &Project| -> String {
        p.unit
            .as_ref()
            .map(|u| u.text.to_string())
            .or_else(|| b.units.first().map(|u| u.name.text.to_string()))
            .unwrap_or_default()
    };
    let mut dept = DataRow {
        class: "total",
        ..DataRow::default()
    };
    dept.text.insert("name", b.department.text.to_string());
    for p in &listed {
        fill(&mut dept, &amounts(p));
    }
    let mut rows = vec![dept];
    for u in &b.units {
        let mine: Vec<&&Project> = listed
            .iter()
            .filter(|p| unit_of(p) == u.name.text)
            .collect();
        if mine.is_empty() {
            continue;
        }
        let mut ur = DataRow {
            class: "group",
            ..DataRow::default()
        };
        ur.text.insert("name", u.name.text.to_string());
        for p in &mine {
            fill(&mut ur, &amounts(p));
        }
        rows.push(ur);
        for p in mine {
            let mut r = DataRow::default();
            r.text.insert("name", p.name.text.to_string());
            fill(&mut r, &amounts(p));
            rows.push(r);
        }
    }
    rows
}
