//! Live introspection on its own: read-only, clear errors.

use postgres::{Client, NoTls};

use lockstep_testkit::cluster;

#[test]
fn introspection_reads_tables_enums_and_policies() {
    let url = cluster().create_database("introspect");
    let mut client = Client::connect(&url, NoTls).unwrap();
    // language=SQL
    client
        .batch_execute(
            "create type mood as enum ('happy', 'sad');
             create table people (id serial primary key, name text not null, mood mood default 'happy');
             alter table people enable row level security;
             create policy readers on people for select to public using (true);",
        )
        .unwrap();
    let schema = lockstep_pg::introspect(&url).unwrap();
    let table = schema.table(&lockstep_sql::schema::QualifiedName::public("people")).expect("the table is read");
    assert_eq!(table.columns.len(), 3);
    assert_eq!(
        table.columns[0].default.as_ref().map(lockstep_sql::schema::Expr::text),
        Some("nextval('people_id_seq')")
    );
    assert_eq!(table.columns[2].ty, "mood");
    assert_eq!(table.columns[2].default.as_ref().map(lockstep_sql::schema::Expr::text), Some("'happy'"));
    assert!(table.rls_enabled);
    assert_eq!(table.policies[0].using.as_ref().map(lockstep_sql::schema::Expr::text), Some("true"));
    assert_eq!(schema.enums[0].values, ["happy", "sad"]);
}

#[test]
fn introspection_runs_in_a_read_only_transaction() {
    let url = cluster().create_database("readonly");
    let mut client = Client::connect(&url, NoTls).unwrap();
    let mut tx = client.transaction().unwrap();
    // The same setting the introspection uses refuses writes.
    tx.batch_execute("set transaction read only").unwrap();
    let err = tx.batch_execute("create table nope (id int)").unwrap_err();
    let message = err.as_db_error().map(|e| e.message().to_owned()).unwrap_or_default();
    assert!(message.contains("read-only"), "{message}");
}

#[test]
fn an_unreachable_database_is_a_clear_error_without_the_password() {
    let err = lockstep_pg::introspect("postgres://app:s3cret@127.0.0.1:1/shop").unwrap_err();
    let message = err.to_string();
    assert!(message.contains("`shop` at 127.0.0.1:1"), "{message}");
    assert!(!message.contains("s3cret"), "{message}");
    let err = lockstep_pg::introspect("postgres://app:s3cret@[bad").unwrap_err();
    assert!(!err.to_string().contains("s3cret"), "{err}");
}
