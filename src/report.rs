//! Diagnostics as text: miette's graphical report, or JSON. Pure: returns
//! strings; the adapters print them.

use crate::diagnostic::{Code, Diagnostic, Lang, Severity};
use miette::{GraphicalReportHandler, GraphicalTheme, LabeledSpan, SourceSpan};
use serde::Serialize;
use std::fmt;

struct Wrapped<'a> {
    d: &'a Diagnostic,
    lang: Lang,
    src: &'a CharColumns,
    /// The labels shown with the primary span (near it).
    near: Vec<&'a crate::diagnostic::Label>,
    /// The labels far from it, each shown after it as a note of its own, so
    /// that the diagnostic's own place comes first and no snippet runs over
    /// the lines between.
    notes: Vec<Note<'a>>,
}

/// A label far from its diagnostic's place, rendered as its own snippet.
struct Note<'a> {
    text: String,
    span: SourceSpan,
    src: &'a CharColumns,
}

impl fmt::Debug for Note<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.text)
    }
}

impl fmt::Display for Note<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.text)
    }
}

impl std::error::Error for Note<'_> {}

impl miette::Diagnostic for Note<'_> {
    fn severity(&self) -> Option<miette::Severity> {
        Some(miette::Severity::Advice)
    }
    fn source_code(&self) -> Option<&dyn miette::SourceCode> {
        Some(self.src)
    }
    fn labels(&self) -> Option<Box<dyn Iterator<Item = LabeledSpan> + '_>> {
        Some(Box::new(std::iter::once(
            LabeledSpan::new_primary_with_span(None, self.span),
        )))
    }
}

/// A related label more than this many lines from the primary span is a note
/// (within it, miette shows it in the primary's own snippet).
const NEAR_LINES: usize = 2;
/// A label spanning more lines than this is shown on its first line only.
const LONG_LABEL_LINES: usize = 3;

/// The source as miette sees it, but with columns counted in characters
/// (miette counts bytes, which puts `file:line:col` off on CJK lines).
struct CharColumns {
    name: String,
    text: String,
    /// Lines as miette counts them (a lone `\r` ends one too).
    lines: Lines,
    /// Lines as columns are counted (after `\n`).
    nl: Lines,
}

/// Where each line starts (after each `\n`), for line and column lookups
/// that do not scan the text from its start: a report of many diagnostics
/// on a large file must not cost their number times the file's length.
struct Lines(Vec<usize>);

impl Lines {
    /// Lines ending at `\n`.
    fn new(text: &str) -> Lines {
        let mut v = vec![0];
        v.extend(text.match_indices('\n').map(|(i, _)| i + 1));
        Lines(v)
    }
    /// Lines as miette counts them: also ended by a lone `\r`.
    fn miette(text: &str) -> Lines {
        let b = text.as_bytes();
        let mut v = vec![0];
        for (i, c) in b.iter().enumerate() {
            if *c == b'\n' || (*c == b'\r' && b.get(i + 1) != Some(&b'\n')) {
                v.push(i + 1);
            }
        }
        Lines(v)
    }
    /// 0-based line of a byte offset.
    fn line(&self, offset: usize) -> usize {
        self.0.partition_point(|&s| s <= offset).saturating_sub(1)
    }
    fn start(&self, line: usize) -> usize {
        self.0.get(line).copied().unwrap_or(0)
    }
    /// 1-based line and column (in characters), as [`line_col`] gives them.
    fn line_col(&self, src: &str, offset: usize) -> (usize, usize) {
        let offset = crate::diagnostic::floor_char_boundary(src, offset.min(src.len()));
        let line = self.line(offset);
        let start = self.start(line).min(offset);
        let col = src
            .get(start..offset)
            .map(|s| s.chars().count())
            .unwrap_or(0);
        (line + 1, col + 1)
    }
}

impl miette::SourceCode for CharColumns {
    fn read_span<'a>(
        &'a self,
        span: &SourceSpan,
        before: usize,
        after: usize,
    ) -> Result<Box<dyn miette::SpanContents<'a> + 'a>, miette::MietteError> {
        // miette reads the context from a window of the lines around the
        // span (a line more on each side than it asks for), not the whole text
        let len = self.text.len();
        let (offset, span_len) = (span.offset().min(len), span.len());
        let first = self.lines.line(offset).saturating_sub(before + 1);
        let last = self.lines.line((offset + span_len).min(len)) + after + 2;
        let wstart = self.lines.start(first);
        let wend = self.lines.0.get(last).copied().unwrap_or(len).max(wstart);
        let window = &self.text[wstart..wend];
        let local = SourceSpan::new((offset - wstart).into(), span_len.min(wend - offset));
        let c = window.read_span(&local, before, after)?;
        let start = wstart + c.span().offset();
        let line_start = self.nl.start(self.nl.line(start));
        let column = self
            .text
            .get(line_start..start)
            .map(|s| s.chars().count())
            .unwrap_or(c.column());
        Ok(Box::new(
            miette::MietteSpanContents::new_named(
                self.name.clone(),
                c.data(),
                SourceSpan::new(start.into(), c.span().len()),
                c.line() + first,
                column,
                c.line_count(),
            )
            .with_language("budget"),
        ))
    }
}

impl fmt::Debug for Wrapped<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.d.message.get(self.lang))
    }
}

impl fmt::Display for Wrapped<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.d.message.get(self.lang))
    }
}

impl std::error::Error for Wrapped<'_> {}

fn clamp(src: &str, start: usize, end: usize) -> SourceSpan {
    let s = crate::diagnostic::floor_char_boundary(src, start);
    let mut e = crate::diagnostic::floor_char_boundary(src, end.max(s));
    // a long span (a whole block) is shown by its first line
    let inner = &src[s..e];
    if inner.matches('\n').count() >= LONG_LABEL_LINES {
        e = s + inner.find('\n').unwrap_or(inner.len());
        e = s + src[s..e].trim_end().len();
    }
    SourceSpan::new(s.into(), e - s)
}

impl miette::Diagnostic for Wrapped<'_> {
    fn code<'a>(&'a self) -> Option<Box<dyn fmt::Display + 'a>> {
        Some(Box::new(self.d.code))
    }
    fn severity(&self) -> Option<miette::Severity> {
        Some(match self.d.severity {
            Severity::Error => miette::Severity::Error,
            Severity::Warning => miette::Severity::Warning,
        })
    }
    fn help<'a>(&'a self) -> Option<Box<dyn fmt::Display + 'a>> {
        self.d
            .help
            .as_ref()
            .map(|h| Box::new(h.get(self.lang).to_string()) as Box<dyn fmt::Display>)
    }
    fn source_code(&self) -> Option<&dyn miette::SourceCode> {
        Some(self.src)
    }
    fn labels(&self) -> Option<Box<dyn Iterator<Item = LabeledSpan> + '_>> {
        let text = &self.src.text;
        let mut v = vec![LabeledSpan::new_primary_with_span(
            Some(self.d.label.get(self.lang).to_string()),
            clamp(text, self.d.span.start, self.d.span.end),
        )];
        for r in &self.near {
            v.push(LabeledSpan::new_with_span(
                Some(r.text.get(self.lang).to_string()),
                clamp(text, r.span.start, r.span.end),
            ));
        }
        Some(Box::new(v.into_iter()))
    }
}

/// Render diagnostics with miette, without colour when `color` is false.
pub fn human(file: &str, src: &str, diags: &[Diagnostic], lang: Lang, color: bool) -> String {
    let named = CharColumns {
        name: file.to_string(),
        text: src.to_string(),
        lines: Lines::miette(src),
        nl: Lines::new(src),
    };
    let theme = if color {
        GraphicalTheme::unicode()
    } else {
        GraphicalTheme::unicode_nocolor()
    };
    let handler = GraphicalReportHandler::new_themed(theme).with_width(100);
    let mut out = String::new();
    for d in diags {
        let line = |o: usize| named.nl.line(o.min(src.len()));
        let (first, last) = (line(d.span.start), line(d.span.end));
        let (near, far): (Vec<_>, Vec<_>) = d.related.iter().partition(|r| {
            let l = line(r.span.start);
            l + NEAR_LINES >= first && l <= last + NEAR_LINES
        });
        let notes = far
            .into_iter()
            .map(|r| Note {
                text: r.text.get(lang).to_string(),
                span: clamp(src, r.span.start, r.span.end),
                src: &named,
            })
            .collect();
        let w = Wrapped {
            d,
            lang,
            src: &named,
            near,
            notes,
        };
        if handler.render_report(&mut out, &w).is_err() {
            out.push_str(&format!("{}: {}\n", d.code, d.message.get(lang)));
        }
        // the far labels, each after the diagnostic's own snippet
        for n in &w.notes {
            let mut note = String::new();
            if handler.render_report(&mut note, n).is_ok() {
                out.push_str(note.trim_start_matches('\n'));
            }
        }
        out.push('\n');
    }
    out
}

#[derive(Serialize)]
pub struct JsonLabel {
    pub start: usize,
    pub end: usize,
    pub line: usize,
    pub column: usize,
    pub text: String,
}

#[derive(Serialize)]
pub struct JsonDiagnostic {
    pub code: Code,
    pub severity: Severity,
    pub message: String,
    pub file: String,
    pub start: usize,
    pub end: usize,
    pub line: usize,
    pub column: usize,
    pub end_line: usize,
    pub end_column: usize,
    pub label: String,
    pub labels: Vec<JsonLabel>,
    pub help: Option<String>,
    /// A machine-applicable fix: replace bytes `start..end` with `replacement`.
    pub fix: Option<JsonFix>,
    /// For a wrong claim: the printed figure, the computed one, the rule and
    /// the place (`file:line:column`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub claim: Option<JsonClaim>,
}

#[derive(Serialize)]
pub struct JsonClaim {
    pub printed: String,
    pub computed: String,
    pub rule: String,
    pub place: String,
}

#[derive(Serialize)]
pub struct JsonFix {
    pub start: usize,
    pub end: usize,
    pub line: usize,
    pub column: usize,
    pub end_line: usize,
    pub end_column: usize,
    pub replacement: String,
}

pub fn json_diagnostic(file: &str, src: &str, d: &Diagnostic, lang: Lang) -> JsonDiagnostic {
    json_with(file, src, &Lines::new(src), d, lang)
}

/// [`json_diagnostic`] for every diagnostic of one source (the line index
/// is built once: linear, whatever the number of diagnostics).
pub fn json_diagnostics(
    file: &str,
    src: &str,
    diags: &[Diagnostic],
    lang: Lang,
) -> Vec<JsonDiagnostic> {
    let lines = Lines::new(src);
    diags
        .iter()
        .map(|d| json_with(file, src, &lines, d, lang))
        .collect()
}

fn json_with(file: &str, src: &str, lines: &Lines, d: &Diagnostic, lang: Lang) -> JsonDiagnostic {
    let line_col = |o: usize| lines.line_col(src, o);
    let (line, column) = line_col(d.span.start);
    let (end_line, end_column) = line_col(d.span.end);
    JsonDiagnostic {
        code: d.code,
        severity: d.severity,
        message: d.message.get(lang).to_string(),
        file: file.to_string(),
        start: d.span.start,
        end: d.span.end,
        line,
        column,
        end_line,
        end_column,
        label: d.label.get(lang).to_string(),
        labels: d
            .related
            .iter()
            .map(|r| {
                let (line, column) = line_col(r.span.start);
                JsonLabel {
                    start: r.span.start,
                    end: r.span.end,
                    line,
                    column,
                    text: r.text.get(lang).to_string(),
                }
            })
            .collect(),
        help: d.help.as_ref().map(|h| h.get(lang).to_string()),
        fix: d.fix.as_ref().map(|f| {
            let (line, column) = line_col(f.span.start);
            let (end_line, end_column) = line_col(f.span.end);
            JsonFix {
                start: f.span.start,
                end: f.span.end,
                line,
                column,
                end_line,
                end_column,
                replacement: f.replacement.clone(),
            }
        }),
        claim: d.claim.as_ref().map(|c| JsonClaim {
            printed: c.printed.clone(),
            computed: c.computed.clone(),
            rule: c.rule.get(lang).to_string(),
            place: format!("{file}:{line}:{column}"),
        }),
    }
}
