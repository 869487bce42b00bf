//! Robustness in the normal suite (bounded, no fuzzing):
//!
//! * random models → `.budget` source (`render::source::to_source`) → checked
//!   again → the same model (compared as JSON, without the derived figures);
//! * random hostile strings in every string field of the seed's model →
//!   HTML with only our tags and the text escaped, Typst with the text only
//!   inside string literals (and, for a few, a PDF typst compiles);
//! * the input limits (L003, L012–L015) and adversarial shapes, each fast.

#[path = "support/inert.rs"]
mod inert;

use budget::model::*;
use budget::render::source::to_source;
use budget::{check_source, Options};
use proptest::prelude::*;
use rust_decimal::Decimal;
use std::sync::OnceLock;
use std::time::{Duration, Instant};

const SEED: &str = include_str!("../examples/jinzhong-chanyelian-2024.budget");

fn opts() -> &'static Options {
    static O: OnceLock<Options> = OnceLock::new();
    O.get_or_init(Options::default)
}

// ---------------------------------------------------------------------------
// generators

/// Text with CJK, quotes, backslashes, comment and statement punctuation,
/// braces, new lines, tabs and markup.
fn text() -> impl Strategy<Value = String> {
    prop::collection::vec(
        prop_oneof![
            4 => "[\\u{4e00}-\\u{9fa5}]{1,4}",
            2 => "[a-zA-Z0-9]{1,4}",
            1 => Just("\"".to_string()),
            1 => Just("\\".to_string()),
            1 => Just("\\n".to_string()),
            1 => Just("#".to_string()),
            1 => Just(";".to_string()),
            1 => Just("{".to_string()),
            1 => Just("}".to_string()),
            1 => Just(" ".to_string()),
            1 => Just("\n".to_string()),
            1 => Just("\t".to_string()),
            1 => Just("\u{3000}".to_string()),
            1 => Just("≥12".to_string()),
            1 => Just("1,329.84万元".to_string()),
            1 => Just("<script>".to_string()),
            1 => Just("#read(\"/etc/passwd\")".to_string()),
            1 => Just("𠀀😀".to_string()),
            1 => Just("（一）".to_string()),
        ],
        0..6,
    )
    .prop_map(|v| v.concat())
}

fn name() -> impl Strategy<Value = String> {
    (text(), "[\\u{4e00}-\\u{9fa5}]{1,3}").prop_map(|(t, c)| format!("{c}{t}"))
}

fn named(t: String) -> Named {
    Named {
        text: t.into(),
        ..Named::default()
    }
}

/// An amount in 元 as the checker stores it (normalised).
fn money() -> impl Strategy<Value = Money> {
    prop_oneof![
        Just(0i64),
        0i64..100_000_000,
        -1_000_000i64..0,
        0i64..1_000_000_000_000_000,
    ]
    .prop_map(|cents| Money::yuan(Decimal::new(cents, 2).normalize()))
}

fn stated() -> impl Strategy<Value = Option<Stated>> {
    proptest::option::of(money().prop_map(|amount| Stated {
        amount,
        span: Default::default(),
    }))
}

fn source() -> impl Strategy<Value = Source> {
    prop::sample::select(Source::ALL.to_vec())
}

/// Distinct sources with amounts, in a random order.
fn by_source() -> impl Strategy<Value = Vec<(Source, Money)>> {
    (
        prop::sample::subsequence(Source::ALL.to_vec(), 0..=4).prop_shuffle(),
        prop::collection::vec(money(), 4),
    )
        .prop_map(|(s, m)| s.into_iter().zip(m).collect())
}

/// Pairs with distinct keys.
fn pairs() -> impl Strategy<Value = Vec<(String, String)>> {
    prop::collection::vec((name(), text()), 0..4).prop_map(|v| {
        let mut seen = std::collections::HashSet::new();
        v.into_iter()
            .filter(|(k, _)| seen.insert(k.clone()))
            .collect()
    })
}

fn digits(n: usize) -> impl Strategy<Value = String> {
    prop::collection::vec(0u8..10, n).prop_map(|d| d.iter().map(|x| x.to_string()).collect())
}

fn cell() -> impl Strategy<Value = budget::model::Cell> {
    (any::<bool>(), source(), any::<bool>(), money()).prop_map(
        |(basic, source, carryover, amount)| budget::model::Cell {
            direction: if basic {
                Direction::Basic
            } else {
                Direction::Project
            },
            source,
            carryover,
            amount,
            span: Default::default(),
        },
    )
}

fn function_rows() -> impl Strategy<Value = Vec<FunctionRow>> {
    prop::collection::vec(
        (
            digits(3),
            prop::collection::vec(
                (
                    digits(2),
                    prop::collection::vec(
                        (
                            digits(2),
                            name(),
                            prop::collection::vec(cell(), 0..3),
                            stated(),
                            proptest::option::of(money()),
                        ),
                        0..3,
                    ),
                    name(),
                    stated(),
                ),
                0..3,
            ),
            name(),
            stated(),
        ),
        0..3,
    )
    .prop_map(|leis| {
        let row = |code: String, name: String, level, cells, st: Option<Stated>, ly| FunctionRow {
            code: FunctionCode::new(&code).expect("generated digits"),
            name: named(name),
            level,
            cells,
            // a 类/款 line's printed 基本 (the same figure as its 合计, for the round trip)
            stated_basic: if level == CodeLevel::Xiang { None } else { st },
            stated_project: None,
            stated_total: st,
            last_year: ly,
            facts: Default::default(),
            code_span: Default::default(),
            span: Default::default(),
        };
        let mut rows = Vec::new();
        for (lei, kuans, lname, lst) in leis {
            rows.push(row(lei.clone(), lname, CodeLevel::Lei, vec![], lst, None));
            for (k, xiangs, kname, kst) in kuans {
                let kcode = format!("{lei}{k}");
                rows.push(row(
                    kcode.clone(),
                    kname,
                    CodeLevel::Kuan,
                    vec![],
                    kst,
                    None,
                ));
                for (x, xname, cells, xst, ly) in xiangs {
                    rows.push(row(
                        format!("{kcode}{x}"),
                        xname,
                        CodeLevel::Xiang,
                        cells,
                        xst,
                        ly,
                    ));
                }
            }
        }
        // a code written twice is an error (L007): keep the first
        let mut seen = std::collections::HashSet::new();
        rows.retain(|r| seen.insert(r.code.clone()));
        rows
    })
}

fn economic() -> impl Strategy<Value = EconomicBlock> {
    (
        proptest::option::of(name()),
        prop::collection::vec(
            (
                digits(3),
                name(),
                stated(),
                prop::collection::vec(
                    (
                        digits(2),
                        name(),
                        proptest::option::of((digits(5), proptest::option::of(name()))),
                        money(),
                        money(),
                        stated(),
                    ),
                    0..3,
                ),
            ),
            0..3,
        ),
        stated(),
        stated(),
        stated(),
    )
        .prop_map(|(unit, leis, st, sp, su)| {
            let mut rows = Vec::new();
            for (lei, lname, lst, kuans) in leis {
                rows.push(EconomicRow {
                    code: EconomicCode::new(&lei).expect("generated digits"),
                    name: named(lname),
                    level: CodeLevel::Lei,
                    government_code: None,
                    government_name: None,
                    personnel: Money::ZERO,
                    public: Money::ZERO,
                    stated_total: lst,
                    code_span: Default::default(),
                    government_span: Default::default(),
                    span: Default::default(),
                });
                for (k, kname, gov, p, u, kst) in kuans {
                    let (gc, gn) = match gov {
                        Some((c, n)) => (Some(c), n),
                        None => (None, None),
                    };
                    rows.push(EconomicRow {
                        code: EconomicCode::new(&format!("{lei}{k}")).expect("generated digits"),
                        name: named(kname),
                        level: CodeLevel::Kuan,
                        government_code: gc
                            .map(|c| EconomicCode::new(&c).expect("generated digits")),
                        government_name: gn,
                        personnel: p,
                        public: u,
                        stated_total: kst,
                        code_span: Default::default(),
                        government_span: Default::default(),
                        span: Default::default(),
                    });
                }
            }
            let mut seen = std::collections::HashSet::new();
            rows.retain(|r| seen.insert(r.code.clone()));
            EconomicBlock {
                unit,
                rows,
                stated_total: st,
                stated_personnel: sp,
                stated_public: su,
                listed_personnel: None,
                listed_public: None,
                span: Default::default(),
            }
        })
}

fn indicator_value() -> impl Strategy<Value = IndicatorValue> {
    prop_oneof![
        text().prop_map(|t| IndicatorValue {
            text: t.into(),
            cmp: None,
            number: None,
            unit: None,
            span: Default::default(),
        }),
        (
            proptest::option::of(prop::sample::select(vec![
                budget::syntax::ast::Cmp::Ge,
                budget::syntax::ast::Cmp::Le,
                budget::syntax::ast::Cmp::Gt,
                budget::syntax::ast::Cmp::Lt,
                budget::syntax::ast::Cmp::Eq,
            ])),
            "[0-9]{1,6}(\\.[0-9]{1,3})?",
            proptest::option::of(prop::sample::select(vec![
                "次",
                "户",
                "%",
                "万元",
                "平方米",
                "天"
            ])),
        )
            .prop_map(|(cmp, number, unit)| IndicatorValue {
                text: format!(
                    "{}{number}{}",
                    cmp.map(|c| c.symbol()).unwrap_or(""),
                    unit.unwrap_or("")
                )
                .into(),
                cmp,
                number: number.parse().ok(),
                unit: unit.map(Into::into),
                span: Default::default(),
            }),
    ]
}

fn indicators() -> impl Strategy<Value = Indicators> {
    prop::collection::vec(
        (
            name(),
            prop::collection::vec(
                (
                    name(),
                    prop::collection::vec((name(), indicator_value()), 0..3),
                ),
                0..3,
            ),
        ),
        0..3,
    )
    .prop_map(|l1| Indicators {
        level1: l1
            .into_iter()
            .map(|(n, l2)| Level1 {
                name: named(n),
                level2: l2
                    .into_iter()
                    .map(|(n, items)| Level2 {
                        name: named(n),
                        items: items
                            .into_iter()
                            .map(|(n, value)| Indicator {
                                name: named(n),
                                value,
                            })
                            .collect(),
                    })
                    .collect(),
            })
            .collect(),
        span: Default::default(),
    })
}

fn funding() -> impl Strategy<Value = FundingSplit> {
    (money(), money(), money(), money(), money(), stated()).prop_map(|(a, b, c, d, e, st)| {
        FundingSplit {
            central: a,
            provincial: b,
            local: c,
            own: d,
            other: e,
            stated_total: st,
            span: Default::default(),
        }
    })
}

fn target() -> impl Strategy<Value = ProjectTarget> {
    let opt = || proptest::option::of(text());
    (
        (
            opt(),
            opt(),
            proptest::option::of(funding()),
            proptest::option::of(funding()),
        ),
        (opt(), opt(), opt(), opt(), opt(), opt(), opt()),
        (indicators(), proptest::option::of(indicators()), opt()),
    )
        .prop_map(
            |((attribute, period, fp, fy), (o, b, n, s, p, gp, gy), (ip, iy, filed))| {
                ProjectTarget {
                    attribute,
                    period,
                    funding_period: fp,
                    funding_year: fy,
                    overview: o,
                    basis: b,
                    necessity: n,
                    safeguards: s,
                    plan: p,
                    goal_period: gp,
                    goal_year: gy,
                    indicators_period: ip,
                    indicators_year: iy,
                    filed,
                    span: Default::default(),
                }
            },
        )
}

fn project() -> impl Strategy<Value = Project> {
    (
        name(),
        proptest::option::of(name()),
        proptest::option::of(prop::sample::select(vec![
            ProjectCategory::Operating,
            ProjectCategory::SpecificTarget,
        ])),
        proptest::option::of(digits(7)),
        by_source(),
        prop::collection::vec((source(), money()), 0..3),
        any::<bool>(),
        proptest::option::of(target()),
    )
        .prop_map(
            |(n, unit, category, f, amounts, carryover, published, target)| Project {
                name: named(n),
                unit: unit.map(named),
                category,
                function_code: f.map(named),
                amounts,
                carryover,
                published,
                target,
                span: Default::default(),
            },
        )
}

fn budget_model() -> impl Strategy<Value = Budget> {
    (
        (
            1949i32..=2200,
            name(),
            proptest::option::of(text()),
            any::<bool>(),
            any::<bool>(),
            proptest::option::of(
                (1i64..1000).prop_map(|c| Money::yuan(Decimal::new(c, 2).normalize())),
            ),
        ),
        (
            proptest::option::of(text()),
            proptest::option::of(text()),
            pairs(),
            pairs(),
        ),
        prop::collection::vec((name(), 0u8..3, proptest::option::of(text())), 1..4),
        (by_source(), by_source(), stated(), stated()),
        (
            function_rows(),
            stated(),
            stated(),
            stated(),
            money(),
            stated(),
        ),
        prop::collection::vec(economic(), 0..3),
        prop::collection::vec(project(), 0..3),
        (
            any::<bool>(),
            prop::collection::vec(by_source(), 4),
            stated(),
            stated(),
            stated(),
            prop::collection::vec((name(), money()), 0..3),
        ),
    )
        .prop_map(|(h, p, units, inc, exp, economic, projects, tp)| {
            let (year, dept, code, shanxi, wan, step) = h;
            let mut b = Budget {
                year,
                department: named(dept),
                department_code: code,
                profile: if shanxi {
                    "shanxi-county"
                } else {
                    "shanghai-district"
                }
                .to_string(),
                display_unit: if wan {
                    DisplayUnit::Wanyuan
                } else {
                    DisplayUnit::Yuan
                },
                transcription_step: step,
                ..Budget::default()
            };
            b.prose = Prose {
                duties: p.0,
                organization: p.1,
                glossary: p.2,
                printed: p.3.clone(),
                other: p.3,
                claims: Vec::new(),
            };
            let mut seen = std::collections::HashSet::new();
            for (n, k, c) in units {
                if seen.insert(n.clone()) {
                    b.units.push(Unit {
                        name: named(n),
                        kind: [
                            UnitKind::Administrative,
                            UnitKind::CivilServiceManaged,
                            UnitKind::Institution,
                        ][k as usize],
                        code: c,
                        merged: false,
                        file: None,
                        linked: None,
                    });
                }
            }
            b.income.sources = inc.0;
            b.income.carryover = inc.1;
            b.income.stated_current_total = inc.2;
            b.income.stated_total = inc.3;
            b.expenditure.rows = exp.0;
            b.expenditure.stated_current_total = exp.1;
            b.expenditure.stated_basic_total = exp.2;
            b.expenditure.stated_project_total = exp.3;
            b.expenditure.year_end_carryover = exp.4;
            b.expenditure.stated_total = exp.5;
            b.economic = economic;
            let mut seen = std::collections::HashSet::new();
            b.projects = projects
                .into_iter()
                .filter(|p| seen.insert(p.name.text.clone()))
                .collect();
            let (written, items, vehicle, total, admin, by_unit) = tp;
            if written {
                let mut it = items.into_iter().map(|by_source| SourcedAmount {
                    by_source,
                    span: Default::default(),
                });
                b.three_public = ThreePublic {
                    written,
                    abroad: it.next().unwrap_or_default(),
                    reception: it.next().unwrap_or_default(),
                    vehicle_purchase: it.next().unwrap_or_default(),
                    vehicle_running: it.next().unwrap_or_default(),
                    stated_vehicle_total: vehicle,
                    stated_total: total,
                    span: Default::default(),
                };
            }
            b.admin_cost.stated = admin;
            b.admin_cost.by_unit = by_unit.into_iter().map(|(n, m)| (named(n), m)).collect();
            b
        })
}

/// The model as JSON without what the checker computes.
fn facts(b: &Budget) -> serde_json::Value {
    let mut v = serde_json::to_value(b).expect("a model serialises");
    if let Some(o) = v.as_object_mut() {
        o.remove("derived");
    }
    v
}

/// A model printed as `.budget` source and checked again is the same model.
/// (On a thread with a large stack: the model's strategy is deep.)
#[test]
fn random_models_round_trip_through_source() {
    let t = std::thread::Builder::new()
        .stack_size(256 << 20)
        .spawn(|| {
            let config = ProptestConfig {
                cases: 96,
                max_shrink_iters: 2000,
                failure_persistence: None,
                ..ProptestConfig::default()
            };
            let mut runner = proptest::test_runner::TestRunner::new(config);
            let r = runner.run(&budget_model(), |b| {
                let src = to_source(&b);
                let checked = check_source(&src, opts());
                let syntax: Vec<_> = checked
                    .diagnostics
                    .iter()
                    .filter(|d| {
                        matches!(d.code.as_str(), "L001" | "L005" | "L006" | "L007" | "L009")
                    })
                    .map(|d| {
                        format!(
                            "{} {} {:?}",
                            d.code,
                            d.message.en,
                            src.get(d.span.start..d.span.end)
                        )
                    })
                    .collect();
                prop_assert!(syntax.is_empty(), "{}\n{src}", syntax.join("\n"));
                prop_assert_eq!(facts(&checked.budget), facts(&b), "{}", src);
                // printing is a fixed point
                prop_assert_eq!(to_source(&checked.budget), src);
                Ok(())
            });
            if let Err(e) = r {
                panic!("{e}");
            }
        })
        .expect("spawn");
    if let Err(e) = t.join() {
        std::panic::resume_unwind(e);
    }
}

#[test]
fn the_seed_round_trips_through_source() {
    for src in [
        SEED,
        include_str!("../examples/shanghai-putuo-wanli-2024.budget"),
        include_str!("../examples/shanghai-putuo-qufuban-2025-unit.budget"),
    ] {
        let a = check_source(src, opts());
        let printed = to_source(&a.budget);
        let b = check_source(&printed, opts());
        assert_eq!(facts(&a.budget), facts(&b.budget), "{printed}");
        // the derived figures follow
        assert_eq!(
            serde_json::to_value(&a.budget.derived).expect("json"),
            serde_json::to_value(&b.budget.derived).expect("json")
        );
        let codes = |c: &budget::Checked| {
            c.diagnostics
                .iter()
                .map(|d| d.code.as_str())
                .collect::<Vec<_>>()
        };
        assert_eq!(codes(&a), codes(&b), "{printed}");
    }
}

// ---------------------------------------------------------------------------
// every string field through every renderer

/// Hostile pieces: HTML, script URLs, CSS, Typst markup and code.
const HOSTILE: &[&str] = &[
    "<script>alert(1)</script>",
    "</style><script>x()</script>",
    "\"><img src=x onerror=alert(1)>",
    "' onmouseover='alert(1)",
    "javascript:alert(1)",
    "<a href=\"javascript:x\">a</a>",
    "#read(\"/etc/passwd\")",
    "#import \"x.typ\": *",
    "#include \"/etc/passwd\"",
    "]",
    "[",
    "$x^2$",
    "\\",
    "// comment",
    "/* open",
    "@x",
    "<label>",
    "\"",
    "`raw`",
    "*bold* _em_",
    "= heading",
    "- item",
    "\n",
    "\u{2028}#eval(\"1\")",
    "\u{0085}#read(\"a\")",
    "{{ x }}",
    "{% if %}",
    "&amp;",
    "}",
];

fn hostile() -> impl Strategy<Value = String> {
    prop::collection::vec(
        prop_oneof![
            3 => prop::sample::select(HOSTILE).prop_map(str::to_string),
            1 => "[\\u{4e00}-\\u{9fa5}a-z]{1,3}",
        ],
        1..4,
    )
    .prop_map(|v| v.concat())
}

/// The seed's model with `s` (tagged per field) in every string field.
pub fn poisoned(base: &Budget, s: &str) -> Budget {
    let mut b = base.clone();
    let mut n = 0;
    let mut tag = |t: &mut dyn inert::SetText| {
        n += 1;
        t.set_text(format!("F{n}Z{s}"));
    };
    tag(&mut b.department.text);
    if let Some(d) = b.prose.duties.as_mut() {
        tag(d);
    }
    if let Some(d) = b.prose.organization.as_mut() {
        tag(d);
    }
    for (k, v) in b
        .prose
        .glossary
        .iter_mut()
        .chain(b.prose.other.iter_mut())
        .chain(b.prose.printed.iter_mut())
    {
        tag(k);
        tag(v);
    }
    for u in &mut b.units {
        tag(&mut u.name.text);
    }
    for r in &mut b.expenditure.rows {
        tag(&mut r.name.text);
    }
    for blk in &mut b.economic {
        for r in &mut blk.rows {
            tag(&mut r.name.text);
        }
    }
    for p in &mut b.projects {
        tag(&mut p.name.text);
        if let Some(t) = p.target.as_mut() {
            for f in inert::target_texts(t) {
                tag(f);
            }
        }
    }
    if let Some(dp) = b.department_performance.as_mut() {
        for (_, v) in &mut dp.facts {
            tag(v);
        }
    }
    if let Some(r) = b.last_year.reason.as_mut() {
        tag(r);
    }
    b
}

fn seed_model() -> &'static Budget {
    static B: OnceLock<Budget> = OnceLock::new();
    B.get_or_init(|| check_source(SEED, opts()).budget)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 12, max_shrink_iters: 200, failure_persistence: None, ..ProptestConfig::default() })]

    /// Random hostile text in every string field: the HTML is only our tags
    /// and shows the text; the Typst has it only inside string literals.
    #[test]
    fn hostile_strings_stay_text_in_every_renderer(s in hostile()) {
        let b = poisoned(seed_model(), &s);
        let doc = budget::render::build(&b, &opts().catalog, false).expect("layout");
        let html = budget::render::html::render(&doc).expect("html");
        let text = inert::assert_html_inert(&html);
        // a field's text shows as it is (paragraphs are trimmed and split at blank lines)
        let first_line = s.split('\n').next().unwrap_or("");
        let probe = format!("F1Z{first_line}");
        prop_assert!(text.contains(probe.trim_end()), "{probe:?} not in the HTML text");
        let typ = budget::render::typst::render(&doc).expect("typst");
        let lits = inert::assert_typst_inert(&typ, &["F1Z", "F2Z", "F3Z"]);
        prop_assert!(lits.iter().any(|l| l.contains(&format!("F1Z{s}"))), "department literal");
    }
}

// ---------------------------------------------------------------------------
// limits and adversarial shapes: each answers fast with a clear diagnostic

fn timed(src: &str) -> (budget::Checked, Duration) {
    let t = Instant::now();
    let c = check_source(src, opts());
    (c, t.elapsed())
}

fn codes(c: &budget::Checked) -> Vec<&'static str> {
    c.diagnostics.iter().map(|d| d.code.as_str()).collect()
}

const HEADER: &str = "年度 2024\n部门 甲\n口径 山西县级\n金额单位 万元\n单位 甲 { 类型 行政 }\n";

/// Adversarial shapes of about half a mebibyte: each is checked in well
/// under the bound (a quadratic step would take minutes), with the expected
/// diagnostic and a bounded number of diagnostics.
#[test]
fn adversarial_shapes_are_checked_fast() {
    const N: usize = 128 * 1024;
    let long_str = format!("{HEADER}职责 \"{}\"\n", "长".repeat(N / 3));
    let cases: Vec<(&str, String, Option<&str>)> = vec![
        ("one line of `a;` statements", "a;".repeat(260_000), Some("L013")),
        ("`a` lines", "a\n".repeat(260_000), Some("L013")),
        ("one statement with 260k values", format!("部门 {}", "甲 ".repeat(260_000)), Some("L013")),
        ("values under the limit on one line", format!("部门 {}", "甲 ".repeat(100_000)), Some("L006")),
        ("an unclosed string", format!("部门 \"{}", "x".repeat(N)), Some("L001")),
        ("a long string", long_str, Some("L012")),
        ("a long word", "x".repeat(N), Some("L005")),
        ("a long number", format!("{HEADER}收入 {{ 一般公共预算 {} }}\n", "1".repeat(N)), Some("L009")),
        ("open braces", "{".repeat(N), Some("L003")),
        ("close braces", "}".repeat(N), Some("L001")),
        ("alternating braces", format!("a {}", "{ }".repeat(N / 3)), None),
        ("unclosed blocks, one per line", "a {\n".repeat(N / 4), Some("L001")),
        ("indented unclosed blocks", (0..N / 40).map(|i| format!("{}a {{\n", " ".repeat(i % 30))).collect(), Some("L001")),
        ("comparators", "≥".repeat(N / 3), Some("L001")),
        ("quotes", "\"".repeat(N), None),
        ("escaped quotes in a string", format!("a \"{}\"", "\\\"".repeat(N / 2)), None),
        ("comments", "# {{{ \"\n".repeat(N / 8), None),
        ("braces in a string", format!("{HEADER}职责 \"{}\"\n", "{".repeat(15_000)), None),
        ("braces in comments", format!("{HEADER}{}", "# {{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{\n".repeat(5_000)), None),
        ("errors on every line", "} x\n".repeat(N / 4), Some("L001")),
        ("long indentation then `;`", format!("{}{}", " ".repeat(N / 2), "a;".repeat(N / 32)), Some("L005")),
        ("many projects", format!("{HEADER}{}", (0..N / 60).map(|i| format!("项目 \"p{i}\" {{ 功能 2011301 }}\n")).collect::<String>()), Some("L008")),
        ("one duplicated project", format!("{HEADER}{}", "项目 \"p\" { 功能 2011301 }\n".repeat(N / 40)), Some("X6")),
        ("many expenditure rows", format!("{HEADER}支出 {{\n{}}}\n", (0..N / 30).map(|i| format!("{} 行政运行 基本 1\n", 2011301 + i % 90)).collect::<String>()), None),
        ("many units", format!("{HEADER}{}", (0..N / 40).map(|i| format!("单位 u{i} {{ 类型 行政 }}\n")).collect::<String>()), None),
        ("many indicators", format!("{HEADER}项目 p {{ 绩效目标 {{ 绩效指标 {{ 产出指标 {{ 数量指标 {{\n{}}} }} }} }} }}\n", (0..N / 20).map(|i| format!("x{i} ≥1次\n")).collect::<String>()), None),
        ("nesting at the limit, repeated", format!("a {}{}\n", "{ b ".repeat(31), "}".repeat(31)).repeat(N / 200), None),
        ("NUL bytes", "\0".repeat(N), Some("L014")),
        ("replacement characters", format!("{HEADER}职责 \"{}\"\n", "\u{FFFD}".repeat(10_000)), Some("L015")),
        ("lone CRs", "年度 2024\r部门 甲\r".repeat(N / 40), Some("L007")),
        ("zero-width spaces", format!("{HEADER}职责 \"{}\"\n", "\u{200B}".repeat(10_000)), Some("L011")),
    ];
    let mut slowest = (Duration::ZERO, "");
    for (what, src, code) in &cases {
        let (c, took) = timed(src);
        eprintln!("{what}: {took:?} {} diagnostics", c.diagnostics.len());
        assert!(took < Duration::from_secs(15), "{what}: {took:?}");
        if took > slowest.0 {
            slowest = (took, what);
        }
        if let Some(code) = code {
            assert!(
                codes(&c).contains(code),
                "{what}: {code} not in {:?}",
                &codes(&c)[..codes(&c).len().min(10)]
            );
        }
        // a parse error's cap, and in general a bounded report
        assert!(
            c.diagnostics.len() <= 250_000,
            "{what}: {} diagnostics",
            c.diagnostics.len()
        );
        // the editor's view of it too
        let t = Instant::now();
        let a = budget::editor::Analysis::new(src.as_str(), opts());
        let t1 = t.elapsed();
        let _ = budget::editor::diagnostics(&a, budget::diagnostic::Lang::Zh);
        eprintln!("   editor: analysis {t1:?}, diagnostics {:?}", t.elapsed());
    }
    eprintln!("slowest: {} in {:?}", slowest.1, slowest.0);
}

#[test]
fn a_text_over_the_limit_is_l012_and_at_the_limit_is_not() {
    let max = budget::syntax::MAX_TEXT_CHARS;
    let at = format!("{HEADER}职责 \"{}\"\n", "字".repeat(max));
    assert!(!codes(&check_source(&at, opts())).contains(&"L012"));
    let over = format!("{HEADER}职责 \"{}\"\n", "字".repeat(max + 1));
    let c = check_source(&over, opts());
    let d: Vec<_> = c.diagnostics.iter().filter(|d| d.code == "L012").collect();
    assert_eq!(d.len(), 1, "{:?}", codes(&c));
    assert_eq!(&over[d[0].span.start..d[0].span.end], "\"");
    assert!(d[0].message.en.contains(&(max + 1).to_string()));
    // a word and a unit too
    let word = format!("{HEADER}其他说明 {{ x {} }}\n", "w".repeat(max + 1));
    assert!(codes(&check_source(&word, opts())).contains(&"L012"));
    let unit = format!(
        "{HEADER}国有资产 {{ 办公用房 1{} }}\n",
        "米".repeat(max + 1)
    );
    assert!(codes(&check_source(&unit, opts())).contains(&"L012"));
}

#[test]
fn too_many_values_is_one_fatal_l013() {
    let max = budget::syntax::MAX_VALUES;
    // (one statement of many values: a file of as many statements would be
    // as many diagnostics, which costs seconds in a debug build)
    let under = format!("{HEADER}职责 {}\n", "a ".repeat(max - 100));
    assert!(!codes(&check_source(&under, opts())).contains(&"L013"));
    let over = format!("{HEADER}{}", "a b\n".repeat(max / 2 + 1));
    let c = check_source(&over, opts());
    assert_eq!(codes(&c), vec!["L013"]);
    // strings and comments are one value or none
    let strings = format!(
        "{HEADER}职责 \"{}\"\n# {}\n",
        "a b c ".repeat(max),
        "x ".repeat(max)
    );
    assert!(!codes(&check_source(&strings, opts())).contains(&"L013"));
}

#[test]
fn control_characters_are_l014_and_tabs_and_line_ends_are_not() {
    for c in [
        '\0', '\u{1}', '\u{8}', '\u{B}', '\u{C}', '\u{1B}', '\u{7F}', '\u{85}', '\u{9F}',
        '\u{FFFE}', '\u{FFFF}',
    ] {
        let src = format!("{HEADER}职责 \"负责{c}管理\"\n");
        let d = check_source(&src, opts());
        let l14: Vec<_> = d.diagnostics.iter().filter(|d| d.code == "L014").collect();
        assert_eq!(l14.len(), 1, "U+{:04X}: {:?}", c as u32, codes(&d));
        assert!(l14[0].message.en.contains(&format!("U+{:04X}", c as u32)));
        // the renderers never see it as anything but text (with --draft)
        let doc = budget::render::build(&d.budget, &opts().catalog, true).expect("layout");
        let html = budget::render::html::render(&doc).expect("html");
        inert::assert_html_inert(&html);
        let typ = budget::render::typst::render(&doc).expect("typst");
        inert::assert_typst_inert(&typ, &[]);
    }
    for ok in ["\t", "\n", "\r\n", "\u{3000}"] {
        let src = format!("{HEADER}职责 \"负责{ok}管理\"\n");
        assert!(
            !codes(&check_source(&src, opts())).contains(&"L014"),
            "{ok:?}"
        );
    }
    // NUL between statements is a word of its own: still reported
    let src = format!("{HEADER}\0\n");
    assert!(codes(&check_source(&src, opts())).contains(&"L014"));
    // in a comment it harms nothing
    let src = format!("{HEADER}# a NUL \0 in a comment\n");
    assert!(!codes(&check_source(&src, opts())).contains(&"L014"));
}

#[test]
fn the_replacement_character_is_a_warning_that_renders() {
    let src = format!("{HEADER}职责 \"负责\u{FFFD}管理\"\n");
    let c = check_source(&src, opts());
    let d: Vec<_> = c.diagnostics.iter().filter(|d| d.code == "L015").collect();
    assert_eq!(d.len(), 1);
    assert!(!d[0].is_error());
    let doc = budget::render::build(&c.budget, &opts().catalog, false).expect("layout");
    let html = budget::render::html::render(&doc).expect("html");
    assert!(inert::assert_html_inert(&html).contains("负责\u{FFFD}管理"));
    let typ = budget::render::typst::render(&doc).expect("typst");
    assert!(typ.contains("负责\u{FFFD}管理"));
}

#[test]
fn every_limit_code_is_explained() {
    for code in ["L003", "L012", "L013", "L014", "L015"] {
        assert!(
            budget::explain::ALL.iter().any(|e| e.code == code),
            "{code}"
        );
    }
}

/// Columns on a very long line are counted from a mark, not from the line's
/// start (a long line with many diagnostics must not cost its square), and
/// agree with counting every character.
#[test]
fn line_index_columns_on_long_lines_are_exact() {
    use budget::editor::LineIndex;
    let line: String = (0..5_000)
        .map(|i| match i % 4 {
            0 => "a",
            1 => "长",
            2 => "𠀀",
            _ => "😀x",
        })
        .collect();
    let text = format!("年度 2024\r\n{line}\r{line}\n尾");
    let idx = LineIndex::new(&text);
    let naive = |o: usize| {
        let start = text[..o].rfind(['\n', '\r']).map(|i| i + 1).unwrap_or(0);
        text[start..o].chars().map(char::len_utf16).sum::<usize>() as u32
    };
    for (o, _) in text.char_indices().step_by(97) {
        let p = idx.position(&text, o);
        assert_eq!(p.character, naive(o), "offset {o}");
        assert_eq!(idx.offset(&text, p), o, "offset {o}");
    }
    // many positions on the long line stay cheap
    let t = Instant::now();
    for (o, _) in text.char_indices() {
        let _ = idx.position(&text, o);
    }
    assert!(t.elapsed() < Duration::from_secs(10), "{:?}", t.elapsed());
}

/// Reports of many diagnostics on a large file cost each diagnostic its own
/// lines, not the file's length (quadratic before: 20 000 diagnostics took
/// minutes to print).
#[test]
fn reports_of_many_diagnostics_are_linear() {
    use budget::diagnostic::Lang;
    let src = format!("{}{}", "# 注释\n".repeat(20_000), "a\r\n".repeat(6_000));
    let c = check_source(&src, opts());
    assert!(c.diagnostics.len() >= 6_000);
    let t = Instant::now();
    let json = budget::report::json_diagnostics("f", &src, &c.diagnostics, Lang::En);
    assert!(
        t.elapsed() < Duration::from_secs(5),
        "json {:?}",
        t.elapsed()
    );
    let last = json.last().expect("diagnostics");
    assert_eq!(
        (last.line, last.column),
        budget::diagnostic::line_col(&src, last.start)
    );
    let t = Instant::now();
    let text = budget::report::human(
        "f",
        &src,
        &c.diagnostics[c.diagnostics.len() - 2_000..],
        Lang::Zh,
        false,
    );
    assert!(
        t.elapsed() < Duration::from_secs(10),
        "human {:?}",
        t.elapsed()
    );
    // the line numbers are the file's
    assert!(
        text.contains(&format!("f:{}:1", 20_000 + 6_000)),
        "{}",
        &text[text.len() - 600..]
    );
}
