//! `budget profile check DIR`: a profile's files validated before any
//! document is built with them, every problem with its file and line.
//!
//! What is checked, for a profile given as (file name, contents):
//! * `document.toml` and `tables.toml` are there and are TOML;
//! * every value has the type its reader wants (the renderer's own serde
//!   structs — the same ones a build uses, so the check cannot drift from
//!   what is read);
//! * every key is one a reader knows: a key the renderer would silently skip
//!   is a problem (the file is deserialized into the readers' structs and
//!   serialized back; a key that does not come back is unknown);
//! * every Tera template compiles: the `*.tera` files and the text templates
//!   inside `document.toml` (titles, narrative texts);
//! * every table's `kind` is one the renderer lays out, and a table's
//!   `numbering` has 类 rows to number (a style nobody prints is a type
//!   error: `numbering = "paren"`);
//! * every section's `performance` draws grids the renderer knows, whose
//!   words tables.toml has (`[performance.department]`,
//!   `[performance.project]`), and their funding sources are known.
//!
//! Pure: the CLI reads the folder and prints the problems.

use super::tables::TableFile;
use super::DocumentFile;
use crate::profiles::Wording;
use serde::{Deserialize, Serialize};

/// One problem of a profile: the file, the 1-based line and column (0 when
/// the problem is the file's as a whole), what is wrong.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Problem {
    pub file: String,
    pub line: usize,
    pub column: usize,
    pub message: String,
}

impl std::fmt::Display for Problem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if self.line == 0 {
            write!(f, "{}: {}", self.file, self.message)
        } else {
            write!(
                f,
                "{}:{}:{}: {}",
                self.file, self.line, self.column, self.message
            )
        }
    }
}

/// What the checker reads of `document.toml` (src/profiles.rs): the facts
/// the narrative needs and the wording choices; the layout is the
/// renderer's [`DocumentFile`].
#[derive(Serialize, Deserialize)]
struct CheckerReads {
    #[serde(default)]
    needs: Vec<String>,
    #[serde(default)]
    wording: Vec<Wording>,
    #[serde(default)]
    rules: crate::profiles::Rules,
}

/// The problems of a profile's files; empty when a build can use it.
pub fn check(files: &[(String, String)]) -> Vec<Problem> {
    let mut out = Vec::new();
    let file = |n: &str| files.iter().find(|(f, _)| f == n).map(|(_, t)| t.as_str());
    let mut layout_read = None;
    let mut grids_read = None;
    match file("document.toml") {
        Some(text) => {
            let mut known = Vec::new();
            let layout = read::<DocumentFile>("document.toml", text, &mut known, &mut out);
            let checker = read::<CheckerReads>("document.toml", text, &mut known, &mut out);
            if let (Some(layout), Some(checker)) = (layout, checker) {
                unknown("document.toml", text, &known, &mut out);
                let mut data = checker.rules.problems();
                data.extend(narrative_data(&layout));
                data_problems("document.toml", text, data, &mut out);
                document_templates("document.toml", text, &layout, &mut out);
                let mut onlies = Vec::new();
                for (pi, p) in layout.part.iter().enumerate() {
                    let part = [Step::Key("part".into()), Step::Index(pi)];
                    onlies.push((part.to_vec(), p.only.as_deref()));
                    for (si, sec) in p.section.iter().enumerate() {
                        let mut at = part.to_vec();
                        at.extend([Step::Key("section".into()), Step::Index(si)]);
                        onlies.push((at, sec.only.as_deref()));
                    }
                }
                only_values("document.toml", text, &onlies, &mut out);
                layout_read = Some((text, layout));
            }
        }
        None => out.push(whole("document.toml", "missing: every profile has one")),
    }
    match file("tables.toml") {
        Some(text) => {
            let mut known = Vec::new();
            if let Some(t) = read::<TableFile>("tables.toml", text, &mut known, &mut out) {
                unknown("tables.toml", text, &known, &mut out);
                table_kinds("tables.toml", text, &t, &mut out);
                table_layouts("tables.toml", text, &t, &mut out);
                table_numbering("tables.toml", text, &t, &mut out);
                let onlies: Vec<(Vec<Step>, Option<&str>)> = (t.table.iter().enumerate())
                    .map(|(i, d)| {
                        (
                            vec![Step::Key("table".into()), Step::Index(i)],
                            d.only.as_deref(),
                        )
                    })
                    .collect();
                only_values("tables.toml", text, &onlies, &mut out);
                let grids = super::grid_words::problems(&t.performance);
                data_problems("tables.toml", text, grids, &mut out);
                grids_read = Some(t.performance);
            }
        }
        None => out.push(whole("tables.toml", "missing: every profile has one")),
    }
    if let Some((text, layout)) = &layout_read {
        // without a readable tables.toml its grids are that file's problem
        let found = performance_sections(layout, grids_read.as_ref());
        data_problems("document.toml", text, found, &mut out);
    }
    for (name, text) in files.iter().filter(|(n, _)| n.ends_with(".tera")) {
        if let Err(e) = super::new_tera().add_raw_template(name, text) {
            let (line, column) = tera_position(&e).unwrap_or((0, 0));
            out.push(Problem {
                file: name.clone(),
                line,
                column,
                message: format!("the template does not compile: {}", tera_message(&e)),
            });
        }
    }
    out
}

fn whole(file: &str, message: &str) -> Problem {
    Problem {
        file: file.to_string(),
        line: 0,
        column: 0,
        message: message.to_string(),
    }
}

/// 1-based (line, column) of a byte offset.
fn position(text: &str, at: usize) -> (usize, usize) {
    let at = at.min(text.len());
    let before = &text[..text.floor_char_boundary(at)];
    let line = before.matches('\n').count() + 1;
    let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    (line, column)
}

fn at(file: &str, text: &str, offset: usize, message: String) -> Problem {
    let (line, column) = position(text, offset);
    Problem {
        file: file.to_string(),
        line,
        column,
        message,
    }
}

/// The file read by one of its readers (a syntax or type error is a
/// problem); what the reader knows of it, serialized back, goes to `known`.
fn read<T>(
    file: &str,
    text: &str,
    known: &mut Vec<toml::Value>,
    out: &mut Vec<Problem>,
) -> Option<T>
where
    T: serde::de::DeserializeOwned + Serialize,
{
    match toml::from_str::<T>(text) {
        Ok(r) => {
            known.push(toml::Value::try_from(&r).unwrap_or(toml::Value::Table(Default::default())));
            Some(r)
        }
        Err(e) => {
            let message = e.message().to_string();
            let offset = e
                .span()
                .map(|s| s.start)
                .or_else(|| quoted_value(text, &message));
            let problem = match offset {
                Some(o) => at(file, text, o, message),
                None => whole(file, &message),
            };
            if !out.contains(&problem) {
                out.push(problem);
            }
            None
        }
    }
}

/// Where a value a type error quotes (`invalid type: string "two"`) is
/// written, when it is written once: a reader with flattened fields loses
/// the error's span.
fn quoted_value(text: &str, message: &str) -> Option<usize> {
    let start = message.find('"')?;
    let end = start + 1 + message[start + 1..].find('"')?;
    let literal = &message[start..=end];
    let mut found = text
        .match_indices(literal)
        .filter(|(i, _)| text[..*i].trim_end().ends_with('='));
    let first = found.next()?.0;
    found.next().is_none().then_some(first)
}

/// Every key of the file that none of its readers knows.
fn unknown(file: &str, text: &str, known: &[toml::Value], out: &mut Vec<Problem>) {
    let Ok(value) = toml::from_str::<toml::Value>(text) else {
        return;
    };
    let spans = toml_edit::ImDocument::parse(text.to_string()).ok();
    let mut path = Vec::new();
    let mut found = Vec::new();
    let mut report = |path: &[Step]| {
        let offset = offset_of(&spans, path);
        found.push(at(
            file,
            text,
            offset,
            format!("unknown key `{}`: nothing reads it", dotted(path)),
        ));
    };
    unknown_keys(&value, known, &mut path, &mut report);
    // in the file's order (a TOML table's keys come sorted)
    found.sort_by_key(|p| (p.line, p.column));
    out.extend(found);
}

#[derive(Clone)]
enum Step {
    Key(String),
    Index(usize),
}

fn dotted(path: &[Step]) -> String {
    let mut s = String::new();
    for p in path {
        match p {
            Step::Key(k) => {
                if !s.is_empty() {
                    s.push('.');
                }
                s.push_str(k);
            }
            Step::Index(i) => s.push_str(&format!("[{i}]")),
        }
    }
    s
}

/// Keys of `written` that come back in none of `known` (the readers'
/// structs serialized), depth first in the file's order.
fn unknown_keys(
    written: &toml::Value,
    known: &[toml::Value],
    path: &mut Vec<Step>,
    report: &mut dyn FnMut(&[Step]),
) {
    match written {
        toml::Value::Table(w) => {
            for (key, v) in w {
                path.push(Step::Key(key.clone()));
                let inner: Vec<toml::Value> = known
                    .iter()
                    .filter_map(|k| k.as_table().and_then(|t| t.get(key)).cloned())
                    .collect();
                if inner.is_empty() {
                    report(path);
                } else {
                    unknown_keys(v, &inner, path, report);
                }
                path.pop();
            }
        }
        toml::Value::Array(w) => {
            for (i, v) in w.iter().enumerate() {
                path.push(Step::Index(i));
                let inner: Vec<toml::Value> = known
                    .iter()
                    .filter_map(|k| k.as_array().and_then(|a| a.get(i)).cloned())
                    .collect();
                unknown_keys(v, &inner, path, report);
                path.pop();
            }
        }
        _ => {}
    }
}

/// Where the last key of `path` is written in a parsed file (0 when the
/// file could not be parsed with spans or the key is not there).
fn offset_of(spans: &Option<toml_edit::ImDocument<String>>, path: &[Step]) -> usize {
    spans
        .as_ref()
        .and_then(|d| key_offset(d.as_item(), path))
        .unwrap_or(0)
}

/// Where the last key of `path` is written.
fn key_offset(item: &toml_edit::Item, path: &[Step]) -> Option<usize> {
    let (first, rest) = path.split_first()?;
    match first {
        Step::Key(k) => {
            let (key, child) = match item {
                toml_edit::Item::Table(t) => t.get_key_value(k)?,
                toml_edit::Item::Value(toml_edit::Value::InlineTable(t)) => t.get_key_value(k)?,
                _ => return None,
            };
            if rest.is_empty() {
                key.span().map(|s| s.start)
            } else {
                key_offset(child, rest).or_else(|| key.span().map(|s| s.start))
            }
        }
        Step::Index(i) => match item {
            toml_edit::Item::ArrayOfTables(a) => {
                let t = a.get(*i)?;
                let inner = toml_edit::Item::Table(t.clone());
                key_offset(&inner, rest).or_else(|| t.span().map(|s| s.start))
            }
            toml_edit::Item::Value(toml_edit::Value::Array(a)) => {
                let v = a.get(*i)?;
                let inner = toml_edit::Item::Value(v.clone());
                key_offset(&inner, rest).or_else(|| v.span().map(|s| s.start))
            }
            _ => None,
        },
    }
}

/// The text templates of `document.toml` compile.
fn document_templates(file: &str, text: &str, doc: &DocumentFile, out: &mut Vec<Problem>) {
    let mut templates: Vec<(String, &str)> = vec![
        ("title".into(), doc.title.as_str()),
        ("subtitle".into(), doc.subtitle.as_str()),
    ];
    if let Some(u) = &doc.unit {
        templates.push(("unit.title".into(), &u.title));
        templates.push(("unit.subtitle".into(), &u.subtitle));
    }
    for (pi, p) in doc.part.iter().enumerate() {
        templates.push((format!("part[{pi}].title"), &p.title));
        for (si, s) in p.section.iter().enumerate() {
            let at = format!("part[{pi}].section[{si}]");
            templates.push((format!("{at}.title"), &s.title));
            if let Some(t) = &s.text {
                templates.push((format!("{at}.text"), t));
            }
            templates.push((format!("{at}.department_title"), &s.department_title));
            templates.push((format!("{at}.project_title"), &s.project_title));
        }
    }
    for (place, src) in templates {
        if let Err(e) = super::new_tera().add_raw_template(&place, src) {
            // the template's own line, counted from where its text starts
            let start = text.find(src).unwrap_or(0);
            let (line, column) = position(text, start);
            let (tl, _) = tera_position(&e).unwrap_or((1, 0));
            out.push(Problem {
                file: file.to_string(),
                line: line + tl.saturating_sub(1),
                column: if tl > 1 { 1 } else { column },
                message: format!(
                    "{place}: the template does not compile: {}",
                    tera_message(&e)
                ),
            });
        }
    }
}

/// Every `only` (of a part, a section or a table, at `path`) names a
/// document: `department` or `unit` (see [`super::layout`]).
fn only_values(
    file: &str,
    text: &str,
    onlies: &[(Vec<Step>, Option<&str>)],
    out: &mut Vec<Problem>,
) {
    let spans = toml_edit::ImDocument::parse(text.to_string()).ok();
    for (path, only) in onlies {
        let Some(o) = only.filter(|o| !matches!(*o, "department" | "unit")) else {
            continue;
        };
        let mut path = path.clone();
        path.push(Step::Key("only".into()));
        let offset = offset_of(&spans, &path);
        out.push(at(
            file,
            text,
            offset,
            format!("only = `{o}`: a part, section or table is only in the `department` or the `unit` document"),
        ));
    }
}

/// The narrative's data names figures, sources and a unit the renderer
/// knows, and every section's `chart` is a `[[chart]]` of the profile.
fn narrative_data(doc: &DocumentFile) -> Vec<(String, String)> {
    let mut found = super::narrative_data::problems(&doc.narrative, &doc.chart, &doc.print);
    for (pi, p) in doc.part.iter().enumerate() {
        for (si, s) in p.section.iter().enumerate() {
            let Some(c) = &s.chart else { continue };
            if !doc.chart.iter().any(|d| d.id == *c) {
                let ids: Vec<&str> = doc.chart.iter().map(|d| d.id.as_str()).collect();
                found.push((
                    format!("part[{pi}].section[{si}].chart"),
                    format!("no [[chart]] `{c}` (the charts: {})", ids.join(", ")),
                ));
            }
        }
    }
    for (i, c) in doc.chart.iter().enumerate() {
        if doc.chart[..i].iter().any(|o| o.id == c.id) {
            found.push((
                format!("chart[{i}].id"),
                format!("chart `{}` is defined twice", c.id),
            ));
        }
    }
    found
}

/// Every section's `performance` draws grids the renderer knows, whose
/// words tables.toml has (`[performance.department]`, `[performance.project]`).
fn performance_sections(
    doc: &DocumentFile,
    grids: Option<&super::grid_words::Grids>,
) -> Vec<(String, String)> {
    let mut found = Vec::new();
    for (pi, p) in doc.part.iter().enumerate() {
        for (si, s) in p.section.iter().enumerate() {
            let Some(which) = &s.performance else {
                continue;
            };
            let place = format!("part[{pi}].section[{si}].performance");
            let Some((dept, projects)) = super::performance::draws(which) else {
                let all = super::performance::WHICH.join(", ");
                found.push((place, format!("unknown grids `{which}` ({all})")));
                continue;
            };
            let Some(g) = grids else { continue };
            for (draws, has, grid) in [
                (dept, g.department.is_some(), "department"),
                (projects, g.project.is_some(), "project"),
            ] {
                if draws && !has {
                    found.push((
                        place.clone(),
                        format!("tables.toml has no [performance.{grid}]: the words of the grid `{which}` draws"),
                    ));
                }
            }
        }
    }
    found
}

/// Problems of a profile's data, each at the key its dotted place names,
/// in the file's order.
fn data_problems(file: &str, text: &str, found: Vec<(String, String)>, out: &mut Vec<Problem>) {
    let spans = toml_edit::ImDocument::parse(text.to_string()).ok();
    let mut placed: Vec<Problem> = found
        .into_iter()
        .map(|(place, message)| {
            let offset = offset_of(&spans, &steps(&place));
            at(file, text, offset, format!("{place}: {message}"))
        })
        .collect();
    placed.sort_by_key(|p| (p.line, p.column));
    out.extend(placed);
}

/// `a.b[2].c` as the steps of a path.
fn steps(dotted: &str) -> Vec<Step> {
    let mut out = Vec::new();
    for part in dotted.split('.') {
        let mut pieces = part.split('[');
        if let Some(key) = pieces.next() {
            out.push(Step::Key(key.to_string()));
        }
        for index in pieces {
            if let Ok(i) = index.trim_end_matches(']').parse() {
                out.push(Step::Index(i));
            }
        }
    }
    out
}

/// The path of `key` in the `i`-th `[[table]]`.
fn table_key(i: usize, key: &str) -> [Step; 3] {
    [
        Step::Key("table".into()),
        Step::Index(i),
        Step::Key(key.into()),
    ]
}

/// Every table's `kind` is one the renderer lays out.
fn table_kinds(file: &str, text: &str, t: &TableFile, out: &mut Vec<Problem>) {
    let spans = toml_edit::ImDocument::parse(text.to_string()).ok();
    for (i, def) in t.table.iter().enumerate() {
        if super::tables::KINDS.contains(&def.kind.as_str()) {
            continue;
        }
        let offset = offset_of(&spans, &table_key(i, "kind"));
        out.push(at(
            file,
            text,
            offset,
            format!(
                "table {}: unknown kind `{}` (the kinds: {})",
                def.id,
                def.kind,
                super::tables::KINDS.join(", ")
            ),
        ));
    }
}

/// A table's `numbering` numbers the 类 rows of `right_rows = "classes"`:
/// on another table nothing reads it.
fn table_numbering(file: &str, text: &str, t: &TableFile, out: &mut Vec<Problem>) {
    let spans = toml_edit::ImDocument::parse(text.to_string()).ok();
    for (i, def) in t.table.iter().enumerate() {
        let classes = def.kind == "two_sided" && def.right_rows.as_deref() == Some("classes");
        // a table of an unknown kind is a problem of its own
        let known = super::tables::KINDS.contains(&def.kind.as_str());
        if def.numbering.is_none() || classes || !known {
            continue;
        }
        let offset = offset_of(&spans, &table_key(i, "numbering"));
        out.push(at(
            file,
            text,
            offset,
            format!(
                "table {}: `numbering` numbers the 类 rows of a two_sided table with right_rows = \"classes\"; this table has none",
                def.id
            ),
        ));
    }
}

/// Every table's PDF layout (orientation, font sizes, over the defaults)
/// is one the renderer can set, reported at the key that makes it wrong.
fn table_layouts(file: &str, text: &str, t: &TableFile, out: &mut Vec<Problem>) {
    let spans = toml_edit::ImDocument::parse(text.to_string()).ok();
    let mut reported = Vec::new();
    for (i, def) in t.table.iter().enumerate() {
        let Err(e) = super::tables::layout_of(def, &t.defaults.layout) else {
            continue;
        };
        let key = ["min_font_size", "font_size", "orientation"]
            .into_iter()
            .find(|k| e.0.contains(&format!(" {k} ")))
            .unwrap_or("orientation");
        let own = match key {
            "orientation" => def.layout.orientation.is_some(),
            "font_size" => def.layout.font_size.is_some(),
            _ => def.layout.min_font_size.is_some(),
        };
        let path = if own {
            table_key(i, key).to_vec()
        } else {
            vec![Step::Key("defaults".into()), Step::Key(key.into())]
        };
        let offset = offset_of(&spans, &path);
        // a wrong default is one problem, not one per table
        if !own && reported.contains(&offset) {
            continue;
        }
        reported.push(offset);
        out.push(at(file, text, offset, e.0));
    }
}

/// `--> LINE:COL` of a Tera parse error, from its chain.
fn tera_position(e: &tera::Error) -> Option<(usize, usize)> {
    let mut text = e.to_string();
    let mut source = std::error::Error::source(e);
    while let Some(c) = source {
        text.push_str(&c.to_string());
        source = c.source();
    }
    let at = text.find("--> ")?;
    let rest = &text[at + 4..];
    let mut it = rest
        .split(|c: char| !c.is_ascii_digit())
        .filter(|s| !s.is_empty());
    let line = it.next()?.parse().ok()?;
    let column = it.next()?.parse().ok()?;
    Some((line, column))
}

/// A Tera error with its causes, on one line: a parse error's caret
/// drawing is left out, its `= expected …` line kept.
fn tera_message(e: &tera::Error) -> String {
    let mut parts = vec![e.to_string()];
    let mut source = std::error::Error::source(e);
    while let Some(c) = source {
        parts.push(c.to_string());
        source = c.source();
    }
    let mut out: Vec<String> = Vec::new();
    for p in parts {
        let expected: Vec<&str> = p
            .lines()
            .filter_map(|l| l.trim_start().strip_prefix("= "))
            .collect();
        if expected.is_empty() {
            out.push(p.lines().next().unwrap_or("").trim().to_string());
        } else {
            out.extend(expected.iter().map(|l| l.to_string()));
        }
    }
    out.retain(|p| !p.is_empty());
    out.join(": ")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn embedded(id: &str) -> Vec<(String, String)> {
        crate::profiles::PROFILES
            .iter()
            .find(|(p, _)| *p == id)
            .map(|(_, f)| {
                f.iter()
                    .map(|(n, t)| (n.to_string(), t.to_string()))
                    .collect()
            })
            .unwrap_or_default()
    }

    #[test]
    fn the_shipped_profiles_have_no_problem() {
        for id in crate::render::Profile::ids() {
            assert_eq!(check(&embedded(id)), vec![], "{id}");
        }
        assert_eq!(check(&embedded("common")).len(), 2, "common is no profile");
    }

    #[test]
    fn positions_count_characters() {
        assert_eq!(position("ab\n中文x", 9), (2, 3));
        assert_eq!(position("x", 0), (1, 1));
    }
}
