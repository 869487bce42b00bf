//! The PDF layout of a table's columns: what the template needs to size them from their content:
//! for each column, its widest body text (the one Typst measures) and
//! whether it holds only amounts (an amount never wraps; a label wraps only
//! when the page cannot fit it). Header cells are left out: a header wraps
//! over the width its column's content needs, as the published tables do.
//!
//! The widest text is chosen by an estimate of its printed width (a CJK or
//! full-width character is one em, anything else about half of one): the
//! template measures that text with the real font.

use super::document::{Cell, Row};
use serde::Serialize;

/// A table's font size in pt unless its profile says otherwise.
pub const FONT_SIZE: f64 = 8.5;
/// The smallest size a wide table's font shrinks to before labels wrap.
pub const MIN_FONT_SIZE: f64 = 6.5;

/// One column's content, for the layout.
#[derive(Debug, Clone, Serialize, PartialEq, Default)]
pub struct ColumnFit {
    /// The widest text of a body cell spanning only this column.
    pub widest: String,
    /// Every non-empty body cell of the column is an amount.
    pub numeric: bool,
    /// The longest text of a header cell spanning only this column (it may
    /// wrap, but not to one character a line).
    pub header: String,
}

/// Printed width of `s` in ems, estimated: full-width characters (CJK,
/// full-width punctuation, the quotes “” of Chinese text) one em, others 0.55.
pub fn em_width(s: &str) -> f64 {
    s.chars().map(|c| if is_wide(c) { 1.0 } else { 0.55 }).sum()
}

fn is_wide(c: char) -> bool {
    matches!(c as u32,
        0x1100..=0x115F
        | 0x2010..=0x2027 // dashes, quotes and … as a CJK font prints them
        | 0x2E80..=0x303E
        | 0x3041..=0x33FF
        | 0x3400..=0x4DBF
        | 0x4E00..=0x9FFF
        | 0xA000..=0xA4CF
        | 0xAC00..=0xD7A3
        | 0xF900..=0xFAFF
        | 0xFE30..=0xFE4F
        | 0xFF00..=0xFF60
        | 0xFFE0..=0xFFE6
        | 0x20000..=0x3FFFD)
}

/// Each column's widest text and kind, and its longest header text. Cells
/// spanning several columns do not count for a single column's width.
pub fn column_fit(header: &[Vec<Cell>], rows: &[Row], columns: usize) -> Vec<ColumnFit> {
    let mut fit: Vec<ColumnFit> = (0..columns)
        .map(|_| ColumnFit {
            numeric: true,
            ..ColumnFit::default()
        })
        .collect();
    let mut texts = vec![false; columns];
    place(
        rows.iter().map(|r| r.cells.as_slice()),
        columns,
        |col, cell| {
            let f = &mut fit[col];
            if em_width(&cell.text) > em_width(&f.widest) {
                f.widest = cell.text.trim().to_string();
            }
            texts[col] = true;
            f.numeric &= cell.numeric;
        },
    );
    place(header.iter().map(|r| r.as_slice()), columns, |col, cell| {
        let f = &mut fit[col];
        let text = cell.text.trim();
        if em_width(text) > em_width(&f.header) {
            f.header = text.to_string();
        }
    });
    for (f, has) in fit.iter_mut().zip(texts) {
        // a column with no text of its own is not an amount column
        f.numeric &= has;
    }
    fit
}

/// Calls `each(column, cell)` for every non-empty cell spanning one column,
/// placing cells as a table does: a rowspan occupies its columns in the rows
/// below.
fn place<'a>(
    rows: impl Iterator<Item = &'a [Cell]>,
    columns: usize,
    mut each: impl FnMut(usize, &Cell),
) {
    // rows still covered by a rowspan from above, per column
    let mut busy = vec![0u32; columns];
    for cells in rows {
        let mut col = 0;
        for cell in cells {
            while col < columns && busy[col] > 0 {
                col += 1;
            }
            if col >= columns {
                break;
            }
            let span = (cell.colspan.max(1) as usize).min(columns - col);
            for b in &mut busy[col..col + span] {
                *b = cell.rowspan.max(1);
            }
            if span == 1 && !cell.text.trim().is_empty() {
                each(col, cell);
            }
            col += span;
        }
        for b in &mut busy {
            *b = b.saturating_sub(1);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(cells: Vec<Cell>) -> Row {
        Row {
            cells,
            class: String::new(),
        }
    }

    fn num(t: &str) -> Cell {
        Cell {
            numeric: true,
            ..Cell::text(t)
        }
    }

    #[test]
    fn widths_estimate_cjk_as_one_em() {
        assert_eq!(em_width("支出"), 2.0);
        assert!((em_width("1,317.00") - 8.0 * 0.55).abs() < 1e-9);
        assert_eq!(em_width("“项目”"), 4.0);
    }

    #[test]
    fn the_widest_text_of_each_column_and_its_kind() {
        let rows = vec![
            row(vec![
                Cell::text("201"),
                Cell::text("一般公共服务支出"),
                num("2,932,700"),
            ]),
            row(vec![
                Cell::text("208"),
                Cell::text("社会保障和就业支出"),
                num("19,604,064"),
            ]),
            row(vec![Cell::text("合计").span(2, 1), num("122,536,764")]),
        ];
        let fit = column_fit(&[], &rows, 3);
        assert_eq!(fit[0].widest, "201");
        assert!(!fit[0].numeric);
        assert_eq!(fit[1].widest, "社会保障和就业支出");
        assert_eq!(fit[2].widest, "122,536,764");
        assert!(fit[2].numeric);
    }

    #[test]
    fn a_rowspan_occupies_its_column_below() {
        let rows = vec![
            row(vec![
                Cell::text("产出指标").span(1, 2),
                Cell::text("数量"),
                num("12"),
            ]),
            row(vec![Cell::text("质量指标很长很长的名字"), num("3")]),
        ];
        let fit = column_fit(&[], &rows, 3);
        assert_eq!(fit[0].widest, "产出指标");
        assert_eq!(fit[1].widest, "质量指标很长很长的名字");
        assert_eq!(fit[2].widest, "12");
        assert!(fit[2].numeric && !fit[1].numeric);
    }

    #[test]
    fn an_empty_column_is_not_an_amount_column() {
        let rows = vec![row(vec![Cell::text("合计"), Cell::text("")])];
        let fit = column_fit(&[], &rows, 2);
        assert!(!fit[1].numeric);
        assert_eq!(fit[1].widest, "");
    }

    #[test]
    fn header_texts_are_placed_under_their_spans() {
        let header = vec![
            vec![
                Cell::text("科目编码").span(2, 1),
                Cell::text("政府性基金预算").span(1, 2),
            ],
            vec![Cell::text("类"), Cell::text("款")],
        ];
        let rows = vec![row(vec![Cell::text("201"), Cell::text("05"), num("0")])];
        let fit = column_fit(&header, &rows, 3);
        assert_eq!(fit[0].header, "类");
        assert_eq!(fit[1].header, "款");
        assert_eq!(fit[2].header, "政府性基金预算");
        assert_eq!(fit[2].widest, "0");
    }
}
