//! Files naming files: last year's file (`上年 文件 "…"`), a unit's file.
//!
//! The library reads no file. A statement that names a file asks a
//! [`Linker`], which
//! 1. resolves the name against the naming file's folder (lexically: `.` and
//!    `..` are folded, nothing touches the disk);
//! 2. refuses an absolute path, or one leaving the project folder (the folder
//!    of the file the check started from), unless it lies under one of
//!    [`crate::Options::allowed`] (the CLI's `--allow-path DIR`): **F001**;
//! 3. refuses a file already being checked (a cycle of files, **F003**) or
//!    one another statement already named (**F004**);
//! 4. reads it through the adapter's [`Sources`]: a missing or unreadable
//!    file is **F002**;
//! 5. checks it (it may name files in turn) and keeps the result as a
//!    [`LinkedFile`], with its own diagnostics: a diagnostic belongs to the
//!    file whose list holds it ([`crate::Checked::diagnostics`] for the file
//!    checked, [`LinkedFile::checked`] for each linked one).
//!
//! Every refusal is a diagnostic at the string that names the file, in the
//! naming file. A statement that names a file calls [`Linker::check`] and
//! reads the linked model through [`Linker::get`]:
//!
//! ```ignore
//! match linker.check(from, "units/x.budget", span, options) {
//!     Ok(id) => { let unit = &linker.get(id).checked.budget; /* … */ }
//!     Err(d) => diags.push(*d),
//! }
//! ```

use crate::check::{Checked, Options};
use crate::diagnostic::{Code, Diagnostic, Span, Text};
use crate::t;
use std::path::{Component, Path, PathBuf};

/// How the library reads a file another file names: the CLI reads the disk,
/// the language server its open documents first. `Err` is a message for the
/// user (the OS error). Any `Fn(&Path) -> Result<String, String>` is one.
pub trait Sources {
    fn read(&self, path: &Path) -> Result<String, String>;
}

impl<F: Fn(&Path) -> Result<String, String>> Sources for F {
    fn read(&self, path: &Path) -> Result<String, String> {
        self(path)
    }
}

/// Reads nothing: [`crate::check_source`] checks one text alone.
pub struct NoSources;

impl Sources for NoSources {
    fn read(&self, _: &Path) -> Result<String, String> {
        Err("这里不读取其他文件 (this check reads no other file)".to_string())
    }
}

/// Which file of a check: [`FileId::MAIN`] is the file the check started
/// from, each linked file gets the next number.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
pub struct FileId(pub usize);

impl FileId {
    pub const MAIN: FileId = FileId(0);
}

/// A file named by another, checked.
#[derive(Debug, Clone)]
pub struct LinkedFile {
    pub id: FileId,
    /// As resolved (the naming file's folder joined with the name, folded).
    pub path: PathBuf,
    pub source: String,
    /// The file and the span of the string that named it.
    pub named_by: (FileId, Span),
    /// Its model and its own diagnostics (its own links are in the
    /// [`Linker`], not in `checked.files`).
    pub checked: Checked,
}

/// Most files one check may read (a chain of years, a department's units).
pub const MAX_FILES: usize = 256;
/// Most files being checked at once (a file naming a file naming …): each
/// level is a nested check, so the depth is bounded as the syntax's is.
pub const MAX_DEPTH: usize = 32;

/// The files of one check: resolves, refuses, reads and checks the files
/// statements name. See the module documentation.
pub struct Linker<'s> {
    sources: &'s dyn Sources,
    /// The project folder, then the allowed ones (folded).
    roots: Vec<PathBuf>,
    /// Path of each file by id (0: the main file).
    paths: Vec<PathBuf>,
    /// The files being checked, outermost first.
    stack: Vec<FileId>,
    files: Vec<LinkedFile>,
}

impl<'s> Linker<'s> {
    /// `main`: the path of the file the check starts from; its folder is the
    /// project folder. `allowed`: further folders files may be read from.
    pub fn new(main: &Path, allowed: &[PathBuf], sources: &'s dyn Sources) -> Linker<'s> {
        let main = fold(main);
        let mut roots = vec![main.parent().map(Path::to_path_buf).unwrap_or_default()];
        roots.extend(allowed.iter().map(|p| fold(p)));
        Linker {
            sources,
            roots,
            paths: vec![main],
            stack: vec![FileId::MAIN],
            files: Vec::new(),
        }
    }

    /// The file a statement of the file being checked is in.
    pub fn current(&self) -> FileId {
        self.stack.last().copied().unwrap_or(FileId::MAIN)
    }

    pub fn path(&self, id: FileId) -> Option<&Path> {
        self.paths.get(id.0).map(PathBuf::as_path)
    }

    /// A linked file (never the main one).
    pub fn get(&self, id: FileId) -> Option<&LinkedFile> {
        self.files.iter().find(|f| f.id == id)
    }

    /// Every linked file, in the order they were named (a file before the
    /// files it names).
    pub fn into_files(mut self) -> Vec<LinkedFile> {
        self.files.sort_by_key(|f| f.id);
        self.files
    }

    /// Each file's path relative to the project folder (as messages show it).
    fn shown_paths(&self) -> Vec<PathBuf> {
        let root = self.roots.first().cloned().unwrap_or_default();
        self.paths.iter().map(|p| relative(p, &root)).collect()
    }

    /// Where `name`, written in file `from`, leads: refused (F001) if
    /// absolute or outside the project and the allowed folders.
    pub fn resolve(
        &self,
        from: FileId,
        name: &str,
        span: Span,
    ) -> Result<PathBuf, Box<Diagnostic>> {
        let named = Path::new(name);
        if name.trim().is_empty() {
            return Err(refused(span, name, Refusal::Empty));
        }
        let absolute = named.is_absolute() || name.starts_with(['/', '\\']) || has_drive(name);
        let base = self
            .path(from)
            .and_then(Path::parent)
            .map(Path::to_path_buf)
            .unwrap_or_default();
        let path = if absolute {
            fold(named)
        } else {
            fold(&base.join(named))
        };
        let inside = |root: &PathBuf| !escapes(&path, root) && path.starts_with(root);
        let allowed = if absolute {
            self.roots.iter().skip(1).any(inside)
        } else {
            self.roots.iter().any(inside)
        };
        if !allowed {
            let why = if absolute {
                Refusal::Absolute
            } else {
                Refusal::Outside
            };
            return Err(refused(span, name, why));
        }
        Ok(path)
    }

    /// Resolve, refuse, read and check the file `name` names (written at
    /// `span` in file `from`); the result is kept, read it with [`Linker::get`].
    pub fn check(
        &mut self,
        from: FileId,
        name: &str,
        span: Span,
        options: &Options,
    ) -> Result<FileId, Box<Diagnostic>> {
        let path = self.resolve(from, name, span)?;
        if let Some(i) = self.paths.iter().position(|p| *p == path) {
            let id = FileId(i);
            if self.stack.contains(&id) {
                return Err(cycle(span, name, &self.shown_paths(), &self.stack, id));
            }
            if let Some(f) = self.files.iter().find(|f| f.id == id) {
                if f.named_by == (from, span) {
                    return Ok(id); // the same statement, checked again
                }
                return Err(twice(span, name, f.named_by));
            }
        }
        if self.paths.len() > MAX_FILES || self.stack.len() > MAX_DEPTH {
            let why = format!(
                "超过 {MAX_FILES} 个文件或 {MAX_DEPTH} 层 (more than {MAX_FILES} files or {MAX_DEPTH} levels)"
            );
            return Err(unreadable(span, name, &why));
        }
        let source = self
            .sources
            .read(&path)
            .map_err(|e| unreadable(span, name, &e))?;
        let id = FileId(self.paths.len());
        self.paths.push(path.clone());
        self.stack.push(id);
        let checked = crate::check::check_linked(&source, options, self);
        self.stack.pop();
        self.files.push(LinkedFile {
            id,
            path,
            source,
            named_by: (from, span),
            checked,
        });
        Ok(id)
    }
}

/// Fold `.` and `..` without touching the disk (`..` above the start is kept).
pub fn fold(path: &Path) -> PathBuf {
    let mut out: Vec<Component> = Vec::new();
    for c in path.components() {
        match c {
            Component::CurDir => {}
            Component::ParentDir => match out.last() {
                Some(Component::Normal(_)) => {
                    out.pop();
                }
                Some(Component::RootDir | Component::Prefix(_)) => {}
                _ => out.push(c),
            },
            _ => out.push(c),
        }
    }
    out.iter().collect()
}

/// `path` as seen from the folder `from` (both folded): `../2024/x.budget`.
pub fn relative(path: &Path, from: &Path) -> PathBuf {
    let a: Vec<Component> = path.components().collect();
    let b: Vec<Component> = from.components().collect();
    let common = a.iter().zip(&b).take_while(|(x, y)| x == y).count();
    let mut out = PathBuf::new();
    for _ in common..b.len() {
        out.push("..");
    }
    for c in &a[common..] {
        out.push(c);
    }
    out
}

/// A folded path that climbs above a folded root (`../x` against ``).
fn escapes(path: &Path, root: &Path) -> bool {
    let ups = |p: &Path| {
        p.components()
            .take_while(|c| *c == Component::ParentDir)
            .count()
    };
    ups(path) > ups(root)
}

/// `C:…` (a Windows drive), absolute on Windows, refused everywhere.
fn has_drive(name: &str) -> bool {
    let b = name.as_bytes();
    b.len() >= 2 && b[0].is_ascii_alphabetic() && b[1] == b':'
}

enum Refusal {
    Empty,
    Absolute,
    Outside,
}

fn refused(span: Span, name: &str, why: Refusal) -> Box<Diagnostic> {
    Box::new({
        let (message, label) = match why {
            Refusal::Empty => (
                Text::new("文件名为空", "the file name is empty"),
                Text::new("空的文件名", "an empty file name"),
            ),
            Refusal::Absolute => (
                t!(
                    "不读取绝对路径“{name}”",
                    "the absolute path `{name}` is not read"
                ),
                Text::new("绝对路径", "an absolute path"),
            ),
            Refusal::Outside => (
                t!(
                    "“{name}”在项目文件夹之外，不读取",
                    "`{name}` is outside the project folder and is not read"
                ),
                Text::new("项目文件夹之外的路径", "a path outside the project folder"),
            ),
        };
        Diagnostic::error(Code::F001, span, message)
        .label(label)
        .help(Text::new(
            "写相对于本文件所在文件夹的路径，且不离开检查开始的文件所在的文件夹；确需读取其他文件夹时，用 --allow-path 文件夹 允许",
            "write a path relative to this file's folder that stays inside the folder of the file the check started from; to read another folder, allow it with --allow-path DIR",
        ))
    })
}

fn unreadable(span: Span, name: &str, why: &str) -> Box<Diagnostic> {
    Box::new({
        Diagnostic::error(
        Code::F002,
        span,
        t!("无法读取“{name}”：{why}", "cannot read `{name}`: {why}"),
    )
    .label(Text::new("读不到的文件", "a file that cannot be read"))
    .help(Text::new(
        "检查路径（相对于本文件所在的文件夹）与文件是否存在、是否可读",
        "check the path (relative to this file's folder) and that the file exists and is readable",
    ))
    })
}

fn cycle(
    span: Span,
    name: &str,
    paths: &[PathBuf],
    stack: &[FileId],
    id: FileId,
) -> Box<Diagnostic> {
    Box::new({
        let chain: Vec<String> = stack
            .iter()
            .skip_while(|f| **f != id)
            .chain(std::iter::once(&id))
            .filter_map(|f| paths.get(f.0))
            .map(|p| p.display().to_string())
            .collect();
        let chain = chain.join(" → ");
        Diagnostic::error(
            Code::F003,
            span,
            t!(
                "“{name}”形成循环：{chain}",
                "`{name}` makes a cycle of files: {chain}"
            ),
        )
        .label(Text::new(
            "回到正在检查的文件",
            "back to a file being checked",
        ))
        .help(Text::new(
            "上年的文件不能再指向今年的文件：删除其中一个“文件”",
            "last year's file cannot name this year's again: remove one of the `文件` statements",
        ))
    })
}

fn twice(span: Span, name: &str, first: (FileId, Span)) -> Box<Diagnostic> {
    Box::new({
        let d = Diagnostic::error(
            Code::F004,
            span,
            t!(
                "“{name}”已被另一条语句指定",
                "`{name}` is already named by another statement"
            ),
        )
        .label(Text::new("第二次指定", "named a second time"))
        .help(Text::new(
            "一个文件只能由一条语句引入：删除重复的一条，或改为正确的文件",
            "one statement names a file: remove the repeated one, or name the right file",
        ));
        match first {
            (FileId::MAIN, s) => d.related(s, Text::new("第一次指定在此", "first named here")),
            _ => d,
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn linker(main: &str, allowed: &[&str]) -> Linker<'static> {
        let allowed: Vec<PathBuf> = allowed.iter().map(PathBuf::from).collect();
        Linker::new(Path::new(main), &allowed, &NoSources)
    }

    #[test]
    fn relative_paths_resolve_against_the_naming_file() {
        let l = linker("/p/2025/x.budget", &[]);
        let p = l.resolve(FileId::MAIN, "./sub/../y.budget", Span::new(3, 9));
        assert_eq!(p, Ok(PathBuf::from("/p/2025/y.budget")));
    }

    #[test]
    fn leaving_the_project_folder_is_f001_unless_allowed() {
        let l = linker("/p/2025/x.budget", &[]);
        let e = l.resolve(FileId::MAIN, "../2024/x.budget", Span::new(3, 9));
        let e = e.err().map(|d| (d.code, d.span));
        assert_eq!(e, Some((Code::F001, Span::new(3, 9))));
        let l = linker("/p/2025/x.budget", &["/p"]);
        let p = l.resolve(FileId::MAIN, "../2024/x.budget", Span::new(3, 9));
        assert_eq!(p, Ok(PathBuf::from("/p/2024/x.budget")));
    }

    #[test]
    fn relative_main_paths_cannot_climb_out() {
        let l = linker("x.budget", &[]);
        let e = l.resolve(FileId::MAIN, "../x.budget", Span::new(0, 1));
        assert_eq!(e.err().map(|d| d.code), Some(Code::F001));
        let l = linker("a/x.budget", &[]);
        let e = l.resolve(FileId::MAIN, "../b/x.budget", Span::new(0, 1));
        assert_eq!(e.err().map(|d| d.code), Some(Code::F001));
        let p = l.resolve(FileId::MAIN, "c/../y.budget", Span::new(0, 1));
        assert_eq!(p, Ok(PathBuf::from("a/y.budget")));
    }

    #[test]
    fn absolute_paths_are_f001_even_inside_the_project() {
        let l = linker("/p/x.budget", &[]);
        for name in ["/p/y.budget", "/etc/passwd", "C:\\x.budget", "\\\\host\\x"] {
            let e = l.resolve(FileId::MAIN, name, Span::new(1, 2));
            assert_eq!(e.err().map(|d| d.code), Some(Code::F001), "{name}");
        }
        let l = linker("/p/x.budget", &["/q"]);
        assert_eq!(
            l.resolve(FileId::MAIN, "/q/2024/y.budget", Span::new(1, 2)),
            Ok(PathBuf::from("/q/2024/y.budget"))
        );
    }

    #[test]
    fn paths_are_shown_relative_to_the_project_folder() {
        let p = relative(Path::new("/p/2024/x.budget"), Path::new("/p/2025"));
        assert_eq!(p, PathBuf::from("../2024/x.budget"));
    }

    #[test]
    fn a_file_named_by_two_statements_is_f004_at_the_second() {
        let read = |_: &Path| Ok("年度 2024\n".to_string());
        let mut l = Linker::new(Path::new("/p/x.budget"), &[], &read);
        let o = Options::default();
        let first = l.check(FileId::MAIN, "a.budget", Span::new(1, 5), &o);
        assert_eq!(first.as_ref().ok(), Some(&FileId(1)));
        // the same statement checked again (a re-run) is the same file
        let again = l.check(FileId::MAIN, "a.budget", Span::new(1, 5), &o);
        assert_eq!(again.ok(), Some(FileId(1)));
        let e = l.check(FileId::MAIN, "./a.budget", Span::new(9, 20), &o);
        let e = e.err().map(|d| (d.code, d.span, d.related[0].span));
        assert_eq!(e, Some((Code::F004, Span::new(9, 20), Span::new(1, 5))));
        assert_eq!(
            l.get(FileId(1)).map(|f| f.path.clone()),
            Some("/p/a.budget".into())
        );
    }

    #[test]
    fn a_chain_of_files_deeper_than_the_limit_is_f002_at_the_deepest() {
        // f0 names f1 names f2 … each a year earlier, never ending
        let read = |p: &Path| {
            let n: usize = p
                .file_stem()
                .and_then(|s| s.to_str())
                .and_then(|s| s.strip_prefix('f'))
                .and_then(|s| s.parse().ok())
                .unwrap_or(0);
            Ok(format!("上年 文件 \"f{}.budget\"\n", n + 1))
        };
        let c = crate::check::check_file(
            Path::new("/p/f0.budget"),
            "上年 文件 \"f1.budget\"\n",
            &Options::default(),
            &read,
        );
        assert_eq!(c.files.len(), MAX_DEPTH);
        let deepest = c.files.last().map(|f| &f.checked.diagnostics);
        let f002 = deepest.map(|d| d.iter().filter(|d| d.code == "F002").count());
        assert_eq!(f002, Some(1));
    }

    #[test]
    fn a_missing_file_is_f002_at_the_name() {
        let mut l = linker("/p/x.budget", &[]);
        let e = l.check(
            FileId::MAIN,
            "y.budget",
            Span::new(4, 14),
            &Options::default(),
        );
        let e = e.err().map(|d| (d.code, d.span));
        assert_eq!(e, Some((Code::F002, Span::new(4, 14))));
    }
}
