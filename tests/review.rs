//! The reviewer's report: `budget check --format html -o review.html FILE…`,
//! one self-contained page, loaded in headless Chromium.

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

const SEED: &str = "examples/jinzhong-chanyelian-2024.budget";

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn budget(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_budget"))
        .args(args)
        .current_dir(root())
        .output()
        .expect("run budget")
}

fn scratch(name: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("budget-review-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).expect("scratch dir");
    d
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// The seed with three mistakes a reviewer finds: a stated total that is off
/// (R-rule error), a comparison with the wrong year and doubled punctuation
/// in its prose (T3, T5 warnings).
fn reviewed_seed(dir: &Path) -> PathBuf {
    let src = std::fs::read_to_string(root().join(SEED)).expect("seed");
    let mut out = String::new();
    let mut year_done = false;
    for line in src.lines() {
        if line.starts_with("职责 \"") && !year_done {
            out.push_str("职责 \"本部门比2024年预算增加。。");
            out.push_str(&line["职责 \"".len()..]);
            year_done = true;
        } else if line.trim_start().starts_with("收入总计") && line.contains("1329.84") {
            out.push_str(&line.replace("1329.84", "1339.84"));
        } else {
            out.push_str(line);
        }
        out.push('\n');
    }
    assert!(year_done, "the seed has a 职责");
    let p = dir.join("seed-reviewed.budget");
    std::fs::write(&p, out).expect("write");
    p
}

fn on_path(name: &str) -> Option<PathBuf> {
    std::env::var_os("PATH").and_then(|p| {
        std::env::split_paths(&p)
            .map(|d| d.join(name))
            .find(|p| p.is_file())
    })
}

fn missing(what: &str) {
    let msg = format!("{what} — run scripts/install-tools (scripts/test does)");
    if std::env::var_os("CI").is_some() {
        panic!("{msg}");
    }
    eprintln!("SKIPPED: {msg}");
}

fn dump_dom(page: &Path) -> Option<String> {
    let Some(browser) = on_path("chromium").or_else(|| on_path("chromium-browser")) else {
        missing("chromium not found");
        return None;
    };
    let profile = scratch("chromium-profile");
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
    let _ = std::fs::remove_dir_all(&profile);
    Some(reader.join().expect("reader"))
}

fn assert_self_contained(html: &str) {
    for banned in [
        "<script", "http://", "https://", "<link", "src=", "@import", "url(",
    ] {
        assert!(!html.contains(banned), "{banned} in the page");
    }
}

#[test]
fn the_review_page_lists_every_finding_by_section() {
    let dir = scratch("one");
    let file = reviewed_seed(&dir);
    let page = dir.join("review.html");
    let o = budget(&[
        "check",
        "--format",
        "html",
        "-o",
        page.to_str().expect("path"),
        file.to_str().expect("path"),
    ]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let html = std::fs::read_to_string(&page).expect("page");
    assert_self_contained(&html);
    // the JSON report of the same file: every finding must be on the page
    let j = budget(&["check", "--format", "json", file.to_str().expect("path")]);
    let v: serde_json::Value = serde_json::from_slice(&j.stdout).expect("json");
    let diags = v["diagnostics"].as_array().expect("diagnostics");
    assert!(diags.iter().any(|d| d["code"] == "T3"));
    assert!(diags.iter().any(|d| d["code"] == "T5"));
    let Some(dom) = dump_dom(&page) else { return };
    assert!(dom.contains("预算公开审核报告"), "{dom:.300}");
    for d in diags {
        let code = d["code"].as_str().expect("code");
        let place = format!("行 {}:{}", d["line"], d["column"]);
        assert!(
            dom.contains(&format!("<code>{code}</code>")),
            "{code} missing"
        );
        assert!(dom.contains(&place), "{code} at {place} missing");
    }
    // sections: the prose findings under 职责, the total under 收入
    assert!(dom.contains("<h3>职责</h3>"));
    assert!(dom.contains("<h3>收入</h3>"));
    // the fix of the wrong year
    assert!(dom.contains("改为 <code>2023</code>"), "T3's fix");
    // the summary by kind counts the T3
    assert!(dom.contains("按类别"));
}

#[test]
fn a_folder_is_one_page_with_a_section_per_department() {
    let dir = scratch("folder");
    reviewed_seed(&dir);
    std::fs::copy(
        root().join("examples/shanghai-putuo-wanli-2024.budget"),
        dir.join("wanli.budget"),
    )
    .expect("copy");
    let page = dir.join("out.html");
    let o = budget(&[
        "check",
        "--format",
        "html",
        "--lang",
        "en",
        "-o",
        page.to_str().expect("path"),
        dir.to_str().expect("path"),
    ]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let html = std::fs::read_to_string(&page).expect("page");
    assert_self_contained(&html);
    assert_eq!(html.matches("<section class=\"file\"").count(), 2);
    assert!(html.contains("seed-reviewed.budget"));
    assert!(html.contains("wanli.budget"));
    assert!(html.contains("Budget disclosure review"));
    assert!(html.contains("2 file(s)"));
}
