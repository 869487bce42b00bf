//! The profiles (province layouts) compiled into this build: one folder per
//! profile under `templates/`, embedded by build.rs. A profile's
//! `document.toml` names it (`name = "山西县级"`), which is what an author
//! writes after `口径`; adding a province adds no Rust code.

include!(concat!(env!("OUT_DIR"), "/profiles.rs"));

/// What the checker reads of a profile (its document.toml and
/// tables.toml): the facts its narrative needs, whether it lays out a
/// unit's own document, its wording choices, its tables' sources and its
/// rules data. A checked model carries its profile's
/// ([`crate::model::Budget::profile_data`]); a compiled-in profile's is
/// parsed once per process (a check must not parse TOML).
#[derive(Debug, Clone, Default)]
pub struct ProfileData {
    pub id: String,
    needs: Vec<String>,
    unit_needs: Option<Vec<String>>,
    /// The profile lays out a unit's own document (`[unit]`).
    has_unit: bool,
    wording: Vec<Wording>,
    tables: Vec<TableSource>,
    rules: Rules,
}

impl ProfileData {
    /// A profile's checker data from its files' texts (the CLI reads a
    /// `--profile DIR`); a file that is not the profile's TOML gives none of
    /// its data (`budget profile check` reports it).
    pub fn from_files(id: &str, document_toml: &str, tables_toml: &str) -> ProfileData {
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
        let n = toml::from_str::<Needs>(document_toml).unwrap_or_default();
        ProfileData {
            id: id.to_string(),
            needs: n.needs,
            has_unit: n.unit.is_some(),
            unit_needs: n.unit.and_then(|u| u.needs),
            wording: wording_of(document_toml),
            tables: table_sources(tables_toml),
            rules: n.rules,
        }
    }

    /// The facts the profile's narrative prints and a file must therefore
    /// give when it writes the part they belong to: `needs = ["…"]` in
    /// document.toml (`项.上年`, `绩效概况.单位数`, `国有资产.截至`); the
    /// checker reports a missing one (N14). A budget unit's own document
    /// (`unit`) has its own: `needs` in the `[unit]` table (the
    /// department's when it has none).
    pub fn needs(&self, unit: bool) -> &[String] {
        match (&self.unit_needs, unit) {
            (Some(n), true) => n,
            _ => &self.needs,
        }
    }

    /// Whether the profile lays out a budget unit's own document (`文件类型
    /// 单位预算`; `[unit]` in its document.toml).
    pub fn has_unit_document(&self) -> bool {
        self.has_unit
    }

    /// The wording choices of the profile's narrative.
    pub fn wording(&self) -> &[Wording] {
        &self.wording
    }

    /// The profile's tables (tables.toml), with a note for an empty table
    /// where the profile (or its defaults) gives one.
    pub fn tables(&self) -> &[TableSource] {
        &self.tables
    }

    /// The rules data of the profile (`[rules]`).
    pub fn rules(&self) -> &Rules {
        &self.rules
    }
}

/// The profile data a checked model reads: its own
/// ([`crate::model::Budget::profile_data`], given by the caller), else the
/// compiled-in profile its `口径` names; none without a profile.
pub fn of(b: &crate::model::Budget) -> Option<&ProfileData> {
    b.profile_data.as_deref().or_else(|| embedded(&b.profile))
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

/// The checker data of a compiled-in profile, parsed once per process.
pub fn embedded(id: &str) -> Option<&'static ProfileData> {
    static ALL: std::sync::OnceLock<Vec<ProfileData>> = std::sync::OnceLock::new();
    let file = |files: &[(&str, &'static str)], name: &str| {
        files
            .iter()
            .find(|(n, _)| *n == name)
            .map(|(_, t)| *t)
            .unwrap_or("")
    };
    ALL.get_or_init(|| {
        PROFILES
            .iter()
            .map(|(p, files)| {
                ProfileData::from_files(p, file(files, "document.toml"), file(files, "tables.toml"))
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
