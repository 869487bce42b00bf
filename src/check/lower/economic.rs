//! The `基本支出 { … }` block: economic rows (类/款, 人员 / 公用 amounts,
//! the government code) and the narrative's 人员经费列举 / 公用经费列举.

use super::{Lower, Seen};
use crate::diagnostic::{Code, Diagnostic, Span, Text};
use crate::model::money::Money;
use crate::model::*;
use crate::schema::Place;
use crate::syntax::ast::{Stmt, Value, ValueKind};
use crate::t;

impl Lower<'_> {
    pub(super) fn economic(&mut self, stmt: &Stmt) -> EconomicBlock {
        let mut blk = EconomicBlock {
            span: stmt.span,
            unit: stmt.args().first().map(|v| v.text()),
            ..EconomicBlock::default()
        };
        self.extra_args(stmt, 1);
        let mut seen = Seen::at(Place::Economic);
        let mut lei: Option<(EconomicCode, Span)> = None;
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
    pub(super) fn listed(
        &mut self,
        stmt: &Stmt,
        rows: &[EconomicRow],
        personnel: bool,
    ) -> Vec<String> {
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

    pub(super) fn economic_row(
        &mut self,
        stmt: &Stmt,
        lei: &mut Option<(EconomicCode, Span)>,
    ) -> Option<EconomicRow> {
        let head = stmt.head()?;
        let code: EconomicCode = self.code_of(head, Text::new("经济分类编码", "economic code"))?;
        let level = code.level();
        self.under_lei(&code, head.span, lei);
        let mut row = EconomicRow {
            code,
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
                    text: v.name(),
                    span: v.span,
                };
                i = 1;
            }
        }
        let Some(any_amount) = self.economic_cells(stmt, &args[i..], &mut row) else {
            return Some(row);
        };
        self.no_block(stmt);
        if level == CodeLevel::Lei && any_amount {
            self.push(
                Diagnostic::error(
                    Code::L006,
                    stmt.span,
                    t!(
                        "{} 是类，金额只能写在款（5 位）上",
                        "{} is a 类; amounts belong on 款 (5-digit) lines",
                        row.code
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

    /// S2b when a 款 is written under a 类 that is not its code's prefix;
    /// a 类 becomes the parent of the rows after it.
    fn under_lei(
        &mut self,
        code: &EconomicCode,
        span: Span,
        lei: &mut Option<(EconomicCode, Span)>,
    ) {
        if code.level() == CodeLevel::Lei {
            *lei = Some((code.clone(), span));
            return;
        }
        let Some((p, pspan)) = lei.as_ref() else {
            return;
        };
        if !code.starts_with(p.as_str()) {
            let up = code.lei();
            self.push(
                Diagnostic::error(
                    Code::S2b,
                    span,
                    t!(
                        "经济科目 {code} 写在 {p} 之下，但编码不以 {p} 开头",
                        "economic code {code} is written under {p} but does not extend it"
                    ),
                )
                .label(t!("不属于 {p}", "not part of {p}"))
                .related(*pspan, t!("上级科目 {p}", "the parent {p}"))
                .help(t!(
                    "把这一行移到 {up} 之下，或改正编码",
                    "move this line under {up}, or correct the code"
                )),
            );
        }
    }

    /// The cells of an economic line after its name: `政府 CODE [NAME]`,
    /// `人员 X`, `公用 X`, `合计 X`, or a bare amount (人员 for 301/303, else
    /// 公用). Whether one is an amount of the row; `None` when a cell is bad
    /// (reported) and the rest of the line is not read.
    fn economic_cells(
        &mut self,
        stmt: &Stmt,
        args: &[Value],
        row: &mut EconomicRow,
    ) -> Option<bool> {
        let default_personnel = row.code.starts_with("301") || row.code.starts_with("303");
        let mut any_amount = false;
        let mut i = 0;
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
                        return None;
                    };
                    if let Some(gc) = self.code_of::<EconomicCode>(
                        g,
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
                        return None;
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
                    return None;
                }
            }
        }
        Some(any_amount)
    }
}
