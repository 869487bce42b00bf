//! Reading the figures of a narrative text by the shape of its sentences:
//! labels (the facts named) and the figures that follow each one.

use super::facts::{last_year_key, Fact, Projects, Word};
use crate::diagnostic::Span;
use crate::model::change::ChangeClaim;
use crate::model::claim::{Claim, Figure};
use crate::model::money::max_amount;
use crate::model::DisplayUnit;
use rust_decimal::Decimal;
use std::str::FromStr;

/// A figure found in the text, about a fact (byte offsets into the text).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Found {
    pub fact: Fact,
    /// The group of projects last named (纳入… / 公开…), for a category.
    pub group: Projects,
    pub claim: Claim,
    /// The amount printed for the fact in the same place, if any.
    pub amount: Option<Claim>,
    /// For a share: the whole, with its printed amount when it has one.
    pub whole: Option<(Fact, Option<Claim>)>,
}

/// The most characters between a label and its figure (`预算数为`, `共计金额`).
const GAP: usize = 12;

/// A label occurrence: byte range and fact.
#[derive(Debug, Clone)]
struct Label {
    start: usize,
    end: usize,
    fact: Fact,
}

fn labels(text: &str, (from, to): (usize, usize), vocab: &[Word]) -> Vec<Label> {
    let mut all: Vec<Label> = Vec::new();
    for (word, fact) in vocab.iter().filter(|(w, _)| !w.is_empty()) {
        let mut at = from;
        while let Some(k) = text[at..to].find(word.as_ref()) {
            let (s, e) = (at + k, at + k + word.len());
            at = e;
            // a quoted line name of a heading (“…（类）…（项）”) is N16's
            let rest = &text[e..to];
            if rest.starts_with("（类）")
                || rest.starts_with("（款）")
                || rest.starts_with("（项）")
            {
                continue;
            }
            all.push(Label {
                start: s,
                end: e,
                fact: fact.clone(),
            });
        }
    }
    // earliest first, the longest at one place; no overlaps
    all.sort_by(|a, b| a.start.cmp(&b.start).then(b.end.cmp(&a.end)));
    let mut out: Vec<Label> = Vec::new();
    for l in all {
        if out.last().is_some_and(|p| l.start < p.end) {
            continue;
        }
        out.push(l);
    }
    out
}

/// A number at `i` (digits, `,` and `.`): its value, printed decimals and
/// end; the value is `None` for a number no figure of a budget can be (more
/// than [`max_amount`] or not a decimal), which is skipped whole.
pub(super) fn number_at(text: &str, i: usize) -> Option<(Option<Decimal>, usize)> {
    let n = text[i..]
        .bytes()
        .take_while(|b| b.is_ascii_digit() || *b == b',' || *b == b'.')
        .count();
    let raw = text[i..i + n].trim_end_matches(['.', ',']);
    if raw.is_empty() || !raw.as_bytes()[0].is_ascii_digit() {
        return None;
    }
    let v = Decimal::from_str(&raw.replace(',', ""))
        .ok()
        .filter(|v| v.abs() <= max_amount().as_yuan());
    Some((v, i + raw.len()))
}

/// The sentences of a text: byte ranges split at 。 and line breaks.
fn sentences(text: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut start = 0;
    for (i, c) in text.char_indices() {
        if c == '。' || c == '\n' {
            if i > start {
                out.push((start, i));
            }
            start = i + c.len_utf8();
        }
    }
    if start < text.len() {
        out.push((start, text.len()));
    }
    out
}

fn claim(figure: Figure, text: &str, s: usize, e: usize) -> Claim {
    Claim {
        about: String::new(),
        figure,
        text: text[s..e].to_string(),
        span: Span::new(s, e),
    }
}

/// The figures of one segment (a label up to the next one).
struct Segment<'a> {
    text: &'a str,
    label: &'a Label,
    to: usize,
}

impl Segment<'_> {
    /// (start, end, figure) of every figure: amounts, counts, percentages,
    /// changes; years and other numbers are skipped.
    fn figures(&self) -> Vec<(usize, usize, Figure, bool)> {
        let t = self.text;
        let mut out = Vec::new();
        let mut i = self.label.end;
        while i < self.to {
            let Some(c) = t[i..self.to].chars().next() else {
                break;
            };
            if !c.is_ascii_digit() {
                i += c.len_utf8();
                continue;
            }
            let Some((v, e)) = number_at(t, i) else {
                i += 1;
                continue;
            };
            let Some(v) = v else {
                i = e;
                continue;
            };
            let rest = &t[e..self.to];
            let before = &t[self.label.end..i];
            let change = ["增加", "减少"].iter().find(|w| before.ends_with(*w));
            let unit = [
                ("万元", Some(DisplayUnit::Wanyuan)),
                ("元", Some(DisplayUnit::Yuan)),
                ("%", None),
                ("％", None),
                ("个", None),
                ("辆", None),
            ]
            .iter()
            .find(|(u, _)| rest.starts_with(u));
            let Some((u, du)) = unit else {
                // 比2023年: the compared year
                let compared = before.ends_with('比') || before.ends_with('与');
                if compared && rest.starts_with('年') && v.scale() == 0 && e - i == 4 {
                    if let Ok(y) = i32::from_str(&t[i..e]) {
                        out.push((i, e, Figure::Year(y), false));
                    }
                }
                i = e;
                continue;
            };
            let end = e + u.len();
            match (change, *u, du) {
                (Some(w), _, _) if *u != "个" && *u != "辆" => {
                    let s = i - w.len();
                    if let Some(cc) = ChangeClaim::parse(&t[s..end]) {
                        out.push((s, end, Figure::Change(cc), false));
                    }
                }
                (_, "%" | "％", _) => out.push((i, end, Figure::Share(v), true)),
                (_, "个" | "辆", _) => {
                    if let Some(n) = (v.scale() == 0)
                        .then(|| u64::from_str(&v.to_string()).ok())
                        .flatten()
                    {
                        out.push((i, end, Figure::Count(n), false));
                    }
                }
                (_, _, Some(unit)) => out.push((
                    i,
                    end,
                    Figure::Amount {
                        value: v,
                        unit: *unit,
                    },
                    false,
                )),
                _ => {}
            }
            i = end;
        }
        out
    }

    /// 持平 / 相同 in a comparison (比… / 与…).
    fn same(&self) -> Option<(usize, usize)> {
        let seg = &self.text[self.label.end..self.to];
        if !seg.contains('比') && !seg.contains('与') {
            return None;
        }
        ["持平", "相同"].iter().find_map(|w| {
            seg.find(w)
                .map(|k| (self.label.end + k, self.label.end + k + w.len()))
        })
    }
}

/// The ranges `占 … %` of a sentence, and the label each names as its whole.
fn share_regions(text: &str, (from, to): (usize, usize)) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut at = from;
    while let Some(k) = text[at..to].find('占') {
        let s = at + k;
        let window = &text[s..to];
        let end = window
            .char_indices()
            .take(40)
            .find(|(_, c)| *c == '%' || *c == '％')
            .map(|(j, c)| s + j + c.len_utf8());
        if let Some(e) = end {
            out.push((s, e));
            at = e;
        } else {
            at = s + '占'.len_utf8();
        }
    }
    out
}

/// Every claim of a text.
pub fn scan(text: &str, vocab: &[Word]) -> Vec<Found> {
    let mut out = Vec::new();
    let mut group = Projects::All;
    let mut last: Option<Fact> = None;
    for (from, to) in sentences(text) {
        let regions = share_regions(text, (from, to));
        let mut all = labels(text, (from, to), vocab);
        // `公务接待费1.35万元。比2024年预算持平`: a sentence that opens with a
        // comparison is about the fact the sentence before ended with
        if continues(&text[from..to]) {
            if let Some(fact) = last.clone() {
                all.insert(
                    0,
                    Label {
                        start: from,
                        end: from,
                        fact,
                    },
                );
            }
        }
        last = all.last().map(|l| l.fact.clone()).or(last);
        let inside = |l: &Label| {
            regions
                .iter()
                .find(|(s, e)| l.start > *s && l.end < *e)
                .copied()
        };
        // a label inside 占…% names the whole of that share
        let wholes: Vec<((usize, usize), Fact)> = all
            .iter()
            .filter_map(|l| inside(l).map(|r| (r, l.fact.clone())))
            .collect();
        let main: Vec<&Label> = all.iter().filter(|l| inside(l).is_none()).collect();
        let mut lead: Option<(Fact, Option<Claim>)> = None;
        for (k, l) in main.iter().enumerate() {
            if let Fact::Perf(g) = l.fact {
                group = g;
            }
            let seg = Segment {
                text,
                label: l,
                to: main.get(k + 1).map_or(to, |n| n.start),
            };
            let found = segment(&seg, &regions, &wholes, lead.as_ref(), group);
            if lead.is_none() {
                let amount = found.iter().find_map(|f| f.amount.clone());
                lead = Some((l.fact.clone(), amount));
            }
            out.extend(found);
        }
    }
    out
}

/// A sentence that opens with a comparison (`比2024年预算持平`, `与上年相同`).
fn continues(sentence: &str) -> bool {
    let t = sentence.trim_start();
    t.starts_with('比') || t.starts_with('与') || t.starts_with("较")
}

fn segment(
    seg: &Segment,
    regions: &[(usize, usize)],
    wholes: &[((usize, usize), Fact)],
    lead: Option<&(Fact, Option<Claim>)>,
    group: Projects,
) -> Vec<Found> {
    let t = seg.text;
    let fact = &seg.label.fact;
    let mut out = Vec::new();
    let mut amount: Option<Claim> = None;
    let mut counted = false;
    let mut shared = false;
    let mut changed = false;
    let mut prev = seg.label.end;
    let found = |claim: Claim, fact: &Fact, amount: &Option<Claim>, whole| Found {
        fact: fact.clone(),
        group,
        claim,
        amount: amount.clone(),
        whole,
    };
    for (s, e, fig, _) in seg.figures() {
        let near = t[prev..s].chars().count() <= GAP;
        match fig {
            Figure::Amount { .. } if amount.is_none() && near => {
                let c = claim(fig, t, s, e);
                amount = Some(c.clone());
                out.push(found(c, fact, &None, None));
            }
            Figure::Count(_) if !counted && near => {
                counted = true;
                out.push(found(claim(fig, t, s, e), fact, &None, None));
            }
            Figure::Share(_) if !shared && amount.is_some() => {
                // a percentage after 占: of the whole it names, else of the lead
                let Some(region) = regions.iter().find(|(a, b)| *a < s && e <= *b) else {
                    prev = e;
                    continue;
                };
                shared = true;
                let whole = wholes
                    .iter()
                    .find(|(r, _)| r == region)
                    .map(|(_, f)| (f.clone(), None))
                    .or_else(|| lead.cloned());
                if let Some(w) = whole.filter(|w| &w.0 != fact) {
                    out.push(found(claim(fig, t, s, e), fact, &amount, Some(w)));
                }
            }
            Figure::Year(_) => out.push(found(claim(fig, t, s, e), fact, &None, None)),
            Figure::Change(_) if !changed => {
                changed = true;
                // of this fact when it has a last-year figure, else of the lead
                let of = if last_year_key(fact).is_some() {
                    Some((fact.clone(), amount.clone()))
                } else {
                    lead.cloned().filter(|(f, _)| last_year_key(f).is_some())
                };
                if let Some((f, a)) = of {
                    out.push(found(claim(fig, t, s, e), &f, &a, None));
                }
            }
            _ => {}
        }
        prev = e;
    }
    if !changed {
        if let Some((s, e)) = seg.same() {
            if let Some(cc) = ChangeClaim::parse("持平") {
                let mut c = claim(Figure::Change(cc), t, s, e);
                c.text = t[s..e].to_string();
                let of = if last_year_key(fact).is_some() {
                    Some((fact.clone(), amount.clone()))
                } else {
                    lead.cloned().filter(|(f, _)| last_year_key(f).is_some())
                };
                if let Some((f, a)) = of {
                    out.push(found(c, &f, &a, None));
                }
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn vocab() -> Vec<Word<'static>> {
        vec![
            ("收入总计".into(), Fact::IncomeTotal),
            ("基本支出".into(), Fact::Basic),
            ("项目支出".into(), Fact::Project),
            ("支出预算".into(), Fact::ExpTotal),
            ("公开项目绩效目标".into(), Fact::Perf(Projects::Published)),
            ("公务接待费".into(), Fact::Reception),
            ("一般公共服务支出".into(), Fact::Class("201".into())),
        ]
    }

    fn texts(text: &str) -> Vec<(Fact, String)> {
        scan(text, &vocab())
            .into_iter()
            .map(|f| (f.fact, f.claim.text))
            .collect()
    }

    #[test]
    fn a_share_of_the_whole_it_names() {
        let t =
            "公开项目绩效目标4个，涉及项目金额1,017.00万元，占部门（单位）项目支出总额的78.23%。";
        let f = scan(t, &vocab());
        assert_eq!(f.len(), 3, "{f:?}");
        assert_eq!(f[0].claim.text, "4个");
        assert_eq!(f[1].claim.text, "1,017.00万元");
        assert_eq!(f[2].claim.text, "78.23%");
        assert_eq!(
            f[2].whole.as_ref().map(|w| w.0.clone()),
            Some(Fact::Project)
        );
        assert_eq!(&t[f[2].claim.span.start..f[2].claim.span.end], "78.23%");
    }

    #[test]
    fn a_sentence_opening_with_a_comparison_is_about_the_fact_before() {
        let t = "（三）公务接待费1.35万元。比2024年预算持平，主要原因是公务接待费保持不变。";
        let f = scan(t, &vocab());
        let changes: Vec<_> = f
            .iter()
            .filter(|x| matches!(x.claim.figure, Figure::Change(_)))
            .map(|x| (x.fact.clone(), x.claim.text.clone()))
            .collect();
        assert_eq!(changes, vec![(Fact::Reception, "持平".to_string())]);
    }

    #[test]
    fn a_share_of_the_lead_and_a_change_of_the_lead() {
        let t =
            "支出预算1329.84万元，其中：基本支出12.84万元，占0.97%；项目支出1317万元，占99.03%。";
        let f = scan(t, &vocab());
        let shares: Vec<_> = f
            .iter()
            .filter(|x| matches!(x.claim.figure, Figure::Share(_)))
            .map(|x| (x.fact.clone(), x.whole.as_ref().map(|w| w.0.clone())))
            .collect();
        assert_eq!(
            shares,
            vec![
                (Fact::Basic, Some(Fact::ExpTotal)),
                (Fact::Project, Some(Fact::ExpTotal))
            ]
        );
        let t = "收入总计1,329.84万元，其中：基本支出1,329.84万元，比上年增加1329.84万元，主要原因是2023年无预算。";
        let c: Vec<_> = texts(t);
        assert!(
            c.contains(&(Fact::IncomeTotal, "增加1329.84万元".into())),
            "{c:?}"
        );
    }

    #[test]
    fn same_headings_and_far_figures_are_not_claims() {
        let c = texts("公务接待费0万元，与上年预算数相同；");
        assert_eq!(
            c,
            vec![
                (Fact::Reception, "0万元".into()),
                (Fact::Reception, "相同".into())
            ]
        );
        // a heading's 类 name is N16's, not a claim of the 类
        assert!(
            texts("“一般公共服务支出（类）统计信息事务（款）行政运行（项）”25.77万元").is_empty()
        );
        // a figure far from its label is not its figure
        assert!(
            texts("一般公共服务支出主要用于保障机构正常运转及各项工作，共25.77万元").is_empty()
        );
    }
}
