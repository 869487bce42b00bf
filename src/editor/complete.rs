//! Completion: codes with their catalog names, keywords, indicator levels,
//! unit names and the words a value may be.
//!
//! The context is read from the syntax tree (the error recovery keeps every
//! statement that parses, closing an unclosed string or block where it most
//! likely ends): the blocks around the cursor, the statement whose head it
//! is in, the values written before it and the one being typed.

use super::{tr, Analysis, Position, Range, TextEdit};
use crate::catalog::{Catalog, CodeKind, Entry, Level};
use crate::check::lower::PROFILES;
use crate::diagnostic::{Lang, Span};
use crate::model::Source;
use crate::schema::{self, Place};
use crate::syntax::ast::{File, Stmt, Value};
use crate::syntax::{self, write_text};
use serde::Serialize;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum CompletionKind {
    Keyword,
    /// A classification code.
    Code,
    /// A value from a closed list (类型, 口径, a source …).
    Value,
    /// A budget unit's name.
    Unit,
    /// A performance indicator level.
    Indicator,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CompletionItem {
    pub label: String,
    pub kind: CompletionKind,
    pub detail: Option<String>,
    /// What the editor matches the typed prefix against.
    pub filter_text: String,
    pub sort_text: String,
    /// Replaces the prefix being typed.
    pub edit: TextEdit,
}

const VEHICLE_KEYS: &[&str] = &[
    "编制",
    "实有",
    "领导用车",
    "机要通信用车",
    "应急保障用车",
    "执法执勤用车",
    "特种专业技术用车",
    "事业单位业务用车",
    "其他公务用车",
];
const CELL_FACT_WORDS: &[&str] = crate::check::lower::narrative::LINE_FACT_WORDS;
const CELL_WORDS: &[&str] = &["基本", "项目", "结转", "合计"];
const ECONOMIC_CELL_WORDS: &[&str] = &["人员", "公用", "合计", "政府"];

/// Where the cursor is, read from the syntax tree.
#[derive(Debug, Default)]
struct Context {
    /// The values before `{` of each enclosing block, outermost first.
    blocks: Vec<Vec<String>>,
    /// The complete values of the statement being written.
    words: Vec<String>,
    /// The value being typed, as written, and where it starts.
    partial: String,
    partial_start: usize,
    in_comment: bool,
    /// The statement whose head the cursor is in (none: it does not parse).
    stmt: Option<Span>,
}

/// Whether `off` is inside the block of `stmts[i]`: after its `{`, and
/// before its `}`; the error recovery closes an unclosed block after its
/// last line, and the last statement's runs on to the end.
fn inside(text: &str, stmts: &[Stmt], i: usize, off: usize) -> bool {
    let Some(b) = stmts.get(i).and_then(|s| s.block.as_ref()) else {
        return false;
    };
    let closed = text.as_bytes().get(b.span.end.wrapping_sub(1)) == Some(&b'}');
    let open_end = !closed && i + 1 == stmts.len();
    b.span.start < off && (off < b.span.end || open_end || (!closed && off == b.span.end))
}

/// The statement whose head the cursor is in, or after on its line (the
/// recovery may end an unclosed block's last statement before its blanks).
fn at_head(text: &str, s: &Stmt, off: usize) -> bool {
    let end = s.block.as_ref().map_or(s.span.end, |b| b.span.start);
    let blank_after = || {
        s.block.is_none()
            && text
                .get(end..off)
                .is_some_and(|gap| gap.chars().all(|c| matches!(c, ' ' | '\t' | '\u{3000}')))
    };
    s.span.start <= off && (off <= end || blank_after())
}

/// The start of the word or number being typed before `off`: the tree has
/// none when its statement does not parse yet (`≥` with no number).
fn token_start(text: &str, off: usize) -> usize {
    text[..off]
        .char_indices()
        .rev()
        .take_while(|(_, c)| !(c.is_whitespace() || "\"{};#".contains(*c)))
        .last()
        .map_or(off, |(i, _)| i)
}

/// The context at `off`, from the tree of the text before it: blocks opened
/// there are closed at its end by the error recovery, and a string being
/// typed is closed at the cursor when its statement parses only so.
fn context(text: &str, off: usize) -> Context {
    let off = crate::diagnostic::floor_char_boundary(text, off.min(text.len()));
    let prefix = &text[..off];
    let cx = read(&syntax::parse(prefix).file, prefix, off);
    if cx.stmt.is_some() || cx.in_comment {
        return cx;
    }
    let closed = format!("{prefix}\"");
    match read(&syntax::parse(&closed).file, &closed, off) {
        c if c.stmt.is_some() && c.partial.starts_with('"') => c,
        _ => cx,
    }
}

/// The context at `off` in a tree of `text`.
fn read(file: &File, text: &str, off: usize) -> Context {
    let mut cx = Context {
        partial_start: off,
        ..Context::default()
    };
    if file
        .comments()
        .iter()
        .any(|c| c.span.start < off && off <= c.span.end)
    {
        cx.in_comment = true;
        return cx;
    }
    let mut stmts = file.stmts.as_slice();
    while let Some(s) = (0..stmts.len())
        .find(|&i| inside(text, stmts, i, off))
        .map(|i| &stmts[i])
    {
        cx.blocks.push(s.values.iter().map(Value::text).collect());
        stmts = s.children();
    }
    match stmts.iter().find(|s| at_head(text, s, off)) {
        Some(s) => {
            cx.stmt = Some(s.span);
            for v in &s.values {
                if v.span.end < off {
                    cx.words.push(v.text());
                } else if v.span.start < off {
                    cx.partial_start = v.span.start;
                    break;
                }
            }
        }
        None => cx.partial_start = token_start(text, off),
    }
    cx.partial = text[cx.partial_start..off].to_string();
    cx
}

struct Out<'a> {
    a: &'a Analysis,
    lang: Lang,
    range: Range,
    partial: String,
    items: Vec<CompletionItem>,
}

impl Out<'_> {
    fn push(
        &mut self,
        label: String,
        insert: String,
        kind: CompletionKind,
        detail: Option<String>,
        filter: String,
        sort: String,
    ) {
        // The editor filters too; drop what cannot match to keep lists short.
        let p = self.partial.trim_start_matches('"');
        if !p.is_empty() && !filter.contains(p) && !label.contains(p) {
            return;
        }
        if self.items.iter().any(|i| i.label == label) {
            return;
        }
        self.items.push(CompletionItem {
            label,
            kind,
            detail,
            filter_text: filter,
            sort_text: sort,
            edit: TextEdit {
                range: self.range,
                new_text: insert,
            },
        });
    }
    fn words(&mut self, words: &[&str], kind: CompletionKind, detail: &str) {
        for (i, w) in words.iter().enumerate() {
            let d = (!detail.is_empty()).then(|| detail.to_string());
            self.push(
                w.to_string(),
                w.to_string(),
                kind,
                d,
                w.to_string(),
                format!("5{i:03}"),
            );
        }
    }
    /// The schema's keys of a place, each with its doc (`order` groups them
    /// among the other items).
    fn keys(&mut self, place: Place, order: &str) {
        for (i, k) in schema::keys(place).enumerate() {
            self.push(
                k.word.to_string(),
                k.word.to_string(),
                CompletionKind::Keyword,
                Some(tr(self.lang, k.zh, k.en)),
                k.word.to_string(),
                format!("{order}{i:03}"),
            );
        }
    }
    fn sources(&mut self) {
        let names: Vec<&str> = Source::ALL.iter().map(|s| s.name_zh()).collect();
        let d = tr(self.lang, "资金来源", "funding source");
        self.words(&names, CompletionKind::Value, &d);
    }
    fn units(&mut self) {
        let names: Vec<String> = self
            .a
            .checked
            .budget
            .units
            .iter()
            .map(|u| u.name.text.to_string())
            .collect();
        let d = tr(self.lang, "预算单位", "budget unit");
        for (i, n) in names.iter().enumerate() {
            let insert = write_text(n);
            self.push(
                n.clone(),
                insert.clone(),
                CompletionKind::Unit,
                Some(d.clone()),
                insert,
                format!("0{i:03}"),
            );
        }
    }
    /// Codes of `kind` starting with the typed digits. `with_name`: insert
    /// `CODE NAME` (a new table line) rather than the code alone.
    fn codes(&mut self, catalog: &Catalog, kind: CodeKind, only: Option<Level>, with_name: bool) {
        let prefix: String = self
            .partial
            .chars()
            .take_while(char::is_ascii_digit)
            .collect();
        if prefix.len() != self.partial.len() {
            return;
        }
        // codes written in the file first (a project's 功能 is one of them)
        let written: Vec<String> = if kind == CodeKind::Function {
            self.a
                .checked
                .budget
                .expenditure
                .rows
                .iter()
                .map(|r| r.code.to_string())
                .collect()
        } else {
            Vec::new()
        };
        let entries: Vec<&Entry> = catalog
            .with_prefix(kind, &prefix)
            .filter(|e| only.is_none_or(|l| e.level == l))
            .take(400)
            .collect();
        for e in entries {
            let parent = e
                .parent
                .as_deref()
                .and_then(|p| catalog.get(kind, p))
                .map(|p| format!(" · {}", p.name))
                .unwrap_or_default();
            let detail = format!("{} {}{parent}", kind.name_zh(), e.level.name_zh());
            let label = format!("{} {}", e.code, e.name);
            let insert = if with_name {
                format!("{} {}", e.code, write_text(&e.name))
            } else {
                e.code.clone()
            };
            let rank = if written.contains(&e.code) { 0 } else { 1 };
            self.push(
                label,
                insert,
                CompletionKind::Code,
                Some(detail),
                e.code.clone(),
                format!("{rank}{}", e.code),
            );
        }
        // codes written in the file that the catalog does not know
        for code in written {
            if !code.starts_with(&prefix) || catalog.get(kind, &code).is_some() {
                continue;
            }
            if only == Some(Level::Xiang) && code.len() != 7 {
                continue;
            }
            let d = tr(self.lang, "文件中的科目", "a code in this file");
            self.push(
                code.clone(),
                code.clone(),
                CompletionKind::Code,
                Some(d),
                code.clone(),
                format!("0{code}"),
            );
        }
    }
}

fn is_code(s: &str) -> bool {
    !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit())
}

/// Completions at `pos`.
pub fn complete(a: &Analysis, pos: Position, lang: Lang, catalog: &Catalog) -> Vec<CompletionItem> {
    let off = a.offset(pos);
    let cx = context(&a.text, off);
    if cx.in_comment {
        return Vec::new();
    }
    let mut out = Out {
        a,
        lang,
        range: a.range(Span::new(cx.partial_start, off)),
        partial: cx.partial.clone(),
        items: Vec::new(),
    };
    let heads: Vec<&str> = cx
        .blocks
        .iter()
        .map(|b| b.first().map(String::as_str).unwrap_or(""))
        .collect();
    // performance indicators: 绩效指标 { 一级 { 二级 { 三级 值 } } }
    if let Some(k) = heads.iter().rposition(|h| *h == "绩效指标") {
        if cx.words.is_empty() {
            indicators(&mut out, &heads[k + 1..]);
        }
        return out.items;
    }
    let inner = heads.last().copied();
    let parent = heads
        .len()
        .checked_sub(2)
        .and_then(|i| heads.get(i))
        .copied();
    match cx.words.first() {
        None => head_items(&mut out, catalog, inner, parent),
        Some(head) => after_head(&mut out, catalog, &cx, inner, head),
    }
    out.items
}

/// The indicator levels under `绩效指标` (`levels`: the blocks inside it),
/// from the profile's taxonomy.
fn indicators(out: &mut Out, levels: &[&str]) {
    let lang = out.lang;
    let tax = crate::profiles::indicators_for(&out.a.checked.budget);
    match levels {
        [] => {
            let d = tr(lang, "一级指标", "level-1 indicator");
            for (i, l1) in tax.indicators.iter().enumerate() {
                let n = &l1.name;
                let kids: Vec<&str> = l1.level2.iter().map(|k| k.name.as_str()).collect();
                let detail = format!("{d}：{}", kids.join("、"));
                out.push(
                    n.to_string(),
                    n.to_string(),
                    CompletionKind::Indicator,
                    Some(detail),
                    n.to_string(),
                    format!("{i}"),
                );
            }
        }
        [l1] => {
            let l1 = tax.canonical(l1);
            let Some(kids) = tax.allowed_under(l1) else {
                return;
            };
            let d = tr(
                lang,
                format!("二级指标（{l1}）"),
                format!("level-2 indicator under {l1}"),
            );
            for (i, n) in kids.iter().enumerate() {
                out.push(
                    n.to_string(),
                    n.to_string(),
                    CompletionKind::Indicator,
                    Some(d.clone()),
                    n.to_string(),
                    format!("{i}"),
                );
            }
        }
        _ => {}
    }
}

/// What may start a statement in the block `inner` (inside `parent`).
fn head_items(out: &mut Out, catalog: &Catalog, inner: Option<&str>, parent: Option<&str>) {
    let lang = out.lang;
    let kw = CompletionKind::Keyword;
    match inner {
        None => out.keys(Place::Top, "0"),
        Some("支出") => {
            out.codes(catalog, CodeKind::Function, None, true);
            out.keys(Place::Expenditure, "5");
        }
        Some(c) if is_code(c) && parent == Some("支出") => {
            out.words(CELL_WORDS, kw, "");
            out.sources();
        }
        Some("基本支出") => {
            out.codes(catalog, CodeKind::EconomicDepartment, None, true);
            out.keys(Place::Economic, "5");
        }
        Some("机关运行经费") => {
            out.units();
            out.words(&["合计"], kw, "");
        }
        Some("车辆") if parent == Some("国有资产") => out.words(VEHICLE_KEYS, kw, ""),
        Some("原因") if parent == Some("上年") => out.keys(Place::LastYearReasons, "5"),
        Some("声明") => {
            let d = tr(lang, "声明的事实", "the fact a claim is about");
            out.words(&crate::check::narrative::facts::label_words(), kw, &d);
            out.words(&["表1", "表2", "表3", "表4", "表5", "表8"], kw, "");
        }
        // every other block: the keys the schema declares there
        Some(block) => {
            if let Some(place) = schema::block_place(block, parent) {
                out.keys(place, "5");
            }
        }
    }
}

/// What may follow the values written after a statement's `head`.
fn after_head(out: &mut Out, catalog: &Catalog, cx: &Context, inner: Option<&str>, head: &str) {
    let lang = out.lang;
    let kw = CompletionKind::Keyword;
    let val = CompletionKind::Value;
    let last = cx.words.last().map(String::as_str);
    match (inner, Some(head)) {
        (Some("声明"), Some(h)) if h.starts_with('表') && cx.words.len() == 1 => {
            let d = tr(lang, "声明的事实", "the fact a claim is about");
            out.words(&crate::check::narrative::facts::label_words(), kw, &d);
            out.codes(catalog, CodeKind::Function, None, false);
        }
        (None, Some("口径")) => {
            let names: Vec<&str> = PROFILES.iter().map(|(w, _)| *w).collect();
            out.words(&names, val, "");
        }
        (None, Some("文件类型")) => out.words(&["部门预算", "单位预算"], val, ""),
        (None, Some("金额单位")) => {
            let d = tr(lang, "金额单位", "amount unit");
            out.words(&["万元", "元"], val, &d);
        }
        (None, Some("基本支出")) if cx.words.len() == 1 => out.units(),
        (Some("单位"), Some("类型")) => out.words(&["行政", "参公", "事业"], val, ""),
        (Some("项目"), Some("单位")) => out.units(),
        (Some("项目"), Some("类别")) => out.words(&["其他运转类", "特定目标类"], val, ""),
        (Some("项目"), Some("功能" | "功能科目")) => {
            out.codes(catalog, CodeKind::Function, Some(Level::Xiang), false)
        }
        (Some("项目"), Some("绩效公开")) => out.words(&["是", "否"], val, ""),
        (Some("项目" | "收入" | "三公经费"), Some("上年结转" | "金额")) if cx.words.len() == 1 => {
            out.sources()
        }
        (Some("三公经费"), Some(_)) => out.sources(),
        (Some("绩效目标" | "整体绩效"), Some("绩效指标")) => {
            out.words(&["实施期", "年度"], val, "")
        }
        (Some("支出"), Some(code)) if is_code(code) => {
            if cx.words.len() == 1 && !is_code(&cx.partial) {
                if let Some(e) = catalog.get(CodeKind::Function, code) {
                    let d = tr(lang, "目录名称", "catalog name");
                    let n = write_text(&e.name);
                    out.push(e.name.clone(), n.clone(), val, Some(d), n, "0".into());
                }
            }
            if !matches!(last, Some("合计" | "上年" | "上年执行" | "用途" | "原因")) {
                out.words(CELL_WORDS, kw, "");
                out.words(CELL_FACT_WORDS, kw, "");
                out.sources();
            }
        }
        (Some("基本支出"), Some(code)) if is_code(code) => {
            if last == Some("政府") {
                out.codes(catalog, CodeKind::EconomicGovernment, None, false);
            } else {
                if cx.words.len() == 1 {
                    if let Some(e) = catalog.get(CodeKind::EconomicDepartment, code) {
                        let d = tr(lang, "目录名称", "catalog name");
                        let n = write_text(&e.name);
                        out.push(e.name.clone(), n.clone(), val, Some(d), n, "0".into());
                    }
                }
                out.words(ECONOMIC_CELL_WORDS, kw, "");
            }
        }
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cx(text: &str) -> Context {
        context(text, text.len())
    }

    #[test]
    fn the_tree_gives_blocks_and_partial() {
        let c = cx("项目 \"甲 乙\" {\n  绩效目标 {\n    实施期资金 { 中央 0; 省");
        let heads: Vec<&str> = c.blocks.iter().map(|b| b[0].as_str()).collect();
        assert_eq!(heads, ["项目", "绩效目标", "实施期资金"]);
        assert_eq!(c.blocks[0][1], "甲 乙");
        assert!(c.words.is_empty());
        assert_eq!(c.partial, "省");
        let c = cx("支出 {\n  2011301 行");
        assert_eq!(c.words, ["2011301"]);
        assert_eq!(c.partial, "行");
        assert!(cx("a # 支出 {").in_comment);
        let c = cx("项目 x {\n  单位 \"山西");
        assert_eq!(c.blocks.len(), 1);
        assert_eq!(c.words, ["单位"]);
        assert_eq!(c.partial, "\"山西");
        // a closed block is left at its `}`; a new line is a new statement
        let c = cx("支出 { 2011301 行政运行 }");
        assert!(c.blocks.is_empty() && c.words.is_empty());
        let c = cx("支出 {\n  2011301 行政运行 \n  ");
        assert_eq!(c.blocks.len(), 1);
        assert!(c.words.is_empty() && c.partial.is_empty());
        // a statement that does not parse yet: only the word being typed
        let c = cx("支出 {\n  2011301 行政运行 基本 ≥");
        assert_eq!((c.blocks.len(), c.partial.as_str()), (1, "≥"));
    }
}
