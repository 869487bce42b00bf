//! HTML: the profile's `document.html.tera` over a [`Document`], with
//! autoescaping of every text; chart SVG is ours and escaped when drawn.

use super::document::Document;
use super::{Profile, RenderError};

pub fn render(doc: &Document) -> Result<String, RenderError> {
    let profile = Profile::get(&doc.profile)
        .ok_or_else(|| RenderError::new(format!("no templates for profile `{}`", doc.profile)))?;
    let mut tera = tera::Tera::default();
    tera.autoescape_on(vec![".html"]);
    tera.add_raw_template("document.html", profile.file("document.html.tera")?)
        .map_err(|e| RenderError::new(format!("{}/document.html.tera: {e:?}", profile.id)))?;
    let ctx = tera::Context::from_serialize(doc).map_err(|e| RenderError::new(format!("{e}")))?;
    tera.render("document.html", &ctx)
        .map_err(|e| RenderError::new(format!("{}/document.html.tera: {e:?}", profile.id)))
}
