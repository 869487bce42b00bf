//! `budget lsp` end to end: the real binary over stdio, JSON-RPC with
//! Content-Length framing. Every wait is bounded: a broken server fails the
//! test instead of hanging it.

#[path = "support/lsp.rs"]
mod lsp;

use lsp::Server;
use serde_json::{json, Value};

/// The server started and initialized; it offers hovers.
fn start() -> Server {
    let s = Server::start();
    assert!(s.init["result"]["capabilities"]["hoverProvider"].as_bool() == Some(true));
    s
}

const URI: &str = "file:///tmp/budget-lsp-test/%E9%83%A8%E9%97%A8.budget";

// Line 9 (0-based) has a character outside the BMP before the R5 error:
// its UTF-16 column (20) differs from its character column (19) and its
// byte column (40). Line 13 has a syntax error; the R5 and S1c in 支出
// are still reported.
const DOC: &str = "年度 2024
部门 \"测试部门\"
口径 山西县级
金额单位 万元
单位 \"测试部门\" { 类型 行政 }
收入 {
  一般公共预算 12.84
}
支出 {
  201 一般公共服务支出𠀀 合计 30.00
  2011301 行政运行 基本 12.84
}
三公经费 {
  公务接待费 ≥
}
项目 \"经费\" {
  单位 \"测试部门\"
  类别 其他运转类
  功能 2011301
  一般公共预算 0
}
";

/// The UTF-16 position of the `nth` occurrence of `needle` in `text`.
fn pos_of(text: &str, needle: &str, nth: usize) -> (u64, u64) {
    let at = text
        .match_indices(needle)
        .nth(nth)
        .map(|(i, _)| i)
        .expect("needle");
    let before = &text[..at];
    let line = before.matches('\n').count() as u64;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let col = before[line_start..].encode_utf16().count() as u64;
    (line, col)
}

fn range_of(text: &str, needle: &str, nth: usize) -> Value {
    let (l, c) = pos_of(text, needle, nth);
    let len = needle.encode_utf16().count() as u64;
    json!({ "start": { "line": l, "character": c }, "end": { "line": l, "character": c + len } })
}

fn find<'a>(diags: &'a [Value], code: &str) -> Option<&'a Value> {
    diags.iter().find(|d| d["code"] == code)
}

fn open(s: &mut Server, text: &str) -> Vec<Value> {
    s.notify(
        "textDocument/didOpen",
        json!({ "textDocument": { "uri": URI, "languageId": "budget", "version": 1, "text": text } }),
    );
    s.diagnostics(URI, 1)
}

#[test]
fn diagnostics_on_open_and_change_with_utf16_ranges() {
    let mut s = start();
    let diags = open(&mut s, DOC);
    let r5 = find(&diags, "R5").expect("R5 published");
    assert_eq!(r5["range"], range_of(DOC, "30.00", 0));
    assert_eq!(r5["range"]["start"], json!({ "line": 9, "character": 20 }));
    assert_eq!(r5["severity"], 1);
    assert!(r5["message"].as_str().unwrap_or("").contains("12.84"));
    let related = r5["relatedInformation"].as_array().expect("related spans");
    assert_eq!(related[0]["location"]["uri"], URI);
    let s1c = find(&diags, "S1c").expect("S1c published");
    assert_eq!(s1c["range"], range_of(DOC, "一般公共服务支出𠀀", 0));
    let l001 = find(&diags, "L001").expect("the syntax error is published too");
    assert_eq!(l001["range"]["start"]["line"], 13);

    // Replace 30.00 by 12.84 (an incremental change in UTF-16): R5 goes away.
    s.notify(
        "textDocument/didChange",
        json!({
            "textDocument": { "uri": URI, "version": 2 },
            "contentChanges": [{ "range": range_of(DOC, "30.00", 0), "text": "12.84" }]
        }),
    );
    let diags = s.diagnostics(URI, 2);
    assert!(find(&diags, "R5").is_none(), "{diags:?}");
    assert!(find(&diags, "S1c").is_some());

    // Fix the syntax error in three quick edits (type 1, delete it, type it
    // again): L001 goes away, and the published diagnostics are of the last.
    let (l, c) = pos_of(DOC, "≥", 0);
    let after = c + 1;
    for (v, (end, text)) in [(after, "1"), (after + 1, ""), (after, "1")]
        .into_iter()
        .enumerate()
    {
        s.notify(
            "textDocument/didChange",
            json!({
                "textDocument": { "uri": URI, "version": v + 3 },
                "contentChanges": [{
                    "range": { "start": { "line": l, "character": after }, "end": { "line": l, "character": end } },
                    "text": text
                }]
            }),
        );
    }
    let diags = s.diagnostics(URI, 5);
    assert!(find(&diags, "L001").is_none(), "{diags:?}");
}

#[test]
fn hover_completion_actions_formatting_navigation() {
    let mut s = start();
    open(&mut s, DOC);
    let doc = json!({ "uri": URI });

    // hover on a code: catalog name, computed total, share
    let (l, c) = pos_of(DOC, "2011301", 0);
    let h = s.request(
        "textDocument/hover",
        json!({ "textDocument": doc, "position": { "line": l, "character": c + 3 } }),
    );
    let md = h["result"]["contents"]["value"]
        .as_str()
        .expect("hover text");
    assert!(md.contains("2011301 行政运行"), "{md}");
    assert!(md.contains("12.84万元"), "{md}");
    assert!(md.contains("100.00%"), "{md}");
    assert_eq!(h["result"]["range"], range_of(DOC, "2011301", 0));

    // hover on the stated total after the astral character
    let (l, c) = pos_of(DOC, "30.00", 0);
    let h = s.request(
        "textDocument/hover",
        json!({ "textDocument": doc, "position": { "line": l, "character": c + 1 } }),
    );
    let md = h["result"]["contents"]["value"]
        .as_str()
        .expect("hover text");
    assert!(md.contains("30.00万元") && md.contains("12.84万元"), "{md}");

    // completion: typing 2011 in 支出 offers 2011301 行政运行
    let typed = DOC.replace(
        "  2011301 行政运行 基本 12.84\n",
        "  2011301 行政运行 基本 12.84\n  2011\n",
    );
    s.notify(
        "textDocument/didChange",
        json!({ "textDocument": { "uri": URI, "version": 2 }, "contentChanges": [{ "text": typed }] }),
    );
    let (l, c) = pos_of(&typed, "  2011\n", 0);
    let r = s.request(
        "textDocument/completion",
        json!({ "textDocument": doc, "position": { "line": l, "character": c + 6 } }),
    );
    let items = r["result"].as_array().expect("items");
    let item = items
        .iter()
        .find(|i| i["label"] == "2011301 行政运行")
        .unwrap_or_else(|| panic!("no 2011301 in {items:?}"));
    assert_eq!(item["textEdit"]["newText"], "2011301 行政运行");
    assert_eq!(
        item["textEdit"]["range"]["start"],
        json!({ "line": l, "character": 2 })
    );
    assert!(items.iter().all(
        |i| i["filterText"].as_str().unwrap_or("").starts_with("2011")
            || i["label"].as_str().unwrap_or("").contains("2011")
    ));
    s.notify(
        "textDocument/didChange",
        json!({ "textDocument": { "uri": URI, "version": 3 }, "contentChanges": [{ "text": DOC }] }),
    );

    // code action: set the stated total to the computed sum
    let r = s.request(
        "textDocument/codeAction",
        json!({ "textDocument": doc, "range": range_of(DOC, "30.00", 0), "context": { "diagnostics": [] } }),
    );
    let actions = r["result"].as_array().expect("actions");
    let fix = actions
        .iter()
        .find(|a| a["kind"] == "quickfix" && a["diagnostics"][0]["code"] == "R5")
        .unwrap_or_else(|| panic!("no R5 fix in {actions:?}"));
    let edits = &fix["edit"]["changes"][URI];
    assert_eq!(edits[0]["newText"], "12.84");
    assert_eq!(edits[0]["range"], range_of(DOC, "30.00", 0));
    // and the catalog name for the wrong name
    let r = s.request(
        "textDocument/codeAction",
        json!({ "textDocument": doc, "range": range_of(DOC, "一般公共服务支出𠀀", 0), "context": { "diagnostics": [] } }),
    );
    let actions = r["result"].as_array().expect("actions");
    assert!(
        actions
            .iter()
            .any(|a| a["edit"]["changes"][URI][0]["newText"] == "一般公共服务支出"),
        "{actions:?}"
    );

    // formatting: the file has a syntax error, so no edits
    let r = s.request(
        "textDocument/formatting",
        json!({ "textDocument": doc, "options": { "tabSize": 2, "insertSpaces": true } }),
    );
    assert!(r["result"].is_null(), "{r}");
    let fixed = DOC.replace("公务接待费 ≥", "公务接待费   1.00");
    s.notify(
        "textDocument/didChange",
        json!({ "textDocument": { "uri": URI, "version": 4 }, "contentChanges": [{ "text": fixed }] }),
    );
    let r = s.request(
        "textDocument/formatting",
        json!({ "textDocument": doc, "options": { "tabSize": 2, "insertSpaces": true } }),
    );
    let edits = r["result"].as_array().expect("edits");
    assert_eq!(edits.len(), 1);
    let expected = budget::format::format(&fixed).expect("formats");
    assert_eq!(edits[0]["newText"], expected);
    assert!(expected.contains("公务接待费 1.00"));

    // definition: a project's 功能 code → the 支出 line; its 单位 → the declaration
    let (l, c) = pos_of(&fixed, "2011301", 1);
    let r = s.request(
        "textDocument/definition",
        json!({ "textDocument": doc, "position": { "line": l, "character": c + 1 } }),
    );
    assert_eq!(
        r["result"][0]["range"],
        range_of(&fixed, "2011301", 0),
        "{r}"
    );
    let (l, c) = pos_of(&fixed, "\"测试部门\"", 2);
    let r = s.request(
        "textDocument/definition",
        json!({ "textDocument": doc, "position": { "line": l, "character": c + 2 } }),
    );
    assert_eq!(
        r["result"][0]["range"],
        range_of(&fixed, "\"测试部门\"", 1),
        "{r}"
    );
    // references of the unit: the declaration and the project's use
    let r = s.request(
        "textDocument/references",
        json!({ "textDocument": doc, "position": { "line": l, "character": c + 2 }, "context": { "includeDeclaration": true } }),
    );
    assert_eq!(r["result"].as_array().map(Vec::len), Some(2), "{r}");

    // document symbols: the sections, 支出's lines nested by code
    let r = s.request(
        "textDocument/documentSymbol",
        json!({ "textDocument": doc }),
    );
    let syms = r["result"].as_array().expect("symbols");
    let zhichu = syms.iter().find(|s| s["name"] == "支出").expect("支出");
    assert_eq!(zhichu["children"][0]["name"], "201 一般公共服务支出𠀀");
    assert_eq!(
        zhichu["children"][0]["children"][0]["name"],
        "2011301 行政运行"
    );
    assert!(syms.iter().any(|s| s["name"] == "经费"));
}

#[test]
fn bad_input_does_not_kill_the_server() {
    let mut s = start();
    // malformed JSON: an error response, and the server goes on
    s.send_raw(b"{ this is not json");
    let err = s.wait_for("a parse error", |v| v["error"]["code"] == -32700);
    assert!(err["id"].is_null());
    // an unknown method
    let r = s.request("budget/noSuchMethod", json!({}));
    assert_eq!(r["error"]["code"], -32601);
    // requests about a file that is not open
    let other = json!({ "uri": "file:///nowhere.budget" });
    for (method, params) in [
        (
            "textDocument/hover",
            json!({ "textDocument": other, "position": { "line": 0, "character": 0 } }),
        ),
        (
            "textDocument/completion",
            json!({ "textDocument": other, "position": { "line": 0, "character": 0 } }),
        ),
        (
            "textDocument/formatting",
            json!({ "textDocument": other, "options": { "tabSize": 2, "insertSpaces": true } }),
        ),
        (
            "textDocument/documentSymbol",
            json!({ "textDocument": other }),
        ),
    ] {
        let r = s.request(method, params);
        assert!(
            r.get("error").is_none() || r["error"].is_object(),
            "{method}: {r}"
        );
    }
    // a change for a file that is not open, and nonsense ranges
    s.notify(
        "textDocument/didChange",
        json!({ "textDocument": { "uri": "file:///nowhere.budget", "version": 2 }, "contentChanges": [{ "text": "x" }] }),
    );
    open(&mut s, "年度 2024\n部门 甲\n");
    let mut v = 2;
    for (sl, sc, el, ec, text) in [
        (99, 0, 0, 0, "收入 {"),
        (0, 999, 0, 1, "\u{1F600}"),
        (1, 1, 1, 2, ""),
        (0, 0, 0, 0, "}}}}{{{{ \" # "),
        (5, 5, 5, 5, "\n\n\n"),
    ] {
        s.notify(
            "textDocument/didChange",
            json!({
                "textDocument": { "uri": URI, "version": v },
                "contentChanges": [{
                    "range": { "start": { "line": sl, "character": sc }, "end": { "line": el, "character": ec } },
                    "text": text
                }]
            }),
        );
        let r = s.request(
            "textDocument/hover",
            json!({ "textDocument": { "uri": URI }, "position": { "line": sl, "character": sc } }),
        );
        assert!(r.get("error").is_none(), "{r}");
        let r = s.request(
            "textDocument/completion",
            json!({ "textDocument": { "uri": URI }, "position": { "line": el, "character": ec } }),
        );
        assert!(r.get("error").is_none(), "{r}");
        v += 1;
    }
    s.diagnostics(URI, v - 1);
    // still alive and answering
    let r = s.request("shutdown", json!(null));
    assert!(r.get("error").is_none(), "{r}");
    s.notify("exit", json!(null));
    let status = s.exits("shutdown and exit");
    assert!(status.success(), "{status:?}");
}

/// Last year's file (`上年 文件 "…"`): its diagnostics are published for
/// it, go to definition jumps into it (from the file name and from a 上年
/// figure), and the hover of the file name says what it is.
#[test]
fn last_years_file_in_the_editor() {
    let dir = std::env::temp_dir().join(format!("budget-lsp-years-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("scratch dir");
    let doc = |year: i32, total: &str, reception: &str, extra: &str| {
        format!(
            "年度 {year}\n部门 \"测试部门\"\n口径 山西县级\n金额单位 万元\n单位 \"测试部门\" {{ 类型 行政 }}\n收入 {{\n  一般公共预算 12.84\n}}\n支出 {{\n  201 一般公共服务支出 合计 {total}\n  2011301 行政运行 基本 12.84\n}}\n三公经费 {{\n  公务接待费 {reception}\n}}\n{extra}"
        )
    };
    // last year's file has an R5 (its 201 total is wrong)
    let last = doc(2023, "99.00", "2.00", "");
    std::fs::write(dir.join("last.budget"), &last).expect("write");
    let this = doc(
        2024,
        "12.84",
        "1.00",
        "上年 {\n  文件 \"last.budget\"\n  公务接待费 2.00\n  原因 \"接待减少\"\n}\n",
    );
    let this_uri = format!("file://{}/this.budget", dir.display());
    let last_uri = format!("file://{}/last.budget", dir.display());
    let mut s = start();
    s.notify(
        "textDocument/didOpen",
        json!({ "textDocument": { "uri": this_uri, "languageId": "budget", "version": 1, "text": this } }),
    );
    let diags = s.diagnostics(&this_uri, 1);
    let f008 = find(&diags, "F008").expect("F008: last year's file has errors");
    assert_eq!(f008["range"], range_of(&this, "\"last.budget\"", 0));
    let v = s.wait_for("last year's diagnostics", |v| {
        v["method"] == "textDocument/publishDiagnostics" && v["params"]["uri"] == last_uri
    });
    let theirs = v["params"]["diagnostics"]
        .as_array()
        .cloned()
        .unwrap_or_default();
    let r5 = find(&theirs, "R5").expect("R5 published for last year's file");
    assert_eq!(r5["range"], range_of(&last, "99.00", 0));

    let td = json!({ "uri": this_uri });
    let (l, c) = pos_of(&this, "\"last.budget\"", 0);
    let at = json!({ "line": l, "character": c + 3 });
    let r = s.request(
        "textDocument/definition",
        json!({ "textDocument": td, "position": at }),
    );
    assert_eq!(r["result"][0]["uri"], last_uri, "{r}");
    assert_eq!(
        r["result"][0]["range"]["start"],
        json!({ "line": 0, "character": 0 })
    );
    let r = s.request(
        "textDocument/hover",
        json!({ "textDocument": td, "position": at }),
    );
    let md = r["result"]["contents"]["value"].as_str().unwrap_or("");
    assert!(md.contains("**上年的文件**"), "{md}");
    assert!(md.contains("2023 年度 · 测试部门 · 1 个错误"), "{md}");

    // a 上年 figure → where last year's file states it (its 三公经费 block)
    let (l, c) = pos_of(&this, "公务接待费 2.00", 0);
    let r = s.request(
        "textDocument/definition",
        json!({ "textDocument": td, "position": { "line": l, "character": c + 1 } }),
    );
    assert_eq!(r["result"][0]["uri"], last_uri, "{r}");
    assert_eq!(
        r["result"][0]["range"]["start"],
        json!({ "line": 12, "character": 0 })
    );

    // last year's file opened and corrected: this year's is checked again
    s.notify(
        "textDocument/didOpen",
        json!({ "textDocument": { "uri": last_uri, "languageId": "budget", "version": 1, "text": last } }),
    );
    let _ = s.diagnostics(&last_uri, 1);
    let fixed = last.replace("99.00", "12.84");
    s.notify(
        "textDocument/didChange",
        json!({ "textDocument": { "uri": last_uri, "version": 2 }, "contentChanges": [{ "text": fixed }] }),
    );
    let v = s.wait_for("this year's diagnostics without F008", |v| {
        v["method"] == "textDocument/publishDiagnostics"
            && v["params"]["uri"] == this_uri
            && v["params"]["diagnostics"]
                .as_array()
                .is_some_and(|d| !d.iter().any(|d| d["code"] == "F008"))
    });
    let now = v["params"]["diagnostics"]
        .as_array()
        .cloned()
        .unwrap_or_default();
    // the claim 公务接待费 2.00 holds against the corrected file: no F007 either
    assert!(find(&now, "F007").is_none(), "{now:?}");
    let _ = std::fs::remove_dir_all(&dir);
}

/// A unit's own file (`单位 "…" { 文件 "…" }`): its diagnostics are
/// published for it, go to definition on its name jumps into it, and the
/// hover of the name says whose document it is.
#[test]
fn a_units_file_in_the_editor() {
    let dir = std::env::temp_dir().join(format!("budget-lsp-units-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("scratch dir");
    // the unit's file: its 201 total is wrong (R5)
    let unit = "年度 2024\n部门 \"测试部门\"\n口径 上海区级\n金额单位 万元\n文件类型 单位预算\n单位 \"甲\" { 类型 行政 }\n收入 { 一般公共预算 12.84 }\n支出 {\n  201 一般公共服务支出 合计 99.00 人员 12.84\n  2011301 行政运行 基本 12.84\n}\n";
    std::fs::write(dir.join("jia.budget"), unit).expect("write");
    let dept = "年度 2024\n部门 \"测试部门\"\n口径 上海区级\n金额单位 万元\n单位 \"甲\" { 类型 行政; 文件 \"jia.budget\" }\n收入 { 一般公共预算 12.84 }\n支出 {\n  2011301 行政运行 基本 12.84\n}\n";
    let dept_uri = format!("file://{}/dept.budget", dir.display());
    let unit_uri = format!("file://{}/jia.budget", dir.display());
    let mut s = start();
    s.notify(
        "textDocument/didOpen",
        json!({ "textDocument": { "uri": dept_uri, "languageId": "budget", "version": 1, "text": dept } }),
    );
    let v = s.wait_for("the unit's diagnostics", |v| {
        v["method"] == "textDocument/publishDiagnostics" && v["params"]["uri"] == unit_uri
    });
    let theirs = v["params"]["diagnostics"]
        .as_array()
        .cloned()
        .unwrap_or_default();
    let r5 = find(&theirs, "R5").expect("R5 published for the unit's file");
    assert_eq!(r5["range"], range_of(unit, "99.00", 0));
    let td = json!({ "uri": dept_uri });
    let (l, c) = pos_of(dept, "\"jia.budget\"", 0);
    let at = json!({ "line": l, "character": c + 2 });
    let r = s.request(
        "textDocument/definition",
        json!({ "textDocument": td, "position": at }),
    );
    assert_eq!(r["result"][0]["uri"], unit_uri, "{r}");
    let r = s.request(
        "textDocument/hover",
        json!({ "textDocument": td, "position": at }),
    );
    let md = r["result"]["contents"]["value"].as_str().unwrap_or("");
    assert!(md.contains("**单位“甲”的单位预算**"), "{md}");
    assert!(md.contains("2024 年度 · 测试部门 · 1 个错误"), "{md}");
    let _ = std::fs::remove_dir_all(&dir);
}
