//! The injection corpus: HTML, script-URL, CSS and Typst-markup payloads in
//! every string field of the seed example (department, units, function and
//! economic rows, projects, every prose field of their targets, indicator
//! names and values, 名词解释, 其他说明, 上年 原因 …). The variants are made
//! from `examples/jinzhong-chanyelian-2024.budget` by a program: the model is
//! poisoned, printed back to `.budget` source (`render::source`), and goes
//! through the whole pipeline — check, layout, HTML, Typst, and (once, with
//! the payloads spread over the fields) a PDF compiled by typst.
//!
//! For every payload and field: the HTML has only our tags, no event handler
//! or script URL, and shows the text literally; in the Typst source the text
//! is only inside string literals; the PDF's text shows it literally.

#[path = "support/cli.rs"]
mod cli;
#[path = "support/inert.rs"]
mod inert;
use inert::SetText;

use budget::model::Budget;
use budget::render::source::to_source;
use budget::{check_source, Options};
use std::path::{Path, PathBuf};
use std::process::Command;

const SEED: &str = include_str!("../examples/jinzhong-chanyelian-2024.budget");

/// The payloads. Each starts with a visible character and has no blank line,
/// so that it is shown as one piece of text wherever it goes.
pub const PAYLOADS: &[&str] = &[
    // HTML
    "<script>alert(1)</script>",
    "<SCRIPT SRC=//x.example/x.js></SCRIPT>",
    "<img src=x onerror=alert(1)>",
    "<svg/onload=alert(1)>",
    "<iframe src=\"javascript:alert(1)\"></iframe>",
    "\"><script>alert(1)</script>",
    "'><b onmouseover=alert(1)>x</b>",
    "<!-- comment --><p>",
    "]]><![CDATA[<script>",
    "&lt;script&gt;&amp;",
    "<a href=\"javascript:alert(1)\">点击</a>",
    "<math><mi xlink:href=\"javascript:alert(1)\">",
    // script URLs
    "javascript:alert(document.cookie)",
    "JaVaScRiPt:alert(1)",
    "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==",
    "vbscript:msgbox(1)",
    // CSS
    "</style><script>alert(1)</script>",
    "x{}body{background:url(javascript:alert(1))}",
    "expression(alert(1))",
    "@import url(//x.example/x.css);",
    "</title><style>*{display:none}</style>",
    // Typst markup and code
    "#read(\"/etc/passwd\")",
    "#import \"/etc/passwd\": *",
    "#include \"../../etc/passwd\"",
    "#eval(\"1+1\")",
    "#let x = read(\"/etc/hostname\")",
    "#set page(fill: red)",
    "#show: x => none",
    "] #read(\"/etc/passwd\") [",
    "\" + read(\"/etc/passwd\") + \"",
    "\\\" + read(\"/etc/passwd\") + \\\"",
    "$ sum_(i=0)^n i $",
    "<label> @label",
    "// not a comment",
    "/* not a comment */",
    "*bold* _emph_ `raw` = head",
    "- list + enum / term: x",
    "\\u{41} \\n \\",
    "#{ for i in range(9999999) { } }",
    "结转 \u{2028}#read(\"/etc/passwd\")",
    "说明 \u{2029}#eval(\"panic()\")",
    "（一）\u{0085}#import \"x\"",
    // template syntax
    "{{ department }} {% raw %}",
    // the language's own punctuation
    "a;b {c} \"d\" #e",
];

fn opts() -> Options {
    Options::default()
}

/// Every string field of a model, in a fixed order.
fn fields(b: &mut Budget) -> Vec<&mut dyn SetText> {
    let mut v: Vec<&mut dyn SetText> = vec![&mut b.department.text];
    v.extend(b.prose.duties.as_mut().map(|s| s as &mut dyn SetText));
    v.extend(b.prose.organization.as_mut().map(|s| s as &mut dyn SetText));
    for (k, t) in b.prose.glossary.iter_mut().chain(b.prose.other.iter_mut()) {
        v.push(k);
        v.push(t);
    }
    for r in &mut b.expenditure.rows {
        v.push(&mut r.name.text);
    }
    for blk in &mut b.economic {
        for r in &mut blk.rows {
            v.push(&mut r.name.text);
        }
    }
    for p in &mut b.projects {
        v.push(&mut p.name.text);
        if let Some(t) = p.target.as_mut() {
            v.extend(inert::target_texts(t));
        }
    }
    if let Some(dp) = b.department_performance.as_mut() {
        for (k, t) in &mut dp.facts {
            if !k.ends_with('数') && !k.contains("人员") && k != "核定编制" {
                v.push(t);
            }
        }
    }
    v.extend(b.last_year.reason.as_mut().map(|s| s as &mut dyn SetText));
    for (_, r) in &mut b.last_year.reasons {
        v.push(r);
    }
    v
}

/// The seed with `payload_for(n)` (tagged `F{n}Z`) in field n; units keep
/// their names, so that every reference to them still holds.
fn variant(base: &Budget, payload_for: impl Fn(usize) -> &'static str) -> (String, usize) {
    let mut b = base.clone();
    // the indicator values read as quantities must stay text
    for p in &mut b.projects {
        if let Some(t) = p.target.as_mut() {
            for ind in std::iter::once(&mut t.indicators_period).chain(t.indicators_year.as_mut()) {
                for i in ind
                    .level1
                    .iter_mut()
                    .flat_map(|l| l.level2.iter_mut())
                    .flat_map(|l| l.items.iter_mut())
                {
                    i.value.number = None;
                    i.value.cmp = None;
                    i.value.unit = None;
                }
            }
        }
    }
    let mut fs = fields(&mut b);
    let n = fs.len();
    for (i, f) in fs.iter_mut().enumerate() {
        f.set_text(format!("F{i}Z{}", payload_for(i)));
    }
    (to_source(&b), n)
}

fn seed() -> Budget {
    let mut b = check_source(SEED, &opts()).budget;
    // a 公用经费列举 names its rows, whose names the variants replace
    for blk in &mut b.economic {
        blk.listed_public = None;
        blk.listed_personnel = None;
    }
    b
}

fn render(src: &str) -> (String, String) {
    let o = opts();
    let checked = check_source(src, &o);
    let syntax: Vec<String> = checked
        .diagnostics
        .iter()
        // (U+0085 is a control character: L014, and the document is a draft)
        .filter(|d| {
            d.code.as_str().starts_with('L') && !matches!(d.code.as_str(), "L011" | "L014" | "L015")
        })
        .map(|d| format!("{} {}", d.code, d.message.en))
        .take(5)
        .collect();
    assert!(
        syntax.is_empty(),
        "the variant does not read back: {syntax:?}"
    );
    let doc = budget::render::build(&checked.budget, &o.catalog, true).expect("layout");
    let html = budget::render::html::render(&doc).expect("html");
    let typ = budget::render::typst::render(&doc).expect("typst");
    (html, typ)
}

#[test]
fn every_payload_in_every_field_stays_text() {
    let base = seed();
    let mut variants = 0;
    let mut shown = 0;
    for payload in PAYLOADS {
        let (src, n) = variant(&base, |_| payload);
        variants += n;
        let (html, typ) = render(&src);
        let text = inert::assert_html_inert(&html);
        let markers: Vec<String> = (0..n).map(|i| format!("F{i}Z")).collect();
        let refs: Vec<&str> = markers.iter().map(String::as_str).collect();
        let lits = inert::assert_typst_inert(&typ, &refs);
        // wherever a field is shown, it is shown whole: every `F{n}Z` in the
        // HTML text and in the Typst literals is followed by the payload
        let mut seen = std::collections::BTreeSet::new();
        for (where_, hay) in std::iter::once(("HTML", text.as_str()))
            .chain(lits.iter().map(|l| ("Typst", l.as_str())))
        {
            for (at, _) in hay.match_indices('F') {
                let rest = &hay[at + 1..];
                let digits = rest.bytes().take_while(u8::is_ascii_digit).count();
                if digits == 0 || !rest[digits..].starts_with('Z') {
                    continue;
                }
                let field: usize = rest[..digits].parse().expect("digits");
                // (a chart's SVG is XML: its texts are escaped as XML)
                let shown = &rest[digits + 1..];
                assert!(
                    shown.starts_with(payload)
                        || shown.starts_with(&budget::render::charts::xml(payload)),
                    "field {field}: {payload:?} mangled in the {where_} text: {:?}",
                    &rest[..rest.len().min(digits + 1 + payload.len() + 10)]
                );
                if where_ == "HTML" {
                    seen.insert(field);
                }
            }
        }
        shown += seen.len();
        // the department is on the cover and in the HTML title
        assert!(
            text.contains(&format!("F0Z{payload}")),
            "department {payload:?}"
        );
        assert!(html.to_ascii_lowercase().matches("<script").count() == 0);
    }
    eprintln!(
        "injection corpus: {} payloads × their fields = {variants} variants; {shown} shown in the HTML, all inert",
        PAYLOADS.len()
    );
    assert!(
        variants >= PAYLOADS.len() * 50,
        "the seed should have many string fields: {variants}"
    );
}

/// typst and the fonts, when this machine has them (CI installs them).
fn typst() -> Option<(PathBuf, String)> {
    let t = std::env::var_os("BUDGET_TYPST")
        .map(PathBuf::from)
        .or_else(|| cli::which("typst"))
        .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".cargo/bin/typst")))
        .filter(|p| p.is_file());
    let fonts = std::env::var("BUDGET_FONT_PATH")
        .unwrap_or_else(|_| "/usr/share/fonts/opentype/noto".into());
    match t {
        Some(t) if Path::new(&fonts).is_dir() => Some((t, fonts)),
        _ => {
            let msg = "typst or the Noto CJK fonts not found: the PDF half is skipped";
            assert!(std::env::var_os("CI").is_none(), "{msg} (CI installs them)");
            eprintln!("{msg}");
            None
        }
    }
}

fn compile(typst: &Path, fonts: &str, dir: &Path, main: &str) -> std::process::Output {
    Command::new(typst)
        .arg("compile")
        .arg("--root")
        .arg(dir)
        .arg("--ignore-system-fonts")
        .arg("--font-path")
        .arg(fonts)
        .arg(dir.join(main))
        .arg(dir.join(main.replace(".typ", ".pdf")))
        .env_remove("TYPST_ROOT")
        .env_remove("TYPST_FONT_PATHS")
        .env_remove("TYPST_PACKAGE_PATH")
        .output()
        .expect("run typst")
}

fn scratch(name: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("budget-injection-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).expect("scratch");
    d
}

#[test]
fn the_poisoned_document_compiles_and_its_pdf_shows_every_payload() {
    let Some((typst, fonts)) = typst() else {
        return;
    };
    if !cli::on_path("pdftotext") {
        assert!(std::env::var_os("CI").is_none(), "pdftotext not found");
        eprintln!("pdftotext not found: skipped");
        return;
    }
    let base = seed();
    // payloads spread over the fields: each lands in several
    let (src, n) = variant(&base, |i| PAYLOADS[i % PAYLOADS.len()]);
    assert!(n > PAYLOADS.len());
    let (_, typ) = render(&src);
    let dir = scratch("pdf");
    std::fs::write(dir.join("poisoned.typ"), &typ).expect("write");
    let o = compile(&typst, &fonts, &dir, "poisoned.typ");
    assert!(
        o.status.success(),
        "typst failed: {}",
        String::from_utf8_lossy(&o.stderr)
    );
    let out = Command::new("pdftotext")
        .args(["-raw", "-enc", "UTF-8"])
        .arg(dir.join("poisoned.pdf"))
        .arg("-")
        .output()
        .expect("pdftotext");
    let squeeze = |s: &str| -> String {
        s.chars()
            .filter(|c| !c.is_whitespace() && !c.is_control())
            .collect()
    };
    let text = squeeze(&String::from_utf8_lossy(&out.stdout));
    let mut missing = Vec::new();
    for p in PAYLOADS {
        if !text.contains(&squeeze(p)) {
            missing.push(*p);
        }
    }
    assert!(
        missing.is_empty(),
        "not shown literally in the PDF: {missing:?}"
    );
    assert!(
        !text.contains("root:x:0"),
        "/etc/passwd was read into the PDF"
    );
    let _ = std::fs::remove_dir_all(&dir);
}

/// Even Typst code that reached the compiler cannot read outside the output
/// folder: the call `budget` makes (`--root` = the output folder) refuses.
#[test]
fn typst_cannot_read_outside_its_root() {
    let Some((typst, fonts)) = typst() else {
        return;
    };
    let dir = scratch("root");
    std::fs::write(dir.join("inside.txt"), "inside").expect("write");
    let ok = "#set text(font: \"Noto Serif CJK SC\")\n#read(\"inside.txt\")\n";
    std::fs::write(dir.join("ok.typ"), ok).expect("write");
    let o = compile(&typst, &fonts, &dir, "ok.typ");
    assert!(
        o.status.success(),
        "a file inside the root: {}",
        String::from_utf8_lossy(&o.stderr)
    );
    for (i, body) in [
        "#read(\"/etc/passwd\")",
        "#read(\"../../../../../../etc/passwd\")",
        "#image(\"/etc/passwd\")",
        "#include \"/etc/hostname\"",
        "#import \"../x.typ\": *",
        "#read(\"/proc/self/environ\")",
    ]
    .iter()
    .enumerate()
    {
        let name = format!("evil{i}.typ");
        std::fs::write(dir.join(&name), body).expect("write");
        let o = compile(&typst, &fonts, &dir, &name);
        let err = String::from_utf8_lossy(&o.stderr);
        assert!(
            !o.status.success(),
            "{body} compiled: it read outside the root"
        );
        assert!(
            err.contains("not found")
                || err.contains("outside")
                || err.contains("access denied")
                || err.contains("failed to load"),
            "{body}: {err}"
        );
    }
    let _ = std::fs::remove_dir_all(&dir);
}
