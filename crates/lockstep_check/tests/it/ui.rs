//! The UI rules on `tests/data/ui`: at least three positive cases and two near misses per code.

use lockstep_check::ui::{UiContext, check_ui};

use crate::code_cases::run_cases;

#[test]
fn every_case_reports_exactly_what_its_name_says() {
    run_cases("ui", 25, &|contract, facts| check_ui(contract, facts, &UiContext::default()));
}
