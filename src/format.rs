//! `budget fmt`: one canonical layout for `.budget` files.
//!
//! The layout:
//!
//! * one statement per line, indented by two spaces per block depth; values
//!   separated by one space, each value kept exactly as written (`1,329.84`,
//!   `≥47户`, a string with its escapes);
//! * a block opens with ` {` at the end of its statement's line and closes
//!   with `}` on a line of its own; an empty block is `{}`;
//! * a block written on one line (`2011301 行政运行 { 基本 10.00; 项目 2.84 }`)
//!   stays on one line while the line fits in [`MAX_WIDTH`] columns, and is
//!   opened up otherwise; a block written over several lines is never joined;
//! * within a block, consecutive **rows** form a table. A row is a line
//!   without a block whose last value is a number or quantity:
//!   `2011301 行政运行 基本 12.84`, `一般公共预算 1329.84`. Rows that start
//!   with a code (table lines) and rows that start with a key (`合计 12.84`)
//!   make separate tables; a line that is not a row ends the table, a blank
//!   line or a comment line does not. A table is aligned column by column:
//!   each column as wide as its widest value, numbers (without `≥`-like
//!   comparators) right-aligned in their column, the first column and words
//!   left-aligned. Widths count CJK characters as two columns. A line whose
//!   number is a code or a date (`功能 2011302`, `年度 2024`, `填报日期 …`)
//!   is not a row;
//! * every comment is kept: a comment on a line of its own stays on its own
//!   line before the same statement, at that statement's indentation; a
//!   comment after a statement stays after it, two spaces on (aligned within a
//!   table);
//! * blank lines between statements are kept, at most one in a row; none at
//!   the start or end of a block; the file ends with one new line, lines end
//!   with `\n`, and a byte-order mark is dropped.
//!
//! The comments are the syntax tree's (each in its place, see
//! `syntax::ast::Comment`): the formatter reads the tree and the blank lines
//! between its nodes, nothing else.
//!
//! Formatting never changes meaning: the values and blocks are those of the
//! input, so the checked model of the output is that of the input. A file
//! with syntax errors is refused (its structure is not known for sure).

use crate::diagnostic::{Diagnostic, Span};
use crate::syntax::ast::{Comment, Stmt, Value, ValueKind};
use crate::syntax::{self};
use unicode_width::UnicodeWidthStr;

/// The widest line a one-line block may make (in columns, CJK = 2).
pub const MAX_WIDTH: usize = 100;

const INDENT: &str = "  ";

/// Format a source text; `Err` with the syntax errors when it does not parse.
pub fn format(src: &str) -> Result<String, Vec<Diagnostic>> {
    let parsed = syntax::parse(src);
    if parsed.fatal || parsed.diagnostics.iter().any(Diagnostic::is_error) {
        return Err(parsed.diagnostics);
    }
    let start = if src.starts_with('\u{FEFF}') { 3 } else { 0 };
    let mut f = Formatter {
        src,
        out: String::with_capacity(src.len() + src.len() / 8),
    };
    let file = &parsed.file;
    f.body(&file.stmts, &file.tail, 0, Span::new(start, src.len()));
    Ok(f.out)
}

/// Whether a text is already in the canonical layout (`false` when it does
/// not parse).
pub fn is_formatted(src: &str) -> bool {
    matches!(format(src), Ok(out) if out == src)
}

/// The text of every comment of a source, in order (for tests and tools:
/// formatting keeps this list as it is).
pub fn comments(src: &str) -> Vec<&str> {
    syntax::parse(src)
        .file
        .comments()
        .iter()
        .filter_map(|c| src.get(c.span.start..c.span.end).map(str::trim_end))
        .collect()
}

fn newlines(s: &str) -> usize {
    let b = s.as_bytes();
    let mut n = 0;
    for (i, c) in b.iter().enumerate() {
        match c {
            b'\n' => n += 1,
            b'\r' if b.get(i + 1) != Some(&b'\n') => n += 1,
            _ => {}
        }
    }
    n
}

fn width(s: &str) -> usize {
    UnicodeWidthStr::width(s)
}

fn pad(out: &mut String, n: usize) {
    for _ in 0..n {
        out.push(' ');
    }
}

/// A row that starts with a code (a table line) rather than a key.
fn code_row(stmt: &Stmt) -> bool {
    matches!(
        stmt.values.first().map(|v| &v.kind),
        Some(ValueKind::Quantity(_))
    )
}

/// One thing a block holds, in order.
enum Item<'a> {
    Comment {
        c: &'a Comment,
        blank: bool,
    },
    Stmt {
        stmt: &'a Stmt,
        blank: bool,
        /// The comment after it on its last line.
        trail: Option<&'a Comment>,
    },
}

struct Formatter<'s> {
    src: &'s str,
    out: String,
}

impl<'s> Formatter<'s> {
    fn text(&self, span: Span) -> &'s str {
        self.src.get(span.start..span.end).unwrap_or("")
    }

    fn value_text(&self, v: &Value) -> &'s str {
        self.text(v.span)
    }

    /// The values as written, except that two words with only full-width
    /// spaces between them stay one piece as written: the checker may read
    /// them as one name with a full-width space in it (L016), and the
    /// formatter must not change what it reads.
    fn pieces<'v>(&self, values: &'v [Value]) -> Vec<(&'s str, &'v Value)> {
        let mut out: Vec<(Span, &'v Value)> = Vec::with_capacity(values.len());
        for v in values {
            if let Some(last) = out.last_mut() {
                let gap = self.text(Span::new(last.0.end, v.span.start));
                let fullwidth = !gap.is_empty() && gap.chars().all(|c| c == '\u{3000}');
                if fullwidth && last.1.as_word().is_some() && v.as_word().is_some() {
                    last.0 = Span::new(last.0.start, v.span.end);
                    continue;
                }
            }
            out.push((v.span, v));
        }
        out.into_iter().map(|(s, v)| (self.text(s), v)).collect()
    }

    fn head_text(&self, stmt: &Stmt) -> String {
        let parts: Vec<&str> = self
            .pieces(&stmt.values)
            .into_iter()
            .map(|(t, _)| t)
            .collect();
        parts.join(" ")
    }

    /// The statement on one line, its block (if any) inline.
    fn inline(&self, stmt: &Stmt) -> String {
        let mut s = self.head_text(stmt);
        if let Some(b) = &stmt.block {
            if b.stmts.is_empty() {
                s.push_str(" {}");
            } else {
                let inner: Vec<String> = b.stmts.iter().map(|c| self.inline(c)).collect();
                s.push_str(" { ");
                s.push_str(&inner.join("; "));
                s.push_str(" }");
            }
        }
        s
    }

    fn is_row(&self, stmt: &Stmt) -> bool {
        // Keys whose number is a code, a year or a date, not an amount.
        const NOT_AMOUNTS: &[&str] = &["年度", "部门编码", "编码", "功能", "功能科目", "填报日期"];
        stmt.block.is_none()
            && !matches!(stmt.keyword(), Some(k) if NOT_AMOUNTS.contains(&k))
            && stmt.values.len() >= 2
            && matches!(
                stmt.values.last().map(|v| &v.kind),
                Some(ValueKind::Quantity(_))
            )
            && stmt
                .values
                .iter()
                .all(|v| !self.value_text(v).contains(['\n', '\r']))
    }

    /// The statements (and comment lines) of a block or of the file.
    /// `range` is the source between the braces (or the whole file).
    /// Pass 1 of [`Self::body`]: the items in order, with their blank lines;
    /// trailing comments claimed. Returns the offset after the last item.
    fn items<'t>(&self, stmts: &'t [Stmt], tail: &'t [Comment], start: usize) -> Vec<Item<'t>> {
        let mut items: Vec<Item> = Vec::new();
        let mut cursor = start;
        let blank = |items: &[Item], cursor: usize, at: usize| {
            !items.is_empty() && newlines(self.text(Span::new(cursor, at))) >= 2
        };
        for stmt in stmts {
            for c in &stmt.leading {
                let blank = blank(&items, cursor, c.span.start);
                items.push(Item::Comment { c, blank });
                cursor = c.span.end;
            }
            let blank = blank(&items, cursor, stmt.span.start);
            let trail = stmt.trailing.as_ref();
            items.push(Item::Stmt { stmt, blank, trail });
            cursor = stmt.end();
        }
        for c in tail {
            let blank = blank(&items, cursor, c.span.start);
            items.push(Item::Comment { c, blank });
            cursor = c.span.end;
        }
        items
    }

    /// Pass 2 of [`Self::body`]: the rows of each table laid out together.
    fn tables(&self, items: &[Item]) -> Vec<Option<(String, usize)>> {
        // Tables: runs of rows of one kind (code rows or key rows); blank
        // lines and comment lines may stand between them.
        let mut rendered: Vec<Option<(String, usize)>> = vec![None; items.len()];
        let mut i = 0;
        while i < items.len() {
            let Item::Stmt { stmt, .. } = items[i] else {
                i += 1;
                continue;
            };
            if !self.is_row(stmt) {
                i += 1;
                continue;
            }
            let mut members = vec![i];
            let mut j = i + 1;
            while let Some(it) = items.get(j) {
                match it {
                    Item::Comment { .. } => {}
                    Item::Stmt { stmt: s, .. } => {
                        if !self.is_row(s) || code_row(s) != code_row(stmt) {
                            break;
                        }
                        members.push(j);
                    }
                }
                j += 1;
            }
            let rows: Vec<(&Stmt, bool)> = members
                .iter()
                .filter_map(|&m| match items[m] {
                    Item::Stmt { stmt, trail, .. } => Some((stmt, trail.is_some())),
                    Item::Comment { .. } => None,
                })
                .collect();
            for (m, line) in members.iter().zip(self.table(&rows)) {
                rendered[*m] = Some(line);
            }
            i = members.last().map_or(j, |l| l + 1);
        }
        rendered
    }

    /// The statements and comments of a block or of the file; `range` is
    /// the source between the braces (or the whole file).
    fn body(&mut self, stmts: &[Stmt], tail: &[Comment], depth: usize, range: Span) {
        let items = self.items(stmts, tail, range.start);
        let mut rendered = self.tables(&items);
        // Render.
        let mut first = true;
        for (k, item) in items.iter().enumerate() {
            match *item {
                Item::Comment { c, blank } => {
                    if blank && !first {
                        self.out.push('\n');
                    }
                    self.indent(depth);
                    self.out.push_str(c.text.trim_end());
                    self.out.push('\n');
                }
                Item::Stmt { stmt, blank, trail } => {
                    if blank && !first {
                        self.out.push('\n');
                    }
                    match rendered[k].take() {
                        Some((line, comment_col)) => {
                            self.indent(depth);
                            self.out.push_str(&line);
                            if trail.is_some() {
                                pad(&mut self.out, comment_col.saturating_sub(width(&line)));
                            }
                            self.push_comment(trail);
                            self.out.push('\n');
                        }
                        None => self.stmt(stmt, depth, trail),
                    }
                }
            }
            first = false;
        }
    }

    fn indent(&mut self, depth: usize) {
        for _ in 0..depth {
            self.out.push_str(INDENT);
        }
    }

    fn push_comment(&mut self, c: Option<&Comment>) {
        if let Some(c) = c {
            self.out.push_str("  ");
            self.out.push_str(c.text.trim_end());
        }
    }

    /// A statement that is not part of a table.
    fn stmt(&mut self, stmt: &Stmt, depth: usize, trail: Option<&Comment>) {
        let Some(b) = &stmt.block else {
            self.indent(depth);
            let head = self.head_text(stmt);
            self.out.push_str(&head);
            self.push_comment(trail);
            self.out.push('\n');
            return;
        };
        let inner = Span::new(
            b.span.start + 1,
            b.span.end.saturating_sub(1).max(b.span.start + 1),
        );
        let one_line = !self.text(b.span).contains(['\n', '\r']);
        let empty = b.stmts.is_empty() && b.open.is_none() && b.tail.is_empty();
        if empty || one_line {
            let line = self.inline(stmt);
            if empty || depth * INDENT.len() + width(&line) <= MAX_WIDTH {
                self.indent(depth);
                self.out.push_str(&line);
                self.push_comment(trail);
                self.out.push('\n');
                return;
            }
        }
        self.indent(depth);
        let head = self.head_text(stmt);
        self.out.push_str(&head);
        self.out.push_str(" {");
        self.push_comment(b.open.as_ref());
        self.out.push('\n');
        self.body(&b.stmts, &b.tail, depth + 1, inner);
        self.indent(depth);
        self.out.push('}');
        self.push_comment(trail);
        self.out.push('\n');
    }

    /// Rows aligned as a table: column by column, numbers right-aligned in
    /// their column, the first column and words left-aligned. Each line with
    /// the column its trailing comment (if any) aligns to.
    fn table(&self, rows: &[(&Stmt, bool)]) -> Vec<(String, usize)> {
        let cells: Vec<Vec<(&str, bool)>> = rows
            .iter()
            .map(|(stmt, _)| {
                self.pieces(&stmt.values)
                    .into_iter()
                    .enumerate()
                    .map(|(k, (text, v))| {
                        let right =
                            k > 0 && matches!(&v.kind, ValueKind::Quantity(q) if q.cmp.is_none());
                        (text, right)
                    })
                    .collect()
            })
            .collect();
        let cols = cells.iter().map(Vec::len).max().unwrap_or(0);
        let mut col_w = vec![0usize; cols];
        for r in &cells {
            for (k, (x, _)) in r.iter().enumerate() {
                col_w[k] = col_w[k].max(width(x));
            }
        }
        let lines: Vec<String> = cells
            .iter()
            .map(|r| {
                let mut s = String::new();
                for (k, (x, right)) in r.iter().enumerate() {
                    let gap = col_w[k] - width(x);
                    if *right {
                        pad(&mut s, gap);
                    }
                    s.push_str(x);
                    if k + 1 < r.len() {
                        if !*right {
                            pad(&mut s, gap);
                        }
                        s.push(' ');
                    }
                }
                s
            })
            .collect();
        let comment_col = rows
            .iter()
            .zip(&lines)
            .filter(|((_, c), _)| *c)
            .map(|(_, l)| width(l))
            .max()
            .unwrap_or(0);
        lines.into_iter().map(|l| (l, comment_col)).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fmt(s: &str) -> String {
        format(s).expect("formats")
    }

    #[test]
    fn canonical_layout() {
        let src = "年度   2024\n部门 \"甲\"   # the department\n\n\n收入 {\n一般公共预算 1329.84\n  政府性基金预算 0\n    收入总计 1,329.84   # stated\n}\n";
        let out = fmt(src);
        assert_eq!(
            out,
            "年度 2024\n部门 \"甲\"  # the department\n\n收入 {\n  一般公共预算    1329.84\n  政府性基金预算        0\n  收入总计       1,329.84  # stated\n}\n"
        );
        assert_eq!(fmt(&out), out);
    }

    #[test]
    fn code_rows_align_their_columns() {
        let src = "支出 {\n  201 一般公共服务支出 合计 29.84\n\n  # 项\n  2011301 行政运行 基本 2.84 项目 10\n  本年支出合计 12.84\n  支出总计 12.84 # stated\n}\n";
        assert_eq!(
            fmt(src),
            "支出 {\n  201     一般公共服务支出 合计 29.84\n\n  # 项\n  2011301 行政运行         基本  2.84 项目 10\n  本年支出合计 12.84\n  支出总计     12.84  # stated\n}\n"
        );
    }

    #[test]
    fn one_line_blocks_stay_when_short() {
        let src = "单位 甲 {   类型 行政 }\n项目 x {\n  金额 1\n}\na {\n}\nb { c 1; d { e 2 } }\n";
        assert_eq!(
            fmt(src),
            "单位 甲 { 类型 行政 }\n项目 x {\n  金额 1\n}\na {}\nb { c 1; d { e 2 } }\n"
        );
        let long = format!("a {{ b \"{}\" }}\n", "长".repeat(60));
        let out = fmt(&long);
        assert_eq!(out, format!("a {{\n  b \"{}\"\n}}\n", "长".repeat(60)));
        assert_eq!(fmt(&out), out);
    }

    #[test]
    fn comments_are_kept() {
        let src = "# top\n\n# second\na { # open\n  # inside\n  b 1 # after b\n  # before close\n} # close\n# end\n";
        let out = fmt(src);
        assert_eq!(
            out,
            "# top\n\n# second\na {  # open\n  # inside\n  b 1  # after b\n  # before close\n}  # close\n# end\n"
        );
        assert_eq!(fmt(&out), out);
    }

    #[test]
    fn semicolons_and_crlf() {
        assert_eq!(fmt("\u{FEFF}a 1; b 2\r\nc 3\r\n"), "a 1\nb 2\nc 3\n");
    }

    #[test]
    fn refuses_syntax_errors() {
        let e = format("a {\n b ≥\n}\n").expect_err("syntax error");
        assert_eq!(e[0].code, "L001");
    }

    #[test]
    fn empty_and_comment_only() {
        assert_eq!(fmt(""), "");
        assert_eq!(fmt("\n\n"), "");
        assert_eq!(fmt("# only\n\n\n# two"), "# only\n\n# two\n");
    }
}
