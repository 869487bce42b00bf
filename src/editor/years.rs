//! The editor and last year's file (`上年 文件 "…"`): its diagnostics,
//! published for it; go to definition from the file name and from a 上年
//! figure into it; the hover of the file name.

use super::{diagnostic_in, navigate, Analysis, EditorDiagnostic, LineIndex, Position, Range};
use crate::diagnostic::{Lang, Span};
use crate::files::LinkedFile;
use crate::model::{Budget, LastYearKey, Source};
use std::path::PathBuf;

/// A place in some file: `path` `None` is the analysed text itself.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Location {
    pub path: Option<PathBuf>,
    pub range: Range,
}

/// Each linked file with its own diagnostics (an empty list too, so that an
/// editor clears what it showed before), as an editor shows them.
pub fn linked_diagnostics(a: &Analysis, lang: Lang) -> Vec<(PathBuf, Vec<EditorDiagnostic>)> {
    a.checked
        .files
        .iter()
        .map(|f| {
            let index = LineIndex::new(&f.source);
            let shown = crate::acknowledge::split(&f.source, &f.checked.diagnostics).shown;
            let list = shown
                .iter()
                .map(|d| diagnostic_in(&f.source, &index, d, lang))
                .collect();
            (f.path.clone(), list)
        })
        .collect()
}

fn contains(span: Span, off: usize) -> bool {
    span.start <= off && off <= span.end && span != Span::default()
}

/// Last year's file, when it was read.
fn last_file(a: &Analysis) -> Option<&LinkedFile> {
    a.checked.file(a.checked.budget.last_year.linked?)
}

fn at(f: &LinkedFile, span: Span) -> Location {
    let index = LineIndex::new(&f.source);
    Location {
        path: Some(f.path.clone()),
        range: index.range(&f.source, span),
    }
}

/// Where last year's file states the figure a key of `上年` is.
fn place(lb: &Budget, key: &str) -> Span {
    let source = |s: Source| lb.income.spans.get(&s).copied();
    let span = match key {
        "财政拨款" | "一般公共预算当年支出" => source(Source::GeneralPublic),
        "政府性基金" => source(Source::GovernmentFund),
        "国有资本经营" => source(Source::StateCapital),
        "收入总计" => Some(lb.income.span),
        "支出总计" => Some(lb.expenditure.span),
        "机关运行经费" => Some(lb.admin_cost.span),
        _ => Some(lb.three_public.span),
    };
    span.unwrap_or(lb.income.span)
}

/// Go to definition across files: a unit's `文件 "…"` → the unit's file
/// ([`super::units`]); the `文件 "…"` string of `上年` → last year's
/// file; a figure of `上年` → where last year's file states it; a 项
/// line's `上年 X` → last year's line of the code. Anything else: the
/// definitions within the text ([`navigate::definition`]).
pub fn definition(a: &Analysis, pos: Position) -> Vec<Location> {
    let off = a.offset(pos);
    let here = |r: Range| Location {
        path: None,
        range: r,
    };
    if let Some(l) = super::units::definition(a, off) {
        return vec![l];
    }
    let Some(f) = last_file(a) else {
        return navigate::definition(a, pos).into_iter().map(here).collect();
    };
    let b = &a.checked.budget;
    let lb = &f.checked.budget;
    if b.last_year
        .file
        .as_ref()
        .is_some_and(|n| contains(n.span, off))
    {
        return vec![at(f, Span::new(0, 0))];
    }
    if contains(b.last_year.span, off) {
        if let Some((_, v)) = a.value_at(off) {
            let key = v.text();
            if LastYearKey::parse(&key).is_some() {
                return vec![at(f, place(lb, &key))];
            }
        }
    }
    for r in &b.expenditure.rows {
        if r.facts.last_year_span.is_some_and(|s| contains(s, off)) {
            if let Some(l) = lb.expenditure.rows.iter().find(|l| l.code == r.code) {
                return vec![at(f, l.span)];
            }
        }
    }
    navigate::definition(a, pos).into_iter().map(here).collect()
}

/// The hover of the `文件 "…"` string: which file, its year, department and
/// problems, and the figures taken from it.
pub fn hover(a: &Analysis, off: usize, lang: Lang) -> Option<(Span, Vec<String>)> {
    let b = &a.checked.budget;
    let name = b
        .last_year
        .file
        .as_ref()
        .filter(|n| contains(n.span, off))?;
    let t = |zh: String, en: String| if lang == Lang::Zh { zh } else { en };
    let Some(f) = last_file(a) else {
        let l = t(
            "**上年的文件**：未读取".into(),
            "**last year's file**: not read".into(),
        );
        return Some((name.span, vec![l]));
    };
    let lb = &f.checked.budget;
    let (e, w) = (f.checked.error_count(), f.checked.warning_count());
    let mut l = vec![
        t(
            format!("**上年的文件** `{}`", f.path.display()),
            format!("**last year's file** `{}`", f.path.display()),
        ),
        t(
            format!(
                "{} 年度 · {} · {e} 个错误，{w} 个警告",
                lb.year, lb.department.text
            ),
            format!(
                "{} · {} · {e} error(s), {w} warning(s)",
                lb.year, lb.department.text
            ),
        ),
    ];
    if !b.last_year.from_file.is_empty() {
        let keys: Vec<&str> = b.last_year.from_file.iter().map(|k| k.word()).collect();
        let keys = keys.join("、");
        l.push(t(
            format!("取自该文件：{keys}"),
            format!("taken from it: {keys}"),
        ));
    }
    Some((name.span, l))
}
