//! The rules of the migration lint (`lockstep migrate lint`): the hazards of migration SQL.

use lockstep_diagnostics::Severity;

use super::{Example, Layer, Rule};

pub const MIGRATE: Layer = Layer {
    name: "migrate",
    title: "Migrations",
    page: Some("migrate.md"),
    rules: &[
        Rule {
            code: "migrate/index-without-concurrently",
            severity: Severity::Warning,
            summary: "an index on an existing table built without `concurrently`",
            explanation: "`create index` takes a SHARE lock on the table: every insert, update and delete waits until the index is built, which on a large table is minutes. An index on a table the same migration creates is not reported.",
            example: Example { language: "sql", code: "create index orders_customer_idx on orders (customer_id);" },
            fix: "Build it with `create index concurrently` in a migration of its own, marked `-- lockstep:no-transaction` (`lockstep migrate plan --online` writes one).",
        },
        Rule {
            code: "migrate/concurrently-in-transaction",
            severity: Severity::Error,
            summary: "`concurrently` inside a transaction, which Postgres refuses",
            explanation: "`create index concurrently` and `drop index concurrently` cannot run in a transaction block. A migration tool runs a file in a transaction, and a file of several statements sent at once runs as one implicit transaction too, so the migration fails.",
            example: Example {
                language: "sql",
                code: "begin;\ncreate index concurrently orders_customer_idx on orders (customer_id);\ncommit;",
            },
            fix: "Put the statement in a file of its own whose first line is `-- lockstep:no-transaction`, and apply it outside a transaction.",
        },
        Rule {
            code: "migrate/not-null-without-default",
            severity: Severity::Error,
            summary: "a NOT NULL column without a default added to an existing table",
            explanation: "Postgres refuses to add a NOT NULL column without a default to a table that has a row. The migration works on an empty development database and fails in production, under an ACCESS EXCLUSIVE lock.",
            example: Example { language: "sql", code: "alter table orders add column region text not null;" },
            fix: "Give the column a default, or add it nullable, fill it, then `set not null`.",
        },
        Rule {
            code: "migrate/volatile-default",
            severity: Severity::Warning,
            summary: "a column added with a default computed per row, which rewrites the table",
            explanation: "A constant default (and `now()`) is stored once, but a volatile one such as `gen_random_uuid()` or `clock_timestamp()` is computed for every existing row. The whole table is rewritten under an ACCESS EXCLUSIVE lock that blocks reads and writes.",
            example: Example {
                language: "sql",
                code: "alter table orders add column token uuid default gen_random_uuid();",
            },
            fix: "Add the column without a default, set the default in a second statement, and fill existing rows in batches.",
        },
        Rule {
            code: "migrate/type-change",
            severity: Severity::Warning,
            summary: "a column's type changed on an existing table",
            explanation: "Changing a column's type rewrites the table and its indexes under an ACCESS EXCLUSIVE lock, unless the new type is binary-compatible (a longer `varchar`, `varchar` to `text`). Reads and writes wait for the whole rewrite.",
            example: Example { language: "sql", code: "alter table orders alter column total type numeric(12, 2);" },
            fix: "Add a column of the new type, fill it in batches, move the code to it, then drop the old column; or run the change while the app is down.",
        },
        Rule {
            code: "migrate/constraint-without-not-valid",
            severity: Severity::Warning,
            summary: "a foreign key or check added to an existing table without `not valid`",
            explanation: "Adding a foreign key or a check validates every row while the table is locked against writes (a foreign key locks the referenced table too). `not valid` skips existing rows; a later `validate constraint` checks them under a lock that lets writes through.",
            example: Example {
                language: "sql",
                code: "alter table orders add constraint orders_customer_fkey foreign key (customer_id) references customers (id);",
            },
            fix: "Add it `not valid`, then `alter table ... validate constraint ...` in the next migration.",
        },
        Rule {
            code: "migrate/set-not-null",
            severity: Severity::Warning,
            summary: "`set not null` on a column of an existing table",
            explanation: "`set not null` scans every row under an ACCESS EXCLUSIVE lock to prove none holds null, and fails if one does. Since Postgres 12 a valid `check (column is not null)` lets it skip the scan.",
            example: Example { language: "sql", code: "alter table orders alter column region set not null;" },
            fix: "Add `check (region is not null) not valid`, `validate constraint` it, then `set not null`, and drop the check.",
        },
        Rule {
            code: "migrate/no-lock-timeout",
            severity: Severity::Warning,
            summary: "an ACCESS EXCLUSIVE lock taken with no `lock_timeout` set",
            explanation: "A statement that needs an ACCESS EXCLUSIVE lock waits behind any long query on the table, and every query that arrives after it waits behind it: one slow report stalls the app. Reported once per file, at the first such statement.",
            example: Example { language: "sql", code: "alter table orders add column note text;" },
            fix: "Start the migration with `set lock_timeout = '5s';` so it fails fast and can be retried.",
        },
        Rule {
            code: "migrate/rename",
            severity: Severity::Warning,
            summary: "a table, column, function or enum value renamed",
            explanation: "Code deployed before the migration still uses the old name, and fails from the moment the rename runs until new code is deployed. Renames declared in the contract with `@was` are planned by `lockstep migrate plan`, and `lockstep check` finds the old name in the code.",
            example: Example { language: "sql", code: "alter table orders rename column total to amount;" },
            fix: "Ship the code that uses the new name together with the migration, or keep the old name reachable (a view) during the transition.",
        },
        Rule {
            code: "migrate/drop",
            severity: Severity::Warning,
            summary: "a table or column dropped with its data",
            explanation: "The data is gone once the migration runs, and code that still reads or writes the table or column fails. A table the same migration creates is not reported.",
            example: Example { language: "sql", code: "alter table orders drop column legacy_total;" },
            fix: "Stop using it in the code and deploy that first; keep a backup if the data may be needed.",
        },
        Rule {
            code: "migrate/breaks-code",
            severity: Severity::Error,
            summary: "a migration drops or renames a table, column, function or enum value the code still uses",
            explanation: "The migration removes a name that supabase-js calls in the app still use: a table or column they select, embed, filter, order by or write, a function they call with `.rpc()`, an enum value they compare or write. Each call site is listed with the finding, so the code and the migration can ship together. A name a later migration makes again is not reported.",
            example: Example {
                language: "text",
                code: r"
-- supabase/migrations/20240301000000_drop_total.sql
alter table orders drop column total;

// app/orders/page.tsx
const { data } = await supabase.from('orders').select('id, total')
",
            },
            fix: "Change or remove every listed use in the same deploy as the migration, or keep the column or table.",
        },
        Rule {
            code: "migrate/edited-migration",
            severity: Severity::Warning,
            summary: "a migration the default branch already had was edited",
            explanation: "Migration tools run each file once: a database that applied the migration before the edit never runs it, so environments drift apart silently. Reported by `check` for the files a branch changed since its merge base with the default branch.",
            example: Example {
                language: "text",
                code: r"
$ git diff --name-status main
M  supabase/migrations/20240101000000_init.sql
",
            },
            fix: "Restore the file and put the change in a new migration (`lockstep migrate plan` writes one from the contract).",
        },
        Rule {
            code: "migrate/enum-value-used-in-transaction",
            severity: Severity::Error,
            summary: "an enum value used in the transaction that adds it",
            explanation: "A value added with `alter type ... add value` cannot be used before its transaction commits: Postgres refuses with \"unsafe use of new value\". A migration file runs in one transaction, so adding and using the value in the same file fails.",
            example: Example {
                language: "sql",
                code: "alter type order_status add value 'refunded';\nupdate orders set status = 'refunded' where refunded_at is not null;",
            },
            fix: "Add the value in one migration and use it in the next.",
        },
        Rule {
            code: "migrate/identifier-too-long",
            severity: Severity::Warning,
            summary: "a name longer than the 63 bytes Postgres keeps",
            explanation: "Postgres truncates identifiers to 63 bytes without an error, so the object gets another name than the one written. Code and later migrations that use the full name do not find it.",
            example: Example {
                language: "sql",
                code: "create index orders_customer_id_created_at_status_region_partial_lookup_btree_idx on orders (customer_id);",
            },
            fix: "Use a name of at most 63 bytes.",
        },
    ],
};
