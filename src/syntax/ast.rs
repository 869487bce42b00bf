//! The syntax tree: statements of values with optional blocks.
//!
//! Meaning is given by the checker (`check::lower`); this tree keeps every
//! value with its span and its text as written, and every comment in its
//! place (see `decor`), so that diagnostics point at the exact place and the
//! formatter and the editor read the file from the tree alone.

use crate::diagnostic::Span;
use serde::{Deserialize, Serialize};

/// A value's text. Most are short (a keyword, a code, a number, a unit, a
/// name of up to 8 CJK characters): up to 24 bytes are kept in place, so a
/// file's thousands of values do not each cost an allocation.
pub type Text = compact_str::CompactString;

/// A statement's values. Nine statements in ten have one or two (`名称 …`,
/// a key and its value): those are kept in the statement itself.
pub type Values = smallvec::SmallVec<[Value; 2]>;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Default)]
pub struct File {
    pub stmts: Vec<Stmt>,
    /// Comments on lines of their own after the last statement.
    pub tail: Vec<Comment>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Stmt {
    /// Comments on lines of their own before the statement (after the
    /// statement before it in its body).
    pub leading: Vec<Comment>,
    pub values: Values,
    pub block: Option<Block>,
    /// From the first value to the `}`; without a block, on over the white
    /// space and comment that follow the last value (as pest has it).
    pub span: Span,
    /// The comment after the statement on the line where it ends.
    pub trailing: Option<Comment>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Block {
    /// The comment after `{` on its line, before the first statement.
    pub open: Option<Comment>,
    pub stmts: Vec<Stmt>,
    /// Comments on lines of their own after the last statement.
    pub tail: Vec<Comment>,
    /// From `{` to `}` inclusive.
    pub span: Span,
}

/// A `#` comment, from `#` to the end of its line (the line end excluded).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Comment {
    /// As written, `#` included.
    pub text: Text,
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
    Str(Text),
    /// A bare word.
    Word(Text),
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
    pub number: Text,
    /// The number as written, e.g. `1,329.84`.
    pub number_raw: Text,
    pub unit: Option<Text>,
}

impl File {
    /// Every comment of the file, in order.
    pub fn comments(&self) -> Vec<&Comment> {
        let mut out: Vec<&Comment> = self.stmts.iter().flat_map(Stmt::comments).collect();
        out.extend(&self.tail);
        out
    }
}

impl Value {
    /// The value as text: a string's content, a word, or a quantity as written.
    pub fn text(&self) -> String {
        match &self.kind {
            ValueKind::Str(s) | ValueKind::Word(s) => s.to_string(),
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
    /// [`Value::text`] as a [`Text`]: a string or word is not copied to the
    /// heap again.
    pub fn name(&self) -> Text {
        match &self.kind {
            ValueKind::Str(s) | ValueKind::Word(s) => s.clone(),
            ValueKind::Quantity(_) => Text::from(self.text()),
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
    /// Where the statement's text ends: its `}` or its last value (its
    /// span may run on over blanks and a comment).
    pub fn end(&self) -> usize {
        match (&self.block, self.values.last()) {
            (Some(b), _) => b.span.end,
            (None, Some(v)) => v.span.end,
            (None, None) => self.span.end,
        }
    }
    /// The statement with its comments: from its first leading comment to
    /// its trailing comment.
    pub fn extent(&self) -> Span {
        let start = self
            .leading
            .first()
            .map_or(self.span.start, |c| c.span.start);
        let end = self
            .trailing
            .as_ref()
            .map_or(self.span.end, |c| c.span.end.max(self.span.end));
        Span::new(start, end)
    }
    /// Every comment of the statement and of its block, in order.
    pub fn comments(&self) -> Vec<&Comment> {
        let mut out: Vec<&Comment> = self.leading.iter().collect();
        if let Some(b) = &self.block {
            out.extend(&b.open);
            for s in &b.stmts {
                out.extend(s.comments());
            }
            out.extend(&b.tail);
        }
        out.extend(&self.trailing);
        out
    }
    pub fn children(&self) -> &[Stmt] {
        self.block
            .as_ref()
            .map(|b| b.stmts.as_slice())
            .unwrap_or(&[])
    }
}
