//! Diagnostics: what every stage reports.
//!
//! A [`Diagnostic`] has a stable code (see [`crate::explain`]), a severity, a
//! message, a primary span with its label, related spans, and a help text
//! that says how to fix it. Every text exists in Chinese (the default) and
//! English; the adapter picks one with [`Lang`].

pub use crate::code::Code;
use serde::{Deserialize, Serialize};
use std::borrow::Cow;

/// A byte range in the source text.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize, PartialOrd, Ord,
)]
pub struct Span {
    pub start: usize,
    pub end: usize,
}

impl Span {
    pub fn new(start: usize, end: usize) -> Span {
        Span { start, end }
    }
    pub fn len(&self) -> usize {
        self.end.saturating_sub(self.start)
    }
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
    /// The smallest span covering both.
    pub fn join(self, other: Span) -> Span {
        Span::new(self.start.min(other.start), self.end.max(other.end))
    }
    pub fn shift(self, by: usize) -> Span {
        Span::new(self.start + by, self.end + by)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, PartialOrd, Ord)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Error,
    Warning,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Lang {
    #[default]
    Zh,
    En,
}

impl Lang {
    pub fn parse(s: &str) -> Option<Lang> {
        match s {
            "zh" | "zh-CN" | "zh_CN" | "cn" => Some(Lang::Zh),
            "en" | "en-US" | "en_US" => Some(Lang::En),
            _ => None,
        }
    }
}

/// A text in both languages. Most are written in the code as they are
/// (labels, helps, the names of figures): those are kept as the literals
/// themselves, not copied.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Text {
    pub zh: Cow<'static, str>,
    pub en: Cow<'static, str>,
}

impl Text {
    pub fn new(zh: impl Into<Cow<'static, str>>, en: impl Into<Cow<'static, str>>) -> Text {
        Text {
            zh: zh.into(),
            en: en.into(),
        }
    }
    pub fn get(&self, lang: Lang) -> &str {
        match lang {
            Lang::Zh => &self.zh,
            Lang::En => &self.en,
        }
    }
}

/// Build a [`Text`]: `t!("合计 {}", "total {}", x)` (shared arguments) or
/// `t!("{}的合计", a; "the total of {}", b)` (separate arguments).
#[macro_export]
macro_rules! t {
    ($zh:literal $(, $za:expr)* ; $en:literal $(, $ea:expr)* $(,)?) => {
        $crate::diagnostic::Text::new(format!($zh $(, $za)*), format!($en $(, $ea)*))
    };
    ($zh:literal, $en:literal $(,)?) => {
        $crate::diagnostic::Text::new(format!($zh), format!($en))
    };
    ($zh:literal, $en:literal, $($arg:expr),+ $(,)?) => {
        $crate::diagnostic::Text::new(format!($zh, $($arg),+), format!($en, $($arg),+))
    };
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Label {
    pub span: Span,
    pub text: Text,
}

/// A machine-applicable fix: replace `span` with `replacement` (an empty
/// span inserts). Editors offer it as a quick fix.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Fix {
    pub span: Span,
    pub replacement: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Diagnostic {
    pub code: Code,
    pub severity: Severity,
    pub message: Text,
    pub span: Span,
    pub label: Text,
    pub related: Vec<Label>,
    pub help: Option<Text>,
    /// The edit that resolves it, when the checker knows one.
    pub fix: Option<Fix>,
    /// The checker went on as if `fix` were applied (an amount read in ASCII,
    /// a string closed at its line's end): nothing was dropped, so nothing
    /// that depends on it is held back.
    #[serde(skip)]
    pub recovered: bool,
    /// For a claim that is wrong: what was printed, what the figures give,
    /// and the rule that computes it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub claim: Option<ClaimReport>,
}

/// The printed and the computed figure of a wrong claim, and the rule.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ClaimReport {
    /// As printed: `78.23%`.
    pub printed: String,
    /// From the figures: `77.22%` (and from the printed figures, when different).
    pub computed: String,
    /// How it is computed: `公开项目金额 ÷ 项目支出 × 100`.
    pub rule: Text,
}

impl Diagnostic {
    pub fn error(code: Code, span: Span, message: Text) -> Diagnostic {
        Diagnostic::new(code, Severity::Error, span, message)
    }
    pub fn warning(code: Code, span: Span, message: Text) -> Diagnostic {
        Diagnostic::new(code, Severity::Warning, span, message)
    }
    pub fn new(code: Code, severity: Severity, span: Span, message: Text) -> Diagnostic {
        Diagnostic {
            code,
            severity,
            label: Text::new("此处", "here"),
            message,
            span,
            related: Vec::new(),
            help: None,
            fix: None,
            recovered: false,
            claim: None,
        }
    }
    pub fn label(mut self, text: Text) -> Diagnostic {
        self.label = text;
        self
    }
    pub fn related(mut self, span: Span, text: Text) -> Diagnostic {
        self.related.push(Label { span, text });
        self
    }
    pub fn help(mut self, text: Text) -> Diagnostic {
        self.help = Some(text);
        self
    }
    /// Attach a fix: replace `span` with `replacement`.
    pub fn fix(mut self, span: Span, replacement: impl Into<String>) -> Diagnostic {
        self.fix = Some(Fix {
            span,
            replacement: replacement.into(),
        });
        self
    }
    /// Attach what a wrong claim printed and what the figures give.
    pub fn claim(mut self, report: ClaimReport) -> Diagnostic {
        self.claim = Some(report);
        self
    }
    /// Mark it [`Diagnostic::recovered`].
    pub fn recovered(mut self) -> Diagnostic {
        self.recovered = true;
        self
    }
    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
}

/// Sort by position, errors before warnings at the same place, then code.
pub fn sort(diags: &mut [Diagnostic]) {
    diags.sort_by(|a, b| {
        (a.span.start, a.span.end, a.severity, a.code).cmp(&(
            b.span.start,
            b.span.end,
            b.severity,
            b.code,
        ))
    });
}

/// 1-based line and column (in characters) of a byte offset.
pub fn line_col(src: &str, offset: usize) -> (usize, usize) {
    let offset = floor_char_boundary(src, offset.min(src.len()));
    let before = &src[..offset];
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map(|i| i + 1).unwrap_or(0);
    let col = before[line_start..].chars().count() + 1;
    (line, col)
}

/// The largest char boundary not after `i`.
pub fn floor_char_boundary(s: &str, mut i: usize) -> usize {
    if i >= s.len() {
        return s.len();
    }
    while !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}
