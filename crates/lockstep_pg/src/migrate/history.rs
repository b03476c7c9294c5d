//! The history of applied migrations: Supabase's `supabase_migrations.schema_migrations`, as the
//! Supabase CLI writes it (so `supabase migration list` and lockstep agree), or lockstep's own
//! `lockstep.schema_migrations` with a checksum, timing and who applied it.

use postgres::GenericClient;

use super::Migration;

/// Where the history lives.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum HistoryKind {
    /// `supabase_migrations.schema_migrations (version text primary key, statements text[], name
    /// text)`, the table the Supabase CLI creates in `pkg/migration/history.go`.
    Supabase,
    /// `lockstep.schema_migrations`: version, name, checksum, applied at, duration, applied by.
    Lockstep,
}

/// One applied migration, as its history row says.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Applied {
    pub version: String,
    pub name: String,
    /// lockstep's table: the checksum of the file applied.
    pub checksum: Option<String>,
    /// Supabase's table: the statements applied.
    pub statements: Option<Vec<String>>,
}

impl HistoryKind {
    /// Creates the history table when it is missing (the same statements as the Supabase CLI
    /// for Supabase: a table it made is left as it is).
    pub(crate) fn ensure(self, client: &mut impl GenericClient) -> Result<(), postgres::Error> {
        match self {
            HistoryKind::Supabase => client.batch_execute(
                "create schema if not exists supabase_migrations;
                 create table if not exists supabase_migrations.schema_migrations (version text not null primary key);
                 alter table supabase_migrations.schema_migrations add column if not exists statements text[];
                 alter table supabase_migrations.schema_migrations add column if not exists name text;",
            ),
            HistoryKind::Lockstep => client.batch_execute(
                "create schema if not exists lockstep;
                 create table if not exists lockstep.schema_migrations (
                   version text not null primary key,
                   name text not null,
                   checksum text not null,
                   applied_at timestamptz not null default now(),
                   duration_ms bigint not null,
                   applied_by text not null default current_user
                 );",
            ),
        }
    }

    /// Records `migration` as applied, in the caller's transaction.
    pub(crate) fn record(
        self,
        client: &mut impl GenericClient,
        migration: &Migration,
        duration_ms: i64,
    ) -> Result<(), postgres::Error> {
        match self {
            HistoryKind::Supabase => client
                .execute(
                    "insert into supabase_migrations.schema_migrations (version, name, statements) values ($1, $2, $3)",
                    &[&migration.version, &migration.name, &migration.statements()],
                )
                .map(drop),
            HistoryKind::Lockstep => client
                .execute(
                    "insert into lockstep.schema_migrations (version, name, checksum, duration_ms) values ($1, $2, $3, $4)",
                    &[&migration.version, &migration.name, &migration.checksum(), &duration_ms],
                )
                .map(drop),
        }
    }

    /// Forgets the row of `version` (`--repair` of an edited migration rewrites it).
    pub(crate) fn forget(self, client: &mut impl GenericClient, version: &str) -> Result<(), postgres::Error> {
        let table = self.table();
        client.execute(&format!("delete from {table} where version = $1"), &[&version]).map(drop)
    }

    fn table(self) -> &'static str {
        match self {
            HistoryKind::Supabase => "supabase_migrations.schema_migrations",
            HistoryKind::Lockstep => "lockstep.schema_migrations",
        }
    }
}

/// The history rows, by version; empty when the table does not exist yet.
pub fn read_history(client: &mut impl GenericClient, kind: HistoryKind) -> Result<Vec<Applied>, postgres::Error> {
    let table = kind.table();
    let exists: bool = client.query_one(&format!("select to_regclass('{table}') is not null"), &[])?.get(0);
    if !exists {
        return Ok(Vec::new());
    }
    let query = match kind {
        HistoryKind::Supabase => {
            format!("select version, coalesce(name, ''), statements from {table} order by version")
        }
        HistoryKind::Lockstep => format!("select version, name, checksum from {table} order by version"),
    };
    let rows = client.query(&query, &[])?;
    Ok(rows
        .iter()
        .map(|row| match kind {
            HistoryKind::Supabase => Applied {
                version: row.get(0),
                name: row.get(1),
                checksum: None,
                statements: row.get::<_, Option<Vec<String>>>(2),
            },
            HistoryKind::Lockstep => {
                Applied { version: row.get(0), name: row.get(1), checksum: Some(row.get(2)), statements: None }
            }
        })
        .collect())
}
