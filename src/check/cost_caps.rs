//! P1h: a cost cap of the 整体绩效 (`成本指标 { 工作经费 ≤29.85万元 }`) that is
//! one printed unit off a figure of the document (29.84万元, the 201 类 it
//! covers): a cap is set at the amount it covers, so a cap within one step of
//! its last printed digit from such an amount, but not equal, is a slip. A
//! round cap (≤13万元 over 12.84万元) is not a copied figure.
//!
//! The amounts a cap may cover: every 类/款/项 line, 基本 and 项目 支出, the
//! total, every project and the projects of each category.

use crate::diagnostic::Code;
use crate::diagnostic::Diagnostic;
use crate::model::money::{DisplayUnit, Money};
use crate::model::{Budget, Indicator, ProjectCategory};
use crate::t;
use rust_decimal::Decimal;

pub fn check(b: &Budget, diags: &mut Vec<Diagnostic>) {
    let Some(dp) = &b.department_performance else {
        return;
    };
    let figures = figures(b);
    for l1 in &dp.indicators.level1 {
        for l2 in l1.level2.iter().filter(|l| l.name.text.contains("成本")) {
            for it in &l2.items {
                if let Some(d) = cap(it, &figures) {
                    diags.push(d);
                }
            }
        }
    }
}

/// (what, amount in 元) of every figure a cap may cover.
fn figures(b: &Budget) -> Vec<(String, Money)> {
    let d = &b.derived;
    let mut v: Vec<(String, Money)> = d
        .functions
        .iter()
        .map(|n| (format!("{} {}", n.code, n.name), n.figures.total))
        .collect();
    v.push(("基本支出".into(), d.expenditure.basic));
    v.push(("项目支出".into(), d.expenditure.project));
    v.push(("支出合计".into(), d.expenditure.total));
    for p in &b.projects {
        v.push((format!("项目“{}”", p.name.text), p.total()));
    }
    for c in [ProjectCategory::Operating, ProjectCategory::SpecificTarget] {
        let ps = b.projects.iter().filter(|p| p.category == Some(c));
        let sum: Money = ps.map(|p| p.total()).sum();
        if !sum.is_zero() {
            v.push((format!("{}项目", c.name_zh()), sum));
        }
    }
    v
}

fn cap(it: &Indicator, figures: &[(String, Money)]) -> Option<Diagnostic> {
    let v = &it.value;
    let unit = match v.unit.as_deref() {
        Some("万元") => DisplayUnit::Wanyuan,
        Some("元") => DisplayUnit::Yuan,
        _ => return None,
    };
    let printed = v.number?;
    let cap = Money::from_unit(printed, unit);
    if figures.iter().any(|(_, m)| *m == cap) {
        return None;
    }
    // one unit of the cap's last printed digit
    let step = Money::from_unit(
        Decimal::ONE / Decimal::from(10u64.pow(printed.scale().min(8))),
        unit,
    );
    let (what, near) = figures
        .iter()
        .filter(|(_, m)| !m.is_zero() && (*m - cap).abs() <= step)
        // a copied figure has the cap's decimals: ≤13万元 over 12.84万元 is
        // a round cap, not a slip
        .filter(|(_, m)| m.in_unit(unit).normalize().scale() <= printed.scale())
        .min_by_key(|(_, m)| (*m - cap).abs())?;
    let shown = near
        .in_unit(unit)
        .round_dp(printed.scale().max(2))
        .normalize();
    let unit = v.unit.as_deref().unwrap_or_default();
    Some(
        Diagnostic::warning(
            Code::P1h,
            v.span,
            t!("成本指标“{}”的上限{}{unit}与{what}的{shown}{unit}差一个末位", it.name.text, printed; "the cost cap of `{}`, {}{unit}, is one last digit off {what}, {shown}{unit}", it.name.text, printed),
        )
        .label(t!("应为 ≤{shown}{unit}？", "≤{shown}{unit}?"))
        .help(t!("成本上限通常就是它覆盖的金额：核对是否应为 ≤{shown}{unit}。", "A cost cap is usually the amount it covers: check whether it should be ≤{shown}{unit}.")),
    )
}
