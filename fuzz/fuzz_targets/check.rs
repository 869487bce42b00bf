//! Any bytes → parse + check + reports (see `budget_fuzz::targets::check`).
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| budget_fuzz::targets::check(data));
