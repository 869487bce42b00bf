//! The facts a narrative sentence can print a figure about, the words that
//! name them, and their figures computed from the model.
//!
//! The words are the ones disclosure templates use for the figure (a label
//! is found where a sentence names the fact, whatever the sentence around
//! it), both the Shanxi and the Shanghai families: “收入总计”, “财政拨款收入”,
//! “公务用车运行维护费”, “政府采购货物预算”, “公开项目绩效目标”… and every 类
//! name of the file.

use crate::diagnostic::Text;
use crate::model::{Budget, CodeLevel, LastYearKey, Money, ProjectCategory, Source};
use crate::t;
use std::borrow::Cow;

/// Which projects a count or amount of projects is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Projects {
    /// 纳入绩效目标管理的项目: every project listed.
    All,
    /// 公开项目绩效目标: the projects whose targets are published.
    Published,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Fact {
    IncomeTotal,
    IncomeCurrent,
    /// 上年结转 (of income or of expenditure: the sentence's subject).
    Carryover,
    /// 本年预算安排 (支出 without 上年结转).
    ExpCurrent,
    IncomeSource(Source),
    ExpTotal,
    Basic,
    Project,
    FiscalTotal,
    FiscalCurrent,
    FiscalCarryover,
    FiscalSource(Source),
    GeneralCurrent,
    Personnel,
    Public,
    ThreeTotal,
    Abroad,
    Reception,
    VehicleTotal,
    VehiclePurchase,
    VehicleRunning,
    Admin,
    Procurement,
    Goods,
    Works,
    Services,
    Sme,
    SmallMicro,
    Perf(Projects),
    /// A category of projects within the last group named (all or published).
    Category(ProjectCategory),
    /// A 类 of the file, by code.
    Class(String),
    Vehicles,
    /// The vehicles the budget buys (`购置车辆1辆`): the 购置计划's.
    VehiclesToBuy,
}

/// The words naming each fact (the longest match wins where labels overlap).
const LABELS: &[(&str, Fact)] = &[
    ("收入总计", Fact::IncomeTotal),
    ("收入预算", Fact::IncomeTotal),
    ("预算收入", Fact::IncomeTotal),
    ("本年收入", Fact::IncomeCurrent),
    ("上年结转", Fact::Carryover),
    ("本年预算安排", Fact::ExpCurrent),
    (
        "一般公共预算拨款收入",
        Fact::IncomeSource(Source::GeneralPublic),
    ),
    (
        "政府性基金预算拨款收入",
        Fact::IncomeSource(Source::GovernmentFund),
    ),
    (
        "国有资本经营预算拨款收入",
        Fact::IncomeSource(Source::StateCapital),
    ),
    (
        "财政专户管理资金收入",
        Fact::IncomeSource(Source::SpecialAccount),
    ),
    ("单位资金", Fact::IncomeSource(Source::UnitFunds)),
    ("事业收入", Fact::IncomeSource(Source::BusinessIncome)),
    (
        "事业单位经营收入",
        Fact::IncomeSource(Source::OperatingIncome),
    ),
    ("其他收入", Fact::IncomeSource(Source::OtherIncome)),
    ("支出总计", Fact::ExpTotal),
    ("支出预算", Fact::ExpTotal),
    ("基本支出", Fact::Basic),
    ("项目支出", Fact::Project),
    ("财政拨款收支总预算", Fact::FiscalTotal),
    ("财政拨款支出预算", Fact::FiscalTotal),
    ("财政拨款收入", Fact::FiscalCurrent),
    ("当年拨款收入", Fact::FiscalCurrent),
    ("上年结转收入", Fact::FiscalCarryover),
    (
        "一般公共预算拨款支出预算",
        Fact::FiscalSource(Source::GeneralPublic),
    ),
    (
        "一般公共预算拨款",
        Fact::FiscalSource(Source::GeneralPublic),
    ),
    (
        "政府性基金拨款支出预算",
        Fact::FiscalSource(Source::GovernmentFund),
    ),
    (
        "政府性基金预算拨款",
        Fact::FiscalSource(Source::GovernmentFund),
    ),
    (
        "国有资本经营预算拨款支出预算",
        Fact::FiscalSource(Source::StateCapital),
    ),
    (
        "国有资本经营预算拨款",
        Fact::FiscalSource(Source::StateCapital),
    ),
    ("一般公共预算当年支出", Fact::GeneralCurrent),
    ("人员经费", Fact::Personnel),
    ("公用经费", Fact::Public),
    ("“三公”经费", Fact::ThreeTotal),
    ("\"三公\"经费", Fact::ThreeTotal),
    ("因公出国（境）费", Fact::Abroad),
    ("因公出国(境)费", Fact::Abroad),
    ("公务接待费", Fact::Reception),
    ("公务用车购置及运行费", Fact::VehicleTotal),
    ("公务用车购置费", Fact::VehiclePurchase),
    ("公务用车运行维护费", Fact::VehicleRunning),
    ("公务用车运行费", Fact::VehicleRunning),
    ("机关运行经费", Fact::Admin),
    ("政府采购预算总额", Fact::Procurement),
    ("政府采购预算", Fact::Procurement),
    ("政府采购货物预算", Fact::Goods),
    ("政府采购工程预算", Fact::Works),
    ("政府采购服务预算", Fact::Services),
    ("面向中小企业预留政府采购项目预算金额", Fact::Sme),
    ("预留给小型和微型企业的政府采购项目预算", Fact::SmallMicro),
    ("纳入绩效目标管理的", Fact::Perf(Projects::All)),
    ("编报绩效目标的项目", Fact::Perf(Projects::All)),
    ("公开项目绩效目标", Fact::Perf(Projects::Published)),
    ("其他运转类项目", Fact::Category(ProjectCategory::Operating)),
    (
        "特定目标类项目",
        Fact::Category(ProjectCategory::SpecificTarget),
    ),
    ("共有车辆", Fact::Vehicles),
    ("购置车辆", Fact::VehiclesToBuy),
];

/// The fixed words naming facts, each once (for editor completion in `声明`).
pub fn label_words() -> Vec<&'static str> {
    let mut v: Vec<&'static str> = Vec::new();
    for (w, f) in LABELS {
        // one spelling per fact
        if !LABELS
            .iter()
            .take_while(|(x, _)| x != w)
            .any(|(_, g)| g == f)
        {
            v.push(w);
        }
    }
    v
}

/// A label the narrative may print a figure under, and the fact it names
/// (the fixed words are borrowed, not copied for every check).
pub type Word<'a> = (Cow<'a, str>, Fact);

/// Every label with its fact: the fixed words and the file's 类 names.
pub fn vocabulary(b: &Budget) -> Vec<Word<'_>> {
    let mut v: Vec<Word> = LABELS
        .iter()
        .map(|(w, f)| (Cow::Borrowed(*w), f.clone()))
        .collect();
    for n in b
        .derived
        .functions
        .iter()
        .filter(|n| n.level == CodeLevel::Lei)
    {
        v.push((Cow::Borrowed(n.name.as_str()), Fact::Class(n.code.clone())));
    }
    v
}

fn fiscal(by: &std::collections::BTreeMap<Source, Money>) -> Money {
    by.iter()
        .filter(|(s, _)| s.is_fiscal())
        .map(|(_, m)| *m)
        .sum()
}

fn projects(b: &Budget, which: Projects) -> impl Iterator<Item = &crate::model::Project> {
    b.projects
        .iter()
        .filter(move |p| which == Projects::All || p.published)
}

/// The labels of a reviewer's `声明`: the narrative's, and the code of every
/// 类, 款 and 项 line (`表5 2011301 12.84万元`: a table's printed figure).
pub fn declared_vocabulary(b: &Budget) -> Vec<Word<'_>> {
    let mut v = vocabulary(b);
    for n in &b.derived.functions {
        v.push((Cow::Borrowed(n.code.as_str()), Fact::Class(n.code.clone())));
    }
    v
}

/// The figures a printed amount of `fact` may be (元): the computed one and,
/// where the file states it, the stated one (a rounded transcription's
/// stated total is what its tables print).
pub fn amounts(b: &Budget, fact: &Fact, group: Projects) -> Vec<Money> {
    let mut v: Vec<Option<Money>> = match fact {
        Fact::IncomeTotal
        | Fact::IncomeCurrent
        | Fact::IncomeSource(_)
        | Fact::Carryover
        | Fact::ExpCurrent
        | Fact::ExpTotal
        | Fact::Basic
        | Fact::Project
        | Fact::FiscalTotal
        | Fact::FiscalCurrent
        | Fact::FiscalCarryover
        | Fact::FiscalSource(_)
        | Fact::GeneralCurrent
        | Fact::Personnel
        | Fact::Public => table_amounts(b, fact),
        Fact::ThreeTotal
        | Fact::Abroad
        | Fact::Reception
        | Fact::VehicleTotal
        | Fact::VehiclePurchase
        | Fact::VehicleRunning
        | Fact::Admin => three_public_amounts(b, fact),
        Fact::Procurement
        | Fact::Goods
        | Fact::Works
        | Fact::Services
        | Fact::Sme
        | Fact::SmallMicro => procurement_amounts(b, fact),
        Fact::Perf(_) | Fact::Category(_) | Fact::Class(_) => project_amounts(b, fact, group),
        Fact::Vehicles | Fact::VehiclesToBuy => vec![],
    };
    let mut out: Vec<Money> = v.drain(..).flatten().collect();
    out.dedup();
    out
}

fn stated(s: &Option<crate::model::Stated>) -> Option<Money> {
    s.map(|x| x.amount)
}

/// [`amounts`] of the income, expenditure and economic tables' figures.
fn table_amounts(b: &Budget, fact: &Fact) -> Vec<Option<Money>> {
    let d = &b.derived;
    let e = &d.expenditure;
    let src = |s: &Source| d.income_by_source.get(s).copied().unwrap_or_default();
    let econ = |f: fn(&crate::model::EconomicBlock) -> Option<crate::model::Stated>| {
        let all: Option<Money> = b.economic.iter().map(|x| f(x).map(|s| s.amount)).sum();
        all
    };
    match fact {
        Fact::IncomeTotal => vec![Some(d.income_total), stated(&b.income.stated_total)],
        Fact::IncomeCurrent => vec![
            Some(d.income_current),
            stated(&b.income.stated_current_total),
        ],
        Fact::IncomeSource(s) => vec![Some(src(s))],
        Fact::Carryover => vec![Some(d.income_carryover), Some(e.carryover)],
        Fact::ExpCurrent => vec![Some(e.current)],
        Fact::ExpTotal => vec![
            Some(d.expenditure_total),
            stated(&b.expenditure.stated_total),
        ],
        Fact::Basic => vec![Some(e.basic), stated(&b.expenditure.stated_basic_total)],
        Fact::Project => vec![Some(e.project), stated(&b.expenditure.stated_project_total)],
        Fact::FiscalTotal => vec![Some(
            fiscal(&e.current_by_source) + fiscal(&e.carryover_by_source),
        )],
        Fact::FiscalCurrent => vec![Some(fiscal(&e.current_by_source))],
        Fact::FiscalCarryover => vec![Some(fiscal(&e.carryover_by_source))],
        Fact::FiscalSource(s) => vec![Some(
            e.current_by_source.get(s).copied().unwrap_or_default()
                + e.carryover_by_source.get(s).copied().unwrap_or_default(),
        )],
        Fact::GeneralCurrent => vec![Some(
            e.current_by_source
                .get(&Source::GeneralPublic)
                .copied()
                .unwrap_or_default(),
        )],
        Fact::Personnel => vec![Some(d.personnel), econ(|x| x.stated_personnel)],
        Fact::Public => vec![Some(d.public), econ(|x| x.stated_public)],
        _ => vec![],
    }
}

/// [`amounts`] of the 三公 figures and 机关运行经费.
fn three_public_amounts(b: &Budget, fact: &Fact) -> Vec<Option<Money>> {
    let d = &b.derived;
    match fact {
        Fact::ThreeTotal => vec![
            Some(d.three_public_total),
            stated(&b.three_public.stated_total),
        ],
        Fact::Abroad => vec![Some(b.three_public.abroad.total())],
        Fact::Reception => vec![Some(b.three_public.reception.total())],
        Fact::VehicleTotal => vec![
            Some(d.vehicle_total),
            stated(&b.three_public.stated_vehicle_total),
        ],
        Fact::VehiclePurchase => vec![Some(b.three_public.vehicle_purchase.total())],
        Fact::VehicleRunning => vec![Some(b.three_public.vehicle_running.total())],
        Fact::Admin => vec![Some(d.admin_cost)],
        _ => vec![],
    }
}

/// [`amounts`] of the 政府采购 figures.
fn procurement_amounts(b: &Budget, fact: &Fact) -> Vec<Option<Money>> {
    let d = &b.derived;
    match fact {
        Fact::Procurement => vec![
            b.procurement.as_ref().map(|_| d.procurement_total),
            b.procurement
                .as_ref()
                .and_then(|p| p.stated_total.map(|s| s.amount)),
        ],
        Fact::Goods => vec![b.procurement.as_ref().map(|p| p.goods)],
        Fact::Works => vec![b.procurement.as_ref().map(|p| p.works)],
        Fact::Services => vec![b.procurement.as_ref().map(|p| p.services)],
        Fact::Sme => vec![b
            .procurement
            .as_ref()
            .and_then(|p| p.sme_reserved.map(|s| s.amount))],
        Fact::SmallMicro => vec![b
            .procurement
            .as_ref()
            .and_then(|p| p.small_micro_reserved.map(|s| s.amount))],
        _ => vec![],
    }
}

/// [`amounts`] of the projects' figures and a function line's.
fn project_amounts(b: &Budget, fact: &Fact, group: Projects) -> Vec<Option<Money>> {
    let d = &b.derived;
    match fact {
        Fact::Perf(which) => {
            let listed =
                (!b.projects.is_empty()).then(|| projects(b, *which).map(|p| p.total()).sum());
            let summary = (*which == Projects::All)
                .then(|| {
                    b.performance_summary
                        .as_ref()
                        .and_then(|s| s.amount.map(|a| a.amount))
                })
                .flatten();
            vec![listed, summary]
        }
        Fact::Category(c) => vec![(!b.projects.is_empty()).then(|| {
            projects(b, group)
                .filter(|p| p.category == Some(*c))
                .map(|p| p.total())
                .sum()
        })],
        Fact::Class(code) => d
            .functions
            .iter()
            .filter(|n| &n.code == code)
            .flat_map(|n| {
                let f = &n.figures;
                [
                    Some(f.total),
                    Some(fiscal(&f.current_by_source) + fiscal(&f.carryover_by_source)),
                    f.current_by_source.get(&Source::GeneralPublic).copied(),
                ]
            })
            .collect(),
        _ => vec![],
    }
}

/// The count a printed `N个` / `N辆` of `fact` is.
pub fn count(b: &Budget, fact: &Fact, group: Projects) -> Option<u64> {
    match fact {
        Fact::Perf(which) if !b.projects.is_empty() => Some(projects(b, *which).count() as u64),
        Fact::Perf(Projects::All) => b.performance_summary.as_ref().and_then(|s| s.projects),
        Fact::Category(c) if !b.projects.is_empty() => Some(
            projects(b, group)
                .filter(|p| p.category == Some(*c))
                .count() as u64,
        ),
        Fact::Vehicles => b
            .assets
            .as_ref()
            .map(|a| a.vehicles_stated.unwrap_or(b.derived.vehicles_total)),
        Fact::VehiclesToBuy => b
            .assets
            .as_ref()
            .filter(|a| !a.planned_vehicles.is_empty())
            .map(|a| a.planned_vehicles.iter().map(|(_, n)| n).sum()),
        _ => None,
    }
}

/// The key of the `上年` block holding last year's figure of `fact`.
pub fn last_year_key(fact: &Fact) -> Option<LastYearKey> {
    Some(match fact {
        Fact::IncomeTotal => LastYearKey::IncomeTotal,
        Fact::ExpTotal => LastYearKey::ExpenditureTotal,
        Fact::FiscalTotal | Fact::FiscalCurrent => LastYearKey::Fiscal,
        Fact::GeneralCurrent | Fact::FiscalSource(Source::GeneralPublic) => {
            LastYearKey::GeneralCurrent
        }
        Fact::FiscalSource(Source::GovernmentFund) => LastYearKey::GovernmentFund,
        Fact::FiscalSource(Source::StateCapital) => LastYearKey::StateCapital,
        Fact::ThreeTotal => LastYearKey::ThreePublic,
        Fact::Abroad => LastYearKey::Abroad,
        Fact::Reception => LastYearKey::Reception,
        Fact::VehiclePurchase => LastYearKey::VehiclePurchase,
        Fact::VehicleRunning => LastYearKey::VehicleRunning,
        Fact::VehicleTotal => LastYearKey::Vehicle,
        Fact::Admin => LastYearKey::AdminCost,
        _ => return None,
    })
}

/// Last year's figure of `fact`, as the file writes it (the 购置及运行费
/// subtotal defaults to its two parts).
pub fn last_year(b: &Budget, fact: &Fact) -> Option<Money> {
    let key = last_year_key(fact)?;
    let ly = &b.last_year;
    ly.get(key).or_else(|| match fact {
        Fact::VehicleTotal => {
            Some(ly.get(LastYearKey::VehiclePurchase)? + ly.get(LastYearKey::VehicleRunning)?)
        }
        _ => None,
    })
}

/// How a reader names the fact, and how its figure is computed.
pub fn describe(b: &Budget, fact: &Fact) -> (String, Text) {
    let name = |s: &str| s.to_string();
    match fact {
        Fact::Class(code) => {
            let n = b
                .derived
                .functions
                .iter()
                .find(|n| &n.code == code)
                .map_or(String::new(), |n| n.name.clone());
            (
                format!("{code} {n}"),
                t!(
                    "支出表中该类的合计（或其财政拨款、一般公共预算部分）",
                    "the 类's total in 支出 (or its fiscal or 一般公共预算 part)"
                ),
            )
        }
        Fact::Perf(Projects::Published) => (
            name("公开绩效目标的项目"),
            Text::new(
                "绩效公开 是 的项目之和",
                "the sum of the projects with 绩效公开 是",
            ),
        ),
        Fact::Perf(Projects::All) => (
            name("纳入绩效目标管理的项目"),
            Text::new("列出的项目之和", "the sum of the listed projects"),
        ),
        Fact::VehiclesToBuy => (
            "购置车辆".to_string(),
            Text::new(
                "国有资产 购置计划 车辆 各类之和",
                "the sum of the kinds in 国有资产 购置计划 车辆",
            ),
        ),
        Fact::Category(c) => (
            c.name_zh().to_string() + "项目",
            Text::new("该类别项目之和", "the sum of the projects of that category"),
        ),
        f => {
            let label = LABELS.iter().find(|(_, x)| x == f).map_or("", |(w, _)| w);
            (
                label.to_string(),
                t!(
                    "由文件中的数字计算的“{label}”",
                    "“{label}” computed from the file's figures"
                ),
            )
        }
    }
}
