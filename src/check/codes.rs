//! S1, S2: classification codes and names against the catalog.

use crate::catalog::{Catalog, CodeKind, Entry, NameMatch};
use crate::diagnostic::{Code, Diagnostic, Span, Text};
use crate::model::*;
use crate::t;
use std::collections::BTreeSet;

pub fn check(b: &Budget, catalog: &Catalog, diags: &mut Vec<Diagnostic>) {
    functions(b, catalog, diags);
    economic(b, catalog, diags);
}

/// S1: the 支出 lines' codes and names; S1e: a parent named nowhere.
fn functions(b: &Budget, catalog: &Catalog, diags: &mut Vec<Diagnostic>) {
    let written: BTreeSet<&str> = b.expenditure.rows.iter().map(|r| r.code.as_str()).collect();
    for r in &b.expenditure.rows {
        name_check(
            catalog,
            CodeKind::Function,
            &r.code,
            &r.name,
            r.code_span,
            Code::S1c,
            Code::S1d,
            diags,
        );
        // S1e: a parent with no name anywhere.
        {
            // the code's own level (a model read back may say another)
            let parents: Vec<&str> = match r.code.level() {
                CodeLevel::Lei => Vec::new(),
                CodeLevel::Kuan => vec![r.code.lei()],
                CodeLevel::Xiang => [Some(r.code.lei()), r.code.parent()]
                    .into_iter()
                    .flatten()
                    .collect(),
            };
            for p in parents {
                if !written.contains(p) && catalog.get(CodeKind::Function, p).is_none() {
                    diags.push(
                        Diagnostic::error(
                            Code::S1e,
                            r.code_span,
                            t!(
                                "上级科目 {p} 的名称未知：目录中没有它，文件中也没有写",
                                "the parent code {p} has no name: it is neither in the catalog nor written in the file"
                            ),
                        )
                        .label(t!("上级科目 {p}", "parent {p}"))
                        .help(t!(
                            "在这一行之前写上 {p} 及其名称（表格要打印它），例如 {p} \"科目名称\"",
                            "write the line {p} with its name before this one (the tables print it), e.g. {p} \"name\""
                        )),
                    );
                }
            }
        }
    }
}

/// S2: the 基本支出 lines' codes and names, and their 政府经济分类.
fn economic(b: &Budget, catalog: &Catalog, diags: &mut Vec<Diagnostic>) {
    for blk in &b.economic {
        for r in &blk.rows {
            name_check(
                catalog,
                CodeKind::EconomicDepartment,
                &r.code,
                &r.name,
                r.code_span,
                Code::S2c,
                Code::S2d,
                diags,
            );
            if r.level == CodeLevel::Kuan
                && r.name.text.is_empty()
                && catalog.get(CodeKind::EconomicDepartment, &r.code).is_none()
            {
                diags.push(
                    Diagnostic::error(Code::S2e, r.code_span, t!("经济科目 {} 没有名称", r.code; "the economic code {} has no name", r.code))
                        .label(Text::new("缺少名称", "no name"))
                        .help(t!("在编码后写上科目名称：{} 科目名称 …（不在目录中的科目，表格要打印文件中的名称）", r.code; "write the name after the code: {} NAME … (the tables print the file's name for a code the catalog does not know)", r.code)),
                );
            }
            if let Some(g) = &r.government_code {
                match catalog.get(CodeKind::EconomicGovernment, g) {
                    Some(e) => {
                        if let Some(n) = &r.government_name {
                            if !Catalog::name_matches(e, n) {
                                diags.push(
                                    Diagnostic::error(
                                        Code::S2f,
                                        r.government_span,
                                        t!("政府经济分类 {g} 的名称是“{}”，不是“{n}”", e.name; "the government economic code {g} is named `{}`, not `{n}`", e.name),
                                    )
                                    .label(Text::new("名称与编码不符", "name does not match the code"))
                                    .help(t!("改为 政府 {g} {}（或只写编码）", e.name; "write 政府 {g} {} (or the code alone)", e.name))
                                    .fix(r.government_span, format!("{g} {}", crate::syntax::write_text(&e.name))),
                                );
                            }
                        }
                        if e.level == crate::catalog::Level::Lei {
                            diags.push(
                                Diagnostic::warning(Code::S2f, r.government_span, t!("政府经济分类 {g} 是类，应对应到款（5 位）", "the government economic code {g} is a 类; map to a 款 (5 digits)"))
                                    .label(Text::new("类级编码", "a 类 code"))
                                    .help(Text::new("写出 5 位的政府经济分类款编码，例如 50201", "give the 5-digit 款, e.g. 50201")),
                            );
                        }
                    }
                    None => diags.push(
                        Diagnostic::warning(Code::S2f, r.government_span, t!("政府经济分类 {g} 不在目录中", "the government economic code {g} is not in the catalog"))
                            .label(Text::new("未知编码", "unknown code"))
                            .help(Text::new(
                                "核对编码；若编码无误，用 --catalog 文件把它加入目录",
                                "check the code; if it is right, add it to the catalog with a --catalog file",
                            )),
                    ),
                }
            }
        }
    }
    // A project's 功能 code that 支出 lacks is X6 (rules), whether or not the
    // catalog knows it: one mistake, one diagnostic.
}

#[allow(clippy::too_many_arguments)]
fn name_check(
    catalog: &Catalog,
    kind: CodeKind,
    code: &str,
    name: &Named,
    span: Span,
    wrong: Code,
    unknown_code: Code,
    diags: &mut Vec<Diagnostic>,
) {
    match catalog.get(kind, code) {
        Some(e) => {
            if !name.text.is_empty() && !Catalog::name_matches(e, &name.text) {
                diags.push(wrong_name(e, name, span, wrong));
            }
        }
        None => {
            let near = near_codes(catalog, kind, code);
            // the name written is a close code's: that code, mistyped
            let named: Vec<&Entry> = near
                .iter()
                .copied()
                .filter(|e| !name.text.is_empty() && Catalog::name_matches(e, &name.text))
                .collect();
            // a close code is the fix when the name written is its name, or
            // when no name is written (else the fix would leave a wrong name)
            let d = if named.len() == 1 {
                unknown(kind, code, span, unknown_code, &named, Near::Named)
            } else if name.text.is_empty() {
                unknown(kind, code, span, unknown_code, &near, Near::Unnamed)
            } else {
                unknown(kind, code, span, unknown_code, &near, Near::OtherName)
            };
            diags.push(d);
        }
    }
}

/// Catalog codes one edit from `code`: one digit changed, or two adjacent
/// digits swapped (2011310 → 2011301).
pub fn near_codes<'c>(catalog: &'c Catalog, kind: CodeKind, code: &str) -> Vec<&'c Entry> {
    let mut out: Vec<&Entry> = Vec::new();
    if !code.is_ascii() {
        return out;
    }
    let b = code.as_bytes();
    let mut push = |cand: Vec<u8>| {
        if let Ok(c) = String::from_utf8(cand) {
            if let Some(e) = catalog.get(kind, &c) {
                if !out.iter().any(|o| o.code == e.code) {
                    out.push(e);
                }
            }
        }
    };
    for i in 0..b.len() {
        if i + 1 < b.len() && b[i] != b[i + 1] {
            let mut c = b.to_vec();
            c.swap(i, i + 1);
            push(c);
        }
    }
    for i in 0..b.len() {
        for d in b'0'..=b'9' {
            if d != b[i] {
                let mut c = b.to_vec();
                c[i] = d;
                push(c);
            }
        }
    }
    out
}

fn wrong_name(e: &Entry, name: &Named, code_span: Span, code: Code) -> Diagnostic {
    let kind = e.kind.name_zh();
    let message = match Catalog::match_name(e, &name.text) {
        NameMatch::Old(o) => t!(
            "“{}”是{kind}科目 {} 的旧名称（{}年及以前的科目表），现名“{}”", name.text, e.code, o.until, e.name;
            "`{}` is the old name of the {} code {} (editions up to {}); it is now `{}`", name.text, e.kind.id(), e.code, o.until, e.name
        ),
        _ => {
            t!("{kind}科目 {} 的名称是“{}”，不是“{}”", e.code, e.name, name.text; "the {} code {} is named `{}`, not `{}`", e.kind.id(), e.code, e.name, name.text)
        }
    };
    Diagnostic::error(code, name.span, message)
    .label(t!("应为“{}”", e.name; "should be `{}`", e.name))
    .related(code_span, t!("编码 {}", e.code; "code {}", e.code))
    .help(t!("把名称改为“{}”；若编码写错了，改正编码", e.name; "change the name to `{}`; if the code is wrong, correct the code", e.name))
    .fix(name.span, crate::syntax::write_text(&e.name))
}

/// What the name written says about the close codes.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Near {
    /// It is the one close code's name: the code is mistyped (an error).
    Named,
    /// No name is written: one close code is the fix.
    Unnamed,
    /// Another name: the close codes are only listed (a fix would leave a
    /// wrong name behind).
    OtherName,
}

/// A code not in the catalog, with the close catalog codes `near`.
fn unknown(
    kind: CodeKind,
    code: &str,
    span: Span,
    diag_code: Code,
    near: &[&Entry],
    how: Near,
) -> Diagnostic {
    let k = kind.name_zh();
    let named = how == Near::Named;
    if let ([e], Near::Named | Near::Unnamed) = (near, how) {
        let (c, n) = (&e.code, &e.name);
        let message = if named {
            t!("{k}科目 {code} 不在目录中；目录中的 {c} 就是“{n}”"; "the {} code {code} is not in the catalog; the catalog's {c} is `{n}`", kind.id())
        } else {
            t!("{k}科目 {code} 不在目录中"; "the {} code {code} is not in the catalog", kind.id())
        };
        let d = Diagnostic::new(
            diag_code,
            if named {
                crate::diagnostic::Severity::Error
            } else {
                crate::diagnostic::Severity::Warning
            },
            span,
            message,
        )
        .label(t!("是否想写 {c}？", "did you mean {c}?"))
        .help(t!("改为 {c}（{n}）；若编码无误（目录并不完整），用 --catalog 文件把它加入目录", "write {c} ({n}); if the code is right (the catalog is not complete), add it with a --catalog file"));
        return d.fix(span, c.clone());
    }
    let also = if near.is_empty() {
        Text::new("", "")
    } else {
        let list: Vec<String> = near
            .iter()
            .map(|e| format!("{} {}", e.code, e.name))
            .collect();
        t!("；相近的编码：{}", list.join("、"); "; close codes: {}", list.join(", "))
    };
    Diagnostic::warning(
        diag_code,
        span,
        t!("{k}科目 {code} 不在目录中"; "the {} code {code} is not in the catalog", kind.id()),
    )
    .label(Text::new("目录中没有此编码", "not in the catalog"))
    .help(t!(
        "核对编码{}；若编码无误（目录并不完整），用 --catalog 文件把它加入目录：kind,code,name", also.zh;
        "check the code{}; if it is right (the catalog is not complete), add it with a --catalog file: kind,code,name", also.en
    ))
}
