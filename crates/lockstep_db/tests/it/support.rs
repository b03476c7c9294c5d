//! Contracts from text, and a throwaway database to apply DDL to and read back.

use lockstep_contract::model::Contract;
use lockstep_contract::resolve::resolve;
use lockstep_contract::syntax::parse;
use lockstep_db::lower::{Lowered, lower};
use lockstep_diagnostics::{Severity, Sources};
use lockstep_schema::diff::{Change, diff_in};
use lockstep_sql::schema::Schema;
use lockstep_sql::supabase::{PRELUDE, is_provider_schema, prelude};
use postgres::{Client, NoTls};

/// Resolves the files of one contract; panics on an error, so a fixture tests what it says.
pub fn contract(files: &[(String, String)]) -> Contract {
    let mut sources = Sources::new();
    let ids: Vec<_> = files.iter().map(|(path, text)| sources.add(path.clone(), text.clone())).collect();
    let mut trees = Vec::new();
    let mut errors = Vec::new();
    for id in ids {
        let parsed = parse(id, sources.get(id).text());
        errors.extend(parsed.diagnostics.into_iter().filter(|d| d.severity == Severity::Error));
        trees.push(parsed.tree);
    }
    let resolved = resolve(&sources, &trees);
    errors.extend(resolved.diagnostics.into_iter().filter(|d| d.severity == Severity::Error));
    let messages: Vec<&str> = errors.iter().map(|d| d.message.as_str()).collect();
    assert!(messages.is_empty(), "{:?} does not resolve: {messages:?}", files.iter().map(|f| &f.0).collect::<Vec<_>>());
    resolved.contract
}

pub fn lowered(text: &str) -> Lowered {
    lower(&contract(&[("test.lockstep".to_owned(), text.to_owned())]))
}

/// The app's schemas: not Supabase's.
pub fn app(schema: &str) -> bool {
    !is_provider_schema(schema)
}

/// What a new Supabase project has, in canonical form.
pub fn start() -> Schema {
    let mut schema = prelude();
    schema.sort();
    schema
}

pub fn changes(from: &Schema, to: &Schema) -> Vec<Change> {
    diff_in(from, to, &app)
}

/// A fresh database of the test cluster with the Supabase prelude applied.
pub fn database(prefix: &str) -> Client {
    let url = lockstep_testkit::cluster().create_database(prefix);
    let mut client = Client::connect(&url, NoTls).expect("connect to the test database");
    client.batch_execute(PRELUDE).expect("the Supabase prelude applies");
    client
}

/// Runs `sql` in one transaction; the server's message on failure.
pub fn apply(client: &mut Client, sql: &str) -> Result<(), String> {
    let mut tx = client.transaction().map_err(|e| e.to_string())?;
    tx.batch_execute(sql)
        .map_err(|err| err.as_db_error().map_or_else(|| err.to_string(), |e| e.message().to_owned()))?;
    tx.commit().map_err(|e| e.to_string())
}

/// The database read back, in canonical form.
pub fn introspect(client: &mut Client) -> Schema {
    let mut schema = lockstep_pg::introspect_with(client).expect("introspection succeeds");
    schema.sort();
    schema
}

pub use lockstep_testkit::fixtures::contract_fixtures as fixtures;
