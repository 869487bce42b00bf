//! `budget fmt`: rewrite files in the canonical layout (`budget::format`).

use super::build::write_atomic;
use super::usage;
use budget::diagnostic::Lang;
use budget::{report, syntax};
use std::io::IsTerminal;
use std::path::PathBuf;

/// Exit 0: every file is (now) formatted; 1: with `--check`, some file is not
/// formatted, or some file has syntax errors and was left alone; 2: IO.
pub fn run(files: &[PathBuf], check: bool, lang: Lang) -> u8 {
    if files.is_empty() {
        return usage("no files given: budget fmt [--check] FILE...");
    }
    let color = std::io::stderr().is_terminal();
    let mut io_error = false;
    let mut failed = false;
    for path in files {
        let name = path.display().to_string();
        let bytes = match std::fs::read(path) {
            Ok(b) => b,
            Err(e) => {
                eprintln!("budget: cannot read {name}: {e}");
                io_error = true;
                continue;
            }
        };
        let src = match syntax::decode(&bytes) {
            Ok(s) => s,
            Err(d) => {
                eprintln!("{name}: {}", d.message.get(lang));
                failed = true;
                continue;
            }
        };
        let formatted = match budget::format::format(src) {
            Ok(f) => f,
            Err(diags) => {
                eprint!("{}", report::human(&name, src, &diags, lang, color));
                eprintln!(
                    "{}",
                    match lang {
                        Lang::Zh => format!("{name}：有语法错误，未格式化"),
                        Lang::En => format!("{name}: syntax errors, not formatted"),
                    }
                );
                failed = true;
                continue;
            }
        };
        if formatted == src {
            continue;
        }
        if check {
            println!("{name}");
            failed = true;
            continue;
        }
        if let Err(e) = write_atomic(path, formatted.as_bytes()) {
            eprintln!("budget: cannot write {name}: {e}");
            io_error = true;
        }
    }
    if io_error {
        2
    } else if failed {
        1
    } else {
        0
    }
}
