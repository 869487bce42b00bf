//! Tables from a profile's table definitions (`templates/<profile>/tables.toml`).

use super::columns::{FONT_SIZE, MIN_FONT_SIZE};
use super::document::{Cell, Row, Table};
use super::figures::{self, source_by_key, DataRow};
use super::RenderError;
use crate::catalog::Catalog;
use crate::model::money::{DisplayUnit, Money};
use crate::model::print::{Brackets, NumberStyle, PrintStyle};
use crate::model::Budget;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

#[derive(Debug, Deserialize, Serialize)]
pub struct TableFile {
    #[serde(default)]
    pub defaults: Defaults,
    #[serde(default)]
    pub table: Vec<TableDef>,
    /// The words of the 绩效目标 grids.
    #[serde(default)]
    pub performance: super::grid_words::Grids,
}

#[derive(Debug, Deserialize, Serialize, Default)]
pub struct Defaults {
    #[serde(default)]
    pub meta: Vec<String>,
    /// Label format, `{}` is the table number (default `预算公开表{}`).
    #[serde(default)]
    pub label: Option<String>,
    /// The profile's print conventions: decimals, thousands, zero,
    /// empty_zero, trim_zeros, brackets, empty_note.
    #[serde(flatten)]
    pub style: PrintStyle,
    /// The PDF layout of the tables: orientation, font sizes.
    #[serde(flatten)]
    pub layout: Layout,
}

/// How a table is set in the PDF (`tables.toml`, in `[defaults]` or a
/// table): `orientation = "landscape"` sets the table on pages of its own
/// turned sideways (default `portrait`); `font_size` is its text size in pt
/// (default 8.5); a table wider than the page shrinks its font down to
/// `min_font_size` (default 6.5) before its labels wrap.
#[derive(Debug, Deserialize, Serialize, Default, Clone, PartialEq)]
pub struct Layout {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub orientation: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub font_size: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub min_font_size: Option<f64>,
}

/// The table's layout over the profile's defaults, checked:
/// (landscape, font size, smallest font size).
pub(crate) fn layout_of(
    def: &TableDef,
    defaults: &Layout,
) -> Result<(bool, f64, f64), RenderError> {
    let pick = |a: Option<f64>, b: Option<f64>, d: f64| a.or(b).unwrap_or(d);
    let size = pick(def.layout.font_size, defaults.font_size, FONT_SIZE);
    let min = pick(
        def.layout.min_font_size,
        defaults.min_font_size,
        MIN_FONT_SIZE,
    )
    .min(size);
    for (name, v) in [("font_size", size), ("min_font_size", min)] {
        if !(v.is_finite() && (4.0..=24.0).contains(&v)) {
            return Err(RenderError::new(format!(
                "table {}: {name} {v} is not a size in pt from 4 to 24",
                def.id
            )));
        }
    }
    let landscape = match def
        .layout
        .orientation
        .as_deref()
        .or(defaults.orientation.as_deref())
    {
        None | Some("portrait") => false,
        Some("landscape") => true,
        Some(other) => {
            return Err(RenderError::new(format!(
                "table {}: orientation `{other}` is neither `portrait` nor `landscape`",
                def.id
            )))
        }
    };
    Ok((landscape, size, min))
}

#[derive(Debug, Deserialize, Serialize)]
pub struct TableDef {
    pub id: String,
    /// `department` or `unit`: a table only that document has (see
    /// [`super::layout`]).
    #[serde(default)]
    pub only: Option<String>,
    pub title: String,
    #[serde(default)]
    pub meta: Option<Vec<String>>,
    #[serde(default)]
    pub widths: Vec<u32>,
    pub header: Vec<Vec<String>>,
    pub kind: String,
    #[serde(default)]
    pub left: Vec<Vec<String>>,
    #[serde(default)]
    pub right_rows: Option<String>,
    #[serde(default)]
    pub right_columns: Vec<String>,
    #[serde(default)]
    pub all_classes: bool,
    /// How the 类 rows of `right_rows = "classes"` are numbered (`一、`,
    /// `（一）`, …; none without).
    #[serde(default)]
    pub numbering: Option<super::numbering::Numbering>,
    #[serde(default)]
    pub footer: Vec<Vec<String>>,
    #[serde(default)]
    pub columns: Vec<String>,
    #[serde(default)]
    pub source: Option<String>,
    #[serde(default)]
    pub current_only: bool,
    #[serde(default)]
    pub rows: Vec<Vec<String>>,
    #[serde(default)]
    pub total_label: Option<String>,
    #[serde(default)]
    pub carryover: bool,
    /// The unit amounts are shown in (default: the file's 金额单位).
    #[serde(default)]
    pub unit: Option<String>,
    /// Put the 合计 row last instead of first.
    #[serde(default)]
    pub total_last: bool,
    /// This table's print conventions (over `defaults`).
    #[serde(flatten)]
    pub style: PrintStyle,
    /// This table's PDF layout (over `defaults`).
    #[serde(flatten)]
    pub layout: Layout,
}

/// The table kinds [`build`] lays out (`kind = "…"` in tables.toml).
pub const KINDS: &[&str] = &[
    "two_sided",
    "tree",
    "economic",
    "units",
    "projects",
    "fixed",
    "empty",
];

/// The columns of a `units` table when the profile names none.
const UNIT_COLUMNS: &[&str] = &[
    "name",
    "total",
    "src.general_public",
    "src.government_fund",
    "src.state_capital",
];

pub struct Ctx<'a> {
    pub b: &'a Budget,
    pub catalog: &'a Catalog,
    pub named: BTreeMap<String, Money>,
    pub defaults: &'a Defaults,
    /// replaces `{{ year }}`, `{{ department }}` and the document's words
    /// `{{ doc.KEY }}` in static strings
    pub vars: Vec<(String, String)>,
}

impl Ctx<'_> {
    pub(crate) fn subst(&self, s: &str) -> String {
        let mut out = s.to_string();
        for (k, v) in &self.vars {
            out = out.replace(&format!("{{{{ {k} }}}}"), v);
            out = out.replace(&format!("{{{{{k}}}}}"), v);
        }
        out
    }
}

/// A numeric cell: printed by `style`, with its exact value in the unit.
pub(crate) fn amount_cell(m: Money, style: &NumberStyle, zero: &str) -> Cell {
    let (text, decimals) = if m.is_zero() {
        (zero.to_string(), zero_decimals(zero))
    } else {
        style.print(m)
    };
    let mut c = Cell::text(text);
    c.numeric = true;
    c.decimals = decimals;
    c.ungrouped = style.thousands.is_empty();
    c.value = Some(m.in_unit(style.unit).normalize().to_string());
    c
}

/// Decimals of a printed zero: 2 for `0.00`.
fn zero_decimals(zero: &str) -> u32 {
    zero.find('.')
        .map(|i| (zero.len() - i - 1) as u32)
        .unwrap_or(0)
}

/// A table's conventions: the document's for this table, the document's,
/// the profile's for this table, the profile's.
fn style_of(def: &TableDef, cx: &Ctx) -> PrintStyle {
    let doc = &cx.b.print;
    let own = doc
        .table(&def.id)
        .map(|t| t.style.clone())
        .unwrap_or_default();
    own.or(&doc.all).or(&def.style).or(&cx.defaults.style)
}

fn header_cell(spec: &str, cx: &Ctx) -> Cell {
    let mut parts = spec.rsplitn(3, ':').collect::<Vec<_>>();
    parts.reverse();
    // "text", "text:c" or "text:c:r" — only trailing numbers are spans
    let nums: Vec<Option<u32>> = parts.iter().map(|p| p.parse::<u32>().ok()).collect();
    let (text, colspan, rowspan) = match (parts.len(), nums.as_slice()) {
        (3, [_, Some(c), Some(r)]) => (parts[0].to_string(), *c, *r),
        (2, [_, Some(c)]) => (parts[0].to_string(), *c, 1),
        (3, [_, _, Some(c)]) => (format!("{}:{}", parts[0], parts[1]), *c, 1),
        _ => (spec.to_string(), 1, 1),
    };
    Cell::text(cx.subst(&text)).span(colspan, rowspan)
}

pub fn build(def: &TableDef, cx: &Ctx, number: usize) -> Result<Table, RenderError> {
    let unit = match def.unit.as_deref() {
        Some(u) => DisplayUnit::parse(u)
            .ok_or_else(|| RenderError::new(format!("table {}: unknown unit {u}", def.id)))?,
        None => cx.b.display_unit,
    };
    let style = style_of(def, cx);
    let numbers = NumberStyle::new(unit, &style);
    let zero = style.zero.as_deref().unwrap_or("");
    let brackets = style.brackets.unwrap_or(Brackets::Keep);
    let lookup = |cell: &str| -> Result<Cell, RenderError> {
        match cell.strip_prefix('=') {
            Some(key) => cx
                .named
                .get(key)
                .map(|m| amount_cell(*m, &numbers, zero))
                .ok_or_else(|| {
                    RenderError::new(format!("table {}: unknown figure `{key}`", def.id))
                }),
            None => Ok(Cell::text(cx.subst(cell))),
        }
    };
    let field = |row: &DataRow, col: &str| field_cell(def, row, col, brackets, &numbers, zero);
    let source =
        match def.source.as_deref() {
            None => None,
            Some(k) => Some(source_by_key(k).ok_or_else(|| {
                RenderError::new(format!("table {}: unknown source `{k}`", def.id))
            })?),
        };
    let mut rows: Vec<Row> = Vec::new();
    let data_rows = |data: Vec<DataRow>, cols: &[String]| -> Result<Vec<Row>, RenderError> {
        data.iter()
            .map(|r| {
                Ok(Row {
                    cells: cols.iter().map(|c| field(r, c)).collect::<Result<_, _>>()?,
                    class: r.class.to_string(),
                })
            })
            .collect()
    };
    match def.kind.as_str() {
        "two_sided" => {
            let right = match def.right_rows.as_deref() {
                Some("classes") => {
                    figures::classes(cx.b, cx.catalog, def.all_classes, def.numbering)
                }
                Some("tree") => relabel(figures::tree(cx.b, source, def.current_only), def),
                other => {
                    return Err(RenderError::new(format!(
                        "table {}: unknown right_rows {other:?}",
                        def.id
                    )))
                }
            };
            rows = two_sided(def, &right, brackets, &lookup, &field)?;
        }
        "tree" => {
            let tree = figures::tree(cx.b, source, def.current_only);
            rows = data_rows(relabel(tree, def), &def.columns)?;
        }
        "economic" => rows = data_rows(relabel(figures::economic(cx.b), def), &def.columns)?,
        "units" => {
            let cols: Vec<String> = if def.columns.is_empty() {
                UNIT_COLUMNS.iter().map(|s| s.to_string()).collect()
            } else {
                def.columns.clone()
            };
            rows = data_rows(
                figures::admin_units(cx.b, def.total_label.as_deref().unwrap_or("合计")),
                &cols,
            )?;
        }
        "projects" => rows = data_rows(figures::projects(cx.b, def.carryover), &def.columns)?,
        "fixed" => {
            for r in &def.rows {
                let class = if r.first().map(|c| c.contains("合计")).unwrap_or(false) {
                    "total"
                } else {
                    ""
                };
                rows.push(Row {
                    cells: r.iter().map(|c| lookup(c)).collect::<Result<_, _>>()?,
                    class: class.into(),
                });
            }
        }
        "empty" => {}
        other => {
            return Err(RenderError::new(format!(
                "table {}: unknown kind `{other}`",
                def.id
            )))
        }
    }
    finish(def, cx, number, rows, &style)
}

/// The total row's label as the table names it (`total_label`; else the
/// dataset's 合计).
fn relabel(mut rows: Vec<DataRow>, def: &TableDef) -> Vec<DataRow> {
    if let Some(label) = &def.total_label {
        for r in rows.iter_mut().filter(|r| r.class == "total") {
            r.text.insert("name", label.clone());
        }
    }
    rows
}

/// One cell of a data row: its text (brackets as the table prints them) or
/// its amount; a figure column a row lacks is 0, any other unknown column
/// an error.
fn field_cell(
    def: &TableDef,
    row: &DataRow,
    col: &str,
    brackets: Brackets,
    numbers: &NumberStyle,
    zero: &str,
) -> Result<Cell, RenderError> {
    if col.is_empty() {
        return Ok(Cell::text(""));
    }
    if let Some(t) = row.text.get(col) {
        return Ok(Cell::text(brackets.apply(t)));
    }
    match row.money.get(col) {
        Some(m) => Ok(amount_cell(*m, numbers, zero)),
        None if row.money.is_empty() || row.text.contains_key("name") => {
            if col.starts_with("src.")
                || col.starts_with("fiscal")
                || [
                    "total",
                    "basic",
                    "project",
                    "current",
                    "carryover",
                    "personnel",
                    "public",
                ]
                .contains(&col)
            {
                Ok(amount_cell(Money::ZERO, numbers, zero))
            } else {
                Err(RenderError::new(format!(
                    "table {}: unknown column `{col}`",
                    def.id
                )))
            }
        }
        None => Err(RenderError::new(format!(
            "table {}: unknown column `{col}`",
            def.id
        ))),
    }
}

/// The rows of a two-sided table (收支总表): the profile's fixed left side
/// beside the computed right side, then the footer.
fn two_sided(
    def: &TableDef,
    right: &[DataRow],
    brackets: Brackets,
    lookup: &dyn Fn(&str) -> Result<Cell, RenderError>,
    field: &dyn Fn(&DataRow, &str) -> Result<Cell, RenderError>,
) -> Result<Vec<Row>, RenderError> {
    let mut rows = Vec::new();
    let n = def.left.len().max(right.len());
    let lw = def.left.first().map(|r| r.len()).unwrap_or(2);
    for i in 0..n {
        let mut cells = Vec::new();
        match def.left.get(i) {
            Some(l) => {
                for c in l {
                    cells.push(lookup(c)?);
                }
            }
            None => cells.extend((0..lw).map(|_| Cell::text(""))),
        }
        match right.get(i) {
            Some(r) => {
                let name = r.text.get("name").map(|n| brackets.apply(n));
                cells.push(Cell::text(name.unwrap_or_default()));
                for c in &def.right_columns {
                    cells.push(field(r, c)?);
                }
            }
            None => cells.extend((0..=def.right_columns.len()).map(|_| Cell::text(""))),
        }
        rows.push(Row {
            cells,
            class: String::new(),
        });
    }
    for f in &def.footer {
        rows.push(Row {
            cells: f.iter().map(|c| lookup(c)).collect::<Result<_, _>>()?,
            class: "total".into(),
        });
    }
    Ok(rows)
}

/// The table around its body rows: 合计 placement, header, an empty table's
/// zeros, 合计 line and note, label, meta lines, title and widths.
fn finish(
    def: &TableDef,
    cx: &Ctx,
    number: usize,
    mut rows: Vec<Row>,
    style: &PrintStyle,
) -> Result<Table, RenderError> {
    let (landscape, font_size, min_font_size) = layout_of(def, &cx.defaults.layout)?;
    if def.total_last {
        if let Some(pos) = rows.iter().position(|r| r.class == "total") {
            if pos == 0 {
                let t = rows.remove(0);
                rows.push(t);
            }
        }
    }
    let header: Vec<Vec<Cell>> = def
        .header
        .iter()
        .map(|r| r.iter().map(|c| header_cell(c, cx)).collect())
        .collect();
    let columns = header
        .first()
        .map(|r| r.iter().map(|c| c.colspan as usize).sum())
        .unwrap_or(0)
        .max(rows.first().map(|r| r.cells.len()).unwrap_or(0));
    let has_data = rows
        .iter()
        .flat_map(|r| &r.cells)
        .any(|c| c.numeric && c.value.as_deref().map(|v| v != "0").unwrap_or(false));
    if !has_data {
        // a table with no data prints its zeros (its 合计 row) as `empty_zero`
        let empty_zero = style.empty_zero.as_deref().unwrap_or("");
        for c in rows.iter_mut().flat_map(|r| r.cells.iter_mut()) {
            if c.numeric {
                c.text = empty_zero.to_string();
                c.decimals = zero_decimals(empty_zero);
            }
        }
    }
    if !has_data && def.kind == "empty" || rows.is_empty() {
        // an empty table still shows its 合计 line
        let mut cells = vec![Cell::text("合计")];
        cells.extend((1..columns).map(|_| Cell::text("")));
        if def.kind != "projects" {
            rows.push(Row {
                cells,
                class: "total".into(),
            });
        }
    }
    let label = cx
        .defaults
        .label
        .as_deref()
        .unwrap_or("预算公开表{}")
        .replace("{}", &number.to_string());
    let meta = def
        .meta
        .as_ref()
        .unwrap_or(&cx.defaults.meta)
        .iter()
        .map(|m| cx.subst(m))
        .collect();
    let mut widths = def.widths.clone();
    widths.resize(columns, 3);
    Ok(Table {
        id: format!("table-{}", def.id),
        label,
        title: cx.subst(
            cx.b.print
                .table(&def.id)
                .and_then(|t| t.title.as_deref())
                .unwrap_or(&def.title),
        ),
        meta,
        fit: super::columns::column_fit(&header, &rows, columns),
        header,
        rows,
        note: if has_data {
            None
        } else {
            style.empty_note.as_ref().map(|n| cx.subst(n))
        },
        columns,
        widths,
        landscape,
        font_size,
        min_font_size,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn conventions_deserialize_flattened() {
        let f: TableFile =
            toml::from_str("[defaults]\nthousands = \"\"\nzero = \"0\"\n").expect("toml");
        assert_eq!(f.defaults.style.thousands.as_deref(), Some(""));
        assert_eq!(f.defaults.style.zero.as_deref(), Some("0"));
    }

    fn def(extra: &str) -> TableDef {
        toml::from_str(&format!(
            "id = \"3\"\ntitle = \"t\"\nheader = []\nkind = \"empty\"\n{extra}"
        ))
        .expect("toml")
    }

    #[test]
    fn the_layout_of_a_table_over_the_defaults() {
        let defaults = Layout {
            orientation: Some("landscape".into()),
            font_size: Some(9.0),
            min_font_size: None,
        };
        assert_eq!(layout_of(&def(""), &defaults), Ok((true, 9.0, 6.5)));
        assert_eq!(
            layout_of(
                &def("orientation = \"portrait\"\nfont_size = 7.5"),
                &defaults
            ),
            Ok((false, 7.5, 6.5))
        );
        // the smallest size is never above the size
        assert_eq!(
            layout_of(&def("font_size = 6\nmin_font_size = 7"), &Layout::default()),
            Ok((false, 6.0, 6.0))
        );
        let e = layout_of(&def("orientation = \"sideways\""), &Layout::default())
            .expect_err("unknown orientation");
        assert!(e.0.contains("`sideways`"), "{e}");
        let e = layout_of(&def("font_size = 0.5"), &Layout::default()).expect_err("size");
        assert!(e.0.contains("font_size 0.5"), "{e}");
    }
}
