//! The profiles (province layouts) compiled into this build: one folder per
//! profile under `templates/`, embedded by build.rs. A profile's
//! `document.toml` names it (`name = "山西县级"`), which is what an author
//! writes after `口径`; adding a province adds no Rust code.

include!(concat!(env!("OUT_DIR"), "/profiles.rs"));
