//! Hostile and malformed input: every case is a clear diagnostic or is
//! accepted — never a panic, never a hang.

use budget::diagnostic::Diagnostic;
use budget::{check_source, syntax, Options};
use proptest::prelude::*;

const SEED: &str = include_str!("../examples/jinzhong-chanyelian-2024.budget");

fn check_bytes(bytes: &[u8]) -> Vec<Diagnostic> {
    match syntax::decode(bytes) {
        Ok(text) => check_source(text, &Options::default()).diagnostics,
        Err(d) => vec![*d],
    }
}

fn codes(d: &[Diagnostic]) -> Vec<&'static str> {
    d.iter().map(|d| d.code.as_str()).collect()
}

#[test]
fn empty_file_names_each_missing_header() {
    let d = check_bytes(b"");
    assert_eq!(codes(&d), vec!["L008"; 4]);
    let msgs: Vec<&str> = d.iter().map(|d| d.message.zh.as_ref()).collect();
    for k in ["年度", "部门", "口径", "金额单位"] {
        assert!(msgs.iter().any(|m| m.contains(k)), "{k} in {msgs:?}");
    }
}

#[test]
fn invalid_utf8_says_where() {
    let mut bytes = "年度 2024\n部门 \"".as_bytes().to_vec();
    let at = bytes.len();
    bytes.extend([0xB2, 0xE2, b'"', b'\n']); // GBK bytes
    let d = check_bytes(&bytes);
    assert_eq!(codes(&d), vec!["L002"]);
    assert_eq!(d[0].span.start, at);
    assert!(d[0].message.zh.contains(&at.to_string()));
}

#[test]
fn binary_bytes_are_a_diagnostic() {
    let bytes: Vec<u8> = (0u8..=255).cycle().take(4096).collect();
    let d = check_bytes(&bytes);
    assert_eq!(codes(&d), vec!["L002"]);
    // valid UTF-8 but control characters
    let d = check_bytes("\u{0}\u{1}\u{2} \u{7f}\n".as_bytes());
    assert!(d.iter().any(|d| d.is_error()));
}

#[test]
fn bom_and_crlf_check_like_the_original() {
    let base = check_source(SEED, &Options::default());
    let crlf = SEED.replace('\n', "\r\n");
    let with_bom = format!("\u{FEFF}{crlf}");
    let other = check_source(&with_bom, &Options::default());
    assert_eq!(codes(&base.diagnostics), codes(&other.diagnostics));
    assert_eq!(
        base.budget.derived.income_total,
        other.budget.derived.income_total
    );
    // spans still point at the same text
    for (a, b) in base.diagnostics.iter().zip(&other.diagnostics) {
        assert_eq!(
            &SEED[a.span.start..a.span.end],
            &with_bom[b.span.start..b.span.end]
        );
    }
}

#[test]
fn full_width_digits_get_the_ascii_fix() {
    let src = "年度 2024\n部门 甲\n口径 山西县级\n金额单位 万元\n单位 甲 { 类型 行政 }\n收入 {\n  一般公共预算 １２.８４\n}\n";
    let d = check_source(src, &Options::default()).diagnostics;
    let l4: Vec<&Diagnostic> = d.iter().filter(|d| d.code == "L004").collect();
    assert_eq!(l4.len(), 1, "{d:?}");
    assert_eq!(&src[l4[0].span.start..l4[0].span.end], "１２.８４");
    assert!(l4[0]
        .help
        .as_ref()
        .map(|h| h.zh.contains("12.84"))
        .unwrap_or(false));
}

#[test]
fn full_width_punctuation_in_statements_is_reported() {
    // a full-width semicolon and braces are not separators: the author is told
    let src = "年度 2024；部门 甲\n";
    let d = check_source(src, &Options::default()).diagnostics;
    assert!(d.iter().any(|d| d.is_error()));
}

#[test]
fn an_amount_of_ten_to_the_forty_is_out_of_range() {
    let src = format!(
        "年度 2024\n部门 甲\n口径 山西县级\n金额单位 万元\n单位 甲 {{ 类型 行政 }}\n收入 {{\n  一般公共预算 1{}\n}}\n",
        "0".repeat(40)
    );
    let d = check_source(&src, &Options::default()).diagnostics;
    assert!(codes(&d).contains(&"L009"), "{d:?}");
}

#[test]
fn a_hundred_thousand_nested_blocks_are_refused() {
    let src = format!(
        "a {}\n{}\n年度 2024\n",
        "{\n".repeat(100_000),
        "}\n".repeat(100_000)
    );
    let d = check_source(&src, &Options::default()).diagnostics;
    assert!(codes(&d).contains(&"L003"), "{:?}", codes(&d));
}

#[test]
fn a_fifty_megabyte_file_is_refused_at_once() {
    let line = "# 注释 comment line to make the file large\n";
    let src = line.repeat(50 * 1024 * 1024 / line.len() + 1);
    assert!(src.len() > 50 * 1024 * 1024);
    let d = check_source(&src, &Options::default()).diagnostics;
    assert_eq!(codes(&d), vec!["L003"]);
}

#[test]
fn unclosed_string_is_one_error() {
    let src = "年度 2024\n部门 \"甲\n口径 山西县级\n";
    let d = check_source(src, &Options::default()).diagnostics;
    assert!(d.iter().any(|d| d.code == "L001"), "{d:?}");
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn arbitrary_text_never_panics(s in "\\PC{0,400}") {
        let _ = check_source(&s, &Options::default());
    }

    #[test]
    fn budget_shaped_text_never_panics(
        lines in proptest::collection::vec(
            "(年度|部门|收入|支出|基本支出|项目|单位|绩效指标|产出指标|合计|基本|项目|一般公共预算|\\{|\\}|;|\"|#|≥|[0-9]{1,9}(\\.[0-9]{1,3})?(万元|元|%)?|[ \\t]|\n){0,12}",
            0..40,
        )
    ) {
        let s: String = lines.concat();
        let _ = check_source(&s, &Options::default());
    }

    /// The narrative's readers (claims, implied last-year figures, unit
    /// counts, equipment thresholds, years, names) on sentences made of
    /// their own words and of numbers of every size.
    #[test]
    fn narrative_shaped_text_never_panics(
        words in proptest::collection::vec(
            "(财政拨款收入|支出预算|收入预算|比2024年预算|与上年|增加|减少|持平|下降|增长|“三公”经费|公务用车购置费|公务接待费|购置车辆|其中：|其他用车|辆|家|个|下属|家机关和|参公事业单位|事业单位|行政单位|参公单位|具体包括：|\n1\\. |\n2、|本部以及下属|机关运行经费|单价|价值|万元|元|（含）以上|以上|无部门预算|2025年|占|%|。|，|；|[0-9]{1,30}(\\.[0-9]{1,30})?)",
            0..60,
        )
    ) {
        let mut text: String = words.concat().replace('"', "");
        // (an amount too large for any budget, where each reader looks)
        text.push_str("单价80000000000000000000000000万元以上，购置车辆99999999999999999999999辆，增加8000000000000000000000000万元");
        let src = format!(
            "年度 2025\n部门 \"甲乙丙丁戊己部门\"\n口径 上海区级\n金额单位 元\n单位 \"甲乙丙丁戊己部门\" {{ 类型 行政 }}\n收入 {{ 一般公共预算 100 }}\n支出 {{ 2010301 行政运行 基本 100 }}\n机构设置 \"{text}\"\n原文 {{ \"说明\" \"{text}\" }}\n"
        );
        let checked = check_source(&src, &Options::default());
        for d in &checked.diagnostics {
            prop_assert!(d.span.end <= src.len() && d.span.start <= d.span.end, "{d:?}");
        }
    }

    #[test]
    fn mutated_seed_never_panics(cut in 0usize..40_000, junk in "[\\{\\}\"#;a-z0-9 一般\n]{0,8}") {
        let at = budget::diagnostic::floor_char_boundary(SEED, cut.min(SEED.len()));
        let s = format!("{}{}{}", &SEED[..at], junk, &SEED[at..]);
        let _ = check_source(&s, &Options::default());
    }
}
