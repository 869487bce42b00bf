//! The error-injection suite of the review: every example, with its
//! narrative as the document prints it (`原文`, the example's own generated
//! text), is a clean received document — it must report nothing beyond the
//! example's own findings. Into copies of it a seeded, deterministic program
//! injects each kind of error a published narrative carries (issue #11), one
//! at a time and several together; each must be reported with its code at
//! its span. The detection rate is printed.
//!
//! (tests/injection.rs is the markup-safety corpus; this is the review's.)

use budget::check::{check_source, Options};
use budget::diagnostic::Diagnostic;
use budget::render;

const EXAMPLES: &[&str] = &[
    "examples/jinzhong-chanyelian-2024.budget",
    "examples/shanghai-putuo-wanli-2024.budget",
    "examples/shanghai-putuo-wanli-2025.budget",
    "examples/shanghai-putuo-qufuban-2025.budget",
];

fn read(p: &str) -> String {
    std::fs::read_to_string(std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(p)).expect("read")
}

/// A small deterministic generator (xorshift64*), seeded per case.
struct Rng(u64);

impl Rng {
    fn new(seed: u64) -> Rng {
        Rng(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1)
    }
    fn next(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x >> 12;
        x ^= x << 25;
        x ^= x >> 27;
        self.0 = x;
        x.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    fn pick(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

/// The example's narrative paragraphs as generated: (section, text).
fn narrative(src: &str) -> Vec<(String, String)> {
    let opts = Options::default();
    let checked = check_source(src, &opts);
    let doc = render::build(&checked.budget, &opts.catalog, false).expect("lay out");
    let mut out = Vec::new();
    for part in &doc.parts {
        for s in &part.sections {
            for b in &s.blocks {
                if let render::document::Block::Paragraph { text } = b {
                    out.push((s.title.clone(), text.clone()));
                }
            }
        }
    }
    out
}

/// The figures the tables print of each function line (表3 and 表5) and of
/// the 人员/公用 split (表1 and 表8), as a reviewer states them.
fn table_claims(src: &str) -> String {
    use budget::model::money::{display, DisplayUnit};
    let b = check_source(src, &Options::default()).budget;
    let wan = |m| format!("{}万元", display(m, DisplayUnit::Wanyuan));
    let mut out = String::from("声明 {\n");
    for t in ["表3", "表5"] {
        for n in &b.derived.functions {
            out.push_str(&format!("  {t} {} {}\n", n.code, wan(n.figures.total)));
        }
    }
    for t in ["表1", "表8"] {
        out.push_str(&format!(
            "  {t} 人员经费 {} 公用经费 {}\n",
            wan(b.derived.personnel),
            wan(b.derived.public)
        ));
    }
    out.push_str("}\n");
    out
}

/// The example with its narrative as printed and its tables' figures as
/// claims: a received document.
fn received(src: &str) -> String {
    let mut out = format!("{src}\n{}原文 {{\n", table_claims(src));
    for (i, (title, text)) in narrative(src).iter().enumerate() {
        let head = format!("第{}页 {}", i + 1, title);
        out.push_str(&format!(
            "  {} {}\n",
            render::source::quoted(&head),
            render::source::quoted(text)
        ));
    }
    out.push_str("}\n");
    out
}

type Key = (String, String);

fn keys(src: &str, ds: &[Diagnostic]) -> Vec<Key> {
    ds.iter()
        .map(|d| {
            (
                d.code.to_string(),
                src[d.span.start..d.span.end].to_string(),
            )
        })
        .collect()
}

/// The findings of `src` that `base` does not have (a multiset difference,
/// by code and the text at the span).
fn extra(base: &str, src: &str) -> Vec<Key> {
    let opts = Options::default();
    let b = keys(base, &check_source(base, &opts).diagnostics);
    let mut got = keys(src, &check_source(src, &opts).diagnostics);
    for k in b {
        if let Some(i) = got.iter().position(|g| *g == k) {
            got.remove(i);
        }
    }
    got
}

/// The real findings of a narrative as the profile's template words it: the
/// Shanghai template prints “比2023年预算持平” as 万里 2024 published it,
/// which T7 reports (与…持平) — a finding of the published text, not noise.
fn real_finding(k: &Key) -> bool {
    k.0 == "T7" && k.1.starts_with('比') && k.1.ends_with("持平")
}

#[test]
fn the_received_examples_are_clean() {
    for ex in EXAMPLES {
        let src = read(ex);
        let rec = received(&src);
        let e = extra(&src, &rec);
        let real = e.iter().filter(|k| real_finding(k)).count();
        let noise: Vec<&Key> = e.iter().filter(|k| !real_finding(k)).collect();
        println!("{ex}: clean received copy, {real} real findings (T7 比…持平)");
        assert!(noise.is_empty(), "{ex}: {noise:?}");
    }
}

/// An injected error: the mutated file and what must be reported — a code
/// (any of `codes`) at a span whose text satisfies `at`.
struct Injected {
    src: String,
    codes: &'static [&'static str],
    at: String,
    /// The span text must be exactly `at` (else: contain it).
    exact: bool,
}

type Inject = fn(&str, &mut Rng, i32) -> Option<Injected>;

/// Byte offset of the narrative (`原文 {`) in a received file.
fn narrative_start(src: &str) -> usize {
    src.rfind("\n原文 {").map_or(src.len(), |k| k + 1)
}

/// Every match of `pat` in the narrative part: byte offsets.
fn occurrences(src: &str, pat: &str) -> Vec<usize> {
    let from = narrative_start(src);
    src[from..]
        .match_indices(pat)
        .map(|(k, _)| from + k)
        .collect()
}

fn replace_at(src: &str, at: usize, len: usize, with: &str) -> String {
    format!("{}{}{}", &src[..at], with, &src[at + len..])
}

fn one<T: Copy>(v: &[T], r: &mut Rng) -> Option<T> {
    (!v.is_empty()).then(|| v[r.pick(v.len())])
}

fn injected(
    src: String,
    codes: &'static [&'static str],
    at: String,
    exact: bool,
) -> Option<Injected> {
    Some(Injected {
        src,
        codes,
        at,
        exact,
    })
}

/// Kind 1: 比2026年 in a 2026 document (the comparison is with last year).
fn wrong_year(src: &str, r: &mut Rng, y: i32) -> Option<Injected> {
    let pat = format!("比{}年", y - 1);
    let at = one(&occurrences(src, &pat), r)? + '比'.len_utf8();
    injected(
        replace_at(src, at, 4, &y.to_string()),
        &["T3"],
        y.to_string(),
        true,
    )
}

/// A number printed before `unit` at byte `at` of the narrative: its range.
fn number_before(src: &str, unit_at: usize) -> Option<(usize, usize)> {
    let s = src[..unit_at]
        .char_indices()
        .rev()
        .take_while(|(_, c)| c.is_ascii_digit() || *c == '.' || *c == ',')
        .last()
        .map(|(i, _)| i)?;
    (s < unit_at).then_some((s, unit_at))
}

/// Kind 2: Last year's figure off by a digit (43269.3 for 3269.30): in an item
/// (`执行数为60.13万元`) or, for a document without items, in `上年`.
fn last_year_digit(src: &str, r: &mut Rng, _: i32) -> Option<Injected> {
    let items: Vec<usize> = ["执行数为", "预算数为"]
        .iter()
        .flat_map(|p| occurrences(src, p).into_iter().map(move |k| k + p.len()))
        .filter(|k| src[*k..].starts_with(|c: char| c.is_ascii_digit()))
        .collect();
    if let Some(k) = one(&items, r) {
        let e = k + src[k..].find("万元")?;
        let new = format!("4{}", &src[k..e]);
        return injected(
            replace_at(src, k, e - k, &new),
            &["N16", "N18", "N19"],
            new,
            false,
        );
    }
    // the 三公 total of 上年: the narrative's change of it no longer holds
    let k = src.find("\n上年 {")?;
    let line = src[k..].find("三公经费")? + k;
    let num = line + src[line..].find(|c: char| c.is_ascii_digit())?;
    let mutated = replace_at(src, num, 0, "4");
    injected(mutated, &["N19"], "增加".into(), false)
}

/// A percentage of the narrative printed as a claim (占… or 增加/减少…): (start, end of digits).
fn percentages(src: &str) -> Vec<(usize, usize)> {
    occurrences(src, "%")
        .into_iter()
        .filter_map(|k| number_before(src, k))
        .filter(|(s, _)| {
            let before = &src[..*s];
            before.ends_with("增加")
                || before.ends_with("减少")
                || before.ends_with('占')
                || before.ends_with('的')
        })
        .collect()
}

/// Kind 3: A percentage copied from the line above.
fn copied_percentage(src: &str, r: &mut Rng, _: i32) -> Option<Injected> {
    let ps = percentages(src);
    let pairs: Vec<usize> = (1..ps.len())
        .filter(|&i| src[ps[i].0..ps[i].1] != src[ps[i - 1].0..ps[i - 1].1])
        .filter(|&i| {
            let v = |j: usize| src[ps[j].0..ps[j].1].parse::<f64>().unwrap_or(0.0);
            (v(i) - v(i - 1)).abs() > 0.011
        })
        .collect();
    let i = one(&pairs, r)?;
    let copied = src[ps[i - 1].0..ps[i - 1].1].to_string();
    let (s, e) = ps[i];
    injected(
        replace_at(src, s, e - s, &copied),
        &["N18", "N19"],
        format!("{copied}%"),
        false,
    )
}

/// Kind 4: An amount of the narrative off by a digit (a heading against its
/// body and table, a total the tables contradict).
fn amount_digit(src: &str, r: &mut Rng, _: i32) -> Option<Injected> {
    let amounts: Vec<(usize, usize)> = occurrences(src, "万元")
        .into_iter()
        .filter_map(|k| number_before(src, k))
        .filter(|(s, e)| src[*s..*e].contains('.'))
        .collect();
    let (s, e) = one(&amounts, r)?;
    let old = &src[s..e];
    // the first significant digit + 1 (mod 10), keeping the shape
    let k = old.find(|c: char| ('1'..='9').contains(&c))?;
    let d = old.as_bytes()[k] - b'0';
    let new = format!("{}{}{}", &old[..k], (d % 9) + 1, &old[k + 1..]);
    injected(replace_at(src, s, e - s, &new), &["N16", "N19"], new, false)
}

/// Kind 5: An outdated class name (医疗卫生与计划生育支出 for 卫生健康支出).
fn outdated_name(src: &str, r: &mut Rng, _: i32) -> Option<Injected> {
    let at = one(&occurrences(src, "卫生健康支出（类）"), r)?;
    let old = "医疗卫生与计划生育支出";
    injected(
        replace_at(src, at, "卫生健康支出".len(), old),
        &["N17"],
        old.into(),
        true,
    )
}

/// Kind 6: 截至 a date of the wrong year.
fn date_year(src: &str, r: &mut Rng, y: i32) -> Option<Injected> {
    let at = one(&occurrences(src, "截至"), r)? + "截至".len();
    src[at..].get(..4)?.parse::<i32>().ok()?;
    let wrong = (y - 2).to_string();
    injected(replace_at(src, at, 4, &wrong), &["T3"], wrong, true)
}

/// The narrative's entries: (start, end) of each text string's content.
fn entries(src: &str) -> Vec<(usize, usize)> {
    let from = narrative_start(src);
    src[from..]
        .lines()
        .scan(from, |pos, l| {
            let s = *pos;
            *pos += l.len() + 1;
            Some((s, l))
        })
        .filter_map(|(s, l)| {
            let k = l.find("\" \"")? + 3;
            (l.ends_with('"') && l.len() > k + 60).then(|| (s + k, s + l.len() - 1))
        })
        .collect()
}

/// Kind 7: A paragraph printed twice.
fn repeated(src: &str, r: &mut Rng, _: i32) -> Option<Injected> {
    let (s, e) = one(&entries(src), r)?;
    let p = src[s..e].to_string();
    if p.contains("\\n") || p.contains('\\') {
        return None;
    }
    injected(replace_at(src, e, 0, &format!("\n\n{p}")), &["T1"], p, true)
}

/// Kind 8: Template leftovers: the department named “XX局”.
fn leftover(src: &str, r: &mut Rng, _: i32) -> Option<Injected> {
    let at = one(&occurrences(src, "本部门"), r)?;
    injected(
        replace_at(src, at, "本部门".len(), "XX局"),
        &["T4"],
        "XX".into(),
        false,
    )
}

/// Kind 8: “主要原因是。” with nothing after it.
fn empty_reason(src: &str, r: &mut Rng, _: i32) -> Option<Injected> {
    let at = one(&occurrences(src, "主要原因是"), r)? + "主要原因是".len();
    let rest = &src[at..];
    let end = rest.find(['。', '"'])?;
    let start = if rest.starts_with('：') {
        '：'.len_utf8()
    } else {
        0
    };
    if end <= start {
        return None;
    }
    injected(
        replace_at(src, at, end, ""),
        &["T4"],
        "主要原因是".into(),
        false,
    )
}

/// Kind 8: “比…持平” where the document says “与…持平” / “与…相同”.
fn same_wording(src: &str, r: &mut Rng, _: i32) -> Option<Injected> {
    let cands: Vec<usize> = occurrences(src, "与上年")
        .into_iter()
        .filter(|k| {
            let w = &src[*k..(*k + 30).min(src.len())];
            w.get(..w.len())
                .is_some_and(|w| w.contains("相同") || w.contains("持平"))
        })
        .collect();
    let at = one(&cands, r)?;
    let mut out = replace_at(src, at, '与'.len_utf8(), "比");
    let k = at + out[at..].find(['相', '持'])?;
    if out[k..].starts_with("相同") {
        out = replace_at(&out, k, "相同".len(), "持平");
    }
    injected(out, &["T7"], "持平".into(), false)
}

/// Kind 9: Doubled punctuation.
fn double_stop(src: &str, r: &mut Rng, _: i32) -> Option<Injected> {
    let cands: Vec<usize> = occurrences(src, "。")
        .into_iter()
        .filter(|k| !src[k + '。'.len_utf8()..].starts_with(['。', '；', '"', '”', '）']))
        .collect();
    let at = one(&cands, r)?;
    injected(replace_at(src, at, 0, "。"), &["T5"], "。。".into(), true)
}

/// Kind 9: An unmatched bracket.
fn unmatched(src: &str, r: &mut Rng, _: i32) -> Option<Injected> {
    let at = one(&occurrences(src, "）"), r)?;
    injected(
        replace_at(src, at, "）".len(), ""),
        &["T6"],
        "（".into(),
        true,
    )
}

/// Kind 11: A table row whose 合计 is not its 基本 + 项目 (a stated 类 total off).
fn row_total(src: &str, r: &mut Rng, _: i32) -> Option<Injected> {
    let k = src.find("\n支出 {")?;
    let end = k + src[k..].find("\n}")?;
    let lines: Vec<usize> = src[k..end]
        .match_indices("合计")
        .map(|(j, _)| k + j)
        .filter(|j| {
            let line_start = src[..*j].rfind('\n').map_or(0, |x| x + 1);
            src[line_start..]
                .trim_start()
                .starts_with(|c: char| c.is_ascii_digit())
        })
        .collect();
    let j = one(&lines, r)?;
    let num = j + src[j..].find(|c: char| c.is_ascii_digit())?;
    let mutated = replace_at(src, num, 0, "9");
    let e = num + mutated[num..].find(|c: char| !(c.is_ascii_digit() || c == ',' || c == '.'))?;
    let at = mutated[num..e].to_string();
    injected(mutated, &["R1", "R2", "R3", "R4", "R5", "R6"], at, true)
}

/// Kind 11: 表1's 人员/公用 split against 表8's (a stated 公用经费合计 off).
fn split(src: &str, r: &mut Rng, _: i32) -> Option<Injected> {
    let at = one(&[src.find("公用经费合计")?], r)?;
    let num = at + src[at..].find(|c: char| c.is_ascii_digit())?;
    let mutated = replace_at(src, num, 0, "9");
    let e = num + mutated[num..].find(|c: char| !(c.is_ascii_digit() || c == ',' || c == '.'))?;
    let at = mutated[num..e].to_string();
    injected(mutated, &["R8", "R9", "R10", "R5"], at, true)
}

/// Kind 10: the department's words (本部门, 部门预算安排) in a unit's own
/// document: the copy says it is one (`文件类型 单位预算`).
fn unit_words(src: &str, _: &mut Rng, _: i32) -> Option<Injected> {
    if src.contains("\n文件类型 ") || occurrences(src, "部门").is_empty() {
        return None;
    }
    let k = src.find("\n口径 ")? + 1;
    let end = k + src[k..].find('\n')? + 1;
    injected(
        replace_at(src, end, 0, "文件类型 单位预算\n"),
        &["T8"],
        "部门".into(),
        false,
    )
}

/// Kind 11: a table's printed figure that another table contradicts (表5's
/// row against 表3's, 表1's 公用 against 表8's).
fn table_figure(src: &str, r: &mut Rng, _: i32) -> Option<Injected> {
    let from = src.find("\n声明 {")?;
    let to = from + src[from..].find("\n}")?;
    let lines: Vec<usize> = src[from..to]
        .match_indices("\n  表5 ")
        .chain(src[from..to].match_indices("\n  表1 "))
        .map(|(k, _)| from + k + 1)
        .collect();
    let line = one(&lines, r)?;
    let unit = line + src[line..].find("万元")?;
    let (s, e) = number_before(src, unit)?;
    let old = &src[s..e];
    let k = old.find(|c: char| c.is_ascii_digit())?;
    let d = old.as_bytes()[k] - b'0';
    let new = format!("{}{}{}", &old[..k], (d + 1) % 10, &old[k + 1..]);
    injected(
        replace_at(src, s, e - s, &new),
        &["N19"],
        format!("{new}万元"),
        true,
    )
}

/// Kind 11: an empty table whose note is the other empty table's (表7 “无政府
/// 性基金预算…”), as `budget import` writes a printed note.
fn empty_note(src: &str, r: &mut Rng, y: i32) -> Option<Injected> {
    let (id, other) = empty_table(src, r)?;
    note_of(
        src,
        &id,
        format!("\"注:本部门{y}年无{other}预算财政拨款安排的预算，故本表为空表。\""),
    )
}

/// Kind 11: an empty table printed without its note (`空表说明 ""`).
fn no_note(src: &str, r: &mut Rng, _: i32) -> Option<Injected> {
    let (id, _) = empty_table(src, r)?;
    note_of(src, &id, "\"\"".to_string())
}

/// A copy of `src` whose table `id` prints `note` (quoted) when empty.
fn note_of(src: &str, id: &str, note: String) -> Option<Injected> {
    let stmt = format!("表 {id} {{ 空表说明 {note} }}");
    let mutated = match src.find("\n排版 {\n") {
        Some(k) => replace_at(src, k + "\n排版 {\n".len(), 0, &format!("  {stmt}\n")),
        None => format!("{src}排版 {{\n  {stmt}\n}}\n"),
    };
    injected(mutated, &["N20"], note, true)
}

/// One of the profile's tables of a fund the file spends nothing of (an
/// empty table with a note), and the other fund's name.
fn empty_table(src: &str, r: &mut Rng) -> Option<(String, &'static str)> {
    use budget::model::Source;
    let b = check_source(src, &Options::default()).budget;
    let e = &b.derived.expenditure;
    let spent = |s: Source| {
        e.current_by_source.get(&s).copied().unwrap_or_default()
            + e.carryover_by_source.get(&s).copied().unwrap_or_default()
    };
    let names = [
        (Source::GovernmentFund, "政府性基金"),
        (Source::StateCapital, "国有资本经营"),
    ];
    let tables = budget::profiles::of(&b)
        .map(|p| p.tables())
        .unwrap_or_default();
    let empty: Vec<(String, &'static str)> = tables
        .iter()
        .filter(|t| t.empty_note.is_some())
        .filter_map(|t| {
            let s = t.source?;
            let other = names
                .iter()
                .find(|(o, _)| *o != s && names.iter().any(|(n, _)| *n == s))?;
            spent(s).is_zero().then_some((t.id.clone(), other.1))
        })
        .collect();
    let k = one(&(0..empty.len()).collect::<Vec<_>>(), r)?;
    empty.into_iter().nth(k)
}

const KINDS: &[(&str, Inject)] = &[
    ("比较年份错", wrong_year),
    ("上年数错一位", last_year_digit),
    ("百分比抄上一行", copied_percentage),
    ("金额错一位（标题/正文/表）", amount_digit),
    ("旧科目名称", outdated_name),
    ("截至日期年份错", date_year),
    ("段落重复", repeated),
    ("模板残留 XX", leftover),
    ("主要原因是。", empty_reason),
    ("比…持平", same_wording),
    ("标点重复", double_stop),
    ("括号不配对", unmatched),
    ("合计≠基本+项目", row_total),
    ("表1/表8 人员公用", split),
    ("表3/表5、表1/表8 互相矛盾", table_figure),
    ("单位文件用部门的说法", unit_words),
    ("空表说明抄了另一张表", empty_note),
    ("空表没有说明", no_note),
];

fn detected(base: &str, inj: &Injected) -> bool {
    extra(base, &inj.src).iter().any(|(code, text)| {
        inj.codes.contains(&code.as_str())
            && if inj.exact {
                *text == inj.at
            } else {
                text.contains(&inj.at)
            }
    })
}

fn year_of(src: &str) -> i32 {
    src.lines()
        .find_map(|l| l.strip_prefix("年度 ")?.trim().parse().ok())
        .expect("年度")
}

#[test]
fn every_kind_of_error_is_found_at_its_place() {
    let (mut tried, mut found) = (0, 0);
    let mut missed: Vec<String> = Vec::new();
    let mut by_kind: Vec<(&str, u32, u32)> = KINDS.iter().map(|(n, _)| (*n, 0, 0)).collect();
    for (e, ex) in EXAMPLES.iter().enumerate() {
        let base = received(&read(ex));
        let y = year_of(&base);
        for (k, (name, f)) in KINDS.iter().enumerate() {
            for seed in 0..3u64 {
                let mut r = Rng::new(1 + seed * 131 + k as u64 * 17 + e as u64 * 7919);
                let Some(inj) = f(&base, &mut r, y) else {
                    continue;
                };
                tried += 1;
                by_kind[k].1 += 1;
                if detected(&base, &inj) {
                    found += 1;
                    by_kind[k].2 += 1;
                } else {
                    let got = extra(&base, &inj.src);
                    missed.push(format!(
                        "{ex} {name} (seed {seed}): {:?} at {}; got {got:?}",
                        inj.codes, inj.at
                    ));
                }
            }
        }
    }
    for (n, t, f) in &by_kind {
        println!("  {n}: {f}/{t}");
    }
    println!(
        "detection rate (one at a time): {found}/{tried} = {:.1}%",
        100.0 * found as f64 / tried.max(1) as f64
    );
    for m in &missed {
        println!("  missed: {m}");
    }
    assert!(
        by_kind.iter().all(|(_, t, _)| *t > 0),
        "every kind is tried"
    );
    assert!(missed.is_empty(), "{missed:#?}");
}

#[test]
fn several_errors_together_are_each_found() {
    let (mut tried, mut found) = (0, 0);
    for (e, ex) in EXAMPLES.iter().enumerate() {
        let base = received(&read(ex));
        let y = year_of(&base);
        for seed in 0..4u64 {
            let mut r = Rng::new(99 + seed * 7 + e as u64 * 1009);
            let mut src = base.clone();
            let mut expected: Vec<Injected> = Vec::new();
            for _ in 0..3 {
                let (_, f) = KINDS[r.pick(KINDS.len())];
                if let Some(inj) = f(&src, &mut r, y) {
                    src = inj.src.clone();
                    expected.push(inj);
                }
            }
            let extras = extra(&base, &src);
            for inj in &expected {
                tried += 1;
                let hit = extras.iter().any(|(code, text)| {
                    inj.codes.contains(&code.as_str())
                        && if inj.exact {
                            *text == inj.at
                        } else {
                            text.contains(&inj.at)
                        }
                });
                if hit {
                    found += 1;
                }
                assert!(
                    hit,
                    "{ex} seed {seed}: {:?} at {} not found in {extras:?}",
                    inj.codes, inj.at
                );
            }
        }
    }
    println!("detection rate (several together): {found}/{tried}");
}

/// Not sampled but exhaustive: every amount (万元) and every percentage the
/// narrative prints, changed in its first significant digit one at a time.
/// Prints how many are checked claims — what the review verifies of the
/// narrative — and lists the rest.
#[test]
fn every_printed_figure_changed_is_found() {
    let (mut all, mut hit) = (0, 0);
    let mut unchecked: Vec<String> = Vec::new();
    for ex in EXAMPLES {
        let base = received(&read(ex));
        // (a threshold in a label, 单价100万元以上设备, is not a figure)
        let mut figures: Vec<(usize, usize)> = occurrences(&base, "万元")
            .into_iter()
            .filter_map(|k| number_before(&base, k))
            .filter(|(s, _)| !base[..*s].ends_with("单价") && !base[..*s].ends_with("价值"))
            .collect();
        figures.extend(percentages(&base));
        figures.sort_unstable();
        figures.dedup();
        let (mut n, mut h) = (0, 0);
        for (s, e) in figures {
            let old = &base[s..e];
            let Some(k) = old.find(|c: char| c.is_ascii_digit()) else {
                continue;
            };
            let d = old.as_bytes()[k] - b'0';
            let new = format!("{}{}{}", &old[..k], (d + 1) % 10, &old[k + 1..]);
            let src = replace_at(&base, s, e - s, &new);
            n += 1;
            let found = extra(&base, &src).iter().any(|(_, t)| t.contains(&new));
            if found {
                h += 1;
            } else {
                let line_start = base[..s].rfind('\n').map_or(0, |x| x + 1);
                let from = base[line_start..s]
                    .char_indices()
                    .rev()
                    .nth(24)
                    .map_or(line_start, |(i, _)| line_start + i);
                unchecked.push(format!("{ex}: …{}[{old}]", &base[from..s]));
            }
        }
        println!("{ex}: {h}/{n} printed figures are checked claims");
        all += n;
        hit += h;
    }
    println!(
        "printed figures checked: {hit}/{all} = {:.1}%",
        100.0 * hit as f64 / all.max(1) as f64
    );
    for u in &unchecked {
        println!("  not checked: {u}");
    }
    // every amount and percentage the templates print is one of the facts:
    // what is not checked is listed above, and must stay a small remainder
    assert!(hit * 100 >= all * 85, "{hit}/{all}");
}
