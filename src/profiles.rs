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
    #[derive(serde::Deserialize, Default)]
    struct Needs {
        #[serde(default)]
        needs: Vec<String>,
    }
    PROFILES
        .iter()
        .find(|(p, _)| *p == id)
        .and_then(|(_, files)| files.iter().find(|(n, _)| *n == "document.toml"))
        .and_then(|(_, text)| toml::from_str::<Needs>(text).ok())
        .map(|n| n.needs)
        .unwrap_or_default()
}

/// One wording choice a profile's narrative offers: `[[wording]]` in its
/// document.toml (`name = "科目"`, `key = "subject"`, `default = false`); a
/// document sets it by name in its `排版` block (`措辞 { 科目 是 }`), the
/// templates read it by key (`wording.subject`).
#[derive(Debug, Clone, serde::Deserialize)]
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
    PROFILES
        .iter()
        .find(|(p, _)| *p == id)
        .and_then(|(_, files)| files.iter().find(|(n, _)| *n == "document.toml"))
        .map(|(_, text)| wording_of(text))
        .unwrap_or_default()
}
