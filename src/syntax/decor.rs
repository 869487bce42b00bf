//! Where each comment of a body goes in the tree (toml_edit's "decor").
//!
//! The grammar lets a `#` comment stand wherever white space may; as a
//! comment runs to the end of its line, that is after a statement on its
//! line, after a block's `{`, or on a line of its own. Each parser — pest's
//! (`parser`), the fast path (`fast`) and the error recovery (`mod.rs`) —
//! gives a body's statements and comments in order to an [`Attach`], which
//! gives every comment one place, the same for all three:
//!
//! * on the line of a statement's end (its last value or its `}`): the
//!   statement's [`Stmt::trailing`] comment;
//! * on the line of a block's `{`, before its first statement: the block's
//!   [`Block::open`](super::ast::Block::open) comment;
//! * on a line of its own: a [`Stmt::leading`] comment of the next statement
//!   of the body, or one of the body's `tail` comments after the last one.

use super::ast::{Comment, Stmt};

/// A body's statements, comments attached.
#[derive(Debug, Default)]
pub(super) struct Body {
    pub stmts: Vec<Stmt>,
    /// The comment after the block's `{` on its line.
    pub open: Option<Comment>,
    /// Comments on lines of their own after the last statement.
    pub tail: Vec<Comment>,
}

/// Whether no line ends between two span offsets of `text` (whose first byte
/// is at `base`).
fn same_line(text: &str, base: usize, from: usize, to: usize) -> bool {
    let (a, b) = (from.saturating_sub(base), to.saturating_sub(base));
    text.get(a..b)
        .is_some_and(|gap| !gap.contains(['\n', '\r']))
}

/// A body being read: statements and comments are given in the order
/// written, and each comment goes to its place (see the module doc) as it
/// comes.
///
/// The statements are pushed onto a list the caller keeps, from the length
/// it had when the body began; [`Attach::finish`] moves them, in one copy,
/// into the body's own list of their exact number. So the fast parser keeps
/// one list for all the bodies of a file (nested ones pushing above the
/// statements of the bodies around them), and a body costs one allocation
/// however many statements it has, instead of one for each time its list
/// would grow.
pub(super) struct Attach<'t> {
    /// Where this body's statements begin in the caller's list.
    start: usize,
    open: Option<Comment>,
    /// Comments on lines of their own since the last statement.
    pending: Vec<Comment>,
    /// Holds the spans from `base` on.
    text: &'t str,
    base: usize,
    /// The offset just after the block's `{` (`None` for a file).
    after_open: Option<usize>,
}

impl<'t> Attach<'t> {
    /// `stmts`: the caller's list, this body's statements to come after
    /// those it holds.
    pub(super) fn new(
        text: &'t str,
        base: usize,
        after_open: Option<usize>,
        stmts: &[Stmt],
    ) -> Self {
        Attach {
            start: stmts.len(),
            open: None,
            pending: Vec::new(),
            text,
            base,
            after_open,
        }
    }

    pub(super) fn stmt(&mut self, stmts: &mut Vec<Stmt>, mut s: Stmt) {
        s.leading = self.leading();
        stmts.push(s);
    }

    /// The leading comments of the statement to come, for a caller that
    /// pushes it itself (built in place, not moved in).
    pub(super) fn leading(&mut self) -> Vec<Comment> {
        std::mem::take(&mut self.pending)
    }

    pub(super) fn comment(&mut self, stmts: &mut [Stmt], c: Comment) {
        if self.pending.is_empty() {
            let (text, base) = (self.text, self.base);
            match stmts.get_mut(self.start..).and_then(<[Stmt]>::last_mut) {
                Some(s) if s.trailing.is_none() && same_line(text, base, s.end(), c.span.start) => {
                    s.trailing = Some(c);
                    return;
                }
                None if self.open.is_none()
                    && self
                        .after_open
                        .is_some_and(|o| same_line(text, base, o, c.span.start)) =>
                {
                    self.open = Some(c);
                    return;
                }
                _ => {}
            }
        }
        self.pending.push(c);
    }

    /// The body, its statements taken off the caller's list.
    pub(super) fn finish(self, stmts: &mut Vec<Stmt>) -> Body {
        let stmts = if self.start == 0 {
            std::mem::take(stmts)
        } else {
            stmts.split_off(self.start)
        };
        Body {
            stmts,
            open: self.open,
            tail: self.pending,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::{ast::Comment, parse};
    use crate::diagnostic::Span;

    fn comment(src: &str, text: &str) -> Comment {
        let start = src.find(text).unwrap_or(usize::MAX);
        Comment {
            text: text.into(),
            span: Span::new(start, start + text.len()),
        }
    }

    #[test]
    fn each_comment_has_one_place() {
        let src = "# lead\na 1 # after a\nb { # open\n  # inside\n  c 2; # after c\n  # last\n} # after b\n# end\n";
        let p = parse(src);
        assert!(p.diagnostics.is_empty(), "{:?}", p.diagnostics);
        let f = &p.file;
        assert_eq!(f.stmts[0].leading, vec![comment(src, "# lead")]);
        assert_eq!(f.stmts[0].trailing, Some(comment(src, "# after a")));
        assert_eq!(f.stmts[1].trailing, Some(comment(src, "# after b")));
        let b = f.stmts[1].block.as_ref().expect("block");
        assert_eq!(b.open, Some(comment(src, "# open")));
        assert_eq!(b.stmts[0].leading, vec![comment(src, "# inside")]);
        assert_eq!(b.stmts[0].trailing, Some(comment(src, "# after c")));
        assert_eq!(b.tail, vec![comment(src, "# last")]);
        assert_eq!(f.tail, vec![comment(src, "# end")]);
    }

    #[test]
    fn a_comment_ends_before_a_carriage_return() {
        let src = "a 1 # x \r\n# y\r\n";
        let f = parse(src).file;
        assert_eq!(f.stmts[0].trailing, Some(comment(src, "# x ")));
        assert_eq!(f.tail, vec![comment(src, "# y")]);
    }
}
