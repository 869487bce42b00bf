//! Every example takes the fast parser (`src/syntax/fast.rs`): a clean file
//! that falls back to pest costs several times the parse (see README,
//! Performance). Not a timing: whether the fast path accepts, and builds
//! pest's tree.

use std::path::Path;

#[test]
fn every_example_takes_the_fast_path() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples");
    let mut seen = 0;
    let mut entries: Vec<_> = std::fs::read_dir(&dir)
        .expect("examples")
        .map(|e| e.expect("entry").path())
        .filter(|p| p.extension().is_some_and(|x| x == "budget"))
        .collect();
    entries.sort();
    for p in entries {
        let text = std::fs::read_to_string(&p).expect("read");
        let (fast, pest) = budget::syntax::both_parsers(&text);
        assert!(fast.is_some(), "{}: the fast parser gave up", p.display());
        assert_eq!(fast, pest, "{}: the two parsers differ", p.display());
        seen += 1;
    }
    assert!(seen >= 4, "{seen} examples");
}
