//! The env-read rules on `tests/data/env`: at least three positive cases and two near misses
//! per code.

use lockstep_check::env::check_env_reads;

use crate::code_cases::run_cases;

#[test]
fn every_case_reports_exactly_what_its_name_says() {
    run_cases("env", 10, &check_env_reads);
}
