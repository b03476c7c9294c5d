//! `schema.sql`: the whole desired schema as one SQL file (what migrations would build from an
//! empty database), for review and for moving the schema elsewhere. The statements are the
//! migration planner's own (`lockstep_db::ddl`), so the file and a plan never disagree.

use lockstep_contract::model::Contract;
use lockstep_db::lower::lower;
use lockstep_schema::Schema;
use lockstep_schema::diff::diff;

/// The DDL from an empty database to the contract's schema, after `header`.
pub fn schema_sql(contract: &Contract, header: &str) -> String {
    let lowered = lower(contract);
    let ddl = lockstep_db::ddl::render(&diff(&Schema::default(), &lowered.schema));
    format!("{header}\n{ddl}")
}
