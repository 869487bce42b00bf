//! `政府采购 { … }` and `国有资产 { … }` (vehicles, office area, equipment).

use super::{Lower, Seen};
use crate::diagnostic::Text;
use crate::model::*;
use crate::schema::Place;
use crate::syntax::ast::Stmt;
use rust_decimal::Decimal;
use std::str::FromStr;

impl Lower<'_> {
    pub(super) fn procurement(&mut self, stmt: &Stmt) -> Procurement {
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

    pub(super) fn counts(&mut self, stmt: &Stmt) -> Vec<(String, u64)> {
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

    pub(super) fn assets(&mut self, stmt: &Stmt) -> Assets {
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
                "截至" => a.as_of = self.text_arg(c).map(|n| n.text.into()),
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
