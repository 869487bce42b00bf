//! Shared pieces of the commands: usage errors, set-up, loading a file.

use budget::catalog::Catalog;
use budget::diagnostic::{Diagnostic, Lang};
use budget::{check_source, syntax, Checked, Options};
use std::path::{Path, PathBuf};

pub mod build;
pub mod check;
pub mod diff;
pub mod explain;
pub mod fmt;
pub mod import;
pub mod lsp;
pub mod pdf;
pub mod profile;
pub mod xlsx;

pub fn usage(msg: &str) -> u8 {
    eprintln!("budget: {msg}");
    2
}

pub fn with_setup(lang: &str, catalogs: &[PathBuf], f: impl FnOnce(Lang, &Options) -> u8) -> u8 {
    let Some(lang) = Lang::parse(lang) else {
        return usage(&format!("unknown --lang `{lang}` (zh or en)"));
    };
    let mut catalog = Catalog::builtin();
    for path in catalogs {
        let text = match std::fs::read_to_string(path) {
            Ok(t) => t,
            Err(e) => return usage(&format!("cannot read catalog {}: {e}", path.display())),
        };
        if let Err(errors) = catalog.extend_from_user_csv(&text) {
            for e in errors {
                eprintln!("{}: {e}", path.display());
            }
            return 2;
        }
    }
    f(lang, &Options { catalog })
}

/// Read and check one file. `Err` is an IO problem (exit 2).
pub fn load(path: &Path, opts: &Options) -> Result<(String, Checked), String> {
    if is_importable(path) {
        return Ok(load_imported(path, opts));
    }
    let bytes = std::fs::read(path).map_err(|e| format!("cannot read {}: {e}", path.display()))?;
    match syntax::decode(&bytes) {
        Ok(text) => Ok((text.to_string(), check_source(text, opts))),
        Err(d) => {
            let lossy =
                String::from_utf8_lossy(&bytes[..d.span.start.min(bytes.len())]).into_owned();
            Ok((
                lossy,
                Checked {
                    budget: Default::default(),
                    diagnostics: vec![Diagnostic {
                        span: budget::diagnostic::Span::new(d.span.start, d.span.start),
                        ..*d
                    }],
                },
            ))
        }
    }
}

/// A published document (`.pdf`, `.xlsx`) that `budget check` imports in memory.
pub fn is_importable(path: &Path) -> bool {
    path.extension()
        .map(|e| e.to_string_lossy().to_lowercase())
        .is_some_and(|e| e == "pdf" || e == "xlsx")
}

/// Import and check: the generated text with its check diagnostics, then
/// the import's own (their spans point into the extracted text, so they are
/// placed at the start; their messages name the page and table).
fn load_imported(path: &Path, opts: &Options) -> (String, Checked) {
    let (text, imported) = import::import_file(path, None, &opts.catalog);
    match imported.budget {
        Some(src) => {
            let mut checked = check_source(&src, opts);
            checked
                .diagnostics
                .extend(imported.diagnostics.into_iter().map(|d| Diagnostic {
                    span: budget::diagnostic::Span::new(0, 0),
                    ..d
                }));
            (src, checked)
        }
        None => (
            text,
            Checked {
                budget: Default::default(),
                diagnostics: imported.diagnostics,
            },
        ),
    }
}
