//! Print conventions are profile data: each one changed in a copy of the
//! Shanghai profile changes the printed cells accordingly, and a document's
//! `排版` block overrides the profile. The copy is also written to a temporary
//! folder and used by `budget build --profile DIR`.

#[path = "support/cli.rs"]
mod cli;
#[path = "support/xlsx_display.rs"]
mod xlsx_display;

use budget::render::document::{Block, Document, Table};
use budget::render::Profile;
use budget::{check_source, Options};
use std::path::{Path, PathBuf};
use std::process::Command;

/// A small Shanghai document: an amount with 分, a zero column, an empty
/// 政府性基金 table, brackets in a name and a 三公 table in 万元.
const DOC: &str = r#"
年度 2025
部门 "测试部门"
口径 上海区级
金额单位 元
单位 "测试部门本部" { 类型 行政 }
收入 {
  一般公共预算 1,234,567.5
  收入总计     1,234,567.5
}
支出 {
  201     一般公共服务支出               合计 1,234,567.5
  20103   政府办公厅（室）及相关机构事务 合计 1,234,567.5
  2010301 行政运行                       基本 1,000,000 项目 234,567.5
}
基本支出 {
  302   商品和服务支出 合计 1,000,000
  30201 办公费         公用 985,000
  30217 公务接待费     公用  15,000
}
三公经费 {
  因公出国（境）费    0万元
  公务接待费       1.50万元
  公务用车购置费      0万元
  公务用车运行维护费  0万元
  合计             1.50万元
}
"#;

fn profile_files() -> Vec<(String, String)> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("templates/shanghai-district");
    let mut files: Vec<(String, String)> = std::fs::read_dir(&dir)
        .expect("profile folder")
        .filter_map(|e| e.ok())
        .map(|e| {
            let name = e.file_name().to_string_lossy().into_owned();
            let text = std::fs::read_to_string(e.path()).expect("profile file");
            (name, text)
        })
        .collect();
    files.sort();
    files
}

/// The profile with `edit` applied to its tables.toml.
fn edited(edit: &dyn Fn(&str) -> String) -> Vec<(String, String)> {
    profile_files()
        .into_iter()
        .map(|(n, t)| {
            let t = if n == "tables.toml" { edit(&t) } else { t };
            (n, t)
        })
        .collect()
}

fn document(src: &str, files: Vec<(String, String)>) -> Document {
    let opts = Options::default();
    let checked = check_source(src, &opts);
    let profile = Profile::from_files("test", files).expect("profile");
    budget::render::build_with(&checked.budget, &opts.catalog, false, &profile).expect("layout")
}

fn table<'a>(doc: &'a Document, label: &str) -> &'a Table {
    doc.parts
        .iter()
        .flat_map(|p| &p.sections)
        .flat_map(|s| &s.blocks)
        .find_map(|b| match b {
            Block::Table(t) if t.label == label => Some(t),
            _ => None,
        })
        .unwrap_or_else(|| panic!("no {label}"))
}

/// The texts of the first row of `label` whose first cells are `start`.
fn row(doc: &Document, label: &str, start: &[&str]) -> Vec<String> {
    let t = table(doc, label);
    t.rows
        .iter()
        .map(|r| r.cells.iter().map(|c| c.text.clone()).collect::<Vec<_>>())
        .find(|r| r.len() >= start.len() && r[..start.len()] == *start)
        .unwrap_or_else(|| panic!("{label}: no row {start:?}"))
}

fn set_default(toml: &str, line: &str) -> String {
    toml.replacen("[defaults]\n", &format!("[defaults]\n{line}\n"), 1)
}

#[test]
fn the_profile_as_shipped() {
    let doc = document(DOC, profile_files());
    // 元 tables: no decimals, but a 分 is never hidden; zero is 0 in 表3
    assert_eq!(
        row(&doc, "表3", &["201", "03", "01"]),
        [
            "201",
            "03",
            "01",
            "行政运行",
            "1,234,567.5",
            "1,000,000",
            "234,567.5"
        ]
    );
    assert_eq!(
        row(&doc, "表2", &["201", "", ""])[4..],
        ["1,234,567.5", "1,234,567.5", "0", "0", "0"]
    );
    // an empty table's 合计 row prints blank, with the table's note
    let t6 = table(&doc, "表6");
    assert_eq!(row(&doc, "表6", &["", "", "", "合计"])[4..], ["", "", ""]);
    assert_eq!(
        t6.note.as_deref(),
        Some("注:本部门2025年无政府性基金预算财政拨款安排的预算，故本表为空表。")
    );
    // 表9 in 万元 drops trailing zeros; its title carries the year
    assert_eq!(
        table(&doc, "表9").title,
        "2025年部门“三公”经费和机关运行经费预算表"
    );
    assert_eq!(table(&doc, "表9").rows[0].cells[0].text, "1.5");
    assert_eq!(
        row(&doc, "表3", &["201", "03", ""])[3],
        "政府办公厅（室）及相关机构事务"
    );
}

#[test]
fn each_convention_changes_the_cells() {
    // decimals
    let doc = document(DOC, edited(&|t| set_default(t, "decimals = 2")));
    assert_eq!(
        row(&doc, "表3", &["201", "03", "01"])[4..],
        ["1,234,567.50", "1,000,000.00", "234,567.50"]
    );
    // thousands separator
    let doc = document(DOC, edited(&|t| set_default(t, "thousands = \"\"")));
    assert_eq!(row(&doc, "表3", &["201", "03", "01"])[4], "1234567.5");
    // zero
    let doc = document(
        DOC,
        edited(&|t| t.replacen("zero = \"0\"", "zero = \"0.00\"", 1)),
    );
    assert_eq!(
        row(&doc, "表2", &["201", "", ""])[6..],
        ["0.00", "0.00", "0.00"]
    );
    // zero in an empty table
    let doc = document(DOC, edited(&|t| set_default(t, "empty_zero = \"0\"")));
    assert_eq!(
        row(&doc, "表6", &["", "", "", "合计"])[4..],
        ["0", "0", "0"]
    );
    // trailing zeros
    let doc = document(
        DOC,
        edited(&|t| t.replace("trim_zeros = true", "trim_zeros = false")),
    );
    assert_eq!(table(&doc, "表9").rows[0].cells[0].text, "1.50");
    // brackets
    let doc = document(DOC, edited(&|t| set_default(t, "brackets = \"half\"")));
    assert_eq!(
        row(&doc, "表3", &["201", "03", ""])[3],
        "政府办公厅(室)及相关机构事务"
    );
    // the empty-table note
    let doc = document(
        DOC,
        edited(&|t| {
            t.replace(
                "注:{{ doc.self }}{{ year }}年无政府性基金",
                "说明：{{ year }}年{{ doc.self }}无政府性基金",
            )
        }),
    );
    assert_eq!(
        table(&doc, "表6").note.as_deref(),
        Some("说明：2025年本部门无政府性基金预算财政拨款安排的预算，故本表为空表。")
    );
    // a table title
    let doc = document(
        DOC,
        edited(&|t| {
            t.replace(
                "title = \"{{ year }}年{{ doc.tables }}支出预算总表\"",
                "title = \"支出预算总表（{{ year }}）\"",
            )
        }),
    );
    assert_eq!(table(&doc, "表3").title, "支出预算总表（2025）");
    // the table label
    let doc = document(
        DOC,
        edited(&|t| t.replacen("label = \"表{}\"", "label = \"附表{}\"", 1)),
    );
    assert_eq!(row(&doc, "附表3", &["201", "03", "01"])[3], "行政运行");
    // the lines under the title
    let doc = document(
        DOC,
        edited(&|t| {
            let from = "meta = [\"编制{{ doc.owner }}：{{ doc.name }}\", \"单位：元\"]";
            assert!(t.contains(from), "the profile's meta lines");
            t.replacen(
                from,
                "meta = [\"预算单位：{{ doc.name }}\", \"单位：元\"]",
                1,
            )
        }),
    );
    assert_eq!(table(&doc, "表3").meta, ["预算单位：测试部门", "单位：元"]);
    // the label of a table's total row (a tree and the economic table)
    let doc = document(
        DOC,
        edited(&|t| {
            t.replacen("id = \"3\"\n", "id = \"3\"\ntotal_label = \"总计\"\n", 1)
                .replacen("id = \"8\"\n", "id = \"8\"\ntotal_label = \"合 计\"\n", 1)
        }),
    );
    assert_eq!(
        row(&doc, "表3", &["", "", "", "总计"])[4..],
        ["1,234,567.5", "1,000,000", "234,567.5"]
    );
    assert_eq!(
        row(&doc, "表8", &["", "", "合 计"])[3..],
        ["1,000,000", "0", "1,000,000"]
    );
    assert!(table(&doc, "表5")
        .rows
        .iter()
        .any(|r| r.cells[3].text == "合计"));
}

/// The Typst source of `doc` in the profile `files`.
fn typst_of(doc: &Document, files: Vec<(String, String)>) -> String {
    let profile = Profile::from_files("test", files).expect("profile");
    budget::render::typst::render_with(doc, &profile).expect("typst")
}

/// How many tables the Typst source sets on landscape pages.
fn landscape_tables(typ: &str) -> usize {
    typ.matches("#page(flipped: true, budget-table(").count()
}

#[test]
fn the_layout_conventions_change_the_pdf_source() {
    // as shipped: the 9 tables landscape, at 9.5pt
    let doc = document(DOC, profile_files());
    let t3 = table(&doc, "表3");
    assert!(t3.landscape);
    assert_eq!((t3.font_size, t3.min_font_size), (9.5, 6.5));
    let typ = typst_of(&doc, profile_files());
    assert_eq!(landscape_tables(&typ), 9);
    assert!(typ.contains("  size: 9.5pt,\n  min-size: 6.5pt,"));
    // portrait and 7.5pt for all, 7pt the smallest
    let files = edited(&|t| {
        set_default(
            &t.replacen(
                "orientation = \"landscape\"",
                "orientation = \"portrait\"",
                1,
            )
            .replacen("font_size = 9.5", "font_size = 7.5", 1),
            "min_font_size = 7",
        )
    });
    let doc = document(DOC, files.clone());
    let t3 = table(&doc, "表3");
    assert!(!t3.landscape);
    assert_eq!((t3.font_size, t3.min_font_size), (7.5, 7.0));
    let typ = typst_of(&doc, files);
    assert_eq!(landscape_tables(&typ), 0);
    assert!(typ.contains("  size: 7.5pt,\n  min-size: 7pt,"));
    // one table's own orientation over the defaults
    let files = edited(&|t| {
        t.replacen(
            "id = \"3\"\n",
            "id = \"3\"\norientation = \"portrait\"\nfont_size = 8\n",
            1,
        )
    });
    let doc = document(DOC, files.clone());
    assert!(!table(&doc, "表3").landscape && table(&doc, "表2").landscape);
    assert_eq!(table(&doc, "表3").font_size, 8.0);
    assert_eq!(landscape_tables(&typst_of(&doc, files)), 8);
    // an orientation that is not one: the profile is refused
    let e = Profile::from_files(
        "test",
        edited(&|t| t.replacen("orientation = \"landscape\"", "orientation = \"wide\"", 1)),
    )
    .err()
    .expect("a bad orientation");
    assert!(e.0.contains("orientation `wide`"), "{e}");
}

#[test]
fn the_document_overrides_the_profile() {
    let src = format!(
        "{DOC}\n排版 {{\n  小数位 2\n  千分位 无\n  零值 \"-\"\n  括号 半角\n  表 9 {{ 标题 \"三公经费表\"; 去尾零 否 }}\n  表 6 {{ 空表零值 \"0.00\"; 空表说明 \"本表无数据\" }}\n}}\n"
    );
    let doc = document(&src, profile_files());
    assert_eq!(
        row(&doc, "表3", &["201", "03", "01"])[4..],
        ["1234567.50", "1000000.00", "234567.50"]
    );
    // 表2's zeros and 表1's blank (the profile's table-level "") alike become "-"
    assert_eq!(row(&doc, "表2", &["201", "", ""])[6..], ["-", "-", "-"]);
    assert_eq!(
        row(&doc, "表3", &["201", "03", ""])[3],
        "政府办公厅(室)及相关机构事务"
    );
    assert_eq!(table(&doc, "表9").title, "三公经费表");
    assert_eq!(table(&doc, "表9").rows[0].cells[0].text, "1.50");
    assert_eq!(
        row(&doc, "表6", &["", "", "", "合计"])[4..],
        ["0.00", "0.00", "0.00"]
    );
    assert_eq!(table(&doc, "表6").note.as_deref(), Some("本表无数据"));
    // 表7 keeps the profile's empty-table zero (blank)
    assert_eq!(row(&doc, "表7", &["", "", "", "合计"])[4..], ["", "", ""]);
}

fn scratch(name: &str) -> PathBuf {
    cli::scratch_in("conv", name)
}

/// `budget build SRC --format FORMATS --profile PROFILE -o OUT`.
fn build_with(src: &Path, formats: &str, profile: &Path, out: &Path) -> std::process::Output {
    let (src, profile, out) = (
        src.to_string_lossy(),
        profile.to_string_lossy(),
        out.to_string_lossy(),
    );
    cli::budget(&[
        "build",
        &src,
        "--format",
        formats,
        "--profile",
        &profile,
        "-o",
        &out,
    ])
}

#[test]
fn build_loads_a_profile_from_a_folder() {
    let out = built(
        "profile",
        edited(&|t| set_default(t, "thousands = \"_\"")),
        "html",
    );
    let html = std::fs::read_to_string(out.join("doc.html")).expect("html");
    assert!(
        html.contains(">1_234_567.5<"),
        "the folder's convention is used"
    );
    // a folder that is not a profile is refused with a message
    let dir = out.parent().expect("the scratch folder");
    let bad = build_with(&dir.join("doc.budget"), "html", dir, &out);
    assert_eq!(bad.status.code(), Some(2));
    assert!(cli::stderr(&bad).contains("has no document.toml"));
    let _ = std::fs::remove_dir_all(dir);
}

#[test]
fn the_model_printer_writes_the_conventions_back() {
    let src = format!(
        "{DOC}\n排版 {{\n  小数位 2; 千分位 无; 零值 \"-\"; 括号 半角; 去尾零 是\n  表 9 {{ 标题 \"三公经费表\"; 空表零值 \"0\" }}\n}}\n舍入 {{ 三公表 0.01万元; 说明 0.01万元 }}\n"
    );
    let opts = Options::default();
    let a = check_source(&src, &opts).budget;
    assert!(!a.print.is_empty() && !a.rounding.is_exact());
    let printed = budget::render::source::to_source(&a);
    let b = check_source(&printed, &opts);
    assert!(!b.has_errors(), "{printed}");
    assert_eq!(a.print, b.budget.print, "{printed}");
    assert_eq!(a.rounding, b.budget.rounding, "{printed}");
}

/// `DOC` built with the profile `files` (written to a folder) to `formats`.
fn built(name: &str, files: Vec<(String, String)>, formats: &str) -> PathBuf {
    let dir = scratch(name);
    let profile = dir.join("profile");
    std::fs::create_dir_all(&profile).expect("profile dir");
    for (n, text) in files {
        std::fs::write(profile.join(n), text).expect("write profile");
    }
    let src = dir.join("doc.budget");
    std::fs::write(&src, DOC).expect("write doc");
    let out = dir.join("out");
    let o = build_with(&src, formats, &profile, &out);
    assert_eq!(o.status.code(), Some(0), "{}", cli::stderr(&o));
    out
}

/// The cell texts of every `<tr>` of an HTML page.
fn html_rows(html: &str) -> Vec<Vec<String>> {
    html.split("<tr")
        .skip(1)
        .map(|tr| {
            let tr = tr.split("</tr>").next().unwrap_or("");
            tr.split("<t")
                .skip(1)
                .filter(|c| c.starts_with('d') || c.starts_with('h'))
                .map(|c| {
                    let inner = c.split_once('>').map(|(_, r)| r).unwrap_or("");
                    let inner = inner.split("</t").next().unwrap_or("");
                    let mut text = String::new();
                    let mut tag = false;
                    for ch in inner.chars() {
                        match ch {
                            '<' => tag = true,
                            '>' => tag = false,
                            c if !tag => text.push(c),
                            _ => {}
                        }
                    }
                    text.trim().to_string()
                })
                .collect()
        })
        .collect()
}

/// Whether some row ends with `tail` (its non-empty cells).
fn has_row(rows: &[Vec<String>], tail: &[&str]) -> bool {
    rows.iter().any(|r| {
        let cells: Vec<&str> = r
            .iter()
            .map(|c| c.trim())
            .filter(|c| !c.is_empty())
            .collect();
        cells.len() >= tail.len() && cells[cells.len() - tail.len()..] == *tail
    })
}

/// A changed convention reaches the built HTML, the XLSX as Excel shows its
/// cells and the PDF's text (when typst and pdftotext are installed).
#[test]
fn a_convention_reaches_the_html_the_xlsx_and_the_pdf() {
    let pdf = cli::on_path("typst") && cli::on_path("pdftotext");
    let formats = if pdf { "html,xlsx,pdf" } else { "html,xlsx" };
    type Files = Vec<(String, String)>;
    let cases: [(&str, Files, [&str; 4]); 2] = [
        (
            "shipped",
            profile_files(),
            ["行政运行", "1,234,567.5", "1,000,000", "234,567.5"],
        ),
        (
            "two-decimals-ungrouped",
            edited(&|t| set_default(&set_default(t, "decimals = 2"), "thousands = \"\"")),
            ["行政运行", "1234567.50", "1000000.00", "234567.50"],
        ),
    ];
    for (name, files, want) in cases {
        let out = built(name, files, formats);
        let html = std::fs::read_to_string(out.join("doc.html")).expect("html");
        assert!(
            has_row(&html_rows(&html), &want),
            "{name}: html lacks {want:?}"
        );
        let xlsx = std::fs::read(out.join("doc.xlsx")).expect("xlsx");
        assert!(
            has_row(&xlsx_display::rows(&xlsx), &want),
            "{name}: xlsx lacks {want:?}"
        );
        if pdf {
            let text = Command::new("pdftotext")
                .args(["-layout", "-enc", "UTF-8"])
                .arg(out.join("doc.pdf"))
                .arg("-")
                .output()
                .expect("pdftotext");
            let lines: Vec<Vec<String>> = String::from_utf8_lossy(&text.stdout)
                .lines()
                .map(|l| l.split_whitespace().map(str::to_string).collect())
                .collect();
            assert!(has_row(&lines, &want), "{name}: the pdf lacks {want:?}");
        }
        let _ = std::fs::remove_dir_all(out.parent().expect("scratch"));
    }
}
