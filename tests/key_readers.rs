//! Every key of the language is read: by a rule, by the document, or by both
//! (issue 9 §1). For each key of the schema (src/schema.rs) the test takes a
//! real example, changes the key there to a distinctive value (or, when no
//! example writes it, adds it at its place), checks and lays out the text
//! in-process, and records what changed against the example as it is:
//!
//! * the rule codes whose diagnostics appear, disappear or say something
//!   else (a rule reads the key; the shape codes of lowering — unknown key,
//!   duplicate, wrong value, missing, limits — are not readers);
//! * the parts of the document that change: a table, a section's text, a
//!   chart, the cover (a template reads the key);
//! * the fields of the JSON model that change (what lowering stored; alone,
//!   it is no reader).
//!
//! The probes, in order, until one shows a reader: in each example that
//! writes the key, its first statement with each distinctive value, then
//! removed; in each that does not, the key's schema example (distinctive,
//! then as written) in the example's own block of its place, else with the
//! surrounding blocks its place's wrap gives (`schema::PlaceInfo::wrap`; a
//! table's 排版 in each table); a key read only beside another fact has that
//! context added ([`CONTEXTS`]). A probe that gives a new shape code (the
//! statement does not fit there) is skipped. Layout reads only the model, so
//! a text whose model is unchanged is not laid out again.
//!
//! A key with neither a rule nor a document part fails the test, by name,
//! unless [`UNREAD`] lists it with why (a finding to fix). The table of
//! readers is docs/KEY-READERS.md (`BUDGET_UPDATE_DOCS=1 cargo test --test
//! key_readers` rewrites it after review).

use budget::diagnostic::Span;
use budget::render::document::{Block, Document, Table};
use budget::schema::{self, Key, Place, ValueKind, KEYS, PLACES};
use budget::syntax::ast::{self, Stmt, Value};
use budget::{check_file, Options};
use rust_decimal::Decimal;
use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;
use std::str::FromStr;

/// The examples, in the order a key is looked for in them.
const EXAMPLES: &[(&str, &str)] = &[
    (
        "jinzhong-chanyelian-2024.budget",
        include_str!("../examples/jinzhong-chanyelian-2024.budget"),
    ),
    (
        "shanghai-putuo-wanli-2025.budget",
        include_str!("../examples/shanghai-putuo-wanli-2025.budget"),
    ),
    (
        "shanghai-putuo-qufuban-2025.budget",
        include_str!("../examples/shanghai-putuo-qufuban-2025.budget"),
    ),
    (
        "shanghai-putuo-qufuban-2025-unit.budget",
        include_str!("../examples/shanghai-putuo-qufuban-2025-unit.budget"),
    ),
    (
        "shanghai-putuo-wanli-2024.budget",
        include_str!("../examples/shanghai-putuo-wanli-2024.budget"),
    ),
];

/// A text that no example writes, that reads as ordinary prose.
const PROBE_TEXT: &str = "探针文字三七。";

/// The examples read one another (上年 文件, 单位 文件) from memory.
fn sources(p: &Path) -> Result<String, String> {
    let name = p.file_name().and_then(|n| n.to_str()).unwrap_or_default();
    EXAMPLES
        .iter()
        .find(|(n, _)| *n == name)
        .map(|(_, t)| t.to_string())
        .ok_or_else(|| format!("{} is not an example", p.display()))
}

/// The codes of lowering that say a statement has the wrong shape: they
/// come from the schema, not from anything that reads the fact.
fn is_shape_code(code: &str) -> bool {
    code.starts_with('L') && code != "L010"
}

/// What one check and layout of a text gives, as far as a reader of a key
/// can change it.
struct Outcome {
    /// Rule code → its diagnostics' messages, sorted (every file checked).
    codes: BTreeMap<String, Vec<String>>,
    /// The document's parts in order: (name, content).
    parts: Vec<(String, String)>,
    model: serde_json::Value,
    /// A shape code that `base` lacks: the statement does not fit where it
    /// was put (e.g. a duplicate), which says nothing about readers; the text
    /// is not laid out.
    misplaced: bool,
}

/// `base`: the outcome compared with, if any; `fit`: whether a text that
/// does not fit is not laid out.
fn outcome(name: &str, src: &str, opts: &Options, base: Option<&Outcome>, fit: bool) -> Outcome {
    let checked = check_file(&Path::new("examples").join(name), src, opts, &sources);
    let mut codes: BTreeMap<String, Vec<String>> = BTreeMap::new();
    let linked = checked.files.iter().flat_map(|f| &f.checked.diagnostics);
    for d in checked.diagnostics.iter().chain(linked) {
        codes
            .entry(d.code.to_string())
            .or_default()
            .push(d.message.zh.to_string());
    }
    for messages in codes.values_mut() {
        messages.sort();
    }
    let model = serde_json::to_value(&checked.budget).expect("the model serializes");
    let misplaced = fit
        && base.is_some_and(|b| {
            codes.iter().any(|(code, ms)| {
                is_shape_code(code) && ms.len() > b.codes.get(code).map_or(0, Vec::len)
            })
        });
    // the layout reads only the model: the same model, the same document
    let parts = match base {
        Some(b) if misplaced || b.model == model => b.parts.clone(),
        _ => match budget::render::build(&checked.budget, &opts.catalog, false) {
            Ok(doc) => parts(&doc),
            Err(e) => vec![("（不能生成）".to_string(), e.to_string())],
        },
    };
    Outcome {
        codes,
        parts,
        model,
        misplaced,
    }
}

/// A document as named parts: the cover, each section's text, each table,
/// each chart.
fn parts(doc: &Document) -> Vec<(String, String)> {
    let mut out = vec![(
        "封面".to_string(),
        format!("{}\n{}\n{}", doc.department, doc.title, doc.subtitle),
    )];
    for part in &doc.parts {
        for s in &part.sections {
            let name = if s.title.is_empty() {
                &part.title
            } else {
                &s.title
            };
            let mut text = format!("{}\n{}\n", part.title, s.title);
            for b in &s.blocks {
                match b {
                    Block::Paragraph { text: t } => {
                        text.push_str(t);
                        text.push('\n');
                    }
                    Block::Table(t) => out.push((table_name(t), table_text(t))),
                    Block::Chart(c) => out.push((format!("图 {}", c.title), c.svg.clone())),
                }
            }
            out.push((format!("§ {name}"), text));
        }
    }
    out
}

fn table_name(t: &Table) -> String {
    if t.label.is_empty() {
        format!("表 {}", t.title)
    } else {
        t.label.clone()
    }
}

fn table_text(t: &Table) -> String {
    let mut out = format!("{}\n{}\n{:?}\n", t.title, t.meta.join("\n"), t.note);
    for row in t.header.iter().chain(t.rows.iter().map(|r| &r.cells)) {
        for c in row {
            out.push_str(&c.text);
            out.push('|');
        }
        out.push('\n');
    }
    out
}

/// What a change of the text changed: the readers it shows.
#[derive(Default, Debug)]
struct Readers {
    rules: BTreeSet<String>,
    document: BTreeSet<String>,
    model: BTreeSet<String>,
}

impl Readers {
    fn read(&self) -> bool {
        !self.rules.is_empty() || !self.document.is_empty()
    }
}

fn compare(base: &Outcome, new: &Outcome) -> Readers {
    let mut rules = BTreeSet::new();
    for code in base.codes.keys().chain(new.codes.keys()) {
        if !is_shape_code(code) && base.codes.get(code) != new.codes.get(code) {
            rules.insert(code.clone());
        }
    }
    let mut model = BTreeSet::new();
    model_paths(&base.model, &new.model, "", 0, &mut model);
    Readers {
        rules,
        document: changed_parts(&base.parts, &new.parts),
        model,
    }
}

/// The parts that differ: side by side when both documents have the same
/// parts (a name that changes is a change of that part), else those of
/// either that the other lacks.
fn changed_parts(a: &[(String, String)], b: &[(String, String)]) -> BTreeSet<String> {
    if a.len() == b.len() {
        return a
            .iter()
            .zip(b)
            .filter(|(x, y)| x != y)
            .map(|(x, _)| x.0.clone())
            .collect();
    }
    let set = |v: &[(String, String)]| v.iter().cloned().collect::<BTreeSet<_>>();
    let (sa, sb) = (set(a), set(b));
    sa.symmetric_difference(&sb).map(|p| p.0.clone()).collect()
}

/// The model's fields that differ, to three names deep (`[]` for an array's
/// items).
fn model_paths(
    a: &serde_json::Value,
    b: &serde_json::Value,
    path: &str,
    depth: usize,
    out: &mut BTreeSet<String>,
) {
    use serde_json::Value as J;
    if a == b {
        return;
    }
    match (a, b) {
        (J::Object(x), J::Object(y)) if depth < 3 => {
            for k in x.keys().chain(y.keys()) {
                let null = J::Null;
                let p = if path.is_empty() {
                    k.clone()
                } else {
                    format!("{path}.{k}")
                };
                let (va, vb) = (x.get(k).unwrap_or(&null), y.get(k).unwrap_or(&null));
                model_paths(va, vb, &p, depth + 1, out);
            }
        }
        (J::Array(x), J::Array(y)) if x.len() == y.len() => {
            for (va, vb) in x.iter().zip(y) {
                model_paths(va, vb, &format!("{path}[]"), depth, out);
            }
        }
        _ => {
            out.insert(path.to_string());
        }
    }
}

/// The statements of `stmts` that contain offset `at`, outermost first.
fn chain_at(stmts: &[Stmt], at: usize) -> Vec<&Stmt> {
    let mut out = Vec::new();
    let mut level = stmts;
    while let Some(s) = level.iter().find(|s| s.span.start <= at && at < s.span.end) {
        out.push(s);
        level = s.children();
    }
    out
}

/// Each place whose statements a key's block holds without the key being a
/// block of the schema (`上年 { 原因 { … } }`: 原因 also takes a text), as
/// its place's wrap (schema::PlaceInfo::wrap) shows: (place, key, inner).
fn wrapped_places() -> &'static [(Place, &'static str, Place)] {
    static ONCE: std::sync::OnceLock<Vec<(Place, &'static str, Place)>> =
        std::sync::OnceLock::new();
    ONCE.get_or_init(|| {
        let mut out = Vec::new();
        for p in PLACES {
            let Some(hole) = p.wrap.find("{}") else {
                continue;
            };
            let text = p.wrap.replacen("{}", "", 1);
            let tree = budget::syntax::parse(&text).file;
            let (mut at, mut last) = (Some(Place::Top), None);
            for s in chain_at(&tree.stmts, hole) {
                let k = at.zip(s.keyword()).and_then(|(a, w)| schema::find(a, w));
                last = k.map(|k| (k.place, k.word));
                at = k.and_then(schema::block_of);
            }
            if let (Some((place, word)), None) = (last, at) {
                out.push((place, word, p.place));
            }
        }
        out
    })
}

/// The place a key's block holds.
fn inner(key: &Key) -> Option<Place> {
    schema::block_of(key).or_else(|| {
        wrapped_places()
            .iter()
            .find(|(p, w, _)| *p == key.place && *w == key.word)
            .map(|(_, _, inner)| *inner)
    })
}

/// The statements of `key` written in `stmts` (at `place`), outermost first.
fn occurrences<'a>(stmts: &'a [Stmt], place: Place, key: &Key, out: &mut Vec<&'a Stmt>) {
    for s in stmts {
        let Some(k) = s.keyword().and_then(|w| schema::find(place, w)) else {
            continue;
        };
        if k.place == key.place && k.word == key.word {
            out.push(s);
        }
        if let (Some(p), Some(_)) = (inner(k), &s.block) {
            occurrences(s.children(), p, key, out);
        }
    }
}

/// How much a distinctive change adds: amounts 7.23万元 in the unit they
/// are written in, counts and years 1, codes 7, areas 7.23.
fn step(key: &Key, q: &ast::Quantity, doc_unit: &str) -> Decimal {
    let amount = |unit: &str| {
        let wan = Decimal::new(723, 2);
        if unit == "元" {
            wan * Decimal::from(10_000)
        } else {
            wan
        }
    };
    let unit = q.unit.as_deref();
    match (key.value, unit) {
        (ValueKind::Year | ValueKind::Count, _) => Decimal::ONE,
        (ValueKind::Text, _) => Decimal::from(7),
        (_, Some(u @ ("元" | "万元"))) => amount(u),
        (ValueKind::Amount, _) => amount(doc_unit),
        (ValueKind::Area, _) => Decimal::new(723, 2),
        // a figure of a named block or a claim: an amount unless it has a unit of its own
        (_, None) => amount(doc_unit),
        (_, Some(_)) if q.number.contains('.') => Decimal::new(723, 2),
        (_, Some(_)) => Decimal::from(7),
    }
}

/// The values a distinctive change may replace: the statement's own, then
/// those of its block (not the block's keywords).
fn values(s: &Stmt) -> Vec<&Value> {
    fn inner<'a>(stmts: &'a [Stmt], out: &mut Vec<&'a Value>) {
        for c in stmts {
            out.extend(c.values.iter().filter(|v| v.as_word().is_none()));
            inner(c.children(), out);
        }
    }
    let mut out: Vec<&Value> = s.args().iter().collect();
    inner(s.children(), &mut out);
    out
}

/// A text in place of `t`: a code with its last digit changed, else
/// [`PROBE_TEXT`].
fn other_text(t: &str) -> String {
    if !t.is_empty() && t.chars().all(|c| c.is_ascii_digit()) {
        let (head, last) = t.split_at(t.len() - 1);
        let d = (last.parse::<u32>().unwrap_or(0) + 7) % 10;
        format!("\"{head}{d}\"")
    } else {
        format!("\"{PROBE_TEXT}\"")
    }
}

/// The statement `s` with a distinctive value, as edits (span, text): every
/// other choice; else its first figure moved by [`step`]; else its first
/// text replaced. None for a block of other keys.
fn distinctive(s: &Stmt, key: &Key, doc_unit: &str) -> Vec<(Span, String)> {
    if let ValueKind::Choice(words) = key.value {
        let Some(v) = s.args().first() else {
            return Vec::new();
        };
        let now = v.text();
        return words
            .iter()
            .filter(|w| **w != now)
            .map(|w| (v.span, w.to_string()))
            .collect();
    }
    if matches!(key.value, ValueKind::Block(_)) {
        return Vec::new();
    }
    let vals = values(s);
    let figure = vals.iter().find_map(|v| v.as_quantity().map(|q| (*v, q)));
    if let Some((v, q)) = figure {
        let Ok(n) = Decimal::from_str(&q.number) else {
            return Vec::new();
        };
        let n = n + step(key, q, doc_unit);
        let cmp = q.cmp.map(|c| c.symbol()).unwrap_or_default();
        let unit = q.unit.as_deref().unwrap_or_default();
        return vec![(v.span, format!("{cmp}{n}{unit}"))];
    }
    let text = vals
        .iter()
        .copied()
        .find(|v| matches!(v.kind, ast::ValueKind::Str(_)))
        .or(s.args().first());
    text.map(|v| vec![(v.span, other_text(&v.text()))])
        .unwrap_or_default()
}

fn edited(src: &str, span: Span, new: &str) -> String {
    format!("{}{new}{}", &src[..span.start], &src[span.end..])
}

/// Where a key an example does not write can go: the wrap's statement of
/// depth `depth` (0: the outermost) put before `at`, or in place of the
/// example's statement `span` of the same keyword that has no block.
enum Spot {
    Insert { depth: usize, at: usize },
    Replace { depth: usize, span: Span },
}

/// The spots of `chain` (the wrap's statements around the key, outermost
/// first) from level `i` down, in the example's statements `stmts` of
/// `place`, whose block ends at `end`.
fn spots(stmts: &[Stmt], (place, end): (Place, usize), chain: &[&Stmt], i: usize) -> Vec<Spot> {
    let word = chain[i].keyword();
    let key = word.and_then(|w| schema::find(place, w));
    let same: Vec<&Stmt> = stmts.iter().filter(|s| s.keyword() == word).collect();
    let mut out = Vec::new();
    if same.is_empty() || key.is_some_and(|k| k.many) {
        out.push(Spot::Insert { depth: i, at: end });
    }
    if i + 1 >= chain.len() {
        return out;
    }
    let Some(within) = key.and_then(inner) else {
        return out;
    };
    for s in same {
        match &s.block {
            Some(b) => out.extend(spots(&b.stmts, (within, b.span.end - 1), chain, i + 1)),
            None => out.push(Spot::Replace {
                depth: i,
                span: s.span,
            }),
        }
    }
    out
}

/// A probe: the text with the change, and the text it is compared with
/// (`None`: the example as it is).
struct Probe {
    how: &'static str,
    without: Option<String>,
    with: String,
}

/// The wrap of `key`'s place around `stmt`: its text and the statements
/// around `stmt`, outermost first.
fn wrap_around(wrap: &str, stmt: &str) -> Option<(String, Vec<Span>)> {
    let hole = wrap.find("{}")?;
    let text = wrap.replacen("{}", stmt, 1);
    let tree = budget::syntax::parse(&text).file;
    let spans = chain_at(&tree.stmts, hole).iter().map(|s| s.span).collect();
    Some((text, spans))
}

/// The probes of a key that `base` does not write: its schema example,
/// with a distinctive value and as written, at each spot, deepest first.
fn added(base: &Base, key: &Key, wrap: &str) -> Vec<Probe> {
    let own = budget::syntax::parse(key.example).file;
    let Some(s) = own.stmts.first() else {
        return Vec::new();
    };
    let mut stmts: Vec<String> = distinctive(s, key, &base.unit)
        .into_iter()
        .map(|(span, new)| edited(key.example, span, &new))
        .collect();
    stmts.push(key.example.to_string());
    let Some((_, empty)) = wrap_around(wrap, "") else {
        return Vec::new();
    };
    // the wrap's statements around the key, the key's own last
    let hole = wrap.find("{}").unwrap_or_default();
    let tree = budget::syntax::parse(&wrap.replacen("{}", key.example, 1)).file;
    let chain = chain_at(&tree.stmts, hole);
    if chain.is_empty() {
        return Vec::new();
    }
    let mut at = spots(&base.tree.stmts, (Place::Top, base.src.len()), &chain, 0);
    at.sort_by_key(|s| match s {
        Spot::Insert { depth, .. } | Spot::Replace { depth, .. } => usize::MAX - depth,
    });
    let empty_text = wrap.replacen("{}", "", 1);
    let mut out = Vec::new();
    for spot in &at {
        for (n, stmt) in stmts.iter().enumerate() {
            let Some((text, spans)) = wrap_around(wrap, stmt) else {
                continue;
            };
            let how = if n + 1 == stmts.len() {
                "added as written"
            } else {
                "added"
            };
            let piece = |d: usize, t: &str, sp: &[Span]| t[sp[d].start..sp[d].end].to_string();
            out.push(match spot {
                Spot::Insert { depth, at } => Probe {
                    how,
                    without: None,
                    with: format!(
                        "{}\n{}\n{}",
                        &base.src[..*at],
                        piece(*depth, &text, &spans),
                        &base.src[*at..]
                    ),
                },
                Spot::Replace { depth, span } => Probe {
                    how,
                    without: Some(edited(
                        &base.src,
                        *span,
                        &piece(*depth, &empty_text, &empty),
                    )),
                    with: edited(&base.src, *span, &piece(*depth, &text, &spans)),
                },
            });
        }
    }
    out
}

/// The surroundings a key is added in: its place's wrap; a table's 排版
/// applies to one table, so for it the wrap of each table of the document
/// (`表 1 { … }`, `表 2 { … }` …: an empty table, a table with brackets).
fn wraps(base: &Base, key: &Key) -> Vec<String> {
    let wrap = schema::info(key.place).wrap;
    if key.place != Place::PrintTable {
        return vec![wrap.to_string()];
    }
    let tables = base
        .outcome
        .parts
        .iter()
        .filter(|(name, _)| !name.starts_with('§') && !name.starts_with("表 "))
        .filter(|(name, _)| !name.starts_with("图") && name != "封面")
        .count();
    let n = wrap
        .split_once("表 ")
        .and_then(|(_, rest)| rest.split_whitespace().next())
        .unwrap_or("9");
    (1..=tables)
        .map(|t| wrap.replacen(&format!("表 {n}"), &format!("表 {t}"), 1))
        .collect()
}

/// The probes of a key `base` writes: its first statement there with each
/// distinctive value, then removed.
fn changed(base: &Base, key: &Key, s: &Stmt) -> Vec<Probe> {
    let mut out: Vec<Probe> = distinctive(s, key, &base.unit)
        .into_iter()
        .map(|(span, new)| Probe {
            how: "changed",
            without: None,
            with: edited(&base.src, span, &new),
        })
        .collect();
    out.push(Probe {
        how: "removed",
        without: None,
        with: edited(&base.src, s.span, ""),
    });
    out
}

/// An example, parsed, with its outcome as it is.
struct Base {
    name: &'static str,
    /// The example's name, with the context added to it if any.
    label: String,
    src: String,
    tree: ast::File,
    unit: String,
    outcome: Outcome,
}

/// Keys whose readers speak only beside another fact: (the key's place and
/// word, the example, a text of it and what it becomes). 山西县级 prints
/// the change of 机关运行经费 and its reason only when there is 机关运行经费
/// (the seed has none: its one unit is 事业); N1 asks for a reason only for a
/// figure that changed (the examples' 政府性基金 and 国有资本经营 did not).
const CONTEXTS: &[(Place, &str, &str, &str, &str)] = &[
    (
        Place::LastYearReasons,
        "机关运行经费",
        "jinzhong-chanyelian-2024.budget",
        "\n名词解释 {",
        "\n机关运行经费 12.34\n名词解释 {",
    ),
    (
        Place::LastYearReasons,
        "政府性基金",
        "shanghai-putuo-qufuban-2025.budget",
        "  政府性基金               0.00万元",
        "  政府性基金 12.34万元",
    ),
    (
        Place::LastYearReasons,
        "国有资本经营",
        "shanghai-putuo-qufuban-2025.budget",
        "  国有资本经营             0.00万元",
        "  国有资本经营 12.34万元",
    ),
];

/// The options and the examples as they are, checked and laid out once for
/// every test.
fn shared() -> &'static (Options, Vec<Base>) {
    static ONCE: std::sync::OnceLock<(Options, Vec<Base>)> = std::sync::OnceLock::new();
    ONCE.get_or_init(|| {
        let opts = Options::default();
        let bases = bases(&opts);
        (opts, bases)
    })
}

fn bases(opts: &Options) -> Vec<Base> {
    EXAMPLES
        .iter()
        .map(|(name, src)| base(name, src.to_string(), opts))
        .collect()
}

/// The examples with the context a key needs, if any (a context whose text
/// the example no longer has fails: it would test nothing).
fn contexts(key: &Key, opts: &Options) -> Vec<Base> {
    CONTEXTS
        .iter()
        .filter(|(p, w, ..)| *p == key.place && *w == key.word)
        .map(|(_, _, name, from, to)| {
            let (name, src) = EXAMPLES
                .iter()
                .find(|(n, _)| n == name)
                .expect("a context's example");
            assert_eq!(src.matches(from).count(), 1, "{name} has `{from}` once");
            let mut b = base(name, src.replacen(from, to, 1), opts);
            let added = to.trim().lines().next().unwrap_or_default();
            b.label = format!("{} with `{added}`", b.label);
            b
        })
        .collect()
}

fn base(name: &'static str, src: String, opts: &Options) -> Base {
    let tree = budget::syntax::parse(&src).file;
    let unit = tree
        .stmts
        .iter()
        .find(|s| s.keyword() == Some("金额单位"))
        .and_then(|s| s.args().first())
        .map(|v| v.text())
        .unwrap_or_else(|| "万元".to_string());
    let outcome = outcome(name, &src, opts, None, false);
    Base {
        name,
        label: name.trim_end_matches(".budget").to_string(),
        src,
        tree,
        unit,
        outcome,
    }
}

/// What probing a key found: the example, how it was changed, the readers.
struct Finding {
    key: &'static Key,
    example: String,
    how: &'static str,
    readers: Readers,
}

/// The readers a probe shows; None when the change does not fit where it
/// was put.
fn run(base: &Base, p: &Probe, opts: &Options) -> Option<Readers> {
    let own;
    let before = match &p.without {
        None => &base.outcome,
        Some(text) => {
            own = outcome(base.name, text, opts, Some(&base.outcome), true);
            if own.misplaced {
                return None;
            }
            &own
        }
    };
    let after = outcome(base.name, &p.with, opts, Some(before), p.how != "removed");
    if after.misplaced {
        return None;
    }
    Some(compare(before, &after))
}

/// Probe `key`: changed, then removed, in the examples that write it; then
/// added to those that do not. The first probe that shows a reader, else
/// the last that fitted.
fn probe(key: &'static Key, bases: &[Base], opts: &Options) -> Finding {
    let mut last = Finding {
        key,
        example: String::new(),
        how: "not placed",
        readers: Readers::default(),
    };
    let (writing, others): (Vec<&Base>, Vec<&Base>) = bases.iter().partition(|b| {
        let mut at = Vec::new();
        occurrences(&b.tree.stmts, Place::Top, key, &mut at);
        !at.is_empty()
    });
    let context = contexts(key, opts);
    let all = writing
        .iter()
        .map(|b| (*b, true))
        .chain(others.iter().map(|b| (*b, false)))
        .chain(context.iter().map(|b| (b, false)));
    for (b, writes) in all {
        let probes = if writes {
            let mut at = Vec::new();
            occurrences(&b.tree.stmts, Place::Top, key, &mut at);
            changed(b, key, at[0])
        } else {
            wraps(b, key)
                .iter()
                .flat_map(|w| added(b, key, w))
                .collect()
        };
        for p in &probes {
            let Some(readers) = run(b, p, opts) else {
                continue;
            };
            let read = readers.read();
            last = Finding {
                key,
                example: b.label.clone(),
                how: p.how,
                readers,
            };
            if read {
                return last;
            }
        }
    }
    last
}

/// Probe every key, on every core.
fn probe_all(keys: &'static [Key], bases: &[Base], opts: &Options) -> Vec<Finding> {
    use std::sync::atomic::{AtomicUsize, Ordering};
    use std::sync::Mutex;
    let next = AtomicUsize::new(0);
    let found: Mutex<Vec<(usize, Finding)>> = Mutex::new(Vec::new());
    let threads = std::thread::available_parallelism().map_or(2, |n| n.get());
    std::thread::scope(|scope| {
        for _ in 0..threads {
            scope.spawn(|| loop {
                let i = next.fetch_add(1, Ordering::Relaxed);
                let Some(key) = keys.get(i) else { break };
                let f = probe(key, bases, opts);
                found.lock().expect("lock").push((i, f));
            });
        }
    });
    let mut found = found.into_inner().expect("lock");
    found.sort_by_key(|(i, _)| *i);
    found.into_iter().map(|(_, f)| f).collect()
}

/// A list, its first `n` items and how many more.
fn list(items: &BTreeSet<String>, n: usize) -> String {
    let mut out: Vec<String> = items.iter().take(n).cloned().collect();
    if items.len() > n {
        out.push(format!("… (+{})", items.len() - n));
    }
    out.join(", ")
}

/// The table of readers, by place (docs/KEY-READERS.md).
fn markdown(found: &[Finding]) -> String {
    let mut out = String::from(
        "# Who reads each key\n\n\
         Generated by `tests/key_readers.rs` (`BUDGET_UPDATE_DOCS=1 cargo test --test key_readers`\n\
         rewrites it; review the change). For every key of the schema, a real example\n\
         had the key changed to a distinctive value (an amount moved by 7.23万元, a\n\
         count by 1, a text replaced, another choice), or removed, or — when no example\n\
         writes it — added at its place, was checked and laid out in-process, and was\n\
         compared with the example as it is. *probe* says how and in which example\n\
         (the first probe that shows a reader); *rules*: the codes whose diagnostics\n\
         appeared, disappeared or changed (lowering's shape codes L001–L017 but L010\n\
         are not readers); *document*: the cover, sections (§), tables and charts that\n\
         changed; *model*: the JSON model's fields that changed (what lowering stored:\n\
         alone, no reader). A key with neither a rule nor a document part fails the\n\
         test, unless the test's `UNREAD` lists it with why (shown here as **not\n\
         read**).\n",
    );
    for p in PLACES {
        out.push_str(&format!("\n## {} ({})\n\n", p.zh, p.en));
        out.push_str("| key | probe | rules | document | model |\n|---|---|---|---|---|\n");
        for f in found.iter().filter(|f| f.key.place == p.place) {
            let r = &f.readers;
            let readers = match known_unread(f.key) {
                Some(why) if !r.read() => format!("**not read**: {why} |"),
                _ => format!("{} | {}", list(&r.rules, 8), list(&r.document, 4)),
            };
            out.push_str(&format!(
                "| `{}` | {} {} | {readers} | {} |\n",
                f.key.word,
                f.how,
                f.example,
                list(&r.model, 3),
            ));
        }
    }
    out
}

/// Keys that no rule and no document reads today, each with what is
/// missing (a finding to fix in the rules, the profiles or the schema). A
/// listed key that a probe shows read fails the test too: the list stays
/// true.
const UNREAD: &[(Place, &str, &str)] = &[
    (
        Place::Unit,
        "编码",
        "no profile prints a unit's code; F011 compares it with the unit's own document when both files write one (tests/diagnostics/F011-code.budget), which no example does, so no probe here can show it",
    ),
];

fn known_unread(key: &Key) -> Option<&'static str> {
    listed(UNREAD, key)
}

fn listed(list: &[(Place, &str, &'static str)], key: &Key) -> Option<&'static str> {
    list.iter()
        .find(|(p, w, _)| *p == key.place && *w == key.word)
        .map(|(_, _, why)| *why)
}

/// What fails the test: each key nothing reads that `unread` (the test's
/// [`UNREAD`]) does not list, and each listed key that is read.
fn problems(found: &[Finding], unread: &[(Place, &str, &'static str)]) -> Vec<String> {
    let mut out = Vec::new();
    for f in found {
        let name = format!("{} {}", schema::info(f.key.place).zh, f.key.word);
        match (f.readers.read(), listed(unread, f.key)) {
            (false, None) => out.push(format!(
                "{name}: nothing reads it ({} {}: only the model changed: {:?})",
                f.how, f.example, f.readers.model
            )),
            (true, Some(_)) => out.push(format!(
                "{name}: listed in UNREAD, but {} {} shows readers {:?} {:?}",
                f.how, f.example, f.readers.rules, f.readers.document
            )),
            _ => {}
        }
    }
    out
}

#[test]
fn every_key_is_read_by_a_rule_or_the_document() {
    let (opts, bases) = shared();
    let found = probe_all(KEYS, bases, opts);
    let table = markdown(&found);
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/KEY-READERS.md");
    let old = std::fs::read_to_string(&path).unwrap_or_default();
    let mut problems = problems(&found, UNREAD);
    if old != table {
        if std::env::var_os("BUDGET_UPDATE_DOCS").is_some() {
            std::fs::write(&path, &table).expect("write docs/KEY-READERS.md");
        } else {
            problems.push(format!("docs/KEY-READERS.md differs from the readers found: review, then run BUDGET_UPDATE_DOCS=1 cargo test --test key_readers\n{table}"));
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

/// A key in the schema that nothing reads fails the test, by name: here
/// one that lowering does not know either (every probe of it is a shape
/// diagnostic, so none shows a reader).
#[test]
fn a_key_nothing_reads_is_named() {
    static FAKE: Key = Key {
        place: Place::Project,
        word: "探针键",
        variants: &[],
        value: ValueKind::Amount,
        many: false,
        required: false,
        suffix: false,
        zh: "",
        en: "",
        example: "探针键 5",
    };
    let (opts, bases) = shared();
    let f = probe(&FAKE, bases, opts);
    assert!(!f.readers.read(), "{:?}", f.readers);
    let p = problems(&[f], UNREAD);
    assert_eq!(p.len(), 1, "{p:?}");
    assert!(p[0].starts_with("项目 探针键: nothing reads it"), "{p:?}");
}

/// A key the schema and lowering accept that nothing reads is named too:
/// each key of [`UNREAD`] (lowering stores it: the model changes) fails
/// the test once the list no longer excuses it.
#[test]
fn a_key_lowering_stores_that_nothing_reads_is_named() {
    let (opts, bases) = shared();
    for (place, word, _) in UNREAD {
        let key = schema::find(*place, word).expect("a key of the schema");
        let f = probe(key, bases, opts);
        assert!(
            !f.readers.read() && !f.readers.model.is_empty(),
            "{word}: {:?}",
            f.readers
        );
        let p = problems(&[f], &[]);
        assert_eq!(p.len(), 1, "{p:?}");
        let name = format!("{} {word}: nothing reads it", schema::info(*place).zh);
        assert!(p[0].starts_with(&name), "{p:?}");
    }
}

/// The comparison sees no reader in a change that means nothing: a comment
/// added at the top (every span moves) and at the end of each example.
#[test]
fn a_change_that_means_nothing_shows_no_reader() {
    let (opts, bases) = shared();
    for b in bases {
        for text in [format!("# 探针\n{}", b.src), format!("{}\n# 探针\n", b.src)] {
            let new = outcome(b.name, &text, opts, Some(&b.outcome), false);
            let r = compare(&b.outcome, &new);
            assert!(
                r.rules.is_empty() && r.document.is_empty() && r.model.is_empty(),
                "{}: {r:?}",
                b.name
            );
        }
    }
}

/// A changed value is seen where it is read: the seed's 收入 一般公共预算
/// moved by 7.23万元 changes the stated totals' rule (R1) and 预算公开表1.
#[test]
fn a_changed_figure_is_seen_by_its_rule_and_its_table() {
    let (opts, bases) = shared();
    let key = schema::find(Place::Income, "一般公共预算").expect("key");
    let f = probe(key, &bases[..1], opts);
    assert_eq!(f.how, "changed");
    assert!(f.readers.rules.contains("R1"), "{:?}", f.readers.rules);
    assert!(
        f.readers.document.contains("预算公开表1"),
        "{:?}",
        f.readers.document
    );
    assert!(
        f.readers.model.contains("derived.income_total"),
        "{:?}",
        f.readers.model
    );
}
