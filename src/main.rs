//! The `budget` command line: a thin adapter over the library.

use budget::catalog::Catalog;
use budget::diagnostic::{Diagnostic, Lang};
use budget::{check_source, report, syntax, Checked, Options};
use clap::{Parser, Subcommand, ValueEnum};
use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

#[derive(Parser)]
#[command(
    name = "budget",
    version,
    about = "部门预算公开文件的编译器 — a compiler for department budget disclosures"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Clone, Copy, ValueEnum, PartialEq, Eq)]
enum CheckFormat {
    Human,
    Json,
}

#[derive(Subcommand)]
enum Command {
    /// Check .budget files: exit 0 without errors, 1 with errors, 2 on usage or IO errors.
    Check {
        files: Vec<PathBuf>,
        #[arg(long, value_enum, default_value = "human")]
        format: CheckFormat,
        /// zh (default) or en
        #[arg(long, default_value = "zh")]
        lang: String,
        /// An extra catalog file (CSV: kind,code,name[,level,parent,aliases]); repeatable.
        #[arg(long)]
        catalog: Vec<PathBuf>,
    },
    /// Explain a diagnostic code (or list them all with --list).
    Explain {
        code: Option<String>,
        #[arg(long)]
        list: bool,
        #[arg(long, default_value = "zh")]
        lang: String,
    },
    /// Build outputs from a checked file.
    Build {
        file: PathBuf,
        /// Output formats, comma-separated. Available now: json.
        #[arg(long, default_value = "json")]
        format: String,
        /// Output directory.
        #[arg(short = 'o', long = "out", default_value = "out")]
        out: PathBuf,
        /// Build even when the file has errors.
        #[arg(long)]
        draft: bool,
        #[arg(long, default_value = "zh")]
        lang: String,
        #[arg(long)]
        catalog: Vec<PathBuf>,
    },
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let code = match cli.command {
        Command::Check {
            files,
            format,
            lang,
            catalog,
        } => with_setup(&lang, &catalog, |lang, opts| {
            check(&files, format, lang, opts)
        }),
        Command::Explain { code, list, lang } => explain(code, list, &lang),
        Command::Build {
            file,
            format,
            out,
            draft,
            lang,
            catalog,
        } => with_setup(&lang, &catalog, |lang, opts| {
            build(&file, &format, &out, draft, lang, opts)
        }),
    };
    ExitCode::from(code)
}

fn usage(msg: &str) -> u8 {
    eprintln!("budget: {msg}");
    2
}

fn with_setup(lang: &str, catalogs: &[PathBuf], f: impl FnOnce(Lang, &Options) -> u8) -> u8 {
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
fn load(path: &Path, opts: &Options) -> Result<(String, Checked), String> {
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

fn check(files: &[PathBuf], format: CheckFormat, lang: Lang, opts: &Options) -> u8 {
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

fn explain(code: Option<String>, list: bool, lang: &str) -> u8 {
    let Some(lang) = Lang::parse(lang) else {
        return usage(&format!("unknown --lang `{lang}` (zh or en)"));
    };
    if list || code.is_none() {
        for e in budget::explain::ALL {
            let title = match lang {
                Lang::Zh => e.title_zh,
                Lang::En => e.title_en,
            };
            println!("{:<5} {title}", e.code);
        }
        return 0;
    }
    let code = code.unwrap_or_default();
    match budget::explain::find(&code) {
        Some(e) => {
            print!("{}", budget::explain::render(e, lang));
            0
        }
        None => usage(&format!(
            "unknown code `{code}`; `budget explain --list` lists them"
        )),
    }
}

/// Write `bytes` to `path` atomically: a temporary file in the same folder, then rename.
fn write_atomic(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let dir = path.parent().unwrap_or_else(|| Path::new("."));
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let tmp = dir.join(format!(".{name}.tmp{}", std::process::id()));
    let result = (|| {
        let mut f = std::fs::File::create(&tmp)?;
        f.write_all(bytes)?;
        f.sync_all()?;
        std::fs::rename(&tmp, path)
    })();
    if result.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    result
}

fn build(file: &Path, format: &str, out: &Path, draft: bool, lang: Lang, opts: &Options) -> u8 {
    let formats: Vec<&str> = format
        .split(',')
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .collect();
    for f in &formats {
        if *f != "json" {
            return usage(&format!(
                "unknown or not yet available output format `{f}` (available: json)"
            ));
        }
    }
    let (src, checked) = match load(file, opts) {
        Ok(x) => x,
        Err(e) => return usage(&e),
    };
    let name = file.display().to_string();
    if !checked.diagnostics.is_empty() {
        eprint!(
            "{}",
            report::human(
                &name,
                &src,
                &checked.diagnostics,
                lang,
                std::io::stderr().is_terminal()
            )
        );
    }
    if checked.has_errors() && !draft {
        eprintln!(
            "{}",
            match lang {
                Lang::Zh => "有错误，未生成任何文件（用 --draft 可生成草稿）",
                Lang::En => "errors found: nothing was built (--draft builds anyway)",
            }
        );
        return 1;
    }
    if let Err(e) = std::fs::create_dir_all(out) {
        return usage(&format!("cannot create {}: {e}", out.display()));
    }
    let stem = file
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_else(|| "budget".into());
    for f in formats {
        let target = out.join(format!("{stem}.{f}"));
        if let (Ok(a), Ok(b)) = (target.canonicalize(), file.canonicalize()) {
            if a == b {
                return usage(&format!(
                    "refusing to overwrite the input {}",
                    file.display()
                ));
            }
        }
        let bytes = match serde_json::to_string_pretty(&checked.budget) {
            Ok(s) => s.into_bytes(),
            Err(e) => return usage(&format!("cannot serialise the model: {e}")),
        };
        if let Err(e) = write_atomic(&target, &bytes) {
            return usage(&format!("cannot write {}: {e}", target.display()));
        }
        eprintln!("{}", target.display());
    }
    if checked.has_errors() {
        1
    } else {
        0
    }
}
