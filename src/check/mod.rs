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
pub(crate) mod names;
pub mod narrative;
mod notes;
pub mod performance;
pub mod printed;
pub mod prose;
pub mod rules;
mod unit_counts;
mod units;
mod years;

use crate::catalog::Catalog;
use crate::diagnostic::{self, Diagnostic, Span};
use crate::files::{LinkedFile, Linker, NoSources, Sources};
use crate::model::{Budget, Incomplete, Section};
use crate::schema;
use crate::syntax;
use std::path::{Path, PathBuf};

/// What the checker needs besides the text.
#[derive(Debug, Clone)]
pub struct Options {
    pub catalog: Catalog,
    /// Folders besides the project folder that files named by a file may be
    /// read from (the CLI's `--allow-path DIR`); see [`crate::files`].
    pub allowed: Vec<PathBuf>,
    /// The profile's checker data when the caller loaded the profile itself
    /// (`--profile DIR`); else a file's `口径` names a compiled-in one.
    pub profile: Option<std::sync::Arc<crate::profiles::ProfileData>>,
}

impl Default for Options {
    fn default() -> Options {
        Options {
            catalog: Catalog::builtin(),
            allowed: Vec::new(),
            profile: None,
        }
    }
}

/// The result of checking one source text.
#[derive(Debug, Clone, Default)]
pub struct Checked {
    pub budget: Budget,
    /// This file's diagnostics, sorted by position.
    pub diagnostics: Vec<Diagnostic>,
    /// The files it names (last year's, …), each with its own model and
    /// diagnostics, in the order they were named; empty for one text alone.
    pub files: Vec<LinkedFile>,
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
    /// A linked file by id.
    pub fn file(&self, id: crate::files::FileId) -> Option<&LinkedFile> {
        self.files.iter().find(|f| f.id == id)
    }
}

/// Parse and check a source text: every problem in one pass. It reads no
/// other file: a statement naming one is F002 (use [`check_file`]).
pub fn check_source(src: &str, options: &Options) -> Checked {
    check_tree(src, options).1
}

/// Check the text `src` of the file at `path`, reading the files it names
/// through `sources` (see [`crate::files`]): the result holds each linked
/// file with its own diagnostics.
pub fn check_file(path: &Path, src: &str, options: &Options, sources: &dyn Sources) -> Checked {
    check_file_tree(path, syntax::parse(src), options, sources).1
}

/// [`check_file`] of an already parsed text, also returning the tree.
pub fn check_file_tree(
    path: &Path,
    parsed: syntax::Parsed,
    options: &Options,
    sources: &dyn Sources,
) -> (syntax::ast::File, Checked) {
    let mut linker = Linker::new(path, &options.allowed, sources);
    let (tree, mut checked) = check_with(parsed, options, &mut linker);
    checked.files = linker.into_files();
    (tree, checked)
}

/// Check a file a [`Linker`] read (its own links go to the same linker).
pub(crate) fn check_linked(src: &str, options: &Options, linker: &mut Linker) -> Checked {
    check_with(syntax::parse(src), options, linker).1
}

/// The top-level statements an error of the syntax or lowering stage fell in.
/// (Linear in the diagnostics: the statements are in order, found by binary
/// search — a file of 100 000 broken statements must not cost their square.)
fn incomplete(file: &syntax::ast::File, diags: &[Diagnostic]) -> Incomplete {
    let mut out = Incomplete::default();
    for d in diags.iter().filter(|d| {
        d.is_error()
            && !d.recovered
            && d.code.as_str().starts_with('L')
            && d.span != Span::default()
    }) {
        let at = file.stmts.partition_point(|s| s.span.start <= d.span.start);
        let keyword = at
            .checked_sub(1)
            .and_then(|i| file.stmts.get(i))
            .filter(|s| d.span.start < s.span.end.max(s.span.start + 1))
            .and_then(|s| s.keyword());
        let Some(word) = keyword else {
            out.unknown = true;
            continue;
        };
        // a keyword of its own spelling is its key's (unknown ones open no section)
        let canonical = schema::find(schema::Place::Top, word).map_or(word, |k| k.word);
        if let Some(s) = Section::of_keyword(canonical) {
            if !out.sections.contains(&s) {
                out.sections.push(s);
            }
        }
    }
    out
}

/// [`check_source`], also returning the syntax tree (editors use both).
pub fn check_tree(src: &str, options: &Options) -> (syntax::ast::File, Checked) {
    check_parsed(syntax::parse(src), options)
}

/// Check an already parsed text (see [`syntax::parse_cached`]); it reads no
/// other file.
pub fn check_parsed(parsed: syntax::Parsed, options: &Options) -> (syntax::ast::File, Checked) {
    let mut linker = Linker::new(Path::new(""), &[], &NoSources);
    check_with(parsed, options, &mut linker)
}

fn check_with(
    parsed: syntax::Parsed,
    options: &Options,
    linker: &mut Linker,
) -> (syntax::ast::File, Checked) {
    if parsed.fatal {
        return (
            parsed.file,
            Checked {
                diagnostics: parsed.diagnostics,
                ..Checked::default()
            },
        );
    }
    let (mut budget, mut diagnostics) =
        run(&parsed.file, parsed.diagnostics.clone(), options, linker);
    // L016: a full-width space inside a name (see `fullwidth`)
    let gaps = fullwidth::touched(&parsed.fullwidth_gaps, &diagnostics);
    if !gaps.is_empty() {
        let joined = fullwidth::joined(&parsed.file, &gaps);
        let (b2, d2) = run(&joined, parsed.diagnostics, options, linker);
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
            files: Vec::new(),
        },
    )
}

/// Lower, derive and check a tree, after the syntax stage's diagnostics.
fn run(
    file: &syntax::ast::File,
    mut diagnostics: Vec<Diagnostic>,
    options: &Options,
    linker: &mut Linker,
) -> (Budget, Vec<Diagnostic>) {
    let mut budget = lower::lower(file, &mut diagnostics);
    budget.profile_data = options.profile.clone();
    budget.incomplete = incomplete(file, &diagnostics);
    budget.derived = derive::derive(&budget, &options.catalog);
    years::link(&mut budget, options, linker, &mut diagnostics);
    units::link(&mut budget, options, linker, &mut diagnostics);
    units::unstated_kinds(&budget, &mut diagnostics);
    codes::check(&budget, &options.catalog, &mut diagnostics);
    rules::check(&budget, &mut diagnostics);
    facts::check(&budget, &mut diagnostics);
    performance::check(&budget, &mut diagnostics);
    cost_caps::check(&budget, &mut diagnostics);
    notes::check(&budget, &mut diagnostics);
    prose::check(file, budget.year, budget.unit_document, &mut diagnostics);
    names::check(file, &budget, &mut diagnostics);
    unit_counts::check(file, &mut diagnostics);
    printed::check(file, &budget, &options.catalog, &mut diagnostics);
    narrative::check(file, &budget, &mut diagnostics);
    diagnostic::sort(&mut diagnostics);
    diagnostics.dedup();
    (budget, diagnostics)
}
