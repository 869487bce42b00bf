//! Stage 1 — syntax: source text → [`ast::File`] plus syntax diagnostics.
//!
//! The whole file is parsed at once; when that fails, the file is cut into
//! statements (a small scanner that knows strings, comments and braces) and
//! each is parsed on its own, recursing into blocks, so a broken statement
//! costs only itself and the rest of the file is still checked.
//!
//! A file that parses cleanly is read by `fast`, a hand-written parser of the
//! same grammar that gives pest's tree ten times faster; anything else (a
//! syntax error, a lone carriage return, deep nesting) takes the pest path
//! above, which alone reports syntax errors (each statement tried by the fast
//! path first: only the broken ones cost pest's time).
//!
//! Comments are in the tree: each parser lists a body's statements and
//! comments, and `decor` gives every comment its one place (after a
//! statement on its line, after a `{`, before the next statement, or at the
//! end of its body). The formatter and the editor read them there.
//!
//! The editor's [`ParseCache`] keeps the last clean tree and parses again
//! only the statements on the lines an edit changed (see `cache`).

pub mod ast;
mod cache;
mod decor;
mod fast;
mod parser;
mod repair;

pub use cache::{parse_cached, ParseCache};

use crate::diagnostic::{Code, Diagnostic, Span, Text};
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
    /// Two words of one statement with only full-width spaces (U+3000)
    /// between them: `[first word, the gap, second word]`. The checker asks
    /// whether they were meant as one name (L016).
    pub fullwidth_gaps: Vec<[Span; 3]>,
}

/// The [`Parsed::fullwidth_gaps`] of a tree.
pub(crate) fn fullwidth_gaps(src: &str, stmts: &[Stmt]) -> Vec<[Span; 3]> {
    let mut out = Vec::new();
    // (most files have no ideographic space at all)
    if !src.contains('\u{3000}') {
        return out;
    }
    let mut stack: Vec<&Stmt> = stmts.iter().rev().collect();
    while let Some(s) = stack.pop() {
        for w in s.values.windows(2) {
            let (a, b) = (&w[0], &w[1]);
            if a.as_word().is_none() || b.as_word().is_none() {
                continue;
            }
            let gap = src.get(a.span.end..b.span.start).unwrap_or("");
            if gap.contains('\u{3000}') && gap.chars().all(|c| c == '\u{3000}') {
                out.push([a.span, Span::new(a.span.end, b.span.start), b.span]);
            }
        }
        if let Some(b) = &s.block {
            stack.extend(b.stmts.iter().rev());
        }
    }
    out
}

/// After this many syntax errors the rest of the file is not parsed.
pub const MAX_SYNTAX_ERRORS: usize = 100;
/// A string or word longer than this (in characters) is an error (L012): the
/// longest prose of a real disclosure is a few thousand characters, and a
/// spreadsheet cell holds at most 32 767.
pub const MAX_TEXT_CHARS: usize = 20_000;
/// A file with more values than this (statements' words, strings and numbers,
/// counted before parsing) is refused as a whole (L013): a real department
/// has a few thousand; this keeps the syntax tree of any input small.
pub const MAX_VALUES: usize = 250_000;
/// pest's budget of parser calls for one parse (whole file or one statement).
/// Measured on adversarial statements (tests/zz_probe.rs at the time): at most
/// ~93 calls per value (a block of `b;` statements), 5 per byte of comment, 3
/// per byte of string; so a file within [`MAX_FILE_BYTES`] and [`MAX_VALUES`]
/// needs at most 5 × 16 MiB + 93 × 250 000 ≈ 107 M. The budget admits every
/// such file, and stops a parse that would run away if the grammar ever
/// backtracked. A statement that exhausts it is an L003 error.
pub const PEST_CALL_LIMIT: usize = 8 * MAX_FILE_BYTES;

/// Install [`PEST_CALL_LIMIT`] (process-wide, once).
fn install_call_limit() {
    static ONCE: std::sync::Once = std::sync::Once::new();
    ONCE.call_once(|| pest::set_call_limit(std::num::NonZeroUsize::new(PEST_CALL_LIMIT)));
}

/// Bytes → text. Invalid UTF-8 is an error at the first bad byte.
pub fn decode(bytes: &[u8]) -> Result<&str, Box<Diagnostic>> {
    std::str::from_utf8(bytes).map_err(|e| {
        let at = e.valid_up_to();
        let len = e.error_len().unwrap_or(1);
        Box::new(Diagnostic::error(
            Code::L002,
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

/// A text written as a value: a bare word when it reads as one word, else a
/// quoted string with `"` and `\\` escaped (new lines are kept as written).
pub fn write_text(text: &str) -> String {
    let is_word = text
        .chars()
        .next()
        .is_some_and(|c| !(c.is_ascii_digit() || "-+.,≥≤＞＜＝><=".contains(c)))
        && text
            .chars()
            .all(|c| !(c.is_whitespace() || "\"{};#".contains(c)));
    if is_word {
        return text.to_string();
    }
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\t' => out.push_str("\\t"),
            other => out.push(other),
        }
    }
    out.push('"');
    out
}

/// Parse a source text. Never panics; every problem is a diagnostic.
pub fn parse(src: &str) -> Parsed {
    match whole(src) {
        Ok(file) => finish(src, file, Vec::new()),
        Err(parsed) => parsed,
    }
}

/// The fast path's tree of a text that parses cleanly (before the checks of
/// [`finish`]); else the text parsed the slow way with its errors, or
/// refused as a whole.
fn whole(src: &str) -> Result<File, Parsed> {
    let mut diagnostics = Vec::new();
    if src.len() > MAX_FILE_BYTES {
        diagnostics.push(
            Diagnostic::error(
                Code::L003,
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
        return Err(Parsed {
            file: File::default(),
            diagnostics,
            fatal: true,
            fullwidth_gaps: Vec::new(),
        });
    }
    // A byte-order mark is skipped; spans stay file offsets.
    let base = if src.starts_with('\u{FEFF}') { 3 } else { 0 };
    let text = &src[base..];
    if let Some(at) = too_many_values(text) {
        diagnostics.push(
            Diagnostic::error(
                Code::L013,
                Span::new(base + at, base + at),
                t!(
                    "文件中的内容过多：超过 {} 个值（关键字、文字和数字），未做检查",
                    "the file has too much content: more than {} values (keywords, texts and numbers); it was not checked",
                    MAX_VALUES
                ),
            )
            .label(Text::new("从这里起超出上限", "the limit is exceeded from here"))
            .help(Text::new(
                "一个部门预算只有几千个值；请检查是否误选了其他文件（如数据导出），或把多个部门拆成多个文件",
                "a department's budget has a few thousand values; check that this is the right file (not a data export), or split departments into separate files",
            )),
        );
        return Err(Parsed {
            file: File::default(),
            diagnostics,
            fatal: true,
            fullwidth_gaps: Vec::new(),
        });
    }
    install_call_limit();
    if let Some(file) = fast::parse_file(text, base) {
        return Ok(file);
    }
    let file = parse_repaired(text, base, &mut diagnostics);
    Err(finish(src, file, diagnostics))
}

/// The checks on a parsed tree's values (L004, L011, L012, L014, L015; the
/// gaps of L016), after the diagnostics of its parse.
fn finish(src: &str, mut file: File, mut diagnostics: Vec<Diagnostic>) -> Parsed {
    fullwidth_separators(src, &mut file.stmts, &mut diagnostics);
    value_characters(src, &file.stmts, &mut diagnostics);
    finished(src, file, diagnostics)
}

/// A tree after [`finish`]'s checks.
fn finished(src: &str, file: File, diagnostics: Vec<Diagnostic>) -> Parsed {
    Parsed {
        fullwidth_gaps: fullwidth_gaps(src, &file.stmts),
        file,
        diagnostics,
        fatal: false,
    }
}

/// The hand-written fast path's tree and pest's for one whole text (`None`
/// where the fast path gives up, or pest fails): the fuzz target `parse`
/// checks that whenever the fast path accepts, pest builds the same tree.
#[doc(hidden)]
pub fn both_parsers(text: &str) -> (Option<File>, Option<File>) {
    install_call_limit();
    (fast::parse_file(text, 0), parser::parse_file(text, 0).ok())
}

/// Parse a whole text; when it does not parse, with its unclosed strings
/// and blocks repaired first (see `repair`): each repair is one diagnostic at
/// the mistake, and the rest is parsed as if it were right. The caller has
/// tried the fast path on `text`.
fn parse_repaired(text: &str, base: usize, diags: &mut Vec<Diagnostic>) -> File {
    let (found, inserts) = repair::find(text, base);
    if inserts.is_empty() {
        return parse_top(text, base, diags);
    }
    let patched = repair::apply(text, &inserts);
    let mapper = repair::Mapper::new(&inserts);
    let mut later = Vec::new();
    let mut file = match fast::parse_file(&patched, base) {
        Some(file) => file,
        None => parse_top(&patched, base, &mut later),
    };
    mapper.file(&mut file, base);
    for d in &mut later {
        mapper.diagnostic(d, base);
    }
    diags.extend(found);
    diags.extend(later);
    file
}

/// A whole text the fast path declined: pest's tree when pest parses it as
/// a whole (where the fast path gives up: a lone carriage return); else
/// statement by statement, each error reported.
fn parse_top(text: &str, base: usize, diags: &mut Vec<Diagnostic>) -> File {
    let mut comments = Vec::new();
    let pieces = split(text, &mut comments);
    let too_deep = pieces.iter().any(|p| p.max_depth > MAX_DEPTH);
    // Elsewhere the fast path declines only what pest rejects.
    if !too_deep && has_lone_cr(text) {
        if let Ok(file) = parser::parse_file(text, base) {
            return file;
        }
    }
    let body = parse_pieces(text, base, (pieces, comments), diags, None);
    File {
        stmts: body.stmts,
        tail: body.tail,
    }
}

/// The statements of `region` — whole lines of `src` from offset `at`, that
/// start and end outside any statement of the text around them, which
/// parses cleanly — parsed with the error recovery, when its errors cannot
/// reach beyond it: [`parse`]'s statements and syntax errors there. `None`
/// when they could (an unclosed string or block anywhere, a lone carriage
/// return, a statement running on past the region, too many errors).
pub(super) fn confined(src: &str, region: &str, at: usize) -> Option<(File, Vec<Diagnostic>)> {
    let base = if src.starts_with('\u{FEFF}') { 3 } else { 0 };
    if has_lone_cr(region) || !repair::find(&src[base..], base).1.is_empty() {
        return None;
    }
    let mut comments = Vec::new();
    let pieces = split(region, &mut comments);
    if pieces.iter().any(|p| p.unclosed) {
        return None;
    }
    let mut diags = Vec::new();
    let body = parse_pieces(region, at, (pieces, comments), &mut diags, None);
    (diags.len() < MAX_SYNTAX_ERRORS).then_some((
        File {
            stmts: body.stmts,
            tail: body.tail,
        },
        diags,
    ))
}

/// A carriage return not followed by a line feed.
fn has_lone_cr(text: &str) -> bool {
    let b = text.as_bytes();
    b.iter()
        .enumerate()
        .any(|(i, c)| *c == b'\r' && b.get(i + 1) != Some(&b'\n'))
}

/// One statement's text (a piece of [`split`]): the fast path's tree, else
/// pest's, which reports the error. Both parse it as `stmt_only`.
fn parse_piece(text: &str, base: usize) -> Result<Stmt, parser::SyntaxError> {
    if let Some(f) = fast::parse_file(text, base) {
        if let Ok([s]) = <[Stmt; 1]>::try_from(f.stmts) {
            return Ok(s);
        }
    }
    parser::parse_stmt(text, base)
}

/// The inside of a block that failed as a whole, statement by statement.
fn parse_body(
    text: &str,
    base: usize,
    diags: &mut Vec<Diagnostic>,
    after_open: Option<usize>,
) -> decor::Body {
    let mut comments = Vec::new();
    let pieces = split(text, &mut comments);
    parse_pieces(text, base, (pieces, comments), diags, after_open)
}

/// Each piece parsed on its own, a broken one reported and left out; the
/// comments between them attached (`decor`). `after_open`: the offset after
/// the block's `{` (`None` at the top of the file).
fn parse_pieces(
    text: &str,
    base: usize,
    (pieces, comments): (Vec<Piece>, Vec<(usize, usize)>),
    diags: &mut Vec<Diagnostic>,
    after_open: Option<usize>,
) -> decor::Body {
    let top = after_open.is_none();
    let mut stmts = Vec::new();
    let mut body = decor::Attach::new(text, base, after_open, &stmts);
    let mut comments = comments.into_iter().peekable();
    let comment = |(s, e): (usize, usize)| ast::Comment {
        text: text[s..e].into(),
        span: Span::new(base + s, base + e),
    };
    for piece in pieces {
        while let Some(c) = comments.next_if(|c| c.0 < piece.start) {
            body.comment(&mut stmts, comment(c));
        }
        if diags.len() >= MAX_SYNTAX_ERRORS {
            if top {
                diags.push(too_many_errors(base + piece.start));
            }
            break;
        }
        if let Some(s) = piece_stmt(text, base, &piece, diags) {
            body.stmt(&mut stmts, s);
        }
    }
    for c in comments {
        body.comment(&mut stmts, comment(c));
    }
    body.finish(&mut stmts)
}

fn too_many_errors(at: usize) -> Diagnostic {
    Diagnostic::error(
        Code::L001,
        Span::new(at, at),
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
    ))
}

/// One piece's statement, or its diagnostics.
fn piece_stmt(text: &str, base: usize, piece: &Piece, diags: &mut Vec<Diagnostic>) -> Option<Stmt> {
    let ptext = &text[piece.start..piece.end];
    let pbase = base + piece.start;
    if piece.max_depth > MAX_DEPTH {
        let at = piece.deep_at.unwrap_or(piece.start);
        diags.push(too_deep(base + at));
        return None;
    }
    match parse_piece(ptext, pbase) {
        Ok(s) => Some(s),
        Err(e) if e.limit => {
            let first = ptext.chars().next().map(char::len_utf8).unwrap_or(0);
            diags.push(too_complex(Span::new(pbase, pbase + first)));
            None
        }
        Err(e) => {
            let s = recover_stmt(text, base, piece, diags);
            if s.is_none() {
                diags.push(syntax_error(text, base, e.span, &e.expected));
            }
            s
        }
    }
}

fn too_deep(at: usize) -> Diagnostic {
    Diagnostic::error(
        Code::L003,
        Span::new(at, at + 1),
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
    ))
}

fn too_complex(span: Span) -> Diagnostic {
    Diagnostic::error(
        Code::L003,
        span,
        t!(
            "语句过于复杂：超出解析步数上限（{}），未检查",
            "the statement is too complex: it exceeds the parser's budget ({} steps) and was not checked",
            PEST_CALL_LIMIT
        ),
    )
    .label(Text::new("这条语句", "this statement"))
    .help(Text::new(
        "把这条语句拆成几条较短的语句；如果它本不该这么长，检查是否缺少引号或括号",
        "split the statement into shorter ones; if it should not be this long, look for a missing quote or brace",
    ))
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
    let body = parse_body(inner, base + open + 1, diags, Some(base + open + 1));
    let block_end = match piece.close {
        Some(c) => c + 1,
        None => {
            diags.push(
                Diagnostic::error(
                    Code::L001,
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
    let trailing = piece
        .close
        .and_then(|c| after_block(text, base, c + 1, piece.end, diags));
    Some(Stmt {
        leading: Vec::new(),
        values,
        block: Some(ast::Block {
            open: body.open,
            stmts: body.stmts,
            tail: body.tail,
            span: Span::new(base + open, base + block_end),
        }),
        span: Span::new(base + piece.start, base + block_end),
        trailing,
    })
}

/// What follows a recovered statement's `}` up to the end of its piece: a
/// comment (its trailing comment), or an error.
fn after_block(
    text: &str,
    base: usize,
    from: usize,
    to: usize,
    diags: &mut Vec<Diagnostic>,
) -> Option<ast::Comment> {
    let rest = text[from..to].trim();
    if rest.is_empty() {
        return None;
    }
    let off = from + text[from..to].find(rest).unwrap_or(0);
    if rest.starts_with('#') {
        // a comment ends before the line's end, as in the grammar
        let end = text[off..to].find(['\n', '\r']).map_or(to, |k| off + k);
        return Some(ast::Comment {
            text: text[off..end].into(),
            span: Span::new(base + off, base + end),
        });
    }
    diags.push(
        Diagnostic::error(
            Code::L001,
            Span::new(base + off, base + off + rest.len()),
            Text::new("“}” 之后不能再有内容", "nothing may follow `}` on its line"),
        )
        .help(Text::new(
            "把这些内容移到新的一行",
            "move this to a line of its own",
        )),
    );
    None
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
        // (at most 256 characters back: a long run stays one cheap look)
        let tok_start = before
            .char_indices()
            .rev()
            .take(256)
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
    let label = match found {
        Some('}') => Text::new("多余的“}”", "an extra `}`"),
        _ => t!("期待{}", expected.zh; "expected {}", expected.en),
    };
    let mut d = Diagnostic::error(Code::L001, span, t!("语法错误：{zh}", "syntax error: {en}"))
        .label(label);
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
    // an extra `}` is deleted (its whole line when it stands alone); nothing
    // else was lost, so the rest is checked as it is
    if found == Some('}') {
        let line_start = text[..local].rfind('\n').map(|i| i + 1).unwrap_or(0);
        let line_end = text[local..]
            .find('\n')
            .map(|i| local + i + 1)
            .unwrap_or(text.len());
        let alone = text[line_start..line_end].trim() == "}";
        let (a, b) = if alone {
            (line_start, line_end)
        } else {
            (local, local + 1)
        };
        d = d.fix(Span::new(base + a, base + b), "");
        if alone {
            d = d.recovered();
        }
    }
    // `≥ 47户`: the space after a comparator goes
    if let Some(c) = found.filter(|c| "≥≤<>=＞＜＝".contains(*c)) {
        let after = local + c.len_utf8();
        let rest = &text[after.min(text.len())..];
        let gap = rest.len() - rest.trim_start_matches([' ', '\t', '\u{3000}']).len();
        if gap > 0 && rest[gap..].starts_with(|d: char| d.is_ascii_digit()) {
            d = d.fix(Span::new(base + local, base + after + gap), c.to_string());
        }
    }
    d
}

/// `0； 省级 0`: a full-width semicolon after a number ends the statement, as
/// `;` would (L004, with `;` as its fix); the values after it are a
/// statement of their own.
///
/// A unit's text is the source's: a source without `；` has nothing to do.
pub(crate) fn fullwidth_separators(src: &str, stmts: &mut Vec<Stmt>, diags: &mut Vec<Diagnostic>) {
    if src.contains('；') {
        split_at_fullwidth_semicolons(stmts, diags);
    }
}

fn split_at_fullwidth_semicolons(stmts: &mut Vec<Stmt>, diags: &mut Vec<Diagnostic>) {
    let mut i = 0;
    while i < stmts.len() {
        if let Some(b) = &mut stmts[i].block {
            split_at_fullwidth_semicolons(&mut b.stmts, diags);
        }
        let s = &mut stmts[i];
        let at = s.values.iter().position(|v| {
            v.as_quantity()
                .and_then(|q| q.unit.as_deref())
                .is_some_and(|u| u.ends_with('；'))
        });
        let Some(at) = at else {
            i += 1;
            continue;
        };
        let v = &mut s.values[at];
        let written = v.text();
        if let ast::ValueKind::Quantity(q) = &mut v.kind {
            let unit = q.unit.take().unwrap_or_default();
            let unit = ast::Text::from(unit.trim_end_matches('；'));
            q.unit = (!unit.is_empty()).then_some(unit);
        }
        let semi = Span::new(v.span.end - '；'.len_utf8(), v.span.end);
        diags.push(
            Diagnostic::error(
                Code::L004,
                v.span,
                t!(
                    "“{written}”后是全角分号“；”",
                    "`{written}` is followed by a full-width semicolon `；`"
                ),
            )
            .label(Text::new("全角分号", "a full-width semicolon"))
            .help(Text::new(
                "语句之间用半角分号“;”或换行分隔",
                "separate statements with an ASCII `;` or a new line",
            ))
            .fix(semi, ";")
            .recovered(),
        );
        v.span.end = semi.start;
        let rest: ast::Values = s.values.drain(at + 1..).collect();
        if rest.is_empty() {
            i += 1;
            continue;
        }
        let block = s.block.take();
        let trailing = s.trailing.take();
        let end = s.span.end;
        s.span.end = semi.start;
        let start = rest[0].span.start;
        let next = Stmt {
            leading: Vec::new(),
            values: rest,
            block,
            span: Span::new(start, end),
            trailing,
        };
        stmts.insert(i + 1, next);
        i += 1;
    }
}

/// What each value's characters may hold: zero-width and bidirectional
/// control characters make two names that look equal differ (L011, warning);
/// a text over [`MAX_TEXT_CHARS`] (L012); control characters and
/// non-characters, which no document can show (L014); U+FFFD, the mark of a
/// botched conversion (L015, warning).
///
/// A value's characters are the source's (an escape gives `\n`, `\t` or the
/// character escaped): a source without any such character (most) needs
/// only the length of its long texts counted.
fn value_characters(src: &str, stmts: &[Stmt], diags: &mut Vec<Diagnostic>) {
    let suspect = has_suspect_char(src);
    let mut stack: Vec<&Stmt> = stmts.iter().rev().collect();
    while let Some(s) = stack.pop() {
        for v in &s.values {
            let text = match &v.kind {
                ast::ValueKind::Str(t) | ast::ValueKind::Word(t) => t,
                ast::ValueKind::Quantity(q) => match &q.unit {
                    Some(u) => u,
                    None => continue,
                },
            };
            if suspect {
                characters_of(v, text, diags);
            } else if text.len() > MAX_TEXT_CHARS {
                let chars = text.chars().count();
                if chars > MAX_TEXT_CHARS {
                    diags.push(too_long(v, chars));
                }
            }
        }
        if let Some(b) = &s.block {
            stack.extend(b.stmts.iter().rev());
        }
    }
}

/// The checks of [`value_characters`] on one value's text.
fn characters_of(v: &ast::Value, text: &str, diags: &mut Vec<Diagnostic>) {
    let mut invisible: Vec<String> = Vec::new();
    let mut control: Vec<String> = Vec::new();
    let mut replacement = false;
    // a text of at most MAX_TEXT_CHARS bytes has no more characters
    let mut chars = 0usize;
    for c in text.chars() {
        chars += 1;
        if is_invisible(c) {
            if invisible.len() < 8 {
                invisible.push(format!("U+{:04X}", c as u32));
            }
        } else if is_forbidden(c) {
            if control.len() < 8 {
                control.push(format!("U+{:04X}", c as u32));
            }
        } else if c == '\u{FFFD}' {
            replacement = true;
        }
    }
    if chars > MAX_TEXT_CHARS {
        diags.push(too_long(v, chars));
    }
    if !control.is_empty() {
        diags.push(control_characters(v, &control.join(", ")));
    }
    if replacement {
        diags.push(replacement_character(v));
    }
    if !invisible.is_empty() {
        diags.push(invisible_characters(v, &invisible.join(", ")));
    }
}

/// Whether `text` has a character that is invisible, forbidden or U+FFFD.
/// Every one of those is an ASCII control or starts with the byte C2
/// (U+0080–U+00BF), E2 (U+2000–U+2FFF) or EF (U+F000–U+FFFF): one
/// branch-free pass finds the controls (tab and line ends are allowed), and
/// only at those three lead bytes (found with `memchr`) are the next two
/// bytes compared — a CJK text is mostly other bytes.
fn has_suspect_char(text: &str) -> bool {
    let control = text.bytes().fold(false, |acc, b| {
        acc | ((b < 0x20) & (b != b'\t') & (b != b'\n') & (b != b'\r')) | (b == 0x7F)
    });
    let b = text.as_bytes();
    let at = |k: usize| b.get(k).copied().unwrap_or(0);
    // the characters' UTF-8 bytes, compared without decoding
    control
        || memchr::memchr3_iter(0xC2, 0xE2, 0xEF, b).any(|i| match (b[i], at(i + 1), at(i + 2)) {
            // U+0080–U+009F (controls), U+00AD (soft hyphen)
            (0xC2, c, _) => (0x80..=0x9F).contains(&c) || c == 0xAD,
            // U+200B–U+200F, U+202A–U+202E
            (0xE2, 0x80, c) => (0x8B..=0x8F).contains(&c) || (0xAA..=0xAE).contains(&c),
            // U+2060–U+2064, U+2066–U+2069
            (0xE2, 0x81, c) => (0xA0..=0xA4).contains(&c) || (0xA6..=0xA9).contains(&c),
            // U+FEFF; U+FFFD–U+FFFF
            (0xEF, 0xBB, c) => c == 0xBF,
            (0xEF, 0xBF, c) => (0xBD..=0xBF).contains(&c),
            _ => false,
        })
}

fn too_long(v: &ast::Value, chars: usize) -> Diagnostic {
    Diagnostic::error(
        Code::L012,
        first_char(v),
        t!(
            "文字过长：{} 个字，上限为 {} 个字",
            "the text is too long: {} characters, the limit is {}",
            chars,
            MAX_TEXT_CHARS
        ),
    )
    .label(Text::new("这段文字从这里开始", "the text starts here"))
    .help(Text::new(
        "公开文件中的一段说明通常不超过几千字：请检查字符串是否缺少结尾的引号，或把长文分成几段",
        "a text of a disclosure is a few thousand characters at most: check for a missing closing quote, or split the text",
    ))
}

fn control_characters(v: &ast::Value, list: &str) -> Diagnostic {
    Diagnostic::error(
        Code::L014,
        v.span,
        t!(
            "文字中含有控制字符（{list}）：它们无法显示，也不能写入公开文件",
            "the text contains control characters ({list}): they cannot be shown or published"
        ),
    )
    .label(Text::new("含控制字符", "control characters here"))
    .help(Text::new(
        "删除这些字符；文件中出现 NUL 等控制字符，常常说明它不是文本文件或已经损坏",
        "delete them; NUL and other control characters usually mean the file is not text or is damaged",
    ))
}

fn replacement_character(v: &ast::Value) -> Diagnostic {
    Diagnostic::warning(
        Code::L015,
        v.span,
        Text::new(
            "文字中含有替换字符 U+FFFD（�）：原文在转换编码时可能已经损坏",
            "the text contains the replacement character U+FFFD (�): it was probably damaged by an encoding conversion",
        ),
    )
    .label(Text::new("含 �", "� here"))
    .help(Text::new(
        "从原始文件重新复制这段文字（GBK 文件请用 iconv -f GB18030 -t UTF-8 转换，不要忽略错误）",
        "copy the text again from the original (convert GBK files with iconv -f GB18030 -t UTF-8, without ignoring errors)",
    ))
}

fn invisible_characters(v: &ast::Value, list: &str) -> Diagnostic {
    Diagnostic::warning(
        Code::L011,
        v.span,
        t!(
            "文字中含有不可见字符（{list}）：看起来相同的名称实际上不同",
            "the text contains invisible characters ({list}): names that look the same differ"
        ),
    )
    .label(Text::new("含不可见字符", "invisible characters here"))
    .help(Text::new(
        "删除零宽字符和双向控制字符（常见于从网页、Word 或 PDF 粘贴的文字）",
        "delete zero-width and bidirectional control characters (common in text pasted from web pages, Word or PDF)",
    ))
}

/// Where a too-long value is shown: its first character (`"` for a string),
/// or the whole of a quantity (whose unit is the long part).
fn first_char(v: &ast::Value) -> Span {
    let len = match &v.kind {
        ast::ValueKind::Word(w) => w.chars().next().map(char::len_utf8).unwrap_or(0),
        ast::ValueKind::Str(_) => 1,
        ast::ValueKind::Quantity(_) => v.span.len(),
    };
    Span::new(v.span.start, v.span.start + len)
}

/// Control characters other than tab and line ends (C0, DEL, C1) and the
/// non-characters U+FFFE, U+FFFF: no document format can carry them.
pub fn is_forbidden(c: char) -> bool {
    match c {
        '\t' | '\n' | '\r' => false,
        c => c.is_control() || matches!(c, '\u{FFFE}' | '\u{FFFF}'),
    }
}

/// Where the [`MAX_VALUES`]+1-th value starts, if the text has that many: a
/// linear scan that knows strings and comments, counting each run of
/// characters that starts after white space, a line end, `;`, `{` or `}`.
fn too_many_values(text: &str) -> Option<usize> {
    // every value counted but the first follows a byte that is not part of
    // a value, so a text of n bytes holds at most ⌈n/2⌉ values: a text this
    // short (every real department) cannot exceed the limit
    if text.len() <= 2 * MAX_VALUES {
        return None;
    }
    value_over_limit(text)
}

/// [`too_many_values`] by counting, on any text.
fn value_over_limit(text: &str) -> Option<usize> {
    let b = text.as_bytes();
    let mut count = 0usize;
    let mut boundary = true;
    let mut i = 0;
    while i < b.len() {
        let c = b[i];
        match c {
            b' ' | b'\t' | b'\n' | b'\r' | b';' | b'{' | b'}' => {
                boundary = true;
                i += 1;
                continue;
            }
            b'#' => {
                boundary = true;
                while i < b.len() && b[i] != b'\n' && b[i] != b'\r' {
                    i += 1;
                }
                continue;
            }
            _ => {}
        }
        if c == 0xE3 && b[i..].starts_with("\u{3000}".as_bytes()) {
            boundary = true;
            i += 3;
            continue;
        }
        if boundary {
            count += 1;
            if count > MAX_VALUES {
                return Some(i);
            }
        }
        boundary = false;
        if c == b'"' {
            i += 1;
            while i < b.len() && b[i] != b'"' {
                i += if b[i] == b'\\' { 2 } else { 1 };
            }
        }
        i += 1;
    }
    None
}

/// Zero-width, joiner and bidirectional control characters.
pub fn is_invisible(c: char) -> bool {
    matches!(c as u32, 0x200B..=0x200F | 0x202A..=0x202E | 0x2060..=0x2064 | 0x2066..=0x2069 | 0xFEFF | 0x00AD)
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
    /// The text ended inside a string or a block of this statement.
    unclosed: bool,
}

/// Cut a text into top-level statements: a statement ends at a new line or
/// `;` outside strings, comments and blocks. An unclosed block ends where a
/// line starts at or left of the statement's own indentation. The comments
/// between statements go to `comments` (start and end).
fn split(text: &str, comments: &mut Vec<(usize, usize)>) -> Vec<Piece> {
    let bytes = text.as_bytes();
    let mut indentation = Indentation::default();
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
            // a comment ends at a new line as the grammar has it: `\n` or `\r`
            let start = i;
            while i < n && bytes[i] != b'\n' && bytes[i] != b'\r' {
                i += 1;
            }
            comments.push((start, i));
            continue;
        }
        let start = i;
        let p = statement(text, start, &mut indentation);
        let end = p.end;
        pieces.push(p);
        i = end.max(start + 1);
        while !text.is_char_boundary(i.min(n)) {
            i += 1;
        }
    }
    pieces
}

/// Whether a line inside a block that starts with `c` can end the block by
/// its indentation (a brace, a blank line or a comment cannot).
fn starts_outside(c: u8) -> bool {
    !matches!(c, b'}' | b'{' | b'\n' | b'\r' | b'#')
}

/// One statement of [`split`], from `start`: it ends at a new line or `;`
/// outside strings, comments and blocks, or before a line that starts at or
/// left of its own indentation inside a block never closed.
fn statement(text: &str, start: usize, indentation: &mut Indentation) -> Piece {
    let bytes = text.as_bytes();
    let n = bytes.len();
    let mut i = start;
    let indent = indentation.of(text, start);
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
            if starts_outside(c) && indentation.of(text, i) <= indent {
                // the block was never closed: the statement ends before this line
                end = text[..i].trim_end().len();
                break;
            }
        }
        match c {
            b'"' => in_str = true,
            b'#' => {
                while i < n && bytes[i] != b'\n' && bytes[i] != b'\r' {
                    i += 1;
                }
                continue;
            }
            // a lone carriage return ends a line, as in the grammar
            b'\r' if bytes.get(i + 1) != Some(&b'\n') => {
                if depth == 0 {
                    end = i;
                    break;
                }
                line_start = true;
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
    let unclosed = i >= n && (in_str || depth > 0);
    let end = end.min(n).max(start);
    Piece {
        start,
        end,
        open,
        close,
        max_depth,
        deep_at,
        unclosed,
    }
}

/// Width of the leading white space of the line containing an offset. The
/// scanner asks about increasing offsets, many on one line (`a; b; c`): the
/// last line is remembered, so that a long line costs its length once.
#[derive(Default)]
struct Indentation {
    /// (an offset asked about, the start of its line, the line's indentation)
    last: Option<(usize, usize, usize)>,
}

impl Indentation {
    fn of(&mut self, text: &str, at: usize) -> usize {
        let line_start = match self.last {
            Some((prev, start, _)) if prev <= at => text[prev..at]
                .rfind('\n')
                .map(|i| prev + i + 1)
                .unwrap_or(start),
            _ => text[..at].rfind('\n').map(|i| i + 1).unwrap_or(0),
        };
        let width = match self.last {
            Some((_, start, width)) if start == line_start => width,
            _ => text[line_start..]
                .chars()
                .take_while(|c| *c == ' ' || *c == '\t' || *c == '\u{3000}')
                .map(|c| if c == '\t' { 4 } else { 1 })
                .sum(),
        };
        self.last = Some((at, line_start, width));
        width
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn codes(src: &str) -> Vec<(&'static str, Span)> {
        parse(src)
            .diagnostics
            .iter()
            .map(|d| (d.code.as_str(), d.span))
            .collect()
    }

    proptest::proptest! {
        /// `has_suspect_char`'s byte search finds a character `characters_of`
        /// looks for exactly when reading every character does.
        #[test]
        fn suspect_chars_are_found(text in "(\\PC|\\p{Cc}|[\u{80}-\u{9F}\u{AD}\u{200B}-\u{206F}\u{FEFF}-\u{FFFF}\u{4E00}-\u{4E20}])*") {
            let wanted = text.chars().any(|c| is_invisible(c) || is_forbidden(c) || c == '\u{FFFD}');
            proptest::prop_assert_eq!(has_suspect_char(&text), wanted);
        }
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
    fn write_text_round_trips() {
        for t in [
            "行政运行",
            "a b",
            "1abc",
            "≥x",
            "say \"hi\"",
            "back\\slash",
            "",
            "x#y",
            "tab\there",
        ] {
            let src = format!("k {}\n", write_text(t));
            let p = parse(&src);
            assert!(p.diagnostics.is_empty(), "{t:?}: {:?}", p.diagnostics);
            assert_eq!(p.file.stmts[0].values[1].text(), t, "{src}");
        }
        assert_eq!(write_text("行政运行"), "行政运行");
        assert_eq!(write_text("a b"), "\"a b\"");
    }

    #[test]
    fn invisible_characters_warn_at_the_value() {
        let src = "部门 \"产业\u{200B}链\"\n单位 甲\u{202E}乙 { 类型 行政 }\n";
        let d = parse(src).diagnostics;
        assert_eq!(d.len(), 2, "{d:?}");
        assert!(d.iter().all(|d| d.code == "L011" && !d.is_error()));
        assert_eq!(&src[d[0].span.start..d[0].span.end], "\"产业\u{200B}链\"");
        assert!(d[1].message.en.contains("U+202E"));
    }

    #[test]
    fn bom_and_crlf() {
        let p = parse("\u{FEFF}年度 2024\r\n部门 \"甲\"\r\n");
        assert!(p.diagnostics.is_empty(), "{:?}", p.diagnostics);
        assert_eq!(p.file.stmts[0].span.start, 3);
    }

    #[test]
    fn a_text_too_short_for_the_limit_is_not_counted() {
        // the densest text: one-byte values, one byte apart
        let dense = "a ".repeat(MAX_VALUES);
        assert_eq!(dense.len(), 2 * MAX_VALUES);
        assert_eq!(value_over_limit(&dense), None, "as many values as allowed");
        assert_eq!(value_over_limit(&dense[..dense.len() - 1]), None);
        let over = format!("{dense}a");
        assert_eq!(too_many_values(&over), Some(2 * MAX_VALUES));
        assert_eq!(value_over_limit(&over), Some(2 * MAX_VALUES));
        let semis = ";a".repeat(MAX_VALUES);
        assert_eq!(value_over_limit(&semis), None);
        assert_eq!(
            too_many_values(&format!("{semis};a")),
            Some(2 * MAX_VALUES + 1)
        );
    }
}
