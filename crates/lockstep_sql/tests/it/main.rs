//! Replay and normalisation on hostile SQL: a flat chain of operators is parsed by `sqlparser`
//! in a loop (so its recursion limit does not see it) into a tree as deep as the chain, which
//! every later pass walks recursively. Such a statement is skipped with a finding, and the next
//! one still applies.

use lockstep_diagnostics::Sources;
use lockstep_sql::limits::MAX_SQL_CHAIN;
use lockstep_sql::normalize::{canonical_expr, normalize_expr};
use lockstep_sql::replay::{MigrationFile, UNPARSED_STATEMENT, replay};
use lockstep_sql::schema::{QualifiedName, Schema};

fn replayed(sql: &str) -> lockstep_sql::replay::Replayed {
    let mut sources = Sources::new();
    let file = sources.add("m.sql", sql);
    replay(Schema::default(), &[MigrationFile { file, text: sql }])
}

#[test]
fn flat_operator_chains_skip_their_statement_with_a_warning() {
    // 2,000 terms overflowed the stack of the release binary.
    let sums = format!("create table a (x int check (x > 1{}));", "+1".repeat(2_000));
    let ors = format!("create table b (x int check (x = 0{}));", " or x = 1".repeat(2_000));
    let sql = format!("{sums}\n{ors}\ncreate table c (id int);\n");
    let replayed = replayed(&sql);
    let skipped: Vec<_> = replayed.diagnostics.iter().filter(|d| d.code == UNPARSED_STATEMENT).collect();
    assert_eq!(skipped.len(), 2, "{:#?}", replayed.diagnostics);
    assert!(
        skipped[0].message.contains(&format!("chains more than {MAX_SQL_CHAIN} operators")),
        "{}",
        skipped[0].message
    );
    let names: Vec<&QualifiedName> = replayed.schema.tables.iter().map(|t| &t.name).collect();
    assert_eq!(names, [&QualifiedName::public("c")]);
}

#[test]
fn chains_under_the_limit_still_replay() {
    let sql = format!("create table a (x int check (x > 1{}));", "+1".repeat(MAX_SQL_CHAIN - 10));
    let replayed = replayed(&sql);
    assert!(replayed.diagnostics.is_empty(), "{:#?}", replayed.diagnostics);
    assert_eq!(replayed.schema.tables[0].checks.len(), 1);
}

#[test]
fn contract_sql_with_long_chains_is_compared_as_text() {
    // A raw-SQL rule in the contract reaches the same parser through `canonical_expr`.
    let rule = format!("auth.uid() = owner_id{}", " OR  auth.uid() = owner_id".repeat(2_000));
    let canonical = canonical_expr(&rule);
    assert!(canonical.starts_with("auth.uid() = owner_id or auth.uid()"), "{}", &canonical[..60]);
    assert_eq!(normalize_expr(&rule), canonical);
}

/// Found by the `sql` fuzz target: a DO block whose condition holds multi-byte characters
/// before its `then` made the word search slice inside a character.
#[test]
fn a_do_block_with_multi_byte_characters_in_its_condition_replays() {
    let sql = "do $x$ begin if 'a' = 'с' and сz1 < 2 then create table t (id int); end if; end $x$;\n\
               dO\u{19}$N0$if:N7[0$if:сz1a<\u{8}сa<@|!ف\u{8}с!ف@|!ف\u{8}с";
    let replayed = replayed(sql);
    assert!(replayed.schema.tables.iter().any(|t| t.name.name == "t"), "the guarded table is created");
}
