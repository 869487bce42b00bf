//! Document symbols: the outline of a file.
//!
//! Every statement is a symbol and a block's statements are its children;
//! the lines of 支出 and 基本支出 nest by code (类 › 款 › 项) and carry
//! their computed totals; a project or a unit is named by its name.

use super::{Analysis, Range};
use crate::diagnostic::Span;
use crate::model::money::exact;
use crate::syntax::ast::{Stmt, ValueKind};
use serde::Serialize;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum SymbolKind {
    /// A section: 收入, 支出, 绩效指标 …
    Namespace,
    /// A 单位 declaration.
    Class,
    /// A 项目.
    Function,
    /// A table line with a code.
    Field,
    /// A `key value` statement.
    Property,
    /// A nested block that is not a section.
    Object,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DocumentSymbol {
    pub name: String,
    pub detail: Option<String>,
    pub kind: SymbolKind,
    /// The whole statement.
    pub range: Range,
    /// Its values (what to select).
    pub selection_range: Range,
    pub children: Vec<DocumentSymbol>,
}

/// The outline.
pub fn document_symbols(a: &Analysis) -> Vec<DocumentSymbol> {
    a.file
        .stmts
        .iter()
        .filter_map(|s| symbol(a, s, None))
        .collect()
}

fn short(s: &str) -> String {
    let one: String = s.split_whitespace().collect::<Vec<_>>().join(" ");
    if one.chars().count() > 40 {
        let mut t: String = one.chars().take(39).collect();
        t.push('…');
        t
    } else {
        one
    }
}

fn code_of(s: &Stmt) -> Option<String> {
    match s.values.first().map(|v| &v.kind) {
        Some(ValueKind::Quantity(q))
            if q.cmp.is_none()
                && q.unit.is_none()
                && matches!(q.number.len(), 3 | 5 | 7)
                && q.number.bytes().all(|b| b.is_ascii_digit()) =>
        {
            Some(q.number.to_string())
        }
        _ => None,
    }
}

fn symbol(a: &Analysis, s: &Stmt, section: Option<&str>) -> Option<DocumentSymbol> {
    let head = s.values.first()?;
    let kw = head.text();
    let args: Vec<String> = s.args().iter().map(|v| v.text()).collect();
    let top = section.is_none();
    let b = &a.checked.budget;
    let money = |m| exact(m, b.display_unit);
    let (name, detail, kind) = match (kw.as_str(), section) {
        ("项目", None) => (
            args.first().cloned().unwrap_or_else(|| kw.clone()),
            b.projects
                .iter()
                .find(|p| args.first().is_some_and(|a| p.name.text == *a))
                .map(|p| format!("项目 {}", money(p.total())))
                .or(Some("项目".into())),
            SymbolKind::Function,
        ),
        ("单位", None) => (
            args.first().cloned().unwrap_or_else(|| kw.clone()),
            Some("单位".into()),
            SymbolKind::Class,
        ),
        (_, Some("支出")) if code_of(s).is_some() => {
            let code = code_of(s).unwrap_or_default();
            let total = b
                .derived
                .functions
                .iter()
                .find(|n| n.code == code)
                .map(|n| money(n.figures.total));
            (
                format!("{kw} {}", args.first().cloned().unwrap_or_default()),
                total,
                SymbolKind::Field,
            )
        }
        (_, Some("基本支出")) if code_of(s).is_some() => {
            let code = code_of(s).unwrap_or_default();
            let total = b
                .derived
                .economic
                .iter()
                .find(|n| n.code == code)
                .map(|n| money(n.total));
            (
                format!("{kw} {}", args.first().cloned().unwrap_or_default()),
                total,
                SymbolKind::Field,
            )
        }
        _ => {
            let kind = match (&s.block, top) {
                (Some(_), true) => SymbolKind::Namespace,
                (Some(_), false) => SymbolKind::Object,
                (None, _) => SymbolKind::Property,
            };
            let detail = (!args.is_empty()).then(|| short(&args.join(" ")));
            let total = match (kw.as_str(), top) {
                ("收入", true) => Some(money(b.derived.income_total)),
                ("支出", true) => Some(money(b.derived.expenditure_total)),
                ("三公经费", true) => Some(money(b.derived.three_public_total)),
                _ => None,
            };
            (kw.clone(), total.or(detail), kind)
        }
    };
    let here = if top { Some(kw.as_str()) } else { section };
    let children: Vec<DocumentSymbol> = s
        .children()
        .iter()
        .filter_map(|c| symbol(a, c, here))
        .collect();
    let children = if matches!(here, Some("支出" | "基本支出")) && !s.children().is_empty() && top
    {
        nest(s.children().iter().map(code_of).zip(children).collect())
    } else {
        children
    };
    let range = a.range(Span::new(s.span.start, s.end()));
    Some(DocumentSymbol {
        name: if name.is_empty() {
            "…".into()
        } else {
            short(&name)
        },
        detail,
        kind,
        range,
        selection_range: a.range(s.head_span()),
        children,
    })
}

/// Nest table lines by code: a line goes under the nearest earlier line whose
/// code its own extends.
fn nest(items: Vec<(Option<String>, DocumentSymbol)>) -> Vec<DocumentSymbol> {
    fn pop(stack: &mut Vec<(String, DocumentSymbol)>, out: &mut Vec<DocumentSymbol>) {
        if let Some((_, s)) = stack.pop() {
            match stack.last_mut() {
                Some((_, parent)) => {
                    if s.range.end > parent.range.end {
                        parent.range.end = s.range.end;
                    }
                    parent.children.push(s);
                }
                None => out.push(s),
            }
        }
    }
    let mut out = Vec::new();
    let mut stack: Vec<(String, DocumentSymbol)> = Vec::new();
    for (code, sym) in items {
        match code {
            None => {
                while !stack.is_empty() {
                    pop(&mut stack, &mut out);
                }
                out.push(sym);
            }
            Some(c) => {
                while let Some((top, _)) = stack.last() {
                    if c.len() > top.len() && c.starts_with(top.as_str()) {
                        break;
                    }
                    pop(&mut stack, &mut out);
                }
                stack.push((c, sym));
            }
        }
    }
    while !stack.is_empty() {
        pop(&mut stack, &mut out);
    }
    out
}
