//! Running the `budget` binary from a test, and scratch folders for its
//! files: shared by the tests of commands (diff, the review page).

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
