//! One schema from several sources: the replayed migrations completed by what another source
//! (the generated TypeScript `Database` type) knows and they do not, keeping each object's
//! origin so findings point at the source that holds it.
//!
//! A source that only knows TypeScript types gives column types as a family
//! ([`TYPESCRIPT_STRING`] and its siblings): `string` may be `text`, `uuid` or `timestamptz`,
//! so comparisons accept any type of the family.

use super::{QualifiedName, Schema};

pub const TYPESCRIPT_STRING: &str = "ts:string";
pub const TYPESCRIPT_NUMBER: &str = "ts:number";
pub const TYPESCRIPT_BOOLEAN: &str = "ts:boolean";
pub const TYPESCRIPT_JSON: &str = "ts:json";
pub const TYPESCRIPT_UNKNOWN: &str = "ts:unknown";

/// Whether a column type written as a TypeScript family (`ts:string`, `ts:number[]`) admits the
/// Postgres type `sql` (as `format_type` prints it). `None` when `family` is no such family.
pub fn typescript_family_admits(family: &str, sql: &str) -> Option<bool> {
    if !family.starts_with("ts:") {
        return None;
    }
    let (family, sql) = match (family.strip_suffix("[]"), sql.strip_suffix("[]")) {
        (Some(f), Some(s)) => (f, s),
        (Some(_), None) | (None, Some(_)) => return Some(family == TYPESCRIPT_UNKNOWN || family == TYPESCRIPT_JSON),
        (None, None) => (family, sql),
    };
    let base = sql.split('(').next().unwrap_or(sql).trim();
    Some(match family {
        TYPESCRIPT_STRING => !matches!(
            base,
            "smallint" | "integer" | "bigint" | "real" | "double precision" | "boolean" | "json" | "jsonb"
        ),
        TYPESCRIPT_NUMBER => {
            matches!(base, "smallint" | "integer" | "bigint" | "numeric" | "real" | "double precision")
        }
        TYPESCRIPT_BOOLEAN => base == "boolean",
        TYPESCRIPT_JSON => matches!(base, "json" | "jsonb"),
        _ => true,
    })
}

/// What [`complete_with`] took from the other source.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Completed {
    /// Tables and views only the other source has.
    pub relations: Vec<QualifiedName>,
    /// Columns of tables both have that only the other source lists: `(table, column)`.
    pub columns: Vec<(QualifiedName, String)>,
    /// Columns the schema has that the other source lacks, for tables both have.
    pub missing_there: Vec<(QualifiedName, String)>,
    /// Columns the other source lists that the schema's history dropped or renamed.
    pub stale: Vec<(QualifiedName, String)>,
    pub enums: Vec<QualifiedName>,
    pub functions: Vec<QualifiedName>,
}

impl Completed {
    pub fn is_empty(&self) -> bool {
        *self == Completed::default()
    }
}

impl Schema {
    /// Adds to `self` the tables, views, columns, enums and functions only `other` has. Where
    /// both have an object, `self` wins: it is the more precise source. `gone` says which
    /// tables (`None`) and columns `self`'s history removed (dropped, renamed away): `other`
    /// listing them is out of date, not a completion.
    pub fn complete_with(
        &mut self,
        other: &Schema,
        is_provider_schema: &dyn Fn(&str) -> bool,
        gone: &dyn Fn(&QualifiedName, Option<&str>) -> bool,
    ) -> Completed {
        let mut completed = Completed::default();
        for table in other.tables.iter().filter(|t| !is_provider_schema(&t.name.schema)) {
            if gone(&table.name, None) && self.table(&table.name).is_none() {
                continue;
            }
            if self.view(&table.name).is_some() {
                continue;
            }
            match self.table_mut(&table.name) {
                None => {
                    completed.relations.push(table.name.clone());
                    self.tables.push(table.clone());
                }
                Some(mine) => {
                    for column in &table.columns {
                        if mine.columns.iter().any(|c| c.name == column.name) {
                            continue;
                        }
                        if gone(&table.name, Some(&column.name)) {
                            completed.stale.push((table.name.clone(), column.name.clone()));
                        } else {
                            completed.columns.push((table.name.clone(), column.name.clone()));
                            mine.columns.push(column.clone());
                        }
                    }
                    for column in &mine.columns {
                        if !table.columns.iter().any(|c| c.name == column.name) {
                            completed.missing_there.push((table.name.clone(), column.name.clone()));
                        }
                    }
                }
            }
        }
        for view in other.views.iter().filter(|v| !is_provider_schema(&v.name.schema)) {
            if self.view(&view.name).is_none() && self.table(&view.name).is_none() {
                completed.relations.push(view.name.clone());
                self.views.push(view.clone());
            }
        }
        for other_enum in other.enums.iter().filter(|e| !is_provider_schema(&e.name.schema)) {
            if self.enum_type(&other_enum.name).is_none() {
                completed.enums.push(other_enum.name.clone());
                self.enums.push(other_enum.clone());
            }
        }
        for function in other.functions.iter().filter(|f| !is_provider_schema(&f.name.schema)) {
            if self.functions_named(&function.name).next().is_none() {
                if !completed.functions.contains(&function.name) {
                    completed.functions.push(function.name.clone());
                }
                self.functions.push(function.clone());
            }
        }
        completed
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn families_admit_their_types() {
        assert_eq!(typescript_family_admits(TYPESCRIPT_STRING, "uuid"), Some(true));
        assert_eq!(typescript_family_admits(TYPESCRIPT_STRING, "timestamp with time zone"), Some(true));
        assert_eq!(typescript_family_admits(TYPESCRIPT_STRING, "integer"), Some(false));
        assert_eq!(typescript_family_admits(TYPESCRIPT_NUMBER, "numeric(10,2)"), Some(true));
        assert_eq!(typescript_family_admits("ts:string[]", "text[]"), Some(true));
        assert_eq!(typescript_family_admits("ts:string[]", "text"), Some(false));
        assert_eq!(typescript_family_admits("text", "text"), None);
    }
}
