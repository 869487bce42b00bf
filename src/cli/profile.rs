//! `budget profile check DIR [--with FILE.budget]`: a profile folder
//! validated (src/render/profile_check.rs), every problem as
//! `FILE:LINE:COLUMN: message`; with `--with`, a file is also laid out and
//! rendered (HTML and Typst, in memory) with the profile, so that a template
//! that compiles but fails on real facts is found too.

use super::build::profile_files;
use super::{load, usage};
use budget::diagnostic::Lang;
use budget::render::{self, profile_check, Profile};
use budget::Options;
use std::path::Path;

pub fn check(dir: &Path, with: Option<&Path>, lang: Lang, opts: &Options) -> u8 {
    let (id, files) = match profile_files(dir) {
        Ok(x) => x,
        Err(e) => return usage(&e),
    };
    let shown = dir.display().to_string();
    let mut problems: Vec<String> = profile_check::check(&files)
        .iter()
        .map(|p| format!("{}/{p}", shown.trim_end_matches('/')))
        .collect();
    if problems.is_empty() {
        if let Some(file) = with {
            match trial(&id, files, file, opts) {
                Ok(()) => {}
                Err(e) => problems.push(format!("{}: {e}", file.display())),
            }
        }
    }
    if problems.is_empty() {
        println!(
            "{}",
            match lang {
                Lang::Zh => format!("{shown}：口径文件没有问题"),
                Lang::En => format!("{shown}: the profile has no problem"),
            }
        );
        return 0;
    }
    for p in &problems {
        println!("{p}");
    }
    eprintln!(
        "{}",
        match lang {
            Lang::Zh => format!("{} 个问题", problems.len()),
            Lang::En => format!("{} problem(s)", problems.len()),
        }
    );
    1
}

/// `file` laid out and rendered with the profile.
fn trial(
    id: &str,
    files: Vec<(String, String)>,
    file: &Path,
    opts: &Options,
) -> Result<(), String> {
    let profile = Profile::from_files(id, files).map_err(|e| e.to_string())?;
    let opts = &Options {
        profile: Some(std::sync::Arc::new(profile.checker_data())),
        ..opts.clone()
    };
    let (_, checked) = load(file, opts)?;
    let doc = render::build_with(&checked.budget, &opts.catalog, true, &profile)
        .map_err(|e| format!("cannot lay out the document: {e}"))?;
    render::html::render_with(&doc, &profile).map_err(|e| format!("html: {e}"))?;
    render::typst::render_with(&doc, &profile).map_err(|e| format!("typst: {e}"))?;
    Ok(())
}
