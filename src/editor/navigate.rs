//! Go to definition and find references.
//!
//! * a unit's name where it is used (a project's `单位`, `基本支出 "…"`, a
//!   line of `机关运行经费`) → its `单位` declaration;
//! * a project's `功能` code → the 支出 line of that code;
//! * a 支出 or 基本支出 code → the line of its parent code (款 → 类, 项 → 款);
//!
//! and the other way: a unit → every use of it; a 功能分类 code → the
//! projects paid under it and the lines below it.

use super::{Analysis, Position, Range};
use crate::diagnostic::Span;

fn contains(span: Span, offset: usize) -> bool {
    span.start <= offset && offset <= span.end && !(span.start == 0 && span.end == 0)
}

/// What the cursor is on, for navigation.
enum Target {
    Unit(String),
    Function(String),
    Economic { block: usize, code: String },
}

/// Every place a unit's name is written as a reference (not its declaration).
fn unit_uses(a: &Analysis, name: &str) -> Vec<Span> {
    let b = &a.checked.budget;
    let mut v: Vec<Span> = b
        .projects
        .iter()
        .filter_map(|p| p.unit.as_ref())
        .filter(|u| u.text == name)
        .map(|u| u.span)
        .collect();
    v.extend(
        b.admin_cost
            .by_unit
            .iter()
            .filter(|(n, _)| n.text == name)
            .map(|(n, _)| n.span),
    );
    // `基本支出 "unit" { … }`: the tree has the span
    for s in &a.file.stmts {
        if s.keyword() == Some("基本支出") {
            if let Some(v0) = s.args().first() {
                if v0.text() == name {
                    v.push(v0.span);
                }
            }
        }
    }
    v
}

fn target(a: &Analysis, off: usize) -> Option<Target> {
    let b = &a.checked.budget;
    if let Some(u) = b.units.iter().find(|u| contains(u.name.span, off)) {
        return Some(Target::Unit(u.name.text.to_string()));
    }
    for u in &b.units {
        if unit_uses(a, &u.name.text).iter().any(|s| contains(*s, off)) {
            return Some(Target::Unit(u.name.text.to_string()));
        }
    }
    if let Some(f) = b
        .projects
        .iter()
        .filter_map(|p| p.function_code.as_ref())
        .find(|f| contains(f.span, off))
    {
        return Some(Target::Function(f.text.to_string()));
    }
    if let Some(r) = b
        .expenditure
        .rows
        .iter()
        .find(|r| contains(r.code_span, off))
    {
        return Some(Target::Function(r.code.to_string()));
    }
    for (i, blk) in b.economic.iter().enumerate() {
        if let Some(r) = blk.rows.iter().find(|r| contains(r.code_span, off)) {
            return Some(Target::Economic {
                block: i,
                code: r.code.to_string(),
            });
        }
    }
    None
}

/// Where the thing under `pos` is defined.
pub fn definition(a: &Analysis, pos: Position) -> Vec<Range> {
    let off = a.offset(pos);
    let b = &a.checked.budget;
    let spans: Vec<Span> = match target(a, off) {
        Some(Target::Unit(name)) => b
            .units
            .iter()
            .filter(|u| u.name.text == name)
            .map(|u| u.name.span)
            .collect(),
        Some(Target::Function(code)) => {
            let row_at = |c: &str| b.expenditure.rows.iter().find(|r| r.code == c);
            let on_row = b
                .expenditure
                .rows
                .iter()
                .any(|r| r.code == code && contains(r.code_span, off));
            if on_row {
                // a line's code → its parent line
                [5usize, 3]
                    .iter()
                    .filter(|n| **n < code.len())
                    .find_map(|n| code.get(..*n).and_then(row_at))
                    .map(|r| vec![r.code_span])
                    .unwrap_or_default()
            } else {
                row_at(&code).map(|r| vec![r.code_span]).unwrap_or_default()
            }
        }
        Some(Target::Economic { block, code }) => b
            .economic
            .get(block)
            .and_then(|blk| {
                let parent = code.get(..3).filter(|_| code.len() == 5)?;
                blk.rows.iter().find(|r| r.code == parent)
            })
            .map(|r| vec![r.code_span])
            .unwrap_or_default(),
        None => Vec::new(),
    };
    spans.into_iter().map(|s| a.range(s)).collect()
}

/// Every place the thing under `pos` is used (and declared, when asked).
pub fn references(a: &Analysis, pos: Position, include_declaration: bool) -> Vec<Range> {
    let off = a.offset(pos);
    let b = &a.checked.budget;
    let mut spans: Vec<Span> = Vec::new();
    match target(a, off) {
        Some(Target::Unit(name)) => {
            if include_declaration {
                spans.extend(
                    b.units
                        .iter()
                        .filter(|u| u.name.text == name)
                        .map(|u| u.name.span),
                );
            }
            spans.extend(unit_uses(a, &name));
        }
        Some(Target::Function(code)) => {
            if include_declaration {
                spans.extend(
                    b.expenditure
                        .rows
                        .iter()
                        .filter(|r| r.code == code)
                        .map(|r| r.code_span),
                );
            }
            spans.extend(
                b.projects
                    .iter()
                    .filter_map(|p| p.function_code.as_ref())
                    .filter(|f| f.text == code)
                    .map(|f| f.span),
            );
            spans.extend(
                b.expenditure
                    .rows
                    .iter()
                    .filter(|r| r.code.len() > code.len() && r.code.starts_with(&code))
                    .map(|r| r.code_span),
            );
        }
        Some(Target::Economic { block, code }) => {
            if let Some(blk) = b.economic.get(block) {
                spans.extend(
                    blk.rows
                        .iter()
                        .filter(|r| {
                            (include_declaration && r.code == code)
                                || (r.code.len() > code.len() && r.code.starts_with(&code))
                        })
                        .map(|r| r.code_span),
                );
            }
        }
        None => {}
    }
    spans.sort();
    spans.dedup();
    spans.into_iter().map(|s| a.range(s)).collect()
}
