//! The generated TypeScript `Database` type as a schema source: found (lockstep.toml's
//! `[database] types`, else the usual places, recognised by content), read, and turned into a
//! [`Schema`] whose column types are TypeScript families (`ts:string`), since the file does not
//! say whether a `string` is `text` or `uuid`.

use std::path::PathBuf;

use lockstep_config::{Project, TYPES_FILES};
use lockstep_diagnostics::{FileId, Sources};
use lockstep_sql::normalize::quote_ident;
use lockstep_sql::schema::merge::{
    TYPESCRIPT_BOOLEAN, TYPESCRIPT_JSON, TYPESCRIPT_NUMBER, TYPESCRIPT_STRING, TYPESCRIPT_UNKNOWN,
};
use lockstep_sql::schema::{
    Column, EnumType, ForeignKey, Function, KeyConstraint, QualifiedName, ReferentialAction, Schema, SqlType, Table,
    View,
};
use lockstep_ts::supabase_types::{DatabaseTypes, TsType, TypesRelation, database_types, looks_like_database_types};

/// The types file read into a schema.
pub struct TypesSchema {
    pub file: FileId,
    pub path: String,
    pub schema: Schema,
}

/// The project's types file, when it has one.
pub fn find(from: &dyn crate::read::Files, project: &Project, walked: Option<&[&std::path::Path]>) -> Option<PathBuf> {
    if let Some(configured) = &project.config.types {
        return Some(project.root.join(configured));
    }
    let root = crate::read::canonical_root(&project.root);
    let is_types = |path: &std::path::Path| {
        from.exists(path)
            && from
                .read_text(path, crate::read::Within::Root(&root), crate::read::TYPES)
                .is_ok_and(|t| looks_like_database_types(&t))
    };
    if let Some(found) = TYPES_FILES.iter().map(|path| project.root.join(path)).find(|p| is_types(p)) {
        return Some(found);
    }
    // Elsewhere among the sources (`shared/lib/database.types.ts`): a TypeScript file whose name
    // says it holds types of the database, recognised by its content.
    let listed;
    let paths: Vec<&std::path::Path> = if let Some(walked) = walked {
        walked.to_vec()
    } else {
        listed = crate::sources::source_paths(project).ok()?.0;
        listed.iter().map(PathBuf::as_path).collect()
    };
    paths
        .into_iter()
        .find(|path| {
            let name = path.file_name().map(|n| n.to_string_lossy().to_ascii_lowercase()).unwrap_or_default();
            let named = path.extension().is_some_and(|e| e.eq_ignore_ascii_case("ts"))
                && !name.ends_with(".d.ts")
                && ["types", "database", "supabase", "schema"].iter().any(|w| name.contains(w));
            named && is_types(path)
        })
        .map(std::path::Path::to_path_buf)
}

/// Reads the types file; `Err` with a phrase when it cannot be read or declares no `Database`.
/// Reads the types file into the sources.
pub fn read_file(
    from: &dyn crate::read::Files,
    project: &Project,
    path: &std::path::Path,
    sources: &mut Sources,
) -> Result<FileId, String> {
    let root = crate::read::canonical_root(&project.root);
    let text = from.read_text(path, crate::read::Within::Root(&root), crate::read::TYPES)?;
    let shown = crate::load::display_path(path, &project.root);
    Ok(sources.set(shown, text))
}

/// The schema a types file already read describes.
pub fn parse(file: FileId, sources: &Sources) -> Result<TypesSchema, String> {
    let source = sources.get(file);
    let types = database_types(file, source.path(), source.text())
        .ok_or_else(|| "declares no `Database` type (the output of `supabase gen types typescript`)".to_owned())?;
    Ok(TypesSchema { file, path: source.path().to_owned(), schema: schema(&types) })
}

/// The schema the file describes. Objects carry their span in the file as origin.
fn schema(types: &DatabaseTypes) -> Schema {
    let mut schema = Schema::default();
    for types_schema in &types.schemas {
        let qualified = |name: &str| QualifiedName::new(types_schema.name.clone(), name.to_owned());
        for enum_type in &types_schema.enums {
            schema.enums.push(EnumType {
                name: qualified(&enum_type.name),
                values: enum_type.values.clone(),
                origin: Some(enum_type.span),
            });
        }
        for relation in &types_schema.tables {
            schema.tables.push(table(qualified(&relation.name), relation));
        }
        for view in &types_schema.views {
            schema.views.push(View {
                name: qualified(&view.name),
                materialized: false,
                columns: Some(view.columns.iter().map(|c| c.name.clone()).collect()),
                origin: Some(view.span),
            });
        }
        for function in &types_schema.functions {
            for overload in &function.overloads {
                // The generator sorts arguments by name; Postgres puts defaulted ones last.
                // `.rpc()` passes them by name, so the optional ones are moved to the end.
                let mut overload = overload.clone();
                overload.sort_by_key(|(_, _, optional)| *optional);
                schema.functions.push(Function {
                    name: qualified(&function.name),
                    arguments: overload.iter().map(|(_, ty, _)| sql_type(ty)).collect(),
                    argument_names: overload.iter().map(|(name, _, _)| name.clone()).collect(),
                    returns: match &function.returns {
                        TsType::Unknown => "jsonb".to_owned(),
                        other => sql_type(other),
                    },
                    result_columns: function
                        .result_columns
                        .iter()
                        .map(|(name, ty)| (name.clone(), sql_type(ty)))
                        .collect(),
                    defaulted_arguments: overload.iter().filter(|(_, _, optional)| *optional).count(),
                    origin: Some(function.span),
                });
            }
        }
    }
    referenced_columns_are_unique(&mut schema);
    schema.sort();
    schema
}

/// Postgres only lets a foreign key reference a primary key or unique columns: the file does
/// not list keys, but every relationship it lists says its referenced columns are one.
fn referenced_columns_are_unique(schema: &mut Schema) {
    let referenced: Vec<(QualifiedName, Vec<String>)> = schema
        .tables
        .iter()
        .flat_map(|t| t.foreign_keys.iter().map(|f| (f.references.clone(), f.referenced_columns.clone())))
        .collect();
    for (table, columns) in referenced {
        let Some(target) = schema.tables.iter_mut().find(|t| t.name == table) else { continue };
        let keyed = target.primary_key.as_ref().is_some_and(|k| k.columns == columns)
            || target.uniques.iter().any(|u| u.columns == columns);
        if keyed || !columns.iter().all(|c| target.columns.iter().any(|col| &col.name == c)) {
            continue;
        }
        target.uniques.push(KeyConstraint {
            name: format!("{}_{}_key", target.name.name, columns.join("_")),
            columns,
            origin: target.origin,
        });
    }
}

fn table(name: QualifiedName, relation: &TypesRelation) -> Table {
    let origin = Some(relation.span);
    Table {
        columns: relation
            .columns
            .iter()
            .map(|c| Column {
                name: c.name.clone(),
                ty: SqlType::new(sql_type(&c.ty)),
                nullable: c.nullable,
                default: None,
                identity: None,
                generated: None,
                comment: None,
                origin: Some(c.span),
            })
            .collect(),
        // The file does not say which columns are the key. Apps made with these tools key
        // every table on a non-null `id`; assume it, as the generator's own `Relationships`
        // (which reference `id`) do.
        primary_key: relation.columns.iter().find(|c| c.name == "id" && !c.nullable).map(|c| KeyConstraint {
            name: format!("{}_pkey", relation.name),
            columns: vec![c.name.clone()],
            origin: Some(c.span),
        }),
        uniques: Vec::new(),
        foreign_keys: relation
            .relationships
            .iter()
            .map(|r| ForeignKey {
                name: r.name.clone(),
                columns: r.columns.clone(),
                references: QualifiedName::new(name.schema.clone(), r.referenced_relation.clone()),
                referenced_columns: r.referenced_columns.clone(),
                on_delete: ReferentialAction::NoAction,
                on_update: ReferentialAction::NoAction,
                origin,
            })
            .collect(),
        checks: Vec::new(),
        rls_enabled: false,
        rls_forced: false,
        policies: Vec::new(),
        comment: None,
        name,
        origin,
    }
}

/// A column's type: the enum's name as `format_type` prints it, or a TypeScript family.
fn sql_type(ty: &TsType) -> String {
    match ty {
        TsType::String => TYPESCRIPT_STRING.to_owned(),
        TsType::Number => TYPESCRIPT_NUMBER.to_owned(),
        TsType::Boolean => TYPESCRIPT_BOOLEAN.to_owned(),
        TsType::Json => TYPESCRIPT_JSON.to_owned(),
        TsType::Unknown => TYPESCRIPT_UNKNOWN.to_owned(),
        TsType::Enum { schema, name } => {
            if schema == "public" {
                quote_ident(name)
            } else {
                format!("{}.{}", quote_ident(schema), quote_ident(name))
            }
        }
        TsType::Array(inner) => format!("{}[]", sql_type(inner)),
    }
}
