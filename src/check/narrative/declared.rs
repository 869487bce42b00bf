//! `声明 { … }`: claims a reviewer writes next to nothing but their words,
//! one line per sentence — `公开项目绩效目标 4个 1,017.00万元 占项目支出 78.23%`
//! reads as the printed sentence “公开项目绩效目标4个，…1,017.00万元，占项目支出…
//! 78.23%” would. A line whose words name no fact, or a figure no claim
//! reads, is L005: nothing written is silently ignored.

use super::facts::Word;
use super::scan::scan;
use crate::check::prose::Place;
use crate::diagnostic::Code;
use crate::diagnostic::{Diagnostic, Span, Text};
use crate::syntax::ast::Stmt;
use crate::t;

/// The lines of a `声明` block as one text (a line break between lines), and
/// where each value's text came from.
pub(crate) struct Lines {
    pub text: String,
    /// (offset in `text`, the value's source span, exact: its text is the source's)
    pieces: Vec<(usize, Span, bool)>,
    /// Each line's range in `text`, its statement's span, and the table it
    /// is a claim of (`表5 201 29.84万元`).
    pub lines: Vec<(usize, usize, Span, Option<String>)>,
}

/// `表5`: a line's leading table id.
fn table_id(t: &str) -> Option<String> {
    let n = t.strip_prefix('表')?;
    (!n.is_empty()
        && n.chars()
            .all(|c| c.is_ascii_digit() || ('一'..='十').contains(&c)))
    .then(|| t.to_string())
}

impl Lines {
    pub(crate) fn of(s: &Stmt) -> Lines {
        let mut out = Lines {
            text: String::new(),
            pieces: Vec::new(),
            lines: Vec::new(),
        };
        for c in s.children() {
            let start = out.text.len();
            let table = c.values.first().and_then(|v| table_id(&v.text()));
            let skip = usize::from(table.is_some());
            for v in c.values.iter().skip(skip) {
                let t = v.text();
                if out.text.len() > start {
                    out.text.push(' ');
                }
                out.pieces
                    .push((out.text.len(), v.span, v.span.len() == t.len()));
                out.text.push_str(&t);
            }
            out.lines.push((start, out.text.len(), c.span, table));
            out.text.push('\n');
        }
        out
    }

    /// The table the line holding byte `at` of `text` is a claim of.
    pub(crate) fn table_at(&self, at: usize) -> Option<&str> {
        self.lines
            .iter()
            .find(|(s, e, _, _)| *s <= at && at <= *e)
            .and_then(|l| l.3.as_deref())
    }

    /// The source span of `text[span]`: exact within one value, else the
    /// values it covers.
    fn source(&self, span: Span) -> Span {
        let at = |o: usize| self.pieces.iter().rev().find(|(s, _, _)| *s <= o).copied();
        let (Some(a), Some(b)) = (at(span.start), at(span.end.saturating_sub(1))) else {
            return Span::default();
        };
        if a == b && a.2 {
            return Span::new(a.1.start + span.start - a.0, a.1.start + span.end - a.0);
        }
        let start = if a.2 {
            a.1.start + span.start - a.0
        } else {
            a.1.start
        };
        let end = if b.2 {
            b.1.start + span.end - b.0
        } else {
            b.1.end
        };
        Span::new(start, end.max(start))
    }

    /// A place whose offsets are `text`'s, mapped to the source.
    pub(crate) fn place(&self, span: Span) -> Place {
        let src = self.source(span);
        Place::at(src, span.start, src.len() == span.len())
    }
}

/// L005 for a line that makes no claim, or a number no claim reads.
pub fn unread(s: &Stmt, vocab: &[Word], diags: &mut Vec<Diagnostic>) {
    let lines = Lines::of(s);
    let found = scan(&lines.text, vocab);
    for (from, to, span, _) in lines.lines.iter().cloned() {
        let mine: Vec<Span> = found
            .iter()
            .map(|f| f.claim.span)
            .filter(|c| c.start >= from && c.end <= to)
            .collect();
        if mine.is_empty() {
            diags.push(
                Diagnostic::error(
                    Code::L005,
                    span,
                    t!("声明“{}”没有可核对的事实", &lines.text[from..to]; "the claim `{}` names no fact it could be checked against", &lines.text[from..to]),
                )
                .label(Text::new("无法识别的语句", "statement not understood"))
                .help(Text::new(
                    "一行写一句：事实的名称，然后是印出的数字，例如 公开项目绩效目标 4个 1,017.00万元 占项目支出 78.23%",
                    "one sentence a line: the fact's name, then the printed figures, e.g. 公开项目绩效目标 4个 1,017.00万元 占项目支出 78.23%",
                )),
            );
            continue;
        }
        // every number of the line is part of a claim
        let text = &lines.text;
        let mut i = from;
        while i < to {
            let Some(c) = text[i..to].chars().next() else {
                break;
            };
            if !c.is_ascii_digit() {
                i += c.len_utf8();
                continue;
            }
            let n = text[i..to]
                .bytes()
                .take_while(|b| b.is_ascii_digit() || *b == b',' || *b == b'.')
                .count();
            // a figure of a claim, or a code naming the line it is about
            let read = mine.iter().any(|m| m.start <= i && i < m.end)
                || vocab.iter().any(|(w, _)| w == &text[i..i + n]);
            if !read {
                let at = lines.source(Span::new(i, i + n));
                diags.push(
                    Diagnostic::error(
                        Code::L005,
                        at,
                        t!("声明中的“{}”不属于任何可核对的说法", &text[i..i + n]; "`{}` in the claim belongs to nothing that can be checked", &text[i..i + n]),
                    )
                    .label(Text::new("无法识别", "not understood"))
                    .help(Text::new(
                        "数字写在它的事实之后：金额带单位（万元/元），个数带“个”，占比写“占……%”，变动写“增加/减少……”",
                        "a figure follows its fact: an amount with its unit (万元/元), a count with 个, a share as 占…%, a change as 增加/减少…",
                    )),
                );
            }
            i += n.max(1);
        }
    }
}
