//! A claim: a figure a document prints about a fact (an amount with its unit
//! and printed decimals, a percentage — a change or a share —, a direction
//! word, the compared year, a count), and the one verification of it against
//! the figure computed from the facts.
//!
//! Claims come from a reviewer's file: recognised in the narrative as printed
//! (`原文`), or written next to the fact (`变动 减少57.14%` on a 项 line,
//! `占比 78.23%` in `绩效概况`). Whatever their source, they are this type and
//! [`verify`] decides them. `build` never prints a claim: it prints the
//! computed figure.

use super::change::{change, ChangeClaim, Sign};
use super::money::{round, DisplayUnit, Money};
use super::print::rounding_bound;
use crate::diagnostic::Span;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

/// What a claim prints.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Figure {
    /// `1,017.00万元`: the value as printed (its scale is its printed decimals).
    Amount { value: Decimal, unit: DisplayUnit },
    /// `78.23%`: a share of a whole.
    Share(Decimal),
    /// `减少57.14%`, `增加1.00万元`, `持平`.
    Change(ChangeClaim),
    /// `比2023年预算执行数`: the year a comparison is with.
    Year(i32),
    /// `4个`, `0辆`.
    Count(u64),
}

/// A printed figure about a fact, at its place.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Claim {
    /// The fact it is about, as a reader names it (`公开项目金额占项目支出`).
    pub about: String,
    pub figure: Figure,
    /// As printed, e.g. `78.23%`.
    pub text: String,
    #[serde(skip)]
    pub span: Span,
}

/// The figure a claim is verified against, computed from the facts (元).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Truth {
    Amount(Money),
    /// A share: `part` of `whole`; `step` is the rounding of the figures as
    /// the document prints them (100 元: 万元 to 0.01).
    Share {
        part: Money,
        whole: Money,
        step: Money,
    },
    /// This year's figure against last year's.
    Change {
        now: Money,
        last: Money,
    },
    Year(i32),
    Count(u64),
}

/// Which computation a percentage claim agreed with.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Base {
    /// The exact figures.
    Exact,
    /// The figures as printed (rounded to the document's step).
    Printed,
}

/// Why a claim is wrong.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Wrong {
    /// The number: `computed` from the exact figures and, for a percentage,
    /// `from_printed` from the figures as printed.
    Value {
        computed: String,
        from_printed: Option<String>,
    },
    /// The direction word: the figures give `right`.
    Direction { right: Sign, computed: String },
    /// A percentage of a change from 0.
    FromZero { amount: String },
    /// A share of a whole of 0.
    NoWhole,
}

impl Wrong {
    /// The computed figure, as the document would print it.
    pub fn computed(&self) -> String {
        match self {
            Wrong::Value { computed, .. } | Wrong::Direction { computed, .. } => computed.clone(),
            Wrong::FromZero { amount } => amount.clone(),
            Wrong::NoWhole => "—".into(),
        }
    }
}

/// A claim's verdict: it holds (on which base, for a percentage), or not.
pub type Verdict = Result<Option<Base>, Wrong>;

/// A change from 0 printed as “增加100.00%”: the convention some documents
/// follow (“from nothing, all of it is new”); not a computed percentage.
pub fn is_hundred_from_zero(claim: &Claim, truth: &Truth) -> bool {
    match (&claim.figure, truth) {
        (Figure::Change(c), Truth::Change { last, now }) => {
            last.is_zero()
                && *now > Money::ZERO
                && c.percent
                && c.sign == Sign::Up
                && c.value == Some(Decimal::from(100))
        }
        _ => false,
    }
}

fn pct(p: Decimal, dp: u32) -> String {
    format!("{:.*}", dp as usize, round(p, dp))
}

fn wan(m: Money, dp: u32) -> String {
    format!(
        "{:.*}",
        dp as usize,
        round(m.in_unit(DisplayUnit::Wanyuan), dp)
    )
}

/// Whether `computed`, half-up at the decimals of `printed`, is `printed`.
pub fn same_at(printed: Decimal, computed: Decimal) -> bool {
    round(computed, printed.scale()) == printed
}

/// Verify a claim against its computed figure.
pub fn verify(claim: &Claim, truth: &Truth) -> Verdict {
    match (&claim.figure, truth) {
        (Figure::Amount { value, unit }, Truth::Amount(exact)) => {
            let dp = value.scale();
            let step = Money::from_unit(Decimal::ONE / Decimal::from(10u64.pow(dp.min(8))), *unit);
            if (Money::from_unit(*value, *unit) - *exact).abs() <= rounding_bound(Some(step), 1) {
                return Ok(None);
            }
            let computed = format!(
                "{:.*}",
                dp.max(unit.decimals()) as usize,
                round(exact.in_unit(*unit), dp.max(unit.decimals()))
            );
            Err(Wrong::Value {
                computed,
                from_printed: None,
            })
        }
        (Figure::Share(p), Truth::Share { part, whole, step }) => share(*p, *part, *whole, *step),
        (Figure::Change(c), Truth::Change { now, last }) => change_claim(c, *now, *last),
        (Figure::Year(y), Truth::Year(right)) if y == right => Ok(None),
        (Figure::Count(n), Truth::Count(right)) if n == right => Ok(None),
        (Figure::Year(_), Truth::Year(right)) => Err(Wrong::Value {
            computed: right.to_string(),
            from_printed: None,
        }),
        (Figure::Count(_), Truth::Count(right)) => Err(Wrong::Value {
            computed: right.to_string(),
            from_printed: None,
        }),
        // a claim of one kind against a truth of another is the caller's
        // mistake; it never holds
        _ => Err(Wrong::Value {
            computed: "—".into(),
            from_printed: None,
        }),
    }
}

fn share(p: Decimal, part: Money, whole: Money, step: Money) -> Verdict {
    let Some(exact) = part.percent_of(whole) else {
        return Err(Wrong::NoWhole);
    };
    let printed = part.round_to(step).percent_of(whole.round_to(step));
    if same_at(p, exact) {
        return Ok(Some(Base::Exact));
    }
    if printed.is_some_and(|x| same_at(p, x)) {
        return Ok(Some(Base::Printed));
    }
    let dp = p.scale();
    Err(Wrong::Value {
        computed: pct(exact, dp),
        from_printed: printed.map(|x| pct(x, dp)),
    })
}

fn change_claim(c: &ChangeClaim, now: Money, last: Money) -> Verdict {
    let ch = change(now, last);
    let dp = c.value_scale();
    let shown = |s: Sign| match s {
        Sign::Same => "持平".to_string(),
        s if last.is_zero() || !c.percent => format!("{}{}万元", s.word(), wan(ch.diff, 2)),
        s => format!(
            "{}{}%",
            s.word(),
            pct(ch.pct.unwrap_or_default(), dp.max(1))
        ),
    };
    if c.sign != ch.sign {
        return Err(Wrong::Direction {
            right: ch.sign,
            computed: shown(ch.sign),
        });
    }
    let Some(value) = c.value else {
        return Ok(None);
    };
    if !c.percent {
        return if same_at(value, ch.diff.in_unit(DisplayUnit::Wanyuan)) {
            Ok(None)
        } else {
            Err(Wrong::Value {
                computed: wan(ch.diff, dp),
                from_printed: None,
            })
        };
    }
    let Some(exact) = ch.pct else {
        return Err(Wrong::FromZero {
            amount: format!("{}{}万元", ch.sign.word(), wan(ch.diff, 2)),
        });
    };
    if same_at(value, exact) {
        return Ok(Some(Base::Exact));
    }
    if ch.pct_printed.is_some_and(|p| same_at(value, p)) {
        return Ok(Some(Base::Printed));
    }
    Err(Wrong::Value {
        computed: pct(exact, dp),
        from_printed: ch.pct_printed.map(|p| pct(p, dp)),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Decimal {
        s.parse().expect("decimal")
    }

    fn m(s: &str) -> Money {
        Money::yuan(d(s))
    }

    fn claim(figure: Figure) -> Claim {
        Claim {
            about: "x".into(),
            figure,
            text: String::new(),
            span: Span::default(),
        }
    }

    fn amount(v: &str) -> Claim {
        claim(Figure::Amount {
            value: d(v),
            unit: DisplayUnit::Wanyuan,
        })
    }

    #[test]
    fn an_amount_holds_within_half_a_printed_step() {
        // 171.01万元 for 1,710,062元: correctly rounded
        assert_eq!(
            verify(&amount("171.01"), &Truth::Amount(m("1710062"))),
            Ok(None)
        );
        // half a step in (171.015 rounds up, 171.005 is the edge)
        assert_eq!(
            verify(&amount("171.01"), &Truth::Amount(m("1710050"))),
            Ok(None)
        );
        assert!(verify(&amount("171.01"), &Truth::Amount(m("1710150"))).is_ok());
        // just over half a step out, either side
        assert!(verify(&amount("171.01"), &Truth::Amount(m("1710049"))).is_err());
        assert!(verify(&amount("171.01"), &Truth::Amount(m("1710151"))).is_err());
        // one printed decimal: a step of 0.1万元
        assert!(verify(&amount("171.0"), &Truth::Amount(m("1710400"))).is_ok());
        assert_eq!(
            verify(&amount("208.8"), &Truth::Amount(m("2015000"))),
            Err(Wrong::Value {
                computed: "201.50".into(),
                from_printed: None
            })
        );
    }

    #[test]
    fn a_share_holds_from_the_exact_or_the_printed_figures() {
        let t = Truth::Share {
            part: m("10170000"),
            whole: m("13170000"),
            step: m("100"),
        };
        assert_eq!(
            verify(&claim(Figure::Share(d("77.22"))), &t),
            Ok(Some(Base::Exact))
        );
        assert_eq!(
            verify(&claim(Figure::Share(d("78.23"))), &t),
            Err(Wrong::Value {
                computed: "77.22".into(),
                from_printed: Some("77.22".into())
            })
        );
        // 1 printed decimal
        assert!(verify(&claim(Figure::Share(d("77.2"))), &t).is_ok());
        // a figure that differs only when printed: 24.31 of 20.30+24.31
        let t = Truth::Share {
            part: m("243120"),
            whole: m("203000"),
            step: m("100"),
        };
        assert_eq!(
            verify(&claim(Figure::Share(d("119.75"))), &t),
            Ok(Some(Base::Printed))
        );
        let zero = Truth::Share {
            part: m("1"),
            whole: m("0"),
            step: m("100"),
        };
        assert_eq!(
            verify(&claim(Figure::Share(d("0.00"))), &zero),
            Err(Wrong::NoWhole)
        );
    }

    fn ch(text: &str) -> Claim {
        claim(Figure::Change(ChangeClaim::parse(text).expect("claim")))
    }

    #[test]
    fn a_change_has_its_direction_and_its_percentage() {
        let t = Truth::Change {
            now: m("257700"),
            last: m("601300"),
        };
        assert_eq!(verify(&ch("减少57.14%"), &t), Ok(Some(Base::Exact)));
        assert!(matches!(
            verify(&ch("增加57.14%"), &t),
            Err(Wrong::Direction {
                right: Sign::Down,
                ..
            })
        ));
        assert_eq!(
            verify(&ch("减少75.14%"), &t),
            Err(Wrong::Value {
                computed: "57.14".into(),
                from_printed: Some("57.14".into())
            })
        );
        // 1 printed decimal
        assert_eq!(verify(&ch("减少57.1%"), &t), Ok(Some(Base::Exact)));
        // 持平 only for equal figures
        let same = Truth::Change {
            now: m("100"),
            last: m("100"),
        };
        assert_eq!(verify(&ch("持平"), &same), Ok(None));
        assert!(verify(&ch("持平"), &t).is_err());
        // an amount
        assert!(verify(&ch("减少34.36万元"), &t).is_ok());
        // negative figures: a deficit that grows is a decrease
        let neg = Truth::Change {
            now: m("-200"),
            last: m("-100"),
        };
        assert_eq!(verify(&ch("减少100.00%"), &neg), Ok(Some(Base::Exact)));
        // a tiny base: 0.01万元 → 0.02万元 is 100%
        let tiny = Truth::Change {
            now: m("200"),
            last: m("100"),
        };
        assert_eq!(verify(&ch("增加100.00%"), &tiny), Ok(Some(Base::Exact)));
        // tiny base that rounds to 0 when printed: the exact base still counts
        let tiny = Truth::Change {
            now: m("150"),
            last: m("40"),
        };
        assert_eq!(verify(&ch("增加275.00%"), &tiny), Ok(Some(Base::Exact)));
    }

    #[test]
    fn a_change_from_zero_has_no_percentage() {
        let t = Truth::Change {
            now: m("250000"),
            last: m("0"),
        };
        let c = ch("增加100.00%");
        assert!(is_hundred_from_zero(&c, &t));
        assert_eq!(
            verify(&c, &t),
            Err(Wrong::FromZero {
                amount: "增加25.00万元".into()
            })
        );
        assert!(!is_hundred_from_zero(&ch("增加57.00%"), &t));
        assert!(verify(&ch("增加25.00万元"), &t).is_ok());
    }

    #[test]
    fn years_and_counts_are_equal_or_wrong() {
        let y = claim(Figure::Year(2023));
        assert_eq!(verify(&y, &Truth::Year(2023)), Ok(None));
        assert_eq!(
            verify(&y, &Truth::Year(2025)),
            Err(Wrong::Value {
                computed: "2025".into(),
                from_printed: None
            })
        );
        assert!(verify(&claim(Figure::Count(4)), &Truth::Count(4)).is_ok());
        assert!(verify(&claim(Figure::Count(4)), &Truth::Count(5)).is_err());
    }
}
