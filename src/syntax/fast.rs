//! The fast path of stage 1: a hand-written parser for the language of
//! `grammar/budget.pest`, used on whole files before pest.
//!
//! The grammar stays the definition of the language, and pest stays the
//! parser that reports syntax errors: this parser only ever *accepts*. It
//! returns the tree pest would build — the same statements, values, texts and
//! spans (a statement without a block ends after the white space and comment
//! that follow its last value, as pest's implicit white space has it) — or
//! `None` as soon as anything is not plainly valid, and the caller then runs
//! the pest path exactly as before. So diagnostics cannot change; only files
//! that parse cleanly get faster (about ten times: pest spends most of its time
//! in per-character lookahead and call bookkeeping).
//!
//! It also gives up where the pest path would not parse the file as a whole:
//! blocks nested deeper than [`MAX_DEPTH`], and a carriage return not
//! followed by a line feed outside strings (where the statement scanner and
//! the grammar disagree on where a comment ends). The tests at the bottom
//! compare the two parsers on the examples, every test file, every character
//! in many positions, and random inputs.

use super::ast::{Block, Cmp, Comment, File, Quantity, Stmt, Value, ValueKind};
use super::decor::{Attach, Body};
use super::parser::unescape;
use super::MAX_DEPTH;
use crate::diagnostic::Span;

/// Parse a whole text (`base` is its offset in the file), or `None`.
pub(super) fn parse_file(text: &str, base: usize) -> Option<File> {
    let mut p = Parser {
        s: text,
        b: text.as_bytes(),
        i: 0,
        base,
        comment: None,
        stmts: Vec::new(),
    };
    let body = p.body(0, None)?;
    Some(File {
        stmts: body.stmts,
        tail: body.tail,
    })
}

struct Parser<'a> {
    s: &'a str,
    b: &'a [u8],
    i: usize,
    base: usize,
    /// The comment the last [`Parser::skip`] passed over (a comment ends
    /// its line, so one skip passes at most one).
    comment: Option<Comment>,
    /// The statements of the bodies being read, innermost last (see
    /// [`Attach`]).
    stmts: Vec<Stmt>,
}

/// `word_char` of the grammar: not white space, `"`, `{`, `}`, `;` or `#`.
#[inline]
fn is_word_char(c: char) -> bool {
    if c.is_ascii() {
        !matches!(
            c,
            '\t' | '\n' | '\u{0B}' | '\u{0C}' | '\r' | ' ' | '"' | '{' | '}' | ';' | '#'
        )
    } else {
        !c.is_whitespace()
    }
}

/// The end of the run of spaces at `i`: the columns a file aligns its
/// figures with are long runs, read eight bytes at a time.
#[inline]
fn spaces_end(b: &[u8], mut i: usize) -> usize {
    const SPACES: u64 = u64::from_le_bytes([b' '; 8]);
    while let Some(chunk) = b.get(i..i + 8) {
        let mut word = [0; 8];
        word.copy_from_slice(chunk);
        let diff = u64::from_le_bytes(word) ^ SPACES;
        if diff != 0 {
            return i + (diff.trailing_zeros() / 8) as usize;
        }
        i += 8;
    }
    while b.get(i) == Some(&b' ') {
        i += 1;
    }
    i
}

/// Characters a word may not start with (they start numbers and comparators).
#[inline]
fn starts_no_word(c: char) -> bool {
    c.is_ascii_digit()
        || matches!(
            c,
            '-' | '+' | '.' | ',' | '≥' | '≤' | '＞' | '＜' | '＝' | '>' | '<' | '='
        )
}

impl Parser<'_> {
    fn span(&self, start: usize, end: usize) -> Span {
        Span::new(self.base + start, self.base + end)
    }

    fn peek(&self) -> Option<u8> {
        self.b.get(self.i).copied()
    }

    /// A lone carriage return (not before a line feed) at `i`.
    fn lone_cr(&self, i: usize) -> bool {
        self.b.get(i) == Some(&b'\r') && self.b.get(i + 1) != Some(&b'\n')
    }

    /// The grammar's implicit white space: `WHITESPACE` and `COMMENT`,
    /// repeated; a comment is kept in [`Parser::comment`]. `None` at a lone
    /// carriage return ending a comment.
    fn skip(&mut self) -> Option<()> {
        loop {
            match self.peek() {
                Some(b' ') => self.i = spaces_end(self.b, self.i),
                Some(b'\t') => self.i += 1,
                Some(0xE3) if self.b[self.i..].starts_with("\u{3000}".as_bytes()) => self.i += 3,
                Some(0xEF) if self.b[self.i..].starts_with("\u{FEFF}".as_bytes()) => self.i += 3,
                Some(b'#') => {
                    let start = self.i;
                    let rest = &self.b[self.i..];
                    self.i += memchr::memchr2(b'\n', b'\r', rest).unwrap_or(rest.len());
                    if self.lone_cr(self.i) {
                        return None;
                    }
                    self.comment = Some(Comment {
                        text: self.s[start..self.i].into(),
                        span: self.span(start, self.i),
                    });
                }
                _ => return Some(()),
            }
        }
    }

    /// `body`: statements separated by new lines or `;`, up to the end of
    /// the text (`depth` 0) or to the `}` closing a block (left unconsumed).
    /// `after_open`: the offset after the block's `{`.
    fn body(&mut self, depth: usize, after_open: Option<usize>) -> Option<Body> {
        let mut body = Attach::new(self.s, self.base, after_open, &self.stmts);
        let mut need_sep = false;
        loop {
            self.skip()?;
            if let Some(c) = self.comment.take() {
                body.comment(&mut self.stmts, c);
            }
            let done = match self.peek() {
                None => depth == 0,
                Some(b'}') => depth > 0,
                _ => false,
            };
            if done {
                return Some(body.finish(&mut self.stmts));
            }
            match self.peek() {
                None | Some(b'}') => return None,
                Some(b'\n' | b';') => {
                    self.i += 1;
                    need_sep = false;
                }
                Some(b'\r') => {
                    if self.lone_cr(self.i) {
                        return None;
                    }
                    self.i += 2;
                    need_sep = false;
                }
                Some(_) => {
                    if need_sep {
                        return None;
                    }
                    self.stmt(depth, &mut body)?;
                    need_sep = true;
                }
            }
        }
    }

    /// `stmt = { value+ ~ block? }`, pushed onto the statements of `body`
    /// (built where it is pushed: a statement is large).
    fn stmt(&mut self, depth: usize, body: &mut Attach) -> Option<()> {
        let start = self.i;
        let mut values = super::ast::Values::new();
        values.push(self.value()?);
        loop {
            self.skip()?;
            match self.peek() {
                None | Some(b'\n' | b'\r' | b';' | b'{' | b'}') => break,
                _ => values.push(self.value()?),
            }
        }
        // a comment after the values ends the line: no block can follow
        let trailing = self.comment.take();
        let block = if self.peek() == Some(b'{') {
            if depth + 1 > MAX_DEPTH {
                return None;
            }
            let open = self.i;
            self.i += 1;
            let inner = self.body(depth + 1, Some(self.base + self.i))?;
            self.i += 1; // the `}` that ended the body
            Some(Block {
                open: inner.open,
                stmts: inner.stmts,
                tail: inner.tail,
                span: self.span(open, self.i),
            })
        } else {
            None
        };
        self.stmts.push(Stmt {
            leading: body.leading(),
            values,
            block,
            span: self.span(start, self.i),
            trailing,
        });
        Some(())
    }

    /// `value = _{ string | quantity | word }`.
    fn value(&mut self) -> Option<Value> {
        let start = self.i;
        if self.peek()? == b'"' {
            return self.string();
        }
        let c = self.s[start..].chars().next()?;
        let kind = if starts_no_word(c) {
            ValueKind::Quantity(self.quantity()?)
        } else if is_word_char(c) {
            self.i += c.len_utf8();
            self.word_chars();
            ValueKind::Word(self.s[start..self.i].into())
        } else {
            return None;
        };
        Some(Value {
            kind,
            span: self.span(start, self.i),
        })
    }

    /// `word_char*`, on bytes: ASCII by table, and of the longer characters
    /// only those that may be white space are decoded (U+0085, U+00A0,
    /// U+1680, U+2000–U+205F, U+3000: lead bytes C2, E1, E2, E3).
    fn word_chars(&mut self) {
        let b = self.b;
        let mut k = self.i;
        while let Some(&c) = b.get(k) {
            let len = match c {
                0x00..=0x7F => {
                    if matches!(
                        c,
                        b'\t'
                            | b'\n'
                            | 0x0B
                            | 0x0C
                            | b'\r'
                            | b' '
                            | b'"'
                            | b'{'
                            | b'}'
                            | b';'
                            | b'#'
                    ) {
                        break;
                    }
                    1
                }
                0xC2 | 0xE1 | 0xE2 | 0xE3 => match self.s[k..].chars().next() {
                    Some(ch) if ch.is_whitespace() => break,
                    Some(ch) => ch.len_utf8(),
                    None => break,
                },
                0xC0..=0xDF => 2,
                0xE0..=0xEF => 3,
                _ => 4,
            };
            k += len;
        }
        self.i = k;
    }

    /// `string = ${ "\"" ~ string_inner ~ "\"" }`.
    fn string(&mut self) -> Option<Value> {
        let start = self.i;
        let mut j = start + 1;
        let mut escaped = false;
        loop {
            // the narrative's strings are long: jump to the next `"` or `\`
            j += memchr::memchr2(b'"', b'\\', self.b.get(j..)?)?;
            match self.b.get(j)? {
                b'"' => break,
                // an escape takes the next character (a continuation byte
                // of a longer one is never `"` or `\`)
                b'\\' => {
                    self.b.get(j + 1)?;
                    j += 2;
                    escaped = true;
                }
                _ => j += 1,
            }
        }
        self.i = j + 1;
        let inner = &self.s[start + 1..j];
        Some(Value {
            kind: ValueKind::Str(if escaped {
                unescape(inner).into()
            } else {
                inner.into()
            }),
            span: self.span(start, self.i),
        })
    }

    /// The comparator `rest` begins with (longest first, as the grammar).
    fn cmp(rest: &str) -> Option<(&'static str, Cmp)> {
        [
            (">=", Cmp::Ge),
            ("<=", Cmp::Le),
            ("≥", Cmp::Ge),
            ("≤", Cmp::Le),
            ("＞", Cmp::Gt),
            ("＜", Cmp::Lt),
            ("＝", Cmp::Eq),
            (">", Cmp::Gt),
            ("<", Cmp::Lt),
            ("=", Cmp::Eq),
        ]
        .into_iter()
        .find(|(s, _)| rest.starts_with(s))
    }

    /// `quantity = ${ cmp? ~ number ~ unit? }`.
    fn quantity(&mut self) -> Option<Quantity> {
        let rest = &self.s[self.i..];
        let cmp = if rest.starts_with(|c: char| c.is_ascii_digit() || c == '-') {
            None
        } else {
            Self::cmp(rest)
        };
        if let Some((s, _)) = cmp {
            self.i += s.len();
        }
        // number = @{ "-"? ~ ASCII_DIGIT+ ~ ("," ~ ASCII_DIGIT{3})* ~ ("." ~ ASCII_DIGIT+)? }
        let b = self.b;
        let digit = |k: usize| b.get(k).is_some_and(u8::is_ascii_digit);
        let n0 = self.i;
        let mut k = n0;
        if b.get(k) == Some(&b'-') {
            k += 1;
        }
        if !digit(k) {
            return None;
        }
        while digit(k) {
            k += 1;
        }
        let mut grouped = false;
        while b.get(k) == Some(&b',') && digit(k + 1) && digit(k + 2) && digit(k + 3) {
            k += 4;
            grouped = true;
        }
        if b.get(k) == Some(&b'.') && digit(k + 1) {
            k += 1;
            while digit(k) {
                k += 1;
            }
        }
        self.i = k;
        let raw = &self.s[n0..k];
        let u0 = self.i;
        self.word_chars();
        Some(Quantity {
            cmp: cmp.map(|(_, c)| c),
            number: if grouped {
                raw.replace(',', "").into()
            } else {
                raw.into()
            },
            number_raw: raw.into(),
            unit: (self.i > u0).then(|| self.s[u0..self.i].into()),
        })
    }
}

/// The benchmarks' department generator, to compare the parsers on it.
#[cfg(test)]
#[path = "../../benches/support/corpus.rs"]
mod test_corpus;

#[cfg(test)]
mod tests {
    use super::super::parser;
    use super::test_corpus as corpus;
    use super::*;
    use proptest::prelude::*;

    /// The fast parser accepts only what pest accepts, with the same tree;
    /// and it accepts everything pest does except where it must give up.
    fn same(text: &str) {
        let fast = parse_file(text, 7);
        let pest = parser::parse_file(text, 7);
        match (&fast, &pest) {
            (Some(f), Ok(p)) => assert_eq!(f, p, "different trees for {text:?}"),
            (Some(_), Err(_)) => panic!("fast accepts what pest rejects: {text:?}"),
            (None, Ok(_)) => {
                let gives_up = (0..text.len()).any(|i| {
                    text.as_bytes()[i] == b'\r' && text.as_bytes().get(i + 1) != Some(&b'\n')
                }) || text.matches('{').count() > MAX_DEPTH;
                assert!(gives_up, "fast rejects what pest accepts: {text:?}");
            }
            (None, Err(_)) => {}
        }
    }

    #[test]
    fn examples_and_test_files_parse_identically() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let mut n = 0;
        for dir in ["examples", "tests/diagnostics", "tests"] {
            let Ok(entries) = std::fs::read_dir(root.join(dir)) else {
                continue;
            };
            for e in entries.flatten() {
                let p = e.path();
                if p.extension().is_some_and(|x| x == "budget") {
                    if let Ok(text) = std::fs::read_to_string(&p) {
                        let text = text.strip_prefix('\u{FEFF}').unwrap_or(&text);
                        same(text);
                        n += 1;
                    }
                }
            }
        }
        assert!(n >= 3, "found the .budget files");
    }

    #[test]
    fn generated_departments_parse_identically() {
        for i in 0..10 {
            same(&corpus::department(corpus::DEFAULT_SEED, i));
        }
        same(&corpus::large(corpus::DEFAULT_SEED));
    }

    #[test]
    fn edge_cases_parse_identically() {
        for t in [
            "",
            "\n\n",
            "a",
            "a b  # c\nd",
            "a b \t\n",
            "a { x } # c\n",
            "a {x}\n",
            "a  {  }  \n",
            "\"s\"w 1,23 1,2345 -3.5x ≥4 >=5 <=6 ＞7 ＜8 ＝9 >1 <2 =3 ≤4",
            "a;b;;c",
            "a { b\n c # d\n }\n",
            "a# c\n",
            "a { } b",
            "a {\n} ; b {\n}\n",
            "{ a }",
            "a }",
            "a {",
            "\"unterminated",
            "\"esc \\\" \\\\ \\n \\t \\x\" \"multi\nline\"",
            "\"ends with backslash\\",
            "1. 1.5. 1,000,000.25万元 -0 - -x +1 .5 ,5 1,",
            "≥ 4",
            "≥x",
            "a\r\nb\r\n",
            "a\rb",
            "a # x\rb",
            "\u{3000}a\u{3000}b\u{FEFF}c",
            "a\u{00A0}b",
            "a\u{2003}b",
            "a\u{000B}b",
            "a\u{0085}b",
            "甲 \"乙\"丙{丁;戊}\n",
            "2011301 行政运行 { 基本 10.00; 基本 单位资金 2.84 }",
            "k \"\"",
            "#only a comment",
            "a ## b\n",
            "a{b{c{d}}}",
        ] {
            same(t);
        }
        let deep = format!("a {}{}\n", "{ b ".repeat(40), "}".repeat(40));
        same(&deep);
        let ok = format!("a {}{}\n", "{ b ".repeat(MAX_DEPTH), "}".repeat(MAX_DEPTH));
        assert!(parse_file(&ok, 0).is_some());
        same(&ok);
    }

    #[test]
    fn every_character_in_every_position() {
        let chars = (0u32..0x3100)
            .chain((0x3100..0x11_0000).step_by(97))
            .chain([
                0x1680, 0x180E, 0x2000, 0x200A, 0x200B, 0x2028, 0x2029, 0x202F, 0x205F, 0x3000,
                0xFEFF, 0xFF1C, 0xFF1D, 0xFF1E, 0x2264, 0x2265,
            ])
            .filter_map(char::from_u32);
        for c in chars {
            for t in [
                format!("a{c}b"),
                format!("{c}"),
                format!("1{c}"),
                format!("k \"{c}\""),
                format!("k {c}x\n"),
            ] {
                same(&t);
            }
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(3000))]
        #[test]
        fn random_inputs_parse_identically(
            parts in proptest::collection::vec(
                prop::sample::select(vec![
                    "a", "甲", " ", "\t", "\n", "\r\n", "\r", ";", "{", "}", "\"", "\\", "#",
                    "1", "12", ",", ".", "-", "+", "≥", ">", "=", "<=", "＞", "%", "万元",
                    "\u{3000}", "\u{FEFF}", "\u{00A0}", "x y", "2011301", "1,234.5",
                ]),
                0..40,
            )
        ) {
            same(&parts.concat());
        }
    }
}
