//! Indicator trees (一级 → 二级 → 三级), `整体绩效` and `绩效概况`.

use super::{Lower, Seen};
use crate::diagnostic::{Code, Diagnostic, Text};
use crate::model::*;
use crate::schema::Place;
use crate::syntax::ast::{Stmt, ValueKind};
use crate::t;
use rust_decimal::Decimal;
use std::str::FromStr;

impl Lower<'_> {
    pub(super) fn indicators(&mut self, stmt: &Stmt) -> Indicators {
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
                    text: h1.name(),
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
                        text: h2.name(),
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
                            text: v.name(),
                            cmp: q.cmp,
                            number: Decimal::from_str(&q.number).ok(),
                            unit: q.unit.clone(),
                            span: v.span,
                        },
                        _ => IndicatorValue {
                            text: v.name(),
                            cmp: None,
                            number: None,
                            unit: None,
                            span: v.span,
                        },
                    };
                    l2.items.push(Indicator {
                        name: Named {
                            text: h3.name(),
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

    pub(super) fn department_performance(&mut self, stmt: &Stmt) -> DepartmentPerformance {
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
                        dp.facts.push((kw.to_string(), n.text.into()));
                    }
                }
                _ => self.unknown_at(c, Place::DepartmentPerformance),
            }
        }
        dp
    }

    pub(super) fn performance_summary(&mut self, stmt: &Stmt) -> PerformanceSummary {
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
}
