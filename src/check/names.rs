//! T9: a name in the text that is almost the department's or a unit's.
//!
//! A narrative copied from another department's document, or typed by
//! hand, names an organisation that looks like this department but is not
//! it: `上海市普陀区人民政府长寿街道办事处` or `…万里街到办事处` in 万里's
//! document. Such a name starts as the declared name does, ends as it does
//! (`…街道办事处`), and differs in a few characters in between — changed
//! ones, not only added or left out: `上海市普陀区人民政府外事办公室` is
//! another office than `上海市普陀区人民政府办公室`. A name of another kind
//! (`上海市普陀区财政局`, a unit `…服务中心`) does not end the same way, and a
//! declared name is never a finding, but a unit's name that holds the
//! department's mistyped (`…万里街到办事处（本部）`) is.

use super::prose::Place;
use crate::diagnostic::{Code, Diagnostic};
use crate::model::Budget;
use crate::syntax::ast::{File, Stmt, ValueKind};
use crate::t;

/// Names shorter than this (in characters) are not compared: too many
/// short names differ by a character on purpose.
pub(crate) const MIN_NAME: usize = 6;

pub fn check(file: &File, b: &Budget, diags: &mut Vec<Diagnostic>) {
    let mut names: Vec<Vec<char>> = std::iter::once(&b.department.text)
        .chain(b.units.iter().map(|u| &u.name.text))
        .map(|n| n.chars().collect::<Vec<char>>())
        .filter(|n| n.len() >= MIN_NAME)
        .collect();
    names.sort();
    names.dedup();
    if names.is_empty() {
        return;
    }
    let names = Names::new(&names);
    for s in &file.stmts {
        // the declarations are where the names are written
        if matches!(s.keyword(), Some("部门" | "单位")) {
            continue;
        }
        stmt(s, &names, diags);
    }
    // a unit named after the department (`…办事处（本部）`) with the
    // department's name mistyped in it
    let department: Vec<Vec<char>> = names
        .names
        .iter()
        .filter(|n| n.iter().copied().eq(b.department.text.chars()))
        .cloned()
        .collect();
    let department = Names::new(&department);
    for s in file.stmts.iter().filter(|s| s.keyword() == Some("单位")) {
        if let Some(v) = s.values.get(1) {
            if let ValueKind::Str(text) = &v.kind {
                text_names(text, &Place::of(v, text, 1), &department, diags);
            }
        }
    }
}

/// The declared names, each also as text, and a searcher for the first
/// third of each: a near name begins with one (see [`near`]), so a text
/// without one has nothing to find, and where one begins is where to look.
struct Names<'a> {
    names: &'a [Vec<char>],
    spelled: Vec<String>,
    heads: Vec<memchr::memmem::Finder<'static>>,
    /// The most characters a near name can have.
    longest: usize,
}

impl<'a> Names<'a> {
    fn new(names: &'a [Vec<char>]) -> Names<'a> {
        Names {
            names,
            spelled: names.iter().map(|n| n.iter().collect()).collect(),
            heads: names
                .iter()
                .map(|n| {
                    let head: String = n[..n.len() / 3].iter().collect();
                    memchr::memmem::Finder::new(head.as_bytes()).into_owned()
                })
                .collect(),
            longest: names.iter().map(Vec::len).max().unwrap_or(0) + 3,
        }
    }

    /// Whether a first third of a name is in `text`.
    fn may_be_in(&self, text: &str) -> bool {
        self.heads.iter().any(|h| h.find(text.as_bytes()).is_some())
    }

    /// Every byte offset where a first third of a name begins, in order
    /// (overlapping ones too).
    fn starts(&self, text: &str) -> Vec<usize> {
        let b = text.as_bytes();
        let mut out = Vec::new();
        for h in &self.heads {
            let mut from = 0;
            while let Some(k) = b.get(from..).and_then(|rest| h.find(rest)) {
                out.push(from + k);
                // on past the occurrence's first character only
                from += k + text[from + k..].chars().next().map_or(1, char::len_utf8);
            }
        }
        out.sort_unstable();
        out.dedup();
        out
    }
}

fn stmt(s: &Stmt, names: &Names, diags: &mut Vec<Diagnostic>) {
    for v in &s.values {
        if let ValueKind::Str(text) = &v.kind {
            if names.may_be_in(text) {
                text_names(text, &Place::of(v, text, 1), names, diags);
            }
        }
    }
    for c in s.children() {
        stmt(c, names, diags);
    }
}

fn text_names(text: &str, at: &Place, names: &Names, diags: &mut Vec<Diagnostic>) {
    for (start, end, name) in scan(text, names) {
        let found = &text[start..end];
        let d = Diagnostic::warning(
            Code::T9,
            at.span(start, end),
            t!("“{}”与“{}”相近而不同", found, name; "`{}` is almost `{}`, but not it", found, name),
        )
        .label(t!("是“{}”吗？", "`{}`?", name))
        .help(t!(
            "核对名称：本文件的部门和单位是“{}”等；若是另一个单位，写出它的全称",
            "check the name: this file's department and units are `{}` and the others declared; if it is another organisation, that is its full name",
            name
        ));
        diags.push(at.fix(d, start, end, &name));
    }
}

/// Every name in `text` that is almost one of `names` but not it: (byte
/// range, the name it is almost).
pub(crate) fn near_misses(text: &str, names: &[Vec<char>]) -> Vec<(usize, usize, String)> {
    let names = Names::new(names);
    if !names.may_be_in(text) {
        return Vec::new();
    }
    scan(text, &names)
}

/// [`near_misses`] without its first test (which [`check`] makes once per
/// text). From the start of the text on, at each place a name's first third
/// begins: a declared name there is passed over; a near one is a finding,
/// passed over too.
fn scan(text: &str, names: &Names) -> Vec<(usize, usize, String)> {
    let mut out = Vec::new();
    let mut from = 0;
    for p in names.starts(text) {
        if p < from {
            continue;
        }
        let rest = &text[p..];
        if let Some(n) = names.spelled.iter().find(|n| rest.starts_with(n.as_str())) {
            from = p + n.len();
            continue;
        }
        let window: Vec<char> = rest.chars().take(names.longest).collect();
        let near = names
            .names
            .iter()
            .find_map(|n| near(n, &window).map(|len| (n, len)));
        if let Some((n, len)) = near {
            let end = p + window[..len].iter().map(|c| c.len_utf8()).sum::<usize>();
            out.push((p, end, n.iter().collect()));
            from = end;
        }
    }
    out
}

/// The length of the text at the start of `rest` that is almost `name`:
/// the same first third and last two characters, a few characters apart.
fn near(name: &[char], rest: &[char]) -> Option<usize> {
    let l = name.len();
    let head = l / 3;
    if rest.len() < head || rest[..head] != name[..head] {
        return None;
    }
    let allowed = (l / 4).max(2);
    let tail = &name[l - 2..];
    let mut best: Option<(usize, usize)> = None;
    for len in l.saturating_sub(3)..=(l + 3).min(rest.len()) {
        let cand = &rest[..len];
        if !cand.ends_with(tail) {
            continue;
        }
        // a name with words added or left out is another organisation's
        // (…人民政府外事办公室 of …人民政府办公室): only a changed character is
        // a near miss
        if subsequence(name, cand) || subsequence(cand, name) {
            continue;
        }
        let d = distance(name, cand);
        if d > 0 && d <= allowed && best.is_none_or(|(bd, _)| d < bd) {
            best = Some((d, len));
        }
    }
    best.map(|(_, len)| len)
}

/// `a`'s characters appear in `b` in order.
fn subsequence(a: &[char], b: &[char]) -> bool {
    let mut it = b.iter();
    a.iter().all(|c| it.any(|x| x == c))
}

/// Levenshtein distance over characters.
fn distance(a: &[char], b: &[char]) -> usize {
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.iter().enumerate() {
        let mut cur = vec![i + 1; b.len() + 1];
        for (j, cb) in b.iter().enumerate() {
            let sub = prev[j] + usize::from(ca != cb);
            cur[j + 1] = sub.min(prev[j + 1] + 1).min(cur[j] + 1);
        }
        prev = cur;
    }
    prev[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    fn chars(s: &str) -> Vec<char> {
        s.chars().collect()
    }

    /// The scan one character at a time, every name tried at each.
    fn reference(text: &str, names: &[Vec<char>]) -> Vec<(usize, usize, String)> {
        let mut out = Vec::new();
        let cs: Vec<char> = text.chars().collect();
        let offset = |k: usize| cs[..k].iter().map(|c| c.len_utf8()).sum::<usize>();
        let mut i = 0;
        while i < cs.len() {
            let rest = &cs[i..];
            if let Some(n) = names.iter().find(|n| rest.starts_with(n)) {
                i += n.len();
                continue;
            }
            match names.iter().find_map(|n| near(n, rest).map(|len| (n, len))) {
                Some((n, len)) => {
                    out.push((offset(i), offset(i + len), n.iter().collect()));
                    i += len;
                }
                None => i += 1,
            }
        }
        out
    }

    proptest::proptest! {
        /// Looking only where a name's first third begins finds what trying
        /// every character finds, on texts of pieces of two names (one the
        /// other's beginning, to overlap) and other characters.
        #[test]
        fn scan_is_the_plain_scan(
            pieces in proptest::collection::vec(
                proptest::sample::select(vec![
                    "万里街道", "万里", "万万里", "办事处", "办公室", "长寿", "到", "，", "a",
                    "上海市普陀区人民政府", "上海市普陀区人民政府万里街道办事处",
                ]),
                0..12,
            )
        ) {
            let text: String = pieces.concat();
            let names = vec![
                chars("上海市普陀区人民政府万里街道办事处"),
                chars("万万里万里街道办事处"),
            ];
            proptest::prop_assert_eq!(near_misses(&text, &names), reference(&text, &names));
        }
    }

    #[test]
    fn a_near_name_is_found_and_others_are_not() {
        let n = chars("上海市普陀区人民政府万里街道办事处");
        let len = near(&n, &chars("上海市普陀区人民政府长寿街道办事处下属"));
        assert_eq!(len, Some(17));
        assert_eq!(
            near(&n, &chars("上海市普陀区人民政府万里街道办事外，")),
            None,
            "the end differs"
        );
        assert_eq!(
            near(&n, &chars("上海市普陀区人民政府万里街到办事处")),
            Some(17)
        );
        assert_eq!(near(&n, &chars("上海市普陀区财政局")), None);
        assert_eq!(
            near(&n, &chars("上海市普陀区万里街道社区事务受理服务中心")),
            None
        );
        assert_eq!(near(&n, &n), None, "the name itself is not near");
        let office = chars("上海市普陀区人民政府办公室");
        assert_eq!(
            near(&office, &chars("上海市普陀区人民政府外事办公室")),
            None,
            "words added"
        );
        assert_eq!(distance(&chars("办事处"), &chars("办公处")), 1);
    }
}
