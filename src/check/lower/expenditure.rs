//! The `支出 { … }` block: function rows (类/款/项 by their codes, each
//! under its parent) and their cells `[基本|项目] [SOURCE] [结转] AMOUNT`.

use super::values::{amount_typo, is_fullwidth_number};
use super::{narrative, Lower, Seen};
use crate::diagnostic::{Diagnostic, Span, Text};
use crate::model::*;
use crate::schema::Place;
use crate::syntax::ast::{Stmt, Value, ValueKind};
use crate::t;

impl Lower<'_> {
    pub(super) fn expenditure(&mut self, stmt: &Stmt) -> Expenditure {
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

    pub(super) fn function_row(
        &mut self,
        stmt: &Stmt,
        ctx: &mut Parents,
        rows: &mut Vec<FunctionRow>,
    ) {
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
                        "S1b",
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
                    "L006",
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
    pub(super) fn cells(&mut self, args: &[Value], stmt: &Stmt, row: &mut FunctionRow) {
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
                                        "L006",
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
                    "L006",
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
}

/// The 类 and 款 a row is written under.
#[derive(Default, Clone)]
pub(super) struct Parents {
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
