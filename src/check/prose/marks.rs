//! One pass over a text's characters for the inline checks of the prose
//! (T3–T7): where its years are, where a placeholder may start, its runs of
//! punctuation, its unmatched brackets, and whether the words the other
//! checks look for can be in it. Each check then reads only what it needs,
//! instead of decoding the text once per check.

/// What [`scan`] found in one text (byte offsets in it).
#[derive(Debug, Default, PartialEq)]
pub(super) struct Marks {
    /// Every `YYYY年` (four ASCII digits, no digit before): (start, year,
    /// end of 年).
    pub years: Vec<(usize, i32, usize)>,
    /// Where a placeholder may start: the first characters of
    /// `LEFTOVERS` that are scanned for, and the braces of a variable.
    pub placeholders: Vec<usize>,
    /// A 原 or 用: `主要原因是` / `主要用于` may be in the text.
    pub leads: bool,
    /// Runs of two or more punctuation marks: (start, end, first mark).
    pub runs: Vec<(usize, usize, char)>,
    /// Closing brackets that close nothing, or an opening bracket of the
    /// other width, in order.
    pub brackets: Vec<Bracket>,
    /// Opening brackets never closed: (offset, bracket), in order.
    pub unclosed: Vec<(usize, char)>,
    /// A 持: `比…持平` may be in the text.
    pub level: bool,
}

#[derive(Debug, PartialEq)]
pub(super) enum Bracket {
    /// `（境)`: the opening bracket `open` closed by `close` of the other width.
    Mixed { at: usize, close: char, open: char },
    /// A closing bracket with no opening one.
    Extra { at: usize, close: char },
}

/// Quotes and brackets, each with its closing one.
pub(super) const PAIRS: &[(char, char)] = &[
    ('“', '”'),
    ('‘', '’'),
    ('（', '）'),
    ('(', ')'),
    ('《', '》'),
    ('【', '】'),
    ('〔', '〕'),
    ('「', '」'),
];

/// The year whose `年` is at byte `k`: four ASCII digits just before it, and
/// no digit before those.
fn year_before(b: &[u8], k: usize) -> Option<i32> {
    let digits = b.get(k.checked_sub(4)?..k)?;
    if !digits.iter().all(u8::is_ascii_digit) || (k > 4 && b[k - 5].is_ascii_digit()) {
        return None;
    }
    Some(digits.iter().fold(0, |y, d| y * 10 + i32::from(d - b'0')))
}

/// A character of three bytes in UTF-8 (U+0800–U+FFFF), its bytes as one number.
const fn utf8_3(c: char) -> u32 {
    let c = c as u32;
    (0xE0 | c >> 12) << 16 | (0x80 | (c >> 6 & 0x3F)) << 8 | (0x80 | (c & 0x3F))
}

const NIAN: u32 = utf8_3('年');
const ZENG: u32 = utf8_3('增');
const YUAN: u32 = utf8_3('原');
const YONG: u32 = utf8_3('用');
const CHI: u32 = utf8_3('持');

/// The lead byte of an ideograph of U+4000–U+9FFF.
#[inline]
fn is_ideograph(lead: u8) -> bool {
    (0xE4..=0xE9).contains(&lead)
}

/// The second bytes of the ideographs [`scan`] looks for.
const MIDDLE: [bool; 256] = {
    let mut t = [false; 256];
    let mut k = 0;
    let wanted = [NIAN, ZENG, YUAN, YONG, CHI];
    while k < wanted.len() {
        t[(wanted[k] >> 8 & 0xFF) as usize] = true;
        k += 1;
    }
    t
};

/// The ideograph at `i` (its three bytes as one number) when it is one of
/// the five [`scan`] looks for — told from the rest by its second byte
/// first.
#[inline]
fn looked_for(b: &[u8], i: usize) -> Option<u32> {
    let byte = |k: usize| u32::from(b.get(k).copied().unwrap_or(0));
    if !MIDDLE[byte(i + 1) as usize] {
        return None;
    }
    let c = byte(i) << 16 | byte(i + 1) << 8 | byte(i + 2);
    matches!(c, NIAN | ZENG | YUAN | YONG | CHI).then_some(c)
}

/// Whether `text` certainly has no mark: only ASCII that [`scan`] passes
/// over and ideographs other than the five it looks for. Most texts read
/// are short words (keys, codes, names): they are told in a few
/// instructions a byte, without building [`Marks`].
pub(super) fn quiet(text: &str) -> bool {
    let b = text.as_bytes();
    let mut i = 0;
    while let Some(&c) = b.get(i) {
        if c < 0x80 {
            if matches!(c, b',' | b';' | b'X' | b'x' | b'{' | b'(' | b')') {
                return false;
            }
            i += 1;
        } else if is_ideograph(c) {
            if looked_for(b, i).is_some() {
                return false;
            }
            i += 3;
        } else {
            return false;
        }
    }
    true
}

/// Every mark of `text`, in one pass.
pub(super) fn scan(text: &str) -> Marks {
    let b = text.as_bytes();
    let mut m = Marks::default();
    let mut run: Option<(usize, usize, char)> = None; // (start, marks, first)
    let mut i = 0;
    while i < b.len() {
        // Most characters are CJK ideographs, U+4000–U+9FFF (lead bytes
        // E4–E9, three bytes): they end a run of marks, and five matter.
        if is_ideograph(b[i]) {
            end_run(&mut run, &mut m.runs, i);
            while b.get(i).copied().is_some_and(is_ideograph) {
                match looked_for(b, i) {
                    Some(NIAN) => {
                        if let Some(y) = year_before(b, i) {
                            m.years.push((i - 4, y, i + 3));
                        }
                    }
                    Some(ZENG) => m.placeholders.push(i),
                    Some(YUAN | YONG) => m.leads = true,
                    Some(CHI) => m.level = true,
                    _ => {}
                }
                i += 3;
            }
            continue;
        }
        let c = match b[i] {
            // ASCII: only these matter, the rest (digits, letters, blanks) end a run
            x @ (b',' | b';' | b'X' | b'x' | b'{' | b'(' | b')') => char::from(x),
            x if x < 0x80 => {
                end_run(&mut run, &mut m.runs, i);
                i += 1;
                continue;
            }
            _ => match text.get(i..).and_then(|t| t.chars().next()) {
                Some(c) => c,
                None => break,
            },
        };
        if let '。' | '，' | '；' | '：' | '、' | '！' | '？' | ',' | ';' = c {
            match &mut run {
                Some((_, n, _)) => *n += 1,
                None => run = Some((i, 1, c)),
            }
            i += c.len_utf8();
            continue;
        }
        end_run(&mut run, &mut m.runs, i);
        match c {
            'X' | 'x' | '×' | 'Ｘ' | '{' | '｛' => m.placeholders.push(i),
            '（' => {
                m.placeholders.push(i);
                m.unclosed.push((i, c));
            }
            // the brackets still open are the stack closing ones are matched against
            '“' | '‘' | '(' | '《' | '【' | '〔' | '「' => m.unclosed.push((i, c)),
            '”' | '’' | ')' | '）' | '》' | '】' | '〕' | '」' => {
                close(&mut m.unclosed, &mut m.brackets, i, c)
            }
            _ => {}
        }
        i += c.len_utf8();
    }
    end_run(&mut run, &mut m.runs, b.len());
    m
}

/// A run of marks ends at `end`: two or more are a finding.
fn end_run(
    run: &mut Option<(usize, usize, char)>,
    runs: &mut Vec<(usize, usize, char)>,
    end: usize,
) {
    if let Some((start, n, first)) = run.take() {
        if n > 1 {
            runs.push((start, end, first));
        }
    }
}

/// The closing bracket `c` at `at`, against the brackets still open.
fn close(open: &mut Vec<(usize, char)>, found: &mut Vec<Bracket>, at: usize, c: char) {
    let want = PAIRS.iter().find(|(_, cl)| *cl == c).map(|p| p.0);
    match open.last().copied() {
        Some((_, o)) if Some(o) == want => {
            open.pop();
        }
        Some((_, o)) if matches!((o, c), ('（', ')') | ('(', '）')) => {
            open.pop();
            found.push(Bracket::Mixed {
                at,
                close: c,
                open: o,
            });
        }
        _ => found.push(Bracket::Extra { at, close: c }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// The marks of a T5 run (as [`scan`] matches them).
    const PUNCT: &[char] = &['。', '，', '；', '：', '、', '！', '？', ',', ';'];

    /// Each mark found the plain way, one pass per kind.
    fn reference(text: &str) -> Marks {
        let b = text.as_bytes();
        let years = text
            .char_indices()
            .filter(|&(i, _)| {
                i + 4 <= b.len()
                    && b[i..i + 4].iter().all(u8::is_ascii_digit)
                    && (i == 0 || !b[i - 1].is_ascii_digit())
                    && text[i + 4..].starts_with('年')
            })
            .map(|(i, _)| (i, text[i..i + 4].parse().expect("digits"), i + 7))
            .collect();
        let placeholders = text
            .char_indices()
            .filter(|&(_, c)| "Xx×Ｘ增（{｛".contains(c))
            .map(|(i, _)| i)
            .collect();
        let mut runs = Vec::new();
        let chars: Vec<(usize, char)> = text.char_indices().collect();
        let mut k = 0;
        while k < chars.len() {
            let mut e = k;
            while e < chars.len() && PUNCT.contains(&chars[e].1) {
                e += 1;
            }
            if e - k > 1 {
                let end = chars.get(e).map_or(text.len(), |x| x.0);
                runs.push((chars[k].0, end, chars[k].1));
            }
            k = e.max(k + 1);
        }
        let mut open = Vec::new();
        let mut brackets = Vec::new();
        for (i, c) in text.char_indices() {
            if PAIRS.iter().any(|p| p.0 == c) {
                open.push((i, c));
            } else if PAIRS.iter().any(|p| p.1 == c) {
                close(&mut open, &mut brackets, i, c);
            }
        }
        Marks {
            years,
            placeholders,
            leads: text.contains(['原', '用']),
            runs,
            brackets,
            unclosed: open,
            level: text.contains('持'),
        }
    }

    proptest! {
        /// The one pass finds what the plain passes find, on texts of the
        /// characters it looks for among others; and a text told quiet
        /// has no mark.
        #[test]
        fn one_pass_is_the_plain_passes(
            text in "([0-9年XxＸ×增{}｛｝（）()“”‘’《》【】〔〕「」。，；：、！？,;原用持甲 ]|\\PC){0,40}"
        ) {
            prop_assert_eq!(scan(&text), reference(&text));
            if quiet(&text) {
                prop_assert_eq!(reference(&text), Marks::default());
            }
        }

        /// Words of ideographs, digits and letters are mostly quiet: the
        /// quiet ones have no mark.
        #[test]
        fn quiet_words_have_no_mark(text in "[一-龥0-9a-zA-Z年增原用持X]{0,12}") {
            if quiet(&text) {
                prop_assert_eq!(reference(&text), Marks::default());
            }
        }
    }

    #[test]
    fn quiet_texts() {
        for t in ["一般公共预算", "2011301", "行政运行", "", "abc"] {
            assert!(quiet(t), "{t}");
        }
        for t in [
            "2024年",
            "增加",
            "原因",
            "用于",
            "持平",
            "XX",
            "甲，乙",
            "（一）",
            "×",
            "“",
        ] {
            assert!(!quiet(t), "{t}");
        }
    }

    #[test]
    fn three_byte_characters_as_numbers() {
        for c in ['年', '增', '原', '用', '持', '\u{800}', '\u{FFFF}'] {
            let mut buf = [0u8; 4];
            let e = c.encode_utf8(&mut buf).as_bytes();
            let n = u32::from(e[0]) << 16 | u32::from(e[1]) << 8 | u32::from(e[2]);
            assert_eq!(utf8_3(c), n, "{c}");
        }
    }

    #[test]
    fn years_runs_and_brackets() {
        let m = scan("比2025年增加。。（境)12024年“");
        assert_eq!(m.years, vec![(3, 2025, 10)]);
        assert_eq!(m.runs, vec![(16, 22, '。')]);
        assert_eq!(
            m.brackets,
            vec![Bracket::Mixed {
                at: 28,
                close: ')',
                open: '（'
            }]
        );
        assert_eq!(m.unclosed, vec![(37, '“')]);
        assert_eq!(m.placeholders, vec![10, 22]);
    }
}
