use super::shipped::{self, parse_codes, parse_renamed};
use super::*;

const FUNCTION_CSV: &str = include_str!("../../catalog/function-codes.csv");
const DEPARTMENT_CSV: &str = include_str!("../../catalog/economic-department.csv");
const GOVERNMENT_CSV: &str = include_str!("../../catalog/economic-government.csv");
const RENAMED_CSV: &str = include_str!("../../catalog/old-names.csv");

/// The data rows of a CSV text (lines after the header).
fn rows(text: &str) -> usize {
    text.lines()
        .skip(1)
        .filter(|l| !l.trim().is_empty())
        .count()
}

#[test]
fn builtin_holds_every_shipped_row() {
    let c = Catalog::builtin();
    assert_eq!(c.iter(CodeKind::Function).count(), rows(FUNCTION_CSV));
    assert_eq!(
        c.iter(CodeKind::EconomicDepartment).count(),
        rows(DEPARTMENT_CSV)
    );
    assert_eq!(
        c.iter(CodeKind::EconomicGovernment).count(),
        rows(GOVERNMENT_CSV)
    );
    assert_eq!(
        c.len(),
        rows(FUNCTION_CSV) + rows(DEPARTMENT_CSV) + rows(GOVERNMENT_CSV)
    );
    // the embedded data equals what the validator reads from the files
    let ok = shipped::validate([FUNCTION_CSV, DEPARTMENT_CSV, GOVERNMENT_CSV], RENAMED_CSV)
        .expect("the shipped files validate");
    for kind in CodeKind::ALL {
        for r in &ok.codes[kind.index()] {
            let e = c.get(kind, &r.code).expect("embedded");
            assert_eq!(
                (&e.name, e.level, e.provenance),
                (&r.name, r.level, r.provenance)
            );
            assert_eq!(e.source, r.source);
            assert_eq!(e.aliases, r.aliases);
        }
    }
    let old: usize = CodeKind::ALL
        .into_iter()
        .flat_map(|k| c.iter(k))
        .map(|e| e.old_names.len())
        .sum();
    assert_eq!(old, rows(RENAMED_CSV));
}

#[test]
fn every_class_of_the_current_edition_is_there() {
    let c = Catalog::builtin();
    let classes: Vec<&str> = c
        .iter(CodeKind::Function)
        .filter(|e| e.level == Level::Lei)
        .map(|e| e.code.as_str())
        .collect();
    let expected = [
        "201", "202", "203", "204", "205", "206", "207", "208", "209", "210", "211", "212", "213",
        "214", "215", "216", "217", "219", "220", "221", "222", "223", "224", "227", "229", "230",
        "231", "232", "233", "234",
    ];
    assert_eq!(classes, expected);
}

#[test]
fn entries_are_consistent_and_sourced() {
    let c = Catalog::builtin();
    for kind in CodeKind::ALL {
        for e in c.iter(kind) {
            assert_eq!(e.kind, kind);
            assert_eq!(level_of(kind, &e.code), Some(e.level));
            assert_eq!(e.parent.as_deref(), parent_code(kind, &e.code));
            if let Some(p) = &e.parent {
                assert!(c.get(kind, p).is_some(), "{} parent {}", e.code, p);
            }
            assert_ne!(e.provenance, Provenance::User);
            assert!(!e.source.is_empty(), "{}", e.code);
        }
    }
}

#[test]
fn the_judicial_family_is_known() {
    let c = Catalog::builtin();
    let names: Vec<(&str, &str)> = c
        .children(CodeKind::Function, "20406")
        .map(|e| (e.code.as_str(), e.name.as_str()))
        .collect();
    assert_eq!(names.first(), Some(&("2040601", "行政运行")));
    assert_eq!(names.last(), Some(&("2040699", "其他司法支出")));
    assert!(names.contains(&("2040604", "基层司法业务")));
    assert!(names.len() >= 10, "{names:?}");
    let e = c.get(CodeKind::Function, "2040607").expect("known");
    assert_eq!(e.provenance, Provenance::Observed);
    assert!(e.source.contains("putuo-wanli-2024"), "{}", e.source);
    let e = c.get(CodeKind::Function, "2040601").expect("known");
    assert_eq!(e.provenance, Provenance::Standard);
    let path: Vec<&str> = c
        .path(CodeKind::Function, "2040601")
        .into_iter()
        .map(|e| e.name.as_str())
        .collect();
    assert_eq!(path, ["公共安全支出", "司法", "行政运行"]);
    assert_eq!(
        c.parent(CodeKind::Function, "2040601")
            .map(|e| e.code.as_str()),
        Some("20406")
    );
}

#[test]
fn old_names_are_recognised_as_outdated() {
    let c = Catalog::builtin();
    let e = c.get(CodeKind::Function, "210").expect("known");
    assert_eq!(e.name, "卫生健康支出");
    match Catalog::match_name(e, "医疗卫生与计划生育支出") {
        NameMatch::Old(o) => assert_eq!(o.until, 2018),
        other => panic!("{other:?}"),
    }
    assert!(!Catalog::name_matches(e, "医疗卫生与计划生育支出"));
    assert_eq!(Catalog::match_name(e, "卫生健康支出"), NameMatch::Current);
    assert_eq!(Catalog::match_name(e, "卫生支出"), NameMatch::Other);
    // a user override keeps the code's history
    let mut c = c;
    c.extend_from_user_csv("kind,code,name\nfunction,210,卫生健康\n")
        .expect("valid");
    let e = c.get(CodeKind::Function, "210").expect("known");
    assert_eq!(e.provenance, Provenance::User);
    assert_eq!(e.old_names.len(), 1);
}

#[test]
fn get_function_code() {
    let c = Catalog::builtin();
    let e = c.get(CodeKind::Function, "2011301").expect("known");
    assert_eq!(e.name, "行政运行");
    assert_eq!(e.parent.as_deref(), Some("20113"));
    assert_eq!(e.level, Level::Xiang);
    assert_eq!(e.provenance, Provenance::Observed);
    assert!(e.source.contains("seed-jinzhong-2024"));
    let lei = c.get(CodeKind::Function, "201").expect("known");
    assert_eq!(lei.parent, None);
    assert!(c.get(CodeKind::Function, "2011398").is_none());
    assert!(c.get(CodeKind::EconomicDepartment, "2011301").is_none());
    let kuan = c.get(CodeKind::EconomicDepartment, "30217").expect("known");
    assert_eq!(kuan.name, "公务接待费");
    assert_eq!(kuan.level, Level::Kuan);
    let found: Vec<CodeKind> = c.find_code("30217").map(|e| e.kind).collect();
    assert_eq!(found, [CodeKind::EconomicDepartment]);
}

#[test]
fn alias_and_parenthesis_matching() {
    let c = Catalog::builtin();
    let e = c.get(CodeKind::EconomicGovernment, "50601").expect("known");
    assert_eq!(e.aliases, vec!["资本性支出".to_string()]);
    assert_eq!(Catalog::match_name(e, "资本性支出"), NameMatch::Alias);
    assert!(Catalog::name_matches(e, " 资本性支出(一) "));
    assert!(!Catalog::name_matches(e, "资本性支出（二）"));
    let e = c.get(CodeKind::EconomicDepartment, "30213").expect("known");
    assert!(Catalog::name_matches(e, "维修(护)费"));
    assert_eq!(normalize_name(" a(b) "), "a（b）");
    let found: Vec<&str> = c
        .find_by_name(CodeKind::EconomicGovernment, "资本性支出")
        .map(|e| e.code.as_str())
        .collect();
    assert_eq!(found, ["50601"]);
}

#[test]
fn prefix_and_children_in_code_order() {
    let c = Catalog::builtin();
    let codes: Vec<&str> = c
        .with_prefix(CodeKind::Function, "20113")
        .map(|e| e.code.as_str())
        .collect();
    assert_eq!(
        codes,
        ["20113", "2011301", "2011302", "2011303", "2011350", "2011399"]
    );
    let children: Vec<&str> = c
        .children(CodeKind::EconomicDepartment, "310")
        .take(2)
        .map(|e| e.code.as_str())
        .collect();
    assert_eq!(children, ["31001", "31002"]);
    assert_eq!(c.with_prefix(CodeKind::Function, "9").count(), 0);
}

#[test]
fn code_helpers() {
    assert_eq!(expected_len(CodeKind::Function, Level::Xiang), 7);
    assert_eq!(expected_len(CodeKind::EconomicGovernment, Level::Xiang), 0);
    assert_eq!(level_of(CodeKind::Function, "20113"), Some(Level::Kuan));
    assert_eq!(level_of(CodeKind::Function, "2011"), None);
    assert_eq!(level_of(CodeKind::Function, "２０１"), None);
    assert_eq!(level_of(CodeKind::EconomicDepartment, "3020101"), None);
    assert_eq!(parent_code(CodeKind::Function, "2011301"), Some("20113"));
    assert_eq!(parent_code(CodeKind::Function, "201"), None);
    assert_eq!(CodeKind::parse("功能分类"), Some(CodeKind::Function));
    assert_eq!(CodeKind::parse("经济分类"), None);
    assert_eq!(Level::parse("XIANG"), Some(Level::Xiang));
    assert!(Level::Lei < Level::Xiang);
}

#[test]
fn a_bad_shipped_row_is_reported_with_its_line() {
    // what build.rs runs: the same function on a bad text fails
    let text = "code,level,name,parent,provenance,source,aliases\n\
                201,类,一般公共服务支出,,observed,seed,\n\
                20113,款,商贸事务,201,observed,seed,\n\
                2011301,款,行政运行,20113,observed,seed,\n\
                2011302,项,一般行政管理事务,,observed,seed,\n\
                2011350,项,事业运行,20113,guessed,seed,\n\
                20199,款,其他,201,standard,\n\
                2019901,项,其他,20199,standard,std,\n\
                20113,款,商贸事务,201,observed,seed,\n\
                2011399,项,其他商贸事务支出,20113,standard,,\n";
    let errors = parse_codes(CodeKind::Function, text).expect_err("invalid");
    let lines: Vec<usize> = errors.iter().map(|e| e.line).collect();
    assert_eq!(lines, [4, 5, 6, 7, 9, 10, 8], "{errors:?}");
    assert!(errors[0].message_en.contains("does not match level"));
    assert!(errors[1].message_en.contains("no parent"));
    assert!(errors[2].message_en.contains("invalid provenance"));
    assert!(errors[3].message_en.contains("6 columns"));
    assert!(errors[4].message_en.contains("duplicate"));
    assert!(errors[5].message_en.contains("no source"));
    assert!(errors[6].message_en.contains("not in this file"));

    // and validate() names the file
    let bad = shipped::validate([text, DEPARTMENT_CSV, GOVERNMENT_CSV], RENAMED_CSV)
        .expect_err("invalid");
    let in_file = |name: &str| bad.iter().filter(|(f, _)| *f == name).count();
    assert_eq!(in_file("function-codes.csv"), errors.len());
    // the old names of 207, 210 and 220 now point at codes the bad file lacks
    assert_eq!(in_file("old-names.csv"), 3);
    assert_eq!(bad.len(), errors.len() + 3);

    let e = parse_codes(
        CodeKind::EconomicGovernment,
        "code,level,name,parent,provenance,source,aliases\n5060101,项,x,50601,standard,std,\n",
    )
    .expect_err("invalid");
    assert!(e[0].message_en.contains("no 项 level"));
    let e = parse_codes(
        CodeKind::Function,
        "code,level,name,parent,status,source,aliases\n",
    )
    .expect_err("invalid");
    assert!(e
        .iter()
        .any(|e| e.message_en.contains("unknown header column \"status\"")));
}

#[test]
fn shipped_columns_in_any_order_and_quoted() {
    let ok = parse_codes(
        CodeKind::EconomicGovernment,
        "aliases,source,provenance,parent,name,level,code\r\n\
         ,std,standard,,对事业单位资本性补助,类,506\r\n\
         \"资本性支出|资本性支出(一)\",\"seed, 表六\",observed,506,资本性支出（一）,款,50601\r\n",
    )
    .expect("valid");
    assert_eq!(ok.len(), 2);
    assert_eq!(ok[1].aliases, ["资本性支出", "资本性支出(一)"]);
    assert_eq!(ok[1].source, "seed, 表六");
    assert_eq!(ok[1].line, 3);
}

#[test]
fn a_bad_old_name_is_reported() {
    let current = |k: CodeKind, code: &str| {
        (k == CodeKind::Function && code == "210").then(|| "卫生健康支出".to_string())
    };
    let text = "kind,code,old_name,until,source\n\
                function,210,医疗卫生与计划生育支出,2018,std\n\
                function,211,环境保护支出,2010,std\n\
                function,210,卫生健康支出,2018,std\n\
                function,210,医疗卫生支出,18,std\n\
                功能,210,医疗支出,2010,std\n\
                function,210,医疗卫生与计划生育支出,2018,std\n\
                function,210,x,2000,\n";
    let e = parse_renamed(text, &current).expect_err("invalid");
    let lines: Vec<usize> = e.iter().map(|e| e.line).collect();
    assert_eq!(lines, [3, 4, 5, 6, 7, 8], "{e:?}");
    assert!(e[0].message_en.contains("not in the catalog files"));
    assert!(e[1].message_en.contains("current name"));
    assert!(e[2].message_en.contains("edition year"));
    assert!(e[3].message_en.contains("invalid kind"));
    assert!(e[4].message_en.contains("twice"));
    assert!(e[5].message_en.contains("empty"));
}

#[test]
fn user_csv_adds_and_overrides() {
    let mut c = Catalog::builtin();
    let before = c.len();
    let text = "kind,code,name,aliases\n\
                function,2010398,试点项目,\n\
                economic-department,30201,办公经费,办公费|日常办公费\n";
    assert_eq!(c.extend_from_user_csv(text).expect("valid"), 2);
    assert_eq!(c.len(), before + 1);
    let e = c.get(CodeKind::Function, "2010398").expect("added");
    assert_eq!(e.level, Level::Xiang);
    assert_eq!(e.parent.as_deref(), Some("20103"));
    assert_eq!(e.provenance, Provenance::User);
    let e = c.get(CodeKind::EconomicDepartment, "30201").expect("known");
    assert_eq!(e.name, "办公经费");
    assert!(Catalog::name_matches(e, "日常办公费"));
    // the built-in catalog is not changed by a clone's extension
    assert_eq!(
        Catalog::builtin()
            .get(CodeKind::EconomicDepartment, "30201")
            .map(|e| e.name.as_str()),
        Some("办公费")
    );
}

#[test]
fn user_csv_chinese_kinds_any_column_order() {
    let mut c = Catalog::default();
    let text = "\u{feff}name,level,code,kind,parent\r\n\
                商贸事务,款,20113,功能分类,201\r\n\
                \r\n\
                \"工资福利支出\",类,301,部门经济分类,\r\n\
                设备购置,款,50306,政府经济分类,503,,\r\n";
    assert_eq!(c.extend_from_user_csv(text).expect("valid"), 3);
    assert_eq!(c.len(), 3);
    assert_eq!(
        c.get(CodeKind::EconomicDepartment, "301")
            .map(|e| e.name.as_str()),
        Some("工资福利支出")
    );
    assert_eq!(
        c.get(CodeKind::EconomicGovernment, "50306")
            .map(|e| e.level),
        Some(Level::Kuan)
    );
}

#[test]
fn user_csv_bad_rows_reported_with_line_numbers() {
    let mut c = Catalog::builtin();
    let before = c.len();
    let text = "kind,code,name,level,parent\n\
                function,2010398,试点,项,20103\n\
                function,20a01,坏编码,,\n\
                功能分类,2011,四位,,\n\
                function,2010304,层级不符,款,\n\
                function,2010305,上级错误,项,20104\n\
                function,2010306,缺列\n\
                经济分类,30201,办公费,,\n\
                \n\
                economic-government,5060101,太长,,\n\
                function,2010398,重复,项,20103\n\
                function,2010307,非直接上级,项,201\n\
                economic-department,302,商品和服务支出,,\n\
                economic-department,30201,,款,302\n\
                function,202,\"外交\n";
    let errors = c.extend_from_user_csv(text).expect_err("invalid");
    let lines: Vec<usize> = errors.iter().map(|e| e.line).collect();
    assert_eq!(lines, [3, 4, 5, 6, 7, 8, 10, 11, 12, 14, 15], "{errors:?}");
    assert!(errors[0].message_en.contains("not a digit"));
    assert!(errors[1].message_en.contains("4 digits"));
    assert!(errors[2].message_en.contains("does not match level"));
    assert!(errors[3].message_en.contains("not a prefix"));
    assert!(errors[3].message_zh.contains("前缀"));
    assert!(errors[4].message_en.contains("3 columns"));
    assert!(errors[5].message_en.contains("invalid kind"));
    assert!(errors[7].message_en.contains("duplicate"));
    assert!(errors[7].message_en.contains("line 2"));
    assert!(errors[8].message_en.contains("immediate parent"));
    assert!(errors[9].message_en.contains("no name"));
    assert!(errors[10].message_en.contains("line break"));
    assert!(errors[0].to_string().starts_with("第3行："));
    // all or nothing: the valid row on line 2 was not applied
    assert_eq!(c.len(), before);
    assert!(c.get(CodeKind::Function, "2010398").is_none());
}

#[test]
fn user_csv_header_errors() {
    let mut c = Catalog::default();
    let e = c.extend_from_user_csv("").expect_err("invalid");
    assert_eq!(e[0].line, 1);
    let e = c
        .extend_from_user_csv("\n\nkind,code\nfunction,201\n")
        .expect_err("invalid");
    assert_eq!(e.len(), 1);
    assert_eq!(e[0].line, 3);
    assert!(e[0].message_en.contains("\"name\""));
    let e = c
        .extend_from_user_csv("kind,code,name,alias\n")
        .expect_err("invalid");
    assert!(e[0].message_en.contains("unknown header column \"alias\""));
    let e = c
        .extend_from_user_csv("kind,code,name,code\n")
        .expect_err("invalid");
    assert!(e[0].message_en.contains("twice"));
    assert_eq!(
        c.extend_from_user_csv("KIND,Code,name,\n").expect("valid"),
        0
    );
    assert!(c.is_empty());
}
