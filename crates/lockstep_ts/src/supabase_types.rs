//! The generated `Database` type (`supabase gen types typescript`, kept by Lovable in
//! `src/integrations/supabase/types.ts`): every schema's tables, views, functions and enums as
//! the file declares them. Often the only full picture of an app's schema, when tables were made
//! in a dashboard and the migrations hold a few of them.
//!
//! The file says what TypeScript sees: a column is `string`, `number`, `boolean`, `Json`, an
//! enum or an array of those, nullable or not, optional on insert or not. Facts only; what they
//! mean for the database is the caller's business.

use lockstep_diagnostics::{FileId, Span};
use oxc_allocator::Allocator;
use oxc_ast::ast::{Declaration, PropertyKey, Statement, TSLiteral, TSSignature, TSType, TSTypeName};
use oxc_span::{GetSpan, SourceType};

/// What the `Database` type of one file declares.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct DatabaseTypes {
    pub schemas: Vec<TypesSchema>,
}

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct TypesSchema {
    pub name: String,
    pub tables: Vec<TypesRelation>,
    pub views: Vec<TypesRelation>,
    pub functions: Vec<TypesFunction>,
    pub enums: Vec<TypesEnum>,
}

/// A table (or view) with its `Row` columns.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TypesRelation {
    pub name: String,
    pub span: Span,
    pub columns: Vec<TypesColumn>,
    pub relationships: Vec<TypesRelationship>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TypesColumn {
    pub name: String,
    pub span: Span,
    pub ty: TsType,
    /// `| null` in `Row`.
    pub nullable: bool,
    /// Optional in `Insert` though not nullable: the column has a default (or is an identity).
    pub has_default: bool,
}

/// A TypeScript type as the generator writes it for a column.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum TsType {
    String,
    Number,
    Boolean,
    Json,
    /// `Database["public"]["Enums"]["order_status"]`.
    Enum {
        schema: String,
        name: String,
    },
    Array(Box<TsType>),
    /// Anything else (`unknown`, an object literal).
    Unknown,
}

/// A foreign key from `Relationships`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TypesRelationship {
    pub name: String,
    pub columns: Vec<String>,
    pub referenced_relation: String,
    pub referenced_columns: Vec<String>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TypesFunction {
    pub name: String,
    pub span: Span,
    /// One argument list per overload (`Args` may be a union); `[[]]` for a function without
    /// arguments. Each argument: name, type, and whether it is optional (`max_rows?: number`:
    /// it has a default).
    pub overloads: Vec<Vec<(String, TsType, bool)>>,
    pub returns: TsType,
    /// The keys of the rows it returns (`Returns: { id: string; total: number }[]`).
    pub result_columns: Vec<(String, TsType)>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TypesEnum {
    pub name: String,
    pub span: Span,
    pub values: Vec<String>,
}

/// Whether `text` looks like a generated `Database` type, before parsing it.
pub fn looks_like_database_types(text: &str) -> bool {
    (text.contains("export type Database =") || text.contains("export interface Database"))
        && text.contains("Tables:")
        && text.contains("Row:")
}

/// Reads the `Database` type of a file; `None` when the file does not declare one (or does not
/// parse).
pub fn database_types(file: FileId, path: &str, text: &str) -> Option<DatabaseTypes> {
    let source_type = SourceType::from_path(path).unwrap_or_else(|_| SourceType::ts());
    let allocator = Allocator::default();
    let parsed = crate::parse::parse(&allocator, text, source_type);
    if parsed.panicked {
        return None;
    }
    let mut found = None;
    for statement in &parsed.program.body {
        let declaration = match statement {
            Statement::ExportDeclaration(export) => Some(&export.declaration),
            Statement::TSTypeAliasDeclaration(_) | Statement::TSInterfaceDeclaration(_) => statement.as_declaration(),
            _ => None,
        };
        let members = match declaration {
            Some(Declaration::TSTypeAliasDeclaration(alias)) if alias.id.name == "Database" => {
                match &alias.type_annotation {
                    TSType::TSTypeLiteral(literal) => Some(&literal.members),
                    _ => None,
                }
            }
            Some(Declaration::TSInterfaceDeclaration(interface)) if interface.id.name == "Database" => {
                Some(&interface.body.body)
            }
            _ => None,
        };
        if let Some(members) = members {
            found = Some(members);
            break;
        }
    }
    let members = found?;
    let reader = Reader { file };
    let mut types = DatabaseTypes::default();
    for (name, _, ty) in properties(members) {
        // `__InternalSupabase` holds the PostgREST version, not a schema.
        if name.starts_with("__") {
            continue;
        }
        let Some(sections) = literal_members(ty) else { continue };
        let mut schema = TypesSchema { name: name.to_owned(), ..TypesSchema::default() };
        for (section, _, ty) in properties(sections) {
            let Some(items) = literal_members(ty) else { continue };
            match section {
                "Tables" => schema.tables = reader.relations(items),
                "Views" => schema.views = reader.relations(items),
                "Functions" => schema.functions = reader.functions(items),
                "Enums" => schema.enums = reader.enums(items),
                _ => {}
            }
        }
        types.schemas.push(schema);
    }
    Some(types)
}

struct Reader {
    file: FileId,
}

impl Reader {
    fn span(&self, span: oxc_span::Span) -> Span {
        Span::new(self.file, span.start, span.end)
    }

    fn relations(&self, items: &oxc_allocator::Vec<'_, TSSignature<'_>>) -> Vec<TypesRelation> {
        let mut relations = Vec::new();
        for (name, key_span, ty) in properties(items) {
            let Some(parts) = literal_members(ty) else { continue };
            let mut relation = TypesRelation {
                name: name.to_owned(),
                span: self.span(key_span),
                columns: Vec::new(),
                relationships: Vec::new(),
            };
            let mut insert_optional: Vec<String> = Vec::new();
            let mut insert_seen = false;
            for (part, _, ty) in properties(parts) {
                match part {
                    "Row" => {
                        for (column, span, ty) in literal_members(ty).map(properties).unwrap_or_default() {
                            let (ty, nullable) = column_type(ty);
                            relation.columns.push(TypesColumn {
                                name: column.to_owned(),
                                span: self.span(span),
                                ty,
                                nullable,
                                has_default: false,
                            });
                        }
                    }
                    "Insert" => {
                        insert_seen = true;
                        if let Some(members) = literal_members(ty) {
                            for member in members {
                                if let TSSignature::TSPropertySignature(property) = member
                                    && property.optional
                                    && let Some(name) = key_name(&property.key)
                                {
                                    insert_optional.push(name.to_owned());
                                }
                            }
                        }
                    }
                    "Relationships" => relation.relationships = relationships(ty),
                    _ => {}
                }
            }
            if insert_seen {
                for column in &mut relation.columns {
                    column.has_default = !column.nullable && insert_optional.contains(&column.name);
                }
            }
            relations.push(relation);
        }
        relations
    }

    fn functions(&self, items: &oxc_allocator::Vec<'_, TSSignature<'_>>) -> Vec<TypesFunction> {
        let mut functions = Vec::new();
        for (name, key_span, ty) in properties(items) {
            // Overloads are a union of `{ Args; Returns }` objects.
            let variants: Vec<&TSType> = match ty {
                TSType::TSUnionType(union) => union.types.iter().collect(),
                other => vec![other],
            };
            for variant in variants {
                if let Some(function) = self.function(name, key_span, variant) {
                    functions.push(function);
                }
            }
        }
        functions
    }

    fn function(&self, name: &str, key_span: oxc_span::Span, ty: &TSType) -> Option<TypesFunction> {
        let parts = literal_members(ty)?;
        let mut function = TypesFunction {
            name: name.to_owned(),
            span: self.span(key_span),
            overloads: Vec::new(),
            returns: TsType::Unknown,
            result_columns: Vec::new(),
        };
        for (part, _, ty) in properties(parts) {
            match part {
                "Args" => function.overloads = overloads(ty),
                "Returns" => {
                    function.returns = column_type(ty).0;
                    let rows = match ty {
                        TSType::TSArrayType(array) => &array.element_type,
                        other => other,
                    };
                    function.result_columns = literal_members(rows)
                        .map(properties)
                        .unwrap_or_default()
                        .into_iter()
                        .map(|(name, _, ty)| (name.to_owned(), column_type(ty).0))
                        .collect();
                }
                _ => {}
            }
        }
        if function.overloads.is_empty() {
            function.overloads.push(Vec::new());
        }
        Some(function)
    }

    fn enums(&self, items: &oxc_allocator::Vec<'_, TSSignature<'_>>) -> Vec<TypesEnum> {
        properties(items)
            .into_iter()
            .map(|(name, span, ty)| TypesEnum {
                name: name.to_owned(),
                span: self.span(span),
                values: string_literals(ty),
            })
            .collect()
    }
}

/// The named properties of a type literal: name, the key's span, the type.
fn properties<'a, 'b>(
    members: &'b oxc_allocator::Vec<'a, TSSignature<'a>>,
) -> Vec<(&'b str, oxc_span::Span, &'b TSType<'a>)> {
    members
        .iter()
        .filter_map(|member| match member {
            TSSignature::TSPropertySignature(property) => {
                let name = key_name(&property.key)?;
                let ty = &property.type_annotation.as_ref()?.type_annotation;
                Some((name, property.key.span(), ty))
            }
            _ => None,
        })
        .collect()
}

fn key_name<'b>(key: &'b PropertyKey<'_>) -> Option<&'b str> {
    match key {
        PropertyKey::StaticIdentifier(id) => Some(id.name.as_str()),
        PropertyKey::StringLiteral(s) => Some(s.value.as_str()),
        _ => None,
    }
}

fn literal_members<'a, 'b>(ty: &'b TSType<'a>) -> Option<&'b oxc_allocator::Vec<'a, TSSignature<'a>>> {
    match ty {
        TSType::TSTypeLiteral(literal) => Some(&literal.members),
        TSType::TSParenthesizedType(inner) => literal_members(&inner.type_annotation),
        _ => None,
    }
}

/// A column's type and whether `null` is one of its union members.
fn column_type(ty: &TSType) -> (TsType, bool) {
    match ty {
        TSType::TSUnionType(union) => {
            let nullable = union.types.iter().any(|t| matches!(t, TSType::TSNullKeyword(_)));
            let rest: Vec<&TSType> = union.types.iter().filter(|t| !matches!(t, TSType::TSNullKeyword(_))).collect();
            let ty = match rest.as_slice() {
                [one] => column_type(one).0,
                // `"a" | "b"`: a literal union the generator writes for no column, but people do.
                many if many.iter().all(
                    |t| matches!(t, TSType::TSLiteralType(l) if matches!(l.literal, TSLiteral::StringLiteral(_))),
                ) =>
                {
                    TsType::String
                }
                _ => TsType::Unknown,
            };
            (ty, nullable)
        }
        TSType::TSParenthesizedType(inner) => column_type(&inner.type_annotation),
        TSType::TSStringKeyword(_) => (TsType::String, false),
        TSType::TSNumberKeyword(_) | TSType::TSBigIntKeyword(_) => (TsType::Number, false),
        TSType::TSBooleanKeyword(_) => (TsType::Boolean, false),
        TSType::TSNullKeyword(_) => (TsType::Unknown, true),
        TSType::TSArrayType(array) => (TsType::Array(Box::new(column_type(&array.element_type).0)), false),
        TSType::TSTypeReference(reference) => match &reference.type_name {
            TSTypeName::IdentifierReference(id) if id.name == "Json" => (TsType::Json, false),
            _ => (TsType::Unknown, false),
        },
        TSType::TSIndexedAccessType(_) => (enum_reference(ty).unwrap_or(TsType::Unknown), false),
        _ => (TsType::Unknown, false),
    }
}

/// `Database["public"]["Enums"]["order_status"]` → the enum.
fn enum_reference(ty: &TSType) -> Option<TsType> {
    let mut indexes = Vec::new();
    let mut current = ty;
    while let TSType::TSIndexedAccessType(access) = current {
        indexes.push(string_literals(&access.index_type).into_iter().next()?);
        current = &access.object_type;
    }
    indexes.reverse();
    match indexes.as_slice() {
        [schema, section, name] if section == "Enums" => {
            Some(TsType::Enum { schema: schema.clone(), name: name.clone() })
        }
        _ => None,
    }
}

/// The string literals of `"a" | "b"`.
fn string_literals(ty: &TSType) -> Vec<String> {
    match ty {
        TSType::TSLiteralType(literal) => match &literal.literal {
            TSLiteral::StringLiteral(s) => vec![s.value.to_string()],
            _ => Vec::new(),
        },
        TSType::TSUnionType(union) => union.types.iter().flat_map(string_literals).collect(),
        TSType::TSParenthesizedType(inner) => string_literals(&inner.type_annotation),
        _ => Vec::new(),
    }
}

/// `Args`: one object (one overload), a union of objects (overloads), or `never` /
/// `Record<PropertyKey, never>` (no arguments).
fn overloads(ty: &TSType) -> Vec<Vec<(String, TsType, bool)>> {
    match ty {
        TSType::TSUnionType(union) => union.types.iter().flat_map(overloads).collect(),
        TSType::TSParenthesizedType(inner) => overloads(&inner.type_annotation),
        TSType::TSTypeLiteral(literal) => vec![
            literal
                .members
                .iter()
                .filter_map(|member| match member {
                    TSSignature::TSPropertySignature(property) => {
                        let name = key_name(&property.key)?;
                        let ty = &property.type_annotation.as_ref()?.type_annotation;
                        Some((name.to_owned(), column_type(ty).0, property.optional))
                    }
                    _ => None,
                })
                .collect(),
        ],
        _ => vec![Vec::new()],
    }
}

/// `Relationships: [{ foreignKeyName: "..."; columns: ["a"]; referencedRelation: "t"; referencedColumns: ["id"] }]`.
fn relationships(ty: &TSType) -> Vec<TypesRelationship> {
    let TSType::TSTupleType(tuple) = ty else { return Vec::new() };
    let mut found = Vec::new();
    for element in &tuple.element_types {
        let Some(ty) = element.as_ts_type() else { continue };
        let Some(members) = literal_members(ty) else { continue };
        let mut relationship = TypesRelationship {
            name: String::new(),
            columns: Vec::new(),
            referenced_relation: String::new(),
            referenced_columns: Vec::new(),
        };
        for (key, _, ty) in properties(members) {
            let strings = || match ty {
                TSType::TSTupleType(t) => {
                    t.element_types.iter().filter_map(|e| e.as_ts_type()).flat_map(string_literals).collect()
                }
                other => string_literals(other),
            };
            match key {
                "foreignKeyName" => relationship.name = strings().into_iter().next().unwrap_or_default(),
                "columns" => relationship.columns = strings(),
                "referencedRelation" => {
                    relationship.referenced_relation = strings().into_iter().next().unwrap_or_default();
                }
                "referencedColumns" => relationship.referenced_columns = strings(),
                _ => {}
            }
        }
        if !relationship.referenced_relation.is_empty() && !relationship.columns.is_empty() {
            found.push(relationship);
        }
    }
    found
}
