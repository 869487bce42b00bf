//! The editor and a department's units' own files (`单位 "…" { 文件 "…" }`):
//! go to definition from the file name into the unit's file, and the hover
//! of the name (which file, its unit, its problems). Their diagnostics are
//! published for them with every linked file's
//! ([`super::years::linked_diagnostics`]).

use super::years::Location;
use super::{Analysis, LineIndex};
use crate::diagnostic::{Lang, Span};
use crate::files::LinkedFile;
use crate::model::Unit;

fn contains(span: Span, off: usize) -> bool {
    span.start <= off && off <= span.end && span != Span::default()
}

/// The unit whose `文件 "…"` string is at `off`, and its file when read.
fn at_name(a: &Analysis, off: usize) -> Option<(&Unit, Span, Option<&LinkedFile>)> {
    let u = a
        .checked
        .budget
        .units
        .iter()
        .find(|u| u.file.as_ref().is_some_and(|f| contains(f.span, off)))?;
    let span = u.file.as_ref().map(|f| f.span)?;
    Some((u, span, u.linked.and_then(|id| a.checked.file(id))))
}

/// The unit's file, from its name in the declaration.
pub fn definition(a: &Analysis, off: usize) -> Option<Location> {
    let (_, _, f) = at_name(a, off)?;
    let f = f?;
    let index = LineIndex::new(&f.source);
    Some(Location {
        path: Some(f.path.clone()),
        range: index.range(&f.source, Span::new(0, 0)),
    })
}

/// The hover of a unit's `文件 "…"`: the file, its unit and its problems.
pub fn hover(a: &Analysis, off: usize, lang: Lang) -> Option<(Span, Vec<String>)> {
    let (u, span, f) = at_name(a, off)?;
    let t = |zh: String, en: String| if lang == Lang::Zh { zh } else { en };
    let name = &u.name.text;
    let Some(f) = f else {
        let l = t(
            format!("**单位“{name}”的文件**：未读取，或不是它的单位预算"),
            format!("**the unit `{name}`'s file**: not read, or not its own document"),
        );
        return Some((span, vec![l]));
    };
    let (e, w) = (f.checked.error_count(), f.checked.warning_count());
    let ub = &f.checked.budget;
    Some((
        span,
        vec![
            t(
                format!("**单位“{name}”的单位预算** `{}`", f.path.display()),
                format!(
                    "**the unit `{name}`'s own document** `{}`",
                    f.path.display()
                ),
            ),
            t(
                format!(
                    "{} 年度 · {} · {e} 个错误，{w} 个警告",
                    ub.year, ub.department.text
                ),
                format!(
                    "{} · {} · {e} error(s), {w} warning(s)",
                    ub.year, ub.department.text
                ),
            ),
        ],
    ))
}
