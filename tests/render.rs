//! The laid-out document (format-independent): tables, notes, narrative figures.

use budget::render::document::{Block, Document, Table};
use budget::{check_source, Options};

const SEED: &str = include_str!("../examples/jinzhong-chanyelian-2024.budget");
const SHANGHAI: &str = include_str!("../examples/shanghai-putuo-wanli-2024.budget");

fn document(src: &str) -> Document {
    let opts = Options::default();
    let checked = check_source(src, &opts);
    assert!(!checked.has_errors());
    budget::render::build(&checked.budget, &opts.catalog, false).expect("document")
}

fn tables(doc: &Document) -> Vec<&Table> {
    doc.parts
        .iter()
        .flat_map(|p| &p.sections)
        .flat_map(|s| &s.blocks)
        .filter_map(|b| match b {
            Block::Table(t) => Some(t),
            _ => None,
        })
        .collect()
}

fn paragraphs(doc: &Document) -> String {
    doc.parts
        .iter()
        .flat_map(|p| &p.sections)
        .flat_map(|s| &s.blocks)
        .filter_map(|b| match b {
            Block::Paragraph { text } => Some(text.as_str()),
            _ => None,
        })
        .collect::<Vec<_>>()
        .join("\n")
}

fn row_texts(t: &Table) -> Vec<Vec<String>> {
    t.rows
        .iter()
        .map(|r| r.cells.iter().map(|c| c.text.clone()).collect())
        .collect()
}

#[test]
fn the_seed_has_its_thirteen_labelled_tables() {
    let doc = document(SEED);
    let labelled: Vec<&Table> = tables(&doc)
        .into_iter()
        .filter(|t| !t.label.is_empty())
        .collect();
    assert_eq!(labelled.len(), 13);
    for (i, t) in labelled.iter().enumerate() {
        assert_eq!(t.label, format!("预算公开表{}", i + 1));
        assert!(t.meta.iter().any(|m| m == "单位：万元"), "{:?}", t.meta);
    }
    assert_eq!(labelled[0].title, "2024年预算收支总表");
}

#[test]
fn the_income_and_expenditure_table_lists_all_thirty_classes() {
    let doc = document(SEED);
    let t1 = tables(&doc)[0].clone();
    let rows = row_texts(&t1);
    // 30 类 rows + 3 footer rows
    assert_eq!(rows.len(), 33);
    assert_eq!(rows[14][2], "十五、资源勘探工业信息等支出");
    // the seed's tables print no thousands separator (profile convention)
    assert_eq!(rows[14][3], "1300.00");
    assert_eq!(rows[29][2], "三十、抗疫特别国债安排的支出");
    assert_eq!(
        rows[32],
        vec!["收入总计", "1329.84", "支出总计", "1329.84", "1329.84", ""]
    );
}

#[test]
fn a_rounding_residual_shows_the_stated_total() {
    // 表六: the items add to 11.85 but the exact total (and the printed one) is 11.84
    let doc = document(SEED);
    let t6 = tables(&doc)[5].clone();
    let rows = row_texts(&t6);
    assert_eq!(rows[0], vec!["合计", "", "12.84", "", "12.84"]);
    assert_eq!(rows[1], vec!["商品和服务支出", "", "11.84", "", "11.84"]);
    assert!(rows.contains(&vec![
        "工会经费".to_string(),
        "商品和服务支出".into(),
        "5.54".into(),
        "".into(),
        "5.54".into()
    ]));
}

#[test]
fn empty_tables_carry_the_note_and_full_ones_do_not() {
    let doc = document(SEED);
    let t = tables(&doc);
    let empty: Vec<&str> = t
        .iter()
        .filter(|t| t.note.is_some())
        .map(|t| t.label.as_str())
        .collect();
    assert_eq!(
        empty,
        vec![
            "预算公开表7",
            "预算公开表8",
            "预算公开表9",
            "预算公开表11",
            "预算公开表13"
        ]
    );
    assert!(t
        .iter()
        .filter(|t| t.note.is_some())
        .all(|t| t.note.as_deref() == Some("注：本表无数据")));
}

#[test]
fn project_tables_list_the_department_then_its_unit_then_projects() {
    let doc = document(SEED);
    let t12 = tables(&doc)[11].clone();
    let rows = row_texts(&t12);
    assert_eq!(rows.len(), 7);
    assert_eq!(
        rows[0][0],
        "山西转型综合改革示范区晋中开发区产业链发展促进部"
    );
    assert_eq!(rows[0][1], "1317.00");
    assert_eq!(rows[1][0], rows[0][0]);
    assert_eq!(
        rows[2][0],
        "中小企业发展专项转移支付——“支持开发区建设中小企业园”项目"
    );
    assert_eq!(
        t12.header[2]
            .iter()
            .map(|c| c.text.as_str())
            .collect::<Vec<_>>(),
        vec!["1", "2", "3", "4", "5", "6", "7"]
    );
}

#[test]
fn the_narrative_figures_are_computed() {
    let text = paragraphs(&document(SEED));
    for s in [
        "预算收入总计1,329.84万元",
        "基本支出12.84万元，占0.97%",
        "项目支出1317万元，占99.03%",
        "一般公共服务支出29.84万元，占2.24%",
        "资源勘探工业信息等支出1,300.00万元，占97.76%",
        "政府采购预算总额4.10万元",
        "公开项目绩效目标4个，涉及项目金额1,017.00万元，占部门（单位）项目支出总额的77.22%",
        "本部门无机关运行经费",
        // the items in the order the file lists them (公用经费列举)
        "公用经费12.84万元，主要包括：办公费、邮电费、办公设备购置、福利费、公务接待费、其他交通费用、工会经费等",
        "比上年增加1329.84万元，主要原因是我部门为2023年新成立部门，2023年无部门预算",
    ] {
        assert!(text.contains(s), "missing: {s}");
    }
    assert!(!text.contains("78.23%"));
    // without the list: every 款 with 公用经费, in code order
    let list =
        "  公用经费列举 办公费 邮电费 办公设备购置 福利费 公务接待费 其他交通费用 工会经费\n";
    assert!(SEED.contains(list));
    let text = paragraphs(&document(&SEED.replace(list, "")));
    assert!(
        text.contains("公用经费12.84万元，主要包括：办公费、邮电费、公务接待费、工会经费、福利费、其他交通费用、办公设备购置等"),
        "{text}"
    );
}

#[test]
fn the_shanghai_profile_lays_out_its_nine_tables_in_yuan() {
    let doc = document(SHANGHAI);
    let t: Vec<&Table> = tables(&doc);
    assert_eq!(t.len(), 9);
    assert_eq!(t[0].label, "表1");
    let t2 = row_texts(t[1]);
    assert_eq!(t2.last().map(|r| r[3].as_str()), Some("合计"));
    assert_eq!(t2.last().map(|r| r[4].as_str()), Some("156,211,123"));
    assert_eq!(t2[1][..5], ["201", "05", "", "统计信息事务", "257,700"]);
    let t9 = row_texts(t[8]);
    assert_eq!(
        t9[0],
        // 表9 drops trailing zeros, as published (25, not 25.00)
        vec!["47.91", "0", "1.35", "46.56", "25", "21.56", "443.18"]
    );
    assert!(t[5]
        .note
        .as_deref()
        .unwrap_or("")
        .contains("无政府性基金预算"));
    let text = paragraphs(&doc);
    for s in [
        "财政拨款收入15621.11万元，比2023年预算减少876.75万元；",
        "财政拨款收入支出减少的主要原因是项目调整。",
        // a 项 line: 用途, 上年执行, the change computed, its reason
        "1. “一般公共服务支出（类）统计信息事务（款）专项普查活动（项）”25.77万元，主要用于专项普查活动。2023年当年预算执行数为60.13万元，2024年预算安排25.77万元，比2023年预算执行数减少57.14%。主要原因是：项目调整。",
        // unchanged: 持平, with the percentage from the printed figures elsewhere
        "比2023年预算执行数持平。主要原因是：科普活动经费保持不变。",
        "公务用车购置费25万元，比2023年预算增加25万元，主要原因是购置公务用车；公务用车运行费21.56万元，比2023年预算持平",
        "下属1家机关和1家参公事业单位财政拨款的机关运行经费预算为443.18万元。",
        "部门预算安排购置单价100万元（含）以上设备（不含车辆）0台（套）。",
    ] {
        assert!(text.contains(s), "missing: {s}\n{text}");
    }
}

#[test]
fn chinese_numerals() {
    use budget::render::numbering::chinese_number as n;
    assert_eq!(
        [n(1), n(10), n(15), n(20), n(22), n(30)],
        ["一", "十", "十五", "二十", "二十二", "三十"]
    );
}
