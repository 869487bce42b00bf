//! A client of `budget lsp` for the tests: the real binary over stdio,
//! JSON-RPC with Content-Length framing. Every wait is bounded (`WAIT`): a
//! broken server fails the test instead of hanging it. Shared by
//! tests/lsp.rs and tests/lsp_faults.rs.

#![allow(dead_code)]

use serde_json::{json, Value};
use std::io::{BufRead, BufReader, Write};
use std::process::{Child, ChildStdin, Command, ExitStatus, Stdio};
use std::sync::mpsc::{channel, Receiver, RecvTimeoutError};
use std::time::{Duration, Instant};

/// The longest any answer or exit is waited for.
pub const WAIT: Duration = Duration::from_secs(20);

pub struct Server {
    pub child: Child,
    /// `None` once the test has closed the server's input.
    pub stdin: Option<ChildStdin>,
    rx: Receiver<Value>,
    /// Messages read while waiting for something else.
    seen: Vec<Value>,
    next_id: i64,
    /// The answer to `initialize` (`Value::Null` before [`Server::start`]).
    pub init: Value,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// One framed message, or `None` at the end of the stream or on a frame
/// that is not JSON.
fn read_message(r: &mut impl BufRead) -> Option<Value> {
    let mut len = None;
    loop {
        let mut line = String::new();
        if r.read_line(&mut line).ok()? == 0 {
            return None;
        }
        let line = line.trim_end();
        if line.is_empty() {
            break;
        }
        if let Some(v) = line.strip_prefix("Content-Length:") {
            len = v.trim().parse::<usize>().ok();
        }
    }
    let mut body = vec![0; len?];
    r.read_exact(&mut body).ok()?;
    serde_json::from_slice(&body).ok()
}

/// `budget lsp` with piped input and output (its stderr dropped).
pub fn command() -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_budget"));
    c.arg("lsp")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::null());
    c
}

impl Server {
    /// The server started, not yet initialized.
    pub fn spawn() -> Server {
        let mut child = command().spawn().expect("start budget lsp");
        let stdin = child.stdin.take();
        let stdout = child.stdout.take().expect("stdout");
        let (tx, rx) = channel();
        std::thread::spawn(move || {
            let mut r = BufReader::new(stdout);
            while let Some(v) = read_message(&mut r) {
                if tx.send(v).is_err() {
                    break;
                }
            }
        });
        Server {
            child,
            stdin,
            rx,
            seen: Vec::new(),
            next_id: 1,
            init: Value::Null,
        }
    }

    /// The server started and initialized (`initialize` answered with a
    /// result, kept in `init`; `initialized` sent).
    pub fn start() -> Server {
        let mut s = Server::spawn();
        s.init = s.request("initialize", json!({ "capabilities": {} }));
        assert!(s.init.get("result").is_some(), "{}", s.init);
        s.notify("initialized", json!({}));
        s
    }

    /// Bytes as they are, unframed.
    pub fn write(&mut self, bytes: &[u8]) {
        let w = self.stdin.as_mut().expect("stdin open");
        w.write_all(bytes).expect("write");
        w.flush().expect("flush");
    }

    /// `body` framed with its Content-Length.
    pub fn send_raw(&mut self, body: &[u8]) {
        let mut m = format!("Content-Length: {}\r\n\r\n", body.len()).into_bytes();
        m.extend_from_slice(body);
        self.write(&m);
    }

    pub fn send(&mut self, v: &Value) {
        self.send_raw(&serde_json::to_vec(v).expect("json"));
    }

    pub fn notify(&mut self, method: &str, params: Value) {
        self.send(&json!({ "jsonrpc": "2.0", "method": method, "params": params }));
    }

    /// The first message (seen before or arriving within WAIT) that `pred` accepts.
    pub fn wait_for(&mut self, what: &str, pred: impl Fn(&Value) -> bool) -> Value {
        if let Some(i) = self.seen.iter().position(&pred) {
            return self.seen.remove(i);
        }
        let end = Instant::now() + WAIT;
        loop {
            let left = end.saturating_duration_since(Instant::now());
            match self.rx.recv_timeout(left) {
                Ok(v) if pred(&v) => return v,
                Ok(v) => self.seen.push(v),
                Err(RecvTimeoutError::Timeout) => panic!("timed out waiting for {what}"),
                Err(RecvTimeoutError::Disconnected) => {
                    panic!("the server exited waiting for {what}")
                }
            }
        }
    }

    /// The answer to a request.
    pub fn request(&mut self, method: &str, params: Value) -> Value {
        let id = self.next_id;
        self.next_id += 1;
        self.send(&json!({ "jsonrpc": "2.0", "id": id, "method": method, "params": params }));
        self.wait_for(method, |v| {
            v["id"] == json!(id) && v.get("method").is_none()
        })
    }

    /// The next diagnostics published for `uri` with a version at least `version`.
    pub fn diagnostics(&mut self, uri: &str, version: i64) -> Vec<Value> {
        let v = self.wait_for("publishDiagnostics", |v| {
            v["method"] == "textDocument/publishDiagnostics"
                && v["params"]["uri"] == uri
                && v["params"]["version"].as_i64().unwrap_or(0) >= version
        });
        v["params"]["diagnostics"]
            .as_array()
            .cloned()
            .unwrap_or_default()
    }

    /// The server exits by itself within WAIT (after `what`): its status.
    pub fn exits(&mut self, what: &str) -> ExitStatus {
        let end = Instant::now() + WAIT;
        loop {
            if let Ok(Some(status)) = self.child.try_wait() {
                return status;
            }
            assert!(Instant::now() < end, "the server did not exit after {what}");
            std::thread::sleep(Duration::from_millis(20));
        }
    }
}
