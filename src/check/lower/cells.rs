//! The cells of a 支出 line: `[基本|项目] [SOURCE] [结转] AMOUNT`, a line's
//! `合计 X`, `人员 X` / `公用 X`, and its narrative facts (`上年 X`,
//! `用途 "…"`, `原因 "…"`, `变动 …`).

use super::values::{amount_typo, is_fullwidth_number};
use super::{narrative, Lower};
use crate::diagnostic::{Code, Diagnostic, Span, Text};
use crate::model::*;
use crate::syntax::ast::{Stmt, Value, ValueKind};
use std::borrow::Cow;

/// The words of the cell being read, until its amount.
#[derive(Default)]
struct Cell0 {
    dir: Option<Direction>,
    source: Option<Source>,
    carry: bool,
    special: Option<&'static str>,
    start: Option<Span>,
}

impl Cell0 {
    /// The span from the cell's first word to `v`.
    fn span_to(&self, v: &Value) -> Span {
        self.start.map(|s| s.join(v.span)).unwrap_or(v.span)
    }
}

impl Lower<'_> {
    /// Cells: `[基本|项目] [SOURCE] [结转] AMOUNT`, `合计 X`, `上年 X`.
    pub(super) fn cells(&mut self, args: &[Value], stmt: &Stmt, row: &mut FunctionRow) {
        let mut cell = Cell0::default();
        for v in self.read_fullwidth(args).iter() {
            let v: &Value = v;
            match &v.kind {
                ValueKind::Word(_) | ValueKind::Str(_)
                    if matches!(cell.special, Some("用途" | "原因" | "变动")) =>
                {
                    let k = cell.special.unwrap_or_default();
                    self.line_text(row, k, v, cell.span_to(v));
                    cell = Cell0::default();
                }
                ValueKind::Word(w) => {
                    cell.start.get_or_insert(v.span);
                    if !self.cell_word(w, v, &mut cell) {
                        return;
                    }
                }
                ValueKind::Quantity(_) => {
                    self.cell_amount(v, &cell, row);
                    cell = Cell0::default();
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
        if cell.start.is_some() {
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

    /// The values of a line, a full-width amount read as written in ASCII
    /// (its L004 says so); the others as written, not copied.
    fn read_fullwidth<'v>(&mut self, args: &'v [Value]) -> Vec<Cow<'v, Value>> {
        let mut read = Vec::with_capacity(args.len());
        for v in args {
            match v
                .as_word()
                .filter(|w| is_fullwidth_number(w))
                .and_then(|_| amount_typo(v))
            {
                Some((d, fixed)) => {
                    self.push(d);
                    read.push(Cow::Owned(fixed));
                }
                None => read.push(Cow::Borrowed(v)),
            }
        }
        read
    }

    /// A word of a cell; false (after its diagnostic) when it is none, which
    /// ends the line.
    fn cell_word(&mut self, w: &str, v: &Value, cell: &mut Cell0) -> bool {
        match w {
            "基本" | "基本支出" => cell.dir = Some(Direction::Basic),
            "项目" | "项目支出" => cell.dir = Some(Direction::Project),
            "结转" | "上年结转" => cell.carry = true,
            "当年" => cell.carry = false,
            "合计" => cell.special = Some("合计"),
            "人员" | "人员经费" => cell.special = Some("人员"),
            "公用" | "公用经费" => cell.special = Some("公用"),
            other if narrative::line_fact_word(other).is_some() => {
                cell.special = narrative::line_fact_word(other)
            }
            other => match Source::parse(other) {
                Some(s) => cell.source = Some(s),
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
                    return false;
                }
            },
        }
        true
    }

    /// The amount that ends a cell: a money cell, or the line's total, split,
    /// last-year figure or text fact its words introduced.
    fn cell_amount(&mut self, v: &Value, cell: &Cell0, row: &mut FunctionRow) {
        let span = cell.span_to(v);
        let amount = self.amount(v);
        match (cell.special, amount) {
            (Some("合计"), Some(a)) => self.line_total(row, a, v.span),
            (Some(k @ ("人员" | "公用")), Some(a)) => self.line_split(row, k, a, v.span),
            (Some(k @ ("上年" | "上年执行")), Some(a)) => {
                self.line_last_year(row, k, a, span)
            }
            (Some("合计" | "人员" | "公用" | "上年" | "上年执行"), None) => {}
            (Some(k), _) => self.line_text(row, k, v, span),
            (None, amount) => match (cell.dir, amount) {
                // a 类/款 line's 基本/项目 as its table prints it
                (Some(d), Some(a))
                    if row.level != CodeLevel::Xiang && cell.source.is_none() && !cell.carry =>
                {
                    self.line_subtotal(row, d, a, v.span)
                }
                (Some(d), Some(a)) => row.cells.push(Cell {
                    direction: d,
                    source: cell.source.unwrap_or(Source::GeneralPublic),
                    carryover: cell.carry,
                    amount: a,
                    span,
                }),
                (None, Some(_)) => {
                    self.push(
                        Diagnostic::error(
                            Code::L006,
                            v.span,
                            Text::new(
                                "金额前缺少“基本”或“项目”",
                                "the amount needs 基本 or 项目 before it",
                            ),
                        )
                        .label(Text::new(
                            "是基本支出还是项目支出？",
                            "basic or project expenditure?",
                        ))
                        .help(Text::new(
                            "写作 基本 12.84 或 项目 17.00；核对用的行合计写作 合计 29.84",
                            "write 基本 12.84 or 项目 17.00; a stated row total is 合计 29.84",
                        )),
                    );
                }
                _ => {}
            },
        }
    }
}
