//! Diagnostics as text: miette's graphical report, or JSON. Pure: returns
//! strings; the adapters print them.

use crate::diagnostic::{line_col, Diagnostic, Lang, Severity};
use miette::{GraphicalReportHandler, GraphicalTheme, LabeledSpan, NamedSource, SourceSpan};
use serde::Serialize;
use std::fmt;

struct Wrapped<'a> {
    d: &'a Diagnostic,
    lang: Lang,
    src: &'a NamedSource<String>,
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
    let e = crate::diagnostic::floor_char_boundary(src, end.max(s));
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
        let text = self.src.inner();
        let mut v = vec![LabeledSpan::new_primary_with_span(
            Some(self.d.label.get(self.lang).to_string()),
            clamp(text, self.d.span.start, self.d.span.end),
        )];
        for r in &self.d.related {
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
    let named = NamedSource::new(file, src.to_string()).with_language("budget");
    let theme = if color {
        GraphicalTheme::unicode()
    } else {
        GraphicalTheme::unicode_nocolor()
    };
    let handler = GraphicalReportHandler::new_themed(theme).with_width(100);
    let mut out = String::new();
    for d in diags {
        let w = Wrapped {
            d,
            lang,
            src: &named,
        };
        if handler.render_report(&mut out, &w).is_err() {
            out.push_str(&format!("{}: {}\n", d.code, d.message.get(lang)));
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
    pub code: &'static str,
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
}

pub fn json_diagnostic(file: &str, src: &str, d: &Diagnostic, lang: Lang) -> JsonDiagnostic {
    let (line, column) = line_col(src, d.span.start);
    let (end_line, end_column) = line_col(src, d.span.end);
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
                let (line, column) = line_col(src, r.span.start);
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
    }
}
