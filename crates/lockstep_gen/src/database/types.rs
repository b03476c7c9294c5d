//! Postgres types (in `format_type` spelling) and contract shapes as TypeScript, mapped as the
//! supabase generator maps them: text-like, date and time, `uuid`, `bytea`, `vector` and
//! `interval` to `string`; integers, floats and `numeric` to `number`; `json`/`jsonb` to `Json`;
//! enums to `Database["public"]["Enums"]["name"]`; arrays to `T[]`; anything else (`inet`,
//! `tsvector`, ...) to `unknown`, which the reference never widens with `| null`.

use std::collections::BTreeMap;

use lockstep_contract::model::{Contract, Shape};
use lockstep_schema::quote_ident;

use crate::ts::{Ty, string_literal};

/// Enum types by the spelling a column's type has, to the schema and name they are listed under.
#[derive(Debug, Default)]
pub struct EnumIndex {
    by_type: BTreeMap<String, (String, String)>,
}

impl EnumIndex {
    /// Every enum of the lowered schema: public ones under their bare (quoted when needed) name,
    /// others schema-qualified, as `format_type` spells them.
    pub fn new(enums: &[lockstep_schema::EnumType]) -> EnumIndex {
        let mut by_type = BTreeMap::new();
        for e in enums {
            let spelling = if e.name.schema == "public" {
                quote_ident(&e.name.name)
            } else {
                format!("{}.{}", quote_ident(&e.name.schema), quote_ident(&e.name.name))
            };
            by_type.insert(spelling, (e.name.schema.clone(), e.name.name.clone()));
        }
        EnumIndex { by_type }
    }

    fn reference(&self, spelling: &str) -> Option<Ty> {
        self.by_type.get(spelling).map(|(schema, name)| enum_reference(schema, name))
    }
}

/// `Database["public"]["Enums"]["order_status"]`.
pub fn enum_reference(schema: &str, name: &str) -> Ty {
    Ty::Raw(format!("Database[{}][\"Enums\"][{}]", string_literal(schema), string_literal(name)))
}

/// A column type in `format_type` spelling as TypeScript.
pub fn column_ty(sql: &str, enums: &EnumIndex) -> Ty {
    if let Some(element) = sql.strip_suffix("[]") {
        return Ty::Array(Box::new(column_ty(element, enums)));
    }
    if let Some(reference) = enums.reference(sql) {
        return reference;
    }
    let base = without_modifiers(sql);
    Ty::raw(match base.as_str() {
        "boolean" => "boolean",
        "smallint" | "integer" | "bigint" | "real" | "double precision" | "numeric" => "number",
        "bytea"
        | "character"
        | "character varying"
        | "date"
        | "text"
        | "citext"
        | "time without time zone"
        | "time with time zone"
        | "timestamp without time zone"
        | "timestamp with time zone"
        | "uuid"
        | "vector"
        | "interval" => "string",
        "json" | "jsonb" => "Json",
        "void" => "undefined",
        "record" => "Record<string, unknown>",
        _ => "unknown",
    })
}

/// `character varying(80)` → `character varying`, `timestamp(3) with time zone` → `timestamp
/// with time zone`: the type's name without its modifiers.
fn without_modifiers(sql: &str) -> String {
    let mut out = String::with_capacity(sql.len());
    let mut depth = 0usize;
    for c in sql.chars() {
        match c {
            '(' => depth += 1,
            ')' => depth = depth.saturating_sub(1),
            c if depth == 0 => out.push(c),
            _ => {}
        }
    }
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// A function argument's or result's shape as TypeScript: scalars and enums as their columns
/// would be, objects (which PostgREST passes as JSON) as `Json`.
pub fn shape_ty(contract: &Contract, shape: &Shape, enums: &EnumIndex) -> Ty {
    match shape {
        Shape::Scalar(scalar) => column_ty(&scalar.sql_name(), enums),
        Shape::Enum(name) => {
            let db_name = contract.enumeration(name).map_or(name.as_str(), |e| e.db_name.as_str());
            enum_reference("public", db_name)
        }
        Shape::Array(inner) => Ty::Array(Box::new(shape_ty(contract, inner, enums))),
        Shape::Nullable(inner) => Ty::nullable(shape_ty(contract, inner, enums)),
        Shape::Entity(_) | Shape::Type(_) | Shape::Select { .. } | Shape::Object(_) => Ty::raw("Json"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn postgres_types_map_as_the_reference_maps_them() {
        let enums = EnumIndex::default();
        let ts = |sql: &str| crate::doc::print(&crate::ts::doc(&column_ty(sql, &enums)));
        assert_eq!(ts("character varying(80)"), "string");
        assert_eq!(ts("timestamp(3) with time zone"), "string");
        assert_eq!(ts("numeric(12,2)"), "number");
        assert_eq!(ts("double precision"), "number");
        assert_eq!(ts("jsonb"), "Json");
        assert_eq!(ts("integer[]"), "number[]");
        assert_eq!(ts("inet"), "unknown");
        assert_eq!(ts("vector(1536)"), "string");
    }
}
