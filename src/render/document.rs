//! The document to publish, independent of the output format.
//!
//! [`super::build`] lays out a checked [`crate::model::Budget`] into a
//! [`Document`] following a profile's definition files
//! (`templates/<profile>/document.toml`, `tables.toml`); the HTML and Typst
//! templates of the profile render it, escaping every text for their target.
//! Every string here is plain text (never markup).

use serde::Serialize;

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Document {
    /// e.g. 山西转型综合改革示范区晋中开发区产业链发展促进部
    pub department: String,
    pub year: i32,
    /// e.g. 2024年度部门预算公开
    pub title: String,
    /// The cover's line under the title, e.g. 预算单位：… (empty when the
    /// profile has none).
    #[serde(default)]
    pub subtitle: String,
    /// Profile id, e.g. `shanxi-county`.
    pub profile: String,
    /// Watermark every page: the file has check errors.
    pub draft: bool,
    pub parts: Vec<Part>,
}

/// 第一部分 概况, 第二部分 报表 …
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Part {
    /// Anchor id, e.g. `part-2`.
    pub id: String,
    pub title: String,
    pub sections: Vec<Section>,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Section {
    /// Anchor id, e.g. `s-3-5`.
    pub id: String,
    /// Empty for a part's untitled body (e.g. the tables of 第二部分).
    pub title: String,
    /// Heading depth below the part: 1 for 一、…, 2 for （一）…
    pub level: u8,
    pub blocks: Vec<Block>,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Block {
    Paragraph { text: String },
    Table(Table),
    Chart(Chart),
}

/// A table: the 13 tables of a profile and the performance grids alike.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Table {
    /// Anchor id, e.g. `table-1`.
    pub id: String,
    /// e.g. 预算公开表1 (empty for grids that have none)
    pub label: String,
    /// e.g. 2024年预算收支总表
    pub title: String,
    /// Lines under the title: 部门名称：…, 单位：万元 (may be empty)
    pub meta: Vec<String>,
    /// Header rows (repeated on every page).
    pub header: Vec<Vec<Cell>>,
    pub rows: Vec<Row>,
    /// e.g. 注：本表无数据
    pub note: Option<String>,
    /// Number of columns.
    pub columns: usize,
    /// Relative column widths (one per column), for the Typst layout.
    pub widths: Vec<u32>,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Row {
    pub cells: Vec<Cell>,
    /// `total` (合计 rows), `group` (类 rows, 部门 rows), `` otherwise.
    pub class: String,
}

#[derive(Debug, Clone, Serialize, PartialEq, Default)]
pub struct Cell {
    /// As shown: `1,329.84`, `一般公共服务支出`, or empty.
    pub text: String,
    /// The exact value for spreadsheets, in the display unit (`1329.84`), when numeric.
    pub value: Option<String>,
    /// Decimals the value is shown with (for spreadsheet number formats).
    pub decimals: u32,
    /// Printed without a thousands separator (`1329.84`).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub ungrouped: bool,
    pub colspan: u32,
    pub rowspan: u32,
    /// Right-aligned number.
    pub numeric: bool,
}

/// A chart drawn as SVG (the same SVG in HTML and PDF).
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Chart {
    pub id: String,
    pub title: String,
    pub svg: String,
}

impl Cell {
    pub fn text(t: impl Into<String>) -> Cell {
        Cell {
            text: t.into(),
            colspan: 1,
            rowspan: 1,
            ..Cell::default()
        }
    }
    pub fn span(mut self, colspan: u32, rowspan: u32) -> Cell {
        self.colspan = colspan.max(1);
        self.rowspan = rowspan.max(1);
        self
    }
}
