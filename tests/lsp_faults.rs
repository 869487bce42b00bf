//! `budget lsp` against a hostile or broken client (tests/lsp.rs covers
//! malformed JSON, unknown methods and unopened files): broken framing, a
//! huge Content-Length, bytes that are not UTF-8, requests before
//! `initialize`, hostile document texts, and a client that vanishes — with
//! its pipe closed mid-message or without a word. The server answers what it
//! can and exits when the client is gone; it never hangs or spins. Every wait
//! is bounded.

#[path = "support/lsp.rs"]
mod lsp;

use lsp::{Server, WAIT};
use serde_json::{json, Value};
use std::io::Write;
use std::time::{Duration, Instant};

const URI: &str = "file:///tmp/faults.budget";

/// The server still answers a request.
fn alive(s: &mut Server) {
    let r = s.request(
        "textDocument/documentSymbol",
        json!({ "textDocument": { "uri": URI } }),
    );
    assert!(r.get("result").is_some() || r.get("error").is_some(), "{r}");
}

fn codes(d: &[Value]) -> Vec<String> {
    d.iter()
        .map(|d| d["code"].as_str().unwrap_or("").to_string())
        .collect()
}

#[test]
fn requests_before_initialize_are_refused_and_the_server_goes_on() {
    let mut s = Server::spawn();
    let r = s.request(
        "textDocument/hover",
        json!({ "textDocument": { "uri": URI }, "position": { "line": 0, "character": 0 } }),
    );
    assert_eq!(r["error"]["code"], -32002, "{r}");
    let init = s.request("initialize", json!({ "capabilities": {} }));
    assert!(init.get("result").is_some(), "{init}");
    // a second initialize is an error, not a crash
    let again = s.request("initialize", json!({ "capabilities": {} }));
    assert!(again.get("error").is_some(), "{again}");
    s.notify("initialized", json!({}));
    alive(&mut s);
}

#[test]
fn malformed_messages_get_errors_and_the_server_goes_on() {
    let mut s = Server::start();
    // valid JSON that is not a JSON-RPC message; wrong types of params
    s.send_raw(b"[1, 2, 3]");
    s.send_raw(b"\"just a string\"");
    s.send(&json!({ "jsonrpc": "2.0", "id": 90, "method": "textDocument/hover", "params": 42 }));
    let r = s.wait_for("invalid params", |v| v["id"] == 90);
    assert!(r.get("error").is_some(), "{r}");
    s.send(&json!({ "jsonrpc": "2.0", "id": 91, "method": "textDocument/hover", "params": { "textDocument": { "uri": 7 } } }));
    let r = s.wait_for("invalid params", |v| v["id"] == 91);
    assert!(r.get("error").is_some(), "{r}");
    // a body that is not UTF-8
    s.send_raw(&[0xff, 0xfe, b'{', 0x80, b'}']);
    // a header without a length, then a good message
    s.write(b"X-Nonsense: 1\r\n\r\n");
    alive(&mut s);
    // a didOpen whose text is hostile: NUL, U+FFFD, a lone \r, a huge line
    let text = format!(
        "年度 2024\n部门 \"甲\0乙\"\r职责 \"坏\u{FFFD}字\"\n其他说明 {{ x \"{}\" }}\n",
        "长".repeat(30_000)
    );
    s.notify(
        "textDocument/didOpen",
        json!({ "textDocument": { "uri": URI, "languageId": "budget", "version": 1, "text": text } }),
    );
    let d = codes(&s.diagnostics(URI, 1));
    for c in ["L012", "L014", "L015"] {
        assert!(d.iter().any(|x| x == c), "{c} in {d:?}");
    }
    alive(&mut s);
}

#[test]
fn a_huge_content_length_does_not_take_the_memory() {
    let mut s = Server::start();
    // claims a terabyte, sends a few bytes, and hangs up
    s.write(b"Content-Length: 1099511627776\r\n\r\n{\"jsonrpc\":");
    drop(s.stdin.take());
    s.exits("a client that claimed a terabyte and hung up");
}

#[test]
fn a_client_that_vanishes_mid_message_ends_the_server() {
    let mut s = Server::start();
    s.notify(
        "textDocument/didOpen",
        json!({ "textDocument": { "uri": URI, "languageId": "budget", "version": 1, "text": "年度 2024\n" } }),
    );
    s.write(b"Content-Length: 100\r\n\r\n{\"jsonrpc\": \"2.0\", \"id\": 1");
    drop(s.stdin.take());
    s.exits("the client closed its pipe mid-message");
}

#[test]
fn a_client_that_vanishes_without_shutdown_ends_the_server() {
    let mut s = Server::start();
    // work in flight: a document being checked
    s.notify(
        "textDocument/didOpen",
        json!({ "textDocument": { "uri": URI, "languageId": "budget", "version": 1, "text": include_str!("../examples/jinzhong-chanyelian-2024.budget") } }),
    );
    drop(s.stdin.take());
    s.exits("the client closed its pipe without shutdown");
}

#[test]
fn a_client_that_stops_reading_ends_the_server() {
    let mut child = lsp::command().spawn().expect("start budget lsp");
    let mut stdin = child.stdin.take().expect("stdin");
    // the client's reading end goes away: every answer hits a closed pipe
    drop(child.stdout.take());
    let init = serde_json::to_vec(&json!({ "jsonrpc": "2.0", "id": 1, "method": "initialize", "params": { "capabilities": {} } })).expect("json");
    let _ = stdin.write_all(format!("Content-Length: {}\r\n\r\n", init.len()).as_bytes());
    let _ = stdin.write_all(&init);
    let _ = stdin.flush();
    for i in 0..20 {
        let m =
            serde_json::to_vec(&json!({ "jsonrpc": "2.0", "id": 10 + i, "method": "shutdown" }))
                .expect("json");
        if stdin
            .write_all(format!("Content-Length: {}\r\n\r\n", m.len()).as_bytes())
            .is_err()
        {
            break;
        }
        let _ = stdin.write_all(&m);
        let _ = stdin.flush();
    }
    drop(stdin);
    let end = Instant::now() + WAIT;
    loop {
        if let Ok(Some(_)) = child.try_wait() {
            break;
        }
        if Instant::now() > end {
            let _ = child.kill();
            panic!("the server did not exit after its client stopped reading");
        }
        std::thread::sleep(Duration::from_millis(20));
    }
}

#[test]
fn exit_without_shutdown_exits_with_an_error_code() {
    let mut s = Server::start();
    s.notify("exit", json!(null));
    s.exits("exit without shutdown");
}
