//! The model's JSON (what `budget build --format json` writes) reads back
//! into the model types: serialise → deserialise → serialise is identical,
//! for every example and for generated departments.

#[path = "support/cli.rs"]
mod cli;
#[path = "../benches/support/corpus.rs"]
mod corpus;

use budget::model::Budget;
use budget::{check_file, check_source, Options};
use std::path::{Path, PathBuf};
use std::process::Command;

fn examples() -> Vec<PathBuf> {
    let mut v: Vec<PathBuf> =
        std::fs::read_dir(Path::new(env!("CARGO_MANIFEST_DIR")).join("examples"))
            .expect("examples/")
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.extension().is_some_and(|x| x == "budget"))
            .collect();
    v.sort();
    v
}

fn round_trip(name: &str, json: &str) {
    let back: Budget = serde_json::from_str(json).unwrap_or_else(|e| panic!("{name}: {e}"));
    let again = serde_json::to_string_pretty(&back).expect("serialise");
    assert!(again == json, "{name}: the JSON does not round-trip");
}

#[test]
fn every_example_round_trips_through_json() {
    let options = Options::default();
    let ex = examples();
    assert!(ex.len() >= 2);
    for f in ex {
        let src = std::fs::read_to_string(&f).expect("read");
        let b = check_file(&f, &src, &options, &cli::read_disk).budget;
        let json = serde_json::to_string_pretty(&b).expect("serialise");
        round_trip(&f.display().to_string(), &json);
    }
}

#[test]
fn generated_departments_round_trip_through_json() {
    let options = Options::default();
    for i in 0..5 {
        let b = check_source(&corpus::department(corpus::DEFAULT_SEED, i), &options).budget;
        round_trip(
            &corpus::file_name(i),
            &serde_json::to_string_pretty(&b).expect("json"),
        );
    }
    let b = check_source(&corpus::large(corpus::DEFAULT_SEED), &options).budget;
    round_trip("large", &serde_json::to_string_pretty(&b).expect("json"));
}

#[test]
fn built_json_files_round_trip() {
    let out = std::env::temp_dir().join(format!("budget-model-json-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&out);
    for f in examples() {
        let status = Command::new(env!("CARGO_BIN_EXE_budget"))
            .args(["build", "--format", "json", "-o"])
            .arg(&out)
            .arg(&f)
            .current_dir(env!("CARGO_MANIFEST_DIR"))
            .output()
            .expect("run budget build");
        assert_eq!(
            status.status.code(),
            Some(0),
            "{}",
            String::from_utf8_lossy(&status.stderr)
        );
        let stem = f.file_stem().expect("stem").to_string_lossy().into_owned();
        let json = std::fs::read_to_string(out.join(format!("{stem}.json"))).expect("built json");
        round_trip(&stem, &json);
    }
    let _ = std::fs::remove_dir_all(&out);
}
