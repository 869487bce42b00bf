//! Shared pieces of the commands: usage errors, set-up, loading a file.

use budget::catalog::Catalog;
use budget::diagnostic::{Diagnostic, Lang};
use budget::{check_file, check_source, syntax, Checked, Options};
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

pub fn with_setup(
    lang: &str,
    catalogs: &[PathBuf],
    allow: &[PathBuf],
    f: impl FnOnce(Lang, &Options) -> u8,
) -> u8 {
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
    let mut allowed = Vec::new();
    for dir in allow {
        match std::fs::canonicalize(dir) {
            Ok(d) if d.is_dir() => allowed.push(d),
            Ok(_) => return usage(&format!("--allow-path {}: not a folder", dir.display())),
            Err(e) => return usage(&format!("--allow-path {}: {e}", dir.display())),
        }
    }
    let profile = None;
    f(
        lang,
        &Options {
            catalog,
            allowed,
            profile,
        },
    )
}

/// The project folder of a file besides its own folder: the root of the git
/// repository it is in. A department keeps its years side by side in one
/// repository (`2025/x.budget` names `../2024/x.budget`, a department's file
/// names `units/y.budget`); a file received by mail and saved outside any
/// repository reads nothing beyond its own folder.
pub fn repository_root(file: &Path) -> Option<PathBuf> {
    let real = std::fs::canonicalize(file).ok()?;
    real.parent()?
        .ancestors()
        .find(|d| d.join(".git").exists())
        .map(Path::to_path_buf)
}

/// `opts` with the file's repository (see [`repository_root`]) allowed.
pub fn in_project(file: &Path, opts: &Options) -> Options {
    let mut opts = opts.clone();
    if let Some(root) = repository_root(file) {
        if !opts.allowed.contains(&root) {
            opts.allowed.push(root);
        }
    }
    opts
}

/// The disk, as the files a checked file names see it: a path the library
/// allowed is read only if, symbolic links followed, it is still inside the
/// project folder or an allowed one.
pub struct Disk {
    roots: Vec<PathBuf>,
}

impl Disk {
    /// `main`: the file checked (its folder is the project folder).
    pub fn new(main: &Path, opts: &Options) -> Disk {
        let folder = main.parent().filter(|p| !p.as_os_str().is_empty());
        let folder = folder.unwrap_or(Path::new("."));
        let mut roots: Vec<PathBuf> = std::fs::canonicalize(folder).into_iter().collect();
        roots.extend(opts.allowed.iter().cloned());
        Disk { roots }
    }
}

impl budget::files::Sources for Disk {
    fn read(&self, path: &Path) -> Result<String, String> {
        let real = std::fs::canonicalize(path).map_err(|e| e.to_string())?;
        if !self.roots.iter().any(|r| real.starts_with(r)) {
            return Err(format!(
                "{} 经符号链接指向允许的文件夹之外 (a symbolic link leads outside the allowed folders)",
                path.display()
            ));
        }
        let bytes = std::fs::read(&real).map_err(|e| e.to_string())?;
        match syntax::decode(&bytes) {
            Ok(text) => Ok(text.to_string()),
            Err(_) => Err("不是 UTF-8 文本 (not UTF-8 text)".to_string()),
        }
    }
}

/// How a linked file's path is shown: relative to the current folder when
/// it is inside it.
pub fn shown_path(path: &Path) -> String {
    let cwd = std::env::current_dir()
        .ok()
        .and_then(|d| std::fs::canonicalize(d).ok());
    match cwd.as_deref().and_then(|d| path.strip_prefix(d).ok()) {
        Some(rel) => rel.display().to_string(),
        None => path.display().to_string(),
    }
}

/// The path as the library resolves names against it: absolute, so that
/// the allowed folders (canonical) compare with it.
fn absolute(path: &Path) -> PathBuf {
    std::fs::canonicalize(path)
        .or_else(|_| std::path::absolute(path))
        .unwrap_or_else(|_| path.to_path_buf())
}

/// Read and check one file. `Err` is an IO problem (exit 2).
pub fn load(path: &Path, opts: &Options) -> Result<(String, Checked), String> {
    if is_importable(path) {
        return Ok(load_imported(path, opts));
    }
    let bytes = std::fs::read(path).map_err(|e| format!("cannot read {}: {e}", path.display()))?;
    match syntax::decode(&bytes) {
        Ok(text) => {
            let opts = &in_project(path, opts);
            let disk = Disk::new(path, opts);
            let checked = check_file(&absolute(path), text, opts, &disk);
            Ok((text.to_string(), checked))
        }
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
                    files: Vec::new(),
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
                files: Vec::new(),
            },
        ),
    }
}
