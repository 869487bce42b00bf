//! `排版` (a document's print conventions, over its profile's) and `舍入`
//! (the declared rounding of the 三公 and narrative figures).
//!
//! ```text
//! 排版 {
//!   小数位 2          # decimals of the amounts (元 tables never hide a 分)
//!   千分位 无         # thousands separator: "," (default) or 无
//!   零值 ""           # how a zero prints: "", "0", "0.00" …
//!   空表零值 ""       # how a zero prints in a table with no data
//!   去尾零 否         # 25 for 25.00: 是 / 否
//!   括号 半角         # brackets in row labels: 半角, 全角, 原样
//!   空表说明 "注：本表无数据"
//!   表 9 { 标题 "{{ year }}年部门“三公”经费和机关运行经费预算表"  零值 "" }
//!   措辞 { 科目 是 }  # the narrative's wording choices the profile declares
//! }
//! 舍入 { 三公表 0.01万元  说明 0.01万元 }
//! ```

use super::{Lower, Seen};
use crate::diagnostic::Text;
use crate::model::print::{
    Brackets, PrintOverrides, PrintStyle, Rounding, TablePrint, WordingChoice,
};
use crate::model::Money;
use crate::schema::Place;
use crate::syntax::ast::Stmt;
use crate::t;

impl Lower<'_> {
    pub(super) fn print_block(&mut self, stmt: &Stmt) -> PrintOverrides {
        self.extra_args(stmt, 0);
        let mut out = PrintOverrides::default();
        let mut seen = Seen::at(Place::Print);
        for c in self.block_of(stmt) {
            let kw = c.keyword().unwrap_or_default();
            if !self.known(c, Place::Print, kw) {
                continue;
            }
            if kw == "表" {
                if let Some(t) = self.print_table(c) {
                    let key = format!("表 {}", t.table);
                    if seen.first(&key, c.head_span(), self.diags) {
                        out.tables.push(t);
                    }
                }
                continue;
            }
            if !seen.first(kw, c.head_span(), self.diags) {
                continue;
            }
            if kw == "措辞" {
                out.wording = self.wording(c);
                continue;
            }
            if !self.style_key(c, kw, &mut out.all) {
                self.unknown_at(c, Place::Print);
            }
        }
        out
    }

    /// `措辞 { 科目 是; 说明千分位 是 }`: each name once, 是 or 否. Whether the
    /// profile declares the name is checked with the profile (check::facts).
    fn wording(&mut self, stmt: &Stmt) -> Vec<WordingChoice> {
        self.extra_args(stmt, 0);
        let mut out = Vec::new();
        let mut seen = Seen::default();
        for c in self.block_of(stmt) {
            let name = c.keyword().unwrap_or_default().to_string();
            if !seen.first(&name, c.head_span(), self.diags) {
                continue;
            }
            let help = t!(
                "写作 {name} 是 或 {name} 否",
                "write {name} 是 or {name} 否"
            );
            if let Some(on) = self.yes_no(c, help) {
                out.push(WordingChoice {
                    name,
                    on,
                    span: c.head().map(|v| v.span).unwrap_or(c.span),
                });
            }
        }
        out
    }

    /// `表 9 { 标题 "…" 零值 "0" … }`.
    fn print_table(&mut self, stmt: &Stmt) -> Option<TablePrint> {
        let id = match stmt.args().first() {
            Some(v) => v.text(),
            None => {
                self.missing_value(stmt, Text::new("表号（如 9）", "a table id (e.g. 9)"));
                return None;
            }
        };
        self.extra_args(stmt, 1);
        let mut t = TablePrint {
            table: id,
            ..TablePrint::default()
        };
        let mut seen = Seen::at(Place::PrintTable);
        for c in self.block_of(stmt) {
            let kw = c.keyword().unwrap_or_default();
            if !self.known(c, Place::PrintTable, kw) {
                continue;
            }
            if !seen.first(kw, c.head_span(), self.diags) {
                continue;
            }
            if kw == "标题" {
                t.title = self.text_arg(c).map(|n| n.text.into());
            } else if kw == "表" || !self.style_key(c, kw, &mut t.style) {
                self.unknown_at(c, Place::PrintTable);
            } else if kw == "空表说明" {
                t.note_span = c.args().first().map(|v| v.span);
            }
        }
        Some(t)
    }

    /// One convention into `style`; false when `kw` is not one.
    fn style_key(&mut self, c: &Stmt, kw: &str, style: &mut PrintStyle) -> bool {
        match kw {
            "小数位" => style.decimals = self.count_arg(c).and_then(|n| self.decimals(c, n)),
            "千分位" => {
                style.thousands = self.text_arg(c).map(|n| match n.text.as_str() {
                    "无" | "否" => String::new(),
                    "有" | "是" => ",".to_string(),
                    other => other.to_string(),
                })
            }
            "零值" => style.zero = self.text_arg(c).map(|n| n.text.into()),
            "空表零值" => style.empty_zero = self.text_arg(c).map(|n| n.text.into()),
            "空表说明" => style.empty_note = self.text_arg(c).map(|n| n.text.into()),
            "去尾零" => {
                style.trim_zeros = self.yes_no(c, Text::new("写作 去尾零 是", "write 去尾零 是"))
            }
            "括号" => {
                let Some(n) = self.text_arg(c) else {
                    return true;
                };
                style.brackets = Brackets::parse(&n.text);
                if style.brackets.is_none() {
                    self.bad_value(
                        n.span,
                        Text::new("“半角”“全角”或“原样”", "半角, 全角 or 原样"),
                        Text::new("写作 括号 半角", "write 括号 半角"),
                    );
                }
            }
            _ => return false,
        }
        true
    }

    fn decimals(&mut self, c: &Stmt, n: u64) -> Option<u32> {
        if n <= 6 {
            return Some(n as u32);
        }
        let span = c.args().first().map(|v| v.span).unwrap_or(c.span);
        self.bad_value(
            span,
            Text::new("0 到 6 位小数", "0 to 6 decimals"),
            Text::new("写作 小数位 2", "write 小数位 2"),
        );
        None
    }

    /// `是` or `否` after a key; anything else is L006 with `help`.
    pub(super) fn yes_no(&mut self, c: &Stmt, help: Text) -> Option<bool> {
        let n = self.text_arg(c)?;
        match n.text.as_str() {
            "是" => Some(true),
            "否" => Some(false),
            _ => {
                self.bad_value(n.span, Text::new("“是”或“否”", "是 or 否"), help);
                None
            }
        }
    }

    /// `舍入 { 三公表 0.01万元  说明 0.01万元 }`: steps in 元.
    pub(super) fn rounding_block(&mut self, stmt: &Stmt) -> Rounding {
        self.extra_args(stmt, 0);
        let mut r = Rounding::default();
        let mut seen = Seen::at(Place::Rounding);
        for c in self.block_of(stmt) {
            let kw = c.keyword().unwrap_or_default();
            if !self.known(c, Place::Rounding, kw) {
                continue;
            }
            if !seen.first(kw, c.head_span(), self.diags) {
                continue;
            }
            let slot = match kw {
                "三公表" => &mut r.summary,
                "说明" => &mut r.narrative,
                _ => {
                    self.unknown_at(c, Place::Rounding);
                    continue;
                }
            };
            *slot = self.step_arg(c);
        }
        r
    }

    fn step_arg(&mut self, c: &Stmt) -> Option<Money> {
        let m = self.amount_arg(c)?;
        if m > Money::ZERO {
            return Some(m);
        }
        let kw = c.keyword().unwrap_or_default();
        self.bad_value(
            c.args().first().map(|v| v.span).unwrap_or(c.span),
            Text::new("正的舍入步长", "a positive rounding step"),
            t!("写作 {kw} 0.01万元", "write {kw} 0.01万元"),
        );
        None
    }
}
