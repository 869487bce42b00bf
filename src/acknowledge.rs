//! Acknowledged warnings: an author who has looked at a warning and keeps
//! the text as it is says so in a comment, and the warning stops appearing
//! (adapters show it again on request, e.g. `budget check --all`).
//!
//! * `# budget: 允许 R8` (or `# budget: allow R8`) at the end of a line, or
//!   on a line of its own just above it: the warnings of those codes whose
//!   place starts on that line;
//! * `# budget: 全文允许 P1g P1c` (or `# budget: allow-file …`) anywhere: those
//!   codes' warnings in the whole file.
//!
//! Several codes are separated by spaces or commas. An error cannot be
//! acknowledged; an acknowledgement that names an error, an unknown code, or
//! nothing that is reported is itself a warning (L017), so that none is
//! silently ignored.

use crate::diagnostic::{line_col, Code, Diagnostic, Severity, Span, Text};
use crate::t;

/// One `# budget:` comment.
#[derive(Debug, Clone)]
struct Ack {
    /// The comment's text.
    span: Span,
    /// The 1-based line it applies to; `None` for the whole file.
    line: Option<usize>,
    codes: Vec<String>,
}

/// Diagnostics split by acknowledgement.
#[derive(Debug, Clone, Default)]
pub struct Split {
    /// Shown: every error, the warnings not acknowledged, and L017s.
    pub shown: Vec<Diagnostic>,
    /// The acknowledged warnings.
    pub acknowledged: Vec<Diagnostic>,
}

/// Split the diagnostics of `src` by its `# budget:` comments.
pub fn split(src: &str, diags: &[Diagnostic]) -> Split {
    let acks = comments(src);
    let mut used = vec![Vec::<bool>::new(); acks.len()];
    for (u, a) in used.iter_mut().zip(&acks) {
        *u = vec![false; a.codes.len()];
    }
    let mut out = Split::default();
    for d in diags {
        let line = line_col(src, d.span.start).0;
        let mut hit = false;
        for (ai, a) in acks.iter().enumerate() {
            if a.line.is_some_and(|l| l != line) {
                continue;
            }
            for (ci, c) in a.codes.iter().enumerate() {
                if d.code == c.as_str() {
                    used[ai][ci] = true;
                    hit = true;
                }
            }
        }
        if hit && d.severity == Severity::Warning {
            out.acknowledged.push(d.clone());
        } else {
            out.shown.push(d.clone());
        }
    }
    for (ai, a) in acks.iter().enumerate() {
        for (ci, c) in a.codes.iter().enumerate() {
            if let Some(d) = problem(a, c, used[ai][ci], diags, src) {
                out.shown.push(d);
            }
        }
    }
    crate::diagnostic::sort(&mut out.shown);
    out
}

/// L017 for an acknowledgement that does nothing.
fn problem(a: &Ack, code: &str, used: bool, diags: &[Diagnostic], src: &str) -> Option<Diagnostic> {
    let on_line = |d: &&Diagnostic| {
        d.code == code && a.line.is_none_or(|l| line_col(src, d.span.start).0 == l)
    };
    let error = diags.iter().filter(on_line).any(|d| d.is_error());
    let warning = diags.iter().filter(on_line).any(|d| !d.is_error());
    let known = crate::explain::find(code).is_some();
    let (message, help) = if !known {
        (
            t!("“{code}”不是诊断代码", "`{code}` is not a diagnostic code"),
            Text::new(
                "`budget explain --list` 列出所有代码",
                "`budget explain --list` lists them",
            ),
        )
    } else if error && !warning {
        (
            t!("错误不能被允许：{code} 在此是错误", "an error cannot be acknowledged: {code} is an error here"),
            Text::new(
                "只有警告可以允许；错误必须改正（文件有错误时不能生成公开文件）",
                "only warnings can be acknowledged; an error must be fixed (a file with errors is not built)",
            ),
        )
    } else if !used {
        let where_ = if a.line.is_some() {
            "这一行"
        } else {
            "文件中"
        };
        let where_en = if a.line.is_some() {
            "on this line"
        } else {
            "in the file"
        };
        (
            t!(
                "{where_}没有 {code} 警告可允许",
                "there is no {code} warning {where_en} to acknowledge"
            ),
            Text::new(
                "删除这条说明，或把它移到警告所在的行",
                "delete it, or move it to the warning's line",
            ),
        )
    } else {
        return None;
    };
    Some(
        Diagnostic::warning(Code::L017, a.span, message)
            .label(Text::new("这条允许说明", "this acknowledgement"))
            .help(help),
    )
}

/// The `# budget:` comments of a text (outside strings).
fn comments(src: &str) -> Vec<Ack> {
    let mut out = Vec::new();
    let b = src.as_bytes();
    let mut i = 0;
    let mut line = 1;
    // the line's content before the comment is only white space
    let mut blank = true;
    while i < b.len() {
        match b[i] {
            b'\n' => {
                line += 1;
                blank = true;
                i += 1;
            }
            b'"' => {
                blank = false;
                i += 1;
                while i < b.len() && b[i] != b'"' {
                    if b[i] == b'\n' {
                        line += 1;
                    }
                    i += if b[i] == b'\\' { 2 } else { 1 };
                }
                i += 1;
            }
            b'#' => {
                let end = src[i..].find('\n').map(|k| i + k).unwrap_or(src.len());
                if let Some(a) = parse(&src[i..end], Span::new(i, end), line, blank) {
                    out.push(a);
                }
                i = end;
            }
            c => {
                if !c.is_ascii_whitespace() {
                    blank = false;
                }
                i += 1;
            }
        }
    }
    out
}

fn parse(comment: &str, span: Span, line: usize, alone: bool) -> Option<Ack> {
    // `# note  # budget: 允许 R8`: a later `#`-part of a comment may be one
    // (not one inside quotes, as in `# 期望: … "# budget: …"`)
    let rest = comment
        .match_indices('#')
        .filter(|(i, _)| comment[..*i].matches('"').count().is_multiple_of(2))
        .find_map(|(i, _)| comment[i + 1..].trim_start().strip_prefix("budget:"))?
        .trim_start();
    let (file, list) = if let Some(r) = rest
        .strip_prefix("全文允许")
        .or_else(|| rest.strip_prefix("allow-file"))
    {
        (true, r)
    } else if let Some(r) = rest
        .strip_prefix("允许")
        .or_else(|| rest.strip_prefix("allow"))
    {
        (false, r)
    } else {
        return None;
    };
    let codes: Vec<String> = list
        .split(|c: char| c.is_whitespace() || c == ',' || c == '，' || c == '、')
        .filter(|s| !s.is_empty())
        .map(str::to_string)
        .collect();
    let line = match (file, alone) {
        (true, _) => None,
        // a comment on a line of its own applies to the next line
        (false, true) => Some(line + 1),
        (false, false) => Some(line),
    };
    Some(Ack { span, line, codes })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn w(code: Code, at: usize) -> Diagnostic {
        Diagnostic::warning(code, Span::new(at, at + 1), Text::new("w", "w"))
    }

    #[test]
    fn a_line_comment_acknowledges_its_line_only() {
        let src = "a 1  # budget: 允许 R8\nb 2\n";
        let s = split(
            src,
            &[w(Code::R8, 2), w(Code::R8, src.find("b 2").unwrap_or(0))],
        );
        assert_eq!(s.acknowledged.len(), 1);
        assert_eq!(s.shown.len(), 1);
        assert_eq!(s.shown[0].code, "R8");
    }

    #[test]
    fn after_another_comment() {
        let src = "a 1  # as printed  # budget: 允许 R8\n";
        assert_eq!(split(src, &[w(Code::R8, 2)]).acknowledged.len(), 1);
    }

    #[test]
    fn errors_stay_and_are_named() {
        let src = "a 1  # budget: allow R5\n";
        let e = Diagnostic::error(Code::R5, Span::new(2, 3), Text::new("e", "e"));
        let s = split(src, &[e]);
        assert!(s.acknowledged.is_empty());
        let codes: Vec<_> = s.shown.iter().map(|d| d.code).collect();
        assert_eq!(codes, ["R5", "L017"]);
        assert!(s.shown[1].message.en.contains("cannot be acknowledged"));
    }

    #[test]
    fn file_level_and_unused() {
        let src = "# budget: 全文允许 P1g, Q99\n# budget: 允许 R8\na 1\n";
        let at = src.find("a 1").unwrap_or(0);
        let s = split(src, &[w(Code::P1g, at), w(Code::R8, at)]);
        assert_eq!(s.acknowledged.len(), 2, "{:?}", s.shown);
        let l017: Vec<_> = s.shown.iter().filter(|d| d.code == "L017").collect();
        assert_eq!(l017.len(), 1);
        assert!(l017[0].message.en.contains("Q99"));
    }
}
