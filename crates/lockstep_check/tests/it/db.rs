//! `tests/data/db/<case>/`: `contract.lockstep` and `migrations/*.sql`. A case named
//! `<code>__...` must report that code; a case named `near_miss__<code>__...` must not.

use std::path::{Path, PathBuf};

use lockstep_check::db::{Source, check_database, check_drift};
use lockstep_contract::resolve::resolve;
use lockstep_contract::syntax::parse;
use lockstep_diagnostics::{RenderOptions, Sources, render_text, sort_diagnostics};
use lockstep_sql::order::{Layout, order_migrations};
use lockstep_sql::replay::{MigrationFile, replay};
use lockstep_sql::supabase::{is_provider_schema, prelude};

fn cases() -> Vec<PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/db");
    let mut cases: Vec<PathBuf> =
        std::fs::read_dir(root).unwrap().map(|e| e.unwrap().path()).filter(|p| p.is_dir()).collect();
    cases.sort();
    cases
}

/// The findings of one case, rendered, and their codes.
fn run(case: &Path) -> (String, Vec<&'static str>) {
    let mut sources = Sources::new();
    let contract_text = std::fs::read_to_string(case.join("contract.lockstep")).unwrap();
    let contract_file = sources.add("contract.lockstep", contract_text);
    let parsed = parse(contract_file, sources.get(contract_file).text());
    assert!(!parsed.has_errors(), "{}: the contract does not parse", case.display());
    let resolved = resolve(&sources, &[parsed.tree]);
    assert!(
        resolved.diagnostics.iter().all(|d| d.severity != lockstep_diagnostics::Severity::Error),
        "{}: the contract does not resolve",
        case.display()
    );

    let dir = case.join("migrations");
    let names: Vec<String> =
        std::fs::read_dir(&dir).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect();
    let ids: Vec<_> = order_migrations(Layout::Timestamped, &names)
        .into_iter()
        .map(|name| {
            let text = std::fs::read_to_string(dir.join(&name)).unwrap();
            sources.add(format!("migrations/{name}"), text)
        })
        .collect();
    let files: Vec<MigrationFile> =
        ids.iter().map(|&id| MigrationFile { file: id, text: sources.get(id).text() }).collect();
    let replayed = replay(prelude(), &files);
    let expected = lockstep_db::lower::lower(&resolved.contract);
    let mut findings =
        check_database(&resolved.contract, expected.schema, &replayed.schema, Source::Migrations, &is_provider_schema);
    sort_diagnostics(&mut findings, &sources);
    let mut rendered = String::new();
    for finding in &findings {
        render_text(&mut rendered, finding, &sources, RenderOptions::default());
    }
    (rendered, findings.iter().map(|f| f.code).collect())
}

#[test]
fn every_case_reports_exactly_what_its_name_says() {
    let cases = cases();
    assert!(cases.len() >= 26, "expected a positive and a near-miss case per rule, found {}", cases.len());
    for case in &cases {
        let name = case.file_name().unwrap().to_string_lossy().into_owned();
        let (rendered, codes) = run(case);
        if let Some(rest) = name.strip_prefix("near_miss__") {
            let code = format!("db/{}", rest.split("__").next().unwrap().replace('_', "-"));
            assert!(!codes.contains(&code.as_str()), "{name}: must not report {code}, but reported:\n{rendered}");
            assert!(codes.is_empty(), "{name}: a near miss must be clean, but reported:\n{rendered}");
        } else {
            let code = format!("db/{}", name.split("__").next().unwrap().replace('_', "-"));
            assert!(codes.contains(&code.as_str()), "{name}: must report {code}, but reported:\n{rendered}");
        }
        insta::with_settings!({ snapshot_path => "snapshots/db", prepend_module_to_snapshot => false }, {
            insta::assert_snapshot!(name, rendered);
        });
    }
}

/// The schema `sql` builds on Supabase's, and the sources holding its file.
fn replayed(sources: &mut Sources, name: &str, sql: &str) -> lockstep_sql::schema::Schema {
    let file = sources.add(name, sql.to_owned());
    replay(prelude(), &[MigrationFile { file, text: sources.get(file).text() }]).schema
}

#[test]
fn drift_is_the_diff_from_the_migrations_to_the_live_database() {
    let mut sources = Sources::new();
    // language=SQL
    let base = "create type status as enum ('a', 'b');
create table orders (id uuid primary key, total int, note text, status status);
create table audit (id int primary key, at timestamptz not null default now());
create unique index orders_note on orders (note);
create table tags (id int primary key, name text constraint tags_name_key unique);
alter table orders enable row level security;
create policy \"read own\" on orders for select using (true);
";
    let migrations = replayed(&mut sources, "migrations/001_init.sql", base);
    // language=SQL
    let by_hand = "alter table orders alter column total type bigint, alter column total set not null;
alter type status add value 'c';
drop table audit;
create index orders_total on orders (total);
drop policy \"read own\" on orders;
alter table tags rename constraint tags_name_key to tags_name_unique;
alter index orders_note rename to orders_note_idx;
alter table orders alter column note set default 'x';
";
    let live = replayed(&mut sources, "live.sql", &format!("{base}{by_hand}"));
    let mut messages: Vec<String> =
        check_drift(&live, &migrations, &|s| !is_provider_schema(s)).into_iter().map(|d| d.message).collect();
    messages.sort();
    assert_eq!(
        messages,
        [
            "column `public.orders.note` differs: the migrations give `text`, the live database has `text default 'x'`",
            "column `public.orders.total` differs: the migrations give `integer`, the live database has `bigint not null`",
            "the live database has index `public.orders_total` (`on public.orders (total)`) that no migration creates",
            "the migrations create column `public.audit.at` but the live database does not have it",
            "the migrations create column `public.audit.id` but the live database does not have it",
            "the migrations create policy `read own` on `public.orders` but the live database does not have it",
            "the migrations create primary key of `public.audit` but the live database does not have it",
            "the migrations create table `public.audit` but the live database does not have it",
            "type `public.status` differs: the migrations give `a, b`, the live database has `a, b, c`",
        ],
        "a constraint or index renamed by hand keeps its meaning: the diff matches it, so it is not drift"
    );
    assert!(check_drift(&migrations, &migrations, &|s| !is_provider_schema(s)).is_empty());
}
