//! The rules of the database layer: the schema (replayed migrations, the generated types, or a
//! live database) against the contract, and the schema sources against each other.

use lockstep_diagnostics::Severity;

use super::{Example, Layer, Rule};

pub const DB: Layer = Layer {
    name: "db",
    title: "The database",
    page: Some("database.md"),
    rules: &[
        Rule {
            code: "db/missing-table",
            severity: Severity::Error,
            summary: "an entity's table does not exist",
            explanation: "The contract declares an entity (or an `@view`) whose table or view is not in the schema the migrations build, or in the live database with `--db`. Every query of it would fail at run time with \"relation does not exist\".",
            example: Example {
                language: "text",
                code: r"
// contract/data.lockstep
entity Invoice { id uuid @id }

-- supabase/migrations: no `create table invoices`
",
            },
            fix: "Add a migration that creates the table (under the name the `naming` rules or `@map` give it), or remove the entity from the contract.",
        },
        Rule {
            code: "db/extra-table",
            severity: Severity::Warning,
            summary: "a table the contract does not describe",
            explanation: "The database has a table no entity describes (the provider's own schemas, such as Supabase's `auth` and `storage`, are left out). The code may use it unchecked, and its access rules are in no contract.",
            example: Example {
                language: "sql",
                code: r"
create table audit_log (id bigint primary key, action text);
-- and no `entity AuditLog` in the contract
",
            },
            fix: "Describe the table with an entity (`lockstep init --dry-run` shows one derived from the migrations), or drop it if nothing uses it.",
        },
        Rule {
            code: "db/missing-column",
            severity: Severity::Error,
            summary: "a field's column does not exist",
            explanation: "An entity's field has no column in its table. Reads of the field return nothing and writes fail; the finding names the similar column when there is one, which is usually a rename the contract did not follow.",
            example: Example {
                language: "text",
                code: r"
// contract
entity Order {
  id         uuid @id
  totalCents int
}

-- migration
create table orders (id uuid primary key, total int);
",
            },
            fix: "Add the column in a migration, rename the field to the column's name, or map it: `totalCents int @map(\"total\")`.",
        },
        Rule {
            code: "db/extra-column",
            severity: Severity::Warning,
            summary: "a column the contract does not describe",
            explanation: "A table has a column no field of its entity describes. The API and UI checks do not know it, so code that reads it is reported, and a required column without a default makes inserts from the app fail.",
            example: Example {
                language: "sql",
                code: r"
alter table orders add column discount_code text;
-- and no `discountCode` field in `entity Order`
",
            },
            fix: "Add the field to the entity, or drop the column in a migration if nothing uses it.",
        },
        Rule {
            code: "db/type-mismatch",
            severity: Severity::Error,
            summary: "a column's type differs from the contract",
            explanation: "The column's Postgres type is not the one the field's contract type maps to. Values then round-trip differently from what the API and the generated types promise: an `int` that is really `text` sorts and compares as text.",
            example: Example {
                language: "text",
                code: r"
// contract
entity Order {
  id    uuid @id
  total int
}

-- migration
create table orders (id uuid primary key, total text);
",
            },
            fix: "Change the column's type in a migration (`alter table ... alter column ... type ...`), or the field's type if the database is right.",
        },
        Rule {
            code: "db/nullability-mismatch",
            severity: Severity::Error,
            summary: "a column's nullability differs from the contract",
            explanation: "The column is nullable where the field is required, or `NOT NULL` where the field is optional (`?`). In the first case the code meets `null` it does not expect; in the second, inserts that leave the value out fail.",
            example: Example {
                language: "text",
                code: r"
// contract
entity Customer {
  id    uuid @id
  email text
}

-- migration
create table customers (id uuid primary key, email text);
",
            },
            fix: "Add or drop `NOT NULL` in a migration, or add or remove the field's `?`.",
        },
        Rule {
            code: "db/default-mismatch",
            severity: Severity::Error,
            summary: "a column's default differs from the contract",
            explanation: "The column has another default than the field declares, or none. Code that relies on the default (an insert without `createdAt`) then stores something else, or fails on a required column. Equivalent spellings are accepted: `now()` and `current_timestamp`, `gen_random_uuid()` and `uuid_generate_v4()`, identity or a sequence for `autoincrement`.",
            example: Example {
                language: "text",
                code: r"
// contract
entity Order {
  id        uuid        @id @default(random)
  createdAt timestamptz = now
}

-- migration
create table orders (id uuid primary key, created_at timestamptz not null);
",
            },
            fix: "Set the default in a migration (`alter table orders alter column created_at set default now()`), or change the field's default.",
        },
        Rule {
            code: "db/enum-mismatch",
            severity: Severity::Error,
            summary: "an enum type differs from the contract",
            explanation: "A contract enum has no Postgres enum type, or the type lacks values or has extra ones. Writing a missing value fails at run time, and the code never handles an extra one. Values in another order are a warning: Postgres sorts enum values by their order.",
            example: Example {
                language: "text",
                code: r"
// contract
enum OrderStatus { pending paid shipped }

-- migration
create type order_status as enum ('pending', 'paid');
",
            },
            fix: "Add the value in a migration (`alter type order_status add value 'shipped'`), or change the enum in the contract to what the database has.",
        },
        Rule {
            code: "db/missing-foreign-key",
            severity: Severity::Error,
            summary: "a declared reference has no matching foreign key",
            explanation: "A field declares `-> Entity.field`, but the column has no foreign key to that column, or one with another `on delete` action. Without it the database accepts rows that point at nothing, and deletes do not cascade as the contract says.",
            example: Example {
                language: "text",
                code: r"
// contract
entity Order {
  id         uuid @id
  customerId uuid -> Customer.id on delete cascade
}

-- migration
create table orders (id uuid primary key, customer_id uuid not null);
",
            },
            fix: "Add the constraint in a migration (`alter table orders add foreign key (customer_id) references customers (id) on delete cascade`), or correct the reference in the contract.",
        },
        Rule {
            code: "db/missing-unique",
            severity: Severity::Error,
            summary: "a declared unique key has no unique constraint",
            explanation: "A field marked `@unique` or an `@@unique(...)` list has no unique constraint, primary key or unique index over the same columns (a partial index does not count). The database then accepts duplicates the app assumes cannot exist, and `upsert` with `onConflict` fails.",
            example: Example {
                language: "text",
                code: r"
// contract
entity Customer {
  id    uuid @id
  email text @unique
}

-- migration
create table customers (id uuid primary key, email text not null);
",
            },
            fix: "Add the constraint in a migration (`alter table customers add unique (email)`), or remove `@unique`.",
        },
        Rule {
            code: "db/missing-check",
            severity: Severity::Error,
            summary: "a declared check has no check constraint of the same meaning",
            explanation: "A `@check` or `@@check` has no check constraint on the table that means the same, compared after normalising the SQL. The database then accepts values the contract rules out; checks the database has beyond the contract are not reported.",
            example: Example {
                language: "text",
                code: r"
// contract
entity Product {
  id    uuid @id
  price int  @check(`price >= 0`)
}

-- migration
create table products (id uuid primary key, price int not null);
",
            },
            fix: "Add the constraint in a migration (`alter table products add check (price >= 0)`), or change the contract's check to the database's.",
        },
        Rule {
            code: "db/missing-function",
            severity: Severity::Error,
            summary: "a declared function does not exist in the database",
            explanation: "A contract `function` has no function of that name in the `public` schema. Every `supabase.rpc(...)` of it fails at run time.",
            example: Example {
                language: "text",
                code: r"
// contract
function order_total { args { order_id: uuid }  returns int }

-- migrations: no `create function order_total`
",
            },
            fix: "Create the function in a migration, or correct its name in the contract.",
        },
        Rule {
            code: "db/function-mismatch",
            severity: Severity::Error,
            summary: "a function takes other argument names than the contract declares",
            explanation: "The function exists, but no overload takes exactly the contract's argument names. PostgREST matches an rpc's arguments by name, so a call with the contract's keys finds no function. Overloads are declared once: the contract lists every argument some overload takes, optional where not every overload takes it.",
            example: Example {
                language: "text",
                code: r"
// contract
function order_total { args { order_id: uuid }  returns int }

-- migration
create function order_total(p_order_id uuid) returns int language sql as $$ select 1 $$;
",
            },
            fix: "Rename the function's arguments in a migration, or declare the names it takes in the contract's `args`.",
        },
        Rule {
            code: "db/rls-disabled",
            severity: Severity::Error,
            summary: "row-level security is off on a table with access rules",
            explanation: "The entity has `allow` rules, but its table does not enable row-level security. Policies are then ignored: with Supabase, every row is readable and writable by anyone holding the public anon key.",
            example: Example {
                language: "text",
                code: r"
// contract
entity Order {
  id      uuid @id
  ownerId uuid

  allow select to authenticated when ownerId == auth.uid
}

-- migration: no `alter table orders enable row level security`
",
            },
            fix: "Add `alter table orders enable row level security;` in a migration.",
        },
        Rule {
            code: "db/policy-missing",
            severity: Severity::Error,
            summary: "an access rule has no policy",
            explanation: "No permissive policy grants the rule's operation to its roles. With row-level security on, that operation is then denied to those roles: the app's queries return no rows or fail.",
            example: Example {
                language: "text",
                code: r"
// contract
entity Order {
  id      uuid @id
  ownerId uuid

  allow insert to authenticated check ownerId == auth.uid
}

-- migrations: a `for select` policy on orders, none `for insert`
",
            },
            fix: "Create the policy in a migration (`create policy ... on orders for insert to authenticated with check (owner_id = auth.uid())`), or remove the rule.",
        },
        Rule {
            code: "db/policy-mismatch",
            severity: Severity::Error,
            summary: "a policy differs from the contract's access rule",
            explanation: "A policy for the same operation and roles has other conditions than the rule, compared by meaning: usually a condition loosened to `true` while debugging. A policy the contract does not declare at all is a warning, since it may grant access no rule describes.",
            example: Example {
                language: "text",
                code: r"
// contract, in `entity Order`
allow select to authenticated when ownerId == auth.uid

-- migration
create policy read_orders on orders for select to authenticated using (true);
",
            },
            fix: "Change the policy in a migration to the rule's condition, or change the rule if the policy is what is meant.",
        },
        Rule {
            code: "db/drift-from-migrations",
            severity: Severity::Error,
            summary: "the live database differs from what the migrations produce",
            explanation: "With `--db URL --migrations`, an object of the live database differs from the schema the migrations build: someone changed the database by hand, or a migration was never applied. The next deploy from migrations will not reproduce the database the app runs on.",
            example: Example {
                language: "sh",
                code: r"
# a column added in the dashboard, never in a migration
lockstep check --db $DATABASE_URL --migrations
",
            },
            fix: "Write a migration that makes the same change, or apply the pending migrations to the database.",
        },
        Rule {
            code: "db/unparsed-statement",
            severity: Severity::Warning,
            summary: "a migration statement lockstep could not parse",
            explanation: "The SQL parser does not understand a statement, so its effect on the schema is unknown and findings about the objects it touches may be wrong. The replay goes on with the next statement.",
            example: Example {
                language: "sql",
                code: r"
create tabel notes (id uuid primary key);
",
            },
            fix: "Correct the statement if it is a mistake; if Postgres accepts it, add `-- lockstep-ignore: db/unparsed-statement` above it and describe its effect in the contract.",
        },
        Rule {
            code: "db/skipped-statement",
            severity: Severity::Info,
            summary: "a migration statement outside the schema model",
            explanation: "A statement changes something lockstep does not model (grants, roles, sequences, data), so the replay skips it. It is shown with `--verbose` only and never changes the exit code.",
            example: Example {
                language: "sql",
                code: r"
grant select on orders to anon;
insert into plans (name) values ('free');
",
            },
            fix: "Nothing to fix: the finding says what was not modelled.",
        },
        Rule {
            code: "db/replay-conflict",
            severity: Severity::Warning,
            summary: "a migration statement Postgres would refuse",
            explanation: "Replayed in order, a statement conflicts with the schema before it: it creates what already exists, alters or drops what does not exist, or renames onto a taken name. Postgres would stop the migration there, so the migrations disagree with themselves or with the database they were written against.",
            example: Example {
                language: "sql",
                code: r"
create table orders (id uuid primary key);
-- a later migration
create table orders (id uuid primary key, total int);
",
            },
            fix: "Correct the statement the finding points at: the name it uses, or a guard such as `if not exists` / `if exists` where running it twice is intended.",
        },
        Rule {
            code: "db/unreadable-migration",
            severity: Severity::Error,
            summary: "a migration file that is not readable text",
            explanation: "A file in the migrations folder is not UTF-8 text, is too large, is not a regular file, or is a link out of the project, so it was not replayed. The schema is incomplete, so the run cannot be clean.",
            example: Example {
                language: "text",
                code: r"
supabase/migrations/20240101000000_init.sql   (saved as UTF-16 without a byte order mark)
",
            },
            fix: "Convert the file to UTF-8, or move it out of the migrations folder.",
        },
        Rule {
            code: "db/incomplete-migrations",
            severity: Severity::Warning,
            summary: "tables, functions or buckets the app uses that the migrations never create",
            explanation: "The migrations do not describe the whole database: the generated supabase `Database` type has tables or views they never create; or they alter, index, give policies to, write to, hang triggers on or read in function bodies tables they never create (or alter functions they never create); or SQL files outside the migrations (scripts run by hand, `.bolt/supabase_discarded_migrations`) create objects; or the code uses storage buckets nothing creates. The objects were made in the dashboard or a hosted database, or the migrations start after a dump. A fresh database built from the migrations would lack them. It is said once per app, all of it in one finding; lockstep checks the code against the types file where it has one, and does not check uses of what no source describes (a bucket name that is a near miss of a declared one is still a `ui/unknown-bucket` error).",
            example: Example {
                language: "ts",
                code: r"
// src/integrations/supabase/types.ts
export type Database = { public: { Tables: { profiles: { Row: { id: string } } } } }
// and no `create table profiles` in supabase/migrations
",
            },
            fix: "Pull the missing objects into a migration (`supabase db pull` or `supabase db diff`), or add a baseline schema (`[database] baseline`).",
        },
        Rule {
            code: "db/stale-types",
            severity: Severity::Warning,
            summary: "the generated types and the migrations disagree on columns",
            explanation: "Tables both sources have differ in their columns, or the types list a column the migrations dropped or renamed. The app's TypeScript is typed against a schema that no longer exists, so the compiler lets through what fails at run time. It is said once, with the first few differences.",
            example: Example {
                language: "text",
                code: r"
-- migration
alter table orders rename column total to total_cents;

// types.ts still has
orders: { Row: { id: string; total: number } }
",
            },
            fix: "Regenerate the types (`supabase gen types typescript`) after applying the migrations.",
        },
        Rule {
            code: "db/stale-was",
            severity: Severity::Info,
            summary: "a rename the contract declares with `@was` that the database has made",
            explanation: "The entity, field, enum or enum value declares its previous name with `@was`, and the database already has the new name and not the old one. The `@was` has nothing left to do for `lockstep migrate plan`.",
            example: Example {
                language: "text",
                code: r"
// contract
entity Note { heading text @was(title) }

-- migration
alter table notes rename column title to heading;
",
            },
            fix: "Remove the `@was` once every layer (the code, the generated types) uses the new name.",
        },
        Rule {
            code: "db/unreadable-types",
            severity: Severity::Warning,
            summary: "the generated types file cannot be read",
            explanation: "The configured or detected types file cannot be read or declares no `Database` type. The schema is read without it, so tables that exist only there are reported as missing.",
            example: Example {
                language: "toml",
                code: r#"
[database]
types = "src/types/supabase.ts"   # a file that does not declare `Database`
"#,
            },
            fix: "Point `[database] types` in lockstep.toml at the file `supabase gen types typescript` writes, or remove the key.",
        },
    ],
};
