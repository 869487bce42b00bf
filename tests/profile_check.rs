//! `budget profile check DIR`: a profile folder with planted problems gives
//! each problem at its file, line and column; the shipped profiles pass; with
//! `--with FILE`, a template that compiles but cannot render the file's
//! facts is found too.

#[path = "support/cli.rs"]
mod cli;

use budget::diagnostic::Diagnostic;
use cli::{budget, root, scratch_in, stdout};
use std::path::{Path, PathBuf};
use std::process::Output;

/// A copy of a shipped profile in a scratch folder, to plant problems in:
/// its folder and its two files.
struct Profile {
    dir: PathBuf,
    doc: PathBuf,
    tables: PathBuf,
}

impl Profile {
    fn copy(profile: &str, name: &str) -> Profile {
        let dir = scratch_in("profile", name);
        for e in std::fs::read_dir(root().join("templates").join(profile)).expect("profile") {
            let p = e.expect("entry").path();
            std::fs::copy(&p, dir.join(p.file_name().expect("name"))).expect("copy");
        }
        Profile {
            doc: dir.join("document.toml"),
            tables: dir.join("tables.toml"),
            dir,
        }
    }

    /// `budget profile check` on the copy: its exit code and its lines,
    /// each without the folder's path.
    fn check(&self, extra: &[&str]) -> (i32, Vec<String>) {
        let d = self.dir.to_string_lossy().into_owned();
        let mut args = vec!["profile", "check", d.as_str(), "--lang", "en"];
        args.extend_from_slice(extra);
        let o = budget(&args);
        let prefix = format!("{d}/");
        let lines = stdout(&o)
            .lines()
            .map(|l| l.strip_prefix(&prefix).unwrap_or(l).to_string())
            .collect();
        (o.status.code().unwrap_or(-1), lines)
    }

    /// `budget build FILE --format FORMAT --profile (the copy) -o OUT`.
    fn build(&self, file: &str, format: &str, out: &Path) -> Output {
        build(file, format, Some(&self.dir), out)
    }
}

/// `budget build FILE --format FORMAT [--profile DIR] -o OUT`.
fn build(file: &str, format: &str, profile: Option<&Path>, out: &Path) -> Output {
    let (profile, out) = (profile.map(Path::to_string_lossy), out.to_string_lossy());
    let mut args = vec!["build", file, "--format", format, "-o", &out];
    if let Some(p) = &profile {
        args.extend(["--profile", p]);
    }
    budget(&args)
}

/// A file of the repository (`tests/diagnostics/X8.budget`, a shipped
/// profile's `document.toml`).
fn shipped(rel: &str) -> String {
    std::fs::read_to_string(root().join(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"))
}

/// The library's check of `src` with a profile: the shipped Shanxi county
/// tables and the document data `doc` (`Options::profile`).
fn check_with_document(src: &str, doc: &str) -> Vec<Diagnostic> {
    let tables = shipped("templates/shanxi-county/tables.toml");
    let data = budget::profiles::ProfileData::from_files("p", doc, &tables);
    let opts = budget::Options {
        profile: Some(std::sync::Arc::new(data)),
        ..budget::Options::default()
    };
    budget::check_source(src, &opts).diagnostics
}

fn edit(file: &Path, from: &str, to: &str) {
    let text = std::fs::read_to_string(file).expect("read");
    assert!(text.contains(from), "{} has {from:?}", file.display());
    std::fs::write(file, text.replacen(from, to, 1)).expect("write");
}

/// 1-based line of the first occurrence of `needle`.
fn line_of(file: &Path, needle: &str) -> usize {
    let text = std::fs::read_to_string(file).expect("read");
    let at = text.find(needle).expect("needle");
    text[..at].matches('\n').count() + 1
}

#[test]
fn the_shipped_profiles_pass() {
    for p in ["shanghai-district", "shanxi-county"] {
        let o = budget(&[
            "profile",
            "check",
            &format!("templates/{p}"),
            "--lang",
            "en",
        ]);
        assert_eq!(o.status.code(), Some(0), "{p}: {}", stdout(&o));
        assert!(stdout(&o).contains("no problem"), "{}", stdout(&o));
    }
    let o = budget(&[
        "profile",
        "check",
        "templates/shanxi-county",
        "--with",
        "examples/jinzhong-chanyelian-2024.budget",
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stdout(&o));
}

#[test]
fn every_problem_is_given_at_its_file_and_line() {
    let p = Profile::copy("shanghai-district", "planted");
    // a misspelt key the renderer would skip, a wrong type, a narrative text
    // template that does not compile, a table kind nobody lays out, and a
    // broken shared template
    edit(&p.doc, "\ntitle = ", "\ntitel = \"x\"\ntitle = ");
    edit(
        &p.doc,
        "[[part.section]]\n",
        "[[part.section]]\nexpnad = \"other\"\n",
    );
    edit(&p.tables, "kind = \"", "kind = \"pie\"\nkindx = \"");
    std::fs::write(p.dir.join("document.html.tera"), "<p>\n{{ year }\n").expect("tera");
    let (code, lines) = p.check(&[]);
    assert_eq!(code, 1, "{lines:#?}");
    let titel = line_of(&p.doc, "titel");
    let expnad = line_of(&p.doc, "expnad");
    let kind = line_of(&p.tables, "kind = \"pie\"");
    assert_eq!(
        lines,
        vec![
            format!("document.toml:{titel}:1: unknown key `titel`: nothing reads it"),
            format!(
                "document.toml:{expnad}:1: unknown key `part[{}].section[{}].expnad`: nothing reads it",
                part_index(&p.doc, expnad),
                section_index(&p.doc, expnad)
            ),
            format!("tables.toml:{}:1: unknown key `table[0].kindx`: nothing reads it", kind + 1),
            format!("tables.toml:{kind}:1: table 1: unknown kind `pie` (the kinds: two_sided, tree, economic, units, projects, fixed, empty)"),
            "document.html.tera:2:9: the template does not compile: Failed to parse 'document.html.tera': expected `or`, `and`, `not`, `<=`, `>=`, `<`, `>`, `==`, `!=`, `+`, `-`, `*`, `/`, `%`, a filter, or a variable end (`}}`)".to_string(),
        ]
    );
}

/// Which `[[part]]` (0-based) a line is in.
fn part_index(file: &Path, line: usize) -> usize {
    let text = std::fs::read_to_string(file).expect("read");
    text.lines()
        .take(line)
        .filter(|l| l.trim() == "[[part]]")
        .count()
        - 1
}

/// Which `[[part.section]]` (0-based) of its part a line is in.
fn section_index(file: &Path, line: usize) -> usize {
    let text = std::fs::read_to_string(file).expect("read");
    let mut n = 0;
    for l in text.lines().take(line) {
        match l.trim() {
            "[[part]]" => n = 0,
            "[[part.section]]" => n += 1,
            _ => {}
        }
    }
    n - 1
}

#[test]
fn a_wrong_type_a_bad_kind_and_a_bad_narrative_template() {
    let p = Profile::copy("shanxi-county", "typed");
    edit(&p.doc, "level = 2", "level = \"two\"");
    edit(&p.tables, "kind = \"", "kind = \"pie\"\n# was: kind = \"");
    let (code, lines) = p.check(&[]);
    assert_eq!(code, 1, "{lines:#?}");
    let level = line_of(&p.doc, "level = \"two\"");
    let kind = line_of(&p.tables, "kind = \"pie\"");
    assert_eq!(lines.len(), 2, "{lines:#?}");
    assert!(
        lines[0].starts_with(&format!("document.toml:{level}:"))
            && lines[0].contains("invalid type"),
        "{lines:#?}"
    );
    assert!(
        lines[1].starts_with(&format!("tables.toml:{kind}:1: table "))
            && lines[1].contains("unknown kind `pie`"),
        "{lines:#?}"
    );

    // a narrative text that does not compile: reported at the template's
    // own line inside document.toml
    let p = Profile::copy("shanxi-county", "narrative");
    edit(&p.doc, "text = \"\"\"\n", "text = \"\"\"\n{% if %}\n");
    let (code, lines) = p.check(&[]);
    assert_eq!(code, 1);
    let bad = line_of(&p.doc, "{% if %}");
    assert_eq!(lines.len(), 1, "{lines:#?}");
    assert!(
        lines[0].starts_with(&format!("document.toml:{bad}:1: part["))
            && lines[0].contains(".text: the template does not compile"),
        "{lines:#?}"
    );
}

#[test]
fn with_a_file_a_template_that_cannot_render_its_facts() {
    let p = Profile::copy("shanxi-county", "trial");
    edit(
        &p.doc,
        "text = \"\"\"\n",
        "text = \"\"\"\n{{ no_such_fact | wan }}\n",
    );
    // it compiles: without a file nothing is wrong
    let (code, lines) = p.check(&[]);
    assert_eq!((code, lines.len()), (0, 1), "{lines:#?}");
    let (code, lines) = p.check(&["--with", "examples/jinzhong-chanyelian-2024.budget"]);
    assert_eq!(code, 1, "{lines:#?}");
    assert_eq!(lines.len(), 1, "{lines:#?}");
    assert!(
        lines[0]
            .starts_with("examples/jinzhong-chanyelian-2024.budget: cannot lay out the document:")
            && lines[0].contains("no_such_fact"),
        "{lines:#?}"
    );
}

#[test]
fn a_folder_that_cannot_be_read_is_exit_2() {
    let o = budget(&["profile", "check", "no/such/folder"]);
    assert_eq!(o.status.code(), Some(2));
}

#[test]
fn a_build_with_a_problem_profile_is_refused() {
    let p = Profile::copy("shanxi-county", "refused");
    edit(&p.doc, "\ntitle = ", "\ntitel = \"x\"\ntitle = ");
    let out = scratch_in("profile", "refused-out");
    let o = p.build("examples/jinzhong-chanyelian-2024.budget", "html", &out);
    assert_eq!(o.status.code(), Some(2));
    let err = cli::stderr(&o);
    assert!(err.contains("unknown key `titel`"), "{err}");
    assert!(!out.join("jinzhong-chanyelian-2024.html").exists());
}

#[test]
fn a_layout_the_pdf_cannot_set_is_given_at_its_key() {
    let p = Profile::copy("shanghai-district", "layout");
    // a wrong default is one problem; a table's own size another
    edit(
        &p.tables,
        "orientation = \"landscape\"",
        "orientation = \"wide\"",
    );
    edit(&p.tables, "id = \"3\"\n", "id = \"3\"\nfont_size = 40\n");
    let (code, lines) = p.check(&[]);
    assert_eq!(code, 1, "{lines:#?}");
    let orientation = line_of(&p.tables, "orientation = \"wide\"");
    let size = line_of(&p.tables, "font_size = 40");
    assert_eq!(
        lines,
        [
            format!("tables.toml:{orientation}:1: table 1: orientation `wide` is neither `portrait` nor `landscape`"),
            format!("tables.toml:{size}:1: table 3: font_size 40 is not a size in pt from 4 to 24"),
        ],
        "{lines:#?}"
    );
}

/// A part, section or table marked for a document that does not exist
/// (`only = "units"`) and a unit document title that does not compile are
/// problems at their lines; the unit's document of the shipped profile is
/// laid out with `--with` a unit's file.
#[test]
fn the_unit_document_s_layout_is_checked() {
    let p = Profile::copy("shanghai-district", "unit-layout");
    edit(
        &p.doc,
        "only = \"department\"\n",
        "only = \"departement\"\n",
    );
    edit(&p.tables, "only = \"unit\"\n", "only = \"units\"\n");
    edit(
        &p.doc,
        "title = \"上海市普陀区{{ year }}年区级单位预算\"",
        "title = \"上海市普陀区{{ year }年区级单位预算\"",
    );
    let (code, lines) = p.check(&[]);
    assert_eq!(code, 1, "{lines:#?}");
    let section = line_of(&p.doc, "only = \"departement\"");
    let table = line_of(&p.tables, "only = \"units\"");
    let title = line_of(&p.doc, "{{ year }年区级单位预算");
    assert!(
        lines
            .iter()
            .any(|l| l.starts_with(&format!("document.toml:{title}:"))
                && l.contains("unit.title: the template does not compile")),
        "{lines:#?}"
    );
    for (file, line, value) in [
        ("document.toml", section, "departement"),
        ("tables.toml", table, "units"),
    ] {
        let want = format!(
            "{file}:{line}:1: only = `{value}`: a part, section or table is only in the `department` or the `unit` document"
        );
        assert!(lines.contains(&want), "{want}\n{lines:#?}");
    }
    let o = budget(&[
        "profile",
        "check",
        "templates/shanghai-district",
        "--with",
        "examples/shanghai-putuo-qufuban-2025-unit.budget",
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stdout(&o));
    let _ = std::fs::remove_dir_all(&p.dir);
}

/// The narrative's data is the profile's: a copy of the Shanxi profile with
/// other source labels, another 三公 order and label, change sentences in 元
/// with other words and another chart title builds a document that says so,
/// with no change to the program.
#[test]
fn the_narrative_s_labels_order_and_units_come_from_the_profile() {
    let p = Profile::copy("shanxi-county", "narrative-data");
    edit(
        &p.doc,
        "label = \"一般公共预算拨款收入\"",
        "label = \"一般公共预算财政拨款\"",
    );
    let abroad = "  { label = \"因公出国(境)费\", figure = \"tp.abroad.total\", last_year = \"因公出国（境）费\" },\n";
    edit(&p.doc, abroad, "");
    let purchase = "  { label = \"公务用车购置费\", figure = \"tp.purchase.total\", last_year = \"公务用车购置费\" },\n";
    edit(&p.doc, purchase, &format!("{purchase}{abroad}"));
    edit(
        &p.doc,
        "label = \"公务接待费\", figure",
        "label = \"公务招待费\", figure",
    );
    edit(
        &p.doc,
        "unit = \"万元\"\ndecimals = 2",
        "unit = \"元\"\ndecimals = 0",
    );
    edit(
        &p.doc,
        "before = \"比{{ last_year }}年\"",
        "before = \"较{{ last_year }}年预算\"",
    );
    edit(
        &p.doc,
        "title = \"三公经费分布图\"",
        "title = \"三公经费结构图\"",
    );
    // a text that prints by [print] (`amount`, `unit`) instead of in 万元
    edit(
        &p.doc,
        "政府采购预算总额{{ procurement.total | wan }}万元。其中：政府采购货物预算{{ procurement.goods | wan }}万元、政府采购工程预算{{ procurement.works | wan }}万元",
        "政府采购预算总额{{ procurement.total | amount }}{{ unit }}。其中：政府采购货物预算{{ procurement.goods | amount(decimals=2) }}{{ unit }}、政府采购工程预算{{ procurement.works | amount(zero=\"-\") }}{{ unit }}",
    );
    let (code, lines) = p.check(&[]);
    assert_eq!(code, 0, "{lines:#?}");
    let out = scratch_in("profile", "narrative-data-out");
    let o = p.build("examples/jinzhong-chanyelian-2024.budget", "html", &out);
    assert_eq!(o.status.code(), Some(0), "{}", cli::stderr(&o));
    let html = std::fs::read_to_string(out.join("jinzhong-chanyelian-2024.html")).expect("html");
    for said in [
        "主要包括一般公共预算财政拨款1,329.84万元，占100.00%；",
        "“三公”经费预算1.00万元较2023年预算增加10,000元，主要原因是",
        "其中：公务招待费1.00万元，与上年相比预算数增加10,000元，主要原因是",
        "公务用车购置费0万元，与上年预算数相同；因公出国(境)费0万元，与上年预算数相同。",
        "三公经费结构图",
        // the chart's legend prints as the sentences do ([print])
        "公务接待费 10,000元（100.00%）",
        "政府采购预算总额41,000元。其中：政府采购货物预算14,000.00元、政府采购工程预算-元",
    ] {
        assert!(html.contains(said), "the document says {said:?}");
    }
    for gone in [
        "一般公共预算拨款收入",
        "三公经费分布图",
        "比2023年增加1.00万元",
    ] {
        assert!(!html.contains(gone), "the document no longer says {gone:?}");
    }
}

/// Names in the narrative's and the rules' data that nothing knows are
/// problems at their key: a figure, a source, a unit, a chart a section
/// names and nobody defines, a 三公 item and an economic code of X8.
#[test]
fn the_profile_s_data_is_checked_at_its_key() {
    let p = Profile::copy("shanxi-county", "bad-data");
    edit(&p.doc, "figure = \"admin.total\"", "figure = \"admin.sum\"");
    edit(&p.doc, "key = \"unit_funds\"", "key = \"unit_money\"");
    edit(
        &p.doc,
        "unit = \"万元\"\ndecimals",
        "unit = \"千元\"\ndecimals",
    );
    edit(&p.doc, "chart = \"general\"", "chart = \"generic\"");
    edit(&p.doc, "item = \"公务接待费\"", "item = \"接待费\"");
    edit(&p.doc, "codes = [\"30231\"]", "codes = [\"302\"]");
    let (code, lines) = p.check(&[]);
    assert_eq!(code, 1, "{lines:#?}");
    let expected = [
        (
            line_of(&p.doc, "chart = \"generic\""),
            "section[",
            "chart: no [[chart]] `generic` (the charts: income, general, three_public)",
        ),
        (
            line_of(&p.doc, "key = \"unit_money\""),
            "narrative.sources[4].key",
            ": unknown source `unit_money`",
        ),
        (
            line_of(&p.doc, "figure = \"admin.sum\""),
            "narrative.change[4].figure",
            ": unknown figure `admin.sum`",
        ),
        (
            line_of(&p.doc, "unit = \"千元\""),
            "print.unit",
            ": unknown unit `千元` (万元 or 元)",
        ),
        (
            line_of(&p.doc, "item = \"接待费\""),
            "rules.three_public_economic[0].item",
            ": unknown 三公 item `接待费`",
        ),
        (
            line_of(&p.doc, "codes = [\"302\"]"),
            "rules.three_public_economic[1].codes[0]",
            ": `302` is no economic 款 code",
        ),
    ];
    // one line each, in the file's order
    assert_eq!(lines.len(), expected.len(), "{lines:#?}");
    for (l, (line, place, message)) in lines.iter().zip(expected) {
        let at = format!("document.toml:{line}:");
        assert!(
            l.starts_with(&at) && l.contains(place) && l.contains(message),
            "{at} {place}{message}: {lines:#?}"
        );
    }
}

/// The X8 mapping of 三公 items to economic lines is the profile's rules
/// data: the checker reads the profile it is given (`--profile DIR`, or the
/// library's `Options::profile`), not a list of its own.
#[test]
fn the_x8_mapping_is_the_profile_s() {
    let src = shipped("tests/diagnostics/X8.budget");
    let x8 = |doc: &str| -> Vec<String> {
        check_with_document(&src, doc)
            .iter()
            .filter(|d| d.code == "X8")
            .map(|d| d.message.zh.to_string())
            .collect()
    };
    let doc = shipped("templates/shanxi-county/document.toml");
    let as_shipped = x8(&doc);
    assert_eq!(as_shipped.len(), 1, "{as_shipped:?}");
    assert!(as_shipped[0].contains("30217"), "{as_shipped:?}");
    // 公务接待费 covering another line: the file's 30217 is no shortfall
    let moved = doc.replacen("codes = [\"30217\"]", "codes = [\"30299\"]", 1);
    assert_ne!(moved, doc);
    assert_eq!(x8(&moved), Vec::<String>::new());
    // …and covering 30201 (10.84万元) too: the item is short of both
    let both = doc.replacen("codes = [\"30217\"]", "codes = [\"30201\", \"30217\"]", 1);
    let msgs = x8(&both);
    assert!(
        msgs.len() == 1 && msgs[0].contains("30201/30217"),
        "{msgs:?}"
    );

    // the same through the CLI: a build with the folder's mapping has no X8
    let p = Profile::copy("shanxi-county", "x8");
    edit(&p.doc, "codes = [\"30217\"]", "codes = [\"30299\"]");
    let file = scratch_in("profile", "x8-doc").join("x8.budget");
    std::fs::write(&file, &src).expect("write");
    let file = file.to_string_lossy();
    let out = scratch_in("profile", "x8-out");
    let shipped_run = build(&file, "json", None, &out);
    assert_eq!(shipped_run.status.code(), Some(1));
    assert!(cli::stderr(&shipped_run).contains("X8"));
    let folder_run = p.build(&file, "json", &out);
    assert_eq!(
        folder_run.status.code(),
        Some(0),
        "{}",
        cli::stderr(&folder_run)
    );
}

/// The indicator taxonomy the 绩效 rules read is the profile's: a profile
/// that allows 成本指标 under 效益指标 makes P1b's misplaced indicator a
/// right one; a variant that names two indicators is a problem at its key.
#[test]
fn the_indicator_taxonomy_is_the_profile_s() {
    let src = shipped("tests/diagnostics/P1b.budget");
    let p1 = |doc: &str| -> Vec<String> {
        check_with_document(&src, doc)
            .iter()
            .map(|d| d.code.to_string())
            .filter(|c| c.starts_with("P1"))
            .collect()
    };
    let doc = shipped("templates/shanxi-county/document.toml");
    assert_eq!(p1(&doc), ["P1b"]);
    let benefit = "  { name = \"可持续影响指标\", variants = [\"可持续影响\", \"可持续发展指标\", \"可持续发展\"] },\n";
    let widened = doc.replacen(
        benefit,
        &format!("{benefit}  {{ name = \"成本指标\" }},\n"),
        1,
    );
    assert_ne!(widened, doc);
    assert_eq!(p1(&widened), Vec::<String>::new());

    let p = Profile::copy("shanxi-county", "taxonomy");
    edit(&p.doc, "variants = [\"效益\"]", "variants = [\"产出\"]");
    let (code, lines) = p.check(&[]);
    assert_eq!(code, 1, "{lines:#?}");
    let line = line_of(
        &p.doc,
        "variants = [\"产出\"]\nlevel2 = [\n  { name = \"经济效益指标\"",
    );
    assert_eq!(
        lines,
        [format!(
            "document.toml:{line}:13: rules.indicators[1].variants[0]: `产出` already names the indicator `产出指标`"
        )]
    );
}

/// The numbering of expanded entries and of a 收支总表's 类 rows, and every
/// word of the 绩效目标 grids, are the profile's: a copy of the Shanxi
/// profile with other styles and other grid words builds a document that
/// prints them, with no change to the program.
#[test]
fn the_numbering_and_the_grid_words_come_from_the_profile() {
    let p = Profile::copy("shanxi-county", "grid-words");
    // table 1's 类 rows (table 4 keeps 一、), 其他说明 and the glossary
    edit(&p.tables, "numbering = \"一、\"", "numbering = \"（一）\"");
    edit(
        &p.doc,
        "expand = \"other\"\nnumbering = \"（一）\"",
        "expand = \"other\"\nnumbering = \"1.\"",
    );
    edit(
        &p.doc,
        "expand = \"glossary\"\nnumbering = \"一、\"",
        "expand = \"glossary\"\nnumbering = \"（1）\"",
    );
    // the department grid: a label, its two text rows swapped, a fund
    // less, another subtitle
    edit(
        &p.tables,
        "{ text = \"部门基本信息\", rows = 5 }",
        "{ text = \"单位基本情况\", rows = 5 }",
    );
    edit(
        &p.tables,
        "  [{ text = \"部门职责\" }, { fact = \"部门职责\", cols = 4 }],\n  [{ text = \"部门战略目标\" }, { fact = \"战略目标\", cols = 4 }],\n",
        "  [{ text = \"部门战略目标\" }, { fact = \"战略目标\", cols = 4 }],\n  [{ text = \"部门职责\" }, { fact = \"部门职责\", cols = 4 }],\n",
    );
    edit(
        &p.tables,
        "  { label = \"社会保险基金预算资金\", never = true },\n",
        "",
    );
    edit(
        &p.tables,
        "subtitle = \"({{ year }})年度\"",
        "subtitle = \"{{ year }}年度\"",
    );
    // the project grid: its indicator header, a text row renamed and moved
    edit(
        &p.tables,
        "[performance.project.indicators]\nlabel = \"绩效指标\"\nheader = [\"一级指标\", \"二级指标\", \"三级指标\", \"指标值\"]",
        "[performance.project.indicators]\nlabel = \"项目绩效指标\"\nheader = [\"一级\", \"二级\", \"三级\", \"指标值\"]",
    );
    edit(
        &p.tables,
        "  { label = \"项目概况\", text = \"overview\" },\n",
        "",
    );
    edit(
        &p.tables,
        "  { label = \"项目实施计划\", text = \"plan\" },\n",
        "  { label = \"项目实施计划\", text = \"plan\" },\n  { label = \"项目简介\", text = \"overview\" },\n",
    );
    let (code, lines) = p.check(&[]);
    assert_eq!(code, 0, "{lines:#?}");
    let out = scratch_in("profile", "grid-words-out");
    let o = p.build("examples/jinzhong-chanyelian-2024.budget", "html", &out);
    assert_eq!(o.status.code(), Some(0), "{}", cli::stderr(&o));
    let html = std::fs::read_to_string(out.join("jinzhong-chanyelian-2024.html")).expect("html");
    let count = |s: &str| html.matches(s).count();
    // table 1 numbers its 类 rows （一）, table 4 still 一、
    assert_eq!(count("<td>（二）外交支出</td>"), 1);
    assert_eq!(count("<td>二、外交支出</td>"), 1);
    assert!(html.contains("1.政府购买服务指导性目录"), "其他说明 in 1.");
    assert!(html.contains("（1）基本支出：指"), "the glossary in （1）");
    assert!(!html.contains("（一）政府购买服务指导性目录"));
    assert!(!html.contains("一、基本支出：指"));
    // the department grid: 6 funding rows less one, so 年度预算情况 spans 7
    assert!(html.contains("<td rowspan=\"5\">单位基本情况</td>"));
    assert!(html.contains("<td rowspan=\"7\">年度预算情况</td>"));
    assert!(html.contains("<span>2024年度</span>"));
    assert_eq!(count("部门基本信息") + count("社会保险基金预算资金"), 0);
    let (goal, duties) = (
        html.find("<td>部门战略目标</td>"),
        html.find("<td>部门职责</td>"),
    );
    assert!(
        goal.is_some() && goal < duties,
        "部门战略目标 before 部门职责"
    );
    assert_eq!(count("(2024)年度"), 0);
    // the project grids: the new header on both sides, the text row last
    let head = "<td>一级</td><td>二级</td><td>三级</td><td>指标值</td><td>二级</td><td>三级</td><td>指标值</td></tr>";
    assert_eq!(count(head), 4, "one header per published project");
    assert_eq!(count(">项目绩效指标</td>"), 4);
    assert_eq!(count("三级指标"), 1, "only the department grid's header");
    assert_eq!(count("项目概况"), 0);
    let (plan, intro) = (html.find(">项目实施计划<"), html.find(">项目简介<"));
    assert!(
        plan.is_some() && plan < intro,
        "项目简介 after 项目实施计划"
    );
}

/// A 部门基本信息 cell with a fact `整体绩效` does not have, and one that is
/// both a label and a fact: each a problem at its line, naming the facts.
#[test]
fn information_cells_are_checked_at_their_line() {
    let p = Profile::copy("shanxi-county", "bad-info");
    edit(
        &p.tables,
        "{ fact = \"核定编制\", word = \"人\" }",
        "{ fact = \"编制\", word = \"人\" }",
    );
    edit(
        &p.tables,
        "{ fact = \"战略目标\", cols = 4 }",
        "{ text = \"目标\", fact = \"战略目标\", cols = 4 }",
    );
    let (code, lines) = p.check(&[]);
    assert_eq!(code, 1, "{lines:#?}");
    let posts = line_of(&p.tables, "{ fact = \"编制\"");
    let goal = line_of(&p.tables, "{ text = \"目标\"");
    assert_eq!(lines.len(), 2, "{lines:#?}");
    assert!(
        lines[0].starts_with(&format!("tables.toml:{posts}:")),
        "{lines:#?}"
    );
    assert!(lines[0].contains("performance.department.info.rows[2][1]: `整体绩效` has no fact `编制` (内设职能部门数, 所属预算单位数, 核定编制,"), "{lines:#?}");
    assert!(
        lines[1].starts_with(&format!("tables.toml:{goal}:")),
        "{lines:#?}"
    );
    assert!(
        lines[1].contains("rows[6][1]: a cell is one of `text`, `fact` or `department = true`"),
        "{lines:#?}"
    );
}

/// A numbering style nobody prints, a numbering on a table without 类
/// rows, a grid source or text nobody knows, grids nobody draws and a grid
/// a section draws without its words: each a problem at its line.
#[test]
fn numbering_and_grid_words_are_checked_at_their_key() {
    let p = Profile::copy("shanxi-county", "bad-grids");
    edit(&p.doc, "numbering = \"（一）\"", "numbering = \"paren\"");
    let (code, lines) = p.check(&[]);
    assert_eq!(code, 1, "{lines:#?}");
    let paren = line_of(&p.doc, "numbering = \"paren\"");
    assert_eq!(
        lines,
        vec![format!("document.toml:{paren}:13: unknown variant `paren`, expected one of `一、`, `（一）`, `1.`, `1、`, `（1）`")]
    );
    edit(&p.doc, "numbering = \"paren\"", "numbering = \"（一）\"");
    // a tree table has no 类 rows to number; an unknown source; no project words
    edit(
        &p.tables,
        "kind = \"tree\"\n",
        "kind = \"tree\"\nnumbering = \"一、\"\n",
    );
    edit(
        &p.tables,
        "source = \"unit_funds\" }",
        "source = \"unit_money\" }",
    );
    let project = std::fs::read_to_string(&p.tables).expect("read");
    let cut = project
        .find("[performance.project]")
        .expect("project words");
    std::fs::write(&p.tables, &project[..cut]).expect("write");
    let (code, lines) = p.check(&[]);
    assert_eq!(code, 1, "{lines:#?}");
    let tree = line_of(&p.tables, "kind = \"tree\"\nnumbering") + 1;
    let source = line_of(&p.tables, "source = \"unit_money\"");
    let grids = line_of(&p.doc, "performance = \"all\"");
    let at = |l: &str| l.split(": ").next().unwrap_or("").to_string();
    assert_eq!(
        lines.iter().map(|l| at(l)).collect::<Vec<_>>(),
        vec![
            format!("tables.toml:{tree}:1"),
            format!("tables.toml:{source}:21"),
            format!("document.toml:{grids}:1"),
        ],
        "{lines:#?}"
    );
    assert!(lines[0].contains("table 2: `numbering` numbers the 类 rows of a two_sided table"));
    assert!(lines[1]
        .contains("performance.department.budget.sources[5].source: unknown source `unit_money`"));
    assert!(lines[2].contains("tables.toml has no [performance.project]"));
    // a text row nobody prints; a section drawing grids nobody knows
    edit(&p.doc, "performance = \"all\"", "performance = \"both\"");
    std::fs::write(
        &p.tables,
        format!("{}\n{}", &project[..cut], &project[cut..])
            .replace("text = \"plan\"", "text = \"schedule\""),
    )
    .expect("write");
    let (code, lines) = p.check(&[]);
    assert_eq!(code, 1, "{lines:#?}");
    let schedule = line_of(&p.tables, "text = \"schedule\"");
    assert!(
        lines
            .iter()
            .any(|l| l.starts_with(&format!("tables.toml:{schedule}:"))
                && l.contains("unknown variant `schedule`")),
        "{lines:#?}"
    );
    assert!(
        lines
            .iter()
            .any(|l| l.starts_with(&format!("document.toml:{grids}:1: "))
                && l.contains("unknown grids `both` (department, projects, all)")),
        "{lines:#?}"
    );
}

/// A funding row of the department grid names its source, or says that a
/// department's budget never has that fund (社会保险基金): a row with
/// neither would print a zero the file never gave.
#[test]
fn a_grid_funding_row_without_its_source_is_a_problem() {
    let p = Profile::copy("shanxi-county", "grid-never");
    edit(
        &p.tables,
        "{ label = \"社会保险基金预算资金\", never = true }",
        "{ label = \"社会保险基金预算资金\" }",
    );
    let (code, lines) = p.check(&[]);
    assert_eq!(code, 1, "{lines:#?}");
    let row = line_of(&p.tables, "{ label = \"社会保险基金预算资金\" }");
    assert_eq!(lines.len(), 1, "{lines:#?}");
    assert!(
        lines[0].starts_with(&format!("tables.toml:{row}:"))
            && lines[0].contains("sources[3]: a row needs its `source`, or `never = true`"),
        "{lines:#?}"
    );
}

/// The equipment thresholds are amounts with their unit; a profile's own
/// thresholds are the ones N24 holds a narrative to.
#[test]
fn the_equipment_thresholds_are_the_profile_s() {
    let p = Profile::copy("shanghai-district", "thresholds");
    edit(
        &p.doc,
        "equipment_thresholds = [\"100万元\"]",
        "equipment_thresholds = [\"一百万\"]",
    );
    let (code, lines) = p.check(&[]);
    assert_eq!(code, 1, "{lines:#?}");
    let at = line_of(&p.doc, "equipment_thresholds = [\"一百万\"]");
    assert_eq!(lines.len(), 1, "{lines:#?}");
    assert!(
        lines[0].starts_with(&format!("document.toml:{at}:"))
            && lines[0].contains("`一百万` is no amount with its unit"),
        "{lines:#?}"
    );
    // a province whose threshold is 101万元: the case's 101万元 is right there
    let src = std::fs::read_to_string(root().join("tests/diagnostics/N24.budget")).expect("case");
    let doc = std::fs::read_to_string(root().join("templates/shanghai-district/document.toml"))
        .expect("doc")
        .replace(
            "equipment_thresholds = [\"100万元\"]",
            "equipment_thresholds = [\"100万元\", \"101万元\"]",
        );
    let tables = std::fs::read_to_string(root().join("templates/shanghai-district/tables.toml"))
        .expect("tables");
    let data = budget::profiles::ProfileData::from_files("上海区级", &doc, &tables);
    let opts = budget::Options {
        profile: Some(std::sync::Arc::new(data)),
        ..Default::default()
    };
    let d = budget::check_source(&src, &opts).diagnostics;
    assert!(!d.iter().any(|d| d.code == "N24"), "{d:?}");
    let d = budget::check_source(&src, &budget::Options::default()).diagnostics;
    assert_eq!(d.iter().filter(|d| d.code == "N24").count(), 1, "{d:?}");
}
