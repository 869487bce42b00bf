//! `budget import FILE.pdf|FILE.txt|FILE.xlsx`: read the file (running
//! `pdftotext -layout` for a PDF, calamine for a workbook), import it with
//! [`budget::import`], write the `.budget` file and report.

use super::build::write_atomic;
use super::usage;
use budget::catalog::Catalog;
use budget::diagnostic::Code;
use budget::diagnostic::{Diagnostic, Lang};
use budget::import::{self, ImportOptions, Imported};
use budget::report;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// How long pdftotext may run (seconds); `BUDGET_PDFTOTEXT_TIMEOUT` sets
/// another limit.
const PDFTOTEXT_TIMEOUT: u64 = 60;

fn pdftotext_timeout() -> u64 {
    std::env::var("BUDGET_PDFTOTEXT_TIMEOUT")
        .ok()
        .and_then(|v| v.trim().parse().ok())
        .filter(|s| *s > 0)
        .unwrap_or(PDFTOTEXT_TIMEOUT)
}
/// The largest input file read.
const MAX_FILE: u64 = 64 * 1024 * 1024;

/// The text of the input, or a diagnostic (and the text it points into).
pub fn read_input(path: &Path) -> Result<String, Box<(Diagnostic, String)>> {
    let size = std::fs::metadata(path).map(|m| m.len()).unwrap_or(0);
    if size > MAX_FILE {
        return Err(Box::new((
            import::limit_error("文件超过 64 MiB", "the file is larger than 64 MiB"),
            String::new(),
        )));
    }
    let ext = path
        .extension()
        .map(|e| e.to_string_lossy().to_lowercase())
        .unwrap_or_default();
    match ext.as_str() {
        "pdf" => pdf_text(path).map_err(|d| Box::new((d, String::new()))),
        "xlsx" | "xlsm" | "xls" | "ods" => {
            workbook_text(path).map_err(|d| Box::new((d, String::new())))
        }
        _ => {
            let bytes = std::fs::read(path).map_err(|e| {
                Box::new((
                    import::limit_error(&format!("无法读取：{e}"), &format!("cannot read: {e}")),
                    String::new(),
                ))
            })?;
            match budget::syntax::decode(&bytes) {
                Ok(t) => Ok(t.to_string()),
                Err(d) => Err(Box::new((*d, String::from_utf8_lossy(&bytes).into_owned()))),
            }
        }
    }
}

fn pdftotext() -> Option<PathBuf> {
    if let Some(p) = std::env::var_os("BUDGET_PDFTOTEXT").filter(|p| !p.is_empty()) {
        let p = PathBuf::from(p);
        return p.is_file().then_some(p);
    }
    std::env::var_os("PATH").and_then(|p| {
        std::env::split_paths(&p)
            .map(|d| d.join("pdftotext"))
            .find(|p| p.is_file())
    })
}

/// `pdftotext -layout FILE -` with a time limit.
#[allow(clippy::result_large_err)] // one diagnostic per file, not a hot path
fn pdf_text(path: &Path) -> Result<String, Diagnostic> {
    let Some(tool) = pdftotext() else {
        return Err(import::pdf_error(
            "没有找到 pdftotext 程序 / the pdftotext program was not found: \
             apt-get install poppler-utils (or run scripts/install-tools), or set BUDGET_PDFTOTEXT",
        ));
    };
    let mut child = Command::new(&tool)
        .arg("-layout")
        .arg("-enc")
        .arg("UTF-8")
        // one page more than the limit, so that a longer document is told (I003)
        .arg("-l")
        .arg((import::MAX_PAGES + 1).to_string())
        .arg(path)
        .arg("-")
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| import::pdf_error(&format!("{}: {e}", tool.display())))?;
    let mut stdout = child.stdout.take();
    let mut stderr = child.stderr.take();
    let reader = std::thread::spawn(move || {
        let mut out = Vec::new();
        if let Some(s) = stdout.as_mut() {
            let _ = s.take(import::MAX_BYTES as u64 + 1).read_to_end(&mut out);
        }
        out
    });
    let err_reader = std::thread::spawn(move || {
        let mut out = String::new();
        if let Some(s) = stderr.as_mut() {
            let _ = s.take(64 * 1024).read_to_string(&mut out);
        }
        out
    });
    let start = Instant::now();
    let limit = pdftotext_timeout();
    let status = loop {
        match child.try_wait() {
            Ok(Some(s)) => break s,
            Ok(None) if start.elapsed() > Duration::from_secs(limit) => {
                let _ = child.kill();
                let _ = child.wait();
                return Err(import::limit_error(
                    &format!("pdftotext 运行超过 {limit} 秒"),
                    &format!("pdftotext ran for more than {limit} seconds"),
                ));
            }
            Ok(None) => std::thread::sleep(Duration::from_millis(20)),
            Err(e) => return Err(import::pdf_error(&e.to_string())),
        }
    };
    let out = reader.join().unwrap_or_default();
    let err = err_reader.join().unwrap_or_default();
    if !status.success() {
        if err.contains("password") {
            return Err(import::pdf_error(&format!(
                "文件已加密，需要密码 / the PDF is encrypted (a password is needed): {}",
                err.trim()
            )));
        }
        let err = err.trim();
        return Err(import::pdf_error(if err.is_empty() {
            "pdftotext 失败，没有说明 / pdftotext failed without a message"
        } else {
            err
        }));
    }
    if out.len() > import::MAX_BYTES {
        return Err(import::limit_error(
            "文本超过 16 MiB",
            "the text is larger than 16 MiB",
        ));
    }
    Ok(String::from_utf8_lossy(&out).into_owned())
}

/// The sheets of a workbook as text (see `budget::import::sheets_to_text`).
#[allow(clippy::result_large_err)]
fn workbook_text(path: &Path) -> Result<String, Diagnostic> {
    use calamine::{open_workbook_auto, Data, Reader};
    let mut wb = open_workbook_auto(path).map_err(|e| {
        import::pdf_error(&format!(
            "不是可读的电子表格 / not a readable spreadsheet: {e}"
        ))
        .with_code(Code::I006)
    })?;
    let mut sheets = Vec::new();
    for name in wb.sheet_names() {
        let range = wb
            .worksheet_range(&name)
            .map_err(|e| import::pdf_error(&format!("{name}: {e}")).with_code(Code::I006))?;
        let rows: Vec<Vec<String>> = range
            .rows()
            .map(|r| {
                r.iter()
                    .map(|c| match c {
                        Data::Empty => String::new(),
                        Data::String(s) => s.clone(),
                        Data::Float(f) => format!("{f}"),
                        Data::Int(i) => i.to_string(),
                        Data::Bool(b) => b.to_string(),
                        other => other.to_string(),
                    })
                    .collect()
            })
            .collect();
        sheets.push((name, rows));
    }
    Ok(import::sheets_to_text(&sheets))
}

trait WithCode {
    fn with_code(self, code: Code) -> Self;
}

impl WithCode for Diagnostic {
    fn with_code(mut self, code: Code) -> Self {
        self.code = code;
        self
    }
}

/// Import a file in memory.
pub fn import_file(path: &Path, profile: Option<String>, catalog: &Catalog) -> (String, Imported) {
    match read_input(path) {
        Ok(text) => {
            let ext = path
                .extension()
                .map(|e| e.to_string_lossy().to_lowercase())
                .unwrap_or_default();
            let opts = ImportOptions {
                profile,
                cell_values: matches!(ext.as_str(), "xlsx" | "xlsm" | "xls" | "ods"),
                source_name: path
                    .file_name()
                    .map(|n| n.to_string_lossy().into_owned())
                    .unwrap_or_default(),
            };
            let imported = import::import_text(&text, &opts, catalog);
            (text, imported)
        }
        Err(e) => {
            let (d, text) = *e;
            (
                text,
                Imported {
                    budget: None,
                    diagnostics: vec![d],
                    profile: None,
                },
            )
        }
    }
}

pub fn run(
    file: &Path,
    out: Option<&Path>,
    profile: Option<String>,
    force: bool,
    lang: Lang,
    catalog: &Catalog,
) -> u8 {
    let target = out
        .map(Path::to_path_buf)
        .unwrap_or_else(|| file.with_extension("budget"));
    if target == file {
        return usage("the output would overwrite the input; give -o");
    }
    if target.exists() && !force {
        return usage(&format!(
            "{} exists; give --force to overwrite it, or -o another file",
            target.display()
        ));
    }
    if let Some(p) = &profile {
        if !budget::profiles::NAMES.iter().any(|(n, _)| n == p) {
            let names: Vec<&str> = budget::profiles::NAMES.iter().map(|(n, _)| *n).collect();
            return usage(&format!("unknown --profile `{p}` ({})", names.join(", ")));
        }
    }
    if !file.is_file() {
        return usage(&format!("cannot read {}: not a file", file.display()));
    }
    let (text, imported) = import_file(file, profile, catalog);
    let name = file.display().to_string();
    if !imported.diagnostics.is_empty() {
        eprint!(
            "{}",
            report::human(&name, &text, &imported.diagnostics, lang, false)
        );
    }
    let Some(budget_text) = &imported.budget else {
        return 1;
    };
    if let Err(e) = write_atomic(&target, budget_text.as_bytes()) {
        return usage(&format!("cannot write {}: {e}", target.display()));
    }
    let warnings = imported.diagnostics.len();
    eprintln!(
        "{} → {}（{}；{warnings} 条提示）",
        name,
        target.display(),
        imported.profile.as_deref().unwrap_or("")
    );
    u8::from(imported.has_errors())
}
