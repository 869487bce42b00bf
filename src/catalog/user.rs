//! A user's catalog file (`budget check --catalog FILE`), read with the `csv`
//! crate: header `kind,code,name` required, `level,parent,aliases` optional,
//! columns in any order.

use super::codes::{CatalogError, CodeKind, Provenance};
use super::rows::{self, ColSpec, RowCode};
use super::Entry;
use std::collections::HashMap;

/// kind, code, name (required), level, parent, aliases (optional).
const USER_COLUMNS: [ColSpec; 6] = [
    ColSpec {
        name: "kind",
        required: true,
    },
    ColSpec {
        name: "code",
        required: true,
    },
    ColSpec {
        name: "name",
        required: true,
    },
    ColSpec {
        name: "level",
        required: false,
    },
    ColSpec {
        name: "parent",
        required: false,
    },
    ColSpec {
        name: "aliases",
        required: false,
    },
];

/// The entries of a user file, every row checked; nothing is returned unless
/// every row is right.
pub fn parse(text: &str) -> Result<Vec<Entry>, Vec<CatalogError>> {
    let mut errors = Vec::new();
    let recs = rows::records(text, &mut errors);
    let h = match rows::header(recs.first(), &USER_COLUMNS) {
        Ok(h) => h,
        Err(mut e) => {
            errors.append(&mut e);
            return Err(errors);
        }
    };
    let mut entries = Vec::new();
    let mut first_line: HashMap<(CodeKind, String), usize> = HashMap::new();
    for rec in recs.iter().skip(1) {
        let Some(fields) = rows::fit(rec, &h, &mut errors) else {
            continue;
        };
        let field = |i: usize| h.col(i).map(|c| fields.get(c).map_or("", |s| s.as_str()));
        let Some(e) = entry(rec.line, &field, &mut errors) else {
            continue;
        };
        let key = (e.kind, e.code.clone());
        if let Some(&first) = first_line.get(&key) {
            errors.push(rows::duplicate(rec.line, e.kind, &e.code, first));
            continue;
        }
        first_line.insert(key, rec.line);
        entries.push(e);
    }
    if errors.is_empty() {
        Ok(entries)
    } else {
        errors.sort_by_key(|e| e.line);
        Err(errors)
    }
}

fn entry<'a>(
    line: usize,
    field: &dyn Fn(usize) -> Option<&'a str>,
    errors: &mut Vec<CatalogError>,
) -> Option<Entry> {
    let kind_text = field(0).unwrap_or("");
    let Some(kind) = CodeKind::parse(kind_text) else {
        errors.push(CatalogError::new(
            line,
            format!(
                "分类“{kind_text}”无效，应为 功能分类、部门经济分类、政府经济分类 \
                 (或 function、economic-department、economic-government)"
            ),
            format!(
                "invalid kind \"{kind_text}\"; expected function, economic-department \
                 or economic-government (or 功能分类, 部门经济分类, 政府经济分类)"
            ),
        ));
        return None;
    };
    let row = RowCode {
        code: field(1).unwrap_or(""),
        name: field(2).unwrap_or(""),
        level: field(3),
        parent: field(4),
    };
    let c = rows::check_code(kind, line, &row, false, errors)?;
    Some(Entry {
        kind,
        code: c.code,
        level: c.level,
        name: row.name.to_string(),
        parent: c.parent,
        provenance: Provenance::User,
        source: String::new(),
        aliases: field(5).map(rows::split_list).unwrap_or_default(),
        old_names: Vec::new(),
    })
}
