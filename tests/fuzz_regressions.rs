//! Every input a fuzz target of `fuzz/` ever failed on, replayed through the
//! same target code (`fuzz/src/lib.rs`, included here): the files are in
//! `tests/fuzz-regressions/<target>/`, one folder per target, each named
//! after what it found. A new crash: copy `fuzz/artifacts/<target>/crash-…`
//! there with a telling name, fix, and this test keeps it fixed.

#[allow(dead_code)]
#[path = "../fuzz/src/lib.rs"]
mod fuzzlib;

use std::path::Path;

type Target = fn(&[u8]);

const TARGETS: &[(&str, Target)] = &[
    ("parse", fuzzlib::targets::parse),
    ("check", fuzzlib::targets::check),
    ("fmt", fuzzlib::targets::fmt),
    ("render", fuzzlib::targets::render),
    ("editor", fuzzlib::targets::editor),
];

#[test]
fn every_past_fuzz_crash_stays_fixed() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fuzz-regressions");
    let mut n = 0;
    for (name, target) in TARGETS {
        let dir = root.join(name);
        let Ok(entries) = std::fs::read_dir(&dir) else {
            continue;
        };
        let mut files: Vec<_> = entries.flatten().map(|e| e.path()).collect();
        files.sort();
        for f in files {
            let data = std::fs::read(&f).expect("a fixture");
            // every target, not only the one that found it: a crash input is
            // a good input for all of them
            for (_, t) in TARGETS {
                let r = std::panic::catch_unwind(|| t(&data));
                assert!(r.is_ok(), "{} ({name}) fails again", f.display());
            }
            target(&data);
            n += 1;
        }
    }
    assert!(n > 0, "no fixtures in {}", root.display());
}

/// The examples and the diagnostics cases pass every target too (the seeds).
#[test]
fn the_seed_corpus_passes_every_target() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    for dir in ["examples", "tests/diagnostics"] {
        for e in std::fs::read_dir(root.join(dir)).expect("dir").flatten() {
            let p = e.path();
            if p.extension().is_some_and(|x| x == "budget")
                && p.metadata().map(|m| m.len() < 100_000).unwrap_or(false)
            {
                let data = std::fs::read(&p).expect("read");
                for (name, t) in TARGETS {
                    if *name == "render" && dir == "tests/diagnostics" {
                        continue; // the examples cover rendering; keeps this test fast
                    }
                    let r = std::panic::catch_unwind(|| t(&data));
                    assert!(r.is_ok(), "{} fails {name}", p.display());
                }
            }
        }
    }
}
