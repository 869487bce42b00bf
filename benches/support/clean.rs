//! Whether a generated department checks clean, and what `budget check`
//! reports when it does not: shared by `tests/corpus.rs` and the corpus
//! benchmark (`benches/corpus.rs`), each of which includes this file with
//! `#[path = "…/benches/support/clean.rs"] mod clean;` (the generator,
//! `corpus.rs`, is also compiled inside the library, which cannot name
//! `budget`).
#![allow(dead_code)]

use budget::diagnostic::{Diagnostic, Lang};

/// What checking a department found, as `budget check` reports it (in
/// English): its name, how many diagnostics, and each with its source
/// line.
pub fn report(name: &str, src: &str, diagnostics: &[Diagnostic]) -> String {
    format!(
        "{name}: {} diagnostics:\n{}",
        diagnostics.len(),
        budget::report::human(name, src, diagnostics, Lang::En, false)
    )
}

/// The [`report`] of `src` when it has any diagnostic at all (every
/// generated department should have none), `None` when it checks clean.
pub fn check(name: &str, src: &str) -> Option<String> {
    let checked = budget::check_source(src, &budget::Options::default());
    (!checked.diagnostics.is_empty()).then(|| report(name, src, &checked.diagnostics))
}
