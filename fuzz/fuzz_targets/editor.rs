//! Edit sequences through the editor API (see `budget_fuzz::targets::editor`).
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| budget_fuzz::targets::editor(data));
