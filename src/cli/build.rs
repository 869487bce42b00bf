//! `budget build`: outputs written atomically, never over the input.

use super::{load, usage};
use budget::diagnostic::Lang;
use budget::render::Profile;
use budget::{report, Options};
use std::io::{IsTerminal, Write};
use std::path::Path;

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

pub fn run(
    file: &Path,
    format: &str,
    out: &Path,
    draft: bool,
    profile_dir: Option<&Path>,
    lang: Lang,
    opts: &Options,
) -> u8 {
    let mut formats: Vec<&str> = format
        .split(',')
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .collect();
    for f in &formats {
        if !FORMATS.contains(f) {
            return usage(&format!(
                "unknown output format `{f}` (available: {})",
                FORMATS.join(", ")
            ));
        }
    }
    formats.sort_by_key(|f| FORMATS.iter().position(|x| x == f));
    formats.dedup();
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
    // the files it names (last year's) report in their own file
    for f in checked
        .files
        .iter()
        .filter(|f| !f.checked.diagnostics.is_empty())
    {
        let color = std::io::stderr().is_terminal();
        let name = super::shown_path(&f.path);
        let diags = &f.checked.diagnostics;
        eprint!("{}", report::human(&name, &f.source, diags, lang, color));
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
    sweep_stale_temps(out, &stem);
    let input = file.canonicalize().ok();
    for f in &formats {
        let target = out.join(format!("{stem}.{}", extension(f)));
        if let (Ok(a), Some(b)) = (target.canonicalize(), input.as_ref()) {
            if &a == b {
                return usage(&format!(
                    "refusing to overwrite the input {}",
                    file.display()
                ));
            }
        }
    }
    let needs_document = formats.iter().any(|f| *f != "json");
    let profile = match profile_dir {
        Some(dir) => load_profile(dir),
        None => budget::render::profile_of(&checked.budget.profile).map_err(|e| e.to_string()),
    };
    let document = if needs_document {
        let profile = match &profile {
            Ok(p) => p,
            Err(e) => return usage(&format!("cannot lay out the document: {e}")),
        };
        let b = &checked.budget;
        match budget::render::build_with(b, &opts.catalog, checked.has_errors(), profile) {
            Ok(d) => Some((d, profile)),
            Err(e) => return usage(&format!("cannot lay out the document: {e}")),
        }
    } else {
        None
    };
    let mut failed = false;
    for f in formats {
        let target = out.join(format!("{stem}.{}", extension(f)));
        let bytes: Result<Vec<u8>, String> = match (f, &document) {
            ("json", _) => serde_json::to_string_pretty(&checked.budget)
                .map(|s| s.into_bytes())
                .map_err(|e| format!("cannot serialise the model: {e}")),
            ("html", Some((d, p))) => budget::render::html::render_with(d, p)
                .map(|s| s.into_bytes())
                .map_err(|e| e.to_string()),
            ("typst", Some((d, p))) => budget::render::typst::render_with(d, p)
                .map(|s| s.into_bytes())
                .map_err(|e| e.to_string()),
            ("pdf", Some((d, p))) => super::pdf::build(d, p, checked.budget.year, out, &stem),
            ("xlsx", Some((d, _))) => super::xlsx::build(d),
            _ => Err(format!("cannot build {f}")),
        };
        match bytes.and_then(|b| {
            write_atomic(&target, &b).map_err(|e| format!("cannot write {}: {e}", target.display()))
        }) {
            Ok(()) => eprintln!("{}", target.display()),
            Err(e) => {
                eprintln!("budget: {f}: {e}");
                failed = true;
            }
        }
    }
    if failed {
        2
    } else if checked.has_errors() {
        1
    } else {
        0
    }
}
