//! The classification-code catalog (科目目录).
//!
//! Three code lists are known to the compiler:
//!
//! * 功能分类 (function classification): 类 3 digits, 款 5, 项 7;
//! * 部门经济分类 (department economic classification): 类 3 digits, 款 5;
//! * 政府经济分类 (government economic classification): 类 3 digits, 款 5.
//!
//! The built-in lists are the CSV files in `catalog/` at the crate root
//! (format: `catalog/README.md`). `build.rs` validates them with
//! [`shipped::validate`] — a bad row fails the build — and embeds them as
//! Rust data. Every row records its provenance: printed in a real document
//! (`observed`, the documents named) or taken from the national standard
//! (`standard`, the edition named). Names a code had in earlier editions are
//! kept too (`catalog/old-names.csv`), so a checker can tell an outdated name
//! from a wrong one ([`Catalog::match_name`]).
//!
//! They are *not* the full national catalog: a code missing here may still be
//! valid. Users extend or override entries with a CSV file of their own
//! ([`Catalog::extend_from_user_csv`], read with the `csv` crate).
//!
//! This module is pure: it reads no files and prints nothing. Every malformed
//! row is reported as a [`CatalogError`] with its 1-based line number and a
//! message in Chinese and in English.

mod codes;
mod embedded;
mod rows;
pub mod shipped;
mod user;

pub use codes::{
    expected_len, level_of, normalize_name, parent_code, CatalogError, CodeKind, Level, Provenance,
};

use std::collections::BTreeMap;
use std::ops::Bound;
use std::sync::{Arc, OnceLock};

/// A name the code had in earlier editions of the standard.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct OldName {
    pub name: String,
    /// The last edition (year) that used this name.
    pub until: u16,
    /// Where the old name is documented.
    pub source: String,
}

/// One catalog entry.
#[derive(Debug, Clone, serde::Serialize)]
pub struct Entry {
    pub kind: CodeKind,
    pub code: String,
    pub level: Level,
    pub name: String,
    /// The parent code (the code's prefix one level up); `None` for a 类.
    pub parent: Option<String>,
    pub provenance: Provenance,
    /// The documents the row was observed in (`;`-separated), or the edition
    /// of the standard; empty for a user entry.
    pub source: String,
    /// Known name variants that also identify this code.
    pub aliases: Vec<String>,
    /// Names of earlier editions (not accepted as the name: see [`Catalog::match_name`]).
    pub old_names: Vec<OldName>,
}

/// How a printed name relates to an entry.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NameMatch<'a> {
    /// The entry's name (up to normalisation, see [`normalize_name`]).
    Current,
    /// One of its aliases.
    Alias,
    /// The name of an earlier edition: outdated.
    Old(&'a OldName),
    /// Another name.
    Other,
}

/// The code catalog: one ordered map per kind, keyed by code. Cloning is cheap
/// (the maps are shared until one is changed).
#[derive(Debug, Clone, Default)]
pub struct Catalog {
    maps: [Arc<BTreeMap<String, Entry>>; 3],
}

impl Catalog {
    /// The built-in catalog (the files in `catalog/`, validated when the crate was built).
    pub fn builtin() -> Catalog {
        static BUILTIN: OnceLock<Catalog> = OnceLock::new();
        BUILTIN.get_or_init(Self::from_embedded).clone()
    }

    fn from_embedded() -> Catalog {
        let mut catalog = Catalog::default();
        for kind in CodeKind::ALL {
            for r in embedded::rows(kind) {
                catalog.insert(Entry {
                    kind,
                    code: r.code.to_string(),
                    level: r.level,
                    name: r.name.to_string(),
                    parent: r.parent.map(str::to_string),
                    provenance: r.provenance,
                    source: r.source.to_string(),
                    aliases: r.aliases.iter().map(|a| a.to_string()).collect(),
                    old_names: Vec::new(),
                });
            }
        }
        for r in embedded::RENAMED {
            if let Some(e) = Arc::make_mut(&mut catalog.maps[r.kind.index()]).get_mut(r.code) {
                e.old_names.push(OldName {
                    name: r.old_name.to_string(),
                    until: r.until,
                    source: r.source.to_string(),
                });
            }
        }
        catalog
    }

    /// Reads a user's catalog file and merges it into the catalog.
    ///
    /// Header `kind,code,name` required, optional columns `level,parent,aliases`
    /// (any order, matched by header name); kind is function, economic-department,
    /// economic-government or 功能分类, 部门经济分类, 政府经济分类.
    ///
    /// A row replaces the entry of the same kind and code (name and aliases; the
    /// old names of the built-in entry are kept, they are facts about the code).
    /// `level` and `parent`, when given, must agree with the code; when omitted
    /// they are derived from it. The file is applied all or nothing: on any
    /// error the catalog is unchanged. Returns the number of rows applied.
    ///
    /// # Errors
    /// Header problems (missing required, unknown or repeated column) and every
    /// malformed row (wrong column count, unknown kind, non-digit code, code
    /// length not matching the kind or level, parent not the code's prefix,
    /// empty name, duplicate kind and code, a field with a line break), each
    /// with its 1-based line number.
    pub fn extend_from_user_csv(&mut self, text: &str) -> Result<usize, Vec<CatalogError>> {
        let entries = user::parse(text)?;
        let added = entries.len();
        for mut e in entries {
            if let Some(old) = self.get(e.kind, &e.code) {
                e.old_names = old.old_names.clone();
            }
            self.insert(e);
        }
        Ok(added)
    }

    /// Adds `e`, replacing any entry of the same kind and code.
    pub fn insert(&mut self, e: Entry) {
        Arc::make_mut(&mut self.maps[e.kind.index()]).insert(e.code.clone(), e);
    }

    /// The entry of `kind` with `code`.
    pub fn get(&self, kind: CodeKind, code: &str) -> Option<&Entry> {
        self.map(kind).get(code)
    }

    /// The entries with `code` in any list, in [`CodeKind::ALL`] order (a
    /// 3-digit code may be a 功能分类 类 and an economic 类 at once: 301 is not,
    /// but the lists do not forbid it).
    pub fn find_code<'a>(&'a self, code: &'a str) -> impl Iterator<Item = &'a Entry> + 'a {
        CodeKind::ALL
            .into_iter()
            .filter_map(move |k| self.get(k, code))
    }

    /// The entry of the code's parent (its prefix one level up), if known.
    pub fn parent(&self, kind: CodeKind, code: &str) -> Option<&Entry> {
        self.get(kind, parent_code(kind, code)?)
    }

    /// The known entries from the 类 down to `code` itself (类, 款, 项), skipping
    /// levels the catalog lacks.
    pub fn path(&self, kind: CodeKind, code: &str) -> Vec<&Entry> {
        let Some(level) = level_of(kind, code) else {
            return Vec::new();
        };
        Level::ALL
            .into_iter()
            .take_while(|&l| l <= level)
            .filter_map(|l| code.get(..expected_len(kind, l)))
            .filter_map(|c| self.get(kind, c))
            .collect()
    }

    /// true when `name` is the entry's name or one of its aliases, comparing after normalisation:
    /// full-width and half-width parentheses equal ( （ ） vs ( ) ), surrounding white space ignored.
    pub fn name_matches(entry: &Entry, name: &str) -> bool {
        matches!(
            Self::match_name(entry, name),
            NameMatch::Current | NameMatch::Alias
        )
    }

    /// How `name` relates to the entry: its name, an alias, the name of an
    /// earlier edition, or another name.
    pub fn match_name<'e>(entry: &'e Entry, name: &str) -> NameMatch<'e> {
        // (equal as written: the common case, no allocation)
        if entry.name == name {
            return NameMatch::Current;
        }
        if entry.aliases.iter().any(|a| a == name) {
            return NameMatch::Alias;
        }
        let wanted = normalize_name(name);
        if normalize_name(&entry.name) == wanted {
            return NameMatch::Current;
        }
        if entry.aliases.iter().any(|a| normalize_name(a) == wanted) {
            return NameMatch::Alias;
        }
        match entry
            .old_names
            .iter()
            .find(|o| normalize_name(&o.name) == wanted)
        {
            Some(o) => NameMatch::Old(o),
            None => NameMatch::Other,
        }
    }

    /// Entries of a kind whose code starts with `prefix`, in code order (for editor completion).
    ///
    /// Code order is string order, so a 类 comes right before its 款 and each 款
    /// right before its 项.
    pub fn with_prefix<'a>(
        &'a self,
        kind: CodeKind,
        prefix: &'a str,
    ) -> impl Iterator<Item = &'a Entry> + 'a {
        self.map(kind)
            .range::<str, _>((Bound::Included(prefix), Bound::Unbounded))
            .take_while(move |(code, _)| code.starts_with(prefix))
            .map(|(_, e)| e)
    }

    /// All entries of a kind, in code order.
    pub fn iter(&self, kind: CodeKind) -> impl Iterator<Item = &Entry> + '_ {
        self.map(kind).values()
    }

    /// The entries directly below `code` (its 款 or 项), in code order.
    pub fn children<'a>(
        &'a self,
        kind: CodeKind,
        code: &'a str,
    ) -> impl Iterator<Item = &'a Entry> + 'a {
        self.with_prefix(kind, code)
            .filter(move |e| e.parent.as_deref() == Some(code))
    }

    /// Entries of a kind whose name or an alias matches `name` (see
    /// [`Catalog::name_matches`]), in code order. Several codes can share a name
    /// (e.g. 30901 and 31001 房屋建筑物购建).
    pub fn find_by_name<'a>(
        &'a self,
        kind: CodeKind,
        name: &'a str,
    ) -> impl Iterator<Item = &'a Entry> + 'a {
        self.map(kind)
            .values()
            .filter(move |e| Self::name_matches(e, name))
    }

    /// The number of entries of all kinds.
    pub fn len(&self) -> usize {
        self.maps.iter().map(|m| m.len()).sum()
    }

    /// true when the catalog holds no entry.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    fn map(&self, kind: CodeKind) -> &BTreeMap<String, Entry> {
        &self.maps[kind.index()]
    }
}

#[cfg(test)]
mod tests;
