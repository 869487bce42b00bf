//! pest's call budget (`syntax::PEST_CALL_LIMIT`): no statement may run the
//! parser away. The budget is process-wide, so this test has a binary of its
//! own: it lowers the budget, checks that a statement exceeding it is an L003
//! error that costs only itself, and puts it back.

use budget::{check_source, syntax, Options};
use std::num::NonZeroUsize;

#[test]
fn a_statement_over_the_parser_budget_is_l003_and_costs_only_itself() {
    let opts = Options::default();
    // the budget is installed by the first parse
    let _ = syntax::parse("年度 2024\n");
    // A clean statement never reaches pest (`syntax::fast` parses it, also in
    // the recovery); the broken last line of the block sends this one to pest.
    let long_block = format!("其他说明 {{\n{}  坏 ≥\n}}\n", "  x \"y\"\n".repeat(2_000));
    let src = format!("年度 2024\n{long_block}部门 甲\n");
    // at the real budget: no complaint
    assert!(!check_source(&src, &opts)
        .diagnostics
        .iter()
        .any(|d| d.code == "L003"));
    pest::set_call_limit(NonZeroUsize::new(20_000));
    let c = check_source(&src, &opts);
    pest::set_call_limit(NonZeroUsize::new(syntax::PEST_CALL_LIMIT));
    let l3: Vec<_> = c.diagnostics.iter().filter(|d| d.code == "L003").collect();
    assert_eq!(
        l3.len(),
        1,
        "{:?}",
        c.diagnostics
            .iter()
            .map(|d| d.code.as_str())
            .collect::<Vec<_>>()
    );
    assert_eq!(&src[l3[0].span.start..l3[0].span.end], "其");
    assert!(l3[0].message.en.contains("too complex"));
    // the statements around it were parsed
    assert_eq!(c.budget.year, 2024);
    assert_eq!(c.budget.department.text, "甲");
}
