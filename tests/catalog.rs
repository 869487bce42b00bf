//! The classification catalog seen from the checker: known codes, outdated
//! names, user catalogs read with the csv crate.

use budget::catalog::{Catalog, CodeKind, NameMatch, Provenance};
use budget::{check_source, Options};

/// A document of 12.84万元 on the 项 `code name`.
fn doc(code: &str, name: &str) -> String {
    doc_lines(&format!("  {code} {name} 基本 12.84\n"))
}

/// A document of 12.84万元 whose 支出 block holds `lines`.
fn doc_lines(lines: &str) -> String {
    format!(
        "年度 2026\n部门 \"测试部门\"\n口径 山西县级\n金额单位 万元\n单位 \"测试部门\" {{ 类型 行政 }}\n\
         收入 {{\n  一般公共预算 12.84\n}}\n支出 {{\n{lines}}}\n"
    )
}

/// 210 named `name` above 21011 / 2101101 with the amount.
fn health(name: &str) -> String {
    doc_lines(&format!(
        "  210 {name}\n  21011 行政事业单位医疗\n  2101101 行政单位医疗 基本 12.84\n"
    ))
}

fn codes(src: &str, options: &Options) -> Vec<(&'static str, String)> {
    check_source(src, options)
        .diagnostics
        .into_iter()
        .map(|d| (d.code.as_str(), src[d.span.start..d.span.end].to_string()))
        .collect()
}

#[test]
fn the_judicial_codes_check_without_warnings() {
    let opts = Options::default();
    for (code, name) in [
        ("2040601", "行政运行"),
        ("2040602", "一般行政管理事务"),
        ("2040604", "基层司法业务"),
        ("2040605", "普法宣传"),
        ("2040607", "公共法律服务"),
        ("2040699", "其他司法支出"),
    ] {
        assert_eq!(codes(&doc(code, name), &opts), [], "{code} {name}");
    }
    // a code of the family the standard does not have still warns
    assert_eq!(
        codes(&doc("2040698", "司法杂项"), &opts),
        [("S1d", "2040698".to_string())]
    );
}

#[test]
fn an_outdated_class_name_is_an_error_that_says_so() {
    let src = health("医疗卫生与计划生育支出");
    let checked = check_source(&src, &Options::default());
    assert_eq!(checked.diagnostics.len(), 1, "{:?}", checked.diagnostics);
    let d = checked
        .diagnostics
        .iter()
        .find(|d| d.code == "S1c")
        .expect("S1c");
    assert_eq!(&src[d.span.start..d.span.end], "医疗卫生与计划生育支出");
    assert!(d.message.zh.contains("旧名称"), "{}", d.message.zh);
    assert!(d.message.zh.contains("2018"), "{}", d.message.zh);
    assert!(d.message.en.contains("old name"), "{}", d.message.en);
    assert!(d.message.zh.contains("卫生健康支出"));
    let fix = d.fix.as_ref().expect("a fix");
    assert!(
        fix.replacement.contains("卫生健康支出"),
        "{}",
        fix.replacement
    );
    // a name that was never the code's is the plain S1c message
    let src = health("卫生支出");
    let checked = check_source(&src, &Options::default());
    let d = checked
        .diagnostics
        .iter()
        .find(|d| d.code == "S1c")
        .expect("S1c");
    assert!(!d.message.zh.contains("旧名称"), "{}", d.message.zh);
    assert_eq!(codes(&health("卫生健康支出"), &Options::default()), []);
}

#[test]
fn a_user_catalog_read_with_csv_makes_a_code_known() {
    let src = doc("2011398", "试点商贸支出");
    assert_eq!(
        codes(&src, &Options::default()),
        [("S1d", "2011398".to_string())]
    );
    let mut catalog = Catalog::builtin();
    let n = catalog
        .extend_from_user_csv("\u{feff}code,name,kind\r\n2011398,\"试点商贸支出\",功能分类\r\n\r\n")
        .expect("valid");
    assert_eq!(n, 1);
    let e = catalog.get(CodeKind::Function, "2011398").expect("added");
    assert_eq!(e.provenance, Provenance::User);
    assert_eq!(
        codes(
            &src,
            &Options {
                catalog,
                ..Options::default()
            }
        ),
        []
    );
}

#[test]
fn lookups_for_explain() {
    let c = Catalog::builtin();
    let e = c.get(CodeKind::Function, "2101101").expect("known");
    assert_eq!(e.name, "行政单位医疗");
    assert_eq!(e.provenance, Provenance::Observed);
    let names: Vec<&str> = c
        .path(CodeKind::Function, "2101101")
        .iter()
        .map(|e| e.name.as_str())
        .collect();
    assert_eq!(names, ["卫生健康支出", "行政事业单位医疗", "行政单位医疗"]);
    let lei = c.get(CodeKind::Function, "210").expect("known");
    assert!(matches!(
        Catalog::match_name(lei, "医疗卫生与计划生育支出"),
        NameMatch::Old(o) if o.until == 2018
    ));
    let kinds: Vec<CodeKind> = c.find_code("302").map(|e| e.kind).collect();
    assert_eq!(kinds, [CodeKind::EconomicDepartment]);
    assert!(c.children(CodeKind::EconomicGovernment, "502").count() >= 10);
}
