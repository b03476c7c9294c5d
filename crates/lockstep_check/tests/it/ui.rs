//! The UI rules on `tests/data/ui`: at least three positive cases and two near misses per code.

use lockstep_check::ui::{UiContext, check_reads, check_ui, check_ui_with_reads};

use crate::code_cases::run_cases;

#[test]
fn every_case_reports_exactly_what_its_name_says() {
    run_cases("ui", 25, &|contract, facts| check_ui(contract, facts, &UiContext::default()));
}

/// A check holding many files judges what each reads as soon as it is parsed, drops the reads,
/// and runs the other UI rules later: the findings must be the same, in the same order.
#[test]
fn reads_judged_early_give_the_same_findings() {
    run_cases("ui", 25, &|contract, facts| {
        let whole = check_ui(contract, facts, &UiContext::default());
        let reads = check_reads(contract, facts);
        let mut without_reads = facts.clone();
        without_reads.reads.clear();
        without_reads.paths = lockstep_ts::facts::PathTree::default();
        without_reads.fallbacks.clear();
        let split = check_ui_with_reads(contract, &without_reads, &UiContext::default(), reads);
        assert_eq!(format!("{whole:?}"), format!("{split:?}"));
        split
    });
}
