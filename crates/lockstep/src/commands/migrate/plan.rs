//! `lockstep migrate plan`: the migration from the current schema (the migrations replayed,
//! or a live database) to the lowered contract, written as new files in the app's layout
//! after the plan has been replayed and found to reach the contract.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::time::Instant;

use anyhow::{Context as _, bail};
use lockstep_config::{MigrationLayout, Project, Provider};
use lockstep_db::plan::{Options, Plan, plan};
use lockstep_diagnostics::{Severity, Sources};
use lockstep_schema::diff::Change;
use lockstep_sql::order::{Layout, order_migrations};
use lockstep_sql::schema::{QualifiedName, Schema};

use crate::ExitStatus;
use crate::cli::{GlobalArgs, OutputFormat, PlanArgs};
use crate::commands::migrate::{folder_entries, migrations_folder};
use crate::database;
use crate::load;
use crate::migration_name::{Naming, detect, next_names, now, sanitize};
use crate::printer::Printer;
use crate::report::Report;
use crate::report::plan_json::{self, Outcome};
use crate::write::{Existing, write_file};

pub fn run(printer: &Printer, global: &GlobalArgs, args: &PlanArgs) -> anyhow::Result<ExitStatus> {
    let json = match global.format {
        OutputFormat::Text => false,
        OutputFormat::Json => true,
        OutputFormat::Sarif | OutputFormat::Github => {
            bail!("`lockstep migrate plan` prints `--format text` or `json`; sarif and github are formats for findings")
        }
    };
    let prepared = match prepare(printer, args)? {
        Planning::ContractErrors => return Ok(ExitStatus::Findings),
        Planning::Nothing(planned) => {
            printer.status("nothing to plan: the schema already matches the contract");
            if json {
                let outcome = Outcome { paths: &[], written: false, needs_consent: &[], refused: false };
                printer.out(&plan_json::render(&planned, &outcome))?;
            }
            return Ok(ExitStatus::Success);
        }
        Planning::Ready(prepared) => prepared,
    };
    let Prepared { project, dir, naming, planned, names, shown_paths, consent } = prepared.as_ref();
    let refused = !consent.is_empty() && !args.allow_destructive;
    if args.dry_run && !json {
        let mut out = String::new();
        for (file, path) in planned.files.iter().zip(shown_paths) {
            let _ = writeln!(out, "-- {path}\n{}", file.sql);
        }
        printer.out(out.trim_end())?;
        printer.out("\n")?;
    }
    let written = if refused {
        printer.status(&refusal(printer, consent));
        false
    } else if args.dry_run {
        printer.status(&format!("{} (dry run: nothing written)", counts(planned)));
        false
    } else {
        write(project, dir, naming, planned, names)?;
        printer.status(&format!(
            "wrote {} file{}: {}",
            names.len(),
            if names.len() == 1 { "" } else { "s" },
            counts(planned)
        ));
        true
    };
    if json {
        let outcome = Outcome { paths: shown_paths, written, needs_consent: consent, refused };
        printer.out(&plan_json::render(planned, &outcome))?;
    } else if written {
        let mut listed = String::new();
        for path in shown_paths {
            let _ = writeln!(listed, "{path}");
        }
        printer.out(&listed)?;
    }
    Ok(if refused { ExitStatus::Findings } else { ExitStatus::Success })
}

/// What planning came to, before anything is written.
pub(crate) enum Planning {
    /// The contract has errors (said on stderr): nothing was planned.
    ContractErrors,
    /// The schema already matches the contract.
    Nothing(Box<Plan>),
    Ready(Box<Prepared>),
}

/// A plan verified to reach the contract, with the names its files would be written under.
pub(crate) struct Prepared {
    project: Project,
    dir: PathBuf,
    naming: Naming,
    pub planned: Plan,
    names: Vec<String>,
    /// The files' paths as shown, one per planned file.
    pub shown_paths: Vec<String>,
    /// Why it needs `--allow-destructive`; empty when it does not.
    pub consent: Vec<String>,
}

/// Plans the migration `args` asks for and verifies it, writing nothing: `run` writes it, the
/// MCP server's `migrate_plan` shows it.
pub(crate) fn prepare(printer: &Printer, args: &PlanArgs) -> anyhow::Result<Planning> {
    let Some(name) = sanitize(&args.name) else {
        bail!("`--name {}` has no letter or digit to name a file with\n  help: `--name add_order_notes`", args.name);
    };
    let started = Instant::now();
    let mut sources = Sources::new();
    let project = load::project(args.path.as_deref(), &mut sources, printer.color_stderr)?;
    let Some(contract) = sound_contract(printer, &project, &mut sources, started)? else {
        return Ok(Planning::ContractErrors);
    };
    let folder = migrations_folder(&project);
    let dir = project.root.join(&folder);
    let entries = folder_entries(&dir)?;
    let (base, made_elsewhere) = current_schema(printer, &project, args, &mut sources, started)?;
    let mut from = base.clone();
    from.sort();
    let lowered = lockstep_db::lower::lower(&contract);
    let include = |schema: &str| !database::is_provider_schema(&project, schema);
    let renames = lockstep_db::rename::declared(&contract);
    let accept = |current: &Schema, target: &Schema| lockstep_db::equivalence::as_accepted(&contract, current, target);
    let planned = plan(&from, &lowered.schema, &renames, &include, &accept, Options { online: args.online });
    for stale in &planned.stale_renames {
        printer.detail(&format!(
            "`@was` has nothing to rename here ({}); once every layer uses the new name it can go",
            lockstep_db::summary::summary(stale)
        ));
    }
    if planned.is_empty() {
        return Ok(Planning::Nothing(Box::new(planned)));
    }
    refuse_made_elsewhere(&planned, &made_elsewhere)?;
    let left = lockstep_db::plan::verify(base, &planned.files, &planned.target, &include);
    if !left.is_empty() {
        bail!(
            "the planned migration does not reach the contract: replayed after the others, it still leaves\n{}nothing was written; this is a limitation of lockstep, please report it with the contract change",
            lockstep_db::ddl::render(&left)
        );
    }
    let layout = project.config.migration_layout;
    let naming = detect(layout, &entries);
    let names = next_names(&naming, layout, &entries, &name, now(), planned.files.len());
    check_order(&project, layout, &entries, &names)?;
    let consent = planned.needs_consent();
    let shown_paths: Vec<String> = names.iter().map(|name| shown(&folder.join(name))).collect();
    Ok(Planning::Ready(Box::new(Prepared { project, dir, naming, planned, names, shown_paths, consent })))
}

/// The project's contract when it has no errors; otherwise they are said on stderr.
fn sound_contract(
    printer: &Printer,
    project: &Project,
    sources: &mut Sources,
    started: Instant,
) -> anyhow::Result<Option<lockstep_contract::model::Contract>> {
    let paths = load::contract_paths(project, sources, printer.color_stderr)?;
    let root = crate::read::canonical_root(&project.root);
    let loaded = load::contract(&paths, &project.root, crate::read::Within::Root(&root), sources)?;
    match loaded.contract {
        Some(contract) if !loaded.diagnostics.iter().any(|d| d.severity == Severity::Error) => Ok(Some(contract)),
        _ => {
            let report = Report::new(sources, loaded.diagnostics, loaded.files.len(), started.elapsed());
            printer.status(&report.render(OutputFormat::Text, printer.color_stderr));
            printer.status("the contract has errors: nothing was planned");
            Ok(None)
        }
    }
}

/// The schema the new migration starts from, before canonical form: a live database, or the
/// baseline and the migrations replayed (what they could not follow said on stderr); with the
/// tables the migrations change but never create (made elsewhere, in a dashboard).
fn current_schema(
    printer: &Printer,
    project: &Project,
    args: &PlanArgs,
    sources: &mut Sources,
    started: Instant,
) -> anyhow::Result<(Schema, Elsewhere)> {
    if let Some(given) = &args.database.db {
        return Ok((database::introspect(&database::database_url(project, given)?)?, Elsewhere::default()));
    }
    let mut paths = database::baseline_paths(project)?;
    paths.extend(database::migration_paths(project)?.unwrap_or_default());
    let read = database::read_migrations(&crate::read::Disk, project, &paths, sources);
    let replayed = database::replay_read(project, read, sources);
    let problems: Vec<_> = replayed.diagnostics.into_iter().filter(|d| d.severity == Severity::Error).collect();
    if !problems.is_empty() {
        let report = Report::new(sources, problems, replayed.files, started.elapsed());
        printer.status(&report.render(OutputFormat::Text, printer.color_stderr));
        bail!(
            "the migrations could not be replayed as written (above), so the schema they build is not known\n  help: fix the migrations, or plan from the live database with `--db URL`"
        );
    }
    let mut elsewhere =
        Elsewhere { tables: replayed.assumed.into_iter().map(|(name, _)| name).collect(), columns: Vec::new() };
    // What the generated types or SQL run by hand know and the migrations do not exists
    // somewhere too (made in a dashboard). Read on a scratch set of sources: nothing points there.
    let mut scratch = Sources::new();
    if let Some(all) = database::static_schema(project, &mut scratch)? {
        for completed in
            all.from_types.iter().map(|t| &t.completed).chain(all.from_scripts.iter().map(|s| &s.completed))
        {
            elsewhere.tables.extend(completed.relations.iter().cloned());
            elsewhere.columns.extend(completed.columns.iter().cloned());
        }
        elsewhere.tables.extend(all.assumed.into_iter().map(|(name, _)| name));
    }
    Ok((replayed.schema, elsewhere))
}

/// Tables and columns that exist where the migrations run but that the migrations do not make:
/// a plan must not make them again.
#[derive(Default)]
struct Elsewhere {
    tables: Vec<QualifiedName>,
    columns: Vec<(QualifiedName, String)>,
}

/// Refuses a plan that creates a table or column that exists where the migrations run but that
/// they do not make (the migrations change it but never create it, or only the generated types
/// or SQL run by hand know it): the migration would fail there.
fn refuse_made_elsewhere(planned: &Plan, elsewhere: &Elsewhere) -> anyhow::Result<()> {
    let recreated: Vec<String> = planned
        .changes
        .iter()
        .filter_map(|c| match &c.change {
            Change::CreateTable(table) if elsewhere.tables.contains(&table.name) => Some(table.name.to_string()),
            Change::AddColumn { table, column }
                if elsewhere.columns.iter().any(|(t, c)| t == table && *c == column.name) =>
            {
                Some(format!("{table}.{}", column.name))
            }
            _ => None,
        })
        .collect();
    if !recreated.is_empty() {
        bail!(
            "the plan would create `{}`, which exists somewhere the migrations do not say (they change it without creating it, or only the generated types or SQL run by hand know it: made in a dashboard?), so the migration would fail there; nothing was written\n  help: plan from the database itself with `--db URL`, or add its creation to the migrations",
            recreated.join("`, `")
        );
    }
    Ok(())
}

/// Refuses names the app's migration tool would not apply last.
fn check_order(project: &Project, layout: MigrationLayout, entries: &[String], names: &[String]) -> anyhow::Result<()> {
    let order_layout = match layout {
        MigrationLayout::Timestamped if project.config.provider == Provider::Supabase => Layout::Supabase,
        MigrationLayout::Timestamped => Layout::Timestamped,
        MigrationLayout::Flyway => Layout::Flyway,
        MigrationLayout::UpDown => Layout::UpDown,
    };
    let mut all = entries.to_vec();
    all.extend(names.iter().cloned());
    let ordered = order_migrations(order_layout, &all);
    if !ordered.ends_with(names) {
        bail!(
            "the new migration `{}` would not be applied after the existing ones in this folder's order\n  help: check the names in the migrations folder; lockstep names new files after the latest version there",
            names.join("`, `")
        );
    }
    Ok(())
}

/// Writes the files (Prisma: each in its new folder), never replacing one.
fn write(project: &Project, dir: &Path, naming: &Naming, planned: &Plan, names: &[String]) -> anyhow::Result<()> {
    std::fs::create_dir_all(dir).with_context(|| format!("cannot create the migrations folder `{}`", dir.display()))?;
    let root = crate::read::canonical_root(&project.root);
    if !crate::read::resolves_inside(dir, &root) {
        bail!(
            "the migrations folder `{}` leads outside the project (a symbolic link?); lockstep writes only inside it",
            dir.display()
        );
    }
    for (file, name) in planned.files.iter().zip(names) {
        let path: PathBuf = dir.join(name);
        if matches!(naming, Naming::Timestamp { folders: true }) {
            let folder = path.parent().unwrap_or(dir);
            std::fs::create_dir(folder)
                .with_context(|| format!("cannot create the migration folder `{}`", folder.display()))?;
        }
        write_file(&path, file.sql.as_bytes(), Existing::Refuse)?;
    }
    Ok(())
}

/// Why nothing was written, with the ways forward.
fn refusal(printer: &Printer, reasons: &[String]) -> String {
    let mut text = format!("{}: the plan needs consent; nothing was written:\n", printer.paint_error("error"));
    for reason in reasons {
        let _ = writeln!(text, "  - {reason}");
    }
    text.push_str(
        "  help: declare renames with `@was(oldName)` in the contract, or run again with `--allow-destructive` to plan the drops and the changes that may fail",
    );
    text
}

/// `5 changes, 2 hazards`.
fn counts(planned: &Plan) -> String {
    let changes = planned.changes.len();
    let hazards: usize = planned.changes.iter().map(|c| c.hazards.len()).sum();
    format!(
        "{changes} change{}, {hazards} hazard{} named in the header",
        if changes == 1 { "" } else { "s" },
        if hazards == 1 { "" } else { "s" }
    )
}

fn shown(path: &Path) -> String {
    path.to_string_lossy().replace('\\', "/")
}
