//! Stage 2 — check: syntax tree → model, then the rules.
//!
//! * [`lower`] gives statements their meaning and builds the [`Budget`];
//! * [`derive`] computes every derived figure (trees, sums, totals);
//! * [`rules`] verifies stated totals and the arithmetic, cross-table and
//!   narrative rules (R, X, N of docs/RULES.md);
//! * [`facts`] reports a fact the narrative prints that the file lacks (N14);
//! * [`codes`] checks classification codes against the catalog (S1, S2);
//! * [`performance`] checks performance targets (P1, X11);
//! * [`prose`] checks the text itself (T1–T7: repeats, numbering, years,
//!   template leftovers, punctuation, brackets, wording).

pub mod claims;
pub mod codes;
pub mod cost_caps;
pub mod derive;
pub mod facts;
mod fullwidth;
pub mod lower;
pub mod narrative;
pub mod performance;
pub mod printed;
pub mod prose;
pub mod rules;

use crate::catalog::Catalog;
use crate::diagnostic::{self, Diagnostic, Span};
use crate::model::Budget;
use crate::syntax;

/// What the checker needs besides the text.
#[derive(Debug, Clone)]
pub struct Options {
    pub catalog: Catalog,
}

impl Default for Options {
    fn default() -> Options {
        Options {
            catalog: Catalog::builtin(),
        }
    }
}

/// The result of checking one source text.
#[derive(Debug, Clone)]
pub struct Checked {
    pub budget: Budget,
    /// Sorted by position.
    pub diagnostics: Vec<Diagnostic>,
}

impl Checked {
    pub fn has_errors(&self) -> bool {
        self.diagnostics.iter().any(Diagnostic::is_error)
    }
    pub fn error_count(&self) -> usize {
        self.diagnostics.iter().filter(|d| d.is_error()).count()
    }
    pub fn warning_count(&self) -> usize {
        self.diagnostics.len() - self.error_count()
    }
}

/// Parse and check a source text: every problem in one pass.
pub fn check_source(src: &str, options: &Options) -> Checked {
    check_tree(src, options).1
}

/// The top-level statements an error of the syntax or lowering stage fell in.
/// (Linear in the diagnostics: the statements are in order, found by binary
/// search, and the keys seen are a set — a file of 100 000 broken statements
/// must not cost their square.)
fn incomplete(file: &syntax::ast::File, diags: &[Diagnostic]) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let mut seen: std::collections::HashSet<String> = std::collections::HashSet::new();
    for d in diags.iter().filter(|d| {
        d.is_error() && !d.recovered && d.code.starts_with('L') && d.span != Span::default()
    }) {
        let at = file.stmts.partition_point(|s| s.span.start <= d.span.start);
        let key = at
            .checked_sub(1)
            .and_then(|i| file.stmts.get(i))
            .filter(|s| d.span.start < s.span.end.max(s.span.start + 1))
            .map(|s| s.keyword().unwrap_or("*").to_string())
            .unwrap_or_else(|| "*".to_string());
        if seen.insert(key.clone()) {
            out.push(key);
        }
    }
    out
}

/// [`check_source`], also returning the syntax tree (editors use both).
pub fn check_tree(src: &str, options: &Options) -> (syntax::ast::File, Checked) {
    check_parsed(syntax::parse(src), options)
}

/// Check an already parsed text (see [`syntax::parse_cached`]).
pub fn check_parsed(parsed: syntax::Parsed, options: &Options) -> (syntax::ast::File, Checked) {
    if parsed.fatal {
        return (
            parsed.file,
            Checked {
                budget: Budget::default(),
                diagnostics: parsed.diagnostics,
            },
        );
    }
    let (mut budget, mut diagnostics) = run(&parsed.file, parsed.diagnostics.clone(), options);
    // L016: a full-width space inside a name (see `fullwidth`)
    let gaps = fullwidth::touched(&parsed.fullwidth_gaps, &diagnostics);
    if !gaps.is_empty() {
        let joined = fullwidth::joined(&parsed.file, &gaps);
        let (b2, d2) = run(&joined, parsed.diagnostics, options);
        if fullwidth::resolved(&gaps, &d2) {
            budget = b2;
            diagnostics = d2;
            for g in &gaps {
                if let Some((a, b)) = fullwidth::words(&parsed.file, g) {
                    diagnostics.push(fullwidth::diagnostic(g, &a, &b));
                }
            }
            diagnostic::sort(&mut diagnostics);
        }
    }
    (
        parsed.file,
        Checked {
            budget,
            diagnostics,
        },
    )
}

/// Lower, derive and check a tree, after the syntax stage's diagnostics.
fn run(
    file: &syntax::ast::File,
    mut diagnostics: Vec<Diagnostic>,
    options: &Options,
) -> (Budget, Vec<Diagnostic>) {
    let mut budget = lower::lower(file, &mut diagnostics);
    budget.incomplete = incomplete(file, &diagnostics);
    budget.derived = derive::derive(&budget, &options.catalog);
    codes::check(&budget, &options.catalog, &mut diagnostics);
    rules::check(&budget, &mut diagnostics);
    facts::check(&budget, &mut diagnostics);
    performance::check(&budget, &mut diagnostics);
    cost_caps::check(&budget, &mut diagnostics);
    prose::check(file, budget.year, budget.unit_document, &mut diagnostics);
    printed::check(file, &budget, &options.catalog, &mut diagnostics);
    narrative::check(file, &budget, &mut diagnostics);
    diagnostic::sort(&mut diagnostics);
    diagnostics.dedup();
    (budget, diagnostics)
}
