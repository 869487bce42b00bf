//! `项目 NAME { … }`: a project's amounts, unit, category, function code,
//! and its 绩效目标 (target, funding split).

use super::{Lower, Seen};
use crate::diagnostic::{Code, Diagnostic, Span, Text};
use crate::model::*;
use crate::schema::Place;
use crate::syntax::ast::Stmt;
use crate::t;
use std::collections::HashMap;

impl Lower<'_> {
    /// Two projects of one unit with one name (L007): the tables could not
    /// tell them apart. Both are kept (nothing is dropped, so the rules still
    /// run over them).
    pub(super) fn same_project_names(&mut self, projects: &[Project]) {
        let mut first: HashMap<(Option<&str>, &str), Span> = HashMap::new();
        for p in projects {
            let key = (
                p.unit.as_ref().map(|u| u.text.as_str()),
                p.name.text.as_str(),
            );
            let Some(at) = first.get(&key).copied() else {
                first.insert(key, p.name.span);
                continue;
            };
            let n = &p.name.text;
            self.push(
                Diagnostic::error(Code::L007, p.name.span, t!("项目“{n}”重复出现", "the project `{n}` is written twice"))
                    .label(Text::new("同名的第二个项目", "the second project of this name"))
                    .related(at, Text::new("同名的项目第一次出现在此", "first project of this name"))
                    .help(Text::new(
                        "每个项目的名称应唯一：改正其中一个的名称，或删除重复的项目",
                        "each project needs its own name: correct one of the names, or delete the duplicate",
                    ))
                    .recovered(),
            );
        }
    }

    pub(super) fn project(&mut self, stmt: &Stmt) -> Option<Project> {
        let name = match stmt.args().first() {
            Some(v) => Named {
                text: v.name(),
                span: v.span,
            },
            None => {
                self.missing_value(stmt, Text::new("项目名称", "the project's name"));
                return None;
            }
        };
        self.extra_args(stmt, 1);
        let mut p = Project {
            name,
            unit: None,
            category: None,
            function_code: None,
            amounts: Vec::new(),
            carryover: Vec::new(),
            published: false,
            target: None,
            span: stmt.span,
        };
        let mut seen = Seen::at(Place::Project);
        for c in self.block_of(stmt) {
            let kw = c.keyword().unwrap_or_default();
            if !self.known(c, Place::Project, kw) {
                continue;
            }
            if kw == "上年结转" {
                if let Some((s, m, _)) = self.sourced_arg(c) {
                    p.carryover.push((s, m));
                }
                continue;
            }
            if !seen.first(kw, c.head_span(), self.diags) {
                continue;
            }
            if let Some(src) = Source::parse(kw) {
                if let Some(m) = self.amount_arg(c) {
                    p.amounts.push((src, m));
                }
                continue;
            }
            match kw {
                "金额" => {
                    if let Some((s, m, _)) = self.sourced_arg(c) {
                        p.amounts.push((s, m));
                    }
                }
                "单位" => p.unit = self.text_arg(c),
                "类别" => {
                    if let Some(n) = self.text_arg(c) {
                        match ProjectCategory::parse(&n.text) {
                            Some(k) => p.category = Some(k),
                            None => self.bad_value(
                                n.span,
                                Text::new("项目类别", "a project category"),
                                Text::new(
                                    "类别为 其他运转类 或 特定目标类",
                                    "类别 is 其他运转类 or 特定目标类",
                                ),
                            ),
                        }
                    }
                }
                "功能" | "功能科目" => {
                    if let Some(code) = self.project_code(c) {
                        p.function_code = Some(code);
                    }
                }
                "绩效公开" => {
                    if let Some(yes) = self.published(c) {
                        p.published = yes;
                    }
                }
                "绩效目标" => p.target = Some(self.project_target(c)),
                _ => self.unknown_at(c, Place::Project),
            }
        }
        Some(p)
    }

    /// `功能 CODE`: the project's 7-digit 项 code.
    fn project_code(&mut self, c: &Stmt) -> Option<Named> {
        let Some(v) = c.args().first() else {
            self.missing_value(c, Text::new("功能分类编码", "a function code"));
            return None;
        };
        self.extra_args(c, 1);
        let code: FunctionCode = self.code_of(v, Text::new("功能分类编码", "function code"))?;
        if code.level() != CodeLevel::Xiang {
            self.bad_value(
                v.span,
                Text::new("7 位项科目编码", "a 7-digit 项 code"),
                Text::new(
                    "项目的功能科目写到项（7 位），例如 功能 2011302",
                    "give the project's 项 code (7 digits), e.g. 功能 2011302",
                ),
            );
            return None;
        }
        Some(Named {
            text: code.as_str().into(),
            span: v.span,
        })
    }

    /// `绩效公开 是|否`.
    fn published(&mut self, c: &Stmt) -> Option<bool> {
        let n = self.text_arg(c)?;
        match n.text.as_str() {
            "是" | "公开" => Some(true),
            "否" | "不公开" => Some(false),
            _ => {
                self.bad_value(
                    n.span,
                    Text::new("“是”或“否”", "是 or 否"),
                    Text::new(
                        "写作 绩效公开 是 或 绩效公开 否",
                        "write 绩效公开 是 or 绩效公开 否",
                    ),
                );
                None
            }
        }
    }

    pub(super) fn funding(&mut self, stmt: &Stmt) -> FundingSplit {
        self.extra_args(stmt, 0);
        let mut f = FundingSplit {
            span: stmt.span,
            ..FundingSplit::default()
        };
        let mut seen = Seen::default();
        for c in self.block_of(stmt) {
            let kw = c.keyword().unwrap_or_default();
            if !self.known(c, Place::Funding, kw) {
                continue;
            }
            let key = match kw {
                "中央" | "中央财政资金" => "central",
                "省级" | "省级财政资金" => "provincial",
                "市县" | "市县(区)财政资金" | "市县（区）财政资金" | "市县财政资金" => {
                    "local"
                }
                "自筹" | "单位自筹" => "own",
                "其他" | "其他资金" => "other",
                "合计" | "资金总额" => "total",
                _ => {
                    self.unknown_at(c, Place::Funding);
                    continue;
                }
            };
            if !seen.first(key, c.head_span(), self.diags) {
                continue;
            }
            if key == "total" {
                f.stated_total = self.stated_arg(c);
                continue;
            }
            let m = self.amount_arg(c).unwrap_or_default();
            match key {
                "central" => f.central = m,
                "provincial" => f.provincial = m,
                "local" => f.local = m,
                "own" => f.own = m,
                _ => f.other = m,
            }
        }
        f
    }

    pub(super) fn project_target(&mut self, stmt: &Stmt) -> ProjectTarget {
        self.extra_args(stmt, 0);
        let mut t = ProjectTarget {
            span: stmt.span,
            ..ProjectTarget::default()
        };
        let mut seen = Seen::at(Place::Target);
        for c in self.block_of(stmt) {
            let kw = c.keyword().unwrap_or_default();
            if !self.known(c, Place::Target, kw) {
                continue;
            }
            let key = if kw == "绩效指标" {
                match c.args().first().and_then(|v| v.as_word()) {
                    Some("年度") => "绩效指标 年度",
                    _ => "绩效指标 实施期",
                }
            } else {
                kw
            };
            if !seen.first(key, c.head_span(), self.diags) {
                continue;
            }
            let text = |l: &mut Self| l.text_arg(c).map(|n| n.text.into());
            match key {
                "项目属性" => t.attribute = text(self),
                "项目期" => t.period = text(self),
                "实施期资金" => t.funding_period = Some(self.funding(c)),
                "年度资金" => t.funding_year = Some(self.funding(c)),
                "概况" | "项目概况" => t.overview = text(self),
                "立项依据" => t.basis = text(self),
                "必要性" | "项目设立必要性" => t.necessity = text(self),
                "保证措施" => t.safeguards = text(self),
                "实施计划" | "项目实施计划" => t.plan = text(self),
                "实施期目标" | "总体目标" => t.goal_period = text(self),
                "年度目标" => t.goal_year = text(self),
                "填报日期" => t.filed = text(self),
                "绩效指标 实施期" => t.indicators_period = self.indicators(c),
                "绩效指标 年度" => t.indicators_year = Some(self.indicators(c)),
                _ => self.unknown_at(c, Place::Target),
            }
        }
        t
    }
}
