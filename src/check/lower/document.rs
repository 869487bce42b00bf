//! The document's top level: the header (年度, 部门, 口径, 金额单位…),
//! the dispatch of every top-level statement to its block, the required
//! statements, the unit declarations, the prose pairs and the claims.

use super::{Lower, Seen, PROFILES};
use crate::diagnostic::{Code, Diagnostic, Span, Text};
use crate::model::*;
use crate::schema::{self, Place};
use crate::syntax::ast::{File, Stmt, ValueKind};
use crate::t;
use std::collections::HashMap;

impl Lower<'_> {
    /// The header statements (年度, 部门, 部门编码, 文件类型, 口径, 金额单位);
    /// false for any other keyword.
    pub(super) fn header(&mut self, kw: &str, s: &Stmt, b: &mut Budget) -> bool {
        match kw {
            "年度" => {
                if let Some(v) = s.args().first() {
                    self.extra_args(s, 1);
                    match v.as_quantity().and_then(|q| q.number.parse::<i32>().ok()) {
                        Some(y)
                            if (1949..=2200).contains(&y)
                                && v.as_quantity().map(|q| q.unit.is_none()) == Some(true) =>
                        {
                            b.year = y
                        }
                        _ => self.bad_value(
                            v.span,
                            Text::new("年份", "a year"),
                            Text::new(
                                "写四位年份，例如 年度 2024",
                                "write a four-digit year, e.g. 年度 2024",
                            ),
                        ),
                    }
                } else {
                    self.missing_value(s, Text::new("年份", "a year"));
                }
                self.no_block(s);
            }
            "部门" => {
                if let Some(n) = self.text_arg(s) {
                    b.department = n;
                }
            }
            "部门编码" => {
                if let Some(n) = self.text_arg(s) {
                    b.department_code = Some(n.text.into());
                }
            }
            "文件类型" => {
                if let Some(n) = self.text_arg(s) {
                    match n.text.as_str() {
                    "部门预算" | "部门" => b.unit_document = false,
                    "单位预算" | "单位" => {
                        b.unit_document = true;
                        b.unit_document_span = Some(n.span);
                    }
                    _ => self.bad_value(
                        n.span,
                        Text::new("部门预算或单位预算", "部门预算 or 单位预算"),
                        Text::new(
                            "写作 文件类型 部门预算（部门的文件）或 文件类型 单位预算（预算单位自己的文件）",
                            "write 文件类型 部门预算 (the department's document) or 文件类型 单位预算 (a unit's own)",
                        ),
                    ),
                }
                }
            }
            "口径" => {
                if let Some(n) = self.text_arg(s) {
                    match PROFILES
                        .iter()
                        .find(|(w, id)| *w == n.text || *id == n.text)
                    {
                        Some((_, id)) => b.profile = id.to_string(),
                        None => {
                            let names: Vec<&str> = PROFILES.iter().map(|(w, _)| *w).collect();
                            self.bad_value(
                            n.span,
                            Text::new("已知的口径", "a known profile"),
                            t!("可用的口径：{}", names.join("、"); "known profiles: {}", names.join(", ")),
                        )
                        }
                    }
                }
            }
            "金额单位" => {
                if let Some(n) = self.text_arg(s) {
                    if DisplayUnit::parse(&n.text).is_none() {
                        self.bad_value(
                            n.span,
                            Text::new("“万元”或“元”", "万元 or 元"),
                            Text::new(
                                "写作 金额单位 万元 或 金额单位 元",
                                "write 金额单位 万元 or 金额单位 元",
                            ),
                        );
                    }
                }
            }
            _ => return false,
        }
        true
    }

    /// A top-level statement other than the header's.
    pub(super) fn statement(&mut self, kw: &str, s: &Stmt, b: &mut Budget) {
        match kw {
            "职责" => b.prose.duties = self.text_arg(s).map(|n| n.text.into()),
            "机构设置" => b.prose.organization = self.text_arg(s).map(|n| n.text.into()),
            "名词解释" => b.prose.glossary = self.pairs(s),
            "其他说明" => b.prose.other = self.pairs(s),
            "原文" => b.prose.printed = self.pairs(s),
            "声明" => b.prose.claims = self.claim_lines(s),
            "单位" => {
                if let Some(u) = self.unit_decl(s) {
                    if let Some(prev) = b.units.iter().find(|x| x.name.text == u.name.text) {
                        let prev = prev.name.span;
                        self.push(
                        Diagnostic::error(
                            Code::L007,
                            u.name.span,
                            t!("单位“{}”重复声明", u.name.text; "the unit `{}` is declared twice", u.name.text),
                        )
                        .related(prev, Text::new("第一次声明在此", "first declared here"))
                        .help(Text::new("删除重复的单位声明", "remove the repeated declaration")),
                    );
                    } else {
                        b.units.push(u);
                    }
                }
            }
            "收入" => b.income = self.income(s),
            "支出" => b.expenditure = self.expenditure(s),
            "基本支出" => {
                let blk = self.economic(s);
                b.economic.push(blk);
            }
            "三公经费" => b.three_public = self.three_public(s),
            "机关运行经费" => b.admin_cost = self.admin_cost(s),
            "项目" => {
                if let Some(p) = self.project(s) {
                    b.projects.push(p);
                }
            }
            "整体绩效" => b.department_performance = Some(self.department_performance(s)),
            "绩效概况" => b.performance_summary = Some(self.performance_summary(s)),
            "政府采购" => b.procurement = Some(self.procurement(s)),
            "国有资产" => b.assets = Some(self.assets(s)),
            "上年" => b.last_year = self.last_year_block(s),
            "其余项目" => b.other_projects = self.stated_arg(s),
            "排版" => b.print = self.print_block(s),
            "舍入" => b.rounding = self.rounding_block(s),
            _ => self.unknown_at(s, Place::Top),
        }
    }

    /// L008 for each required header statement not written.
    pub(super) fn missing_required(&mut self, required: &HashMap<&str, bool>) {
        let mut missing: Vec<&str> = required
            .iter()
            .filter(|(_, v)| !**v)
            .map(|(k, _)| *k)
            .collect();
        missing.sort_by_key(|k| {
            ["年度", "部门", "口径", "金额单位"]
                .iter()
                .position(|x| x == k)
        });
        for k in missing {
            let example = match k {
                "年度" => "年度 2024",
                "部门" => "部门 \"某某部门\"",
                "口径" => "口径 山西县级",
                _ => "金额单位 万元",
            };
            self.push(
                Diagnostic::error(
                    Code::L008,
                    Span::new(0, 0),
                    t!("缺少必需的“{k}”", "the required `{k}` is missing"),
                )
                .label(Text::new("文件从这里开始", "the file starts here"))
                .help(t!("在文件开头加上：{example}", "add at the top: {example}"))
                .fix(Span::new(0, 0), format!("{example}\n")),
            );
        }
    }

    /// L008 for a file that declares no unit, with the declaration as its fix.
    pub(super) fn missing_units(&mut self, file: &File, b: &Budget) {
        if b.units.is_empty() && !file.stmts.is_empty() {
            // Insert the declaration before the first statement after the header.
            let at = file
                .stmts
                .iter()
                .find(|s| {
                    !matches!(
                        s.keyword(),
                        Some("年度" | "部门" | "部门编码" | "口径" | "金额单位" | "转录精度")
                    )
                })
                .map(|s| s.span.start)
                .unwrap_or(0);
            let name = if b.department.text.is_empty() {
                "某某单位".to_string()
            } else {
                b.department.text.to_string()
            };
            let decl = format!(
                "单位 {} {{ 类型 行政 }}\n",
                crate::syntax::write_text(&name)
            );
            self.push(
                Diagnostic::error(
                    Code::L008,
                    Span::new(0, 0),
                    Text::new(
                        "缺少“单位”：至少声明一个预算单位",
                        "no `单位`: declare at least one budget unit",
                    ),
                )
                .label(Text::new("文件从这里开始", "the file starts here"))
                .help(Text::new(
                    "加上 单位 \"单位名称\" { 类型 行政 }（类型：行政、参公或事业）",
                    "add 单位 \"name\" { 类型 行政 } (类型: 行政, 参公 or 事业)",
                ))
                .fix(Span::new(at, at), decl),
            );
        }
    }

    pub(super) fn file(&mut self, file: &File) -> Budget {
        let mut b = Budget::default();
        // The amount unit applies to the whole file: read it first.
        for s in &file.stmts {
            if s.keyword() == Some("金额单位") {
                if let Some(u) = s
                    .args()
                    .first()
                    .and_then(|v| v.as_word())
                    .and_then(DisplayUnit::parse)
                {
                    self.unit = u;
                }
            }
        }
        b.display_unit = self.unit;
        let mut seen = Seen::default();
        let mut required: HashMap<&str, bool> = ["年度", "部门", "口径", "金额单位"]
            .iter()
            .map(|k| (*k, false))
            .collect();
        let mut step_stmt = None;
        for s in &file.stmts {
            let Some(kw) = s.keyword() else {
                self.unknown_at(s, Place::Top);
                continue;
            };
            if !self.known(s, Place::Top, kw) {
                continue;
            }
            if let Some(r) = required.get_mut(kw) {
                *r = true;
            }
            let single = schema::find(Place::Top, kw).is_some_and(|k| !k.many);
            if single && !seen.first(kw, s.head_span(), self.diags) {
                continue;
            }
            match kw {
                "转录精度" => step_stmt = Some(s),
                _ if self.header(kw, s, &mut b) => {}
                _ => self.statement(kw, s, &mut b),
            }
        }
        self.same_project_names(&b.projects);
        if let Some(s) = step_stmt {
            if let Some(m) = self.amount_arg(s) {
                if m <= Money::ZERO {
                    self.bad_value(
                        s.args().first().map(|v| v.span).unwrap_or(s.span),
                        Text::new("正数", "a positive number"),
                        Text::new(
                            "写作 转录精度 0.01（表格四舍五入到 0.01）",
                            "write 转录精度 0.01 (tables rounded to 0.01)",
                        ),
                    );
                } else {
                    b.transcription_step = Some(m);
                }
            }
        }
        self.missing_required(&required);
        self.missing_units(file, &b);
        b
    }

    /// A block of `KEY "text"` lines.
    /// `声明 { 收入总计 1,329.84万元 比上年 增加1329.84万元 }`: each line's
    /// words as written (the checker reads the claims from the tree).
    pub(super) fn claim_lines(&mut self, stmt: &Stmt) -> Vec<String> {
        self.extra_args(stmt, 0);
        self.block_of(stmt)
            .iter()
            .map(|c| {
                c.values
                    .iter()
                    .map(|v| match &v.kind {
                        ValueKind::Str(t) => {
                            format!("\"{}\"", t.replace('\\', "\\\\").replace('"', "\\\""))
                        }
                        _ => v.text(),
                    })
                    .collect::<Vec<_>>()
                    .join(" ")
            })
            .collect()
    }

    pub(super) fn pairs(&mut self, stmt: &Stmt) -> Vec<(String, String)> {
        self.extra_args(stmt, 0);
        let mut out = Vec::new();
        let mut seen = Seen::default();
        for c in self.block_of(stmt) {
            let key = c.head().map(|v| v.text()).unwrap_or_default();
            if !seen.first(&key, c.head_span(), self.diags) {
                continue;
            }
            if let Some(t) = self.text_arg(c) {
                out.push((key, t.text.into()));
            }
        }
        out
    }

    pub(super) fn unit_decl(&mut self, stmt: &Stmt) -> Option<Unit> {
        let name = match stmt.args().first() {
            Some(v) => Named {
                text: v.name(),
                span: v.span,
            },
            None => {
                self.missing_value(stmt, Text::new("单位名称", "the unit's name"));
                return None;
            }
        };
        self.extra_args(stmt, 1);
        let mut kind = None;
        let mut code = None;
        let mut separate = true;
        let mut file = None;
        let mut seen = Seen::at(Place::Unit);
        for c in self.block_of(stmt) {
            let kw = c.keyword().unwrap_or_default();
            if !self.known(c, Place::Unit, kw) {
                continue;
            }
            if !seen.first(kw, c.head_span(), self.diags) {
                continue;
            }
            match kw {
                "类型" => {
                    if let Some(n) = self.text_arg(c) {
                        match UnitKind::parse(&n.text) {
                            Some(k) => kind = Some(k),
                            None => self.bad_value(
                                n.span,
                                Text::new("单位类型", "a unit kind"),
                                Text::new(
                                    "类型为 行政、参公 或 事业",
                                    "类型 is 行政, 参公 or 事业",
                                ),
                            ),
                        }
                    }
                }
                "编码" => code = self.text_arg(c).map(|n| n.text.into()),
                "单列预算" => {
                    let help = Text::new(
                        "不单列预算、并入本部的单位写 单列预算 否",
                        "a unit merged into the head office (不单列预算) is 单列预算 否",
                    );
                    separate = self.yes_no(c, help).unwrap_or(true)
                }
                "文件" => file = self.text_arg(c),
                _ => self.unknown_at(c, Place::Unit),
            }
        }
        match kind {
            Some(kind) => Some(Unit {
                name,
                kind,
                code,
                merged: !separate,
                file,
                linked: None,
            }),
            None => {
                self.push(
                    Diagnostic::error(
                        Code::L008,
                        stmt.head_span(),
                        t!("单位“{}”缺少“类型”", name.text; "the unit `{}` has no `类型`", name.text),
                    )
                    .label(Text::new("此单位", "this unit"))
                    .help(Text::new(
                        "在块中写 类型 行政、类型 参公 或 类型 事业（机关运行经费取决于它）",
                        "write 类型 行政, 参公 or 事业 in its block (机关运行经费 depends on it)",
                    )),
                );
                None
            }
        }
    }
}
