//! The catalog queries, and the mapping of their rows into the schema model with the same
//! normalisation the static replay applies.

use lockstep_sql::normalize::{normalize_expr, normalize_table_expr, schema_expr};
use lockstep_sql::schema::{
    Bucket, Check, Column, EnumType, ForeignKey, Function, Identity, Index, KeyConstraint, Policy, PolicyCommand,
    QualifiedName, ReferentialAction, Schema, SqlType, Table, Trigger, View,
};
use postgres::{Client, Transaction};

use crate::IntrospectError;

/// Tables and views an extension created (`pg_stat_statements`, `spatial_ref_sys` of `PostGIS`)
/// are the extension's, not the app's: no migration made them.
// language=SQL
const NOT_EXTENSION_OWNED: &str = "not exists (select 1 from pg_depend d where d.classid = 'pg_class'::regclass and d.objid = c.oid and d.deptype = 'e')";

/// Schemas that hold the system, never the app.
// language=SQL
const USER_SCHEMAS: &str = "n.nspname not in ('pg_catalog', 'information_schema') and n.nspname not like 'pg\\_toast%' and n.nspname not like 'pg\\_temp%'";

/// Reads the schema through an open connection, in one read-only transaction.
pub fn introspect_with(client: &mut Client) -> Result<Schema, IntrospectError> {
    introspect_reporting(client, &mut |_| {})
}

/// [`introspect_with`], calling `step` before each round trip to the server with what it waits
/// for, so a caller can put a deadline on each.
pub(crate) fn introspect_reporting(
    client: &mut Client,
    step: &mut dyn FnMut(&'static str),
) -> Result<Schema, IntrospectError> {
    step("opening a read-only transaction");
    let mut tx = client.transaction()?;
    // language=SQL
    tx.batch_execute(&format!(
        "set transaction read only; set local statement_timeout = {}",
        crate::statement_timeout_ms()
    ))?;
    let mut schema = Schema::default();

    step("reading schemas");
    read_schemas(&mut tx, &mut schema)?;
    step("reading tables");
    read_tables(&mut tx, &mut schema)?;
    step("reading columns");
    read_columns(&mut tx, &mut schema)?;
    step("reading constraints");
    read_constraints(&mut tx, &mut schema)?;
    step("reading policies");
    read_policies(&mut tx, &mut schema)?;
    step("reading enums");
    read_enums(&mut tx, &mut schema)?;
    step("reading indexes");
    read_indexes(&mut tx, &mut schema)?;
    step("reading views");
    read_views(&mut tx, &mut schema)?;
    step("reading functions");
    read_functions(&mut tx, &mut schema)?;
    step("reading triggers");
    read_triggers(&mut tx, &mut schema)?;
    step("reading storage buckets");
    read_buckets(&mut tx, &mut schema)?;
    step("closing the transaction");
    tx.commit()?;
    schema.sort();
    Ok(schema)
}

fn read_schemas(tx: &mut Transaction<'_>, schema: &mut Schema) -> Result<(), IntrospectError> {
    // language=SQL
    for row in tx.query(
        &format!("select n.nspname::text from pg_namespace n where {USER_SCHEMAS} and n.nspname <> 'public'"),
        &[],
    )? {
        schema.schemas.push(row.get(0));
    }
    Ok(())
}

fn read_tables(tx: &mut Transaction<'_>, schema: &mut Schema) -> Result<(), IntrospectError> {
    // language=SQL
    let tables = format!(
        "select n.nspname::text, c.relname::text, c.relrowsecurity, c.relforcerowsecurity, obj_description(c.oid, 'pg_class')
         from pg_class c join pg_namespace n on n.oid = c.relnamespace
         where c.relkind in ('r', 'p') and {USER_SCHEMAS} and {NOT_EXTENSION_OWNED}"
    );
    for row in tx.query(&tables, &[])? {
        schema.tables.push(Table {
            rls_enabled: row.get(2),
            rls_forced: row.get(3),
            comment: row.get(4),
            ..Table::new(QualifiedName::new(row.get::<_, String>(0), row.get::<_, String>(1)), None)
        });
    }
    Ok(())
}

fn read_columns(tx: &mut Transaction<'_>, schema: &mut Schema) -> Result<(), IntrospectError> {
    // language=SQL
    let columns = format!(
        "select n.nspname::text, c.relname::text, a.attname::text, format_type(a.atttypid, a.atttypmod), a.attnotnull,
                pg_get_expr(d.adbin, d.adrelid), a.attidentity::text, a.attgenerated::text, col_description(c.oid, a.attnum)
         from pg_attribute a
         join pg_class c on c.oid = a.attrelid
         join pg_namespace n on n.oid = c.relnamespace
         left join pg_attrdef d on d.adrelid = a.attrelid and d.adnum = a.attnum
         where c.relkind in ('r', 'p') and a.attnum > 0 and not a.attisdropped and {USER_SCHEMAS}
         order by n.nspname, c.relname, a.attnum"
    );
    for row in tx.query(&columns, &[])? {
        let table = QualifiedName::new(row.get::<_, String>(0), row.get::<_, String>(1));
        let expression: Option<String> = row.get(5);
        let identity: String = row.get(6);
        let generated: String = row.get(7);
        let (default, generated) = if generated == "s" {
            (None, expression.map(|e| schema_expr(normalize_expr(&e))))
        } else {
            (expression.map(|e| schema_expr(normalize_expr(&e))), None)
        };
        let column = Column {
            name: row.get(2),
            ty: SqlType::new(row.get::<_, String>(3)),
            nullable: !row.get::<_, bool>(4),
            default,
            identity: match identity.as_str() {
                "a" => Some(Identity::Always),
                "d" => Some(Identity::ByDefault),
                _ => None,
            },
            generated,
            comment: row.get(8),
            origin: None,
        };
        if let Some(target) = schema.table_mut(&table) {
            target.columns.push(column);
        }
    }
    Ok(())
}

fn read_constraints(tx: &mut Transaction<'_>, schema: &mut Schema) -> Result<(), IntrospectError> {
    // language=SQL
    let constraints = format!(
        "select n.nspname::text, c.relname::text, k.conname::text, k.contype::text,
                array(select a.attname::text from unnest(k.conkey) with ordinality as u(attnum, ord)
                      join pg_attribute a on a.attrelid = k.conrelid and a.attnum = u.attnum order by u.ord),
                fn.nspname::text, fc.relname::text,
                array(select a.attname::text from unnest(k.confkey) with ordinality as u(attnum, ord)
                      join pg_attribute a on a.attrelid = k.confrelid and a.attnum = u.attnum order by u.ord),
                k.confdeltype::text, k.confupdtype::text, pg_get_expr(k.conbin, k.conrelid)
         from pg_constraint k
         join pg_class c on c.oid = k.conrelid
         join pg_namespace n on n.oid = c.relnamespace
         left join pg_class fc on fc.oid = k.confrelid
         left join pg_namespace fn on fn.oid = fc.relnamespace
         where k.contype in ('p', 'u', 'f', 'c') and {USER_SCHEMAS}"
    );
    for row in tx.query(&constraints, &[])? {
        let table = QualifiedName::new(row.get::<_, String>(0), row.get::<_, String>(1));
        let name: String = row.get(2);
        let kind: String = row.get(3);
        let columns: Vec<String> = row.get(4);
        let Some(target) = schema.table_mut(&table) else { continue };
        match kind.as_str() {
            "p" => target.primary_key = Some(KeyConstraint { name, columns, origin: None }),
            "u" => target.uniques.push(KeyConstraint { name, columns, origin: None }),
            "f" => target.foreign_keys.push(ForeignKey {
                name,
                columns,
                references: QualifiedName::new(row.get::<_, String>(5), row.get::<_, String>(6)),
                referenced_columns: row.get(7),
                on_delete: action(&row.get::<_, String>(8)),
                on_update: action(&row.get::<_, String>(9)),
                origin: None,
            }),
            _ => {
                let expression = schema_expr(normalize_expr(&row.get::<_, String>(10)));
                target.checks.push(Check { name, expression, origin: None });
            }
        }
    }
    Ok(())
}

fn read_policies(tx: &mut Transaction<'_>, schema: &mut Schema) -> Result<(), IntrospectError> {
    // language=SQL
    let policies = "select schemaname::text, tablename::text, policyname::text, permissive = 'PERMISSIVE', roles::text[], cmd, qual, with_check from pg_policies";
    for row in tx.query(policies, &[])? {
        let table = QualifiedName::new(row.get::<_, String>(0), row.get::<_, String>(1));
        let mut roles: Vec<String> = row.get(4);
        roles.sort();
        let command: String = row.get(5);
        let policy = Policy {
            name: row.get(2),
            command: match command.as_str() {
                "SELECT" => PolicyCommand::Select,
                "INSERT" => PolicyCommand::Insert,
                "UPDATE" => PolicyCommand::Update,
                "DELETE" => PolicyCommand::Delete,
                _ => PolicyCommand::All,
            },
            permissive: row.get(3),
            roles,
            using: row.get::<_, Option<String>>(6).map(|e| schema_expr(normalize_table_expr(&e, &table.name))),
            with_check: row.get::<_, Option<String>>(7).map(|e| schema_expr(normalize_table_expr(&e, &table.name))),
            origin: None,
        };
        if let Some(target) = schema.table_mut(&table) {
            target.policies.push(policy);
        }
    }
    Ok(())
}

fn read_enums(tx: &mut Transaction<'_>, schema: &mut Schema) -> Result<(), IntrospectError> {
    // language=SQL
    let enums = format!(
        "select n.nspname::text, t.typname::text, array_agg(e.enumlabel::text order by e.enumsortorder)
         from pg_type t join pg_namespace n on n.oid = t.typnamespace join pg_enum e on e.enumtypid = t.oid
         where {USER_SCHEMAS} group by n.nspname, t.typname"
    );
    for row in tx.query(&enums, &[])? {
        schema.enums.push(EnumType {
            name: QualifiedName::new(row.get::<_, String>(0), row.get::<_, String>(1)),
            values: row.get(2),
            origin: None,
        });
    }
    Ok(())
}

fn read_indexes(tx: &mut Transaction<'_>, schema: &mut Schema) -> Result<(), IntrospectError> {
    // Indexes that back a constraint are part of the constraint, not listed again.
    // language=SQL
    let indexes = format!(
        "select n.nspname::text, ic.relname::text, tn.nspname::text, t.relname::text, i.indisunique,
                array(select pg_get_indexdef(i.indexrelid, k, true) from generate_series(1, i.indnkeyatts) as k order by k),
                i.indpred is not null
         from pg_index i
         join pg_class ic on ic.oid = i.indexrelid join pg_namespace n on n.oid = ic.relnamespace
         join pg_class t on t.oid = i.indrelid join pg_namespace tn on tn.oid = t.relnamespace
         where {USER_SCHEMAS} and not exists (select 1 from pg_constraint k where k.conindid = i.indexrelid)
           and not exists (select 1 from pg_depend d where d.classid = 'pg_class'::regclass and d.objid = t.oid and d.deptype = 'e')"
    );
    for row in tx.query(&indexes, &[])? {
        let columns: Vec<String> = row.get(5);
        schema.indexes.push(Index {
            name: QualifiedName::new(row.get::<_, String>(0), row.get::<_, String>(1)),
            table: QualifiedName::new(row.get::<_, String>(2), row.get::<_, String>(3)),
            unique: row.get(4),
            partial: row.get(6),
            columns: columns.iter().map(|c| index_column(c)).collect(),
            origin: None,
        });
    }
    Ok(())
}

fn read_views(tx: &mut Transaction<'_>, schema: &mut Schema) -> Result<(), IntrospectError> {
    // language=SQL
    let views = format!(
        "select n.nspname::text, c.relname::text, c.relkind = 'm',
                array(select a.attname::text from pg_attribute a where a.attrelid = c.oid and a.attnum > 0 and not a.attisdropped order by a.attnum)
         from pg_class c join pg_namespace n on n.oid = c.relnamespace where c.relkind in ('v', 'm') and {USER_SCHEMAS} and {NOT_EXTENSION_OWNED}"
    );
    for row in tx.query(&views, &[])? {
        schema.views.push(View {
            name: QualifiedName::new(row.get::<_, String>(0), row.get::<_, String>(1)),
            materialized: row.get(2),
            columns: Some(row.get(3)),
            origin: None,
        });
    }
    Ok(())
}

fn read_functions(tx: &mut Transaction<'_>, schema: &mut Schema) -> Result<(), IntrospectError> {
    // Functions that belong to an extension are the extension's, not the app's.
    // language=SQL
    let functions = format!(
        "select n.nspname::text, p.proname::text, array(select format_type(t, null) from unnest(p.proargtypes) as t),
                case when p.proretset then 'setof ' else '' end || format_type(p.prorettype, null),
                array(select coalesce(p.proargnames[i], '')
                      from generate_series(1, coalesce(array_length(p.proargmodes, 1), p.pronargs)) as i
                      where p.proargmodes is null or p.proargmodes[i] in ('i', 'b', 'v')),
                array(select coalesce(p.proargnames[i], '')
                      from generate_series(1, coalesce(array_length(p.proargmodes, 1), 0)) as i
                      where p.proargmodes[i] in ('o', 'b', 't') order by i),
                array(select format_type(p.proallargtypes[i], null)
                      from generate_series(1, coalesce(array_length(p.proargmodes, 1), 0)) as i
                      where p.proargmodes[i] in ('o', 'b', 't') order by i),
                p.pronargdefaults::int4
         from pg_proc p join pg_namespace n on n.oid = p.pronamespace
         where p.prokind = 'f' and {USER_SCHEMAS}
           and not exists (select 1 from pg_depend d where d.objid = p.oid and d.deptype = 'e')"
    );
    for row in tx.query(&functions, &[])? {
        schema.functions.push(Function {
            name: QualifiedName::new(row.get::<_, String>(0), row.get::<_, String>(1)),
            arguments: row.get(2),
            returns: row.get(3),
            argument_names: row.get(4),
            result_columns: row.get::<_, Vec<String>>(5).into_iter().zip(row.get::<_, Vec<String>>(6)).collect(),
            defaulted_arguments: usize::try_from(row.get::<_, i32>(7)).unwrap_or(0),
            origin: None,
        });
    }
    Ok(())
}

fn read_triggers(tx: &mut Transaction<'_>, schema: &mut Schema) -> Result<(), IntrospectError> {
    // language=SQL
    let triggers = format!(
        "select tg.tgname::text, n.nspname::text, c.relname::text, pn.nspname::text, p.proname::text
         from pg_trigger tg
         join pg_class c on c.oid = tg.tgrelid join pg_namespace n on n.oid = c.relnamespace
         join pg_proc p on p.oid = tg.tgfoid join pg_namespace pn on pn.oid = p.pronamespace
         where not tg.tgisinternal and {USER_SCHEMAS}"
    );
    for row in tx.query(&triggers, &[])? {
        schema.triggers.push(Trigger {
            name: row.get(0),
            table: QualifiedName::new(row.get::<_, String>(1), row.get::<_, String>(2)),
            function: QualifiedName::new(row.get::<_, String>(3), row.get::<_, String>(4)),
            origin: None,
        });
    }
    Ok(())
}

/// Supabase storage buckets, when the database has `storage.buckets` and the role may read it.
/// Columns are read through `to_jsonb`, so an older storage schema without one of them still
/// reads.
fn read_buckets(tx: &mut Transaction<'_>, schema: &mut Schema) -> Result<(), IntrospectError> {
    // language=SQL
    let readable = "select case when to_regclass('storage.buckets') is null then false
                    else has_table_privilege('storage.buckets', 'select') end";
    if !tx.query_one(readable, &[])?.get::<_, bool>(0) {
        return Ok(());
    }
    // language=SQL
    let buckets = "select b.id::text,
                          coalesce((to_jsonb(b) ->> 'public')::boolean, false),
                          (to_jsonb(b) ->> 'file_size_limit')::bigint,
                          array(select jsonb_array_elements_text(case
                                  when jsonb_typeof(to_jsonb(b) -> 'allowed_mime_types') = 'array'
                                  then to_jsonb(b) -> 'allowed_mime_types' else '[]'::jsonb end))
                   from storage.buckets b";
    for row in tx.query(buckets, &[])? {
        schema.buckets.push(Bucket {
            id: row.get(0),
            public: row.get(1),
            file_size_limit: row.get::<_, Option<i64>>(2).and_then(|limit| u64::try_from(limit).ok()),
            allowed_mime_types: row.get(3),
            origin: None,
        });
    }
    Ok(())
}

fn action(code: &str) -> ReferentialAction {
    match code {
        "r" => ReferentialAction::Restrict,
        "c" => ReferentialAction::Cascade,
        "n" => ReferentialAction::SetNull,
        "d" => ReferentialAction::SetDefault,
        _ => ReferentialAction::NoAction,
    }
}

/// An index column as `pg_get_indexdef` prints it: a bare (possibly quoted) name stays a name,
/// anything else is an expression to normalise.
fn index_column(column: &str) -> String {
    if let Some(quoted) = column.strip_prefix('"').and_then(|c| c.strip_suffix('"')) {
        return quoted.replace("\"\"", "\"");
    }
    if column.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_') {
        return column.to_owned();
    }
    normalize_expr(column)
}
