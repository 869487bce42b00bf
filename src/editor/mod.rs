//! Editor features, pure: what the language server (`budget lsp`) answers.
//!
//! Everything here works on an [`Analysis`] — one checked text with its
//! syntax tree and line index — and returns plain, LSP-shaped values with
//! UTF-16 positions ([`position`]); the server (`src/cli/lsp.rs`) only
//! converts them to the protocol's types. No function here panics on any
//! text or position: positions are clamped, and a place that means nothing
//! gives an empty answer.

pub mod actions;
pub mod complete;
pub mod hover;
pub mod navigate;
pub mod position;
pub mod symbols;
pub mod units;
pub mod years;

use crate::check::{check_file_tree, check_parsed, check_tree, Checked, Options};
use crate::diagnostic::{Code, Diagnostic, Lang, Severity, Span};
use crate::syntax::ast::{File, Stmt, Value};
pub use position::{LineIndex, Position, Range};
use serde::Serialize;

/// One text, checked: what every editor feature reads.
#[derive(Debug, Clone)]
pub struct Analysis {
    pub text: String,
    pub index: LineIndex,
    pub file: File,
    pub checked: Checked,
    /// The file's path, when it has one: the files it names (`上年 文件`)
    /// are then read ([`Analysis::for_file`]).
    pub path: Option<std::path::PathBuf>,
}

impl Analysis {
    pub fn new(text: impl Into<String>, options: &Options) -> Analysis {
        let text = text.into();
        let (file, checked) = check_tree(&text, options);
        Analysis {
            index: LineIndex::new(&text),
            text,
            file,
            checked,
            path: None,
        }
    }

    /// [`Analysis::new_cached`] of the file at `path`, reading the files it
    /// names through `sources` (the server: open documents, then the disk).
    pub fn for_file(
        path: &std::path::Path,
        text: impl Into<String>,
        options: &Options,
        sources: &dyn crate::files::Sources,
        cache: &mut crate::syntax::ParseCache,
    ) -> Analysis {
        let text = text.into();
        let parsed = crate::syntax::parse_cached(&text, cache);
        let (file, checked) = check_file_tree(path, parsed, options, sources);
        Analysis {
            index: LineIndex::new(&text),
            text,
            file,
            checked,
            path: Some(path.to_path_buf()),
        }
    }

    /// [`Analysis::new`], reusing the statements parsed for earlier
    /// versions of the text (what the language server does on every change).
    pub fn new_cached(
        text: impl Into<String>,
        options: &Options,
        cache: &mut crate::syntax::ParseCache,
    ) -> Analysis {
        let text = text.into();
        let parsed = crate::syntax::parse_cached(&text, cache);
        let (file, checked) = check_parsed(parsed, options);
        Analysis {
            index: LineIndex::new(&text),
            text,
            file,
            checked,
            path: None,
        }
    }

    pub fn range(&self, span: Span) -> Range {
        self.index.range(&self.text, span)
    }

    pub fn offset(&self, pos: Position) -> usize {
        self.index.offset(&self.text, pos)
    }

    /// The innermost statements containing `offset`, outermost first.
    pub fn stmt_path(&self, offset: usize) -> Vec<&Stmt> {
        let mut path = Vec::new();
        let mut stmts = &self.file.stmts[..];
        while let Some(s) = stmts
            .iter()
            .find(|s| s.span.start <= offset && offset <= s.end())
        {
            path.push(s);
            match &s.block {
                Some(b) if b.span.start < offset && offset < b.span.end => stmts = &b.stmts,
                _ => break,
            }
        }
        path
    }

    /// The value under `offset` (its end counts: a cursor right after a word is on it).
    pub fn value_at(&self, offset: usize) -> Option<(&Stmt, &Value)> {
        let path = self.stmt_path(offset);
        let s = path.last()?;
        let v = s
            .values
            .iter()
            .find(|v| v.span.start <= offset && offset <= v.span.end)?;
        Some((s, v))
    }
}

/// A replacement of a range by a text (an insertion when the range is empty).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TextEdit {
    pub range: Range,
    pub new_text: String,
}

/// A related place of a diagnostic.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Related {
    pub range: Range,
    pub message: String,
}

/// A diagnostic as an editor shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct EditorDiagnostic {
    pub range: Range,
    pub severity: Severity,
    pub code: Code,
    /// The message, then the help on its own line.
    pub message: String,
    pub related: Vec<Related>,
    pub fix: Option<TextEdit>,
}

/// The checker's diagnostics with editor ranges, in `lang`.
/// The diagnostics an editor shows: as `budget check` does, without the
/// warnings acknowledged by `# budget: 允许` comments (and with the L017 of
/// an acknowledgement that does nothing).
pub fn diagnostics(a: &Analysis, lang: Lang) -> Vec<EditorDiagnostic> {
    crate::acknowledge::split(&a.text, &a.checked.diagnostics)
        .shown
        .iter()
        .map(|d| editor_diagnostic(a, d, lang))
        .collect()
}

pub fn editor_diagnostic(a: &Analysis, d: &Diagnostic, lang: Lang) -> EditorDiagnostic {
    diagnostic_in(&a.text, &a.index, d, lang)
}

/// A diagnostic of the text `text` (indexed by `index`) as an editor shows it.
pub fn diagnostic_in(
    text: &str,
    index: &LineIndex,
    d: &Diagnostic,
    lang: Lang,
) -> EditorDiagnostic {
    let range = |s: Span| index.range(text, s);
    let mut message = d.message.get(lang).to_string();
    if let Some(h) = &d.help {
        message.push('\n');
        message.push_str(match lang {
            Lang::Zh => "修改：",
            Lang::En => "fix: ",
        });
        message.push_str(h.get(lang));
    }
    EditorDiagnostic {
        range: range(d.span),
        severity: d.severity,
        code: d.code,
        message,
        related: d
            .related
            .iter()
            .map(|r| Related {
                range: range(r.span),
                message: r.text.get(lang).to_string(),
            })
            .collect(),
        fix: d.fix.as_ref().map(|f| TextEdit {
            range: range(f.span),
            new_text: f.replacement.clone(),
        }),
    }
}

/// `budget fmt` as an edit of the whole text: `None` when the text does not
/// parse, an empty list when it is already formatted.
pub fn formatting(a: &Analysis) -> Option<Vec<TextEdit>> {
    let out = crate::format::format(&a.text).ok()?;
    if out == a.text {
        return Some(Vec::new());
    }
    Some(vec![TextEdit {
        range: a.range(Span::new(0, a.text.len())),
        new_text: out,
    }])
}

/// Why [`formatting`] did nothing: the first syntax error, as a message
/// naming its line and column (`None` when the text formats).
pub fn formatting_refusal(a: &Analysis, lang: Lang) -> Option<String> {
    let errors = crate::format::format(&a.text).err()?;
    let first = errors.iter().find(|d| d.is_error())?;
    let (line, col) = crate::diagnostic::line_col(&a.text, first.span.start);
    let m = first.message.get(lang);
    Some(tr(
        lang,
        format!("未格式化：第 {line} 行第 {col} 列有语法错误（{}）：{m}。改正后再格式化。", first.code),
        format!("not formatted: a syntax error at line {line}, column {col} ({}): {m}. Fix it, then format.", first.code),
    ))
}

/// A text after an editor's change: `range` replaced by `new_text` (the
/// whole text when `range` is `None`). Positions are clamped, never panic.
pub fn apply_edit(text: &str, range: Option<Range>, new_text: &str) -> String {
    let Some(range) = range else {
        return new_text.to_string();
    };
    let span = LineIndex::new(text).span(text, range);
    let mut out = String::with_capacity(text.len() + new_text.len());
    out.push_str(text.get(..span.start).unwrap_or(text));
    out.push_str(new_text);
    out.push_str(text.get(span.end..).unwrap_or(""));
    out
}

/// Pick the text of `lang`.
pub(crate) fn tr(lang: Lang, zh: impl Into<String>, en: impl Into<String>) -> String {
    match lang {
        Lang::Zh => zh.into(),
        Lang::En => en.into(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalog::Catalog;

    const DOC: &str = "年度 2024
部门 \"甲\"
金额单位 万元
单位 \"甲单位\" { 类型 行政 }
收入 {
  一般公共预算 12.84
}
支出 {
  201     一般公共服务支出 合计 12.84
  20113   商贸事务         合计 12.84
  2011301 行政运行         基本 12.84 上年 10.00
}
项目 \"经费\" {
  单位 \"甲单位\"
  功能 2011301
  绩效目标 {
    绩效指标 {
      产出指标 {
        数量指标 { 培训学习 ≥47户 }
      }
    }
  }
}
";

    fn at(a: &Analysis, needle: &str, nth: usize, plus: usize) -> Position {
        let off = a
            .text
            .match_indices(needle)
            .nth(nth)
            .map(|(i, _)| i)
            .expect("needle")
            + plus;
        a.index.position(&a.text, off)
    }

    fn analysis(text: &str) -> Analysis {
        Analysis::new(text, &Options::default())
    }

    /// A 项 line's change over its 上年 figure, as hover words it
    /// (model::change: the direction, the size, the percentage).
    #[test]
    fn hover_words_a_change_down_unchanged_and_from_nothing() {
        let cat = Catalog::builtin();
        let hover_of = |last: &str, lang: Lang| {
            let text = DOC.replace("上年 10.00", last);
            let a = analysis(&text);
            hover::hover(&a, at(&a, "2011301", 0, 1), lang, &cat)
                .map(|h| h.markdown)
                .unwrap_or_default()
        };
        let h = hover_of("上年 16.05", Lang::Zh);
        assert!(h.contains("上年 16.05万元，减少 3.21万元（20.00%）"), "{h}");
        let h = hover_of("上年 16.05", Lang::En);
        assert!(
            h.contains("last year 16.05万元, down 3.21万元 (20.00%)"),
            "{h}"
        );
        let h = hover_of("上年 12.84", Lang::Zh);
        assert!(h.contains("上年 12.84万元，持平"), "{h}");
        let h = hover_of("上年 12.84", Lang::En);
        assert!(h.contains("last year 12.84万元, unchanged"), "{h}");
        // a change from nothing has no percentage
        let h = hover_of("上年 0", Lang::Zh);
        let line = "上年 0.00万元，增加 12.84万元";
        assert!(h.lines().any(|l| l.ends_with(line)), "{h}");
    }

    #[test]
    fn hover_on_a_row_and_an_indicator() {
        let a = analysis(DOC);
        let cat = Catalog::builtin();
        let h = hover::hover(&a, at(&a, "2011301", 0, 1), Lang::Zh, &cat).expect("hover");
        assert!(h.markdown.contains("行政运行"), "{}", h.markdown);
        assert!(
            h.markdown
                .contains("上年 10.00万元，增加 2.84万元（28.40%）"),
            "{}",
            h.markdown
        );
        let h = hover::hover(&a, at(&a, "201 ", 0, 0), Lang::En, &cat).expect("hover");
        assert!(
            h.markdown.contains("| 20113 商贸事务 | 12.84万元 |"),
            "{}",
            h.markdown
        );
        let h = hover::hover(&a, at(&a, "≥47户", 0, 1), Lang::Zh, &cat).expect("hover");
        assert!(
            h.markdown.contains("产出指标 › 数量指标 › 培训学习"),
            "{}",
            h.markdown
        );
        assert!(
            h.markdown.contains("不低于 47") && h.markdown.contains("户"),
            "{}",
            h.markdown
        );
        let h = hover::hover(&a, at(&a, "产出指标", 0, 1), Lang::Zh, &cat).expect("hover");
        assert!(h.markdown.contains("数量指标、质量指标"), "{}", h.markdown);
        assert!(hover::hover(&a, Position::new(999, 0), Lang::Zh, &cat).is_none());
    }

    #[test]
    fn completion_in_context() {
        let cat = Catalog::builtin();
        let labels = |text: &str, lang| {
            let a = analysis(text);
            let p = a.index.position(&a.text, text.len());
            complete::complete(&a, p, lang, &cat)
                .into_iter()
                .map(|i| i.label)
                .collect::<Vec<_>>()
        };
        assert!(labels("", Lang::Zh).contains(&"收入".to_string()));
        let l = labels("支出 {\n  2011", Lang::Zh);
        assert!(l.contains(&"2011301 行政运行".to_string()), "{l:?}");
        assert!(l.iter().all(|x| x.starts_with("2011")), "{l:?}");
        let l = labels("项目 x {\n  绩效目标 {\n    绩效指标 {\n      ", Lang::Zh);
        assert_eq!(l, ["产出指标", "效益指标", "满意度指标", "成本指标"]);
        let l = labels("整体绩效 {\n  绩效指标 {\n    效益指标 {\n      ", Lang::Zh);
        assert!(
            l.contains(&"生态效益指标".to_string()) && !l.contains(&"数量指标".to_string()),
            "{l:?}"
        );
        let text = format!("{DOC}项目 y {{\n  单位 ");
        let l = labels(&text, Lang::Zh);
        assert_eq!(l, ["甲单位"]);
        let text = format!("{DOC}项目 y {{\n  功能 2011");
        let l = labels(&text, Lang::Zh);
        assert!(
            l.iter()
                .all(|x| x.split(' ').next().map(str::len) == Some(7)),
            "{l:?}"
        );
        // editors order by sort_text: the code written in the file comes first
        let a = analysis(&text);
        let p = a.index.position(&a.text, text.len());
        let mut items = complete::complete(&a, p, Lang::Zh, &cat);
        items.sort_by(|x, y| x.sort_text.cmp(&y.sort_text));
        assert_eq!(
            items.first().map(|i| i.label.as_str()),
            Some("2011301 行政运行"),
            "written codes first"
        );
        let l = labels("支出 {\n  2011301 ", Lang::Zh);
        assert_eq!(l.first().map(String::as_str), Some("行政运行"));
        assert!(labels("# 支出 {", Lang::Zh).is_empty());
        assert!(labels("金额单位 ", Lang::Zh).contains(&"万元".to_string()));
        // a reviewer's 声明: the facts' names, and after 表N the codes too
        let l = labels(&format!("{DOC}声明 {{\n  公开"), Lang::Zh);
        assert!(l.contains(&"公开项目绩效目标".to_string()), "{l:?}");
        let l = labels(&format!("{DOC}声明 {{\n  "), Lang::Zh);
        assert!(
            l.contains(&"表5".to_string()) && l.contains(&"“三公”经费".to_string()),
            "{l:?}"
        );
        let l = labels(&format!("{DOC}声明 {{\n  表5 "), Lang::Zh);
        assert!(l.contains(&"收入总计".to_string()), "{l:?}");
        assert!(l.iter().any(|x| x.starts_with("2011301")), "{l:?}");
    }

    #[test]
    fn quick_fixes() {
        let a = analysis(DOC);
        let whole = a.range(Span::new(0, a.text.len()));
        let actions = actions::code_actions(&a, whole, Lang::Zh);
        let insert = actions
            .iter()
            .find(|c| c.edits[0].new_text == "口径 山西县级\n")
            .expect("insert 口径");
        assert_eq!(insert.edits[0].range, Range::default());
        assert!(insert.title.contains("口径 山西县级"));
        let text = DOC
            .replace("合计 12.84\n  20113", "合计 13.00\n  20113")
            .replace("商贸事务", "商贸");
        let a = analysis(&text);
        let actions = actions::code_actions(&a, a.range(Span::new(0, text.len())), Lang::En);
        let edits: Vec<&str> = actions
            .iter()
            .filter(|c| c.kind == actions::ActionKind::QuickFix)
            .map(|c| c.edits[0].new_text.as_str())
            .collect();
        assert!(
            edits.contains(&"12.84") && edits.contains(&"商贸事务"),
            "{edits:?}"
        );
        let all = actions
            .iter()
            .find(|c| c.kind == actions::ActionKind::FixAll)
            .expect("fix all");
        // applying every fix leaves no fixable diagnostic
        let mut fixed = text.clone();
        for e in all.edits.iter().rev() {
            fixed = apply_edit(&fixed, Some(e.range), &e.new_text);
        }
        let after = analysis(&fixed);
        assert!(
            after.checked.diagnostics.iter().all(|d| d.fix.is_none()),
            "{:?}",
            after.checked.diagnostics
        );
    }

    #[test]
    fn fix_all_leaves_totals_within_rounding_and_explains_formatting() {
        let seed = include_str!("../../examples/jinzhong-chanyelian-2024.budget");
        let text = seed
            .replace("2011301 行政运行 ", "2011301 行政运营 ")
            .replace("  一般公共预算     1329.84", "  一般公共预箅     1329.84");
        let a = analysis(&text);
        let r8: Vec<Span> = a
            .checked
            .diagnostics
            .iter()
            .filter(|d| d.code == "R8")
            .map(|d| d.span)
            .collect();
        assert_eq!(r8.len(), 3, "the seed's rounding residuals");
        let actions = actions::code_actions(&a, a.range(Span::new(0, text.len())), Lang::Zh);
        let all = actions
            .iter()
            .find(|c| c.kind == actions::ActionKind::FixAll)
            .expect("fix all");
        assert_eq!(all.edits.len(), 2, "{:?}", all.edits);
        let mut fixed = text.clone();
        for e in all.edits.iter().rev() {
            fixed = apply_edit(&fixed, Some(e.range), &e.new_text);
        }
        assert_eq!(
            fixed, seed,
            "fix all gives back the seed, its 11.84 and 12.84 untouched"
        );
        // formatting a text with a syntax error says why it did nothing
        let broken = seed.replacen("发展水平提升。\"\n", "发展水平提升。\n", 1);
        let a = analysis(&broken);
        assert!(formatting(&a).is_none());
        let why = formatting_refusal(&a, Lang::Zh).expect("a reason");
        assert!(why.contains("第 109 行") && why.contains("L001"), "{why}");
        assert!(formatting_refusal(&analysis(seed), Lang::Zh).is_none());
        // an acknowledged warning is not shown, as in `budget check` (the
        // seed's 8: R8 ×3, P1b, P1c, P1g ×2, P1h)
        assert_eq!(diagnostics(&analysis(seed), Lang::Zh).len(), 8);
        let acked = seed.replacen(
            "商品和服务支出 合计 11.84\n",
            "商品和服务支出 合计 11.84  # budget: 允许 R8\n",
            1,
        );
        assert_eq!(diagnostics(&analysis(&acked), Lang::Zh).len(), 7);
    }

    #[test]
    fn definition_references_symbols() {
        let a = analysis(DOC);
        let d = navigate::definition(&a, at(&a, "2011301", 0, 2));
        assert_eq!(
            d,
            vec![a.range(Span::new(
                DOC.find("20113 ").expect("20113"),
                DOC.find("20113 ").expect("20113") + 5
            ))]
        );
        let d = navigate::definition(&a, at(&a, "2011301", 1, 2));
        assert_eq!(d[0].start, at(&a, "2011301", 0, 0));
        let d = navigate::definition(&a, at(&a, "\"甲单位\"", 1, 1));
        assert_eq!(d[0].start, at(&a, "\"甲单位\"", 0, 0));
        let r = navigate::references(&a, at(&a, "2011301", 0, 2), false);
        assert_eq!(
            r,
            vec![a.range(Span::new(
                DOC.match_indices("2011301")
                    .nth(1)
                    .map(|x| x.0)
                    .expect("use"),
                DOC.match_indices("2011301")
                    .nth(1)
                    .map(|x| x.0)
                    .expect("use")
                    + 7
            ))]
        );
        let syms = symbols::document_symbols(&a);
        let zc = syms.iter().find(|s| s.name == "支出").expect("支出");
        assert_eq!(zc.children.len(), 1);
        assert_eq!(
            zc.children[0].children[0].children[0].name,
            "2011301 行政运行"
        );
        assert_eq!(zc.children[0].detail.as_deref(), Some("12.84万元"));
    }

    #[test]
    fn nothing_panics_anywhere() {
        let cat = Catalog::builtin();
        let texts = [
            DOC,
            "",
            "{",
            "}",
            "\"",
            "a # b",
            "支出 {\n  2011",
            "𠀀\r\n\r支出{\"\n",
        ];
        for t in texts {
            let a = analysis(t);
            for line in 0..a.index.line_count() as u32 + 1 {
                for col in [0, 1, 2, 5, 9, 40, 1000] {
                    let p = Position::new(line, col);
                    let _ = hover::hover(&a, p, Lang::Zh, &cat);
                    let _ = complete::complete(&a, p, Lang::En, &cat);
                    let _ = navigate::definition(&a, p);
                    let _ = navigate::references(&a, p, true);
                    let _ = actions::code_actions(&a, Range::new(p, p), Lang::Zh);
                }
            }
            let _ = symbols::document_symbols(&a);
            let _ = formatting(&a);
            let _ = diagnostics(&a, Lang::En);
        }
    }
}
