//! Stage 3 — the model: a department's budget as facts, with every amount an
//! exact decimal in 元, and the figures derived from them ([`Derived`]).
//!
//! [`crate::check`] builds it from the syntax tree and fills `derived`;
//! renderers and the JSON output read only this.

pub mod change;
pub mod claim;
pub mod keys;
pub mod money;
pub mod print;

use crate::diagnostic::Span;
use crate::syntax::ast::Cmp;
pub use keys::{ClassCode, EconomicCode, FunctionCode, Incomplete, LastYearKey, Section};
pub use money::{DisplayUnit, Money};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// A funding source (资金来源).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Source {
    /// 一般公共预算
    GeneralPublic,
    /// 政府性基金预算
    GovernmentFund,
    /// 国有资本经营预算
    StateCapital,
    /// 财政专户管理资金
    SpecialAccount,
    /// 单位资金
    UnitFunds,
    /// 事业收入
    BusinessIncome,
    /// 事业单位经营收入
    OperatingIncome,
    /// 其他收入
    OtherIncome,
}

impl Source {
    pub const ALL: [Source; 8] = [
        Source::GeneralPublic,
        Source::GovernmentFund,
        Source::StateCapital,
        Source::SpecialAccount,
        Source::UnitFunds,
        Source::BusinessIncome,
        Source::OperatingIncome,
        Source::OtherIncome,
    ];
    pub fn name_zh(self) -> &'static str {
        match self {
            Source::GeneralPublic => "一般公共预算",
            Source::GovernmentFund => "政府性基金预算",
            Source::StateCapital => "国有资本经营预算",
            Source::SpecialAccount => "财政专户管理资金",
            Source::UnitFunds => "单位资金",
            Source::BusinessIncome => "事业收入",
            Source::OperatingIncome => "事业单位经营收入",
            Source::OtherIncome => "其他收入",
        }
    }
    pub fn name_en(self) -> &'static str {
        match self {
            Source::GeneralPublic => "general public budget",
            Source::GovernmentFund => "government fund budget",
            Source::StateCapital => "state capital operation budget",
            Source::SpecialAccount => "special fiscal account funds",
            Source::UnitFunds => "unit funds",
            Source::BusinessIncome => "business income",
            Source::OperatingIncome => "operating income",
            Source::OtherIncome => "other income",
        }
    }
    /// The names an author may write for this source.
    pub fn parse(word: &str) -> Option<Source> {
        Some(match word {
            "一般公共预算" | "一般公共预算资金" | "一般公共预算拨款" | "一般公共预算拨款收入" => {
                Source::GeneralPublic
            }
            "政府性基金预算" | "政府性基金" | "政府性基金预算资金" | "政府性基金预算拨款" => {
                Source::GovernmentFund
            }
            "国有资本经营预算" | "国有资本经营预算资金" | "国有资本经营预算拨款" => {
                Source::StateCapital
            }
            "财政专户管理资金" | "专户管理资金" => Source::SpecialAccount,
            "单位资金" => Source::UnitFunds,
            "事业收入" => Source::BusinessIncome,
            "事业单位经营收入" => Source::OperatingIncome,
            "其他收入" => Source::OtherIncome,
            _ => return None,
        })
    }
    /// 财政拨款: the three budgets.
    pub fn is_fiscal(self) -> bool {
        matches!(
            self,
            Source::GeneralPublic | Source::GovernmentFund | Source::StateCapital
        )
    }
}

/// 单位类型
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum UnitKind {
    /// 行政单位
    Administrative,
    /// 参照公务员法管理的事业单位 (参公)
    CivilServiceManaged,
    /// 事业单位
    Institution,
    /// `类型 未写明`: the document does not say (an imported disclosure that
    /// counts its units by kind without naming each one's). Nothing that
    /// needs the kind is computed for it (N21), and it cannot be built.
    Unstated,
}

impl UnitKind {
    pub fn parse(word: &str) -> Option<UnitKind> {
        Some(match word {
            "行政" | "行政单位" => UnitKind::Administrative,
            "参公" | "参公单位" | "参照公务员法管理" => UnitKind::CivilServiceManaged,
            "事业" | "事业单位" => UnitKind::Institution,
            "未写明" => UnitKind::Unstated,
            _ => return None,
        })
    }
    pub fn name_zh(self) -> &'static str {
        match self {
            UnitKind::Administrative => "行政",
            UnitKind::CivilServiceManaged => "参公",
            UnitKind::Institution => "事业",
            UnitKind::Unstated => "未写明",
        }
    }
    /// Units whose 公用经费 is 机关运行经费 (`None`: the kind is not stated).
    pub fn has_admin_cost(self) -> Option<bool> {
        match self {
            UnitKind::Administrative | UnitKind::CivilServiceManaged => Some(true),
            UnitKind::Institution => Some(false),
            UnitKind::Unstated => None,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Direction {
    /// 基本支出
    Basic,
    /// 项目支出
    Project,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ProjectCategory {
    /// 其他运转类
    Operating,
    /// 特定目标类
    SpecificTarget,
}

impl ProjectCategory {
    pub fn parse(word: &str) -> Option<ProjectCategory> {
        Some(match word {
            "其他运转类" | "其他运转类项目" | "运转类" => ProjectCategory::Operating,
            "特定目标类" | "特定目标类项目" => ProjectCategory::SpecificTarget,
            _ => return None,
        })
    }
    pub fn name_zh(self) -> &'static str {
        match self {
            ProjectCategory::Operating => "其他运转类",
            ProjectCategory::SpecificTarget => "特定目标类",
        }
    }
}

/// A total the author states (an assertion the checker verifies).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Stated {
    pub amount: Money,
    #[serde(skip)]
    pub span: Span,
}

/// A short text of the model: a name, a label, an indicator's value. Up to
/// 24 bytes (8 CJK characters) are kept in place, without an allocation.
pub type Name = compact_str::CompactString;

/// A text with where it was written.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct Named {
    pub text: Name,
    #[serde(skip)]
    pub span: Span,
}

#[derive(Debug, Clone, Serialize, Deserialize, Default)]
pub struct Budget {
    pub year: i32,
    pub department: Named,
    pub department_code: Option<String>,
    /// Profile id, e.g. `shanxi-county`.
    pub profile: String,
    /// `文件类型 单位预算`: a budget unit's own document (default: the
    /// department's, 部门预算).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub unit_document: bool,
    /// Where `文件类型 单位预算` is written.
    #[serde(skip)]
    pub unit_document_span: Option<Span>,
    pub display_unit: DisplayUnit,
    /// Declared rounding step of transcribed figures, in 元.
    pub transcription_step: Option<Money>,
    /// Declared rounding of the 三公/机关运行经费 and narrative figures.
    #[serde(default, skip_serializing_if = "print::Rounding::is_exact")]
    pub rounding: print::Rounding,
    /// The document's print conventions (`排版`), over the profile's.
    #[serde(default, skip_serializing_if = "print::PrintOverrides::is_empty")]
    pub print: print::PrintOverrides,
    pub prose: Prose,
    pub units: Vec<Unit>,
    pub income: Income,
    pub expenditure: Expenditure,
    pub economic: Vec<EconomicBlock>,
    pub three_public: ThreePublic,
    pub admin_cost: AdminCost,
    pub projects: Vec<Project>,
    pub department_performance: Option<DepartmentPerformance>,
    pub performance_summary: Option<PerformanceSummary>,
    pub procurement: Option<Procurement>,
    pub assets: Option<Assets>,
    pub last_year: LastYear,
    /// `其余项目 X`: the projects the file does not describe one by one, as a
    /// total (a document may describe 1 of its 50 projects).
    #[serde(default)]
    pub other_projects: Option<Stated>,
    /// Figures computed by the checker.
    pub derived: Derived,
    /// Top-level statements (by keyword) that lost a part to an error; the
    /// rules that add them up are skipped rather than report a false
    /// imbalance.
    #[serde(skip)]
    pub incomplete: Incomplete,
    /// What the checker reads of the profile (`口径`): the caller's (a
    /// profile loaded from a folder), else none and the compiled-in
    /// profile's is read ([`crate::profiles::of`]).
    #[serde(skip)]
    pub profile_data: Option<std::sync::Arc<crate::profiles::ProfileData>>,
}

#[derive(Debug, Clone, Serialize, Deserialize, Default)]
pub struct Prose {
    pub duties: Option<String>,
    pub organization: Option<String>,
    /// 名词解释: (term, explanation) in the author's order.
    pub glossary: Vec<(String, String)>,
    /// 其他说明: (heading, text).
    pub other: Vec<(String, String)>,
    /// 原文: the narrative of a published document as printed (place, text) —
    /// what a reviewer checks (the prose checks T1–T7 read it); the documents
    /// `budget build` writes generate their narrative from the facts instead.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub printed: Vec<(String, String)>,
    /// 声明: a reviewer's claims, one per line as written
    /// (`公开项目绩效目标 4个 1,017.00万元 占项目支出 78.23%`), verified as the
    /// same sentence printed in `原文` would be (N19).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub claims: Vec<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Unit {
    pub name: Named,
    pub kind: UnitKind,
    pub code: Option<String>,
    /// `单列预算 否`: the unit has no budget of its own (并入本部); it is
    /// still counted among the department's units by kind.
    #[serde(default)]
    pub merged: bool,
    /// `文件 "units/x.budget"`: the unit's own document, as written (the
    /// span is the string's).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub file: Option<Named>,
    /// That file once read and checked (see [`crate::files`]).
    #[serde(skip)]
    pub linked: Option<crate::files::FileId>,
}

#[derive(Debug, Clone, Serialize, Deserialize, Default)]
pub struct Income {
    /// 本年收入 by source (sources written, in the author's order).
    pub sources: Vec<(Source, Money)>,
    /// 上年结转 by source.
    pub carryover: Vec<(Source, Money)>,
    pub stated_current_total: Option<Stated>,
    pub stated_total: Option<Stated>,
    /// 财政拨款收入 as 表1 prints it (the three budgets: verified, never added).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub stated_fiscal: Option<Stated>,
    #[serde(skip)]
    pub spans: BTreeMap<Source, Span>,
    #[serde(skip)]
    pub span: Span,
}

/// One cell of an expenditure row.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Cell {
    pub direction: Direction,
    pub source: Source,
    /// 上年结转安排 (false: 当年预算安排)
    pub carryover: bool,
    pub amount: Money,
    #[serde(skip)]
    pub span: Span,
}

/// 类 / 款 / 项: the catalog's level type (one enum for the model and the catalog).
pub use crate::catalog::Level as CodeLevel;

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct FunctionRow {
    pub code: FunctionCode,
    pub name: Named,
    pub level: CodeLevel,
    pub cells: Vec<Cell>,
    pub stated_total: Option<Stated>,
    /// A 类 or 款 line's 基本支出 and 项目支出 as a table prints them
    /// (`基本 X 项目 Y`: verified against its 项, never added).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub stated_basic: Option<Stated>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub stated_project: Option<Stated>,
    /// Last year's figure for this row.
    pub last_year: Option<Money>,
    /// The narrative facts of a 项 line (`上年执行`, `用途`, `原因`).
    #[serde(default)]
    pub facts: LineFacts,
    #[serde(skip)]
    pub code_span: Span,
    #[serde(skip)]
    pub span: Span,
}

/// What last year's figure of a line is: 上年预算数 (`上年`) or 上年预算执行数
/// (`上年执行`). The narrative names the basis (比2023年预算执行数减少57.14%).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum Basis {
    #[default]
    Budget,
    Executed,
}

/// The narrative facts of a 项 line: what it is for (主要用于…), the basis
/// of its last-year figure, and the reason for the change (主要原因是：…).
#[derive(Debug, Clone, Serialize, Deserialize, Default, PartialEq, Eq)]
pub struct LineFacts {
    pub basis: Basis,
    pub purpose: Option<String>,
    pub reason: Option<String>,
    /// The change as a document prints it (`变动 减少57.14%`): a claim,
    /// verified against the figures (N15).
    #[serde(default)]
    pub claim: Option<claim::Claim>,
    /// The row's 基本支出 split as a table prints it (`人员 X 公用 Y`, e.g.
    /// on a 类 line for a unit's 表1: 人员经费, 公用经费); verified against
    /// the row's 基本 (R6).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub personnel: Option<Stated>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub public: Option<Stated>,
    /// `last_year` was taken from last year's file (not written here).
    #[serde(skip)]
    pub linked: bool,
    /// Where `上年`/`上年执行`, `用途` and `原因` are written.
    #[serde(skip)]
    pub last_year_span: Option<Span>,
    #[serde(skip)]
    pub purpose_span: Option<Span>,
    #[serde(skip)]
    pub reason_span: Option<Span>,
}

#[derive(Debug, Clone, Serialize, Deserialize, Default)]
pub struct Expenditure {
    /// Rows as written (类, 款 and 项 lines, in order).
    pub rows: Vec<FunctionRow>,
    pub stated_current_total: Option<Stated>,
    pub stated_basic_total: Option<Stated>,
    pub stated_project_total: Option<Stated>,
    pub year_end_carryover: Money,
    pub stated_total: Option<Stated>,
    #[serde(skip)]
    pub span: Span,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct EconomicRow {
    pub code: EconomicCode,
    pub name: Named,
    pub level: CodeLevel,
    pub government_code: Option<EconomicCode>,
    pub government_name: Option<String>,
    pub personnel: Money,
    pub public: Money,
    pub stated_total: Option<Stated>,
    #[serde(skip)]
    pub code_span: Span,
    #[serde(skip)]
    pub government_span: Span,
    #[serde(skip)]
    pub span: Span,
}

/// A 基本支出 block: the whole department's, or one unit's.
#[derive(Debug, Clone, Serialize, Deserialize, Default)]
pub struct EconomicBlock {
    pub unit: Option<String>,
    pub rows: Vec<EconomicRow>,
    pub stated_total: Option<Stated>,
    pub stated_personnel: Option<Stated>,
    pub stated_public: Option<Stated>,
    /// `人员经费列举 …` / `公用经费列举 …`: the 款 items the narrative names
    /// (“主要包括：…等”), in the order it names them (default: every 款
    /// with money, in code order).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub listed_personnel: Option<Vec<String>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub listed_public: Option<Vec<String>>,
    #[serde(skip)]
    pub span: Span,
}

/// A 三公 item by source.
#[derive(Debug, Clone, Serialize, Deserialize, Default)]
pub struct SourcedAmount {
    pub by_source: Vec<(Source, Money)>,
    #[serde(skip)]
    pub span: Span,
}

impl SourcedAmount {
    pub fn total(&self) -> Money {
        self.by_source.iter().map(|(_, m)| *m).sum()
    }
    pub fn of(&self, s: Source) -> Money {
        self.by_source
            .iter()
            .filter(|(x, _)| *x == s)
            .map(|(_, m)| *m)
            .sum()
    }
}

#[derive(Debug, Clone, Serialize, Deserialize, Default)]
pub struct ThreePublic {
    pub written: bool,
    /// 因公出国（境）费
    pub abroad: SourcedAmount,
    /// 公务接待费
    pub reception: SourcedAmount,
    /// 公务用车购置费
    pub vehicle_purchase: SourcedAmount,
    /// 公务用车运行维护费
    pub vehicle_running: SourcedAmount,
    pub stated_vehicle_total: Option<Stated>,
    pub stated_total: Option<Stated>,
    #[serde(skip)]
    pub span: Span,
}

#[derive(Debug, Clone, Serialize, Deserialize, Default)]
pub struct AdminCost {
    /// The department figure as stated (`机关运行经费 X`).
    pub stated: Option<Stated>,
    /// Per-unit figures as stated.
    pub by_unit: Vec<(Named, Money)>,
    #[serde(skip)]
    pub span: Span,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Project {
    pub name: Named,
    pub unit: Option<Named>,
    pub category: Option<ProjectCategory>,
    pub function_code: Option<Named>,
    /// 当年 amounts by source.
    pub amounts: Vec<(Source, Money)>,
    /// 上年结转 amounts by source.
    pub carryover: Vec<(Source, Money)>,
    pub published: bool,
    pub target: Option<ProjectTarget>,
    #[serde(skip)]
    pub span: Span,
}

impl Project {
    pub fn current(&self) -> Money {
        self.amounts.iter().map(|(_, m)| *m).sum()
    }
    pub fn carried(&self) -> Money {
        self.carryover.iter().map(|(_, m)| *m).sum()
    }
    pub fn total(&self) -> Money {
        self.current() + self.carried()
    }
}

/// 项目资金 (元) split by level of government.
#[derive(Debug, Clone, Serialize, Deserialize, Default)]
pub struct FundingSplit {
    pub central: Money,
    pub provincial: Money,
    pub local: Money,
    pub own: Money,
    pub other: Money,
    pub stated_total: Option<Stated>,
    #[serde(skip)]
    pub span: Span,
}

impl FundingSplit {
    pub fn total(&self) -> Money {
        self.central + self.provincial + self.local + self.own + self.other
    }
}

#[derive(Debug, Clone, Serialize, Deserialize, Default)]
pub struct ProjectTarget {
    pub attribute: Option<String>,
    pub period: Option<String>,
    pub funding_period: Option<FundingSplit>,
    pub funding_year: Option<FundingSplit>,
    pub overview: Option<String>,
    pub basis: Option<String>,
    pub necessity: Option<String>,
    pub safeguards: Option<String>,
    pub plan: Option<String>,
    pub goal_period: Option<String>,
    pub goal_year: Option<String>,
    pub indicators_period: Indicators,
    /// `None`: the same as the 实施期 indicators.
    pub indicators_year: Option<Indicators>,
    pub filed: Option<String>,
    #[serde(skip)]
    pub span: Span,
}

#[derive(Debug, Clone, Serialize, Deserialize, Default)]
pub struct Indicators {
    pub level1: Vec<Level1>,
    #[serde(skip)]
    pub span: Span,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Level1 {
    pub name: Named,
    pub level2: Vec<Level2>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Level2 {
    pub name: Named,
    pub items: Vec<Indicator>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Indicator {
    pub name: Named,
    pub value: IndicatorValue,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct IndicatorValue {
    /// As written, e.g. `≥47户`, `100%`, `高质量完成`.
    pub text: Name,
    pub cmp: Option<Cmp>,
    pub number: Option<rust_decimal::Decimal>,
    pub unit: Option<Name>,
    #[serde(skip)]
    pub span: Span,
}

#[derive(Debug, Clone, Serialize, Deserialize, Default)]
pub struct DepartmentPerformance {
    pub facts: Vec<(String, String)>,
    pub indicators: Indicators,
    #[serde(skip)]
    pub span: Span,
}

#[derive(Debug, Clone, Serialize, Deserialize, Default)]
pub struct PerformanceSummary {
    pub units: Option<u64>,
    pub projects: Option<u64>,
    pub amount: Option<Stated>,
    #[serde(skip)]
    pub span: Span,
}

#[derive(Debug, Clone, Serialize, Deserialize, Default)]
pub struct Procurement {
    pub goods: Money,
    pub works: Money,
    pub services: Money,
    pub stated_total: Option<Stated>,
    pub sme_reserved: Option<Stated>,
    pub small_micro_reserved: Option<Stated>,
    #[serde(skip)]
    pub span: Span,
}

#[derive(Debug, Clone, Serialize, Deserialize, Default)]
pub struct Assets {
    pub as_of: Option<String>,
    /// 车辆 编制数
    pub vehicle_quota: Option<u64>,
    /// 车辆 实有数 as stated
    pub vehicles_stated: Option<u64>,
    /// Where the stated number of vehicles is written.
    #[serde(skip)]
    pub vehicles_stated_span: Span,
    /// vehicles by type
    pub vehicles: Vec<(String, u64)>,
    pub office_area: Option<rust_decimal::Decimal>,
    /// (label, count): 单价50万元以上设备 …
    pub equipment: Vec<(String, u64)>,
    pub planned_vehicles: Vec<(String, u64)>,
    pub planned_equipment: Vec<(String, u64)>,
    #[serde(skip)]
    pub span: Span,
}

#[derive(Debug, Clone, Serialize, Deserialize, Default)]
pub struct LastYear {
    /// (key, amount) as written: 收入总计, 三公经费, 公务接待费 …
    pub figures: Vec<(LastYearKey, Money)>,
    /// The reason for every change (`原因 "…"`).
    pub reason: Option<String>,
    /// Reasons by figure (`原因 { 三公经费 "…" }`), before the general one.
    #[serde(default)]
    pub reasons: Vec<(LastYearKey, String)>,
    /// `文件 "…"`: last year's file, as written (the span is the string's).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub file: Option<Named>,
    /// Last year's file once read and checked (see [`crate::files`]).
    #[serde(skip)]
    pub linked: Option<crate::files::FileId>,
    /// The keys of `figures` taken from last year's file (not written here).
    #[serde(skip)]
    pub from_file: Vec<LastYearKey>,
    /// Where each figure written here is.
    #[serde(skip)]
    pub spans: BTreeMap<LastYearKey, Span>,
    #[serde(skip)]
    pub span: Span,
}

impl LastYear {
    pub fn get(&self, key: LastYearKey) -> Option<Money> {
        self.figures
            .iter()
            .find(|(k, _)| *k == key)
            .map(|(_, m)| *m)
    }
    /// The reason given for the change of `key`: its own, else the general one.
    pub fn reason_for(&self, key: LastYearKey) -> Option<&str> {
        self.reasons
            .iter()
            .find(|(k, _)| *k == key)
            .map(|(_, r)| r.as_str())
            .or(self.reason.as_deref())
    }
}

/// Sums of cells by direction, source and year.
#[derive(Debug, Clone, Serialize, Deserialize, Default, PartialEq, Eq)]
pub struct Figures {
    pub total: Money,
    pub basic: Money,
    pub project: Money,
    /// 当年预算安排
    pub current: Money,
    /// 上年结转安排
    pub carryover: Money,
    /// 当年, by source
    pub current_by_source: BTreeMap<Source, Money>,
    /// 当年 基本支出 by source
    pub basic_by_source: BTreeMap<Source, Money>,
    /// 当年 项目支出 by source
    pub project_by_source: BTreeMap<Source, Money>,
    /// 上年结转 by source
    pub carryover_by_source: BTreeMap<Source, Money>,
    /// how many 项 cells were added
    pub parts: usize,
}

impl Figures {
    pub fn add(&mut self, c: &Cell) {
        self.total += c.amount;
        match c.direction {
            Direction::Basic => self.basic += c.amount,
            Direction::Project => self.project += c.amount,
        }
        if c.carryover {
            self.carryover += c.amount;
            *self.carryover_by_source.entry(c.source).or_default() += c.amount;
        } else {
            self.current += c.amount;
            *self.current_by_source.entry(c.source).or_default() += c.amount;
            let m = match c.direction {
                Direction::Basic => &mut self.basic_by_source,
                Direction::Project => &mut self.project_by_source,
            };
            *m.entry(c.source).or_default() += c.amount;
        }
        self.parts += 1;
    }
    pub fn merge(&mut self, o: &Figures) {
        self.total += o.total;
        self.basic += o.basic;
        self.project += o.project;
        self.current += o.current;
        self.carryover += o.carryover;
        for (dst, src) in [
            (&mut self.current_by_source, &o.current_by_source),
            (&mut self.basic_by_source, &o.basic_by_source),
            (&mut self.project_by_source, &o.project_by_source),
            (&mut self.carryover_by_source, &o.carryover_by_source),
        ] {
            for (k, v) in src {
                *dst.entry(*k).or_default() += *v;
            }
        }
        self.parts += o.parts;
    }
}

/// A node of the function-code tree (类, 款 or 项) with its sums.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct FunctionNode {
    pub code: String,
    pub name: String,
    pub level: CodeLevel,
    pub figures: Figures,
}

/// A consolidated 经济分类 row.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct EconomicNode {
    pub code: String,
    pub name: String,
    pub level: CodeLevel,
    pub government_code: Option<String>,
    pub government_name: Option<String>,
    pub personnel: Money,
    pub public: Money,
    pub total: Money,
}

#[derive(Debug, Clone, Serialize, Deserialize, Default)]
pub struct Derived {
    /// 本年收入 by source (all sources, zero when not written).
    pub income_by_source: BTreeMap<Source, Money>,
    pub income_current: Money,
    pub income_carryover: Money,
    pub income_total: Money,
    /// The function tree in code order: 类, then its 款, then their 项.
    pub functions: Vec<FunctionNode>,
    pub expenditure: Figures,
    pub expenditure_total: Money,
    /// The 基本支出 economic table, consolidated over units, in code order.
    pub economic: Vec<EconomicNode>,
    pub personnel: Money,
    pub public: Money,
    pub economic_total: Money,
    /// 三公 totals.
    pub three_public_total: Money,
    pub vehicle_total: Money,
    /// 机关运行经费 (stated or computed).
    pub admin_cost: Money,
    /// Per unit, when known.
    pub admin_cost_by_unit: Vec<(String, Money)>,
    pub projects_total: Money,
    pub procurement_total: Money,
    pub vehicles_total: u64,
}

impl Budget {
    /// The declared rounding step of a kind of figure, in 元 (`None`: exact).
    /// The unit a unit's own document (`文件类型 单位预算`) is published
    /// under: its first 单位 with a budget of its own (a unit merged into it,
    /// `单列预算 否`, is part of it).
    pub fn own_unit(&self) -> Option<&Unit> {
        self.units.iter().find(|u| !u.merged).or(self.units.first())
    }

    pub fn step(&self, kind: print::FigureKind) -> Option<Money> {
        match kind {
            print::FigureKind::Table => self.transcription_step,
            print::FigureKind::Summary => self.rounding.summary,
            print::FigureKind::Narrative => self.rounding.narrative,
        }
    }

    /// This year's figure for a key of the `上年` block (needs `derived`).
    pub fn this_year(&self, key: LastYearKey) -> Money {
        let d = &self.derived;
        let tp = &self.three_public;
        let fiscal = |list: &mut dyn Iterator<Item = (&Source, &Money)>| -> Money {
            list.filter(|(s, _)| s.is_fiscal()).map(|(_, m)| *m).sum()
        };
        let income = |src: Source| -> Money {
            let carry: Money = self
                .income
                .carryover
                .iter()
                .filter(|(s, _)| *s == src)
                .map(|(_, m)| *m)
                .sum();
            d.income_by_source.get(&src).copied().unwrap_or_default() + carry
        };
        match key {
            LastYearKey::IncomeTotal => d.income_total,
            LastYearKey::ExpenditureTotal => d.expenditure_total,
            LastYearKey::Fiscal => {
                fiscal(&mut d.income_by_source.iter())
                    + fiscal(&mut self.income.carryover.iter().map(|(s, m)| (s, m)))
            }
            LastYearKey::GeneralCurrent => d
                .expenditure
                .current_by_source
                .get(&Source::GeneralPublic)
                .copied()
                .unwrap_or_default(),
            LastYearKey::ThreePublic => d.three_public_total,
            LastYearKey::Abroad => tp.abroad.total(),
            LastYearKey::Reception => tp.reception.total(),
            LastYearKey::VehiclePurchase => tp.vehicle_purchase.total(),
            LastYearKey::VehicleRunning => tp.vehicle_running.total(),
            LastYearKey::Vehicle => d.vehicle_total,
            LastYearKey::AdminCost => d.admin_cost,
            LastYearKey::GovernmentFund => income(Source::GovernmentFund),
            LastYearKey::StateCapital => income(Source::StateCapital),
        }
    }

    /// Every total the author stated, in no particular order: the
    /// assertions the checker verifies (and an editor can fix).
    pub fn stated_totals(&self) -> Vec<Stated> {
        let mut v: Vec<Stated> = Vec::new();
        v.extend(self.income.stated_current_total);
        v.extend(self.income.stated_total);
        let e = &self.expenditure;
        v.extend(e.rows.iter().filter_map(|r| r.stated_total));
        v.extend(e.stated_current_total);
        v.extend(e.stated_basic_total);
        v.extend(e.stated_project_total);
        v.extend(e.stated_total);
        for blk in &self.economic {
            v.extend(blk.rows.iter().filter_map(|r| r.stated_total));
            v.extend(blk.stated_total);
            v.extend(blk.stated_personnel);
            v.extend(blk.stated_public);
        }
        v.extend(self.three_public.stated_vehicle_total);
        v.extend(self.three_public.stated_total);
        if !self.admin_cost.by_unit.is_empty() {
            v.extend(self.admin_cost.stated);
        }
        for p in &self.projects {
            if let Some(t) = &p.target {
                for f in [&t.funding_period, &t.funding_year].into_iter().flatten() {
                    v.extend(f.stated_total);
                }
            }
        }
        if let Some(p) = &self.procurement {
            v.extend(p.stated_total);
        }
        v
    }
}
