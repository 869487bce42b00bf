//! The pipeline on one department: parse, check, render.
//!
//! `cargo bench --bench pipeline`. Inputs: the seed example (a small Shanxi
//! county department), the Shanghai example (six units, 元), and the largest
//! department `benches/support/corpus.rs` generates (6 units, every 项 code of
//! the catalog, 60 economic 款, 40 projects with full performance tables).

#[path = "support/corpus.rs"]
mod corpus;

use budget::{check_source, render, syntax, Options};
use criterion::{black_box, criterion_group, criterion_main, Criterion, Throughput};
use std::time::Duration;

const SEED: &str = include_str!("../examples/jinzhong-chanyelian-2024.budget");
const SHANGHAI: &str = include_str!("../examples/shanghai-putuo-wanli-2024.budget");

fn inputs() -> Vec<(&'static str, String)> {
    vec![
        ("seed", SEED.to_string()),
        ("shanghai", SHANGHAI.to_string()),
        ("large", corpus::large(corpus::DEFAULT_SEED)),
    ]
}

fn parse(c: &mut Criterion) {
    let mut g = c.benchmark_group("parse");
    for (name, src) in inputs() {
        g.throughput(Throughput::Bytes(src.len() as u64));
        g.bench_function(name, |b| b.iter(|| syntax::parse(black_box(&src))));
    }
    g.finish();
}

fn check(c: &mut Criterion) {
    let options = Options::default();
    let mut g = c.benchmark_group("check");
    for (name, src) in inputs() {
        g.throughput(Throughput::Bytes(src.len() as u64));
        g.bench_function(name, |b| b.iter(|| check_source(black_box(&src), &options)));
    }
    g.finish();
}

// ---- render (HTML, Typst) ---------------------------------------------------

/// Each input checked once, outside the timed loops; then laying out its
/// document (`render::build`: its profile's tables, narrative and charts)
/// and writing the laid-out document as HTML and as Typst.
fn render(c: &mut Criterion) {
    let options = Options::default();
    let mut g = c.benchmark_group("render");
    for (name, src) in [("seed", SEED), ("shanghai", SHANGHAI)] {
        let checked = check_source(src, &options);
        let doc = render::build(&checked.budget, &options.catalog, false).expect("lay out");
        g.bench_function(format!("layout/{name}"), |b| {
            b.iter(|| render::build(black_box(&checked.budget), &options.catalog, false))
        });
        g.bench_function(format!("html/{name}"), |b| {
            b.iter(|| render::html::render(black_box(&doc)))
        });
        g.bench_function(format!("typst/{name}"), |b| {
            b.iter(|| render::typst::render(black_box(&doc)))
        });
    }
    g.finish();
}

criterion_group! {
    name = benches;
    config = Criterion::default()
        .sample_size(30)
        .warm_up_time(Duration::from_millis(500))
        .measurement_time(Duration::from_secs(3));
    targets = parse, check, render
}
criterion_main!(benches);
