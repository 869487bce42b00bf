//! L016: a full-width space (U+3000) inside a name.
//!
//! The grammar takes U+3000 as white space, so `一般行政　管理事务` is two
//! words, and the checker sees a wrong name and a stray value. When errors
//! fall on two words that only full-width spaces separate, the check is run
//! again with them joined; if that clears every error on them, the file gets
//! one L016 at the name (its fix deletes the space) and the rest of the
//! second run's diagnostics, as if the name were written right.

use crate::diagnostic::Code;
use crate::diagnostic::{Diagnostic, Span, Text};
use crate::syntax::ast::{File, Stmt, ValueKind};
use crate::t;

/// The gaps whose words an error falls on.
pub fn touched(gaps: &[[Span; 3]], diags: &[Diagnostic]) -> Vec<[Span; 3]> {
    let mut out: Vec<[Span; 3]> = Vec::new();
    for g in gaps {
        let (start, end) = (g[0].start, g[2].end);
        let hit = diags
            .iter()
            .any(|d| d.is_error() && d.span.start >= start && d.span.start < end);
        let overlaps = out.last().is_some_and(|p| p[2] == g[0]);
        if hit && !overlaps {
            out.push(*g);
        }
    }
    out
}

/// The tree with each gap's two words joined into one.
pub fn joined(file: &File, gaps: &[[Span; 3]]) -> File {
    File {
        stmts: file.stmts.iter().map(|s| join_stmt(s, gaps)).collect(),
        tail: file.tail.clone(),
    }
}

fn join_stmt(s: &Stmt, gaps: &[[Span; 3]]) -> Stmt {
    let mut values = crate::syntax::ast::Values::with_capacity(s.values.len());
    for v in &s.values {
        let joins = values
            .last()
            .is_some_and(|prev| gaps.iter().any(|g| g[0] == prev.span && g[2] == v.span));
        match (joins, values.last_mut(), &v.kind) {
            (true, Some(prev), ValueKind::Word(w)) => {
                if let ValueKind::Word(p) = &mut prev.kind {
                    p.push_str(w);
                }
                prev.span = prev.span.join(v.span);
            }
            _ => values.push(v.clone()),
        }
    }
    Stmt {
        leading: s.leading.clone(),
        values,
        block: s.block.as_ref().map(|b| crate::syntax::ast::Block {
            open: b.open.clone(),
            stmts: b.stmts.iter().map(|c| join_stmt(c, gaps)).collect(),
            tail: b.tail.clone(),
            span: b.span,
        }),
        span: s.span,
        trailing: s.trailing.clone(),
    }
}

/// Whether the second run clears every error on the joined words.
pub fn resolved(gaps: &[[Span; 3]], diags: &[Diagnostic]) -> bool {
    !diags.iter().any(|d| {
        d.is_error()
            && gaps
                .iter()
                .any(|g| d.span.start >= g[0].start && d.span.start < g[2].end)
    })
}

/// The L016 of each gap (`words` are the two words' texts).
pub fn diagnostic(g: &[Span; 3], first: &str, second: &str) -> Diagnostic {
    let written = format!("{first}\u{3000}{second}");
    let name = format!("{first}{second}");
    Diagnostic::error(
        Code::L016,
        Span::new(g[0].start, g[2].end),
        t!(
            "名称“{written}”中有全角空格",
            "the name `{written}` contains a full-width space (U+3000)"
        ),
    )
    .label(Text::new(
        "全角空格把名称分成了两个词",
        "the full-width space splits the name in two",
    ))
    .related(g[1], Text::new("全角空格", "full-width space"))
    .help(t!(
        "删除全角空格：{name}（名称中确需空格时，用引号括起来）",
        "delete the full-width space: {name} (quote a name that really has a space)"
    ))
    .fix(g[1], "")
    .recovered()
}

/// The words' texts of a gap, from the tree.
pub fn words(file: &File, g: &[Span; 3]) -> Option<(String, String)> {
    let mut stack: Vec<&Stmt> = file.stmts.iter().collect();
    while let Some(s) = stack.pop() {
        let a = s.values.iter().find(|v| v.span == g[0]);
        let b = s.values.iter().find(|v| v.span == g[2]);
        if let (Some(a), Some(b)) = (a, b) {
            return Some((a.text(), b.text()));
        }
        if let Some(b) = &s.block {
            stack.extend(b.stmts.iter());
        }
    }
    None
}
