//! Checked model → HTML and Typst, inert (see `budget_fuzz::targets::render`).
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| budget_fuzz::targets::render(data));
