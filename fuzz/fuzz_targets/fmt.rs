//! `budget fmt` keeps meaning and is idempotent (see `budget_fuzz::targets::fmt`).
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| budget_fuzz::targets::fmt(data));
