//! N22: last year's figures that the narrative's changes imply must agree.
//!
//! A document without last year's figures (`上年`) cannot check a change on
//! its own (`财政拨款收入9,101.68万元，比2024年预算减少2,389.52万元`), but each
//! change still implies last year's figure: this year's figure minus the
//! change, within the rounding of the printed change. Those implied figures
//! obey the identities every budget year obeys, so they must agree:
//! - a figure implied twice (财政拨款 by the 收入 sentence and by the 支出
//!   sentence) is one figure;
//! - 收入总计 = 支出总计 (a budget balances);
//! - the 三公 total is its three items, the 公务用车 subtotal its two parts;
//! - 财政拨款 is its three sources, when this year's figures say so;
//! - and no figure of last year is below zero (an increase of more than
//!   this year's figure).
//!
//! Each implied figure is an interval (in 元, exact to the 分): a change
//! printed to 0.01万元 covers the changes that round to it, half away from
//! zero; a percentage covers the ratios that round to its decimals. An
//! identity fails only when no figures inside the intervals satisfy it, so a
//! correctly rounded change is never reported.

use super::facts::{last_year, last_year_key};
use super::scan::Found;
use crate::check::prose::Place;
use crate::diagnostic::{Code, Diagnostic, Span, Text};
use crate::model::change::Sign;
use crate::model::claim::Figure;
use crate::model::keys::LastYearKey;
use crate::model::money::{display, DisplayUnit, Money};
use crate::model::Budget;
use crate::t;
use rust_decimal::Decimal;
use std::collections::BTreeMap;

/// Last year's figure of one key as one change implies it.
#[derive(Debug, Clone)]
struct Implied {
    key: LastYearKey,
    /// This year's figure the change is from.
    now: Money,
    lo: Money,
    hi: Money,
    /// The change as printed, and where.
    text: String,
    span: Span,
}

pub(super) fn check(b: &Budget, found: &[(Found, Place)], diags: &mut Vec<Diagnostic>) {
    let mut by_key: BTreeMap<LastYearKey, Vec<Implied>> = BTreeMap::new();
    for (f, at) in found {
        if let Some(i) = implied(b, f, at) {
            // an increase larger than this year's figure
            if i.hi < Money::ZERO {
                diags.push(negative(&i));
            }
            by_key.entry(i.key).or_default().push(i);
        }
    }
    // one figure implied twice
    let mut one: BTreeMap<LastYearKey, Implied> = BTreeMap::new();
    for (key, all) in &by_key {
        let mut acc = all[0].clone();
        // (a change of another figure of this year under the same key —
        // 财政拨款 with and without what was carried over — may be from
        // another figure of last year too)
        for other in all[1..].iter().filter(|o| o.now == acc.now) {
            let (lo, hi) = (acc.lo.max(other.lo), acc.hi.min(other.hi));
            if lo > hi {
                diags.push(twice(&acc, other));
                break;
            }
            acc.lo = lo;
            acc.hi = hi;
        }
        one.insert(*key, acc);
    }
    for (whole, parts) in identities(b) {
        let Some(w) = one.get(&whole) else { continue };
        let ps: Option<Vec<&Implied>> = parts.iter().map(|k| one.get(k)).collect();
        let Some(ps) = ps else { continue };
        let lo: Money = ps.iter().map(|p| p.lo).sum();
        let hi: Money = ps.iter().map(|p| p.hi).sum();
        if lo > w.hi || hi < w.lo {
            diags.push(unbalanced(w, &ps, lo, hi));
        }
    }
}

/// The identities of last year's figures: (whole, its parts), each kept
/// only where this year's figures obey it (财政拨款 is its three sources
/// unless some of it was carried over).
fn identities(b: &Budget) -> Vec<(LastYearKey, Vec<LastYearKey>)> {
    use LastYearKey as K;
    [
        (K::IncomeTotal, vec![K::ExpenditureTotal]),
        (K::ThreePublic, vec![K::Abroad, K::Reception, K::Vehicle]),
        (K::Vehicle, vec![K::VehiclePurchase, K::VehicleRunning]),
        (
            K::Fiscal,
            vec![K::GeneralCurrent, K::GovernmentFund, K::StateCapital],
        ),
    ]
    .into_iter()
    .filter(|(w, ps)| b.this_year(*w) == ps.iter().map(|k| b.this_year(*k)).sum::<Money>())
    .collect()
}

/// The interval of last year's figure a change claim implies, for a fact
/// with a last-year key the file does not state.
fn implied(b: &Budget, f: &Found, at: &Place) -> Option<Implied> {
    let Figure::Change(c) = &f.claim.figure else {
        return None;
    };
    let key = last_year_key(&f.fact)?;
    if last_year(b, &f.fact).is_some() {
        return None; // N19 checks it against the stated figure
    }
    let now = super::figure(b, &f.fact, f, f.amount.as_ref())?;
    let (lo, hi) = match (c.value, c.percent) {
        // 持平 of nothing: there was nothing last year either
        (None, _) if now.is_zero() => (now, now),
        (None, _) => (now - cent49(), now + cent49()),
        (Some(v), false) => {
            // the exact change d = now − last rounds to the printed value
            let x = Money::from_unit(v, DisplayUnit::Wanyuan);
            let (dlo, dhi) = match c.sign {
                Sign::Up => (x - half(), x + cent49()),
                Sign::Down => (-x - cent49(), -x + half()),
                Sign::Same => (-cent49(), cent49()),
            };
            (now - dhi, now - dlo)
        }
        (Some(p), true) => percent(now, c.sign, p)?,
    };
    Some(Implied {
        key,
        now,
        lo,
        hi,
        text: c.text.clone(),
        span: at.span(f.claim.span.start, f.claim.span.end),
    })
}

/// last = now ÷ (1 ± p/100), p within half a unit of its printed decimals.
fn percent(now: Money, sign: Sign, p: Decimal) -> Option<(Money, Money)> {
    if now <= Money::ZERO {
        return None;
    }
    // (a printed number of 28 decimals has no half unit to add)
    let h = Decimal::try_new(5, p.scale() + 1).ok()?;
    let hundred = Decimal::from(100);
    let at = |q: Decimal| -> Option<Money> {
        let f = match sign {
            Sign::Up => Decimal::ONE + q / hundred,
            Sign::Down => Decimal::ONE - q / hundred,
            Sign::Same => Decimal::ONE,
        };
        // (a fall of almost 100% puts last year beyond any amount)
        let last = (f > Decimal::ZERO).then(|| now.as_yuan().checked_div(f))??;
        Some(Money::yuan(last))
    };
    let (a, b) = (at(p - h)?, at(p + h)?);
    Some((a.min(b), a.max(b)))
}

/// Half of the 0.01万元 a narrative prints, in 元.
fn half() -> Money {
    Money::yuan(Decimal::from(50))
}

/// The largest amount under half a printed step: 49.99元.
fn cent49() -> Money {
    Money::yuan(Decimal::new(4999, 2))
}

fn shown(m: Money) -> String {
    display(m, DisplayUnit::Wanyuan)
}

/// `11,491.20万元`, or `20.56–20.57万元` where the rounding leaves two.
fn range(i: &Implied) -> String {
    between(i.lo, i.hi)
}

fn between(lo: Money, hi: Money) -> String {
    let (a, b) = (shown(lo), shown(hi));
    if a == b {
        format!("{a}万元")
    } else {
        format!("{a}–{b}万元")
    }
}

fn negative(i: &Implied) -> Diagnostic {
    let what = i.key.word();
    Diagnostic::warning(
        Code::N22,
        i.span,
        t!(
            "“{}”推出的上年{what}为负（{}）：增加的比本年的数还多",
            i.text, range(i);
            "`{}` puts last year's {what} below zero ({}): the increase is more than this year's figure",
            i.text, range(i)
        ),
    )
    .label(t!("上年{what}不能为负", "last year's {what} cannot be negative"))
    .help(Text::new(
        "从零开始的增加就是本年的数：核对这个变动额",
        "an increase from nothing is this year's figure: check the change",
    ))
}

fn twice(first: &Implied, second: &Implied) -> Diagnostic {
    let what = first.key.word();
    Diagnostic::warning(
        Code::N22,
        second.span,
        t!(
            "“{}”推出的上年{what}（{}）与前面“{}”推出的（{}）不一致",
            second.text, range(second), first.text, range(first);
            "`{}` implies last year's {what} {}, which `{}` before put at {}",
            second.text, range(second), first.text, range(first)
        ),
    )
    .label(t!("上年{what}对不上", "last year's {what} disagrees"))
    .related(first.span, t!("这里推出的上年{what}", "last year's {what} as implied here"))
    .help(Text::new(
        "两处说的是同一个上年数：核对这两个变动额，其中一个多半印错了",
        "both speak of one figure of last year: check the two changes, one is most likely misprinted",
    ))
}

fn unbalanced(w: &Implied, parts: &[&Implied], lo: Money, hi: Money) -> Diagnostic {
    let names: Vec<&str> = parts.iter().map(|p| p.key.word()).collect();
    let names = names.join("、");
    let what = w.key.word();
    let mut d = Diagnostic::warning(
        Code::N22,
        w.span,
        t!(
            "由变动推出的上年{what}（{}）与上年{names}之和（{}）不符",
            range(w), between(lo, hi);
            "the changes put last year's {what} at {}, but last year's {names} at {} together",
            range(w), between(lo, hi)
        ),
    )
    .label(t!("上年数相加不符", "last year's figures do not add up"));
    for p in parts {
        d = d.related(
            p.span,
            t!(
                "上年{}由此推出",
                "last year's {} implied here",
                p.key.word()
            ),
        );
    }
    d.help(Text::new(
        "上年的数也满足本年的关系（合计等于各项之和）：核对这些变动额",
        "last year's figures obey this year's identities (a total is its parts): check these changes",
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Decimal {
        s.parse().expect("decimal")
    }

    #[test]
    fn a_percentage_puts_last_year_in_the_interval_its_rounding_allows() {
        // 1,000元 after an increase of 25.0% (24.95%–25.05%): 799.68–800.32元
        let (lo, hi) = percent(Money::yuan(d("1000")), Sign::Up, d("25.0")).expect("interval");
        assert_eq!(lo.as_yuan().round_dp(2), d("799.68"));
        assert_eq!(hi.as_yuan().round_dp(2), d("800.32"));
    }

    #[test]
    fn an_extreme_percentage_is_no_interval_and_no_panic() {
        let now = Money::yuan(d("1000000000000000"));
        let p28 = d("1.0000000000000000000000000000");
        assert_eq!(p28.scale(), 28);
        assert!(percent(now, Sign::Up, p28).is_none());
        let almost_all = d("99.99999999999999999999999");
        assert!(percent(now, Sign::Down, almost_all).is_none());
    }
}

#[cfg(test)]
mod carried_over {
    use crate::check::{check_source, Options};

    /// 财政拨款 with 上年结转: the 收入 sentence's change is of this year's
    /// 财政拨款收入 (100万元), the 支出 sentence's of the 财政拨款支出 with
    /// what was carried over (110万元) — two figures, two last years.
    #[test]
    fn changes_of_two_figures_under_one_key_are_not_compared() {
        let src = r#"年度 2025
部门 "测试部门"
口径 上海区级
金额单位 元
单位 "测试部门" { 类型 行政 }
收入 {
  一般公共预算 1,000,000
  上年结转 100,000
}
支出 {
  2010301 行政运行 基本 1,000,000
  2010302 一般行政管理事务 项目 结转 100,000
}
原文 {
  "说明" "收入预算110.00万元，其中：财政拨款收入100.00万元，比2024年预算减少10.00万元。支出预算110.00万元，其中：财政拨款支出预算110.00万元，比2024年预算减少5.00万元。"
}
"#;
        let d = check_source(src, &Options::default()).diagnostics;
        assert!(!d.iter().any(|d| d.code == "N22"), "{d:#?}");
        // the same two changes of one figure do disagree
        let same = src
            .replace("上年结转 100,000", "")
            .replace("  2010302 一般行政管理事务 项目 结转 100,000\n", "")
            .replace("110.00万元", "100.00万元");
        let d = check_source(&same, &Options::default()).diagnostics;
        assert_eq!(d.iter().filter(|d| d.code == "N22").count(), 1, "{d:#?}");
    }
}
