//! `tests/data/db/<case>/`: `contract.lockstep` and `migrations/*.sql`. A case named
//! `<code>__...` must report that code; a case named `near_miss__<code>__...` must not.

use std::path::{Path, PathBuf};

use lockstep_check::db::{Source, check_database};
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
        check_database(&resolved.contract, &expected.schema, &replayed.schema, Source::Migrations, &is_provider_schema);
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
