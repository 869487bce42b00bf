//! Repairs of a text that does not parse: an unclosed string, an unclosed
//! block. Each is reported once, where the mistake is, with the likely fix;
//! the text is then parsed with the fixes applied (insertions only) and every
//! span mapped back, so the rest of the file is checked as if it were right.
//!
//! * A string that runs over a line end and whose closing quote is followed
//!   by a word (it is really the next string's opening quote), or that never
//!   closes, was left open where it starts. Its likely end is the end of the
//!   last line before the next line that looks like a statement (a word, a
//!   space, then a quote, a digit or `{`; or a line of `}`).
//! * When the file has more `{` than `}`, the block that is open when a line
//!   starts at or left of the indentation of the block's own first line (as
//!   the formatter indents) was not closed: `}` belongs after its last line.
//!   Blocks still open at the end of the file close there.

use super::ast::{Block, Comment, File, Stmt, Value};
use super::MAX_DEPTH;
use crate::diagnostic::Code;
use crate::diagnostic::{Diagnostic, Fix, Label, Span, Text};

/// At most this many strings and as many blocks are repaired: a text with
/// more is not one with a few mistakes, and the statement-by-statement
/// recovery reports it as it is.
const MAX_REPAIRS: usize = 8;

/// An insertion at an offset of the text as written.
#[derive(Debug, Clone)]
pub struct Insert {
    pub at: usize,
    pub text: String,
}

/// The diagnostics for the repairs found, and the insertions (in order).
pub fn find(text: &str, base: usize) -> (Vec<Diagnostic>, Vec<Insert>) {
    let mut diags = Vec::new();
    let mut inserts = strings(text, base, &mut diags);
    let patched = apply(text, &inserts);
    let blocks = blocks(&patched);
    let mapper = Mapper::new(&inserts);
    for (open, close_at, indent) in blocks {
        let open_o = mapper.back(open);
        let at = mapper.back(close_at);
        let ins = format!("\n{indent}}}");
        diags.push(
            Diagnostic::error(
                Code::L001,
                Span::new(base + open_o, base + open_o + 1),
                Text::new("“{” 没有对应的 “}”", "this `{` is never closed"),
            )
            .label(Text::new("块从这里开始", "the block starts here"))
            .related(
                Span::new(base + at, base + at),
                Text::new(
                    "按缩进，块应在这里结束",
                    "by the indentation, the block ends here",
                ),
            )
            .help(Text::new(
                "在块的最后一行之后加上 “}”（与块的第一行对齐）",
                "add `}` after the block's last line (aligned with its first line)",
            ))
            .fix(Span::new(base + at, base + at), ins.clone())
            .recovered(),
        );
        inserts.push(Insert { at, text: ins });
    }
    inserts.sort_by_key(|i| i.at);
    (diags, inserts)
}

/// The text with the insertions applied.
pub fn apply(text: &str, inserts: &[Insert]) -> String {
    let mut sorted: Vec<&Insert> = inserts.iter().collect();
    sorted.sort_by_key(|i| i.at);
    let mut out = String::with_capacity(text.len() + 16);
    let mut last = 0;
    for i in sorted {
        let at = i.at.min(text.len());
        out.push_str(&text[last..at]);
        out.push_str(&i.text);
        last = at;
    }
    out.push_str(&text[last..]);
    out
}

/// Offsets of the patched text back to the text as written.
pub struct Mapper {
    /// (start in the patched text, length, offset as written, total length
    /// inserted before it)
    ins: Vec<(usize, usize, usize, usize)>,
}

impl Mapper {
    pub fn new(inserts: &[Insert]) -> Mapper {
        let mut sorted: Vec<&Insert> = inserts.iter().collect();
        sorted.sort_by_key(|i| i.at);
        let mut shift = 0;
        let mut ins = Vec::new();
        for i in sorted {
            ins.push((i.at + shift, i.text.len(), i.at, shift));
            shift += i.text.len();
        }
        Mapper { ins }
    }
    /// A patched offset as written (inside an insertion: where it goes).
    pub fn back(&self, p: usize) -> usize {
        let k = self.ins.partition_point(|(s, _, _, _)| *s <= p);
        match k.checked_sub(1).and_then(|i| self.ins.get(i)) {
            None => p,
            Some(&(s, len, orig, _)) if p < s + len => orig,
            Some(&(_, len, _, before)) => p - before - len,
        }
    }
    /// Spans are mapped relative to `base` (the text's offset in the file).
    pub fn span(&self, s: Span, base: usize) -> Span {
        let f = |o: usize| base + self.back(o.saturating_sub(base));
        Span::new(f(s.start), f(s.end))
    }
    pub fn file(&self, f: &mut File, base: usize) {
        for s in &mut f.stmts {
            self.stmt(s, base);
        }
        for c in &mut f.tail {
            self.comment(c, base);
        }
    }
    fn stmt(&self, s: &mut Stmt, base: usize) {
        s.span = self.span(s.span, base);
        for c in s.leading.iter_mut().chain(&mut s.trailing) {
            self.comment(c, base);
        }
        for v in &mut s.values {
            self.value(v, base);
        }
        if let Some(b) = &mut s.block {
            self.block(b, base);
        }
    }
    fn comment(&self, c: &mut Comment, base: usize) {
        c.span = self.span(c.span, base);
    }
    fn value(&self, v: &mut Value, base: usize) {
        v.span = self.span(v.span, base);
    }
    fn block(&self, b: &mut Block, base: usize) {
        b.span = self.span(b.span, base);
        for c in b.open.iter_mut().chain(&mut b.tail) {
            self.comment(c, base);
        }
        for s in &mut b.stmts {
            self.stmt(s, base);
        }
    }
    pub fn diagnostic(&self, d: &mut Diagnostic, base: usize) {
        d.span = self.span(d.span, base);
        for Label { span, .. } in &mut d.related {
            *span = self.span(*span, base);
        }
        if let Some(Fix { span, .. }) = &mut d.fix {
            *span = self.span(*span, base);
        }
    }
}

/// The end of the line holding `at` (before `\r\n` or `\n`).
fn line_end(text: &str, at: usize) -> usize {
    let e = text[at..].find('\n').map(|i| at + i).unwrap_or(text.len());
    if e > at && text.as_bytes().get(e.wrapping_sub(1)) == Some(&b'\r') {
        e - 1
    } else {
        e
    }
}

/// A line that reads as a statement: `WORD SPACE ("|digit|{|≥|≤)`, or `}`.
fn looks_like_statement(line: &str) -> bool {
    let t = line.trim_start_matches([' ', '\t', '\u{3000}']);
    if t.starts_with('}') {
        return true;
    }
    let word_len: usize = t
        .chars()
        .take_while(|c| !(c.is_whitespace() || "\"{}#;".contains(*c)))
        .map(char::len_utf8)
        .sum();
    if word_len == 0 {
        return false;
    }
    let rest = &t[word_len..];
    let after = rest.trim_start_matches([' ', '\t', '\u{3000}']);
    after.len() < rest.len()
        && after
            .chars()
            .next()
            .is_some_and(|c| c == '"' || c == '{' || c.is_ascii_digit() || "≥≤".contains(c))
}

/// Unclosed strings: insert `"` at each one's likely end.
fn strings(text: &str, base: usize, diags: &mut Vec<Diagnostic>) -> Vec<Insert> {
    let b = text.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < b.len() {
        match b[i] {
            b'#' => {
                while i < b.len() && b[i] != b'\n' && b[i] != b'\r' {
                    i += 1;
                }
            }
            b'"' => {
                let open = i;
                let mut j = i + 1;
                while j < b.len() && b[j] != b'"' {
                    j += if b[j] == b'\\' { 2 } else { 1 };
                }
                let close = (j < b.len()).then_some(j);
                let spans_lines = text[open..j.min(b.len())].contains('\n');
                let bad_close = match close {
                    None => true,
                    Some(c) => text[c + 1..]
                        .chars()
                        .next()
                        .is_some_and(|ch| !(ch.is_whitespace() || "}{;#".contains(ch))),
                };
                if spans_lines && bad_close && out.len() < MAX_REPAIRS {
                    let end = likely_end(text, open);
                    diags.push(unclosed_string(base, open, end));
                    out.push(Insert {
                        at: end,
                        text: "\"".into(),
                    });
                    i = end;
                    continue;
                }
                i = j.min(b.len()) + 1;
            }
            _ => i += 1,
        }
    }
    out
}

/// The end of the last line, from the string's first on, before a line that
/// looks like a statement.
fn likely_end(text: &str, open: usize) -> usize {
    let mut end = line_end(text, open);
    loop {
        let next = match text[end..].find('\n') {
            Some(k) => end + k + 1,
            None => return end,
        };
        if next >= text.len() {
            return end;
        }
        let next_end = line_end(text, next);
        let line = &text[next..next_end];
        if looks_like_statement(line) || line.contains('"') {
            return end;
        }
        end = next_end;
    }
}

fn unclosed_string(base: usize, open: usize, end: usize) -> Diagnostic {
    Diagnostic::error(
        Code::L001,
        Span::new(base + open, base + open + 1),
        Text::new("字符串没有结尾的引号", "this string is never closed"),
    )
    .label(Text::new("字符串从这里开始", "the string starts here"))
    .related(
        Span::new(base + end, base + end),
        Text::new("字符串应在这里结束", "the string likely ends here"),
    )
    .help(Text::new(
        "在字符串的末尾加上 “\"”",
        "add the closing `\"` at the end of the string",
    ))
    .fix(Span::new(base + end, base + end), "\"")
    .recovered()
}

/// Indentation of the line holding `at`, as written (spaces, tabs, U+3000).
fn indent_of(text: &str, at: usize) -> &str {
    let start = text[..at].rfind('\n').map(|i| i + 1).unwrap_or(0);
    let w = text[start..]
        .char_indices()
        .find(|(_, c)| !matches!(c, ' ' | '\t' | '\u{3000}'))
        .map(|(i, _)| i)
        .unwrap_or(text.len() - start);
    &text[start..start + w]
}

/// The indentation of the line starting at `start`, as written.
fn indent_text(text: &str, start: usize) -> String {
    text[start..]
        .chars()
        .take_while(|c| matches!(c, ' ' | '\t' | '\u{3000}'))
        .collect()
}

fn width(indent: &str) -> usize {
    indent.chars().map(|c| if c == '\t' { 4 } else { 1 }).sum()
}

/// Unclosed blocks of a text whose strings are closed: (the `{`, where `}`
/// goes, the indentation of the block's first line).
fn blocks(text: &str) -> Vec<(usize, usize, String)> {
    // (offset of `{`, indentation width of its line, start of its line)
    let mut stack: Vec<(usize, usize, usize)> = Vec::new();
    let mut opens = 0usize;
    let mut closes = 0usize;
    // first pass: are there more `{` than `}`?
    scan(text, |_, c| match c {
        b'{' => opens += 1,
        b'}' => closes += 1,
        _ => {}
    });
    if opens <= closes || opens - closes > MAX_REPAIRS {
        return Vec::new();
    }
    let mut budget = opens - closes;
    let mut out = Vec::new();
    // the end of the last line with content (where a `}` would go), and
    // where to measure the current line's from (each line is measured once)
    let mut last_content = 0usize;
    let mut pending: Option<usize> = None;
    let mut at_line_start = true;
    // the current line's indentation (measured once, at its first content)
    let mut line_indent = (0usize, 0usize);
    let mut events: Vec<(usize, u8)> = Vec::new();
    scan(text, |at, c| events.push((at, c)));
    for (at, c) in events {
        if c == b'\n' {
            if let Some(p) = pending.take() {
                last_content = content_end(text, p);
            }
            at_line_start = true;
            continue;
        }
        if at_line_start && c != b'#' {
            at_line_start = false;
            let ind = indent_of(text, at);
            line_indent = (at - ind.len(), width(ind));
            let w = line_indent.1;
            while budget > 0 {
                let Some(&(open, ow, start)) = stack.last() else {
                    break;
                };
                let inside = if c == b'}' { w >= ow } else { w > ow };
                if inside {
                    break;
                }
                out.push((open, last_content, indent_text(text, start)));
                stack.pop();
                budget -= 1;
            }
        }
        match c {
            b'{' if stack.len() >= MAX_DEPTH => return Vec::new(),
            b'{' => stack.push((at, line_indent.1, line_indent.0)),
            b'}' => {
                stack.pop();
            }
            _ => {}
        }
        if c == b'"' {
            pending = Some(at + 1);
        } else if c != b'#' {
            pending = Some(at);
        }
    }
    if let Some(p) = pending.take() {
        last_content = content_end(text, p);
    }
    while budget > 0 {
        let Some((open, _, start)) = stack.pop() else {
            break;
        };
        out.push((open, last_content, indent_text(text, start)));
        budget -= 1;
    }
    out.sort_by_key(|(o, _, _)| *o);
    out
}

/// The end of a line's content (before a comment and trailing space).
fn content_end(text: &str, at: usize) -> usize {
    let e = line_end(text, at);
    let line = &text[at..e];
    let mut in_str = false;
    let mut cut = line.len();
    let lb = line.as_bytes();
    let mut k = 0;
    while k < lb.len() {
        match lb[k] {
            b'\\' if in_str => k += 1,
            b'"' => in_str = !in_str,
            b'#' if !in_str => {
                cut = k;
                break;
            }
            _ => {}
        }
        k += 1;
    }
    at + line[..cut].trim_end().len()
}

/// Call `f` with every significant byte outside strings and comments: each
/// `{`, `}`, `\n`, `#` (a comment's start) and the first byte of any other
/// run of content.
fn scan(text: &str, mut f: impl FnMut(usize, u8)) {
    let b = text.as_bytes();
    let mut i = 0;
    while i < b.len() {
        match b[i] {
            b'"' => {
                f(i, b'"');
                i += 1;
                while i < b.len() && b[i] != b'"' {
                    i += if b[i] == b'\\' { 2 } else { 1 };
                }
                if i < b.len() {
                    f(i, b'"');
                }
                i += 1;
            }
            b'#' => {
                f(i, b'#');
                while i < b.len() && b[i] != b'\n' {
                    i += 1;
                }
            }
            b'{' | b'}' | b'\n' => {
                f(i, b[i]);
                i += 1;
            }
            b' ' | b'\t' | b'\r' | b';' => i += 1,
            _ if text[i..].starts_with('\u{3000}') => i += 3,
            c => {
                f(i, c);
                i += 1;
                while i < b.len() && !b" \t\r\n;{}\"#".contains(&b[i]) {
                    i += 1;
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mapper_maps_around_insertions() {
        let ins = vec![
            Insert {
                at: 3,
                text: "ab".into(),
            },
            Insert {
                at: 5,
                text: "c".into(),
            },
        ];
        let m = Mapper::new(&ins);
        // patched: 012ab34c5…
        assert_eq!(m.back(2), 2);
        assert_eq!(m.back(3), 3);
        assert_eq!(m.back(4), 3);
        assert_eq!(m.back(5), 3);
        assert_eq!(m.back(6), 4);
        assert_eq!(m.back(7), 5);
        assert_eq!(m.back(8), 5);
        assert_eq!(apply("0123456", &ins), "012ab34c56");
    }

    #[test]
    fn statement_lines() {
        assert!(looks_like_statement("    立项依据 \"《示范"));
        assert!(looks_like_statement("  年度 2024"));
        assert!(looks_like_statement("}"));
        assert!(!looks_like_statement("我单位无政府购买服务。\""));
        assert!(!looks_like_statement(""));
    }

    #[test]
    fn an_unclosed_string_ends_at_its_line() {
        let src = "概况 \"甲乙\n立项依据 \"丙\"\n";
        let (d, ins) = find(src, 0);
        assert_eq!(d.len(), 1);
        assert_eq!(d[0].span, Span::new(7, 8));
        assert_eq!(ins[0].at, src.find('\n').unwrap_or(0));
    }

    #[test]
    fn a_multi_line_string_is_left_alone() {
        let src = "其他 \"无\n\n我单位无。\"\n年度 2024\n";
        assert!(find(src, 0).0.is_empty());
    }

    #[test]
    fn an_unclosed_nested_block_closes_by_indentation() {
        let src = "a {\n  b {\n    c 1\n  d {\n    e 2\n  }\n}\n";
        let (d, ins) = find(src, 0);
        assert_eq!(d.len(), 1, "{d:?}");
        assert_eq!(d[0].span.start, src.find("b {").unwrap_or(0) + 2);
        assert_eq!(
            apply(src, &ins),
            "a {\n  b {\n    c 1\n  }\n  d {\n    e 2\n  }\n}\n"
        );
    }
}
