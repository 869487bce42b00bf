//! Whose document it is: the department's (部门预算) or one budget unit's own
//! (`文件类型 单位预算`; Shanghai publishes one per unit beside the
//! department's). What differs between the two is the profile's data, in its
//! document.toml and tables.toml: the unit document's title and words
//! (`[unit]`, `[unit.words]` over `[words]`, read as `doc.KEY`), and the
//! parts, sections and tables only one of them has (`only = "unit"` or
//! `only = "department"`).

use super::RenderError;
use crate::model::Budget;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// `[unit]` in a profile's document.toml: the unit document's title and the
/// words that differ from the department's.
#[derive(Debug, Deserialize, Serialize)]
pub struct UnitDef {
    pub title: String,
    /// The cover's line under the title (e.g. 预算单位：{{ doc.name }}).
    #[serde(default)]
    pub subtitle: String,
    /// The facts this document prints (read by the checker, N14; see
    /// [`crate::profiles::needs`]).
    #[serde(default)]
    pub needs: Option<Vec<String>>,
    #[serde(default)]
    pub words: BTreeMap<String, String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Department,
    Unit,
}

impl Kind {
    pub fn of(b: &Budget) -> Kind {
        if b.unit_document {
            Kind::Unit
        } else {
            Kind::Department
        }
    }

    fn key(self) -> &'static str {
        match self {
            Kind::Department => "department",
            Kind::Unit => "unit",
        }
    }

    /// Whether a part, section or table marked `only` belongs to this
    /// document; an `only` other than `department`/`unit` is the profile's
    /// error.
    pub fn includes(self, only: Option<&str>, what: &str) -> Result<bool, RenderError> {
        match only {
            None => Ok(true),
            Some(k @ ("department" | "unit")) => Ok(k == self.key()),
            Some(other) => Err(RenderError::new(format!(
                "{what}: only = `{other}` (department or unit)"
            ))),
        }
    }
}

/// The name the document is published under: the department's, or for a
/// unit's own document its unit's (the first 单位 with a budget of its own;
/// a unit merged into it, `单列预算 否`, is part of it).
pub fn owner(b: &Budget) -> String {
    match Kind::of(b) {
        Kind::Department => b.department.text.to_string(),
        Kind::Unit => b
            .own_unit()
            .map(|u| u.name.text.to_string())
            .unwrap_or_else(|| b.department.text.to_string()),
    }
}

/// A document's title and cover line (templates).
pub type Titles<'a> = (&'a str, &'a str);

/// A document's words, by key (`doc.KEY`).
pub type Words = BTreeMap<String, String>;

/// The document's title and cover line templates and its words (`doc.KEY`,
/// with `doc.name` the owner): the department's, or the unit's over the
/// department's.
pub fn title_and_words<'a>(
    profile: &str,
    b: &Budget,
    title: Titles<'a>,
    words: &BTreeMap<String, String>,
    unit: Option<&'a UnitDef>,
) -> Result<(Titles<'a>, Words), RenderError> {
    let mut all = words.clone();
    let title = match Kind::of(b) {
        Kind::Department => title,
        Kind::Unit => {
            let u = unit.ok_or_else(|| {
                RenderError::new(format!(
                    "profile {profile} has no unit document (文件类型 单位预算): \
                     its document.toml has no [unit]"
                ))
            })?;
            all.extend(u.words.iter().map(|(k, v)| (k.clone(), v.clone())));
            (u.title.as_str(), u.subtitle.as_str())
        }
    };
    all.insert("name".into(), owner(b));
    Ok((title, all))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Named, Unit, UnitKind};

    fn unit(name: &str, merged: bool) -> Unit {
        Unit {
            name: Named {
                text: name.into(),
                ..Named::default()
            },
            kind: UnitKind::Administrative,
            code: None,
            merged,
            file: None,
            linked: None,
        }
    }

    #[test]
    fn a_unit_document_is_its_first_separate_unit_s() {
        let mut b = Budget::default();
        b.department.text = "部门甲".into();
        b.units = vec![unit("并入单位", true), unit("本部", false)];
        assert_eq!(owner(&b), "部门甲");
        b.unit_document = true;
        assert_eq!(owner(&b), "本部");
        let words = BTreeMap::from([("owner".to_string(), "部门".to_string())]);
        let def = UnitDef {
            title: "单位预算".into(),
            subtitle: String::new(),
            needs: None,
            words: BTreeMap::from([("owner".to_string(), "单位".to_string())]),
        };
        let (t, w) = title_and_words("p", &b, ("部门预算", ""), &words, Some(&def)).expect("unit");
        assert_eq!(t, ("单位预算", ""));
        assert_eq!(w.get("owner").map(String::as_str), Some("单位"));
        assert_eq!(w.get("name").map(String::as_str), Some("本部"));
        let err = title_and_words("p", &b, ("部门预算", ""), &words, None).expect_err("no [unit]");
        assert!(err.0.contains("no [unit]"), "{err}");
    }

    #[test]
    fn only_selects_the_document() {
        assert_eq!(Kind::Unit.includes(Some("unit"), "t"), Ok(true));
        assert_eq!(Kind::Unit.includes(Some("department"), "t"), Ok(false));
        assert_eq!(Kind::Department.includes(None, "t"), Ok(true));
        assert!(Kind::Department.includes(Some("units"), "t").is_err());
    }
}
