//! Write a corpus of synthetic departments for benchmarks and batch tests.
//!
//! ```sh
//! cargo run --release --example gen-corpus -- N DIR [--seed S] [--json JSON_DIR]
//! ```
//!
//! Writes `DIR/dept-00000.budget` … (N files). The same N and seed give
//! byte-identical files (department i depends only on the seed and i).
//! `--json JSON_DIR` also writes each department's checked model as
//! `budget build --format json` does (`JSON_DIR/dept-00000.json` …), for
//! comparing against JSON readers (scripts/bench-vs-python).
//!
//! The generator lives in `benches/support/corpus.rs`, shared with the
//! benchmarks and `tests/corpus.rs`.

#[path = "../benches/support/corpus.rs"]
mod corpus;

use std::path::PathBuf;
use std::process::ExitCode;

fn usage() -> ExitCode {
    eprintln!("usage: gen-corpus N DIR [--seed S] [--json JSON_DIR]");
    ExitCode::from(2)
}

fn main() -> ExitCode {
    let mut args = std::env::args().skip(1);
    let mut positional = Vec::new();
    let mut seed = corpus::DEFAULT_SEED;
    let mut json: Option<PathBuf> = None;
    while let Some(a) = args.next() {
        match a.as_str() {
            "--seed" => match args.next().and_then(|s| s.parse().ok()) {
                Some(s) => seed = s,
                None => return usage(),
            },
            "--json" => match args.next() {
                Some(d) => json = Some(PathBuf::from(d)),
                None => return usage(),
            },
            _ => positional.push(a),
        }
    }
    let [n, dir] = positional.as_slice() else {
        return usage();
    };
    let Ok(n) = n.parse::<usize>() else {
        return usage();
    };
    let dir = PathBuf::from(dir);
    if let Err(e) = std::fs::create_dir_all(&dir) {
        eprintln!("gen-corpus: cannot create {}: {e}", dir.display());
        return ExitCode::from(2);
    }
    if let Some(j) = &json {
        if let Err(e) = std::fs::create_dir_all(j) {
            eprintln!("gen-corpus: cannot create {}: {e}", j.display());
            return ExitCode::from(2);
        }
    }
    let options = budget::Options::default();
    let mut bytes = 0usize;
    let mut json_bytes = 0usize;
    for i in 0..n {
        let src = corpus::department(seed, i);
        bytes += src.len();
        let path = dir.join(corpus::file_name(i));
        if let Err(e) = std::fs::write(&path, &src) {
            eprintln!("gen-corpus: cannot write {}: {e}", path.display());
            return ExitCode::from(2);
        }
        if let Some(j) = &json {
            let checked = budget::check_source(&src, &options);
            let text = match serde_json::to_string_pretty(&checked.budget) {
                Ok(t) => t,
                Err(e) => {
                    eprintln!("gen-corpus: cannot serialise: {e}");
                    return ExitCode::from(2);
                }
            };
            json_bytes += text.len();
            let path = j.join(format!("dept-{i:05}.json"));
            if let Err(e) = std::fs::write(&path, text) {
                eprintln!("gen-corpus: cannot write {}: {e}", path.display());
                return ExitCode::from(2);
            }
        }
    }
    eprintln!(
        "gen-corpus: {n} departments, {:.1} MB of .budget in {}{}",
        bytes as f64 / 1e6,
        dir.display(),
        match &json {
            Some(j) => format!(
                ", {:.1} MB of JSON in {}",
                json_bytes as f64 / 1e6,
                j.display()
            ),
            None => String::new(),
        }
    );
    ExitCode::SUCCESS
}
