//! A thousand departments in one process: `budget`'s parse+check against
//! serde_json reading the same models from JSON.
//!
//! `cargo bench --bench corpus`. The corpus is generated in memory
//! (`benches/support/corpus.rs`, seed 2024); each department is checked once
//! to get its model, which is serialised as `budget build --format json`
//! writes it (pretty-printed). Then:
//!
//! * `corpus/check`: `check_source` over all 1,000 sources (one thread);
//! * `corpus/serde_json`: `serde_json::from_str::<Budget>` over all 1,000 JSON
//!   texts (one thread);
//!
//! and, after criterion, five interleaved rounds of both (best of each) printed with their
//! ratio (`serde_json time / budget time`: budget's throughput as a fraction
//! of serde_json's, in models per second), also against compact JSON.
//!
//! Under `cargo test` (no `--bench`) each benchmark runs once on 20 departments
//! and nothing is timed.
//!
//! A department that does not check clean is no benchmark: each such one is
//! printed with its diagnostics, then their names, and the run exits 1.

#[path = "support/clean.rs"]
mod clean;
#[path = "support/corpus.rs"]
mod corpus;

use budget::model::Budget;
use budget::{check_source, Options};
use criterion::{black_box, Criterion, Throughput};
use std::process::ExitCode;
use std::time::{Duration, Instant};

struct Data {
    sources: Vec<String>,
    pretty: Vec<String>,
    compact: Vec<String>,
}

/// The corpus and its models, or the report of every department that does
/// not check clean (the benchmark compares models of clean departments).
fn data(n: usize) -> Result<Data, String> {
    let options = Options::default();
    let sources: Vec<String> = (0..n)
        .map(|i| corpus::department(corpus::DEFAULT_SEED, i))
        .collect();
    let mut pretty = Vec::with_capacity(n);
    let mut compact = Vec::with_capacity(n);
    let mut unclean = Vec::new();
    for (i, s) in sources.iter().enumerate() {
        let checked = check_source(s, &options);
        if !checked.diagnostics.is_empty() {
            unclean.push((
                corpus::file_name(i),
                clean::report(&corpus::file_name(i), s, &checked.diagnostics),
            ));
            continue;
        }
        pretty.push(serde_json::to_string_pretty(&checked.budget).expect("serialise"));
        compact.push(serde_json::to_string(&checked.budget).expect("serialise"));
    }
    if !unclean.is_empty() {
        let names: Vec<&str> = unclean.iter().map(|(name, _)| name.as_str()).collect();
        let reports: Vec<&str> = unclean.iter().map(|(_, r)| r.as_str()).collect();
        return Err(format!(
            "{}\n{} of the {n} generated departments (seed {}) do not check clean: {}",
            reports.join("\n"),
            unclean.len(),
            corpus::DEFAULT_SEED,
            names.join(", ")
        ));
    }
    Ok(Data {
        sources,
        pretty,
        compact,
    })
}

fn check_all(sources: &[String], options: &Options) -> usize {
    sources
        .iter()
        .map(|s| check_source(black_box(s), options).diagnostics.len())
        .sum()
}

fn read_all(jsons: &[String]) -> usize {
    jsons
        .iter()
        .map(|j| {
            let b: Budget = serde_json::from_str(black_box(j)).expect("deserialise");
            b.projects.len()
        })
        .sum()
}

fn bytes(v: &[String]) -> u64 {
    v.iter().map(|s| s.len() as u64).sum()
}

fn time<F: FnMut() -> usize>(mut f: F) -> Duration {
    let t = Instant::now();
    black_box(f());
    t.elapsed()
}

fn main() -> ExitCode {
    let bench = std::env::args().any(|a| a == "--bench");
    let n = if bench { 1000 } else { 20 };
    let d = match data(n) {
        Ok(d) => d,
        Err(report) => {
            eprintln!("{report}");
            return ExitCode::FAILURE;
        }
    };
    let options = Options::default();

    let mut c = Criterion::default()
        .sample_size(10)
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(5))
        .configure_from_args();
    {
        let mut g = c.benchmark_group("corpus");
        g.throughput(Throughput::Bytes(bytes(&d.sources)));
        g.measurement_time(Duration::from_secs(14));
        g.bench_function(format!("check_{n}"), |b| {
            b.iter(|| check_all(&d.sources, &options))
        });
        g.throughput(Throughput::Bytes(bytes(&d.pretty)));
        g.measurement_time(Duration::from_secs(8));
        g.bench_function(format!("serde_json_{n}"), |b| {
            b.iter(|| read_all(&d.pretty))
        });
        g.finish();
    }
    c.final_summary();

    if !bench {
        // `cargo test`: a debug build, each benchmark run once above; no timings
        return ExitCode::SUCCESS;
    }
    // interleaved rounds, best of each: a busy machine slows both alike
    let runs = 5;
    let (mut ours, mut pretty, mut compact) = (Duration::MAX, Duration::MAX, Duration::MAX);
    for _ in 0..runs {
        ours = ours.min(time(|| check_all(&d.sources, &options)));
        pretty = pretty.min(time(|| read_all(&d.pretty)));
        compact = compact.min(time(|| read_all(&d.compact)));
    }
    let mb = |b: u64, t: Duration| b as f64 / 1e6 / t.as_secs_f64();
    let per = |t: Duration| t.as_secs_f64() * 1e3 / n as f64;
    println!();
    println!("{n} departments, best of {runs}, one thread:");
    println!(
        "  budget parse+check   {:>8.3} s  {:>6.3} ms/department  {:>7.1} MB/s of .budget ({:.1} MB)",
        ours.as_secs_f64(),
        per(ours),
        mb(bytes(&d.sources), ours),
        bytes(&d.sources) as f64 / 1e6
    );
    for (name, t, b) in [
        ("serde_json (pretty) ", pretty, bytes(&d.pretty)),
        ("serde_json (compact)", compact, bytes(&d.compact)),
    ] {
        println!(
            "  {name} {:>8.3} s  {:>6.3} ms/department  {:>7.1} MB/s of JSON ({:.1} MB)",
            t.as_secs_f64(),
            per(t),
            mb(b, t),
            b as f64 / 1e6
        );
    }
    println!(
        "  ratio (budget throughput / serde_json throughput, same models): {:.2} vs pretty JSON, {:.2} vs compact JSON (target ≥ 0.30)",
        pretty.as_secs_f64() / ours.as_secs_f64(),
        compact.as_secs_f64() / ours.as_secs_f64()
    );
    ExitCode::SUCCESS
}
