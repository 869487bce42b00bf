//! `budget check FILE_OR_DIR...`: many files, in parallel, reported in order.
//!
//! Folders are searched recursively for `*.budget` files (sorted, so the
//! output is deterministic; hidden folders and symbolic links to folders are
//! skipped). Files are checked on rayon's thread pool; each worker reads,
//! checks and renders one file and keeps only its small report, so memory
//! is bounded by the largest file, not the number of files. Reports are
//! printed in file order as soon as every earlier file is done. On a
//! terminal a progress bar runs on stderr while more than one file is
//! checked; the run ends with a summary (files, errors, warnings, counts by
//! code).

use super::{load, usage};
use budget::diagnostic::{Code, Lang, Severity};
use budget::report::{self, JsonDiagnostic};
use budget::Options;
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use serde::ser::{SerializeSeq, Serializer};
use serde::Serialize;
use std::collections::{BTreeMap, HashMap, HashSet};
use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::mpsc;

#[derive(Clone, Copy, clap::ValueEnum, PartialEq, Eq)]
pub enum CheckFormat {
    Human,
    Json,
    /// The reviewer's report: one self-contained HTML page (`-o FILE`, else stdout).
    Html,
}

/// Which diagnostics are printed.
#[derive(Clone, Copy, Default)]
pub struct Show {
    /// Acknowledged warnings too.
    pub all: bool,
    /// Errors only (and the summary).
    pub errors_only: bool,
}

/// What a worker keeps of one file once it is checked.
struct FileReport {
    name: String,
    errors: usize,
    warnings: usize,
    /// Warnings acknowledged in the file (not counted in `warnings` unless shown).
    acknowledged: usize,
    /// (code, count) of its diagnostics.
    codes: Vec<(Code, usize)>,
    /// Human: the rendered diagnostics.
    text: String,
    /// JSON: the diagnostic records.
    json: Vec<JsonDiagnostic>,
    /// Html: the findings for the review page.
    review: Option<budget::review::FileFindings>,
    /// A file named by a checked file: its resolved path (reported once,
    /// and not at all when the run checks it on its own).
    linked: Option<PathBuf>,
}

/// One file in the JSON document.
#[derive(Serialize)]
struct FileJson {
    file: String,
    errors: usize,
    warnings: usize,
    acknowledged: usize,
    diagnostics: Vec<JsonDiagnostic>,
}

/// Every file's diagnostics as one list (the document's `diagnostics`).
struct Flat<'a>(&'a [FileJson]);

impl Serialize for Flat<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let n = self.0.iter().map(|f| f.diagnostics.len()).sum();
        let mut seq = s.serialize_seq(Some(n))?;
        for f in self.0 {
            for d in &f.diagnostics {
                seq.serialize_element(d)?;
            }
        }
        seq.end()
    }
}

#[derive(Serialize)]
struct JsonDoc<'a> {
    /// How many files were checked.
    file_count: usize,
    errors: usize,
    warnings: usize,
    /// Warnings acknowledged by `# budget: 允许` comments (not shown unless --all).
    acknowledged: usize,
    by_code: &'a BTreeMap<Code, usize>,
    files: &'a [FileJson],
    diagnostics: Flat<'a>,
}

/// The `.budget` files under `paths`: a file is taken as given, a folder is
/// searched recursively. Problems reading a folder are returned as messages.
pub fn expand(paths: &[PathBuf]) -> (Vec<PathBuf>, Vec<String>) {
    let mut files = Vec::new();
    let mut problems = Vec::new();
    for p in paths {
        if p.is_dir() {
            let mut found = Vec::new();
            walk(p, &mut found, &mut problems);
            found.sort();
            if found.is_empty() {
                problems.push(format!("no .budget files in {}", p.display()));
            }
            files.extend(found);
        } else {
            files.push(p.clone());
        }
    }
    (files, problems)
}

fn walk(dir: &Path, out: &mut Vec<PathBuf>, problems: &mut Vec<String>) {
    let entries = match std::fs::read_dir(dir) {
        Ok(e) => e,
        Err(e) => {
            problems.push(format!("cannot read {}: {e}", dir.display()));
            return;
        }
    };
    for entry in entries {
        let entry = match entry {
            Ok(e) => e,
            Err(e) => {
                problems.push(format!("cannot read {}: {e}", dir.display()));
                continue;
            }
        };
        let path = entry.path();
        let Ok(kind) = entry.file_type() else {
            continue;
        };
        if kind.is_dir() {
            let hidden = entry.file_name().to_string_lossy().starts_with('.');
            if !hidden {
                walk(&path, out, problems);
            }
        } else if path.extension().is_some_and(|x| x == "budget") && path.is_file() {
            out.push(path);
        }
    }
}

/// Read, check and render one file, then each file it names (last year's);
/// the sources and the models are dropped before returning.
fn check_one(
    path: &Path,
    format: CheckFormat,
    lang: Lang,
    color: bool,
    opts: &Options,
    show: Show,
) -> Result<Vec<FileReport>, String> {
    let (src, checked) = load(path, opts)?;
    let how = How {
        format,
        lang,
        color,
        show,
    };
    let mut out = vec![render_one(
        path.display().to_string(),
        &src,
        &checked.diagnostics,
        how,
    )];
    for f in &checked.files {
        let mut r = render_one(
            super::shown_path(&f.path),
            &f.source,
            &f.checked.diagnostics,
            how,
        );
        r.linked = Some(f.path.clone());
        out.push(r);
    }
    Ok(out)
}

/// How a check's reports are rendered.
#[derive(Clone, Copy)]
struct How {
    format: CheckFormat,
    lang: Lang,
    color: bool,
    show: Show,
}

/// The report of one file's diagnostics.
fn render_one(
    name: String,
    src: &str,
    diagnostics: &[budget::diagnostic::Diagnostic],
    how: How,
) -> FileReport {
    let How {
        format,
        lang,
        color,
        show,
    } = how;
    let split = budget::acknowledge::split(src, diagnostics);
    let acknowledged = split.acknowledged.len();
    let mut shown = split.shown;
    if show.all {
        shown.extend(split.acknowledged);
        budget::diagnostic::sort(&mut shown);
    }
    let errors = shown
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .count();
    let warnings = shown.len() - errors;
    if show.errors_only {
        shown.retain(|d| d.severity == Severity::Error);
    }
    let mut codes: Vec<(Code, usize)> = Vec::new();
    for d in &shown {
        match codes.iter_mut().find(|(c, _)| *c == d.code) {
            Some(e) => e.1 += 1,
            None => codes.push((d.code, 1)),
        }
    }
    let (text, json) = match format {
        CheckFormat::Human if shown.is_empty() => (String::new(), Vec::new()),
        CheckFormat::Human => (report::human(&name, src, &shown, lang, color), Vec::new()),
        CheckFormat::Json => (
            String::new(),
            report::json_diagnostics(&name, src, &shown, lang),
        ),
        CheckFormat::Html => (String::new(), Vec::new()),
    };
    let review = (format == CheckFormat::Html).then(|| {
        let tree = budget::syntax::parse(src).file;
        budget::review::findings(&name, src, &tree, &shown, acknowledged, lang)
    });
    FileReport {
        name,
        errors,
        warnings,
        acknowledged,
        codes,
        text,
        json,
        review,
        linked: None,
    }
}

fn progress_bar(n: usize) -> ProgressBar {
    if n < 2 || !std::io::stderr().is_terminal() {
        return ProgressBar::hidden();
    }
    let pb = ProgressBar::with_draw_target(Some(n as u64), ProgressDrawTarget::stderr());
    if let Ok(style) =
        ProgressStyle::with_template("{spinner} [{elapsed_precise}] {wide_bar} {pos}/{len} {msg}")
    {
        pb.set_style(style);
    }
    pb
}

pub fn run(
    paths: &[PathBuf],
    format: CheckFormat,
    out: Option<&Path>,
    lang: Lang,
    opts: &Options,
    show: Show,
) -> u8 {
    if paths.is_empty() {
        return usage("no files given: budget check FILE_OR_DIR...");
    }
    let (files, problems) = expand(paths);
    let mut io_error = !problems.is_empty();
    for p in &problems {
        eprintln!("budget: {p}");
    }
    if files.is_empty() {
        return 2;
    }
    let color = std::io::stderr().is_terminal();
    let pb = progress_bar(files.len());

    let mut tally = Tally::default();
    // a linked file is reported once, and not when the run checks it itself
    let mut reported: HashSet<PathBuf> = files
        .iter()
        .filter_map(|f| std::fs::canonicalize(f).ok())
        .collect();
    let mut report = |r: Result<Vec<FileReport>, String>| match r {
        Err(e) => {
            pb.suspend(|| eprintln!("budget: {e}"));
            io_error = true;
        }
        Ok(rs) => {
            for r in rs {
                if r.linked
                    .as_ref()
                    .is_some_and(|p| !reported.insert(p.clone()))
                {
                    continue;
                }
                tally.add(r, format, &pb);
            }
        }
    };

    // Workers take the next file from a shared counter, so files are done
    // roughly in order and a report waits only for the few files in flight.
    let next = AtomicUsize::new(0);
    let (tx, rx) = mpsc::channel::<(usize, Result<Vec<FileReport>, String>)>();
    let workers = rayon::current_num_threads().clamp(1, files.len());
    std::thread::scope(|s| {
        let (files, next) = (&files, &next);
        s.spawn(move || {
            rayon::scope(|rs| {
                for _ in 0..workers {
                    let tx = tx.clone();
                    rs.spawn(move |_| loop {
                        let i = next.fetch_add(1, Ordering::Relaxed);
                        let Some(path) = files.get(i) else { break };
                        let r = check_one(path, format, lang, color, opts, show);
                        if tx.send((i, r)).is_err() {
                            break;
                        }
                    });
                }
            });
        });
        let mut pending: HashMap<usize, Result<Vec<FileReport>, String>> = HashMap::new();
        let mut want = 0;
        for (i, r) in rx {
            pb.inc(1);
            pending.insert(i, r);
            while let Some(r) = pending.remove(&want) {
                report(r);
                want += 1;
            }
        }
    });
    pb.finish_and_clear();

    if !tally.finish(format, out, lang, show) {
        return 2;
    }
    if io_error {
        2
    } else if tally.errors > 0 {
        1
    } else {
        0
    }
}

/// What a run has reported so far.
#[derive(Default)]
struct Tally {
    checked_files: usize,
    errors: usize,
    warnings: usize,
    acknowledged: usize,
    by_code: BTreeMap<Code, usize>,
    json_files: Vec<FileJson>,
    reviews: Vec<budget::review::FileFindings>,
}

impl Tally {
    /// Count a file's report and print its text.
    fn add(&mut self, r: FileReport, format: CheckFormat, pb: &ProgressBar) {
        self.checked_files += 1;
        self.errors += r.errors;
        self.warnings += r.warnings;
        self.acknowledged += r.acknowledged;
        for (c, n) in r.codes {
            *self.by_code.entry(c).or_default() += n;
        }
        if !r.text.is_empty() {
            pb.suspend(|| eprint!("{}", r.text));
        }
        if let Some(f) = r.review {
            self.reviews.push(f);
        }
        if format == CheckFormat::Json {
            self.json_files.push(FileJson {
                file: r.name,
                errors: r.errors,
                warnings: r.warnings,
                acknowledged: r.acknowledged,
                diagnostics: r.json,
            });
        }
    }

    /// The run's summary, JSON document or review page; `false` when the
    /// page could not be written.
    fn finish(&self, format: CheckFormat, out: Option<&Path>, lang: Lang, show: Show) -> bool {
        match format {
            CheckFormat::Html => {
                let page = budget::review::page(&self.reviews, lang);
                match out {
                    Some(path) => {
                        if let Err(e) = super::build::write_atomic(path, page.as_bytes()) {
                            eprintln!("budget: cannot write {}: {e}", path.display());
                            return false;
                        }
                        eprintln!("{}", path.display());
                    }
                    None => print!("{page}"),
                }
            }
            CheckFormat::Human => self.summary(lang, show),
            CheckFormat::Json => {
                let doc = JsonDoc {
                    file_count: self.checked_files,
                    errors: self.errors,
                    warnings: self.warnings,
                    acknowledged: self.acknowledged,
                    by_code: &self.by_code,
                    files: &self.json_files,
                    diagnostics: Flat(&self.json_files),
                };
                let mut out = std::io::stdout().lock();
                let _ = writeln!(
                    out,
                    "{}",
                    serde_json::to_string_pretty(&doc).unwrap_or_default()
                );
            }
        }
        true
    }

    /// The human summary: files, errors, warnings, counts by code.
    fn summary(&self, lang: Lang, show: Show) {
        let (checked_files, errors, warnings) = (self.checked_files, self.errors, self.warnings);
        let hidden = if show.all { 0 } else { self.acknowledged };
        let acked = match (lang, hidden) {
            (_, 0) => String::new(),
            (Lang::Zh, n) => format!("（另有 {n} 个已允许的警告未显示，--all 显示）"),
            (Lang::En, n) => {
                format!(" ({n} acknowledged warning(s) not shown; --all shows them)")
            }
        };
        let line = match lang {
            Lang::Zh => {
                format!("检查了 {checked_files} 个文件：{errors} 个错误，{warnings} 个警告{acked}")
            }
            Lang::En => format!(
                "checked {checked_files} file(s): {errors} error(s), {warnings} warning(s){acked}"
            ),
        };
        eprintln!("{line}");
        if !self.by_code.is_empty() {
            let list: Vec<String> = self
                .by_code
                .iter()
                .map(|(c, n)| format!("{c} ×{n}"))
                .collect();
            match lang {
                Lang::Zh => eprintln!("按代码：{}", list.join("，")),
                Lang::En => eprintln!("by code: {}", list.join(", ")),
            }
        }
    }
}
