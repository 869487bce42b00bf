//! Stage 4 — render: a checked model → the document to publish.
//!
//! * [`build`] lays the model out into a [`document::Document`] following the
//!   profile's `document.toml` (parts, sections, narrative templates) and
//!   `tables.toml` (table definitions);
//! * [`html`] and [`typst`] render a document with the profile's
//!   `document.html.tera` / `document.typ.tera`, escaping every text.
//!
//! Profiles are folders under `templates/`, embedded at build time: adding a
//! province is adding a folder. Pure: no IO.

pub mod charts;
pub mod columns;
pub mod context;
pub mod document;
pub mod figures;
pub mod grid_words;
pub mod html;
pub mod layout;
pub mod narrative;
pub mod narrative_data;
pub mod numbering;
pub mod performance;
pub mod profile_check;
pub mod source;
pub mod tables;
pub mod typst;

use crate::catalog::Catalog;
use crate::model::money::{DisplayUnit, Money};
use crate::model::{Budget, UnitKind};
use document::{Block, Document, Part, Section};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use std::fmt;
use std::str::FromStr;

use crate::profiles as embedded;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RenderError(pub String);

impl RenderError {
    pub fn new(s: impl Into<String>) -> RenderError {
        RenderError(s.into())
    }
}

impl fmt::Display for RenderError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for RenderError {}

/// Templates every profile shares unless it has its own.
const COMMON: &str = "common";

/// A profile's template set: embedded, or read from a folder by the CLI
/// (`budget build --profile DIR`) and given as (file name, contents).
pub struct Profile {
    pub id: String,
    files: Vec<(String, String)>,
}

impl Profile {
    pub fn get(id: &str) -> Option<Profile> {
        embedded::PROFILES
            .iter()
            .find(|(p, _)| *p == id && *p != COMMON)
            .map(|(id, files)| Profile {
                id: id.to_string(),
                files: files
                    .iter()
                    .map(|(n, t)| (n.to_string(), t.to_string()))
                    .collect(),
            })
    }
    /// A profile from its files (`document.toml`, `tables.toml`, templates);
    /// a template it lacks is the shared one of `templates/common/`.
    pub fn from_files(id: &str, files: Vec<(String, String)>) -> Result<Profile, RenderError> {
        for required in ["document.toml", "tables.toml"] {
            if !files.iter().any(|(n, _)| n == required) {
                return Err(RenderError::new(format!("profile {id} has no {required}")));
            }
        }
        // a key nothing reads or a template that does not compile is refused,
        // never skipped (`budget profile check DIR` lists them)
        let problems = profile_check::check(&files);
        if !problems.is_empty() {
            let list: Vec<String> = problems.iter().map(|p| p.to_string()).collect();
            return Err(RenderError::new(format!(
                "profile {id} has problems (budget profile check):\n{}",
                list.join("\n")
            )));
        }
        let p = Profile {
            id: id.to_string(),
            files,
        };
        p.definitions()?;
        Ok(p)
    }
    pub fn ids() -> Vec<&'static str> {
        embedded::PROFILES
            .iter()
            .map(|(p, _)| *p)
            .filter(|p| *p != COMMON)
            .collect()
    }
    /// What the checker reads of the profile (a file built with a profile
    /// from a folder is checked with that profile's needs and rules).
    pub fn checker_data(&self) -> crate::profiles::ProfileData {
        let file = |n: &str| self.file(n).unwrap_or("");
        crate::profiles::ProfileData::from_files(
            &self.id,
            file("document.toml"),
            file("tables.toml"),
        )
    }
    /// A file of the profile, else the shared one in `templates/common/`.
    pub fn file(&self, name: &str) -> Result<&str, RenderError> {
        if let Some((_, t)) = self.files.iter().find(|(n, _)| n == name) {
            return Ok(t);
        }
        embedded::PROFILES
            .iter()
            .find(|(p, _)| *p == COMMON)
            .and_then(|(_, f)| f.iter().find(|(n, _)| *n == name))
            .map(|(_, t)| *t)
            .ok_or_else(|| RenderError::new(format!("profile {} has no {name}", self.id)))
    }
    /// The profile's document and table definitions, parsed.
    fn definitions(&self) -> Result<(DocumentFile, tables::TableFile), RenderError> {
        let doc: DocumentFile = toml::from_str(self.file("document.toml")?)
            .map_err(|e| RenderError::new(format!("{}/document.toml: {e}", self.id)))?;
        let tables: tables::TableFile = toml::from_str(self.file("tables.toml")?)
            .map_err(|e| RenderError::new(format!("{}/tables.toml: {e}", self.id)))?;
        Ok((doc, tables))
    }
}

#[derive(Debug, Deserialize, Serialize)]
struct DocumentFile {
    #[allow(dead_code)]
    #[serde(default)]
    name: String,
    title: String,
    /// The cover's line under the title (a tera template; none when empty).
    #[serde(default)]
    subtitle: String,
    /// The words that depend on whose document it is (`doc.KEY` in the
    /// texts, `{{ doc.KEY }}` in table titles): the department's here, a
    /// unit's in `[unit.words]`.
    #[serde(default)]
    words: std::collections::BTreeMap<String, String>,
    /// A budget unit's own document (`文件类型 单位预算`): its title and words.
    #[serde(default)]
    unit: Option<layout::UnitDef>,
    #[serde(default)]
    part: Vec<PartDef>,
    /// The narrative's data: source labels, 三公 items, change sentences.
    #[serde(default)]
    narrative: narrative_data::NarrativeDef,
    /// The charts a section may draw (`chart = "ID"`).
    #[serde(default)]
    chart: Vec<narrative_data::ChartDef>,
    /// How the narrative's generated sentences print an amount.
    #[serde(default)]
    print: narrative_data::NarrativePrint,
}

#[derive(Debug, Deserialize, Serialize)]
struct PartDef {
    title: String,
    /// `department` or `unit`: a part only that document has.
    #[serde(default)]
    only: Option<String>,
    #[serde(default)]
    section: Vec<SectionDef>,
}

#[derive(Debug, Deserialize, Serialize)]
struct SectionDef {
    #[serde(default)]
    title: String,
    /// `department` or `unit`: a section only that document has.
    #[serde(default)]
    only: Option<String>,
    #[serde(default)]
    level: Option<u8>,
    #[serde(default)]
    text: Option<String>,
    #[serde(default)]
    chart: Option<String>,
    #[serde(default)]
    performance: Option<String>,
    #[serde(default)]
    expand: Option<String>,
    /// Titles of the performance grids (tera templates).
    #[serde(default)]
    department_title: String,
    #[serde(default)]
    project_title: String,
    #[serde(default)]
    tables: bool,
    /// Numbering of expanded entries (`一、`, `（一）`, …; none without).
    #[serde(default)]
    numbering: Option<numbering::Numbering>,
}

/// `wan`: an amount in 元 shown in 万元 (whatever the profile's `[print]`
/// says; `amount` follows it), rounded half-up to 2 decimals. By
/// default with grouping (`1,329.84`) and zero as `0`; a profile's template
/// chooses its print convention per place: `wan(sep=false)` (`15621.11`),
/// `wan(zero="0.00")`, `wan(trim=true)` (a whole amount without `.00`: `25`,
/// `4,614`; `867.50` stays).
fn wan_filter(v: &tera::Value, args: &HashMap<String, tera::Value>) -> tera::Result<tera::Value> {
    let s = match v {
        tera::Value::String(s) => s.clone(),
        tera::Value::Null => return Err(tera::Error::msg("wan: no figure (a missing fact)")),
        other => other.to_string(),
    };
    let d = Decimal::from_str(&s).map_err(|e| tera::Error::msg(format!("wan: {s}: {e}")))?;
    let flag = |k: &str, default: bool| args.get(k).and_then(|v| v.as_bool()).unwrap_or(default);
    let zero = args.get("zero").and_then(|v| v.as_str()).unwrap_or("0");
    let rounded = crate::model::money::round(Money::yuan(d).in_unit(DisplayUnit::Wanyuan), 2);
    if rounded.is_zero() && d.is_zero() {
        return Ok(tera::Value::String(zero.to_string()));
    }
    let mut text = format!("{rounded:.2}");
    if flag("trim", false) {
        if let Some(whole) = text.strip_suffix(".00") {
            text = whole.to_string();
        }
    }
    if flag("sep", true) {
        text = crate::model::money::group(&text);
    }
    Ok(tera::Value::String(text))
}

fn new_tera() -> tera::Tera {
    let mut t = tera::Tera::default();
    t.register_filter("wan", wan_filter);
    t.autoescape_on(vec![]);
    t
}

/// Render one text template of a profile (plain text in, plain text out).
fn render_text(
    tera: &mut tera::Tera,
    name: &str,
    src: &str,
    ctx: &tera::Context,
) -> Result<String, RenderError> {
    tera.add_raw_template(name, src)
        .map_err(|e| RenderError::new(format!("{name}: {e:?}")))?;
    tera.render(name, ctx)
        .map_err(|e| RenderError::new(format!("{name}: {e:?}")))
}

fn paragraphs(text: &str) -> Vec<Block> {
    text.split("\n\n")
        .map(|p| p.trim())
        .filter(|p| !p.is_empty())
        .map(|p| Block::Paragraph {
            text: p.to_string(),
        })
        .collect()
}

/// The embedded profile of a document or budget (`profile` id).
pub fn profile_of(id: &str) -> Result<Profile, RenderError> {
    Profile::get(id).ok_or_else(|| RenderError::new(format!("no templates for profile `{id}`")))
}

/// Lay out a checked budget as its profile's (embedded) document.
pub fn build(b: &Budget, catalog: &Catalog, draft: bool) -> Result<Document, RenderError> {
    build_with(b, catalog, draft, &profile_of(&b.profile)?)
}

/// What laying out a section reads: the budget, the templates and their
/// context, the tables' context and definitions, whose document it is.
struct Env<'a> {
    b: &'a Budget,
    tera: tera::Tera,
    ctx: tera::Context,
    tcx: tables::Ctx<'a>,
    tables: &'a [tables::TableDef],
    grids: &'a grid_words::Grids,
    charts: &'a [narrative_data::ChartDef],
    print: &'a narrative_data::NarrativePrint,
    kind: layout::Kind,
}

/// One section of the profile (its text, chart, tables, grids, expansion),
/// anchored `s-PART-SECTION`; `expand = "other"` adds one per 其他说明.
fn section(
    env: &mut Env,
    s: &SectionDef,
    name: &str,
    (pn, sn): (usize, usize),
) -> Result<Vec<Section>, RenderError> {
    let b = env.b;
    let mut blocks = Vec::new();
    if let Some(text) = &s.text {
        blocks.extend(paragraphs(&render_text(
            &mut env.tera,
            name,
            text,
            &env.ctx,
        )?));
    }
    if let Some(c) = &s.chart {
        let def = env
            .charts
            .iter()
            .find(|d| d.id == *c)
            .ok_or_else(|| RenderError::new(format!("{name}: no [[chart]] `{c}`")))?;
        let print = env.print;
        blocks.push(Block::Chart(charts::chart(b, def, &env.tcx.named, print)?));
    }
    if s.tables {
        let mut number = 0;
        for def in env.tables {
            if env
                .kind
                .includes(def.only.as_deref(), &format!("table {}", def.id))?
            {
                number += 1;
                blocks.push(Block::Table(tables::build(def, &env.tcx, number)?));
            }
        }
    }
    if let Some(which) = &s.performance {
        let dt = render_text(
            &mut env.tera,
            &format!("{name}-dt"),
            &s.department_title,
            &env.ctx,
        )?;
        let pt = render_text(
            &mut env.tera,
            &format!("{name}-pt"),
            &s.project_title,
            &env.ctx,
        )?;
        let subst = |t: &str| env.tcx.subst(t);
        blocks.extend(performance::grids(b, which, (&dt, &pt), env.grids, &subst)?);
    }
    let title = render_text(&mut env.tera, &format!("{name}-t"), &s.title, &env.ctx)?;
    let level = s.level.unwrap_or(1);
    let mut out = Vec::new();
    match s.expand.as_deref() {
        Some("other") => {
            out.push(Section {
                id: format!("s-{pn}-{sn}"),
                title,
                level,
                blocks,
            });
            for (i, (k, v)) in b.prose.other.iter().enumerate() {
                out.push(Section {
                    id: format!("s-{pn}-{sn}-{}", i + 1),
                    title: format!("{}{k}", numbering::mark(s.numbering, i + 1)),
                    level: level + 1,
                    blocks: paragraphs(v),
                });
            }
            return Ok(out);
        }
        Some("glossary") => {
            for (i, (k, v)) in b.prose.glossary.iter().enumerate() {
                blocks.push(Block::Paragraph {
                    text: format!("{}{k}：{v}", numbering::mark(s.numbering, i + 1)),
                });
            }
        }
        Some(other) => {
            return Err(RenderError::new(format!("unknown expand `{other}`")));
        }
        None => {}
    }
    out.push(Section {
        id: format!("s-{pn}-{sn}"),
        title,
        level,
        blocks,
    });
    Ok(out)
}

/// The document counts units by kind (N21): an unstated kind has no count,
/// and only a draft is laid out.
fn countable(b: &Budget, draft: bool) -> Result<(), RenderError> {
    match b.units.iter().find(|u| u.kind == UnitKind::Unstated && !draft) {
        Some(u) => Err(RenderError::new(format!(
            "单位“{}”的类型未写明（N21）：文档按类型计数单位，请写明 类型 行政、参公 或 事业 (the unit's kind is not stated)",
            u.name.text
        ))),
        None => Ok(()),
    }
}

/// Lay out a checked budget with the given profile.
pub fn build_with(
    b: &Budget,
    catalog: &Catalog,
    draft: bool,
    profile: &Profile,
) -> Result<Document, RenderError> {
    countable(b, draft)?;
    let (doc_def, table_file) = profile.definitions()?;
    let named = figures::named(b);
    let ctx_value = context::context(b, &named, &doc_def.narrative, &doc_def.print);
    let mut ctx = tera::Context::from_value(ctx_value)
        .map_err(|e| RenderError::new(format!("context: {e}")))?;
    // The narrative's wording choices: the profile's defaults, as the
    // document sets them (`排版 { 措辞 { 科目 是 } }`), read by key.
    let wording: std::collections::BTreeMap<String, bool> =
        crate::profiles::wording_of(profile.file("document.toml")?)
            .into_iter()
            .map(|w| {
                let on = b.print.wording.iter().find(|c| c.name == w.name);
                (w.key, on.map_or(w.default, |c| c.on))
            })
            .collect();
    ctx.insert("wording", &wording);
    // Whose document: the department's, or a unit's own (its title and words).
    let kind = layout::Kind::of(b);
    let ((title_src, subtitle_src), words) = layout::title_and_words(
        &profile.id,
        b,
        (&doc_def.title, &doc_def.subtitle),
        &doc_def.words,
        doc_def.unit.as_ref(),
    )?;
    ctx.insert("doc", &words);
    let mut tera = new_tera();
    // `amount`: the profile's print convention for the texts ([print])
    let print = doc_def.print.clone();
    tera.register_filter(
        "amount",
        move |v: &tera::Value, args: &HashMap<String, tera::Value>| print.filter(v, args),
    );
    ctx.insert("unit", doc_def.print.unit().map_or("", DisplayUnit::symbol));
    let title = render_text(&mut tera, "title", title_src, &ctx)?;
    let subtitle = render_text(&mut tera, "subtitle", subtitle_src, &ctx)?;
    let mut vars = vec![
        ("year".to_string(), b.year.to_string()),
        ("department".to_string(), b.department.text.to_string()),
    ];
    vars.extend(words.iter().map(|(k, v)| (format!("doc.{k}"), v.clone())));
    let tcx = tables::Ctx {
        b,
        catalog,
        named,
        defaults: &table_file.defaults,
        vars,
    };
    let mut env = Env {
        b,
        tera,
        ctx,
        tcx,
        tables: &table_file.table,
        grids: &table_file.performance,
        charts: &doc_def.chart,
        print: &doc_def.print,
        kind,
    };
    let mut parts = Vec::new();
    for (pi, p) in doc_def.part.iter().enumerate() {
        if !kind.includes(p.only.as_deref(), &format!("part {}", pi + 1))? {
            continue;
        }
        let ptitle = render_text(&mut env.tera, &format!("part{pi}"), &p.title, &env.ctx)?;
        // anchors number the parts and sections this document has
        let pn = parts.len() + 1;
        let mut sn = 0;
        let mut sections = Vec::new();
        for (si, s) in p.section.iter().enumerate() {
            let name = format!("part{pi}-s{si}");
            if !kind.includes(s.only.as_deref(), &name)? {
                continue;
            }
            sn += 1;
            sections.extend(section(&mut env, s, &name, (pn, sn))?);
        }
        parts.push(Part {
            id: format!("part-{pn}"),
            title: ptitle,
            sections,
        });
    }
    Ok(Document {
        department: layout::owner(b),
        year: b.year,
        title,
        subtitle,
        profile: b.profile.clone(),
        draft,
        parts,
    })
}

#[cfg(test)]
mod wan_tests {
    use super::*;

    fn wan(yuan: &str, args: &[(&str, tera::Value)]) -> String {
        let args: HashMap<String, tera::Value> = args
            .iter()
            .map(|(k, v)| (k.to_string(), v.clone()))
            .collect();
        match wan_filter(&tera::Value::String(yuan.into()), &args) {
            Ok(tera::Value::String(s)) => s,
            other => panic!("wan: {other:?}"),
        }
    }

    #[test]
    fn print_conventions_of_the_narrative() {
        let f = tera::Value::Bool(false);
        let t = tera::Value::Bool(true);
        assert_eq!(wan("156211123", &[]), "15,621.11");
        assert_eq!(wan("156211123", &[("sep", f.clone())]), "15621.11");
        assert_eq!(wan("0", &[]), "0");
        assert_eq!(wan("0", &[("zero", "0.00".into())]), "0.00");
        assert_eq!(wan("250000", &[("trim", t.clone())]), "25");
        assert_eq!(wan("46140000", &[("trim", t.clone())]), "4,614");
        assert_eq!(wan("8675000", &[("trim", t.clone())]), "867.50");
        // half-up at 0.01万元: 50 元 rounds up, 49 元 down
        assert_eq!(wan("1710050", &[("sep", f.clone())]), "171.01");
        assert_eq!(wan("1710049", &[("sep", f)]), "171.00");
        assert!(wan_filter(&tera::Value::Null, &HashMap::new()).is_err());
    }
}
