//! Charts as SVG: the same drawing in HTML and in the PDF. Pie slices are
//! SVG arc paths (Typst has no arc primitive but renders SVG).

use super::document::Chart;
use super::figures::{class_amounts, source_by_key};
use super::narrative_data::{ChartDef, NarrativePrint};
use super::RenderError;
use crate::model::money::{percent, Money};
use crate::model::Budget;
use rust_decimal::prelude::ToPrimitive;
use std::collections::BTreeMap;
use std::fmt::Write as _;

const COLORS: [&str; 8] = [
    "#c0392b", "#2e86c1", "#f39c12", "#27ae60", "#8e44ad", "#16a085", "#d35400", "#7f8c8d",
];

/// Escape text for SVG/XML.
pub fn xml(s: &str) -> String {
    let mut o = String::with_capacity(s.len());
    for ch in s.chars() {
        match ch {
            '&' => o.push_str("&amp;"),
            '<' => o.push_str("&lt;"),
            '>' => o.push_str("&gt;"),
            '"' => o.push_str("&quot;"),
            '\'' => o.push_str("&#39;"),
            c if (c as u32) < 0x20 && c != '\n' && c != '\t' => {}
            c => o.push(c),
        }
    }
    o
}

/// A pie with a legend: (label, amount) slices; zero slices are listed in
/// the legend but not drawn.
fn pie(title: &str, slices: &[(String, Money)], print: &NarrativePrint) -> String {
    let total: Money = slices.iter().map(|(_, m)| *m).sum();
    let legend_h = 26 * slices.len().max(1) as i32;
    let h = (260).max(legend_h + 60);
    let mut s = String::new();
    let _ = write!(
        s,
        r#"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 640 {h}" width="640" height="{h}" font-family="Noto Sans CJK SC, Noto Sans SC, sans-serif" font-size="14">"#
    );
    // the caption under the figure carries the visible title (extractable
    // from the PDF); the SVG keeps it as its accessible name
    let _ = write!(s, "<title>{}</title>", xml(title));
    let (cx, cy, r) = (140.0_f64, 145.0_f64, 100.0_f64);
    if total.is_zero() {
        let _ = write!(
            s,
            r##"<circle cx="{cx}" cy="{cy}" r="{r}" fill="#eeeeee" stroke="#999999"/><text x="{cx}" y="{}" text-anchor="middle">无数据</text>"##,
            cy + 5.0
        );
    } else {
        let mut angle = -std::f64::consts::FRAC_PI_2;
        for (i, (_, m)) in slices.iter().enumerate() {
            if m.is_zero() {
                continue;
            }
            let frac = m.ratio(total).and_then(|r| r.to_f64()).unwrap_or(0.0);
            let color = COLORS[i % COLORS.len()];
            if frac >= 0.999_999 {
                let _ = write!(
                    s,
                    r##"<circle cx="{cx}" cy="{cy}" r="{r}" fill="{color}" stroke="#ffffff"/>"##
                );
                continue;
            }
            let end = angle + frac * std::f64::consts::TAU;
            let (x1, y1) = (cx + r * angle.cos(), cy + r * angle.sin());
            let (x2, y2) = (cx + r * end.cos(), cy + r * end.sin());
            let large = if frac > 0.5 { 1 } else { 0 };
            let _ = write!(
                s,
                r##"<path d="M {cx:.2} {cy:.2} L {x1:.2} {y1:.2} A {r:.2} {r:.2} 0 {large} 1 {x2:.2} {y2:.2} Z" fill="{color}" stroke="#ffffff"/>"##
            );
            angle = end;
        }
    }
    for (i, (label, m)) in slices.iter().enumerate() {
        let y = 60 + 26 * i as i32;
        let color = COLORS[i % COLORS.len()];
        let share = percent(*m, total).unwrap_or_else(|| "0.00".into());
        let _ = write!(
            s,
            r#"<rect x="290" y="{}" width="14" height="14" fill="{color}"/><text x="312" y="{}">{} {}（{}%）</text>"#,
            y - 12,
            y,
            xml(label),
            xml(&print.amount(*m)),
            share
        );
    }
    s.push_str("</svg>");
    s
}

/// The chart a profile defines (`[[chart]]`): its slices are named figures
/// (`named`) or the 类 of one source's current expenditure.
pub fn chart(
    b: &Budget,
    def: &ChartDef,
    named: &BTreeMap<String, Money>,
    print: &NarrativePrint,
) -> Result<Chart, RenderError> {
    let slices: Vec<(String, Money)> = match &def.classes {
        Some(key) => {
            let source = source_by_key(key).ok_or_else(|| {
                RenderError::new(format!("chart {}: unknown source `{key}`", def.id))
            })?;
            class_amounts(b, source)
        }
        None => def
            .slices
            .iter()
            .map(|s| {
                let m = named.get(&s.figure).copied().ok_or_else(|| {
                    RenderError::new(format!("chart {}: unknown figure `{}`", def.id, s.figure))
                })?;
                Ok((s.label.clone(), m))
            })
            .filter(|r| !matches!(r, Ok((_, m)) if def.skip_zero && m.is_zero()))
            .collect::<Result<_, RenderError>>()?,
    };
    Ok(Chart {
        id: format!("chart-{}", def.id),
        title: def.title.clone(),
        svg: pie(&def.title, &slices, print),
    })
}
