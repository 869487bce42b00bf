//! PDF through the typst CLI (typst-cli 0.15): the document's Typst source is
//! written to a temporary file inside the output folder and compiled with the
//! system fonts ignored and the Noto CJK fonts given explicitly, with a fixed
//! creation timestamp, so that two builds give the same bytes.

use budget::render::document::Document;
use budget::render::Profile;
use std::ffi::OsString;
use std::path::{Path, PathBuf};
use std::process::Command;

/// The typst version the template is written for.
pub const TYPST_VERSION: &str = "0.15.1";
/// Where Debian's fonts-noto-cjk puts the fonts.
pub const DEFAULT_FONT_DIR: &str = "/usr/share/fonts/opentype/noto";

fn install_typst_hint() -> String {
    format!(
        "install it with `cargo install typst-cli --version {TYPST_VERSION} --locked` \
         (or run scripts/install-tools), or set BUDGET_TYPST to its path"
    )
}

const INSTALL_FONTS_HINT: &str = "install them with `apt-get install fonts-noto-cjk` \
     (or run scripts/install-tools), or set BUDGET_FONT_PATH to a folder holding \
     NotoSerifCJK-*.ttc and NotoSansCJK-*.ttc";

/// The typst executable: `BUDGET_TYPST`, else `typst` on the PATH, else
/// cargo's bin folder (where `cargo install` puts it).
pub fn find_typst() -> Result<PathBuf, String> {
    if let Some(p) = std::env::var_os("BUDGET_TYPST").filter(|p| !p.is_empty()) {
        let p = PathBuf::from(p);
        return if p.is_file() {
            Ok(p)
        } else {
            Err(format!(
                "BUDGET_TYPST is {}, which is not a file; {}",
                p.display(),
                install_typst_hint()
            ))
        };
    }
    let mut candidates: Vec<PathBuf> = std::env::var_os("PATH")
        .map(|p| std::env::split_paths(&p).map(|d| d.join("typst")).collect())
        .unwrap_or_default();
    if let Some(home) = std::env::var_os("CARGO_HOME") {
        candidates.push(PathBuf::from(home).join("bin").join("typst"));
    }
    if let Some(home) = std::env::var_os("HOME") {
        candidates.push(PathBuf::from(home).join(".cargo").join("bin").join("typst"));
    }
    candidates.into_iter().find(|p| p.is_file()).ok_or_else(|| {
        format!(
            "the `typst` program was not found; {}",
            install_typst_hint()
        )
    })
}

/// The font folders: `BUDGET_FONT_PATH` (a list like PATH), else
/// [`DEFAULT_FONT_DIR`]; they must hold Noto Serif CJK and Noto Sans CJK.
pub fn find_fonts() -> Result<OsString, String> {
    let (dirs, what): (Vec<PathBuf>, String) =
        match std::env::var_os("BUDGET_FONT_PATH").filter(|p| !p.is_empty()) {
            Some(p) => (
                std::env::split_paths(&p).collect(),
                format!("BUDGET_FONT_PATH ({})", p.to_string_lossy()),
            ),
            None => (
                vec![PathBuf::from(DEFAULT_FONT_DIR)],
                DEFAULT_FONT_DIR.to_string(),
            ),
        };
    let mut names = Vec::new();
    for d in &dirs {
        collect_font_names(d, &mut names, 0);
    }
    let has = |prefix: &str| names.iter().any(|n| n.starts_with(prefix));
    let missing: Vec<&str> = ["NotoSerifCJK", "NotoSansCJK"]
        .into_iter()
        .filter(|p| !has(p))
        .collect();
    if !missing.is_empty() {
        return Err(format!(
            "the Noto CJK fonts ({}) were not found in {what}; {INSTALL_FONTS_HINT}",
            missing.join(", ")
        ));
    }
    std::env::join_paths(&dirs).map_err(|e| format!("BUDGET_FONT_PATH: {e}"))
}

/// File names of the font files under `dir` (a few levels deep, like typst).
fn collect_font_names(dir: &Path, names: &mut Vec<String>, depth: u32) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for e in entries.flatten() {
        let p = e.path();
        if p.is_dir() && depth < 4 {
            collect_font_names(&p, names, depth + 1);
        } else if let Some(n) = p.file_name().map(|n| n.to_string_lossy().into_owned()) {
            let lower = n.to_ascii_lowercase();
            if [".ttc", ".otf", ".ttf", ".otc"]
                .iter()
                .any(|x| lower.ends_with(x))
            {
                names.push(n);
            }
        }
    }
}

/// Days from 1970-01-01 to the given civil date (proleptic Gregorian).
fn days_from_civil(y: i64, m: i64, d: i64) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = if y >= 0 { y } else { y - 399 } / 400;
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// The PDF's creation date: `SOURCE_DATE_EPOCH` when set, else 1 January of
/// the budget's year (UTC) — never the clock, so builds are reproducible.
pub fn creation_timestamp(year: i32) -> Result<i64, String> {
    match std::env::var("SOURCE_DATE_EPOCH") {
        Ok(s) if !s.trim().is_empty() => s
            .trim()
            .parse::<i64>()
            .map_err(|_| format!("SOURCE_DATE_EPOCH is `{s}`, not a number of seconds")),
        _ => Ok(days_from_civil(i64::from(year), 1, 1) * 86_400),
    }
}

/// `typst --version` → `0.15.1`.
fn version(typst: &Path) -> Option<String> {
    let out = Command::new(typst).arg("--version").output().ok()?;
    let text = String::from_utf8_lossy(&out.stdout).into_owned();
    text.split_whitespace().nth(1).map(str::to_string)
}

/// Removes the temporary files when dropped.
struct Temp(Vec<PathBuf>);

impl Drop for Temp {
    fn drop(&mut self) {
        for p in &self.0 {
            let _ = std::fs::remove_file(p);
        }
    }
}

/// Compile the document's Typst source to PDF bytes.
pub fn build(
    doc: &Document,
    profile: &Profile,
    year: i32,
    out: &Path,
    stem: &str,
) -> Result<Vec<u8>, String> {
    let typst = find_typst()?;
    let fonts = find_fonts()?;
    let epoch = creation_timestamp(year)?;
    let source = budget::render::typst::render_with(doc, profile).map_err(|e| e.to_string())?;
    // `.STEM.PID.typ` / `.pdf` beside the output (typst's --root); a build
    // killed before it removes them is swept by the next (cli/build.rs)
    let tag = format!(".{stem}.{}", std::process::id());
    let src_path = out.join(format!("{tag}.typ"));
    let pdf_path = out.join(format!("{tag}.pdf"));
    let _temp = Temp(vec![src_path.clone(), pdf_path.clone()]);
    std::fs::write(&src_path, source)
        .map_err(|e| format!("cannot write {}: {e}", src_path.display()))?;
    let mut cmd = Command::new(&typst);
    cmd.arg("compile")
        .arg("--root")
        .arg(out)
        .arg("--ignore-system-fonts")
        .arg("--font-path")
        .arg(&fonts)
        .arg("--creation-timestamp")
        .arg(epoch.to_string())
        .arg("--diagnostic-format")
        .arg("short")
        .arg(&src_path)
        .arg(&pdf_path);
    // Only the command line configures typst.
    for var in [
        "TYPST_ROOT",
        "TYPST_FONT_PATHS",
        "TYPST_IGNORE_SYSTEM_FONTS",
        "TYPST_IGNORE_EMBEDDED_FONTS",
        "TYPST_FEATURES",
        "TYPST_PACKAGE_PATH",
        "TYPST_PACKAGE_CACHE_PATH",
        "SOURCE_DATE_EPOCH",
    ] {
        cmd.env_remove(var);
    }
    let output = cmd.output().map_err(|e| {
        format!(
            "cannot run {}: {e}; {}",
            typst.display(),
            install_typst_hint()
        )
    })?;
    if !output.status.success() {
        let stderr = String::from_utf8_lossy(&output.stderr);
        let mut msg = format!("typst failed ({})", output.status);
        if !stderr.trim().is_empty() {
            msg.push_str(":\n");
            msg.push_str(stderr.trim_end());
        }
        if let Some(v) = version(&typst).filter(|v| !v.starts_with("0.15.")) {
            msg.push_str(&format!(
                "\n(this is typst {v}; the template is written for {TYPST_VERSION}: {})",
                install_typst_hint()
            ));
        }
        return Err(msg);
    }
    std::fs::read(&pdf_path).map_err(|e| format!("cannot read {}: {e}", pdf_path.display()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn january_first_of_the_year() {
        assert_eq!(days_from_civil(1970, 1, 1), 0);
        assert_eq!(days_from_civil(2024, 1, 1) * 86_400, 1_704_067_200);
        assert_eq!(days_from_civil(2000, 3, 1), 11_017);
    }
}
