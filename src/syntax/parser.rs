//! pest pairs → syntax tree. The only module that sees pest.

use super::ast::{Block, Cmp, Comment, File, Quantity, Stmt, Value, ValueKind};
use super::decor::{Attach, Body};
use crate::diagnostic::{Span, Text};
use pest::iterators::{Pair, Pairs};
use pest::Parser as _;

#[derive(pest_derive::Parser)]
#[grammar = "grammar/budget.pest"]
struct BudgetParser;

/// A syntax error: where, and what was expected there.
#[derive(Debug, Clone)]
pub struct SyntaxError {
    pub span: Span,
    pub expected: Text,
    /// pest gave up: its call or stack budget ran out (not a syntax error).
    pub limit: bool,
}

/// Parse a whole text (`base` is its offset in the file).
pub fn parse_file(text: &str, base: usize) -> Result<File, SyntaxError> {
    let mut pairs = BudgetParser::parse(Rule::file, text).map_err(|e| convert(e, text, base))?;
    let body = match pairs.next() {
        Some(f) => body(f.into_inner(), text, base, None),
        None => Body::default(),
    };
    Ok(File {
        stmts: body.stmts,
        tail: body.tail,
    })
}

/// Parse exactly one statement (with its block, if any, and the comment
/// after it on its line).
pub fn parse_stmt(text: &str, base: usize) -> Result<Stmt, SyntaxError> {
    let mut pairs =
        BudgetParser::parse(Rule::stmt_only, text).map_err(|e| convert(e, text, base))?;
    let only = pairs.next().map(|p| body(p.into_inner(), text, base, None));
    only.and_then(|b| b.stmts.into_iter().next())
        .ok_or_else(|| SyntaxError {
            span: Span::new(base, base + text.len()),
            expected: Text::new("语句", "a statement"),
            limit: false,
        })
}

/// Parse only the values of a statement head (the part before `{`).
pub fn parse_head(text: &str, base: usize) -> Result<super::ast::Values, SyntaxError> {
    let pairs = BudgetParser::parse(Rule::head_only, text).map_err(|e| convert(e, text, base))?;
    let mut out = super::ast::Values::new();
    for p in pairs.flatten() {
        if let Some(v) = value(p.clone(), base) {
            out.push(v);
        }
    }
    Ok(out)
}

fn span_of(p: &Pair<Rule>, base: usize) -> Span {
    let s = p.as_span();
    Span::new(base + s.start(), base + s.end())
}

fn comment(p: &Pair<Rule>, base: usize) -> Comment {
    Comment {
        text: p.as_str().into(),
        span: span_of(p, base),
    }
}

/// The statements and comments of a body, comments attached (`decor`).
fn body(pairs: Pairs<Rule>, text: &str, base: usize, after_open: Option<usize>) -> Body {
    let mut stmts = Vec::new();
    let mut body = Attach::new(text, base, after_open, &stmts);
    for p in pairs {
        match p.as_rule() {
            Rule::stmt => body.stmt(&mut stmts, stmt(p, text, base)),
            Rule::COMMENT => body.comment(&mut stmts, comment(&p, base)),
            _ => {}
        }
    }
    body.finish(&mut stmts)
}

fn stmt(p: Pair<Rule>, text: &str, base: usize) -> Stmt {
    let span = span_of(&p, base);
    let mut values = super::ast::Values::new();
    let mut block_out = None;
    let mut trailing = None;
    for c in p.into_inner() {
        match c.as_rule() {
            Rule::block => {
                let bspan = span_of(&c, base);
                let b = body(c.into_inner(), text, base, Some(bspan.start + 1));
                block_out = Some(Block {
                    open: b.open,
                    stmts: b.stmts,
                    tail: b.tail,
                    span: bspan,
                });
            }
            Rule::COMMENT => trailing = Some(comment(&c, base)),
            _ => values.extend(value(c, base)),
        }
    }
    Stmt {
        leading: Vec::new(),
        values,
        block: block_out,
        span,
        trailing,
    }
}

fn value(p: Pair<Rule>, base: usize) -> Option<Value> {
    let span = span_of(&p, base);
    let kind = match p.as_rule() {
        Rule::string => {
            let inner = p.into_inner().next().map(|i| i.as_str()).unwrap_or("");
            ValueKind::Str(unescape(inner).into())
        }
        Rule::word => ValueKind::Word(p.as_str().into()),
        Rule::quantity => {
            let mut q = Quantity {
                cmp: None,
                number: super::ast::Text::default(),
                number_raw: super::ast::Text::default(),
                unit: None,
            };
            for c in p.into_inner() {
                match c.as_rule() {
                    Rule::cmp => {
                        q.cmp = Some(match c.as_str() {
                            ">=" | "≥" => Cmp::Ge,
                            "<=" | "≤" => Cmp::Le,
                            ">" | "＞" => Cmp::Gt,
                            "<" | "＜" => Cmp::Lt,
                            _ => Cmp::Eq,
                        })
                    }
                    Rule::number => {
                        q.number_raw = c.as_str().into();
                        q.number = c.as_str().replace(',', "").into();
                    }
                    Rule::unit => q.unit = Some(c.as_str().into()),
                    _ => {}
                }
            }
            ValueKind::Quantity(q)
        }
        _ => return None,
    };
    Some(Value { kind, span })
}

/// Resolve a string's escapes (shared with the fast path, `super::fast`).
pub(super) fn unescape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut chars = s.chars();
    while let Some(c) = chars.next() {
        if c == '\\' {
            match chars.next() {
                Some('n') => out.push('\n'),
                Some('t') => out.push('\t'),
                Some(other) => out.push(other),
                None => out.push('\\'),
            }
        } else {
            out.push(c);
        }
    }
    out
}

fn rule_name(r: &Rule) -> Option<(&'static str, &'static str)> {
    Some(match r {
        Rule::stmt | Rule::value | Rule::string | Rule::quantity | Rule::word => ("值", "a value"),
        Rule::block => ("“{”", "`{`"),
        Rule::EOI => ("文件结尾", "end of file"),
        Rule::cmp | Rule::number => ("数字", "a number"),
        Rule::unit => ("单位", "a unit"),
        _ => return None,
    })
}

fn convert(e: pest::error::Error<Rule>, text: &str, base: usize) -> SyntaxError {
    use pest::error::{ErrorVariant, InputLocation};
    let (s, _) = match e.location {
        InputLocation::Pos(p) => (p, p),
        InputLocation::Span(s) => s,
    };
    // The span covers the offending character (or is empty at the end).
    let end = text[s.min(text.len())..]
        .chars()
        .next()
        .map(|c| s + c.len_utf8())
        .unwrap_or(s);
    let mut zh: Vec<&str> = Vec::new();
    let mut en: Vec<&str> = Vec::new();
    if let ErrorVariant::ParsingError { positives, .. } = &e.variant {
        for r in positives {
            if let Some((z, n)) = rule_name(r) {
                if !zh.contains(&z) {
                    zh.push(z);
                    en.push(n);
                }
            }
        }
    }
    if zh.is_empty() {
        zh.push("值、换行或“}”");
        en.push("a value, a new line or `}`");
    }
    let limit = matches!(&e.variant, ErrorVariant::CustomError { message } if message.contains("limit reached"));
    SyntaxError {
        span: Span::new(base + s, base + end),
        expected: Text::new(zh.join("、"), en.join(", ")),
        limit,
    }
}
