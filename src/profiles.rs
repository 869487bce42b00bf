//! The profiles (province layouts) compiled into this build: one folder per
//! profile under `templates/`, embedded by build.rs. A profile's
//! `document.toml` names it (`name = "山西县级"`), which is what an author
//! writes after `口径`; adding a province adds no Rust code.

include!(concat!(env!("OUT_DIR"), "/profiles.rs"));

/// The facts a profile's narrative prints and a file must therefore give
/// when it writes the part they belong to: `needs = ["…"]` in the profile's
/// document.toml (`项.上年`, `绩效概况.单位数`, `国有资产.截至`). The checker
/// reports a missing one (N14).
pub fn needs(id: &str) -> Vec<String> {
    parsed(id).map(|p| p.needs.clone()).unwrap_or_default()
}

/// What the checker reads of each compiled-in profile's document.toml,
/// parsed once per process (a check must not parse TOML).
struct Parsed {
    id: &'static str,
    needs: Vec<String>,
    wording: Vec<Wording>,
}

fn parsed(id: &str) -> Option<&'static Parsed> {
    static ALL: std::sync::OnceLock<Vec<Parsed>> = std::sync::OnceLock::new();
    #[derive(serde::Deserialize, Default)]
    struct Needs {
        #[serde(default)]
        needs: Vec<String>,
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
                Parsed {
                    id: p,
                    needs: toml::from_str::<Needs>(text)
                        .map(|n| n.needs)
                        .unwrap_or_default(),
                    wording: wording_of(text),
                }
            })
            .collect()
    })
    .iter()
    .find(|p| p.id == id)
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

/// The wording choices of a compiled-in profile.
pub fn wording(id: &str) -> Vec<Wording> {
    parsed(id).map(|p| p.wording.clone()).unwrap_or_default()
}
