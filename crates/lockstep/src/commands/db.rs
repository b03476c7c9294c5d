//! `lockstep db inspect`: the schema as lockstep sees it, from the migrations or a live
//! database.

use std::time::Instant;

use lockstep_diagnostics::{Severity, Sources};
use lockstep_sql::schema::to_ddl;

use crate::ExitStatus;
use crate::cli::{GlobalArgs, InspectArgs, OutputFormat};
use crate::database;
use crate::load;
use crate::printer::Printer;
use crate::report::{Report, schema_json};

pub fn inspect(printer: &Printer, global: &GlobalArgs, args: &InspectArgs) -> anyhow::Result<ExitStatus> {
    let started = Instant::now();
    let mut sources = Sources::new();
    let project = load::project(args.path.as_deref(), &mut sources, printer.color_stderr)?;
    let schema = if let Some(given) = &args.database.db {
        database::introspect(&database::database_url(&project, given)?)?
    } else {
        let Some(replayed) = database::static_schema(&project, &mut sources)? else {
            anyhow::bail!(
                "no schema source found in `{}`: looked for migrations (supabase/migrations, migrations, db/migrations, database/migrations, sql/migrations), a baseline schema (supabase/schemas, schema.sql, ...) and the generated `Database` type (src/integrations/supabase/types.ts, ...)\n  help: set `[database] migrations`, `baseline` or `types` in lockstep.toml, or read a live database with `--db URL`",
                project.root.display()
            );
        };
        let problems: Vec<_> = replayed.diagnostics.into_iter().filter(|d| d.severity != Severity::Info).collect();
        if !problems.is_empty() {
            // What the replay could not follow goes to stderr: the schema on stdout may be incomplete.
            let report = Report::new(&sources, problems, replayed.files, started.elapsed());
            printer.status(&report.render(OutputFormat::Text, printer.color_stderr));
        }
        replayed.schema
    };
    let include = |s: &str| args.all || !database::is_provider_schema(&project, s);
    let output = match global.format {
        OutputFormat::Text => to_ddl(&schema, &include),
        OutputFormat::Json => schema_json::render(&schema, &sources, &include),
        OutputFormat::Sarif | OutputFormat::Github => {
            anyhow::bail!(
                "`lockstep db inspect` prints `--format text` or `json`; sarif and github are formats for findings"
            )
        }
    };
    printer.out(&output)?;
    Ok(ExitStatus::Success)
}
