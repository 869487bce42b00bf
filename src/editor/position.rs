//! Byte offsets ↔ editor positions (line, UTF-16 code unit), as the
//! Language Server Protocol counts them.
//!
//! Lines end at `\n`, `\r\n` or `\r`. A column counts UTF-16 code units: a
//! CJK character is one unit (three bytes), a character outside the Basic
//! Multilingual Plane (𠀀, emoji) is two units (four bytes). Every conversion
//! clamps: an offset inside a character, a column past the end of its line or
//! inside a surrogate pair, a line past the end of the text — all land on the
//! nearest valid place before, never panic.

use crate::diagnostic::Span;
use serde::Serialize;

/// A place in a text: 0-based line and UTF-16 column.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default, Serialize)]
pub struct Position {
    pub line: u32,
    pub character: u32,
}

impl Position {
    pub fn new(line: u32, character: u32) -> Position {
        Position { line, character }
    }
}

/// A range of a text, `end` exclusive.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default, Serialize)]
pub struct Range {
    pub start: Position,
    pub end: Position,
}

impl Range {
    pub fn new(start: Position, end: Position) -> Range {
        Range { start, end }
    }
}

/// The start of every line of a text, for fast conversions.
#[derive(Debug, Clone, Default)]
pub struct LineIndex {
    /// Byte offset where each line starts; the first is 0.
    starts: Vec<usize>,
    len: usize,
    /// (byte offset, UTF-16 units before it) every [`STEP`] bytes or so, so
    /// that a column on a very long line costs at most STEP bytes of
    /// counting, not the line's length (a long line with many diagnostics
    /// would otherwise cost its square).
    marks: Vec<(usize, usize)>,
}

/// Bytes between two marks of [`LineIndex::marks`].
const STEP: usize = 1024;

impl LineIndex {
    pub fn new(text: &str) -> LineIndex {
        // one pass over the bytes: line starts, and every STEP bytes the
        // UTF-16 length so far (a character of four bytes is two units)
        let b = text.as_bytes();
        let mut starts = vec![0];
        let mut marks = vec![(0, 0)];
        let mut units = 0;
        let mut next = STEP;
        for (i, &c) in b.iter().enumerate() {
            if c & 0xC0 != 0x80 {
                if i >= next {
                    marks.push((i, units));
                    next = i + STEP;
                }
                units += if c >= 0xF0 { 2 } else { 1 };
            }
            match c {
                b'\n' => starts.push(i + 1),
                b'\r' if b.get(i + 1) != Some(&b'\n') => starts.push(i + 1),
                _ => {}
            }
        }
        LineIndex {
            starts,
            len: text.len(),
            marks,
        }
    }

    pub fn line_count(&self) -> usize {
        self.starts.len()
    }

    /// Byte offset → position. `text` must be the indexed text.
    pub fn position(&self, text: &str, offset: usize) -> Position {
        let mut offset = crate::diagnostic::floor_char_boundary(text, offset.min(text.len()));
        // Between `\r` and `\n`: the line ends at the `\r`.
        if offset > 0
            && text.as_bytes().get(offset - 1) == Some(&b'\r')
            && text.as_bytes().get(offset) == Some(&b'\n')
        {
            offset -= 1;
        }
        let line = self
            .starts
            .partition_point(|&s| s <= offset)
            .saturating_sub(1);
        let start = self.starts.get(line).copied().unwrap_or(0).min(offset);
        let col = self
            .units_to(text, offset)
            .saturating_sub(self.units_to(text, start));
        Position::new(line as u32, col as u32)
    }

    /// UTF-16 units of the text before a character boundary: from the
    /// nearest mark at or before it.
    fn units_to(&self, text: &str, offset: usize) -> usize {
        let k = self
            .marks
            .partition_point(|&(o, _)| o <= offset)
            .saturating_sub(1);
        let (at, units) = self.marks.get(k).copied().unwrap_or((0, 0));
        units
            + text
                .get(at.min(offset)..offset)
                .map(|s| s.chars().map(char::len_utf16).sum::<usize>())
                .unwrap_or(0)
    }

    /// Position → byte offset. A column past the end of the line is the end
    /// of the line; a column inside a surrogate pair is the character's start;
    /// a line past the end is the end of the text.
    pub fn offset(&self, text: &str, pos: Position) -> usize {
        let line = pos.line as usize;
        let Some(&start) = self.starts.get(line) else {
            return text.len().min(self.len);
        };
        let rest = text.get(start..).unwrap_or("");
        let mut units = 0usize;
        let want = pos.character as usize;
        for (i, c) in rest.char_indices() {
            if c == '\n' || c == '\r' {
                return start + i;
            }
            let next = units + c.len_utf16();
            if next > want {
                return start + i;
            }
            units = next;
        }
        text.len()
    }

    pub fn range(&self, text: &str, span: Span) -> Range {
        Range::new(
            self.position(text, span.start),
            self.position(text, span.end.max(span.start)),
        )
    }

    pub fn span(&self, text: &str, range: Range) -> Span {
        let a = self.offset(text, range.start);
        let b = self.offset(text, range.end);
        Span::new(a.min(b), a.max(b))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cjk_and_astral_columns() {
        // 部 = 3 bytes, 1 unit; 𠀀 = 4 bytes, 2 units.
        let text = "年度 2024\n部门 𠀀x ≥\r\nz\rw";
        let idx = LineIndex::new(text);
        assert_eq!(idx.line_count(), 4);
        let x = text.find('x').expect("x");
        assert_eq!(idx.position(text, x), Position::new(1, 5));
        let ge = text.find('≥').expect("≥");
        assert_eq!(idx.position(text, ge), Position::new(1, 7));
        assert_eq!(idx.offset(text, Position::new(1, 5)), x);
        assert_eq!(idx.offset(text, Position::new(1, 7)), ge);
        // inside the surrogate pair: the character's start
        let astral = text.find('𠀀').expect("astral");
        assert_eq!(idx.offset(text, Position::new(1, 4)), astral);
        // past the end of a line: the line's end (before \r\n)
        assert_eq!(idx.offset(text, Position::new(1, 99)), ge + '≥'.len_utf8());
        assert_eq!(idx.position(text, text.len()), Position::new(3, 1));
        assert_eq!(
            idx.offset(text, Position::new(2, 0)),
            text.find('z').expect("z")
        );
        assert_eq!(
            idx.offset(text, Position::new(3, 0)),
            text.find('w').expect("w")
        );
        assert_eq!(idx.offset(text, Position::new(99, 0)), text.len());
        // inside a character: floor
        assert_eq!(idx.position(text, astral + 2), Position::new(1, 3));
    }

    #[test]
    fn round_trip_every_boundary() {
        let text = "a𠀀b\n中文\r\n\n😀x";
        let idx = LineIndex::new(text);
        for (i, c) in text.char_indices() {
            if c == '\n' && text[..i].ends_with('\r') {
                // inside a line break: the line ends at the `\r`
                assert_eq!(idx.position(text, i), idx.position(text, i - 1));
                continue;
            }
            let p = idx.position(text, i);
            assert_eq!(idx.offset(text, p), i, "offset {i} at {p:?}");
        }
    }
}
