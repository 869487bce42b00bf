//! N23: the counts of units the text prints, against each other.
//!
//! A published document counts its units in several places, and a reviewer
//! who changes one must find the others: the 机构设置 says `本部门中，行政单位
//! 1 家，参公单位1家，事业单位 4 家，具体包括：` and lists them (`1. …本部。`
//! `2. …`), and often `包括…本部以及下属 5 家预算单位`; the 机关运行经费
//! sentence says `下属1家机关和1家参公事业单位`. These must agree:
//! - the units listed are the counts by kind together;
//! - the units `下属` the 本部 are those counts less the 本部;
//! - the 机关 of the 机关运行经费 sentence are the 行政单位; its 参公事业单位
//!   the 参公单位, and its 事业单位 either the 参公 or the 事业单位.
//!
//! Only the texts are compared (a unit that has no budget of its own is
//! counted there but is not a `单位` of the file).

use super::prose::Place;
use crate::diagnostic::{Code, Diagnostic, Span, Text};
use crate::syntax::ast::{File, Value, ValueKind};
use crate::t;

/// A count printed in a text, and where.
#[derive(Debug, Clone, Copy)]
struct Count {
    n: u64,
    span: Span,
}

/// What the 机构设置 text counts.
#[derive(Debug, Default)]
struct Organisation {
    admin: Option<Count>,
    civil: Option<Count>,
    public: Option<Count>,
    below: Option<Count>,
    /// `以及下属N家事业单位`: the units below are the 事业 ones (参公 or
    /// not), not every unit but the 本部.
    below_public: bool,
    listed: Option<(u64, Span)>,
}

impl Organisation {
    fn total(&self) -> Option<u64> {
        let kinds = [self.admin, self.civil, self.public];
        kinds
            .iter()
            .any(Option::is_some)
            .then(|| kinds.iter().flatten().map(|c| c.n).sum())
    }
    fn first(&self) -> Option<Span> {
        [self.admin, self.civil, self.public]
            .iter()
            .flatten()
            .map(|c| c.span)
            .next()
    }
}

pub fn check(file: &File, diags: &mut Vec<Diagnostic>) {
    let Some(org) = file
        .stmts
        .iter()
        .filter(|s| s.keyword() == Some("机构设置"))
        .find_map(|s| s.values.get(1).and_then(|v| text(v, organisation)))
    else {
        return;
    };
    let Some(total) = org.total() else { return };
    let kinds = org.first().unwrap_or_default();
    if let Some((n, span)) = org.listed.filter(|(n, _)| *n != total) {
        diags.push(
            disagree(
                span,
                kinds,
                t!(
                    "列出了{n}家单位，按类型共{total}家",
                    "{n} units listed, {total} counted by kind"
                ),
            )
            .help(Text::new(
                "核对各类单位的家数与列出的单位",
                "check the counts by kind against the units listed",
            )),
        );
    }
    let public = [n(org.public), n(org.civil) + n(org.public)];
    let below_fits = |c: &Count| match org.below_public {
        true => public.contains(&c.n),
        false => c.n + 1 == total,
    };
    if let Some(c) = org.below.filter(|c| !below_fits(c)) {
        diags.push(disagree(
            c.span,
            kinds,
            t!(
                "下属{}家单位，按类型共{total}家（含本部）",
                "{} units below the 本部, {total} counted by kind with it",
                c.n
            ),
        ));
    }
    for s in file.stmts.iter().filter(|s| s.keyword() == Some("原文")) {
        for c in s.children() {
            if let Some(found) = c.values.get(1).and_then(|v| text(v, admin_sentence)) {
                admin_cost(&org, &found, kinds, diags);
            }
        }
    }
}

/// The 机关运行经费 sentence's counts: 机关, then 参公事业单位 (true) or
/// 事业单位 (false).
type AdminCounts = (Count, Option<(Count, bool)>);

fn admin_cost(org: &Organisation, (x, y): &AdminCounts, kinds: Span, diags: &mut Vec<Diagnostic>) {
    if x.n != n(org.admin) {
        diags.push(disagree(
            x.span,
            kinds,
            t!(
                "{}家机关，机构设置中行政单位{}家",
                "{} 机关 here, {} 行政单位 in the 机构设置",
                x.n,
                n(org.admin)
            ),
        ));
    }
    if let Some((y, civil)) = y {
        let fits = if *civil {
            y.n == n(org.civil)
        } else {
            y.n == n(org.civil) || y.n == n(org.public)
        };
        if !fits {
            diags.push(disagree(
                y.span,
                kinds,
                t!(
                    "{}家事业单位，机构设置中参公单位{}家、事业单位{}家",
                    "{} 事业单位 here, {} 参公 and {} 事业 in the 机构设置",
                    y.n,
                    n(org.civil),
                    n(org.public)
                ),
            ));
        }
    }
}

fn disagree(at: Span, kinds: Span, what: Text) -> Diagnostic {
    Diagnostic::warning(
        Code::N23,
        at,
        Text::new(
            format!("单位家数前后不一致：{}", what.zh),
            format!("the counts of units disagree: {}", what.en),
        ),
    )
    .label(Text::new(
        "与机构设置的家数不符",
        "not the 机构设置's count",
    ))
    .related(
        kinds,
        Text::new("机构设置按类型的家数", "the 机构设置's counts by kind"),
    )
    .help(Text::new(
        "核对这几处家数：其中一处多半印错了",
        "check these counts: one of them is most likely misprinted",
    ))
}

/// A count, 0 when the text does not print it.
fn n(c: Option<Count>) -> u64 {
    c.map_or(0, |c| c.n)
}

/// Run `read` on a text value, with spans in the source.
fn text<T>(v: &Value, read: fn(&str, &Place) -> Option<T>) -> Option<T> {
    let ValueKind::Str(s) = &v.kind else {
        return None;
    };
    read(s, &Place::of(v, s, 1))
}

/// The number of `N 家` right after `word` (spaces allowed), and its span.
fn count_after(t: &str, word: &str, at: &Place) -> Option<Count> {
    let i = t.find(word)? + word.len();
    number_then(t, i, "家", at)
}

/// A whole number at `i` (after spaces) followed by `unit`.
fn number_then(t: &str, i: usize, unit: &str, at: &Place) -> Option<Count> {
    let rest = &t[i..];
    let s = i + (rest.len() - rest.trim_start().len());
    let digits = t[s..].bytes().take_while(u8::is_ascii_digit).count();
    if digits == 0 || !t[s + digits..].trim_start().starts_with(unit) {
        return None;
    }
    let n = t[s..s + digits].parse().ok()?;
    Some(Count {
        n,
        span: at.span(s, s + digits),
    })
}

fn organisation(t: &str, at: &Place) -> Option<Organisation> {
    let mut o = Organisation {
        admin: count_after(t, "行政单位", at),
        civil: count_after(t, "参公单位", at)
            .or_else(|| count_after(t, "参照公务员法管理事业单位", at)),
        public: public(t, at),
        below: count_after(t, "以及下属", at),
        below_public: t.find("以及下属").is_some_and(|i| {
            let rest = &t[i..];
            rest.find('家')
                .is_some_and(|k| rest[k + '家'.len_utf8()..].starts_with("事业单位"))
        }),
        listed: None,
    };
    if let Some(i) = t.find("具体包括") {
        o.listed = listed(&t[i..]).map(|n| (n, at.span(i, i + "具体包括".len())));
    }
    Some(o)
}

/// `事业单位 N 家`, not as the end of `参照公务员法管理事业单位`.
fn public(t: &str, at: &Place) -> Option<Count> {
    let mut from = 0;
    while let Some(k) = t[from..].find("事业单位") {
        let i = from + k;
        if !t[..i].ends_with("管理") {
            if let Some(c) = number_then(t, i + "事业单位".len(), "家", at) {
                return Some(c);
            }
        }
        from = i + "事业单位".len();
    }
    None
}

/// The numbered items after `具体包括`: `1.`/`1．`/`1、` at the starts of
/// lines, counted while they run 1, 2, 3 …
fn listed(t: &str) -> Option<u64> {
    let mut n = 0;
    for line in t.lines().skip(1) {
        let l = line.trim_start();
        let digits = l.bytes().take_while(u8::is_ascii_digit).count();
        if digits == 0 {
            continue;
        }
        let after = &l[digits..];
        let numbered = ['.', '．', '、'].iter().any(|c| after.starts_with(*c));
        if numbered && l[..digits].parse() == Ok(n + 1) {
            n += 1;
        }
    }
    (n > 0).then_some(n)
}

/// `下属1家机关和1家参公事业单位` (the first `下属` followed by `N家机关`).
fn admin_sentence(t: &str, at: &Place) -> Option<AdminCounts> {
    t.match_indices("下属")
        .find_map(|(i, w)| admin_counts(t, i + w.len(), at))
}

fn admin_counts(t: &str, i: usize, at: &Place) -> Option<AdminCounts> {
    let x = number_then(t, i, "家机关", at)?;
    let rest_at = t[i..].find("家机关")? + i + "家机关".len();
    let rest = &t[rest_at..];
    let y = rest
        .strip_prefix('和')
        .or_else(|| rest.strip_prefix('、'))
        .and_then(|r| {
            let j = rest_at + (rest.len() - r.len());
            let c = number_then(t, j, "家", at)?;
            let word = &r[r.find('家')? + '家'.len_utf8()..];
            let civil = word.starts_with("参公") || word.starts_with("参照公务员法管理");
            (civil || word.starts_with("事业单位")).then_some((c, civil))
        });
    Some((x, y))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::syntax::ast::{Value, ValueKind};

    fn at(text: &str) -> Place {
        let v = Value {
            kind: ValueKind::Str(text.into()),
            span: Span::new(0, text.len() + 2),
        };
        Place::of(&v, text, 1)
    }

    #[test]
    fn the_organisation_counts_kinds_below_and_the_list() {
        let t = "包括本部以及下属 5 家预算单位。本部门中，行政单位 1 家，参照公务员法管理事业单位1家，事业单位 4 家，具体包括：\n1. 甲（本部）。\n2．乙。\n3、丙。\n4. 丁。\n5. 戊。\n6. 己。\n2024年的情况";
        let o = organisation(t, &at(t)).expect("read");
        let n = |c: Option<Count>| c.map(|c| c.n);
        assert_eq!(
            (n(o.admin), n(o.civil), n(o.public)),
            (Some(1), Some(1), Some(4))
        );
        assert_eq!(n(o.below), Some(5));
        assert!(!o.below_public);
        let t = "包括本部以及下属4家事业单位。本部门中，行政单位1家，参公单位1家，事业单位4家";
        assert!(organisation(t, &at(t)).expect("read").below_public);
        assert_eq!(o.listed.map(|l| l.0), Some(6));
        assert_eq!(o.total(), Some(6));
    }

    #[test]
    fn the_admin_cost_sentence_names_its_machines_and_which_public_units() {
        let t = "其中：下属预算单位。2025年某部门下属1家机关和2家参公事业单位财政拨款的机关运行经费预算为1万元。";
        let (x, y) = admin_sentence(t, &at(t)).expect("read");
        assert_eq!(x.n, 1);
        assert_eq!(y.map(|(c, civil)| (c.n, civil)), Some((2, true)));
        let t = "下属1家机关和1家事业单位的机关运行经费";
        let (_, y) = admin_sentence(t, &at(t)).expect("read");
        assert_eq!(y.map(|(c, civil)| (c.n, civil)), Some((1, false)));
    }
}

#[cfg(test)]
mod below {
    use crate::check::{check_source, Options};

    fn n23(org: &str) -> usize {
        let src = format!(
            "年度 2025\n部门 \"测试部门\"\n口径 上海区级\n金额单位 元\n单位 \"测试部门\" {{ 类型 行政 }}\n收入 {{ 一般公共预算 100 }}\n支出 {{ 2010301 行政运行 基本 100 }}\n机构设置 \"{org}\"\n"
        );
        let d = check_source(&src, &Options::default()).diagnostics;
        d.iter().filter(|d| d.code == "N23").count()
    }

    #[test]
    fn the_units_below_are_all_but_the_main_one_or_the_public_ones_named() {
        let kinds = "本部门中，行政单位1家，参公单位1家，事业单位4家。";
        assert_eq!(n23(&format!("包括本部以及下属5家预算单位。{kinds}")), 0);
        assert_eq!(n23(&format!("包括本部以及下属4家预算单位。{kinds}")), 1);
        // 下属…事业单位: the 事业 ones (4), or with the 参公 one (5)
        assert_eq!(n23(&format!("包括本部以及下属4家事业单位。{kinds}")), 0);
        assert_eq!(n23(&format!("包括本部以及下属5家事业单位。{kinds}")), 0);
        assert_eq!(n23(&format!("包括本部以及下属3家事业单位。{kinds}")), 1);
    }
}
