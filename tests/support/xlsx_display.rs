//! An XLSX read back as Excel displays it: every cell's text, a number in
//! its cell's number format (the formats the build writes). Shared by the
//! tests that compare the spreadsheet with the printed document.
#![allow(dead_code)]

use std::collections::BTreeMap;
use std::io::{Cursor, Read};

fn part(xlsx: &[u8], name: &str) -> Option<String> {
    let mut zip = zip::ZipArchive::new(Cursor::new(xlsx)).expect("an xlsx is a zip");
    let mut f = zip.by_name(name).ok()?;
    let mut s = String::new();
    f.read_to_string(&mut s).expect("utf-8 part");
    Some(s)
}

fn attr<'a>(tag: &'a str, name: &str) -> Option<&'a str> {
    let key = format!(" {name}=\"");
    let start = tag.find(&key)? + key.len();
    let len = tag[start..].find('"')?;
    Some(&tag[start..start + len])
}

fn unescape(s: &str) -> String {
    s.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&apos;", "'")
        .replace("&amp;", "&")
}

/// The texts of `<t>` elements of each `<si>` of the shared strings.
fn shared_strings(xlsx: &[u8]) -> Vec<String> {
    let Some(xml) = part(xlsx, "xl/sharedStrings.xml") else {
        return Vec::new();
    };
    xml.split("<si>")
        .skip(1)
        .map(|si| {
            si.split("<t")
                .skip(1)
                .filter_map(|t| t.split_once('>').map(|(_, r)| r))
                .map(|r| unescape(r.split("</t>").next().unwrap_or("")))
                .collect::<String>()
        })
        .collect()
}

/// Style index → number format code.
fn formats(xlsx: &[u8]) -> Vec<String> {
    let xml = part(xlsx, "xl/styles.xml").expect("styles");
    let mut codes = BTreeMap::new();
    for f in xml.split("<numFmt ").skip(1) {
        let tag = format!(" {}", f.split('>').next().unwrap_or(""));
        if let (Some(id), Some(code)) = (attr(&tag, "numFmtId"), attr(&tag, "formatCode")) {
            codes.insert(id.to_string(), unescape(code));
        }
    }
    let xfs = xml.split("<cellXfs").nth(1).expect("cellXfs");
    let xfs = xfs.split("</cellXfs>").next().unwrap_or("");
    xfs.split("<xf ")
        .skip(1)
        .map(|x| {
            let tag = format!(" {}", x.split('>').next().unwrap_or(""));
            match attr(&tag, "numFmtId") {
                Some("0") | None => "General".to_string(),
                Some(id) => codes.get(id).cloned().unwrap_or_else(|| "General".into()),
            }
        })
        .collect()
}

/// A number as Excel shows it in `format` (the formats the build writes:
/// `#,##0.00`, `0.00`, and `pos;-pos;zero`).
pub fn display(v: &str, format: &str) -> String {
    let x: f64 = v.parse().expect("number");
    let sections: Vec<&str> = format.split(';').collect();
    let section = match (x, sections.len()) {
        (x, n) if x == 0.0 && n >= 3 => sections[2],
        (x, n) if x < 0.0 && n >= 2 => sections[1],
        _ => sections[0],
    };
    if section.starts_with('"') || section.is_empty() {
        return section.trim_matches('"').to_string();
    }
    if section == "General" {
        return v.to_string();
    }
    let grouped = section.contains(',');
    let decimals = section.split('.').nth(1).map(|d| d.len()).unwrap_or(0);
    let text = format!("{:.*}", decimals, x.abs());
    let (int, frac) = text
        .split_once('.')
        .map(|(i, f)| (i, format!(".{f}")))
        .unwrap_or((&text, String::new()));
    let mut out = String::new();
    for (i, ch) in int.chars().enumerate() {
        if grouped && i > 0 && (int.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(ch);
    }
    let sign = if x < 0.0 && sections.len() < 2 {
        "-"
    } else {
        ""
    };
    format!("{sign}{out}{frac}")
}

/// Every row of every sheet, as the texts Excel displays in its cells.
pub fn rows(xlsx: &[u8]) -> Vec<Vec<String>> {
    let strings = shared_strings(xlsx);
    let styles = formats(xlsx);
    let mut out = Vec::new();
    for n in 1.. {
        let Some(xml) = part(xlsx, &format!("xl/worksheets/sheet{n}.xml")) else {
            break;
        };
        for row in xml.split("<row ").skip(1) {
            let row = row.split("</row>").next().unwrap_or("");
            let mut cells = Vec::new();
            for c in row.split("<c ").skip(1) {
                let tag = format!(" {}", c.split('>').next().unwrap_or(""));
                let v = c
                    .split("<v>")
                    .nth(1)
                    .and_then(|v| v.split("</v>").next())
                    .map(unescape);
                let style: usize = attr(&tag, "s").and_then(|s| s.parse().ok()).unwrap_or(0);
                let text = match (attr(&tag, "t"), v) {
                    (Some("s"), Some(i)) => strings[i.parse::<usize>().expect("index")].clone(),
                    (_, Some(v)) => display(
                        &v,
                        styles.get(style).map(|s| s.as_str()).unwrap_or("General"),
                    ),
                    (_, None) => String::new(),
                };
                cells.push(text);
            }
            out.push(cells);
        }
    }
    out
}
