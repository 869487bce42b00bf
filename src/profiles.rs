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

/// The indicator taxonomy an editor offers for a file: its profile's, else
/// (a file that names no profile yet) every compiled-in profile's, each
/// 一级 once.
pub fn indicators_for(b: &crate::model::Budget) -> Rules {
    if let Some(p) = of(b) {
        return p.rules().clone();
    }
    let mut all = Rules::default();
    for (id, _) in PROFILES {
        for l1 in embedded(id)
            .map(|p| p.rules().indicators.as_slice())
            .unwrap_or_default()
        {
            if !all.indicators.iter().any(|k| k.name == l1.name) {
                all.indicators.push(l1.clone());
            }
        }
    }
    all
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
    /// P1: the performance indicator taxonomy — the 一级 indicators, each
    /// with the 二级 allowed under it (and the variants accepted for a name).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub indicators: Vec<Level1>,
    /// N24: the amounts above which the 国有资产 sentences count equipment
    /// (`单价100万元（含）以上设备`, `价值50万元（原值）以上的通用设备`), as
    /// the province sets them: `["50万元", "100万元"]`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub equipment_thresholds: Vec<String>,
}

impl Rules {
    /// The equipment thresholds in 元 (those that parse).
    pub fn thresholds(&self) -> Vec<crate::model::Money> {
        self.equipment_thresholds
            .iter()
            .filter_map(|t| amount_of(t))
            .collect()
    }
}

/// `100万元`, `500,000元`: an amount with its unit.
pub fn amount_of(text: &str) -> Option<crate::model::Money> {
    use crate::model::money::DisplayUnit;
    let (n, unit) = if let Some(n) = text.strip_suffix("万元") {
        (n, DisplayUnit::Wanyuan)
    } else {
        (text.strip_suffix('元')?, DisplayUnit::Yuan)
    };
    let x: rust_decimal::Decimal = n.replace(',', "").trim().parse().ok()?;
    crate::model::Money::checked_from_unit(x, unit)
}

/// A 一级 indicator (`产出指标`), the variants accepted for it (`产出`) and
/// the 二级 indicators under it.
#[derive(Debug, Clone, PartialEq, serde::Deserialize, serde::Serialize)]
pub struct Level1 {
    pub name: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub variants: Vec<String>,
    pub level2: Vec<Level2>,
}

/// A 二级 indicator (`数量指标`) and its accepted variants (`数量`).
#[derive(Debug, Clone, PartialEq, serde::Deserialize, serde::Serialize)]
pub struct Level2 {
    pub name: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub variants: Vec<String>,
}

impl Rules {
    /// The canonical name of an indicator name or variant (the name itself
    /// when the taxonomy does not know it).
    pub fn canonical<'a>(&'a self, name: &'a str) -> &'a str {
        let known = |n: &str, v: &[String]| n == name || v.iter().any(|x| x == name);
        for l1 in &self.indicators {
            if known(&l1.name, &l1.variants) {
                return &l1.name;
            }
        }
        self.indicators
            .iter()
            .flat_map(|l1| &l1.level2)
            .find(|l2| known(&l2.name, &l2.variants))
            .map_or(name, |l2| l2.name.as_str())
    }
    /// The 一级 indicators' names.
    pub fn level1_names(&self) -> Vec<&str> {
        self.indicators.iter().map(|l| l.name.as_str()).collect()
    }
    /// The 二级 indicators allowed under a (canonical) 一级 name.
    pub fn allowed_under(&self, l1: &str) -> Option<Vec<&str>> {
        self.indicators
            .iter()
            .find(|l| l.name == l1)
            .map(|l| l.level2.iter().map(|k| k.name.as_str()).collect())
    }
    /// The 一级 indicator a (canonical) 二级 name belongs under.
    pub fn home_of(&self, l2: &str) -> Option<&str> {
        self.indicators
            .iter()
            .find(|l| l.level2.iter().any(|k| k.name == l2))
            .map(|l| l.name.as_str())
    }
}

/// A 三公 item (as the 三公经费 block names it: 公务接待费 …) and the
/// economic codes it includes (`30217`).
#[derive(Debug, Clone, PartialEq, serde::Deserialize, serde::Serialize)]
pub struct ItemCodes {
    pub item: String,
    pub codes: Vec<String>,
}

/// The 三公 items a rule may name: the keys of the 三公经费 block.
pub const THREE_PUBLIC_ITEMS: [&str; 4] = [
    "因公出国（境）费",
    "公务接待费",
    "公务用车购置费",
    "公务用车运行维护费",
];

impl Rules {
    /// Every item or code of the rules data that names nothing, every
    /// indicator name given twice: (the dotted place, what is wrong).
    pub fn problems(&self) -> Vec<(String, String)> {
        let mut out = self.taxonomy_problems();
        for (i, t) in self.equipment_thresholds.iter().enumerate() {
            if amount_of(t).is_none() {
                out.push((
                    format!("rules.equipment_thresholds[{i}]"),
                    format!("`{t}` is no amount with its unit (`100万元`, `500,000元`)"),
                ));
            }
        }
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

    /// A 一级 with no 二级, a name or variant that names two indicators.
    fn taxonomy_problems(&self) -> Vec<(String, String)> {
        let mut out = Vec::new();
        let mut seen: Vec<(&str, &str)> = Vec::new();
        for (i, l1) in self.indicators.iter().enumerate() {
            let at = format!("rules.indicators[{i}]");
            if l1.level2.is_empty() {
                out.push((
                    format!("{at}.name"),
                    format!("`{}` has no 二级 indicator", l1.name),
                ));
            }
            let mut words: Vec<(&str, &str, String)> = l1
                .variants
                .iter()
                .enumerate()
                .map(|(j, v)| (v.as_str(), l1.name.as_str(), format!("{at}.variants[{j}]")))
                .collect();
            for (j, l2) in l1.level2.iter().enumerate() {
                for (k, v) in l2.variants.iter().enumerate() {
                    words.push((v, &l2.name, format!("{at}.level2[{j}].variants[{k}]")));
                }
            }
            for (word, name, place) in words {
                match seen.iter().find(|(w, _)| *w == word) {
                    Some((_, other)) if *other != name => out.push((
                        place,
                        format!("`{word}` already names the indicator `{other}`"),
                    )),
                    Some(_) => {}
                    None => seen.push((word, name)),
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
