//! The profiles (province layouts) compiled into this build: one folder per
//! profile under `templates/`, embedded by build.rs. A profile's
//! `document.toml` names it (`name = "山西县级"`), which is what an author
//! writes after `口径`; adding a province adds no Rust code.

include!(concat!(env!("OUT_DIR"), "/profiles.rs"));

/// The facts a profile's narrative prints and a file must therefore give
/// when it writes the part they belong to: `needs = ["…"]` in the profile's
/// document.toml (`项.上年`, `绩效概况.单位数`, `国有资产.截至`). The checker
/// reports a missing one (N14).
///
/// A budget unit's own document (`文件类型 单位预算`, `unit`) has its own:
/// `needs` in the `[unit]` table (the department's when it has none).
pub fn needs(id: &str, unit: bool) -> Vec<String> {
    parsed(id)
        .map(|p| match (&p.unit_needs, unit) {
            (Some(n), true) => n.clone(),
            _ => p.needs.clone(),
        })
        .unwrap_or_default()
}

/// Whether a compiled-in profile lays out a budget unit's own document
/// (`文件类型 单位预算`; `[unit]` in its document.toml).
pub fn has_unit_document(id: &str) -> bool {
    parsed(id).is_some_and(|p| p.has_unit)
}

/// What the checker reads of each compiled-in profile's document.toml,
/// parsed once per process (a check must not parse TOML).
struct Parsed {
    id: &'static str,
    needs: Vec<String>,
    unit_needs: Option<Vec<String>>,
    /// The profile lays out a unit's own document (`[unit]`).
    has_unit: bool,
    wording: Vec<Wording>,
    tables: Vec<TableSource>,
    rules: Rules,
}

/// `[rules]` in a profile's document.toml: the rules data of its province.
#[derive(Debug, Clone, Default, PartialEq, serde::Deserialize, serde::Serialize)]
pub struct Rules {
    /// X8: the economic lines of 基本支出 each 三公 item includes, so that
    /// the item cannot be smaller than their sum.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub three_public_economic: Vec<ItemCodes>,
}

/// A 三公 item (as the 三公经费 block names it: 公务接待费 …) and the
/// economic codes it includes (`30217`).
#[derive(Debug, Clone, PartialEq, serde::Deserialize, serde::Serialize)]
pub struct ItemCodes {
    pub item: String,
    pub codes: Vec<String>,
}

/// The 三公 items a rule may name: the keys of the 三公经费 block.
pub const THREE_PUBLIC_ITEMS: [&str; 4] =
    ["因公出国（境）费", "公务接待费", "公务用车购置费", "公务用车运行维护费"];

impl Rules {
    /// Every item or code of the rules data that names nothing: (the
    /// dotted place, what is wrong).
    pub fn problems(&self) -> Vec<(String, String)> {
        let mut out = Vec::new();
        for (i, m) in self.three_public_economic.iter().enumerate() {
            if !THREE_PUBLIC_ITEMS.contains(&m.item.as_str()) {
                out.push((
                    format!("rules.three_public_economic[{i}].item"),
                    format!(
                        "unknown 三公 item `{}` (the items: {})",
                        m.item,
                        THREE_PUBLIC_ITEMS.join(", ")
                    ),
                ));
            }
            for (j, c) in m.codes.iter().enumerate() {
                if c.len() != 5 || !c.bytes().all(|b| b.is_ascii_digit()) {
                    out.push((
                        format!("rules.three_public_economic[{i}].codes[{j}]"),
                        format!("`{c}` is no economic 款 code (5 digits: 30217)"),
                    ));
                }
            }
        }
        out
    }
}

/// The rules data of a compiled-in profile (`[rules]`; none for an
/// unknown id).
pub fn rules(id: &str) -> Rules {
    parsed(id).map(|p| p.rules.clone()).unwrap_or_default()
}

/// A table of a profile as the checker sees it (`tables.toml`): its id, the
/// budget it shows (`source`), whether it carries a note when empty.
#[derive(Debug, Clone, serde::Deserialize)]
pub struct TableSource {
    pub id: String,
    #[serde(default)]
    pub source: Option<crate::model::Source>,
    #[serde(default)]
    pub empty_note: Option<String>,
}

/// The tables of a compiled-in profile (tables.toml), with a note for an
/// empty table where the profile (or its defaults) gives one.
pub fn tables(id: &str) -> Vec<TableSource> {
    parsed(id).map(|p| p.tables.clone()).unwrap_or_default()
}

fn parsed(id: &str) -> Option<&'static Parsed> {
    static ALL: std::sync::OnceLock<Vec<Parsed>> = std::sync::OnceLock::new();
    #[derive(serde::Deserialize, Default)]
    struct Needs {
        #[serde(default)]
        needs: Vec<String>,
        #[serde(default)]
        unit: Option<UnitNeeds>,
        #[serde(default)]
        rules: Rules,
    }
    #[derive(serde::Deserialize, Default)]
    struct UnitNeeds {
        needs: Option<Vec<String>>,
    }
    ALL.get_or_init(|| {
        PROFILES
            .iter()
            .map(|(p, files)| {
                let text = files
                    .iter()
                    .find(|(n, _)| *n == "document.toml")
                    .map(|(_, t)| *t)
                    .unwrap_or("");
                let n = toml::from_str::<Needs>(text).unwrap_or_default();
                let tables_toml = files
                    .iter()
                    .find(|(n, _)| *n == "tables.toml")
                    .map(|(_, t)| *t)
                    .unwrap_or("");
                Parsed {
                    tables: table_sources(tables_toml),
                    id: p,
                    needs: n.needs,
                    has_unit: n.unit.is_some(),
                    unit_needs: n.unit.and_then(|u| u.needs),
                    rules: n.rules,
                    wording: wording_of(text),
                }
            })
            .collect()
    })
    .iter()
    .find(|p| p.id == id)
}

fn table_sources(tables_toml: &str) -> Vec<TableSource> {
    #[derive(serde::Deserialize, Default)]
    struct Defaults {
        #[serde(default)]
        empty_note: Option<String>,
    }
    #[derive(serde::Deserialize, Default)]
    struct File {
        #[serde(default)]
        defaults: Defaults,
        #[serde(default)]
        table: Vec<TableSource>,
    }
    let f = toml::from_str::<File>(tables_toml).unwrap_or_default();
    f.table
        .into_iter()
        .map(|mut t| {
            t.empty_note = t.empty_note.or(f.defaults.empty_note.clone());
            t
        })
        .collect()
}

/// One wording choice a profile's narrative offers: `[[wording]]` in its
/// document.toml (`name = "科目"`, `key = "subject"`, `default = false`); a
/// document sets it by name in its `排版` block (`措辞 { 科目 是 }`), the
/// templates read it by key (`wording.subject`).
#[derive(Debug, Clone, serde::Deserialize, serde::Serialize)]
pub struct Wording {
    pub name: String,
    pub key: String,
    #[serde(default)]
    pub default: bool,
}

/// The wording choices of a profile's document.toml text.
pub fn wording_of(document_toml: &str) -> Vec<Wording> {
    #[derive(serde::Deserialize, Default)]
    struct File {
        #[serde(default)]
        wording: Vec<Wording>,
    }
    toml::from_str::<File>(document_toml)
        .map(|f| f.wording)
        .unwrap_or_default()
}

/// The department document's words of a compiled-in profile (`[words]` in
/// its document.toml: `owner = "部门"` …), as its table titles read them
/// (`{{ doc.owner }}`).
pub fn words(id: &str) -> Vec<(String, String)> {
    #[derive(serde::Deserialize, Default)]
    struct File {
        #[serde(default)]
        words: std::collections::BTreeMap<String, String>,
    }
    PROFILES
        .iter()
        .find(|(p, _)| *p == id)
        .and_then(|(_, files)| files.iter().find(|(n, _)| *n == "document.toml"))
        .and_then(|(_, t)| toml::from_str::<File>(t).ok())
        .map(|f| f.words.into_iter().collect())
        .unwrap_or_default()
}

/// The wording choices of a compiled-in profile.
pub fn wording(id: &str) -> Vec<Wording> {
    parsed(id).map(|p| p.wording.clone()).unwrap_or_default()
}
