//! `budget import`: real documents, round trips, bad input, the I-codes.

#[path = "support/cli.rs"]
mod cli;
#[path = "support/reference.rs"]
mod reference;

use budget::catalog::Catalog;
use budget::import::{import_text, sheets_to_text, ImportOptions};
use cli::{on_path, root};
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::Command;

const BIN: &str = env!("CARGO_BIN_EXE_budget");

fn tmp(name: &str) -> PathBuf {
    cli::scratch_in("import", name)
}

fn run(args: &[&str]) -> (i32, String, String) {
    let o = cli::budget(args);
    (
        o.status.code().unwrap_or(-1),
        cli::stdout(&o),
        cli::stderr(&o),
    )
}

fn import(text: &str) -> budget::import::Imported {
    import_text(text, &ImportOptions::default(), &Catalog::builtin())
}

/// `text` imported with the profile named (山西县级), not found from the text.
fn import_shanxi(text: &str) -> budget::import::Imported {
    let options = ImportOptions {
        profile: Some("山西县级".into()),
        ..Default::default()
    };
    import_text(text, &options, &Catalog::builtin())
}

/// The lines of an imported `.budget` text, each with its runs of white
/// space made one space.
fn flat_lines(src: &str) -> Vec<String> {
    src.lines()
        .map(|l| l.split_whitespace().collect::<Vec<_>>().join(" "))
        .collect()
}

/// The codes of what importing `text` reports, in order.
fn import_codes(text: &str) -> Vec<&'static str> {
    import(text)
        .diagnostics
        .iter()
        .map(|d| d.code.as_str())
        .collect()
}

/// The seed's text with `from` (which it has) changed to `to`.
fn seed_with(from: &str, to: &str) -> String {
    let seed = reference::text(reference::SEED);
    let text = seed.replacen(from, to, 1);
    assert_ne!(text, seed, "the seed has {from:?}");
    text
}

/// The one R5 that checking `src` reports.
fn the_r5(src: &str) -> budget::diagnostic::Diagnostic {
    let d = budget::check_source(src, &budget::Options::default()).diagnostics;
    let r5: Vec<&budget::diagnostic::Diagnostic> = d.iter().filter(|d| d.code == "R5").collect();
    assert_eq!(r5.len(), 1, "{d:?}");
    r5[0].clone()
}

fn codes(src: &str) -> BTreeSet<&'static str> {
    budget::check_source(src, &budget::Options::default())
        .diagnostics
        .iter()
        .filter(|d| d.is_error())
        .map(|d| d.code.as_str())
        .collect()
}

fn example_error_codes(name: &str) -> BTreeSet<&'static str> {
    let src = std::fs::read_to_string(root().join("examples").join(name)).expect("the example");
    codes(&src)
}

/// Import a reference text, check it, rebuild its HTML and run the strict meter.
fn real_document(reference: &Path, example: &str, allowed: &[&str], at_least: usize) {
    let text = std::fs::read_to_string(reference).expect("the reference text");
    let imported = import(&text);
    let src = imported.budget.expect("a .budget text");
    assert!(
        budget::format::is_formatted(&src),
        "the output is in fmt layout"
    );
    let extra: BTreeSet<&str> = codes(&src)
        .difference(&example_error_codes(example))
        .copied()
        .collect();
    let allowed: BTreeSet<&str> = allowed.iter().copied().collect();
    assert_eq!(
        extra,
        allowed,
        "{}: errors the example does not have",
        reference.display()
    );
    let dir = tmp(reference
        .file_stem()
        .and_then(|s| s.to_str())
        .unwrap_or("x"));
    let file = dir.join("doc.budget");
    std::fs::write(&file, &src).expect("write");
    let out = dir.join("out");
    let (code, _, err) = run(&[
        "build",
        file.to_str().unwrap_or_default(),
        "--format",
        "html",
        "--draft",
        "-o",
        out.to_str().unwrap_or_default(),
    ]);
    assert!(code == 0 || out.join("doc.html").exists(), "build: {err}");
    let m = reference::strict(reference, &out.join("doc.html"));
    let line = format!("strict fidelity: {}/{} rows", m.found, m.total);
    println!("{}: {line}", reference.display());
    assert!(m.found >= at_least, "{line}: fewer than {at_least} rows");
}

#[test]
fn the_seed_imports_and_checks() {
    let seed = reference::path(reference::SEED);
    // every row: the project table's rows become 项目 blocks (功能 placed by
    // the 支出 table's 项目 cells, 类别 by the narrative's counts); its
    // published narrative (原文) reports the seed's real error: 公开项目
    // 1,017.00 of 1,317.00万元 printed as 78.23% (N19, the figures give 77.22%)
    real_document(&seed, "jinzhong-chanyelian-2024.budget", &["N19"], 53);
}

#[test]
fn the_seeds_projects_and_grids_are_the_examples() {
    // every project (name, 功能, 类别, amounts, 绩效公开) and every 绩效目标申报表
    // (each text, funding figure and indicator of both grids, and the 整体
    // grid) as the hand-written example writes them
    let seed = reference::path(reference::SEED);
    let text = std::fs::read_to_string(&seed).expect("the seed");
    let src = import(&text).budget.expect("a .budget text");
    let dir = tmp("seed-grids");
    let file = dir.join("seed.budget");
    std::fs::write(&file, &src).expect("write");
    let example = root()
        .join("examples")
        .join("jinzhong-chanyelian-2024.budget");
    let facts = |m: &serde_json::Value| -> Vec<String> {
        let mut v: Vec<String> = model_facts(m, "xlsx")
            .into_iter()
            .filter(|f| {
                f.starts_with("项目") || f.starts_with("绩效目标") || f.starts_with("整体绩效")
            })
            .collect();
        for p in m["projects"].as_array().into_iter().flatten() {
            v.push(format!("类别 {} {}", p["name"]["text"], p["category"]));
        }
        v.push(format!("部门编码 {}", m["department_code"]));
        v
    };
    let a = facts(&json_model(&example, &dir.join("a")));
    let b = facts(&json_model(&file, &dir.join("b")));
    assert_eq!(a.len(), 17, "{a:#?}");
    assert_eq!(a, b);
}

#[test]
fn the_shanghai_documents_import_and_check() {
    let r = reference::path("reference");
    // the units' kinds are not printed per unit (类型 未写明: N21, a
    // warning); wanli-2025 prints a 款 total 1元 off (R5, a real finding the
    // hand-written example corrects). The print conventions (排版: 分, blank
    // zeros, half-width brackets) and the rounding of the 万元 table (舍入) are
    // read from the printed figures, so a correctly rounded 机关运行经费 is no
    // X9. What the meter still misses: 万里's published errors (款 codes `2`
    // for `02`, a 1元 款 total) and the unit's 表2 name pdftotext wrapped.
    // 万里 2024's 住房公积金 item says 预算安排352.67万元 where its heading and
    // 表5 say 350.35 (N16, a real finding in the published narrative).
    real_document(
        &r.join("shanghai-putuo-wanli-2024-budget.txt"),
        "shanghai-putuo-wanli-2024.budget",
        &["N16"],
        252,
    );
    real_document(
        &r.join("shanghai-putuo-wanli-2025-budget.txt"),
        "shanghai-putuo-wanli-2025.budget",
        &["R5"],
        251,
    );
    real_document(
        &r.join("shanghai-putuo-qufuban-2025-budget.txt"),
        "shanghai-putuo-qufuban-2025.budget",
        &[],
        104,
    );
    // The unit's own document: its 表1 prints each class's 基本支出 as
    // 人员经费 and 公用经费, read onto the 类 lines (人员/公用).
    real_document(
        &r.join("shanghai-putuo-qufuban-2025-unit-budget.txt"),
        "shanghai-putuo-qufuban-2025-unit.budget",
        &[],
        103,
    );
}

#[test]
fn the_profile_header_and_units_are_read() {
    let text = reference::text("reference/shanghai-putuo-qufuban-2025-budget.txt");
    let imported = import(&text);
    assert_eq!(imported.profile.as_deref(), Some("上海区级"));
    let src = imported.budget.expect("text");
    assert!(src.contains("年度 2025\n"));
    assert!(src.contains("部门 \"上海市普陀区人民政府办公室\"\n"));
    assert!(src.contains("金额单位 元\n"));
    // 行政单位1家，事业单位1家; the 事业 unit is merged into the 本部
    assert!(
        src.contains("单位 \"上海市普陀区人民政府办公室本部\" { 类型 行政 }"),
        "{src}"
    );
    // the 三公 grid whose blank cells pdftotext dropped, placed by its sums
    assert!(src.contains("因公出国（境）费     839.00万元"), "{src}");
    assert!(src.contains("机关运行经费 213.28万元"));
    // codes from code columns: 201 03 50
    assert!(src.contains("2010350 事业运行"));
}

fn json_model(file: &Path, dir: &Path) -> serde_json::Value {
    let (code, _, err) = run(&[
        "build",
        file.to_str().unwrap_or_default(),
        "--format",
        "json",
        "--draft",
        "-o",
        dir.to_str().unwrap_or_default(),
    ]);
    assert!(code == 0 || code == 1, "{err}");
    let stem = file
        .file_stem()
        .and_then(|s| s.to_str())
        .unwrap_or_default();
    let text = std::fs::read_to_string(dir.join(format!("{stem}.json"))).expect("json");
    serde_json::from_str(&text).expect("a JSON model")
}

/// What a round trip carries, as lines to compare:
/// * the header: year, department, profile;
/// * 收入: every source's amount, the current and total income;
/// * 支出: every row's code, name and non-zero cells (direction, source,
///   carry-over, amount); the expenditure total;
/// * 基本支出: every row's code, name, 人员 and 公用 amounts;
/// * 三公经费 by item and 机关运行经费 (their values, stated or computed);
/// * 项目: name, 功能, amounts and carry-over by source, 绩效公开, and 类别
///   where the format carries the narrative that fixes it (PDF);
/// * the 绩效目标申报表 grids (each project's 绩效目标 and 整体绩效: every
///   text, funding figure and indicator), from the workbook's cells and
///   from the PDF's layout text, where the cells wrap inside their columns;
/// * the prose (职责, 机构设置, 名词解释, 其他说明) from the PDF, compared
///   without its line breaks (a paragraph break is the layout's).
///
/// Not compared: how a figure is written (stated or computed, its decimals),
/// 政府经济分类 codes (Shanghai does not print them), the units' kinds and the
/// narrative's figures (last year, 政府采购, 国有资产), which neither format
/// prints as a table.
fn model_facts(m: &serde_json::Value, format: &str) -> Vec<String> {
    let s = |v: &serde_json::Value| v.to_string();
    let mut out = vec![format!(
        "header {} {} {}",
        m["year"], m["department"]["text"], m["profile"]
    )];
    let d = &m["derived"];
    for (k, v) in d["income_by_source"].as_object().into_iter().flatten() {
        if v != "0" {
            out.push(format!("income {k} {v}"));
        }
    }
    for k in [
        "income_current",
        "income_total",
        "expenditure_total",
        "three_public_total",
        "vehicle_total",
        "admin_cost",
        "personnel",
        "public",
    ] {
        out.push(format!("{k} {}", d[k]));
    }
    for row in m["expenditure"]["rows"].as_array().into_iter().flatten() {
        let cells: Vec<String> = row["cells"]
            .as_array()
            .into_iter()
            .flatten()
            .filter(|c| c["amount"] != "0")
            .map(|c| {
                format!(
                    "{}/{}/{}/{}",
                    c["direction"], c["source"], c["carryover"], c["amount"]
                )
            })
            .collect();
        out.push(format!(
            "支出 {} {} {cells:?}",
            row["code"], row["name"]["text"]
        ));
    }
    for unit in m["economic"].as_array().into_iter().flatten() {
        for row in unit["rows"].as_array().into_iter().flatten() {
            out.push(format!(
                "基本支出 {} {} {} {}",
                row["code"], row["name"]["text"], row["personnel"], row["public"]
            ));
        }
    }
    let tp = &m["three_public"];
    for k in ["abroad", "reception", "vehicle_purchase", "vehicle_running"] {
        let sum: f64 = tp[k]["by_source"]
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(|p| p[1].as_str().and_then(|a| a.parse::<f64>().ok()))
            .sum();
        out.push(format!("三公 {k} {}", sum + 0.0));
    }
    for p in m["projects"].as_array().into_iter().flatten() {
        let category = if format == "pdf" {
            s(&p["category"])
        } else {
            String::new()
        };
        out.push(format!(
            "项目 {} {} {} {} {} {category}",
            p["name"]["text"],
            p["function_code"]["text"],
            p["amounts"],
            p["carryover"],
            p["published"]
        ));
        {
            // 年度目标 and the 年度 indicators default to the 实施期 ones
            let mut t = p["target"].clone();
            for (year, period) in [
                ("goal_year", "goal_period"),
                ("indicators_year", "indicators_period"),
            ] {
                if t.get(year).is_some_and(serde_json::Value::is_null) {
                    t[year] = t[period].clone();
                }
            }
            out.push(format!("绩效目标 {}", without_spans(&t)));
        }
    }
    {
        out.push(format!(
            "整体绩效 {}",
            without_spans(&m["department_performance"])
        ));
    }
    if format == "pdf" {
        let pr = &m["prose"];
        for k in ["duties", "organization", "glossary", "other"] {
            out.push(format!("{k} {}", s(&pr[k]).replace("\\n", "")));
        }
    }
    out
}

/// A JSON value without its source spans (which differ between files).
fn without_spans(v: &serde_json::Value) -> String {
    fn strip(v: &serde_json::Value) -> serde_json::Value {
        match v {
            serde_json::Value::Object(o) => serde_json::Value::Object(
                o.iter()
                    .filter(|(k, _)| k.as_str() != "span")
                    .map(|(k, v)| (k.clone(), strip(v)))
                    .collect(),
            ),
            serde_json::Value::Array(a) => serde_json::Value::Array(a.iter().map(strip).collect()),
            v => v.clone(),
        }
    }
    strip(v).to_string()
}

/// Every diagnostic `check` reports: code and message (warnings included),
/// without the 原文 prose checks' (T), which read the printed narrative the
/// example does not hold.
fn findings(file: &Path) -> Vec<String> {
    let src = std::fs::read_to_string(file).expect("a .budget");
    // files it names (上年 文件) are read from beside it
    let read = |p: &Path| std::fs::read_to_string(p).map_err(|e| e.to_string());
    let checked = budget::check_file(file, &src, &budget::Options::default(), &read);
    // what `budget check` shows: the acknowledged warnings are the author's
    let shown = budget::acknowledge::split(&src, &checked.diagnostics).shown;
    let mut v: Vec<String> = shown
        .iter()
        .filter(|d| !d.code.as_str().starts_with('T'))
        .map(|d| format!("{} {}", d.code, d.message.en))
        .collect();
    v.sort();
    v
}

/// example → `budget build --format F` → `budget import` → the same model
/// facts ([`model_facts`]) and the same findings, but for `extra`: the
/// findings the format cannot avoid (each an error the import also reported)
/// and `lost`: the codes of the findings on what the format's import keeps
/// as comments (I004).
fn round_trip(example: &str, format: &str, extra: &[&str], lost: &[&str]) {
    let src = root().join("examples").join(format!("{example}.budget"));
    round_trip_file(&src, format, extra, lost);
}

/// [`round_trip`] of any file (its stem names the outputs).
fn round_trip_file(src: &Path, format: &str, extra: &[&str], lost: &[&str]) {
    let example = src.file_stem().and_then(|s| s.to_str()).unwrap_or_default();
    let dir = tmp(&format!("rt-{format}-{example}"));
    let built = dir.join("built");
    let (code, _, err) = run(&[
        "build",
        src.to_str().unwrap_or_default(),
        "--format",
        format,
        "-o",
        built.to_str().unwrap_or_default(),
    ]);
    assert_eq!(code, 0, "{err}");
    let doc = built.join(format!("{example}.{format}"));
    let back = dir.join(format!("{example}.budget"));
    let (code, _, err) = run(&[
        "import",
        doc.to_str().unwrap_or_default(),
        "-o",
        back.to_str().unwrap_or_default(),
    ]);
    assert!(code == 0 || back.exists(), "import: {err}");
    let a = model_facts(&json_model(src, &dir.join("a")), format);
    let b = model_facts(&json_model(&back, &dir.join("b")), format);
    let differ: Vec<(&String, &String)> = a.iter().zip(&b).filter(|(x, y)| x != y).collect();
    assert!(
        differ.is_empty() && a.len() == b.len(),
        "{example} through {format}: {differ:#?} ({} vs {} facts)",
        a.len(),
        b.len()
    );
    let (fa, fb) = (findings(src), findings(&back));
    let mut added: Vec<String> = fb.iter().filter(|f| !fa.contains(f)).cloned().collect();
    let gone: Vec<&String> = fa.iter().filter(|f| !fb.contains(f)).collect();
    let mut gone_codes: Vec<&str> = gone.iter().filter_map(|f| f.split(' ').next()).collect();
    gone_codes.sort();
    added.sort();
    assert_eq!(
        gone_codes, lost,
        "{example} through {format}: findings lost {gone:#?}"
    );
    assert_eq!(added, extra, "{example} through {format}: findings added");
}

const CATEGORY: &str = "L008 the project `{}` has no 类别";

fn no_category(names: &[&str]) -> Vec<String> {
    let mut v: Vec<String> = names.iter().map(|n| CATEGORY.replace("{}", n)).collect();
    v.sort();
    v
}

const JINZHONG_PROJECTS: &[&str] = &[
    "中小企业发展专项转移支付——“支持开发区建设中小企业园”项目",
    "产业扶持专项资金",
    "企业服务经费",
    "党建工作及机构文化建设经费",
    "产业发展促进工作经费",
];

/// The units' kinds: a Shanghai document prints how many units of each kind
/// it has (行政单位1家，参公单位1家，事业单位4家) but not which is which, and a
/// workbook prints no units at all (the department is its one unit). The
/// import writes `类型 未写明`, which check reports as N21 (a warning).
fn no_kinds(units: &[&str]) -> Vec<String> {
    let mut v: Vec<String> = units
        .iter()
        .map(|u| format!("N21 the kind of unit `{u}` is not stated: 机关运行经费 is not checked by unit, and units are not counted by kind"))
        .collect();
    v.sort();
    v
}

const WANLI: &str = "上海市普陀区人民政府万里街道办事处";
const WANLI_UNITS: &[&str] = &[
    "上海市普陀区人民政府万里街道办事处（本部）",
    "上海市普陀区万里街道社区事务受理服务中心",
    "上海市普陀区万里街道社区党群服务中心",
    "上海市普陀区万里街道城市运行管理中心",
    "上海市普陀区万里街道经济发展服务中心",
    "上海市普陀区万里街道综合行政执法队",
];

fn strs(v: &[String]) -> Vec<&str> {
    v.iter().map(String::as_str).collect()
}

#[test]
fn examples_round_trip_through_xlsx() {
    // the workbook holds the tables and the grids, not the narrative: the
    // projects' 类别 (fixed by the narrative's counts) cannot come back
    let extra = no_category(JINZHONG_PROJECTS);
    let extra: Vec<&str> = extra.iter().map(String::as_str).collect();
    round_trip("jinzhong-chanyelian-2024", "xlsx", &extra, &[]);
    let wanli = no_kinds(&[WANLI]);
    round_trip("shanghai-putuo-wanli-2024", "xlsx", &strs(&wanli), &[]);
    round_trip("shanghai-putuo-wanli-2025", "xlsx", &strs(&wanli), &[]);
    let qufuban = no_kinds(&["上海市普陀区人民政府办公室"]);
    round_trip("shanghai-putuo-qufuban-2025", "xlsx", &strs(&qufuban), &[]);
}

#[test]
fn examples_round_trip_through_pdf() {
    if !on_path("typst") || !on_path("pdftotext") {
        println!("note: typst or pdftotext is not installed; the PDF round trip is skipped");
        return;
    }
    // the 绩效目标申报表 grids are read from the layout text (cells wrapped
    // inside their columns, rows centred): the findings on their
    // indicators are all made again
    round_trip("jinzhong-chanyelian-2024", "pdf", &[], &[]);
    let wanli = no_kinds(WANLI_UNITS);
    round_trip("shanghai-putuo-wanli-2024", "pdf", &strs(&wanli), &[]);
    round_trip("shanghai-putuo-wanli-2025", "pdf", &strs(&wanli), &[]);
    round_trip("shanghai-putuo-qufuban-2025", "pdf", &[], &[]);
}

#[test]
fn grids_that_wrap_differently_read_back_from_the_pdf() {
    if !on_path("typst") || !on_path("pdftotext") {
        println!("note: typst or pdftotext is not installed; the PDF round trip is skipped");
        return;
    }
    // the Shanxi example with longer indicator names, values and texts: its
    // grids' cells wrap over two, three and four lines, beside one-line
    // cells and against each other, where the example's wrap over two
    let example = root()
        .join("examples")
        .join("jinzhong-chanyelian-2024.budget");
    let mut src = std::fs::read_to_string(example).expect("the example");
    for (from, to) in [
        (
            "运营企业服务热线 1条",
            "运营面向全区中小微企业的企业服务热线并按月汇总分析来电诉求 1条",
        ),
        (
            "建立问题台账 高质量完成",
            "建立问题台账 \"高质量完成,并按季度向管委会书面报告办理结果\"",
        ),
        (
            "扶持资金 ≤1000万元",
            "扶持资金 \"≤1000万元,按企业规模和认定等级分档兑现\"",
        ),
        (
            "概况 \"运营96509企业服务热线,为企业统筹、解决问题提供有力抓手\"",
            "概况 \"运营96509企业服务热线,为企业统筹、解决问题提供有力抓手;热线由专人值守,来电诉求当日登记、分类转办、限时答复,办理结果按月汇总分析并向管委会报告,形成问题收集、转办、督办、反馈的闭环管理。\"",
        ),
        (
            "        培训学习                 ≥1次",
            "        组织干部职工参加产业链专业镇业务能力提升培训学习 ≥1次",
        ),
        (
            "核心职能 \"产业发展促进、服务企业统筹、解决问题兜底\"",
            "核心职能 \"产业发展促进、服务企业统筹、解决问题兜底,统筹推进七大重点产业链和省级重点专业镇建设,为企业提供全生命周期服务\"",
        ),
    ] {
        assert!(src.contains(from), "the example has `{from}`");
        src = src.replacen(from, to, 1);
    }
    let dir = tmp("wrapped-grids");
    let file = dir.join("wrapped-grids.budget");
    std::fs::write(&file, &src).expect("write");
    round_trip_file(&file, "pdf", &[], &[]);
}

#[test]
fn the_published_pdfs_import_like_their_texts() {
    if !on_path("pdftotext") {
        println!("note: pdftotext is not installed; the published PDFs are skipped");
        return;
    }
    let r = reference::path("reference");
    for stem in [
        "shanghai-putuo-wanli-2024-budget",
        "shanghai-putuo-wanli-2025-budget",
        "shanghai-putuo-qufuban-2025-budget",
        "shanghai-putuo-qufuban-2025-unit-budget",
    ] {
        let pdf = r.join("pdf").join(format!("{stem}.pdf"));
        let dir = tmp(&format!("pdf-{stem}"));
        let out = dir.join("doc.budget");
        let (code, _, err) = run(&[
            "import",
            pdf.to_str().unwrap_or_default(),
            "-o",
            out.to_str().unwrap_or_default(),
        ]);
        assert_eq!(code, 0, "{err}");
        let from_pdf = std::fs::read_to_string(&out).expect("the import");
        let text = std::fs::read_to_string(r.join(format!("{stem}.txt"))).expect("the text");
        let from_text = import(&text).budget.expect("text import");
        // the same facts (the first comment names the source, the page
        // comments may differ): compare the statements
        let facts = |s: &str| -> Vec<String> {
            s.lines()
                .map(|l| l.split("  #").next().unwrap_or("").trim().to_string())
                .filter(|l| !l.is_empty() && !l.starts_with('#'))
                .collect()
        };
        assert_eq!(facts(&from_pdf), facts(&from_text), "{stem}");
        // and `budget check x.pdf` imports in memory: the same findings
        let (code, _, err) = run(&["check", pdf.to_str().unwrap_or_default()]);
        let (code2, _, err2) = run(&["check", out.to_str().unwrap_or_default()]);
        assert_eq!(code, code2, "{err}\n{err2}");
    }
}

// ── bad input: each a diagnostic and exit 1, never a panic ──────────────────

/// The import diagnostics rendered in Chinese and English against the input
/// text, snapshotted as `import__<name>` (as tests/diagnostics.rs does for
/// the checker's codes).
fn snapshot(name: &str, text: &str, diags: &[budget::diagnostic::Diagnostic]) {
    use budget::diagnostic::Lang;
    let file = format!("{name}.txt");
    let rendered = format!(
        "{}\n---- English ----\n\n{}",
        budget::report::human(&file, text, diags, Lang::Zh, false),
        budget::report::human(&file, text, diags, Lang::En, false),
    );
    insta::assert_snapshot!(name.to_string(), rendered);
}

fn lib_case(name: &str, text: &str, code: &str) {
    let d = import(text).diagnostics;
    assert!(d.iter().any(|d| d.code == code), "{name}: {d:?}");
    snapshot(name, text, &d);
}

#[test]
fn every_import_code_has_a_reviewed_message() {
    lib_case("I001", "会议通知\n请各部门于周五前报送材料。\n", "I001");
    lib_case("I002", "", "I002");
    lib_case(
        "I003",
        &format!("2024年预算收支总表\n{}", "\u{c}".repeat(401)),
        "I003",
    );
    let sheet = |rows: &[&[&str]]| -> Vec<Vec<String>> {
        rows.iter()
            .map(|r| r.iter().map(|c| c.to_string()).collect())
            .collect()
    };
    let summary: &[&[&str]] = &[
        &["2024年预算收支总表"],
        &["部门名称：测试部门", "", "单位：万元"],
        &["项目", "2024年", "项目", "2024年合计"],
        &["一、一般公共预算", "10.00", "一、一般公共服务支出", "10.00"],
        &["收入总计", "10.00", "支出总计", "10.00"],
    ];
    let tree: &[&[&str]] = &[
        &["2024年预算支出总表"],
        &["部门名称：测试部门", "", "单位：万元"],
        &["科目编码", "科目名称", "合计", "基本支出", "项目支出"],
        &["2011301", "行政运行", "待定", "10.00", ""],
        &["2011302", "一般行政管理事务", "3.00", "", "3.00"],
        &["某某", "2.00"],
    ];
    let only_summary = sheets_to_text(&[("表1".into(), sheet(summary))]);
    lib_case("I006", &only_summary, "I006");
    let both = sheets_to_text(&[("表1".into(), sheet(summary)), ("表3".into(), sheet(tree))]);
    lib_case("I007", &both, "I007");
    lib_case("I004", &both, "I004");
    let mut typo = tree.to_vec();
    typo[1] = &["部门名称：测式部门", "", "单位：万元"];
    let other = sheets_to_text(&[
        ("表1".into(), sheet(summary)),
        ("表3".into(), sheet(&typo)),
        ("表3b".into(), sheet(tree)),
    ]);
    lib_case("I009", &other, "I009");
    // the cover names the department mistyped
    let cover = format!(
        "2024年部门预算\n预算主管部门：测式部门\n\u{c}{}",
        sheets_to_text(&[("表1".into(), sheet(summary)), ("表3".into(), sheet(tree))])
    );
    lib_case("I009-cover", &cover, "I009");
    lib_case(
        "I008",
        "## 2024年某某收支总表\n部门名称：甲\n项目\t金额\n合计\t1.00\n",
        "I008",
    );
    let d = [budget::import::pdf_error(
        "Syntax Error: Couldn't find trailer dictionary",
    )];
    snapshot("I005", "", &d);
}

fn import_file(name: &str, bytes: &[u8]) -> (i32, String) {
    let dir = tmp(&format!("bad-{name}"));
    let f = dir.join(name);
    std::fs::write(&f, bytes).expect("write");
    let (code, _, err) = run(&["import", f.to_str().unwrap_or_default(), "--lang", "en"]);
    (code, err)
}

#[test]
fn i001_a_text_that_is_not_a_disclosure() {
    let (code, err) = import_file(
        "notice.txt",
        "会议通知\n请各部门于周五前报送材料。\n".as_bytes(),
    );
    assert_eq!(code, 1);
    assert!(err.contains("I001"), "{err}");
}

#[test]
fn i002_an_empty_or_truncated_file() {
    let (code, err) = import_file("empty.txt", b"");
    assert_eq!(code, 1);
    assert!(err.contains("I002"), "{err}");
    assert_eq!(import_codes("  \n\n"), ["I002"]);
}

#[test]
fn i003_a_huge_input() {
    let pages = "\u{c}".repeat(budget::import::MAX_PAGES + 1);
    let d = import(&format!("2024年预算收支总表\n{pages}")).diagnostics;
    assert_eq!(
        d.iter().map(|d| d.code.as_str()).collect::<Vec<_>>(),
        ["I003"]
    );
    assert!(d[0].message.en.contains("402 pages"), "{}", d[0].message.en);
}

#[test]
fn i005_a_corrupt_pdf() {
    let (code, err) = import_file("broken.pdf", b"%PDF-1.7\nthis is not a pdf at all");
    assert_eq!(code, 1);
    assert!(err.contains("I005"), "{err}");
}

#[test]
fn i005_pdftotext_missing_says_how_to_get_it() {
    let dir = tmp("nopdftotext");
    let f = dir.join("doc.pdf");
    std::fs::write(&f, b"%PDF-1.7\n").expect("write");
    let o = Command::new(BIN)
        .args(["import", f.to_str().unwrap_or_default()])
        .env("BUDGET_PDFTOTEXT", dir.join("no-such-program"))
        .output()
        .expect("budget runs");
    let err = String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        err.contains("I005") && err.contains("apt-get install poppler-utils"),
        "{err}"
    );
}

/// A PDF compiled by typst from `source`, in a scratch folder named `name`.
fn typst_pdf(name: &str, source: &str) -> PathBuf {
    let dir = tmp(name);
    let typ = dir.join(format!("{name}.typ"));
    std::fs::write(&typ, source).expect("write");
    let pdf = dir.join(format!("{name}.pdf"));
    let ok = Command::new("typst")
        .args(["compile", "--ignore-system-fonts"])
        .arg(&typ)
        .arg(&pdf)
        .status()
        .map(|s| s.success())
        .unwrap_or(false);
    assert!(ok, "typst compiles {name}.typ");
    pdf
}

#[test]
fn i002_a_pdf_without_a_text_layer() {
    if !on_path("typst") || !on_path("pdftotext") {
        println!("note: typst or pdftotext is not installed; the scanned-PDF case is skipped");
        return;
    }
    // a page with only a rectangle: pdftotext gives no text
    let pdf = typst_pdf("scan", "#rect(width: 5cm, height: 5cm, fill: gray)\n");
    let (code, _, err) = run(&["import", pdf.to_str().unwrap_or_default()]);
    assert_eq!(code, 1);
    assert!(err.contains("I002"), "{err}");
}

fn workbook(sheets: &[(&str, Vec<Vec<&str>>)]) -> Vec<u8> {
    let mut wb = rust_xlsxwriter::Workbook::new();
    for (name, rows) in sheets {
        let s = wb.add_worksheet();
        s.set_name(*name).expect("name");
        for (r, row) in rows.iter().enumerate() {
            for (c, v) in row.iter().enumerate() {
                match v.parse::<f64>() {
                    Ok(n) => s.write_number(r as u32, c as u16, n).map(|_| ()),
                    Err(_) => s.write_string(r as u32, c as u16, *v).map(|_| ()),
                }
                .expect("a cell");
            }
        }
    }
    wb.save_to_buffer().expect("xlsx")
}

fn summary_sheet() -> (&'static str, Vec<Vec<&'static str>>) {
    (
        "表1",
        vec![
            vec!["2024年预算收支总表"],
            vec!["部门名称：测试部门", "", "单位：万元"],
            vec!["项目", "2024年", "项目", "2024年合计"],
            vec!["一、一般公共预算", "10.00", "一、一般公共服务支出", "10.00"],
            vec!["收入总计", "10.00", "支出总计", "10.00"],
        ],
    )
}

#[test]
fn i006_a_spreadsheet_missing_its_tables() {
    let (code, err) = import_file("partial.xlsx", &workbook(&[summary_sheet()]));
    assert_eq!(code, 1);
    assert!(err.contains("I006"), "{err}");
}

#[test]
fn i007_text_in_an_amount_cell() {
    let tree = (
        "表3",
        vec![
            vec!["2024年预算支出总表"],
            vec!["部门名称：测试部门", "", "单位：万元"],
            vec!["科目编码", "科目名称", "合计", "基本支出", "项目支出"],
            vec!["2011301", "行政运行", "待定", "10.00", ""],
        ],
    );
    let (code, err) = import_file("text.xlsx", &workbook(&[summary_sheet(), tree]));
    assert_eq!(code, 1);
    assert!(err.contains("I007"), "{err}");
    assert!(err.contains("待定"), "{err}");
}

#[test]
fn i004_an_extra_sheet_is_kept_and_reported() {
    let extra = (
        "备注",
        vec![vec!["2024年某某项目支出预算表"], vec!["某项目", "3.00"]],
    );
    let text = sheets_to_text(&[
        (
            summary_sheet().0.to_string(),
            summary_sheet()
                .1
                .iter()
                .map(|r| r.iter().map(|c| c.to_string()).collect())
                .collect(),
        ),
        (
            extra.0.to_string(),
            extra
                .1
                .iter()
                .map(|r| r.iter().map(|c| c.to_string()).collect())
                .collect(),
        ),
    ]);
    let imported = import_shanxi(&text);
    let src = imported.budget.expect("text");
    assert!(
        src.contains("# 某项目\t3.00") || src.contains("# 某项目"),
        "{src}"
    );
    assert!(imported.diagnostics.iter().any(|d| d.code == "I004"));
}

#[test]
fn i008_an_unknown_profile() {
    assert_eq!(
        import_codes("## 2024年某某收支总表\n部门名称：甲\n项目\t金额\n合计\t1.00\n"),
        ["I008"]
    );
}

#[test]
fn every_import_code_is_explained() {
    for code in [
        "I001", "I002", "I003", "I004", "I005", "I006", "I007", "I008", "I009",
    ] {
        let e = budget::explain::ALL.iter().find(|e| e.code == code);
        assert!(
            e.is_some_and(|e| !e.body_zh.is_empty() && !e.body_en.is_empty()),
            "{code}"
        );
    }
}

#[test]
fn import_never_overwrites_without_force() {
    let dir = tmp("force");
    let f = dir.join("doc.txt");
    std::fs::copy(reference::path(reference::SEED), &f).expect("copy");
    let (code, _, err) = run(&["import", f.to_str().unwrap_or_default()]);
    assert_eq!(code, 0, "{err}");
    assert!(dir.join("doc.budget").exists());
    let (code, _, err) = run(&["import", f.to_str().unwrap_or_default()]);
    assert_eq!(code, 2);
    assert!(err.contains("--force"), "{err}");
    let (code, _, _) = run(&["import", f.to_str().unwrap_or_default(), "--force"]);
    assert_eq!(code, 0);
    // the seed's narrative error (N19 78.23%) makes the check exit 1; the
    // file is the seed's, written again
    let (code, _, err) = run(&["check", dir.join("doc.budget").to_str().unwrap_or_default()]);
    assert_eq!(code, 1, "{err}");
    assert!(err.contains("N19") && err.contains("78.23%"), "{err}");
}

#[test]
fn the_help_says_what_is_read() {
    let (_, out, _) = run(&["import", "--help"]);
    assert!(out.contains("Not read:"), "{out}");
    assert!(out.contains("pdftotext"), "{out}");
    assert!(out.contains("the 项目支出 tables as 项目 blocks"), "{out}");
    assert!(out.contains("a PDF's layout"), "{out}");
    assert!(out.contains("BUDGET_PDFTOTEXT_TIMEOUT"), "{out}");
}

/// Right-align `cells` (label first) so that each amount ends at its column.
fn layout_row(label: &str, amounts: &[(&str, usize)]) -> String {
    let mut line = label.to_string();
    for (a, end) in amounts {
        let width = line.chars().count();
        let pad = end.saturating_sub(width + a.chars().count()).max(2);
        line.push_str(&" ".repeat(pad));
        line.push_str(a);
    }
    line
}

#[test]
fn layout_tables_codes_from_labels_blank_cells_and_page_breaks() {
    let (t, b, p) = (60, 76, 92);
    let table = |title: &str| {
        let header =
            "科目编码      科目名称                  合计            基本支出        项目支出";
        [
            format!("                 {title}"),
            "部门名称：测试部门                                               单位：万元"
                .to_string(),
            header.to_string(),
            layout_row("合计", &[("1,712.84", t), ("12.84", b), ("1,700.00", p)]),
            layout_row(
                "一、一般公共服务支出",
                &[("1,712.84", t), ("12.84", b), ("1,700.00", p)],
            ),
            layout_row(
                "  商贸事务",
                &[("1712.84", t), ("12.84", b), ("1700.00", p)],
            ),
            layout_row("201类13款01项 行政运行", &[("12.84", t), ("12.84", b)]),
            format!("\u{c}{header}"),
            layout_row(
                "201（类）13（款）02（项）一般行政管理",
                &[("1,700.00", t), ("1,700.00", p)],
            ),
            "事务".to_string(),
            "—2—".to_string(),
        ]
        .join("\n")
    };
    let text = format!(
        "{}\n{}\n",
        table("2024年预算支出总表"),
        table("2024年一般公共预算支出预算表")
    );
    let imported = import_shanxi(&text);
    let src = imported.budget.expect("a text");
    let flat = flat_lines(&src);
    for want in [
        "201 一般公共服务支出 合计 1,712.84 基本 12.84 项目 1,700.00",
        "20113 商贸事务 合计 1712.84 基本 12.84 项目 1700.00",
        "2011301 行政运行 合计 12.84 基本 12.84",
        "2011302 一般行政管理事务 合计 1,700.00 项目 1700.00",
        "本年支出合计 1,712.84",
        "基本支出合计 12.84",
        "项目支出合计 1,700.00",
    ] {
        assert!(flat.iter().any(|l| l == want), "no `{want}` in\n{src}");
    }
    // the repeated header and the page number are not reported as unplaced
    let unplaced: Vec<&str> = imported
        .diagnostics
        .iter()
        .filter(|d| d.code == "I004" && d.message.en.contains("not recognised"))
        .map(|d| d.message.en.as_ref())
        .collect();
    assert!(unplaced.is_empty(), "{unplaced:?}");
}

#[test]
fn truncated_files_are_diagnosed() {
    if on_path("pdftotext") {
        let pdf = reference::bytes("reference/pdf/shanghai-putuo-wanli-2024-budget.pdf");
        let (code, err) = import_file("cut.pdf", &pdf[..pdf.len() / 3]);
        assert_eq!(code, 1);
        assert!(err.contains("I005"), "{err}");
    } else {
        println!("note: pdftotext is not installed; the truncated PDF is skipped");
    }
    // a text cut inside a character
    let seed = reference::bytes(reference::SEED);
    let cut = seed
        .iter()
        .position(|b| *b >= 0x80)
        .map(|i| i + 1)
        .unwrap_or(1);
    let (code, err) = import_file("cut.txt", &seed[..cut]);
    assert_eq!(code, 1);
    assert!(err.contains("L002"), "{err}");
}

/// A unit's 表1 splits each class's 基本支出 into 人员经费 and 公用经费: the
/// import writes them on the 类 lines, each under the heading it is printed
/// under (社会保障和就业支出 has 公用 and no 项目支出; 卫生健康支出 only 人员).
#[test]
fn a_units_summary_table_gives_the_classes_personnel_and_public() {
    let text = reference::text("reference/shanghai-putuo-qufuban-2025-unit-budget.txt");
    let src = import(&text).budget.expect("text");
    let lines = flat_lines(&src);
    for want in [
        "201 一般公共服务支出 合计 82,096,797.42 基本 15,686,797.42 项目 66,410,000.00 人员 13,819,399.88 公用 1,867,397.54",
        "208 社会保障和就业支出 合计 4,213,779.28 基本 4,213,779.28 项目 0 人员 3,948,399.28 公用 265,380.00",
        "210 卫生健康支出 合计 1,097,073.43 基本 1,097,073.43 项目 0 人员 1,097,073.43",
        "221 住房保障支出 合计 3,609,125.22 基本 3,609,125.22 项目 0 人员 3,609,125.22",
    ] {
        assert!(lines.iter().any(|l| l == want), "{want}\n{src}");
    }
    // a department's 表1 has no such columns: its class lines carry none
    let dept = reference::text("reference/shanghai-putuo-qufuban-2025-budget.txt");
    let src = import(&dept).budget.expect("text");
    let class = src
        .lines()
        .find(|l| l.trim_start().starts_with("201 "))
        .expect("the 201 line");
    assert!(class.contains("合计") && !class.contains("人员"), "{class}");
}

/// A stand-in for pdftotext: a shell script (Unix only).
#[cfg(unix)]
fn fake_pdftotext(dir: &Path, body: &str) -> PathBuf {
    use std::os::unix::fs::PermissionsExt;
    let p = dir.join("pdftotext");
    std::fs::write(&p, format!("#!/bin/sh\n{body}\n")).expect("write");
    let mut perm = std::fs::metadata(&p).expect("meta").permissions();
    perm.set_mode(0o755);
    std::fs::set_permissions(&p, perm).expect("chmod");
    p
}

#[cfg(unix)]
fn import_with(tool: &Path, timeout: &str) -> (Option<i32>, String) {
    let dir = tool.parent().unwrap_or(Path::new("."));
    let f = dir.join("doc.pdf");
    std::fs::write(&f, b"%PDF-1.7\n").expect("write");
    let o = Command::new(BIN)
        .args(["import", f.to_str().unwrap_or_default(), "--lang", "en"])
        .env("BUDGET_PDFTOTEXT", tool)
        .env("BUDGET_PDFTOTEXT_TIMEOUT", timeout)
        .output()
        .expect("budget runs");
    (
        o.status.code(),
        String::from_utf8_lossy(&o.stderr).into_owned(),
    )
}

#[cfg(unix)]
#[test]
fn i005_pdftotext_failing_is_reported_with_its_message() {
    let dir = tmp("pdftotext-fails");
    let tool = fake_pdftotext(
        &dir,
        "echo 'Syntax Error: Couldn'\"'\"'t read xref table' >&2; exit 3",
    );
    let (code, err) = import_with(&tool, "60");
    assert_eq!(code, Some(1));
    assert!(
        err.contains("I005") && err.contains("Couldn't read xref table"),
        "{err}"
    );
}

#[cfg(unix)]
#[test]
fn i003_pdftotext_is_stopped_at_its_time_limit() {
    // a pdftotext that hangs: stopped at the limit (1 s here, 60 s by default)
    let dir = tmp("pdftotext-hangs");
    let tool = fake_pdftotext(&dir, "exec sleep 30");
    let (code, err) = import_with(&tool, "1");
    assert_eq!(code, Some(1));
    assert!(
        err.contains("I003") && err.contains("pdftotext ran for more than 1 seconds"),
        "{err}"
    );
}

#[test]
fn i005_an_encrypted_pdf() {
    if !on_path("pdftotext") {
        println!("note: pdftotext is not installed; the encrypted PDF is skipped");
        return;
    }
    // tests/fixtures/encrypted.pdf: one empty page under a user password
    let pdf = root().join("tests").join("fixtures").join("encrypted.pdf");
    let dir = tmp("encrypted");
    let out = dir.join("x.budget");
    let (code, _, err) = run(&[
        "import",
        pdf.to_str().unwrap_or_default(),
        "-o",
        out.to_str().unwrap_or_default(),
        "--lang",
        "en",
    ]);
    assert_eq!(code, 1);
    assert!(
        err.contains("I005")
            && err.contains("the PDF is encrypted")
            && err.contains("Incorrect password"),
        "{err}"
    );
    assert!(!out.exists());
}

#[test]
fn i003_a_500_page_pdf() {
    if !on_path("typst") || !on_path("pdftotext") {
        println!("note: typst or pdftotext is not installed; the 500-page PDF is skipped");
        return;
    }
    let pdf = typst_pdf(
        "pages",
        "#for i in range(500) [page #i #pagebreak(weak: true)]\n",
    );
    let (code, _, err) = run(&["import", pdf.to_str().unwrap_or_default(), "--lang", "en"]);
    assert_eq!(code, 1);
    assert!(
        err.contains("I003") && err.contains("more than 400"),
        "{err}"
    );
}

#[test]
fn a_table_that_does_not_add_up_is_imported_as_printed_and_check_reports_it() {
    // the seed's 表三 with its 201 总 line 1.00 too high
    let wrong = "201\t一般公共服务支出\t30.84\t12.84\t17.00";
    let text = seed_with("201\t一般公共服务支出\t29.84\t12.84\t17.00", wrong);
    let dir = tmp("not-adding-up");
    let f = dir.join("doc.txt");
    std::fs::write(&f, &text).expect("write");
    let (code, _, err) = run(&["import", f.to_str().unwrap_or_default()]);
    assert_eq!(code, 0, "{err}");
    let src = std::fs::read_to_string(dir.join("doc.budget")).expect("the import");
    let flat = flat_lines(&src);
    assert!(
        flat.iter()
            .any(|l| l == "201 一般公共服务支出 合计 30.84 基本 12.84 项目 17.00"),
        "{src}"
    );
    let r5 = the_r5(&src);
    assert!(r5.is_error());
    // at the printed total of 201, as imported
    assert_eq!(&src[r5.span.start..r5.span.end], "30.84");
    assert!(r5.message.en.contains("201"), "{}", r5.message.en);
}

/// A 表3 class row whose printed 基本 is not its 项's sum while its 合计 is
/// right: the import writes the row's 基本 and 项目 as printed, and check
/// reports R5 at the 基本.
#[test]
fn a_class_rows_printed_basic_is_checked_against_its_lines() {
    let text = seed_with(
        "201\t一般公共服务支出\t29.84\t12.84\t17.00",
        "201\t一般公共服务支出\t29.84\t13.84\t17.00",
    );
    let src = import(&text).budget.expect("a .budget");
    let r5 = the_r5(&src);
    assert_eq!(&src[r5.span.start..r5.span.end], "13.84");
    assert!(
        r5.message.en.contains("基本支出 of 类 201"),
        "{}",
        r5.message.en
    );
}

#[test]
fn what_the_language_does_not_hold_is_reported_not_dropped() {
    let seed = reference::text(reference::SEED);
    // 表一 prints 201 one 万元 lower than 表三; one 申报表 names another 实施单位
    let text = seed
        .replacen(
            "一、一般公共服务支出\t29.84\t29.84",
            "一、一般公共服务支出\t28.84\t28.84",
            1,
        )
        .replacen(
            "实施单位\t山西转型综合改革示范区晋中开发区产业链发展促进部",
            "实施单位\t某某中心",
            1,
        );
    let imported = import(&text);
    let warned: Vec<&str> = imported
        .diagnostics
        .iter()
        .filter(|d| d.code == "I004")
        .map(|d| d.message.en.as_ref())
        .collect();
    let has = |s: &str| warned.iter().any(|w| w.contains(s));
    assert!(
        has("一般公共服务支出 is printed 28.84, the expenditure table's is 29.84"),
        "{warned:#?}"
    );
    assert!(
        has("the 实施单位 `某某中心` is not the unit `山西转型综合改革示范区晋中开发区产业链发展促进部`"),
        "{warned:#?}"
    );
    // the 整体 grid's 年度预算情况: computed from the tables, the printed kept
    assert!(has("the 年度预算情况 figures are computed"), "{warned:#?}");
    let src = imported.budget.expect("text");
    assert!(src.contains("# 申报表的实施单位：某某中心"), "{src}");
    assert!(src.contains("# 合计\t1329.84\t合计\t1329.84"), "{src}");
}
