//! The language's vocabulary, declared once: every place a statement can be
//! written (the top level and each block), and at each place every key — its
//! Chinese keyword and the variants an author may write, the kind of value it
//! takes, whether it may be written more than once, whether it is required,
//! and a one-line doc in Chinese and English.
//!
//! Lowering (src/check/lower/) asks the schema which keys a place allows
//! (an unknown key is L005 with the place's keys as did-you-mean) and what a
//! variant's canonical key is (a key written twice, in any of its spellings,
//! is L007); editor completion offers the schema's keys with their docs;
//! hover shows a keyword's doc; tests/schema.rs writes, for every key, its
//! example at its place with an unknown sibling and twice, and asserts the
//! diagnostics, and that docs/LANGUAGE.md documents every key.

use crate::diagnostic::Text;

/// Where a statement is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Place {
    Top,
    Unit,
    Income,
    Expenditure,
    Economic,
    ThreePublic,
    Project,
    Funding,
    Target,
    DepartmentPerformance,
    Summary,
    Procurement,
    Assets,
    PurchasePlan,
    LastYear,
    LastYearReasons,
    Print,
    PrintTable,
    Rounding,
}

/// What a key takes after it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ValueKind {
    /// A four-digit year.
    Year,
    /// A text (quoted, or a word without spaces).
    Text,
    /// One of the words listed.
    Choice(&'static [&'static str]),
    /// An amount, with or without its unit (`12.50`, `12.50万元`, `125,000元`).
    Amount,
    /// A whole number.
    Count,
    /// An area in 平方米.
    Area,
    /// A block of statements of another place.
    Block(Place),
    /// A block of `KEY "text"` pairs of the author's own keys.
    Pairs,
    /// A block of claims, one a line: a fact's name, then its printed figures.
    Claims,
    /// A block whose keys the author names (units, vehicle kinds, wording
    /// choices of the profile) each with a value.
    Named,
}

/// One key of a place.
#[derive(Debug, Clone, Copy)]
pub struct Key {
    pub place: Place,
    /// The keyword as the documentation and completion write it.
    pub word: &'static str,
    /// Other spellings lowering accepts for the same key.
    pub variants: &'static [&'static str],
    pub value: ValueKind,
    /// May be written more than once at its place (else L007).
    pub many: bool,
    /// Must be written (else L008 / a missing-fact diagnostic).
    pub required: bool,
    /// Any keyword ending in `word` is this key (`单价50万元以上设备` is a
    /// 设备 of its own label).
    pub suffix: bool,
    pub zh: &'static str,
    pub en: &'static str,
    /// A statement that is valid at its place (tests write it there).
    pub example: &'static str,
}

const fn key(
    place: Place,
    word: &'static str,
    value: ValueKind,
    zh: &'static str,
    en: &'static str,
    example: &'static str,
) -> Key {
    Key {
        place,
        word,
        variants: &[],
        value,
        many: false,
        required: false,
        suffix: false,
        zh,
        en,
        example,
    }
}

impl Key {
    const fn or(mut self, variants: &'static [&'static str]) -> Key {
        self.variants = variants;
        self
    }
    const fn many(mut self) -> Key {
        self.many = true;
        self
    }
    const fn suffix(mut self) -> Key {
        self.suffix = true;
        self
    }
    const fn required(mut self) -> Key {
        self.required = true;
        self
    }
    /// The word or one of its variants.
    pub fn matches(&self, word: &str) -> bool {
        self.word == word
            || self.variants.contains(&word)
            || (self.suffix && word.ends_with(self.word))
    }
    pub fn doc(&self) -> Text {
        Text::new(self.zh, self.en)
    }
}

/// A place: how diagnostics name it, and (for tests and docs) how a
/// statement is put there: `{}` in `wrap` is where it goes.
#[derive(Debug, Clone, Copy)]
pub struct PlaceInfo {
    pub place: Place,
    pub zh: &'static str,
    pub en: &'static str,
    pub wrap: &'static str,
}

pub const PLACES: &[PlaceInfo] = &[
    PlaceInfo { place: Place::Top, zh: "文件顶层", en: "the top level", wrap: "{}" },
    PlaceInfo { place: Place::Unit, zh: "单位", en: "a unit", wrap: "单位 \"乙\" {\n  {}\n}" },
    PlaceInfo { place: Place::Income, zh: "收入", en: "收入 (income)", wrap: "收入 {\n  {}\n}" },
    PlaceInfo { place: Place::Expenditure, zh: "支出", en: "支出 (expenditure)", wrap: "支出 {\n  {}\n}" },
    PlaceInfo { place: Place::Economic, zh: "基本支出", en: "基本支出", wrap: "基本支出 {\n  {}\n}" },
    PlaceInfo { place: Place::ThreePublic, zh: "三公经费", en: "三公经费", wrap: "三公经费 {\n  {}\n}" },
    PlaceInfo { place: Place::Project, zh: "项目", en: "a project", wrap: "项目 \"甲项目\" {\n  {}\n}" },
    PlaceInfo { place: Place::Funding, zh: "项目资金", en: "project funding", wrap: "项目 \"甲项目\" {\n  绩效目标 {\n    年度资金 {\n      {}\n    }\n  }\n}" },
    PlaceInfo { place: Place::Target, zh: "绩效目标", en: "绩效目标", wrap: "项目 \"甲项目\" {\n  绩效目标 {\n    {}\n  }\n}" },
    PlaceInfo { place: Place::DepartmentPerformance, zh: "整体绩效", en: "整体绩效", wrap: "整体绩效 {\n  {}\n}" },
    PlaceInfo { place: Place::Summary, zh: "绩效概况", en: "绩效概况", wrap: "绩效概况 {\n  {}\n}" },
    PlaceInfo { place: Place::Procurement, zh: "政府采购", en: "政府采购", wrap: "政府采购 {\n  {}\n}" },
    PlaceInfo { place: Place::Assets, zh: "国有资产", en: "国有资产", wrap: "国有资产 {\n  {}\n}" },
    PlaceInfo { place: Place::PurchasePlan, zh: "购置计划", en: "购置计划", wrap: "国有资产 {\n  购置计划 {\n    {}\n  }\n}" },
    PlaceInfo { place: Place::LastYear, zh: "上年", en: "上年", wrap: "上年 {\n  {}\n}" },
    PlaceInfo { place: Place::LastYearReasons, zh: "上年 原因", en: "上年 原因", wrap: "上年 {\n  收入总计 10\n  支出总计 10\n  财政拨款 10\n  一般公共预算当年支出 10\n  三公经费 1\n  因公出国（境）费 1\n  公务接待费 1\n  公务用车购置费 1\n  公务用车运行维护费 1\n  公务用车购置及运行费 1\n  机关运行经费 1\n  政府性基金 1\n  国有资本经营 1\n  原因 {\n    {}\n  }\n}" },
    PlaceInfo { place: Place::Print, zh: "排版", en: "排版", wrap: "排版 {\n  {}\n}" },
    PlaceInfo { place: Place::PrintTable, zh: "表的排版", en: "a table's 排版", wrap: "排版 {\n  表 9 {\n    {}\n  }\n}" },
    PlaceInfo { place: Place::Rounding, zh: "舍入", en: "舍入", wrap: "舍入 {\n  {}\n}" },
];

use Place as P;
use ValueKind as V;

const UNIT_KINDS: &[&str] = &["行政", "参公", "事业", "未写明"];
const YES_NO: &[&str] = &["是", "否"];

/// Every key of the language, by place, in the order the documentation
/// lists them.
pub const KEYS: &[Key] = &[
    // the top level
    key(P::Top, "年度", V::Year, "预算年度", "the budget year", "年度 2024").required(),
    key(P::Top, "部门", V::Text, "部门名称", "the department's name", "部门 \"甲\"").required(),
    key(P::Top, "部门编码", V::Text, "部门编码", "the department's code", "部门编码 \"101001\""),
    key(P::Top, "口径", V::Text, "编制口径（省份的文件样式）：山西县级、上海区级", "the profile (a province's layout): 山西县级, 上海区级", "口径 山西县级").required(),
    key(P::Top, "文件类型", V::Choice(&["部门预算", "单位预算"]), "部门的文件（部门预算）或预算单位自己的文件（单位预算）", "the department's document (部门预算) or a unit's own (单位预算)", "文件类型 部门预算"),
    key(P::Top, "金额单位", V::Choice(&["万元", "元"]), "表格金额的单位", "the unit of the tables' amounts", "金额单位 万元").required(),
    key(P::Top, "转录精度", V::Amount, "转录的表格数字的舍入步长（如 0.01）", "the rounding step of the transcribed tables' figures", "转录精度 0.01"),
    key(P::Top, "职责", V::Text, "部门主要职能", "the department's duties", "职责 \"负责……\""),
    key(P::Top, "机构设置", V::Text, "机构设置情况", "the organisation", "机构设置 \"本部门……\""),
    key(P::Top, "名词解释", V::Pairs, "名词解释：术语 \"解释\"", "the glossary: term \"explanation\"", "名词解释 {\n  财政拨款收入 \"指……\"\n}"),
    key(P::Top, "其他说明", V::Pairs, "其他说明：标题 \"文字\"", "other notes: heading \"text\"", "其他说明 {\n  其他 \"无\"\n}"),
    key(P::Top, "声明", V::Claims, "审核的说法：一行一句，事实的名称和印出的数字（可冠以 表N）；按事实核对，不生成", "claims for review: one a line, a fact's name and its printed figures (optionally led by 表N); checked against the facts, not rendered", "声明 {\n  公开项目绩效目标 4个 1,017.00万元 占项目支出 78.23%\n}"),
    key(P::Top, "原文", V::Pairs, "公开文件的原文（供审核，不生成）：位置 \"文字\"", "a published document's narrative as printed (for review, not rendered)", "原文 {\n  \"第1页\" \"本部门……\"\n}"),
    key(P::Top, "单位", V::Block(P::Unit), "预算单位及其类型", "a budget unit and its kind", "单位 \"丙\" { 类型 行政 }").many(),
    key(P::Top, "收入", V::Block(P::Income), "收入：各资金来源", "income by source", "收入 {\n  一般公共预算 10\n}"),
    key(P::Top, "支出", V::Block(P::Expenditure), "支出（功能分类，类/款/项，基本/项目）", "expenditure by function (类/款/项, 基本/项目)", "支出 {\n  2010101 合计 10 基本 10\n}"),
    key(P::Top, "基本支出", V::Block(P::Economic), "基本支出（经济分类）", "基本支出 by economic classification", "基本支出 {\n  30101 人员 10\n}").many(),
    key(P::Top, "三公经费", V::Block(P::ThreePublic), "“三公”经费", "the 三公 expenses", "三公经费 {\n  公务接待费 1\n}"),
    key(P::Top, "机关运行经费", V::Named, "机关运行经费（合计，或按单位）", "running costs of the administration (a total, or by unit)", "机关运行经费 10"),
    key(P::Top, "项目", V::Block(P::Project), "一个项目", "a project", "项目 \"乙项目\" {\n  金额 10\n}").many(),
    key(P::Top, "整体绩效", V::Block(P::DepartmentPerformance), "部门整体绩效目标", "the department's performance targets", "整体绩效 {\n  年度目标 \"……\"\n}"),
    key(P::Top, "绩效概况", V::Block(P::Summary), "绩效目标概况（不逐个列项目时）", "a summary of the projects' performance targets", "绩效概况 {\n  项目数 2\n}"),
    key(P::Top, "政府采购", V::Block(P::Procurement), "政府采购预算", "government procurement", "政府采购 {\n  货物 1\n}"),
    key(P::Top, "国有资产", V::Block(P::Assets), "国有资产占有使用情况", "state assets", "国有资产 {\n  截至 \"2024年1月1日\"\n}"),
    key(P::Top, "上年", V::Block(P::LastYear), "上年数及变动原因", "last year's figures and the reasons for the changes", "上年 {\n  收入总计 10\n}"),
    key(P::Top, "其余项目", V::Amount, "未逐个列出的项目合计", "the projects not listed one by one, as a total", "其余项目 10"),
    key(P::Top, "排版", V::Block(P::Print), "表格的排版（覆盖口径的约定）", "the tables' print conventions (over the profile's)", "排版 {\n  小数位 2\n}"),
    key(P::Top, "舍入", V::Block(P::Rounding), "三公表与说明中数字的舍入", "the declared rounding of the 三公 table's and the narrative's figures", "舍入 {\n  说明 0.01万元\n}"),
    // 单位
    key(P::Unit, "类型", V::Choice(UNIT_KINDS), "单位类型：行政、参公、事业（公开文件未写明时：未写明）", "the unit's kind: 行政, 参公, 事业 (未写明 when a published document does not say)", "类型 事业"),
    key(P::Unit, "编码", V::Text, "单位编码", "the unit's code", "编码 \"101001\""),
    key(P::Unit, "单列预算", V::Choice(YES_NO), "是否单列预算（否：并入本部）", "whether the unit has a budget of its own (否: merged)", "单列预算 否"),
    key(P::Unit, "文件", V::Text, "单位自己的文件（单位预算，相对于本文件所在的文件夹）：检查它，部门 = Σ 单位", "the unit's own document (relative to this file's folder): checked, and 部门 = Σ 单位", "文件 \"units/乙.budget\""),
    // 收入
    key(P::Income, "一般公共预算", V::Amount, "一般公共预算财政拨款收入", "general public budget appropriations", "一般公共预算 10").or(&["一般公共预算资金", "一般公共预算拨款", "一般公共预算拨款收入"]),
    key(P::Income, "政府性基金预算", V::Amount, "政府性基金预算财政拨款收入", "government fund appropriations", "政府性基金预算 1").or(&["政府性基金", "政府性基金预算资金", "政府性基金预算拨款"]),
    key(P::Income, "国有资本经营预算", V::Amount, "国有资本经营预算财政拨款收入", "state capital operation appropriations", "国有资本经营预算 1").or(&["国有资本经营预算资金", "国有资本经营预算拨款"]),
    key(P::Income, "财政专户管理资金", V::Amount, "财政专户管理资金收入", "special fiscal account funds", "财政专户管理资金 1").or(&["专户管理资金"]),
    key(P::Income, "单位资金", V::Amount, "单位资金收入", "unit funds", "单位资金 1"),
    key(P::Income, "事业收入", V::Amount, "事业收入", "business income", "事业收入 1"),
    key(P::Income, "事业单位经营收入", V::Amount, "事业单位经营收入", "operating income of public institutions", "事业单位经营收入 1"),
    key(P::Income, "其他收入", V::Amount, "其他收入", "other income", "其他收入 1"),
    key(P::Income, "上年结转", V::Amount, "上年结转（可注明来源：上年结转 政府性基金预算 3）", "carried over from last year (optionally by source)", "上年结转 0").many(),
    key(P::Income, "本年收入合计", V::Amount, "本年收入合计（印出的合计，校验）", "the printed current-year income total (checked)", "本年收入合计 10").or(&["本年收入"]),
    key(P::Income, "财政拨款收入", V::Amount, "财政拨款收入（印出的，三种预算拨款之和，校验）", "the printed appropriations (the three budgets; checked)", "财政拨款收入 0").or(&["财政拨款"]),
    key(P::Income, "收入总计", V::Amount, "收入总计（印出的总计，校验）", "the printed income total (checked)", "收入总计 10").or(&["合计"]),
    // 支出
    key(P::Expenditure, "本年支出合计", V::Amount, "本年支出合计（印出的合计，校验）", "the printed current-year expenditure total (checked)", "本年支出合计 10").or(&["本年支出"]),
    key(P::Expenditure, "基本支出合计", V::Amount, "基本支出合计（印出的合计，校验）", "the printed 基本支出 total (checked)", "基本支出合计 10").or(&["基本支出"]),
    key(P::Expenditure, "项目支出合计", V::Amount, "项目支出合计（印出的合计，校验）", "the printed 项目支出 total (checked)", "项目支出合计 0").or(&["项目支出"]),
    key(P::Expenditure, "年终结转", V::Amount, "年终结转结余", "carried over at year end", "年终结转 0"),
    key(P::Expenditure, "支出总计", V::Amount, "支出总计（印出的总计，校验）", "the printed expenditure total (checked)", "支出总计 10").or(&["合计"]),
    // 基本支出
    key(P::Economic, "合计", V::Amount, "基本支出合计（印出的，校验）", "the printed total (checked)", "合计 10"),
    key(P::Economic, "人员经费合计", V::Amount, "人员经费合计（印出的，校验）", "the printed personnel total (checked)", "人员经费合计 10").or(&["人员经费"]),
    key(P::Economic, "公用经费合计", V::Amount, "公用经费合计（印出的，校验）", "the printed public-use total (checked)", "公用经费合计 0").or(&["公用经费"]),
    key(P::Economic, "人员经费列举", V::Text, "说明列举的人员经费各款，按印出的顺序", "the personnel 款 items the narrative names, in its order", "人员经费列举 基本工资 津贴补贴"),
    key(P::Economic, "公用经费列举", V::Text, "说明列举的公用经费各款，按印出的顺序", "the public-use 款 items the narrative names, in its order", "公用经费列举 办公费 邮电费"),
    // 三公经费
    key(P::ThreePublic, "因公出国（境）费", V::Amount, "因公出国（境）费", "official travel abroad", "因公出国（境）费 0").or(&["因公出国(境)费", "因公出国（境）费用", "因公出国(境)费用"]),
    key(P::ThreePublic, "公务接待费", V::Amount, "公务接待费", "official reception", "公务接待费 1"),
    key(P::ThreePublic, "公务用车购置费", V::Amount, "公务用车购置费", "official vehicle purchase", "公务用车购置费 0").or(&["购置费"]),
    key(P::ThreePublic, "公务用车运行维护费", V::Amount, "公务用车运行维护费", "official vehicle running costs", "公务用车运行维护费 0").or(&["运行维护费", "公务用车运行费", "运行费"]),
    key(P::ThreePublic, "公务用车购置及运行费", V::Amount, "公务用车购置及运行费（印出的小计，校验）", "the printed vehicle subtotal (checked)", "公务用车购置及运行费 0").or(&["公务用车购置及运行维护费"]),
    key(P::ThreePublic, "合计", V::Amount, "“三公”经费合计（印出的，校验）", "the printed 三公 total (checked)", "合计 1"),
    // 项目
    key(P::Project, "单位", V::Text, "项目所属单位", "the unit the project belongs to", "单位 \"甲\""),
    key(P::Project, "类别", V::Text, "项目类别", "the project's category", "类别 特定目标类"),
    key(P::Project, "功能", V::Text, "项目的功能分类科目", "the project's function code", "功能 2010101").or(&["功能科目"]),
    key(P::Project, "金额", V::Amount, "项目金额", "the project's amount", "金额 10"),
    key(P::Project, "一般公共预算", V::Amount, "其中一般公共预算", "of which general public budget", "一般公共预算 10").or(&["一般公共预算资金", "一般公共预算拨款", "一般公共预算拨款收入"]),
    key(P::Project, "政府性基金预算", V::Amount, "其中政府性基金预算", "of which government fund", "政府性基金预算 0").or(&["政府性基金", "政府性基金预算资金", "政府性基金预算拨款"]),
    key(P::Project, "国有资本经营预算", V::Amount, "其中国有资本经营预算", "of which state capital operation", "国有资本经营预算 0").or(&["国有资本经营预算资金", "国有资本经营预算拨款"]),
    key(P::Project, "财政专户管理资金", V::Amount, "其中财政专户管理资金", "of which special account funds", "财政专户管理资金 0").or(&["专户管理资金"]),
    key(P::Project, "单位资金", V::Amount, "其中单位资金", "of which unit funds", "单位资金 0"),
    key(P::Project, "事业收入", V::Amount, "其中事业收入", "of which business income", "事业收入 0"),
    key(P::Project, "事业单位经营收入", V::Amount, "其中事业单位经营收入", "of which operating income", "事业单位经营收入 0"),
    key(P::Project, "其他收入", V::Amount, "其中其他收入", "of which other income", "其他收入 0"),
    key(P::Project, "上年结转", V::Amount, "其中上年结转（可注明来源）", "of which carried over (optionally by source)", "上年结转 0").many(),
    key(P::Project, "绩效公开", V::Choice(&["是", "否", "公开", "不公开"]), "绩效目标是否公开", "whether the project's targets are published", "绩效公开 是"),
    key(P::Project, "绩效目标", V::Block(P::Target), "项目绩效目标申报表", "the project's performance target form", "绩效目标 {\n  年度目标 \"……\"\n}"),
    // 项目资金 (实施期资金 / 年度资金)
    key(P::Funding, "中央", V::Amount, "中央财政资金", "central funds", "中央 0").or(&["中央财政资金"]),
    key(P::Funding, "省级", V::Amount, "省级财政资金", "provincial funds", "省级 0").or(&["省级财政资金"]),
    key(P::Funding, "市县", V::Amount, "市县（区）财政资金", "municipal/county funds", "市县 10").or(&["市县(区)财政资金", "市县（区）财政资金", "市县财政资金"]),
    key(P::Funding, "自筹", V::Amount, "单位自筹", "own funds", "自筹 0").or(&["单位自筹"]),
    key(P::Funding, "其他", V::Amount, "其他资金", "other funds", "其他 0").or(&["其他资金"]),
    key(P::Funding, "合计", V::Amount, "资金总额（印出的，校验）", "the printed total (checked)", "合计 10").or(&["资金总额"]),
    // 绩效目标
    key(P::Target, "项目属性", V::Text, "项目属性", "the project's nature", "项目属性 \"经常性项目\""),
    key(P::Target, "项目期", V::Text, "项目期", "the project's period", "项目期 \"1年\""),
    key(P::Target, "实施期资金", V::Block(P::Funding), "实施期资金总额及来源", "funds over the whole period, by source", "实施期资金 {\n  市县 10\n}"),
    key(P::Target, "年度资金", V::Block(P::Funding), "年度资金总额及来源", "this year's funds, by source", "年度资金 {\n  市县 10\n}"),
    key(P::Target, "概况", V::Text, "项目概况", "the project's outline", "概况 \"……\"").or(&["项目概况"]),
    key(P::Target, "立项依据", V::Text, "立项依据", "the basis of the project", "立项依据 \"……\""),
    key(P::Target, "必要性", V::Text, "项目设立必要性", "why the project is needed", "必要性 \"……\"").or(&["项目设立必要性"]),
    key(P::Target, "保证措施", V::Text, "保证项目实施的制度、措施", "the measures that secure it", "保证措施 \"……\""),
    key(P::Target, "实施计划", V::Text, "项目实施计划", "the implementation plan", "实施计划 \"……\"").or(&["项目实施计划"]),
    key(P::Target, "实施期目标", V::Text, "实施期总体目标", "the targets of the whole period", "实施期目标 \"……\"").or(&["总体目标"]),
    key(P::Target, "年度目标", V::Text, "年度绩效目标", "this year's targets", "年度目标 \"……\""),
    key(P::Target, "绩效指标", V::Named, "绩效指标（实施期或年度）：一级/二级/三级指标", "indicators (of the period, or 年度): levels 1–3", "绩效指标 年度 {\n  产出指标 {\n    数量指标 {\n      \"培训人次\" \">=100人次\"\n    }\n  }\n}"),
    key(P::Target, "填报日期", V::Text, "填报日期", "the date of the form", "填报日期 \"2024年1月1日\""),
    // 整体绩效
    key(P::DepartmentPerformance, "内设职能部门数", V::Count, "内设职能部门数", "internal divisions", "内设职能部门数 3"),
    key(P::DepartmentPerformance, "所属预算单位数", V::Count, "所属预算单位数", "budget units", "所属预算单位数 1"),
    key(P::DepartmentPerformance, "核定编制", V::Count, "核定编制", "approved posts", "核定编制 10"),
    key(P::DepartmentPerformance, "在职人员", V::Count, "在职人员", "staff in post", "在职人员 10"),
    key(P::DepartmentPerformance, "在编人员", V::Count, "在编人员", "staff on the establishment", "在编人员 9"),
    key(P::DepartmentPerformance, "其他人员", V::Count, "其他人员", "other staff", "其他人员 1"),
    key(P::DepartmentPerformance, "部门职责", V::Text, "部门职责", "the department's duties", "部门职责 \"……\""),
    key(P::DepartmentPerformance, "战略目标", V::Text, "战略目标", "strategic goals", "战略目标 \"……\""),
    key(P::DepartmentPerformance, "核心职能", V::Text, "核心职能", "core functions", "核心职能 \"……\""),
    key(P::DepartmentPerformance, "重点任务", V::Text, "重点任务", "key tasks", "重点任务 \"……\""),
    key(P::DepartmentPerformance, "年度目标", V::Text, "年度目标", "this year's targets", "年度目标 \"……\""),
    key(P::DepartmentPerformance, "绩效指标", V::Named, "整体绩效指标：一级/二级/三级指标", "indicators: levels 1–3", "绩效指标 {\n  产出指标 {\n    数量指标 {\n      \"培训人次\" \">=100人次\"\n    }\n  }\n}"),
    // 绩效概况
    key(P::Summary, "单位数", V::Count, "开展绩效目标编制的预算单位数", "units that set performance targets", "单位数 2"),
    key(P::Summary, "项目数", V::Count, "编制绩效目标的项目数", "projects with performance targets", "项目数 2"),
    key(P::Summary, "金额", V::Amount, "这些项目的金额", "the amount of those projects", "金额 10"),
    // 政府采购
    key(P::Procurement, "货物", V::Amount, "货物类采购", "goods", "货物 1"),
    key(P::Procurement, "工程", V::Amount, "工程类采购", "works", "工程 0"),
    key(P::Procurement, "服务", V::Amount, "服务类采购", "services", "服务 1"),
    key(P::Procurement, "合计", V::Amount, "政府采购合计（印出的，校验）", "the printed total (checked)", "合计 2").or(&["总额"]),
    key(P::Procurement, "中小企业预留", V::Amount, "预留给中小企业的金额", "reserved for small and medium firms", "中小企业预留 0"),
    key(P::Procurement, "小微企业预留", V::Amount, "预留给小微企业的金额", "reserved for small and micro firms", "小微企业预留 0"),
    // 国有资产
    key(P::Assets, "截至", V::Text, "数据截至日期", "the date the figures are as of", "截至 \"2024年1月1日\""),
    key(P::Assets, "车辆", V::Named, "车辆：编制、实有，及按类别的数量", "vehicles: quota, in use, by kind", "车辆 {\n  实有 0\n}"),
    key(P::Assets, "办公用房", V::Area, "办公用房面积（平方米）", "office space (m²)", "办公用房 220.22平方米").or(&["房屋"]),
    key(P::Assets, "设备", V::Named, "设备 \"印出的名称\" 数量（或以“设备”结尾的键）", "equipment: \"label as printed\" count (or a key ending in 设备)", "设备 \"单价100万元（含）以上设备（不含车辆）\" 0").many().suffix(),
    key(P::Assets, "购置计划", V::Block(P::PurchasePlan), "购置计划：车辆与设备", "the purchase plan: vehicles and equipment", "购置计划 {\n  车辆 {\n    其他用车 1\n  }\n}"),
    // 购置计划
    key(P::PurchasePlan, "车辆", V::Named, "计划购置的车辆，按类别", "vehicles to buy, by kind", "车辆 {\n  其他用车 1\n}"),
    key(P::PurchasePlan, "设备", V::Named, "计划购置的设备 \"名称\" 数量", "equipment to buy: \"label\" count", "设备 \"单价100万元（含）以上设备（不含车辆）\" 0").many().suffix(),
    // 上年
    key(P::LastYear, "收入总计", V::Amount, "上年收入总计", "last year's income total", "收入总计 10"),
    key(P::LastYear, "支出总计", V::Amount, "上年支出总计", "last year's expenditure total", "支出总计 10"),
    key(P::LastYear, "财政拨款", V::Amount, "上年财政拨款", "last year's appropriations", "财政拨款 10"),
    key(P::LastYear, "一般公共预算当年支出", V::Amount, "上年一般公共预算当年支出", "last year's general public budget spending", "一般公共预算当年支出 10"),
    key(P::LastYear, "三公经费", V::Amount, "上年“三公”经费", "last year's 三公 total", "三公经费 1"),
    key(P::LastYear, "因公出国（境）费", V::Amount, "上年因公出国（境）费", "last year's travel abroad", "因公出国（境）费 0"),
    key(P::LastYear, "公务接待费", V::Amount, "上年公务接待费", "last year's reception", "公务接待费 1"),
    key(P::LastYear, "公务用车购置费", V::Amount, "上年公务用车购置费", "last year's vehicle purchase", "公务用车购置费 0"),
    key(P::LastYear, "公务用车运行维护费", V::Amount, "上年公务用车运行维护费", "last year's vehicle running costs", "公务用车运行维护费 0"),
    key(P::LastYear, "公务用车购置及运行费", V::Amount, "上年公务用车购置及运行费", "last year's vehicle subtotal", "公务用车购置及运行费 0"),
    key(P::LastYear, "机关运行经费", V::Amount, "上年机关运行经费", "last year's running costs", "机关运行经费 10"),
    key(P::LastYear, "政府性基金", V::Amount, "上年政府性基金拨款", "last year's government fund", "政府性基金 0"),
    key(P::LastYear, "国有资本经营", V::Amount, "上年国有资本经营拨款", "last year's state capital operation", "国有资本经营 0"),
    key(P::LastYear, "文件", V::Text, "上年的文件（相对于本文件所在的文件夹）：上年数取自它，这里写的是对它的声明", "last year's file (relative to this file's folder): the 上年 figures come from it, those written here are claims about it", "文件 \"../2024/部门.budget\""),
    key(P::LastYear, "原因", V::Text, "变动的原因（全部，或 原因 { 键 \"……\" } 按数字）", "the reason for the changes (all, or by figure)", "原因 \"项目调整\""),
    // 上年 原因 { … }
    key(P::LastYearReasons, "收入总计", V::Text, "收入总计变动的原因", "why the income total changed", "收入总计 \"……\""),
    key(P::LastYearReasons, "支出总计", V::Text, "支出总计变动的原因", "why the expenditure total changed", "支出总计 \"……\""),
    key(P::LastYearReasons, "财政拨款", V::Text, "财政拨款变动的原因", "why appropriations changed", "财政拨款 \"……\""),
    key(P::LastYearReasons, "一般公共预算当年支出", V::Text, "一般公共预算当年支出变动的原因", "why general public spending changed", "一般公共预算当年支出 \"……\""),
    key(P::LastYearReasons, "三公经费", V::Text, "“三公”经费变动的原因", "why the 三公 total changed", "三公经费 \"……\""),
    key(P::LastYearReasons, "因公出国（境）费", V::Text, "因公出国（境）费变动的原因", "why travel abroad changed", "因公出国（境）费 \"……\""),
    key(P::LastYearReasons, "公务接待费", V::Text, "公务接待费变动的原因", "why reception changed", "公务接待费 \"……\""),
    key(P::LastYearReasons, "公务用车购置费", V::Text, "公务用车购置费变动的原因", "why vehicle purchase changed", "公务用车购置费 \"……\""),
    key(P::LastYearReasons, "公务用车运行维护费", V::Text, "公务用车运行维护费变动的原因", "why vehicle running costs changed", "公务用车运行维护费 \"……\""),
    key(P::LastYearReasons, "公务用车购置及运行费", V::Text, "公务用车购置及运行费变动的原因", "why the vehicle subtotal changed", "公务用车购置及运行费 \"……\""),
    key(P::LastYearReasons, "机关运行经费", V::Text, "机关运行经费变动的原因", "why running costs changed", "机关运行经费 \"……\""),
    key(P::LastYearReasons, "政府性基金", V::Text, "政府性基金变动的原因", "why the government fund changed", "政府性基金 \"……\""),
    key(P::LastYearReasons, "国有资本经营", V::Text, "国有资本经营变动的原因", "why state capital operation changed", "国有资本经营 \"……\""),
    // 排版
    key(P::Print, "小数位", V::Count, "金额的小数位数", "decimals of the amounts", "小数位 2"),
    key(P::Print, "千分位", V::Text, "千分位分隔符：有、无，或所用的字符", "the thousands separator: 有, 无, or the text", "千分位 无"),
    key(P::Print, "零值", V::Text, "零金额的印法：\"\"、\"0\"、\"0.00\"、\"-\"", "how a zero amount prints", "零值 \"\""),
    key(P::Print, "空表零值", V::Text, "空表（合计行）中零的印法", "how a zero prints in a table with no data", "空表零值 \"\""),
    key(P::Print, "去尾零", V::Choice(YES_NO), "去掉小数末尾的零（25 代替 25.00）", "drop trailing zeros (25 for 25.00)", "去尾零 否"),
    key(P::Print, "括号", V::Choice(&["半角", "全角", "原样"]), "行名中的括号：半角、全角、原样", "brackets in row labels", "括号 半角"),
    key(P::Print, "空表说明", V::Text, "空表所附的说明", "the note of a table with no data", "空表说明 \"注：本表无数据\""),
    key(P::Print, "表", V::Block(P::PrintTable), "某一张表的排版：表 9 { … }", "one table's conventions: 表 9 { … }", "表 1 {\n  小数位 2\n}").many(),
    key(P::Print, "措辞", V::Named, "口径提供的措辞选择：措辞 { 科目 是 }", "the profile's wording choices", "措辞 {\n}"),
    // 表 N { … }
    key(P::PrintTable, "标题", V::Text, "表的标题（可用 {{ year }}）", "the table's title", "标题 \"三公经费表\""),
    key(P::PrintTable, "小数位", V::Count, "金额的小数位数", "decimals of the amounts", "小数位 2"),
    key(P::PrintTable, "千分位", V::Text, "千分位分隔符", "the thousands separator", "千分位 无"),
    key(P::PrintTable, "零值", V::Text, "零金额的印法", "how a zero amount prints", "零值 \"0\""),
    key(P::PrintTable, "空表零值", V::Text, "空表中零的印法", "how a zero prints in a table with no data", "空表零值 \"\""),
    key(P::PrintTable, "去尾零", V::Choice(YES_NO), "去掉小数末尾的零", "drop trailing zeros", "去尾零 否"),
    key(P::PrintTable, "括号", V::Choice(&["半角", "全角", "原样"]), "行名中的括号", "brackets in row labels", "括号 全角"),
    key(P::PrintTable, "空表说明", V::Text, "空表所附的说明", "the note of a table with no data", "空表说明 \"注：本表无数据\""),
    // 舍入
    key(P::Rounding, "三公表", V::Amount, "三公与机关运行经费数字的舍入（如 0.01万元）", "the rounding of the 三公 and running-cost figures", "三公表 0.01万元"),
    key(P::Rounding, "说明", V::Amount, "说明中数字的舍入（如 0.01万元）", "the rounding of the narrative's figures", "说明 0.01万元"),
];

/// The keys of a place, in order.
pub fn keys(place: Place) -> impl Iterator<Item = &'static Key> {
    // indexed once: lowering asks for every statement it reads
    static BY_PLACE: std::sync::OnceLock<Vec<(Place, Vec<&'static Key>)>> =
        std::sync::OnceLock::new();
    let index = BY_PLACE.get_or_init(|| {
        let mut index: Vec<(Place, Vec<&'static Key>)> = Vec::new();
        for k in KEYS {
            match index.iter_mut().find(|(p, _)| *p == k.place) {
                Some((_, keys)) => keys.push(k),
                None => index.push((k.place, vec![k])),
            }
        }
        index
    });
    index
        .iter()
        .find(|(p, _)| *p == place)
        .map(|(_, keys)| keys.as_slice())
        .unwrap_or_default()
        .iter()
        .copied()
}

/// The keywords of a place (for did-you-mean and completion).
pub fn words(place: Place) -> Vec<&'static str> {
    keys(place).map(|k| k.word).collect()
}

/// The key a word (or one of its variants) is at a place.
pub fn find(place: Place, word: &str) -> Option<&'static Key> {
    keys(place).find(|k| k.matches(word))
}

/// The place a key's block holds (`三公经费 { … }` holds the 三公 keys).
pub fn block_of(key: &Key) -> Option<Place> {
    match key.value {
        ValueKind::Block(p) => Some(p),
        _ => None,
    }
}

/// The place of the block `word { … }` written inside the block `parent`
/// (`None`: at the top level): `绩效目标` inside `项目` is [`Place::Target`].
pub fn block_place(word: &str, parent: Option<&str>) -> Option<Place> {
    let outer = match parent {
        None => Some(Place::Top),
        Some(p) => KEYS.iter().filter(|k| k.matches(p)).find_map(block_of),
    };
    KEYS.iter()
        .filter(|k| k.matches(word) && Some(k.place) == outer)
        .find_map(block_of)
}

pub fn info(place: Place) -> &'static PlaceInfo {
    PLACES
        .iter()
        .find(|p| p.place == place)
        .unwrap_or(&PLACES[0])
}

/// How diagnostics name a place.
pub fn label(place: Place) -> Text {
    let i = info(place);
    Text::new(i.zh, i.en)
}

/// The keys of every place as Markdown tables: the reference appendix of
/// docs/LANGUAGE.md is this text (tests/schema.rs keeps them equal).
pub fn markdown() -> String {
    let mut out = String::new();
    for p in PLACES {
        out.push_str(&format!("\n### {} ({})\n\n", p.zh, p.en));
        out.push_str("| key | also written | takes | repeat | meaning |\n|---|---|---|---|---|\n");
        for k in keys(p.place) {
            let value = match k.value {
                ValueKind::Year => "year".to_string(),
                ValueKind::Text => "text".to_string(),
                ValueKind::Choice(c) => c.join(" / "),
                ValueKind::Amount => "amount".to_string(),
                ValueKind::Count => "count".to_string(),
                ValueKind::Area => "area".to_string(),
                ValueKind::Block(b) => format!("{{ {} }}", info(b).zh),
                ValueKind::Pairs => "{ KEY \"text\" }".to_string(),
                ValueKind::Claims => "{ FACT FIGURES… }".to_string(),
                ValueKind::Named => "named figures".to_string(),
            };
            let mut also = k.variants.join("、");
            if k.suffix {
                also = format!("…{}", k.word);
            }
            out.push_str(&format!(
                "| `{}` | {} | {} | {} | {} — {} |\n",
                k.word,
                also,
                value.replace('|', "\\|"),
                if k.many { "many" } else { "once" },
                k.zh,
                k.en
            ));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_place_is_described_once() {
        for p in PLACES {
            assert_eq!(PLACES.iter().filter(|q| q.place == p.place).count(), 1);
            assert!(p.wrap.contains("{}"), "{:?}", p.place);
            assert!(keys(p.place).count() > 0, "{:?} has no keys", p.place);
        }
    }

    #[test]
    fn a_word_means_one_key_at_its_place() {
        for k in KEYS {
            for w in std::iter::once(k.word).chain(k.variants.iter().copied()) {
                let at: Vec<&str> = keys(k.place)
                    .filter(|o| o.matches(w))
                    .map(|o| o.word)
                    .collect();
                assert_eq!(at, vec![k.word], "{w} at {:?}", k.place);
            }
        }
    }
}
