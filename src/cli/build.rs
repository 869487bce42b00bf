//! `budget build`: outputs written atomically, never over the input.

use super::{load, usage};
use budget::diagnostic::Lang;
use budget::render::document::Document;
use budget::render::Profile;
use budget::{report, Checked, Options};
use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};

/// Write `bytes` to `path` atomically: a temporary file in the same folder, then rename.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
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

/// Remove the temporary files a build of `stem` killed before it could clean
/// up left in `out`: `.{stem}.{ext}.tmp{pid}` ([`write_atomic`]) and
/// `.{stem}.{pid}.typ` / `.pdf` (the PDF step), when process `pid` is gone.
/// Where liveness cannot be told (no `/proc`), nothing is removed.
fn sweep_stale_temps(out: &Path, stem: &str) {
    if !Path::new("/proc/self").exists() {
        return;
    }
    let Ok(entries) = std::fs::read_dir(out) else {
        return;
    };
    let prefix = format!(".{stem}.");
    for e in entries.flatten() {
        let name = e.file_name().to_string_lossy().into_owned();
        let Some(rest) = name.strip_prefix(&prefix) else {
            continue;
        };
        let pid = match rest.rsplit_once(".tmp") {
            Some((ext, pid)) if FORMATS.iter().any(|f| extension(f) == ext) => pid,
            _ => match rest.rsplit_once('.') {
                Some((pid, "typ" | "pdf")) => pid,
                _ => continue,
            },
        };
        if pid.is_empty() || !pid.bytes().all(|b| b.is_ascii_digit()) {
            continue;
        }
        if !Path::new("/proc").join(pid).exists() && e.path().is_file() {
            let _ = std::fs::remove_file(e.path());
        }
    }
}

/// The output formats, in the order they are written.
pub const FORMATS: &[&str] = &["json", "html", "typst", "pdf", "xlsx"];

fn extension(format: &str) -> &str {
    match format {
        "typst" => "typ",
        other => other,
    }
}

/// A profile read from a folder (`--profile DIR`): its `*.toml` and `*.tera`
/// files; what it lacks of the templates is the shared one.
pub fn load_profile(dir: &Path) -> Result<Profile, String> {
    let (id, files) = profile_files(dir)?;
    Profile::from_files(&id, files).map_err(|e| format!("{}: {e}", dir.display()))
}

/// A profile folder's id (its name) and its `*.toml` and `*.tera` files, by
/// name.
pub fn profile_files(dir: &Path) -> Result<(String, Vec<(String, String)>), String> {
    let entries =
        std::fs::read_dir(dir).map_err(|e| format!("cannot read {}: {e}", dir.display()))?;
    let mut files = Vec::new();
    for e in entries.flatten() {
        let path = e.path();
        let name = e.file_name().to_string_lossy().into_owned();
        if !path.is_file() || !(name.ends_with(".toml") || name.ends_with(".tera")) {
            continue;
        }
        let text = std::fs::read_to_string(&path)
            .map_err(|e| format!("cannot read {}: {e}", path.display()))?;
        files.push((name, text));
    }
    files.sort();
    let id = dir
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| dir.display().to_string());
    Ok((id, files))
}

/// What a build lays out: the file given, or (`--unit NAME`) the unit's own
/// document its department names (`单位 "NAME" { 文件 "…" }`).
pub struct Target<'a> {
    pub file: &'a Path,
    pub unit: Option<&'a str>,
}

/// The unit's own file, as its department's check read it: (its path, its
/// text, its check). `Err`: the exit code, the message printed.
fn unit_file(
    file: &Path,
    src: &str,
    dept: Checked,
    unit: &str,
    lang: Lang,
) -> Result<(PathBuf, String, Checked), u8> {
    let units = &dept.budget.units;
    let Some(u) = units.iter().find(|u| u.name.text == unit) else {
        let list: Vec<String> = units
            .iter()
            .map(|u| match &u.file {
                Some(f) => format!("  {}（文件 {}）", u.name.text, f.text),
                None => format!("  {}", u.name.text),
            })
            .collect();
        return Err(usage(&format!(
            "{}: {}\n{}",
            file.display(),
            match lang {
                Lang::Zh => format!("没有单位“{unit}”；本部门的单位："),
                Lang::En => format!("no unit `{unit}`; the department's units:"),
            },
            list.join("\n")
        )));
    };
    if u.file.is_none() {
        return Err(usage(&match lang {
            Lang::Zh => format!("单位“{unit}”没有自己的文件（在它的声明中写 文件 \"…\"）"),
            Lang::En => format!(
                "the unit `{unit}` names no file of its own (write 文件 \"…\" in its declaration)"
            ),
        }));
    }
    let Some(f) = u.linked.and_then(|id| dept.file(id)) else {
        // refused, unreadable or not the unit's (F001–F004, F011): shown
        report_to_stderr(&file.display().to_string(), src, &dept.diagnostics, lang);
        return Err(1);
    };
    Ok((f.path.clone(), f.source.clone(), f.checked.clone()))
}

fn report_to_stderr(name: &str, src: &str, diags: &[budget::diagnostic::Diagnostic], lang: Lang) {
    if !diags.is_empty() {
        let color = std::io::stderr().is_terminal();
        eprint!("{}", report::human(name, src, diags, lang, color));
    }
}

/// The output formats asked for (`--format html,pdf`), known, in the order
/// they are written, each once.
fn formats_of(format: &str) -> Result<Vec<&str>, String> {
    let mut formats: Vec<&str> = format
        .split(',')
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .collect();
    if let Some(f) = formats.iter().find(|f| !FORMATS.contains(f)) {
        return Err(format!(
            "unknown output format `{f}` (available: {})",
            FORMATS.join(", ")
        ));
    }
    formats.sort_by_key(|f| FORMATS.iter().position(|x| x == f));
    formats.dedup();
    Ok(formats)
}

/// A profile from a folder (`--profile DIR`), and the options that check
/// the file with that profile's needs and rules.
fn folder_profile(
    dir: Option<&Path>,
    opts: &Options,
) -> (Option<Result<Profile, String>>, Option<Options>) {
    let loaded = dir.map(load_profile);
    let with_profile = loaded
        .as_ref()
        .and_then(|l| l.as_ref().ok())
        .map(|p| Options {
            profile: Some(std::sync::Arc::new(p.checker_data())),
            ..opts.clone()
        });
    (loaded, with_profile)
}

pub fn run(
    target: Target,
    format: &str,
    out: &Path,
    draft: bool,
    profile_dir: Option<&Path>,
    lang: Lang,
    opts: &Options,
) -> u8 {
    let given = target.file;
    let formats = match formats_of(format) {
        Ok(f) => f,
        Err(e) => return usage(&e),
    };
    let (loaded, with_profile) = folder_profile(profile_dir, opts);
    let opts = with_profile.as_ref().unwrap_or(opts);
    let (src, checked) = match load(given, opts) {
        Ok(x) => x,
        Err(e) => return usage(&e),
    };
    let (file, src, checked) = match target.unit {
        None => (given.to_path_buf(), src, checked),
        Some(unit) => match unit_file(given, &src, checked, unit, lang) {
            Ok(x) => x,
            Err(code) => return code,
        },
    };
    let file = file.as_path();
    report_all(file, &src, &checked, lang);
    // a unit's kind not stated (N21, a warning) leaves the counts by kind
    // unprintable: the document is built only as a draft, as with errors
    let unbuildable = checked.has_errors()
        || checked
            .diagnostics
            .iter()
            .any(|d| d.code == budget::diagnostic::Code::N21);
    if unbuildable && !draft {
        eprintln!(
            "{}",
            match (lang, checked.has_errors()) {
                (Lang::Zh, true) => "有错误，未生成任何文件（用 --draft 可生成草稿）",
                (Lang::En, true) => "errors found: nothing was built (--draft builds anyway)",
                (Lang::Zh, false) =>
                    "有单位的类型未写明（N21），未生成任何文件（用 --draft 可生成草稿）",
                (Lang::En, false) =>
                    "a unit's kind is not stated (N21): nothing was built (--draft builds anyway)",
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
    sweep_stale_temps(out, &stem);
    if let Err(e) = not_the_input(file, out, &stem, &formats) {
        return usage(&e);
    }
    let profile = match loaded {
        Some(loaded) => loaded,
        None => budget::render::profile_of(&checked.budget.profile).map_err(|e| e.to_string()),
    };
    let document = if formats.iter().any(|f| *f != "json") {
        match lay_out(&checked, &profile, unbuildable, opts) {
            Ok(d) => Some(d),
            Err(e) => return usage(&e),
        }
    } else {
        None
    };
    let failed = !write_outputs(&formats, &checked, document.as_ref(), out, &stem);
    if failed {
        2
    } else if unbuildable {
        1
    } else {
        0
    }
}

/// The diagnostics of the file, then of the files it names (last year's,
/// its units'), each reported in its own file.
fn report_all(file: &Path, src: &str, checked: &Checked, lang: Lang) {
    report_to_stderr(&super::shown_path(file), src, &checked.diagnostics, lang);
    for f in checked
        .files
        .iter()
        .filter(|f| !f.checked.diagnostics.is_empty())
    {
        let name = super::shown_path(&f.path);
        report_to_stderr(&name, &f.source, &f.checked.diagnostics, lang);
    }
}

/// An output that would overwrite the input is refused.
fn not_the_input(file: &Path, out: &Path, stem: &str, formats: &[&str]) -> Result<(), String> {
    let Some(input) = file.canonicalize().ok() else {
        return Ok(());
    };
    for f in formats {
        let target = out.join(format!("{stem}.{}", extension(f)));
        if target.canonicalize().is_ok_and(|a| a == input) {
            return Err(format!(
                "refusing to overwrite the input {}",
                file.display()
            ));
        }
    }
    Ok(())
}

/// The document laid out by its profile (marked a draft when `draft`).
fn lay_out<'p>(
    checked: &Checked,
    profile: &'p Result<Profile, String>,
    draft: bool,
    opts: &Options,
) -> Result<(Document, &'p Profile), String> {
    let profile = profile
        .as_ref()
        .map_err(|e| format!("cannot lay out the document: {e}"))?;
    let b = &checked.budget;
    budget::render::build_with(b, &opts.catalog, draft, profile)
        .map(|d| (d, profile))
        .map_err(|e| format!("cannot lay out the document: {e}"))
}

/// Each format written (atomically) to `out`; false if one failed.
fn write_outputs(
    formats: &[&str],
    checked: &Checked,
    document: Option<&(Document, &Profile)>,
    out: &Path,
    stem: &str,
) -> bool {
    let mut ok = true;
    for f in formats {
        let target = out.join(format!("{stem}.{}", extension(f)));
        let bytes: Result<Vec<u8>, String> = match (*f, document) {
            ("json", _) => serde_json::to_string_pretty(&checked.budget)
                .map(|s| s.into_bytes())
                .map_err(|e| format!("cannot serialise the model: {e}")),
            ("html", Some((d, p))) => budget::render::html::render_with(d, p)
                .map(|s| s.into_bytes())
                .map_err(|e| e.to_string()),
            ("typst", Some((d, p))) => budget::render::typst::render_with(d, p)
                .map(|s| s.into_bytes())
                .map_err(|e| e.to_string()),
            ("pdf", Some((d, p))) => super::pdf::build(d, p, checked.budget.year, out, stem),
            ("xlsx", Some((d, _))) => super::xlsx::build(d),
            _ => Err(format!("cannot build {f}")),
        };
        match bytes.and_then(|b| {
            write_atomic(&target, &b).map_err(|e| format!("cannot write {}: {e}", target.display()))
        }) {
            Ok(()) => eprintln!("{}", target.display()),
            Err(e) => {
                eprintln!("budget: {f}: {e}");
                ok = false;
            }
        }
    }
    ok
}
