//! Last year's file (`上年 文件 "…"`): read and checked through the
//! [`Linker`]; its figures become this year's 上年 figures.

use crate::check::Options;
use crate::diagnostic::Diagnostic;
use crate::files::Linker;
use crate::model::Budget;

/// Read and check the file `上年 文件` names (its problems are its own
/// diagnostics; a refusal is one at the name).
pub fn link(b: &mut Budget, options: &Options, linker: &mut Linker, diags: &mut Vec<Diagnostic>) {
    let Some(name) = b.last_year.file.clone() else {
        return;
    };
    match linker.check(linker.current(), &name.text, name.span, options) {
        Ok(id) => b.last_year.linked = Some(id),
        Err(d) => diags.push(*d),
    }
}
