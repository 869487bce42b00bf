//! N20: the note of an empty table as the document prints it (`排版 { 表 6 {
//! 空表说明 "…" } }`, which `budget import` writes for every empty table of a
//! published document): an empty table of the profile's that carries no note,
//! or a note that names another budget than the table's (表7's note copied
//! from 表6: “无政府性基金预算…” under the 国有资本经营预算 table).

use crate::diagnostic::Code;
use crate::diagnostic::{Diagnostic, Text};
use crate::model::{Budget, Money, Source};
use crate::t;

/// The budgets a table of function expenditure shows, by the name its note
/// gives it.
const BUDGETS: &[(Source, &str)] = &[
    (Source::GeneralPublic, "一般公共预算"),
    (Source::GovernmentFund, "政府性基金"),
    (Source::StateCapital, "国有资本经营"),
];

pub fn check(b: &Budget, diags: &mut Vec<Diagnostic>) {
    let tables = crate::profiles::of(b)
        .map(|p| p.tables())
        .unwrap_or_default();
    for t in &b.print.tables {
        let (Some(note), Some(span)) = (&t.style.empty_note, t.note_span) else {
            continue;
        };
        let Some(def) = tables.iter().find(|d| d.id == t.table) else {
            continue;
        };
        let Some(source) = def.source else { continue };
        let Some(own) = BUDGETS.iter().find(|(s, _)| *s == source).map(|(_, n)| *n) else {
            continue;
        };
        let e = &b.derived.expenditure;
        let spent = |m: &std::collections::BTreeMap<Source, Money>| {
            m.get(&source).copied().unwrap_or_default()
        };
        if !(spent(&e.current_by_source) + spent(&e.carryover_by_source)).is_zero() {
            continue; // a table with data: its note is not printed
        }
        let id = &t.table;
        if note.trim().is_empty() {
            if def.empty_note.is_some() {
                diags.push(
                    Diagnostic::warning(
                        Code::N20,
                        span,
                        t!(
                            "表{id}（{own}预算）没有数据，却没有空表说明",
                            "table {id} ({own}) has no data but no note saying so"
                        ),
                    )
                    .label(Text::new("空表没有说明", "an empty table without its note"))
                    .help(t!(
                        "空表应注明原因，例如“注:本单位无{own}预算财政拨款安排的预算，故本表为空表。”",
                        "an empty table says why, e.g. “注:本单位无{own}预算财政拨款安排的预算，故本表为空表。”"
                    )),
                );
            }
            continue;
        }
        let other = BUDGETS
            .iter()
            .filter(|(s, _)| *s != source)
            .find(|(_, n)| note.contains(n))
            .map(|(_, n)| *n);
        if let (Some(other), false) = (other, note.contains(own)) {
            diags.push(
                Diagnostic::warning(
                    Code::N20,
                    span,
                    t!(
                        "表{id}是{own}预算的表，它的空表说明却说的是{other}预算",
                        "table {id} is the {own} table, but its note speaks of {other}"
                    ),
                )
                .label(t!("说的是{other}", "speaks of {other}"))
                .help(t!(
                    "把说明中的“{other}”改为“{own}”（多是从另一张表复制的说明）",
                    "write {own} for {other} in the note (usually copied from the other table)"
                ))
                .fix(span, crate::syntax::write_text(&note.replace(other, own))),
            );
        }
    }
}
