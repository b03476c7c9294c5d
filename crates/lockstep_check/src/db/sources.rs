//! `db/incomplete-migrations` and `db/stale-types`: what the sources of an app's schema say
//! about each other, said once per app rather than once per query of each table.

use std::fmt::Write as _;

use lockstep_diagnostics::{Diagnostic, FileId, Span};
use lockstep_schema::QualifiedName;
use lockstep_schema::merge::Completed;

use super::{INCOMPLETE_MIGRATIONS, STALE_TYPES};

/// What the sources of the schema say about each other.
pub struct SchemaSources<'a> {
    pub types: Option<TypesSource<'a>>,
    /// Tables the migrations change but never create, with the first statement that does.
    pub assumed: &'a [(QualifiedName, Span)],
    /// Functions the migrations alter but never create, likewise.
    pub assumed_functions: &'a [(QualifiedName, Span)],
    pub scripts: Option<ScriptsSource<'a>>,
}

/// SQL files outside the migrations (scripts run by hand, migrations Bolt discarded) and what
/// they create that the migrations do not.
pub struct ScriptsSource<'a> {
    /// The first file that added something.
    pub file: FileId,
    pub paths: &'a [String],
    pub completed: &'a Completed,
}

/// The generated types file and what it knew that the migrations did not.
pub struct TypesSource<'a> {
    pub file: FileId,
    pub path: &'a str,
    pub completed: &'a Completed,
    /// Whether the app has migrations (or a baseline) at all.
    pub had_migrations: bool,
}

/// Names shown in a message: the first few, then how many more.
fn listed(names: &[String]) -> String {
    const SHOWN: usize = 5;
    let mut text = names.iter().take(SHOWN).map(|n| format!("`{n}`")).collect::<Vec<_>>().join(", ");
    if names.len() > SHOWN {
        let _ = write!(text, " and {} more", names.len() - SHOWN);
    }
    text
}

/// `1 table`, `3 tables`.
fn counted(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

pub fn check_schema_sources(sources: &SchemaSources) -> Vec<Diagnostic> {
    let mut findings = Vec::new();
    // Tables the types file describes are not missing: only the others are a hole.
    let described = |name: &QualifiedName| sources.types.as_ref().is_some_and(|t| t.completed.relations.contains(name));
    let assumed: Vec<&(QualifiedName, Span)> = sources.assumed.iter().filter(|(name, _)| !described(name)).collect();
    if let Some((_, first)) = assumed.first() {
        let names: Vec<String> = assumed.iter().map(|(n, _)| n.name.clone()).collect();
        findings.push(
            Diagnostic::warning(
                INCOMPLETE_MIGRATIONS,
                format!(
                    "the migrations use {} they never create ({}): made elsewhere, so the migrations are incomplete",
                    counted(names.len(), "table", "tables"),
                    listed(&names)
                ),
            )
            .at(*first, "the first statement that assumes one")
            .help("write the missing tables into a migration (`supabase db pull` does it, or `supabase gen types typescript` for the types file); until then queries of these tables are not checked"),
        );
    }
    let functions: Vec<String> = sources.assumed_functions.iter().map(|(n, _)| n.name.clone()).collect();
    if let Some((_, first)) = sources.assumed_functions.first() {
        findings.push(
            Diagnostic::warning(
                INCOMPLETE_MIGRATIONS,
                format!(
                    "the migrations alter {} they never create ({})",
                    counted(functions.len(), "function", "functions"),
                    listed(&functions)
                ),
            )
            .at(*first, "the first statement that assumes one")
            .help("write the missing functions into a migration (`supabase db pull` does it); until then calls of them are not checked"),
        );
    }
    if let Some(scripts) = &sources.scripts {
        findings.extend(scripts_finding(scripts));
    }
    if let Some(types) = &sources.types {
        findings.extend(types_findings(types));
    }
    findings
}

fn scripts_finding(scripts: &ScriptsSource) -> Option<Diagnostic> {
    let completed = scripts.completed;
    let mut made: Vec<String> = completed.relations.iter().map(|n| n.name.clone()).collect();
    made.extend(completed.functions.iter().map(|n| format!("{}()", n.name)));
    made.extend(completed.columns.iter().map(|(t, c)| format!("{}.{c}", t.name)));
    made.extend(completed.enums.iter().map(|n| n.name.clone()));
    if made.is_empty() {
        return None;
    }
    let files: Vec<String> = scripts.paths.to_vec();
    Some(
        Diagnostic::warning(
            INCOMPLETE_MIGRATIONS,
            format!(
                "{} made only by SQL files outside the migrations ({}; in {}): run by hand, so the migrations are incomplete",
                counted(made.len(), "object is", "objects are"),
                listed(&made),
                listed(&files)
            ),
        )
        .at(Span::new(scripts.file, 0, 0), "SQL outside the migrations")
        .help("move what the database really has into a migration (`supabase db pull` writes it); until then the code's uses of what only these files make are not checked"),
    )
}

/// The storage buckets the code uses that the contract does not declare and that are not a
/// near miss of one it does: made in the dashboard, which no schema source in the repository
/// describes. One finding for all of them; a near miss stays an error at its call, since that
/// is a typo.
pub fn undescribed_buckets(
    contract: &lockstep_contract::model::Contract,
    facts: &[&lockstep_ts::facts::FileFacts],
) -> Option<(Diagnostic, Vec<String>)> {
    let declared: Vec<&str> = contract.buckets.iter().map(|b| b.name.as_str()).collect();
    let mut unknown: Vec<(String, Span)> = Vec::new();
    for bucket in facts.iter().flat_map(|f| &f.buckets) {
        let known = declared.contains(&bucket.name.as_str());
        let near_miss = lockstep_diagnostics::did_you_mean(&bucket.name, declared.iter().copied()).is_some();
        if !known && !near_miss && !unknown.iter().any(|(n, _)| *n == bucket.name) {
            unknown.push((bucket.name.clone(), bucket.span));
        }
    }
    let (_, first) = unknown.first()?;
    let names: Vec<String> = unknown.iter().map(|(n, _)| n.clone()).collect();
    let finding = Diagnostic::warning(
        INCOMPLETE_MIGRATIONS,
        format!(
            "the code uses {} that no migration creates ({}): made in the dashboard, or missing",
            counted(names.len(), "storage bucket", "storage buckets"),
            listed(&names)
        ),
    )
    .at(*first, "one of them")
    .help("create each in a migration (`insert into storage.buckets (id, name, public) values (...)`) and declare it in the contract (`bucket name { private }`); until then these uses are not checked");
    Some((finding, names))
}

fn types_findings(sources: &TypesSource) -> Vec<Diagnostic> {
    let mut findings = Vec::new();
    let at = Span::new(sources.file, 0, 0);
    let completed = sources.completed;
    let relations: Vec<String> = completed.relations.iter().map(|n| n.name.clone()).collect();
    if !relations.is_empty() {
        let message = if sources.had_migrations {
            format!(
                "{} only in the generated types `{}`, not in the migrations: the migrations are incomplete ({})",
                counted(relations.len(), "table or view exists", "tables and views exist"),
                sources.path,
                listed(&relations)
            )
        } else {
            format!(
                "the app has no migrations: its {} known only from the generated types `{}`",
                counted(relations.len(), "table or view is", "tables and views are"),
                sources.path
            )
        };
        findings.push(
            Diagnostic::warning(INCOMPLETE_MIGRATIONS, message)
                .at(at, "the generated types")
                .help("write the dashboard-made schema into a migration (`supabase db pull` does it), then run `lockstep check` again; until then the code is checked against the generated types"),
        );
    }
    let mut disagreements: Vec<String> =
        completed.columns.iter().map(|(t, c)| format!("{}.{c} only in the types", t.name)).collect();
    disagreements.extend(completed.missing_there.iter().map(|(t, c)| format!("{}.{c} only in the migrations", t.name)));
    disagreements
        .extend(completed.stale.iter().map(|(t, c)| format!("{}.{c} dropped or renamed by the migrations", t.name)));
    if !disagreements.is_empty() {
        findings.push(
            Diagnostic::warning(
                STALE_TYPES,
                format!(
                    "the generated types `{}` and the migrations disagree on {}: {}",
                    sources.path,
                    counted(disagreements.len(), "column", "columns"),
                    listed(&disagreements)
                ),
            )
            .at(at, "the generated types")
            .help("regenerate the types (`supabase gen types typescript`) if the migrations are right, or write the missing migration if the database is"),
        );
    }
    findings
}

/// Most of the tables the code queries are described by no schema source (the schema lives in a
/// dashboard and the repository has a few migrations or none): one finding saying so, and the
/// names of those tables, whose queries are then not checked one by one. `None` while the
/// sources describe most of what the code queries, so a few invented tables are still reported
/// at each query.
pub fn undescribed_queried_tables(
    contract: &lockstep_contract::model::Contract,
    facts: &[&lockstep_ts::facts::FileFacts],
) -> Option<(Diagnostic, Vec<QualifiedName>)> {
    /// Fewer unknown tables than this are reported query by query, whatever the proportion.
    const MANY: usize = 10;
    let mut known: Vec<&str> = Vec::new();
    let mut unknown: Vec<(QualifiedName, Span)> = Vec::new();
    for query in facts.iter().flat_map(|f| &f.queries) {
        let Some(table) = &query.table else { continue };
        let schema = query.schema.as_deref().unwrap_or("public");
        if contract.entities.iter().any(|e| e.table == table.name && e.schema == schema) {
            if !known.contains(&table.name.as_str()) {
                known.push(&table.name);
            }
        } else if !unknown.iter().any(|(n, _)| n.name == table.name && n.schema == schema) {
            unknown.push((QualifiedName::new(schema, table.name.clone()), table.span));
        }
    }
    if unknown.len() < MANY || unknown.len() <= known.len() {
        return None;
    }
    let names: Vec<String> = unknown.iter().map(|(n, _)| n.name.clone()).collect();
    let finding = Diagnostic::warning(
        INCOMPLETE_MIGRATIONS,
        format!(
            "the code queries {} that no schema source describes ({}), and {} that one does: the schema lives elsewhere, so these queries were not checked",
            counted(names.len(), "table", "tables"),
            listed(&names),
            counted(known.len(), "table", "tables")
        ),
    )
    .at(unknown[0].1, "one of them")
    .help("give lockstep the schema: write it into migrations (`supabase db pull`), add the generated types (`supabase gen types typescript`), or check against the live database with `--db`");
    Some((finding, unknown.into_iter().map(|(n, _)| n).collect()))
}

/// Every layer may find the schema sources incomplete (tables the migrations assume, tables only
/// the types file has, queried tables no source has): the app hears it once, in one finding
/// that says all of it, at the first one's place.
pub fn merge_incomplete_sources(findings: Vec<Diagnostic>) -> Vec<Diagnostic> {
    let (mut incomplete, mut rest): (Vec<Diagnostic>, Vec<Diagnostic>) =
        findings.into_iter().partition(|d| d.code == INCOMPLETE_MIGRATIONS);
    if incomplete.len() > 1 {
        let mut first = incomplete.remove(0);
        for other in incomplete {
            first.message = format!("{}; and {}", first.message, other.message);
            if let Some(label) = other.primary {
                first.related.push(lockstep_diagnostics::Label { span: label.span, message: label.message });
            }
        }
        rest.push(first);
    } else {
        rest.extend(incomplete);
    }
    rest
}
