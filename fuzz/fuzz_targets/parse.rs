//! Any bytes → decode → parse (see `budget_fuzz::targets::parse`).
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| budget_fuzz::targets::parse(data));
