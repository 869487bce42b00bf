//! `budget check`.

use super::{load, usage};
use budget::diagnostic::Lang;
use budget::{report, Options};
use std::io::{IsTerminal, Write};
use std::path::PathBuf;

#[derive(Clone, Copy, clap::ValueEnum, PartialEq, Eq)]
pub enum CheckFormat {
    Human,
    Json,
}

pub fn run(files: &[PathBuf], format: CheckFormat, lang: Lang, opts: &Options) -> u8 {
    if files.is_empty() {
        return usage("no files given: budget check FILE...");
    }
    let color = std::io::stderr().is_terminal();
    let mut errors = 0;
    let mut warnings = 0;
    let mut json = Vec::new();
    let mut io_error = false;
    for path in files {
        let name = path.display().to_string();
        let (src, checked) = match load(path, opts) {
            Ok(x) => x,
            Err(e) => {
                eprintln!("budget: {e}");
                io_error = true;
                continue;
            }
        };
        errors += checked.error_count();
        warnings += checked.warning_count();
        match format {
            CheckFormat::Human => {
                eprint!(
                    "{}",
                    report::human(&name, &src, &checked.diagnostics, lang, color)
                );
            }
            CheckFormat::Json => {
                for d in &checked.diagnostics {
                    json.push(report::json_diagnostic(&name, &src, d, lang));
                }
            }
        }
    }
    match format {
        CheckFormat::Human => {
            let line = match lang {
                Lang::Zh => format!(
                    "检查了 {} 个文件：{errors} 个错误，{warnings} 个警告",
                    files.len()
                ),
                Lang::En => format!(
                    "checked {} file(s): {errors} error(s), {warnings} warning(s)",
                    files.len()
                ),
            };
            eprintln!("{line}");
        }
        CheckFormat::Json => {
            let doc = serde_json::json!({
                "files": files.len(),
                "errors": errors,
                "warnings": warnings,
                "diagnostics": json,
            });
            let mut out = std::io::stdout().lock();
            let _ = writeln!(
                out,
                "{}",
                serde_json::to_string_pretty(&doc).unwrap_or_default()
            );
        }
    }
    if io_error {
        2
    } else if errors > 0 {
        1
    } else {
        0
    }
}
