//! Fuzzes the migration pipeline: split a file into statements, replay them onto an empty
//! schema, render the schema as DDL, normalise each statement as an expression, and read the
//! file's facts for the migration lint. Nothing may panic, and every statement's range (and
//! every fact's) must lie inside the text on character boundaries.
#![no_main]

use libfuzzer_sys::fuzz_target;
use lockstep_diagnostics::{Sources, decode_text};
use lockstep_sql::normalize::{canonical_expr, normalize_expr};
use lockstep_sql::replay::{MigrationFile, replay};
use lockstep_sql::schema::{Schema, to_ddl};
use lockstep_sql::split::split_statements;

fuzz_target!(|bytes: &[u8]| {
    let Ok(text) = decode_text(bytes) else { return };
    for statement in split_statements(&text) {
        let piece = text.get(statement.start as usize..statement.end as usize).expect("a statement on char boundaries");
        let _ = normalize_expr(piece);
        let _ = canonical_expr(piece);
    }
    let mut sources = Sources::new();
    let file = sources.add("fuzz.sql", text.clone());
    let replayed = replay(Schema::default(), &[MigrationFile { file, text: &text }]);
    let _ = to_ddl(&replayed.schema, &|_| true);
    for fact in lockstep_sql::migration_facts::migration_facts(&text) {
        text.get(fact.start as usize..fact.end as usize).expect("a fact on char boundaries");
    }
});
