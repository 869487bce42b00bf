//! A figure against last year's: the direction, the difference and the
//! percentage, the one computation behind a generated sentence (比2023年预算
//! 执行数减少57.14%) and behind the check of the same sentence written as a
//! claim (`变动 减少57.14%` on a line).

use super::money::{round, Money};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

/// 增加 / 减少 / 持平.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Sign {
    Up,
    Down,
    Same,
}

impl Sign {
    pub fn parse(word: &str) -> Option<Sign> {
        Some(match word {
            "增加" | "增长" | "上升" => Sign::Up,
            "减少" | "下降" => Sign::Down,
            "持平" => Sign::Same,
            _ => return None,
        })
    }
    pub fn word(self) -> &'static str {
        match self {
            Sign::Up => "增加",
            Sign::Down => "减少",
            Sign::Same => "持平",
        }
    }
    pub fn key(self) -> &'static str {
        match self {
            Sign::Up => "up",
            Sign::Down => "down",
            Sign::Same => "same",
        }
    }
}

/// This year's figure against last year's (exact, in 元).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Change {
    pub sign: Sign,
    /// |now − last|
    pub diff: Money,
    /// |now − last| / |last| × 100, unrounded; None when last year's is 0
    /// (a change from nothing has no percentage).
    pub pct: Option<Decimal>,
    /// The same from the figures as printed in 万元 to 0.01.
    pub pct_printed: Option<Decimal>,
}

fn ratio(now: Decimal, last: Decimal) -> Option<Decimal> {
    (!last.is_zero()).then(|| (now - last).abs() * Decimal::from(100) / last.abs())
}

impl Change {
    /// The percentage as a document prints it: half-up to 0.01, two
    /// decimals (`57.14`); None when last year's figure is 0.
    pub fn percent(&self) -> Option<String> {
        shown_percent(self.pct)
    }
    /// The same of the percentage from the figures as printed.
    pub fn percent_printed(&self) -> Option<String> {
        shown_percent(self.pct_printed)
    }
}

fn shown_percent(p: Option<Decimal>) -> Option<String> {
    p.map(|p| format!("{:.2}", round(p, 2)))
}

pub fn change(now: Money, last: Money) -> Change {
    let d = now - last;
    let sign = if d.is_zero() {
        Sign::Same
    } else if d > Money::ZERO {
        Sign::Up
    } else {
        Sign::Down
    };
    // the figure as printed in 万元 to 0.01, counted in steps of 100 元
    let shown = |x: Money| round(x.as_yuan() / Decimal::from(100), 0);
    Change {
        sign,
        diff: d.abs(),
        pct: ratio(now.as_yuan(), last.as_yuan()),
        pct_printed: ratio(shown(now), shown(last)),
    }
}

/// A printed change: a direction and, unless 持平, a percentage or an amount.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ChangeClaim {
    pub sign: Sign,
    /// The printed number with its decimals as printed (`57.14`).
    pub value: Option<Decimal>,
    /// `%` or an amount in 万元 (`万元`).
    pub percent: bool,
    /// As written, e.g. `减少57.14%`.
    pub text: String,
    #[serde(skip)]
    pub span: crate::diagnostic::Span,
}

impl ChangeClaim {
    /// `减少57.14%`, `增加25.00万元`, `持平`.
    pub fn parse(text: &str) -> Option<ChangeClaim> {
        let sign_len = ["增加", "增长", "上升", "减少", "下降", "持平"]
            .iter()
            .find(|w| text.starts_with(*w))?
            .len();
        let sign = Sign::parse(&text[..sign_len])?;
        let rest = &text[sign_len..];
        let (number, percent) = if let Some(n) = rest.strip_suffix('%').or(rest.strip_suffix('％'))
        {
            (n, true)
        } else if let Some(n) = rest.strip_suffix("万元") {
            (n, false)
        } else if rest.is_empty() && sign == Sign::Same {
            return Some(ChangeClaim {
                sign,
                value: None,
                percent: false,
                text: text.to_string(),
                span: Default::default(),
            });
        } else {
            return None;
        };
        let value: Decimal = number.replace(',', "").parse().ok()?;
        Some(ChangeClaim {
            sign,
            value: Some(value),
            percent,
            text: text.to_string(),
            span: Default::default(),
        })
    }

    /// The printed decimals of its number (2 when it prints none).
    pub fn value_scale(&self) -> u32 {
        self.value.map_or(2, |v| v.scale())
    }

    /// Whether `computed`, rounded half-up to the printed decimals, is the
    /// printed value.
    pub fn matches(&self, computed: Decimal) -> bool {
        self.value
            .map(|v| round(computed, v.scale()) == v)
            .unwrap_or(false)
    }
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

    #[test]
    fn parse_and_match_claims() {
        let c = ChangeClaim::parse("减少57.14%").expect("claim");
        assert_eq!(c.sign, Sign::Down);
        assert!(c.percent);
        assert!(c.matches(d("57.1428")));
        assert!(!c.matches(d("57.146")));
        let c = ChangeClaim::parse("增加25.00万元").expect("claim");
        assert!(!c.percent && c.matches(d("25.004")));
        assert_eq!(ChangeClaim::parse("持平").map(|c| c.sign), Some(Sign::Same));
        assert!(ChangeClaim::parse("增加").is_none());
        assert!(ChangeClaim::parse("翻倍").is_none());
    }

    #[test]
    fn change_from_exact_and_printed_figures() {
        // 243,120 against 203,000 元: 19.76% exact, 19.75% from 24.31/20.30
        let c = change(m("243120"), m("203000"));
        assert_eq!(c.sign, Sign::Up);
        assert_eq!(round(c.pct.expect("pct"), 2), d("19.76"));
        assert_eq!(round(c.pct_printed.expect("pct"), 2), d("19.75"));
        assert_eq!(c.percent().as_deref(), Some("19.76"));
        assert_eq!(c.percent_printed().as_deref(), Some("19.75"));
        assert_eq!(change(m("5"), m("0")).pct, None);
        assert_eq!(change(m("5"), m("0")).percent(), None);
        // a fall: the percentage is a size beside the direction word
        let c = change(m("10"), m("40"));
        assert_eq!((c.sign, c.diff), (Sign::Down, m("30")));
        assert_eq!(c.percent().as_deref(), Some("75.00"));
        assert_eq!(change(m("5"), m("5")).sign, Sign::Same);
    }
}
