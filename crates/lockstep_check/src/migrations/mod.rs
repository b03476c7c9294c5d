//! The migration lint: the hazards of one migration file, read from its facts
//! (`lockstep_sql::migration_facts` extracts them). Each finding names the lock Postgres takes or what
//! fails, and the safe alternative. A table is "existing" unless the same file created it
//! before: changing a table that already holds rows is what blocks and fails.

mod changes;
mod code;
mod locks;
mod transactions;

use lockstep_diagnostics::{Diagnostic, FileId, Span};
use lockstep_schema::migration_facts::{Fact, FactKind};

pub const INDEX_WITHOUT_CONCURRENTLY: &str = "migrate/index-without-concurrently";
pub const CONCURRENTLY_IN_TRANSACTION: &str = "migrate/concurrently-in-transaction";
pub const NOT_NULL_WITHOUT_DEFAULT: &str = "migrate/not-null-without-default";
pub const VOLATILE_DEFAULT: &str = "migrate/volatile-default";
pub const TYPE_CHANGE: &str = "migrate/type-change";
pub const CONSTRAINT_WITHOUT_NOT_VALID: &str = "migrate/constraint-without-not-valid";
pub const SET_NOT_NULL: &str = "migrate/set-not-null";
pub const NO_LOCK_TIMEOUT: &str = "migrate/no-lock-timeout";
pub const RENAME: &str = "migrate/rename";
pub const DROP: &str = "migrate/drop";
pub const ENUM_VALUE_USED_IN_TRANSACTION: &str = "migrate/enum-value-used-in-transaction";
pub const IDENTIFIER_TOO_LONG: &str = "migrate/identifier-too-long";
pub const BREAKS_CODE: &str = "migrate/breaks-code";
pub const EDITED_MIGRATION: &str = "migrate/edited-migration";

pub use code::breaking_code;

/// One migration file, as the lint reads it.
pub struct MigrationFile<'a> {
    pub file: FileId,
    pub facts: &'a [Fact],
    /// The file starts with the no-transaction marker: its statements run one by one.
    pub no_transaction: bool,
}

/// Every hazard of `migration`, in file order.
pub fn lint_migration(migration: &MigrationFile) -> Vec<Diagnostic> {
    let context = Context::new(migration);
    let mut findings = Vec::new();
    locks::check(&context, &mut findings);
    transactions::check(&context, &mut findings);
    changes::check(&context, &mut findings);
    findings.sort_by_key(|d| d.primary.as_ref().map(|l| l.span.start));
    findings
}

/// `migrate/edited-migration`: each of `files`, migrations the default branch already had,
/// was changed since. A database that applied one never runs the change.
/// Each file comes with where its first line ends, where the finding points.
pub fn edited_migrations(files: &[(FileId, u32)]) -> Vec<Diagnostic> {
    files
        .iter()
        .map(|&(file, end)| {
            Diagnostic::warning(
                EDITED_MIGRATION,
                "this migration was already on the default branch and has been edited: a database that applied it never runs the edit",
            )
            .at(Span::new(file, 0, end), "edited after it was merged")
            .help("restore the file and put the change in a new migration (`lockstep migrate plan` writes one from the contract)")
        })
        .collect()
}

/// What the rules share: the facts, and which tables the file created before each fact.
struct Context<'a> {
    file: FileId,
    facts: &'a [Fact],
    no_transaction: bool,
}

impl<'a> Context<'a> {
    fn new(migration: &MigrationFile<'a>) -> Context<'a> {
        Context { file: migration.file, facts: migration.facts, no_transaction: migration.no_transaction }
    }

    fn span(&self, fact: &Fact) -> Span {
        Span::new(self.file, fact.start, fact.end)
    }

    /// Whether `table` existed before the fact at `at`: not created earlier in this file.
    fn existing(&self, at: usize, table: &str) -> bool {
        !self.facts[..at].iter().any(|f| matches!(&f.kind, FactKind::CreateTable { table: t } if t == table))
    }

    /// The facts with their index.
    fn facts(&self) -> impl Iterator<Item = (usize, &'a Fact)> {
        self.facts.iter().enumerate()
    }
}
