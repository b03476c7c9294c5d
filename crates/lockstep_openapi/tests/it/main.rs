//! Loading hostile documents: whatever the text, `load` returns a value or an error with a
//! place, before the YAML loader builds anything unbounded.

use std::fmt::Write;

use lockstep_openapi::load;

#[test]
fn nesting_is_counted_exactly_and_refused_with_its_place() {
    // One space of indentation per level: the rough line scan counts two per level, so only the
    // events show that level 257 is on line 257.
    let mut text = String::new();
    for level in 0..300 {
        let _ = writeln!(text, "{}k:", " ".repeat(level));
    }
    let error = load(&text).expect_err("refused");
    assert_eq!(error.message, "nested more than 256 levels deep");
    assert_eq!(error.at.map(|(line, _)| line), Some(257));
}

#[test]
fn aliases_are_refused_with_their_place_before_expansion() {
    let mut text = String::from("a0: &a0 [x]\n");
    for level in 1..=10 {
        let _ = writeln!(text, "a{level}: &a{level} [{}]", vec![format!("*a{}", level - 1); 10].join(", "));
    }
    let error = load(&text).expect_err("refused");
    assert!(error.message.starts_with("YAML aliases (`*name`) are not supported"), "{}", error.message);
    assert_eq!(error.at, Some((2, 10)));
}

#[test]
fn a_title_with_line_breaks_stays_in_its_comment() {
    // Found by the fuzzer: a multi-line title ended the header comment, and its second line was
    // read as contract text.
    let text = "openapi: 3.0.3\ninfo: {title: \"Shop\\n> {\", version: \"1\\n2\"}\npaths: {}\n";
    let document = load(text).expect("loads");
    let imported = lockstep_openapi::import(&document).expect("imports");
    let first = imported.contract.lines().next().unwrap_or_default();
    assert_eq!(first, "// Imported from Shop > { 1 2 (OpenAPI 3.0.3) by `lockstep import openapi`.");
    assert!(imported.contract.lines().filter(|l| !l.is_empty()).all(|l| l.starts_with("//")), "{}", imported.contract);
}

#[test]
fn nameless_parameters_are_left_out_with_a_warning_and_a_name_is_one_field() {
    // Found by the fuzzer: two query parameters without a name both became a field `?`.
    let text = "openapi: 3.0.3\ninfo: {title: t, version: '1'}\npaths:\n  /a:\n    get:\n      parameters:\n        - {in: query, schema: {type: string}}\n        - {in: query, schema: {type: string}}\n        - {name: q, in: query, schema: {type: string}}\n        - {name: q, in: query, schema: {type: integer}}\n      responses:\n        '200': {description: ok}\n";
    let document = load(text).expect("loads");
    let imported = lockstep_openapi::import(&document).expect("imports");
    assert_eq!(imported.contract.matches("q?:").count(), 1, "{}", imported.contract);
    let warnings = &imported.warnings;
    assert!(warnings.iter().any(|w| w.contains("without a `name`")), "{warnings:?}");
}
