//! `budget import`: a published disclosure, as text, becomes a `.budget` file.
//!
//! The input is the text of the document: `pdftotext -layout` output of the
//! published PDF, the seed's tab-separated form, or a spreadsheet's sheets
//! ([`sheets_to_text`]). The adapter (src/cli/import.rs) reads files and runs
//! pdftotext; this module does no IO.
//!
//! # What is read
//! * the header: year, department, profile (by matching the table titles
//!   against each profile's `tables.toml`), the unit of each table;
//! * the tables: 收支总表 (income by source, stated totals), 支出总表 (every
//!   类/款/项 row with 基本/项目, sources from the 一般公共预算 / 政府性基金 /
//!   国有资本经营 tables and the 收入 table), the 基本支出 economic table (codes
//!   from code columns or, when only names are printed, from the catalog),
//!   三公经费 and 机关运行经费;
//! * the prose: 职责/职能, 机构设置 (and the budget units it lists, with their
//!   kinds where the document says them), 名词解释, 其他说明;
//! * the 项目支出 tables as `项目` blocks, 功能 and 类别 where the document fixes
//!   them ([`projects`]), and the 绩效目标申报表 grids as `绩效目标` / `整体绩效`
//!   blocks ([`grids`]; a PDF's layout text, whose cells wrap inside their
//!   columns, rebuilt into rows first by [`layout_grid`]);
//! * the narrative as printed (`原文`), whose figures the checker reads as
//!   claims (N16–N19).
//!
//! # What is not
//! A PDF grid without its indicator header; a unit's kind or a project's
//! 类别/功能 the document does not fix. They are kept as comments and
//! reported (I004), never dropped; nothing is invented.

mod facts;
mod grids;
mod layout_grid;
mod projects;
mod prose;
mod rows;
mod stated;
mod text;

use crate::catalog::Catalog;
use crate::diagnostic::{Code, Diagnostic, Span, Text};
use crate::t;
use text::{Line, Table};

/// Limits on the input, each a diagnostic (I003).
pub const MAX_BYTES: usize = 16 * 1024 * 1024;
pub const MAX_PAGES: usize = 400;
pub const MAX_LINES: usize = 200_000;

#[derive(Debug, Default, Clone)]
pub struct ImportOptions {
    /// The profile name (`山西县级`, `上海区级`); recognised when `None`.
    pub profile: Option<String>,
    /// Where the text came from, for the file's first comment.
    pub source_name: String,
    /// The amounts are a spreadsheet's cell values, not printed text: the
    /// print conventions (排版) are not read from them.
    pub cell_values: bool,
}

/// The result: the `.budget` text (when the document could be read), and
/// the diagnostics, whose spans are in the input text.
#[derive(Debug, Clone)]
pub struct Imported {
    pub budget: Option<String>,
    pub diagnostics: Vec<Diagnostic>,
    /// The profile recognised (its name).
    pub profile: Option<String>,
}

impl Imported {
    pub fn has_errors(&self) -> bool {
        self.diagnostics.iter().any(Diagnostic::is_error)
    }
}

fn fatal(d: Diagnostic) -> Imported {
    Imported {
        budget: None,
        diagnostics: vec![d],
        profile: None,
    }
}

/// The diagnostic for a PDF that could not be read (the adapter's message).
pub fn pdf_error(message: &str) -> Diagnostic {
    Diagnostic::error(
        Code::I005,
        Span::new(0, 0),
        t!("无法读取 PDF：{}", "cannot read the PDF: {}", message),
    )
    .help(Text::new(
        "确认文件是完整、未加密的 PDF，并已安装 pdftotext（apt-get install poppler-utils，或运行 scripts/install-tools）",
        "make sure the file is a whole, unencrypted PDF and pdftotext is installed (apt-get install poppler-utils, or scripts/install-tools)",
    ))
}

/// The diagnostic for an input over a limit.
pub fn limit_error(what_zh: &str, what_en: &str) -> Diagnostic {
    Diagnostic::error(
        Code::I003,
        Span::new(0, 0),
        t!("输入超出限制：{}", what_zh; "the input exceeds a limit: {}", what_en),
    )
    .help(Text::new(
        "一次导入一份部门（单位）预算公开文件；过大的文件请拆分",
        "import one disclosure at a time; split a file that is too large",
    ))
}

/// A workbook's sheets as text: one page per sheet, its rows as
/// tab-separated lines, the sheet name first as a comment-like line that no
/// table reads.
pub fn sheets_to_text(sheets: &[(String, Vec<Vec<String>>)]) -> String {
    let mut out = String::new();
    for (k, (_, rows)) in sheets.iter().enumerate() {
        if k > 0 {
            out.push('\u{c}');
        }
        for row in rows {
            let cells: Vec<String> = row
                .iter()
                .map(|c| c.replace(['\t', '\n', '\r', '\u{c}'], " "))
                .collect();
            let line = cells.join("\t");
            out.push_str(line.trim_end_matches('\t'));
            // a title cell alone on its line is a title even with tabs after it
            out.push('\n');
        }
    }
    out
}

/// Import a document's text.
pub fn import_text(input: &str, opts: &ImportOptions, catalog: &Catalog) -> Imported {
    if input.len() > MAX_BYTES {
        return fatal(limit_error(
            "文本超过 16 MiB",
            "the text is larger than 16 MiB",
        ));
    }
    if input.trim().is_empty() {
        return fatal(
            Diagnostic::error(
                Code::I002,
                Span::new(0, 0),
                Text::new("文件中没有文字", "the file has no text"),
            )
            .help(Text::new(
                "文件为空或被截断；扫描件（图片）PDF 没有文字层，需先做文字识别（OCR）",
                "the file is empty or truncated; a scanned PDF (images) has no text layer and needs OCR first",
            )),
        );
    }
    let lines = text::lines(input);
    if lines.len() > MAX_LINES {
        return fatal(limit_error("超过 200000 行", "more than 200000 lines"));
    }
    let pages = lines.last().map(|l| l.page).unwrap_or(1);
    if pages > MAX_PAGES {
        return fatal(limit_error(
            &format!("{pages} 页，超过 {MAX_PAGES} 页"),
            &format!("{pages} pages, more than {MAX_PAGES}"),
        ));
    }
    let tables = text::tables(&lines);
    let profile = match &opts.profile {
        Some(p) => Some(p.clone()),
        None => recognise_profile(&tables),
    };
    if tables.is_empty() {
        return fatal(
            Diagnostic::error(
                Code::I001,
                Span::new(0, 0),
                Text::new(
                    "这不像一份部门预算公开文件：没有找到预算表",
                    "this does not look like a budget disclosure: no budget table found",
                ),
            )
            .help(Text::new(
                "导入读取部门（单位）预算公开文件（PDF、其 pdftotext -layout 文本或 budget build 生成的 xlsx），其中要有“……预算收支总表”等表格",
                "import reads a department (unit) budget disclosure (the PDF, its pdftotext -layout text, or the xlsx budget build writes) with tables such as 预算收支总表",
            )),
        );
    }
    let Some(profile) = profile else {
        return fatal(
            Diagnostic::error(
                Code::I008,
                span_of(&lines[tables[0].title_line]),
                Text::new(
                    "未能识别文件口径",
                    "the profile of the document is not recognised",
                ),
            )
            .help(Text::new(
                "用 --profile 指定口径（山西县级、上海区级）",
                "give the profile with --profile (山西县级, 上海区级)",
            )),
        );
    };
    let mut w = Writer::default();
    write_document(&mut w, input, &lines, &tables, &profile, opts, catalog);
    if pages == 1 {
        // a text without page breaks (the seed's form): no page numbers
        w.unpage();
    }
    // what only the narrative prints (政府采购, 车辆), as facts
    if let Some(blocks) = stated::from_narrative(&w.out, catalog) {
        w.out.push('\n');
        w.out.push_str(&blocks);
    }
    let budget = crate::format::format(&w.out).unwrap_or_else(|_| w.out.clone());
    Imported {
        budget: Some(budget),
        diagnostics: w.diagnostics,
        profile: Some(profile),
    }
}

/// I009 at each table whose header prints another department than the one
/// most tables print (a table pasted from another document, a typo).
fn other_departments(w: &mut Writer, reads: &[facts::Read], lines: &[Line], department: &str) {
    for r in reads {
        let Some(other) = r.grid.department.as_deref().filter(|o| *o != department) else {
            continue;
        };
        let l = &lines[r.table.title_line];
        w.diagnostics.push(
            Diagnostic::warning(
                Code::I009,
                span_of(l),
                t!("第{}页 表{} 表头的部门是“{}”，其他表是“{}”", l.page, r.table.number, other, department;
                   "page {}, table {}: its header names `{}`, the other tables `{}`", l.page, r.table.number, other, department),
            )
            .help(Text::new(
                "核对这张表的表头：是从另一个部门的文件复制来的，还是名称打错了",
                "check the table's header: copied from another department's document, or a typo",
            )),
        );
    }
}

/// I009 at a cover line (before the first table) that names another
/// department than the tables do: `预算主管部门：…` (a unit's document:
/// `预算单位：…`); and at a heading that names the department mistyped.
fn cover_department(w: &mut Writer, lines: &[Line], tables: &[Table], department: &str) {
    let name: Vec<Vec<char>> = vec![department.chars().collect()];
    // a heading naming the department mistyped (`…人民政府办工室主要职能`)
    let long = name[0].len() >= crate::check::names::MIN_NAME;
    for l in lines.iter().filter(|l| long && prose::heading(l).is_some()) {
        for (s, e, _) in crate::check::names::near_misses(&l.text, &name) {
            w.diagnostics.push(
                Diagnostic::warning(
                    Code::I009,
                    span_of(l),
                    t!("第{}页 标题中的“{}”与部门“{}”相近而不同", l.page, &l.text[s..e], department;
                       "page {}: the heading's `{}` is almost the department `{}`, but not it", l.page, &l.text[s..e], department),
                )
                .help(Text::new("核对标题中的名称", "check the name in the heading")),
            );
        }
    }
    let end = tables.first().map_or(0, |t| t.title_line).min(lines.len());
    let squeeze = |s: &str| s.chars().filter(|c| !c.is_whitespace()).collect::<String>();
    for l in &lines[..end] {
        let text = squeeze(&l.text);
        let Some(named) = ["预算主管部门", "预算单位"].iter().find_map(|k| {
            let v = text.strip_prefix(k)?.strip_prefix(['：', ':'])?;
            (!v.is_empty()).then(|| v.to_string())
        }) else {
            continue;
        };
        if named == squeeze(department) {
            continue;
        }
        w.diagnostics.push(
            Diagnostic::warning(
                Code::I009,
                span_of(l),
                t!("第{}页 封面的部门是“{}”，表头是“{}”", l.page, named, department;
                   "page {}: the cover names `{}`, the tables' headers `{}`", l.page, named, department),
            )
            .help(Text::new(
                "核对封面上的名称：多半打错了，或是从另一个部门的文件复制来的",
                "check the name on the cover: most likely a typo, or copied from another department's document",
            )),
        );
    }
}

fn span_of(line: &Line) -> Span {
    Span::new(line.start, line.end)
}

/// A table title without its year, spaces and bracket widths, a unit's
/// document's 单位 read as 部门: what a printed title and a profile's
/// `title` are compared by.
pub(crate) fn title_key(title: &str) -> String {
    let s: String = title
        .replace("{{ year }}", "")
        .replace("{{year}}", "")
        .chars()
        .filter(|c| !c.is_whitespace())
        .map(|c| match c {
            '(' => '（',
            ')' => '）',
            c => c,
        })
        .collect();
    let s = s
        .trim_start_matches(|c: char| c.is_ascii_digit())
        .trim_start_matches('年');
    s.replace("预算单位", "部门").replace("单位", "部门")
}

/// A profile's table definitions (its `tables.toml`), by the profile's name,
/// their titles in the words of the department's document (`{{ doc.tables }}`
/// → 部门, from its document.toml's `[words]`).
pub(crate) fn profile_tables(name: &str) -> Option<crate::render::tables::TableFile> {
    let (_, id) = crate::profiles::NAMES.iter().find(|(n, _)| *n == name)?;
    let p = crate::render::Profile::get(id)?;
    let src = p.file("tables.toml").ok()?;
    let mut file: crate::render::tables::TableFile = toml::from_str(src).ok()?;
    let words = crate::profiles::words(id);
    for def in &mut file.table {
        for (k, v) in &words {
            def.title = def.title.replace(&format!("{{{{ doc.{k} }}}}"), v);
        }
    }
    Some(file)
}

/// The profile whose table titles the document's tables match most.
fn recognise_profile(tables: &[Table]) -> Option<String> {
    let titles: Vec<String> = tables.iter().map(|t| title_key(&t.title)).collect();
    let mut best: Option<(usize, &str)> = None;
    for (name, _) in crate::profiles::NAMES {
        let Some(file) = profile_tables(name) else {
            continue;
        };
        let score = file
            .table
            .iter()
            .filter(|d| titles.contains(&title_key(&d.title)))
            .count();
        if score > 0 && best.is_none_or(|(b, _)| score > b) {
            best = Some((score, name));
        }
    }
    best.map(|(_, n)| n.to_string())
}

/// The generated text and the diagnostics.
#[derive(Default)]
pub(crate) struct Writer {
    out: String,
    depth: usize,
    diagnostics: Vec<Diagnostic>,
}

impl Writer {
    /// Drop the page numbers (all 1) from the comments and messages.
    fn unpage(&mut self) {
        let out: Vec<String> = self
            .out
            .lines()
            .map(|l| {
                if l.trim_start().starts_with('#') {
                    l.replace("第1页 ", "").replace("（第1页）", "")
                } else {
                    l.to_string()
                }
            })
            .collect();
        self.out = out.join("\n") + "\n";
        for d in &mut self.diagnostics {
            d.message.zh = d.message.zh.replace("第1页 ", "").into();
            d.message.en = d.message.en.replace("page 1, ", "").into();
        }
    }
    fn indent(&mut self) {
        for _ in 0..self.depth {
            self.out.push_str("  ");
        }
    }
    pub fn line(&mut self, s: &str) {
        self.indent();
        self.out.push_str(s);
        self.out.push('\n');
    }
    pub fn blank(&mut self) {
        if !self.out.ends_with("\n\n") && !self.out.is_empty() {
            self.out.push('\n');
        }
    }
    pub fn comment(&mut self, s: &str) {
        for l in s.lines() {
            self.indent();
            self.out.push_str("# ");
            self.out.push_str(l.trim_end());
            self.out.push('\n');
        }
    }
    pub fn open(&mut self, head: &str) {
        self.line(&format!("{head} {{"));
        self.depth += 1;
    }
    pub fn close(&mut self) {
        self.depth = self.depth.saturating_sub(1);
        self.line("}");
    }
    pub fn warn(&mut self, span: Span, message: Text) {
        self.diagnostics.push(
            Diagnostic::warning(Code::I004, span, message).help(Text::new(
                "原文保留为注释；请核对后手工写入",
                "the printed text is kept as a comment; check it and write it by hand",
            )),
        );
    }
    /// Warn about one line of a table and keep nothing else.
    pub fn warn_line(&mut self, lines: &[Line], line: usize, table: &Table, zh: &str, en: &str) {
        let l = &lines[line];
        let row = table
            .lines
            .iter()
            .position(|&i| i == line)
            .map(|p| p + 1)
            .unwrap_or(0);
        let message = if lines.last().is_some_and(|x| x.page > 1) {
            t!("第{}页 表{} 第{}行：{}", l.page, table.number, row, zh;
               "page {}, table {}, line {}: {}", l.page, table.number, row, en)
        } else {
            t!("表{} 第{}行（原文第{}行）：{}", table.number, row, l.no, zh;
               "table {}, line {} (line {} of the text): {}", table.number, row, l.no, en)
        };
        self.warn(span_of(l), message);
    }
}

/// A table line that cannot be placed: kept as a comment, reported.
pub(crate) fn unplaced(
    w: &mut Writer,
    lines: &[Line],
    line: usize,
    table: &Table,
    zh: &str,
    en: &str,
) {
    w.comment(&format!(
        "未能识别（第{}页）：{}",
        lines[line].page, lines[line].text
    ));
    w.warn_line(lines, line, table, zh, en);
}

/// A string value with the language's escapes.
pub fn quote(s: &str) -> String {
    let mut out = String::from("\"");
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c if c.is_control() && c != '\n' => {}
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

fn write_document(
    w: &mut Writer,
    input: &str,
    lines: &[Line],
    tables: &[Table],
    profile: &str,
    opts: &ImportOptions,
    catalog: &Catalog,
) {
    let reads = facts::read_all(tables, lines, catalog);
    let head = prose::header(lines, tables, &reads);
    let file_unit = reads
        .iter()
        .find(|r| r.kind == facts::Kind::ExpenditureTree)
        .or_else(|| reads.iter().find(|r| r.kind == facts::Kind::Summary))
        .and_then(|r| r.grid.unit.clone())
        .unwrap_or_else(|| "万元".to_string());
    write_header(w, lines, &reads, &head, profile, &file_unit, opts);
    if let Some(d) = &head.department {
        cover_department(w, lines, tables, d);
    }
    write_conventions(w, lines, &reads, profile, &file_unit, opts);
    w.blank();
    let units = prose::write_prose(w, input, lines, tables, head.department.as_deref(), &reads);
    w.blank();
    let stated = facts::income(&reads, lines, &file_unit, w);
    facts::summary_expenditure(&reads, lines, w);
    w.blank();
    if !facts::expenditure(&reads, lines, &file_unit, &stated, w) {
        w.diagnostics.push(
            Diagnostic::error(
                Code::I006,
                span_of(&lines[tables[0].title_line]),
                Text::new("缺少支出总表（或一般公共预算支出表）", "no 支出总表 (or 一般公共预算支出 table)"),
            )
            .help(Text::new(
                "文件缺少必需的表，或表名未能识别；导入的文件中没有写出支出",
                "the document lacks a required table, or its title is not recognised; no expenditure is written",
            )),
        );
    }
    w.blank();
    facts::economic(&reads, lines, &file_unit, catalog, w);
    w.blank();
    facts::three_public(&reads, lines, &file_unit, w);
    facts::admin_cost(&reads, &file_unit, w);
    w.blank();
    projects::write(
        w,
        input,
        lines,
        &reads,
        &units,
        head.department.as_deref(),
        &file_unit,
    );
    w.blank();
    for r in &reads {
        leftovers(w, lines, r);
    }
}

/// The header statements: 年度, 部门 (and 部门编码), 口径, 文件类型, 金额单位.
fn write_header(
    w: &mut Writer,
    lines: &[Line],
    reads: &[facts::Read],
    head: &prose::Header,
    profile: &str,
    file_unit: &str,
    opts: &ImportOptions,
) {
    w.comment(&format!(
        "由 budget import 从 {} 导入：请核对注释中保留的未识别内容",
        if opts.source_name.is_empty() {
            "文本"
        } else {
            &opts.source_name
        }
    ));
    w.blank();
    match head.year {
        Some(y) => w.line(&format!("年度 {y}")),
        None => w.warn(Span::new(0, 0), Text::new("未找到年度", "no year found")),
    }
    match &head.department {
        Some(d) => {
            other_departments(w, reads, lines, d);
            w.line(&format!("部门 {}", quote(d)));
            if let Some(code) = grids::department_code(lines, d) {
                w.line(&format!("部门编码 {code}  # 绩效目标申报表所印"));
            }
        }
        None => w.warn(
            Span::new(0, 0),
            Text::new("未找到部门名称", "no department name found"),
        ),
    }
    w.line(&format!("口径 {profile}"));
    if head.unit_document {
        w.line("文件类型 单位预算  # 预算单位自己的文件");
    }
    w.line(&format!("金额单位 {file_unit}"));
    if file_unit == "万元" {
        w.line("转录精度 0.01  # 表格以万元印至两位小数：所印各数是舍入后的数");
    }
}

/// The print conventions the tables show (排版) and the rounding of a 万元
/// table in a 元 document (舍入).
fn write_conventions(
    w: &mut Writer,
    lines: &[Line],
    reads: &[facts::Read],
    profile: &str,
    file_unit: &str,
    opts: &ImportOptions,
) {
    let print = if opts.cell_values {
        Vec::new()
    } else {
        facts::print_conventions(reads, lines, file_unit, profile_tables(profile).as_ref())
    };
    if !print.is_empty() {
        w.comment("表格的印法（从所印数字读出）");
        w.open("排版");
        for p in &print {
            w.line(p);
        }
        w.close();
    }
    if let Some(r) = facts::rounding(reads, file_unit) {
        w.comment("以万元印的表（“三公”经费表）与说明中的数是舍入到0.01万元的数");
        w.line(r);
    }
}

/// What a table read leaves: its unplaced lines (I004), text in amount
/// cells (I007), an empty table's note, a table kind not imported yet.
fn leftovers(w: &mut Writer, lines: &[Line], r: &facts::Read) {
    let two_sided = matches!(r.kind, facts::Kind::Summary | facts::Kind::FiscalSummary);
    for &i in r.grid.unplaced.iter().filter(|_| !two_sided) {
        unplaced(w, lines, i, r.table, "未能识别", "not recognised");
    }
    for row in r.grid.rows.iter().filter(|_| !two_sided) {
        for (_, text, (start, end)) in &row.bad {
            w.diagnostics.push(
                Diagnostic::error(
                    Code::I007,
                    Span::new(*start, *end),
                    t!("表{} 第{}行：金额栏中是文字“{}”", r.table.number, lines[row.line].no, text;
                       "table {}, line {}: text `{}` in an amount cell", r.table.number, lines[row.line].no, text),
                )
                .help(Text::new("金额栏只能填数字（可带千位分隔符）或留空", "an amount cell holds a number (with or without separators) or nothing")),
            );
        }
    }
    if r.grid.rows.is_empty() {
        if let Some(note) = &r.grid.note {
            w.comment(&format!(
                "第{}页 表{} {}：{note}",
                r.table.page, r.table.number, r.table.title
            ));
        }
    }
    if r.kind == facts::Kind::Other {
        kept_as_comments(
            w,
            lines,
            r,
            Text::new("此表尚未导入", "this table is not imported yet"),
        );
    }
}

/// A table not imported (`why`): its rows kept as comments, reported (I004).
pub(crate) fn kept_as_comments(w: &mut Writer, lines: &[Line], r: &facts::Read, why: Text) {
    if r.grid.rows.is_empty() {
        return;
    }
    w.comment(&format!(
        "第{}页 表{} {}：{}（保留原文）",
        r.table.page, r.table.number, r.table.title, why.zh
    ));
    for row in &r.grid.rows {
        w.comment(&lines[row.line].text);
    }
    w.warn(
        span_of(&lines[r.table.title_line]),
        t!("第{}页 表{} {}：{}，原文保留为注释", r.table.page, r.table.number, r.table.title, why.zh;
           "page {}, table {} {}: {}; kept as comments", r.table.page, r.table.number, r.table.title, why.en),
    );
}
