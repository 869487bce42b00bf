//! Syntax tree → model: gives statements their meaning.
//!
//! Reports what a statement cannot mean here (unknown keyword, a value of the
//! wrong kind, a duplicate, a missing required statement); the arithmetic and
//! cross-table rules run afterwards on the model (`check::rules`).

use crate::diagnostic::{Code, Diagnostic, Span, Text};
use crate::model::*;
use crate::schema::{self, Place};
use crate::syntax::ast::{File, Stmt};
use crate::t;
use smallvec::SmallVec;
use std::collections::BTreeMap;

mod assets;
mod cells;
mod document;
mod economic;
mod expenditure;
mod income;
pub mod narrative;
mod performance;
mod print;
mod projects;
mod three_public;
mod values;

pub fn lower(file: &File, diags: &mut Vec<Diagnostic>) -> Budget {
    let mut l = Lower {
        unit: DisplayUnit::Wanyuan,
        diags,
    };
    l.file(file)
}

struct Lower<'d> {
    unit: DisplayUnit,
    diags: &'d mut Vec<Diagnostic>,
}

/// Profiles known to the checker: (what the author writes, id).
pub const PROFILES: &[(&str, &str)] = crate::profiles::NAMES;

/// Tracks single-valued keys of one block to report duplicates. At a place
/// of the schema a key is tracked by its canonical word, so that two
/// spellings of one key (收入总计 and 合计) are a duplicate too.
#[derive(Default)]
struct Seen {
    /// The keys so far, with where each was first written: a short list
    /// read in order (most blocks have a few keys) ...
    few: SmallVec<[(Name, Span); 8]>,
    /// ... moved to a map once a block has more than [`FEW_KEYS`] (a block
    /// of thousands must not cost their square).
    many: BTreeMap<Name, Span>,
    place: Option<Place>,
}

/// The keys a block's [`Seen`] keeps in a list.
const FEW_KEYS: usize = 32;

impl Seen {
    fn at(place: Place) -> Seen {
        Seen {
            place: Some(place),
            ..Seen::default()
        }
    }
    fn first(&mut self, key: &str, span: Span, diags: &mut Vec<Diagnostic>) -> bool {
        // a key allowed many times (设备 by its label) is tracked as written
        let schema_word = self
            .place
            .and_then(|p| schema::find(p, key))
            .filter(|k| !k.many)
            .map(|k| k.word);
        let canonical = schema_word.unwrap_or(key);
        let prev = if self.many.is_empty() {
            self.few.iter().find(|(k, _)| k == canonical).map(|k| k.1)
        } else {
            self.many.get(canonical).copied()
        };
        if let Some(prev) = prev {
            diags.push(
                Diagnostic::error(
                    Code::L007,
                    span,
                    t!("“{key}”重复出现", "`{key}` is written twice"),
                )
                .label(Text::new("重复的语句", "the repeated statement"))
                .related(prev, Text::new("第一次出现在此", "first written here"))
                .help(Text::new(
                    "只保留一处：删除或合并其中一条",
                    "keep one: delete or merge the other",
                )),
            );
            return false;
        }
        // (a key's name is short: kept in place, not on the heap)
        let owned = Name::from(canonical);
        if self.many.is_empty() && self.few.len() < FEW_KEYS {
            self.few.push((owned, span));
        } else {
            self.many.extend(self.few.drain(..));
            self.many.insert(owned, span);
        }
        true
    }
}

fn edit_distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for i in 1..=a.len() {
        let mut cur = vec![i; b.len() + 1];
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            cur[j] = (prev[j] + 1).min(cur[j - 1] + 1).min(prev[j - 1] + cost);
        }
        prev = cur;
    }
    prev[b.len()]
}

/// The key nearest to `word` in edit distance, if near enough to be a typo.
pub(crate) fn closest<'k>(word: &str, keys: &[&'k str]) -> Option<&'k str> {
    let n = word.chars().count();
    keys.iter()
        // a word more than twice a key's length is never within half of it
        // (and a long word must not cost its length times each key)
        .filter(|k| n <= 2 * k.chars().count() + 2)
        .map(|k| (edit_distance(word, k), *k))
        .filter(|(d, k)| *d <= (n.max(k.chars().count()) / 2).max(1))
        .min_by_key(|(d, _)| *d)
        .map(|(_, k)| k)
}

impl Lower<'_> {
    pub(super) fn push(&mut self, d: Diagnostic) {
        self.diags.push(d);
    }

    pub(super) fn unknown(&mut self, stmt: &Stmt, context: &Text, keys: &[&str]) {
        let word = stmt.head().map(|v| v.text()).unwrap_or_default();
        let span = stmt.head().map(|v| v.span).unwrap_or(stmt.span);
        let near = closest(&word, keys);
        let help = match near {
            Some(k) => t!("是否想写“{k}”？", "did you mean `{k}`?"),
            None => t!("此处可写：{}", keys.join("、"); "allowed here: {}", keys.join(", ")),
        };
        let mut d = Diagnostic::error(
            Code::L005,
            span,
            t!("{}中不能写“{word}”", context.zh; "`{word}` is not allowed in {}", context.en),
        )
        .label(Text::new("无法识别的语句", "statement not understood"))
        .help(help);
        if let Some(k) = near {
            d = d.fix(span, k);
        }
        self.push(d);
    }

    /// Whether the schema allows `word` at `place`; L005 when it does not
    /// (lowering reads no key the schema does not declare).
    pub(super) fn known(&mut self, stmt: &Stmt, place: Place, word: &str) -> bool {
        if schema::find(place, word).is_some() {
            return true;
        }
        self.unknown_at(stmt, place);
        false
    }

    /// L005 for a key the schema does not allow at `place`.
    pub(super) fn unknown_at(&mut self, stmt: &Stmt, place: Place) {
        self.unknown(stmt, &schema::label(place), &schema::words(place));
    }

    pub(super) fn bad_value(&mut self, span: Span, what: Text, help: Text) {
        self.push(
            Diagnostic::error(
                Code::L006,
                span,
                t!("此处应为{}", what.zh; "expected {} here", what.en),
            )
            .label(t!("应为{}", what.zh; "expected {}", what.en))
            .help(help),
        );
    }

    pub(super) fn missing_value(&mut self, stmt: &Stmt, what: Text) {
        let kw = stmt.head().map(|v| v.text()).unwrap_or_default();
        self.push(
            Diagnostic::error(
                Code::L006,
                stmt.head_span(),
                t!("“{kw}”缺少{}", what.zh; "`{kw}` is missing {}", what.en),
            )
            .label(t!("这里需要{}", what.zh; "{} needed here", what.en))
            .help(t!("在“{kw}”后写上{}", what.zh; "write {} after `{kw}`", what.en)),
        );
    }

    pub(super) fn no_block(&mut self, stmt: &Stmt) {
        if let Some(b) = &stmt.block {
            let kw = stmt.head().map(|v| v.text()).unwrap_or_default();
            self.push(
                Diagnostic::error(
                    Code::L006,
                    b.span,
                    t!("“{kw}”后不能跟块", "`{kw}` takes no block"),
                )
                .label(Text::new("多余的块", "unexpected block"))
                .help(Text::new("删除这个 { … } 块", "remove this { … } block")),
            );
        }
    }

    /// Values beyond `n` arguments are an error.
    pub(super) fn extra_args(&mut self, stmt: &Stmt, n: usize) {
        if stmt.args().len() > n {
            let first = stmt.args()[n].span;
            let last = stmt.args().last().map(|v| v.span).unwrap_or(first);
            let kw = stmt.head().map(|v| v.text()).unwrap_or_default();
            self.push(
                Diagnostic::error(
                    Code::L006,
                    first.join(last),
                    t!("“{kw}”后的值太多", "too many values after `{kw}`"),
                )
                .label(Text::new("多余的值", "extra values"))
                .help(Text::new(
                    "含空格的文字请用引号括起来，例如 \"甲 乙\"；否则删除多余的值",
                    "quote text that contains spaces, e.g. \"a b\"; otherwise remove the extra values",
                )),
            );
        }
    }

    pub(super) fn block_of<'s>(&mut self, stmt: &'s Stmt) -> &'s [Stmt] {
        if stmt.block.is_none() {
            let kw = stmt.head().map(|v| v.text()).unwrap_or_default();
            self.push(
                Diagnostic::error(
                    Code::L006,
                    stmt.head_span(),
                    t!("“{kw}”需要一个 {{ … }} 块", "`{kw}` needs a {{ … }} block"),
                )
                .label(Text::new("缺少块", "block missing"))
                .help(t!(
                    "写作 {kw} {{ … }}，每行一项",
                    "write {kw} {{ … }} with one entry per line"
                )),
            );
        }
        stmt.children()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::syntax::parse;
    use rust_decimal::Decimal;

    fn lower_src(src: &str) -> (Budget, Vec<Diagnostic>) {
        let p = parse(src);
        let mut d = p.diagnostics;
        let b = lower(&p.file, &mut d);
        (b, d)
    }

    /// A block's keys are a list up to FEW_KEYS and a map beyond: either
    /// way a repeated key is one L007 at the repeat, related to the first.
    #[test]
    fn repeated_keys_in_short_and_long_blocks() {
        for n in [3, FEW_KEYS, FEW_KEYS + 10] {
            let mut seen = Seen::default();
            let mut d = Vec::new();
            for i in 0..n {
                assert!(seen.first(&format!("键{i}"), Span::new(i, i + 1), &mut d));
            }
            for (i, again) in [0, n - 1].into_iter().enumerate() {
                assert!(!seen.first(&format!("键{again}"), Span::new(1000 + i, 1001 + i), &mut d));
                assert_eq!(d.len(), i + 1, "{n} keys");
                assert_eq!(d[i].code, Code::L007);
                assert_eq!(d[i].span, Span::new(1000 + i, 1001 + i));
                assert_eq!(d[i].related[0].span, Span::new(again, again + 1));
            }
            assert!(seen.first("新键", Span::new(2000, 2001), &mut d));
        }
        // at a place, two spellings of one key are one key
        let mut seen = Seen::at(Place::Income);
        let mut d = Vec::new();
        assert!(seen.first("收入总计", Span::new(0, 1), &mut d));
        assert!(!seen.first("合计", Span::new(5, 6), &mut d));
        assert_eq!(d.len(), 1);
    }

    #[test]
    fn amounts_in_units() {
        let (b, d) = lower_src("年度 2024\n部门 甲\n口径 山西县级\n金额单位 万元\n单位 甲 { 类型 行政 }\n收入 {\n 一般公共预算 12.84\n 单位资金 119000元\n}\n");
        assert!(d.is_empty(), "{d:?}");
        assert_eq!(b.income.sources[0].1, Money::yuan(Decimal::from(128400)));
        assert_eq!(b.income.sources[1].1, Money::yuan(Decimal::from(119000)));
    }

    const LISTED: &str = "年度 2024\n部门 甲\n口径 山西县级\n金额单位 万元\n单位 甲 { 类型 行政 }\n基本支出 {\n  30201 办公费 公用 3.00\n  30207 邮电费 公用 0.20\n  30101 基本工资 人员 5.00\n";

    #[test]
    fn listed_items_keep_their_order() {
        let (b, d) = lower_src(&format!(
            "{LISTED}  公用经费列举 邮电费 办公费\n  人员经费列举 基本工资\n}}\n"
        ));
        assert!(d.is_empty(), "{d:?}");
        let blk = &b.economic[0];
        assert_eq!(
            blk.listed_public.as_deref(),
            Some(&["邮电费".to_string(), "办公费".to_string()][..])
        );
        assert_eq!(
            blk.listed_personnel.as_deref(),
            Some(&["基本工资".to_string()][..])
        );
    }

    #[test]
    fn a_listed_item_must_be_a_line_with_that_money_once() {
        let src = format!("{LISTED}  公用经费列举 办公费 基本工资 差旅费 办公费 12\n}}\n");
        let (b, d) = lower_src(&src);
        let found: Vec<(&str, &str)> = d
            .iter()
            .map(|d| (d.code.as_str(), &src[d.span.start..d.span.end]))
            .collect();
        // 基本工资 has no 公用经费, 差旅费 is no line of the block (the
        // narrative would name what the table lacks), 办公费 twice, 12 no name
        assert_eq!(
            found,
            [
                ("N17", "基本工资"),
                ("N17", "差旅费"),
                ("L007", "办公费"),
                ("L006", "12")
            ]
        );
        assert!(d[0].severity == crate::diagnostic::Severity::Warning);
        assert_eq!(
            b.economic[0].listed_public.as_deref(),
            Some(
                &[
                    "办公费".to_string(),
                    "基本工资".to_string(),
                    "差旅费".to_string()
                ][..]
            )
        );
        let (_, d) = lower_src(&format!("{LISTED}  公用经费列举\n}}\n"));
        assert_eq!(
            d.iter().map(|d| d.code.as_str()).collect::<Vec<&str>>(),
            ["L006"]
        );
    }

    #[test]
    fn unknown_key_suggests() {
        let (_, d) = lower_src("年度 2024\n部门 甲\n口径 山西县级\n金额单位 万元\n单位 甲 { 类型 行政 }\n收入 { 一般公共预箅 1 }\n");
        assert_eq!(d.len(), 1);
        assert_eq!(d[0].code, "L005");
        assert!(d[0]
            .help
            .as_ref()
            .map(|h| h.zh.contains("一般公共预算"))
            .unwrap_or(false));
    }

    #[test]
    fn huge_amount_is_l009() {
        let (_, d) = lower_src(&format!("年度 2024\n部门 甲\n口径 山西县级\n金额单位 万元\n单位 甲 {{ 类型 行政 }}\n收入 {{ 一般公共预算 1{} }}\n", "0".repeat(40)));
        assert_eq!(d.iter().map(|d| d.code).collect::<Vec<_>>(), vec!["L009"]);
    }
}
