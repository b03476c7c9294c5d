//! `lockstep impact`: every place that depends on one contract element (the code's queries,
//! calls and env reads, the route handlers, the migrations, the env files, and the contract's
//! own references to it), read from the facts the check already has, so the blast radius of a
//! change is known before it is made.

use lockstep_contract::model::{Contract, Entity, FieldType, ForeignTarget, Shape};
use lockstep_diagnostics::{ContractPath, FileId, Span};
use lockstep_schema::Schema;
use lockstep_schema::migration_facts::{Fact, FactKind};
use lockstep_ts::facts::{DataOrigin, FileFacts, Named, Step, TableQuery};
use lockstep_ts::routes::{ANY_METHOD, RouteHandler};
use lockstep_ts::select::SelectItem;

use crate::env::EnvFileFacts;
use crate::shape::embedded;

/// The facts of every layer, as the check gathers them.
pub struct Facts<'a> {
    /// Every source file's facts, reads included.
    pub code: &'a [(FileId, FileFacts)],
    /// Every route handler, with its full path.
    pub handlers: &'a [RouteHandler],
    /// Every migration file's statements.
    pub migrations: &'a [(FileId, Vec<Fact>)],
    /// The schema the migrations build: where each object was created.
    pub schema: Option<&'a Schema>,
    pub env_files: &'a [EnvFileFacts<'a>],
}

/// Where a place is, in the order places are listed.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Group {
    /// Other contract elements that name it.
    Contract,
    /// Queries, HTTP calls, rpc calls, storage and env reads in the app's code.
    Code,
    /// Route handlers that implement it.
    Routes,
    /// Migration statements that create or change it.
    Migrations,
    /// Env files that define it.
    Env,
}

impl Group {
    pub fn as_str(self) -> &'static str {
        match self {
            Group::Contract => "contract",
            Group::Code => "code",
            Group::Routes => "routes",
            Group::Migrations => "migrations",
            Group::Env => "env",
        }
    }
}

/// One place that depends on the element: where, and what it does with it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Place {
    pub group: Group,
    pub span: Span,
    pub what: String,
}

/// Every place that depends on `element`, each once, grouped and in file order within a group
/// (files by id: the caller sorts by path if it wants).
pub fn impact(contract: &Contract, element: &ContractPath, facts: &Facts) -> Vec<Place> {
    let mut places = Vec::new();
    let mut add = |group, span, what: String| places.push(Place { group, span, what });
    match element {
        ContractPath::Entity(name) | ContractPath::Policy { entity: name, .. } => {
            let Some(entity) = contract.entity(name) else { return Vec::new() };
            let operation = match element {
                ContractPath::Policy { operation, .. } => Some(operation.as_str()),
                _ => None,
            };
            if operation.is_none() {
                entity_uses(contract, entity, facts, &mut add);
            }
            table_migrations(entity, operation, facts, &mut add);
        }
        ContractPath::Field { entity, field } => {
            let Some(entity) = contract.entity(entity) else { return Vec::new() };
            let Some(field) = entity.field(field) else { return Vec::new() };
            column_uses(contract, entity, &field.db_name, facts, &mut add);
            for other in &contract.entities {
                for referring in &other.fields {
                    let Some(key) = &referring.references else { continue };
                    if matches!(&key.target, ForeignTarget::Entity(t) if *t == entity.name) && key.field == field.name {
                        add(
                            Group::Contract,
                            referring.origin.span,
                            format!("`{}.{}` references it", other.name, referring.name),
                        );
                    }
                }
            }
            column_migrations(entity, &field.db_name, field.was.as_deref(), facts, &mut add);
        }
        ContractPath::Enum(name) | ContractPath::EnumValue { enumeration: name, .. } => {
            let Some(declared) = contract.enumeration(name) else { return Vec::new() };
            let value = match element {
                ContractPath::EnumValue { value, .. } => Some(value.as_str()),
                _ => None,
            };
            enum_uses(contract, name, value, facts, &mut add);
            enum_migrations(&declared.db_name, value, facts, &mut add);
        }
        ContractPath::Endpoint { method, path, .. } | ContractPath::Webhook { method, path } => {
            route_uses(contract, method, path, facts, &mut add);
        }
        ContractPath::EnvVar(name) => env_uses(contract, name, facts, &mut add),
        ContractPath::Function(name) => function_uses(name, facts, &mut add),
        ContractPath::Bucket(name) => {
            for (_, file) in facts.code {
                for bucket in file.buckets.iter().filter(|b| b.name == *name) {
                    add(Group::Code, bucket.span, "storage call".to_owned());
                }
            }
            let created = facts.schema.into_iter().flat_map(|s| &s.buckets).filter(|b| b.id == *name);
            for origin in created.filter_map(|b| b.origin) {
                add(Group::Migrations, origin, "creates it".to_owned());
            }
        }
    }
    let mut seen = std::collections::HashSet::new();
    places.retain(|p| seen.insert((p.group, p.span.file, p.span.start)));
    places.sort_by_key(|p| (p.group, p.span.file, p.span.start));
    places
}

type Add<'a> = dyn FnMut(Group, Span, String) + 'a;

/// What a select walk is given for each item: the entity it selects from, the item, and the
/// span maker of the select string.
type EachItem<'a> = dyn FnMut(&Entity, &SelectItem, &dyn Fn(u32, u32) -> Span) + 'a;

/// The handlers of an endpoint or webhook, and the HTTP calls that reach it with the statuses
/// they compare.
fn route_uses(contract: &Contract, method: &str, path: &str, facts: &Facts, add: &mut Add) {
    handlers(method, path, facts, add);
    let Some(endpoint) = contract.endpoints.iter().find(|e| e.method.as_str() == method && e.path == *path) else {
        return;
    };
    for (_, file) in facts.code {
        for (index, call) in file.http_calls.iter().enumerate() {
            if crate::ui::endpoint_for(contract, call).is_some_and(|e| std::ptr::eq(e, endpoint)) {
                add(Group::Code, call.url_span, format!("{} call", call.client));
                for check in file.status_checks.iter().filter(|c| c.call == index) {
                    add(Group::Code, check.span, format!("compares its status with {}", check.status));
                }
            }
        }
    }
}

/// The webhooks signed with the variable, its reads, and the env files that define it.
fn env_uses(contract: &Contract, name: &str, facts: &Facts, add: &mut Add) {
    for webhook in &contract.webhooks {
        if let Some(signature) = webhook.signature.as_ref().filter(|s| s.secret == name) {
            let what = format!("signs webhook {} {}", webhook.method.as_str(), webhook.path);
            add(Group::Contract, signature.span, what);
        }
    }
    for (_, file) in facts.code {
        for read in file.env_reads.iter().filter(|r| r.name.name == name) {
            add(Group::Code, read.name.span, "reads it".to_owned());
        }
    }
    for env in facts.env_files {
        if let Some(entry) = env.parsed.get(name) {
            add(Group::Env, entry.name_span, format!("defines it for {}", env.environment));
        }
    }
}

/// The `.rpc()` calls of the function and the statements that create, drop or rename it.
fn function_uses(name: &str, facts: &Facts, add: &mut Add) {
    for (_, file) in facts.code {
        for call in &file.rpc_calls {
            if let Some(function) = call.function.as_ref().filter(|f| f.name == name) {
                add(Group::Code, function.span, "`.rpc()` call".to_owned());
            }
        }
    }
    let created = facts.schema.into_iter().flat_map(|s| &s.functions).filter(|f| f.name.name == name);
    for origin in created.filter_map(|f| f.origin) {
        add(Group::Migrations, origin, "creates it".to_owned());
    }
    for_facts(facts, add, |kind| match kind {
        FactKind::DropFunction { name: dropped } if dropped == name => Some("drops it".to_owned()),
        FactKind::RenameFunction { from, to } if from == name || to == name => {
            Some(format!("renames `{from}` to `{to}`"))
        }
        _ => None,
    });
}

/// The queries of the entity's table and the selects that embed it; the contract's references
/// to it (foreign keys, endpoint shapes).
fn entity_uses(contract: &Contract, entity: &Entity, facts: &Facts, add: &mut Add) {
    for other in &contract.entities {
        for field in &other.fields {
            if field
                .references
                .as_ref()
                .is_some_and(|k| matches!(&k.target, ForeignTarget::Entity(t) if *t == entity.name))
            {
                add(Group::Contract, field.origin.span, format!("`{}.{}` references it", other.name, field.name));
            }
        }
    }
    for endpoint in &contract.endpoints {
        let mentions = endpoint.body.as_ref().is_some_and(|s| mentions(contract, s, &entity.name, 0))
            || endpoint
                .responses
                .iter()
                .any(|r| r.body.as_ref().is_some_and(|s| mentions(contract, s, &entity.name, 0)));
        if mentions {
            add(Group::Contract, endpoint.origin.span, format!("{} carries it", endpoint.label()));
            handlers(endpoint.method.as_str(), &endpoint.path, facts, add);
        }
    }
    for (_, file) in facts.code {
        for query in &file.queries {
            if let Some(table) = query.table.as_ref().filter(|t| is_table(entity, query, t)) {
                add(Group::Code, table.span, "queries it".to_owned());
            }
            each_select_item(contract, query, &mut |queried, item, span| {
                if let SelectItem::Embed { resource, .. } = item {
                    if embedded(contract, queried, &resource.text).is_some_and(|e| e.name == entity.name) {
                        add(Group::Code, span(resource.start, resource.end), "embeds it in a select".to_owned());
                    }
                }
            });
        }
    }
}

/// Whether a shape carries the entity, through named types (bounded: types may refer to each
/// other).
fn mentions(contract: &Contract, shape: &Shape, entity: &str, depth: u32) -> bool {
    if depth > 16 {
        return false;
    }
    match shape {
        Shape::Entity(name) => name == entity,
        Shape::Select { base, .. } => base == entity,
        Shape::Type(name) => contract.type_def(name).is_some_and(|t| mentions(contract, &t.shape, entity, depth + 1)),
        Shape::Object(fields) => fields.iter().any(|f| mentions(contract, &f.shape, entity, depth + 1)),
        Shape::Array(inner) | Shape::Nullable(inner) => mentions(contract, inner, entity, depth + 1),
        Shape::Scalar(_) | Shape::Enum(_) => false,
    }
}

fn is_table(entity: &Entity, query: &TableQuery, table: &Named) -> bool {
    table.name == entity.table && query.schema.as_deref().unwrap_or("public") == entity.schema
}

/// Calls `each` with every select item of the query, the entity it selects from, and the span
/// maker of the select string.
fn each_select_item(contract: &Contract, query: &TableQuery, each: &mut EachItem) {
    let (Some(table), Some(select)) = (&query.table, &query.select) else { return };
    let Some(entity) = contract.entity_by_table(&table.name) else { return };
    let Ok(items) = select.parsed() else { return };
    let span = |start, end| select.span(start, end);
    walk_items(contract, entity, &items, &span, each);
}

fn walk_items(
    contract: &Contract,
    entity: &Entity,
    items: &[SelectItem],
    span: &dyn Fn(u32, u32) -> Span,
    each: &mut EachItem,
) {
    for item in items {
        each(entity, item, span);
        if let SelectItem::Embed { resource, items, .. } = item {
            if let Some(target) = embedded(contract, entity, &resource.text) {
                walk_items(contract, target, items, span, each);
            }
        }
    }
}

/// The column in selects, filters and payloads of the entity's table, and what the code reads
/// from the rows of those queries under the column's name (or its alias).
fn column_uses(contract: &Contract, entity: &Entity, column: &str, facts: &Facts, add: &mut Add) {
    for (_, file) in facts.code {
        for (index, query) in file.queries.iter().enumerate() {
            let mut names = Vec::new();
            each_select_item(contract, query, &mut |queried, item, span| {
                if let SelectItem::Column { column: named, .. } = item {
                    if queried.name == entity.name && named.text == column {
                        add(Group::Code, span(named.start, named.end), "selects it".to_owned());
                        let top = query.table.as_ref().is_some_and(|t| is_table(entity, query, t));
                        if top {
                            names.extend(item.output_name().map(str::to_owned));
                        }
                    }
                }
            });
            if !query.table.as_ref().is_some_and(|t| is_table(entity, query, t)) {
                continue;
            }
            for used in query.columns.iter().filter(|c| c.name.name == column) {
                add(Group::Code, used.name.span, format!("in a {}", used.role.describe()));
            }
            let origin = DataOrigin::Query(index);
            for read in file.reads.iter().filter(|r| r.origin == origin) {
                let first = file.paths.steps(read.path).into_iter().find_map(|step| match step {
                    Step::Field(name) => Some(name),
                    Step::Element | Step::ArrayUse(_) => None,
                });
                if first.is_some_and(|name| names.contains(name)) {
                    add(Group::Code, read.span, "reads it from the rows".to_owned());
                }
            }
        }
    }
}

/// The literals the code compares with or writes to columns of the enum's type (one value of
/// it, or all), and the fields of that type.
fn enum_uses(contract: &Contract, name: &str, value: Option<&str>, facts: &Facts, add: &mut Add) {
    let of_enum = |ty: &FieldType| match ty {
        FieldType::Enum(e) => e == name,
        FieldType::Array(inner) => matches!(inner.as_ref(), FieldType::Enum(e) if e == name),
        FieldType::Scalar(_) => false,
    };
    for entity in &contract.entities {
        for field in entity.fields.iter().filter(|f| of_enum(&f.ty)) {
            add(Group::Contract, field.origin.span, format!("`{}.{}` has its type", entity.name, field.name));
        }
    }
    for (_, file) in facts.code {
        for query in &file.queries {
            let Some(entity) = query.table.as_ref().and_then(|t| contract.entity_by_table(&t.name)) else { continue };
            for used in &query.columns {
                let Some(field) = entity.field_by_column(&used.name.name).filter(|f| of_enum(&f.ty)) else { continue };
                for literal in used.values.iter().filter(|v| value.is_none_or(|value| v.name == value)) {
                    let what = format!("`{}` in a {} of `{}`", literal.name, used.role.describe(), field.db_name);
                    add(Group::Code, literal.span, what);
                }
            }
        }
    }
}

fn handlers(method: &str, path: &str, facts: &Facts, add: &mut Add) {
    for handler in facts.handlers {
        let method_agrees = handler.method.name == method || handler.method.name == ANY_METHOD;
        if method_agrees && crate::api::same_path(&handler.path, path) {
            add(
                Group::Routes,
                handler.method.span,
                format!("handler of {method} {path} ({})", handler.framework.describe()),
            );
        }
    }
}

/// The statements that create, change or drop the entity's table (or, for one operation, its
/// policies for that operation).
fn table_migrations(entity: &Entity, operation: Option<&str>, facts: &Facts, add: &mut Add) {
    let named = |table: &str| table == entity.table || entity.was.as_deref() == Some(table);
    if let Some(table) = facts.schema.and_then(|s| s.tables.iter().find(|t| t.name.name == entity.table)) {
        if operation.is_none() {
            if let Some(origin) = table.origin {
                add(Group::Migrations, origin, format!("creates table `{}`", entity.table));
            }
        }
        let commands = table.policies.iter().filter(|p| operation.is_none_or(|op| p.command.as_str() == op));
        for policy in commands {
            if let Some(origin) = policy.origin {
                add(Group::Migrations, origin, format!("policy `{}`", policy.name));
            }
        }
    }
    if operation.is_some() {
        return;
    }
    for_facts(facts, add, |kind| match kind {
        FactKind::CreateTable { table } if named(table) => Some(format!("creates table `{table}`")),
        FactKind::DropTable { table } if named(table) => Some(format!("drops table `{table}`")),
        FactKind::RenameTable { from, to } if named(from) || named(to) => Some(format!("renames `{from}` to `{to}`")),
        FactKind::CreateIndex { table, .. } if named(table) => Some("creates an index".to_owned()),
        FactKind::AddConstraint { table, kind, .. } if named(table) => Some(format!("adds a {kind:?} constraint")),
        FactKind::AddColumn { table, column, .. } if named(table) => Some(format!("adds column `{column}`")),
        FactKind::DropColumn { table, column } if named(table) => Some(format!("drops column `{column}`")),
        FactKind::RenameColumn { table, from, to } if named(table) => {
            Some(format!("renames column `{from}` to `{to}`"))
        }
        FactKind::AlterColumnType { table, column } if named(table) => Some(format!("changes the type of `{column}`")),
        FactKind::SetNotNull { table, column } if named(table) => Some(format!("makes `{column}` not null")),
        _ => None,
    });
}

/// The statements that create, change or drop the column (under its current or `@was` name).
fn column_migrations(entity: &Entity, column: &str, was: Option<&str>, facts: &Facts, add: &mut Add) {
    let table = |name: &str| name == entity.table || entity.was.as_deref() == Some(name);
    let named = |name: &str| name == column || was == Some(name);
    let created = facts.schema.and_then(|s| s.tables.iter().find(|t| t.name.name == entity.table));
    if let Some(origin) = created.and_then(|t| t.columns.iter().find(|c| c.name == column)).and_then(|c| c.origin) {
        add(Group::Migrations, origin, format!("last defines column `{}.{column}`", entity.table));
    }
    for_facts(facts, add, |kind| match kind {
        FactKind::AddColumn { table: t, column: c, .. } if table(t) && named(c) => Some(format!("adds column `{c}`")),
        FactKind::DropColumn { table: t, column: c } if table(t) && named(c) => Some(format!("drops column `{c}`")),
        FactKind::RenameColumn { table: t, from, to } if table(t) && (named(from) || named(to)) => {
            Some(format!("renames column `{from}` to `{to}`"))
        }
        FactKind::AlterColumnType { table: t, column: c } if table(t) && named(c) => {
            Some(format!("changes the type of `{c}`"))
        }
        FactKind::SetNotNull { table: t, column: c } if table(t) && named(c) => Some(format!("makes `{c}` not null")),
        _ => None,
    });
}

fn enum_migrations(db_name: &str, value: Option<&str>, facts: &Facts, add: &mut Add) {
    let named = |v: &str| value.is_none_or(|value| value == v);
    for_facts(facts, add, |kind| match kind {
        FactKind::CreateEnum { type_name, values } if type_name == db_name && values.iter().any(|v| named(v)) => {
            Some(format!("creates type `{type_name}`"))
        }
        FactKind::AddEnumValue { type_name, value } if type_name == db_name && named(value) => {
            Some(format!("adds value `{value}`"))
        }
        FactKind::RenameEnumValue { type_name, from, to } if type_name == db_name && (named(from) || named(to)) => {
            Some(format!("renames value `{from}` to `{to}`"))
        }
        _ => None,
    });
}

/// Every migration statement `what` describes, as a place.
fn for_facts(facts: &Facts, add: &mut Add, what: impl Fn(&FactKind) -> Option<String>) {
    for (file, statements) in facts.migrations {
        for fact in statements {
            if let Some(what) = what(&fact.kind) {
                add(Group::Migrations, Span::new(*file, fact.start, fact.end), what);
            }
        }
    }
}
