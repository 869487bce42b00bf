//! The `支出 { … }` block: function rows (类/款/项 by their codes, each
//! under its parent) and their cells `[基本|项目] [SOURCE] [结转] AMOUNT`.

use super::{Lower, Seen};
use crate::diagnostic::{Code, Diagnostic, Span, Text};
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
        let Some(code) =
            self.code_of::<FunctionCode>(head, Text::new("功能分类编码", "function code"))
        else {
            return;
        };
        let level = code.level();
        self.under_parent(&code, head.span, ctx);
        let args = stmt.args();
        let (name, cell_args) = match args.first() {
            Some(v) if !matches!(v.kind, ValueKind::Quantity(_)) && !is_cell_word(v) => (
                Named {
                    text: v.name(),
                    span: v.span,
                },
                &args[1..],
            ),
            _ => (Named::default(), args),
        };
        let mut row = FunctionRow {
            code,
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
            self.no_cells_on_group_line(&mut row);
        }
        rows.push(row);
        rows.extend(child_rows);
    }

    /// S1b when the parent the row is written under is not a prefix of its
    /// code; the row becomes the parent of the rows after it.
    fn under_parent(&mut self, code: &FunctionCode, span: Span, ctx: &mut Parents) {
        let level = code.level();
        let parent = match level {
            CodeLevel::Lei => None,
            CodeLevel::Kuan => ctx.lei.as_ref(),
            CodeLevel::Xiang => ctx.kuan.as_ref().or(ctx.lei.as_ref()),
        };
        if let Some((pcode, pspan)) = parent {
            if !code.starts_with(pcode.as_str()) {
                let up = code.parent().unwrap_or_default();
                self.push(
                    Diagnostic::error(
                        Code::S1b,
                        span,
                        t!(
                            "科目 {code} 写在 {pcode} 之下，但编码不以 {pcode} 开头",
                            "code {code} is written under {pcode} but does not extend it"
                        ),
                    )
                    .label(t!("不属于 {pcode}", "not part of {pcode}"))
                    .related(*pspan, t!("上级科目 {pcode}", "the parent {pcode}"))
                    .help(t!(
                        "把这一行移到编码为 {up} 的上级科目之下，或改正编码",
                        "move this line under its parent {up}, or correct the code"
                    )),
                );
            }
        }
        match level {
            CodeLevel::Lei => {
                ctx.lei = Some((code.clone(), span));
                ctx.kuan = None;
            }
            CodeLevel::Kuan => ctx.kuan = Some((code.clone(), span)),
            CodeLevel::Xiang => {}
        }
    }

    /// L006 for money by source on a 类 or 款 line (it belongs on 项 lines);
    /// the cells are dropped.
    fn no_cells_on_group_line(&mut self, row: &mut FunctionRow) {
        let Some(first) = row.cells.first().map(|c| c.span) else {
            return;
        };
        let (code, what) = (
            &row.code,
            if row.level == CodeLevel::Lei {
                "类"
            } else {
                "款"
            },
        );
        self.push(
            Diagnostic::error(
                Code::L006,
                first,
                t!("{code} 是{what}，金额只能写在项（7 位）上", "{code} is a {what}; amounts belong on 项 (7-digit) lines"),
            )
            .label(Text::new("类/款行上的金额", "an amount on a 类/款 line"))
            .help(Text::new(
                "类、款行只写名称和核对用的 合计、基本、项目（不分资金来源）；把分来源的金额写到对应的 7 位项科目上",
                "类 and 款 lines carry only a name and, to verify, a 合计, 基本 and 项目 (not by source); put the money by source on the 7-digit 项 lines",
            )),
        );
        row.cells.clear();
    }
}

/// The 类 and 款 a row is written under.
#[derive(Default, Clone)]
pub(super) struct Parents {
    lei: Option<(FunctionCode, Span)>,
    kuan: Option<(FunctionCode, Span)>,
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
