//! Stage 2 — check: syntax tree → model, then the rules.
//!
//! * [`lower`] gives statements their meaning and builds the [`Budget`];
//! * [`derive`] computes every derived figure (trees, sums, totals);
//! * [`rules`] verifies stated totals and the arithmetic, cross-table and
//!   narrative rules (R, X, N of docs/RULES.md);
//! * [`codes`] checks classification codes against the catalog (S1, S2);
//! * [`performance`] checks performance targets (P1, X11).

pub mod codes;
pub mod derive;
pub mod lower;
pub mod performance;
pub mod rules;

use crate::catalog::Catalog;
use crate::diagnostic::{self, Diagnostic};
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
    let parsed = syntax::parse(src);
    let mut diagnostics = parsed.diagnostics;
    if parsed.fatal {
        return Checked {
            budget: Budget::default(),
            diagnostics,
        };
    }
    let mut budget = lower::lower(&parsed.file, &mut diagnostics);
    budget.derived = derive::derive(&budget, &options.catalog);
    codes::check(&budget, &options.catalog, &mut diagnostics);
    rules::check(&budget, &mut diagnostics);
    performance::check(&budget, &mut diagnostics);
    diagnostic::sort(&mut diagnostics);
    diagnostics.dedup();
    Checked {
        budget,
        diagnostics,
    }
}
