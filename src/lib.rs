//! `budget` — a compiler for 部门预算公开 (department budget disclosure) documents.
//!
//! # Steps
//! 1. [`syntax`]: text → syntax tree (statements, values, blocks), with
//!    syntax diagnostics; a broken statement costs only itself.
//! 2. [`check`]: syntax tree → [`model::Budget`] (lowering: keywords, amounts,
//!    codes), then the rules of `docs/RULES.md` over the model; every problem
//!    is a [`diagnostic::Diagnostic`] with a stable code.
//! 3. [`model`]: the checked model with its derived figures, which the
//!    renderers and the JSON output read.
//!
//! The library does no IO: adapters (the CLI, the language server) read
//! files and print.
#![cfg_attr(not(test), deny(clippy::unwrap_used))]

pub mod acknowledge;
pub mod catalog;
pub mod check;
pub mod code;
pub mod diagnostic;
pub mod diff;
pub mod editor;
pub mod explain;
pub mod files;
pub mod format;
pub mod import;
pub mod model;
pub mod profiles;
pub mod render;
pub mod report;
pub mod review;
pub mod schema;
pub mod syntax;

pub use check::{check_file, check_source, Checked, Options};
