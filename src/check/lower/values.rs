//! Values of a statement: amounts (in 元, with the file's 金额单位, and
//! the likely reading of a mistyped one), counts, texts, and function and
//! economic codes.

use super::Lower;
use crate::diagnostic::{Code, Diagnostic, Span, Text};
use crate::model::money::{max_amount, Money};
use crate::model::*;
use crate::syntax::ast::{Stmt, Value, ValueKind};
use crate::t;
use rust_decimal::Decimal;

pub(super) fn is_fullwidth_number(s: &str) -> bool {
    s.chars().any(|c| ('０'..='９').contains(&c))
        && s.chars()
            .all(|c| ('０'..='９').contains(&c) || "．，.,－-万元％%".contains(c))
}

/// The likely reading of a mistyped amount, and whether it was full-width:
/// full-width digits and signs in ASCII, `万`/`萬`/`萬元` as `万元`, `圆` as
/// `元`, a doubled `.` as one.
fn amount_reading(s: &str) -> Option<(String, bool)> {
    let half = halfwidth(s);
    let fullwidth = half != s;
    let mut fixed = half;
    while fixed.contains("..") {
        fixed = fixed.replace("..", ".");
    }
    let digits_end = fixed
        .char_indices()
        .find(|(_, c)| !(c.is_ascii_digit() || ".,-".contains(*c)))
        .map(|(i, _)| i)
        .unwrap_or(fixed.len());
    let (number, unit) = fixed.split_at(digits_end);
    let unit = match unit {
        "万" | "萬" | "萬元" | "万圆" => "万元",
        "圆" => "元",
        u => u,
    };
    let fixed = format!("{number}{unit}");
    (fixed != s && !number.is_empty()).then_some((fixed, fullwidth))
}

/// [`amount_reading`] as a diagnostic whose fix is the reading, and the
/// reading as a value (with the written value's span).
pub(super) fn amount_typo(v: &Value) -> Option<(Diagnostic, Value)> {
    let written = v.text();
    let (fixed, fullwidth) = amount_reading(&written)?;
    let parsed = crate::syntax::parse(&format!("k {fixed}\n"));
    let value = parsed.file.stmts.first()?.values.get(1)?.clone();
    let q = value.as_quantity()?;
    let ok = parsed.diagnostics.is_empty()
        && q.cmp.is_none()
        && matches!(q.unit.as_deref(), None | Some("元") | Some("万元"));
    if !ok {
        return None;
    }
    let d = if fullwidth {
        Diagnostic::error(
            Code::L004,
            v.span,
            t!(
                "金额“{written}”使用了全角数字或符号",
                "the amount `{written}` is written with full-width digits or signs"
            ),
        )
        .label(Text::new("全角字符", "full-width characters"))
        .help(t!("改写为半角：{fixed}", "write it in ASCII: {fixed}"))
    } else {
        Diagnostic::error(
            Code::L006,
            v.span,
            t!(
                "金额“{written}”写法有误",
                "the amount `{written}` is mistyped"
            ),
        )
        .label(t!("应为 {fixed}", "should be {fixed}"))
        .help(t!(
            "写作 {fixed}（金额的单位只能是“元”或“万元”）",
            "write {fixed} (an amount's unit is 元 or 万元)"
        ))
    };
    let value = Value {
        kind: value.kind,
        span: v.span,
    };
    Some((d.fix(v.span, fixed).recovered(), value))
}

pub(super) fn halfwidth(s: &str) -> String {
    s.chars()
        .map(|c| match c {
            '０'..='９' => char::from_u32(c as u32 - '０' as u32 + '0' as u32).unwrap_or(c),
            '．' => '.',
            '，' => ',',
            '－' => '-',
            '％' => '%',
            other => other,
        })
        .collect()
}

impl Lower<'_> {
    /// An amount in 元.
    pub(super) fn amount(&mut self, v: &Value) -> Option<Money> {
        match &v.kind {
            ValueKind::Quantity(q) => {
                if q.cmp.is_some() {
                    self.bad_value(
                        v.span,
                        Text::new("金额", "an amount"),
                        Text::new("金额前不写比较符号", "an amount takes no comparator"),
                    );
                    return None;
                }
                let unit = match q.unit.as_deref() {
                    None => self.unit,
                    Some("元") => DisplayUnit::Yuan,
                    Some("万元") => DisplayUnit::Wanyuan,
                    Some(other) => {
                        if let Some(m) = self.amount_typo(v) {
                            return m;
                        }
                        let (n, u) = (&q.number_raw, self.unit.symbol());
                        self.push(
                            Diagnostic::error(
                                Code::L006,
                                v.span,
                                t!("金额“{}”的单位“{other}”无法识别", v.text(); "the amount `{}` has an unknown unit `{other}`", v.text()),
                            )
                            .label(Text::new("金额的单位只能是“元”或“万元”", "an amount's unit is 元 or 万元"))
                            .help(t!("写作 {n}万元 或 {n}元，或省略单位（按金额单位 {u} 计）", "write {n}万元 or {n}元, or leave the unit out (the file's {u})")),
                        );
                        return None;
                    }
                };
                let n = match Decimal::from_str_exact(&q.number) {
                    Ok(n) => n,
                    Err(_) => {
                        self.too_large(v.span, &q.number_raw);
                        return None;
                    }
                };
                match Money::checked_from_unit(n, unit) {
                    Some(m) if m.abs() <= max_amount() => Some(m.normalize()),
                    _ => {
                        self.too_large(v.span, &q.number_raw);
                        None
                    }
                }
            }
            ValueKind::Word(w) if is_fullwidth_number(w) => {
                if let Some(m) = self.amount_typo(v) {
                    return m;
                }
                let fixed = halfwidth(w);
                self.push(
                    Diagnostic::error(
                        Code::L004,
                        v.span,
                        t!(
                            "金额“{w}”使用了全角数字或符号",
                            "the amount `{w}` is written with full-width digits or signs"
                        ),
                    )
                    .label(Text::new("全角字符", "full-width characters"))
                    .help(t!("改写为半角：{fixed}", "write it in ASCII: {fixed}")),
                );
                None
            }
            _ => {
                self.bad_value(
                    v.span,
                    Text::new("金额", "an amount"),
                    Text::new(
                        "金额写作数字，例如 12.84、1,329.84、119000元 或 11.9万元",
                        "write an amount as a number: 12.84, 1,329.84, 119000元 or 11.9万元",
                    ),
                );
                None
            }
        }
    }

    pub(super) fn too_large(&mut self, span: Span, raw: &str) {
        self.push(
            Diagnostic::error(
                Code::L009,
                span,
                t!("金额“{raw}”超出范围", "the amount `{raw}` is out of range"),
            )
            .label(Text::new("超出可处理的范围", "out of range"))
            .help(Text::new(
                "金额不得超过 10¹⁵ 元，小数不超过 28 位；请检查是否多写了数字",
                "amounts are at most 10¹⁵ 元 with at most 28 decimals; check for extra digits",
            )),
        );
    }

    /// An amount with one likely reading (full-width digits or signs, `万`
    /// for `万元`, a doubled `.`): the error, with that reading as its fix,
    /// and the reading's amount, so that nothing else fails because of it.
    /// `None` when there is no such reading.
    pub(super) fn amount_typo(&mut self, v: &Value) -> Option<Option<Money>> {
        let (d, amount) = amount_typo(v)?;
        self.push(d);
        Some(self.amount(&amount))
    }

    /// The single amount argument of `KEY AMOUNT`.
    pub(super) fn amount_arg(&mut self, stmt: &Stmt) -> Option<Money> {
        self.no_block(stmt);
        match stmt.args().first() {
            None => {
                self.missing_value(stmt, Text::new("金额", "an amount"));
                None
            }
            Some(v) => {
                self.extra_args(stmt, 1);
                self.amount(v)
            }
        }
    }

    pub(super) fn stated_arg(&mut self, stmt: &Stmt) -> Option<Stated> {
        let span = stmt.args().first().map(|v| v.span).unwrap_or(stmt.span);
        self.amount_arg(stmt).map(|amount| Stated { amount, span })
    }

    /// `KEY [SOURCE] AMOUNT` → (source, amount).
    pub(super) fn sourced_arg(&mut self, stmt: &Stmt) -> Option<(Source, Money, Span)> {
        self.no_block(stmt);
        let args = stmt.args();
        let (source, rest) = match args.first().and_then(|v| v.as_word()).map(Source::parse) {
            Some(Some(s)) => (s, &args[1..]),
            _ => (Source::GeneralPublic, args),
        };
        match rest.first() {
            None => {
                self.missing_value(stmt, Text::new("金额", "an amount"));
                None
            }
            Some(v) => {
                if rest.len() > 1 {
                    self.extra_args(stmt, args.len() - rest.len() + 1);
                }
                let span = v.span;
                self.amount(v).map(|m| (source, m, span))
            }
        }
    }

    /// The single text argument (a string or a word).
    pub(super) fn text_arg(&mut self, stmt: &Stmt) -> Option<Named> {
        self.no_block(stmt);
        match stmt.args().first() {
            None => {
                self.missing_value(stmt, Text::new("文字", "a text"));
                None
            }
            Some(v) => {
                self.extra_args(stmt, 1);
                Some(Named {
                    text: v.name(),
                    span: v.span,
                })
            }
        }
    }

    /// A whole number (a count), with or without a unit such as 个 or 辆.
    pub(super) fn count(&mut self, v: &Value) -> Option<u64> {
        if let Some(q) = v.as_quantity() {
            if q.cmp.is_none() {
                if let Ok(n) = q.number.parse::<u64>() {
                    return Some(n);
                }
            }
        }
        self.bad_value(
            v.span,
            Text::new("数量（整数）", "a count (a whole number)"),
            Text::new(
                "写一个非负整数，例如 0 或 7辆",
                "write a whole number, e.g. 0 or 7辆",
            ),
        );
        None
    }

    pub(super) fn count_arg(&mut self, stmt: &Stmt) -> Option<u64> {
        self.no_block(stmt);
        match stmt.args().first() {
            None => {
                self.missing_value(stmt, Text::new("数量", "a count"));
                None
            }
            Some(v) => {
                self.extra_args(stmt, 1);
                self.count(v)
            }
        }
    }

    /// A code of kind `C` (its digits; a wrong count of them is S1a / S2a).
    pub(super) fn code_of<C: ClassCode>(&mut self, v: &Value, what: Text) -> Option<C> {
        let ok = v
            .as_quantity()
            .filter(|q| {
                q.cmp.is_none()
                    && q.unit.is_none()
                    && q.number.bytes().all(|b| b.is_ascii_digit())
                    && q.number_raw == q.number
            })
            .map(|q| q.number.as_str());
        match ok.map(|code| (C::parse(code), code)) {
            Some((Ok(code), _)) => Some(code),
            Some((Err(_), code)) => {
                let function = C::LENGTHS.len() == 3;
                let lens = if function {
                    ("3、5 或 7", "3, 5 or 7")
                } else {
                    ("3 或 5", "3 or 5")
                };
                let help = if function {
                    Text::new(
                        "功能分类编码：类 3 位（如 201）、款 5 位（如 20113）、项 7 位（如 2011301）；款、项的编码以上级编码开头",
                        "function codes: 类 3 digits (201), 款 5 (20113), 项 7 (2011301); a 款 or 项 code starts with its parent's",
                    )
                } else {
                    Text::new(
                        "经济分类编码：类 3 位（如 302）、款 5 位（如 30201）；款的编码以类的编码开头",
                        "economic codes: 类 3 digits (302), 款 5 (30201); a 款 code starts with its 类's",
                    )
                };
                self.push(
                    Diagnostic::error(
                        if function { Code::S1a } else { Code::S2a },
                        v.span,
                        t!("{}“{code}”有 {} 位，应为 {} 位", what.zh, code.len(), lens.0; "the {} `{code}` has {} digits; it must have {}", what.en, code.len(), lens.1),
                    )
                    .label(Text::new("位数不对", "wrong number of digits"))
                    .help(help),
                );
                None
            }
            None => {
                self.bad_value(
                    v.span,
                    what,
                    Text::new(
                        "科目编码写作数字，例如 2011301",
                        "a code is written as digits, e.g. 2011301",
                    ),
                );
                None
            }
        }
    }
}
