//! Parsing again after an edit, fast: the language server re-checks a file
//! on every change, and most of a 10,000-line file has not changed.
//!
//! [`parse_cached`] cuts the text into top-level statements (the scanner of
//! the error recovery) and parses only those it has not seen before; the
//! others come from the [`ParseCache`], their spans moved to where the
//! statement now is. When every statement parses, the tree is the one
//! [`super::parse`] gives (the tests compare them); when one does not, the
//! text goes to [`super::parse`], which reports the errors.

use super::ast::{Block, File, Stmt, Value};
use super::{parse, parser, split, too_many_values, Parsed, MAX_DEPTH, MAX_FILE_BYTES};
use crate::diagnostic::Span;
use std::collections::HashMap;

/// Top-level statements parsed before, by their text (spans from 0).
#[derive(Debug, Default, Clone)]
pub struct ParseCache {
    stmts: HashMap<Box<str>, Stmt>,
}

impl ParseCache {
    pub fn new() -> ParseCache {
        ParseCache::default()
    }
    pub fn len(&self) -> usize {
        self.stmts.len()
    }
    pub fn is_empty(&self) -> bool {
        self.stmts.is_empty()
    }
}

fn shift_span(s: Span, by: usize) -> Span {
    Span::new(s.start + by, s.end + by)
}

fn shift_value(v: &Value, by: usize) -> Value {
    Value {
        kind: v.kind.clone(),
        span: shift_span(v.span, by),
    }
}

fn shift(s: &Stmt, by: usize) -> Stmt {
    Stmt {
        values: s.values.iter().map(|v| shift_value(v, by)).collect(),
        block: s.block.as_ref().map(|b| Block {
            stmts: b.stmts.iter().map(|c| shift(c, by)).collect(),
            span: shift_span(b.span, by),
        }),
        span: shift_span(s.span, by),
    }
}

/// [`parse`], reusing the statements of earlier texts; keeps in `cache` the
/// statements of this one.
pub fn parse_cached(src: &str, cache: &mut ParseCache) -> Parsed {
    if src.len() > MAX_FILE_BYTES {
        return parse(src);
    }
    let base = if src.starts_with('\u{FEFF}') { 3 } else { 0 };
    let text = &src[base..];
    if too_many_values(text).is_some() {
        return parse(src);
    }
    super::install_call_limit();
    let pieces = split(text);
    if pieces.iter().any(|p| p.max_depth > MAX_DEPTH) {
        return parse(src);
    }
    let mut next: HashMap<Box<str>, Stmt> = HashMap::with_capacity(pieces.len());
    let mut stmts = Vec::with_capacity(pieces.len());
    for p in &pieces {
        let ptext = &text[p.start..p.end];
        let at = base + p.start;
        let local = match next.get(ptext).or_else(|| cache.stmts.get(ptext)) {
            Some(s) => s.clone(),
            None => match parser::parse_stmt(ptext, 0) {
                Ok(s) => s,
                Err(_) => {
                    // Keep what is known for the next edit; the errors come from `parse`.
                    cache.stmts.extend(next);
                    return parse(src);
                }
            },
        };
        stmts.push(shift(&local, at));
        if !next.contains_key(ptext) {
            next.insert(ptext.into(), local);
        }
    }
    cache.stmts = next;
    let mut diagnostics = Vec::new();
    super::fullwidth_separators(&mut stmts, &mut diagnostics);
    super::value_characters(&stmts, &mut diagnostics);
    Parsed {
        fullwidth_gaps: super::fullwidth_gaps(src, &stmts),
        file: File { stmts },
        diagnostics,
        fatal: false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn same_tree_as_parse_across_edits() {
        let mut cache = ParseCache::new();
        let texts = [
            "年度 2024\n部门 \"甲\"  # c\n支出 {\n  2011301 行政运行 基本 12.84\n}\n",
            "年度 2024\n部门 \"甲\"  # c\n支出 {\n  2011301 行政运行 基本 12.85\n}\n",
            "\u{FEFF}年度 2024\n部门 \"甲\"  # c\n支出 {\n  2011301 行政运行 基本 12.85\n}\n",
            "年度 2024;部门 \"甲\"\n\n支出 {\n  2011301 行政运行 基本 ≥\n}\n",
            "年度 2024\n部门 \"甲\"  # c\n支出 {\n2011301 行政运行 基本 12.85\n}\n",
            "年度 2024\n部门 \"多\n行\"\n",
        ];
        for t in texts {
            let a = parse_cached(t, &mut cache);
            let b = parse(t);
            assert_eq!(a.file, b.file, "{t:?}");
            assert_eq!(a.diagnostics, b.diagnostics, "{t:?}");
            assert_eq!(a.fatal, b.fatal);
        }
    }
}
