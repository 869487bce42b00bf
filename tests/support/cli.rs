//! Running the `budget` binary (and other programs) from a test, scratch
//! folders for its files, and the files an example names read from disk:
//! shared by the tests of commands (diff, the review page, the meters).

#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// The repository root (where `examples/` and `../shared` are found).
pub fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// Run `budget ARGS…` in the repository root.
pub fn budget(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_budget"))
        .args(args)
        .current_dir(root())
        .output()
        .expect("run budget")
}

/// A fresh, empty folder for one test (`prefix` names the test file).
pub fn scratch_in(prefix: &str, name: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("budget-{prefix}-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).expect("scratch dir");
    d
}

pub fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

pub fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// The program `cmd` (typst, pdftotext…) found on the `PATH`.
pub fn which(cmd: &str) -> Option<PathBuf> {
    std::env::var_os("PATH").and_then(|p| {
        std::env::split_paths(&p)
            .map(|d| d.join(cmd))
            .find(|f| f.is_file())
    })
}

/// Whether the program `cmd` is on the `PATH`.
pub fn on_path(cmd: &str) -> bool {
    which(cmd).is_some()
}

/// Files an example names (`上年 文件 "…"`) are read from disk.
pub fn read_disk(p: &Path) -> Result<String, String> {
    std::fs::read_to_string(p).map_err(|e| e.to_string())
}
