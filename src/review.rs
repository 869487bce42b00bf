//! The reviewer's report: every finding of one or more checked files as one
//! self-contained HTML page (`budget check --format html -o review.html`).
//!
//! For each file (a department), its findings grouped by the part of the
//! document they are in (the top-level statement: 收入, 支出, 三公经费, 职责 …),
//! each with the text as written, the message (which states the computed
//! figure where there is one), the rule, the place in the source, its
//! related places and its fix; and a summary by kind. Pure: text in, text out.

use crate::diagnostic::{line_col, Code, Diagnostic, Lang, Severity};
use crate::syntax::ast::File;
use std::collections::BTreeMap;
use std::fmt::Write as _;

/// One finding, ready to print.
#[derive(Debug, Clone, PartialEq)]
pub struct Finding {
    pub code: Code,
    pub severity: Severity,
    /// The explanation's title (`budget explain CODE`).
    pub title: String,
    /// The RULES.md rule, when the code enforces one.
    pub rule: &'static str,
    pub line: usize,
    pub column: usize,
    /// The source text the finding points at (shortened when long).
    pub written: String,
    pub message: String,
    /// Related places: (line, what is there).
    pub related: Vec<(usize, String)>,
    pub help: Option<String>,
    /// The replacement a fix would write.
    pub fix: Option<String>,
    /// For a wrong claim: (printed, computed, how it is computed).
    pub claim: Option<(String, String, String)>,
}

/// One file's findings, by section in source order.
#[derive(Debug, Clone, PartialEq)]
pub struct FileFindings {
    pub name: String,
    pub errors: usize,
    pub warnings: usize,
    pub acknowledged: usize,
    /// (section, its findings), in the order the sections appear.
    pub sections: Vec<(String, Vec<Finding>)>,
}

const WRITTEN_MAX: usize = 120;

fn shorten(s: &str) -> String {
    let one_line: String = s.split_whitespace().collect::<Vec<_>>().join(" ");
    if one_line.chars().count() > WRITTEN_MAX {
        let cut: String = one_line.chars().take(WRITTEN_MAX).collect();
        format!("{cut}…")
    } else {
        one_line
    }
}

fn slice(src: &str, start: usize, end: usize) -> &str {
    let s = crate::diagnostic::floor_char_boundary(src, start);
    let e = crate::diagnostic::floor_char_boundary(src, end.max(s));
    &src[s..e]
}

/// The top-level statement a byte offset falls in, named by its keyword.
fn section_of(file: &File, at: usize, lang: Lang) -> String {
    let i = file.stmts.partition_point(|s| s.span.start <= at);
    i.checked_sub(1)
        .and_then(|i| file.stmts.get(i))
        .filter(|s| at < s.span.end.max(s.span.start + 1))
        .and_then(|s| s.keyword())
        .map(str::to_string)
        .unwrap_or_else(|| match lang {
            Lang::Zh => "全文".to_string(),
            Lang::En => "the whole file".to_string(),
        })
}

/// Gather one checked file's findings (`shown`: what the report lists).
pub fn findings(
    name: &str,
    src: &str,
    file: &File,
    shown: &[Diagnostic],
    acknowledged: usize,
    lang: Lang,
) -> FileFindings {
    let mut sections: Vec<(String, Vec<Finding>)> = Vec::new();
    for d in shown {
        let (line, column) = line_col(src, d.span.start);
        let ex = Some(d.code.explanation());
        let f = Finding {
            code: d.code,
            severity: d.severity,
            title: ex
                .map(|e| match lang {
                    Lang::Zh => e.title_zh,
                    Lang::En => e.title_en,
                })
                .unwrap_or_default()
                .to_string(),
            rule: ex.map(|e| e.rule).unwrap_or(""),
            line,
            column,
            written: shorten(slice(src, d.span.start, d.span.end)),
            message: d.message.get(lang).to_string(),
            related: d
                .related
                .iter()
                .map(|l| (line_col(src, l.span.start).0, l.text.get(lang).to_string()))
                .collect(),
            help: d.help.as_ref().map(|h| h.get(lang).to_string()),
            fix: d.fix.as_ref().map(|f| f.replacement.clone()),
            claim: d.claim.as_ref().map(|c| {
                (
                    c.printed.clone(),
                    c.computed.clone(),
                    c.rule.get(lang).to_string(),
                )
            }),
        };
        let section = section_of(file, d.span.start, lang);
        match sections.iter_mut().find(|(s, _)| *s == section) {
            Some((_, v)) => v.push(f),
            None => sections.push((section, vec![f])),
        }
    }
    let errors = shown.iter().filter(|d| d.is_error()).count();
    FileFindings {
        name: name.to_string(),
        errors,
        warnings: shown.len() - errors,
        acknowledged,
        sections,
    }
}

/// Escape text for HTML (the same escaping the charts' SVG uses).
fn esc(s: &str) -> String {
    crate::render::charts::xml(s)
}

const STYLE: &str = "body{font-family:'Noto Sans CJK SC',sans-serif;margin:2em;color:#222;max-width:72em}\
h1{font-size:1.4em}h2{font-size:1.2em;margin-top:2em;border-bottom:2px solid #888}h3{font-size:1em;margin:1.2em 0 .3em}\
table{border-collapse:collapse;width:100%}td,th{border:1px solid #ccc;padding:.25em .5em;vertical-align:top;text-align:left}\
th{background:#f3f3f3}.error td.sev{color:#b00020;font-weight:bold}.warning td.sev{color:#8a6d00}\
code{font-family:'Noto Sans Mono CJK SC',monospace;background:#f6f6f6}.muted{color:#666}.ok{color:#1b5e20}";

struct Words {
    title: &'static str,
    summary: &'static str,
    files: &'static str,
    errors: &'static str,
    warnings: &'static str,
    acknowledged: &'static str,
    by_kind: &'static str,
    clean: &'static str,
    head: [&'static str; 6],
    error: &'static str,
    warning: &'static str,
    line: &'static str,
    fix: &'static str,
    /// 印出 / 计算 / 算法: a wrong claim's figures.
    claim: [&'static str; 3],
}

fn words(lang: Lang) -> Words {
    match lang {
        Lang::Zh => Words {
            title: "预算公开审核报告",
            summary: "汇总",
            files: "个文件",
            errors: "个错误",
            warnings: "个警告",
            acknowledged: "个已允许的警告",
            by_kind: "按类别",
            clean: "未发现问题。",
            head: ["位置", "代码", "类别", "原文", "说明", "修正"],
            error: "错误",
            warning: "警告",
            line: "行",
            fix: "改为",
            claim: ["印出", "计算", "算法"],
        },
        Lang::En => Words {
            title: "Budget disclosure review",
            summary: "Summary",
            files: "file(s)",
            errors: "error(s)",
            warnings: "warning(s)",
            acknowledged: "acknowledged warning(s)",
            by_kind: "By kind",
            clean: "No findings.",
            head: ["Place", "Code", "Kind", "As written", "Finding", "Fix"],
            error: "error",
            warning: "warning",
            line: "line",
            fix: "write",
            claim: ["printed", "computed", "rule"],
        },
    }
}

/// The whole report page.
pub fn page(files: &[FileFindings], lang: Lang) -> String {
    let w = words(lang);
    let mut o = String::new();
    let _ = write!(
        o,
        "<!DOCTYPE html>\n<html lang=\"{}\"><head><meta charset=\"utf-8\"><title>{}</title><style>{STYLE}</style></head><body>\n<h1>{}</h1>\n",
        if lang == Lang::Zh { "zh-CN" } else { "en" },
        w.title,
        w.title
    );
    summary(&mut o, files, &w);
    for (i, f) in files.iter().enumerate() {
        file_section(&mut o, i, f, &w);
    }
    o.push_str("</body></html>\n");
    o
}

fn summary(o: &mut String, files: &[FileFindings], w: &Words) {
    let errors: usize = files.iter().map(|f| f.errors).sum();
    let warnings: usize = files.iter().map(|f| f.warnings).sum();
    let acked: usize = files.iter().map(|f| f.acknowledged).sum();
    let _ = write!(
        o,
        "<section id=\"summary\"><h2>{}</h2><p>{} {}，{} {}，{} {}",
        w.summary,
        files.len(),
        w.files,
        errors,
        w.errors,
        warnings,
        w.warnings
    );
    if acked > 0 {
        let _ = write!(o, "，{acked} {}", w.acknowledged);
    }
    o.push_str("</p>\n");
    let mut kinds: BTreeMap<Code, (usize, String, Severity)> = BTreeMap::new();
    for f in files.iter().flat_map(|f| &f.sections).flat_map(|(_, v)| v) {
        let e = kinds
            .entry(f.code)
            .or_insert((0, f.title.clone(), f.severity));
        e.0 += 1;
    }
    if !kinds.is_empty() {
        let _ = write!(
            o,
            "<h3>{}</h3><table class=\"kinds\"><tr><th>{}</th><th>{}</th><th>#</th></tr>",
            w.by_kind, w.head[1], w.head[2]
        );
        for (code, (n, title, sev)) in &kinds {
            let _ = write!(
                o,
                "<tr class=\"{}\"><td><code>{}</code></td><td>{}</td><td>{n}</td></tr>",
                sev_class(*sev),
                esc(code.as_str()),
                esc(title)
            );
        }
        o.push_str("</table>\n");
    }
    o.push_str("</section>\n");
}

fn sev_class(s: Severity) -> &'static str {
    match s {
        Severity::Error => "error",
        Severity::Warning => "warning",
    }
}

fn file_section(o: &mut String, i: usize, f: &FileFindings, w: &Words) {
    let _ = writeln!(
        o,
        "<section class=\"file\" id=\"file-{}\"><h2>{}</h2><p class=\"muted\">{} {}，{} {}</p>",
        i + 1,
        esc(&f.name),
        f.errors,
        w.errors,
        f.warnings,
        w.warnings
    );
    if f.sections.is_empty() {
        let _ = writeln!(o, "<p class=\"ok\">{}</p>", w.clean);
    }
    for (section, items) in &f.sections {
        let _ = write!(o, "<h3>{}</h3><table><tr>", esc(section));
        for h in w.head {
            let _ = write!(o, "<th>{h}</th>");
        }
        o.push_str("</tr>\n");
        for it in items {
            finding_row(o, it, w);
        }
        o.push_str("</table>\n");
    }
    o.push_str("</section>\n");
}

fn finding_row(o: &mut String, it: &Finding, w: &Words) {
    let sev = match it.severity {
        Severity::Error => w.error,
        Severity::Warning => w.warning,
    };
    let mut detail = esc(&it.message);
    for (line, text) in &it.related {
        let _ = write!(
            detail,
            "<br><span class=\"muted\">{} {line}：{}</span>",
            w.line,
            esc(text)
        );
    }
    if let Some((printed, computed, rule)) = &it.claim {
        let [p, c, r] = w.claim;
        let _ = write!(
            detail,
            "<br><span class=\"claim\">{p} <code>{}</code> · {c} <code>{}</code> · {r} {}</span>",
            esc(printed),
            esc(computed),
            esc(rule)
        );
    }
    if let Some(h) = &it.help {
        let _ = write!(detail, "<br><span class=\"muted\">{}</span>", esc(h));
    }
    let rule = if it.rule.is_empty() || it.rule == it.code.as_str() {
        String::new()
    } else {
        format!(" ({})", esc(it.rule))
    };
    let fix = it
        .fix
        .as_ref()
        .map(|f| format!("{} <code>{}</code>", w.fix, esc(f)))
        .unwrap_or_default();
    let _ = writeln!(
        o,
        "<tr class=\"{}\"><td>{} {}:{}</td><td class=\"sev\"><code>{}</code> {sev}</td><td>{}{rule}</td><td><code>{}</code></td><td>{detail}</td><td>{fix}</td></tr>",
        sev_class(it.severity),
        w.line,
        it.line,
        it.column,
        esc(it.code.as_str()),
        esc(&it.title),
        esc(&it.written),
    );
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{check_source, Options};

    #[test]
    fn findings_are_grouped_by_the_statement_they_are_in() {
        let src = "年度 2026\n部门 \"测试部门\"\n口径 山西县级\n金额单位 万元\n单位 \"测试部门\" { 类型 行政 }\n收入 {\n  一般公共预算 12.84\n}\n支出 {\n  2011301 行政运行 基本 12.84\n}\n职责 \"比2026年预算增加5万元。。\"\n";
        let checked = check_source(src, &Options::default());
        let tree = crate::syntax::parse(src).file;
        let f = findings("x.budget", src, &tree, &checked.diagnostics, 0, Lang::Zh);
        assert_eq!(f.sections.len(), 1, "{f:?}");
        let (section, items) = &f.sections[0];
        assert_eq!(section, "职责");
        let codes: Vec<&str> = items.iter().map(|i| i.code.as_str()).collect();
        assert_eq!(codes, ["T3", "T5"]);
        assert_eq!(items[0].written, "2026");
        assert_eq!(items[0].line, 12);
        assert_eq!(items[0].fix.as_deref(), Some("2025"));
        let html = page(&[f], Lang::Zh);
        assert!(html.contains("<h3>职责</h3>"));
        assert!(html.contains("<code>T3</code>"));
        assert!(html.contains("改为 <code>2025</code>"));
        assert!(!html.contains("<script"));
    }
}
