//! The migration lint on `tests/data/migrations/<rule>/`: each `hit-*.sql` reports the
//! folder's rule, each `miss-*.sql` (a near miss) does not; at least two of each per rule. The
//! findings of every file are snapshotted with code frames.

use std::path::Path;

use lockstep_check::migrations::{MigrationFile, lint_migration};
use lockstep_diagnostics::{RenderOptions, Sources, render_text};
use lockstep_sql::migration_facts::{has_no_transaction_marker, migration_facts};

#[test]
fn every_rule_has_hits_and_near_misses() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/migrations");
    let mut rules: Vec<_> = std::fs::read_dir(&root).unwrap().map(|e| e.unwrap().path()).collect();
    rules.sort();
    let mut problems = Vec::new();
    for folder in &rules {
        let rule = folder.file_name().unwrap().to_string_lossy().into_owned();
        let code = format!("migrate/{rule}");
        let mut files: Vec<_> = std::fs::read_dir(folder).unwrap().map(|e| e.unwrap().path()).collect();
        files.sort();
        let (mut hits, mut misses) = (0, 0);
        let mut rendered = String::new();
        for path in &files {
            let name = path.file_name().unwrap().to_string_lossy().into_owned();
            let text = std::fs::read_to_string(path).unwrap();
            let mut sources = Sources::new();
            let file = sources.add(format!("{rule}/{name}"), text.clone());
            let facts = migration_facts(&text);
            let findings = lint_migration(&MigrationFile {
                file,
                facts: &facts,
                no_transaction: has_no_transaction_marker(&text),
            });
            let reports = findings.iter().any(|d| d.code == code);
            if name.starts_with("hit-") {
                hits += 1;
                if !reports {
                    problems.push(format!("{rule}/{name} does not report {code}"));
                }
            } else {
                misses += 1;
                if reports {
                    problems.push(format!("{rule}/{name} reports {code}"));
                }
            }
            rendered.push_str("=== ");
            rendered.push_str(&name);
            rendered.push('\n');
            for finding in &findings {
                render_text(&mut rendered, finding, &sources, RenderOptions { color: false });
            }
        }
        if hits < 2 || misses < 2 {
            problems.push(format!("{rule}: {hits} hits and {misses} near misses; two of each at least"));
        }
        insta::with_settings!({ snapshot_path => "snapshots/migrations", prepend_module_to_snapshot => false }, {
            insta::assert_snapshot!(rule, rendered);
        });
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
    assert_eq!(rules.len(), 12, "one folder per migrate rule");
}

/// A case's file name, its SQL, SQL a later migration runs, and the call sites reported.
type Case<'a> = (&'a str, &'a str, &'a str, usize);

/// `migrate/breaks-code`: each case a migration (and what later ones do); the code and the
/// schema before are the same for all.
#[test]
fn a_dropped_or_renamed_name_the_code_uses_is_reported_at_every_call_site() {
    use lockstep_check::migrations::{BREAKS_CODE, breaking_code};
    use lockstep_sql::replay::replay_text;

    // language=SQL
    let schema = "create type order_status as enum ('draft', 'sent');
        create table customers (id int primary key, name text);
        create table orders (id int primary key, total int, note text, status order_status, customer_id int references customers (id));
        create function order_total(order_id int) returns int language sql as $$ select 1 $$;";
    // language=TypeScript
    let code = "const { data } = await supabase.from('orders').select('id, total, customer:customers(name)')\nawait supabase.from('orders').update({ total: 1, status: 'sent' }).eq('id', 1)\nconst { data: people } = await supabase.from('customers').select('name, orders(total)').order('name')\nconst { data: sum } = await supabase.rpc('order_total', { order_id: 1 })\nawait supabase.from('orders').select('id').eq('status', 'sent')\n";
    let cases: [Case; 8] = [
        ("hit-drop-column.sql", "alter table orders drop column total;\n", "", 3),
        ("hit-rename-table.sql", "alter table customers rename to clients;\n", "", 2),
        ("hit-rename-column.sql", "alter table customers rename column name to full_name;\n", "", 3),
        ("hit-drop-function.sql", "drop function if exists order_total(int), other_fn;\n", "", 1),
        ("hit-rename-enum-value.sql", "alter type order_status rename value 'sent' to 'shipped';\n", "", 2),
        ("miss-unused-column.sql", "alter table orders drop column note;\n", "", 0),
        // Made again by a later migration: nothing breaks.
        (
            "miss-made-again.sql",
            "alter table orders drop column total;\n",
            "alter table orders add column total int;",
            0,
        ),
        (
            "miss-value-renamed-back.sql",
            "alter type order_status rename value 'sent' to 'shipped';\n",
            "alter type order_status rename value 'shipped' to 'sent';",
            0,
        ),
    ];
    let mut rendered = String::new();
    for (name, sql, later, expected) in cases {
        let mut sources = Sources::new();
        let code_file = sources.add("app/page.tsx", code);
        let (facts, _) = lockstep_ts::analyze(code_file, "app/page.tsx", code);
        let file = sources.add(name, sql);
        let after = replay_text(replay_text(replay_text(lockstep_sql::schema::Schema::default(), schema), sql), later);
        let migration_facts = migration_facts(sql);
        let migration = MigrationFile { file, facts: &migration_facts, no_transaction: false };
        let findings = breaking_code(&migration, &[&facts], &after);
        let related: usize = findings.iter().filter(|d| d.code == BREAKS_CODE).map(|d| d.related.len()).sum();
        assert_eq!(related, expected, "{name}: {findings:#?}");
        rendered.push_str("=== ");
        rendered.push_str(name);
        rendered.push('\n');
        for finding in &findings {
            render_text(&mut rendered, finding, &sources, RenderOptions { color: false });
        }
    }
    insta::with_settings!({ snapshot_path => "snapshots/migrations", prepend_module_to_snapshot => false }, {
        insta::assert_snapshot!("breaks-code", rendered);
    });
}
