//! Raising, the reverse of lowering: a [`Schema`] (replayed from migrations or read live) as
//! contract text, for `lockstep init`: enums, entities (columns, keys, defaults, foreign keys,
//! indexes, checks, row access rules), functions and buckets. `lockstep_db`'s tests hold the two
//! directions to each other (lower → raise → lower is the identity).

mod names;

use std::collections::HashMap;
use std::fmt::Write;

use lockstep_contract::model::Scalar;
use lockstep_sql::schema::Bucket;
use lockstep_sql::schema::equivalence::{NOW, RANDOM_UUID};
use lockstep_sql::schema::merge;
use lockstep_sql::schema::{EnumType, PolicyCommand, QualifiedName, ReferentialAction, Schema, Table};

use lockstep_contract::format::name_or_string;

use lockstep_contract::model::Naming;

use names::{entity_name, field_name, naming_block, type_name, unique_field_name};

/// Contract names of what the schema holds, to write references.
struct Names {
    entities: HashMap<QualifiedName, String>,
    enums: HashMap<String, String>,
    /// Column → field name and the `@map` it needs, per table.
    fields: HashMap<(QualifiedName, String), (String, Option<String>)>,
    naming: Naming,
}

/// The data contract for `schema`'s objects outside the schemas `is_provider` names, with
/// `buckets`; `api_keys` (the keys route handlers read and write) decide the API naming rule.
/// What has no contract spelling is left out and said in `notes`.
pub fn raise(
    schema: &Schema,
    is_provider: &dyn Fn(&str) -> bool,
    buckets: &[Bucket],
    api_keys: &[&str],
    notes: &mut Vec<String>,
) -> String {
    let tables: Vec<&Table> = schema.tables.iter().filter(|t| !is_provider(&t.name.schema)).collect();
    let enums: Vec<&EnumType> = schema.enums.iter().filter(|e| !is_provider(&e.name.schema)).collect();
    let table_names: Vec<&str> = tables.iter().map(|t| t.name.name.as_str()).collect();
    let column_names: Vec<&str> = tables.iter().flat_map(|t| t.columns.iter().map(|c| c.name.as_str())).collect();
    let naming = names::pick(&table_names, &column_names, api_keys);
    let mut names = Names { entities: HashMap::new(), enums: HashMap::new(), fields: HashMap::new(), naming };
    for e in &enums {
        let (name, _) = type_name(&names.naming, &e.name.name);
        names.enums.insert(enum_sql_name(e), name);
    }
    for table in &tables {
        names.entities.insert(table.name.clone(), unique_name(&names, entity_name(&table.name.name)));
        let mut used = Vec::new();
        for column in &table.columns {
            let field = unique_field_name(&names.naming, &column.name, &mut used);
            names.fields.insert((table.name.clone(), column.name.clone()), field);
        }
    }
    let mut out = format!(
        "// The data, derived by `lockstep init` from the migrations: edit it freely, it is yours.\n// `naming` holds the rules most names follow; `@map` spells out each one that does not.\n\n{}\n",
        naming_block(&names.naming)
    );
    for e in &enums {
        let (name, map) = type_name(&names.naming, &e.name.name);
        let map = map.map_or(String::new(), |m| format!(" @map(\"{m}\")"));
        let values: Vec<String> = e.values.iter().map(|v| name_or_string(v)).collect();
        let _ = writeln!(out, "enum {name}{map} {{ {} }}\n", values.join(" "));
    }
    for table in &tables {
        entity(&mut out, schema, table, &names, notes);
    }
    for view in schema.views.iter().filter(|v| !is_provider(&v.name.schema)) {
        let name = unique_name(&names, entity_name(&view.name.name));
        names.entities.insert(view.name.clone(), name.clone());
        view_entity(&mut out, schema, view, &name, &names, notes);
    }
    functions(&mut out, schema, &names, notes);
    // `insert into storage.buckets ... on conflict do nothing` in two migrations: the first
    // insert made the bucket.
    let mut declared: Vec<&str> = Vec::new();
    for bucket in buckets {
        if declared.contains(&bucket.id.as_str()) {
            continue;
        }
        declared.push(&bucket.id);
        let _ = writeln!(out, "bucket {} {{", name_or_string(&bucket.id));
        out.push_str(if bucket.public { "  public\n" } else { "  private\n" });
        if let Some(limit) = bucket.file_size_limit {
            let _ = writeln!(out, "  maxSize {limit}");
        }
        if !bucket.allowed_mime_types.is_empty() {
            let types: Vec<String> = bucket.allowed_mime_types.iter().map(|t| format!("\"{t}\"")).collect();
            let _ = writeln!(out, "  mimeTypes [{}]", types.join(", "));
        }
        out.push_str("}\n\n");
    }
    out
}

fn unique_name(names: &Names, mut name: String) -> String {
    while names.entities.values().any(|n| *n == name) || names.enums.values().any(|n| *n == name) {
        name.push('_');
    }
    name
}

/// A view the app can read, as an `@view` entity. A view's column types are not in the model:
/// a column named like a table column of one type takes that type, any other is `jsonb`.
/// Every column is optional, as Postgres reports view columns nullable.
fn view_entity(
    out: &mut String,
    schema: &Schema,
    view: &lockstep_sql::schema::View,
    name: &str,
    names: &Names,
    notes: &mut Vec<String>,
) {
    let Some(columns) = &view.columns else {
        notes.push(format!("view `{}`: its columns could not be read; it is left out", view.name));
        return;
    };
    let mut attrs = String::new();
    if names.naming.table_name(name) != view.name.name {
        let _ = write!(attrs, " @map(\"{}\")", view.name.name);
    }
    if view.name.schema != "public" {
        let _ = write!(attrs, " @schema(\"{}\")", view.name.schema);
    }
    let _ = writeln!(out, "entity {name}{attrs} @view {{");
    let mut guessed = Vec::new();
    for column in columns {
        let mut types: Vec<&str> = schema
            .tables
            .iter()
            .flat_map(|t| t.columns.iter().filter(|c| &c.name == column).map(|c| referenced_type(schema, t, c)))
            .collect();
        types.sort_unstable();
        types.dedup();
        let ty = match types.as_slice() {
            [one] => contract_type(one, names),
            _ => None,
        };
        let ty = ty.unwrap_or_else(|| {
            guessed.push(column.as_str());
            "jsonb".to_owned()
        });
        let (field, map) = field_name(&names.naming, column);
        let map = map.map_or(String::new(), |m| format!(" @map(\"{m}\")"));
        let _ = writeln!(out, "  {} {ty}?{map}", name_or_string(&field));
    }
    out.push_str("}\n\n");
    if !guessed.is_empty() {
        notes.push(format!(
            "view `{}`: the type of {} is not known; declared `jsonb`, tighten it in the contract",
            view.name,
            guessed.iter().map(|c| format!("`{c}`")).collect::<Vec<_>>().join(", ")
        ));
    }
}

/// A column's type; for a column known only from the generated TypeScript types (`string`)
/// linked by foreign keys to a column of a known type (directly or through other such columns),
/// that type, which is what Postgres requires of both ends.
fn referenced_type<'s>(schema: &'s Schema, table: &Table, column: &'s lockstep_sql::schema::Column) -> &'s str {
    if !column.ty.as_str().starts_with("ts:") {
        return column.ty.as_str();
    }
    // Walk the foreign-key edges from this column until a column of a known type.
    let mut seen: Vec<(&QualifiedName, &str)> = vec![(&table.name, column.name.as_str())];
    let mut frontier = seen.clone();
    while let Some((at_table, at_column)) = frontier.pop() {
        for other in &schema.tables {
            for key in other.foreign_keys.iter().filter(|f| f.columns.len() == 1 && f.referenced_columns.len() == 1) {
                let ends =
                    [(&other.name, key.columns[0].as_str()), (&key.references, key.referenced_columns[0].as_str())];
                let linked = if ends[0] == (at_table, at_column) {
                    ends[1]
                } else if ends[1] == (at_table, at_column) {
                    ends[0]
                } else {
                    continue;
                };
                if seen.contains(&linked) {
                    continue;
                }
                seen.push(linked);
                let Some(found) = schema.table(linked.0).and_then(|t| t.columns.iter().find(|c| c.name == linked.1))
                else {
                    continue;
                };
                if !found.ty.as_str().starts_with("ts:") {
                    return found.ty.as_str();
                }
                frontier.push(linked);
            }
        }
    }
    column.ty.as_str()
}

/// How a column type names this enum: its name, quoted if needed, qualified outside `public`.
fn enum_sql_name(e: &EnumType) -> String {
    let name = lockstep_sql::normalize::quote_ident(&e.name.name);
    if e.name.schema == "public" {
        name
    } else {
        format!("{}.{name}", lockstep_sql::normalize::quote_ident(&e.name.schema))
    }
}

fn entity(out: &mut String, schema: &Schema, table: &Table, names: &Names, notes: &mut Vec<String>) {
    let name = &names.entities[&table.name];
    let mut attrs = String::new();
    if names.naming.table_name(name) != table.name.name {
        let _ = write!(attrs, " @map(\"{}\")", table.name.name);
    }
    if table.name.schema != "public" {
        let _ = write!(attrs, " @schema(\"{}\")", table.name.schema);
    }
    let _ = writeln!(out, "entity {name}{attrs} {{");
    let single_pk = table.primary_key.as_ref().filter(|k| k.columns.len() == 1).map(|k| k.columns[0].as_str());
    for column in &table.columns {
        let Some(ty) = contract_type(referenced_type(schema, table, column), names) else {
            notes.push(format!(
                "column `{}.{}` has type `{}`, which the contract has no type for; it is left out (check reports it as an extra column)",
                table.name, column.name, column.ty
            ));
            continue;
        };
        let (field, map) = names.fields[&(table.name.clone(), column.name.clone())].clone();
        let mut line = format!("  {field} {ty}{}", if column.nullable { "?" } else { "" });
        if single_pk == Some(column.name.as_str()) {
            line.push_str(" @id");
        }
        if let Some(default) = default(table, column, &ty, names) {
            line.push(' ');
            line.push_str(&default);
        }
        if schema.unique_keys(table).any(|u| u.len() == 1 && u[0] == column.name) {
            line.push_str(" @unique");
        }
        if let Some(map) = map {
            let _ = write!(line, " @map(\"{map}\")");
        }
        // A check that lists the column's values is how hand-written schemas make enums:
        // kept, so the code's values are checked against it.
        if let Some(values) = table.checks.iter().find_map(|c| {
            lockstep_contract::model::check_value_list(c.expression.text(), &column.name)
                .filter(|_| !c.expression.text().contains('`'))
        }) {
            let quoted: Vec<String> = values.iter().map(|v| format!("'{}'", v.replace('\'', "''"))).collect();
            let _ = write!(
                line,
                " @check(`{} in ({})`)",
                lockstep_sql::normalize::quote_ident(&column.name),
                quoted.join(", ")
            );
        }
        if let Some((fk, referenced)) = table
            .foreign_keys
            .iter()
            .filter(|f| f.columns.len() == 1 && f.columns[0] == column.name)
            .find_map(|f| Some((f, f.referenced_columns.first()?)))
        {
            let target = match names.entities.get(&fk.references) {
                Some(entity) => {
                    let field = names
                        .fields
                        .get(&(fk.references.clone(), referenced.clone()))
                        .map_or_else(|| referenced.clone(), |(field, _)| field.clone());
                    format!("{entity}.{field}")
                }
                None => format!("{}.{}.{referenced}", fk.references.schema, fk.references.name),
            };
            let _ = write!(line, " -> {target}");
            if fk.on_delete != ReferentialAction::NoAction {
                let _ = write!(line, " on delete {}", fk.on_delete.as_str());
            }
        }
        out.push_str(&line);
        out.push('\n');
    }
    let field = |column: &str| {
        names.fields.get(&(table.name.clone(), column.to_owned())).map_or_else(|| column.to_owned(), |(f, _)| f.clone())
    };
    let fields = |columns: &[String]| columns.iter().map(|c| field(c)).collect::<Vec<_>>().join(", ");
    let mut block = Vec::new();
    if let Some(pk) = table.primary_key.as_ref().filter(|k| k.columns.len() > 1) {
        block.push(format!("  @@id({})", fields(&pk.columns)));
    }
    for unique in schema.unique_keys(table).filter(|u| u.len() > 1) {
        block.push(format!("  @@unique({})", fields(unique)));
    }
    block.extend(indexes_and_checks(schema, table, &fields, notes));
    for fk in table.foreign_keys.iter().filter(|f| f.columns.len() > 1) {
        notes.push(format!(
            "the foreign key `{}` of `{}` spans several columns; the contract's `->` takes one",
            fk.name, table.name
        ));
    }
    block.extend(policies(table, notes));
    if !block.is_empty() {
        out.push('\n');
        for line in block {
            out.push_str(&line);
            out.push('\n');
        }
    }
    out.push_str("}\n\n");
}

/// The table's plain indexes as `@@index` and its checks as `@@check`, except those listing a
/// column's values (on their field): a plan from the contract keeps them.
fn indexes_and_checks(
    schema: &Schema,
    table: &Table,
    fields: &dyn Fn(&[String]) -> String,
    notes: &mut Vec<String>,
) -> Vec<String> {
    let mut block = Vec::new();
    // Unique indexes are keys (`@unique`); partial and expression ones have no contract spelling.
    for index in schema.indexes.iter().filter(|i| i.table == table.name && !i.unique && !i.partial) {
        if index.columns.iter().all(|c| table.columns.iter().any(|col| &col.name == c)) {
            block.push(format!("  @@index({})", fields(&index.columns)));
        } else {
            notes.push(format!(
                "index `{}` is on an expression; the contract's `@@index` takes fields, so it is left out",
                index.name
            ));
        }
    }
    // Every other check: those listing a column's values are on their field (above).
    for check in &table.checks {
        let text = check.expression.text();
        if table.columns.iter().any(|c| lockstep_contract::model::check_value_list(text, &c.name).is_some()) {
            continue;
        }
        if text.contains('`') {
            notes.push(format!("check `{}` on `{}` contains a backtick; it is left out", check.name, table.name));
            continue;
        }
        block.push(format!("  @@check(`{text}`)"));
    }
    block
}

/// The table's row-level security policies as `allow` rules, conditions in SQL.
fn policies(table: &Table, notes: &mut Vec<String>) -> Vec<String> {
    let mut block = Vec::new();
    for policy in &table.policies {
        if !policy.permissive {
            notes.push(format!(
                "policy `{}` on `{}` is restrictive; the contract's rules are permissive, so it is left out",
                policy.name, table.name
            ));
            continue;
        }
        if policy.using.as_ref().is_some_and(|e| e.text().contains('`'))
            || policy.with_check.as_ref().is_some_and(|e| e.text().contains('`'))
        {
            notes.push(format!("policy `{}` on `{}` contains a backtick; it is left out", policy.name, table.name));
            continue;
        }
        let mut line = format!("  allow {}", command(policy.command));
        let roles: Vec<&str> = policy.roles.iter().map(String::as_str).filter(|r| *r != "public").collect();
        if !roles.is_empty() {
            let _ = write!(line, " to {}", roles.join(", "));
        }
        // `when true` goes without saying, except on an update or all rule with a check, where
        // leaving `when` out means no `USING` at all.
        let needs_when =
            policy.with_check.is_some() && matches!(policy.command, PolicyCommand::Update | PolicyCommand::All);
        if let Some(using) = policy.using.as_ref().filter(|u| u.text().trim() != "true" || needs_when) {
            let _ = write!(line, " when `{using}`");
        }
        if let Some(check) = &policy.with_check {
            let _ = write!(line, " check `{check}`");
        }
        block.push(line);
    }
    block
}

fn command(command: PolicyCommand) -> &'static str {
    command.as_str()
}

/// The contract type of a column type, as `format_type` spells it.
fn contract_type(sql: &str, names: &Names) -> Option<String> {
    if let Some(inner) = sql.strip_suffix("[]") {
        return contract_type(inner, names).map(|t| format!("{t}[]"));
    }
    // Known only from the generated TypeScript types: the widest type of the family.
    match sql {
        merge::TYPESCRIPT_STRING => return Some("text".to_owned()),
        merge::TYPESCRIPT_NUMBER => return Some("numeric".to_owned()),
        merge::TYPESCRIPT_BOOLEAN => return Some("bool".to_owned()),
        merge::TYPESCRIPT_JSON | merge::TYPESCRIPT_UNKNOWN => return Some("jsonb".to_owned()),
        _ => {}
    }
    if let Some(name) = names.enums.get(sql) {
        return Some(name.clone());
    }
    // `timestamp(3)`: the contract does not model the precision, and check accepts it.
    if let Some(plain) = lockstep_sql::normalize::without_time_precision(sql) {
        return contract_type(&plain, names);
    }
    if let Some(rest) = sql.strip_prefix("character varying(").and_then(|r| r.strip_suffix(')')) {
        return Some(format!("varchar({rest})"));
    }
    if let Some(rest) = sql.strip_prefix("character(").and_then(|r| r.strip_suffix(')')) {
        return Some(format!("char({rest})"));
    }
    if let Some(rest) = sql.strip_prefix("vector(").and_then(|r| r.strip_suffix(')')) {
        return Some(format!("vector({rest})"));
    }
    if let Some(rest) = sql.strip_prefix("numeric(").and_then(|r| r.strip_suffix(')')) {
        return Some(format!("numeric({})", rest.replace(',', ", ")));
    }
    Scalar::NAMES.iter().find(|(_, scalar)| scalar.sql_name() == sql).map(|(name, _)| (*name).to_owned())
}

/// The contract default of a column, in the shortest spelling that says the same.
fn default(table: &Table, column: &lockstep_sql::schema::Column, ty: &str, names: &Names) -> Option<String> {
    if column.identity.is_some() {
        return Some("@default(autoincrement)".to_owned());
    }
    let expression = column.default.as_ref()?;
    let sql = expression.text();
    let lower = sql.to_ascii_lowercase();
    if let Some(sequence) = sequence_name(expression.canonical()) {
        // A `serial` column's own sequence is what `autoincrement` means; another is named.
        let own = lockstep_sql::replay::names::object_name(&table.name.name, Some(&column.name), "seq");
        return Some(if sequence == own || sequence.is_empty() {
            "@default(autoincrement)".to_owned()
        } else {
            format!("@default(sequence(\"{sequence}\"))")
        });
    }
    // The spellings lowering and the db rules take for `now` and `random` (one table for all).
    if NOW.contains(&expression.canonical()) {
        return Some("@default(now)".to_owned());
    }
    if RANDOM_UUID.contains(&expression.canonical()) {
        return Some("@default(random)".to_owned());
    }
    if matches!(lower.as_str(), "true" | "false") && ty == "bool" {
        return Some(format!("= {lower}"));
    }
    if sql.parse::<f64>().is_ok() && !ty.ends_with("[]") && !ty.starts_with("text") {
        return Some(format!("= {sql}"));
    }
    // `'paid'::order_status` on an enum column, `'draft'` on a text column.
    let quoted = sql.split("::").next().unwrap_or(sql);
    if ty.ends_with("[]") {
        // A list default is `[]` or written in SQL (below); never a string.
        if quoted == "'{}'" || lower.starts_with("array[]") {
            return Some("= []".to_owned());
        }
    } else if let Some(inner) = quoted.strip_prefix('\'').and_then(|s| s.strip_suffix('\'')) {
        if !inner.contains('\'') {
            if names.enums.values().any(|e| e == ty) {
                return Some(format!("= {}", name_or_string(inner)));
            }
            if ty == "text" || ty.starts_with("varchar") || ty.starts_with("char") {
                return Some(format!("= \"{}\"", inner.replace('\\', "\\\\").replace('"', "\\\"")));
            }
        }
    }
    if sql.contains('`') {
        return None;
    }
    Some(format!("@default(`{sql}`)"))
}

/// The sequence `nextval('name')` draws from (canonical form); `Some("")` for a `nextval` whose
/// argument is not a plain literal.
fn sequence_name(canonical: &str) -> Option<String> {
    let argument = canonical.strip_prefix("nextval(")?.strip_suffix(')')?;
    let name = argument.strip_prefix('\'').and_then(|a| a.strip_suffix('\'')).filter(|n| !n.contains('\''));
    Some(name.map_or_else(String::new, |n| n.strip_prefix("public.").unwrap_or(n).to_owned()))
}

/// `public` functions callable with `.rpc()`: not triggers, with named arguments. Overloads
/// of one name become one function, since `.rpc()` calls a name: an argument every overload
/// takes is required, one that only some take is optional (`name?:`).
fn functions(out: &mut String, schema: &Schema, names: &Names, notes: &mut Vec<String>) {
    let mut seen: Vec<&QualifiedName> = Vec::new();
    for first in schema.functions.iter().filter(|f| f.name.schema == "public") {
        if first.returns == "trigger" || first.returns == "event_trigger" || seen.contains(&&first.name) {
            continue;
        }
        seen.push(&first.name);
        let overloads: Vec<&lockstep_sql::schema::Function> =
            schema.functions_named(&first.name).filter(|f| !f.argument_names.iter().any(String::is_empty)).collect();
        let Some(&function) = overloads.first() else {
            notes.push(format!(
                "function `{}` has unnamed arguments, which `.rpc()` cannot pass; it is left out",
                first.name
            ));
            continue;
        };
        if overloads.len() > 1 {
            notes.push(format!(
                "function `{}` has {} overloads; it is declared once, with the arguments only some overloads take marked optional",
                function.name,
                overloads.len()
            ));
        }
        let mut merged: Vec<(&str, &str)> = Vec::new();
        for overload in &overloads {
            for (arg, ty) in overload.argument_names.iter().zip(&overload.arguments) {
                if !merged.iter().any(|(name, _)| name == arg) {
                    merged.push((arg, ty));
                }
            }
        }
        let mut args = Vec::new();
        for (arg, ty) in merged {
            // `.rpc()` sends JSON: an argument of a type the contract cannot name (a pgvector
            // `vector(1536)`) is still passed, so it is declared as `json`.
            let contract = contract_type(ty, names).unwrap_or_else(|| {
                notes.push(format!(
                    "function `{}` takes `{arg}` as `{ty}`, which the contract has no type for; it is declared `json`",
                    function.name
                ));
                "json".to_owned()
            });
            // Optional when some overload does not take it, or takes it with a default.
            let optional = overloads.iter().any(|o| match o.argument_names.iter().position(|n| n == arg) {
                None => true,
                Some(position) => position + o.defaulted_arguments >= o.argument_names.len(),
            });
            args.push(format!("{}{}: {contract}", name_or_string(arg), if optional { "?" } else { "" }));
        }
        // `returns table (a, b)` or output arguments: rows with those keys (PostgREST names
        // them as the function does), so reads of its result are checked.
        let record = match function.returns.as_str() {
            "setof record" => Some("[]"),
            "record" => Some(""),
            _ => None,
        };
        let all_columns_named =
            function.result_columns.len() > 1 && function.result_columns.iter().all(|(n, _)| !n.is_empty());
        let returns = match function.returns.strip_prefix("setof ") {
            _ if all_columns_named && record.is_some() => {
                let fields: Vec<String> = function
                    .result_columns
                    .iter()
                    .map(|(name, ty)| {
                        format!(
                            "{}: {}",
                            name_or_string(name),
                            contract_type(ty, names).unwrap_or_else(|| "json".to_owned())
                        )
                    })
                    .collect();
                Some(format!("{{ {} }}{}", fields.join(", "), record.unwrap_or_default()))
            }
            Some(table) => {
                let name = QualifiedName::public(table.trim_matches('"'));
                names
                    .entities
                    .get(&name)
                    .map(|e| format!("{e}[]"))
                    .or_else(|| contract_type(table, names).map(|t| format!("{t}[]")))
            }
            None if function.returns == "void" => None,
            None => contract_type(&function.returns, names)
                .or_else(|| names.entities.get(&QualifiedName::public(function.returns.trim_matches('"'))).cloned()),
        };
        let _ = writeln!(out, "function {} {{", function.name.name);
        if !args.is_empty() {
            let _ = writeln!(out, "  args {{ {} }}", args.join(", "));
        }
        if let Some(returns) = returns {
            let _ = writeln!(out, "  returns {returns}");
        }
        out.push_str("}\n\n");
    }
}
