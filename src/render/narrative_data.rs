//! The narrative's data of a profile (`[narrative]`, `[[chart]]` and
//! `[print]` in its document.toml): the labels of the funding sources, the
//! 三公 items in their order, the change sentences and the charts. The
//! renderer holds no label, order or wording of its own: a province writes
//! them, and `budget profile check` validates them ([`problems`]).
//!
//! Every amount here is a named figure (`income.total`, `tp.abroad.total`:
//! the same names as a table's `=key` cells, [`super::figures::named`]),
//! read from the one layer of derived figures, never re-derived.

use super::figures::source_by_key;
use crate::model::change::{change, Sign};
use crate::model::money::{DisplayUnit, Money};
use crate::model::print::{NumberStyle, PrintStyle};
use crate::model::Budget;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// `[narrative]`: what the narrative texts list and say.
#[derive(Debug, Clone, Default, Deserialize, Serialize, PartialEq)]
pub struct NarrativeDef {
    /// The funding sources of `income.sources`, in this order.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub sources: Vec<SourceLabel>,
    /// The 三公 items of `tp.items`, in this order.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub three_public: Vec<ItemDef>,
    /// The words of each 三公 item's change (`tp.items[].change`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub three_public_change: Option<Words>,
    /// The change sentences (`change.NAME`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub change: Vec<ChangeDef>,
}

/// A funding source of `income.sources`: its figure key (`general_public`
/// …, `carryover` for 上年结转), its label, and whether it is listed with
/// no money (`always`; else only when it has money).
#[derive(Debug, Clone, Deserialize, Serialize, PartialEq)]
pub struct SourceLabel {
    pub key: String,
    pub label: String,
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub always: bool,
}

/// A 三公 item of `tp.items`: its label, its figure, the `上年` key its
/// change compares with.
#[derive(Debug, Clone, Deserialize, Serialize, PartialEq)]
pub struct ItemDef {
    pub label: String,
    pub figure: String,
    pub last_year: String,
}

/// The words of a change sentence: `before` 增加/减少 the difference (with
/// the reason), or `same` when the figures are equal. `{{ last_year }}` and
/// `{{ year }}` are replaced by the years.
#[derive(Debug, Clone, Deserialize, Serialize, PartialEq)]
pub struct Words {
    pub before: String,
    pub same: String,
}

/// A change sentence (`change.NAME` in the texts): this year's `figure`
/// against last year's `last_year` key, in `words`.
#[derive(Debug, Clone, Deserialize, Serialize, PartialEq)]
pub struct ChangeDef {
    pub name: String,
    pub figure: String,
    pub last_year: String,
    #[serde(flatten)]
    pub words: Words,
}

/// `[print]`: how the generated texts (the change sentences, a chart's
/// legend) print an amount: the
/// unit (`万元` or `元`), decimals (the unit's by default), the thousands
/// separator (`,` by default), trailing zeros dropped (`trim_zeros`).
#[derive(Debug, Clone, Default, Deserialize, Serialize, PartialEq)]
pub struct NarrativePrint {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unit: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub decimals: Option<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub thousands: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub trim_zeros: Option<bool>,
    /// How a zero amount prints in a text (`0` by default; `0.00`, `-` …).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub zero: Option<String>,
}

impl NarrativePrint {
    /// The unit (万元 unless the profile says otherwise); `None` for a word
    /// that is no unit.
    pub fn unit(&self) -> Option<DisplayUnit> {
        match &self.unit {
            None => Some(DisplayUnit::Wanyuan),
            Some(u) => DisplayUnit::parse(u),
        }
    }
    /// An amount as the generated texts print it, with its unit: `1,329.84万元`.
    pub fn amount(&self, m: Money) -> String {
        let (style, unit) = self.style();
        format!("{}{unit}", style.print(m).0)
    }
    /// The `amount` filter of the narrative texts: an amount in 元 printed
    /// by these conventions, without its unit (`{{ x | amount }}{{ unit }}`);
    /// a text may override one per place: `amount(unit="元")`,
    /// `amount(decimals=0)`, `amount(sep=false)`, `amount(trim=true)`,
    /// `amount(zero="0.00")`.
    pub fn filter(
        &self,
        v: &tera::Value,
        args: &std::collections::HashMap<String, tera::Value>,
    ) -> tera::Result<tera::Value> {
        let text = match v {
            tera::Value::String(s) => s.clone(),
            tera::Value::Null => {
                return Err(tera::Error::msg("amount: no figure (a missing fact)"))
            }
            other => other.to_string(),
        };
        let m = Money::yuan(
            text.parse()
                .map_err(|e| tera::Error::msg(format!("amount: {text}: {e}")))?,
        );
        let mut p = self.clone();
        if let Some(u) = args.get("unit").and_then(|u| u.as_str()) {
            if DisplayUnit::parse(u).is_none() {
                return Err(tera::Error::msg(format!(
                    "amount: unknown unit `{u}` (万元 or 元)"
                )));
            }
            p.unit = Some(u.to_string());
        }
        if let Some(d) = args.get("decimals").and_then(|d| d.as_u64()) {
            p.decimals = Some(d.min(8) as u32);
        }
        if let Some(sep) = args.get("sep").and_then(|s| s.as_bool()) {
            p.thousands = Some(if sep { "," } else { "" }.to_string());
        }
        if let Some(t) = args.get("trim").and_then(|t| t.as_bool()) {
            p.trim_zeros = Some(t);
        }
        if let Some(z) = args.get("zero").and_then(|z| z.as_str()) {
            p.zero = Some(z.to_string());
        }
        if m.is_zero() {
            return Ok(tera::Value::String(p.zero.unwrap_or_else(|| "0".into())));
        }
        Ok(tera::Value::String(p.style().0.print(m).0))
    }

    fn style(&self) -> (NumberStyle, &'static str) {
        let unit = self.unit().unwrap_or(DisplayUnit::Wanyuan);
        let style = PrintStyle {
            decimals: self.decimals,
            trim_zeros: self.trim_zeros,
            thousands: self.thousands.clone(),
            ..PrintStyle::default()
        };
        (NumberStyle::new(unit, &style), unit.symbol())
    }
}

/// `[[chart]]`: a pie a section draws (`chart = "ID"`), titled `title`:
/// either the named figures `slices` (with `skip_zero`, a zero slice is
/// left out; else it is in the legend), or the 类 of one source's current
/// expenditure (`classes = "general_public"`).
#[derive(Debug, Clone, Deserialize, Serialize, PartialEq)]
pub struct ChartDef {
    pub id: String,
    pub title: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub slices: Vec<Slice>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub classes: Option<String>,
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub skip_zero: bool,
}

#[derive(Debug, Clone, Deserialize, Serialize, PartialEq)]
pub struct Slice {
    pub label: String,
    pub figure: String,
}

/// What the narrative's figures read: the budget, its named figures, the
/// profile's print convention for generated sentences.
pub struct Figures<'a> {
    pub b: &'a Budget,
    pub named: &'a BTreeMap<String, Money>,
    pub print: &'a NarrativePrint,
}

impl Figures<'_> {
    /// A named figure (0 for a name the profile check refuses).
    pub fn get(&self, key: &str) -> Money {
        self.named.get(key).copied().unwrap_or_default()
    }

    fn years(&self, s: &str) -> String {
        s.replace("{{ last_year }}", &(self.b.year - 1).to_string())
            .replace("{{ year }}", &self.b.year.to_string())
    }

    /// "比上年增加1,329.84万元，主要原因是…" — `None` without last year's
    /// figure of `key`.
    pub fn sentence(&self, key: &str, now: Money, words: &Words) -> Option<String> {
        // a key of the `上年` block (the profile check refuses another)
        let key = crate::model::LastYearKey::parse(key)?;
        let last = self.b.last_year.get(key)?;
        let c = change(now, last);
        if c.sign == Sign::Same {
            return Some(self.years(&words.same));
        }
        let reason = self
            .b
            .last_year
            .reason_for(key)
            .map(|r| format!("，主要原因是{}", r.trim_end_matches('。')))
            .unwrap_or_default();
        let amount = self.print.amount(c.diff);
        Some(format!(
            "{}{}{amount}{reason}",
            self.years(&words.before),
            c.sign.word()
        ))
    }
}

/// A problem of the narrative's data: the dotted place and what is wrong.
pub type Problem = (String, String);

/// Every name the narrative's data gives that the renderer does not know:
/// a figure, a source key, a unit, a chart's content.
pub fn problems(n: &NarrativeDef, charts: &[ChartDef], print: &NarrativePrint) -> Vec<Problem> {
    let named = super::figures::named(&Budget::default());
    let mut out = Vec::new();
    let figure = |place: String, f: &str, out: &mut Vec<Problem>| {
        if !named.contains_key(f) {
            out.push((place, format!("unknown figure `{f}`")));
        }
    };
    for (i, s) in n.sources.iter().enumerate() {
        if s.key != "carryover" && source_by_key(&s.key).is_none() {
            let place = format!("narrative.sources[{i}].key");
            out.push((place, format!("unknown source `{}`", s.key)));
        }
    }
    for (i, t) in n.three_public.iter().enumerate() {
        figure(
            format!("narrative.three_public[{i}].figure"),
            &t.figure,
            &mut out,
        );
    }
    if !n.three_public.is_empty() && n.three_public_change.is_none() {
        let place = "narrative.three_public".to_string();
        out.push((
            place,
            "the items' change words (three_public_change) are missing".into(),
        ));
    }
    for (i, c) in n.change.iter().enumerate() {
        figure(format!("narrative.change[{i}].figure"), &c.figure, &mut out);
        if n.change[..i].iter().any(|o| o.name == c.name) {
            let place = format!("narrative.change[{i}].name");
            out.push((place, format!("change `{}` is written twice", c.name)));
        }
    }
    for (i, c) in charts.iter().enumerate() {
        for (j, s) in c.slices.iter().enumerate() {
            figure(
                format!("chart[{i}].slices[{j}].figure"),
                &s.figure,
                &mut out,
            );
        }
        match (&c.classes, c.slices.is_empty()) {
            (Some(k), true) if source_by_key(k).is_none() => {
                let place = format!("chart[{i}].classes");
                out.push((place, format!("unknown source `{k}`")));
            }
            (Some(_), true) | (None, false) => {}
            _ => out.push((
                format!("chart[{i}].id"),
                format!("chart `{}`: either slices or classes", c.id),
            )),
        }
    }
    if print.unit().is_none() {
        let unit = print.unit.clone().unwrap_or_default();
        out.push((
            "print.unit".into(),
            format!("unknown unit `{unit}` (万元 or 元)"),
        ));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashMap;

    fn amount(print: &NarrativePrint, yuan: &str, args: &[(&str, tera::Value)]) -> String {
        let args: HashMap<String, tera::Value> = args
            .iter()
            .map(|(k, v)| (k.to_string(), v.clone()))
            .collect();
        match print.filter(&tera::Value::String(yuan.into()), &args) {
            Ok(tera::Value::String(s)) => s,
            other => panic!("amount: {other:?}"),
        }
    }

    #[test]
    fn the_amount_filter_prints_by_the_profile_s_conventions() {
        let wan = NarrativePrint::default();
        assert_eq!(amount(&wan, "156211123", &[]), "15,621.11");
        assert_eq!(amount(&wan, "0", &[]), "0");
        assert_eq!(amount(&wan, "0", &[("zero", "0.00".into())]), "0.00");
        assert_eq!(amount(&wan, "250000", &[("trim", true.into())]), "25");
        assert_eq!(
            amount(&wan, "156211123", &[("sep", false.into())]),
            "15621.11"
        );
        assert_eq!(
            amount(&wan, "156211123", &[("unit", "元".into())]),
            "156,211,123"
        );
        let yuan = NarrativePrint {
            unit: Some("元".into()),
            decimals: Some(0),
            thousands: Some(" ".into()),
            zero: Some("-".into()),
            ..NarrativePrint::default()
        };
        assert_eq!(amount(&yuan, "1562111", &[]), "1 562 111");
        // an amount in 元 never hides a 分
        assert_eq!(amount(&yuan, "1562111.5", &[]), "1 562 111.5");
        assert_eq!(amount(&yuan, "0", &[]), "-");
        assert_eq!(amount(&yuan, "250000", &[("unit", "万元".into())]), "25");
        assert_eq!(
            amount(
                &yuan,
                "250000",
                &[("unit", "万元".into()), ("decimals", 2.into())]
            ),
            "25.00"
        );
        let bad: HashMap<String, tera::Value> = [("unit".to_string(), "千元".into())].into();
        assert!(yuan.filter(&tera::Value::String("1".into()), &bad).is_err());
        assert!(yuan.filter(&tera::Value::Null, &HashMap::new()).is_err());
    }
}
