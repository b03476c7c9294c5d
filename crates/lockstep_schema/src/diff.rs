//! The typed diff: the changes that carry a database from one [`Schema`] to another, in an order
//! Postgres can apply. Expressions are compared by their canonical forms (built with the schema):
//! values are compared as they are, never parsed. Constraints, indexes and policies are matched
//! by meaning (columns, target, actions, expression, command, roles, conditions), not by name:
//! a key named differently by a migration is the same key.
//!
//! Views, functions, triggers and storage buckets are compared by what the model knows of
//! them (a view's columns, a function's signature and result, a trigger's function, a bucket's
//! settings), not by their bodies, which the model does not hold: a changed one is dropped and
//! created again. Comments are not compared.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use crate::object::Object;
use crate::{
    Bucket, Check, Column, EnumType, Expr, ForeignKey, Function, Identity, Index, KeyConstraint, Policy, QualifiedName,
    Schema, SqlType, Table, Trigger, View, quote_ident,
};

/// One step from `from` towards `to`. Drops carry the dropped object (its `origin` says where
/// `from` made it); creates carry the object to make.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Change {
    /// `alter table ... rename to`: a rename the contract declares (`@was`).
    RenameTable {
        from: QualifiedName,
        to: String,
    },
    /// `alter table ... rename column`, on the table under its new name.
    RenameColumn {
        table: QualifiedName,
        from: String,
        to: String,
    },
    /// `alter type ... rename to`.
    RenameEnum {
        from: QualifiedName,
        to: String,
    },
    /// `alter type ... rename value`, on the type under its new name.
    RenameEnumValue {
        enum_name: QualifiedName,
        from: String,
        to: String,
    },
    CreateSchema(String),
    DropSchema(String),
    CreateEnum(EnumType),
    DropEnum(EnumType),
    /// `alter type ... add value`, placed before `before` (or last when `None`).
    AddEnumValue {
        enum_name: QualifiedName,
        value: String,
        before: Option<String>,
        after: Option<String>,
    },
    /// Values removed or reordered: Postgres has no statement for it, so the type is replaced
    /// and `columns` (those of tables that exist on both sides) are cast to the new one.
    RemoveEnumValues {
        enum_name: QualifiedName,
        removed: Vec<String>,
        values: Vec<String>,
        columns: Vec<EnumColumn>,
    },
    /// A table with its columns, primary key, uniques and checks; its foreign keys, row-level
    /// security and policies follow as their own changes.
    CreateTable(Table),
    DropTable(Table),
    AddColumn {
        table: QualifiedName,
        column: Column,
    },
    DropColumn {
        table: QualifiedName,
        column: Column,
    },
    AlterColumnType {
        table: QualifiedName,
        column: String,
        from: SqlType,
        to: SqlType,
    },
    SetNotNull {
        table: QualifiedName,
        column: String,
    },
    DropNotNull {
        table: QualifiedName,
        column: String,
    },
    SetDefault {
        table: QualifiedName,
        column: String,
        default: Expr,
    },
    DropDefault {
        table: QualifiedName,
        column: String,
    },
    SetIdentity {
        table: QualifiedName,
        column: String,
        from: Option<Identity>,
        to: Option<Identity>,
    },
    AddPrimaryKey {
        table: QualifiedName,
        key: KeyConstraint,
    },
    DropPrimaryKey {
        table: QualifiedName,
        key: KeyConstraint,
    },
    AddUnique {
        table: QualifiedName,
        key: KeyConstraint,
    },
    DropUnique {
        table: QualifiedName,
        key: KeyConstraint,
    },
    AddForeignKey {
        table: QualifiedName,
        key: ForeignKey,
    },
    DropForeignKey {
        table: QualifiedName,
        key: ForeignKey,
    },
    AddCheck {
        table: QualifiedName,
        check: Check,
    },
    DropCheck {
        table: QualifiedName,
        check: Check,
    },
    CreateIndex(Index),
    DropIndex(Index),
    EnableRls(QualifiedName),
    DisableRls(QualifiedName),
    ForceRls(QualifiedName),
    NoForceRls(QualifiedName),
    CreatePolicy {
        table: QualifiedName,
        policy: Policy,
    },
    DropPolicy {
        table: QualifiedName,
        policy: Policy,
    },
    /// A view to make: the model knows its columns, not its query.
    CreateView(View),
    DropView(View),
    /// A function to make: the model knows its signature and result, not its body.
    CreateFunction(Function),
    DropFunction(Function),
    CreateTrigger(Trigger),
    DropTrigger(Trigger),
    /// A row of `storage.buckets` to insert, delete or update.
    CreateBucket(Bucket),
    DropBucket(Bucket),
    AlterBucket {
        from: Bucket,
        to: Bucket,
    },
}

/// A column whose type is an enum being replaced, with the default to restore after the cast.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EnumColumn {
    pub table: QualifiedName,
    pub column: String,
    pub array: bool,
    pub default: Option<Expr>,
}

impl Change {
    /// The object the change concerns: what origins are looked up by.
    pub fn object(&self) -> Object {
        let column =
            |table: &QualifiedName, column: &str| Object::Column { table: table.clone(), column: column.to_owned() };
        let constraint =
            |table: &QualifiedName, name: &str| Object::Constraint { table: table.clone(), name: name.to_owned() };
        match self {
            Change::RenameTable { from, to } => Object::Table(QualifiedName::new(from.schema.clone(), to.clone())),
            Change::RenameColumn { table, to, .. } => column(table, to),
            Change::RenameEnum { from, to } => Object::Enum(QualifiedName::new(from.schema.clone(), to.clone())),
            Change::RenameEnumValue { enum_name, to, .. } => {
                Object::EnumValue { enum_name: enum_name.clone(), value: to.clone() }
            }
            Change::CreateSchema(name) | Change::DropSchema(name) => Object::Schema(name.clone()),
            Change::CreateEnum(e) | Change::DropEnum(e) => Object::Enum(e.name.clone()),
            Change::AddEnumValue { enum_name, value, .. } => {
                Object::EnumValue { enum_name: enum_name.clone(), value: value.clone() }
            }
            Change::RemoveEnumValues { enum_name, .. } => Object::Enum(enum_name.clone()),
            Change::CreateTable(table) | Change::DropTable(table) => Object::Table(table.name.clone()),
            Change::EnableRls(table)
            | Change::DisableRls(table)
            | Change::ForceRls(table)
            | Change::NoForceRls(table) => Object::Table(table.clone()),
            Change::AddColumn { table, column: c } | Change::DropColumn { table, column: c } => column(table, &c.name),
            Change::AlterColumnType { table, column: c, .. }
            | Change::SetNotNull { table, column: c }
            | Change::DropNotNull { table, column: c }
            | Change::SetDefault { table, column: c, .. }
            | Change::DropDefault { table, column: c }
            | Change::SetIdentity { table, column: c, .. } => column(table, c),
            Change::AddPrimaryKey { table, key }
            | Change::DropPrimaryKey { table, key }
            | Change::AddUnique { table, key }
            | Change::DropUnique { table, key } => constraint(table, &key.name),
            Change::AddForeignKey { table, key } | Change::DropForeignKey { table, key } => {
                constraint(table, &key.name)
            }
            Change::AddCheck { table, check } | Change::DropCheck { table, check } => constraint(table, &check.name),
            Change::CreateIndex(index) | Change::DropIndex(index) => Object::Index(index.name.clone()),
            Change::CreatePolicy { table, policy } | Change::DropPolicy { table, policy } => {
                Object::Policy { table: table.clone(), name: policy.name.clone() }
            }
            Change::CreateView(view) | Change::DropView(view) => Object::View(view.name.clone()),
            Change::CreateFunction(function) | Change::DropFunction(function) => {
                Object::Function { name: function.name.clone(), arguments: function.arguments.clone() }
            }
            Change::CreateTrigger(trigger) | Change::DropTrigger(trigger) => {
                Object::Trigger { table: trigger.table.clone(), name: trigger.name.clone() }
            }
            Change::CreateBucket(bucket) | Change::DropBucket(bucket) | Change::AlterBucket { to: bucket, .. } => {
                Object::Bucket(bucket.id.clone())
            }
        }
    }

    /// Where the change goes in a plan: drops first, from the most dependent object down to
    /// tables; then creates from schemas and enums up to policies; enums and schemas that are
    /// no longer used last.
    fn rank(&self) -> u8 {
        match self {
            // The diff makes no renames: `lockstep_db::plan` puts the declared ones ahead of it.
            Change::RenameTable { .. }
            | Change::RenameColumn { .. }
            | Change::RenameEnum { .. }
            | Change::RenameEnumValue { .. }
            | Change::DropPolicy { .. }
            | Change::DropTrigger(_)
            | Change::DropBucket(_) => 0,
            // Views read tables and columns: they go before what they read.
            Change::DropView(_) | Change::DisableRls(_) | Change::NoForceRls(_) => 1,
            Change::DropForeignKey { .. } => 2,
            Change::DropIndex(_) => 3,
            Change::DropCheck { .. } | Change::DropUnique { .. } => 4,
            Change::DropPrimaryKey { .. } => 5,
            Change::DropDefault { .. } => 6,
            Change::DropColumn { .. } => 7,
            Change::DropTable(_) => 8,
            // After the defaults, policies and triggers that call it.
            Change::DropFunction(_) => 9,
            Change::CreateSchema(_) => 10,
            Change::CreateEnum(_) => 11,
            Change::AddEnumValue { .. } => 12,
            Change::RemoveEnumValues { .. } => 13,
            // Before the tables whose defaults and checks may call it, as `pg_dump` orders them.
            Change::CreateFunction(_) => 14,
            Change::CreateTable(_) => 15,
            Change::AddColumn { .. } => 16,
            Change::AlterColumnType { .. } => 17,
            Change::SetIdentity { .. } => 18,
            Change::DropNotNull { .. } | Change::SetNotNull { .. } => 19,
            Change::SetDefault { .. } => 20,
            Change::AddPrimaryKey { .. } => 21,
            Change::AddUnique { .. } => 22,
            Change::AddCheck { .. } => 23,
            Change::CreateIndex(_) => 24,
            Change::AddForeignKey { .. } => 25,
            Change::CreateView(_) => 26,
            Change::CreateTrigger(_) => 27,
            Change::EnableRls(_) | Change::ForceRls(_) => 28,
            Change::CreatePolicy { .. } => 29,
            Change::CreateBucket(_) | Change::AlterBucket { .. } => 30,
            Change::DropEnum(_) => 31,
            Change::DropSchema(_) => 32,
        }
    }
}

/// Every change from `from` to `to`.
pub fn diff(from: &Schema, to: &Schema) -> Vec<Change> {
    diff_in(from, to, &|_| true)
}

/// The changes to the objects in the schemas `include` accepts: the app's, leaving what a
/// provider (Supabase's `auth`, `storage`) owns. Foreign keys into other schemas are kept.
pub fn diff_in(from: &Schema, to: &Schema, include: &dyn Fn(&str) -> bool) -> Vec<Change> {
    let mut changes = Vec::new();
    schemas(from, to, include, &mut changes);
    enums(from, to, include, &mut changes);
    let from_tables: BTreeMap<&QualifiedName, &Table> =
        from.tables.iter().filter(|t| include(&t.name.schema)).map(|t| (&t.name, t)).collect();
    let to_tables: BTreeMap<&QualifiedName, &Table> =
        to.tables.iter().filter(|t| include(&t.name.schema)).map(|t| (&t.name, t)).collect();
    for (name, table) in &from_tables {
        if to_tables.contains_key(name) {
            continue;
        }
        // Explicitly first, so tables dropped together drop in any order.
        for key in &table.foreign_keys {
            changes.push(Change::DropForeignKey { table: table.name.clone(), key: key.clone() });
        }
        for policy in &table.policies {
            changes.push(Change::DropPolicy { table: table.name.clone(), policy: policy.clone() });
        }
        changes.push(Change::DropTable((*table).clone()));
    }
    for (name, table) in &to_tables {
        match from_tables.get(name) {
            Some(old) => alter_table(old, table, &mut changes),
            None => create_table(table, &mut changes),
        }
    }
    indexes(from, to, include, &from_tables, &to_tables, &mut changes);
    views(from, to, include, &mut changes);
    functions(from, to, include, &mut changes);
    triggers(from, to, include, &mut changes);
    buckets(from, to, &mut changes);
    // A stable sort: within a rank, the order of the walk above (names sorted, columns in
    // table order).
    changes.sort_by_key(Change::rank);
    changes
}

fn schemas(from: &Schema, to: &Schema, include: &dyn Fn(&str) -> bool, changes: &mut Vec<Change>) {
    let from_names: BTreeSet<&String> = from.schemas.iter().filter(|s| include(s)).collect();
    let to_names: BTreeSet<&String> = to.schemas.iter().filter(|s| include(s)).collect();
    for name in to_names.difference(&from_names) {
        changes.push(Change::CreateSchema((*name).clone()));
    }
    for name in from_names.difference(&to_names) {
        changes.push(Change::DropSchema((*name).clone()));
    }
}

fn enums(from: &Schema, to: &Schema, include: &dyn Fn(&str) -> bool, changes: &mut Vec<Change>) {
    let from_enums: BTreeMap<&QualifiedName, &EnumType> =
        from.enums.iter().filter(|e| include(&e.name.schema)).map(|e| (&e.name, e)).collect();
    let to_enums: BTreeMap<&QualifiedName, &EnumType> =
        to.enums.iter().filter(|e| include(&e.name.schema)).map(|e| (&e.name, e)).collect();
    for (name, new) in &to_enums {
        let Some(old) = from_enums.get(name) else {
            changes.push(Change::CreateEnum((*new).clone()));
            continue;
        };
        if old.values == new.values {
            continue;
        }
        let kept: Vec<&String> = new.values.iter().filter(|v| old.values.contains(v)).collect();
        if kept.len() == old.values.len() && kept.iter().zip(&old.values).all(|(a, b)| *a == b) {
            add_enum_values(old, new, changes);
        } else {
            changes.push(Change::RemoveEnumValues {
                enum_name: (*name).clone(),
                removed: old.values.iter().filter(|v| !new.values.contains(v)).cloned().collect(),
                values: new.values.clone(),
                columns: enum_columns(from, to, name),
            });
        }
    }
    for (name, old) in &from_enums {
        if !to_enums.contains_key(name) {
            changes.push(Change::DropEnum((*old).clone()));
        }
    }
}

/// New values when the old ones keep their order: each goes before the next value that
/// already exists, or after the last.
fn add_enum_values(old: &EnumType, new: &EnumType, changes: &mut Vec<Change>) {
    for (at, value) in new.values.iter().enumerate() {
        if old.values.contains(value) {
            continue;
        }
        let before = new.values[at + 1..].iter().find(|v| old.values.contains(v)).cloned();
        let after = if before.is_none() { new.values[..at].last().cloned() } else { None };
        changes.push(Change::AddEnumValue { enum_name: new.name.clone(), value: value.clone(), before, after });
    }
}

/// The columns of type `name` (or an array of it) in tables both sides have, that are of that
/// type on both sides: the columns a type replacement must cast.
fn enum_columns(from: &Schema, to: &Schema, name: &QualifiedName) -> Vec<EnumColumn> {
    let printed = type_name(name);
    let array = format!("{printed}[]");
    let mut columns = Vec::new();
    let from_tables: HashMap<&QualifiedName, &Table> = from.tables.iter().map(|t| (&t.name, t)).collect();
    for table in &to.tables {
        let Some(old) = from_tables.get(&table.name) else { continue };
        for column in &table.columns {
            let is_array = column.ty == *array;
            if column.ty != *printed && !is_array {
                continue;
            }
            if old.columns.iter().any(|c| c.name == column.name && c.ty == column.ty) {
                columns.push(EnumColumn {
                    table: table.name.clone(),
                    column: column.name.clone(),
                    array: is_array,
                    default: column.default.clone(),
                });
            }
        }
    }
    columns
}

/// A type's name as `format_type` prints it: unqualified in `public`.
pub fn type_name(name: &QualifiedName) -> String {
    if name.schema == "public" {
        quote_ident(&name.name)
    } else {
        format!("{}.{}", quote_ident(&name.schema), quote_ident(&name.name))
    }
}

fn create_table(table: &Table, changes: &mut Vec<Change>) {
    let mut created = table.clone();
    created.foreign_keys.clear();
    created.policies.clear();
    created.rls_enabled = false;
    created.rls_forced = false;
    changes.push(Change::CreateTable(created));
    for key in &table.foreign_keys {
        changes.push(Change::AddForeignKey { table: table.name.clone(), key: key.clone() });
    }
    if table.rls_enabled {
        changes.push(Change::EnableRls(table.name.clone()));
    }
    if table.rls_forced {
        changes.push(Change::ForceRls(table.name.clone()));
    }
    for policy in &table.policies {
        changes.push(Change::CreatePolicy { table: table.name.clone(), policy: policy.clone() });
    }
}

fn alter_table(from: &Table, to: &Table, changes: &mut Vec<Change>) {
    let name = &to.name;
    for column in &to.columns {
        match from.columns.iter().find(|c| c.name == column.name) {
            Some(old) if old.generated != column.generated => {
                changes.push(Change::DropColumn { table: name.clone(), column: old.clone() });
                changes.push(Change::AddColumn { table: name.clone(), column: column.clone() });
            }
            Some(old) => alter_column(name, old, column, changes),
            None => changes.push(Change::AddColumn { table: name.clone(), column: column.clone() }),
        }
    }
    for old in &from.columns {
        if !to.columns.iter().any(|c| c.name == old.name) {
            changes.push(Change::DropColumn { table: name.clone(), column: old.clone() });
        }
    }
    match (&from.primary_key, &to.primary_key) {
        (Some(old), Some(new)) if old.columns == new.columns => {}
        (old, new) => {
            if let Some(key) = old {
                changes.push(Change::DropPrimaryKey { table: name.clone(), key: key.clone() });
            }
            if let Some(key) = new {
                changes.push(Change::AddPrimaryKey { table: name.clone(), key: key.clone() });
            }
        }
    }
    let (dropped, added) = matching(&from.uniques, &to.uniques, |a, b| a.columns == b.columns, |k| &k.name);
    changes.extend(dropped.into_iter().map(|key| Change::DropUnique { table: name.clone(), key: key.clone() }));
    changes.extend(added.into_iter().map(|key| Change::AddUnique { table: name.clone(), key: key.clone() }));
    let same_key = |a: &ForeignKey, b: &ForeignKey| {
        a.columns == b.columns
            && a.references == b.references
            && a.referenced_columns == b.referenced_columns
            && a.on_delete == b.on_delete
            && a.on_update == b.on_update
    };
    let (dropped, added) = matching(&from.foreign_keys, &to.foreign_keys, same_key, |k| &k.name);
    changes.extend(dropped.into_iter().map(|key| Change::DropForeignKey { table: name.clone(), key: key.clone() }));
    changes.extend(added.into_iter().map(|key| Change::AddForeignKey { table: name.clone(), key: key.clone() }));
    let (dropped, added) = matching(&from.checks, &to.checks, |a, b| a.expression == b.expression, |c| &c.name);
    changes.extend(dropped.into_iter().map(|check| Change::DropCheck { table: name.clone(), check: check.clone() }));
    changes.extend(added.into_iter().map(|check| Change::AddCheck { table: name.clone(), check: check.clone() }));
    match (from.rls_enabled, to.rls_enabled) {
        (false, true) => changes.push(Change::EnableRls(name.clone())),
        (true, false) => changes.push(Change::DisableRls(name.clone())),
        _ => {}
    }
    match (from.rls_forced, to.rls_forced) {
        (false, true) => changes.push(Change::ForceRls(name.clone())),
        (true, false) => changes.push(Change::NoForceRls(name.clone())),
        _ => {}
    }
    // A changed policy is a drop and a create: Postgres cannot change a policy's command.
    let same_policy = |a: &Policy, b: &Policy| {
        a.command == b.command
            && a.permissive == b.permissive
            && a.roles == b.roles
            && a.using == b.using
            && a.with_check == b.with_check
    };
    let (dropped, added) = matching(&from.policies, &to.policies, same_policy, |p| &p.name);
    changes
        .extend(dropped.into_iter().map(|policy| Change::DropPolicy { table: name.clone(), policy: policy.clone() }));
    changes
        .extend(added.into_iter().map(|policy| Change::CreatePolicy { table: name.clone(), policy: policy.clone() }));
}

fn alter_column(table: &QualifiedName, from: &Column, to: &Column, changes: &mut Vec<Change>) {
    let column = || to.name.clone();
    if from.ty != to.ty {
        changes.push(Change::AlterColumnType {
            table: table.clone(),
            column: column(),
            from: from.ty.clone(),
            to: to.ty.clone(),
        });
    }
    if from.identity != to.identity {
        changes.push(Change::SetIdentity {
            table: table.clone(),
            column: column(),
            from: from.identity,
            to: to.identity,
        });
    }
    match (from.nullable, to.nullable) {
        (true, false) => changes.push(Change::SetNotNull { table: table.clone(), column: column() }),
        (false, true) => changes.push(Change::DropNotNull { table: table.clone(), column: column() }),
        _ => {}
    }
    match (&from.default, &to.default) {
        (old, Some(new)) if old.as_ref() != Some(new) => {
            changes.push(Change::SetDefault { table: table.clone(), column: column(), default: new.clone() });
        }
        (Some(_), None) => changes.push(Change::DropDefault { table: table.clone(), column: column() }),
        _ => {}
    }
}

/// The indexes of tables on both sides, matched by table, columns and uniqueness; those of a
/// dropped table go with it.
fn indexes(
    from: &Schema,
    to: &Schema,
    include: &dyn Fn(&str) -> bool,
    from_tables: &BTreeMap<&QualifiedName, &Table>,
    to_tables: &BTreeMap<&QualifiedName, &Table>,
    changes: &mut Vec<Change>,
) {
    let mut from_indexes: Vec<&Index> = from.indexes.iter().filter(|i| include(&i.table.schema)).collect();
    let mut to_indexes: Vec<&Index> = to.indexes.iter().filter(|i| include(&i.table.schema)).collect();
    from_indexes.sort_by(|a, b| a.name.cmp(&b.name));
    to_indexes.sort_by(|a, b| a.name.cmp(&b.name));
    let same = |a: &&Index, b: &&Index| {
        a.table == b.table && a.columns == b.columns && a.unique == b.unique && a.partial == b.partial
    };
    let (dropped, added) = matching(&from_indexes, &to_indexes, same, |i| &i.name.name);
    for index in dropped {
        // `include` accepts the schemas of both maps' tables alike.
        if !from_tables.contains_key(&index.table) || to_tables.contains_key(&index.table) {
            changes.push(Change::DropIndex((*index).clone()));
        }
    }
    changes.extend(added.into_iter().map(|index| Change::CreateIndex((*index).clone())));
}

/// Views by name; one whose kind or columns changed is dropped and made again (Postgres can
/// only add columns at the end of a view, and the model does not hold the query).
fn views(from: &Schema, to: &Schema, include: &dyn Fn(&str) -> bool, changes: &mut Vec<Change>) {
    let keyed = |schema: &Schema| -> BTreeMap<QualifiedName, View> {
        schema.views.iter().filter(|v| include(&v.name.schema)).map(|v| (v.name.clone(), v.clone())).collect()
    };
    let same = |a: &View, b: &View| a.materialized == b.materialized && a.columns == b.columns;
    replaced(keyed(from), keyed(to), same, Change::DropView, Change::CreateView, changes);
}

/// Functions by name and argument types; one whose result or argument names changed is
/// dropped and made again (`create or replace` cannot change a result type).
fn functions(from: &Schema, to: &Schema, include: &dyn Fn(&str) -> bool, changes: &mut Vec<Change>) {
    let keyed = |schema: &Schema| -> BTreeMap<(QualifiedName, Vec<String>), Function> {
        schema
            .functions
            .iter()
            .filter(|f| include(&f.name.schema))
            .map(|f| ((f.name.clone(), f.arguments.clone()), f.clone()))
            .collect()
    };
    let same = |a: &Function, b: &Function| {
        a.returns == b.returns
            && a.argument_names == b.argument_names
            && a.result_columns == b.result_columns
            && a.defaulted_arguments == b.defaulted_arguments
    };
    replaced(keyed(from), keyed(to), same, Change::DropFunction, Change::CreateFunction, changes);
}

/// Triggers by table and name; one that calls another function is dropped and made again.
fn triggers(from: &Schema, to: &Schema, include: &dyn Fn(&str) -> bool, changes: &mut Vec<Change>) {
    let keyed = |schema: &Schema| -> BTreeMap<(QualifiedName, String), Trigger> {
        schema
            .triggers
            .iter()
            .filter(|t| include(&t.table.schema))
            .map(|t| ((t.table.clone(), t.name.clone()), t.clone()))
            .collect()
    };
    let same = |a: &Trigger, b: &Trigger| a.function == b.function;
    replaced(keyed(from), keyed(to), same, Change::DropTrigger, Change::CreateTrigger, changes);
}

/// Objects Postgres cannot alter the way the model compares them: one only in `from`, or not
/// `same` as its counterpart, is dropped; one only in `to`, or changed, is made. Drops first,
/// then creates, each in key order.
fn replaced<K: Ord, T>(
    from: BTreeMap<K, T>,
    mut to: BTreeMap<K, T>,
    same: impl Fn(&T, &T) -> bool,
    drop: fn(T) -> Change,
    create: fn(T) -> Change,
    changes: &mut Vec<Change>,
) {
    for (key, old) in from {
        if to.get(&key).is_some_and(|new| same(&old, new)) {
            to.remove(&key);
        } else {
            changes.push(drop(old));
        }
    }
    changes.extend(to.into_values().map(create));
}

/// Storage buckets by id: rows of Supabase's `storage` schema, which `include` leaves out of
/// everything else, so they are always compared.
fn buckets(from: &Schema, to: &Schema, changes: &mut Vec<Change>) {
    let from_buckets: BTreeMap<&String, &Bucket> = from.buckets.iter().map(|b| (&b.id, b)).collect();
    let to_buckets: BTreeMap<&String, &Bucket> = to.buckets.iter().map(|b| (&b.id, b)).collect();
    let same = |a: &Bucket, b: &Bucket| {
        a.public == b.public && a.file_size_limit == b.file_size_limit && a.allowed_mime_types == b.allowed_mime_types
    };
    for (id, old) in &from_buckets {
        if !to_buckets.contains_key(id) {
            changes.push(Change::DropBucket((*old).clone()));
        }
    }
    for (id, new) in &to_buckets {
        match from_buckets.get(id) {
            None => changes.push(Change::CreateBucket((*new).clone())),
            Some(old) if !same(old, new) => {
                changes.push(Change::AlterBucket { from: (*old).clone(), to: (*new).clone() });
            }
            Some(_) => {}
        }
    }
}

/// Pairs equal items of both sides, those of the same name first; returns the unpaired ones of
/// each side, in order. Linear when names pair most items (a schema's thousands of indexes).
fn matching<'a, T>(
    from: &'a [T],
    to: &'a [T],
    same: impl Fn(&T, &T) -> bool,
    name: impl Fn(&T) -> &String,
) -> (Vec<&'a T>, Vec<&'a T>) {
    let mut paired = vec![false; from.len()];
    // A table's few keys are scanned; a schema's many indexes are looked up by name.
    let indexed = from.len() > 16;
    let mut by_name: HashMap<&String, Vec<usize>> = HashMap::new();
    if indexed {
        for (i, old) in from.iter().enumerate() {
            by_name.entry(name(old)).or_default().push(i);
        }
    }
    let mut added = Vec::new();
    let mut unpaired_to = Vec::new();
    for item in to {
        let found = if indexed {
            let named = by_name.get(name(item)).map_or(&[][..], Vec::as_slice);
            named.iter().copied().find(|&i| !paired[i] && same(&from[i], item))
        } else {
            (0..from.len()).find(|&i| !paired[i] && name(&from[i]) == name(item) && same(&from[i], item))
        };
        match found {
            Some(i) => paired[i] = true,
            None => unpaired_to.push(item),
        }
    }
    let unpaired_from: Vec<usize> =
        if unpaired_to.is_empty() { Vec::new() } else { (0..from.len()).filter(|&i| !paired[i]).collect() };
    for item in unpaired_to {
        match unpaired_from.iter().copied().find(|&i| !paired[i] && same(&from[i], item)) {
            Some(i) => paired[i] = true,
            None => added.push(item),
        }
    }
    let dropped = from.iter().zip(&paired).filter(|(_, p)| !**p).map(|(item, _)| item).collect();
    (dropped, added)
}
