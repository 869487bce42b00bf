//! `budget build --format xlsx`: the spreadsheet read back from its zip parts.

use std::io::{Cursor, Read};
use std::path::PathBuf;
use std::process::Command;
use std::sync::OnceLock;

const SEED: &str = "examples/jinzhong-chanyelian-2024.budget";

fn scratch(name: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("budget-xlsx-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).expect("scratch dir");
    d
}

/// Build the seed example as xlsx into a fresh folder; the file's bytes.
fn build(name: &str) -> Vec<u8> {
    let out = scratch(name);
    let o = Command::new(env!("CARGO_BIN_EXE_budget"))
        .args(["build", SEED, "--format", "xlsx", "-o"])
        .arg(&out)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .expect("run budget");
    assert_eq!(
        o.status.code(),
        Some(0),
        "budget build failed: {}",
        String::from_utf8_lossy(&o.stderr)
    );
    let path = out.join("jinzhong-chanyelian-2024.xlsx");
    let bytes = std::fs::read(&path).expect("the xlsx was written");
    let _ = std::fs::remove_dir_all(&out);
    bytes
}

fn seed() -> &'static [u8] {
    static BYTES: OnceLock<Vec<u8>> = OnceLock::new();
    BYTES.get_or_init(|| build("seed"))
}

/// One part of the xlsx package, as text.
fn part(xlsx: &[u8], name: &str) -> String {
    let mut zip = zip::ZipArchive::new(Cursor::new(xlsx)).expect("an xlsx is a zip");
    let mut file = zip.by_name(name).unwrap_or_else(|e| panic!("{name}: {e}"));
    let mut s = String::new();
    file.read_to_string(&mut s).expect("utf-8 part");
    s
}

/// The value of `attr="…"` in the tag `tag`.
fn attr<'a>(tag: &'a str, attr: &str) -> Option<&'a str> {
    let key = format!(" {attr}=\"");
    let start = tag.find(&key)? + key.len();
    let len = tag[start..].find('"')?;
    Some(&tag[start..start + len])
}

/// Every `<name …>` start tag (with its attributes) in `xml`, in order.
fn tags<'a>(xml: &'a str, name: &str) -> Vec<&'a str> {
    let open = format!("<{name} ");
    let mut out = Vec::new();
    let mut rest = xml;
    while let Some(i) = rest.find(&open) {
        let end = rest[i..].find('>').expect("tag closes") + i + 1;
        out.push(&rest[i..end]);
        rest = &rest[end..];
    }
    out
}

/// The sheet names, in order, with the path of each sheet's part.
fn sheets(xlsx: &[u8]) -> Vec<(String, String)> {
    let workbook = part(xlsx, "xl/workbook.xml");
    let rels = part(xlsx, "xl/_rels/workbook.xml.rels");
    tags(&workbook, "sheet")
        .into_iter()
        .map(|t| {
            let name = attr(t, "name").expect("sheet name").to_string();
            let id = attr(t, "r:id").expect("sheet r:id");
            let target = tags(&rels, "Relationship")
                .into_iter()
                .find(|r| attr(r, "Id") == Some(id))
                .and_then(|r| attr(r, "Target"))
                .expect("sheet relationship");
            let path = target
                .strip_prefix('/')
                .map(str::to_string)
                .unwrap_or_else(|| format!("xl/{target}"));
            (name, path)
        })
        .collect()
}

fn sheet(xlsx: &[u8], name: &str) -> String {
    let (_, path) = sheets(xlsx)
        .into_iter()
        .find(|(n, _)| n == name)
        .unwrap_or_else(|| panic!("no sheet {name}"));
    part(xlsx, &path)
}

/// The XML of the cell `reference` (e.g. `B7`) in a sheet part.
fn cell<'a>(sheet: &'a str, reference: &str) -> &'a str {
    let key = format!("<c r=\"{reference}\"");
    let start = sheet
        .find(&key)
        .unwrap_or_else(|| panic!("no cell {reference}"));
    let rest = &sheet[start..];
    let head_end = rest.find('>').expect("cell tag closes");
    if rest[..head_end].ends_with('/') {
        &rest[..=head_end]
    } else {
        &rest[..rest.find("</c>").expect("cell closes") + 4]
    }
}

fn inner<'a>(xml: &'a str, tag: &str) -> Option<&'a str> {
    let open = format!("<{tag}>");
    let start = xml.find(&open)? + open.len();
    let len = xml[start..].find(&format!("</{tag}>"))?;
    Some(&xml[start..start + len])
}

/// The shared strings, in order (plain `<t>` runs only, as rust_xlsxwriter writes them).
fn shared_strings(xlsx: &[u8]) -> Vec<String> {
    let sst = part(xlsx, "xl/sharedStrings.xml");
    sst.split("<si>")
        .skip(1)
        .map(|si| {
            let start = si.find("<t").expect("si has t");
            let text_start = si[start..].find('>').expect("t opens") + start + 1;
            let end = si.find("</t>").expect("t closes");
            si[text_start..end].to_string()
        })
        .collect()
}

/// The text of a shared-string cell.
fn text_of(xlsx: &[u8], cell_xml: &str) -> String {
    assert_eq!(
        attr(cell_xml, "t"),
        Some("s"),
        "not a text cell: {cell_xml}"
    );
    let i: usize = inner(cell_xml, "v")
        .expect("cell value")
        .parse()
        .expect("string index");
    shared_strings(xlsx)[i].clone()
}

/// The number format code of the cell's style.
fn number_format(xlsx: &[u8], cell_xml: &str) -> String {
    let styles = part(xlsx, "xl/styles.xml");
    let s: usize = attr(cell_xml, "s")
        .expect("cell has a style")
        .parse()
        .expect("style index");
    let start = styles.find("<cellXfs").expect("cellXfs");
    let end = styles[start..].find("</cellXfs>").expect("cellXfs closes") + start;
    let xfs = &styles[start..end];
    let xf = tags(xfs, "xf")[s];
    let id = attr(xf, "numFmtId").expect("numFmtId");
    tags(&styles, "numFmt")
        .into_iter()
        .find(|t| attr(t, "numFmtId") == Some(id))
        .and_then(|t| attr(t, "formatCode"))
        .map(|c| c.to_string())
        .unwrap_or_else(|| format!("builtin {id}"))
}

#[test]
fn every_table_is_a_sheet() {
    let xlsx = seed();
    let names: Vec<String> = sheets(xlsx).into_iter().map(|(n, _)| n).collect();
    assert!(names.len() >= 13, "{names:?}");
    for i in 1..=13 {
        assert!(
            names.contains(&format!("预算公开表{i}")),
            "no 预算公开表{i} in {names:?}"
        );
    }
    for n in &names {
        assert!(n.encode_utf16().count() <= 31, "sheet name too long: {n}");
        assert!(!n.contains(['[', ']', ':', '*', '?', '/', '\\']), "{n}");
    }
    let mut lower: Vec<String> = names.iter().map(|n| n.to_lowercase()).collect();
    lower.sort();
    lower.dedup();
    assert_eq!(
        lower.len(),
        names.len(),
        "sheet names not unique: {names:?}"
    );
}

#[test]
fn figures_are_numbers_with_their_decimals() {
    let xlsx = seed();
    let s = sheet(xlsx, "预算公开表1");
    // Row 7: 一、一般公共预算 | 1329.84 (the first body row, under label,
    // title, two meta lines and two header rows).
    assert_eq!(text_of(xlsx, cell(&s, "A7")), "一、一般公共预算");
    let b7 = cell(&s, "B7");
    assert_eq!(attr(b7, "t"), None, "B7 must be a number: {b7}");
    assert_eq!(inner(b7, "v"), Some("1329.84"), "{b7}");
    assert_eq!(number_format(xlsx, b7), "0.00"); // the seed prints 1329.84
                                                 // No figure of the 13 tables slipped through as text.
    let strings = shared_strings(xlsx);
    let looks_numeric = |t: &str| {
        let t = t.strip_prefix('-').unwrap_or(t);
        t.contains('.')
            && t.chars()
                .all(|c| c.is_ascii_digit() || c == ',' || c == '.')
            && t.chars().any(|c| c.is_ascii_digit())
    };
    let mut numbers = 0;
    for (name, path) in sheets(xlsx) {
        if !name.starts_with("预算公开表") {
            continue;
        }
        let xml = part(xlsx, &path);
        for c in xml.split("<c r=\"").skip(1) {
            let c = &c[..c
                .find("</c>")
                .or_else(|| c.find("/>"))
                .expect("cell closes")];
            let tag = format!("<c r=\"{c}");
            if attr(&tag, "t") == Some("s") {
                let i: usize = inner(&tag, "v").expect("value").parse().expect("index");
                assert!(
                    !looks_numeric(&strings[i]),
                    "{name}: figure {} written as text",
                    strings[i]
                );
            } else if inner(&tag, "v").is_some() {
                numbers += 1;
            }
        }
    }
    assert!(numbers > 50, "only {numbers} numeric cells");
}

#[test]
fn header_cells_are_merged_and_frozen() {
    let xlsx = seed();
    let s = sheet(xlsx, "预算公开表1");
    let merges: Vec<&str> = tags(&s, "mergeCell")
        .into_iter()
        .filter_map(|t| attr(t, "ref"))
        .collect();
    // 收入 spans two columns of the first header row, 支出 four.
    assert!(merges.contains(&"A5:B5"), "{merges:?}");
    assert!(merges.contains(&"C5:F5"), "{merges:?}");
    assert_eq!(text_of(xlsx, cell(&s, "A5")), "收入");
    assert_eq!(text_of(xlsx, cell(&s, "C5")), "支出");
    // The title is merged across the six columns.
    assert!(merges.contains(&"A2:F2"), "{merges:?}");
    // Frozen below the two header rows.
    let pane = tags(&s, "pane");
    assert_eq!(pane.len(), 1, "{pane:?}");
    assert_eq!(attr(pane[0], "ySplit"), Some("6"));
    assert_eq!(attr(pane[0], "state"), Some("frozen"));
}

#[test]
fn builds_are_byte_identical() {
    let again = build("again");
    assert!(seed() == again.as_slice(), "two builds differ");
    let core = part(&again, "docProps/core.xml");
    assert!(core.contains("2024-01-01T00:00:00Z"), "{core}");
}
