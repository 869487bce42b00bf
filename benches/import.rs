//! `budget import` on a published document's text: our own time, not
//! pdftotext's (the text is read before the timed loop).
//!
//! `cargo bench --bench import`. Inputs from ../shared (skipped when absent):
//! the seed (a Shanxi county department in the seed's tab form, 13 tables
//! and 5 绩效目标申报表) and 万里 2024 (`pdftotext -layout` of a 34-page
//! Shanghai PDF, six units). The measure: a 30-page document in
//! under 1 s.

use budget::catalog::Catalog;
use budget::import::{import_text, ImportOptions};
use criterion::{black_box, criterion_group, criterion_main, Criterion, Throughput};
use std::path::PathBuf;
use std::time::Duration;

fn shared() -> PathBuf {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let near = root.join("..").join("shared");
    if near.is_dir() {
        near
    } else {
        root.join("..").join("..").join("shared")
    }
}

fn inputs() -> Vec<(&'static str, String)> {
    let s = shared();
    [
        ("seed", s.join("seed").join("000_01a1d3103f4588d7.txt")),
        (
            "shanghai-34-pages",
            s.join("reference")
                .join("shanghai-putuo-wanli-2024-budget.txt"),
        ),
    ]
    .into_iter()
    .filter_map(|(name, path)| match std::fs::read_to_string(&path) {
        Ok(text) => Some((name, text)),
        Err(_) => {
            eprintln!("note: {} is not there; skipped", path.display());
            None
        }
    })
    .collect()
}

fn import(c: &mut Criterion) {
    let catalog = Catalog::builtin();
    let opts = ImportOptions::default();
    let mut g = c.benchmark_group("import");
    for (name, text) in inputs() {
        g.throughput(Throughput::Bytes(text.len() as u64));
        g.bench_function(name, |b| {
            b.iter(|| import_text(black_box(&text), &opts, &catalog))
        });
    }
    g.finish();
}

criterion_group! {
    name = benches;
    config = Criterion::default()
        .sample_size(10)
        .warm_up_time(Duration::from_millis(500))
        .measurement_time(Duration::from_secs(3));
    targets = import
}
criterion_main!(benches);
