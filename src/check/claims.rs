//! A wrong claim as a diagnostic: whatever the claim's source (a 项 line's
//! `变动`, a sentence of `原文`, a fact's `占比`), [`crate::model::claim::verify`]
//! decides it and [`report`] says so — the printed figure, the computed one
//! (from the exact and from the printed figures, for a percentage), the rule.

use crate::diagnostic::{ClaimReport, Code, Diagnostic, Severity, Text};
use crate::model::claim::{is_hundred_from_zero, verify, Claim, Figure, Truth, Wrong};
use crate::t;

/// Verify `claim` against `truth`: `None` when it holds, else the finding
/// under `code` (`rule` says how the figure is computed).
pub fn check(code: Code, claim: &Claim, truth: &Truth, rule: Text) -> Option<Diagnostic> {
    let wrong = verify(claim, truth).err()?;
    let severity = if is_hundred_from_zero(claim, truth) {
        // a convention some documents follow: said, not an error
        Severity::Warning
    } else {
        Severity::Error
    };
    Some(report(code, severity, claim, &wrong, rule))
}

fn unit_of(claim: &Claim) -> &'static str {
    match &claim.figure {
        Figure::Amount { unit, .. } => unit.symbol(),
        Figure::Share(_) => "%",
        Figure::Change(c) if c.percent => "%",
        Figure::Change(_) => "万元",
        Figure::Year(_) => "",
        Figure::Count(_) => "",
    }
}

fn report(code: Code, severity: Severity, claim: &Claim, wrong: &Wrong, rule: Text) -> Diagnostic {
    let (about, printed) = (claim.about.as_str(), claim.text.as_str());
    let unit = unit_of(claim);
    let (message, label, help, fix): (Text, Text, Text, Option<String>) = match wrong {
        Wrong::Value {
            computed,
            from_printed: Some(p),
        } if p == computed => (
            t!("{about}：印的是{printed}，按精确数和按所印数字都是{computed}{unit}", "{about}: printed {printed}; the exact and the printed figures both give {computed}{unit}"),
            t!("应为{computed}{unit}", "should be {computed}{unit}"),
            t!("百分比按印出的小数位四舍五入，与按精确数或按所印数字算出的一致才对。", "A percentage is right when it equals, half-up at its printed decimals, the one from the exact or from the printed figures."),
            Some(computed.clone()),
        ),
        Wrong::Value {
            computed,
            from_printed: Some(p),
        } => (
            t!("{about}：印的是{printed}，按精确数为{computed}{unit}，按所印数字为{p}{unit}", "{about}: printed {printed}; the exact figures give {computed}{unit}, the printed figures {p}{unit}"),
            t!("应为{computed}{unit}", "should be {computed}{unit}"),
            t!("百分比按印出的小数位四舍五入，与按精确数或按所印数字算出的一致才对。", "A percentage is right when it equals, half-up at its printed decimals, the one from the exact or from the printed figures."),
            Some(computed.clone()),
        ),
        Wrong::Value { computed, .. } => (
            t!("{about}：印的是{printed}，按数字为{computed}{unit}", "{about}: printed {printed}; the figures give {computed}{unit}"),
            t!("应为{computed}{unit}", "should be {computed}{unit}"),
            t!("印出的数字应是计算值按所印位数四舍五入（相差不超过末位的一半）。", "A printed figure is the computed one rounded to its printed decimals (within half its last digit)."),
            Some(computed.clone()),
        ),
        Wrong::Direction { right, computed } => (
            t!("{about}：印的是“{printed}”，按数字应为“{computed}”", "{about}: printed `{printed}`, but the figures give `{computed}`"),
            t!("应为{}", right.word(); "should be {}", right.key()),
            t!("增减的方向跟两年数字之差的符号；持平只用于两年相等。", "The direction follows the sign of the difference; 持平 only for equal figures."),
            Some(computed.clone()),
        ),
        Wrong::FromZero { amount } => (
            t!("{about}：印的是“{printed}”，但上年数为0：变动没有百分比（{amount}）", "{about}: printed `{printed}`, but last year's figure is 0: the change has no percentage ({amount})"),
            Text::new("上年为0", "last year 0"),
            t!("从0开始的变动写金额：{amount}。", "A change from 0 is an amount: {amount}."),
            Some(amount.clone()),
        ),
        Wrong::NoWhole => (
            t!("{about}：印的是{printed}，但总数为0：没有占比", "{about}: printed {printed}, but the whole is 0: there is no share"),
            Text::new("总数为0", "whole is 0"),
            Text::new("总数为0时不写占比。", "No share of a whole of 0."),
            None,
        ),
    };
    let mut d = Diagnostic::new(code, severity, claim.span, message)
        .label(label)
        .help(help)
        .claim(ClaimReport {
            printed: printed.to_string(),
            computed: wrong_both(wrong, unit),
            rule,
        });
    // a fix where the span is the printed text itself
    if let Some(f) = fix.filter(|_| claim.span.len() == claim.text.len()) {
        d = d.fix(claim.span, fix_text(claim, wrong, &f));
    }
    d
}

/// The claim's text with the computed figure in place of the printed one.
fn fix_text(claim: &Claim, wrong: &Wrong, computed: &str) -> String {
    if !matches!(wrong, Wrong::Value { .. }) {
        return computed.to_string();
    }
    let text = &claim.text;
    let start = text.find(|c: char| c.is_ascii_digit()).unwrap_or(0);
    let end = text
        .rfind(|c: char| c.is_ascii_digit())
        .map_or(text.len(), |k| k + 1);
    format!("{}{computed}{}", &text[..start], &text[end..])
}

/// The computed figure for the report: both bases when they differ.
fn wrong_both(wrong: &Wrong, unit: &str) -> String {
    match wrong {
        Wrong::Value {
            computed,
            from_printed: Some(p),
        } if p != computed => format!("{computed}{unit}（按所印数字 {p}{unit}）"),
        w => format!("{}{unit}", w.computed()),
    }
}
