//! The shipped catalog as Rust data: `build.rs` validates `catalog/*.csv`
//! (see `shipped.rs`) and writes these tables, so a bad shipped file fails
//! the build and nothing is parsed at run time.

use super::codes::{CodeKind, Level, Provenance};

/// One shipped code row.
pub struct Row {
    pub code: &'static str,
    pub level: Level,
    pub name: &'static str,
    pub parent: Option<&'static str>,
    pub provenance: Provenance,
    pub source: &'static str,
    pub aliases: &'static [&'static str],
}

/// One shipped old name.
pub struct Renamed {
    pub kind: CodeKind,
    pub code: &'static str,
    pub old_name: &'static str,
    pub until: u16,
    pub source: &'static str,
}

include!(concat!(env!("OUT_DIR"), "/catalog.rs"));

/// The rows of `kind`, in file order.
pub fn rows(kind: CodeKind) -> &'static [Row] {
    match kind {
        CodeKind::Function => FUNCTION,
        CodeKind::EconomicDepartment => ECONOMIC_DEPARTMENT,
        CodeKind::EconomicGovernment => ECONOMIC_GOVERNMENT,
    }
}
