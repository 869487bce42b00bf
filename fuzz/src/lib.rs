//! What the fuzz targets share: decoding the input, the checker's options,
//! and the invariants every target asserts (a broken invariant panics, which
//! libFuzzer records as a crash).

use budget::diagnostic::Diagnostic;
use budget::editor::{LineIndex, Position, Range};
use budget::Options;
use std::sync::OnceLock;

/// The built-in catalog, loaded once.
pub fn options() -> &'static Options {
    static OPTIONS: OnceLock<Options> = OnceLock::new();
    OPTIONS.get_or_init(Options::default)
}

/// The input as text, as the CLI reads it (`None`: not UTF-8, after checking
/// that decoding says so with a span inside the input).
pub fn text(data: &[u8]) -> Option<&str> {
    match budget::syntax::decode(data) {
        Ok(t) => Some(t),
        Err(d) => {
            assert_eq!(d.code, "L002");
            assert!(d.span.start <= data.len() && d.span.end <= data.len());
            assert!(std::str::from_utf8(data).is_err());
            None
        }
    }
}

/// Every diagnostic's spans lie within the text, on character boundaries.
pub fn assert_spans(text: &str, diags: &[Diagnostic]) {
    for d in diags {
        let mut spans = vec![d.span];
        spans.extend(d.related.iter().map(|r| r.span));
        spans.extend(d.fix.iter().map(|f| f.span));
        for s in spans {
            assert!(
                s.start <= s.end && text.get(s.start..s.end).is_some(),
                "{}: span {}..{} is not a range of the text ({} bytes)",
                d.code,
                s.start,
                s.end,
                text.len()
            );
        }
    }
}

/// The HTML and Typst checks of the main crate's tests.
#[path = "../../tests/support/inert.rs"]
pub mod inert;

/// The HTML holds only our tags, no handler, no script URL.
pub fn assert_html_inert(html: &str) {
    let _ = inert::assert_html_inert(html);
}

/// No code outside Typst string literals that could read or run anything.
pub fn assert_typst_inert(typ: &str) {
    let _ = inert::assert_typst_inert(typ, &[]);
}

/// An editing session decoded from fuzz bytes: the document's first text and
/// a script of edits and requests.
///
/// The input is `TEXT [0xFF SCRIPT]` (0xFF never occurs in UTF-8). The script
/// is read five bytes at a time: `op line col len arg`.
pub struct Session {
    pub text: String,
    pub steps: Vec<Step>,
}

pub enum Step {
    /// Replace `range` by `text` (LSP incremental change).
    Edit { range: Range, text: String },
    /// Replace the whole text.
    Replace(String),
    /// Ask every feature about this place.
    Query(Position),
}

/// Snippets an edit inserts: the language's punctuation, keywords, and
/// characters whose UTF-8/UTF-16 lengths differ.
pub const SNIPPETS: &[&str] = &[
    "",
    "{",
    "}",
    "\"",
    "\n",
    "\r\n",
    "\r",
    "#",
    ";",
    " ",
    "\\",
    "项目 \"经费\" {\n",
    "绩效指标 {\n产出指标 {\n数量指标 { 培训 ≥1次 }\n}\n}\n",
    "2011301 行政运行 基本 12.84\n",
    "收入 {\n一般公共预算 1\n}\n",
    "𠀀",
    "😀",
    "≥",
    "１２",
    "\u{200B}",
    "\u{FEFF}",
    "\u{2028}",
    "\0",
    "单位 甲 { 类型 行政 }\n",
    "合计 ",
    "12.84万元",
];

pub fn session(data: &[u8]) -> Session {
    let (head, script) = match data.iter().position(|&b| b == 0xFF) {
        Some(i) => (&data[..i], &data[i + 1..]),
        None => (data, &[][..]),
    };
    let text = String::from_utf8_lossy(head).into_owned();
    let mut steps = Vec::new();
    for c in script.chunks(5) {
        let get = |i: usize| c.get(i).copied().unwrap_or(0) as u32;
        let (op, line, col, len, arg) = (get(0), get(1), get(2), get(3), get(4));
        let start = Position::new(line, col);
        match op % 8 {
            0..=3 => {
                // same line, or a few lines on
                let end = if op & 0x10 != 0 {
                    Position::new(line + len % 4, col + len / 4)
                } else {
                    Position::new(line, col + len % 16)
                };
                let t = SNIPPETS[arg as usize % SNIPPETS.len()].to_string();
                steps.push(Step::Edit {
                    range: Range::new(start, end),
                    text: t,
                });
            }
            4 => steps.push(Step::Edit {
                // reversed ranges, far-away lines
                range: Range::new(Position::new(line * 1000, col), start),
                text: SNIPPETS[arg as usize % SNIPPETS.len()].to_string(),
            }),
            5 => steps.push(Step::Replace(
                SNIPPETS[arg as usize % SNIPPETS.len()].repeat(len as usize % 8),
            )),
            _ => steps.push(Step::Query(start)),
        }
        if steps.len() >= 64 {
            break;
        }
    }
    Session { text, steps }
}

/// Apply an LSP change as the server does (`src/cli/lsp.rs`).
pub fn apply(text: &str, range: Range, new: &str) -> String {
    let idx = LineIndex::new(text);
    let span = idx.span(text, range);
    assert!(span.start <= span.end && span.end <= text.len());
    assert!(text.is_char_boundary(span.start) && text.is_char_boundary(span.end));
    let mut out = String::with_capacity(text.len() + new.len());
    out.push_str(&text[..span.start]);
    out.push_str(new);
    out.push_str(&text[span.end..]);
    out
}

/// Every range an editor feature returns lies in the text.
pub fn assert_range(idx: &LineIndex, text: &str, r: Range) {
    assert!(
        (r.start.line as usize) < idx.line_count() && (r.end.line as usize) < idx.line_count(),
        "range {r:?} past the last line ({} lines)",
        idx.line_count()
    );
    assert!(r.start <= r.end, "reversed range {r:?}");
    let s = idx.span(text, r);
    // A range the server sends converts back to the place it came from.
    assert_eq!(idx.range(text, s), r, "range {r:?} does not round-trip");
}

/// The targets' bodies: the fuzz targets call these, and so does the
/// regression test of the main crate (`tests/fuzz_regressions.rs`), on every
/// input a fuzzer ever crashed on.
pub mod targets {
    use budget::diagnostic::Lang;
    use budget::editor::{self, Analysis, LineIndex, Position, Range};

    /// Any bytes → decode → parse: never panics, every span lies in the text.
    pub fn parse(data: &[u8]) {
        let Some(text) = super::text(data) else {
            return;
        };
        let parsed = budget::syntax::parse(text);
        super::assert_spans(text, &parsed.diagnostics);
        // differential: the fast path accepts only what pest accepts, with
        // pest's tree
        let body = text.strip_prefix('\u{FEFF}').unwrap_or(text);
        if body.len() == text.len() {
            if let (Some(fast), pest) = budget::syntax::both_parsers(body) {
                assert_eq!(Some(fast), pest, "the fast parser and pest disagree");
            }
        }
        let mut stack: Vec<&budget::syntax::ast::Stmt> = parsed.file.stmts.iter().collect();
        while let Some(s) = stack.pop() {
            assert!(text.get(s.span.start..s.span.end).is_some());
            for v in &s.values {
                assert!(text.get(v.span.start..v.span.end).is_some());
            }
            stack.extend(s.children());
        }
    }

    /// Any bytes → parse + check, and the diagnostics rendered as the CLI
    /// prints them (text and JSON): never panics, every span in the text.
    pub fn check(data: &[u8]) {
        let Some(text) = super::text(data) else {
            return;
        };
        let checked = budget::check_source(text, super::options());
        super::assert_spans(text, &checked.diagnostics);
        let _ = budget::report::human("f.budget", text, &checked.diagnostics, Lang::Zh, false);
        for d in checked.diagnostics.iter().take(20) {
            let _ = budget::report::json_diagnostic("f.budget", text, d, Lang::En);
        }
        assert!(
            serde_json::to_string(&checked.budget).is_ok(),
            "the model serialises"
        );
    }

    /// `budget fmt`: idempotent, and never changes meaning — the checked
    /// model (as JSON), the diagnostic codes and the comments of fmt(x) are
    /// those of x.
    pub fn fmt(data: &[u8]) {
        let Some(text) = super::text(data) else {
            return;
        };
        let Ok(once) = budget::format::format(text) else {
            return;
        };
        let twice = budget::format::format(&once);
        assert_eq!(twice.as_ref().ok(), Some(&once), "fmt is not idempotent");
        let opts = super::options();
        let a = budget::check_source(text, opts);
        let b = budget::check_source(&once, opts);
        assert_eq!(
            serde_json::to_value(&a.budget).ok(),
            serde_json::to_value(&b.budget).ok(),
            "fmt changed the model"
        );
        let codes = |c: &budget::Checked| {
            let mut v: Vec<&str> = c.diagnostics.iter().map(|d| d.code.as_str()).collect();
            v.sort_unstable();
            v
        };
        assert_eq!(codes(&a), codes(&b), "fmt changed the diagnostics");
        assert_eq!(
            budget::format::comments(text),
            budget::format::comments(&once),
            "fmt lost or changed a comment"
        );
    }

    /// A checked model (errors or not, as `--draft` builds it) → document →
    /// HTML and Typst: never panics; the HTML has no live script or handler,
    /// and the Typst has no code from the model outside string literals.
    pub fn render(data: &[u8]) {
        let Some(text) = super::text(data) else {
            return;
        };
        let opts = super::options();
        let checked = budget::check_source(text, opts);
        if budget::render::Profile::get(&checked.budget.profile).is_none() {
            return;
        }
        let Ok(doc) = budget::render::build(&checked.budget, &opts.catalog, checked.has_errors())
        else {
            return;
        };
        match budget::render::html::render(&doc) {
            Ok(html) => super::assert_html_inert(&html),
            Err(e) => panic!("HTML: {e}"),
        }
        match budget::render::typst::render(&doc) {
            Ok(typ) => super::assert_typst_inert(&typ),
            Err(e) => panic!("Typst: {e}"),
        }
    }

    fn query(a: &Analysis, pos: Position) {
        let opts = super::options();
        let (text, idx) = (&a.text, &a.index);
        let _ = editor::hover::hover(a, pos, Lang::Zh, &opts.catalog);
        for c in editor::complete::complete(a, pos, Lang::En, &opts.catalog) {
            super::assert_range(idx, text, c.edit.range);
        }
        for r in editor::navigate::definition(a, pos) {
            super::assert_range(idx, text, r);
        }
        for r in editor::navigate::references(a, pos, true) {
            super::assert_range(idx, text, r);
        }
        let range = Range::new(pos, Position::new(pos.line.saturating_add(1), 0));
        let _ = editor::actions::code_actions(a, range, Lang::Zh);
    }

    fn analyse(text: &str) {
        let a = Analysis::new(text, super::options());
        let idx = LineIndex::new(text);
        for d in editor::diagnostics(&a, Lang::Zh) {
            super::assert_range(&idx, text, d.range);
            for r in &d.related {
                super::assert_range(&idx, text, r.range);
            }
            if let Some(f) = &d.fix {
                super::assert_range(&idx, text, f.range);
                let _ = super::apply(text, f.range, &f.new_text);
            }
        }
        let _ = editor::symbols::document_symbols(&a);
        if let Some(edits) = editor::formatting(&a) {
            for e in &edits {
                super::assert_range(&idx, text, e.range);
            }
        }
        // offsets ↔ positions: character boundaries round-trip (sampled)
        let step = (text.len() / 64).max(1);
        let mut o = 0;
        while o <= text.len() {
            let b = budget::diagnostic::floor_char_boundary(text, o);
            let p = idx.position(text, b);
            let back = idx.offset(text, p);
            let between_crlf = b > 0
                && text.as_bytes().get(b - 1) == Some(&b'\r')
                && text.as_bytes().get(b) == Some(&b'\n');
            if !between_crlf {
                assert_eq!(back, b, "offset {b} → {p:?} → {back}");
            }
            o += step;
        }
        query(&a, Position::new(0, 0));
    }

    /// The language server's work on an edit sequence, through the pure
    /// editor API: every change applies, every feature answers without
    /// panicking, and every range it returns lies in the text.
    pub fn editor(data: &[u8]) {
        let s = super::session(data);
        let mut text = s.text;
        let mut analysis: Option<Analysis> = None;
        for step in s.steps {
            match step {
                super::Step::Edit { range, text: new } => {
                    text = super::apply(&text, range, &new);
                    analysis = None;
                }
                super::Step::Replace(t) => {
                    text = t;
                    analysis = None;
                }
                super::Step::Query(pos) => {
                    let a = analysis
                        .get_or_insert_with(|| Analysis::new(text.as_str(), super::options()));
                    query(a, pos);
                }
            }
        }
        analyse(&text);
    }
}
