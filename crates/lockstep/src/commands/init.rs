//! `lockstep init`: adopt an existing app. Detects the layout, derives a contract from the
//! migrations, the route handlers and the env files (never from the UI code, which is checked
//! against it), formats it, makes sure it checks, and writes it with a `lockstep.toml`.

use std::fmt::Write;

use anyhow::{Context, bail};
use lockstep_diagnostics::Sources;

use crate::ExitStatus;
use crate::cli::InitArgs;
use crate::printer::Printer;
use crate::write::{Existing, write_file};
use crate::{database, load};

const CONFIG: &str = "# lockstep configuration. Everything lockstep found in this project matches its defaults\n# (see docs/configuration.md); set keys here to point it elsewhere.\n";

pub fn run(printer: &Printer, args: &InitArgs) -> anyhow::Result<ExitStatus> {
    let root = args.path.clone().unwrap_or_else(|| ".".into());
    if !root.is_dir() {
        bail!("`{}` is not a folder", root.display());
    }
    let mut sources = Sources::new();
    let project = load::project(Some(&root), &mut sources, printer.color_stderr)?;
    let contract_dir = project.root.join(&project.config.contract);
    let shown_dir = load::display_path(&contract_dir, &project.root);
    refuse_to_replace(&contract_dir, &shown_dir, args)?;

    // The sources of truth. A file among them that cannot be read would leave a hole in the
    // contract that the first `check` reports as drift: refuse instead.
    let mut unreadable: Vec<String> = Vec::new();
    let (schema, buckets) = schema_and_buckets(&project, args, &mut sources, &mut unreadable)?;
    let (source_paths, problems) = crate::sources::source_paths(&project)?;
    if let Some(problem) = problems.first() {
        return Err(load::rendered(problem, &sources, printer.color_stderr));
    }
    let extracted = crate::sources::read_and_extract(&project, &source_paths, &mut sources);
    let facts = extracted.facts;
    unreadable.extend(extracted.diagnostics.iter().filter(|d| d.code == crate::sources::UNREADABLE_SOURCE).map(reason));
    note_unparsed_routes(printer, &facts, &sources);
    let handlers = lockstep_workspace::mounts::mounted_handlers(extracted.routes);
    let env = env_input(&project, &facts, &mut unreadable);
    if !unreadable.is_empty() {
        bail!(
            "cannot derive a contract from files lockstep cannot read:\n{}\nlockstep reads migrations, route handlers and env files to derive the contract; fix these files, or leave them out in lockstep.toml (`[database] migrations`, `[sources] exclude`, `[env.files]`; docs/configuration.md)",
            unreadable.iter().map(|line| format!("  - {line}")).collect::<Vec<_>>().join("\n")
        );
    }
    if schema.is_none() && handlers.is_empty() && env.vars.is_empty() {
        bail!(
            "found nothing to derive a contract from in `{}`: lockstep looked for migrations (supabase/migrations, migrations, db/migrations, prisma/migrations), a baseline schema (supabase/schemas, schema.sql), the generated `Database` type (src/integrations/supabase/types.ts, database.types.ts, ...), route handlers (app/**/route.ts, pages/api, Express/Hono/Fastify/Koa servers, supabase/functions) and env files (.env, .env.local, .env.development, .env.staging, .env.production). Point lockstep at them in lockstep.toml (docs/configuration.md); if the schema lives only in a database, derive it from there with `lockstep init --db <URL>`, or write it into the app with `supabase db pull` (migrations) or `supabase gen types typescript` (the types file)",
            root.display()
        );
    }

    let is_provider = |schema: &str| database::is_provider_schema(&project, schema);
    let env_reads_of = |handler: &lockstep_ts::routes::RouteHandler| -> Vec<String> {
        let file = handler.method.span.file;
        facts
            .iter()
            .filter(|(id, _)| *id == file)
            .flat_map(|(_, f)| f.env_reads.iter().map(|r| r.name.name.clone()))
            .collect()
    };
    let derived = lockstep_init::derive(&lockstep_init::Input {
        schema: schema.as_ref(),
        is_provider_schema: &is_provider,
        handlers: &handlers,
        env_reads_of: &env_reads_of,
        buckets,
        env,
    });
    let (files, left_out) = crate::generated::formatted_leaving_out(&derived.files, "lockstep init")?;
    for note in derived.notes.iter().chain(&left_out) {
        printer.status(&format!("note: {note}"));
    }
    // A file over a parsing limit serves no handlers and reads no env variables here either.
    for (id, file_facts) in &facts {
        let file = sources.get(*id);
        if file_facts.parse_error.is_some()
            && let Some(refused) = lockstep_ts::refusal(file.path(), file.text())
        {
            printer.status(&format!(
                "note: `{}` was skipped ({}); whatever it serves or reads is not in the contract",
                file.path(),
                refused.message
            ));
        }
    }
    if schema.is_none() {
        note_unmigrated_tables(printer, &facts);
    }
    if args.dry_run {
        let mut out = String::new();
        for (name, text) in &files {
            let _ = writeln!(out, "// ==> {}/{name}", project.config.contract.display());
            out.push_str(text);
            out.push('\n');
        }
        printer.out(&out)?;
        return Ok(ExitStatus::Success);
    }
    std::fs::create_dir_all(&contract_dir).with_context(|| format!("cannot create `{}`", contract_dir.display()))?;
    // Without --force every file is created new, checked by the write itself: of two inits
    // racing in the same folder, one fails instead of both overwriting each other.
    let existing = if args.force { Existing::Replace } else { Existing::Refuse };
    for (name, text) in &files {
        write_file(&contract_dir.join(name), text.as_bytes(), existing)?;
    }
    let config = project.root.join("lockstep.toml");
    if config.symlink_metadata().is_err() {
        write_file(&config, CONFIG.as_bytes(), Existing::Refuse)?;
    }
    let written: Vec<String> =
        files.iter().map(|(name, _)| format!("{}/{name}", project.config.contract.display())).collect();
    printer.status(&format!("wrote {} and lockstep.toml; run `lockstep check` next", written.join(", ")));
    Ok(ExitStatus::Success)
}

/// init writes a folder of `.lockstep` files; an existing contract is replaced only with
/// `--force`, and anything else at that path (a file, a link) never.
fn refuse_to_replace(contract_dir: &std::path::Path, shown_dir: &str, args: &InitArgs) -> anyhow::Result<()> {
    let Ok(metadata) = std::fs::symlink_metadata(contract_dir) else { return Ok(()) };
    if args.dry_run {
        return Ok(());
    }
    if metadata.is_dir() {
        if !args.force && !load::contract_files_in(contract_dir)?.is_empty() {
            bail!(
                "`{shown_dir}` already holds a contract; pass --force to replace it (its files are overwritten), or --dry-run to see what init would write"
            );
        }
        return Ok(());
    }
    let what = if metadata.file_type().is_symlink() {
        "a symbolic link"
    } else if metadata.is_file() {
        "a file"
    } else {
        "not a folder"
    };
    bail!(
        "`{shown_dir}` is {what}, and init writes the contract as a folder of `.lockstep` files there; it was left unchanged\n  help: move `{shown_dir}` away, or point `contract` in lockstep.toml at a folder (docs/configuration.md)"
    );
}

/// Env files of each environment, read raw (values decide types and are never printed), and
/// the variables the code reads.
/// The schema the migrations build (with the buckets they create), or the live database's with
/// `--db`; `None` without either.
fn schema_and_buckets(
    project: &lockstep_config::Project,
    args: &InitArgs,
    sources: &mut Sources,
    unreadable: &mut Vec<String>,
) -> anyhow::Result<(Option<lockstep_sql::schema::Schema>, Vec<lockstep_sql::schema::Bucket>)> {
    if let Some(given) = &args.database.db {
        let url = database::database_url(project, given)?;
        let schema = database::introspect(&url).context("cannot read the database given with --db")?;
        let buckets = schema.buckets.clone();
        return Ok((Some(schema), buckets));
    }
    let Some(replayed) = database::static_schema(project, sources)?.filter(|r| r.files > 0 || r.from_types.is_some())
    else {
        return Ok((None, Vec::new()));
    };
    let mut buckets = replayed.schema.buckets.clone();
    // Buckets made in the dashboard have no insert, only the storage policies that use them.
    for id in replayed.read.iter().flat_map(|&id| lockstep_sql::supabase::policy_buckets(sources.get(id).text())) {
        if !buckets.iter().any(|b| b.id == id) {
            buckets.push(lockstep_sql::schema::Bucket::new(id, None));
        }
    }
    unreadable.extend(replayed.diagnostics.iter().filter(|d| d.code == database::UNREADABLE_MIGRATION).map(reason));
    Ok((Some(replayed.schema), buckets))
}

/// Without a schema, the tables the code queries are all unknown to the contract: say so, and
/// how to describe them.
fn note_unmigrated_tables(printer: &Printer, facts: &[(lockstep_diagnostics::FileId, lockstep_ts::facts::FileFacts)]) {
    let mut tables: Vec<&str> = facts
        .iter()
        .flat_map(|(_, f)| f.queries.iter().filter_map(|q| q.table.as_ref().map(|t| t.name.as_str())))
        .collect();
    tables.sort_unstable();
    tables.dedup();
    if !tables.is_empty() {
        printer.status(&format!(
            "note: the code queries {} but there are no migrations, so the contract has no entities and `check` will report every query. If the schema was made in a dashboard, derive it from the database: `lockstep init --force --db <URL>` (or pull it into migrations with `supabase db pull`, or write the generated types with `supabase gen types typescript`, and run init again)",
            tables.iter().take(5).map(|t| format!("`{t}`")).collect::<Vec<_>>().join(", ")
        ));
    }
}

/// A route file that does not parse serves an endpoint init cannot derive: said once here;
/// `check` then warns at the file and leaves its callers alone.
fn note_unparsed_routes(
    printer: &Printer,
    facts: &[(lockstep_diagnostics::FileId, lockstep_ts::facts::FileFacts)],
    sources: &Sources,
) {
    for (id, file_facts) in facts {
        let file = sources.get(*id);
        if let (Some((message, _)), Some(path)) =
            (&file_facts.parse_error, lockstep_ts::routes::file_route_path(file.path()))
        {
            printer.status(&format!(
                "note: `{}` does not parse ({message}); the endpoint `{path}` it serves was not derived",
                file.path()
            ));
        }
    }
}

/// A finding about an unreadable file, as one line: the file and why.
fn reason(diagnostic: &lockstep_diagnostics::Diagnostic) -> String {
    let message = diagnostic.message.as_str();
    message.split_once("; it was not").map_or(message, |(reason, _)| reason).to_owned()
}

fn env_input(
    project: &lockstep_config::Project,
    facts: &[(lockstep_diagnostics::FileId, lockstep_ts::facts::FileFacts)],
    unreadable: &mut Vec<String>,
) -> lockstep_init::EnvInput {
    let mut environments = Vec::new();
    let mut vars: Vec<lockstep_init::EnvVarInput> = Vec::new();
    for (environment, paths) in &project.config.env_files {
        let mut has_file = false;
        for path in paths {
            let text = match crate::env_files::read_env_file(&crate::read::Disk, project, &project.root.join(path)) {
                None => continue,
                Some(Ok(text)) => text,
                Some(Err(problem)) => {
                    unreadable.push(format!("`{}` {problem}", path.display()));
                    continue;
                }
            };
            has_file = true;
            let mut scratch = Sources::new();
            let id = scratch.add(path.display().to_string(), String::new());
            let parsed = lockstep_env::parse_env(id, &text);
            for entry in parsed.entries {
                let index = if let Some(index) = vars.iter().position(|v| v.name == entry.name) {
                    index
                } else {
                    vars.push(lockstep_init::EnvVarInput {
                        name: entry.name.clone(),
                        defined_in: Vec::new(),
                        read_in_client: false,
                    });
                    vars.len() - 1
                };
                let var = &mut vars[index];
                if !var.defined_in.iter().any(|(e, _)| e == environment) {
                    var.defined_in.push((environment.clone(), entry.value));
                }
            }
        }
        environments.push((environment.clone(), has_file));
    }
    for (_, file_facts) in facts {
        for read in &file_facts.env_reads {
            match vars.iter_mut().find(|v| v.name == read.name.name) {
                Some(var) => var.read_in_client |= file_facts.is_client,
                None => vars.push(lockstep_init::EnvVarInput {
                    name: read.name.name.clone(),
                    defined_in: Vec::new(),
                    read_in_client: file_facts.is_client,
                }),
            }
        }
    }
    lockstep_init::EnvInput { environments, vars }
}
