//! `database.ts`: the supabase `Database` type, in the format `supabase gen types typescript`
//! writes (postgres-meta's TypeScript template after prettier), built from the lowered contract
//! instead of a live database.
//!
//! Where the contract knows more than the catalog, the file says more (and stays in the same
//! format): view columns keep the nullability the contract gives them instead of all being
//! nullable, and generated columns are `never` on insert and update. What the contract cannot
//! say is left as the reference leaves an unknown: views have no `Insert`/`Update` (whether a
//! view is updatable depends on its definition) and no relationships.

mod helpers;
mod types;

use lockstep_contract::model::{Contract, Entity, FieldNames, Function, Shape, json_fields};
use lockstep_db::lower::{column_type, lower};
use lockstep_schema::{Column, Identity, Schema, Table};

use crate::collate::{compare, sort_by_name};
use crate::doc::{Doc, concat, group, if_break, indent, join, print, text};
use crate::ts::{Member, Ty, member, string_literal};
use types::{EnumIndex, column_ty, shape_ty};

/// The PostgREST version written into `__InternalSupabase`. supabase-js reads it to decide which
/// PostgREST features the types may use; 12 is the oldest version Supabase runs today, so a
/// project on any current version can use the file (a newer server only offers more).
pub const POSTGREST_VERSION: &str = "12";

/// The `Json` type, as the reference writes it.
const JSON_TYPE: &str = "export type Json =\n  | string\n  | number\n  | boolean\n  | null\n  | { [key: string]: Json | undefined }\n  | Json[]";

/// The whole `database.ts` after `header` (comment lines, each ending with a newline).
pub fn database_ts(contract: &Contract, header: &str) -> String {
    let lowered = lower(contract);
    let schema = &lowered.schema;
    let enums = EnumIndex::new(&schema.enums);
    let context = Context { contract, schema, enums };
    let mut schemas: Vec<&str> = std::iter::once("public").chain(schema.schemas.iter().map(String::as_str)).collect();
    sort_by_name(&mut schemas, |s| s);
    schemas.dedup();

    let mut database = vec![
        Doc::HardLine,
        text("// Allows to automatically instantiate createClient with right options"),
        Doc::HardLine,
        text("// instead of createClient<Database, { PostgrestVersion: 'XX' }>(URL, KEY)"),
        Doc::HardLine,
        member(&Member::new(
            "__InternalSupabase",
            Ty::object(vec![Member::new("PostgrestVersion", Ty::Str(POSTGREST_VERSION.to_owned()))], true),
        )),
    ];
    for name in &schemas {
        database.push(Doc::HardLine);
        database.push(member(&Member::new(*name, context.schema_ty(name))));
    }
    let database = concat(vec![text("export type Database = {"), indent(concat(database)), Doc::HardLine, text("}")]);

    let constants: Vec<Doc> = schemas
        .iter()
        .map(|name| {
            let enums: Vec<Doc> = context
                .enums_of(name)
                .into_iter()
                .map(|(enum_name, values)| {
                    let values = values.iter().map(|v| text(string_literal(v))).collect();
                    concat(vec![text(crate::ts::property_key(enum_name)), text(": "), array(values)])
                })
                .collect();
            let section = concat(vec![text("Enums: "), js_object(enums)]);
            concat(vec![text(crate::ts::property_key(name)), text(": "), js_object(vec![section])])
        })
        .collect();
    let constants = concat(vec![text("export const Constants = "), js_object(constants), text(" as const")]);

    format!("{header}\n{JSON_TYPE}\n\n{}\n\n{}\n{}\n", print(&database), helpers::HELPERS, print(&constants))
}

struct Context<'c> {
    contract: &'c Contract,
    schema: &'c Schema,
    enums: EnumIndex,
}

impl Context<'_> {
    fn schema_ty(&self, name: &str) -> Ty {
        let mut tables: Vec<&Table> = self.schema.tables.iter().filter(|t| t.name.schema == name).collect();
        sort_by_name(&mut tables, |t| &t.name.name);
        let tables = tables.iter().map(|t| Member::new(t.name.name.clone(), self.table_ty(t))).collect();
        let mut views: Vec<&Entity> = self.contract.entities.iter().filter(|e| e.view && e.schema == name).collect();
        sort_by_name(&mut views, |e| &e.table);
        let views = views
            .iter()
            .map(|view| {
                let row = Ty::object(self.entity_row(view), true);
                let members = vec![Member::new("Row", row), Member::new("Relationships", Ty::Tuple(Vec::new()))];
                Member::new(view.table.clone(), Ty::object(members, true))
            })
            .collect();
        let functions = if name == "public" {
            let mut functions: Vec<&Function> = self.contract.functions.iter().collect();
            sort_by_name(&mut functions, |f| &f.name);
            functions.iter().map(|f| Member::new(f.name.clone(), self.function_ty(f))).collect()
        } else {
            Vec::new()
        };
        let enums = self
            .enums_of(name)
            .into_iter()
            .map(|(enum_name, values)| {
                let mut literals: Vec<Ty> = values.iter().map(|v| Ty::Str(v.clone())).collect();
                let ty = if literals.len() == 1 { literals.remove(0) } else { Ty::Union(literals) };
                Member::new(enum_name, ty)
            })
            .collect();
        let section = |members: Vec<Member>| if members.is_empty() { Ty::NeverMap } else { Ty::object(members, true) };
        Ty::object(
            vec![
                Member::new("Tables", section(tables)),
                Member::new("Views", section(views)),
                Member::new("Functions", section(functions)),
                Member::new("Enums", section(enums)),
                Member::new("CompositeTypes", Ty::NeverMap),
            ],
            true,
        )
    }

    /// The enums of a schema, sorted by name, with their values in declaration order.
    fn enums_of(&self, schema: &str) -> Vec<(&str, &[String])> {
        let mut enums: Vec<(&str, &[String])> = self
            .schema
            .enums
            .iter()
            .filter(|e| e.name.schema == schema)
            .map(|e| (e.name.name.as_str(), e.values.as_slice()))
            .collect();
        sort_by_name(&mut enums, |(name, _)| name);
        enums
    }

    fn table_ty(&self, table: &Table) -> Ty {
        let mut columns: Vec<&Column> = table.columns.iter().collect();
        sort_by_name(&mut columns, |c| &c.name);
        let ty = |c: &Column| {
            let ty = column_ty(c.ty.as_str(), &self.enums);
            if c.nullable { Ty::nullable(ty) } else { ty }
        };
        // Postgres refuses a value for these; the reference marks only identity `always` columns.
        let refused = |c: &Column| c.identity == Some(Identity::Always) || c.generated.is_some();
        let row = columns.iter().map(|c| Member::new(c.name.clone(), ty(c))).collect();
        let insert = columns
            .iter()
            .map(|c| {
                if refused(c) {
                    Member::optional(c.name.clone(), Ty::raw("never"))
                } else {
                    let optional = c.nullable || c.identity.is_some() || c.default.is_some();
                    Member { key: c.name.clone(), optional, ty: ty(c), numeric: false }
                }
            })
            .collect();
        let update = columns
            .iter()
            .map(|c| Member::optional(c.name.clone(), if refused(c) { Ty::raw("never") } else { ty(c) }))
            .collect();
        Ty::object(
            vec![
                Member::new("Row", Ty::object(row, true)),
                Member::new("Insert", Ty::object(insert, true)),
                Member::new("Update", Ty::object(update, true)),
                Member::new("Relationships", relationships(table)),
            ],
            true,
        )
    }

    /// A view's (or an entity's) row from the contract's fields, sorted by column name.
    fn entity_row(&self, entity: &Entity) -> Vec<Member> {
        if let Some(table) =
            self.schema.tables.iter().find(|t| t.name.schema == entity.schema && t.name.name == entity.table)
        {
            // A table: the lowered columns, which know what keys make `not null`.
            let Ty::Object { members, .. } = self.table_ty(table) else { unreachable!("a table is an object") };
            let Some(Member { ty: Ty::Object { members: row, .. }, .. }) = members.into_iter().next() else {
                unreachable!("a table starts with its row")
            };
            return row;
        }
        let mut fields: Vec<_> = entity.fields.iter().collect();
        sort_by_name(&mut fields, |f| &f.db_name);
        fields
            .iter()
            .map(|f| {
                let ty = column_ty(&column_type(self.contract, &f.ty), &self.enums);
                Member::new(f.db_name.clone(), if f.nullable { Ty::nullable(ty) } else { ty })
            })
            .collect()
    }

    fn function_ty(&self, function: &Function) -> Ty {
        let args = if function.args.is_empty() {
            Ty::raw("never")
        } else {
            let mut args: Vec<Member> = function
                .args
                .iter()
                .map(|arg| Member {
                    key: arg.name.clone(),
                    optional: arg.optional || arg.default.is_some(),
                    ty: shape_ty(self.contract, &arg.shape, &self.enums),
                    numeric: false,
                })
                .collect();
            sort_by_name(&mut args, |m| &m.key);
            Ty::object(args, false)
        };
        let mut members = vec![Member::new("Args", args)];
        members.extend(self.returns(function.returns.as_ref()));
        Ty::object(members, false)
    }

    /// `Returns`, and `SetofOptions` when the function returns rows of a table or view (which
    /// supabase-js uses to let `.rpc(...).select(...)` pick their columns).
    fn returns(&self, shape: Option<&Shape>) -> Vec<Member> {
        let Some(shape) = shape else { return vec![Member::new("Returns", Ty::raw("undefined"))] };
        let (shape, nullable) = match shape {
            Shape::Nullable(inner) => (inner.as_ref(), true),
            other => (other, false),
        };
        let (element, set) = match shape {
            Shape::Array(inner) => (inner.as_ref(), true),
            other => (other, false),
        };
        if let Shape::Entity(name) = element
            && let Some(entity) = self.contract.entity(name)
        {
            let row = Ty::object(self.entity_row(entity), true);
            let setof = Ty::object(
                vec![
                    Member::new("from", Ty::Str("*".to_owned())),
                    Member::new("to", Ty::Str(entity.table.clone())),
                    Member::new("isOneToOne", Ty::raw(if set { "false" } else { "true" })),
                    Member::new("isSetofReturn", Ty::raw(if set { "true" } else { "false" })),
                ],
                true,
            );
            let returns = if set { Ty::Array(Box::new(row)) } else { row };
            return vec![Member::new("Returns", returns), Member::new("SetofOptions", setof)];
        }
        let record = match element {
            Shape::Type(_) | Shape::Select { .. } | Shape::Object(_) => {
                json_fields(self.contract, element, FieldNames::Database).map(|fields| {
                    let mut members: Vec<Member> = fields
                        .iter()
                        .map(|f| {
                            let ty = shape_ty(self.contract, &f.shape, &self.enums);
                            Member::new(f.name, if f.nullable { Ty::nullable(ty) } else { ty })
                        })
                        .collect();
                    sort_by_name(&mut members, |m| &m.key);
                    Ty::object(members, true)
                })
            }
            _ => None,
        };
        let ty = match record {
            Some(record) if set => Ty::Array(Box::new(record)),
            Some(record) => record,
            None => shape_ty(self.contract, shape, &self.enums),
        };
        vec![Member::new("Returns", if nullable { Ty::nullable(ty) } else { ty })]
    }
}

/// The table's foreign keys to tables of its own schema (the reference leaves the others out),
/// sorted by constraint name, then referenced table and columns.
fn relationships(table: &Table) -> Ty {
    let mut keys: Vec<_> = table.foreign_keys.iter().filter(|k| k.references.schema == table.name.schema).collect();
    keys.sort_by(|a, b| {
        compare(&a.name, &b.name)
            .then_with(|| compare(&a.references.name, &b.references.name))
            .then_with(|| compare(&json_list(&a.referenced_columns), &json_list(&b.referenced_columns)))
    });
    let position = |column: &str| table.columns.iter().position(|c| c.name == column);
    // One-to-one when the key's columns are exactly a primary key's or unique constraint's, in
    // the table's column order (as PostgREST's schema cache compares them).
    let keyed: Vec<Vec<&str>> = table
        .primary_key
        .iter()
        .chain(&table.uniques)
        .map(|key| {
            let mut columns: Vec<&str> = key.columns.iter().map(String::as_str).collect();
            columns.sort_by_key(|c| position(c));
            columns
        })
        .collect();
    let strings = |list: &[String]| Ty::Tuple(list.iter().map(|s| Ty::Str(s.clone())).collect());
    Ty::Tuple(
        keys.iter()
            .map(|key| {
                let columns: Vec<&str> = key.columns.iter().map(String::as_str).collect();
                let one_to_one = keyed.contains(&columns);
                Ty::object(
                    vec![
                        Member::new("foreignKeyName", Ty::Str(key.name.clone())),
                        Member::new("columns", strings(&key.columns)),
                        Member::new("isOneToOne", Ty::raw(if one_to_one { "true" } else { "false" })),
                        Member::new("referencedRelation", Ty::Str(key.references.name.clone())),
                        Member::new("referencedColumns", strings(&key.referenced_columns)),
                    ],
                    true,
                )
            })
            .collect(),
    )
}

/// `JSON.stringify` of a list of names, the reference's last sort key.
fn json_list(list: &[String]) -> String {
    let items: Vec<String> = list.iter().map(|s| string_literal(s)).collect();
    format!("[{}]", items.join(","))
}

/// An object literal (not a type), one member per line with trailing commas.
fn js_object(members: Vec<Doc>) -> Doc {
    if members.is_empty() {
        return text("{}");
    }
    group(
        concat(vec![
            text("{"),
            indent(concat(vec![Doc::Line, join(&concat(vec![text(","), Doc::Line]), members)])),
            if_break(text(","), text("")),
            Doc::Line,
            text("}"),
        ]),
        true,
    )
}

/// An array literal: on one line when it fits, else one item per line.
pub fn array(items: Vec<Doc>) -> Doc {
    group(
        concat(vec![
            text("["),
            indent(concat(vec![Doc::SoftLine, join(&concat(vec![text(","), Doc::Line]), items)])),
            if_break(text(","), text("")),
            Doc::SoftLine,
            text("]"),
        ]),
        false,
    )
}
