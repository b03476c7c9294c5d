//! Command-line arguments. Doc comments here are the `--help` text.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

/// Keep a web app's UI, API and database in lockstep through one machine-checkable contract.
///
/// lockstep reads a contract (`*.lockstep` files) describing the app's data, API, environment
/// and integrations, and checks every layer against it. Exit codes: 0 nothing found, 1 findings,
/// 2 the tool could not do its job.
#[derive(Debug, Parser)]
#[command(name = "lockstep", version, propagate_version = true, max_term_width = 100)]
pub struct Cli {
    #[command(flatten)]
    pub global: GlobalArgs,
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Args)]
pub struct GlobalArgs {
    /// Output format.
    #[arg(long, global = true, value_enum, default_value_t = OutputFormat::Text)]
    pub format: OutputFormat,
    /// When to use colours. `auto` honours `NO_COLOR` and `FORCE_COLOR`, then asks the terminal.
    #[arg(long, global = true, value_enum, default_value_t = ColorChoice::Auto)]
    pub color: ColorChoice,
    /// Print only findings and errors.
    #[arg(short, long, global = true, conflicts_with = "verbose")]
    pub quiet: bool,
    /// Print more about what is being done.
    #[arg(short, long, global = true)]
    pub verbose: bool,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum OutputFormat {
    /// For people: code frames, colours, a summary line.
    Text,
    /// One JSON object, versioned; see docs/json-output.md.
    Json,
    /// SARIF 2.1.0, for GitHub code scanning and other SARIF tools.
    Sarif,
    /// GitHub Actions annotations (`::error file=...::message`).
    Github,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum ColorChoice {
    Auto,
    Always,
    Never,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Check the project against its contract and report drift at the file and line.
    ///
    /// Validates the contract, then checks every layer against it: the database (the schema the
    /// app's files describe — a baseline, the migrations, the generated supabase `Database`
    /// type, SQL run by hand outside the migrations — replayed without a database, or a live one
    /// with `--db`), the supabase-js and HTTP
    /// calls in the code and what it reads from their results, the route handlers, the env
    /// files, and the migrations not yet applied (their hazards, and what they break in the
    /// code). Exit code 0: no errors; 1: drift found; 2: lockstep could not do its job.
    Check(CheckArgs),
    /// Print what an agent needs to fix one finding, and no more: the lines at it with the
    /// signature of the code around them, the related places (the contract element, the
    /// migration, the handler), and the fix, with its size in tokens (`o200k_base`) beside the
    /// size of the whole files it spares reading.
    ///
    /// FINDING is a finding's `id` from `lockstep check --format json` (stable across runs), or
    /// its number in the check's output (from 1).
    Context(ContextArgs),
    /// Print every place that depends on one contract element, the blast radius of changing it:
    /// the code's queries, selects, filters, reads, HTTP and rpc calls, storage and env reads;
    /// the route handlers; the migration statements; the env files; and the contract elements
    /// that name it. Each at its file and line, grouped, with counts and the tokens (`o200k_base`)
    /// of the files they are in.
    ///
    /// ELEMENT is an entity (`Order`), a field (`Order.status`), an enum (`OrderStatus`) or one
    /// of its values (`OrderStatus.paid`), an endpoint (`"GET /api/orders/{id}"`), an env
    /// variable, a function or a bucket; the database's names (`orders.customer_id`) work too.
    Impact(ImpactArgs),
    /// Serve the project to AI agents over the Model Context Protocol (stdio): tools `check`
    /// (compact findings with ids), `context` (one finding's slice with token counts), `rule`,
    /// `impact`, `contract` (an element's definition), and `migrate_plan` and `gen` as dry runs.
    /// Configure it in an agent as the command `lockstep mcp PATH` (docs/agents.md).
    Mcp(McpArgs),
    /// Database commands.
    #[command(subcommand)]
    Db(DbCommand),
    /// Migrations: written from the contract (`plan`), their hazards (`lint`), what a live
    /// database has applied (`status`), and applying the rest all or nothing (`apply`).
    #[command(subcommand)]
    Migrate(MigrateCommand),
    /// Format contract files in place, or with --check report the ones that are not formatted.
    Fmt(FmtArgs),
    /// Print the resolved contract: names after naming rules, keys, rules and shapes.
    Contract(ContractArgs),
    /// Adopt an existing app: derive a contract from its migrations, route handlers and env
    /// files, and write it with a lockstep.toml. The UI code is never a source: what only the UI
    /// uses is what `check` then reports.
    Init(InitArgs),
    /// Generate code the app owns from the contract, and keep it current.
    ///
    /// Writes the outputs configured under `[gen]` in lockstep.toml: the supabase `Database`
    /// type (`database`, by default over the generated types file the app has, in the format
    /// `supabase gen types typescript` writes, without Docker or a database), the API types
    /// (`types`), a typed fetch client (`client`) and, when set, zod schemas (`validators`) and
    /// the whole schema as SQL (`schema`). A file that exists and was not written by lockstep is never replaced (the
    /// types file another generator wrote aside). Every file opens with a header naming the contract's
    /// hash; the output is the same, byte for byte, on every run. With `--check` nothing is
    /// written: files that differ from what would be written are listed with their first
    /// differing line, and the exit code is 1 if there are any (for CI). See docs/gen.md.
    Gen(GenArgs),
    /// Turn another description of the API into contract text.
    #[command(subcommand)]
    Import(ImportCommand),
    /// Write the contract in another format.
    #[command(subcommand)]
    Export(ExportCommand),
    /// Test the running app against the contract: API statuses, shapes and auth, webhook
    /// signatures and idempotency, and (with `--db`) row-level security as two users and as
    /// anonymous, in transactions that are rolled back.
    ///
    /// Every failure comes with a reproducer (curl, a shell snippet, or SQL) in which secrets
    /// are `$VARIABLE`s. Exit code 0: every test passed; 1: a test failed; 2: lockstep could not
    /// do its job (the app or the database unreachable). See docs/testing.md.
    Test(TestArgs),
    /// Explain a finding code: what it means, why it matters, an example and the fix.
    ///
    /// `lockstep rule ui/unknown-column` prints one rule; without a code, or with `--all`, every
    /// code with its severity and summary. `--format json` prints the same as JSON: one object
    /// for a code, an array for the list. docs/rules.md holds every rule.
    Rule(RuleArgs),
}

#[derive(Debug, Args)]
pub struct TestArgs {
    /// The project folder. Defaults to the current folder.
    pub path: Option<PathBuf>,
    /// Where the app listens: `http://127.0.0.1:3000`. Needed by the `api` and `webhooks` tests.
    #[arg(long, value_name = "URL")]
    pub base_url: Option<String>,
    /// The database, for the `rls` tests and for counting duplicate webhook deliveries: its URL,
    /// or no value to read the variable named by `url_env` in lockstep.toml (default
    /// `DATABASE_URL`). The RLS tests change nothing: they run in transactions rolled back.
    #[arg(long, value_name = "URL", num_args = 0..=1, default_missing_value = "")]
    pub db: Option<String>,
    /// Run only these groups (comma-separated). Default: `api` and `webhooks` with
    /// `--base-url`, `rls` with `--db`.
    #[arg(long, value_enum, value_delimiter = ',')]
    pub only: Vec<TestGroup>,
    /// Also write the results as `JUnit` XML to this file.
    #[arg(long, value_name = "FILE")]
    pub junit: Option<PathBuf>,
    /// The header that carries credentials for `auth required` endpoints.
    #[arg(long, value_name = "NAME", default_value = "Authorization")]
    pub auth_header: String,
    /// The variable holding that header's value (`Bearer eyJ...`). Read from the environment so
    /// that it never appears in a command line or a reproducer.
    #[arg(long, value_name = "VAR", default_value = "LOCKSTEP_TEST_AUTH")]
    pub auth_env: String,
    /// How long one request may take, in seconds.
    #[arg(long, value_name = "SECONDS", default_value_t = 10)]
    pub timeout: u64,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum TestGroup {
    /// Every endpoint: valid and invalid requests, credentials, statuses, shapes.
    Api,
    /// Every webhook: signatures, stale timestamps, duplicate deliveries.
    Webhooks,
    /// Every entity with `allow` rules, as two users and as anonymous (needs `--db`).
    Rls,
}

#[derive(Debug, Args)]
pub struct RuleArgs {
    /// The finding code, as in `error[ui/unknown-column]`.
    #[arg(conflicts_with = "all")]
    pub code: Option<String>,
    /// List every rule (the default without a code).
    #[arg(long)]
    pub all: bool,
}

#[derive(Debug, Args)]
pub struct GenArgs {
    /// The project folder (or any folder inside it). Defaults to the current folder.
    pub path: Option<PathBuf>,
    /// Write nothing; list the generated files that are missing or differ from what `gen`
    /// would write now, and exit with 1 if there are any.
    #[arg(long)]
    pub check: bool,
}

#[derive(Debug, Args)]
pub struct InitArgs {
    /// The app's folder. Defaults to the current folder.
    pub path: Option<PathBuf>,
    /// Replace an existing contract.
    #[arg(long)]
    pub force: bool,
    /// Print the contract instead of writing anything.
    #[arg(long)]
    pub dry_run: bool,
    /// Derive the data from a live database instead of the migrations: for apps whose schema
    /// was made in a dashboard (Supabase Studio) and has no migrations in the repository.
    #[command(flatten)]
    pub database: DatabaseArgs,
}

#[derive(Debug, Subcommand)]
pub enum ImportCommand {
    /// Turn an OpenAPI 3.0 or 3.1 document (YAML or JSON) into contract `type`s, `enum`s and
    /// `endpoint`s. What the contract cannot say is listed as warnings; `$ref`s must be local.
    Openapi(ImportOpenApiArgs),
}

#[derive(Debug, Args)]
pub struct ImportOpenApiArgs {
    /// The OpenAPI document.
    pub file: PathBuf,
    /// Where to write the contract. Defaults to `contract/<name>.lockstep` when `contract/`
    /// exists here, else `<name>.lockstep`.
    #[arg(long)]
    pub out: Option<PathBuf>,
    /// Overwrite the output file if it exists.
    #[arg(long)]
    pub force: bool,
    /// Print the contract instead of writing it.
    #[arg(long)]
    pub dry_run: bool,
}

#[derive(Debug, Subcommand)]
pub enum ExportCommand {
    /// Write an OpenAPI 3.1 document (JSON) from the contract's types, enums, entities and
    /// endpoints.
    Openapi(ExportOpenApiArgs),
}

#[derive(Debug, Args)]
pub struct ExportOpenApiArgs {
    /// The project folder. Defaults to the current folder.
    pub path: Option<PathBuf>,
    /// Write to this file instead of stdout.
    #[arg(long)]
    pub out: Option<PathBuf>,
}

#[derive(Debug, Args)]
pub struct CheckArgs {
    /// The project folder (or any folder inside it). Defaults to the current folder.
    pub path: Option<PathBuf>,
    /// Treat warnings as errors for the exit code.
    #[arg(long, value_enum)]
    pub deny: Option<Deny>,
    /// Run only these layers (comma-separated). The contract is always checked.
    #[arg(long, value_enum, value_delimiter = ',')]
    pub only: Vec<Layer>,
    #[command(flatten)]
    pub database: DatabaseArgs,
    /// With `--db`: also report where the live database differs from what the migrations
    /// produce (`db/drift-from-migrations`: someone changed it by hand).
    #[arg(long, requires = "db")]
    pub migrations: bool,
    /// The `migrations` layer lints every migration, not only those not yet applied (missing
    /// from the `--db` database's history, or else added since the merge base with the
    /// default branch).
    #[arg(long)]
    pub all_migrations: bool,
    /// Keep running: check again whenever a file of the project changes, re-parsing only what
    /// changed (the report is printed again after each check).
    #[arg(long)]
    pub watch: bool,
}

#[derive(Debug, Args)]
pub struct McpArgs {
    /// The project folder. Defaults to the current folder.
    pub path: Option<PathBuf>,
}

#[derive(Debug, Args)]
pub struct ImpactArgs {
    /// The contract element.
    pub element: String,
    /// The project folder. Defaults to the current folder.
    pub path: Option<PathBuf>,
}

#[derive(Debug, Args)]
pub struct ContextArgs {
    /// The finding: its id (`ls-...`) or its number in the check's output.
    pub finding: String,
    /// The project folder. Defaults to the current folder.
    pub path: Option<PathBuf>,
    /// Check only these layers (comma-separated), as `lockstep check --only`.
    #[arg(long, value_enum, value_delimiter = ',')]
    pub only: Vec<Layer>,
    /// Read a live database, as `lockstep check --db`.
    #[arg(long, value_name = "URL", num_args = 0..=1, default_missing_value = "")]
    pub db: Option<String>,
}

#[derive(Debug, Args)]
pub struct DatabaseArgs {
    /// Read a live database instead of replaying the migrations. Give its URL, or no value to
    /// read the URL from the variable named by `url_env` in lockstep.toml (default
    /// `DATABASE_URL`). The connection is read-only.
    #[arg(long, value_name = "URL", num_args = 0..=1, default_missing_value = "")]
    pub db: Option<String>,
}

#[derive(Debug, Args)]
pub struct MigrateStatusArgs {
    /// The project folder. Defaults to the current folder.
    pub path: Option<PathBuf>,
    #[command(flatten)]
    pub database: DatabaseArgs,
}

#[derive(Debug, Args)]
#[expect(clippy::struct_excessive_bools, reason = "each is a command-line flag")]
pub struct MigrateApplyArgs {
    /// The project folder. Defaults to the current folder.
    pub path: Option<PathBuf>,
    /// The database: its URL, or no value to read the variable named by `url_env` in
    /// lockstep.toml (default `DATABASE_URL`).
    #[arg(long, value_name = "URL", num_args = 0..=1, default_missing_value = "")]
    pub db: Option<String>,
    /// Say what would be applied; change nothing.
    #[arg(long)]
    pub dry_run: bool,
    /// Apply up to and including this version.
    #[arg(long, value_name = "VERSION")]
    pub to: Option<String>,
    /// Accept applied migrations that were edited since: their history rows are rewritten to
    /// the files as they are now; they do not run again.
    #[arg(long)]
    pub repair: bool,
    /// Also apply pending migrations older than the latest applied one.
    #[arg(long)]
    pub include_all: bool,
    /// How long a statement may wait for a lock before the apply fails and rolls back.
    #[arg(long, value_name = "MS", default_value_t = 5_000)]
    pub lock_timeout_ms: u64,
    /// How long a statement may run (0: no limit).
    #[arg(long, value_name = "MS", default_value_t = 600_000)]
    pub statement_timeout_ms: u64,
    /// How long to wait, in seconds, while another apply holds the migration lock.
    #[arg(long, value_name = "SECONDS", default_value_t = 120)]
    pub lock_wait: u64,
    /// Do not compare the database with the contract afterwards.
    #[arg(long)]
    pub no_check: bool,
    /// Apply migrations that drop tables or columns with their data. Without a person at the
    /// terminal, `LOCKSTEP_CONSENT` must also be set to the value the refusal prints.
    #[arg(long)]
    pub allow_destructive: bool,
}

#[derive(Debug, Subcommand)]
pub enum DbCommand {
    /// Print the database schema as lockstep sees it: replayed from the migrations (no
    /// database needed), or read from a live database with `--db`.
    Inspect(InspectArgs),
}

#[derive(Debug, Subcommand)]
pub enum MigrateCommand {
    /// Write the migration that takes the database from its current schema to the contract.
    ///
    /// The current schema is the app's migrations replayed (no database needed), or a live
    /// database with `--db`. The difference to the contract is written as a new migration file
    /// in the app's own layout and naming (Supabase and sqlx timestamps, numbered files, Flyway
    /// `V<n>__`, golang-migrate `.up.sql`, Prisma folders), with a header listing every change
    /// and its hazards; what cannot share its transaction goes in a file of its own. Before
    /// writing, the new files are replayed after the others; they are written only if the
    /// result equals the contract. See docs/migrate.md.
    ///
    /// Renames are declared in the contract, never guessed: `@was(oldName)` on an entity, a
    /// field, an enum or an enum value becomes `alter ... rename`. A column dropped and one of
    /// the same type added looks like an undeclared rename and stops the plan, as do destructive
    /// changes (dropped tables and columns, removed enum values, narrowed types, NOT NULL on
    /// existing columns) unless `--allow-destructive` is given.
    ///
    /// Exit code 0: written, or nothing to do; 1: refused (destructive or a suspected rename),
    /// nothing written; 2: lockstep could not do its job.
    Plan(PlanArgs),
    /// Report the hazards of migration SQL files: locks that block the app, statements that fail
    /// on existing rows, data lost, renames and drops.
    ///
    /// Without files, every migration of the project is linted. Findings are reported at the
    /// file and line in every `--format`; `lockstep rule migrate/<code>` explains each rule.
    /// Exit code 0: no errors; 1: errors found; 2: lockstep could not do its job.
    Lint(LintArgs),

    /// Compare the migrations folder with the live database's history: applied, pending,
    /// changed since applied (line ends aside), applied but missing here, out of order. Exit
    /// code 1 when anything needs attention. Supabase projects read
    /// `supabase_migrations.schema_migrations` (as the Supabase CLI writes it); others
    /// `lockstep.schema_migrations`.
    Status(MigrateStatusArgs),
    /// Apply the pending migrations to the live database, all in one transaction: either every
    /// one applies, or none does. A migration whose header has `-- lockstep:no-transaction`
    /// (for `create index concurrently`) runs alone, after what precedes it commits. Another
    /// apply on the same database is waited for (a try-lock with backoff, never a blocking
    /// lock); statements wait for locks at most `--lock-timeout-ms`. Refuses when an applied
    /// migration was edited (accept the edit with `--repair`). Afterwards the database is
    /// compared with the contract and the migrations.
    Apply(MigrateApplyArgs),
}

#[derive(Debug, Args)]
pub struct PlanArgs {
    /// The project folder. Defaults to the current folder.
    pub path: Option<PathBuf>,
    /// The migration's name, put in its file name after the version.
    #[arg(long, default_value = "lockstep_plan")]
    pub name: String,
    /// Print the migration instead of writing it.
    #[arg(long)]
    pub dry_run: bool,
    /// Plan destructive changes too (drops, removed enum values, narrowed types, NOT NULL on
    /// existing columns), and drops that look like undeclared renames.
    #[arg(long)]
    pub allow_destructive: bool,
    /// Build indexes on existing tables with `create index concurrently`, in a second file
    /// marked `-- lockstep:no-transaction` that must run outside a transaction.
    #[arg(long)]
    pub online: bool,
    #[command(flatten)]
    pub database: DatabaseArgs,
}

#[derive(Debug, Args)]
pub struct LintArgs {
    /// Migration files to lint. Defaults to every migration of the project.
    pub files: Vec<PathBuf>,
    /// The project folder, when no files are given. Defaults to the current folder.
    #[arg(long)]
    pub project: Option<PathBuf>,
    /// Treat warnings as errors for the exit code.
    #[arg(long, value_enum)]
    pub deny: Option<Deny>,
}

#[derive(Debug, Args)]
pub struct InspectArgs {
    /// The project folder. Defaults to the current folder.
    pub path: Option<PathBuf>,
    #[command(flatten)]
    pub database: DatabaseArgs,
    /// Include the objects of the provider (Supabase's `auth` and `storage` schemas).
    #[arg(long)]
    pub all: bool,
}

pub use lockstep_workspace::check::Layer;

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum Deny {
    Warnings,
}

#[derive(Debug, Args)]
pub struct FmtArgs {
    /// Files or folders of `.lockstep` files. Defaults to the project's contract.
    pub paths: Vec<PathBuf>,
    /// Change nothing; list the files that are not formatted and exit with 1 if there are any.
    #[arg(long)]
    pub check: bool,
}

#[derive(Debug, Args)]
pub struct ContractArgs {
    /// The project folder, a contract folder or one `.lockstep` file. Defaults to the current
    /// folder.
    pub path: Option<PathBuf>,
}
