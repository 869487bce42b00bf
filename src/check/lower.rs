//! Syntax tree → model: gives statements their meaning.
//!
//! Reports what a statement cannot mean here (unknown keyword, a value of the
//! wrong kind, a duplicate, a missing required statement); the arithmetic and
//! cross-table rules run afterwards on the model (`check::rules`).

use crate::diagnostic::{Code, Diagnostic, Span, Text};
use crate::model::money::{max_amount, Money};
use crate::model::*;
use crate::schema::{self, Place};
use crate::syntax::ast::{File, Stmt, Value, ValueKind};
use crate::t;
use rust_decimal::Decimal;
use std::collections::HashMap;
use std::str::FromStr;

pub mod narrative;
mod print;

pub fn lower(file: &File, diags: &mut Vec<Diagnostic>) -> Budget {
    let mut l = Lower {
        unit: DisplayUnit::Wanyuan,
        diags,
    };
    l.file(file)
}

struct Lower<'d> {
    unit: DisplayUnit,
    diags: &'d mut Vec<Diagnostic>,
}

/// Profiles known to the checker: (what the author writes, id).
pub const PROFILES: &[(&str, &str)] = crate::profiles::NAMES;

/// Tracks single-valued keys of one block to report duplicates. At a place
/// of the schema a key is tracked by its canonical word, so that two
/// spellings of one key (收入总计 and 合计) are a duplicate too.
#[derive(Default)]
struct Seen(HashMap<String, Span>, Option<Place>);

impl Seen {
    fn at(place: Place) -> Seen {
        Seen(HashMap::new(), Some(place))
    }
    fn first(&mut self, key: &str, span: Span, diags: &mut Vec<Diagnostic>) -> bool {
        // a key allowed many times (设备 by its label) is tracked as written
        let canonical = self
            .1
            .and_then(|p| schema::find(p, key))
            .filter(|k| !k.many)
            .map_or(key, |k| k.word);
        if let Some(prev) = self.0.get(canonical) {
            diags.push(
                Diagnostic::error(
                    Code::L007,
                    span,
                    t!("“{key}”重复出现", "`{key}` is written twice"),
                )
                .label(Text::new("重复的语句", "the repeated statement"))
                .related(*prev, Text::new("第一次出现在此", "first written here"))
                .help(Text::new(
                    "只保留一处：删除或合并其中一条",
                    "keep one: delete or merge the other",
                )),
            );
            false
        } else {
            self.0.insert(canonical.to_string(), span);
            true
        }
    }
}

fn edit_distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for i in 1..=a.len() {
        let mut cur = vec![i; b.len() + 1];
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            cur[j] = (prev[j] + 1).min(cur[j - 1] + 1).min(prev[j - 1] + cost);
        }
        prev = cur;
    }
    prev[b.len()]
}

/// The key nearest to `word` in edit distance, if near enough to be a typo.
pub(crate) fn closest<'k>(word: &str, keys: &[&'k str]) -> Option<&'k str> {
    let n = word.chars().count();
    keys.iter()
        // a word more than twice a key's length is never within half of it
        // (and a long word must not cost its length times each key)
        .filter(|k| n <= 2 * k.chars().count() + 2)
        .map(|k| (edit_distance(word, k), *k))
        .filter(|(d, k)| *d <= (n.max(k.chars().count()) / 2).max(1))
        .min_by_key(|(d, _)| *d)
        .map(|(_, k)| k)
}

fn is_fullwidth_number(s: &str) -> bool {
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
fn amount_typo(v: &Value) -> Option<(Diagnostic, Value)> {
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

fn halfwidth(s: &str) -> String {
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
    fn push(&mut self, d: Diagnostic) {
        self.diags.push(d);
    }

    fn unknown(&mut self, stmt: &Stmt, context: &Text, keys: &[&str]) {
        let word = stmt.head().map(|v| v.text()).unwrap_or_default();
        let span = stmt.head().map(|v| v.span).unwrap_or(stmt.span);
        let near = closest(&word, keys);
        let help = match near {
            Some(k) => t!("是否想写“{k}”？", "did you mean `{k}`?"),
            None => t!("此处可写：{}", keys.join("、"); "allowed here: {}", keys.join(", ")),
        };
        let mut d = Diagnostic::error(
            Code::L005,
            span,
            t!("{}中不能写“{word}”", context.zh; "`{word}` is not allowed in {}", context.en),
        )
        .label(Text::new("无法识别的语句", "statement not understood"))
        .help(help);
        if let Some(k) = near {
            d = d.fix(span, k);
        }
        self.push(d);
    }

    /// Whether the schema allows `word` at `place`; L005 when it does not
    /// (lowering reads no key the schema does not declare).
    fn known(&mut self, stmt: &Stmt, place: Place, word: &str) -> bool {
        if schema::find(place, word).is_some() {
            return true;
        }
        self.unknown_at(stmt, place);
        false
    }

    /// L005 for a key the schema does not allow at `place`.
    fn unknown_at(&mut self, stmt: &Stmt, place: Place) {
        self.unknown(stmt, &schema::label(place), &schema::words(place));
    }

    fn bad_value(&mut self, span: Span, what: Text, help: Text) {
        self.push(
            Diagnostic::error(
                Code::L006,
                span,
                t!("此处应为{}", what.zh; "expected {} here", what.en),
            )
            .label(t!("应为{}", what.zh; "expected {}", what.en))
            .help(help),
        );
    }

    fn missing_value(&mut self, stmt: &Stmt, what: Text) {
        let kw = stmt.head().map(|v| v.text()).unwrap_or_default();
        self.push(
            Diagnostic::error(
                Code::L006,
                stmt.head_span(),
                t!("“{kw}”缺少{}", what.zh; "`{kw}` is missing {}", what.en),
            )
            .label(t!("这里需要{}", what.zh; "{} needed here", what.en))
            .help(t!("在“{kw}”后写上{}", what.zh; "write {} after `{kw}`", what.en)),
        );
    }

    fn no_block(&mut self, stmt: &Stmt) {
        if let Some(b) = &stmt.block {
            let kw = stmt.head().map(|v| v.text()).unwrap_or_default();
            self.push(
                Diagnostic::error(
                    Code::L006,
                    b.span,
                    t!("“{kw}”后不能跟块", "`{kw}` takes no block"),
                )
                .label(Text::new("多余的块", "unexpected block"))
                .help(Text::new("删除这个 { … } 块", "remove this { … } block")),
            );
        }
    }

    /// Values beyond `n` arguments are an error.
    fn extra_args(&mut self, stmt: &Stmt, n: usize) {
        if stmt.args().len() > n {
            let first = stmt.args()[n].span;
            let last = stmt.args().last().map(|v| v.span).unwrap_or(first);
            let kw = stmt.head().map(|v| v.text()).unwrap_or_default();
            self.push(
                Diagnostic::error(
                    Code::L006,
                    first.join(last),
                    t!("“{kw}”后的值太多", "too many values after `{kw}`"),
                )
                .label(Text::new("多余的值", "extra values"))
                .help(Text::new(
                    "含空格的文字请用引号括起来，例如 \"甲 乙\"；否则删除多余的值",
                    "quote text that contains spaces, e.g. \"a b\"; otherwise remove the extra values",
                )),
            );
        }
    }

    fn block_of<'s>(&mut self, stmt: &'s Stmt) -> &'s [Stmt] {
        if stmt.block.is_none() {
            let kw = stmt.head().map(|v| v.text()).unwrap_or_default();
            self.push(
                Diagnostic::error(
                    Code::L006,
                    stmt.head_span(),
                    t!("“{kw}”需要一个 {{ … }} 块", "`{kw}` needs a {{ … }} block"),
                )
                .label(Text::new("缺少块", "block missing"))
                .help(t!(
                    "写作 {kw} {{ … }}，每行一项",
                    "write {kw} {{ … }} with one entry per line"
                )),
            );
        }
        stmt.children()
    }

    // ----- values -----

    /// An amount in 元.
    fn amount(&mut self, v: &Value) -> Option<Money> {
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
                let factor = match q.unit.as_deref() {
                    None => self.unit.factor(),
                    Some("元") => Decimal::ONE,
                    Some("万元") => Decimal::from(10_000),
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
                match n.checked_mul(factor) {
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

    fn too_large(&mut self, span: Span, raw: &str) {
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
    fn amount_typo(&mut self, v: &Value) -> Option<Option<Money>> {
        let (d, amount) = amount_typo(v)?;
        self.push(d);
        Some(self.amount(&amount))
    }

    /// The single amount argument of `KEY AMOUNT`.
    fn amount_arg(&mut self, stmt: &Stmt) -> Option<Money> {
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

    fn stated_arg(&mut self, stmt: &Stmt) -> Option<Stated> {
        let span = stmt.args().first().map(|v| v.span).unwrap_or(stmt.span);
        self.amount_arg(stmt).map(|amount| Stated { amount, span })
    }

    /// `KEY [SOURCE] AMOUNT` → (source, amount).
    fn sourced_arg(&mut self, stmt: &Stmt) -> Option<(Source, Money, Span)> {
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
    fn text_arg(&mut self, stmt: &Stmt) -> Option<Named> {
        self.no_block(stmt);
        match stmt.args().first() {
            None => {
                self.missing_value(stmt, Text::new("文字", "a text"));
                None
            }
            Some(v) => {
                self.extra_args(stmt, 1);
                Some(Named {
                    text: v.text(),
                    span: v.span,
                })
            }
        }
    }

    /// A whole number (a count), with or without a unit such as 个 or 辆.
    fn count(&mut self, v: &Value) -> Option<u64> {
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

    fn count_arg(&mut self, stmt: &Stmt) -> Option<u64> {
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

    // ----- the document -----

    /// The header statements (年度, 部门, 部门编码, 文件类型, 口径, 金额单位);
    /// false for any other keyword.
    fn header(&mut self, kw: &str, s: &Stmt, b: &mut Budget) -> bool {
        match kw {
            "年度" => {
                if let Some(v) = s.args().first() {
                    self.extra_args(s, 1);
                    match v.as_quantity().and_then(|q| q.number.parse::<i32>().ok()) {
                        Some(y)
                            if (1949..=2200).contains(&y)
                                && v.as_quantity().map(|q| q.unit.is_none()) == Some(true) =>
                        {
                            b.year = y
                        }
                        _ => self.bad_value(
                            v.span,
                            Text::new("年份", "a year"),
                            Text::new(
                                "写四位年份，例如 年度 2024",
                                "write a four-digit year, e.g. 年度 2024",
                            ),
                        ),
                    }
                } else {
                    self.missing_value(s, Text::new("年份", "a year"));
                }
                self.no_block(s);
            }
            "部门" => {
                if let Some(n) = self.text_arg(s) {
                    b.department = n;
                }
            }
            "部门编码" => {
                if let Some(n) = self.text_arg(s) {
                    b.department_code = Some(n.text);
                }
            }
            "文件类型" => {
                if let Some(n) = self.text_arg(s) {
                    match n.text.as_str() {
                    "部门预算" | "部门" => b.unit_document = false,
                    "单位预算" | "单位" => {
                        b.unit_document = true;
                        b.unit_document_span = Some(n.span);
                    }
                    _ => self.bad_value(
                        n.span,
                        Text::new("部门预算或单位预算", "部门预算 or 单位预算"),
                        Text::new(
                            "写作 文件类型 部门预算（部门的文件）或 文件类型 单位预算（预算单位自己的文件）",
                            "write 文件类型 部门预算 (the department's document) or 文件类型 单位预算 (a unit's own)",
                        ),
                    ),
                }
                }
            }
            "口径" => {
                if let Some(n) = self.text_arg(s) {
                    match PROFILES
                        .iter()
                        .find(|(w, id)| *w == n.text || *id == n.text)
                    {
                        Some((_, id)) => b.profile = id.to_string(),
                        None => {
                            let names: Vec<&str> = PROFILES.iter().map(|(w, _)| *w).collect();
                            self.bad_value(
                            n.span,
                            Text::new("已知的口径", "a known profile"),
                            t!("可用的口径：{}", names.join("、"); "known profiles: {}", names.join(", ")),
                        )
                        }
                    }
                }
            }
            "金额单位" => {
                if let Some(n) = self.text_arg(s) {
                    if DisplayUnit::parse(&n.text).is_none() {
                        self.bad_value(
                            n.span,
                            Text::new("“万元”或“元”", "万元 or 元"),
                            Text::new(
                                "写作 金额单位 万元 或 金额单位 元",
                                "write 金额单位 万元 or 金额单位 元",
                            ),
                        );
                    }
                }
            }
            _ => return false,
        }
        true
    }

    /// A top-level statement other than the header's.
    fn statement(&mut self, kw: &str, s: &Stmt, b: &mut Budget) {
        match kw {
            "职责" => b.prose.duties = self.text_arg(s).map(|n| n.text),
            "机构设置" => b.prose.organization = self.text_arg(s).map(|n| n.text),
            "名词解释" => b.prose.glossary = self.pairs(s),
            "其他说明" => b.prose.other = self.pairs(s),
            "原文" => b.prose.printed = self.pairs(s),
            "声明" => b.prose.claims = self.claim_lines(s),
            "单位" => {
                if let Some(u) = self.unit_decl(s) {
                    if let Some(prev) = b.units.iter().find(|x| x.name.text == u.name.text) {
                        let prev = prev.name.span;
                        self.push(
                        Diagnostic::error(
                            Code::L007,
                            u.name.span,
                            t!("单位“{}”重复声明", u.name.text; "the unit `{}` is declared twice", u.name.text),
                        )
                        .related(prev, Text::new("第一次声明在此", "first declared here"))
                        .help(Text::new("删除重复的单位声明", "remove the repeated declaration")),
                    );
                    } else {
                        b.units.push(u);
                    }
                }
            }
            "收入" => b.income = self.income(s),
            "支出" => b.expenditure = self.expenditure(s),
            "基本支出" => {
                let blk = self.economic(s);
                b.economic.push(blk);
            }
            "三公经费" => b.three_public = self.three_public(s),
            "机关运行经费" => b.admin_cost = self.admin_cost(s),
            "项目" => {
                if let Some(p) = self.project(s) {
                    b.projects.push(p);
                }
            }
            "整体绩效" => b.department_performance = Some(self.department_performance(s)),
            "绩效概况" => b.performance_summary = Some(self.performance_summary(s)),
            "政府采购" => b.procurement = Some(self.procurement(s)),
            "国有资产" => b.assets = Some(self.assets(s)),
            "上年" => b.last_year = self.last_year_block(s),
            "其余项目" => b.other_projects = self.stated_arg(s),
            "排版" => b.print = self.print_block(s),
            "舍入" => b.rounding = self.rounding_block(s),
            _ => self.unknown_at(s, Place::Top),
        }
    }

    /// L008 for each required header statement not written.
    fn missing_required(&mut self, required: &HashMap<&str, bool>) {
        let mut missing: Vec<&str> = required
            .iter()
            .filter(|(_, v)| !**v)
            .map(|(k, _)| *k)
            .collect();
        missing.sort_by_key(|k| {
            ["年度", "部门", "口径", "金额单位"]
                .iter()
                .position(|x| x == k)
        });
        for k in missing {
            let example = match k {
                "年度" => "年度 2024",
                "部门" => "部门 \"某某部门\"",
                "口径" => "口径 山西县级",
                _ => "金额单位 万元",
            };
            self.push(
                Diagnostic::error(
                    Code::L008,
                    Span::new(0, 0),
                    t!("缺少必需的“{k}”", "the required `{k}` is missing"),
                )
                .label(Text::new("文件从这里开始", "the file starts here"))
                .help(t!("在文件开头加上：{example}", "add at the top: {example}"))
                .fix(Span::new(0, 0), format!("{example}\n")),
            );
        }
    }

    /// L008 for a file that declares no unit, with the declaration as its fix.
    fn missing_units(&mut self, file: &File, b: &Budget) {
        if b.units.is_empty() && !file.stmts.is_empty() {
            // Insert the declaration before the first statement after the header.
            let at = file
                .stmts
                .iter()
                .find(|s| {
                    !matches!(
                        s.keyword(),
                        Some("年度" | "部门" | "部门编码" | "口径" | "金额单位" | "转录精度")
                    )
                })
                .map(|s| s.span.start)
                .unwrap_or(0);
            let name = if b.department.text.is_empty() {
                "某某单位".to_string()
            } else {
                b.department.text.clone()
            };
            let decl = format!(
                "单位 {} {{ 类型 行政 }}\n",
                crate::syntax::write_text(&name)
            );
            self.push(
                Diagnostic::error(
                    Code::L008,
                    Span::new(0, 0),
                    Text::new(
                        "缺少“单位”：至少声明一个预算单位",
                        "no `单位`: declare at least one budget unit",
                    ),
                )
                .label(Text::new("文件从这里开始", "the file starts here"))
                .help(Text::new(
                    "加上 单位 \"单位名称\" { 类型 行政 }（类型：行政、参公或事业）",
                    "add 单位 \"name\" { 类型 行政 } (类型: 行政, 参公 or 事业)",
                ))
                .fix(Span::new(at, at), decl),
            );
        }
    }

    fn file(&mut self, file: &File) -> Budget {
        let mut b = Budget::default();
        // The amount unit applies to the whole file: read it first.
        for s in &file.stmts {
            if s.keyword() == Some("金额单位") {
                if let Some(u) = s
                    .args()
                    .first()
                    .and_then(|v| v.as_word())
                    .and_then(DisplayUnit::parse)
                {
                    self.unit = u;
                }
            }
        }
        b.display_unit = self.unit;
        let mut seen = Seen::default();
        let mut required: HashMap<&str, bool> = ["年度", "部门", "口径", "金额单位"]
            .iter()
            .map(|k| (*k, false))
            .collect();
        let mut step_stmt = None;
        for s in &file.stmts {
            let Some(kw) = s.keyword() else {
                self.unknown_at(s, Place::Top);
                continue;
            };
            if !self.known(s, Place::Top, kw) {
                continue;
            }
            if let Some(r) = required.get_mut(kw) {
                *r = true;
            }
            let single = schema::find(Place::Top, kw).is_some_and(|k| !k.many);
            if single && !seen.first(kw, s.head_span(), self.diags) {
                continue;
            }
            match kw {
                "转录精度" => step_stmt = Some(s),
                _ if self.header(kw, s, &mut b) => {}
                _ => self.statement(kw, s, &mut b),
            }
        }
        self.same_project_names(&b.projects);
        if let Some(s) = step_stmt {
            if let Some(m) = self.amount_arg(s) {
                if m <= Decimal::ZERO {
                    self.bad_value(
                        s.args().first().map(|v| v.span).unwrap_or(s.span),
                        Text::new("正数", "a positive number"),
                        Text::new(
                            "写作 转录精度 0.01（表格四舍五入到 0.01）",
                            "write 转录精度 0.01 (tables rounded to 0.01)",
                        ),
                    );
                } else {
                    b.transcription_step = Some(m);
                }
            }
        }
        self.missing_required(&required);
        self.missing_units(file, &b);
        b
    }

    /// A block of `KEY "text"` lines.
    /// `声明 { 收入总计 1,329.84万元 比上年 增加1329.84万元 }`: each line's
    /// words as written (the checker reads the claims from the tree).
    fn claim_lines(&mut self, stmt: &Stmt) -> Vec<String> {
        self.extra_args(stmt, 0);
        self.block_of(stmt)
            .iter()
            .map(|c| {
                c.values
                    .iter()
                    .map(|v| match &v.kind {
                        ValueKind::Str(t) => {
                            format!("\"{}\"", t.replace('\\', "\\\\").replace('"', "\\\""))
                        }
                        _ => v.text(),
                    })
                    .collect::<Vec<_>>()
                    .join(" ")
            })
            .collect()
    }

    fn pairs(&mut self, stmt: &Stmt) -> Vec<(String, String)> {
        self.extra_args(stmt, 0);
        let mut out = Vec::new();
        let mut seen = Seen::default();
        for c in self.block_of(stmt) {
            let key = c.head().map(|v| v.text()).unwrap_or_default();
            if !seen.first(&key, c.head_span(), self.diags) {
                continue;
            }
            if let Some(t) = self.text_arg(c) {
                out.push((key, t.text));
            }
        }
        out
    }

    fn unit_decl(&mut self, stmt: &Stmt) -> Option<Unit> {
        let name = match stmt.args().first() {
            Some(v) => Named {
                text: v.text(),
                span: v.span,
            },
            None => {
                self.missing_value(stmt, Text::new("单位名称", "the unit's name"));
                return None;
            }
        };
        self.extra_args(stmt, 1);
        let mut kind = None;
        let mut code = None;
        let mut separate = true;
        let mut file = None;
        let mut seen = Seen::at(Place::Unit);
        for c in self.block_of(stmt) {
            let kw = c.keyword().unwrap_or_default();
            if !self.known(c, Place::Unit, kw) {
                continue;
            }
            if !seen.first(kw, c.head_span(), self.diags) {
                continue;
            }
            match kw {
                "类型" => {
                    if let Some(n) = self.text_arg(c) {
                        match UnitKind::parse(&n.text) {
                            Some(k) => kind = Some(k),
                            None => self.bad_value(
                                n.span,
                                Text::new("单位类型", "a unit kind"),
                                Text::new(
                                    "类型为 行政、参公 或 事业",
                                    "类型 is 行政, 参公 or 事业",
                                ),
                            ),
                        }
                    }
                }
                "编码" => code = self.text_arg(c).map(|n| n.text),
                "单列预算" => {
                    let help = Text::new(
                        "不单列预算、并入本部的单位写 单列预算 否",
                        "a unit merged into the head office (不单列预算) is 单列预算 否",
                    );
                    separate = self.yes_no(c, help).unwrap_or(true)
                }
                "文件" => file = self.text_arg(c),
                _ => self.unknown_at(c, Place::Unit),
            }
        }
        match kind {
            Some(kind) => Some(Unit {
                name,
                kind,
                code,
                merged: !separate,
                file,
                linked: None,
            }),
            None => {
                self.push(
                    Diagnostic::error(
                        Code::L008,
                        stmt.head_span(),
                        t!("单位“{}”缺少“类型”", name.text; "the unit `{}` has no `类型`", name.text),
                    )
                    .label(Text::new("此单位", "this unit"))
                    .help(Text::new(
                        "在块中写 类型 行政、类型 参公 或 类型 事业（机关运行经费取决于它）",
                        "write 类型 行政, 参公 or 事业 in its block (机关运行经费 depends on it)",
                    )),
                );
                None
            }
        }
    }

    fn income(&mut self, stmt: &Stmt) -> Income {
        self.extra_args(stmt, 0);
        let mut inc = Income {
            span: stmt.span,
            ..Income::default()
        };
        let mut seen = Seen::at(Place::Income);
        for c in self.block_of(stmt) {
            let kw = c.keyword().unwrap_or_default();
            if !self.known(c, Place::Income, kw) {
                continue;
            }
            if kw == "上年结转" {
                if let Some((s, m, span)) = self.sourced_arg(c) {
                    if let Some(prev) = inc.carryover.iter_mut().find(|(x, _)| *x == s) {
                        self.push(
                            Diagnostic::error(Code::L007, span, t!("上年结转（{}）重复出现", s.name_zh(); "上年结转 ({}) is written twice", s.name_en()))
                                .help(Text::new("合并为一行", "merge them into one line")),
                        );
                        prev.1 += m;
                    } else {
                        inc.carryover.push((s, m));
                    }
                }
                continue;
            }
            if !seen.first(kw, c.head_span(), self.diags) {
                continue;
            }
            if let Some(src) = Source::parse(kw) {
                if let Some(m) = self.amount_arg(c) {
                    inc.sources.push((src, m));
                    inc.spans.insert(src, c.span);
                }
                continue;
            }
            match kw {
                "本年收入合计" | "本年收入" => {
                    inc.stated_current_total = self.stated_arg(c)
                }
                "收入总计" | "合计" => inc.stated_total = self.stated_arg(c),
                "财政拨款收入" | "财政拨款" => inc.stated_fiscal = self.stated_arg(c),
                _ => {
                    let mut keys: Vec<&str> = Source::ALL.iter().map(|s| s.name_zh()).collect();
                    keys.extend(["上年结转", "本年收入合计", "收入总计"]);
                    self.unknown_at(c, Place::Income)
                }
            }
        }
        inc
    }

    fn code_of(&mut self, v: &Value, allowed: &[usize], what: Text) -> Option<(String, CodeLevel)> {
        let ok = v
            .as_quantity()
            .filter(|q| {
                q.cmp.is_none()
                    && q.unit.is_none()
                    && q.number.bytes().all(|b| b.is_ascii_digit())
                    && q.number_raw == q.number
            })
            .map(|q| q.number.clone());
        match ok {
            Some(code) if allowed.contains(&code.len()) => {
                let level = match code.len() {
                    3 => CodeLevel::Lei,
                    5 => CodeLevel::Kuan,
                    _ => CodeLevel::Xiang,
                };
                Some((code, level))
            }
            Some(code) => {
                let function = allowed.len() == 3;
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

    fn expenditure(&mut self, stmt: &Stmt) -> Expenditure {
        self.extra_args(stmt, 0);
        let mut e = Expenditure {
            span: stmt.span,
            ..Expenditure::default()
        };
        let mut seen = Seen::at(Place::Expenditure);
        let mut ctx = Parents::default();
        let children: Vec<&Stmt> = self.block_of(stmt).iter().collect();
        for c in children {
            if c.head().and_then(|v| v.as_quantity()).is_some() {
                self.function_row(c, &mut ctx, &mut e.rows);
                continue;
            }
            let kw = c.keyword().unwrap_or_default();
            if !seen.first(kw, c.head_span(), self.diags) {
                continue;
            }
            match kw {
                "本年支出合计" | "本年支出" => {
                    e.stated_current_total = self.stated_arg(c)
                }
                "基本支出合计" | "基本支出" => e.stated_basic_total = self.stated_arg(c),
                "项目支出合计" | "项目支出" => {
                    e.stated_project_total = self.stated_arg(c)
                }
                "支出总计" | "合计" => e.stated_total = self.stated_arg(c),
                "年终结转" => e.year_end_carryover = self.amount_arg(c).unwrap_or_default(),
                _ => self.unknown_at(c, Place::Expenditure),
            }
        }
        e
    }

    fn function_row(&mut self, stmt: &Stmt, ctx: &mut Parents, rows: &mut Vec<FunctionRow>) {
        let Some(head) = stmt.head() else { return };
        let Some((code, level)) =
            self.code_of(head, &[3, 5, 7], Text::new("功能分类编码", "function code"))
        else {
            return;
        };
        // The parent this row is written under must be a prefix of its code.
        let parent = match level {
            CodeLevel::Lei => None,
            CodeLevel::Kuan => ctx.lei.clone(),
            CodeLevel::Xiang => ctx.kuan.clone().or_else(|| ctx.lei.clone()),
        };
        if let Some((pcode, pspan)) = parent {
            if !code.starts_with(&pcode) {
                self.push(
                    Diagnostic::error(
                        Code::S1b,
                        head.span,
                        t!(
                            "科目 {code} 写在 {pcode} 之下，但编码不以 {pcode} 开头",
                            "code {code} is written under {pcode} but does not extend it"
                        ),
                    )
                    .label(t!("不属于 {pcode}", "not part of {pcode}"))
                    .related(pspan, t!("上级科目 {pcode}", "the parent {pcode}"))
                    .help(t!("把这一行移到编码为 {} 的上级科目之下，或改正编码", &code[..code.len() - 2]; "move this line under its parent {}, or correct the code", &code[..code.len() - 2])),
                );
            }
        }
        match level {
            CodeLevel::Lei => {
                ctx.lei = Some((code.clone(), head.span));
                ctx.kuan = None;
            }
            CodeLevel::Kuan => ctx.kuan = Some((code.clone(), head.span)),
            CodeLevel::Xiang => {}
        }
        let args = stmt.args();
        let (name, cell_args) = match args.first() {
            Some(v) if !matches!(v.kind, ValueKind::Quantity(_)) && !is_cell_word(v) => (
                Named {
                    text: v.text(),
                    span: v.span,
                },
                &args[1..],
            ),
            _ => (Named::default(), args),
        };
        let mut row = FunctionRow {
            code: code.clone(),
            name,
            level,
            cells: Vec::new(),
            stated_total: None,
            stated_basic: None,
            stated_project: None,
            last_year: None,
            facts: LineFacts::default(),
            code_span: head.span,
            span: stmt.span,
        };
        self.cells(cell_args, stmt, &mut row);
        let mut child_rows = Vec::new();
        if let Some(b) = &stmt.block {
            let mut inner = ctx.clone();
            for c in &b.stmts {
                if c.head()
                    .and_then(|v| v.as_quantity())
                    .filter(|q| {
                        q.cmp.is_none()
                            && q.unit.is_none()
                            && q.number.len() >= 3
                            && !q.number.contains('.')
                    })
                    .is_some()
                {
                    self.function_row(c, &mut inner, &mut child_rows);
                } else {
                    self.cells(&c.values, c, &mut row);
                    self.no_block(c);
                }
            }
        }
        if level != CodeLevel::Xiang {
            self.facts_on_group_line(&mut row);
        }
        if level != CodeLevel::Xiang && !row.cells.is_empty() {
            let first = row.cells[0].span;
            self.push(
                Diagnostic::error(
                    Code::L006,
                    first,
                    t!("{} 是{}，金额只能写在项（7 位）上", code, if level == CodeLevel::Lei { "类" } else { "款" }; "{} is a {}; amounts belong on 项 (7-digit) lines", code, if level == CodeLevel::Lei { "类" } else { "款" }),
                )
                .label(Text::new("类/款行上的金额", "an amount on a 类/款 line"))
                .help(Text::new(
                    "类、款行只写名称和核对用的 合计、基本、项目（不分资金来源）；把分来源的金额写到对应的 7 位项科目上",
                    "类 and 款 lines carry only a name and, to verify, a 合计, 基本 and 项目 (not by source); put the money by source on the 7-digit 项 lines",
                )),
            );
            row.cells.clear();
        }
        rows.push(row);
        rows.extend(child_rows);
    }

    /// Cells: `[基本|项目] [SOURCE] [结转] AMOUNT`, `合计 X`, `上年 X`.
    fn cells(&mut self, args: &[Value], stmt: &Stmt, row: &mut FunctionRow) {
        let mut dir: Option<Direction> = None;
        let mut source: Option<Source> = None;
        let mut carry = false;
        let mut special: Option<&str> = None;
        let mut start: Option<Span> = None;
        // a full-width amount is read as written in ASCII (its L004 says so)
        let mut read: Vec<Value> = Vec::with_capacity(args.len());
        for v in args {
            match v
                .as_word()
                .filter(|w| is_fullwidth_number(w))
                .and_then(|_| amount_typo(v))
            {
                Some((d, fixed)) => {
                    self.push(d);
                    read.push(fixed);
                }
                None => read.push(v.clone()),
            }
        }
        for v in &read {
            match &v.kind {
                ValueKind::Word(_) | ValueKind::Str(_)
                    if matches!(special, Some("用途" | "原因" | "变动")) =>
                {
                    let span = start.map(|s| s.join(v.span)).unwrap_or(v.span);
                    let k = special.unwrap_or_default();
                    self.line_text(row, k, v, span);
                    dir = None;
                    source = None;
                    carry = false;
                    special = None;
                    start = None;
                }
                ValueKind::Word(w) => {
                    start.get_or_insert(v.span);
                    match w.as_str() {
                        "基本" | "基本支出" => dir = Some(Direction::Basic),
                        "项目" | "项目支出" => dir = Some(Direction::Project),
                        "结转" | "上年结转" => carry = true,
                        "当年" => carry = false,
                        "合计" => special = Some("合计"),
                        "人员" | "人员经费" => special = Some("人员"),
                        "公用" | "公用经费" => special = Some("公用"),
                        other if narrative::line_fact_word(other).is_some() => {
                            special = narrative::line_fact_word(other)
                        }
                        other => match Source::parse(other) {
                            Some(s) => source = Some(s),
                            None => {
                                if is_fullwidth_number(other) {
                                    self.amount(v);
                                } else {
                                    self.bad_value(
                                        v.span,
                                        Text::new("支出栏目", "an expenditure cell"),
                                        Text::new(
                                            "每个栏目写作 [基本|项目] [资金来源] [结转] 金额，例如 基本 12.84、项目 结转 5.00；行的合计写作 合计 29.84",
                                            "write each cell as [基本|项目] [source] [结转] amount, e.g. 基本 12.84; a row total as 合计 29.84",
                                        ),
                                    );
                                }
                                return;
                            }
                        },
                    }
                }
                ValueKind::Quantity(_) => {
                    let span = start.map(|s| s.join(v.span)).unwrap_or(v.span);
                    let amount = self.amount(v);
                    match special {
                        Some("合计") => {
                            if let Some(a) = amount {
                                self.line_total(row, a, v.span);
                            }
                        }
                        Some(k @ ("人员" | "公用")) => {
                            if let Some(a) = amount {
                                self.line_split(row, k, a, v.span);
                            }
                        }
                        Some(k @ ("上年" | "上年执行")) => {
                            if let Some(a) = amount {
                                self.line_last_year(row, k, a, span);
                            }
                        }
                        Some(k) => {
                            let (k, span) = (k.to_string(), span);
                            self.line_text(row, &k, v, span);
                        }
                        None => match (dir, amount) {
                            // a 类/款 line's 基本/项目 as its table prints it
                            (Some(d), Some(a))
                                if row.level != CodeLevel::Xiang && source.is_none() && !carry =>
                            {
                                self.line_subtotal(row, d, a, v.span)
                            }
                            (Some(d), Some(a)) => row.cells.push(Cell {
                                direction: d,
                                source: source.unwrap_or(Source::GeneralPublic),
                                carryover: carry,
                                amount: a,
                                span,
                            }),
                            (None, Some(_)) => {
                                self.push(
                                    Diagnostic::error(
                                        Code::L006,
                                        v.span,
                                        Text::new("金额前缺少“基本”或“项目”", "the amount needs 基本 or 项目 before it"),
                                    )
                                    .label(Text::new("是基本支出还是项目支出？", "basic or project expenditure?"))
                                    .help(Text::new(
                                        "写作 基本 12.84 或 项目 17.00；核对用的行合计写作 合计 29.84",
                                        "write 基本 12.84 or 项目 17.00; a stated row total is 合计 29.84",
                                    )),
                                );
                            }
                            _ => {}
                        },
                    }
                    dir = None;
                    source = None;
                    carry = false;
                    special = None;
                    start = None;
                }
                ValueKind::Str(_) => {
                    self.bad_value(
                        v.span,
                        Text::new("支出栏目", "an expenditure cell"),
                        Text::new(
                            "科目名称只写一次，写在编码之后",
                            "the name comes once, right after the code",
                        ),
                    );
                    return;
                }
            }
        }
        if start.is_some() {
            self.push(
                Diagnostic::error(
                    Code::L006,
                    stmt.span,
                    Text::new("栏目缺少金额", "a cell is missing its amount"),
                )
                .label(Text::new(
                    "这一行的最后一个栏目没有金额",
                    "the last cell of this line has no amount",
                ))
                .help(Text::new(
                    "在栏目名后写金额，例如 基本 12.84",
                    "write the amount after the cell, e.g. 基本 12.84",
                )),
            );
        }
    }

    fn economic(&mut self, stmt: &Stmt) -> EconomicBlock {
        let mut blk = EconomicBlock {
            span: stmt.span,
            unit: stmt.args().first().map(|v| v.text()),
            ..EconomicBlock::default()
        };
        self.extra_args(stmt, 1);
        let mut seen = Seen::at(Place::Economic);
        let mut lei: Option<(String, Span)> = None;
        for c in self.block_of(stmt) {
            if c.head().and_then(|v| v.as_quantity()).is_some() {
                if let Some(r) = self.economic_row(c, &mut lei) {
                    blk.rows.push(r);
                }
                continue;
            }
            let kw = c.keyword().unwrap_or_default();
            if !seen.first(kw, c.head_span(), self.diags) {
                continue;
            }
            match kw {
                "合计" => blk.stated_total = self.stated_arg(c),
                "人员经费合计" | "人员经费" => blk.stated_personnel = self.stated_arg(c),
                "公用经费合计" | "公用经费" => blk.stated_public = self.stated_arg(c),
                "人员经费列举" => {
                    blk.listed_personnel = Some(self.listed(c, &blk.rows, true))
                }
                "公用经费列举" => blk.listed_public = Some(self.listed(c, &blk.rows, false)),
                _ => self.unknown_at(c, Place::Economic),
            }
        }
        blk
    }

    /// `人员经费列举 NAME…` / `公用经费列举 NAME…`: each name a 款 line
    /// above it in the block with 人员经费 (公用经费) money (else N17: the
    /// narrative would name an item the table does not have), once (else
    /// L007); a number is L006.
    fn listed(&mut self, stmt: &Stmt, rows: &[EconomicRow], personnel: bool) -> Vec<String> {
        self.no_block(stmt);
        let kind = if personnel {
            "人员经费"
        } else {
            "公用经费"
        };
        let mut seen = Seen::default();
        let mut out = Vec::new();
        for v in stmt.args() {
            let name = v.text();
            if v.as_quantity().is_some() {
                self.push(
                    Diagnostic::error(
                        Code::L006,
                        v.span,
                        t!("“{name}”不是款的名称", "`{name}` is not the name of a 款"),
                    )
                    .label(Text::new("应是名称", "a name is expected"))
                    .help(Text::new(
                        "例如 公用经费列举 办公费 邮电费",
                        "e.g. 公用经费列举 办公费 邮电费",
                    )),
                );
                continue;
            }
            let has = rows.iter().any(|r| {
                r.level == CodeLevel::Kuan
                    && r.name.text == name
                    && !(if personnel { r.personnel } else { r.public }).is_zero()
            });
            if !has {
                self.push(
                    Diagnostic::warning(
                        Code::N17,
                        v.span,
                        t!(
                            "说明列举的“{name}”不是上面有{kind}的经济分类款",
                            "the narrative's `{name}` is not an economic 款 line above with {kind}"
                        ),
                    )
                    .label(t!("表中没有{kind}的这一款", "no such 款 with {kind} in the table"))
                    .help(t!(
                        "列举写在各款之后，写其中有{kind}的款的名称，按说明印出的顺序",
                        "write the list after the lines: names of 款 lines with {kind}, in the order the narrative prints them"
                    )),
                );
            }
            if seen.first(&name, v.span, self.diags) {
                out.push(name);
            }
        }
        if stmt.args().is_empty() {
            self.push(
                Diagnostic::error(
                    Code::L006,
                    stmt.span,
                    t!("“{kind}列举”后没有名称", "no names after `{kind}列举`"),
                )
                .label(Text::new("缺少名称", "names missing"))
                .help(Text::new(
                    "例如 公用经费列举 办公费 邮电费",
                    "e.g. 公用经费列举 办公费 邮电费",
                )),
            );
        }
        out
    }

    fn economic_row(
        &mut self,
        stmt: &Stmt,
        lei: &mut Option<(String, Span)>,
    ) -> Option<EconomicRow> {
        let head = stmt.head()?;
        let (code, level) =
            self.code_of(head, &[3, 5], Text::new("经济分类编码", "economic code"))?;
        match level {
            CodeLevel::Lei => *lei = Some((code.clone(), head.span)),
            _ => {
                if let Some((p, pspan)) = lei.clone() {
                    if !code.starts_with(&p) {
                        self.push(
                            Diagnostic::error(
                                Code::S2b,
                                head.span,
                                t!(
                                    "经济科目 {code} 写在 {p} 之下，但编码不以 {p} 开头",
                                    "economic code {code} is written under {p} but does not extend it"
                                ),
                            )
                            .label(t!("不属于 {p}", "not part of {p}"))
                            .related(pspan, t!("上级科目 {p}", "the parent {p}"))
                            .help(t!("把这一行移到 {} 之下，或改正编码", &code[..3]; "move this line under {}, or correct the code", &code[..3])),
                        );
                    }
                }
            }
        }
        let mut row = EconomicRow {
            code: code.clone(),
            name: Named::default(),
            level,
            government_code: None,
            government_name: None,
            personnel: Money::ZERO,
            public: Money::ZERO,
            stated_total: None,
            code_span: head.span,
            government_span: Span::default(),
            span: stmt.span,
        };
        let args = stmt.args();
        let mut i = 0;
        if let Some(v) = args.first() {
            if !matches!(v.kind, ValueKind::Quantity(_))
                && !matches!(v.as_word(), Some("政府" | "人员" | "公用" | "合计"))
            {
                row.name = Named {
                    text: v.text(),
                    span: v.span,
                };
                i = 1;
            }
        }
        let default_personnel = code.starts_with("301") || code.starts_with("303");
        let mut any_amount = false;
        while i < args.len() {
            let v = &args[i];
            match v.as_word() {
                Some("政府") => {
                    let Some(g) = args.get(i + 1) else {
                        self.bad_value(
                            v.span,
                            Text::new("政府经济分类编码", "a government economic code"),
                            Text::new("写作 政府 50201", "write 政府 50201"),
                        );
                        return Some(row);
                    };
                    if let Some((gc, _)) = self.code_of(
                        g,
                        &[3, 5],
                        Text::new("政府经济分类编码", "government economic code"),
                    ) {
                        row.government_code = Some(gc);
                        row.government_span = g.span;
                    }
                    i += 2;
                    if let Some(n) = args.get(i) {
                        if !matches!(n.kind, ValueKind::Quantity(_))
                            && !matches!(n.as_word(), Some("人员" | "公用" | "合计"))
                        {
                            row.government_name = Some(n.text());
                            row.government_span = row.government_span.join(n.span);
                            i += 1;
                        }
                    }
                }
                Some(k @ ("人员" | "公用" | "合计")) => {
                    let Some(a) = args.get(i + 1) else {
                        self.missing_value(stmt, Text::new("金额", "an amount"));
                        return Some(row);
                    };
                    let m = self.amount(a);
                    if let Some(m) = m {
                        match k {
                            "人员" => row.personnel += m,
                            "公用" => row.public += m,
                            _ => {
                                row.stated_total = Some(Stated {
                                    amount: m,
                                    span: a.span,
                                })
                            }
                        }
                        any_amount |= k != "合计";
                    }
                    i += 2;
                }
                _ if matches!(v.kind, ValueKind::Quantity(_)) => {
                    if let Some(m) = self.amount(v) {
                        if default_personnel {
                            row.personnel += m;
                        } else {
                            row.public += m;
                        }
                        any_amount = true;
                    }
                    i += 1;
                }
                _ => {
                    self.bad_value(
                        v.span,
                        Text::new("经济分类栏目", "an economic-table cell"),
                        Text::new(
                            "一行写作 编码 名称 [政府 编码 [名称]] 人员 X 公用 Y；类行写 合计 X",
                            "a line is CODE NAME [政府 CODE [NAME]] 人员 X 公用 Y; a 类 line carries 合计 X",
                        ),
                    );
                    return Some(row);
                }
            }
        }
        self.no_block(stmt);
        if level == CodeLevel::Lei && any_amount {
            self.push(
                Diagnostic::error(
                    Code::L006,
                    stmt.span,
                    t!(
                        "{code} 是类，金额只能写在款（5 位）上",
                        "{code} is a 类; amounts belong on 款 (5-digit) lines"
                    ),
                )
                .label(Text::new("类行上的金额", "an amount on a 类 line"))
                .help(Text::new(
                    "类行只写名称和 合计（核对用）",
                    "a 类 line carries only a name and a 合计 to verify",
                )),
            );
            row.personnel = Money::ZERO;
            row.public = Money::ZERO;
        }
        Some(row)
    }

    fn three_public(&mut self, stmt: &Stmt) -> ThreePublic {
        self.extra_args(stmt, 0);
        let mut tp = ThreePublic {
            written: true,
            span: stmt.span,
            ..ThreePublic::default()
        };
        let mut seen = Seen::default();
        for c in self.block_of(stmt) {
            let kw = c.keyword().unwrap_or_default();
            if !self.known(c, Place::ThreePublic, kw) {
                continue;
            }
            let key = match kw {
                "因公出国（境）费"
                | "因公出国(境)费"
                | "因公出国（境）费用"
                | "因公出国(境)费用" => "abroad",
                "公务接待费" => "reception",
                "公务用车购置费" | "购置费" => "purchase",
                "公务用车运行维护费" | "运行维护费" | "公务用车运行费" | "运行费" => {
                    "running"
                }
                "公务用车购置及运行费" | "公务用车购置及运行维护费" => {
                    "vehicle"
                }
                "合计" => "total",
                _ => {
                    self.unknown_at(c, Place::ThreePublic);
                    continue;
                }
            };
            if !seen.first(key, c.head_span(), self.diags) {
                continue;
            }
            match key {
                "vehicle" => tp.stated_vehicle_total = self.stated_arg(c),
                "total" => tp.stated_total = self.stated_arg(c),
                _ => {
                    let slot = match key {
                        "abroad" => &mut tp.abroad,
                        "reception" => &mut tp.reception,
                        "purchase" => &mut tp.vehicle_purchase,
                        _ => &mut tp.vehicle_running,
                    };
                    slot.span = c.span;
                    // `KEY [SOURCE] X [SOURCE X]…`
                    let args = c.args();
                    let mut i = 0;
                    let mut src = Source::GeneralPublic;
                    let mut got = false;
                    while i < args.len() {
                        if let Some(s) = args[i].as_word().and_then(Source::parse) {
                            src = s;
                        } else {
                            let amount = {
                                let v = &args[i];
                                let mut l = Lower {
                                    unit: self.unit,
                                    diags: self.diags,
                                };
                                l.amount(v)
                            };
                            if let Some(m) = amount {
                                let slot = match key {
                                    "abroad" => &mut tp.abroad,
                                    "reception" => &mut tp.reception,
                                    "purchase" => &mut tp.vehicle_purchase,
                                    _ => &mut tp.vehicle_running,
                                };
                                slot.by_source.push((src, m));
                            }
                            got = true;
                            src = Source::GeneralPublic;
                        }
                        i += 1;
                    }
                    if !got {
                        self.missing_value(c, Text::new("金额", "an amount"));
                    }
                    self.no_block(c);
                }
            }
        }
        tp
    }

    fn admin_cost(&mut self, stmt: &Stmt) -> AdminCost {
        let mut ac = AdminCost {
            span: stmt.span,
            ..AdminCost::default()
        };
        if stmt.block.is_none() {
            ac.stated = self.stated_arg(stmt);
            return ac;
        }
        self.extra_args(stmt, 0);
        for c in stmt.children() {
            let key = c.head().map(|v| v.text()).unwrap_or_default();
            if key == "合计" {
                ac.stated = self.stated_arg(c);
            } else if let Some(m) = self.amount_arg(c) {
                ac.by_unit.push((
                    Named {
                        text: key,
                        span: c.head().map(|v| v.span).unwrap_or(c.span),
                    },
                    m,
                ));
            }
        }
        ac
    }

    /// Two projects of one unit with one name (L007): the tables could not
    /// tell them apart. Both are kept (nothing is dropped, so the rules still
    /// run over them).
    fn same_project_names(&mut self, projects: &[Project]) {
        let mut first: HashMap<(Option<&str>, &str), Span> = HashMap::new();
        for p in projects {
            let key = (
                p.unit.as_ref().map(|u| u.text.as_str()),
                p.name.text.as_str(),
            );
            let Some(at) = first.get(&key).copied() else {
                first.insert(key, p.name.span);
                continue;
            };
            let n = &p.name.text;
            self.push(
                Diagnostic::error(Code::L007, p.name.span, t!("项目“{n}”重复出现", "the project `{n}` is written twice"))
                    .label(Text::new("同名的第二个项目", "the second project of this name"))
                    .related(at, Text::new("同名的项目第一次出现在此", "first project of this name"))
                    .help(Text::new(
                        "每个项目的名称应唯一：改正其中一个的名称，或删除重复的项目",
                        "each project needs its own name: correct one of the names, or delete the duplicate",
                    ))
                    .recovered(),
            );
        }
    }

    fn project(&mut self, stmt: &Stmt) -> Option<Project> {
        let name = match stmt.args().first() {
            Some(v) => Named {
                text: v.text(),
                span: v.span,
            },
            None => {
                self.missing_value(stmt, Text::new("项目名称", "the project's name"));
                return None;
            }
        };
        self.extra_args(stmt, 1);
        let mut p = Project {
            name,
            unit: None,
            category: None,
            function_code: None,
            amounts: Vec::new(),
            carryover: Vec::new(),
            published: false,
            target: None,
            span: stmt.span,
        };
        let mut seen = Seen::at(Place::Project);
        for c in self.block_of(stmt) {
            let kw = c.keyword().unwrap_or_default();
            if !self.known(c, Place::Project, kw) {
                continue;
            }
            if kw == "上年结转" {
                if let Some((s, m, _)) = self.sourced_arg(c) {
                    p.carryover.push((s, m));
                }
                continue;
            }
            if !seen.first(kw, c.head_span(), self.diags) {
                continue;
            }
            if let Some(src) = Source::parse(kw) {
                if let Some(m) = self.amount_arg(c) {
                    p.amounts.push((src, m));
                }
                continue;
            }
            match kw {
                "金额" => {
                    if let Some((s, m, _)) = self.sourced_arg(c) {
                        p.amounts.push((s, m));
                    }
                }
                "单位" => p.unit = self.text_arg(c),
                "类别" => {
                    if let Some(n) = self.text_arg(c) {
                        match ProjectCategory::parse(&n.text) {
                            Some(k) => p.category = Some(k),
                            None => self.bad_value(
                                n.span,
                                Text::new("项目类别", "a project category"),
                                Text::new(
                                    "类别为 其他运转类 或 特定目标类",
                                    "类别 is 其他运转类 or 特定目标类",
                                ),
                            ),
                        }
                    }
                }
                "功能" | "功能科目" => {
                    if let Some(v) = c.args().first() {
                        self.extra_args(c, 1);
                        if let Some((code, level)) =
                            self.code_of(v, &[3, 5, 7], Text::new("功能分类编码", "function code"))
                        {
                            if level != CodeLevel::Xiang {
                                self.bad_value(
                                    v.span,
                                    Text::new("7 位项科目编码", "a 7-digit 项 code"),
                                    Text::new(
                                        "项目的功能科目写到项（7 位），例如 功能 2011302",
                                        "give the project's 项 code (7 digits), e.g. 功能 2011302",
                                    ),
                                );
                            } else {
                                p.function_code = Some(Named {
                                    text: code,
                                    span: v.span,
                                });
                            }
                        }
                    } else {
                        self.missing_value(c, Text::new("功能分类编码", "a function code"));
                    }
                }
                "绩效公开" => {
                    if let Some(n) = self.text_arg(c) {
                        match n.text.as_str() {
                            "是" | "公开" => p.published = true,
                            "否" | "不公开" => p.published = false,
                            _ => self.bad_value(
                                n.span,
                                Text::new("“是”或“否”", "是 or 否"),
                                Text::new(
                                    "写作 绩效公开 是 或 绩效公开 否",
                                    "write 绩效公开 是 or 绩效公开 否",
                                ),
                            ),
                        }
                    }
                }
                "绩效目标" => p.target = Some(self.project_target(c)),
                _ => self.unknown_at(c, Place::Project),
            }
        }
        Some(p)
    }

    fn funding(&mut self, stmt: &Stmt) -> FundingSplit {
        self.extra_args(stmt, 0);
        let mut f = FundingSplit {
            span: stmt.span,
            ..FundingSplit::default()
        };
        let mut seen = Seen::default();
        for c in self.block_of(stmt) {
            let kw = c.keyword().unwrap_or_default();
            if !self.known(c, Place::Funding, kw) {
                continue;
            }
            let key = match kw {
                "中央" | "中央财政资金" => "central",
                "省级" | "省级财政资金" => "provincial",
                "市县" | "市县(区)财政资金" | "市县（区）财政资金" | "市县财政资金" => {
                    "local"
                }
                "自筹" | "单位自筹" => "own",
                "其他" | "其他资金" => "other",
                "合计" | "资金总额" => "total",
                _ => {
                    self.unknown_at(c, Place::Funding);
                    continue;
                }
            };
            if !seen.first(key, c.head_span(), self.diags) {
                continue;
            }
            if key == "total" {
                f.stated_total = self.stated_arg(c);
                continue;
            }
            let m = self.amount_arg(c).unwrap_or_default();
            match key {
                "central" => f.central = m,
                "provincial" => f.provincial = m,
                "local" => f.local = m,
                "own" => f.own = m,
                _ => f.other = m,
            }
        }
        f
    }

    fn project_target(&mut self, stmt: &Stmt) -> ProjectTarget {
        self.extra_args(stmt, 0);
        let mut t = ProjectTarget {
            span: stmt.span,
            ..ProjectTarget::default()
        };
        let mut seen = Seen::at(Place::Target);
        for c in self.block_of(stmt) {
            let kw = c.keyword().unwrap_or_default();
            if !self.known(c, Place::Target, kw) {
                continue;
            }
            let key = if kw == "绩效指标" {
                match c.args().first().and_then(|v| v.as_word()) {
                    Some("年度") => "绩效指标 年度",
                    _ => "绩效指标 实施期",
                }
            } else {
                kw
            };
            if !seen.first(key, c.head_span(), self.diags) {
                continue;
            }
            let text = |l: &mut Self| l.text_arg(c).map(|n| n.text);
            match key {
                "项目属性" => t.attribute = text(self),
                "项目期" => t.period = text(self),
                "实施期资金" => t.funding_period = Some(self.funding(c)),
                "年度资金" => t.funding_year = Some(self.funding(c)),
                "概况" | "项目概况" => t.overview = text(self),
                "立项依据" => t.basis = text(self),
                "必要性" | "项目设立必要性" => t.necessity = text(self),
                "保证措施" => t.safeguards = text(self),
                "实施计划" | "项目实施计划" => t.plan = text(self),
                "实施期目标" | "总体目标" => t.goal_period = text(self),
                "年度目标" => t.goal_year = text(self),
                "填报日期" => t.filed = text(self),
                "绩效指标 实施期" => t.indicators_period = self.indicators(c),
                "绩效指标 年度" => t.indicators_year = Some(self.indicators(c)),
                _ => self.unknown_at(c, Place::Target),
            }
        }
        t
    }

    fn indicators(&mut self, stmt: &Stmt) -> Indicators {
        if let Some(v) = stmt.args().first() {
            if !matches!(v.as_word(), Some("实施期" | "年度")) {
                self.bad_value(
                    v.span,
                    Text::new("“实施期”或“年度”", "实施期 or 年度"),
                    Text::new(
                        "写作 绩效指标 { … }、绩效指标 实施期 { … } 或 绩效指标 年度 { … }",
                        "write 绩效指标 { … }, 绩效指标 实施期 { … } or 绩效指标 年度 { … }",
                    ),
                );
            }
        }
        self.extra_args(stmt, 1);
        let mut ind = Indicators {
            span: stmt.span,
            level1: Vec::new(),
        };
        for c1 in self.block_of(stmt) {
            let Some(h1) = c1.head() else { continue };
            self.extra_args(c1, 0);
            let mut l1 = Level1 {
                name: Named {
                    text: h1.text(),
                    span: h1.span,
                },
                level2: Vec::new(),
            };
            for c2 in self.block_of(c1) {
                let Some(h2) = c2.head() else { continue };
                if c2.block.is_none() {
                    self.push(
                        Diagnostic::error(
                            Code::L006,
                            c2.span,
                            t!("指标“{}”直接写在一级指标之下", h2.text(); "the indicator `{}` is written directly under a 一级 indicator", h2.text()),
                        )
                        .label(Text::new("缺少二级指标", "no 二级 indicator"))
                        .help(t!("三级指标要写在二级指标块中，例如 {} {{ 时效指标 {{ 完成时间 全年 }} }}", h1.text(); "三级 indicators go inside a 二级 block, e.g. {} {{ 时效指标 {{ 完成时间 全年 }} }}", h1.text())),
                    );
                    continue;
                }
                self.extra_args(c2, 0);
                let mut l2 = Level2 {
                    name: Named {
                        text: h2.text(),
                        span: h2.span,
                    },
                    items: Vec::new(),
                };
                for c3 in c2.children() {
                    let Some(h3) = c3.head() else { continue };
                    self.no_block(c3);
                    let Some(v) = c3.args().first() else {
                        self.missing_value(c3, Text::new("指标值", "an indicator value"));
                        continue;
                    };
                    self.extra_args(c3, 1);
                    let value = match &v.kind {
                        ValueKind::Quantity(q) => IndicatorValue {
                            text: v.text(),
                            cmp: q.cmp,
                            number: Decimal::from_str(&q.number).ok(),
                            unit: q.unit.clone(),
                            span: v.span,
                        },
                        _ => IndicatorValue {
                            text: v.text(),
                            cmp: None,
                            number: None,
                            unit: None,
                            span: v.span,
                        },
                    };
                    l2.items.push(Indicator {
                        name: Named {
                            text: h3.text(),
                            span: h3.span,
                        },
                        value,
                    });
                }
                l1.level2.push(l2);
            }
            ind.level1.push(l1);
        }
        ind
    }

    fn department_performance(&mut self, stmt: &Stmt) -> DepartmentPerformance {
        self.extra_args(stmt, 0);
        let mut dp = DepartmentPerformance {
            span: stmt.span,
            ..DepartmentPerformance::default()
        };
        let mut seen = Seen::at(Place::DepartmentPerformance);
        for c in self.block_of(stmt) {
            let kw = c.keyword().unwrap_or_default();
            if !self.known(c, Place::DepartmentPerformance, kw) {
                continue;
            }
            if !seen.first(kw, c.head_span(), self.diags) {
                continue;
            }
            match kw {
                "绩效指标" => dp.indicators = self.indicators(c),
                "内设职能部门数"
                | "所属预算单位数"
                | "核定编制"
                | "在职人员"
                | "在编人员"
                | "其他人员" => {
                    if let Some(n) = self.count_arg(c) {
                        dp.facts.push((kw.to_string(), n.to_string()));
                    }
                }
                "部门职责" | "战略目标" | "核心职能" | "重点任务" | "年度目标" => {
                    if let Some(n) = self.text_arg(c) {
                        dp.facts.push((kw.to_string(), n.text));
                    }
                }
                _ => self.unknown_at(c, Place::DepartmentPerformance),
            }
        }
        dp
    }

    fn performance_summary(&mut self, stmt: &Stmt) -> PerformanceSummary {
        self.extra_args(stmt, 0);
        let mut ps = PerformanceSummary {
            span: stmt.span,
            ..PerformanceSummary::default()
        };
        let mut seen = Seen::at(Place::Summary);
        for c in self.block_of(stmt) {
            let kw = c.keyword().unwrap_or_default();
            if !self.known(c, Place::Summary, kw) {
                continue;
            }
            if !seen.first(kw, c.head_span(), self.diags) {
                continue;
            }
            match kw {
                "单位数" => ps.units = self.count_arg(c),
                "项目数" => ps.projects = self.count_arg(c),
                "金额" => ps.amount = self.stated_arg(c),
                _ => self.unknown_at(c, Place::Summary),
            }
        }
        ps
    }

    fn procurement(&mut self, stmt: &Stmt) -> Procurement {
        self.extra_args(stmt, 0);
        let mut p = Procurement {
            span: stmt.span,
            ..Procurement::default()
        };
        let mut seen = Seen::at(Place::Procurement);
        for c in self.block_of(stmt) {
            let kw = c.keyword().unwrap_or_default();
            if !self.known(c, Place::Procurement, kw) {
                continue;
            }
            if !seen.first(kw, c.head_span(), self.diags) {
                continue;
            }
            match kw {
                "货物" => p.goods = self.amount_arg(c).unwrap_or_default(),
                "工程" => p.works = self.amount_arg(c).unwrap_or_default(),
                "服务" => p.services = self.amount_arg(c).unwrap_or_default(),
                "合计" | "总额" => p.stated_total = self.stated_arg(c),
                "中小企业预留" => p.sme_reserved = self.stated_arg(c),
                "小微企业预留" => p.small_micro_reserved = self.stated_arg(c),
                _ => self.unknown_at(c, Place::Procurement),
            }
        }
        p
    }

    fn counts(&mut self, stmt: &Stmt) -> Vec<(String, u64)> {
        self.extra_args(stmt, 0);
        let mut out = Vec::new();
        let mut seen = Seen::default();
        for c in self.block_of(stmt) {
            let kw = c.head().map(|v| v.text()).unwrap_or_default();
            if !seen.first(&kw, c.head_span(), self.diags) {
                continue;
            }
            if let Some(n) = self.count_arg(c) {
                out.push((kw, n));
            }
        }
        out
    }

    fn assets(&mut self, stmt: &Stmt) -> Assets {
        self.extra_args(stmt, 0);
        let mut a = Assets {
            span: stmt.span,
            ..Assets::default()
        };
        let mut seen = Seen::at(Place::Assets);
        for c in self.block_of(stmt) {
            let kw = c.head().map(|v| v.text()).unwrap_or_default();
            if !self.known(c, Place::Assets, &kw) {
                continue;
            }
            let key = match (kw.as_str(), c.args().first()) {
                ("设备", Some(label)) => label.text(),
                _ => kw.clone(),
            };
            if !seen.first(&key, c.head_span(), self.diags) {
                continue;
            }
            match kw.as_str() {
                "截至" => a.as_of = self.text_arg(c).map(|n| n.text),
                "车辆" => {
                    let mut kinds = Seen::default();
                    for c2 in self.block_of(c) {
                        let k = c2.head().map(|v| v.text()).unwrap_or_default();
                        if !kinds.first(&k, c2.head_span(), self.diags) {
                            continue;
                        }
                        let Some(n) = self.count_arg(c2) else {
                            continue;
                        };
                        match k.as_str() {
                            "编制" | "编制数" => a.vehicle_quota = Some(n),
                            "实有" | "实有数" | "合计" => {
                                a.vehicles_stated = Some(n);
                                a.vehicles_stated_span =
                                    c2.args().first().map(|v| v.span).unwrap_or(c2.span);
                            }
                            _ => a.vehicles.push((k, n)),
                        }
                    }
                }
                "办公用房" | "房屋" => {
                    if let Some(v) = c.args().first() {
                        self.extra_args(c, 1);
                        match v.as_quantity() {
                            Some(q)
                                if q.cmp.is_none()
                                    && matches!(
                                        q.unit.as_deref(),
                                        None | Some("平方米") | Some("㎡")
                                    ) =>
                            {
                                a.office_area = Decimal::from_str(&q.number).ok();
                            }
                            _ => self.bad_value(
                                v.span,
                                Text::new("面积", "an area"),
                                Text::new(
                                    "写作 办公用房 220.22平方米",
                                    "write 办公用房 220.22平方米",
                                ),
                            ),
                        }
                    } else {
                        self.missing_value(c, Text::new("面积", "an area"));
                    }
                }
                "购置计划" => self.purchase_plan(c, &mut a),
                k if k == "设备" || k.ends_with("设备") => {
                    if let Some(e) = self.equipment(c) {
                        a.equipment.push(e);
                    }
                }
                _ => self.unknown_at(c, Place::Assets),
            }
        }
        a
    }
}

/// The 类 and 款 a row is written under.
#[derive(Default, Clone)]
struct Parents {
    lei: Option<(String, Span)>,
    kuan: Option<(String, Span)>,
}

fn is_cell_word(v: &Value) -> bool {
    match v.as_word() {
        Some(w) => {
            matches!(
                w,
                "基本"
                    | "项目"
                    | "基本支出"
                    | "项目支出"
                    | "结转"
                    | "上年结转"
                    | "当年"
                    | "合计"
                    | "上年"
            ) || Source::parse(w).is_some()
        }
        None => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::syntax::parse;

    fn lower_src(src: &str) -> (Budget, Vec<Diagnostic>) {
        let p = parse(src);
        let mut d = p.diagnostics;
        let b = lower(&p.file, &mut d);
        (b, d)
    }

    #[test]
    fn amounts_in_units() {
        let (b, d) = lower_src("年度 2024\n部门 甲\n口径 山西县级\n金额单位 万元\n单位 甲 { 类型 行政 }\n收入 {\n 一般公共预算 12.84\n 单位资金 119000元\n}\n");
        assert!(d.is_empty(), "{d:?}");
        assert_eq!(b.income.sources[0].1, Decimal::from(128400));
        assert_eq!(b.income.sources[1].1, Decimal::from(119000));
    }

    const LISTED: &str = "年度 2024\n部门 甲\n口径 山西县级\n金额单位 万元\n单位 甲 { 类型 行政 }\n基本支出 {\n  30201 办公费 公用 3.00\n  30207 邮电费 公用 0.20\n  30101 基本工资 人员 5.00\n";

    #[test]
    fn listed_items_keep_their_order() {
        let (b, d) = lower_src(&format!(
            "{LISTED}  公用经费列举 邮电费 办公费\n  人员经费列举 基本工资\n}}\n"
        ));
        assert!(d.is_empty(), "{d:?}");
        let blk = &b.economic[0];
        assert_eq!(
            blk.listed_public.as_deref(),
            Some(&["邮电费".to_string(), "办公费".to_string()][..])
        );
        assert_eq!(
            blk.listed_personnel.as_deref(),
            Some(&["基本工资".to_string()][..])
        );
    }

    #[test]
    fn a_listed_item_must_be_a_line_with_that_money_once() {
        let src = format!("{LISTED}  公用经费列举 办公费 基本工资 差旅费 办公费 12\n}}\n");
        let (b, d) = lower_src(&src);
        let found: Vec<(&str, &str)> = d
            .iter()
            .map(|d| (d.code.as_str(), &src[d.span.start..d.span.end]))
            .collect();
        // 基本工资 has no 公用经费, 差旅费 is no line of the block (the
        // narrative would name what the table lacks), 办公费 twice, 12 no name
        assert_eq!(
            found,
            [
                ("N17", "基本工资"),
                ("N17", "差旅费"),
                ("L007", "办公费"),
                ("L006", "12")
            ]
        );
        assert!(d[0].severity == crate::diagnostic::Severity::Warning);
        assert_eq!(
            b.economic[0].listed_public.as_deref(),
            Some(
                &[
                    "办公费".to_string(),
                    "基本工资".to_string(),
                    "差旅费".to_string()
                ][..]
            )
        );
        let (_, d) = lower_src(&format!("{LISTED}  公用经费列举\n}}\n"));
        assert_eq!(
            d.iter().map(|d| d.code.as_str()).collect::<Vec<&str>>(),
            ["L006"]
        );
    }

    #[test]
    fn unknown_key_suggests() {
        let (_, d) = lower_src("年度 2024\n部门 甲\n口径 山西县级\n金额单位 万元\n单位 甲 { 类型 行政 }\n收入 { 一般公共预箅 1 }\n");
        assert_eq!(d.len(), 1);
        assert_eq!(d[0].code, "L005");
        assert!(d[0]
            .help
            .as_ref()
            .map(|h| h.zh.contains("一般公共预算"))
            .unwrap_or(false));
    }

    #[test]
    fn huge_amount_is_l009() {
        let (_, d) = lower_src(&format!("年度 2024\n部门 甲\n口径 山西县级\n金额单位 万元\n单位 甲 {{ 类型 行政 }}\n收入 {{ 一般公共预算 1{} }}\n", "0".repeat(40)));
        assert_eq!(d.iter().map(|d| d.code).collect::<Vec<_>>(), vec!["L009"]);
    }
}
