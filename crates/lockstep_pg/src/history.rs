//! The migrations a database records as applied, read from the history table of the tool that
//! applied them, in one read-only transaction with a statement timeout.

use postgres::Client;

use crate::IntrospectError;

/// Each tool's history table and the query for what it applied, in the order they are looked
/// for.
// language=SQL
const TABLES: [(&str, &str); 6] = [
    ("supabase_migrations.schema_migrations", "select version::text from supabase_migrations.schema_migrations"),
    ("flyway_schema_history", "select version::text from flyway_schema_history where success and version is not null"),
    (
        "_prisma_migrations",
        "select migration_name::text from _prisma_migrations where finished_at is not null and rolled_back_at is null",
    ),
    ("_sqlx_migrations", "select version::text from _sqlx_migrations where success"),
    // golang-migrate (`version bigint, dirty boolean`: the one version reached) and dbmate
    // (`version varchar`: one row per migration).
    ("schema_migrations", "select version::text from schema_migrations"),
    ("goose_db_version", "select version_id::text from goose_db_version where is_applied"),
];

pub(crate) fn applied(
    client: &mut Client,
    step: &mut dyn FnMut(&'static str),
) -> Result<Option<Vec<String>>, IntrospectError> {
    step("opening a read-only transaction");
    let mut tx = client.transaction()?;
    // language=SQL
    tx.batch_execute(&format!(
        "set transaction read only; set local statement_timeout = {}",
        crate::statement_timeout_ms()
    ))?;
    step("looking for a migration history table");
    for (table, query) in TABLES {
        // language=SQL
        let exists: bool = tx.query_one("select to_regclass($1) is not null", &[&table])?.get(0);
        if !exists {
            continue;
        }
        step("reading the migration history");
        let versions = tx.query(query, &[])?.iter().map(|row| row.get::<_, String>(0)).collect();
        return Ok(Some(versions));
    }
    Ok(None)
}
