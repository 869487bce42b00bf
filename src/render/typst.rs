//! Typst source: the profile's `document.typ.tera` over a [`Document`].
//! Every text reaches Typst as a string literal (`typst_str`), so no text
//! can become markup or code (`#read(...)`, `]`, `$`, `<label>` …).

use super::document::Document;
use super::{Profile, RenderError};
use std::collections::HashMap;
use std::fmt::Write as _;

/// A Typst string literal: `"…"` with `\` and `"` escaped, new lines as
/// `\n`, and every other character Typst takes for a line break (U+0085,
/// U+2028, U+2029) as a `\u{…}` escape, so the literal is one line of source
/// whatever the text. Other control characters are dropped.
pub fn string_literal(s: &str) -> String {
    let mut o = String::with_capacity(s.len() + 2);
    o.push('"');
    for ch in s.chars() {
        match ch {
            '\\' => o.push_str("\\\\"),
            '"' => o.push_str("\\\""),
            '\n' => o.push_str("\\n"),
            '\t' => o.push_str("\\t"),
            '\u{85}' | '\u{2028}' | '\u{2029}' => {
                let _ = write!(o, "\\u{{{:x}}}", ch as u32);
            }
            c if c.is_control() => {}
            c => o.push(c),
        }
    }
    o.push('"');
    o
}

fn typst_str(v: &tera::Value, _: &HashMap<String, tera::Value>) -> tera::Result<tera::Value> {
    let s = match v {
        tera::Value::String(s) => s.clone(),
        tera::Value::Null => String::new(),
        other => other.to_string(),
    };
    Ok(tera::Value::String(string_literal(&s)))
}

pub fn render(doc: &Document) -> Result<String, RenderError> {
    render_with(doc, &super::profile_of(&doc.profile)?)
}

/// Render with the given profile's template.
pub fn render_with(doc: &Document, profile: &Profile) -> Result<String, RenderError> {
    let mut tera = tera::Tera::default();
    tera.autoescape_on(vec![]);
    tera.register_filter("typst_str", typst_str);
    tera.add_raw_template("document.typ", profile.file("document.typ.tera")?)
        .map_err(|e| RenderError::new(format!("{}/document.typ.tera: {e:?}", profile.id)))?;
    let ctx = tera::Context::from_serialize(doc).map_err(|e| RenderError::new(format!("{e}")))?;
    tera.render("document.typ", &ctx)
        .map_err(|e| RenderError::new(format!("{}/document.typ.tera: {e:?}", profile.id)))
}

#[cfg(test)]
mod tests {
    use super::string_literal;

    #[test]
    fn text_becomes_one_line_string_literal() {
        assert_eq!(string_literal("a\"b\\c"), r#""a\"b\\c""#);
        assert_eq!(string_literal("#read(\"/x\")"), r##""#read(\"/x\")""##);
        assert_eq!(string_literal("1\n2\r\u{7}"), r#""1\n2""#);
        assert_eq!(
            string_literal("a\u{2028}b\u{2029}c\u{85}"),
            r#""a\u{2028}b\u{2029}c\u{85}""#
        );
        assert_eq!(string_literal("]$<l>//@x"), r#""]$<l>//@x""#);
    }
}
