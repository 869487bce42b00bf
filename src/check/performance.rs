//! P1: performance indicators; X11: a project's 申报表 funding.

use super::rules::Ctx;
use crate::diagnostic::{Code, Diagnostic, Text};
use crate::model::*;
use crate::syntax::ast::Cmp;
use crate::t;

const TIME_WORDS: &[&str] = &[
    "年", "月", "日", "天", "周", "季度", "小时", "时间", "期", "前", "内", "及时", "按时", "当年",
    "全年", "年底", "年末",
];
const ECO_WORDS: &[&str] = &[
    "生态",
    "环境",
    "环保",
    "绿色",
    "绿化",
    "节能",
    "减排",
    "排放",
    "污染",
    "碳",
    "水资源",
    "水质",
    "水土",
    "污水",
    "节水",
    "空气",
    "大气",
    "土壤",
    "植被",
    "森林",
    "能耗",
    "节约",
    "垃圾",
    "噪声",
    "湿地",
    "耕地",
    "生物多样",
    "资源节约",
    "资源利用",
];

pub fn check(b: &Budget, diags: &mut Vec<Diagnostic>) {
    let mut cx = Ctx { b, diags };
    if let Some(dp) = &b.department_performance {
        indicators(&mut cx, &dp.indicators, None);
    }
    for p in &b.projects {
        let Some(tg) = &p.target else { continue };
        indicators(&mut cx, &tg.indicators_period, Some(p));
        if let Some(y) = &tg.indicators_year {
            indicators(&mut cx, y, Some(p));
        }
        if cx.complete(&[Section::Project]) {
            funding(&mut cx, p, tg);
        }
    }
}

/// The indicators against the profile's taxonomy (`[[rules.indicators]]`;
/// none without a profile).
fn indicators(cx: &mut Ctx, ind: &Indicators, project: Option<&Project>) {
    let b = cx.b;
    let Some(tax) = crate::profiles::of(b).map(|p| p.rules()) else {
        return;
    };
    for l1 in &ind.level1 {
        let n1 = tax.canonical(&l1.name.text);
        let allowed = tax.allowed_under(n1);
        if allowed.is_none() {
            let names = tax.level1_names();
            let help = match super::lower::closest(&l1.name.text, &names) {
                Some(k) => {
                    t!("是否想写“{k}”？一级指标为：{}", names.join("、"); "did you mean `{k}`? The 一级 indicators are: {}", names.join(", "))
                }
                None => {
                    t!("一级指标为：{}", names.join("、"); "the 一级 indicators are: {}", names.join(", "))
                }
            };
            cx.diags.push(
                Diagnostic::error(Code::P1a, l1.name.span, t!("“{}”不是一级绩效指标", l1.name.text; "`{}` is not a 一级 performance indicator", l1.name.text))
                    .label(Text::new("未知的一级指标", "unknown 一级 indicator"))
                    .help(help),
            );
        }
        for l2 in &l1.level2 {
            let n2 = tax.canonical(&l2.name.text);
            if let Some(allowed) = &allowed {
                if !allowed.contains(&n2) {
                    let help = match tax.home_of(n2) {
                        Some(home) => {
                            t!("“{}”属于一级指标“{home}”：把它移到 {home} 之下", l2.name.text; "`{}` belongs under the 一级 indicator {home}: move it there", l2.name.text)
                        }
                        None => {
                            t!("“{}”下的二级指标为：{}", n1, allowed.join("、"); "the 二级 indicators under {} are: {}", n1, allowed.join(", "))
                        }
                    };
                    cx.diags.push(
                        Diagnostic::warning(
                            Code::P1b,
                            l2.name.span,
                            t!("二级指标“{}”不应放在一级指标“{}”之下", l2.name.text, l1.name.text; "the 二级 indicator `{}` does not belong under `{}`", l2.name.text, l1.name.text),
                        )
                        .label(Text::new("指标位置不对", "indicator in the wrong slot"))
                        .related(l1.name.span, t!("一级指标 {}", l1.name.text; "一级 indicator {}", l1.name.text))
                        .help(help),
                    );
                }
            }
            for it in &l2.items {
                item(cx, n2, it, project);
            }
        }
    }
}

fn is_amount_unit(u: Option<&str>) -> Option<DisplayUnit> {
    match u {
        Some("万元") => Some(DisplayUnit::Wanyuan),
        Some("元") => Some(DisplayUnit::Yuan),
        _ => None,
    }
}

/// An indicator's name and value mention the environment (P1g).
fn reads_ecological(it: &Indicator) -> bool {
    let text = format!("{}{}", it.name.text, it.value.text);
    ECO_WORDS.iter().any(|w| text.contains(w))
}

fn item(cx: &mut Ctx, l2: &str, it: &Indicator, project: Option<&Project>) {
    let v = &it.value;
    match l2 {
        "时效指标" => {
            let has_time = TIME_WORDS.iter().any(|w| v.text.contains(w))
                || (v.unit.as_deref() == Some("%") && (it.name.text.contains("及时") || it.name.text.contains("按时")));
            if !has_time {
                cx.diags.push(
                    Diagnostic::warning(Code::P1c, v.span, t!("时效指标“{}”的指标值“{}”不是时间", it.name.text, v.text; "the 时效 indicator `{}` has the value `{}`, which is not a time", it.name.text, v.text))
                        .label(Text::new("不是时间", "not a time"))
                        .related(it.name.span, Text::new("时效指标", "时效 indicator"))
                        .help(Text::new(
                            "时效指标写完成时限，例如 完成时间 全年、≤3个月、2024年12月底前；质量方面的内容请移到 质量指标",
                            "a 时效 indicator holds a deadline, e.g. 全年, ≤3个月, 2024年12月底前; move quality statements to 质量指标",
                        )),
                );
            }
        }
        "成本指标" | "经济成本指标" => match (v.number, is_amount_unit(v.unit.as_deref())) {
            (Some(n), Some(f)) => {
                if let Some(p) = project {
                    let cap = Money::from_unit(n, f);
                    let amount = p.total();
                    let upper = matches!(v.cmp, Some(Cmp::Le) | Some(Cmp::Lt) | Some(Cmp::Eq) | None);
                    if upper && cap < amount {
                        let (c, a) = (cx.money(cap), cx.money(amount));
                        cx.diags.push(
                            Diagnostic::error(Code::P1e, v.span, t!("成本指标上限 {c} 低于项目金额 {a}", "the cost cap {c} is below the project's amount {a}"))
                                .label(t!("上限 {c}", "cap {c}"))
                                .related(p.name.span, t!("项目金额 {a}", "project amount {a}"))
                                .help(t!("成本上限不能低于项目预算：改为 ≤{}", exact_in(amount, v.unit.as_deref()); "the cap cannot be below the budget: write ≤{}", exact_in(amount, v.unit.as_deref()))),
                        );
                    }
                }
            }
            _ => cx.diags.push(
                Diagnostic::warning(Code::P1d, v.span, t!("成本指标“{}”的指标值“{}”不是金额", it.name.text, v.text; "the cost indicator `{}` has the value `{}`, which is not an amount", it.name.text, v.text))
                    .label(Text::new("不是金额", "not an amount"))
                    .help(Text::new("成本指标写金额上限，例如 ≤11.9万元 或 ≤119000元", "a cost indicator holds an amount, e.g. ≤11.9万元 or ≤119000元")),
            ),
        },
        "服务对象满意度指标" if v.unit.as_deref() != Some("%") => {
            {
                cx.diags.push(
                    Diagnostic::warning(Code::P1f, v.span, t!("满意度指标“{}”的指标值“{}”不是百分比", it.name.text, v.text; "the satisfaction indicator `{}` has the value `{}`, which is not a percentage", it.name.text, v.text))
                        .label(Text::new("不是百分比", "not a percentage"))
                        .help(Text::new("满意度写作百分比，例如 ≥90% 或 100%", "write satisfaction as a percentage, e.g. ≥90% or 100%")),
                );
            }
        }
        "生态效益指标" if !reads_ecological(it) => {
            {
                cx.diags.push(
                    Diagnostic::warning(Code::P1g, it.name.span, t!("生态效益指标“{}”看不出与生态环境有关", it.name.text; "the ecological indicator `{}` does not read as ecological", it.name.text))
                        .label(Text::new("与生态无关？", "not ecological?"))
                        .help(Text::new(
                            "生态效益指标写对生态环境的影响（节能、减排、绿化等）；社会或经济方面的内容请移到 社会效益指标 或 经济效益指标，没有生态效益时留空",
                            "an ecological indicator is about the environment (energy, emissions, greening…); move social or economic items to their slots, or leave the slot empty",
                        )),
                );
            }
        }
        _ => {}
    }
}

fn exact_in(amount: Money, unit: Option<&str>) -> String {
    match unit {
        Some("万元") => format!("{}万元", amount.in_unit(DisplayUnit::Wanyuan).normalize()),
        _ => format!("{}元", amount.as_yuan().normalize()),
    }
}

/// X11: the 申报表's funding split adds up, and the year's funding is the project's amount.
fn funding(cx: &mut Ctx, p: &Project, tg: &ProjectTarget) {
    for f in [&tg.funding_period, &tg.funding_year].into_iter().flatten() {
        if let Some(s) = &f.stated_total {
            cx.verify(
                Code::X11,
                s,
                f.total(),
                5,
                Text::new("项目资金总额", "the project's funding total"),
                &[(f.span, Text::new("资金来源在此", "the sources are here"))],
            );
        }
    }
    let Some(y) = &tg.funding_year else { return };
    let total = y
        .stated_total
        .map(|s| s.amount)
        .unwrap_or_else(|| y.total());
    let amount = p.total();
    if total != amount {
        let span = y.stated_total.map(|s| s.span).unwrap_or(y.span);
        let (a, c) = (cx.money(total), cx.money(amount));
        // the 元 figures of the 申报表 read as 万元
        let hint = if total == Money::from_unit(amount.as_yuan(), DisplayUnit::Wanyuan) {
            let n = amount.as_yuan().normalize();
            t!(
                "申报表的资金以元为单位：金额后写“元”，例如 {n}元",
                "the 申报表 is in 元: write the unit, e.g. {n}元"
            )
        } else {
            t!(
                "年度资金总额应等于项目预算 {c}：核对各级财政资金",
                "the year's funding must equal the project's budget {c}: check the split"
            )
        };
        cx.diags.push(
            Diagnostic::error(Code::X11, span, t!("项目“{}”申报表的年度资金总额 {a} 与项目金额 {c} 不符", p.name.text; "the 申报表 of `{}` gives {a} for the year, but the project's amount is {c}", p.name.text))
                .label(t!("年度资金 {a}", "year's funding {a}"))
                .related(p.name.span, t!("项目金额 {c}", "project amount {c}"))
                .help(hint),
        );
    }
}
