//! The `收入 { … }` block: amounts by source, carry-over, stated totals.

use super::{Lower, Seen};
use crate::diagnostic::{Code, Diagnostic, Text};
use crate::model::*;
use crate::schema::Place;
use crate::syntax::ast::Stmt;
use crate::t;

impl Lower<'_> {
    pub(super) fn income(&mut self, stmt: &Stmt) -> Income {
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
}
