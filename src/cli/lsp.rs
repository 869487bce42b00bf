//! `budget lsp`: the language server over standard input and output.
//!
//! A thin adapter: the editor logic is `budget::editor` (pure, UTF-16
//! positions); this file keeps the open documents, converts between
//! `budget::editor` values and the protocol's types, debounces changes and
//! runs every computation on a blocking thread, so a panic there costs one
//! answer (logged, answered with nothing), never the server.
//!
//! Changes are applied in the order they arrive (synchronously, before any
//! await), a check starts 150 ms after the last change, and a check whose
//! text has changed since it started is thrown away (stale work is cancelled:
//! its debounce task is aborted, a running check's result is discarded).

use budget::diagnostic::{Lang, Severity};
use budget::editor::{self, Analysis};
use budget::syntax::ParseCache;
use budget::Options;
use std::collections::HashMap;
use std::panic::AssertUnwindSafe;
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::Duration;
use tokio::io::{AsyncBufRead, AsyncBufReadExt, AsyncReadExt, AsyncWriteExt, BufReader};
use tokio::sync::mpsc;
use tokio::task::JoinHandle;
use tower_lsp_server::jsonrpc::Result;
use tower_lsp_server::ls_types as lsp;
use tower_lsp_server::{Client, LanguageServer, LspService, Server};

/// How long a change waits for the next before the text is checked.
const DEBOUNCE: Duration = Duration::from_millis(150);

struct Doc {
    text: Arc<String>,
    version: i32,
    /// Bumped on every change.
    generation: u64,
    /// The latest analysis and the generation it is of.
    analysis: Option<(u64, Arc<Analysis>)>,
    pending: Option<JoinHandle<()>>,
    /// The statements parsed for earlier versions (re-parsing only what changed).
    cache: Arc<Mutex<ParseCache>>,
}

struct Shared {
    client: Client,
    options: Options,
    lang: Lang,
    docs: Mutex<HashMap<String, Doc>>,
}

impl Shared {
    fn docs(&self) -> MutexGuard<'_, HashMap<String, Doc>> {
        self.docs.lock().unwrap_or_else(|e| e.into_inner())
    }
}

struct Backend {
    s: Arc<Shared>,
}

pub fn run(lang: Lang, opts: &Options) -> u8 {
    let rt = match tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
    {
        Ok(rt) => rt,
        Err(e) => return super::usage(&format!("cannot start the runtime: {e}")),
    };
    let options = opts.clone();
    rt.block_on(async move {
        let (service, socket) = LspService::new(move |client| Backend {
            s: Arc::new(Shared {
                client,
                options,
                lang,
                docs: Mutex::new(HashMap::new()),
            }),
        });
        // The server speaks to pipes; `guard` sits between them and stdio.
        let (to_server, server_in) = tokio::io::duplex(1 << 16);
        let (server_out, from_server) = tokio::io::duplex(1 << 16);
        let (out, mut frames) = mpsc::unbounded_channel::<Vec<u8>>();
        let writer = tokio::spawn(async move {
            let mut stdout = tokio::io::stdout();
            while let Some(f) = frames.recv().await {
                if stdout.write_all(&f).await.is_err() || stdout.flush().await.is_err() {
                    break;
                }
            }
        });
        let out2 = out.clone();
        let responses = tokio::spawn(async move {
            let mut r = BufReader::new(from_server);
            while let Ok(Some(frame)) = read_frame(&mut r).await {
                if let Frame::Body(b) = frame {
                    if out2.send(framed(&b)).is_err() {
                        break;
                    }
                }
            }
        });
        let reader = tokio::spawn(guard(tokio::io::stdin(), to_server, out));
        Server::new(server_in, server_out, socket)
            .serve(service)
            .await;
        reader.abort();
        let _ = responses.await;
        let _ = writer.await;
    });
    rt.shutdown_timeout(Duration::from_millis(100));
    0
}

// ----- framing: malformed input must not stop the server -----

/// The largest message accepted (a .budget file is at most 16 MiB).
const MAX_MESSAGE: usize = 64 * 1024 * 1024;

enum Frame {
    Body(Vec<u8>),
    /// A header without a usable Content-Length, or a body too large.
    Bad,
}

fn framed(body: &[u8]) -> Vec<u8> {
    let mut v = format!("Content-Length: {}\r\n\r\n", body.len()).into_bytes();
    v.extend_from_slice(body);
    v
}

/// One `Content-Length`-framed message; `None` at the end of the input.
async fn read_frame<R: AsyncBufRead + Unpin>(r: &mut R) -> std::io::Result<Option<Frame>> {
    let mut len: Option<usize> = None;
    let mut any = false;
    loop {
        let mut line = Vec::new();
        if r.read_until(b'\n', &mut line).await? == 0 {
            return Ok(None);
        }
        let text = String::from_utf8_lossy(&line);
        let text = text.trim();
        if text.is_empty() {
            if any {
                break;
            }
            continue; // blank lines between messages
        }
        any = true;
        if let Some((name, value)) = text.split_once(':') {
            if name.trim().eq_ignore_ascii_case("content-length") {
                len = value.trim().parse().ok();
            }
        }
    }
    match len {
        Some(n) if n <= MAX_MESSAGE => {
            let mut body = vec![0; n];
            r.read_exact(&mut body).await?;
            Ok(Some(Frame::Body(body)))
        }
        Some(n) => {
            let mut skip = r.take(n as u64);
            tokio::io::copy(&mut skip, &mut tokio::io::sink()).await?;
            Ok(Some(Frame::Bad))
        }
        None => Ok(Some(Frame::Bad)),
    }
}

/// The JSON-RPC error for a message the server cannot take, or `None`
/// when it can (what tower-lsp-server would otherwise stop reading at).
fn reject(body: &[u8]) -> Option<Vec<u8>> {
    use tower_lsp_server::jsonrpc::{Request, Response};
    let value: serde_json::Value =
        match serde_json::from_slice(body) {
            Ok(v) => v,
            Err(_) => return Some(
                br#"{"jsonrpc":"2.0","error":{"code":-32700,"message":"Parse error"},"id":null}"#
                    .to_vec(),
            ),
        };
    if serde_json::from_value::<Response>(value.clone()).is_ok()
        || serde_json::from_value::<Request>(value.clone()).is_ok()
    {
        return None;
    }
    let id = match value.get("id") {
        Some(id @ (serde_json::Value::Number(_) | serde_json::Value::String(_))) => id.clone(),
        _ => serde_json::Value::Null,
    };
    let err = serde_json::json!({
        "jsonrpc": "2.0",
        "error": { "code": -32600, "message": "Invalid request" },
        "id": id,
    });
    Some(serde_json::to_vec(&err).unwrap_or_default())
}

/// Copy well-formed messages from the editor to the server; answer the
/// others with an error and go on.
async fn guard(
    input: impl tokio::io::AsyncRead + Unpin,
    mut to_server: tokio::io::DuplexStream,
    out: mpsc::UnboundedSender<Vec<u8>>,
) {
    let mut r = BufReader::new(input);
    while let Ok(Some(frame)) = read_frame(&mut r).await {
        let error = match &frame {
            Frame::Body(b) => reject(b),
            Frame::Bad => Some(
                br#"{"jsonrpc":"2.0","error":{"code":-32700,"message":"Parse error: bad header"},"id":null}"#
                    .to_vec(),
            ),
        };
        match (error, frame) {
            (Some(e), _) => {
                if out.send(framed(&e)).is_err() {
                    break;
                }
            }
            (None, Frame::Body(b)) => {
                if to_server.write_all(&framed(&b)).await.is_err() {
                    break;
                }
            }
            (None, Frame::Bad) => {}
        }
    }
    // end of input: the server sees it too
    let _ = to_server.shutdown().await;
}

// ----- conversions -----

fn pos(p: editor::Position) -> lsp::Position {
    lsp::Position::new(p.line, p.character)
}

fn range(r: editor::Range) -> lsp::Range {
    lsp::Range::new(pos(r.start), pos(r.end))
}

fn epos(p: lsp::Position) -> editor::Position {
    editor::Position::new(p.line, p.character)
}

fn erange(r: lsp::Range) -> editor::Range {
    editor::Range::new(epos(r.start), epos(r.end))
}

fn edit(e: editor::TextEdit) -> lsp::TextEdit {
    lsp::TextEdit::new(range(e.range), e.new_text)
}

fn diagnostic(uri: &lsp::Uri, d: editor::EditorDiagnostic) -> lsp::Diagnostic {
    let related: Vec<lsp::DiagnosticRelatedInformation> = d
        .related
        .into_iter()
        .map(|r| lsp::DiagnosticRelatedInformation {
            location: lsp::Location::new(uri.clone(), range(r.range)),
            message: r.message,
        })
        .collect();
    lsp::Diagnostic {
        range: range(d.range),
        severity: Some(match d.severity {
            Severity::Error => lsp::DiagnosticSeverity::ERROR,
            Severity::Warning => lsp::DiagnosticSeverity::WARNING,
        }),
        code: Some(lsp::NumberOrString::String(d.code.to_string())),
        source: Some("budget".into()),
        message: d.message,
        related_information: (!related.is_empty()).then_some(related),
        ..lsp::Diagnostic::default()
    }
}

#[allow(deprecated)]
fn symbol(s: editor::symbols::DocumentSymbol) -> lsp::DocumentSymbol {
    use editor::symbols::SymbolKind as K;
    lsp::DocumentSymbol {
        name: s.name,
        detail: s.detail,
        kind: match s.kind {
            K::Namespace => lsp::SymbolKind::NAMESPACE,
            K::Class => lsp::SymbolKind::CLASS,
            K::Function => lsp::SymbolKind::FUNCTION,
            K::Field => lsp::SymbolKind::FIELD,
            K::Property => lsp::SymbolKind::PROPERTY,
            K::Object => lsp::SymbolKind::OBJECT,
        },
        tags: None,
        deprecated: None,
        range: range(s.range),
        selection_range: range(s.selection_range),
        children: (!s.children.is_empty()).then(|| s.children.into_iter().map(symbol).collect()),
    }
}

fn completion(c: editor::complete::CompletionItem) -> lsp::CompletionItem {
    use editor::complete::CompletionKind as K;
    lsp::CompletionItem {
        label: c.label,
        kind: Some(match c.kind {
            K::Keyword => lsp::CompletionItemKind::KEYWORD,
            K::Code => lsp::CompletionItemKind::CONSTANT,
            K::Value => lsp::CompletionItemKind::ENUM_MEMBER,
            K::Unit => lsp::CompletionItemKind::CLASS,
            K::Indicator => lsp::CompletionItemKind::ENUM,
        }),
        detail: c.detail,
        filter_text: Some(c.filter_text),
        sort_text: Some(c.sort_text),
        text_edit: Some(lsp::CompletionTextEdit::Edit(edit(c.edit))),
        ..lsp::CompletionItem::default()
    }
}

/// Apply one content change to a text (positions in UTF-16).
fn apply_change(text: &str, change: &lsp::TextDocumentContentChangeEvent) -> String {
    editor::apply_edit(text, change.range.map(erange), &change.text)
}

impl Backend {
    /// Check the document after `delay`, unless it changes meanwhile; publish.
    fn schedule(&self, uri: lsp::Uri, delay: Duration) {
        let key = uri.as_str().to_string();
        let s = self.s.clone();
        let mut docs = self.s.docs();
        let Some(doc) = docs.get_mut(&key) else {
            return;
        };
        let generation = doc.generation;
        let task = tokio::spawn(async move {
            if !delay.is_zero() {
                tokio::time::sleep(delay).await;
            }
            let Some(analysis) = analysis_for(&s, &key, Some(generation)).await else {
                return;
            };
            let lang = s.lang;
            let a = analysis.clone();
            let both = tokio::task::spawn_blocking(move || {
                let own = editor::diagnostics(&a, lang);
                (own, editor::years::linked_diagnostics(&a, lang))
            });
            let (diags, linked) = match both.await {
                Ok(d) => d,
                Err(_) => return,
            };
            let version = {
                let docs = s.docs();
                match docs.get(&key) {
                    Some(d) if d.generation == generation => d.version,
                    _ => return, // stale
                }
            };
            let diags = diags.into_iter().map(|d| diagnostic(&uri, d)).collect();
            s.client
                .publish_diagnostics(uri, diags, Some(version))
                .await;
            // a linked file's diagnostics are shown in it
            for (path, list) in linked {
                let Some(u) = lsp::Uri::from_file_path(&path) else {
                    continue;
                };
                let open = s.docs().contains_key(u.as_str());
                if open {
                    continue; // its own analysis publishes them
                }
                let list = list.into_iter().map(|d| diagnostic(&u, d)).collect();
                s.client.publish_diagnostics(u, list, None).await;
            }
        });
        if let Some(old) = doc.pending.replace(task) {
            old.abort();
        }
    }

    /// The other open documents whose last analysis read `uri`'s file; their
    /// analyses are dropped (the file changed under them).
    fn dependents(&self, uri: &lsp::Uri) -> Vec<lsp::Uri> {
        let Some(path) = uri.to_file_path().map(|p| p.into_owned()) else {
            return Vec::new();
        };
        let mut docs = self.s.docs();
        let mut out = Vec::new();
        for (key, d) in docs.iter_mut() {
            let reads = d
                .analysis
                .as_ref()
                .is_some_and(|(_, a)| a.checked.files.iter().any(|f| f.path == path));
            if reads && key != uri.as_str() {
                d.generation += 1;
                d.analysis = None;
                out.extend(key.parse::<lsp::Uri>().ok());
            }
        }
        out
    }

    /// Run `f` on the document's current analysis, on a blocking thread.
    async fn with<T: Send + 'static>(
        &self,
        uri: &lsp::Uri,
        f: impl FnOnce(&Analysis, &Shared) -> T + Send + 'static,
    ) -> Option<T> {
        let key = uri.as_str().to_string();
        let a = analysis_for(&self.s, &key, None).await?;
        let s = self.s.clone();
        tokio::task::spawn_blocking(move || f(&a, &s)).await.ok()
    }
}

/// The files a document names, as the server reads them: an open
/// document's current text, else the disk (see [`super::Disk`]).
struct Open<'a> {
    s: &'a Shared,
    disk: super::Disk,
}

impl budget::files::Sources for Open<'_> {
    fn read(&self, path: &std::path::Path) -> std::result::Result<String, String> {
        let open = lsp::Uri::from_file_path(path).and_then(|u| {
            self.s
                .docs()
                .get(u.as_str())
                .map(|d| d.text.as_str().to_string())
        });
        match open {
            Some(text) => Ok(text),
            None => self.disk.read(path),
        }
    }
}

/// The analysis of the document's current text (of `generation`, when
/// given: `None` if the text has moved on). Computed when missing or stale.
async fn analysis_for(
    s: &Arc<Shared>,
    key: &str,
    generation: Option<u64>,
) -> Option<Arc<Analysis>> {
    let (text, current, cache) = {
        let docs = s.docs();
        let d = docs.get(key)?;
        if generation.is_some_and(|g| g != d.generation) {
            return None;
        }
        if let Some((g, a)) = &d.analysis {
            if *g == d.generation {
                return Some(a.clone());
            }
        }
        (d.text.clone(), d.generation, d.cache.clone())
    };
    let s2 = s.clone();
    let path = key
        .parse::<lsp::Uri>()
        .ok()
        .and_then(|u| u.to_file_path().map(|p| p.into_owned()));
    let a = tokio::task::spawn_blocking(move || {
        let mut cache = cache.lock().unwrap_or_else(|e| e.into_inner());
        Arc::new(match path {
            Some(path) => {
                let options = super::in_project(&path, &s2.options);
                let sources = Open {
                    s: &s2,
                    disk: super::Disk::new(&path, &options),
                };
                Analysis::for_file(&path, text.as_str(), &options, &sources, &mut cache)
            }
            None => Analysis::new_cached(text.as_str(), &s2.options, &mut cache),
        })
    })
    .await
    .ok()?;
    let mut docs = s.docs();
    if let Some(d) = docs.get_mut(key) {
        if d.generation == current {
            d.analysis = Some((current, a.clone()));
        } else if generation.is_some() {
            return None;
        }
    }
    Some(a)
}

impl LanguageServer for Backend {
    async fn initialize(&self, _: lsp::InitializeParams) -> Result<lsp::InitializeResult> {
        Ok(lsp::InitializeResult {
            server_info: Some(lsp::ServerInfo {
                name: "budget".into(),
                version: Some(env!("CARGO_PKG_VERSION").into()),
            }),
            capabilities: lsp::ServerCapabilities {
                position_encoding: Some(lsp::PositionEncodingKind::UTF16),
                text_document_sync: Some(lsp::TextDocumentSyncCapability::Kind(
                    lsp::TextDocumentSyncKind::INCREMENTAL,
                )),
                hover_provider: Some(lsp::HoverProviderCapability::Simple(true)),
                completion_provider: Some(lsp::CompletionOptions {
                    trigger_characters: Some(vec!["\"".into()]),
                    ..lsp::CompletionOptions::default()
                }),
                code_action_provider: Some(lsp::CodeActionProviderCapability::Options(
                    lsp::CodeActionOptions {
                        code_action_kinds: Some(vec![
                            lsp::CodeActionKind::QUICKFIX,
                            lsp::CodeActionKind::SOURCE_FIX_ALL,
                        ]),
                        ..lsp::CodeActionOptions::default()
                    },
                )),
                definition_provider: Some(lsp::OneOf::Left(true)),
                references_provider: Some(lsp::OneOf::Left(true)),
                document_symbol_provider: Some(lsp::OneOf::Left(true)),
                document_formatting_provider: Some(lsp::OneOf::Left(true)),
                ..lsp::ServerCapabilities::default()
            },
            ..lsp::InitializeResult::default()
        })
    }

    async fn shutdown(&self) -> Result<()> {
        let mut docs = self.s.docs();
        for d in docs.values_mut() {
            if let Some(t) = d.pending.take() {
                t.abort();
            }
        }
        Ok(())
    }

    async fn did_open(&self, params: lsp::DidOpenTextDocumentParams) {
        let doc = params.text_document;
        {
            let mut docs = self.s.docs();
            let generation = docs.get(doc.uri.as_str()).map_or(1, |d| d.generation + 1);
            if let Some(old) = docs.insert(
                doc.uri.as_str().to_string(),
                Doc {
                    text: Arc::new(doc.text),
                    version: doc.version,
                    generation,
                    analysis: None,
                    pending: None,
                    cache: Arc::new(Mutex::new(ParseCache::new())),
                },
            ) {
                if let Some(t) = old.pending {
                    t.abort();
                }
            }
        }
        self.schedule(doc.uri, Duration::ZERO);
    }

    async fn did_change(&self, params: lsp::DidChangeTextDocumentParams) {
        // Applied before any await: changes keep their order.
        let uri = params.text_document.uri;
        {
            let mut docs = self.s.docs();
            let Some(doc) = docs.get_mut(uri.as_str()) else {
                return;
            };
            let changes = params.content_changes;
            let before = doc.text.clone();
            let applied = std::panic::catch_unwind(AssertUnwindSafe(|| {
                changes
                    .iter()
                    .fold(before.as_str().to_string(), |t, c| apply_change(&t, c))
            }));
            let Ok(text) = applied else {
                return;
            };
            doc.text = Arc::new(text);
            doc.version = params.text_document.version;
            doc.generation += 1;
        }
        self.schedule(uri.clone(), DEBOUNCE);
        // the open documents that name this one (上年 文件) are checked again
        for dependent in self.dependents(&uri) {
            self.schedule(dependent, DEBOUNCE);
        }
    }

    async fn did_close(&self, params: lsp::DidCloseTextDocumentParams) {
        let uri = params.text_document.uri;
        if let Some(d) = self.s.docs().remove(uri.as_str()) {
            if let Some(t) = d.pending {
                t.abort();
            }
        }
        self.s
            .client
            .publish_diagnostics(uri, Vec::new(), None)
            .await;
    }

    async fn hover(&self, params: lsp::HoverParams) -> Result<Option<lsp::Hover>> {
        let p = params.text_document_position_params;
        let at = epos(p.position);
        let h = self
            .with(&p.text_document.uri, move |a, s| {
                editor::hover::hover(a, at, s.lang, &s.options.catalog)
            })
            .await
            .flatten();
        Ok(h.map(|h| lsp::Hover {
            contents: lsp::HoverContents::Markup(lsp::MarkupContent {
                kind: lsp::MarkupKind::Markdown,
                value: h.markdown,
            }),
            range: Some(range(h.range)),
        }))
    }

    async fn completion(
        &self,
        params: lsp::CompletionParams,
    ) -> Result<Option<lsp::CompletionResponse>> {
        let p = params.text_document_position;
        let at = epos(p.position);
        let items = self
            .with(&p.text_document.uri, move |a, s| {
                editor::complete::complete(a, at, s.lang, &s.options.catalog)
            })
            .await;
        Ok(items.map(|v| lsp::CompletionResponse::Array(v.into_iter().map(completion).collect())))
    }

    async fn code_action(
        &self,
        params: lsp::CodeActionParams,
    ) -> Result<Option<lsp::CodeActionResponse>> {
        let uri = params.text_document.uri;
        let r = erange(params.range);
        let only = params.context.only;
        let actions = self
            .with(&uri, move |a, s| {
                editor::actions::code_actions(a, r, s.lang)
            })
            .await;
        let Some(actions) = actions else {
            return Ok(None);
        };
        let out: Vec<lsp::CodeActionOrCommand> = actions
            .into_iter()
            .filter_map(|c| {
                let kind = match c.kind {
                    editor::actions::ActionKind::QuickFix => lsp::CodeActionKind::QUICKFIX,
                    editor::actions::ActionKind::FixAll => lsp::CodeActionKind::SOURCE_FIX_ALL,
                };
                if let Some(only) = &only {
                    if !only.iter().any(|k| kind.as_str().starts_with(k.as_str())) {
                        return None;
                    }
                }
                let mut changes = HashMap::new();
                changes.insert(uri.clone(), c.edits.into_iter().map(edit).collect());
                Some(lsp::CodeActionOrCommand::CodeAction(lsp::CodeAction {
                    title: c.title,
                    kind: Some(kind),
                    diagnostics: c.diagnostic.map(|d| vec![diagnostic(&uri, d)]),
                    edit: Some(lsp::WorkspaceEdit {
                        changes: Some(changes),
                        ..lsp::WorkspaceEdit::default()
                    }),
                    is_preferred: c.preferred.then_some(true),
                    ..lsp::CodeAction::default()
                }))
            })
            .collect();
        Ok(Some(out))
    }

    async fn goto_definition(
        &self,
        params: lsp::GotoDefinitionParams,
    ) -> Result<Option<lsp::GotoDefinitionResponse>> {
        let p = params.text_document_position_params;
        let at = epos(p.position);
        let uri = p.text_document.uri;
        let found = self
            .with(&uri, move |a, _| editor::years::definition(a, at))
            .await
            .unwrap_or_default();
        let found: Vec<lsp::Location> = found
            .into_iter()
            .filter_map(|l| {
                let u = match &l.path {
                    Some(p) => lsp::Uri::from_file_path(p)?,
                    None => uri.clone(),
                };
                Some(lsp::Location::new(u, range(l.range)))
            })
            .collect();
        if found.is_empty() {
            return Ok(None);
        }
        Ok(Some(lsp::GotoDefinitionResponse::Array(found)))
    }

    async fn references(&self, params: lsp::ReferenceParams) -> Result<Option<Vec<lsp::Location>>> {
        let p = params.text_document_position;
        let at = epos(p.position);
        let decl = params.context.include_declaration;
        let uri = p.text_document.uri;
        let found = self
            .with(&uri, move |a, _| editor::navigate::references(a, at, decl))
            .await
            .unwrap_or_default();
        Ok(Some(
            found
                .into_iter()
                .map(|r| lsp::Location::new(uri.clone(), range(r)))
                .collect(),
        ))
    }

    async fn document_symbol(
        &self,
        params: lsp::DocumentSymbolParams,
    ) -> Result<Option<lsp::DocumentSymbolResponse>> {
        let syms = self
            .with(&params.text_document.uri, |a, _| {
                editor::symbols::document_symbols(a)
            })
            .await;
        Ok(syms.map(|v| lsp::DocumentSymbolResponse::Nested(v.into_iter().map(symbol).collect())))
    }

    async fn formatting(
        &self,
        params: lsp::DocumentFormattingParams,
    ) -> Result<Option<Vec<lsp::TextEdit>>> {
        let lang = self.s.lang;
        let result = self
            .with(&params.text_document.uri, move |a, _| {
                (editor::formatting(a), editor::formatting_refusal(a, lang))
            })
            .await;
        let Some((edits, refusal)) = result else {
            return Ok(None);
        };
        if let (None, Some(why)) = (&edits, refusal) {
            // the editor would otherwise do nothing, silently
            self.s
                .client
                .show_message(lsp::MessageType::WARNING, why)
                .await;
        }
        Ok(edits.map(|v| v.into_iter().map(edit).collect()))
    }
}
