//! Headless Chromium for the tests of self-contained pages (the diff page,
//! the reviewer's report): the DOM the browser builds from a page on disk.
//!
//! A missing browser is a notice and a pass on a developer's machine, and a
//! failure in CI (`CI` set), where `scripts/install-tools` installs it.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

fn on_path(name: &str) -> Option<PathBuf> {
    std::env::var_os("PATH").and_then(|p| {
        std::env::split_paths(&p)
            .map(|d| d.join(name))
            .find(|p| p.is_file())
    })
}

/// A missing tool: a notice and a pass here, a failure in CI.
pub fn missing(what: &str) {
    let msg = format!("{what} — run scripts/install-tools (scripts/test does)");
    if std::env::var_os("CI").is_some() {
        panic!("{msg}");
    }
    eprintln!("SKIPPED: {msg}");
}

/// The DOM of `page` after Chromium loaded it, or `None` (after [`missing`])
/// when there is no browser. `profile` is a scratch folder for the browser.
pub fn dump_dom(page: &Path, profile: &Path) -> Option<String> {
    let Some(browser) = on_path("chromium").or_else(|| on_path("chromium-browser")) else {
        missing("chromium not found");
        return None;
    };
    let mut child = Command::new(browser)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
            "--disable-dev-shm-usage",
        ])
        .arg(format!("--user-data-dir={}", profile.display()))
        .arg("--dump-dom")
        .arg(format!("file://{}", page.display()))
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("start chromium");
    let mut out = child.stdout.take().expect("stdout");
    let reader = std::thread::spawn(move || {
        let mut s = String::new();
        let _ = std::io::Read::read_to_string(&mut out, &mut s);
        s
    });
    let start = Instant::now();
    while child.try_wait().expect("wait").is_none() {
        if start.elapsed() > Duration::from_secs(180) {
            let _ = child.kill();
            let _ = child.wait();
            panic!("chromium timed out");
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    let _ = std::fs::remove_dir_all(profile);
    Some(reader.join().expect("reader"))
}
