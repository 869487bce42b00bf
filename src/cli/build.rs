//! `budget build`: outputs written atomically, never over the input.

use super::{load, usage};
use budget::diagnostic::Lang;
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

pub fn run(file: &Path, format: &str, out: &Path, draft: bool, lang: Lang, opts: &Options) -> u8 {
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
