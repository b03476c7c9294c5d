//! `schema.sql`: the DDL `lockstep_db`'s conformance suite applies to a real PostgreSQL for every
//! fixture (from a new Supabase project to the lowered contract), after the header.

use lockstep_db::ddl::render;
use lockstep_db::lower::lower;
use lockstep_schema::diff::diff_in;
use lockstep_sql::supabase::{is_provider_schema, prelude};

use crate::support::{contract, fixtures};

#[test]
fn schema_sql_is_the_ddl_the_conformance_suite_applies() {
    let mut start = prelude();
    start.sort();
    for fixture in fixtures() {
        let contract = contract(&fixture.files);
        let applied = render(&diff_in(&start, &lower(&contract).schema, &|s| !is_provider_schema(s)));
        let generated = lockstep_gen::schema_sql(&contract, "-- header\n");
        assert_eq!(generated, format!("-- header\n\n{applied}"), "{}", fixture.name);
    }
}
