//! A department and its units' own documents: `budget build FILE --unit
//! NAME` builds the unit's document from the file the department names, the
//! same bytes as building that file itself; an unknown unit is a usage error
//! that lists the units; a unit file that is not the unit's is F011 at the
//! name, and building it is refused.

#[path = "support/cli.rs"]
mod cli;

use cli::{budget, scratch_in, stderr};
use std::fs;
use std::path::Path;

const DEPT: &str = "examples/shanghai-putuo-qufuban-2025.budget";
const UNIT: &str = "examples/shanghai-putuo-qufuban-2025-unit.budget";
const NAME: &str = "上海市普陀区人民政府办公室";

fn files(dir: &Path) -> Vec<(String, Vec<u8>)> {
    let mut v: Vec<(String, Vec<u8>)> = fs::read_dir(dir)
        .expect("out dir")
        .filter_map(|e| e.ok())
        .map(|e| {
            (
                e.file_name().to_string_lossy().into_owned(),
                fs::read(e.path()).expect("output"),
            )
        })
        .collect();
    v.sort();
    v
}

#[test]
fn build_unit_writes_what_building_the_unit_file_writes() {
    let (a, b) = (
        scratch_in("units", "via-dept"),
        scratch_in("units", "direct"),
    );
    let formats = "html,typst,xlsx,json";
    let (sa, sb) = (a.to_string_lossy(), b.to_string_lossy());
    let via = budget(&[
        "build", DEPT, "--unit", NAME, "-o", &sa, "--format", formats,
    ]);
    assert_eq!(via.status.code(), Some(0), "{}", stderr(&via));
    let direct = budget(&["build", UNIT, "-o", &sb, "--format", formats]);
    assert_eq!(direct.status.code(), Some(0), "{}", stderr(&direct));
    let (fa, fb) = (files(&a), files(&b));
    let names: Vec<&str> = fa.iter().map(|(n, _)| n.as_str()).collect();
    assert_eq!(
        names,
        [
            "shanghai-putuo-qufuban-2025-unit.html",
            "shanghai-putuo-qufuban-2025-unit.json",
            "shanghai-putuo-qufuban-2025-unit.typ",
            "shanghai-putuo-qufuban-2025-unit.xlsx",
        ]
    );
    assert!(fa == fb, "--unit and the unit's file built differently");
    let html = String::from_utf8_lossy(&fa[0].1).into_owned();
    assert!(html.contains("<h1>上海市普陀区2025年区级单位预算</h1>"));
    assert!(html.contains("预算单位：上海市普陀区人民政府办公室"));
    assert!(html.contains("2025年预算单位财务收支预算总表"));
    assert!(
        !html.contains("项目经费情况说明"),
        "a part only the department has"
    );
    let _ = (fs::remove_dir_all(&a), fs::remove_dir_all(&b));
}

#[test]
fn an_unknown_unit_lists_the_units_and_exits_2() {
    let out = scratch_in("units", "unknown");
    let o = budget(&[
        "build",
        DEPT,
        "--unit",
        "本部",
        "-o",
        &out.to_string_lossy(),
    ]);
    assert_eq!(o.status.code(), Some(2));
    let e = stderr(&o);
    assert!(e.contains("没有单位“本部”"), "{e}");
    assert!(
        e.contains("上海市普陀区人民政府办公室（文件 shanghai-putuo-qufuban-2025-unit.budget）"),
        "{e}"
    );
    assert!(e.contains("上海市普陀区交流服务中心"), "{e}");
    // a unit declared without a file of its own
    let o = budget(&[
        "build",
        DEPT,
        "--unit",
        "上海市普陀区交流服务中心",
        "-o",
        &out.to_string_lossy(),
    ]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("没有自己的文件"), "{}", stderr(&o));
    assert!(
        fs::read_dir(&out).expect("out").next().is_none(),
        "nothing written"
    );
    let _ = fs::remove_dir_all(&out);
}

/// A department whose unit file is another unit's: F011 at the name, and
/// `--unit` refuses to build it (exit 1); the department's own check reports
/// the unit's sums only once its files are its units'.
#[test]
fn a_unit_file_of_another_unit_is_f011_and_is_not_built() {
    let dir = scratch_in("units", "wrong");
    let unit = fs::read_to_string(Path::new(cli::root()).join(UNIT)).expect("unit");
    fs::write(
        dir.join("u.budget"),
        unit.replace(
            "单位 \"上海市普陀区人民政府办公室\" {",
            "单位 \"另一单位\" {",
        ),
    )
    .expect("write");
    let dept = fs::read_to_string(Path::new(cli::root()).join(DEPT)).expect("dept");
    let dept = dept.replace("shanghai-putuo-qufuban-2025-unit.budget", "u.budget");
    fs::write(dir.join("d.budget"), dept).expect("write");
    let d = dir.join("d.budget");
    let out = dir.join("out");
    let (ds, os) = (d.to_string_lossy(), out.to_string_lossy());
    let check = budget(&["check", "--format", "json", &ds]);
    assert_eq!(check.status.code(), Some(1));
    let json: serde_json::Value = serde_json::from_slice(&check.stdout).expect("json");
    let codes: Vec<&str> = json["diagnostics"]
        .as_array()
        .expect("diagnostics")
        .iter()
        .filter(|d| d["file"].as_str().is_some_and(|f| f.ends_with("d.budget")))
        .filter_map(|d| d["code"].as_str())
        .collect();
    assert_eq!(codes, ["F011"], "{json}");
    let o = budget(&["build", &ds, "--unit", NAME, "-o", &os]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    assert!(stderr(&o).contains("F011"), "{}", stderr(&o));
    assert!(!out.exists() || fs::read_dir(&out).expect("out").next().is_none());
    let _ = fs::remove_dir_all(&dir);
}
