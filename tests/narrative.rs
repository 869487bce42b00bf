//! The narrative meter: every figure-bearing sentence of the published
//! documents found word for word in the generated HTML
//! (`../shared/tools/narrative_fidelity.py REFERENCE OUT.html`) and in the
//! PDF's text (`pdftotext -layout`, when typst and pdftotext are installed),
//! except the sentences listed here as expected differences, each with its
//! reason.
//!
//! The meter and the references live beside the repository (`../shared`,
//! or beside a folder above it: tests/support/reference.rs); when they are
//! missing the test says so and passes, except under CI.

#[path = "support/cli.rs"]
mod cli;
#[path = "support/reference.rs"]
mod reference;

use budget::render;
use budget::{check_file, check_source, Options};
use cli::{on_path, read_disk};
use std::path::{Path, PathBuf};
use std::process::Command;

fn root() -> &'static Path {
    cli::root()
}

/// A published document, the example written from it, and the sentences
/// the generated narrative does not reproduce, each with its reason.
struct Doc {
    example: &'static str,
    reference: &'static str,
    expected: &'static [(&'static str, &'static str)],
}

const DOCS: &[Doc] = &[
    Doc {
        example: "examples/jinzhong-chanyelian-2024.budget",
        reference: "seed/000_01a1d3103f4588d7.txt",
        expected: &[
            (
                "公务接待费1.00万元,与上年相比预算数增加1.00万元",
                "the published sentence ends “无部门预算。;”: doubled punctuation; the output ends it once",
            ),
            (
                "设计资金1329.84万元",
                "a typo in the published text (设计 for 涉及), which also drops the grouping the rest of the part uses",
            ),
            (
                "占部门（单位）项目支出总额的78.23%",
                "a wrong published figure: 1,017.00 of 1,317.00万元 is 77.22%",
            ),
        ],
    },
    Doc {
        example: "examples/shanghai-putuo-wanli-2024.budget",
        reference: "reference/shanghai-putuo-wanli-2024-budget.txt",
        expected: &[
            (
                "2023年当年预算执行数为0.00万元，2024年预算安排25.00万元，比2023年预算执行数增加100.00%",
                "a change from 0 has no percentage; the output gives the change as an amount (增加25.00万元)",
            ),
            (
                "2024年预算安排352.67万元，比2023年预算执行数增加0.53%",
                "inconsistent within the document: the heading and 表5 give 350.35万元 (3,503,499元) for 住房公积金",
            ),
        ],
    },
    Doc {
        example: "examples/shanghai-putuo-wanli-2025.budget",
        reference: "reference/shanghai-putuo-wanli-2025-budget.txt",
        expected: &[(
            "“卫生健康支出（类）卫生健康支出（款）计划生育事务（项）”科目20.00万元",
            "inconsistent within the document: 表2/表3/表5 give 21007 计划生育事务（款）and 2100717 计划生育服务（项）",
        )],
    },
    Doc {
        example: "examples/shanghai-putuo-qufuban-2025.budget",
        reference: "reference/shanghai-putuo-qufuban-2025-budget.txt",
        expected: &[],
    },
    Doc {
        example: "examples/shanghai-putuo-qufuban-2025-unit.budget",
        reference: "reference/shanghai-putuo-qufuban-2025-unit-budget.txt",
        expected: &[],
    },
];

#[test]
fn narrative_sentences_of_the_published_documents() {
    let Some(shared) = reference::or_skip("the narrative sentences") else {
        return;
    };
    let dir = std::env::temp_dir().join(format!("budget-narrative-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("scratch dir");
    let pdf = on_path("typst") && on_path("pdftotext");
    if !pdf {
        eprintln!("NOTE: typst or pdftotext not installed: the PDF's narrative was not measured");
    }
    for d in DOCS {
        let path = root().join(d.example);
        let src = std::fs::read_to_string(&path).expect("read example");
        let html = dir.join("out.html");
        std::fs::write(&html, html_of(&path, &src)).expect("write html");
        println!("{}:", d.example);
        let m = reference::narrative(&shared.join(d.reference), &html);
        meets(d, "html", &m);
        println!(
            "{}: html narrative fidelity {}/{} sentences",
            d.example, m.found, m.of
        );
        if pdf {
            let m = reference::narrative(&shared.join(d.reference), &pdf_text(d, &dir));
            meets(d, "pdf", &m);
            println!(
                "{}: pdf narrative fidelity {}/{} sentences",
                d.example, m.found, m.of
            );
        }
    }
    let _ = std::fs::remove_dir_all(&dir);
}

/// The HTML document of an example's text `src` (read from `path`, whose
/// folder the files it names are read from), built in-process; it has no
/// error.
fn html_of(path: &Path, src: &str) -> String {
    let opts = Options::default();
    let checked = check_file(path, src, &opts, &read_disk);
    assert!(
        !checked.has_errors(),
        "{} has errors: {:?}",
        path.display(),
        checked.diagnostics
    );
    let doc = render::build(&checked.budget, &opts.catalog, false).expect("lay out");
    render::html::render(&doc).expect("html")
}

/// The sentences the meter missed are exactly the expected differences.
fn meets(d: &Doc, format: &str, m: &reference::Narrative) {
    let (found, of, missing) = (m.found, m.of, &m.missing);
    for s in missing {
        assert!(
            d.expected.iter().any(|(e, _)| s.contains(e)),
            "{} ({format}): a sentence of the published document is missing from the output: {s}",
            d.example
        );
    }
    for (e, why) in d.expected {
        assert!(
            missing.iter().any(|s| s.contains(e)),
            "{} ({format}): the expected difference “{e}” ({why}) is no longer missing: remove it from the list",
            d.example
        );
    }
    assert_eq!(
        found + d.expected.len(),
        of,
        "{} ({format}): {found}/{of} sentences",
        d.example
    );
}

/// The PDF's text for the meter: the example built to PDF by the CLI, its
/// `pdftotext -layout` text in an HTML `<pre>`. The meter removes white space
/// and line breaks, so a sentence wrapped over lines is whole again; the page
/// footers (`— 7 —`), which would cut a sentence running over a page break,
/// and the form feeds between pages are dropped.
fn pdf_text(d: &Doc, dir: &Path) -> PathBuf {
    let out = cli::budget(&[
        "build",
        d.example,
        "--format",
        "pdf",
        "-o",
        &dir.to_string_lossy(),
    ]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}: {}",
        d.example,
        cli::stderr(&out)
    );
    let stem = Path::new(d.example)
        .file_stem()
        .expect("a file name")
        .to_string_lossy()
        .into_owned();
    let text = Command::new("pdftotext")
        .args(["-layout", "-enc", "UTF-8"])
        .arg(dir.join(format!("{stem}.pdf")))
        .arg("-")
        .output()
        .expect("run pdftotext");
    assert!(text.status.success(), "pdftotext failed");
    let text = String::from_utf8_lossy(&text.stdout);
    let body: Vec<&str> = text
        .split(['\n', '\u{c}'])
        .filter(|l| !is_footer(l))
        .collect();
    let escaped = body
        .join("\n")
        .replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;");
    let html = dir.join("pdf.html");
    std::fs::write(&html, format!("<pre>{escaped}</pre>")).expect("write the PDF's text");
    html
}

/// A page footer line of the PDF: `— 7 —`.
fn is_footer(line: &str) -> bool {
    let t = line.trim();
    t.strip_prefix('—')
        .and_then(|r| r.strip_suffix('—'))
        .map(|n| {
            let n = n.trim();
            !n.is_empty() && n.chars().all(|c| c.is_ascii_digit())
        })
        .unwrap_or(false)
}

#[test]
fn page_footers_are_recognised() {
    assert!(is_footer("   — 12 —  "));
    assert!(!is_footer("—  —"));
    assert!(!is_footer("— 共12页 —"));
}

/// The printed changes of 万里 2024's 编制说明, in order: `减少57.14%`, `持平` …
fn printed_changes(reference: &str) -> Vec<String> {
    let text: String = reference.split_whitespace().collect();
    let start = text.find("财政拨款支出主要内容如下").expect("the items");
    let mark = "比2023年预算执行数";
    let mut out = Vec::new();
    let mut rest = &text[start..];
    while let Some(i) = rest.find(mark) {
        rest = &rest[i + mark.len()..];
        let end = rest.find('%').map(|e| e + '%'.len_utf8());
        let claim = if rest.starts_with("持平") {
            "持平".to_string()
        } else {
            rest[..end.expect("a percentage")].to_string()
        };
        out.push(claim);
    }
    out
}

/// Facts and claims are the same statements: the example written by its
/// author, with every change of its 编制说明 added as printed (`变动 …`),
/// reports exactly the printed changes that the figures contradict.
#[test]
fn the_printed_changes_of_wanli_2024_as_claims() {
    let Some(shared) = reference::or_skip("the printed changes of 万里 2024") else {
        return;
    };
    let reference =
        std::fs::read_to_string(shared.join("reference/shanghai-putuo-wanli-2024-budget.txt"))
            .expect("the reference text");
    let claims = printed_changes(&reference);
    assert_eq!(claims.len(), 33, "{claims:?}");
    let src = std::fs::read_to_string(root().join("examples/shanghai-putuo-wanli-2024.budget"))
        .expect("read example");
    let mut claims = claims.into_iter();
    let mut out = String::new();
    for line in src.lines() {
        let t = line.trim_start();
        let is_xiang = t.len() > 7
            && t.as_bytes()[..7].iter().all(u8::is_ascii_digit)
            && t.as_bytes()[7] == b' ';
        out.push_str(line);
        if is_xiang {
            let c = claims.next().expect("a claim per 项 line");
            out.push_str(&format!(" 变动 {c}"));
        }
        out.push('\n');
    }
    assert!(claims.next().is_none(), "a claim left over");
    let checked = check_source(&out, &Options::default());
    let found: Vec<(String, String)> = checked
        .diagnostics
        .iter()
        .map(|d| {
            (
                d.code.to_string(),
                out[d.span.start..d.span.end].to_string(),
            )
        })
        .collect();
    for d in &checked.diagnostics {
        println!("{} {}", d.code, d.message.zh);
    }
    // 教育支出 2059999: 0.00 → 25.00万元 printed as 增加100.00% (no percentage
    // from 0); the 32 others agree with the figures (19.75% from the printed
    // 24.31 and 20.30, 0.53% for 住房公积金 from its exact 3,503,499元).
    assert_eq!(found, vec![("N15".to_string(), "增加100.00%".to_string())]);
}

/// The narrative's wording choices (`排版 { 措辞 { … } }`): the profile's
/// default wording without them, the document's with them; a name written
/// twice is L007, a value other than 是/否 L006, a name the profile does not
/// offer L005.
#[test]
fn wording_choices_change_the_sentences_they_name() {
    let path = root().join("examples/shanghai-putuo-wanli-2025.budget");
    let src = std::fs::read_to_string(&path).expect("read example");
    let choice = "  措辞 { 科目 是; 说明千分位 是 }";
    assert!(src.contains(choice), "the example sets its wording");
    let chosen = html_of(&path, &src);
    assert!(chosen.contains("专项普查活动（项）”科目43.83万元"));
    assert!(chosen.contains("收入预算18,976.76万元"));
    let default = html_of(&path, &src.replace(choice, ""));
    assert!(default.contains("专项普查活动（项）”43.83万元"));
    assert!(default.contains("收入预算18976.76万元"));
    assert!(!default.contains("”科目"));
    // only the opening is grouped: the items keep 1788.77万元
    assert!(chosen.contains("行政运行（项）”科目1788.77万元"));
    // the model printer writes the choices back
    let a = check_file(&path, &src, &Options::default(), &read_disk).budget;
    assert_eq!(a.print.wording.len(), 2);
    let printed = render::source::to_source(&a);
    let b = check_file(&path, &printed, &Options::default(), &read_disk);
    assert!(!b.has_errors(), "{printed}");
    assert_eq!(a.print, b.budget.print, "{printed}");

    let codes = |replacement: &str| -> Vec<(String, String)> {
        let s = src.replace(choice, replacement);
        let c = check_file(&path, &s, &Options::default(), &read_disk);
        // what `budget check` shows (the example acknowledges its N1)
        budget::acknowledge::split(&s, &c.diagnostics)
            .shown
            .iter()
            .map(|d| (d.code.to_string(), s[d.span.start..d.span.end].to_string()))
            .collect()
    };
    assert_eq!(
        codes("  措辞 { 科木 是 }"),
        vec![("L005".to_string(), "科木".to_string())]
    );
    assert_eq!(
        codes("  措辞 { 科目 是; 科目 否 }"),
        vec![("L007".to_string(), "科目 否".to_string())]
    );
    assert_eq!(
        codes("  措辞 { 科目 对 }"),
        vec![("L006".to_string(), "对".to_string())]
    );
}
