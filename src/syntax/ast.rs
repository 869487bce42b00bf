//! The syntax tree: statements of values with optional blocks.
//!
//! Meaning is given by the checker (`check::lower`); this tree keeps every
//! value with its span and its text as written, so that diagnostics point at
//! the exact place and the formatter can reproduce it.

use crate::diagnostic::Span;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Default)]
pub struct File {
    pub stmts: Vec<Stmt>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Stmt {
    pub values: Vec<Value>,
    pub block: Option<Block>,
    pub span: Span,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Block {
    pub stmts: Vec<Stmt>,
    /// From `{` to `}` inclusive.
    pub span: Span,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Value {
    pub kind: ValueKind,
    pub span: Span,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub enum ValueKind {
    /// `"…"`, escapes resolved.
    Str(String),
    /// A bare word.
    Word(String),
    /// `[cmp] number [unit]`.
    Quantity(Quantity),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Cmp {
    Ge,
    Le,
    Gt,
    Lt,
    Eq,
}

impl Cmp {
    pub fn symbol(self) -> &'static str {
        match self {
            Cmp::Ge => "≥",
            Cmp::Le => "≤",
            Cmp::Gt => ">",
            Cmp::Lt => "<",
            Cmp::Eq => "=",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Quantity {
    pub cmp: Option<Cmp>,
    /// The digits as written without group separators, e.g. `1329.84`.
    pub number: String,
    /// The number as written, e.g. `1,329.84`.
    pub number_raw: String,
    pub unit: Option<String>,
}

impl Value {
    /// The value as text: a string's content, a word, or a quantity as written.
    pub fn text(&self) -> String {
        match &self.kind {
            ValueKind::Str(s) | ValueKind::Word(s) => s.clone(),
            ValueKind::Quantity(q) => {
                let mut out = String::new();
                if let Some(c) = q.cmp {
                    out.push_str(c.symbol());
                }
                out.push_str(&q.number_raw);
                if let Some(u) = &q.unit {
                    out.push_str(u);
                }
                out
            }
        }
    }
    pub fn as_word(&self) -> Option<&str> {
        match &self.kind {
            ValueKind::Word(s) => Some(s),
            _ => None,
        }
    }
    pub fn as_quantity(&self) -> Option<&Quantity> {
        match &self.kind {
            ValueKind::Quantity(q) => Some(q),
            _ => None,
        }
    }
}

impl Stmt {
    pub fn head(&self) -> Option<&Value> {
        self.values.first()
    }
    /// The head as a keyword (a word or a string).
    pub fn keyword(&self) -> Option<&str> {
        match self.values.first().map(|v| &v.kind) {
            Some(ValueKind::Word(s)) | Some(ValueKind::Str(s)) => Some(s),
            _ => None,
        }
    }
    pub fn args(&self) -> &[Value] {
        self.values.get(1..).unwrap_or(&[])
    }
    pub fn head_span(&self) -> Span {
        match (self.values.first(), self.values.last()) {
            (Some(a), Some(b)) => a.span.join(b.span),
            _ => self.span,
        }
    }
    pub fn children(&self) -> &[Stmt] {
        self.block
            .as_ref()
            .map(|b| b.stmts.as_slice())
            .unwrap_or(&[])
    }
}
