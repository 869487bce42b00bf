//! Parsing again after an edit, fast: the language server re-checks a file
//! on every change, and most of a 10,000-line file has not changed.
//!
//! The [`ParseCache`] keeps the last text that parsed cleanly, with its
//! tree. [`parse_cached`] compares a new text with it: the top-level
//! statements that end before the last line break ahead of the change, and
//! those that start after the first line break behind it, are read from the
//! old tree (the latter moved by the length of the edit); only the text
//! between them — the changed lines' statements — is parsed again. Line
//! breaks bound the change: a statement cannot run across one at the top
//! level, nor a comment, and a string or block opened in the changed text
//! makes that text fail to parse on its own. So when the changed text parses
//! cleanly the tree is the one [`super::parse`] gives (the tests compare them
//! over random edits); when it does not, the whole text goes to
//! [`super::parse`], which reports the errors as `budget check` does.

use super::ast::{Block, Comment, File, Stmt, Value};
use super::{
    confined, fast, finished, fullwidth_separators, value_characters, whole, Parsed, MAX_VALUES,
};
use crate::diagnostic::{Diagnostic, Span};

/// The last text that parsed cleanly: its tree (before the checks of
/// `finish`), and the diagnostics of its values' characters.
#[derive(Debug, Default, Clone)]
pub struct ParseCache {
    text: String,
    file: Option<File>,
    characters: Vec<Diagnostic>,
}

impl ParseCache {
    pub fn new() -> ParseCache {
        ParseCache::default()
    }
    /// The number of top-level statements kept.
    pub fn len(&self) -> usize {
        self.file.as_ref().map_or(0, |f| f.stmts.len())
    }
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

/// Spans moved by `by` bytes (the edit's change of length).
struct Shift(isize);

impl Shift {
    fn span(&self, s: &mut Span) {
        s.start = s.start.saturating_add_signed(self.0);
        s.end = s.end.saturating_add_signed(self.0);
    }
    fn diagnostic(&self, d: &mut Diagnostic) {
        self.span(&mut d.span);
        for l in &mut d.related {
            self.span(&mut l.span);
        }
        if let Some(f) = &mut d.fix {
            self.span(&mut f.span);
        }
    }
    fn comment(&self, c: &mut Comment) {
        self.span(&mut c.span);
    }
    fn value(&self, v: &mut Value) {
        self.span(&mut v.span);
    }
    fn block(&self, b: &mut Block) {
        self.span(&mut b.span);
        b.open.iter_mut().for_each(|c| self.comment(c));
        b.stmts.iter_mut().for_each(|s| self.stmt(s));
        b.tail.iter_mut().for_each(|c| self.comment(c));
    }
    fn stmt(&self, s: &mut Stmt) {
        self.span(&mut s.span);
        s.leading.iter_mut().for_each(|c| self.comment(c));
        s.values.iter_mut().for_each(|v| self.value(v));
        s.block.iter_mut().for_each(|b| self.block(b));
        s.trailing.iter_mut().for_each(|c| self.comment(c));
    }
}

/// The lengths of the common start and the common end of two texts (on
/// character boundaries; together at most the shorter text).
fn common(a: &str, b: &str) -> (usize, usize) {
    let (x, y) = (a.as_bytes(), b.as_bytes());
    let mut p = x.iter().zip(y).take_while(|(c, d)| c == d).count();
    while !a.is_char_boundary(p) {
        p -= 1;
    }
    let room = x.len().min(y.len()) - p;
    let mut s = x
        .iter()
        .rev()
        .zip(y.iter().rev())
        .take(room)
        .take_while(|(c, d)| c == d)
        .count();
    while !a.is_char_boundary(x.len() - s) || !b.is_char_boundary(y.len() - s) {
        s -= 1;
    }
    (p, s)
}

fn count_values(stmts: &[Stmt]) -> usize {
    stmts
        .iter()
        .map(|s| s.values.len() + s.block.as_ref().map_or(0, |b| count_values(&b.stmts)))
        .sum()
}

/// The old tree's top-level statements kept around an edit: `before` of
/// them, then the changed text `src[r0..r1]`, then those from `after` on.
struct Reuse {
    before: usize,
    after: usize,
    r0: usize,
    r1: usize,
}

fn reuse(old: &str, file: &File, src: &str) -> Option<Reuse> {
    if src.starts_with('\u{FEFF}') != old.starts_with('\u{FEFF}') {
        return None;
    }
    let base = if src.starts_with('\u{FEFF}') { 3 } else { 0 };
    let (p, s) = common(old, src);
    let stmts = &file.stmts;
    let before = old[..p]
        .rfind('\n')
        .map_or(0, |lb| stmts.partition_point(|st| st.extent().end <= lb));
    let tail = old.len() - s;
    let after = old[tail..].find('\n').map_or(stmts.len(), |k| {
        stmts.partition_point(|st| st.extent().start <= tail + k)
    });
    let r0 = before
        .checked_sub(1)
        .map_or(base, |i| stmts[i].extent().end);
    let r1_old = stmts.get(after).map_or(old.len(), |st| st.extent().start);
    let r1 = (r1_old + src.len()).checked_sub(old.len())?;
    (r0 <= r1 && src.is_char_boundary(r0) && src.is_char_boundary(r1)).then_some(Reuse {
        before,
        after,
        r0,
        r1,
    })
}

/// The changed text parsed again: its tree, and its syntax errors when it
/// has some that it confines (see [`super::confined`]).
struct Changed {
    file: File,
    errors: Option<Vec<Diagnostic>>,
}

/// The tree of `src` from the cache's (and the changed text's syntax
/// errors), or `None` when the whole text must be parsed.
fn reparse(src: &str, cache: &mut ParseCache) -> Option<(File, Reuse, Option<Vec<Diagnostic>>)> {
    let old_file = cache.file.as_ref()?;
    let r = reuse(&cache.text, old_file, src)?;
    let region = &src[r.r0..r.r1];
    // no more values than the limit (L013, counted before parsing): the
    // unchanged statements' values, and at most a value a byte in the rest
    if count_values(&old_file.stmts) + region.len() > MAX_VALUES {
        return None;
    }
    let changed = match fast::parse_file(region, r.r0) {
        Some(file) => Changed { file, errors: None },
        None => {
            let (file, errors) = confined(src, region, r.r0)?;
            Changed {
                file,
                errors: Some(errors),
            }
        }
    };
    let by = src.len() as isize - cache.text.len() as isize;
    // a clean text replaces the cache's (its tree is moved, not copied)
    let old = match changed.errors {
        None => cache.file.take()?,
        Some(_) => old_file.clone(),
    };
    let file = assemble(old, &r, changed.file, by);
    Some((file, r, changed.errors))
}

/// The old tree's statements around the changed text, and the changed
/// text's statements between them.
fn assemble(old: File, r: &Reuse, changed: File, by: isize) -> File {
    let shift = Shift(by);
    let mut stmts = old.stmts;
    let mut rest: Vec<Stmt> = stmts.drain(r.after..).collect();
    rest.iter_mut().for_each(|s| shift.stmt(s));
    stmts.truncate(r.before);
    stmts.extend(changed.stmts);
    let tail = match rest.first_mut() {
        // comments on their own lines at the end of the changed text go
        // with the statement after it
        Some(first) => {
            let mut leading = changed.tail;
            leading.append(&mut first.leading);
            first.leading = leading;
            let mut tail = old.tail;
            tail.iter_mut().for_each(|c| shift.comment(c));
            tail
        }
        None => changed.tail,
    };
    stmts.extend(rest);
    File { stmts, tail }
}

/// [`super::parse`], reusing the statements of the last text that parsed
/// cleanly, and the checks of their values; keeps this text when it parses
/// cleanly.
pub fn parse_cached(src: &str, cache: &mut ParseCache) -> Parsed {
    let old_len = cache.text.len();
    let (mut file, reused, errors) = match reparse(src, cache) {
        Some((f, r, errors)) => (f, Some(r), errors),
        None => match whole(src) {
            Ok(f) => (f, None, None),
            Err(parsed) => return parsed,
        },
    };
    // the cache keeps the last text that parsed cleanly
    let clean = errors.is_none();
    let mut diagnostics = errors.unwrap_or_default();
    if clean {
        cache.text = src.to_string();
        cache.file = Some(file.clone());
    }
    fullwidth_separators(src, &mut file.stmts, &mut diagnostics);
    let old = if clean {
        std::mem::take(&mut cache.characters)
    } else {
        cache.characters.clone()
    };
    let mut characters = Vec::new();
    match reused {
        // the values outside the changed text are those checked before
        Some(r) => {
            let r1_old = (r.r1 + old_len).saturating_sub(src.len());
            let shift = Shift(src.len() as isize - old_len as isize);
            characters.extend(old.iter().filter(|d| d.span.start < r.r0).cloned());
            let from = file.stmts.partition_point(|s| s.span.start < r.r0);
            let to = file.stmts.partition_point(|s| s.span.start < r.r1);
            let changed = &file.stmts[from..to];
            let text = match (changed.first(), changed.last()) {
                (Some(a), Some(b)) => src.get(a.span.start..b.span.end).unwrap_or(src),
                _ => "",
            };
            value_characters(text, changed, &mut characters);
            characters.extend(
                old.into_iter()
                    .filter(|d| d.span.start >= r1_old)
                    .map(|mut d| {
                        shift.diagnostic(&mut d);
                        d
                    }),
            );
        }
        None => value_characters(src, &file.stmts, &mut characters),
    }
    if clean {
        cache.characters = characters.clone();
    }
    diagnostics.extend(characters);
    finished(src, file, diagnostics)
}

#[cfg(test)]
mod tests {
    use super::super::parse;
    use super::*;

    fn same(text: &str, cache: &mut ParseCache) {
        let a = parse_cached(text, cache);
        let b = parse(text);
        assert_eq!(a.file, b.file, "{text:?}");
        assert_eq!(a.diagnostics, b.diagnostics, "{text:?}");
        assert_eq!(a.fatal, b.fatal);
        assert_eq!(a.fullwidth_gaps, b.fullwidth_gaps);
    }

    #[test]
    fn same_tree_as_parse_across_edits() {
        let mut cache = ParseCache::new();
        let texts = [
            "年度 2024\n部门 \"甲\"  # c\n支出 {\n  2011301 行政运行 基本 12.84\n}\n",
            "年度 2024\n部门 \"甲\"  # c\n支出 {\n  2011301 行政运行 基本 12.85\n}\n",
            "\u{FEFF}年度 2024\n部门 \"甲\"  # c\n支出 {\n  2011301 行政运行 基本 12.85\n}\n",
            "年度 2024;部门 \"甲\"\n\n支出 {\n  2011301 行政运行 基本 ≥\n}\n",
            "年度 2024\n部门 \"甲\"  # c\n支出 {\n2011301 行政运行 基本 12.85\n}\n",
            "年度 2024\n# new\n部门 \"甲\"  # c\n支出 {\n2011301 行政运行 基本 12.85\n}\n",
            "年度 2024\n# new\n部门 \"甲\"  # c\n# more\n支出 {\n2011301 行政运行 基本 12.85\n}\n",
            "年度 2024\n部门 \"多\n行\"\n",
            "年度 2024 #\n部门 \"多\n行\"\n",
        ];
        for t in texts {
            same(t, &mut cache);
        }
        assert!(!cache.is_empty());
    }

    /// Edits of every kind at many places of a real file, each one from the
    /// text before (as an editor sends them): the cached parse is `parse`.
    #[test]
    fn random_edits_give_the_tree_of_parse() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let path = root.join("examples/shanghai-putuo-wanli-2025.budget");
        let Ok(doc) = std::fs::read_to_string(&path) else {
            panic!("{} is missing", path.display());
        };
        let inserts = [
            "\u{200B}",
            "\u{1}",
            "0；",
            " ",
            "\n",
            "#",
            "# c\n",
            "{",
            "}",
            "\"",
            ";",
            "≥",
            "x",
            "1",
            "\n\n",
            "a { b 1 }\n",
            "\r",
            "\u{3000}",
            "；",
        ];
        let mut cache = ParseCache::new();
        let mut text = doc.clone();
        let mut seed = 0x9E37_79B9_u64;
        for step in 0..300 {
            seed = seed
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            let r = (seed >> 33) as usize;
            let mut at = r % (text.len() + 1);
            while !text.is_char_boundary(at) {
                at -= 1;
            }
            if step % 3 == 2 {
                // delete up to a few characters
                let mut end = (at + 1 + r % 4).min(text.len());
                while !text.is_char_boundary(end) {
                    end += 1;
                }
                text.replace_range(at..end, "");
            } else {
                text.insert_str(at, inserts[r % inserts.len()]);
            }
            same(&text, &mut cache);
            // one edit on the last clean text, or several in a row
            if step % 2 == 0 || step % 50 == 49 {
                text = doc.clone();
            }
        }
    }
}
