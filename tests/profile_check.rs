//! `budget profile check DIR`: a profile folder with planted problems gives
//! each problem at its file, line and column; the shipped profiles pass; with
//! `--with FILE`, a template that compiles but cannot render the file's
//! facts is found too.

#[path = "support/cli.rs"]
mod cli;

use cli::{budget, root, scratch_in, stdout};
use std::path::{Path, PathBuf};

/// A copy of a shipped profile in a scratch folder.
fn copy_of(profile: &str, name: &str) -> PathBuf {
    let dir = scratch_in("profile", name);
    for e in std::fs::read_dir(root().join("templates").join(profile)).expect("profile") {
        let p = e.expect("entry").path();
        std::fs::copy(&p, dir.join(p.file_name().expect("name"))).expect("copy");
    }
    dir
}

fn edit(file: &Path, from: &str, to: &str) {
    let text = std::fs::read_to_string(file).expect("read");
    assert!(text.contains(from), "{} has {from:?}", file.display());
    std::fs::write(file, text.replacen(from, to, 1)).expect("write");
}

/// 1-based line of the first occurrence of `needle`.
fn line_of(file: &Path, needle: &str) -> usize {
    let text = std::fs::read_to_string(file).expect("read");
    let at = text.find(needle).expect("needle");
    text[..at].matches('\n').count() + 1
}

fn check(dir: &Path, extra: &[&str]) -> (i32, Vec<String>) {
    let d = dir.to_string_lossy().into_owned();
    let mut args = vec!["profile", "check", d.as_str(), "--lang", "en"];
    args.extend_from_slice(extra);
    let o = budget(&args);
    let prefix = format!("{d}/");
    let lines = stdout(&o)
        .lines()
        .map(|l| l.strip_prefix(&prefix).unwrap_or(l).to_string())
        .collect();
    (o.status.code().unwrap_or(-1), lines)
}

#[test]
fn the_shipped_profiles_pass() {
    for p in ["shanghai-district", "shanxi-county"] {
        let o = budget(&[
            "profile",
            "check",
            &format!("templates/{p}"),
            "--lang",
            "en",
        ]);
        assert_eq!(o.status.code(), Some(0), "{p}: {}", stdout(&o));
        assert!(stdout(&o).contains("no problem"), "{}", stdout(&o));
    }
    let o = budget(&[
        "profile",
        "check",
        "templates/shanxi-county",
        "--with",
        "examples/jinzhong-chanyelian-2024.budget",
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stdout(&o));
}

#[test]
fn every_problem_is_given_at_its_file_and_line() {
    let dir = copy_of("shanghai-district", "planted");
    let doc = dir.join("document.toml");
    let tables = dir.join("tables.toml");
    // a misspelt key the renderer would skip, a wrong type, a narrative text
    // template that does not compile, a table kind nobody lays out, and a
    // broken shared template
    edit(&doc, "\ntitle = ", "\ntitel = \"x\"\ntitle = ");
    edit(
        &doc,
        "[[part.section]]\n",
        "[[part.section]]\nexpnad = \"other\"\n",
    );
    edit(&tables, "kind = \"", "kind = \"pie\"\nkindx = \"");
    std::fs::write(dir.join("document.html.tera"), "<p>\n{{ year }\n").expect("tera");
    let (code, lines) = check(&dir, &[]);
    assert_eq!(code, 1, "{lines:#?}");
    let titel = line_of(&doc, "titel");
    let expnad = line_of(&doc, "expnad");
    let kind = line_of(&tables, "kind = \"pie\"");
    assert_eq!(
        lines,
        vec![
            format!("document.toml:{titel}:1: unknown key `titel`: nothing reads it"),
            format!(
                "document.toml:{expnad}:1: unknown key `part[{}].section[{}].expnad`: nothing reads it",
                part_index(&doc, expnad),
                section_index(&doc, expnad)
            ),
            format!("tables.toml:{}:1: unknown key `table[0].kindx`: nothing reads it", kind + 1),
            format!("tables.toml:{kind}:1: table 1: unknown kind `pie` (the kinds: two_sided, tree, economic, units, projects, fixed, empty)"),
            "document.html.tera:2:9: the template does not compile: Failed to parse 'document.html.tera': expected `or`, `and`, `not`, `<=`, `>=`, `<`, `>`, `==`, `!=`, `+`, `-`, `*`, `/`, `%`, a filter, or a variable end (`}}`)".to_string(),
        ]
    );
}

/// Which `[[part]]` (0-based) a line is in.
fn part_index(file: &Path, line: usize) -> usize {
    let text = std::fs::read_to_string(file).expect("read");
    text.lines()
        .take(line)
        .filter(|l| l.trim() == "[[part]]")
        .count()
        - 1
}

/// Which `[[part.section]]` (0-based) of its part a line is in.
fn section_index(file: &Path, line: usize) -> usize {
    let text = std::fs::read_to_string(file).expect("read");
    let mut n = 0;
    for l in text.lines().take(line) {
        match l.trim() {
            "[[part]]" => n = 0,
            "[[part.section]]" => n += 1,
            _ => {}
        }
    }
    n - 1
}

#[test]
fn a_wrong_type_a_bad_kind_and_a_bad_narrative_template() {
    let dir = copy_of("shanxi-county", "typed");
    let doc = dir.join("document.toml");
    let tables = dir.join("tables.toml");
    edit(&doc, "level = 2", "level = \"two\"");
    edit(&tables, "kind = \"", "kind = \"pie\"\n# was: kind = \"");
    let (code, lines) = check(&dir, &[]);
    assert_eq!(code, 1, "{lines:#?}");
    let level = line_of(&doc, "level = \"two\"");
    let kind = line_of(&tables, "kind = \"pie\"");
    assert_eq!(lines.len(), 2, "{lines:#?}");
    assert!(
        lines[0].starts_with(&format!("document.toml:{level}:"))
            && lines[0].contains("invalid type"),
        "{lines:#?}"
    );
    assert!(
        lines[1].starts_with(&format!("tables.toml:{kind}:1: table "))
            && lines[1].contains("unknown kind `pie`"),
        "{lines:#?}"
    );

    // a narrative text that does not compile: reported at the template's
    // own line inside document.toml
    let dir = copy_of("shanxi-county", "narrative");
    let doc = dir.join("document.toml");
    edit(&doc, "text = \"\"\"\n", "text = \"\"\"\n{% if %}\n");
    let (code, lines) = check(&dir, &[]);
    assert_eq!(code, 1);
    let bad = line_of(&doc, "{% if %}");
    assert_eq!(lines.len(), 1, "{lines:#?}");
    assert!(
        lines[0].starts_with(&format!("document.toml:{bad}:1: part["))
            && lines[0].contains(".text: the template does not compile"),
        "{lines:#?}"
    );
}

#[test]
fn with_a_file_a_template_that_cannot_render_its_facts() {
    let dir = copy_of("shanxi-county", "trial");
    let doc = dir.join("document.toml");
    edit(
        &doc,
        "text = \"\"\"\n",
        "text = \"\"\"\n{{ no_such_fact | wan }}\n",
    );
    // it compiles: without a file nothing is wrong
    let (code, lines) = check(&dir, &[]);
    assert_eq!((code, lines.len()), (0, 1), "{lines:#?}");
    let (code, lines) = check(
        &dir,
        &["--with", "examples/jinzhong-chanyelian-2024.budget"],
    );
    assert_eq!(code, 1, "{lines:#?}");
    assert_eq!(lines.len(), 1, "{lines:#?}");
    assert!(
        lines[0]
            .starts_with("examples/jinzhong-chanyelian-2024.budget: cannot lay out the document:")
            && lines[0].contains("no_such_fact"),
        "{lines:#?}"
    );
}

#[test]
fn a_folder_that_cannot_be_read_is_exit_2() {
    let o = budget(&["profile", "check", "no/such/folder"]);
    assert_eq!(o.status.code(), Some(2));
}

#[test]
fn a_build_with_a_problem_profile_is_refused() {
    let dir = copy_of("shanxi-county", "refused");
    let doc = dir.join("document.toml");
    edit(&doc, "\ntitle = ", "\ntitel = \"x\"\ntitle = ");
    let out = scratch_in("profile", "refused-out");
    let o = budget(&[
        "build",
        "examples/jinzhong-chanyelian-2024.budget",
        "--format",
        "html",
        "--profile",
        &dir.to_string_lossy(),
        "-o",
        &out.to_string_lossy(),
    ]);
    assert_eq!(o.status.code(), Some(2));
    let err = cli::stderr(&o);
    assert!(err.contains("unknown key `titel`"), "{err}");
    assert!(!out.join("jinzhong-chanyelian-2024.html").exists());
}

#[test]
fn a_layout_the_pdf_cannot_set_is_given_at_its_key() {
    let dir = copy_of("shanghai-district", "layout");
    let tables = dir.join("tables.toml");
    // a wrong default is one problem; a table's own size another
    edit(
        &tables,
        "orientation = \"landscape\"",
        "orientation = \"wide\"",
    );
    edit(&tables, "id = \"3\"\n", "id = \"3\"\nfont_size = 40\n");
    let (code, lines) = check(&dir, &[]);
    assert_eq!(code, 1, "{lines:#?}");
    let orientation = line_of(&tables, "orientation = \"wide\"");
    let size = line_of(&tables, "font_size = 40");
    assert_eq!(
        lines,
        [
            format!("tables.toml:{orientation}:1: table 1: orientation `wide` is neither `portrait` nor `landscape`"),
            format!("tables.toml:{size}:1: table 3: font_size 40 is not a size in pt from 4 to 24"),
        ],
        "{lines:#?}"
    );
}

/// A part, section or table marked for a document that does not exist
/// (`only = "units"`) and a unit document title that does not compile are
/// problems at their lines; the unit's document of the shipped profile is
/// laid out with `--with` a unit's file.
#[test]
fn the_unit_document_s_layout_is_checked() {
    let dir = copy_of("shanghai-district", "unit-layout");
    let doc = dir.join("document.toml");
    let tables = dir.join("tables.toml");
    edit(&doc, "only = \"department\"\n", "only = \"departement\"\n");
    edit(&tables, "only = \"unit\"\n", "only = \"units\"\n");
    edit(
        &doc,
        "title = \"上海市普陀区{{ year }}年区级单位预算\"",
        "title = \"上海市普陀区{{ year }年区级单位预算\"",
    );
    let (code, lines) = check(&dir, &[]);
    assert_eq!(code, 1, "{lines:#?}");
    let section = line_of(&doc, "only = \"departement\"");
    let table = line_of(&tables, "only = \"units\"");
    let title = line_of(&doc, "{{ year }年区级单位预算");
    assert!(
        lines
            .iter()
            .any(|l| l.starts_with(&format!("document.toml:{title}:"))
                && l.contains("unit.title: the template does not compile")),
        "{lines:#?}"
    );
    for (file, line, value) in [
        ("document.toml", section, "departement"),
        ("tables.toml", table, "units"),
    ] {
        let want = format!(
            "{file}:{line}:1: only = `{value}`: a part, section or table is only in the `department` or the `unit` document"
        );
        assert!(lines.contains(&want), "{want}\n{lines:#?}");
    }
    let o = budget(&[
        "profile",
        "check",
        "templates/shanghai-district",
        "--with",
        "examples/shanghai-putuo-qufuban-2025-unit.budget",
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stdout(&o));
    let _ = std::fs::remove_dir_all(&dir);
}
