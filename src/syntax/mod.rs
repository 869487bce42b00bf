//! Stage 1 — syntax: source text → [`ast::File`] plus syntax diagnostics.
//!
//! The whole file is parsed at once; when that fails, the file is cut into
//! statements (a small scanner that knows strings, comments and braces) and
//! each is parsed on its own, recursing into blocks, so a broken statement
//! costs only itself and the rest of the file is still checked.

pub mod ast;
mod parser;

use crate::diagnostic::{Diagnostic, Span, Text};
use crate::t;
use ast::{File, Stmt};

/// Files larger than this are refused (a department budget is a few hundred KiB).
pub const MAX_FILE_BYTES: usize = 16 * 1024 * 1024;
/// Blocks nested deeper than this are refused.
pub const MAX_DEPTH: usize = 32;

pub struct Parsed {
    pub file: File,
    pub diagnostics: Vec<Diagnostic>,
    /// The text was refused as a whole (too large): nothing else to check.
    pub fatal: bool,
}

/// After this many syntax errors the rest of the file is not parsed.
pub const MAX_SYNTAX_ERRORS: usize = 100;

/// Bytes → text. Invalid UTF-8 is an error at the first bad byte.
pub fn decode(bytes: &[u8]) -> Result<&str, Box<Diagnostic>> {
    std::str::from_utf8(bytes).map_err(|e| {
        let at = e.valid_up_to();
        let len = e.error_len().unwrap_or(1);
        Box::new(Diagnostic::error(
            "L002",
            Span::new(at, at + len),
            t!(
                "文件不是有效的 UTF-8 文本：第 {} 字节起无法解码",
                "the file is not valid UTF-8: cannot decode from byte {}",
                at
            ),
        )
        .label(Text::new("无效字节", "invalid bytes"))
        .help(Text::new(
            "请将文件另存为 UTF-8 编码（例如在编辑器中选择“UTF-8”保存；GBK/GB18030 文件可用 `iconv -f GB18030 -t UTF-8` 转换）",
            "save the file as UTF-8 (GBK/GB18030 files can be converted with `iconv -f GB18030 -t UTF-8`)",
        )))
    })
}

/// Parse a source text. Never panics; every problem is a diagnostic.
pub fn parse(src: &str) -> Parsed {
    let mut diagnostics = Vec::new();
    if src.len() > MAX_FILE_BYTES {
        diagnostics.push(
            Diagnostic::error(
                "L003",
                Span::new(0, 0),
                t!(
                    "文件过大：{} 字节，上限为 {} 字节",
                    "the file is too large: {} bytes, the limit is {} bytes",
                    src.len(),
                    MAX_FILE_BYTES
                ),
            )
            .help(Text::new(
                "一个部门预算文件通常不超过几百 KB；请检查是否误选了其他文件，或把多个部门拆成多个文件",
                "a department's budget is a few hundred KiB at most; check the file, or split departments into separate files",
            )),
        );
        return Parsed {
            file: File::default(),
            diagnostics,
            fatal: true,
        };
    }
    // A byte-order mark is skipped; spans stay file offsets.
    let base = if src.starts_with('\u{FEFF}') { 3 } else { 0 };
    let text = &src[base..];
    let stmts = parse_body(text, base, &mut diagnostics, true);
    Parsed {
        file: File { stmts },
        diagnostics,
        fatal: false,
    }
}

fn parse_body(text: &str, base: usize, diags: &mut Vec<Diagnostic>, top: bool) -> Vec<Stmt> {
    let pieces = split(text);
    let too_deep = pieces.iter().any(|p| p.max_depth > MAX_DEPTH);
    if !too_deep && top {
        if let Ok(file) = parser::parse_file(text, base) {
            return file.stmts;
        }
    }
    let mut out = Vec::new();
    for piece in pieces {
        if diags.len() >= MAX_SYNTAX_ERRORS {
            if top {
                diags.push(
                    Diagnostic::error(
                        "L001",
                        Span::new(base + piece.start, base + piece.start),
                        t!(
                            "语法错误过多（{} 个），其余部分未检查",
                            "too many syntax errors ({}): the rest was not checked",
                            MAX_SYNTAX_ERRORS
                        ),
                    )
                    .label(Text::new("从这里起未检查", "not checked from here"))
                    .help(Text::new(
                        "先改正前面的错误；文件可能不是 .budget 文件",
                        "fix the errors above first; this may not be a .budget file",
                    )),
                );
            }
            break;
        }
        let ptext = &text[piece.start..piece.end];
        let pbase = base + piece.start;
        if piece.max_depth > MAX_DEPTH {
            let at = piece.deep_at.unwrap_or(piece.start);
            diags.push(
                Diagnostic::error(
                    "L003",
                    Span::new(base + at, base + at + 1),
                    t!(
                        "块嵌套过深：超过 {} 层",
                        "blocks are nested too deeply: more than {} levels",
                        MAX_DEPTH
                    ),
                )
                .label(Text::new("此处超过嵌套上限", "the nesting limit is exceeded here"))
                .help(Text::new(
                    "预算文件最多嵌套几层（如 项目 → 绩效目标 → 绩效指标 → 一级 → 二级）；请检查是否缺少“}”或多写了“{”",
                    "a budget nests only a few levels (项目 → 绩效目标 → 绩效指标 → 一级 → 二级); look for a missing `}` or an extra `{`",
                )),
            );
            continue;
        }
        match parser::parse_stmt(ptext, pbase) {
            Ok(s) => out.push(s),
            Err(e) => {
                if let Some(s) = recover_stmt(text, base, &piece, diags) {
                    out.push(s);
                } else {
                    diags.push(syntax_error(text, base, e.span, &e.expected));
                }
            }
        }
    }
    out
}

/// A statement that failed as a whole: parse its head and its block's
/// statements separately. `None` when the head itself is broken.
fn recover_stmt(
    text: &str,
    base: usize,
    piece: &Piece,
    diags: &mut Vec<Diagnostic>,
) -> Option<Stmt> {
    let open = piece.open?;
    let head_text = &text[piece.start..open];
    let values = match parser::parse_head(head_text, base + piece.start) {
        Ok(v) => v,
        Err(e) => {
            diags.push(syntax_error(text, base, e.span, &e.expected));
            return None;
        }
    };
    let body_end = piece.close.unwrap_or(piece.end);
    let inner = &text[open + 1..body_end];
    let stmts = parse_body(inner, base + open + 1, diags, false);
    let block_end = match piece.close {
        Some(c) => c + 1,
        None => {
            diags.push(
                Diagnostic::error(
                    "L001",
                    Span::new(base + open, base + open + 1),
                    Text::new("“{” 没有对应的 “}”", "this `{` is never closed"),
                )
                .label(Text::new("块从这里开始", "the block starts here"))
                .help(Text::new(
                    "在块的最后一行之后加上 “}”",
                    "add `}` after the block's last line",
                )),
            );
            piece.end
        }
    };
    if let Some(c) = piece.close {
        let rest = text[c + 1..piece.end].trim();
        if !rest.is_empty() && !rest.starts_with('#') {
            let off = c + 1 + text[c + 1..piece.end].find(rest).unwrap_or(0);
            diags.push(
                Diagnostic::error(
                    "L001",
                    Span::new(base + off, base + off + rest.len()),
                    Text::new("“}” 之后不能再有内容", "nothing may follow `}` on its line"),
                )
                .help(Text::new(
                    "把这些内容移到新的一行",
                    "move this to a line of its own",
                )),
            );
        }
    }
    Some(Stmt {
        values,
        block: Some(ast::Block {
            stmts,
            span: Span::new(base + open, base + block_end),
        }),
        span: Span::new(base + piece.start, base + block_end),
    })
}

fn syntax_error(text: &str, base: usize, span: Span, expected: &Text) -> Diagnostic {
    let mut span = span;
    let mut local = span.start.saturating_sub(base);
    // An incomplete token (`≥` with no number after it): point at the token.
    let at_gap = text[local.min(text.len())..]
        .chars()
        .next()
        .map(|c| c.is_whitespace())
        .unwrap_or(true);
    if at_gap {
        let before = &text[..local.min(text.len())];
        let tok_start = before
            .char_indices()
            .rev()
            .take_while(|(_, c)| !c.is_whitespace())
            .last()
            .map(|(i, _)| i);
        if let Some(ts) = tok_start {
            span = Span::new(base + ts, base + local);
            local = ts;
        }
    }
    let found = text.get(local..).and_then(|s| s.chars().next());
    let (zh, en) = match found {
        None => (
            "文件意外结束".to_string(),
            "unexpected end of file".to_string(),
        ),
        Some('\n') | Some('\r') => (
            "此处意外换行".to_string(),
            "unexpected end of line".to_string(),
        ),
        Some(c) => (format!("此处不能出现“{c}”"), format!("unexpected `{c}`")),
    };
    let mut d = Diagnostic::error("L001", span, t!("语法错误：{zh}", "syntax error: {en}"))
        .label(t!("期待{}", expected.zh; "expected {}", expected.en));
    let help = match found {
        Some('}') => Text::new(
            "多余的 “}”：删除它，或检查前面的块是否多写了“}”",
            "an extra `}`: remove it, or check the blocks before it",
        ),
        Some('"') => Text::new(
            "字符串缺少结尾的 “\"”",
            "a string is missing its closing `\"`",
        ),
        Some(c) if ('０'..='９').contains(&c) => Text::new(
            "全角数字：请改用半角数字，例如 12.84",
            "full-width digits: write ASCII digits, e.g. 12.84",
        ),
        Some(c) if "≥≤<>=＞＜＝".contains(c) => Text::new(
            "比较符号后应紧跟数字，中间不留空格，例如 ≥47户",
            "a comparator must be followed directly by a number, e.g. ≥47户",
        ),
        Some(',') | Some('.') | Some('-') | Some('+') => Text::new(
            "数字写法有误：金额写作 1329.84 或 1,329.84；以这些符号开头的文字请加引号",
            "a malformed number: write 1329.84 or 1,329.84; quote text that starts with these characters",
        ),
        _ => Text::new(
            "每行写一条语句：关键字后跟值，需要时再跟一个 { … } 块；含空格或特殊符号的文字请加引号",
            "write one statement per line: a keyword, its values, and optionally a { … } block; quote text with spaces or special characters",
        ),
    };
    d = d.help(help);
    d
}

/// One statement's extent as the scanner sees it (offsets within the text).
#[derive(Debug)]
struct Piece {
    start: usize,
    end: usize,
    /// `{` opening this statement's block
    open: Option<usize>,
    /// the matching `}`
    close: Option<usize>,
    max_depth: usize,
    deep_at: Option<usize>,
}

/// Cut a text into top-level statements: a statement ends at a new line or
/// `;` outside strings, comments and blocks. An unclosed block ends where a
/// line starts at or left of the statement's own indentation.
fn split(text: &str) -> Vec<Piece> {
    let bytes = text.as_bytes();
    let mut pieces = Vec::new();
    let mut i = 0;
    let n = bytes.len();
    while i < n {
        // skip separators and blank space
        let c = bytes[i];
        if c == b'\n' || c == b'\r' || c == b';' || c == b' ' || c == b'\t' {
            i += 1;
            continue;
        }
        if text[i..].starts_with('\u{3000}') || text[i..].starts_with('\u{FEFF}') {
            i += 3;
            continue;
        }
        if c == b'#' {
            while i < n && bytes[i] != b'\n' {
                i += 1;
            }
            continue;
        }
        let start = i;
        let indent = indentation(text, start);
        let mut depth = 0usize;
        let mut max_depth = 0usize;
        let mut deep_at = None;
        let mut open = None;
        let mut close = None;
        let mut in_str = false;
        let mut end = n;
        let mut line_start = false;
        while i < n {
            let c = bytes[i];
            if in_str {
                if c == b'\\' {
                    i += 2;
                    continue;
                }
                if c == b'"' {
                    in_str = false;
                }
                i += 1;
                continue;
            }
            if line_start && depth > 0 {
                // first character of a line inside a block
                if c == b' ' || c == b'\t' {
                    i += 1;
                    continue;
                }
                line_start = false;
                if c != b'}'
                    && c != b'{'
                    && c != b'\n'
                    && c != b'\r'
                    && c != b'#'
                    && indentation(text, i) <= indent
                {
                    // the block was never closed: the statement ends before this line
                    end = text[..i].trim_end().len();
                    break;
                }
            }
            match c {
                b'"' => in_str = true,
                b'#' => {
                    while i < n && bytes[i] != b'\n' {
                        i += 1;
                    }
                    continue;
                }
                b'{' => {
                    if depth == 0 && open.is_none() {
                        open = Some(i);
                    }
                    depth += 1;
                    if depth > max_depth {
                        max_depth = depth;
                        if depth > MAX_DEPTH && deep_at.is_none() {
                            deep_at = Some(i);
                        }
                    }
                }
                b'}' if depth > 0 => {
                    depth -= 1;
                    if depth == 0 && close.is_none() && open.is_some() {
                        close = Some(i);
                    }
                }
                b'\n' => {
                    if depth == 0 {
                        end = i;
                        break;
                    }
                    line_start = true;
                }
                b';' if depth == 0 => {
                    end = i;
                    break;
                }
                _ => {}
            }
            i += 1;
        }
        let end = end.min(n).max(start);
        pieces.push(Piece {
            start,
            end,
            open,
            close,
            max_depth,
            deep_at,
        });
        i = end.max(start + 1);
        while !text.is_char_boundary(i.min(n)) {
            i += 1;
        }
    }
    pieces
}

/// Width of the leading white space of the line containing `at`.
fn indentation(text: &str, at: usize) -> usize {
    let line_start = text[..at].rfind('\n').map(|i| i + 1).unwrap_or(0);
    text[line_start..]
        .chars()
        .take_while(|c| *c == ' ' || *c == '\t' || *c == '\u{3000}')
        .map(|c| if c == '\t' { 4 } else { 1 })
        .sum()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn codes(src: &str) -> Vec<(&'static str, Span)> {
        parse(src)
            .diagnostics
            .iter()
            .map(|d| (d.code, d.span))
            .collect()
    }

    #[test]
    fn parses_values_and_blocks() {
        let p = parse("年度 2024\n支出 {\n  2011301 行政运行 基本 12.84\n}\n");
        assert!(p.diagnostics.is_empty());
        assert_eq!(p.file.stmts.len(), 2);
        let s = &p.file.stmts[1];
        assert_eq!(s.keyword(), Some("支出"));
        let row = &s.children()[0];
        assert_eq!(row.values.len(), 4);
        assert_eq!(row.values[3].text(), "12.84");
    }

    #[test]
    fn quantities_keep_cmp_and_unit() {
        let p = parse("a ≥47户 1,329.84万元 100%\n");
        let v = &p.file.stmts[0].values;
        let q = v[1].as_quantity().expect("quantity");
        assert_eq!(q.cmp, Some(ast::Cmp::Ge));
        assert_eq!(q.unit.as_deref(), Some("户"));
        let q = v[2].as_quantity().expect("quantity");
        assert_eq!(q.number, "1329.84");
        assert_eq!(q.unit.as_deref(), Some("万元"));
    }

    #[test]
    fn one_broken_statement_keeps_the_rest() {
        let src = "年度 2024\n支出 {\n  2011301 行政运行 基本 ≥\n  2011302 一般 项目 17\n}\n部门 \"甲\"\n";
        let p = parse(src);
        assert_eq!(p.diagnostics.len(), 1, "{:?}", p.diagnostics);
        let d = &p.diagnostics[0];
        assert_eq!(&src[d.span.start..d.span.end], "≥");
        assert_eq!(p.file.stmts.len(), 3);
        assert_eq!(p.file.stmts[1].children().len(), 1);
        assert_eq!(p.file.stmts[1].children()[0].values[0].text(), "2011302");
        assert_eq!(p.file.stmts[2].keyword(), Some("部门"));
    }

    #[test]
    fn unclosed_block_is_reported_at_its_brace() {
        let src = "支出 {\n  2011301 行政运行 基本 12.84\n年度 2024\n";
        let c = codes(src);
        assert_eq!(c, vec![("L001", Span::new(7, 8))]);
        let p = parse(src);
        assert_eq!(p.file.stmts.len(), 2);
    }

    #[test]
    fn cjk_error_spans_are_byte_offsets() {
        let src = "部门 产业 ≥ 4\n";
        let c = codes(src);
        assert_eq!(c.len(), 1);
        assert_eq!(&src[c[0].1.start..c[0].1.end], "≥");
    }

    #[test]
    fn deep_nesting_is_a_diagnostic() {
        let src = format!("a {}{}\n", "{".repeat(100_000), "}".repeat(100_000));
        let c = codes(&src);
        assert_eq!(c.len(), 1);
        assert_eq!(c[0].0, "L003");
    }

    #[test]
    fn bom_and_crlf() {
        let p = parse("\u{FEFF}年度 2024\r\n部门 \"甲\"\r\n");
        assert!(p.diagnostics.is_empty(), "{:?}", p.diagnostics);
        assert_eq!(p.file.stmts[0].span.start, 3);
    }
}
