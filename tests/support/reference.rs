//! The published documents and the meters of `shared/` (its `seed/`,
//! `reference/` and `tools/`): where the folder is, its texts, and the two
//! meters run on a built document. Shared by the tests that measure the
//! output against the published documents (fidelity, narrative, import,
//! import_review).
//!
//! `shared/` is found beside the repository (`../shared` in CI's clone) or
//! beside one of the folders above it (a worktree under `wt/`).

#![allow(dead_code)]

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;

/// The seed's published text, relative to `shared/`.
pub const SEED: &str = "seed/000_01a1d3103f4588d7.txt";

/// `shared/` beside the repository or beside one of the folders above it:
/// the first that holds the meters and the published texts.
pub fn shared() -> Option<PathBuf> {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .ancestors()
        .skip(1)
        .map(|a| a.join("shared"))
        .find(|s| s.join("tools/fidelity_strict.py").is_file() && s.join("reference").is_dir())
}

/// `shared/`, for a test that cannot do without it.
pub fn require() -> PathBuf {
    shared().expect("no shared/ (the published documents and the meters) beside the repository or a folder above it")
}

/// `shared/`, or `None` after a notice when it is missing: a pass on a
/// developer's machine, a failure in CI (`CI` set), where it is cloned.
pub fn or_skip(what: &str) -> Option<PathBuf> {
    let found = shared();
    if found.is_none() {
        let msg = format!("no shared/ beside the repository: {what} not measured");
        assert!(std::env::var_os("CI").is_none(), "{msg}");
        eprintln!("SKIPPED: {msg}");
    }
    found
}

/// A file of `shared/` (`rel` as `reference/….txt`).
pub fn path(rel: &str) -> PathBuf {
    require().join(rel)
}

/// The text of a file of `shared/`.
pub fn text(rel: &str) -> String {
    let p = path(rel);
    std::fs::read_to_string(&p).unwrap_or_else(|e| panic!("{}: {e}", p.display()))
}

/// The bytes of a file of `shared/`.
pub fn bytes(rel: &str) -> Vec<u8> {
    let p = path(rel);
    std::fs::read(&p).unwrap_or_else(|e| panic!("{}: {e}", p.display()))
}

/// Run the meter `tools/SCRIPT` on a reference text and a built document
/// with `--show-missing`: its output, the meter having succeeded.
fn meter(script: &str, reference: &Path, html: &Path) -> String {
    let o = Command::new("python3")
        .arg(require().join("tools").join(script))
        .arg(reference)
        .arg(html)
        .arg("--show-missing")
        .output()
        .expect("python3 runs the meter");
    let out = String::from_utf8_lossy(&o.stdout).into_owned();
    assert!(
        o.status.success(),
        "{script} failed: {out}{}",
        String::from_utf8_lossy(&o.stderr)
    );
    out
}

/// The `M/N` of the meter's result line `{prefix}M/N {unit}`.
fn result(out: &str, prefix: &str, unit: &str) -> (usize, usize) {
    let line = out
        .lines()
        .find_map(|l| l.strip_prefix(prefix))
        .unwrap_or_else(|| panic!("no result line `{prefix}` in {out}"));
    let (m, n) = line
        .trim_end_matches(unit)
        .trim()
        .split_once('/')
        .expect("M/N");
    (m.trim().parse().expect("M"), n.trim().parse().expect("N"))
}

/// The strict meter's result: rows found, of all, and the reference lines
/// it missed (line number → its cells).
pub struct Strict {
    pub found: usize,
    pub total: usize,
    pub missing: BTreeMap<usize, String>,
}

/// `tools/fidelity_strict.py`: every table row of `reference`, cell for
/// cell as printed, in `html`.
pub fn strict(reference: &Path, html: &Path) -> Strict {
    let out = meter("fidelity_strict.py", reference, html);
    let mut missing = BTreeMap::new();
    for line in out.lines() {
        if let Some(rest) = line.strip_prefix("missing (line ") {
            let (n, cells) = rest.split_once("): ").expect("missing line");
            missing.insert(n.parse().expect("line number"), cells.to_string());
        }
    }
    let (found, total) = result(&out, "strict fidelity: ", " rows");
    Strict {
        found,
        total,
        missing,
    }
}

/// The narrative meter's result: sentences found, of all, and the
/// sentences missed.
pub struct Narrative {
    pub found: usize,
    pub of: usize,
    pub missing: Vec<String>,
}

/// `tools/narrative_fidelity.py`: every figure-bearing sentence of
/// `reference` word for word in `html` (the meter's output is printed).
pub fn narrative(reference: &Path, html: &Path) -> Narrative {
    let out = meter("narrative_fidelity.py", reference, html);
    print!("{out}");
    let missing = out
        .lines()
        .filter_map(|l| l.strip_prefix("missing: "))
        .map(str::to_string)
        .collect();
    let (found, of) = result(&out, "narrative fidelity: ", " sentences");
    Narrative { found, of, missing }
}
