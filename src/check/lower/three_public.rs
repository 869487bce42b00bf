//! `三公经费 { … }` (by item and source) and `机关运行经费`.

use super::{Lower, Seen};
use crate::diagnostic::Text;
use crate::model::*;
use crate::schema::Place;
use crate::syntax::ast::Stmt;

impl Lower<'_> {
    pub(super) fn three_public(&mut self, stmt: &Stmt) -> ThreePublic {
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

    pub(super) fn admin_cost(&mut self, stmt: &Stmt) -> AdminCost {
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
                        text: key.into(),
                        span: c.head().map(|v| v.span).unwrap_or(c.span),
                    },
                    m,
                ));
            }
        }
        ac
    }
}
