//! HTML: the profile's `document.html.tera` over a [`Document`], with
//! autoescaping of every text; chart SVG is ours and escaped when drawn.

use super::document::Document;
use super::{Profile, RenderError};

pub fn render(doc: &Document) -> Result<String, RenderError> {
    render_with(doc, &super::profile_of(&doc.profile)?)
}

/// Render with the given profile's template.
pub fn render_with(doc: &Document, profile: &Profile) -> Result<String, RenderError> {
    let mut tera = tera::Tera::default();
    tera.autoescape_on(vec![".html"]);
    tera.add_raw_template("document.html", profile.file("document.html.tera")?)
        .map_err(|e| RenderError::new(format!("{}/document.html.tera: {e:?}", profile.id)))?;
    let ctx = tera::Context::from_serialize(doc).map_err(|e| RenderError::new(format!("{e}")))?;
    tera.render("document.html", &ctx)
        .map_err(|e| RenderError::new(format!("{}/document.html.tera: {e:?}", profile.id)))
}
