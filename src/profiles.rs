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
