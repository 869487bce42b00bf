//! A 绩效目标申报表 grid in `pdftotext -layout` text, turned into rows of
//! cells as the tab form has them, for [`super::grids`] to read.
//!
//! In layout text a grid's cells wrap inside their columns, and every cell
//! is vertically centred in its row: a one-line cell of a three-line row is
//! printed on the row's middle line, a merged label (`项目资金(元)`,
//! `绩效指标`) in the middle of the rows it spans, and a two-line cell beside
//! a one-line one gives three text lines (the short cell between the halves
//! of the long one). The rows are rebuilt from that:
//!
//! * **Fragments.** Each line is cut at spaces into fragments with their
//!   character column; a fragment is an amount (`10,000,000`) or text.
//! * **Columns.** A fragment belongs to a column by its start column: in the
//!   indicator part, the column of the header (`一级指标 二级指标 三级指标
//!   指标值 …`) it starts under; elsewhere, the column of the row's earlier
//!   fragment starting within a few characters of it.
//! * **Wrapping.** A text fragment goes on in the next fragment of its
//!   column (a few lines below at most) when the column's widest line leaves
//!   no room after it for what that fragment begins with (a character, or an
//!   unbreakable `【2022】`); widths are estimated, a wide character an em. A
//!   fragment under a cell that does not go on starts a new row.
//! * **Centring.** A cell that ends (not full) fixes its row's centre, so
//!   the row ends as many lines below its centre as it began above it; a
//!   line with no fragment in the row's columns joins the row only while one
//!   of its cells goes on.
//! * **Labels.** The first column's labels (`项目概况`, `项目资金(元)`,
//!   `部门基本信息`) are centred on the rows they name: each label's rows are
//!   the lines as far below it as above it (a label wrapped over two lines
//!   is one label), and the label becomes the first cell of its first row.
//!   The indicator part's own label (`绩效指标`) is its header's first cell.
//!
//! Page footers (`— 9 —`), the grid's year line and repeated headers are
//! dropped; a grid continues across page breaks.

use super::text::{amount, Cell, Line};
use std::collections::BTreeMap;

/// One space-separated piece of a layout line.
#[derive(Debug, Clone)]
struct Frag {
    /// Position in the grid's line list.
    pos: usize,
    /// Character column where it starts.
    col: usize,
    text: String,
    width: usize,
    amount: bool,
    start: usize,
    end: usize,
    /// Its column, once the region's columns are known.
    key: usize,
    /// Its cell goes on in a later line of its column.
    full: bool,
}

/// Printed width in tenths of an em: a wide (CJK, full-width) character
/// is a whole em, a digit or letter about half, narrow punctuation less.
fn width(s: &str) -> usize {
    s.chars()
        .map(|c| {
            if is_wide(c) {
                10
            } else if "()[]{},.:;'\"!|/".contains(c) {
                4
            } else {
                6
            }
        })
        .sum()
}

fn is_wide(c: char) -> bool {
    (c as u32) >= 0x2E80 || "“”‘’—…、。，：；！？（）《》【】〔〕".contains(c)
}

fn frags(line: &Line, input: &str, pos: usize) -> Vec<Frag> {
    let body = input.get(line.start..line.end).unwrap_or("");
    let mut out = Vec::new();
    let mut cur: Option<(usize, usize)> = None; // (byte start, char col)
    let push = |s: usize, c: usize, e: usize, out: &mut Vec<Frag>| {
        let text = body[s..e].to_string();
        out.push(Frag {
            pos,
            col: c,
            width: width(&text),
            amount: amount(&text).is_some(),
            text,
            start: line.start + s,
            end: line.start + e,
            key: 0,
            full: false,
        });
    };
    for (col, (b, ch)) in body.char_indices().enumerate() {
        if ch == ' ' || ch == '\u{3000}' || ch == '\u{c}' {
            if let Some((s, c)) = cur.take() {
                push(s, c, b, &mut out);
            }
        } else if cur.is_none() {
            cur = Some((b, col));
        }
    }
    if let Some((s, c)) = cur {
        push(s, c, body.len(), &mut out);
    }
    out
}

/// `— 9 —`, `- 10 -`, `第3页`: a page footer or header line.
fn is_page_number(t: &str) -> bool {
    let t: String = t.chars().filter(|c| !c.is_whitespace()).collect();
    let digits = t.chars().filter(char::is_ascii_digit).count();
    digits > 0
        && digits <= 4
        && t.chars()
            .all(|c| c.is_ascii_digit() || "—–-―第页共/".contains(c))
}

/// `(2024年度)`, `(2024)年度`.
fn is_year(f: &[Frag]) -> bool {
    f.len() == 1
        && f[0].text.contains("年度")
        && f[0].text.chars().count() <= 12
        && f[0].text.chars().any(|c| c.is_ascii_digit())
}

fn is_header(f: &[Frag]) -> bool {
    let has = |w: &str| f.iter().any(|x| x.text == w);
    has("一级指标") && has("三级指标")
}

/// Slack for a line's width against its column's (line-breaking rules
/// squeeze punctuation at a line's end: half an em).
const SLACK: usize = 5;
/// A fragment this narrow is a cell of its own (`0个`, `≥1次`, `100%`).
const MIN_WRAPPED: usize = 30;

/// The width of what a line must begin with: one wide character, or a run
/// of Latin letters and digits, with the brackets before it and the
/// punctuation after it (`【2022】`, `“专精特新”` opens with `“专`): a line
/// that this does not fit after was broken there.
fn first_unit(s: &str) -> usize {
    const OPEN: &str = "【《（(“‘〔[「『";
    const CLOSE: &str = "】》）)”’〕]」』、，。：；！？,.;:!?%";
    let cs: Vec<char> = s.chars().collect();
    let mut i = 0;
    while i < cs.len() && OPEN.contains(cs[i]) {
        i += 1;
    }
    if cs.get(i).is_some_and(char::is_ascii_alphanumeric) {
        while cs
            .get(i)
            .is_some_and(|c| c.is_ascii() && !CLOSE.contains(*c))
        {
            i += 1;
        }
    } else if i < cs.len() {
        i += 1;
    }
    while i < cs.len() && CLOSE.contains(cs[i]) {
        i += 1;
    }
    width(&cs[..i].iter().collect::<String>())
}

/// Which fragments of a region are of one column.
#[derive(Clone, Copy)]
enum Near {
    /// Starting within a few characters of each other.
    Start,
    /// Given the same column key.
    Key,
    /// All of them (the first column's labels).
    All,
}

const NEAR: usize = 3;

impl Near {
    fn same(self, a: &Frag, b: &Frag) -> bool {
        match self {
            Near::Start => a.col.abs_diff(b.col) <= NEAR,
            Near::Key => a.key == b.key,
            Near::All => true,
        }
    }
    fn bucket(self, f: &Frag) -> usize {
        match self {
            Near::Start => f.col,
            Near::Key => f.key,
            Near::All => 0,
        }
    }
}

/// The narrowest and widest text fragment of each column of a pool.
struct Widths {
    near: Near,
    by: BTreeMap<usize, (usize, usize)>,
}

impl Widths {
    fn new<'a>(pool: impl Iterator<Item = &'a Frag>, near: Near) -> Self {
        let mut by: BTreeMap<usize, (usize, usize)> = BTreeMap::new();
        for f in pool.filter(|f| !f.amount) {
            let e = by.entry(near.bucket(f)).or_insert((f.width, f.width));
            e.0 = e.0.min(f.width);
            e.1 = e.1.max(f.width);
        }
        Widths { near, by }
    }
    /// (narrowest, widest) of `f`'s column.
    fn of(&self, f: &Frag) -> Option<(usize, usize)> {
        let b = self.near.bucket(f);
        let range = match self.near {
            Near::Start => b.saturating_sub(NEAR)..=b + NEAR,
            Near::Key | Near::All => b..=b,
        };
        self.by
            .range(range)
            .map(|(_, w)| *w)
            .reduce(|x, y| (x.0.min(y.0), x.1.max(y.1)))
    }
}

/// Does fragment `f` go on in `g` (the next fragment of its column)? When
/// the widest text of the column leaves no room after `f` for what `g`
/// begins with. A column whose fragments are all about as wide shows no
/// wrapping; a short fragment is a cell of its own.
fn goes_on(f: &Frag, g: &Frag, widths: &Widths) -> bool {
    if f.amount || g.amount || f.width < MIN_WRAPPED {
        return false;
    }
    let Some((min, max)) = widths.of(f) else {
        return false;
    };
    min + 3 * SLACK < max && f.width + first_unit(&g.text) + SLACK > max
}

/// How many lines below its last line a cell may go on (a wrapped cell's
/// lines have the lines of shorter cells between them).
const REACH: usize = 4;

/// Mark each fragment that goes on in a later line of its column, judged
/// by the widths of `lines` and else of the wider pool `wide`.
fn mark_wrapped(lines: &mut [Vec<Frag>], wide: Option<&Widths>, near: Near) {
    let local = Widths::new(lines.iter().flatten(), near);
    let at: BTreeMap<usize, usize> = lines
        .iter()
        .enumerate()
        .filter_map(|(k, l)| l.first().map(|f| (f.pos, k)))
        .collect();
    let mut marks: Vec<(usize, usize)> = Vec::new();
    for (k, line) in lines.iter().enumerate() {
        for (j, f) in line.iter().enumerate() {
            // the nearest later line of its column
            let next = at
                .range(f.pos + 1..=f.pos + REACH)
                .flat_map(|(_, &i)| lines[i].iter())
                .find(|g| !g.amount && near.same(f, g));
            let Some(g) = next else { continue };
            if goes_on(f, g, &local) || wide.is_some_and(|w| goes_on(f, g, w)) {
                marks.push((k, j));
            }
        }
    }
    for (k, j) in marks {
        lines[k][j].full = true;
    }
}

/// A column of a row being built.
struct Col {
    key: usize,
    col: usize,
    parts: Vec<Frag>,
    open: bool,
    amount: bool,
}

/// A row being built: its columns, first line and (once a cell has ended)
/// its last line.
#[derive(Default)]
struct Row {
    cols: Vec<Col>,
    first: usize,
    last: Option<usize>,
    label: Option<Frag>,
}

impl Row {
    fn is_empty(&self) -> bool {
        self.cols.is_empty()
    }
}

/// How a region's fragments find their column.
trait Columns {
    /// The column key of each fragment of a line (same key: one cell).
    fn keys(&self, line: &[Frag]) -> Vec<usize>;
    /// Which fragments are of one column.
    fn near(&self) -> Near;
    /// Do two fragments (of any lines) start in the same column?
    fn same(&self, a: &Frag, b: &Frag) -> bool {
        self.near().same(a, b)
    }
    /// A column of level names, never wrapped, one line each.
    fn is_marker(&self, _key: usize) -> bool {
        false
    }
}

/// Upper part: columns by start position.
struct ByStart;

impl Columns for ByStart {
    fn keys(&self, line: &[Frag]) -> Vec<usize> {
        line.iter().map(|f| f.col).collect()
    }
    fn near(&self) -> Near {
        Near::Start
    }
}

/// Indicator part: columns by the header's cells.
struct ByHeader {
    starts: Vec<usize>,
    markers: Vec<bool>,
}

impl Columns for ByHeader {
    /// The columns of a line's fragments: the left-to-right assignment to
    /// the header's columns nearest their starts (layout text pushes a
    /// fragment left after wide text, so the nearest start alone can put
    /// two cells in one column); two fragments one space apart may be one
    /// cell (a space inside), at a cost, never in a level-name column.
    fn keys(&self, line: &[Frag]) -> Vec<usize> {
        const MERGE: usize = 4;
        // beyond these, a line is no grid row: each fragment takes the
        // last column starting at or before it
        const MAX_COLUMNS: usize = 32;
        const MAX_FRAGMENTS: usize = 64;
        let n = self.starts.len();
        let m = line.len();
        if n == 0 || m == 0 || n > MAX_COLUMNS || m > MAX_FRAGMENTS {
            return line
                .iter()
                .map(|f| {
                    self.starts
                        .iter()
                        .rposition(|&s| s <= f.col + NEAR)
                        .unwrap_or(0)
                })
                .collect();
        }
        let cost = |j: usize, i: usize| line[j].col.abs_diff(self.starts[i]);
        // best[j][i]: the least cost of fragments 0..=j with j in column
        // i, and the column of fragment j - 1 it comes from
        let mut best: Vec<Vec<(usize, usize)>> = vec![(0..n).map(|i| (cost(0, i), 0)).collect()];
        for j in 1..m {
            let (a, b) = (&line[j - 1], &line[j]);
            let one_space = b.col <= a.col + a.text.chars().count() + 1;
            let prev = &best[j - 1];
            let row: Vec<(usize, usize)> = (0..n)
                .map(|i| {
                    let left = prev[..i]
                        .iter()
                        .enumerate()
                        .map(|(k, (c, _))| (c + cost(j, i), k))
                        .min();
                    let merged = (one_space && !self.is_marker(i)).then(|| (prev[i].0 + MERGE, i));
                    left.into_iter()
                        .chain(merged)
                        .min()
                        .unwrap_or((usize::MAX / 4, 0))
                })
                .collect();
            best.push(row);
        }
        let mut out = vec![0; m];
        let mut i = best[m - 1]
            .iter()
            .enumerate()
            .min_by_key(|(_, (c, _))| *c)
            .map_or(0, |(i, _)| i);
        for j in (0..m).rev() {
            out[j] = i;
            i = best[j][i].1;
        }
        out
    }
    fn near(&self) -> Near {
        Near::Key
    }
    fn is_marker(&self, key: usize) -> bool {
        self.markers.get(key).copied().unwrap_or(false)
    }
}

/// Build the rows of one region (its lines' fragments, labels removed).
fn build(lines: &[Vec<Frag>], cols: &dyn Columns, wide: Option<&Widths>) -> Vec<Row> {
    let lines: Vec<Vec<Frag>> = lines
        .iter()
        .map(|l| {
            let keys = cols.keys(l);
            l.iter()
                .zip(keys)
                .map(|(f, key)| Frag { key, ..f.clone() })
                .collect()
        })
        .collect();
    let mut lines = lines;
    mark_wrapped(&mut lines, wide, cols.near());
    let mut rows: Vec<Row> = Vec::new();
    let mut row = Row::default();
    for line in lines.iter().filter(|l| !l.is_empty()) {
        let pos = line[0].pos;
        let keys: Vec<usize> = line.iter().map(|f| f.key).collect();
        let matched: Vec<Option<usize>> = keys
            .iter()
            .zip(line)
            .map(|(k, f)| {
                row.cols
                    .iter()
                    .position(|c| !c.amount && !f.amount && c_same(cols, c, *k, f))
            })
            .collect();
        let ended = row.last.is_some_and(|l| pos > l);
        let cut = matched
            .iter()
            .flatten()
            .any(|&i| !row.cols[i].open || cols.is_marker(row.cols[i].key));
        let vacuous = matched.iter().all(Option::is_none);
        let goes_on = row.cols.iter().any(|c| c.open);
        if !row.is_empty() && (ended || cut || (vacuous && !goes_on)) {
            rows.push(std::mem::take(&mut row));
        }
        if row.is_empty() {
            row.first = pos;
        }
        // fragments of one line in one column are one cell (a space inside)
        let mut seen: Vec<(usize, usize)> = Vec::new();
        for (f, k) in line.iter().zip(&keys) {
            let marker = cols.is_marker(*k);
            let at = seen
                .iter()
                .find(|(kk, _)| kk == k && !f.amount)
                .map(|(_, i)| *i)
                .or_else(|| {
                    row.cols
                        .iter()
                        .position(|c| !c.amount && !f.amount && c_same(cols, c, *k, f))
                });
            let open = !marker && f.full;
            match at {
                Some(i) => {
                    let c = &mut row.cols[i];
                    c.parts.push(f.clone());
                    c.open = open;
                }
                None => {
                    row.cols.push(Col {
                        key: *k,
                        col: f.col,
                        parts: vec![f.clone()],
                        open,
                        amount: f.amount,
                    });
                    seen.push((*k, row.cols.len() - 1));
                }
            }
        }
        // a cell that ended fixes the row's centre
        for c in row.cols.iter().filter(|c| !c.open) {
            let (a, b) = (c.parts[0].pos, c.parts[c.parts.len() - 1].pos);
            if b == pos {
                let last = (a + b).saturating_sub(row.first);
                row.last = Some(row.last.map_or(last, |l| l.min(last)).max(pos));
            }
        }
    }
    if !row.is_empty() {
        rows.push(row);
    }
    rows
}

fn c_same(cols: &dyn Columns, c: &Col, key: usize, f: &Frag) -> bool {
    c.key == key || (c.parts.last().is_some_and(|p| cols.same(p, f)) && !cols.is_marker(c.key))
}

/// A row as a tab-form line: its cells left to right (an amount before a
/// text cell starting at the same column).
fn to_line(row: &Row, lines: &[&Line]) -> Line {
    let mut cols: Vec<&Col> = row.cols.iter().collect();
    cols.sort_by_key(|c| (c.col, !c.amount));
    let mut cells: Vec<Cell> = Vec::new();
    if let Some(l) = &row.label {
        cells.push(Cell {
            text: l.text.clone(),
            col: l.col,
            start: l.start,
            end: l.end,
        });
    }
    for c in cols {
        let mut parts = c.parts.clone();
        parts.sort_by_key(|p| (p.pos, p.col));
        cells.push(Cell {
            text: parts.iter().map(|p| p.text.as_str()).collect(),
            col: c.col,
            start: parts[0].start,
            end: parts[parts.len() - 1].end,
        });
    }
    let (no, page) = lines.get(row.first).map_or((0, 1), |l| (l.no, l.page));
    let start = cells.iter().map(|c| c.start).min().unwrap_or(0);
    let end = cells.iter().map(|c| c.end).max().unwrap_or(start);
    let text = cells
        .iter()
        .map(|c| c.text.as_str())
        .collect::<Vec<_>>()
        .join("  ");
    Line {
        no,
        page,
        start,
        end,
        text,
        tabbed: true,
        cells,
    }
}

/// A label of the first column: its lines (first, last) and text.
struct Label {
    first: usize,
    last: usize,
    frag: Frag,
}

/// The first column's labels, a label wrapped over lines joined.
fn labels(lines: &mut [Vec<Frag>]) -> Vec<Label> {
    let left = lines
        .iter()
        .filter_map(|l| l.first().map(|f| f.col))
        .min()
        .unwrap_or(0);
    let mut found: Vec<Frag> = Vec::new();
    for l in lines.iter_mut() {
        if l.first().is_some_and(|f| f.col <= left + 2 && !f.amount) {
            found.push(l.remove(0));
        }
    }
    let mut each: Vec<Vec<Frag>> = found.into_iter().map(|f| vec![f]).collect();
    mark_wrapped(&mut each, None, Near::All);
    let found: Vec<Frag> = each.into_iter().flatten().collect();
    let widest = found.iter().map(|f| f.width).max().unwrap_or(0);
    let mut out: Vec<Label> = Vec::new();
    for f in &found {
        if let Some(prev) = out.last_mut() {
            // a label line that goes on in the next label line, a line
            // or two below, which ends it (is clearly narrower)
            let last = prev.frag_last(&found);
            let ends = f.width + 3 * SLACK < widest;
            if f.pos <= prev.last + 2 && last.full && ends {
                prev.last = f.pos;
                prev.frag.text.push_str(&f.text);
                prev.frag.end = f.end;
                continue;
            }
        }
        out.push(Label {
            first: f.pos,
            last: f.pos,
            frag: f.clone(),
        });
    }
    out
}

impl Label {
    /// The label's last line's fragment.
    fn frag_last(&self, found: &[Frag]) -> Frag {
        found
            .iter()
            .find(|f| f.pos == self.last)
            .cloned()
            .unwrap_or_else(|| self.frag.clone())
    }
}

/// A label's rows end at `e` (exclusive) unless a cell of them goes on
/// past it (a label is centred on rows of unequal height): then they end
/// after the lines it goes on in. `lines` run from the rows' first line to
/// the next label.
fn go_on(lines: &[Vec<Frag>], mut e: usize, wide: &Widths) -> usize {
    let mut marked = lines.to_vec();
    mark_wrapped(&mut marked, Some(wide), Near::Start);
    let at: BTreeMap<usize, usize> = marked
        .iter()
        .enumerate()
        .filter_map(|(k, l)| l.first().map(|f| (f.pos, k)))
        .collect();
    let last = at.keys().next_back().map_or(e, |p| p + 1);
    // the next fragment of (line k, fragment j)'s column: (line, fragment)
    let next = |k: usize, j: usize| -> Option<(usize, usize)> {
        let f = &marked[k][j];
        at.range(f.pos + 1..=f.pos + REACH).find_map(|(_, &i)| {
            marked[i]
                .iter()
                .position(|g| !g.amount && Near::Start.same(f, g))
                .map(|jj| (i, jj))
        })
    };
    let mut continued: std::collections::BTreeSet<(usize, usize)> = Default::default();
    // in line order: a cell already wrapped inside the rows (a full line
    // going on in a full line) that goes on past their end, in a line
    // without amounts, takes that line in
    for (k, line) in marked.iter().enumerate() {
        for (j, f) in line.iter().enumerate() {
            if !f.full {
                continue;
            }
            let Some((i, jj)) = next(k, j) else { continue };
            let wrapped = continued.contains(&(k, j));
            continued.insert((i, jj));
            let p = marked[i][jj].pos;
            let no_amount = !marked[i].iter().any(|g| g.amount);
            if wrapped && f.pos < e && p >= e && p < last && no_amount {
                e = p + 1;
            }
        }
    }
    e
}

/// The upper part: each label's rows are the lines as far below it as
/// above it.
fn upper(lines: &[Vec<Frag>], base: usize) -> Vec<Row> {
    let mut lines = lines.to_vec();
    let labels = labels(&mut lines);
    let wide = Widths::new(lines.iter().flatten(), Near::Start);
    let mut out = Vec::new();
    let end = base + lines.len();
    let mut s = base;
    let slice = |a: usize, b: usize| -> Vec<Vec<Frag>> { lines[a - base..b - base].to_vec() };
    for (k, l) in labels.iter().enumerate() {
        let next = labels.get(k + 1).map_or(end, |n| n.first);
        let s0 = s.min(l.first);
        let e = (l.last + (l.first - s0) + 1)
            .min(next)
            .min(end)
            .max(l.last + 1);
        let e = go_on(&slice(s0, next.min(end)), e, &wide);
        let mut rows = build(&slice(s0, e), &ByStart, Some(&wide));
        match rows.first_mut() {
            Some(r) => r.label = Some(l.frag.clone()),
            None => rows.push(Row {
                first: l.first,
                label: Some(l.frag.clone()),
                ..Row::default()
            }),
        }
        out.extend(rows);
        s = e;
    }
    if s < end {
        out.extend(build(&slice(s, end), &ByStart, Some(&wide)));
    }
    out
}

/// The indicator part: the header's columns; its label (left of 一级指标)
/// becomes the header row's first cell.
fn indicators(lines: &[Vec<Frag>]) -> Vec<Row> {
    let Some(header) = lines.first() else {
        return Vec::new();
    };
    let first = header.first().map_or(0, |f| f.col);
    let cols = ByHeader {
        starts: header.iter().map(|f| f.col).collect(),
        markers: header
            .iter()
            .map(|f| f.text == "一级指标" || f.text == "二级指标")
            .collect(),
    };
    let mut label: Option<Frag> = None;
    let mut body: Vec<Vec<Frag>> = Vec::new();
    for l in &lines[1..] {
        if is_header(l) {
            continue; // repeated on a new page
        }
        let mut l = l.clone();
        while l.first().is_some_and(|f| f.col + NEAR < first && !f.amount) {
            let f = l.remove(0);
            match label.as_mut() {
                Some(x) => x.text.push_str(&f.text),
                None => label = Some(f),
            }
        }
        body.push(l);
    }
    let head = Row {
        cols: one_per_fragment(header, false),
        first: header[0].pos,
        last: Some(header[0].pos),
        label: Some(label.unwrap_or_else(|| Frag {
            text: "绩效指标".to_string(),
            col: 0,
            ..header[0].clone()
        })),
    };
    // the region is its own pool of widths
    let mut out = vec![head];
    out.extend(build(&body, &cols, None));
    out
}

/// A column per fragment, each its own cell; an amount only where the
/// fragment is one and `amounts` lets it be (a header's cells never are).
fn one_per_fragment(frags: &[Frag], amounts: bool) -> Vec<Col> {
    frags
        .iter()
        .enumerate()
        .map(|(k, f)| Col {
            key: k,
            col: f.col,
            parts: vec![f.clone()],
            open: false,
            amount: amounts && f.amount,
        })
        .collect()
}

/// The grid's rows as tab-form lines, or `None` when it shows no structure
/// this reader knows (no indicator header).
pub fn rows(body: &[usize], lines: &[Line], input: &str) -> Option<Vec<Line>> {
    let kept: Vec<&Line> = body
        .iter()
        .map(|&i| &lines[i])
        .filter(|l| !l.text.is_empty() && !is_page_number(&l.text))
        .filter(|l| !is_year(&frags(l, input, 0)))
        .collect();
    let fr: Vec<Vec<Frag>> = kept
        .iter()
        .enumerate()
        .map(|(p, l)| frags(l, input, p))
        .collect();
    let h = fr.iter().position(|l| is_header(l))?;
    let foot = fr
        .iter()
        .position(|l| l.first().is_some_and(|f| f.text.starts_with("负责人")))
        .filter(|&f| f > h)
        .unwrap_or(fr.len());
    let mut rows = upper(&fr[..h], 0);
    rows.extend(indicators(&fr[h..foot]));
    for l in &fr[foot..] {
        if !l.is_empty() {
            rows.push(Row {
                cols: one_per_fragment(l, true),
                first: l[0].pos,
                last: Some(l[0].pos),
                label: None,
            });
        }
    }
    Some(
        rows.iter()
            .filter(|r| !r.cols.is_empty() || r.label.is_some())
            .map(|r| to_line(r, &kept))
            .collect(),
    )
}
