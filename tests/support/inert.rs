//! Checks that a rendered document holds hostile text only as text: the HTML
//! tags and attributes are the templates' own, and in Typst every text is
//! inside a string literal; and the texts of a model to plant hostile text
//! in. Shared by tests/robust.rs and tests/injection.rs.
#![allow(dead_code)]

/// The tags our HTML template and charts emit.
const TAGS: &[&str] = &[
    "!doctype",
    "html",
    "head",
    "meta",
    "title",
    "style",
    "body",
    "header",
    "nav",
    "main",
    "section",
    "article",
    "footer",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "p",
    "div",
    "span",
    "a",
    "ul",
    "ol",
    "li",
    "table",
    "caption",
    "colgroup",
    "col",
    "thead",
    "tbody",
    "tfoot",
    "tr",
    "th",
    "td",
    "figure",
    "figcaption",
    "svg",
    "g",
    "circle",
    "path",
    "rect",
    "text",
    "line",
    "polyline",
    "polygon",
    "tspan",
    "br",
    "small",
    "strong",
    "em",
    "b",
    "aside",
];

/// One tag of an HTML text: its name and raw attribute text.
pub struct Tag {
    pub name: String,
    pub attrs: Vec<(String, String)>,
}

/// The tags of an HTML text, and the text between them (entities decoded),
/// or an error when a `<` does not start a well-formed tag.
pub fn html_scan(html: &str) -> Result<(Vec<Tag>, String), String> {
    let mut tags = Vec::new();
    let mut text = String::new();
    let mut rest = html;
    let mut raw_until: Option<String> = None; // inside <style>: up to </style>
    while let Some(lt) = rest.find('<') {
        let before = &rest[..lt];
        if raw_until.is_none() {
            text.push_str(&decode(before));
        } else if before.contains("</") {
            return Err("`</` inside <style>".into());
        }
        rest = &rest[lt..];
        if let Some(end) = raw_until.as_deref() {
            if !rest.to_ascii_lowercase().starts_with(end) {
                return Err(format!("raw text element not closed by {end}"));
            }
            raw_until = None;
        }
        if rest.starts_with("<!--") {
            let e = rest.find("-->").ok_or("unclosed comment")?;
            rest = &rest[e + 3..];
            continue;
        }
        let gt = rest.find('>').ok_or("unclosed tag")?;
        let inner = &rest[1..gt];
        rest = &rest[gt + 1..];
        let inner = inner.trim_end_matches('/');
        let closing = inner.starts_with('/');
        let inner = inner.trim_start_matches('/');
        let name: String = inner
            .chars()
            .take_while(|c| !c.is_whitespace())
            .collect::<String>()
            .to_ascii_lowercase();
        if !TAGS.contains(&name.as_str()) {
            return Err(format!("unexpected tag <{name}>"));
        }
        let attrs = attributes(&inner[name.len()..])?;
        if !closing && name == "style" {
            raw_until = Some("</style".into());
        }
        tags.push(Tag { name, attrs });
    }
    text.push_str(&decode(rest));
    Ok((tags, text))
}

fn attributes(s: &str) -> Result<Vec<(String, String)>, String> {
    let mut out = Vec::new();
    let mut rest = s.trim_start();
    while !rest.is_empty() {
        let name: String = rest
            .chars()
            .take_while(|c| !c.is_whitespace() && *c != '=')
            .collect();
        rest = rest[name.len()..].trim_start();
        let mut value = String::new();
        if let Some(r) = rest.strip_prefix('=') {
            let r = r.trim_start();
            let q = r.chars().next().ok_or("attribute without a value")?;
            if q != '"' && q != '\'' {
                return Err(format!("unquoted attribute {name}"));
            }
            let end = r[1..].find(q).ok_or("unclosed attribute value")?;
            value = decode(&r[1..1 + end]);
            rest = r[end + 2..].trim_start();
        }
        out.push((name.to_ascii_lowercase(), value));
    }
    Ok(out)
}

/// HTML character references → text.
pub fn decode(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(i) = rest.find('&') {
        out.push_str(&rest[..i]);
        rest = &rest[i..];
        let Some(semi) = rest.find(';').filter(|&j| j <= 10) else {
            out.push('&');
            rest = &rest[1..];
            continue;
        };
        let ent = &rest[1..semi];
        let c = match ent {
            "amp" => Some('&'),
            "lt" => Some('<'),
            "gt" => Some('>'),
            "quot" => Some('"'),
            "apos" => Some('\''),
            "nbsp" => Some('\u{a0}'),
            _ => ent
                .strip_prefix("#x")
                .or_else(|| ent.strip_prefix("#X"))
                .and_then(|h| u32::from_str_radix(h, 16).ok())
                .or_else(|| ent.strip_prefix('#').and_then(|d| d.parse().ok()))
                .and_then(char::from_u32),
        };
        match c {
            Some(c) => {
                out.push(c);
                rest = &rest[semi + 1..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

/// The HTML's tags are all ours, with no event handler, no script URL; the
/// payloads appear only as text. Returns the document's text.
pub fn assert_html_inert(html: &str) -> String {
    let (tags, text) = html_scan(html).unwrap_or_else(|e| panic!("HTML: {e}"));
    for t in &tags {
        for (k, v) in &t.attrs {
            assert!(!k.starts_with("on"), "event handler {k}= on <{}>", t.name);
            let v = v.trim().to_ascii_lowercase();
            assert!(
                !v.starts_with("javascript:") && !v.starts_with("data:") && !v.contains("url("),
                "{k}=\"{v}\" on <{}>",
                t.name
            );
            assert!(
                !(k == "style" && (v.contains("expression") || v.contains('@'))),
                "style attribute {v}"
            );
        }
    }
    text
}

/// Typst's new lines (its lexer ends a `//` comment at any of them).
fn typst_newline(c: char) -> bool {
    matches!(
        c,
        '\n' | '\x0B' | '\x0C' | '\r' | '\u{0085}' | '\u{2028}' | '\u{2029}'
    )
}

/// (code outside string literals and comments, the string literals' values).
pub fn typst_scan(src: &str) -> (String, Vec<String>) {
    let mut code = String::with_capacity(src.len() / 2);
    let mut lits = Vec::new();
    let mut it = src.chars().peekable();
    while let Some(c) = it.next() {
        match c {
            '"' => {
                code.push_str("\"\"");
                let mut lit = String::new();
                while let Some(c) = it.next() {
                    match c {
                        '\\' => match it.next() {
                            Some('n') => lit.push('\n'),
                            Some('t') => lit.push('\t'),
                            Some('r') => lit.push('\r'),
                            Some('u') => {
                                let mut hex = String::new();
                                for c in it.by_ref() {
                                    if c == '}' {
                                        break;
                                    }
                                    if c != '{' {
                                        hex.push(c);
                                    }
                                }
                                if let Some(ch) =
                                    u32::from_str_radix(&hex, 16).ok().and_then(char::from_u32)
                                {
                                    lit.push(ch);
                                }
                            }
                            Some(o) => lit.push(o),
                            None => {}
                        },
                        '"' => break,
                        c => lit.push(c),
                    }
                }
                lits.push(lit);
            }
            '/' if it.peek() == Some(&'/') => {
                for c in it.by_ref() {
                    if typst_newline(c) {
                        code.push('\n');
                        break;
                    }
                }
            }
            '/' if it.peek() == Some(&'*') => {
                it.next();
                let (mut depth, mut prev) = (1, '\0');
                for c in it.by_ref() {
                    if prev == '/' && c == '*' {
                        depth += 1;
                        prev = '\0';
                    } else if prev == '*' && c == '/' {
                        depth -= 1;
                        if depth == 0 {
                            break;
                        }
                        prev = '\0';
                    } else {
                        prev = c;
                    }
                }
            }
            c => code.push(c),
        }
    }
    (code, lits)
}

/// No code the model could have written is outside a string literal: the code
/// has none of the markers, and every payload is some literal's substring.
pub fn assert_typst_inert(typ: &str, markers: &[&str]) -> Vec<String> {
    let (code, lits) = typst_scan(typ);
    for m in markers {
        assert!(!code.contains(m), "`{m}` outside a Typst string literal");
    }
    for bad in ["read(", "#import", "#include", "eval(", "plugin("] {
        assert!(!code.contains(bad), "`{bad}` in the Typst code");
    }
    lits
}

/// A text field of the model that a test overwrites: a `String` or a short
/// [`budget::model::Name`].
pub trait SetText {
    fn set_text(&mut self, text: String);
}

impl SetText for String {
    fn set_text(&mut self, text: String) {
        *self = text;
    }
}

impl SetText for budget::model::Name {
    fn set_text(&mut self, text: String) {
        *self = text.into();
    }
}

/// Every text of a project's 绩效目标申报表, in a fixed order: its prose
/// fields, then each indicator's name and value (the period's, then the
/// year's).
pub fn target_texts(t: &mut budget::model::ProjectTarget) -> Vec<&mut dyn SetText> {
    let mut v: Vec<&mut dyn SetText> = [
        &mut t.attribute,
        &mut t.period,
        &mut t.overview,
        &mut t.basis,
        &mut t.necessity,
        &mut t.safeguards,
        &mut t.plan,
        &mut t.goal_period,
        &mut t.goal_year,
    ]
    .into_iter()
    .flatten()
    .map(|s| s as &mut dyn SetText)
    .collect();
    for ind in std::iter::once(&mut t.indicators_period).chain(t.indicators_year.as_mut()) {
        for l1 in &mut ind.level1 {
            for l2 in &mut l1.level2 {
                for i in &mut l2.items {
                    v.push(&mut i.name.text);
                    v.push(&mut i.value.text);
                }
            }
        }
    }
    v
}
