//! The synthetic corpus (benches/support/corpus.rs): every generated
//! department checks with no diagnostic at all, generation is reproducible,
//! and the models round-trip through JSON.

#[path = "../benches/support/corpus.rs"]
mod corpus;

use budget::{check_source, Options};

const SEED: u64 = corpus::DEFAULT_SEED;

fn clean(name: &str, src: &str) {
    let checked = check_source(src, &Options::default());
    assert!(
        checked.diagnostics.is_empty(),
        "{name}: {} diagnostics:\n{}",
        checked.diagnostics.len(),
        budget::report::human(
            name,
            src,
            &checked.diagnostics,
            budget::diagnostic::Lang::En,
            false
        )
    );
}

#[test]
fn generated_departments_check_without_any_diagnostic() {
    for i in 0..20 {
        clean(&corpus::file_name(i), &corpus::department(SEED, i));
    }
    for seed in [1, 7, 99] {
        clean(&format!("seed {seed}"), &corpus::department(seed, 0));
    }
    clean("large", &corpus::large(SEED));
}

#[test]
fn generation_is_reproducible_and_varied() {
    for i in [0, 3, 17] {
        assert_eq!(corpus::department(SEED, i), corpus::department(SEED, i));
    }
    assert_ne!(corpus::department(SEED, 0), corpus::department(SEED, 1));
    assert_ne!(corpus::department(SEED, 0), corpus::department(SEED + 1, 0));
    assert_eq!(corpus::large(SEED), corpus::large(SEED));
}

#[test]
fn generated_departments_have_a_realistic_shape() {
    for i in 0..20 {
        let src = corpus::department(SEED, i);
        let b = check_source(&src, &Options::default()).budget;
        let xiang = b
            .derived
            .functions
            .iter()
            .filter(|n| n.level == budget::model::CodeLevel::Xiang)
            .count();
        assert!((20..=80).contains(&xiang), "{i}: {xiang} 项 rows");
        let lei = b
            .derived
            .functions
            .iter()
            .filter(|n| n.level == budget::model::CodeLevel::Lei)
            .count();
        assert!(lei >= 3, "{i}: {lei} 类");
        let kuan: usize = b
            .economic
            .iter()
            .flat_map(|blk| &blk.rows)
            .filter(|r| r.level == budget::model::CodeLevel::Kuan)
            .count();
        assert!((30..=60).contains(&kuan), "{i}: {kuan} economic 款");
        assert!(
            b.economic
                .iter()
                .flat_map(|blk| &blk.rows)
                .filter(|r| r.level == budget::model::CodeLevel::Kuan)
                .all(|r| r.government_code.is_some()),
            "{i}: every 款 maps to a 政府 code"
        );
        assert!((5..=40).contains(&b.projects.len()), "{i}: projects");
        assert!(b.projects.iter().filter(|p| p.published).all(|p| p
            .target
            .as_ref()
            .is_some_and(|t| !t.indicators_period.level1.is_empty())));
        assert!(b.three_public.written && b.procurement.is_some() && b.assets.is_some());
        assert!(b.last_year.reason.is_some() && !b.last_year.figures.is_empty());
        assert!(!b.units.is_empty() && b.derived.personnel > budget::model::Money::ZERO);
    }
}

#[test]
fn write_corpus_writes_identical_files() {
    let dir = std::env::temp_dir().join(format!("budget-corpus-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    let a = corpus::write_corpus(3, &dir.join("a"), SEED).expect("write");
    let b = corpus::write_corpus(3, &dir.join("b"), SEED).expect("write");
    for (x, y) in a.iter().zip(&b) {
        assert_eq!(
            std::fs::read(x).expect("read"),
            std::fs::read(y).expect("read")
        );
    }
    let _ = std::fs::remove_dir_all(&dir);
}
