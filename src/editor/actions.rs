//! Code actions: the checker's fixes as quick fixes.
//!
//! * a stated total that misses its parts → write the computed sum;
//! * a name that is not the catalog's for its code → the catalog name;
//! * a missing required statement (年度, 部门, 口径, 金额单位, 单位) → insert it;
//!
//! * every other fix the checker attaches (a keyword, a full-width
//!   character, a unit, a close code, a closing quote or brace);
//!
//! and, when a text has more than one fix of an error, one action that
//! applies them all (warnings' fixes are never applied in bulk).

use super::{editor_diagnostic, tr, Analysis, EditorDiagnostic, Range, TextEdit};
use crate::diagnostic::Code;
use crate::diagnostic::{Diagnostic, Lang, Span};
use serde::Serialize;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum ActionKind {
    /// `quickfix`: one diagnostic's fix.
    QuickFix,
    /// `source.fixAll`: every fix of the text.
    FixAll,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CodeAction {
    pub title: String,
    pub kind: ActionKind,
    /// The diagnostic it resolves (quick fixes).
    pub diagnostic: Option<EditorDiagnostic>,
    pub edits: Vec<TextEdit>,
    pub preferred: bool,
}

fn title(d: &Diagnostic, lang: Lang) -> String {
    let Some(f) = &d.fix else {
        return String::new();
    };
    let first = f.replacement.lines().next().unwrap_or("").trim();
    if f.span.is_empty() {
        return tr(lang, format!("插入“{first}”"), format!("Insert `{first}`"));
    }
    if f.replacement.is_empty() {
        return match d.code {
            Code::L016 => tr(lang, "删除全角空格", "Delete the full-width space"),
            _ => tr(lang, "删除多余的内容", "Delete the extra text"),
        };
    }
    match d.code {
        Code::S1c | Code::S2c | Code::S2f => tr(
            lang,
            format!("改为目录名称“{first}”"),
            format!("Use the catalog name `{first}`"),
        ),
        c if c.as_str().starts_with('R') => tr(
            lang,
            format!("把声明值改为明细合计 {first}"),
            format!("Set the stated total to the computed {first}"),
        ),
        _ => tr(
            lang,
            format!("改为“{first}”"),
            format!("Change to `{first}`"),
        ),
    }
}

fn overlaps(a: Span, b: Span) -> bool {
    a.start <= b.end && b.start <= a.end
}

/// The actions for the diagnostics that touch `range`.
pub fn code_actions(a: &Analysis, range: Range, lang: Lang) -> Vec<CodeAction> {
    let want = a.index.span(&a.text, range);
    let fixable: Vec<&Diagnostic> = a
        .checked
        .diagnostics
        .iter()
        .filter(|d| d.fix.is_some())
        .collect();
    let mut out: Vec<CodeAction> = Vec::new();
    for d in &fixable {
        let Some(f) = &d.fix else { continue };
        if !overlaps(d.span, want) && !overlaps(f.span, want) {
            continue;
        }
        let ed = editor_diagnostic(a, d, lang);
        let Some(edit) = ed.fix.clone() else { continue };
        out.push(CodeAction {
            title: title(d, lang),
            kind: ActionKind::QuickFix,
            diagnostic: Some(ed),
            edits: vec![edit],
            preferred: true,
        });
    }
    // "Fix all" applies the fixes of errors only: a warning's fix is a
    // suggestion to weigh (R8's residuals are right as printed: their help
    // says to leave them), never applied in bulk.
    let errors: Vec<&&Diagnostic> = fixable.iter().filter(|d| d.is_error()).collect();
    if errors.len() > 1 {
        // Every fix whose range does not overlap an earlier one, in order.
        let mut spans: Vec<(Span, String)> = Vec::new();
        for d in &errors {
            let Some(f) = &d.fix else { continue };
            let clash = spans.iter().any(|(s, _)| {
                (s.start < f.span.end && f.span.start < s.end) || (*s == f.span && !s.is_empty())
            });
            if !clash
                && !spans
                    .iter()
                    .any(|(s, r)| *s == f.span && *r == f.replacement)
            {
                spans.push((f.span, f.replacement.clone()));
            }
        }
        spans.sort_by_key(|(s, _)| (s.start, s.end));
        out.push(CodeAction {
            title: tr(
                lang,
                format!("修正全部可自动修正的问题（{} 处）", spans.len()),
                format!("Fix all auto-fixable problems ({})", spans.len()),
            ),
            kind: ActionKind::FixAll,
            diagnostic: None,
            edits: spans
                .into_iter()
                .map(|(s, r)| TextEdit {
                    range: a.range(s),
                    new_text: r,
                })
                .collect(),
            preferred: false,
        });
    }
    out
}
