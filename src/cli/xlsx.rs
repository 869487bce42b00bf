//! Spreadsheets: every table of the document as a sheet.
//!
//! One sheet per [`Table`], in document order: the label (预算公开表1) as the
//! first line, the title merged across the columns, the meta lines, the header
//! rows (merged as their `colspan`/`rowspan` say), the body rows, then the
//! note. Numeric cells are written as numbers with a number format of their
//! display decimals (`#,##0.00`), so that finance staff can add them up; all
//! other cells are text. The workbook's creation date is fixed (1 January of
//! the budget year) so that the same document gives the same bytes.

use budget::render::document::{Block, Cell, Document, Row, Table};
use rust_xlsxwriter::{
    DocProperties, ExcelDateTime, Format, FormatAlign, FormatBorder, Workbook, Worksheet, XlsxError,
};
use std::collections::{HashMap, HashSet};
use unicode_width::UnicodeWidthStr;

/// Excel's limit on a sheet name, in UTF-16 code units.
const SHEET_NAME_MAX: usize = 31;
/// Excel's limit on the text of one cell, in characters.
const CELL_TEXT_MAX: usize = 32_767;
/// Excel's default column width, in characters.
const DEFAULT_WIDTH: f64 = 8.43;
/// The height of one line of 11 pt text, in points.
const LINE_HEIGHT: f64 = 15.0;
/// Excel's limit on the number of columns.
const COLUMNS_MAX: usize = 16_384;

pub fn build(doc: &Document) -> Result<Vec<u8>, String> {
    write_workbook(doc).map_err(|e| format!("cannot write the spreadsheet: {e}"))
}

/// The tables of the document, in order.
fn tables(doc: &Document) -> impl Iterator<Item = &Table> {
    doc.parts
        .iter()
        .flat_map(|p| &p.sections)
        .flat_map(|s| &s.blocks)
        .filter_map(|b| match b {
            Block::Table(t) => Some(t),
            _ => None,
        })
}

fn write_workbook(doc: &Document) -> Result<Vec<u8>, XlsxError> {
    let mut workbook = Workbook::new();
    let year = u16::try_from(doc.year)
        .ok()
        .filter(|y| (1900..=9999).contains(y))
        .unwrap_or(2000);
    let created = ExcelDateTime::from_ymd(year, 1, 1)?;
    let properties = DocProperties::new()
        .set_title(format!("{}{}", doc.department, doc.title))
        .set_company(&doc.department)
        .set_creation_datetime(&created);
    workbook.set_properties(&properties);

    let tables: Vec<&Table> = tables(doc).collect();
    let names = sheet_names(&tables);
    for (table, name) in tables.iter().zip(names) {
        let sheet = workbook.add_worksheet();
        sheet.set_name(name)?;
        write_table(sheet, table, doc.draft)?;
    }
    if tables.is_empty() {
        // A workbook needs a sheet; say why this one is empty.
        let sheet = workbook.add_worksheet();
        sheet.write_string(0, 0, "本文档没有表格")?;
    }
    workbook.save_to_buffer()
}

/// One unique sheet name per table: its label, or for a table without one
/// a name made from its title, numbered when several tables share a title
/// (the project grids). Excel compares sheet names without regard to case.
fn sheet_names(tables: &[&Table]) -> Vec<String> {
    let bases: Vec<String> = tables
        .iter()
        .map(|t| {
            let source = if t.label.trim().is_empty() {
                &t.title
            } else {
                &t.label
            };
            let base = clean_sheet_name(source);
            if base.is_empty() {
                "表".to_string()
            } else {
                base
            }
        })
        .collect();
    let mut seen: HashMap<&str, usize> = HashMap::new();
    let mut used: HashSet<String> = HashSet::new();
    let mut names = Vec::with_capacity(bases.len());
    for base in &bases {
        let shared = bases.iter().filter(|b| *b == base).count() > 1;
        let wanted = if shared {
            let n = seen.entry(base.as_str()).or_insert(0);
            *n += 1;
            let sep = if base.ends_with(|c: char| c.is_ascii_digit()) {
                "-"
            } else {
                ""
            };
            with_suffix(base, &format!("{sep}{n}"))
        } else {
            truncate_utf16(base, SHEET_NAME_MAX)
        };
        names.push(unique(wanted, &mut used));
    }
    names
}

/// `base` cut so that `suffix` still fits in a sheet name, then `suffix`.
fn with_suffix(base: &str, suffix: &str) -> String {
    let head = truncate_utf16(base, SHEET_NAME_MAX.saturating_sub(suffix.len()));
    format!("{head}{suffix}")
}

/// `name`, or `name(2)`, `name(3)` … whichever is not used yet.
fn unique(name: String, used: &mut HashSet<String>) -> String {
    let mut candidate = name.clone();
    let mut n = 1usize;
    // `History` is reserved by Excel.
    while candidate.to_lowercase() == "history" || !used.insert(candidate.to_lowercase()) {
        n += 1;
        candidate = with_suffix(&name, &format!("({n})"));
    }
    candidate
}

/// Drop the characters Excel refuses in a sheet name, collapse white space
/// and strip apostrophes at either end.
fn clean_sheet_name(s: &str) -> String {
    let replaced: String = s
        .chars()
        .map(|c| match c {
            '[' | ']' | ':' | '*' | '?' | '/' | '\\' => ' ',
            c if c.is_control() => ' ',
            c => c,
        })
        .collect();
    let collapsed = replaced.split_whitespace().collect::<Vec<_>>().join(" ");
    collapsed
        .trim_matches(|c: char| c == '\'' || c.is_whitespace())
        .to_string()
}

/// At most `max` UTF-16 code units of `s`, cut at a character boundary.
fn truncate_utf16(s: &str, max: usize) -> String {
    let mut out = String::new();
    let mut len = 0;
    for c in s.chars() {
        len += c.len_utf16();
        if len > max {
            break;
        }
        out.push(c);
    }
    // Cutting may leave an apostrophe at the end, which Excel refuses.
    out.trim_end_matches(|c: char| c == '\'' || c.is_whitespace())
        .to_string()
}

fn cell_text(s: &str) -> &str {
    match s.char_indices().nth(CELL_TEXT_MAX) {
        Some((i, _)) => &s[..i],
        None => s,
    }
}

/// `#,##0` for 0 decimals, `#,##0.00` for 2; `0.00` without grouping.
fn number_format(decimals: u32, grouped: bool) -> String {
    let int = if grouped { "#,##0" } else { "0" };
    if decimals == 0 {
        int.to_string()
    } else {
        format!("{int}.{}", "0".repeat(decimals.min(15) as usize))
    }
}

/// A cell's format: its printed decimals and grouping, so that the format
/// never hides a printed 分; a zero shows as printed (blank, `0`, `0.00`).
fn cell_format(cell: &Cell, v: f64) -> String {
    let f = number_format(cell.decimals, !cell.ungrouped);
    if v != 0.0 {
        return f;
    }
    let zero = cell.text.replace('"', "");
    let zero = if zero.is_empty() {
        String::new()
    } else {
        format!("\"{zero}\"")
    };
    format!("{f};-{f};{zero}")
}

/// The number a cell holds, when it is numeric and its value parses.
fn number(cell: &Cell) -> Option<f64> {
    cell.value
        .as_deref()
        .and_then(|v| v.trim().parse::<f64>().ok())
        .filter(|v| v.is_finite())
}

fn bordered(format: Format) -> Format {
    format
        .set_border(FormatBorder::Thin)
        .set_align(FormatAlign::VerticalCenter)
}

fn header_format() -> Format {
    bordered(Format::new())
        .set_bold()
        .set_align(FormatAlign::Center)
        .set_text_wrap()
}

fn body_format(cell: &Cell, bold: bool) -> Format {
    let mut f = bordered(Format::new());
    if bold {
        f = f.set_bold();
    }
    if cell.numeric {
        f = f.set_align(FormatAlign::Right);
        if let Some(v) = number(cell) {
            f = f.set_num_format(cell_format(cell, v));
        }
    } else {
        f = f.set_align(FormatAlign::Left).set_text_wrap();
    }
    f
}

/// About how many lines `text` takes when wrapped in `width` characters
/// (a CJK character counts two).
fn lines_needed(text: &str, width: f64) -> usize {
    let usable = (width - 1.0).max(1.0);
    text.split('\n')
        .map(|line| {
            let w = UnicodeWidthStr::width(line) as f64;
            ((w / usable).ceil() as usize).max(1)
        })
        .sum()
}

/// Cells of a grid already covered by a merge above or to the left.
struct Occupied {
    cells: HashSet<(u32, usize)>,
}

impl Occupied {
    fn new() -> Self {
        Occupied {
            cells: HashSet::new(),
        }
    }
    fn taken(&self, row: u32, col: usize) -> bool {
        self.cells.contains(&(row, col))
    }
    /// Place a cell of `colspan` × `rowspan` at `(row, col)`; the span is cut
    /// to 1 × 1 when it would overlap another (malformed spans), and never
    /// reaches below `last_row`. Returns the last row and column it covers.
    fn place(
        &mut self,
        row: u32,
        col: usize,
        colspan: u32,
        rowspan: u32,
        last_row: u32,
    ) -> (u32, usize) {
        let cols = (colspan.max(1) as usize).min(COLUMNS_MAX.saturating_sub(col).max(1));
        let rows = rowspan.max(1).min(last_row.saturating_sub(row) + 1);
        let clear = (row..row + rows).all(|r| (col..col + cols).all(|c| !self.taken(r, c)));
        let (rows, cols) = if clear { (rows, cols) } else { (1, 1) };
        for r in row..row + rows {
            for c in col..col + cols {
                self.cells.insert((r, c));
            }
        }
        (row + rows - 1, col + cols - 1)
    }
}

/// Write the rows of a grid (header or body) from `first_row`, each cell
/// formatted by `format`. Returns the row after the last one written.
fn write_grid<'a>(
    sheet: &mut Worksheet,
    widths: &[f64],
    first_row: u32,
    rows: impl ExactSizeIterator<Item = (&'a [Cell], bool)>,
    header: bool,
) -> Result<u32, XlsxError> {
    let count = rows.len() as u32;
    if count == 0 {
        return Ok(first_row);
    }
    let last_row = first_row + count - 1;
    let mut occupied = Occupied::new();
    for (i, (cells, bold)) in rows.enumerate() {
        let r = first_row + i as u32;
        let mut c = 0usize;
        let mut lines = 1usize;
        for cell in cells {
            while occupied.taken(r, c) {
                c += 1;
            }
            if c >= COLUMNS_MAX {
                break;
            }
            let (r2, c2) = occupied.place(r, c, cell.colspan, cell.rowspan, last_row);
            let format = if header {
                header_format()
            } else {
                body_format(cell, bold)
            };
            let text = cell_text(&cell.text);
            let (c1, c2) = (c as u16, c2 as u16);
            if r2 > r || c2 > c1 {
                sheet.merge_range(r, c1, r2, c2, text, &format)?;
            }
            match number(cell).filter(|_| cell.numeric && !header) {
                Some(v) => sheet.write_number_with_format(r, c1, v, &format)?,
                None if text.is_empty() => sheet.write_blank(r, c1, &format)?,
                None => sheet.write_string_with_format(r, c1, text, &format)?,
            };
            if r2 == r && (header || !cell.numeric) {
                let width: f64 = (c..=c2 as usize)
                    .map(|i| widths.get(i).copied().unwrap_or(DEFAULT_WIDTH))
                    .sum();
                lines = lines.max(lines_needed(text, width));
            }
            c = c2 as usize + 1;
        }
        // Excel does not grow a row for wrapped text in merged cells.
        if lines > 1 {
            sheet.set_row_height(r, LINE_HEIGHT * lines.min(100) as f64)?;
        }
    }
    Ok(last_row + 1)
}

fn write_table(sheet: &mut Worksheet, table: &Table, draft: bool) -> Result<(), XlsxError> {
    let columns = columns_of(table);
    let last_col = (columns - 1) as u16;
    let widths = column_widths(sheet, table, columns)?;
    let mut r = write_titles(sheet, table, last_col)?;
    let header_start = r;
    r = write_grid(
        sheet,
        &widths,
        r,
        table.header.iter().map(|cells| (cells.as_slice(), true)),
        true,
    )?;
    if r > header_start {
        sheet.set_freeze_panes(r, 0)?;
        sheet.set_repeat_rows(header_start, r - 1)?;
    }
    r = write_grid(
        sheet,
        &widths,
        r,
        table.rows.iter().map(|row: &Row| {
            (
                row.cells.as_slice(),
                matches!(row.class.as_str(), "total" | "group"),
            )
        }),
        false,
    )?;

    if let Some(note) = table.note.as_deref().filter(|n| !n.trim().is_empty()) {
        let f = Format::new()
            .set_align(FormatAlign::Left)
            .set_align(FormatAlign::Top)
            .set_text_wrap();
        write_line(sheet, r, last_col, note, &f)?;
        let lines = lines_needed(note, widths.iter().sum());
        if lines > 1 {
            sheet.set_row_height(r, LINE_HEIGHT * lines.min(100) as f64)?;
        }
    }

    print_setup(sheet, columns, draft);
    Ok(())
}

/// The number of columns: the table's, or its widest row's (a colspan counts
/// its columns), at least 1 and at most [`COLUMNS_MAX`].
fn columns_of(table: &Table) -> usize {
    let widest_row =
        |cells: &[Cell]| -> usize { cells.iter().map(|c| c.colspan.max(1) as usize).sum() };
    table
        .columns
        .max(
            table
                .header
                .iter()
                .map(|r| widest_row(r))
                .max()
                .unwrap_or(0),
        )
        .max(
            table
                .rows
                .iter()
                .map(|r| widest_row(&r.cells))
                .max()
                .unwrap_or(0),
        )
        .clamp(1, COLUMNS_MAX)
}

/// The relative widths of the Typst layout, as characters, set on the sheet.
fn column_widths(
    sheet: &mut Worksheet,
    table: &Table,
    columns: usize,
) -> Result<Vec<f64>, XlsxError> {
    let widths: Vec<f64> = (0..columns)
        .map(|i| {
            table
                .widths
                .get(i)
                .map(|w| f64::from((*w).clamp(1, 20)) * 5.0)
                .unwrap_or(DEFAULT_WIDTH)
        })
        .collect();
    for (i, w) in widths.iter().enumerate() {
        sheet.set_column_width(i as u16, *w)?;
    }
    Ok(widths)
}

/// The label, the title and the meta lines; the next row.
fn write_titles(sheet: &mut Worksheet, table: &Table, last_col: u16) -> Result<u32, XlsxError> {
    let mut r: u32 = 0;
    if !table.label.trim().is_empty() {
        sheet.write_string(r, 0, cell_text(&table.label))?;
        r += 1;
    }
    let title = Format::new()
        .set_bold()
        .set_font_size(14)
        .set_align(FormatAlign::Center)
        .set_align(FormatAlign::VerticalCenter);
    write_line(sheet, r, last_col, &table.title, &title)?;
    sheet.set_row_height(r, 24)?;
    r += 1;
    let meta = Format::new().set_align(FormatAlign::Left);
    for line in &table.meta {
        write_line(sheet, r, last_col, line, &meta)?;
        r += 1;
    }
    Ok(r)
}

/// Printing: fit the width of a page, landscape for wide tables.
fn print_setup(sheet: &mut Worksheet, columns: usize, draft: bool) {
    sheet.set_paper_size(9); // A4
    if columns > 6 {
        sheet.set_landscape();
    }
    sheet.set_print_fit_to_pages(1, 0);
    sheet.set_print_center_horizontally(true);
    sheet.set_footer("&C第 &P 页，共 &N 页");
    if draft {
        sheet.set_header("&C草稿");
    }
}

/// One line of text across all the columns (merged when there are several).
fn write_line(
    sheet: &mut Worksheet,
    row: u32,
    last_col: u16,
    text: &str,
    format: &Format,
) -> Result<(), XlsxError> {
    let text = cell_text(text);
    if last_col > 0 {
        sheet.merge_range(row, 0, row, last_col, text, format)?;
    } else {
        sheet.write_string_with_format(row, 0, text, format)?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn titled(label: &str, title: &str) -> Table {
        Table {
            id: String::new(),
            label: label.into(),
            title: title.into(),
            meta: Vec::new(),
            header: Vec::new(),
            rows: Vec::new(),
            note: None,
            columns: 1,
            widths: vec![3],
            fit: Vec::new(),
            landscape: false,
            font_size: 8.5,
            min_font_size: 6.5,
        }
    }

    #[test]
    fn sheet_names_are_valid_and_unique() {
        let long = "一二三四五六七八九十".repeat(5) + "[a]:b*?/\\'";
        let tables = [
            titled("预算公开表1", "x"),
            titled("", "部门整体支出绩效目标表"),
            titled("", "项目支出绩效目标表"),
            titled("", "项目支出绩效目标表"),
            titled("", &long),
            titled("", &long),
            titled("", " ? "),
            titled("", "History"),
            titled("", "表"),
            titled("", "表2"),
        ];
        let refs: Vec<&Table> = tables.iter().collect();
        let names = sheet_names(&refs);
        assert_eq!(names[0], "预算公开表1");
        assert_eq!(names[1], "部门整体支出绩效目标表");
        assert_eq!(names[2], "项目支出绩效目标表1");
        assert_eq!(names[3], "项目支出绩效目标表2");
        // " ? " and "表" both become 表, so they are numbered.
        assert_eq!(names[6], "表1");
        assert_eq!(names[7], "History(2)");
        assert_eq!(names[8], "表2");
        assert_eq!(names[9], "表2(2)");
        let mut seen = HashSet::new();
        for n in &names {
            assert!(rust_xlsxwriter::utility::check_sheet_name(n).is_ok(), "{n}");
            assert!(seen.insert(n.to_lowercase()), "duplicate {n}");
        }
    }

    #[test]
    fn number_formats_follow_the_decimals() {
        assert_eq!(number_format(0, true), "#,##0");
        assert_eq!(number_format(2, true), "#,##0.00");
        assert_eq!(number_format(2, false), "0.00");
    }

    #[test]
    fn a_cell_format_shows_what_is_printed() {
        let mut c = Cell::text("96,282,213.44");
        c.numeric = true;
        c.decimals = 2;
        assert_eq!(cell_format(&c, 96282213.44), "#,##0.00");
        let mut z = Cell::text("");
        z.numeric = true;
        assert_eq!(cell_format(&z, 0.0), "#,##0;-#,##0;");
        z.text = "0".into();
        assert_eq!(cell_format(&z, 0.0), "#,##0;-#,##0;\"0\"");
    }
}
