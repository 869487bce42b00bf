//! Lowering of the narrative facts: what a 项 line is for (`用途`), its
//! last-year figure and basis (`上年` 预算数 / `上年执行` 预算执行数), the
//! reason for its change (`原因`); the keys of the `上年` block and its
//! `原因 { … }`; equipment with a printed label (`设备 "…" 0`), the
//! `购置计划` block; units without a budget of their own (`单列预算 否`).
//!
//! A fact written here is the same statement a printed document makes
//! about the same figure: the templates print it, the rules verify it.
//! Every key is known (an unknown one is L005), written once (L007) and
//! read by a rule or a template.

use super::{Lower, Seen};
use crate::diagnostic::Code;
use crate::diagnostic::{Diagnostic, Span, Text};
use crate::model::*;
use crate::schema::{self, Place};
use crate::syntax::ast::{Stmt, Value, ValueKind};
use crate::t;

/// Words of a 支出 line that introduce a narrative fact (also offered by
/// editor completion).
pub const LINE_FACT_WORDS: &[&str] = &["上年", "上年执行", "用途", "原因", "变动"];

/// A cell word of a 支出 line that starts a narrative fact, normalised.
pub(super) fn line_fact_word(w: &str) -> Option<&'static str> {
    Some(match w {
        "上年" | "上年预算" | "上年预算数" => "上年",
        "上年执行" | "上年执行数" | "上年预算执行数" => "上年执行",
        "用途" | "主要用于" => "用途",
        "原因" | "主要原因" => "原因",
        "变动" | "比上年" => "变动",
        _ => return None,
    })
}

impl Lower<'_> {
    /// L007 for a fact written twice on one line.
    pub(super) fn duplicate(&mut self, key: &str, span: Span, first: Option<Span>) {
        let mut d = Diagnostic::error(
            Code::L007,
            span,
            t!("“{key}”重复出现", "`{key}` is written twice"),
        )
        .label(Text::new("重复的栏目", "the repeated cell"))
        .help(Text::new(
            "一行只写一次：删除或合并其中一个",
            "write it once per line: delete or merge the other",
        ));
        if let Some(f) = first {
            d = d.related(f, Text::new("第一次出现在此", "first written here"));
        }
        self.push(d);
    }

    /// `合计 X` on a line: a second one is L007, never a silent replacement.
    pub(super) fn line_total(&mut self, row: &mut FunctionRow, amount: Money, span: Span) {
        if let Some(first) = row.stated_total {
            self.duplicate("合计", span, Some(first.span));
            return;
        }
        row.stated_total = Some(Stated { amount, span });
    }

    /// `基本 X` / `项目 X` on a 类 or 款 line: its subtotal as a table prints
    /// it (verified by R5 against its 项); a second one is L007.
    pub(super) fn line_subtotal(
        &mut self,
        row: &mut FunctionRow,
        dir: Direction,
        amount: Money,
        span: Span,
    ) {
        let (key, slot) = match dir {
            Direction::Basic => ("基本", &mut row.stated_basic),
            Direction::Project => ("项目", &mut row.stated_project),
        };
        if let Some(first) = slot {
            let first = first.span;
            self.duplicate(key, span, Some(first));
            return;
        }
        *slot = Some(Stated { amount, span });
    }

    /// `人员 X` / `公用 X` on a line: its 基本支出 split as a table prints
    /// it (verified by R6); a second one is L007.
    pub(super) fn line_split(
        &mut self,
        row: &mut FunctionRow,
        key: &str,
        amount: Money,
        span: Span,
    ) {
        let slot = if key == "人员" {
            &mut row.facts.personnel
        } else {
            &mut row.facts.public
        };
        if let Some(first) = slot {
            let first = first.span;
            self.duplicate(key, span, Some(first));
            return;
        }
        *slot = Some(Stated { amount, span });
    }

    /// `上年 X` / `上年执行 X` on a line.
    pub(super) fn line_last_year(
        &mut self,
        row: &mut FunctionRow,
        key: &str,
        amount: Money,
        span: Span,
    ) {
        if row.facts.last_year_span.is_some() {
            self.duplicate(key, span, row.facts.last_year_span);
            return;
        }
        row.last_year = Some(amount);
        row.facts.last_year_span = Some(span);
        row.facts.basis = if key == "上年执行" {
            Basis::Executed
        } else {
            Basis::Budget
        };
    }

    /// `变动 减少57.14%`: the change as printed, a claim verified by N15.
    fn line_claim(&mut self, row: &mut FunctionRow, v: &Value, span: Span) {
        if let Some(first) = row.facts.claim.as_ref().map(|c| c.span) {
            self.duplicate("变动", span, Some(first));
            return;
        }
        match crate::model::change::ChangeClaim::parse(&v.text()) {
            Some(c) => {
                row.facts.claim = Some(crate::model::claim::Claim {
                    about: format!("{} {}", row.code, row.name.text),
                    text: c.text.clone(),
                    figure: crate::model::claim::Figure::Change(c),
                    span: v.span,
                });
            }
            None => self.bad_value(
                v.span,
                Text::new("印出的变动", "a printed change"),
                Text::new(
                    "写作 变动 减少57.14%、变动 增加25.00万元 或 变动 持平",
                    "write 变动 减少57.14%, 变动 增加25.00万元 or 变动 持平",
                ),
            ),
        }
    }

    /// `用途 "…"` / `原因 "…"` on a line (`变动 …` is a claim).
    pub(super) fn line_text(&mut self, row: &mut FunctionRow, key: &str, v: &Value, span: Span) {
        if key == "变动" {
            self.line_claim(row, v, span);
            return;
        }
        let text = match &v.kind {
            ValueKind::Str(s) | ValueKind::Word(s) => s.trim().trim_end_matches('。').to_string(),
            ValueKind::Quantity(_) => {
                self.bad_value(
                    v.span,
                    Text::new("文字", "a text"),
                    t!(
                        "写作 {key} \"…\"，例如 用途 \"专项普查活动\"",
                        "write {key} \"…\", e.g. 用途 \"专项普查活动\""
                    ),
                );
                return;
            }
        };
        if text.is_empty() {
            self.bad_value(
                v.span,
                Text::new("非空的文字", "a non-empty text"),
                t!(
                    "写出{key}，或删除“{key}”",
                    "write the {key}, or remove `{key}`"
                ),
            );
            return;
        }
        let (slot, at) = if key == "用途" {
            (&mut row.facts.purpose, &mut row.facts.purpose_span)
        } else {
            (&mut row.facts.reason, &mut row.facts.reason_span)
        };
        if slot.is_some() {
            let first = *at;
            self.duplicate(key, span, first);
            return;
        }
        *slot = Some(text);
        *at = Some(span);
    }

    /// 用途 and 原因 belong on 项 lines (a 类/款 line is the sum of its 项).
    pub(super) fn facts_on_group_line(&mut self, row: &mut FunctionRow) {
        for (key, at) in [
            ("用途", row.facts.purpose_span),
            ("原因", row.facts.reason_span),
        ] {
            if let Some(span) = at {
                self.push(
                    Diagnostic::error(
                        Code::L006,
                        span,
                        t!("{} 不是项科目，“{key}”只能写在项（7 位）上", row.code; "{} is not a 项 line; `{key}` belongs on 7-digit lines", row.code),
                    )
                    .label(Text::new("类/款行上的说明", "a fact on a 类/款 line"))
                    .help(Text::new(
                        "把它写到对应的 7 位项科目上",
                        "write it on the 7-digit 项 line it is about",
                    )),
                );
            }
        }
        row.facts.purpose = None;
        row.facts.reason = None;
    }

    /// The `上年` block: known figures, `原因 "…"` and `原因 { KEY "…" }`.
    pub(super) fn last_year_block(&mut self, stmt: &Stmt) -> LastYear {
        let mut ly = LastYear {
            span: stmt.span,
            ..LastYear::default()
        };
        let mut seen = Seen::at(Place::LastYear);
        let args = stmt.args();
        let named = args.first().is_some_and(|v| v.text() == "文件");
        if named {
            // `上年 文件 "…"` (a block is then optional)
            self.extra_args(stmt, 2);
            seen.first("文件", args[0].span, self.diags);
            ly.file = self.file_name(args.get(1), args[0].span);
            if stmt.block.is_none() {
                return ly;
            }
        } else {
            self.extra_args(stmt, 0);
        }
        let mut reasons_stmt = None;
        for c in self.block_of(stmt) {
            let kw = c.head().map(|v| v.text()).unwrap_or_default();
            if schema::find(Place::LastYear, &kw).is_none() {
                self.unknown_at(c, Place::LastYear);
                continue;
            }
            if !seen.first(&kw, c.head_span(), self.diags) {
                continue;
            }
            if kw == "文件" {
                self.no_block(c);
                self.extra_args(c, 1);
                ly.file = self.file_name(c.args().first(), c.head_span());
            } else if kw == "原因" && c.block.is_some() {
                self.extra_args(c, 0);
                reasons_stmt = Some(c);
                ly.reasons = self.reasons(c);
            } else if kw == "原因" {
                ly.reason = self.text_arg(c).map(|n| n.text.into());
            } else if let Some(k) = self.last_year_key(c, &kw, Place::LastYear) {
                if let Some(m) = self.amount_arg(c) {
                    ly.spans.insert(k, c.span);
                    ly.figures.push((k, m));
                }
            }
        }
        if let Some(c) = reasons_stmt {
            self.unread_reasons(c, &ly);
        }
        ly
    }

    /// The figure a key of the `上年` block (or of its `原因 { … }`) names;
    /// L005 for a key of the schema that names none.
    fn last_year_key(&mut self, c: &Stmt, word: &str, place: Place) -> Option<LastYearKey> {
        let key = schema::find(place, word).and_then(|k| LastYearKey::parse(k.word));
        if key.is_none() {
            self.unknown_at(c, place);
        }
        key
    }

    /// The string after `文件`: a file name (its span is the string's).
    fn file_name(&mut self, v: Option<&Value>, at: Span) -> Option<Named> {
        match v.map(|v| (v, &v.kind)) {
            Some((v, ValueKind::Str(s) | ValueKind::Word(s))) => Some(Named {
                text: s.clone(),
                span: v.span,
            }),
            Some((v, ValueKind::Quantity(_))) => {
                self.bad_value(
                    v.span,
                    Text::new("文件名", "a file name"),
                    Text::new(
                        "写作 文件 \"../2024/部门.budget\"",
                        "write 文件 \"../2024/dept.budget\"",
                    ),
                );
                None
            }
            None => {
                self.push(
                    Diagnostic::error(
                        Code::L006,
                        at,
                        Text::new("“文件”后缺少文件名", "`文件` needs a file name"),
                    )
                    .label(Text::new("缺少文件名", "file name missing"))
                    .help(Text::new(
                        "写作 文件 \"../2024/部门.budget\"",
                        "write 文件 \"../2024/dept.budget\"",
                    )),
                );
                None
            }
        }
    }

    /// `原因 { KEY "…" }`: each key a figure of the 上年 block, once.
    fn reasons(&mut self, stmt: &Stmt) -> Vec<(LastYearKey, String)> {
        let mut out = Vec::new();
        let mut seen = Seen::at(Place::LastYearReasons);
        for c in stmt.children() {
            let kw = c.head().map(|v| v.text()).unwrap_or_default();
            if schema::find(Place::LastYearReasons, &kw).is_none() {
                self.unknown_at(c, Place::LastYearReasons);
                continue;
            }
            if !seen.first(&kw, c.head_span(), self.diags) {
                continue;
            }
            let Some(k) = self.last_year_key(c, &kw, Place::LastYearReasons) else {
                continue;
            };
            if let Some(n) = self.text_arg(c) {
                out.push((k, n.text.trim_end_matches('。').to_string()));
            }
        }
        out
    }

    /// A reason for a figure whose last-year amount is not written: nothing
    /// could print it (the change is not known).
    fn unread_reasons(&mut self, stmt: &Stmt, ly: &LastYear) {
        for c in stmt.children() {
            let kw = c.head().map(|v| v.text()).unwrap_or_default();
            let Some(key) = LastYearKey::parse(&kw) else {
                continue;
            };
            let written = ly.reasons.iter().any(|(k, _)| *k == key);
            if written && ly.get(key).is_none() && key != LastYearKey::Vehicle {
                self.push(
                    Diagnostic::error(
                        Code::L006,
                        c.head_span(),
                        t!(
                            "写了“{kw}”变动的原因，但 上年 中没有“{kw}”的金额",
                            "a reason is given for `{kw}`, but 上年 has no figure for it"
                        ),
                    )
                    .label(Text::new(
                        "没有上年数的原因",
                        "a reason without last year's figure",
                    ))
                    .help(t!(
                        "在 上年 中写上 {kw} 的上年金额，或删除这条原因",
                        "write last year's {kw} in 上年, or remove this reason"
                    )),
                );
            }
        }
    }

    /// `设备 "单价100万元（含）以上设备（不含车辆）" 0`, or a key ending in
    /// 设备 (`单价100万元以上设备 0`): (label as printed, count).
    pub(super) fn equipment(&mut self, c: &Stmt) -> Option<(String, u64)> {
        let kw = c.keyword().unwrap_or_default();
        if kw != "设备" {
            return self.count_arg(c).map(|n| (kw.to_string(), n));
        }
        self.no_block(c);
        let args = c.args();
        match (args.first(), args.get(1)) {
            (Some(label), Some(n)) if matches!(label.kind, ValueKind::Str(_)) => {
                self.extra_args(c, 2);
                let n = self.count(n)?;
                Some((label.text(), n))
            }
            _ => {
                self.missing_value(
                    c,
                    Text::new(
                        "设备名称（加引号）和数量，例如 设备 \"单价100万元（含）以上设备（不含车辆）\" 0",
                        "a quoted label and a count, e.g. 设备 \"单价100万元（含）以上设备（不含车辆）\" 0",
                    ),
                );
                None
            }
        }
    }

    /// `购置计划 { 车辆 { … } 设备 "…" N }`.
    pub(super) fn purchase_plan(&mut self, stmt: &Stmt, a: &mut Assets) {
        self.extra_args(stmt, 0);
        let mut seen = Seen::at(Place::PurchasePlan);
        for c in self.block_of(stmt) {
            let k = c.head().map(|v| v.text()).unwrap_or_default();
            if !self.known(c, Place::PurchasePlan, &k) {
                continue;
            }
            let key = if k == "设备" {
                c.args().first().map(|v| v.text()).unwrap_or_default()
            } else {
                k.clone()
            };
            if !seen.first(&key, c.head_span(), self.diags) {
                continue;
            }
            if k == "车辆" {
                a.planned_vehicles = self.counts(c);
            } else if k == "设备" || k.ends_with("设备") {
                if let Some(e) = self.equipment(c) {
                    a.planned_equipment.push(e);
                }
            } else {
                self.unknown_at(c, Place::PurchasePlan);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::check::{check_source, Options};
    use crate::model::*;

    const HEAD: &str = "年度 2024\n部门 \"甲\"\n口径 上海区级\n金额单位 万元\n单位 \"甲\" { 类型 行政 }\n收入 { 一般公共预算 10.00 }\n";

    fn codes(body: &str) -> (Budget, Vec<(String, String)>) {
        let src = format!("{HEAD}{body}");
        let c = check_source(&src, &Options::default());
        let v = c
            .diagnostics
            .iter()
            .map(|d| {
                (
                    d.code.to_string(),
                    src[d.span.start..d.span.end].to_string(),
                )
            })
            .collect();
        (c.budget, v)
    }

    fn has(v: &[(String, String)], code: &str, text: &str) -> bool {
        v.iter().any(|(c, t)| c == code && t == text)
    }

    #[test]
    fn line_facts_are_read_with_their_basis() {
        let (b, v) = codes("支出 {\n  2011301 行政运行 基本 10.00 上年执行 8.00 { 用途 \"行政运行\"; 原因 \"人员增加。\" }\n}\n");
        assert!(v.is_empty(), "{v:?}");
        let r = &b.expenditure.rows[0];
        assert_eq!(r.facts.basis, Basis::Executed);
        assert_eq!(
            r.last_year,
            Some(Money::yuan(rust_decimal::Decimal::from(80000)))
        );
        assert_eq!(r.facts.purpose.as_deref(), Some("行政运行"));
        assert_eq!(r.facts.reason.as_deref(), Some("人员增加"));
    }

    #[test]
    fn a_second_total_or_last_year_on_a_line_is_l007() {
        let (b, v) = codes(
            "支出 {\n  2011301 行政运行 基本 10.00 合计 10.00 合计 9.00 上年 1 上年执行 2\n}\n",
        );
        assert!(has(&v, "L007", "9.00"), "{v:?}");
        assert!(has(&v, "L007", "上年执行 2"), "{v:?}");
        let r = &b.expenditure.rows[0];
        assert_eq!(
            r.stated_total.map(|s| s.amount),
            Some(Money::yuan(rust_decimal::Decimal::from(100000)))
        );
        assert_eq!(r.facts.basis, Basis::Budget);
    }

    #[test]
    fn purpose_on_a_group_line_is_l006() {
        let (_, v) = codes("支出 {\n  201 一般公共服务支出 合计 10.00 用途 \"x\"\n  2011301 行政运行 基本 10.00\n}\n");
        assert!(has(&v, "L006", "用途 \"x\""), "{v:?}");
    }

    #[test]
    fn unknown_last_year_keys_and_reasons_are_l005() {
        let (_, v) = codes("支出 { 2011301 行政运行 基本 10.00 }\n上年 {\n  胡说八道 5\n  比上年增加 793.14万元\n  三公经费 0\n  原因 { 胡说 \"x\"; 三公经费 \"y\"; 公务接待费 \"z\" }\n}\n");
        assert!(has(&v, "L005", "胡说八道"), "{v:?}");
        assert!(has(&v, "L005", "比上年增加"), "{v:?}");
        assert!(has(&v, "L005", "胡说"), "{v:?}");
        // a reason for a figure 上年 does not give: nothing could print it
        assert!(has(&v, "L006", "公务接待费 \"z\""), "{v:?}");
    }

    #[test]
    fn equipment_labels_and_the_purchase_plan() {
        let (b, v) = codes("支出 { 2011301 行政运行 基本 10.00 }\n国有资产 {\n  截至 \"2023年8月31日\"\n  设备 \"单价100万元（含）以上设备（不含车辆）\" 2\n  购置计划 { 车辆 { 其他用车 1 }; 设备 \"单价100万元（含）以上设备（不含车辆）\" 0; 胡说 1 }\n}\n");
        assert!(has(&v, "L005", "胡说"), "{v:?}");
        assert_eq!(v.len(), 1, "{v:?}");
        let a = b.assets.expect("assets");
        assert_eq!(
            a.equipment,
            vec![("单价100万元（含）以上设备（不含车辆）".to_string(), 2)]
        );
        assert_eq!(a.planned_vehicles, vec![("其他用车".to_string(), 1)]);
        assert_eq!(a.planned_equipment.len(), 1);
        let (_, v) = codes("支出 { 2011301 行政运行 基本 10.00 }\n国有资产 {\n  截至 \"2023年8月31日\"\n  车辆 { 其他用车 1; 其他用车 2 }\n}\n");
        assert!(has(&v, "L007", "其他用车 2"), "{v:?}");
    }

    #[test]
    fn a_unit_without_its_own_budget() {
        let (b, v) =
            codes("单位 \"乙\" { 类型 事业; 单列预算 否 }\n支出 { 2011301 行政运行 基本 10.00 }\n");
        assert!(v.is_empty(), "{v:?}");
        assert!(b.units.iter().any(|u| u.name.text == "乙" && u.merged));
        let (_, v) = codes(
            "单位 \"乙\" { 类型 事业; 单列预算 也许 }\n支出 { 2011301 行政运行 基本 10.00 }\n",
        );
        assert!(has(&v, "L006", "也许"), "{v:?}");
    }
}
