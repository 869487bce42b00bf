//! The schema (src/schema.rs) against lowering: for every key of every
//! place, its example is accepted there (in every spelling); an unknown
//! sibling beside it is one L005 at the sibling, with the place's keys as
//! did-you-mean; a key allowed once, written twice (in any two spellings), is
//! L007 at the second. A key lowering accepts but the schema lacks, or the
//! other way round, fails here. docs/LANGUAGE.md's key tables are generated from the
//! schema.

use budget::diagnostic::Diagnostic;
use budget::schema::{self, Key, Place, KEYS, PLACES};
use budget::{check_source, Options};

/// A small document every place is put into.
const BASE: &[(&str, &str)] = &[
    ("年度", "年度 2024"),
    ("部门", "部门 \"甲\""),
    ("口径", "口径 山西县级"),
    ("金额单位", "金额单位 万元"),
    ("单位", "单位 \"甲\" { 类型 行政 }"),
];

/// The document with `stmts` at `place` (a top-level key replaces the base's
/// statement of the same keyword, so that it is not written twice).
fn document(place: Place, stmts: &str, replacing: Option<&str>) -> String {
    let mut out = String::new();
    for (w, line) in BASE {
        if place == Place::Top && Some(*w) == replacing {
            continue;
        }
        out.push_str(line);
        out.push('\n');
    }
    let wrap = schema::info(place).wrap;
    out.push_str(&wrap.replace("{}", stmts));
    out.push('\n');
    out
}

fn diags(src: &str) -> Vec<Diagnostic> {
    check_source(src, &Options::default()).diagnostics
}

fn codes<'a>(ds: &'a [Diagnostic], code: &str) -> Vec<&'a Diagnostic> {
    ds.iter().filter(|d| d.code == code).collect()
}

/// The example with its keyword spelt `word`.
fn spelt(k: &Key, word: &str) -> String {
    assert!(
        k.example.starts_with(k.word),
        "{:?} {}: the example starts with its keyword",
        k.place,
        k.word
    );
    format!("{word}{}", &k.example[k.word.len()..])
}

fn spellings(k: &Key) -> Vec<&'static str> {
    std::iter::once(k.word)
        .chain(k.variants.iter().copied())
        .collect()
}

#[test]
fn every_key_is_accepted_at_its_place_in_every_spelling() {
    let mut failures = Vec::new();
    for k in KEYS {
        for w in spellings(k) {
            let src = document(k.place, &spelt(k, w), Some(k.word));
            let ds = diags(&src);
            let bad: Vec<String> = ds
                .iter()
                .filter(|d| matches!(d.code.as_str(), "L001" | "L005" | "L006" | "L007"))
                .map(|d| format!("{} {}", d.code, &src[d.span.start..d.span.end]))
                .collect();
            if !bad.is_empty() {
                failures.push(format!("{:?} {w}: {bad:?}\n{src}", k.place));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn an_unknown_sibling_of_every_key_is_l005_with_the_places_keys() {
    let mut failures = Vec::new();
    for k in KEYS {
        let src = document(k.place, &format!("{}\n胡说八道 1", k.example), Some(k.word));
        let ds = diags(&src);
        let l005 = codes(&ds, "L005");
        let at = src.find("胡说八道").expect("sibling");
        let ok = l005.len() == 1
            && l005[0].span.start == at
            && l005[0].help.as_ref().is_some_and(|h| {
                // did-you-mean lists the place's keys (no key is close to 胡说八道)
                schema::words(k.place).iter().all(|w| h.zh.contains(w))
            });
        if !ok {
            failures.push(format!(
                "{:?} {}: {:?}",
                k.place,
                k.word,
                l005.iter()
                    .map(|d| (
                        &src[d.span.start..d.span.end],
                        d.help.as_ref().map(|h| h.zh.clone())
                    ))
                    .collect::<Vec<_>>()
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn a_key_allowed_once_written_twice_is_l007_in_any_two_spellings() {
    let mut failures = Vec::new();
    for k in KEYS.iter().filter(|k| !k.many) {
        for w in spellings(k) {
            let second = spelt(k, w);
            let src = document(k.place, &format!("{}\n{second}", k.example), Some(k.word));
            let ds = diags(&src);
            let at = src.rfind(&second).expect("second");
            let l007 = codes(&ds, "L007");
            if !l007.iter().any(|d| d.span.start == at) {
                failures.push(format!(
                    "{:?} {} then {w}: {:?}",
                    k.place,
                    k.word,
                    ds.iter().map(|d| d.code.as_str()).collect::<Vec<_>>()
                ));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn a_key_allowed_many_times_may_be_repeated() {
    for k in KEYS.iter().filter(|k| k.many) {
        // a repeated statement of its own (another unit, project, table …)
        let again = k
            .example
            .replacen("\"丙\"", "\"丁\"", 1)
            .replacen("\"乙项目\"", "\"丁项目\"", 1)
            .replacen("表 1", "表 2", 1)
            .replacen("30101", "30102", 1)
            .replacen("上年结转 0", "上年结转 政府性基金预算 0", 1)
            .replacen("（不含车辆）\" 0", "（含车辆）\" 0", 1);
        let src = document(k.place, &format!("{}\n{again}", k.example), Some(k.word));
        let ds = diags(&src);
        assert!(
            codes(&ds, "L007").is_empty() && codes(&ds, "L005").is_empty(),
            "{:?} {}: {:?}",
            k.place,
            k.word,
            ds.iter().map(|d| d.code.as_str()).collect::<Vec<_>>()
        );
    }
}

#[test]
fn every_place_has_a_reachable_wrap() {
    for p in PLACES {
        // the wrap alone (an empty block) is no L005: its path is right
        let src = document(p.place, "", None);
        let ds = diags(&src);
        assert!(codes(&ds, "L005").is_empty(), "{:?}: {src}", p.place);
    }
}

/// The appendix of docs/LANGUAGE.md between its markers is the schema's
/// tables (`BUDGET_UPDATE_DOCS=1 cargo test --test schema` rewrites it).
#[test]
fn the_language_reference_appendix_is_generated_from_the_schema() {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/LANGUAGE.md");
    let doc = std::fs::read_to_string(&path).expect("LANGUAGE.md");
    let (begin, end) = ("<!-- schema:begin -->", "<!-- schema:end -->");
    let (Some(b), Some(e)) = (doc.find(begin), doc.find(end)) else {
        panic!("docs/LANGUAGE.md has no {begin} … {end} section");
    };
    let inside = &doc[b + begin.len()..e];
    let want = schema::markdown();
    if inside != want {
        if std::env::var_os("BUDGET_UPDATE_DOCS").is_some() {
            let new = format!("{}{begin}{want}{}", &doc[..b], &doc[e..]);
            std::fs::write(&path, new).expect("write");
        } else {
            panic!("docs/LANGUAGE.md's key tables differ from the schema: run BUDGET_UPDATE_DOCS=1 cargo test --test schema");
        }
    }
}

#[test]
fn completion_offers_the_schema_keys_of_the_place() {
    use budget::editor::{Analysis, Position};
    // every place, the cursor where its wrap puts the statement
    for info in PLACES {
        let wrapped = format!("年度 2024\n{}\n", info.wrap);
        let at = wrapped.find("{}").expect("a wrap holds {}");
        let src = wrapped.replacen("{}", "", 1);
        let before = &src[..at];
        let line = before.matches('\n').count() as u32;
        let col = before
            .rsplit('\n')
            .next()
            .unwrap_or("")
            .encode_utf16()
            .count() as u32;
        let opts = Options::default();
        let a = Analysis::new(&src, &opts);
        let items = budget::editor::complete::complete(
            &a,
            Position::new(line, col),
            budget::diagnostic::Lang::Zh,
            &opts.catalog,
        );
        for w in schema::words(info.place) {
            assert!(
                items.iter().any(|i| i.label == w),
                "{:?}: {w} not offered in\n{src}: {:?}",
                info.place,
                items.iter().map(|i| i.label.clone()).collect::<Vec<_>>()
            );
        }
    }
}

#[test]
fn hover_on_a_keyword_shows_its_schema_doc_at_its_place() {
    use budget::editor::{hover::hover, Analysis, Position};
    let src = "年度 2024\n政府采购 {\n  合计 2\n}\n三公经费 {\n  合计 1\n  运行费 0\n}\n";
    let opts = Options::default();
    let a = Analysis::new(src, &opts);
    let at = |line, character| {
        hover(
            &a,
            Position::new(line, character),
            budget::diagnostic::Lang::Zh,
            &opts.catalog,
        )
        .map(|h| h.markdown)
        .unwrap_or_default()
    };
    // the same word means what its place says
    let procurement = schema::find(Place::Procurement, "合计").expect("key");
    let three = schema::find(Place::ThreePublic, "合计").expect("key");
    assert!(at(2, 3).contains(procurement.zh), "{}", at(2, 3));
    assert!(at(5, 3).contains(three.zh), "{}", at(5, 3));
    // a variant is shown as its key
    let running = at(6, 3);
    assert!(running.starts_with("**公务用车运行维护费**"), "{running}");
    assert!(at(0, 1).contains("预算年度"), "{}", at(0, 1));
}
