//! `budget diff OLD NEW`: the semantic diff of two versions or two years.
//!
//! Each file is read and checked (its errors are counted, not fatal: a draft
//! can be compared) and laid out as the document it publishes; the library's
//! [`budget::diff`] compares the two documents. Exit 0: the same; 1: they
//! differ; 2: a file cannot be read or laid out, or the files are of two
//! different departments.
//!
//! `--git` takes the seven arguments git passes to an external diff driver
//! (`path old-file old-hex old-mode new-file new-hex new-mode`) and exits 0
//! whenever it could compare, as git expects of a diff driver.

use super::{load, usage};
use budget::diagnostic::Lang;
use budget::render::document::Document;
use budget::{diff, Options};
use std::io::IsTerminal;
use std::path::{Path, PathBuf};

#[derive(Clone, Copy, clap::ValueEnum, PartialEq, Eq)]
pub enum DiffFormat {
    Human,
    Json,
    Html,
}

/// A file laid out as its document, with its error count.
fn document(path: &Path, opts: &Options) -> Result<(Document, usize), String> {
    let (_, checked) = load(path, opts)?;
    let errors = checked.error_count();
    if checked.budget.profile.is_empty() {
        return Err(format!(
            "{}: 无法读出文件的内容（{} 个错误；先用 budget check 查看）",
            path.display(),
            errors
        ));
    }
    budget::render::build(&checked.budget, &opts.catalog, errors > 0)
        .map(|d| (d, errors))
        .map_err(|e| format!("{}: cannot lay out the document: {e}", path.display()))
}

pub struct Args<'a> {
    pub files: &'a [PathBuf],
    pub format: DiffFormat,
    pub out: Option<&'a Path>,
    pub git: bool,
}

pub fn run(args: Args, lang: Lang, opts: &Options) -> u8 {
    let (old, new, label) = if args.git {
        // path old-file old-hex old-mode new-file new-hex new-mode
        if args.files.len() != 7 {
            return usage("--git takes the 7 arguments of git's external diff");
        }
        (
            args.files[1].as_path(),
            args.files[4].as_path(),
            Some(args.files[0].display().to_string()),
        )
    } else {
        match args.files {
            [a, b] => (a.as_path(), b.as_path(), None),
            _ => return usage("diff takes two files: budget diff OLD NEW"),
        }
    };
    if let Some(path) = &label {
        for (side, word) in [(old, "新增"), (new, "删除")] {
            if side == Path::new("/dev/null") {
                println!("budget diff {path}: 文件{word}");
                return 0;
            }
        }
    }
    let sides = document(old, opts).and_then(|o| document(new, opts).map(|n| (o, n)));
    let ((od, oe), (nd, ne)) = match sides {
        Ok(x) => x,
        Err(e) => return usage(&e),
    };
    let d = match diff::diff(&od, &nd, (oe, ne)) {
        Ok(d) => d,
        Err(u) => return usage(&u.message(lang)),
    };
    let text = match args.format {
        DiffFormat::Human => {
            let color = args.out.is_none() && std::io::stdout().is_terminal();
            let head = label
                .map(|l| format!("budget diff {l}\n"))
                .unwrap_or_default();
            head + &diff::human(&d, color)
        }
        DiffFormat::Json => match serde_json::to_string_pretty(&d) {
            Ok(s) => s + "\n",
            Err(e) => return usage(&format!("cannot serialise the diff: {e}")),
        },
        DiffFormat::Html => diff::html(&d),
    };
    match args.out {
        Some(path) => {
            if let Err(e) = super::build::write_atomic(path, text.as_bytes()) {
                return usage(&format!("cannot write {}: {e}", path.display()));
            }
        }
        None => print!("{text}"),
    }
    if args.git || d.is_empty() {
        0
    } else {
        1
    }
}
